/* The console's clocks: what the queue and the ticket screen show about time,
 * computed with the SLA engine. No curses and no database here, so the queue
 * order and the remaining times are testable on their own.
 *
 * The due instants stored on a ticket are authoritative: the console computed
 * them with the engine when it wrote them (create, resume), and the board reads
 * the same columns. The engine supplies what a stored instant cannot say: the
 * calendar each clock counts on (sla_clocks picks the target), whether the
 * plan's pause stops the clock, the category's severity for ties, and the
 * remaining BUSINESS minutes (cal_between on that calendar). A plan or
 * category the catalogue does not know falls back to wall-clock minutes.
 * See doc/console.md, "Time". */
#ifndef SDESK_UI_QCLOCK_H
#define SDESK_UI_QCLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "db/queue.h"
#include "engine/clock.h"
#include "engine/sla.h"

/* The clock that matters for a row now: reaction until the first qualified
 * contact, then resolution (the earlier of the estimate told to the customer
 * and the resolution target). */
struct qclock {
	enum sla_state state; /* the engine's state of the relevant clock (qclock_compute) */
	enum sla_clock clock;
	sd_time due;          /* the stored instant; SLA_NO_TIME when none */
	int has_due;
	int paused;           /* waiting for the customer and the plan's pause stops this clock */
	int64_t left;         /* business minutes left at now (frozen at the pause start
	                       * while paused); negative when breached */
	int business;         /* 1: left counts on the engine's calendar; 0: wall clock */
	int breached;         /* not paused and now > due */
	int at_risk;          /* not breached, has a due, left <= at_risk minutes */
	int severity;         /* the category's severity (1 = most severe); 99 unknown */
	int day_minutes;      /* business minutes of a working day on the calendar (display) */
	const struct calendar *cal; /* NULL when wall clock */
};

/* The engine's state of row r at now (sla_ticket_state, doc/sla.md
 * "Ticket state and time left"): left in the working minutes of the team's
 * staffed-hours calendar (r->team_calendar, else the catalogue's
 * staffed_calendar; wall clock without either), at risk by the plan's and
 * category's threshold (sla_at_risk_minutes; at_risk_minutes only for a plan
 * the catalogue does not know). *severity (may be NULL): the category's, 99
 * when unknown. cat may be NULL. */
void qclock_state(const struct sla_catalogue *cat, const struct queue_row *r, sd_time now, int at_risk_minutes,
		  struct sla_ticket_state *st, int *severity);

/* The queue's clock of row r at now: qclock_state in the struct the screens
 * draw. */
void qclock_compute(const struct sla_catalogue *cat, const struct queue_row *r, sd_time now,
		    int at_risk_minutes, struct qclock *out);

/* One named clock of r (reaction, resolution) in the CONTRACT's business
 * time (the calendar of the target that gives the due instant), for the
 * ticket screen beside the team's left. due is the instant to count to
 * (SLA_NO_TIME = none). */
void qclock_of(const struct sla_catalogue *cat, const struct queue_row *r, enum sla_clock clock,
	       sd_time due, sd_time now, int at_risk_minutes, struct qclock *out);

/* Business minutes of the next working day on cal, from now's local day
 * (the "d" of a span: qclock_format, the board's countdowns); 0 on a
 * calendar error. */
int qclock_day_minutes(const struct calendar *cal, sd_time now);

/* Sorts q->rows in place in the engine's order at now (sla_state_cmp):
 * breached first (most overdue first), then by left, paused last; ties by
 * due, severity, age, id. The order of the shown "left". */
void qclock_sort(const struct sla_catalogue *cat, struct queue *q, sd_time now);

/* "3h 20m", "2d 4h" (days of the calendar's working day), "-45m", "paused 1h",
 * "-" without a due. Wall-clock times get a trailing "*". Returns buf. */
char *qclock_format(const struct qclock *k, char *buf, size_t len);
/* The queue's "Left" column: qclock_format, or "paused" for a paused clock
 * (the screen and `sdesk console --dump` both print this). Returns buf. */
char *qclock_left_text(const struct qclock *k, char *buf, size_t len);

/* Due instants of a new ticket received at `received`, from the catalogue
 * and the contract's target overrides (sla_overrides_parse() text, "" for
 * none) (SLA_NO_TIME when the plan has no target for a clock). Returns 0, or
 * -1 with a message in err (unknown plan or category, channel not included in
 * the plan, malformed overrides, calendar error). */
int qclock_new_dues(const struct sla_catalogue *cat, const char *plan, const char *category,
		    const char *channel, const char *overrides, sd_time received, sd_time *reaction,
		    sd_time *resolution, char *err, size_t errlen);

/* qclock_new_dues with the account's extra open windows (pairs from,to in
 * Unix seconds, sorted: queue_open_windows), counted as open time of every
 * target's calendar (sla_ticket_dues_open). */
int qclock_new_dues_open(const struct sla_catalogue *cat, const char *plan, const char *category,
			 const char *channel, const char *overrides, sd_time received, const int64_t *windows,
			 size_t nwindows, sd_time *reaction, sd_time *resolution, char *err, size_t errlen);


/* Parses an estimate as typed: a business duration ("4h", "2d", "90m")
 * counted from now on the resolution clock's calendar (wall clock when the
 * plan has none), or a local instant "YYYY-MM-DD HH:MM". Returns 0, or -1
 * with a message in err. The result must lie after now. */
int qclock_parse_estimate(const struct sla_catalogue *cat, const struct queue_row *r, const char *text,
			  sd_time now, sd_time *out, char *err, size_t errlen);

#endif
