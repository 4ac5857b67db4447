-- sdesk schema, migration 6: the trust model (doc/security.md).
-- Tables are read-only for the groups; every write goes through a function
-- that runs with its owner's rights (SECURITY DEFINER, fixed search_path) and
-- checks the rules itself. The person on every row is session_user.

-- Nobody but the owner creates objects in public (PostgreSQL < 15 let
-- PUBLIC do it, and a planted function could capture a definer's call).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- ---------------------------------------------------------------- tables
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
-- Everyone in the team reads everything (queues, board, statements, history).
GRANT SELECT ON ALL TABLES IN SCHEMA public TO sdesk_agent;

-- ---------------------------------------------------------------- functions
-- Functions made by later migrations start without EXECUTE for PUBLIC.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;

-- Helpers that write are called by the action functions only.
REVOKE EXECUTE ON FUNCTION request_begin(uuid, text), request_finish(uuid, jsonb),
	record_change(text, text, bigint, text, jsonb, jsonb), ticket_lock(bigint),
	ticket_save(ticket, ticket, text, uuid), ticket_broadcast_contact(bigint, timestamptz),
	ledger_draw(bigint, jsonb, bigint, bigint), stamp_history(), stamp_ledger(), refuse_change()
	FROM sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;

-- Every function but the read-only helpers and trigger functions runs as its
-- owner with a search_path no caller can change (pg_temp last, explicitly).
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN
		SELECT p.oid::regprocedure FROM pg_proc p
		WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f'
		  AND p.prorettype <> 'trigger'::regtype
		  AND p.proname NOT IN ('sdesk_local_date', 'jsonb_changed', 'current_agent', 'require_lead',
		                        'require_text')
	LOOP
		EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp', f);
	END LOOP;
END
$$;
ALTER FUNCTION sdesk_local_date(timestamptz) SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION jsonb_changed(jsonb, jsonb) SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION current_agent() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION require_lead(text) SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION require_text(text, text) SET search_path = pg_catalog, public, pg_temp;

-- ---------------------------------------------------------------- rules
-- A lead is an active agent flagged is_lead whose login role is in sdesk_lead:
-- the flag alone (or the group alone) is not enough.
CREATE OR REPLACE FUNCTION require_lead(p_what text) RETURNS agent
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	a agent := current_agent();
BEGIN
	IF NOT a.is_lead OR NOT pg_has_role(session_user, 'sdesk_lead', 'MEMBER') THEN
		RAISE EXCEPTION '%: only a team lead may do this', p_what
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN a;
END
$$;

-- On-call work belongs to the agent who started it: only that agent or a lead
-- ticks its checklist and ends it.
CREATE FUNCTION oncall_owner_or_lead(p_work oncall_work, p_what text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	a agent := current_agent();
BEGIN
	IF p_work.agent <> a.login THEN
		PERFORM require_lead(format('%s of on-call work %s started by %s', p_what, p_work.id, p_work.agent));
	END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION oncall_owner_or_lead(oncall_work, text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION check_oncall_item(p_key uuid, p_work bigint, p_item text, p_note text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
	PERFORM oncall_owner_or_lead(w, 'the checklist');
	INSERT INTO oncall_check (work_id, item, note, done_by) VALUES (w.id, p_item, p_note, session_user)
	RETURNING * INTO r;
	PERFORM record_change('oncall', w.id::text, w.ticket_id, 'check', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', w.id));
	RETURN w.id;
END
$$;

CREATE OR REPLACE FUNCTION end_oncall(p_key uuid, p_work bigint, p_ended_at timestamptz, p_report text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
	PERFORM oncall_owner_or_lead(o, 'the end');
	UPDATE oncall_work SET ended_at = coalesce(p_ended_at, now()), report = coalesce(p_report, report),
		reported_at = CASE WHEN p_report IS NOT NULL THEN now() ELSE reported_at END
	WHERE id = o.id RETURNING * INTO r;
	PERFORM record_change('oncall', o.id::text, o.ticket_id, 'end', to_jsonb(o), to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$$;

-- Extended standby (001): the client passes the first start allowed without an
-- override (3 working days ahead, from its calendar engine). 3 working days
-- are never fewer than 3 calendar days, so a bound earlier than now() + 3 days
-- is not believed; inside the bound only a lead books, with a reason.
CREATE OR REPLACE FUNCTION book_standby(p_key uuid, p_contract bigint, p_starts_at timestamptz,
	p_ends_at timestamptz, p_rate_cents bigint, p_earliest_start timestamptz,
	p_override_reason text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'book_standby');
	v_earliest timestamptz := greatest(p_earliest_start, now() + interval '3 days');
	v_inside boolean;
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
	v_inside := p_earliest_start IS NULL OR p_starts_at < v_earliest;
	IF v_inside THEN
		PERFORM require_lead('book standby inside the minimum lead time');
		PERFORM require_text(p_override_reason, 'a reason for booking inside the lead time');
	END IF;
	INSERT INTO standby_booking (account_id, contract_id, starts_at, ends_at, rate_cents, override_reason, booked_by)
	VALUES (c.account_id, c.id, p_starts_at, p_ends_at, p_rate_cents,
		CASE WHEN v_inside THEN p_override_reason END, session_user)
	RETURNING * INTO r;
	PERFORM record_change('standby', r.id::text, NULL, 'book', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

-- Texts are stored as the client sent them; the database is UTF-8 (checked
-- here, sdesk refuses others) and refuses NUL anyway, so control characters are
-- the display's business (src/ui/text.c replaces them).
DO $$
BEGIN
	IF current_setting('server_encoding') <> 'UTF8' THEN
		RAISE EXCEPTION 'the sdesk database must use UTF-8 (it uses %): create it with ENCODING ''UTF8''',
			current_setting('server_encoding') USING ERRCODE = 'feature_not_supported';
	END IF;
END
$$;
