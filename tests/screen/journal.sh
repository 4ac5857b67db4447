#!/usr/bin/env bash
# Exactly once from the console (issue 7), as an agent sees it: the server
# goes away while a ticket is open; the agent logs a time entry, a call and
# takes the ticket: each is saved locally, the header counts them, the
# console stays usable. The server comes back: they are sent, the count goes
# away, the database holds one row each. Then the console is killed (kill -9)
# with an entry pending and started again: it sends it, once.
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"   # it stops and starts the server
. "$top_srcdir/tests/screen/lib.sh"

pg_test_db sdesk_jscreen
J="$TMP/journal"
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; connect_timeout = 2; };
reconnect = { min_ms = 200; max_ms = 1000; };
journal = { path = "$J"; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
trap '"$SDESK_PGCTL" start >/dev/null 2>&1; scr_cleanup' EXIT

"$SDESK_BIN" db migrate >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" plans load >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
psql -X -q -v ON_ERROR_STOP=1 >"$TMP/fixture.out" 2>&1 <<'SQL' || { cat "$TMP/fixture.out" >&2; exit 99; }
INSERT INTO agent (login, display_name, is_lead) VALUES (session_user, 'Tester', true);
INSERT INTO account (code, name, activated_on) VALUES ('TEL', 'Telefon KG', current_date - 400);
INSERT INTO contract (account_id, plan_code, valid_from) VALUES (1, 'support-level-1', current_date - 400);
INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at) VALUES
  (1, 1, 'phone', 'question', 'Rückfrage Telefon', now() - interval '1 hour'),
  (1, 1, 'email', 'question', 'Zweite Frage', now() - interval '2 hours');
SELECT ledger_credit(gen_random_uuid(), 1, 'monthly_allowance', date_trunc('month', now() AT TIME ZONE 'Europe/Berlin')::date);
SELECT ledger_credit(gen_random_uuid(), 1, 'activation_credit', NULL);
SQL
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

scr_start 100 40 "$SDESK_BIN"
scr_expect "queue opens" 'SD-10002'
scr_keys /
scr_type 'Rückfrage'
scr_expect_not "search leaves one ticket" 'SD-10002'
scr_keys Enter Enter
scr_expect "ticket screen" 'free minutes left this month: 15 of 15'

# ---- the server goes away
"$SDESK_PGCTL" stop >/dev/null || fail "pg_ctl stop"
scr_expect "offline banner" 'OFFLINE - connection lost' 10

# A time entry: no price offline, saved locally.
scr_keys L
scr_expect "time form offline" 'log time'
scr_type '30m'
scr_keys Enter
scr_expect "time saved locally" 'SD-10001: time saved locally, 1 pending'
scr_expect "banner counts it" 'OFFLINE - connection lost.* 1 pending in the journal'

# A call: the timer runs offline too.
scr_keys p
scr_expect "timer starts offline" 'call on SD-10001 started \(offline'
scr_expect "timer ticks" 'CALL SD-10001 00:0[1-9]' 4
scr_keys p
scr_expect "call form" 'Duration.*0m [0-9]+s'
scr_expect "no split offline" 'price is computed when the entry is sent'
scr_keys Enter
scr_expect "call saved locally" 'SD-10001: call saved locally, 2 pending'

# A ticket action: take it.
scr_keys t
scr_expect "take saved locally" 'SD-10001: taken - saved locally, 3 pending'
scr_expect "banner counts three" ' 3 pending in the journal'

# Still usable for reading: back to the queue, search, open again.
scr_keys Escape x
scr_expect "queue offline" 'SD-10002'
scr_keys / ; scr_type 'Zweite'; scr_keys Enter
scr_expect_not "search works offline" 'SD-10001'
scr_keys x / ; scr_type 'Rückfrage'; scr_keys Enter Enter
scr_expect "ticket screen offline" 'SD-10001  R'
out=$("$SDESK_BIN" journal list)
expect_match "three pending in the journal file" '3 pending, 0 refused' "$out"

# ---- the server comes back: sent, once, count gone
"$SDESK_PGCTL" start >/dev/null || fail "pg_ctl start"
scr_expect "live again" 'LIVE' 15
scr_expect "pending entries saved" 'pending entries saved: 0 pending' 15
scr_expect_not "no pending count" '[0-9]+ pending *LIVE'
expect_eq "one time entry, one call, taken" "1|30|1|1|$PGUSER" \
	"$(q "SELECT (SELECT count(*) FROM time_entry) || '|' || (SELECT max(minutes) FROM time_entry) || '|' ||
	   (SELECT count(*) FROM call) || '|' || (SELECT -sum(amount) FROM budget_ledger WHERE source_call_id IS NOT NULL)
	   || '|' || (SELECT assignee FROM ticket WHERE id = 10001)")"
scr_expect "balance read again" 'free minutes left this month: 14 of 15'
expect_match "journal empty" '0 pending, 0 refused' "$("$SDESK_BIN" journal list)"

# ---- killed with an entry pending, started again: sent once
"$SDESK_PGCTL" stop >/dev/null || fail "pg_ctl stop"
scr_expect "offline again" 'OFFLINE - connection lost' 10
scr_keys L
scr_expect "time form 2" 'log time'
scr_type '45m'
scr_keys Enter
scr_expect "time 2 saved locally" 'SD-10001: time saved locally, 1 pending'
pid=$(pgrep -P "$(scr_pid)" || scr_pid)
kill -9 "$pid"
alive() { case $(ps -o stat= -p "$1" 2>/dev/null) in ''|Z*) return 1 ;; esac; }  # a zombie is dead
for _ in $(seq 100); do alive "$pid" || break; sleep 0.1; done
if alive "$pid"; then fail "console $pid still running after kill -9"; else pass; fi
scr_stop
expect_match "entry pending after kill -9" '1 pending, 0 refused' "$("$SDESK_BIN" journal list)"
"$SDESK_PGCTL" start >/dev/null || fail "pg_ctl start"
scr_start 100 40 "$SDESK_BIN"
scr_expect "console again" 'SD-10002'
scr_expect "resubmitted at start" 'pending entries saved: 0 pending' 15
expect_eq "exactly one new time entry" "2|30,45" \
	"$(q "SELECT count(*) || '|' || string_agg(minutes::text, ',' ORDER BY id) FROM time_entry")"
expect_eq "one key per entry" "2|1" \
	"$(q "SELECT (SELECT count(*) FROM request WHERE action = 'book_time') || '|' ||
	   (SELECT count(*) FROM request WHERE action = 'book_call')")"
expect_match "journal empty at the end" '0 pending, 0 refused' "$("$SDESK_BIN" journal list)"
scr_keys q
finish
