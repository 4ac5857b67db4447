#!/usr/bin/env bash
# Nothing raw reaches a terminal or a spreadsheet (doc/security.md, "Hostile
# input"): an admin with psql puts escape sequences (clear screen, OSC title
# and hyperlink, colours), bidi overrides and isolates, C1 controls, DEL, CR
# and spreadsheet formulas into an account name, ticket subjects, a team and
# an agent's name, a correction's reason, a standby booking, an incident and
# the journal. Every command that prints them (statement, statement --csv,
# budget show, standby list, admin list, db status, journal list, board
# --once, check) must print no raw control byte (checked byte by byte), show each one
# escaped (\x1b, \u202e: nothing silently dropped), and the CSV must
# neutralise formula cells while negative amounts stay numbers. The console
# draws the same escapes.
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"

pg_test_db sdesk_hostile
lead="ho_lead_$$"
trap 'scr_stop; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$SCR_DB\" WITH (FORCE)" -c "DROP ROLE IF EXISTS $lead" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
J="$TMP/journal"
cat >"$TMP/admin.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; };
journal = { path = "$TMP/admin-journal"; };
CFG
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE user=$lead"; connect_timeout = 5; };
journal = { path = "$J"; };
CFG
admin() { SDESK_CONFIG="$TMP/admin.cfg" "$SDESK_BIN" "$@"; }
sdesk() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

admin db migrate >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
admin admin add-agent "$lead" --name "Lea Leitung" --role lead --tier 2 >/dev/null ||
	{ echo "hostile-output.sh: add-agent failed" >&2; exit 99; }
# ESC sequences: clear screen, OSC 0 (window title), OSC 8 (hyperlink), SGR;
# U+202E RLO, U+2066 LRI, U+200F RLM, U+061C ALM; C1: U+009B CSI, U+0085 NEL.
psql -X -q -v ON_ERROR_STOP=1 >"$TMP/fixture.out" 2>&1 <<'SQL' || { cat "$TMP/fixture.out" >&2; exit 99; }
INSERT INTO plan_catalogue (hash, source) VALUES ('deadbeef', 'test');
INSERT INTO plan (code, title, provider, vat_bp, definition, catalogue_id) VALUES
  ('support-level-2', 'L2', 'p', 1900, '{}', 1), ('convento', 'C', 'p', 1900, '{}', 1);
INSERT INTO account (code, name, activated_on) VALUES
  ('EVIL', E'Evil\x1b[2J\x1b]0;pwned\x07 \u202egnp.exe\u009b31m GmbH', '2025-01-05');
INSERT INTO contract (account_id, plan_code, valid_from) VALUES
  (1, 'support-level-2', '2025-01-01'), (1, 'convento', '2025-01-01');
INSERT INTO team (name) VALUES (E'Team\x1b[5m\u2066blink');
INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at, first_contact_at,
    first_contact_kind, status, resolved_at) VALUES
  (1, 1, 'phone', 'bug', E'=cmd|'' /C calc''!A0', '2025-03-03 09:00+01', '2025-03-03 10:00+01', 'contact',
   'resolved', '2025-03-04 11:00+01'),
  (1, 1, 'email', 'bug', E'@SUM(1+1)\x1b[31m red\u202e\u200fx\nline2\r\x7f\u061c', '2025-03-04 09:00+01',
   '2025-03-04 10:00+01', 'contact', 'resolved', '2025-03-05 11:00+01');
INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at, reaction_due) VALUES
  (1, 2, 'email', 'critical', E'-2+3\u0085 \x1b]8;;http://evil\x1b\\link', now() - interval '3 hours',
   now() - interval '1 hour');
INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, reason, effective_on)
  VALUES (1, 1, 'correction', 'phone', 'minutes', 5, -250, E'+Kulanz\x1b[2J\u202e\u009b', '2025-03-25');
INSERT INTO standby_booking (account_id, contract_id, starts_at, ends_at, rate_cents, override_reason, booked_by)
  VALUES (1, 2, now() + interval '10 days', now() + interval '10 days 2 hours', 9500,
          E'Migration\x1b[2J\u202e\u0085', E'evil\x1b[1m');
INSERT INTO incident (title, started_at) VALUES (E'Outage\x1b[2J\u009b\u2067', now() - interval '1 hour');
SQL
q "UPDATE agent SET display_name = E'Mal\\x1b[8mory\\u202e', team_id = 1 WHERE login = '$lead'" >/dev/null ||
	exit 99

# inert NAME FILE: no C0 control but tab and newline, no DEL, C1, bidi control,
# and valid UTF-8.
inert() {
	if LC_ALL=C grep -naP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]' \
		"$2" >"$TMP/raw"; then
		fail "$1: raw control bytes in the output:"; od -c "$TMP/raw" | head -8 >&2
	else pass; fi
	if iconv -f UTF-8 -t UTF-8 "$2" >/dev/null 2>&1; then pass; else fail "$1: output is not UTF-8"; fi
}
# shows NAME FILE FIXED-STRING: the escape is visible (nothing dropped).
shows() {
	if grep -qF -- "$3" "$2"; then pass; else fail "$1: [$3] not in the output:"; cat "$2" >&2; fi
}

# ---- sdesk statement (text)
sdesk statement EVIL 2025-03 >"$TMP/st.txt" 2>"$TMP/err"; rc=$?
expect_eq "statement exit" 0 "$rc"
inert "statement" "$TMP/st.txt"
inert "statement stderr" "$TMP/err"
shows "statement account name" "$TMP/st.txt" 'Account EVIL: Evil\x1b[2J\x1b]0;pwned\x07 \u202egnp.exe\u009b31m GmbH'
shows "statement subject" "$TMP/st.txt" '@SUM(1+1)\x1b[31m red\u202e\u200fx\nline2\r\x7f\u061c'
shows "statement correction" "$TMP/st.txt" 'correction phone: +Kulanz\x1b[2J\u202e\u009b'

# ---- sdesk statement --csv: formulas neutralised, amounts stay numbers
sdesk statement EVIL 2025-03 --csv >"$TMP/st.csv" 2>"$TMP/err"; rc=$?
expect_eq "csv exit" 0 "$rc"
inert "csv" "$TMP/st.csv"
shows "csv formula cell" "$TMP/st.csv" ",SD-10001,2025-03-03,\"'=cmd|' /C calc'!A0\","
shows "csv @ cell" "$TMP/st.csv" ",SD-10002,2025-03-04,\"'@SUM(1+1)\\x1b[31m red\\u202e\\u200fx\\nline2\\r\\x7f\\u061c\","
shows "csv negative amount stays a number" "$TMP/st.csv" ',-2.50'
# No cell may start with a formula character unless it is a plain number.
bad=$(LC_ALL=C perl -ne 'chomp; my @c = /("(?:[^"]|"")*"|[^,]*)/g; for (@c) { s/^"//; s/"$//;
	print "$_\n" if /^[=+\-@\t\r]/ && !/^-?[0-9]+(\.[0-9]+)?$/ }' "$TMP/st.csv")
expect_eq "csv: no cell starts a formula" "" "$bad"

# ---- sdesk budget show, standby list, admin list
sdesk budget show EVIL 2025-03 >"$TMP/budget" 2>"$TMP/err"; rc=$?
expect_eq "budget exit" 0 "$rc"
inert "budget show" "$TMP/budget"
shows "budget account" "$TMP/budget" 'EVIL: Evil\x1b[2J\x1b]0;pwned\x07 \u202egnp.exe\u009b31m GmbH'
sdesk standby list EVIL >"$TMP/standby" 2>"$TMP/err"; rc=$?
expect_eq "standby exit" 0 "$rc"
inert "standby list" "$TMP/standby"
shows "standby reason" "$TMP/standby" 'Migration\x1b[2J\u202e\u0085'
shows "standby booked by" "$TMP/standby" 'evil\x1b[1m'
admin admin list >"$TMP/admins" 2>"$TMP/err"; rc=$?
expect_eq "admin list exit" 0 "$rc"
inert "admin list" "$TMP/admins"
shows "admin list name" "$TMP/admins" 'Mal\x1b[8mory\u202e'
shows "admin list team" "$TMP/admins" 'Team\x1b[5m\u2066blink'

q "UPDATE schema_version SET applied_by = E'root\\x1b]0;owned\\x07\\u202e' WHERE version = 1" >/dev/null || exit 99
admin db status >"$TMP/status" 2>"$TMP/err"; rc=$?
expect_eq "db status exit" 0 "$rc"
inert "db status" "$TMP/status"
shows "db status applied by" "$TMP/status" 'by root\x1b]0;owned\x07\u202e'

# ---- sdesk board --once, sdesk check
sdesk board --once --width 200 >"$TMP/board" 2>"$TMP/err"; rc=$?
expect_eq "board exit" 0 "$rc"
inert "board --once" "$TMP/board"
shows "board customer" "$TMP/board" 'Evil\x1b[2J'
shows "board incident" "$TMP/board" 'Outage\x1b[2J\u009b\u2067'
sdesk check >"$TMP/check" 2>"$TMP/err"; rc=$?
expect_eq "check: breached" 2 "$rc"
inert "check" "$TMP/check"
expect_match "check names the ticket" '^SDESK CRITICAL - 1 breached \(SD-10003 ' "$(cat "$TMP/check")"
sdesk check --customer "$(printf 'x\033[2J\302\233')" >"$TMP/check" 2>&1
inert "check with a hostile argument" "$TMP/check"

# ---- server messages that quote data
sdesk statement "$(printf 'EV\033[2JIL')" 2025-03 >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "unknown account exit" 2 "$rc"
inert "unknown account message" "$TMP/err"
shows "unknown account message" "$TMP/err" "no account 'EV\\x1b[2JIL'"
sdesk check --plan "$(printf '\033]0;t\007')" >"$TMP/check" 2>&1
inert "check with an OSC argument" "$TMP/check"

# ---- sdesk journal list: a refused entry whose parameters and message carry
# escapes, and a damaged line of raw bytes.
fnv() { perl -e 'use integer; my $h = 2166136261; for (unpack("C*", $ARGV[0])) { $h ^= $_; $h = ($h * 16777619) & 0xffffffff } printf "%08x", $h' "$1"; }
K=0b6f3c1e-2d4a-4e5f-9a8b-7c6d5e4f3a21
p=$(printf 'P\t1700000000\t%s\treopen_ticket\t10001\tzur\033[2Jck\302\233\342\200\256\t\\N' "$K")
f=$(printf 'F\t1700000000\t%s\t23514\tnope\033]0;x\007 \342\201\246' "$K")
{ printf 'sdesk-journal 1\n'; printf '%s\t%s\n' "$(fnv "$p")" "$p"; printf '%s\t%s\n' "$(fnv "$f")" "$f"
  printf '00000000\tP\t1\t\033[2J\302\233\342\200\256\377\n'; } >"$J"
chmod 600 "$J"
sdesk journal list >"$TMP/jl" 2>"$TMP/err"; rc=$?
expect_eq "journal list exit" 0 "$rc"
inert "journal list" "$TMP/jl"
shows "journal refused entry" "$TMP/jl" "reopen_ticket(10001, zur\\x1b[2Jck\\u009b\\u202e, NULL): 23514 nope\\x1b]0;x\\x07 \\u2066"
shows "journal damaged line" "$TMP/jl" "damaged  $J:4 (byte "
shows "journal damaged bytes" "$TMP/jl" 'corrupt record (checksum mismatch): 00000000\tP\t1\t\x1b[2J\u009b\u202e\xff'

# ---- the console draws the same escapes (text_fit)
SDESK_CONFIG="$TMP/sdesk.cfg" scr_start 160 30 "$SDESK_BIN"
scr_expect "console queue" 'SD-10003'
scr_expect "console shows the escapes" 'Evil\\x1b\[2J\\x1b\]0;pwned\\x07'
scr_keys q
finish
