/* The help screen: the keys of the screen below it (and of the forms), from
 * the key table, and the markers. Scrolls like a pager. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/util.h"
#include "ui/console.h"
#include "ui/theme.h"

/* The screens' names (ui_screen.name), translated where shown. */
static const char *const screen_names[] __attribute__((unused)) = {
	N_("queue"), N_("ticket"), N_("board"), N_("form"), N_("help"), N_("question"),
};

struct hline {
	int attr;
	char text[512];
};

/* Fills v (at most max) and returns the number of lines. */
static size_t build(const struct console *c, struct hline *v, size_t max)
{
	const struct ui_screen *below = console_below(c);
	size_t n = 0;

#define HL(a, ...) do { if (n < max) { v[n].attr = (a); snprintf(v[n].text, sizeof v[n].text, __VA_ARGS__); n++; } } while (0)
	HL(theme_attr(EL_LABEL), _("Keys of the %s screen (Esc or q: back; keys can be changed in sdesk.cfg)"),
	   _(below->name));
	for (int pass = 0; pass < 2; pass++) {
		unsigned screen = pass == 0 ? below->id : UI_SCR_FORM;

		if (pass == 1) {
			HL(theme_attr(EL_NORMAL), "%s", "");
			HL(theme_attr(EL_LABEL), "%s", _("In a form"));
		}
		for (int r = 1; r < REQ_COUNT; r++) {
			enum ui_request req = (enum ui_request)r;

			if (keys_req_screens(req) & screen)
				HL(theme_attr(EL_NORMAL), "  %-18s %-16s %s", keys_of_on(req, screen), keys_req_name(req),
				   keys_req_help(req));
		}
	}
	HL(theme_attr(EL_NORMAL), "%s", "");
	HL(theme_attr(EL_LABEL), "%s", _("Markers"));
	HL(theme_attr(EL_BREACHED), "%s", _("  !!  breached: the clock has run out"));
	HL(theme_attr(EL_AT_RISK), "%s", _("  !   at risk: little business time left"));
	HL(theme_attr(EL_PAUSED), "%s", _("  ||  paused: waiting for the customer"));
	HL(theme_attr(EL_ESCALATED), "%s", _("  ^   escalated (column Es: 1-3, E = extended)"));
	HL(theme_attr(EL_NORMAL), "%s", _("  Left: business time on the clock's calendar; * = wall clock"));
#undef HL
	return n;
}

#define HELP_MAX 128

static void help_draw(void *app, int top, int rows, int cols)
{
	struct console *c = app;
	struct hline *v = xcalloc(HELP_MAX, sizeof *v);
	size_t n = build(c, v, HELP_MAX);

	c->page_rows = rows;
	if (n <= (size_t)rows)
		c->help_scroll = 0;
	else if (c->help_scroll > n - (size_t)rows)
		c->help_scroll = n - (size_t)rows;
	for (int i = 0; i < rows && c->help_scroll + (size_t)i < n; i++)
		ui_put(top + i, 0, cols, v[c->help_scroll + (size_t)i].attr, v[c->help_scroll + (size_t)i].text);
	free(v);
}

static int help_key(void *app, enum ui_request req, int key)
{
	struct console *c = app;

	/* The lines are counted when drawn; the draw clamps. */
	if (ui_list_nav(req, &c->help_scroll, HELP_MAX, c->page_rows, 0))
		return UI_REDRAW;
	if (req == REQ_BACK) {
		console_pop(c);
		return UI_REDRAW;
	}
	return key != 0 ? UI_UNHANDLED | UI_REDRAW : UI_REDRAW;
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
