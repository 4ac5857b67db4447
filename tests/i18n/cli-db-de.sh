#!/usr/bin/env bash
# Commands in German and English against a real database (doc/i18n.md):
# runtime errors of budget, log and oncall, sdesk db status and plans load,
# and the printed on-call report (labels, checklist, report state and dates
# follow the language; exit codes 0/1/2 the same in both). "now" pinned.
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "cli-db-de.sh: PGHOST is not set: run under tests/with-pg" >&2
	exit 99
fi
locale -a | grep -qix de_DE.utf8 || { echo "cli-db-de.sh: locale de_DE.UTF-8 missing (./bootstrap generates it)" >&2; exit 99; }
export TZ=Europe/Berlin
name="sdesk_i18ndb_$$"
op="i18n_op_$$" agent="i18n_agent_$$"
createdb "$name" || { echo "cli-db-de.sh: createdb failed" >&2; exit 99; }
trap 'dropdb --if-exists --force "$name"; for r in $op $agent; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1; done; rm -rf "$TMP"' EXIT
: >"$TMP/sdesk.cfg"
export SDESK_CONFIG="$TMP/sdesk.cfg"
de() { LC_ALL=de_DE.UTF-8 LANGUAGE= "$@"; }
admin() { "$SDESK_BIN" "$@" --db "dbname=$name"; }
as() { local u=$1; shift; "$SDESK_BIN" "$@" --db "dbname=$name user=$u"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }
sq() { psql -X -q -At -v ON_ERROR_STOP=1 -U "$1" -d "$name" -c "$2" 2>&1; }

admin db migrate >/dev/null || { echo "cli-db-de.sh: migrate failed" >&2; exit 99; }
q "UPDATE clock_pin SET allowed = true" >/dev/null || exit 99

# plans load and db status in German.
out=$(de "$SDESK_BIN" plans load --db "dbname=$name" 2>&1); rc=$?
expect_eq "plans load exit (German)" 0 "$rc"
expect_match "plans load in German" "^Kalender: [0-9]+ neu, 0 geändert, 0 unverändert$" "$out"
expect_match "plans load: plans in German" "^Pläne: [0-9]+ neu, 0 geändert, 0 eingestellt, 0 unverändert$" "$out"
out=$(de "$SDESK_BIN" plans load --dry-run --db "dbname=$name" 2>&1)
expect_match "plans load --dry-run in German" "^Probelauf: nichts wird gespeichert$" "$out"
expect_match "no changes in German" "^keine Änderungen \([0-9]+ Kalender, [0-9]+ Pläne\)$" "$out"
out=$("$SDESK_BIN" plans load --dry-run --db "dbname=$name" 2>&1)
expect_match "no changes in English" "^no changes \([0-9]+ calendars, [0-9]+ plans\)$" "$out"
out=$(de "$SDESK_BIN" db migrate --db "dbname=$name" 2>&1); rc=$?
expect_eq "db migrate exit (German)" 0 "$rc"
expect_match "db migrate: up to date in German" "^aktuell \(Schemaversion [0-9]+\)$" "$out"
out=$("$SDESK_BIN" db migrate --db "dbname=$name" 2>&1)
expect_match "db migrate: up to date in English" "^up to date \(schema version [0-9]+\)$" "$out"
out=$(de "$SDESK_BIN" db status --db "dbname=$name" 2>&1)
expect_match "db status in German" "^Datenbank auf Version [0-9]+, dieses sdesk auf Version [0-9]+$" "$out"

q "INSERT INTO account (code, name) VALUES ('SB', 'Seitenbau Kunde GmbH');
   INSERT INTO contract (account_id, plan_code, valid_from, overrides) VALUES (1, 'seitenbau-oncall', '2025-01-01', '{}');
   INSERT INTO contact (account_id, name, role) VALUES (1, 'Sven Bau', 'key_user');" >/dev/null ||
	{ echo "cli-db-de.sh: fixture failed" >&2; exit 99; }
admin admin add-agent "$op" --name "Otto Ops" --role ops --tier 2 >/dev/null &&
	admin admin add-agent "$agent" --name "Anke Agentin" --role agent --tier 1 >/dev/null ||
	{ echo "cli-db-de.sh: add-agent failed" >&2; exit 99; }
sq "$agent" "SELECT create_ticket(gen_random_uuid(), 1, 1, 1, 'oncall', 'cat1', 'Shop antwortet nicht', '',
	'2026-11-28T10:00+01')" >/dev/null
T=$(q "SELECT ref FROM ticket")

# Runtime errors with a database, in both languages (exit 2: input).
de "$SDESK_BIN" budget show NOPE --db "dbname=$name" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "budget: unknown account exit (German)" 2 "$rc"
expect_eq "budget: unknown account in German" "sdesk: budget: kein Kunde 'NOPE'" "$(cat "$TMP/err")"
"$SDESK_BIN" budget show NOPE --db "dbname=$name" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "budget: unknown account exit (English)" 2 "$rc"
expect_eq "budget: unknown account in English" "sdesk: budget: no account 'NOPE'" "$(cat "$TMP/err")"
out=$(de "$SDESK_BIN" budget show SB --db "dbname=$name" 2>&1)
expect_match "budget show in German" "seitenbau-oncall \(Vertrag [0-9]+\)" "$out"
de "$SDESK_BIN" log call SD-999999 5m --db "dbname=$name" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "log: unknown ticket exit (German)" 2 "$rc"
expect_match "log: unknown ticket in German" "^sdesk: log: kein Ticket SD-999999$" "$(cat "$TMP/err")"
de "$SDESK_BIN" oncall report "$T" --db "dbname=$name" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "oncall report without work exit (German)" 1 "$rc"
expect_eq "oncall report without work in German" "sdesk: oncall: $T hat keinen Rufbereitschaftseinsatz (sdesk oncall start)" "$(cat "$TMP/err")"

# The on-call report.
at() { local now=$1; shift; SDESK_NOW=$now as "$op" "$@"; }
at 2026-11-28T10:05:00+01:00 oncall start "$T" >/dev/null &&
	at 2026-11-28T10:10:00+01:00 oncall check "$T" 1 --note "ping ok" >/dev/null &&
	at 2026-11-28T11:30:00+01:00 oncall end "$T" --note "Neustart 10:40, seitdem stabil." >/dev/null ||
	{ echo "cli-db-de.sh: on-call work failed" >&2; exit 99; }
out=$(SDESK_NOW=2026-11-30T17:55:00+01:00 de "$SDESK_BIN" oncall report "$T" --db "dbname=$name user=$op" 2>&1); rc=$?
expect_eq "oncall report exit (German)" 0 "$rc"
expect_match "report title in German" "^Bericht zur Rufbereitschaft \(Seed 003\), Rufbereitschaftseinsatz [0-9]+$" "$out"
expect_match "report customer label" "^Kunde: +Seitenbau Kunde GmbH \(SB\), Plan seitenbau-oncall$" "$out"
expect_match "report start: German date and weekday" "^Begonnen: +28\.11\.2026 10:05 Sa$" "$out"
expect_match "report duration" "^Dauer: +85 Min\.$" "$out"
expect_match "report state in German (breached)" "^Bericht: +fällig 30\.11\.2026 17:00 Mo, ÜBERSCHRITTEN$" "$out"
expect_match "checklist heading" "^Checkliste$" "$out"
expect_match "checklist item in German" "^  \[x\] 1 Erreichbarkeit des Servers geprüft, bei Bedarf den Hoster informiert$" "$out"
expect_match "notes heading" "^  1 von 7 erledigt$" "$out"
expect_nomatch "no English label left" "^(Customer|Started|Report|Checklist|Notes)(:|$)" "$out"
out=$(SDESK_NOW=2026-11-30T17:55:00+01:00 "$SDESK_BIN" oncall report "$T" --db "dbname=$name user=$op" 2>&1); rc=$?
expect_eq "oncall report exit (English)" 0 "$rc"
expect_match "report title in English" "^On-call report \(seed 003\), on-call work [0-9]+$" "$out"
expect_match "report start in English" "^Started: +2026-11-28 10:05 Sat$" "$out"
expect_match "report state in English" "^Report: +due 2026-11-30 17:00 Mon, BREACHED$" "$out"
expect_match "checklist item in English" "^  \[x\] 1 server reachable checked, the hoster told if needed$" "$out"
finish
