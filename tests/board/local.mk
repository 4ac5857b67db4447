# tests/board: the breach board and the monitoring check (doc/board.md).
# test_board_model: states, lists and countdowns by the clock (no database);
# check.sh: sdesk check exit codes/perfdata and board --once (real database);
# tests/screen/board.sh: two live boards in tmux, NOTIFY, due instants
# passing, a server restart under a running board.
check_PROGRAMS += tests/board/test_board_model
tests_board_test_board_model_SOURCES = tests/board/test_board_model.c
tests_board_test_board_model_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_board_test_board_model_LDADD = libui.a libengine.a libbase.a $(CHECK_LIBS)
TESTS += tests/board/test_board_model tests/board/check.sh tests/screen/board.sh
EXTRA_DIST += tests/board/check.sh tests/board/fixture.sql tests/screen/board.sh
# delta.sh: a board that follows a change by a partial reload holds what a
# whole snapshot holds (its helper board_delta compares the two).
check_PROGRAMS += tests/board/board_delta
tests_board_board_delta_SOURCES = tests/board/board_delta.c
tests_board_board_delta_LDADD = libdb.a libengine.a libbase.a $(LIBPQ_LIBS)
TESTS += tests/board/delta.sh
EXTRA_DIST += tests/board/delta.sh
# standby.sh: board, check and statement on a hot standby (pg_basebackup,
# streaming replication; tests/standby-lib.sh), promotion under the board.
TESTS += tests/board/standby.sh
EXTRA_DIST += tests/board/standby.sh tests/standby-lib.sh

# make bench-board (also run by make bench): tests/board/bench.sh fills a
# database with 1,000,000 tickets (10,000 open) and measures the board.
noinst_PROGRAMS += tests/board/bench_board
tests_board_bench_board_SOURCES = tests/board/bench_board.c
tests_board_bench_board_LDADD = libdb.a libengine.a libbase.a $(LIBPQ_LIBS)
EXTRA_DIST += tests/board/bench.sh tests/board/bench-data.sql
bench-board: all
	$(AM_TESTS_ENVIRONMENT) $(top_srcdir)/tests/with-pg $(SHELL) $(top_srcdir)/tests/board/bench.sh
.PHONY: bench-board

bench: bench-board
