#!/usr/bin/env bash
# Whole screens in every locale (issue 13, doc/i18n.md): the queue, the most
# urgent ticket, the log-time form, the help screen and the board at 80x24
# under de_DE.UTF-8 (German), en_US.UTF-8 (English) and C (no UTF-8: English,
# ASCII, transliterated), each compared line by line with
# tests/screen/expected/NAME-80x24-LOCALE.txt as tests/screen/screens.sh
# does (the pinned set-up is tests/screen/screens-lib.sh; `make
# screen-expected` rewrites them). Then, on the screens shown:
#  - no cut word: every word of the headers' labels, the queue's column
#    titles, the key bars, the board's headings and counters and the marker
#    lines is a whole word of the catalogue (po/de.po's German texts under
#    de_DE, its English msgids otherwise); the checker first proves itself on
#    a cut word;
#  - the C screens are ASCII only, and the queue's columns line up: every
#    row has a blank before each left-aligned column title's start and ends
#    where the titles end (the last columns are right-aligned).
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"   # fixed database and role names (they are on the screen)
. "$top_srcdir/tests/screen/lib.sh"
unset LANGUAGE         # the locale alone chooses the language here

for l in de_DE.utf8 en_US.utf8; do
	locale -a | grep -qix "$l" || { echo "screens-locale.sh: locale $l missing (./bootstrap generates it)" >&2; exit 99; }
done
command -v python3 >/dev/null || { echo "screens-locale.sh: python3 missing" >&2; exit 99; }
export LANG=C.UTF-8 LC_ALL=C.UTF-8
. "$top_srcdir/tests/screen/screens-lib.sh"   # the pinned database, fixture and shot()

# words.py LANG FILE KIND...: prints every word of the screen FILE's lines of
# the given kinds that is not a whole word of the catalogue (nothing = ok).
cat >"$TMP/words.py" <<'PY'
import re, sys
lang, path, kinds = sys.argv[1], sys.argv[2], sys.argv[3:]
po = open(sys.argv[0].rsplit('/', 1)[0] + '/de.po', encoding='utf-8').read()
texts, cur, field = [], [], None
for line in po.splitlines() + ['']:
    m = re.match(r'(msgid|msgstr|msgid_plural|msgstr\[\d\]) "(.*)"$', line)
    if m:
        if cur and field: texts.append((field, ''.join(cur)))
        field, cur = m.group(1), [m.group(2)]
    elif line.startswith('"') and field:
        cur.append(line[1:-1])
    else:
        if cur and field: texts.append((field, ''.join(cur)))
        field, cur = None, []
want = 'msgstr' if lang == 'de' else 'msgid'
WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*\.?"
words = set()
for f, t in texts:
    if f.startswith(want):
        for w in re.findall(WORD, t.replace('\\n', ' ')):
            words.add(w)
            words.add(w.upper())
            words.update(w.split('-'))
KEYS = {'Enter', 'Esc', 'Tab', 'Up', 'Down', 'Left', 'Right', 'PgUp', 'PgDn', 'Space', 'Home', 'End', 'LIVE', 'OFFLINE'}
lines = open(path, encoding='utf-8').read().split('\n')
while lines and lines[-1] == '': lines.pop()
check = []
for k in kinds:
    if k == 'keybar':        # the last line: keys and their words
        check.append(lines[-1])
    elif k == 'labels':      # the header's labels ("agent:", "Sicht:")
        check.extend(re.findall(r"(\S+):", lines[0]))
    elif k == 'titles':      # the queue's column titles
        check.append(lines[1])
    elif k == 'markers':     # the lines that explain a marker (help)
        check.extend(l for l in lines if re.match(r" +(!!|!|\|\||\^) +[^\W\d_]", l))
    elif k == 'fields':      # "  Label:" and "Label:" on the lines of fields
        for l in lines[1:-1]:
            if re.match(r"  [^\s-]", l):
                check.extend(re.findall(r"([^\W\d_][\w.-]*):(?:\s|$)", l))
    elif k == 'clocks':      # the clock lines after "Clocks (instants in": words, no data in ()
        on = False
        for l in lines:
            if on and not l.strip(): break
            if on: check.append(re.sub(r"\([^)]*\)", "", l))
            if re.search(r"\(.*(instants in|Zeitpunkte in)", l): on = True
    elif k == 'headings':    # the board's upper-case headings and counters
        check.extend(l for l in lines if re.match(r"\s*[A-ZÄÖÜ]{3,}[A-ZÄÖÜ .,]*( \(|$| -| [0-9])", l))
bad = []
for text in check:
    if '…' in text or '~' in text:
        bad.append('cut: ' + text.strip()); continue
    for w in re.findall(WORD, text):
        if len(w) < 2 or w in KEYS or w in words or w.rstrip('.') in words:
            continue
        if re.fullmatch(r"C-[a-z]|F\d+|SD", w):
            continue
        bad.append(w)
print('\n'.join(bad))
PY
cp "$top_srcdir/po/de.po" "$TMP/de.po"
words() { python3 "$TMP/words.py" "$@"; }

# The checker fails on a cut word and on a word that is not the catalogue's.
printf 'x\n  ID Kunde Bearb\n? Hilfe  Enter öffn  q Ende\n' >"$TMP/cut.txt"
expect_match "checker: a cut key-bar word is found" 'öffn' "$(words de "$TMP/cut.txt" keybar)"
expect_match "checker: a cut column title is found" 'Bearb' "$(words de "$TMP/cut.txt" titles)"
printf 'x\n  ID Kunde Bearb.\n? Hilfe  Enter öffnen  q Ende\n' >"$TMP/whole.txt"
expect_eq "checker: whole German words pass" "" "$(words de "$TMP/whole.txt" titles keybar)"
expect_match "checker: German words are no English words" 'Hilfe' "$(words en "$TMP/whole.txt" keybar)"

for loc in de_DE.UTF-8 en_US.UTF-8 C; do
	lang=en; [ "$loc" = de_DE.UTF-8 ] && lang=de
	s=80x24-$loc
	LC_ALL=$loc LANG=$loc PGUSER=screen_lead scr_start 80 24 "$SDESK_BIN"
	if scr_wait 'SD-10004' 10; then pass; else fail "$loc: the console shows no queue"; scr_show; fi
	shot "queue-$s"
	expect_eq "$loc queue: whole words" "" "$(words $lang "$TMP/queue-$s.txt" labels titles keybar)"
	scr_keys Enter
	scr_expect "$loc: ticket screen opens" 'Kein Login m' 10
	shot "ticket-$s"
	expect_eq "$loc ticket: whole words" "" "$(words $lang "$TMP/ticket-$s.txt" labels fields clocks keybar)"
	scr_keys L
	scr_expect "$loc: the log-time form opens" 'SD-10002' 10
	shot "form-$s"
	expect_eq "$loc form: whole words" "" "$(words $lang "$TMP/form-$s.txt" labels fields keybar)"
	scr_keys Escape
	scr_wait 'Kein Login m' 10 || true
	scr_keys Escape
	scr_wait 'SD-10004' 10 || true
	scr_keys '?'
	scr_expect "$loc: help opens" '(Keys of|Tasten der)' 10
	scr_keys G
	scr_wait '(Markers|Markierungen)' 10 || true
	shot "help-$s"
	expect_eq "$loc help: whole words" "" "$(words $lang "$TMP/help-$s.txt" labels keybar markers)"
	scr_keys q q q
	scr_stop
	# tmux 3.3 crashes on new-session while window-size is manual (tests/screen/board.sh)
	LC_ALL=$loc LANG=$loc PGUSER=screen_lead scr_start 80 24 "$SDESK_BIN" board
	if scr_wait 'SD-10002' 10; then pass; else fail "$loc: the board shows no tickets"; scr_show; fi
	shot "board-$s"
	expect_eq "$loc board: whole words" "" "$(words $lang "$TMP/board-$s.txt" keybar headings)"
	scr_keys q
	scr_stop
done

# README.md shows the German queue as captured (its non-empty lines).
readme=$(sed -n '/^## Deutsch/,/^Statements print/p' "$top_srcdir/README.md" | sed -n 's/^    //p')
expect_eq "README.md shows the German queue of tests/screen/expected" \
	"$(grep -v '^ *$' "$EXP/queue-80x24-de_DE.UTF-8.txt")" "$readme"

# C: ASCII only, and the queue's columns aligned after transliterated names.
for f in queue ticket form help board; do
	n=$(LC_ALL=C tr -d '\000-\177' <"$TMP/$f-80x24-C.txt" | wc -c)
	expect_eq "C $f: no byte above 127" 0 "$n"
done
expect_match "C queue: names transliterated" 'Mueller-Lue' "$(cat "$TMP/queue-80x24-C.txt")"
# Left-aligned titles start after a blank on every row; the last two
# columns (budget, left) are right-aligned: every row ends where the titles do.
misaligned=$(awk 'NR == 2 { n = 0; for (i = 2; i <= length($0); i++) if (substr($0, i, 1) != " " && substr($0, i - 1, 1) == " ") col[++n] = i - 1; len = length($0) }
	NR > 2 && /^.. SD-/ { for (k = 1; k <= n - 2; k++) if (substr($0, col[k], 1) != " ") print "row " NR - 2 " column " col[k] ": " $0
		if (length($0) != len) print "row " NR - 2 " ends at " length($0) ", the titles at " len ": " $0 }' \
	"$TMP/queue-80x24-C.txt")
expect_eq "C queue: a blank before every column on every row" "" "$misaligned"
finish
