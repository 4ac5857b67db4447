-- schema/functions/link_dev_ticket.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.link_dev_ticket(p_key uuid, p_ticket bigint, p_tracker text, p_ref text, p_kind text, p_url text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'link_dev_ticket',
		jsonb_build_array(p_ticket, p_tracker, p_ref, p_kind, p_url));
	o ticket;
	r dev_link;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	INSERT INTO dev_link (ticket_id, tracker, ref, kind, url) VALUES (o.id, p_tracker, p_ref, p_kind, p_url)
	RETURNING * INTO r;
	PERFORM record_change('dev_link', r.id::text, o.id, 'link_dev_ticket', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.link_dev_ticket(uuid, bigint, text, text, text, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.link_dev_ticket(uuid, bigint, text, text, text, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.link_dev_ticket(uuid, bigint, text, text, text, text) TO sdesk_agent;
