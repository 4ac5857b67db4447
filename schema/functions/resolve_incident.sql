-- schema/functions/resolve_incident.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.resolve_incident(p_key uuid, p_incident bigint, p_at timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'resolve_incident',
		jsonb_build_array(p_incident, extract(epoch FROM p_at)));
	o incident;
	r incident;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO o FROM incident WHERE id = p_incident FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no incident %', p_incident USING ERRCODE = 'no_data_found';
	END IF;
	UPDATE incident SET status = 'resolved', resolved_at = coalesce(p_at, sdesk_now())
	WHERE id = o.id RETURNING * INTO r;
	PERFORM record_change('incident', o.id::text, NULL, 'resolve', to_jsonb(o), to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$function$;

ALTER FUNCTION public.resolve_incident(uuid, bigint, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.resolve_incident(uuid, bigint, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.resolve_incident(uuid, bigint, timestamp with time zone) TO sdesk_ops;
