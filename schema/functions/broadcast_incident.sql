-- schema/functions/broadcast_incident.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Publishes a message about an incident to every affected customer: the first
-- qualified contact of every linked ticket that has none (000).
CREATE OR REPLACE FUNCTION public.broadcast_incident(p_key uuid, p_incident bigint, p_body text, p_expected_fix_at timestamp with time zone, p_sent_at timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'broadcast_incident',
		jsonb_build_array(p_incident, p_body, extract(epoch FROM p_expected_fix_at),
			extract(epoch FROM p_sent_at)));
	v_ticket bigint;
	i incident;
	r broadcast;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO i FROM incident WHERE id = p_incident FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no incident %', p_incident USING ERRCODE = 'no_data_found';
	END IF;
	INSERT INTO broadcast (incident_id, body, expected_fix_at, sent_at, sent_by)
	VALUES (i.id, p_body, p_expected_fix_at, coalesce(p_sent_at, sdesk_now()), session_user) RETURNING * INTO r;
	IF p_expected_fix_at IS NOT NULL THEN
		UPDATE incident SET expected_fix_at = p_expected_fix_at WHERE id = i.id;
	END IF;
	PERFORM record_change('incident', i.id::text, NULL, 'broadcast', NULL, to_jsonb(r));
	FOR v_ticket IN SELECT ticket_id FROM ticket_incident WHERE incident_id = i.id ORDER BY ticket_id LOOP
		PERFORM ticket_broadcast_contact(v_ticket, r.sent_at);
	END LOOP;
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.broadcast_incident(uuid, bigint, text, timestamp with time zone, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.broadcast_incident(uuid, bigint, text, timestamp with time zone, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.broadcast_incident(uuid, bigint, text, timestamp with time zone, timestamp with time zone) TO sdesk_ops;
