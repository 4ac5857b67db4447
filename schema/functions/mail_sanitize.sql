-- schema/functions/mail_sanitize.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- One line of header text fit for a subject or name: control characters
-- (ESC, CR, LF, ...) and bidirectional overrides become spaces.
CREATE OR REPLACE FUNCTION public.mail_sanitize(p text, p_max integer) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
	SELECT left(btrim(regexp_replace(coalesce(p, ''),
		'[\x01-\x1f\x7f\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]', ' ', 'g')), p_max)
$$;

ALTER FUNCTION public.mail_sanitize(text, integer) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.mail_sanitize(text, integer) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin, sdesk_mailgate;
