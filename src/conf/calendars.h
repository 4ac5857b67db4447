/* Calendars and holidays from plans.cfg (libconfig) into a struct cal_set,
 * and time zones from the system tz database. Formats: doc/sla.md. */
#ifndef SDESK_CONF_CALENDARS_H
#define SDESK_CONF_CALENDARS_H

#include <stddef.h>

#include <libconfig.h>

#include "engine/calendar.h"

/* Where zones are read from; $TZDIR overrides it. */
#define SDESK_ZONEINFO "/usr/share/zoneinfo"

/* Builds the transition table of IANA zone `name` (e.g. "Europe/Berlin") from
 * the TZif file under $TZDIR or SDESK_ZONEINFO, extended past the file's last
 * transition to CAL_YEAR_MAX with its POSIX TZ footer. Returns a zone the
 * caller frees with cal_zone_free(), or NULL with a message in err. */
struct cal_zone *conf_load_zone(const char *name, char *err, size_t errlen);
/* Parses a TZif (v1/v2+) image; `what` names it in errors. Same contract. */
struct cal_zone *conf_parse_tzif(const unsigned char *buf, size_t len, const char *name, const char *what,
				 char *err, size_t errlen);

/* Adds the `holidays` and `calendars` sections of cfg (read from `file`, for
 * messages) to set. Zones are loaded as needed and owned by set (freed by
 * cal_set_free). Does not finish the set. Returns 0, or -1 with
 * "FILE:LINE: what is wrong" in err. Other top-level sections are ignored. */
int conf_load_calendars(const config_t *cfg, const char *file, struct cal_set *set, char *err, size_t errlen);

/* Reads path, loads both sections and finishes the set. Returns the set
 * (caller frees with cal_set_free) or NULL with a message in err. */
struct cal_set *conf_read_calendar_file(const char *path, char *err, size_t errlen);

/* A holiday's or closed day's name in the language of the messages
 * (base/i18n.h): the English name_en when not German and there is one, else
 * the German name (the catalogue's `name`). */
const char *holiday_title(const char *name, const char *name_en);

#endif
