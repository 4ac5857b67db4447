-- schema/functions/ticket_lock.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.ticket_lock(p_ticket bigint)
 RETURNS ticket
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	t ticket;
BEGIN
	SELECT * INTO t FROM ticket WHERE id = p_ticket FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no ticket SD-%', p_ticket USING ERRCODE = 'no_data_found';
	END IF;
	RETURN t;
END
$function$;

ALTER FUNCTION public.ticket_lock(bigint) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ticket_lock(bigint) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
