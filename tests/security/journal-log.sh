#!/usr/bin/env bash
# Exactly once for `sdesk log` (issue 7): with the server down, `sdesk log
# call|time` and `--batch` exit 1 and leave the entries pending in the local
# journal; `sdesk journal flush` after the start writes each once, priced by
# bq_book_* from the ledger as it is when sent; flushing again, and resending
# an entry whose confirmation was lost, writes nothing more. The next
# `sdesk log` sends what is pending before its own entry. Splits by hand:
# support-level-1 has 15 free minutes a month, 60 activation credit, EUR 0.50
# a minute beyond (conf/plans.cfg, doc/billing.md).
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"   # it stops and starts the server
name="sdesk_jlog_$$_$(date +%s)"
createdb "$name" || { echo "journal-log.sh: createdb failed" >&2; exit 99; }
cleanup() {
	"$SDESK_PGCTL" start >/dev/null 2>&1
	dropdb --if-exists --force "$name"
	rm -rf "$TMP"
}
trap cleanup EXIT
J="$TMP/journal"
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$name connect_timeout=2"; };
journal = { path = "$J"; };
CFG
sdesk() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }

sdesk db migrate >/dev/null || { echo "journal-log.sh: migrate failed" >&2; exit 99; }
"$SDESK_BIN" plans load --db "dbname=$name" >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
q "   INSERT INTO agent (login, display_name) VALUES (session_user, 'Tester');
   INSERT INTO account (code, name, activated_on) VALUES ('ACME', 'Acme', '2025-01-05');
   INSERT INTO contract (account_id, plan_code, valid_from) VALUES (1, 'support-level-1', '2025-01-01');
   INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at) VALUES
     (1, 1, 'phone', 'question', 'Call', '2025-01-10 09:00+01');" >/dev/null ||
	{ echo "journal-log.sh: fixture failed" >&2; exit 99; }

# Online: written at once, nothing left in the journal.
out=$(sdesk log call SD-10001 5m --at 2025-01-10T10:00:00+01:00); rc=$?
expect_eq "online call exit" 0 "$rc"
expect_match "online call split" '^5 free = EUR 0.00$' "$out"
expect_match "journal after an online call" '0 pending, 0 refused' "$(sdesk journal list)"

# Server down: each entry exits 1 and stays pending.
"$SDESK_PGCTL" stop >/dev/null || fail "pg_ctl stop"
out=$(sdesk log call SD-10001 20m --at 2025-01-11T10:00:00+01:00 2>&1); rc=$?
expect_eq "offline call exit" 1 "$rc"
expect_match "offline call says pending" 'call not sent .* pending in the journal .*sdesk journal flush' "$out"
out=$(sdesk log time SD-10001 30m support --at 2025-01-11T11:00:00+01:00 --note 'offline work' 2>&1); rc=$?
expect_eq "offline time exit" 1 "$rc"
expect_match "offline time says pending" 'time not sent .* pending in the journal' "$out"
printf '%s\n' 'call SD-10001 55 --at 2025-01-12T10:00:00+01:00' '# a comment' \
	'call 10001 3m --at 2025-01-13T10:00:00+01:00' >"$TMP/batch"
sdesk log --batch "$TMP/batch" >"$TMP/batch.out" 2>"$TMP/batch.err"; rc=$?
expect_eq "offline batch exit" 1 "$rc"
expect_eq "offline batch: both lines pending" 2 "$(grep -c 'pending in the journal' "$TMP/batch.err")"
out=$(sdesk journal list)
expect_match "four pending" '4 pending, 0 refused' "$out"
expect_match "listed as a booking of facts" \
	"^pending .* book_time\(10001, [0-9T:+-]+, 30, support, false, NULL, offline work\)$" "$out"
out=$(sdesk log call SD-10001 5m --dry-run 2>&1); rc=$?
expect_eq "dry run offline is an error, not journaled" "1|4" "$rc|$(sdesk journal list | sed -n 's/.*: \([0-9]*\) pending.*/\1/p')"
"$SDESK_PGCTL" start >/dev/null || fail "pg_ctl start"
expect_eq "nothing written while down" "1|0" "$(q "SELECT (SELECT count(*) FROM call) || '|' || (SELECT count(*) FROM time_entry)")"

# Flush: each entry once, in order, priced now: 10 free + 10 credit; 30 min
# support; 50 credit + 5 billed (2.50); 3 billed (1.50).
out=$(sdesk journal flush); rc=$?
expect_eq "flush" "0|saved 4, refused 0, still pending 0" "$rc|$out"
ledger() {
	q "SELECT (SELECT count(*) FROM call) || '|' || (SELECT count(*) FROM time_entry) || '|' ||
	   (SELECT string_agg(price_cents::text, ',' ORDER BY started_at) FROM call) || '|' ||
	   (SELECT sum(amount) FROM budget_ledger WHERE pool = 'phone' AND kind = 'consumption') || '|' ||
	   (SELECT sum(amount) FROM budget_ledger WHERE pool = 'activation') || '|' ||
	   (SELECT sum(money_cents) FROM budget_ledger WHERE kind = 'overage') || '|' ||
	   (SELECT minutes || ' ' || kind || ' ' || note FROM time_entry)"
}
expect_eq "rows and split after the flush" "4|1|0,0,250,150|-15|0|400|30 support offline work" "$(ledger)"
expect_eq "one key per entry" "4|1" "$(q "SELECT (SELECT count(*) FROM request WHERE action = 'book_call') || '|' ||
	(SELECT count(*) FROM request WHERE action = 'book_time')")"

# Twice: nothing more.
out=$(sdesk journal flush); rc=$?
expect_eq "second flush" "0|saved 0, refused 0, still pending 0" "$rc|$out"
expect_eq "unchanged after the second flush" "4|1|0,0,250,150|-15|0|400|30 support offline work" "$(ledger)"

# The confirmation of the last entry lost (a crash between COMMIT and the
# journal's D record): it is resent with its key and the database writes
# nothing, although the ledger now prices it differently.
tail -n 1 "$J" | grep -q "	D	" || fail "last journal record is no confirmation"
sed -i '$d' "$J"
expect_match "the lost confirmation shows as pending" '1 pending, 0 refused' "$(sdesk journal list)"
out=$(sdesk journal flush); rc=$?
expect_eq "resent" "0|saved 1, refused 0, still pending 0" "$rc|$out"
expect_eq "still exactly once" "4|1|0,0,250,150|-15|0|400|30 support offline work" "$(ledger)"

# The next sdesk log sends what is pending before its own entry.
"$SDESK_PGCTL" stop >/dev/null || fail "pg_ctl stop"
sdesk log call SD-10001 1m --at 2025-01-14T10:00:00+01:00 >/dev/null 2>&1; rc=$?
expect_eq "offline again" 1 "$rc"
"$SDESK_PGCTL" start >/dev/null || fail "pg_ctl start"
out=$(sdesk log call SD-10001 2m --at 2025-01-15T10:00:00+01:00 2>"$TMP/next.err"); rc=$?
expect_eq "next run" 0 "$rc"
expect_match "next run: its own split comes after the pending one" '^2 billed = EUR 1.00$' "$out"
expect_match "next run reports the pending entry sent" 'sent 1 pending journal entries' "$(cat "$TMP/next.err")"
expect_eq "six calls, in order" "6|0,0,250,150,50,100" \
	"$(q "SELECT count(*) || '|' || string_agg(price_cents::text, ',' ORDER BY started_at) FROM call")"

# A refusal on the way: no such ticket. Marked refused, listed, nothing written.
"$SDESK_PGCTL" stop >/dev/null || fail "pg_ctl stop"
sdesk log call SD-99999 1m >/dev/null 2>&1
"$SDESK_PGCTL" start >/dev/null || fail "pg_ctl start"
out=$(sdesk journal flush 2>/dev/null); rc=$?
expect_eq "refused on flush" "1|saved 0, refused 1, still pending 0" "$rc|$out"
expect_match "refusal listed with its reason" '^refused .* book_call\(99999, .*no ticket SD-99999' "$(sdesk journal list)"
expect_eq "still six calls" 6 "$(q "SELECT count(*) FROM call")"
finish
