#!/usr/bin/env bash
# sdesk check (monitoring plugin) and sdesk board --once against a real
# database: exit codes 0/1/2/3, the status line and its perfdata, filters,
# usage errors as UNKNOWN, an unreachable database; the text snapshot.
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "no PGHOST: run under tests/with-pg" >&2
	exit 99
fi
DB="sdesk_check_$$"
AGENT="ck_agent_$$"   # check and board run as an agent's own login; the superuser sets up
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE \"$DB\"" >/dev/null || exit 99
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" -c "DROP ROLE IF EXISTS \"$AGENT\"" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
export PGDATABASE="$DB"
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$DB user=$AGENT"; };
board = { at_risk_minutes = 60; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
"$SDESK_BIN" db migrate --db "dbname=$DB" >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" plans load --db "dbname=$DB" >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
"$SDESK_BIN" admin add-agent "$AGENT" --name "Moni Tor" --role agent --tier 1 --db "dbname=$DB" >"$TMP/add.out" 2>&1 ||
	{ cat "$TMP/add.out" >&2; exit 99; }
sql() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
# A test database: the pinned clock counts (doc/security.md, "The pinned now").
sql -c "UPDATE clock_pin SET allowed = true" >/dev/null || exit 99
# "Now" pinned to Monday 30 Nov 2026 11:00 (the desk is open: the team's
# working minutes run with the wall clock) for sdesk and, through the session
# setting, for the fixtures' sdesk_now(); the due-instant-passes part below
# runs on the real clock.
export SDESK_NOW=2026-11-30T11:00:00+01:00
export PGOPTIONS="-c sdesk.now=$SDESK_NOW"

run_check() { out=$("$SDESK_BIN" check "$@"); rc=$?; }

# ---- no tickets: OK --------------------------------------------------------
run_check
expect_eq "empty: exit 0" 0 "$rc"
expect_eq "empty: status line" "SDESK OK - 0 open, none at risk or breached | open=0 at_risk=0 breached=0 paused=0 reports_overdue=0" "$out"

# ---- the screen fixture: breached 30 min ago, at risk 20 min, paused, running
sql -f "$top_srcdir/tests/screen/fixture.sql" >/dev/null || exit 99
run_check
expect_eq "breached: exit 2 (CRITICAL)" 2 "$rc"
expect_match "breached: status line" '^SDESK CRITICAL - 1 breached \(SD-10002 3[01]m ago\), 1 at risk \(SD-10003 in (19|20)m\), 4 open \| ' "$out"
expect_match "breached: perfdata" '\| open=4 at_risk=1 breached=1 paused=1 reports_overdue=0$' "$out"

# Filters: the convento customer has the at-risk ticket only (and one running).
run_check --customer BSK
expect_eq "customer BSK: exit 1 (WARNING)" 1 "$rc"
expect_match "customer BSK: perfdata" '^SDESK WARNING - 1 at risk \(SD-10003 in (19|20)m\), 2 open \| open=2 at_risk=1 breached=0 paused=0 reports_overdue=0$' "$out"
run_check --customer 'Bäckerei Schäfer KG' --warn-minutes 10
expect_eq "customer by name, 10 min threshold: exit 0" 0 "$rc"
expect_match "threshold 10 min: none at risk" 'open=2 at_risk=0 breached=0 paused=0 reports_overdue=0$' "$out"
run_check --plan invitario-gold
expect_eq "plan filter: exit 2" 2 "$rc"
expect_match "plan filter: perfdata" 'open=2 at_risk=0 breached=1 paused=1 reports_overdue=0$' "$out"
# An unknown plan, team or customer is a mistake in the monitoring set-up,
# not "no tickets": UNKNOWN (3), naming it (it used to print OK).
run_check --plan no-such-plan
expect_eq "unknown plan: exit 3 (UNKNOWN)" 3 "$rc"
expect_eq "unknown plan: message" "SDESK UNKNOWN - plan 'no-such-plan' is not known (no plan of that code)" "$out"
run_check --team 'Team West'
expect_eq "unknown team: exit 3" 3 "$rc"
expect_eq "unknown team: message" "SDESK UNKNOWN - team 'Team West' is not known (no team of that name)" "$out"
run_check --customer NOPE --plan invitario-gold
expect_eq "unknown customer: exit 3" 3 "$rc"
expect_eq "unknown customer: message" "SDESK UNKNOWN - customer 'NOPE' is not known (no account of that code or name)" "$out"
# (the fixture's Team Nord has the tester as a member: a team of its own here)
sql -c "SELECT create_team(gen_random_uuid(), 'Team Süd')" >/dev/null || exit 99
run_check --team 'Team Süd'
expect_eq "team without members: exit 0" 0 "$rc"
expect_match "team filter: perfdata" 'open=0 at_risk=0 breached=0 paused=0 reports_overdue=0$' "$out"

# ---- usage errors are UNKNOWN (3) ------------------------------------------
run_check --warn-minutes abc
expect_eq "bad --warn-minutes: exit 3" 3 "$rc"
expect_match "bad --warn-minutes: message names it" "^SDESK UNKNOWN - --warn-minutes: 'abc' is not a number" "$out"
run_check --frobnicate
expect_eq "unknown argument: exit 3" 3 "$rc"
run_check --plan
expect_eq "missing value: exit 3" 3 "$rc"
out=$("$SDESK_BIN" check --help); rc=$?
expect_eq "--help: exit 0" 0 "$rc"

# ---- unreachable database: UNKNOWN (3) -------------------------------------
cat >"$TMP/bad.cfg" <<CFG
database = { conninfo = "host=$TMP port=1 dbname=nope"; connect_timeout = 2; };
CFG
out=$(SDESK_CONFIG="$TMP/bad.cfg" "$SDESK_BIN" check); rc=$?
expect_eq "unreachable: exit 3" 3 "$rc"
expect_match "unreachable: status line" '^SDESK UNKNOWN - cannot connect to the database' "$out"
out=$(SDESK_CONFIG="$TMP/missing.cfg" "$SDESK_BIN" check); rc=$?
expect_eq "missing settings file: exit 3" 3 "$rc"

# ---- due instant passes: the check turns CRITICAL without a change ---------
# On the real clock, a customer of its own (any hour: 6 s are at most 6
# working minutes, at risk; past the instant, breached).
real_sql() { env -u PGOPTIONS psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
real_check() { out=$(env -u SDESK_NOW "$SDESK_BIN" check "$@"); rc=$?; }
real_sql -c "SELECT create_account(gen_random_uuid(), 'JETZT', 'Jetzt GmbH', NULL)" \
	-c "SELECT create_contract(gen_random_uuid(), (SELECT id FROM account WHERE code = 'JETZT'), 'convento',
	current_date - 1, NULL, '{}')" \
	-c "SELECT create_contact(gen_random_uuid(), (SELECT id FROM account WHERE code = 'JETZT'), 'Jana Jetzt',
	'key_user', NULL, NULL)" \
	-c "SELECT test_forge_dues(create_ticket(gen_random_uuid(), (SELECT id FROM account WHERE code = 'JETZT'),
	(SELECT c.id FROM contract c JOIN account a ON a.id = c.account_id WHERE a.code = 'JETZT'),
	(SELECT id FROM contact WHERE name = 'Jana Jetzt'),
	'chat', 'critical', 'Gleich fällig', '', now()), now() + interval '6 seconds', now() + interval '4 hours')" >/dev/null
real_check --customer JETZT
expect_match "before the due instant: at risk" 'open=1 at_risk=1 breached=0' "$out"
for _ in $(seq 1 40); do   # bounded polling, up to 20 s
	real_check --customer JETZT
	[ "$rc" -eq 2 ] && break
	sleep 0.5
done
expect_eq "after the due instant: exit 2" 2 "$rc"
expect_match "after the due instant: breached" 'open=1 at_risk=0 breached=1' "$out"

# ---- sdesk board --once ----------------------------------------------------
sql -f "$top_srcdir/tests/board/fixture.sql" >/dev/null || exit 99
out=$("$SDESK_BIN" board --once --width 100); rc=$?
expect_eq "--once: exit 0" 0 "$rc"
expect_match "--once: first line" "^sdesk board [0-9-]+ [0-9:]+ [+-][0-9]{4}  db: $DB" "$(printf '%s\n' "$out" | head -1)"
# (JETZT's ticket, made on the real clock, lies after the pinned instant: next up)
expect_match "--once: counters" 'OPEN 5 +AT RISK 1 +BREACHED 1 +PAUSED 1' "$out"
expect_match "--once: breached section" '^BREACHED \(1\)' "$out"
expect_match "--once: breached ticket, how long ago" '^!! SD-10002 Müller-Lüdenscheidt GmbH .* 3[01]m ago$' "$out"
expect_match "--once: at-risk ticket" '^!  SD-10003 Bäckerei Schäfer KG .* (19|20)m$' "$out"
expect_match "--once: next up" '^NEXT UP \(2\)' "$out"
expect_match "--once: escalation level" '^\^  SD-10001 .*level 2' "$out"
expect_match "--once: incidents" 'INCIDENTS \([0-9]+ in progress\)' "$out"
expect_match "--once: incident line" '#[0-9]+ Telefonanlage ausgefallen \(open, 0 tickets\) since .*, fix ' "$out"
expect_match "--once: maintenance" '^MAINTENANCE next .* Wartung Mailserver \(all\)' "$out"
expect_match "--once: agent load" '^\(unassigned\) +5 +1 +1$' "$out"
expect_match "--once: chart heading" '^SLA COMPLIANCE, last 30 days: ' "$out"
expect_nomatch "--once: no escape sequences" $'\e' "$out"
out=$("$SDESK_BIN" board --once --plain --width 80); rc=$?
# The board's own characters are ASCII; the customers' names stay as they are.
expect_nomatch "--once --plain: ASCII only" '[^ -~]' \
	"$(printf '%s' "$out" | tr -d '\n' | sed 's/Müller-Lüdenscheidt//g; s/Bäckerei Schäfer//g; s/gestört//g')"
out=$("$SDESK_BIN" board --once --width 5 2>&1); rc=$?
expect_eq "--width out of range: exit 2" 2 "$rc"
out=$(SDESK_CONFIG="$TMP/bad.cfg" "$SDESK_BIN" board --once 2>&1); rc=$?
expect_eq "--once, unreachable database: exit 1" 1 "$rc"

# ---- a six-digit ticket number widens the reference column on every row ----
sql -c "SELECT setval('ticket_number', 100004)" -c "SELECT test_forge_dues(create_ticket(gen_random_uuid(),
	(SELECT id FROM account WHERE code = 'BSK'),
	(SELECT c.id FROM contract c JOIN account a ON a.id = c.account_id WHERE a.code = 'BSK'),
	(SELECT id FROM contact WHERE name = 'Özlem Çelik'), 'chat', 'minor', 'Große Nummer', '',
	sdesk_now()), sdesk_now() + interval '3 days', sdesk_now() + interval '9 days')" >/dev/null
out=$("$SDESK_BIN" board --once --width 100)
expect_match "six digits: a space before the customer" '^   SD-100005 Bäckerei Schäfer KG ' "$out"
expect_match "six digits: the other rows aligned" '^!! SD-10002  Müller-Lüdenscheidt GmbH ' "$out"
finish
