/* ISO 8601 instants and business durations as text. See engine/timefmt.h. */
#include "config.h"

#include <stdint.h>

#include "base/i18n.h"
#include "base/now.h"
#include "engine/timefmt.h"

#define FAIL(msg) do { if (why) *why = (msg); return -1; } while (0)

int sd_parse_instant(const char *s, size_t len, sd_time *out, const char **why)
{
	int64_t t;

	if (sd_instant_parse(s, len, &t, why) != 0)
		return -1;
	*out = (sd_time)t;
	return 0;
}

static char *put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

size_t sd_format_instant(sd_time t, int32_t offset_seconds, char *buf)
{
	sd_time l = t + offset_seconds;
	int64_t days = l / 86400;
	int64_t secs = l % 86400;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	struct civil_date c = days_to_civil(days);
	char *p = buf;
	int y = c.year;
	if (y < 0 || y > 9999)
		y = 0;
	p = put2(p, y / 100);
	p = put2(p, y % 100);
	*p++ = '-';
	p = put2(p, c.month);
	*p++ = '-';
	p = put2(p, c.day);
	*p++ = 'T';
	p = put2(p, (int)(secs / 3600));
	*p++ = ':';
	p = put2(p, (int)(secs / 60 % 60));
	*p++ = ':';
	p = put2(p, (int)(secs % 60));
	int32_t o = offset_seconds;
	*p++ = o < 0 ? '-' : '+';
	if (o < 0)
		o = -o;
	p = put2(p, o / 3600);
	*p++ = ':';
	p = put2(p, o / 60 % 60);
	*p = '\0';
	return (size_t)(p - buf);
}

int sd_parse_duration(const char *s, size_t len, struct sd_duration *out, const char **why)
{
	static const char units[] = "dhm";
	static const int64_t max[] = {36600, 878400, 52704000}; /* 100 years */
	int64_t v[3] = {0, 0, 0};
	int next = 0; /* index of the first unit still allowed */
	size_t p = 0;

	if (len == 0)
		FAIL(N_("empty duration (expected e.g. 90m, 4h, 2d, 1h30m)"));
	while (p < len) {
		size_t q = p;
		int64_t n = 0;
		while (p < len && s[p] >= '0' && s[p] <= '9') {
			if (n > 100000000)
				FAIL(N_("duration too long"));
			n = n * 10 + (s[p] - '0');
			p++;
		}
		if (p == q)
			FAIL(N_("bad duration: expected a number before d, h or m"));
		if (p == len)
			FAIL(N_("bad duration: a number needs a unit d, h or m"));
		int u = -1;
		for (int i = next; i < 3; i++)
			if (s[p] == units[i])
				u = i;
		if (u < 0)
			FAIL(N_("bad duration: units are d, h, m, each once, in that order"));
		if (n > max[u])
			FAIL(N_("duration too long (at most 100 years)"));
		v[u] = n;
		next = u + 1;
		p++;
	}
	out->days = v[0];
	out->minutes = v[1] * 60 + v[2];
	if (out->minutes > max[2])
		FAIL(N_("duration too long (at most 100 years)"));
	return 0;
}

enum cal_status sd_add_duration(const struct calendar *cal, sd_time start, const struct sd_duration *d, sd_time *out)
{
	sd_time t = start;
	enum cal_status st;

	if (d->days > 0 || d->minutes == 0) {
		st = cal_add_days(cal, start, d->days, &t);
		if (st != CAL_OK || d->minutes == 0) {
			if (st == CAL_OK)
				*out = t;
			return st;
		}
	}
	return cal_add(cal, t, d->minutes, out);
}
