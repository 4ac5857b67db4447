-- schema/functions/upsert_plan.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.upsert_plan(p_catalogue bigint, p_code text, p_title text, p_provider text, p_vat_bp integer, p_definition jsonb)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_old plan;
	v_new plan;
BEGIN
	SELECT * INTO v_old FROM plan WHERE code = p_code FOR UPDATE;
	INSERT INTO plan (code, title, provider, vat_bp, definition, catalogue_id)
	VALUES (p_code, p_title, p_provider, p_vat_bp, p_definition, p_catalogue)
	ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, provider = EXCLUDED.provider,
		vat_bp = EXCLUDED.vat_bp, definition = EXCLUDED.definition,
		catalogue_id = EXCLUDED.catalogue_id, active = true, updated_at = now()
	RETURNING * INTO v_new;
	IF v_old.code IS NULL OR (to_jsonb(v_old) - 'updated_at' - 'catalogue_id')
	   IS DISTINCT FROM (to_jsonb(v_new) - 'updated_at' - 'catalogue_id') THEN
		PERFORM record_change('plan', p_code, NULL, CASE WHEN v_old.code IS NULL THEN 'create' ELSE 'update' END,
			CASE WHEN v_old.code IS NULL THEN NULL ELSE to_jsonb(v_old) - 'updated_at' - 'catalogue_id' END,
			to_jsonb(v_new) - 'updated_at' - 'catalogue_id');
	END IF;
END
$function$;

ALTER FUNCTION public.upsert_plan(bigint, text, text, text, integer, jsonb) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.upsert_plan(bigint, text, text, text, integer, jsonb) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.upsert_plan(bigint, text, text, text, integer, jsonb) TO sdesk_admin;
