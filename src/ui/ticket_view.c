/* The ticket screen (first version): subject, description, customer and
 * contact, clocks, history. Read-only; scrolls like a pager. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "base/i18n.h"
#include "base/util.h"
#include "conf/config.h"
#include "engine/billing.h"
#include "ui/console.h"
#include "ui/history.h"
#include "ui/text.h"
#include "ui/theme.h"

struct line {
	int attr;
	char *text;
};

struct lines {
	struct line *v;
	size_t n, cap;
};

static void add(struct lines *ls, int attr, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(struct lines *ls, int attr, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 32;
		ls->v = xrealloc(ls->v, ls->cap * sizeof *ls->v);
	}
	ls->v[ls->n].attr = attr;
	ls->v[ls->n].text = sb.buf ? sb.buf : xstrdup("");
	ls->n++;
}

/* Adds text broken into lines of at most `cols` columns at word boundaries
 * (long words are cut), each indented by two spaces. */
static void add_wrapped(struct lines *ls, const char *text, int cols)
{
	struct strbuf line = {0};
	int width = 0;
	const char *p = text;

	cols -= 2;
	if (cols < 10)
		cols = 10;
	while (*p) {
		if (*p == '\n') {
			add(ls, theme_attr(EL_NORMAL), "  %s", line.buf ? line.buf : "");
			sb_reset(&line);
			width = 0;
			p++;
			continue;
		}
		const char *end = p;
		while (*end && *end != ' ' && *end != '\n')
			end++;
		char *word = xasprintf("%.*s", (int)(end - p), p);
		int ww = text_width(word);

		if (width > 0 && width + 1 + ww > cols) {
			add(ls, theme_attr(EL_NORMAL), "  %s", line.buf);
			sb_reset(&line);
			width = 0;
		}
		if (width > 0) {
			sb_append(&line, " ");
			width++;
		}
		sb_append(&line, word);
		width += ww;
		free(word);
		p = end;
		while (*p == ' ')
			p++;
	}
	if (width > 0 || !line.buf)
		add(ls, theme_attr(EL_NORMAL), "  %s", line.buf ? line.buf : "");
	sb_free(&line);
}

static void add_clock(struct lines *ls, const struct console *c, const char *name, enum sla_clock clock,
		      int64_t due, int done)
{
	char when[32], left[48], nm[64], nm11[64];
	struct qclock k;

	/* Padded by columns, not bytes: German names have umlauts. */
	text_fit(nm, sizeof nm, name, 12, 0);
	text_fit(nm11, sizeof nm11, name, 11, 0);
	name = nm;
	console_format_time(due, when, sizeof when);
	if (due == QUEUE_NO_TIME) {
		add(ls, theme_attr(EL_NORMAL), _("  %s -  (no target)"), name);
		return;
	}
	if (done) {
		/* Met or missed as the engine decided it when the clock stopped. */
		struct sla_ticket_state st;
		const struct sla_kclock_state *kc = &st.k[SLA_K_REACTION];

		qclock_state(c->cat, &c->ticket.row, (sd_time)c->now, c->cfg->at_risk_minutes, &st, NULL);
		if (kc->state == SLA_ST_MISSED) {
			char over[48];

			sd_fmt_span((kc->overdue_seconds + 59) / 60, 0, over, sizeof over);
			add(ls, theme_attr(EL_BREACHED), _("!! %s %s  (stopped: MISSED by %s)"), nm11, when, over);
		} else {
			add(ls, theme_attr(EL_NORMAL), _("  %s %s  (stopped: met)"), name, when);
		}
		return;
	}
	qclock_of(c->cat, &c->ticket.row, clock, (sd_time)due, (sd_time)c->now, c->cfg->at_risk_minutes, &k);
	qclock_format(&k, left, sizeof left);
	if (k.paused) {
		add(ls, theme_attr(EL_PAUSED), _("|| %s %s  PAUSED with %s left (moves on resume)"), nm11, when, left + 7);
	} else if (k.breached) {
		/* How long ago on the wall clock, as the board says it: the
		 * contract's business time may not have moved since (-0m). */
		char span[48], ago[64];

		sd_fmt_span((c->now - due) / 60, 24 * 60, span, sizeof span);
		add(ls, theme_attr(EL_BREACHED), _("!! %s %s  BREACHED %s"), nm11, when, sd_fmt_ago(span, ago, sizeof ago));
	} else {
		add(ls, k.at_risk ? theme_attr(EL_AT_RISK) : theme_attr(EL_NORMAL), _("%s %s %s  left %s%s"),
		    k.at_risk ? "! " : "  ", nm11, when, left, k.business ? _(" (business time)") : _(" (wall clock)"));
	}
}

static void add_targets(struct lines *ls, const struct console *c)
{
	const struct sla_plan *p = c->cat ? sla_plan_find(c->cat, c->ticket.row.plan) : NULL;
	const struct sla_category *cat = p ? sla_category_find(p, c->ticket.row.category) : NULL;

	if (!p) {
		add(ls, theme_attr(EL_NORMAL), _("  Plan %s is not in the plan catalogue."), c->ticket.row.plan);
		return;
	}
	add(ls, theme_attr(EL_NORMAL), "  %s (%s)%s%s", p->title ? p->title : p->name, p->provider ? p->provider : "",
	    cat ? _("; category: ") : "", cat && cat->title ? cat->title : "");
	for (int pass = 0; pass < 2; pass++) {
		const struct sla_target *t = pass == 0 ? p->targets : cat ? cat->targets : NULL;
		size_t n = pass == 0 ? p->ntargets : cat ? cat->ntargets : 0;

		for (size_t i = 0; i < n; i++)
			add(ls, theme_attr(EL_NORMAL), "  - %s", t[i].label ? t[i].label : sla_clock_name(t[i].clock));
	}
}

static void add_budget(struct lines *ls, const struct console *c)
{
	const struct queue_ticket *t = &c->ticket;
	char eur[32];

	if (c->have_balance) {
		const struct bill_balance *b = &c->balance;

		add(ls, theme_attr(EL_NORMAL), _("  free minutes left this month: %lld of %lld%s"),
		    (long long)b->free_left, (long long)b->free_allowance,
		    b->allowance_implied ? _(" (allowance not yet drawn)") : "");
		add(ls, theme_attr(EL_NORMAL), _("  activation credit left:       %lld min"), (long long)b->credit_left);
		for (size_t i = 0; i < c->budget_npoints && i < BILL_MAX_POINTS_KINDS; i++)
			add(ls, b->points_left[i] <= 0 ? theme_attr(EL_BREACHED) : theme_attr(EL_NORMAL),
			    _("  points (%s): %lld%s"), c->budget_points[i], (long long)b->points_left[i],
			    b->points_left[i] <= 0 ? _("  USED UP") : "");
		sd_fmt_money(b->billed_cents, eur, sizeof eur);
		add(ls, theme_attr(EL_NORMAL), _("  phone overage this month:     %lld min, %s"), (long long)b->billed_minutes,
		    eur);
	} else {
		add(ls, theme_attr(EL_NORMAL), "  (%s)", c->balance_note[0] ? c->balance_note : _("no budget in this plan"));
	}
	sd_fmt_money(t->time_billed_month_cents, eur, sizeof eur);
	add(ls, theme_attr(EL_NORMAL), _("  time billed this month:       %s (net)"), eur);
}

/* The engine's state name in the language of the messages (the English
 * words are the engine's names, as `console --dump` prints them). */
static const char *state_words(enum sla_state st)
{
	static const char *const words[] = {N_("no_target"), N_("running"), N_("at_risk"), N_("breached"),
					    N_("paused"), N_("met"), N_("missed")};

	return (unsigned)st < SDESK_ARRAY_LEN(words) && strcmp(words[st], sla_state_name(st)) == 0 ? _(words[st])
												   : sla_state_name(st);
}

/* The contract's dates as the database gives them ("2026-10-31 - open end",
 * "no contract") in the language's date format. */
static const char *contract_words(const char *valid, char *buf, size_t len)
{
	int y, m, d, y2, m2, d2, n = 0;
	char from[16], to[16];

	if (strcmp(valid, "no contract") == 0)
		return _("no contract");
	if (sscanf(valid, "%4d-%2d-%2d - %n", &y, &m, &d, &n) != 3 || n == 0)
		return valid;
	sd_fmt_date(y, m, d, from, sizeof from);
	if (strcmp(valid + n, "open end") == 0)
		snprintf(buf, len, "%s - %s", from, _("open end"));
	else if (sscanf(valid + n, "%4d-%2d-%2d", &y2, &m2, &d2) == 3)
		snprintf(buf, len, "%s - %s", from, sd_fmt_date(y2, m2, d2, to, sizeof to));
	else
		return valid;
	return buf;
}

static void build(const struct console *c, struct lines *ls, int cols)
{
	const struct queue_ticket *t = &c->ticket;
	const struct queue_row *r = &t->row;
	enum row_state st = console_row_state(c, r);
	char buf[64], buf2[64], valid[64];
	const char *role = strcmp(t->contact_role, "key_user") == 0   ? _("key user")
			   : strcmp(t->contact_role, "end_user") == 0 ? _("end user")
								      : "";

	if (!c->ticket_loaded) {
		add(ls, theme_attr(EL_NORMAL), "%s", _("Ticket could not be loaded."));
		return;
	}
	add(ls, theme_attr(EL_LABEL), "%s %s  %s", console_marker(st), r->ref, r->subject);
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_NORMAL), _("  Customer:   %s (%s), contract %s"), r->customer, t->account_code,
	    contract_words(t->contract_valid, valid, sizeof valid));
	if (*t->contact)
		add(ls, theme_attr(EL_NORMAL), _("  Contact:    %s, %s%s%s%s%s"), t->contact, role,
		    *t->contact_email ? ", " : "", t->contact_email, *t->contact_phone ? ", " : "",
		    t->contact_phone);
	else
		add(ls, theme_attr(EL_NORMAL), "%s", _("  Contact:    -"));
	add(ls, theme_attr(EL_NORMAL), _("  Plan:       %s    Category: %s    Channel: %s"), r->plan,
	    r->category, r->channel);
	snprintf(buf, sizeof buf, r->extended ? _("extended (%d)") : "%d", r->escalation);
	add(ls, (r->escalation || r->extended) ? theme_attr(EL_ESCALATED) : theme_attr(EL_NORMAL),
	    _("  Level:      %d%s level    Escalation: %s"), r->tier,
	    r->tier == 1 ? "st" : r->tier == 2 ? "nd" : "rd", buf);
	add(ls, st == ROW_PAUSED ? theme_attr(EL_PAUSED) : theme_attr(EL_NORMAL),
	    _("  Status:     %s%s    Assignee: %s"), r->status,
	    strcmp(r->status, "waiting") == 0 ? _(" (waiting for the customer)") : "",
	    *r->assignee ? r->assignee : "-");
	if (r->managed) {
		console_format_time(t->managed_told_at, buf, sizeof buf);
		add(ls, theme_attr(EL_ESCALATED), _("  Managed service: billed separately; customer told %s by %s"), buf,
		    t->managed_told_via);
	}
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_LABEL), "%s", _("Description"));
	add_wrapped(ls, *t->description ? t->description : _("(none)"), cols);
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_LABEL), _("Clocks (instants in %s)"), console_zone_name());
	{
		/* The queue's and the board's "left": the team's working time to the
		 * relevant clock's due instant (doc/sla.md, "Ticket state"); the
		 * clocks below count the contract's business time. */
		struct qclock k;
		char left[48], tl[64];
		enum row_state rs = console_row_state(c, r);

		text_fit(tl, sizeof tl, _("team left"), 11, 0);
		console_row_clock(c, r, &k);
		qclock_left_text(&k, left, sizeof left);
		add(ls, rs == ROW_BREACHED ? theme_attr(EL_BREACHED) : rs == ROW_AT_RISK ? theme_attr(EL_AT_RISK)
			: rs == ROW_PAUSED ? theme_attr(EL_PAUSED) : theme_attr(EL_NORMAL),
		    _("%s %s %s  (%s; %s clock; %s)"), console_marker(rs), tl, left, state_words(k.state),
		    !k.has_due ? _("no") : k.clock == SLA_REACTION ? _("reaction") : _("resolution"),
		    k.cal ? cal_name(k.cal) : _("wall clock"));
	}
	console_format_time(r->received, buf, sizeof buf);
	text_fit(buf2, sizeof buf2, _("received"), 12, 0);
	add(ls, theme_attr(EL_NORMAL), "  %s %s", buf2, buf);
	add_clock(ls, c, _("reaction"), SLA_REACTION, r->reaction_due, r->first_contact != QUEUE_NO_TIME);
	if (r->first_contact != QUEUE_NO_TIME) {
		console_format_time(r->first_contact, buf, sizeof buf);
		text_fit(buf2, sizeof buf2, _("contacted"), 12, 0);
		add(ls, theme_attr(EL_NORMAL), "  %s %s", buf2, buf);
	}
	if (r->estimate_due != QUEUE_NO_TIME)
		add_clock(ls, c, _("estimate"), SLA_RESOLUTION, r->estimate_due, 0);
	add_clock(ls, c, _("resolution"), SLA_RESOLUTION, r->resolution_due, 0);
	for (size_t i = 0; i < t->nestimates; i++) {
		console_format_time(t->estimates[i].due, buf, sizeof buf);
		add(ls, theme_attr(EL_NORMAL), "  %s %s (%s)%s%s", t->estimates[i].seq ? _("extended to") : _("estimate told:"),
		    buf, t->estimates[i].who, *t->estimates[i].reason ? ": " : "", t->estimates[i].reason);
	}
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_LABEL), "%s", _("Plan and targets"));
	add_targets(ls, c);
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_LABEL), _("Budget (%s)"), r->customer);
	add_budget(ls, c);
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_LABEL), "%s", _("Links"));
	if (t->nincidents == 0 && t->ndevs == 0)
		add(ls, theme_attr(EL_NORMAL), "%s", _("  (none)"));
	for (size_t i = 0; i < t->nincidents; i++)
		add(ls, theme_attr(EL_NORMAL), _("  incident %lld: %s (%s)"), (long long)t->incidents[i].id,
		    t->incidents[i].title, t->incidents[i].status);
	for (size_t i = 0; i < t->ndevs; i++)
		add(ls, theme_attr(EL_NORMAL), "  %s %s %s %s", t->devs[i].tracker, t->devs[i].ref, t->devs[i].kind,
		    t->devs[i].url);
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_LABEL), "%s", _("Calls and time"));
	if (t->ncalls == 0 && t->ntimes == 0)
		add(ls, theme_attr(EL_NORMAL), "%s", _("  (none)"));
	for (size_t i = 0; i < t->ncalls; i++) {
		console_format_time(t->calls[i].at, buf, sizeof buf);
		sd_fmt_money(t->calls[i].price_cents, buf2, sizeof buf2);
		add(ls, theme_attr(EL_NORMAL), _("  %s  call %-8s %3d:%02d  %s  %s"), buf, t->calls[i].kind,
		    t->calls[i].duration_s / 60, t->calls[i].duration_s % 60, buf2, t->calls[i].agent);
	}
	for (size_t i = 0; i < t->ntimes; i++) {
		console_format_time(t->times[i].at, buf, sizeof buf);
		sd_fmt_money(t->times[i].amount_cents, buf2, sizeof buf2);
		add(ls, theme_attr(EL_NORMAL), _("  %s  time %-8s %4d min  %s  %s  %s"), buf, t->times[i].kind,
		    t->times[i].minutes, buf2, t->times[i].agent, t->times[i].note);
	}
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_LABEL), "%s", _("History"));
	if (t->nevents == 0)
		add(ls, theme_attr(EL_NORMAL), "%s", _("  (none)"));
	for (size_t i = 0; i < t->nevents; i++) {
		char words[1024];

		console_format_time(t->events[i].at, buf, sizeof buf);
		history_words(&t->events[i], words, sizeof words);
		add(ls, theme_attr(EL_NORMAL), "  %s  %s", buf, words);
	}
	/* The conversation last: the newest message is at the end (End). */
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_LABEL), _("Conversation (%zu; %s note, %s reply)"), t->nmessages, keys_of(REQ_NOTE),
	    keys_of(REQ_REPLY));
	if (t->nmessages == 0)
		add(ls, theme_attr(EL_NORMAL), "%s", _("  (no notes or replies yet)"));
	for (size_t i = 0; i < t->nmessages; i++) {
		const struct queue_message *m = &t->messages[i];
		const char *what = strcmp(m->kind, "note") == 0	      ? _("internal note")
				   : strcmp(m->kind, "incoming") == 0 ? _("from the customer")
								      : _("reply to the customer");

		console_format_time(m->at, buf, sizeof buf);
		if (strcmp(m->kind, "reply") == 0 && strcmp(m->channel, "console") != 0)
			add(ls, theme_attr(EL_LABEL), _("  %s  %s by %s, %s"), buf, what,
			    strcmp(m->channel, "onsite") == 0 ? _("on site") : strcmp(m->channel, "email") == 0 ? _("e-mail") : m->channel,
			    m->author);
		else
			add(ls, theme_attr(EL_LABEL), "  %s  %s, %s", buf, what, m->author);
		add_wrapped(ls, m->body, cols - 2);
	}
}

static void free_lines(struct lines *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		free(ls->v[i].text);
	free(ls->v);
}

static size_t line_count(struct console *c, int cols)
{
	struct lines ls = {0};
	size_t n;

	build(c, &ls, cols);
	n = ls.n;
	free_lines(&ls);
	return n;
}

static void ticket_draw(void *app, int top, int rows, int cols)
{
	struct console *c = app;
	struct lines ls = {0};

	build(c, &ls, cols);
	c->page_rows = rows;
	if (ls.n <= (size_t)rows)
		c->ticket_scroll = 0;
	else if (c->ticket_scroll > ls.n - (size_t)rows)
		c->ticket_scroll = ls.n - (size_t)rows;
	for (int i = 0; i < rows && c->ticket_scroll + (size_t)i < ls.n; i++) {
		const struct line *l = &ls.v[c->ticket_scroll + (size_t)i];

		ui_put(top + i, 0, cols, l->attr, l->text);
	}
	free_lines(&ls);
}

static int ticket_key(void *app, enum ui_request req, int key)
{
	struct console *c = app;

	c->message[0] = '\0';
	if (ui_list_nav(req, &c->ticket_scroll, line_count(c, COLS), c->page_rows, 0))
		return UI_REDRAW;
	switch (req) {
	case REQ_REFRESH:
		console_load_ticket(c, c->ticket_id);
		clearok(curscr, TRUE);
		break;
	case REQ_HELP:      console_push(c, &help_screen); break;
	case REQ_BACK:      console_pop(c); break;
	case REQ_GOTO:
		c->go[0] = '\0';
		console_push(c, &goto_screen);
		break;
	case REQ_NEXT_MATCH:
	case REQ_PREV_MATCH:
		return console_next_match(c, req == REQ_NEXT_MATCH ? 1 : -1);
	case REQ_TAKE: case REQ_ASSIGN: case REQ_TIER: case REQ_CONTACT: case REQ_EXTEND:
	case REQ_ESCALATE: case REQ_WAIT: case REQ_MANAGED: case REQ_INCIDENT: case REQ_DEVLINK:
	case REQ_RESOLVE: case REQ_REOPEN: case REQ_CLOSE: case REQ_CALL: case REQ_LOG_TIME: case REQ_REPLY:
	case REQ_NOTE: case REQ_ONCALL:
		if (!c->ticket_loaded) {
			console_say(c, 1, "%s", _("the ticket is not loaded"));
			break;
		}
		return console_action(c, req, c->ticket_id);
	case REQ_MESSAGES:
		console_push(c, &messages_screen);
		break;
	default:
		return key != 0 ? UI_UNHANDLED | UI_REDRAW : UI_REDRAW;
	}
	return UI_REDRAW;
}

static void ticket_enter(void *app)
{
	((struct console *)app)->ticket_scroll = 0;
}

const struct ui_screen ticket_screen = {
	.name = "ticket",
	.id = UI_SCR_TICKET,
	.enter = ticket_enter,
	.key = ticket_key,
	.draw = ticket_draw,
};
