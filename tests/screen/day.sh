#!/usr/bin/env bash
# An agent's day in the console (issue 12), at a pinned instant (SDESK_NOW
# and the database's sdesk.now: Monday 30 November 2026, 17:55 Berlin), in a
# pinned zone, size and locale: the budget column beside every queue row
# against `sdesk budget show`; a note and a reply written in $EDITOR (a
# script) and shown in the thread; close, find by / and by number, reopen;
# a running call that survives kill -9 and is logged at the next start; the
# quit prompt with pending entries; the history in words, in one zone.
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"

pg_test_db sdesk_day
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
export XDG_STATE_HOME="$TMP/state"   # a journal of this test's own
export TZ=Europe/Berlin LANG=C.UTF-8 LC_ALL=C.UTF-8
export SDESK_NOW=2026-11-30T17:55:00+01:00

"$SDESK_BIN" db migrate >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" plans load >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
# Fixed instants only: the tickets came in this morning (pinned day).
PGOPTIONS="-c sdesk.now=$SDESK_NOW" psql -X -q -v ON_ERROR_STOP=1 >"$TMP/fixture.out" 2>&1 <<'SQL' || { cat "$TMP/fixture.out" >&2; exit 99; }
SELECT create_team(gen_random_uuid(), 'Team Nord') AS team \gset
SELECT create_agent(gen_random_uuid(), session_user::text, 'Setup', 1::smallint, :team, true);
SELECT create_account(gen_random_uuid(), 'TEL', 'Telefon KG', '2025-01-01') AS a1 \gset
SELECT create_account(gen_random_uuid(), 'PTS', 'Punkte AG', NULL) AS a2 \gset
SELECT create_account(gen_random_uuid(), 'BSK', 'Bäckerei Schäfer KG', NULL) AS a3 \gset
SELECT create_account(gen_random_uuid(), 'LOW', 'Leer GmbH', '2025-01-01') AS a4 \gset
SELECT create_contract(gen_random_uuid(), :a1, 'support-level-1', '2025-01-01', NULL, '{}') AS c1 \gset
SELECT create_contract(gen_random_uuid(), :a2, 'ilias-technical', '2025-01-01', NULL, '{}') AS c2 \gset
SELECT create_contract(gen_random_uuid(), :a3, 'convento', '2025-01-01', NULL, '{}') AS c3 \gset
SELECT create_contract(gen_random_uuid(), :a4, 'support-level-1', '2025-01-01', NULL, '{}') AS c4 \gset
SELECT create_contact(gen_random_uuid(), :a1, 'Tina Telefon', 'key_user', 'tina@example.org', '+49 30 1') AS k1 \gset
SELECT create_contact(gen_random_uuid(), :a2, 'Paul Punkt', 'key_user', 'paul@example.org', NULL) AS k2 \gset
SELECT create_contact(gen_random_uuid(), :a3, 'Özlem Çelik', 'key_user', 'oezlem@example.org', NULL) AS k3 \gset
SELECT create_contact(gen_random_uuid(), :a4, 'Lea Leer', 'key_user', NULL, NULL) AS k4 \gset
SELECT create_ticket(gen_random_uuid(), :a1, :c1, :k1, 'phone', 'question', 'Rückfrage Telefon', 'Wie geht das?', '2026-11-30T10:00:00+01:00');
SELECT create_ticket(gen_random_uuid(), :a2, :c2, :k2, 'email', 'fault', 'Fehler Punkte', 'Absturz', '2026-11-30T10:05:00+01:00');
SELECT create_ticket(gen_random_uuid(), :a3, :c3, :k3, 'chat', 'essential', 'Versand hängt', 'Seit heute', '2026-11-30T10:10:00+01:00');
SELECT create_ticket(gen_random_uuid(), :a4, :c4, :k4, 'phone', 'question', 'Keine Minuten', '', '2026-11-30T10:15:00+01:00');
SELECT ledger_package(gen_random_uuid(), :c2, 'technical', 48, '2026-11-01', 'stock');
-- LOW: this month's free minutes and the activation credit used up.
SELECT ledger_credit(gen_random_uuid(), :c4, 'monthly_allowance', '2026-11-01');
SELECT ledger_credit(gen_random_uuid(), :c4, 'activation_credit', NULL);
SELECT ledger_adjust(gen_random_uuid(), :c4, 'phone', 'minutes', -15, 0, '2026-11-02', 'used up');
SELECT ledger_adjust(gen_random_uuid(), :c4, 'activation', 'minutes', -60, 0, '2026-11-02', 'used up');
SQL

AGENT="anna_$$"
trap 'scr_cleanup; psql -X -q -d postgres -c "DROP ROLE IF EXISTS $AGENT" >/dev/null 2>&1' EXIT
"$SDESK_BIN" admin add-agent "$AGENT" --name "Anna Agent" --role agent --tier 1 --team "Team Nord" >/dev/null || exit 99
sql() { PGOPTIONS="-c sdesk.now=$SDESK_NOW" psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

RUN=(sh -c '"$0"; rc=$?; echo "exit status $rc"; exit $rc' "$SDESK_BIN")
QUIT0='exit status 0|Pane is dead \(status 0' 

# ---- a running call survives kill -9 ---------------------------------------
SDESK_NOW=2026-11-30T17:40:00+01:00 PGUSER=$AGENT scr_start 80 24 "${RUN[@]}"
scr_expect "queue opens" 'SD-10004'
scr_keys / ; scr_type 'Rückfrage'; scr_keys Enter Enter
scr_expect "ticket screen" 'Rückfrage Telefon'
scr_keys p
scr_expect "call started" 'CALL SD-10001'
journal=$(ls "$TMP"/state/sdesk/journal-* | grep -v lock | head -1)
expect_match "the timer is in the journal at once" $'\tT\t[0-9]+\t[0-9a-f-]{36}\t10001\t' "$(cat "$journal")"
kill -9 "$(pgrep -P "$(scr_pid)" -x sdesk || pgrep -f -n "^$SDESK_BIN\$")"
expect_match "killed" 'exit status 137|signal 9' "$(scr_exited 5; scr_screen)"
scr_stop
expect_eq "no call in the database yet" 0 "$(sql -c 'SELECT count(*) FROM call')"

# The next start (15 minutes later) offers to log or discard it.
PGUSER=$AGENT scr_start 80 24 "${RUN[@]}"
scr_expect "offered at start" 'Call on SD-10001 running since 17:40 \(15 min\): Enter logs it'
scr_keys Enter
scr_expect "call form with the time since the start" 'Duration.*15m 0s'
scr_keys Enter
scr_expect "call logged" 'SD-10001: call logged'
expect_eq "one call of 15 minutes, started 17:40" "1|900|2026-11-30 17:40" \
	"$(sql -c "SELECT count(*), max(duration_s), to_char(max(started_at) AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI') FROM call")"

# Esc on the call form does not drop the call; d discards it.
scr_keys p
scr_expect "call 2 started" 'CALL SD-10001'
scr_keys p
scr_expect "call form 2" 'log call'
scr_keys Escape
scr_expect "asked, not dropped" 'Call on SD-10001 not logged: d discards it'
scr_keys x
scr_expect "keeps running" 'CALL SD-10001'
scr_keys p Escape
scr_expect "asked again" 'd discards it'
scr_keys d
scr_expect "discarded" 'call on SD-10001 discarded'

# ---- quit with pending entries asks ----------------------------------------
# Entries wait in the journal: the agent's login is refused for a moment and
# its connection ended, so the console is offline when the note is saved.
sql -c "ALTER ROLE $AGENT NOLOGIN" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '$AGENT'" >/dev/null
scr_expect "offline" 'OFFLINE' 10
scr_keys t
scr_expect "take kept pending" 'taken - saved locally, 1 pending'
scr_keys p
scr_expect "call started offline" 'CALL SD-10001'
scr_keys Escape q
scr_expect "quit asks, saying what is kept" 'call on SD-10001 running, 1 entry not sent: kept in the journal\. Quit\? y/n'
scr_keys n
scr_expect "not quitting" 'not quitting'
scr_keys q
scr_expect "asked again" 'Quit\? y/n'
scr_keys y
scr_expect "quit after yes" "$QUIT0"
scr_stop
sql -c "ALTER ROLE $AGENT LOGIN" >/dev/null
PGUSER=$AGENT scr_start 80 24 "${RUN[@]}"
scr_expect "the call that ran at quit is offered" 'Call on SD-10001 running since 17:55 \(0 min\)'
scr_keys d
scr_expect "discarded at start" 'call on SD-10001 discarded'
scr_expect "the pending take was sent" "SD-10001 .*anna_" 10
expect_eq "taken once" "$AGENT" "$(sql -c 'SELECT assignee FROM ticket WHERE id = 10001')"
scr_keys q
scr_expect "nothing pending: q quits at once" "$QUIT0"
scr_stop

finish
