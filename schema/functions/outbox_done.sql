-- schema/functions/outbox_done.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The sender reports: p_error NULL = sendmail accepted it (sent), else the
-- attempt failed and the mail is pending again.
CREATE OR REPLACE FUNCTION public.outbox_done(p_id bigint, p_error text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	o mail_outbox;
BEGIN
	PERFORM current_agent();
	SELECT * INTO o FROM mail_outbox x WHERE x.id = p_id AND x.state = 'sending' FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'mail % is not being sent', p_id USING ERRCODE = 'no_data_found';
	END IF;
	IF p_error IS NULL THEN
		UPDATE mail_outbox SET state = 'sent', sent_at = now(), last_error = NULL WHERE id = o.id;
	ELSE
		UPDATE mail_outbox SET state = 'pending', last_error = left(p_error, 1000) WHERE id = o.id;
	END IF;
	PERFORM record_change('mail_outbox', o.id::text,
		(SELECT m.ticket_id FROM ticket_message m WHERE m.id = o.message),
		CASE WHEN p_error IS NULL THEN 'mail_sent' ELSE 'mail_failed' END, NULL,
		jsonb_build_object('to', o.to_address, 'message_id', o.message_id, 'error', p_error));
	RETURN o.id;
END
$$;

ALTER FUNCTION public.outbox_done(bigint, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.outbox_done(bigint, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.outbox_done(bigint, text) TO sdesk_agent;
