/* Rounding, money, balances, phone minutes, points and VAT; see billing.h.
 * Hotline and rush (they need the calendar) are in bill_tariff.c. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "engine/billing.h"

const char *bill_status_text(enum bill_status st)
{
	switch (st) {
	case BILL_OK: return "ok";
	case BILL_EINVAL: return N_("invalid amount or duration");
	case BILL_ERANGE: return N_("amount too large");
	case BILL_EMINIMUM: return N_("below the minimum package size");
	case BILL_ENOKIND: return N_("no such points account in the plan");
	case BILL_ENOTARIFF: return N_("the plan has no tariff for this");
	case BILL_ECAL: return N_("the calendar cannot answer for this instant");
	}
	return N_("unknown billing error");
}

const char *bill_move_kind_name(enum bill_move_kind k)
{
	static const char *const names[] = {
#define BILL_X(e, n) n,
		BILL_MOVE_KINDS(BILL_X)
#undef BILL_X
	};
	if ((size_t)k >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[k];
}

/* ---- money ------------------------------------------------------------- */

int64_t bill_div_round(int64_t value, int64_t num, int64_t den)
{
	int64_t p = value * num;
	int64_t q = p / den, r = p % den;

	/* half away from zero: |r| * 2 >= den rounds outward */
	if (r < 0)
		r = -r;
	if (r * 2 >= den)
		q += (p < 0) ? -1 : 1;
	return q;
}

char *bill_format_cents(int64_t cents, char *buf, size_t len)
{
	uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;

	snprintf(buf, len, "%s%llu.%02llu", cents < 0 ? "-" : "", (unsigned long long)(a / 100),
		 (unsigned long long)(a % 100));
	return buf;
}

char *bill_format_eur(int64_t cents, char *buf, size_t len)
{
	char num[32];

	snprintf(buf, len, "EUR %s", bill_format_cents(cents, num, sizeof(num)));
	return buf;
}

int bill_parse_cents(const char *s, int64_t *cents)
{
	int64_t whole = 0, frac = 0;
	int neg = 0, digits = 0, decimals = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		whole = whole * 10 + (*s - '0');
		if (whole > 10000000)
			return -1;
	}
	if (*s == '.' || *s == ',') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (++decimals > 2)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (!decimals)
			return -1;
	}
	if (*s != '\0' || !digits)
		return -1;
	if (decimals == 1)
		frac *= 10;
	*cents = (neg ? -1 : 1) * (whole * 100 + frac);
	return 0;
}

/* ---- months ------------------------------------------------------------ */

int bill_month(int year, int month)
{
	return year * 12 + (month - 1);
}

void bill_month_split(int key, int *year, int *month)
{
	*year = key / 12;
	*month = key % 12 + 1;
}

int bill_month_parse(const char *s, int *key)
{
	int y = 0, m = 0;

	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (s[4] != '-' || s[5] < '0' || s[5] > '9' || s[6] < '0' || s[6] > '9' || s[7] != '\0')
		return -1;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < CAL_YEAR_MIN || y > CAL_YEAR_MAX || m < 1 || m > 12)
		return -1;
	*key = bill_month(y, m);
	return 0;
}

int bill_month_of_day(int64_t days)
{
	struct civil_date d = days_to_civil(days);
	return bill_month(d.year, d.month);
}

const struct cal_zone *bill_ledger_zone(const struct sla_catalogue *cat)
{
	size_t n = cal_set_ncalendars(cat->cals);

	for (size_t i = 0; i < n; i++) {
		const struct cal_zone *z = cal_zone(cal_set_calendar_at(cat->cals, i));
		if (strcmp(z->name, "Europe/Berlin") == 0)
			return z;
	}
	return n ? cal_zone(cal_set_calendar_at(cat->cals, 0)) : NULL;
}

int bill_month_at(const struct cal_zone *z, sd_time t)
{
	int64_t day;
	int minute;

	cal_zone_utc_to_local(z, t, &day, &minute);
	return bill_month_of_day(day);
}

/* ---- time entries ------------------------------------------------------ */

int64_t bill_round_up(int64_t minutes, int unit)
{
	if (minutes <= 0)
		return 0;
	if (unit <= 0)
		unit = 1;
	return (minutes + unit - 1) / unit * unit;
}

int64_t bill_time_cents(int64_t minutes, int64_t hour_cents)
{
	return bill_div_round(minutes, hour_cents, 60);
}

/* Guards products of minutes and cents: 24 h of minutes at EUR 1e9/h stay far
 * below 2^62. */
#define BILL_MAX_RATE_CENTS 100000000000LL

enum bill_status bill_time_entry(const struct sla_budget *b, int64_t minutes, int64_t hour_cents,
				 struct bill_time *out)
{
	int unit = (b && b->billing_unit_minutes > 0) ? b->billing_unit_minutes : 15;

	memset(out, 0, sizeof(*out));
	if (minutes <= 0 || hour_cents < 0)
		return BILL_EINVAL;
	if (minutes > BILL_MAX_SECONDS / 60 || hour_cents > BILL_MAX_RATE_CENTS)
		return BILL_ERANGE;
	out->minutes = minutes;
	out->unit = unit;
	out->rounded = bill_round_up(minutes, unit);
	out->units = out->rounded / unit;
	out->hour_cents = hour_cents;
	out->cents = bill_time_cents(out->rounded, hour_cents);
	return BILL_OK;
}

/* ---- balances ---------------------------------------------------------- */

enum bill_status bill_balance(const struct sla_budget *b, const struct bill_move *moves, size_t n,
			      int month, struct bill_balance *out)
{
	int have_allowance = 0;
	int64_t free_earlier = 0; /* net free minutes of earlier months (rollover) */
	size_t npoints = b ? b->npoints : BILL_MAX_POINTS_KINDS;

	memset(out, 0, sizeof(*out));
	out->month = month;
	for (size_t i = 0; i < n; i++) {
		const struct bill_move *mv = &moves[i];

		if (mv->month > month)
			continue;
		switch (mv->pool) {
		case BILL_POOL_FREE:
			if (mv->month == month) {
				out->free_left += mv->amount;
				if (mv->kind == BILL_MV_ALLOWANCE) {
					have_allowance = 1;
					out->free_allowance += mv->amount;
				}
			} else {
				free_earlier += mv->amount;
			}
			break;
		case BILL_POOL_CREDIT:
			out->credit_left += mv->amount;
			break;
		case BILL_POOL_POINTS:
			if (mv->points_kind < 0 || (size_t)mv->points_kind >= npoints ||
			    mv->points_kind >= BILL_MAX_POINTS_KINDS)
				return BILL_EINVAL;
			out->points_left[mv->points_kind] += mv->amount;
			break;
		case BILL_POOL_BILLED:
			if (mv->month == month) {
				out->billed_minutes -= mv->amount;
				out->billed_cents += mv->cents;
			}
			break;
		}
	}
	if (!have_allowance && b && b->monthly_free_minutes > 0) {
		out->allowance_implied = 1;
		out->free_allowance += b->monthly_free_minutes;
		out->free_left += b->monthly_free_minutes;
	}
	if (b && b->rollover && free_earlier > 0) {
		out->free_allowance += free_earlier;
		out->free_left += free_earlier;
	}
	return BILL_OK;
}

/* ---- phone minutes ----------------------------------------------------- */

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }
static int64_t pos(int64_t a) { return a > 0 ? a : 0; }

enum bill_status bill_phone_split(const struct sla_budget *b, const struct bill_balance *bal, int64_t seconds,
				  struct bill_phone_split *out)
{
	int64_t left;

	memset(out, 0, sizeof(*out));
	if (seconds < 0)
		return BILL_EINVAL;
	if (seconds > BILL_MAX_SECONDS || b->overage_minute_cents > BILL_MAX_RATE_CENTS)
		return BILL_ERANGE;
	out->minutes = (seconds + 59) / 60;
	left = out->minutes;
	out->free = min64(left, pos(bal->free_left));
	left -= out->free;
	out->credit = min64(left, pos(bal->credit_left));
	left -= out->credit;
	out->billed = left;
	out->cents = left * b->overage_minute_cents;
	return BILL_OK;
}

char *bill_phone_text(const struct bill_phone_split *s, char *buf, size_t len)
{
	char eur[40];
	int n = 0;

	buf[0] = '\0';
#define PART(v, word)                                                                          \
	if ((v) > 0 && (size_t)n < len)                                                        \
		n += snprintf(buf + n, len - (size_t)n, "%s%lld " word, n ? ", " : "", (long long)(v));
	PART(s->free, "free")
	PART(s->credit, "credit")
	PART(s->billed, "billed")
#undef PART
	if (n == 0)
		n = snprintf(buf, len, "0 min");
	if ((size_t)n < len)
		snprintf(buf + n, len - (size_t)n, " = %s", bill_format_eur(s->cents, eur, sizeof(eur)));
	return buf;
}

size_t bill_phone_moves(const struct bill_phone_split *s, int month, struct bill_move out[3])
{
	size_t n = 0;

	if (s->free > 0)
		out[n++] = (struct bill_move){BILL_MV_CONSUMPTION, BILL_POOL_FREE, -1, -s->free, 0, month};
	if (s->credit > 0)
		out[n++] = (struct bill_move){BILL_MV_CONSUMPTION, BILL_POOL_CREDIT, -1, -s->credit, 0, month};
	if (s->billed > 0)
		out[n++] = (struct bill_move){BILL_MV_OVERAGE, BILL_POOL_BILLED, -1, -s->billed, s->cents, month};
	return n;
}

/* ---- points ------------------------------------------------------------ */

int bill_points_kind(const struct sla_budget *b, const char *name)
{
	for (size_t i = 0; i < b->npoints && i < BILL_MAX_POINTS_KINDS; i++)
		if (b->points[i].name && strcmp(b->points[i].name, name) == 0)
			return (int)i;
	return -1;
}

static const struct sla_points_kind *points_kind(const struct sla_budget *b, int k)
{
	if (k < 0 || (size_t)k >= b->npoints || k >= BILL_MAX_POINTS_KINDS)
		return NULL;
	return &b->points[k];
}

static int mpp(const struct sla_points_kind *pk)
{
	return pk->minutes_per_point > 0 ? pk->minutes_per_point : 15;
}

enum bill_status bill_points_package(const struct sla_budget *b, int k, int64_t points, int month,
				     struct bill_move *out)
{
	const struct sla_points_kind *pk = points_kind(b, k);

	memset(out, 0, sizeof(*out));
	if (!pk)
		return BILL_ENOKIND;
	if (points <= 0)
		return BILL_EINVAL;
	if (points < pk->min_points)
		return BILL_EMINIMUM;
	if (points > 1000000 || pk->hour_cents > BILL_MAX_RATE_CENTS)
		return BILL_ERANGE;
	*out = (struct bill_move){BILL_MV_PACKAGE, BILL_POOL_POINTS, k, points,
				  bill_time_cents(points * mpp(pk), pk->hour_cents), month};
	return BILL_OK;
}

enum bill_status bill_points_use(const struct sla_budget *b, int k, int64_t minutes, int64_t balance,
				 struct bill_points_use *out)
{
	const struct sla_points_kind *pk = points_kind(b, k);
	int m;

	memset(out, 0, sizeof(*out));
	if (!pk)
		return BILL_ENOKIND;
	if (minutes <= 0)
		return BILL_EINVAL;
	if (minutes > BILL_MAX_SECONDS / 60 || pk->hour_cents > BILL_MAX_RATE_CENTS)
		return BILL_ERANGE;
	m = mpp(pk);
	out->minutes = minutes;
	out->points = (minutes + m - 1) / m;
	out->before = balance;
	out->after = balance - out->points;
	out->overage_points = out->points - min64(out->points, pos(balance));
	out->overage_cents = bill_time_cents(out->overage_points * m, pk->hour_cents);
	out->warning = out->after < 0;
	return BILL_OK;
}

/* ---- VAT --------------------------------------------------------------- */

enum bill_status bill_vat_total(const int64_t *net_lines, size_t n, int vat_bp, struct bill_vat *out)
{
	const int64_t lim = INT64_C(1) << 48; /* |net| * 10000 stays below 2^62 */

	memset(out, 0, sizeof(*out));
	if (vat_bp < 0 || vat_bp > 10000)
		return BILL_EINVAL;
	out->vat_bp = vat_bp;
	for (size_t i = 0; i < n; i++) {
		if (net_lines[i] > lim || net_lines[i] < -lim)
			return BILL_ERANGE;
		out->net += net_lines[i];
		if (out->net > lim || out->net < -lim)
			return BILL_ERANGE;
	}
	out->vat = bill_div_round(out->net, vat_bp, 10000);
	out->gross = out->net + out->vat;
	return BILL_OK;
}

/* ---- extended standby -------------------------------------------------- */

int64_t bill_standby_hours(int64_t seconds)
{
	return seconds > 0 ? (seconds + 3599) / 3600 : 0;
}

enum bill_status bill_standby_price(const struct sla_budget *b, sd_time now, sd_time start, sd_time end,
				    int64_t hour_cents, struct bill_standby *out)
{
	int64_t day;
	int minute;

	memset(out, 0, sizeof(*out));
	if (end <= start || end - start > BILL_MAX_SECONDS || hour_cents < 0)
		return BILL_EINVAL;
	if (!b->standby_cal)
		return BILL_ECAL;
	out->hours = bill_standby_hours(end - start);
	out->hour_cents = hour_cents;
	out->cents = out->hours * hour_cents;
	cal_zone_utc_to_local(cal_zone(b->standby_cal), now, &day, &minute);
	if (b->standby_lead_days > 0) {
		if (cal_next_working_day(b->standby_cal, day, b->standby_lead_days, &out->earliest_day) != CAL_OK)
			return BILL_ECAL;
	} else {
		out->earliest_day = day;
	}
	out->earliest = cal_zone_local_to_utc(cal_zone(b->standby_cal), out->earliest_day, 0);
	out->early = start < out->earliest;
	return BILL_OK;
}
