/* Business calendars and business-time arithmetic: the pure core of the SLA
 * engine. No I/O: time zones arrive as transition tables built by the loader
 * (src/conf/), holiday rules as data. Every function is deterministic.
 *
 * Instants are sd_time: seconds since the Unix epoch, UTC. Business durations
 * are whole minutes. Open intervals are half-open [from, to).
 *
 * Ownership: a struct cal_set owns its calendars, holiday sets and zones;
 * pointers returned by lookups stay valid until cal_set_free(). A finished
 * (cal_set_finish) set is read-only and safe to share between threads. */
#ifndef SDESK_ENGINE_CALENDAR_H
#define SDESK_ENGINE_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t sd_time;

/* Years the engine can compute in (inclusive). Outside: CAL_ERANGE. */
#define CAL_YEAR_MIN 1970
#define CAL_YEAR_MAX 2199

enum cal_status {
	CAL_OK = 0,
	CAL_ERANGE,    /* instant or result outside CAL_YEAR_MIN..CAL_YEAR_MAX */
	CAL_ENOOPEN,   /* the calendar has no open time at all (or none ahead) */
	CAL_EINVAL,    /* bad argument (negative duration, from > to where not allowed, ...) */
};
const char *cal_status_text(enum cal_status st);

/* ---- civil dates and time zones ---------------------------------------- */

struct civil_date {
	int year, month, day; /* month 1..12, day 1..31 */
};
/* Days since 1970-01-01 for a proleptic Gregorian date, and back. */
int64_t civil_to_days(int year, int month, int day);
struct civil_date days_to_civil(int64_t days);
/* 0 = Monday ... 6 = Sunday */
int civil_weekday(int64_t days);
/* Easter Sunday (Gregorian) of year. */
struct civil_date civil_easter(int year);

/* A time zone as a table of UTC offsets: offset[i] (seconds east of UTC)
 * holds from at[i] (inclusive) until at[i+1]; before at[0] offset[0] holds.
 * Built by the loader (from the system tz database); n >= 1. */
struct cal_zone {
	char *name;        /* IANA name, e.g. "Europe/Berlin" */
	size_t n;
	sd_time *at;
	int32_t *offset;
};
/* UTC offset in force at instant t. */
int32_t cal_zone_offset(const struct cal_zone *z, sd_time t);
/* The instant at which local wall-clock time (days since epoch, minute of day)
 * happens. In a gap (spring forward) the wall time is taken as if the earlier
 * offset still held (02:30 -> 03:30 CEST); in an overlap, the first occurrence. */
sd_time cal_zone_local_to_utc(const struct cal_zone *z, int64_t local_days, int minute_of_day);
/* Local date (days since epoch) and minute of day of instant t. */
void cal_zone_utc_to_local(const struct cal_zone *z, sd_time t, int64_t *local_days, int *minute_of_day);
/* Frees a zone whose struct, name, at and offset were malloc'ed. */
void cal_zone_free(struct cal_zone *z);

/* ---- the set of everything the plan file defines ------------------------ */

struct cal_set;
struct cal_holiday_set;
struct calendar;

struct cal_set *cal_set_new(void);
void cal_set_free(struct cal_set *set);
/* Hands z (malloc'ed like cal_zone_free expects) to the set, which frees it;
 * returns z. Look a zone up by IANA name, NULL when the set has none. */
const struct cal_zone *cal_set_adopt_zone(struct cal_set *set, struct cal_zone *z);
const struct cal_zone *cal_set_zone(const struct cal_set *set, const char *name);

/* Holidays of one day: name (shared, owned by the set): the German name
 * from the catalogue, name_en its English name or NULL (conf/calendars.h
 * holiday_title picks by language). */
struct cal_holiday {
	int64_t day;       /* days since epoch, local date */
	const char *name;
	const char *name_en;
};
/* Holiday rules, added by the loader. Each rule has a validity range of
 * years [from_year, to_year] (use CAL_YEAR_MIN/MAX for open ends). */
struct cal_holiday_set *cal_set_add_holidays(struct cal_set *set, const char *name);
struct cal_holiday_set *cal_set_holidays(const struct cal_set *set, const char *name);
void cal_holidays_include(struct cal_holiday_set *hs, const struct cal_holiday_set *other);
void cal_holidays_fixed(struct cal_holiday_set *hs, const char *name, int month, int day, int from_year, int to_year);
void cal_holidays_easter(struct cal_holiday_set *hs, const char *name, int offset_days, int from_year, int to_year);
/* The given weekday (0=Mon) strictly before month/day, e.g. Wednesday before 23 Nov. */
void cal_holidays_weekday_before(struct cal_holiday_set *hs, const char *name, int weekday, int month, int day, int from_year, int to_year);
void cal_holidays_once(struct cal_holiday_set *hs, const char *name, int year, int month, int day);
/* The English name (copied; NULL: none) of the rule added last. */
void cal_holidays_name_en(struct cal_holiday_set *hs, const char *name_en);
/* Holidays of the set in a year, sorted by day (two holidays on one day keep
 * their definition order; the same name on the same day, e.g. from an
 * included set, counts once); returns the count, fills up to max. Only on a
 * finished set (else 0). */
size_t cal_holidays_in_year(const struct cal_holiday_set *hs, int year, struct cal_holiday *out, size_t max);
/* Name of the (first) holiday on local day, or NULL. Only on a finished set. */
const char *cal_holidays_on(const struct cal_holiday_set *hs, int64_t day);
const char *cal_holidays_name(const struct cal_holiday_set *hs);
/* Iteration over the set's holiday sets and calendars in definition order,
 * i < count (for listing known names). */
size_t cal_set_nholidays(const struct cal_set *set);
const struct cal_holiday_set *cal_set_holidays_at(const struct cal_set *set, size_t i);
size_t cal_set_ncalendars(const struct cal_set *set);
const struct calendar *cal_set_calendar_at(const struct cal_set *set, size_t i);

/* Calendars: weekly hours in a zone, minus holidays and closed days, plus
 * extra open windows. Minutes of day are 0..1440 (1440 = midnight at the end). */
struct calendar *cal_set_add_calendar(struct cal_set *set, const char *name, const struct cal_zone *zone);
struct calendar *cal_set_calendar(const struct cal_set *set, const char *name);
const char *cal_name(const struct calendar *cal);
const struct cal_zone *cal_zone(const struct calendar *cal);
void cal_add_hours(struct calendar *cal, int weekday, int from_minute, int to_minute);
void cal_use_holidays(struct calendar *cal, const struct cal_holiday_set *hs);
/* Closed every year on month/day (24 and 31 December), or once on a local
 * day. The _named variants give the German and English names (copied;
 * name_en may be NULL) `calendar holidays` lists; the plain ones, and a NULL
 * name, use "geschlossen" / "closed". */
void cal_add_closed_yearly(struct calendar *cal, int month, int day);
void cal_add_closed_once(struct calendar *cal, int64_t day);
void cal_add_closed_yearly_named(struct calendar *cal, int month, int day, const char *name, const char *name_en);
void cal_add_closed_once_named(struct calendar *cal, int64_t day, const char *name, const char *name_en);
/* Extra open time [from, to) (booked standby, on-call), in UTC. */
void cal_add_open_window(struct calendar *cal, sd_time from, sd_time to);
/* A copy of cal's definition under a new name, for per-account variants with
 * own windows. May be called on a finished set; call cal_set_finish() again
 * afterwards (it computes only what is new). Adding to a set is not safe
 * while other threads read it. */
struct calendar *cal_set_derive(struct cal_set *set, const struct calendar *cal, const char *name);

/* Makes the set ready to compute: expands holiday rules over
 * CAL_YEAR_MIN..CAL_YEAR_MAX; each calendar's open intervals in UTC with
 * cumulative open time (so cal_add and cal_between are two binary searches)
 * are computed when the calendar is first used, not here (a catalogue has
 * dozens of calendars, a command or a database backend uses a few). That
 * first use writes the calendar: threads that share a set must not make it
 * at once. Returns CAL_OK, or CAL_EINVAL for a cycle of holiday includes.
 * Definitions must not change after a calendar was finished. */
enum cal_status cal_set_finish(struct cal_set *set);
/* Holidays and closed days of a calendar in a year, sorted by day (holidays
 * first on a shared day); like cal_holidays_in_year. */
size_t cal_closed_in_year(const struct calendar *cal, int year, struct cal_holiday *out, size_t max);

/* ---- business-time arithmetic (only on a finished set) ------------------ */

/* The instant that lies `minutes` (>= 0) of open time after start. minutes ==
 * 0 returns start itself if it is open time, else the next opening. With
 * minutes > 0 a result at the close of an interval is that close (17:00), not
 * the next opening. Exact inverse of cal_between. CAL_ENOOPEN when the
 * calendar has no open time (ahead), CAL_ERANGE past CAL_YEAR_MAX. */
enum cal_status cal_add(const struct calendar *cal, sd_time start, int64_t minutes, sd_time *out);
/* `n` (>= 0) working days after start (see doc/sla.md, "Working days"):
 * start moves to the next opening (cal_add(start, 0)); then the same local
 * time of day on the n-th following working day, clamped into that day's
 * weekly hours: before its opening -> the opening, after its close or in a
 * break -> the end of the last interval before. n == 0 -> the next opening. */
enum cal_status cal_add_days(const struct calendar *cal, sd_time start, int64_t n, sd_time *out);
/* Open time between from and to, in whole minutes (seconds / 60 rounded
 * toward zero); negative when to < from: between(a, b) == -between(b, a). */
enum cal_status cal_between(const struct calendar *cal, sd_time from, sd_time to, int64_t *minutes);
/* Is instant t open time? */
int cal_is_open(const struct calendar *cal, sd_time t);
/* Is the local day (days since epoch) a working day: one with any open time
 * from the weekly hours that is not a holiday or closed day? */
int cal_is_working_day(const struct calendar *cal, int64_t day);
/* The n-th working day after local day `day` (n >= 1), or `day` itself when
 * n == 0 and it is a working day (else the next one). */
enum cal_status cal_next_working_day(const struct calendar *cal, int64_t day, int n, int64_t *out);
/* Opening (first interval) and end of business (close of its last interval)
 * of a local working day, UTC; CAL_EINVAL when day is not a working day. */
enum cal_status cal_day_open(const struct calendar *cal, int64_t day, sd_time *out);
enum cal_status cal_day_close(const struct calendar *cal, int64_t day, sd_time *out);

/* A trace of how cal_add arrived at its result, for `--explain`. */
enum cal_step_kind {
	CAL_STEP_OPEN,       /* counted open interval [from, to), minutes */
	CAL_STEP_HOLIDAY,    /* skipped day: name */
	CAL_STEP_CLOSED,     /* skipped closed day */
	CAL_STEP_WEEKEND,    /* skipped day without weekly hours */
};
/* Skipped days are reported as [local midnight, next local midnight) in UTC,
 * minutes 0; open steps clipped to [start, result). */
struct cal_step {
	enum cal_step_kind kind;
	sd_time from, to;
	int64_t minutes;
	const char *name;    /* a holiday's German name, or NULL */
	const char *name_en; /* its English name, or NULL */
};
/* Like cal_add, but also calls step() for every interval counted and every
 * day skipped, in order. Slower; for explanations only. */
enum cal_status cal_add_explain(const struct calendar *cal, sd_time start, int64_t minutes, sd_time *out,
				void (*step)(const struct cal_step *s, void *arg), void *arg);

#endif
