-- schema/functions/ticket_broadcast_contact.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Counts a broadcast sent at p_at as the first qualified contact of ticket o
-- when it has none yet and was received before.
CREATE OR REPLACE FUNCTION public.ticket_broadcast_contact(p_ticket bigint, p_at timestamp with time zone)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	o ticket := ticket_lock(p_ticket);
	t ticket;
BEGIN
	IF o.first_contact_at IS NOT NULL OR o.received_at > p_at
	   OR o.status IN ('resolved', 'closed') THEN
		RETURN;
	END IF;
	t := o;
	t.first_contact_at := p_at;
	t.first_contact_kind := 'broadcast';
	IF t.status = 'new' THEN
		t.status := 'open';
	END IF;
	PERFORM ticket_save(o, t, 'broadcast_contact', NULL);
END
$function$;

ALTER FUNCTION public.ticket_broadcast_contact(bigint, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ticket_broadcast_contact(bigint, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
