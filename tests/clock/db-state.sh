#!/usr/bin/env bash
# One state everywhere: at pinned instants (a Monday morning, Monday 17:55,
# Friday 15:30, a Saturday, a holiday, both DST nights), the database's view
# ticket_clock (sdesk.ticket_state, the engine inside PostgreSQL) counts the
# same open, at-risk, breached and paused tickets as `sdesk check`, and names
# the same breached and at-risk tickets as `sdesk board --once`.
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "db-state.sh: PGHOST is not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
DB="sdesk_dbstate_$$"
createdb "$DB" || exit 99
trap 'dropdb --if-exists --force "$DB"; rm -rf "$TMP"' EXIT
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$DB"; connect_timeout = 2; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg" PGDATABASE="$DB"
"$SDESK_BIN" db migrate >"$TMP/m.out" 2>&1 && "$SDESK_BIN" plans load >>"$TMP/m.out" 2>&1 ||
	{ cat "$TMP/m.out" >&2; exit 99; }
# The screen fixture, made at Monday 30 Nov 2026 11:00.
PGOPTIONS="-c sdesk.now=2026-11-30T11:00:00+01:00" psql -X -q -v ON_ERROR_STOP=1 \
	-f "$top_srcdir/tests/screen/fixture.sql" >/dev/null || exit 99

for at in 2026-11-30T08:00:00+01:00 2026-11-30T11:00:00+01:00 2026-11-30T11:40:00+01:00 \
	2026-11-30T17:55:00+01:00 2026-12-04T15:30:00+01:00 2026-12-05T10:00:00+01:00 \
	2026-12-25T10:00:00+01:00 2027-03-28T02:30:00+01:00 2027-10-31T02:30:00+01:00; do
	export SDESK_NOW=$at PGOPTIONS="-c sdesk.now=$at"
	check=$("$SDESK_BIN" check | sed -n 's/.*| \(open=.*\)$/\1/p')
	view=$(psql -X -q -At -c "SELECT 'open=' || count(*) || ' at_risk=' || count(*) FILTER (WHERE state = 'at_risk')
		|| ' breached=' || count(*) FILTER (WHERE state = 'breached')
		|| ' paused=' || count(*) FILTER (WHERE status = 'waiting')
		|| ' reports_overdue=' || (SELECT count(*) FROM oncall_work
			WHERE ended_at IS NOT NULL AND reported_at IS NULL AND report_due < sdesk_now()) FROM ticket_clock")
	expect_eq "$at: sdesk check and ticket_clock count alike" "$check" "$view"
	board=$(COLUMNS=120 LINES=40 "$SDESK_BIN" board --once 2>&1)
	for st in breached at_risk; do
		want=$(psql -X -q -At -c "SELECT coalesce(string_agg(ref, ' ' ORDER BY ref), '') FROM ticket_clock WHERE state = '$st'")
		got=$(printf '%s\n' "$board" | awk -v sec="$( [ $st = breached ] && echo BREACHED || echo 'AT RISK')" '
			index($0, sec " (") == 1 { on = 1; next } /^[A-Z][A-Z ]+ \(/ { on = 0 } on' |
			grep -o 'SD-[0-9]*' | sort | tr '\n' ' ' | sed 's/ $//')
		expect_eq "$at: board --once and ticket_clock name the same $st tickets" "$want" "$got"
	done
done
finish
