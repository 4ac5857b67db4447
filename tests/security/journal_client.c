/* A client for the journal fault test (journal-fault.sh): "types" COUNT time
 * entries on TICKET, each journalled before it is sent, while the server may
 * come and go. Entry N carries the note "fault-test N"; a restarted client
 * continues after the highest N in its journal, so each entry is typed once.
 *
 *   journal_client JOURNAL CONNINFO TICKET COUNT [DELAY_MS] [CRASH_AT]
 *
 * CRASH_AT: after the database confirmed entry CRASH_AT, the client kills
 * itself (SIGKILL) before the journal hears of it: the worst moment. Exit 0
 * when every entry is confirmed, 1 when some are still pending after 60 s. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "db/journal.h"

static void nap(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

static long highest(const struct journal *j)
{
	long hi = 0;

	for (size_t i = 0; i < journal_count(j); i++) {
		const struct journal_entry *e = journal_entry_at(j, i);
		long n;
		if (e->nparams == 7 && e->params[6] && sscanf(e->params[6], "fault-test %ld", &n) == 1 && n > hi)
			hi = n;
	}
	return hi;
}

int main(int argc, char **argv)
{
	char err[512], note[64], key[37];
	struct journal_flush_result r;
	struct journal *j;
	struct db *db;
	long count, delay, crash_at, n;

	if (argc < 5) {
		fprintf(stderr, "usage: journal_client JOURNAL CONNINFO TICKET COUNT [DELAY_MS] [CRASH_AT]\n");
		return 2;
	}
	count = atol(argv[4]);
	delay = argc > 5 ? atol(argv[5]) : 0;
	crash_at = argc > 6 ? atol(argv[6]) : 0;
	if (!(j = journal_open(argv[1], err, sizeof(err)))) {
		fprintf(stderr, "journal_client: %s\n", err);
		return 1;
	}
	db = db_connect(argv[2]);
	/* Whatever a crashed run left pending goes first. */
	if (journal_flush(j, db, &r, 0, err, sizeof(err)) < 0) {
		fprintf(stderr, "journal_client: %s\n", err);
		return 1;
	}
	for (n = highest(j) + 1; n <= count; n++) {
		const char *p[] = {argv[3], "2026-03-02T10:00:00+01:00", "15", "support", "false", NULL, note};

		snprintf(note, sizeof(note), "fault-test %ld", n);
		if (db_new_key(key) < 0 || journal_add(j, key, "book_time", 7, p, err, sizeof(err)) < 0) {
			fprintf(stderr, "journal_client: %s\n", err);
			return 1;
		}
		if (n == crash_at) {
			const char *sp[] = {key, p[0], p[1], p[2], p[3], p[4], p[5], p[6]};
			while (db_command(db, "SELECT book_time($1, $2, $3, $4, $5, $6, $7, $8)", 8, sp) < 0)
				nap(100);
			fprintf(stderr, "journal_client: entry %ld saved, dying before the journal knows\n", n);
			raise(SIGKILL);
		}
		if (journal_flush(j, db, &r, 0, err, sizeof(err)) < 0) {
			fprintf(stderr, "journal_client: %s\n", err);
			return 1;
		}
		if (delay)
			nap(delay);
	}
	for (int tries = 0; tries < 300; tries++) {
		if (journal_flush(j, db, &r, 0, err, sizeof(err)) < 0) {
			fprintf(stderr, "journal_client: %s\n", err);
			return 1;
		}
		if (r.left == 0 && journal_pending_count(j) == 0)
			break;
		nap(200);
	}
	n = (long)journal_pending_count(j);
	fprintf(stderr, "journal_client: %zu entries in the journal, %ld pending, %zu refused\n", journal_count(j), n,
		journal_failed_count(j));
	db_close(db);
	journal_close(j);
	return n == 0 ? 0 : 1;
}
