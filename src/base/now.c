/* "Now" and the instant parser it needs. See base/now.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "base/now.h"

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* Days since 1970-01-01 of a proleptic Gregorian date (as civil_to_days). */
static int64_t days_from_civil(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t mp = (month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int digits(const char *s, size_t n, int *out)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned char)s[i] - '0';
		if (c > 9)
			return -1;
		v = v * 10 + (int)c;
	}
	*out = v;
	return 0;
}

#define FAIL(msg) do { if (why) *why = _(msg); return -1; } while (0)

int sd_instant_parse(const char *s, size_t len, int64_t *out, const char **why)
{
	int y, mo, d, h, mi, sec = 0;
	size_t p;

	if (len < 16)
		FAIL(N_("not an ISO 8601 instant (YYYY-MM-DDTHH:MM[:SS]+HH:MM)"));
	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' || digits(s + 8, 2, &d))
		FAIL(N_("bad date: expected YYYY-MM-DD"));
	if (s[10] != 'T' && s[10] != 't')
		FAIL(N_("expected 'T' between date and time"));
	if (digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi))
		FAIL(N_("bad time: expected HH:MM"));
	p = 16;
	if (p < len && s[p] == ':') {
		if (p + 3 > len || digits(s + p + 1, 2, &sec))
			FAIL(N_("bad seconds"));
		p += 3;
		if (p < len && (s[p] == '.' || s[p] == ',')) {
			p++;
			size_t q = p;
			while (p < len && s[p] >= '0' && s[p] <= '9')
				p++;
			if (p == q)
				FAIL(N_("bad fraction of a second"));
		}
	}
	if (mo < 1 || mo > 12)
		FAIL(N_("month out of range"));
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d < 1 || d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap))
		FAIL(N_("day out of range"));
	if (h > 24 || mi > 59 || sec > 59 || (h == 24 && (mi || sec)))
		FAIL(N_("time out of range"));
	int32_t off;
	if (p == len)
		FAIL(N_("missing UTC offset (Z or +HH:MM)"));
	if ((s[p] == 'Z' || s[p] == 'z') && p + 1 == len) {
		off = 0;
	} else if (s[p] == '+' || s[p] == '-') {
		int oh, om = 0;
		size_t r = len - p - 1;
		const char *o = s + p + 1;
		if (r == 2 && !digits(o, 2, &oh))
			;
		else if (r == 4 && !digits(o, 2, &oh) && !digits(o + 2, 2, &om))
			;
		else if (r == 5 && o[2] == ':' && !digits(o, 2, &oh) && !digits(o + 3, 2, &om))
			;
		else
			FAIL(N_("bad UTC offset: expected Z, +HH:MM or -HH:MM"));
		if (oh > 18 || om > 59)
			FAIL(N_("UTC offset out of range"));
		off = (oh * 3600 + om * 60) * (s[p] == '-' ? -1 : 1);
	} else {
		FAIL(N_("bad UTC offset: expected Z, +HH:MM or -HH:MM"));
	}
	int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
	/* The offset may carry year 0000 or 9999 past what sd_format_instant writes. */
	if (t < days_from_civil(0, 1, 1) * 86400 || t >= days_from_civil(10000, 1, 1) * 86400)
		FAIL(N_("instant out of range (years 0000 to 9999 in UTC)"));
	*out = t;
	return 0;
}


static int initialised, pinned_ok;
static int64_t pinned_at;
static const char *pinned_text;
static char init_err[256];

int sd_now_init(char *err, size_t errlen)
{
	if (!initialised) {
		const char *env = getenv("SDESK_NOW");
		const char *why = NULL;

		initialised = 1;
		if (env && *env) {
			if (sd_instant_parse(env, strlen(env), &pinned_at, &why) == 0) {
				pinned_ok = 1;
				pinned_text = env;
			} else {
				snprintf(init_err, sizeof init_err,
					 "SDESK_NOW='%.60s': %s (expected e.g. 2026-11-30T17:55:00+01:00)", env, why);
			}
		}
	}
	if (init_err[0]) {
		if (err && errlen)
			snprintf(err, errlen, "%s", init_err);
		return -1;
	}
	return 0;
}

int64_t sd_now(void)
{
	if (!initialised)
		(void)sd_now_init(NULL, 0);
	return pinned_ok ? pinned_at : (int64_t)time(NULL);
}

const char *sd_now_pinned(void)
{
	if (!initialised)
		(void)sd_now_init(NULL, 0);
	return pinned_ok ? pinned_text : NULL;
}
