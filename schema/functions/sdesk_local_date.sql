-- schema/functions/sdesk_local_date.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.sdesk_local_date(p_at timestamp with time zone)
 RETURNS date
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
	SELECT (p_at AT TIME ZONE 'Europe/Berlin')::date
$function$;

ALTER FUNCTION public.sdesk_local_date(timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.sdesk_local_date(timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.sdesk_local_date(timestamp with time zone) TO sdesk_agent;
