#!/usr/bin/env bash
# The console in the team's language and in any locale (doc/i18n.md): the
# real sdesk in tmux at 80x24 under de_DE.UTF-8 (German columns, messages and
# help screen) and under C (no UTF-8: the console says which locale it found,
# names are transliterated, ü as ue, and the columns stay aligned).
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"
unset LANGUAGE   # the locale alone chooses the language here

for l in de_DE.utf8 en_US.utf8; do
	locale -a | grep -qix "$l" || { echo "screen-locale.sh: locale $l missing (./bootstrap generates it)" >&2; exit 99; }
done
pg_test_db sdesk_i18n
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
export XDG_STATE_HOME="$TMP/state"
export SDESK_NOW=2026-11-30T17:55:00+01:00
"$SDESK_BIN" db migrate >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" plans load >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
psql -X -q -v ON_ERROR_STOP=1 -f "$top_srcdir/tests/screen/fixture.sql" >"$TMP/fixture.out" 2>&1 \
	|| { cat "$TMP/fixture.out" >&2; exit 99; }
LEAD="lena_i18n_$$"
"$SDESK_BIN" admin add-agent "$LEAD" --name "Lena Lead" --role lead --tier 1 --team "Team Nord" >/dev/null || exit 99
trap 'scr_cleanup; psql -X -q -d postgres -c "DROP ROLE IF EXISTS $LEAD" >/dev/null 2>&1' EXIT

# Column of the plan on the rows of two tickets: equal when aligned.
plan_col() { printf '%s\n' "$1" | grep "$2" | sed "s/$3.*//" | wc -m; }

# ---- de_DE.UTF-8: German ----------------------------------------------------
LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 PGUSER=$LEAD SCR_TARGET=de scr_start 80 24 "$SDESK_BIN"
SCR_TARGET=de scr_expect "German queue opens" 'SD-10002'
screen=$(SCR_TARGET=de scr_screen)
expect_match "German column titles" 'ID +Kunde +Plan +Klasse +Kanal +Lv +Es +Stat +Bearb\. +Kto\. +Rest' "$screen"
expect_match "UTF-8 name kept" 'Müller-Lüde' "$screen"
SCR_TARGET=de scr_keys '?'
SCR_TARGET=de scr_expect "German help screen" 'Tasten der Ansicht Warteschlange'
SCR_TARGET=de scr_expect "German key help" 'das gewählte Ticket öffnen'
help=$(SCR_TARGET=de scr_screen)
expect_nomatch "help screen all German" 'move up one line|go to the' "$help"
SCR_TARGET=de scr_keys G
SCR_TARGET=de scr_expect "German markers" 'überschritten: die Frist ist abgelaufen'
SCR_TARGET=de scr_expect "German marker help" 'pausiert: wartet auf den Kunden'

# The German queue's header and key bar, then a ticket: every key-bar item is
# a whole word of the glossary's (none cut at 80 columns), the labels German.
SCR_TARGET=de scr_keys Escape
SCR_TARGET=de scr_expect "back in the German queue" 'Bearb\.: .* DB: .* Sicht: '
screen=$(SCR_TARGET=de scr_screen)
expect_nomatch "queue header all German" 'agent:|view:' "$(printf '%s\n' "$screen" | head -n 1)"
keybar=$(printf '%s\n' "$screen" | tail -n 1)
expect_match "German queue key bar" 'Hilfe .*öffnen' "$keybar"
SCR_TARGET=de scr_keys Enter
SCR_TARGET=de scr_expect "German ticket screen" '  Kunde:      .*Vertrag'
screen=$(SCR_TARGET=de scr_screen)
expect_match "German ticket labels" 'Kontakt: .*' "$screen"
expect_match "German clock section" 'Fristen \(Zeitpunkte in ' "$screen"
expect_nomatch "no English ticket labels" 'Customer:|Contact:|Escalation:|Assignee:|Clocks \(' "$screen"
keybar=$(printf '%s\n' "$screen" | tail -n 1)
expect_match "German ticket key bar" 'Hilfe .*zurück' "$keybar"
words=$(printf '%s\n' "$keybar" | tr -s ' ' '\n' | grep -vE '^(Hilfe|zurück|nehmen|Antw\.|Anruf|Zeit|lösen|Meld\.|.{1,5})$' | grep -v '^$' || true)
expect_eq "every ticket key-bar word whole" "" "$words"
SCR_TARGET=de scr_keys Escape


# ---- the board in German at 80x24 --------------------------------------------
once=$(LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 PGUSER=$LEAD "$SDESK_BIN" board --once --width 80)
expect_match "German board counters" 'OFFEN [0-9]+ .*GEFÄHRDET [0-9]+ .*ÜBERSCHRITTEN [0-9]+' "$once"
expect_match "German board lists" 'ALS NÄCHSTES' "$once"
expect_nomatch "no English board headings" 'AT RISK|NEXT UP|MAINTENANCE|INCIDENTS' "$once"
expect_match "board --once first line unchanged" '^sdesk board [0-9-]+ [0-9:]+ [+-][0-9]{4}  db: ' "$(printf '%s\n' "$once" | head -n 1)"
# tmux 3.3 crashes on new-session while window-size is manual (tests/screen/board.sh)
scr_tmux set-option -g window-size latest >/dev/null
LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 PGUSER=$LEAD SCR_TARGET=deb scr_start 80 24 "$SDESK_BIN" board
SCR_TARGET=deb scr_expect "German board opens" 'ÜBERSCHRITTEN'
screen=$(SCR_TARGET=deb scr_screen)
expect_match "German board key bar" 'Hilfe .*Liste' "$(printf '%s\n' "$screen" | tail -n 1)"
words=$(printf '%s\n' "$screen" | tail -n 1 | tr -s ' ' '\n' | grep -vE '^(Hilfe|Liste|rollen|laden|Ende|Stand|[0-9:]+|.{1,5})$' | grep -v '^$' || true)
expect_eq "every board key-bar word whole" "" "$words"
SCR_TARGET=deb scr_keys q

# ---- C: no UTF-8, English, ASCII ------------------------------------------
# tmux 3.3 crashes on new-session while window-size is manual (tests/screen/board.sh)
scr_tmux set-option -g window-size latest >/dev/null
LC_ALL=C LANG=C PGUSER=$LEAD SCR_TARGET=c scr_start 80 24 "$SDESK_BIN"
SCR_TARGET=c scr_expect "C queue opens" 'SD-10002'
SCR_TARGET=c scr_expect "says which locale it found" 'locale C is not UTF-8: ASCII only'
screen=$(SCR_TARGET=c scr_screen)
expect_match "English column titles" 'ID +Customer +Plan ' "$screen"
expect_match "umlauts transliterated" 'SD-10002 Mueller-Lue~' "$screen"
expect_match "umlauts transliterated (ä)" 'Baeckerei S~' "$screen"
nonascii=$(printf '%s' "$screen" | LC_ALL=C tr -d '\000-\177' | wc -c)
expect_eq "no byte above 127 on the C screen" 0 "$nonascii"
expect_eq "columns aligned after transliterated names" \
	"$(plan_col "$screen" SD-10002 invita)" "$(plan_col "$screen" SD-10003 conven)"
finish
