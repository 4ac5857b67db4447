/* libFuzzer harness: the ISO 8601 instant parser. An accepted instant must
 * format and parse back to the same instant (round trip). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/calendar.h"
#include "engine/timefmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sd_time t, back;
	const char *why = NULL;
	char buf[SD_INSTANT_LEN + 8];
	/* A heap copy of exactly size bytes so ASan catches any read past len. */
	char *s = malloc(size ? size : 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	if (sd_parse_instant(s, size, &t, &why) == 0) {
		/* Round trip in UTC, and with offsets while the local year stays in
		 * 0000..9999 (sd_format_instant writes four digits). */
		static const int32_t offsets[] = {0, 3600 + 1800, -18 * 3600, 18 * 3600};
		sd_time lo = civil_to_days(0, 1, 2) * 86400, hi = civil_to_days(9999, 12, 31) * 86400;
		for (size_t k = 0; k < sizeof(offsets) / sizeof(offsets[0]); k++) {
			size_t n;
			if (k > 0 && (t < lo || t >= hi))
				break;
			n = sd_format_instant(t, offsets[k], buf);
			if (n != SD_INSTANT_LEN || n != strlen(buf) || sd_parse_instant(buf, n, &back, &why) != 0 ||
			    back != t)
				abort();
		}
	} else if (!why || !*why) {
		abort();
	}
	free(s);
	return 0;
}
