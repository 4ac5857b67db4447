#!/usr/bin/env bash
# Who may do what from the command line (doc/security.md, "Who may do what"):
# every command run as a login of each group, made with `sdesk admin
# add-agent`, never as the superuser (which only sets up). A case expects the
# exit code and a line of the output (stdout and stderr together); refusals
# must say who may.
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "roles-cli.sh: PGHOST is not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
P="rc$$"
name="sdesk_roles_$$_$(date +%s)"
createdb "$name" || { echo "roles-cli.sh: createdb failed" >&2; exit 99; }
cleanup() {
	dropdb --if-exists --force "$name"
	dropdb --if-exists --force "${name}_new"
	for r in ag ld op ad; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS ${P}_$r" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT
: >"$TMP/sdesk.cfg"
admin() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }
# as ROLE ARGS...: sdesk as that login, with its own settings file (board and
# check take the database from there) and its own journal.
as() {
	local who=$1
	shift
	printf 'database = { conninfo = "dbname=%s user=%s"; };\n' "$name" "$who" >"$TMP/$who.cfg"
	SDESK_CONFIG="$TMP/$who.cfg" XDG_STATE_HOME="$TMP/state-$who" "$SDESK_BIN" "$@" 2>&1
}

admin db migrate >/dev/null || { echo "roles-cli.sh: migrate failed" >&2; exit 99; }
admin plans load >/dev/null || { echo "roles-cli.sh: plans load failed" >&2; exit 99; }
for r in ag:agent ld:lead op:ops ad:admin; do
	admin admin add-agent "${P}_${r%%:*}" --name "Role ${r#*:}" --role "${r#*:}" --tier 2 >/dev/null ||
		{ echo "roles-cli.sh: add-agent $r failed" >&2; exit 99; }
done
q "SELECT create_account(gen_random_uuid(), 'ACME', 'Acme GmbH', current_date - 400);
   SELECT create_contract(gen_random_uuid(), 1, 'support-level-1', current_date - 400, NULL, '{}');
   SELECT create_contact(gen_random_uuid(), 1, 'Kim Key', 'key_user', NULL, NULL);
   SELECT create_account(gen_random_uuid(), 'PTS', 'Punkte AG', NULL);
   SELECT create_contract(gen_random_uuid(), 2, 'ilias-technical', current_date - 400, NULL, '{}');
   SELECT create_contact(gen_random_uuid(), 2, 'Pia Punkt', 'key_user', NULL, NULL);
   SELECT create_account(gen_random_uuid(), 'CONV', 'Convento Kunde', NULL);
   SELECT create_contract(gen_random_uuid(), 3, 'convento', current_date - 400, NULL, jsonb_build_object('standby_hour_cents', 9500));" >/dev/null ||
	{ echo "roles-cli.sh: fixture failed" >&2; exit 99; }
# Tickets opened by the agent itself.
for sql in "1, 1, 1, 'phone', 'question', 'Rückruf'" "2, 2, 2, 'email', 'fault', 'Fehler'"; do
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -U "${P}_ag"  -c "SELECT create_ticket(gen_random_uuid(), $sql, '',
	  now())" >/dev/null || { echo "roles-cli.sh: ticket failed" >&2; exit 99; }
done
# A changed catalogue: two plans' titles differ, so loading it recomputes the
# open tickets of those plans.
sed 's/title = "Support level 1 (free)"/title = "Support level 1 (gratis)"/; s/title = "ILIAS technical/title = "ILIAS Technik/' \
	"$SDESK_PLANS" >"$TMP/plans-changed.cfg"
printf 'call SD-10001 2m\ntime SD-10002 15m technical\n' >"$TMP/batch"
month=$(date +%Y-%m)
far=$(date -d '+60 days' +%Y-%m-%d)
near=$(date -d '+1 day' +%Y-%m-%d)
at() { date -d "$1" +%Y-%m-%dT%H:%M:%S%:z; }
FAR="$(at "$far 18:00") $(at "$far 20:00")"
NEAR="$(at "$near 18:00") $(at "$near 20:00")"

# roles (ag ld op ad) | exit | output regex | arguments (word-split; {FAR} {NEAR} {MONTH} {BATCH} {PLANS})
cases=$(cat <<'EOF_CASES'
ag ld op ad|0|^logged call [0-9]+ on SD-10001$|log call SD-10001 5m
ag ld op ad|0|^logged time [0-9]+ on SD-10002$|log time SD-10002 20m technical
ag ld op ad|0|^logged time [0-9]+ on SD-10002$|log --batch {BATCH}
ag ld op ad|0|^Account ACME: Acme GmbH$|statement ACME {MONTH}
ag ld op ad|0|support-level-1 \(contract 1\)|budget show ACME
ag op|1|only team leads \(sdesk_lead\) may do ledger_package|budget add-points PTS ilias-technical technical 40
ld ad|0|^booked package [0-9]+ on contract 2$|budget add-points PTS ilias-technical technical 40
ag op|1|only team leads \(sdesk_lead\) may do ledger_adjust|budget correct ACME support-level-1 free 2 --reason Kulanz
ld ad|0|^booked correction [0-9]+ on contract 1$|budget correct ACME support-level-1 free 2 --reason Kulanz
ag ld op ad|0|^booked standby [0-9]+ for CONV$|standby book CONV {FAR}
ag op|1|only a team lead may do this|standby book CONV {NEAR} --override Notfall
ld ad|0|^booked standby [0-9]+ for CONV \(lead override\)$|standby book CONV {NEAR} --override Notfall
ag ld op ad|0|convento|standby list CONV
ag ld op ad|0|OPEN 2 +AT RISK|board --once
ag ld op ad|0|^SDESK OK - 2 open|check
ag ld op ad|0|^saved 0, refused 0, still pending 0$|journal flush
ag ld op|1|only admins \(sdesk_admin\) may do register_catalogue|--plans {PLANS} plans load
ad|0|^open tickets: 2 checked|--plans {PLANS} plans load
ag ld op ad|0|^up to date \(schema version [0-9]+\)$|db migrate
ag ld op ad|0|^database at version ([0-9]+), this sdesk at version \1$|db status
ag ld op ad|0|^functions: [0-9]+ current, 0 pending$|db status
ag ld op ad|0|^  fn  take_ticket +applied |db status
ag ld op ad|0|Role lead +2 +- +yes +yes +sdesk_agent,sdesk_lead|admin list
ag ld op ad|1|CREATEROLE|admin add-agent {P}_new --name Neu --role agent --tier 1
EOF_CASES
)
n=0
while IFS='|' read -r roles want re args; do
	[ -n "$roles" ] || continue
	args=${args//\{FAR\}/$FAR}; args=${args//\{NEAR\}/$NEAR}; args=${args//\{MONTH\}/$month}
	args=${args//\{BATCH\}/$TMP/batch}; args=${args//\{PLANS\}/$TMP/plans-changed.cfg}; args=${args//\{P\}/$P}
	for r in $roles; do
		# shellcheck disable=SC2086 # the arguments are words
		out=$(as "${P}_$r" $args); rc=$?
		expect_eq "$r: sdesk $args: exit" "$want" "$rc"
		expect_match "$r: sdesk $args: says" "$re" "$out"
		n=$((n + 1))
	done
done <<<"$cases"
echo "roles-cli.sh: $n role/command cases"

# Migrations need the owner: an admin's login cannot create the schema.
createdb "${name}_new" || { echo "roles-cli.sh: createdb failed" >&2; exit 99; }
out=$(SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" db migrate --db "dbname=${name}_new user=${P}_ad" 2>&1); rc=$?
expect_eq "admin login on an empty database: migrate refused" 1 "$rc"
expect_match "admin login on an empty database: says why" 'permission denied' "$out"

# Every row names the login that made it, never the superuser.
expect_eq "calls by each login" "${P}_ad,${P}_ag,${P}_ld,${P}_op" \
	"$(q "SELECT string_agg(DISTINCT agent, ',' ORDER BY agent) FROM call")"
expect_eq "packages and corrections by the leads only" "${P}_ad,${P}_ld" \
	"$(q "SELECT string_agg(DISTINCT created_by, ',' ORDER BY created_by) FROM budget_ledger
	      WHERE kind IN ('points_package', 'correction')")"
expect_eq "standby inside the lead time by the leads only" "${P}_ad,${P}_ld" \
	"$(q "SELECT string_agg(DISTINCT booked_by, ',' ORDER BY booked_by) FROM standby_booking WHERE override_reason IS NOT NULL")"
expect_eq "the recomputed dues by the admin" "${P}_ad" \
	"$(q "SELECT string_agg(DISTINCT who, ',') FROM history WHERE action = 'recompute_dues'")"
expect_eq "the superuser's history is the set-up only" "account,agent,calendar,contact,contract,plan,plan_catalogue" \
	"$(q "SELECT string_agg(DISTINCT entity, ',' ORDER BY entity) FROM history WHERE who = current_user")"
finish
