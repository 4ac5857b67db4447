#!/usr/bin/env bash
# Commands in German and English (doc/i18n.md): --help and usage errors follow
# the locale (LANGUAGE/LC_ALL/LANG) and ui.language in sdesk.cfg overrides it;
# the test harness's own locale (C.UTF-8, LANGUAGE=en) gives English; sdesk
# check keeps the monitoring words in English. No database needed.
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

# The monitoring plugin's status words stay English in German.
out=$(de "$SDESK_BIN" check --no-such-option 2>&1); rc=$?
expect_eq "check usage exit (UNKNOWN)" 3 "$rc"
expect_match "check status word in English" '^SDESK UNKNOWN - ' "$out"
expect_match "check message in German" " - unbekanntes Argument '--no-such-option'" "$out"
finish
