#!/usr/bin/env bash
# Exactly once (issue 7): a client logs 200 time entries through the local
# journal while the PostgreSQL server is stopped and started several times;
# the client kills itself once right after the database confirmed an entry
# (before its journal heard of it), and is killed with kill -9 once more at a
# random moment; each time it is restarted and resubmits from its journal.
# Afterwards exactly 200 rows exist, none doubled.
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ] || [ -z "${SDESK_PGCTL:-}" ]; then
	echo "journal-fault.sh: PGHOST/SDESK_PGCTL not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
# Stopping the shared server would break the database tests running beside
# this one (make -j check): take a private throwaway cluster.
private_cluster "$@"
name="sdesk_jfault_$$_$(date +%s)"
createdb "$name" || { echo "journal-fault.sh: createdb failed" >&2; exit 99; }
cleanup() {
	"$SDESK_PGCTL" start >/dev/null 2>&1
	[ -n "${cpid:-}" ] && kill "$cpid" 2>/dev/null
	dropdb --if-exists --force "$name"
	rm -rf "$TMP"
}
trap cleanup EXIT
: >"$TMP/sdesk.cfg"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }
SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" db migrate --db "dbname=$name" >/dev/null ||
	{ echo "journal-fault.sh: migrate failed" >&2; exit 99; }
"$SDESK_BIN" plans load --db "dbname=$name" >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
q "   INSERT INTO agent (login, display_name) VALUES (session_user, 'Tester');
   INSERT INTO account (code, name) VALUES ('ACME', 'Acme');
   INSERT INTO contract (account_id, plan_code, valid_from) VALUES (1, 'support-level-1', '2025-01-01');
   INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at)
     VALUES (1, 1, 'email', 'question', 'Work', '2026-03-02 09:00+01');" >/dev/null ||
	{ echo "journal-fault.sh: fixture failed" >&2; exit 99; }

client="$top_builddir/tests/security/journal_client"
J="$TMP/state/sdesk/journal"
conn="dbname=$name connect_timeout=2"
N=200

# 1. Dies on its own right after entry 40 was saved.
"$client" "$J" "$conn" 10001 "$N" 0 40 2>"$TMP/c1.err"; rc=$?
expect_eq "first run killed itself (SIGKILL)" 137 "$rc"
expect_eq "entry 40 is in the database" 1 "$(q "SELECT count(*) FROM time_entry WHERE note = 'fault-test 40'")"
out=$(SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" journal list --journal "$J")
expect_match "sdesk journal list shows entry 40 as pending" "^pending .* book_time\(10001, .*fault-test 40\)$" "$out"
expect_match "sdesk journal list counts it" "1 pending, 0 refused" "$out"

# 2. Restarted; the server goes away three times; kill -9 once on the way.
"$client" "$J" "$conn" 10001 "$N" 40 2>"$TMP/c2.err" &
cpid=$!
for pause in 0.7 1.2 0.5; do
	sleep "$pause"
	"$SDESK_PGCTL" stop >/dev/null || fail "pg_ctl stop"
	sleep 1
	"$SDESK_PGCTL" start >/dev/null || fail "pg_ctl start"
done
kill -9 "$cpid" 2>/dev/null; wait "$cpid" 2>/dev/null; cpid=
pending=$(SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" journal list --journal "$J" | sed -n 's/.*: \([0-9]*\) pending.*/\1/p')
typed=$(grep -c 'fault-test' "$J" 2>/dev/null)
echo "journal-fault.sh: after kill -9: $typed records of typed entries, $(q "SELECT count(*) FROM time_entry") rows saved, $pending pending"

# 3. Restarted again, one more outage, then it finishes.
"$client" "$J" "$conn" 10001 "$N" 5 2>"$TMP/c3.err" &
cpid=$!
sleep 0.5
"$SDESK_PGCTL" stop >/dev/null || fail "pg_ctl stop"
sleep 1
"$SDESK_PGCTL" start >/dev/null || fail "pg_ctl start"
wait "$cpid"; rc=$?; cpid=
expect_eq "last run confirmed every entry" 0 "$rc"
[ "$rc" -eq 0 ] || cat "$TMP"/c*.err >&2

expect_eq "exactly $N time entries" "$N" "$(q "SELECT count(*) FROM time_entry")"
expect_eq "none doubled" "$N" "$(q "SELECT count(DISTINCT note) FROM time_entry")"
expect_eq "every entry 1..$N present" "" "$(q "SELECT string_agg(n::text, ',') FROM generate_series(1, $N) n
	WHERE NOT EXISTS (SELECT 1 FROM time_entry WHERE note = 'fault-test ' || n)")"
expect_eq "one idempotency key per entry" "$N" "$(q "SELECT count(*) FROM request WHERE action = 'book_time'")"
out=$(SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" journal list --journal "$J")
expect_match "journal: nothing pending" "0 pending, 0 refused" "$out"
out=$(SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" journal flush --journal "$J" --db "$conn")
expect_eq "flush with nothing pending" "saved 0, refused 0, still pending 0" "$out"
finish
