-- schema/functions/current_agent.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The agent row of the person logged in; refuses roles that are no agents.
CREATE OR REPLACE FUNCTION public.current_agent()
 RETURNS agent
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	a agent;
BEGIN
	SELECT * INTO a FROM agent WHERE login = session_user::text AND active;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'database role "%" is not an active sdesk agent', session_user
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN a;
END
$function$;

ALTER FUNCTION public.current_agent() OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.current_agent() FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.current_agent() TO sdesk_agent;
