#!/usr/bin/env bash
# Failover loses nothing (issue 15, doc/admin.md): a client logs 200 time
# entries through the local journal with a multi-host conninfo
# (target_session_attrs=read-write) while the primary is killed (immediate
# stop, as in a crash) and its synchronous standby, made by pg_basebackup, is
# promoted mid-run. The client dies once right after the database confirmed
# an entry (before its journal heard of it) and is killed with kill -9 once
# more after the promotion; each time it is restarted and resubmits from its
# journal. Afterwards the new primary holds exactly 200 rows, none doubled.
# `sdesk log` during the outage keeps its entry pending and sends it once
# after the promotion.
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"   # it adds a standby and kills the primary
. "$top_srcdir/tests/standby-lib.sh"
name="sdesk_failover_$$"
createdb "$name" || { echo "failover.sh: createdb failed" >&2; exit 99; }
cleanup() {
	[ -n "${cpid:-}" ] && kill -9 "$cpid" 2>/dev/null
	standby_stop
	rm -rf "$TMP"
}
trap cleanup EXIT
: >"$TMP/sdesk.cfg"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }
SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" db migrate --db "dbname=$name" >/dev/null ||
	{ echo "failover.sh: migrate failed" >&2; exit 99; }
"$SDESK_BIN" plans load --db "dbname=$name" >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
q "INSERT INTO agent (login, display_name) VALUES (session_user, 'Tester');
   INSERT INTO account (code, name, activated_on) VALUES ('ACME', 'Acme', '2025-01-05');
   INSERT INTO contract (account_id, plan_code, valid_from) VALUES (1, 'support-level-1', '2025-01-01');
   INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at)
     VALUES (1, 1, 'email', 'question', 'Work', '2026-03-02 09:00+01');" >/dev/null ||
	{ echo "failover.sh: fixture failed" >&2; exit 99; }
standby_start sync || exit 99
standby_wait_streaming || exit 99

client="$top_builddir/tests/security/journal_client"
J="$TMP/state/sdesk/journal"
conn="host=$PGHOST,$STANDBY_HOST port=$PGPORT,$STANDBY_PORT dbname=$name connect_timeout=2 target_session_attrs=read-write"
N=200
qs() { psql -X -q -At -v ON_ERROR_STOP=1 "host=$STANDBY_HOST port=$STANDBY_PORT dbname=$name" -c "$1"; }
sdesk_log() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" log time SD-10001 15m support --at 2026-03-02T11:00:00+01:00 \
	--note "$1" --db "$conn"; }

# 1. Dies on its own right after entry 30 was saved (on the primary).
"$client" "$J" "$conn" 10001 "$N" 0 30 2>"$TMP/c1.err"; rc=$?
expect_eq "first run killed itself (SIGKILL)" 137 "$rc"
expect_eq "entry 30 is on the primary" 1 "$(q "SELECT count(*) FROM time_entry WHERE note = 'fault-test 30'")"
expect_eq "entry 30 is on the synchronous standby too" 1 \
	"$(qs "SELECT count(*) FROM time_entry WHERE note = 'fault-test 30'")"
out=$(sdesk_log 'via sdesk log, online'); rc=$?
expect_eq "sdesk log with the multi-host conninfo: saved" 0 "$rc"

# 2. Restarted; the primary is killed mid-run, the standby promoted; kill -9
#    of the client after the promotion.
"$client" "$J" "$conn" 10001 "$N" 15 2>"$TMP/c2.err" &
cpid=$!
for i in $(seq 1 100); do   # until the client has written again
	[ "$(q "SELECT count(*) FROM time_entry")" -ge 45 ] 2>/dev/null && break
	sleep 0.1
done
"$SDESK_PGCTL" -m immediate stop >/dev/null || fail "killing the primary"
t_down=$(date +%s%3N)
before=$(qs "SELECT count(*) FROM time_entry")
out=$(sdesk_log 'via sdesk log, offline' 2>&1); rc=$?
expect_eq "sdesk log while no primary is up: exit 1" 1 "$rc"
expect_match "sdesk log: pending in its journal" 'not sent .*pending in the journal' "$out"
sleep 1   # entries pile up in the client's journal
"$STANDBY_PGCTL" promote >/dev/null || fail "promoting the standby"
t_up=$(date +%s%3N)
echo "failover.sh: primary killed with $before entries on the standby; promoted $(( t_up - t_down )) ms later"
for i in $(seq 1 100); do   # until the client writes to the new primary
	[ "$(qs "SELECT count(*) FROM time_entry")" -gt "$before" ] && break
	sleep 0.1
done
expect_match "the client writes to the promoted standby" '^[0-9]+$' "$(qs "SELECT count(*) FROM time_entry")"
sleep 0.$(( RANDOM % 5 + 2 ))
kill -9 "$cpid" 2>/dev/null; wait "$cpid" 2>/dev/null; cpid=
echo "failover.sh: client killed with $(qs "SELECT count(*) FROM time_entry") rows on the new primary"

# 3. Restarted again against the same conninfo: it finishes on the new primary.
"$client" "$J" "$conn" 10001 "$N" 0 2>"$TMP/c3.err"; rc=$?
expect_eq "last run confirmed every entry" 0 "$rc"
[ "$rc" -eq 0 ] || cat "$TMP"/c*.err >&2
out=$(SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" journal flush --db "$conn" 2>&1); rc=$?
expect_eq "sdesk journal flush after the promotion: exit 0" 0 "$rc"
expect_eq "sdesk journal flush sent the pending sdesk log entry" "saved 1, refused 0, still pending 0" "$out"

expect_eq "exactly $N entries of the client on the new primary" "$N" \
	"$(qs "SELECT count(*) FROM time_entry WHERE note LIKE 'fault-test %'")"
expect_eq "none doubled" "$N" "$(qs "SELECT count(DISTINCT note) FROM time_entry WHERE note LIKE 'fault-test %'")"
expect_eq "every entry 1..$N present" "" "$(qs "SELECT string_agg(n::text, ',') FROM generate_series(1, $N) n
	WHERE NOT EXISTS (SELECT 1 FROM time_entry WHERE note = 'fault-test ' || n)")"
expect_eq "the two sdesk log entries once each" "1 1" \
	"$(qs "SELECT count(*) FILTER (WHERE note = 'via sdesk log, online') || ' ' ||
		count(*) FILTER (WHERE note = 'via sdesk log, offline') FROM time_entry")"
expect_eq "one idempotency key per entry" "$(( N + 2 ))" "$(qs "SELECT count(*) FROM request WHERE action = 'book_time'")"
out=$(SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" journal list --journal "$J")
expect_match "client journal: nothing pending" "0 pending, 0 refused" "$out"
finish
