#!/usr/bin/env bash
# sdesk calendar holidays / sla add / sla between (SPEC §3): output formats,
# exit codes, batch mode with line-numbered errors. Expected values by hand.
set -u
. "$top_srcdir/tests/lib.sh"

S="$SDESK_BIN"

# --- calendar holidays ---------------------------------------------------------
out=$(LANGUAGE=de "$S" calendar holidays de-be 2025); rc=$?
expect_eq "holidays exit" 0 "$rc"
expect_eq "holidays de-be 2025 (German)" "2025-01-01	Neujahr
2025-03-08	Internationaler Frauentag
2025-04-18	Karfreitag
2025-04-21	Ostermontag
2025-05-01	Tag der Arbeit
2025-05-08	Tag der Befreiung
2025-05-29	Christi Himmelfahrt
2025-06-09	Pfingstmontag
2025-10-03	Tag der Deutschen Einheit
2025-12-25	1. Weihnachtstag
2025-12-26	2. Weihnachtstag" "$out"
# The names follow the language of the messages (doc/i18n.md); the harness's is English.
out=$("$S" calendar holidays de-be 2025)
expect_eq "holidays de-be 2025 (English)" "2025-01-01	New Year's Day
2025-03-08	International Women's Day
2025-04-18	Good Friday
2025-04-21	Easter Monday
2025-05-01	Labour Day
2025-05-08	Liberation Day
2025-05-29	Ascension Day
2025-06-09	Whit Monday
2025-10-03	German Unity Day
2025-12-25	Christmas Day
2025-12-26	Second Day of Christmas" "$out"
out=$(LANGUAGE=de "$S" calendar holidays at 2026 | cut -f2 | tr '\n' ',')
expect_eq "holidays at 2026" "Neujahr,Heilige Drei Könige,Ostermontag,Staatsfeiertag,Christi Himmelfahrt,Pfingstmontag,Fronleichnam,Mariä Himmelfahrt,Nationalfeiertag,Allerheiligen,Mariä Empfängnis,Christtag,Stefanitag," "$out"
out=$(LANGUAGE=de "$S" calendar holidays ilias 2026 | tail -3)
expect_eq "calendar lists closed days" "2026-12-25	1. Weihnachtstag
2026-12-26	2. Weihnachtstag
2026-12-31	Silvester" "$out"
out=$("$S" calendar holidays ilias 2026 | tail -4)
expect_eq "closed days in English" "2026-12-24	Christmas Eve
2026-12-25	Christmas Day
2026-12-26	Second Day of Christmas
2026-12-31	New Year's Eve" "$out"
out=$("$S" calendar holidays convento 2026 | wc -l)
expect_eq "convento = de-nw: 11 days" 11 "$out"
out=$(LANGUAGE=de "$S" calendar holidays de-sn 2026 | grep Buß)
expect_eq "Buß- und Bettag 2026" "2026-11-18	Buß- und Bettag" "$out"
"$S" calendar holidays nowhere 2026 2>"$TMP/err"; rc=$?
expect_eq "unknown calendar exit" 2 "$rc"
expect_match "unknown calendar lists names" "unknown calendar 'nowhere' \(known: .*invitario.*de-nw" "$(cat "$TMP/err")"
"$S" calendar holidays de 20x6 2>"$TMP/err"; rc=$?
expect_eq "bad year exit" 2 "$rc"
expect_match "bad year named" "YEAR '20x6'" "$(cat "$TMP/err")"
"$S" calendar holidays de 2>/dev/null; rc=$?
expect_eq "missing year exit" 2 "$rc"

# --- sla add -------------------------------------------------------------------
out=$("$S" sla add invitario 2026-03-05T16:00:00+01:00 4h); rc=$?
expect_eq "add exit" 0 "$rc"
expect_eq "add invitario Thu 16:00 + 4h" "2026-03-06T12:00:00+01:00" "$out"
expect_eq "add seconds optional, Z" "2026-03-30T09:00:00+02:00" "$("$S" sla add convento 2026-03-27T16:00Z 2h)"
expect_eq "add phone split day" "2026-03-02T14:00:00+01:00" "$("$S" sla add phone 2026-03-02T12:00+01:00 1h)"
expect_eq "add 1h30m" "2026-03-02T10:30:00+01:00" "$("$S" sla add response 2026-03-02T09:00+01:00 1h30m)"
expect_eq "add 90m" "2026-03-02T10:30:00+01:00" "$("$S" sla add response 2026-03-02T09:00+01:00 90m)"
expect_eq "add 2d" "2026-03-10T10:00:00+01:00" "$("$S" sla add response 2026-03-06T10:00+01:00 2d)"
expect_eq "add ilias over 24/31 Dec" "2027-01-04T10:00:00+01:00" "$("$S" sla add ilias 2026-12-30T16:00+01:00 2h)"
expect_eq "--plans picks the file" "2026-03-06T12:00:00+01:00" \
	"$("$S" --plans "$SDESK_PLANS" sla add invitario 2026-03-05T16:00:00+01:00 4h)"
"$S" sla add invitario 2026-03-05 4h 2>"$TMP/err"; rc=$?
expect_eq "bad START exit" 2 "$rc"
expect_match "bad START named" "START '2026-03-05'" "$(cat "$TMP/err")"
"$S" sla add invitario 2026-03-05T16:00+01:00 4 2>"$TMP/err"; rc=$?
expect_eq "bad DURATION exit" 2 "$rc"
expect_match "bad DURATION named" "DURATION '4'" "$(cat "$TMP/err")"
"$S" sla add nope 2026-03-05T16:00+01:00 4h 2>"$TMP/err"; rc=$?
expect_eq "unknown calendar exit" 2 "$rc"
expect_match "unknown calendar message" "unknown calendar 'nope' \(known: invitario, invitario-days, convento, phone, response, seitenbau, desk, ilias\)" "$(cat "$TMP/err")"
"$S" sla add invitario 2>/dev/null; rc=$?
expect_eq "missing args exit" 2 "$rc"
"$S" sla add invitario 2250-01-01T00:00Z 1h 2>"$TMP/err"; rc=$?
expect_eq "out of range exit" 2 "$rc"
"$S" --plans "$TMP/none.cfg" sla add invitario 2026-03-05T16:00+01:00 1h 2>"$TMP/err"; rc=$?
expect_eq "missing plan file exit" 2 "$rc"
expect_match "missing plan file named" "none.cfg" "$(cat "$TMP/err")"
printf 'calendars = {\n  x = { zone = "Europe/Berlin"; mon = ["9-17"]; };\n};\n' >"$TMP/bad.cfg"
"$S" --plans "$TMP/bad.cfg" sla add x 2026-03-05T16:00+01:00 1h 2>"$TMP/err"; rc=$?
expect_eq "bad plan file exit" 2 "$rc"
expect_match "bad plan file: file:line" "bad.cfg:2: calendars.x.mon: '9-17'" "$(cat "$TMP/err")"
for h in "sla --help" "sla add --help" "sla between --help" "calendar --help" "calendar holidays --help"; do
	out=$("$S" $h); rc=$?
	expect_eq "$h exit" 0 "$rc"
	expect_match "$h text" "^Usage: sdesk" "$out"
done

# --- sla between ---------------------------------------------------------------
expect_eq "between phone" 390 "$("$S" sla between phone 2026-03-02T09:00+01:00 2026-03-02T18:00+01:00)"
expect_eq "between negative" -390 "$("$S" sla between phone 2026-03-02T18:00+01:00 2026-03-02T09:00+01:00)"
expect_eq "between over DST weekend" 120 "$("$S" sla between convento 2026-03-27T17:00+01:00 2026-03-30T09:00+02:00)"
"$S" sla between phone 2026-03-02T09:00+01:00 tomorrow 2>"$TMP/err"; rc=$?
expect_eq "bad TO exit" 2 "$rc"
expect_match "bad TO named" "TO 'tomorrow'" "$(cat "$TMP/err")"

# --- batch mode ----------------------------------------------------------------
printf '%s\n' "2026-03-05T16:00:00+01:00 4h" "2026-03-05T16:00+01:00 x" "" "2026-03-06T14:00+01:00	2h" \
	"2026-03-06T14:00+01:00" "2026-03-06T14:00+01:00 2h 3h" "2026-03-06T15:00:00+01:00 0m" >"$TMP/add.txt"
printf '2026-12-08T10:00+01:00 1h' >>"$TMP/add.txt" # last line without newline
"$S" sla add invitario - <"$TMP/add.txt" >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "batch add exit" 2 "$rc"
expect_eq "batch add results" "2026-03-06T12:00:00+01:00
2026-03-09T10:00:00+01:00
2026-03-09T09:00:00+01:00
2026-12-09T10:00:00+01:00" "$(cat "$TMP/out")"
expect_eq "batch add errors" "sdesk: sla add: line 2: DURATION 'x': bad duration: expected a number before d, h or m
sdesk: sla add: line 5: expected two fields, got one
sdesk: sla add: line 6: expected two fields, got more" "$(cat "$TMP/err")"
printf '%s\n' "2026-03-02T09:00+01:00 2026-03-02T18:00+01:00" "2026-03-02T09:00+01:00 2026-03-02T09:30+01:00" >"$TMP/btw.txt"
out=$("$S" sla between phone - <"$TMP/btw.txt"); rc=$?
expect_eq "batch between exit" 0 "$rc"
expect_eq "batch between results" "390
0" "$out"
out=$(printf 'nonsense here\r\n2026-03-02T09:00Z 2026-03-02T10:00Z\r\n' | "$S" sla between response - 2>"$TMP/err"); rc=$?
expect_eq "batch between CRLF exit" 2 "$rc"
expect_eq "batch between CRLF result" 60 "$out"
expect_match "batch between error" "^sdesk: sla between: line 1: FROM 'nonsense'" "$(cat "$TMP/err")"
"$S" sla add invitario - 4h </dev/null 2>"$TMP/err"; rc=$?
expect_eq "batch with extra arg exit" 2 "$rc"
out=$("$S" sla add invitario - </dev/null); rc=$?
expect_eq "batch empty input" "0:" "$rc:$out"

finish
