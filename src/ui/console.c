/* The console's model and its wiring to the loop: connection, reload on
 * NOTIFY, reconnect with back-off, the local journal (every write goes
 * through it; pending entries are resent from the loop), header and status
 * line. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/now.h"
#include "base/exitcodes.h"
#include "base/fmt.h"
#include "base/util.h"
#include "conf/config.h"
#include "conf/plans.h"
#include "db/billing_q.h"
#include "db/catalogue.h"
#include "db/db.h"
#include "db/journal.h"
#include "db/queue.h"
#include "ui/booking.h"
#include "ui/console.h"
#include "ui/text.h"
#include "ui/theme.h"

static int64_t mono_ms(void)
{
	return session_mono_ms();
}

void console_say(struct console *c, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->message, sizeof c->message, fmt, ap);
	va_end(ap);
	c->message_is_error = error;
	if (c->message[0] && (c->nlog == 0 || strcmp(c->log[(c->nlog - 1) % CONSOLE_LOG], c->message) != 0))
		snprintf(c->log[c->nlog++ % CONSOLE_LOG], sizeof c->log[0], "%s", c->message);
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

static void journal_counts(struct console *c);

/* ---- questions -------------------------------------------------------------- */

static int prompt_wants_text(void *app)
{
	(void)app;
	return 1;
}

static int prompt_key(void *app, enum ui_request req, int key)
{
	struct console *c = app;
	int (*fn)(struct console *, int) = c->ask_fn;

	(void)req;
	if (key == UI_KEY_FN(KEY_RESIZE))
		return UI_REDRAW;
	c->ask[0] = '\0';
	c->ask_fn = NULL;
	console_pop(c);
	return (fn ? fn(c, key) : UI_KEEP) | UI_REDRAW;
}

static void prompt_draw(void *app, int top, int rows, int cols)
{
	struct console *c = app;

	console_below(c)->draw(app, top, rows, cols);
}

const struct ui_screen prompt_screen = {
	.name = "question",
	.id = 0,
	.wants_text = prompt_wants_text,
	.key = prompt_key,
	.draw = prompt_draw,
};

void console_ask(struct console *c, int (*fn)(struct console *c, int key), const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->ask, sizeof c->ask, fmt, ap);
	va_end(ap);
	c->ask_fn = fn;
	c->message[0] = '\0';
	if (c->stack[c->depth - 1] != &prompt_screen)
		console_push(c, &prompt_screen);
}

static int quit_answer(struct console *c, int key)
{
	if (key == 'y' || key == 'Y')
		return UI_QUIT;
	console_say(c, 0, "%s", _("not quitting"));
	return UI_REDRAW;
}

int console_quit(struct console *c)
{
	char call[128], what[256] = "";

	journal_counts(c);
	if (booking_running(call, sizeof call))
		snprintf(what, sizeof what, _("%s running"), call);
	if (c->pending) {
		char n[96];

		snprintf(n, sizeof n, ngettext("%zu entry not sent", "%zu entries not sent", c->pending), c->pending);
		snprintf(what + strlen(what), sizeof what - strlen(what), "%s%s", what[0] ? ", " : "", n);
	}
	if (!what[0])
		return UI_QUIT;
	console_ask(c, quit_answer, _("%s: kept in the journal. Quit? y/n"), what);
	return UI_REDRAW;
}

/* ---- rows: state, clock ------------------------------------------------ */

/* How many tickets the view holds before filters and search: the open ones,
 * or the resolved and closed ones loaded for those views. */
size_t console_view_size(const struct console *c)
{
	return c->view == VIEW_RESOLVED || c->view == VIEW_CLOSED ? c->queue.n - c->nopen : c->nopen;
}

const char *console_view_name(enum console_view v)
{
	static const char *const names[VIEW_COUNT] = {
#define CV_X(id, name) [id] = name,
		CONSOLE_VIEWS(CV_X)
#undef CV_X
	};

	return v < VIEW_COUNT ? _(names[v]) : "?";
}

void console_row_clock(const struct console *c, const struct queue_row *r, struct qclock *k)
{
	qclock_compute(c->cat, r, (sd_time)c->now, c->cfg->at_risk_minutes, k);
}

enum row_state console_row_state(const struct console *c, const struct queue_row *r)
{
	struct qclock k;

	console_row_clock(c, r, &k);
	if (k.breached)
		return ROW_BREACHED;
	if (k.paused || r->paused_since != QUEUE_NO_TIME)
		return ROW_PAUSED;
	if (k.at_risk)
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

static char zone_name[96];

const char *console_zone_name(void)
{
	return zone_name;
}

/* Every instant in one zone: ui.time_zone, else TZ, else the system's. */
static int zone_set(const struct sdesk_config *cfg, int64_t now, char *err, size_t len)
{
	const char *tz = cfg->time_zone && *cfg->time_zone ? cfg->time_zone : getenv("TZ");
	time_t t = (time_t)now;
	struct tm tm;
	char abbr[16] = "";

	if (cfg->time_zone && *cfg->time_zone) {
		char path[512];
		FILE *fp;

		snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", cfg->time_zone);
		if (cfg->time_zone[0] == '/' || strstr(cfg->time_zone, "..") || !(fp = fopen(path, "r"))) {
			snprintf(err, len, _("%s: ui.time_zone: unknown zone '%s' (a name like Europe/Berlin)"),
				 cfg->path ? cfg->path : _("settings"), cfg->time_zone);
			return -1;
		}
		fclose(fp);
		setenv("TZ", cfg->time_zone, 1);
	}
	tzset();
	if (localtime_r(&t, &tm))
		strftime(abbr, sizeof abbr, "%Z", &tm);
	snprintf(zone_name, sizeof zone_name, "%s%s%s", tz && *tz ? (*tz == ':' ? tz + 1 : tz) : _("local time"),
		 abbr[0] ? ", " : "", abbr);
	return 0;
}

void console_format_time(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == QUEUE_NO_TIME || !localtime_r(&tt, &tm)) {
		snprintf(buf, len, "-");
		return;
	}
	sd_fmt_datetime(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour * 60 + tm.tm_min, buf, len);
}

/* ---- filter and reload ---------------------------------------------------- */

static int row_is_done(const struct queue_row *r)
{
	return queue_row_done(r);
}

static int row_matches(const struct console *c, const struct queue_row *r)
{
	if (c->view == VIEW_RESOLVED || c->view == VIEW_CLOSED) {
		if (strcmp(r->status, c->view == VIEW_RESOLVED ? "resolved" : "closed") != 0)
			return 0;
	} else if (row_is_done(r)) {
		return 0;
	}
	switch (c->view) {
	case VIEW_MINE:
		if (!c->me.login || strcmp(r->assignee, c->me.login) != 0)
			return 0;
		break;
	case VIEW_UNASSIGNED:
		if (*r->assignee)
			return 0;
		break;
	case VIEW_TEAM:
		if (!c->me.team || r->team != c->me.team)
			return 0;
		break;
	case VIEW_CUSTOMER:
		if (r->account_id != c->view_account)
			return 0;
		break;
	default:
		break;
	}
	if (c->f_category[0] && strcmp(r->category, c->f_category) != 0)
		return 0;
	if (c->f_tier && r->tier != c->f_tier)
		return 0;
	if (c->f_channel[0] && strcmp(r->channel, c->f_channel) != 0)
		return 0;
	return text_contains(r->ref, c->search) || text_contains(r->customer, c->search)
	       || text_contains(r->subject, c->search);
}

void console_filter(struct console *c)
{
	size_t keep = c->cursor;

	free(c->visible);
	c->visible = xcalloc(c->queue.n ? c->queue.n : 1, sizeof *c->visible);
	c->nvisible = 0;
	for (size_t i = 0; i < c->queue.n; i++)
		if (row_matches(c, &c->queue.rows[i]))
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
	c->loading = 0;
	if (c->state == CON_OFFLINE)
		return;
	c->state = CON_OFFLINE;
	session_lost(&c->sess);
	console_say(c, 1, _("connection to the database lost: %s"), db_last_error(c->db)->plain);
}

const char *console_db_error(struct console *c)
{
	const struct db_error *e = db_last_error(c->db);

	if (!db_connected(c->db) || e->kind == DB_CONNECTION)
		go_offline(c);
	return e->plain;
}

/* Sorts the open tickets by the engine at c->now and filters again,
 * keeping the cursor's ticket. */
static void queue_sort(struct console *c)
{
	struct queue open;

	/* The open tickets come first: sorted by the engine; the resolved and
	 * closed ones stay newest first after them. */
	for (c->nopen = 0; c->nopen < c->queue.n && !row_is_done(&c->queue.rows[c->nopen]); c->nopen++)
		;
	open.n = c->nopen;
	open.rows = xcalloc(open.n + 1, sizeof *open.rows);
	memcpy(open.rows, c->queue.rows, open.n * sizeof *open.rows);
	qclock_sort(c->cat, &open, (sd_time)c->now);
	memcpy(c->queue.rows, open.rows, open.n * sizeof *open.rows);
	free(open.rows);
	c->sorted_minute = c->now / 60;
	console_filter(c);
}

/* A whole reload's result arrived. */
static void queue_arrived(struct console *c, const struct db_result *res)
{
	queue_take(res, &c->queue);
	queue_sort(c);
	/* Half the period to one and a half, at random: consoles that reloaded
	 * together (a server restart) spread out. */
	c->next_full_ms = mono_ms() + (int64_t)CONSOLE_FULL_RELOAD_S * 500
			  + rand() % (CONSOLE_FULL_RELOAD_S * 1000 + 1);
	console_trace(c, "# full");
}

/* The rows of the tickets a NOTIFY named arrived: merged into the queue
 * (db/queue.h), which is sorted again. */
static void merge_arrived(struct console *c, const struct db_result *res)
{
	struct strbuf how = {0};

	if (queue_merge(res, &c->queue, c->merge_ids, c->nmerge_ids) != 0)
		c->note_full = 1; /* a reopened ticket left a full done part: the next one comes with a reload */
	queue_sort(c);
	sb_append(&how, "# merge ");
	for (size_t i = 0; i < c->nmerge_ids; i++)
		sb_printf(&how, "%s%lld", i ? "," : "", (long long)c->merge_ids[i]);
	console_trace(c, how.buf);
	sb_free(&how);
}

void console_trace(const struct console *c, const char *how)
{
	size_t ndone = c->queue.n - c->nopen;

	if (!c->trace)
		return;
	fprintf(c->trace, "%s\n", how);
	console_dump_rows(c, &c->queue, c->nopen, c->trace);
	fprintf(c->trace, "# done %zu\n", ndone);
	for (size_t i = c->nopen; i < c->queue.n; i++)
		fprintf(c->trace, "%s\t%s\n", c->queue.rows[i].ref, c->queue.rows[i].status);
	fprintf(c->trace, "# end\n");
	fflush(c->trace);
}

int console_parse_ticket(const char *s, int64_t *id)
{
	char *end;
	long long v;

	while (*s == ' ')
		s++;
	if ((s[0] == 'S' || s[0] == 's') && (s[1] == 'D' || s[1] == 'd') && s[2] == '-')
		s += 3;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || v <= 0)
		return -1;
	*id = v;
	return 0;
}

int console_open_ticket(struct console *c, int64_t id)
{
	if (c->state != CON_LIVE) {
		console_say(c, 1, _("offline: SD-%lld can be found once LIVE"), (long long)id);
		return -1;
	}
	c->ticket_loaded = 0;
	console_load_ticket(c, id);
	if (!c->ticket_loaded || c->ticket.row.id != id)
		return -1;
	c->selected_id = id;
	if (c->stack[c->depth - 1] == &ticket_screen)
		ticket_screen.enter(c);
	else
		console_push(c, &ticket_screen);
	console_say(c, 0, "SD-%lld: %s", (long long)id, c->ticket.row.status);
	return 0;
}

int console_next_match(struct console *c, int dir)
{
	size_t from = c->cursor;

	if (c->nvisible == 0) {
		console_say(c, 0, "%s", c->search[0] ? _("no ticket in this view matches the search") : _("no ticket in this view"));
		return UI_REDRAW;
	}
	if (c->stack[c->depth - 1] == &ticket_screen) {
		/* From the open ticket's place in the list (or the cursor's). */
		for (size_t v = 0; v < c->nvisible; v++)
			if (c->queue.rows[c->visible[v]].id == c->ticket_id)
				from = v;
	}
	if (dir > 0 && from + 1 >= c->nvisible) {
		c->cursor = 0;
		console_say(c, 0, "%s", _("search hit BOTTOM, continuing at TOP"));
	} else if (dir < 0 && from == 0) {
		c->cursor = c->nvisible - 1;
		console_say(c, 0, "%s", _("search hit TOP, continuing at BOTTOM"));
	} else {
		c->cursor = dir > 0 ? from + 1 : from - 1;
		c->message[0] = '\0';
	}
	c->selected_id = c->queue.rows[c->visible[c->cursor]].id;
	if (c->stack[c->depth - 1] == &ticket_screen) {
		char msg[sizeof c->message];

		snprintf(msg, sizeof msg, "%s", c->message);
		console_open_ticket(c, c->selected_id);
		if (msg[0])
			console_say(c, 0, "%s", msg);
	}
	return UI_REDRAW;
}

/* ---- g / : and a ticket number ------------------------------------------------ */

static int goto_wants_text(void *app)
{
	(void)app;
	return 1;
}

static int goto_key(void *app, enum ui_request req, int key)
{
	struct console *c = app;
	int64_t id;

	(void)req;
	if (key == 27) {
		c->go[0] = '\0';
		console_pop(c);
		return UI_REDRAW;
	}
	if (key == 'g' && !c->go[0]) { /* g g: the first line, as in vi and less */
		console_pop(c);
		return c->stack[c->depth - 1]->key(c, REQ_HOME, 0);
	}
	if (key == '\n') {
		console_pop(c);
		if (console_parse_ticket(c->go, &id) != 0) {
			console_say(c, 1, _("not a ticket number: '%s' (10001 or SD-10001)"), c->go);
		} else if (console_open_ticket(c, id) != 0 && !c->message[0]) {
			console_say(c, 1, "no ticket SD-%lld", (long long)id);
		}
		c->go[0] = '\0';
		return UI_REDRAW;
	}
	if (key == UI_KEY_FN(KEY_BACKSPACE) || (!(key & UI_KEY_FN_BIT) && key >= ' ' && key != 127))
		form_edit(c->go, sizeof c->go, key);
	return UI_REDRAW;
}

const struct ui_screen goto_screen = {
	.name = "goto",
	.id = 0,
	.wants_text = goto_wants_text,
	.key = goto_key,
	.draw = prompt_draw,
};

/* ---- the budget column ------------------------------------------------------- */

static const struct console_budget *budget_find(const struct console *c, int64_t contract);

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* After the queue: the ledgers of its contracts, one query (loading
 * CONSOLE_LOAD_BUDGETS); after a merge (partial) only those of the merged
 * tickets' contracts. */
static void budgets_send(struct console *c, int partial)
{
	int64_t *ids = xcalloc(c->queue.n + 1, sizeof *ids);
	size_t n = 0;

	for (size_t i = 0; i < c->queue.n; i++) {
		int want = !partial;

		for (size_t j = 0; j < c->nmerge_ids && !want; j++)
			want = c->queue.rows[i].id == c->merge_ids[j];
		if (want)
			ids[n++] = c->queue.rows[i].contract_id;
	}
	qsort(ids, n, sizeof *ids, cmp_i64);
	{
		size_t k = 0;

		for (size_t i = 0; i < n; i++)
			if (k == 0 || ids[k - 1] != ids[i])
				ids[k++] = ids[i];
		n = k;
	}
	if (n > 0 && bq_ledgers_send(c->db, ids, n) == 0) {
		c->loading = CONSOLE_LOAD_BUDGETS;
		c->budgets_partial = partial;
	}
	free(ids);
}

static const struct sla_plan *plan_of_contract(const struct console *c, int64_t contract)
{
	for (size_t i = 0; i < c->queue.n; i++)
		if (c->queue.rows[i].contract_id == contract)
			return c->cat ? sla_plan_find(c->cat, c->queue.rows[i].plan) : NULL;
	return NULL;
}

static const struct sla_budget *budget_of(void *ctx, int64_t contract)
{
	const struct sla_plan *p = plan_of_contract(ctx, contract);

	return p ? &p->budget : NULL;
}

static int cmp_budget(const void *a, const void *b)
{
	return cmp_i64(&((const struct console_budget *)a)->contract, &((const struct console_budget *)b)->contract);
}

static int budget_month(const struct console *c)
{
	time_t now = (time_t)c->now;
	struct tm tm;

	localtime_r(&now, &tm);
	return bill_month(tm.tm_year + 1900, tm.tm_mon + 1);
}

static void budgets_arrived(struct console *c, const struct db_result *res)
{
	struct bq_ledger *l = NULL;
	size_t n = 0;
	int month = budget_month(c);

	bq_ledgers_take(res, budget_of, c, &l, &n);
	if (c->budgets_partial) {
		/* Keep the other contracts' balances; these replace or join them. */
		struct console_budget *all = xcalloc(c->nbudgets + n + 1, sizeof *all);
		size_t k = 0;

		for (size_t i = 0; i < c->nbudgets; i++) {
			int again = 0;

			for (size_t j = 0; j < n && !again; j++)
				again = c->budgets[i].contract == l[j].contract;
			if (!again)
				all[k++] = c->budgets[i];
		}
		for (size_t j = 0; j < n; j++)
			all[k++].contract = l[j].contract;
		qsort(all, k, sizeof *all, cmp_budget);
		free(c->budgets);
		c->budgets = all;
		c->nbudgets = k;
	} else {
		free(c->budgets);
		c->budgets = xcalloc(n + 1, sizeof *c->budgets);
		c->nbudgets = n;
		for (size_t i = 0; i < n; i++)
			c->budgets[i].contract = l[i].contract;
	}
	for (size_t i = 0; i < n; i++) {
		struct console_budget *b = (struct console_budget *)budget_find(c, l[i].contract);

		b->activated = l[i].activated;
		b->activation_month = l[i].activation_month;
		b->plan = plan_of_contract(c, l[i].contract);
		b->ok = b->plan && !l[i].bad
			&& bq_balance(&b->plan->budget, l[i].moves, l[i].n, month, l[i].activated, l[i].activation_month,
				      &b->bal) == BILL_OK;
	}
	bq_ledgers_free(l, n);
}

static const struct console_budget *budget_find(const struct console *c, int64_t contract)
{
	size_t lo = 0, hi = c->nbudgets;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c->budgets[mid].contract < contract)
			lo = mid + 1;
		else if (c->budgets[mid].contract > contract)
			hi = mid;
		else
			return &c->budgets[mid];
	}
	return NULL;
}

/* The points kind that applies to a row: 3rd level work is technical, the
 * rest user support, when the plan has such a kind; else its first. */
static size_t points_kind(const struct sla_budget *b, const struct queue_row *r)
{
	int k = bill_points_kind(b, r->tier >= 3 ? "technical" : "user");

	return k >= 0 ? (size_t)k : 0;
}

void console_budget_cell(const struct console *c, const struct queue_row *r, int width, char *buf, size_t len,
			 int *level)
{
	const struct console_budget *b = budget_find(c, r->contract_id);
	const struct sla_budget *pb;
	int64_t left, low;
	char unit;

	*level = -1;
	if (!b || !b->plan || !b->ok) {
		snprintf(buf, len, "%s", b ? "?" : "");
		return;
	}
	pb = &b->plan->budget;
	if (pb->npoints > 0) {
		left = b->bal.points_left[points_kind(pb, r)];
		low = c->cfg->budget_low_points;
		unit = 'P';
	} else if (pb->monthly_free_minutes > 0 || pb->activation_credit_minutes > 0) {
		left = b->bal.free_left + b->bal.credit_left;
		low = c->cfg->budget_low_minutes;
		unit = 'm';
	} else {
		snprintf(buf, len, "-");
		return;
	}
	*level = left <= 0 ? 2 : left < low ? 1 : 0;
	if (width >= 12 && pb->npoints > 1) {
		struct strbuf sb = {0};

		for (size_t k = 0; k < pb->npoints && k < BILL_MAX_POINTS_KINDS; k++)
			sb_printf(&sb, "%s%lldP %.4s", k ? " " : "", (long long)b->bal.points_left[k], pb->points[k].name);
		snprintf(buf, len, "%s%s", sb.buf, *level == 2 ? "!" : *level == 1 ? "~" : "");
		sb_free(&sb);
	} else if (width >= 12 && unit == 'm' && pb->activation_credit_minutes > 0) {
		snprintf(buf, len, "%lld+%lldm%s", (long long)b->bal.free_left, (long long)b->bal.credit_left,
			 *level == 2 ? "!" : *level == 1 ? "~" : "");
	} else {
		snprintf(buf, len, "%lld%c%s", (long long)left, unit, *level == 2 ? "!" : *level == 1 ? "~" : "");
	}
}

/* Starts what the NOTIFYs asked for, when LIVE and nothing is loading: the
 * whole queue, else the rows of the tickets they named. */
static void console_sync(struct console *c)
{
	if (c->state != CON_LIVE || c->loading)
		return;
	if (c->note_full) {
		c->note_full = 0;
		c->nnote_ids = 0;
		if (queue_send(c->db) != 0) {
			console_db_error(c);
			return;
		}
		c->loading = CONSOLE_LOAD_QUEUE;
	} else if (c->nnote_ids) {
		memcpy(c->merge_ids, c->note_ids, c->nnote_ids * sizeof *c->note_ids);
		c->nmerge_ids = c->nnote_ids;
		c->nnote_ids = 0;
		if (queue_send_ids(c->db, c->merge_ids, c->nmerge_ids) != 0) {
			console_db_error(c);
			return;
		}
		c->loading = CONSOLE_LOAD_IDS;
	}
}

void console_reload(struct console *c)
{
	c->note_full = 1;
	console_sync(c);
}

/* Notes ticket id (0: the whole queue) for the next console_sync. */
static void note_add(struct console *c, int64_t id)
{
	size_t i;

	if (id <= 0) {
		c->note_full = 1;
	} else {
		for (i = 0; i < c->nnote_ids && c->note_ids[i] != id; i++)
			;
		if (i == c->nnote_ids) {
			if (c->nnote_ids == QUEUE_MAX_IDS)
				c->note_full = 1; /* more tickets than one query re-reads: the whole queue */
			else
				c->note_ids[c->nnote_ids++] = id;
		}
	}
}

void console_refresh(struct console *c, int64_t id)
{
	note_add(c, id);
	console_sync(c);
}

/* A notification (ui/session.h on_note): its ticket, or the whole queue
 * when it names none (ENTITY:ID) or could not be read. Started from pump. */
static void on_note(void *arg, const char *payload)
{
	note_add(arg, queue_payload_ticket(payload));
}

/* Reads what the socket has: the reload's result and notifications.
 * Returns ui_result flags. */
static int pump(struct console *c)
{
	struct db_result *res = NULL;
	int n = 0, flags = UI_KEEP;
	int rc = session_pump(&c->sess, c->loading, &res, &n, NULL, 0);
	int was = c->loading;

	if (rc < 0) {
		go_offline(c);
		return UI_REDRAW;
	}
	if (rc == 1)
		c->loading = 0;
	if (rc == 1 && was == CONSOLE_LOAD_BUDGETS) { /* the budgets of the queue's contracts */
		if (res) {
			budgets_arrived(c, res);
			db_result_free(res);
		} else {
			console_say(c, 1, _("could not load the budgets: %s"), db_last_error(c->db)->plain);
		}
		flags |= UI_REDRAW;
	} else if (rc == 1) {
		int shown = c->depth > 1 && c->ticket_id && c->stack[c->depth - 1] == &ticket_screen;

		if (res && was == CONSOLE_LOAD_IDS) {
			merge_arrived(c, res);
			db_result_free(res);
			for (size_t i = 0; i < c->nmerge_ids && shown; i++)
				if (c->merge_ids[i] == c->ticket_id) {
					console_load_ticket(c, c->ticket_id);
					shown = 0;
				}
			budgets_send(c, 1);
		} else if (res) {
			queue_arrived(c, res);
			db_result_free(res);
			if (shown)
				console_load_ticket(c, c->ticket_id);
			budgets_send(c, 0);
		} else {
			console_say(c, 1, _("could not load the queue: %s"), db_last_error(c->db)->plain);
		}
		flags |= UI_REDRAW;
	}
	(void)n;
	console_sync(c);
	return flags;
}

int console_settle(struct console *c)
{
	int64_t until = mono_ms() + 10000;

	while (c->loading && c->state == CON_LIVE && mono_ms() < until) {
		struct pollfd p = {.fd = db_socket(c->db), .events = POLLIN};

		if (p.fd < 0 || (poll(&p, 1, 100) < 0 && errno != EINTR))
			break;
		pump(c);
	}
	if (c->loading) {
		go_offline(c);
		return -1;
	}
	return c->state == CON_LIVE ? 0 : -1;
}

/* The budget of the open ticket's contract as of this month: the ledger's
 * movements (db/billing_q.h) through the billing engine's bill_balance. */
static const struct console_budget *budget_find(const struct console *c, int64_t contract);

static void load_balance(struct console *c)
{
	const struct sla_plan *p = c->cat ? sla_plan_find(c->cat, c->ticket.row.plan) : NULL;
	const struct console_budget *qb = budget_find(c, c->ticket.row.contract_id);
	struct bill_move *moves = NULL;
	size_t n = 0;
	time_t now = (time_t)c->now;
	struct tm tm;
	int rc;

	c->have_balance = 0;
	c->budget_npoints = 0;
	c->balance_note[0] = '\0';
	if (!p) {
		snprintf(c->balance_note, sizeof c->balance_note, _("plan %s is not in the plan catalogue"),
			 c->ticket.row.plan);
		return;
	}
	if (!p->budget.monthly_free_minutes && !p->budget.activation_credit_minutes && !p->budget.npoints) {
		snprintf(c->balance_note, sizeof c->balance_note, _("plan %s has no minutes or points budget"), p->name);
		return;
	}
	rc = bq_moves(c->db, c->ticket.row.contract_id, &p->budget, &moves, &n);
	if (rc != 0) {
		snprintf(c->balance_note, sizeof c->balance_note, _("ledger not readable: %s"),
			 rc == -1 ? db_last_error(c->db)->plain : _("a row the plan cannot hold"));
		free(moves);
		return;
	}
	localtime_r(&now, &tm);
	/* As the queue and `sdesk budget show`: with the activation credit an
	 * activated account is owed (the queue's read of its account). */
	if (bq_balance(&p->budget, moves, n, bill_month(tm.tm_year + 1900, tm.tm_mon + 1),
		       qb ? qb->activated : 0, qb ? qb->activation_month : 0, &c->balance) == BILL_OK) {
		c->have_balance = 1;
		for (size_t i = 0; i < p->budget.npoints && i < BILL_MAX_POINTS_KINDS; i++)
			c->budget_points[c->budget_npoints++] = p->budget.points[i].name;
	} else {
		snprintf(c->balance_note, sizeof c->balance_note, _("the ledger does not fit plan %s"), p->name);
	}
	free(moves);
}

void console_load_ticket(struct console *c, int64_t id)
{
	int rc;

	c->ticket_id = id;
	if (c->state != CON_LIVE || console_settle(c) != 0)
		return; /* keep showing what was loaded */
	rc = queue_load_ticket(c->db, id, &c->ticket);
	if (rc == 0) {
		c->ticket_loaded = 1;
		load_balance(c);
		return;
	}
	if (rc < 0 && !db_connected(c->db)) {
		go_offline(c);
		return;
	}
	c->ticket_loaded = 0;
	if (rc > 0)
		console_say(c, 1, "no ticket SD-%lld", (long long)id);
	else
		console_say(c, 1, _("could not load the ticket: %s"), db_last_error(c->db)->plain);
}

/* ---- the journal ------------------------------------------------------------ */

static void journal_counts(struct console *c)
{
	size_t damaged = journal_damaged_count(c->journal);

	c->pending = journal_pending_count(c->journal);
	c->refused = journal_failed_count(c->journal);
	if (damaged > c->damaged) { /* at start-up, or found by a re-read */
		char first[512];

		journal_problems(c->journal, first, sizeof first);
		console_say(c, 1,
			    ngettext("journal: %zu damaged record kept, not sent (%s): see sdesk journal list",
				     "journal: %zu damaged records kept, not sent (%s): see sdesk journal list", damaged),
			    damaged, first);
	}
	c->damaged = damaged;
}

/* The first pending entry's key into key; 0, or -1 when none is pending. */
static int first_pending(const struct console *c, char key[37])
{
	for (size_t i = 0; i < journal_count(c->journal); i++) {
		const struct journal_entry *e = journal_entry_at(c->journal, i);

		if (e->state == JOURNAL_PENDING) {
			memcpy(key, e->key, 37);
			return 0;
		}
	}
	return -1;
}

static enum journal_state state_of(const struct console *c, const char *key)
{
	for (size_t i = journal_count(c->journal); i-- > 0;) {
		const struct journal_entry *e = journal_entry_at(c->journal, i);

		if (strcmp(e->key, key) == 0)
			return e->state;
	}
	return JOURNAL_DONE;
}

/* After a send that did not go through: offline when the connection is gone. */
static void send_failed(struct console *c)
{
	if (!db_connected(c->db) || db_last_error(c->db)->kind == DB_CONNECTION)
		go_offline(c);
}

int console_send(struct console *c, const char *key, int64_t *id, char *err, size_t errlen)
{
	char k[37];
	int rc = 0, blocked = 0;

	snprintf(err, errlen, "offline");
	if (c->state == CON_LIVE && console_settle(c) == 0) {
		/* Entries typed earlier go first (a booking's split depends on them). */
		while (first_pending(c, k) == 0 && strcmp(k, key) != 0) {
			rc = journal_submit(c->journal, c->db, k, NULL, err, errlen);
			if (rc == 0 || (rc < 0 && state_of(c, k) == JOURNAL_PENDING)) {
				blocked = 1;
				break;
			}
		}
		rc = blocked ? 0 : journal_submit(c->journal, c->db, key, id, err, errlen);
		if (rc == 0)
			send_failed(c);
		if (rc < 0) {
			char ferr[256];

			if (state_of(c, key) == JOURNAL_FAILED)
				journal_forget(c->journal, key, ferr, sizeof ferr); /* the form shows why */
			else
				rc = 0; /* the journal could not note the answer: sent again later, same key */
		}
	}
	journal_counts(c);
	return rc;
}

/* From the loop: re-reads the journal now and then (other sdesk processes
 * write to it) and, when LIVE and idle, resends one pending entry per tick. */
static int journal_tick(struct console *c, int64_t ms)
{
	char key[37], err[512];
	size_t before = c->pending, refused = c->refused;
	int rc;

	if (ms >= c->journal_check_ms) {
		c->journal_check_ms = ms + 2000;
		if (journal_reload(c->journal, err, sizeof err) != 0 || journal_tidy(c->journal, 64 << 10, err, sizeof err) != 0)
			console_say(c, 1, _("journal: %s"), err);
		journal_counts(c);
	}
	if (c->state != CON_LIVE || c->loading || ms < c->journal_send_ms || first_pending(c, key) != 0)
		return before != c->pending ? UI_REDRAW : UI_KEEP;
	rc = journal_submit(c->journal, c->db, key, NULL, err, sizeof err);
	journal_counts(c);
	if (rc == 0 || (rc < 0 && c->refused == refused)) {
		send_failed(c);
		c->journal_send_ms = ms + 1000; /* a conflict or a journal error: not again at once */
		if (rc < 0)
			console_say(c, 1, _("journal: %s"), err);
		return UI_REDRAW;
	}
	if (c->refused > refused)
		console_say(c, 1, _("a journal entry was refused: %s (sdesk journal list)"), err);
	else if (c->pending == 0)
		console_say(c, 0, "%s", _("pending entries saved: 0 pending"));
	if (c->ticket_loaded && c->stack[c->depth - 1] == &ticket_screen)
		console_load_ticket(c, c->ticket_id);
	/* The queue: the entry's NOTIFY names its ticket (a resend that was
	 * already saved changed nothing). */
	return UI_REDRAW;
}

/* The session reconnected (ui/session.h; the gateway renewed our LISTEN):
 * who we are, then the queue. */
static int console_live(void *arg)
{
	struct console *c = arg;

	/* A conninfo without target_session_attrs=read-write can land on a
	 * standby: stay OFFLINE (entries kept) until a primary answers. */
	if (db_is_standby(c->db) == 1)
		return -1;
	if (queue_me(c->db, &c->me) != 0)
		return -1;
	free(c->user);
	free(c->dbname);
	c->user = xstrdup(c->me.login);
	c->dbname = xstrdup(c->me.dbname);
	c->state = CON_LIVE;
	c->loading = 0;
	c->nnote_ids = 0; /* what changed while OFFLINE is unknown: the whole queue */
	console_reload(c);
	if (c->state != CON_LIVE)
		return -1;
	console_say(c, 0, "%s", _("connection restored"));
	return 0;
}

/* ---- loop hooks ------------------------------------------------------------ */

static int hook_fd(void *app)
{
	struct console *c = app;

	return c->state == CON_LIVE ? session_fd(&c->sess) : -1;
}

static int hook_on_fd(void *app)
{
	return pump(app);
}

static int hook_on_tick(void *app)
{
	struct console *c = app;
	int64_t ms = mono_ms();
	int flags = UI_KEEP;

	if (c->state == CON_OFFLINE && session_tick(&c->sess))
		flags |= UI_REDRAW; /* LIVE again (console_live), or the countdown */
	flags |= journal_tick(c, ms);
	/* Notifications that came with the answer to a synchronous statement
	 * (a save, the ticket screen, the journal's resend) wait in libpq's
	 * queue, not on the socket: read them here. */
	if (c->state == CON_LIVE)
		flags |= pump(c);
	if (ms >= c->next_tick_ms) {
		c->now = sd_now();
		c->next_tick_ms = ms + (int64_t)c->cfg->tick_seconds * 1000;
		flags |= UI_REDRAW;
		/* The order follows the clock (doc/console.md, "Keeping the queue
		 * current"): sorted again here each minute, no query. */
		if (c->now / 60 != c->sorted_minute && c->queue.n)
			queue_sort(c);
	}
	if (c->state == CON_LIVE && c->next_full_ms && ms >= c->next_full_ms) {
		c->next_full_ms = 0; /* set again when the reload arrives */
		console_reload(c);
	}
	return flags;
}

/* Any key while OFFLINE tries to reconnect at once. */
static int hook_on_key(void *app, int key)
{
	struct console *c = app;

	(void)key;
	if (c->state != CON_OFFLINE)
		return UI_KEEP;
	session_kick(&c->sess);
	return UI_REDRAW;
}

static const struct ui_screen *hook_screen(void *app)
{
	struct console *c = app;

	return c->stack[c->depth - 1];
}

static void hook_header(void *app, int cols)
{
	struct console *c = app;
	char left[512], right[192], clock[32], jn[64] = "";
	int attr = theme_attr(EL_HEADER);
	struct strbuf sb = {0};

	console_format_time(c->now, clock, sizeof clock);
	sb_printf(&sb, _(" agent: %s  db: %s  view: %s"), c->user ? c->user : "?", c->dbname ? c->dbname : "?",
		  c->view == VIEW_CUSTOMER ? c->view_customer : console_view_name(c->view));
	if (c->f_category[0])
		sb_printf(&sb, _(" cat=%s"), c->f_category);
	if (c->f_tier)
		sb_printf(&sb, _(" level=%d"), c->f_tier);
	if (c->f_channel[0])
		sb_printf(&sb, _(" chan=%s"), c->f_channel);
	if (c->search[0])
		sb_printf(&sb, " /%s", c->search);
	sb_printf(&sb, "  %zu/%zu", c->nvisible, console_view_size(c));
	snprintf(left, sizeof left, "%s", sb.buf);
	sb_free(&sb);
	if (c->pending || c->refused || c->damaged) {
		struct strbuf w = {0};

		if (c->pending || c->refused)
			sb_printf(&w, _("%zu pending"), c->pending);
		if (c->refused)
			sb_printf(&w, _(", %zu refused"), c->refused);
		if (c->damaged)
			sb_printf(&w, _("%s%zu damaged"), w.len ? ", " : "", c->damaged);
		snprintf(jn, sizeof jn, " %s ", w.buf);
		sb_free(&w);
	}
	if (c->state == CON_LIVE) {
		ui_put(0, 0, cols, attr, left);
		/* At 80 columns the view and filters need the room more than the date. */
		if (cols >= 100) {
			const char *abbr = strrchr(zone_name, ' ');

			snprintf(right, sizeof right, "%s LIVE  %s %s ", jn, clock, abbr ? abbr + 1 : "");
		}
		else
			snprintf(right, sizeof right, "%s LIVE ", jn);
		ui_put_right(0, cols - text_width(right), text_width(right),
			     jn[0] ? theme_attr(EL_OFFLINE) : attr, right);
	} else {
		int wait = session_retry_in_s(&c->sess);

		snprintf(right, sizeof right, _(" OFFLINE - connection lost, reconnecting in %llds;%s%s "),
			 (long long)wait, jn[0] ? jn : _(" entries are kept in the local journal"),
			 jn[0] ? _("in the journal") : "");
		ui_put(0, 0, cols, theme_attr(EL_OFFLINE), right);
	}
}

/* What the status area shows above the key bar: a running call and the
 * message, whole. */
static void status_text(struct console *c, const struct ui_screen *s, char *buf, size_t len)
{
	char call[256];

	if (s == &prompt_screen || (s == &queue_screen && c->searching)) {
		buf[0] = '\0';
		return;
	}
	if (s != &form_screen && booking_status(call, sizeof call, c->now)) /* ui/booking.c */
		snprintf(buf, len, "%s%s%s", call, c->message[0] ? "  " : "", c->message);
	else
		snprintf(buf, len, "%s", c->message);
}

static int status_lines(struct console *c, int cols)
{
	char buf[1400];
	int n;

	status_text(c, hook_screen(c), buf, sizeof buf);
	n = buf[0] ? ui_wrap_rows(buf, cols) : 0;
	return n > LINES / 2 - 1 ? LINES / 2 - 1 : n;
}

static int hook_status_rows(void *app, int cols)
{
	return 1 + status_lines(app, cols);
}

static void hook_say(void *app, const char *msg)
{
	console_say(app, 0, "%s", msg);
}

/* The status area: the message (and a running call) wrapped whole, then the
 * key bar of the screen (or the search being typed, or a question). */
static void hook_status(void *app, int cols)
{
	struct console *c = app;
	const struct ui_screen *s = hook_screen(c);
	char buf[1400];
	int n = status_lines(c, cols);

	if (n > 0) {
		status_text(c, s, buf, sizeof buf);
		ui_put_wrapped(LINES - 1 - n, 0, n, cols, theme_attr(c->message_is_error ? EL_ERROR : EL_STATUS), buf);
	}
	if (s == &goto_screen) {
		snprintf(buf, sizeof buf, _("go to ticket: %s"), c->go);
		ui_put(LINES - 1, 0, cols, theme_attr(EL_STATUS), buf);
		curs_set(1);
		move(LINES - 1, text_width(buf) < cols ? text_width(buf) : cols - 1);
		return;
	}
	if (s == &prompt_screen) {
		ui_put(LINES - 1, 0, cols, theme_attr(EL_ERROR), c->ask);
		curs_set(0);
		return;
	}
	if (s == &queue_screen && c->searching) {
		snprintf(buf, sizeof buf, "/%s", c->search);
		ui_put(LINES - 1, 0, cols, theme_attr(EL_STATUS), buf);
		curs_set(1);
		move(LINES - 1, text_width(buf) < cols ? text_width(buf) : cols - 1);
		return;
	}
	ui_keybar(s->id, buf, sizeof buf, cols);
	ui_put(LINES - 1, 0, cols, theme_attr(EL_STATUS), buf);
	if (s == &form_screen && c->cursor_y >= 0) {
		curs_set(1);
		move(c->cursor_y, c->cursor_x);
	} else {
		curs_set(0);
	}
}

int console_bind_keys(const struct sdesk_config *cfg, char *err, size_t errlen)
{
	char msg[256];

	keys_reset();
	for (size_t i = 0; i < cfg->nkeys; i++)
		if (keys_bind(cfg->keys[i].action, cfg->keys[i].key, msg, sizeof msg) != 0) {
			snprintf(err, errlen, "%s: keys: %s", cfg->path ? cfg->path : _("settings"), msg);
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

int console_run(const struct sdesk_config *cfg, const char *trace)
{
	struct sla_catalogue cat;
	struct console c;
	struct ui_app ua = {
		.app = &c,
		.fd = hook_fd,
		.on_fd = hook_on_fd,
		.on_tick = hook_on_tick,
		.on_key = hook_on_key,
		.screen = hook_screen,
		.draw_header = hook_header,
		.draw_status = hook_status,
		.status_rows = hook_status_rows,
		.say = hook_say,
		.tick_ms = 250,
	};
	char err[512];
	int sig;

	memset(&c, 0, sizeof c);
	c.cfg = cfg;
	c.now = sd_now();
	c.cursor_y = -1;
	ui_ascii = cfg->ascii_only;
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	if (console_bind_keys(cfg, err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		return SDESK_EXIT_USAGE;
	}
	memset(&cat, 0, sizeof cat);
	c.cat = &cat;
	if (zone_set(cfg, c.now, err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		return SDESK_EXIT_USAGE;
	}

	{
		char path[4096];

		if (journal_path_for(cfg->journal_path, cfg->conninfo, path, sizeof path, err, sizeof err) != 0 ||
		    !(c.journal = journal_open(path, err, sizeof err))) {
			fprintf(stderr, "sdesk: journal: %s\n", err);
			sla_catalogue_free(&cat);
			return SDESK_EXIT_RUNTIME;
		}
		journal_counts(&c);
	}
	c.db = db_connect_timeout(cfg->conninfo, cfg->connect_timeout);
	if (!db_connected(c.db)) {
		fprintf(stderr, _("sdesk: cannot connect to the database: %s\n"), db_last_error(c.db)->message);
		db_close(c.db);
		journal_close(c.journal);
		sla_catalogue_free(&cat);
		return SDESK_EXIT_RUNTIME;
	}
	if (db_is_standby(c.db) == 1) {
		fprintf(stderr, "%s", _("sdesk: the database server is a read-only standby; the console writes, so it needs the "
				"primary: list the servers with target_session_attrs=read-write (doc/admin.md)\n"));
		db_close(c.db);
		journal_close(c.journal);
		sla_catalogue_free(&cat);
		return SDESK_EXIT_RUNTIME;
	}
	/* The rules are the database's: its catalogue, not a local file. */
	if (catalogue_fetch(c.db, &cat, err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		db_close(c.db);
		journal_close(c.journal);
		return SDESK_EXIT_RUNTIME;
	}
	if (db_listen(c.db, DB_CHANGES_CHANNEL) < 0 || queue_me(c.db, &c.me) != 0) {
		fprintf(stderr, "sdesk: %s\n", db_last_error(c.db)->plain);
		db_close(c.db);
		journal_close(c.journal);
		sla_catalogue_free(&cat);
		return SDESK_EXIT_RUNTIME;
	}
	c.user = xstrdup(c.me.login);
	c.dbname = xstrdup(c.me.dbname);
	c.state = CON_LIVE;
	session_init(&c.sess, c.db, cfg, console_live, &c);
	c.sess.on_note = on_note;
	if (trace && !(c.trace = fopen(trace, "a"))) {
		fprintf(stderr, "sdesk: %s: %s\n", trace, strerror(errno));
		db_close(c.db);
		journal_close(c.journal);
		sla_catalogue_free(&cat);
		return SDESK_EXIT_USAGE;
	}
	console_push(&c, &queue_screen);
	console_reload(&c);
	booking_restore(&c); /* a call that ran when the console last ended */

	if (ui_start(cfg->color, err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		db_close(c.db);
		journal_close(c.journal);
		sla_catalogue_free(&cat);
		return SDESK_EXIT_RUNTIME;
	}
	if (ui_locale_notice(err, sizeof err))
		console_say(&c, 0, "%s", err);
	sig = ui_run(&ua);
	ui_stop();

	db_close(c.db);
	journal_close(c.journal);
	sla_catalogue_free(&cat);
	if (c.trace)
		fclose(c.trace);
	form_free(&c.form);
	queue_lists_free(&c.lists);
	queue_me_free(&c.me);
	queue_free(&c.queue);
	queue_ticket_free(&c.ticket);
	free(c.visible);
	free(c.budgets);
	free(c.user);
	free(c.dbname);
	if (sig)
		fprintf(stderr, _("sdesk: console closed (signal %d)\n"), sig);
	return SDESK_EXIT_OK;
}
