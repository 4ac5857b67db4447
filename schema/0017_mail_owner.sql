-- sdesk schema, migration 17: sdesk_owner's rights on the mail tables of
-- migration 12 (doc/mail.md, doc/security.md). 0012 runs before 0014 creates
-- sdesk_owner, so these grants come here; 0014 already gave it SELECT on
-- every table and USAGE on every sequence. Just what the mail functions
-- (schema/functions/mail_*.sql, post_*, triage_*, outbox_*, announce_*,
-- notice_incident, set_mail_queue) write: no DELETE, no TRUNCATE.
GRANT INSERT ON mail_queue, ticket_message, mail_attachment, mail_outbox TO sdesk_owner;
-- UPDATE also for SELECT ... FOR UPDATE and INSERT ... ON CONFLICT DO UPDATE:
-- set_mail_queue (mail_queue), triage_* (ticket_message), outbox_* and the
-- ON CONFLICT of announcements and notices (mail_outbox), announce_maintenance
-- (maintenance_window.announced_at).
GRANT UPDATE ON mail_queue, ticket_message, mail_outbox TO sdesk_owner;
GRANT UPDATE (announced_at) ON maintenance_window TO sdesk_owner;
