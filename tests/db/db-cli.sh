#!/usr/bin/env bash
# `sdesk db migrate` and `sdesk db status` against a real PostgreSQL: apply,
# re-apply, refuse a newer database, report a changed migration, concurrent
# migrations, connection failure and usage errors (SPEC §3 exit codes).
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "db-cli.sh: PGHOST is not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
name="sdesk_cli_$$_$(date +%s)"
createdb "$name" || { echo "db-cli.sh: createdb failed" >&2; exit 99; }
conc="${name}_c"
trap 'dropdb --if-exists --force "$name"; dropdb --if-exists --force "$conc"; rm -rf "$TMP"' EXIT
: >"$TMP/sdesk.cfg" # built-in settings; --db names the database
sdesk() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
# The schema version is the highest migration number (numbers may leave gaps).
nmig=$(ls "$top_srcdir"/schema/[0-9][0-9][0-9][0-9]_*.sql | wc -l)
versions=$(ls "$top_srcdir"/schema/[0-9][0-9][0-9][0-9]_*.sql | sed 's|.*/||; s|_.*||; s|^0*||' | sort -n | tail -n 1)
nfun=$(ls "$top_srcdir"/schema/functions/*.sql | wc -l)

out=$(sdesk db migrate --db "dbname=$name" 2>"$TMP/err"); rc=$?
expect_eq "first migrate exit" 0 "$rc"
expect_match "first migrate applies 0001" '^applied 0001_core$' "$out"
expect_match "first migrate reports version" "^schema at version $versions\$" "$out"
expect_eq "first migrate stderr" "" "$(cat "$TMP/err")"
expect_eq "version rows" "$nmig" "$(q "$name" 'SELECT count(*) FROM schema_version')"
expect_eq "every function applied" "$nfun" "$(grep -c '^applied function ' <<<"$out")"
expect_eq "function rows" "$nfun" "$(q "$name" 'SELECT count(*) FROM schema_function')"

out=$(sdesk db migrate --db "dbname=$name"); rc=$?
expect_eq "second migrate exit" 0 "$rc"
expect_eq "second migrate text" "up to date (schema version $versions)" "$out"
expect_eq "version rows unchanged" "$nmig" "$(q "$name" 'SELECT count(*) FROM schema_version')"

out=$(sdesk db status --db "dbname=$name"); rc=$?
expect_eq "status exit" 0 "$rc"
expect_match "status lists 0002" '^ +2  0002_functions +applied ' "$out"
expect_match "status summary" "^database at version $versions, this sdesk at version $versions\$" "$out"
expect_match "status lists a function" '^  fn  book_call +applied ' "$out"
expect_match "status function summary" "^functions: $nfun current, 0 pending\$" "$out"

# A function changed since it was applied (a newer file, or changed by hand):
# migrate runs its file again, alone, and records the new checksum.
q "$name" "UPDATE schema_function SET checksum = 'x' WHERE name = 'take_ticket'"
q "$name" "CREATE OR REPLACE FUNCTION take_ticket(p_key uuid, p_ticket bigint) RETURNS bigint LANGUAGE sql AS 'SELECT 0::bigint'"
out=$(sdesk db status --db "dbname=$name"); rc=$?
expect_eq "status with a changed function exit" 0 "$rc"
expect_match "status names the changed function" '^  fn  take_ticket +pending \(changed since ' "$out"
expect_match "status counts it" "^functions: $((nfun - 1)) current, 1 pending\$" "$out"
out=$(sdesk db migrate --db "dbname=$name" 2>"$TMP/err"); rc=$?
expect_eq "migrate of a changed function exit" 0 "$rc"
expect_eq "migrate re-applies just that function" "applied function take_ticket
schema at version $versions" "$out"
expect_match "the function is the file's again" 'ticket_lock' \
	"$(q "$name" "SELECT prosrc FROM pg_proc WHERE proname = 'take_ticket'")"
expect_eq "and owned by sdesk_owner" "sdesk_owner" \
	"$(q "$name" "SELECT proowner::regrole FROM pg_proc WHERE proname = 'take_ticket'")"
expect_eq "checksum recorded" "t" \
	"$(q "$name" "SELECT checksum <> 'x' FROM schema_function WHERE name = 'take_ticket'")"
out=$(sdesk db migrate --db "dbname=$name"); rc=$?
expect_eq "then up to date" "up to date (schema version $versions)" "$out"

# A function file that fails rolls back every function of that migrate.
q "$name" "UPDATE schema_function SET checksum = 'x' WHERE name IN ('take_ticket', 'request_finish')"
# request_finish is in SQL: its body is checked against the tables.
q "$name" "ALTER TABLE request RENAME TO request_gone"
sdesk db migrate --db "dbname=$name" >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "failing function file exit" 1 "$rc"
expect_match "failing function file names the file" '^sdesk: db: function file schema/functions/[a-z_]+\.sql failed: .*request' "$(cat "$TMP/err")"
expect_eq "nothing recorded" 2 "$(q "$name" "SELECT count(*) FROM schema_function WHERE checksum = 'x'")"
q "$name" "ALTER TABLE request_gone RENAME TO request"
out=$(sdesk db migrate --db "dbname=$name" 2>&1); rc=$?
expect_eq "after the fix both are applied" "0 applied function request_finish
applied function take_ticket
schema at version $versions" "$rc $out"

# A database migrated by a newer sdesk.
q "$name" "INSERT INTO schema_version (version, name, checksum) VALUES (9999, '9999_future', 'x')"
out=$(sdesk db migrate --db "dbname=$name" 2>"$TMP/err"); rc=$?
expect_eq "newer database exit" 1 "$rc"
expect_match "newer database message" \
	"the database schema is at version 9999, newer than this sdesk knows \\(version $versions\\): use a newer sdesk" \
	"$(cat "$TMP/err")"
sdesk db status --db "dbname=$name" >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "status of a newer database exit" 1 "$rc"
expect_match "status names the unknown version" '9999_future .*unknown to this sdesk' "$(cat "$TMP/out")"
q "$name" "DELETE FROM schema_version WHERE version = 9999"

# An applied migration whose text changed since.
q "$name" "UPDATE schema_version SET checksum = 'deadbeef' WHERE version = 1"
sdesk db migrate --db "dbname=$name" >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "changed migration exit" 1 "$rc"
expect_match "changed migration message" 'migration 0001_core was changed after it was applied' "$(cat "$TMP/err")"

# Four clients migrating one fresh database at once take turns.
createdb "$conc"
for i in 1 2 3 4; do
	sdesk db migrate --db "dbname=$conc" >"$TMP/c$i.out" 2>"$TMP/c$i.err" &
	pids[$i]=$!
done
ok=0
for i in 1 2 3 4; do wait "${pids[$i]}" && ok=$((ok + 1)); done
expect_eq "concurrent migrations all succeed" 4 "$ok"
expect_eq "concurrent migrations applied once" "$nmig" "$(q "$conc" 'SELECT count(*) FROM schema_version')"
expect_eq "exactly one client applied" 1 "$(cat "$TMP"/c*.out | grep -c '^applied 0001_core$')"

# No server there.
sdesk db migrate --db "host=/nonexistent-sdesk port=1 dbname=x" >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "no server exit" 1 "$rc"
expect_match "no server message" '^sdesk: db: cannot connect to the database: .*/nonexistent-sdesk' "$(cat "$TMP/err")"

# Usage errors.
sdesk db 2>/dev/null; expect_eq "no subcommand exit" 2 "$?"
sdesk db frobnicate 2>"$TMP/err"; rc=$?
expect_eq "unknown subcommand exit" 2 "$rc"
expect_match "unknown subcommand message" "unknown subcommand 'frobnicate'" "$(cat "$TMP/err")"
sdesk db migrate --db 2>/dev/null; expect_eq "--db without value exit" 2 "$?"
out=$(sdesk db --help); rc=$?
expect_eq "help exit" 0 "$rc"
expect_match "help text" '^Usage: sdesk db migrate' "$out"

finish
