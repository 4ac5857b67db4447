/* sdesk statement ACCOUNT MONTH [--csv]: the customer's account statement for
 * a month (004 "Übersicht über das Supportkonto"; 000, 002): per contract the
 * requests with receipt, reaction and processing times and what they used,
 * the balances at the end of the month and the billable lines with net, VAT
 * and gross. Format and every choice: doc/billing.md, "Statements". */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/exitcodes.h"
#include "base/fmt.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "conf/config.h"
#include "conf/plans.h"
#include "db/billing_q.h"
#include "db/catalogue.h"
#include "engine/billing.h"
#include "engine/duration.h"

static void statement_help(FILE *out)
{
	fputs(_("Usage: sdesk statement ACCOUNT MONTH [--csv[=c]] [--bom] [--db CONNINFO]\n"
		"\n"
		"ACCOUNT  the account's code (ACME)\n"
		"MONTH    YYYY-MM\n"
		"\n"
		"Prints the account statement of the month for every contract that runs in\n"
		"it: each request with receipt, first contact, resolution, reaction and\n"
		"processing time (business time of the plan's calendar) and the minutes or\n"
		"points it used; the balances at the end of the month; the billable lines\n"
		"with net, VAT at the plan's rate and gross. Times are Europe/Berlin.\n"
		"--csv    one table for spreadsheets in the language of the messages:\n"
		"         English: comma-separated, decimal point, YYYY-MM-DD HH:MM;\n"
		"         German: semicolon-separated, decimal comma, DD.MM.YYYY HH:MM\n"
		"--csv=c  the machine format for scripts, in every language: English\n"
		"         header, comma-separated, decimal point, ISO 8601 instants\n"
		"--bom    start the CSV with a UTF-8 byte order mark (for Excel)\n"
		"(doc/billing.md, \"Statements\"; doc/i18n.md)\n"
		"Exit codes: 0 ok, 1 database error, 2 usage or input error (no such account).\n"), out);
}

/* The zone of the ledger's dates (Europe/Berlin, as sdesk_local_date). */
static const struct cal_zone *ledger_zone(const struct sla_catalogue *cat)
{
	for (size_t i = 0; i < cal_set_ncalendars(cat->cals); i++) {
		const struct calendar *c = cal_set_calendar_at(cat->cals, i);
		if (strcmp(cal_zone(c)->name, "Europe/Berlin") == 0)
			return cal_zone(c);
	}
	return cal_set_ncalendars(cat->cals) ? cal_zone(cal_set_calendar_at(cat->cals, 0)) : NULL;
}

/* Output modes: text, CSV for people (the language's), CSV for machines. */
enum { OUT_TEXT, OUT_CSV, OUT_CSV_C };

/* Local time for people ("2025-03-03 09:00", German "03.03.2025 09:00"), an
 * ISO 8601 instant with offset for machines (--csv=c:
 * "2025-03-03T09:00:00+01:00"), or "" for BQ_TIME_NONE. */
static char *local_text(const struct cal_zone *z, sd_time t, int machine, char *buf, size_t len)
{
	int64_t day, off;
	int minute;
	struct civil_date d;

	if (t == BQ_TIME_NONE) {
		snprintf(buf, len, "%s", "");
		return buf;
	}
	cal_zone_utc_to_local(z, t, &day, &minute);
	d = days_to_civil(day);
	if (!machine)
		return sd_fmt_datetime(d.year, d.month, d.day, minute, buf, len);
	off = ((day * 1440 + minute) * 60 - (t - ((t % 60) + 60) % 60)) / 60;
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d.year, d.month, d.day, minute / 60,
		 minute % 60, (int)(((t % 60) + 60) % 60), off < 0 ? '-' : '+', (int)((off < 0 ? -off : off) / 60),
		 (int)((off < 0 ? -off : off) % 60));
	return buf;
}

/* The calendar of the first target on clock clk for a ticket's category
 * (the category's targets first, then the plan's), or NULL. */
static const struct calendar *clock_calendar(const struct sla_plan *p, const char *category, enum sla_clock clk)
{
	const struct sla_category *c = sla_category_find(p, category);

	if (c)
		for (size_t i = 0; i < c->ntargets; i++)
			if (c->targets[i].clock == clk && c->targets[i].cal)
				return c->targets[i].cal;
	for (size_t i = 0; i < p->ntargets; i++)
		if (p->targets[i].clock == clk && p->targets[i].cal)
			return p->targets[i].cal;
	return NULL;
}

/* Minutes from..to in business time of cal, else elapsed; -1 when to is none. */
static int64_t span_minutes(const struct calendar *cal, sd_time from, sd_time to)
{
	int64_t m;

	if (to == BQ_TIME_NONE || to < from)
		return -1;
	if (cal && cal_between(cal, from, to, &m) == CAL_OK)
		return m;
	return (to - from) / 60;
}

static char *vat_text(int bp, int machine, char *buf, size_t len)
{
	char rate[24];

	if (machine) {
		if (bp % 100 == 0)
			snprintf(buf, len, "VAT %d %%", bp / 100);
		else
			snprintf(buf, len, "VAT %d.%02d %%", bp / 100, bp % 100);
		return buf;
	}
	/* TRANSLATORS: the VAT rate in percent, e.g. "VAT 19 %" */
	snprintf(buf, len, _("VAT %s %%"), sd_fmt_hundredths(bp, rate, sizeof rate));
	return buf;
}

/* Amounts: "1234.56"; in German "1.234,56" in the text, "1234,56" in CSV
 * (a spreadsheet's number). */
static char *amount_text(int64_t cents, int mode, char *buf, size_t len)
{
	uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;

	if (mode == OUT_TEXT)
		return sd_fmt_cents(cents, buf, len);
	snprintf(buf, len, "%s%llu%c%02llu", cents < 0 ? "-" : "", (unsigned long long)(a / 100),
		 mode == OUT_CSV ? sd_fmt_decimal_mark() : '.', (unsigned long long)(a % 100));
	return buf;
}

/* ---- output ------------------------------------------------------------ */

/* Writes s escaped (base/escape.h) and padded with blanks, or cut, to width
 * code points; an escape is never cut in half. */
static void put_fit(FILE *out, const char *s, int width)
{
	char esc[SD_ESC_MAX];
	int n = 0;

	while (*s) {
		size_t k = sd_escape_char(s, 0, esc);
		int w = esc[0] ? (int)strlen(esc) : 1;

		if (n + w > width)
			break;
		if (esc[0])
			fputs(esc, out);
		else
			fwrite(s, 1, k, out);
		n += w;
		s += k;
	}
	for (; n < width; n++)
		fputc(' ', out);
}

/* The CSV separator: ';' where the decimal mark is a comma (German). */
static char csv_sep = ',';

/* One cell: escaped, a formula neutralised, quoted (sd_csv_cell). */
static void csv_field(FILE *out, const char *s, int numeric, int last)
{
	struct strbuf sb = {0};

	sd_csv_cell(&sb, s, numeric);
	fputs(sb.buf ? sb.buf : "", out);
	fputc(last ? '\n' : csv_sep, out);
	sb_free(&sb);
}

enum { C_RECORD, C_CONTRACT, C_PLAN, C_TICKET, C_DATE, C_DESC, C_RECEIVED, C_FIRST, C_REACTION, C_RESOLVED,
       C_PROCESSING, C_QTY, C_UNIT, C_AMOUNT, C_N };
/* TRANSLATORS: the header row of the CSV statement (German: for spreadsheets). */
static const char *const csv_header[C_N] = {N_("record"), N_("contract"), N_("plan"), N_("ticket"), N_("date"),
					    N_("description"), N_("received"), N_("first_contact"),
					    N_("reaction_minutes"), N_("resolved"), N_("processing_minutes"),
					    N_("quantity"), N_("unit"), N_("amount_eur")};

/* Columns that hold numbers: written as numbers (negative amounts too). */
static int csv_numeric(int col)
{
	return col == C_CONTRACT || col == C_REACTION || col == C_PROCESSING || col == C_QTY || col == C_AMOUNT;
}

struct csvrow {
	char f[C_N][520];
};

/* Words the database and the catalogue hold (call and time kinds, pools,
 * points kinds, hotline tariff windows), translated where they are shown. */
static const char *const stored_words[] __attribute__((unused)) = {
	N_("phone"), N_("hotline"), N_("callback"), N_("chat"), N_("email"), N_("support"),
	N_("managed_service"), N_("technical"), N_("user_support"), N_("user"), N_("free"), N_("credit"),
	N_("day"), N_("night"), N_("weekend"), N_("holiday"),
};

/* --csv=c keeps the English words (a script's keys), the others translate. */
static int words_machine;
static const char *W(const char *msgid) __attribute__((format_arg(1)));
static const char *W(const char *msgid)
{
	return words_machine ? msgid : gettext(msgid);
}

static void csv_begin(struct csvrow *r, const char *record, int64_t contract, const char *plan)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->f[C_RECORD], sizeof(r->f[0]), "%s", W(record));
	snprintf(r->f[C_CONTRACT], sizeof(r->f[0]), "%" PRId64, contract);
	snprintf(r->f[C_PLAN], sizeof(r->f[0]), "%s", plan);
}

static void csv_put(FILE *out, const struct csvrow *r)
{
	for (int i = 0; i < C_N; i++)
		csv_field(out, r->f[i], csv_numeric(i), i == C_N - 1);
}

/* ---- one contract ------------------------------------------------------ */

struct stmt {
	FILE *out;
	int csv;             /* OUT_TEXT, OUT_CSV, OUT_CSV_C */
	int month;
	const struct cal_zone *zone;
	const struct bq_account *acct;
};

static void line_text(const struct bq_line *l, int mode, char *buf, size_t len)
{
	char rate[32];

	switch (l->src) {
	case BQ_LINE_CALL:
		if (strcmp(l->kind, "hotline") == 0)
			snprintf(buf, len, W(N_("hotline call %" PRId64 " min, %s tariff")), l->quantity, W(l->detail));
		else
			snprintf(buf, len, W(N_("%s call %" PRId64 " min, %" PRId64 " min overage")), W(l->kind), l->quantity,
				 l->quantity2);
		break;
	case BQ_LINE_TIME:
		if (strcmp(l->kind, "managed_service") == 0)
			snprintf(buf, len, W(l->detail[0] ? N_("managed service %" PRId64 " min at %s/h, rush")
						 : N_("managed service %" PRId64 " min at %s/h")), l->quantity,
				 amount_text(l->rate_cents, mode, rate, sizeof(rate)));
		else if (l->quantity2 > 0)
			snprintf(buf, len, W(N_("%s %" PRId64 " min, %" PRId64 " points, beyond the balance")), W(l->kind),
				 l->quantity, l->quantity2);
		else
			snprintf(buf, len, W(N_("%s %" PRId64 " min at %s/h")), W(l->kind), l->quantity,
				 amount_text(l->rate_cents, mode, rate, sizeof(rate)));
		break;
	case BQ_LINE_PACKAGE:
		snprintf(buf, len, W(N_("points package %s, %" PRId64 " points")), W(l->kind), l->quantity);
		break;
	case BQ_LINE_CORRECTION:
		snprintf(buf, len, W(N_("correction %s: %s")), W(l->kind), l->detail);
		break;
	case BQ_LINE_STANDBY:
		snprintf(buf, len, W(N_("extended standby %s, %" PRId64 " h at %s/h")), l->detail, l->quantity,
			 amount_text(l->rate_cents, mode, rate, sizeof(rate)));
		break;
	}
}

static const char *line_unit(const struct bq_line *l)
{
	switch (l->src) {
	case BQ_LINE_CALL:
	case BQ_LINE_TIME:
		return W(N_("min"));
	case BQ_LINE_PACKAGE:
		return W(N_("points"));
	case BQ_LINE_STANDBY:
		return W(N_("h"));
	case BQ_LINE_CORRECTION:
		break;
	}
	return strcmp(l->kind, BQ_POOL_FREE) == 0 || strcmp(l->kind, BQ_POOL_CREDIT) == 0 ? W(N_("min")) : W(N_("points"));
}

static void used_text(const struct bq_request *q, struct strbuf *sb)
{
	char eur[32];
	int parts = 0;

	if (q->calls) {
		int p = 0;
		sb_printf(sb, _("calls %" PRId64 ", %" PRId64 " min"), q->calls, q->call_minutes);
		if (q->free_used)
			sb_printf(sb, _("%s%" PRId64 " free"), p++ ? ", " : " (", q->free_used);
		if (q->credit_used)
			sb_printf(sb, _("%s%" PRId64 " credit"), p++ ? ", " : " (", q->credit_used);
		if (q->billed_minutes)
			sb_printf(sb, _("%s%" PRId64 " billed"), p++ ? ", " : " (", q->billed_minutes);
		if (p)
			sb_append(sb, ")");
		parts++;
	}
	if (q->entries) {
		sb_append(sb, parts ? "; " : "");
		sb_printf(sb, ngettext("time %" PRId64 " entry, %" PRId64 " min", "time %" PRId64 " entries, %" PRId64 " min",
				       (unsigned long)q->entries), q->entries, q->time_minutes);
		if (q->points_used)
			sb_printf(sb, _(", %" PRId64 " points"), q->points_used);
		parts++;
	}
	if (q->call_cents + q->time_cents)
		sb_printf(sb, _("%sbilled %s"), parts++ ? "; " : "", sd_fmt_cents(q->call_cents + q->time_cents, eur,
										  sizeof(eur)));
	if (!parts)
		sb_append(sb, _("nothing this month"));
}

static void put_request(struct stmt *st, const struct sla_plan *plan, int64_t contract, const struct bq_request *q)
{
	const struct calendar *rc = clock_calendar(plan, q->category, SLA_REACTION);
	const struct calendar *pc = clock_calendar(plan, q->category, SLA_RESOLUTION);
	int64_t react, proc;
	char recv[48], first[48], res[48], m1[32], m2[32];
	struct strbuf sb = {0};

	if (!pc)
		pc = rc;
	react = span_minutes(rc, q->received, q->first_contact);
	proc = span_minutes(pc, q->received, q->resolved);
	local_text(st->zone, q->received, st->csv == OUT_CSV_C, recv, sizeof(recv));
	local_text(st->zone, q->first_contact, st->csv == OUT_CSV_C, first, sizeof(first));
	local_text(st->zone, q->resolved, st->csv == OUT_CSV_C, res, sizeof(res));
	if (st->csv) {
		struct csvrow r;

		csv_begin(&r, "request", contract, plan->name);
		snprintf(r.f[C_TICKET], sizeof(r.f[0]), "SD-%" PRId64, q->ticket);
		snprintf(r.f[C_DATE], sizeof(r.f[0]), "%.10s", recv);
		snprintf(r.f[C_DESC], sizeof(r.f[0]), "%s", q->subject);
		snprintf(r.f[C_RECEIVED], sizeof(r.f[0]), "%s", recv);
		snprintf(r.f[C_FIRST], sizeof(r.f[0]), "%s", first);
		if (react >= 0)
			snprintf(r.f[C_REACTION], sizeof(r.f[0]), "%" PRId64, react);
		snprintf(r.f[C_RESOLVED], sizeof(r.f[0]), "%s", res);
		if (proc >= 0)
			snprintf(r.f[C_PROCESSING], sizeof(r.f[0]), "%" PRId64, proc);
		if (q->points_used) {
			snprintf(r.f[C_QTY], sizeof(r.f[0]), "%" PRId64, q->points_used);
			snprintf(r.f[C_UNIT], sizeof(r.f[0]), "%s", W(N_("points")));
		} else {
			snprintf(r.f[C_QTY], sizeof(r.f[0]), "%" PRId64, q->call_minutes + q->time_minutes);
			snprintf(r.f[C_UNIT], sizeof(r.f[0]), "%s", W(N_("min")));
		}
		amount_text(q->call_cents + q->time_cents, st->csv, r.f[C_AMOUNT], sizeof(r.f[0]));
		csv_put(st->out, &r);
		return;
	}
	fprintf(st->out, "  SD-%" PRId64 " [%s] %s\n", q->ticket, cli_text(q->category), cli_text(q->subject));
	fprintf(st->out, _("    received %s"), recv);
	if (react >= 0)
		fprintf(st->out, _(", first contact %s (reaction %s, %s)"), first, sd_fmt_minutes(react, m1, sizeof(m1)),
			rc ? cli_text(cal_name(rc)) : _("elapsed"));
	else
		fprintf(st->out, "%s", _(", no first contact yet"));
	if (proc >= 0)
		fprintf(st->out, _(", resolved %s (processing %s, %s)"), res, sd_fmt_minutes(proc, m2, sizeof(m2)),
			pc ? cli_text(cal_name(pc)) : _("elapsed"));
	else
		fprintf(st->out, "%s", _(", not resolved"));
	used_text(q, &sb);
	fprintf(st->out, _("\n    used: %s\n"), cli_text(sb.buf));
	free(sb.buf);
}

static void put_balance_row(struct stmt *st, int64_t contract, const char *plan, const char *what, int64_t qty,
			    const char *unit, const char *text, int64_t cents)
{
	if (st->csv) {
		struct csvrow r;

		csv_begin(&r, N_("balance"), contract, plan);
		snprintf(r.f[C_DESC], sizeof(r.f[0]), "%s", what);
		snprintf(r.f[C_QTY], sizeof(r.f[0]), "%" PRId64, qty);
		snprintf(r.f[C_UNIT], sizeof(r.f[0]), "%s", unit);
		if (cents)
			amount_text(cents, st->csv, r.f[C_AMOUNT], sizeof(r.f[0]));
		csv_put(st->out, &r);
		return;
	}
	fprintf(st->out, "  ");
	put_fit(st->out, what, 24);
	fprintf(st->out, " %s\n", cli_text(text));
}

static void put_balances(struct stmt *st, const struct sla_plan *plan, int64_t contract,
			 const struct bill_balance *bal)
{
	const struct sla_budget *b = &plan->budget;
	char text[120], eur[40];
	int any = 0;

	if (!st->csv) {
		int y, m;
		bill_month_split(st->month, &y, &m);
		fprintf(st->out, _("\nBalance at the end of %04d-%02d\n"), y, m);
	}
	if (b->monthly_free_minutes > 0 || bal->free_allowance > 0) {
		snprintf(text, sizeof(text), bal->free_left <= 0 ? _("%" PRId64 " of %" PRId64 " left (used up)")
			 : _("%" PRId64 " of %" PRId64 " left"), bal->free_left, bal->free_allowance);
		put_balance_row(st, contract, plan->name, W(N_("free minutes")), bal->free_left, W(N_("min")), text, 0);
		any = 1;
	}
	if (b->activation_credit_minutes > 0 || bal->credit_left != 0) {
		snprintf(text, sizeof(text), bal->credit_left <= 0 ? _("%" PRId64 " min left (used up)")
			 : _("%" PRId64 " min left"), bal->credit_left);
		put_balance_row(st, contract, plan->name, W(N_("activation credit")), bal->credit_left, W(N_("min")),
				text, 0);
		any = 1;
	}
	if (b->overage_minute_cents > 0 || bal->billed_minutes != 0) {
		snprintf(text, sizeof(text), _("%" PRId64 " min = %s"), bal->billed_minutes,
			 sd_fmt_money(bal->billed_cents, eur, sizeof(eur)));
		put_balance_row(st, contract, plan->name, W(N_("billed minutes")), bal->billed_minutes, W(N_("min")),
				text, bal->billed_cents);
		any = 1;
	}
	for (size_t k = 0; k < b->npoints && k < BILL_MAX_POINTS_KINDS; k++) {
		char what[64];
		int64_t left = bal->points_left[k];

		snprintf(what, sizeof(what), W(N_("points %s")), W(b->points[k].name));
		snprintf(text, sizeof(text), left < 0 ? _("%" PRId64 " left (exhausted: overdrawn)")
			 : left == 0 ? _("%" PRId64 " left (exhausted)") : _("%" PRId64 " left"), left);
		put_balance_row(st, contract, plan->name, what, left, W(N_("points")), text, 0);
		any = 1;
	}
	if (!any && !st->csv)
		fprintf(st->out, "%s", _("  (no minutes or points account)\n"));
}

static void put_line(struct stmt *st, int64_t contract, const char *plan, const char *date, int64_t ticket,
		     const char *text, int64_t qty, const char *unit, int64_t cents)
{
	char tk[24], eur[32], day[32];

	tk[0] = '\0';
	if (ticket > 0)
		snprintf(tk, sizeof(tk), "SD-%" PRId64, ticket);
	amount_text(cents, st->csv, eur, sizeof(eur));
	if (st->csv == OUT_CSV_C)
		snprintf(day, sizeof day, "%s", date);
	else
		sd_fmt_iso_local(date, day, sizeof day);
	if (st->csv) {
		struct csvrow r;

		csv_begin(&r, N_("line"), contract, plan);
		snprintf(r.f[C_TICKET], sizeof(r.f[0]), "%s", tk);
		snprintf(r.f[C_DATE], sizeof(r.f[0]), "%s", day);
		snprintf(r.f[C_DESC], sizeof(r.f[0]), "%s", text);
		snprintf(r.f[C_QTY], sizeof(r.f[0]), "%" PRId64, qty);
		snprintf(r.f[C_UNIT], sizeof(r.f[0]), "%s", unit);
		snprintf(r.f[C_AMOUNT], sizeof(r.f[0]), "%s", eur);
		csv_put(st->out, &r);
		return;
	}
	fprintf(st->out, "  %-10s  %-8s  ", cli_text(day), tk);
	put_fit(st->out, text, 44);
	fprintf(st->out, " %10s\n", eur);
}

static void put_total(struct stmt *st, int64_t contract, const char *plan, const char *label, int64_t cents)
{
	char eur[32];

	amount_text(cents, st->csv, eur, sizeof(eur));
	if (st->csv) {
		struct csvrow r;

		csv_begin(&r, N_("total"), contract, plan);
		snprintf(r.f[C_DESC], sizeof(r.f[0]), "%s", label);
		snprintf(r.f[C_AMOUNT], sizeof(r.f[0]), "%s", eur);
		csv_put(st->out, &r);
		return;
	}
	fprintf(st->out, "  ");
	put_fit(st->out, label, 66);
	fprintf(st->out, " %10s\n", eur);
}

/* 0 ok, -1 database error, -2 the ledger holds rows the plan cannot hold. */
static int put_contract(struct stmt *st, struct db *db, const struct sla_plan *plan, const struct bq_contract *c)
{
	struct bq_request *reqs = NULL;
	struct bq_line *lines = NULL;
	struct bill_move *moves = NULL;
	struct bill_balance bal;
	struct bill_vat vat;
	int64_t *nets = NULL;
	size_t nreqs = 0, nlines = 0, nmoves = 0, nnets = 0;
	char text[300], vt[32];
	int rc = -1, y, m;

	if (bq_requests(db, c->id, st->month, &reqs, &nreqs) < 0 || bq_lines(db, c->id, st->month, &lines, &nlines) < 0)
		goto done;
	rc = bq_moves(db, c->id, &plan->budget, &moves, &nmoves);
	if (rc < 0)
		goto done;
	rc = -2;
	if (bill_balance(&plan->budget, moves, nmoves, st->month, &bal) != BILL_OK)
		goto done;
	/* The activation credit is written on the first call; before that it is owed all the same. */
	if (st->acct->activated && plan->budget.activation_credit_minutes > 0) {
		int have = 0;
		for (size_t i = 0; i < nmoves; i++)
			have |= moves[i].kind == BILL_MV_ACTIVATION;
		if (!have && st->acct->activation_month <= st->month)
			bal.credit_left += plan->budget.activation_credit_minutes;
	}
	bill_month_split(st->month, &y, &m);
	vat_text(plan->vat_bp, st->csv == OUT_CSV_C, vt, sizeof(vt));
	if (!st->csv) {
		char from[32], to[32];

		sd_fmt_iso_local(c->valid_from, from, sizeof from);
		sd_fmt_iso_local(c->valid_to, to, sizeof to);
		fprintf(st->out, _("\nContract %" PRId64 ": %s - %s\n"), c->id, cli_text(plan->name),
			cli_text(plan_title(plan)));
		if (c->valid_to[0])
			fprintf(st->out, _("%s, valid from %s to %s, %s\n"), cli_text(plan->provider), cli_text(from),
				cli_text(to), vt);
		else
			fprintf(st->out, _("%s, valid from %s, %s\n"), cli_text(plan->provider), cli_text(from), vt);
		fprintf(st->out, "%s", _("\nRequests\n"));
		if (!nreqs)
			fprintf(st->out, "%s", _("  (none)\n"));
	}
	for (size_t i = 0; i < nreqs; i++)
		put_request(st, plan, c->id, &reqs[i]);
	put_balances(st, plan, c->id, &bal);

	if (!st->csv)
		fprintf(st->out, "%s", _("\nBillable lines\n"));
	nets = xcalloc(nlines + 2, sizeof(*nets));
	if (plan->budget.monthly_fee_cents > 0) {
		char date[16];
		snprintf(date, sizeof(date), "%04d-%02d-01", y, m);
		snprintf(text, sizeof(text), W(N_("monthly fee %s")), st->csv == OUT_CSV_C ? plan->title : plan_title(plan));
		put_line(st, c->id, plan->name, date, 0, text, 1, W(N_("month")), plan->budget.monthly_fee_cents);
		nets[nnets++] = plan->budget.monthly_fee_cents;
	}
	for (size_t i = 0; i < nlines; i++) {
		line_text(&lines[i], st->csv, text, sizeof(text));
		put_line(st, c->id, plan->name, lines[i].date, lines[i].ticket, text, lines[i].quantity,
			 line_unit(&lines[i]), lines[i].net_cents);
		nets[nnets++] = lines[i].net_cents;
	}
	if (!nnets && !st->csv)
		fprintf(st->out, "%s", _("  (none)\n"));
	if (bill_vat_total(nets, nnets, plan->vat_bp, &vat) != BILL_OK)
		goto done;
	put_total(st, c->id, plan->name, W(N_("Net")), vat.net);
	put_total(st, c->id, plan->name, vt, vat.vat);
	put_total(st, c->id, plan->name, W(N_("Gross")), vat.gross);
	rc = 0;
done:
	free(nets);
	free(reqs);
	free(lines);
	free(moves);
	return rc;
}

int cmd_statement(struct sdesk_ctx *ctx, int argc, char **argv)
{
	const char *pos[2] = {NULL, NULL}, *conninfo = NULL;
	int npos = 0, csv = OUT_TEXT, bom = 0, month, rc = SDESK_EXIT_RUNTIME;
	struct sla_catalogue cat;
	struct sdesk_config cfg;
	struct bq_account acct;
	struct bq_contract *cs = NULL;
	size_t ncs = 0;
	struct db *db = NULL;
	char err[600];
	struct stmt st;

	for (int i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			statement_help(stdout);
			return SDESK_EXIT_OK;
		} else if (strcmp(argv[i], "--csv") == 0) {
			csv = OUT_CSV;
		} else if (strcmp(argv[i], "--csv=c") == 0) {
			csv = OUT_CSV_C;
		} else if (strncmp(argv[i], "--csv=", 6) == 0) {
			return cli_usage_error("statement", "unknown CSV format '%s' (--csv, or --csv=c for scripts)",
					       argv[i] + 6);
		} else if (strcmp(argv[i], "--bom") == 0) {
			bom = 1;
		} else if (strcmp(argv[i], "--db") == 0) {
			if (++i >= argc)
				return cli_usage_error("statement", "%s needs a value", "--db");
			conninfo = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage_error("statement", "unknown option '%s'", argv[i]);
		} else if (npos < 2) {
			pos[npos++] = argv[i];
		} else {
			return cli_usage_error("statement", "unexpected argument '%s'", argv[i]);
		}
	}
	if (npos < 2)
		return cli_usage_error("statement", "needs ACCOUNT and MONTH (YYYY-MM); see sdesk statement --help");
	if (bill_month_parse(pos[1], &month) < 0)
		return cli_usage_error("statement", "bad MONTH '%s' (YYYY-MM)", pos[1]);
	memset(&cat, 0, sizeof(cat));
	if (settings_read(&cfg, ctx->config_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		return SDESK_EXIT_USAGE;
	}
	db = db_connect(conninfo ? conninfo : cfg.conninfo);
	settings_free(&cfg);
	if (!db_connected(db)) {
		fprintf(stderr, _("sdesk: statement: %s\n"), db_last_error(db)->plain);
		goto done;
	}
	/* The database's catalogue: the plans it decided with, not a local file. */
	if (catalogue_fetch(db, &cat, err, sizeof(err)) < 0) {
		fprintf(stderr, _("sdesk: statement: %s\n"), cli_text(err));
		goto done;
	}
	if (bq_account(db, pos[0], &acct) < 0) {
		if (db_last_error(db)->kind == DB_OK) {
			fprintf(stderr, _("sdesk: statement: no account '%s'\n"), cli_text(pos[0]));
			rc = SDESK_EXIT_USAGE;
		} else {
			fprintf(stderr, _("sdesk: statement: %s\n"), db_last_error(db)->plain);
		}
		goto done;
	}
	if (bq_contracts(db, acct.id, month, &cs, &ncs) < 0) {
		fprintf(stderr, _("sdesk: statement: %s\n"), db_last_error(db)->plain);
		goto done;
	}
	st = (struct stmt){stdout, csv, month, ledger_zone(&cat), &acct};
	if (!st.zone) {
		fprintf(stderr, _("sdesk: statement: %s defines no calendar\n"), cli_plans_path(ctx));
		goto done;
	}
	words_machine = csv == OUT_CSV_C;
	csv_sep = csv == OUT_CSV && sd_fmt_decimal_mark() == ',' ? ';' : ',';
	if (bom && csv)
		fputs("\xef\xbb\xbf", stdout);
	if (csv) {
		for (int i = 0; i < C_N; i++)
			csv_field(stdout, W(csv_header[i]), 0, i == C_N - 1);
	} else {
		int y, m;
		bill_month_split(month, &y, &m);
		printf(_("Account statement %04d-%02d\n"), y, m);
		printf(_("Account %s: %s\n"), cli_text(acct.code), cli_text(acct.name));
		fputs(_("Times Europe/Berlin; reaction and processing in business time of the calendar named;\n"
		       "amounts in EUR, net unless marked.\n"), stdout);
		if (!ncs)
			printf(_("\nNo contract runs in %04d-%02d.\n"), y, m);
	}
	for (size_t i = 0; i < ncs; i++) {
		const struct sla_plan *plan = sla_plan_find(&cat, cs[i].plan);
		int r;

		if (!plan) {
			fprintf(stderr, _("sdesk: statement: plan '%s' of contract %" PRId64 " is not in %s\n"),
				cli_text(cs[i].plan), cs[i].id, cli_plans_path(ctx));
			goto done;
		}
		r = put_contract(&st, db, plan, &cs[i]);
		if (r == -1) {
			fprintf(stderr, _("sdesk: statement: %s\n"), db_last_error(db)->plain);
			goto done;
		} else if (r < 0) {
			fprintf(stderr, _("sdesk: statement: the ledger of contract %" PRId64 " holds rows plan %s cannot hold\n"),
				cs[i].id, cli_text(plan->name));
			goto done;
		}
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, _("sdesk: statement: cannot write the statement\n"));
		goto done;
	}
	rc = SDESK_EXIT_OK;
done:
	free(cs);
	if (db)
		db_close(db);
	sla_catalogue_free(&cat);
	return rc;
}
