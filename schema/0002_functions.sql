-- sdesk schema, migration 2: one function per action. Every write takes a
-- client-generated idempotency key (uuid), records session_user as the person,
-- writes its history row in the same transaction and notifies `sdesk_changes`
-- (payload: the ticket id, or ENTITY:ID for changes that touch no ticket).
-- Due instants are computed by the client (src/engine) and passed in.
-- Each function fixes its search_path so it can become SECURITY DEFINER.

-- ---------------------------------------------------------------- helpers

CREATE FUNCTION sdesk_local_date(p_at timestamptz) RETURNS date
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
	SELECT (p_at AT TIME ZONE 'Europe/Berlin')::date
$$;

-- The keys of a whose values differ in b (or are missing there).
CREATE FUNCTION jsonb_changed(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
	SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
	FROM jsonb_each(coalesce(a, '{}'::jsonb)) e
	WHERE b IS NULL OR NOT (b ? e.key) OR b -> e.key IS DISTINCT FROM e.value
$$;

-- Claims an idempotency key. NULL: the key is new, do the work. Otherwise the
-- stored result of the earlier call with this key.
CREATE FUNCTION request_begin(p_key uuid, p_action text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v request;
BEGIN
	IF p_key IS NULL THEN
		RAISE EXCEPTION '%: an idempotency key is required', p_action
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- Waits for a concurrent call with the same key to finish.
	INSERT INTO request (key, action) VALUES (p_key, p_action) ON CONFLICT (key) DO NOTHING;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	SELECT * INTO v FROM request WHERE key = p_key;
	IF v.action <> p_action THEN
		RAISE EXCEPTION 'idempotency key % was already used for %', p_key, v.action
			USING ERRCODE = 'unique_violation';
	END IF;
	RETURN coalesce(v.result, '{}'::jsonb);
END
$$;

CREATE FUNCTION request_finish(p_key uuid, p_result jsonb) RETURNS void
LANGUAGE sql SET search_path = public, pg_temp AS $$
	UPDATE request SET result = p_result WHERE key = p_key
$$;

-- The agent row of the person logged in; refuses roles that are no agents.
CREATE FUNCTION current_agent() RETURNS agent
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
	a agent;
BEGIN
	SELECT * INTO a FROM agent WHERE login = session_user::text AND active;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'database role "%" is not an active sdesk agent', session_user
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN a;
END
$$;

CREATE FUNCTION require_lead(p_what text) RETURNS agent
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
	a agent := current_agent();
BEGIN
	IF NOT a.is_lead THEN
		RAISE EXCEPTION '%: only a team lead may do this', p_what
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN a;
END
$$;

CREATE FUNCTION require_text(p_value text, p_what text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
BEGIN
	IF p_value IS NULL OR btrim(p_value) = '' THEN
		RAISE EXCEPTION '% is required', p_what USING ERRCODE = 'check_violation';
	END IF;
	RETURN p_value;
END
$$;

-- Writes one history row (old/new reduced to what changed) and notifies.
CREATE FUNCTION record_change(p_entity text, p_entity_id text, p_ticket bigint,
	p_action text, p_old jsonb, p_new jsonb) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
	INSERT INTO history (who, entity, entity_id, ticket_id, action, old, new)
	VALUES (session_user, p_entity, p_entity_id, p_ticket, p_action,
		CASE WHEN p_old IS NULL THEN NULL ELSE jsonb_changed(p_old, p_new) END,
		CASE WHEN p_old IS NULL THEN p_new ELSE jsonb_changed(p_new, p_old) END);
	PERFORM pg_notify('sdesk_changes',
		CASE WHEN p_ticket IS NOT NULL THEN p_ticket::text ELSE p_entity || ':' || p_entity_id END);
END
$$;

CREATE FUNCTION ticket_lock(p_ticket bigint) RETURNS ticket
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	t ticket;
BEGIN
	SELECT * INTO t FROM ticket WHERE id = p_ticket FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no ticket SD-%', p_ticket USING ERRCODE = 'no_data_found';
	END IF;
	RETURN t;
END
$$;

-- Stores the new state of a ticket whose copy t was changed in PL/pgSQL,
-- with its history row. Returns the ticket id.
CREATE FUNCTION ticket_save(p_old ticket, t ticket, p_action text, p_key uuid) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
	UPDATE ticket SET
		contact_id = t.contact_id, channel = t.channel, category = t.category,
		subject = t.subject, description = t.description, tier = t.tier, status = t.status,
		first_contact_at = t.first_contact_at, first_contact_kind = t.first_contact_kind,
		reaction_due = t.reaction_due, resolution_due = t.resolution_due,
		estimate_due = t.estimate_due, escalation_level = t.escalation_level,
		escalation_extended = t.escalation_extended, paused_since = t.paused_since,
		managed_service = t.managed_service, managed_told_at = t.managed_told_at,
		managed_told_via = t.managed_told_via, assignee = t.assignee,
		resolved_at = t.resolved_at, closed_at = t.closed_at, updated_at = now()
	WHERE id = t.id;
	PERFORM record_change('ticket', t.id::text, t.id, p_action,
		to_jsonb(p_old) - 'updated_at', to_jsonb(t) - 'updated_at');
	IF p_key IS NOT NULL THEN
		PERFORM request_finish(p_key, jsonb_build_object('id', t.id));
	END IF;
	RETURN t.id;
END
$$;

-- ---------------------------------------------------------------- catalogue
-- Written by `sdesk plans load`; upserts are idempotent by nature.

-- Returns the id of the catalogue with this hash, registering it if new.
CREATE FUNCTION register_catalogue(p_hash text, p_source text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_id bigint;
BEGIN
	INSERT INTO plan_catalogue (hash, source) VALUES (lower(p_hash), p_source)
	ON CONFLICT (hash) DO NOTHING RETURNING id INTO v_id;
	IF v_id IS NULL THEN
		SELECT id INTO v_id FROM plan_catalogue WHERE hash = lower(p_hash);
	ELSE
		PERFORM record_change('plan_catalogue', v_id::text, NULL, 'register', NULL,
			jsonb_build_object('hash', lower(p_hash), 'source', p_source));
	END IF;
	RETURN v_id;
END
$$;

CREATE FUNCTION upsert_calendar(p_catalogue bigint, p_code text, p_title text,
	p_time_zone text, p_definition jsonb) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_old calendar;
	v_new calendar;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = p_time_zone) THEN
		RAISE EXCEPTION 'calendar %: unknown time zone "%"', p_code, p_time_zone
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT * INTO v_old FROM calendar WHERE code = p_code FOR UPDATE;
	INSERT INTO calendar (code, title, time_zone, definition, catalogue_id)
	VALUES (p_code, p_title, p_time_zone, p_definition, p_catalogue)
	ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, time_zone = EXCLUDED.time_zone,
		definition = EXCLUDED.definition, catalogue_id = EXCLUDED.catalogue_id, updated_at = now()
	RETURNING * INTO v_new;
	IF v_old.code IS NULL OR v_old.definition IS DISTINCT FROM v_new.definition
	   OR v_old.title IS DISTINCT FROM v_new.title OR v_old.time_zone IS DISTINCT FROM v_new.time_zone THEN
		PERFORM record_change('calendar', p_code, NULL, CASE WHEN v_old.code IS NULL THEN 'create' ELSE 'update' END,
			CASE WHEN v_old.code IS NULL THEN NULL ELSE to_jsonb(v_old) - 'updated_at' - 'catalogue_id' END,
			to_jsonb(v_new) - 'updated_at' - 'catalogue_id');
	END IF;
END
$$;

CREATE FUNCTION upsert_plan(p_catalogue bigint, p_code text, p_title text, p_provider text,
	p_vat_bp integer, p_definition jsonb) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_old plan;
	v_new plan;
BEGIN
	SELECT * INTO v_old FROM plan WHERE code = p_code FOR UPDATE;
	INSERT INTO plan (code, title, provider, vat_bp, definition, catalogue_id)
	VALUES (p_code, p_title, p_provider, p_vat_bp, p_definition, p_catalogue)
	ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, provider = EXCLUDED.provider,
		vat_bp = EXCLUDED.vat_bp, definition = EXCLUDED.definition,
		catalogue_id = EXCLUDED.catalogue_id, active = true, updated_at = now()
	RETURNING * INTO v_new;
	IF v_old.code IS NULL OR (to_jsonb(v_old) - 'updated_at' - 'catalogue_id')
	   IS DISTINCT FROM (to_jsonb(v_new) - 'updated_at' - 'catalogue_id') THEN
		PERFORM record_change('plan', p_code, NULL, CASE WHEN v_old.code IS NULL THEN 'create' ELSE 'update' END,
			CASE WHEN v_old.code IS NULL THEN NULL ELSE to_jsonb(v_old) - 'updated_at' - 'catalogue_id' END,
			to_jsonb(v_new) - 'updated_at' - 'catalogue_id');
	END IF;
END
$$;

-- Marks plans that the catalogue p_catalogue no longer holds as inactive
-- (contracts keep referring to them). Returns how many were retired.
CREATE FUNCTION retire_plans(p_catalogue bigint) RETURNS integer
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	r plan;
	n integer := 0;
BEGIN
	FOR r IN SELECT * FROM plan WHERE catalogue_id <> p_catalogue AND active FOR UPDATE LOOP
		UPDATE plan SET active = false, updated_at = now() WHERE code = r.code;
		PERFORM record_change('plan', r.code, NULL, 'retire', jsonb_build_object('active', true),
			jsonb_build_object('active', false));
		n := n + 1;
	END LOOP;
	RETURN n;
END
$$;

-- ---------------------------------------------------------------- admin

CREATE FUNCTION create_account(p_key uuid, p_code text, p_name text, p_activated_on date)
RETURNS bigint LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_account');
	r account;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	INSERT INTO account (code, name, activated_on, created_by)
	VALUES (p_code, p_name, p_activated_on, session_user) RETURNING * INTO r;
	PERFORM record_change('account', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

CREATE FUNCTION create_contract(p_key uuid, p_account bigint, p_plan text, p_valid_from date,
	p_valid_to date, p_overrides jsonb) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_contract');
	r contract;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	INSERT INTO contract (account_id, plan_code, valid_from, valid_to, overrides, created_by)
	VALUES (p_account, p_plan, p_valid_from, p_valid_to, coalesce(p_overrides, '{}'), session_user)
	RETURNING * INTO r;
	PERFORM record_change('contract', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

CREATE FUNCTION create_contact(p_key uuid, p_account bigint, p_name text, p_role text,
	p_email text, p_phone text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_contact');
	r contact;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	INSERT INTO contact (account_id, name, role, email, phone)
	VALUES (p_account, p_name, p_role, p_email, p_phone) RETURNING * INTO r;
	PERFORM record_change('contact', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

CREATE FUNCTION create_team(p_key uuid, p_name text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_team');
	r team;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	INSERT INTO team (name) VALUES (p_name) RETURNING * INTO r;
	PERFORM record_change('team', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

-- The agent row for an existing login role (issue 7 adds creating the role).
CREATE FUNCTION create_agent(p_key uuid, p_login text, p_display_name text, p_tier smallint,
	p_team bigint, p_is_lead boolean) RETURNS text
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_agent');
	r agent;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN v_done ->> 'login';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND rolcanlogin) THEN
		RAISE EXCEPTION 'agent %: there is no login role of that name', p_login
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	INSERT INTO agent (login, display_name, tier, team_id, is_lead)
	VALUES (p_login, p_display_name, coalesce(p_tier, 1), p_team, coalesce(p_is_lead, false))
	RETURNING * INTO r;
	PERFORM record_change('agent', r.login, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('login', r.login));
	RETURN r.login;
END
$$;

-- ---------------------------------------------------------------- tickets

-- Opens a ticket. The contact must be a key user of the account (end users go
-- through a key user, 000) and the contract must run on the day it arrives.
CREATE FUNCTION create_ticket(p_key uuid, p_account bigint, p_contract bigint, p_contact bigint,
	p_channel text, p_category text, p_subject text, p_description text,
	p_received_at timestamptz, p_reaction_due timestamptz, p_resolution_due timestamptz)
RETURNS bigint LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_ticket');
	v_received timestamptz := coalesce(p_received_at, now());
	c contract;
	k contact;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO c FROM contract WHERE id = p_contract AND account_id = p_account;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'contract % does not belong to account %', p_contract, p_account
			USING ERRCODE = 'foreign_key_violation';
	END IF;
	IF sdesk_local_date(v_received) < c.valid_from
	   OR (c.valid_to IS NOT NULL AND sdesk_local_date(v_received) > c.valid_to) THEN
		RAISE EXCEPTION 'contract % does not run on %: support is only owed from % to %', p_contract,
			sdesk_local_date(v_received), c.valid_from, coalesce(c.valid_to::text, 'open end')
			USING ERRCODE = 'check_violation';
	END IF;
	SELECT * INTO k FROM contact WHERE id = p_contact AND account_id = p_account AND active;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'contact % is not an active contact of account %', p_contact, p_account
			USING ERRCODE = 'foreign_key_violation';
	END IF;
	IF k.role <> 'key_user' THEN
		RAISE EXCEPTION 'end user "%" may not open tickets: a key user of the account must report it', k.name
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO ticket (account_id, contract_id, contact_id, channel, category, subject, description,
		received_at, reaction_due, resolution_due, created_by)
	VALUES (p_account, p_contract, p_contact, p_channel, p_category, p_subject,
		coalesce(p_description, ''), v_received, p_reaction_due, p_resolution_due, session_user)
	RETURNING * INTO t;
	PERFORM record_change('ticket', t.id::text, t.id, 'create', NULL, to_jsonb(t) - 'updated_at');
	PERFORM request_finish(p_key, jsonb_build_object('id', t.id));
	RETURN t.id;
END
$$;

-- The caller takes the ticket.
CREATE FUNCTION take_ticket(p_key uuid, p_ticket bigint) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
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
	IF o.assignee IS NOT NULL AND o.assignee <> a.login AND NOT a.is_lead THEN
		RAISE EXCEPTION 'SD-% is assigned to %: ask a team lead to reassign it', o.id, o.assignee
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	t := o;
	t.assignee := a.login;
	RETURN ticket_save(o, t, 'take', p_key);
END
$$;

-- Assigns to p_agent (NULL: unassign). Agents may assign unassigned tickets
-- and their own; reassigning someone else's ticket takes a lead.
CREATE FUNCTION assign_ticket(p_key uuid, p_ticket bigint, p_agent text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
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
	IF o.assignee IS NOT NULL AND o.assignee <> a.login AND NOT a.is_lead THEN
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

-- Hands the ticket to another support tier (1st/2nd/3rd level) with a reason.
CREATE FUNCTION set_tier(p_key uuid, p_ticket bigint, p_tier smallint, p_reason text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'set_tier');
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
$$;

-- First qualified contact: stops the reaction clock, records the
-- classification and (001) the estimated resolution time the customer was told.
CREATE FUNCTION first_contact(p_key uuid, p_ticket bigint, p_at timestamptz, p_category text,
	p_estimate_due timestamptz, p_resolution_due timestamptz) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'first_contact');
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	IF o.status IN ('resolved', 'closed') THEN
		RAISE EXCEPTION 'SD-% is %', o.id, o.status USING ERRCODE = 'check_violation';
	END IF;
	t := o;
	IF t.first_contact_at IS NULL THEN
		t.first_contact_at := coalesce(p_at, now());
		t.first_contact_kind := 'contact';
	END IF;
	t.category := coalesce(p_category, t.category);
	t.resolution_due := coalesce(p_resolution_due, t.resolution_due);
	IF p_estimate_due IS NOT NULL THEN
		IF t.estimate_due IS NOT NULL THEN
			RAISE EXCEPTION 'SD-% already has an estimate: extend it with a reason', o.id
				USING ERRCODE = 'check_violation';
		END IF;
		INSERT INTO ticket_estimate (ticket_id, seq, due) VALUES (o.id, 0, p_estimate_due);
		t.estimate_due := p_estimate_due;
	END IF;
	IF t.status = 'new' THEN
		t.status := 'open';
	END IF;
	RETURN ticket_save(o, t, 'first_contact', p_key);
END
$$;

-- A new estimate because the last one cannot be met (001): the first
-- extension raises the escalation to level 1, the second to level 2.
CREATE FUNCTION extend_estimate(p_key uuid, p_ticket bigint, p_new_due timestamptz, p_reason text)
RETURNS bigint LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'extend_estimate');
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
$$;

-- Level 3 and the extended escalation are a lead's decision, with a reason.
CREATE FUNCTION set_escalation(p_key uuid, p_ticket bigint, p_level smallint, p_extended boolean,
	p_reason text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'set_escalation');
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
$$;

-- Waiting for the customer: the clocks stop until resume_ticket.
CREATE FUNCTION pause_ticket(p_key uuid, p_ticket bigint, p_at timestamptz, p_reason text)
RETURNS bigint LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'pause_ticket');
	v_at timestamptz := coalesce(p_at, now());
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	IF o.status NOT IN ('new', 'open') THEN
		RAISE EXCEPTION 'SD-% is %: only a new or open ticket can wait for the customer', o.id, o.status
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO ticket_pause (ticket_id, from_at, reason) VALUES (o.id, v_at, p_reason);
	t := o;
	t.status := 'waiting';
	t.paused_since := v_at;
	RETURN ticket_save(o, t, 'pause', p_key);
END
$$;

-- Ends the pause. The client passes the due instants moved by the paused
-- business time (NULL keeps a value).
CREATE FUNCTION resume_ticket(p_key uuid, p_ticket bigint, p_at timestamptz,
	p_reaction_due timestamptz, p_resolution_due timestamptz) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'resume_ticket');
	v_at timestamptz := coalesce(p_at, now());
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	IF o.status <> 'waiting' THEN
		RAISE EXCEPTION 'SD-% is not waiting for the customer', o.id USING ERRCODE = 'check_violation';
	END IF;
	UPDATE ticket_pause SET to_at = greatest(v_at, from_at) WHERE ticket_id = o.id AND to_at IS NULL;
	t := o;
	t.status := CASE WHEN o.first_contact_at IS NULL THEN 'new' ELSE 'open' END;
	t.paused_since := NULL;
	t.reaction_due := coalesce(p_reaction_due, o.reaction_due);
	t.resolution_due := coalesce(p_resolution_due, o.resolution_due);
	RETURN ticket_save(o, t, 'resume', p_key);
END
$$;

-- Work that is not support (000): billed separately; the customer must be told.
CREATE FUNCTION mark_managed_service(p_key uuid, p_ticket bigint, p_told_at timestamptz,
	p_told_via text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'mark_managed_service');
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
$$;

CREATE FUNCTION link_dev_ticket(p_key uuid, p_ticket bigint, p_tracker text, p_ref text,
	p_kind text, p_url text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'link_dev_ticket');
	o ticket;
	r dev_link;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	INSERT INTO dev_link (ticket_id, tracker, ref, kind, url) VALUES (o.id, p_tracker, p_ref, p_kind, p_url)
	RETURNING * INTO r;
	PERFORM record_change('dev_link', r.id::text, o.id, 'link_dev_ticket', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

CREATE FUNCTION resolve_ticket(p_key uuid, p_ticket bigint, p_at timestamptz, p_note text)
RETURNS bigint LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'resolve_ticket');
	v_at timestamptz := coalesce(p_at, now());
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	IF o.status NOT IN ('new', 'open', 'waiting') THEN
		RAISE EXCEPTION 'SD-% is already %', o.id, o.status USING ERRCODE = 'check_violation';
	END IF;
	UPDATE ticket_pause SET to_at = greatest(v_at, from_at) WHERE ticket_id = o.id AND to_at IS NULL;
	t := o;
	t.status := 'resolved';
	t.paused_since := NULL;
	t.resolved_at := v_at;
	PERFORM ticket_save(o, t, 'resolve', NULL);
	IF btrim(coalesce(p_note, '')) <> '' THEN
		PERFORM record_change('ticket', o.id::text, o.id, 'note', NULL, jsonb_build_object('note', p_note));
	END IF;
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$$;

CREATE FUNCTION reopen_ticket(p_key uuid, p_ticket bigint, p_reason text, p_resolution_due timestamptz)
RETURNS bigint LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'reopen_ticket');
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
	t.resolution_due := coalesce(p_resolution_due, o.resolution_due);
	PERFORM ticket_save(o, t, 'reopen', NULL);
	PERFORM record_change('ticket', o.id::text, o.id, 'reason', NULL, jsonb_build_object('reason', p_reason));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$$;

CREATE FUNCTION close_ticket(p_key uuid, p_ticket bigint, p_at timestamptz) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'close_ticket');
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	IF o.status <> 'resolved' THEN
		RAISE EXCEPTION 'SD-% is %: only a resolved ticket can be closed', o.id, o.status
			USING ERRCODE = 'check_violation';
	END IF;
	t := o;
	t.status := 'closed';
	t.closed_at := coalesce(p_at, now());
	RETURN ticket_save(o, t, 'close', p_key);
END
$$;

-- Stores due instants recomputed by the client after a plan or calendar
-- changed (`sdesk plans load`) or after a reclassification.
CREATE FUNCTION set_ticket_dues(p_key uuid, p_ticket bigint, p_reaction_due timestamptz,
	p_resolution_due timestamptz) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'set_ticket_dues');
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
$$;

-- ---------------------------------------------------------------- incidents

CREATE FUNCTION create_incident(p_key uuid, p_title text, p_description text,
	p_started_at timestamptz, p_expected_fix_at timestamptz) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_incident');
	r incident;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	INSERT INTO incident (title, description, started_at, expected_fix_at, created_by)
	VALUES (p_title, coalesce(p_description, ''), coalesce(p_started_at, now()), p_expected_fix_at, session_user)
	RETURNING * INTO r;
	PERFORM record_change('incident', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

-- Counts a broadcast sent at p_at as the first qualified contact of ticket o
-- when it has none yet and was received before.
CREATE FUNCTION ticket_broadcast_contact(p_ticket bigint, p_at timestamptz) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	o ticket := ticket_lock(p_ticket);
	t ticket;
BEGIN
	IF o.first_contact_at IS NOT NULL OR o.received_at > p_at
	   OR o.status IN ('resolved', 'closed') THEN
		RETURN;
	END IF;
	t := o;
	t.first_contact_at := p_at;
	t.first_contact_kind := 'broadcast';
	IF t.status = 'new' THEN
		t.status := 'open';
	END IF;
	PERFORM ticket_save(o, t, 'broadcast_contact', NULL);
END
$$;

-- Publishes a message about an incident to every affected customer: the first
-- qualified contact of every linked ticket that has none (000).
CREATE FUNCTION broadcast_incident(p_key uuid, p_incident bigint, p_body text,
	p_expected_fix_at timestamptz, p_sent_at timestamptz) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'broadcast_incident');
	v_ticket bigint;
	i incident;
	r broadcast;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO i FROM incident WHERE id = p_incident FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no incident %', p_incident USING ERRCODE = 'no_data_found';
	END IF;
	INSERT INTO broadcast (incident_id, body, expected_fix_at, sent_at, sent_by)
	VALUES (i.id, p_body, p_expected_fix_at, coalesce(p_sent_at, now()), session_user) RETURNING * INTO r;
	IF p_expected_fix_at IS NOT NULL THEN
		UPDATE incident SET expected_fix_at = p_expected_fix_at WHERE id = i.id;
	END IF;
	PERFORM record_change('incident', i.id::text, NULL, 'broadcast', NULL, to_jsonb(r));
	FOR v_ticket IN SELECT ticket_id FROM ticket_incident WHERE incident_id = i.id ORDER BY ticket_id LOOP
		PERFORM ticket_broadcast_contact(v_ticket, r.sent_at);
	END LOOP;
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

CREATE FUNCTION resolve_incident(p_key uuid, p_incident bigint, p_at timestamptz) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'resolve_incident');
	o incident;
	r incident;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO o FROM incident WHERE id = p_incident FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no incident %', p_incident USING ERRCODE = 'no_data_found';
	END IF;
	UPDATE incident SET status = 'resolved', resolved_at = coalesce(p_at, now())
	WHERE id = o.id RETURNING * INTO r;
	PERFORM record_change('incident', o.id::text, NULL, 'resolve', to_jsonb(o), to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$$;

-- Links a ticket to an incident. A broadcast already sent after the ticket
-- arrived counts as its first qualified contact.
CREATE FUNCTION link_incident(p_key uuid, p_ticket bigint, p_incident bigint) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'link_incident');
	v_sent timestamptz;
	o ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	INSERT INTO ticket_incident (ticket_id, incident_id) VALUES (o.id, p_incident);
	PERFORM record_change('ticket', o.id::text, o.id, 'link_incident', NULL,
		jsonb_build_object('incident_id', p_incident));
	SELECT min(sent_at) INTO v_sent FROM broadcast WHERE incident_id = p_incident AND sent_at >= o.received_at;
	IF v_sent IS NOT NULL THEN
		PERFORM ticket_broadcast_contact(o.id, v_sent);
	END IF;
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$$;

CREATE FUNCTION create_maintenance(p_key uuid, p_title text, p_scope text, p_starts_at timestamptz,
	p_ends_at timestamptz, p_announced_at timestamptz) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_maintenance');
	r maintenance_window;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	INSERT INTO maintenance_window (title, scope, starts_at, ends_at, announced_at, created_by)
	VALUES (p_title, coalesce(p_scope, 'all'), p_starts_at, p_ends_at, p_announced_at, session_user)
	RETURNING * INTO r;
	PERFORM record_change('maintenance', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

-- ---------------------------------------------------------------- standby, on-call

-- Extended standby (001). p_earliest_start is the first instant allowed without
-- an override (3 working days ahead, computed by the client's engine); inside
-- it a lead may book with a reason.
CREATE FUNCTION book_standby(p_key uuid, p_contract bigint, p_starts_at timestamptz,
	p_ends_at timestamptz, p_rate_cents bigint, p_earliest_start timestamptz,
	p_override_reason text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'book_standby');
	c contract;
	r standby_booking;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO c FROM contract WHERE id = p_contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	IF p_earliest_start IS NULL OR p_starts_at < p_earliest_start THEN
		PERFORM require_lead('book standby inside the minimum lead time');
		PERFORM require_text(p_override_reason, 'a reason for booking inside the lead time');
	END IF;
	INSERT INTO standby_booking (account_id, contract_id, starts_at, ends_at, rate_cents, override_reason, booked_by)
	VALUES (c.account_id, c.id, p_starts_at, p_ends_at, p_rate_cents,
		CASE WHEN p_starts_at < p_earliest_start THEN p_override_reason END, session_user)
	RETURNING * INTO r;
	PERFORM record_change('standby', r.id::text, NULL, 'book', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

CREATE FUNCTION start_oncall(p_key uuid, p_contract bigint, p_ticket bigint, p_started_at timestamptz)
RETURNS bigint LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'start_oncall');
	a agent;
	c contract;
	r oncall_work;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	SELECT * INTO c FROM contract WHERE id = p_contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	INSERT INTO oncall_work (account_id, contract_id, ticket_id, agent, started_at)
	VALUES (c.account_id, c.id, p_ticket, a.login, coalesce(p_started_at, now())) RETURNING * INTO r;
	PERFORM record_change('oncall', r.id::text, p_ticket, 'start', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

CREATE FUNCTION check_oncall_item(p_key uuid, p_work bigint, p_item text, p_note text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'check_oncall_item');
	w oncall_work;
	r oncall_check;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO w FROM oncall_work WHERE id = p_work FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no on-call work %', p_work USING ERRCODE = 'no_data_found';
	END IF;
	INSERT INTO oncall_check (work_id, item, note, done_by) VALUES (w.id, p_item, p_note, session_user)
	RETURNING * INTO r;
	PERFORM record_change('oncall', w.id::text, w.ticket_id, 'check', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', w.id));
	RETURN w.id;
END
$$;

CREATE FUNCTION end_oncall(p_key uuid, p_work bigint, p_ended_at timestamptz, p_report text)
RETURNS bigint LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'end_oncall');
	o oncall_work;
	r oncall_work;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO o FROM oncall_work WHERE id = p_work FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no on-call work %', p_work USING ERRCODE = 'no_data_found';
	END IF;
	UPDATE oncall_work SET ended_at = coalesce(p_ended_at, now()), report = coalesce(p_report, report),
		reported_at = CASE WHEN p_report IS NOT NULL THEN now() ELSE reported_at END
	WHERE id = o.id RETURNING * INTO r;
	PERFORM record_change('oncall', o.id::text, o.ticket_id, 'end', to_jsonb(o), to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$$;

-- ---------------------------------------------------------------- calls, time, ledger

-- Inserts the ledger rows a call or time entry draws, given by the client's
-- billing engine as [{"kind", "pool", "unit", "amount", "money_cents"}, ...].
CREATE FUNCTION ledger_draw(p_contract bigint, p_rows jsonb, p_call bigint, p_time_entry bigint)
RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	c contract;
	e jsonb;
BEGIN
	IF p_rows IS NULL OR jsonb_typeof(p_rows) = 'null' THEN
		RETURN;
	END IF;
	IF jsonb_typeof(p_rows) <> 'array' THEN
		RAISE EXCEPTION 'ledger rows must be a JSON array' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT * INTO c FROM contract WHERE id = p_contract;
	FOR e IN SELECT value FROM jsonb_array_elements(p_rows) LOOP
		IF e ->> 'kind' NOT IN ('consumption', 'overage') THEN
			RAISE EXCEPTION 'a call or time entry can only draw consumption or overage, not %', e ->> 'kind'
				USING ERRCODE = 'check_violation';
		END IF;
		INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents,
			source_call_id, source_time_entry_id, created_by)
		VALUES (c.account_id, c.id, e ->> 'kind', coalesce(e ->> 'pool', 'phone'), e ->> 'unit',
			(e ->> 'amount')::integer, coalesce((e ->> 'money_cents')::bigint, 0),
			p_call, p_time_entry, session_user);
	END LOOP;
END
$$;

CREATE FUNCTION log_call(p_key uuid, p_ticket bigint, p_started_at timestamptz, p_duration_s integer,
	p_kind text, p_tariff_window text, p_price_cents bigint, p_ledger jsonb) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'log_call');
	a agent;
	t ticket;
	r call;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	SELECT * INTO t FROM ticket WHERE id = p_ticket;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no ticket SD-%', p_ticket USING ERRCODE = 'no_data_found';
	END IF;
	INSERT INTO call (ticket_id, account_id, agent, started_at, duration_s, kind, tariff_window, price_cents)
	VALUES (t.id, t.account_id, a.login, p_started_at, p_duration_s, p_kind, p_tariff_window,
		coalesce(p_price_cents, 0))
	RETURNING * INTO r;
	PERFORM ledger_draw(t.contract_id, p_ledger, r.id, NULL);
	PERFORM record_change('call', r.id::text, t.id, 'log_call', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

CREATE FUNCTION log_time(p_key uuid, p_ticket bigint, p_started_at timestamptz, p_minutes integer,
	p_kind text, p_rush boolean, p_rate_cents bigint, p_amount_cents bigint, p_note text,
	p_ledger jsonb) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'log_time');
	a agent;
	t ticket;
	r time_entry;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	SELECT * INTO t FROM ticket WHERE id = p_ticket;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no ticket SD-%', p_ticket USING ERRCODE = 'no_data_found';
	END IF;
	INSERT INTO time_entry (ticket_id, account_id, agent, started_at, minutes, kind, rush,
		rate_cents, amount_cents, note)
	VALUES (t.id, t.account_id, a.login, p_started_at, p_minutes, p_kind, coalesce(p_rush, false),
		coalesce(p_rate_cents, 0), coalesce(p_amount_cents, 0), coalesce(p_note, ''))
	RETURNING * INTO r;
	PERFORM ledger_draw(t.contract_id, p_ledger, NULL, r.id);
	PERFORM record_change('time_entry', r.id::text, t.id, 'log_time', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

-- Credits: the month's allowance and the activation credit exist once per
-- contract and pool (a second call returns the existing row's id); points
-- packages are sold, so only a lead books them.
CREATE FUNCTION ledger_credit(p_key uuid, p_contract bigint, p_kind text, p_pool text, p_unit text,
	p_amount integer, p_money_cents bigint, p_period date, p_reason text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_credit');
	v_id bigint;
	c contract;
	r budget_ledger;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	IF p_kind NOT IN ('monthly_allowance', 'activation_credit', 'points_package') THEN
		RAISE EXCEPTION 'ledger_credit books allowances, activation credits and points packages, not %', p_kind
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_kind = 'points_package' THEN
		PERFORM require_lead('book a points package');
	END IF;
	SELECT * INTO c FROM contract WHERE id = p_contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, period,
		reason, created_by)
	VALUES (c.account_id, c.id, p_kind, coalesce(p_pool, 'phone'), p_unit, p_amount,
		coalesce(p_money_cents, 0), p_period, p_reason, session_user)
	ON CONFLICT DO NOTHING RETURNING * INTO r;
	IF r.id IS NULL THEN
		SELECT id INTO v_id FROM budget_ledger
		WHERE contract_id = c.id AND kind = p_kind AND pool = coalesce(p_pool, 'phone')
		  AND period IS NOT DISTINCT FROM p_period;
	ELSE
		v_id := r.id;
		PERFORM record_change('ledger', r.id::text, NULL, p_kind, NULL, to_jsonb(r));
	END IF;
	PERFORM request_finish(p_key, jsonb_build_object('id', v_id));
	RETURN v_id;
END
$$;

-- A lead's correction of a balance, with a reason.
CREATE FUNCTION ledger_correction(p_key uuid, p_contract bigint, p_pool text, p_unit text,
	p_amount integer, p_money_cents bigint, p_reason text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_correction');
	c contract;
	r budget_ledger;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM require_lead('book a ledger correction');
	PERFORM require_text(p_reason, 'a reason for the correction');
	SELECT * INTO c FROM contract WHERE id = p_contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, reason, created_by)
	VALUES (c.account_id, c.id, 'correction', coalesce(p_pool, 'phone'), p_unit, p_amount,
		coalesce(p_money_cents, 0), p_reason, session_user)
	RETURNING * INTO r;
	PERFORM record_change('ledger', r.id::text, NULL, 'correction', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;
