/* The layout of the breach board into a frame of text segments: header,
 * counters, ticket lists, agents, incidents, chart, help and status. Nothing
 * here touches the terminal or the database. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "base/util.h"
#include "engine/clock.h"
#include "ui/board_int.h"
#include "ui/keys.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "ui/ui.h"

void board_fmt_clock(int64_t t, const char *fmt, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == BOARD_NO_TIME || !localtime_r(&tt, &tm)) {
		snprintf(buf, len, "-");
		return;
	}
	/* The weekday in the language of the messages (LC_TIME stays C). */
	if (strncmp(fmt, "%a ", 3) == 0 && len > 0) {
		static const char *const wd[] = {N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"),
						 N_("Sat")};
		int n = snprintf(buf, len, "%s ", _(wd[tm.tm_wday % 7]));

		if (n < 0 || (size_t)n >= len)
			return;
		buf += n;
		len -= (size_t)n;
		fmt += 3;
	}
	/* fmt is one of the literal formats of the board's files. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	strftime(buf, len, fmt, &tm);
#pragma GCC diagnostic pop
}

static const char *marker(enum board_state st, int ascii)
{
	(void)ascii;
	switch (st) {
	case BT_BREACHED: return "!!";
	case BT_AT_RISK:  return "! ";
	case BT_PAUSED:   return "||";
	default:          return "  ";
	}
}

static enum ui_element state_el(enum board_state st)
{
	switch (st) {
	case BT_BREACHED: return EL_BREACHED;
	case BT_AT_RISK:  return EL_AT_RISK;
	case BT_PAUSED:   return EL_PAUSED;
	default:          return EL_NORMAL;
	}
}

/* One ticket on one row: marker, ref, customer, [plan], [category],
 * [assignee], time (right). esc: show the escalation instead of the plan. */
static void put_ticket(struct board *b, struct frame *f, int y, int x, int w, size_t i, int esc)
{
	const struct board_ticket *t = &b->data.tickets[i];
	enum board_state st = board_state_at(t, &b->opt->clock, b->view.now);
	enum ui_element el = state_el(st), left_el = el;
	int reaction, ticking;
	(void)board_due_at(t, &b->opt->clock, b->view.now, &reaction);
	char left[48], lvl[32];
	int tw = 14, rest, cust, pw = 0, cw = 0, aw = 0;

	if (st == BT_PAUSED) {
		snprintf(left, sizeof left, "%s", _("paused"));
	} else {
		board_format_state(t, &b->opt->clock, b->view.now, left, sizeof left, &ticking);
		/* Ticking by the second: drawn without colour (the marker keeps the
		 * state), so a tick sends the changed digits only, no attributes. */
		if (ticking) {
			b->seconds_shown = 1;
			left_el = EL_NORMAL;
		}
	}
	/* The reference column: 8 characters and a space, wider when some
	 * reference is longer (SD-100005 in a big database), same on every row. */
	int refw = 9;
	for (size_t k = 0; k < b->data.ntickets; k++) {
		int len = (int)strlen(b->data.tickets[k].ref) + 1;
		if (len > refw && len <= 21)
			refw = len;
	}
	rest = w - 3 - refw - tw;
	if (rest >= 58) {
		pw = 16; cw = 12; aw = 12;
	} else if (rest >= 40) {
		cw = 12; aw = 12;
	} else if (rest >= 28) {
		aw = 12;
	}
	cust = rest - pw - cw - aw;
	frame_put(f, y, x, 3, esc ? EL_ESCALATED : el, 0, esc ? "^" : marker(st, ui_ascii));
	frame_put(f, y, x + 3, refw, EL_NORMAL, 0, t->ref);
	frame_put(f, y, x + 3 + refw, cust - 1, EL_NORMAL, 0, t->customer);
	x += 3 + refw + cust;
	if (esc) { /* the escalation takes the plan's column, or the category's */
		if (t->escalation > 0)
			snprintf(lvl, sizeof lvl, _("level %d%s"), t->escalation, t->extended ? _(" ext") : "");
		else
			snprintf(lvl, sizeof lvl, "%s", t->extended ? _("extended") : "");
		if (t->tier == 3)
			snprintf(lvl + strlen(lvl), sizeof lvl - strlen(lvl), _("%s3rd lvl"), lvl[0] ? ", " : "");
	}
	if (pw) {
		frame_put(f, y, x, pw - 1, esc ? EL_ESCALATED : EL_NORMAL, 0, esc ? lvl : t->plan);
		x += pw;
	}
	if (cw) {
		frame_put(f, y, x, cw - 1, esc && !pw ? EL_ESCALATED : EL_NORMAL, 0, esc && !pw ? lvl : t->category);
		x += cw;
	}
	if (aw) {
		frame_put(f, y, x, aw - 1, EL_NORMAL, 0, t->assignee[0] ? t->assignee : "-");
		x += aw;
	}
	frame_put(f, y, x, tw, left_el, 1, left);
}

/* A list section: heading and up to rows-1 tickets; the last row says how
 * many more there are. rows <= 0 in a text snapshot: all. Returns rows used. */
const size_t *board_list_of(const struct board *b, enum board_list l, size_t *n)
{
	const struct board_view *v = &b->view;

	switch (l) {
	case L_BREACHED: *n = v->nbreached; return v->breached_i;
	case L_RISK:     *n = v->nrisk; return v->risk_i;
	case L_NEXT:     *n = v->nnext; return v->next_i;
	default:         *n = v->nesc; return v->esc_i;
	}
}

/* A list section: heading and up to rows-1 tickets from the list's scroll
 * position; the last row says how many more there are below, the heading
 * how many above. rows <= 0 in a text snapshot: all. Returns rows used. */
static int put_list(struct board *b, struct frame *f, int y, int x, int w, int rows, enum board_list l,
		    const char *title, enum ui_element el, int esc)
{
	int shown = 0;
	size_t n, first = 0;
	const size_t *idx = board_list_of(b, l, &n);
	char above[48] = "";

	if (rows <= 0 && !f->rows)
		rows = (int)n + 1;
	if (f->rows) { /* live: scrolled, clamped so that the last page is full */
		size_t slots = rows > 1 ? (size_t)rows - 1 : 0;

		b->list_rows[l] = rows > 1 ? rows - 1 : 0;
		first = b->scroll[l];
		if (n <= slots)
			first = 0;
		else if (first > n - slots)
			first = n - slots;
		b->scroll[l] = first;
		if (first)
			snprintf(above, sizeof above, _(", %zu above"), first);
	}
	frame_printf(f, y, x, w, n ? el : EL_LABEL, "%s%s (%zu%s)%s",
		     b->focus_shown && b->focus == (int)l ? (ui_ascii ? "> " : "\xe2\x96\xb8 ") : "", title, n, above,
		     n ? "" : _(" - none"));
	for (size_t k = first; k < n && shown < rows - 1; k++) {
		if (shown == rows - 2 && k + 1 < n) {
			frame_printf(f, y + 1 + shown, x, w, EL_LABEL, _("   ... %zu more"), n - k);
			shown++;
			break;
		}
		put_ticket(b, f, y + 1 + shown, x, w, idx[k], esc);
		shown++;
	}
	return 1 + shown;
}

/* 3x5 digits for the large counters. */
static const char *const big_font[10][5] = {
	{"###", "# #", "# #", "# #", "###"}, {" # ", "## ", " # ", " # ", "###"},
	{"###", "  #", "###", "#  ", "###"}, {"###", "  #", "###", "  #", "###"},
	{"# #", "# #", "###", "  #", "  #"}, {"###", "#  ", "###", "  #", "###"},
	{"###", "#  ", "###", "# #", "###"}, {"###", "  #", "  #", "  #", "  #"},
	{"###", "# #", "###", "# #", "###"}, {"###", "# #", "###", "  #", "###"},
};

static void put_big(struct frame *f, int y, int x, int w, enum ui_element el, int value)
{
	char digits[16], line[256];
	const char *block = ui_ascii ? "#" : "\xe2\x96\x88"; /* U+2588 */

	snprintf(digits, sizeof digits, "%d", value);
	for (int r = 0; r < 5; r++) {
		size_t n = 0;

		for (const char *d = digits; *d && n + 32 < sizeof line; d++) {
			for (int c = 0; c < 3; c++)
				n += (size_t)snprintf(line + n, sizeof line - n, "%s",
						      big_font[*d - '0'][r][c] == '#' ? block : " ");
			line[n++] = ' ';
			line[n] = '\0';
		}
		frame_put(f, y + r, x, w, el, 0, line);
	}
}

/* The four counters of a view, with their labels and colours. */
struct counter {
	const char *label;
	int value;
	enum ui_element el;
};

static void counters(const struct board_view *v, struct counter c[4])
{
	c[0] = (struct counter){_("OPEN"), v->open, EL_LABEL};
	c[1] = (struct counter){_("AT RISK"), v->at_risk, v->at_risk ? EL_AT_RISK : EL_LABEL};
	c[2] = (struct counter){_("BREACHED"), v->breached, v->breached ? EL_BREACHED : EL_LABEL};
	c[3] = (struct counter){_("PAUSED"), v->paused, EL_LABEL};
}

/* Counters: one row, or 6 rows of large digits. Returns rows used. */
static int put_counters(struct board *b, struct frame *f, int y, int big)
{
	struct counter c[4];
	int cw = f->cols / 4;

	counters(&b->view, c);

	for (int i = 0; i < 4; i++) {
		if (big) {
			frame_put(f, y, i * cw + 1, cw - 1, c[i].el, 0, c[i].label);
			put_big(f, y + 1, i * cw + 1, cw - 1, c[i].el, c[i].value);
		} else {
			frame_printf(f, y, i * cw, cw, c[i].el, " %s %d", c[i].label, c[i].value);
		}
	}
	return big ? 7 : 1;
}

/* Per-agent load. table: one row per agent; else compact lines. */
static int put_agents(struct board *b, struct frame *f, int y, int x, int w, int rows, int table)
{
	const struct board_view *v = &b->view;
	int used = 1;

	frame_put(f, y, x, w, EL_LABEL, 0, table ? _("AGENTS            open  at risk  breached")
					      : _("AGENTS (open/at risk/breached)"));
	if (rows <= 0 && !f->rows)
		rows = (int)v->nloads + 1;
	if (table) {
		for (size_t i = 0; i < v->nloads && used < rows; i++, used++) {
			const struct board_load *l = &v->loads[i];
			enum ui_element el = l->breached ? EL_BREACHED : l->at_risk ? EL_AT_RISK : EL_NORMAL;
			char line[256];

			frame_put(f, y + used, x, 17, EL_NORMAL, 0, l->login[0] ? l->name : _("(unassigned)"));
			snprintf(line, sizeof line, "%5d %8d %9d", l->open, l->at_risk, l->breached);
			frame_put(f, y + used, x + 17, w - 17, el, 0, line);
		}
		return used;
	}
	/* Compact: "name 12/2/1  name 3/0/0 ..." wrapped onto the rows. */
	int cx = 0;
	for (size_t i = 0; i < v->nloads && used < rows + (used == 1); i++) {
		const struct board_load *l = &v->loads[i];
		char item[128];
		int iw;

		snprintf(item, sizeof item, "%s %d/%d/%d", l->login[0] ? l->login : _("(unassigned)"), l->open,
			 l->at_risk, l->breached);
		iw = text_width(item) + 2;
		if (cx + iw > w && cx > 0) {
			if (used + 1 >= rows && f->rows)
				break;
			used++;
			cx = 0;
		}
		frame_put(f, y + used, x + cx, iw, l->breached ? EL_BREACHED : l->at_risk ? EL_AT_RISK : EL_NORMAL,
		       0, item);
		cx += iw;
	}
	return v->nloads ? used + 1 : used;
}

/* Rows the on-call reports add to the incidents' block (at most 3). */
static int report_rows(const struct board *b)
{
	return b->data.nreports < 3 ? (int)b->data.nreports : 3;
}

static int put_incidents(struct board *b, struct frame *f, int y, int x, int w, int rows)
{
	const struct board_data *d = &b->data;
	char a[32], e[32], s[32];
	int used = 0;

	if (rows <= 0 && !f->rows)
		rows = (int)d->nincidents + 2 + (int)d->nreports;
	if (d->nincidents == 0) {
		frame_put(f, y + used++, x, w, EL_LABEL, 0, _("INCIDENTS - none in progress"));
	} else {
		frame_printf(f, y + used++, x, w, EL_ESCALATED, _("INCIDENTS (%zu in progress)"), d->nincidents);
		for (size_t i = 0; i < d->nincidents && used < rows - 1 - report_rows(b); i++) {
			const struct board_incident *in = &d->incidents[i];

			board_fmt_clock(in->started, "%d.%m. %H:%M", a, sizeof a);
			board_fmt_clock(in->expected_fix, "%d.%m. %H:%M", e, sizeof e);
			frame_printf(f, y + used++, x, w, EL_NORMAL, _("  #%lld %s (%s, %d tickets) since %s, fix %s"),
				  (long long)in->id, in->title, in->status, in->tickets, a,
				  in->expected_fix == BOARD_NO_TIME ? _("not yet expected") : e);
		}
	}
	if (d->has_maint) {
		board_fmt_clock(d->maint_starts, "%a %d.%m. %H:%M", s, sizeof s);
		board_fmt_clock(d->maint_ends, "%H:%M", e, sizeof e);
		frame_printf(f, y + used++, x, w, d->maint_starts <= b->view.now ? EL_AT_RISK : EL_NORMAL,
			  _("MAINTENANCE %s %s-%s %s (%s)"), d->maint_starts <= b->view.now ? _("now") : _("next"), s, e,
			  d->maint_title, d->maint_scope);
	} else {
		frame_put(f, y + used++, x, w, EL_LABEL, 0, _("MAINTENANCE - none planned"));
	}
	/* On-call reports not sent yet (003): a line each while there is room. */
	for (size_t i = 0; i < d->nreports && (rows <= 0 || used < rows); i++) {
		const struct board_report *r = &d->reports[i];
		int late = sla_report_late(r->due, SLA_NO_TIME, b->view.now); /* listed: not sent */

		board_fmt_clock(r->due, "%a %d.%m. %H:%M", s, sizeof s);
		frame_printf(f, y + used++, x, w, late ? EL_BREACHED : EL_AT_RISK, _("%s ON-CALL REPORT %s %s (%s): %s %s"),
			     late ? "!!" : "! ", r->ref[0] ? r->ref : "-", r->customer, r->agent,
			     late ? _("BREACHED since") : _("due"), s);
	}
	return used;
}

/* The compliance chart: a bar per day, or the percentages as numbers. */
static int put_chart(struct board *b, struct frame *f, int y, int x, int w, int rows)
{
	static const char *const bars[8] = {"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
					    "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"};
	const struct board_chart *c = &b->chart;
	long due = 0, met = 0;
	int used = 1;

	for (size_t i = 0; i < c->n; i++) {
		due += c->days[i].due;
		met += c->days[i].met;
	}
	if (due)
		frame_printf(f, y, x, w, EL_LABEL, _("SLA COMPLIANCE, last %zu days: %ld.%ld%% (%ld of %ld clocks met)"),
			  c->n, met * 100 / due, met * 1000 / due % 10, met, due);
	else
		frame_printf(f, y, x, w, EL_LABEL, _("SLA COMPLIANCE, last %zu days: no clocks fell due"), c->n);
	if (rows <= 0 && !f->rows)
		rows = 1 + (int)(c->n * 4 / (size_t)(w > 4 ? w : 4)) + 2;
	if (!b->numbers) {
		/* One or two columns per day, newest on the right; '.' for no clocks. */
		char line[1024];
		size_t n = 0, first = 0;
		int per = w >= (int)c->n * 2 ? 2 : 1;

		if ((int)c->n > w)
			first = c->n - (size_t)w;
		for (size_t i = first; i < c->n && n + 16 < sizeof line; i++) {
			int p = board_day_percent(&c->days[i]);
			const char *s = p < 0 ? "\xc2\xb7" : bars[p >= 100 ? 7 : p * 7 / 100];

			for (int k = 0; k < per; k++)
				n += (size_t)snprintf(line + n, sizeof line - n, "%s", s);
		}
		line[n] = '\0';
		if (rows > 1)
			frame_put(f, y + used++, x, w, EL_AT_RISK, 0, line);
		return used;
	}
	/* Numbers: "DD.MM NNN" per day, as many lines as there are rows. */
	int per_line = w / 10 > 0 ? w / 10 : 1;
	size_t lines_avail = (size_t)(rows - 1), first = 0;

	if (c->n > lines_avail * (size_t)per_line)
		first = c->n - lines_avail * (size_t)per_line;
	for (size_t i = first; i < c->n; i += (size_t)per_line) {
		char line[1024];
		size_t n = 0;

		for (size_t k = i; k < c->n && k < i + (size_t)per_line; k++) {
			int p = board_day_percent(&c->days[k]);

			if (p < 0)
				n += (size_t)snprintf(line + n, sizeof line - n, "%02d.%02d   - ", c->days[k].day,
						      c->days[k].month);
			else
				n += (size_t)snprintf(line + n, sizeof line - n, "%02d.%02d %3d ", c->days[k].day,
						      c->days[k].month, p);
		}
		frame_put(f, y + used++, x, w, EL_NORMAL, 0, line);
	}
	return used;
}

static void put_help(struct frame *f, int y, int w, int rows)
{
	static const char *const lines[] = {
		N_("THE BREACH BOARD (read-only; see doc/board.md)"),
		"",
		N_("Counters: open tickets (paused included), at risk, breached, paused."),
		N_("!! breached: the clock ran out (how long ago)   ! at risk: below the threshold"),
		N_("|| paused: waiting for the customer             ^ escalated or 3rd level"),
		N_("Countdowns tick every minute, every second in the last 10 minutes."),
		N_("Changes from any client arrive by LISTEN/NOTIFY; OFFLINE: last state greyed."),
		N_("On a read-only standby: polled once a second; the header shows the delay."),
		"",
	};
	int k = 0;

	for (size_t i = 0; i < SDESK_ARRAY_LEN(lines) && k < rows; i++)
		frame_put(f, y + k++, 1, w - 2, i == 0 ? EL_LABEL : EL_NORMAL, 0, lines[i][0] ? _(lines[i]) : "");
	/* The keys: from the key table, as `?` in the console. */
	for (int r = 1; r < REQ_COUNT && k < rows; r++)
		if (keys_req_screens((enum ui_request)r) & UI_SCR_BOARD)
			frame_printf(f, y + k++, 1, w - 2, EL_NORMAL, "%-16s %s", keys_of((enum ui_request)r),
				     keys_req_help((enum ui_request)r));
	if (k < rows)
		frame_printf(f, y + k++, 1, w - 2, EL_LABEL, _("(%s, Esc or q: back to the board)"), keys_of(REQ_HELP));
}

/* "delay 0.3s", "delay 2m05s", or "not receiving, last commit 12:01:10"
 * (the standby lost its primary). */
void board_replica_text(const struct board_replica *r, char *buf, size_t len)
{
	int64_t ms = r->delay_ms, s = ms / 1000;

	if (!r->receiving) {
		char at[32];

		board_fmt_clock(r->replayed_at, "%H:%M:%S", at, sizeof at);
		snprintf(buf, len, _("not receiving, last commit %s"), at);
	} else if (ms < 10000) {
		snprintf(buf, len, _("delay %lld.%llds"), (long long)(ms / 1000), (long long)(ms % 1000 / 100));
	} else if (s < 3600) {
		snprintf(buf, len, _("delay %lldm%02llds"), (long long)(s / 60), (long long)(s % 60));
	} else {
		snprintf(buf, len, _("delay %lldh%02lldm"), (long long)(s / 3600), (long long)(s % 3600 / 60));
	}
}

static void put_header(struct board *b, struct frame *f)
{
	char clock[32], right[128], left[256];

	board_fmt_clock(b->view.now, "%H:%M", clock, sizeof clock);
	snprintf(left, sizeof left, " sdesk board  db: %s%s%s%s%s", b->dbname ? b->dbname : "?",
		 b->opt->filter.plan ? _("  plan: ") : "", b->opt->filter.plan ? b->opt->filter.plan : "",
		 b->opt->filter.team ? _("  team: ") : "", b->opt->filter.team ? b->opt->filter.team : "");
	frame_put(f, 0, 0, f->cols, EL_HEADER, 0, left);
	if (b->conn == B_LIVE && b->standby) {
		char what[64];
		int w;

		board_replica_text(&b->rep, what, sizeof what);
		snprintf(right, sizeof right, "STANDBY %s  %s ", what, clock);
		w = text_width(right) + 1;
		frame_put(f, 0, f->cols - w, w, b->rep.receiving && b->rep.delay_ms < 10000 ? EL_HEADER : EL_OFFLINE, 1,
		       right);
	} else if (b->conn == B_LIVE) {
		snprintf(right, sizeof right, "LIVE  %s ", clock);
		frame_put(f, 0, f->cols - 14, 14, EL_HEADER, 1, right);
	} else {
		char since[32];

		board_fmt_clock(b->sess.offline_since, "%H:%M:%S", since, sizeof since);
		snprintf(right, sizeof right, " OFFLINE since %s ", since);
		frame_put(f, 0, f->cols - 26, 26, EL_OFFLINE, 1, right);
	}
}

static void put_status(struct board *b, struct frame *f, int y)
{
	char upd[32], buf[512];

	board_fmt_clock(b->snap_at ? b->snap_at : BOARD_NO_TIME, "%H:%M:%S", upd, sizeof upd);
	if (b->conn == B_OFFLINE) {
		int wait = session_retry_in_s(&b->sess);

		if (f->cols >= 80)
			snprintf(buf, sizeof buf, _("database unreachable - last state from %s shown dimmed; retry in %llds"),
				 upd, (long long)wait);
		else
			snprintf(buf, sizeof buf, _("unreachable, retry in %llds (a key: now)"), (long long)wait);
		frame_put(f, y, 0, f->cols, EL_OFFLINE, 0, buf);
		return;
	}
	if (b->message[0]) {
		frame_put(f, y, 0, f->cols, EL_ERROR, 0, b->message);
		return;
	}
	if (b->note[0]) {
		frame_put(f, y, 0, f->cols, EL_STATUS, 0, b->note);
		return;
	}
	/* The key bar, and when it fits the time of the last snapshot. */
	char bar[256], upd2[48];
	int bw;

	snprintf(upd2, sizeof upd2, _("updated %s "), upd);
	ui_keybar(UI_SCR_BOARD, bar, sizeof bar, f->cols);
	bw = text_width(bar);
	frame_put(f, y, 0, f->cols, EL_STATUS, 0, bar);
	if (bw + 2 + text_width(upd2) <= f->cols)
		frame_put(f, y, f->cols - text_width(upd2), text_width(upd2), EL_STATUS, 1, upd2);
}

/* Shares `avail` rows among lists wanting want[i] rows (heading included):
 * every list gets its heading, then rows go one by one to lists that still
 * want more. */
static void share_rows(int avail, const int *want, int *got, int n)
{
	int left = avail, more = 1;

	for (int i = 0; i < n; i++) {
		got[i] = want[i] > 0 && left > 0 ? 1 : 0;
		left -= got[i];
	}
	while (left > 0 && more) {
		more = 0;
		for (int i = 0; i < n && left > 0; i++)
			if (got[i] < want[i]) {
				got[i]++;
				left--;
				more = 1;
			}
	}
}

/* Below 80x24 (down to BOARD_MIN_COLS x BOARD_MIN_ROWS): the counters in
 * one line and the breached tickets, then the ones at risk when there is
 * room; the key bar. */
static void compact_layout(struct board *b, struct frame *f)
{
	const struct board_view *v = &b->view;
	struct counter c[4];
	static const char *const shorter[4] = {N_("OPEN"), N_("RISK"), N_("BREACHED"), N_("PAUSED")};
	static const char *const shortest[4] = {"O", "R", "B", "P"};
	int x = 0, y = 1, avail = f->rows - 3, level;
	int want[2] = {1 + (int)v->nbreached, 1 + (int)v->nrisk}, got[2];
	char item[4][48];

	counters(v, c);
	/* The labels as long as the line allows. */
	for (level = 0; level < 3; level++) {
		int w = 0;

		for (int i = 0; i < 4; i++) {
			const char *label = level == 0 ? c[i].label : level == 1 ? _(shorter[i]) : shortest[i];

			snprintf(item[i], sizeof item[i], "%s%s %d", i ? "  " : " ", label, c[i].value);
			w += text_width(item[i]);
		}
		if (w <= f->cols)
			break;
	}
	for (int i = 0; i < 4; i++) {
		int w = text_width(item[i]);

		frame_put(f, y, x, w, c[i].el, 0, item[i]);
		x += w;
	}
	y++;
	/* The breached list first: the other gets only what it leaves. */
	got[0] = want[0] < avail ? want[0] : avail;
	got[1] = avail - got[0] >= 2 ? (want[1] < avail - got[0] ? want[1] : avail - got[0]) : 0;
	y += put_list(b, f, y, 0, f->cols, got[0], L_BREACHED, _("BREACHED"), EL_BREACHED, 0);
	if (got[1])
		put_list(b, f, y, 0, f->cols, got[1], L_RISK, _("AT RISK"), EL_AT_RISK, 0);
	put_status(b, f, f->rows - 1);
}

/* Lays the whole board out into f (f->rows = 0: a text snapshot). */
void board_layout(struct board *b, struct frame *f)
{
	const struct board_view *v = &b->view;
	int rows = f->rows, cols = f->cols, y = 1, big;
	int snapshot = rows == 0;

	frame_clear(f);
	b->seconds_shown = 0;
	put_header(b, f);
	for (int l = 0; l < BOARD_LISTS; l++)
		b->list_rows[l] = 0;
	if (b->help && !snapshot) {
		put_help(f, 2, cols, rows - 3);
		put_status(b, f, rows - 1);
		return;
	}
	if (!snapshot && (rows < UI_MIN_ROWS || cols < UI_MIN_COLS)) {
		compact_layout(b, f);
		return;
	}
	big = !snapshot && rows >= 40 && cols >= 120;
	y += put_counters(b, f, y, big);
	if (snapshot) {
		int w = cols;

		y++;
		y += put_list(b, f, y, 0, w, 0, L_BREACHED, _("BREACHED"), EL_BREACHED, 0);
		y += put_list(b, f, y, 0, w, 0, L_RISK, _("AT RISK"), EL_AT_RISK, 0);
		y += put_list(b, f, y, 0, w, 0, L_NEXT, _("NEXT UP"), EL_LABEL, 0);
		y += put_list(b, f, y, 0, w, 0, L_ESC, _("ESCALATIONS AND 3RD LEVEL"), EL_ESCALATED, 1);
		y += put_agents(b, f, y, 0, w, 0, 1);
		y += put_incidents(b, f, y, 0, w, 0);
		y += put_chart(b, f, y, 0, w, 0);
		return;
	}
	int body_end = rows - 1; /* status row */
	if (cols >= 150) {
		/* Two columns: tickets left, the rest right. */
		int lw = cols * 3 / 5 - 1, rx = lw + 2, rw = cols - rx, avail = body_end - y;
		int want[3] = {1 + (int)v->nbreached, 1 + (int)v->nrisk, 1 + (int)v->nnext}, got[3];
		int ry = y, chart_rows = b->numbers ? 1 + (30 + rw / 10 - 1) / (rw / 10 > 0 ? rw / 10 : 1) : 2;
		int inc_rows = 2 + (int)(b->data.nincidents < 3 ? b->data.nincidents : 3) + report_rows(b);
		int agent_rows, esc_rows, ravail = body_end - y - chart_rows - inc_rows - 2;

		share_rows(avail, want, got, 3);
		y += put_list(b, f, y, 0, lw, got[0], L_BREACHED, _("BREACHED"), EL_BREACHED, 0);
		y += put_list(b, f, y, 0, lw, got[1], L_RISK, _("AT RISK"), EL_AT_RISK, 0);
		put_list(b, f, y, 0, lw, got[2], L_NEXT, _("NEXT UP"), EL_LABEL, 0);
		esc_rows = 1 + (int)v->nesc;
		agent_rows = 1 + (int)v->nloads;
		if (esc_rows + agent_rows > ravail) {
			int want2[2] = {esc_rows, agent_rows}, got2[2];

			share_rows(ravail, want2, got2, 2);
			esc_rows = got2[0];
			agent_rows = got2[1];
		}
		ry += put_list(b, f, ry, rx, rw, esc_rows, L_ESC, _("ESCALATIONS AND 3RD LEVEL"), EL_ESCALATED, 1) + 1;
		ry += put_agents(b, f, ry, rx, rw, agent_rows, 1) + 1;
		ry += put_incidents(b, f, ry, rx, rw, inc_rows);
		put_chart(b, f, body_end - chart_rows, rx, rw, chart_rows);
	} else {
		/* One column: the ticket lists share what the fixed parts leave. */
		int chart_rows = b->numbers ? 1 + (30 + cols / 10 - 1) / (cols / 10) : 2;
		int inc_rows = 2 + (b->data.nincidents ? 1 : 0) + (rows >= 30 && b->data.nincidents > 1) + report_rows(b);
		int agent_rows = rows >= 30 ? 3 : 2;
		int avail = body_end - y - chart_rows - inc_rows - agent_rows;
		int want[4] = {1 + (int)v->nbreached, 1 + (int)v->nrisk, 1 + (int)v->nnext, 1 + (int)v->nesc};
		int got[4];

		if (avail < 8) { /* short terminal: fewer chart lines */
			chart_rows = 2;
			avail = body_end - y - chart_rows - inc_rows - agent_rows;
		}
		share_rows(avail, want, got, 4);
		y += put_list(b, f, y, 0, cols, got[0], L_BREACHED, _("BREACHED"), EL_BREACHED, 0);
		y += put_list(b, f, y, 0, cols, got[1], L_RISK, _("AT RISK"), EL_AT_RISK, 0);
		y += put_list(b, f, y, 0, cols, got[2], L_NEXT, _("NEXT UP"), EL_LABEL, 0);
		y += put_list(b, f, y, 0, cols, got[3], L_ESC, _("ESCALATIONS AND 3RD LEVEL"), EL_ESCALATED, 1);
		y = body_end - chart_rows - inc_rows - agent_rows;
		y += put_agents(b, f, y, 0, cols, agent_rows, 0);
		y = body_end - chart_rows - inc_rows;
		y += put_incidents(b, f, y, 0, cols, inc_rows);
		put_chart(b, f, y, 0, cols, chart_rows);
	}
	put_status(b, f, rows - 1);
}

