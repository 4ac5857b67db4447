#!/usr/bin/env bash
# The demo's fixed past month: `sdesk demo setup` on a database of its own,
# then `sdesk statement DWR 2025-03` (text and --csv) must equal the files
# computed by hand in tests/db/demo-statement-2025-03.md, whatever day the
# demo is set up. A second setup reuses the data and changes nothing.
# The demo creates cluster-wide login roles: a private cluster.
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"

name="sdesk_demo_stmt_$$_$(date +%s)"
me="ds_lead_$$"
trap 'dropdb --if-exists --force "$name"; rm -rf "$TMP"' EXIT
: >"$TMP/sdesk.cfg"
export SDESK_CONFIG="$TMP/sdesk.cfg"
sdesk() { "$SDESK_BIN" "$@"; }
exp="$top_srcdir/tests/db/demo-statement-2025-03"

check_statement() { # RUN
	sdesk statement DWR 2025-03 --db "dbname=$name" >"$TMP/out.txt" 2>"$TMP/err"; rc=$?
	expect_eq "$1: text exit" 0 "$rc"
	if diff -u "$exp.txt" "$TMP/out.txt" >"$TMP/diff"; then pass; else
		fail "$1: text statement differs from the hand-computed file:"; cat "$TMP/diff" "$TMP/err" >&2; fi
	sdesk statement DWR 2025-03 --csv --db "dbname=$name" >"$TMP/out.csv" 2>"$TMP/err"; rc=$?
	expect_eq "$1: csv exit" 0 "$rc"
	if diff -u "$exp.csv" "$TMP/out.csv" >"$TMP/diff"; then pass; else
		fail "$1: CSV statement differs from the hand-computed file:"; cat "$TMP/diff" "$TMP/err" >&2; fi
}

sdesk demo setup --database "$name" --agent "$me" >"$TMP/setup1" 2>&1; rc=$?
expect_eq "first setup exit" 0 "$rc"
[ "$rc" = 0 ] || cat "$TMP/setup1" >&2
check_statement "first setup"

sdesk demo setup --database "$name" --agent "$me" >"$TMP/setup2" 2>&1; rc=$?
expect_eq "second setup exit" 0 "$rc"
expect_match "second setup reuses the data" 'already loaded' "$(cat "$TMP/setup2")"
check_statement "second setup"

# The fixed month's tickets are resolved: the console's queue keeps its 23.
open=$(psql -X -q -At -d "$name" -c "SELECT count(*) FROM ticket WHERE status IN ('new', 'open', 'waiting')")
expect_eq "open demo tickets" 23 "$open"

# The demo runs its migrations as the superuser, yet its functions belong to
# the NOLOGIN role sdesk_owner (schema 0014), not to the superuser.
expect_eq "the demo's functions are owned by sdesk_owner" "sdesk_owner" \
	"$(psql -X -q -At -d "$name" -c "SELECT string_agg(DISTINCT proowner::regrole::text, ',') FROM pg_proc
	      WHERE pronamespace = 'public'::regnamespace")"
expect_eq "the demo's superuser owns the tables, not sdesk_owner" "0" \
	"$(psql -X -q -At -d "$name" -c "SELECT count(*) FROM pg_class WHERE relowner = 'sdesk_owner'::regrole")"

finish
