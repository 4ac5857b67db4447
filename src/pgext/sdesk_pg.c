/* The sdesk PostgreSQL extension: the SLA and billing engine (src/engine,
 * src/base, the catalogue loader of src/conf) inside the database, so that
 * the database computes every derived value with the same code the client
 * previews with. This file is the only glue: it converts between SQL values
 * and engine values and keeps the plan catalogue cached per backend.
 *
 * The catalogue is the one `sdesk plans load` stored (plan_catalogue.source
 * of the row catalogue_current points at). It is parsed once per backend and
 * looked up again at most once per statement (transaction + command id), so a
 * new catalogue is noticed by the next statement of any session, and a load
 * is seen by the statements after it in the same transaction.
 *
 * SQL API and contracts: src/pgext/sdesk.sql.in and doc/admin.md. */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "base/util.h"
#include "conf/plans.h"
#include "engine/billing.h"
#include "engine/calendar.h"
#include "engine/duration.h"
#include "engine/sla.h"
#include "engine/timefmt.h"
#include "pgext/pgext.h"
#include "sdesk-build.h"

PG_MODULE_MAGIC;

/* ---- instants ----------------------------------------------------------- */

/* PostgreSQL counts microseconds from 2000-01-01 UTC; the engine seconds from
 * 1970-01-01. Fractions of a second are dropped (floor). */
#define PG_EPOCH_SHIFT ((int64) 946684800)

sd_time pgext_to_sd(TimestampTz ts)
{
	int64 s = ts / USECS_PER_SEC;

	if (ts < 0 && ts % USECS_PER_SEC != 0)
		s--;
	return s + PG_EPOCH_SHIFT;
}

TimestampTz pgext_from_sd(sd_time t)
{
	return (TimestampTz)(t - PG_EPOCH_SHIFT) * USECS_PER_SEC;
}

/* ---- the catalogue, cached per backend ---------------------------------- */

static struct sla_catalogue cached;
static int have_cached;
static int64 cached_id = -1;
static LocalTransactionId checked_lxid = InvalidLocalTransactionId;
static CommandId checked_cid = InvalidCommandId;

static void engine_fatal(void)
{
	ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("sdesk engine: out of memory")));
}

void _PG_init(void);
void _PG_init(void)
{
	sdesk_set_fatal_hook(engine_fatal);
}

const struct sla_catalogue *pgext_catalogue(void)
{
	CommandId cid = GetCurrentCommandId(false);
	int64 id;
	char *source = NULL;
	bool isnull;
	int rc;

	if (have_cached && MyProc->lxid == checked_lxid && cid == checked_cid)
		return &cached;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "sdesk: SPI_connect failed");
	rc = SPI_execute("SELECT c.id, c.source FROM public.catalogue_current k "
			 "JOIN public.plan_catalogue c ON c.id = k.catalogue_id",
			 true, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "sdesk: reading the plan catalogue failed (%d)", rc);
	if (SPI_processed == 0)
		ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("no plan catalogue is loaded in this database"),
				errhint("An admin loads it with: sdesk plans load")));
	id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (!have_cached || id != cached_id) {
		Datum d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull);
		struct sla_catalogue fresh;
		char err[600], name[64];

		source = text_to_cstring(DatumGetTextPP(d));
		snprintf(name, sizeof(name), "catalogue %lld", (long long)id);
		if (conf_load_plans_string(source, name, &fresh, err, sizeof(err)) != 0)
			ereport(ERROR, (errcode(ERRCODE_DATA_EXCEPTION),
					errmsg("the stored plan catalogue cannot be loaded: %s", err)));
		if (have_cached)
			sla_catalogue_free(&cached);
		cached = fresh;
		have_cached = 1;
		cached_id = id;
	}
	SPI_finish();
	checked_lxid = MyProc->lxid;
	checked_cid = cid;
	return &cached;
}

int64 pgext_catalogue_id(void)
{
	pgext_catalogue();
	return cached_id;
}

const struct calendar *pgext_calendar(const struct sla_catalogue *cat, text *name)
{
	char *n = text_to_cstring(name);
	const struct calendar *cal = cal_set_calendar(cat->cals, n);

	if (!cal)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("unknown calendar \"%s\"", n),
				errhint("The calendars are those of the loaded plan catalogue (sdesk plans load).")));
	pfree(n);
	return cal;
}

void pgext_cal_error(enum cal_status st, const char *what)
{
	ereport(ERROR, (errcode(st == CAL_ERANGE ? ERRCODE_DATETIME_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("%s: %s", what, cal_status_text(st))));
}

/* ---- business time ------------------------------------------------------ */

/* A business duration from an interval: its days are working days, its time
 * whole minutes (as `sdesk sla add` reads 2d, 4h, 1d4h30m). Months, negative
 * parts and seconds are refused. */
static void interval_to_duration(const Interval *iv, struct sd_duration *d)
{
	if (iv->month != 0)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a business duration has no months: use days (working days), hours and minutes")));
	if (iv->day < 0 || iv->time < 0)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a business duration cannot be negative")));
	if (iv->time % USECS_PER_MINUTE != 0)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a business duration is counted in whole minutes")));
	d->days = iv->day;
	d->minutes = iv->time / USECS_PER_MINUTE;
}

PG_FUNCTION_INFO_V1(sdesk_business_add);
Datum sdesk_business_add(PG_FUNCTION_ARGS)
{
	const struct sla_catalogue *cat = pgext_catalogue();
	const struct calendar *cal = pgext_calendar(cat, PG_GETARG_TEXT_PP(0));
	sd_time start = pgext_to_sd(PG_GETARG_TIMESTAMPTZ(1));
	struct sd_duration d;
	sd_time out;
	enum cal_status st;

	interval_to_duration(PG_GETARG_INTERVAL_P(2), &d);
	if ((st = sd_add_duration(cal, start, &d, &out)) != CAL_OK)
		pgext_cal_error(st, "business_add");
	PG_RETURN_TIMESTAMPTZ(pgext_from_sd(out));
}

PG_FUNCTION_INFO_V1(sdesk_business_between);
Datum sdesk_business_between(PG_FUNCTION_ARGS)
{
	const struct sla_catalogue *cat = pgext_catalogue();
	const struct calendar *cal = pgext_calendar(cat, PG_GETARG_TEXT_PP(0));
	int64_t m;
	enum cal_status st;

	st = cal_between(cal, pgext_to_sd(PG_GETARG_TIMESTAMPTZ(1)), pgext_to_sd(PG_GETARG_TIMESTAMPTZ(2)), &m);
	if (st != CAL_OK)
		pgext_cal_error(st, "business_between");
	PG_RETURN_INT64(m);
}

/* Holidays and closed days of a calendar, or the days of a holiday set, in a
 * year: the lines of `sdesk calendar holidays CAL YEAR`. */
PG_FUNCTION_INFO_V1(sdesk_holidays);
Datum sdesk_holidays(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
	const struct sla_catalogue *cat = pgext_catalogue();
	char *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	int32 year = PG_GETARG_INT32(1);
	const struct calendar *cal = cal_set_calendar(cat->cals, name);
	const struct cal_holiday_set *hs = cal ? NULL : cal_set_holidays(cat->cals, name);
	struct cal_holiday days[128];
	size_t n;

	if (year < CAL_YEAR_MIN || year > CAL_YEAR_MAX)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("year %d is outside %d..%d", year, CAL_YEAR_MIN, CAL_YEAR_MAX)));
	if (!cal && !hs)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("unknown calendar or holiday set \"%s\"", name)));
	n = cal ? cal_closed_in_year(cal, year, days, lengthof(days)) : cal_holidays_in_year(hs, year, days, lengthof(days));
	if (n > lengthof(days))
		n = lengthof(days);
	InitMaterializedSRF(fcinfo, 0);
	for (size_t i = 0; i < n; i++) {
		Datum v[2];
		bool nulls[2] = {false, false};

		/* DateADT counts days from 2000-01-01, the engine from 1970-01-01. */
		v[0] = DateADTGetDatum((DateADT)(days[i].day - 10957));
		v[1] = CStringGetTextDatum(days[i].name);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, nulls);
	}
	return (Datum)0;
}

PG_FUNCTION_INFO_V1(sdesk_build);
Datum sdesk_build(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(SDESK_BUILD_ID));
}

PG_FUNCTION_INFO_V1(sdesk_catalogue);
Datum sdesk_catalogue(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(pgext_catalogue_id());
}

/* Every calendar of the catalogue in force, with its time zone. */
PG_FUNCTION_INFO_V1(sdesk_calendars);
Datum sdesk_calendars(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
	const struct sla_catalogue *cat = pgext_catalogue();
	size_t n = cal_set_ncalendars(cat->cals);

	InitMaterializedSRF(fcinfo, 0);
	for (size_t i = 0; i < n; i++) {
		const struct calendar *cal = cal_set_calendar_at(cat->cals, i);
		Datum v[2];
		bool nulls[2] = {false, false};

		v[0] = CStringGetTextDatum(cal_name(cal));
		v[1] = CStringGetTextDatum(cal_zone(cal)->name);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, nulls);
	}
	return (Datum)0;
}
