#!/usr/bin/env bash
# Whole screens, as tig tests them: the real sdesk in tmux against a real
# database, every line of the screen compared with a file under
# tests/screen/expected/ (queue, ticket, help and board at 80x24 and 132x43).
# Everything a screen shows is pinned: now (SDESK_NOW, and so the database's
# sdesk.now), zone, locale, terminal and size, the database and login names
# (a private cluster), and the fixture's stamps (tests/screen/fixture.sql
# made at the pinned instant; its history rows' real-time stamps and author
# pinned in tests/screen/screens-lib.sh). Nothing is masked.
#
# `make screen-expected` runs this with SDESK_SCREEN_UPDATE=1: it writes the
# screens into tests/screen/expected/ instead of comparing; review the diff
# (git diff tests/screen/expected) and commit it with the change.
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"   # fixed database and role names (they are on the screen)
. "$top_srcdir/tests/screen/lib.sh"

export LANG=C.UTF-8 LC_ALL=C.UTF-8   # the suite's locale (English); tests/i18n/screens-locale.sh: others
. "$top_srcdir/tests/screen/screens-lib.sh"   # the pinned database, fixture and shot()

for size in 80x24 132x43; do
	w=${size%x*} h=${size#*x}
	# The console: queue, the first (most urgent) ticket, help.
	PGUSER=screen_lead scr_start "$w" "$h" "$SDESK_BIN"
	if scr_wait 'SD-10004' 10; then pass; else fail "$size: the console shows no queue"; scr_show; fi
	shot "queue-$size"
	scr_keys Enter
	scr_expect "$size: ticket screen opens" 'Kein Login möglich' 10
	shot "ticket-$size"
	scr_keys q
	scr_expect "$size: back to the queue" 'ID +Customer' 10
	scr_keys '?'
	scr_expect "$size: help opens" '[Hh]elp' 10
	shot "help-$size"
	scr_keys q q q
	scr_stop
	# The board.
	PGUSER=screen_lead scr_start "$w" "$h" "$SDESK_BIN" board
	if scr_wait 'SD-10002' 10; then pass; else fail "$size: the board shows no tickets"; scr_show; fi
	shot "board-$size"
	scr_keys q
	scr_stop
done
finish
