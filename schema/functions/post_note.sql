-- schema/functions/post_note.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- An internal note on a ticket (issue 12). Returns the ticket_message id.
CREATE OR REPLACE FUNCTION public.post_note(p_key uuid, p_ticket bigint, p_body text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'post_note', jsonb_build_array(p_ticket, p_body));
	a agent;
	v_id bigint;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	PERFORM require_text(p_body, 'note');
	IF NOT EXISTS (SELECT 1 FROM ticket x WHERE x.id = p_ticket) THEN
		RAISE EXCEPTION 'no ticket SD-%', p_ticket USING ERRCODE = 'no_data_found';
	END IF;
	INSERT INTO ticket_message (ticket_id, kind, channel, author, body, at)
	VALUES (p_ticket, 'note', 'console', a.login, p_body, sdesk_now()) RETURNING id INTO v_id;
	PERFORM record_change('ticket_message', v_id::text, p_ticket, 'note', NULL, '{}'::jsonb);
	PERFORM request_finish(p_key, jsonb_build_object('id', v_id));
	RETURN v_id;
END
$$;

ALTER FUNCTION public.post_note(uuid, bigint, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.post_note(uuid, bigint, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.post_note(uuid, bigint, text) TO sdesk_agent;
