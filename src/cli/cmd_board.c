/* sdesk board: the live breach board, or one text snapshot (--once). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/escape.h"
#include "base/exitcodes.h"
#include "base/now.h"
#include "base/util.h"
#include "cli/cli.h"
#include "conf/config.h"
#include "conf/plans.h"
#include "db/catalogue.h"
#include "db/db.h"
#include "ui/board.h"

static void usage(FILE *out)
{
	fprintf(out, "%s", _(
		"Usage: sdesk board [--once [--width N] | --list] [--plain] [--plan P] [--team T] [--customer C]\n"
		"\n"
		"Opens the live breach board (read-only): breached and at-risk tickets,\n"
		"next up, escalations, load per agent, incidents, maintenance and the SLA\n"
		"compliance of the last days. Updates by LISTEN/NOTIFY; q quits, ? helps.\n"
		"  --once         print one text snapshot to standard output and exit\n"
		"  --width N      columns of the --once snapshot (40..400, default 80)\n"
		"  --list         print every ticket of the snapshot as the board judges it,\n"
		"                 one a line, tab-separated: REF, state, working minutes\n"
		"                 left, seconds overdue, the time the board shows; and exit\n"
		"  --plain        no colour, ASCII only (dumb terminals, slow links)\n"
		"  --plan P       only tickets of plan P\n"
		"  --team T       only tickets assigned to members of team T\n"
		"  --customer C   only tickets of the customer with code or name C\n"
		"  --trace FILE   append \"<unix ms> <payload>\" after each repaint that a\n"
		"                 NOTIFY caused (for the benchmark)\n"
		"Exit codes: 0 ok, 1 database or terminal error, 2 usage error. See doc/board.md.\n"));
}

/* --list: the snapshot's tickets as the board judges them (board_model.h),
 * in the board's order (breached, at risk, next up, then the rest of the
 * snapshot by id), for scripts and tests/clock/agree.sh. */
static int board_list(const struct sdesk_config *cfg, const struct board_options *opt, FILE *out)
{
	struct board_data d = {0};
	struct board_view v = {0};
	struct db *db = db_connect_timeout(cfg->conninfo, cfg->connect_timeout);
	unsigned char *done;

	if (!db_connected(db) || board_q_load(db, &opt->filter, &d) != 0) {
		fprintf(stderr, "sdesk: board: %s\n", db_last_error(db)->plain);
		db_close(db);
		return SDESK_EXIT_RUNTIME;
	}
	db_close(db);
	board_view_compute(&d, &opt->clock, sd_now(), &v);
	done = xcalloc(d.ntickets ? d.ntickets : 1, 1);
	for (int pass = 0; pass < 4; pass++) {
		const size_t *l = pass == 0 ? v.breached_i : pass == 1 ? v.risk_i : pass == 2 ? v.next_i : NULL;
		size_t n = pass == 0 ? v.nbreached : pass == 1 ? v.nrisk : pass == 2 ? v.nnext : d.ntickets;

		for (size_t j = 0; j < n; j++) {
			size_t i = l ? l[j] : j;
			const struct board_ticket *t = &d.tickets[i];
			struct sla_ticket_state st;
			char shown[64], *ref;
			int ticking;

			if (done[i])
				continue;
			done[i] = 1;
			board_ticket_state(t, &opt->clock, v.now, &st);
			board_format_state(t, &opt->clock, v.now, shown, sizeof shown, &ticking);
			ref = sd_escape(t->ref, 0);
			fprintf(out, "%s\t%s\t%lld\t%lld\t%s\n", ref, sla_state_name(st.state), (long long)st.left,
				(long long)st.overdue_seconds, shown);
			free(ref);
		}
	}
	free(done);
	board_view_free(&v);
	board_data_free(&d);
	return SDESK_EXIT_OK;
}

int cmd_board(struct sdesk_ctx *ctx, int argc, char **argv)
{
	struct board_options opt;
	struct sdesk_config cfg;
	struct sla_catalogue cat;
	char err[512];
	int once = 0, rc;

	memset(&opt, 0, sizeof opt);
	opt.filter.warn_minutes = -1;
	opt.width = 80;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;

		if (cli_is_help(a)) {
			usage(stdout);
			return SDESK_EXIT_OK;
		} else if (strcmp(a, "--once") == 0) {
			once = 1;
		} else if (strcmp(a, "--list") == 0) {
			once = 2;
		} else if (strcmp(a, "--plain") == 0) {
			opt.plain = 1;
		} else if (strcmp(a, "--width") == 0) {
			char *end;
			long w;

			if (i + 1 >= argc)
				return cli_usage_error("board", "--width needs a number");
			w = strtol(argv[++i], &end, 10);
			if (*end || w < 40 || w > 400)
				return cli_usage_error("board", "--width: '%s' is not a number from 40 to 400", argv[i]);
			opt.width = (int)w;
		} else if (strcmp(a, "--plan") == 0) {
			slot = &opt.filter.plan;
		} else if (strcmp(a, "--team") == 0) {
			slot = &opt.filter.team;
		} else if (strcmp(a, "--customer") == 0) {
			slot = &opt.filter.customer;
		} else if (strcmp(a, "--trace") == 0) {
			slot = &opt.trace;
		} else {
			return cli_usage_error("board", "unknown argument '%s' (see sdesk board --help)", a);
		}
		if (slot) {
			if (i + 1 >= argc || !*argv[i + 1])
				return cli_usage_error("board", "%s needs a value", a);
			*slot = argv[++i];
		}
	}
	if (settings_read(&cfg, ctx->config_path, err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		return SDESK_EXIT_USAGE;
	}
	opt.filter.default_minutes = cfg.board_at_risk_minutes;
	/* The plan catalogue: the staffed hours and thresholds the engine judges
	 * with, the database's, as the console, the check and ticket_clock judge
	 * (doc/board.md, "States"). A board started while the database is away
	 * (it shows OFFLINE until it is back) takes the local plan file meanwhile. */
	{
		struct db *db = db_connect_timeout(cfg.conninfo, cfg.connect_timeout);
		int fetched = db_connected(db) && catalogue_fetch(db, &cat, err, sizeof err) == 0;

		db_close(db);
		if (!fetched && conf_load_plans(cli_plans_path(ctx), &cat, err, sizeof err) != 0) {
			fprintf(stderr, "sdesk: board: %s\n", err);
			settings_free(&cfg);
			return SDESK_EXIT_USAGE;
		}
	}
	opt.clock.cat = &cat;
	opt.filter.cat = &cat;
	opt.clock.warn_minutes = -1;
	rc = once == 2 ? board_list(&cfg, &opt, stdout) : once ? board_once(&cfg, &opt, stdout) : board_run(&cfg, &opt);
	settings_free(&cfg);
	sla_catalogue_free(&cat);
	return rc;
}
