/* Applies the embedded migrations; see db/migrate.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/util.h"
#include "db/db.h"
#include "db/migrate.h"

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
};

static void state_free(struct state *st)
{
	free(st->applied);
	free(st->ours);
}

static void print_db_error(FILE *err, struct db *db, const char *what)
{
	fprintf(err, "sdesk: db: %s: %s\n", what, db_last_error(db)->plain);
}

/* 1 when schema_version exists, 0 when not, -1 on error. */
static int version_table_exists(struct db *db)
{
	struct db_result *res = db_exec(db, sql_version_table_exists, 0, NULL);
	int exists;

	if (!res)
		return -1;
	exists = strcmp(db_result_value(res, 0, 0), "t") == 0;
	db_result_free(res);
	return exists;
}

/* Reads the version table (if any) and our checksums. 0 ok, -1 error. */
static int load_state(struct db *db, struct state *st, FILE *err)
{
	struct db_result *res;
	int exists;

	memset(st, 0, sizeof(*st));
	exists = version_table_exists(db);
	if (exists < 0) {
		print_db_error(err, db, "reading the schema version");
		return -1;
	}
	if (exists) {
		res = db_exec(db, sql_applied, 0, NULL);
		if (!res) {
			print_db_error(err, db, "reading the schema version");
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
	st->ours = xcalloc((size_t)db_migrations_count + 1, sizeof(*st->ours));
	for (int i = 0; i < db_migrations_count; i++) {
		const char *params[] = {db_migrations[i].sql};

		res = db_exec(db, sql_checksum, 1, params);
		if (!res) {
			print_db_error(err, db, "computing checksums");
			return -1;
		}
		snprintf(st->ours[i], sizeof(st->ours[i]), "%s", db_result_value(res, 0, 0));
		db_result_free(res);
	}
	return 0;
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

	if (newest > db_migrations_count) {
		fprintf(err,
			"sdesk: db: the database schema is at version %d, newer than this sdesk"
			" knows (version %d): use a newer sdesk\n",
			newest, db_migrations_count);
		return MIGRATE_TOO_NEW;
	}
	for (int i = 0; i < st->napplied; i++) {
		const struct applied *a = &st->applied[i];
		const struct db_migration *m = &db_migrations[a->version - 1];

		if (strcmp(a->checksum, st->ours[a->version - 1]) != 0) {
			fprintf(err,
				"sdesk: db: migration %s was changed after it was applied"
				" (checksum %s in the database, %s in this sdesk)\n",
				m->name, a->checksum, st->ours[a->version - 1]);
			out = MIGRATE_CHANGED;
		}
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
		fprintf(err, "sdesk: db: migration %s failed: %s%s\n", m->name, db_last_error(db)->plain,
			strcmp(db_last_error(db)->sqlstate, "42501") == 0
			? " (run migrations as the schema's owner role, see doc/security.md)" : "");
		if (*db_last_error(db)->detail)
			fprintf(err, "sdesk: db: %s\n", db_last_error(db)->detail);
		if (db_connected(db))
			db_exec_script(db, "ROLLBACK");
		return -1;
	}
	if (db_command(db, "COMMIT", 0, NULL) < 0) {
		fprintf(err, "sdesk: db: migration %s failed at commit: %s\n", m->name,
			db_last_error(db)->plain);
		return -1;
	}
	return 0;
}

enum migrate_outcome db_migrate(struct db *db, FILE *out, FILE *err)
{
	const char *lock[] = {MIGRATE_LOCK_KEY};
	enum migrate_outcome result;
	struct state st;
	int applied = 0;

	if (db_command(db, "SET client_min_messages = warning", 0, NULL) < 0
	    || db_command(db, "SELECT pg_advisory_lock($1::bigint)", 1, lock) < 0) {
		print_db_error(err, db, "migrate");
		return MIGRATE_FAILED;
	}
	/* Only create it when missing: CREATE ... IF NOT EXISTS would need the
	 * right to create tables even when there is nothing to do. */
	switch (version_table_exists(db)) {
	case 0:
		if (db_command(db, sql_create_version_table, 0, NULL) == 0)
			break;
		/* fall through */
	case -1:
		print_db_error(err, db, "creating the version table");
		result = MIGRATE_FAILED;
		goto unlock;
	default:
		break;
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
		fprintf(out, "applied %s\n", m->name);
		applied++;
	}
	if (applied) {
		fprintf(out, "schema at version %d\n", db_migrations_count);
		result = MIGRATE_APPLIED;
	} else {
		fprintf(out, "up to date (schema version %d)\n", db_migrations_count);
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
	int pending = 0, last;

	if (load_state(db, &st, err) < 0) {
		state_free(&st);
		return MIGRATE_FAILED;
	}
	last = st.napplied ? st.applied[st.napplied - 1].version : 0;
	if (last < db_migrations_count)
		last = db_migrations_count;
	for (int v = 1; v <= last; v++) {
		const struct applied *a = find_applied(&st, v);
		const char *name = v <= db_migrations_count ? db_migrations[v - 1].name
			: a ? a->name : "?";

		if (!a && v > db_migrations_count)
			continue;
		if (!a) {
			fprintf(out, "%4d  %-24s pending\n", v, name);
			pending++;
		} else if (v > db_migrations_count) {
			fprintf(out, "%4d  %-24s applied %s by %s (unknown to this sdesk)\n", v, name,
				a->at, a->by);
		} else {
			fprintf(out, "%4d  %-24s applied %s by %s%s\n", v, name, a->at, a->by,
				strcmp(a->checksum, st.ours[v - 1]) ? " (CHANGED since)" : "");
		}
	}
	result = check_state(&st, err);
	fprintf(out, "database at version %d, this sdesk at version %d\n",
		st.napplied ? st.applied[st.napplied - 1].version : 0, db_migrations_count);
	if (result == MIGRATE_UP_TO_DATE && pending)
		result = MIGRATE_APPLIED;
	state_free(&st);
	return result;
}
