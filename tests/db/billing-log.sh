#!/usr/bin/env bash
# `sdesk log call|time` against a real PostgreSQL: the phone split across a
# month boundary (free -> activation credit -> overage), allowance and credit
# written once, hotline price, managed-service rush, points exhausted, usage
# errors. Expected values by hand (doc/billing.md).
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "billing-log.sh: PGHOST is not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
name="sdesk_bill_$$_$(date +%s)"
createdb "$name" || { echo "billing-log.sh: createdb failed" >&2; exit 99; }
agent="bl_agent_$$"
trap 'dropdb --if-exists --force "$name"; psql -X -q -d postgres -c "DROP ROLE IF EXISTS $agent" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
: >"$TMP/sdesk.cfg"
export XDG_STATE_HOME="$TMP/state"   # a journal of this test's own, not the user's
# The superuser sets up (admin); the bookings are made by an agent's own login.
admin() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name"; }
sdesk() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name user=$agent"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }

admin db migrate >/dev/null || { echo "billing-log.sh: migrate failed" >&2; exit 99; }
"$SDESK_BIN" plans load --db "dbname=$name" >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
q "   INSERT INTO account (code, name, activated_on) VALUES ('ACME', 'Müller-Lüdenscheidt', '2025-01-05');
   INSERT INTO contract (account_id, plan_code, valid_from) VALUES
     (1, 'support-level-1', '2025-01-01'), (1, 'ilias-technical', '2025-01-01'), (1, 'invitario-gold', '2025-01-01');
   INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at) VALUES
     (1, 1, 'phone', 'question', 'Call', '2025-01-10 09:00+01'),
     (1, 2, 'email', 'fault', 'Bug', '2025-03-10 10:00+01'),
     (1, 3, 'ticket', 'critical', 'Event set-up', '2025-03-10 10:00+01');" >/dev/null ||
	{ echo "billing-log.sh: fixture failed" >&2; exit 99; }
admin admin add-agent "$agent" --name "Tilo Telefon" --role agent --tier 1 >/dev/null ||
	{ echo "billing-log.sh: add-agent failed" >&2; exit 99; }

# Level 1: 15 free a month, 60 credit, 0.50 beyond.
out=$(sdesk log call SD-10001 11m30s --at 2025-01-10T10:00:00+01:00); rc=$?
expect_eq "call 1 exit" 0 "$rc"
expect_match "call 1 split" '^12 free = EUR 0.00$' "$out"
expect_match "call 1 logged" '^logged call [0-9]+ on SD-10001$' "$out"
out=$(sdesk log call 10001 10m --at 2025-01-20T10:00:00+01:00)
expect_match "call 2 split" '^3 free, 7 credit = EUR 0.00$' "$out"
out=$(sdesk log call 10001 55 --at 2025-01-25T10:00:00+01:00)
expect_match "call 3 split" '^53 credit, 2 billed = EUR 1.00$' "$out"
out=$(sdesk log call 10001 18:01 --at 2025-02-01T00:30:00+01:00 2>&1)
expect_match "h:mm is hours" '^15 free, 1066 billed = EUR 533.00$' "$out"
out=$(sdesk log call 10001 '18m 1s' --at 2025-03-01T10:00:00+01:00)
expect_match "march split" '^15 free, 4 billed = EUR 2.00$' "$out"
expect_eq "one allowance per month" "3" \
	"$(q "SELECT count(*) FROM budget_ledger WHERE kind = 'monthly_allowance' AND contract_id = 1")"
expect_eq "one activation credit" "1" \
	"$(q "SELECT count(*) FROM budget_ledger WHERE kind = 'activation_credit' AND contract_id = 1")"
expect_eq "credit used up" "0" \
	"$(q "SELECT sum(amount) FROM budget_ledger WHERE pool = 'activation' AND contract_id = 1")"
expect_eq "overage money" "53600" \
	"$(q "SELECT sum(money_cents) FROM budget_ledger WHERE kind = 'overage' AND contract_id = 1")"
out=$(sdesk log call 10001 5m --at 2025-03-02T10:00:00+01:00 --dry-run)
expect_eq "dry run" "5 billed = EUR 2.50" "$out"
expect_eq "dry run writes nothing" "5" "$(q "SELECT count(*) FROM call")"

# Hotline: Friday 21:55, 10 min 1 s -> 30 + 10 * 6 = 90.00
out=$(sdesk log call SD-10001 '10m 1s' --hotline --at 2025-03-14T21:55:00+01:00)
expect_match "hotline price" '= EUR 90.00$' "$out"
expect_eq "hotline row" "9000|day" "$(q "SELECT price_cents, tariff_window FROM call WHERE kind = 'hotline'")"

# Managed service (invitario-gold), ticket received Mon 10:00. The rush rate
# (000: "EUR 180 bei Eilaufträgen") only for a job the customer ordered as a
# rush job, delivered the same day or outside support hours.
out=$(sdesk log time SD-10003 25m managed_service --rush --at 2025-03-10T14:00:00+01:00)
expect_match "ordered rush, same day" 'at EUR 180.00/h = EUR 90.00; rush job ordered: rush: same calendar day' "$out"
out=$(sdesk log time SD-10003 1:10 managed_service --at 2025-03-11T10:00:00+01:00)
expect_match "next day normal" '^70 min -> 5 x 15 min managed service at EUR 120.00/h = EUR 150.00$' "$out"
out=$(sdesk log time SD-10003 30m managed_service --at 2025-03-10T15:00:00+01:00)
expect_match "same day, not ordered: normal rate" '^30 min -> 2 x 15 min managed service at EUR 120.00/h = EUR 60.00$' "$out"
out=$(sdesk log time SD-10003 30m managed_service --rush --ordered-at 2025-03-10T11:00:00+01:00 --at 2025-03-11T10:00:00+01:00)
expect_match "ordered rush done next day in hours: normal rate" 'EUR 120.00/h = EUR 60.00; rush job ordered: done later' "$out"
expect_eq "time rows" "30|true|true|9000,75|false|false|15000,30|false|false|6000,30|false|true|6000" \
	"$(q "SELECT string_agg(minutes || '|' || rush || '|' || rush_ordered || '|' || amount_cents, ',' ORDER BY id) FROM time_entry")"
sdesk log time SD-10002 30m support --rush >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "--rush on support: usage error" 2 "$rc"

# A doctored local catalogue changes nothing: the database decides the price.
sed 's/managed_hour_cents = 12000/managed_hour_cents = 1/; s/rush_hour_cents = 18000/rush_hour_cents = 1/' \
	"$SDESK_PLANS" >"$TMP/cheap.cfg"
out=$(SDESK_PLANS="$TMP/cheap.cfg" sdesk log time SD-10003 8h managed_service --at 2025-03-12T09:00:00+01:00)
expect_match "SDESK_PLANS doctored: the database's price" '^480 min -> 32 x 15 min managed service at EUR 120.00/h = EUR 960.00$' "$out"
expect_eq "SDESK_PLANS doctored: the database's row" "96000" \
	"$(q "SELECT amount_cents FROM time_entry WHERE minutes = 480")"

# Points: no package yet: the entry is kept, the balance goes negative.
out=$(sdesk log time SD-10002 40m technical --at 2025-03-11T10:00:00+01:00 2>"$TMP/err"); rc=$?
expect_eq "points exit" 0 "$rc"
expect_match "points drawn" '^40 min -> 3 points of technical, -3 left$' "$out"
expect_match "exhausted warning" 'warning: technical points exhausted: balance -3, 3 points over = EUR 124.50' "$(cat "$TMP/err")"
expect_eq "points ledger" "-3" "$(q "SELECT sum(amount) FROM budget_ledger WHERE unit = 'points'")"

# Usage errors
sdesk log call SD-10001 5x >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "bad duration exit" 2 "$rc"
expect_match "bad duration message" "bad duration '5x' at column 2: unknown unit" "$(cat "$TMP/err")"
sdesk log call SD-99999 5m >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "no ticket exit" 2 "$rc"
expect_match "no ticket message" 'no ticket SD-99999' "$(cat "$TMP/err")"
sdesk log time SD-10002 5m bogus >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "bad kind exit" 2 "$rc"

# Batch: one connection, one transaction per line, errors name the line.
cat >"$TMP/batch" <<'B'
# comment and blank lines are skipped

call SD-10001 '2m 30s' --at 2025-04-01T10:00:00+02:00
time SD-10003 15m support --note 'zwei Wörter' --at 2025-04-01T11:00:00+02:00
call SD-10001 5x
B
out=$(sdesk log --batch "$TMP/batch" 2>"$TMP/err"); rc=$?
expect_eq "batch exit: worst line" 2 "$rc"
expect_match "batch line 3" '^3 free = EUR 0.00$' "$out"
expect_match "batch line 4" '^15 min -> 1 x 15 min included support$' "$out"
expect_eq "batch booked two" 2 "$(printf '%s\n' "$out" | grep -c '^logged ')"
expect_match "batch error names the line" "batch:5: not booked" "$(cat "$TMP/err")"
expect_eq "batch note kept" "zwei Wörter" "$(q "SELECT note FROM time_entry WHERE kind = 'support'")"

# Included support on a phone-minute plan is booked in started quarter hours too.
out=$(sdesk log time SD-10001 25m support --at 2025-03-12T10:00:00+01:00 2>&1); rc=$?
expect_eq "support on level 1 exit" 0 "$rc"
expect_match "support on level 1 rounded" '^25 min -> 2 x 15 min included support$' "$out"
expect_eq "support on level 1 row" "30" \
	"$(q "SELECT minutes FROM time_entry WHERE ticket_id = (SELECT id FROM ticket WHERE ref = 'SD-10001') AND kind = 'support' ORDER BY id DESC LIMIT 1")"

expect_eq "every booking carries the agent's login" "$agent|$agent|$agent" \
	"$(q "SELECT (SELECT string_agg(DISTINCT agent, ',') FROM call) || '|' || (SELECT string_agg(DISTINCT agent, ',') FROM time_entry)
	      || '|' || (SELECT string_agg(DISTINCT created_by, ',') FROM budget_ledger)")"

# ledger_month (migration 0025), which sdesk.book and the balances read, holds
# exactly the ledger's sums per contract, month, kind and pool after all of
# the above (calls, time, allowances, credit, points).
expect_eq "ledger_month = the ledger summed (rows kept, rows differing)" "$(q "SELECT count(*) FROM ledger_month")|0" \
	"$(q "WITH r AS (SELECT l.contract_id, date_trunc('month', coalesce(l.period, l.effective_on,
		(coalesce(c.started_at, e.started_at, l.created_at) AT TIME ZONE 'Europe/Berlin')::date))::date AS month,
		l.kind, l.pool, l.unit, sum(l.amount) AS amount, sum(l.money_cents) AS money_cents, count(*) AS rows
		FROM budget_ledger l LEFT JOIN call c ON c.id = l.source_call_id
		LEFT JOIN time_entry e ON e.id = l.source_time_entry_id
		WHERE NOT (l.kind = 'activation_credit' OR (l.pool = 'activation' AND l.unit = 'minutes'))
		GROUP BY 1, 2, 3, 4, 5)
	SELECT (SELECT count(*) FROM r) || '|' || (SELECT count(*) FROM ((SELECT * FROM r EXCEPT SELECT * FROM ledger_month)
		UNION ALL (SELECT * FROM ledger_month EXCEPT SELECT * FROM r)) x)")"
expect_match "ledger_month has rows of several months" '^([2-9]|[1-9][0-9]+)$' "$(q "SELECT count(DISTINCT month) FROM ledger_month")"
finish
