/* A frame: one screen of text as positioned segments (row, column, width,
 * colour element, alignment, text), laid out once and then either painted to
 * curses (frame_paint: only the rows that changed since the last paint) or
 * written as plain text (frame_write: a snapshot such as `board --once`).
 * The layout code never touches the terminal. */
#ifndef SDESK_UI_FRAME_H
#define SDESK_UI_FRAME_H

#include <stddef.h>
#include <stdio.h>

#include "ui/theme.h"

struct seg {
	int y, x, w;
	enum ui_element el;
	int right;  /* right-aligned in its w columns */
	char *text; /* owned, UTF-8, escaped when written */
};

struct frame {
	struct seg *segs;
	size_t n, cap;
	int rows, cols; /* rows = 0: as many as needed (text snapshot) */
	int used;       /* rows used so far */
};

/* Adds a segment; cut at the frame's right edge, dropped outside the frame. */
void frame_put(struct frame *f, int y, int x, int w, enum ui_element el, int right, const char *s);
void frame_printf(struct frame *f, int y, int x, int w, enum ui_element el, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Removes every segment (the frame keeps its size and its memory). */
void frame_clear(struct frame *f);
/* Frees the segments' memory. */
void frame_free(struct frame *f);

/* Sorts the segments by row, then column. */
void frame_sort(struct frame *f);

/* Writes rows from..used-1 as text lines to out: segments in column order,
 * gaps as spaces, text escaped (sd_escape) and fitted, trailing blanks cut. */
void frame_write(struct frame *f, int from, int ascii, FILE *out);

/* What a painter remembers between paints: a hash of each row. */
struct frame_painter {
	unsigned long *row_hash;
	int rows;
};

/* Paints f to stdscr (curses): only the rows whose segments changed since the
 * last paint with p, all of them when full. Rows dim_from..dim_to-1 are drawn
 * dimmed (the last state while offline); dim_from >= dim_to: none. */
void frame_paint(struct frame *f, struct frame_painter *p, int dim_from, int dim_to, int full);
void frame_painter_free(struct frame_painter *p);

#endif
