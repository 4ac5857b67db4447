/* libFuzzer harness: the holiday and calendar sections of plans.cfg, parsed
 * from a memory buffer (config_read_string) and loaded with
 * conf_load_calendars. When the set loads, a few calendar queries run on
 * every calendar so the precomputed indexes are exercised too. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "conf/calendars.h"
#include "engine/calendar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	char *s;
	config_t cfg;
	struct cal_set *set;

	if (size > 65536)
		return 0;
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	config_init(&cfg);
	if (config_read_string(&cfg, s)) {
		set = cal_set_new();
		err[0] = '\0';
		if (conf_load_calendars(&cfg, "fuzz.cfg", set, err, sizeof(err)) == 0) {
			if (cal_set_finish(set) == CAL_OK) {
				sd_time t0 = 1767225600; /* 2026-01-01T00:00:00Z */
				for (size_t i = 0; i < cal_set_ncalendars(set); i++) {
					const struct calendar *c = cal_set_calendar_at(set, i);
					sd_time out;
					int64_t m;
					cal_add(c, t0, 600, &out);
					cal_add_days(c, t0, 3, &out);
					cal_between(c, t0, t0 + 14 * 86400, &m);
				}
			}
		} else if (!err[0]) {
			abort(); /* a refusal must say why */
		}
		cal_set_free(set);
	}
	config_destroy(&cfg);
	free(s);
	return 0;
}
