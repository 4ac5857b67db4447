/* The database layer against a real PostgreSQL (tests/with-pg): migrations,
 * constraints, idempotent writes, append-only tables, session_user as the
 * person on every row, errors and lost connections. Each test creates its
 * own database and drops it. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "db/db.h"
#include "db/journal.h"
#include "db/migrate.h"
#include "db/queue.h"

static struct db *admin;  /* on the maintenance database */
static struct db *db;     /* on this test's database, as the superuser */
static char dbname[64];
static char rolename[64]; /* a login role made by a test, "" when none */
static char *conninfo;    /* "dbname=..." of this test's database */
static int counter;

/* ---------------------------------------------------------------- helpers */

static void must(struct db *d, int ok, const char *what)
{
	ck_assert_msg(ok, "%s: %s", what, db_last_error(d)->plain);
}

static void run(struct db *d, const char *sql, int n, const char *const *params)
{
	must(d, db_command(d, sql, n, params) == 0, sql);
}

/* The first value of a one-row result, malloc'ed ("<NULL>" for NULL), or
 * NULL when the statement failed. */
static char *value(struct db *d, const char *sql, int n, const char *const *params)
{
	struct db_result *res = db_exec(d, sql, n, params);
	char *v;

	if (!res)
		return NULL;
	ck_assert_int_ge(db_result_rows(res), 1);
	v = xstrdup(db_result_value(res, 0, 0) ? db_result_value(res, 0, 0) : "<NULL>");
	db_result_free(res);
	return v;
}

static char *must_value(struct db *d, const char *sql, int n, const char *const *params)
{
	char *v = value(d, sql, n, params);

	must(d, v != NULL, sql);
	return v;
}

static void expect_value(struct db *d, const char *expected, const char *sql, int n,
	const char *const *params)
{
	char *v = must_value(d, sql, n, params);

	ck_assert_msg(strcmp(v, expected) == 0, "%s: expected [%s], got [%s]", sql, expected, v);
	free(v);
}

static void new_key(char key[37])
{
	ck_assert_int_eq(db_new_key(key), 0);
}

static enum migrate_outcome migrate(struct db *d, char **outtext, char **errtext)
{
	char *obuf = NULL, *ebuf = NULL;
	size_t olen = 0, elen = 0;
	FILE *out = open_memstream(&obuf, &olen);
	FILE *err = open_memstream(&ebuf, &elen);
	enum migrate_outcome o;

	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(err);
	o = db_migrate(d, out, err);
	fclose(out);
	fclose(err);
	if (outtext)
		*outtext = obuf;
	else
		free(obuf);
	if (errtext)
		*errtext = ebuf;
	else
		free(ebuf);
	return o;
}

static void setup(void)
{
	char *quoted, *sql;

	if (!getenv("PGHOST"))
		ck_abort_msg("PGHOST is not set: run the database tests under tests/with-pg");
	admin = db_connect("");
	must(admin, db_connected(admin), "connect to the maintenance database");
	snprintf(dbname, sizeof(dbname), "sdesk_t_%ld_%d_%ld", (long)getpid(), counter++, (long)time(NULL));
	rolename[0] = '\0';
	quoted = db_quote_ident(admin, dbname);
	sql = xasprintf("CREATE DATABASE %s", quoted);
	run(admin, sql, 0, NULL);
	free(sql);
	free(quoted);
	conninfo = xasprintf("dbname=%s", dbname);
	db = db_connect(conninfo);
	must(db, db_connected(db), "connect to the test database");
	ck_assert_int_eq(migrate(db, NULL, NULL), MIGRATE_APPLIED);
}

static void teardown(void)
{
	char *quoted = db_quote_ident(admin, dbname);
	char *sql = xasprintf("DROP DATABASE %s WITH (FORCE)", quoted);

	db_close(db);
	run(admin, sql, 0, NULL);
	free(sql);
	free(quoted);
	if (rolename[0]) {
		quoted = db_quote_ident(admin, rolename);
		sql = xasprintf("DROP ROLE %s", quoted);
		run(admin, sql, 0, NULL);
		free(sql);
		free(quoted);
	}
	db_close(admin);
	free(conninfo);
}

/* Demo-sized seed: a catalogue with one plan, the superuser as a lead agent,
 * an account with a contract from 2026-01-01, a key user and an end user. */
struct seed {
	char account[24], contract[24], key_user[24], end_user[24];
	char minutes[24]; /* a second contract, on support-level-1 (phone minutes) */
};

/* The shipped plan file's text ($SDESK_PLANS); malloc'ed. */
static char *read_plans(void)
{
	const char *path = getenv("SDESK_PLANS");
	FILE *f = path ? fopen(path, "rb") : NULL;
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;

	ck_assert_msg(f != NULL, "SDESK_PLANS (%s) cannot be read", path ? path : "unset");
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_appendn(&sb, buf, n);
	fclose(f);
	return sb.buf;
}

static void seed(struct db *d, struct seed *s)
{
	char key[37];
	char *v;

	{
		/* The real catalogue: the engine in the database decides with it. */
		char *text = read_plans();
		const char *p[] = {text};

		v = must_value(d, "SELECT register_catalogue(md5($1), $1)", 1, p);
		free(text);
	}
	{
		const char *p[] = {v};
		run(d, "SELECT upsert_plan($1, 'invitario-gold', 'Gold', 'Invitario', 1900, '{}')", 1, p);
		run(d, "SELECT upsert_plan($1, 'support-level-1', 'Level 1', 'SaaS', 1900, '{}')", 1, p);
	}
	free(v);
	new_key(key);
	{
		const char *p[] = {key};
		run(d, "SELECT create_agent($1, session_user::text, 'Test Lead', 3::smallint, NULL, true)", 1, p);
	}
	new_key(key);
	{
		const char *p[] = {key, "MLG", "Müller-Lüdenscheidt GmbH"};
		v = must_value(d, "SELECT create_account($1, $2, $3, '2026-01-01')", 3, p);
		snprintf(s->account, sizeof(s->account), "%s", v);
		free(v);
	}
	new_key(key);
	{
		const char *p[] = {key, s->account};
		v = must_value(d, "SELECT create_contract($1, $2, 'invitario-gold', '2026-01-01', NULL, '{}')", 2, p);
		snprintf(s->contract, sizeof(s->contract), "%s", v);
		free(v);
	}
	new_key(key);
	{
		const char *p[] = {key, s->account};
		v = must_value(d, "SELECT create_contract($1, $2, 'support-level-1', '2026-01-01', NULL, '{}')", 2, p);
		snprintf(s->minutes, sizeof(s->minutes), "%s", v);
		free(v);
	}
	new_key(key);
	{
		const char *p[] = {key, s->account, "Jürgen Köhler", "key_user"};
		v = must_value(d, "SELECT create_contact($1, $2, $3, $4, NULL, NULL)", 4, p);
		snprintf(s->key_user, sizeof(s->key_user), "%s", v);
		free(v);
	}
	new_key(key);
	{
		const char *p[] = {key, s->account, "Änne Endnutzer", "end_user"};
		v = must_value(d, "SELECT create_contact($1, $2, $3, $4, NULL, NULL)", 4, p);
		snprintf(s->end_user, sizeof(s->end_user), "%s", v);
		free(v);
	}
}

static const char create_ticket_sql[] =
	"SELECT create_ticket($1, $2, $3, $4, 'email', 'critical', $5, '', $6)";

/* Opens a ticket received at `received` (reaction due 4 h later); returns its
 * id (malloc'ed) or NULL with the error on d. */
static char *open_ticket(struct db *d, const struct seed *s, const char *key, const char *contact,
	const char *received)
{
	const char *p[] = {key, s->account, s->contract, contact, "Kein Login möglich", received};

	return value(d, create_ticket_sql, 6, p);
}

static int wait_readable(int fd, int ms)
{
	fd_set set;
	struct timeval tv = {ms / 1000, (ms % 1000) * 1000};

	FD_ZERO(&set);
	FD_SET(fd, &set);
	return select(fd + 1, &set, NULL, NULL, &tv);
}

/* ---------------------------------------------------------------- migrations */

START_TEST(test_migrate_fresh)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", db_migrations_count);
	ck_assert_int_eq(db_schema_version(db), db_migrations_latest());
	expect_value(db, buf, "SELECT count(*) FROM schema_version", 0, NULL);
	expect_value(db, "t", "SELECT bool_and(applied_by = session_user::text) FROM schema_version", 0, NULL);
	/* The group roles exist. */
	expect_value(db, "4", "SELECT count(*) FROM pg_roles WHERE rolname IN "
		"('sdesk_agent', 'sdesk_lead', 'sdesk_ops', 'sdesk_admin')", 0, NULL);
}
END_TEST

START_TEST(test_migrate_rerun_is_noop)
{
	char *out, *err;

	ck_assert_int_eq(migrate(db, &out, &err), MIGRATE_UP_TO_DATE);
	ck_assert_msg(strstr(out, "up to date") != NULL, "output: %s", out);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
	{
		char n[16];

		snprintf(n, sizeof(n), "%d", db_migrations_count);
		expect_value(db, n, "SELECT count(*) FROM schema_version", 0, NULL);
	}
}
END_TEST

START_TEST(test_migrate_refuses_newer)
{
	char *out, *err;

	run(db, "INSERT INTO schema_version (version, name, checksum) VALUES (9999, '9999_future', 'x')", 0, NULL);
	ck_assert_int_eq(migrate(db, &out, &err), MIGRATE_TOO_NEW);
	ck_assert_msg(strstr(err, "version 9999, newer than this sdesk") != NULL, "stderr: %s", err);
	free(out);
	free(err);
}
END_TEST

START_TEST(test_migrate_reports_changed_checksum)
{
	char *out, *err;

	run(db, "UPDATE schema_version SET checksum = 'deadbeef' WHERE version = 2", 0, NULL);
	ck_assert_int_eq(migrate(db, &out, &err), MIGRATE_CHANGED);
	ck_assert_msg(strstr(err, "migration 0002_functions was changed after it was applied") != NULL,
		"stderr: %s", err);
	free(out);
	free(err);
}
END_TEST

/* The embedded text is byte for byte the file in schema/. */
static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

START_TEST(test_embedded_matches_files)
{
	const char *top = getenv("top_srcdir");
	char *cmd, line[256];
	FILE *ls;
	int nfiles = 0;

	ck_assert_msg(top != NULL, "top_srcdir is not set");
	ck_assert_int_ge(db_migrations_count, 3);
	for (int i = 0; i < db_migrations_count; i++) {
		char *path = xasprintf("%s/schema/%s.sql", top, db_migrations[i].name);
		char *buf = read_file(path);

		ck_assert_int_eq(db_migrations[i].version, atoi(db_migrations[i].name));
		if (i > 0)
			ck_assert_int_gt(db_migrations[i].version, db_migrations[i - 1].version);
		ck_assert_msg(strcmp(buf, db_migrations[i].sql) == 0, "%s differs from the embedded text", path);
		free(buf);
		free(path);
	}
	ck_assert_int_eq(db_migrations_latest(), db_migrations[db_migrations_count - 1].version);
	for (int i = 0; i < db_functions_count; i++) {
		char *path = xasprintf("%s/schema/functions/%s.sql", top, db_functions[i].name);
		char *buf = read_file(path);

		ck_assert_msg(strcmp(buf, db_functions[i].sql) == 0, "%s differs from the embedded text", path);
		if (i > 0)
			ck_assert_int_lt(strcmp(db_functions[i - 1].name, db_functions[i].name), 0);
		free(buf);
		free(path);
	}
	/* Every file in schema/functions/ is embedded (listed in schema/local.mk). */
	cmd = xasprintf("ls '%s/schema/functions'", top);
	ls = popen(cmd, "r");
	ck_assert(ls != NULL);
	while (fgets(line, sizeof(line), ls)) {
		int found = 0;

		line[strcspn(line, "\n")] = '\0';
		if (!strstr(line, ".sql"))
			continue;
		*strstr(line, ".sql") = '\0';
		for (int i = 0; i < db_functions_count && !found; i++)
			found = strcmp(db_functions[i].name, line) == 0;
		ck_assert_msg(found, "schema/functions/%s.sql is not listed in SCHEMA_FUNCTIONS (schema/local.mk)", line);
		nfiles++;
	}
	pclose(ls);
	free(cmd);
	ck_assert_int_eq(nfiles, db_functions_count);
}
END_TEST

/* ---------------------------------------------------------------- constraints */

struct reject_case {
	const char *name;
	const char *sql;     /* FROM a: k = fresh key, t = ticket id, c = contract id */
	const char *sqlstate;
	const char *message; /* part of the message, or NULL */
};

static const struct reject_case rejects[] = {
	{"negative call duration",
	 "SELECT book_call(k, t, '2026-03-02 10:00+01', -1, false) FROM a", "23514", "a call lasts"},
	{"call of 25 hours",
	 "SELECT book_call(k, t, '2026-03-02 10:00+01', 90000, false) FROM a", "23514", "a call lasts"},
	{"time entry of 2000 minutes",
	 "SELECT book_time(k, t, '2026-03-02 10:00+01', 2000, 'support', false, NULL, '') FROM a", "23514",
	 "1 to 1440 minutes"},
	{"time entry of 0 minutes",
	 "SELECT book_time(k, t, '2026-03-02 10:00+01', 0, 'support', false, NULL, '') FROM a", "23514", NULL},
	{"time entry of -15 minutes",
	 "SELECT book_time(k, t, '2026-03-02 10:00+01', -15, 'support', false, NULL, '') FROM a", "23514", NULL},
	{"rush on included support",
	 "SELECT book_time(k, t, '2026-03-02 10:00+01', 15, 'support', true, NULL, '') FROM a", "23514",
	 "only managed service"},
	{"an unknown kind of work",
	 "SELECT book_time(k, t, '2026-03-02 10:00+01', 15, 'golf', false, NULL, '') FROM a", "23514", "unknown kind"},
	{"a hotline call on a plan without hotline",
	 "SELECT book_call(k, t, '2026-03-02 10:00+01', 60, true) FROM a", "23514", "no hotline tariff"},
	{"a call in the future",
	 "SELECT book_call(k, t, now() + interval '1 day', 60, false) FROM a", "23514", "in the future"},
	{"contract ending before it starts",
	 "SELECT create_contract(k, (SELECT account_id FROM contract WHERE id = c), 'invitario-gold',"
	 " '2026-05-01', '2026-04-30', '{}') FROM a", "23514", "contract_dates"},
	{"correction without reason",
	 "SELECT ledger_correction(k, c, 'phone', 'minutes', 5, 0, '  ') FROM a", "23514", "reason"},
	{"managed service without telling the customer",
	 "SELECT mark_managed_service(k, t, NULL, NULL) FROM a", "23514", NULL},
	{"extension without reason",
	 "SELECT extend_estimate(k, t, '2026-03-09 10:00+01', NULL) FROM a", "23514", "reason"},
	{"tier 4",
	 "SELECT set_tier(k, t, 4::smallint, 'why not') FROM a", "23514", NULL},
	{"closing an open ticket",
	 "SELECT close_ticket(k, t, now()) FROM a", "23514", "only a resolved ticket"},
	{"standby ending before it starts",
	 "SELECT book_standby(k, c, '2026-04-01 18:00+02', '2026-04-01 17:00+02', NULL) FROM a", "23514", NULL},
	{"maintenance announced after it started",
	 "SELECT create_maintenance(k, 'Upgrade', 'all', '2026-03-06 18:00+01', '2026-03-06 22:00+01',"
	 " '2026-03-07 10:00+01') FROM a", "23514", NULL},
	{"invalid idempotency key", "SELECT take_ticket('not-a-uuid', t) FROM a", "22P02", NULL},
	{"missing idempotency key", "SELECT take_ticket(NULL, t) FROM a", "22004", "idempotency key"},
};

START_TEST(test_constraints_reject)
{
	const struct reject_case *c = &rejects[_i];
	struct seed s;
	char key[37], tkey[37];
	char *ticket;
	const struct db_error *e;

	seed(db, &s);
	new_key(tkey);
	ticket = open_ticket(db, &s, tkey, s.key_user, "2026-03-02 09:00+01");
	must(db, ticket != NULL, "open a ticket");
	new_key(key);
	{
		const char *p[] = {key, ticket, s.contract};
		char *sql = xasprintf("WITH a AS (SELECT $1::uuid AS k, $2::bigint AS t, $3::bigint AS c) %s",
			c->sql);
		struct db_result *res = db_exec(db, sql, 3, p);

		ck_assert_msg(res == NULL, "%s: accepted", c->name);
		free(sql);
	}
	e = db_last_error(db);
	ck_assert_msg(strcmp(e->sqlstate, c->sqlstate) == 0, "%s: SQLSTATE %s (%s), expected %s",
		c->name, e->sqlstate, e->message, c->sqlstate);
	if (c->message)
		ck_assert_msg(strstr(e->message, c->message) != NULL, "%s: message [%s]", c->name, e->message);
	if (c->sqlstate[0] == '2' && c->sqlstate[1] == '3')
		ck_assert_msg(e->kind == DB_CONSTRAINT && strncmp(e->plain, "constraint violation: ", 22) == 0,
			"%s: plain [%s]", c->name, e->plain);
	/* Nothing of the refused call stays behind. */
	expect_value(db, "0", "SELECT count(*) FROM call", 0, NULL);
	expect_value(db, "0", "SELECT count(*) FROM time_entry", 0, NULL);
	free(ticket);
}
END_TEST

/* The positive controls of the table above. */
START_TEST(test_constraints_accept)
{
	static const char *const minutes[] = {"15", "30", "45", "60", "480"};
	struct seed s;
	char key[37];
	char *ticket;

	seed(db, &s);
	new_key(key);
	ticket = open_ticket(db, &s, key, s.key_user, "2026-03-02 09:00+01");
	must(db, ticket != NULL, "open a ticket");
	for (size_t i = 0; i < SDESK_ARRAY_LEN(minutes); i++) {
		const char *p[] = {key, ticket, minutes[i]};

		new_key(key);
		run(db, "SELECT book_time($1, $2, '2026-03-02 10:00+01', $3::integer, 'support', false, NULL, '')",
			3, p);
	}
	expect_value(db, "630", "SELECT sum(minutes) FROM time_entry", 0, NULL);
	new_key(key);
	{
		const char *p[] = {key, ticket};
		run(db, "SELECT book_call($1, $2, '2026-03-02 10:00+01', 0, false)", 2, p);
	}
	free(ticket);
}
END_TEST

START_TEST(test_end_user_may_not_open_tickets)
{
	struct seed s;
	char key[37];
	char *ticket;

	seed(db, &s);
	new_key(key);
	ticket = open_ticket(db, &s, key, s.end_user, "2026-03-02 09:00+01");
	ck_assert_ptr_null(ticket);
	ck_assert_str_eq(db_last_error(db)->sqlstate, "23514");
	ck_assert_msg(strstr(db_last_error(db)->message, "end user \"Änne Endnutzer\" may not open tickets"),
		"%s", db_last_error(db)->message);
	expect_value(db, "0", "SELECT count(*) FROM ticket", 0, NULL);
}
END_TEST

START_TEST(test_ticket_only_while_contract_runs)
{
	struct seed s;
	char key[37];
	char *ticket;

	seed(db, &s);
	new_key(key);
	/* 2025-12-31 23:30 in Berlin is before the contract's first day. */
	ticket = open_ticket(db, &s, key, s.key_user, "2025-12-31 23:30+01");
	ck_assert_ptr_null(ticket);
	ck_assert_msg(strstr(db_last_error(db)->message, "does not run on 2025-12-31"), "%s",
		db_last_error(db)->message);
	/* 2025-12-31 23:30 UTC is already 2026-01-01 in Berlin. */
	new_key(key);
	ticket = open_ticket(db, &s, key, s.key_user, "2025-12-31 23:30+00");
	must(db, ticket != NULL, "ticket on the first day");
	free(ticket);
}
END_TEST

/* ---------------------------------------------------------------- idempotency */

START_TEST(test_idempotent_create_ticket)
{
	struct seed s;
	char key[37];
	char *a, *b, *c;

	seed(db, &s);
	new_key(key);
	a = open_ticket(db, &s, key, s.key_user, "2026-03-02 09:00+01");
	b = open_ticket(db, &s, key, s.key_user, "2026-03-02 09:00+01");
	c = open_ticket(db, &s, key, s.key_user, "2026-03-02 09:00+01");
	must(db, a && b && c, "create_ticket three times");
	ck_assert_str_eq(a, b);
	ck_assert_str_eq(a, c);
	expect_value(db, "1", "SELECT count(*) FROM ticket", 0, NULL);
	expect_value(db, "1", "SELECT count(*) FROM history WHERE entity = 'ticket' AND action = 'create'", 0, NULL);
	{
		const char *p[] = {key};
		expect_value(db, "create_ticket", "SELECT action FROM request WHERE key = $1", 1, p);
	}
	/* Ticket IDs people can read out: SD- and the number from 10001 on. */
	{
		const char *p[] = {a};
		expect_value(db, "SD-10001", "SELECT ref FROM ticket WHERE id = $1", 1, p);
	}
	free(a);
	free(b);
	free(c);
}
END_TEST

START_TEST(test_idempotent_log_time_and_call)
{
	static const char log_time_sql[] =
		"SELECT book_time($1, $2, '2026-03-02 10:00+01', 45, 'managed_service', true, NULL, 'Eilauftrag')";
	static const char log_call_sql[] = "SELECT book_call($1, $2, '2026-03-02 10:00+01', 900, false)";
	struct seed s;
	char key[37], tkey[37], ckey[37];
	char *ticket, *t1, *t2, *c1, *c2;

	seed(db, &s);
	new_key(key);
	ticket = open_ticket(db, &s, key, s.key_user, "2026-03-02 09:00+01");
	must(db, ticket != NULL, "open a ticket");
	new_key(tkey);
	new_key(ckey);
	{
		const char *pt[] = {tkey, ticket};
		const char *pc[] = {ckey, ticket};

		t1 = must_value(db, log_time_sql, 2, pt);
		t2 = must_value(db, log_time_sql, 2, pt);
		c1 = must_value(db, log_call_sql, 2, pc);
		c2 = must_value(db, log_call_sql, 2, pc);
	}
	ck_assert_str_eq(t1, t2);
	ck_assert_str_eq(c1, c2);
	expect_value(db, "1", "SELECT count(*) FROM time_entry", 0, NULL);
	expect_value(db, "1", "SELECT count(*) FROM call", 0, NULL);
	/* invitario-gold: an ordered rush job the same day, 45 min at EUR 180/h;
	 * a phone call on a plan without phone minutes: 15 minutes at no price. */
	expect_value(db, "13500|true", "SELECT amount_cents || '|' || rush FROM time_entry", 0, NULL);
	expect_value(db, "1", "SELECT count(*) FROM budget_ledger", 0, NULL);
	expect_value(db, "-15", "SELECT sum(amount) FROM budget_ledger WHERE unit = 'minutes'", 0, NULL);
	expect_value(db, "0", "SELECT sum(money_cents) FROM budget_ledger", 0, NULL);
	/* The same key for another action is refused. */
	{
		const char *p[] = {tkey, ticket};
		ck_assert_ptr_null(value(db, "SELECT take_ticket($1, $2)", 2, p));
		ck_assert_str_eq(db_last_error(db)->sqlstate, DB_SQLSTATE_KEY_CONTENT);
		ck_assert_int_eq(db_last_error(db)->kind, DB_KEY_REUSED);
	}
	free(ticket);
	free(t1);
	free(t2);
	free(c1);
	free(c2);
}
END_TEST

/* A key belongs to its author and its content (doc/data-model.md,
 * "Idempotency"): the same login replaying the same content gets the first
 * id; other content under the key, or another login, is refused with its own
 * SQLSTATE and words, and nothing is written. */
START_TEST(test_idempotent_key_content_and_login)
{
	static const char log_time_sql[] =
		"SELECT book_time($1, $2, '2026-03-02 10:00+01', $3::integer, 'support', false, NULL, 'Analyse')";
	struct seed s;
	char key[37], tkey[37];
	char *ticket, *first, *again, *quoted, *sql, *info;
	struct db *other;

	seed(db, &s);
	new_key(tkey);
	ticket = open_ticket(db, &s, tkey, s.key_user, "2026-03-02 09:00+01");
	must(db, ticket != NULL, "open a ticket");
	new_key(key);
	{
		const char *p[] = {key, ticket, "60"};
		const char *q[] = {key, ticket, "120"};

		first = must_value(db, log_time_sql, 3, p);
		/* the same content: the first id, nothing new */
		again = must_value(db, log_time_sql, 3, p);
		ck_assert_str_eq(first, again);
		free(again);
		/* other content (120 minutes) under the same key: refused */
		ck_assert_ptr_null(value(db, log_time_sql, 3, q));
		ck_assert_str_eq(db_last_error(db)->sqlstate, DB_SQLSTATE_KEY_CONTENT);
		ck_assert_int_eq(db_last_error(db)->kind, DB_KEY_REUSED);
		ck_assert_msg(strstr(db_last_error(db)->plain, "entry refused: idempotency key ") == db_last_error(db)->plain
			&& strstr(db_last_error(db)->plain,
				"was already used for book_time with other content: a new entry needs a new key"),
			"message: %s", db_last_error(db)->plain);
	}
	expect_value(db, "1", "SELECT count(*) FROM time_entry", 0, NULL);
	expect_value(db, "60", "SELECT sum(minutes) FROM time_entry", 0, NULL);

	/* Another login with the same key and the same content: refused too. */
	snprintf(rolename, sizeof(rolename), "sdesk_t_other_%ld_%d", (long)getpid(), counter);
	quoted = db_quote_ident(admin, rolename);
	sql = xasprintf("CREATE ROLE %s LOGIN IN ROLE sdesk_agent", quoted);
	run(admin, sql, 0, NULL);
	free(sql);
	free(quoted);
	{
		char akey[37];
		const char *p[] = {akey, rolename};

		new_key(akey);
		run(db, "SELECT create_agent($1, $2, 'Otto Other', 1::smallint, NULL, false)", 2, p);
	}
	info = xasprintf("dbname=%s user=%s", dbname, rolename);
	other = db_connect(info);
	free(info);
	must(other, db_connected(other), "connect as another agent");
	{
		const char *p[] = {key, ticket, "60"};

		ck_assert_ptr_null(value(other, log_time_sql, 3, p));
		ck_assert_str_eq(db_last_error(other)->sqlstate, DB_SQLSTATE_KEY_LOGIN);
		ck_assert_int_eq(db_last_error(other)->kind, DB_KEY_REUSED);
		ck_assert_msg(strstr(db_last_error(other)->plain, "belongs to an entry of ")
			&& strstr(db_last_error(other)->plain, rolename),
			"message: %s", db_last_error(other)->plain);
	}
	/* ... and with a fresh key the other agent's entry is written. */
	{
		char okey[37];
		const char *p[] = {okey, ticket, "120"};

		new_key(okey);
		again = must_value(other, log_time_sql, 3, p);
		ck_assert_str_ne(again, first);
		free(again);
	}
	expect_value(db, "180", "SELECT sum(minutes) FROM time_entry", 0, NULL);
	db_close(other);
	free(first);
	free(ticket);
}
END_TEST

/* The journal takes a reused key as refused for good (not pending for ever):
 * the entry is marked FAILED with SDK01 and the words the client shows. */
START_TEST(test_journal_refuses_reused_key)
{
	struct seed s;
	char key[37], tkey[37], err[512], dir[] = "/tmp/sdesk-jt-XXXXXX";
	char *ticket, *path;
	struct journal *j;
	const struct journal_entry *e;

	seed(db, &s);
	new_key(tkey);
	ticket = open_ticket(db, &s, tkey, s.key_user, "2026-03-02 09:00+01");
	must(db, ticket != NULL, "open a ticket");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/journal", dir);
	j = journal_open(path, err, sizeof(err));
	ck_assert_msg(j != NULL, "%s", err);
	new_key(key);
	{
		const char *take[] = {ticket};
		const char *tier[] = {ticket, "2", "second level"};

		ck_assert_int_eq(journal_add(j, key, "take_ticket", 1, take, err, sizeof(err)), 0);
		ck_assert_int_eq(journal_submit(j, db, key, NULL, err, sizeof(err)), 1);
		/* the same key for another entry (a copied or edited journal) */
		ck_assert_int_eq(journal_forget(j, key, err, sizeof(err)), 0);
		ck_assert_int_eq(journal_compact(j, err, sizeof(err)), 0);
		ck_assert_int_eq(journal_add(j, key, "set_tier", 3, tier, err, sizeof(err)), 0);
		ck_assert_int_eq(journal_submit(j, db, key, NULL, err, sizeof(err)), -1);
	}
	ck_assert_msg(strstr(err, "entry refused: idempotency key ") == err
		&& strstr(err, "was already used for take_ticket, not set_tier"), "%s", err);
	e = journal_entry_at(j, journal_count(j) - 1);
	ck_assert_int_eq(e->state, JOURNAL_FAILED);
	ck_assert_str_eq(e->sqlstate, DB_SQLSTATE_KEY_CONTENT);
	ck_assert_int_eq(journal_pending_count(j), 0);
	expect_value(db, "1", "SELECT tier FROM ticket", 0, NULL);
	journal_close(j);
	unlink(path);
	{
		char *lock = xasprintf("%s.lock", path);

		unlink(lock);
		free(lock);
	}
	rmdir(dir);
	free(path);
	free(ticket);
}
END_TEST

/* Two clients send the same key at once: the second waits for the first and
 * gets its result; one row. */
START_TEST(test_idempotent_concurrent)
{
	static const char sql[] =
		"SELECT book_time($1, $2, '2026-03-02 10:00+01', 30, 'support', false, NULL, '')";
	struct seed s;
	char key[37], tkey[37];
	char *ticket, *first;
	struct db *other = db_connect(conninfo);
	struct db_result *res = NULL;
	int rc = 0;

	must(other, db_connected(other), "second connection");
	seed(db, &s);
	new_key(tkey);
	ticket = open_ticket(db, &s, tkey, s.key_user, "2026-03-02 09:00+01");
	must(db, ticket != NULL, "open a ticket");
	new_key(key);
	{
		const char *p[] = {key, ticket};

		run(db, "BEGIN", 0, NULL);
		first = must_value(db, sql, 2, p);
		ck_assert_int_eq(db_send(other, sql, 2, p), 0);
		usleep(200000);
		ck_assert_int_eq(db_poll(other, &res), 0); /* still waiting for the key */
		run(db, "COMMIT", 0, NULL);
	}
	for (int tries = 0; tries < 50 && rc == 0; tries++) {
		wait_readable(db_socket(other), 100);
		rc = db_poll(other, &res);
	}
	ck_assert_int_eq(rc, 1);
	must(other, res != NULL, "the retried call");
	ck_assert_str_eq(db_result_value(res, 0, 0), first);
	db_result_free(res);
	expect_value(db, "1", "SELECT count(*) FROM time_entry", 0, NULL);
	db_close(other);
	free(first);
	free(ticket);
}
END_TEST

/* A monthly allowance is created on first use, once per contract and month. */
START_TEST(test_allowance_once_per_month)
{
	static const char sql[] =
		"SELECT ledger_credit($1, $2, 'monthly_allowance', '2026-03-01')";
	struct seed s;
	char k1[37], k2[37];
	char *a, *b;

	seed(db, &s);
	new_key(k1);
	new_key(k2);
	{
		const char *p1[] = {k1, s.minutes};
		const char *p2[] = {k2, s.minutes};

		a = must_value(db, sql, 2, p1);
		b = must_value(db, sql, 2, p2);
	}
	ck_assert_str_eq(a, b);
	expect_value(db, "1", "SELECT count(*) FROM budget_ledger WHERE kind = 'monthly_allowance'", 0, NULL);
	free(a);
	free(b);
}
END_TEST

/* ---------------------------------------------------------------- append-only */

static const char *const append_only[] = {
	"UPDATE history SET who = 'someone else'",
	"DELETE FROM history",
	"TRUNCATE history CASCADE",
	"UPDATE budget_ledger SET amount = 1000",
	"DELETE FROM budget_ledger",
	"TRUNCATE budget_ledger",
};

START_TEST(test_append_only)
{
	struct seed s;
	char key[37];

	seed(db, &s);
	new_key(key);
	{
		const char *p[] = {key, s.minutes};
		run(db, "SELECT ledger_credit($1, $2, 'activation_credit', NULL)", 2, p);
	}
	/* Even the superuser, who owns everything, is refused. */
	ck_assert_int_eq(db_command(db, append_only[_i], 0, NULL), -1);
	ck_assert_str_eq(db_last_error(db)->sqlstate, "42501");
	ck_assert_int_eq(db_last_error(db)->kind, DB_PERMISSION);
	ck_assert_msg(strstr(db_last_error(db)->message, "is append-only"), "%s", db_last_error(db)->message);
	expect_value(db, "1", "SELECT count(*) FROM budget_ledger", 0, NULL);
	expect_value(db, "0", "SELECT count(*) FROM history WHERE who <> session_user::text", 0, NULL);
}
END_TEST

/* ---------------------------------------------------------------- session_user */

START_TEST(test_session_user_is_recorded)
{
	struct seed s;
	char key[37];
	char *quoted, *sql, *ticket, *info;
	struct db *agent;

	seed(db, &s);
	snprintf(rolename, sizeof(rolename), "sdesk_t_agent_%ld_%d", (long)getpid(), counter);
	quoted = db_quote_ident(admin, rolename);
	sql = xasprintf("CREATE ROLE %s LOGIN IN ROLE sdesk_agent", quoted);
	run(admin, sql, 0, NULL);
	free(sql);
	free(quoted);
	new_key(key);
	{
		const char *p[] = {key, rolename};
		run(db, "SELECT create_agent($1, $2, 'Karl Martin Kern', 1::smallint, NULL, false)", 2, p);
	}

	info = xasprintf("dbname=%s user=%s", dbname, rolename);
	agent = db_connect(info);
	free(info);
	must(agent, db_connected(agent), "connect as the agent");
	new_key(key);
	ticket = open_ticket(agent, &s, key, s.key_user, "2026-03-02 09:00+01");
	must(agent, ticket != NULL, "the agent opens a ticket");
	{
		const char *p[] = {ticket, rolename};

		expect_value(db, "t", "SELECT created_by = $2 FROM ticket WHERE id = $1", 2, p);
		expect_value(db, "t", "SELECT bool_and(who = $2) FROM history WHERE ticket_id = $1", 2, p);
	}
	/* Direct writes are refused since 0006_security (only the functions
	 * write); the trigger would stamp the login role anyway. */
	ck_assert_int_eq(db_command(agent,
		"INSERT INTO history (who, entity, entity_id, action) VALUES ('boss', 'x', '1', 'spoof')", 0, NULL), -1);
	ck_assert_str_eq(db_last_error(agent)->sqlstate, "42501");
	expect_value(db, "0", "SELECT count(*) FROM history WHERE action = 'spoof'", 0, NULL);
	/* Lead-only actions are refused to the agent. */
	new_key(key);
	{
		const char *p[] = {key, ticket};

		ck_assert_ptr_null(value(agent, "SELECT set_escalation($1, $2, 3::smallint, false, 'x')", 2, p));
		ck_assert_int_eq(db_last_error(agent)->kind, DB_PERMISSION);
	}
	new_key(key);
	{
		const char *p[] = {key, s.contract};

		ck_assert_ptr_null(value(agent, "SELECT ledger_correction($1, $2, 'phone', 'minutes', 5, 0, 'x')", 2, p));
		ck_assert_int_eq(db_last_error(agent)->kind, DB_PERMISSION);
	}
	/* An agent may run migrate on an up-to-date database: nothing to do. */
	ck_assert_int_eq(migrate(agent, NULL, NULL), MIGRATE_UP_TO_DATE);
	/* No deleting, even of one's own rows. */
	ck_assert_int_eq(db_command(agent, "DELETE FROM ticket", 0, NULL), -1);
	ck_assert_int_eq(db_last_error(agent)->kind, DB_PERMISSION);
	db_close(agent);
	free(ticket);
}
END_TEST

/* A role that is no agent cannot work tickets. */
START_TEST(test_non_agent_refused)
{
	struct seed s;
	char key[37];
	char *ticket;

	seed(db, &s);
	run(db, "UPDATE agent SET active = false WHERE login = session_user::text", 0, NULL);
	new_key(key);
	ticket = open_ticket(db, &s, key, s.key_user, "2026-03-02 09:00+01");
	ck_assert_ptr_null(ticket);
	ck_assert_int_eq(db_last_error(db)->kind, DB_PERMISSION);
	ck_assert_msg(strstr(db_last_error(db)->message, "is not an active sdesk agent"), "%s",
		db_last_error(db)->message);
}
END_TEST

/* ---------------------------------------------------------------- ticket lifecycle */

/* 001: a missed estimate -> level 1, the extended one missed again -> 2. */
START_TEST(test_extension_raises_escalation)
{
	static const char *const expected[] = {"1", "2", "2"};
	struct seed s;
	char key[37];
	char *ticket;

	seed(db, &s);
	new_key(key);
	ticket = open_ticket(db, &s, key, s.key_user, "2026-03-02 09:00+01");
	must(db, ticket != NULL, "open a ticket");
	new_key(key);
	{
		const char *p[] = {key, ticket};
		run(db, "SELECT first_contact($1, $2, '2026-03-02 09:30+01', 'severe', '2026-03-03 12:00+01')", 2, p);
		expect_value(db, "0", "SELECT escalation_level FROM ticket WHERE id = $1", 1, p + 1);
		expect_value(db, "open", "SELECT status FROM ticket WHERE id = $1", 1, p + 1);
	}
	for (size_t i = 0; i < SDESK_ARRAY_LEN(expected); i++) {
		char due[40];

		snprintf(due, sizeof(due), "2026-03-%02zu 12:00+01", 4 + i);
		new_key(key);
		{
			const char *p[] = {key, ticket, due};
			run(db, "SELECT extend_estimate($1, $2, $3, 'Analyse dauert länger')", 3, p);
			expect_value(db, expected[i], "SELECT escalation_level FROM ticket WHERE id = $1", 1, p + 1);
		}
	}
	{
		const char *p[] = {ticket};
		expect_value(db, "4", "SELECT count(*) FROM ticket_estimate WHERE ticket_id = $1", 1, p);
	}
	free(ticket);
}
END_TEST

START_TEST(test_pause_and_resume)
{
	struct seed s;
	char key[37];
	char *ticket;

	seed(db, &s);
	new_key(key);
	ticket = open_ticket(db, &s, key, s.key_user, "2026-03-02 09:00+01");
	must(db, ticket != NULL, "open a ticket");
	new_key(key);
	{
		const char *p[] = {key, ticket};
		run(db, "SELECT pause_ticket($1, $2, '2026-03-02 10:00+01', 'Warten auf Logdateien')", 2, p);
		expect_value(db, "waiting", "SELECT status FROM ticket WHERE id = $1", 1, p + 1);
	}
	new_key(key);
	{
		const char *p[] = {key, ticket};
		/* The database moves the due: critical, 4 h on invitario from Mon 09:00
		 * = 13:00 CET, plus the 90 paused minutes = 14:30 CET. */
		run(db, "SELECT resume_ticket($1, $2, '2026-03-02 11:30+01')", 2, p);
		expect_value(db, "new", "SELECT status FROM ticket WHERE id = $1", 1, p + 1);
		expect_value(db, "01:30:00", "SELECT to_at - from_at FROM ticket_pause WHERE ticket_id = $1", 1, p + 1);
		expect_value(db, "2026-03-02 13:30:00",
			"SELECT reaction_due AT TIME ZONE 'UTC' FROM ticket WHERE id = $1", 1, p + 1);
	}
	free(ticket);
}
END_TEST

/* 000: one broadcast is the first qualified contact of every linked ticket. */
START_TEST(test_broadcast_is_first_contact)
{
	struct seed s;
	char key[37];
	char *t1, *t2, *late, *incident;

	seed(db, &s);
	new_key(key);
	t1 = open_ticket(db, &s, key, s.key_user, "2026-03-02 09:00+01");
	new_key(key);
	t2 = open_ticket(db, &s, key, s.key_user, "2026-03-02 09:05+01");
	new_key(key);
	late = open_ticket(db, &s, key, s.key_user, "2026-03-02 11:00+01");
	must(db, t1 && t2 && late, "open tickets");
	new_key(key);
	{
		const char *p[] = {key};
		incident = must_value(db, "SELECT create_incident($1, 'Mailversand gestört', '', "
			"'2026-03-02 08:50+01', NULL)", 1, p);
	}
	const char *tickets[] = {t1, t2, late};
	for (size_t i = 0; i < 3; i++) {
		const char *p[] = {key, tickets[i], incident};

		new_key(key);
		run(db, "SELECT link_incident($1, $2, $3)", 3, p);
	}
	new_key(key);
	{
		const char *p[] = {key, incident};
		run(db, "SELECT broadcast_incident($1, $2, 'Wir arbeiten daran', '2026-03-02 12:00+01', "
			"'2026-03-02 09:20+01')", 2, p);
	}
	expect_value(db, "2", "SELECT count(*) FROM ticket WHERE first_contact_kind = 'broadcast' "
		"AND first_contact_at = '2026-03-02 09:20+01' AND status = 'open'", 0, NULL);
	{
		const char *p[] = {late};
		expect_value(db, "<NULL>", "SELECT first_contact_at FROM ticket WHERE id = $1", 1, p);
	}
	free(t1);
	free(t2);
	free(late);
	free(incident);
}
END_TEST

/* ---------------------------------------------------------------- gateway */

START_TEST(test_notify_on_change)
{
	struct seed s;
	char key[37], channel[64], payload[64];
	char *ticket;
	struct db *listener = db_connect(conninfo);
	int got = 0;

	must(listener, db_connected(listener), "connect the listener");
	must(listener, db_listen(listener, DB_CHANGES_CHANNEL) == 0, "listen");
	seed(db, &s);
	new_key(key);
	ticket = open_ticket(db, &s, key, s.key_user, "2026-03-02 09:00+01");
	must(db, ticket != NULL, "open a ticket");
	for (int tries = 0; tries < 20 && !got; tries++) {
		wait_readable(db_socket(listener), 100);
		ck_assert_int_eq(db_consume(listener), 0);
		while (db_next_notify(listener, channel, sizeof(channel), payload, sizeof(payload)) == 1)
			if (strcmp(payload, ticket) == 0)
				got = 1;
	}
	ck_assert_msg(got, "no notification with payload %s", ticket);
	ck_assert_str_eq(channel, DB_CHANGES_CHANNEL);
	db_close(listener);
	free(ticket);
}
END_TEST

static int queue_has(const struct queue *q, int64_t id)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->rows[i].id == id)
			return 1;
	return 0;
}

/* A NOTIFY naming tickets refreshes just their rows (queue_send_ids +
 * queue_merge): a ticket no longer open moves to the done part, a new one
 * joins, the others stay; the result equals a whole reload (the open tickets
 * as a set, the done part in order). */
static int queue_has_open(const struct queue *q, int64_t id)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->rows[i].id == id)
			return !queue_row_done(&q->rows[i]);
	return 0;
}

START_TEST(test_queue_refresh_ids)
{
	struct seed s;
	struct queue q = {0}, full = {0};
	struct db_result *res = NULL;
	char key[37], *a, *b, *c;
	int64_t ids[2];
	int rc = 0;

	ck_assert_int_eq(queue_payload_ticket("10005"), 10005);
	ck_assert_int_eq(queue_payload_ticket("account:3"), 0);
	ck_assert_int_eq(queue_payload_ticket(""), 0);
	ck_assert_int_eq(queue_payload_ticket("12x"), 0);
	ck_assert_int_eq(queue_payload_ticket("-4"), 0);
	ck_assert_int_eq(queue_payload_ticket("99999999999999999999"), 0); /* would not fit */
	ck_assert_int_eq(queue_payload_ticket(NULL), 0); /* too long to read */
	seed(db, &s);
	new_key(key);
	a = open_ticket(db, &s, key, s.key_user, "2026-03-02 09:00+01");
	new_key(key);
	b = open_ticket(db, &s, key, s.key_user, "2026-03-02 10:00+01");
	must(db, a && b, "open two tickets");
	must(db, queue_load(db, &q) == 0, "load the queue");
	ck_assert(queue_has(&q, strtoll(a, NULL, 10)) && queue_has(&q, strtoll(b, NULL, 10)));
	{
		const char *p[] = {a};
		struct db_result *r = db_exec(db, "UPDATE ticket SET status = 'resolved',"
			" resolved_at = received_at + interval '1 hour' WHERE id = $1::bigint", 1, p);

		must(db, r != NULL, "resolve ticket a");
		db_result_free(r);
	}
	new_key(key);
	c = open_ticket(db, &s, key, s.key_user, "2026-03-02 11:00+01");
	must(db, c != NULL, "open ticket c");
	ids[0] = strtoll(a, NULL, 10);
	ids[1] = strtoll(c, NULL, 10);
	must(db, queue_send_ids(db, ids, 2) == 0, "send the ids");
	for (int tries = 0; tries < 50 && rc == 0; tries++) {
		wait_readable(db_socket(db), 100);
		rc = db_poll(db, &res);
	}
	ck_assert_int_eq(rc, 1);
	must(db, res != NULL, "the rows of a and c");
	ck_assert_int_eq(queue_merge(res, &q, ids, 2), 0);
	db_result_free(res);
	ck_assert_msg(queue_has(&q, ids[1]), "a new ticket joins the queue");
	ck_assert_msg(queue_has(&q, strtoll(b, NULL, 10)), "the other ticket stays");
	must(db, queue_load(db, &full) == 0, "reload the queue");
	{
		size_t open = 0, qopen = 0; /* the whole queue also lists the recently done ones */

		for (size_t i = 0; i < full.n; i++) {
			if (queue_row_done(&full.rows[i]))
				continue;
			open++;
			ck_assert_msg(queue_has(&q, full.rows[i].id), "SD-%lld of a whole reload is missing",
				      (long long)full.rows[i].id);
		}
		while (qopen < q.n && !queue_row_done(&q.rows[qopen]))
			qopen++;
		ck_assert_uint_eq(qopen, open);
		/* The done part: the resolved ticket a moved there, in the reload's order. */
		ck_assert_uint_eq(q.n, full.n);
		for (size_t i = open; i < full.n; i++)
			ck_assert_msg(q.rows[i].id == full.rows[i].id, "done row %zu: SD-%lld, a reload has SD-%lld", i - open,
				      (long long)q.rows[i].id, (long long)full.rows[i].id);
		ck_assert_msg(!queue_has_open(&q, ids[0]), "a resolved ticket leaves the open tickets");
	}
	queue_free(&q);
	queue_free(&full);
	free(a);
	free(b);
	free(c);
}
END_TEST

START_TEST(test_async_send_and_poll)
{
	struct db_result *res = NULL;
	const char *p[] = {"Grüße"};
	int rc = 0;

	ck_assert_int_eq(db_send(db, "SELECT $1::text || ' aus Köln', pg_sleep(0.1)", 1, p), 0);
	for (int tries = 0; tries < 50 && rc == 0; tries++) {
		wait_readable(db_socket(db), 100);
		rc = db_poll(db, &res);
	}
	ck_assert_int_eq(rc, 1);
	must(db, res != NULL, "async result");
	ck_assert_str_eq(db_result_value(res, 0, 0), "Grüße aus Köln");
	db_result_free(res);
	/* The connection is free again. */
	expect_value(db, "1", "SELECT 1", 0, NULL);
}
END_TEST

START_TEST(test_connection_failure)
{
	struct db *d = db_connect("host=/nonexistent-sdesk port=1 dbname=nothing connect_timeout=2");
	const struct db_error *e = db_last_error(d);

	ck_assert(!db_connected(d));
	ck_assert_int_eq(e->kind, DB_CONNECTION);
	ck_assert_msg(strncmp(e->plain, "cannot connect to the database: ", 32) == 0, "%s", e->plain);
	ck_assert_msg(strstr(e->plain, "/nonexistent-sdesk") != NULL, "%s", e->plain);
	ck_assert_msg(strchr(e->plain, '\n') == NULL, "one line: %s", e->plain);
	ck_assert_ptr_null(db_exec(d, "SELECT 1", 0, NULL));
	ck_assert_int_eq(db_last_error(d)->kind, DB_CONNECTION);
	ck_assert_int_eq(db_socket(d), -1);
	db_close(d);
}
END_TEST

/* A backend killed under the client: the statement reports a lost
 * connection, the next one reconnects by itself. */
START_TEST(test_lost_connection_reconnects)
{
	char *pid = must_value(db, "SELECT pg_backend_pid()", 0, NULL);
	const char *p[] = {pid};
	char *again;

	run(admin, "SELECT pg_terminate_backend($1::integer)", 1, p);
	usleep(100000);
	ck_assert_ptr_null(db_exec(db, "SELECT 1", 0, NULL));
	ck_assert_int_eq(db_last_error(db)->kind, DB_CONNECTION);
	ck_assert_msg(strncmp(db_last_error(db)->plain, "connection lost", 15) == 0, "%s",
		db_last_error(db)->plain);
	ck_assert(!db_connected(db));
	again = must_value(db, "SELECT pg_backend_pid()", 0, NULL);
	ck_assert_str_ne(again, pid);
	free(pid);
	free(again);
}
END_TEST

START_TEST(test_error_kinds)
{
	const char *p[] = {"zwölf"};

	ck_assert_ptr_null(db_exec(db, "SELECT $1::integer", 1, p));
	ck_assert_str_eq(db_last_error(db)->sqlstate, "22P02");
	ck_assert_int_eq(db_last_error(db)->kind, DB_INPUT);
	ck_assert_ptr_null(db_exec(db, "SELECT * FROM no_such_table", 0, NULL));
	ck_assert_str_eq(db_last_error(db)->sqlstate, "42P01");
	ck_assert_int_eq(db_last_error(db)->kind, DB_OTHER);
	/* A success clears the error. */
	expect_value(db, "zwölf", "SELECT $1::text", 1, p);
	ck_assert_int_eq(db_last_error(db)->kind, DB_OK);
	/* Values with quotes stay values. */
	{
		const char *q[] = {"x'); DROP TABLE ticket; --"};
		expect_value(db, "x'); DROP TABLE ticket; --", "SELECT $1::text", 1, q);
	}
}
END_TEST

START_TEST(test_new_key)
{
	char a[37], b[37];

	ck_assert_int_eq(db_new_key(a), 0);
	ck_assert_int_eq(db_new_key(b), 0);
	ck_assert_int_eq((int)strlen(a), 36);
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(a[8], '-');
	ck_assert_int_eq(a[13], '-');
	ck_assert_int_eq(a[14], '4');
	ck_assert_msg(strchr("89ab", a[19]) != NULL, "variant: %s", a);
	{
		const char *p[] = {a};
		expect_value(db, a, "SELECT $1::uuid::text", 1, p);
	}
}
END_TEST

static Suite *db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc;

	tc = tcase_create("migrate");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_migrate_fresh);
	tcase_add_test(tc, test_migrate_rerun_is_noop);
	tcase_add_test(tc, test_migrate_refuses_newer);
	tcase_add_test(tc, test_migrate_reports_changed_checksum);
	tcase_add_test(tc, test_embedded_matches_files);
	suite_add_tcase(s, tc);

	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_constraints_reject, 0, (int)SDESK_ARRAY_LEN(rejects));
	tcase_add_test(tc, test_constraints_accept);
	tcase_add_test(tc, test_end_user_may_not_open_tickets);
	tcase_add_test(tc, test_ticket_only_while_contract_runs);
	tcase_add_test(tc, test_idempotent_create_ticket);
	tcase_add_test(tc, test_idempotent_log_time_and_call);
	tcase_add_test(tc, test_idempotent_concurrent);
	tcase_add_test(tc, test_idempotent_key_content_and_login);
	tcase_add_test(tc, test_journal_refuses_reused_key);
	tcase_add_test(tc, test_queue_refresh_ids);
	tcase_add_test(tc, test_allowance_once_per_month);
	tcase_add_loop_test(tc, test_append_only, 0, (int)SDESK_ARRAY_LEN(append_only));
	tcase_add_test(tc, test_session_user_is_recorded);
	tcase_add_test(tc, test_non_agent_refused);
	tcase_add_test(tc, test_extension_raises_escalation);
	tcase_add_test(tc, test_pause_and_resume);
	tcase_add_test(tc, test_broadcast_is_first_contact);
	suite_add_tcase(s, tc);

	tc = tcase_create("gateway");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_notify_on_change);
	tcase_add_test(tc, test_async_send_and_poll);
	tcase_add_test(tc, test_connection_failure);
	tcase_add_test(tc, test_lost_connection_reconnects);
	tcase_add_test(tc, test_error_kinds);
	tcase_add_test(tc, test_new_key);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;

	if (!getenv("PGHOST")) {
		fprintf(stderr, "test_db: PGHOST is not set: run under tests/with-pg (a database test never skips)\n");
		return 99;
	}
	sr = srunner_create(db_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
