/* sdesk check: a monitoring plugin (Nagios/Icinga conventions).
 * One status line with perfdata on stdout; exit 0 OK, 1 WARNING (tickets at
 * risk), 2 CRITICAL (tickets breached), 3 UNKNOWN (database unreachable, bad
 * arguments or settings: plugins report usage errors as UNKNOWN). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/now.h"
#include "base/util.h"
#include "base/i18n.h"
#include "cli/cli.h"
#include "conf/config.h"
#include "conf/plans.h"
#include "db/board_q.h"
#include "db/catalogue.h"
#include "db/db.h"
#include "engine/clock.h"
#include "ui/board_model.h"

#define CHECK_STATES(X) \
	X(CHECK_OK, 0, "OK") \
	X(CHECK_WARNING, 1, "WARNING") \
	X(CHECK_CRITICAL, 2, "CRITICAL") \
	X(CHECK_UNKNOWN, 3, "UNKNOWN")

enum check_state {
#define CHECK_X(name, code, text) name = code,
	CHECK_STATES(CHECK_X)
#undef CHECK_X
};

static const char *state_text(enum check_state s)
{
	static const char *const texts[] = {
#define CHECK_X(name, code, text) [code] = text,
		CHECK_STATES(CHECK_X)
#undef CHECK_X
	};
	return texts[s];
}

static void usage(FILE *out)
{
	/* TRANSLATORS: keep OK, WARNING, CRITICAL, UNKNOWN and the perfdata
	 * names (open=, at_risk=, ...) in English: monitoring systems parse them. */
	fputs(_("Usage: sdesk check [--plan P] [--team T] [--customer C] [--warn-minutes N]\n"
		"\n"
		"Monitoring-plugin check of the open tickets' SLA clocks. Prints one line\n"
		"  SDESK OK|WARNING|CRITICAL|UNKNOWN - summary | open=N at_risk=N breached=N paused=N reports_overdue=N\n"
		"  --plan P           only tickets of plan P\n"
		"  --team T           only tickets assigned to members of team T\n"
		"  --customer C       only tickets of the customer with code or name C\n"
		"  --warn-minutes N   at risk below N minutes left (default: the plan's\n"
		"                     setting, else board.at_risk_minutes of sdesk.cfg)\n"
		"An on-call report not sent by its due instant (the end of the next\n"
		"working day) counts as breached.\n"
		"Exit codes (plugin convention): 0 OK, 1 WARNING (at risk), 2 CRITICAL\n"
		"(breached), 3 UNKNOWN (database unreachable, bad arguments or settings, a\n"
		"plan, team or customer that does not exist).\n"), out);
}

static int unknown(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int unknown(const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	printf("SDESK UNKNOWN - %s\n", cli_text(sb.buf)); /* arguments and server messages: escaped */
	sb_free(&sb);
	return CHECK_UNKNOWN;
}

/* Appends up to 3 ticket refs with their times, e.g. " (SD-1 12m ago, SD-2 3h ago)". */
static void examples(struct strbuf *sb, const struct board_data *d, const struct board_clock *bc, const size_t *idx,
		     size_t n, int64_t now)
{
	for (size_t k = 0; k < n && k < 3; k++) {
		char left[48];
		int ticking;

		board_format_state(&d->tickets[idx[k]], bc, now, left, sizeof left, &ticking);
		sb_printf(sb, "%s%s %s%s", k ? ", " : " (", cli_text(d->tickets[idx[k]].ref),
			  strstr(left, "ago") ? "" : "in ", left);
	}
	if (n > 3)
		sb_printf(sb, ", ...");
	if (n)
		sb_append(sb, ")");
}

/* On-call reports (003, "am folgenden Werktag") not sent by their due
 * instant, judged as the board judges them: breached after the due minute.
 * The board's query returns the 20 earliest due, so up to 20 are counted. */
static size_t reports_overdue(const struct board_data *d, int64_t now, struct strbuf *refs)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nreports; i++) {
		const struct board_report *r = &d->reports[i];

		if (!sla_report_late(r->due, SLA_NO_TIME, now)) /* listed: not sent */
			continue;
		if (n < 3 && refs)
			sb_printf(refs, "%s%s", n ? ", " : " (", *r->ref ? cli_text(r->ref) : cli_text(r->customer));
		n++;
	}
	if (n > 3 && refs)
		sb_append(refs, ", ...");
	if (n && refs)
		sb_append(refs, ")");
	return n;
}

int cmd_check(struct sdesk_ctx *ctx, int argc, char **argv)
{
	struct board_filter f = {.warn_minutes = -1};
	struct sdesk_config cfg;
	struct board_data d = {0};
	struct board_view v = {0};
	struct sla_catalogue cat;
	struct board_clock bc = {NULL, -1};
	struct strbuf sb = {0}, refs = {0};
	size_t overdue;
	char err[512];
	struct db *db;
	enum check_state st;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;

		if (cli_is_help(a)) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--plan") == 0) {
			slot = &f.plan;
		} else if (strcmp(a, "--team") == 0) {
			slot = &f.team;
		} else if (strcmp(a, "--customer") == 0) {
			slot = &f.customer;
		} else if (strcmp(a, "--warn-minutes") == 0) {
			char *end;
			long n;

			if (i + 1 >= argc)
				return unknown(_("%s needs a number of minutes"), a);
			n = strtol(argv[++i], &end, 10);
			if (!*argv[i] || *end || n < 0 || n > 100000)
				return unknown(_("--warn-minutes: '%s' is not a number of minutes (0..100000)"), argv[i]);
			f.warn_minutes = (int)n;
		} else {
			return unknown(_("unknown argument '%s' (see sdesk check --help)"), a);
		}
		if (slot) {
			if (i + 1 >= argc || !*argv[i + 1])
				return unknown(_("%s needs a value"), a);
			*slot = argv[++i];
		}
	}
	if (settings_read(&cfg, ctx->config_path, err, sizeof err) != 0) {
		settings_free(&cfg);
		return unknown("%s", err);
	}
	f.default_minutes = cfg.board_at_risk_minutes;
	/* Judged by the engine with the catalogue's staffed hours and
	 * thresholds, as the console and the board judge (doc/board.md). */
	memset(&cat, 0, sizeof cat);
	bc.cat = &cat;
	bc.warn_minutes = f.warn_minutes;
	f.cat = &cat;
	db = db_connect_timeout(cfg.conninfo, cfg.connect_timeout);
	settings_free(&cfg);
	/* The database's catalogue, as ticket_clock and the console judge with. */
	if (db_connected(db) && catalogue_fetch(db, &cat, err, sizeof err) != 0) {
		db_close(db);
		return unknown("%s", err);
	}
	if (db_connected(db)) {
		int known = board_q_filter_known(db, &f, err, sizeof err);

		if (known == 1) {
			db_close(db);
			sla_catalogue_free(&cat);
			return unknown("%s", err);
		}
	}
	if (!db_connected(db) || board_q_load(db, &f, &d) != 0) {
		int rc = unknown("%s", db_last_error(db)->plain);

		db_close(db);
		sla_catalogue_free(&cat);
		return rc;
	}
	db_close(db);

	board_view_compute(&d, &bc, sd_now(), &v);
	overdue = reports_overdue(&d, v.now, &refs);
	st = v.breached || overdue ? CHECK_CRITICAL : v.at_risk ? CHECK_WARNING : CHECK_OK;
	sb_printf(&sb, "SDESK %s - ", state_text(st));
	if (st == CHECK_OK) {
		sb_printf(&sb, _("%d open, none at risk or breached"), v.open);
	} else {
		if (v.breached) {
			sb_printf(&sb, _("%d breached"), v.breached);
			examples(&sb, &d, &bc, v.breached_i, v.nbreached, v.now);
		}
		if (overdue) {
			sb_append(&sb, v.breached ? ", " : "");
			sb_printf(&sb, ngettext("%zu on-call report overdue", "%zu on-call reports overdue", overdue),
				  overdue);
			sb_append(&sb, refs.buf ? refs.buf : "");
		}
		if (v.at_risk) {
			sb_append(&sb, v.breached || overdue ? ", " : "");
			sb_printf(&sb, _("%d at risk"), v.at_risk);
			examples(&sb, &d, &bc, v.risk_i, v.nrisk, v.now);
		}
		sb_printf(&sb, _(", %d open"), v.open);
	}
	sb_printf(&sb, " | open=%d at_risk=%d breached=%d paused=%d reports_overdue=%zu", v.open, v.at_risk,
		  v.breached, v.paused, overdue);
	sb_free(&refs);
	printf("%s\n", sb.buf);
	sb_free(&sb);
	board_view_free(&v);
	board_data_free(&d);
	sla_catalogue_free(&cat);
	return st;
}
