-- schema/functions/set_escalation.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Level 3 and the extended escalation are a lead's decision, with a reason.
CREATE OR REPLACE FUNCTION public.set_escalation(p_key uuid, p_ticket bigint, p_level smallint, p_extended boolean, p_reason text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'set_escalation',
		jsonb_build_array(p_ticket, p_level, p_extended, p_reason));
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM require_lead('set the escalation level');
	PERFORM require_text(p_reason, 'a reason for the escalation');
	o := ticket_lock(p_ticket);
	t := o;
	t.escalation_level := p_level;
	t.escalation_extended := coalesce(p_extended, false);
	PERFORM ticket_save(o, t, 'set_escalation', NULL);
	PERFORM record_change('ticket', o.id::text, o.id, 'reason', NULL, jsonb_build_object('reason', p_reason));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$function$;

ALTER FUNCTION public.set_escalation(uuid, bigint, smallint, boolean, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.set_escalation(uuid, bigint, smallint, boolean, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.set_escalation(uuid, bigint, smallint, boolean, text) TO sdesk_lead;
