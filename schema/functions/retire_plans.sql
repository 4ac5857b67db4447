-- schema/functions/retire_plans.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Marks plans that the catalogue p_catalogue no longer holds as inactive
-- (contracts keep referring to them). Returns how many were retired.
CREATE OR REPLACE FUNCTION public.retire_plans(p_catalogue bigint)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	r plan;
	n integer := 0;
BEGIN
	FOR r IN SELECT * FROM plan WHERE catalogue_id <> p_catalogue AND active FOR UPDATE LOOP
		UPDATE plan SET active = false, updated_at = now() WHERE code = r.code;
		PERFORM record_change('plan', r.code, NULL, 'retire', jsonb_build_object('active', true),
			jsonb_build_object('active', false));
		n := n + 1;
	END LOOP;
	RETURN n;
END
$function$;

ALTER FUNCTION public.retire_plans(bigint) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.retire_plans(bigint) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.retire_plans(bigint) TO sdesk_admin;
