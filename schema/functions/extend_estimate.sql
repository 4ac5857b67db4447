-- schema/functions/extend_estimate.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- A new estimate because the last one cannot be met (001): the first
-- extension raises the escalation to level 1, the second to level 2.
CREATE OR REPLACE FUNCTION public.extend_estimate(p_key uuid, p_ticket bigint, p_new_due timestamp with time zone, p_reason text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'extend_estimate',
		jsonb_build_array(p_ticket, extract(epoch FROM p_new_due), p_reason));
	v_seq smallint;
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	PERFORM require_text(p_reason, 'a reason for the new estimate');
	o := ticket_lock(p_ticket);
	IF o.estimate_due IS NULL THEN
		RAISE EXCEPTION 'SD-% has no estimate yet: give one with the first contact', o.id
			USING ERRCODE = 'check_violation';
	END IF;
	IF o.status IN ('resolved', 'closed') THEN
		RAISE EXCEPTION 'SD-% is %', o.id, o.status USING ERRCODE = 'check_violation';
	END IF;
	SELECT max(seq) + 1 INTO v_seq FROM ticket_estimate WHERE ticket_id = o.id;
	INSERT INTO ticket_estimate (ticket_id, seq, due, reason) VALUES (o.id, v_seq, p_new_due, p_reason);
	t := o;
	t.estimate_due := p_new_due;
	t.escalation_level := greatest(o.escalation_level, least(v_seq, 2));
	RETURN ticket_save(o, t, 'extend_estimate', p_key);
END
$function$;

ALTER FUNCTION public.extend_estimate(uuid, bigint, timestamp with time zone, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.extend_estimate(uuid, bigint, timestamp with time zone, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.extend_estimate(uuid, bigint, timestamp with time zone, text) TO sdesk_agent;
