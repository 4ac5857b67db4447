#!/usr/bin/env bash
# SDESK_NOW pins "now" for the client and, through the session setting
# sdesk.now, for the database's sdesk_now(): the same tickets with fixed
# instants give OK, WARNING and CRITICAL at three pinned instants, whatever
# the hour the test runs. A bad SDESK_NOW is a usage error (exit 2).
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "no PGHOST: run under tests/with-pg" >&2
	exit 99
fi
DB="sdesk_now_$$"
AGENT="now_agent_$$"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE \"$DB\"" >/dev/null || exit 99
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" -c "DROP ROLE IF EXISTS \"$AGENT\"" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
export PGDATABASE="$DB"
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$DB user=$AGENT"; };
board = { at_risk_minutes = 60; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
export TZ=Europe/Berlin LANG=C.UTF-8
"$SDESK_BIN" db migrate --db "dbname=$DB" >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" admin add-agent "$AGENT" --name "Moni Tor" --role agent --tier 1 --db "dbname=$DB" >"$TMP/add.out" 2>&1 ||
	{ cat "$TMP/add.out" >&2; exit 99; }
sql() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
"$SDESK_BIN" plans load --db "dbname=$DB" >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
sql -f "$top_srcdir/tests/forge-dues.sql" >/dev/null || exit 99

# One convento ticket received Monday 30 November 2026 08:00, reaction due
# 18:00 (fixed instants: nothing here depends on the hour of the run).
sql <<'SQL' >/dev/null || exit 99
SELECT create_team(gen_random_uuid(), 'Team Nord') AS team \gset
SELECT create_agent(gen_random_uuid(), session_user::text, 'Setup', 1::smallint, :team, true);
SELECT create_account(gen_random_uuid(), 'BSK', 'Bäckerei Schäfer KG', NULL) AS a \gset
SELECT create_contract(gen_random_uuid(), :a, 'convento', '2026-01-01', NULL, '{}') AS c \gset
SELECT create_contact(gen_random_uuid(), :a, 'Özlem Çelik', 'key_user', NULL, NULL) AS k \gset
SELECT test_forge_dues(create_ticket(gen_random_uuid(), :a, :c, :k, 'chat', 'essential', 'Versand hängt', '',
	'2026-11-30T08:00:00+01:00'), '2026-11-30T18:00:00+01:00', '2026-12-14T18:00:00+01:00');
SQL

at() { out=$(SDESK_NOW="$1" "$SDESK_BIN" check); rc=$?; }
at 2026-11-30T12:00:00+01:00
expect_eq "12:00: OK" 0 "$rc"
expect_eq "12:00: line" "SDESK OK - 1 open, none at risk or breached | open=1 at_risk=0 breached=0 paused=0 reports_overdue=0" "$out"
at 2026-11-30T17:30:00+01:00
expect_eq "17:30: WARNING" 1 "$rc"
expect_eq "17:30: line" "SDESK WARNING - 1 at risk (SD-10001 in 30m), 1 open | open=1 at_risk=1 breached=0 paused=0 reports_overdue=0" "$out"
at 2026-11-30T16:30:00Z
expect_eq "17:30 written in UTC: the same" 1 "$rc"
at 2026-11-30T19:10:00+01:00
expect_eq "19:10: CRITICAL" 2 "$rc"
expect_eq "19:10: line" "SDESK CRITICAL - 1 breached (SD-10001 1h 10m ago), 1 open | open=1 at_risk=0 breached=1 paused=0 reports_overdue=0" "$out"
# The same pinned instant twice gives the same line.
at 2026-11-30T19:10:00+01:00
expect_eq "19:10 again: the same line" "SDESK CRITICAL - 1 breached (SD-10001 1h 10m ago), 1 open | open=1 at_risk=0 breached=1 paused=0 reports_overdue=0" "$out"

# The database judges at the pinned instant too: the board's compliance chart
# counts the reaction clock that ran out at 18:00 only once "now" is past it.
board_at() { SDESK_NOW="$1" COLUMNS=100 LINES=40 "$SDESK_BIN" board --once 2>&1; }
before=$(board_at 2026-11-30T17:30:00+01:00)
after=$(board_at 2026-11-30T19:10:00+01:00)
expect_match "board --once at 17:30: at risk" "AT RISK 1" "$before"
expect_match "board --once at 19:10: breached" "BREACHED 1" "$after"
expect_eq "board --once at 19:10 twice: identical" "$after" "$(board_at 2026-11-30T19:10:00+01:00)"

# sdesk_now() in SQL: the session setting, else now().
expect_eq "sdesk_now() without the setting is now()" "t" "$(sql -c "SELECT sdesk_now() = now()")"
expect_eq "sdesk_now() with sdesk.now" "2026-11-30 16:55:00+00" \
	"$(sql -c "SET TIME ZONE 'UTC'; SELECT set_config('sdesk.now', '2026-11-30T17:55:00+01:00', false) IS NOT NULL; SELECT sdesk_now()" | tail -n 1)"

# ---- a bad SDESK_NOW: usage error, exit 2, naming the variable --------------
for bad in "yesterday" "2026-11-30T17:55:00" "2026-13-01T00:00:00Z"; do
	out=$(SDESK_NOW="$bad" "$SDESK_BIN" check 2>&1); rc=$?
	expect_eq "SDESK_NOW='$bad': exit 2" 2 "$rc"
	expect_match "SDESK_NOW='$bad': message" "^sdesk: SDESK_NOW='$bad': " "$out"
done
out=$(SDESK_NOW="" "$SDESK_BIN" check 2>&1)
unset_out=$(env -u SDESK_NOW "$SDESK_BIN" check 2>&1)
expect_match "empty SDESK_NOW counts as unset (the real now)" "^SDESK (OK|WARNING|CRITICAL) - " "$out"
# The real clock may cross a minute between the two runs: compare the lines
# with the times left blanked (states and counts must be equal).
blank() { printf '%s\n' "$1" | sed -E 's/[0-9]+[dhm]( [0-9]+[hm])?/T/g'; }
expect_eq "empty SDESK_NOW: the same line as unset" "$(blank "$unset_out")" "$(blank "$out")"
# ---- facts: a missing instant is the database's now, a future one refused ----
# Pinned at Monday 12:00 (whatever the real hour): a first contact sent
# without an instant is stored at 12:00; one at 12:30 is refused as a fact
# in the future, as is a booking at 12:30; one at 12:04 (within the
# 5 minutes' grace for clocks a little apart) is accepted.
pin() { PGOPTIONS="-c sdesk.now=2026-11-30T12:00:00+01:00" sql -c "$1" 2>&1; }
out=$(pin "SELECT create_ticket(gen_random_uuid(), 1, 1, 1, 'chat', 'essential', 'Kasse', '', NULL)")
expect_eq "a ticket sent without an instant is received at the pinned now" "2026-11-30 12:00:00+01" \
	"$(sql -c "SET TIME ZONE 'Europe/Berlin'; SELECT received_at FROM ticket WHERE subject = 'Kasse'")"
T2=$(sql -c "SELECT id FROM ticket WHERE subject = 'Kasse'")
out=$(pin "SELECT create_ticket(gen_random_uuid(), 1, 1, 1, 'chat', 'essential', 'Morgen', '', '2026-11-30T12:30:00+01:00')")
expect_match "a ticket received 30 minutes after the pinned now: refused" "cannot be received in the future" "$out"
out=$(pin "SELECT first_contact(gen_random_uuid(), $T2, '2026-11-30T12:30:00+01:00', NULL, NULL)")
expect_match "a first contact 30 minutes ahead: refused" "in the future .* is not a fact yet" "$out"
out=$(pin "SELECT first_contact(gen_random_uuid(), $T2, NULL, NULL, NULL)")
expect_eq "a first contact sent without an instant is stored at the pinned now" "2026-11-30 12:00:00+01" \
	"$(sql -c "SET TIME ZONE 'Europe/Berlin'; SELECT first_contact_at FROM ticket WHERE id = $T2")"
out=$(pin "SELECT booking_ticket($T2, '2026-11-30T12:30:00+01:00')")
expect_match "a booking 30 minutes ahead: refused" "cannot start in the future" "$out"
out=$(pin "SELECT (booking_ticket($T2, '2026-11-30T12:04:00+01:00')).id = $T2")
expect_eq "a booking 4 minutes ahead: accepted (grace)" "t" "$out"
finish
