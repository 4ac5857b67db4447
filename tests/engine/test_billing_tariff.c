/* Billing rules that need local time: the 002 emergency-hotline windows and
 * their boundaries, calls across a tariff boundary, public holidays, and the
 * 000 managed-service rush decision around support hours and midnight.
 * The zone is a hand-written Europe/Berlin table (CET/CEST 2024-2026), the
 * calendars are built with the calendar API; expected prices are worked out by
 * hand from seed 002's price table in the comments. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "engine/billing.h"

/* Europe/Berlin: last Sunday of March / October at 01:00 UTC. */
static sd_time berlin_at[] = {INT64_MIN / 2, 1711846800, 1729990800, 1743296400, 1761440400,
			      1774746000, 1792890000};
static int32_t berlin_off[] = {3600, 7200, 3600, 7200, 3600, 7200, 3600};
static struct cal_zone berlin = {(char *)"Europe/Berlin", 7, berlin_at, berlin_off};

/* 002: Mon-Fri 08:00-09:30, 12:30-13:30, 17:00-22:00 EUR 30 first 5 min then
 * EUR 5/min; Mon-Fri 22:00-08:00 and all weekend EUR 36 then EUR 6/min; per
 * started 5 minutes. */
#define WEEKDAYS 0x1fu
#define WEEKEND 0x60u
static struct sla_tariff_window win[] = {
	{WEEKDAYS, 480, 570, 5, 3000, 500, 5},    /* 0: 08:00-09:30 */
	{WEEKDAYS, 750, 810, 5, 3000, 500, 5},    /* 1: 12:30-13:30 */
	{WEEKDAYS, 1020, 1320, 5, 3000, 500, 5},  /* 2: 17:00-22:00 */
	{WEEKDAYS, 1320, 480, 5, 3600, 600, 5},   /* 3: 22:00-08:00, wraps */
	{WEEKEND, 0, 1440, 5, 3600, 600, 5},      /* 4: weekend */
};
static struct sla_budget hotline = {.hotline = win, .nhotline = 5};

static struct cal_set *set;
static struct cal_holiday_set *de;
static struct calendar *invitario;

static void setup(void)
{
	set = cal_set_new();
	de = cal_set_add_holidays(set, "de");
	cal_holidays_fixed(de, "Neujahr", 1, 1, CAL_YEAR_MIN, CAL_YEAR_MAX);
	cal_holidays_easter(de, "Karfreitag", -2, CAL_YEAR_MIN, CAL_YEAR_MAX);
	cal_holidays_easter(de, "Ostermontag", 1, CAL_YEAR_MIN, CAL_YEAR_MAX);
	cal_holidays_fixed(de, "Tag der Arbeit", 5, 1, CAL_YEAR_MIN, CAL_YEAR_MAX);
	cal_holidays_fixed(de, "1. Weihnachtstag", 12, 25, CAL_YEAR_MIN, CAL_YEAR_MAX);
	/* 000 support hours: Mon-Thu 09:00-17:00, Fri 09:00-15:00, working days */
	invitario = cal_set_add_calendar(set, "invitario", &berlin);
	for (int wd = 0; wd < 4; wd++)
		cal_add_hours(invitario, wd, 540, 1020);
	cal_add_hours(invitario, 4, 540, 900);
	cal_use_holidays(invitario, de);
	ck_assert_int_eq(cal_set_finish(set), CAL_OK);
	hotline.hotline_whole_call = 0;
	hotline.hotline_holiday_weekday = 0;
}

static void teardown(void)
{
	cal_set_free(set);
}

/* Local Berlin wall time -> instant. */
static sd_time at(int y, int mo, int d, int h, int mi)
{
	return cal_zone_local_to_utc(&berlin, civil_to_days(y, mo, d), h * 60 + mi);
}

/* ---- hotline windows and their boundaries ------------------------------ */

/* Week of Monday 2025-03-10 (CET); a 1-minute call is one started block,
 * so it costs the first-block price of the window in force. */
static const struct {
	int d, h, mi;
	int window;  /* index into win[] */
	int gap;     /* phone-support hours: priced at the day tariff */
	int64_t cents;
} starts[] = {
	{10, 7, 59, 3, 0, 3600},   /* Mon 07:59: night */
	{10, 8, 0, 0, 0, 3000},    /* Mon 08:00: day window opens */
	{10, 9, 29, 0, 0, 3000},
	{10, 9, 30, 0, 1, 3000},   /* 09:30 phone support: gap, day tariff */
	{10, 12, 29, 0, 1, 3000},
	{10, 12, 30, 1, 0, 3000},  /* lunch window */
	{10, 13, 29, 1, 0, 3000},
	{10, 13, 30, 0, 1, 3000},  /* phone support again */
	{10, 16, 59, 0, 1, 3000},
	{10, 17, 0, 2, 0, 3000},   /* evening window */
	{10, 21, 59, 2, 0, 3000},
	{10, 22, 0, 3, 0, 3600},   /* night from 22:00 */
	{11, 0, 0, 3, 0, 3600},    /* Tue 00:00: night (wrapped part) */
	{14, 21, 59, 2, 0, 3000},  /* Fri 21:59 */
	{14, 22, 0, 3, 0, 3600},   /* Fri 22:00: night */
	{14, 23, 59, 3, 0, 3600},
	{15, 0, 0, 4, 0, 3600},    /* Sat 00:00: weekend */
	{15, 10, 0, 4, 0, 3600},   /* Sat 10:00: weekend, though "day" time */
	{16, 23, 59, 4, 0, 3600},  /* Sun 23:59 */
	{17, 0, 0, 3, 0, 3600},    /* Mon 00:00: night */
	{17, 7, 59, 3, 0, 3600},   /* Mon 07:59 */
	{17, 8, 0, 0, 0, 3000},    /* Mon 08:00 */
};

START_TEST(test_hotline_boundaries)
{
	struct bill_hotline h;
	sd_time t = at(2025, 3, starts[_i].d, starts[_i].h, starts[_i].mi);

	ck_assert_int_eq(bill_hotline_price(&hotline, &berlin, de, t, 60, &h), BILL_OK);
	ck_assert_int_eq(h.blocks, 1);
	ck_assert_int_eq(h.billed_minutes, 5);
	ck_assert_int_eq(h.nseg, 1);
	ck_assert_msg(h.seg[0].w == &win[starts[_i].window], "%02d %02d:%02d: window %d, want %d",
		      starts[_i].d, starts[_i].h, starts[_i].mi, (int)(h.seg[0].w - win), starts[_i].window);
	ck_assert_int_eq(h.seg[0].gap, starts[_i].gap);
	ck_assert_int_eq(h.cents, starts[_i].cents);
}
END_TEST

/* Longer calls: each started block at the window in which it starts (the
 * default), and the same calls with hotline_whole_call set. */
static const struct {
	int mo, d, h, mi;
	int64_t seconds;
	int64_t blocks, per_block, whole_call;
	const char *text; /* per block */
} calls[] = {
	/* Mon 10:00 (gap), 7 min: 2 blocks, 30 + 5 * 5 = 55 */
	{3, 10, 10, 0, 420, 2, 5500, 5500, "first 5 min EUR 30.00 (day tariff), 5 min x EUR 5.00 (day tariff) = EUR 55.00"},
	/* Mon 21:58, 7 min: block 2 starts 22:03 at night: 30 + 5 * 6 = 60;
	 * whole call at the day window: 30 + 5 * 5 = 55 */
	{3, 10, 21, 58, 420, 2, 6000, 5500, "first 5 min EUR 30.00, 5 min x EUR 6.00 = EUR 60.00"},
	/* Mon 07:56, 12 min: 3 blocks; 36 (night) + 2 * 5 * 5 (08:01, 08:06 day)
	 * = 86; whole call at night: 36 + 10 * 6 = 96 */
	{3, 10, 7, 56, 720, 3, 8600, 9600, "first 5 min EUR 36.00, 10 min x EUR 5.00 = EUR 86.00"},
	/* Fri 21:55, 10 min 1 s = 11 started minutes = 3 blocks: 30 + 10 * 6 = 90
	 * (22:00 and 22:05 are night); whole call: 30 + 10 * 5 = 80 */
	{3, 14, 21, 55, 601, 3, 9000, 8000, "first 5 min EUR 30.00, 10 min x EUR 6.00 = EUR 90.00"},
	/* Fri 23:58 -> Sat 00:03: night then weekend, same price: 36 + 5 * 6 */
	{3, 14, 23, 58, 600, 2, 6600, 6600, "first 5 min EUR 36.00, 5 min x EUR 6.00 = EUR 66.00"},
	/* Sun 23:58, 6 min: weekend then Mon 00:03 night: 36 + 5 * 6 = 66 */
	{3, 16, 23, 58, 360, 2, 6600, 6600, "first 5 min EUR 36.00, 5 min x EUR 6.00 = EUR 66.00"},
	/* Sat 10:00, exactly 5 min: one block */
	{3, 15, 10, 0, 300, 1, 3600, 3600, "first 5 min EUR 36.00 = EUR 36.00"},
	/* Sat, 5 min 1 s: a second block started: 36 + 5 * 6 = 66 */
	{3, 15, 10, 0, 301, 2, 6600, 6600, "first 5 min EUR 36.00, 5 min x EUR 6.00 = EUR 66.00"},
	/* Mon 09:25, 10 min: 09:25 day window, 09:30 gap (day tariff): 30 + 25 */
	{3, 10, 9, 25, 600, 2, 5500, 5500, "first 5 min EUR 30.00, 5 min x EUR 5.00 (day tariff) = EUR 55.00"},
	/* 0 s: nothing */
	{3, 10, 10, 0, 0, 0, 0, 0, "0 min = EUR 0.00"},
	/* summer time: Wed 2025-07-02 21:59 CEST, 2 min: day block only */
	{7, 2, 21, 59, 120, 1, 3000, 3000, "first 5 min EUR 30.00 = EUR 30.00"},
	/* Wed 2025-07-02 22:00 CEST: night */
	{7, 2, 22, 0, 120, 1, 3600, 3600, "first 5 min EUR 36.00 = EUR 36.00"},
};

START_TEST(test_hotline_calls)
{
	struct bill_hotline h;
	char text[200];
	sd_time t = at(2025, calls[_i].mo, calls[_i].d, calls[_i].h, calls[_i].mi);

	ck_assert_int_eq(bill_hotline_price(&hotline, &berlin, de, t, calls[_i].seconds, &h), BILL_OK);
	ck_assert_int_eq(h.blocks, calls[_i].blocks);
	ck_assert_int_eq(h.billed_minutes, calls[_i].blocks * 5);
	ck_assert_int_eq(h.cents, calls[_i].per_block);
	ck_assert_str_eq(bill_hotline_text(&h, text, sizeof(text)), calls[_i].text);
	hotline.hotline_whole_call = 1;
	ck_assert_int_eq(bill_hotline_price(&hotline, &berlin, de, t, calls[_i].seconds, &h), BILL_OK);
	ck_assert_int_eq(h.cents, calls[_i].whole_call);
}
END_TEST

START_TEST(test_hotline_holidays)
{
	struct bill_hotline h;
	char text[200];
	/* Good Friday 2025-04-18 (Easter Sunday 20 April), 10:00 CEST */
	sd_time gf = at(2025, 4, 18, 10, 0);
	/* Easter Monday 2025-04-21, 08:00 */
	sd_time em = at(2025, 4, 21, 8, 0);

	/* default: priced like a Saturday: 36 */
	ck_assert_int_eq(bill_hotline_price(&hotline, &berlin, de, gf, 60, &h), BILL_OK);
	ck_assert_int_eq(h.cents, 3600);
	ck_assert_int_eq(h.seg[0].holiday, 1);
	ck_assert_ptr_eq(h.seg[0].w, &win[4]);
	ck_assert_str_eq(bill_hotline_text(&h, text, sizeof(text)), "first 5 min EUR 36.00 (holiday) = EUR 36.00");
	ck_assert_int_eq(bill_hotline_price(&hotline, &berlin, de, em, 60, &h), BILL_OK);
	ck_assert_int_eq(h.cents, 3600);
	/* no holiday set: a Friday at 10:00 (phone hours -> day tariff) */
	ck_assert_int_eq(bill_hotline_price(&hotline, &berlin, NULL, gf, 60, &h), BILL_OK);
	ck_assert_int_eq(h.cents, 3000);
	ck_assert_int_eq(h.seg[0].holiday, 0);
	/* plan setting: holidays like their weekday */
	hotline.hotline_holiday_weekday = 1;
	ck_assert_int_eq(bill_hotline_price(&hotline, &berlin, de, gf, 60, &h), BILL_OK);
	ck_assert_int_eq(h.cents, 3000);
	ck_assert_int_eq(bill_hotline_price(&hotline, &berlin, de, em, 60, &h), BILL_OK);
	ck_assert_int_eq(h.cents, 3000);
	ck_assert_ptr_eq(h.seg[0].w, &win[0]);
	/* Thursday before Good Friday 21:58, 7 min, default again: block 2
	 * starts 22:03 on Thursday (night, no holiday yet): 30 + 5 * 6 */
	hotline.hotline_holiday_weekday = 0;
	ck_assert_int_eq(bill_hotline_price(&hotline, &berlin, de, at(2025, 4, 17, 21, 58), 420, &h), BILL_OK);
	ck_assert_int_eq(h.cents, 6000);
}
END_TEST

START_TEST(test_hotline_errors)
{
	struct bill_hotline h;
	struct sla_budget none = {.nhotline = 0};
	sd_time t = at(2025, 3, 10, 10, 0);

	ck_assert_int_eq(bill_hotline_price(&none, &berlin, de, t, 60, &h), BILL_ENOTARIFF);
	ck_assert_int_eq(bill_hotline_price(&hotline, NULL, de, t, 60, &h), BILL_ENOTARIFF);
	ck_assert_int_eq(bill_hotline_price(&hotline, &berlin, de, t, -1, &h), BILL_EINVAL);
	ck_assert_int_eq(bill_hotline_price(&hotline, &berlin, de, t, BILL_MAX_SECONDS + 1, &h), BILL_ERANGE);
	/* 24 h from Monday 00:00: 288 blocks; 22:00-08:00 night, 08:00-22:00
	 * day (gaps at the day tariff) -> first block 36, then night minutes
	 * 00:05-08:00 = 475 min * 6, day 08:00-22:00 = 840 min * 5, night
	 * 22:00-24:00 = 120 min * 6: 36 + 28.50 + 42 + 7.20 ... in cents:
	 * 3600 + 475*600 + 840*500 + 120*600 = 3600 + 285000 + 420000 + 72000 */
	ck_assert_int_eq(bill_hotline_price(&hotline, &berlin, de, at(2025, 3, 10, 0, 0), BILL_MAX_SECONDS, &h),
			 BILL_OK);
	ck_assert_int_eq(h.blocks, 288);
	ck_assert_int_eq(h.cents, 3600 + 285000 + 420000 + 72000);
}
END_TEST

/* ---- rush (000) -------------------------------------------------------- */

static const struct {
	int rmo, rd, rh, rmi;  /* requested, local */
	int wmo, wd, wh, wmi;  /* work, local */
	int rush, same_day, outside;
	const char *reason;
} rushes[] = {
	/* Mon 10:00 requested, done Mon 14:00: same calendar day */
	{3, 10, 10, 0, 3, 10, 14, 0, 1, 1, 0, "rush: same calendar day as requested (Mon 2025-03-10)"},
	/* done the next day inside hours: normal EUR 120 */
	{3, 10, 10, 0, 3, 11, 10, 0, 0, 0, 0,
	 "normal rate: requested Mon 2025-03-10, done Tue 2025-03-11 10:00 within support hours"},
	/* midnight: requested Mon 23:50, done Tue 00:10: another day, but outside hours */
	{3, 10, 23, 50, 3, 11, 0, 10, 1, 0, 1, "rush: outside support hours of invitario (Tue 2025-03-11 00:10)"},
	/* requested Mon 23:50, done Tue 09:00 (opening, half-open interval) */
	{3, 10, 23, 50, 3, 11, 9, 0, 0, 0, 0,
	 "normal rate: requested Mon 2025-03-10, done Tue 2025-03-11 09:00 within support hours"},
	/* Tue 08:59 is before the opening */
	{3, 10, 10, 0, 3, 11, 8, 59, 1, 0, 1, "rush: outside support hours of invitario (Tue 2025-03-11 08:59)"},
	/* Tue 16:59 inside, 17:00 already closed */
	{3, 10, 10, 0, 3, 11, 16, 59, 0, 0, 0,
	 "normal rate: requested Mon 2025-03-10, done Tue 2025-03-11 16:59 within support hours"},
	{3, 10, 10, 0, 3, 11, 17, 0, 1, 0, 1, "rush: outside support hours of invitario (Tue 2025-03-11 17:00)"},
	/* Friday closes at 15:00 */
	{3, 13, 10, 0, 3, 14, 14, 59, 0, 0, 0,
	 "normal rate: requested Thu 2025-03-13, done Fri 2025-03-14 14:59 within support hours"},
	{3, 13, 10, 0, 3, 14, 15, 0, 1, 0, 1, "rush: outside support hours of invitario (Fri 2025-03-14 15:00)"},
	/* Saturday work */
	{3, 14, 10, 0, 3, 15, 10, 0, 1, 0, 1, "rush: outside support hours of invitario (Sat 2025-03-15 10:00)"},
	/* Sun 23:59 -> Mon 00:00 (outside) and Mon 09:00 (normal) */
	{3, 16, 23, 59, 3, 17, 0, 0, 1, 0, 1, "rush: outside support hours of invitario (Mon 2025-03-17 00:00)"},
	{3, 16, 23, 59, 3, 17, 9, 0, 0, 0, 0,
	 "normal rate: requested Sun 2025-03-16, done Mon 2025-03-17 09:00 within support hours"},
	/* both at once: requested Mon 08:00, done Mon 18:00 */
	{3, 10, 8, 0, 3, 10, 18, 0, 1, 1, 1,
	 "rush: same calendar day as requested and outside support hours (Mon 2025-03-10 18:00)"},
	/* Good Friday is a holiday: outside support hours */
	{4, 17, 10, 0, 4, 18, 10, 0, 1, 0, 1, "rush: outside support hours of invitario (Fri 2025-04-18 10:00)"},
	/* requested Thursday, done the following Tuesday after Easter */
	{4, 17, 10, 0, 4, 22, 10, 0, 0, 0, 0,
	 "normal rate: requested Thu 2025-04-17, done Tue 2025-04-22 10:00 within support hours"},
};

START_TEST(test_rush)
{
	struct bill_rush r;
	sd_time req = at(2025, rushes[_i].rmo, rushes[_i].rd, rushes[_i].rh, rushes[_i].rmi);
	sd_time work = at(2025, rushes[_i].wmo, rushes[_i].wd, rushes[_i].wh, rushes[_i].wmi);

	ck_assert_int_eq(bill_rush_decide(invitario, req, work, &r), BILL_OK);
	ck_assert_int_eq(r.rush, rushes[_i].rush);
	ck_assert_int_eq(r.same_day, rushes[_i].same_day);
	ck_assert_int_eq(r.outside_hours, rushes[_i].outside);
	ck_assert_str_eq(r.reason, rushes[_i].reason);
}
END_TEST

START_TEST(test_rush_errors)
{
	struct bill_rush r;
	sd_time t = at(2025, 3, 10, 10, 0);

	ck_assert_int_eq(bill_rush_decide(invitario, t, t - 60, &r), BILL_EINVAL);
	ck_assert_int_eq(bill_rush_decide(NULL, t, t, &r), BILL_EINVAL);
	ck_assert_int_eq(bill_rush_decide(invitario, t, t, &r), BILL_OK);
	ck_assert_int_eq(r.rush, 1); /* done the moment it was asked for */
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("billing_tariff");
	TCase *tc = tcase_create("tariff");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_hotline_boundaries, 0, SDESK_ARRAY_LEN(starts));
	tcase_add_loop_test(tc, test_hotline_calls, 0, SDESK_ARRAY_LEN(calls));
	tcase_add_test(tc, test_hotline_holidays);
	tcase_add_test(tc, test_hotline_errors);
	tcase_add_loop_test(tc, test_rush, 0, SDESK_ARRAY_LEN(rushes));
	tcase_add_test(tc, test_rush_errors);
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
