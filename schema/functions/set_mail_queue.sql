-- schema/functions/set_mail_queue.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Admins name a queue's address (the From of its replies).
CREATE OR REPLACE FUNCTION public.set_mail_queue(p_code text, p_address text, p_name text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
	INSERT INTO mail_queue (code, address, name) VALUES (p_code, p_address, coalesce(p_name, 'Support'))
	ON CONFLICT (code) DO UPDATE SET address = EXCLUDED.address, name = EXCLUDED.name;
	PERFORM record_change('mail_queue', p_code, NULL, 'set', NULL,
		jsonb_build_object('address', p_address, 'name', p_name));
	RETURN p_code;
END
$$;

ALTER FUNCTION public.set_mail_queue(text, text, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.set_mail_queue(text, text, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.set_mail_queue(text, text, text) TO sdesk_admin;
