-- sdesk schema, migration 9: taking or reassigning someone else's ticket is a
-- lead's act, and a lead is the is_lead flag *and* membership of sdesk_lead
-- (require_lead, doc/security.md). take_ticket and assign_ticket checked the
-- flag alone, so an agent row flagged is_lead without the group could take
-- over other agents' tickets. Otherwise unchanged.

CREATE OR REPLACE FUNCTION take_ticket(p_key uuid, p_ticket bigint) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'take_ticket');
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
$$;

CREATE OR REPLACE FUNCTION assign_ticket(p_key uuid, p_ticket bigint, p_agent text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'assign_ticket');
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
$$;
