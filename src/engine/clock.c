/* The one state function of a ticket's clocks. See engine/clock.h. */
#include "config.h"

#include <string.h>

#include "engine/clock.h"
#include "engine/sla.h"

static const char *const state_names[] = {
#define SLA_X(e, n) n,
	SLA_STATES(SLA_X)
#undef SLA_X
};

const char *sla_state_name(enum sla_state s)
{
	return (unsigned)s < SLA_NSTATES ? state_names[s] : "?";
}

int sla_state_by_name(const char *name)
{
	for (int i = 0; i < SLA_NSTATES; i++)
		if (strcmp(state_names[i], name) == 0)
			return i;
	return -1;
}

const char *sla_kclock_name(enum sla_kclock k)
{
	static const char *const n[] = {"reaction", "resolution", "estimate"};

	return (unsigned)k < SLA_NKCLOCKS ? n[k] : "?";
}

/* Wall minutes from `from` to `to`; a started minute overdue counts whole
 * (-0:30 is -1), as the console always showed it. */
static int64_t wall_minutes(sd_time from, sd_time to)
{
	int64_t s = to - from;

	return s >= 0 ? s / 60 : -((-s + 59) / 60);
}

/* Team working minutes from `from` to `to`; wall minutes without a team
 * calendar or when the calendar cannot count them (*business = 0). */
static enum cal_status team_minutes(const struct calendar *cal, sd_time from, sd_time to, int64_t *out,
				    int *business)
{
	enum cal_status st = CAL_OK;

	if (cal) {
		st = cal_between(cal, from, to, out);
		if (st == CAL_OK) {
			*business = 1;
			return CAL_OK;
		}
	}
	*out = wall_minutes(from, to);
	*business = 0;
	return st;
}

static unsigned stop_bit(enum sla_kclock k)
{
	return k == SLA_K_REACTION ? SLA_STOPS_REACTION : SLA_STOPS_RESOLUTION;
}

enum cal_status sla_ticket_state(const struct sla_state_in *in, sd_time now, struct sla_ticket_state *out)
{
	enum cal_status first_err = CAL_OK;
	int all_business = 1;
	int best = -1, best_paused = -1;

	memset(out, 0, sizeof *out);
	out->relevant = -1;
	out->state = SLA_ST_NO_TARGET;
	out->due = SLA_NO_TIME;
	for (int i = 0; i < SLA_NKCLOCKS; i++) {
		struct sla_kclock_state *c = &out->k[i];
		sd_time due = in->due[i];
		sd_time stop = i == SLA_K_REACTION ? in->first_contact : in->resolved;
		int business = 1;
		enum cal_status st = CAL_OK;

		c->due = due;
		c->stopped = SLA_NO_TIME;
		if (due == SLA_NO_TIME) {
			c->state = SLA_ST_NO_TARGET;
			continue;
		}
		if (stop != SLA_NO_TIME && stop <= now) {
			/* Decided at the instant it stopped; never again. */
			c->stopped = stop;
			c->state = stop <= due ? SLA_ST_MET : SLA_ST_MISSED;
			if (stop > due)
				c->overdue_seconds = stop - due;
			continue;
		}
		if (in->paused_since != SLA_NO_TIME && in->paused_since <= now && (in->pause_stops & stop_bit(i))
		    && in->paused_since < due) {
			/* Stopped by the pause while it was still running: left frozen. */
			c->state = SLA_ST_PAUSED;
			st = team_minutes(in->team_cal, in->paused_since, due, &c->left, &business);
		} else {
			st = team_minutes(in->team_cal, now, due, &c->left, &business);
			if (now > due) {
				c->state = SLA_ST_BREACHED;
				c->overdue_seconds = now - due;
			} else if (c->left <= in->at_risk_minutes) {
				c->state = SLA_ST_AT_RISK;
			} else {
				c->state = SLA_ST_RUNNING;
			}
		}
		if (st != CAL_OK && first_err == CAL_OK)
			first_err = st;
		if (!business)
			all_business = 0;
		/* The relevant clock: the running one due first (reaction before
		 * resolution before estimate on a tie); a paused one only when
		 * none runs. */
		if (c->state == SLA_ST_PAUSED) {
			if (best_paused < 0 || due < out->k[best_paused].due)
				best_paused = i;
		} else if (best < 0 || due < out->k[best].due) {
			best = i;
		}
	}
	if (best < 0)
		best = best_paused;
	if (best >= 0) {
		const struct sla_kclock_state *c = &out->k[best];

		out->relevant = best;
		out->state = c->state;
		out->due = c->due;
		out->left = c->left;
		out->overdue_seconds = c->overdue_seconds;
	}
	out->business = in->team_cal && all_business;
	return first_err;
}

int sla_state_rank(enum sla_state s)
{
	switch (s) {
	case SLA_ST_BREACHED:
		return 0;
	case SLA_ST_RUNNING:
	case SLA_ST_AT_RISK:
		return 1;
	case SLA_ST_PAUSED:
		return 3;
	default:
		return 2;
	}
}

#define CMP(a, b) do { if ((a) != (b)) return (a) < (b) ? -1 : 1; } while (0)

int sla_state_cmp(const struct sla_order_key *a, const struct sla_order_key *b)
{
	const struct sla_ticket_state *x = a->st, *y = b->st;

	CMP(sla_state_rank(x->state), sla_state_rank(y->state));
	if (x->relevant >= 0 && y->relevant >= 0) {
		CMP(x->left, y->left);
		CMP(x->due, y->due);
	}
	CMP(a->severity, b->severity);
	CMP(a->received, b->received);
	CMP(a->id, b->id);
	return 0;
}

int sla_report_late(sd_time due, sd_time reported, sd_time now)
{
	return due != SLA_NO_TIME && reported == SLA_NO_TIME && now > due;
}
