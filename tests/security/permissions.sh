#!/usr/bin/env bash
# Roles and grants (issue 7, doc/security.md): one login role per group,
# created with `sdesk admin add-agent`; each connects and runs the cases of
# the table below. A case expects "ok" or the SQLSTATE of the refusal
# (42501: no privilege, or the function's own insufficient_privilege).
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "permissions.sh: PGHOST is not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
P="sec$$"
name="sdesk_perm_$$_$(date +%s)"
createdb "$name" || { echo "permissions.sh: createdb failed" >&2; exit 99; }
cleanup() {
	dropdb --if-exists --force "$name"
	for r in ag1 ag2 ld op op2 ad flag norow none; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS ${P}_$r" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT
: >"$TMP/sdesk.cfg"
sdesk() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }
# as ROLE SQL: prints "ok" or the SQLSTATE of the first error.
as() {
	local out
	out=$(printf '\\set VERBOSITY verbose\n%s\n' "$2" |
		psql -X -q -At -v ON_ERROR_STOP=1 -U "$1" -d "$name" -f - 2>&1) && { echo ok; return; }
	printf '%s\n' "$out" | sed -n 's/.*ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p' | head -n 1
}

sdesk db migrate >/dev/null || { echo "permissions.sh: migrate failed" >&2; exit 99; }
"$SDESK_BIN" plans load --db "dbname=$name" >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
q "   INSERT INTO account (code, name, activated_on) VALUES ('ACME', 'Acme', '2025-01-01');
   INSERT INTO contract (account_id, plan_code, valid_from) VALUES (1, 'convento', '2025-01-01'), (1, 'support-level-1', '2025-01-01');
   UPDATE contract SET overrides = jsonb_build_object('standby_hour_cents', 5000) WHERE id = 1;
   INSERT INTO contact (account_id, name, role) VALUES (1, 'Kim Key', 'key_user');
   INSERT INTO team (name) VALUES ('Support');" >/dev/null || { echo "permissions.sh: fixture failed" >&2; exit 99; }

# ---- sdesk admin add-agent
out=$(sdesk admin add-agent "${P}_ag1" --name "Anna Agent" --role agent --tier 1 --team Support); rc=$?
expect_eq "add-agent agent: exit" 0 "$rc"
expect_match "add-agent agent: message" "created login role ${P}_ag1, member of sdesk_agent" "$out"
sdesk admin add-agent "${P}_ag2" --name "Bert Agent" --role agent --tier 2 >/dev/null; expect_eq "add ag2" 0 $?
sdesk admin add-agent "${P}_ld" --name "Lena Lead" --role lead --tier 3 >/dev/null; expect_eq "add lead" 0 $?
sdesk admin add-agent "${P}_op" --name "Otto Ops" --role ops --tier 2 >/dev/null; expect_eq "add ops" 0 $?
sdesk admin add-agent "${P}_op2" --name "Olga Ops" --role ops --tier 2 >/dev/null; expect_eq "add ops 2" 0 $?
sdesk admin add-agent "${P}_ad" --name "Ada Admin" --role admin --tier 3 >/dev/null; expect_eq "add admin" 0 $?
sdesk admin add-agent "${P}_flag" --name "Fritz Flag" --role agent --tier 1 >/dev/null; expect_eq "add flag" 0 $?
q "UPDATE agent SET is_lead = true WHERE login = '${P}_flag'" >/dev/null  # the flag without the group
q "CREATE ROLE ${P}_norow LOGIN IN ROLE sdesk_agent; CREATE ROLE ${P}_none LOGIN" >/dev/null

out=$(sdesk admin add-agent "${P}_ag1" --name "Again" --role agent --tier 1 2>&1); rc=$?
expect_eq "add-agent twice: exit" 1 "$rc"
expect_match "add-agent twice: message" "already an sdesk agent" "$out"
out=$(sdesk admin add-agent "${P}_x" --name "X" --role agent --tier 1 --team Nowhere 2>&1); rc=$?
expect_eq "unknown team: exit" 1 "$rc"
expect_match "unknown team: message" "no team named 'Nowhere'" "$out"
expect_eq "unknown team: no role left behind" "0" "$(q "SELECT count(*) FROM pg_roles WHERE rolname = '${P}_x'")"
for bad in 'Robert"; DROP TABLE agent; --' 'UPPER' 'pg_evil' 'sdesk_agent' '' "$(printf 'a%.0s' $(seq 1 64))"; do
	out=$(sdesk admin add-agent "$bad" --name "X" --role agent --tier 1 2>&1); rc=$?
	expect_eq "bad login [$bad]: exit 2" 2 "$rc"
done
out=$(sdesk admin add-agent "${P}_y" --name "$(printf 'Bad\033[2Jname')" --role agent --tier 1 2>&1); rc=$?
expect_eq "control character in --name: exit" 2 "$rc"
expect_match "control character in --name: message" "--name: control character at byte 4" "$out"
out=$(sdesk admin add-agent "${P}_y" --name "$(printf 'Bad\xff')" --role agent --tier 1 2>&1); rc=$?
expect_match "invalid UTF-8 in --name" "--name: invalid UTF-8 at byte 4" "$out"
out=$(sdesk admin add-agent "${P}_y" --name "Y" --role boss --tier 1 2>&1); rc=$?
expect_eq "unknown role: exit" 2 "$rc"
out=$(psql -X -At -U "${P}_ag1" -d "$name" -c "SELECT 1" >/dev/null; SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" admin add-agent "${P}_z" --name Z --role agent --tier 1 --db "dbname=$name user=${P}_ag1" 2>&1); rc=$?
expect_eq "add-agent as an agent: refused" 1 "$rc"
expect_match "add-agent as an agent: says why" "CREATEROLE" "$out"
out=$(sdesk admin list)
expect_match "admin list shows the lead" "${P}_ld +Lena Lead +3 +- +yes +yes +sdesk_agent,sdesk_lead" "$out"

# ---- fixture rows made by the people themselves
K=gen_random_uuid
T1=$(psql -X -q -At -U "${P}_ag1" -d "$name" -c "SELECT create_ticket($K(), 1, 2, 1, 'email', 'question', 'Login fails', '', now())")
psql -X -q -At -U "${P}_ag1" -d "$name" -c "SELECT take_ticket($K(), $T1)" >/dev/null
T2=$(psql -X -q -At -U "${P}_ag2" -d "$name" -c "SELECT create_ticket($K(), 1, 2, 1, 'phone', 'question', 'Printer', '', now())")
CALL=$(psql -X -q -At -U "${P}_ag2" -d "$name" -c "SELECT book_call($K(), $T2, now(), 120, false)")
W=$(psql -X -q -At -U "${P}_op" -d "$name" -c "SELECT start_oncall($K(), 1, NULL, now())")
expect_match "fixture tickets, call and on-call work" "^[0-9]+ [0-9]+ [0-9]+ [0-9]+$" "$T1 $T2 $CALL $W"
soon="now() + interval '1 day'"
far="now() + interval '30 days'"

# role | expected | SQL   ({T1} {T2} {CALL} {W} {K} are replaced)
cases=$(cat <<'EOF_CASES'
ag1|ok|SELECT count(*) FROM ticket
ag1|ok|SELECT create_ticket({K}(), 1, 2, 1, 'chat', 'question', 'Another', '', now())
ag1|ok|SELECT take_ticket({K}(), {T2})
ag1|ok|SELECT book_call({K}(), {T1}, now(), 60, false)
ag1|42883|SELECT log_call({K}(), {T1}, now(), 60, 'phone', NULL, 0, NULL)
ag1|ok|SELECT book_time({K}(), {T1}, now(), 15, 'support', false, NULL, 'work')
ag1|ok|SELECT set_tier({K}(), {T1}, 2::smallint, 'needs second level')
ag1|ok|SELECT book_standby({K}(), 1, {FAR}, {FAR} + interval '2 hours', NULL)
ag1|ok|SELECT ledger_credit({K}(), 2, 'monthly_allowance', '2026-03-01')
ag1|42883|SELECT ledger_credit({K}(), 2, 'activation_credit', 'credit', 'minutes', 6000, 0, NULL, NULL)
ag1|42883|SELECT ledger_credit({K}(), 2, 'monthly_allowance', 'free', 'minutes', 999, 0, '2026-04-01', NULL)
ag1|23514|SELECT ledger_credit({K}(), 1, 'points_package', '2026-03-01')
ag1|42501|UPDATE budget_ledger SET amount = 0
ag1|42501|DELETE FROM budget_ledger
ag1|42501|UPDATE history SET who = 'x'
ag1|42501|DELETE FROM history
ag1|42501|TRUNCATE history
ag1|42501|INSERT INTO budget_ledger (account_id, contract_id, kind, unit, amount, reason) VALUES (1, 1, 'correction', 'minutes', 500, 'gift')
ag1|42501|INSERT INTO history (entity, entity_id, action) VALUES ('x', '1', 'forged')
ag1|42501|UPDATE call SET duration_s = 1 WHERE id = {CALL}
ag1|42501|DELETE FROM call WHERE id = {CALL}
ag1|42501|INSERT INTO call (ticket_id, account_id, agent, started_at, duration_s, kind) VALUES ({T1}, 1, 'someone', now(), 60, 'phone')
ag1|42501|UPDATE ticket SET escalation_level = 3 WHERE id = {T1}
ag1|42501|DELETE FROM ticket WHERE id = {T1}
ag1|42501|UPDATE agent SET is_lead = true WHERE login = session_user
ag1|42501|INSERT INTO agent (login, display_name) VALUES ('ghost', 'Ghost')
ag1|42501|UPDATE request SET result = '{}'
ag1|42501|SELECT ledger_correction({K}(), 1, 'phone', 'minutes', 500, 0, 'gift')
ag1|42501|SELECT set_escalation({K}(), {T1}, 3::smallint, true, 'me')
ag1|42501|SELECT upsert_plan(1, 'p1', 'Cheap', 'x', 0, '{}')
ag1|42501|SELECT register_catalogue('abcdef12', 'x')
ag1|42883|SELECT ledger_draw(1, '[{"kind": "consumption", "unit": "minutes", "amount": -1}]', NULL, NULL)
ag1|42501|SELECT record_change('ticket', '1', NULL, 'forged', NULL, '{}')
ag1|42501|SELECT request_finish('00000000-0000-4000-8000-000000000000', '{}')
ag1|42501|SELECT create_incident({K}(), 'Outage', '', now(), NULL)
ag1|42501|SELECT create_agent({K}(), 'postgres', 'Boss', 3::smallint, NULL, true)
ag1|42501|SELECT book_standby({K}(), 1, {SOON}, {SOON} + interval '2 hours', 'hurry')
ag1|42501|SET ROLE sdesk_lead
ag1|42501|SET SESSION AUTHORIZATION {P}_ld
ag1|42501|CREATE TABLE public.mine (x int)
ag1|42501|CREATE FUNCTION public.require_text(varchar, varchar) RETURNS text LANGUAGE sql AS 'SELECT 1::text'
ag2|42501|SELECT assign_ticket({K}(), {T1}, '{P}_ag2')
ag2|42501|SELECT take_ticket({K}(), {T1})
ld|ok|SELECT ledger_correction({K}(), 1, 'phone', 'minutes', 30, 0, 'goodwill after outage')
ld|23514|SELECT ledger_correction({K}(), 1, 'phone', 'minutes', 30, 0, '  ')
ld|ok|SELECT set_escalation({K}(), {T1}, 3::smallint, true, 'customer escalated')
ld|ok|SELECT assign_ticket({K}(), {T1}, '{P}_ag2')
ld|ok|SELECT book_standby({K}(), 1, {SOON}, {SOON} + interval '2 hours', 'customer emergency')
ld|42501|SELECT upsert_plan(1, 'p1', 'Cheap', 'x', 0, '{}')
ld|42501|SELECT register_catalogue('abcdef12', 'x')
ld|42501|UPDATE plan SET title = 'Cheap'
ld|42501|UPDATE budget_ledger SET amount = 0
ld|42501|DELETE FROM history
ld|42501|SELECT create_incident({K}(), 'Outage', '', now(), NULL)
ld|42501|SET ROLE sdesk_admin
flag|42501|SELECT book_standby({K}(), 1, {SOON}, {SOON} + interval '2 hours', 'flag only')
flag|42501|SELECT ledger_correction({K}(), 1, 'phone', 'minutes', 30, 0, 'flag only')
flag|42501|SELECT take_ticket({K}(), {T1})
flag|42501|SELECT assign_ticket({K}(), {T1}, '{P}_flag')
ag1|42501|SELECT lock_plan_tickets('{p1}')
ld|42501|SELECT lock_plan_tickets('{p1}')
op|ok|SELECT create_incident({K}(), 'Mail outage', 'MX down', now(), NULL)
op|ok|SELECT create_maintenance({K}(), 'Patch day', 'all', {FAR}, {FAR} + interval '1 hour', now())
op|ok|SELECT check_oncall_item({K}(), {W}, 'server_reachable', 'ping ok', now())
op|ok|SELECT end_oncall({K}(), {W}, now(), 'restarted the service')
op2|42501|SELECT check_oncall_item({K}(), {W}, 'logs_saved', 'not mine', now())
op2|42501|SELECT end_oncall({K}(), {W}, now(), 'not mine')
op|42501|SELECT ledger_correction({K}(), 1, 'phone', 'minutes', 30, 0, 'x')
op|42501|SELECT set_escalation({K}(), {T1}, 3::smallint, true, 'x')
op|42501|UPDATE oncall_work SET report = 'rewritten'
ad|ok|SELECT register_catalogue('abcdef12', 'x')
ad|ok|SELECT upsert_plan(1, 'p1', 'Plan One', 'x', 1900, '{}')
ad|ok|SELECT lock_plan_tickets('{p1}')
ad|ok|SELECT ledger_correction({K}(), 1, 'phone', 'minutes', -10, 0, 'admin is a lead')
ad|42501|UPDATE plan SET title = 'Direct'
ad|42501|UPDATE budget_ledger SET amount = 0
ad|42501|DELETE FROM agent
norow|42501|SELECT create_ticket({K}(), 1, 2, 1, 'chat', 'question', 'No agent', '', now())
norow|ok|SELECT count(*) FROM ticket
none|42501|SELECT count(*) FROM ticket
none|42501|SELECT create_ticket({K}(), 1, 2, 1, 'chat', 'question', 'Nobody', '', now())
EOF_CASES
)
n=0
while IFS='|' read -r role want sql; do
	[ -n "$role" ] || continue
	sql=${sql//\{K\}/$K}; sql=${sql//\{T1\}/$T1}; sql=${sql//\{T2\}/$T2}; sql=${sql//\{CALL\}/$CALL}
	sql=${sql//\{W\}/$W}; sql=${sql//\{P\}/$P}; sql=${sql//\{SOON\}/$soon}; sql=${sql//\{FAR\}/$far}
	got=$(as "${P}_$role" "$sql")
	expect_eq "$role: $sql" "$want" "$got"
	n=$((n + 1))
done <<<"$cases"
echo "permissions.sh: $n role/action cases"

# ---- who is recorded: always the login role, never a value from the client
expect_eq "calls carry the login role" "${P}_ag1" "$(q "SELECT string_agg(DISTINCT agent, ',') FROM call WHERE ticket_id = $T1")"
expect_eq "history rows of T1 by the people who acted" "${P}_ag1,${P}_ld" \
	"$(q "SELECT string_agg(DISTINCT who, ',' ORDER BY who) FROM history WHERE ticket_id = $T1")"
expect_eq "ledger correction by the lead" "${P}_ld" \
	"$(q "SELECT created_by FROM budget_ledger WHERE kind = 'correction' AND reason LIKE 'goodwill%'")"
expect_eq "no action function lets the caller name the recorded person" "" \
	"$(q "SELECT string_agg(p.proname || '.' || a, ',') FROM pg_proc p, unnest(p.proargnames) a
	      WHERE p.pronamespace = 'public'::regnamespace
	        AND a ~ '^p_(who|by|agent|login|user|created_by|booked_by|done_by|set_by)$'
	        AND NOT (p.proname = 'assign_ticket' AND a = 'p_agent')
	        AND NOT (p.proname = 'create_agent' AND a = 'p_login')")"
# ---- the invariants that keep this true for later migrations
expect_eq "every function the groups may call runs as its owner with a fixed search_path" "" \
	"$(q "SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_proc p
	      WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f'
	        AND p.proname NOT IN ('sdesk_local_date', 'jsonb_changed', 'current_agent', 'require_lead', 'require_text')
	        AND EXISTS (SELECT 1 FROM unnest(ARRAY['sdesk_agent', 'sdesk_lead', 'sdesk_ops', 'sdesk_admin']) g
	                    WHERE has_function_privilege(g, p.oid, 'EXECUTE'))
	        AND NOT (p.prosecdef AND 'search_path=pg_catalog, public, pg_temp' = ANY (p.proconfig))")"
expect_eq "no function is executable by PUBLIC" "" \
	"$(q "SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_proc p
	      WHERE p.pronamespace = 'public'::regnamespace AND has_function_privilege('${P}_none', p.oid, 'EXECUTE')")"
expect_eq "no table is writable by any group" "" \
	"$(q "SELECT string_agg(DISTINCT c.relname, ', ') FROM pg_class c,
	        unnest(ARRAY['sdesk_agent', 'sdesk_lead', 'sdesk_ops', 'sdesk_admin']) g,
	        unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) priv
	      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
	        AND has_table_privilege(g, c.oid, priv)")"

# ---- sdesk_owner: the functions' owner, so SECURITY DEFINER runs as a role
# that cannot log in and holds just the table rights the functions need
# (schema 0014; the migration ran as the superuser, who owns the tables).
expect_eq "every function is owned by sdesk_owner, none by the migrating superuser" "" \
	"$(q "SELECT string_agg(p.oid::regprocedure::text || ' (' || p.proowner::regrole::text || ')', ', ')
	      FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> 'sdesk_owner'::regrole")"
expect_eq "sdesk_owner: no login, no superuser, no role or database creation, no RLS bypass, no replication" \
	"f f f f f f" "$(q "SELECT concat_ws(' ', rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,
	      rolreplication) FROM pg_roles WHERE rolname = 'sdesk_owner'")"
expect_eq "sdesk_owner is a member of no role" "0" \
	"$(q "SELECT count(*) FROM pg_auth_members WHERE member = 'sdesk_owner'::regrole")"
expect_eq "sdesk_owner owns no table" "" \
	"$(q "SELECT string_agg(relname, ', ') FROM pg_class WHERE relowner = 'sdesk_owner'::regrole")"
expect_eq "sdesk_owner never deletes or truncates, nor rewrites ledger or history" "" \
	"$(q "SELECT string_agg(DISTINCT c.relname || ':' || priv, ', ') FROM pg_class c,
	        unnest(ARRAY['DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) priv
	      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
	        AND has_table_privilege('sdesk_owner', c.oid, priv)
	      UNION ALL SELECT string_agg(c.relname || ':UPDATE', ', ') FROM pg_class c
	      WHERE c.relnamespace = 'public'::regnamespace
	        AND c.relname IN ('budget_ledger', 'history', 'call', 'time_entry', 'account', 'contract', 'agent')
	        AND has_table_privilege('sdesk_owner', c.oid, 'UPDATE')" | grep -v '^$')"
expect_eq "sdesk_owner cannot read the migration bookkeeping" "false false" \
	"$(q "SELECT has_table_privilege('sdesk_owner', 'schema_version', 'SELECT') || ' '
	      || has_table_privilege('sdesk_owner', 'schema_function', 'SELECT')")"
out=$(as "${P}_ag1" "SET ROLE sdesk_owner"); expect_eq "nobody may become sdesk_owner" 42501 "$out"

# ---- a changed function file is applied by the schema's owner, never by an agent
q "UPDATE schema_function SET checksum = 'x' WHERE name = 'take_ticket'" >/dev/null
out=$(PGUSER="${P}_ag1" sdesk db migrate 2>&1); rc=$?
expect_eq "an agent cannot re-apply a function: exit" 1 "$rc"
expect_match "an agent cannot re-apply a function: message" \
	'function file schema/functions/take_ticket.sql failed: permission denied: .*run migrations as the schema.s owner role' "$out"
expect_eq "an agent cannot re-apply a function: nothing recorded" "x" \
	"$(q "SELECT checksum FROM schema_function WHERE name = 'take_ticket'")"
out=$(sdesk db migrate 2>&1); rc=$?
expect_eq "the owner re-applies it" "0 applied function take_ticket" "$rc $(head -n 1 <<<"$out")"
expect_eq "still sdesk_owner's" "sdesk_owner" "$(q "SELECT proowner::regrole FROM pg_proc WHERE proname = 'take_ticket'")"

# ---- idempotency keys belong to their author and content (SQLSTATE SDK01/SDK02)
KEY=$(q "SELECT gen_random_uuid()")
first=$(psql -X -q -At -U "${P}_ag1" -d "$name" -c "SELECT book_time('$KEY', $T1, now(), 30, 'support', false, NULL, 'x')")
expect_match "a replay by the author answers with the first id" "^[0-9]+$" "$first"
expect_eq "a replay by the author answers with the first id (same content)" "$first" \
	"$(psql -X -q -At -U "${P}_ag1" -d "$name" -c "SELECT book_time('$KEY', $T1,
	   (SELECT started_at FROM time_entry WHERE id = $first), 30, 'support', false, NULL, 'x')")"
expect_eq "other content under the key: refused" SDK01 \
	"$(as "${P}_ag1" "SELECT book_time('$KEY', $T1, now(), 120, 'support', false, NULL, 'x')")"
expect_eq "the author's key used by another agent: refused" SDK02 \
	"$(as "${P}_ag2" "SELECT book_time('$KEY', $T1, (SELECT started_at FROM time_entry WHERE id = $first), 30,
	   'support', false, NULL, 'x')")"
expect_eq "one time entry for the key" "1" \
	"$(q "SELECT count(*) FROM time_entry t JOIN history h ON h.entity = 'time_entry' AND h.entity_id = t.id::text
	      WHERE t.id = $first")"
finish
