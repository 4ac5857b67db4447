#!/usr/bin/env bash
# schema/current.sql is what a fresh `sdesk db migrate` produces (pg_dump
# --schema-only, normalised by schema/current.sh): fails with the difference
# and the command that regenerates it when a migration or a function file
# changed without it.
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "schema-current.sh: PGHOST is not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
sh "$top_srcdir/schema/current.sh" "$SDESK_BIN" >"$TMP/current.sql" 2>"$TMP/err"; rc=$?
expect_eq "schema/current.sh exit" 0 "$rc"
expect_eq "schema/current.sh stderr" "" "$(cat "$TMP/err")"
expect_match "the dump holds the functions" '^CREATE FUNCTION public\.book_call\(' "$(cat "$TMP/current.sql")"
if diff -u "$top_srcdir/schema/current.sql" "$TMP/current.sql" >"$TMP/diff"; then
	pass
else
	fail "schema/current.sql is stale: a fresh migration gives this difference:"
	cat "$TMP/diff" >&2
	echo "schema-current.sh: regenerate it with: make schema-current (in the build directory), and commit it" >&2
fi
finish
