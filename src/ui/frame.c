/* Frames as data and as plain text (no curses here; painting is in
 * frame_paint.c). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "ui/frame.h"
#include "ui/text.h"

void frame_put(struct frame *f, int y, int x, int w, enum ui_element el, int right, const char *s)
{
	if (w <= 0 || x >= f->cols || (f->rows && y >= f->rows) || y < 0)
		return;
	if (x + w > f->cols)
		w = f->cols - x;
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 128;
		f->segs = xrealloc(f->segs, f->cap * sizeof *f->segs);
	}
	f->segs[f->n++] = (struct seg){y, x, w, el, right, xstrdup(s)};
	if (y + 1 > f->used)
		f->used = y + 1;
}

void frame_printf(struct frame *f, int y, int x, int w, enum ui_element el, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	frame_put(f, y, x, w, el, 0, buf);
}

void frame_clear(struct frame *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->segs[i].text);
	f->n = 0;
	f->used = 0;
}

void frame_free(struct frame *f)
{
	frame_clear(f);
	free(f->segs);
	f->segs = NULL;
	f->cap = 0;
}

static int cmp_seg(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;

	if (x->y != y->y)
		return x->y - y->y;
	return x->x - y->x;
}

void frame_sort(struct frame *f)
{
	if (f->n)
		qsort(f->segs, f->n, sizeof *f->segs, cmp_seg);
}

void frame_write(struct frame *f, int from, int ascii, FILE *out)
{
	size_t i = 0;

	frame_sort(f);
	while (i < f->n && f->segs[i].y < from)
		i++;
	for (int y = from; y < f->used; y++) {
		struct strbuf sb = {0};
		int col = 0;

		for (; i < f->n && f->segs[i].y == y; i++) {
			const struct seg *s = &f->segs[i];
			char buf[4096];

			while (col < s->x) {
				sb_append(&sb, " ");
				col++;
			}
			if (s->x < col)
				continue;
			(s->right ? text_fit_right : text_fit)(buf, sizeof buf, s->text, s->w, ascii);
			sb_append(&sb, buf);
			col += s->w;
		}
		/* Trim trailing blanks. */
		size_t n = sb.len;
		while (n > 0 && sb.buf[n - 1] == ' ')
			n--;
		fprintf(out, "%.*s\n", (int)n, sb.buf ? sb.buf : "");
		sb_free(&sb);
	}
}
