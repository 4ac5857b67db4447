#!/usr/bin/env bash
# Whole screens, as tig tests them: the real sdesk in tmux against a real
# database, every line of the screen compared with a file under
# tests/screen/expected/ (queue, ticket, help and board at 80x24 and 132x43).
# Everything a screen shows is pinned: now (SDESK_NOW, and so the database's
# sdesk.now), zone, locale, terminal and size, the database and login names
# (a private cluster), and the fixture's stamps (tests/screen/fixture.sql
# made at the pinned instant; its history rows' real-time stamps and author
# pinned below). Nothing is masked.
#
# `make screen-expected` runs this with SDESK_SCREEN_UPDATE=1: it writes the
# screens into tests/screen/expected/ instead of comparing; review the diff
# (git diff tests/screen/expected) and commit it with the change.
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"   # fixed database and role names (they are on the screen)
. "$top_srcdir/tests/screen/lib.sh"

EXP="$top_srcdir/tests/screen/expected"
UPDATE=${SDESK_SCREEN_UPDATE:-}
export SDESK_NOW=2026-11-30T17:55:00+01:00 TZ=Europe/Berlin LANG=C.UTF-8 LC_ALL=C.UTF-8
SCR_TERM=xterm-256color
unset NO_COLOR
export PGDATABASE=sdesk_screens
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS sdesk_screens WITH (FORCE)" >/dev/null 2>&1
createdb sdesk_screens || exit 99
SCR_DB=sdesk_screens   # scr_cleanup drops it
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=sdesk_screens"; };
ui = { at_risk_minutes = 60; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
{ "$SDESK_BIN" db migrate && "$SDESK_BIN" plans load &&
  PGOPTIONS="-c sdesk.now=$SDESK_NOW" psql -X -q -v ON_ERROR_STOP=1 -f "$top_srcdir/tests/screen/fixture.sql" &&
  "$SDESK_BIN" admin add-agent screen_lead --name "Lena Lead" --role lead --tier 1 --team "Team Nord"; } \
	>"$TMP/setup.out" 2>&1 || { cat "$TMP/setup.out" >&2; exit 99; }
# History stamps are real time (now(), doc/hacking.md "Pinned now") and
# name the setting-up login (root or postgres): pin both. history is
# append-only by trigger; replica mode lets the owner of the fixture fix it.
psql -X -q -v ON_ERROR_STOP=1 >/dev/null <<SQL || exit 99
SET session_replication_role = replica;
UPDATE history SET at = timestamptz '$SDESK_NOW', who = 'screen_setup';
SQL

# shot NAME: wait until the screen stands still, then compare it with
# expected/NAME.txt (or write it there with SDESK_SCREEN_UPDATE=1).
shot() {
	local prev="" cur i
	for ((i = 0; i < 50; i++)); do
		cur=$(scr_screen)
		[ -n "$cur" ] && [ "$cur" = "$prev" ] && break
		prev=$cur
		sleep 0.1
	done
	scr_screen >"$TMP/$1.txt"
	if [ -n "$UPDATE" ]; then
		mkdir -p "$EXP"
		cp "$TMP/$1.txt" "$EXP/$1.txt"
		echo "screens.sh: wrote tests/screen/expected/$1.txt"
		pass
	elif [ ! -f "$EXP/$1.txt" ]; then
		fail "$1: no expected screen tests/screen/expected/$1.txt (make screen-expected)"
	elif diff -u "$EXP/$1.txt" "$TMP/$1.txt" >"$TMP/$1.diff"; then
		pass
	else
		fail "$1: the screen differs from tests/screen/expected/$1.txt (- expected, + shown):"
		cat "$TMP/$1.diff" >&2
	fi
}

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
