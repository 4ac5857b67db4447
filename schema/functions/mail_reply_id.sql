-- schema/functions/mail_reply_id.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- A Message-ID for mail sdesk sends: <sdesk.KIND.KEY@DOMAIN of the queue>.
CREATE OR REPLACE FUNCTION public.mail_reply_id(p_queue text, p_kind text, p_key text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
	SELECT 'sdesk.' || p_kind || '.' || p_key || '@' || split_part(q.address, '@', 2)
	FROM mail_queue q WHERE q.code = p_queue
$$;

ALTER FUNCTION public.mail_reply_id(text, text, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.mail_reply_id(text, text, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin, sdesk_mailgate;
