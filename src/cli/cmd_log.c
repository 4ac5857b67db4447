/* sdesk log call | time: what the console's call and time dialogs do, for
 * scripts: the same bq_book_call / bq_book_time (db/billing_q.h) as the
 * console. The billing engine (src/engine/billing.h) prices; the ledger rows
 * go through log_call / log_time with the contract locked. doc/billing.md. */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/exitcodes.h"
#include "base/util.h"
#include "cli/cli.h"
#include "conf/config.h"
#include "conf/plans.h"
#include "db/billing_q.h"
#include "engine/billing.h"
#include "engine/duration.h"
#include "engine/timefmt.h"

static void log_help(FILE *out)
{
	fprintf(out,
		"Usage: sdesk log call TICKET DURATION [--hotline] [--at INSTANT] [--dry-run] [--db CONNINFO]\n"
		"       sdesk log time TICKET DURATION KIND [--requested INSTANT] [--calendar CAL]\n"
		"                  [--note TEXT] [--at INSTANT] [--dry-run] [--db CONNINFO]\n"
		"\n"
		"TICKET    SD-10001 or 10001\n"
		"DURATION  25m, 1:10 (h:mm), 1.5h, 90 (minutes), 2h 5m, 12m 30s\n"
		"KIND      support, managed_service, technical, user_support\n"
		"\n"
		"call  phone minutes draw the month's free minutes, then the activation\n"
		"      credit, then overage; --hotline prices per started 5 minutes at the\n"
		"      tariff window in force.\n"
		"time  rounded up to started quarter hours. managed_service is a rush job\n"
		"      (rush rate) when done the same calendar day as requested (default: the\n"
		"      ticket's receipt) or outside the hours of --calendar (default\n"
		"      invitario); technical and user_support draw points.\n"
		"--at      when the call started / the work was done (ISO 8601, default now)\n"
		"--dry-run print the price and split, write nothing\n"
		"Prints the split or price (one line), then \"logged call|time ID on SD-N\".\n"
		"Exit codes: 0 ok, 1 database error, 2 usage or input error.\n");
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

struct opts {
	const char *sub, *ticket, *duration, *kind, *at, *requested, *calendar, *note, *conninfo;
	int hotline, dry_run;
};

static int parse_opts(int argc, char **argv, struct opts *o)
{
	const char *pos[4] = {NULL, NULL, NULL, NULL};
	int npos = 0;

	memset(o, 0, sizeof(*o));
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **val = NULL;

		if (cli_is_help(a)) {
			log_help(stdout);
			return -1;
		} else if (strcmp(a, "--hotline") == 0) {
			o->hotline = 1;
		} else if (strcmp(a, "--dry-run") == 0) {
			o->dry_run = 1;
		} else if (strcmp(a, "--at") == 0) {
			val = &o->at;
		} else if (strcmp(a, "--requested") == 0) {
			val = &o->requested;
		} else if (strcmp(a, "--calendar") == 0) {
			val = &o->calendar;
		} else if (strcmp(a, "--note") == 0) {
			val = &o->note;
		} else if (strcmp(a, "--db") == 0) {
			val = &o->conninfo;
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("log", "unknown option '%s'", a);
		} else if (npos < 4) {
			pos[npos++] = a;
		} else {
			return cli_usage_error("log", "unexpected argument '%s'", a);
		}
		if (val) {
			if (++i >= argc)
				return cli_usage_error("log", "%s needs a value", a);
			*val = argv[i];
		}
	}
	o->sub = pos[0];
	o->ticket = pos[1];
	o->duration = pos[2];
	o->kind = pos[3];
	if (!o->sub)
		return cli_usage_error("log", "missing subcommand: call or time");
	if (strcmp(o->sub, "call") != 0 && strcmp(o->sub, "time") != 0)
		return cli_usage_error("log", "unknown subcommand '%s' (call or time)", o->sub);
	if (!o->ticket || !o->duration)
		return cli_usage_error("log", "%s needs TICKET and DURATION", o->sub);
	if (strcmp(o->sub, "time") == 0 && !o->kind)
		return cli_usage_error("log", "time needs KIND (support, managed_service, technical, user_support)");
	if (strcmp(o->sub, "call") == 0 && o->kind)
		return cli_usage_error("log", "unexpected argument '%s'", o->kind);
	return 0;
}

static int instant_arg(const char *what, const char *s, sd_time *t)
{
	const char *why = NULL;

	if (sd_parse_instant(s, strlen(s), t, &why) < 0)
		return cli_usage_error("log", "bad %s '%s': %s", what, s, why ? why : "not an ISO 8601 instant");
	return 0;
}

static int db_fail(struct db *db, const char *what)
{
	fprintf(stderr, "sdesk: log: %s: %s\n", what, db_last_error(db)->plain);
	return SDESK_EXIT_RUNTIME;
}

/* The typed parts of one entry, checked before anything is read. */
struct entry {
	int64_t ticket, seconds;
	sd_time at;
};

static int prepare(const struct opts *o, struct entry *e)
{
	enum dur_status ds;
	size_t where = 0;

	e->at = (sd_time)time(NULL);
	if (parse_ticket(o->ticket, &e->ticket) < 0)
		return cli_usage_error("log", "bad ticket '%s' (SD-10001 or 10001)", o->ticket);
	ds = dur_parse(o->duration, &e->seconds, &where);
	if (ds != DUR_OK)
		return cli_usage_error("log", "bad duration '%s' at column %zu: %s", o->duration, where + 1,
				       dur_status_text(ds));
	if (o->at && instant_arg("--at", o->at, &e->at))
		return SDESK_EXIT_USAGE;
	return 0;
}

/* Books one entry (catalogue loaded, database connected). Returns an exit code. */
static int log_one(struct sdesk_ctx *ctx, const struct sla_catalogue *catp, struct db *db, const struct opts *op)
{
	const struct sla_catalogue *cat = catp;
	const struct opts o = *op;
	const struct sla_plan *plan;
	const struct cal_zone *lzone;
	struct bq_ticket tk;
	struct bq_booked bk;
	struct entry e;
	int64_t ticket, seconds;
	sd_time at;
	int rc = SDESK_EXIT_RUNTIME, month, r;

	rc = prepare(&o, &e);
	if (rc != 0)
		return rc;
	rc = SDESK_EXIT_RUNTIME;
	ticket = e.ticket;
	seconds = e.seconds;
	at = e.at;
	if (bq_ticket(db, ticket, &tk) < 0) {
		if (db_last_error(db)->kind == DB_OK) {
			fprintf(stderr, "sdesk: log: no ticket SD-%" PRId64 "\n", ticket);
			return SDESK_EXIT_USAGE;
		}
		return db_fail(db, "ticket");
	}
	plan = sla_plan_find(cat, tk.plan);
	lzone = bill_ledger_zone(cat);
	if (!plan || !lzone) {
		fprintf(stderr, "sdesk: log: plan '%s' of SD-%" PRId64 " is not in %s\n", tk.plan, ticket,
			cli_plans_path(ctx));
		return rc;
	}
	month = bill_month_at(lzone, at);
	if (strcmp(o.sub, "call") == 0) {
		r = bq_book_call(db, plan, &tk, month, at, seconds, o.hotline, o.dry_run, NULL, &bk);
	} else {
		static const char *const kinds[] = {"support", "managed_service", "technical", "user_support"};
		const struct calendar *sc = NULL;
		int64_t minutes = dur_started_minutes(seconds);
		sd_time req = BQ_TIME_NONE;
		size_t k;

		for (k = 0; k < SDESK_ARRAY_LEN(kinds); k++)
			if (strcmp(o.kind, kinds[k]) == 0)
				break;
		if (k == SDESK_ARRAY_LEN(kinds)) {
			rc = cli_usage_error("log", "unknown KIND '%s' (support, managed_service, technical, user_support)",
					     o.kind);
			goto done;
		}
		if (minutes <= 0) {
			rc = cli_usage_error("log", "a time entry needs a duration above 0");
			goto done;
		}
		if (k == 1) {
			sc = cal_set_calendar(cat->cals, o.calendar ? o.calendar : "invitario");
			if (!sc) {
				rc = cli_usage_error("log", "no calendar '%s' for the rush decision",
						     o.calendar ? o.calendar : "invitario");
				goto done;
			}
			if (o.requested && instant_arg("--requested", o.requested, &req)) {
				rc = SDESK_EXIT_USAGE;
				goto done;
			}
		}
		r = bq_book_time(db, plan, sc, &tk, month, at, req, minutes, o.kind, o.note, o.dry_run, NULL, &bk);
	}
	if (r == -1) {
		rc = db_fail(db, o.sub);
		goto done;
	}
	if (r < 0) {
		rc = cli_usage_error("log", "%s", bk.warning);
		goto done;
	}
	printf("%s\n", bk.text);
	if (bk.warning[0])
		fprintf(stderr, "sdesk: log: warning: %s\n", bk.warning);
	if (!o.dry_run)
		printf("logged %s %" PRId64 " on SD-%" PRId64 "\n", o.sub, bk.id, ticket);
	rc = SDESK_EXIT_OK;
done:
	return rc;
}

/* Splits a batch line into words: blanks separate, '...' and "..." quote.
 * Returns the count (at most max), or -1 for an unterminated quote. */
static int split_words(char *line, char **words, int max)
{
	int n = 0;
	char *p = line, *w;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			return n;
		if (n == max)
			return max + 1;
		w = p;
		words[n++] = w;
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '\'' || *p == '"') {
				char q = *p++;
				while (*p && *p != q)
					*w++ = *p++;
				if (!*p)
					return -1;
				p++;
			} else {
				*w++ = *p++;
			}
		}
		if (*p)
			p++;
		*w = '\0';
	}
}

/* --batch FILE: one entry per line ("call SD-10001 5m --at ...", "time ...";
 * blank lines and # comments skipped), one connection, one transaction per
 * entry. Returns 0 when every line was booked, else the worst exit code. */
static int log_batch(struct sdesk_ctx *ctx, const char *file, const char *conninfo)
{
	struct sla_catalogue cat;
	struct sdesk_config cfg;
	struct db *db;
	char err[600], line[2048];
	FILE *in = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	int rc = SDESK_EXIT_OK, lineno = 0;

	if (!in) {
		fprintf(stderr, "sdesk: log: cannot read %s\n", file);
		return SDESK_EXIT_USAGE;
	}
	if (conf_load_plans(cli_plans_path(ctx), &cat, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		if (in != stdin)
			fclose(in);
		return SDESK_EXIT_USAGE;
	}
	if (settings_read(&cfg, ctx->config_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		sla_catalogue_free(&cat);
		if (in != stdin)
			fclose(in);
		return SDESK_EXIT_USAGE;
	}
	db = db_connect(conninfo ? conninfo : cfg.conninfo);
	settings_free(&cfg);
	if (!db_connected(db)) {
		rc = db_fail(db, "cannot connect");
		goto out;
	}
	while (fgets(line, sizeof(line), in)) {
		char *words[17];
		struct opts o;
		int n, r;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		words[0] = (char *)"log";
		n = split_words(line, words + 1, 15);
		if (n == 0)
			continue;
		if (n < 0 || n > 15) {
			fprintf(stderr, "sdesk: log: %s:%d: %s\n", file, lineno,
				n < 0 ? "unterminated quote" : "too many words");
			rc = rc > SDESK_EXIT_USAGE ? rc : SDESK_EXIT_USAGE;
			continue;
		}
		r = parse_opts(n + 1, words, &o);
		if (r == 0 && o.conninfo)
			r = cli_usage_error("log", "--db is not allowed in a batch line");
		if (r == 0)
			r = log_one(ctx, &cat, db, &o);
		if (r != 0) {
			fprintf(stderr, "sdesk: log: %s:%d: not booked\n", file, lineno);
			rc = r > rc ? r : rc;
		}
	}
out:
	if (in != stdin)
		fclose(in);
	db_close(db);
	sla_catalogue_free(&cat);
	return rc;
}

int cmd_log(struct sdesk_ctx *ctx, int argc, char **argv)
{
	struct opts o;
	struct entry e;
	struct sla_catalogue cat;
	struct sdesk_config cfg;
	struct db *db = NULL;
	char err[600];
	int rc = SDESK_EXIT_RUNTIME, r;

	if (argc >= 2 && strcmp(argv[1], "--batch") == 0) {
		const char *conninfo = NULL;

		if (argc != 3 && !(argc == 5 && strcmp(argv[3], "--db") == 0))
			return cli_usage_error("log", "usage: sdesk log --batch FILE|- [--db CONNINFO]");
		if (argc == 5)
			conninfo = argv[4];
		return log_batch(ctx, argv[2], conninfo);
	}
	r = parse_opts(argc, argv, &o);
	if (r != 0)
		return r < 0 ? SDESK_EXIT_OK : r; /* -1: help was printed */
	r = prepare(&o, &e);
	if (r != 0)
		return r;
	if (conf_load_plans(cli_plans_path(ctx), &cat, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		return SDESK_EXIT_USAGE;
	}
	if (settings_read(&cfg, ctx->config_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		sla_catalogue_free(&cat);
		return SDESK_EXIT_USAGE;
	}
	db = db_connect(o.conninfo ? o.conninfo : cfg.conninfo);
	settings_free(&cfg);
	if (!db_connected(db))
		rc = db_fail(db, "cannot connect");
	else
		rc = log_one(ctx, &cat, db, &o);
	db_close(db);
	sla_catalogue_free(&cat);
	return rc;
}
