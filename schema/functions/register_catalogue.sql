-- schema/functions/register_catalogue.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Returns the id of the catalogue with this hash, registering it if new.
CREATE OR REPLACE FUNCTION public.register_catalogue(p_hash text, p_source text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_id bigint;
BEGIN
	INSERT INTO plan_catalogue (hash, source) VALUES (lower(p_hash), p_source)
	ON CONFLICT (hash) DO NOTHING RETURNING id INTO v_id;
	IF v_id IS NULL THEN
		SELECT id INTO v_id FROM plan_catalogue WHERE hash = lower(p_hash);
	ELSE
		PERFORM record_change('plan_catalogue', v_id::text, NULL, 'register', NULL,
			jsonb_build_object('hash', lower(p_hash), 'source', p_source));
	END IF;
	RETURN v_id;
END
$function$;

ALTER FUNCTION public.register_catalogue(text, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.register_catalogue(text, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.register_catalogue(text, text) TO sdesk_admin;
