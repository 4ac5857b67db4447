/* Benchmark of the calendar engine: cal_add and cal_between per second over
 * a million random cases (several calendars, 1995..2100), and sdesk's batch
 * mode end to end in lines per second when given the sdesk binary.
 * Usage: bench_calendar PLANS.cfg [SDESK_BIN] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "conf/calendars.h"
#include "engine/calendar.h"
#include "engine/timefmt.h"

#define N 1000000

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 11;
}

int main(int argc, char **argv)
{
	static const char *const names[] = {"invitario", "invitario-days", "convento", "phone", "response", "seitenbau", "ilias"};
	char err[1024];

	if (argc < 2) {
		fprintf(stderr, "usage: %s PLANS.cfg [SDESK_BIN]\n", argv[0]);
		return 2;
	}
	double t0 = now();
	struct cal_set *set = conf_read_calendar_file(argv[1], err, sizeof(err));
	if (!set) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	printf("load+precompute %zu calendars: %.1f ms\n", SDESK_ARRAY_LEN(names), (now() - t0) * 1000);

	const struct calendar **cal = xmalloc(N * sizeof(*cal));
	sd_time *start = xmalloc(N * sizeof(*start));
	int64_t *min = xmalloc(N * sizeof(*min));
	uint64_t seed = 7;
	sd_time lo = civil_to_days(1995, 1, 1) * 86400, span = civil_to_days(2100, 1, 1) * 86400 - lo;
	for (size_t i = 0; i < N; i++) {
		cal[i] = cal_set_calendar(set, names[rnd(&seed) % SDESK_ARRAY_LEN(names)]);
		start[i] = lo + (sd_time)(rnd(&seed) % (uint64_t)span);
		min[i] = (int64_t)(rnd(&seed) % (14 * 24 * 60)); /* up to two weeks of business time */
	}
	sd_time sum = 0, out;
	t0 = now();
	for (size_t i = 0; i < N; i++) {
		if (cal_add(cal[i], start[i], min[i], &out) != CAL_OK)
			return 1;
		sum += out;
	}
	double dt = now() - t0;
	printf("cal_add:     %d cases in %.3f s = %.2f million/s\n", N, dt, N / dt / 1e6);
	int64_t msum = 0, m;
	t0 = now();
	for (size_t i = 0; i < N; i++) {
		cal_between(cal[i], start[i], start[i] + min[i] * 97, &m);
		msum += m;
	}
	dt = now() - t0;
	printf("cal_between: %d cases in %.3f s = %.2f million/s\n", N, dt, N / dt / 1e6);

	if (argc > 2) {
		char in[] = "/tmp/sdesk-bench-in.XXXXXX";
		int fd = mkstemp(in);
		FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (!f)
			return 1;
		char buf[64];
		for (size_t i = 0; i < N; i++) {
			sd_format_instant(start[i] - start[i] % 60, 3600, buf);
			fprintf(f, "%s %lldm\n", buf, (long long)min[i]);
		}
		fclose(f);
		char *cmd = xasprintf("'%s' --plans '%s' sla add convento - < %s > /dev/null", argv[2], argv[1], in);
		t0 = now();
		int rc = system(cmd);
		dt = now() - t0;
		unlink(in);
		free(cmd);
		if (rc != 0) {
			fprintf(stderr, "batch run failed (%d)\n", rc);
			return 1;
		}
		printf("batch mode:  sdesk sla add convento - : %d lines in %.3f s = %.0f lines/s (incl. start-up)\n", N, dt,
		       N / dt);
	}
	if (sum == 42 && msum == 42)
		printf("\n");
	free(cal);
	free(start);
	free(min);
	cal_set_free(set);
	return 0;
}
