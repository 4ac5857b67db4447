-- sdesk schema, migration 12: tickets by e-mail (doc/mail.md).
-- Tables: mail_queue (the addresses), ticket_message (a ticket's thread:
-- incoming mail, replies, notes; incoming mail nobody may thread yet waits in
-- triage with ticket_id NULL), mail_attachment, mail_outbox (every mail
-- sdesk sends: replies and announcements, each sent once).
-- Functions: schema/functions/ (mail_receive, mail_attach for the gateway's
-- group sdesk_mailgate; post_reply, post_note, triage_*, outbox_*, ...);
-- sdesk_owner's rights on these tables: 0017_mail_owner.sql.

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

-- The triage view: mail waiting for an agent.
CREATE VIEW mail_triage AS
	SELECT m.id, m.at, m.sender, m.sender_name, m.subject, m.triage_reason AS reason, m.queue
	FROM ticket_message m WHERE m.triage = 'open';

-- ---------------------------------------------------------------- grants
REVOKE ALL ON mail_queue, ticket_message, mail_attachment, mail_outbox, mail_triage FROM PUBLIC;
GRANT SELECT ON mail_queue, ticket_message, mail_attachment, mail_outbox, mail_triage TO sdesk_agent;
