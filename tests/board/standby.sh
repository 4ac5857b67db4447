#!/usr/bin/env bash
# Boards, checks and statements on a read-only hot standby (issue 15,
# doc/admin.md): two throwaway clusters, the standby made by pg_basebackup
# with streaming replication. The board reaches the standby through a
# multi-host conninfo (target_session_attrs=prefer-standby), polls the replay
# position once a second (no NOTIFY there) and shows the delay in its header;
# a change committed on the primary is on its screen within 2 s. sdesk check
# and sdesk statement answer on the standby as on the primary; the console
# and sdesk log refuse or keep their entries pending there. When the standby
# is promoted, the board notices, LISTENs and shows LIVE.
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"   # it adds a standby to the cluster and stops the primary
. "$top_srcdir/tests/screen/lib.sh"
. "$top_srcdir/tests/standby-lib.sh"
trap 'standby_stop; scr_cleanup' EXIT

DB="sdesk_standby_$$"
AGENT="sb_agent_$$"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE \"$DB\"" >/dev/null || exit 99
export PGDATABASE="$DB"
: >"$TMP/empty.cfg"
"$SDESK_BIN" --config "$TMP/empty.cfg" db migrate --db "dbname=$DB" >"$TMP/migrate.out" 2>&1 ||
	{ cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" --config "$TMP/empty.cfg" plans load --db "dbname=$DB" >"$TMP/plans.out" 2>&1 ||
	{ cat "$TMP/plans.out" >&2; exit 99; }
psql -X -q -v ON_ERROR_STOP=1 -f "$top_srcdir/tests/screen/fixture.sql" >/dev/null || exit 99
"$SDESK_BIN" --config "$TMP/empty.cfg" admin add-agent "$AGENT" --name "Sabine Standby" --role agent --tier 1 \
	--db "dbname=$DB" >/dev/null || exit 99
standby_start || exit 99
standby_wait_streaming || exit 99

primary="host=$PGHOST port=$PGPORT dbname=$DB user=$AGENT"
standby="host=$STANDBY_HOST port=$STANDBY_PORT dbname=$DB user=$AGENT"
both="host=$PGHOST,$STANDBY_HOST port=$PGPORT,$STANDBY_PORT dbname=$DB user=$AGENT"
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "$both target_session_attrs=prefer-standby"; };
board = { at_risk_minutes = 60; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
printf 'database = { conninfo = "%s"; };\nboard = { at_risk_minutes = 60; };\n' "$primary" >"$TMP/primary.cfg"
printf 'database = { conninfo = "%s"; };\n' "$standby" >"$TMP/standby.cfg"
ms() { date +%s%3N; }
expect_eq "prefer-standby lands on the standby" "t" \
	"$(psql -X -At "$both target_session_attrs=prefer-standby" -c 'SELECT pg_is_in_recovery()')"

# ---- sdesk check and board --once on the standby ------------------------------
out=$("$SDESK_BIN" check); rc=$?
expect_eq "check on the standby: CRITICAL (the fixture's breached ticket)" 2 "$rc"
expect_match "check on the standby: status line" '^SDESK CRITICAL - 1 breached \(SD-10002 ' "$out"
expect_eq "check: the same answer as on the primary" "$out" \
	"$("$SDESK_BIN" --config "$TMP/primary.cfg" check 2>&1)"
out=$("$SDESK_BIN" board --once 2>&1); rc=$?
expect_eq "board --once on the standby: exit 0" 0 "$rc"
expect_match "board --once header names the standby and its delay" \
	"^sdesk board .*  db: $DB  standby, delay [0-9]+\.[0-9]s$" "$(printf '%s\n' "$out" | head -n 1)"
expect_match "board --once on the standby lists the breached ticket" '!! SD-10002 ' "$out"

# ---- sdesk statement: the same on the standby as on the primary ---------------
psql -X -q -v ON_ERROR_STOP=1 -c "INSERT INTO account (code, name, activated_on) VALUES ('STB', 'Standby GmbH', '2025-01-05');
	INSERT INTO contract (account_id, plan_code, valid_from)
		SELECT id, 'support-level-1', '2025-01-01' FROM account WHERE code = 'STB';
	INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at)
		SELECT a.id, c.id, 'phone', 'question', 'Anruf', '2025-03-03 09:00+01'
		FROM account a JOIN contract c ON c.account_id = a.id WHERE a.code = 'STB'" >/dev/null || exit 99
tid=$(psql -X -At -c "SELECT t.id FROM ticket t JOIN account a ON a.id = t.account_id WHERE a.code = 'STB'")
"$SDESK_BIN" log call "$tid" 20m --at 2025-03-03T10:00:00+01:00 --db "$primary" >/dev/null ||
	fail "sdesk log on the primary"
"$SDESK_BIN" statement STB 2025-03 --db "$primary" >"$TMP/st.primary" 2>&1 || fail "statement on the primary"
for i in $(seq 1 50); do   # the call replayed on the standby
	[ "$(psql -X -At "$standby" -c 'SELECT count(*) FROM call')" = 1 ] && break
	sleep 0.1
done
"$SDESK_BIN" statement STB 2025-03 >"$TMP/st.standby" 2>&1; rc=$?
expect_eq "statement on the standby: exit 0" 0 "$rc"
if cmp -s "$TMP/st.primary" "$TMP/st.standby"; then pass; else
	fail "statement differs between primary and standby"; diff -u "$TMP/st.primary" "$TMP/st.standby" >&2; fi
expect_match "statement lists the call" '20' "$(cat "$TMP/st.standby")"

# ---- writers on the standby: the console refuses, sdesk log keeps it pending ----
out=$("$SDESK_BIN" --config "$TMP/empty.cfg" log call "$tid" 5m --at 2025-03-04T10:00:00+01:00 --db "$standby" 2>&1)
rc=$?
expect_eq "sdesk log on the standby: exit 1" 1 "$rc"
expect_match "sdesk log on the standby: pending, says why" \
	'not sent \(connection lost: the server is a read-only standby .*target_session_attrs=read-write.*pending in the journal' "$out"
out=$(TERM=xterm "$SDESK_BIN" --config "$TMP/standby.cfg" 2>&1 </dev/null); rc=$?
[ "$rc" -eq 0 ] && fail "console on the standby started" || pass
expect_match "console on the standby explains" 'read-only standby.*target_session_attrs=read-write' "$out"

# ---- the live board on the standby: polls, shows the delay, follows changes ----
scr_start 100 30 "$SDESK_BIN" board
scr_expect "board on the standby shows STANDBY and the delay" 'STANDBY delay [0-9]+\.[0-9]s' 10
scr_expect "board shows the fixture's breached ticket" '!! SD-10002 ' 5
psql -X -q -v ON_ERROR_STOP=1 -c "SELECT test_forge_dues(create_ticket(gen_random_uuid(),
	(SELECT id FROM account WHERE code = 'BSK'),
	(SELECT c.id FROM contract c JOIN account a ON a.id = c.account_id WHERE a.code = 'BSK'),
	(SELECT id FROM contact WHERE name = 'Özlem Çelik'), 'chat', 'critical', 'Vom Primärserver', '',
	now() - interval '2 hours'), now() - interval '1 hour', now() + interval '4 hours')" >/dev/null || exit 99
t0=$(ms)
new=$(psql -X -At -c "SELECT max(id) FROM ticket")
seen=
while [ $(( $(ms) - t0 )) -lt 4000 ]; do
	scr_screen | grep -q "SD-$new " && { seen=$(( $(ms) - t0 )); break; }
	sleep 0.05
done
echo "standby.sh: commit on the primary to the standby board's screen: ${seen:-never} ms"
if [ -n "$seen" ] && [ "$seen" -le 2000 ]; then pass; else
	fail "the primary's change reached the standby board in ${seen:-never} ms (limit 2000)"; scr_show; fi
scr_expect "the delay stays shown" 'STANDBY delay [0-9]+\.[0-9]s' 2
scr_expect "counters follow (breached 2)" 'BREACHED 2' 2

# ---- the primary goes, the standby is promoted: the board goes LIVE ------------
"$SDESK_PGCTL" stop >/dev/null || fail "stopping the primary"
scr_expect "primary stopped: the standby says it receives nothing" 'STANDBY not receiving' 15
"$STANDBY_PGCTL" promote >/dev/null || fail "promote"
scr_expect "promoted: the board shows LIVE" ' LIVE  [0-9]{2}:[0-9]{2}' 5
psql -X -q -v ON_ERROR_STOP=1 -d "host=$STANDBY_HOST port=$STANDBY_PORT dbname=$DB" -c "SELECT set_escalation(gen_random_uuid(), 10003,
	2::smallint, false, 'nach dem Failover')" >/dev/null || fail "escalation on the promoted server"
scr_expect "a change on the promoted server arrives by NOTIFY" 'level 2' 3
scr_keys q
finish
