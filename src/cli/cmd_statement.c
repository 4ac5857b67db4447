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
	fprintf(out,
		"Usage: sdesk statement ACCOUNT MONTH [--csv] [--db CONNINFO]\n"
		"\n"
		"ACCOUNT  the account's code (ACME)\n"
		"MONTH    YYYY-MM\n"
		"\n"
		"Prints the account statement of the month for every contract that runs in\n"
		"it: each request with receipt, first contact, resolution, reaction and\n"
		"processing time (business time of the plan's calendar) and the minutes or\n"
		"points it used; the balances at the end of the month; the billable lines\n"
		"with net, VAT at the plan's rate and gross. Times are Europe/Berlin.\n"
		"--csv  one table for spreadsheets: UTF-8, a header row, comma-separated,\n"
		"       decimal point in amounts (doc/billing.md, \"Statements\").\n"
		"Exit codes: 0 ok, 1 database error, 2 usage or input error (no such account).\n");
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

/* "2025-03-03 09:00" local, or "" for BQ_TIME_NONE. */
static char *local_text(const struct cal_zone *z, sd_time t, char *buf, size_t len)
{
	int64_t day;
	int minute;
	struct civil_date d;

	if (t == BQ_TIME_NONE) {
		snprintf(buf, len, "%s", "");
		return buf;
	}
	cal_zone_utc_to_local(z, t, &day, &minute);
	d = days_to_civil(day);
	snprintf(buf, len, "%04d-%02d-%02d %02d:%02d", d.year, d.month, d.day, minute / 60, minute % 60);
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

static char *vat_text(int bp, char *buf, size_t len)
{
	if (bp % 100 == 0)
		snprintf(buf, len, "VAT %d %%", bp / 100);
	else
		snprintf(buf, len, "VAT %d.%02d %%", bp / 100, bp % 100);
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

/* One cell: escaped, a formula neutralised, quoted (sd_csv_cell). */
static void csv_field(FILE *out, const char *s, int numeric, int last)
{
	struct strbuf sb = {0};

	sd_csv_cell(&sb, s, numeric);
	fputs(sb.buf ? sb.buf : "", out);
	fputc(last ? '\n' : ',', out);
	sb_free(&sb);
}

enum { C_RECORD, C_CONTRACT, C_PLAN, C_TICKET, C_DATE, C_DESC, C_RECEIVED, C_FIRST, C_REACTION, C_RESOLVED,
       C_PROCESSING, C_QTY, C_UNIT, C_AMOUNT, C_N };
static const char *const csv_header[C_N] = {"record", "contract", "plan", "ticket", "date", "description",
					    "received", "first_contact", "reaction_minutes", "resolved",
					    "processing_minutes", "quantity", "unit", "amount_eur"};

/* Columns that hold numbers: written as numbers (negative amounts too). */
static int csv_numeric(int col)
{
	return col == C_CONTRACT || col == C_REACTION || col == C_PROCESSING || col == C_QTY || col == C_AMOUNT;
}

struct csvrow {
	char f[C_N][520];
};

static void csv_begin(struct csvrow *r, const char *record, int64_t contract, const char *plan)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->f[C_RECORD], sizeof(r->f[0]), "%s", record);
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
	int csv;
	int month;
	const struct cal_zone *zone;
	const struct bq_account *acct;
};

static void line_text(const struct bq_line *l, char *buf, size_t len)
{
	char rate[32];

	switch (l->src) {
	case BQ_LINE_CALL:
		if (strcmp(l->kind, "hotline") == 0)
			snprintf(buf, len, "hotline call %" PRId64 " min, %s tariff", l->quantity, l->detail);
		else
			snprintf(buf, len, "%s call %" PRId64 " min, %" PRId64 " min overage", l->kind, l->quantity,
				 l->quantity2);
		break;
	case BQ_LINE_TIME:
		if (strcmp(l->kind, "managed_service") == 0)
			snprintf(buf, len, "managed service %" PRId64 " min at %s/h%s", l->quantity,
				 bill_format_cents(l->rate_cents, rate, sizeof(rate)), l->detail[0] ? ", rush" : "");
		else if (l->quantity2 > 0)
			snprintf(buf, len, "%s %" PRId64 " min, %" PRId64 " points, beyond the balance", l->kind,
				 l->quantity, l->quantity2);
		else
			snprintf(buf, len, "%s %" PRId64 " min at %s/h", l->kind, l->quantity,
				 bill_format_cents(l->rate_cents, rate, sizeof(rate)));
		break;
	case BQ_LINE_PACKAGE:
		snprintf(buf, len, "points package %s, %" PRId64 " points", l->kind, l->quantity);
		break;
	case BQ_LINE_CORRECTION:
		snprintf(buf, len, "correction %s: %s", l->kind, l->detail);
		break;
	case BQ_LINE_STANDBY:
		snprintf(buf, len, "extended standby %s, %" PRId64 " h at %s/h", l->detail, l->quantity,
			 bill_format_cents(l->rate_cents, rate, sizeof(rate)));
		break;
	}
}

static const char *line_unit(const struct bq_line *l)
{
	switch (l->src) {
	case BQ_LINE_CALL:
	case BQ_LINE_TIME:
		return "min";
	case BQ_LINE_PACKAGE:
		return "points";
	case BQ_LINE_STANDBY:
		return "h";
	case BQ_LINE_CORRECTION:
		break;
	}
	return strcmp(l->kind, BQ_POOL_FREE) == 0 || strcmp(l->kind, BQ_POOL_CREDIT) == 0 ? "min" : "points";
}

static void used_text(const struct bq_request *q, struct strbuf *sb)
{
	char eur[32];
	int parts = 0;

	if (q->calls) {
		int p = 0;
		sb_printf(sb, "calls %" PRId64 ", %" PRId64 " min", q->calls, q->call_minutes);
		if (q->free_used)
			sb_printf(sb, "%s%" PRId64 " free", p++ ? ", " : " (", q->free_used);
		if (q->credit_used)
			sb_printf(sb, "%s%" PRId64 " credit", p++ ? ", " : " (", q->credit_used);
		if (q->billed_minutes)
			sb_printf(sb, "%s%" PRId64 " billed", p++ ? ", " : " (", q->billed_minutes);
		if (p)
			sb_append(sb, ")");
		parts++;
	}
	if (q->entries) {
		sb_printf(sb, "%stime %" PRId64 " %s, %" PRId64 " min", parts ? "; " : "", q->entries,
			  q->entries == 1 ? "entry" : "entries", q->time_minutes);
		if (q->points_used)
			sb_printf(sb, ", %" PRId64 " points", q->points_used);
		parts++;
	}
	if (q->call_cents + q->time_cents)
		sb_printf(sb, "%sbilled %s", parts++ ? "; " : "", bill_format_cents(q->call_cents + q->time_cents, eur,
										     sizeof(eur)));
	if (!parts)
		sb_append(sb, "nothing this month");
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
	local_text(st->zone, q->received, recv, sizeof(recv));
	local_text(st->zone, q->first_contact, first, sizeof(first));
	local_text(st->zone, q->resolved, res, sizeof(res));
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
			snprintf(r.f[C_UNIT], sizeof(r.f[0]), "points");
		} else {
			snprintf(r.f[C_QTY], sizeof(r.f[0]), "%" PRId64, q->call_minutes + q->time_minutes);
			snprintf(r.f[C_UNIT], sizeof(r.f[0]), "min");
		}
		bill_format_cents(q->call_cents + q->time_cents, r.f[C_AMOUNT], sizeof(r.f[0]));
		csv_put(st->out, &r);
		return;
	}
	fprintf(st->out, "  SD-%" PRId64 " [%s] %s\n", q->ticket, cli_text(q->category), cli_text(q->subject));
	fprintf(st->out, "    received %s", recv);
	if (react >= 0)
		fprintf(st->out, ", first contact %s (reaction %s, %s)", first, dur_format_minutes(react, m1, sizeof(m1)),
			rc ? cli_text(cal_name(rc)) : "elapsed");
	else
		fprintf(st->out, ", no first contact yet");
	if (proc >= 0)
		fprintf(st->out, ", resolved %s (processing %s, %s)", res, dur_format_minutes(proc, m2, sizeof(m2)),
			pc ? cli_text(cal_name(pc)) : "elapsed");
	else
		fprintf(st->out, ", not resolved");
	used_text(q, &sb);
	fprintf(st->out, "\n    used: %s\n", cli_text(sb.buf));
	free(sb.buf);
}

static void put_balance_row(struct stmt *st, int64_t contract, const char *plan, const char *what, int64_t qty,
			    const char *unit, const char *text, int64_t cents)
{
	if (st->csv) {
		struct csvrow r;

		csv_begin(&r, "balance", contract, plan);
		snprintf(r.f[C_DESC], sizeof(r.f[0]), "%s", what);
		snprintf(r.f[C_QTY], sizeof(r.f[0]), "%" PRId64, qty);
		snprintf(r.f[C_UNIT], sizeof(r.f[0]), "%s", unit);
		if (cents)
			bill_format_cents(cents, r.f[C_AMOUNT], sizeof(r.f[0]));
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
		fprintf(st->out, "\nBalance at the end of %04d-%02d\n", y, m);
	}
	if (b->monthly_free_minutes > 0 || bal->free_allowance > 0) {
		snprintf(text, sizeof(text), "%" PRId64 " of %" PRId64 " left%s", bal->free_left, bal->free_allowance,
			 bal->free_left <= 0 ? " (used up)" : "");
		put_balance_row(st, contract, plan->name, "free minutes", bal->free_left, "min", text, 0);
		any = 1;
	}
	if (b->activation_credit_minutes > 0 || bal->credit_left != 0) {
		snprintf(text, sizeof(text), "%" PRId64 " min left%s", bal->credit_left,
			 bal->credit_left <= 0 ? " (used up)" : "");
		put_balance_row(st, contract, plan->name, "activation credit", bal->credit_left, "min", text, 0);
		any = 1;
	}
	if (b->overage_minute_cents > 0 || bal->billed_minutes != 0) {
		snprintf(text, sizeof(text), "%" PRId64 " min = %s", bal->billed_minutes,
			 bill_format_eur(bal->billed_cents, eur, sizeof(eur)));
		put_balance_row(st, contract, plan->name, "billed minutes", bal->billed_minutes, "min", text,
				bal->billed_cents);
		any = 1;
	}
	for (size_t k = 0; k < b->npoints && k < BILL_MAX_POINTS_KINDS; k++) {
		char what[64];
		int64_t left = bal->points_left[k];

		snprintf(what, sizeof(what), "points %s", b->points[k].name);
		snprintf(text, sizeof(text), "%" PRId64 " left%s", left,
			 left < 0 ? " (exhausted: overdrawn)" : left == 0 ? " (exhausted)" : "");
		put_balance_row(st, contract, plan->name, what, left, "points", text, 0);
		any = 1;
	}
	if (!any && !st->csv)
		fprintf(st->out, "  (no minutes or points account)\n");
}

static void put_line(struct stmt *st, int64_t contract, const char *plan, const char *date, int64_t ticket,
		     const char *text, int64_t qty, const char *unit, int64_t cents)
{
	char tk[24], eur[32];

	tk[0] = '\0';
	if (ticket > 0)
		snprintf(tk, sizeof(tk), "SD-%" PRId64, ticket);
	bill_format_cents(cents, eur, sizeof(eur));
	if (st->csv) {
		struct csvrow r;

		csv_begin(&r, "line", contract, plan);
		snprintf(r.f[C_TICKET], sizeof(r.f[0]), "%s", tk);
		snprintf(r.f[C_DATE], sizeof(r.f[0]), "%s", date);
		snprintf(r.f[C_DESC], sizeof(r.f[0]), "%s", text);
		snprintf(r.f[C_QTY], sizeof(r.f[0]), "%" PRId64, qty);
		snprintf(r.f[C_UNIT], sizeof(r.f[0]), "%s", unit);
		snprintf(r.f[C_AMOUNT], sizeof(r.f[0]), "%s", eur);
		csv_put(st->out, &r);
		return;
	}
	fprintf(st->out, "  %-10s  %-8s  ", cli_text(date), tk);
	put_fit(st->out, text, 44);
	fprintf(st->out, " %10s\n", eur);
}

static void put_total(struct stmt *st, int64_t contract, const char *plan, const char *label, int64_t cents)
{
	char eur[32];

	bill_format_cents(cents, eur, sizeof(eur));
	if (st->csv) {
		struct csvrow r;

		csv_begin(&r, "total", contract, plan);
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
	vat_text(plan->vat_bp, vt, sizeof(vt));
	if (!st->csv) {
		fprintf(st->out, "\nContract %" PRId64 ": %s - %s\n", c->id, cli_text(plan->name), cli_text(plan->title));
		fprintf(st->out, "%s, valid from %s%s%s, %s\n", cli_text(plan->provider), cli_text(c->valid_from),
			c->valid_to[0] ? " to " : "", cli_text(c->valid_to), vt);
		fprintf(st->out, "\nRequests\n");
		if (!nreqs)
			fprintf(st->out, "  (none)\n");
	}
	for (size_t i = 0; i < nreqs; i++)
		put_request(st, plan, c->id, &reqs[i]);
	put_balances(st, plan, c->id, &bal);

	if (!st->csv)
		fprintf(st->out, "\nBillable lines\n");
	nets = xcalloc(nlines + 2, sizeof(*nets));
	if (plan->budget.monthly_fee_cents > 0) {
		char date[16];
		snprintf(date, sizeof(date), "%04d-%02d-01", y, m);
		snprintf(text, sizeof(text), "monthly fee %s", plan->title);
		put_line(st, c->id, plan->name, date, 0, text, 1, "month", plan->budget.monthly_fee_cents);
		nets[nnets++] = plan->budget.monthly_fee_cents;
	}
	for (size_t i = 0; i < nlines; i++) {
		line_text(&lines[i], text, sizeof(text));
		put_line(st, c->id, plan->name, lines[i].date, lines[i].ticket, text, lines[i].quantity,
			 line_unit(&lines[i]), lines[i].net_cents);
		nets[nnets++] = lines[i].net_cents;
	}
	if (!nnets && !st->csv)
		fprintf(st->out, "  (none)\n");
	if (bill_vat_total(nets, nnets, plan->vat_bp, &vat) != BILL_OK)
		goto done;
	put_total(st, c->id, plan->name, "Net", vat.net);
	put_total(st, c->id, plan->name, vt, vat.vat);
	put_total(st, c->id, plan->name, "Gross", vat.gross);
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
	int npos = 0, csv = 0, month, rc = SDESK_EXIT_RUNTIME;
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
			csv = 1;
		} else if (strcmp(argv[i], "--db") == 0) {
			if (++i >= argc)
				return cli_usage_error("statement", "--db needs a value");
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
		fprintf(stderr, "sdesk: statement: %s\n", db_last_error(db)->plain);
		goto done;
	}
	/* The database's catalogue: the plans it decided with, not a local file. */
	if (catalogue_fetch(db, &cat, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: statement: %s\n", cli_text(err));
		goto done;
	}
	if (bq_account(db, pos[0], &acct) < 0) {
		if (db_last_error(db)->kind == DB_OK) {
			fprintf(stderr, "sdesk: statement: no account '%s'\n", cli_text(pos[0]));
			rc = SDESK_EXIT_USAGE;
		} else {
			fprintf(stderr, "sdesk: statement: %s\n", db_last_error(db)->plain);
		}
		goto done;
	}
	if (bq_contracts(db, acct.id, month, &cs, &ncs) < 0) {
		fprintf(stderr, "sdesk: statement: %s\n", db_last_error(db)->plain);
		goto done;
	}
	st = (struct stmt){stdout, csv, month, ledger_zone(&cat), &acct};
	if (!st.zone) {
		fprintf(stderr, "sdesk: statement: %s defines no calendar\n", cli_plans_path(ctx));
		goto done;
	}
	if (csv) {
		for (int i = 0; i < C_N; i++)
			csv_field(stdout, csv_header[i], 0, i == C_N - 1);
	} else {
		int y, m;
		bill_month_split(month, &y, &m);
		printf("Account statement %04d-%02d\n", y, m);
		printf("Account %s: %s\n", cli_text(acct.code), cli_text(acct.name));
		printf("Times Europe/Berlin; reaction and processing in business time of the calendar named;\n"
		       "amounts in EUR, net unless marked.\n");
		if (!ncs)
			printf("\nNo contract runs in %04d-%02d.\n", y, m);
	}
	for (size_t i = 0; i < ncs; i++) {
		const struct sla_plan *plan = sla_plan_find(&cat, cs[i].plan);
		int r;

		if (!plan) {
			fprintf(stderr, "sdesk: statement: plan '%s' of contract %" PRId64 " is not in %s\n",
				cli_text(cs[i].plan), cs[i].id, cli_plans_path(ctx));
			goto done;
		}
		r = put_contract(&st, db, plan, &cs[i]);
		if (r == -1) {
			fprintf(stderr, "sdesk: statement: %s\n", db_last_error(db)->plain);
			goto done;
		} else if (r < 0) {
			fprintf(stderr, "sdesk: statement: the ledger of contract %" PRId64 " holds rows plan %s cannot hold\n",
				cs[i].id, cli_text(plan->name));
			goto done;
		}
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sdesk: statement: cannot write the statement\n");
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
