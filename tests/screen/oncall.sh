#!/usr/bin/env bash
# On-call work in the console (seed 003, issue 11 item 5), as ops do it at
# night, "now" pinned to Saturday 28 Nov 2026 10:05 (Europe/Berlin): on the
# ticket of a category-1 report, O starts on-call work and opens the
# checklist; Enter/x tick the selected item with an optional note (who and
# when shown and stored), a ticked item is not ticked again; r before the end
# is refused; e ends the work with notes and the report falls due at the end
# of Monday; r marks it sent. Real sdesk in tmux, real database.
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"

pg_test_db sdesk_oncallscr
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
export XDG_STATE_HOME="$TMP/state"   # a journal of this test's own, not the user's

"$SDESK_BIN" db migrate >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" plans load >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
# A test database: the pinned clock counts (doc/security.md, "The pinned now").
psql -X -q -v ON_ERROR_STOP=1 -c "UPDATE clock_pin SET allowed = true" >/dev/null || exit 99
OP="ocs_$$"
trap 'scr_cleanup; psql -X -q -d postgres -c "DROP ROLE IF EXISTS $OP" >/dev/null 2>&1' EXIT
"$SDESK_BIN" admin add-agent "$OP" --name "Otto Ops" --role ops --tier 2 >/dev/null || exit 99
psql -X -q -v ON_ERROR_STOP=1 >"$TMP/fixture.out" 2>&1 <<'SQL' || { cat "$TMP/fixture.out" >&2; exit 99; }
INSERT INTO agent (login, display_name, is_lead) VALUES (session_user, 'Set-up lead', true);
INSERT INTO account (code, name) VALUES ('SB', 'Seitenbau Kunde GmbH');
INSERT INTO contract (account_id, plan_code, valid_from) VALUES (1, 'seitenbau-oncall', '2025-01-01');
INSERT INTO contact (account_id, name, role) VALUES (1, 'Sven Bau', 'key_user');
SELECT add_oncall_window(gen_random_uuid(), 1, '2026-11-28T08:00+01', '2026-11-28T20:00+01',
	NULL, NULL, NULL, NULL, NULL, 'Wochenende');
SELECT create_ticket(gen_random_uuid(), 1, 1, 1, 'oncall', 'cat1', 'Shop antwortet nicht', '',
	'2026-11-28T10:00+01');
SQL

PGUSER=$OP scr_start 100 32 env SDESK_NOW=2026-11-28T10:05:00+01:00 \
	sh -c '"$0"; rc=$?; echo "exit status $rc"; exit $rc' "$SDESK_BIN"
scr_expect "queue opens" 'SD-10001'
scr_keys Enter
scr_expect "ticket screen" 'Shop antwortet nicht'
scr_keys O
scr_expect "O starts on-call work and opens the checklist" 'on-call work started'
scr_expect "the customer and the window" 'Window: +2026-11-28 08:00 - 2026-11-28 20:00'
scr_expect "running, the report waits for the end" 'due the next working day after the work ends'
scr_expect "item 1 selected, open" '^> \[ \] 1 server reachable'
expect_eq "stored: one running work, started at the pinned instant, by ops" "1|$OP|2026-11-28 10:05:00+01|true" \
	"$(psql -X -q -At -c "SET TIME ZONE 'Europe/Berlin'" -c "SELECT count(*) || '|' || max(agent) || '|' || max(started_at) || '|' || bool_and(ended_at IS NULL) FROM oncall_work")"

# Tick 1 with a note, 3 without.
scr_keys Enter
scr_expect "tick form" 'tick 1 server_reachable'
scr_type 'ping ok, Hoster nicht nötig'
scr_keys Enter
scr_expect "item 1 ticked" '^> \[x\] 1 server reachable'
scr_expect "who, when and the note" "^ +$OP 2026-11-28 10:05  ping ok, Hoster nicht nötig"
scr_keys Down Down x
scr_expect "tick form for item 3" 'tick 3 logs_saved'
scr_keys Enter
scr_expect "item 3 ticked" '^> \[x\] 3 logs of application'
scr_expect "count" '2 of 7 done'
scr_keys Up Up Enter
scr_expect "ticking again: says by whom" "item 1 was ticked by $OP at 2026-11-28 10:05"
scr_keys r
scr_expect "report before the end: refused" 'end the on-call work first'

# End: the report is due at the end of Monday.
scr_keys e
scr_expect "end form" 'end on-call work'
scr_type 'Tomcat hing, neu gestartet'
scr_keys Enter
scr_expect "ended, report due Monday 17:00" '! Report: +due 2026-11-30 17:00, due \(r when sent\)'
scr_expect "the notes" 'Tomcat hing, neu gestartet'
expect_eq "the database set the due instant" "2026-11-30 17:00:00+01" \
	"$(psql -X -q -At -c "SET TIME ZONE 'Europe/Berlin'" -c "SELECT report_due FROM oncall_work")"

# The help of the checklist lists its keys.
scr_keys '?'
scr_expect "help of the checklist" 'oncall-sent'
scr_keys Escape
scr_expect "back on the checklist" '2 of 7 done'

# Sent.
scr_keys r
scr_expect "report form" 'the detailed report was sent'
scr_keys Enter
scr_expect "sent, the clock stopped" 'Report: +due 2026-11-30 17:00, sent 2026-11-28 10:05'
scr_expect "item 7 ticked" '\[x\] 7 detailed report'
expect_eq "stored: three ticks by ops, the report sent" "3|$OP|true" \
	"$(psql -X -q -At -c "SELECT count(*) || '|' || max(done_by) || '|' || bool_and(w.reported_at IS NOT NULL) FROM oncall_check c JOIN oncall_work w ON w.id = c.work_id")"
scr_keys Escape
scr_expect "back on the ticket screen" 'Clocks'
scr_keys O
scr_expect "O again opens the (ended) work, no second one" 'sent 2026-11-28 10:05'
expect_eq "still one work" "1" "$(psql -X -q -At -c "SELECT count(*) FROM oncall_work")"
scr_keys Escape
scr_expect "back on the ticket screen again" 'Clocks'
scr_keys Escape
scr_expect_not "back on the queue" 'Clocks'
scr_keys q
scr_expect "q quits with status 0" 'exit status 0|Pane is dead \(status 0' 15
finish
