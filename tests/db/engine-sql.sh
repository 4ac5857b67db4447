#!/usr/bin/env bash
# The engine inside PostgreSQL (extension sdesk, doc/admin.md): the build in
# the database is this build; sdesk.business_add / business_between /
# holidays agree with `sdesk sla add|between` and `sdesk calendar holidays`
# on 10,000 random cases per shipped calendar (fixed seed, so a failure can
# be replayed); errors are clear; a new catalogue is noticed at once.
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "engine-sql.sh: PGHOST is not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
name="sdesk_eng_$$_$(date +%s)"
createdb "$name" || { echo "engine-sql.sh: createdb failed" >&2; exit 99; }
trap 'dropdb --if-exists --force "$name"; rm -rf "$TMP"' EXIT
: >"$TMP/sdesk.cfg"
sdesk() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }
CASES=${ENGINE_DIFF_CASES:-10000}

sdesk db migrate --db "dbname=$name" >/dev/null || { echo "migrate failed" >&2; exit 1; }

# Before a catalogue is loaded: a clear error, not a crash.
err=$(q "SELECT sdesk.business_add('de', now(), '1 hour')" 2>&1 >/dev/null)
expect_match "no catalogue: clear error" 'no plan catalogue is loaded' "$err"

sdesk plans load --db "dbname=$name" >/dev/null || { echo "plans load failed" >&2; exit 1; }

status=$(sdesk db status --db "dbname=$name")
expect_match "the database runs this build's engine" \
	"^engine in the database ([^ ]+), in this sdesk \\1\$" "$status"

# Clear errors for wrong input.
err=$(q "SELECT sdesk.business_add('nosuch', now(), '1 hour')" 2>&1 >/dev/null)
expect_match "unknown calendar" 'unknown calendar "nosuch"' "$err"
err=$(q "SELECT sdesk.business_add('convento', now(), '1 month')" 2>&1 >/dev/null)
expect_match "months refused" 'no months' "$err"
err=$(q "SELECT sdesk.business_add('convento', now(), '-1 hour')" 2>&1 >/dev/null)
expect_match "negative refused" 'cannot be negative' "$err"
err=$(q "SELECT sdesk.business_add('convento', now(), '90 seconds')" 2>&1 >/dev/null)
expect_match "seconds refused" 'whole minutes' "$err"
err=$(q "SELECT sdesk.business_add('convento', '2300-01-01', '1 hour')" 2>&1 >/dev/null)
expect_match "out of range" 'outside the years' "$err"

# Holidays: every calendar and holiday set, 2026, as the command prints them
# in German (SQL gives the catalogue's legal German names; doc/i18n.md).
for cal in $(q "SELECT calendar FROM sdesk.calendars() ORDER BY 1") de de-nw de-bw de-by at; do
	want=$(LANGUAGE=de sdesk calendar holidays "$cal" 2026)
	got=$(q "SELECT to_char(day, 'YYYY-MM-DD') || E'\\t' || name FROM sdesk.holidays('$cal', 2026)")
	expect_eq "holidays $cal 2026" "$want" "$got"
done

# The differential test: random starts 1995..2100 (UTC, whole seconds),
# random durations of working days, hours and minutes; random pairs for
# between. The command gets the same lines in batch mode.
ncal=0
for cal in $(q "SELECT calendar FROM sdesk.calendars() ORDER BY 1"); do
	ncal=$((ncal + 1))
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" >"$TMP/cases" <<SQL
\o /dev/null
SELECT setseed(0.$ncal);
\o
CREATE TEMP TABLE c AS
SELECT i, to_timestamp(floor(788918400 + random() * (4133980800 - 788918400))) AS a,
	to_timestamp(floor(788918400 + random() * (4133980800 - 788918400))) AS b,
	(random() * 4)::int AS d, (random() * 30)::int AS h, (random() * 59)::int AS m
FROM generate_series(1, $CASES) i;
SELECT to_char(a AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"') || ' ' ||
	CASE WHEN d > 0 THEN d || 'd' ELSE '' END || CASE WHEN h > 0 THEN h || 'h' ELSE '' END || m || 'm'
	|| ' ' || extract(epoch FROM sdesk.business_add('$cal', a, make_interval(days => d, hours => h, mins => m)))::bigint
	|| ' ' || to_char(b AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')
	|| ' ' || sdesk.business_between('$cal', a, b)
FROM c ORDER BY i;
SQL
	cut -d' ' -f1,2 "$TMP/cases" | sdesk sla add "$cal" - >"$TMP/add" 2>"$TMP/err" \
		|| { fail "sla add $cal batch: $(head -c 300 "$TMP/err")"; continue; }
	cut -d' ' -f1,4 "$TMP/cases" | sdesk sla between "$cal" - >"$TMP/between" 2>"$TMP/err" \
		|| { fail "sla between $cal batch: $(head -c 300 "$TMP/err")"; continue; }
	# The command prints instants with the calendar's offset: to epoch seconds.
	paste -d' ' "$TMP/cases" "$TMP/add" "$TMP/between" >"$TMP/all"
	diffs=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" <<SQL
CREATE TEMP TABLE r (start text, dur text, sql_add bigint, b text, sql_between bigint, cli_add timestamptz, cli_between bigint);
\\copy r FROM '$TMP/all' WITH (FORMAT text, DELIMITER ' ')
SELECT count(*) FILTER (WHERE extract(epoch FROM cli_add)::bigint <> sql_add OR cli_between <> sql_between)
	|| ' of ' || count(*) FROM r;
SELECT start || ' ' || dur || ': sql ' || to_timestamp(sql_add) || ' cli ' || cli_add
FROM r WHERE extract(epoch FROM cli_add)::bigint <> sql_add LIMIT 3;
SQL
)
	expect_eq "business_add/between = sdesk sla on $CASES cases of $cal" "0 of $CASES" "$diffs"
done
[ "$ncal" -ge 7 ] && pass || fail "only $ncal calendars in the catalogue"

# A new catalogue is in force for the next statement of a running session.
sed 's/^\(\s*title = "\)/\1X /' "$top_srcdir/conf/plans.cfg" >"$TMP/plans2.cfg"
before=$(q "SELECT sdesk.catalogue()")
sdesk plans load --db "dbname=$name" --plans "$TMP/plans2.cfg" >/dev/null
after=$(q "SELECT sdesk.catalogue()")
expect_eq "catalogue switched" "1" "$(q "SELECT ($after > $before)::int")"
sdesk plans load --db "dbname=$name" >/dev/null
expect_eq "reloading the first catalogue puts it in force again" "$before" "$(q "SELECT sdesk.catalogue()")"

finish
