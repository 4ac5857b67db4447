/* Instants and durations as text: ISO 8601 parsing and formatting, and the
 * business durations `90m`, `4h`, `2d`, `1d4h30m`. Pure and allocation-free,
 * fast enough for batch mode; shared by the CLI, the console and billing. */
#ifndef SDESK_ENGINE_TIMEFMT_H
#define SDESK_ENGINE_TIMEFMT_H

#include <stddef.h>

#include "engine/calendar.h"

/* Parses s[0..len) as an ISO 8601 instant with an explicit offset:
 * YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM|+HHMM|+HH). Fractions of a
 * second are dropped. The instant must lie in the years 0000..9999 in UTC.
 * Returns 0 and sets *out, or -1 with a static message in *why (when why is
 * not NULL). */
int sd_parse_instant(const char *s, size_t len, sd_time *out, const char **why);

/* Writes t shifted by offset_seconds as YYYY-MM-DDTHH:MM:SS+HH:MM into buf
 * (at least SD_INSTANT_LEN + 1 bytes, NUL-terminated); returns the length,
 * SD_INSTANT_LEN (or 27 for years past 9999, which never happen in range). */
#define SD_INSTANT_LEN 25
size_t sd_format_instant(sd_time t, int32_t offset_seconds, char *buf);

/* A business duration: first `days` working days, then `minutes` of open
 * time (doc/sla.md, "Durations"). */
struct sd_duration {
	int64_t days;
	int64_t minutes;
};
/* Parses s[0..len): one or more of <digits>d, <digits>h, <digits>m in that
 * order, each at most once ("90m", "4h", "2d", "1h30m", "1d4h"); "0m" is
 * zero. At most 100 years' worth. Returns 0 or -1 with a message in *why. */
int sd_parse_duration(const char *s, size_t len, struct sd_duration *out, const char **why);

/* start + d on cal: cal_add_days for the days, then cal_add for the minutes. */
enum cal_status sd_add_duration(const struct calendar *cal, sd_time start, const struct sd_duration *d, sd_time *out);

#endif
