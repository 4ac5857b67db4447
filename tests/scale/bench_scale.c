/* Query benchmark at scale (make bench-scale; not part of make check): runs
 * the reads of the board, the console and the statement N times against the
 * database of the environment and prints the median and 95th percentile in
 * milliseconds.
 *
 *   bench_scale PLANS_FILE N BIG_TICKET OPEN_TICKET
 *
 * board snapshot, compliance chart (30 days), queue (every open ticket, what
 * each console loads after a change), ticket screen (the ticket with its
 * history, calls, time entries and links, plus the contract's ledger replayed
 * for the balance, as the console's ticket screen does) for a ticket of the
 * big phone-minutes account and for an open one. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "conf/plans.h"
#include "db/billing_q.h"
#include "db/board_q.h"
#include "db/db.h"
#include "db/queue.h"
#include "engine/billing.h"
#include "engine/sla.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, int n, const char *extra)
{
	qsort(t, (size_t)n, sizeof *t, cmp_d);
	printf("%-34s median %8.2f ms, p95 %8.2f ms (%d runs%s%s)\n", what, t[n / 2], t[n * 95 / 100], n,
	       extra[0] ? ", " : "", extra);
}

static int fail(struct db *db, const char *what)
{
	fprintf(stderr, "bench_scale: %s: %s\n", what, db_last_error(db)->plain);
	return 1;
}

/* The ticket screen: the ticket and the balance of its contract. */
static int ticket_screen(struct db *db, const struct sla_catalogue *cat, int64_t id, size_t *moves_n)
{
	struct queue_ticket t = {0};
	const struct sla_plan *p;
	struct bill_move *moves = NULL;
	size_t n = 0;

	if (queue_load_ticket(db, id, &t) != 0)
		return -1;
	p = sla_plan_find(cat, t.row.plan);
	if (p && (p->budget.monthly_free_minutes || p->budget.activation_credit_minutes || p->budget.npoints)) {
		if (bq_moves(db, t.row.contract_id, &p->budget, &moves, &n) != 0) {
			queue_ticket_free(&t);
			return -1;
		}
	}
	*moves_n = n;
	free(moves);
	queue_ticket_free(&t);
	return 0;
}

int main(int argc, char **argv)
{
	struct sla_catalogue cat;
	struct db *db;
	char err[512], extra[128];
	int n;
	int64_t big, open;
	double *t;
	size_t rows = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: bench_scale PLANS_FILE N BIG_TICKET OPEN_TICKET\n");
		return 2;
	}
	if (conf_load_plans(argv[1], &cat, err, sizeof err) < 0) {
		fprintf(stderr, "bench_scale: %s\n", err);
		return 2;
	}
	n = atoi(argv[2]);
	big = atoll(argv[3]);
	open = atoll(argv[4]);
	db = db_connect("");
	t = calloc((size_t)(n > 0 ? n : 1), sizeof *t);
	if (!db_connected(db) || !t || n < 1)
		return fail(db, "connect");

	for (int i = 0; i < n; i++) {
		struct board_filter f = {.warn_minutes = -1, .default_minutes = 120};
		struct board_data d = {0};
		double t0 = now_ms();

		if (board_q_load(db, &f, &d) != 0)
			return fail(db, "board snapshot");
		t[i] = now_ms() - t0;
		rows = d.ntickets;
		board_data_free(&d);
	}
	snprintf(extra, sizeof extra, "%zu ticket rows", rows);
	report("board snapshot", t, n, extra);

	for (int i = 0; i < n; i++) {
		struct board_chart c = {0};
		double t0 = now_ms();

		if (board_q_chart_load(db, 30, &c) != 0)
			return fail(db, "chart");
		t[i] = now_ms() - t0;
		board_chart_free(&c);
	}
	report("compliance chart (30 days)", t, n, "");

	for (int i = 0; i < n; i++) {
		struct queue q = {0};
		double t0 = now_ms();

		if (queue_load(db, &q) != 0)
			return fail(db, "queue");
		t[i] = now_ms() - t0;
		rows = q.n;
		queue_free(&q);
	}
	snprintf(extra, sizeof extra, "%zu open tickets", rows);
	report("console queue (all open tickets)", t, n, extra);

	for (int k = 0; k < 2; k++) {
		int64_t id = k == 0 ? open : big;

		for (int i = 0; i < n; i++) {
			double t0 = now_ms();

			if (ticket_screen(db, &cat, id, &rows) != 0)
				return fail(db, "ticket screen");
			t[i] = now_ms() - t0;
		}
		snprintf(extra, sizeof extra, "SD-%lld, %zu ledger rows replayed", (long long)id, rows);
		report(k == 0 ? "ticket screen, open ticket" : "ticket screen, big account", t, n, extra);
	}
	free(t);
	db_close(db);
	sla_catalogue_free(&cat);
	return 0;
}
