/* The queue screen: open tickets in SLA order, one per line. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "conf/config.h"
#include "base/i18n.h"
#include "ui/console.h"
#include "ui/text.h"
#include "ui/theme.h"

enum col_id { COL_MARK, COL_ID, COL_CUSTOMER, COL_PLAN, COL_CATEGORY, COL_CHANNEL, COL_TIER,
	      COL_ESC, COL_STATUS, COL_ASSIGNEE, COL_BUDGET, COL_LEFT, COL_SUBJECT, COL_COUNT };

/* X(id, title, shorter title (NULL: none), width at 80 columns, right-aligned)
 * The shorter title is shown where the title is wider than its column, so
 * no title is cut (tests/i18n/screens-locale.sh). */
#define QUEUE_COLUMNS(X) \
	X(COL_MARK,     "",         NULL,        2, 0) \
	X(COL_ID,       N_("ID"),       NULL,        8, 0) \
	X(COL_CUSTOMER, N_("Customer"), NULL,        12, 0) \
	X(COL_PLAN,     N_("Plan"),     NULL,        8, 0) \
	X(COL_CATEGORY, N_("Category"), N_("Class"), 7, 0) \
	X(COL_CHANNEL,  N_("Chan"),     NULL,        5, 0) \
	X(COL_TIER,     N_("Lv"),       NULL,        3, 0) \
	X(COL_ESC,      N_("Es"),       NULL,        2, 0) \
	X(COL_STATUS,   N_("Stat"),     NULL,        4, 0) \
	X(COL_ASSIGNEE, N_("Assignee"), N_("Agent"), 6, 0) \
	X(COL_BUDGET,   N_("Bdgt"),     NULL,        4, 1) \
	X(COL_LEFT,     N_("Left"),     NULL,        8, 1) \
	X(COL_SUBJECT,  N_("Subject"),  NULL,        0, 0)

static const struct {
	const char *title;
	const char *shorter;
	int width;
	int right;
} columns[COL_COUNT] = {
#define QV_X(id, t, s, w, r) [id] = {t, s, w, r},
	QUEUE_COLUMNS(QV_X)
#undef QV_X
};

/* Column widths for a terminal `cols` wide: the base layout fills 80; extra
 * room goes to the customer, plan, assignee, category, channel, then the
 * budget's long form (from 142 columns) and a subject column. */
static void layout(int cols, int *w)
{
	int extra = cols - UI_MIN_COLS;
	int give;

	for (int i = 0; i < COL_COUNT; i++)
		w[i] = columns[i].width;
	give = extra < 17 ? extra : 17;
	w[COL_CUSTOMER] += give;
	extra -= give;
	give = extra < 8 ? extra : 8;
	w[COL_PLAN] += give;
	extra -= give;
	give = extra < 6 ? extra : 6;
	w[COL_ASSIGNEE] += give;
	extra -= give;
	give = extra < 4 ? extra : 4;
	w[COL_CATEGORY] += give;
	extra -= give;
	give = extra < 1 ? extra : 1;
	w[COL_CHANNEL] += give;
	extra -= give;
	/* The budget's long form once a subject column of 16 fits beside it. */
	if (extra >= 16 + 10) {
		w[COL_BUDGET] += 10;
		extra -= 10;
	}
	if (extra >= 16)
		w[COL_SUBJECT] = extra - 1; /* one separator before it */
	else
		w[COL_CUSTOMER] += extra;
}

/* A column's title in the language of the messages ("" stays "": gettext
 * would give the catalogue's header): the title if it fits `width`, else
 * the shorter one if that fits, else the title (cut). */
static const char *title_of(int i, int width)
{
	const char *t = columns[i].title[0] ? _(columns[i].title) : "";

	if (columns[i].shorter && text_width(t) > width && text_width(_(columns[i].shorter)) <= width)
		return _(columns[i].shorter);
	return t;
}

static const char *status_short(const char *status)
{
	if (strcmp(status, "waiting") == 0)
		return "wait";
	if (strcmp(status, "resolved") == 0)
		return "res";
	if (strcmp(status, "closed") == 0)
		return "clsd";
	return status;
}

static const char *tier_name(int tier)
{
	return tier == 1 ? "1st" : tier == 2 ? "2nd" : tier == 3 ? "3rd" : "?";
}

static void draw_row(const struct console *c, const struct queue_row *r, int y, const int *w,
		     int selected)
{
	int done = strcmp(r->status, "resolved") == 0 || strcmp(r->status, "closed") == 0;
	enum row_state st = done ? ROW_NORMAL : console_row_state(c, r);
	int base = selected ? theme_attr(EL_SELECTION) : theme_attr(EL_NORMAL);
	int state_attr = base;
	char left[48], esc[16], budget[64];
	int blevel;
	const char *cells[COL_COUNT];
	int x = 0;
	struct qclock k;

	if (!selected) {
		if (st == ROW_BREACHED)
			state_attr = theme_attr(EL_BREACHED);
		else if (st == ROW_AT_RISK)
			state_attr = theme_attr(EL_AT_RISK);
		else if (st == ROW_PAUSED)
			state_attr = theme_attr(EL_PAUSED);
		else if (st == ROW_ESCALATED)
			state_attr = theme_attr(EL_ESCALATED);
	} else if (!theme_is_color() && st == ROW_BREACHED) {
		state_attr = base | A_BOLD;
	}
	console_row_clock(c, r, &k);
	qclock_left_text(&k, left, sizeof left);
	if (done)
		snprintf(left, sizeof left, "-");
	if (r->extended)
		snprintf(esc, sizeof esc, "E");
	else if (r->escalation > 0)
		snprintf(esc, sizeof esc, "%d", r->escalation);
	else
		snprintf(esc, sizeof esc, "-");

	cells[COL_MARK] = console_marker(st);
	cells[COL_ID] = r->ref;
	cells[COL_CUSTOMER] = r->customer;
	cells[COL_PLAN] = r->plan;
	cells[COL_CATEGORY] = r->category;
	cells[COL_CHANNEL] = r->channel;
	cells[COL_TIER] = tier_name(r->tier);
	cells[COL_ESC] = esc;
	cells[COL_STATUS] = status_short(r->status);
	cells[COL_ASSIGNEE] = *r->assignee ? r->assignee : "-";
	cells[COL_LEFT] = left;
	console_budget_cell(c, r, w[COL_BUDGET], budget, sizeof budget, &blevel);
	cells[COL_BUDGET] = budget;
	cells[COL_SUBJECT] = r->subject;

	/* Fill the whole line first so the selection bar is unbroken. */
	ui_put(y, 0, COLS, base, "");
	for (int i = 0; i < COL_COUNT; i++) {
		int attr = base;

		if (w[i] <= 0)
			continue;
		if (i == COL_MARK || i == COL_LEFT)
			attr = state_attr;
		else if (i == COL_ESC && (r->escalation > 0 || r->extended) && !selected)
			attr = theme_attr(EL_ESCALATED);
		else if (i == COL_BUDGET && blevel > 0 && !selected)
			attr = theme_attr(blevel == 2 ? EL_BREACHED : EL_AT_RISK);
		if (columns[i].right)
			ui_put_right(y, x, w[i], attr, cells[i]);
		else
			ui_put(y, x, w[i], attr, cells[i]);
		x += w[i] + 1;
	}
}

static void queue_draw(void *app, int top, int rows, int cols)
{
	struct console *c = app;
	int w[COL_COUNT], x = 0;
	int list_rows = rows - 1;

	layout(cols, w);
	ui_put(top, 0, cols, theme_attr(EL_COLUMNS), "");
	for (int i = 0; i < COL_COUNT; i++) {
		if (w[i] <= 0)
			continue;
		if (columns[i].right)
			ui_put_right(top, x, w[i], theme_attr(EL_COLUMNS), title_of(i, w[i]));
		else
			ui_put(top, x, w[i], theme_attr(EL_COLUMNS), title_of(i, w[i]));
		x += w[i] + 1;
	}
	c->page_rows = list_rows;
	if (c->cursor < c->scroll)
		c->scroll = c->cursor;
	if (list_rows > 0 && c->cursor >= c->scroll + (size_t)list_rows)
		c->scroll = c->cursor - (size_t)list_rows + 1;
	if (c->nvisible == 0) {
		const char *msg = c->view == VIEW_RESOLVED ? _("No recently resolved tickets (g and a number finds any).")
				  : c->view == VIEW_CLOSED ? _("No recently closed tickets (g and a number finds any).")
				  : c->nopen == 0 ? (c->state == CON_LIVE ? _("No open tickets.") : "")
						  : _("No ticket in this view matches (x clears; / or g and a number finds any).");
		ui_put(top + 2, 2, cols - 2, theme_attr(EL_NORMAL), msg);
		return;
	}
	for (int i = 0; i < list_rows; i++) {
		size_t v = c->scroll + (size_t)i;

		if (v >= c->nvisible)
			break;
		draw_row(c, &c->queue.rows[c->visible[v]], top + 1 + i, w, v == c->cursor);
	}
}

static void move_to(struct console *c, long pos)
{
	if (c->nvisible == 0)
		return;
	if (pos < 0)
		pos = 0;
	if ((size_t)pos >= c->nvisible)
		pos = (long)c->nvisible - 1;
	c->cursor = (size_t)pos;
	c->selected_id = c->queue.rows[c->visible[c->cursor]].id;
}

static int queue_wants_text(void *app)
{
	return ((struct console *)app)->searching;
}

static int search_key(struct console *c, int key)
{
	int64_t id;

	if (key == '\n') {
		c->searching = 0;
		/* A ticket number finds the ticket, open or not, in any view. */
		if (console_parse_ticket(c->search, &id) == 0) {
			int here = 0;

			for (size_t v = 0; v < c->nvisible; v++)
				here |= c->queue.rows[c->visible[v]].id == id;
			if (!here) {
				c->search[0] = '\0';
				console_filter(c);
				if (console_open_ticket(c, id) != 0 && !c->message[0])
					console_say(c, 1, _("no ticket SD-%lld"), (long long)id);
				return UI_REDRAW;
			}
		}
		if (c->nvisible)
			console_say(c, 0, ngettext("%zu of %zu ticket matches '%s'", "%zu of %zu tickets match '%s'",
					     console_view_size(c)),
				    c->nvisible, console_view_size(c), c->search);
		else
			console_say(c, 0, _("no ticket matches '%s'"), c->search);
		return UI_REDRAW;
	}
	if (key == 27) {
		c->searching = 0;
		c->search[0] = '\0';
		console_filter(c);
		console_say(c, 0, "%s", _("search cleared"));
		return UI_REDRAW;
	}
	if (key == UI_KEY_FN(KEY_BACKSPACE) || (!(key & UI_KEY_FN_BIT) && key >= ' ' && key != 127))
		form_edit(c->search, sizeof c->search, key);
	else
		return UI_KEEP;
	console_filter(c);
	c->cursor = 0;
	c->scroll = 0;
	if (c->nvisible)
		c->selected_id = c->queue.rows[c->visible[0]].id;
	return UI_REDRAW;
}

static void next_view(struct console *c)
{
	c->view = (enum console_view)((c->view + 1) % VIEW_COUNT);
	if (c->view == VIEW_TEAM && !c->me.team)
		c->view = VIEW_CUSTOMER; /* no team: skip the team view */
	if (c->view == VIEW_CUSTOMER) {
		const struct queue_row *r = NULL;

		for (size_t i = 0; i < c->queue.n; i++)
			if (c->queue.rows[i].id == c->selected_id)
				r = &c->queue.rows[i];
		if (!r) {
			c->view = VIEW_RESOLVED;
		} else {
			c->view_account = r->account_id;
			snprintf(c->view_customer, sizeof c->view_customer, "%s", r->customer);
		}
	}
	console_filter(c);
	if (c->view == VIEW_CUSTOMER)
		console_say(c, 0, _("view: tickets of %s"), c->view_customer);
	else
		console_say(c, 0, _("view: %s"), console_view_name(c->view));
}

/* Cycles a text filter through the values present in the queue (sorted),
 * then back to "any". which: 0 category, 1 channel. */
static void cycle_text(struct console *c, char *cur, size_t len, int which)
{
	const char *next = NULL;

	for (size_t i = 0; i < c->queue.n; i++) {
		const char *v = which ? c->queue.rows[i].channel : c->queue.rows[i].category;

		if (strcmp(v, cur) > 0 && (!next || strcmp(v, next) < 0))
			next = v;
	}
	snprintf(cur, len, "%s", next ? next : "");
	console_filter(c);
	if (*cur)
		console_say(c, 0, which ? _("channel filter: %s") : _("category filter: %s"), cur);
	else
		console_say(c, 0, "%s", which ? _("channel filter off") : _("category filter off"));
}

static int queue_key(void *app, enum ui_request req, int key)
{
	struct console *c = app;
	size_t pos = c->cursor;

	if (c->searching)
		return search_key(c, key);
	c->message[0] = '\0';
	if (ui_list_nav(req, &pos, c->nvisible, c->page_rows, 1)) {
		move_to(c, (long)pos);
		return UI_REDRAW;
	}
	switch (req) {
	case REQ_OPEN:
		if (c->nvisible == 0) {
			console_say(c, 0, "%s", _("no ticket to open"));
			break;
		}
		console_load_ticket(c, c->queue.rows[c->visible[c->cursor]].id);
		console_push(c, &ticket_screen);
		break;
	case REQ_GOTO:
		c->go[0] = '\0';
		console_push(c, &goto_screen);
		break;
	case REQ_NEXT_MATCH:
	case REQ_PREV_MATCH:
		return console_next_match(c, req == REQ_NEXT_MATCH ? 1 : -1);
	case REQ_SEARCH:
		c->searching = 1;
		c->message[0] = '\0';
		break;
	case REQ_CLEAR:
		if (!c->search[0]) {
			console_say(c, 0, _("press %s to quit"), keys_of(REQ_QUIT));
			break;
		}
		c->search[0] = '\0';
		console_filter(c);
		console_say(c, 0, "%s", _("search cleared"));
		break;
	case REQ_REFRESH:
		console_reload(c);
		clearok(curscr, TRUE);
		break;
	case REQ_HELP:
		console_push(c, &help_screen);
		break;
	case REQ_QUIT:
		return console_quit(c);
	case REQ_VIEW:
		next_view(c);
		break;
	case REQ_F_CATEGORY:
		cycle_text(c, c->f_category, sizeof c->f_category, 0);
		break;
	case REQ_F_CHANNEL:
		cycle_text(c, c->f_channel, sizeof c->f_channel, 1);
		break;
	case REQ_F_TIER:
		c->f_tier = (c->f_tier + 1) % 4;
		console_filter(c);
		if (c->f_tier)
			console_say(c, 0, _("level filter: %s level"), tier_name(c->f_tier));
		else
			console_say(c, 0, "%s", _("level filter off"));
		break;
	case REQ_F_CLEAR:
		c->view = VIEW_ALL;
		c->f_category[0] = c->f_channel[0] = c->search[0] = '\0';
		c->f_tier = 0;
		console_filter(c);
		console_say(c, 0, "%s", _("showing all open tickets"));
		break;
	case REQ_NEW:
		return console_action(c, req, 0);
	case REQ_TAKE:
		if (c->nvisible == 0) {
			console_say(c, 0, "%s", _("no ticket selected"));
			break;
		}
		return console_action(c, req, c->queue.rows[c->visible[c->cursor]].id);
	case REQ_MESSAGES:
		console_push(c, &messages_screen);
		break;
	default:
		return key != 0 ? UI_UNHANDLED | UI_REDRAW : UI_REDRAW;
	}
	return UI_REDRAW;
}

static void queue_enter(void *app)
{
	(void)app;
}

const struct ui_screen queue_screen = {
	.name = "queue",
	.id = UI_SCR_QUEUE,
	.enter = queue_enter,
	.wants_text = queue_wants_text,
	.key = queue_key,
	.draw = queue_draw,
};
