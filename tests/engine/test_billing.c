/* Billing engine without calendars: typed durations, quarter-hour rounding and
 * prices, phone minutes (free -> activation credit -> overage) over a ledger,
 * points packages and use, VAT on the total. Expected values are worked out by
 * hand from the seeds (000 managed service, 002 phone minutes, 004 points) in
 * the comments beside them. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "engine/billing.h"
#include "engine/duration.h"
#include "base/util.h"

/* ---- typed durations --------------------------------------------------- */

static const struct {
	const char *in;
	int64_t seconds;
} dur_ok[] = {
	{"25m", 1500},          /* 25 * 60 */
	{"1:10", 4200},         /* h:mm: 1 h 10 min = 70 min */
	{"1.5h", 5400},         /* 90 min */
	{"1,5h", 5400},         /* German decimal comma */
	{"90", 5400},           /* bare number = minutes */
	{"2h 5m", 7500},        /* 125 min */
	{"2h5m", 7500},
	{"  15m\t", 900},
	{"0:45", 2700},
	{"1:10:30", 4230},      /* 70 min 30 s */
	{"45s", 45},
	{"12m 30s", 750},
	{"1H", 3600},
	{"90 min", 5400},
	{"0.25h", 900},
	{"0.1m", 6},            /* 6 s exactly */
	{"1.0001m", 61},        /* 60.006 s: a started second counts */
	{"1.5", 90},            /* 1.5 bare minutes */
	{"0", 0},
	{"10000h", 36000000},   /* the limit itself */
};

static const struct {
	const char *in;
	enum dur_status st;
	size_t where;
} dur_bad[] = {
	{"", DUR_EEMPTY, 0},
	{"   ", DUR_EEMPTY, 3},
	{"abc", DUR_ESYNTAX, 0},
	{"5x", DUR_EUNIT, 1},
	{"2h 5x", DUR_EUNIT, 4},
	{"2d", DUR_EUNIT, 1},       /* days refused: ambiguous in billing */
	{"5m 2h", DUR_EORDER, 3},
	{"5m 5m", DUR_EORDER, 3},
	{"5m 3", DUR_EUNIT, 3},     /* a bare number only on its own */
	{"1:60", DUR_EFIELD, 2},
	{"1:05:75", DUR_EFIELD, 5},
	{"1:", DUR_ESYNTAX, 2},
	{"1:2:3:4", DUR_ESYNTAX, 5},
	{"-5m", DUR_ESYNTAX, 0},
	{"h", DUR_ESYNTAX, 0},
	{"10000h 1s", DUR_ERANGE, 7},
	{"1.1234567h", DUR_ERANGE, 8},
	{"99999999999999999999m", DUR_ERANGE, 8},
};

START_TEST(test_duration_ok)
{
	int64_t s = -1;
	size_t where = 99;
	enum dur_status st = dur_parse(dur_ok[_i].in, &s, &where);

	ck_assert_msg(st == DUR_OK, "'%s': %s", dur_ok[_i].in, dur_status_text(st));
	ck_assert_msg(s == dur_ok[_i].seconds, "'%s': %lld != %lld", dur_ok[_i].in, (long long)s,
		      (long long)dur_ok[_i].seconds);
}
END_TEST

START_TEST(test_duration_bad)
{
	int64_t s = -7;
	size_t where = 99;
	enum dur_status st = dur_parse(dur_bad[_i].in, &s, &where);

	ck_assert_msg(st == dur_bad[_i].st, "'%s': got %s", dur_bad[_i].in, dur_status_text(st));
	ck_assert_int_eq(s, -7);
	ck_assert_msg(where == dur_bad[_i].where, "'%s': where %zu, want %zu", dur_bad[_i].in, where,
		      dur_bad[_i].where);
	ck_assert_ptr_nonnull(strstr(dur_status_text(st), " "));
}
END_TEST

START_TEST(test_duration_format)
{
	char buf[32];

	ck_assert_str_eq(dur_format_minutes(0, buf, sizeof(buf)), "0m");
	ck_assert_str_eq(dur_format_minutes(45, buf, sizeof(buf)), "45m");
	ck_assert_str_eq(dur_format_minutes(60, buf, sizeof(buf)), "1h");
	ck_assert_str_eq(dur_format_minutes(70, buf, sizeof(buf)), "1h 10m");
	ck_assert_int_eq(dur_started_minutes(0), 0);
	ck_assert_int_eq(dur_started_minutes(1), 1);
	ck_assert_int_eq(dur_started_minutes(60), 1);
	ck_assert_int_eq(dur_started_minutes(61), 2);
}
END_TEST

/* ---- quarter hours ----------------------------------------------------- */

/* 000: "in 15 Minuten Einheiten"; a started quarter counts whole. */
static const struct {
	int64_t minutes, rounded;
} quarters[] = {
	{0, 0}, {1, 15}, {14, 15}, {15, 15}, {16, 30}, {29, 30}, {30, 30},
	{59, 60}, {60, 60}, {61, 75}, {70, 75}, {-5, 0},
};

START_TEST(test_round_quarters)
{
	ck_assert_int_eq(bill_round_up(quarters[_i].minutes, 15), quarters[_i].rounded);
}
END_TEST

static const struct {
	int64_t minutes, hour_cents, rounded, units, cents;
} entries[] = {
	{1, 12000, 15, 1, 3000},        /* managed EUR 120/h: a quarter = 30.00 */
	{25, 12000, 30, 2, 6000},       /* "25m" -> 30 min = 60.00 */
	{70, 12000, 75, 5, 15000},      /* "1:10" -> 75 min = 1.25 h * 120 = 150.00 */
	{90, 12000, 90, 6, 18000},      /* "1.5h" stays 90 min = 180.00 */
	{15, 16600, 15, 1, 4150},       /* 004 technical EUR 166/h: 41.50 */
	{75, 16600, 75, 5, 20750},      /* 1.25 h * 166 = 207.50 */
	{30, 18000, 30, 2, 9000},       /* rush EUR 180/h, half an hour = 90.00 */
	{15, 9999, 15, 1, 2500},        /* 99.99/4 = 24.9975 -> 25.00 (half-up) */
	{15, 10002, 15, 1, 2501},       /* 100.02/4 = 25.005 -> 25.01 (half-up) */
	{45, 10001, 45, 3, 7501},       /* 100.01*0.75 = 75.0075 -> 75.01 */
};

START_TEST(test_time_entry)
{
	struct bill_time t;
	struct sla_budget b = {.billing_unit_minutes = 15};

	ck_assert_int_eq(bill_time_entry(&b, entries[_i].minutes, entries[_i].hour_cents, &t), BILL_OK);
	ck_assert_int_eq(t.rounded, entries[_i].rounded);
	ck_assert_int_eq(t.units, entries[_i].units);
	ck_assert_int_eq(t.unit, 15);
	ck_assert_int_eq(t.cents, entries[_i].cents);
}
END_TEST

START_TEST(test_time_entry_refused)
{
	struct bill_time t;
	struct sla_budget b = {.billing_unit_minutes = 0}; /* unset: 15 */

	/* An entry of nothing is refused rather than booked as 0 units. */
	ck_assert_int_eq(bill_time_entry(&b, 0, 12000, &t), BILL_EINVAL);
	ck_assert_int_eq(bill_time_entry(&b, -15, 12000, &t), BILL_EINVAL);
	ck_assert_int_eq(bill_time_entry(&b, 25 * 60, 12000, &t), BILL_ERANGE);
	ck_assert_int_eq(bill_time_entry(NULL, 16, 12000, &t), BILL_OK);
	ck_assert_int_eq(t.rounded, 30);
	/* a plan billing in 10-minute units: 16 -> 20 min at 120/h = 40.00 */
	b.billing_unit_minutes = 10;
	ck_assert_int_eq(bill_time_entry(&b, 16, 12000, &t), BILL_OK);
	ck_assert_int_eq(t.rounded, 20);
	ck_assert_int_eq(t.cents, 4000);
}
END_TEST

/* ---- money and months -------------------------------------------------- */

START_TEST(test_money)
{
	char buf[40];

	ck_assert_str_eq(bill_format_cents(150, buf, sizeof(buf)), "1.50");
	ck_assert_str_eq(bill_format_cents(0, buf, sizeof(buf)), "0.00");
	ck_assert_str_eq(bill_format_cents(-5, buf, sizeof(buf)), "-0.05");
	ck_assert_str_eq(bill_format_cents(123456, buf, sizeof(buf)), "1234.56");
	ck_assert_str_eq(bill_format_eur(3600, buf, sizeof(buf)), "EUR 36.00");
	ck_assert_int_eq(bill_div_round(10002, 1, 4), 2501);
	ck_assert_int_eq(bill_div_round(-10002, 1, 4), -2501);
	ck_assert_int_eq(bill_div_round(10001, 1, 4), 2500);
	ck_assert_int_eq(bill_div_round(-10001, 1, 4), -2500);
}
END_TEST

START_TEST(test_months)
{
	int k = 0, y, m;

	ck_assert_int_eq(bill_month_parse("2025-03", &k), 0);
	ck_assert_int_eq(k, 2025 * 12 + 2);
	bill_month_split(k, &y, &m);
	ck_assert_int_eq(y, 2025);
	ck_assert_int_eq(m, 3);
	ck_assert_int_eq(bill_month_parse("2025-13", &k), -1);
	ck_assert_int_eq(bill_month_parse("2025-00", &k), -1);
	ck_assert_int_eq(bill_month_parse("25-03", &k), -1);
	ck_assert_int_eq(bill_month_parse("2025-03x", &k), -1);
	ck_assert_int_eq(bill_month_parse("1969-12", &k), -1);
	/* 2025-01-31 is day 20119 since 1970-01-01; 2025-02-01 is 20120 */
	ck_assert_int_eq(bill_month_of_day(20119), bill_month(2025, 1));
	ck_assert_int_eq(bill_month_of_day(20120), bill_month(2025, 2));
}
END_TEST

/* ---- phone minutes (002) ----------------------------------------------- */

/* Support level 1: 15 free minutes a month, 60 minutes activation credit,
 * EUR 0.50 per minute beyond. */
static const struct sla_budget level1 = {
	.monthly_free_minutes = 15,
	.activation_credit_minutes = 60,
	.overage_minute_cents = 50,
	.billing_unit_minutes = 15,
};

struct ledger {
	struct bill_move mv[64];
	size_t n;
};

static void add(struct ledger *l, struct bill_move m)
{
	ck_assert_uint_lt(l->n, SDESK_ARRAY_LEN(l->mv));
	l->mv[l->n++] = m;
}

/* Logs a call the way the console does: balance, split, movements. */
static struct bill_phone_split call(struct ledger *l, const struct sla_budget *b, int month, int64_t seconds,
				    const char *want_text)
{
	struct bill_balance bal;
	struct bill_phone_split s;
	struct bill_move out[3];
	char text[80];
	size_t n;

	ck_assert_int_eq(bill_balance(b, l->mv, l->n, month, &bal), BILL_OK);
	if (bal.allowance_implied) /* written on first use */
		add(l, (struct bill_move){BILL_MV_ALLOWANCE, BILL_POOL_FREE, -1, b->monthly_free_minutes, 0, month});
	ck_assert_int_eq(bill_phone_split(b, &bal, seconds, &s), BILL_OK);
	ck_assert_str_eq(bill_phone_text(&s, text, sizeof(text)), want_text);
	n = bill_phone_moves(&s, month, out);
	for (size_t i = 0; i < n; i++)
		add(l, out[i]);
	return s;
}

START_TEST(test_phone_across_months)
{
	struct ledger l = {.n = 0};
	struct bill_balance bal;
	struct bill_phone_split s;
	const int jan = bill_month(2025, 1), feb = bill_month(2025, 2), mar = bill_month(2025, 3);

	/* Activated in January: the one-off 60-minute credit. */
	add(&l, (struct bill_move){BILL_MV_ACTIVATION, BILL_POOL_CREDIT, -1, 60, 0, jan});
	ck_assert_int_eq(bill_balance(&level1, l.mv, l.n, jan, &bal), BILL_OK);
	ck_assert_int_eq(bal.free_left, 15); /* implied: no allowance row yet */
	ck_assert_int_eq(bal.allowance_implied, 1);
	ck_assert_int_eq(bal.credit_left, 60);

	/* 11 min 30 s -> 12 started minutes, all free (15 left). */
	s = call(&l, &level1, jan, 690, "12 free = EUR 0.00");
	ck_assert_int_eq(s.minutes, 12);
	/* 10 min: 3 free left, then 7 from the credit. */
	call(&l, &level1, jan, 600, "3 free, 7 credit = EUR 0.00");
	/* 55 min: free 0, credit 53 left -> 53 credit, 2 billed * 0.50 = 1.00 */
	s = call(&l, &level1, jan, 3300, "53 credit, 2 billed = EUR 1.00");
	ck_assert_int_eq(s.cents, 100);

	ck_assert_int_eq(bill_balance(&level1, l.mv, l.n, jan, &bal), BILL_OK);
	ck_assert_int_eq(bal.allowance_implied, 0); /* written by the first call */
	ck_assert_int_eq(bal.free_left, 0);
	ck_assert_int_eq(bal.credit_left, 0);
	ck_assert_int_eq(bal.billed_minutes, 2);
	ck_assert_int_eq(bal.billed_cents, 100);

	/* February: a fresh 15 free minutes, no rollover, credit spent.
	 * 18 min 1 s -> 19 minutes: 15 free, 4 billed = 2.00 */
	ck_assert_int_eq(bill_balance(&level1, l.mv, l.n, feb, &bal), BILL_OK);
	ck_assert_int_eq(bal.free_left, 15);
	ck_assert_int_eq(bal.billed_cents, 0);
	call(&l, &level1, feb, 18 * 60 + 1, "15 free, 4 billed = EUR 2.00");
	ck_assert_int_eq(bill_balance(&level1, l.mv, l.n, feb, &bal), BILL_OK);
	ck_assert_int_eq(bal.billed_minutes, 4);
	ck_assert_int_eq(bal.billed_cents, 200);
	/* January's statement is unchanged by February's calls. */
	ck_assert_int_eq(bill_balance(&level1, l.mv, l.n, jan, &bal), BILL_OK);
	ck_assert_int_eq(bal.billed_cents, 100);
	ck_assert_int_eq(bal.free_left, 0);

	/* A lead's correction gives 10 credit minutes back in March. */
	add(&l, (struct bill_move){BILL_MV_CORRECTION, BILL_POOL_CREDIT, -1, 10, 0, mar});
	call(&l, &level1, mar, 30 * 60, "15 free, 10 credit, 5 billed = EUR 2.50");
	ck_assert_int_eq(bill_balance(&level1, l.mv, l.n, mar, &bal), BILL_OK);
	ck_assert_int_eq(bal.credit_left, 0);
	ck_assert_int_eq(bal.free_left, 0);
	ck_assert_int_eq(bal.billed_cents, 250);
}
END_TEST

START_TEST(test_phone_issue_example)
{
	/* The issue's example: 12 free minutes left, no credit, a 15-minute call:
	 * 12 free, 3 billed * 0.50 = 1.50 */
	struct bill_balance bal = {.free_left = 12, .credit_left = 0};
	struct bill_phone_split s;
	char text[80];

	ck_assert_int_eq(bill_phone_split(&level1, &bal, 15 * 60, &s), BILL_OK);
	ck_assert_str_eq(bill_phone_text(&s, text, sizeof(text)), "12 free, 3 billed = EUR 1.50");
	/* A call of 0 s costs nothing; 1 s is a started minute. */
	ck_assert_int_eq(bill_phone_split(&level1, &bal, 0, &s), BILL_OK);
	ck_assert_str_eq(bill_phone_text(&s, text, sizeof(text)), "0 min = EUR 0.00");
	ck_assert_int_eq(bill_phone_split(&level1, &bal, 1, &s), BILL_OK);
	ck_assert_int_eq(s.free, 1);
	ck_assert_int_eq(bill_phone_split(&level1, &bal, -1, &s), BILL_EINVAL);
	ck_assert_int_eq(bill_phone_split(&level1, &bal, BILL_MAX_SECONDS + 1, &s), BILL_ERANGE);
	/* A negative balance (a correction overshooting) draws nothing. */
	bal.free_left = -3;
	bal.credit_left = 2;
	ck_assert_int_eq(bill_phone_split(&level1, &bal, 5 * 60, &s), BILL_OK);
	ck_assert_str_eq(bill_phone_text(&s, text, sizeof(text)), "2 credit, 3 billed = EUR 1.50");
}
END_TEST

START_TEST(test_rollover)
{
	/* Support level 2: 30 free minutes. January: 10 used. */
	struct sla_budget b = {.monthly_free_minutes = 30, .overage_minute_cents = 50};
	const int jan = bill_month(2025, 1), feb = bill_month(2025, 2), mar = bill_month(2025, 3);
	struct bill_move mv[] = {
		{BILL_MV_ALLOWANCE, BILL_POOL_FREE, -1, 30, 0, jan},
		{BILL_MV_CONSUMPTION, BILL_POOL_FREE, -1, -10, 0, jan},
		{BILL_MV_ALLOWANCE, BILL_POOL_FREE, -1, 30, 0, feb},
		{BILL_MV_CONSUMPTION, BILL_POOL_FREE, -1, -45, 0, feb}, /* only possible with rollover */
	};
	struct bill_balance bal;

	/* default: no rollover -> February has its own 30 */
	ck_assert_int_eq(bill_balance(&b, mv, 3, feb, &bal), BILL_OK);
	ck_assert_int_eq(bal.free_left, 30);
	ck_assert_int_eq(bal.allowance_implied, 0);
	/* rollover: 30 + (30 - 10) = 50 */
	b.rollover = 1;
	ck_assert_int_eq(bill_balance(&b, mv, 3, feb, &bal), BILL_OK);
	ck_assert_int_eq(bal.free_left, 50);
	ck_assert_int_eq(bal.free_allowance, 50);
	/* March after 45 used in February: 30 (implied) + 20 + (30 - 45) = 35 */
	ck_assert_int_eq(bill_balance(&b, mv, 4, mar, &bal), BILL_OK);
	ck_assert_int_eq(bal.allowance_implied, 1);
	ck_assert_int_eq(bal.free_left, 35);
	/* Movements of later months do not count in an earlier month. */
	ck_assert_int_eq(bill_balance(&b, mv, 4, jan, &bal), BILL_OK);
	ck_assert_int_eq(bal.free_left, 20);
}
END_TEST

/* ---- points (004) ------------------------------------------------------ */

static char technical[] = "technical", user[] = "user";
static struct sla_points_kind kinds[] = {
	{technical, 15, 40, 16600},
	{user, 15, 20, 12000},
};
static const struct sla_budget points_plan = {
	.billing_unit_minutes = 15,
	.points = kinds,
	.npoints = 2,
};

static const struct {
	const char *kind;
	int64_t points;
	enum bill_status st;
	int64_t cents;
} packages[] = {
	{"technical", 39, BILL_EMINIMUM, 0},
	{"technical", 40, BILL_OK, 166000},  /* 40 * 15 min = 10 h * 166 = 1660.00 */
	{"technical", 41, BILL_OK, 170150},  /* 10.25 h * 166 = 1701.50 */
	{"user", 19, BILL_EMINIMUM, 0},
	{"user", 20, BILL_OK, 60000},        /* 5 h * 120 = 600.00 */
	{"user", 0, BILL_EINVAL, 0},
	{"user", -20, BILL_EINVAL, 0},
};

START_TEST(test_points_packages)
{
	struct bill_move m;
	int k = bill_points_kind(&points_plan, packages[_i].kind);

	ck_assert_int_ge(k, 0);
	ck_assert_int_eq(bill_points_package(&points_plan, k, packages[_i].points, bill_month(2025, 4), &m),
			 packages[_i].st);
	if (packages[_i].st == BILL_OK) {
		ck_assert_int_eq(m.kind, BILL_MV_PACKAGE);
		ck_assert_int_eq(m.pool, BILL_POOL_POINTS);
		ck_assert_int_eq(m.points_kind, k);
		ck_assert_int_eq(m.amount, packages[_i].points);
		ck_assert_int_eq(m.cents, packages[_i].cents);
	}
}
END_TEST

static const struct {
	int kind;
	int64_t minutes, balance;
	int64_t points, after, overage, overage_cents;
	int warning;
} uses[] = {
	{0, 25, 40, 2, 38, 0, 0, 0},      /* 25 min -> 2 started quarters */
	{0, 15, 40, 1, 39, 0, 0, 0},
	{0, 16, 40, 2, 38, 0, 0, 0},
	{1, 60, 4, 4, 0, 0, 0, 0},        /* exactly used up: no warning */
	{0, 40, 1, 3, -2, 2, 8300, 1},    /* 2 points over = 30 min * 166/h = 83.00 */
	{0, 15, -2, 1, -3, 1, 4150, 1},   /* already negative: the whole point is overage */
	{1, 15, 0, 1, -1, 1, 3000, 1},    /* user support quarter = 30.00 */
};

START_TEST(test_points_use)
{
	struct bill_points_use u;

	ck_assert_int_eq(bill_points_use(&points_plan, uses[_i].kind, uses[_i].minutes, uses[_i].balance, &u),
			 BILL_OK);
	ck_assert_int_eq(u.points, uses[_i].points);
	ck_assert_int_eq(u.before, uses[_i].balance);
	ck_assert_int_eq(u.after, uses[_i].after);
	ck_assert_int_eq(u.overage_points, uses[_i].overage);
	ck_assert_int_eq(u.overage_cents, uses[_i].overage_cents);
	ck_assert_int_eq(u.warning, uses[_i].warning);
}
END_TEST

START_TEST(test_points_ledger)
{
	const int apr = bill_month(2025, 4);
	struct bill_move m[4];
	struct bill_balance bal;
	struct bill_points_use u;

	ck_assert_int_eq(bill_points_kind(&points_plan, "user"), 1);
	ck_assert_int_eq(bill_points_kind(&points_plan, "maintenance"), -1);
	ck_assert_int_eq(bill_points_package(&points_plan, 2, 40, apr, &m[0]), BILL_ENOKIND);
	ck_assert_int_eq(bill_points_use(&points_plan, -1, 15, 0, &u), BILL_ENOKIND);
	ck_assert_int_eq(bill_points_use(&points_plan, 0, 0, 10, &u), BILL_EINVAL);

	ck_assert_int_eq(bill_points_package(&points_plan, 0, 40, apr, &m[0]), BILL_OK);
	ck_assert_int_eq(bill_points_package(&points_plan, 1, 20, apr, &m[1]), BILL_OK);
	m[2] = (struct bill_move){BILL_MV_CONSUMPTION, BILL_POOL_POINTS, 0, -3, 0, apr};
	m[3] = (struct bill_move){BILL_MV_CONSUMPTION, BILL_POOL_POINTS, 1, -2, 0, apr};
	ck_assert_int_eq(bill_balance(&points_plan, m, 4, apr, &bal), BILL_OK);
	ck_assert_int_eq(bal.points_left[0], 37);
	ck_assert_int_eq(bal.points_left[1], 18);
	ck_assert_int_eq(bal.free_left, 0); /* no phone minutes in this plan */
	ck_assert_int_eq(bal.allowance_implied, 0);
	m[3].points_kind = 5;
	ck_assert_int_eq(bill_balance(&points_plan, m, 4, apr, &bal), BILL_EINVAL);
}
END_TEST

/* ---- VAT --------------------------------------------------------------- */

static const struct {
	int64_t lines[4];
	size_t n;
	int vat_bp;
	int64_t net, vat, gross;
} vats[] = {
	{{10000}, 1, 1900, 10000, 1900, 11900},          /* 100.00 + 19 % */
	{{15000}, 1, 2000, 15000, 3000, 18000},          /* Invitario 20 % */
	/* Three technical quarters: per line 7.885 -> 7.89 each would give
	 * 23.67; on the total 124.50 * 19 % = 23.655 -> 23.66 (sdesk's rule). */
	{{4150, 4150, 4150}, 3, 1900, 12450, 2366, 14816},
	{{50}, 1, 1900, 50, 10, 60},                     /* 9.5 ct -> 10 ct (half-up) */
	{{150}, 1, 1900, 150, 29, 179},                  /* 28.5 ct -> 29 ct */
	{{1}, 1, 1900, 1, 0, 1},                         /* 0.19 ct -> 0 */
	{{-150}, 1, 1900, -150, -29, -179},              /* credit note: symmetric */
	{{830, 100}, 2, 1900, 930, 177, 1107},           /* 176.7 ct -> 1.77 */
	{{0}, 0, 1900, 0, 0, 0},
};

START_TEST(test_vat)
{
	struct bill_vat v;

	ck_assert_int_eq(bill_vat_total(vats[_i].lines, vats[_i].n, vats[_i].vat_bp, &v), BILL_OK);
	ck_assert_int_eq(v.net, vats[_i].net);
	ck_assert_int_eq(v.vat, vats[_i].vat);
	ck_assert_int_eq(v.gross, vats[_i].gross);
	ck_assert_int_eq(v.vat_bp, vats[_i].vat_bp);
}
END_TEST

START_TEST(test_vat_bad)
{
	struct bill_vat v;
	int64_t big = INT64_C(1) << 50, one = 100;

	ck_assert_int_eq(bill_vat_total(&one, 1, 10001, &v), BILL_EINVAL);
	ck_assert_int_eq(bill_vat_total(&one, 1, -1, &v), BILL_EINVAL);
	ck_assert_int_eq(bill_vat_total(&big, 1, 1900, &v), BILL_ERANGE);
}
END_TEST

START_TEST(test_parse_cents)
{
	static const struct {
		const char *in;
		int ok;
		int64_t cents;
	} cases[] = {
		{"39", 1, 3900},     {"2.50", 1, 250},   {"2,5", 1, 250},     {"-2.50", 1, -250},
		{"+0.05", 1, 5},     {"1660.00", 1, 166000}, {"0", 1, 0},      {"10000000", 1, 1000000000},
		{"", 0, 0},          {"-", 0, 0},        {"2.", 0, 0},        {".5", 0, 0},
		{"2.505", 0, 0},     {"2 EUR", 0, 0},    {"10000001", 0, 0},  {"1e3", 0, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t c = -1;
		int r = bill_parse_cents(cases[i].in, &c);
		ck_assert_msg((r == 0) == cases[i].ok, "'%s': %d", cases[i].in, r);
		if (cases[i].ok)
			ck_assert_msg(c == cases[i].cents, "'%s' -> %lld", cases[i].in, (long long)c);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("billing");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_duration_ok, 0, SDESK_ARRAY_LEN(dur_ok));
	tcase_add_loop_test(tc, test_duration_bad, 0, SDESK_ARRAY_LEN(dur_bad));
	tcase_add_test(tc, test_duration_format);
	tcase_add_loop_test(tc, test_round_quarters, 0, SDESK_ARRAY_LEN(quarters));
	tcase_add_loop_test(tc, test_time_entry, 0, SDESK_ARRAY_LEN(entries));
	tcase_add_test(tc, test_time_entry_refused);
	tcase_add_test(tc, test_money);
	tcase_add_test(tc, test_parse_cents);
	tcase_add_test(tc, test_months);
	tcase_add_test(tc, test_phone_across_months);
	tcase_add_test(tc, test_phone_issue_example);
	tcase_add_test(tc, test_rollover);
	tcase_add_loop_test(tc, test_points_packages, 0, SDESK_ARRAY_LEN(packages));
	tcase_add_loop_test(tc, test_points_use, 0, SDESK_ARRAY_LEN(uses));
	tcase_add_test(tc, test_points_ledger);
	tcase_add_loop_test(tc, test_vat, 0, SDESK_ARRAY_LEN(vats));
	tcase_add_test(tc, test_vat_bad);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
