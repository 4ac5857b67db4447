/* sdesk admin add-agent | list: people and their database roles
 * (doc/security.md). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcodes.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "conf/config.h"
#include "db/admin_q.h"
#include "db/db.h"

static void admin_help(FILE *out)
{
	fprintf(out,
		_("Usage: sdesk admin add-agent LOGIN --name \"FULL NAME\" --role agent|lead|ops|admin\n"
		"                             --tier 1|2|3 [--team TEAM] [--db CONNINFO]\n"
		"       sdesk admin list [--db CONNINFO]\n"
		"\n"
		"add-agent  creates the PostgreSQL login role LOGIN (no password: use peer\n"
		"           authentication or set one with psql's \\password), grants it the\n"
		"           group role sdesk_ROLE and creates its agent row; an existing\n"
		"           login role without an agent row is adopted. Run it as a role\n"
		"           with CREATEROLE that is an sdesk admin. leads and admins are\n"
		"           team leads (reassign, escalation 3, corrections).\n"
		"list       every agent: login, name, tier, team, lead, active, group roles.\n"
		"\n"
		"--db CONNINFO  libpq connection string (default: database.conninfo of\n"
		"               sdesk.cfg, else libpq's PG* environment)\n"
		"Exit codes: 0 ok, 1 database error or refused, 2 usage or input error.\n"));
}

static struct db *connect_db(struct sdesk_ctx *ctx, const char *conninfo)
{
	struct sdesk_config cfg;
	char err[512];
	struct db *db;

	if (settings_read(&cfg, ctx->config_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		return NULL;
	}
	db = db_connect(conninfo ? conninfo : cfg.conninfo);
	settings_free(&cfg);
	if (!db_connected(db)) {
		fprintf(stderr, "sdesk: admin: %s\n", db_last_error(db)->plain);
		db_close(db);
		return NULL;
	}
	return db;
}

static int admin_list(struct db *db)
{
	struct db_result *res = db_exec(db,
		"SELECT a.login, a.display_name, a.tier, coalesce(t.name, '-'), a.is_lead, a.active,"
		" coalesce((SELECT string_agg(g.rolname, ',' ORDER BY g.rolname) FROM pg_roles g"
		"   WHERE g.rolname IN ('sdesk_agent', 'sdesk_lead', 'sdesk_ops', 'sdesk_admin')"
		"     AND EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = a.login)"
		"     AND pg_has_role(a.login, g.oid, 'MEMBER')), '-')"
		" FROM agent a LEFT JOIN team t ON t.id = a.team_id ORDER BY a.login", 0, NULL);

	if (!res) {
		fprintf(stderr, "sdesk: admin list: %s\n", db_last_error(db)->plain);
		return SDESK_EXIT_RUNTIME;
	}
	printf("%-20s %-28s %4s %-12s %4s %6s %s\n", "LOGIN", "NAME", "TIER", "TEAM", "LEAD", "ACTIVE", "GROUPS");
	for (int r = 0; r < db_result_rows(res); r++)
		printf("%-20s %-28s %4s %-12s %4s %6s %s\n", cli_text(db_result_value(res, r, 0)),
		       cli_text(db_result_value(res, r, 1)), cli_text(db_result_value(res, r, 2)),
		       cli_text(db_result_value(res, r, 3)),
		       strcmp(db_result_value(res, r, 4), "t") == 0 ? "yes" : "no",
		       strcmp(db_result_value(res, r, 5), "t") == 0 ? "yes" : "no",
		       cli_text(db_result_value(res, r, 6)));
	db_result_free(res);
	return SDESK_EXIT_OK;
}

static int need_value(int argc, char **argv, int *i, const char **out)
{
	const char *opt = argv[*i];

	if (++*i >= argc)
		return cli_usage_error("admin", "%s needs a value", opt);
	*out = argv[*i];
	return 0;
}

int cmd_admin(struct sdesk_ctx *ctx, int argc, char **argv)
{
	const char *sub = NULL, *login = NULL, *name = NULL, *role = NULL, *tier = NULL, *team = NULL;
	const char *conninfo = NULL;
	struct admin_agent a;
	char err[512];
	struct db *db;
	int rc, created;

	for (int i = 1; i < argc; i++) {
		const char **slot = NULL;

		if (cli_is_help(argv[i])) {
			admin_help(stdout);
			return SDESK_EXIT_OK;
		} else if (strcmp(argv[i], "--name") == 0) {
			slot = &name;
		} else if (strcmp(argv[i], "--role") == 0) {
			slot = &role;
		} else if (strcmp(argv[i], "--tier") == 0) {
			slot = &tier;
		} else if (strcmp(argv[i], "--team") == 0) {
			slot = &team;
		} else if (strcmp(argv[i], "--db") == 0) {
			slot = &conninfo;
		} else if (argv[i][0] == '-') {
			return cli_usage_error("admin", "unknown option '%s'", argv[i]);
		} else if (!sub) {
			sub = argv[i];
		} else if (!login && strcmp(sub, "add-agent") == 0) {
			login = argv[i];
		} else {
			return cli_usage_error("admin", "unexpected argument '%s'", argv[i]);
		}
		if (slot && need_value(argc, argv, &i, slot) != 0)
			return SDESK_EXIT_USAGE;
	}
	if (!sub)
		return cli_usage_error("admin", "missing subcommand: add-agent or list");
	if (strcmp(sub, "list") == 0) {
		if (name || role || tier || team)
			return cli_usage_error("admin", "list takes only --db");
		if (!(db = connect_db(ctx, conninfo)))
			return SDESK_EXIT_RUNTIME;
		rc = admin_list(db);
		db_close(db);
		return rc;
	}
	if (strcmp(sub, "add-agent") != 0)
		return cli_usage_error("admin", "unknown subcommand '%s' (add-agent or list)", sub);

	if (!login)
		return cli_usage_error("admin", "add-agent needs a LOGIN");
	if (!admin_login_ok(login, err, sizeof(err)))
		return cli_usage_error("admin", "LOGIN '%s': %s", login, err);
	if (!name || !role || !tier)
		return cli_usage_error("admin", "add-agent needs --name, --role and --tier");
	if (sd_text_check("--name", name, 200, 0, err, sizeof(err)) < 0 ||
	    sd_text_check("--team", team, 200, 0, err, sizeof(err)) < 0)
		return cli_usage_error("admin", "%s", err);
	if (name[strspn(name, " ")] == '\0')
		return cli_usage_error("admin", "--name must not be empty");
	a.role = (enum admin_role)admin_role_from_name(role);
	if ((int)a.role < 0)
		return cli_usage_error("admin", "--role '%s': expected agent, lead, ops or admin", role);
	if (strlen(tier) != 1 || tier[0] < '1' || tier[0] > '3')
		return cli_usage_error("admin", "--tier '%s': expected 1, 2 or 3", tier);
	a.login = login;
	a.display_name = name;
	a.tier = tier[0] - '0';
	a.team = team;

	if (!(db = connect_db(ctx, conninfo)))
		return SDESK_EXIT_RUNTIME;
	if (admin_add_agent(db, &a, &created, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: admin add-agent %s: %s\n", login, err);
		db_close(db);
		return SDESK_EXIT_RUNTIME;
	}
	db_close(db);
	printf(_("%s: %s login role %s, member of %s; agent '%s', tier %d%s%s%s\n"), login,
	       created ? _("created") : _("adopted existing"), login, admin_role_group(a.role), name, a.tier,
	       team ? _(", team ") : "", team ? team : "", a.role == ADMIN_ROLE_LEAD || a.role == ADMIN_ROLE_ADMIN ? _(", lead") : "");
	if (created)
		printf(_("no password set: use peer authentication, or set one with psql -c '\\password %s'\n"), login);
	return SDESK_EXIT_OK;
}
