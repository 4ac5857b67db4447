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

	qclock_sort(&cat, &q);
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

	/* invitario: Fri 14:30-15:00 = 30 + Mon 09:00-12:00 = 180: 210 = 3h 30m */
	row(&r, 3, "invitario-gold", "critical", "ticket", fri14, BER(23, 12, 0));
	qclock_compute(&cat, &r, now, 60, &k);
	ck_assert_int_eq(k.left, 210);
	ck_assert(!k.at_risk);
	ck_assert_str_eq(qclock_format(&k, buf, sizeof buf), "3h 30m");

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

	/* a plan the catalogue does not know: wall clock, marked with '*' */
	row(&r, 10, "nosuch", "x", "ticket", fri14, BER(20, 16, 0));
	qclock_compute(&cat, &r, now, 60, &k);
	ck_assert(!k.business);
	ck_assert_int_eq(k.left, 90);
	ck_assert_str_eq(qclock_format(&k, buf, sizeof buf), "1h 30m*");
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
	tcase_add_test(tc, test_new_and_resume_dues);
	tcase_add_test(tc, test_estimate_parse);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
