#!/usr/bin/env bash
# The console keeps its queue current from NOTIFY payloads (issue 15,
# doc/console.md "Keeping the queue current"): a change to a ticket re-reads
# that ticket's row and merges it; the merged queue must equal a whole reload
# after every change. The running console (sdesk console --trace FILE) writes
# its queue after each reload or merge; each block is compared with a fresh
# `sdesk console --dump` (the open tickets, in order, with state and Left) and
# with the database's resolved/closed list. Changes: create, update
# (escalation, tier), reassign, resolve, close a resolved ticket (outside the
# open view), a change to a ticket outside the done list; an account created
# (payload account:ID) and a reconnect take the whole reload. The row under
# the cursor stays selected, and at the end the live console's screen equals
# that of a console started afresh. Pinned now (SDESK_NOW and sdesk.now).
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"

export TZ=Europe/Berlin LANG=C.UTF-8 LC_ALL=C.UTF-8
export SDESK_NOW=2026-11-30T17:55:00+01:00
pg_test_db sdesk_incr
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; };
ui = { at_risk_minutes = 60; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
"$SDESK_BIN" db migrate >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" plans load >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
export PGOPTIONS="-c sdesk.now=$SDESK_NOW"   # every change below happens at the pinned now
psql -X -q -v ON_ERROR_STOP=1 -f "$top_srcdir/tests/screen/fixture.sql" >"$TMP/fixture.out" 2>&1 \
	|| { cat "$TMP/fixture.out" >&2; exit 99; }
OTHER="incr_other_$$"
trap 'scr_cleanup; psql -X -q -d postgres -c "DROP ROLE IF EXISTS \"$OTHER\"" >/dev/null 2>&1' EXIT
"$SDESK_BIN" admin add-agent "$OTHER" --name "Otto Other" --role agent --tier 1 --team "Team Nord" >/dev/null || exit 99
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
new_ticket() { # FROM-TICKET CATEGORY SUBJECT: a ticket of the same account, received now; prints its id
	echo "SELECT create_ticket(gen_random_uuid(), t.account_id, t.contract_id, t.contact_id, 'email', '$2',
		'$3', 'Beschreibung', sdesk_now()) FROM ticket t WHERE t.id = $1"
}
# Before the console starts: 6 tickets, one resolved and one closed.
r1=$(q "$(new_ticket 10001 minor 'Alte Frage')") && r2=$(q "$(new_ticket 10003 minor 'Noch eine')") || exit 99
q "SELECT resolve_ticket(gen_random_uuid(), $r1, NULL, 'erledigt')" >/dev/null || exit 99
q "SELECT resolve_ticket(gen_random_uuid(), $r2, NULL, 'erledigt')" >/dev/null || exit 99
q "SELECT close_ticket(gen_random_uuid(), $r2, NULL)" >/dev/null || exit 99

TRACE="$TMP/trace"
blocks() { awk '/^# end$/ { n++ } END { print n + 0 }' "$TRACE" 2>/dev/null || echo 0; }
# The last block: its header, its open rows, its done rows.
last_block() { awk '/^# (full|merge)/ { b = "" } { b = b $0 "\n" } END { printf "%s", b }' "$TRACE"; }
last_head() { last_block | sed -n 1p; }
last_open() { last_block | sed -n '2,/^# done/p' | sed '$d'; }
last_done() { last_block | sed -n '/^# done/,/^# end$/p' | sed '1d;$d'; }
want_done() {
	q "SELECT ref || E'\t' || status FROM ticket WHERE status IN ('resolved', 'closed')
		ORDER BY resolved_at DESC, id DESC LIMIT 300"
}
# wait_block N: until the trace holds more than N blocks (bounded).
wait_block() {
	local i
	for ((i = 0; i < 100; i++)); do
		[ "$(blocks)" -gt "$1" ] && return 0
		sleep 0.1
	done
	return 1
}
# change NAME HOW SQL: runs SQL (its output is kept in $out), waits for the
# console's next block, expects its header to match HOW ("merge ID" or
# "full"; ID: the output), then the merged queue to equal a whole reload.
change() {
	local name=$1 how=$2 sql=$3 before
	before=$(blocks)
	out=$(q "$sql") || { fail "$name: $sql"; return; }
	if ! wait_block "$before"; then
		fail "$name: the console did not bring its queue up to date within 10 s"
		return
	fi
	expect_match "$name: how" "^# ${how//ID/$out}\$" "$(last_head)"
	"$SDESK_BIN" console --dump >"$TMP/dump" 2>&1 || { fail "$name: console --dump"; cat "$TMP/dump" >&2; return; }
	last_open >"$TMP/open"
	if diff -u "$TMP/dump" "$TMP/open" >"$TMP/diff"; then
		pass
	else
		fail "$name: merged open tickets differ from a whole reload (- reload, + merged):"
		cat "$TMP/diff" >&2
	fi
	want_done >"$TMP/want_done"
	last_done >"$TMP/done"
	if diff -u "$TMP/want_done" "$TMP/done" >"$TMP/diff"; then
		pass
	else
		fail "$name: resolved/closed part differs from a whole reload (- reload, + merged):"
		cat "$TMP/diff" >&2
	fi
}

scr_start 132 43 "$SDESK_BIN" console --trace "$TRACE"
wait_block 0 || { fail "the console wrote no queue to its trace"; scr_show; finish; }
scr_expect "the console shows its queue" 'SD-10002' 10
expect_match "first load: the whole queue" '^# full' "$(last_head)"
# Select the third ticket of the queue; changes above it must not move the selection.
third=$(last_open | sed -n 3p | cut -f1)
scr_keys Down Down

q2() { echo "SELECT $1"; }
change "create a breached ticket (goes to the top)" "merge ID" \
	"$(q2 "test_forge_dues(create_ticket(gen_random_uuid(), t.account_id, t.contract_id, t.contact_id, 'ticket',
		'critical', 'Neu und dringend', 'Beschreibung', sdesk_now() - interval '3 hours'),
		sdesk_now() - interval '90 minutes', sdesk_now() + interval '1 hour') FROM ticket t WHERE t.id = 10002")"
n1=$out
change "create another ticket" "merge ID" "$(new_ticket 10003 minor 'Frage zur Rechnung')"
n2=$out
change "escalate" "merge 10003" "$(q2 "set_escalation(gen_random_uuid(), 10003, 2::smallint, false, 'Kunde drängt')")"
change "tier" "merge 10002" "$(q2 "set_tier(gen_random_uuid(), 10002, 2::smallint, 'Technik')")"
change "reassign" "merge 10003" "$(q2 "assign_ticket(gen_random_uuid(), 10003, '$OTHER')")"
change "reassign again" "merge 10003" "$(q2 "assign_ticket(gen_random_uuid(), 10003, session_user::text)")"
change "resolve (leaves the open view, joins the done part)" "merge $n1" \
	"$(q2 "resolve_ticket(gen_random_uuid(), $n1, NULL, 'behoben')")"
change "close a resolved ticket (outside the open view)" "merge $r1" \
	"$(q2 "close_ticket(gen_random_uuid(), $r1, NULL)")"
change "an account (no single ticket): the whole queue" "full" \
	"$(q2 "create_account(gen_random_uuid(), 'NEU', 'Neukunde GmbH', NULL)")"
change "resolve another" "merge $n2" "$(q2 "resolve_ticket(gen_random_uuid(), $n2, NULL, 'beantwortet')")"

# The selection stayed on the ticket chosen before the changes.
scr_keys Enter
scr_expect "the selected ticket is still $third" "^.. $third  [^ ]" 5
scr_keys Escape
scr_expect "back on the queue" 'ID +Customer' 5

# The whole screen of the live console equals that of a console started afresh.
sleep 0.5
scr_screen >"$TMP/live.txt"
scr_tmux set-option -g window-size latest >/dev/null
SCR_TARGET=fresh scr_start 132 43 "$SDESK_BIN" console
SCR_TARGET=fresh scr_expect "a fresh console" 'SD-10002' 10
sleep 0.5
SCR_TARGET=fresh scr_screen >"$TMP/fresh.txt"
SCR_TARGET=fresh scr_keys q
if diff -u "$TMP/fresh.txt" "$TMP/live.txt" >"$TMP/screen.diff"; then
	pass
else
	fail "the live console's screen differs from a fresh console's (- fresh, + live):"
	cat "$TMP/screen.diff" >&2
fi

# A reconnect reads the whole queue (what changed meanwhile is unknown).
before=$(blocks)
q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()
	AND pid <> pg_backend_pid() AND application_name = 'sdesk'" >/dev/null
if wait_block "$before"; then
	expect_match "after a reconnect: the whole queue" '^# full' "$(last_head)"
	"$SDESK_BIN" console --dump >"$TMP/dump" 2>&1
	last_open >"$TMP/open"
	if diff -u "$TMP/dump" "$TMP/open" >&2; then pass; else fail "after the reconnect the queue differs from --dump"; fi
else
	fail "no reload after the reconnect"
fi
scr_wait_gone 'OFFLINE' 5
finish
