#!/usr/bin/env bash
# Commands in German and English (doc/i18n.md): --help and usage errors follow
# the locale (LANGUAGE/LC_ALL/LANG) and ui.language in sdesk.cfg overrides it;
# the test harness's own locale (C.UTF-8, LANGUAGE=en) gives English; sdesk
# check keeps the monitoring words in English. Every command's --help, errors
# of the conf and db layers (file:line, a database that cannot be reached),
# holiday names by language. No database needed (tests/i18n/cli-db-de.sh has
# the runtime errors and the on-call report against a real one).
set -u
. "$top_srcdir/tests/lib.sh"
locale -a | grep -qix de_DE.utf8 || { echo "cli-de.sh: locale de_DE.UTF-8 missing (./bootstrap generates it)" >&2; exit 99; }
de() { LC_ALL=de_DE.UTF-8 LANGUAGE= "$@"; }

# English under the harness, German under de_DE.UTF-8.
out=$("$SDESK_BIN" --help)
expect_match "English help" '^Usage: sdesk \[--config FILE\]' "$out"
expect_nomatch "English help has no German" 'Aufruf|Befehle|Konsole' "$out"
out=$(de "$SDESK_BIN" --help)
expect_match "German help" '^Aufruf: sdesk \[--config DATEI\]' "$out"
expect_match "German command summary" 'statement ACCOUNT MONTH.* die Monatsabrechnung eines Kunden' "$out"
expect_match "German help names the language setting" 'Sprache: ui.language in sdesk.cfg' "$out"

# Usage errors, exit code 2 in both languages.
de "$SDESK_BIN" statement >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "German usage error exit" 2 "$rc"
expect_match "German usage error" "^sdesk: statement: braucht KUNDE und MONAT \(JJJJ-MM\)" "$(cat "$TMP/err")"
expect_match "German usage hint" "^\(siehe 'sdesk statement --help'\)" "$(cat "$TMP/err")"
de "$SDESK_BIN" frobnicate 2>"$TMP/err"; rc=$?
expect_eq "unknown command exit" 2 "$rc"
expect_eq "German unknown command" "sdesk: unbekannter Befehl 'frobnicate' (siehe 'sdesk --help')" "$(cat "$TMP/err")"
"$SDESK_BIN" frobnicate 2>"$TMP/err"
expect_eq "English unknown command" "sdesk: unknown command 'frobnicate' (try 'sdesk --help')" "$(cat "$TMP/err")"
de "$SDESK_BIN" statement ACME 2025-13 2>"$TMP/err"
expect_match "German argument error names the argument" "ungültiger MONAT '2025-13'" "$(cat "$TMP/err")"

# ui.language overrides the locale, both ways; a wrong value names file:line.
printf 'ui = {\n  language = "de";\n};\n' >"$TMP/de.cfg"
printf 'ui = {\n  language = "en";\n};\n' >"$TMP/en.cfg"
printf 'ui = {\n  language = "fr";\n};\n' >"$TMP/fr.cfg"
"$SDESK_BIN" --config "$TMP/de.cfg" frobnicate 2>"$TMP/err"
expect_match "ui.language de under C.UTF-8" "unbekannter Befehl" "$(cat "$TMP/err")"
LC_ALL=C LANG=C LANGUAGE= "$SDESK_BIN" --config "$TMP/de.cfg" frobnicate 2>"$TMP/err"
expect_match "ui.language de under C" "unbekannter Befehl" "$(cat "$TMP/err")"
de "$SDESK_BIN" --config "$TMP/en.cfg" frobnicate 2>"$TMP/err"
expect_match "ui.language en under de_DE" "unknown command" "$(cat "$TMP/err")"
"$SDESK_BIN" --config "$TMP/fr.cfg" statement ACME 2025-03 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "bad ui.language exit" 2 "$rc"
expect_match "bad ui.language names file:line" "fr\.cfg:2: 'language' must be \"de\", \"en\" or \"\"" "$(cat "$TMP/err")"

# Every command's --help in both languages (exit 0 either way).
for c in admin budget standby calendar "calendar holidays" db demo journal mail mail-in reply note plans \
	sla "sla add" "sla between" "sla due" statement check log board console oncall; do
	# shellcheck disable=SC2086
	out=$(de "$SDESK_BIN" $c --help 2>&1); rc=$?
	expect_eq "sdesk $c --help exit (German)" 0 "$rc"
	expect_match "sdesk $c --help in German" '^Aufruf: sdesk ' "$out"
	expect_nomatch "sdesk $c --help has no English usage" '^Usage:|Exit codes' "$out"
	# shellcheck disable=SC2086
	out=$("$SDESK_BIN" $c --help 2>&1); rc=$?
	expect_eq "sdesk $c --help exit (English)" 0 "$rc"
	expect_match "sdesk $c --help in English" '^Usage: sdesk ' "$out"
	expect_nomatch "sdesk $c --help has no German" '^Aufruf|Exit-Codes' "$out"
done
out=$(de "$SDESK_BIN" sla --help)
expect_match "sla summaries in German" 'Geschäftsminuten zwischen zwei Zeitpunkten' "$out"
expect_match "oncall help: the checklist in German" 'Erreichbarkeit des Servers geprüft' "$(de "$SDESK_BIN" oncall --help)"

# Runtime and input errors of the commands without a database, exit codes unchanged.
de "$SDESK_BIN" sla due no-such-plan critical 2026-03-06T12:59:00+01:00 2>"$TMP/err"; rc=$?
expect_eq "sla due unknown plan exit (German)" 2 "$rc"
expect_match "sla due unknown plan in German" "^sdesk: sla due: unbekannter Plan 'no-such-plan' \(bekannt: invitario-bronze" "$(cat "$TMP/err")"
"$SDESK_BIN" sla due no-such-plan critical 2026-03-06T12:59:00+01:00 2>"$TMP/err"; rc=$?
expect_eq "sla due unknown plan exit (English)" 2 "$rc"
expect_match "sla due unknown plan in English" "^sdesk: sla due: unknown plan 'no-such-plan' \(known: " "$(cat "$TMP/err")"
de "$SDESK_BIN" calendar holidays nowhere 2026 2>"$TMP/err"; rc=$?
expect_eq "unknown calendar exit (German)" 2 "$rc"
expect_match "unknown calendar in German" "unbekannter Kalender 'nowhere' \(bekannt: .*de-nw" "$(cat "$TMP/err")"
printf '2026-03-05T16:00:00+01:00 4h\nkaputt\n' | de "$SDESK_BIN" sla add invitario - >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "batch with a bad line exit (German)" 2 "$rc"
expect_match "batch line error in German" "^sdesk: sla add: Zeile 2: zwei Felder erwartet, eines erhalten$" "$(cat "$TMP/err")"
out=$(de "$SDESK_BIN" sla due invitario-gold critical 2026-12-24T12:59:00+01:00 --explain)
expect_match "explain in German" 'reaction: frühestes: 4 Std\. auf invitario -> 2026-12-24T16:59:00\+01:00' "$out"
expect_match "explain keeps its machine lines" '^reaction	2026-12-24T16:59:00\+01:00$' "$out"
out=$(de "$SDESK_BIN" sla due invitario-gold question 2026-12-24T12:59:00+01:00 --explain)
expect_match "explain names holidays in German" 'übersprungen 2026-12-25 Feiertag: Christtag' "$out"
out=$("$SDESK_BIN" sla due invitario-gold question 2026-12-24T12:59:00+01:00 --explain)
expect_match "explain names holidays in English" 'skipped 2026-12-25 holiday: Christmas Day' "$out"

# Texts of the engine and base layers inside a usage error, in both languages.
de "$SDESK_BIN" sla add invitario 2026-03-05T16:00:00+01:00 4x 2>"$TMP/err"; rc=$?
expect_eq "bad duration exit (German)" 2 "$rc"
expect_match "bad duration in German" "^sdesk: sla add: DAUER '4x': fehlerhafte Dauer: Einheiten sind d, h, m" "$(cat "$TMP/err")"
"$SDESK_BIN" sla add invitario 2026-03-05T16:00:00+01:00 4x 2>"$TMP/err"; rc=$?
expect_eq "bad duration exit (English)" 2 "$rc"
expect_match "bad duration in English" "^sdesk: sla add: DURATION '4x': bad duration: units are d, h, m" "$(cat "$TMP/err")"
de "$SDESK_BIN" sla between invitario 2026-13-05T16:00:00+01:00 2026-03-06T16:00:00+01:00 2>"$TMP/err"; rc=$?
expect_eq "bad instant exit (German)" 2 "$rc"
expect_match "bad instant in German" "'2026-13-05T16:00:00\+01:00': Monat außerhalb des Bereichs" "$(cat "$TMP/err")"
cp "$top_srcdir/conf/plans.cfg" "$TMP/open.cfg" && chmod 666 "$TMP/open.cfg"
de "$SDESK_BIN" --plans "$TMP/open.cfg" calendar holidays de 2026 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "plan file others may write: exit (German)" 2 "$rc"
expect_match "plan file others may write: in German" "open\.cfg: der Plankatalog wird abgelehnt: schreibbar für Gruppe und andere \(Modus 0666\); ausführen: chmod go-w " "$(cat "$TMP/err")"

# Holiday names by language (conf/plans.cfg: name, name_en; "name|English" for closed days).
expect_eq "holiday in German" "2026-12-24	Heiligabend" "$(de "$SDESK_BIN" calendar holidays ilias 2026 | grep 12-24)"
expect_eq "holiday in English" "2026-12-24	Christmas Eve" "$("$SDESK_BIN" calendar holidays ilias 2026 | grep 12-24)"
expect_eq "ui.language de names holidays in German" "2026-10-03	Tag der Deutschen Einheit" \
	"$("$SDESK_BIN" --config "$TMP/de.cfg" calendar holidays de 2026 | grep 10-03)"
expect_eq "ui.language en names holidays in English" "2026-10-03	German Unity Day" \
	"$(de "$SDESK_BIN" --config "$TMP/en.cfg" calendar holidays de 2026 | grep 10-03)"

# The conf layer: a plan file and a settings file with errors name file:line, in German.
sed 's/^  de = {$/  de = { colour = "blue";/' "$top_srcdir/conf/plans.cfg" >"$TMP/plans.cfg"
chmod 600 "$TMP/plans.cfg"
de "$SDESK_BIN" --plans "$TMP/plans.cfg" calendar holidays de 2026 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "bad plan file exit (German)" 2 "$rc"
expect_match "bad plan file in German, file:line" "plans\.cfg:[0-9]+: holidays\.de: unbekannter Schlüssel 'colour' \(bekannt: include, rules\)" "$(cat "$TMP/err")"
"$SDESK_BIN" --plans "$TMP/plans.cfg" calendar holidays de 2026 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "bad plan file exit (English)" 2 "$rc"
expect_match "bad plan file in English, file:line" "plans\.cfg:[0-9]+: holidays\.de: unknown key 'colour' \(known: include, rules\)" "$(cat "$TMP/err")"
# (in the locale's language: a file that fails cannot choose ui.language)
printf 'ui = {\n  color = false;\n};\nscreen = {\n};\n' >"$TMP/bad.cfg"
de "$SDESK_BIN" --config "$TMP/bad.cfg" statement ACME 2025-03 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "bad settings file exit" 2 "$rc"
expect_match "bad settings file in German, file:line" "bad\.cfg:4: unbekannter Abschnitt 'screen' \(bekannt: database" "$(cat "$TMP/err")"

# The db layer: a database that cannot be reached, exit 1 in both languages.
de "$SDESK_BIN" db status --db "host=$TMP/nowhere connect_timeout=2" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "no database exit (German)" 1 "$rc"
expect_match "no database in German" "^sdesk: db: keine Verbindung zur Datenbank: " "$(cat "$TMP/err")"
"$SDESK_BIN" db status --db "host=$TMP/nowhere connect_timeout=2" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "no database exit (English)" 1 "$rc"
expect_match "no database in English" "^sdesk: db: cannot connect to the database: " "$(cat "$TMP/err")"

# The monitoring plugin's status words stay English in German.
out=$(de "$SDESK_BIN" check --no-such-option 2>&1); rc=$?
expect_eq "check usage exit (UNKNOWN)" 3 "$rc"
expect_match "check status word in English" '^SDESK UNKNOWN - ' "$out"
expect_match "check message in German" " - unbekanntes Argument '--no-such-option'" "$out"
finish
