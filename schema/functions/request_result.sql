-- schema/functions/request_result.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- What the database answered to one of the caller's own requests (the
-- booking's text and warning, the new row's id); NULL for another login's
-- key or one never used.
CREATE OR REPLACE FUNCTION public.request_result(p_key uuid)
 RETURNS jsonb
 LANGUAGE sql
 STABLE
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
	SELECT result FROM request WHERE key = p_key AND created_by = session_user
$function$;

ALTER FUNCTION public.request_result(uuid) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.request_result(uuid) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.request_result(uuid) TO sdesk_agent;
