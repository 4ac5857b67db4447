#!/usr/bin/env bash
# The database decides what a permitted call may contain (issue "The database
# computes and decides"). With nothing but psql and their own logins, an
# agent, a lead and ops try forgeries: each is refused with a clear message,
# or is impossible because no callable function takes the value (and the
# database stores what the engine decides). Exit code and message checked.
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"   # creates and drops cluster-wide login roles

name="sdesk_forge_$$"
createdb "$name" || { echo "forgery.sh: createdb failed" >&2; exit 99; }
trap 'dropdb --if-exists --force "$name"; rm -rf "$TMP"' EXIT
: >"$TMP/sdesk.cfg"
admin() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }
now_ts=$(date -u +%Y-%m-%dT%H:%M:%S+00:00)

admin db migrate >/dev/null || { echo "forgery.sh: migrate failed" >&2; exit 99; }
admin plans load >/dev/null || { echo "forgery.sh: plans load failed" >&2; exit 99; }
for who in fa_agent:agent fa_other:agent fa_lead:lead fa_ops:ops; do
	admin admin add-agent "${who%%:*}" --name "${who%%:*}" --role "${who#*:}" --tier 1 >/dev/null ||
		{ echo "forgery.sh: add-agent failed" >&2; exit 99; }
done
# Fixture as the superuser (the schema's owner): one account per model.
q "INSERT INTO account (code, name, activated_on) VALUES ('ACME', 'Müller-Lüdenscheidt', '2025-01-05'),
     ('NOACT', 'Nicht aktiviert', NULL);
   INSERT INTO contract (account_id, plan_code, valid_from, valid_to) VALUES
     (1, 'support-level-1', '2025-01-01', NULL), (1, 'ilias-technical', '2025-01-01', NULL),
     (1, 'invitario-gold', '2025-01-01', NULL), (1, 'convento-premium', '2025-01-01', NULL),
     (2, 'support-level-2', '2025-01-01', '2025-06-30');
   UPDATE contract SET overrides = jsonb_build_object('standby_hour_cents', 9500) WHERE id = 4;
   INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at, assignee) VALUES
     (1, 1, 'phone', 'question', 'Call', '2025-01-10 09:00+01', 'fa_agent'),
     (1, 2, 'email', 'fault', 'Bug', '2025-03-10 10:00+01', 'fa_agent'),
     (1, 3, 'ticket', 'critical', 'Event set-up', '2025-03-10 10:00+01', 'fa_agent'),
     (1, 1, 'phone', 'question', 'Colleague''s', '2025-01-10 09:00+01', 'fa_other'),
     (2, 5, 'phone', 'question', 'Ended contract', '2025-03-10 10:00+01', 'fa_agent');" >/dev/null ||
	{ echo "forgery.sh: fixture failed" >&2; exit 99; }

# try NAME LOGIN REGEX SQL: the call must fail (psql exit 1) with a message
# matching REGEX.
n=0
try() {
	local label=$1 login=$2 want=$3 sql=$4 out rc
	n=$((n + 1))
	out=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -U "$login" -c "$sql" 2>&1); rc=$?
	if [ "$rc" -ne 1 ]; then
		fail "forgery $n ($label): exit $rc, expected 1; output: $out"
	elif ! printf '%s\n' "$out" | grep -Eq -- "$want"; then
		fail "forgery $n ($label): message [$out] does not match /$want/"
	else
		pass
	fi
}
k() { cat /proc/sys/kernel/random/uuid; }
A=fa_agent L=fa_lead O=fa_ops

# -- prices, rates, splits and pools: no callable function takes them.
try "1-minute call priced EUR 1,234,567.89 (old log_call)" $A 'function log_call.* does not exist' \
	"SELECT log_call('$(k)', 10001, '2025-01-10 10:00+01', 60, 'phone', NULL, 123456789, NULL)"
try "a price on book_call" $A 'function book_call.* does not exist' \
	"SELECT book_call('$(k)', 10001, '2025-01-10 10:00+01', 60, false, 123456789)"
try "15 min managed service at EUR 250,000 (old log_time)" $A 'function log_time.* does not exist' \
	"SELECT log_time('$(k)', 10003, '2025-03-10 11:00+01', 15, 'managed_service', false, 25000000, 25000000, '', NULL)"
try "a rate on book_time" $A 'function book_time.* does not exist' \
	"SELECT book_time('$(k)', 10003, '2025-03-10 11:00+01', 480, 'managed_service', false, NULL, '', 0)"
try "ledger rows of one's own (ledger_draw)" $A 'function ledger_draw.* does not exist|permission denied' \
	"SELECT ledger_draw(1, '[{\"kind\":\"consumption\",\"pool\":\"phone\",\"unit\":\"minutes\",\"amount\":0}]', NULL, NULL)"
try "2,000,000,000 points through ledger_credit (old signature)" $A 'function ledger_credit.* does not exist' \
	"SELECT ledger_credit('$(k)', 2, 'points_package', 'technical', 'points', 2000000000, 0, NULL, 'x')"
try "a points package through ledger_credit" $A 'not points_package' \
	"SELECT ledger_credit('$(k)', 2, 'points_package', '2025-03-01')"
try "an allowance in a made-up pool (free minutes 15 -> 150)" $A 'function ledger_credit.* does not exist' \
	"SELECT ledger_credit('$(k)', 1, 'monthly_allowance', 'phone2', 'minutes', 150, 0, '2025-02-01', 'x')"
try "an allowance for a month to come" $A 'booked when that month comes' \
	"SELECT ledger_credit('$(k)', 1, 'monthly_allowance', (now() + interval '2 months')::date)"
try "an allowance for a month the contract does not run" $A 'does not run in the month' \
	"SELECT ledger_credit('$(k)', 5, 'monthly_allowance', '2025-09-01')"
try "an activation credit for an account not activated" $A 'is not activated' \
	"SELECT ledger_credit('$(k)', 5, 'activation_credit', NULL)"
try "a points package by an agent" $A 'permission denied' \
	"SELECT ledger_package('$(k)', 2, 'technical', 40, NULL, 'x')"
try "a points package with its own price" $L 'function ledger_package.* does not exist' \
	"SELECT ledger_package('$(k)', 2, 'technical', 40, 1, NULL, 'x')"
try "a points package below the minimum (004: 40 technical)" $L 'at least 40 points' \
	"SELECT ledger_package('$(k)', 2, 'technical', 39, NULL, 'x')"
try "2,000,000,000 points in one package" $L '1 to 100000 points|out of range' \
	"SELECT ledger_package('$(k)', 2, 'technical', 2000000000, NULL, 'x')"
try "a correction in a pool the plan does not have" $L 'has no pool' \
	"SELECT ledger_correction('$(k)', 1, 'bonus', 'minutes', 500, 0, 'x')"
try "a correction of 2,000,000 points" $L 'at most 100000' \
	"SELECT ledger_correction('$(k)', 2, 'technical', 'points', 2000000, 0, 'x')"
try "a correction by an agent" $A 'permission denied' \
	"SELECT ledger_correction('$(k)', 1, 'phone', 'minutes', 500, 0, 'x')"
try "a standby booking with its own rate (int64 overflow)" $A 'function book_standby.* does not exist' \
	"SELECT book_standby('$(k)', 4, now() + interval '10 days', now() + interval '10 days 2 hours', 9223372036854775807, NULL, NULL)"
try "a standby window of 30 days" $A 'at most 24 hours' \
	"SELECT book_standby('$(k)', 4, now() + interval '10 days', now() + interval '40 days', NULL)"
# -- durations and instants out of bounds.
try "a call of 2^31 s: no such integer" $A 'does not exist|out of range' \
	"SELECT book_call('$(k)', 10001, '2025-01-10 10:00+01', 2147483648, false)"
try "a call of 2^31 - 1 s" $A 'a call lasts 0 to 86400 seconds' \
	"SELECT book_call('$(k)', 10001, '2025-01-10 10:00+01', 2147483647, false)"
try "a call of 25 hours" $A 'a call lasts 0 to 86400 seconds' \
	"SELECT book_call('$(k)', 10001, '2025-01-10 10:00+01', 90000, false)"
try "a negative call" $A 'a call lasts 0 to 86400 seconds' \
	"SELECT book_call('$(k)', 10001, '2025-01-10 10:00+01', -60, false)"
try "a time entry of 2000 minutes" $A 'a time entry lasts 1 to 1440 minutes, not 2000' \
	"SELECT book_time('$(k)', 10003, '2025-03-10 11:00+01', 2000, 'managed_service', false, NULL, '')"
try "a time entry of nothing" $A 'a time entry lasts 1 to 1440 minutes, not 0' \
	"SELECT book_time('$(k)', 10003, '2025-03-10 11:00+01', 0, 'support', false, NULL, '')"
try "a call in the future" $A 'cannot start in the future' \
	"SELECT book_call('$(k)', 10001, now() + interval '1 day', 60, false)"
try "a call long before the ticket arrived" $A 'is before it' \
	"SELECT book_call('$(k)', 10001, '2000-01-10 10:00+01', 60, false)"
try "a call after the contract ended" $A 'outside it' \
	"SELECT book_call('$(k)', 10005, '$now_ts', 60, false)"
try "a rush job on support time" $A 'only managed service is ordered as a rush job' \
	"SELECT book_time('$(k)', 10003, '2025-03-10 11:00+01', 60, 'support', true, NULL, '')"
try "a rush order before the ticket arrived" $A 'not between the ticket' \
	"SELECT book_time('$(k)', 10003, '2025-03-10 11:00+01', 60, 'managed_service', true, '2024-01-01', '')"
# -- tickets: instants in order, no due instant sent.
try "resolved 26 years before it was received" $A 'cannot be resolved at' \
	"SELECT resolve_ticket('$(k)', 10004, '1999-01-10 09:00+01', NULL)"
try "a resolution due in 10 years (first_contact with a due)" $A 'function first_contact.* does not exist' \
	"SELECT first_contact('$(k)', 10004, '2025-01-10 10:00+01', NULL, NULL, now() + interval '10 years')"
try "an estimate 10 years ahead" $A 'not between the receipt and five years' \
	"SELECT first_contact('$(k)', 10004, '2025-01-10 10:00+01', NULL, '2035-06-01')"
try "a ticket with its own due instants" $A 'function create_ticket.* does not exist' \
	"SELECT create_ticket('$(k)', 1, 1, NULL, 'phone', 'question', 's', '', now(), now(), now() + interval '10 years')"
try "due instants set by hand (set_ticket_dues)" $A 'function set_ticket_dues.* does not exist' \
	"SELECT set_ticket_dues('$(k)', 10004, now(), now() + interval '10 years')"
try "recomputing dues as an agent" $A 'permission denied' "SELECT recompute_dues(10004)"
try "a first contact in the future" $A 'not a fact yet' \
	"SELECT first_contact('$(k)', 10004, now() + interval '2 days', NULL, NULL)"
# -- direct writes and the engine's internals.
try "a direct insert into the ledger" $A 'permission denied' \
	"INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount) VALUES (1, 1, 'correction', 'phone', 'minutes', 999)"
try "a direct update of a due instant" $O 'permission denied' \
	"UPDATE ticket SET resolution_due = now() + interval '10 years' WHERE id = 10004"
try "the booking internals" $A 'permission denied' "SELECT booking_credits(t, '{}') FROM ticket t WHERE id = 10001"

# -- what the database stored is the engine's, whatever was meant.
q "SET ROLE fa_agent" >/dev/null
psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -U fa_agent >/dev/null <<SQL || fail "bookings by the agent failed"
SELECT book_time('$(k)', 10003, '2025-03-10 11:00+01', 480, 'managed_service', false, NULL, '8 hours');
SELECT book_time('$(k)', 10003, '2025-03-10 20:00+01', 15, 'managed_service', false, NULL, '15 minutes');
SELECT book_call('$(k)', 10001, '2025-01-10 10:00+01', 36000, false);
SQL
expect_eq "8 h managed service: EUR 960.00 (120/h), not 0" "96000" \
	"$(q "SELECT amount_cents FROM time_entry WHERE note = '8 hours'")"
expect_eq "15 min managed service: EUR 30.00, not 250,000" "3000" \
	"$(q "SELECT amount_cents FROM time_entry WHERE note = '15 minutes'")"
expect_eq "a 600-minute call draws 15 free + 60 credit, bills 525 min" "-15|-60|-525|26250" \
	"$(q "SELECT sum(amount) FILTER (WHERE pool = 'phone' AND kind = 'consumption') || '|' ||
	         sum(amount) FILTER (WHERE pool = 'activation' AND kind = 'consumption') || '|' ||
	         sum(amount) FILTER (WHERE kind = 'overage') || '|' || sum(money_cents) FILTER (WHERE kind = 'overage')
	     FROM budget_ledger WHERE source_call_id IS NOT NULL")"
psql -X -q -At -d "$name" -U fa_agent -c "SELECT ledger_credit('$(k)', 1, 'activation_credit', NULL);
	SELECT ledger_credit('$(k)', 2, 'activation_credit', NULL)" >/dev/null 2>&1
expect_eq "one activation credit per account, not per contract" "1" \
	"$(q "SELECT count(*) FROM budget_ledger WHERE kind = 'activation_credit' AND account_id = 1")"
expect_eq "a call decided in the database: 10 min on a fresh month" "10 free = EUR 0.00" \
	"$(psql -X -q -At -d "$name" -U fa_agent -c "SELECT sdesk.book(10001, 'call', '2025-02-03 10:00+01', 600) ->> 'text'")"

[ "$n" -ge 30 ] && pass || fail "only $n forgeries tried"
echo "forgery.sh: $n forgeries tried"
finish
