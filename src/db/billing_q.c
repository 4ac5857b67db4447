/* Billing queries; see billing_q.h. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "db/actions.h"
#include "db/billing_q.h"
#include "db/journal.h"
#include "engine/booking.h"
#include "engine/duration.h"
#include "engine/timefmt.h"

int bq_ticket(struct db *db, int64_t id, struct bq_ticket *out)
{
	static const char sql[] =
		"SELECT t.id, t.contract_id, t.account_id, c.plan_code, a.code,"
		" extract(epoch FROM t.received_at)::bigint, to_char(a.activated_on, 'YYYY-MM')"
		" FROM ticket t JOIN contract c ON c.id = t.contract_id JOIN account a ON a.id = t.account_id"
		" WHERE t.id = $1";
	char idtext[24];
	const char *params[1] = {idtext};
	struct db_result *res;
	const char *act;

	memset(out, 0, sizeof(*out));
	snprintf(idtext, sizeof(idtext), "%" PRId64, id);
	res = db_exec(db, sql, 1, params);
	if (!res)
		return -1;
	if (db_result_rows(res) != 1) {
		db_result_free(res);
		return -1;
	}
	out->id = strtoll(db_result_value(res, 0, 0), NULL, 10);
	out->contract_id = strtoll(db_result_value(res, 0, 1), NULL, 10);
	out->account_id = strtoll(db_result_value(res, 0, 2), NULL, 10);
	snprintf(out->plan, sizeof(out->plan), "%s", db_result_value(res, 0, 3));
	snprintf(out->account, sizeof(out->account), "%s", db_result_value(res, 0, 4));
	out->received_at = strtoll(db_result_value(res, 0, 5), NULL, 10);
	act = db_result_value(res, 0, 6);
	out->activated = act != NULL && bill_month_parse(act, &out->activation_month) == 0;
	db_result_free(res);
	return 0;
}

int bq_begin_locked(struct db *db, int64_t contract_id)
{
	char idtext[24];
	const char *params[1] = {idtext};

	snprintf(idtext, sizeof(idtext), "%" PRId64, contract_id);
	if (db_command(db, "BEGIN", 0, NULL) < 0)
		return -1;
	/* A transaction-scoped advisory lock per contract serialises bookings on
	 * one budget. Unlike SELECT ... FOR UPDATE it needs no UPDATE right on
	 * the contract table, which agents do not have (doc/security.md). */
	if (db_command(db, "SELECT pg_advisory_xact_lock(21316, ($1::bigint % 2147483647)::integer)", 1, params) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

int bq_end(struct db *db, int commit)
{
	return commit ? db_command(db, "COMMIT", 0, NULL) : db_rollback(db);
}

int bq_moves(struct db *db, int64_t contract_id, const struct sla_budget *b, struct bill_move **moves, size_t *n)
{
	static const char sql[] =
		/* Summed per kind, pool and month: bill_balance only adds them up.
		 * The contract's own pools come summed from ledger_month (kept by a
		 * trigger, migration 0025): a contract with years of calls has
		 * hundreds of thousands of ledger rows (doc/admin.md, Sizing). Its
		 * activation credit and the draws on it are few and read from the
		 * ledger; the local date is written out, not sdesk_local_date() (a
		 * call per row, not inlined: its SET). */
		"SELECT kind, pool, unit, amount, money_cents, to_char(month, 'YYYY-MM') AS mo FROM ledger_month"
		" WHERE contract_id = $1"
		" UNION ALL "
		"SELECT kind, pool, unit, sum(amount), sum(money_cents), mo FROM ("
		" SELECT l.kind, l.pool, l.unit, l.amount, l.money_cents,"
		" to_char(coalesce(l.period,"
		"  CASE WHEN l.kind = 'activation_credit' THEN a.activated_on END, l.effective_on,"
		"  (coalesce(c.started_at, e.started_at, l.created_at) AT TIME ZONE 'Europe/Berlin')::date), 'YYYY-MM') AS mo"
		" FROM budget_ledger l LEFT JOIN call c ON c.id = l.source_call_id"
		" LEFT JOIN time_entry e ON e.id = l.source_time_entry_id JOIN account a ON a.id = l.account_id"
		" WHERE l.account_id = (SELECT account_id FROM contract WHERE id = $1) AND l.contract_id = $1"
		"  AND l.pool = 'activation' AND l.unit = 'minutes') l"
		" GROUP BY kind, pool, unit, mo ORDER BY mo, kind, pool, unit";
	char idtext[24];
	const char *params[1] = {idtext};
	struct db_result *res;
	struct bill_move *mv;
	int rows;

	*moves = NULL;
	*n = 0;
	snprintf(idtext, sizeof(idtext), "%" PRId64, contract_id);
	res = db_exec(db, sql, 1, params);
	if (!res)
		return -1;
	rows = db_result_rows(res);
	mv = xcalloc((size_t)rows + 1, sizeof(*mv));
	for (int r = 0; r < rows; r++) {
		int month;

		if (bill_month_parse(db_result_value(res, r, 5), &month) < 0
		    || bill_move_from_row(b, db_result_value(res, r, 0), db_result_value(res, r, 1),
					  db_result_value(res, r, 2), strtoll(db_result_value(res, r, 3), NULL, 10),
					  strtoll(db_result_value(res, r, 4), NULL, 10), month, &mv[r]) < 0)
			goto bad;
	}
	db_result_free(res);
	*moves = mv;
	*n = (size_t)rows;
	return 0;
bad:
	db_result_free(res);
	free(mv);
	return -2;
}

enum bill_status bq_balance(const struct sla_budget *b, const struct bill_move *mv, size_t n, int month, int activated,
			    int activation_month, struct bill_balance *out)
{
	enum bill_status st = bill_balance(b, mv, n, month, out);

	if (st != BILL_OK)
		return st;
	/* An activated account is owed its one-off credit before the first
	 * booking writes it into the ledger. */
	if (activated && b->activation_credit_minutes > 0 && activation_month <= month) {
		int have = 0;

		for (size_t j = 0; j < n; j++)
			have |= mv[j].kind == BILL_MV_ACTIVATION;
		if (!have)
			out->credit_left += b->activation_credit_minutes;
	}
	return BILL_OK;
}

/* bq_moves' query for many contracts at once (the same two parts: the
 * contract's own pools summed in ledger_month, migration 0025, and its
 * activation credit from the ledger), with each account's activation month;
 * a contract without ledger rows gives one row of NULLs. */
static const char ledgers_sql[] =
	"SELECT x.id, to_char(a.activated_on, 'YYYY-MM'), m.kind, m.pool, m.unit, m.amount, m.cents, m.mo"
	" FROM unnest($1::bigint[]) x(id) JOIN contract c ON c.id = x.id JOIN account a ON a.id = c.account_id"
	" LEFT JOIN LATERAL (SELECT lm.kind, lm.pool, lm.unit, lm.amount, lm.money_cents AS cents,"
	"  to_char(lm.month, 'YYYY-MM') AS mo FROM ledger_month lm WHERE lm.contract_id = x.id"
	"  UNION ALL"
	"  SELECT l.kind, l.pool, l.unit, sum(l.amount), sum(l.money_cents), l.mo"
	"  FROM (SELECT l.kind, l.pool, l.unit, l.amount, l.money_cents,"
	"   to_char(coalesce(l.period, CASE WHEN l.kind = 'activation_credit' THEN a.activated_on END, l.effective_on,"
	"   (coalesce(k.started_at, e.started_at, l.created_at) AT TIME ZONE 'Europe/Berlin')::date), 'YYYY-MM') AS mo"
	"   FROM budget_ledger l LEFT JOIN call k ON k.id = l.source_call_id"
	"   LEFT JOIN time_entry e ON e.id = l.source_time_entry_id"
	"   WHERE l.account_id = c.account_id AND l.contract_id = x.id AND l.pool = 'activation'"
	"   AND l.unit = 'minutes') l"
	"  GROUP BY l.kind, l.pool, l.unit, l.mo) m ON true"
	" ORDER BY x.id, m.mo, m.kind, m.pool, m.unit";

int bq_ledgers_send(struct db *db, const int64_t *contracts, size_t n)
{
	struct strbuf sb = {0};
	const char *params[1];
	int rc;

	sb_append(&sb, "{");
	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s%" PRId64, i ? "," : "", contracts[i]);
	sb_append(&sb, "}");
	params[0] = sb.buf;
	rc = db_send(db, ledgers_sql, 1, params);
	sb_free(&sb);
	return rc;
}

void bq_ledgers_take(const struct db_result *res, const struct sla_budget *(*budget_of)(void *ctx, int64_t contract),
		     void *ctx, struct bq_ledger **out, size_t *nout)
{
	int rows = db_result_rows(res);
	struct bq_ledger *l = xcalloc((size_t)rows + 1, sizeof(*l));
	size_t n = 0;

	for (int r = 0; r < rows; r++) {
		int64_t id = strtoll(db_result_value(res, r, 0), NULL, 10);
		struct bq_ledger *x = n ? &l[n - 1] : NULL;
		const struct sla_budget *b;
		int month;

		if (!x || x->contract != id) {
			const char *act = db_result_value(res, r, 1);

			x = &l[n++];
			x->contract = id;
			int end = r;

			x->activated = act != NULL && bill_month_parse(act, &x->activation_month) == 0;
			/* This contract's rows only (the result is ordered by contract):
			 * rows for each of thousands of contracts was hundreds of MB. */
			while (end < rows && strtoll(db_result_value(res, end, 0), NULL, 10) == id)
				end++;
			x->moves = xcalloc((size_t)(end - r) + 1, sizeof(*x->moves));
			x->bad = !budget_of(ctx, id);
		}
		b = budget_of(ctx, id);
		if (!db_result_value(res, r, 2) || !b || x->bad)
			continue;
		if (bill_month_parse(db_result_value(res, r, 7), &month) < 0
		    || bill_move_from_row(b, db_result_value(res, r, 2), db_result_value(res, r, 3),
					  db_result_value(res, r, 4), strtoll(db_result_value(res, r, 5), NULL, 10),
					  strtoll(db_result_value(res, r, 6), NULL, 10), month, &x->moves[x->n]) < 0)
			x->bad = 1;
		else
			x->n++;
	}
	*out = l;
	*nout = n;
}

void bq_ledgers_free(struct bq_ledger *l, size_t n)
{
	for (size_t i = 0; l && i < n; i++)
		free(l[i].moves);
	free(l);
}

static void month_first_day(int month, char *buf, size_t len)
{
	int y, m;

	bill_month_split(month, &y, &m);
	snprintf(buf, len, "%04d-%02d-01", y, m);
}

/* Runs sql with $1 = id and $2 = the first day of month (the month
 * queries of statements and balances). NULL on error (db_last_error). */
static struct db_result *month_query(struct db *db, const char *sql, int64_t id, int month)
{
	char idtext[24], first[16];
	const char *params[2] = {idtext, first};

	snprintf(idtext, sizeof(idtext), "%" PRId64, id);
	month_first_day(month, first, sizeof(first));
	return db_exec(db, sql, 2, params);
}

/* ---- statements -------------------------------------------------------- */

static const char *val(struct db_result *res, int r, int c)
{
	const char *v = db_result_value(res, r, c);
	return v ? v : "";
}

static int64_t ival(struct db_result *res, int r, int c)
{
	return strtoll(val(res, r, c), NULL, 10);
}

static sd_time tval(struct db_result *res, int r, int c)
{
	const char *v = db_result_value(res, r, c);
	return v ? strtoll(v, NULL, 10) : BQ_TIME_NONE;
}

int bq_account(struct db *db, const char *code, struct bq_account *out)
{
	const char *params[1] = {code};
	char ym[8];
	struct db_result *res;

	memset(out, 0, sizeof(*out));
	res = db_exec(db, "SELECT id, code, name, to_char(activated_on, 'YYYY-MM-DD') FROM account WHERE code = $1", 1,
		      params);
	if (!res)
		return -1;
	if (db_result_rows(res) != 1) {
		db_result_free(res);
		return -1;
	}
	out->id = ival(res, 0, 0);
	snprintf(out->code, sizeof(out->code), "%s", val(res, 0, 1));
	snprintf(out->name, sizeof(out->name), "%s", val(res, 0, 2));
	snprintf(out->activated_on, sizeof(out->activated_on), "%s", val(res, 0, 3));
	snprintf(ym, sizeof(ym), "%.7s", out->activated_on);
	out->activated = db_result_value(res, 0, 3) != NULL && bill_month_parse(ym, &out->activation_month) == 0;
	db_result_free(res);
	return 0;
}

static void fill_contract(struct db_result *res, int r, struct bq_contract *c)
{
	c->id = ival(res, r, 0);
	snprintf(c->plan, sizeof(c->plan), "%s", val(res, r, 1));
	snprintf(c->valid_from, sizeof(c->valid_from), "%s", val(res, r, 2));
	snprintf(c->valid_to, sizeof(c->valid_to), "%s", val(res, r, 3));
}

int bq_contracts(struct db *db, int64_t account_id, int month, struct bq_contract **out, size_t *n)
{
	static const char sql[] =
		"SELECT id, plan_code, to_char(valid_from, 'YYYY-MM-DD'), coalesce(to_char(valid_to, 'YYYY-MM-DD'), '')"
		" FROM contract WHERE account_id = $1 AND valid_from < ($2::date + interval '1 month')"
		" AND (valid_to IS NULL OR valid_to >= $2::date) ORDER BY id";
	struct db_result *res;
	int rows;

	*out = NULL;
	*n = 0;
	res = month_query(db, sql, account_id, month);
	if (!res)
		return -1;
	rows = db_result_rows(res);
	*out = xcalloc((size_t)rows + 1, sizeof(**out));
	for (int r = 0; r < rows; r++)
		fill_contract(res, r, &(*out)[r]);
	*n = (size_t)rows;
	db_result_free(res);
	return 0;
}

int bq_contract_on(struct db *db, int64_t account_id, const char *plan, const char *day, struct bq_contract *out)
{
	static const char sql[] =
		"SELECT id, plan_code, to_char(valid_from, 'YYYY-MM-DD'), coalesce(to_char(valid_to, 'YYYY-MM-DD'), '')"
		" FROM contract WHERE account_id = $1 AND plan_code = $2"
		" AND valid_from <= coalesce($3::date, (SELECT sdesk_local_date(sdesk_now())))"
		" AND (valid_to IS NULL OR valid_to >= coalesce($3::date, (SELECT sdesk_local_date(sdesk_now()))))"
		" ORDER BY valid_from DESC, id DESC LIMIT 1";
	char aid[24];
	const char *params[3] = {aid, plan, day};
	struct db_result *res;

	memset(out, 0, sizeof(*out));
	snprintf(aid, sizeof(aid), "%" PRId64, account_id);
	res = db_exec(db, sql, 3, params);
	if (!res)
		return -1;
	if (db_result_rows(res) != 1) {
		db_result_free(res);
		return -1;
	}
	fill_contract(res, 0, out);
	db_result_free(res);
	return 0;
}

/* The month's calls and time entries of a contract's tickets, local dates.
 * t0/t1: the month's first local midnight and the next month's, so that the
 * indexes (account_id, started_at) find the month of a big account without
 * a function call per row of its history (doc/admin.md, Sizing). Local
 * midnight always exists in Europe/Berlin (DST changes at 02:00/03:00), so
 * [t0, t1) holds exactly the instants whose sdesk_local_date() lies in
 * [d0, d1): no sdesk_local_date() per row (a function with its own SET is
 * never inlined; it was most of a 5,000-ticket statement). A call or time
 * entry carries its ticket's account (log_call, log_time). */
#define BQ_MONTH_CTES \
	"WITH m AS (SELECT $2::date AS d0, ($2::date + interval '1 month')::date AS d1," \
	"  $2::date::timestamp AT TIME ZONE 'Europe/Berlin' AS t0," \
	"  ($2::date + interval '1 month')::date::timestamp AT TIME ZONE 'Europe/Berlin' AS t1," \
	"  (SELECT account_id FROM contract WHERE id = $1) AS acc)," \
	" cl AS (SELECT c.* FROM call c JOIN ticket t ON t.id = c.ticket_id, m WHERE t.contract_id = $1" \
	"  AND c.account_id = m.acc AND c.started_at >= m.t0 AND c.started_at < m.t1)," \
	" te AS (SELECT e.* FROM time_entry e JOIN ticket t ON t.id = e.ticket_id, m WHERE t.contract_id = $1" \
	"  AND e.account_id = m.acc AND e.started_at >= m.t0 AND e.started_at < m.t1)"

int bq_requests(struct db *db, int64_t contract_id, int month, struct bq_request **out, size_t *n)
{
	static const char sql[] = BQ_MONTH_CTES ","
		/* Set-based (one pass per table, then joins): a subquery per
		 * ticket over the month's calls grew with the square of a big
		 * account's month (doc/admin.md, Sizing). */
		" lg AS (SELECT l.kind, l.pool, l.unit, l.amount, cl.ticket_id"
		"  FROM cl JOIN budget_ledger l ON l.source_call_id = cl.id WHERE l.contract_id = $1"
		"  UNION ALL SELECT l.kind, l.pool, l.unit, l.amount, te.ticket_id"
		"  FROM te JOIN budget_ledger l ON l.source_time_entry_id = te.id WHERE l.contract_id = $1),"
		" ca AS (SELECT ticket_id, count(*) AS n, sum((duration_s + 59) / 60) AS mins, sum(price_cents) AS cents"
		"  FROM cl GROUP BY ticket_id),"
		" ta AS (SELECT ticket_id, count(*) AS n, sum(minutes) AS mins, sum(amount_cents) AS cents"
		"  FROM te GROUP BY ticket_id),"
		" la AS (SELECT ticket_id,"
		"  -sum(amount) FILTER (WHERE kind = 'consumption' AND unit = 'minutes' AND pool = 'phone') AS free,"
		"  -sum(amount) FILTER (WHERE kind = 'consumption' AND unit = 'minutes' AND pool = 'activation') AS credit,"
		"  -sum(amount) FILTER (WHERE kind = 'overage' AND unit = 'minutes') AS billed,"
		"  -sum(amount) FILTER (WHERE unit = 'points') AS points"
		"  FROM lg GROUP BY ticket_id),"
		" tk AS (SELECT t.id FROM ticket t, m WHERE t.contract_id = $1 AND t.account_id = m.acc"
		"  AND t.received_at >= m.t0 AND t.received_at < m.t1"
		"  UNION SELECT ticket_id FROM cl UNION SELECT ticket_id FROM te)"
		" SELECT t.id, t.category, t.subject, extract(epoch FROM t.received_at)::bigint,"
		"  extract(epoch FROM t.first_contact_at)::bigint, extract(epoch FROM t.resolved_at)::bigint,"
		"  coalesce(ca.n, 0), coalesce(ca.mins, 0), coalesce(ca.cents, 0),"
		"  coalesce(ta.n, 0), coalesce(ta.mins, 0), coalesce(ta.cents, 0),"
		"  coalesce(la.free, 0), coalesce(la.credit, 0), coalesce(la.billed, 0), coalesce(la.points, 0)"
		" FROM tk JOIN ticket t ON t.id = tk.id LEFT JOIN ca ON ca.ticket_id = t.id"
		" LEFT JOIN ta ON ta.ticket_id = t.id LEFT JOIN la ON la.ticket_id = t.id"
		" ORDER BY t.received_at, t.id";
	struct db_result *res;
	int rows;

	*out = NULL;
	*n = 0;
	res = month_query(db, sql, contract_id, month);
	if (!res)
		return -1;
	rows = db_result_rows(res);
	*out = xcalloc((size_t)rows + 1, sizeof(**out));
	for (int r = 0; r < rows; r++) {
		struct bq_request *q = &(*out)[r];

		q->ticket = ival(res, r, 0);
		snprintf(q->category, sizeof(q->category), "%s", val(res, r, 1));
		snprintf(q->subject, sizeof(q->subject), "%s", val(res, r, 2));
		q->received = tval(res, r, 3);
		q->first_contact = tval(res, r, 4);
		q->resolved = tval(res, r, 5);
		q->calls = ival(res, r, 6);
		q->call_minutes = ival(res, r, 7);
		q->call_cents = ival(res, r, 8);
		q->entries = ival(res, r, 9);
		q->time_minutes = ival(res, r, 10);
		q->time_cents = ival(res, r, 11);
		q->free_used = ival(res, r, 12);
		q->credit_used = ival(res, r, 13);
		q->billed_minutes = ival(res, r, 14);
		q->points_used = ival(res, r, 15);
	}
	*n = (size_t)rows;
	db_result_free(res);
	return 0;
}

int bq_lines(struct db *db, int64_t contract_id, int month, struct bq_line **out, size_t *n)
{
	static const char sql[] = BQ_MONTH_CTES
		" SELECT 'call', to_char(cl.started_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'), cl.ticket_id, cl.kind,"
		"  coalesce(cl.tariff_window, ''), cl.duration_s,"
		"  (SELECT coalesce(-sum(l.amount), 0) FROM budget_ledger l WHERE l.source_call_id = cl.id"
		"   AND l.kind = 'overage'), 0::bigint, cl.price_cents, cl.started_at AS at, cl.id"
		" FROM cl WHERE cl.price_cents <> 0"
		" UNION ALL"
		" SELECT 'time', to_char(te.started_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'), te.ticket_id, te.kind,"
		"  CASE WHEN te.rush THEN 'rush' ELSE '' END, te.minutes,"
		"  (SELECT coalesce(-sum(l.amount), 0) FROM budget_ledger l WHERE l.source_time_entry_id = te.id"
		"   AND l.unit = 'points'), te.rate_cents, te.amount_cents, te.started_at, te.id"
		" FROM te WHERE te.amount_cents <> 0"
		" UNION ALL"
		" SELECT CASE WHEN l.kind = 'points_package' THEN 'package' ELSE 'correction' END,"
		"  to_char(coalesce(l.effective_on, sdesk_local_date(l.created_at)), 'YYYY-MM-DD'), NULL,"
		"  l.pool, coalesce(l.reason, ''), l.amount, 0, 0, l.money_cents, l.created_at, l.id"
		" FROM budget_ledger l, m WHERE l.contract_id = $1 AND l.kind IN ('points_package', 'correction')"
		"  AND l.money_cents <> 0 AND coalesce(l.effective_on, sdesk_local_date(l.created_at)) >= m.d0"
		"  AND coalesce(l.effective_on, sdesk_local_date(l.created_at)) < m.d1"
		" UNION ALL"
		" SELECT 'standby', to_char(sdesk_local_date(s.starts_at), 'YYYY-MM-DD'), NULL, '',"
		"  to_char(s.starts_at AT TIME ZONE 'Europe/Berlin', 'HH24:MI') || '-'"
		"  || to_char(s.ends_at AT TIME ZONE 'Europe/Berlin', 'HH24:MI'),"
		"  floor(extract(epoch FROM s.ends_at - s.starts_at))::bigint, 0, s.rate_cents, 0, s.starts_at, s.id"
		" FROM standby_booking s, m WHERE s.contract_id = $1"
		"  AND sdesk_local_date(s.starts_at) >= m.d0 AND sdesk_local_date(s.starts_at) < m.d1"
		" ORDER BY 2, 10, 11";
	struct db_result *res;
	int rows;

	*out = NULL;
	*n = 0;
	res = month_query(db, sql, contract_id, month);
	if (!res)
		return -1;
	rows = db_result_rows(res);
	*out = xcalloc((size_t)rows + 1, sizeof(**out));
	for (int r = 0; r < rows; r++) {
		struct bq_line *l = &(*out)[r];
		const char *src = val(res, r, 0);

		l->src = strcmp(src, "call") == 0      ? BQ_LINE_CALL
			 : strcmp(src, "time") == 0    ? BQ_LINE_TIME
			 : strcmp(src, "package") == 0 ? BQ_LINE_PACKAGE
			 : strcmp(src, "standby") == 0 ? BQ_LINE_STANDBY
						       : BQ_LINE_CORRECTION;
		snprintf(l->date, sizeof(l->date), "%s", val(res, r, 1));
		l->ticket = ival(res, r, 2);
		snprintf(l->kind, sizeof(l->kind), "%s", val(res, r, 3));
		snprintf(l->detail, sizeof(l->detail), "%s", val(res, r, 4));
		l->quantity = ival(res, r, 5);
		l->quantity2 = ival(res, r, 6);
		l->rate_cents = ival(res, r, 7);
		l->net_cents = ival(res, r, 8);
		if (l->src == BQ_LINE_CALL) /* the query gives seconds: started minutes count whole */
			l->quantity = dur_started_minutes(l->quantity);
		if (l->src == BQ_LINE_STANDBY) {
			/* the query gives the window's seconds; the engine prices it */
			l->quantity = bill_standby_hours(l->quantity);
			l->net_cents = l->quantity * l->rate_cents;
		}
	}
	*n = (size_t)rows;
	db_result_free(res);
	return 0;
}

/* ---- packages, corrections, standby ------------------------------------ */

int bq_package(struct db *db, int64_t contract_id, const char *pool, int64_t points, const char *on,
	       const char *note, int64_t *id)
{
	return act_call(db, ACT_ledger_package, NULL, id, av_id(contract_id), av_str(pool), av_int(points), av_str(on),
			av_str(note));
}

int bq_standby_preview(struct db *db, int64_t contract_id, sd_time start, sd_time end, sd_time now,
		       struct bill_standby *out, int64_t *rate)
{
	char cid[24], s1[40], s2[40], s3[40];
	const char *params[4] = {cid, s1, s2, s3};
	struct db_result *res;

	memset(out, 0, sizeof(*out));
	snprintf(cid, sizeof(cid), "%" PRId64, contract_id);
	sd_format_instant(start, 0, s1);
	sd_format_instant(end, 0, s2);
	sd_format_instant(now, 0, s3);
	res = db_exec(db,
		      "SELECT v ->> 'hours', v ->> 'rate_cents', v ->> 'cents', (v ->> 'early')::boolean::int,"
		      " floor(extract(epoch FROM (v ->> 'earliest')::timestamptz))::bigint"
		      " FROM contract c, sdesk.standby_price(c.plan_code, $2::timestamptz, $3::timestamptz,"
		      " $4::timestamptz, (c.overrides ->> 'standby_hour_cents')::bigint) v WHERE c.id = $1",
		      4, params);
	if (!res)
		return -1;
	if (db_result_rows(res) == 1) {
		out->hours = strtoll(db_result_value(res, 0, 0), NULL, 10);
		*rate = out->hour_cents = strtoll(db_result_value(res, 0, 1), NULL, 10);
		out->cents = strtoll(db_result_value(res, 0, 2), NULL, 10);
		out->early = atoi(db_result_value(res, 0, 3));
		out->earliest = strtoll(db_result_value(res, 0, 4), NULL, 10);
	}
	db_result_free(res);
	return 0;
}

int bq_adjust(struct db *db, int64_t contract_id, const char *pool, const char *unit, int64_t amount, int64_t cents,
	      const char *on, const char *reason, int64_t *id)
{
	return act_call(db, ACT_ledger_adjust, NULL, id, av_id(contract_id), av_str(pool), av_str(unit), av_int(amount),
			av_int(cents), av_str(on), av_str(reason));
}

int bq_standby_list(struct db *db, int64_t account_id, sd_time from, struct bq_standby **out, size_t *n)
{
	static const char sql[] =
		"SELECT s.id, c.plan_code, extract(epoch FROM s.starts_at)::bigint, extract(epoch FROM s.ends_at)::bigint,"
		" s.rate_cents, coalesce(s.override_reason, ''), s.booked_by"
		" FROM standby_booking s JOIN contract c ON c.id = s.contract_id"
		" WHERE s.account_id = $1 AND s.ends_at > to_timestamp($2) ORDER BY s.starts_at, s.id";
	char aid[24], ft[24];
	const char *params[2] = {aid, ft};
	struct db_result *res;
	int rows;

	*out = NULL;
	*n = 0;
	snprintf(aid, sizeof(aid), "%" PRId64, account_id);
	snprintf(ft, sizeof(ft), "%" PRId64, from);
	res = db_exec(db, sql, 2, params);
	if (!res)
		return -1;
	rows = db_result_rows(res);
	*out = xcalloc((size_t)rows + 1, sizeof(**out));
	for (int r = 0; r < rows; r++) {
		struct bq_standby *s = &(*out)[r];
		s->id = ival(res, r, 0);
		snprintf(s->plan, sizeof(s->plan), "%s", val(res, r, 1));
		s->starts = ival(res, r, 2);
		s->ends = ival(res, r, 3);
		s->rate_cents = ival(res, r, 4);
		snprintf(s->reason, sizeof(s->reason), "%s", val(res, r, 5));
		snprintf(s->booked_by, sizeof(s->booked_by), "%s", val(res, r, 6));
	}
	*n = (size_t)rows;
	db_result_free(res);
	return 0;
}

/* ---- one booking ------------------------------------------------------- */

/* The database decides (sdesk.book, book_call, book_time): a preview asks
 * sdesk.book, a booking sends the facts and reads back what the database
 * answered to its key (request_result). */
static int booked_text(struct db_result *res, struct bq_booked *out)
{
	if (!res)
		return -1;
	if (db_result_rows(res) == 1) {
		snprintf(out->text, sizeof(out->text), "%s", db_result_value(res, 0, 0) ? db_result_value(res, 0, 0) : "");
		snprintf(out->warning, sizeof(out->warning), "%s",
			 db_result_value(res, 0, 1) ? db_result_value(res, 0, 1) : "");
	}
	db_result_free(res);
	return 0;
}

static int preview(struct db *db, int64_t ticket, const char *what, sd_time at, int64_t amount, const char *kind,
		   int rush_ordered, sd_time ordered_at, struct bq_booked *out)
{
	char tid[24], ts[40], amt[24], ots[40];
	const char *params[7] = {tid, what, ts, amt, kind, rush_ordered ? "true" : "false",
				 ordered_at == BQ_TIME_NONE ? NULL : ots};

	snprintf(tid, sizeof(tid), "%" PRId64, ticket);
	sd_format_instant(at, 0, ts);
	snprintf(amt, sizeof(amt), "%" PRId64, amount);
	if (ordered_at != BQ_TIME_NONE)
		sd_format_instant(ordered_at, 0, ots);
	return booked_text(db_exec(db,
				   "SELECT b ->> 'text', b ->> 'warning' FROM sdesk.book($1::bigint, $2, $3::timestamptz,"
				   " $4::bigint, $5, $6::boolean, $7::timestamptz) b",
				   7, params),
			   out);
}

static int answer(struct db *db, const char *key, struct bq_booked *out)
{
	const char *params[1] = {key};

	return booked_text(db_exec(db, "SELECT r ->> 'text', r ->> 'warning' FROM request_result($1::uuid) r", 1, params),
			   out);
}

int bq_book_call(struct db *db, const struct bq_ticket *tk, sd_time at, int64_t seconds, int hotline, int dry_run,
		 const char *key, struct bq_booked *out)
{
	char k[37];

	memset(out, 0, sizeof(*out));
	if (dry_run)
		return preview(db, tk->id, hotline ? "hotline" : "call", at, seconds, NULL, 0, BQ_TIME_NONE, out);
	if (key)
		snprintf(k, sizeof(k), "%s", key);
	else if (db_new_key(k) < 0)
		return -1;
	if (act_call(db, ACT_book_call, k, &out->id, av_id(tk->id), av_time(at), av_int(seconds), av_bool(hotline)) < 0)
		return -1;
	return answer(db, k, out) < 0 ? -1 : 0;
}

int bq_book_time(struct db *db, const struct bq_ticket *tk, sd_time at, int64_t minutes, const char *kind,
		 int rush_ordered, sd_time ordered_at, const char *note, int dry_run, const char *key,
		 struct bq_booked *out)
{
	char k[37];

	memset(out, 0, sizeof(*out));
	if (dry_run)
		return preview(db, tk->id, "time", at, minutes, kind, rush_ordered, ordered_at, out);
	if (key)
		snprintf(k, sizeof(k), "%s", key);
	else if (db_new_key(k) < 0)
		return -1;
	if (act_call(db, ACT_book_time, k, &out->id, av_id(tk->id), av_time(at), av_int(minutes), av_str(kind),
		     av_bool(rush_ordered), av_time(ordered_at == BQ_TIME_NONE ? ACT_NO_TIME : ordered_at),
		     av_str(note ? note : "")) < 0)
		return -1;
	return answer(db, k, out) < 0 ? -1 : 0;
}

/* ---- bookings through the journal -------------------------------------- */

int bq_journal_call(struct journal *j, const char *key, int64_t ticket, sd_time at, int64_t seconds, int hotline,
		    char *err, size_t errlen)
{
	struct act_val v[4] = {av_id(ticket), av_time(at), av_int(seconds), av_bool(hotline)};
	struct act_text t;

	if (act_texts(ACT_book_call, 4, v, &t, err, errlen) != 0)
		return -1;
	return journal_add(j, key, act_def(ACT_book_call)->name, t.n, t.v, err, errlen);
}

int bq_journal_time(struct journal *j, const char *key, int64_t ticket, sd_time at, int64_t minutes, const char *kind,
		    int rush_ordered, sd_time ordered_at, const char *note, char *err, size_t errlen)
{
	struct act_val v[7] = {av_id(ticket), av_time(at), av_int(minutes), av_str(kind), av_bool(rush_ordered),
			       av_time(ordered_at == BQ_TIME_NONE ? ACT_NO_TIME : ordered_at), av_str(note ? note : "")};
	struct act_text t;

	if (act_texts(ACT_book_time, 7, v, &t, err, errlen) != 0)
		return -1;
	return journal_add(j, key, act_def(ACT_book_time)->name, t.n, t.v, err, errlen);
}

int bq_answer(struct db *db, const char *key, struct bq_booked *out)
{
	memset(out, 0, sizeof(*out));
	return answer(db, key, out);
}
