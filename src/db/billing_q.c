/* Billing queries; see billing_q.h. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "db/billing_q.h"
#include "db/journal.h"
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

static int kind_by_name(const char *name)
{
	static const char *const names[] = {
#define BILL_X(e, n) n,
		BILL_MOVE_KINDS(BILL_X)
#undef BILL_X
	};
	for (size_t i = 0; i < SDESK_ARRAY_LEN(names); i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

int bq_moves(struct db *db, int64_t contract_id, const struct sla_budget *b, struct bill_move **moves, size_t *n)
{
	static const char sql[] =
		/* Summed per kind, pool and month: bill_balance only adds them up,
		 * and a contract with years of calls has hundreds of thousands of
		 * rows (doc/admin.md, Sizing). The local date is written out, not
		 * sdesk_local_date() (a call per row, not inlined: its SET). */
		"SELECT kind, pool, unit, sum(amount), sum(money_cents), mo FROM ("
		" SELECT l.kind, l.pool, l.unit, l.amount, l.money_cents,"
		" to_char(coalesce(l.period,"
		"  CASE WHEN l.kind = 'activation_credit' THEN a.activated_on END, l.effective_on,"
		"  (coalesce(c.started_at, e.started_at, l.created_at) AT TIME ZONE 'Europe/Berlin')::date), 'YYYY-MM') AS mo"
		" FROM budget_ledger l LEFT JOIN call c ON c.id = l.source_call_id"
		" LEFT JOIN time_entry e ON e.id = l.source_time_entry_id JOIN account a ON a.id = l.account_id"
		" WHERE l.contract_id = $1) l GROUP BY kind, pool, unit, mo ORDER BY mo, kind, pool, unit";
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
		const char *kind = db_result_value(res, r, 0), *pool = db_result_value(res, r, 1);
		const char *unit = db_result_value(res, r, 2);
		struct bill_move *m = &mv[r];
		int k = kind_by_name(kind);

		if (k < 0 || bill_month_parse(db_result_value(res, r, 5), &m->month) < 0)
			goto bad;
		m->kind = (enum bill_move_kind)k;
		m->amount = strtoll(db_result_value(res, r, 3), NULL, 10);
		m->cents = strtoll(db_result_value(res, r, 4), NULL, 10);
		m->points_kind = -1;
		if (strcmp(unit, "points") == 0) {
			m->pool = BILL_POOL_POINTS;
			m->points_kind = bill_points_kind(b, pool);
			if (m->points_kind < 0)
				goto bad;
		} else if (m->kind == BILL_MV_OVERAGE) {
			m->pool = BILL_POOL_BILLED;
		} else if (strcmp(pool, BQ_POOL_CREDIT) == 0) {
			m->pool = BILL_POOL_CREDIT;
		} else {
			m->pool = BILL_POOL_FREE;
		}
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

int bq_credit(struct db *db, int64_t contract_id, const char *kind, const char *pool, const char *unit,
	      int64_t amount, int64_t cents, int month)
{
	char key[37], cid[24], amt[24], ct[24], period[16];
	const char *params[9] = {key, cid, kind, pool, unit, amt, ct, month >= 0 ? period : NULL, NULL};
	struct db_result *res;

	if (db_new_key(key) < 0)
		return -1;
	snprintf(cid, sizeof(cid), "%" PRId64, contract_id);
	snprintf(amt, sizeof(amt), "%" PRId64, amount);
	snprintf(ct, sizeof(ct), "%" PRId64, cents);
	if (month >= 0)
		month_first_day(month, period, sizeof(period));
	res = db_exec(db, "SELECT ledger_credit($1, $2, $3, $4, $5, $6, $7, $8, $9)", 9, params);
	if (!res)
		return -1;
	db_result_free(res);
	return 0;
}

/* [{"kind":..,"pool":..,"unit":..,"amount":..,"money_cents":..}, ...] */
static char *ledger_json(const struct sla_budget *b, const struct bill_move *mv, size_t n)
{
	struct strbuf sb = {0};

	sb_append(&sb, "[");
	for (size_t i = 0; i < n; i++) {
		const char *pool = BQ_POOL_FREE, *unit = "minutes";
		if (mv[i].pool == BILL_POOL_CREDIT)
			pool = BQ_POOL_CREDIT;
		else if (mv[i].pool == BILL_POOL_POINTS) {
			pool = b->points[mv[i].points_kind].name;
			unit = "points";
		}
		sb_printf(&sb, "%s{\"kind\":\"%s\",\"pool\":\"%s\",\"unit\":\"%s\",\"amount\":%" PRId64
			  ",\"money_cents\":%" PRId64 "}",
			  i ? "," : "", bill_move_kind_name(mv[i].kind), pool, unit, mv[i].amount, mv[i].cents);
	}
	sb_append(&sb, "]");
	return sb.buf;
}

static int64_t result_id(struct db_result *res)
{
	int64_t id = -1;

	if (!res)
		return -1;
	if (db_result_rows(res) == 1 && db_result_value(res, 0, 0))
		id = strtoll(db_result_value(res, 0, 0), NULL, 10);
	db_result_free(res);
	return id;
}

static int64_t log_call_key(struct db *db, const char *ukey, int64_t ticket, sd_time started, int64_t seconds,
			    const char *kind, const char *window, int64_t price_cents, const struct sla_budget *b,
			    const struct bill_move *mv, size_t n);
static int64_t log_time_key(struct db *db, const char *ukey, int64_t ticket, sd_time started, int64_t minutes,
			    const char *kind, int rush, int64_t rate_cents, int64_t amount_cents, const char *note,
			    const struct sla_budget *b, const struct bill_move *mv, size_t n);

int64_t bq_log_call(struct db *db, int64_t ticket, sd_time started, int64_t seconds, const char *kind,
		    const char *window, int64_t price_cents, const struct sla_budget *b, const struct bill_move *mv,
		    size_t n)
{
	return log_call_key(db, NULL, ticket, started, seconds, kind, window, price_cents, b, mv, n);
}

int64_t bq_log_time(struct db *db, int64_t ticket, sd_time started, int64_t minutes, const char *kind, int rush,
		    int64_t rate_cents, int64_t amount_cents, const char *note, const struct sla_budget *b,
		    const struct bill_move *mv, size_t n)
{
	return log_time_key(db, NULL, ticket, started, minutes, kind, rush, rate_cents, amount_cents, note, b, mv, n);
}

static int64_t log_call_key(struct db *db, const char *ukey, int64_t ticket, sd_time started, int64_t seconds,
			    const char *kind, const char *window, int64_t price_cents, const struct sla_budget *b,
			    const struct bill_move *mv, size_t n)
{
	char key[37], tid[24], at[40], secs[24], price[24];
	char *json = ledger_json(b, mv, n);
	const char *params[8] = {key, tid, at, secs, kind, window, price, json};
	int64_t id;

	if (ukey)
		snprintf(key, sizeof(key), "%s", ukey);
	else if (db_new_key(key) < 0) {
		free(json);
		return -1;
	}
	snprintf(tid, sizeof(tid), "%" PRId64, ticket);
	sd_format_instant(started, 0, at);
	snprintf(secs, sizeof(secs), "%" PRId64, seconds);
	snprintf(price, sizeof(price), "%" PRId64, price_cents);
	id = result_id(db_exec(db, "SELECT log_call($1, $2, $3, $4, $5, $6, $7, $8)", 8, params));
	free(json);
	return id;
}

static int64_t log_time_key(struct db *db, const char *ukey, int64_t ticket, sd_time started, int64_t minutes,
			    const char *kind, int rush, int64_t rate_cents, int64_t amount_cents, const char *note,
			    const struct sla_budget *b, const struct bill_move *mv, size_t n)
{
	char key[37], tid[24], at[40], mins[24], rate[24], amount[24];
	char *json = ledger_json(b, mv, n);
	const char *params[10] = {key, tid, at, mins, kind, rush ? "true" : "false", rate, amount, note ? note : "",
				  json};
	int64_t id;

	if (ukey)
		snprintf(key, sizeof(key), "%s", ukey);
	else if (db_new_key(key) < 0) {
		free(json);
		return -1;
	}
	snprintf(tid, sizeof(tid), "%" PRId64, ticket);
	sd_format_instant(started, 0, at);
	snprintf(mins, sizeof(mins), "%" PRId64, minutes);
	snprintf(rate, sizeof(rate), "%" PRId64, rate_cents);
	snprintf(amount, sizeof(amount), "%" PRId64, amount_cents);
	id = result_id(db_exec(db, "SELECT log_time($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", 10, params));
	free(json);
	return id;
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
		" AND valid_from <= coalesce($3::date, sdesk_local_date(now()))"
		" AND (valid_to IS NULL OR valid_to >= coalesce($3::date, sdesk_local_date(now())))"
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
 * a function call per row of its history (doc/admin.md, Sizing); the
 * sdesk_local_date() test stays and decides. A call or time entry carries
 * its ticket's account (log_call, log_time). */
#define BQ_MONTH_CTES \
	"WITH m AS (SELECT $2::date AS d0, ($2::date + interval '1 month')::date AS d1," \
	"  $2::date::timestamp AT TIME ZONE 'Europe/Berlin' AS t0," \
	"  ($2::date + interval '1 month')::date::timestamp AT TIME ZONE 'Europe/Berlin' AS t1," \
	"  (SELECT account_id FROM contract WHERE id = $1) AS acc)," \
	" cl AS (SELECT c.* FROM call c JOIN ticket t ON t.id = c.ticket_id, m WHERE t.contract_id = $1" \
	"  AND c.account_id = m.acc AND c.started_at >= m.t0 - interval '1 day' AND c.started_at < m.t1 + interval '1 day'" \
	"  AND sdesk_local_date(c.started_at) >= m.d0 AND sdesk_local_date(c.started_at) < m.d1)," \
	" te AS (SELECT e.* FROM time_entry e JOIN ticket t ON t.id = e.ticket_id, m WHERE t.contract_id = $1" \
	"  AND e.account_id = m.acc AND e.started_at >= m.t0 - interval '1 day' AND e.started_at < m.t1 + interval '1 day'" \
	"  AND sdesk_local_date(e.started_at) >= m.d0 AND sdesk_local_date(e.started_at) < m.d1)"

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
		"  AND t.received_at >= m.t0 - interval '1 day' AND t.received_at < m.t1 + interval '1 day'"
		"  AND sdesk_local_date(t.received_at) >= m.d0 AND sdesk_local_date(t.received_at) < m.d1"
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
		" SELECT 'call', to_char(sdesk_local_date(cl.started_at), 'YYYY-MM-DD'), cl.ticket_id, cl.kind,"
		"  coalesce(cl.tariff_window, ''), cl.duration_s,"
		"  (SELECT coalesce(-sum(l.amount), 0) FROM budget_ledger l WHERE l.source_call_id = cl.id"
		"   AND l.kind = 'overage'), 0::bigint, cl.price_cents, cl.started_at AS at, cl.id"
		" FROM cl WHERE cl.price_cents <> 0"
		" UNION ALL"
		" SELECT 'time', to_char(sdesk_local_date(te.started_at), 'YYYY-MM-DD'), te.ticket_id, te.kind,"
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

int bq_package(struct db *db, int64_t contract_id, const char *pool, int64_t points, int64_t cents, const char *on,
	       const char *note, int64_t *id)
{
	char key[37], cid[24], pts[24], ct[24];
	const char *params[7] = {key, cid, pool, pts, ct, on, note};
	int64_t r;

	if (db_new_key(key) < 0)
		return -1;
	snprintf(cid, sizeof(cid), "%" PRId64, contract_id);
	snprintf(pts, sizeof(pts), "%" PRId64, points);
	snprintf(ct, sizeof(ct), "%" PRId64, cents);
	r = result_id(db_exec(db, "SELECT ledger_package($1, $2, $3, $4, $5, $6, $7)", 7, params));
	if (r < 0)
		return -1;
	*id = r;
	return 0;
}

int bq_adjust(struct db *db, int64_t contract_id, const char *pool, const char *unit, int64_t amount, int64_t cents,
	      const char *on, const char *reason, int64_t *id)
{
	char key[37], cid[24], amt[24], ct[24];
	const char *params[8] = {key, cid, pool, unit, amt, ct, on, reason};
	int64_t r;

	if (db_new_key(key) < 0)
		return -1;
	snprintf(cid, sizeof(cid), "%" PRId64, contract_id);
	snprintf(amt, sizeof(amt), "%" PRId64, amount);
	snprintf(ct, sizeof(ct), "%" PRId64, cents);
	r = result_id(db_exec(db, "SELECT ledger_adjust($1, $2, $3, $4, $5, $6, $7, $8)", 8, params));
	if (r < 0)
		return -1;
	*id = r;
	return 0;
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

/* Locks the contract and reads its balance for `month`, writing (unless
 * dry_run) the month's allowance and the activation credit owed. */
static int booking_begin(struct db *db, const struct sla_budget *b, const struct bq_ticket *tk, int month,
			 int dry_run, int phone, struct bill_balance *bal)
{
	struct bill_move *moves = NULL;
	size_t n = 0;
	int r;

	if (bq_begin_locked(db, tk->contract_id) < 0)
		return -1;
	r = bq_moves(db, tk->contract_id, b, &moves, &n);
	if (r < 0 || bill_balance(b, moves, n, month, bal) != BILL_OK) {
		free(moves);
		bq_end(db, 0);
		return r == -1 ? -1 : -2;
	}
	if (phone && tk->activated && b->activation_credit_minutes > 0) {
		int have = 0;
		for (size_t i = 0; i < n; i++)
			have |= moves[i].kind == BILL_MV_ACTIVATION;
		if (!have) {
			if (!dry_run && bq_credit(db, tk->contract_id, "activation_credit", BQ_POOL_CREDIT, "minutes",
						  b->activation_credit_minutes, 0, -1) < 0)
				goto fail;
			bal->credit_left += b->activation_credit_minutes;
		}
	}
	if (phone && bal->allowance_implied && !dry_run &&
	    bq_credit(db, tk->contract_id, "monthly_allowance", BQ_POOL_FREE, "minutes", b->monthly_free_minutes, 0,
		      month) < 0)
		goto fail;
	free(moves);
	return 0;
fail:
	free(moves);
	bq_end(db, 0);
	return -1;
}

static int booking_end(struct db *db, int64_t id, int dry_run, struct bq_booked *out)
{
	if (dry_run) {
		bq_end(db, 0);
		return 0;
	}
	if (id < 0) {
		bq_end(db, 0);
		return -1;
	}
	if (bq_end(db, 1) < 0)
		return -1;
	out->id = id;
	return 0;
}

int bq_book_call(struct db *db, const struct sla_plan *plan, const struct bq_ticket *tk, int month, sd_time at,
		 int64_t seconds, int hotline, int dry_run, const char *key, struct bq_booked *out)
{
	const struct sla_budget *b = &plan->budget;
	struct bill_balance bal;
	int64_t id = 0;
	int r;

	memset(out, 0, sizeof(*out));
	if (hotline && (!b->nhotline || !b->hotline_cal)) {
		snprintf(out->warning, sizeof(out->warning), "plan %s has no hotline tariff", plan->name);
		return -2;
	}
	if (!hotline && !b->monthly_free_minutes && !b->activation_credit_minutes && !b->overage_minute_cents)
		snprintf(out->warning, sizeof(out->warning), "plan %s has no phone minutes", plan->name);
	r = booking_begin(db, b, tk, month, dry_run, !hotline, &bal);
	if (r < 0) {
		if (r == -2)
			snprintf(out->warning, sizeof(out->warning), "the ledger holds rows plan %s cannot hold", plan->name);
		return r;
	}
	if (hotline) {
		struct bill_hotline h;
		int64_t day_cents = INT64_MAX;
		const char *win;
		char t[240];

		if (bill_hotline_price(b, cal_zone(b->hotline_cal), b->hotline_holidays, at, seconds, &h) != BILL_OK) {
			bq_end(db, 0);
			snprintf(out->warning, sizeof(out->warning), "the hotline tariff cannot price this call");
			return -2;
		}
		for (size_t i = 0; i < b->nhotline; i++)
			if (b->hotline[i].first_cents < day_cents)
				day_cents = b->hotline[i].first_cents;
		win = !h.nseg                                ? "day"
		      : h.seg[0].holiday                     ? "holiday"
		      : h.seg[0].w->weekdays == 0x60u        ? "weekend"
		      : h.seg[0].w->first_cents == day_cents ? "day"
							     : "night";
		snprintf(out->text, sizeof(out->text), "hotline %" PRId64 " min, %" PRId64 " x 5 min: %s", h.minutes,
			 h.blocks, bill_hotline_text(&h, t, sizeof(t)));
		if (!dry_run)
			id = log_call_key(db, key, tk->id, at, seconds, "hotline", win, h.cents, b, NULL, 0);
	} else {
		struct bill_phone_split s;
		struct bill_move mv[3];
		size_t n;

		bill_phone_split(b, &bal, seconds, &s);
		bill_phone_text(&s, out->text, sizeof(out->text));
		n = bill_phone_moves(&s, month, mv);
		if (s.billed > 0 && !out->warning[0])
			snprintf(out->warning, sizeof(out->warning), "free minutes and credit used up: %" PRId64
				 " min billed", s.billed);
		if (!dry_run)
			id = log_call_key(db, key, tk->id, at, seconds, "phone", NULL, s.cents, b, mv, n);
	}
	return booking_end(db, id, dry_run, out);
}

int bq_book_time(struct db *db, const struct sla_plan *plan, const struct calendar *rush_cal,
		 const struct bq_ticket *tk, int month, sd_time at, sd_time requested, int64_t minutes,
		 const char *kind, const char *note, int dry_run, const char *key, struct bq_booked *out)
{
	const struct sla_budget *b = &plan->budget;
	struct bill_balance bal;
	struct bill_time t;
	char e1[40], e2[40];
	int64_t id = 0;
	int r;

	memset(out, 0, sizeof(*out));
	if (minutes <= 0) {
		snprintf(out->warning, sizeof(out->warning), "a time entry needs a duration above 0");
		return -2;
	}
	r = booking_begin(db, b, tk, month, dry_run, 0, &bal);
	if (r < 0)
		return r;
	if (strcmp(kind, "managed_service") == 0) {
		struct bill_rush ru;
		int rush;

		if (!rush_cal || !b->managed_hour_cents) {
			bq_end(db, 0);
			snprintf(out->warning, sizeof(out->warning), rush_cal ? "plan %s has no managed-service rate"
									     : "no calendar for the rush decision", plan->name);
			return -2;
		}
		if (bill_rush_decide(rush_cal, requested == BQ_TIME_NONE ? tk->received_at : requested, at, &ru) !=
		    BILL_OK) {
			bq_end(db, 0);
			snprintf(out->warning, sizeof(out->warning), "the work cannot be done before it was requested");
			return -2;
		}
		rush = ru.rush && b->rush_hour_cents > 0;
		bill_time_entry(b, minutes, rush ? b->rush_hour_cents : b->managed_hour_cents, &t);
		snprintf(out->text, sizeof(out->text), "%" PRId64 " min -> %" PRId64 " x %d min managed service at %s/h = %s; %s", minutes,
			 t.units, t.unit, bill_format_eur(t.hour_cents, e1, sizeof(e1)),
			 bill_format_eur(t.cents, e2, sizeof(e2)), ru.reason);
		if (!dry_run)
			id = log_time_key(db, key, tk->id, at, t.rounded, kind, rush, t.hour_cents, t.cents, note, b, NULL, 0);
	} else if (strcmp(kind, "technical") == 0 || strcmp(kind, "user_support") == 0) {
		int k = bill_points_kind(b, strcmp(kind, "technical") == 0 ? "technical" : "user");
		struct bill_points_use u;
		struct bill_move mv;

		if (k < 0) {
			bq_end(db, 0);
			snprintf(out->warning, sizeof(out->warning), "plan %s has no points account for %s", plan->name, kind);
			return -2;
		}
		bill_points_use(b, k, minutes, bal.points_left[k], &u);
		bill_time_entry(b, minutes, b->points[k].hour_cents, &t);
		snprintf(out->text, sizeof(out->text), "%" PRId64 " min -> %" PRId64 " points of %s, %" PRId64 " left",
			 minutes, u.points, b->points[k].name, u.after);
		if (u.warning)
			snprintf(out->warning, sizeof(out->warning), "%s points exhausted: balance %" PRId64 ", %" PRId64
				 " points over = %s", b->points[k].name, u.after, u.overage_points,
				 bill_format_eur(u.overage_cents, e1, sizeof(e1)));
		mv = (struct bill_move){BILL_MV_CONSUMPTION, BILL_POOL_POINTS, k, -u.points, 0, month};
		if (!dry_run)
			id = log_time_key(db, key, tk->id, at, t.rounded, kind, 0, b->points[k].hour_cents, u.overage_cents,
					  note, b, &mv, 1);
	} else if (strcmp(kind, "support") == 0) {
		bill_time_entry(b, minutes, 0, &t);
		snprintf(out->text, sizeof(out->text), "%" PRId64 " min -> %" PRId64 " x %d min included support", minutes,
			 t.units, t.unit);
		if (!dry_run)
			id = log_time_key(db, key, tk->id, at, t.rounded, kind, 0, 0, 0, note, b, NULL, 0);
	} else {
		bq_end(db, 0);
		snprintf(out->warning, sizeof(out->warning), "unknown kind '%s'", kind);
		return -2;
	}
	return booking_end(db, id, dry_run, out);
}

/* ---- bookings through the journal -------------------------------------- */

int bq_journal_call(struct journal *j, const char *key, int64_t ticket, sd_time at, int64_t seconds, int hotline,
		    char *err, size_t errlen)
{
	char tid[24], ts[24], secs[24];
	const char *params[4] = {tid, ts, secs, hotline ? "hotline" : "phone"};

	snprintf(tid, sizeof(tid), "%" PRId64, ticket);
	snprintf(ts, sizeof(ts), "%" PRId64, (int64_t)at);
	snprintf(secs, sizeof(secs), "%" PRId64, seconds);
	return journal_add(j, key, "book_call", 4, params, err, errlen);
}

int bq_journal_time(struct journal *j, const char *key, int64_t ticket, sd_time at, sd_time requested,
		    int64_t minutes, const char *kind, const char *note, const char *calendar, char *err,
		    size_t errlen)
{
	char tid[24], ts[24], req[24], mins[24];
	const char *params[7] = {tid, ts, requested == BQ_TIME_NONE ? NULL : req, mins, kind, note, calendar};

	snprintf(tid, sizeof(tid), "%" PRId64, ticket);
	snprintf(ts, sizeof(ts), "%" PRId64, (int64_t)at);
	snprintf(req, sizeof(req), "%" PRId64, (int64_t)requested);
	snprintf(mins, sizeof(mins), "%" PRId64, minutes);
	return journal_add(j, key, "book_time", 7, params, err, errlen);
}

/* A whole decimal number, or -1. */
static int num_param(const char *s, int64_t *v)
{
	char *end;

	if (!s || !*s)
		return -1;
	*v = strtoll(s, &end, 10);
	return *end ? -1 : 0;
}

int bq_journal_book(void *arg, struct db *db, const struct journal_entry *e, int64_t *id, char *msg, size_t msglen)
{
	struct bq_journal *bj = arg;
	const struct sla_catalogue *cat = bj->cat;
	int call = strcmp(e->action, "book_call") == 0;
	const struct sla_plan *plan;
	const struct cal_zone *zone;
	struct bq_ticket tk;
	int64_t ticket, at, amount, req = BQ_TIME_NONE;
	int r;

	memset(&bj->last, 0, sizeof(bj->last));
	if (e->nparams != (call ? 4u : 7u) || num_param(e->params[0], &ticket) < 0 || num_param(e->params[1], &at) < 0 ||
	    num_param(e->params[2 + !call], &amount) < 0 || !e->params[3 + !call] ||
	    (!call && e->params[2] && num_param(e->params[2], &req) < 0)) {
		snprintf(msg, msglen, "%s: the journal entry's parameters are not a booking", e->action);
		return -2;
	}
	if (bq_ticket(db, ticket, &tk) < 0) {
		if (db_last_error(db)->kind != DB_OK)
			return -1;
		snprintf(msg, msglen, "no ticket SD-%" PRId64, ticket);
		return -2;
	}
	plan = cat ? sla_plan_find(cat, tk.plan) : NULL;
	zone = cat ? bill_ledger_zone(cat) : NULL;
	if (!plan || !zone) {
		snprintf(msg, msglen, "plan %s of SD-%" PRId64 " is not in the plan catalogue", tk.plan, ticket);
		return -2;
	}
	if (call) {
		r = bq_book_call(db, plan, &tk, bill_month_at(zone, (sd_time)at), (sd_time)at, amount,
				 strcmp(e->params[3], "hotline") == 0, 0, e->key, &bj->last);
	} else {
		const char *kind = e->params[4], *calname = e->params[6] ? e->params[6] : "invitario";
		const struct calendar *sc = NULL;

		if (strcmp(kind, "managed_service") == 0 && !(sc = cal_set_calendar(cat->cals, calname))) {
			snprintf(msg, msglen, "no calendar '%s' for the rush decision", calname);
			return -2;
		}
		r = bq_book_time(db, plan, sc, &tk, bill_month_at(zone, (sd_time)at), (sd_time)at, (sd_time)req, amount,
				 kind, e->params[5], 0, e->key, &bj->last);
	}
	if (r == -2) {
		snprintf(msg, msglen, "%s", bj->last.warning);
		return -2;
	}
	if (r < 0)
		return -1;
	*id = bj->last.id;
	return 0;
}
