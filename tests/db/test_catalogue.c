/* `sdesk plans load` against a real PostgreSQL (tests/with-pg): loading twice
 * changes nothing; a changed target is reported and moves an open ticket's
 * due instant to the value computed by hand; a plan gone from the file is
 * retired and comes back when it returns; a dry run stores nothing. Each test
 * creates its own database and drops it. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "conf/catjson.h"
#include "conf/plans.h"
#include "db/actions.h"
#include "db/catalogue.h"
#include "db/db.h"
#include "db/migrate.h"

static struct db *admin, *db;
static char dbname[64];
static char tmpfile_path[128];
static int counter;

static const char *shipped(void)
{
	const char *p = getenv("SDESK_PLANS");

	ck_assert_msg(p != NULL, "SDESK_PLANS is not set");
	return p;
}

static void must(struct db *d, int ok, const char *what)
{
	ck_assert_msg(ok, "%s: %s", what, db_last_error(d)->plain);
}

/* The first value of a query, malloc'ed ("<NULL>" for NULL). */
static char *value(const char *sql, int n, const char *const *params)
{
	struct db_result *res = db_exec(db, sql, n, params);
	char *v;

	must(db, res != NULL, sql);
	ck_assert_int_ge(db_result_rows(res), 1);
	v = xstrdup(db_result_value(res, 0, 0) ? db_result_value(res, 0, 0) : "<NULL>");
	db_result_free(res);
	return v;
}

static void expect(const char *expected, const char *sql, const char *param)
{
	const char *p[1] = { param };
	char *v = value(sql, param ? 1 : 0, param ? p : NULL);

	ck_assert_msg(strcmp(v, expected) == 0, "%s [%s]: expected [%s], got [%s]", sql,
		param ? param : "", expected, v);
	free(v);
}

/* Loads file into the test database; returns the report (free it). */
static struct catalogue_report load(const char *file, int dry_run)
{
	struct sla_catalogue cat;
	struct conf_cat_json js;
	struct catalogue_report rep;
	char err[512];

	ck_assert_msg(conf_load_plans(file, &cat, err, sizeof(err)) == 0, "%s", err);
	ck_assert_msg(conf_cat_json_read(file, &js, err, sizeof(err)) == 0, "%s", err);
	ck_assert_msg(catalogue_load(db, &cat, &js, dry_run, (int64_t)time(NULL), &rep) == 0, "%s",
		rep.error);
	conf_cat_json_free(&js);
	sla_catalogue_free(&cat);
	return rep;
}

/* A copy of the shipped catalogue with the first `from` replaced by `to`. */
static const char *variant(const char *from, const char *to)
{
	FILE *in = fopen(shipped(), "rb"), *out;
	struct strbuf sb = { 0 };
	char buf[4096], *hit;
	size_t got;

	ck_assert_ptr_nonnull(in);
	while ((got = fread(buf, 1, sizeof(buf), in)) > 0)
		sb_appendn(&sb, buf, got);
	fclose(in);
	hit = strstr(sb.buf, from);
	ck_assert_msg(hit != NULL, "the shipped catalogue has no [%s]", from);
	snprintf(tmpfile_path, sizeof(tmpfile_path), "%s/sdesk-cat-%ld-%d.cfg",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), counter);
	out = fopen(tmpfile_path, "wb");
	ck_assert_ptr_nonnull(out);
	fwrite(sb.buf, 1, (size_t)(hit - sb.buf), out);
	fputs(to, out);
	fputs(hit + strlen(from), out);
	fclose(out);
	sb_free(&sb);
	return tmpfile_path;
}

static void setup(void)
{
	char *q, *sql, *conninfo;

	if (!getenv("PGHOST"))
		ck_abort_msg("PGHOST is not set: run the database tests under tests/with-pg");
	admin = db_connect("");
	must(admin, db_connected(admin), "connect to the maintenance database");
	snprintf(dbname, sizeof(dbname), "sdesk_cat_%ld_%d_%ld", (long)getpid(), counter++, (long)time(NULL));
	q = db_quote_ident(admin, dbname);
	sql = xasprintf("CREATE DATABASE %s", q);
	must(admin, db_command(admin, sql, 0, NULL) == 0, sql);
	free(sql);
	free(q);
	conninfo = xasprintf("dbname=%s", dbname);
	db = db_connect(conninfo);
	free(conninfo);
	must(db, db_connected(db), "connect to the test database");
	ck_assert_int_eq(db_migrate(db, stderr, stderr) == MIGRATE_APPLIED, 1);
	tmpfile_path[0] = '\0';
}

static void teardown(void)
{
	char *q = db_quote_ident(admin, dbname);
	char *sql = xasprintf("DROP DATABASE %s WITH (FORCE)", q);

	db_close(db);
	must(admin, db_command(admin, sql, 0, NULL) == 0, sql);
	free(sql);
	free(q);
	db_close(admin);
	if (tmpfile_path[0])
		unlink(tmpfile_path);
}

/* The superuser as agent, a Convento account with a contract from
 * 2025-01-01, a key user; returns the ids through the pointers. */
static void seed(int64_t *account, int64_t *contract, int64_t *contact, const char *plan)
{
	char *me = value("SELECT session_user::text", 0, NULL);

	must(db, act_call(db, ACT_create_agent, NULL, NULL, av_str(me), av_str("Test Agent"), av_int(2),
		av_id(0), av_bool(1)) == 0, "agent");
	free(me);
	must(db, act_call(db, ACT_create_account, NULL, account, av_str("OWS"), av_str("Ökowerk Süd AG"),
		av_str("2025-01-01")) == 0, "account");
	must(db, act_call(db, ACT_create_contract, NULL, contract, av_int(*account), av_str(plan),
		av_str("2025-01-01"), av_null(), av_null()) == 0,
		"contract");
	must(db, act_call(db, ACT_create_contact, NULL, contact, av_int(*account), av_str("Dörte Käßmann"),
		av_str("key_user"), av_null(), av_null()) == 0,
		"contact");
}

/* Tue 4 March 2025, 10:00 CET (09:00 UTC): a working day in NRW. */
#define RECEIVED 1741078800LL

static const char due_sql[] =
	"SELECT coalesce(to_char(reaction_due AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI'), '-')"
	" || ' / ' || coalesce(to_char(resolution_due AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI'), '-')"
	" FROM ticket WHERE id = $1::bigint";

START_TEST(test_load_twice_changes_nothing)
{
	struct catalogue_report r = load(shipped(), 0);

	ck_assert_int_eq(r.plan_added, 12);
	ck_assert_int_eq(r.cal_added, 8);
	ck_assert_int_eq(r.plan_changed + r.cal_changed + r.plan_retired, 0);
	ck_assert_ptr_nonnull(strstr(r.lines, "plan invitario-gold: added"));
	catalogue_report_free(&r);
	expect("12", "SELECT count(*) FROM plan WHERE active", NULL);
	expect("1900", "SELECT vat_bp FROM plan WHERE code = $1", "convento");
	expect("2000", "SELECT vat_bp FROM plan WHERE code = $1", "invitario-gold");
	expect("Europe/Vienna", "SELECT time_zone FROM calendar WHERE code = $1", "invitario");
	expect("13:30-17:00", "SELECT definition->'calendar'->'mon'->>1 FROM calendar WHERE code = $1", "phone");

	r = load(shipped(), 0);
	ck_assert_int_eq(r.plan_added + r.plan_changed + r.plan_retired, 0);
	ck_assert_int_eq(r.cal_added + r.cal_changed, 0);
	ck_assert_int_eq(r.plan_unchanged, 12);
	ck_assert_int_eq(r.cal_unchanged, 8);
	ck_assert_str_eq(r.lines, "");
	catalogue_report_free(&r);
	expect("1", "SELECT count(*) FROM plan_catalogue", NULL);
	/* The second load wrote no history. */
	expect("0", "SELECT count(*) FROM history WHERE action = 'update'", NULL);
}
END_TEST

START_TEST(test_changed_target_moves_open_ticket)
{
	int64_t account, contract, contact, t1, t2, t3;
	char id1[24], id2[24], id3[24];
	const char *file;
	struct catalogue_report r = load(shipped(), 0);

	catalogue_report_free(&r);
	seed(&account, &contract, &contact, "convento");
	/* Stored as the engine gives them for the shipped plan: critical,
	 * reaction 1 h -> 11:00, resolution 4 h -> 14:00. */
	must(db, act_call(db, ACT_create_ticket, NULL, &t1, av_int(account), av_int(contract), av_id(contact),
		av_str("chat"), av_str("critical"), av_str("Login"), av_null(), av_time(RECEIVED)) == 0, "ticket 1");
	/* Paused 10:30-11:30 and resumed: a Convento pause stops only the
	 * resolution clock, so resolution 15:00. */
	must(db, act_call(db, ACT_create_ticket, NULL, &t2, av_int(account), av_int(contract), av_id(contact),
		av_str("chat"), av_str("critical"), av_str("Versand"), av_null(), av_time(RECEIVED)) == 0, "ticket 2");
	must(db, act_call(db, ACT_pause_ticket, NULL, NULL, av_int(t2), av_time(RECEIVED + 1800),
		av_str("Logs")) == 0, "pause");
	must(db, act_call(db, ACT_resume_ticket, NULL, NULL, av_int(t2), av_time(RECEIVED + 5400)) == 0, "resume");
	/* Resolved: never recomputed. */
	must(db, act_call(db, ACT_create_ticket, NULL, &t3, av_int(account), av_int(contract), av_id(contact),
		av_str("chat"), av_str("critical"), av_str("Alt"), av_null(), av_time(RECEIVED)) == 0, "ticket 3");
	must(db, act_call(db, ACT_resolve_ticket, NULL, NULL, av_int(t3), av_time(RECEIVED + 7200),
		av_null()) == 0, "resolve");
	snprintf(id1, sizeof(id1), "%lld", (long long)t1);
	snprintf(id2, sizeof(id2), "%lld", (long long)t2);
	snprintf(id3, sizeof(id3), "%lld", (long long)t3);
	expect("2025-03-04 11:00 / 2025-03-04 14:00", due_sql, id1);

	/* Reaction for critical 1 h -> 2 h in plan convento only (the first
	 * occurrence; convento-premium keeps 1 h). */
	file = variant("{ clock = \"reaction\"; calendar = \"convento\"; hours = 1;",
		"{ clock = \"reaction\"; calendar = \"convento\"; hours = 2;");

	/* Dry run: reported, not stored. */
	r = load(file, 1);
	ck_assert_int_eq(r.plan_changed, 1);
	ck_assert_int_eq(r.tickets_moved, 2);
	catalogue_report_free(&r);
	expect("2025-03-04 11:00 / 2025-03-04 14:00", due_sql, id1);

	r = load(file, 0);
	ck_assert_int_eq(r.plan_changed, 1);
	ck_assert_int_eq(r.plan_unchanged, 11);
	ck_assert_int_eq(r.cal_changed, 0);
	ck_assert_ptr_nonnull(strstr(r.lines, "plan convento: changed"));
	ck_assert_ptr_null(strstr(r.lines, "convento-premium"));
	ck_assert_int_eq(r.tickets_checked, 2);
	ck_assert_int_eq(r.tickets_moved, 2);
	catalogue_report_free(&r);
	/* By hand: 10:00 + 2 h of 08:00-18:00 = 12:00. */
	expect("2025-03-04 12:00 / 2025-03-04 14:00", due_sql, id1);
	/* Reaction 12:00 (not stopped by the pause); resolution 10:00 + 4 h
	 * + 1 h paused = 15:00. */
	expect("2025-03-04 12:00 / 2025-03-04 15:00", due_sql, id2);
	expect("2025-03-04 11:00 / 2025-03-04 14:00", due_sql, id3);
	expect("1", "SELECT count(*) FROM history WHERE action = 'recompute_dues' AND ticket_id = $1::bigint", id1);

	/* Same file again: nothing to do. */
	r = load(file, 0);
	ck_assert_int_eq(r.plan_changed + r.plan_added + r.tickets_moved, 0);
	catalogue_report_free(&r);
}
END_TEST

START_TEST(test_changed_calendar_moves_ticket)
{
	int64_t account, contract, contact, t1;
	char id1[24];
	const char *file;
	struct catalogue_report r = load(shipped(), 0);

	catalogue_report_free(&r);
	seed(&account, &contract, &contact, "convento-premium");
	must(db, act_call(db, ACT_create_ticket, NULL, &t1, av_int(account), av_int(contract), av_id(contact),
		av_str("chat"), av_str("critical"), av_str("Login"), av_null(), av_time(RECEIVED)) == 0, "ticket");
	snprintf(id1, sizeof(id1), "%lld", (long long)t1);
	/* Standby on Tuesdays from 10:30 instead of 08:00: the clocks start at
	 * 10:30, so reaction 1 h -> 11:30 and resolution 4 h -> 14:30. */
	file = variant("tue = [\"08:00-18:00\"]; wed = [\"08:00-18:00\"];\n    thu = [\"08:00-18:00\"]; fri = [\"08:00-18:00\"];\n  };\n  # 002",
		"tue = [\"10:30-18:00\"]; wed = [\"08:00-18:00\"];\n    thu = [\"08:00-18:00\"]; fri = [\"08:00-18:00\"];\n  };\n  # 002");
	r = load(file, 0);
	ck_assert_int_eq(r.cal_changed, 1);
	ck_assert_ptr_nonnull(strstr(r.lines, "calendar convento: changed"));
	ck_assert_int_eq(r.plan_changed, 0);
	ck_assert_int_eq(r.tickets_moved, 1);
	catalogue_report_free(&r);
	expect("2025-03-04 11:30 / 2025-03-04 14:30", due_sql, id1);
}
END_TEST

START_TEST(test_retired_plan_inactive)
{
	const char *file;
	struct catalogue_report r = load(shipped(), 0);

	catalogue_report_free(&r);
	file = variant("name = \"ilias-user\";", "name = \"ilias-user-2027\";");
	r = load(file, 0);
	ck_assert_int_eq(r.plan_added, 1);
	ck_assert_int_eq(r.plan_retired, 1);
	ck_assert_ptr_nonnull(strstr(r.lines, "plan ilias-user: retired"));
	catalogue_report_free(&r);
	expect("false", "SELECT active::text FROM plan WHERE code = $1", "ilias-user");
	expect("true", "SELECT active::text FROM plan WHERE code = $1", "ilias-user-2027");

	/* Back to the shipped file: ilias-user returns, the other retires. */
	r = load(shipped(), 0);
	ck_assert_int_eq(r.plan_changed, 1);
	ck_assert_int_eq(r.plan_retired, 1);
	ck_assert_ptr_nonnull(strstr(r.lines, "plan ilias-user: reactivated"));
	catalogue_report_free(&r);
	expect("true", "SELECT active::text FROM plan WHERE code = $1", "ilias-user");
	expect("false", "SELECT active::text FROM plan WHERE code = $1", "ilias-user-2027");
}
END_TEST

START_TEST(test_overrides_parse)
{
	char buf[] = "cat1:reaction:h:2,*:resolution:d:5";
	char bad[] = "cat1:reaction:x:2";
	struct sla_override ov[4];

	ck_assert_int_eq(sla_overrides_parse(buf, ov, 4), 2);
	ck_assert_str_eq(ov[0].category, "cat1");
	ck_assert_int_eq(ov[0].clock, SLA_REACTION);
	ck_assert_int_eq(ov[0].dur.unit, SLA_HOURS);
	ck_assert_int_eq(ov[0].dur.amount, 2);
	ck_assert_ptr_null(ov[1].category);
	ck_assert_int_eq(ov[1].clock, SLA_RESOLUTION);
	ck_assert_int_eq(ov[1].dur.unit, SLA_WORKDAYS);
	ck_assert_int_eq(sla_overrides_parse(bad, ov, 4), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("catalogue");
	TCase *tc = tcase_create("plans load");
	TCase *pure = tcase_create("overrides");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_load_twice_changes_nothing);
	tcase_add_test(tc, test_changed_target_moves_open_ticket);
	tcase_add_test(tc, test_changed_calendar_moves_ticket);
	tcase_add_test(tc, test_retired_plan_inactive);
	tcase_add_test(pure, test_overrides_parse);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, pure);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
