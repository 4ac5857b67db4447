/* libFuzzer harness: both duration parsers (doc/security.md, "Fuzzing").
 * sd_parse_duration (business durations "1d4h30m") takes a length;
 * dur_parse (typed billing durations "1:10", "1,5h") a NUL-terminated string.
 * Accepted values must satisfy the documented ranges. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/duration.h"
#include "engine/timefmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sd_duration d;
	const char *why = NULL;
	char *s = malloc(size + 1);
	int64_t sec = -1;
	size_t where = 0;
	enum dur_status st;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	if (sd_parse_duration(s, size, &d, &why) == 0) {
		if (d.days < 0 || d.minutes < 0)
			abort();
	} else if (!why || !*why) {
		abort(); /* every refusal says why */
	}

	st = dur_parse(s, &sec, &where);
	if (st == DUR_OK) {
		char buf[64];
		if (sec < 0 || sec > DUR_MAX_SECONDS)
			abort();
		dur_format_minutes(dur_started_minutes(sec), buf, sizeof(buf));
	} else {
		if (where > strlen(s))
			abort(); /* the column must point into the input */
		if (!dur_status_text(st))
			abort();
	}
	free(s);
	return 0;
}
