-- schema/functions/post_reply.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- An agent's reply on a ticket (issue 12's thread, issue 14's mail). With
-- p_mail it is mailed to the ticket's contact from p_queue's address (NULL:
-- the queue of the last incoming mail, else 'support') through mail_outbox.
-- p_channel: how the customer was answered (phone, email, chat, onsite;
-- NULL: email when mailed, else phone); a mailed reply is an e-mail. With
-- p_first_contact, a reply on a ticket without a first qualified contact is
-- that contact (the reaction clock stops at the reply's instant; the
-- console says so before saving). Returns the ticket_message id.
DROP FUNCTION IF EXISTS public.post_reply(uuid, bigint, text, text, boolean);
CREATE OR REPLACE FUNCTION public.post_reply(p_key uuid, p_ticket bigint, p_body text, p_queue text, p_mail boolean,
	p_channel text, p_first_contact boolean)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'post_reply',
		jsonb_build_array(p_ticket, p_body, p_queue, p_mail, p_channel, p_first_contact));
	a agent;
	t ticket;
	k contact;
	last ticket_message;
	v_queue text;
	v_to text;
	v_mid text;
	v_refs text[];
	v_id bigint;
	v_subject text;
	v_channel text := coalesce(p_channel, CASE WHEN p_mail THEN 'email' ELSE 'phone' END);
	v_at timestamptz := sdesk_now();
	o ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	PERFORM require_text(p_body, 'reply');
	IF v_channel NOT IN ('phone', 'email', 'chat', 'onsite') THEN
		RAISE EXCEPTION 'a reply''s channel is phone, email, chat or onsite, not %', v_channel
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_mail AND v_channel <> 'email' THEN
		RAISE EXCEPTION 'a mailed reply is an e-mail, not %', v_channel USING ERRCODE = 'check_violation';
	END IF;
	SELECT * INTO t FROM ticket WHERE id = p_ticket;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no ticket SD-%', p_ticket USING ERRCODE = 'no_data_found';
	END IF;
	SELECT * INTO last FROM ticket_message m WHERE m.ticket_id = t.id AND m.kind = 'incoming' AND m.class = 'normal'
		ORDER BY m.at DESC, m.id DESC LIMIT 1;
	v_queue := coalesce(p_queue, last.queue, 'support');
	IF NOT EXISTS (SELECT 1 FROM mail_queue q WHERE q.code = v_queue) THEN
		RAISE EXCEPTION 'no mail queue %', v_queue USING ERRCODE = 'foreign_key_violation';
	END IF;
	v_subject := '[SD-' || t.id || '] ' || regexp_replace(
		mail_sanitize(coalesce(nullif(last.subject, ''), t.subject), 400), '^((re|aw|fwd?|wg):\s*)*(\[SD-[0-9]+\]\s*)?', '', 'i');
	IF p_mail THEN
		SELECT * INTO k FROM contact x WHERE x.id = coalesce(last.contact_id, t.contact_id);
		v_to := coalesce(k.email, last.sender);
		IF v_to IS NULL THEN
			RAISE EXCEPTION 'SD-%: the contact has no e-mail address: reply by phone', t.id
				USING ERRCODE = 'check_violation';
		END IF;
		v_mid := mail_reply_id(v_queue, 'r' || t.id, p_key::text);
		-- References: the thread's first message, the parent's references, the parent.
		IF last.message_id IS NOT NULL THEN
			v_refs := ARRAY(SELECT x FROM unnest(ARRAY[(SELECT f.message_id FROM ticket_message f
					WHERE f.ticket_id = t.id AND f.message_id IS NOT NULL ORDER BY f.at, f.id LIMIT 1)]
				|| last.refs[1:10] || ARRAY[last.message_id]) WITH ORDINALITY u(x, n)
				WHERE x IS NOT NULL GROUP BY x ORDER BY min(n));
		END IF;
	END IF;
	INSERT INTO ticket_message (ticket_id, kind, channel, author, contact_id, subject, body, message_id, in_reply_to,
		refs, queue)
	VALUES (t.id, 'reply', v_channel, a.login, k.id, v_subject, p_body,
		v_mid, last.message_id, coalesce(v_refs, '{}'), v_queue)
	RETURNING id INTO v_id;
	UPDATE ticket_message SET at = v_at WHERE id = v_id;
	IF coalesce(p_first_contact, false) THEN
		o := ticket_lock(t.id);
		IF o.first_contact_at IS NULL AND o.status NOT IN ('resolved', 'closed') THEN
			t := o;
			t.first_contact_at := greatest(v_at, o.received_at);
			t.first_contact_kind := 'contact';
			IF t.status = 'new' THEN
				t.status := 'open';
			END IF;
			PERFORM ticket_save(o, t, 'first_contact', NULL);
		END IF;
	END IF;
	IF p_mail THEN
		INSERT INTO mail_outbox (kind, message, contact_id, queue, to_address, subject, body, message_id,
			in_reply_to, refs)
		VALUES ('reply', v_id, k.id, v_queue, v_to, v_subject, p_body, v_mid, last.message_id, v_refs);
	END IF;
	PERFORM record_change('ticket_message', v_id::text, t.id, 'reply', NULL,
		jsonb_build_object('mail', p_mail, 'to', v_to, 'message_id', v_mid, 'channel', v_channel));
	PERFORM request_finish(p_key, jsonb_build_object('id', v_id));
	RETURN v_id;
END
$$;

ALTER FUNCTION public.post_reply(uuid, bigint, text, text, boolean, text, boolean) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.post_reply(uuid, bigint, text, text, boolean, text, boolean) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.post_reply(uuid, bigint, text, text, boolean, text, boolean) TO sdesk_agent;
