/* Benchmark of the board's queries (make bench-board; not part of make
 * check): runs the statements N times against the database of the
 * environment (PG* or argv[1] as conninfo) and prints the median and 95th
 * percentile in milliseconds:
 *   - the snapshot as a live board takes it (prepared on its session:
 *     planned once; issue 11 item 7's figure, target median < 10 ms);
 *   - the same statement sent unprepared, as `sdesk check` and `board
 *     --once` send it (planned at every call);
 *   - the partial reload a live board takes after a change that names one
 *     ticket (board_q_delta_load): one the board holds (it counts the load
 *     per agent itself) and one it does not (the aggregate runs);
 *   - the compliance chart. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "db/board_q.h"
#include "db/db.h"

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

static int fail(struct db *db)
{
	fprintf(stderr, "bench_board: %s\n", db_last_error(db)->plain);
	return 1;
}

int main(int argc, char **argv)
{
	struct db *db = db_connect(argc > 1 ? argv[1] : "");
	struct board_filter f = {.warn_minutes = -1, .default_minutes = 120};
	int n = argc > 2 ? atoi(argv[2]) : 200;
	double *live = calloc((size_t)n, sizeof *live), *once = calloc((size_t)n, sizeof *once);
	double *delta = calloc((size_t)n, sizeof *delta), *chart = calloc((size_t)n, sizeof *chart);
	double *far = calloc((size_t)n, sizeof *far);
	struct db_result *res;
	int64_t far_id;
	struct board_data kept = {0};
	size_t rows = 0;

	if (!db_connected(db) || !live || !once || !delta || !chart || !far || n < 1)
		return fail(db);
	if (board_q_load_live(db, &f, &kept) != 0)
		return fail(db);
	/* An open ticket the snapshot does not hold (due last). */
	res = db_exec(db, "SELECT id FROM ticket WHERE status IN ('new', 'open') ORDER BY reaction_due DESC LIMIT 1", 0,
		      NULL);
	if (!res || db_result_rows(res) != 1)
		return fail(db);
	far_id = strtoll(db_result_value(res, 0, 0), NULL, 10);
	db_result_free(res);
	for (int i = 0; i < n; i++) {
		struct board_data d = {0};
		struct board_chart c = {0};
		/* A ticket of the snapshot, another each time. */
		int64_t id = kept.ntickets ? kept.tickets[(size_t)i % kept.ntickets].id : 1;
		double t0 = now_ms();

		if (board_q_load_live(db, &f, &d) != 0)
			return fail(db);
		live[i] = now_ms() - t0;
		rows = d.ntickets;
		board_data_free(&d);
		t0 = now_ms();
		if (board_q_load(db, &f, &d) != 0)
			return fail(db);
		once[i] = now_ms() - t0;
		board_data_free(&d);
		t0 = now_ms();
		if (board_q_delta_load(db, &f, &kept, &id, 1) != 0)
			return fail(db);
		delta[i] = now_ms() - t0;
		t0 = now_ms();
		if (board_q_delta_load(db, &f, &kept, &far_id, 1) != 0)
			return fail(db);
		far[i] = now_ms() - t0;
		t0 = now_ms();
		if (board_q_chart_load(db, 30, &c) != 0)
			return fail(db);
		chart[i] = now_ms() - t0;
		board_chart_free(&c);
	}
	qsort(live, (size_t)n, sizeof *live, cmp_d);
	qsort(once, (size_t)n, sizeof *once, cmp_d);
	qsort(delta, (size_t)n, sizeof *delta, cmp_d);
	qsort(chart, (size_t)n, sizeof *chart, cmp_d);
	qsort(far, (size_t)n, sizeof *far, cmp_d);
	printf("board snapshot query (live board, prepared): median %.2f ms, p95 %.2f ms (%d runs, %zu ticket rows;"
	       " target median < 10 ms: %s)\n",
	       live[n / 2], live[n * 95 / 100], n, rows, live[n / 2] < 10.0 ? "met" : "NOT met");
	printf("board snapshot query (check, --once: planned each call): median %.2f ms, p95 %.2f ms\n", once[n / 2],
	       once[n * 95 / 100]);
	printf("board partial reload, a ticket the board holds: median %.2f ms, p95 %.2f ms\n", delta[n / 2],
	       delta[n * 95 / 100]);
	printf("board partial reload, a ticket it does not hold (load per agent counted): median %.2f ms, p95 %.2f ms\n",
	       far[n / 2], far[n * 95 / 100]);
	printf("compliance chart query: median %.2f ms, p95 %.2f ms\n", chart[n / 2], chart[n * 95 / 100]);
	board_data_free(&kept);
	free(live);
	free(once);
	free(delta);
	free(far);
	free(chart);
	db_close(db);
	return 0;
}
