/* sdesk.book(): one booking decided inside the database (engine/booking.h)
 * from the facts and the ledger as it stands. Read-only: it returns what the
 * write functions book_call / book_time store (and what a preview shows),
 * as jsonb:
 *   {"stored", "price_cents", "rate_cents", "rush", "window", "text",
 *    "warning", "allowance", "period", "activation",
 *    "moves": [{"kind", "pool", "unit", "amount", "money_cents"}, ...]}
 * Errors (no such ticket, outside the contract, a plan that cannot price
 * it, out of bounds) are raised with a message for the person who booked. */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "engine/billing.h"
#include "engine/booking.h"
#include "engine/calendar.h"
#include "engine/sla.h"
#include "pgext/pgext.h"

/* The two statements' plans, prepared once per backend (SPI_keepplan):
 * planning them was most of a booking's time. PostgreSQL re-plans a kept
 * plan by itself when a table it reads changes. */
static SPIPlanPtr plan_ticket, plan_ledger;

static SPIPlanPtr kept_plan(SPIPlanPtr *p, const char *sql, int n, Oid *types)
{
	if (!*p) {
		SPIPlanPtr fresh = SPI_prepare(sql, n, types);

		if (!fresh || SPI_keepplan(fresh) != 0)
			elog(ERROR, "sdesk: preparing a booking statement failed: %s", SPI_result_code_string(SPI_result));
		*p = fresh;
	}
	return *p;
}

static const char *col(int row, int c)
{
	return SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, c);
}

static void json_str(StringInfo s, const char *key, const char *v, bool comma)
{
	if (comma)
		appendStringInfoChar(s, ',');
	escape_json(s, key);
	appendStringInfoChar(s, ':');
	escape_json(s, v);
}

static const char *pool_name(const struct sla_budget *b, const struct bill_move *m)
{
	switch (m->pool) {
	case BILL_POOL_CREDIT: return BOOK_POOL_CREDIT;
	case BILL_POOL_POINTS: return b->points[m->points_kind].name;
	default: return BOOK_POOL_FREE;
	}
}

PG_FUNCTION_INFO_V1(sdesk_book);
Datum sdesk_book(PG_FUNCTION_ARGS)
{
	const struct sla_catalogue *cat;
	int64 ticket;
	char *what, *kind;
	TimestampTz at_ts;
	int64 amount;
	bool rush_ordered;
	const struct cal_zone *zone;
	struct book_in in;
	struct book_out out;
	struct bill_move *moves;
	Oid t1[3] = {INT8OID, TIMESTAMPTZOID, TEXTOID};
	Datum v1[3];
	int64 contract, account;
	StringInfoData s;
	enum bill_status st;
	char plan_code[80], err[300] = "";

	for (int i = 0; i < 4; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("a booking needs its ticket, kind of booking, instant and duration")));
	cat = pgext_catalogue();
	ticket = PG_GETARG_INT64(0);
	what = text_to_cstring(PG_GETARG_TEXT_PP(1));
	at_ts = PG_GETARG_TIMESTAMPTZ(2);
	amount = PG_GETARG_INT64(3);
	kind = PG_ARGISNULL(4) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(4));
	rush_ordered = !PG_ARGISNULL(5) && PG_GETARG_BOOL(5);
	zone = bill_ledger_zone(cat);
	memset(&in, 0, sizeof(in));
	if (strcmp(what, "call") == 0)
		in.what = BOOK_CALL;
	else if (strcmp(what, "hotline") == 0)
		in.what = BOOK_HOTLINE;
	else if (strcmp(what, "time") == 0)
		in.what = BOOK_TIME;
	else
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a booking is a call, a hotline call or time, not \"%s\"", what)));
	if (!zone)
		ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("the plan catalogue has no calendar, so no ledger time zone")));
	in.at = pgext_to_sd(at_ts);
	in.amount = amount;
	in.kind = kind;
	in.rush_ordered = rush_ordered;
	in.requested = PG_ARGISNULL(6) ? SLA_NO_TIME : pgext_to_sd(PG_GETARG_TIMESTAMPTZ(6));
	in.month = bill_month_at(zone, in.at);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "sdesk: SPI_connect failed");
	v1[0] = Int64GetDatum(ticket);
	v1[1] = TimestampTzGetDatum(at_ts);
	v1[2] = CStringGetTextDatum(zone->name);
	if (SPI_execute_plan(kept_plan(&plan_ticket,
		    "SELECT t.contract_id, t.account_id, c.plan_code,"
		    " (a.activated_on IS NOT NULL AND a.activated_on <= ($2 AT TIME ZONE $3)::date)::int,"
		    " extract(epoch FROM t.received_at)::bigint,"
		    " (($2 AT TIME ZONE $3)::date BETWEEN c.valid_from AND coalesce(c.valid_to, 'infinity'))::int,"
		    " c.valid_from, coalesce(c.valid_to::text, 'open end'), ($2 AT TIME ZONE $3)::date,"
		    " EXISTS (SELECT 1 FROM public.budget_ledger x WHERE x.account_id = t.account_id"
		    "   AND x.kind = 'activation_credit')::int"
		    " FROM public.ticket t JOIN public.contract c ON c.id = t.contract_id"
		    " JOIN public.account a ON a.id = t.account_id WHERE t.id = $1",
		    3, t1), v1, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "sdesk: reading the ticket failed");
	if (SPI_processed != 1)
		ereport(ERROR, (errcode(ERRCODE_NO_DATA_FOUND), errmsg("no ticket SD-%lld", (long long)ticket)));
	contract = strtoll(col(0, 1), NULL, 10);
	account = strtoll(col(0, 2), NULL, 10);
	snprintf(plan_code, sizeof(plan_code), "%s", col(0, 3));
	in.credit_owed = atoi(col(0, 4));
	in.received = strtoll(col(0, 5), NULL, 10);
	if (!atoi(col(0, 6)))
		snprintf(err, sizeof(err), "SD-%lld's contract runs from %s to %s; %s is outside it",
			 (long long)ticket, col(0, 7), col(0, 8), col(0, 9));
	in.credit_written = atoi(col(0, 10));
	if (err[0])
		ereport(ERROR, (errcode(ERRCODE_CHECK_VIOLATION), errmsg("%s", err)));
	in.plan = sla_plan_find(cat, plan_code);
	if (!in.plan)
		ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("plan %s is not in the plan catalogue in force", plan_code)));

	{
		/* The contract's months (ledger_month, migration 0025, kept in the
		 * Europe/Berlin months) and the account's activation credit with
		 * its draws; for a catalogue with another ledger zone, every row of
		 * the ledger (the same sums, read the slow way). */
#define LEDGER_ROWS \
			"SELECT l.kind, l.pool, l.unit, l.amount, l.money_cents, to_char(coalesce(l.period," \
			"  CASE WHEN l.kind = 'activation_credit' THEN a.activated_on END, l.effective_on," \
			"  (coalesce(c.started_at, e.started_at, l.created_at) AT TIME ZONE $2)::date), 'YYYY-MM')" \
			" FROM public.budget_ledger l LEFT JOIN public.call c ON c.id = l.source_call_id" \
			" LEFT JOIN public.time_entry e ON e.id = l.source_time_entry_id" \
			" JOIN public.account a ON a.id = l.account_id"
		Oid t2[3] = {INT8OID, TEXTOID, INT8OID};
		Datum v2[3] = {Int64GetDatum(contract), CStringGetTextDatum(zone->name), Int64GetDatum(account)};
		static SPIPlanPtr plan_ledger_raw;
		SPIPlanPtr p;

		if (strcmp(zone->name, "Europe/Berlin") == 0)
			p = kept_plan(&plan_ledger,
				      "SELECT m.kind, m.pool, m.unit, m.amount, m.money_cents, to_char(m.month, 'YYYY-MM')"
				      " FROM public.ledger_month m WHERE m.contract_id = $1"
				      " UNION ALL "
				      LEDGER_ROWS " WHERE l.account_id = $3 AND l.pool = 'activation' AND l.unit = 'minutes'",
				      3, t2);
		else
			p = kept_plan(&plan_ledger_raw,
				      LEDGER_ROWS " WHERE l.contract_id = $1 OR (l.account_id = $3 AND l.pool = 'activation'"
				      " AND l.unit = 'minutes') ORDER BY l.id",
				      3, t2);
		if (SPI_execute_plan(p, v2, NULL, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "sdesk: reading the ledger failed");
#undef LEDGER_ROWS
	}
	moves = palloc0(sizeof(*moves) * (SPI_processed + 1));
	for (uint64 r = 0; r < SPI_processed; r++) {
		int month;

		if (bill_month_parse(col((int)r, 6), &month) != 0
		    || bill_move_from_row(&in.plan->budget, col((int)r, 1), col((int)r, 2), col((int)r, 3),
					  strtoll(col((int)r, 4), NULL, 10), strtoll(col((int)r, 5), NULL, 10), month,
					  &moves[r]) != 0)
			ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED),
					errmsg("the ledger of contract %lld holds a row plan %s cannot hold (%s %s %s)",
					       (long long)contract, plan_code, col((int)r, 1), col((int)r, 2), col((int)r, 3))));
	}
	in.moves = moves;
	in.nmoves = SPI_processed;
	st = book_decide(&in, &out);
	SPI_finish();
	if (st != BILL_OK)
		ereport(ERROR, (errcode(ERRCODE_CHECK_VIOLATION),
				errmsg("%s", out.error)));

	initStringInfo(&s);
	appendStringInfo(&s, "{\"contract\":%lld,\"plan\":", (long long)contract);
	escape_json(&s, plan_code);
	appendStringInfo(&s, ",\"stored\":%lld,\"price_cents\":%lld,\"rate_cents\":%lld,\"rush\":%s",
			 (long long)out.stored, (long long)out.price_cents, (long long)out.rate_cents,
			 out.rush ? "true" : "false");
	appendStringInfoString(&s, ",\"window\":");
	if (out.window[0])
		escape_json(&s, out.window);
	else
		appendStringInfoString(&s, "null");
	json_str(&s, "text", out.text, true);
	json_str(&s, "warning", out.warning, true);
	appendStringInfo(&s, ",\"allowance\":%lld,\"activation\":%lld", (long long)out.allowance,
			 (long long)out.activation);
	{
		int y, m;
		char period[16];

		bill_month_split(in.month, &y, &m);
		snprintf(period, sizeof(period), "%04d-%02d-01", y, m);
		json_str(&s, "period", period, true);
	}
	appendStringInfoString(&s, ",\"moves\":[");
	for (size_t i = 0; i < out.nmoves; i++) {
		const struct bill_move *mv = &out.moves[i];

		appendStringInfo(&s, "%s{", i ? "," : "");
		json_str(&s, "kind", bill_move_kind_name(mv->kind), false);
		json_str(&s, "pool", pool_name(&in.plan->budget, mv), true);
		json_str(&s, "unit", mv->pool == BILL_POOL_POINTS ? "points" : "minutes", true);
		appendStringInfo(&s, ",\"amount\":%lld,\"money_cents\":%lld}", (long long)mv->amount, (long long)mv->cents);
	}
	appendStringInfoString(&s, "]}");
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(s.data)));
}
