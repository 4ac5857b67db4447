/* sdesk plans load [--dry-run]: the plan catalogue into the database. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/now.h"
#include "base/exitcodes.h"
#include "base/i18n.h"
#include "cli/cli.h"
#include "conf/catjson.h"
#include "conf/config.h"
#include "conf/plans.h"
#include "db/catalogue.h"
#include "db/db.h"

static void plans_help(FILE *out)
{
	fprintf(out,
		_("Usage: sdesk [--plans FILE] plans load [--dry-run] [--db CONNINFO]\n"
		"\n"
		"load  stores the calendars and plans of the catalogue (--plans, $SDESK_PLANS,\n"
		"      the installed plans.cfg) in the database in one transaction and prints\n"
		"      what changed: added, changed, re-activated and retired plans and\n"
		"      calendars (\"no changes\" when the database already holds them). Then\n"
		"      recomputes the reaction and resolution due instants of open tickets\n"
		"      whose plan or calendar changed. Needs the rights of sdesk_admin.\n"
		"\n"
		"--dry-run      show what would change, store nothing\n"
		"--db CONNINFO  libpq connection string (default: database.conninfo of\n"
		"               sdesk.cfg, else libpq's PG* environment)\n"
		"Exit codes: 0 ok, 1 database error, 2 usage error or a bad plan file.\n"));
}

/* Prints the report of a load; shared with `sdesk demo setup`. */
static void print_report(FILE *out, const struct catalogue_report *r, int dry_run)
{
	int any = r->cal_added + r->cal_changed + r->plan_added + r->plan_changed + r->plan_retired
		+ r->tickets_moved + r->tickets_skipped;

	if (dry_run)
		fprintf(out, _("dry run: nothing is stored\n"));
	fputs(r->lines, out);
	if (!any) {
		fprintf(out, _("no changes (%d calendars, %d plans)\n"), r->cal_unchanged, r->plan_unchanged);
		return;
	}
	fprintf(out, _("calendars: %d added, %d changed, %d unchanged\n"), r->cal_added, r->cal_changed,
		r->cal_unchanged);
	fprintf(out, _("plans: %d added, %d changed, %d retired, %d unchanged\n"), r->plan_added,
		r->plan_changed, r->plan_retired, r->plan_unchanged);
	fprintf(out, _("open tickets: %d checked, %d recomputed, %d left as they are\n"),
		r->tickets_checked, r->tickets_moved, r->tickets_skipped);
}

int cmd_plans(struct sdesk_ctx *ctx, int argc, char **argv)
{
	const char *conninfo = NULL, *sub = NULL, *path;
	int dry_run = 0, rc;
	struct sdesk_config cfg;
	struct sla_catalogue cat;
	struct conf_cat_json js;
	struct catalogue_report rep;
	char err[1024];
	struct db *db;

	for (int i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			plans_help(stdout);
			return SDESK_EXIT_OK;
		} else if (strcmp(argv[i], "--dry-run") == 0) {
			dry_run = 1;
		} else if (strcmp(argv[i], "--db") == 0) {
			if (++i >= argc)
				return cli_usage_error("plans", "--db needs a connection string");
			conninfo = argv[i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			conninfo = argv[i] + 5;
		} else if (argv[i][0] == '-') {
			return cli_usage_error("plans", "unknown option '%s'", argv[i]);
		} else if (!sub) {
			sub = argv[i];
		} else {
			return cli_usage_error("plans", "unexpected argument '%s'", argv[i]);
		}
	}
	if (!sub)
		return cli_usage_error("plans", "missing subcommand: load");
	if (strcmp(sub, "load") != 0)
		return cli_usage_error("plans", "unknown subcommand '%s' (load)", sub);

	path = cli_plans_path(ctx);
	if (conf_load_plans(path, &cat, err, sizeof(err)) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		return SDESK_EXIT_USAGE;
	}
	if (conf_cat_json_read(path, &js, err, sizeof(err)) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		sla_catalogue_free(&cat);
		return SDESK_EXIT_USAGE;
	}
	if (settings_read(&cfg, ctx->config_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		conf_cat_json_free(&js);
		sla_catalogue_free(&cat);
		return SDESK_EXIT_USAGE;
	}
	db = db_connect(conninfo ? conninfo : cfg.conninfo);
	settings_free(&cfg);
	if (!db_connected(db)) {
		fprintf(stderr, "sdesk: plans: %s\n", db_last_error(db)->plain);
		rc = SDESK_EXIT_RUNTIME;
	} else if (catalogue_load(db, &cat, &js, dry_run, sd_now(), &rep) != 0) {
		fprintf(stderr, "sdesk: plans load: %s: %s\n", path, rep.error);
		catalogue_report_free(&rep);
		rc = SDESK_EXIT_RUNTIME;
	} else {
		printf(_("catalogue %s\n"), path);
		print_report(stdout, &rep, dry_run);
		catalogue_report_free(&rep);
		rc = SDESK_EXIT_OK;
	}
	db_close(db);
	conf_cat_json_free(&js);
	sla_catalogue_free(&cat);
	return rc;
}
