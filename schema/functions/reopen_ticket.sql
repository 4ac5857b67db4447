-- schema/functions/reopen_ticket.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

DROP FUNCTION IF EXISTS public.reopen_ticket(uuid, bigint, text, timestamp with time zone);
CREATE OR REPLACE FUNCTION public.reopen_ticket(p_key uuid, p_ticket bigint, p_reason text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'reopen_ticket',
		jsonb_build_array(p_ticket, p_reason));
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	PERFORM require_text(p_reason, 'a reason for reopening');
	o := ticket_lock(p_ticket);
	IF o.status NOT IN ('resolved', 'closed') THEN
		RAISE EXCEPTION 'SD-% is not resolved', o.id USING ERRCODE = 'check_violation';
	END IF;
	t := o;
	t.status := 'open';
	t.resolved_at := NULL;
	t.closed_at := NULL;
	-- The plan's rule for the clocks: the time the ticket stood resolved is
	-- a pause (the customer had a solution), so the clocks go on from where
	-- they stopped.
	INSERT INTO ticket_pause (ticket_id, from_at, to_at, reason)
	VALUES (o.id, o.resolved_at, greatest(sdesk_now(), o.resolved_at), 'resolved until reopened: ' || p_reason);
	PERFORM ticket_save(o, t, 'reopen', NULL);
	PERFORM record_change('ticket', o.id::text, o.id, 'reason', NULL, jsonb_build_object('reason', p_reason));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$function$;

ALTER FUNCTION public.reopen_ticket(uuid, bigint, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.reopen_ticket(uuid, bigint, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.reopen_ticket(uuid, bigint, text) TO sdesk_agent;
