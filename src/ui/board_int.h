/* The board's parts, shared by its files (not for other modules):
 *   board.c         the live loop: hooks, keys, board_run
 *   board_conn.c    the database: open/close, snapshot, chart, standby poll
 *   board_layout.c  the layout of a board into a frame (ui/frame.h)
 *   board_once.c    the text snapshot (--once)
 * The model (states, lists, countdowns) is board_model.c; painting and the
 * text form of a frame are frame_paint.c and frame.c. */
#ifndef SDESK_UI_BOARD_INT_H
#define SDESK_UI_BOARD_INT_H

#include <stddef.h>
#include <stdint.h>

#include "db/board_q.h"
#include "db/queue.h"
#include "ui/board.h"
#include "ui/board_model.h"
#include "ui/frame.h"
#include "ui/session.h"

struct sdesk_config;
struct db;

enum board_conn { B_LIVE, B_OFFLINE };
enum board_inflight { Q_NONE, Q_SNAP, Q_DELTA, Q_CHART, Q_POLL };
/* The ticket lists, in the order Tab goes through them. */
enum board_list { L_BREACHED, L_RISK, L_NEXT, L_ESC, BOARD_LISTS };

/* The smallest board: counters and the breached tickets (compact layout
 * below 80x24). */
#define BOARD_MIN_COLS 40
#define BOARD_MIN_ROWS 12

/* On a hot standby (no NOTIFY there) the board polls the replay position
 * this often (doc/admin.md, "Boards on a standby"). */
#define BOARD_POLL_MS 1000

struct board {
	const struct sdesk_config *cfg;
	const struct board_options *opt;
	struct db *db;
	char *dbname;
	enum board_conn conn;
	enum board_inflight inflight;
	int dirty;               /* take a new snapshot (a change that named no ticket, C-l, re-sync) */
	/* Tickets that changes named since the last reload (NOTIFY payloads):
	 * re-read only those (board_q_send_delta), and those being re-read. */
	int64_t ids[QUEUE_MAX_IDS], sent[QUEUE_MAX_IDS];
	size_t nids, nsent;
	int loaded;              /* a snapshot has been read */
	int numbers;             /* chart as numbers (monochrome or ASCII) */
	int help;
	struct session sess;     /* connection policy (ui/session.h) */
	int64_t snap_at;         /* Unix seconds of the last snapshot */
	int64_t chart_at;        /* Unix seconds of the last chart, 0 = never */
	int64_t next_tick;       /* Unix seconds of the next countdown change */
	int seconds_shown;       /* the last layout shows a countdown ticking by the second */
	int standby;             /* connected to a hot standby: poll, no LISTEN */
	struct board_replica rep;/* standby: the last poll's answer */
	int64_t poll_at_ms;      /* standby: when to poll next (monotonic) */
	char trace_notes[1024];  /* trace: the NOTIFY payloads since the last line, one per line */
	int trace_pending;
	char message[700];       /* an error of the last query */
	char note[160];          /* a word for the user (a key that does nothing), until the next key */

	/* The ticket lists a user can scroll (BOARD_LISTS; one at a time, Tab). */
	int focus, focus_shown;
	size_t scroll[4];        /* first ticket shown of each list */
	int list_rows[4];        /* rows each list had at the last layout (0: not shown) */

	struct board_data data;
	struct board_chart chart;
	struct board_view view;

	struct frame frame;
	struct frame_painter painter;
};

/* Monotonic milliseconds (time-outs) and wall-clock milliseconds (traces). */
int64_t board_mono_ms(void);
int64_t board_wall_ms(void);

/* A Unix instant in local time with strftime format fmt, or "-". */
void board_fmt_clock(int64_t t, const char *fmt, char *buf, size_t len);

/* "delay 0.3s", "delay 2m05s", or "not receiving, last commit 12:01:10". */
void board_replica_text(const struct board_replica *r, char *buf, size_t len);

/* Lays the whole board out into f (f->rows = 0: a text snapshot). Sets
 * b->seconds_shown. */
void board_layout(struct board *b, struct frame *f);

/* The tickets of list l (indexes into data.tickets) and their count. */
const size_t *board_list_of(const struct board *b, enum board_list l, size_t *n);

/* The view from the data at the current instant. */
void board_recompute(struct board *b);

/* Connects and reads who and where (messages to stderr); 0 or -1. */
int board_open(struct board *b, const struct sdesk_config *cfg, const struct board_options *opt);
void board_close(struct board *b);

/* The live connection (board_conn.c). */
void board_go_offline(struct board *b);
void board_send_next(struct board *b);
int board_take_input(struct board *b);
void board_write_trace(struct board *b);

#endif
