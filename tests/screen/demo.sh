#!/usr/bin/env bash
# `./bootstrap demo` for real, as a user starts it: a private cluster under a
# temporary SDESK_DEMO_DIR, the demo data, the console at 80x24 showing the
# demo tickets in queue order; q ends it and gives the terminal back. A second
# run reuses the cluster and the data (no duplicate tickets). The binary under
# test is passed as SDESK_DEMO_BIN, so bootstrap skips the build.
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/pg_ctl" ] || { echo "no PostgreSQL server (Debian package: postgresql)" >&2; exit 99; }
chmod 755 "$TMP"   # as root the cluster runs as postgres, under $TMP
demo_dir="$TMP/demo"
port=$(( 40000 + RANDOM % 20000 ))
run=()
[ "$(id -u)" = 0 ] && run=(runuser -u postgres --)

demo_cleanup() {
	"${run[@]}" "$bindir/pg_ctl" -D "$demo_dir/data" -m immediate stop >/dev/null 2>&1 || true
	scr_cleanup
}
trap demo_cleanup EXIT

start_demo() { # bootstrap under a shell that prints its exit status on the pane
	scr_start 80 24 env SDESK_DEMO_BIN="$SDESK_BIN" SDESK_DEMO_DIR="$demo_dir" \
		SDESK_DEMO_PORT="$port" sh -c '"$0" demo; echo "exit status $?"' "$top_srcdir/bootstrap"
}
# What a user must see, not the demo's ID order (the SLA engine orders the
# queue; src/cli/demo_data.c): the breached rows (!!) lead, at-risk rows (!)
# follow, all 23 tickets are in the view, and the customers with umlauts
# are found by searching for them (with their full names on the ticket).
check_console() { # RUN
	if ! scr_wait '^!! SD-100' 180; then
		fail "$1: the console does not show the demo tickets"
		scr_show
		return
	fi
	pass
	scr_wait 'view: all +23/23' 10
	local screen markers frag n full
	screen=$(scr_screen)
	expect_match "$1: header names the demo database" 'db: sdesk' "$screen"
	expect_match "$1: all 23 demo tickets in the view" 'view: all +23/23' "$screen"
	# The marker column of the queue rows, top to bottom, with runs collapsed:
	# "!! ! rest" (B = breached, R = at risk, o = anything else).
	markers=$(printf '%s\n' "$screen" | grep -E '^.. SD-100[0-9]{2} ' |
		sed -E 's/^!! .*/B/; s/^!  .*/R/; s/^[^BR].*/o/' | uniq | tr -d '\n')
	expect_match "$1: breached rows first, then at risk, then the rest" '^BR?o$' "$markers"
	for want in 'SD-10001' 'SD-10002' 'SD-10003'; do   # created with their due in the past
		expect_match "$1: $want is breached" "^!! $want " "$screen"
	done
	# name fragment to type | tickets of that customer | full name on the ticket
	while IFS='|' read -r frag n full; do
		scr_keys /
		scr_type "$frag"
		scr_keys Enter
		scr_expect "$1: search $frag finds $n tickets" "$n of 23 tickets match" 10
		scr_keys Enter
		scr_expect "$1: ticket of $full shows the name" "Customer: +$full" 10
		scr_keys q
		scr_expect "$1: back to the queue" 'ID +Customer' 10
		scr_keys Escape
		scr_expect "$1: filter cleared" 'view: all +23/23' 10
	done <<'NAMES'
Größl|2|Bäckerei Größl KG
Alpenglühn|3|Hotel Alpenglühn GmbH
Lüdenscheidt|3|Müller-Lüdenscheidt GmbH
Ökowerk|3|Ökowerk Süd AG
NAMES
	scr_keys q
	scr_expect "$1: q ends the console (and bootstrap) with status 0" \
		'exit status 0|Pane is dead \(status 0' 15
	# Back on the normal screen: bootstrap's own lines are visible again.
	expect_match "$1: terminal restored" 'bootstrap: opening the console as' "$(scr_screen)"
}

start_demo
check_console "first run"
first=$(scr_screen)
expect_match "first run loads the demo data" 'demo data loaded: 12 accounts, 6 agents, 23 tickets' "$first"
cluster_id=$(stat -c %Y "$demo_dir/data/PG_VERSION" 2>&1)
scr_stop

count() { PGHOST="$demo_dir" PGPORT=$port PGDATABASE=sdesk psql -X -At -c "$1" 2>&1; }
# 23 open tickets, and DWR's 2 resolved ones of March 2025 (the statement's
# fixed month, tests/db/demo-statement.sh).
tickets=$(count 'SELECT count(*) FROM ticket')
expect_eq "demo tickets" 25 "$tickets"
expect_eq "open demo tickets" 23 "$(count "SELECT count(*) FROM ticket WHERE status IN ('new', 'open', 'waiting')")"
expect_eq "accounts on every active plan" 0 \
	"$(count 'SELECT count(*) FROM plan p WHERE active AND NOT EXISTS (SELECT 1 FROM contract c WHERE c.plan_code = p.code)')"
expect_eq "agents on all three tiers" "1 2 3" "$(count 'SELECT string_agg(DISTINCT tier::text, $$ $$) FROM agent')"

start_demo
check_console "second run"
second=$(scr_screen)
expect_match "second run reuses the data" 'demo data already loaded \(25 tickets\): reusing it' "$second"
expect_eq "second run reuses the cluster" "$cluster_id" "$(stat -c %Y "$demo_dir/data/PG_VERSION" 2>&1)"
expect_eq "no duplicate tickets" 25 "$(count 'SELECT count(*) FROM ticket')"
scr_stop

"${run[@]}" "$bindir/pg_ctl" -D "$demo_dir/data" -m fast -w stop >/dev/null 2>&1
expect_eq "cluster stopped" 3 "$("${run[@]}" "$bindir/pg_ctl" -D "$demo_dir/data" status >/dev/null 2>&1; echo $?)"
finish
