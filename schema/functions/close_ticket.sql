-- schema/functions/close_ticket.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.close_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'close_ticket',
		jsonb_build_array(p_ticket, extract(epoch FROM p_at)));
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	IF o.status <> 'resolved' THEN
		RAISE EXCEPTION 'SD-% is %: only a resolved ticket can be closed', o.id, o.status
			USING ERRCODE = 'check_violation';
	END IF;
	t := o;
	t.status := 'closed';
	t.closed_at := coalesce(p_at, sdesk_now());
	RETURN ticket_save(o, t, 'close', p_key);
END
$function$;

ALTER FUNCTION public.close_ticket(uuid, bigint, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.close_ticket(uuid, bigint, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.close_ticket(uuid, bigint, timestamp with time zone) TO sdesk_agent;
