-- sdesk schema, migration 24: the pinned clock only on test and demo
-- databases (issue 11; doc/security.md, "The pinned now").
-- sdesk_now() (schema/functions/sdesk_now.sql) honours the session setting
-- sdesk.now only while clock_pin.allowed is true, and refuses it otherwise
-- with a message. The one row belongs to the role that migrates (the
-- database's owner or a superuser): no group is granted a write, and no
-- function writes it, so an agent cannot pin the clock of a real desk. The
-- owner marks a test or demo database with
--     UPDATE clock_pin SET allowed = true;
-- (`sdesk demo setup` and the tests' fixtures do).
CREATE TABLE clock_pin (
	one     boolean PRIMARY KEY DEFAULT true CHECK (one),
	allowed boolean NOT NULL DEFAULT false
);
INSERT INTO clock_pin DEFAULT VALUES;
GRANT SELECT ON clock_pin TO sdesk_owner, sdesk_agent;
