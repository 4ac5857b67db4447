-- schema/functions/first_contact.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- First qualified contact: stops the reaction clock, records the
-- classification and (001) the estimated resolution time the customer was told.
DROP FUNCTION IF EXISTS public.first_contact(uuid, bigint, timestamp with time zone, text, timestamp with time zone, timestamp with time zone);
CREATE OR REPLACE FUNCTION public.first_contact(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_category text, p_estimate_due timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'first_contact',
		jsonb_build_array(p_ticket, extract(epoch FROM p_at), p_category, extract(epoch FROM p_estimate_due)));
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	IF o.status IN ('resolved', 'closed') THEN
		RAISE EXCEPTION 'SD-% is %', o.id, o.status USING ERRCODE = 'check_violation';
	END IF;
	t := o;
	IF t.first_contact_at IS NULL THEN
		t.first_contact_at := coalesce(p_at, sdesk_now());
		t.first_contact_kind := 'contact';
	END IF;
	t.category := coalesce(p_category, t.category);
	IF p_estimate_due IS NOT NULL THEN
		IF t.estimate_due IS NOT NULL THEN
			RAISE EXCEPTION 'SD-% already has an estimate: extend it with a reason', o.id
				USING ERRCODE = 'check_violation';
		END IF;
		INSERT INTO ticket_estimate (ticket_id, seq, due) VALUES (o.id, 0, p_estimate_due);
		t.estimate_due := p_estimate_due;
	END IF;
	IF t.status = 'new' THEN
		t.status := 'open';
	END IF;
	RETURN ticket_save(o, t, 'first_contact', p_key);
END
$function$;

ALTER FUNCTION public.first_contact(uuid, bigint, timestamp with time zone, text, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.first_contact(uuid, bigint, timestamp with time zone, text, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.first_contact(uuid, bigint, timestamp with time zone, text, timestamp with time zone) TO sdesk_agent;
