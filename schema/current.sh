#!/bin/sh
# Prints the schema of a freshly migrated database, normalised so that it is
# the same on every machine: schema/current.sql is this output, committed.
#   schema/current.sh SDESK_BIN > schema/current.sql      (make schema-current)
# Needs a PostgreSQL server (PGHOST, PGPORT, PGUSER: a role that may create a
# database and run migrations, as under tests/with-pg). Creates and drops a
# database of its own. What is normalised: pg_dump's version comments and its
# \restrict lines (a random key per run) go; the role that ran the migrations
# (it owns the tables) is written :"migrator" (a psql variable) and its
# "ALTER ... OWNER TO" lines go, since that role differs between machines.
set -eu
bin=$1
db="sdesk_current_$$"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
createdb "$db"
"$bin" db migrate --db "dbname=$db" >/dev/null
me=$(psql -X -At -d "$db" -c 'SELECT current_user')
echo '-- schema/current.sql: the schema of a freshly migrated database (pg_dump'
echo '-- --schema-only, normalised by schema/current.sh). Generated: do not edit; run'
echo '-- `make schema-current` after changing a migration or a function file.'
echo '-- make check (tests/db/schema-current.sh) fails while this file is stale.'
pg_dump --schema-only --no-tablespaces -d "$db" | awk -v me="$me" '
	/^\\(un)?restrict / { next }
	/^-- Dumped (from|by) / { next }
	$0 ~ ("^ALTER .* OWNER TO \"?" me "\"?;$") { next }
	{
		sub("; Owner: " me "$", "; Owner: -")
		gsub("FOR ROLE \"?" me "\"? ", "FOR ROLE :\"migrator\" ")
		print
	}' | cat -s
