/* Formats for people by language (base/fmt.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/fmt.h"
#include "base/i18n.h"

char sd_fmt_decimal_mark(void)
{
	return sd_lang_de() ? ',' : '.';
}

char *sd_fmt_cents(int64_t cents, char *buf, size_t len)
{
	uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	uint64_t whole = a / 100;
	char digits[32], grouped[48];
	size_t n, o = 0;

	if (!sd_lang_de()) {
		snprintf(buf, len, "%s%llu.%02llu", cents < 0 ? "-" : "", (unsigned long long)whole,
			 (unsigned long long)(a % 100));
		return buf;
	}
	snprintf(digits, sizeof digits, "%llu", (unsigned long long)whole);
	n = strlen(digits);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[o++] = '.';
		grouped[o++] = digits[i];
	}
	grouped[o] = '\0';
	snprintf(buf, len, "%s%s,%02llu", cents < 0 ? "-" : "", grouped, (unsigned long long)(a % 100));
	return buf;
}

char *sd_fmt_money(int64_t cents, char *buf, size_t len)
{
	char num[48];

	sd_fmt_cents(cents, num, sizeof num);
	if (sd_lang_de())
		snprintf(buf, len, "%s %s", num, sd_locale_utf8() ? "\xe2\x82\xac" : "EUR");
	else
		snprintf(buf, len, "EUR %s", num);
	return buf;
}

char *sd_fmt_hundredths(int64_t v, char *buf, size_t len)
{
	int64_t a = v < 0 ? -v : v;

	if (a % 100 == 0)
		snprintf(buf, len, "%s%lld", v < 0 ? "-" : "", (long long)(a / 100));
	else if (a % 10 == 0)
		snprintf(buf, len, "%s%lld%c%lld", v < 0 ? "-" : "", (long long)(a / 100), sd_fmt_decimal_mark(),
			 (long long)(a % 100 / 10));
	else
		snprintf(buf, len, "%s%lld%c%02lld", v < 0 ? "-" : "", (long long)(a / 100), sd_fmt_decimal_mark(),
			 (long long)(a % 100));
	return buf;
}

char *sd_fmt_date(int y, int m, int d, char *buf, size_t len)
{
	if (sd_lang_de())
		snprintf(buf, len, "%02d.%02d.%04d", d, m, y);
	else
		snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
	return buf;
}

char *sd_fmt_datetime(int y, int m, int d, int minute_of_day, char *buf, size_t len)
{
	char day[16];

	snprintf(buf, len, "%s %02d:%02d", sd_fmt_date(y, m, d, day, sizeof day), minute_of_day / 60,
		 minute_of_day % 60);
	return buf;
}

char *sd_fmt_iso_local(const char *iso, char *buf, size_t len)
{
	int y, m, d, h, mi, n = 0;

	if (sscanf(iso, "%4d-%2d-%2d %2d:%2d%n", &y, &m, &d, &h, &mi, &n) == 5 && iso[n] == '\0')
		return sd_fmt_datetime(y, m, d, h * 60 + mi, buf, len);
	n = 0;
	if (sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && iso[n] == '\0' && n == 10)
		return sd_fmt_date(y, m, d, buf, len);
	snprintf(buf, len, "%s", iso);
	return buf;
}

int sd_fmt_columns(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

char *sd_fmt_minutes(int64_t minutes, char *buf, size_t len)
{
	long long h = (long long)(minutes / 60), m = (long long)(minutes % 60);
	int de = sd_lang_de();

	if (h == 0)
		snprintf(buf, len, de ? "%lld Min." : "%lldm", m);
	else if (m == 0)
		snprintf(buf, len, de ? "%lld Std." : "%lldh", h);
	else
		snprintf(buf, len, de ? "%lld Std. %lld Min." : "%lldh %lldm", h, m);
	return buf;
}

const char *sd_fmt_day_unit(void)
{
	return sd_lang_de() ? "T" : "d";
}

char *sd_fmt_span(int64_t minutes, int day_minutes, char *buf, size_t len)
{
	const char *sign = minutes < 0 ? "-" : "";
	unsigned long long m = minutes < 0 ? (unsigned long long)0 - (unsigned long long)minutes
					   : (unsigned long long)minutes;
	unsigned long long d, h, mm;

	if (!len)
		return buf;
	if (day_minutes > 0 && m >= (unsigned long long)day_minutes) {
		d = m / (unsigned long long)day_minutes;
		h = m % (unsigned long long)day_minutes / 60;
		if (h)
			snprintf(buf, len, "%s%llu%s %lluh", sign, d, sd_fmt_day_unit(), h);
		else
			snprintf(buf, len, "%s%llu%s", sign, d, sd_fmt_day_unit());
		return buf;
	}
	h = m / 60;
	mm = m % 60;
	if (h && mm)
		snprintf(buf, len, "%s%lluh %llum", sign, h, mm);
	else if (h)
		snprintf(buf, len, "%s%lluh", sign, h);
	else
		snprintf(buf, len, "%s%llum", sign, mm);
	return buf;
}

char *sd_fmt_ago(const char *span, char *buf, size_t len)
{
	/* TRANSLATORS: how long ago a clock ran out, "30m ago"; %s is a span
	 * such as "2h 5m" (German: "vor %s"). */
	snprintf(buf, len, _("%s ago"), span);
	return buf;
}

int sd_parse_datetime(const char *s, int *y, int *m, int *d, int *h, int *mi)
{
	int n = 0;

	while (*s == ' ')
		s++;
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d%n", y, m, d, h, mi, &n) != 5) {
		n = 0;
		if (sscanf(s, "%2d.%2d.%4d %2d:%2d%n", d, m, y, h, mi, &n) != 5)
			return -1;
	}
	for (s += n; *s == ' '; s++)
		;
	return *s ? -1 : 0;
}
