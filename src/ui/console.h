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

#include "base/i18n.h"
#include "db/billing_q.h"
#include "db/queue.h"
#include "engine/billing.h"
#include "engine/sla.h"
#include "ui/form.h"
#include "ui/qclock.h"
#include "ui/session.h"
#include "ui/ui.h"

struct sdesk_config;
struct db;
struct journal;

#define CONSOLE_STACK 6
#define CONSOLE_LOG 32 /* messages kept for the messages screen */

enum console_state { CON_OFFLINE, CON_LIVE };

/* What the console is loading without blocking. */
enum { CONSOLE_LOAD_QUEUE = 1, CONSOLE_LOAD_BUDGETS, CONSOLE_LOAD_IDS };

/* The whole queue is read again every CONSOLE_FULL_RELOAD_S seconds on
 * average (each wait drawn between half and one and a half of it, so
 * consoles that reloaded together spread out), besides on reconnect and on
 * a change that names no single ticket. */
#define CONSOLE_FULL_RELOAD_S 600

/* Views of the queue (REQ_VIEW cycles them). */
#define CONSOLE_VIEWS(X) \
	X(VIEW_ALL,        N_("all")) \
	X(VIEW_MINE,       N_("mine")) \
	X(VIEW_UNASSIGNED, N_("unassigned")) \
	X(VIEW_TEAM,       N_("my team")) \
	X(VIEW_CUSTOMER,   N_("customer")) \
	X(VIEW_RESOLVED,   N_("resolved")) \
	X(VIEW_CLOSED,     N_("closed"))
enum console_view {
#define CV_X(id, name) id,
	CONSOLE_VIEWS(CV_X)
#undef CV_X
	VIEW_COUNT
};
const char *console_view_name(enum console_view v);

/* The balance that applies to the queue's rows of one contract (the ledger
 * through bq_balance, as `sdesk budget show` computes it). */
struct console_budget {
	int64_t contract;
	const struct sla_plan *plan; /* NULL: not in the catalogue */
	int ok;                      /* bal is valid */
	struct bill_balance bal;
	int activated, activation_month; /* the account's activation (bq_balance) */
};

struct console {
	const struct sdesk_config *cfg;
	const struct sla_catalogue *cat;
	struct db *db;
	enum console_state state;
	char *user, *dbname;
	struct queue_me me;
	int loading;              /* what runs asynchronously: CONSOLE_LOAD_* (0 nothing) */
	/* What NOTIFYs asked for while the queue was shown or loading
	 * (doc/console.md, "Keeping the queue current"): the tickets to re-read,
	 * or the whole queue. */
	int64_t note_ids[QUEUE_MAX_IDS];
	size_t nnote_ids;
	int note_full;
	int64_t merge_ids[QUEUE_MAX_IDS]; /* the tickets being re-read (CONSOLE_LOAD_IDS) */
	size_t nmerge_ids;
	int budgets_partial;      /* CONSOLE_LOAD_BUDGETS re-reads only the merged rows' contracts */
	int64_t next_full_ms;     /* monotonic ms of the next time-driven whole reload */
	int64_t sorted_minute;    /* now / 60 when the open tickets were last sorted */
	FILE *trace;              /* console --trace: the queue after each reload or merge */
	int64_t now;              /* Unix seconds, updated every tick */
	int64_t next_tick_ms;     /* monotonic ms of the next countdown redraw */
	struct session sess;      /* when to reconnect (ui/session.h) */
	char message[1024];       /* status area text (wrapped whole) */
	int message_is_error;

	struct queue queue;
	struct console_budget *budgets; /* balance of each contract in the queue, by contract id */
	size_t nbudgets;
	size_t nopen;             /* queue.rows[0..nopen): open tickets; then recently resolved and closed ones */
	size_t *visible;          /* indexes into queue.rows that pass the filter */
	size_t nvisible;
	size_t cursor, scroll;    /* index into visible; first visible row drawn */
	int64_t selected_id;      /* the ticket under the cursor, kept across reloads */
	char search[128];
	int searching;            /* 1 while typing a search */
	char go[32];              /* the ticket number typed after g or : */
	enum console_view view;
	int64_t view_account;     /* VIEW_CUSTOMER: the account */
	char view_customer[128];
	char f_category[32];      /* "" = any */
	int f_tier;               /* 0 = any */
	char f_channel[16];       /* "" = any */

	struct form form;         /* the open form (form_screen) */
	struct queue_lists lists; /* accounts, contacts, agents for the forms */
	int cursor_y, cursor_x;   /* where the terminal cursor belongs, -1: hidden */
	int page_rows;            /* rows of the list at the last draw */

	struct queue_ticket ticket; /* the open ticket of the ticket screen */
	int have_balance;           /* balance of the ticket's contract (from the ledger) */
	struct bill_balance balance;
	const char *budget_points[BILL_MAX_POINTS_KINDS]; /* names of the plan's points kinds */
	size_t budget_npoints;
	char balance_note[700];     /* why there is no balance */
	int64_t ticket_id;
	int ticket_loaded;
	size_t ticket_scroll;

	struct journal *journal;    /* every write goes through it (db/journal.h) */
	size_t pending, refused;    /* journal entries not yet confirmed / refused */
	size_t damaged;             /* damaged journal records (kept, never sent) */
	int64_t journal_check_ms;   /* monotonic ms of the next re-read of the journal */
	int64_t journal_send_ms;    /* monotonic ms before which no pending entry is resent */

	/* A question on the status line (console_ask): the next key answers it. */
	char ask[320];
	int (*ask_fn)(struct console *c, int key);

	char log[CONSOLE_LOG][1024]; /* the last messages (REQ_MESSAGES), a ring */
	size_t nlog;                 /* messages said so far */
	size_t log_scroll;

	const struct ui_screen *stack[CONSOLE_STACK];
	int depth;
	size_t help_scroll;
};

extern const struct ui_screen queue_screen;
extern const struct ui_screen ticket_screen;
extern const struct ui_screen help_screen;
extern const struct ui_screen messages_screen;
extern const struct ui_screen form_screen;
extern const struct ui_screen prompt_screen;
extern const struct ui_screen goto_screen;

/* Runs the console until the user quits. Needs a terminal. The plan
 * catalogue is the database's (catalogue_fetch), never a local file. trace
 * (NULL: none): a file the console appends its queue to after each whole
 * reload and each merge of a NOTIFY's tickets (console_trace). Returns an
 * exit code (base/exitcodes.h); error messages go to stderr after the
 * terminal is restored. */
int console_run(const struct sdesk_config *cfg, const char *trace);

/* `sdesk console --dump`: the queue as the console orders and shows it (its
 * open tickets, the view "all"), as plain text without a terminal, one
 * ticket a line in queue order:
 * "REF<TAB>STATE<TAB>LEFT<TAB>SHOWN<TAB>MARK": the engine's state name
 * (sla_state_name), left in the team's working minutes (negative when
 * overdue), the Left column's text and the marker column ("!!", "!", "||",
 * "^" or ""). Judged at sd_now() with the database's catalogue. Returns an
 * exit code; errors go to stderr. */
int console_dump(const struct sdesk_config *cfg, FILE *out);

/* The lines of console_dump for the first nopen rows of q (already in queue
 * order), judged at c->now. */
void console_dump_rows(const struct console *c, const struct queue *q, size_t nopen, FILE *out);

/* One block of `sdesk console --trace FILE`: "# full" or "# merge ID,ID..."
 * (how the queue was brought up to date), the open tickets as
 * console_dump_rows prints them (the console's order at c->now), "# done N",
 * the resolved and closed tickets of the queue as "REF<TAB>STATUS" newest
 * first, "# end". Flushed. */
void console_trace(const struct console *c, const char *how);

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

/* Sets the status line message (printf style); error messages stand out.
 * The status area shows it whole (wrapped above the key bar); the last
 * CONSOLE_LOG messages stay on the messages screen (REQ_MESSAGES). */
void console_say(struct console *c, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Asks a question on the status line (printf style); the next key is given
 * to fn (after the question is gone), whose ui_result flags are returned to
 * the loop. */
void console_ask(struct console *c, int (*fn)(struct console *c, int key), const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Quits, or first asks when entries wait in the journal or a call runs.
 * Returns ui_result flags. */
int console_quit(struct console *c);

/* Recomputes the visible rows from the view, the filters and the search
 * text, keeping the cursor on selected_id when it is still visible. */
void console_filter(struct console *c);

/* Opens ticket id (any status) on the ticket screen, loaded from the
 * database: the screen is pushed (or, on the ticket screen, replaced).
 * 0, or -1 with a message when there is no such ticket or it cannot be read. */
int console_open_ticket(struct console *c, int64_t id);

/* n / N: the next (dir 1) or previous (-1) visible row, wrapping around;
 * on the ticket screen that ticket is opened. Returns ui_result flags. */
int console_next_match(struct console *c, int dir);

/* "10001", "SD-10001", "sd-10001": the ticket number into *id, 0; else -1. */
int console_parse_ticket(const char *s, int64_t *id);

/* Reloads the queue without blocking (the result arrives through the loop;
 * the list is re-sorted by the SLA engine), or the open ticket (blocking).
 * console_refresh re-reads only ticket id's row and merges it (0: the whole
 * queue, as console_reload), as a NOTIFY naming it does. */
void console_reload(struct console *c);
void console_refresh(struct console *c, int64_t id);
void console_load_ticket(struct console *c, int64_t id);

/* Waits (bounded) for a running asynchronous reload to finish, so that a
 * statement can be sent. Returns 0, or -1 when the connection was lost. */
int console_settle(struct console *c);

/* After a failed write: the error in plain words (and offline when the
 * connection was lost), for the status line or a form. */
const char *console_db_error(struct console *c);

/* Sends the journal entry `key` (already added to c->journal with
 * journal_add or bq_journal_call/_time) when the console is LIVE, after the
 * entries pending before it. Returns 1 saved (*id the function's result when
 * id is not NULL), 0 kept pending (offline or the outcome is unknown: it is
 * resent with its key from the poll loop; err says why), -1 refused by the
 * database or sdesk (reason in err; the entry is dropped from the journal,
 * so the caller may take a fresh key for a corrected retry). */
int console_send(struct console *c, const char *key, int64_t *id, char *err, size_t errlen);

/* State of a row at c->now, for the marker, colour and remaining time. */
enum row_state { ROW_NORMAL, ROW_ESCALATED, ROW_PAUSED, ROW_AT_RISK, ROW_BREACHED };
enum row_state console_row_state(const struct console *c, const struct queue_row *r);

/* The engine's clock of a row at c->now (ui/qclock.h). */
void console_row_clock(const struct console *c, const struct queue_row *r, struct qclock *k);

/* Ticket actions (ui/actions.c): open the form of a request, or do it at
 * once (take, resume). Return ui_result flags. */
int console_action(struct console *c, enum ui_request req, int64_t ticket);

/* The zone every instant is shown in (ui.time_zone, else TZ): its name
 * and, at the instant the console runs at, its abbreviation, e.g.
 * "Europe/Berlin, CET". */
const char *console_zone_name(void);

/* Formats a Unix instant as "YYYY-MM-DD HH:MM" in the console's zone, or "-". */
void console_format_time(int64_t t, char *buf, size_t len);

/* The budget cell of a row, `width` columns wide (short below 12: "12m",
 * "48P", "0m!"); *level 0 fine, 1 low (below ui.budget_low_*), 2 used up
 * (the next call or hour is billed), -1 no budget in the plan. */
void console_budget_cell(const struct console *c, const struct queue_row *r, int width, char *buf, size_t len,
			 int *level);

/* The text marker of a state: "!!", "! ", "||", "^ " or "  ". */
const char *console_marker(enum row_state st);

/* How many tickets the current view holds before filters and search. */
size_t console_view_size(const struct console *c);

#endif
