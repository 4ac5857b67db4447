/* Colour elements by meaning, written once, with a colour scheme and a
 * monochrome scheme (NO_COLOR, `color = false`, or a terminal without colour).
 * Every state that has a colour also has a text marker (ui/queue_view.c), so
 * nothing is lost in monochrome. */
#ifndef SDESK_UI_THEME_H
#define SDESK_UI_THEME_H

/* X(enum, foreground, background (-1 = terminal default), monochrome attributes) */
#define UI_ELEMENTS(X) \
	X(EL_NORMAL,    -1,            -1,           A_NORMAL) \
	X(EL_HEADER,    COLOR_WHITE,   COLOR_BLUE,   A_REVERSE) \
	X(EL_COLUMNS,   COLOR_CYAN,    -1,           A_BOLD) \
	X(EL_STATUS,    COLOR_BLACK,   COLOR_WHITE,  A_REVERSE) \
	X(EL_ERROR,     COLOR_WHITE,   COLOR_RED,    A_REVERSE | A_BOLD) \
	X(EL_SELECTION, COLOR_BLACK,   COLOR_CYAN,   A_REVERSE) \
	X(EL_BREACHED,  COLOR_RED,     -1,           A_BOLD) \
	X(EL_AT_RISK,   COLOR_YELLOW,  -1,           A_UNDERLINE) \
	X(EL_PAUSED,    COLOR_BLUE,    -1,           A_DIM) \
	X(EL_ESCALATED, COLOR_MAGENTA, -1,           A_BOLD) \
	X(EL_OFFLINE,   COLOR_WHITE,   COLOR_RED,    A_REVERSE | A_BOLD) \
	X(EL_LABEL,     COLOR_CYAN,    -1,           A_BOLD)

enum ui_element {
#define UI_X(id, fg, bg, mono) id,
	UI_ELEMENTS(UI_X)
#undef UI_X
	EL_COUNT
};

/* Chooses the scheme once curses is started: colour when want_color is set,
 * NO_COLOR is unset or empty and the terminal has colours; else monochrome. */
void theme_init(int want_color);

/* 1 when the colour scheme is in use. */
int theme_is_color(void);

/* The curses attributes (pair and flags) for element el. */
int theme_attr(enum ui_element el);

#endif
