-- schema/functions/assign_ticket.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Assigns to p_agent (NULL: unassign). Agents may assign unassigned tickets
-- and their own; reassigning someone else's ticket takes a lead.
CREATE OR REPLACE FUNCTION public.assign_ticket(p_key uuid, p_ticket bigint, p_agent text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'assign_ticket',
		jsonb_build_array(p_ticket, p_agent));
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
		RAISE EXCEPTION 'SD-% is assigned to %: only a team lead may reassign it', o.id, o.assignee
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF p_agent IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agent WHERE login = p_agent AND active) THEN
		RAISE EXCEPTION 'no active agent "%"', p_agent USING ERRCODE = 'foreign_key_violation';
	END IF;
	t := o;
	t.assignee := p_agent;
	RETURN ticket_save(o, t, 'assign', p_key);
END
$function$;

ALTER FUNCTION public.assign_ticket(uuid, bigint, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.assign_ticket(uuid, bigint, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.assign_ticket(uuid, bigint, text) TO sdesk_agent;
