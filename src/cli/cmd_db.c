/* sdesk db migrate | status: the schema of the shared database. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcodes.h"
#include "base/i18n.h"
#include "cli/cli.h"
#include "conf/config.h"
#include "db/db.h"
#include "db/migrate.h"

static void db_help(FILE *out)
{
	fprintf(out,
		_("Usage: sdesk db migrate [--db CONNINFO]\n"
		"       sdesk db status [--db CONNINFO]\n"
		"\n"
		"migrate  applies the schema migrations built into this sdesk, each in its\n"
		"         own transaction, then every function file that is new or changed\n"
		"         since it was applied, in one transaction; prints \"up to date\"\n"
		"         when there is nothing to do. Refuses a database whose schema is newer\n"
		"         than this sdesk, or whose applied migrations were changed since.\n"
		"status   lists every migration and function: applied (when, by whom) or\n"
		"         pending.\n"
		"\n"
		"--db CONNINFO  libpq connection string or URI (default: database.conninfo\n"
		"               of sdesk.cfg, else libpq's PG* environment)\n"
		"Exit codes: 0 ok, 1 database error or refused schema, 2 usage error.\n"));
}

static int exit_code(enum migrate_outcome o)
{
	return o == MIGRATE_APPLIED || o == MIGRATE_UP_TO_DATE ? SDESK_EXIT_OK : SDESK_EXIT_RUNTIME;
}

int cmd_db(struct sdesk_ctx *ctx, int argc, char **argv)
{
	const char *conninfo = NULL;
	const char *sub = NULL;
	struct sdesk_config cfg;
	char err[512];
	struct db *db;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			db_help(stdout);
			return SDESK_EXIT_OK;
		} else if (strcmp(argv[i], "--db") == 0) {
			if (++i >= argc)
				return cli_usage_error("db", "--db needs a connection string");
			conninfo = argv[i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			conninfo = argv[i] + 5;
		} else if (argv[i][0] == '-') {
			return cli_usage_error("db", "unknown option '%s'", argv[i]);
		} else if (!sub) {
			sub = argv[i];
		} else {
			return cli_usage_error("db", "unexpected argument '%s'", argv[i]);
		}
	}
	if (!sub)
		return cli_usage_error("db", "missing subcommand: migrate or status");
	if (strcmp(sub, "migrate") != 0 && strcmp(sub, "status") != 0)
		return cli_usage_error("db", "unknown subcommand '%s' (migrate or status)", sub);

	if (settings_read(&cfg, ctx->config_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		return SDESK_EXIT_USAGE;
	}
	db = db_connect(conninfo ? conninfo : cfg.conninfo);
	settings_free(&cfg);
	if (!db_connected(db)) {
		fprintf(stderr, "sdesk: db: %s\n", db_last_error(db)->plain);
		db_close(db);
		return SDESK_EXIT_RUNTIME;
	}
	if (strcmp(sub, "migrate") == 0)
		rc = exit_code(db_migrate(db, stdout, stderr));
	else
		rc = exit_code(db_schema_status(db, stdout, stderr));
	db_close(db);
	return rc;
}
