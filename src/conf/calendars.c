/* plans.cfg `holidays` and `calendars` sections, and TZif zones. See
 * conf/calendars.h and doc/sla.md. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "conf/calendars.h"
#include "conf/conferr.h"
#include "engine/timefmt.h"

/* ---- TZif ----------------------------------------------------------------- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct zbuf {
	sd_time *at;
	int32_t *off;
	size_t n, cap;
};

static void zpush(struct zbuf *z, sd_time at, int32_t off)
{
	if (z->n && z->off[z->n - 1] == off)
		return;
	if (z->n && at <= z->at[z->n - 1])
		return;
	if (z->n == z->cap) {
		z->cap = z->cap ? z->cap * 2 : 64;
		z->at = xrealloc(z->at, z->cap * sizeof(*z->at));
		z->off = xrealloc(z->off, z->cap * sizeof(*z->off));
	}
	z->at[z->n] = at;
	z->off[z->n] = off;
	z->n++;
}

/* POSIX TZ string, e.g. "CET-1CEST,M3.5.0,M10.5.0/3". */
struct posix_rule {
	char kind; /* 'M', 'J', 'n' */
	int m, w, d, n;
	int32_t time; /* seconds after local midnight */
};
struct posix_tz {
	int32_t std_off, dst_off; /* seconds east of UTC */
	int has_dst;
	struct posix_rule start, end;
};

static const char *posix_name(const char *p)
{
	if (*p == '<') {
		while (*p && *p != '>')
			p++;
		return *p ? p + 1 : NULL;
	}
	const char *q = p;
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
		p++;
	return p - q >= 3 ? p : NULL;
}

/* [+-]hh[:mm[:ss]] -> seconds (hours up to 167). */
static const char *posix_secs(const char *p, int32_t *out)
{
	int sign = 1, h = 0, m = 0, s = 0;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (*p < '0' || *p > '9')
		return NULL;
	while (*p >= '0' && *p <= '9')
		h = h * 10 + (*p++ - '0');
	if (*p == ':') {
		p++;
		while (*p >= '0' && *p <= '9')
			m = m * 10 + (*p++ - '0');
		if (*p == ':') {
			p++;
			while (*p >= '0' && *p <= '9')
				s = s * 10 + (*p++ - '0');
		}
	}
	if (h > 167 || m > 59 || s > 59)
		return NULL;
	*out = sign * (h * 3600 + m * 60 + s);
	return p;
}

static const char *posix_rule(const char *p, struct posix_rule *r)
{
	r->time = 7200;
	if (*p == 'M') {
		r->kind = 'M';
		if (sscanf(p + 1, "%d.%d.%d", &r->m, &r->w, &r->d) != 3)
			return NULL;
		p++;
		while ((*p >= '0' && *p <= '9') || *p == '.')
			p++;
		if (r->m < 1 || r->m > 12 || r->w < 1 || r->w > 5 || r->d < 0 || r->d > 6)
			return NULL;
	} else {
		r->kind = *p == 'J' ? 'J' : 'n';
		if (*p == 'J')
			p++;
		if (*p < '0' || *p > '9')
			return NULL;
		r->n = 0;
		while (*p >= '0' && *p <= '9')
			r->n = r->n * 10 + (*p++ - '0');
		if (r->n > 365 || (r->kind == 'J' && r->n < 1))
			return NULL;
	}
	if (*p == '/')
		p = posix_secs(p + 1, &r->time);
	return p;
}

static int parse_posix(const char *s, struct posix_tz *tz)
{
	int32_t v;
	const char *p = posix_name(s);

	if (!p || !(p = posix_secs(p, &v)))
		return -1;
	tz->std_off = -v;
	tz->has_dst = 0;
	if (!*p)
		return 0;
	if (!(p = posix_name(p)))
		return -1;
	tz->dst_off = tz->std_off + 3600;
	if (*p && *p != ',') {
		if (!(p = posix_secs(p, &v)))
			return -1;
		tz->dst_off = -v;
	}
	if (*p != ',')
		return 0; /* DST without rules: not used by any zone we need; treat as standard */
	if (!(p = posix_rule(p + 1, &tz->start)) || *p != ',' || !(p = posix_rule(p + 1, &tz->end)) || *p)
		return -1;
	tz->has_dst = 1;
	return 0;
}

/* Local day of rule r in year. */
static int64_t rule_local_day(const struct posix_rule *r, int year)
{
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	if (r->kind == 'J')
		return civil_to_days(year, 1, 1) + r->n - 1 + (leap && r->n >= 60);
	if (r->kind == 'n')
		return civil_to_days(year, 1, 1) + r->n;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int len = mdays[r->m - 1] + (r->m == 2 && leap);
	int64_t first = civil_to_days(year, r->m, 1);
	int want = (r->d + 6) % 7; /* POSIX 0 = Sunday -> 6 */
	int day = 1 + (want - civil_weekday(first) + 7) % 7 + (r->w - 1) * 7;
	if (day > len)
		day -= 7;
	return first + day - 1;
}

static void extend_posix(struct zbuf *z, const struct posix_tz *tz, sd_time after)
{
	int y0 = days_to_civil(after / 86400).year;

	if (y0 < CAL_YEAR_MIN - 1)
		y0 = CAL_YEAR_MIN - 1;
	if (!tz->has_dst) {
		zpush(z, after + 1, tz->std_off);
		return;
	}
	for (int y = y0; y <= CAL_YEAR_MAX + 1; y++) {
		sd_time s = rule_local_day(&tz->start, y) * 86400 + tz->start.time - tz->std_off;
		sd_time e = rule_local_day(&tz->end, y) * 86400 + tz->end.time - tz->dst_off;
		sd_time a = s < e ? s : e, b = s < e ? e : s;
		int32_t oa = s < e ? tz->dst_off : tz->std_off, ob = s < e ? tz->std_off : tz->dst_off;
		if (a > after)
			zpush(z, a, oa);
		if (b > after)
			zpush(z, b, ob);
	}
}

struct cal_zone *conf_parse_tzif(const unsigned char *buf, size_t len, const char *name, const char *what,
				 char *err, size_t errlen)
{
	const unsigned char *p = buf;
	int v2;
	uint32_t cnt[6];
	size_t tsize = 4;

	if (len < 44 || memcmp(buf, "TZif", 4) != 0) {
		snprintf(err, errlen, _("%s: not a TZif time zone file"), what);
		return NULL;
	}
	v2 = buf[4] >= '2';
	for (int pass = 0; pass < 1 + v2; pass++) {
		if ((size_t)(p - buf) + 44 > len || memcmp(p, "TZif", 4) != 0)
			goto bad;
		for (int i = 0; i < 6; i++)
			cnt[i] = be32(p + 20 + 4 * i);
		size_t body = (size_t)cnt[3] * tsize + cnt[3] + (size_t)cnt[4] * 6 + cnt[5] + (size_t)cnt[2] * (tsize + 4) + cnt[1] + cnt[0];
		if (cnt[4] == 0 || (size_t)(p - buf) + 44 + body > len)
			goto bad;
		if (pass == 0 && v2) {
			p += 44 + body;
			tsize = 8;
		}
	}
	/* p: header of the block to use; tsize: its time size */
	uint32_t timecnt = cnt[3], typecnt = cnt[4];
	const unsigned char *times = p + 44;
	const unsigned char *idx = times + (size_t)timecnt * tsize;
	const unsigned char *types = idx + timecnt;
	const unsigned char *end = p + 44 + (size_t)cnt[3] * tsize + cnt[3] + (size_t)cnt[4] * 6 + cnt[5] +
				   (size_t)cnt[2] * (tsize + 4) + cnt[1] + cnt[0];
	struct zbuf z = {0};

	zpush(&z, INT64_MIN, (int32_t)be32(types));
	for (uint32_t i = 0; i < timecnt; i++) {
		sd_time t = tsize == 8 ? be64(times + 8 * i) : (int32_t)be32(times + 4 * i);
		if (idx[i] >= typecnt)
			goto bad_z;
		zpush(&z, t, (int32_t)be32(types + 6 * idx[i]));
	}
	if (v2 && end < buf + len && *end == '\n') {
		const unsigned char *f = end + 1, *nl = memchr(f, '\n', (size_t)(buf + len - f));
		if (!nl)
			goto bad_z;
		char footer[128];
		size_t fl = (size_t)(nl - f);
		if (fl >= sizeof(footer))
			goto bad_z;
		memcpy(footer, f, fl);
		footer[fl] = '\0';
		if (fl) {
			struct posix_tz tz;
			if (parse_posix(footer, &tz) != 0) {
				free(z.at);
				free(z.off);
				snprintf(err, errlen, _("%s: cannot read the POSIX TZ rule '%s'"), what, footer);
				return NULL;
			}
			sd_time last = timecnt ? z.at[z.n - 1] : INT64_MIN / 2;
			if (last == INT64_MIN)
				last = INT64_MIN / 2;
			extend_posix(&z, &tz, last);
		}
	}
	struct cal_zone *zone = xmalloc(sizeof(*zone));
	zone->name = xstrdup(name);
	zone->n = z.n;
	zone->at = z.at;
	zone->offset = z.off;
	return zone;
bad_z:
	free(z.at);
	free(z.off);
bad:
	snprintf(err, errlen, _("%s: truncated or damaged TZif file"), what);
	return NULL;
}

static int zone_name_ok(const char *n)
{
	if (!*n || *n == '/' || strstr(n, ".."))
		return 0;
	for (const char *p = n; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || *p == '-' || *p == '+' || *p == '/'))
			return 0;
	return 1;
}

struct cal_zone *conf_load_zone(const char *name, char *err, size_t errlen)
{
	const char *dir = getenv("TZDIR");
	char path[4096];
	unsigned char *buf;
	size_t len = 0, cap = 8192, r;
	FILE *f;

	if (!zone_name_ok(name)) {
		snprintf(err, errlen, _("'%s' is not a time zone name (like Europe/Berlin)"), name);
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : SDESK_ZONEINFO, name);
	f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, _("unknown time zone '%s' (%s: %s)"), name, path, strerror(errno));
		return NULL;
	}
	buf = xmalloc(cap);
	while ((r = fread(buf + len, 1, cap - len, f)) > 0) {
		len += r;
		if (len == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	struct cal_zone *z = conf_parse_tzif(buf, len, name, path, err, errlen);
	free(buf);
	return z;
}

/* ---- plans.cfg sections ----------------------------------------------------- */

struct ctx {
	const char *file;
	struct cal_set *set;
	char *err;
	size_t errlen;
};

__attribute__((format(printf, 3, 4)))
static int fail(struct ctx *c, const config_setting_t *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_verror(c->err, c->errlen, c->file, s, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *sname(const config_setting_t *s)
{
	const char *n = config_setting_name(s);
	return n ? n : "?";
}

static int check_keys(struct ctx *c, const config_setting_t *g, const char *where, const char *const *keys)
{
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *e = config_setting_get_elem(g, (unsigned)i);
		const char *n = sname(e);
		int ok = 0;
		for (const char *const *k = keys; *k; k++)
			if (strcmp(*k, n) == 0)
				ok = 1;
		if (!ok) {
			struct strbuf sb = {0};
			for (const char *const *k = keys; *k; k++)
				sb_printf(&sb, "%s%s", k == keys ? "" : ", ", *k);
			fail(c, e, _("%s: unknown key '%s' (known: %s)"), where, n, sb.buf);
			sb_free(&sb);
			return -1;
		}
	}
	return 0;
}

static int parse_md(const char *s, int *m, int *d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	char tail;

	if (strlen(s) != 5 || sscanf(s, "%2d-%2d%c", m, d, &tail) != 2 || s[2] != '-')
		return -1;
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= mdays[*m - 1] ? 0 : -1;
}

static int parse_ymd(const char *s, int *y, int *m, int *d)
{
	if (strlen(s) != 10 || s[4] != '-' || sscanf(s, "%4d-", y) != 1 || parse_md(s + 5, m, d) != 0)
		return -1;
	if (*y < CAL_YEAR_MIN || *y > CAL_YEAR_MAX)
		return -1;
	return *m == 2 && *d == 29 && !((*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0) ? -1 : 0;
}

static const char *const weekday_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static int weekday_index(const char *s)
{
	for (int i = 0; i < 7; i++)
		if (strcmp(s, weekday_names[i]) == 0)
			return i;
	return -1;
}

static const char *get_string(const config_setting_t *g, const char *key, const config_setting_t **where)
{
	const config_setting_t *s = config_setting_get_member(g, key);

	*where = s;
	if (!s || config_setting_type(s) != CONFIG_TYPE_STRING)
		return NULL;
	return config_setting_get_string(s);
}

static int get_year(struct ctx *c, const config_setting_t *g, const char *key, const char *where, int *out)
{
	const config_setting_t *s = config_setting_get_member(g, key);

	if (!s)
		return 0;
	if (config_setting_type(s) != CONFIG_TYPE_INT)
		return fail(c, s, _("%s: %s must be a year (an integer)"), where, key);
	int y = config_setting_get_int(s);
	if (y < CAL_YEAR_MIN || y > CAL_YEAR_MAX)
		return fail(c, s, _("%s: %s = %d is outside %d..%d"), where, key, y, CAL_YEAR_MIN, CAL_YEAR_MAX);
	*out = y;
	return 0;
}

static int load_rule(struct ctx *c, struct cal_holiday_set *hs, const config_setting_t *r, const char *where)
{
	static const char *const keys[] = {"name", "name_en", "date", "easter", "weekday", "before", "once", "from", "to", "year", NULL};
	const config_setting_t *w;
	int from = CAL_YEAR_MIN, to = CAL_YEAR_MAX, year = 0, m, d, y;

	if (!config_setting_is_group(r))
		return fail(c, r, _("%s: a rule is a group like { name = \"Neujahr\"; date = \"01-01\"; }"), where);
	if (check_keys(c, r, where, keys))
		return -1;
	const char *name = get_string(r, "name", &w);
	if (!name || !*name)
		return fail(c, w ? w : r, _("%s: needs name = \"...\" (a string)"), where);
	const char *name_en = NULL;
	if (config_setting_get_member(r, "name_en") && (!(name_en = get_string(r, "name_en", &w)) || !*name_en))
		return fail(c, w ? w : r, _("%s (%s): name_en must be a string (the English name)"), where, name);
	if (get_year(c, r, "from", where, &from) || get_year(c, r, "to", where, &to) || get_year(c, r, "year", where, &year))
		return -1;
	if (year) {
		if (config_setting_get_member(r, "from") || config_setting_get_member(r, "to"))
			return fail(c, r, _("%s: use either year or from/to"), where);
		from = to = year;
	}
	if (from > to)
		return fail(c, r, _("%s: from %d is after to %d"), where, from, to);
	int kinds = !!config_setting_get_member(r, "date") + !!config_setting_get_member(r, "easter") +
		    !!config_setting_get_member(r, "before") + !!config_setting_get_member(r, "once");
	if (kinds != 1)
		return fail(c, r, _("%s (%s): needs exactly one of date, easter, before (with weekday), once"), where, name);
	if (!!config_setting_get_member(r, "weekday") != !!config_setting_get_member(r, "before"))
		return fail(c, r, _("%s (%s): weekday and before go together (weekday = \"wed\"; before = \"11-23\";)"), where, name);
	if ((w = config_setting_get_member(r, "date"))) {
		const char *s = config_setting_type(w) == CONFIG_TYPE_STRING ? config_setting_get_string(w) : "";
		if (parse_md(s, &m, &d))
			return fail(c, w, _("%s (%s): date must be \"MM-DD\""), where, name);
		cal_holidays_fixed(hs, name, m, d, from, to);
	} else if ((w = config_setting_get_member(r, "easter"))) {
		if (config_setting_type(w) != CONFIG_TYPE_INT || abs(config_setting_get_int(w)) > 200)
			return fail(c, w, _("%s (%s): easter must be days after Easter Sunday (-200..200)"), where, name);
		cal_holidays_easter(hs, name, config_setting_get_int(w), from, to);
	} else if ((w = config_setting_get_member(r, "before"))) {
		const char *s = config_setting_type(w) == CONFIG_TYPE_STRING ? config_setting_get_string(w) : "";
		if (parse_md(s, &m, &d))
			return fail(c, w, _("%s (%s): before must be \"MM-DD\""), where, name);
		const config_setting_t *wd = config_setting_get_member(r, "weekday");
		int k = config_setting_type(wd) == CONFIG_TYPE_STRING ? weekday_index(config_setting_get_string(wd)) : -1;
		if (k < 0)
			return fail(c, wd, _("%s (%s): weekday must be one of mon, tue, wed, thu, fri, sat, sun"), where, name);
		cal_holidays_weekday_before(hs, name, k, m, d, from, to);
	} else {
		w = config_setting_get_member(r, "once");
		const char *s = config_setting_type(w) == CONFIG_TYPE_STRING ? config_setting_get_string(w) : "";
		if (parse_ymd(s, &y, &m, &d))
			return fail(c, w, _("%s (%s): once must be a date \"YYYY-MM-DD\" in %d..%d"), where, name, CAL_YEAR_MIN, CAL_YEAR_MAX);
		if (year || config_setting_get_member(r, "from") || config_setting_get_member(r, "to"))
			return fail(c, r, _("%s (%s): once takes no year range"), where, name);
		cal_holidays_once(hs, name, y, m, d);
	}
	cal_holidays_name_en(hs, name_en);
	return 0;
}

/* Names of the entries of a string array; NULL elements are errors. */
static int string_array(struct ctx *c, const config_setting_t *a, const char *where)
{
	if (!config_setting_is_array(a) && !config_setting_is_list(a))
		return fail(c, a, _("%s: must be an array of strings [\"...\", ...]"), where);
	for (int i = 0; i < config_setting_length(a); i++)
		if (config_setting_type(config_setting_get_elem(a, (unsigned)i)) != CONFIG_TYPE_STRING)
			return fail(c, config_setting_get_elem(a, (unsigned)i), _("%s: element %d is not a string"), where, i + 1);
	return 0;
}

static int load_holidays(struct ctx *c, const config_setting_t *sec)
{
	static const char *const keys[] = {"include", "rules", NULL};
	int n = config_setting_length(sec);

	if (!config_setting_is_group(sec))
		return fail(c, sec, _("holidays must be a group of holiday sets: holidays = { de = { ... }; };"));
	for (int i = 0; i < n; i++) {
		const config_setting_t *g = config_setting_get_elem(sec, (unsigned)i);
		if (cal_set_holidays(c->set, sname(g)))
			return fail(c, g, _("holidays.%s: defined twice"), sname(g));
		cal_set_add_holidays(c->set, sname(g));
	}
	for (int i = 0; i < n; i++) {
		const config_setting_t *g = config_setting_get_elem(sec, (unsigned)i), *a;
		char where[200];
		struct cal_holiday_set *hs = cal_set_holidays(c->set, sname(g));

		snprintf(where, sizeof(where), "holidays.%s", sname(g));
		if (!config_setting_is_group(g))
			return fail(c, g, _("%s: must be a group { include = [...]; rules = (...); }"), where);
		if (check_keys(c, g, where, keys))
			return -1;
		if ((a = config_setting_get_member(g, "include"))) {
			char w2[240];
			snprintf(w2, sizeof(w2), "%s.include", where);
			if (string_array(c, a, w2))
				return -1;
			for (int j = 0; j < config_setting_length(a); j++) {
				const config_setting_t *e = config_setting_get_elem(a, (unsigned)j);
				const char *in = config_setting_get_string(e);
				const struct cal_holiday_set *o = cal_set_holidays(c->set, in);
				if (!o)
					return fail(c, e, _("%s: includes unknown holiday set '%s'"), where, in);
				if (o == hs)
					return fail(c, e, _("%s: includes itself"), where);
				cal_holidays_include(hs, o);
			}
		}
		if ((a = config_setting_get_member(g, "rules"))) {
			if (!config_setting_is_list(a) && !(config_setting_is_array(a) && config_setting_length(a) == 0))
				return fail(c, a, _("%s.rules: must be a list ( {...}, {...} )"), where);
			for (int j = 0; j < config_setting_length(a); j++) {
				char w2[240];
				snprintf(w2, sizeof(w2), "%s.rules[%d]", where, j + 1);
				if (load_rule(c, hs, config_setting_get_elem(a, (unsigned)j), w2))
					return -1;
			}
		}
	}
	return 0;
}

/* "HH:MM" -> minute of day (24:00 allowed when end). */
static const char *parse_hm(const char *s, int *min)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[2] != ':' ||
	    s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
		return NULL;
	int h = (s[0] - '0') * 10 + s[1] - '0', m = (s[3] - '0') * 10 + s[4] - '0';
	if (h > 24 || (h == 24 && m))
		return NULL;
	*min = h * 60 + m;
	return s + 5;
}

static int load_calendar(struct ctx *c, const config_setting_t *g)
{
	static const char *const keys[] = {"zone", "holidays", "closed", "open",
					   "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};
	char where[200], w2[240];
	const config_setting_t *w, *a;

	snprintf(where, sizeof(where), "calendars.%s", sname(g));
	if (!config_setting_is_group(g))
		return fail(c, g, _("%s: must be a group { zone = \"...\"; mon = [\"09:00-17:00\"]; ... }"), where);
	if (check_keys(c, g, where, keys))
		return -1;
	if (cal_set_calendar(c->set, sname(g)))
		return fail(c, g, _("%s: defined twice"), where);
	const char *zname = get_string(g, "zone", &w);
	if (!zname)
		return fail(c, w ? w : g, _("%s: needs zone = \"Area/City\" (an IANA time zone)"), where);
	const struct cal_zone *zone = cal_set_zone(c->set, zname);
	if (!zone) {
		char zerr[512];
		struct cal_zone *z = conf_load_zone(zname, zerr, sizeof(zerr));
		if (!z)
			return fail(c, w, "%s: %s", where, zerr);
		zone = cal_set_adopt_zone(c->set, z);
	}
	struct calendar *cal = cal_set_add_calendar(c->set, sname(g), zone);
	for (int wd = 0; wd < 7; wd++) {
		if (!(a = config_setting_get_member(g, weekday_names[wd])))
			continue;
		snprintf(w2, sizeof(w2), "%s.%s", where, weekday_names[wd]);
		if (string_array(c, a, w2))
			return -1;
		if (config_setting_length(a) > 16)
			return fail(c, a, _("%s: at most 16 intervals a day"), w2);
		int prev_end = -1;
		for (int j = 0; j < config_setting_length(a); j++) {
			const config_setting_t *e = config_setting_get_elem(a, (unsigned)j);
			const char *s = config_setting_get_string(e), *p;
			int f, t;
			if (!(p = parse_hm(s, &f)) || *p != '-' || !(p = parse_hm(p + 1, &t)) || *p || f >= t)
				return fail(c, e, _("%s: '%s' is not an interval HH:MM-HH:MM (from < to, up to 24:00)"), w2, s);
			if (f < prev_end)
				return fail(c, e, _("%s: '%s' overlaps or precedes the interval before it"), w2, s);
			prev_end = t;
			cal_add_hours(cal, wd, f, t);
		}
	}
	if ((a = config_setting_get_member(g, "holidays"))) {
		snprintf(w2, sizeof(w2), "%s.holidays", where);
		if (string_array(c, a, w2))
			return -1;
		for (int j = 0; j < config_setting_length(a); j++) {
			const config_setting_t *e = config_setting_get_elem(a, (unsigned)j);
			const struct cal_holiday_set *hs = cal_set_holidays(c->set, config_setting_get_string(e));
			if (!hs)
				return fail(c, e, _("%s: unknown holiday set '%s'"), w2, config_setting_get_string(e));
			cal_use_holidays(cal, hs);
		}
	}
	if ((a = config_setting_get_member(g, "closed"))) {
		snprintf(w2, sizeof(w2), "%s.closed", where);
		if (string_array(c, a, w2))
			return -1;
		for (int j = 0; j < config_setting_length(a); j++) {
			const config_setting_t *e = config_setting_get_elem(a, (unsigned)j);
			const char *s = config_setting_get_string(e);
			const char *sp = strchr(s, ' ');
			char date[16];
			size_t dl = sp ? (size_t)(sp - s) : strlen(s);
			/* "MM-DD German name|English name": both optional. */
			char *name = sp && sp[1] ? xstrdup(sp + 1) : NULL;
			char *name_en = name ? strchr(name, '|') : NULL;
			int y, m, d, bad = 0;
			if (name_en) {
				*name_en++ = '\0';
				if (!*name_en)
					name_en = NULL;
			}
			if (dl >= sizeof(date))
				dl = sizeof(date) - 1;
			memcpy(date, s, dl);
			date[dl] = '\0';
			if (dl == 5 && parse_md(date, &m, &d) == 0)
				cal_add_closed_yearly_named(cal, m, d, name && *name ? name : NULL, name_en);
			else if (dl == 10 && parse_ymd(date, &y, &m, &d) == 0)
				cal_add_closed_once_named(cal, civil_to_days(y, m, d), name && *name ? name : NULL, name_en);
			else
				bad = 1;
			free(name);
			if (bad)
				return fail(c, e, _("%s: '%s' is not \"MM-DD [name[|English name]]\" (every year) or \"YYYY-MM-DD [name[|English name]]\""), w2, s);
		}
	}
	if ((a = config_setting_get_member(g, "open"))) {
		snprintf(w2, sizeof(w2), "%s.open", where);
		if (string_array(c, a, w2))
			return -1;
		for (int j = 0; j < config_setting_length(a); j++) {
			const config_setting_t *e = config_setting_get_elem(a, (unsigned)j);
			const char *s = config_setting_get_string(e), *slash = strchr(s, '/'), *why = "";
			sd_time f, t;
			if (!slash || sd_parse_instant(s, (size_t)(slash - s), &f, &why) ||
			    sd_parse_instant(slash + 1, strlen(slash + 1), &t, &why) || t <= f)
				return fail(c, e, _("%s: '%s' is not FROM/TO, two ISO 8601 instants with offset, FROM < TO %s%s"), w2, s,
					    *why ? ": " : "", why);
			cal_add_open_window(cal, f, t);
		}
	}
	return 0;
}

int conf_load_calendars(const config_t *cfg, const char *file, struct cal_set *set, char *err, size_t errlen)
{
	struct ctx c = {file, set, err, errlen};
	const config_setting_t *root = config_root_setting(cfg), *sec;

	if ((sec = config_setting_get_member(root, "holidays")) && load_holidays(&c, sec))
		return -1;
	if ((sec = config_setting_get_member(root, "calendars"))) {
		if (!config_setting_is_group(sec))
			return fail(&c, sec, _("calendars must be a group: calendars = { name = { ... }; };"));
		for (int i = 0; i < config_setting_length(sec); i++)
			if (load_calendar(&c, config_setting_get_elem(sec, (unsigned)i)))
				return -1;
	}
	return 0;
}

struct cal_set *conf_read_calendar_file(const char *path, char *err, size_t errlen)
{
	config_t cfg;
	struct cal_set *set;

	config_init(&cfg);
	if (!config_read_file(&cfg, path)) {
		if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO)
			snprintf(err, errlen, _("%s: cannot read: %s"), path, strerror(errno));
		else
			snprintf(err, errlen, "%s:%d: %s", config_error_file(&cfg) ? config_error_file(&cfg) : path,
				 config_error_line(&cfg), config_error_text(&cfg));
		config_destroy(&cfg);
		return NULL;
	}
	set = cal_set_new();
	if (conf_load_calendars(&cfg, path, set, err, errlen) != 0) {
		config_destroy(&cfg);
		cal_set_free(set);
		return NULL;
	}
	config_destroy(&cfg);
	if (cal_set_finish(set) != CAL_OK) {
		snprintf(err, errlen, _("%s: holiday sets include each other in a cycle"), path);
		cal_set_free(set);
		return NULL;
	}
	return set;
}

const char *holiday_title(const char *name, const char *name_en)
{
	return !sd_lang_de() && name_en ? name_en : name;
}
