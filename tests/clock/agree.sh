#!/usr/bin/env bash
# Issue 11, acceptance: one state, one "left", everywhere. Over the demo data
# (`sdesk demo setup` at a pinned Monday 11:00) and a generated set of 10,000
# open tickets (tests/clock/agree-data.sql: every kind of clock, four team
# calendars, unassigned tickets), at each pinned instant (Monday 08:00,
# Monday 17:55, Friday 15:30, Saturday 10:00, a holiday, both DST nights), for
# every ticket:
#   - the console's queue (`sdesk console --dump`) and the database's view
#     ticket_clock give the same state and working minutes left;
#   - every ticket the board holds (`sdesk board --list`) has the view's state,
#     left and overdue seconds, and every breached and at-risk ticket is on it;
#   - `sdesk check` counts what the view counts;
#   - the text board (`board --once`) shows, on the line of each breached and
#     at-risk ticket, the time the board's list gives (demo data);
#   - the queue's order is the order of its "left" (breached most overdue
#     first, then least left, paused last).
# The demo creates cluster-wide login roles: a private cluster.
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"

N=${AGREE_TICKETS:-10000}
DEMO="sdesk_agree_demo_$$"
GEN="sdesk_agree_gen_$$"
trap 'dropdb --if-exists --force "$DEMO"; dropdb --if-exists --force "$GEN"; rm -rf "$TMP"' EXIT
sdesk() { "$SDESK_BIN" "$@"; }
for db in "$DEMO" "$GEN"; do
	printf 'database = { conninfo = "dbname=%s"; connect_timeout = 5; };\n' "$db" >"$TMP/$db.cfg"
done
start=$SECONDS

# The demo, set up as at Monday 30 Nov 2026 11:00.
SDESK_NOW=2026-11-30T11:00:00+01:00 SDESK_CONFIG="$TMP/$DEMO.cfg" \
	sdesk demo setup --database "$DEMO" --agent "agree_lead_$$" >"$TMP/demo.out" 2>&1 ||
	{ cat "$TMP/demo.out" >&2; exit 99; }
# The generated set, on the screen fixture made at the same instant.
createdb "$GEN" || exit 99
(export SDESK_CONFIG="$TMP/$GEN.cfg" PGDATABASE="$GEN"
 sdesk db migrate && sdesk plans load &&
 PGOPTIONS="-c sdesk.now=2026-11-30T11:00:00+01:00" psql -X -q -v ON_ERROR_STOP=1 \
	-f "$top_srcdir/tests/screen/fixture.sql" &&
 psql -X -q -v ON_ERROR_STOP=1 -v n="$N" -f "$top_srcdir/tests/clock/agree-data.sql") >"$TMP/gen.out" 2>&1 ||
	{ cat "$TMP/gen.out" >&2; exit 99; }
echo "agree.sh: data sets ready in $((SECONDS - start)) s"

# differ NAME FILE_A FILE_B: pass when equal, else fail with the first lines of the diff
differ() {
	if diff "$2" "$3" >"$TMP/diff"; then pass; else
		fail "$1 ($(grep -c '^[<>]' "$TMP/diff") lines differ):"
		head -n 12 "$TMP/diff" >&2
	fi
}

for at in 2026-11-30T08:00:00+01:00 2026-11-30T17:55:00+01:00 2026-12-04T15:30:00+01:00 \
	2026-12-05T10:00:00+01:00 2026-12-25T10:00:00+01:00 2027-03-28T02:30:00+01:00 \
	2027-10-31T02:30:00+01:00; do
	export SDESK_NOW=$at PGOPTIONS="-c sdesk.now=$at"
	for db in "$DEMO" "$GEN"; do
		export SDESK_CONFIG="$TMP/$db.cfg" PGDATABASE="$db"
		set=${db%_$$}; set=${set#sdesk_agree_}; w="$set $at"
		psql -X -q -At -F $'\t' -c "SELECT ref, state, left_minutes, overdue_seconds FROM ticket_clock" |
			sort >"$TMP/view"
		[ -s "$TMP/view" ] && pass || fail "$w: ticket_clock is empty"
		sdesk console --dump >"$TMP/dump" 2>"$TMP/err" && pass || { fail "$w: console --dump"; cat "$TMP/err" >&2; }
		sdesk board --list >"$TMP/list" 2>"$TMP/err" && pass || { fail "$w: board --list"; cat "$TMP/err" >&2; }

		# The console's queue and the view: every ticket, same state and left.
		cut -f1-3 "$TMP/view" >"$TMP/v3"
		cut -f1-3 "$TMP/dump" | sort >"$TMP/d3"
		differ "$w: console --dump (>) against ticket_clock (<): state and left" "$TMP/v3" "$TMP/d3"

		# The board: each ticket it holds as the view judges it, and every
		# breached and at-risk ticket held.
		cut -f1-4 "$TMP/list" | sort >"$TMP/l4"
		join -t $'\t' -o 1.1,1.2,1.3,1.4 "$TMP/view" "$TMP/l4" >"$TMP/vl4"
		differ "$w: board --list (>) against ticket_clock (<): state, left, overdue" "$TMP/vl4" "$TMP/l4"
		awk -F'\t' '$2 == "breached" || $2 == "at_risk" { print $1 }' "$TMP/view" >"$TMP/vbr"
		cut -f1 "$TMP/l4" | join -v1 "$TMP/vbr" - >"$TMP/missing"
		if [ -s "$TMP/missing" ]; then
			fail "$w: $(wc -l <"$TMP/missing") breached or at-risk tickets are not on the board, e.g. $(head -n 3 "$TMP/missing" | tr '\n' ' ')"
			grep -F -w -f <(head -n 3 "$TMP/missing") "$TMP/view" >&2
		else pass; fi

		# sdesk check counts as the view does.
		check=$(sdesk check | sed -n 's/.*| \(open=.*\)$/\1/p')
		view=$(awk -F'\t' '{ n++ } $2 == "at_risk" { r++ } $2 == "breached" { b++ }
			END { printf "open=%d at_risk=%d breached=%d", n, r, b }' "$TMP/view")
		expect_match "$w: sdesk check counts as ticket_clock" "^$view paused=[0-9]+ reports_overdue=[0-9]+$" "$check"

		# The queue's order is the order of its left: by class (breached,
		# running or at risk, no clock, paused), then left ascending.
		bad=$(awk -F'\t' '{ c = $2 == "breached" ? 0 : $2 == "no_target" ? 2 : $2 == "paused" ? 3 : 1
			if (NR > 1 && (c < pc || (c == pc && $3 + 0 < pl + 0))) { print NR ": " prev " / " $0; exit }
			pc = c; pl = $3; prev = $0 }' "$TMP/dump")
		expect_eq "$w: queue order follows left" "" "$bad"

		# What the text board shows for each breached and at-risk ticket is
		# the list's time (demo data: the snapshot fits on the page).
		if [ "$db" = "$DEMO" ]; then
			sdesk board --once --width 132 >"$TMP/once" 2>&1
			awk -F'\t' '$2 == "breached" || $2 == "at_risk" { print $1 "\t" $5 }' "$TMP/list" |
			while IFS=$'\t' read -r ref shown; do
				line=$(grep -E "(^| )$ref " "$TMP/once" | head -n 1)
				case $line in
				*" $shown"*) echo pass ;;
				*) echo "fail $ref shows [$line], the list says [$shown]" ;;
				esac
			done >"$TMP/shown"
			while read -r r rest; do
				if [ "$r" = pass ]; then pass; else fail "$w: board --once: $rest"; fi
			done <"$TMP/shown"
		fi
	done
done
echo "agree.sh: $((SECONDS - start)) s"
finish
