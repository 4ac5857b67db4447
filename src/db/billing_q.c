/* Billing queries; see billing_q.h. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "db/billing_q.h"
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
	if (db_command(db, "SELECT id FROM contract WHERE id = $1 FOR UPDATE", 1, params) < 0) {
		db_command(db, "ROLLBACK", 0, NULL);
		return -1;
	}
	return 0;
}

int bq_end(struct db *db, int commit)
{
	return db_command(db, commit ? "COMMIT" : "ROLLBACK", 0, NULL);
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
		"SELECT l.kind, l.pool, l.unit, l.amount, l.money_cents,"
		" to_char(coalesce(l.period,"
		"  CASE WHEN l.kind = 'activation_credit' THEN a.activated_on END,"
		"  sdesk_local_date(coalesce(c.started_at, e.started_at, l.created_at))), 'YYYY-MM')"
		" FROM budget_ledger l LEFT JOIN call c ON c.id = l.source_call_id"
		" LEFT JOIN time_entry e ON e.id = l.source_time_entry_id JOIN account a ON a.id = l.account_id"
		" WHERE l.contract_id = $1 ORDER BY l.id";
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

int64_t bq_log_call(struct db *db, int64_t ticket, sd_time started, int64_t seconds, const char *kind,
		    const char *window, int64_t price_cents, const struct sla_budget *b, const struct bill_move *mv,
		    size_t n)
{
	char key[37], tid[24], at[40], secs[24], price[24];
	char *json = ledger_json(b, mv, n);
	const char *params[8] = {key, tid, at, secs, kind, window, price, json};
	int64_t id;

	if (db_new_key(key) < 0) {
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

int64_t bq_log_time(struct db *db, int64_t ticket, sd_time started, int64_t minutes, const char *kind, int rush,
		    int64_t rate_cents, int64_t amount_cents, const char *note, const struct sla_budget *b,
		    const struct bill_move *mv, size_t n)
{
	char key[37], tid[24], at[40], mins[24], rate[24], amount[24];
	char *json = ledger_json(b, mv, n);
	const char *params[10] = {key, tid, at, mins, kind, rush ? "true" : "false", rate, amount, note ? note : "",
				  json};
	int64_t id;

	if (db_new_key(key) < 0) {
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
