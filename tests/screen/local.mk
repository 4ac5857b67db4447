# tests/screen: the console's building blocks (Check) and tmux screen tests
# that drive the real sdesk against a real database (see doc/console.md).
check_PROGRAMS += tests/screen/test_ui_text
tests_screen_test_ui_text_SOURCES = tests/screen/test_ui_text.c
tests_screen_test_ui_text_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(NCURSESW_CFLAGS)
tests_screen_test_ui_text_LDADD = libui.a libbase.a $(CHECK_LIBS) $(NCURSESW_LIBS)
TESTS += tests/screen/test_ui_text
TESTS += tests/screen/console.sh
# The queue order and remaining business time against the SLA engine.
check_PROGRAMS += tests/screen/test_queue_order
tests_screen_test_queue_order_SOURCES = tests/screen/test_queue_order.c
tests_screen_test_queue_order_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(NCURSESW_CFLAGS) $(LIBCONFIG_CFLAGS)
tests_screen_test_queue_order_LDADD = libui.a libconf.a libengine.a libbase.a $(LIBCONFIG_LIBS) $(CHECK_LIBS)
TESTS += tests/screen/test_queue_order
EXTRA_DIST += tests/screen/console.sh tests/screen/lib.sh tests/screen/fixture.sql
# demo.sh: `./bootstrap demo` for real (private cluster, demo data, console, reuse)
TESTS += tests/screen/demo.sh
EXTRA_DIST += tests/screen/demo.sh
# booking.sh: calls (timer, typed duration, split) and time entries in the console
TESTS += tests/screen/booking.sh
EXTRA_DIST += tests/screen/booking.sh
# journal.sh: entries typed offline are kept in the journal and sent once (issue 7)
TESTS += tests/screen/journal.sh
EXTRA_DIST += tests/screen/journal.sh
# reconnect.sh: LIVE within 2 s of the server being back, back-off capped at
# 5 s, a key retries at once (issue 12; ui/session.h)
TESTS += tests/screen/reconnect.sh
# keybar.sh: the key bar on every screen, messages whole and their screen,
# the board scrolled, its help, its compact layout at 40x12 (issue 12)
TESTS += tests/screen/keybar.sh
EXTRA_DIST += tests/screen/keybar.sh
EXTRA_DIST += tests/screen/reconnect.sh
# screens.sh: whole screens (queue, ticket, help, board at 80x24 and 132x43)
# against tests/screen/expected/; `make screen-expected` rewrites them.
TESTS += tests/screen/screens.sh
EXTRA_DIST += tests/screen/screens.sh tests/screen/screens-lib.sh $(SCREEN_EXPECTED)
SCREEN_EXPECTED = \
	tests/screen/expected/queue-80x24.txt tests/screen/expected/queue-132x43.txt \
	tests/screen/expected/ticket-80x24.txt tests/screen/expected/ticket-132x43.txt \
	tests/screen/expected/help-80x24.txt tests/screen/expected/help-132x43.txt \
	tests/screen/expected/board-80x24.txt tests/screen/expected/board-132x43.txt
# tests/i18n/screens-locale.sh: the same screens and a form at 80x24 by locale
SCREEN_EXPECTED += \
	tests/screen/expected/queue-80x24-de_DE.UTF-8.txt tests/screen/expected/ticket-80x24-de_DE.UTF-8.txt tests/screen/expected/form-80x24-de_DE.UTF-8.txt \
	tests/screen/expected/help-80x24-de_DE.UTF-8.txt tests/screen/expected/board-80x24-de_DE.UTF-8.txt \
	tests/screen/expected/queue-80x24-en_US.UTF-8.txt tests/screen/expected/ticket-80x24-en_US.UTF-8.txt tests/screen/expected/form-80x24-en_US.UTF-8.txt \
	tests/screen/expected/help-80x24-en_US.UTF-8.txt tests/screen/expected/board-80x24-en_US.UTF-8.txt \
	tests/screen/expected/queue-80x24-C.txt tests/screen/expected/ticket-80x24-C.txt tests/screen/expected/form-80x24-C.txt \
	tests/screen/expected/help-80x24-C.txt tests/screen/expected/board-80x24-C.txt
screen-expected: sdesk$(EXEEXT)
	$(AM_TESTS_ENVIRONMENT) SDESK_SCREEN_UPDATE=1 $(top_srcdir)/tests/with-pg $(SHELL) $(top_srcdir)/tests/screen/screens.sh
	$(AM_TESTS_ENVIRONMENT) SDESK_SCREEN_UPDATE=1 $(top_srcdir)/tests/with-pg $(SHELL) $(top_srcdir)/tests/i18n/screens-locale.sh
	@echo "review: git -C $(top_srcdir) diff tests/screen/expected"
.PHONY: screen-expected
# oncall.sh: on-call work in the console (003): start, checklist, end, report sent
TESTS += tests/screen/oncall.sh
EXTRA_DIST += tests/screen/oncall.sh
# day.sh: an agent's day (issue 12): budget column, thread, close/find/reopen,
# a call that survives kill -9, the quit prompt, history in words, one zone
TESTS += tests/screen/day.sh
EXTRA_DIST += tests/screen/day.sh
# incremental.sh: a NOTIFY naming a ticket re-reads and merges that row; after
# every change the merged queue equals a whole reload (issue 15; doc/console.md)
TESTS += tests/screen/incremental.sh
EXTRA_DIST += tests/screen/incremental.sh
