/* Provisioning queries for `sdesk demo setup`. Identifiers are quoted by the
 * server (db_quote_ident); values are bound. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "db/db.h"
#include "db/setup.h"

static int count(struct db *db, const char *sql, const char *param, int64_t *out)
{
	const char *p[1] = { param };
	struct db_result *res = db_exec(db, sql, param ? 1 : 0, param ? p : NULL);

	if (!res)
		return -1;
	*out = db_result_rows(res) > 0 && db_result_value(res, 0, 0)
		? strtoll(db_result_value(res, 0, 0), NULL, 10) : 0;
	db_result_free(res);
	return 0;
}

/* Runs the statement "BEFORE <quoted name> AFTER". */
static int with_ident(struct db *db, const char *before, const char *name, const char *after)
{
	char *q = db_quote_ident(db, name), *sql;
	int rc;

	if (!q)
		return -1;
	sql = xasprintf("%s %s%s", before, q, after);
	rc = db_command(db, sql, 0, NULL);
	free(sql);
	free(q);
	return rc;
}

int dbsetup_ensure_database(struct db *db, const char *name, int *created)
{
	int64_t n;

	*created = 0;
	if (count(db, "SELECT count(*) FROM pg_database WHERE datname = $1", name, &n) != 0)
		return -1;
	if (n > 0)
		return 0;
	if (with_ident(db, "CREATE DATABASE", name, " ENCODING 'UTF8'") != 0)
		return -1;
	*created = 1;
	return 0;
}

int dbsetup_ensure_login_role(struct db *db, const char *login, int lead, int ops, int *created)
{
	int64_t n;

	*created = 0;
	if (count(db, "SELECT count(*) FROM pg_roles WHERE rolname = $1", login, &n) != 0)
		return -1;
	if (n == 0) {
		if (with_ident(db, "CREATE ROLE", login, " LOGIN") != 0)
			return -1;
		*created = 1;
	} else if (with_ident(db, "ALTER ROLE", login, " LOGIN") != 0) {
		return -1;
	}
	if (with_ident(db, "GRANT sdesk_agent TO", login, "") != 0)
		return -1;
	if (lead && with_ident(db, "GRANT sdesk_lead TO", login, "") != 0)
		return -1;
	if (ops && with_ident(db, "GRANT sdesk_ops TO", login, "") != 0)
		return -1;
	return 0;
}

int dbsetup_act_as(struct db *db, const char *login)
{
	if (!login)
		return db_command(db, "RESET SESSION AUTHORIZATION", 0, NULL);
	return with_ident(db, "SET SESSION AUTHORIZATION", login, "");
}

int dbsetup_agent_exists(struct db *db, const char *login)
{
	int64_t n;

	if (count(db, "SELECT count(*) FROM agent WHERE login = $1", login, &n) != 0)
		return -1;
	return n > 0;
}

int dbsetup_counts(struct db *db, const char *account_code, int64_t *accounts, int64_t *tickets)
{
	if (count(db, "SELECT count(*) FROM account WHERE code = $1", account_code, accounts) != 0)
		return -1;
	return count(db, "SELECT count(*) FROM ticket", NULL, tickets);
}

int dbsetup_mark_demo(struct db *db)
{
	struct db_result *r = db_exec(db, "UPDATE clock_pin SET allowed = true", 0, NULL);

	if (!r)
		return -1;
	db_result_free(r);
	return 0;
}
