#!/usr/bin/env bash
# Seed 003, on-call work and its report, against a real database, "now"
# pinned (issue 11 item 5): a category-1 report on the oncall channel on
# Saturday 28 Nov 2026 10:00 inside an on-call window; ops start on-call work
# on it (sdesk oncall start), tick the checklist (who and when stored), end
# it; the detailed report ("am folgenden Werktag") is due at the end of
# Monday (17:00, the plan's service calendar), decided by the database. The
# board shows it until it is sent and as breached after Monday 17:00; the
# printed report escapes database text. Holidays move the due day.
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "oncall-work.sh: PGHOST is not set: run under tests/with-pg" >&2
	exit 99
fi
name="sdesk_oncallw_$$"
agent="ow_agent_$$" lead="ow_lead_$$" op="ow_op_$$" op2="ow_optwo_$$"
createdb "$name" || { echo "oncall-work.sh: createdb failed" >&2; exit 99; }
trap 'dropdb --if-exists --force "$name"; for r in $agent $lead $op $op2; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1; done; rm -rf "$TMP"' EXIT
: >"$TMP/sdesk.cfg"
export SDESK_CONFIG="$TMP/sdesk.cfg"
admin() { "$SDESK_BIN" "$@" --db "dbname=$name"; }
as() { local u=$1; shift; "$SDESK_BIN" "$@" --db "dbname=$name user=$u"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }
sq() { psql -X -q -At -v ON_ERROR_STOP=1 -U "$1" -d "$name" -c "$2" 2>&1; }

admin db migrate >/dev/null || { echo "oncall-work.sh: migrate failed" >&2; exit 99; }
admin plans load >/dev/null || { echo "oncall-work.sh: plans load failed" >&2; exit 99; }
# A test database: the pinned clock counts (doc/security.md, "The pinned now").
q "UPDATE clock_pin SET allowed = true" >/dev/null || exit 99
q "INSERT INTO account (code, name) VALUES ('SB', 'Seitenbau Kunde GmbH');
   INSERT INTO contract (account_id, plan_code, valid_from, overrides) VALUES (1, 'seitenbau-oncall', '2025-01-01', '{}');
   INSERT INTO contact (account_id, name, role) VALUES (1, 'Sven Bau', 'key_user');" >/dev/null ||
	{ echo "oncall-work.sh: fixture failed" >&2; exit 99; }
admin admin add-agent "$lead" --name "Lutz Leitung" --role lead --tier 2 >/dev/null &&
	admin admin add-agent "$agent" --name "Anke Agentin" --role agent --tier 1 >/dev/null &&
	admin admin add-agent "$op" --name "Otto Ops" --role ops --tier 2 >/dev/null &&
	admin admin add-agent "$op2" --name "Olga Ops" --role ops --tier 2 >/dev/null ||
	{ echo "oncall-work.sh: add-agent failed" >&2; exit 99; }
sq "$lead" "SELECT add_oncall_window(gen_random_uuid(), 1, '2026-11-28T08:00+01', '2026-11-28T20:00+01',
	NULL, NULL, NULL, NULL, NULL, 'Wochenende')" >/dev/null
sq "$agent" "SELECT create_ticket(gen_random_uuid(), 1, 1, 1, 'oncall', 'cat1', 'Shop antwortet nicht', '',
	'2026-11-28T10:00+01')" >/dev/null
T=$(q "SELECT ref FROM ticket")
expect_eq "the on-call report on Saturday 10:00 is due 11:00" "2026-11-28 11:00:00+01" \
	"$(q "SET TIME ZONE 'Europe/Berlin'; SELECT reaction_due FROM ticket")"

at() { local now=$1 u=$2; shift 2; SDESK_NOW=$now as "$u" "$@"; }
SAT=2026-11-28T10:05:00+01:00

# ---- start -------------------------------------------------------------------
out=$(at "$SAT" "$agent" oncall start "$T" 2>&1); rc=$?
expect_eq "an agent cannot start on-call work" 1 "$rc"
expect_match "refusal names ops" "sdesk_ops" "$out"
out=$(at "$SAT" "$op" oncall start "$T" 2>&1); rc=$?
expect_eq "ops start on-call work on the ticket" 0 "$rc"
expect_match "started" "^on-call work [0-9]+ started on $T$" "$out"
expect_eq "stored with the ticket's contract, the agent and the pinned start" "1|1|$op|2026-11-28 10:05:00+01" \
	"$(q "SET TIME ZONE 'Europe/Berlin'; SELECT account_id || '|' || contract_id || '|' || agent || '|' || started_at FROM oncall_work")"
out=$(at "$SAT" "$op2" oncall start "$T" 2>&1); rc=$?
expect_eq "a second running work on the ticket: refused" 1 "$rc"
expect_match "refusal says who runs it" "runs since .*started by $op" "$out"

# ---- the checklist -----------------------------------------------------------
out=$(at 2026-11-28T10:10:00+01:00 "$op" oncall check "$T" 1 --note "ping ok, Hoster nicht nötig" 2>&1); rc=$?
expect_eq "tick 1 (server reachable) with a note" 0 "$rc"
expect_match "ticked" "^ticked 1 server_reachable on on-call work [0-9]+$" "$out"
at 2026-11-28T10:20:00+01:00 "$op" oncall check "$T" logs_saved --note $'catalina.out gesichert\e[31m rot' >/dev/null 2>&1
expect_eq "a note with a control character is refused before sending" \
	"0" "$(q "SELECT count(*) FROM oncall_check WHERE item = 'logs_saved'")"
at 2026-11-28T10:20:00+01:00 "$op" oncall check "$T" logs_saved --note "catalina.out gesichert" >/dev/null &&
at 2026-11-28T10:40:00+01:00 "$op" oncall check "$T" controlled_restart >/dev/null &&
at 2026-11-28T11:00:00+01:00 "$op" oncall check "$T" 6 --note "Kunde telefonisch informiert" >/dev/null
expect_eq "three more items ticked" 0 "$?"
out=$(at "$SAT" "$op" oncall check "$T" 1 2>&1); rc=$?
expect_eq "ticking an item twice: refused" 1 "$rc"
expect_match "refusal says by whom" "ticked by $op" "$out"
out=$(at "$SAT" "$op" oncall check "$T" report 2>&1); rc=$?
expect_eq "the report item is not ticked by hand (usage)" 2 "$rc"
out=$(at "$SAT" "$op" oncall check "$T" 9 2>&1); rc=$?
expect_eq "an unknown item: usage" 2 "$rc"
out=$(at "$SAT" "$op2" oncall check "$T" resources 2>&1); rc=$?
expect_eq "another ops agent cannot tick someone's checklist" 1 "$rc"
expect_eq "who ticked is stored (session user) with the item" "$op|controlled_restart,customer_feedback,logs_saved,server_reachable" \
	"$(q "SELECT string_agg(DISTINCT done_by, ',') || '|' || string_agg(item, ',' ORDER BY item) FROM oncall_check")"
out=$(at "$SAT" "$op" oncall report "$T" --sent 2>&1); rc=$?
expect_eq "a report of running work cannot be sent" 1 "$rc"

# ---- end: the report's clock ------------------------------------------------------
out=$(at 2026-11-28T11:30:00+01:00 "$op" oncall end "$T" --note $'Tomcat hing (Thread-Dump gesichert).\nNeustart 10:40, seitdem stabil.' 2>&1); rc=$?
expect_eq "ops end the work (Saturday 11:30)" 0 "$rc"
expect_match "the report is due at the end of Monday" "ended; report due 2026-11-30 17:00 Mon$" "$out"
expect_eq "the database stored report_due (end of the next working day)" "2026-11-30 17:00:00+01|" \
	"$(q "SET TIME ZONE 'Europe/Berlin'; SELECT report_due || '|' || coalesce(reported_at::text, '') FROM oncall_work")"
out=$(at 2026-11-28T11:31:00+01:00 "$op" oncall end "$T" 2>&1); rc=$?
expect_eq "ending twice: refused" 1 "$rc"

board() { SDESK_NOW=$1 PGDATABASE=$name "$SDESK_BIN" board --once --width 100 2>&1; }
out=$(board 2026-11-29T12:00:00+01:00)
expect_match "Sunday: the board shows the report as due" "ON-CALL REPORT $T Seitenbau Kunde GmbH .*due Mon 30\.11\. 17:00" "$out"
out=$(board 2026-11-30T17:00:00+01:00)
expect_match "Monday 17:00: still due" "ON-CALL REPORT $T .*due Mon 30\.11\. 17:00" "$out"
out=$(board 2026-11-30T17:01:00+01:00)
expect_match "Monday 17:01 not sent: breached" "!! ON-CALL REPORT $T .*BREACHED since Mon 30\.11\. 17:00" "$out"
# sdesk check judges the report's clock as the board does (CRITICAL after
# the due minute, not before), and counts it in the perfdata.
check() { SDESK_NOW=$1 PGDATABASE=$name "$SDESK_BIN" check 2>&1; }
out=$(check 2026-11-30T17:00:00+01:00)
expect_match "check, Monday 17:00: no report overdue" " reports_overdue=0$" "$out"
expect_nomatch "check, Monday 17:00: not named" "on-call report" "$out"
out=$(check 2026-11-30T17:01:00+01:00); rc=$?
expect_eq "check, Monday 17:01: CRITICAL" 2 "$rc"
expect_match "check names the overdue report" "^SDESK CRITICAL - .*1 on-call report overdue \($T\)" "$out"
expect_match "check perfdata" " reports_overdue=1$" "$out"
out=$(SDESK_NOW=2026-11-30T17:01:00+01:00 LANGUAGE=de LC_ALL=de_DE.UTF-8 PGDATABASE=$name "$SDESK_BIN" check 2>&1)
expect_match "check in German: the plural form" "1 Rufbereitschaftsbericht überfällig \($T\)" "$out"

# ---- the printed report --------------------------------------------------------
q "UPDATE oncall_check SET note = E'ping ok\\x1b]0;pwned\\x07' WHERE item = 'server_reachable'" >/dev/null
out=$(SDESK_NOW=2026-12-01T09:00:00+01:00 admin oncall report "$T" 2>&1); rc=$?
expect_eq "report prints" 0 "$rc"
expect_match "ticket and subject" "^Ticket: +$T  Shop antwortet nicht$" "$out"
expect_match "customer and plan" "^Customer: +Seitenbau Kunde GmbH \(SB\), plan seitenbau-oncall$" "$out"
expect_match "the on-call window" "^Window: +2026-11-28 08:00 Sat - 2026-11-28 20:00 Sat$" "$out"
expect_match "started" "^Started: +2026-11-28 10:05 Sat$" "$out"
expect_match "ended" "^Ended: +2026-11-28 11:30 Sat$" "$out"
expect_match "the report's clock at Tuesday: breached" "^Report: +due 2026-11-30 17:00 Mon, BREACHED$" "$out"
expect_match "item 1 ticked by ops" "^  \[x\] 1 server reachable" "$out"
expect_match "item 2 open" "^  \[ \] 2 resources" "$out"
expect_match "who and when (the pinned instant of the tick)" "^        $op, 2026-11-28 10:10 Sat$" "$out"
expect_match "a note escaped (no raw ESC/BEL)" 'note: ping ok\\x1b\]0;pwned\\x07$' "$out"
expect_nomatch "no raw escape byte" $'\e' "$out"
expect_match "notes kept on two lines" $'^  Tomcat hing \\(Thread-Dump gesichert\\)\\.\n  Neustart 10:40, seitdem stabil\\.$' "$out"
expect_match "count" "^  4 of 7 done$" "$out"

# ---- sent: the clock stops ------------------------------------------------------
out=$(at 2026-11-30T16:00:00+01:00 "$op2" oncall report "$T" --sent 2>&1); rc=$?
expect_eq "another ops agent cannot send someone's report" 1 "$rc"
# The report cannot be sent "tomorrow" to look on time: the database's now
# (sdesk_now(), which SDESK_NOW pins on a test database) bounds the instant.
out=$(at 2026-11-30T16:00:00+01:00 "$op" oncall report "$T" --sent --at 2026-12-01T16:00:00+01:00 2>&1); rc=$?
expect_eq "a report sent in the future: refused" 1 "$rc"
expect_match "the refusal says why" "cannot lie in the future" "$out"
expect_eq "nothing stored" "" "$(q "SELECT reported_at FROM oncall_work")"
out=$(at 2026-11-30T16:00:00+01:00 "$op" oncall report "$T" --sent 2>&1); rc=$?
expect_eq "ops mark the report sent Monday 16:00" 0 "$rc"
expect_match "met" "sent: sent$" "$out"
expect_eq "stored: sent at, and the report item ticked" "2026-11-30 16:00:00+01|report|$op" \
	"$(q "SET TIME ZONE 'Europe/Berlin'; SELECT w.reported_at || '|' || c.item || '|' || c.done_by FROM oncall_work w JOIN oncall_check c ON c.work_id = w.id AND c.item = 'report'")"
out=$(board 2026-12-01T09:00:00+01:00)
expect_nomatch "sent: gone from the board" "ON-CALL REPORT" "$out"
out=$(check 2026-12-01T09:00:00+01:00)
expect_match "sent: check counts no report overdue" " reports_overdue=0$" "$out"
out=$(SDESK_NOW=2026-12-01T09:00:00+01:00 admin oncall report "$T")
expect_match "the report says sent" "^Report: +due 2026-11-30 17:00 Mon, sent 2026-11-30 16:00 Mon$" "$out"
expect_match "7 of 7? no: 5 of 7" "^  5 of 7 done$" "$out"
out=$(at 2026-11-30T16:05:00+01:00 "$op" oncall report "$T" --sent 2>&1); rc=$?
expect_eq "sent twice: refused" 1 "$rc"

# ---- the next working day around holidays (Baden-Württemberg) ------------------
due() { q "SET TIME ZONE 'Europe/Berlin'; SELECT oncall_report_due('seitenbau-oncall', '$1')"; }
expect_eq "Friday night -> Monday" "2026-11-30 17:00:00+01" "$(due 2026-11-27T23:30+01)"
expect_eq "Monday 02:00 (after midnight) -> Tuesday" "2026-12-01 17:00:00+01" "$(due 2026-11-30T02:00+01)"
expect_eq "Christmas Day (25th) -> Monday 28th" "2026-12-28 17:00:00+01" "$(due 2026-12-25T20:00+01)"
expect_eq "Tuesday 5 Jan -> Thursday 7 Jan (Epiphany is a holiday in BW)" "2027-01-07 17:00:00+01" "$(due 2027-01-05T21:00+01)"
expect_eq "Saturday before the DST change -> Monday, winter time" "2026-10-26 17:00:00+01" "$(due 2026-10-24T22:00+02)"
expect_eq "Saturday before Easter 2027 -> Tuesday (Easter Monday)" "2027-03-30 17:00:00+02" "$(due 2027-03-27T22:00+01)"

# ---- usage -------------------------------------------------------------------------
out=$(admin oncall 2>&1); rc=$?
expect_eq "no subcommand: usage" 2 "$rc"
out=$(admin oncall start nope 2>&1); rc=$?
expect_eq "a bad ticket: usage" 2 "$rc"
out=$(admin oncall start "$T" --note x 2>&1); rc=$?
expect_eq "--note with start: usage" 2 "$rc"
out=$(admin oncall report SD-999999 2>&1); rc=$?
expect_eq "no on-call work on a ticket: runtime" 1 "$rc"
finish
