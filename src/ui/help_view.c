/* The help screen: the keys of the screen below it, from the key table. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "ui/console.h"
#include "ui/theme.h"

static void help_draw(void *app, int top, int rows, int cols)
{
	struct console *c = app;
	const struct ui_screen *below = console_below(c);
	int y = top;
	size_t line = 0;
	char buf[512];

	snprintf(buf, sizeof buf, "Keys of the %s screen (Esc or q: back)", below->name);
	ui_put(y++, 0, cols, theme_attr(EL_LABEL), buf);
	ui_put(y++, 0, cols, theme_attr(EL_NORMAL), "");
	for (int r = 1; r < REQ_COUNT && y < top + rows; r++) {
		enum ui_request req = (enum ui_request)r;

		if (!(keys_req_screens(req) & below->id))
			continue;
		if (line++ < c->help_scroll)
			continue;
		snprintf(buf, sizeof buf, "  %-18s %-10s %s", keys_of(req), keys_req_name(req),
			 keys_req_help(req));
		ui_put(y++, 0, cols, theme_attr(EL_NORMAL), buf);
	}
	if (y < top + rows - 1) {
		y++;
		ui_put(y++, 0, cols, theme_attr(EL_LABEL), "Markers");
		ui_put(y++, 0, cols, theme_attr(EL_BREACHED), "  !!  breached: the clock has run out");
		if (y < top + rows)
			ui_put(y++, 0, cols, theme_attr(EL_AT_RISK), "  !   at risk: little time left");
		if (y < top + rows)
			ui_put(y++, 0, cols, theme_attr(EL_PAUSED), "  ||  paused: waiting for the customer");
		if (y < top + rows)
			ui_put(y++, 0, cols, theme_attr(EL_ESCALATED), "  ^   escalated (column Es: 1-3, X = extended)");
	}
}

static int help_key(void *app, enum ui_request req, int key)
{
	struct console *c = app;

	switch (req) {
	case REQ_UP:
	case REQ_PAGE_UP:
	case REQ_HOME:
		c->help_scroll = 0;
		break;
	case REQ_DOWN:
	case REQ_PAGE_DOWN:
	case REQ_END:
		c->help_scroll++;
		break;
	case REQ_BACK:
		console_pop(c);
		break;
	default:
		(void)key;
		break;
	}
	return UI_REDRAW;
}

static void help_enter(void *app)
{
	((struct console *)app)->help_scroll = 0;
}

const struct ui_screen help_screen = {
	.name = "help",
	.id = UI_SCR_HELP,
	.enter = help_enter,
	.key = help_key,
	.draw = help_draw,
};
