#!/usr/bin/env bash
# Seeds 001 and 003 against a real database, "now" pinned:
#  - 001 "spätestens 3 Werktage vor dem gewünschten Termin": an agent books
#    standby on Monday 30 Nov 2026 16:55 for Thursday 3 Dec 06:00; --dry-run
#    and the real booking agree (accepted; the database's floor no longer
#    adds now + 72 h). Tuesday 09:00 for the same Thursday is refused by both.
#  - the pinned clock (sdesk.now) is refused on a database not marked as a
#    test database (clock_pin), and an agent cannot mark it;
#  - 003: the ticket table takes the oncall channel; on-call windows (one-off
#    and standing) are stored by a lead only.
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "oncall-standby.sh: PGHOST is not set: run under tests/with-pg" >&2
	exit 99
fi
name="sdesk_oncall_$$"
role="oc_agent_$$"
lead="oc_lead_$$"
createdb "$name" || { echo "oncall-standby.sh: createdb failed" >&2; exit 99; }
trap 'dropdb --if-exists --force "$name"; psql -X -q -d postgres -c "DROP ROLE IF EXISTS $role" -c "DROP ROLE IF EXISTS $lead" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
: >"$TMP/sdesk.cfg"
admin() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name"; }
agent() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name user=$role"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }
as() { psql -X -q -At -v ON_ERROR_STOP=1 -U "$1" -d "$name" -c "$2" 2>&1; }

admin db migrate >/dev/null || { echo "oncall-standby.sh: migrate failed" >&2; exit 99; }
admin plans load >/dev/null || { echo "oncall-standby.sh: plans load failed" >&2; exit 99; }
q "INSERT INTO account (code, name) VALUES ('CONV', 'Convento Kunde'), ('SB', 'Seitenbau Kunde');
   INSERT INTO contract (account_id, plan_code, valid_from, overrides) VALUES
     (1, 'convento', '2025-01-01', jsonb_build_object('standby_hour_cents', 9500)),
     (2, 'seitenbau-oncall', '2025-01-01', '{}');
   INSERT INTO contact (account_id, name, role) VALUES (2, 'Sven Bau', 'key_user');" >/dev/null || { echo "oncall-standby.sh: fixture failed" >&2; exit 99; }
admin admin add-agent "$lead" --name "Lutz Leitung" --role lead --tier 2 >/dev/null &&
	admin admin add-agent "$role" --name "Anke Agentin" --role agent --tier 1 >/dev/null ||
	{ echo "oncall-standby.sh: add-agent failed" >&2; exit 99; }

book() { SDESK_NOW="$1" agent standby book CONV 2026-12-03T06:00:00+01:00 2026-12-03T09:00:00+01:00 "${@:2}"; }

# ---- the pinned clock is refused on a real desk (issue 11) ------------------
# A fresh database is no test database (clock_pin.allowed false): an agent
# who pins sdesk.now gets a refusal naming it, not another instant, and
# cannot mark the database as a test database.
out=$(as "$role" "SELECT set_config('sdesk.now', '2026-11-30T16:55:00+01:00', false); SELECT sdesk_now()"); rc=$?
expect_eq "real desk: an agent's pinned sdesk.now is refused" 1 "$rc"
expect_match "real desk: the refusal names the pin" "the clock is pinned to .* no test or demo database: refused" "$out"
expect_eq "real desk: unpinned, sdesk_now() is now()" "t" "$(as "$role" "SELECT sdesk_now() = now()")"
out=$(as "$role" "UPDATE clock_pin SET allowed = true"); rc=$?
expect_eq "an agent cannot mark the database as a test database" 1 "$rc"
expect_match "refused: permission denied" "permission denied" "$out"
out=$(book 2026-11-30T16:55:00+01:00 2>&1); rc=$?
expect_eq "real desk: a standby booking under SDESK_NOW is refused" 1 "$rc"
expect_match "real desk: sdesk says why" "no test or demo database" "$out"
expect_eq "real desk: nothing booked" 0 "$(q "SELECT count(*) FROM standby_booking")"
# The owner marks this throwaway database as a test database.
q "UPDATE clock_pin SET allowed = true" >/dev/null
expect_eq "test database: the pin is honoured" "2026-11-30 15:55:00+00" \
	"$(as "$role" "SET TIME ZONE 'UTC'; SELECT set_config('sdesk.now', '2026-11-30T16:55:00+01:00', false) IS NOT NULL; SELECT sdesk_now()" | tail -n 1)"

# ---- 001: standby lead time, dry run and booking agree ---------------------
out=$(book 2026-11-30T16:55:00+01:00 --dry-run 2>&1); rc=$?
expect_eq "Mon 16:55 for Thu 06:00, --dry-run: accepted" 0 "$rc"
expect_match "dry run: earliest start Thursday 00:00" "earliest start without override 2026-12-03 00:00" "$out"
out=$(book 2026-11-30T16:55:00+01:00 2>&1); rc=$?
expect_eq "Mon 16:55 for Thu 06:00, booked: accepted" 0 "$rc"
expect_match "booked: no override" "^booked standby [0-9]+ for CONV$" "$(echo "$out" | tail -n 1)"
expect_eq "stored without an override reason" "1|" \
	"$(q "SELECT count(*) || '|' || coalesce(max(override_reason), '') FROM standby_booking")"
out=$(book 2026-12-01T09:00:00+01:00 --dry-run 2>&1); rc=$?
expect_eq "Tue 09:00 for Thu 06:00, --dry-run: refused" 2 "$rc"
out=$(book 2026-12-01T09:00:00+01:00 2>&1); rc=$?
expect_eq "Tue 09:00 for Thu 06:00, booked: refused alike" 2 "$rc"
expect_match "refusal names the rule" "at least 3 working days ahead" "$out"
# The database decides the lead time itself (sdesk.standby_price at
# sdesk_now()): Monday 16:55 for Wednesday 06:00 is inside it.
out=$(SDESK_NOW=2026-11-30T16:55:00+01:00 psql -X -q -At -U "$role" -d "$name" -c \
	"SELECT set_config('sdesk.now', '2026-11-30T16:55:00+01:00', false);
	 SELECT book_standby(gen_random_uuid(), 1, '2026-12-02T06:00+01', '2026-12-02T07:00+01', NULL)" 2>&1); rc=$?
expect_eq "Monday 16:55 for Wednesday 06:00: the database's lead time refuses it" 1 "$rc"
expect_match "refused: only a lead inside the lead time" "only a team lead may do this" "$out"

# ---- 003: the oncall channel and on-call windows ---------------------------
q "INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at, reaction_due)
   VALUES (2, 2, 'oncall', 'cat1', 'Server down', '2026-12-05T10:00+01', '2026-12-05T11:00+01')" >/dev/null
expect_eq "the ticket table takes channel oncall" "oncall|2026-12-05 11:00:00+01" \
	"$(q "SET TIME ZONE 'Europe/Berlin'; SELECT channel || '|' || reaction_due FROM ticket")"
out=$(as "$role" "SELECT add_oncall_window(gen_random_uuid(), 2, '2026-12-05T08:00+01', '2026-12-05T20:00+01',
	NULL, NULL, NULL, NULL, NULL, 'Migration')"); rc=$?
expect_eq "an agent cannot record an on-call window" 1 "$rc"
out=$(as "$lead" "SELECT add_oncall_window(gen_random_uuid(), 2, '2026-12-05T08:00+01', '2026-12-05T20:00+01',
	NULL, NULL, NULL, NULL, NULL, 'Migration')"); rc=$?
expect_eq "a lead records a one-off window" 0 "$rc"
out=$(as "$lead" "SELECT add_oncall_window(gen_random_uuid(), 2, NULL, NULL, 31, 1020, 1320, '2026-12-01', NULL,
	'weekday evenings 17-22, standing')"); rc=$?
expect_eq "a lead records a standing window" 0 "$rc"
out=$(as "$lead" "SELECT add_oncall_window(gen_random_uuid(), 2, '2026-12-05T08:00+01', NULL,
	31, NULL, NULL, NULL, NULL, 'half of each')"); rc=$?
expect_eq "a window half one-off, half standing: refused" 1 "$rc"
expect_eq "two windows stored" "2" "$(q "SELECT count(*) FROM oncall_window")"

# 003: "1 Stunde Reaktionszeit für Störungsmeldungen der Kategorie 1" inside an
# on-call window ("Erreichbarkeit außerhalb der üblichen Bürozeiten"): a report
# on Saturday 10:00 is due Saturday 11:00, decided by the database.
as "$lead" "SELECT add_oncall_window(gen_random_uuid(), 2, '2026-11-28T08:00+01', '2026-11-28T20:00+01',
	NULL, NULL, NULL, NULL, NULL, 'Wochenende')" >/dev/null
out=$(as "$role" "SELECT create_ticket(gen_random_uuid(), 2, 2, (SELECT id FROM contact WHERE name = 'Sven Bau'),
	'oncall', 'cat1', 'Server steht', '', '2026-11-28T10:00+01')"); rc=$?
expect_eq "an on-call report on Saturday 10:00: created" 0 "$rc"
expect_eq "due Saturday 11:00 (the database's engine, the window open)" "2026-11-28 11:00:00+01" \
	"$(q "SET TIME ZONE 'Europe/Berlin'; SELECT reaction_due FROM ticket WHERE subject = 'Server steht'")"
out=$(as "$role" "SELECT create_ticket(gen_random_uuid(), 2, 2, (SELECT id FROM contact WHERE name = 'Sven Bau'),
	'ticket', 'cat1', 'Ohne Rufbereitschaft', '', '2026-11-28T10:00+01')"); rc=$?
expect_eq "the same report by ticket: created" 0 "$rc"
expect_match "by ticket it waits for Monday" "^2026-11-30 " \
	"$(q "SET TIME ZONE 'Europe/Berlin'; SELECT reaction_due FROM ticket WHERE subject = 'Ohne Rufbereitschaft'")"

# ---- a team's staffed-hours calendar (doc/sla.md, "Ticket state and time left")
q "SELECT create_team(gen_random_uuid(), 'Nachtschicht')" >/dev/null
out=$(as "$lead" "SELECT set_team_calendar(gen_random_uuid(), (SELECT id FROM team WHERE name = 'Nachtschicht'), 'convento')"); rc=$?
expect_eq "a lead cannot set a team's calendar" 1 "$rc"
out=$(q "SELECT set_team_calendar(gen_random_uuid(), (SELECT id FROM team WHERE name = 'Nachtschicht'), 'convento')"); rc=$?
expect_eq "the owner (admin) sets it" 0 "$rc"
expect_eq "stored" "convento" "$(q "SELECT staffed_calendar FROM team WHERE name = 'Nachtschicht'")"
q "SELECT set_team_calendar(gen_random_uuid(), (SELECT id FROM team WHERE name = 'Nachtschicht'), '')" >/dev/null
expect_eq "empty: back to the default" "" "$(q "SELECT coalesce(staffed_calendar, '') FROM team WHERE name = 'Nachtschicht'")"
finish
