/* sdesk oncall start|check|end|report TICKET: on-call work (seed 003) for
 * scripts and tests, the same actions as the console's checklist screen
 * (ui/oncall_view.c): start_oncall, check_oncall_item, end_oncall,
 * send_oncall_report. Each write goes through the local journal first
 * (db/journal.h), like sdesk note. `report` without --sent prints the
 * report as plain text; every text from the database through cli_text
 * (base/escape.h). doc/sla.md, "On-call work and its report". */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/escape.h"
#include "base/exitcodes.h"
#include "base/fmt.h"
#include "base/i18n.h"
#include "base/now.h"
#include "base/utf8.h"
#include "base/util.h"
#include "cli/cli.h"
#include "conf/config.h"
#include "db/actions.h"
#include "db/db.h"
#include "db/journal.h"
#include "db/oncall_q.h"

static void oncall_help(FILE *out)
{
	fprintf(out, "%s", _(
		"Usage: sdesk oncall start TICKET [--at INSTANT]\n"
		"       sdesk oncall check TICKET ITEM [--note TEXT] [--at INSTANT]\n"
		"       sdesk oncall end TICKET [--at INSTANT] [--note TEXT]\n"
		"       sdesk oncall report TICKET [--sent [--at INSTANT] [--note TEXT]]\n"
		"Every command takes --db CONNINFO. TICKET: SD-10001 or 10001.\n"
		"\n"
		"On-call work outside office hours (seed 003), by ops:\n"
		"start   starts on-call work on the ticket (at --at, default now)\n"
		"check   ticks an item of the checklist as done (at --at, default now), with an\n"
		"        optional note; ITEM is its number or name:\n"));
	for (int i = 0; i < ONCALL_NITEMS - 1; i++)
		fprintf(out, "          %d %-19s %s\n", i + 1, oncall_item_code((enum oncall_item)i),
			_(oncall_item_text((enum oncall_item)i)));
	fprintf(out, "%s", _(
		"end     ends the work; --note: notes for the report. The detailed report is\n"
		"        due at the end of the next working day of the plan's service calendar\n"
		"        (the database decides); the board shows it until it is sent.\n"
		"report  prints the report of the ticket's on-call work (the running one, else\n"
		"        the latest) as plain text; --sent: the report was sent to the customer\n"
		"        (at --at, default now; --note: its text), which stops its clock.\n"
		"Writes go to the local journal first and are saved once.\n"
		"Exit codes: 0 ok, 1 database error, refused or entry left pending, 2 usage.\n"));
}

struct oopts {
	const char *sub, *ticket, *item, *at, *note, *conninfo;
	int sent;
};

static int parse_opts(int argc, char **argv, struct oopts *o)
{
	const char *pos[3] = {NULL, NULL, NULL};
	int npos = 0;

	memset(o, 0, sizeof *o);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **val = NULL;

		if (cli_is_help(a)) {
			oncall_help(stdout);
			return 1;
		} else if (strcmp(a, "--at") == 0) {
			val = &o->at;
		} else if (strcmp(a, "--note") == 0) {
			val = &o->note;
		} else if (strcmp(a, "--db") == 0) {
			val = &o->conninfo;
		} else if (strcmp(a, "--sent") == 0) {
			o->sent = 1;
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("oncall", "unknown option '%s'", a);
		} else if (npos < 3) {
			pos[npos++] = a;
		} else {
			return cli_usage_error("oncall", "unexpected argument '%s'", a);
		}
		if (val) {
			if (++i >= argc)
				return cli_usage_error("oncall", "%s needs a value", a);
			*val = argv[i];
		}
	}
	o->sub = pos[0];
	o->ticket = pos[1];
	o->item = pos[2];
	if (!o->sub)
		return cli_usage_error("oncall", "missing subcommand (start, check, end, report)");
	if (strcmp(o->sub, "start") && strcmp(o->sub, "check") && strcmp(o->sub, "end") && strcmp(o->sub, "report"))
		return cli_usage_error("oncall", "unknown subcommand '%s' (start, check, end, report)", o->sub);
	if (!o->ticket)
		return cli_usage_error("oncall", "%s needs TICKET", o->sub);
	if (strcmp(o->sub, "check") == 0 && !o->item)
		return cli_usage_error("oncall", "check needs ITEM (1-%d or a name; see sdesk oncall --help)",
				       ONCALL_NITEMS - 1);
	if (strcmp(o->sub, "check") != 0 && o->item)
		return cli_usage_error("oncall", "unexpected argument '%s'", o->item);
	if (o->at && strcmp(o->sub, "report") == 0 && !o->sent)
		return cli_usage_error("oncall", "--at goes with start, check, end and report --sent");
	if (o->note && strcmp(o->sub, "start") == 0)
		return cli_usage_error("oncall", "--note goes with check, end and report --sent");
	if (o->note && strcmp(o->sub, "report") == 0 && !o->sent)
		return cli_usage_error("oncall", "--note goes with report --sent");
	if (o->sent && strcmp(o->sub, "report") != 0)
		return cli_usage_error("oncall", "--sent goes with report");
	return 0;
}

static int parse_ticket(const char *s, int64_t *id)
{
	char *end;
	long long v;

	if (strncmp(s, "SD-", 3) == 0 || strncmp(s, "sd-", 3) == 0)
		s += 3;
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || v <= 0)
		return -1;
	*id = v;
	return 0;
}

/* "YYYY-MM-DD HH:MM Dow" local time ("DD.MM.YYYY HH:MM Mo" in German), or "-". */
static const char *when(int64_t t, char *buf, size_t len)
{
	/* The weekday as sd_fmt_* writes dates: by the language (base/fmt.h). */
	static const char *const dow_en[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const dow_de[] = {"So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"};
	time_t tt = (time_t)t;
	struct tm tm;
	char dt[40];

	if (t == ONCALL_NO_TIME || !localtime_r(&tt, &tm))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%s %s",
			 sd_fmt_datetime(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour * 60 + tm.tm_min, dt, sizeof dt),
			 (sd_lang_de() ? dow_de : dow_en)[tm.tm_wday % 7]);
	return buf;
}

static void print_report(const struct oncall_work *w, int64_t now)
{
	char a[48], b[48];
	struct strbuf sb = {0};
	int n = 0;

	printf(_("On-call report (seed 003), on-call work %" PRId64 "\n"), w->id);
	if (w->ticket_id)
		printf(_("Ticket:    %s  %s\n"), cli_text(w->ref), cli_text(w->subject));
	else
		printf(_("Ticket:    -\n"));
	printf(_("Customer:  %s (%s), plan %s\n"), cli_text(w->customer), cli_text(w->account_code), cli_text(w->plan));
	if (w->ticket_id)
		printf(_("Received:  %s  via %s, category %s\n"), when(w->received, a, sizeof a), cli_text(w->channel),
		       cli_text(w->category));
	if (w->window_from != ONCALL_NO_TIME)
		printf(_("Window:    %s - %s\n"), when(w->window_from, a, sizeof a), when(w->window_to, b, sizeof b));
	else
		printf(_("Window:    none (outside the agreed on-call windows)\n"));
	printf(_("Agent:     %s (%s)\n"), cli_text(w->agent_name), cli_text(w->agent));
	printf(_("Started:   %s\n"), when(w->started, a, sizeof a));
	printf(_("Ended:     %s\n"), w->ended == ONCALL_NO_TIME ? _("- (running)") : when(w->ended, a, sizeof a));
	if (w->ended != ONCALL_NO_TIME)
		printf(_("Duration:  %" PRId64 " min\n"), (w->ended - w->started) / 60);
	printf(_("Report:    due %s, %s"), when(w->report_due, a, sizeof a), _(oncall_report_state(w, now)));
	if (w->reported != ONCALL_NO_TIME)
		printf(" %s", when(w->reported, b, sizeof b));
	printf(_("\n\nChecklist\n"));
	for (int i = 0; i < ONCALL_NITEMS; i++) {
		const struct oncall_tick *k = &w->ticks[i];

		if (k->done_at != ONCALL_NO_TIME) {
			n++;
			printf("  [x] %d %s\n        %s, %s\n", i + 1, _(oncall_item_text((enum oncall_item)i)),
			       cli_text(k->done_by), when(k->done_at, a, sizeof a));
		} else {
			printf("  [ ] %d %s\n", i + 1, _(oncall_item_text((enum oncall_item)i)));
		}
		if (k->note[0]) {
			sb_reset(&sb);
			sd_escape_append(&sb, k->note, 0);
			printf(_("        note: %s\n"), sb.buf);
		}
	}
	printf(_("  %d of %d done\n\nNotes\n"), n, ONCALL_NITEMS);
	if (w->report[0]) {
		/* Multi-line: newlines kept, every other control escaped. */
		sb_reset(&sb);
		sd_escape_append(&sb, w->report, SD_ESC_NEWLINE);
		for (char *line = sb.buf, *nl; line; line = nl) {
			nl = strchr(line, '\n');
			if (nl)
				*nl++ = '\0';
			printf("  %s\n", line);
		}
	} else {
		printf(_("  (none)\n"));
	}
	sb_free(&sb);
}

/* Journals one action with a fresh key and sends it (pending ones first). */
static int write_action(struct journal *j, struct db *db, enum act_id a, size_t n, const struct act_val *v,
			int64_t *id)
{
	struct act_text t;
	struct journal_flush_result fr;
	char err[700];
	int r;

	if (act_texts(a, n, v, &t, err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: oncall: %s\n", err);
		return SDESK_EXIT_USAGE;
	}
	journal_flush(j, db, &fr, 65536, err, sizeof err);
	r = journal_log(j, db, act_def(a)->name, t.n, t.v, NULL, id, err, sizeof err);
	if (r == 1)
		return SDESK_EXIT_OK;
	if (r == 0)
		fprintf(stderr, _("sdesk: oncall: %s: kept in the journal, sent once by sdesk journal flush or the next entry\n"),
			err);
	else
		fprintf(stderr, _("sdesk: oncall: refused: %s\n"), err);
	return SDESK_EXIT_RUNTIME;
}

static int run(struct db *db, struct journal *j, const struct oopts *o, int64_t tid)
{
	struct oncall_work w;
	int64_t at = sd_now(), id = 0;
	int rc, item = -1;

	const char *why = "";

	if (o->at && sd_instant_parse(o->at, strlen(o->at), &at, &why) < 0)
		return cli_usage_error("oncall", "--at '%s': %s", o->at, why);
	if (o->note) {
		char bad[300];

		if (sd_text_check("--note", o->note, 10000, 1, bad, sizeof bad) < 0)
			return cli_usage_error("oncall", "%s", bad);
	}
	if (o->item) {
		char *end;
		long k = strtol(o->item, &end, 10);

		item = (*end == '\0' && end != o->item) ? (int)k - 1 : oncall_item_by_code(o->item);
		if (item < 0 || item >= ONCALL_report)
			return cli_usage_error("oncall", "unknown item '%s' (1-%d or a name; see sdesk oncall --help)",
					       o->item, ONCALL_NITEMS - 1);
	}
	if (strcmp(o->sub, "start") == 0) {
		struct act_val v[3] = {av_null(), av_int(tid), av_time(at)};

		rc = write_action(j, db, ACT_start_oncall, 3, v, &id);
		if (rc == 0)
			printf(_("on-call work %" PRId64 " started on SD-%" PRId64 "\n"), id, tid);
		return rc;
	}
	rc = oncall_q_load(db, tid, 1, &w);
	if (rc != 0) {
		if (rc < 0)
			fprintf(stderr, "sdesk: oncall: %s\n", db_last_error(db)->plain);
		else
			fprintf(stderr, _("sdesk: oncall: SD-%" PRId64 " has no on-call work (sdesk oncall start)\n"), tid);
		oncall_work_free(&w);
		return SDESK_EXIT_RUNTIME;
	}
	if (strcmp(o->sub, "check") == 0) {
		struct act_val v[4] = {av_int(w.id), av_str(oncall_item_code((enum oncall_item)item)), av_str(o->note),
				       av_time(at)};

		rc = write_action(j, db, ACT_check_oncall_item, 4, v, NULL);
		if (rc == 0)
			printf(_("ticked %d %s on on-call work %" PRId64 "\n"), item + 1,
			       oncall_item_code((enum oncall_item)item), w.id);
	} else if (strcmp(o->sub, "end") == 0) {
		struct act_val v[3] = {av_int(w.id), av_time(at), av_str(o->note)};

		rc = write_action(j, db, ACT_end_oncall, 3, v, NULL);
		if (rc == 0) {
			char due[48];

			oncall_work_free(&w);
			if (oncall_q_load(db, tid, 1, &w) == 0)
				printf(_("on-call work %" PRId64 " ended; report due %s\n"), w.id,
				       when(w.report_due, due, sizeof due));
		}
	} else if (o->sent) {
		struct act_val v[3] = {av_int(w.id), av_time(at), av_str(o->note)};

		rc = write_action(j, db, ACT_send_oncall_report, 3, v, NULL);
		if (rc == 0) {
			oncall_work_free(&w);
			if (oncall_q_load(db, tid, 1, &w) == 0)
				printf(_("report of on-call work %" PRId64 " sent: %s\n"), w.id,
				       _(oncall_report_state(&w, sd_now())));
		}
	} else {
		print_report(&w, sd_now());
		if (fflush(stdout) != 0)
			rc = SDESK_EXIT_RUNTIME;
	}
	oncall_work_free(&w);
	return rc;
}

int cmd_oncall(struct sdesk_ctx *ctx, int argc, char **argv)
{
	struct sdesk_config cfg;
	struct oopts o;
	struct journal *j = NULL;
	struct db *db;
	char err[600], path[4096];
	const char *conninfo;
	int64_t tid;
	int rc = parse_opts(argc, argv, &o);

	if (rc != 0)
		return rc == 1 ? SDESK_EXIT_OK : rc;
	if (parse_ticket(o.ticket, &tid) < 0)
		return cli_usage_error("oncall", "bad ticket '%s' (SD-10001 or 10001)", o.ticket);
	if (settings_read(&cfg, ctx->config_path, err, sizeof err) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		return SDESK_EXIT_USAGE;
	}
	conninfo = o.conninfo ? o.conninfo : cfg.conninfo;
	if (journal_path_for(cfg.journal_path, conninfo, path, sizeof path, err, sizeof err) < 0
	    || !(j = journal_open(path, err, sizeof err))) {
		fprintf(stderr, _("sdesk: oncall: journal: %s; nothing was written\n"), err);
		settings_free(&cfg);
		return SDESK_EXIT_RUNTIME;
	}
	db = db_connect_timeout(conninfo, cfg.connect_timeout);
	if (!db_connected(db)) {
		fprintf(stderr, _("sdesk: oncall: cannot connect to the database: %s\n"), db_last_error(db)->plain);
		rc = SDESK_EXIT_RUNTIME;
	} else {
		rc = run(db, j, &o, tid);
	}
	db_close(db);
	journal_close(j);
	settings_free(&cfg);
	return rc;
}
