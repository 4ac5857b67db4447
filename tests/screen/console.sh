#!/usr/bin/env bash
# The agent console as a user sees it: the real sdesk in tmux against a real
# database (from tests/with-pg). Order, search, open, help, resize, live
# update by NOTIFY, quit.
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"

pg_test_db sdesk_screen
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; };
ui = { at_risk_minutes = 60; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"

"$SDESK_BIN" db migrate >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
psql -X -q -v ON_ERROR_STOP=1 -f "$top_srcdir/tests/screen/fixture.sql" >"$TMP/fixture.out" 2>&1 \
	|| { cat "$TMP/fixture.out" >&2; exit 99; }

# ---- 80x24, colour terminal ------------------------------------------------
scr_start 80 24 "$SDESK_BIN"
scr_expect "queue opens" 'SD-10002'
screen=$(scr_screen)
expect_match "header names agent and database" "agent: $PGUSER +db: $PGDATABASE" "$screen"
expect_match "header says live" 'LIVE' "$screen"
expect_match "column titles" 'ID +Customer +Plan +Category' "$screen"
# Queue order: breached, at risk, paused (earlier due), then the rest.
order=$(printf '%s\n' "$screen" | grep -Eo 'SD-1000[0-9]' | tr '\n' ' ')
expect_eq "queue order by reaction due" "SD-10002 SD-10003 SD-10004 SD-10001 " "$order"
expect_match "breached marker" '^!! SD-10002' "$screen"
expect_match "at-risk marker" '^!  SD-10003' "$screen"
expect_match "paused marker" '^\|\| SD-10004' "$screen"
# UTF-8 names are cut on a character boundary and the columns stay aligned.
expect_match "umlaut name truncated with ellipsis" 'SD-10002 Müller-Lüden… invitari…' "$screen"
col_a=$(printf '%s\n' "$screen" | grep 'SD-10002' | sed 's/invitari.*//' | wc -m)
col_b=$(printf '%s\n' "$screen" | grep 'SD-10003' | sed 's/convento.*//' | wc -m)
expect_eq "plan column aligned after UTF-8 names" "$col_a" "$col_b"
expect_match "breached time is negative" 'SD-10002 .* -3[01]m *$' "$screen"

# Search: as you type, Enter keeps the filter, Esc clears it.
scr_keys /
scr_type 'lüden'
scr_expect_not "search filters as you type" 'SD-10003'
screen=$(scr_screen)
expect_match "search keeps the match" 'SD-10002' "$screen"
expect_match "search keeps the other Müller ticket" 'SD-10004' "$screen"
scr_keys Enter
scr_expect "search result message" '2 of 4 tickets match'
scr_keys Escape
scr_expect "Esc clears the filter" 'SD-10001'
scr_keys / ; scr_type 'sd-10003'; scr_keys Enter
scr_expect_not "search by ID" 'SD-10002'

# Enter opens the ticket screen; q goes back.
scr_keys Enter
scr_expect "ticket screen opens" 'SD-10003  Versand hängt in der Warteschlange'
screen=$(scr_screen)
expect_match "ticket shows customer" 'Customer: +Bäckerei Schäfer KG \(BSK\)' "$screen"
expect_match "ticket shows contact" 'Contact: +Özlem Çelik, key user' "$screen"
expect_match "ticket shows reaction clock" 'reaction +[0-9-]+ [0-9:]+ +left [0-9]+m' "$screen"
expect_match "ticket shows description" 'Mailing 4711' "$screen"
expect_match "ticket shows history" 'History' "$screen"
scr_keys q
scr_expect "q goes back to the queue" 'ID +Customer'
scr_keys Escape
scr_expect "all tickets again" 'SD-10001'

# Help from the key table.
scr_keys '?'
scr_expect "help screen" 'Keys of the queue screen'
screen=$(scr_screen)
expect_match "help lists search" '^ +/ +search ' "$screen"
expect_match "help lists quit" '^ +q +quit +quit sdesk' "$screen"
expect_match "help lists markers" '!! +breached' "$screen"
scr_keys Escape
scr_expect "Esc leaves help" 'ID +Customer'

# Resize live: wall-sized, too small, back.
scr_resize 200 60
scr_expect "wide terminal shows a subject column" 'Subject'
scr_expect "wide terminal shows the full name" 'Müller-Lüdenscheidt GmbH'
scr_resize 60 20
scr_expect "too small message" 'terminal too small \(need 80x24, have 60x20\)'
scr_resize 80 24
scr_expect "back to normal size" 'ID +Customer'

# Live: a change by someone else appears without a key; the cursor stays on
# the same ticket while the list re-sorts.
scr_keys g Down   # g, not Home: tmux sends Home as \e[1~, which TERM=xterm does not know
sleep 0.2
psql -X -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SELECT create_ticket(gen_random_uuid(), a.id, c.id, k.id, 'ticket', 'critical',
	'Neuer dringender Fall', '', now() - interval '3 hours', now() - interval '2 hours', NULL)
FROM account a JOIN contract c ON c.account_id = a.id JOIN contact k ON k.account_id = a.id
WHERE a.code = 'MLG';
SQL
if scr_wait 'SD-10005' 2; then pass; else fail "NOTIFY reloads the queue within a second or two"; scr_show; fi
order=$(scr_screen | grep -Eo 'SD-1000[0-9]' | tr '\n' ' ')
expect_eq "new breached ticket sorts first" "SD-10005 SD-10002 SD-10003 SD-10004 SD-10001 " "$order"
scr_keys Enter
scr_expect "cursor stayed on SD-10003 across the reload" 'SD-10003  Versand'
scr_keys q
scr_expect "back" 'ID +Customer'

# Quit: the process is gone and exited 0.
pid=$(scr_pid)
scr_keys q
status=$(scr_exited 15) || status=running
expect_eq "q quits with status 0" 0 "$status"
if kill -0 "$pid" 2>/dev/null; then fail "process $pid still running"; else pass; fi
scr_stop

# ---- monochrome: NO_COLOR and TERM=vt100 -------------------------------------
SCR_TERM=vt100 NO_COLOR=1 scr_start 80 24 "$SDESK_BIN"
scr_expect "vt100 queue" 'SD-10005'
screen=$(scr_screen)
expect_match "markers without colour" '^!! SD-10005' "$screen"
expect_match "paused marker without colour" '^\|\| SD-10004' "$screen"
scr_keys q
status=$(scr_exited 15) || status=running
expect_eq "vt100 quits" 0 "$status"
scr_stop

# ---- SIGTERM restores the terminal and exits --------------------------------
scr_start 80 24 sh -c '"$0"; echo "rc=$?"; stty -a | grep -o " -\?icanon"' "$SDESK_BIN"
scr_expect "queue for SIGTERM" 'SD-10005'
pkill_target=$(pgrep -P "$(scr_pid)" || true)
if [ -n "$pkill_target" ]; then kill -TERM "$pkill_target"; fi
scr_expect "SIGTERM: clean exit" 'rc=0'
scr_expect "SIGTERM: terminal back in canonical mode" '^ icanon'
scr_stop

finish
