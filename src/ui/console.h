/* The agent console: the model behind the screens (queue, selection, search,
 * connection state) and the entry point `console_run`.
 *
 * Screens (queue_view.c, ticket_view.c, help_view.c) read and change the
 * model only through struct console; they never talk to the database. */
#ifndef SDESK_UI_CONSOLE_H
#define SDESK_UI_CONSOLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db/queue.h"
#include "ui/ui.h"

struct sdesk_config;
struct db;

#define CONSOLE_STACK 4

enum console_state { CON_OFFLINE, CON_LIVE };

struct console {
	const struct sdesk_config *cfg;
	struct db *db;
	enum console_state state;
	char *user, *dbname;
	int64_t now;              /* Unix seconds, updated every tick */
	int64_t next_tick_ms;     /* monotonic ms of the next countdown redraw */
	int64_t retry_at_ms;      /* monotonic ms of the next reconnect attempt */
	int backoff_ms;
	char message[256];        /* status line text */
	int message_is_error;

	struct queue queue;
	size_t *visible;          /* indexes into queue.rows that pass the filter */
	size_t nvisible;
	size_t cursor, scroll;    /* index into visible; first visible row drawn */
	int64_t selected_id;      /* the ticket under the cursor, kept across reloads */
	char search[128];
	int searching;            /* 1 while typing a search */
	int page_rows;            /* rows of the list at the last draw */

	struct queue_ticket ticket; /* the open ticket of the ticket screen */
	int64_t ticket_id;
	int ticket_loaded;
	size_t ticket_scroll;

	const struct ui_screen *stack[CONSOLE_STACK];
	int depth;
	size_t help_scroll;
};

extern const struct ui_screen queue_screen;
extern const struct ui_screen ticket_screen;
extern const struct ui_screen help_screen;

/* Runs the console until the user quits. Needs a terminal. Returns an exit
 * code (base/exitcodes.h); error messages go to stderr after the terminal is
 * restored. */
int console_run(const struct sdesk_config *cfg);

/* Applies the key overrides of cfg to the key table. Returns 0, or -1 with
 * "FILE: keys: message" in err. */
int console_bind_keys(const struct sdesk_config *cfg, char *err, size_t errlen);

/* Prints the effective key table (defaults with cfg's overrides) as an
 * aligned text table. Returns an exit code; err is set when it is not 0. */
int console_print_keys(const struct sdesk_config *cfg, FILE *out, char *err, size_t errlen);

/* Screen stack: push shows s on top (calling its enter), pop returns to the
 * screen below (never below the first). */
void console_push(struct console *c, const struct ui_screen *s);
void console_pop(struct console *c);
const struct ui_screen *console_below(const struct console *c);

/* Sets the status line message (printf style); error messages stand out. */
void console_say(struct console *c, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Recomputes the visible rows from the search text, keeping the cursor on
 * selected_id when it is still visible. */
void console_filter(struct console *c);

/* (Re)loads the queue, or the open ticket, from the database. */
void console_reload(struct console *c);
void console_load_ticket(struct console *c, int64_t id);

/* State of a row at c->now, for the marker, colour and remaining time. */
enum row_state { ROW_NORMAL, ROW_ESCALATED, ROW_PAUSED, ROW_AT_RISK, ROW_BREACHED };
enum row_state console_row_state(const struct console *c, const struct queue_row *r);

/* The instant of the clock that matters now: reaction until the first
 * qualified contact, then the estimate told to the customer, else resolution.
 * Sets *which to "reaction" or "resolution". QUEUE_NO_TIME when none. */
int64_t console_row_due(const struct queue_row *r, const char **which);

/* Formats seconds left (negative when breached) as "45m", "3h 05m", "2d 4h",
 * "-1h 10m"; "-" when due is QUEUE_NO_TIME. */
void console_format_left(int64_t due, int64_t now, char *buf, size_t len);

/* Formats a Unix instant as "YYYY-MM-DD HH:MM" local time, or "-". */
void console_format_time(int64_t t, char *buf, size_t len);

/* The text marker of a state: "!!", "! ", "||", "^ " or "  ". */
const char *console_marker(enum row_state st);

#endif
