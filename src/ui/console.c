/* The console's model and its wiring to the loop: connection, reload on
 * NOTIFY, reconnect with back-off, header and status line. */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/exitcodes.h"
#include "base/util.h"
#include "conf/config.h"
#include "db/db.h"
#include "db/queue.h"
#include "ui/console.h"
#include "ui/text.h"
#include "ui/theme.h"

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void console_say(struct console *c, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->message, sizeof c->message, fmt, ap);
	va_end(ap);
	c->message_is_error = error;
}

void console_push(struct console *c, const struct ui_screen *s)
{
	if (c->depth >= CONSOLE_STACK)
		return;
	c->stack[c->depth++] = s;
	if (s->enter)
		s->enter(c);
}

void console_pop(struct console *c)
{
	if (c->depth > 1)
		c->depth--;
}

const struct ui_screen *console_below(const struct console *c)
{
	return c->depth > 1 ? c->stack[c->depth - 2] : c->stack[0];
}

/* ---- rows: state, due instant, formatting ------------------------------- */

int64_t console_row_due(const struct queue_row *r, const char **which)
{
	const char *w = "reaction";
	int64_t due = r->reaction_due;

	if (r->first_contact != QUEUE_NO_TIME) {
		w = "resolution";
		due = r->estimate_due != QUEUE_NO_TIME ? r->estimate_due : r->resolution_due;
	}
	if (which)
		*which = w;
	return due;
}

enum row_state console_row_state(const struct console *c, const struct queue_row *r)
{
	int64_t due = console_row_due(r, NULL);

	if (r->paused_since != QUEUE_NO_TIME || strcmp(r->status, "waiting") == 0)
		return ROW_PAUSED;
	if (due != QUEUE_NO_TIME && due <= c->now)
		return ROW_BREACHED;
	if (due != QUEUE_NO_TIME && due - c->now <= (int64_t)c->cfg->at_risk_minutes * 60)
		return ROW_AT_RISK;
	if (r->escalation > 0 || r->extended)
		return ROW_ESCALATED;
	return ROW_NORMAL;
}

const char *console_marker(enum row_state st)
{
	switch (st) {
	case ROW_BREACHED:  return "!!";
	case ROW_AT_RISK:   return "! ";
	case ROW_PAUSED:    return "||";
	case ROW_ESCALATED: return "^ ";
	default:            return "  ";
	}
}

void console_format_left(int64_t due, int64_t now, char *buf, size_t len)
{
	int64_t s, m;
	const char *sign = "";

	if (due == QUEUE_NO_TIME) {
		snprintf(buf, len, "-");
		return;
	}
	s = due - now;
	if (s < 0) {
		sign = "-";
		s = -s;
		m = (s + 59) / 60; /* a started minute over counts */
	} else {
		m = s / 60;
	}
	if (m < 60)
		snprintf(buf, len, "%s%lldm", sign, (long long)m);
	else if (m < 24 * 60)
		snprintf(buf, len, "%s%lldh %02lldm", sign, (long long)(m / 60), (long long)(m % 60));
	else
		snprintf(buf, len, "%s%lldd %lldh", sign, (long long)(m / 1440), (long long)(m % 1440 / 60));
}

void console_format_time(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == QUEUE_NO_TIME || !localtime_r(&tt, &tm)) {
		snprintf(buf, len, "-");
		return;
	}
	strftime(buf, len, "%Y-%m-%d %H:%M", &tm);
}

/* ---- filter and reload ---------------------------------------------------- */

static int row_matches(const struct queue_row *r, const char *s)
{
	return text_contains(r->ref, s) || text_contains(r->customer, s) || text_contains(r->subject, s);
}

void console_filter(struct console *c)
{
	size_t keep = c->cursor;

	free(c->visible);
	c->visible = xcalloc(c->queue.n ? c->queue.n : 1, sizeof *c->visible);
	c->nvisible = 0;
	for (size_t i = 0; i < c->queue.n; i++)
		if (row_matches(&c->queue.rows[i], c->search))
			c->visible[c->nvisible++] = i;
	/* Stay on the same ticket; if it is gone, stay at the same position. */
	c->cursor = keep;
	for (size_t v = 0; v < c->nvisible; v++)
		if (c->queue.rows[c->visible[v]].id == c->selected_id) {
			c->cursor = v;
			break;
		}
	if (c->nvisible == 0)
		c->cursor = 0;
	else if (c->cursor >= c->nvisible)
		c->cursor = c->nvisible - 1;
	if (c->nvisible)
		c->selected_id = c->queue.rows[c->visible[c->cursor]].id;
}

static void go_offline(struct console *c)
{
	if (c->state == CON_OFFLINE)
		return;
	c->state = CON_OFFLINE;
	c->backoff_ms = c->cfg->reconnect_min_ms;
	c->retry_at_ms = mono_ms() + c->backoff_ms;
	console_say(c, 1, "connection to the database lost: %s", db_last_error(c->db)->plain);
}

void console_reload(struct console *c)
{
	if (c->state != CON_LIVE)
		return;
	if (queue_load(c->db, &c->queue) != 0) {
		if (!db_connected(c->db))
			go_offline(c);
		else
			console_say(c, 1, "could not load the queue: %s", db_last_error(c->db)->plain);
		return;
	}
	console_filter(c);
	if (c->depth > 1 && c->ticket_id)
		console_load_ticket(c, c->ticket_id);
}

void console_load_ticket(struct console *c, int64_t id)
{
	int rc;

	c->ticket_id = id;
	if (c->state != CON_LIVE)
		return; /* keep showing what was loaded */
	rc = queue_load_ticket(c->db, id, &c->ticket);
	if (rc == 0) {
		c->ticket_loaded = 1;
		return;
	}
	if (rc < 0 && !db_connected(c->db)) {
		go_offline(c);
		return;
	}
	c->ticket_loaded = 0;
	if (rc > 0)
		console_say(c, 1, "ticket %lld no longer exists", (long long)id);
	else
		console_say(c, 1, "could not load the ticket: %s", db_last_error(c->db)->plain);
}

/* Connects (or reconnects), subscribes to changes and loads the queue. */
static int go_live(struct console *c)
{
	if (db_reconnect(c->db) != 0)
		return -1; /* the gateway renews our LISTEN */
	free(c->user);
	free(c->dbname);
	c->user = c->dbname = NULL;
	if (queue_whoami(c->db, &c->user, &c->dbname) != 0)
		return -1;
	c->state = CON_LIVE;
	console_reload(c);
	return c->state == CON_LIVE ? 0 : -1;
}

/* ---- loop hooks ------------------------------------------------------------ */

static int hook_fd(void *app)
{
	struct console *c = app;

	return c->state == CON_LIVE ? db_socket(c->db) : -1;
}

static int hook_on_fd(void *app)
{
	struct console *c = app;
	char channel[64], payload[64];
	int n = 0;

	if (db_consume(c->db) != 0) {
		go_offline(c);
		return UI_REDRAW;
	}
	while (db_next_notify(c->db, channel, sizeof channel, payload, sizeof payload) == 1)
		n++;
	if (n > 0) {
		console_reload(c);
		return UI_REDRAW;
	}
	return UI_KEEP;
}

static int hook_on_tick(void *app)
{
	struct console *c = app;
	int64_t ms = mono_ms();
	int flags = UI_KEEP;

	if (c->state == CON_OFFLINE && ms >= c->retry_at_ms) {
		if (go_live(c) == 0) {
			console_say(c, 0, "connection restored");
		} else {
			c->state = CON_OFFLINE;
			c->backoff_ms = c->backoff_ms * 2 > c->cfg->reconnect_max_ms ? c->cfg->reconnect_max_ms
										 : c->backoff_ms * 2;
			c->retry_at_ms = ms + c->backoff_ms;
		}
		flags |= UI_REDRAW;
	}
	if (ms >= c->next_tick_ms) {
		c->now = (int64_t)time(NULL);
		c->next_tick_ms = ms + (int64_t)c->cfg->tick_seconds * 1000;
		flags |= UI_REDRAW;
	}
	return flags;
}

static const struct ui_screen *hook_screen(void *app)
{
	struct console *c = app;

	return c->stack[c->depth - 1];
}

static void hook_header(void *app, int cols)
{
	struct console *c = app;
	char left[512], right[128], clock[32];
	int attr = theme_attr(EL_HEADER);

	console_format_time(c->now, clock, sizeof clock);
	snprintf(left, sizeof left, " sdesk  agent: %s  db: %s  %zu open%s%s%s", c->user ? c->user : "?",
		 c->dbname ? c->dbname : "?", c->queue.n, c->search[0] ? "  filter: " : "",
		 c->search, c->search[0] ? "" : "");
	ui_put(0, 0, cols, attr, left);
	if (c->state == CON_LIVE) {
		snprintf(right, sizeof right, "LIVE  %s ", clock);
		ui_put_right(0, cols - 24, 24, attr, right);
	} else {
		int64_t wait = (c->retry_at_ms - mono_ms() + 999) / 1000;

		snprintf(right, sizeof right, " OFFLINE - retry in %llds ", (long long)(wait > 0 ? wait : 0));
		ui_put_right(0, cols - 30, 30, theme_attr(EL_OFFLINE), right);
	}
}

/* Appends "  KEYS what" to buf. */
static void sb_hint(char *buf, size_t len, enum ui_request req, const char *what)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "  %s %s", keys_of(req), what);
}

static void hook_status(void *app, int cols)
{
	struct console *c = app;
	const struct ui_screen *s = hook_screen(c);
	char buf[512];

	if (s == &queue_screen && c->searching) {
		snprintf(buf, sizeof buf, "/%s", c->search);
		ui_put(LINES - 1, 0, cols, theme_attr(EL_STATUS), buf);
		curs_set(1);
		move(LINES - 1, text_width(buf) < cols ? text_width(buf) : cols - 1);
		return;
	}
	curs_set(0);
	if (c->message[0]) {
		ui_put(LINES - 1, 0, cols, theme_attr(c->message_is_error ? EL_ERROR : EL_STATUS), c->message);
		return;
	}
	if (s == &queue_screen) {
		snprintf(buf, sizeof buf, "%s help", keys_of(REQ_HELP));
		sb_hint(buf, sizeof buf, REQ_SEARCH, "search");
		sb_hint(buf, sizeof buf, REQ_OPEN, "open");
		sb_hint(buf, sizeof buf, REQ_QUIT, "quit");
	} else {
		char help[128];

		snprintf(help, sizeof help, "%s", keys_of(REQ_HELP));
		snprintf(buf, sizeof buf, "%s help  %s back", help, keys_of(REQ_BACK));
	}
	ui_put(LINES - 1, 0, cols, theme_attr(EL_STATUS), buf);
}

int console_bind_keys(const struct sdesk_config *cfg, char *err, size_t errlen)
{
	char msg[256];

	keys_reset();
	for (size_t i = 0; i < cfg->nkeys; i++)
		if (keys_bind(cfg->keys[i].action, cfg->keys[i].key, msg, sizeof msg) != 0) {
			snprintf(err, errlen, "%s: keys: %s", cfg->path ? cfg->path : "settings", msg);
			return -1;
		}
	return 0;
}

int console_print_keys(const struct sdesk_config *cfg, FILE *out, char *err, size_t errlen)
{
	if (console_bind_keys(cfg, err, errlen) != 0)
		return SDESK_EXIT_USAGE;
	keys_print(out);
	return SDESK_EXIT_OK;
}

/* conninfo with connect_timeout added, unless it is a URI (which keeps its
 * own parameters). Caller frees. */
static char *with_timeout(const char *conninfo, int seconds)
{
	if (strncmp(conninfo, "postgres", 8) == 0 || strstr(conninfo, "connect_timeout"))
		return xstrdup(conninfo);
	return xasprintf("%s%sconnect_timeout=%d", conninfo, *conninfo ? " " : "", seconds);
}

int console_run(const struct sdesk_config *cfg)
{
	struct console c;
	struct ui_app ua = {
		.app = &c,
		.fd = hook_fd,
		.on_fd = hook_on_fd,
		.on_tick = hook_on_tick,
		.screen = hook_screen,
		.draw_header = hook_header,
		.draw_status = hook_status,
		.tick_ms = 250,
	};
	char err[512];
	char *conninfo;
	int sig;

	memset(&c, 0, sizeof c);
	c.cfg = cfg;
	c.now = (int64_t)time(NULL);
	ui_ascii = cfg->ascii_only;
	if (console_bind_keys(cfg, err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		return SDESK_EXIT_USAGE;
	}

	conninfo = with_timeout(cfg->conninfo, cfg->connect_timeout);
	c.db = db_connect(conninfo);
	free(conninfo);
	if (!db_connected(c.db)) {
		fprintf(stderr, "sdesk: cannot connect to the database: %s\n", db_last_error(c.db)->message);
		db_close(c.db);
		return SDESK_EXIT_RUNTIME;
	}
	if (db_listen(c.db, DB_CHANGES_CHANNEL) != 0 || queue_whoami(c.db, &c.user, &c.dbname) != 0) {
		fprintf(stderr, "sdesk: %s\n", db_last_error(c.db)->plain);
		db_close(c.db);
		return SDESK_EXIT_RUNTIME;
	}
	c.state = CON_LIVE;
	console_push(&c, &queue_screen);
	console_reload(&c);

	if (ui_start(cfg->color, err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		db_close(c.db);
		return SDESK_EXIT_RUNTIME;
	}
	sig = ui_run(&ua);
	ui_stop();

	db_close(c.db);
	queue_free(&c.queue);
	queue_ticket_free(&c.ticket);
	free(c.visible);
	free(c.user);
	free(c.dbname);
	if (sig)
		fprintf(stderr, "sdesk: console closed (signal %d)\n", sig);
	return SDESK_EXIT_OK;
}
