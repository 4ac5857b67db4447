-- 0018: the ticket as a conversation (issue 12). Notes and replies made at
-- the console name their channel: phone, email, chat, onsite (the older
-- 'console' stays for rows written before). The resolved and closed views of
-- the console read the most recently resolved tickets through an index.
-- Functions: post_reply (channel, first contact), post_note.
ALTER TABLE ticket_message DROP CONSTRAINT ticket_message_channel_check;
ALTER TABLE ticket_message ADD CONSTRAINT ticket_message_channel_check
	CHECK (channel IN ('console', 'email', 'phone', 'chat', 'onsite'));

CREATE INDEX ticket_done_recent ON ticket (resolved_at DESC, id DESC) WHERE status IN ('resolved', 'closed');
