/* Applies the embedded migrations; see db/migrate.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/i18n.h"
#include "base/util.h"
#include "db/db.h"
#include "db/migrate.h"
#include "sdesk-build.h"

/* pg_advisory_lock key shared by every sdesk migrating a database. */
#define MIGRATE_LOCK_KEY "7306251835190001"

static const char sql_create_version_table[] =
	"CREATE TABLE IF NOT EXISTS schema_version ("
	" version integer PRIMARY KEY CHECK (version > 0),"
	" name text NOT NULL,"
	" checksum text NOT NULL,"
	" applied_at timestamptz NOT NULL DEFAULT now(),"
	" applied_by text NOT NULL DEFAULT session_user)";
static const char sql_version_table_exists[] =
	"SELECT to_regclass('schema_version') IS NOT NULL";
static const char sql_create_function_table[] =
	"CREATE TABLE schema_function ("
	" name text PRIMARY KEY,"
	" checksum text NOT NULL,"
	" applied_at timestamptz NOT NULL DEFAULT now(),"
	" applied_by text NOT NULL DEFAULT session_user)";
static const char sql_function_table_exists[] =
	"SELECT to_regclass('schema_function') IS NOT NULL";
static const char sql_functions_applied[] =
	"SELECT name, checksum, to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS TZ'), applied_by"
	" FROM schema_function ORDER BY name";
static const char sql_function_record[] =
	"INSERT INTO schema_function (name, checksum, applied_by) VALUES ($1, md5($2), session_user)"
	" ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now(),"
	" applied_by = session_user";
static const char sql_applied[] =
	"SELECT version, name, checksum, to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS TZ'), applied_by"
	" FROM schema_version ORDER BY version";
static const char sql_checksum[] = "SELECT md5($1)";
static const char sql_record[] =
	"INSERT INTO schema_version (version, name, checksum, applied_by)"
	" VALUES ($1, $2, md5($3), session_user)";

struct applied {
	int version;
	char name[64];
	char checksum[33];
	char at[40];
	char by[64];
};

struct state {
	struct applied *applied; /* in version order */
	int napplied;
	char (*ours)[33];        /* checksum of db_migrations[i] */
	struct applied *fapplied; /* schema_function rows by name; version unused */
	int nfapplied;
	char (*fours)[33];        /* checksum of db_functions[i] */
};

static void state_free(struct state *st)
{
	free(st->applied);
	free(st->ours);
	free(st->fapplied);
	free(st->fours);
}

int db_migrations_latest(void)
{
	return db_migrations_count ? db_migrations[db_migrations_count - 1].version : 0;
}

/* The embedded migration of version v, NULL when this sdesk has none. */
static const struct db_migration *find_migration(int v)
{
	for (int i = 0; i < db_migrations_count; i++)
		if (db_migrations[i].version == v)
			return &db_migrations[i];
	return NULL;
}

static void print_db_error(FILE *err, struct db *db, const char *what)
{
	fprintf(err, "sdesk: db: %s: %s\n", _(what), db_last_error(db)->plain);
}

/* 1 when the table exists, 0 when not, -1 on error. */
static int table_exists(struct db *db, const char *sql)
{
	struct db_result *res = db_exec(db, sql, 0, NULL);
	int exists;

	if (!res)
		return -1;
	exists = strcmp(db_result_value(res, 0, 0), "t") == 0;
	db_result_free(res);
	return exists;
}

static int version_table_exists(struct db *db)
{
	return table_exists(db, sql_version_table_exists);
}

/* md5 of text as the server computes it (the checksums stored). 0 or -1. */
static int checksum(struct db *db, const char *text, char out[33])
{
	const char *params[] = {text};
	struct db_result *res = db_exec(db, sql_checksum, 1, params);

	if (!res)
		return -1;
	snprintf(out, 33, "%s", db_result_value(res, 0, 0));
	db_result_free(res);
	return 0;
}

/* Reads the version table (if any) and our checksums. 0 ok, -1 error. */
static int load_state(struct db *db, struct state *st, FILE *err)
{
	struct db_result *res;
	int exists;

	memset(st, 0, sizeof(*st));
	exists = version_table_exists(db);
	if (exists < 0) {
		print_db_error(err, db, N_("reading the schema version"));
		return -1;
	}
	if (exists) {
		res = db_exec(db, sql_applied, 0, NULL);
		if (!res) {
			print_db_error(err, db, N_("reading the schema version"));
			return -1;
		}
		st->napplied = db_result_rows(res);
		st->applied = xcalloc((size_t)st->napplied + 1, sizeof(*st->applied));
		for (int i = 0; i < st->napplied; i++) {
			struct applied *a = &st->applied[i];

			a->version = atoi(db_result_value(res, i, 0));
			/* name and by are printed by sdesk db status: escaped (base/escape.h). */
			sd_escape_buf(a->name, sizeof(a->name), db_result_value(res, i, 1), 0);
			snprintf(a->checksum, sizeof(a->checksum), "%s", db_result_value(res, i, 2));
			snprintf(a->at, sizeof(a->at), "%s", db_result_value(res, i, 3));
			sd_escape_buf(a->by, sizeof(a->by), db_result_value(res, i, 4), 0);
		}
		db_result_free(res);
	}
	exists = table_exists(db, sql_function_table_exists);
	if (exists < 0) {
		print_db_error(err, db, N_("reading the applied functions"));
		return -1;
	}
	if (exists) {
		res = db_exec(db, sql_functions_applied, 0, NULL);
		if (!res) {
			print_db_error(err, db, N_("reading the applied functions"));
			return -1;
		}
		st->nfapplied = db_result_rows(res);
		st->fapplied = xcalloc((size_t)st->nfapplied + 1, sizeof(*st->fapplied));
		for (int i = 0; i < st->nfapplied; i++) {
			struct applied *a = &st->fapplied[i];

			snprintf(a->name, sizeof(a->name), "%s", db_result_value(res, i, 0));
			snprintf(a->checksum, sizeof(a->checksum), "%s", db_result_value(res, i, 1));
			snprintf(a->at, sizeof(a->at), "%s", db_result_value(res, i, 2));
			snprintf(a->by, sizeof(a->by), "%s", db_result_value(res, i, 3));
		}
		db_result_free(res);
	}
	st->ours = xcalloc((size_t)db_migrations_count + 1, sizeof(*st->ours));
	for (int i = 0; i < db_migrations_count; i++)
		if (checksum(db, db_migrations[i].sql, st->ours[i]) < 0) {
			print_db_error(err, db, N_("computing checksums"));
			return -1;
		}
	st->fours = xcalloc((size_t)db_functions_count + 1, sizeof(*st->fours));
	for (int i = 0; i < db_functions_count; i++)
		if (checksum(db, db_functions[i].sql, st->fours[i]) < 0) {
			print_db_error(err, db, N_("computing checksums"));
			return -1;
		}
	return 0;
}

static const struct applied *find_function(const struct state *st, const char *name)
{
	for (int i = 0; i < st->nfapplied; i++)
		if (strcmp(st->fapplied[i].name, name) == 0)
			return &st->fapplied[i];
	return NULL;
}

/* 1 when db_functions[i] is new or changed since it was applied. */
static int function_pending(const struct state *st, int i)
{
	const struct applied *a = find_function(st, db_functions[i].name);

	return !a || strcmp(a->checksum, st->fours[i]) != 0;
}

static const struct applied *find_applied(const struct state *st, int version)
{
	for (int i = 0; i < st->napplied; i++)
		if (st->applied[i].version == version)
			return &st->applied[i];
	return NULL;
}

/* MIGRATE_TOO_NEW, MIGRATE_CHANGED, or MIGRATE_UP_TO_DATE when the applied
 * versions agree with ours (pending ones may remain). Problems go to err. */
static enum migrate_outcome check_state(const struct state *st, FILE *err)
{
	enum migrate_outcome out = MIGRATE_UP_TO_DATE;
	int newest = st->napplied ? st->applied[st->napplied - 1].version : 0;

	if (newest > db_migrations_latest()) {
		fprintf(err,
			_("sdesk: db: the database schema is at version %d, newer than this sdesk"
			" knows (version %d): use a newer sdesk\n"),
			newest, db_migrations_latest());
		return MIGRATE_TOO_NEW;
	}
	for (int i = 0; i < st->napplied; i++) {
		const struct applied *a = &st->applied[i];
		const struct db_migration *m = find_migration(a->version);

		if (!m) {
			fprintf(err,
				_("sdesk: db: the database has migration %s, which this sdesk does not know:"
				" use a newer sdesk\n"), a->name);
			return MIGRATE_TOO_NEW;
		}
		if (strcmp(a->checksum, st->ours[m - db_migrations]) != 0) {
			fprintf(err,
				_("sdesk: db: migration %s was changed after it was applied"
				" (checksum %s in the database, %s in this sdesk)\n"),
				m->name, a->checksum, st->ours[m - db_migrations]);
			out = MIGRATE_CHANGED;
		}
	}
	/* A pending migration numbered below the newest applied one (a number
	 * reserved for another branch, merged late) would run out of order. */
	for (int i = 0; i < db_migrations_count; i++)
		if (db_migrations[i].version < newest && !find_applied(st, db_migrations[i].version)) {
			fprintf(err,
				_("sdesk: db: migration %s is pending but the database is already at version"
				" %d: it would run out of order (recreate the database)\n"),
				db_migrations[i].name, newest);
			out = MIGRATE_CHANGED;
		}
	return out;
}

/* The group roles are cluster-wide but the advisory lock is per database: two
 * databases migrated at once race on creating and granting them, and the
 * loser fails with a unique violation on pg_authid/pg_auth_members or
 * "tuple concurrently updated" once the winner commits. Run again, the
 * migration finds the roles and goes through. */
static int lost_role_race(const struct db_error *e)
{
	if (strcmp(e->sqlstate, "23505") == 0)
		return strstr(e->message, "pg_auth") != NULL;
	if (strcmp(e->sqlstate, "XX000") == 0)
		return strstr(e->message, "concurrently") != NULL;
	return strcmp(e->sqlstate, "40P01") == 0;
}

/* The engine inside the database (src/pgext): created before the
 * migrations, which call it, and updated to the version the server has
 * installed. 0 ok, -1 (printed to err). */
static int ensure_extension(struct db *db, FILE *err)
{
	struct db_result *res;
	int available;

	res = db_exec(db, "SELECT count(*) FROM pg_available_extensions WHERE name = 'sdesk'", 0, NULL);
	if (!res) {
		print_db_error(err, db, N_("looking for the sdesk extension"));
		return -1;
	}
	available = atoi(db_result_value(res, 0, 0));
	db_result_free(res);
	if (!available) {
		fprintf(err,
			_("sdesk: db: the sdesk extension is not installed on the database server.\n"
			"sdesk: db: install it on the database host: `make install-pgext` in a build of sdesk\n"
			"sdesk: db: (needs the Debian package postgresql-server-dev-15 to build), then run\n"
			"sdesk: db: `sdesk db migrate` again; see doc/admin.md, \"The extension\".\n"));
		return -1;
	}
	if (db_command(db, "CREATE EXTENSION IF NOT EXISTS sdesk", 0, NULL) < 0) {
		fprintf(err, _("sdesk: db: creating the sdesk extension failed: %s%s\n"), db_last_error(db)->plain,
			strcmp(db_last_error(db)->sqlstate, "42501") == 0
			? " (run migrations as the database owner or a superuser, see doc/admin.md)" : "");
		return -1;
	}
	res = db_exec(db, "SELECT e.extversion = a.default_version FROM pg_extension e"
			  " JOIN pg_available_extensions a ON a.name = e.extname WHERE e.extname = 'sdesk'", 0, NULL);
	if (res && strcmp(db_result_value(res, 0, 0), "f") == 0
	    && db_command(db, "ALTER EXTENSION sdesk UPDATE", 0, NULL) < 0) {
		db_result_free(res);
		print_db_error(err, db, N_("updating the sdesk extension"));
		return -1;
	}
	db_result_free(res);
	return 0;
}

int db_extension_build(struct db *db, char *out, size_t len)
{
	struct db_result *res = db_exec(db, "SELECT sdesk.build()", 0, NULL);

	if (!res)
		return -1;
	snprintf(out, len, "%s", db_result_value(res, 0, 0));
	db_result_free(res);
	return 0;
}

const char *db_client_build(void)
{
	return SDESK_BUILD_ID;
}

/* 0 applied, 1 lost a race on the group roles (rolled back, nothing printed;
 * only when retry is set), -1 failed (printed to err). */
static int apply_one(struct db *db, const struct db_migration *m, int retry, FILE *err)
{
	char version[16];
	const char *params[3];

	snprintf(version, sizeof(version), "%d", m->version);
	params[0] = version;
	params[1] = m->name;
	params[2] = m->sql;
	if (db_command(db, "BEGIN", 0, NULL) < 0) {
		print_db_error(err, db, m->name);
		return -1;
	}
	if (db_exec_script(db, m->sql) < 0 || db_command(db, sql_record, 3, params) < 0) {
		if (retry && db_connected(db) && lost_role_race(db_last_error(db))) {
			db_exec_script(db, "ROLLBACK");
			return 1;
		}
		fprintf(err, _("sdesk: db: migration %s failed: %s%s\n"), m->name, db_last_error(db)->plain,
			strcmp(db_last_error(db)->sqlstate, "42501") == 0
			? " (run migrations as the schema's owner role, see doc/security.md)" : "");
		if (*db_last_error(db)->detail)
			fprintf(err, "sdesk: db: %s\n", db_last_error(db)->detail);
		if (db_connected(db))
			db_exec_script(db, "ROLLBACK");
		return -1;
	}
	if (db_command(db, "COMMIT", 0, NULL) < 0) {
		fprintf(err, _("sdesk: db: migration %s failed at commit: %s\n"), m->name,
			db_last_error(db)->plain);
		return -1;
	}
	return 0;
}

/* Re-applies every function file that is new or changed since it was
 * applied, all in one transaction, and records its checksum. Prints one line
 * per function. Returns how many were applied, -1 on failure (rolled back,
 * printed to err). */
static int apply_functions(struct db *db, const struct state *st, FILE *out, FILE *err)
{
	int n = 0;

	for (int i = 0; i < db_functions_count; i++)
		n += function_pending(st, i);
	if (n == 0)
		return 0;
	if (db_command(db, "BEGIN", 0, NULL) < 0) {
		print_db_error(err, db, N_("functions"));
		return -1;
	}
	for (int i = 0; i < db_functions_count; i++) {
		const struct db_function *f = &db_functions[i];
		const char *params[] = {f->name, f->sql};

		if (!function_pending(st, i))
			continue;
		if (db_exec_script(db, f->sql) < 0 || db_command(db, sql_function_record, 2, params) < 0) {
			fprintf(err, _("sdesk: db: function file schema/functions/%s.sql failed: %s%s\n"), f->name,
				db_last_error(db)->plain,
				strcmp(db_last_error(db)->sqlstate, "42501") == 0
				? " (run migrations as the schema's owner role, see doc/security.md)" : "");
			if (*db_last_error(db)->detail)
				fprintf(err, "sdesk: db: %s\n", db_last_error(db)->detail);
			if (db_connected(db))
				db_exec_script(db, "ROLLBACK");
			return -1;
		}
	}
	if (db_command(db, "COMMIT", 0, NULL) < 0) {
		fprintf(err, _("sdesk: db: functions failed at commit: %s\n"), db_last_error(db)->plain);
		return -1;
	}
	for (int i = 0; i < db_functions_count; i++)
		if (function_pending(st, i))
			fprintf(out, _("applied function %s\n"), db_functions[i].name);
	return n;
}

/* Creates the table that sql_exists looks for when it is missing: CREATE ...
 * IF NOT EXISTS would need the right to create tables even when there is
 * nothing to do. 0 or -1 (printed). */
static int ensure_table(struct db *db, const char *sql_exists, const char *sql_create, const char *what,
	FILE *err)
{
	switch (table_exists(db, sql_exists)) {
	case 0:
		if (db_command(db, sql_create, 0, NULL) == 0)
			return 0;
		/* fall through */
	case -1:
		print_db_error(err, db, what);
		return -1;
	default:
		return 0;
	}
}

enum migrate_outcome db_migrate(struct db *db, FILE *out, FILE *err)
{
	const char *lock[] = {MIGRATE_LOCK_KEY};
	enum migrate_outcome result;
	struct state st;
	int applied = 0, functions;

	memset(&st, 0, sizeof(st));
	if (db_command(db, "SET client_min_messages = warning", 0, NULL) < 0
	    || db_command(db, "SELECT pg_advisory_lock($1::bigint)", 1, lock) < 0) {
		print_db_error(err, db, N_("migrate"));
		return MIGRATE_FAILED;
	}
	if (ensure_extension(db, err) < 0) {
		result = MIGRATE_FAILED;
		goto unlock;
	}
	if (ensure_table(db, sql_version_table_exists, sql_create_version_table, "creating the version table",
			 err) < 0
	    || ensure_table(db, sql_function_table_exists, sql_create_function_table,
			    "creating the function table", err) < 0) {
		result = MIGRATE_FAILED;
		goto unlock;
	}
	if (load_state(db, &st, err) < 0) {
		result = MIGRATE_FAILED;
		goto free_state;
	}
	result = check_state(&st, err);
	if (result != MIGRATE_UP_TO_DATE)
		goto free_state;
	for (int i = 0; i < db_migrations_count; i++) {
		const struct db_migration *m = &db_migrations[i];

		if (find_applied(&st, m->version))
			continue;
		int rc, tries = 0;

		while ((rc = apply_one(db, m, ++tries < 5, err)) == 1)
			;
		if (rc < 0) {
			result = MIGRATE_FAILED;
			goto free_state;
		}
		fprintf(out, _("applied %s\n"), m->name);
		applied++;
	}
	functions = apply_functions(db, &st, out, err);
	if (functions < 0) {
		result = MIGRATE_FAILED;
		goto free_state;
	}
	if (applied || functions) {
		fprintf(out, _("schema at version %d\n"), db_migrations_latest());
		result = MIGRATE_APPLIED;
	} else {
		fprintf(out, _("up to date (schema version %d)\n"), db_migrations_latest());
	}
free_state:
	state_free(&st);
unlock:
	if (db_connected(db))
		db_command(db, "SELECT pg_advisory_unlock($1::bigint)", 1, lock);
	return result;
}

int db_schema_version(struct db *db)
{
	int exists = version_table_exists(db), v;
	struct db_result *res;

	if (exists <= 0)
		return exists;
	res = db_exec(db, "SELECT coalesce(max(version), 0) FROM schema_version", 0, NULL);
	if (!res)
		return -1;
	v = atoi(db_result_value(res, 0, 0));
	db_result_free(res);
	return v;
}

enum migrate_outcome db_schema_status(struct db *db, FILE *out, FILE *err)
{
	enum migrate_outcome result;
	struct state st;
	int pending = 0, fpending = 0, unknown = 0;

	if (load_state(db, &st, err) < 0) {
		state_free(&st);
		return MIGRATE_FAILED;
	}
	/* Migrations: every version this sdesk or the database knows, in order. */
	for (int i = 0, k = 0; i < db_migrations_count || k < st.napplied;) {
		const struct db_migration *m = i < db_migrations_count ? &db_migrations[i] : NULL;
		const struct applied *a = k < st.napplied ? &st.applied[k] : NULL;

		if (a && (!m || a->version < m->version)) {
			fprintf(out, _("%4d  %-24s applied %s by %s (unknown to this sdesk)\n"), a->version, a->name,
				a->at, a->by);
			k++;
		} else if (!a || m->version < a->version) {
			fprintf(out, _("%4d  %-24s pending\n"), m->version, m->name);
			pending++;
			i++;
		} else {
			fprintf(out, _("%4d  %-24s applied %s by %s%s\n"), m->version, m->name, a->at, a->by,
				strcmp(a->checksum, st.ours[i]) ? " (CHANGED since)" : "");
			i++;
			k++;
		}
	}
	/* Functions: applied when their file last changed, or pending. */
	for (int i = 0; i < db_functions_count; i++) {
		const struct applied *a = find_function(&st, db_functions[i].name);

		if (!a)
			fprintf(out, _("  fn  %-24s pending (new)\n"), db_functions[i].name);
		else if (strcmp(a->checksum, st.fours[i]) != 0)
			fprintf(out, _("  fn  %-24s pending (changed since %s)\n"), db_functions[i].name, a->at);
		else
			fprintf(out, _("  fn  %-24s applied %s by %s\n"), db_functions[i].name, a->at, a->by);
		fpending += function_pending(&st, i);
	}
	for (int k = 0; k < st.nfapplied; k++) {
		int known = 0;

		for (int i = 0; i < db_functions_count && !known; i++)
			known = strcmp(st.fapplied[k].name, db_functions[i].name) == 0;
		if (!known) {
			fprintf(out, _("  fn  %-24s applied %s by %s (unknown to this sdesk)\n"), st.fapplied[k].name,
				st.fapplied[k].at, st.fapplied[k].by);
			unknown++;
		}
	}
	result = check_state(&st, err);
	fprintf(out, _("database at version %d, this sdesk at version %d\n"),
		st.napplied ? st.applied[st.napplied - 1].version : 0, db_migrations_latest());
	fprintf(out, _("functions: %d current, %d pending%s\n"), db_functions_count - fpending, fpending,
		unknown ? ", and some unknown to this sdesk" : "");
	{
		char build[80];

		if (db_extension_build(db, build, sizeof(build)) == 0)
			fprintf(out, _("engine in the database %s, in this sdesk %s%s\n"), build, SDESK_BUILD_ID,
				strcmp(build, SDESK_BUILD_ID) ? " (DIFFERENT: install this build's extension)" : "");
		else
			fprintf(out, _("engine in the database: none (%s)\n"), db_last_error(db)->plain);
	}
	if (result == MIGRATE_UP_TO_DATE && (pending || fpending))
		result = MIGRATE_APPLIED;
	state_free(&st);
	return result;
}
