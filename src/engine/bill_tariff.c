/* Hotline tariff windows and the managed-service rush decision: the billing
 * rules that need local time. See billing.h and doc/billing.md. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "engine/billing.h"

static int in_window(const struct sla_tariff_window *w, int weekday, int minute)
{
	if (!(w->weekdays & (1u << weekday)))
		return 0;
	if (w->from_minute < w->to_minute)
		return minute >= w->from_minute && minute < w->to_minute;
	if (w->from_minute > w->to_minute) /* wraps midnight */
		return minute >= w->from_minute || minute < w->to_minute;
	return 1; /* from == to: the whole day */
}

const struct sla_tariff_window *bill_hotline_window(const struct sla_budget *b, int weekday, int minute)
{
	for (size_t i = 0; i < b->nhotline; i++)
		if (in_window(&b->hotline[i], weekday, minute))
			return &b->hotline[i];
	return NULL;
}

static const struct sla_tariff_window *day_tariff(const struct sla_budget *b)
{
	const struct sla_tariff_window *best = NULL;

	for (size_t i = 0; i < b->nhotline; i++)
		if (!best || b->hotline[i].first_cents < best->first_cents)
			best = &b->hotline[i];
	return best;
}

/* The window in force at instant t; *gap / *holiday tell how it was found. */
static const struct sla_tariff_window *window_at(const struct sla_budget *b, const struct cal_zone *z,
						 const struct cal_holiday_set *hol, sd_time t, int *gap,
						 int *holiday)
{
	int64_t day;
	int minute, wd;
	const struct sla_tariff_window *w;

	cal_zone_utc_to_local(z, t, &day, &minute);
	wd = civil_weekday(day);
	*gap = *holiday = 0;
	if (wd < 5 && hol && !b->hotline_holiday_weekday && cal_holidays_on(hol, day)) {
		wd = 5; /* priced like a Saturday */
		*holiday = 1;
	}
	w = bill_hotline_window(b, wd, minute);
	if (!w) {
		*gap = 1;
		w = day_tariff(b);
	}
	return w;
}

static int same_tariff(const struct sla_tariff_window *a, const struct sla_tariff_window *b)
{
	return a->first_cents == b->first_cents && a->minute_cents == b->minute_cents;
}

enum bill_status bill_hotline_price(const struct sla_budget *b, const struct cal_zone *z,
				    const struct cal_holiday_set *hol, sd_time start, int64_t seconds,
				    struct bill_hotline *out)
{
	const struct sla_tariff_window *w0, *w;
	int gap0, hol0, gap, holi;
	int64_t unit, first;

	memset(out, 0, sizeof(*out));
	if (seconds < 0)
		return BILL_EINVAL;
	if (seconds > BILL_MAX_SECONDS)
		return BILL_ERANGE;
	if (!b->nhotline || !z)
		return BILL_ENOTARIFF;
	w0 = window_at(b, z, hol, start, &gap0, &hol0);
	unit = w0->unit_minutes > 0 ? w0->unit_minutes : 1;
	first = w0->first_minutes > 0 ? w0->first_minutes : 0;
	out->minutes = (seconds + 59) / 60;
	out->blocks = (out->minutes + unit - 1) / unit;
	out->billed_minutes = out->blocks * unit;
	for (int64_t k = 0; k < out->blocks; k++) {
		int64_t bfrom = k * unit, bto = bfrom + unit;
		int64_t in_first = 0, per_min, cents = 0;
		struct bill_hotline_seg *s;

		if (k == 0 || b->hotline_whole_call) {
			w = w0;
			gap = gap0;
			holi = hol0;
		} else {
			w = window_at(b, z, hol, start + bfrom * 60, &gap, &holi);
		}
		if (bfrom < first)
			in_first = (bto < first ? bto : first) - bfrom;
		per_min = unit - in_first;
		if (k == 0 && first > 0)
			cents += w0->first_cents;
		cents += per_min * w->minute_cents;

		s = out->nseg ? &out->seg[out->nseg - 1] : NULL;
		if (!s || !same_tariff(s->w, w) || s->gap != gap || s->holiday != holi) {
			if (out->nseg < BILL_HOTLINE_MAXSEG) {
				s = &out->seg[out->nseg++];
				s->w = w;
				s->gap = gap;
				s->holiday = holi;
			} /* else: keep adding to the last run; the total stays exact */
		}
		s->blocks++;
		s->first_minutes += in_first;
		s->minutes += per_min;
		s->cents += cents;
		out->cents += cents;
	}
	/* The first block's charge covers first_minutes even if the call is
	 * shorter: a started block counts whole. */
	return BILL_OK;
}

char *bill_hotline_text(const struct bill_hotline *h, char *buf, size_t len)
{
	char a[40], c[40];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < h->nseg && n < len; i++) {
		const struct bill_hotline_seg *s = &h->seg[i];
		const char *note = s->holiday ? " (holiday)" : s->gap ? " (day tariff)" : "";
		if (s->first_minutes > 0 && n < len)
			n += (size_t)snprintf(buf + n, len - n, "%sfirst %lld min %s%s", n ? ", " : "",
					      (long long)s->first_minutes,
					      bill_format_eur(s->w->first_cents, a, sizeof(a)), note);
		if (s->minutes > 0 && n < len)
			n += (size_t)snprintf(buf + n, len - n, "%s%lld min x %s%s", n ? ", " : "",
					      (long long)s->minutes,
					      bill_format_eur(s->w->minute_cents, a, sizeof(a)), note);
	}
	if (n == 0 && len > 0)
		n = (size_t)snprintf(buf, len, "0 min");
	if (n < len)
		snprintf(buf + n, len - n, " = %s", bill_format_eur(h->cents, c, sizeof(c)));
	return buf;
}

/* ---- rush -------------------------------------------------------------- */

static void fmt_local(const struct cal_zone *z, sd_time t, char *buf, size_t len)
{
	static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	int64_t day;
	int minute;
	struct civil_date d;

	cal_zone_utc_to_local(z, t, &day, &minute);
	d = days_to_civil(day);
	snprintf(buf, len, "%s %04d-%02d-%02d %02d:%02d", wd[civil_weekday(day)], d.year, d.month, d.day,
		 minute / 60, minute % 60);
}

enum bill_status bill_rush_decide(const struct calendar *support, sd_time requested, sd_time work,
				  struct bill_rush *out)
{
	const struct cal_zone *z;
	int64_t rday, wday;
	int rmin, wmin;
	char rs[32], ws[32];

	memset(out, 0, sizeof(*out));
	if (!support || work < requested)
		return BILL_EINVAL;
	z = cal_zone(support);
	cal_zone_utc_to_local(z, requested, &rday, &rmin);
	cal_zone_utc_to_local(z, work, &wday, &wmin);
	out->same_day = rday == wday;
	out->outside_hours = !cal_is_open(support, work);
	out->rush = out->same_day || out->outside_hours;
	fmt_local(z, requested, rs, sizeof(rs));
	fmt_local(z, work, ws, sizeof(ws));
	if (out->same_day && out->outside_hours)
		snprintf(out->reason, sizeof(out->reason),
			 "rush: same calendar day as requested and outside support hours (%s)", ws);
	else if (out->same_day)
		snprintf(out->reason, sizeof(out->reason), "rush: same calendar day as requested (%.14s)", ws);
	else if (out->outside_hours)
		snprintf(out->reason, sizeof(out->reason), "rush: outside support hours of %s (%s)",
			 cal_name(support), ws);
	else
		snprintf(out->reason, sizeof(out->reason),
			 "normal rate: requested %.14s, done %s within support hours", rs, ws);
	return BILL_OK;
}
