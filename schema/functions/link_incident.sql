-- schema/functions/link_incident.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Links a ticket to an incident. A broadcast already sent after the ticket
-- arrived counts as its first qualified contact.
CREATE OR REPLACE FUNCTION public.link_incident(p_key uuid, p_ticket bigint, p_incident bigint)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'link_incident',
		jsonb_build_array(p_ticket, p_incident));
	v_sent timestamptz;
	o ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	INSERT INTO ticket_incident (ticket_id, incident_id) VALUES (o.id, p_incident);
	PERFORM record_change('ticket', o.id::text, o.id, 'link_incident', NULL,
		jsonb_build_object('incident_id', p_incident));
	SELECT min(sent_at) INTO v_sent FROM broadcast WHERE incident_id = p_incident AND sent_at >= o.received_at;
	IF v_sent IS NOT NULL THEN
		PERFORM ticket_broadcast_contact(o.id, v_sent);
	END IF;
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$function$;

ALTER FUNCTION public.link_incident(uuid, bigint, bigint) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.link_incident(uuid, bigint, bigint) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.link_incident(uuid, bigint, bigint) TO sdesk_agent;
