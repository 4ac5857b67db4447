/* Typed durations; see duration.h and doc/billing.md. */
#include "config.h"

#include <stdio.h>

#include "base/i18n.h"
#include "engine/duration.h"

#define DUR_MAX_DECIMALS 6

const char *dur_status_text(enum dur_status st)
{
	switch (st) {
	case DUR_OK: return "ok";
	case DUR_EEMPTY: return N_("empty duration");
	case DUR_ESYNTAX: return N_("not a duration (try 25m, 1:10, 1.5h, 2h 5m)");
	case DUR_EUNIT: return N_("unknown unit (use h, m or s)");
	case DUR_EORDER: return N_("units must appear once each, largest first");
	case DUR_EFIELD: return N_("minutes and seconds after ':' must be below 60");
	case DUR_ERANGE: return N_("duration too long or too precise");
	}
	return N_("unknown duration error");
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

/* A decimal number: ip + num / den. */
struct dnum {
	int64_t ip, num, den;
};

/* Reads digits [(.|,) digits] at *p. Returns DUR_OK and advances *p. */
static enum dur_status read_number(const char **p, struct dnum *n)
{
	const char *s = *p;
	int ndig = 0;

	n->ip = 0;
	n->num = 0;
	n->den = 1;
	while (is_digit(*s)) {
		if (n->ip > DUR_MAX_SECONDS) {
			*p = s;
			return DUR_ERANGE;
		}
		n->ip = n->ip * 10 + (*s - '0');
		s++;
		ndig++;
	}
	if ((*s == '.' || *s == ',') && is_digit(s[1])) {
		int k = 0;
		s++;
		while (is_digit(*s)) {
			if (++k > DUR_MAX_DECIMALS) {
				*p = s;
				return DUR_ERANGE;
			}
			n->num = n->num * 10 + (*s - '0');
			n->den *= 10;
			s++;
		}
		ndig += k;
	}
	if (ndig == 0)
		return DUR_ESYNTAX;
	*p = s;
	return DUR_OK;
}

/* n units of `unit` seconds, a fraction of a second rounded up. */
static enum dur_status scale(const struct dnum *n, int64_t unit, int64_t *out)
{
	int64_t frac;

	if (n->ip > DUR_MAX_SECONDS / unit)
		return DUR_ERANGE;
	frac = (n->num * unit + n->den - 1) / n->den;
	*out = n->ip * unit + frac;
	return DUR_OK;
}

/* H:MM[:SS] starting at s (already known to hold a ':' after digits). */
static enum dur_status parse_clock(const char *s, int64_t *out, const char **where)
{
	int64_t f[3] = {0, 0, 0};
	int nf = 0;

	for (;;) {
		int nd = 0;
		while (is_digit(*s)) {
			if (f[nf] > DUR_MAX_SECONDS) {
				*where = s;
				return DUR_ERANGE;
			}
			f[nf] = f[nf] * 10 + (*s - '0');
			s++;
			nd++;
		}
		if (nd == 0 || (nf > 0 && nd > 2)) {
			*where = s;
			return DUR_ESYNTAX;
		}
		if (nf > 0 && f[nf] >= 60) {
			*where = s - nd;
			return DUR_EFIELD;
		}
		nf++;
		if (*s != ':')
			break;
		if (nf == 3) {
			*where = s;
			return DUR_ESYNTAX;
		}
		s++;
	}
	while (is_blank(*s))
		s++;
	if (*s != '\0' || nf < 2) {
		*where = s;
		return DUR_ESYNTAX;
	}
	/* f[1], f[2] < 60: the sum cannot overflow once f[0] is in range. */
	if (f[0] > DUR_MAX_SECONDS / 3600 || f[0] * 3600 + f[1] * 60 + f[2] > DUR_MAX_SECONDS) {
		*where = s;
		return DUR_ERANGE;
	}
	*out = f[0] * 3600 + f[1] * 60 + f[2];
	return DUR_OK;
}

static int match(const char *s, const char *word)
{
	for (; *word; s++, word++)
		if (lower(*s) != *word)
			return 0;
	return 1;
}

/* Unit at *p: returns seconds per unit (0 = no unit, -1 = unknown) and advances. */
static int64_t read_unit(const char **p)
{
	const char *s = *p;
	int64_t u;
	size_t len = 0;

	while ((lower(s[len]) >= 'a' && lower(s[len]) <= 'z'))
		len++;
	if (len == 0)
		return 0;
#define IS(word) (len == sizeof(word) - 1 && match(s, word))
	if (IS("h") || IS("hr") || IS("hrs") || IS("std"))
		u = 3600;
	else if (IS("m") || IS("min") || IS("mins"))
		u = 60;
	else if (IS("s") || IS("sec") || IS("secs"))
		u = 1;
	else
		return -1;
#undef IS
	*p = s + len;
	return u;
}

enum dur_status dur_parse(const char *str, int64_t *seconds, size_t *where)
{
	const char *s = str, *err = str;
	enum dur_status st = DUR_OK;
	int64_t total = 0, last_unit = INT64_MAX;
	int parts = 0;

	while (is_blank(*s))
		s++;
	if (*s == '\0') {
		st = DUR_EEMPTY;
		err = s;
		goto fail;
	}
	{
		const char *q = s;
		while (is_digit(*q))
			q++;
		if (q > s && *q == ':') {
			int64_t v;
			st = parse_clock(s, &v, &err);
			if (st != DUR_OK)
				goto fail;
			*seconds = v;
			return DUR_OK;
		}
	}
	while (*s != '\0') {
		struct dnum n;
		int64_t unit, v;
		const char *start = s;

		st = read_number(&s, &n);
		if (st != DUR_OK) {
			err = s;
			goto fail;
		}
		while (is_blank(*s))
			s++;
		unit = read_unit(&s);
		if (unit < 0) {
			st = DUR_EUNIT;
			err = s;
			goto fail;
		}
		if (unit == 0) {
			/* A bare number is minutes, and only on its own. */
			if (parts > 0 || *s != '\0') {
				st = *s != '\0' ? DUR_ESYNTAX : DUR_EUNIT;
				err = *s != '\0' ? s : start;
				goto fail;
			}
			unit = 60;
		} else if (unit >= last_unit) {
			st = DUR_EORDER;
			err = start;
			goto fail;
		}
		last_unit = unit;
		st = scale(&n, unit, &v);
		if (st != DUR_OK || v > DUR_MAX_SECONDS - total) {
			st = DUR_ERANGE;
			err = start;
			goto fail;
		}
		total += v;
		parts++;
		while (is_blank(*s))
			s++;
	}
	if (total > DUR_MAX_SECONDS) {
		st = DUR_ERANGE;
		goto fail;
	}
	*seconds = total;
	return DUR_OK;
fail:
	if (where)
		*where = (size_t)(err - str);
	return st;
}

int64_t dur_started_minutes(int64_t seconds)
{
	if (seconds <= 0)
		return 0;
	return (seconds + 59) / 60;
}

char *dur_format_minutes(int64_t minutes, char *buf, size_t len)
{
	int64_t h = minutes / 60, m = minutes % 60;

	if (h == 0)
		snprintf(buf, len, "%lldm", (long long)m);
	else if (m == 0)
		snprintf(buf, len, "%lldh", (long long)h);
	else
		snprintf(buf, len, "%lldh %lldm", (long long)h, (long long)m);
	return buf;
}
