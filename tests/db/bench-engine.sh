#!/usr/bin/env bash
# make bench (the engine inside PostgreSQL): sdesk.business_add over
# 1,000,000 rows of generate_series in one statement, and 16 clients x 100
# bookings priced by the database (book_call through `sdesk log --batch`, each
# client with its own journal), with the rows counted afterwards: 0 lost,
# 0 doubled. Prints its figures; run under tests/with-pg (make bench does).
set -u
: "${SDESK_BIN:?}" "${top_srcdir:?}"
export SDESK_PLANS=${SDESK_PLANS:-$top_srcdir/conf/plans.cfg}
name="sdesk_bench_engine_$$"
TMP=$(mktemp -d)
trap 'dropdb --if-exists --force "$name"; rm -rf "$TMP"' EXIT
createdb "$name"
: >"$TMP/sdesk.cfg"
export SDESK_CONFIG="$TMP/sdesk.cfg"
"$SDESK_BIN" db migrate --db "dbname=$name" >/dev/null && "$SDESK_BIN" plans load --db "dbname=$name" >/dev/null || exit 1
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }

# One warm-up statement (parses the catalogue in this backend), then 5 runs.
ms=()
for run in 0 1 2 3 4 5; do
	t=$(psql -X -q -At -d "$name" <<'SQL' | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1
\timing on
SELECT count(sdesk.business_add('convento', t, '4 hours'))
FROM generate_series('2026-01-01'::timestamptz, '2026-01-01'::timestamptz + 999999 * interval '1 minute', '1 minute') t;
SQL
)
	[ "$run" -gt 0 ] && ms+=("$t")
done
sorted=$(printf '%s\n' "${ms[@]}" | sort -n)
echo "sdesk.business_add over 1,000,000 rows: median $(echo "$sorted" | sed -n 3p) ms (runs: $(echo "$sorted" | tr '\n' ' '); target < 1500 ms)"

# Each client books on a customer of its own (agents at their own desks);
# BENCH_SHARED=1: all on one contract, whose bookings the database decides one
# after the other (the contract's lock), the worst case.
CLIENTS=16 PER=100
q "INSERT INTO agent (login, display_name) VALUES (session_user, 'Bench');
   INSERT INTO account (code, name, activated_on) SELECT 'BENCH' || i, 'Bench ' || i, '2025-01-05' FROM generate_series(1, $CLIENTS) i;
   INSERT INTO contract (account_id, plan_code, valid_from) SELECT id, 'support-level-1', '2025-01-01' FROM account ORDER BY id;
   INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at)
   SELECT account_id, id, 'phone', 'question', 'Bench', '2025-03-01 09:00+01' FROM contract ORDER BY id;" >/dev/null
for c in $(seq 1 $CLIENTS); do
	t=$((10000 + (${BENCH_SHARED:-0} == 1 ? 1 : c)))
	for i in $(seq 1 $PER); do
		echo "call SD-$t $(((c * 7 + i) % 60 + 1))s --at 2025-03-1$((i % 10))T10:00:00+01:00"
	done >"$TMP/batch.$c"
done
start=$(date +%s%N)
for c in $(seq 1 $CLIENTS); do
	XDG_STATE_HOME="$TMP/state.$c" "$SDESK_BIN" log --batch "$TMP/batch.$c" --db "dbname=$name" \
		>"$TMP/out.$c" 2>"$TMP/err.$c" &
done
wait
ms=$((($(date +%s%N) - start) / 1000000))
rows=$(q "SELECT count(*) FROM call")
keys=$(q "SELECT count(DISTINCT key) FROM request WHERE action = 'book_call'")
drawn=$(q "SELECT count(*) FROM budget_ledger WHERE source_call_id IS NOT NULL")
want=$((CLIENTS * PER))
echo "server-priced bookings$([ "${BENCH_SHARED:-0}" = 1 ] && echo ', one shared contract'): $CLIENTS clients x $PER = $want calls in $ms ms ($((ms * 1000 / want)) us per booking;" \
	"target < 5000 ms); rows $rows, lost $((want - rows < 0 ? 0 : want - rows)), doubled $((rows - keys > 0 ? rows - keys : 0))," \
	"ledger rows drawn $drawn"
[ "$rows" -eq "$want" ] && [ "$keys" -eq "$want" ]
