-- schema/functions/outbox_claim.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- A sender takes one mail to send: pending ones, or with p_unknown also one
-- left in 'sending' (its outcome is unknown; sent again with the same
-- Message-ID). Returns NULL when another sender has it or it was sent.
CREATE OR REPLACE FUNCTION public.outbox_claim(p_id bigint, p_unknown boolean) RETURNS bigint
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

ALTER FUNCTION public.outbox_claim(bigint, boolean) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.outbox_claim(bigint, boolean) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.outbox_claim(bigint, boolean) TO sdesk_agent;
