-- schema/functions/mark_managed_service.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Work that is not support (000): billed separately; the customer must be told.
CREATE OR REPLACE FUNCTION public.mark_managed_service(p_key uuid, p_ticket bigint, p_told_at timestamp with time zone, p_told_via text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'mark_managed_service',
		jsonb_build_array(p_ticket, extract(epoch FROM p_told_at), p_told_via));
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	t := o;
	t.managed_service := true;
	t.managed_told_at := p_told_at;
	t.managed_told_via := p_told_via;
	RETURN ticket_save(o, t, 'mark_managed_service', p_key);
END
$function$;

ALTER FUNCTION public.mark_managed_service(uuid, bigint, timestamp with time zone, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.mark_managed_service(uuid, bigint, timestamp with time zone, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.mark_managed_service(uuid, bigint, timestamp with time zone, text) TO sdesk_agent;
