/* The UI framework: terminal lifecycle, the one input loop, screen modules.
 *
 * A screen is a small module with an enter/key/draw contract: `key` handles a
 * request (or a raw key while the screen takes text) and returns what must be
 * redrawn; only `draw` paints, and only into the window it is given.
 * The loop (ui_run) owns the terminal: it waits with poll() on the keyboard,
 * on an optional socket (the database's) and on a tick timeout, so it never
 * blocks on the network; it handles KEY_RESIZE, draws "terminal too small"
 * below UI_MIN_COLS x UI_MIN_ROWS, and leaves on quit or SIGTERM/SIGINT/SIGHUP.
 * The terminal is restored on every way out, also by sdesk_die(). */
#ifndef SDESK_UI_UI_H
#define SDESK_UI_UI_H

#include "ui/keys.h"

#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24

/* What a handler asks of the loop (bit flags). */
enum ui_result {
	UI_KEEP   = 0,       /* nothing changed on screen */
	UI_REDRAW = 1 << 0,  /* redraw the screen */
	UI_QUIT   = 1 << 1,  /* leave the loop */
	UI_UNHANDLED = 1 << 2, /* the screen has no use for the key: the loop
	                        * says so once for every screen (ui_app.say) */
};

struct ui_screen {
	const char *name;
	unsigned id;  /* UI_SCR_*: which requests of the key table apply */
	/* Called when the screen becomes the top screen. */
	void (*enter)(void *app);
	/* When non-NULL and returning 1, raw keys go to `key` with REQ_NONE
	 * (e.g. while typing a search). */
	int (*wants_text)(void *app);
	/* A request (req) or, with req == REQ_NONE, a raw key. Returns ui_result flags. */
	int (*key)(void *app, enum ui_request req, int key);
	/* Paints the body: rows top..top+rows-1 of stdscr, all columns. */
	void (*draw)(void *app, int top, int rows, int cols);
	/* The smallest terminal the screen can use; 0: UI_MIN_COLS x UI_MIN_ROWS.
	 * Below it the loop shows "terminal too small". */
	int min_cols, min_rows;
};

/* Hooks of the application that runs the loop. fd/on_fd/on_tick may be NULL. */
struct ui_app {
	void *app;
	/* The socket to watch, or -1 (e.g. while offline). */
	int (*fd)(void *app);
	/* The socket is readable (or broken). Returns ui_result flags. */
	int (*on_fd)(void *app);
	/* Sees every key before the screen does (e.g. to retry a lost
	 * connection at once); returns ui_result flags. May be NULL. */
	int (*on_key)(void *app, int key);
	/* Called at least every tick_ms; returns ui_result flags. */
	int (*on_tick)(void *app);
	/* The current top screen. */
	const struct ui_screen *(*screen)(void *app);
	/* Header (row 0) and status area (the last status_rows rows: messages,
	 * then the key bar) painters. */
	void (*draw_header)(void *app, int cols);
	void (*draw_status)(void *app, int cols);
	/* Rows the status area takes at this width (NULL: 1). */
	int (*status_rows)(void *app, int cols);
	/* Shows a message in the status area (for UI_UNHANDLED). May be NULL. */
	void (*say)(void *app, const char *msg);
	int tick_ms;
};

/* The navigation every list and pager shares (htop's Panel_onKey): for
 * REQ_UP, REQ_DOWN, REQ_PAGE_UP, REQ_PAGE_DOWN, REQ_HOME and REQ_END moves
 * *pos among n entries of which rows show at once (a page moves rows - 1).
 * cursor = 1: *pos is a cursor, 0 .. n-1; cursor = 0 (a pager): *pos is the
 * first entry shown, 0 .. n-rows. Returns 1 when req was one of these (even
 * at an edge), else 0: the screen goes on with its own requests. */
int ui_list_nav(enum ui_request req, size_t *pos, size_t n, int rows, int cursor);

/* The words for a key no screen uses: "key X does nothing here (press ?
 * for help)". */
void ui_unhandled_text(int key, char *buf, size_t len);

/* The context-sensitive key bar (like htop's function-key bar): the first key
 * and a short word for the requests that matter on `screen` (a UI_SCR_*),
 * from the key table (so rebound keys show), as many as fit in cols. */
void ui_keybar(unsigned screen, char *buf, size_t len, int cols);

/* Rows that text needs when wrapped at cols columns (at least 1). */
int ui_wrap_rows(const char *text, int cols);

/* Writes text wrapped over rows y.. (at most rows rows), columns x..x+cols-1. */
void ui_put_wrapped(int y, int x, int rows, int cols, int attr, const char *text);

/* Starts curses on the terminal: UTF-8 locale, cbreak, no echo, keypad,
 * signal handlers, fatal hook. Returns 0, or -1 with a message in err (e.g.
 * an unknown TERM or no terminal). */
int ui_start(int want_color, char *err, size_t errlen);

/* Restores the terminal. Safe to call more than once and from the fatal hook. */
void ui_stop(void);

/* Runs the loop until a handler returns UI_QUIT or a termination signal
 * arrives. Returns the signal number that ended it, or 0. */
int ui_run(const struct ui_app *ua);

/* 1 when a termination signal has arrived (the loop then ends soon). */
int ui_terminating(void);

/* Writes s (UTF-8) at row y, column x, fitted to exactly cols columns (padded
 * or cut with an ellipsis on a character boundary), with attributes attr. */
void ui_put(int y, int x, int cols, int attr, const char *s);

/* Like ui_put, right-aligned. */
void ui_put_right(int y, int x, int cols, int attr, const char *s);

/* 1 when the UI draws ASCII only (set from the settings). */
extern int ui_ascii;

/* When the terminal's locale has no UTF-8 (ui_start then draws ASCII only,
 * transliterated: base/utf8.h sd_translit), the sentence that says so,
 * naming the locale, for the status line; returns 1, else 0. */
int ui_locale_notice(char *buf, size_t len);

#endif
