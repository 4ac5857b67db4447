-- schema/functions/take_ticket.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The caller takes the ticket.
CREATE OR REPLACE FUNCTION public.take_ticket(p_key uuid, p_ticket bigint)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'take_ticket',
		jsonb_build_array(p_ticket));
	a agent;
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	o := ticket_lock(p_ticket);
	IF o.assignee IS NOT NULL AND o.assignee <> a.login
	   AND NOT (a.is_lead AND pg_has_role(session_user, 'sdesk_lead', 'MEMBER')) THEN
		RAISE EXCEPTION 'SD-% is assigned to %: ask a team lead to reassign it', o.id, o.assignee
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	t := o;
	t.assignee := a.login;
	RETURN ticket_save(o, t, 'take', p_key);
END
$function$;

ALTER FUNCTION public.take_ticket(uuid, bigint) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.take_ticket(uuid, bigint) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.take_ticket(uuid, bigint) TO sdesk_agent;
