/* The write path's one table (src/db/actions.def) against a freshly migrated
 * database (tests/with-pg): every action exists once in pg_proc with that
 * name, arity, parameter names and types, SECURITY DEFINER, the fixed
 * search_path, owned by sdesk_owner, with EXECUTE granted to exactly its
 * group; every function a group may call is in the table (or a read-only
 * helper); a plain agent is refused every action of another group in the
 * words derived from the table; values that do not fit a declaration are
 * refused before anything is sent. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "db/actions.h"
#include "db/db.h"
#include "db/migrate.h"

static struct db *admin; /* maintenance database */
static struct db *db;    /* the test database, superuser */
static char dbname[64], rolename[64];

/* Functions a group may call that are no actions: read-only helpers the
 * action functions use with the caller's rights. */
/* Functions a group may call that write nothing and are no actions: they
 * read (request_result: the caller's own answers; account_open_windows and
 * contract_overrides: what the queue shows) or tell the time (sdesk_now). */
static const char *const helpers[] = {
	"current_agent", "jsonb_changed", "require_lead", "require_text", "sdesk_local_date",
	"sdesk_now", "request_result", "account_open_windows", "contract_overrides",
};

static void must(struct db *d, int ok, const char *what)
{
	ck_assert_msg(ok, "%s: %s", what, db_last_error(d)->plain);
}

static void run(struct db *d, const char *sql)
{
	must(d, db_command(d, sql, 0, NULL) == 0, sql);
}

static void setup(void)
{
	char *q, *sql, *info;
	char *out = NULL, *err = NULL;
	size_t olen, elen;
	FILE *fo, *fe;

	if (!getenv("PGHOST"))
		ck_abort_msg("PGHOST is not set: run the database tests under tests/with-pg");
	admin = db_connect("");
	must(admin, db_connected(admin), "connect");
	snprintf(dbname, sizeof(dbname), "sdesk_act_%ld_%ld", (long)getpid(), (long)time(NULL));
	snprintf(rolename, sizeof(rolename), "sdesk_t_act_%ld", (long)getpid());
	q = db_quote_ident(admin, dbname);
	sql = xasprintf("CREATE DATABASE %s", q);
	run(admin, sql);
	free(sql);
	free(q);
	info = xasprintf("dbname=%s", dbname);
	db = db_connect(info);
	free(info);
	must(db, db_connected(db), "connect to the test database");
	fo = open_memstream(&out, &olen);
	fe = open_memstream(&err, &elen);
	ck_assert_int_eq(db_migrate(db, fo, fe), MIGRATE_APPLIED);
	fclose(fo);
	fclose(fe);
	free(out);
	free(err);
}

static void teardown(void)
{
	char *q = db_quote_ident(admin, dbname);
	char *sql = xasprintf("DROP DATABASE %s WITH (FORCE)", q);

	db_close(db);
	run(admin, sql);
	free(sql);
	free(q);
	q = db_quote_ident(admin, rolename);
	sql = xasprintf("DROP ROLE IF EXISTS %s", q);
	run(admin, sql);
	free(sql);
	free(q);
	db_close(admin);
}

/* "{"uuid","bigint",...}" and "{"p_key","p_ticket",...}" of a declaration. */
static char *array_of(const struct act_def *d, int names)
{
	struct strbuf sb = {0};

	sb_append(&sb, "{");
	for (int k = 0; k < d->nparams; k++)
		sb_printf(&sb, "%s\"%s%s\"", k ? "," : "", names ? "p_" : "", names ? d->params[k].name
										 : d->params[k].type);
	sb_append(&sb, "}");
	return sb.buf;
}

START_TEST(test_table_matches_pg_proc)
{
	static const char sql[] =
		"SELECT p.pronargs,"
		" array_to_string(p.proargtypes::regtype[], ',') = array_to_string($2::regtype[], ','),"
		" coalesce(p.proargnames, '{}') = $3::text[],"
		" p.prosecdef,"
		" coalesce(p.proconfig = '{\"search_path=pg_catalog, public, pg_temp\"}', false),"
		" coalesce((SELECT string_agg(CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END,"
		"   ',' ORDER BY 1) FROM aclexplode(p.proacl) a"
		"   WHERE a.privilege_type = 'EXECUTE' AND a.grantee <> p.proowner), ''),"
		" p.proowner::regrole::text,"
		" p.proargtypes::regtype[]::text, coalesce(p.proargnames::text, '')"
		" FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proname = $1";
	for (int i = 0; i < ACT_COUNT; i++) {
		const struct act_def *d = act_def((enum act_id)i);
		char *types = array_of(d, 0), *names = array_of(d, 1);
		const char *params[] = {d->name, types, names};
		struct db_result *res = db_exec(db, sql, 3, params);

		must(db, res != NULL, d->name);
		ck_assert_msg(db_result_rows(res) == 1, "%s: %d functions of that name in public (db/actions.def declares one)",
			d->name, db_result_rows(res));
		ck_assert_msg(atoi(db_result_value(res, 0, 0)) == d->nparams, "%s: %s parameters in pg_proc, %d declared",
			d->name, db_result_value(res, 0, 0), d->nparams);
		ck_assert_msg(strcmp(db_result_value(res, 0, 1), "t") == 0, "%s: types %s in pg_proc, %s declared", d->name,
			db_result_value(res, 0, 7), types);
		ck_assert_msg(strcmp(db_result_value(res, 0, 2), "t") == 0, "%s: names %s in pg_proc, %s declared", d->name,
			db_result_value(res, 0, 8), names);
		ck_assert_msg(strcmp(db_result_value(res, 0, 3), "t") == 0, "%s is not SECURITY DEFINER", d->name);
		ck_assert_msg(strcmp(db_result_value(res, 0, 4), "t") == 0,
			"%s: search_path is not fixed to pg_catalog, public, pg_temp", d->name);
		ck_assert_msg(strcmp(db_result_value(res, 0, 5), act_group_role(d->group)) == 0,
			"%s: EXECUTE granted to [%s], declared for [%s] only", d->name, db_result_value(res, 0, 5),
			act_group_role(d->group));
		ck_assert_msg(strcmp(db_result_value(res, 0, 6), "sdesk_owner") == 0, "%s: owned by %s, not sdesk_owner",
			d->name, db_result_value(res, 0, 6));
		/* The statement the client and the journal send names it with typed parameters. */
		ck_assert_msg(strncmp(act_sql(d->id), "SELECT ", 7) == 0 && strstr(act_sql(d->id), d->name), "%s: %s",
			d->name, act_sql(d->id));
		ck_assert_int_eq(d->keyed, strcmp(d->params[0].name, "key") == 0);
		ck_assert_msg(d->help && strlen(d->help) > 10, "%s: no help text", d->name);
		ck_assert_ptr_eq(act_find(d->name), d);
		db_result_free(res);
		free(types);
		free(names);
	}
}
END_TEST

/* The other way round: nothing a group may call is missing from the table. */
START_TEST(test_every_callable_function_is_declared)
{
	static const char sql[] =
		"SELECT DISTINCT p.proname FROM pg_proc p, aclexplode(p.proacl) a"
		" WHERE p.pronamespace = 'public'::regnamespace AND a.privilege_type = 'EXECUTE'"
		"   AND (a.grantee = 0 OR a.grantee::regrole::text IN"
		"        ('sdesk_agent', 'sdesk_lead', 'sdesk_ops', 'sdesk_admin'))"
		" ORDER BY 1";
	struct db_result *res = db_exec(db, sql, 0, NULL);
	int n = 0;

	must(db, res != NULL, "callable functions");
	for (int r = 0; r < db_result_rows(res); r++) {
		const char *name = db_result_value(res, r, 0);
		int helper = 0;

		for (size_t h = 0; h < SDESK_ARRAY_LEN(helpers); h++)
			helper |= strcmp(helpers[h], name) == 0;
		ck_assert_msg(helper || act_find(name), "%s may be called by a group but is not in src/db/actions.def",
			name);
		n += !helper;
	}
	ck_assert_int_eq(n, ACT_COUNT);
	db_result_free(res);
}
END_TEST

/* A plain agent calling another group's action is refused by the server and
 * told who may, in the words the table gives (db.c). */
START_TEST(test_refusals_name_the_group)
{
	char *q, *sql, *info;
	struct db *agent;
	int checked = 0;

	q = db_quote_ident(admin, rolename);
	sql = xasprintf("CREATE ROLE %s LOGIN IN ROLE sdesk_agent", q);
	run(admin, sql);
	free(sql);
	free(q);
	info = xasprintf("dbname=%s user=%s", dbname, rolename);
	agent = db_connect(info);
	free(info);
	must(agent, db_connected(agent), "connect as an agent");
	for (int i = 0; i < ACT_COUNT; i++) {
		const struct act_def *d = act_def((enum act_id)i);
		struct act_val v[ACT_MAXP];
		char want[256];
		int rc;

		if (d->group == ACT_AGENT)
			continue;
		for (int k = 0; k < ACT_MAXP; k++)
			v[k] = av_null();
		rc = act_callv(agent, d->id, NULL, NULL, (size_t)(d->nparams - d->keyed), v);
		ck_assert_msg(rc == -1, "%s: an agent was not refused", d->name);
		ck_assert_int_eq(db_last_error(agent)->kind, DB_PERMISSION);
		snprintf(want, sizeof(want), "permission denied: only %s may do %s", act_group_people(d->group), d->name);
		ck_assert_msg(strcmp(db_last_error(agent)->plain, want) == 0, "%s: [%s], wanted [%s]", d->name,
			db_last_error(agent)->plain, want);
		checked++;
	}
	ck_assert_int_gt(checked, 10);
	db_close(agent);
}
END_TEST

/* Values that do not fit the declaration never reach the server. */
START_TEST(test_misfit_values_refused_before_sending)
{
	struct act_text t;
	char err[256];
	int64_t id = 7;

	/* a text where create_team's name... fits; a number does not */
	ck_assert_int_eq(act_call(db, ACT_create_team, NULL, &id, av_int(5)), -1);
	ck_assert_int_eq(db_last_error(db)->kind, DB_INPUT);
	ck_assert_msg(strstr(db_last_error(db)->plain, "create_team: parameter 2 name is text, not a number"), "%s",
		db_last_error(db)->plain);
	ck_assert_int_eq(id, 0);
	/* one value too few */
	ck_assert_int_eq(act_call(db, ACT_take_ticket, NULL, NULL, av_int(1), av_int(2)), -1);
	ck_assert_msg(strstr(db_last_error(db)->plain, "take_ticket takes 1 values after the key, not 2"), "%s",
		db_last_error(db)->plain);
	/* a key for an action without one */
	ck_assert_int_eq(act_call(db, ACT_retire_plans, "00000000-0000-4000-8000-000000000000", NULL, av_int(1)), -1);
	ck_assert_int_eq(db_last_error(db)->kind, DB_INPUT);
	/* an instant for a timestamptz is written as UTC ISO 8601; NULL stays NULL */
	ck_assert_int_eq(act_texts(ACT_close_ticket, 2, (struct act_val[]){av_int(10001), av_time(0)}, &t, err,
		sizeof(err)), 0);
	ck_assert_str_eq(t.v[0], "10001");
	ck_assert_str_eq(t.v[1], "1970-01-01T00:00:00+00:00");
	ck_assert_int_eq(act_texts(ACT_close_ticket, 2, (struct act_val[]){av_int(10001), av_time(ACT_NO_TIME)}, &t,
		err, sizeof(err)), 0);
	ck_assert_ptr_null(t.v[1]);
	ck_assert_int_eq(act_texts(ACT_close_ticket, 2, (struct act_val[]){av_int(10001), av_str("x")}, &t, err,
		sizeof(err)), -1);
	ck_assert_str_eq(err, "close_ticket: parameter 3 at is timestamptz, not a text");
	/* the SQL text is derived with typed parameters */
	ck_assert_str_eq(act_sql(ACT_close_ticket), "SELECT close_ticket($1::uuid, $2::bigint, $3::timestamptz)");
	ck_assert_str_eq(act_sql(ACT_lock_plan_tickets), "SELECT lock_plan_tickets($1::text[])");
}
END_TEST

static Suite *actions_suite(void)
{
	Suite *s = suite_create("actions");
	TCase *tc = tcase_create("pg_proc");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_table_matches_pg_proc);
	tcase_add_test(tc, test_every_callable_function_is_declared);
	tcase_add_test(tc, test_refusals_name_the_group);
	tcase_add_test(tc, test_misfit_values_refused_before_sending);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(actions_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
