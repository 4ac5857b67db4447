#!/usr/bin/env bash
# Issue 11 through the real database and commands, at a pinned Monday
# 30 Nov 2026 17:55 (Berlin):
#   - a breach stays missed: a ticket breached at 17:25 is contacted at 17:55
#     (first_contact), another is linked to an incident whose broadcast goes
#     out at 17:55 (link_incident, broadcast_incident): ticket_clock says the
#     reaction clock was missed, then, a week later and after the ticket is
#     resolved, still missed;
#   - the night case (doc/sla.md): due 03:54 tonight, the desk closes at
#     18:00: 5 working minutes left, at risk, in ticket_clock, the console's
#     queue (`console --dump`), the board (`board --list`) and `sdesk check`.
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "missed.sh: PGHOST is not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
DB="sdesk_missed_$$"
createdb "$DB" || exit 99
trap 'dropdb --if-exists --force "$DB"; rm -rf "$TMP"' EXIT
printf 'database = { conninfo = "dbname=%s"; connect_timeout = 5; };\n' "$DB" >"$TMP/sdesk.cfg"
export SDESK_CONFIG="$TMP/sdesk.cfg" PGDATABASE="$DB"
NOW=2026-11-30T17:55:00+01:00
export SDESK_NOW=$NOW PGOPTIONS="-c sdesk.now=$NOW"
{ "$SDESK_BIN" db migrate && "$SDESK_BIN" plans load &&
  psql -X -q -v ON_ERROR_STOP=1 -f "$top_srcdir/tests/screen/fixture.sql"; } >"$TMP/setup.out" 2>&1 ||
	{ cat "$TMP/setup.out" >&2; exit 99; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

# SD-10002 (fixture): reaction due 17:25, breached. Contacted at 17:55.
expect_eq "SD-10002 breached before the contact" "breached" \
	"$(q "SELECT reaction_state FROM ticket_clock WHERE ref = 'SD-10002'")"
q "SELECT first_contact(gen_random_uuid(), 10002, sdesk_now(), NULL, NULL)" >/dev/null
expect_eq "SD-10002: contacted late, the reaction clock is missed" "missed" \
	"$(q "SELECT reaction_state FROM ticket_clock WHERE ref = 'SD-10002'")"

# SD-10005: breached 17:10, linked to the incident, whose broadcast at 17:55
# is its first contact.
q "SELECT test_forge_dues(create_ticket(gen_random_uuid(), (SELECT id FROM account WHERE code = 'BSK'),
	(SELECT id FROM contract WHERE account_id = (SELECT id FROM account WHERE code = 'BSK') AND valid_to IS NULL),
	(SELECT id FROM contact WHERE name = 'Özlem Çelik'), 'chat', 'critical', 'Versand steht', '', sdesk_now() - interval '2 hours'),
	timestamptz '2026-11-30 17:10+01', timestamptz '2026-12-01 12:00+01')" >/dev/null
expect_eq "SD-10005 breached before the broadcast" "breached" \
	"$(q "SELECT reaction_state FROM ticket_clock WHERE ref = 'SD-10005'")"
q "SELECT link_incident(gen_random_uuid(), 10005, (SELECT id FROM incident))" >/dev/null
q "SELECT broadcast_incident(gen_random_uuid(), (SELECT id FROM incident), 'Wir arbeiten daran',
	timestamptz '2026-11-30 20:00+01', sdesk_now())" >/dev/null
expect_eq "SD-10005: the broadcast is its first contact" "broadcast" \
	"$(q "SELECT first_contact_kind FROM ticket WHERE ref = 'SD-10005'")"
expect_eq "SD-10005: linked and broadcast late, the reaction clock is missed" "missed" \
	"$(q "SELECT reaction_state FROM ticket_clock WHERE ref = 'SD-10005'")"

# A week later, and after SD-10002 is resolved, both stay missed.
export PGOPTIONS="-c sdesk.now=2026-12-07T10:00:00+01:00"
expect_eq "a week later: still missed" "SD-10002 missed,SD-10005 missed" \
	"$(q "SELECT string_agg(ref || ' ' || reaction_state, ',' ORDER BY ref) FROM ticket_clock WHERE ref IN ('SD-10002', 'SD-10005')")"
export PGOPTIONS="-c sdesk.now=$NOW"
q "SELECT resolve_ticket(gen_random_uuid(), 10002, sdesk_now(), 'erledigt')" >/dev/null
expect_eq "resolved: the reaction clock stays missed" "missed" \
	"$(q "SELECT s.reaction_state FROM ticket t JOIN contract c ON c.id = t.contract_id,
		sdesk.ticket_state(t.received_at, t.reaction_due, t.resolution_due, t.estimate_due, t.first_contact_at,
		t.resolved_at, NULL, c.plan_code, t.category, NULL, timestamptz '2026-12-07 10:00+01') s
		WHERE t.ref = 'SD-10002'")"

# The night case: SD-10006, due 03:54 tonight (dues forged: a 24-hour
# contract's), unassigned: the desk's hours (08:00-18:00) leave 5 minutes.
q "SELECT test_forge_dues(create_ticket(gen_random_uuid(), (SELECT id FROM account WHERE code = 'BSK'),
	(SELECT id FROM contract WHERE account_id = (SELECT id FROM account WHERE code = 'BSK') AND valid_to IS NULL),
	(SELECT id FROM contact WHERE name = 'Özlem Çelik'), 'email', 'minor', 'Nachtlauf', '', sdesk_now() - interval '1 hour'),
	timestamptz '2026-12-01 03:54+01', timestamptz '2026-12-10 12:00+01')" >/dev/null
expect_eq "night: ticket_clock" "at_risk 5" \
	"$(q "SELECT state || ' ' || left_minutes FROM ticket_clock WHERE ref = 'SD-10006'")"
expect_eq "night: console --dump" "SD-10006	at_risk	5	5m	!" \
	"$("$SDESK_BIN" console --dump | grep '^SD-10006	')"
expect_eq "night: board --list" "SD-10006	at_risk	5	0	5m" \
	"$("$SDESK_BIN" board --list | grep '^SD-10006	')"
expect_match "night: sdesk check names it at risk" 'at risk \(.*SD-10006 in 5m' "$("$SDESK_BIN" check)"
# ... and at 23:00 it has 0 minutes left (not breached: no working minute
# passes before it falls due); at 08:00 it is breached.
export SDESK_NOW=2026-11-30T23:00:00+01:00 PGOPTIONS="-c sdesk.now=2026-11-30T23:00:00+01:00"
expect_eq "night 23:00: console --dump" "SD-10006	at_risk	0	0m	!" \
	"$("$SDESK_BIN" console --dump | grep '^SD-10006	')"
export SDESK_NOW=2026-12-01T08:00:00+01:00 PGOPTIONS="-c sdesk.now=2026-12-01T08:00:00+01:00"
expect_eq "night, 08:00 the next day: breached" "breached" \
	"$(q "SELECT state FROM ticket_clock WHERE ref = 'SD-10006'")"
finish
