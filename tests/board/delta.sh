#!/usr/bin/env bash
# A board that follows a change by a partial reload (the NOTIFY names the
# tickets: board_q_send_delta + board_q_merge, doc/board.md "Live updates")
# holds what a whole snapshot holds: for each change below, the helper
# tests/board/board_delta takes the snapshot as a live board does, runs the
# change in another session, re-reads the tickets it named, merges, and
# compares with a whole snapshot at the same horizon, field by field
# (tickets, next ten, agents' load, incidents, reports, maintenance). A
# change of tickets the board held is counted into the load per agent by
# the board (no aggregate); one of a ticket it did not hold re-reads it.
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "no PGHOST: run under tests/with-pg" >&2
	exit 99
fi
DB="sdesk_delta_$$"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE \"$DB\"" >/dev/null || exit 99
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
export PGDATABASE="$DB"
"$SDESK_BIN" db migrate --db "dbname=$DB" >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" plans load --db "dbname=$DB" >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
psql -X -q -c "UPDATE clock_pin SET allowed = true" >/dev/null || exit 99
# Monday 30 Nov 2026 17:55 for the helper (SDESK_NOW: its sessions' sdesk.now)
# and for the fixture and changes (PGOPTIONS).
export SDESK_NOW=2026-11-30T17:55:00+01:00
export PGOPTIONS="-c sdesk.now=$SDESK_NOW"
psql -X -q -v ON_ERROR_STOP=1 -f "$top_srcdir/tests/screen/fixture.sql" >/dev/null || exit 99
# 400 open tickets around now: overdue to three days ahead, new, open and
# waiting, contacted with and without an estimate, escalated, 3rd level,
# four assignees and none, two plans; some linked to the incident.
psql -X -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || exit 99
INSERT INTO agent (login, display_name, team_id)
SELECT 'd' || i, 'Delta ' || i, (SELECT id FROM team LIMIT 1) FROM generate_series(1, 3) i;
INSERT INTO team (name) VALUES ('Team Süd');
INSERT INTO agent (login, display_name, team_id) VALUES ('s1', 'Süd Eins', (SELECT id FROM team WHERE name = 'Team Süd'));
INSERT INTO ticket (account_id, contract_id, channel, category, subject, status, received_at,
	first_contact_at, first_contact_kind, reaction_due, resolution_due, estimate_due, paused_since,
	escalation_level, tier, assignee)
SELECT c.account_id, c.id, 'ticket', CASE WHEN c.plan_code = 'convento' THEN 'minor' ELSE 'light' END,
	'Delta ' || g, CASE WHEN g % 10 = 0 THEN 'waiting' WHEN g % 3 = 0 THEN 'open' ELSE 'new' END, r,
	CASE WHEN g % 4 = 0 THEN r + interval '10 minutes' END, CASE WHEN g % 4 = 0 THEN 'contact' END,
	n - interval '3 hours' + (g * 17 % 4000) * interval '1 minute',
	n + (g % 100) * interval '1 hour' + interval '5 minutes',
	CASE WHEN g % 8 = 0 THEN n + (g % 30) * interval '1 hour' END,
	CASE WHEN g % 10 = 0 THEN r + interval '5 minutes' END,
	CASE WHEN g % 37 = 0 THEN 1 ELSE 0 END, CASE WHEN g % 41 = 0 THEN 3 ELSE 1 END,
	(ARRAY[NULL, 'd1', 'd2', 'd3'])[1 + g % 4]
FROM generate_series(1, 400) g, LATERAL (SELECT sdesk_now() AS n) x,
	LATERAL (SELECT n - interval '4 hours' - (g % 50) * interval '1 hour' AS r) y,
	LATERAL (SELECT id, account_id, plan_code FROM contract WHERE account_id IN
		(SELECT id FROM account WHERE code IN ('MLG', 'BSK')) ORDER BY (id + g) % 2 LIMIT 1) c;
INSERT INTO ticket_incident (ticket_id, incident_id)
SELECT t.id, (SELECT id FROM incident LIMIT 1) FROM ticket t WHERE t.subject LIKE 'Delta %' AND t.id % 7 = 0;
ANALYZE ticket;
SQL

n=0
change() { # NAME (SQL on stdin)
	n=$((n + 1))
	cat >"$TMP/change$n.sql"
	out=$("$top_builddir/tests/board/board_delta" "$TMP/change$n.sql" 2>&1); rc=$?
	expect_eq "$1: partial reload = whole snapshot" 0 "$rc"
	[ "$rc" = 0 ] || printf '%s\n' "$out" | head -20 >&2
	expect_match "$1: compared" '^same: [0-9]+ tickets named, [0-9]+ tickets held$' "$out"
}
# The ticket picked by a query, changed, its history written and notified
# as an action does (record_change with the ticket: the payload is its id).
pick='\gset
SELECT record_change('"'ticket'"', :'"'id'"', :id, '"'test'"', NULL, '"'{}'"'::jsonb);'

change "a ticket far beyond the horizon escalated (joins)" <<SQL
BEGIN;
UPDATE ticket SET escalation_level = 2 WHERE id = (SELECT id FROM ticket WHERE status IN ('new', 'open')
	AND escalation_level = 0 AND tier < 3 ORDER BY reaction_due DESC LIMIT 1) RETURNING id $pick
COMMIT;
SQL
change "the most overdue ticket resolved (leaves; load and incident counts)" <<SQL
BEGIN;
UPDATE ticket SET status = 'resolved', resolved_at = sdesk_now(), paused_since = NULL
	WHERE id = (SELECT id FROM ticket t JOIN ticket_incident ti ON ti.ticket_id = t.id
	WHERE status IN ('new', 'open') ORDER BY reaction_due LIMIT 1) RETURNING id $pick
COMMIT;
SQL
change "a breached ticket reassigned" <<SQL
BEGIN;
UPDATE ticket SET assignee = 'd2' WHERE id = (SELECT id FROM ticket WHERE status IN ('new', 'open')
	AND assignee = 'd1' AND reaction_due < sdesk_now() ORDER BY id LIMIT 1) RETURNING id $pick
COMMIT;
SQL
change "a ticket due soon moved days ahead (leaves)" <<SQL
BEGIN;
UPDATE ticket SET reaction_due = sdesk_now() + interval '70 hours', resolution_due = sdesk_now() + interval '90 hours',
	estimate_due = NULL WHERE id = (SELECT id FROM ticket WHERE status IN ('new', 'open') AND first_contact_at IS NULL
	AND escalation_level = 0 AND tier < 3 AND reaction_due > sdesk_now() ORDER BY reaction_due LIMIT 1) RETURNING id $pick
COMMIT;
SQL
change "the first of the next ten due soon (the next ten move up)" <<SQL
BEGIN;
UPDATE ticket SET reaction_due = sdesk_now() + interval '10 minutes' WHERE id = (SELECT id FROM ticket
	WHERE status IN ('new', 'open') AND first_contact_at IS NULL AND escalation_level = 0 AND tier < 3
	AND reaction_due > sdesk_now() + interval '3 hours' AND resolution_due > sdesk_now() + interval '3 hours'
	ORDER BY reaction_due LIMIT 1) RETURNING id $pick
COMMIT;
SQL
change "a new ticket due in 20 minutes (joins)" <<SQL
BEGIN;
INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at, reaction_due, resolution_due, assignee)
SELECT account_id, id, 'email', 'minor', 'Delta new', sdesk_now(), sdesk_now() + interval '20 minutes',
	sdesk_now() + interval '2 days', 'd3' FROM contract WHERE plan_code = 'convento' ORDER BY id LIMIT 1 RETURNING id $pick
COMMIT;
SQL
change "a ticket at risk set waiting" <<SQL
BEGIN;
UPDATE ticket SET status = 'waiting', paused_since = sdesk_now() WHERE id = (SELECT id FROM ticket
	WHERE status IN ('new', 'open') AND reaction_due > sdesk_now() ORDER BY reaction_due LIMIT 1) RETURNING id $pick
COMMIT;
SQL
change "three tickets in one transaction (closed, resumed, unassigned)" <<SQL
BEGIN;
UPDATE ticket SET status = 'closed', resolved_at = sdesk_now(), closed_at = sdesk_now(), paused_since = NULL
	WHERE id = (SELECT id FROM ticket WHERE status = 'new' ORDER BY reaction_due LIMIT 1) RETURNING id $pick
UPDATE ticket SET status = 'open', paused_since = NULL WHERE id = (SELECT id FROM ticket WHERE status = 'waiting'
	ORDER BY reaction_due LIMIT 1) RETURNING id $pick
UPDATE ticket SET assignee = NULL WHERE id = (SELECT id FROM ticket WHERE status IN ('new', 'open')
	AND assignee = 'd3' ORDER BY reaction_due LIMIT 1) RETURNING id $pick
COMMIT;
SQL
# A board filtered by plan: a ticket of the other plan changes too.
export BOARD_PLAN=convento
change "a filtered board: tickets of both plans escalated" <<SQL
BEGIN;
UPDATE ticket SET escalation_level = 3 WHERE id = (SELECT t.id FROM ticket t JOIN contract c ON c.id = t.contract_id
	WHERE c.plan_code = 'convento' AND t.status = 'new' AND t.escalation_level = 0 ORDER BY t.reaction_due DESC LIMIT 1)
	RETURNING id $pick
UPDATE ticket SET escalation_level = 3 WHERE id = (SELECT t.id FROM ticket t JOIN contract c ON c.id = t.contract_id
	WHERE c.plan_code <> 'convento' AND t.status = 'new' AND t.escalation_level = 0 ORDER BY t.reaction_due DESC LIMIT 1)
	RETURNING id $pick
COMMIT;
SQL
unset BOARD_PLAN
# A board of one team: its ticket given to another team's agent leaves it.
export BOARD_TEAM="Team Nord"
change "a team's board: a breached ticket given to another team" <<SQL
BEGIN;
UPDATE ticket SET assignee = 's1' WHERE id = (SELECT id FROM ticket WHERE status IN ('new', 'open')
	AND assignee = 'd2' AND reaction_due < sdesk_now() ORDER BY id LIMIT 1) RETURNING id $pick
COMMIT;
SQL
change "a team's board: a ticket of another team's agent given to the team" <<SQL
BEGIN;
UPDATE ticket SET assignee = 'd1' WHERE assignee = 's1' RETURNING id $pick
COMMIT;
SQL
unset BOARD_TEAM
finish
