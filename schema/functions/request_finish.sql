-- schema/functions/request_finish.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.request_finish(p_key uuid, p_result jsonb)
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
	UPDATE request SET result = p_result WHERE key = p_key
$function$;

ALTER FUNCTION public.request_finish(uuid, jsonb) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.request_finish(uuid, jsonb) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
