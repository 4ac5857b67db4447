/* Plan facts the write functions need, from the catalogue in force: the
 * budget a plan grants (sdesk.plan_budget), the price of a points package
 * (sdesk.package_price) and of a standby window with its lead time
 * (sdesk.standby_price). Computed by the engine, never sent by a client. */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "engine/billing.h"
#include "engine/sla.h"
#include "pgext/pgext.h"

static const struct sla_plan *plan_arg(FunctionCallInfo fcinfo, int n)
{
	const struct sla_catalogue *cat = pgext_catalogue();
	char *name;
	const struct sla_plan *p;

	if (PG_ARGISNULL(n))
		ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("a plan is needed")));
	name = text_to_cstring(PG_GETARG_TEXT_PP(n));
	p = sla_plan_find(cat, name);
	if (!p)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("plan %s is not in the plan catalogue in force", name)));
	return p;
}

PG_FUNCTION_INFO_V1(sdesk_plan_budget);
Datum sdesk_plan_budget(PG_FUNCTION_ARGS)
{
	const struct sla_plan *p = plan_arg(fcinfo, 0);
	const struct sla_budget *b = &p->budget;
	StringInfoData s;

	initStringInfo(&s);
	appendStringInfo(&s,
			 "{\"monthly_fee_cents\":%lld,\"monthly_free_minutes\":%d,\"activation_credit_minutes\":%d,"
			 "\"overage_minute_cents\":%lld,\"rollover\":%s,\"managed_hour_cents\":%lld,"
			 "\"rush_hour_cents\":%lld,\"billing_unit_minutes\":%d,\"standby_hour_cents\":%lld,"
			 "\"standby_lead_days\":%d,\"vat_bp\":%d,\"hotline\":%s,\"points\":[",
			 (long long)b->monthly_fee_cents, b->monthly_free_minutes, b->activation_credit_minutes,
			 (long long)b->overage_minute_cents, b->rollover ? "true" : "false",
			 (long long)b->managed_hour_cents, (long long)b->rush_hour_cents, b->billing_unit_minutes,
			 (long long)b->standby_hour_cents, b->standby_lead_days, p->vat_bp,
			 b->nhotline ? "true" : "false");
	for (size_t i = 0; i < b->npoints; i++) {
		appendStringInfoString(&s, i ? ",{\"kind\":" : "{\"kind\":");
		escape_json(&s, b->points[i].name);
		appendStringInfo(&s, ",\"minutes_per_point\":%d,\"min_points\":%d,\"hour_cents\":%lld}",
				 b->points[i].minutes_per_point, b->points[i].min_points,
				 (long long)b->points[i].hour_cents);
	}
	appendStringInfoString(&s, "]}");
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(s.data)));
}

/* The price of `points` points of kind `pool` on the plan; errors below the
 * kind's minimum package (004: 40 technical, 20 user support). */
PG_FUNCTION_INFO_V1(sdesk_package_price);
Datum sdesk_package_price(PG_FUNCTION_ARGS)
{
	const struct sla_plan *p = plan_arg(fcinfo, 0);
	char *pool;
	int64 points;
	int k;
	struct bill_move mv;
	enum bill_status st;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("a package needs its kind and points")));
	pool = text_to_cstring(PG_GETARG_TEXT_PP(1));
	points = PG_GETARG_INT64(2);
	k = bill_points_kind(&p->budget, pool);
	if (k < 0)
		ereport(ERROR, (errcode(ERRCODE_CHECK_VIOLATION),
				errmsg("plan %s has no points account %s", p->name, pool)));
	if (points <= 0 || points > 100000)
		ereport(ERROR, (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("a points package holds 1 to 100000 points, not %lld", (long long)points)));
	st = bill_points_package(&p->budget, k, points, 0, &mv);
	if (st == BILL_EMINIMUM)
		ereport(ERROR, (errcode(ERRCODE_CHECK_VIOLATION),
				errmsg("a package of %s points holds at least %d points, not %lld", pool,
				       p->budget.points[k].min_points, (long long)points)));
	if (st != BILL_OK)
		ereport(ERROR, (errcode(ERRCODE_CHECK_VIOLATION), errmsg("%s", bill_status_text(st))));
	PG_RETURN_INT64(mv.cents);
}

/* A standby window [starts, ends) booked at `now` on the plan: {"hours",
 * "rate_cents", "cents", "earliest", "early"}. */
PG_FUNCTION_INFO_V1(sdesk_standby_price);
Datum sdesk_standby_price(PG_FUNCTION_ARGS)
{
	const struct sla_plan *p = plan_arg(fcinfo, 0);
	struct bill_standby sb;
	enum bill_status st;
	StringInfoData s;
	sd_time start, end, now;
	int64 rate;

	for (int i = 1; i <= 3; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("a standby window needs its start, end and the booking instant")));
	start = pgext_to_sd(PG_GETARG_TIMESTAMPTZ(1));
	end = pgext_to_sd(PG_GETARG_TIMESTAMPTZ(2));
	now = pgext_to_sd(PG_GETARG_TIMESTAMPTZ(3));
	rate = PG_ARGISNULL(4) ? p->budget.standby_hour_cents : PG_GETARG_INT64(4);
	if (rate <= 0 || rate > 1000000)
		ereport(ERROR, (errcode(ERRCODE_CHECK_VIOLATION),
				errmsg("no standby rate is agreed for plan %s: an admin sets standby_hour_cents on the contract"
				       " (sdesk.cfg overrides, doc/billing.md, \"Standby\")", p->name)));
	st = bill_standby_price(&p->budget, now, start, end, rate, &sb);
	if (st == BILL_EINVAL)
		ereport(ERROR, (errcode(ERRCODE_CHECK_VIOLATION),
				errmsg("a standby window ends after it starts and lasts at most 24 hours")));
	if (st != BILL_OK)
		ereport(ERROR, (errcode(ERRCODE_CHECK_VIOLATION),
				errmsg("plan %s: the standby calendar cannot answer", p->name)));
	initStringInfo(&s);
	appendStringInfo(&s, "{\"hours\":%lld,\"rate_cents\":%lld,\"cents\":%lld,\"early\":%s,\"earliest\":",
			 (long long)sb.hours, (long long)sb.hour_cents, (long long)sb.cents, sb.early ? "true" : "false");
	escape_json(&s, timestamptz_to_str(pgext_from_sd(sb.earliest)));
	appendStringInfoChar(&s, '}');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(s.data)));
}

/* VAT on an invoice: the net lines summed, the plan's rate applied once to
 * the total, half-up to the cent (bill_vat_total): {"net", "vat_bp", "vat",
 * "gross"}. */
PG_FUNCTION_INFO_V1(sdesk_vat_total);
Datum sdesk_vat_total(PG_FUNCTION_ARGS)
{
	const struct sla_plan *p = plan_arg(fcinfo, 0);
	ArrayType *a;
	Datum *d;
	bool *nulls;
	int n;
	int64 *nets;
	struct bill_vat v;
	StringInfoData s;

	if (PG_ARGISNULL(1))
		ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("VAT needs the net lines")));
	a = PG_GETARG_ARRAYTYPE_P(1);
	deconstruct_array(a, INT8OID, sizeof(int64), true, TYPALIGN_DOUBLE, &d, &nulls, &n);
	nets = palloc0(sizeof(*nets) * ((size_t)n + 1));
	for (int i = 0; i < n; i++) {
		if (nulls[i])
			ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("a net line without an amount")));
		nets[i] = DatumGetInt64(d[i]);
		if (nets[i] > 100000000000LL || nets[i] < -100000000000LL)
			ereport(ERROR, (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE), errmsg("a net line beyond EUR 1 bn")));
	}
	if (bill_vat_total(nets, (size_t)n, p->vat_bp, &v) != BILL_OK)
		ereport(ERROR, (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE), errmsg("the invoice total is out of range")));
	initStringInfo(&s);
	appendStringInfo(&s, "{\"net\":%lld,\"vat_bp\":%d,\"vat\":%lld,\"gross\":%lld}", (long long)v.net, v.vat_bp,
			 (long long)v.vat, (long long)v.gross);
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(s.data)));
}
