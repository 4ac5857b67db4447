/* The breach board's model: what the board shows at an instant, computed
 * from the last snapshot (db/board_q.h) without the database, so a ticket
 * whose due instant passes turns breached by the clock alone. No curses and
 * no I/O here (tested by tests/board/test_board_model.c). */
#ifndef SDESK_UI_BOARD_MODEL_H
#define SDESK_UI_BOARD_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "db/board_q.h"
#include "engine/clock.h"
#include "engine/sla.h"

/* Countdowns show seconds below this many seconds left. */
#define BOARD_SECONDS_BELOW 600

enum board_state { BT_RUNNING, BT_AT_RISK, BT_BREACHED, BT_PAUSED };

/* How the board and `sdesk check` judge: the engine's state function
 * (engine/clock.h, doc/sla.md "Ticket state and time left") with the plan
 * team's staffed-hours calendar and the catalogue's thresholds. NULL everywhere below
 * means no catalogue: wall clock, t->risk_minutes, a pause stops every clock.
 * Each ticket counts on its team's calendar (t->team_calendar, through
 * sla_team_calendar, as the console and ticket_clock). */
struct board_clock {
	const struct sla_catalogue *cat; /* may be NULL */
	int warn_minutes;                /* >= 0: threshold for every ticket (check --warn-minutes) */
};

/* The engine's state of t at now. */
void board_ticket_state(const struct board_ticket *t, const struct board_clock *bc, int64_t now,
			struct sla_ticket_state *st);

/* The due instant of t's relevant clock at now (the running clock due
 * first; the reaction clock until the first contact, then the earlier of the
 * estimate and the resolution target). Sets *reaction to 1 when it is the
 * reaction clock. BOARD_NO_TIME when none runs. */
int64_t board_due_at(const struct board_ticket *t, const struct board_clock *bc, int64_t now, int *reaction);
/* board_due_at with no catalogue, at the instant after every stop. */
int64_t board_due(const struct board_ticket *t, int *reaction);

/* The board's state of t at now, from the engine's: paused; breached (now
 * after the due instant); at risk (left <= threshold); else running. */
enum board_state board_state_at(const struct board_ticket *t, const struct board_clock *bc, int64_t now);
enum board_state board_state(const struct board_ticket *t, int64_t now); /* bc NULL */

struct board_load {
	const char *login, *name;  /* point into the board_data */
	int open, at_risk, breached;
};

/* Lists hold indexes into board_data.tickets. */
struct board_view {
	int64_t now;
	const struct board_clock *bc;   /* as given to board_view_compute */
	int open, at_risk, breached, paused;
	size_t *breached_i, nbreached;  /* longest overdue first */
	size_t *risk_i, nrisk;          /* least time left first */
	size_t *next_i, nnext;          /* running, not at risk, soonest first, <= BOARD_NEXT_UP */
	size_t *esc_i, nesc;            /* escalated or 3rd level: level, then due */
	struct board_load *loads;       /* breached, at risk, open: most first */
	size_t nloads;
	int64_t next_change;            /* next instant a ticket changes state, or BOARD_NO_TIME */
};

/* Computes v from d at now (v's previous contents are freed; zero it first).
 * Lists in the engine's order (sla_state_cmp). bc may be NULL. */
void board_view_compute(const struct board_data *d, const struct board_clock *bc, int64_t now,
			struct board_view *v);
void board_view_free(struct board_view *v);

/* The instant after now at which the board's text changes by the clock: the
 * next second when seconds_shown (a countdown in its last BOARD_SECONDS_BELOW
 * seconds is on the screen: only the layout knows what fits), else the next
 * minute, or a state change if sooner. */
int64_t board_next_tick(const struct board_view *v, int seconds_shown);

/* Time left as the board shows it: "2d 4h", "3h 05m", "45m", "9m 07s"; time
 * since a breach: "31m ago", "2h 10m ago", "3d 1h ago"; "-" for BOARD_NO_TIME. */
void board_format_left(int64_t due, int64_t now, char *buf, size_t len);
/* The engine's left of t: wall time since a breach ("31m ago"); while the
 * team's calendar runs in step with the wall clock up to the due instant,
 * the ticking countdown of board_format_left; otherwise the team's working
 * minutes ("5m" at 17:55 for a ticket due at 03:54). *ticking: 1 when the
 * text shows seconds. */
void board_format_state(const struct board_ticket *t, const struct board_clock *bc, int64_t now, char *buf,
			size_t len, int *ticking);

/* Compliance of a day in percent (0..100, rounded down), or -1 without clocks. */
int board_day_percent(const struct board_day *d);

#endif
