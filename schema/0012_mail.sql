-- sdesk schema, migration 12: tickets by e-mail (doc/mail.md).
-- Tables: mail_queue (the addresses), ticket_message (a ticket's thread:
-- incoming mail, replies, notes; incoming mail nobody may thread yet waits in
-- triage with ticket_id NULL), mail_attachment, mail_outbox (every mail
-- sdesk sends: replies and announcements, each sent once).
-- Functions: each in its own block below ("-- function NAME"), so that each
-- can move to its own file under schema/functions/ unchanged.

DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sdesk_mailgate') THEN
		CREATE ROLE sdesk_mailgate NOLOGIN;
	END IF;
END
$$;

-- ---------------------------------------------------------------- tables

-- A mail queue: the address customers write to and replies come from.
CREATE TABLE mail_queue (
	code    text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
	address text NOT NULL CHECK (address ~ '^[^@\s<>"(),;:]+@[A-Za-z0-9.-]+$'),
	name    text NOT NULL DEFAULT 'Support' CHECK (btrim(name) <> '' AND name !~ '[\x01-\x1f\x7f"<>]')
);
INSERT INTO mail_queue (code, address, name) VALUES ('support', 'support@localhost', 'Support');

-- A ticket's thread. kind: note (internal), reply (to the customer, mailed
-- through mail_outbox when channel = 'email'), incoming (a mail received).
-- Incoming mail without a ticket waits in triage (triage = 'open' and a
-- reason) until an agent assigns it; auto-replies and bounces that name no
-- ticket are kept as triage = 'ignored'.
CREATE TABLE ticket_message (
	id           bigserial PRIMARY KEY,
	ticket_id    bigint REFERENCES ticket,
	kind         text NOT NULL CHECK (kind IN ('note', 'reply', 'incoming')),
	channel      text NOT NULL CHECK (channel IN ('console', 'email')),
	author       text,            -- notes and replies: the login role (session_user)
	sender       text,            -- incoming: the From address
	sender_name  text,            -- incoming: the display name, control characters removed
	contact_id   bigint REFERENCES contact,
	at           timestamptz NOT NULL DEFAULT now(), -- incoming: the received instant
	subject      text NOT NULL DEFAULT '' CHECK (length(subject) <= 1000),
	body         text NOT NULL DEFAULT '' CHECK (length(body) <= 1000000),
	message_id   text UNIQUE CHECK (length(message_id) <= 998),
	in_reply_to  text,
	refs         text[] NOT NULL DEFAULT '{}',
	queue        text REFERENCES mail_queue,
	class        text NOT NULL DEFAULT 'normal' CHECK (class IN ('normal', 'auto', 'bounce')),
	triage       text CHECK (triage IN ('open', 'assigned', 'ignored')),
	triage_reason text,
	created_by   text NOT NULL DEFAULT session_user,
	created_at   timestamptz NOT NULL DEFAULT now(),
	CHECK ((kind = 'incoming') = (sender IS NOT NULL)),
	CHECK (kind = 'incoming' OR (author IS NOT NULL AND ticket_id IS NOT NULL)),
	CHECK (ticket_id IS NOT NULL OR triage IN ('open', 'ignored')),
	CHECK (triage IS NULL OR kind = 'incoming')
);
CREATE INDEX ticket_message_ticket ON ticket_message (ticket_id, at) WHERE ticket_id IS NOT NULL;
CREATE INDEX ticket_message_triage ON ticket_message (at) WHERE triage = 'open';

CREATE TABLE mail_attachment (
	id           bigserial PRIMARY KEY,
	message      bigint NOT NULL REFERENCES ticket_message,
	filename     text NOT NULL CHECK (length(filename) <= 255),
	content_type text NOT NULL CHECK (length(content_type) <= 255),
	size         bigint NOT NULL CHECK (size >= 0),
	data         bytea CHECK (data IS NULL OR octet_length(data) <= 52428800), -- NULL: over the limit, not kept
	created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_attachment_message ON mail_attachment (message);

-- Every mail sdesk sends. state: pending -> sending (claimed by one sender)
-- -> sent; a failed attempt goes back to pending with the error. A row left
-- in 'sending' had an unknown outcome (the sender died): it is sent again
-- only on request, with the same Message-ID (doc/mail.md, "Exactly once").
CREATE TABLE mail_outbox (
	id          bigserial PRIMARY KEY,
	kind        text NOT NULL CHECK (kind IN ('reply', 'announcement', 'notice')),
	message     bigint REFERENCES ticket_message,       -- reply
	window_id   bigint REFERENCES maintenance_window,   -- announcement
	broadcast_id bigint REFERENCES broadcast,           -- notice of an incident
	contact_id  bigint REFERENCES contact,
	queue       text NOT NULL REFERENCES mail_queue,
	to_address  text NOT NULL CHECK (to_address ~ '^[^@\s<>"(),;:]+@[^@\s<>"(),;:]+$'),
	subject     text NOT NULL CHECK (subject !~ '[\x01-\x1f\x7f]'),
	body        text NOT NULL,
	message_id  text NOT NULL UNIQUE,
	in_reply_to text,
	refs        text[] NOT NULL DEFAULT '{}',
	state       text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent')),
	attempts    integer NOT NULL DEFAULT 0,
	last_error  text,
	claimed_at  timestamptz,
	claimed_by  text,
	sent_at     timestamptz,
	created_by  text NOT NULL DEFAULT session_user,
	created_at  timestamptz NOT NULL DEFAULT now(),
	CHECK ((kind = 'reply') = (message IS NOT NULL)),
	CHECK ((kind = 'announcement') = (window_id IS NOT NULL)),
	CHECK ((kind = 'notice') = (broadcast_id IS NOT NULL)),
	CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);
CREATE UNIQUE INDEX mail_outbox_one_announcement ON mail_outbox (window_id, contact_id) WHERE kind = 'announcement';
CREATE UNIQUE INDEX mail_outbox_one_notice ON mail_outbox (broadcast_id, contact_id) WHERE kind = 'notice';
CREATE INDEX mail_outbox_pending ON mail_outbox (id) WHERE state <> 'sent';

-- ---------------------------------------------------------------- functions

-- function mail_sanitize
-- One line of header text fit for a subject or name: control characters
-- (ESC, CR, LF, ...) and bidirectional overrides become spaces.
CREATE FUNCTION mail_sanitize(p text, p_max integer) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
	SELECT left(btrim(regexp_replace(coalesce(p, ''),
		'[\x01-\x1f\x7f\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]', ' ', 'g')), p_max)
$$;

-- function mail_plan_category
-- The category of a mailed ticket: p_wanted when the plan has it, else the
-- plan's least severe one (an agent classifies at first contact; doc/mail.md).
CREATE FUNCTION mail_plan_category(p_plan text, p_wanted text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
	SELECT coalesce(
		(SELECT c ->> 'name' FROM plan p, jsonb_array_elements(p.definition -> 'categories') c
		 WHERE p.code = p_plan AND c ->> 'name' = p_wanted),
		(SELECT c ->> 'name' FROM plan p, jsonb_array_elements(p.definition -> 'categories') c
		 WHERE p.code = p_plan ORDER BY (c ->> 'severity')::integer DESC NULLS LAST, c ->> 'name' LIMIT 1))
$$;

-- function mail_contract_overrides
-- A contract's target overrides as the text sla_overrides_parse() reads
-- ("CATEGORY:CLOCK:UNIT:AMOUNT,..."), the same rendering as
-- SQL_CONTRACT_OVERRIDES in src/db/sqlfrag.h: the gateway cannot read
-- contract itself.
CREATE FUNCTION mail_contract_overrides(p_overrides jsonb) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
	SELECT coalesce((SELECT string_agg(coalesce(o->>'category', '*') || ':' || coalesce(o->>'clock', '') || ':' ||
		CASE WHEN o ? 'minutes' THEN 'm:' || (o->>'minutes') WHEN o ? 'hours' THEN 'h:' || (o->>'hours')
		ELSE 'd:' || coalesce(o->>'workdays', '') END, ',')
		FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_overrides->'targets') = 'array'
		THEN p_overrides->'targets' ELSE '[]'::jsonb END) o), '')
$$;

-- function mail_receive
-- The gateway's one write (sdesk mail-in, role sdesk_mailgate). Message-ID
-- is the idempotency key: a message already received returns its first
-- outcome with duplicate = true. p_ticket is the ticket the subject tag names,
-- p_refs the In-Reply-To and References ids (newest first). The received
-- instant is the topmost Received: date when it lies in the last 7 days and
-- not in the future, else now(). Outcomes: 'ticket' (created: the gateway
-- then sets its dues with mail_set_dues), 'thread' (added to the ticket's
-- thread), 'triage' (an agent must assign it; reason says why), 'ignored'
-- (auto-reply or bounce naming no ticket; kept).
CREATE FUNCTION mail_receive(p_message_id text, p_queue text, p_sender text, p_sender_name text,
	p_subject text, p_body text, p_header_received timestamptz, p_ticket bigint, p_refs text[],
	p_class text, p_category text,
	OUT message bigint, OUT ticket bigint, OUT outcome text, OUT reason text, OUT received_at timestamptz,
	OUT plan text, OUT category text, OUT channel text, OUT overrides text, OUT duplicate boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	m ticket_message;
	t ticket;
	k contact;
	c contract;
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
			overrides := mail_contract_overrides(c.overrides);
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
		overrides := mail_contract_overrides(c.overrides);
		INSERT INTO ticket (account_id, contract_id, contact_id, channel, category, subject, description,
			received_at, created_by)
		VALUES (k.account_id, c.id, k.id, channel, category,
			CASE WHEN v_subject = '' THEN '(no subject)' ELSE v_subject END,
			left(coalesce(p_body, ''), 100000), received_at, session_user)
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

-- function mail_set_dues
-- The gateway stores the due instants of a ticket it created (computed by
-- the engine from the received instant the database chose). Only once: a
-- ticket that has dues, or that no mail created, is refused.
CREATE FUNCTION mail_set_dues(p_ticket bigint, p_reaction_due timestamptz, p_resolution_due timestamptz)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	o ticket;
	t ticket;
BEGIN
	o := ticket_lock(p_ticket);
	IF o.reaction_due IS NOT NULL OR o.resolution_due IS NOT NULL OR o.status <> 'new'
	   OR NOT EXISTS (SELECT 1 FROM history h WHERE h.ticket_id = o.id AND h.action = 'mail_ticket') THEN
		RAISE EXCEPTION 'SD-% was not created by mail or has its dues already', p_ticket
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	t := o;
	t.reaction_due := p_reaction_due;
	t.resolution_due := p_resolution_due;
	IF p_reaction_due IS NULL AND p_resolution_due IS NULL THEN
		RETURN o.id;
	END IF;
	UPDATE ticket SET reaction_due = t.reaction_due, resolution_due = t.resolution_due, updated_at = now()
	WHERE id = o.id;
	PERFORM record_change('ticket', o.id::text, o.id, 'mail_dues', to_jsonb(o) - 'updated_at', to_jsonb(t) - 'updated_at');
	RETURN o.id;
END
$$;

-- function mail_attach
-- An attachment of a message the gateway received in this transaction.
-- p_data NULL: over the size limit, only its name and size are kept.
CREATE FUNCTION mail_attach(p_message bigint, p_filename text, p_content_type text, p_size bigint, p_data bytea)
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

-- function mail_reply_id
-- A Message-ID for mail sdesk sends: <sdesk.KIND.KEY@DOMAIN of the queue>.
CREATE FUNCTION mail_reply_id(p_queue text, p_kind text, p_key text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
	SELECT 'sdesk.' || p_kind || '.' || p_key || '@' || split_part(q.address, '@', 2)
	FROM mail_queue q WHERE q.code = p_queue
$$;

-- function post_reply
-- An agent's reply on a ticket (issue 12's thread, issue 14's mail). With
-- p_mail it is mailed to the ticket's contact from p_queue's address (NULL:
-- the queue of the last incoming mail, else 'support') through mail_outbox.
-- Returns the ticket_message id.
CREATE FUNCTION post_reply(p_key uuid, p_ticket bigint, p_body text, p_queue text, p_mail boolean)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'post_reply');
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
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	PERFORM require_text(p_body, 'reply');
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
	VALUES (t.id, 'reply', CASE WHEN p_mail THEN 'email' ELSE 'console' END, a.login, k.id, v_subject, p_body,
		v_mid, last.message_id, coalesce(v_refs, '{}'), v_queue)
	RETURNING id INTO v_id;
	IF p_mail THEN
		INSERT INTO mail_outbox (kind, message, contact_id, queue, to_address, subject, body, message_id,
			in_reply_to, refs)
		VALUES ('reply', v_id, k.id, v_queue, v_to, v_subject, p_body, v_mid, last.message_id, v_refs);
	END IF;
	PERFORM record_change('ticket_message', v_id::text, t.id, 'reply', NULL,
		jsonb_build_object('mail', p_mail, 'to', v_to, 'message_id', v_mid));
	PERFORM request_finish(p_key, jsonb_build_object('id', v_id));
	RETURN v_id;
END
$$;

-- function post_note
-- An internal note on a ticket (issue 12). Returns the ticket_message id.
CREATE FUNCTION post_note(p_key uuid, p_ticket bigint, p_body text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'post_note');
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
	INSERT INTO ticket_message (ticket_id, kind, channel, author, body)
	VALUES (p_ticket, 'note', 'console', a.login, p_body) RETURNING id INTO v_id;
	PERFORM record_change('ticket_message', v_id::text, p_ticket, 'note', NULL, '{}'::jsonb);
	PERFORM request_finish(p_key, jsonb_build_object('id', v_id));
	RETURN v_id;
END
$$;

-- function triage_assign
-- An agent puts a message waiting in triage into a ticket's thread.
CREATE FUNCTION triage_assign(p_key uuid, p_message bigint, p_ticket bigint)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'triage_assign');
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

-- function triage_open_ticket
-- An agent opens a ticket for a message waiting in triage, for a key user
-- of the customer (the sender, once added as a contact, or a key user who
-- vouches for it). The ticket is received when the mail was; the client
-- computes the dues from that instant like for any new ticket.
CREATE FUNCTION triage_open_ticket(p_key uuid, p_message bigint, p_contact bigint, p_contract bigint,
	p_category text, p_reaction_due timestamptz, p_resolution_due timestamptz)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'triage_open_ticket');
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
		m.at, p_reaction_due, p_resolution_due);
	UPDATE ticket_message SET ticket_id = v_ticket, triage = 'assigned', contact_id = p_contact WHERE id = m.id;
	PERFORM record_change('ticket_message', m.id::text, v_ticket, 'triage_ticket',
		jsonb_build_object('triage', m.triage), jsonb_build_object('triage', 'assigned', 'ticket', v_ticket));
	PERFORM request_finish(p_key, jsonb_build_object('id', v_ticket));
	RETURN v_ticket;
END
$$;

-- function triage_dismiss
-- An agent sets a message in triage aside (spam, nothing to do): kept, ignored.
CREATE FUNCTION triage_dismiss(p_key uuid, p_message bigint, p_reason text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'triage_dismiss');
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

-- function outbox_claim
-- A sender takes one mail to send: pending ones, or with p_unknown also one
-- left in 'sending' (its outcome is unknown; sent again with the same
-- Message-ID). Returns NULL when another sender has it or it was sent.
CREATE FUNCTION outbox_claim(p_id bigint, p_unknown boolean) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	o mail_outbox;
BEGIN
	PERFORM current_agent();
	SELECT * INTO o FROM mail_outbox x WHERE x.id = p_id FOR UPDATE SKIP LOCKED;
	IF NOT FOUND OR o.state = 'sent' OR (o.state = 'sending' AND NOT p_unknown) THEN
		RETURN NULL;
	END IF;
	UPDATE mail_outbox SET state = 'sending', claimed_at = now(), claimed_by = session_user, attempts = attempts + 1
	WHERE id = o.id;
	RETURN o.id;
END
$$;

-- function outbox_done
-- The sender reports: p_error NULL = sendmail accepted it (sent), else the
-- attempt failed and the mail is pending again.
CREATE FUNCTION outbox_done(p_id bigint, p_error text) RETURNS bigint
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

-- function announce_maintenance
-- Queues the announcement of a maintenance window to every contact with an
-- e-mail address of the accounts whose contract runs on its first day and
-- whose plan it concerns (scope 'all', a provider or a plan code), once per
-- contact, and sets announced_at. Returns the number of mails queued now.
CREATE FUNCTION announce_maintenance(p_window bigint, p_queue text, p_subject text, p_body text)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	w maintenance_window;
	n integer;
BEGIN
	PERFORM current_agent();
	IF NOT (pg_has_role(session_user, 'sdesk_ops', 'MEMBER') OR pg_has_role(session_user, 'sdesk_lead', 'MEMBER')) THEN
		RAISE EXCEPTION 'announcing maintenance: only ops or a team lead may do this'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT * INTO w FROM maintenance_window x WHERE x.id = p_window FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no maintenance window %', p_window USING ERRCODE = 'no_data_found';
	END IF;
	IF w.starts_at <= now() THEN
		RAISE EXCEPTION 'maintenance window % has started: too late to announce', p_window
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO mail_outbox (kind, window_id, contact_id, queue, to_address, subject, body, message_id)
	SELECT DISTINCT ON (k.id) 'announcement', w.id, k.id, p_queue, lower(k.email), mail_sanitize(p_subject, 400),
		p_body, mail_reply_id(p_queue, 'm' || w.id, k.id::text)
	FROM contact k JOIN contract c ON c.account_id = k.account_id JOIN plan p ON p.code = c.plan_code
	WHERE k.active AND k.email IS NOT NULL
	  AND c.valid_from <= sdesk_local_date(w.starts_at)
	  AND (c.valid_to IS NULL OR c.valid_to >= sdesk_local_date(w.starts_at))
	  AND (w.scope = 'all' OR w.scope = p.code OR w.scope = p.provider)
	ORDER BY k.id
	ON CONFLICT (window_id, contact_id) WHERE kind = 'announcement' DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF w.announced_at IS NULL THEN
		UPDATE maintenance_window SET announced_at = now() WHERE id = w.id;
		PERFORM record_change('maintenance_window', w.id::text, NULL, 'announce', jsonb_build_object('announced_at', NULL),
			jsonb_build_object('announced_at', now(), 'mails', n));
	END IF;
	RETURN n;
END
$$;

-- function notice_incident
-- Mails an incident's latest broadcast (its text and expected fix) to the
-- contacts of the tickets linked to it, once per broadcast and contact: the
-- affected customers hear what the board shows. Ops and leads. Returns the
-- number of mails queued now.
CREATE FUNCTION notice_incident(p_incident bigint, p_queue text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	i incident;
	b broadcast;
	n integer;
BEGIN
	PERFORM current_agent();
	IF NOT (pg_has_role(session_user, 'sdesk_ops', 'MEMBER') OR pg_has_role(session_user, 'sdesk_lead', 'MEMBER')) THEN
		RAISE EXCEPTION 'incident notices: only ops or a team lead may do this'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT * INTO i FROM incident x WHERE x.id = p_incident;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no incident %', p_incident USING ERRCODE = 'no_data_found';
	END IF;
	SELECT * INTO b FROM broadcast x WHERE x.incident_id = i.id ORDER BY x.sent_at DESC, x.id DESC LIMIT 1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'incident % has no broadcast yet: publish one first', p_incident
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO mail_outbox (kind, broadcast_id, contact_id, queue, to_address, subject, body, message_id)
	SELECT DISTINCT ON (k.id) 'notice', b.id, k.id, p_queue, lower(k.email),
		mail_sanitize('Störung / Incident: ' || i.title, 400),
		b.body || E'\n' || CASE WHEN b.expected_fix_at IS NULL THEN ''
			ELSE E'\nVoraussichtlich behoben / expected fix: '
				|| to_char(b.expected_fix_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI') || E' (Europe/Berlin)\n' END
		|| E'\nBetroffene Tickets / affected tickets: ' || (SELECT string_agg('SD-' || t2.id, ', ' ORDER BY t2.id)
			FROM ticket_incident l2 JOIN ticket t2 ON t2.id = l2.ticket_id
			WHERE l2.incident_id = i.id AND t2.account_id = k.account_id) || E'\n',
		mail_reply_id(p_queue, 'n' || b.id, k.id::text)
	FROM ticket_incident l JOIN ticket t ON t.id = l.ticket_id JOIN contact k ON k.id = t.contact_id
	WHERE l.incident_id = i.id AND k.active AND k.email IS NOT NULL
	ORDER BY k.id
	ON CONFLICT (broadcast_id, contact_id) WHERE kind = 'notice' DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	PERFORM record_change('incident', i.id::text, NULL, 'mail_notice', NULL,
		jsonb_build_object('broadcast', b.id, 'mails', n));
	RETURN n;
END
$$;

-- function set_mail_queue
-- Admins name a queue's address (the From of its replies).
CREATE FUNCTION set_mail_queue(p_code text, p_address text, p_name text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
	INSERT INTO mail_queue (code, address, name) VALUES (p_code, p_address, coalesce(p_name, 'Support'))
	ON CONFLICT (code) DO UPDATE SET address = EXCLUDED.address, name = EXCLUDED.name;
	PERFORM record_change('mail_queue', p_code, NULL, 'set', NULL,
		jsonb_build_object('address', p_address, 'name', p_name));
	RETURN p_code;
END
$$;

-- The triage view: mail waiting for an agent.
CREATE VIEW mail_triage AS
	SELECT m.id, m.at, m.sender, m.sender_name, m.subject, m.triage_reason AS reason, m.queue
	FROM ticket_message m WHERE m.triage = 'open';

-- ---------------------------------------------------------------- grants
REVOKE ALL ON mail_queue, ticket_message, mail_attachment, mail_outbox, mail_triage FROM PUBLIC;
GRANT SELECT ON mail_queue, ticket_message, mail_attachment, mail_outbox, mail_triage TO sdesk_agent;
REVOKE EXECUTE ON FUNCTION mail_sanitize(text, integer), mail_contract_overrides(jsonb), mail_plan_category(text, text), mail_reply_id(text, text, text),
	mail_receive(text, text, text, text, text, text, timestamptz, bigint, text[], text, text),
	mail_set_dues(bigint, timestamptz, timestamptz), mail_attach(bigint, text, text, bigint, bytea),
	post_reply(uuid, bigint, text, text, boolean), post_note(uuid, bigint, text),
	triage_assign(uuid, bigint, bigint),
	triage_open_ticket(uuid, bigint, bigint, bigint, text, timestamptz, timestamptz),
	triage_dismiss(uuid, bigint, text), outbox_claim(bigint, boolean), outbox_done(bigint, text),
	announce_maintenance(bigint, text, text, text), notice_incident(bigint, text),
	set_mail_queue(text, text, text) FROM PUBLIC;
-- The gateway's login: these three functions and nothing else.
GRANT EXECUTE ON FUNCTION mail_receive(text, text, text, text, text, text, timestamptz, bigint, text[], text, text),
	mail_set_dues(bigint, timestamptz, timestamptz), mail_attach(bigint, text, text, bigint, bytea)
	TO sdesk_mailgate;
GRANT EXECUTE ON FUNCTION post_reply(uuid, bigint, text, text, boolean), post_note(uuid, bigint, text),
	triage_assign(uuid, bigint, bigint),
	triage_open_ticket(uuid, bigint, bigint, bigint, text, timestamptz, timestamptz),
	triage_dismiss(uuid, bigint, text), outbox_claim(bigint, boolean), outbox_done(bigint, text)
	TO sdesk_agent;
GRANT EXECUTE ON FUNCTION announce_maintenance(bigint, text, text, text), notice_incident(bigint, text)
	TO sdesk_ops, sdesk_lead;
GRANT EXECUTE ON FUNCTION set_mail_queue(text, text, text) TO sdesk_admin;
