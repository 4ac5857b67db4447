/* Painting a frame to curses: a hash per row, so that a repaint sends only
 * the rows that changed (a board on a slow link writes little). */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "base/util.h"
#include "ui/frame.h"
#include "ui/theme.h"
#include "ui/ui.h"

static unsigned long hash_seg(unsigned long h, const struct seg *s, int dim)
{
	const unsigned char *p = (const unsigned char *)s->text;

	h = (h ^ (unsigned long)(s->x * 131 + s->w * 7 + (int)s->el * 3 + s->right + dim * 5)) * 1099511628211UL;
	for (; *p; p++)
		h = (h ^ *p) * 1099511628211UL;
	return h;
}

void frame_paint(struct frame *f, struct frame_painter *p, int dim_from, int dim_to, int full)
{
	if (p->rows != f->rows) {
		free(p->row_hash);
		p->row_hash = xcalloc((size_t)f->rows + 1, sizeof *p->row_hash);
		p->rows = f->rows;
		full = 1;
	}
	frame_sort(f);
	for (size_t i = 0; i < f->n;) {
		size_t j = i;
		int y = f->segs[i].y;
		int dim = y >= dim_from && y < dim_to;
		unsigned long h = 14695981039346656037UL;

		while (j < f->n && f->segs[j].y == y)
			h = hash_seg(h, &f->segs[j++], dim);
		if (full || p->row_hash[y] != h) {
			move(y, 0);
			clrtoeol();
			for (size_t k = i; k < j; k++) {
				const struct seg *s = &f->segs[k];
				int attr = theme_attr(s->el);

				if (dim)
					attr = (attr & ~A_BOLD) | A_DIM;
				(s->right ? ui_put_right : ui_put)(y, s->x, s->w, attr, s->text);
			}
			p->row_hash[y] = h;
		}
		i = j;
	}
	/* Rows with no segment at all: blank them once. */
	for (int y = 0; y < f->rows; y++) {
		int has = 0;

		for (size_t i = 0; i < f->n && !has; i++)
			has = f->segs[i].y == y;
		if (!has && (full || p->row_hash[y] != 1)) {
			move(y, 0);
			clrtoeol();
			p->row_hash[y] = 1;
		}
	}
}

void frame_painter_free(struct frame_painter *p)
{
	free(p->row_hash);
	p->row_hash = NULL;
	p->rows = 0;
}
