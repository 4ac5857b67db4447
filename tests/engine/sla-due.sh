#!/usr/bin/env bash
# `sdesk sla due` on the shipped plan file: format, worked examples from the
# seeds (counted by hand, see tests/engine/test_sla.c), exit codes.
set -u
. "$top_srcdir/tests/lib.sh"
TAB=$(printf '\t')

due() { "$SDESK_BIN" sla due "$@" 2>"$TMP/err"; }

# Gold call-back Friday 12:59: by the 13:00 cut-off -> Friday's 15:00 close;
# 13:01 -> 12:00 on the next working day (Monday).
out=$(due invitario-gold light 2026-03-06T12:59:00+01:00 --channel callback); rc=$?
expect_eq "callback 12:59 exit" 0 "$rc"
expect_eq "callback 12:59" "reaction${TAB}2026-03-06T15:00:00+01:00
resolution${TAB}-" "$out"
out=$(due invitario-gold light 2026-03-06T13:01:00+01:00 --channel=callback)
expect_eq "callback 13:01" "reaction${TAB}2026-03-09T12:00:00+01:00
resolution${TAB}-" "$out"

# Bronze ticket 48 h from Friday 10:00: 14 h Fri, 24 h Mon, 10 h Tue.
out=$(due invitario-bronze light 2026-03-06T10:00:00+01:00)
expect_eq "bronze 48h" "reaction${TAB}2026-03-10T10:00:00+01:00" "$(echo "$out" | head -1)"

# Convento critical at 17:30: reaction 08:30 next day; the resolution clock
# starts at the next opening (last-hour rule): 08:00 + 4 h.
out=$(due convento critical 2026-03-03T17:30:00+01:00 --channel chat)
expect_eq "convento critical 17:30" "reaction${TAB}2026-03-04T08:30:00+01:00
resolution${TAB}2026-03-04T12:00:00+01:00" "$out"

# Support level 3 on a Friday afternoon: 2 h Fri, Mon 09:00 + 2 h.
out=$(due support-level-3 bug 2026-03-06T16:00:00+01:00 --channel phone)
expect_eq "level 3" "reaction${TAB}2026-03-09T11:00:00+01:00" "$(echo "$out" | head -1)"
# input given in UTC still prints in the calendar's offset
out=$(due support-level-3 bug 2026-03-06T15:00:00Z --channel phone)
expect_eq "level 3 from UTC" "reaction${TAB}2026-03-09T11:00:00+01:00" "$(echo "$out" | head -1)"

# --explain: the two result lines first, then how they came about.
out=$(due invitario-gold light 2026-05-13T14:00:00+02:00 --channel callback --explain); rc=$?
expect_eq "explain exit" 0 "$rc"
expect_eq "explain keeps the result lines" "reaction${TAB}2026-05-15T12:00:00+02:00" "$(echo "$out" | head -1)"
expect_match "explain names the rule" 'rule: call-back rule: requested after the cut-off' "$out"
out=$(due convento-premium essential 2025-12-15T10:00:00+01:00 --channel phone --explain)
expect_match "explain skips Christmas" 'skipped 2025-12-25 holiday' "$out"
expect_match "explain counts intervals" 'counted 2025-12-15T10:00:00\+01:00 \.\. 2025-12-15T18:00:00\+01:00 480m' "$out"
expect_match "explain working days" 'rule: working days' "$out"

# Errors: exit 2, naming the wrong thing and listing the valid ones.
due no-such-plan critical 2026-03-06T10:00:00+01:00 >/dev/null; rc=$?
expect_eq "unknown plan exit" 2 "$rc"
expect_match "unknown plan lists plans" "unknown plan 'no-such-plan' \(known: .*invitario-gold.*convento" "$(cat "$TMP/err")"
due convento blocker 2026-03-06T10:00:00+01:00 >/dev/null; rc=$?
expect_eq "unknown category exit" 2 "$rc"
expect_match "unknown category lists" "unknown category 'blocker' \(known: critical, essential, minor\)" "$(cat "$TMP/err")"
due convento critical 2026-03-06T10:00:00+01:00 --channel fax >/dev/null; rc=$?
expect_eq "unknown channel exit" 2 "$rc"
expect_match "unknown channel lists" "unknown channel 'fax' \(known: ticket, email, chat, phone" "$(cat "$TMP/err")"
due convento critical 2026-03-06T10:00:00+01:00 --channel phone >/dev/null; rc=$?
expect_eq "channel not in plan exit" 2 "$rc"
expect_match "channel not in plan reason" "plan 'convento' does not include channel 'phone' \(it includes: email, chat\)" "$(cat "$TMP/err")"
due convento critical yesterday >/dev/null; rc=$?
expect_eq "bad instant exit" 2 "$rc"
expect_match "bad instant named" "RECEIVED 'yesterday'" "$(cat "$TMP/err")"
due convento critical >/dev/null; rc=$?
expect_eq "missing argument exit" 2 "$rc"
printf 'plans = ( { name = "x"; } );\n' >"$TMP/bad.cfg"
"$SDESK_BIN" --plans "$TMP/bad.cfg" sla due x a 2026-03-06T10:00:00+01:00 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "bad plan file exit" 2 "$rc"
expect_match "bad plan file names file:line" "bad.cfg:1: " "$(cat "$TMP/err")"
# 003: "1 Stunde Reaktionszeit für Störungsmeldungen der Kategorie 1" inside
# an on-call window ("Erreichbarkeit außerhalb der üblichen Bürozeiten"):
# Saturday 10:00 -> Saturday 11:00, not Monday 10:00.
out=$("$SDESK_BIN" sla due seitenbau-oncall cat1 2026-12-05T10:00:00+01:00 --channel oncall \
	--open 2026-12-05T08:00:00+01:00/2026-12-05T20:00:00+01:00); rc=$?
expect_eq "on-call window exit" 0 "$rc"
expect_eq "on-call window: Saturday 11:00" "reaction${TAB}2026-12-05T11:00:00+01:00
resolution${TAB}-" "$out"
out=$("$SDESK_BIN" sla due seitenbau-oncall cat1 2026-12-05T10:00:00+01:00 --channel oncall)
expect_eq "no window: Monday 10:00" "reaction${TAB}2026-12-07T10:00:00+01:00
resolution${TAB}-" "$out"
out=$("$SDESK_BIN" sla due seitenbau-oncall cat1 2026-12-05T10:00:00+01:00 --open 2026-12-05T08:00:00+01:00 2>&1); rc=$?
expect_eq "--open without TO: exit 2" 2 "$rc"
expect_match "--open without TO: message" "--open '2026-12-05T08:00:00\+01:00': expected FROM/TO" "$out"

out=$("$SDESK_BIN" sla due --help); rc=$?
expect_eq "help exit" 0 "$rc"
expect_match "help" '^Usage: sdesk sla due PLAN CATEGORY RECEIVED' "$out"

finish
