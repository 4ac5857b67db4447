/* Benchmark of the SLA clocks: sla_clocks (reaction and resolution due of one
 * ticket, with its targets and calendars) per second over a million random
 * tickets on every plan and category of the catalogue, received 1995..2100,
 * a fifth of them with a pause. Usage: bench_sla PLANS.cfg */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/util.h"
#include "conf/plans.h"
#include "engine/sla.h"

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

struct case_ {
	struct sla_phase phase;
	struct sla_pause pause;
	struct sla_ticket tk;
};

int main(int argc, char **argv)
{
	struct sla_catalogue cat;
	char err[1024];
	struct case_ *c;
	uint64_t seed = 11;
	sd_time lo = civil_to_days(1995, 1, 1) * 86400, span = civil_to_days(2100, 1, 1) * 86400 - lo;
	size_t dues = 0;
	double t0, dt;

	if (argc < 2) {
		fprintf(stderr, "usage: %s PLANS.cfg\n", argv[0]);
		return 2;
	}
	t0 = now();
	if (conf_load_plans(argv[1], &cat, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	printf("load catalogue (%zu plans): %.1f ms\n", cat.nplans, (now() - t0) * 1000);
	c = xcalloc(N, sizeof(*c));
	for (size_t i = 0; i < N; i++) {
		const struct sla_plan *p = &cat.plans[rnd(&seed) % cat.nplans];
		sd_time received = lo + (sd_time)(rnd(&seed) % (uint64_t)span);
		int ch = 0;

		while (ch < SLA_NCHANNELS && !sla_plan_has_channel(p, (enum sla_channel)ch))
			ch++;
		c[i].phase = (struct sla_phase){received, p, &p->cats[rnd(&seed) % p->ncats]};
		c[i].tk.channel = (enum sla_channel)ch;
		c[i].tk.phases = &c[i].phase;
		c[i].tk.nphases = 1;
		if (rnd(&seed) % 5 == 0) {
			c[i].pause = (struct sla_pause){received + 3600, received + 3600 + (sd_time)(rnd(&seed) % 200000)};
			c[i].tk.pauses = &c[i].pause;
			c[i].tk.npauses = 1;
		}
	}
	t0 = now();
	for (size_t i = 0; i < N; i++) {
		struct sla_clock_state st[SLA_NCLOCKS];

		if (sla_clocks(&c[i].tk, c[i].phase.from + 86400, 60, st) != CAL_OK)
			return 1;
		dues += (st[SLA_REACTION].due != SLA_NO_TIME) + (st[SLA_RESOLUTION].due != SLA_NO_TIME);
	}
	dt = now() - t0;
	printf("sla_clocks:  %d tickets in %.3f s = %.2f million tickets/s, %.2f million due instants/s\n", N, dt,
	       N / dt / 1e6, (double)dues / dt / 1e6);
	free(c);
	sla_catalogue_free(&cat);
	return 0;
}
