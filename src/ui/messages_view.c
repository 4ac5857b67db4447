/* The messages screen (like tig's): the last CONSOLE_LOG messages of the
 * status line, newest first, each whole (wrapped). Scrolls like a pager. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "base/i18n.h"
#include "ui/console.h"
#include "ui/theme.h"

static size_t nkept(const struct console *c)
{
	return c->nlog < CONSOLE_LOG ? c->nlog : CONSOLE_LOG;
}

/* The k-th newest message (k from 0). */
static const char *newest(const struct console *c, size_t k)
{
	return c->log[(c->nlog - 1 - k) % CONSOLE_LOG];
}

static void messages_draw(void *app, int top, int rows, int cols)
{
	struct console *c = app;
	size_t n = nkept(c), lines = 0;
	int y = top;

	c->page_rows = rows;
	ui_put(y++, 0, cols, theme_attr(EL_LABEL),
	       n ? _("Messages, newest first (Esc or q: back)") : _("No messages yet (Esc or q: back)"));
	for (size_t k = 0; k < n; k++)
		lines += (size_t)ui_wrap_rows(newest(c, k), cols - 4);
	if (lines <= (size_t)(rows - 1))
		c->log_scroll = 0;
	else if (c->log_scroll > lines - (size_t)(rows - 1))
		c->log_scroll = lines - (size_t)(rows - 1);
	/* Whole messages from the one the scroll position falls into. */
	size_t skip = c->log_scroll;
	for (size_t k = 0; k < n && y < top + rows; k++) {
		int h = ui_wrap_rows(newest(c, k), cols - 4);
		char num[16];

		if (skip >= (size_t)h) {
			skip -= (size_t)h;
			continue;
		}
		if (h > top + rows - y)
			h = top + rows - y;
		snprintf(num, sizeof num, "%3zu", k + 1);
		ui_put(y, 0, 4, theme_attr(EL_LABEL), num);
		ui_put_wrapped(y, 4, h, cols - 4, theme_attr(EL_NORMAL), newest(c, k));
		y += h;
		skip = 0;
	}
}

static int messages_key(void *app, enum ui_request req, int key)
{
	struct console *c = app;

	if (ui_list_nav(req, &c->log_scroll, CONSOLE_LOG * 8, c->page_rows - 1, 0))
		return UI_REDRAW;
	if (req == REQ_BACK) {
		console_pop(c);
		return UI_REDRAW;
	}
	return key != 0 ? UI_UNHANDLED | UI_REDRAW : UI_REDRAW;
}

static void messages_enter(void *app)
{
	((struct console *)app)->log_scroll = 0;
}

const struct ui_screen messages_screen = {
	.name = "messages",
	.id = UI_SCR_HELP, /* the pager's keys: scroll, back */
	.enter = messages_enter,
	.key = messages_key,
	.draw = messages_draw,
};
