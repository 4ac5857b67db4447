/* The live breach board: the loop's hooks, the keys and board_run. Its parts
 * are listed in ui/board_int.h. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/exitcodes.h"
#include "base/now.h"
#include "conf/config.h"
#include "db/db.h"
#include "ui/board_int.h"
#include "ui/console.h"
#include "ui/theme.h"
#include "ui/ui.h"

/* Paints the frame: only the rows whose segments changed (all when full).
 * Offline: the last state greyed; header and status stay. */
static void paint(struct board *b, int full)
{
	int dim = b->conn == B_OFFLINE;

	frame_paint(&b->frame, &b->painter, dim ? 1 : 0, dim ? b->frame.rows - 1 : 0, full);
}

/* Repaints what changed, outside ui_run's full redraw (which erases). */
static void refresh_changed(struct board *b)
{
	if (COLS < BOARD_MIN_COLS || LINES < BOARD_MIN_ROWS)
		return;
	b->frame.rows = LINES;
	b->frame.cols = COLS;
	board_layout(b, &b->frame);
	b->next_tick = board_next_tick(&b->view, b->seconds_shown);
	paint(b, 0);
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- loop hooks ---------------------------------------------------------- */

static int hook_fd(void *app)
{
	struct board *b = app;

	return b->conn == B_LIVE ? session_fd(&b->sess) : -1;
}

static int hook_on_fd(void *app)
{
	struct board *b = app;
	enum board_conn was = b->conn;

	if (board_take_input(b) || b->conn != was) {
		board_recompute(b);
		refresh_changed(b);
		if (b->inflight == Q_NONE || b->inflight == Q_CHART)
			board_write_trace(b);
	}
	return UI_KEEP;
}

static int hook_on_tick(void *app)
{
	struct board *b = app;
	int64_t now = sd_now();
	int repaint = 0;

	if (b->conn == B_OFFLINE)
		repaint = session_tick(&b->sess); /* LIVE again (board_live), or the countdown */
	else
		board_send_next(b);
	if (now >= b->next_tick || repaint) {
		board_recompute(b);
		refresh_changed(b);
	}
	return UI_KEEP;
}

/* Any key while OFFLINE tries to reconnect at once. */
static int hook_on_key(void *app, int key)
{
	struct board *b = app;

	(void)key;
	if (b->conn == B_OFFLINE)
		session_kick(&b->sess);
	return UI_KEEP;
}

static int screen_key(void *app, enum ui_request req, int key)
{
	struct board *b = app;
	size_t n;

	b->note[0] = '\0';
	if (b->help) { /* the help closes with its key, Esc or q */
		if (req == REQ_HELP || req == REQ_QUIT || key == 27)
			b->help = 0;
		else if (req == REQ_REFRESH)
			clearok(curscr, TRUE);
		else
			return UI_UNHANDLED | UI_REDRAW;
		return UI_REDRAW;
	}
	if (b->list_rows[b->focus] == 0) /* its list is not on screen (compact layout) */
		for (int l = BOARD_LISTS - 1; l >= 0; l--)
			if (b->list_rows[l] > 0)
				b->focus = l;
	(void)board_list_of(b, (enum board_list)b->focus, &n);
	if (ui_list_nav(req, &b->scroll[b->focus], n, b->list_rows[b->focus], 0)) {
		b->focus_shown = 1;
		return UI_REDRAW;
	}
	switch (req) {
	case REQ_HELP:
		b->help = 1;
		break;
	case REQ_QUIT:
		return UI_QUIT;
	case REQ_NEXT_LIST: /* the next list on screen */
		for (int i = 1; i <= BOARD_LISTS; i++) {
			int l = (b->focus + i) % BOARD_LISTS;

			if (b->list_rows[l] > 0 || i == BOARD_LISTS) {
				b->focus = l;
				break;
			}
		}
		b->focus_shown = 1;
		break;
	case REQ_REFRESH:
		b->dirty = 1;
		board_send_next(b);
		clearok(curscr, TRUE);
		break;
	default:
		return key != 0 ? UI_UNHANDLED | UI_REDRAW : UI_KEEP;
	}
	return UI_REDRAW;
}

static void hook_say(void *app, const char *msg)
{
	struct board *b = app;

	snprintf(b->note, sizeof b->note, "%s", msg);
}

static void screen_draw(void *app, int top, int rows, int cols)
{
	struct board *b = app;

	(void)top;
	(void)rows;
	(void)cols;
	board_recompute(b);
	b->frame.rows = LINES;
	b->frame.cols = COLS;
	board_layout(b, &b->frame);
	b->next_tick = board_next_tick(&b->view, b->seconds_shown);
	/* Slow links: no cursor parking after an update (the cursor is hidden). */
	leaveok(stdscr, TRUE);
	paint(b, 1); /* ui_run erased the screen */
}

static const struct ui_screen board_screen = {
	.name = "board",
	.id = UI_SCR_BOARD,
	.key = screen_key,
	.draw = screen_draw,
	.min_cols = BOARD_MIN_COLS, /* below 80x24: the compact layout */
	.min_rows = BOARD_MIN_ROWS,
};

static const struct ui_screen *hook_screen(void *app)
{
	(void)app;
	return &board_screen;
}

/* The board paints its header and status rows itself (from the frame). */
static void hook_nothing(void *app, int cols)
{
	(void)app;
	(void)cols;
}
int board_run(const struct sdesk_config *cfg, const struct board_options *opt)
{
	struct board b;
	struct ui_app ua = {
		.app = &b,
		.fd = hook_fd,
		.on_fd = hook_on_fd,
		.on_tick = hook_on_tick,
		.on_key = hook_on_key,
		.screen = hook_screen,
		.draw_header = hook_nothing,
		.draw_status = hook_nothing,
		.say = hook_say,
		.tick_ms = 100,
	};
	char err[512];
	int sig;

	ui_ascii = opt->plain || cfg->ascii_only;
	if (console_bind_keys(cfg, err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		return SDESK_EXIT_USAGE;
	}
	if (board_open(&b, cfg, opt) != 0) {
		board_close(&b);
		return SDESK_EXIT_RUNTIME;
	}
	/* The first snapshot and an empty partial reload, prepared and planned
	 * now (start-up blocks anyway), so that the first change is on screen
	 * one execution later, not one planning later. */
	if (db_listen(b.db, DB_CHANGES_CHANNEL) < 0 || board_q_load_live(b.db, &opt->filter, &b.data) != 0
	    || board_q_delta_load(b.db, &opt->filter, &b.data, NULL, 0) != 0
	    || board_q_chart_load(b.db, cfg->board_chart_days, &b.chart) != 0) {
		fprintf(stderr, "sdesk: board: %s\n", db_last_error(b.db)->plain);
		board_close(&b);
		return SDESK_EXIT_RUNTIME;
	}
	b.conn = B_LIVE;
	b.snap_at = b.chart_at = sd_now();
	if (ui_start(cfg->color && !opt->plain, err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		board_close(&b);
		return SDESK_EXIT_RUNTIME;
	}
	b.numbers = ui_ascii || !theme_is_color();
	ui_locale_notice(b.message, sizeof b.message); /* until the next refresh */
	board_recompute(&b);
	sig = ui_run(&ua);
	ui_stop();
	board_close(&b);
	if (sig)
		fprintf(stderr, _("sdesk: board closed (signal %d)\n"), sig);
	return SDESK_EXIT_OK;
}
