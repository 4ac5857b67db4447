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
};

/* Hooks of the application that runs the loop. fd/on_fd/on_tick may be NULL. */
struct ui_app {
	void *app;
	/* The socket to watch, or -1 (e.g. while offline). */
	int (*fd)(void *app);
	/* The socket is readable (or broken). Returns ui_result flags. */
	int (*on_fd)(void *app);
	/* Called at least every tick_ms; returns ui_result flags. */
	int (*on_tick)(void *app);
	/* The current top screen. */
	const struct ui_screen *(*screen)(void *app);
	/* Header (row 0) and status line (last row) painters. */
	void (*draw_header)(void *app, int cols);
	void (*draw_status)(void *app, int cols);
	int tick_ms;
};

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
