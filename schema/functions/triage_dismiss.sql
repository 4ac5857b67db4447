-- schema/functions/triage_dismiss.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- An agent sets a message in triage aside (spam, nothing to do): kept, ignored.
CREATE OR REPLACE FUNCTION public.triage_dismiss(p_key uuid, p_message bigint, p_reason text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'triage_dismiss', jsonb_build_array(p_message, p_reason));
	m ticket_message;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	PERFORM require_text(p_reason, 'reason');
	SELECT * INTO m FROM ticket_message x WHERE x.id = p_message AND x.triage = 'open' FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'message % is not waiting in triage', p_message USING ERRCODE = 'no_data_found';
	END IF;
	UPDATE ticket_message SET triage = 'ignored', triage_reason = triage_reason || '; dismissed: ' || p_reason
	WHERE id = m.id;
	PERFORM record_change('ticket_message', m.id::text, NULL, 'triage_dismiss',
		jsonb_build_object('triage', 'open'), jsonb_build_object('triage', 'ignored', 'reason', p_reason));
	PERFORM request_finish(p_key, jsonb_build_object('id', m.id));
	RETURN m.id;
END
$$;

ALTER FUNCTION public.triage_dismiss(uuid, bigint, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.triage_dismiss(uuid, bigint, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.triage_dismiss(uuid, bigint, text) TO sdesk_agent;
