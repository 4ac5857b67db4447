/* sdesk journal [list] | flush | forget KEY | compact: the local journal of
 * entries not yet confirmed by the database (doc/security.md). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/escape.h"
#include "base/exitcodes.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "conf/config.h"
#include "conf/plans.h"
#include "db/billing_q.h"
#include "db/db.h"
#include "db/journal.h"

static void journal_help(FILE *out)
{
	fprintf(out,
		_("Usage: sdesk journal [list] [--journal PATH] [--db CONNINFO]\n"
		"       sdesk journal flush [--journal PATH] [--db CONNINFO]\n"
		"       sdesk journal forget KEY [--journal PATH] [--db CONNINFO]\n"
		"       sdesk journal compact [--journal PATH] [--db CONNINFO]\n"
		"\n"
		"Every call, time entry and ticket change is written to the journal before\n"
		"it is sent, and stays there until the database confirms it.\n"
		"list     entries still pending or refused by the database, and damaged\n"
		"         records with their line and byte offset (the default)\n"
		"flush    sends the pending entries again, each with its original\n"
		"         idempotency key: nothing is saved twice\n"
		"forget   gives up one entry (pending or refused) by its key\n"
		"compact  rewrites the journal without the confirmed entries (damaged\n"
		"         records stay, as they are)\n"
		"\n"
		"--journal PATH  the journal file (default: journal.path of sdesk.cfg, else\n"
		"                $XDG_STATE_HOME/sdesk/journal-HASH or ~/.local/state/sdesk/journal-HASH,\n"
		"                HASH naming the database of --db or database.conninfo)\n"
		"--db CONNINFO   libpq connection string (default: database.conninfo)\n"
		"Exit codes: 0 ok (flush: nothing left pending), 1 entries left pending or\n"
		"refused, or an I/O or database error, 2 usage error.\n"));
}

/* Prints s escaped (base/escape.h: \n, \x1b, \u202e, \\), NULL as NULL. */
static void put_text(const char *s)
{
	fputs(s ? cli_text(s) : "NULL", stdout);
}

/* A damaged line: where, why, and its first bytes escaped. */
static void put_damage(const struct journal *j, const struct journal_damage *d)
{
	struct strbuf sb = {0};
	size_t n = d->len < 120 ? d->len : 120;

	/* Escaped piece by piece between NUL bytes (shown as \x00). A cut
	 * character at the end shows as its bytes. */
	for (size_t i = 0; i < n;) {
		size_t k = strnlen(d->raw + i, n - i);
		char *piece = xmalloc(k + 1);

		memcpy(piece, d->raw + i, k);
		piece[k] = '\0';
		sd_escape_append(&sb, piece, 0);
		free(piece);
		i += k;
		if (i < n) {
			sb_append(&sb, "\\x00");
			i++;
		}
	}
	printf(_("damaged  %s:%ld (byte %lld): %s: %s%s\n"), cli_text(journal_path(j)), d->line, d->offset, d->why,
	       sb.buf ? sb.buf : "", d->len > n ? "..." : "");
	sb_free(&sb);
}

static void list_entries(const struct journal *j)
{
	size_t nbad = journal_damaged_count(j);

	printf(_("journal %s: %zu pending, %zu refused"), cli_text(journal_path(j)), journal_pending_count(j),
	       journal_failed_count(j));
	if (nbad)
		printf(_(", %zu damaged (kept in the file, never sent; see doc/security.md)"), nbad);
	putchar('\n');
	for (size_t i = 0; i < nbad; i++)
		put_damage(j, journal_damaged_at(j, i));
	for (size_t i = 0; i < journal_count(j); i++) {
		const struct journal_entry *e = journal_entry_at(j, i);
		char when[32];
		time_t t = (time_t)e->at;
		struct tm tm;

		if (e->state == JOURNAL_DONE)
			continue;
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", localtime_r(&t, &tm));
		printf("%-8s %s %s %s(", e->state == JOURNAL_PENDING ? "pending" : "refused", when, e->key,
		       cli_text(e->action));
		for (size_t k = 0; k < e->nparams; k++) {
			if (k)
				fputs(", ", stdout);
			put_text(e->params[k]);
		}
		putchar(')');
		if (e->state == JOURNAL_FAILED) {
			printf(": %s ", cli_text(e->sqlstate));
			put_text(e->message);
		}
		putchar('\n');
	}
}

int cmd_journal(struct sdesk_ctx *ctx, int argc, char **argv)
{
	const char *sub = NULL, *arg = NULL, *path = NULL, *conninfo = NULL;
	struct sdesk_config cfg;
	char err[512], buf[4096];
	struct journal *j;
	int rc = SDESK_EXIT_OK;

	for (int i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			journal_help(stdout);
			return SDESK_EXIT_OK;
		} else if (strcmp(argv[i], "--journal") == 0 || strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("journal", "%s needs a value", argv[i]);
			*(argv[i][2] == 'j' ? &path : &conninfo) = argv[i + 1];
			i++;
		} else if (argv[i][0] == '-') {
			return cli_usage_error("journal", "unknown option '%s'", argv[i]);
		} else if (!sub) {
			sub = argv[i];
		} else if (!arg && strcmp(sub, "forget") == 0) {
			arg = argv[i];
		} else {
			return cli_usage_error("journal", "unexpected argument '%s'", argv[i]);
		}
	}
	if (!sub)
		sub = "list";
	if (strcmp(sub, "list") && strcmp(sub, "flush") && strcmp(sub, "forget") && strcmp(sub, "compact"))
		return cli_usage_error("journal", "unknown subcommand '%s' (list, flush, forget or compact)", sub);
	if (strcmp(sub, "forget") == 0 && !arg)
		return cli_usage_error("journal", "forget needs the KEY of an entry (see sdesk journal list)");
	if (arg && (strlen(arg) != 36 || strspn(arg, "0123456789abcdefABCDEF-") != 36))
		return cli_usage_error("journal", "KEY must be an entry's 36-character key (see sdesk journal list)");

	if (settings_read(&cfg, ctx->config_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		return SDESK_EXIT_USAGE;
	}
	if (journal_path_for(path ? path : cfg.journal_path, conninfo ? conninfo : cfg.conninfo, buf, sizeof(buf), err,
			     sizeof(err)) < 0 ||
	    !(j = journal_open(buf, err, sizeof(err)))) {
		fprintf(stderr, "sdesk: journal: %s\n", err);
		settings_free(&cfg);
		return SDESK_EXIT_RUNTIME;
	}
	if (strcmp(sub, "list") == 0) {
		list_entries(j);
	} else if (strcmp(sub, "forget") == 0) {
		const struct journal_entry *e = NULL;
		for (size_t i = 0; i < journal_count(j) && !e; i++)
			if (strcmp(journal_entry_at(j, i)->key, arg) == 0 && journal_entry_at(j, i)->state != JOURNAL_DONE)
				e = journal_entry_at(j, i);
		if (!e) {
			fprintf(stderr, _("sdesk: journal: no pending or refused entry with key '%s'\n"), arg);
			rc = SDESK_EXIT_USAGE;
		} else if (journal_forget(j, arg, err, sizeof(err)) < 0) {
			fprintf(stderr, "sdesk: journal: %s\n", err);
			rc = SDESK_EXIT_RUNTIME;
		}
	} else if (strcmp(sub, "compact") == 0) {
		if (journal_compact(j, err, sizeof(err)) < 0) {
			fprintf(stderr, "sdesk: journal: %s\n", err);
			rc = SDESK_EXIT_RUNTIME;
		}
	} else {
		struct db *db = db_connect(conninfo ? conninfo : cfg.conninfo);
		struct journal_flush_result r;

		if (journal_flush(j, db, &r, 1 << 20, err, sizeof(err)) < 0) {
			fprintf(stderr, "sdesk: journal: %s\n", err);
			rc = SDESK_EXIT_RUNTIME;
		} else {
			printf(_("saved %zu, refused %zu, still pending %zu\n"), r.done, r.failed, r.left);
			if (r.left)
				fprintf(stderr, "sdesk: journal: %s\n", db_connected(db) ? err : db_last_error(db)->plain);
			if (r.left || r.failed)
				rc = SDESK_EXIT_RUNTIME;
		}
		db_close(db);
	}
	journal_close(j);
	settings_free(&cfg);
	return rc;
}
