#!/usr/bin/env bash
# `sdesk statement ACCOUNT MONTH [--csv]` against a real PostgreSQL: a fixed
# account with three contracts (phone minutes, points, managed service), its
# calls and time entries logged through `sdesk log`, a package and a
# correction dated into the month; the output must equal the hand-computed
# files tests/db/statement-2025-03.{txt,csv} (worked out in doc/billing.md,
# "Statements").
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "statement.sh: PGHOST is not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
name="sdesk_stmt_$$_$(date +%s)"
createdb "$name" || { echo "statement.sh: createdb failed" >&2; exit 99; }
agent="st_agent_$$"
lead="st_lead_$$"
trap 'dropdb --if-exists --force "$name"; psql -X -q -d postgres -c "DROP ROLE IF EXISTS $agent" -c "DROP ROLE IF EXISTS $lead" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
: >"$TMP/sdesk.cfg"
export XDG_STATE_HOME="$TMP/state"   # a journal of this test's own, not the user's
# The superuser sets up; an agent's own login books and prints the statement,
# a lead's login books the package and the goodwill.
admin() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name"; }
sdesk() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name user=$agent"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }
log() { sdesk log "$@" >/dev/null || fail "sdesk log $*"; }

admin db migrate >/dev/null || { echo "statement.sh: migrate failed" >&2; exit 99; }
"$SDESK_BIN" plans load --db "dbname=$name" >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
q "   INSERT INTO account (code, name, activated_on) VALUES ('STMT', 'Müller-Lüdenscheidt GmbH', '2025-01-05');
   INSERT INTO contract (account_id, plan_code, valid_from) VALUES
     (1, 'support-level-2', '2025-01-01'), (1, 'ilias-technical', '2025-01-01'), (1, 'invitario-gold', '2025-02-01');
   INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at, first_contact_at,
       first_contact_kind, status, resolved_at) VALUES
     (1, 1, 'phone', 'bug', 'Rückruf: Export bricht ab', '2025-03-03 09:00+01', '2025-03-03 10:30+01', 'contact',
      'resolved', '2025-03-04 11:00+01'),
     (1, 1, 'phone', 'question', 'Frage zur Rechnung', '2025-02-20 10:00+01', '2025-02-20 10:05+01', 'contact',
      'open', NULL),
     (1, 2, 'email', 'fault', 'Fehler im Testmodul', '2025-03-05 10:00+01', '2025-03-05 11:15+01', 'contact',
      'open', NULL),
     (1, 3, 'ticket', 'light', 'Event einrichten', '2025-03-10 10:00+01', '2025-03-10 10:20+01', 'contact',
      'resolved', '2025-03-11 16:00+01');" >/dev/null || { echo "statement.sh: fixture failed" >&2; exit 99; }
admin admin add-agent "$agent" --name "Sven Support" --role agent --tier 1 >/dev/null &&
	admin admin add-agent "$lead" --name "Lea Leitung" --role lead --tier 2 >/dev/null ||
	{ echo "statement.sh: add-agent failed" >&2; exit 99; }
ql() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -U "$lead" -c "$1"; }

# Level 2: 30 free a month, 60 credit once, EUR 0.50 beyond, EUR 39 a month.
log call SD-10002 20m --at 2025-02-20T10:10:00+01:00        # Feb: 20 free
log call SD-10001 25m --at 2025-03-03T10:30:00+01:00        # 25 free (5 left)
log call SD-10002 '12m 30s' --at 2025-03-12T14:00:00+01:00  # 13 min: 5 free, 8 credit
log call SD-10001 7m --hotline --at 2025-03-15T10:00:00+01:00 # Sat: 36 + 5 x 6 = 66.00
log call SD-10001 1:00 --at 2025-03-20T15:00:00+01:00       # 52 credit, 8 billed = 4.00
log call SD-10001 5m --at 2025-04-02T10:00:00+02:00         # April: not in March
# ILIAS technical: 40 points bought for March 1st, 4 + 8 points drawn.
ql "SELECT ledger_package(gen_random_uuid(), 2, 'technical', 40, '2025-03-01', NULL)" >/dev/null
log time SD-10003 50m technical --at 2025-03-05T14:00:00+01:00
log time SD-10003 2:00 technical --at 2025-03-06T10:00:00+01:00
# Invitario managed service: an ordered rush job the same day 30 min x 180, next day 75 min x 120.
log time SD-10004 25m managed_service --rush --at 2025-03-10T14:00:00+01:00
log time SD-10004 1:10 managed_service --at 2025-03-11T10:00:00+01:00
log time SD-10004 45m support --at 2025-03-11T11:00:00+01:00
# A lead's goodwill: 5 minutes back and a credit of EUR 2.50, dated March 25.
ql "SELECT ledger_adjust(gen_random_uuid(), 1, 'phone', 'minutes', 5, -250, '2025-03-25', 'Kulanz: Leitung gestört')" >/dev/null

sdesk statement STMT 2025-03 >"$TMP/out.txt" 2>"$TMP/err"; rc=$?
expect_eq "text exit" 0 "$rc"
if diff -u "$top_srcdir/tests/db/statement-2025-03.txt" "$TMP/out.txt" >"$TMP/diff"; then pass; else
	fail "text statement differs from the hand-computed file:"; cat "$TMP/diff" >&2; fi
sdesk statement STMT 2025-03 --csv >"$TMP/out.csv" 2>"$TMP/err"; rc=$?
expect_eq "csv exit" 0 "$rc"
if diff -u "$top_srcdir/tests/db/statement-2025-03.csv" "$TMP/out.csv" >"$TMP/diff"; then pass; else
	fail "CSV statement differs from the hand-computed file:"; cat "$TMP/diff" >&2; fi

# A month without contracts, and errors.
out=$(sdesk statement STMT 2024-12); rc=$?
expect_eq "no contract exit" 0 "$rc"
expect_match "no contract" '^No contract runs in 2024-12\.$' "$out"
sdesk statement NOPE 2025-03 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "no account exit" 2 "$rc"
expect_match "no account message" "no account 'NOPE'" "$(cat "$TMP/err")"
sdesk statement STMT 2025-13 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "bad month exit" 2 "$rc"
expect_match "bad month message" "bad MONTH '2025-13'" "$(cat "$TMP/err")"
sdesk statement STMT >/dev/null 2>&1; rc=$?
expect_eq "missing month exit" 2 "$rc"

# German (doc/i18n.md): the same statement under de_DE.UTF-8 equals the
# reviewed file; its CSV (semicolons, decimal commas) read as a German
# spreadsheet would (Python's csv and locale) gives the same numbers; --csv=c
# stays the machine format in every language.
de() { LC_ALL=de_DE.UTF-8 LANGUAGE= "$@"; }
de sdesk statement STMT 2025-03 >"$TMP/de.txt" 2>"$TMP/err"; rc=$?
[ -n "${SDESK_KEEP_DE:-}" ] && cp "$TMP/de.txt" "$SDESK_KEEP_DE"
expect_eq "German text exit" 0 "$rc"
if diff -u "$top_srcdir/tests/db/statement-2025-03.de.txt" "$TMP/de.txt" >"$TMP/diff"; then pass; else
	fail "German text statement differs from the reviewed file:"; cat "$TMP/diff" >&2; fi
de sdesk statement STMT 2025-03 --csv --bom >"$TMP/de.csv" 2>"$TMP/err"; rc=$?
expect_eq "German csv exit" 0 "$rc"
check=$(python3 - "$TMP/de.csv" "$top_srcdir/tests/db/statement-2025-03.csv" <<'PY' 2>&1
import csv, locale, sys
locale.setlocale(locale.LC_NUMERIC, "de_DE.UTF-8")
raw = open(sys.argv[1], encoding="utf-8").read()
assert raw.startswith("\ufeff"), "no BOM"
de = list(csv.reader(raw[1:].splitlines(), delimiter=";"))
en = list(csv.reader(open(sys.argv[2], encoding="utf-8").read().splitlines()))
assert de[0][0] == "Satzart" and de[0][13] == "Betrag_EUR", de[0]
assert len(de) == len(en), (len(de), len(en))
for d, e in zip(de[1:], en[1:]):
    assert len(d) == 14, d
    for col in (1, 8, 10, 11, 13):  # contract, reaction, processing, quantity, amount
        if e[col] == "":
            assert d[col] == "", (d, e)
        else:
            assert abs(locale.atof(d[col]) - float(e[col])) < 0.001, (col, d, e)
    if e[6]:  # received: 2025-03-03 09:00 -> 03.03.2025 09:00
        y, m, rest = e[6][0:4], e[6][5:7], e[6][8:]
        assert d[6] == rest[0:2] + "." + m + "." + y + rest[2:], (d[6], e[6])
gross = [r for r in de if r[0] == "Summe" and r[5] == "Brutto"]
assert [locale.atof(r[13]) for r in gross][0] == 126.74, gross
print("ok", len(de) - 1)
PY
)
expect_match "German CSV read with csv+locale" '^ok [0-9]+$' "$check"
de sdesk statement STMT 2025-03 --csv=c >"$TMP/c.csv" 2>"$TMP/err"; rc=$?
expect_eq "--csv=c exit" 0 "$rc"
expect_eq "--csv=c header" "$(head -n 1 "$top_srcdir/tests/db/statement-2025-03.csv")" "$(head -n 1 "$TMP/c.csv")"
expect_match "--csv=c ISO instants" '^request,1,support-level-2,SD-10001,2025-03-03,[^,]*,2025-03-03T09:00:00\+01:00,2025-03-03T10:30:00\+01:00,90,' "$(cat "$TMP/c.csv")"
expect_match "--csv=c amounts" '^total,1,support-level-2,,,Gross,,,,,,,,126\.74$' "$(cat "$TMP/c.csv")"
de sdesk statement NOPE 2025-03 >/dev/null 2>"$TMP/err"
expect_match "German error" "kein Kunde 'NOPE'" "$(cat "$TMP/err")"

finish
