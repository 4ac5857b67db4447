/* sdesk log call | time: what the console's call and time dialogs do, for
 * scripts: the same bq_book_call / bq_book_time (db/billing_q.h) as the
 * console. The billing engine (src/engine/billing.h) prices; the ledger rows
 * go through log_call / log_time with the contract locked. doc/billing.md.
 * Every entry goes through the local journal first (db/journal.h, book_call
 * / book_time with a fresh key): when the connection is lost it stays
 * pending and `sdesk journal flush` or the next sdesk log sends it with the
 * same key (doc/security.md, "Exactly once"). */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/now.h"
#include "base/exitcodes.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "conf/config.h"
#include "conf/plans.h"
#include "db/billing_q.h"
#include "db/journal.h"
#include "engine/billing.h"
#include "engine/duration.h"
#include "engine/timefmt.h"

static void log_help(FILE *out)
{
	fprintf(out, "%s", _(
		"Usage: sdesk log call TICKET DURATION [--hotline] [--at INSTANT] [--dry-run] [--db CONNINFO]\n"
		"       sdesk log time TICKET DURATION KIND [--rush [--ordered-at INSTANT]]\n"
		"                  [--note TEXT] [--at INSTANT] [--dry-run] [--db CONNINFO]\n"
		"\n"
		"TICKET    SD-10001 or 10001\n"
		"DURATION  25m, 1:10 (h:mm), 1.5h, 90 (minutes), 2h 5m, 12m 30s\n"
		"KIND      support, managed_service, technical, user_support\n"
		"\n"
		"call  phone minutes draw the month's free minutes, then the activation\n"
		"      credit, then overage; --hotline prices per started 5 minutes at the\n"
		"      tariff window in force.\n"
		"time  rounded up to the plan's unit (started quarter hours); technical and\n"
		"      user_support draw points. --rush: the customer ordered the managed\n"
		"      service as a rush job (Eilauftrag), at --ordered-at (default: when the\n"
		"      ticket came); the rush rate applies when the work is done that calendar\n"
		"      day or outside support hours (seed 000).\n"
		"The database decides the split, rounding, rate and price with its own plan\n"
		"catalogue (sdesk plans load); no local plan file is read.\n"
		"--at      when the call started / the work was done (ISO 8601, default now)\n"
		"--dry-run print the price and split, write nothing\n"
		"Prints the split or price (one line), then \"logged call|time ID on SD-N\".\n"
		"Each entry is written to the local journal (sdesk journal) before it is\n"
		"sent; when the database cannot be reached it stays pending there and\n"
		"sdesk journal flush or the next sdesk log sends it, once.\n"
		"Exit codes: 0 ok, 1 database error or entry left pending, 2 usage or input error.\n"));
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
	const char *sub, *ticket, *duration, *kind, *at, *ordered_at, *note, *conninfo;
	int hotline, dry_run, rush;
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
		} else if (strcmp(a, "--rush") == 0) {
			o->rush = 1;
		} else if (strcmp(a, "--ordered-at") == 0) {
			val = &o->ordered_at;
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
	if ((o->rush || o->ordered_at) && (!o->kind || strcmp(o->kind, "managed_service") != 0))
		return cli_usage_error("log", "--rush and --ordered-at are for managed_service");
	if (o->ordered_at && !o->rush)
		return cli_usage_error("log", "--ordered-at needs --rush");
	return 0;
}

static int instant_arg(const char *what, const char *s, sd_time *t)
{
	const char *why = NULL;

	if (sd_parse_instant(s, strlen(s), t, &why) < 0)
		return cli_usage_error("log", "bad %s '%s': %s", what, s, why ? why : _("not an ISO 8601 instant"));
	return 0;
}

static int db_fail(struct db *db, const char *what)
{
	fprintf(stderr, "sdesk: log: %s: %s\n", _(what), db_last_error(db)->plain);
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

	e->at = (sd_time)sd_now();
	if (parse_ticket(o->ticket, &e->ticket) < 0)
		return cli_usage_error("log", "bad ticket '%s' (SD-10001 or 10001)", o->ticket);
	ds = dur_parse(o->duration, &e->seconds, &where);
	if (ds != DUR_OK)
		return cli_usage_error("log", "bad duration '%s' at column %zu: %s", o->duration, where + 1,
				       _(dur_status_text(ds)));
	if (o->at && instant_arg("--at", o->at, &e->at))
		return SDESK_EXIT_USAGE;
	return 0;
}

/* The journal an entry goes through. */
struct sink {
	struct journal *j;
	int offline; /* the database could not be reached: journal only */
};

/* Opens the journal (settings' journal.path or the default). 0, or an exit code with the message printed. */
static int sink_open(struct sink *k, const struct sdesk_config *cfg, const char *conninfo)
{
	char path[4096], err[600];

	memset(k, 0, sizeof(*k));
	if (journal_path_for(cfg->journal_path, conninfo, path, sizeof(path), err, sizeof(err)) < 0 ||
	    !(k->j = journal_open(path, err, sizeof(err)))) {
		fprintf(stderr, _("sdesk: log: journal: %s; nothing was logged\n"), err);
		return SDESK_EXIT_RUNTIME;
	}
	if (journal_damaged_count(k->j) > 0) { /* kept, never sent: the user must look */
		journal_problems(k->j, err, sizeof(err));
		fprintf(stderr, _("sdesk: log: warning: the journal has %zu damaged record(s), kept and not sent: %s; "
			"see sdesk journal list\n"), journal_damaged_count(k->j), cli_text(err));
	}
	return 0;
}

/* Sends what earlier runs left pending, in order, before a new entry. */
static void sink_flush(struct sink *k, struct db *db)
{
	struct journal_flush_result r;
	char err[600];

	if (k->offline)
		return;
	if (journal_flush(k->j, db, &r, 64 << 10, err, sizeof(err)) < 0) {
		fprintf(stderr, _("sdesk: log: journal: %s\n"), err);
		return;
	}
	if (r.done || r.failed)
		fprintf(stderr, _("sdesk: log: sent %zu pending journal entries, %zu refused (sdesk journal list)\n"), r.done,
			r.failed);
	if (r.left)
		k->offline = 1;
}

static int pending_exit(const struct sink *k, const char *what, const char *key, const char *why)
{
	fprintf(stderr,
		_("sdesk: log: %s not sent (%s): it is pending in the journal %s (key %s); "
		"sdesk journal flush or the next sdesk log sends it\n"),
		what, why, journal_path(k->j), key);
	return SDESK_EXIT_RUNTIME;
}

/* Books one entry (db connected unless k->offline). Returns an exit code. */
static int log_one(struct db *db, struct sink *k, const struct opts *op)
{
	const struct opts o = *op;
	struct bq_ticket tk;
	struct bq_booked bk;
	struct entry e;
	int64_t ticket, seconds, minutes = 0, id = 0;
	sd_time at, req = BQ_TIME_NONE;
	int rc, r, call = strcmp(o.sub, "call") == 0;
	char key[37], err[600];
	size_t kind = 0;
	static const char *const kinds[] = {"support", "managed_service", "technical", "user_support"};

	rc = prepare(&o, &e);
	if (rc != 0)
		return rc;
	ticket = e.ticket;
	seconds = e.seconds;
	at = e.at;
	if (!call) {
		for (kind = 0; kind < SDESK_ARRAY_LEN(kinds); kind++)
			if (strcmp(o.kind, kinds[kind]) == 0)
				break;
		if (kind == SDESK_ARRAY_LEN(kinds))
			return cli_usage_error("log", "unknown KIND '%s' (support, managed_service, technical, user_support)",
					       o.kind);
		minutes = dur_started_minutes(seconds);
		if (minutes <= 0)
			return cli_usage_error("log", "a time entry needs a duration above 0");
		if (o.ordered_at && instant_arg("--ordered-at", o.ordered_at, &req))
			return SDESK_EXIT_USAGE;
	}
	if (!k->offline && bq_ticket(db, ticket, &tk) < 0) {
		if (db_last_error(db)->kind == DB_OK) {
			fprintf(stderr, _("sdesk: log: no ticket SD-%" PRId64 "\n"), ticket);
			return SDESK_EXIT_USAGE;
		}
		if (db_connected(db))
			return db_fail(db, N_("ticket"));
		k->offline = 1;
	}
	if (o.dry_run) {
		if (k->offline)
			return db_fail(db, N_("cannot connect"));
		if (call)
			r = bq_book_call(db, &tk, at, seconds, o.hotline, 1, NULL, &bk);
		else
			r = bq_book_time(db, &tk, at, minutes, o.kind, o.rush, req, o.note, 1, NULL, &bk);
		if (r < 0) {
			const struct db_error *de = db_last_error(db);

			if (db_connected(db) && de->kind != DB_OTHER && de->kind != DB_CONNECTION)
				return cli_usage_error("log", "%s", de->plain);
			return db_fail(db, o.sub);
		}
		printf("%s\n", cli_text(bk.text));
		if (bk.warning[0])
			fprintf(stderr, _("sdesk: log: warning: %s\n"), cli_text(bk.warning));
		return SDESK_EXIT_OK;
	}
	/* Journal first (fsync'ed), then send with the entry's key. */
	if (db_new_key(key) < 0) {
		fprintf(stderr, _("sdesk: log: no randomness for an idempotency key\n"));
		return SDESK_EXIT_RUNTIME;
	}
	if (call)
		r = bq_journal_call(k->j, key, ticket, at, seconds, o.hotline, err, sizeof(err));
	else
		r = bq_journal_time(k->j, key, ticket, at, minutes, o.kind, o.rush, req, o.note, err, sizeof(err));
	if (r < 0) {
		fprintf(stderr, _("sdesk: log: journal: %s; nothing was logged\n"), err);
		return SDESK_EXIT_RUNTIME;
	}
	if (k->offline)
		return pending_exit(k, o.sub, key, db_last_error(db)->plain);
	r = journal_submit(k->j, db, key, &id, err, sizeof(err));
	if (r == 0) {
		k->offline = !db_connected(db);
		return pending_exit(k, o.sub, key, err);
	}
	if (r < 0) {
		const struct db_error *de = db_last_error(db);
		int input = de->kind == DB_OK || !de->sqlstate[0];
		char ferr[256];

		/* Refused in front of the user: reported here, not kept. */
		if (journal_forget(k->j, key, ferr, sizeof(ferr)) < 0)
			fprintf(stderr, _("sdesk: log: journal: %s\n"), ferr);
		if (input)
			return cli_usage_error("log", "%s", err);
		fprintf(stderr, "sdesk: log: %s: %s\n", o.sub, err);
		return SDESK_EXIT_RUNTIME;
	}
	if (bq_answer(db, key, &bk) < 0)
		return db_fail(db, N_("reading what was booked"));
	printf("%s\n", cli_text(bk.text));
	if (bk.warning[0])
		fprintf(stderr, _("sdesk: log: warning: %s\n"), cli_text(bk.warning));
	printf("logged %s %" PRId64 " on SD-%" PRId64 "\n", o.sub, id, ticket);
	/* A long --batch keeps the journal small, so each entry reads little. */
	if (journal_tidy(k->j, 64 << 10, err, sizeof(err)) < 0)
		fprintf(stderr, _("sdesk: log: journal: %s\n"), err);
	return SDESK_EXIT_OK;
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
	struct sdesk_config cfg;
	struct sink k;
	struct db *db;
	char err[600], line[2048];
	FILE *in = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	int rc = SDESK_EXIT_OK, lineno = 0;

	if (!in) {
		fprintf(stderr, _("sdesk: log: cannot read %s\n"), file);
		return SDESK_EXIT_USAGE;
	}
	if (settings_read(&cfg, ctx->config_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		if (in != stdin)
			fclose(in);
		return SDESK_EXIT_USAGE;
	}
	if ((rc = sink_open(&k, &cfg, conninfo ? conninfo : cfg.conninfo)) != 0) {
		settings_free(&cfg);
		if (in != stdin)
			fclose(in);
		return rc;
	}
	db = db_connect(conninfo ? conninfo : cfg.conninfo);
	settings_free(&cfg);
	if (!db_connected(db)) {
		fprintf(stderr, _("sdesk: log: cannot connect: %s; the entries go to the journal\n"), db_last_error(db)->plain);
		k.offline = 1;
	}
	sink_flush(&k, db);
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
				n < 0 ? _("unterminated quote") : _("too many words"));
			rc = rc > SDESK_EXIT_USAGE ? rc : SDESK_EXIT_USAGE;
			continue;
		}
		r = parse_opts(n + 1, words, &o);
		if (r == 0 && o.conninfo)
			r = cli_usage_error("log", "--db is not allowed in a batch line");
		if (r == 0)
			r = log_one(db, &k, &o);
		if (r != 0) {
			fprintf(stderr, _("sdesk: log: %s:%d: not booked\n"), file, lineno);
			rc = r > rc ? r : rc;
		}
	}
	if (in != stdin)
		fclose(in);
	db_close(db);
	journal_close(k.j);
	return rc;
}

int cmd_log(struct sdesk_ctx *ctx, int argc, char **argv)
{
	struct opts o;
	struct entry e;
	struct sdesk_config cfg;
	struct sink k = {0};
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
	if (settings_read(&cfg, ctx->config_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		return SDESK_EXIT_USAGE;
	}
	if (!o.dry_run && (rc = sink_open(&k, &cfg, o.conninfo ? o.conninfo : cfg.conninfo)) != 0) {
		settings_free(&cfg);
		return rc;
	}
	db = db_connect(o.conninfo ? o.conninfo : cfg.conninfo);
	settings_free(&cfg);
	if (!db_connected(db) && o.dry_run) {
		rc = db_fail(db, N_("cannot connect"));
	} else {
		k.offline = !db_connected(db);
		if (!o.dry_run)
			sink_flush(&k, db);
		rc = log_one(db, &k, &o);
	}
	db_close(db);
	journal_close(k.j);
	return rc;
}
