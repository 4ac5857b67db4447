-- schema/functions/triage_open_ticket.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- An agent opens a ticket for a message waiting in triage, for a key user
-- of the customer (the sender, once added as a contact, or a key user who
-- vouches for it). The ticket is received when the mail was; create_ticket
-- gives it the engine's dues from that instant (ticket_dues), like any new ticket.
-- The signature lost the due instants the client used to send.
DROP FUNCTION IF EXISTS public.triage_open_ticket(uuid, bigint, bigint, bigint, text, timestamp with time zone, timestamp with time zone);

CREATE OR REPLACE FUNCTION public.triage_open_ticket(p_key uuid, p_message bigint, p_contact bigint, p_contract bigint,
	p_category text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'triage_open_ticket',
		jsonb_build_array(p_message, p_contact, p_contract, p_category));
	m ticket_message;
	k contact;
	v_ticket bigint;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO m FROM ticket_message x WHERE x.id = p_message FOR UPDATE;
	IF NOT FOUND OR m.triage IS NULL OR m.triage = 'assigned' THEN
		RAISE EXCEPTION 'message % is not waiting in triage', p_message USING ERRCODE = 'no_data_found';
	END IF;
	SELECT * INTO k FROM contact x WHERE x.id = p_contact;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contact %', p_contact USING ERRCODE = 'no_data_found';
	END IF;
	-- create_ticket checks the contract, the contact and the key-user rule.
	v_ticket := create_ticket(gen_random_uuid(), k.account_id, p_contract, p_contact,
		CASE WHEN (SELECT (p.definition -> 'channels') ? 'email' FROM contract c JOIN plan p ON p.code = c.plan_code
		           WHERE c.id = p_contract) THEN 'email' ELSE 'ticket' END,
		p_category, CASE WHEN m.subject = '' THEN '(no subject)' ELSE m.subject END, left(m.body, 100000),
		m.at);
	UPDATE ticket_message SET ticket_id = v_ticket, triage = 'assigned', contact_id = p_contact WHERE id = m.id;
	PERFORM record_change('ticket_message', m.id::text, v_ticket, 'triage_ticket',
		jsonb_build_object('triage', m.triage), jsonb_build_object('triage', 'assigned', 'ticket', v_ticket));
	PERFORM request_finish(p_key, jsonb_build_object('id', v_ticket));
	RETURN v_ticket;
END
$$;

ALTER FUNCTION public.triage_open_ticket(uuid, bigint, bigint, bigint, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.triage_open_ticket(uuid, bigint, bigint, bigint, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.triage_open_ticket(uuid, bigint, bigint, bigint, text) TO sdesk_agent;
