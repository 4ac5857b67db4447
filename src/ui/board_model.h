/* The breach board's model: what the board shows at an instant, computed
 * from the last snapshot (db/board_q.h) without the database, so a ticket
 * whose due instant passes turns breached by the clock alone. No curses and
 * no I/O here (tested by tests/board/test_board_model.c). */
#ifndef SDESK_UI_BOARD_MODEL_H
#define SDESK_UI_BOARD_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "db/board_q.h"

/* Countdowns show seconds below this many seconds left. */
#define BOARD_SECONDS_BELOW 600

enum board_state { BT_RUNNING, BT_AT_RISK, BT_BREACHED, BT_PAUSED };

/* The board's clock of t: the earliest running one (reaction until the first
 * qualified contact, then the estimate told to the customer, else the
 * resolution target). Sets *reaction to 1 when it is the reaction clock.
 * BOARD_NO_TIME when t has none. */
int64_t board_due(const struct board_ticket *t, int *reaction);

/* State of t at now: paused (waiting for the customer) first; breached when
 * the due instant is at or before now; at risk when less than
 * t->risk_minutes are left. */
enum board_state board_state(const struct board_ticket *t, int64_t now);

struct board_load {
	const char *login, *name;  /* point into the board_data */
	int open, at_risk, breached;
};

/* Lists hold indexes into board_data.tickets. */
struct board_view {
	int64_t now;
	int open, at_risk, breached, paused;
	size_t *breached_i, nbreached;  /* longest overdue first */
	size_t *risk_i, nrisk;          /* least time left first */
	size_t *next_i, nnext;          /* running, not at risk, soonest first, <= BOARD_NEXT_UP */
	size_t *esc_i, nesc;            /* escalated or 3rd level: level, then due */
	struct board_load *loads;       /* breached, at risk, open: most first */
	size_t nloads;
	int64_t next_change;            /* next instant a ticket changes state, or BOARD_NO_TIME */
};

/* Computes v from d at now (v's previous contents are freed; zero it first). */
void board_view_compute(const struct board_data *d, int64_t now, struct board_view *v);
void board_view_free(struct board_view *v);

/* The instant after now at which the board's text changes by the clock: the
 * next second when seconds_shown (a countdown in its last BOARD_SECONDS_BELOW
 * seconds is on the screen: only the layout knows what fits), else the next
 * minute, or a state change if sooner. */
int64_t board_next_tick(const struct board_view *v, int seconds_shown);

/* Time left as the board shows it: "2d 4h", "3h 05m", "45m", "9m 07s"; time
 * since a breach: "31m ago", "2h 10m ago", "3d 1h ago"; "-" for BOARD_NO_TIME. */
void board_format_left(int64_t due, int64_t now, char *buf, size_t len);

/* Compliance of a day in percent (0..100, rounded down), or -1 without clocks. */
int board_day_percent(const struct board_day *d);

#endif
