/* The console's queue order and remaining business time against the SLA
 * engine, on the shipped plan catalogue ($SDESK_PLANS), for a mixed set of
 * plans and calendars. Every expected instant and minute count below was
 * worked out by hand from the calendars in conf/plans.cfg (comments show the
 * arithmetic); none comes from the code under test. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf/plans.h"
#include "db/queue.h"
#include "ui/board_model.h"
#include "ui/qclock.h"

static struct sla_catalogue cat;

/* UTC instant of a civil UTC time (November 2026: Berlin/Vienna = UTC+1). */
static int64_t utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};

	return (int64_t)timegm(&tm);
}
/* Berlin local time in November (UTC+1). */
#define BER(d, h, mi) utc(2026, 11, (d), (h) - 1, (mi))

static void row(struct queue_row *r, int64_t id, const char *plan, const char *category, const char *channel,
		int64_t received, int64_t reaction_due)
{
	memset(r, 0, sizeof *r);
	r->id = id;
	r->ref = (char *)"";
	r->customer = (char *)"";
	r->plan = (char *)plan;
	r->category = (char *)category;
	r->channel = (char *)channel;
	r->status = (char *)"new";
	r->assignee = (char *)"";
	r->subject = (char *)"";
	r->tier = 1;
	r->received = received;
	r->first_contact = QUEUE_NO_TIME;
	r->reaction_due = reaction_due;
	r->resolution_due = QUEUE_NO_TIME;
	r->estimate_due = QUEUE_NO_TIME;
	r->paused_since = QUEUE_NO_TIME;
}

static void setup(void)
{
	char err[512];
	const char *path = getenv("SDESK_PLANS");

	ck_assert_msg(path != NULL, "SDESK_PLANS is not set");
	ck_assert_msg(conf_load_plans(path, &cat, err, sizeof err) == 0, "%s", err);
}

static void teardown(void)
{
	sla_catalogue_free(&cat);
}

/* Received Friday 20 Nov 2026 14:00 Berlin unless said otherwise. */
START_TEST(test_order_mixed_plans)
{
	struct queue_row *rows = calloc(8, sizeof *rows); /* qclock_sort replaces q.rows */
	struct queue q = {rows, 8};
	int64_t fri14 = BER(20, 14, 0);
	static const int64_t want[8] = {1, 6, 2, 8, 3, 4, 5, 7};

	/* 1 convento critical (1 h on 08-18): Fri 15:00 */
	row(&rows[0], 1, "convento", "critical", "chat", fri14, BER(20, 15, 0));
	/* 2 support-level-3 bug (4 h on response 09-18): 14-18 = 4 h: Fri 18:00 */
	row(&rows[1], 2, "support-level-3", "bug", "phone", fri14, BER(20, 18, 0));
	/* 3 invitario-gold critical (4 h on invitario, Fri 09-15): 1 h Fri + 3 h Mon: Mon 12:00 */
	row(&rows[2], 3, "invitario-gold", "critical", "ticket", fri14, BER(23, 12, 0));
	/* 4 invitario-silver question (24 h on working days): 10 h Fri + 14 h Mon: Mon 14:00 */
	row(&rows[3], 4, "invitario-silver", "question", "ticket", fri14, BER(23, 14, 0));
	/* 5 convento minor (24 h on 08-18): 4 h Fri + 10 h Mon + 10 h Tue: Tue 18:00 */
	row(&rows[4], 5, "convento", "minor", "email", fri14, BER(24, 18, 0));
	/* 6 convento essential, same instant as 1: severity 2 after 1's severity 1 */
	row(&rows[5], 6, "convento", "essential", "chat", fri14, BER(20, 15, 0));
	/* 7 invitario-gold light, earliest due but waiting: its pause stops the
	 * reaction clock, which then does not run out: last */
	row(&rows[6], 7, "invitario-gold", "light", "ticket", fri14, BER(20, 14, 30));
	rows[6].paused_since = BER(20, 14, 10);
	rows[6].status = (char *)"waiting";
	/* 8 acknowledged convento essential: estimate Mon 09:00 before its resolution Mon 10:00 */
	row(&rows[7], 8, "convento", "essential", "chat", fri14, BER(20, 15, 0));
	rows[7].first_contact = BER(20, 14, 20);
	rows[7].estimate_due = BER(23, 9, 0);
	rows[7].resolution_due = BER(23, 10, 0);

	/* At Fri 14:20 in the team's (desk: 08-18) working minutes: 1 and 6: 40,
	 * 2: 220, 8: 280 (estimate), 3: 460, 4: 580, 5: 1420; 7 paused. */
	qclock_sort(&cat, &q, BER(20, 14, 20));
	for (int i = 0; i < 8; i++)
		ck_assert_msg(q.rows[i].id == want[i], "position %d: ticket %lld, want %lld", i,
			      (long long)q.rows[i].id, (long long)want[i]);
	free(q.rows);
}
END_TEST

/* Remaining business minutes at Fri 20 Nov 14:30 Berlin. */
START_TEST(test_remaining_business_time)
{
	struct queue_row r;
	struct qclock k;
	int64_t now = BER(20, 14, 30), fri14 = BER(20, 14, 0);
	char buf[48];

	/* convento 14:30 -> 15:00 = 30 min */
	row(&r, 1, "convento", "critical", "chat", fri14, BER(20, 15, 0));
	qclock_compute(&cat, &r, now, 60, &k);
	ck_assert_int_eq(k.left, 30);
	ck_assert(k.business && k.at_risk && !k.breached && !k.paused);
	ck_assert_str_eq(qclock_format(&k, buf, sizeof buf), "30m");

	/* invitario (contract: Fri 14:30-15:00 + Mon 09-12 = 3h 30m) in the
	 * TEAM's time (desk 08-18): Fri 14:30-18:00 = 210 + Mon 08-12 = 240: 450 */
	row(&r, 3, "invitario-gold", "critical", "ticket", fri14, BER(23, 12, 0));
	qclock_compute(&cat, &r, now, 60, &k);
	ck_assert_int_eq(k.left, 450);
	ck_assert(!k.at_risk);
	ck_assert_str_eq(qclock_format(&k, buf, sizeof buf), "7h 30m");
	/* the ticket screen still shows the contract's business time */
	qclock_of(&cat, &r, SLA_REACTION, BER(23, 12, 0), now, 60, &k);
	ck_assert_int_eq(k.left, 210);

	/* convento minor: 14:30-18:00 = 210 + Mon 600 + Tue 600 = 1410; a day is 600: "2d 3h" */
	row(&r, 5, "convento", "minor", "email", fri14, BER(24, 18, 0));
	qclock_compute(&cat, &r, now, 60, &k);
	ck_assert_int_eq(k.left, 1410);
	ck_assert_str_eq(qclock_format(&k, buf, sizeof buf), "2d 3h");

	/* breached on the weekend: due Fri 15:00, now Sat 12:00: Fri 15-18 = -180 */
	row(&r, 1, "convento", "critical", "chat", fri14, BER(20, 15, 0));
	qclock_compute(&cat, &r, BER(21, 12, 0), 60, &k);
	ck_assert(k.breached);
	ck_assert_int_eq(k.left, -180);
	ck_assert_str_eq(qclock_format(&k, buf, sizeof buf), "-3h");

	/* paused since 14:10 on invitario-days (24 h on working days): frozen 14:10-15:00 = 50 */
	row(&r, 7, "invitario-gold", "light", "ticket", fri14, BER(20, 15, 0));
	r.paused_since = BER(20, 14, 10);
	qclock_compute(&cat, &r, BER(23, 9, 0), 60, &k);
	ck_assert(k.paused && !k.breached);
	ck_assert_int_eq(k.left, 50);

	/* convento pauses resolution only: a waiting ticket's reaction clock runs on */
	row(&r, 9, "convento", "critical", "chat", fri14, BER(20, 15, 0));
	r.paused_since = BER(20, 14, 10);
	qclock_compute(&cat, &r, now, 60, &k);
	ck_assert(!k.paused);
	ck_assert_int_eq(k.left, 30);

	/* a plan the catalogue does not know: still the team's time */
	row(&r, 10, "nosuch", "x", "ticket", fri14, BER(20, 16, 0));
	qclock_compute(&cat, &r, now, 60, &k);
	ck_assert(k.business);
	ck_assert_int_eq(k.left, 90);
	ck_assert_str_eq(qclock_format(&k, buf, sizeof buf), "1h 30m");
	/* without a catalogue: wall clock, marked with '*' */
	qclock_compute(NULL, &r, now, 60, &k);
	ck_assert(!k.business);
	ck_assert_int_eq(k.left, 90);
	ck_assert_str_eq(qclock_format(&k, buf, sizeof buf), "1h 30m*");
	/* issue 11: due 03:54 tonight, the desk closes at 18:00: 5 working
	 * minutes left at 17:55, at risk, and before a ticket due at 09:44
	 * tomorrow (5 + 104 working minutes), whatever their contracts count */
	{
		struct queue_row *rows = calloc(2, sizeof *rows);
		struct queue q = {rows, 2};

		row(&rows[0], 20, "convento", "minor", "email", BER(20, 9, 0), BER(24, 9, 44));
		row(&rows[1], 21, "invitario-gold", "critical", "ticket", BER(23, 9, 0), BER(24, 3, 54));
		qclock_compute(&cat, &rows[1], BER(23, 17, 55), 60, &k);
		ck_assert_int_eq(k.left, 5);
		ck_assert(k.at_risk);
		qclock_sort(&cat, &q, BER(23, 17, 55));
		ck_assert_int_eq(q.rows[0].id, 21);
		free(q.rows);
	}
}
END_TEST

START_TEST(test_new_and_resume_dues)
{
	sd_time re, res;
	char err[256];

	/* invitario-gold critical by ticket, Fri 14:00: Mon 12:00 (see above); no resolution target */
	ck_assert_int_eq(qclock_new_dues(&cat, "invitario-gold", "critical", "ticket", "", BER(20, 14, 0), &re, &res,
					 err, sizeof err), 0);
	ck_assert_int_eq(re, BER(23, 12, 0));
	ck_assert_int_eq(res, SLA_NO_TIME);
	/* convento has no phone (001: premium plans only) */
	ck_assert_int_eq(qclock_new_dues(&cat, "convento", "critical", "phone", "", BER(20, 14, 0), &re, &res, err,
					 sizeof err), -1);
	ck_assert_msg(strstr(err, "does not include phone") != NULL, "%s", err);
	ck_assert_int_eq(qclock_new_dues(&cat, "convento", "nosuch", "chat", "", BER(20, 14, 0), &re, &res, err,
					 sizeof err), -1);
	/* seitenbau-base category 1, Fri 14:00 on Mon-Fri 09-17 (de-bw): the catalogue's 4 h are
	 * 3 h on Friday and 1 h on Monday: Mon 10:00; the contract's own 2 h: Fri 16:00 */
	ck_assert_int_eq(qclock_new_dues(&cat, "seitenbau-base", "cat1", "ticket", "", BER(20, 14, 0), &re, &res, err,
					 sizeof err), 0);
	ck_assert_int_eq(re, BER(23, 10, 0));
	ck_assert_int_eq(qclock_new_dues(&cat, "seitenbau-base", "cat1", "ticket", "cat1:reaction:h:2,cat3:reaction:d:5",
					 BER(20, 14, 0), &re, &res, err, sizeof err), 0);
	ck_assert_int_eq(re, BER(20, 16, 0));
	ck_assert_int_eq(qclock_new_dues(&cat, "seitenbau-base", "cat1", "ticket", "cat1:reaction:weeks:2",
					 BER(20, 14, 0), &re, &res, err, sizeof err), -1);

	/* A resumed ticket's dues are the database's (ticket_dues in resume_ticket):
	 * tests/db/dues.sh. */
}
END_TEST

START_TEST(test_estimate_parse)
{
	struct queue_row r;
	sd_time out;
	char err[256];

	/* convento essential: resolution on convento; "4h" from Fri 16:00: 16-18 + Mon 08-10: Mon 10:00 */
	row(&r, 1, "convento", "essential", "chat", BER(20, 14, 0), BER(20, 15, 0));
	ck_assert_int_eq(qclock_parse_estimate(&cat, &r, "4h", BER(20, 16, 0), &out, err, sizeof err), 0);
	ck_assert_int_eq(out, BER(23, 10, 0));
	ck_assert_int_eq(qclock_parse_estimate(&cat, &r, "2026-11-24 12:00", BER(20, 16, 0), &out, err, sizeof err), 0);
	ck_assert_int_eq(out, BER(24, 12, 0));
	ck_assert_int_eq(qclock_parse_estimate(&cat, &r, "soon", BER(20, 16, 0), &out, err, sizeof err), -1);
	ck_assert_int_eq(qclock_parse_estimate(&cat, &r, "2026-11-19 12:00", BER(20, 16, 0), &out, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "not in the future") != NULL, "%s", err);
}
END_TEST

/* Ties: tickets due at one instant (same left) are ordered alike by the
 * console and the board: the more severe category first, then the earlier
 * received, then the id. Due Monday 23 Nov 12:00, judged Monday 10:00. */
START_TEST(test_console_board_tie_order)
{
	static const struct {
		const char *plan, *category;
		int rd, rh;     /* received, Nov 2026 Berlin */
	} tks[] = {
		{"convento", "minor", 20, 9},       /* severity 3 */
		{"convento", "critical", 20, 11},   /* 1, received later */
		{"convento", "essential", 20, 10},  /* 2 */
		{"convento", "critical", 20, 10},   /* 1, received earlier: first */
		{"invitario-gold", "severe", 20, 8}, /* 2, received earliest of the 2s */
	};
	static const int64_t want[] = {4, 2, 5, 3, 1};
	enum { N = sizeof tks / sizeof tks[0] };
	struct board_clock bc = {&cat, -1};
	struct queue q = {0};
	struct board_ticket t[N];
	struct board_data d = {0};
	struct board_view v = {0};
	int64_t now = BER(23, 10, 0);

	q.rows = calloc(N, sizeof *q.rows);
	q.n = N;
	for (size_t i = 0; i < N; i++) {
		row(&q.rows[i], (int64_t)i + 1, tks[i].plan, tks[i].category, "ticket", BER(tks[i].rd, tks[i].rh, 0),
		    BER(23, 12, 0));
		memset(&t[i], 0, sizeof t[i]);
		t[i].id = (int64_t)i + 1;
		t[i].plan = (char *)tks[i].plan;
		t[i].category = (char *)tks[i].category;
		t[i].status = (char *)"new";
		t[i].assignee = (char *)"";
		t[i].received = q.rows[i].received;
		t[i].first_contact = BOARD_NO_TIME;
		t[i].reaction_due = BER(23, 12, 0);
		t[i].resolution_due = BOARD_NO_TIME;
		t[i].estimate_due = BOARD_NO_TIME;
		t[i].paused_since = BOARD_NO_TIME;
	}
	d.tickets = t;
	d.ntickets = N;
	qclock_sort(&cat, &q, now);
	board_view_compute(&d, &bc, now, &v);
	ck_assert_uint_eq(v.nnext + v.nrisk, N);
	for (size_t i = 0; i < N; i++) {
		size_t bi = i < v.nrisk ? v.risk_i[i] : v.next_i[i - v.nrisk];

		ck_assert_int_eq(q.rows[i].id, want[i]);
		ck_assert_int_eq(t[bi].id, want[i]);
	}
	board_view_free(&v);
	free(q.rows);
}
END_TEST

/* The console and the board (and so `sdesk check`) judge alike: the same
 * tickets, every 7 minutes of a week that includes nights, a weekend and
 * pauses, give the same state, relevant due instant and left in both. */
START_TEST(test_console_board_agree)
{
	static const struct {
		const char *plan, *category, *channel;
		int rd, rh, rm;      /* reaction due, Nov 2026 Berlin */
		int contact;         /* first contact at Fri 20 14:20 */
		int paused;          /* waiting since Fri 20 14:10 */
	} tks[] = {
		{"convento", "critical", "chat", 20, 15, 0, 0, 0},
		{"convento", "minor", "email", 24, 18, 0, 0, 0},
		{"invitario-gold", "critical", "ticket", 23, 12, 0, 0, 0},
		{"invitario-gold", "light", "ticket", 20, 14, 30, 0, 1},
		{"convento", "essential", "chat", 20, 15, 0, 1, 0},
		{"convento", "critical", "chat", 21, 3, 54, 0, 1},
		{"nosuch", "x", "ticket", 22, 9, 0, 0, 0},
	};
	static const char *const teams[] = {"", "desk", "seitenbau", "nosuch"};
	struct board_clock bc = {&cat, -1};

	for (size_t i = 0; i < sizeof tks / sizeof tks[0]; i++) {
		struct queue_row r;
		struct board_ticket t;

		row(&r, (int64_t)i + 1, tks[i].plan, tks[i].category, tks[i].channel, BER(20, 14, 0),
		    BER(tks[i].rd, tks[i].rh, tks[i].rm));
		r.resolution_due = BER(27, 12, 0);
		if (tks[i].contact) {
			r.first_contact = BER(20, 14, 20);
			r.estimate_due = BER(23, 9, 0);
		}
		if (tks[i].paused) {
			r.paused_since = BER(20, 14, 10);
			r.status = (char *)"waiting";
		}
		memset(&t, 0, sizeof t);
		t.id = r.id;
		t.plan = r.plan;
		t.category = r.category;
		t.status = r.status;
		t.received = r.received;
		t.first_contact = r.first_contact;
		t.reaction_due = r.reaction_due;
		t.resolution_due = r.resolution_due;
		t.estimate_due = r.estimate_due;
		t.paused_since = r.paused_since;
		t.risk_minutes = 120; /* the snapshot's threshold: used only for a plan the catalogue lacks */
		/* The team's calendar: none (the catalogue's desk), the desk named,
		 * another team's hours, one the catalogue does not know (the
		 * desk again): the console and the board take the same. */
		for (size_t c = 0; c < sizeof teams / sizeof teams[0]; c++) {
			r.team_calendar = (char *)teams[c];
			t.team_calendar = (char *)teams[c];
			for (int64_t now = BER(20, 14, 21); now < BER(27, 14, 0); now += 7 * 60) {
				struct sla_ticket_state a, b;

				qclock_state(&cat, &r, now, 120, &a, NULL);
				board_ticket_state(&t, &bc, now, &b);
				ck_assert_msg(a.state == b.state && a.due == b.due && a.left == b.left,
					      "ticket %zu team '%s' at %lld: console %s %lld, board %s %lld", i,
					      teams[c], (long long)now, sla_state_name(a.state), (long long)a.left,
					      sla_state_name(b.state), (long long)b.left);
			}
		}
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("queue-order");
	TCase *tc = tcase_create("qclock");
	SRunner *sr;
	int failed;

	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_order_mixed_plans);
	tcase_add_test(tc, test_remaining_business_time);
	tcase_add_test(tc, test_console_board_agree);
	tcase_add_test(tc, test_console_board_tie_order);
	tcase_add_test(tc, test_new_and_resume_dues);
	tcase_add_test(tc, test_estimate_parse);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
