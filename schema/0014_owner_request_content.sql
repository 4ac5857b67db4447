-- sdesk schema, migration 14: the functions' own owner, and idempotency keys
-- bound to their author and content (doc/security.md, doc/data-model.md).
-- Numbers 10-13 are reserved for migrations of other branches.

-- ---------------------------------------------------------------- owner
-- sdesk_owner owns every function (schema/functions/*.sql say so too), so a
-- SECURITY DEFINER function runs with this role's rights and no more: it
-- cannot log in, owns no table (cannot drop, alter or disable a trigger on
-- one) and holds just the table rights the functions need. Cluster-wide like
-- the group roles: created once.
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sdesk_owner') THEN
		CREATE ROLE sdesk_owner NOLOGIN;
	END IF;
	-- Handing a function to sdesk_owner takes membership unless one is a
	-- superuser (a migrating owner role with CREATEROLE grants it itself).
	IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
	   AND NOT pg_has_role(current_user, 'sdesk_owner', 'MEMBER') THEN
		EXECUTE format('GRANT sdesk_owner TO %I', current_user);
	END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO sdesk_owner;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO sdesk_owner;
REVOKE ALL ON schema_version, schema_function FROM sdesk_owner;
GRANT SELECT ON schema_function TO sdesk_agent;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO sdesk_owner;
GRANT INSERT ON account, agent, broadcast, budget_ledger, calendar, call, contact, contract,
	dev_link, history, incident, maintenance_window, oncall_check, oncall_work, plan,
	plan_catalogue, request, standby_booking, team, ticket, ticket_estimate, ticket_incident,
	ticket_pause, time_entry TO sdesk_owner;
-- UPDATE also for SELECT ... FOR UPDATE and INSERT ... ON CONFLICT DO UPDATE.
GRANT UPDATE ON calendar, incident, oncall_work, plan, request, ticket, ticket_pause TO sdesk_owner;
-- Tables of later migrations: readable; write rights are granted by name.
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO sdesk_owner;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SEQUENCES TO sdesk_owner;

DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN SELECT p.oid::regprocedure FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace LOOP
		EXECUTE format('ALTER FUNCTION %s OWNER TO sdesk_owner', f);
	END LOOP;
END
$$;

-- ---------------------------------------------------------------- requests
-- md5 of the action and its content (request_begin): a key replayed with
-- other content is refused. NULL on rows written before this migration.
ALTER TABLE request ADD COLUMN content_md5 text CHECK (content_md5 ~ '^[0-9a-f]{32}$');
