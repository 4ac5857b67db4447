/* See db/admin_q.h. Identifiers are quoted by the server (db_quote_ident);
 * every value is a bound parameter. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "db/actions.h"
#include "db/admin_q.h"
#include "db/db.h"

static const struct {
	const char *name, *group;
	int lead;
} roles[] = {
#define ADMIN_X(e, name, group, lead) {name, group, lead},
	ADMIN_ROLES(ADMIN_X)
#undef ADMIN_X
};

int admin_role_from_name(const char *name)
{
	for (size_t i = 0; i < SDESK_ARRAY_LEN(roles); i++)
		if (strcmp(roles[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *admin_role_name(enum admin_role role)
{
	return roles[role].name;
}

const char *admin_role_group(enum admin_role role)
{
	return roles[role].group;
}

int admin_login_ok(const char *login, char *err, size_t errlen)
{
	size_t n = strlen(login);

	if (n == 0 || n > 63) {
		snprintf(err, errlen, _("login must be 1 to 63 characters long"));
		return 0;
	}
	if (!((login[0] >= 'a' && login[0] <= 'z') || login[0] == '_')) {
		snprintf(err, errlen, _("login must start with a lower-case letter or '_'"));
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		char c = login[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
			snprintf(err, errlen, _("login may only hold a-z, 0-9, '_', '.' and '-' (byte %zu is not one)"), i + 1);
			return 0;
		}
	}
	if (strncmp(login, "pg_", 3) == 0 || strncmp(login, "sdesk_", 6) == 0) {
		snprintf(err, errlen, _("login must not start with pg_ or sdesk_ (reserved for the system's roles)"));
		return 0;
	}
	return 1;
}

static int fail_db(struct db *db, const char *what, char *err, size_t errlen)
{
	const struct db_error *e = db_last_error(db);

	if (strcmp(e->sqlstate, "42501") == 0 && strncmp(what, "create", 6) == 0)
		snprintf(err, errlen, _("%s: %s (run as a role with CREATEROLE that is an sdesk admin, see doc/security.md)"),
			 _(what), e->message);
	else
		snprintf(err, errlen, "%s: %s", _(what), e->plain);
	return -1;
}

/* CREATE ROLE (when new) and GRANT group: identifiers quoted by the server. */
static int role_and_grant(struct db *db, const char *login, const char *group, int create)
{
	char *qlogin = db_quote_ident(db, login), *qgroup = db_quote_ident(db, group), *sql;
	int rc = -1;

	if (qlogin && qgroup) {
		rc = 0;
		if (create) {
			sql = xasprintf("CREATE ROLE %s LOGIN", qlogin);
			rc = db_command(db, sql, 0, NULL);
			free(sql);
		}
		if (rc == 0) {
			sql = xasprintf("GRANT %s TO %s", qgroup, qlogin);
			rc = db_command(db, sql, 0, NULL);
			free(sql);
		}
	}
	free(qlogin);
	free(qgroup);
	return rc;
}

static int add_in_tx(struct db *db, const struct admin_agent *a, int *created, char *err, size_t errlen)
{
	struct db_result *res;
	int64_t team = 0;
	char key[37];

	if (a->team) {
		const char *p[] = {a->team};

		res = db_exec(db, "SELECT id FROM team WHERE name = $1", 1, p);
		if (!res)
			return fail_db(db, N_("team"), err, errlen);
		if (db_result_rows(res) == 0) {
			db_result_free(res);
			snprintf(err, errlen, _("--team: there is no team named '%s'"), a->team);
			return -1;
		}
		team = strtoll(db_result_value(res, 0, 0), NULL, 10);
		db_result_free(res);
	}
	{
		const char *p[] = {a->login};

		res = db_exec(db,
			"SELECT r.rolcanlogin, EXISTS (SELECT 1 FROM agent WHERE login = $1)"
			" FROM (SELECT 1) one LEFT JOIN pg_roles r ON r.rolname = $1", 1, p);
	}
	if (!res)
		return fail_db(db, N_("look up the role"), err, errlen);
	const char *canlogin = db_result_value(res, 0, 0);
	int is_agent = strcmp(db_result_value(res, 0, 1), "t") == 0;
	int exists = canlogin != NULL, login = canlogin && strcmp(canlogin, "t") == 0;
	db_result_free(res);
	if (is_agent) {
		snprintf(err, errlen, _("'%s' is already an sdesk agent"), a->login);
		return -1;
	}
	if (exists && !login) {
		snprintf(err, errlen, _("role '%s' exists but cannot log in (a group role?)"), a->login);
		return -1;
	}
	*created = !exists;
	if (role_and_grant(db, a->login, roles[a->role].group, !exists) < 0)
		return fail_db(db, N_("create the login role"), err, errlen);
	if (db_new_key(key) < 0) {
		snprintf(err, errlen, _("no randomness for an idempotency key"));
		return -1;
	}
	if (act_call(db, ACT_create_agent, key, NULL, av_str(a->login), av_str(a->display_name),
		av_int(a->tier), av_id(team), av_bool(roles[a->role].lead)) < 0)
		return fail_db(db, N_("create the agent row"), err, errlen);
	return 0;
}

int admin_add_agent(struct db *db, const struct admin_agent *a, int *created, char *err, size_t errlen)
{
	*created = 0;
	if (!admin_login_ok(a->login, err, errlen))
		return -1;
	if (db_command(db, "BEGIN", 0, NULL) < 0)
		return fail_db(db, N_("begin"), err, errlen);
	if (add_in_tx(db, a, created, err, errlen) < 0) {
		db_command(db, "ROLLBACK", 0, NULL);
		*created = 0;
		return -1;
	}
	if (db_command(db, "COMMIT", 0, NULL) < 0) {
		*created = 0;
		return fail_db(db, N_("commit"), err, errlen);
	}
	return 0;
}
