/* The billing engine on the shipped plan catalogue (SDESK_PLANS, normally
 * conf/plans.cfg): the seeds' numbers as the plans carry them, with the real
 * time zones and holiday sets. Expected values by hand from seeds 000, 002,
 * 004; see doc/billing.md. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/util.h"
#include "conf/plans.h"
#include "engine/billing.h"

static struct sla_catalogue cat;

static void setup(void)
{
	const char *file = getenv("SDESK_PLANS");
	char err[512];

	ck_assert_msg(file != NULL, "SDESK_PLANS is not set (run through make check)");
	ck_assert_msg(conf_load_plans(file, &cat, err, sizeof(err)) == 0, "%s", err);
}

static void teardown(void)
{
	sla_catalogue_free(&cat);
}

static const struct sla_plan *plan(const char *name)
{
	const struct sla_plan *p = sla_plan_find(&cat, name);

	ck_assert_msg(p != NULL, "plan %s missing", name);
	return p;
}

static const struct calendar *calendar(const char *name)
{
	const struct calendar *c = cal_set_calendar(cat.cals, name);

	ck_assert_msg(c != NULL, "calendar %s missing", name);
	return c;
}

static sd_time local(const struct calendar *c, int y, int mo, int d, int h, int mi)
{
	return cal_zone_local_to_utc(cal_zone(c), civil_to_days(y, mo, d), h * 60 + mi);
}

START_TEST(test_phone_levels)
{
	/* 002: levels 1/2/3 = 15/30/90 free minutes, 60 activation minutes,
	 * 50 ct beyond. A new account's first 100-minute call on level 1:
	 * 15 free, 60 credit, 25 billed = 12.50; on level 3: 90 free, 10 credit. */
	static const struct {
		const char *plan;
		int free;
		const char *text;
	} lv[] = {
		{"support-level-1", 15, "15 free, 60 credit, 25 billed = EUR 12.50"},
		{"support-level-2", 30, "30 free, 60 credit, 10 billed = EUR 5.00"},
		{"support-level-3", 90, "90 free, 10 credit = EUR 0.00"},
	};
	char text[80];

	for (size_t i = 0; i < SDESK_ARRAY_LEN(lv); i++) {
		const struct sla_budget *b = &plan(lv[i].plan)->budget;
		const int jan = bill_month(2025, 1);
		struct bill_move credit = {BILL_MV_ACTIVATION, BILL_POOL_CREDIT, -1, b->activation_credit_minutes, 0, jan};
		struct bill_balance bal;
		struct bill_phone_split s;

		ck_assert_int_eq(b->monthly_free_minutes, lv[i].free);
		ck_assert_int_eq(b->activation_credit_minutes, 60);
		ck_assert_int_eq(b->overage_minute_cents, 50);
		ck_assert_int_eq(b->rollover, 0);
		ck_assert_int_eq(bill_balance(b, &credit, 1, jan, &bal), BILL_OK);
		ck_assert_int_eq(bill_phone_split(b, &bal, 100 * 60, &s), BILL_OK);
		ck_assert_str_eq(bill_phone_text(&s, text, sizeof(text)), lv[i].text);
	}
}
END_TEST

/* 002 hotline with the shipped windows, Europe/Berlin, holidays "de". */
static const struct {
	int mo, d, h, mi;
	int64_t seconds, cents;
	int gap, holiday;
} hot[] = {
	{3, 10, 7, 59, 60, 3600, 0, 0},   /* Mon 07:59 night */
	{3, 10, 8, 0, 60, 3000, 0, 0},    /* Mon 08:00 day */
	{3, 10, 9, 29, 60, 3000, 0, 0},
	{3, 10, 9, 30, 60, 3000, 1, 0},   /* phone hours: day tariff */
	{3, 10, 12, 30, 60, 3000, 0, 0},
	{3, 10, 13, 30, 60, 3000, 1, 0},
	{3, 10, 17, 0, 60, 3000, 0, 0},
	{3, 10, 21, 59, 60, 3000, 0, 0},
	{3, 10, 22, 0, 60, 3600, 0, 0},   /* night */
	{3, 14, 22, 0, 60, 3600, 0, 0},   /* Friday 22:00 */
	{3, 15, 0, 0, 60, 3600, 0, 0},    /* Saturday */
	{3, 17, 7, 59, 60, 3600, 0, 0},   /* Monday 07:59 */
	{3, 14, 21, 55, 601, 9000, 0, 0}, /* 30 + 10 min * 6 (22:00, 22:05 night) */
	{3, 10, 21, 58, 420, 6000, 0, 0}, /* 30 + 5 * 6 */
	{4, 18, 10, 0, 60, 3600, 0, 1},   /* Karfreitag: like Saturday */
	{5, 29, 8, 0, 60, 3600, 0, 1},    /* Christi Himmelfahrt 2025 (Easter + 39) */
	{5, 28, 8, 0, 60, 3000, 0, 0},    /* the Wednesday before: day */
};

START_TEST(test_hotline_shipped)
{
	const struct sla_budget *b = &plan("support-level-1")->budget;
	const struct calendar *phone = calendar("phone");
	const struct cal_holiday_set *de = cal_set_holidays(cat.cals, "de");
	struct bill_hotline h;

	ck_assert_ptr_nonnull(de);
	ck_assert_int_eq(bill_hotline_price(b, cal_zone(phone), de,
					    local(phone, 2025, hot[_i].mo, hot[_i].d, hot[_i].h, hot[_i].mi),
					    hot[_i].seconds, &h),
			 BILL_OK);
	ck_assert_int_eq(h.cents, hot[_i].cents);
	ck_assert_int_eq(h.seg[0].gap, hot[_i].gap);
	ck_assert_int_eq(h.seg[0].holiday, hot[_i].holiday);
}
END_TEST

/* 000 rush on the shipped invitario calendar (Europe/Vienna, Austrian
 * holidays, Mon-Thu 09:00-17:00, Fri 09:00-15:00). */
static const struct {
	int rmo, rd, rh, rmi, wmo, wd, wh, wmi;
	int rush;
} rush[] = {
	{3, 10, 10, 0, 3, 10, 11, 0, 1},   /* same day */
	{3, 10, 10, 0, 3, 11, 16, 59, 0},  /* next day in hours */
	{3, 10, 10, 0, 3, 11, 17, 0, 1},   /* 17:00 closed */
	{3, 13, 10, 0, 3, 14, 15, 0, 1},   /* Friday 15:00 closed */
	{3, 13, 10, 0, 3, 14, 14, 59, 0},
	{3, 10, 23, 59, 3, 11, 0, 0, 1},   /* midnight: outside hours */
	{4, 30, 10, 0, 5, 1, 10, 0, 1},    /* Staatsfeiertag (AT), Thursday */
	{4, 30, 10, 0, 5, 2, 10, 0, 0},    /* Friday 2 May: normal */
};

START_TEST(test_rush_shipped)
{
	const struct calendar *inv = calendar("invitario");
	const struct sla_budget *b = &plan("invitario-gold")->budget;
	struct bill_rush r;
	struct bill_time t;

	ck_assert_int_eq(bill_rush_decide(inv, local(inv, 2025, rush[_i].rmo, rush[_i].rd, rush[_i].rh, rush[_i].rmi),
					  local(inv, 2025, rush[_i].wmo, rush[_i].wd, rush[_i].wh, rush[_i].wmi), &r),
			 BILL_OK);
	ck_assert_msg(r.rush == rush[_i].rush, "%s", r.reason);
	/* 25 minutes of managed service: 30 min at 120 or 180 per hour */
	ck_assert_int_eq(bill_time_entry(b, 25, r.rush ? b->rush_hour_cents : b->managed_hour_cents, &t), BILL_OK);
	ck_assert_int_eq(t.cents, r.rush ? 9000 : 6000);
}
END_TEST

START_TEST(test_plan_settings_shipped)
{
	/* Hotline pricing reads its calendar and holidays from the plan; standby
	 * counts its lead time on the convento calendar (NRW), 3 working days. */
	static const char *const levels[] = {"support-level-1", "support-level-2", "support-level-3"};
	const struct sla_budget *conv = &plan("convento")->budget;
	int64_t out;

	for (size_t i = 0; i < SDESK_ARRAY_LEN(levels); i++) {
		const struct sla_budget *b = &plan(levels[i])->budget;
		ck_assert_ptr_eq(b->hotline_cal, calendar("phone"));
		ck_assert_ptr_eq(b->hotline_holidays, cal_set_holidays(cat.cals, "de"));
		ck_assert_int_eq(b->hotline_whole_call, 0);
		ck_assert_int_eq(b->hotline_holiday_weekday, 0);
	}
	ck_assert_ptr_eq(conv->standby_cal, calendar("convento"));
	ck_assert_int_eq(conv->standby_lead_days, 3);
	ck_assert_int_eq(conv->standby_hour_cents, 0); /* 001 names no price */
	ck_assert_ptr_eq(plan("convento-premium")->budget.standby_cal, calendar("convento"));
	/* Default: the plan's first reaction calendar. */
	ck_assert_ptr_eq(plan("invitario-gold")->budget.standby_cal, calendar("invitario-days"));
	/* Booked Wed 2025-06-18: Thu 19 is Corpus Christi in NRW, so the 3rd
	 * working day is Tue 2025-06-24 (Fri 20, Mon 23, Tue 24). */
	ck_assert_int_eq(cal_next_working_day(conv->standby_cal, civil_to_days(2025, 6, 18), 3, &out), CAL_OK);
	ck_assert_int_eq(out, civil_to_days(2025, 6, 24));
}
END_TEST

START_TEST(test_standby_shipped)
{
	/* 001: at least 3 working days ahead (convento: Mon-Fri, NRW holidays),
	 * billed per started hour. Booked Mon 2025-03-10 10:00: Tue 11, Wed 12,
	 * Thu 13 -> earliest Thu 2025-03-13 00:00. */
	const struct sla_budget *b = &plan("convento")->budget;
	const struct calendar *c = calendar("convento");
	sd_time now = local(c, 2025, 3, 10, 10, 0);
	static const struct {
		int day, fh, fm, th, tm;
		int64_t hours, cents;
		int early;
	} cases[] = {
		{13, 18, 0, 22, 0, 4, 38000, 0},  /* 4 h x 95.00 */
		{13, 18, 0, 22, 1, 5, 47500, 0},  /* a started hour counts whole */
		{13, 0, 0, 0, 30, 1, 9500, 0},    /* the earliest instant itself */
	};
	struct bill_standby s;

	for (size_t i = 0; i < SDESK_ARRAY_LEN(cases); i++) {
		ck_assert_int_eq(bill_standby_price(b, now, local(c, 2025, 3, cases[i].day, cases[i].fh, cases[i].fm),
						    local(c, 2025, 3, cases[i].day, cases[i].th, cases[i].tm), 9500, &s),
				 BILL_OK);
		ck_assert_int_eq(s.hours, cases[i].hours);
		ck_assert_int_eq(s.cents, cases[i].cents);
		ck_assert_int_eq(s.early, cases[i].early);
		ck_assert_int_eq(s.earliest_day, civil_to_days(2025, 3, 13));
		ck_assert_int_eq(s.earliest, local(c, 2025, 3, 13, 0, 0));
	}
	/* Wed 12 18:00 is inside the lead time: needs a lead's override. */
	ck_assert_int_eq(bill_standby_price(b, now, local(c, 2025, 3, 12, 18, 0), local(c, 2025, 3, 12, 20, 0), 9500, &s),
			 BILL_OK);
	ck_assert_int_eq(s.early, 1);
	/* Booked Fri 2025-04-11: Mon 14, Tue 15, Wed 16 (Good Friday 18 later). */
	ck_assert_int_eq(bill_standby_price(b, local(c, 2025, 4, 11, 16, 0), local(c, 2025, 4, 16, 8, 0),
					    local(c, 2025, 4, 16, 9, 0), 9500, &s), BILL_OK);
	ck_assert_int_eq(s.early, 0);
	ck_assert_int_eq(s.earliest_day, civil_to_days(2025, 4, 16));
	/* Booked Tue 2025-04-15: Wed 16, Thu 17, (Good Friday 18, Easter Monday 21) Tue 22. */
	ck_assert_int_eq(bill_standby_price(b, local(c, 2025, 4, 15, 9, 0), local(c, 2025, 4, 21, 8, 0),
					    local(c, 2025, 4, 21, 9, 0), 9500, &s), BILL_OK);
	ck_assert_int_eq(s.early, 1);
	ck_assert_int_eq(s.earliest_day, civil_to_days(2025, 4, 22));
	/* An empty or reversed window is refused. */
	ck_assert_int_eq(bill_standby_price(b, now, local(c, 2025, 3, 20, 9, 0), local(c, 2025, 3, 20, 9, 0), 9500, &s),
			 BILL_EINVAL);
}
END_TEST

START_TEST(test_points_and_vat_shipped)
{
	const struct sla_plan *tech = plan("ilias-technical"), *user = plan("ilias-user");
	const struct sla_plan *gold = plan("invitario-gold"), *l1 = plan("support-level-1");
	int kt = bill_points_kind(&tech->budget, "technical"), ku = bill_points_kind(&user->budget, "user");
	struct bill_move m;
	struct bill_vat v;
	int64_t lines[] = {9000, 6000};

	ck_assert_int_ge(kt, 0);
	ck_assert_int_ge(ku, 0);
	ck_assert_int_eq(bill_points_package(&tech->budget, kt, 39, 0, &m), BILL_EMINIMUM);
	ck_assert_int_eq(bill_points_package(&tech->budget, kt, 40, 0, &m), BILL_OK);
	ck_assert_int_eq(m.cents, 166000); /* 10 h * 166 */
	ck_assert_int_eq(bill_points_package(&user->budget, ku, 19, 0, &m), BILL_EMINIMUM);
	ck_assert_int_eq(bill_points_package(&user->budget, ku, 20, 0, &m), BILL_OK);
	ck_assert_int_eq(m.cents, 60000); /* 5 h * 120 */
	/* Invitario (Austria) 20 %: 90.00 + 60.00 net -> 30.00 VAT -> 180.00 */
	ck_assert_int_eq(gold->vat_bp, 2000);
	ck_assert_int_eq(bill_vat_total(lines, 2, gold->vat_bp, &v), BILL_OK);
	ck_assert_int_eq(v.vat, 3000);
	ck_assert_int_eq(v.gross, 18000);
	/* German provider 19 %: 1.50 overage -> 0.285 -> 0.29 -> 1.79 */
	ck_assert_int_eq(l1->vat_bp, 1900);
	lines[0] = 150;
	ck_assert_int_eq(bill_vat_total(lines, 1, l1->vat_bp, &v), BILL_OK);
	ck_assert_int_eq(v.vat, 29);
	ck_assert_int_eq(v.gross, 179);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("billing_plans");
	TCase *tc = tcase_create("shipped");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_phone_levels);
	tcase_add_loop_test(tc, test_hotline_shipped, 0, SDESK_ARRAY_LEN(hot));
	tcase_add_loop_test(tc, test_rush_shipped, 0, SDESK_ARRAY_LEN(rush));
	tcase_add_test(tc, test_points_and_vat_shipped);
	tcase_add_test(tc, test_plan_settings_shipped);
	tcase_add_test(tc, test_standby_shipped);
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
