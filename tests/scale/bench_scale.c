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
 * big phone-minutes account and for an open one.
 *
 * On a shared machine the wall-clock times wait for a CPU; beside them the
 * CPU time the server process spent per run (from /proc, the average over
 * the runs, so the 10 ms clock tick does not matter) and the client's own. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

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

static long backend_pid;
static double cpu0_server, cpu0_client;

/* CPU milliseconds of the server process (utime + stime from /proc). */
static double server_cpu_ms(void)
{
	char path[64];
	unsigned long ut = 0, st = 0;
	FILE *fp;

	snprintf(path, sizeof path, "/proc/%ld/stat", backend_pid);
	fp = fopen(path, "r");
	if (!fp)
		return 0;
	if (fscanf(fp, "%*d %*s %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		ut = st = 0;
	fclose(fp);
	return (double)(ut + st) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

static double client_cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 + ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
}

static void start(void)
{
	cpu0_server = server_cpu_ms();
	cpu0_client = client_cpu_ms();
}

static void report(const char *what, double *t, int n, const char *extra)
{
	double server = (server_cpu_ms() - cpu0_server) / n, client = (client_cpu_ms() - cpu0_client) / n;

	qsort(t, (size_t)n, sizeof *t, cmp_d);
	printf("%-34s median %8.2f ms, p95 %8.2f ms; CPU per run: server %.1f ms, client %.1f ms (%d runs%s%s)\n",
	       what, t[n / 2], t[n * 95 / 100], server, client, n, extra[0] ? ", " : "", extra);
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
	{
		struct db_result *res = db_exec(db, "SELECT pg_backend_pid()", 0, NULL);

		if (!res)
			return fail(db, "pg_backend_pid");
		backend_pid = atol(db_result_value(res, 0, 0));
		db_result_free(res);
	}

	/* The live board's snapshot (prepared once per session, as sdesk board
	 * runs it), then the same planned on each call (sdesk check, --once). */
	for (int live = 1; live >= 0; live--) {
		start();
		for (int i = 0; i < n; i++) {
			struct board_filter f = {.warn_minutes = -1, .default_minutes = 120};
			struct board_data d = {0};
			double t0 = now_ms();

			if ((live ? board_q_load_live(db, &f, &d) : board_q_load(db, &f, &d)) != 0)
				return fail(db, "board snapshot");
			t[i] = now_ms() - t0;
			rows = d.ntickets;
			board_data_free(&d);
		}
		snprintf(extra, sizeof extra, "%zu ticket rows", rows);
		report(live ? "board snapshot (live)" : "board snapshot (check)", t, n, extra);
	}

	start();
	for (int i = 0; i < n; i++) {
		struct board_chart c = {0};
		double t0 = now_ms();

		if (board_q_chart_load(db, 30, &c) != 0)
			return fail(db, "chart");
		t[i] = now_ms() - t0;
		board_chart_free(&c);
	}
	report("compliance chart (30 days)", t, n, "");

	start();
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

		start();
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
