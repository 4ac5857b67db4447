#!/usr/bin/env bash
# Board benchmark (make bench-board, under tests/with-pg; not in make check).
#   BENCH_TICKETS (1000000), BENCH_OPEN (10000), BENCH_BOARDS (20)
# Reports: snapshot/chart query median and p95 (target: snapshot median <
# 10 ms), the latency of a committed change to the screen of BENCH_BOARDS
# boards in tmux (each board traces its repaints; target p95 < 100 ms), bytes an
# idle board writes to its terminal in 60 s, and a board's VmRSS/VmHWM.
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"
total=${BENCH_TICKETS:-1000000} open=${BENCH_OPEN:-10000} boards=${BENCH_BOARDS:-20}
pg_test_db sdesk_bench
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
"$SDESK_BIN" db migrate >/dev/null || exit 1
"$SDESK_BIN" plans load >/dev/null || exit 1
psql -X -q -v ON_ERROR_STOP=1 -f "$top_srcdir/tests/screen/fixture.sql" >/dev/null || exit 1
t0=$(date +%s)
psql -X -q -v ON_ERROR_STOP=1 -v total="$total" -v open="$open" -f "$top_srcdir/tests/board/bench-data.sql" >/dev/null || exit 1
echo "generated $total tickets ($open open) in $(( $(date +%s) - t0 )) s"

"$top_builddir/tests/board/bench_board" "" 200 || exit 1

# ---- notify-to-screen latency over N boards ------------------------------------
ms() { date +%s%3N; }
scr_tmux -f /dev/null new-session -d -s bench -x 120 -y 40 sleep 100000
for i in $(seq 1 "$boards"); do
	scr_tmux new-window -t bench -d -n "b$i" \
		env TERM=xterm-256color LANG=C.UTF-8 TZ=Europe/Berlin PGHOST="$PGHOST" PGPORT="$PGPORT" \
		PGUSER="$PGUSER" SDESK_CONFIG="$SDESK_CONFIG" "$SDESK_BIN" board --trace "$TMP/trace.$i"
done
sleep 5
lat="$TMP/latency"
: >"$lat"
# A committed change on screen (issue 11 item 7): each round commits a real
# change of an open ticket on the boards (its escalation level, with its
# history row and NOTIFY through record_change, as an action writes it: the
# payload is the ticket's id) and prints the instant of its last statement
# before COMMIT; each board traces the repaint that followed a payload
# ("<ms> <payload>"): one latency per board and round, over the cluster's
# own clock (one machine).
ids=$(psql -X -q -At -c "SELECT string_agg(id::text, ' ') FROM (SELECT id FROM ticket
	WHERE status IN ('new', 'open') ORDER BY reaction_due LIMIT 20) x")
k=0
: >"$TMP/commits"
for id in $ids; do
	k=$((k + 1))
	psql -X -q -At -v ON_ERROR_STOP=1 -v id="$id" -v lvl=$((k % 3 + 1)) >>"$TMP/commits" <<'SQL' || exit 1
BEGIN;
UPDATE ticket SET escalation_level = :lvl WHERE id = :id;
SELECT record_change('ticket', :'id', :id, 'bench', NULL, jsonb_build_object('escalation_level', :lvl)) \g /dev/null
SELECT :id, floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint;
COMMIT;
SQL
	sleep 0.5
done
sleep 1
cat "$TMP"/trace.* | awk 'NR == FNR { split($0, c, "|"); at[c[1]] = c[2]; next }
	($2 in at) { print $1 - at[$2] }' "$TMP/commits" - | sort -n >"$lat"
n=$(wc -l <"$lat")
if [ "$n" -gt 0 ]; then
	med=$(sed -n "$(( (n + 1) / 2 ))p" "$lat")
	p95=$(sed -n "$(( (n * 95 + 99) / 100 ))p" "$lat")
	echo "committed change on screen over $boards boards: $n repaints, median $med ms, p95 $p95 ms" \
		"(target p95 < 100 ms: $([ "$p95" -lt 100 ] && echo met || echo NOT met))"
else
	echo "committed change on screen: no traces"
fi
pid=$(pgrep -f -n -- "--trace $TMP/trace.1" || true)
[ -n "$pid" ] && grep -E 'VmRSS|VmHWM' /proc/"$pid"/status | tr -s ' \t' ' ' | sed 's/^/board memory: /'
scr_tmux kill-session -t bench

# ---- bytes written by an idle board in 60 s ---------------------------------------
# dbname: the bench database (countdowns in their last 10 minutes tick every
# second there) and a quiet one with the small screen fixture only.
idle() { # NAME DBNAME
	scr_tmux -f /dev/null new-session -d -s "$1" -x 120 -y 40 \
		env TERM=xterm-256color LANG=C.UTF-8 TZ=Europe/Berlin PGHOST="$PGHOST" PGPORT="$PGPORT" \
		PGUSER="$PGUSER" PGDATABASE="$2" SDESK_CONFIG= script -q -f -c "$SDESK_BIN board" "$TMP/ts.$1"
}
quiet="${PGDATABASE}_quiet"
psql -X -q -d postgres -c "CREATE DATABASE \"$quiet\"" >/dev/null
PGDATABASE=$quiet "$SDESK_BIN" --config /dev/null db migrate >/dev/null 2>&1 \
	|| SDESK_CONFIG= PGDATABASE=$quiet "$SDESK_BIN" db migrate >/dev/null
SDESK_CONFIG= PGDATABASE=$quiet "$SDESK_BIN" plans load >/dev/null
SDESK_CONFIG= PGDATABASE=$quiet psql -X -q -f "$top_srcdir/tests/screen/fixture.sql" >/dev/null
idle quiet "$quiet"
idle busy "$PGDATABASE"
sleep 5
q0=$(stat -c %s "$TMP/ts.quiet") b0=$(stat -c %s "$TMP/ts.busy")
sleep 60
q1=$(stat -c %s "$TMP/ts.quiet") b1=$(stat -c %s "$TMP/ts.busy")
echo "idle board 120x40, small fixture: $(( q1 - q0 )) bytes in 60 s (first paint $q0 bytes)"
echo "idle board 120x40, bench data:    $(( b1 - b0 )) bytes in 60 s (first paint $b0 bytes)"
# script(1) and its board outlive the tmux server's hangup: end them by pid.
for p in $(scr_tmux list-panes -a -F '#{pane_pid}'); do
	kill $(pgrep -P "$p") "$p" 2>/dev/null
done
scr_tmux kill-server
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$quiet\" WITH (FORCE)" >/dev/null
echo "bench: done"
