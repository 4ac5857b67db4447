/* Glue between PostgreSQL and the engine, shared by the extension's files.
 * Include after postgres.h. Every function here reports errors with
 * ereport(ERROR) and does not return then. */
#ifndef SDESK_PGEXT_PGEXT_H
#define SDESK_PGEXT_PGEXT_H

#include "engine/calendar.h"
#include "engine/sla.h"

/* timestamptz <-> engine instant (seconds since 1970, fractions dropped). */
sd_time pgext_to_sd(TimestampTz ts);
TimestampTz pgext_from_sd(sd_time t);

/* The database's plan catalogue, parsed and cached per backend (looked up
 * again at most once per statement). Owned by the cache: do not keep it
 * across statements. Errors when no catalogue was loaded. */
const struct sla_catalogue *pgext_catalogue(void);
/* Its plan_catalogue.id. */
int64 pgext_catalogue_id(void);
/* Calendar by name (a text argument), or an error naming it. */
const struct calendar *pgext_calendar(const struct sla_catalogue *cat, text *name);
/* Raises the error for a calendar status other than CAL_OK. */
pg_attribute_noreturn() void pgext_cal_error(enum cal_status st, const char *what);

#endif
