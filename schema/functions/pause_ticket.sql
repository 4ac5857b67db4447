-- schema/functions/pause_ticket.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Waiting for the customer: the clocks stop until resume_ticket.
CREATE OR REPLACE FUNCTION public.pause_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_reason text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'pause_ticket',
		jsonb_build_array(p_ticket, extract(epoch FROM p_at), p_reason));
	v_at timestamptz := coalesce(p_at, sdesk_now());
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	IF o.status NOT IN ('new', 'open') THEN
		RAISE EXCEPTION 'SD-% is %: only a new or open ticket can wait for the customer', o.id, o.status
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO ticket_pause (ticket_id, from_at, reason) VALUES (o.id, v_at, p_reason);
	t := o;
	t.status := 'waiting';
	t.paused_since := v_at;
	RETURN ticket_save(o, t, 'pause', p_key);
END
$function$;

ALTER FUNCTION public.pause_ticket(uuid, bigint, timestamp with time zone, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.pause_ticket(uuid, bigint, timestamp with time zone, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.pause_ticket(uuid, bigint, timestamp with time zone, text) TO sdesk_agent;
