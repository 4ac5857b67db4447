-- schema/functions/require_text.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.require_text(p_value text, p_what text)
 RETURNS text
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
BEGIN
	IF p_value IS NULL OR btrim(p_value) = '' THEN
		RAISE EXCEPTION '% is required', p_what USING ERRCODE = 'check_violation';
	END IF;
	RETURN p_value;
END
$function$;

ALTER FUNCTION public.require_text(text, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.require_text(text, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.require_text(text, text) TO sdesk_agent;
