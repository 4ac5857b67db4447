/* The board's model without a database: state of a ticket by the clock,
 * the lists and counters, per-agent load, the next tick, the countdown text
 * and the chart's percentages. Expected values are worked out by hand. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ui/board_model.h"

#define NO BOARD_NO_TIME
#define T0 1700000000 /* 2023-11-14 22:13:20 UTC */

static struct board_ticket tk(int64_t id, const char *status, int64_t first_contact, int64_t reaction,
			      int64_t resolution, int64_t estimate, int risk)
{
	struct board_ticket t;

	memset(&t, 0, sizeof t);
	t.id = id;
	t.ref = (char *)"SD";
	t.status = (char *)status;
	t.assignee = (char *)"";
	t.tier = 1;
	t.first_contact = first_contact;
	t.reaction_due = reaction;
	t.resolution_due = resolution;
	t.estimate_due = estimate;
	t.paused_since = strcmp(status, "waiting") == 0 ? T0 - 60 : NO;
	t.risk_minutes = risk;
	return t;
}

START_TEST(test_due_clock)
{
	int r;
	struct board_ticket t = tk(1, "new", NO, T0 + 3600, T0 + 86400, NO, 60);

	ck_assert_int_eq(board_due(&t, &r), T0 + 3600);
	ck_assert_int_eq(r, 1);
	/* After the first contact: the estimate told to the customer counts. */
	t = tk(1, "open", T0 - 10, T0 + 3600, T0 + 86400, T0 + 7200, 60);
	ck_assert_int_eq(board_due(&t, &r), T0 + 7200);
	ck_assert_int_eq(r, 0);
	t = tk(1, "open", T0 - 10, T0 + 3600, T0 + 86400, NO, 60);
	ck_assert_int_eq(board_due(&t, NULL), T0 + 86400);
	/* No reaction target: the resolution clock. */
	t = tk(1, "new", NO, NO, T0 + 500, NO, 60);
	ck_assert_int_eq(board_due(&t, &r), T0 + 500);
	ck_assert_int_eq(r, 0);
	t = tk(1, "new", NO, NO, NO, NO, 60);
	ck_assert(board_due(&t, NULL) == NO);
}
END_TEST

/* state at T0 of a ticket due at T0 + left seconds with a 60 min threshold */
static const struct {
	int64_t left;
	const char *status;
	enum board_state want;
} state_cases[] = {
	/* the engine's rules (engine/clock.h): at risk when the minutes left
	 * (wall clock here, rounded down) are at most the threshold; breached
	 * once now is past the due instant */
	{7200, "open", BT_RUNNING},
	{3660, "open", BT_RUNNING},   /* 61 min left */
	{3659, "open", BT_AT_RISK},   /* 60 min 59 s: 60 whole minutes */
	{3600, "open", BT_AT_RISK},   /* exactly the threshold */
	{1, "new", BT_AT_RISK},
	{0, "new", BT_AT_RISK},       /* due now: not yet breached */
	{-1, "new", BT_BREACHED},
	{-3600, "open", BT_BREACHED},
	{-3600, "waiting", BT_BREACHED}, /* the pause (T0 - 60) began after the clock ran out */
	{60, "waiting", BT_PAUSED},
};

START_TEST(test_states)
{
	struct board_ticket t = tk(1, state_cases[_i].status, NO, T0 + state_cases[_i].left, NO, NO, 60);

	ck_assert_int_eq(board_state(&t, T0), state_cases[_i].want);
}
END_TEST

START_TEST(test_due_passes_by_the_clock)
{
	struct board_ticket t = tk(1, "new", NO, T0 + 5, NO, NO, 60);
	struct board_data d = {0};
	struct board_view v = {0};
	struct board_agent a = {(char *)"", (char *)"", 1, 0};

	d.tickets = &t;
	d.ntickets = 1;
	d.agents = &a;
	d.nagents = 1;
	d.open = 1;
	board_view_compute(&d, NULL, T0, &v);
	ck_assert_int_eq(v.at_risk, 1);
	ck_assert_int_eq(v.breached, 0);
	ck_assert_int_eq(v.next_change, T0 + 6); /* breached once past the due instant */
	ck_assert_int_eq(board_next_tick(&v, 1), T0 + 1); /* a shown countdown in its last 10 minutes */
	ck_assert_int_eq(board_next_tick(&v, 0), T0 + 6); /* none shown: the state change */
	board_view_compute(&d, NULL, T0 + 6, &v);
	ck_assert_int_eq(v.at_risk, 0);
	ck_assert_int_eq(v.breached, 1);
	ck_assert_int_eq(v.loads[0].breached, 1);
	board_view_free(&v);
}
END_TEST

START_TEST(test_lists_and_loads)
{
	struct board_ticket t[6] = {
		tk(11, "open", NO, T0 - 600, NO, NO, 60),    /* breached 10 min ago */
		tk(12, "open", NO, T0 - 7200, NO, NO, 60),   /* breached 2 h ago: first */
		tk(13, "new", NO, T0 + 1800, NO, NO, 60),    /* at risk */
		tk(14, "new", NO, T0 + 7200, NO, NO, 60),    /* next up, second */
		tk(15, "new", NO, T0 + 4000, NO, NO, 60),    /* next up, first */
		tk(16, "waiting", NO, T0 + 100, NO, NO, 60), /* paused (since T0 - 60) */
	};
	struct board_agent ag[2] = {{(char *)"anna", (char *)"Anna", 4, 0}, {(char *)"", (char *)"", 3, 1}};
	struct board_data d = {0};
	struct board_view v = {0};

	t[0].assignee = t[2].assignee = (char *)"anna";
	t[3].escalation = 1;
	t[4].tier = 3;
	d.tickets = t;
	d.ntickets = 6;
	d.agents = ag;
	d.nagents = 2;
	d.open = 7;
	d.paused = 1;
	board_view_compute(&d, NULL, T0, &v);
	ck_assert_int_eq(v.open, 7);
	ck_assert_int_eq(v.paused, 1);
	ck_assert_int_eq(v.breached, 2);
	ck_assert_int_eq(v.at_risk, 1);
	ck_assert_int_eq(d.tickets[v.breached_i[0]].id, 12);
	ck_assert_int_eq(d.tickets[v.breached_i[1]].id, 11);
	ck_assert_int_eq(d.tickets[v.risk_i[0]].id, 13);
	ck_assert_uint_eq(v.nnext, 2);
	ck_assert_int_eq(d.tickets[v.next_i[0]].id, 15);
	ck_assert_int_eq(d.tickets[v.next_i[1]].id, 14);
	/* Escalations: level first, then 3rd level. */
	ck_assert_uint_eq(v.nesc, 2);
	ck_assert_int_eq(d.tickets[v.esc_i[0]].id, 14);
	ck_assert_int_eq(d.tickets[v.esc_i[1]].id, 15);
	/* Loads: anna has 1 breached, 1 at risk; unassigned 1 breached. */
	ck_assert_str_eq(v.loads[0].login, "anna");
	ck_assert_int_eq(v.loads[0].breached, 1);
	ck_assert_int_eq(v.loads[0].at_risk, 1);
	ck_assert_int_eq(v.loads[0].open, 4);
	ck_assert_int_eq(v.loads[1].breached, 1);
	/* Next state change: 15 turns at risk once 60 whole minutes are left,
	 * past T0 + 4000 - 3660 (T0 + 341), before 13 breaches (T0 + 1801);
	 * the next minute (T0 + 40) is sooner. */
	ck_assert_int_eq(v.next_change, T0 + 341);
	ck_assert_int_eq(board_next_tick(&v, 0), T0 + 40);
	board_view_free(&v);
}
END_TEST

static const struct {
	int64_t left;
	const char *want;
} left_cases[] = {
	{3 * 86400 + 4 * 3600 + 59, "3d 4h"},
	{3 * 3600 + 5 * 60 + 59, "3h 05m"},
	{45 * 60 + 30, "45m"},
	{601, "10m"},
	{600, "10m 00s"},
	{9 * 60 + 7, "9m 07s"},
	{1, "0m 01s"},
	{0, "0m ago"},
	{-31 * 60 - 5, "31m ago"},
	{-(2 * 3600 + 10 * 60), "2h 10m ago"},
	{-(3 * 86400 + 3600), "3d 1h ago"},
};

START_TEST(test_format_left)
{
	char buf[32];

	board_format_left(T0 + left_cases[_i].left, T0, buf, sizeof buf);
	ck_assert_str_eq(buf, left_cases[_i].want);
}
END_TEST

START_TEST(test_day_percent)
{
	struct board_day none = {2024, 1, 1, 0, 0}, all = {2024, 1, 2, 7, 7}, most = {2024, 1, 3, 200, 199},
			 third = {2024, 1, 4, 3, 1};
	char buf[8];

	ck_assert_int_eq(board_day_percent(&none), -1);
	ck_assert_int_eq(board_day_percent(&all), 100);
	ck_assert_int_eq(board_day_percent(&most), 99); /* 99.5 % is not 100 % */
	ck_assert_int_eq(board_day_percent(&third), 33);
	board_format_left(NO, T0, buf, sizeof buf);
	ck_assert_str_eq(buf, "-");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("board_model");
	TCase *tc = tcase_create("model");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_due_clock);
	tcase_add_loop_test(tc, test_states, 0, (int)(sizeof state_cases / sizeof state_cases[0]));
	tcase_add_test(tc, test_due_passes_by_the_clock);
	tcase_add_test(tc, test_lists_and_loads);
	tcase_add_loop_test(tc, test_format_left, 0, (int)(sizeof left_cases / sizeof left_cases[0]));
	tcase_add_test(tc, test_day_percent);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
