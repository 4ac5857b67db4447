/* The state of a ticket's SLA clocks at an instant: ONE function that the
 * console, the board, `sdesk check` and the database extension
 * (sdesk.ticket_state, view ticket_clock) all judge with. Pure C: no I/O, no
 * allocation, no global state, no clock of its own (now is an argument), so
 * the same inputs give the same answer everywhere. doc/sla.md, "Ticket state".
 *
 * Inputs are facts and stored instants: the due instants were computed from
 * the contract's calendar when they were stored (sla_ticket_dues; pauses that
 * ended already moved them). What this function adds:
 *
 *  - per clock a state: running, at risk, breached (still running, due
 *    passed), paused (stopped by an open pause that the plan says stops it,
 *    and the clock was still running when the pause began), met or missed
 *    (stopped: decided at the instant it stopped, never again), no target;
 *  - "left": the TEAM's working time from now to the due instant, in whole
 *    minutes on the team's staffed-hours calendar (cal_between: negative
 *    when overdue, the working minutes since the due instant). A paused
 *    clock's left is frozen at the pause start. Without a team calendar,
 *    wall-clock minutes. overdue_seconds gives the wall time since the due
 *    instant for "31m ago" displays;
 *  - at risk: running, not breached, left <= at_risk_minutes;
 *  - the relevant clock: the reaction clock until it stops, then the
 *    earlier-due of the running estimate and resolution clocks;
 *  - a total order for queues and boards (sla_state_cmp).
 *
 * Thread-safe on a finished cal_set; no pointers are kept. */
#ifndef SDESK_ENGINE_CLOCK_H
#define SDESK_ENGINE_CLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "engine/calendar.h"

/* X(enum suffix, name: in SQL, tests and `board --once`) */
#define SLA_STATES(X) \
	X(NO_TARGET, "no_target") \
	X(RUNNING, "running") \
	X(AT_RISK, "at_risk") \
	X(BREACHED, "breached") \
	X(PAUSED, "paused") \
	X(MET, "met") \
	X(MISSED, "missed")

enum sla_state {
#define SLA_X(e, n) SLA_ST_##e,
	SLA_STATES(SLA_X)
#undef SLA_X
	SLA_NSTATES
};
const char *sla_state_name(enum sla_state s);
int sla_state_by_name(const char *name); /* -1 when unknown */

/* The three clocks of a ticket: reaction (until the first qualified
 * contact), resolution (until resolved), the estimate told to the customer
 * (until resolved). */
enum sla_kclock { SLA_K_REACTION, SLA_K_RESOLUTION, SLA_K_ESTIMATE, SLA_NKCLOCKS };
const char *sla_kclock_name(enum sla_kclock k); /* "reaction", "resolution", "estimate" */

/* Bits of sla_state_in.pause_stops; the first two equal the plan's
 * pause_stops bits (1 << SLA_REACTION, 1 << SLA_RESOLUTION); the estimate
 * follows the resolution clock. */
#define SLA_STOPS_REACTION (1u << SLA_K_REACTION)
#define SLA_STOPS_RESOLUTION (1u << SLA_K_RESOLUTION)

struct sla_state_in {
	sd_time received;
	sd_time due[SLA_NKCLOCKS];  /* stored due instants; SLA_NO_TIME (INT64_MIN) = no target */
	sd_time first_contact;      /* stops the reaction clock; SLA_NO_TIME = not yet */
	sd_time resolved;           /* stops resolution and estimate; SLA_NO_TIME = not yet */
	sd_time paused_since;       /* start of the open pause; SLA_NO_TIME = none */
	unsigned pause_stops;       /* SLA_STOPS_* bits: the clocks the plan's pause stops */
	const struct calendar *team_cal; /* staffed hours of the ticket's team; NULL = wall clock */
	int64_t at_risk_minutes;    /* threshold on left (sla_at_risk_minutes()) */
};

struct sla_kclock_state {
	enum sla_state state;
	sd_time due;             /* as given */
	sd_time stopped;         /* the instant it stopped (met, missed); else SLA_NO_TIME */
	int64_t left;            /* team working minutes from now (or the pause start) to due;
	                          * negative when overdue; 0 when no due or stopped */
	int64_t overdue_seconds; /* wall seconds since due when breached or missed, else 0 */
};

struct sla_ticket_state {
	struct sla_kclock_state k[SLA_NKCLOCKS];
	int relevant;            /* enum sla_kclock of the clock that matters now, -1 when none runs */
	enum sla_state state;    /* the relevant clock's state; NO_TARGET when none runs */
	sd_time due;             /* the relevant clock's due, SLA_NO_TIME when none */
	int64_t left;            /* the relevant clock's left, 0 when none */
	int64_t overdue_seconds; /* the relevant clock's overdue_seconds */
	int business;            /* 1: left counts on team_cal; 0: wall-clock minutes */
};

/* Judges every clock of one ticket at now. Returns CAL_OK, or the first
 * calendar error (CAL_ERANGE for an instant out of the calendar's years;
 * the clock's left is then counted in wall minutes and business is 0). */
enum cal_status sla_ticket_state(const struct sla_state_in *in, sd_time now, struct sla_ticket_state *out);

/* Queue and board order, a total order when ids differ:
 *  1. breached (relevant clock) before running and at risk, then tickets
 *     with no running clock, then paused ones last;
 *  2. within each: left ascending (most overdue first, then least left);
 *  3. ties: earlier due instant, then lower severity number (1 = most
 *     severe), then earlier received, then lower id.
 * The sort keys of one ticket: */
struct sla_order_key {
	const struct sla_ticket_state *st;
	int severity;
	sd_time received;
	int64_t id;
};
int sla_state_cmp(const struct sla_order_key *a, const struct sla_order_key *b);

/* The class of a state in that order (0 breached, 1 running or at risk,
 * 2 none running, 3 paused). */
int sla_state_rank(enum sla_state s);

/* The clock of the detailed on-call report (003, "am folgenden Werktag"):
 * late when it is not sent (reported SLA_NO_TIME) and now is past its due
 * minute (due SLA_NO_TIME: no target, never late). The board, sdesk check,
 * the checklist screen and the printed report judge by it. */
int sla_report_late(sd_time due, sd_time reported, sd_time now);

#endif
