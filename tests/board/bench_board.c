/* Benchmark of the board's queries (make bench-board; not part of make
 * check): runs the snapshot and chart statements N times against the
 * database of the environment (PG* or argv[1] as conninfo) and prints the
 * median and 95th percentile in milliseconds. */
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

int main(int argc, char **argv)
{
	struct db *db = db_connect(argc > 1 ? argv[1] : "");
	struct board_filter f = {.warn_minutes = -1, .default_minutes = 120};
	int n = argc > 2 ? atoi(argv[2]) : 200;
	double *snap = calloc((size_t)n, sizeof *snap), *chart = calloc((size_t)n, sizeof *chart);
	size_t rows = 0;

	if (!db_connected(db) || !snap || !chart || n < 1) {
		fprintf(stderr, "bench_board: %s\n", db_last_error(db)->plain);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		struct board_data d = {0};
		struct board_chart c = {0};
		double t0 = now_ms();

		if (board_q_load(db, &f, &d) != 0) {
			fprintf(stderr, "bench_board: %s\n", db_last_error(db)->plain);
			return 1;
		}
		snap[i] = now_ms() - t0;
		rows = d.ntickets;
		board_data_free(&d);
		t0 = now_ms();
		if (board_q_chart_load(db, 30, &c) != 0) {
			fprintf(stderr, "bench_board: %s\n", db_last_error(db)->plain);
			return 1;
		}
		chart[i] = now_ms() - t0;
		board_chart_free(&c);
	}
	qsort(snap, (size_t)n, sizeof *snap, cmp_d);
	qsort(chart, (size_t)n, sizeof *chart, cmp_d);
	printf("board snapshot query: median %.2f ms, p95 %.2f ms (%d runs, %zu ticket rows; target median < 10 ms: %s)\n",
	       snap[n / 2], snap[n * 95 / 100], n, rows, snap[n / 2] < 10.0 ? "met" : "NOT met");
	printf("compliance chart query: median %.2f ms, p95 %.2f ms\n", chart[n / 2], chart[n * 95 / 100]);
	free(snap);
	free(chart);
	db_close(db);
	return 0;
}
