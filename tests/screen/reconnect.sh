#!/usr/bin/env bash
# Reconnecting quickly (issue 12, item 6; ui/session.h), with the shipped
# reconnect settings: a console and a board in tmux; the server is stopped
# for 8 s (a doubling back-off from 0.5 s would wait 8 s more by then) and
# started again: both are LIVE within 2 s of `pg_ctl start` returning (the
# times are printed). Then the server answers but refuses the database
# (ALLOW_CONNECTIONS false): the back-off grows, is shown, never above 5 s,
# and a key (F5 on the board, any key in the console) retries at once.
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"   # it stops and restarts the server
. "$top_srcdir/tests/screen/lib.sh"

export TZ=Europe/Berlin LANG=C.UTF-8 LC_ALL=C.UTF-8
export SDESK_NOW=2026-11-30T17:55:00+01:00
pg_test_db sdesk_reconnect
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; connect_timeout = 2; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
"$SDESK_BIN" db migrate >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" plans load >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
for f in tests/screen/fixture.sql tests/board/fixture.sql; do
	psql -X -q -v ON_ERROR_STOP=1 -f "$top_srcdir/$f" >"$TMP/fixture.out" 2>&1 \
		|| { cat "$TMP/fixture.out" >&2; exit 99; }
done
LEAD="rita_$$"
"$SDESK_BIN" admin add-agent "$LEAD" --name "Rita Lead" --role lead --tier 1 --team "Team Nord" >/dev/null || exit 99

screen_of() { scr_tmux capture-pane -p -t "$1" 2>/dev/null; }
ms() { date +%s%3N; }
more_session() { scr_tmux set-option -g window-size latest >/dev/null; SCR_TARGET=$1; shift; scr_start "$@"; }
# wait_for TARGET REGEX MS: polls every 50 ms; prints the ms it took, or fails
wait_for() {
	local t0 now
	t0=$(ms)
	while :; do
		screen_of "$1" | grep -Eq -- "$2" && { echo $(( $(ms) - t0 )); return 0; }
		now=$(ms)
		[ $((now - t0)) -ge "$3" ] && return 1
		sleep 0.05
	done
}
SQL() { psql -X -q -d postgres -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }

SCR_TARGET=con PGUSER=$LEAD scr_start 80 24 env SDESK_NOW=$SDESK_NOW "$SDESK_BIN" console
more_session brd 80 24 env SDESK_NOW=$SDESK_NOW "$SDESK_BIN" board
SCR_TARGET=con scr_expect "console opens LIVE" ' LIVE( |$)' 10
SCR_TARGET=brd scr_expect "board opens LIVE" 'LIVE +17:55' 10

# ---- the server restarts: LIVE within 2 s of it being back --------------------------
"$SDESK_PGCTL" stop >/dev/null 2>&1
SCR_TARGET=con scr_expect "console: OFFLINE" 'OFFLINE - connection lost' 10
SCR_TARGET=brd scr_expect "board: OFFLINE" 'OFFLINE since' 10
SCR_TARGET=con scr_expect "console: retrying, never more than 5 s away" 'reconnecting in [0-5]s' 2
sleep 8   # down for a while: an uncapped doubling back-off would wait long now
"$SDESK_PGCTL" start >/dev/null 2>&1 || fail "the server did not start again"
t_con=$(wait_for con ' LIVE( |$)' 10000) || t_con=
t_brd=$(wait_for brd 'LIVE +17:55' 10000) || t_brd=
echo "time to LIVE after the server was back: console ${t_con:-never} ms, board ${t_brd:-never} ms"
[ -n "$t_con" ] && [ "$t_con" -lt 2000 ] && pass || fail "console: LIVE after ${t_con:-more than 10000} ms, not within 2000"
[ -n "$t_brd" ] && [ "$t_brd" -lt 2000 ] && pass || fail "board: LIVE after ${t_brd:-more than 10000} ms, not within 2000"
SCR_TARGET=con scr_expect "console: says so" 'connection restored' 2

# ---- the server answers but refuses: back-off up to 5 s, a key retries at once ----
refuse() {
	SQL "ALTER DATABASE \"$PGDATABASE\" ALLOW_CONNECTIONS false"
	SQL "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$PGDATABASE'"
}
refuse
SCR_TARGET=brd scr_expect "board: OFFLINE again" 'OFFLINE since' 10
SCR_TARGET=brd scr_expect "board: the wait grows (back-off)" 'retry in [3-5]s' 15
SCR_TARGET=brd scr_expect_not "board: the wait never above 5 s" 'retry in ([6-9]|[1-9][0-9]+)s' 1
SQL "ALTER DATABASE \"$PGDATABASE\" ALLOW_CONNECTIONS true"
# Wait for a countdown of 3 s or more, then F5: LIVE well before it runs out.
SCR_TARGET=brd scr_wait 'retry in [3-5]s' 10 || fail "board: no countdown of 3 s or more"
SCR_TARGET=brd scr_keys F5
t=$(wait_for brd 'LIVE +17:55' 5000) || t=
echo "board: F5 to LIVE ${t:-never} ms"
[ -n "$t" ] && [ "$t" -lt 1500 ] && pass || fail "board: F5 did not retry at once (${t:-never} ms)"

SCR_TARGET=con scr_expect "console: LIVE again by itself" ' LIVE( |$)' 10
refuse
SCR_TARGET=con scr_expect "console: OFFLINE again" 'OFFLINE - connection lost' 10
SCR_TARGET=con scr_expect "console: the wait grows (back-off)" 'reconnecting in [3-5]s' 15
SQL "ALTER DATABASE \"$PGDATABASE\" ALLOW_CONNECTIONS true"
SCR_TARGET=con scr_wait 'reconnecting in [3-5]s' 10 || fail "console: no countdown of 3 s or more"
SCR_TARGET=con scr_keys Down
t=$(wait_for con ' LIVE( |$)' 5000) || t=
echo "console: a key to LIVE ${t:-never} ms"
[ -n "$t" ] && [ "$t" -lt 1500 ] && pass || fail "console: a key did not retry at once (${t:-never} ms)"
finish
