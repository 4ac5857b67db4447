-- schema/functions/jsonb_changed.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The keys of a whose values differ in b (or are missing there).
CREATE OR REPLACE FUNCTION public.jsonb_changed(a jsonb, b jsonb)
 RETURNS jsonb
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
	SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
	FROM jsonb_each(coalesce(a, '{}'::jsonb)) e
	WHERE b IS NULL OR NOT (b ? e.key) OR b -> e.key IS DISTINCT FROM e.value
$function$;

ALTER FUNCTION public.jsonb_changed(jsonb, jsonb) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.jsonb_changed(jsonb, jsonb) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.jsonb_changed(jsonb, jsonb) TO sdesk_agent;
