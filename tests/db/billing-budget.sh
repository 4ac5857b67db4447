#!/usr/bin/env bash
# `sdesk budget` and `sdesk standby` against a real PostgreSQL: points
# packages and their minimums (004), a package dated back that a backdated
# time entry sees, lead corrections with a reason, standby bookings refused
# inside 3 working days (001) unless a lead overrides, billed per started
# hour on the statement. Expected values by hand (doc/billing.md).
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "billing-budget.sh: PGHOST is not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
name="sdesk_budget_$$_$(date +%s)"
role="bb_agent_$$"
lead="bb_lead_$$"
createdb "$name" || { echo "billing-budget.sh: createdb failed" >&2; exit 99; }
trap 'dropdb --if-exists --force "$name"; psql -X -q -d postgres -c "DROP ROLE IF EXISTS $role" -c "DROP ROLE IF EXISTS $lead" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
: >"$TMP/sdesk.cfg"
export XDG_STATE_HOME="$TMP/state"   # a journal of this test's own, not the user's
# The superuser only sets up; a lead's and an agent's own logins (sdesk admin
# add-agent) do the work.
admin() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name"; }
sdesk() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name user=$lead"; }
agent() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name user=$role"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }

admin db migrate >/dev/null || { echo "billing-budget.sh: migrate failed" >&2; exit 99; }
"$SDESK_BIN" plans load --db "dbname=$name" >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
q "   INSERT INTO account (code, name, activated_on) VALUES ('PTS', 'Punkte AG', NULL), ('CONV', 'Convento Kunde', NULL),
     ('TEL', 'Telefon KG', '2025-01-05');
   INSERT INTO contract (account_id, plan_code, valid_from) VALUES
     (1, 'ilias-technical', '2025-01-01'), (1, 'ilias-user', '2025-01-01'), (2, 'convento', '2025-01-01'),
     (3, 'support-level-1', '2025-01-01');
   INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at) VALUES
     (1, 1, 'email', 'fault', 'Bug', '2025-03-03 10:00+01');" >/dev/null ||
	{ echo "billing-budget.sh: fixture failed" >&2; exit 99; }
admin admin add-agent "$lead" --name "Lutz Leitung" --role lead --tier 2 >/dev/null &&
	admin admin add-agent "$role" --name "Anke Agentin" --role agent --tier 1 >/dev/null ||
	{ echo "billing-budget.sh: add-agent failed" >&2; exit 99; }

# ---- points packages (004): minimum 40 technical, 20 user points
sdesk budget add-points PTS ilias-technical technical 39 --on 2025-03-01 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "39 technical refused" 2 "$rc"
expect_match "minimum message" 'refused: a package of 39 technical points is below the minimum of 40' "$(cat "$TMP/err")"
sdesk budget add-points PTS ilias-user user 19 --on 2025-03-01 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "19 user refused" 2 "$rc"
out=$(sdesk budget add-points PTS ilias-user user 20 --on 2025-03-01); rc=$?
expect_eq "20 user ok" 0 "$rc"
expect_match "20 user price" '^package 20 user points = EUR 600.00 net$' "$out"
sdesk budget add-points PTS ilias-technical user 40 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "wrong kind" 2 "$rc"
agent budget add-points PTS ilias-technical technical 40 --on 2025-03-01 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "agent may not sell packages" 1 "$rc"
expect_match "lead message" 'permission denied: only team leads \(sdesk_lead\) may do ledger_package' "$(cat "$TMP/err")"
out=$(sdesk budget add-points PTS ilias-technical technical 40 --on 2025-03-01 --note 'Bestellung 4711'); rc=$?
expect_eq "40 technical ok" 0 "$rc"
expect_match "40 technical price" '^package 40 technical points = EUR 1660.00 net$' "$out"
expect_eq "package row" "40|166000|2025-03-01|Bestellung 4711" \
	"$(q "SELECT amount || '|' || money_cents || '|' || effective_on || '|' || reason FROM budget_ledger
	      WHERE kind = 'points_package' AND pool = 'technical'")"
# Booked today, dated March 1st: a time entry of March 5th draws from it.
out=$(sdesk log time SD-10001 25m technical --at 2025-03-05T10:00:00+01:00 2>"$TMP/err")
expect_match "backdated entry sees the package" '^25 min -> 2 points of technical, 38 left$' "$out"
expect_eq "no exhausted warning" "" "$(cat "$TMP/err")"

# ---- corrections: leads only, with a reason
sdesk budget correct PTS ilias-technical technical 2 --on 2025-03-06 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "correction without reason" 2 "$rc"
agent budget correct PTS ilias-technical technical 2 --reason 'x' >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "agent may not correct" 1 "$rc"
expect_match "agent correction message" 'only team leads \(sdesk_lead\) may do ledger_adjust' "$(cat "$TMP/err")"
out=$(agent budget show PTS 2025-03); rc=$?
expect_eq "agent may show balances" 0 "$rc"
out=$(sdesk budget correct PTS ilias-technical technical 2 --reason 'Doppelt gebucht' --on 2025-03-06); rc=$?
expect_eq "correction ok" 0 "$rc"
expect_match "correction text" '^correction \+2 points of technical, money EUR 0.00, reason: Doppelt gebucht$' "$out"
sdesk budget correct PTS ilias-technical bogus 2 --reason r >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "bad pool" 2 "$rc"
sdesk budget correct PTS ilias-technical technical 2 --reason r --money 1.234 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "bad money" 2 "$rc"
out=$(sdesk budget show PTS 2025-03)
expect_match "show technical" 'ilias-technical \(contract 1\)  technical 40 points$' "$out"
expect_match "show user" 'ilias-user \(contract 2\)  user 20 points$' "$out"
out=$(sdesk budget show TEL 2025-03)
expect_match "show phone, credit implied" 'support-level-1 \(contract 4\)  free 15/15 min  credit 60 min$' "$out"

# ---- standby (001): at least 3 working days ahead (convento: Mon-Fri, NRW).
# The server believes no lead time shorter than 3 days from its clock, so the
# bookings are made for real future dates: tomorrow (inside the lead time)
# and in 60 days (outside it). The working-day arithmetic of the lead time is
# pinned by the Check test test_billing_plans (test_standby_shipped).
at() { date -d "$1" +%Y-%m-%dT%H:%M:%S%:z; }
far=$(date -d '+60 days' +%Y-%m-%d)
near=$(date -d '+1 day' +%Y-%m-%d)
sdesk standby book CONV "$(at "$far 18:00")" "$(at "$far 22:00")" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "no rate agreed" 2 "$rc"
expect_match "no rate message" 'no standby rate is agreed for plan convento' "$(cat "$TMP/err")"
sdesk standby book CONV "$(at "$far 18:00")" "$(at "$far 22:00")" --rate 1 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "a rate of one's own: refused" 2 "$rc"
expect_match "a rate of one's own: message" 'the standby rate is the one agreed in the contract' "$(cat "$TMP/err")"
# The rate agreed with the customer: set by an admin on the contract.
q "UPDATE contract SET overrides = jsonb_build_object('standby_hour_cents', 9500) WHERE plan_code = 'convento'" >/dev/null
out=$(sdesk standby book CONV "$(at "$far 18:00")" "$(at "$far 22:00")"); rc=$?
expect_eq "60 days ahead ok" 0 "$rc"
expect_match "far price" "^standby $far 18:00 to $far 22:00, 4 h x EUR 95.00 = EUR 380.00 net; earliest start without override " "$out"
sdesk standby book CONV "$(at "$near 18:00")" "$(at "$near 20:30")" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "tomorrow refused" 2 "$rc"
expect_match "refusal message" 'refused: extended standby must be booked at least 3 working days ahead \(calendar convento: earliest start ' "$(cat "$TMP/err")"
agent standby book CONV "$(at "$near 18:00")" "$(at "$near 20:30")" --override 'Migration' >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "agent override refused" 1 "$rc"
expect_match "agent override message" 'only a team lead' "$(cat "$TMP/err")"
out=$(sdesk standby book CONV "$(at "$near 18:00")" "$(at "$near 20:30")" --override 'Migration'); rc=$?
expect_eq "lead override" 0 "$rc"
expect_match "override booked" 'booked standby [0-9]+ for CONV \(lead override\)' "$out"
expect_eq "bookings" "9500||9500|Migration" \
	"$(q "SELECT string_agg(rate_cents || '|' || coalesce(override_reason, ''), '|' ORDER BY id) FROM standby_booking")"
me=$lead
out=$(sdesk standby list CONV)
expect_eq "list" "2	convento	$near 18:00	$near 20:30	95.00/h	$me	Migration
1	convento	$far 18:00	$far 22:00	95.00/h	$me	-" "$out"
# Billed per started hour: 2 h 30 min -> 3 h = 285.00; 4 h = 380.00.
out=$(sdesk statement CONV "${near%-??}")
expect_match "statement near" "$near            extended standby 18:00-20:30, 3 h at 95.00/h +285.00" "$out"
out=$(sdesk statement CONV "${far%-??}")
expect_match "statement far" "$far            extended standby 18:00-22:00, 4 h at 95.00/h +380.00" "$out"
sdesk standby book CONV 2025-03-20T18:00:00+01:00 2025-03-20T17:00:00+01:00 >/dev/null 2>&1; rc=$?
expect_eq "reversed window" 2 "$rc"
sdesk standby book NOPE 2025-03-20T18:00:00+01:00 2025-03-20T19:00:00+01:00 >/dev/null 2>&1; rc=$?
expect_eq "no account" 2 "$rc"

# ledger_month, kept row by row by its trigger through every booking,
# package, credit and correction above, equals a rebuild from the whole
# ledger by ledger_month_rebuild() (what the scale generator uses).
months="SELECT coalesce(string_agg(concat_ws(',', contract_id, month, kind, pool, unit, amount, money_cents, rows), ' '
	ORDER BY contract_id, month, kind, pool, unit), '') FROM ledger_month"
kept=$(q "$months")
expect_match "the trigger kept months" "," "$kept"
q "SELECT ledger_month_rebuild()" >/dev/null
expect_eq "ledger_month: the trigger's months equal a rebuild" "$kept" "$(q "$months")"

finish
