/* Business calendars: civil dates, zones, holiday rules, and open-time
 * arithmetic over precomputed UTC intervals. See engine/calendar.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "engine/calendar.h"

#define MAX_DAY_INTERVALS 16
#define CIDX_STEP 86400

const char *cal_status_text(enum cal_status st)
{
	switch (st) {
	case CAL_OK: return "ok";
	case CAL_ERANGE: return N_("outside the years " "1970..2199");
	case CAL_ENOOPEN: return N_("the calendar has no open time (ahead)");
	case CAL_EINVAL: return N_("invalid argument");
	}
	return N_("unknown error");
}

/* ---- civil dates -------------------------------------------------------- */

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
int64_t civil_to_days(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t mp = (month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct civil_date days_to_civil(int64_t days)
{
	int64_t z = days + 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	struct civil_date d;

	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

int civil_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday (3). */
	int64_t w = (days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
struct civil_date civil_easter(int year)
{
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	struct civil_date r;

	r.year = year;
	r.month = (h + l - 7 * m + 114) / 31;
	r.day = (h + l - 7 * m + 114) % 31 + 1;
	return r;
}

/* ---- zones -------------------------------------------------------------- */

static size_t zone_index(const struct cal_zone *z, sd_time t)
{
	/* last i with at[i] <= t, or 0 */
	size_t lo = 0, hi = z->n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (z->at[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

int32_t cal_zone_offset(const struct cal_zone *z, sd_time t)
{
	return z->offset[zone_index(z, t)];
}

sd_time cal_zone_local_to_utc(const struct cal_zone *z, int64_t local_days, int minute_of_day)
{
	sd_time local = local_days * 86400 + (sd_time)minute_of_day * 60;
	/* The offset in force well before: the "earlier offset" of a nearby change. */
	int32_t before = cal_zone_offset(z, local - 2 * 86400);
	sd_time t1 = local - before;
	int32_t o1 = cal_zone_offset(z, t1);

	if (o1 == before)
		return t1; /* valid, and the first occurrence in an overlap */
	sd_time t2 = local - o1;
	if (cal_zone_offset(z, t2) == o1)
		return t2;
	return t1; /* in a gap: as if the earlier offset still held */
}

void cal_zone_utc_to_local(const struct cal_zone *z, sd_time t, int64_t *local_days, int *minute_of_day)
{
	sd_time local = t + cal_zone_offset(z, t);
	int64_t d = floor_div(local, 86400);

	*local_days = d;
	*minute_of_day = (int)((local - d * 86400) / 60);
}

/* ---- the set ------------------------------------------------------------ */

enum rule_kind { RULE_FIXED, RULE_EASTER, RULE_WEEKDAY_BEFORE, RULE_ONCE };

struct hrule {
	enum rule_kind kind;
	char *name, *name_en;
	int month, day, offset, weekday, from_year, to_year;
};

struct cal_holiday_set {
	char *name;
	struct hrule *rules;
	size_t nrules, caprules;
	const struct cal_holiday_set **inc;
	size_t ninc;
	int state; /* 0 new, 1 expanding, 2 expanded */
	struct cal_holiday *days;
	size_t ndays;
};

struct closed_yearly {
	int month, day;
	char *name, *name_en;
};
struct closed_once {
	int64_t day;
	char *name, *name_en;
};
struct window {
	sd_time from, to;
};

enum day_kind { DAY_WORKING, DAY_WEEKEND, DAY_HOLIDAY, DAY_CLOSED };

struct calendar {
	char *name;
	const struct cal_zone *zone;
	short hours[7][MAX_DAY_INTERVALS][2];
	int nhours[7];
	const struct cal_holiday_set **hsets;
	size_t nhsets;
	struct closed_yearly *cy;
	size_t ncy;
	struct closed_once *co;
	size_t nco;
	struct window *win;
	size_t nwin;
	/* computed on first use after cal_set_finish (cal_ready): a catalogue
	 * has dozens of calendars over 1995-2100, and a command or a database
	 * backend uses one or two of them */
	int pending;
	int ready;
	size_t n;
	sd_time *ostart, *oend;
	int64_t *cum;      /* n + 1 entries: open seconds before interval i */
	uint32_t *didx;    /* per UTC day k from T_LO (nd + 1): first i with oend[i] > day start */
	uint32_t *cidx;    /* per CIDX_STEP of open time b (nb + 1): first j with cum[j + 1] > b * step */
	size_t nb;
	uint8_t *kind;     /* enum day_kind per local day from day_lo */
	int32_t *wdcum;    /* ndays + 1: working days before day_lo + k */
};

struct cal_set {
	struct cal_holiday_set **hs;
	size_t nhs;
	struct calendar **cal;
	size_t ncal;
	struct cal_zone **zones;
	size_t nzones;
};

static int64_t day_lo(void) { return civil_to_days(CAL_YEAR_MIN, 1, 1); }
static int64_t day_hi(void) { return civil_to_days(CAL_YEAR_MAX + 1, 1, 1); }
#define T_LO ((sd_time)day_lo() * 86400)
#define T_HI ((sd_time)day_hi() * 86400)

struct cal_set *cal_set_new(void)
{
	return xcalloc(1, sizeof(struct cal_set));
}

static void calendar_free(struct calendar *c)
{
	free(c->name);
	free(c->hsets);
	for (size_t i = 0; i < c->ncy; i++)
		free(c->cy[i].name), free(c->cy[i].name_en);
	free(c->cy);
	for (size_t i = 0; i < c->nco; i++)
		free(c->co[i].name), free(c->co[i].name_en);
	free(c->co);
	free(c->win);
	free(c->ostart);
	free(c->oend);
	free(c->cum);
	free(c->didx);
	free(c->cidx);
	free(c->kind);
	free(c->wdcum);
	free(c);
}

void cal_set_free(struct cal_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->nhs; i++) {
		struct cal_holiday_set *h = set->hs[i];
		for (size_t j = 0; j < h->nrules; j++)
			free(h->rules[j].name), free(h->rules[j].name_en);
		free(h->rules);
		free(h->inc);
		free(h->days);
		free(h->name);
		free(h);
	}
	free(set->hs);
	for (size_t i = 0; i < set->ncal; i++)
		calendar_free(set->cal[i]);
	free(set->cal);
	for (size_t i = 0; i < set->nzones; i++)
		cal_zone_free(set->zones[i]);
	free(set->zones);
	free(set);
}

void cal_zone_free(struct cal_zone *z)
{
	if (!z)
		return;
	free(z->name);
	free(z->at);
	free(z->offset);
	free(z);
}

const struct cal_zone *cal_set_adopt_zone(struct cal_set *set, struct cal_zone *z)
{
	set->zones = xrealloc(set->zones, (set->nzones + 1) * sizeof(*set->zones));
	set->zones[set->nzones++] = z;
	return z;
}

const struct cal_zone *cal_set_zone(const struct cal_set *set, const char *name)
{
	for (size_t i = 0; i < set->nzones; i++)
		if (strcmp(set->zones[i]->name, name) == 0)
			return set->zones[i];
	return NULL;
}

struct cal_holiday_set *cal_set_add_holidays(struct cal_set *set, const char *name)
{
	struct cal_holiday_set *h = xcalloc(1, sizeof(*h));

	h->name = xstrdup(name);
	set->hs = xrealloc(set->hs, (set->nhs + 1) * sizeof(*set->hs));
	set->hs[set->nhs++] = h;
	return h;
}

struct cal_holiday_set *cal_set_holidays(const struct cal_set *set, const char *name)
{
	for (size_t i = 0; i < set->nhs; i++)
		if (strcmp(set->hs[i]->name, name) == 0)
			return set->hs[i];
	return NULL;
}

const char *cal_holidays_name(const struct cal_holiday_set *hs) { return hs->name; }
size_t cal_set_nholidays(const struct cal_set *set) { return set->nhs; }
const struct cal_holiday_set *cal_set_holidays_at(const struct cal_set *set, size_t i) { return set->hs[i]; }
size_t cal_set_ncalendars(const struct cal_set *set) { return set->ncal; }
const struct calendar *cal_set_calendar_at(const struct cal_set *set, size_t i) { return set->cal[i]; }

void cal_holidays_include(struct cal_holiday_set *hs, const struct cal_holiday_set *other)
{
	hs->inc = xrealloc(hs->inc, (hs->ninc + 1) * sizeof(*hs->inc));
	hs->inc[hs->ninc++] = other;
}

static void add_rule(struct cal_holiday_set *hs, struct hrule r, const char *name)
{
	if (hs->nrules == hs->caprules) {
		hs->caprules = hs->caprules ? hs->caprules * 2 : 8;
		hs->rules = xrealloc(hs->rules, hs->caprules * sizeof(*hs->rules));
	}
	r.name = xstrdup(name);
	r.name_en = NULL;
	hs->rules[hs->nrules++] = r;
}

void cal_holidays_name_en(struct cal_holiday_set *hs, const char *name_en)
{
	if (!hs->nrules)
		return;
	free(hs->rules[hs->nrules - 1].name_en);
	hs->rules[hs->nrules - 1].name_en = name_en ? xstrdup(name_en) : NULL;
}

void cal_holidays_fixed(struct cal_holiday_set *hs, const char *name, int month, int day, int from_year, int to_year)
{
	add_rule(hs, (struct hrule){.kind = RULE_FIXED, .month = month, .day = day, .from_year = from_year, .to_year = to_year}, name);
}

void cal_holidays_easter(struct cal_holiday_set *hs, const char *name, int offset_days, int from_year, int to_year)
{
	add_rule(hs, (struct hrule){.kind = RULE_EASTER, .offset = offset_days, .from_year = from_year, .to_year = to_year}, name);
}

void cal_holidays_weekday_before(struct cal_holiday_set *hs, const char *name, int weekday, int month, int day, int from_year, int to_year)
{
	add_rule(hs, (struct hrule){.kind = RULE_WEEKDAY_BEFORE, .weekday = weekday, .month = month, .day = day, .from_year = from_year, .to_year = to_year}, name);
}

void cal_holidays_once(struct cal_holiday_set *hs, const char *name, int year, int month, int day)
{
	add_rule(hs, (struct hrule){.kind = RULE_ONCE, .month = month, .day = day, .from_year = year, .to_year = year}, name);
}

static int64_t rule_day(const struct hrule *r, int year)
{
	switch (r->kind) {
	case RULE_FIXED:
	case RULE_ONCE:
		return civil_to_days(year, r->month, r->day);
	case RULE_EASTER: {
		struct civil_date e = civil_easter(year);
		return civil_to_days(year, e.month, e.day) + r->offset;
	}
	case RULE_WEEKDAY_BEFORE: {
		int64_t d = civil_to_days(year, r->month, r->day) - 1;
		return d - ((civil_weekday(d) - r->weekday + 7) % 7);
	}
	}
	return 0;
}

struct seq_holiday {
	struct cal_holiday h;
	size_t seq;
};

static int cmp_seq_holiday(const void *a, const void *b)
{
	const struct seq_holiday *x = a, *y = b;

	if (x->h.day != y->h.day)
		return x->h.day < y->h.day ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts by (day, seq) and drops repeats of a name on a day. */
static size_t sort_dedup(struct seq_holiday *v, size_t n, struct cal_holiday *out)
{
	size_t m = 0;

	qsort(v, n, sizeof(*v), cmp_seq_holiday);
	for (size_t i = 0; i < n; i++) {
		int dup = 0;
		for (size_t j = m; j > 0 && out[j - 1].day == v[i].h.day; j--)
			if (strcmp(out[j - 1].name, v[i].h.name) == 0)
				dup = 1;
		if (!dup)
			out[m++] = v[i].h;
	}
	return m;
}

static enum cal_status expand_holidays(struct cal_holiday_set *hs)
{
	if (hs->state == 2)
		return CAL_OK;
	if (hs->state == 1)
		return CAL_EINVAL; /* include cycle */
	hs->state = 1;
	size_t cap = 64, n = 0;
	struct seq_holiday *v = xmalloc(cap * sizeof(*v));
	for (size_t i = 0; i < hs->ninc; i++) {
		struct cal_holiday_set *o = (struct cal_holiday_set *)hs->inc[i];
		if (expand_holidays(o) != CAL_OK) {
			free(v);
			return CAL_EINVAL;
		}
		for (size_t j = 0; j < o->ndays; j++) {
			if (n == cap)
				v = xrealloc(v, (cap *= 2) * sizeof(*v));
			v[n].h = o->days[j];
			v[n].seq = n;
			n++;
		}
	}
	for (size_t i = 0; i < hs->nrules; i++) {
		const struct hrule *r = &hs->rules[i];
		int from = r->from_year < CAL_YEAR_MIN ? CAL_YEAR_MIN : r->from_year;
		int to = r->to_year > CAL_YEAR_MAX ? CAL_YEAR_MAX : r->to_year;
		for (int y = from; y <= to; y++) {
			if (n == cap)
				v = xrealloc(v, (cap *= 2) * sizeof(*v));
			v[n].h.day = rule_day(r, y);
			v[n].h.name = r->name;
			v[n].h.name_en = r->name_en;
			v[n].seq = n;
			n++;
		}
	}
	hs->days = xmalloc((n ? n : 1) * sizeof(*hs->days));
	hs->ndays = sort_dedup(v, n, hs->days);
	free(v);
	hs->state = 2;
	return CAL_OK;
}

/* First index in days[0..n) with day >= d. */
static size_t holiday_lower(const struct cal_holiday *days, size_t n, int64_t d)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (days[mid].day < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t cal_holidays_in_year(const struct cal_holiday_set *hs, int year, struct cal_holiday *out, size_t max)
{
	if (hs->state != 2)
		return 0;
	size_t a = holiday_lower(hs->days, hs->ndays, civil_to_days(year, 1, 1));
	size_t b = holiday_lower(hs->days, hs->ndays, civil_to_days(year + 1, 1, 1));
	for (size_t i = a; i < b && i - a < max; i++)
		out[i - a] = hs->days[i];
	return b - a;
}

const char *cal_holidays_on(const struct cal_holiday_set *hs, int64_t day)
{
	if (hs->state != 2)
		return NULL;
	size_t i = holiday_lower(hs->days, hs->ndays, day);
	return i < hs->ndays && hs->days[i].day == day ? hs->days[i].name : NULL;
}

/* ---- calendars: definition ---------------------------------------------- */

struct calendar *cal_set_add_calendar(struct cal_set *set, const char *name, const struct cal_zone *zone)
{
	struct calendar *c = xcalloc(1, sizeof(*c));

	c->name = xstrdup(name);
	c->zone = zone;
	set->cal = xrealloc(set->cal, (set->ncal + 1) * sizeof(*set->cal));
	set->cal[set->ncal++] = c;
	return c;
}

struct calendar *cal_set_calendar(const struct cal_set *set, const char *name)
{
	for (size_t i = 0; i < set->ncal; i++)
		if (strcmp(set->cal[i]->name, name) == 0)
			return set->cal[i];
	return NULL;
}

const char *cal_name(const struct calendar *cal) { return cal->name; }
const struct cal_zone *cal_zone(const struct calendar *cal) { return cal->zone; }

void cal_add_hours(struct calendar *cal, int weekday, int from_minute, int to_minute)
{
	if (weekday < 0 || weekday > 6 || from_minute < 0 || to_minute > 1440 || from_minute >= to_minute)
		return;
	int n = cal->nhours[weekday];
	if (n == MAX_DAY_INTERVALS)
		return;
	/* keep sorted by start */
	int i = n;
	while (i > 0 && cal->hours[weekday][i - 1][0] > from_minute) {
		cal->hours[weekday][i][0] = cal->hours[weekday][i - 1][0];
		cal->hours[weekday][i][1] = cal->hours[weekday][i - 1][1];
		i--;
	}
	cal->hours[weekday][i][0] = (short)from_minute;
	cal->hours[weekday][i][1] = (short)to_minute;
	cal->nhours[weekday] = n + 1;
}

void cal_use_holidays(struct calendar *cal, const struct cal_holiday_set *hs)
{
	cal->hsets = xrealloc(cal->hsets, (cal->nhsets + 1) * sizeof(*cal->hsets));
	cal->hsets[cal->nhsets++] = hs;
}

/* A closed day without a name is "geschlossen" ("closed"). */
static void closed_names(char **name, char **name_en, const char *n, const char *n_en)
{
	*name = xstrdup(n ? n : "geschlossen");
	*name_en = n_en ? xstrdup(n_en) : n ? NULL : xstrdup("closed");
}

void cal_add_closed_yearly_named(struct calendar *cal, int month, int day, const char *name, const char *name_en)
{
	cal->cy = xrealloc(cal->cy, (cal->ncy + 1) * sizeof(*cal->cy));
	cal->cy[cal->ncy].month = month;
	cal->cy[cal->ncy].day = day;
	closed_names(&cal->cy[cal->ncy].name, &cal->cy[cal->ncy].name_en, name, name_en);
	cal->ncy++;
}

void cal_add_closed_once_named(struct calendar *cal, int64_t day, const char *name, const char *name_en)
{
	cal->co = xrealloc(cal->co, (cal->nco + 1) * sizeof(*cal->co));
	cal->co[cal->nco].day = day;
	closed_names(&cal->co[cal->nco].name, &cal->co[cal->nco].name_en, name, name_en);
	cal->nco++;
}

void cal_add_closed_yearly(struct calendar *cal, int month, int day)
{
	cal_add_closed_yearly_named(cal, month, day, NULL, NULL);
}

void cal_add_closed_once(struct calendar *cal, int64_t day)
{
	cal_add_closed_once_named(cal, day, NULL, NULL);
}

void cal_add_open_window(struct calendar *cal, sd_time from, sd_time to)
{
	if (to <= from)
		return;
	cal->win = xrealloc(cal->win, (cal->nwin + 1) * sizeof(*cal->win));
	cal->win[cal->nwin].from = from;
	cal->win[cal->nwin].to = to;
	cal->nwin++;
}

struct calendar *cal_set_derive(struct cal_set *set, const struct calendar *cal, const char *name)
{
	struct calendar *c = cal_set_add_calendar(set, name, cal->zone);

	memcpy(c->hours, cal->hours, sizeof(c->hours));
	memcpy(c->nhours, cal->nhours, sizeof(c->nhours));
	for (size_t i = 0; i < cal->nhsets; i++)
		cal_use_holidays(c, cal->hsets[i]);
	for (size_t i = 0; i < cal->ncy; i++)
		cal_add_closed_yearly_named(c, cal->cy[i].month, cal->cy[i].day, cal->cy[i].name, cal->cy[i].name_en);
	for (size_t i = 0; i < cal->nco; i++)
		cal_add_closed_once_named(c, cal->co[i].day, cal->co[i].name, cal->co[i].name_en);
	for (size_t i = 0; i < cal->nwin; i++)
		cal_add_open_window(c, cal->win[i].from, cal->win[i].to);
	return c;
}

/* ---- calendars: precomputation ------------------------------------------ */

static int cmp_window(const void *a, const void *b)
{
	const struct window *x = a, *y = b;
	return x->from < y->from ? -1 : x->from > y->from;
}

struct ivbuf {
	struct window *v;
	size_t n, cap;
};

static void iv_push(struct ivbuf *b, sd_time from, sd_time to)
{
	if (to <= from)
		return;
	if (b->n && from <= b->v[b->n - 1].to) {
		if (to > b->v[b->n - 1].to)
			b->v[b->n - 1].to = to;
		return;
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 1024;
		b->v = xrealloc(b->v, b->cap * sizeof(*b->v));
	}
	b->v[b->n].from = from;
	b->v[b->n].to = to;
	b->n++;
}

static void day_intervals(const struct calendar *c, int64_t d, sd_time *from, sd_time *to, int *n)
{
	int wd = civil_weekday(d);

	*n = c->nhours[wd];
	for (int i = 0; i < *n; i++) {
		int a = c->hours[wd][i][0], b = c->hours[wd][i][1];
		from[i] = cal_zone_local_to_utc(c->zone, d, a);
		to[i] = b == 1440 ? cal_zone_local_to_utc(c->zone, d + 1, 0) : cal_zone_local_to_utc(c->zone, d, b);
	}
}

static void compute_calendar(struct calendar *c)
{
	int64_t lo = day_lo(), hi = day_hi(), nd = hi - lo;
	struct ivbuf b = {0};

	c->kind = xmalloc((size_t)nd);
	for (int64_t k = 0; k < nd; k++)
		c->kind[k] = c->nhours[civil_weekday(lo + k)] ? DAY_WORKING : DAY_WEEKEND;
	for (size_t i = 0; i < c->nco; i++)
		if (c->co[i].day >= lo && c->co[i].day < hi && c->kind[c->co[i].day - lo] == DAY_WORKING)
			c->kind[c->co[i].day - lo] = DAY_CLOSED;
	for (size_t i = 0; i < c->ncy; i++)
		for (int y = CAL_YEAR_MIN; y <= CAL_YEAR_MAX; y++) {
			int64_t d = civil_to_days(y, c->cy[i].month, c->cy[i].day);
			if (c->kind[d - lo] == DAY_WORKING)
				c->kind[d - lo] = DAY_CLOSED;
		}
	for (size_t i = 0; i < c->nhsets; i++) {
		const struct cal_holiday_set *h = c->hsets[i];
		for (size_t j = 0; j < h->ndays; j++) {
			int64_t d = h->days[j].day;
			if (d >= lo && d < hi && c->nhours[civil_weekday(d)])
				c->kind[d - lo] = DAY_HOLIDAY;
		}
	}
	c->wdcum = xmalloc((size_t)(nd + 1) * sizeof(*c->wdcum));
	c->wdcum[0] = 0;
	for (int64_t k = 0; k < nd; k++) {
		c->wdcum[k + 1] = c->wdcum[k] + (c->kind[k] == DAY_WORKING);
		if (c->kind[k] != DAY_WORKING)
			continue;
		sd_time f[MAX_DAY_INTERVALS], t[MAX_DAY_INTERVALS];
		int n;
		day_intervals(c, lo + k, f, t, &n);
		for (int i = 0; i < n; i++)
			iv_push(&b, f[i], t[i]);
	}
	if (c->nwin) {
		for (size_t i = 0; i < c->nwin; i++) {
			sd_time f = c->win[i].from < T_LO ? T_LO : c->win[i].from;
			sd_time t = c->win[i].to > T_HI ? T_HI : c->win[i].to;
			if (t <= f)
				continue;
			if (b.n == b.cap) {
				b.cap = b.cap ? b.cap * 2 : 16;
				b.v = xrealloc(b.v, b.cap * sizeof(*b.v));
			}
			b.v[b.n].from = f;
			b.v[b.n].to = t;
			b.n++;
		}
		qsort(b.v, b.n, sizeof(*b.v), cmp_window);
		size_t m = 0;
		for (size_t i = 0; i < b.n; i++) {
			if (m && b.v[i].from <= b.v[m - 1].to) {
				if (b.v[i].to > b.v[m - 1].to)
					b.v[m - 1].to = b.v[i].to;
			} else {
				b.v[m++] = b.v[i];
			}
		}
		b.n = m;
	}
	/* clip to the computable range */
	size_t first = 0;
	while (first < b.n && b.v[first].to <= T_LO)
		first++;
	size_t n = b.n - first;
	c->n = n;
	c->ostart = xmalloc((n ? n : 1) * sizeof(sd_time));
	c->oend = xmalloc((n ? n : 1) * sizeof(sd_time));
	c->cum = xmalloc((n + 1) * sizeof(int64_t));
	c->cum[0] = 0;
	for (size_t i = 0; i < n; i++) {
		sd_time f = b.v[first + i].from, t = b.v[first + i].to;
		if (f < T_LO)
			f = T_LO;
		if (t > T_HI)
			t = T_HI;
		c->ostart[i] = f;
		c->oend[i] = t;
		c->cum[i + 1] = c->cum[i] + (t - f);
	}
	free(b.v);
	/* search indexes: by UTC day, and by a day's worth of cumulative open time */
	c->didx = xmalloc((size_t)(nd + 2) * sizeof(*c->didx));
	size_t i = 0;
	for (int64_t k = 0; k <= nd + 1; k++) {
		sd_time ds = T_LO + k * 86400;
		while (i < n && c->oend[i] <= ds)
			i++;
		c->didx[k] = (uint32_t)i;
	}
	c->nb = (size_t)(c->cum[n] / CIDX_STEP) + 1;
	c->cidx = xmalloc((c->nb + 1) * sizeof(*c->cidx));
	size_t j = 0;
	for (size_t bk = 0; bk <= c->nb; bk++) {
		while (j < n && c->cum[j + 1] <= (int64_t)bk * CIDX_STEP)
			j++;
		c->cidx[bk] = (uint32_t)j;
	}
	c->ready = 1;
}

/* Computes a finished calendar on its first use. The calendar is const to
 * its users (the results do not change, only when they are worked out); it
 * was allocated writable by its set. */
static int cal_ready(const struct calendar *cal)
{
	if (!cal->ready && cal->pending)
		compute_calendar((struct calendar *)cal);
	return cal->ready;
}

enum cal_status cal_set_finish(struct cal_set *set)
{
	for (size_t i = 0; i < set->nhs; i++)
		if (expand_holidays(set->hs[i]) != CAL_OK)
			return CAL_EINVAL;
	for (size_t i = 0; i < set->ncal; i++) {
		struct calendar *c = set->cal[i];
		if (c->ready || c->pending)
			continue;
		for (size_t j = 0; j < c->nhsets; j++)
			if (expand_holidays((struct cal_holiday_set *)c->hsets[j]) != CAL_OK)
				return CAL_EINVAL;
		c->pending = 1;
	}
	return CAL_OK;
}

size_t cal_closed_in_year(const struct calendar *cal, int year, struct cal_holiday *out, size_t max)
{
	size_t cap = 64, n = 0;
	struct seq_holiday *v = xmalloc(cap * sizeof(*v));
	int64_t a = civil_to_days(year, 1, 1), b = civil_to_days(year + 1, 1, 1);

	for (size_t i = 0; i < cal->nhsets; i++) {
		const struct cal_holiday_set *h = cal->hsets[i];
		if (h->state != 2)
			continue;
		for (size_t j = holiday_lower(h->days, h->ndays, a); j < h->ndays && h->days[j].day < b; j++) {
			if (n == cap)
				v = xrealloc(v, (cap *= 2) * sizeof(*v));
			v[n].h = h->days[j];
			v[n].seq = n;
			n++;
		}
	}
	for (size_t i = 0; i < cal->ncy + cal->nco; i++) {
		if (n == cap)
			v = xrealloc(v, (cap *= 2) * sizeof(*v));
		if (i < cal->ncy) {
			v[n].h.day = civil_to_days(year, cal->cy[i].month, cal->cy[i].day);
			v[n].h.name = cal->cy[i].name;
			v[n].h.name_en = cal->cy[i].name_en;
		} else {
			const struct closed_once *o = &cal->co[i - cal->ncy];
			if (o->day < a || o->day >= b)
				continue;
			v[n].h.day = o->day;
			v[n].h.name = o->name;
			v[n].h.name_en = o->name_en;
		}
		v[n].seq = n;
		n++;
	}
	struct cal_holiday *all = xmalloc((n ? n : 1) * sizeof(*all));
	size_t m = sort_dedup(v, n, all);
	for (size_t i = 0; i < m && i < max; i++)
		out[i] = all[i];
	free(all);
	free(v);
	return m;
}

/* ---- arithmetic --------------------------------------------------------- */

/* Number of intervals with ostart <= t. */
static size_t upper_start(const struct calendar *c, sd_time t)
{
	const sd_time *base = c->ostart;
	size_t len = c->n;

	while (len > 1) {
		size_t half = len / 2;
		base = base[half] <= t ? base + half : base;
		len -= half;
	}
	return (size_t)(base - c->ostart) + (len == 1 && base[0] <= t);
}

/* Open seconds in [T_LO, t), t in range. */
static int64_t cum_at(const struct calendar *c, sd_time t)
{
	int64_t k = (t - T_LO) / 86400;
	size_t lo = c->didx[k], hi = c->didx[k + 1];

	/* first i in [lo, hi] with oend[i] > t */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->oend[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == c->n)
		return c->cum[c->n];
	return c->cum[lo] + (t > c->ostart[lo] ? t - c->ostart[lo] : 0);
}

/* First j with cum[j + 1] >= target (strict: > target), 0 <= target <= total. */
static size_t find_cum(const struct calendar *c, int64_t target, int strict)
{
	size_t bk = (size_t)(target / CIDX_STEP);
	size_t lo = c->cidx[bk], hi = bk + 1 <= c->nb ? c->cidx[bk + 1] : c->n;

	if (lo > 0)
		lo--;
	if (hi > c->n)
		hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int less = strict ? c->cum[mid + 1] <= target : c->cum[mid + 1] < target;
		if (less)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int in_range(sd_time t)
{
	return t >= T_LO && t < T_HI;
}

static enum cal_status beyond(const struct calendar *c)
{
	return c->oend[c->n - 1] > T_HI - 400 * 86400 ? CAL_ERANGE : CAL_ENOOPEN;
}

enum cal_status cal_add(const struct calendar *cal, sd_time start, int64_t minutes, sd_time *out)
{
	if (!cal_ready(cal) || minutes < 0)
		return CAL_EINVAL;
	if (!in_range(start))
		return CAL_ERANGE;
	if (cal->n == 0)
		return CAL_ENOOPEN;
	int64_t total = cal->cum[cal->n];
	int64_t c0 = cum_at(cal, start);
	if (minutes > (total - c0) / 60)
		return beyond(cal);
	int64_t target = c0 + minutes * 60;
	size_t j = find_cum(cal, target, minutes == 0);
	if (j >= cal->n)
		return beyond(cal);
	*out = cal->ostart[j] + (target - cal->cum[j]);
	return CAL_OK;
}

enum cal_status cal_between(const struct calendar *cal, sd_time from, sd_time to, int64_t *minutes)
{
	if (!cal_ready(cal))
		return CAL_EINVAL;
	if (!in_range(from) || !in_range(to))
		return CAL_ERANGE;
	if (cal->n == 0) {
		*minutes = 0;
		return CAL_OK;
	}
	int64_t s = cum_at(cal, to) - cum_at(cal, from);
	*minutes = s / 60; /* C division truncates toward zero */
	return CAL_OK;
}

int cal_is_open(const struct calendar *cal, sd_time t)
{
	if (!cal_ready(cal) || cal->n == 0 || !in_range(t))
		return 0;
	size_t k = upper_start(cal, t);
	return k > 0 && t < cal->oend[k - 1];
}

int cal_is_working_day(const struct calendar *cal, int64_t day)
{
	if (!cal_ready(cal) || day < day_lo() || day >= day_hi())
		return 0;
	return cal->kind[day - day_lo()] == DAY_WORKING;
}

enum cal_status cal_next_working_day(const struct calendar *cal, int64_t day, int n, int64_t *out)
{
	int64_t lo = day_lo(), nd = day_hi() - lo;

	if (!cal_ready(cal) || n < 0)
		return CAL_EINVAL;
	if (day < lo || day >= lo + nd)
		return CAL_ERANGE;
	if (cal->wdcum[nd] == 0)
		return CAL_ENOOPEN;
	/* we want the c-th working day (1-based) of the whole range */
	int64_t c = n == 0 ? (int64_t)cal->wdcum[day - lo] + 1 : (int64_t)cal->wdcum[day - lo + 1] + n;
	if (c > cal->wdcum[nd])
		return CAL_ERANGE;
	/* smallest k with wdcum[k + 1] >= c */
	size_t a = 0, b = (size_t)nd;
	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (cal->wdcum[mid + 1] < c)
			a = mid + 1;
		else
			b = mid;
	}
	*out = lo + (int64_t)a;
	return CAL_OK;
}

enum cal_status cal_day_open(const struct calendar *cal, int64_t day, sd_time *out)
{
	sd_time f[MAX_DAY_INTERVALS], t[MAX_DAY_INTERVALS];
	int n;

	if (!cal_is_working_day(cal, day))
		return CAL_EINVAL;
	day_intervals(cal, day, f, t, &n);
	*out = f[0];
	return CAL_OK;
}

enum cal_status cal_day_close(const struct calendar *cal, int64_t day, sd_time *out)
{
	sd_time f[MAX_DAY_INTERVALS], t[MAX_DAY_INTERVALS];
	int n;

	if (!cal_is_working_day(cal, day))
		return CAL_EINVAL;
	day_intervals(cal, day, f, t, &n);
	*out = t[n - 1];
	return CAL_OK;
}

enum cal_status cal_add_days(const struct calendar *cal, sd_time start, int64_t n, sd_time *out)
{
	sd_time s0;
	enum cal_status st;

	if (n < 0 || n > INT32_MAX)
		return CAL_EINVAL;
	st = cal_add(cal, start, 0, &s0);
	if (st != CAL_OK || n == 0) {
		if (st == CAL_OK)
			*out = s0;
		return st;
	}
	sd_time local = s0 + cal_zone_offset(cal->zone, s0);
	int64_t d = floor_div(local, 86400), d2;
	int secs = (int)(local - d * 86400);
	st = cal_next_working_day(cal, d, (int)n, &d2);
	if (st != CAL_OK)
		return st;
	sd_time x = cal_zone_local_to_utc(cal->zone, d2, secs / 60) + secs % 60;
	sd_time f[MAX_DAY_INTERVALS], t[MAX_DAY_INTERVALS];
	int k;
	day_intervals(cal, d2, f, t, &k);
	if (x < f[0]) {
		x = f[0];
	} else {
		sd_time best = t[0];
		int inside = 0;
		for (int i = 0; i < k; i++) {
			if (x >= f[i] && x <= t[i])
				inside = 1;
			if (t[i] <= x)
				best = t[i];
		}
		if (!inside)
			x = best;
	}
	if (!in_range(x))
		return CAL_ERANGE;
	*out = x;
	return CAL_OK;
}

static const struct cal_holiday *holiday_on(const struct calendar *c, int64_t d)
{
	for (size_t i = 0; i < c->nhsets; i++) {
		const struct cal_holiday_set *hs = c->hsets[i];
		if (hs->state != 2)
			continue;
		size_t k = holiday_lower(hs->days, hs->ndays, d);
		if (k < hs->ndays && hs->days[k].day == d)
			return &hs->days[k];
	}
	return NULL;
}

enum cal_status cal_add_explain(const struct calendar *cal, sd_time start, int64_t minutes, sd_time *out,
				void (*step)(const struct cal_step *s, void *arg), void *arg)
{
	sd_time end;
	enum cal_status st = cal_add(cal, start, minutes, &end);
	int64_t lo = day_lo();

	if (st != CAL_OK)
		return st;
	*out = end;
	int64_t d0 = floor_div(start + cal_zone_offset(cal->zone, start), 86400);
	int64_t d1 = floor_div(end + cal_zone_offset(cal->zone, end), 86400);
	size_t k = upper_start(cal, start);
	if (k > 0 && cal->oend[k - 1] > start)
		k--;
	for (int64_t d = d0; d <= d1; d++) {
		struct cal_step s = {0};
		const struct cal_holiday *h;
		sd_time dstart = cal_zone_local_to_utc(cal->zone, d, 0);
		sd_time dend = cal_zone_local_to_utc(cal->zone, d + 1, 0);
		if (d >= lo && d < day_hi() && cal->kind[d - lo] != DAY_WORKING) {
			s.from = dstart;
			s.to = dend;
			switch (cal->kind[d - lo]) {
			case DAY_HOLIDAY:
				s.kind = CAL_STEP_HOLIDAY;
				if ((h = holiday_on(cal, d))) {
					s.name = h->name;
					s.name_en = h->name_en;
				}
				break;
			case DAY_CLOSED:
				s.kind = CAL_STEP_CLOSED;
				break;
			default:
				s.kind = CAL_STEP_WEEKEND;
				break;
			}
			step(&s, arg);
		}
		for (; k < cal->n && cal->ostart[k] < dend && cal->ostart[k] < end; k++) {
			struct cal_step o = {.kind = CAL_STEP_OPEN};
			o.from = cal->ostart[k] > start ? cal->ostart[k] : start;
			o.to = cal->oend[k] < end ? cal->oend[k] : end;
			if (o.to <= o.from)
				continue;
			o.minutes = (o.to - o.from) / 60;
			step(&o, arg);
		}
	}
	return CAL_OK;
}
