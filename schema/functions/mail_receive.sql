-- schema/functions/mail_receive.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The gateway's one write (sdesk mail-in, role sdesk_mailgate). Message-ID
-- is the idempotency key: a message already received returns its first
-- outcome with duplicate = true. p_ticket is the ticket the subject tag names,
-- p_refs the In-Reply-To and References ids (newest first). The received
-- instant is the topmost Received: date when it lies in the last 7 days and
-- not in the future, else now(). Outcomes: 'ticket' (created, with the
-- engine's dues from ticket_dues), 'thread' (added to the ticket's
-- thread), 'triage' (an agent must assign it; reason says why), 'ignored'
-- (auto-reply or bounce naming no ticket; kept).
CREATE OR REPLACE FUNCTION public.mail_receive(p_message_id text, p_queue text, p_sender text, p_sender_name text,
	p_subject text, p_body text, p_header_received timestamptz, p_ticket bigint, p_refs text[],
	p_class text, p_category text,
	OUT message bigint, OUT ticket bigint, OUT outcome text, OUT reason text, OUT received_at timestamptz,
	OUT plan text, OUT category text, OUT channel text, OUT duplicate boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	m ticket_message;
	t ticket;
	k contact;
	c contract;
	d record;
	v_sender text := lower(btrim(p_sender));
	v_subject text := mail_sanitize(p_subject, 500);
	v_name text := mail_sanitize(p_sender_name, 200);
	v_ticket bigint;
	v_via text;
	v_n integer;
BEGIN
	IF p_message_id IS NULL OR btrim(p_message_id) = '' OR length(p_message_id) > 998 THEN
		RAISE EXCEPTION 'mail_receive: a Message-ID is required' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF v_sender IS NULL OR v_sender !~ '^[^@\s]+@[^@\s]+$' THEN
		RAISE EXCEPTION 'mail_receive: no sender address' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF p_class NOT IN ('normal', 'auto', 'bounce') THEN
		RAISE EXCEPTION 'mail_receive: unknown class %', p_class USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- Two deliveries of one message at once: the second waits here.
	PERFORM pg_advisory_xact_lock(hashtextextended(p_message_id, 7306251835190012));
	SELECT * INTO m FROM ticket_message WHERE message_id = p_message_id;
	IF FOUND THEN
		message := m.id;
		ticket := m.ticket_id;
		duplicate := true;
		received_at := m.at;
		reason := m.triage_reason;
		outcome := CASE WHEN m.triage = 'open' THEN 'triage' WHEN m.triage = 'ignored' THEN 'ignored'
			WHEN EXISTS (SELECT 1 FROM history h WHERE h.entity = 'ticket_message' AND h.entity_id = m.id::text
				AND h.action = 'mail_ticket') THEN 'ticket'
			ELSE 'thread' END;
		IF outcome = 'ticket' THEN
			SELECT * INTO t FROM ticket WHERE id = m.ticket_id;
			SELECT * INTO c FROM contract WHERE id = t.contract_id;
			plan := c.plan_code;
			category := t.category;
			channel := t.channel;
		END IF;
		RETURN;
	END IF;
	duplicate := false;
	received_at := CASE WHEN p_header_received IS NOT NULL AND p_header_received <= now()
		AND p_header_received > now() - interval '7 days' THEN p_header_received ELSE now() END;

	-- Which ticket the message names: the tag, else a message of its thread.
	v_ticket := p_ticket;
	IF v_ticket IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ticket x WHERE x.id = v_ticket) THEN
		v_ticket := NULL;
	END IF;
	IF v_ticket IS NULL AND p_refs IS NOT NULL THEN
		SELECT x.ticket_id INTO v_ticket FROM unnest(p_refs) WITH ORDINALITY r(id, n)
			JOIN ticket_message x ON x.message_id = r.id
		WHERE x.ticket_id IS NOT NULL ORDER BY r.n LIMIT 1;
	END IF;

	IF v_ticket IS NOT NULL THEN
		SELECT * INTO t FROM ticket WHERE id = v_ticket;
		SELECT * INTO k FROM contact x WHERE lower(x.email) = v_sender AND x.account_id = t.account_id AND x.active
			ORDER BY x.id LIMIT 1;
		IF NOT FOUND THEN
			IF p_class <> 'normal' THEN
				-- A bounce comes from a mailer, not the customer: it belongs to the
				-- ticket only through our own Message-ID, never through a tag.
				IF p_class = 'bounce' AND EXISTS (SELECT 1 FROM unnest(p_refs) r(id)
					JOIN ticket_message x ON x.message_id = r.id WHERE x.ticket_id = v_ticket AND x.kind = 'reply') THEN
					v_via := 'thread';
				ELSE
					v_via := 'ignored';
					reason := 'auto-reply or bounce from ' || v_sender || ', not a contact of SD-' || v_ticket;
				END IF;
			ELSE
				v_via := 'triage';
				reason := 'names SD-' || v_ticket || ' but ' || v_sender || ' is not a contact of its customer';
			END IF;
		ELSE
			v_via := 'thread';
		END IF;
		IF v_via = 'thread' THEN
			INSERT INTO ticket_message (ticket_id, kind, channel, sender, sender_name, contact_id, at, subject, body,
				message_id, in_reply_to, refs, queue, class)
			VALUES (t.id, 'incoming', 'email', v_sender, v_name, k.id, received_at, v_subject, coalesce(p_body, ''),
				p_message_id, p_refs[1], coalesce(p_refs, '{}'), p_queue, p_class)
			RETURNING id INTO message;
			PERFORM record_change('ticket_message', message::text, t.id, 'mail_in', NULL,
				jsonb_build_object('sender', v_sender, 'subject', v_subject, 'class', p_class));
			ticket := t.id;
			outcome := 'thread';
			RETURN;
		END IF;
	ELSIF p_class <> 'normal' THEN
		v_via := 'ignored';
		reason := CASE p_class WHEN 'auto' THEN 'auto-reply' ELSE 'bounce' END || ' naming no ticket';
	ELSE
		SELECT count(*) INTO v_n FROM contact x WHERE lower(x.email) = v_sender AND x.active;
		IF v_n = 0 THEN
			v_via := 'triage';
			reason := 'unknown sender ' || v_sender;
		ELSIF v_n > 1 THEN
			v_via := 'triage';
			reason := v_sender || ' is a contact of more than one customer';
		ELSE
			SELECT * INTO k FROM contact x WHERE lower(x.email) = v_sender AND x.active;
			-- The contract running on the received day, one with e-mail support first.
			SELECT x.* INTO c FROM contract x JOIN plan p ON p.code = x.plan_code
			WHERE x.account_id = k.account_id AND x.valid_from <= sdesk_local_date(received_at)
			  AND (x.valid_to IS NULL OR x.valid_to >= sdesk_local_date(received_at))
			ORDER BY (p.definition -> 'channels') ? 'email' DESC, x.id LIMIT 1;
			IF k.role <> 'key_user' THEN
				v_via := 'triage';
				reason := v_sender || ' is an end user: end users go through a key user';
			ELSIF c.id IS NULL THEN
				v_via := 'triage';
				reason := 'no contract of the customer runs on ' || sdesk_local_date(received_at);
			ELSE
				plan := c.plan_code;
				category := mail_plan_category(c.plan_code, p_category);
				IF category IS NULL THEN
					v_via := 'triage';
					reason := 'plan ' || c.plan_code || ' has no categories';
				END IF;
			END IF;
		END IF;
	END IF;

	IF v_via IS NULL THEN
		channel := CASE WHEN (SELECT (p.definition -> 'channels') ? 'email' FROM plan p WHERE p.code = c.plan_code)
			THEN 'email' ELSE 'ticket' END;
		-- The dues are the engine's (ticket_dues), as in create_ticket: the
		-- row is built first, then asked for its dues, then stored.
		t.account_id := k.account_id;
		t.contract_id := c.id;
		t.channel := channel;
		t.category := category;
		t.received_at := received_at;
		d := ticket_dues(t);
		INSERT INTO ticket (account_id, contract_id, contact_id, channel, category, subject, description,
			received_at, reaction_due, resolution_due, created_by)
		VALUES (k.account_id, c.id, k.id, channel, category,
			CASE WHEN v_subject = '' THEN '(no subject)' ELSE v_subject END,
			left(coalesce(p_body, ''), 100000), received_at, d.reaction_due, d.resolution_due, session_user)
		RETURNING * INTO t;
		PERFORM record_change('ticket', t.id::text, t.id, 'create', NULL, to_jsonb(t) - 'updated_at');
		INSERT INTO ticket_message (ticket_id, kind, channel, sender, sender_name, contact_id, at, subject, body,
			message_id, in_reply_to, refs, queue, class)
		VALUES (t.id, 'incoming', 'email', v_sender, v_name, k.id, received_at, v_subject, coalesce(p_body, ''),
			p_message_id, p_refs[1], coalesce(p_refs, '{}'), p_queue, p_class)
		RETURNING id INTO message;
		PERFORM record_change('ticket_message', message::text, t.id, 'mail_ticket', NULL,
			jsonb_build_object('sender', v_sender, 'subject', v_subject));
		ticket := t.id;
		outcome := 'ticket';
		RETURN;
	END IF;

	INSERT INTO ticket_message (ticket_id, kind, channel, sender, sender_name, contact_id, at, subject, body,
		message_id, in_reply_to, refs, queue, class, triage, triage_reason)
	VALUES (NULL, 'incoming', 'email', v_sender, v_name, k.id, received_at, v_subject, coalesce(p_body, ''),
		p_message_id, p_refs[1], coalesce(p_refs, '{}'), p_queue, p_class,
		CASE v_via WHEN 'ignored' THEN 'ignored' ELSE 'open' END, reason)
	RETURNING id INTO message;
	PERFORM record_change('ticket_message', message::text, NULL, 'mail_' || v_via, NULL,
		jsonb_build_object('sender', v_sender, 'subject', v_subject, 'reason', reason));
	outcome := CASE v_via WHEN 'ignored' THEN 'ignored' ELSE 'triage' END;
END
$$;

ALTER FUNCTION public.mail_receive(text, text, text, text, text, text, timestamp with time zone, bigint, text[], text, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.mail_receive(text, text, text, text, text, text, timestamp with time zone, bigint, text[], text, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin, sdesk_mailgate;
GRANT EXECUTE ON FUNCTION public.mail_receive(text, text, text, text, text, text, timestamp with time zone, bigint, text[], text, text) TO sdesk_mailgate;
