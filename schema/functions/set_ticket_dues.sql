-- schema/functions/set_ticket_dues.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Stores due instants recomputed by the client after a plan or calendar
-- changed (`sdesk plans load`) or after a reclassification.
CREATE OR REPLACE FUNCTION public.set_ticket_dues(p_key uuid, p_ticket bigint, p_reaction_due timestamp with time zone, p_resolution_due timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'set_ticket_dues',
		jsonb_build_array(p_ticket, extract(epoch FROM p_reaction_due),
			extract(epoch FROM p_resolution_due)));
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	o := ticket_lock(p_ticket);
	t := o;
	t.reaction_due := p_reaction_due;
	t.resolution_due := p_resolution_due;
	IF t.reaction_due IS NOT DISTINCT FROM o.reaction_due
	   AND t.resolution_due IS NOT DISTINCT FROM o.resolution_due THEN
		PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
		RETURN o.id;
	END IF;
	RETURN ticket_save(o, t, 'recompute_dues', p_key);
END
$function$;

ALTER FUNCTION public.set_ticket_dues(uuid, bigint, timestamp with time zone, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.set_ticket_dues(uuid, bigint, timestamp with time zone, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.set_ticket_dues(uuid, bigint, timestamp with time zone, timestamp with time zone) TO sdesk_admin;
