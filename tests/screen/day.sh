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
# A test database: the pinned clock counts (doc/security.md, "The pinned now").
psql -X -q -v ON_ERROR_STOP=1 -c "UPDATE clock_pin SET allowed = true" >/dev/null || exit 99
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

# ---- the budget column, against `sdesk budget show` --------------------------
# The cell of the row matching $2 in screen $1: the last word before the end
# of the Bdgt column (right-aligned under its title).
budget_cell() {
	local hdr line pre prefix
	hdr=$(printf '%s\n' "$1" | grep -m1 ' Bdgt')
	line=$(printf '%s\n' "$1" | grep -m1 -- "$2")
	pre=${hdr%%Bdgt*}
	prefix=${line:0:$(( ${#pre} + 4 ))}
	echo "${prefix##* }"
}
# What the cell must say, from `sdesk budget show ACCOUNT` (short: the
# minutes left, free and credit, or the points; long: free+credit).
budget_expect() { # ACCOUNT short|long
	local out free credit pts n mark
	out=$("$SDESK_BIN" budget show "$1") || { echo "budget show $1 failed" >&2; return 1; }
	free=$(printf '%s\n' "$out" | sed -n 's/.* free \(-\{0,1\}[0-9]*\)\/.*/\1/p')
	credit=$(printf '%s\n' "$out" | sed -n 's/.* credit \(-\{0,1\}[0-9]*\) min.*/\1/p')
	pts=$(printf '%s\n' "$out" | sed -n 's/.* technical \(-\{0,1\}[0-9]*\) points.*/\1/p')
	if [ -n "$pts" ]; then n=$pts; elif [ -n "$free$credit" ]; then n=$(( ${free:-0} + ${credit:-0} )); else echo -; return; fi
	if [ "$n" -le 0 ]; then mark='!'; elif [ -n "$pts" ] && [ "$n" -lt 4 ]; then mark='~'; elif [ -z "$pts" ] && [ "$n" -lt 10 ]; then mark='~'; else mark=; fi
	if [ -n "$pts" ]; then echo "${n}P$mark"
	elif [ "$2" = long ]; then echo "${free:-0}+${credit:-0}m$mark"
	else echo "${n}m$mark"; fi
}
PGUSER=$AGENT scr_start 80 24 "${RUN[@]}"
scr_expect "queue opens" 'SD-10004'
scr_expect "budget column" ' Bdgt '
scr_expect "budgets loaded" 'SD-10001 .* 75m '
screen=$(scr_screen)
for acct in "TEL:Telefon KG" "PTS:Punkte AG" "BSK:Bäckerei" "LOW:Leer GmbH"; do
	expect_eq "80x24: budget of ${acct%%:*} as budget show says" "$(budget_expect "${acct%%:*}" short)" \
		"$(budget_cell "$screen" "${acct#*:}")"
done
expect_match "used up: marked" 'SD-10004 .* 0m! ' "$screen"
scr_resize 150 30
scr_expect "wide: long form" 'SD-10001 .* 15\+60m '
screen=$(scr_screen)
for acct in "TEL:Telefon KG" "PTS:Punkte AG" "BSK:Bäckerei" "LOW:Leer GmbH"; do
	expect_eq "150x30: budget of ${acct%%:*} as budget show says" "$(budget_expect "${acct%%:*}" long)" \
		"$(budget_cell "$screen" "${acct#*:}")"
done
scr_keys q
scr_expect "quit" "$QUIT0"
scr_stop

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

# ---- the conversation: a note and a reply written in $EDITOR --------------
# The editor is a script: it writes the text its first argument names into
# the file, as an agent would type it.
cat >"$TMP/editor" <<'ED'
#!/bin/sh
cat "$SDESK_TEST_TEXT" >"$1"
ED
chmod +x "$TMP/editor"
printf 'Drucker neu installiert.\nTreiber 4.2 fehlte.\n' >"$TMP/note.txt"
printf 'Guten Tag, bitte starten Sie neu.\n\nGruß\n' >"$TMP/reply.txt"
EDITOR="$TMP/editor" SDESK_TEST_TEXT="$TMP/note.txt" PGUSER=$AGENT scr_start 80 24 "${RUN[@]}"
scr_expect "queue" 'SD-10004'
scr_keys / ; scr_type 'Versand'; scr_keys Enter Enter
scr_expect "ticket SD-10003" 'Versand hängt'
scr_keys c
scr_expect "note form shows the editor's text" 'Drucker neu installiert\.'
scr_expect "second line" 'Treiber 4\.2 fehlte\.'
scr_keys F10
scr_expect "note saved" 'note saved in the thread'
expect_eq "note stored once, by the agent, at the pinned instant" \
	"note|console|$AGENT|2026-11-30 17:55|Drucker neu installiert.
Treiber 4.2 fehlte." \
	"$(sql -c "SELECT kind, channel, author, to_char(at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI'), body FROM ticket_message")"
scr_keys q
scr_expect "back to the queue" 'ID +Customer'
scr_keys q
scr_expect "quit" "$QUIT0"
scr_stop
# The reply: a chat answer, the first qualified contact of SD-10003.
EDITOR="$TMP/editor" SDESK_TEST_TEXT="$TMP/reply.txt" PGUSER=$AGENT scr_start 80 24 "${RUN[@]}"
scr_expect "queue" 'SD-10004'
scr_keys g; scr_type 10003; scr_keys Enter
scr_expect "g and a number opens the ticket" 'Versand hängt'
scr_keys r
scr_expect "reply form with the editor's text" 'Guten Tag, bitte starten Sie neu\.'
scr_expect "said before saving: the first qualified contact" 'this reply is the first qualified contact'
scr_expect "channel from the ticket: chat" 'Channel: +< chat >'
scr_keys F10
scr_expect "reply saved, first contact said" 'reply \(chat\) saved; first qualified contact: reaction clock stopped'
expect_eq "reply stored by chat, the reaction clock stopped at the reply" \
	"reply|chat|2026-11-30 17:55|open" \
	"$(sql -c "SELECT m.kind, m.channel, to_char(t.first_contact_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI'), t.status FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id WHERE m.kind = 'reply'")"
expect_eq "not mailed (chat)" 0 "$(sql -c 'SELECT count(*) FROM mail_outbox')"
scr_keys G
scr_expect "thread: the note" 'internal note, Anna Agent'
scr_expect "thread: the reply, newest last" 'reply to the customer by chat, Anna Agent'
screen=$(scr_screen)
expect_match "reply text shown" 'Guten Tag, bitte starten Sie neu\.' "$screen"
note_line=$(printf '%s\n' "$screen" | grep -n 'internal note, Anna' | cut -d: -f1)
reply_line=$(printf '%s\n' "$screen" | grep -n 'reply to the customer by chat' | cut -d: -f1)
expect_eq "newest last" 1 "$([ "${note_line:-0}" -lt "${reply_line:-0}" ] && echo 1 || echo 0)"

# ---- history in words, one zone ---------------------------------------------
scr_keys g; scr_type 10001; scr_keys Enter
scr_expect "SD-10001 by number" 'Rückfrage Telefon'
scr_keys G
scr_expect "history: a call in words, with what it drew" 'Anna Agent: phone call 15 min, 15 from the free minutes'
screen=$(scr_screen)
expect_match "history: taken, in words" 'Anna Agent took the ticket' "$screen"
expect_no_match "no database dump in the history" 'account_id=|book_call|take_ticket' "$screen"
scr_keys g; scr_type 10003; scr_keys Enter
scr_expect "SD-10003 again" 'Versand hängt'
scr_keys G
scr_expect "history of the reply in words" 'Anna Agent made the first qualified contact'
screen=$(scr_screen)
expect_match "note in the history in words" 'Anna Agent wrote an internal note' "$screen"
scr_keys g g
scr_expect "the zone is named where instants are shown" 'Clocks \(instants in Europe/Berlin, CET\)'
expect_match "received at 10:10 Berlin time" 'received +2026-11-30 10:10' "$(scr_screen)"
scr_resize 120 30
scr_expect "header clock with its zone" 'LIVE  2026-11-30 17:55 CET'
scr_resize 80 24

# ---- close, find by / and by number, reopen -----------------------------------
# SD-10003 is resolved (beside the console), then closed in it.
sql -c "SELECT resolve_ticket(gen_random_uuid(), 10003, '2026-11-30T17:55:00+01:00', 'Neustart half')" >/dev/null
scr_keys C-l
scr_expect "resolved" 'Status: +resolved'
scr_keys C
scr_expect "closed" 'SD-10003: closed'
expect_eq "closed in the database" closed "$(sql -c 'SELECT status FROM ticket WHERE id = 10003')"
scr_keys q
scr_expect "queue" 'ID +Customer'
scr_expect_not "closed ticket not in the open queue" 'SD-10003'
scr_keys v v v v v v
scr_expect "closed view" 'view: closed'
scr_expect "closed ticket in the closed view" 'SD-10003 .* clsd'
scr_keys x
scr_keys / ; scr_type 10003; scr_keys Enter
scr_expect "/ and a number finds the closed ticket" 'Status: +closed'
scr_keys o; scr_type 'Kunde meldet Rückfall'; scr_keys Enter
scr_expect "reopened" 'SD-10003: reopened'
expect_eq "open again, a pause for the time it stood resolved" "open|1" \
	"$(sql -c "SELECT t.status, count(p.*) FROM ticket t JOIN ticket_pause p ON p.ticket_id = t.id WHERE t.id = 10003 GROUP BY t.status")"
scr_keys q
scr_expect "back in the open queue" 'SD-10003'
scr_keys g; scr_type SD-99999; scr_keys Enter
scr_expect "an unknown number says so" 'no ticket SD-99999'
# n / N between the matches of a search
scr_keys / ; scr_type 'e'; scr_keys Enter
scr_expect "search kept" 'tickets match'
q=$(scr_screen)
r1=$(printf '%s\n' "$q" | grep -Eo 'SD-1000[0-9]' | sed -n 1p)
r2=$(printf '%s\n' "$q" | grep -Eo 'SD-1000[0-9]' | sed -n 2p)
scr_keys Enter
scr_expect "the first match opens" "^.. $r1  "
scr_keys n
scr_expect "n on a ticket opens the next match" "^.. $r2  "
scr_keys N
scr_expect "N the previous one" "^.. $r1  "
scr_keys q q
scr_expect "quit" "$QUIT0"
scr_stop

finish
