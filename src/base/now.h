/* "Now": the one seam through which every wall-clock instant of sdesk passes.
 *
 * sd_now() is the current instant in seconds since the Unix epoch (UTC). When
 * the environment variable SDESK_NOW holds an ISO 8601 instant with an offset
 * (2026-11-30T17:55:00+01:00, or ...Z), sd_now() returns that instant, frozen,
 * for the whole process: tests pin the hour at which a command or the console
 * runs. Monotonic timers that measure durations and time-outs do not go
 * through here. The database layer passes the pinned instant on as the
 * session setting sdesk.now (SQL: sdesk_now(); doc/hacking.md, "Pinned now").
 *
 * No allocation; not thread-safe on the first call (main() calls
 * sd_now_init() before anything else). */
#ifndef SDESK_BASE_NOW_H
#define SDESK_BASE_NOW_H

#include <stddef.h>
#include <stdint.h>

/* Reads SDESK_NOW once. Returns 0 (unset, empty or valid), or -1 with a
 * message naming the variable and the fault in err. Later calls return the
 * first result. */
int sd_now_init(char *err, size_t errlen);

/* The instant now: the pinned one, else time(NULL). Calls sd_now_init() if
 * main() has not (an invalid SDESK_NOW then counts as unset). */
int64_t sd_now(void);

/* The text of SDESK_NOW when it pins now, else NULL. */
const char *sd_now_pinned(void);

/* Parses an ISO 8601 instant with offset, YYYY-MM-DDTHH:MM[:SS[.fff]] then
 * Z, +HH:MM, +HHMM or +HH (the same grammar as sd_parse_instant in
 * engine/timefmt.h, which uses this). Returns 0, or -1 with a static message
 * in *why (may be NULL). */
int sd_instant_parse(const char *s, size_t len, int64_t *out, const char **why);

#endif
