#!/usr/bin/env bash
# Many agents booking on one account at once (issue 5): 16 parallel clients
# (connections) each log 50 calls and 50 time entries through `sdesk log
# --batch`, one transaction per entry. Afterwards the
# ledger holds exactly 1,600 rows drawn by them and every balance equals the
# sum computed here from the inputs: nothing lost, nothing doubled, no free
# minute drawn twice (the contract row is locked while a split is computed).
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "concurrency.sh: PGHOST is not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
name="sdesk_conc_$$_$(date +%s)"
createdb "$name" || { echo "concurrency.sh: createdb failed" >&2; exit 99; }
trap 'dropdb --if-exists --force "$name"; rm -rf "$TMP"' EXIT
: >"$TMP/sdesk.cfg"
sdesk() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }

CLIENTS=16
PER=50
sdesk db migrate >/dev/null || { echo "concurrency.sh: migrate failed" >&2; exit 99; }
"$SDESK_BIN" plans load --db "dbname=$name" >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
q "   INSERT INTO agent (login, display_name, is_lead) VALUES (session_user, 'Tester', true);
   INSERT INTO account (code, name, activated_on) VALUES ('BUSY', 'Busy GmbH', '2025-01-05');
   INSERT INTO contract (account_id, plan_code, valid_from) VALUES
     (1, 'support-level-1', '2025-01-01'), (1, 'ilias-technical', '2025-01-01');
   INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at) VALUES
     (1, 1, 'phone', 'question', 'Calls', '2025-03-10 09:00+01'),
     (1, 2, 'email', 'fault', 'Work', '2025-03-10 09:00+01');
   SELECT ledger_package(gen_random_uuid(), 2, 'technical', 2500, '2025-03-01', 'test stock');" >/dev/null ||
	{ echo "concurrency.sh: fixture failed" >&2; exit 99; }

# Client c (one connection, `sdesk log --batch`): calls of 1..60 seconds
# (each one started minute, so each draws exactly one ledger row: free,
# credit or overage), and time entries of (c % 4 + 1) quarter hours (one
# points row each), interleaved.
client() {
	local c=$1 i s
	for i in $(seq 1 "$PER"); do
		s=$(((c * 7 + i) % 60 + 1))
		echo "call SD-10001 ${s}s --at 2025-03-1$((i % 10))T10:00:00+01:00"
		echo "time SD-10002 $(((c % 4 + 1) * 15))m technical --at 2025-03-12T11:00:00+01:00"
	done >"$TMP/batch.$c"
	# Each client is an agent at their own machine: a local journal of its own
	# (sharing one file, 16 processes queue on its lock: 70 s instead of 10 s).
	if XDG_STATE_HOME="$TMP/state.$c" sdesk log --batch "$TMP/batch.$c" >"$TMP/out.$c" 2>"$TMP/err.$c"; then
		echo 0 >"$TMP/bad.$c"
	else
		grep -c 'not booked' "$TMP/err.$c" >"$TMP/bad.$c"
	fi
}
start=$(date +%s)
for c in $(seq 1 "$CLIENTS"); do client "$c" & done
wait
echo "concurrency.sh: $((CLIENTS * PER * 2)) entries by $CLIENTS clients in $(($(date +%s) - start)) s"

bad=0
for c in $(seq 1 "$CLIENTS"); do bad=$((bad + $(cat "$TMP/bad.$c"))); done
expect_eq "every entry booked" 0 "$bad"
expect_eq "every entry reported" "$((CLIENTS * PER * 2))" "$(cat "$TMP"/out.* | grep -c '^logged ')"
[ "$bad" -eq 0 ] || grep -hv 'warning' "$TMP"/err.* | head -5 >&2

# Independently: 800 calls of one minute each: 15 free, 60 credit, 725 billed
# at EUR 0.50; points drawn = 50 * sum over c of (c % 4 + 1).
calls=$((CLIENTS * PER))
points=0
for c in $(seq 1 "$CLIENTS"); do points=$((points + PER * (c % 4 + 1))); done
expect_eq "calls" "$calls" "$(q "SELECT count(*) FROM call")"
expect_eq "time entries" "$calls" "$(q "SELECT count(*) FROM time_entry")"
expect_eq "ledger rows drawn by them" 1600 \
	"$(q "SELECT count(*) FROM budget_ledger WHERE source_call_id IS NOT NULL OR source_time_entry_id IS NOT NULL")"
expect_eq "one row per call" 0 \
	"$(q "SELECT count(*) FROM call c WHERE (SELECT count(*) FROM budget_ledger l WHERE l.source_call_id = c.id) <> 1")"
expect_eq "free minutes drawn" -15 \
	"$(q "SELECT sum(amount) FROM budget_ledger WHERE kind = 'consumption' AND pool = 'phone'")"
expect_eq "activation credit drawn" -60 \
	"$(q "SELECT sum(amount) FROM budget_ledger WHERE kind = 'consumption' AND pool = 'activation'")"
expect_eq "overage" "$((-(calls - 75)))|$(((calls - 75) * 50))" \
	"$(q "SELECT sum(amount) || '|' || sum(money_cents) FROM budget_ledger WHERE kind = 'overage'")"
expect_eq "phone price on the calls" "$(((calls - 75) * 50))" "$(q "SELECT sum(price_cents) FROM call")"
expect_eq "one allowance, one activation credit" "1|1" \
	"$(q "SELECT count(*) FILTER (WHERE kind = 'monthly_allowance') || '|' ||
	         count(*) FILTER (WHERE kind = 'activation_credit') FROM budget_ledger")"
expect_eq "free and credit left" "0|0" \
	"$(q "SELECT sum(amount) FILTER (WHERE pool = 'phone' AND kind <> 'overage') || '|' ||
	         sum(amount) FILTER (WHERE pool = 'activation') FROM budget_ledger WHERE contract_id = 1")"
expect_eq "points drawn" "$points" "$(q "SELECT -sum(amount) FROM budget_ledger WHERE kind = 'consumption' AND unit = 'points'")"
expect_eq "points balance" "$((2500 - points))" "$(q "SELECT sum(amount) FROM budget_ledger WHERE unit = 'points'")"
# The statement reads the same balance.
out=$(sdesk statement BUSY 2025-03)
expect_match "statement points" "points technical +$((2500 - points)) left" "$out"
expect_match "statement billed" "billed minutes +$((calls - 75)) min = EUR $(((calls - 75) / 2)).50" "$out"

finish
