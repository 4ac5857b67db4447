/* `sdesk console --dump` (console.h): the console's queue as text, for
 * scripts and the consistency tests (tests/clock/agree.sh). The same model
 * calls as the queue screen: qclock_sort for the order, console_row_clock and
 * console_row_state for the Left column and the marker. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/escape.h"
#include "base/exitcodes.h"
#include "base/now.h"
#include "base/util.h"
#include "conf/config.h"
#include "db/catalogue.h"
#include "db/db.h"
#include "db/queue.h"
#include "ui/console.h"
#include "ui/qclock.h"

void console_dump_rows(const struct console *c, const struct queue *q, size_t nopen, FILE *out)
{
	for (size_t i = 0; i < nopen; i++) {
		const struct queue_row *r = &q->rows[i];
		struct qclock k;
		char left[48], mark[4];
		char *ref = sd_escape(r->ref, 0);

		console_row_clock(c, r, &k);
		qclock_left_text(&k, left, sizeof left);
		snprintf(mark, sizeof mark, "%s", console_marker(console_row_state(c, r)));
		if (mark[1] == ' ')
			mark[1] = '\0';
		if (mark[0] == ' ')
			mark[0] = '\0';
		fprintf(out, "%s\t%s\t%lld\t%s\t%s\n", ref, sla_state_name(k.state), (long long)k.left, left, mark);
		free(ref);
	}
}

int console_dump(const struct sdesk_config *cfg, FILE *out)
{
	struct sla_catalogue cat;
	struct console c;
	struct queue q, open;
	size_t nopen;
	char err[512];
	struct db *db;

	memset(&cat, 0, sizeof cat);
	memset(&q, 0, sizeof q);
	memset(&c, 0, sizeof c);
	db = db_connect_timeout(cfg->conninfo, cfg->connect_timeout);
	if (!db_connected(db)) {
		fprintf(stderr, _("sdesk: cannot connect to the database: %s\n"), db_last_error(db)->message);
		db_close(db);
		return SDESK_EXIT_RUNTIME;
	}
	if (catalogue_fetch(db, &cat, err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		db_close(db);
		return SDESK_EXIT_RUNTIME;
	}
	if (queue_load(db, &q) != 0) {
		fprintf(stderr, "sdesk: %s\n", db_last_error(db)->plain);
		db_close(db);
		sla_catalogue_free(&cat);
		return SDESK_EXIT_RUNTIME;
	}
	db_close(db);
	c.cfg = cfg;
	c.cat = &cat;
	c.now = sd_now();
	/* The open tickets (the view "all"), as queue_arrived sorts them; the
	 * resolved and closed ones the query adds for their views are left out. */
	for (nopen = 0; nopen < q.n; nopen++)
		if (queue_row_done(&q.rows[nopen]))
			break;
	open.n = nopen;
	open.rows = xcalloc(nopen + 1, sizeof *open.rows);
	memcpy(open.rows, q.rows, nopen * sizeof *open.rows);
	qclock_sort(&cat, &open, (sd_time)c.now);
	memcpy(q.rows, open.rows, nopen * sizeof *open.rows);
	free(open.rows);
	console_dump_rows(&c, &q, nopen, out);
	queue_free(&q);
	sla_catalogue_free(&cat);
	return SDESK_EXIT_OK;
}
