/* sdesk.ticket_state(): THE state function (engine/clock.h,
 * sla_ticket_state) inside the database, so a SELECT judges a ticket as the
 * console, the board and `sdesk check` do. The view ticket_clock applies it
 * to every open ticket at sdesk_now(). doc/sla.md, "Ticket state". */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "engine/clock.h"
#include "engine/sla.h"
#include "pgext/pgext.h"

static sd_time opt_time(FunctionCallInfo fcinfo, int n)
{
	return PG_ARGISNULL(n) ? SLA_NO_TIME : pgext_to_sd(PG_GETARG_TIMESTAMPTZ(n));
}

PG_FUNCTION_INFO_V1(sdesk_ticket_state);
Datum sdesk_ticket_state(PG_FUNCTION_ARGS)
{
	const struct sla_catalogue *cat;
	const struct sla_plan *plan;
	const struct sla_category *k = NULL;
	struct sla_state_in in;
	struct sla_ticket_state st;
	TupleDesc desc;
	Datum v[8];
	bool nulls[8] = {false, false, false, false, false, false, false, false};
	char *name;
	sd_time at;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(7) || PG_ARGISNULL(10))
		ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("a ticket's state needs its received instant, plan and the instant to judge at")));
	cat = pgext_catalogue();
	name = text_to_cstring(PG_GETARG_TEXT_PP(7));
	plan = sla_plan_find(cat, name);
	if (!PG_ARGISNULL(8) && plan)
		k = sla_category_find(plan, text_to_cstring(PG_GETARG_TEXT_PP(8)));
	memset(&in, 0, sizeof(in));
	in.received = pgext_to_sd(PG_GETARG_TIMESTAMPTZ(0));
	in.due[SLA_K_REACTION] = opt_time(fcinfo, 1);
	in.due[SLA_K_RESOLUTION] = opt_time(fcinfo, 2);
	in.due[SLA_K_ESTIMATE] = opt_time(fcinfo, 3);
	in.first_contact = opt_time(fcinfo, 4);
	in.resolved = opt_time(fcinfo, 5);
	in.paused_since = opt_time(fcinfo, 6);
	in.pause_stops = plan ? plan->pause_stops : SLA_STOPS_REACTION | SLA_STOPS_RESOLUTION;
	/* The team's calendar, else the catalogue's (a name the catalogue does
	 * not know falls back, as in every client: sla_team_calendar). */
	in.team_cal = sla_team_calendar(cat, PG_ARGISNULL(9) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(9)));
	in.at_risk_minutes = sla_at_risk_minutes(cat, plan, k);
	at = pgext_to_sd(PG_GETARG_TIMESTAMPTZ(10));
	(void)sla_ticket_state(&in, at, &st);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "sdesk.ticket_state: return type must be a row type");
	desc = BlessTupleDesc(desc);
	v[0] = CStringGetTextDatum(sla_state_name(st.state));
	nulls[1] = st.relevant < 0;
	v[1] = nulls[1] ? (Datum)0 : CStringGetTextDatum(sla_kclock_name((enum sla_kclock)st.relevant));
	nulls[2] = st.due == SLA_NO_TIME;
	v[2] = nulls[2] ? (Datum)0 : TimestampTzGetDatum(pgext_from_sd(st.due));
	v[3] = Int64GetDatum(st.left);
	v[4] = Int64GetDatum(st.overdue_seconds);
	v[5] = CStringGetTextDatum(sla_state_name(st.k[SLA_K_REACTION].state));
	v[6] = CStringGetTextDatum(sla_state_name(st.k[SLA_K_RESOLUTION].state));
	v[7] = CStringGetTextDatum(sla_state_name(st.k[SLA_K_ESTIMATE].state));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, v, nulls)));
}
