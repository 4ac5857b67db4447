-- schema/functions/resume_ticket.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Ends the pause. The client passes the due instants moved by the paused
-- business time (NULL keeps a value).
DROP FUNCTION IF EXISTS public.resume_ticket(uuid, bigint, timestamp with time zone, timestamp with time zone, timestamp with time zone);
CREATE OR REPLACE FUNCTION public.resume_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'resume_ticket',
		jsonb_build_array(p_ticket, extract(epoch FROM p_at)));
	v_at timestamptz := coalesce(p_at, sdesk_now());
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	IF o.status <> 'waiting' THEN
		RAISE EXCEPTION 'SD-% is not waiting for the customer', o.id USING ERRCODE = 'check_violation';
	END IF;
	UPDATE ticket_pause SET to_at = greatest(v_at, from_at) WHERE ticket_id = o.id AND to_at IS NULL;
	t := o;
	t.status := CASE WHEN o.first_contact_at IS NULL THEN 'new' ELSE 'open' END;
	t.paused_since := NULL;
	RETURN ticket_save(o, t, 'resume', p_key);
END
$function$;

ALTER FUNCTION public.resume_ticket(uuid, bigint, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.resume_ticket(uuid, bigint, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.resume_ticket(uuid, bigint, timestamp with time zone) TO sdesk_agent;
