-- schema/functions/create_incident.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.create_incident(p_key uuid, p_title text, p_description text, p_started_at timestamp with time zone, p_expected_fix_at timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_incident',
		jsonb_build_array(p_title, p_description, extract(epoch FROM p_started_at),
			extract(epoch FROM p_expected_fix_at)));
	r incident;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	INSERT INTO incident (title, description, started_at, expected_fix_at, created_by)
	VALUES (p_title, coalesce(p_description, ''), coalesce(p_started_at, sdesk_now()), p_expected_fix_at, session_user)
	RETURNING * INTO r;
	PERFORM record_change('incident', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.create_incident(uuid, text, text, timestamp with time zone, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.create_incident(uuid, text, text, timestamp with time zone, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.create_incident(uuid, text, text, timestamp with time zone, timestamp with time zone) TO sdesk_ops;
