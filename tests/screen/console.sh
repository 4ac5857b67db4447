#!/usr/bin/env bash
# The agent console as a user sees it: the real sdesk in tmux against a real
# database (from tests/with-pg). Order, search, open, help, resize, live
# update by NOTIFY, the ticket lifecycle through forms, the end-user refusal,
# a second console, the server restarted under a running console, quit.
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"   # it stops and restarts the server
. "$top_srcdir/tests/screen/lib.sh"

pg_test_db sdesk_screen
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; };
ui = { at_risk_minutes = 60; };
reconnect = { min_ms = 200; max_ms = 1000; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
export XDG_STATE_HOME="$TMP/state"   # a journal of this test's own, not the user's

"$SDESK_BIN" db migrate >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" plans load >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
psql -X -q -v ON_ERROR_STOP=1 -f "$top_srcdir/tests/screen/fixture.sql" >"$TMP/fixture.out" 2>&1 \
	|| { cat "$TMP/fixture.out" >&2; exit 99; }
# The people work as their own login roles (doc/security.md): a team lead at
# the console, an agent for the changes made beside it and the second
# console. The superuser ($PGUSER) only sets up.
LEAD="lena_$$"
AGENT="anton_$$"
"$SDESK_BIN" admin add-agent "$LEAD" --name "Lena Lead" --role lead --tier 1 --team "Team Nord" >/dev/null \
	&& "$SDESK_BIN" admin add-agent "$AGENT" --name "Anton Agent" --role agent --tier 1 --team "Team Nord" >/dev/null \
	|| exit 99
as_agent() { psql -X -q -v ON_ERROR_STOP=1 -U "$AGENT" "$@"; }

# sdesk under a shell that prints its exit status on the pane (tmux is slow
# to report a dead pane's status on some systems).
RUN=(sh -c '"$0"; rc=$?; echo "exit status $rc"; exit $rc' "$SDESK_BIN")
QUIT0='exit status 0|Pane is dead \(status 0'  # the shell exits with sdesk's status

# ---- 80x24, colour terminal ------------------------------------------------
PGUSER=$LEAD scr_start 80 24 "${RUN[@]}"
scr_expect "queue opens" 'SD-10002'
screen=$(scr_screen)
expect_match "header names agent and database" "agent: $LEAD +db: $PGDATABASE" "$screen"
expect_match "header says live" 'LIVE' "$screen"
expect_match "column titles" 'ID +Customer +Plan +Class +Chan .* Bdgt +Left' "$screen"
# Queue order (SLA engine): breached, at risk, plenty of time; the paused
# ticket's stopped clock does not run out, so it comes last.
order=$(printf '%s\n' "$screen" | grep -Eo 'SD-1000[0-9]' | tr '\n' ' ')
expect_eq "queue order by reaction due" "SD-10002 SD-10003 SD-10001 SD-10004 " "$order"
expect_match "breached marker" '^!! SD-10002' "$screen"
expect_match "at-risk marker" '^!  SD-10003' "$screen"
expect_match "paused marker" '^\|\| SD-10004' "$screen"
# UTF-8 names are cut on a character boundary and the columns stay aligned.
expect_match "umlaut name truncated with ellipsis" 'SD-10002 Müller-Lüde… invitar…' "$screen"
col_a=$(printf '%s\n' "$screen" | grep 'SD-10002' | sed 's/invitar….*//' | wc -m)
col_b=$(printf '%s\n' "$screen" | grep 'SD-10003' | sed 's/convento.*//' | wc -m)
expect_eq "plan column aligned after UTF-8 names" "$col_a" "$col_b"
# Remaining time is business time: negative when breached, "paused" while waiting.
expect_match "breached time is negative" 'SD-10002 .* -[0-9]+[mhd]( [0-9]+[mh])? *$' "$screen"
expect_match "paused row says paused" 'SD-10004 .* paused *$' "$screen"
expect_match "tier and escalation columns" 'SD-10002 .* critic… tick… 1st -  new' "$screen"

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
expect_match "ticket shows reaction clock in business time" 'reaction +[0-9-]+ [0-9:]+ +left [0-9]+m \(business time\)' "$screen"
expect_match "ticket shows the plan's targets" 'essential: reaction <= 1 h in standby hours' "$screen"
expect_match "ticket shows description" 'Mailing 4711' "$screen"
scr_keys G
scr_expect "ticket scrolls to the history" 'History'
scr_keys g g   # g g: the first line (g alone asks for a ticket number)
scr_keys q
scr_expect "q goes back to the queue" 'ID +Customer'
scr_keys Escape
scr_expect "all tickets again" 'SD-10001'

# Help from the key table.
scr_keys '?'
scr_expect "help screen" 'Keys of the queue screen'
screen=$(scr_screen)
expect_match "help lists search" '^ +/ +search ' "$screen"
expect_match "help lists new ticket" '^ +\+ +new ' "$screen"
expect_match "help lists views" '^ +v +view ' "$screen"
expect_match "help lists quit" '^ +q +quit +quit sdesk' "$screen"
scr_keys G
scr_expect "help lists markers" '!! +breached'
screen=$(scr_screen)
expect_match "help lists the form keys too" 'Enter, F10 +save' "$screen"
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
scr_keys g g Down   # g g, not Home: tmux sends Home as \e[1~, which TERM=xterm does not know
sleep 0.2
as_agent >/dev/null <<'SQL'
SELECT test_forge_dues(create_ticket(gen_random_uuid(), a.id, c.id, k.id, 'ticket', 'critical',
	'Neuer dringender Fall', '', now() - interval '3 hours'), now() - interval '2 hours', NULL::timestamptz)
FROM account a JOIN contract c ON c.account_id = a.id JOIN contact k ON k.account_id = a.id
WHERE a.code = 'MLG' AND k.role = 'key_user';
SQL
if scr_wait 'SD-10005' 2; then pass; else fail "NOTIFY reloads the queue within a second or two"; scr_show; fi
order=$(scr_screen | grep -Eo 'SD-1000[0-9]' | tr '\n' ' ')
expect_eq "new breached ticket sorts first" "SD-10005 SD-10002 SD-10003 SD-10001 SD-10004 " "$order"
scr_keys Enter
scr_expect "cursor stayed on SD-10003 across the reload" 'SD-10003  Versand'
scr_keys q
scr_expect "back" 'ID +Customer'

# Views and filters.
scr_keys v
scr_expect "view mine (nothing assigned yet)" 'view: mine +0/5'
scr_keys x
scr_expect "x shows all again" 'view: all +5/5'
scr_keys c
scr_expect "category filter" 'cat=critical +2/5'
scr_keys x

# ---- a ticket's life: search, open, contact, extend, pause, resume, 3rd level, resolve
scr_keys / ; scr_type 'Versand'; scr_keys Enter
scr_expect "search finds SD-10003" '1 of 5 tickets match'
scr_keys Enter
scr_expect "opened" 'SD-10003  Versand'
scr_keys t
scr_expect "take" 'SD-10003: taken'
scr_expect "assignee shown" "Assignee: $LEAD"
scr_keys f
scr_expect "first contact form" 'SD-10003: first qualified contact'
scr_keys Tab; scr_type '2d'; scr_keys Enter
scr_expect "first contact saved" 'SD-10003: first qualified contact, estimate [0-9-]+ [0-9:]+'
scr_expect "reaction clock stopped" 'reaction +[0-9-]+ [0-9:]+ +\(stopped: met\)'
scr_expect "estimate clock" 'estimate +[0-9-]+ [0-9:]+ +left '
scr_keys e
scr_expect "extend form says escalation 1" 'escalation goes to level 1'
scr_type '3d'; scr_keys Enter
scr_expect "extend refuses without a reason, keeps the text" 'a reason is required'
scr_expect "the typed estimate is kept" 'New estimate: +3d'
# The cursor went to the field that needs a value.
scr_type 'Fix braucht länger'; scr_keys Enter
scr_expect "estimate extended" 'SD-10003: estimate extended to'
scr_expect "escalation level 1" 'Escalation: 1'
scr_keys w; scr_type 'Logdatei fehlt'; scr_keys Enter
scr_expect "paused" 'Status: +waiting \(waiting for the customer\)'
scr_expect "resolution clock paused (convento stops resolution)" 'PAUSED with .* left'
scr_keys w
scr_expect "resumed" 'SD-10003: resumed, clocks running again'
scr_expect "open again" 'Status: +open'
scr_keys l Right Tab; scr_type 'Fehler im Versandmodul'; scr_keys Enter
scr_expect "handed to 3rd level" 'Level: +3rd level'
scr_keys E
scr_expect "escalation form (lead)" 'escalation \(team leads\)'
scr_keys Escape
scr_expect_not "Esc cancels the form" 'escalation \(team leads\)'
scr_keys s; scr_type 'Patch eingespielt'; scr_keys Enter
scr_expect "resolved" 'Status: +resolved'
scr_keys G
scr_expect "history: who did what, in words" "Lena Lead resolved the ticket"
screen=$(scr_screen)
expect_match "history has the tier change" "Lena Lead handed the ticket to the 3rd level" "$screen"
# The lead's other actions: reopen, escalation 3 and extended, managed
# service, incident and development links, assign to the agent, resolve.
scr_keys o; scr_type 'Kunde meldet Rückfall'; scr_keys Enter
scr_expect "reopened" 'SD-10003: reopened'
scr_keys E Right Right Tab Right Tab; scr_type 'Kunde droht mit Kündigung'; scr_keys Enter
scr_expect "escalation 3, extended (a lead's)" 'SD-10003: escalation 3, extended'
scr_keys m Enter
scr_expect "managed service" 'SD-10003: marked as managed service'
scr_keys i Enter
scr_expect "incident linked" 'SD-10003: linked to the incident'
scr_keys d; scr_type 'jira'; scr_keys Tab; scr_type 'DEV-4711'; scr_keys Enter
scr_expect "development link" 'SD-10003: linked to the development tracker'
scr_keys a; scr_type "$AGENT"; scr_keys Enter
scr_expect "assigned to the agent" "SD-10003: assigned to $AGENT"
scr_keys s Enter
scr_expect "resolved again" 'SD-10003: resolved'
expect_eq "every change after the creation recorded as the lead's login" "$LEAD" \
	"$(psql -X -At -c "SELECT string_agg(DISTINCT who, ',') FROM history WHERE ticket_id = 10003 AND action <> 'create'")"
expect_eq "the lead's actions in the history" \
	"assign,link_dev_ticket,link_incident,mark_managed_service,reopen,set_escalation" \
	"$(psql -X -At -c "SELECT string_agg(DISTINCT action, ',' ORDER BY action) FROM history WHERE ticket_id = 10003
	    AND action IN ('assign', 'link_dev_ticket', 'link_incident', 'mark_managed_service', 'reopen', 'set_escalation')")"
scr_keys q x
scr_expect_not "resolved ticket left the queue" 'SD-10003'

# ---- new ticket: an end user is refused, the key users are offered
scr_keys +
scr_expect "new ticket form" 'New ticket'
scr_type 'MLG'
scr_expect "customer found by typing" 'Customer: +< Müller-Lüdenscheidt GmbH \(MLG\) >'
scr_keys Tab Right Tab Tab Tab; scr_type 'Drucker'; scr_keys Enter
scr_expect "end user refused with the key users" 'Egon Endnutzer is an end user'
scr_expect "key users offered" 'Key users: Jürgen Weiß'
# A channel the plan does not include: refused with the reason.
scr_keys Up Up Up Left
scr_expect "contact back to the key user" 'Contact: +< Jürgen Weiß \(key user\) >'
scr_keys Tab Right Right Right Enter
scr_expect "channel not in the plan refused" 'plan invitario-gold does not include phone support'
scr_expect "the typed subject is kept" 'Subject: +Drucker'
scr_keys Escape
# A customer without a running contract.
scr_keys +; scr_type 'ALT'; scr_keys Tab Tab Tab Tab; scr_type 'Frage'; scr_keys Enter
scr_expect "no running contract refused" 'Altkunde AG has no running contract'
scr_keys Escape
# And a good one.
scr_keys +; scr_type 'MLG'; scr_keys Tab Tab Tab Tab; scr_type 'Drucker druckt nicht'; scr_keys Enter
scr_expect "ticket created" 'SD-10006: created'
scr_expect "new ticket in the queue" 'SD-10006'

# ---- a second console sees the first one's change within a second
# (its own tmux server, so the two panes are independent)
sec() { SCR_SOCK="$TMP/tmux2.sock" SCR_TARGET=second "$@"; }
trap 'sec scr_stop; scr_cleanup' EXIT
PGUSER=$AGENT sec scr_start 80 24 "${RUN[@]}"
sec scr_expect "second console opens" 'SD-10006'
scr_keys / ; scr_type 'SD-10001'; scr_keys Enter Enter
scr_expect "first console on SD-10001" 'SD-10001  Newsletter'
scr_keys t
t0=$(date +%s%N)
if sec scr_wait "SD-10001 .* lena_" 3; then   # (the queue's column cuts long logins)
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	echo "second console saw the change after $ms ms"
	if [ "$ms" -le 1000 ]; then pass; else fail "second console took ${ms} ms (more than a second)"; fi
else
	fail "second console never showed the assignment"; sec scr_show
fi
# The agent at the second console: the lead's ticket and the escalation form
# are refused by the database, with the reason on the screen.
sec scr_keys / ; sec scr_type 'SD-10001'; sec scr_keys Enter Enter
sec scr_expect "agent opens SD-10001" 'SD-10001  Newsletter'
sec scr_keys t
sec scr_expect "agent cannot take the lead's ticket" 'not saved: .*assigned to lena_'
sec scr_keys E Tab Tab; sec scr_type 'bitte'; sec scr_keys Enter
sec scr_expect "agent's escalation refused" 'not saved: permission denied: only team leads'

sec scr_keys Escape q
sec scr_expect "agent back at the queue" 'ID +Customer'
sec scr_keys q
sec scr_expect "second console quits with status 0" "$QUIT0" 15
sec scr_stop
scr_keys q x

# ---- the server restarted under a running console
if [ -n "${SDESK_PGCTL:-}" ]; then
	"$SDESK_PGCTL" stop >/dev/null
	scr_expect "offline banner" 'OFFLINE - connection lost' 5
	"$SDESK_PGCTL" start >/dev/null
	scr_expect "live again by itself" 'LIVE' 10
	"$SDESK_PGCTL" restart >/dev/null
	scr_expect "live after a restart" 'LIVE' 10
	as_agent -c "SELECT take_ticket(gen_random_uuid(), 10002)" >/dev/null
	scr_expect "changes arrive again after the restart (LISTEN renewed)" "SD-10002 .* anton…" 5
else
	fail "SDESK_PGCTL is not set: run under tests/with-pg"
fi

# Quit: the process is gone and exited 0.
pid=$(pgrep -P "$(scr_pid)" || true)
scr_keys q
scr_expect "q quits with status 0" "$QUIT0" 15
if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then fail "process $pid still running"; else pass; fi
scr_stop

# ---- monochrome: NO_COLOR and TERM=vt100 -------------------------------------
PGUSER=$AGENT SCR_TERM=vt100 NO_COLOR=1 scr_start 80 24 "${RUN[@]}"
scr_expect "vt100 queue" 'SD-10005'
screen=$(scr_screen)
expect_match "markers without colour" '^!! SD-10005' "$screen"
expect_match "paused marker without colour" '^\|\| SD-10004' "$screen"
scr_keys q
scr_expect "vt100 quits with status 0" "$QUIT0" 15
scr_stop

# ---- SIGTERM restores the terminal and exits --------------------------------
PGUSER=$AGENT scr_start 80 24 sh -c '"$0"; echo "rc=$?"; stty -a | grep -o " -\?icanon"' "$SDESK_BIN"
scr_expect "queue for SIGTERM" 'SD-10005'
pkill_target=$(pgrep -P "$(scr_pid)" || true)
if [ -n "$pkill_target" ]; then kill -TERM "$pkill_target"; fi
scr_expect "SIGTERM: clean exit" 'rc=0'
scr_expect "SIGTERM: terminal back in canonical mode" '^ icanon'
scr_stop

finish
