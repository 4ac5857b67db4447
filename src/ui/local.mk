# ui: the only code that includes curses.
noinst_LIBRARIES += libui.a
libui_a_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
libui_a_SOURCES =
