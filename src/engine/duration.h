/* Durations as agents type them: "25m", "1:10", "1.5h", "90", "2h 5m".
 * Pure C, no I/O. See doc/billing.md, "Typed durations".
 *
 * Accepted forms (case-insensitive, surrounding blanks ignored):
 *   N            bare number = minutes ("90", "1.5" = 1 min 30 s)
 *   N<unit> ...  one or more parts with units h, m/min, s/sec, largest first,
 *                each unit at most once, blanks optional: "2h 5m", "2h5m", "1h 30s"
 *   H:MM[:SS]    hours and minutes (and seconds); MM and SS below 60
 * Numbers may carry a decimal fraction with '.' or ',' ("1,5h"); up to 6
 * decimals. A fraction of a second is rounded up to the whole second.
 * Days are refused on purpose: in billing a "day" is ambiguous. */
#ifndef SDESK_ENGINE_DURATION_H
#define SDESK_ENGINE_DURATION_H

#include <stddef.h>
#include <stdint.h>

/* The longest duration accepted: 10000 hours (a typo guard, not a rule). */
#define DUR_MAX_SECONDS (10000LL * 3600)

enum dur_status {
	DUR_OK = 0,
	DUR_EEMPTY,   /* nothing typed */
	DUR_ESYNTAX,  /* not a number where one is needed, stray characters */
	DUR_EUNIT,    /* unknown unit (also "d") */
	DUR_EORDER,   /* unit repeated or not largest first ("5m 2h") */
	DUR_EFIELD,   /* H:MM with MM or SS >= 60 */
	DUR_ERANGE,   /* longer than DUR_MAX_SECONDS, or too many decimals */
};
/* Static English text for a status ("unknown unit"). */
const char *dur_status_text(enum dur_status st);

/* Parses s into whole seconds (>= 0). On error returns the status, leaves
 * *seconds untouched and, when where is not NULL, points *where at the
 * offending character of s (for "at column N" messages). */
enum dur_status dur_parse(const char *s, int64_t *seconds, size_t *where);

/* Started minutes of a number of seconds: 0 -> 0, 1..60 -> 1, 61 -> 2. */
int64_t dur_started_minutes(int64_t seconds);

/* "0m", "45m", "1h", "1h 10m" for minutes >= 0. Writes at most len bytes
 * (NUL included); returns buf. */
char *dur_format_minutes(int64_t minutes, char *buf, size_t len);

#endif
