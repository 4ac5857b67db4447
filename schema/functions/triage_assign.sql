-- schema/functions/triage_assign.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- An agent puts a message waiting in triage into a ticket's thread.
CREATE OR REPLACE FUNCTION public.triage_assign(p_key uuid, p_message bigint, p_ticket bigint)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'triage_assign', jsonb_build_array(p_message, p_ticket));
	m ticket_message;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO m FROM ticket_message x WHERE x.id = p_message FOR UPDATE;
	IF NOT FOUND OR m.triage IS NULL OR m.triage = 'assigned' THEN
		RAISE EXCEPTION 'message % is not waiting in triage', p_message USING ERRCODE = 'no_data_found';
	END IF;
	t := ticket_lock(p_ticket);
	UPDATE ticket_message SET ticket_id = t.id, triage = 'assigned',
		contact_id = coalesce(contact_id, (SELECT x.id FROM contact x WHERE x.account_id = t.account_id
			AND lower(x.email) = m.sender AND x.active ORDER BY x.id LIMIT 1))
	WHERE id = m.id;
	PERFORM record_change('ticket_message', m.id::text, t.id, 'triage_assign',
		jsonb_build_object('triage', m.triage), jsonb_build_object('triage', 'assigned', 'ticket', t.id));
	PERFORM request_finish(p_key, jsonb_build_object('id', m.id));
	RETURN m.id;
END
$$;

ALTER FUNCTION public.triage_assign(uuid, bigint, bigint) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.triage_assign(uuid, bigint, bigint) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.triage_assign(uuid, bigint, bigint) TO sdesk_agent;
