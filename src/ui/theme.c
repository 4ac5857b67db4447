#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "ui/theme.h"

static const struct {
	short fg, bg;
	int mono;
} elements[EL_COUNT] = {
#define UI_X(id, f, b, m) [id] = {f, b, m},
	UI_ELEMENTS(UI_X)
#undef UI_X
};

static int attrs[EL_COUNT];
static int color_on;

void theme_init(int want_color)
{
	const char *no_color = getenv("NO_COLOR");

	color_on = want_color && !(no_color && *no_color) && has_colors();
	if (color_on && start_color() != OK)
		color_on = 0;
	if (color_on) {
		int deflt = use_default_colors() == OK;

		for (int e = 0; e < EL_COUNT; e++) {
			short fg = elements[e].fg, bg = elements[e].bg;

			if (!deflt) {
				fg = fg < 0 ? COLOR_WHITE : fg;
				bg = bg < 0 ? COLOR_BLACK : bg;
			}
			if (e == EL_NORMAL) {
				attrs[e] = A_NORMAL;
				continue;
			}
			init_pair((short)e, fg, bg);
			attrs[e] = (int)COLOR_PAIR(e);
			if (e == EL_BREACHED || e == EL_ESCALATED || e == EL_OFFLINE || e == EL_COLUMNS)
				attrs[e] |= A_BOLD;
		}
	} else {
		for (int e = 0; e < EL_COUNT; e++)
			attrs[e] = elements[e].mono;
	}
}

int theme_is_color(void)
{
	return color_on;
}

int theme_attr(enum ui_element el)
{
	return attrs[el];
}
