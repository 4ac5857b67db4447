-- schema/functions/set_tier.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Hands the ticket to another support tier (1st/2nd/3rd level) with a reason.
CREATE OR REPLACE FUNCTION public.set_tier(p_key uuid, p_ticket bigint, p_tier smallint, p_reason text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'set_tier',
		jsonb_build_array(p_ticket, p_tier, p_reason));
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	PERFORM require_text(p_reason, 'a reason for the tier change');
	o := ticket_lock(p_ticket);
	t := o;
	t.tier := p_tier;
	PERFORM ticket_save(o, t, 'set_tier', NULL);
	PERFORM record_change('ticket', o.id::text, o.id, 'reason', NULL, jsonb_build_object('reason', p_reason));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$function$;

ALTER FUNCTION public.set_tier(uuid, bigint, smallint, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.set_tier(uuid, bigint, smallint, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.set_tier(uuid, bigint, smallint, text) TO sdesk_agent;
