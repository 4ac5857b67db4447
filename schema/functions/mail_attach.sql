-- schema/functions/mail_attach.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- An attachment of a message the gateway received in this transaction.
-- p_data NULL: over the size limit, only its name and size are kept.
CREATE OR REPLACE FUNCTION public.mail_attach(p_message bigint, p_filename text, p_content_type text, p_size bigint, p_data bytea)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_id bigint;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM ticket_message m WHERE m.id = p_message AND m.kind = 'incoming'
	               AND m.created_by = session_user AND m.created_at = now()) THEN
		RAISE EXCEPTION 'mail_attach: message % was not received in this transaction', p_message
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	INSERT INTO mail_attachment (message, filename, content_type, size, data)
	VALUES (p_message, coalesce(nullif(mail_sanitize(p_filename, 255), ''), 'attachment'),
		left(coalesce(p_content_type, 'application/octet-stream'), 255), p_size, p_data)
	RETURNING id INTO v_id;
	RETURN v_id;
END
$$;

ALTER FUNCTION public.mail_attach(bigint, text, text, bigint, bytea) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.mail_attach(bigint, text, text, bigint, bytea) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin, sdesk_mailgate;
GRANT EXECUTE ON FUNCTION public.mail_attach(bigint, text, text, bigint, bytea) TO sdesk_mailgate;
