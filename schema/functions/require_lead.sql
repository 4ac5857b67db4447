-- schema/functions/require_lead.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- A lead is an active agent flagged is_lead whose login role is in sdesk_lead:
-- the flag alone (or the group alone) is not enough.
CREATE OR REPLACE FUNCTION public.require_lead(p_what text)
 RETURNS agent
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	a agent := current_agent();
BEGIN
	IF NOT a.is_lead OR NOT pg_has_role(session_user, 'sdesk_lead', 'MEMBER') THEN
		RAISE EXCEPTION '%: only a team lead may do this', p_what
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN a;
END
$function$;

ALTER FUNCTION public.require_lead(text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.require_lead(text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.require_lead(text) TO sdesk_agent;
