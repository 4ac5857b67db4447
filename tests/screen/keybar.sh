#!/usr/bin/env bash
# Discoverable (issue 12, items 5 and 7): the key bar on every screen of the
# console and on the board, the fall-through message for a key a screen has
# no use for, a long message shown whole, the messages screen; the board's
# lists scroll, q on its help returns to the board, and below 80x24 it keeps
# a compact layout down to 40x12. Pinned now, zone, locale, sizes.
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"

export TZ=Europe/Berlin LANG=C.UTF-8 LC_ALL=C.UTF-8
export SDESK_NOW=2026-11-30T17:55:00+01:00
pg_test_db sdesk_keybar
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; };
board = { at_risk_minutes = 60; };
ui = { at_risk_minutes = 60; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
"$SDESK_BIN" db migrate >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" plans load >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
export PGOPTIONS="-c sdesk.now=$SDESK_NOW"   # the fixture's "now" is the pinned one
for f in tests/screen/fixture.sql tests/board/fixture.sql; do
	psql -X -q -v ON_ERROR_STOP=1 -f "$top_srcdir/$f" >"$TMP/fixture.out" 2>&1 \
		|| { cat "$TMP/fixture.out" >&2; exit 99; }
done
# 14 more breached tickets (like SD-10002): more than an 80x24 board shows at once.
psql -X -q -v ON_ERROR_STOP=1 >"$TMP/more.out" 2>&1 <<'SQL' || { cat "$TMP/more.out" >&2; exit 99; }
SELECT test_forge_dues(create_ticket(gen_random_uuid(), t.account_id, t.contract_id, t.contact_id, 'ticket',
	'critical', 'Ausfall ' || g, 'Beschreibung', sdesk_now() - interval '5 hours'),
	sdesk_now() - make_interval(mins => 60 + g), sdesk_now() + interval '2 hours')
FROM generate_series(1, 14) g, ticket t WHERE t.id = 10002;
SQL
unset PGOPTIONS
LEAD="kira_$$"
"$SDESK_BIN" admin add-agent "$LEAD" --name "Kira Lead" --role lead --tier 1 --team "Team Nord" >/dev/null || exit 99

last_line() { scr_screen | sed -n '$p'; }
more_session() { scr_tmux set-option -g window-size latest >/dev/null; SCR_TARGET=$1; shift; scr_start "$@"; }

# ---- the console: a key bar on each screen -----------------------------------------
SCR_TARGET=con PGUSER=$LEAD scr_start 80 24 env SDESK_NOW=$SDESK_NOW "$SDESK_BIN" console
SCR_TARGET=con scr_expect "console opens" 'SD-10002' 10
export SCR_TARGET=con
expect_match "queue: key bar" '^\? help  Enter open  / search  \+ new  t take  v view  M msgs  q quit' "$(last_line)"
scr_keys Enter
scr_expect "ticket screen" 'Clocks' 5
scr_wait '^\? help  Esc back' 5
expect_match "ticket: key bar" '^\? help  Esc back  t take  r reply  p call  L time  s resolve  M msgs' "$(last_line)"
scr_keys '?'
scr_expect "help screen" 'Keys of the ticket screen' 5
expect_match "help: key bar" '^Esc back  Down down  PgDn page' "$(last_line)"
scr_keys q
scr_expect_not "q on help goes back" 'Keys of the ticket screen' 5
scr_keys Escape
scr_expect "back on the queue" 'ID +Customer' 5
scr_keys +
scr_expect "a form" 'Customer' 5
scr_wait 'Enter save  Esc cancel' 5
expect_match "form: key bar" '^Enter save  Esc cancel  Tab field  Right choice' "$(last_line)"
scr_keys Escape
scr_wait_gone 'Enter save' 5
# The fall-through: said once for every screen, above the key bar.
scr_keys Z
scr_expect "a key with no use says so" '^key Z does nothing here \(press \? for help\)' 5
expect_match "the key bar stays" '^\? help  Enter open' "$(last_line)"
scr_keys v
scr_expect "a second message" 'view: mine|view mine|mine' 5
# A long message is shown whole: the connection lost (the server's words).
psql -X -q -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$PGDATABASE' AND usename = '$LEAD'" >/dev/null
scr_expect "connection lost" 'connection to the database lost' 10
s=$(scr_screen)
msg=$(printf '%s\n' "$s" | sed -n '/^connection to the database lost/,$p' | sed '$d' | tr '\n' ' ' | sed 's/  */ /g')
expect_match "the long message whole, wrapped over rows" '^connection to the database lost: .{60,}' "$msg"
expect_nomatch "not cut" '…' "$msg"
expect_match "the key bar under it" '^\? help  Enter open' "$(last_line)"
scr_expect "LIVE again" 'LIVE$' 10
# The messages screen: newest first, whole.
scr_keys M
scr_expect "messages screen" 'Messages, newest first' 5
s=$(scr_screen)
expect_match "messages: the newest first" '^ +1 +connection restored' "$s"
expect_match "messages: the long one whole" 'connection to the database lost' "$s"
expect_match "messages: the fall-through" 'key Z does nothing here' "$s"
expect_match "messages: key bar" '^Esc back' "$(last_line)"
scr_keys q
scr_expect "back to the queue" 'ID +Customer' 5

# ---- the board: key bar, scrolling, help q, compact ------------------------------------
more_session brd 80 24 env SDESK_NOW=$SDESK_NOW "$SDESK_BIN" board
export SCR_TARGET=brd
scr_expect "board opens" 'SD-100[0-9]+' 10
s=$(scr_screen)
expect_match "board: key bar" '^\? help  Tab list  Down scroll  C-l reload  q quit +updated [0-9:]{8}$' "$(last_line)"
expect_match "board: more than fits" '\.\.\. [0-9]+ more' "$s"
first=$(printf '%s\n' "$s" | grep -m1 -Eo '^!! SD-[0-9]+')
scr_keys Down
scr_expect "board: Down scrolls the breached list" '▸ BREACHED \(15, 1 above\)' 5
s=$(scr_screen)
expect_nomatch "board: the first ticket scrolled away" "^$first " "$s"
scr_keys G
scr_expect "board: G (end) shows the last" 'BREACHED \(15, [0-9]+ above\)' 5
expect_nomatch "board: no more below at the end" 'BREACHED.*\n.*\.\.\. [0-9]+ more' "$(scr_screen | sed -n '/BREACHED/,/AT RISK/p' | tr '\n' ' ')"
scr_keys g
scr_expect "board: g (home) goes back" '▸ BREACHED \(15\)' 5
scr_keys Tab
scr_expect "board: Tab marks the next list" '▸ AT RISK' 5
scr_keys Z
scr_expect "board: a key with no use says so" 'key Z does nothing here' 5
scr_keys '?'
scr_expect "board: help" 'THE BREACH BOARD' 5
expect_match "board help: from the key table" 'next-list|next ticket list' "$(scr_screen)"
scr_keys q
scr_expect_not "board: q on help returns to the board" 'THE BREACH BOARD' 5
scr_expect "board: the board again, still running" 'BREACHED' 5
# Compact: below 80x24, down to 40x12.
scr_resize 40 12
scr_expect "compact: counters in one line" '^ OPEN 18  RISK 1  BREACHED 15  PAUSED 1' 5
s=$(scr_screen)
expect_nomatch "compact: not 'too small'" 'too small' "$s"
expect_match "compact: breached tickets" '^!! SD-' "$s"
expect_match "compact: key bar" '^\? help  Tab list' "$(last_line)"
expect_eq "compact: 12 rows" 12 "$(printf '%s\n' "$s" | wc -l)"
scr_keys g Down
scr_expect "compact: scrolls too" 'BREACHED \(15, 1 above\)' 5
scr_resize 39 12
scr_expect "below 40x12: too small" 'too small' 5
scr_resize 80 24
scr_expect "80x24 again: the full board" 'SLA COMPLIANCE' 5
scr_keys q
finish
