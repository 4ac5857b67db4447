-- schema/functions/upsert_calendar.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.upsert_calendar(p_catalogue bigint, p_code text, p_title text, p_time_zone text, p_definition jsonb)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_old calendar;
	v_new calendar;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = p_time_zone) THEN
		RAISE EXCEPTION 'calendar %: unknown time zone "%"', p_code, p_time_zone
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT * INTO v_old FROM calendar WHERE code = p_code FOR UPDATE;
	INSERT INTO calendar (code, title, time_zone, definition, catalogue_id)
	VALUES (p_code, p_title, p_time_zone, p_definition, p_catalogue)
	ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, time_zone = EXCLUDED.time_zone,
		definition = EXCLUDED.definition, catalogue_id = EXCLUDED.catalogue_id, updated_at = now()
	RETURNING * INTO v_new;
	IF v_old.code IS NULL OR v_old.definition IS DISTINCT FROM v_new.definition
	   OR v_old.title IS DISTINCT FROM v_new.title OR v_old.time_zone IS DISTINCT FROM v_new.time_zone THEN
		PERFORM record_change('calendar', p_code, NULL, CASE WHEN v_old.code IS NULL THEN 'create' ELSE 'update' END,
			CASE WHEN v_old.code IS NULL THEN NULL ELSE to_jsonb(v_old) - 'updated_at' - 'catalogue_id' END,
			to_jsonb(v_new) - 'updated_at' - 'catalogue_id');
	END IF;
END
$function$;

ALTER FUNCTION public.upsert_calendar(bigint, text, text, text, jsonb) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.upsert_calendar(bigint, text, text, text, jsonb) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.upsert_calendar(bigint, text, text, text, jsonb) TO sdesk_admin;
