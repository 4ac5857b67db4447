# ui: the only code that includes curses; no libpq include path (it talks to
# the database through src/db; tests/security/layers.sh checks the fences).
noinst_LIBRARIES += libui.a
libui_a_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
libui_a_SOURCES = \
	src/ui/text.c src/ui/text.h \
	src/ui/keys.c src/ui/keys.h \
	src/ui/theme.c src/ui/theme.h \
	src/ui/ui.c src/ui/ui.h \
	src/ui/console.c src/ui/console.h src/ui/console_dump.c \
	src/ui/queue_view.c src/ui/ticket_view.c src/ui/help_view.c src/ui/messages_view.c \
	src/ui/qclock.c src/ui/qclock.h \
	src/ui/form.c src/ui/form.h src/ui/lineedit.c src/ui/actions.c \
	src/ui/booking.c src/ui/booking.h \
	src/ui/history.c src/ui/history.h
libui_a_SOURCES += src/ui/frame.c src/ui/frame.h src/ui/frame_paint.c
libui_a_SOURCES += src/ui/board.c src/ui/board.h src/ui/board_int.h src/ui/board_conn.c src/ui/board_layout.c src/ui/board_once.c
libui_a_SOURCES += src/ui/board_model.c src/ui/board_model.h
libui_a_SOURCES += src/ui/session.c src/ui/session.h
libui_a_SOURCES += src/ui/oncall.h src/ui/oncall_view.c
