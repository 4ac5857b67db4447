/* sdesk.dues(): a ticket's due instants decided inside the database by the
 * engine (sla_ticket_dues), from the facts: plan, category, channel, the
 * received instant, the closed pauses and the contract's own targets. The
 * write functions (create_ticket, first_contact, resume_ticket,
 * reopen_ticket, recompute_dues) store what it says; nobody sends a due
 * instant (doc/security.md, "What the database decides"). */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "engine/calendar.h"
#include "engine/sla.h"
#include "pgext/pgext.h"

#define DUES_MAX_PAUSES 256
#define DUES_MAX_OVERRIDES 32

/* The instants of a timestamptz[] argument (NULLs refused); returns n. */
static int instants(ArrayType *a, sd_time *out, int max, const char *what)
{
	Datum *d;
	bool *nulls;
	int n;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("%s: a one-dimensional array", what)));
	deconstruct_array(a, TIMESTAMPTZOID, sizeof(TimestampTz), true, TYPALIGN_DOUBLE, &d, &nulls, &n);
	if (n > max)
		ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED), errmsg("%s: more than %d pauses", what, max)));
	for (int i = 0; i < n; i++) {
		if (nulls[i])
			ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("%s: a pause without its instant", what)));
		out[i] = pgext_to_sd(DatumGetTimestampTz(d[i]));
	}
	return n;
}

PG_FUNCTION_INFO_V1(sdesk_dues);
Datum sdesk_dues(PG_FUNCTION_ARGS)
{
	const struct sla_catalogue *cat;
	const struct sla_plan *plan;
	const struct sla_category *k = NULL;
	struct sla_pause pauses[DUES_MAX_PAUSES];
	sd_time from[DUES_MAX_PAUSES], to[DUES_MAX_PAUSES];
	struct sla_override ov[DUES_MAX_OVERRIDES];
	char *plan_name, *cat_name, *channel, *ovtext;
	struct sla_window windows[DUES_MAX_PAUSES];
	sd_time wfrom[DUES_MAX_PAUSES], wto[DUES_MAX_PAUSES];
	int ch, nov = 0, np = 0, nw = 0;
	sd_time received, rea, res;
	enum cal_status cs;
	TupleDesc desc;
	Datum v[2];
	bool nulls[2];

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("due instants need the plan, the channel and the received instant")));
	cat = pgext_catalogue();
	plan_name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	cat_name = PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1));
	channel = text_to_cstring(PG_GETARG_TEXT_PP(2));
	received = pgext_to_sd(PG_GETARG_TIMESTAMPTZ(3));
	plan = sla_plan_find(cat, plan_name);
	if (!plan)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("plan %s is not in the plan catalogue in force", plan_name)));
	if (cat_name && !(k = sla_category_find(plan, cat_name))) {
		StringInfoData known;

		initStringInfo(&known);
		for (size_t i = 0; i < plan->ncats; i++)
			appendStringInfo(&known, "%s%s", i ? ", " : "", plan->cats[i].name);
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("plan %s has no category %s (known: %s)", plan_name, cat_name, known.data)));
	}
	ch = sla_channel_by_name(channel);
	if (ch < 0)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("unknown channel %s", channel)));
	if (!PG_ARGISNULL(4) && !PG_ARGISNULL(5)) {
		np = instants(PG_GETARG_ARRAYTYPE_P(4), from, DUES_MAX_PAUSES, "pause starts");
		if (instants(PG_GETARG_ARRAYTYPE_P(5), to, DUES_MAX_PAUSES, "pause ends") != np)
			ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("as many pause ends as pause starts are needed")));
		for (int i = 0; i < np; i++) {
			if (to[i] < from[i] || (i && from[i] < to[i - 1]))
				ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("pauses must be ordered, closed and must not overlap")));
			pauses[i].from = from[i];
			pauses[i].to = to[i];
		}
	}
	ovtext = PG_ARGISNULL(6) ? pstrdup("") : text_to_cstring(PG_GETARG_TEXT_PP(6));
	if (PG_NARGS() > 8 && !PG_ARGISNULL(7) && !PG_ARGISNULL(8)) {
		nw = instants(PG_GETARG_ARRAYTYPE_P(7), wfrom, DUES_MAX_PAUSES, "open window starts");
		if (instants(PG_GETARG_ARRAYTYPE_P(8), wto, DUES_MAX_PAUSES, "open window ends") != nw)
			ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("as many window ends as window starts are needed")));
		for (int i = 0; i < nw; i++) {
			if (wto[i] <= wfrom[i] || (i && wfrom[i] < wfrom[i - 1]))
				ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("open windows must be ordered and end after they start")));
			windows[i].from = wfrom[i];
			windows[i].to = wto[i];
		}
	}
	nov = sla_overrides_parse(ovtext, ov, DUES_MAX_OVERRIDES);
	if (nov < 0)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("the contract's own targets cannot be read (CATEGORY:CLOCK:UNIT:AMOUNT)")));
	/* Extra open windows (booked standby, on-call: every wall minute counts)
	 * are the engine's sla_ticket_dues_open, which knows no pauses. */
	if (nw > 0)
		cs = sla_ticket_dues_open(plan, k, (enum sla_channel)ch, received, ov, (size_t)nov, windows, (size_t)nw,
					  &rea, &res);
	else
		cs = sla_ticket_dues(plan, k, (enum sla_channel)ch, received, pauses, (size_t)np, ov, (size_t)nov, &rea,
				     &res);
	if (cs != CAL_OK)
		pgext_cal_error(cs, "due instants");
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "sdesk.dues: return type must be a row type");
	desc = BlessTupleDesc(desc);
	nulls[0] = rea == SLA_NO_TIME;
	nulls[1] = res == SLA_NO_TIME;
	v[0] = nulls[0] ? (Datum)0 : TimestampTzGetDatum(pgext_from_sd(rea));
	v[1] = nulls[1] ? (Datum)0 : TimestampTzGetDatum(pgext_from_sd(res));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, v, nulls)));
}
