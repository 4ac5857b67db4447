-- schema/current.sql: the schema of a freshly migrated database (pg_dump
-- --schema-only, normalised by schema/current.sh). Generated: do not edit; run
-- `make schema-current` after changing a migration or a function file.
-- make check (tests/db/schema-current.sh) fails while this file is stale.
--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: sdesk; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA sdesk;

--
-- Name: sdesk; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS sdesk WITH SCHEMA sdesk;

--
-- Name: EXTENSION sdesk; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION sdesk IS 'sdesk SLA and billing engine: business time, due instants, prices';

--
-- Name: account_open_windows(bigint, timestamp with time zone, timestamp with time zone, boolean); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.account_open_windows(p_account bigint, p_lo timestamp with time zone, p_hi timestamp with time zone, p_oncall boolean, OUT s timestamp with time zone, OUT e timestamp with time zone) RETURNS SETOF record
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
	SELECT x.s, x.e FROM (
		SELECT b.starts_at AS s, b.ends_at AS e FROM standby_booking b
		WHERE b.account_id = p_account AND b.ends_at > p_lo AND b.starts_at < p_hi
		UNION ALL
		SELECT w.starts_at, w.ends_at FROM oncall_window w
		WHERE p_oncall AND w.account_id = p_account AND w.starts_at IS NOT NULL
		  AND w.ends_at > p_lo AND w.starts_at < p_hi
		UNION ALL
		SELECT (d + w.from_minute * interval '1 minute') AT TIME ZONE w.zone,
			(d + (w.to_minute + CASE WHEN w.to_minute <= w.from_minute THEN 1440 ELSE 0 END)
			 * interval '1 minute') AT TIME ZONE w.zone
		FROM oncall_window w CROSS JOIN LATERAL generate_series(
			(p_lo AT TIME ZONE w.zone)::date - 1, (p_hi AT TIME ZONE w.zone)::date, interval '1 day') d
		WHERE p_oncall AND w.account_id = p_account AND w.weekdays IS NOT NULL
		  AND (w.weekdays >> (extract(isodow FROM d)::int - 1)) & 1 = 1
		  AND (w.valid_from IS NULL OR d::date >= w.valid_from)
		  AND (w.valid_to IS NULL OR d::date <= w.valid_to)
	) x WHERE x.e > p_lo AND x.s < p_hi ORDER BY 1, 2
$$;

ALTER FUNCTION public.account_open_windows(p_account bigint, p_lo timestamp with time zone, p_hi timestamp with time zone, p_oncall boolean, OUT s timestamp with time zone, OUT e timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: add_oncall_window(uuid, bigint, timestamp with time zone, timestamp with time zone, integer, integer, integer, date, date, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.add_oncall_window(p_key uuid, p_account bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_weekdays integer, p_from_minute integer, p_to_minute integer, p_valid_from date, p_valid_to date, p_note text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'add_oncall_window',
		jsonb_build_array(p_account, extract(epoch FROM p_starts_at), extract(epoch FROM p_ends_at), p_weekdays,
			p_from_minute, p_to_minute, p_valid_from, p_valid_to, p_note));
	r oncall_window;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM require_lead('record an on-call window');
	INSERT INTO oncall_window (account_id, starts_at, ends_at, weekdays, from_minute, to_minute,
		valid_from, valid_to, note)
	VALUES (p_account, p_starts_at, p_ends_at, p_weekdays, p_from_minute, p_to_minute,
		p_valid_from, p_valid_to, p_note)
	RETURNING * INTO r;
	PERFORM record_change('oncall_window', r.id::text, NULL, 'add', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

ALTER FUNCTION public.add_oncall_window(p_key uuid, p_account bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_weekdays integer, p_from_minute integer, p_to_minute integer, p_valid_from date, p_valid_to date, p_note text) OWNER TO sdesk_owner;

--
-- Name: announce_maintenance(bigint, text, text, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.announce_maintenance(p_window bigint, p_queue text, p_subject text, p_body text) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	w maintenance_window;
	n integer;
BEGIN
	PERFORM current_agent();
	IF NOT (pg_has_role(session_user, 'sdesk_ops', 'MEMBER') OR pg_has_role(session_user, 'sdesk_lead', 'MEMBER')) THEN
		RAISE EXCEPTION 'announcing maintenance: only ops or a team lead may do this'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT * INTO w FROM maintenance_window x WHERE x.id = p_window FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no maintenance window %', p_window USING ERRCODE = 'no_data_found';
	END IF;
	IF w.starts_at <= sdesk_now() THEN
		RAISE EXCEPTION 'maintenance window % has started: too late to announce', p_window
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO mail_outbox (kind, window_id, contact_id, queue, to_address, subject, body, message_id)
	SELECT DISTINCT ON (k.id) 'announcement', w.id, k.id, p_queue, lower(k.email), mail_sanitize(p_subject, 400),
		p_body, mail_reply_id(p_queue, 'm' || w.id, k.id::text)
	FROM contact k JOIN contract c ON c.account_id = k.account_id JOIN plan p ON p.code = c.plan_code
	WHERE k.active AND k.email IS NOT NULL
	  AND c.valid_from <= sdesk_local_date(w.starts_at)
	  AND (c.valid_to IS NULL OR c.valid_to >= sdesk_local_date(w.starts_at))
	  AND (w.scope = 'all' OR w.scope = p.code OR w.scope = p.provider)
	ORDER BY k.id
	ON CONFLICT (window_id, contact_id) WHERE kind = 'announcement' DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF w.announced_at IS NULL THEN
		UPDATE maintenance_window SET announced_at = now() WHERE id = w.id;
		PERFORM record_change('maintenance_window', w.id::text, NULL, 'announce', jsonb_build_object('announced_at', NULL),
			jsonb_build_object('announced_at', now(), 'mails', n));
	END IF;
	RETURN n;
END
$$;

ALTER FUNCTION public.announce_maintenance(p_window bigint, p_queue text, p_subject text, p_body text) OWNER TO sdesk_owner;

--
-- Name: assign_ticket(uuid, bigint, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.assign_ticket(p_key uuid, p_ticket bigint, p_agent text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
$$;

ALTER FUNCTION public.assign_ticket(p_key uuid, p_ticket bigint, p_agent text) OWNER TO sdesk_owner;

--
-- Name: book_call(uuid, bigint, timestamp with time zone, integer, boolean); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.book_call(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_duration_s integer, p_hotline boolean) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'book_call',
		jsonb_build_array(p_ticket, extract(epoch FROM p_started_at), p_duration_s, p_hotline));
	a agent;
	t ticket;
	v jsonb;
	e jsonb;
	r call;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	t := booking_ticket(p_ticket, p_started_at);
	v := sdesk.book(t.id, CASE WHEN coalesce(p_hotline, false) THEN 'hotline' ELSE 'call' END,
		p_started_at, p_duration_s);
	PERFORM booking_credits(t, v);
	INSERT INTO call (ticket_id, account_id, agent, started_at, duration_s, kind, tariff_window, price_cents)
	VALUES (t.id, t.account_id, a.login, p_started_at, (v ->> 'stored')::integer,
		CASE WHEN coalesce(p_hotline, false) THEN 'hotline' ELSE 'phone' END,
		v ->> 'window', (v ->> 'price_cents')::bigint)
	RETURNING * INTO r;
	FOR e IN SELECT value FROM jsonb_array_elements(v -> 'moves') LOOP
		INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, source_call_id)
		VALUES (t.account_id, t.contract_id, e ->> 'kind', e ->> 'pool', e ->> 'unit',
			(e ->> 'amount')::integer, (e ->> 'money_cents')::bigint, r.id);
	END LOOP;
	PERFORM record_change('call', r.id::text, t.id, 'book_call', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id, 'text', v ->> 'text', 'warning', v ->> 'warning'));
	RETURN r.id;
END
$$;

ALTER FUNCTION public.book_call(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_duration_s integer, p_hotline boolean) OWNER TO sdesk_owner;

--
-- Name: book_standby(uuid, bigint, timestamp with time zone, timestamp with time zone, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.book_standby(p_key uuid, p_contract bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_override_reason text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'book_standby',
		jsonb_build_array(p_contract, extract(epoch FROM p_starts_at), extract(epoch FROM p_ends_at),
			p_override_reason));
	v jsonb;
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
	IF sdesk_local_date(p_starts_at) < c.valid_from OR (c.valid_to IS NOT NULL AND sdesk_local_date(p_ends_at) > c.valid_to) THEN
		RAISE EXCEPTION 'contract % does not run from % to %', c.id, p_starts_at, p_ends_at
			USING ERRCODE = 'check_violation';
	END IF;
	v := sdesk.standby_price(c.plan_code, p_starts_at, p_ends_at, sdesk_now(),
		(c.overrides ->> 'standby_hour_cents')::bigint);
	IF (v ->> 'early')::boolean THEN
		PERFORM require_lead('book standby inside the lead time (earliest ' || (v ->> 'earliest') || ')');
		PERFORM require_text(p_override_reason, 'a reason for booking inside the lead time');
	END IF;
	INSERT INTO standby_booking (account_id, contract_id, starts_at, ends_at, rate_cents, override_reason, booked_by)
	VALUES (c.account_id, c.id, p_starts_at, p_ends_at, (v ->> 'rate_cents')::bigint,
		CASE WHEN (v ->> 'early')::boolean THEN p_override_reason END, session_user)
	RETURNING * INTO r;
	PERFORM record_change('standby', r.id::text, NULL, 'book', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

ALTER FUNCTION public.book_standby(p_key uuid, p_contract bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_override_reason text) OWNER TO sdesk_owner;

--
-- Name: book_time(uuid, bigint, timestamp with time zone, integer, text, boolean, timestamp with time zone, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.book_time(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_minutes integer, p_kind text, p_rush_ordered boolean, p_rush_ordered_at timestamp with time zone, p_note text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'book_time',
		jsonb_build_array(p_ticket, extract(epoch FROM p_started_at), p_minutes, p_kind, p_rush_ordered,
			extract(epoch FROM p_rush_ordered_at), p_note));
	a agent;
	t ticket;
	v jsonb;
	e jsonb;
	r time_entry;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	t := booking_ticket(p_ticket, p_started_at);
	IF coalesce(p_rush_ordered, false) AND p_kind IS DISTINCT FROM 'managed_service' THEN
		RAISE EXCEPTION 'only managed service is ordered as a rush job, not %', p_kind
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_rush_ordered_at IS NOT NULL AND (p_rush_ordered_at < t.received_at OR p_rush_ordered_at > p_started_at) THEN
		RAISE EXCEPTION 'the rush job was ordered at %, which is not between the ticket''s receipt and the work',
			p_rush_ordered_at USING ERRCODE = 'check_violation';
	END IF;
	IF length(coalesce(p_note, '')) > 10000 THEN
		RAISE EXCEPTION 'a note on a time entry holds at most 10000 characters' USING ERRCODE = 'check_violation';
	END IF;
	v := sdesk.book(t.id, 'time', p_started_at, p_minutes, p_kind, coalesce(p_rush_ordered, false),
		p_rush_ordered_at);
	INSERT INTO time_entry (ticket_id, account_id, agent, started_at, minutes, kind, rush, rush_ordered,
		rate_cents, amount_cents, note)
	VALUES (t.id, t.account_id, a.login, p_started_at, (v ->> 'stored')::integer, p_kind,
		(v ->> 'rush')::boolean, coalesce(p_rush_ordered, false), (v ->> 'rate_cents')::bigint,
		(v ->> 'price_cents')::bigint, coalesce(p_note, ''))
	RETURNING * INTO r;
	FOR e IN SELECT value FROM jsonb_array_elements(v -> 'moves') LOOP
		INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents,
			source_time_entry_id)
		VALUES (t.account_id, t.contract_id, e ->> 'kind', e ->> 'pool', e ->> 'unit',
			(e ->> 'amount')::integer, (e ->> 'money_cents')::bigint, r.id);
	END LOOP;
	PERFORM record_change('time_entry', r.id::text, t.id, 'book_time', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id, 'text', v ->> 'text', 'warning', v ->> 'warning'));
	RETURN r.id;
END
$$;

ALTER FUNCTION public.book_time(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_minutes integer, p_kind text, p_rush_ordered boolean, p_rush_ordered_at timestamp with time zone, p_note text) OWNER TO sdesk_owner;

--
-- Name: ticket_number; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ticket_number
    START WITH 10001
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

SET default_table_access_method = heap;

--
-- Name: ticket; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ticket (
    id bigint DEFAULT nextval('public.ticket_number'::regclass) NOT NULL,
    ref text GENERATED ALWAYS AS (('SD-'::text || (id)::text)) STORED,
    account_id bigint NOT NULL,
    contract_id bigint NOT NULL,
    contact_id bigint,
    channel text NOT NULL,
    category text NOT NULL,
    subject text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    tier smallint DEFAULT 1 NOT NULL,
    status text DEFAULT 'new'::text NOT NULL,
    received_at timestamp with time zone NOT NULL,
    first_contact_at timestamp with time zone,
    first_contact_kind text,
    reaction_due timestamp with time zone,
    resolution_due timestamp with time zone,
    estimate_due timestamp with time zone,
    escalation_level smallint DEFAULT 0 NOT NULL,
    escalation_extended boolean DEFAULT false NOT NULL,
    paused_since timestamp with time zone,
    managed_service boolean DEFAULT false NOT NULL,
    managed_told_at timestamp with time zone,
    managed_told_via text,
    assignee text,
    resolved_at timestamp with time zone,
    closed_at timestamp with time zone,
    created_by text DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ticket_category_check CHECK ((category ~ '^[a-z0-9][a-z0-9_-]{0,31}$'::text)),
    CONSTRAINT ticket_channel_check CHECK ((channel = ANY (ARRAY['ticket'::text, 'email'::text, 'chat'::text, 'phone'::text, 'callback'::text, 'hotline'::text, 'oncall'::text]))),
    CONSTRAINT ticket_check CHECK (((first_contact_at IS NULL) = (first_contact_kind IS NULL))),
    CONSTRAINT ticket_check1 CHECK (((first_contact_at IS NULL) OR (first_contact_at >= received_at))),
    CONSTRAINT ticket_check2 CHECK (((reaction_due IS NULL) OR (reaction_due >= received_at))),
    CONSTRAINT ticket_check3 CHECK (((resolution_due IS NULL) OR (resolution_due >= received_at))),
    CONSTRAINT ticket_check4 CHECK (((status = 'waiting'::text) = (paused_since IS NOT NULL))),
    CONSTRAINT ticket_check5 CHECK (((status <> ALL (ARRAY['resolved'::text, 'closed'::text])) OR (resolved_at IS NOT NULL))),
    CONSTRAINT ticket_check6 CHECK (((status = 'closed'::text) = (closed_at IS NOT NULL))),
    CONSTRAINT ticket_check7 CHECK (((NOT managed_service) OR ((managed_told_at IS NOT NULL) AND (managed_told_via IS NOT NULL)))),
    CONSTRAINT ticket_closed_after_resolved CHECK (((closed_at IS NULL) OR (closed_at >= resolved_at))),
    CONSTRAINT ticket_description_check CHECK ((length(description) <= 100000)),
    CONSTRAINT ticket_dues_sane CHECK ((((reaction_due IS NULL) OR (reaction_due <= (received_at + '5 years'::interval))) AND ((resolution_due IS NULL) OR (resolution_due <= (received_at + '5 years'::interval))) AND ((estimate_due IS NULL) OR ((estimate_due >= received_at) AND (estimate_due <= (received_at + '5 years'::interval)))))),
    CONSTRAINT ticket_escalation_level_check CHECK (((escalation_level >= 0) AND (escalation_level <= 3))),
    CONSTRAINT ticket_first_contact_kind_check CHECK ((first_contact_kind = ANY (ARRAY['contact'::text, 'broadcast'::text]))),
    CONSTRAINT ticket_managed_told_via_check CHECK ((managed_told_via = ANY (ARRAY['email'::text, 'phone'::text, 'ticket'::text, 'chat'::text, 'letter'::text, 'meeting'::text]))),
    CONSTRAINT ticket_paused_after_received CHECK (((paused_since IS NULL) OR (paused_since >= received_at))),
    CONSTRAINT ticket_received_sane CHECK (((received_at >= '2000-01-01 00:00:00+00'::timestamp with time zone) AND (received_at < '2200-01-01 00:00:00+00'::timestamp with time zone))),
    CONSTRAINT ticket_resolved_after_contact CHECK (((resolved_at IS NULL) OR (first_contact_at IS NULL) OR (resolved_at >= first_contact_at))),
    CONSTRAINT ticket_resolved_after_received CHECK (((resolved_at IS NULL) OR (resolved_at >= received_at))),
    CONSTRAINT ticket_status_check CHECK ((status = ANY (ARRAY['new'::text, 'open'::text, 'waiting'::text, 'resolved'::text, 'closed'::text]))),
    CONSTRAINT ticket_subject_check CHECK (((btrim(subject) <> ''::text) AND (length(subject) <= 500))),
    CONSTRAINT ticket_tier_check CHECK (((tier >= 1) AND (tier <= 3)))
);

--
-- Name: booking_credits(public.ticket, jsonb); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.booking_credits(t public.ticket, v jsonb) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
	IF (v ->> 'activation')::integer > 0 THEN
		INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, reason)
		VALUES (t.account_id, t.contract_id, 'activation_credit', 'activation', 'minutes',
			(v ->> 'activation')::integer, 'one-off credit on activation')
		ON CONFLICT DO NOTHING;
	END IF;
	IF (v ->> 'allowance')::integer > 0 THEN
		INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, period, reason)
		VALUES (t.account_id, t.contract_id, 'monthly_allowance', 'phone', 'minutes',
			(v ->> 'allowance')::integer, (v ->> 'period')::date, 'free minutes of the month')
		ON CONFLICT DO NOTHING;
	END IF;
END
$$;

ALTER FUNCTION public.booking_credits(t public.ticket, v jsonb) OWNER TO sdesk_owner;

--
-- Name: booking_ticket(bigint, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.booking_ticket(p_ticket bigint, p_at timestamp with time zone) RETURNS public.ticket
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	t ticket;
BEGIN
	SELECT * INTO t FROM ticket WHERE id = p_ticket;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no ticket SD-%', p_ticket USING ERRCODE = 'no_data_found';
	END IF;
	IF p_at IS NULL THEN
		RAISE EXCEPTION 'a booking needs the instant it started' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF p_at < t.received_at - interval '1 day' THEN
		RAISE EXCEPTION 'SD-% was received at %: work at % is before it', t.id, t.received_at, p_at
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_at > sdesk_now() + interval '5 minutes' THEN
		RAISE EXCEPTION 'a booking cannot start in the future (%)', p_at USING ERRCODE = 'check_violation';
	END IF;
	PERFORM pg_advisory_xact_lock(21316, (t.contract_id % 2147483647)::integer);
	RETURN t;
END
$$;

ALTER FUNCTION public.booking_ticket(p_ticket bigint, p_at timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: broadcast_incident(uuid, bigint, text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.broadcast_incident(p_key uuid, p_incident bigint, p_body text, p_expected_fix_at timestamp with time zone, p_sent_at timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'broadcast_incident',
		jsonb_build_array(p_incident, p_body, extract(epoch FROM p_expected_fix_at),
			extract(epoch FROM p_sent_at)));
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
	VALUES (i.id, p_body, p_expected_fix_at, coalesce(p_sent_at, sdesk_now()), session_user) RETURNING * INTO r;
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

ALTER FUNCTION public.broadcast_incident(p_key uuid, p_incident bigint, p_body text, p_expected_fix_at timestamp with time zone, p_sent_at timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: catalogue_follow(); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.catalogue_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
	INSERT INTO catalogue_current (one, catalogue_id, since) VALUES (true, NEW.catalogue_id, now())
	ON CONFLICT (one) DO UPDATE SET catalogue_id = EXCLUDED.catalogue_id, since = now()
	WHERE catalogue_current.catalogue_id IS DISTINCT FROM EXCLUDED.catalogue_id;
	RETURN NULL;
END
$$;

ALTER FUNCTION public.catalogue_follow() OWNER TO sdesk_owner;

--
-- Name: check_oncall_item(uuid, bigint, text, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.check_oncall_item(p_key uuid, p_work bigint, p_item text, p_note text, p_done_at timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'check_oncall_item',
		jsonb_build_array(p_work, p_item, p_note, extract(epoch FROM p_done_at)));
	w oncall_work;
	r oncall_check;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	p_done_at := fact_instant(p_done_at, 'a checklist tick');
	SELECT * INTO w FROM oncall_work WHERE id = p_work FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no on-call work %', p_work USING ERRCODE = 'no_data_found';
	END IF;
	PERFORM oncall_owner_or_lead(w, 'the checklist');
	IF p_item = 'report' THEN
		RAISE EXCEPTION 'the report is ticked when it is sent (send_oncall_report, sdesk oncall report --sent)'
			USING ERRCODE = 'check_violation';
	END IF;
	SELECT * INTO r FROM oncall_check WHERE work_id = w.id AND item = p_item;
	IF FOUND THEN
		RAISE EXCEPTION '% of on-call work % was ticked by % at %', p_item, w.id, r.done_by, r.done_at
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_done_at < w.started_at THEN
		RAISE EXCEPTION 'on-call work % started at %: % cannot be done before', w.id, w.started_at, p_item
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO oncall_check (work_id, item, note, done_by, done_at)
	VALUES (w.id, p_item, p_note, session_user, p_done_at)
	RETURNING * INTO r;
	PERFORM record_change('oncall', w.id::text, w.ticket_id, 'check', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', w.id));
	RETURN w.id;
END
$$;

ALTER FUNCTION public.check_oncall_item(p_key uuid, p_work bigint, p_item text, p_note text, p_done_at timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: close_ticket(uuid, bigint, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.close_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'close_ticket',
		jsonb_build_array(p_ticket, extract(epoch FROM p_at)));
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
	t.closed_at := coalesce(p_at, sdesk_now());
	RETURN ticket_save(o, t, 'close', p_key);
END
$$;

ALTER FUNCTION public.close_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: contract; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contract (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    plan_code text NOT NULL,
    valid_from date NOT NULL,
    valid_to date,
    overrides jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by text DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT contract_dates CHECK (((valid_to IS NULL) OR (valid_to >= valid_from))),
    CONSTRAINT contract_overrides_check CHECK ((jsonb_typeof(overrides) = 'object'::text))
);

--
-- Name: contract_overrides(public.contract); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.contract_overrides(c public.contract) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
	SELECT coalesce((SELECT string_agg(coalesce(o->>'category', '*') || ':' || coalesce(o->>'clock', '') || ':' ||
		CASE WHEN o ? 'minutes' THEN 'm:' || (o->>'minutes') WHEN o ? 'hours' THEN 'h:' || (o->>'hours')
		ELSE 'd:' || coalesce(o->>'workdays', '') END, ',')
		FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.overrides->'targets') = 'array'
			THEN c.overrides->'targets' ELSE '[]'::jsonb END) o), '')
$$;

ALTER FUNCTION public.contract_overrides(c public.contract) OWNER TO sdesk_owner;

--
-- Name: create_account(uuid, text, text, date); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.create_account(p_key uuid, p_code text, p_name text, p_activated_on date) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_account',
		jsonb_build_array(p_code, p_name, p_activated_on));
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

ALTER FUNCTION public.create_account(p_key uuid, p_code text, p_name text, p_activated_on date) OWNER TO sdesk_owner;

--
-- Name: create_agent(uuid, text, text, smallint, bigint, boolean); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.create_agent(p_key uuid, p_login text, p_display_name text, p_tier smallint, p_team bigint, p_is_lead boolean) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_agent',
		jsonb_build_array(p_login, p_display_name, p_tier, p_team, p_is_lead));
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

ALTER FUNCTION public.create_agent(p_key uuid, p_login text, p_display_name text, p_tier smallint, p_team bigint, p_is_lead boolean) OWNER TO sdesk_owner;

--
-- Name: create_contact(uuid, bigint, text, text, text, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.create_contact(p_key uuid, p_account bigint, p_name text, p_role text, p_email text, p_phone text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_contact',
		jsonb_build_array(p_account, p_name, p_role, p_email, p_phone));
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

ALTER FUNCTION public.create_contact(p_key uuid, p_account bigint, p_name text, p_role text, p_email text, p_phone text) OWNER TO sdesk_owner;

--
-- Name: create_contract(uuid, bigint, text, date, date, jsonb); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.create_contract(p_key uuid, p_account bigint, p_plan text, p_valid_from date, p_valid_to date, p_overrides jsonb) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_contract',
		jsonb_build_array(p_account, p_plan, p_valid_from, p_valid_to, p_overrides));
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

ALTER FUNCTION public.create_contract(p_key uuid, p_account bigint, p_plan text, p_valid_from date, p_valid_to date, p_overrides jsonb) OWNER TO sdesk_owner;

--
-- Name: create_incident(uuid, text, text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.create_incident(p_key uuid, p_title text, p_description text, p_started_at timestamp with time zone, p_expected_fix_at timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_incident',
		jsonb_build_array(p_title, p_description, extract(epoch FROM p_started_at),
			extract(epoch FROM p_expected_fix_at)));
	r incident;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	INSERT INTO incident (title, description, started_at, expected_fix_at, created_by)
	VALUES (p_title, coalesce(p_description, ''), coalesce(p_started_at, sdesk_now()), p_expected_fix_at, session_user)
	RETURNING * INTO r;
	PERFORM record_change('incident', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

ALTER FUNCTION public.create_incident(p_key uuid, p_title text, p_description text, p_started_at timestamp with time zone, p_expected_fix_at timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: create_maintenance(uuid, text, text, timestamp with time zone, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.create_maintenance(p_key uuid, p_title text, p_scope text, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_announced_at timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_maintenance',
		jsonb_build_array(p_title, p_scope, extract(epoch FROM p_starts_at),
			extract(epoch FROM p_ends_at), extract(epoch FROM p_announced_at)));
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

ALTER FUNCTION public.create_maintenance(p_key uuid, p_title text, p_scope text, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_announced_at timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: create_team(uuid, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.create_team(p_key uuid, p_name text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_team',
		jsonb_build_array(p_name));
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

ALTER FUNCTION public.create_team(p_key uuid, p_name text) OWNER TO sdesk_owner;

--
-- Name: create_ticket(uuid, bigint, bigint, bigint, text, text, text, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.create_ticket(p_key uuid, p_account bigint, p_contract bigint, p_contact bigint, p_channel text, p_category text, p_subject text, p_description text, p_received_at timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_ticket',
		jsonb_build_array(p_account, p_contract, p_contact, p_channel, p_category, p_subject,
			p_description, extract(epoch FROM p_received_at)));
	v_received timestamptz := coalesce(p_received_at, sdesk_now());
	c contract;
	k contact;
	t ticket;
	d record;
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
	IF p_received_at > sdesk_now() + interval '5 minutes' THEN
		RAISE EXCEPTION 'a ticket cannot be received in the future (%)', p_received_at
			USING ERRCODE = 'check_violation';
	END IF;
	-- The dues are the engine's (ticket_dues): the row is built first, then
	-- asked for its dues, then stored.
	t.account_id := p_account;
	t.contract_id := c.id;
	t.channel := p_channel;
	t.category := p_category;
	t.received_at := v_received;
	d := ticket_dues(t);
	INSERT INTO ticket (account_id, contract_id, contact_id, channel, category, subject, description,
		received_at, reaction_due, resolution_due, created_by)
	VALUES (p_account, p_contract, p_contact, p_channel, p_category, p_subject,
		coalesce(p_description, ''), v_received, d.reaction_due, d.resolution_due, session_user)
	RETURNING * INTO t;
	PERFORM record_change('ticket', t.id::text, t.id, 'create', NULL, to_jsonb(t) - 'updated_at');
	PERFORM request_finish(p_key, jsonb_build_object('id', t.id));
	RETURN t.id;
END
$$;

ALTER FUNCTION public.create_ticket(p_key uuid, p_account bigint, p_contract bigint, p_contact bigint, p_channel text, p_category text, p_subject text, p_description text, p_received_at timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: agent; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.agent (
    login text NOT NULL,
    display_name text NOT NULL,
    tier smallint DEFAULT 1 NOT NULL,
    team_id bigint,
    is_lead boolean DEFAULT false NOT NULL,
    active boolean DEFAULT true NOT NULL,
    CONSTRAINT agent_display_name_check CHECK ((btrim(display_name) <> ''::text)),
    CONSTRAINT agent_login_check CHECK ((login ~ '^[a-z_][a-z0-9_.-]{0,62}$'::text)),
    CONSTRAINT agent_tier_check CHECK (((tier >= 1) AND (tier <= 3)))
);

--
-- Name: current_agent(); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.current_agent() RETURNS public.agent
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

ALTER FUNCTION public.current_agent() OWNER TO sdesk_owner;

--
-- Name: end_oncall(uuid, bigint, timestamp with time zone, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.end_oncall(p_key uuid, p_work bigint, p_ended_at timestamp with time zone, p_report text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'end_oncall',
		jsonb_build_array(p_work, extract(epoch FROM p_ended_at), p_report));
	o oncall_work;
	r oncall_work;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	p_ended_at := fact_instant(p_ended_at, 'the end of on-call work');
	SELECT * INTO o FROM oncall_work WHERE id = p_work FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no on-call work %', p_work USING ERRCODE = 'no_data_found';
	END IF;
	PERFORM oncall_owner_or_lead(o, 'the end');
	IF o.ended_at IS NOT NULL THEN
		RAISE EXCEPTION 'on-call work % ended at %', o.id, o.ended_at USING ERRCODE = 'check_violation';
	END IF;
	IF p_ended_at < o.started_at THEN
		RAISE EXCEPTION 'on-call work % started at %, it cannot end at %', o.id, o.started_at, p_ended_at
			USING ERRCODE = 'check_violation';
	END IF;
	-- p_report: notes for the report; it counts as sent only by send_oncall_report.
	UPDATE oncall_work SET ended_at = p_ended_at, report = coalesce(p_report, report),
		report_due = oncall_report_due((SELECT plan_code FROM contract WHERE id = o.contract_id),
			p_ended_at)
	WHERE id = o.id RETURNING * INTO r;
	PERFORM record_change('oncall', o.id::text, o.ticket_id, 'end', to_jsonb(o), to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$$;

ALTER FUNCTION public.end_oncall(p_key uuid, p_work bigint, p_ended_at timestamp with time zone, p_report text) OWNER TO sdesk_owner;

--
-- Name: extend_estimate(uuid, bigint, timestamp with time zone, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.extend_estimate(p_key uuid, p_ticket bigint, p_new_due timestamp with time zone, p_reason text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'extend_estimate',
		jsonb_build_array(p_ticket, extract(epoch FROM p_new_due), p_reason));
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

ALTER FUNCTION public.extend_estimate(p_key uuid, p_ticket bigint, p_new_due timestamp with time zone, p_reason text) OWNER TO sdesk_owner;

--
-- Name: fact_instant(timestamp with time zone, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.fact_instant(p_at timestamp with time zone, p_what text) RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_now timestamptz := sdesk_now();
BEGIN
	IF p_at > v_now + interval '5 minutes' THEN
		RAISE EXCEPTION '% cannot lie in the future (% is after now, %)', p_what, p_at, v_now
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN coalesce(p_at, v_now);
END
$$;

ALTER FUNCTION public.fact_instant(p_at timestamp with time zone, p_what text) OWNER TO sdesk_owner;

--
-- Name: first_contact(uuid, bigint, timestamp with time zone, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.first_contact(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_category text, p_estimate_due timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'first_contact',
		jsonb_build_array(p_ticket, extract(epoch FROM p_at), p_category, extract(epoch FROM p_estimate_due)));
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
		t.first_contact_at := coalesce(p_at, sdesk_now());
		t.first_contact_kind := 'contact';
	END IF;
	t.category := coalesce(p_category, t.category);
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

ALTER FUNCTION public.first_contact(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_category text, p_estimate_due timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: jsonb_changed(jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.jsonb_changed(a jsonb, b jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
	SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
	FROM jsonb_each(coalesce(a, '{}'::jsonb)) e
	WHERE b IS NULL OR NOT (b ? e.key) OR b -> e.key IS DISTINCT FROM e.value
$$;

ALTER FUNCTION public.jsonb_changed(a jsonb, b jsonb) OWNER TO sdesk_owner;

--
-- Name: ledger_adjust(uuid, bigint, text, text, integer, bigint, date, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.ledger_adjust(p_key uuid, p_contract bigint, p_pool text, p_unit text, p_amount integer, p_money_cents bigint, p_effective_on date, p_reason text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_adjust',
		jsonb_build_array(p_contract, p_pool, p_unit, p_amount, p_money_cents, p_effective_on,
			p_reason));
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
	PERFORM ledger_pool_check(c, coalesce(p_pool, 'phone'), p_unit, p_amount, p_money_cents);
	INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, effective_on,
		reason, created_by)
	VALUES (c.account_id, c.id, 'correction', coalesce(p_pool, 'phone'), p_unit, p_amount,
		coalesce(p_money_cents, 0), coalesce(p_effective_on, sdesk_local_date(sdesk_now())), p_reason, session_user)
	RETURNING * INTO r;
	PERFORM record_change('ledger', r.id::text, NULL, 'correction', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

ALTER FUNCTION public.ledger_adjust(p_key uuid, p_contract bigint, p_pool text, p_unit text, p_amount integer, p_money_cents bigint, p_effective_on date, p_reason text) OWNER TO sdesk_owner;

--
-- Name: ledger_correction(uuid, bigint, text, text, integer, bigint, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.ledger_correction(p_key uuid, p_contract bigint, p_pool text, p_unit text, p_amount integer, p_money_cents bigint, p_reason text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_correction',
		jsonb_build_array(p_contract, p_pool, p_unit, p_amount, p_money_cents, p_reason));
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
	PERFORM ledger_pool_check(c, coalesce(p_pool, 'phone'), p_unit, p_amount, p_money_cents);
	INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, reason, created_by)
	VALUES (c.account_id, c.id, 'correction', coalesce(p_pool, 'phone'), p_unit, p_amount,
		coalesce(p_money_cents, 0), p_reason, session_user)
	RETURNING * INTO r;
	PERFORM record_change('ledger', r.id::text, NULL, 'correction', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

ALTER FUNCTION public.ledger_correction(p_key uuid, p_contract bigint, p_pool text, p_unit text, p_amount integer, p_money_cents bigint, p_reason text) OWNER TO sdesk_owner;

--
-- Name: ledger_credit(uuid, bigint, text, date); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.ledger_credit(p_key uuid, p_contract bigint, p_kind text, p_period date) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_credit',
		jsonb_build_array(p_contract, p_kind, p_period));
	v_id bigint;
	v_budget jsonb;
	v_amount integer;
	v_period date := date_trunc('month', p_period)::date;
	c contract;
	acc account;
	r budget_ledger;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO c FROM contract WHERE id = p_contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	SELECT * INTO acc FROM account WHERE id = c.account_id;
	v_budget := sdesk.plan_budget(c.plan_code);
	PERFORM pg_advisory_xact_lock(21316, (c.id % 2147483647)::integer);
	IF p_kind = 'monthly_allowance' THEN
		v_amount := (v_budget ->> 'monthly_free_minutes')::integer;
		IF v_period IS NULL OR v_period < c.valid_from - 31 OR v_period > coalesce(c.valid_to, v_period)
		   OR v_period + interval '1 month' <= c.valid_from THEN
			RAISE EXCEPTION 'contract % does not run in the month %', c.id, coalesce(to_char(v_period, 'YYYY-MM'), '(none)')
				USING ERRCODE = 'check_violation';
		END IF;
		IF v_period > sdesk_local_date(sdesk_now()) THEN
			RAISE EXCEPTION 'the free minutes of % are booked when that month comes', to_char(v_period, 'YYYY-MM')
				USING ERRCODE = 'check_violation';
		END IF;
		SELECT id INTO v_id FROM budget_ledger
		WHERE contract_id = c.id AND kind = 'monthly_allowance' AND period = v_period;
	ELSIF p_kind = 'activation_credit' THEN
		v_amount := (v_budget ->> 'activation_credit_minutes')::integer;
		v_period := NULL;
		IF acc.activated_on IS NULL THEN
			RAISE EXCEPTION 'account % is not activated: no activation credit yet', acc.code
				USING ERRCODE = 'check_violation';
		END IF;
		SELECT id INTO v_id FROM budget_ledger WHERE account_id = c.account_id AND kind = 'activation_credit';
	ELSE
		RAISE EXCEPTION 'ledger_credit books the monthly allowance and the activation credit, not % (points packages: sdesk budget add-points)', p_kind
			USING ERRCODE = 'check_violation';
	END IF;
	IF v_id IS NULL THEN
		IF coalesce(v_amount, 0) <= 0 THEN
			RAISE EXCEPTION 'plan % grants no % minutes', c.plan_code, replace(p_kind, '_', ' ')
				USING ERRCODE = 'check_violation';
		END IF;
		INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, period, reason)
		VALUES (c.account_id, c.id, p_kind, CASE p_kind WHEN 'activation_credit' THEN 'activation' ELSE 'phone' END,
			'minutes', v_amount, v_period, CASE p_kind WHEN 'activation_credit' THEN 'one-off credit on activation'
			ELSE 'free minutes of the month' END)
		RETURNING * INTO r;
		v_id := r.id;
		PERFORM record_change('ledger', r.id::text, NULL, p_kind, NULL, to_jsonb(r));
	END IF;
	PERFORM request_finish(p_key, jsonb_build_object('id', v_id));
	RETURN v_id;
END
$$;

ALTER FUNCTION public.ledger_credit(p_key uuid, p_contract bigint, p_kind text, p_period date) OWNER TO sdesk_owner;

--
-- Name: ledger_month_add(); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.ledger_month_add() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_at timestamptz;
BEGIN
	IF NEW.kind = 'activation_credit' OR (NEW.pool = 'activation' AND NEW.unit = 'minutes') THEN
		RETURN NULL;
	END IF;
	IF NEW.period IS NULL AND NEW.effective_on IS NULL THEN
		IF NEW.source_call_id IS NOT NULL THEN
			SELECT started_at INTO v_at FROM call WHERE id = NEW.source_call_id;
		ELSIF NEW.source_time_entry_id IS NOT NULL THEN
			SELECT started_at INTO v_at FROM time_entry WHERE id = NEW.source_time_entry_id;
		END IF;
	END IF;
	INSERT INTO ledger_month AS m (contract_id, month, kind, pool, unit, amount, money_cents, rows)
	VALUES (NEW.contract_id,
		date_trunc('month', coalesce(NEW.period, NEW.effective_on,
			(coalesce(v_at, NEW.created_at) AT TIME ZONE 'Europe/Berlin')::date))::date,
		NEW.kind, NEW.pool, NEW.unit, NEW.amount, NEW.money_cents, 1)
	ON CONFLICT (contract_id, month, kind, pool, unit) DO UPDATE
	SET amount = m.amount + EXCLUDED.amount, money_cents = m.money_cents + EXCLUDED.money_cents,
		rows = m.rows + 1;
	RETURN NULL;
END
$$;

ALTER FUNCTION public.ledger_month_add() OWNER TO sdesk_owner;

--
-- Name: ledger_month_rebuild(); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.ledger_month_rebuild() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_rows bigint;
BEGIN
	LOCK TABLE budget_ledger IN SHARE MODE;
	DELETE FROM ledger_month;
	INSERT INTO ledger_month (contract_id, month, kind, pool, unit, amount, money_cents, rows)
	SELECT l.contract_id,
		date_trunc('month', coalesce(l.period, l.effective_on,
			(coalesce(c.started_at, e.started_at, l.created_at) AT TIME ZONE 'Europe/Berlin')::date))::date,
		l.kind, l.pool, l.unit, sum(l.amount), sum(l.money_cents), count(*)
	FROM budget_ledger l
		LEFT JOIN call c ON c.id = l.source_call_id
		LEFT JOIN time_entry e ON e.id = l.source_time_entry_id
	WHERE NOT (l.kind = 'activation_credit' OR (l.pool = 'activation' AND l.unit = 'minutes'))
	GROUP BY 1, 2, 3, 4, 5;
	GET DIAGNOSTICS v_rows = ROW_COUNT;
	RETURN v_rows;
END
$$;

ALTER FUNCTION public.ledger_month_rebuild() OWNER TO sdesk_owner;

--
-- Name: ledger_package(uuid, bigint, text, integer, date, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.ledger_package(p_key uuid, p_contract bigint, p_pool text, p_points integer, p_effective_on date, p_reason text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_package',
		jsonb_build_array(p_contract, p_pool, p_points, p_effective_on, p_reason));
	v_cents bigint;
	v_on date := coalesce(p_effective_on, sdesk_local_date(sdesk_now()));
	c contract;
	r budget_ledger;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM require_lead('book a points package');
	SELECT * INTO c FROM contract WHERE id = p_contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	IF v_on < c.valid_from OR (c.valid_to IS NOT NULL AND v_on > c.valid_to) THEN
		RAISE EXCEPTION 'contract % does not run on %', c.id, v_on USING ERRCODE = 'check_violation';
	END IF;
	v_cents := sdesk.package_price(c.plan_code, p_pool, p_points);
	INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, effective_on,
		reason, created_by)
	VALUES (c.account_id, c.id, 'points_package', p_pool, 'points', p_points, v_cents, v_on, p_reason, session_user)
	RETURNING * INTO r;
	PERFORM record_change('ledger', r.id::text, NULL, 'points_package', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

ALTER FUNCTION public.ledger_package(p_key uuid, p_contract bigint, p_pool text, p_points integer, p_effective_on date, p_reason text) OWNER TO sdesk_owner;

--
-- Name: ledger_pool_check(public.contract, text, text, integer, bigint); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.ledger_pool_check(c public.contract, p_pool text, p_unit text, p_amount integer, p_money_cents bigint) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_budget jsonb := sdesk.plan_budget(c.plan_code);
BEGIN
	IF p_unit = 'minutes' AND p_pool IN ('phone', 'activation') THEN
		NULL;
	ELSIF p_unit = 'points' AND EXISTS (SELECT 1 FROM jsonb_array_elements(v_budget -> 'points') k
		WHERE k ->> 'kind' = p_pool) THEN
		NULL;
	ELSE
		RAISE EXCEPTION 'plan % has no pool % in %', c.plan_code, coalesce(p_pool, '(none)'), coalesce(p_unit, '(none)')
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_amount IS NULL OR abs(p_amount) > 100000 THEN
		RAISE EXCEPTION 'a correction moves at most 100000 minutes or points' USING ERRCODE = 'check_violation';
	END IF;
	IF abs(coalesce(p_money_cents, 0)) > 10000000 THEN
		RAISE EXCEPTION 'a correction moves at most EUR 100,000.00' USING ERRCODE = 'check_violation';
	END IF;
END
$$;

ALTER FUNCTION public.ledger_pool_check(c public.contract, p_pool text, p_unit text, p_amount integer, p_money_cents bigint) OWNER TO sdesk_owner;

--
-- Name: link_dev_ticket(uuid, bigint, text, text, text, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.link_dev_ticket(p_key uuid, p_ticket bigint, p_tracker text, p_ref text, p_kind text, p_url text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'link_dev_ticket',
		jsonb_build_array(p_ticket, p_tracker, p_ref, p_kind, p_url));
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

ALTER FUNCTION public.link_dev_ticket(p_key uuid, p_ticket bigint, p_tracker text, p_ref text, p_kind text, p_url text) OWNER TO sdesk_owner;

--
-- Name: link_incident(uuid, bigint, bigint); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.link_incident(p_key uuid, p_ticket bigint, p_incident bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'link_incident',
		jsonb_build_array(p_ticket, p_incident));
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

ALTER FUNCTION public.link_incident(p_key uuid, p_ticket bigint, p_incident bigint) OWNER TO sdesk_owner;

--
-- Name: lock_plan_tickets(text[]); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.lock_plan_tickets(p_plans text[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	n integer;
BEGIN
	PERFORM 1 FROM ticket t JOIN contract c ON c.id = t.contract_id
	WHERE t.status IN ('new', 'open', 'waiting') AND c.plan_code = ANY (p_plans)
	ORDER BY t.id FOR UPDATE OF t;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

ALTER FUNCTION public.lock_plan_tickets(p_plans text[]) OWNER TO sdesk_owner;

--
-- Name: mail_attach(bigint, text, text, bigint, bytea); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.mail_attach(p_message bigint, p_filename text, p_content_type text, p_size bigint, p_data bytea) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_id bigint;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM ticket_message m WHERE m.id = p_message AND m.kind = 'incoming'
	               AND m.created_by = session_user AND m.created_at = now()) THEN
		RAISE EXCEPTION 'mail_attach: message % was not received in this transaction', p_message
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	INSERT INTO mail_attachment (message, filename, content_type, size, data)
	VALUES (p_message, coalesce(nullif(mail_sanitize(p_filename, 255), ''), 'attachment'),
		left(coalesce(p_content_type, 'application/octet-stream'), 255), p_size, p_data)
	RETURNING id INTO v_id;
	RETURN v_id;
END
$$;

ALTER FUNCTION public.mail_attach(p_message bigint, p_filename text, p_content_type text, p_size bigint, p_data bytea) OWNER TO sdesk_owner;

--
-- Name: mail_plan_category(text, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.mail_plan_category(p_plan text, p_wanted text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
	SELECT coalesce(
		(SELECT c ->> 'name' FROM plan p, jsonb_array_elements(p.definition -> 'categories') c
		 WHERE p.code = p_plan AND c ->> 'name' = p_wanted),
		(SELECT c ->> 'name' FROM plan p, jsonb_array_elements(p.definition -> 'categories') c
		 WHERE p.code = p_plan ORDER BY (c ->> 'severity')::integer DESC NULLS LAST, c ->> 'name' LIMIT 1))
$$;

ALTER FUNCTION public.mail_plan_category(p_plan text, p_wanted text) OWNER TO sdesk_owner;

--
-- Name: mail_receive(text, text, text, text, text, text, timestamp with time zone, bigint, text[], text, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.mail_receive(p_message_id text, p_queue text, p_sender text, p_sender_name text, p_subject text, p_body text, p_header_received timestamp with time zone, p_ticket bigint, p_refs text[], p_class text, p_category text, OUT message bigint, OUT ticket bigint, OUT outcome text, OUT reason text, OUT received_at timestamp with time zone, OUT plan text, OUT category text, OUT channel text, OUT duplicate boolean) RETURNS record
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
DECLARE
	m ticket_message;
	t ticket;
	k contact;
	c contract;
	d record;
	v_sender text := lower(btrim(p_sender));
	v_subject text := mail_sanitize(p_subject, 500);
	v_name text := mail_sanitize(p_sender_name, 200);
	v_ticket bigint;
	v_via text;
	v_n integer;
BEGIN
	IF p_message_id IS NULL OR btrim(p_message_id) = '' OR length(p_message_id) > 998 THEN
		RAISE EXCEPTION 'mail_receive: a Message-ID is required' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF v_sender IS NULL OR v_sender !~ '^[^@\s]+@[^@\s]+$' THEN
		RAISE EXCEPTION 'mail_receive: no sender address' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF p_class NOT IN ('normal', 'auto', 'bounce') THEN
		RAISE EXCEPTION 'mail_receive: unknown class %', p_class USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- Two deliveries of one message at once: the second waits here.
	PERFORM pg_advisory_xact_lock(hashtextextended(p_message_id, 7306251835190012));
	SELECT * INTO m FROM ticket_message WHERE message_id = p_message_id;
	IF FOUND THEN
		message := m.id;
		ticket := m.ticket_id;
		duplicate := true;
		received_at := m.at;
		reason := m.triage_reason;
		outcome := CASE WHEN m.triage = 'open' THEN 'triage' WHEN m.triage = 'ignored' THEN 'ignored'
			WHEN EXISTS (SELECT 1 FROM history h WHERE h.entity = 'ticket_message' AND h.entity_id = m.id::text
				AND h.action = 'mail_ticket') THEN 'ticket'
			ELSE 'thread' END;
		IF outcome = 'ticket' THEN
			SELECT * INTO t FROM ticket WHERE id = m.ticket_id;
			SELECT * INTO c FROM contract WHERE id = t.contract_id;
			plan := c.plan_code;
			category := t.category;
			channel := t.channel;
		END IF;
		RETURN;
	END IF;
	duplicate := false;
	received_at := CASE WHEN p_header_received IS NOT NULL AND p_header_received <= now()
		AND p_header_received > now() - interval '7 days' THEN p_header_received ELSE now() END;

	-- Which ticket the message names: the tag, else a message of its thread.
	v_ticket := p_ticket;
	IF v_ticket IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ticket x WHERE x.id = v_ticket) THEN
		v_ticket := NULL;
	END IF;
	IF v_ticket IS NULL AND p_refs IS NOT NULL THEN
		SELECT x.ticket_id INTO v_ticket FROM unnest(p_refs) WITH ORDINALITY r(id, n)
			JOIN ticket_message x ON x.message_id = r.id
		WHERE x.ticket_id IS NOT NULL ORDER BY r.n LIMIT 1;
	END IF;

	IF v_ticket IS NOT NULL THEN
		SELECT * INTO t FROM ticket WHERE id = v_ticket;
		SELECT * INTO k FROM contact x WHERE lower(x.email) = v_sender AND x.account_id = t.account_id AND x.active
			ORDER BY x.id LIMIT 1;
		IF NOT FOUND THEN
			IF p_class <> 'normal' THEN
				-- A bounce comes from a mailer, not the customer: it belongs to the
				-- ticket only through our own Message-ID, never through a tag.
				IF p_class = 'bounce' AND EXISTS (SELECT 1 FROM unnest(p_refs) r(id)
					JOIN ticket_message x ON x.message_id = r.id WHERE x.ticket_id = v_ticket AND x.kind = 'reply') THEN
					v_via := 'thread';
				ELSE
					v_via := 'ignored';
					reason := 'auto-reply or bounce from ' || v_sender || ', not a contact of SD-' || v_ticket;
				END IF;
			ELSE
				v_via := 'triage';
				reason := 'names SD-' || v_ticket || ' but ' || v_sender || ' is not a contact of its customer';
			END IF;
		ELSE
			v_via := 'thread';
		END IF;
		IF v_via = 'thread' THEN
			INSERT INTO ticket_message (ticket_id, kind, channel, sender, sender_name, contact_id, at, subject, body,
				message_id, in_reply_to, refs, queue, class)
			VALUES (t.id, 'incoming', 'email', v_sender, v_name, k.id, received_at, v_subject, coalesce(p_body, ''),
				p_message_id, p_refs[1], coalesce(p_refs, '{}'), p_queue, p_class)
			RETURNING id INTO message;
			PERFORM record_change('ticket_message', message::text, t.id, 'mail_in', NULL,
				jsonb_build_object('sender', v_sender, 'subject', v_subject, 'class', p_class));
			ticket := t.id;
			outcome := 'thread';
			RETURN;
		END IF;
	ELSIF p_class <> 'normal' THEN
		v_via := 'ignored';
		reason := CASE p_class WHEN 'auto' THEN 'auto-reply' ELSE 'bounce' END || ' naming no ticket';
	ELSE
		SELECT count(*) INTO v_n FROM contact x WHERE lower(x.email) = v_sender AND x.active;
		IF v_n = 0 THEN
			v_via := 'triage';
			reason := 'unknown sender ' || v_sender;
		ELSIF v_n > 1 THEN
			v_via := 'triage';
			reason := v_sender || ' is a contact of more than one customer';
		ELSE
			SELECT * INTO k FROM contact x WHERE lower(x.email) = v_sender AND x.active;
			-- The contract running on the received day, one with e-mail support first.
			SELECT x.* INTO c FROM contract x JOIN plan p ON p.code = x.plan_code
			WHERE x.account_id = k.account_id AND x.valid_from <= sdesk_local_date(received_at)
			  AND (x.valid_to IS NULL OR x.valid_to >= sdesk_local_date(received_at))
			ORDER BY (p.definition -> 'channels') ? 'email' DESC, x.id LIMIT 1;
			IF k.role <> 'key_user' THEN
				v_via := 'triage';
				reason := v_sender || ' is an end user: end users go through a key user';
			ELSIF c.id IS NULL THEN
				v_via := 'triage';
				reason := 'no contract of the customer runs on ' || sdesk_local_date(received_at);
			ELSE
				plan := c.plan_code;
				category := mail_plan_category(c.plan_code, p_category);
				IF category IS NULL THEN
					v_via := 'triage';
					reason := 'plan ' || c.plan_code || ' has no categories';
				END IF;
			END IF;
		END IF;
	END IF;

	IF v_via IS NULL THEN
		channel := CASE WHEN (SELECT (p.definition -> 'channels') ? 'email' FROM plan p WHERE p.code = c.plan_code)
			THEN 'email' ELSE 'ticket' END;
		-- The dues are the engine's (ticket_dues), as in create_ticket: the
		-- row is built first, then asked for its dues, then stored.
		t.account_id := k.account_id;
		t.contract_id := c.id;
		t.channel := channel;
		t.category := category;
		t.received_at := received_at;
		d := ticket_dues(t);
		INSERT INTO ticket (account_id, contract_id, contact_id, channel, category, subject, description,
			received_at, reaction_due, resolution_due, created_by)
		VALUES (k.account_id, c.id, k.id, channel, category,
			CASE WHEN v_subject = '' THEN '(no subject)' ELSE v_subject END,
			left(coalesce(p_body, ''), 100000), received_at, d.reaction_due, d.resolution_due, session_user)
		RETURNING * INTO t;
		PERFORM record_change('ticket', t.id::text, t.id, 'create', NULL, to_jsonb(t) - 'updated_at');
		INSERT INTO ticket_message (ticket_id, kind, channel, sender, sender_name, contact_id, at, subject, body,
			message_id, in_reply_to, refs, queue, class)
		VALUES (t.id, 'incoming', 'email', v_sender, v_name, k.id, received_at, v_subject, coalesce(p_body, ''),
			p_message_id, p_refs[1], coalesce(p_refs, '{}'), p_queue, p_class)
		RETURNING id INTO message;
		PERFORM record_change('ticket_message', message::text, t.id, 'mail_ticket', NULL,
			jsonb_build_object('sender', v_sender, 'subject', v_subject));
		ticket := t.id;
		outcome := 'ticket';
		RETURN;
	END IF;

	INSERT INTO ticket_message (ticket_id, kind, channel, sender, sender_name, contact_id, at, subject, body,
		message_id, in_reply_to, refs, queue, class, triage, triage_reason)
	VALUES (NULL, 'incoming', 'email', v_sender, v_name, k.id, received_at, v_subject, coalesce(p_body, ''),
		p_message_id, p_refs[1], coalesce(p_refs, '{}'), p_queue, p_class,
		CASE v_via WHEN 'ignored' THEN 'ignored' ELSE 'open' END, reason)
	RETURNING id INTO message;
	PERFORM record_change('ticket_message', message::text, NULL, 'mail_' || v_via, NULL,
		jsonb_build_object('sender', v_sender, 'subject', v_subject, 'reason', reason));
	outcome := CASE v_via WHEN 'ignored' THEN 'ignored' ELSE 'triage' END;
END
$_$;

ALTER FUNCTION public.mail_receive(p_message_id text, p_queue text, p_sender text, p_sender_name text, p_subject text, p_body text, p_header_received timestamp with time zone, p_ticket bigint, p_refs text[], p_class text, p_category text, OUT message bigint, OUT ticket bigint, OUT outcome text, OUT reason text, OUT received_at timestamp with time zone, OUT plan text, OUT category text, OUT channel text, OUT duplicate boolean) OWNER TO sdesk_owner;

--
-- Name: mail_reply_id(text, text, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.mail_reply_id(p_queue text, p_kind text, p_key text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
	SELECT 'sdesk.' || p_kind || '.' || p_key || '@' || split_part(q.address, '@', 2)
	FROM mail_queue q WHERE q.code = p_queue
$$;

ALTER FUNCTION public.mail_reply_id(p_queue text, p_kind text, p_key text) OWNER TO sdesk_owner;

--
-- Name: mail_sanitize(text, integer); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.mail_sanitize(p text, p_max integer) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
	SELECT left(btrim(regexp_replace(coalesce(p, ''),
		'[\x01-\x1f\x7f\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]', ' ', 'g')), p_max)
$$;

ALTER FUNCTION public.mail_sanitize(p text, p_max integer) OWNER TO sdesk_owner;

--
-- Name: mark_managed_service(uuid, bigint, timestamp with time zone, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.mark_managed_service(p_key uuid, p_ticket bigint, p_told_at timestamp with time zone, p_told_via text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
$$;

ALTER FUNCTION public.mark_managed_service(p_key uuid, p_ticket bigint, p_told_at timestamp with time zone, p_told_via text) OWNER TO sdesk_owner;

--
-- Name: notice_incident(bigint, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.notice_incident(p_incident bigint, p_queue text) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	i incident;
	b broadcast;
	n integer;
BEGIN
	PERFORM current_agent();
	IF NOT (pg_has_role(session_user, 'sdesk_ops', 'MEMBER') OR pg_has_role(session_user, 'sdesk_lead', 'MEMBER')) THEN
		RAISE EXCEPTION 'incident notices: only ops or a team lead may do this'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT * INTO i FROM incident x WHERE x.id = p_incident;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no incident %', p_incident USING ERRCODE = 'no_data_found';
	END IF;
	SELECT * INTO b FROM broadcast x WHERE x.incident_id = i.id ORDER BY x.sent_at DESC, x.id DESC LIMIT 1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'incident % has no broadcast yet: publish one first', p_incident
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO mail_outbox (kind, broadcast_id, contact_id, queue, to_address, subject, body, message_id)
	SELECT DISTINCT ON (k.id) 'notice', b.id, k.id, p_queue, lower(k.email),
		mail_sanitize('Störung / Incident: ' || i.title, 400),
		b.body || E'\n' || CASE WHEN b.expected_fix_at IS NULL THEN ''
			ELSE E'\nVoraussichtlich behoben / expected fix: '
				|| to_char(b.expected_fix_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI') || E' (Europe/Berlin)\n' END
		|| E'\nBetroffene Tickets / affected tickets: ' || (SELECT string_agg('SD-' || t2.id, ', ' ORDER BY t2.id)
			FROM ticket_incident l2 JOIN ticket t2 ON t2.id = l2.ticket_id
			WHERE l2.incident_id = i.id AND t2.account_id = k.account_id) || E'\n',
		mail_reply_id(p_queue, 'n' || b.id, k.id::text)
	FROM ticket_incident l JOIN ticket t ON t.id = l.ticket_id JOIN contact k ON k.id = t.contact_id
	WHERE l.incident_id = i.id AND k.active AND k.email IS NOT NULL
	ORDER BY k.id
	ON CONFLICT (broadcast_id, contact_id) WHERE kind = 'notice' DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	PERFORM record_change('incident', i.id::text, NULL, 'mail_notice', NULL,
		jsonb_build_object('broadcast', b.id, 'mails', n));
	RETURN n;
END
$$;

ALTER FUNCTION public.notice_incident(p_incident bigint, p_queue text) OWNER TO sdesk_owner;

--
-- Name: oncall_work; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.oncall_work (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    contract_id bigint NOT NULL,
    ticket_id bigint,
    agent text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    report text,
    reported_at timestamp with time zone,
    report_due timestamp with time zone,
    CONSTRAINT oncall_work_check CHECK (((ended_at IS NULL) OR (ended_at >= started_at)))
);

--
-- Name: oncall_owner_or_lead(public.oncall_work, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.oncall_owner_or_lead(p_work public.oncall_work, p_what text) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	a agent := current_agent();
BEGIN
	IF p_work.agent <> a.login THEN
		PERFORM require_lead(format('%s of on-call work %s started by %s', p_what, p_work.id, p_work.agent));
	END IF;
END
$$;

ALTER FUNCTION public.oncall_owner_or_lead(p_work public.oncall_work, p_what text) OWNER TO sdesk_owner;

--
-- Name: oncall_report_due(text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.oncall_report_due(p_plan text, p_ended timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_def jsonb;
	v_cal text;
	v_tz text;
	v_open timestamptz;
	v_day date;
	v_left bigint;
BEGIN
	IF p_ended IS NULL THEN
		RETURN NULL;
	END IF;
	SELECT definition INTO v_def FROM plan WHERE code = p_plan;
	v_cal := coalesce(v_def -> 'targets' -> 0 ->> 'calendar',
		(SELECT c -> 'targets' -> 0 ->> 'calendar'
		 FROM jsonb_array_elements(coalesce(v_def -> 'categories', '[]')) WITH ORDINALITY AS x(c, n)
		 WHERE c -> 'targets' -> 0 ->> 'calendar' IS NOT NULL ORDER BY n LIMIT 1));
	SELECT k.time_zone INTO v_tz FROM sdesk.calendars() k WHERE k.calendar = v_cal;
	IF v_tz IS NULL THEN
		RETURN NULL;
	END IF;
	v_day := (p_ended AT TIME ZONE v_tz)::date;
	v_open := sdesk.business_add(v_cal, (v_day + 1)::timestamp AT TIME ZONE v_tz, interval '0');
	v_day := (v_open AT TIME ZONE v_tz)::date;
	v_left := sdesk.business_between(v_cal, v_open, (v_day + 1)::timestamp AT TIME ZONE v_tz);
	RETURN sdesk.business_add(v_cal, v_open, make_interval(mins => v_left::int));
END
$$;

ALTER FUNCTION public.oncall_report_due(p_plan text, p_ended timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: outbox_claim(bigint, boolean); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.outbox_claim(p_id bigint, p_unknown boolean) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	o mail_outbox;
BEGIN
	PERFORM current_agent();
	SELECT * INTO o FROM mail_outbox x WHERE x.id = p_id FOR UPDATE SKIP LOCKED;
	IF NOT FOUND OR o.state = 'sent' OR (o.state = 'sending' AND NOT p_unknown) THEN
		RETURN NULL;
	END IF;
	UPDATE mail_outbox SET state = 'sending', claimed_at = now(), claimed_by = session_user, attempts = attempts + 1
	WHERE id = o.id;
	RETURN o.id;
END
$$;

ALTER FUNCTION public.outbox_claim(p_id bigint, p_unknown boolean) OWNER TO sdesk_owner;

--
-- Name: outbox_done(bigint, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.outbox_done(p_id bigint, p_error text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	o mail_outbox;
BEGIN
	PERFORM current_agent();
	SELECT * INTO o FROM mail_outbox x WHERE x.id = p_id AND x.state = 'sending' FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'mail % is not being sent', p_id USING ERRCODE = 'no_data_found';
	END IF;
	IF p_error IS NULL THEN
		UPDATE mail_outbox SET state = 'sent', sent_at = now(), last_error = NULL WHERE id = o.id;
	ELSE
		UPDATE mail_outbox SET state = 'pending', last_error = left(p_error, 1000) WHERE id = o.id;
	END IF;
	PERFORM record_change('mail_outbox', o.id::text,
		(SELECT m.ticket_id FROM ticket_message m WHERE m.id = o.message),
		CASE WHEN p_error IS NULL THEN 'mail_sent' ELSE 'mail_failed' END, NULL,
		jsonb_build_object('to', o.to_address, 'message_id', o.message_id, 'error', p_error));
	RETURN o.id;
END
$$;

ALTER FUNCTION public.outbox_done(p_id bigint, p_error text) OWNER TO sdesk_owner;

--
-- Name: pause_ticket(uuid, bigint, timestamp with time zone, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.pause_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_reason text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'pause_ticket',
		jsonb_build_array(p_ticket, extract(epoch FROM p_at), p_reason));
	v_at timestamptz := coalesce(p_at, sdesk_now());
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

ALTER FUNCTION public.pause_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_reason text) OWNER TO sdesk_owner;

--
-- Name: post_note(uuid, bigint, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.post_note(p_key uuid, p_ticket bigint, p_body text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'post_note', jsonb_build_array(p_ticket, p_body));
	a agent;
	v_id bigint;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	PERFORM require_text(p_body, 'note');
	IF NOT EXISTS (SELECT 1 FROM ticket x WHERE x.id = p_ticket) THEN
		RAISE EXCEPTION 'no ticket SD-%', p_ticket USING ERRCODE = 'no_data_found';
	END IF;
	INSERT INTO ticket_message (ticket_id, kind, channel, author, body, at)
	VALUES (p_ticket, 'note', 'console', a.login, p_body, sdesk_now()) RETURNING id INTO v_id;
	PERFORM record_change('ticket_message', v_id::text, p_ticket, 'note', NULL, '{}'::jsonb);
	PERFORM request_finish(p_key, jsonb_build_object('id', v_id));
	RETURN v_id;
END
$$;

ALTER FUNCTION public.post_note(p_key uuid, p_ticket bigint, p_body text) OWNER TO sdesk_owner;

--
-- Name: post_reply(uuid, bigint, text, text, boolean, text, boolean); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.post_reply(p_key uuid, p_ticket bigint, p_body text, p_queue text, p_mail boolean, p_channel text, p_first_contact boolean) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'post_reply',
		jsonb_build_array(p_ticket, p_body, p_queue, p_mail, p_channel, p_first_contact));
	a agent;
	t ticket;
	k contact;
	last ticket_message;
	v_queue text;
	v_to text;
	v_mid text;
	v_refs text[];
	v_id bigint;
	v_subject text;
	v_channel text := coalesce(p_channel, CASE WHEN p_mail THEN 'email' ELSE 'phone' END);
	v_at timestamptz := sdesk_now();
	o ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	PERFORM require_text(p_body, 'reply');
	IF v_channel NOT IN ('phone', 'email', 'chat', 'onsite') THEN
		RAISE EXCEPTION 'a reply''s channel is phone, email, chat or onsite, not %', v_channel
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_mail AND v_channel <> 'email' THEN
		RAISE EXCEPTION 'a mailed reply is an e-mail, not %', v_channel USING ERRCODE = 'check_violation';
	END IF;
	SELECT * INTO t FROM ticket WHERE id = p_ticket;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no ticket SD-%', p_ticket USING ERRCODE = 'no_data_found';
	END IF;
	SELECT * INTO last FROM ticket_message m WHERE m.ticket_id = t.id AND m.kind = 'incoming' AND m.class = 'normal'
		ORDER BY m.at DESC, m.id DESC LIMIT 1;
	v_queue := coalesce(p_queue, last.queue, 'support');
	IF NOT EXISTS (SELECT 1 FROM mail_queue q WHERE q.code = v_queue) THEN
		RAISE EXCEPTION 'no mail queue %', v_queue USING ERRCODE = 'foreign_key_violation';
	END IF;
	v_subject := '[SD-' || t.id || '] ' || regexp_replace(
		mail_sanitize(coalesce(nullif(last.subject, ''), t.subject), 400), '^((re|aw|fwd?|wg):\s*)*(\[SD-[0-9]+\]\s*)?', '', 'i');
	IF p_mail THEN
		SELECT * INTO k FROM contact x WHERE x.id = coalesce(last.contact_id, t.contact_id);
		v_to := coalesce(k.email, last.sender);
		IF v_to IS NULL THEN
			RAISE EXCEPTION 'SD-%: the contact has no e-mail address: reply by phone', t.id
				USING ERRCODE = 'check_violation';
		END IF;
		v_mid := mail_reply_id(v_queue, 'r' || t.id, p_key::text);
		-- References: the thread's first message, the parent's references, the parent.
		IF last.message_id IS NOT NULL THEN
			v_refs := ARRAY(SELECT x FROM unnest(ARRAY[(SELECT f.message_id FROM ticket_message f
					WHERE f.ticket_id = t.id AND f.message_id IS NOT NULL ORDER BY f.at, f.id LIMIT 1)]
				|| last.refs[1:10] || ARRAY[last.message_id]) WITH ORDINALITY u(x, n)
				WHERE x IS NOT NULL GROUP BY x ORDER BY min(n));
		END IF;
	END IF;
	INSERT INTO ticket_message (ticket_id, kind, channel, author, contact_id, subject, body, message_id, in_reply_to,
		refs, queue)
	VALUES (t.id, 'reply', v_channel, a.login, k.id, v_subject, p_body,
		v_mid, last.message_id, coalesce(v_refs, '{}'), v_queue)
	RETURNING id INTO v_id;
	UPDATE ticket_message SET at = v_at WHERE id = v_id;
	IF coalesce(p_first_contact, false) THEN
		o := ticket_lock(t.id);
		IF o.first_contact_at IS NULL AND o.status NOT IN ('resolved', 'closed') THEN
			t := o;
			t.first_contact_at := greatest(v_at, o.received_at);
			t.first_contact_kind := 'contact';
			IF t.status = 'new' THEN
				t.status := 'open';
			END IF;
			PERFORM ticket_save(o, t, 'first_contact', NULL);
		END IF;
	END IF;
	IF p_mail THEN
		INSERT INTO mail_outbox (kind, message, contact_id, queue, to_address, subject, body, message_id,
			in_reply_to, refs)
		VALUES ('reply', v_id, k.id, v_queue, v_to, v_subject, p_body, v_mid, last.message_id, v_refs);
	END IF;
	PERFORM record_change('ticket_message', v_id::text, t.id, 'reply', NULL,
		jsonb_build_object('mail', p_mail, 'to', v_to, 'message_id', v_mid, 'channel', v_channel));
	PERFORM request_finish(p_key, jsonb_build_object('id', v_id));
	RETURN v_id;
END
$$;

ALTER FUNCTION public.post_reply(p_key uuid, p_ticket bigint, p_body text, p_queue text, p_mail boolean, p_channel text, p_first_contact boolean) OWNER TO sdesk_owner;

--
-- Name: recompute_dues(bigint); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.recompute_dues(p_ticket bigint) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	o ticket;
	d record;
BEGIN
	o := ticket_lock(p_ticket);
	BEGIN
		d := ticket_dues(o);
	EXCEPTION WHEN invalid_parameter_value OR check_violation THEN
		RETURN -1;
	END;
	IF d.reaction_due IS NOT DISTINCT FROM o.reaction_due AND d.resolution_due IS NOT DISTINCT FROM o.resolution_due THEN
		RETURN 0;
	END IF;
	PERFORM ticket_save(o, o, 'recompute_dues', NULL);
	RETURN 1;
END
$$;

ALTER FUNCTION public.recompute_dues(p_ticket bigint) OWNER TO sdesk_owner;

--
-- Name: record_change(text, text, bigint, text, jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.record_change(p_entity text, p_entity_id text, p_ticket bigint, p_action text, p_old jsonb, p_new jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
	INSERT INTO history (who, entity, entity_id, ticket_id, action, old, new)
	VALUES (session_user, p_entity, p_entity_id, p_ticket, p_action,
		CASE WHEN p_old IS NULL THEN NULL ELSE jsonb_changed(p_old, p_new) END,
		CASE WHEN p_old IS NULL THEN p_new ELSE jsonb_changed(p_new, p_old) END);
	PERFORM pg_notify('sdesk_changes',
		CASE WHEN p_ticket IS NOT NULL THEN p_ticket::text ELSE p_entity || ':' || p_entity_id END);
END
$$;

ALTER FUNCTION public.record_change(p_entity text, p_entity_id text, p_ticket bigint, p_action text, p_old jsonb, p_new jsonb) OWNER TO sdesk_owner;

--
-- Name: refuse_change(); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
		USING ERRCODE = 'insufficient_privilege';
END
$$;

ALTER FUNCTION public.refuse_change() OWNER TO sdesk_owner;

--
-- Name: register_catalogue(text, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.register_catalogue(p_hash text, p_source text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

ALTER FUNCTION public.register_catalogue(p_hash text, p_source text) OWNER TO sdesk_owner;

--
-- Name: reopen_ticket(uuid, bigint, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.reopen_ticket(p_key uuid, p_ticket bigint, p_reason text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'reopen_ticket',
		jsonb_build_array(p_ticket, p_reason));
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
	-- The plan's rule for the clocks: the time the ticket stood resolved is
	-- a pause (the customer had a solution), so the clocks go on from where
	-- they stopped.
	INSERT INTO ticket_pause (ticket_id, from_at, to_at, reason)
	VALUES (o.id, o.resolved_at, greatest(sdesk_now(), o.resolved_at), 'resolved until reopened: ' || p_reason);
	PERFORM ticket_save(o, t, 'reopen', NULL);
	PERFORM record_change('ticket', o.id::text, o.id, 'reason', NULL, jsonb_build_object('reason', p_reason));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$$;

ALTER FUNCTION public.reopen_ticket(p_key uuid, p_ticket bigint, p_reason text) OWNER TO sdesk_owner;

--
-- Name: request_begin(uuid, text, jsonb); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.request_begin(p_key uuid, p_action text, p_content jsonb) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v request;
	v_md5 text := md5(p_action || ' ' || coalesce(p_content, 'null'::jsonb)::text);
BEGIN
	IF p_key IS NULL THEN
		RAISE EXCEPTION '%: an idempotency key is required', p_action
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- Waits for a concurrent call with the same key to finish.
	INSERT INTO request (key, action, content_md5) VALUES (p_key, p_action, v_md5)
	ON CONFLICT (key) DO NOTHING;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	SELECT * INTO v FROM request WHERE key = p_key;
	IF v.created_by <> session_user THEN
		RAISE EXCEPTION 'idempotency key % belongs to an entry of %, not of %: a new entry needs a new key',
			p_key, v.created_by, session_user
			USING ERRCODE = 'SDK02';
	END IF;
	IF v.action <> p_action THEN
		RAISE EXCEPTION 'idempotency key % was already used for %, not %: a new entry needs a new key',
			p_key, v.action, p_action
			USING ERRCODE = 'SDK01';
	END IF;
	-- Rows written before migration 14 have no content to compare.
	IF v.content_md5 IS NOT NULL AND v.content_md5 <> v_md5 THEN
		RAISE EXCEPTION 'idempotency key % was already used for % with other content: a new entry needs a new key',
			p_key, v.action
			USING ERRCODE = 'SDK01', DETAIL = format('now: %s', p_content);
	END IF;
	RETURN coalesce(v.result, '{}'::jsonb);
END
$$;

ALTER FUNCTION public.request_begin(p_key uuid, p_action text, p_content jsonb) OWNER TO sdesk_owner;

--
-- Name: request_finish(uuid, jsonb); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.request_finish(p_key uuid, p_result jsonb) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
	UPDATE request SET result = p_result WHERE key = p_key
$$;

ALTER FUNCTION public.request_finish(p_key uuid, p_result jsonb) OWNER TO sdesk_owner;

--
-- Name: request_result(uuid); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.request_result(p_key uuid) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
	SELECT result FROM request WHERE key = p_key AND created_by = session_user
$$;

ALTER FUNCTION public.request_result(p_key uuid) OWNER TO sdesk_owner;

--
-- Name: require_lead(text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.require_lead(p_what text) RETURNS public.agent
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

ALTER FUNCTION public.require_lead(p_what text) OWNER TO sdesk_owner;

--
-- Name: require_text(text, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.require_text(p_value text, p_what text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
	IF p_value IS NULL OR btrim(p_value) = '' THEN
		RAISE EXCEPTION '% is required', p_what USING ERRCODE = 'check_violation';
	END IF;
	RETURN p_value;
END
$$;

ALTER FUNCTION public.require_text(p_value text, p_what text) OWNER TO sdesk_owner;

--
-- Name: resolve_incident(uuid, bigint, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.resolve_incident(p_key uuid, p_incident bigint, p_at timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'resolve_incident',
		jsonb_build_array(p_incident, extract(epoch FROM p_at)));
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
	UPDATE incident SET status = 'resolved', resolved_at = coalesce(p_at, sdesk_now())
	WHERE id = o.id RETURNING * INTO r;
	PERFORM record_change('incident', o.id::text, NULL, 'resolve', to_jsonb(o), to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$$;

ALTER FUNCTION public.resolve_incident(p_key uuid, p_incident bigint, p_at timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: resolve_ticket(uuid, bigint, timestamp with time zone, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.resolve_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_note text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'resolve_ticket',
		jsonb_build_array(p_ticket, extract(epoch FROM p_at), p_note));
	v_at timestamptz := coalesce(p_at, sdesk_now());
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

ALTER FUNCTION public.resolve_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_note text) OWNER TO sdesk_owner;

--
-- Name: resume_ticket(uuid, bigint, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.resume_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'resume_ticket',
		jsonb_build_array(p_ticket, extract(epoch FROM p_at)));
	v_at timestamptz := coalesce(p_at, sdesk_now());
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
	RETURN ticket_save(o, t, 'resume', p_key);
END
$$;

ALTER FUNCTION public.resume_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: retire_plans(bigint); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.retire_plans(p_catalogue bigint) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

ALTER FUNCTION public.retire_plans(p_catalogue bigint) OWNER TO sdesk_owner;

--
-- Name: sdesk_local_date(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.sdesk_local_date(p_at timestamp with time zone) RETURNS date
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
	SELECT (p_at AT TIME ZONE 'Europe/Berlin')::date
$$;

ALTER FUNCTION public.sdesk_local_date(p_at timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: sdesk_now(); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.sdesk_now() RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_pin text := nullif(current_setting('sdesk.now', true), '');
BEGIN
	IF v_pin IS NULL THEN
		RETURN now();
	END IF;
	IF NOT coalesce((SELECT allowed FROM clock_pin), false) THEN
		RAISE EXCEPTION 'the clock is pinned to % (sdesk.now, SDESK_NOW), but this database is no test or demo database: refused', v_pin
			USING ERRCODE = 'insufficient_privilege',
			      HINT = 'Unset SDESK_NOW. The database owner marks a test or demo database with: UPDATE clock_pin SET allowed = true';
	END IF;
	RETURN v_pin::timestamptz;
END
$$;

ALTER FUNCTION public.sdesk_now() OWNER TO sdesk_owner;

--
-- Name: send_oncall_report(uuid, bigint, timestamp with time zone, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.send_oncall_report(p_key uuid, p_work bigint, p_sent_at timestamp with time zone, p_report text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'send_oncall_report',
		jsonb_build_array(p_work, extract(epoch FROM p_sent_at), p_report));
	o oncall_work;
	r oncall_work;
	k oncall_check;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	p_sent_at := fact_instant(p_sent_at, 'the report''s sending');
	SELECT * INTO o FROM oncall_work WHERE id = p_work FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no on-call work %', p_work USING ERRCODE = 'no_data_found';
	END IF;
	PERFORM oncall_owner_or_lead(o, 'the report');
	IF o.ended_at IS NULL THEN
		RAISE EXCEPTION 'on-call work % still runs: end it first', o.id USING ERRCODE = 'check_violation';
	END IF;
	IF o.reported_at IS NOT NULL THEN
		RAISE EXCEPTION 'the report of on-call work % was sent at %', o.id, o.reported_at
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_sent_at < o.ended_at THEN
		RAISE EXCEPTION 'on-call work % ended at %: its report cannot be sent before', o.id, o.ended_at
			USING ERRCODE = 'check_violation';
	END IF;
	UPDATE oncall_work SET reported_at = p_sent_at, report = coalesce(p_report, report)
	WHERE id = o.id RETURNING * INTO r;
	INSERT INTO oncall_check (work_id, item, note, done_by, done_at)
	VALUES (o.id, 'report', NULL, session_user, r.reported_at) RETURNING * INTO k;
	PERFORM record_change('oncall', o.id::text, o.ticket_id, 'report', to_jsonb(o), to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$$;

ALTER FUNCTION public.send_oncall_report(p_key uuid, p_work bigint, p_sent_at timestamp with time zone, p_report text) OWNER TO sdesk_owner;

--
-- Name: set_escalation(uuid, bigint, smallint, boolean, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.set_escalation(p_key uuid, p_ticket bigint, p_level smallint, p_extended boolean, p_reason text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
$$;

ALTER FUNCTION public.set_escalation(p_key uuid, p_ticket bigint, p_level smallint, p_extended boolean, p_reason text) OWNER TO sdesk_owner;

--
-- Name: set_mail_queue(text, text, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.set_mail_queue(p_code text, p_address text, p_name text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
	INSERT INTO mail_queue (code, address, name) VALUES (p_code, p_address, coalesce(p_name, 'Support'))
	ON CONFLICT (code) DO UPDATE SET address = EXCLUDED.address, name = EXCLUDED.name;
	PERFORM record_change('mail_queue', p_code, NULL, 'set', NULL,
		jsonb_build_object('address', p_address, 'name', p_name));
	RETURN p_code;
END
$$;

ALTER FUNCTION public.set_mail_queue(p_code text, p_address text, p_name text) OWNER TO sdesk_owner;

--
-- Name: set_team_calendar(uuid, bigint, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.set_team_calendar(p_key uuid, p_team bigint, p_calendar text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'set_team_calendar', jsonb_build_array(p_team, p_calendar));
	o team;
	r team;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	SELECT * INTO o FROM team WHERE id = p_team FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no team %', p_team USING ERRCODE = 'foreign_key_violation';
	END IF;
	UPDATE team SET staffed_calendar = nullif(btrim(p_calendar), '') WHERE id = p_team RETURNING * INTO r;
	PERFORM record_change('team', r.id::text, NULL, 'set_calendar', to_jsonb(o), to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

ALTER FUNCTION public.set_team_calendar(p_key uuid, p_team bigint, p_calendar text) OWNER TO sdesk_owner;

--
-- Name: set_tier(uuid, bigint, smallint, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.set_tier(p_key uuid, p_ticket bigint, p_tier smallint, p_reason text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
$$;

ALTER FUNCTION public.set_tier(p_key uuid, p_ticket bigint, p_tier smallint, p_reason text) OWNER TO sdesk_owner;

--
-- Name: stamp_history(); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.stamp_history() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	NEW.who := session_user;
	NEW.at := now();
	RETURN NEW;
END
$$;

ALTER FUNCTION public.stamp_history() OWNER TO sdesk_owner;

--
-- Name: stamp_ledger(); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.stamp_ledger() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	NEW.created_by := session_user;
	NEW.created_at := now();
	RETURN NEW;
END
$$;

ALTER FUNCTION public.stamp_ledger() OWNER TO sdesk_owner;

--
-- Name: start_oncall(uuid, bigint, bigint, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.start_oncall(p_key uuid, p_contract bigint, p_ticket bigint, p_started_at timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'start_oncall',
		jsonb_build_array(p_contract, p_ticket, extract(epoch FROM p_started_at)));
	a agent;
	c contract;
	t ticket;
	r oncall_work;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	p_started_at := fact_instant(p_started_at, 'the start of on-call work');
	IF p_ticket IS NOT NULL THEN
		SELECT * INTO t FROM ticket WHERE id = p_ticket FOR UPDATE;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'no ticket %', p_ticket USING ERRCODE = 'foreign_key_violation';
		END IF;
		IF p_contract IS NOT NULL AND p_contract <> t.contract_id THEN
			RAISE EXCEPTION 'ticket % belongs to contract %, not %', t.ref, t.contract_id, p_contract
				USING ERRCODE = 'check_violation';
		END IF;
		SELECT * INTO r FROM oncall_work WHERE ticket_id = t.id AND ended_at IS NULL LIMIT 1;
		IF FOUND THEN
			RAISE EXCEPTION 'on-call work % on % runs since %, started by %', r.id, t.ref, r.started_at, r.agent
				USING ERRCODE = 'check_violation';
		END IF;
	END IF;
	SELECT * INTO c FROM contract WHERE id = coalesce(p_contract, t.contract_id);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	INSERT INTO oncall_work (account_id, contract_id, ticket_id, agent, started_at)
	VALUES (c.account_id, c.id, p_ticket, a.login, p_started_at) RETURNING * INTO r;
	PERFORM record_change('oncall', r.id::text, p_ticket, 'start', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

ALTER FUNCTION public.start_oncall(p_key uuid, p_contract bigint, p_ticket bigint, p_started_at timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: take_ticket(uuid, bigint); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.take_ticket(p_key uuid, p_ticket bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
$$;

ALTER FUNCTION public.take_ticket(p_key uuid, p_ticket bigint) OWNER TO sdesk_owner;

--
-- Name: ticket_broadcast_contact(bigint, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.ticket_broadcast_contact(p_ticket bigint, p_at timestamp with time zone) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

ALTER FUNCTION public.ticket_broadcast_contact(p_ticket bigint, p_at timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: ticket_dues(public.ticket); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.ticket_dues(t public.ticket, OUT reaction_due timestamp with time zone, OUT resolution_due timestamp with time zone) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	c contract;
	v_from timestamptz[];
	v_to timestamptz[];
	v_ws timestamptz[];
	v_we timestamptz[];
BEGIN
	SELECT * INTO c FROM contract WHERE id = t.contract_id;
	SELECT array_agg(p.from_at ORDER BY p.from_at), array_agg(p.to_at ORDER BY p.from_at)
	INTO v_from, v_to
	FROM ticket_pause p WHERE p.ticket_id = t.id AND p.to_at IS NOT NULL;
	-- Booked standby (001) and, for an on-call report, on-call windows (003)
	-- open the calendar: the 31 days after receipt.
	SELECT array_agg(w.s ORDER BY w.s, w.e), array_agg(w.e ORDER BY w.s, w.e) INTO v_ws, v_we
	FROM account_open_windows(t.account_id, t.received_at, t.received_at + interval '31 days',
		t.channel = 'oncall') w;
	SELECT d.reaction_due, d.resolution_due INTO reaction_due, resolution_due
	FROM sdesk.dues(c.plan_code, t.category, t.channel, t.received_at, v_from, v_to, contract_overrides(c),
		v_ws, v_we) d;
END
$$;

ALTER FUNCTION public.ticket_dues(t public.ticket, OUT reaction_due timestamp with time zone, OUT resolution_due timestamp with time zone) OWNER TO sdesk_owner;

--
-- Name: ticket_lock(bigint); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.ticket_lock(p_ticket bigint) RETURNS public.ticket
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

ALTER FUNCTION public.ticket_lock(p_ticket bigint) OWNER TO sdesk_owner;

--
-- Name: ticket_save(public.ticket, public.ticket, text, uuid); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.ticket_save(p_old public.ticket, t public.ticket, p_action text, p_key uuid) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	d record;
BEGIN
	-- The dues are the engine's, from the facts of the saved row (category,
	-- channel, closed pauses): whatever the caller put there is replaced.
	-- Instants in order (received <= contacted <= resolved <= closed), each
	-- refused with words before a CHECK of the table would be.
	IF t.first_contact_at < t.received_at THEN
		RAISE EXCEPTION 'SD-% was received at %: the first contact cannot be at %', t.id, t.received_at,
			t.first_contact_at USING ERRCODE = 'check_violation';
	END IF;
	IF t.resolved_at < coalesce(t.first_contact_at, t.received_at) THEN
		RAISE EXCEPTION 'SD-% was % at %: it cannot be resolved at %', t.id,
			CASE WHEN t.first_contact_at IS NULL THEN 'received' ELSE 'first contacted' END,
			coalesce(t.first_contact_at, t.received_at), t.resolved_at USING ERRCODE = 'check_violation';
	END IF;
	IF t.closed_at < t.resolved_at THEN
		RAISE EXCEPTION 'SD-% was resolved at %: it cannot be closed at %', t.id, t.resolved_at, t.closed_at
			USING ERRCODE = 'check_violation';
	END IF;
	IF greatest(t.first_contact_at, t.resolved_at, t.closed_at, t.paused_since) > sdesk_now() + interval '5 minutes' THEN
		RAISE EXCEPTION 'SD-%: an instant in the future (%) is not a fact yet', t.id,
			greatest(t.first_contact_at, t.resolved_at, t.closed_at, t.paused_since) USING ERRCODE = 'check_violation';
	END IF;
	IF t.estimate_due > t.received_at + interval '5 years' OR t.estimate_due < t.received_at THEN
		RAISE EXCEPTION 'SD-%: an estimate of % is not between the receipt and five years after it', t.id,
			t.estimate_due USING ERRCODE = 'check_violation';
	END IF;
	d := ticket_dues(t);
	t.reaction_due := d.reaction_due;
	t.resolution_due := d.resolution_due;
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

ALTER FUNCTION public.ticket_save(p_old public.ticket, t public.ticket, p_action text, p_key uuid) OWNER TO sdesk_owner;

--
-- Name: triage_assign(uuid, bigint, bigint); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.triage_assign(p_key uuid, p_message bigint, p_ticket bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'triage_assign', jsonb_build_array(p_message, p_ticket));
	m ticket_message;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO m FROM ticket_message x WHERE x.id = p_message FOR UPDATE;
	IF NOT FOUND OR m.triage IS NULL OR m.triage = 'assigned' THEN
		RAISE EXCEPTION 'message % is not waiting in triage', p_message USING ERRCODE = 'no_data_found';
	END IF;
	t := ticket_lock(p_ticket);
	UPDATE ticket_message SET ticket_id = t.id, triage = 'assigned',
		contact_id = coalesce(contact_id, (SELECT x.id FROM contact x WHERE x.account_id = t.account_id
			AND lower(x.email) = m.sender AND x.active ORDER BY x.id LIMIT 1))
	WHERE id = m.id;
	PERFORM record_change('ticket_message', m.id::text, t.id, 'triage_assign',
		jsonb_build_object('triage', m.triage), jsonb_build_object('triage', 'assigned', 'ticket', t.id));
	PERFORM request_finish(p_key, jsonb_build_object('id', m.id));
	RETURN m.id;
END
$$;

ALTER FUNCTION public.triage_assign(p_key uuid, p_message bigint, p_ticket bigint) OWNER TO sdesk_owner;

--
-- Name: triage_dismiss(uuid, bigint, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.triage_dismiss(p_key uuid, p_message bigint, p_reason text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'triage_dismiss', jsonb_build_array(p_message, p_reason));
	m ticket_message;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	PERFORM require_text(p_reason, 'reason');
	SELECT * INTO m FROM ticket_message x WHERE x.id = p_message AND x.triage = 'open' FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'message % is not waiting in triage', p_message USING ERRCODE = 'no_data_found';
	END IF;
	UPDATE ticket_message SET triage = 'ignored', triage_reason = triage_reason || '; dismissed: ' || p_reason
	WHERE id = m.id;
	PERFORM record_change('ticket_message', m.id::text, NULL, 'triage_dismiss',
		jsonb_build_object('triage', 'open'), jsonb_build_object('triage', 'ignored', 'reason', p_reason));
	PERFORM request_finish(p_key, jsonb_build_object('id', m.id));
	RETURN m.id;
END
$$;

ALTER FUNCTION public.triage_dismiss(p_key uuid, p_message bigint, p_reason text) OWNER TO sdesk_owner;

--
-- Name: triage_open_ticket(uuid, bigint, bigint, bigint, text); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.triage_open_ticket(p_key uuid, p_message bigint, p_contact bigint, p_contract bigint, p_category text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'triage_open_ticket',
		jsonb_build_array(p_message, p_contact, p_contract, p_category));
	m ticket_message;
	k contact;
	v_ticket bigint;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO m FROM ticket_message x WHERE x.id = p_message FOR UPDATE;
	IF NOT FOUND OR m.triage IS NULL OR m.triage = 'assigned' THEN
		RAISE EXCEPTION 'message % is not waiting in triage', p_message USING ERRCODE = 'no_data_found';
	END IF;
	SELECT * INTO k FROM contact x WHERE x.id = p_contact;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contact %', p_contact USING ERRCODE = 'no_data_found';
	END IF;
	-- create_ticket checks the contract, the contact and the key-user rule.
	v_ticket := create_ticket(gen_random_uuid(), k.account_id, p_contract, p_contact,
		CASE WHEN (SELECT (p.definition -> 'channels') ? 'email' FROM contract c JOIN plan p ON p.code = c.plan_code
		           WHERE c.id = p_contract) THEN 'email' ELSE 'ticket' END,
		p_category, CASE WHEN m.subject = '' THEN '(no subject)' ELSE m.subject END, left(m.body, 100000),
		m.at);
	UPDATE ticket_message SET ticket_id = v_ticket, triage = 'assigned', contact_id = p_contact WHERE id = m.id;
	PERFORM record_change('ticket_message', m.id::text, v_ticket, 'triage_ticket',
		jsonb_build_object('triage', m.triage), jsonb_build_object('triage', 'assigned', 'ticket', v_ticket));
	PERFORM request_finish(p_key, jsonb_build_object('id', v_ticket));
	RETURN v_ticket;
END
$$;

ALTER FUNCTION public.triage_open_ticket(p_key uuid, p_message bigint, p_contact bigint, p_contract bigint, p_category text) OWNER TO sdesk_owner;

--
-- Name: upsert_calendar(bigint, text, text, text, jsonb); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.upsert_calendar(p_catalogue bigint, p_code text, p_title text, p_time_zone text, p_definition jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

ALTER FUNCTION public.upsert_calendar(p_catalogue bigint, p_code text, p_title text, p_time_zone text, p_definition jsonb) OWNER TO sdesk_owner;

--
-- Name: upsert_plan(bigint, text, text, text, integer, jsonb); Type: FUNCTION; Schema: public; Owner: sdesk_owner
--

CREATE FUNCTION public.upsert_plan(p_catalogue bigint, p_code text, p_title text, p_provider text, p_vat_bp integer, p_definition jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

ALTER FUNCTION public.upsert_plan(p_catalogue bigint, p_code text, p_title text, p_provider text, p_vat_bp integer, p_definition jsonb) OWNER TO sdesk_owner;

--
-- Name: account; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account (
    id bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    activated_on date,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by text DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT account_code_check CHECK ((code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'::text)),
    CONSTRAINT account_name_check CHECK (((btrim(name) <> ''::text) AND (length(name) <= 200)))
);

--
-- Name: account_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.account_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: account_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.account_id_seq OWNED BY public.account.id;

--
-- Name: broadcast; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.broadcast (
    id bigint NOT NULL,
    incident_id bigint NOT NULL,
    body text NOT NULL,
    expected_fix_at timestamp with time zone,
    sent_at timestamp with time zone NOT NULL,
    sent_by text DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT broadcast_body_check CHECK ((btrim(body) <> ''::text))
);

--
-- Name: broadcast_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.broadcast_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: broadcast_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.broadcast_id_seq OWNED BY public.broadcast.id;

--
-- Name: budget_ledger; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.budget_ledger (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    contract_id bigint NOT NULL,
    kind text NOT NULL,
    pool text DEFAULT 'phone'::text NOT NULL,
    unit text NOT NULL,
    amount integer NOT NULL,
    money_cents bigint DEFAULT 0 NOT NULL,
    period date,
    reason text,
    source_call_id bigint,
    source_time_entry_id bigint,
    created_by text DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    effective_on date,
    CONSTRAINT budget_ledger_amount_bound CHECK (((amount >= '-1000000'::integer) AND (amount <= 1000000))),
    CONSTRAINT budget_ledger_check CHECK (((kind <> ALL (ARRAY['monthly_allowance'::text, 'activation_credit'::text, 'points_package'::text])) OR (amount >= 0))),
    CONSTRAINT budget_ledger_check1 CHECK (((kind <> ALL (ARRAY['consumption'::text, 'overage'::text])) OR (amount <= 0))),
    CONSTRAINT budget_ledger_check2 CHECK (((kind <> 'overage'::text) OR (money_cents >= 0))),
    CONSTRAINT budget_ledger_check3 CHECK (((kind <> 'correction'::text) OR (btrim(COALESCE(reason, ''::text)) <> ''::text))),
    CONSTRAINT budget_ledger_check4 CHECK (((kind = 'monthly_allowance'::text) = (period IS NOT NULL))),
    CONSTRAINT budget_ledger_check5 CHECK (((source_call_id IS NULL) OR (source_time_entry_id IS NULL))),
    CONSTRAINT budget_ledger_effective_kind CHECK (((effective_on IS NULL) OR (kind = ANY (ARRAY['points_package'::text, 'correction'::text])))),
    CONSTRAINT budget_ledger_effective_sane CHECK (((effective_on IS NULL) OR ((effective_on >= '2000-01-01'::date) AND (effective_on < '2200-01-01'::date)))),
    CONSTRAINT budget_ledger_kind_check CHECK ((kind = ANY (ARRAY['monthly_allowance'::text, 'activation_credit'::text, 'points_package'::text, 'consumption'::text, 'overage'::text, 'correction'::text]))),
    CONSTRAINT budget_ledger_money_bound CHECK (((money_cents >= '-100000000'::integer) AND (money_cents <= 100000000))),
    CONSTRAINT budget_ledger_period_check CHECK (((period IS NULL) OR (EXTRACT(day FROM period) = (1)::numeric))),
    CONSTRAINT budget_ledger_period_sane CHECK (((period IS NULL) OR ((period >= '2000-01-01'::date) AND (period < '2200-01-01'::date)))),
    CONSTRAINT budget_ledger_pool_check CHECK ((pool ~ '^[a-z0-9_]{1,32}$'::text)),
    CONSTRAINT budget_ledger_pool_kind CHECK (
CASE kind
    WHEN 'monthly_allowance'::text THEN ((pool = 'phone'::text) AND (unit = 'minutes'::text))
    WHEN 'activation_credit'::text THEN ((pool = 'activation'::text) AND (unit = 'minutes'::text))
    WHEN 'points_package'::text THEN ((unit = 'points'::text) AND (pool <> ALL (ARRAY['phone'::text, 'activation'::text])))
    WHEN 'overage'::text THEN ((pool = 'phone'::text) AND (unit = 'minutes'::text))
    ELSE (((unit = 'minutes'::text) AND (pool = ANY (ARRAY['phone'::text, 'activation'::text]))) OR ((unit = 'points'::text) AND (pool <> ALL (ARRAY['phone'::text, 'activation'::text]))))
END),
    CONSTRAINT budget_ledger_unit_check CHECK ((unit = ANY (ARRAY['minutes'::text, 'points'::text])))
);

--
-- Name: budget_ledger_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.budget_ledger_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: budget_ledger_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.budget_ledger_id_seq OWNED BY public.budget_ledger.id;

--
-- Name: calendar; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.calendar (
    code text NOT NULL,
    title text NOT NULL,
    time_zone text NOT NULL,
    definition jsonb NOT NULL,
    catalogue_id bigint NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT calendar_code_check CHECK ((code ~ '^[a-z0-9][a-z0-9_-]{0,63}$'::text)),
    CONSTRAINT calendar_definition_check CHECK ((jsonb_typeof(definition) = 'object'::text))
);

--
-- Name: call; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.call (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    account_id bigint NOT NULL,
    agent text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    duration_s integer NOT NULL,
    kind text NOT NULL,
    tariff_window text,
    price_cents bigint DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT call_check CHECK (((kind <> 'hotline'::text) OR (tariff_window IS NOT NULL))),
    CONSTRAINT call_duration_bound CHECK ((duration_s <= (24 * 3600))),
    CONSTRAINT call_duration_s_check CHECK ((duration_s >= 0)),
    CONSTRAINT call_kind_check CHECK ((kind = ANY (ARRAY['phone'::text, 'hotline'::text, 'callback'::text]))),
    CONSTRAINT call_price_bound CHECK ((price_cents <= 100000000)),
    CONSTRAINT call_price_cents_check CHECK ((price_cents >= 0)),
    CONSTRAINT call_started_sane CHECK (((started_at >= '2000-01-01 00:00:00+00'::timestamp with time zone) AND (started_at < '2200-01-01 00:00:00+00'::timestamp with time zone))),
    CONSTRAINT call_tariff_window_check CHECK (((tariff_window IS NULL) OR (tariff_window ~ '^[a-z0-9_-]{1,32}$'::text)))
);

--
-- Name: call_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.call_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: call_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.call_id_seq OWNED BY public.call.id;

--
-- Name: catalogue_current; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.catalogue_current (
    one boolean DEFAULT true NOT NULL,
    catalogue_id bigint NOT NULL,
    since timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT catalogue_current_one_check CHECK (one)
);

--
-- Name: clock_pin; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.clock_pin (
    one boolean DEFAULT true NOT NULL,
    allowed boolean DEFAULT false NOT NULL,
    CONSTRAINT clock_pin_one_check CHECK (one)
);

--
-- Name: contact; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contact (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    email text,
    phone text,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT contact_email_check CHECK (((email IS NULL) OR (email ~ '^[^@\s]+@[^@\s]+$'::text))),
    CONSTRAINT contact_name_check CHECK (((btrim(name) <> ''::text) AND (length(name) <= 200))),
    CONSTRAINT contact_role_check CHECK ((role = ANY (ARRAY['key_user'::text, 'end_user'::text])))
);

--
-- Name: contact_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.contact_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: contact_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.contact_id_seq OWNED BY public.contact.id;

--
-- Name: contract_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.contract_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: contract_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.contract_id_seq OWNED BY public.contract.id;

--
-- Name: dev_link; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dev_link (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    tracker text NOT NULL,
    ref text NOT NULL,
    kind text NOT NULL,
    url text,
    linked_by text DEFAULT SESSION_USER NOT NULL,
    linked_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT dev_link_kind_check CHECK ((kind = ANY (ARRAY['bug'::text, 'feature'::text, 'other'::text]))),
    CONSTRAINT dev_link_ref_check CHECK ((btrim(ref) <> ''::text)),
    CONSTRAINT dev_link_tracker_check CHECK ((btrim(tracker) <> ''::text))
);

--
-- Name: dev_link_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.dev_link_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: dev_link_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.dev_link_id_seq OWNED BY public.dev_link.id;

--
-- Name: history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.history (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    who text DEFAULT SESSION_USER NOT NULL,
    entity text NOT NULL,
    entity_id text NOT NULL,
    ticket_id bigint,
    action text NOT NULL,
    old jsonb,
    new jsonb
);

--
-- Name: history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: history_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.history_id_seq OWNED BY public.history.id;

--
-- Name: incident; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.incident (
    id bigint NOT NULL,
    title text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    expected_fix_at timestamp with time zone,
    resolved_at timestamp with time zone,
    created_by text DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT incident_check CHECK (((status = 'resolved'::text) = (resolved_at IS NOT NULL))),
    CONSTRAINT incident_check1 CHECK (((resolved_at IS NULL) OR (resolved_at >= started_at))),
    CONSTRAINT incident_status_check CHECK ((status = ANY (ARRAY['open'::text, 'monitoring'::text, 'resolved'::text]))),
    CONSTRAINT incident_title_check CHECK ((btrim(title) <> ''::text))
);

--
-- Name: incident_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.incident_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: incident_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.incident_id_seq OWNED BY public.incident.id;

--
-- Name: ledger_month; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ledger_month (
    contract_id bigint NOT NULL,
    month date NOT NULL,
    kind text NOT NULL,
    pool text NOT NULL,
    unit text NOT NULL,
    amount bigint NOT NULL,
    money_cents bigint NOT NULL,
    rows bigint NOT NULL,
    CONSTRAINT ledger_month_month_check CHECK ((EXTRACT(day FROM month) = (1)::numeric))
);

--
-- Name: mail_attachment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mail_attachment (
    id bigint NOT NULL,
    message bigint NOT NULL,
    filename text NOT NULL,
    content_type text NOT NULL,
    size bigint NOT NULL,
    data bytea,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT mail_attachment_content_type_check CHECK ((length(content_type) <= 255)),
    CONSTRAINT mail_attachment_data_check CHECK (((data IS NULL) OR (octet_length(data) <= 52428800))),
    CONSTRAINT mail_attachment_filename_check CHECK ((length(filename) <= 255)),
    CONSTRAINT mail_attachment_size_check CHECK ((size >= 0))
);

--
-- Name: mail_attachment_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.mail_attachment_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: mail_attachment_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.mail_attachment_id_seq OWNED BY public.mail_attachment.id;

--
-- Name: mail_outbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mail_outbox (
    id bigint NOT NULL,
    kind text NOT NULL,
    message bigint,
    window_id bigint,
    broadcast_id bigint,
    contact_id bigint,
    queue text NOT NULL,
    to_address text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    message_id text NOT NULL,
    in_reply_to text,
    refs text[] DEFAULT '{}'::text[] NOT NULL,
    state text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    claimed_at timestamp with time zone,
    claimed_by text,
    sent_at timestamp with time zone,
    created_by text DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT mail_outbox_check CHECK (((kind = 'reply'::text) = (message IS NOT NULL))),
    CONSTRAINT mail_outbox_check1 CHECK (((kind = 'announcement'::text) = (window_id IS NOT NULL))),
    CONSTRAINT mail_outbox_check2 CHECK (((kind = 'notice'::text) = (broadcast_id IS NOT NULL))),
    CONSTRAINT mail_outbox_check3 CHECK (((state = 'sent'::text) = (sent_at IS NOT NULL))),
    CONSTRAINT mail_outbox_kind_check CHECK ((kind = ANY (ARRAY['reply'::text, 'announcement'::text, 'notice'::text]))),
    CONSTRAINT mail_outbox_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'sending'::text, 'sent'::text]))),
    CONSTRAINT mail_outbox_subject_check CHECK ((subject !~ '[\x01-\x1f\x7f]'::text)),
    CONSTRAINT mail_outbox_to_address_check CHECK ((to_address ~ '^[^@\s<>"(),;:]+@[^@\s<>"(),;:]+$'::text))
);

--
-- Name: mail_outbox_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.mail_outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: mail_outbox_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.mail_outbox_id_seq OWNED BY public.mail_outbox.id;

--
-- Name: mail_queue; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mail_queue (
    code text NOT NULL,
    address text NOT NULL,
    name text DEFAULT 'Support'::text NOT NULL,
    CONSTRAINT mail_queue_address_check CHECK ((address ~ '^[^@\s<>"(),;:]+@[A-Za-z0-9.-]+$'::text)),
    CONSTRAINT mail_queue_code_check CHECK ((code ~ '^[a-z0-9][a-z0-9_-]{0,31}$'::text)),
    CONSTRAINT mail_queue_name_check CHECK (((btrim(name) <> ''::text) AND (name !~ '[\x01-\x1f\x7f"<>]'::text)))
);

--
-- Name: ticket_message; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ticket_message (
    id bigint NOT NULL,
    ticket_id bigint,
    kind text NOT NULL,
    channel text NOT NULL,
    author text,
    sender text,
    sender_name text,
    contact_id bigint,
    at timestamp with time zone DEFAULT now() NOT NULL,
    subject text DEFAULT ''::text NOT NULL,
    body text DEFAULT ''::text NOT NULL,
    message_id text,
    in_reply_to text,
    refs text[] DEFAULT '{}'::text[] NOT NULL,
    queue text,
    class text DEFAULT 'normal'::text NOT NULL,
    triage text,
    triage_reason text,
    created_by text DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ticket_message_body_check CHECK ((length(body) <= 1000000)),
    CONSTRAINT ticket_message_channel_check CHECK ((channel = ANY (ARRAY['console'::text, 'email'::text, 'phone'::text, 'chat'::text, 'onsite'::text]))),
    CONSTRAINT ticket_message_check CHECK (((kind = 'incoming'::text) = (sender IS NOT NULL))),
    CONSTRAINT ticket_message_check1 CHECK (((kind = 'incoming'::text) OR ((author IS NOT NULL) AND (ticket_id IS NOT NULL)))),
    CONSTRAINT ticket_message_check2 CHECK (((ticket_id IS NOT NULL) OR (triage = ANY (ARRAY['open'::text, 'ignored'::text])))),
    CONSTRAINT ticket_message_check3 CHECK (((triage IS NULL) OR (kind = 'incoming'::text))),
    CONSTRAINT ticket_message_class_check CHECK ((class = ANY (ARRAY['normal'::text, 'auto'::text, 'bounce'::text]))),
    CONSTRAINT ticket_message_kind_check CHECK ((kind = ANY (ARRAY['note'::text, 'reply'::text, 'incoming'::text]))),
    CONSTRAINT ticket_message_message_id_check CHECK ((length(message_id) <= 998)),
    CONSTRAINT ticket_message_subject_check CHECK ((length(subject) <= 1000)),
    CONSTRAINT ticket_message_triage_check CHECK ((triage = ANY (ARRAY['open'::text, 'assigned'::text, 'ignored'::text])))
);

--
-- Name: mail_triage; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.mail_triage AS
 SELECT m.id,
    m.at,
    m.sender,
    m.sender_name,
    m.subject,
    m.triage_reason AS reason,
    m.queue
   FROM public.ticket_message m
  WHERE (m.triage = 'open'::text);

--
-- Name: maintenance_window; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.maintenance_window (
    id bigint NOT NULL,
    title text NOT NULL,
    scope text DEFAULT 'all'::text NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    announced_at timestamp with time zone,
    created_by text DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT maintenance_window_check CHECK ((ends_at > starts_at)),
    CONSTRAINT maintenance_window_check1 CHECK (((announced_at IS NULL) OR (announced_at <= starts_at))),
    CONSTRAINT maintenance_window_title_check CHECK ((btrim(title) <> ''::text))
);

--
-- Name: maintenance_window_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.maintenance_window_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: maintenance_window_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.maintenance_window_id_seq OWNED BY public.maintenance_window.id;

--
-- Name: oncall_check; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.oncall_check (
    work_id bigint NOT NULL,
    item text NOT NULL,
    note text,
    done_by text DEFAULT SESSION_USER NOT NULL,
    done_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT oncall_check_item_check CHECK ((item = ANY (ARRAY['server_reachable'::text, 'resources'::text, 'logs_saved'::text, 'hung_processes'::text, 'controlled_restart'::text, 'customer_feedback'::text, 'report'::text])))
);

--
-- Name: oncall_window; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.oncall_window (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    starts_at timestamp with time zone,
    ends_at timestamp with time zone,
    weekdays smallint,
    from_minute smallint,
    to_minute smallint,
    zone text DEFAULT 'Europe/Berlin'::text NOT NULL,
    valid_from date,
    valid_to date,
    note text,
    created_by text DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT oncall_window_check CHECK ((((starts_at IS NOT NULL) AND (ends_at IS NOT NULL) AND (ends_at > starts_at) AND (weekdays IS NULL) AND (from_minute IS NULL) AND (to_minute IS NULL)) OR ((starts_at IS NULL) AND (ends_at IS NULL) AND (weekdays IS NOT NULL) AND (from_minute IS NOT NULL) AND (to_minute IS NOT NULL)))),
    CONSTRAINT oncall_window_check1 CHECK (((valid_to IS NULL) OR (valid_from IS NULL) OR (valid_to >= valid_from))),
    CONSTRAINT oncall_window_from_minute_check CHECK (((from_minute >= 0) AND (from_minute <= 1439))),
    CONSTRAINT oncall_window_to_minute_check CHECK (((to_minute >= 1) AND (to_minute <= 1440))),
    CONSTRAINT oncall_window_weekdays_check CHECK (((weekdays >= 1) AND (weekdays <= 127)))
);

--
-- Name: oncall_window_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.oncall_window_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: oncall_window_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.oncall_window_id_seq OWNED BY public.oncall_window.id;

--
-- Name: oncall_work_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.oncall_work_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: oncall_work_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.oncall_work_id_seq OWNED BY public.oncall_work.id;

--
-- Name: plan; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.plan (
    code text NOT NULL,
    title text NOT NULL,
    provider text NOT NULL,
    vat_bp integer NOT NULL,
    definition jsonb NOT NULL,
    catalogue_id bigint NOT NULL,
    active boolean DEFAULT true NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT plan_code_check CHECK ((code ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'::text)),
    CONSTRAINT plan_definition_check CHECK ((jsonb_typeof(definition) = 'object'::text)),
    CONSTRAINT plan_provider_check CHECK ((btrim(provider) <> ''::text)),
    CONSTRAINT plan_title_check CHECK ((btrim(title) <> ''::text)),
    CONSTRAINT plan_vat_bp_check CHECK (((vat_bp >= 0) AND (vat_bp <= 10000)))
);

--
-- Name: plan_catalogue; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.plan_catalogue (
    id bigint NOT NULL,
    hash text NOT NULL,
    source text NOT NULL,
    loaded_at timestamp with time zone DEFAULT now() NOT NULL,
    loaded_by text DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT plan_catalogue_hash_check CHECK ((hash ~ '^[0-9a-f]{8,128}$'::text))
);

--
-- Name: plan_catalogue_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.plan_catalogue_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: plan_catalogue_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.plan_catalogue_id_seq OWNED BY public.plan_catalogue.id;

--
-- Name: request; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.request (
    key uuid NOT NULL,
    action text NOT NULL,
    result jsonb,
    created_by text DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    content_md5 text,
    CONSTRAINT request_content_md5_check CHECK ((content_md5 ~ '^[0-9a-f]{32}$'::text))
);

--
-- Name: schema_function; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_function (
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    applied_by text DEFAULT SESSION_USER NOT NULL
);

--
-- Name: schema_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_version (
    version integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    applied_by text DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT schema_version_version_check CHECK ((version > 0))
);

--
-- Name: standby_booking; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.standby_booking (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    contract_id bigint NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    rate_cents bigint NOT NULL,
    override_reason text,
    booked_by text DEFAULT SESSION_USER NOT NULL,
    booked_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT standby_booking_check CHECK ((ends_at > starts_at)),
    CONSTRAINT standby_booking_length CHECK (((ends_at - starts_at) <= '24:00:00'::interval)),
    CONSTRAINT standby_booking_rate_bound CHECK ((rate_cents <= 1000000)),
    CONSTRAINT standby_booking_rate_cents_check CHECK ((rate_cents >= 0))
);

--
-- Name: standby_booking_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.standby_booking_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: standby_booking_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.standby_booking_id_seq OWNED BY public.standby_booking.id;

--
-- Name: team; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.team (
    id bigint NOT NULL,
    name text NOT NULL,
    staffed_calendar text,
    CONSTRAINT team_name_check CHECK ((btrim(name) <> ''::text)),
    CONSTRAINT team_staffed_calendar_check CHECK (((staffed_calendar IS NULL) OR (staffed_calendar ~ '^[a-z0-9][a-z0-9_-]{0,63}$'::text)))
);

--
-- Name: team_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.team_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: team_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.team_id_seq OWNED BY public.team.id;

--
-- Name: ticket_clock; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.ticket_clock AS
 SELECT t.id AS ticket_id,
    t.ref,
    t.status,
    s.state,
    s.relevant,
    s.due,
    s.left_minutes,
    s.overdue_seconds,
    s.reaction_state,
    s.resolution_state,
    s.estimate_state
   FROM ((((public.ticket t
     JOIN public.contract c ON ((c.id = t.contract_id)))
     LEFT JOIN public.agent g ON ((g.login = t.assignee)))
     LEFT JOIN public.team m ON ((m.id = g.team_id)))
     CROSS JOIN LATERAL sdesk.ticket_state(t.received_at, t.reaction_due, t.resolution_due, t.estimate_due, t.first_contact_at, t.resolved_at,
        CASE
            WHEN (t.status = 'waiting'::text) THEN COALESCE(t.paused_since, t.received_at)
            ELSE NULL::timestamp with time zone
        END, c.plan_code, t.category, m.staffed_calendar, public.sdesk_now()) s(state, relevant, due, left_minutes, overdue_seconds, reaction_state, resolution_state, estimate_state))
  WHERE (t.status = ANY (ARRAY['new'::text, 'open'::text, 'waiting'::text]));

--
-- Name: ticket_estimate; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ticket_estimate (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    seq smallint NOT NULL,
    due timestamp with time zone NOT NULL,
    reason text,
    set_by text DEFAULT SESSION_USER NOT NULL,
    set_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ticket_estimate_check CHECK (((seq = 0) OR (btrim(COALESCE(reason, ''::text)) <> ''::text))),
    CONSTRAINT ticket_estimate_sane CHECK (((due >= '2000-01-01 00:00:00+00'::timestamp with time zone) AND (due < '2200-01-01 00:00:00+00'::timestamp with time zone))),
    CONSTRAINT ticket_estimate_seq_check CHECK ((seq >= 0))
);

--
-- Name: ticket_estimate_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ticket_estimate_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: ticket_estimate_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.ticket_estimate_id_seq OWNED BY public.ticket_estimate.id;

--
-- Name: ticket_incident; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ticket_incident (
    ticket_id bigint NOT NULL,
    incident_id bigint NOT NULL,
    linked_by text DEFAULT SESSION_USER NOT NULL,
    linked_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: ticket_message_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ticket_message_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: ticket_message_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.ticket_message_id_seq OWNED BY public.ticket_message.id;

--
-- Name: ticket_pause; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ticket_pause (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    from_at timestamp with time zone NOT NULL,
    to_at timestamp with time zone,
    reason text,
    paused_by text DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT ticket_pause_check CHECK (((to_at IS NULL) OR (to_at >= from_at))),
    CONSTRAINT ticket_pause_sane CHECK (((from_at >= '2000-01-01 00:00:00+00'::timestamp with time zone) AND (from_at < '2200-01-01 00:00:00+00'::timestamp with time zone)))
);

--
-- Name: ticket_pause_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ticket_pause_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: ticket_pause_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.ticket_pause_id_seq OWNED BY public.ticket_pause.id;

--
-- Name: time_entry; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.time_entry (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    account_id bigint NOT NULL,
    agent text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    minutes integer NOT NULL,
    kind text NOT NULL,
    rush boolean DEFAULT false NOT NULL,
    rate_cents bigint DEFAULT 0 NOT NULL,
    amount_cents bigint DEFAULT 0 NOT NULL,
    note text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    rush_ordered boolean DEFAULT false NOT NULL,
    CONSTRAINT time_entry_amount_cents_check CHECK ((amount_cents >= 0)),
    CONSTRAINT time_entry_check CHECK (((NOT rush) OR (kind = 'managed_service'::text))),
    CONSTRAINT time_entry_kind_check CHECK ((kind = ANY (ARRAY['support'::text, 'managed_service'::text, 'technical'::text, 'user_support'::text, 'oncall'::text, 'standby'::text]))),
    CONSTRAINT time_entry_minutes_bound CHECK ((minutes <= (24 * 60))),
    CONSTRAINT time_entry_minutes_check CHECK (((minutes > 0) AND ((minutes % 15) = 0))),
    CONSTRAINT time_entry_money_bound CHECK (((rate_cents <= 1000000) AND (amount_cents <= 100000000))),
    CONSTRAINT time_entry_note_bound CHECK ((length(note) <= 10000)),
    CONSTRAINT time_entry_rate_cents_check CHECK ((rate_cents >= 0)),
    CONSTRAINT time_entry_rush_ordered CHECK (((NOT rush) OR rush_ordered)),
    CONSTRAINT time_entry_started_sane CHECK (((started_at >= '2000-01-01 00:00:00+00'::timestamp with time zone) AND (started_at < '2200-01-01 00:00:00+00'::timestamp with time zone)))
);

--
-- Name: time_entry_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.time_entry_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: time_entry_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.time_entry_id_seq OWNED BY public.time_entry.id;

--
-- Name: account id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account ALTER COLUMN id SET DEFAULT nextval('public.account_id_seq'::regclass);

--
-- Name: broadcast id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.broadcast ALTER COLUMN id SET DEFAULT nextval('public.broadcast_id_seq'::regclass);

--
-- Name: budget_ledger id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budget_ledger ALTER COLUMN id SET DEFAULT nextval('public.budget_ledger_id_seq'::regclass);

--
-- Name: call id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call ALTER COLUMN id SET DEFAULT nextval('public.call_id_seq'::regclass);

--
-- Name: contact id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contact ALTER COLUMN id SET DEFAULT nextval('public.contact_id_seq'::regclass);

--
-- Name: contract id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract ALTER COLUMN id SET DEFAULT nextval('public.contract_id_seq'::regclass);

--
-- Name: dev_link id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dev_link ALTER COLUMN id SET DEFAULT nextval('public.dev_link_id_seq'::regclass);

--
-- Name: history id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.history ALTER COLUMN id SET DEFAULT nextval('public.history_id_seq'::regclass);

--
-- Name: incident id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incident ALTER COLUMN id SET DEFAULT nextval('public.incident_id_seq'::regclass);

--
-- Name: mail_attachment id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_attachment ALTER COLUMN id SET DEFAULT nextval('public.mail_attachment_id_seq'::regclass);

--
-- Name: mail_outbox id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_outbox ALTER COLUMN id SET DEFAULT nextval('public.mail_outbox_id_seq'::regclass);

--
-- Name: maintenance_window id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.maintenance_window ALTER COLUMN id SET DEFAULT nextval('public.maintenance_window_id_seq'::regclass);

--
-- Name: oncall_window id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oncall_window ALTER COLUMN id SET DEFAULT nextval('public.oncall_window_id_seq'::regclass);

--
-- Name: oncall_work id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oncall_work ALTER COLUMN id SET DEFAULT nextval('public.oncall_work_id_seq'::regclass);

--
-- Name: plan_catalogue id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_catalogue ALTER COLUMN id SET DEFAULT nextval('public.plan_catalogue_id_seq'::regclass);

--
-- Name: standby_booking id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.standby_booking ALTER COLUMN id SET DEFAULT nextval('public.standby_booking_id_seq'::regclass);

--
-- Name: team id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.team ALTER COLUMN id SET DEFAULT nextval('public.team_id_seq'::regclass);

--
-- Name: ticket_estimate id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_estimate ALTER COLUMN id SET DEFAULT nextval('public.ticket_estimate_id_seq'::regclass);

--
-- Name: ticket_message id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_message ALTER COLUMN id SET DEFAULT nextval('public.ticket_message_id_seq'::regclass);

--
-- Name: ticket_pause id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_pause ALTER COLUMN id SET DEFAULT nextval('public.ticket_pause_id_seq'::regclass);

--
-- Name: time_entry id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.time_entry ALTER COLUMN id SET DEFAULT nextval('public.time_entry_id_seq'::regclass);

--
-- Name: account account_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account
    ADD CONSTRAINT account_code_key UNIQUE (code);

--
-- Name: account account_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account
    ADD CONSTRAINT account_pkey PRIMARY KEY (id);

--
-- Name: agent agent_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agent
    ADD CONSTRAINT agent_pkey PRIMARY KEY (login);

--
-- Name: broadcast broadcast_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.broadcast
    ADD CONSTRAINT broadcast_pkey PRIMARY KEY (id);

--
-- Name: budget_ledger budget_ledger_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budget_ledger
    ADD CONSTRAINT budget_ledger_pkey PRIMARY KEY (id);

--
-- Name: calendar calendar_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar
    ADD CONSTRAINT calendar_pkey PRIMARY KEY (code);

--
-- Name: call call_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call
    ADD CONSTRAINT call_pkey PRIMARY KEY (id);

--
-- Name: catalogue_current catalogue_current_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalogue_current
    ADD CONSTRAINT catalogue_current_pkey PRIMARY KEY (one);

--
-- Name: clock_pin clock_pin_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.clock_pin
    ADD CONSTRAINT clock_pin_pkey PRIMARY KEY (one);

--
-- Name: contact contact_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contact
    ADD CONSTRAINT contact_pkey PRIMARY KEY (id);

--
-- Name: contract contract_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract
    ADD CONSTRAINT contract_pkey PRIMARY KEY (id);

--
-- Name: dev_link dev_link_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dev_link
    ADD CONSTRAINT dev_link_pkey PRIMARY KEY (id);

--
-- Name: dev_link dev_link_ticket_id_tracker_ref_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dev_link
    ADD CONSTRAINT dev_link_ticket_id_tracker_ref_key UNIQUE (ticket_id, tracker, ref);

--
-- Name: history history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.history
    ADD CONSTRAINT history_pkey PRIMARY KEY (id);

--
-- Name: incident incident_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incident
    ADD CONSTRAINT incident_pkey PRIMARY KEY (id);

--
-- Name: ledger_month ledger_month_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_month
    ADD CONSTRAINT ledger_month_pkey PRIMARY KEY (contract_id, month, kind, pool, unit);

--
-- Name: mail_attachment mail_attachment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_attachment
    ADD CONSTRAINT mail_attachment_pkey PRIMARY KEY (id);

--
-- Name: mail_outbox mail_outbox_message_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_outbox
    ADD CONSTRAINT mail_outbox_message_id_key UNIQUE (message_id);

--
-- Name: mail_outbox mail_outbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_outbox
    ADD CONSTRAINT mail_outbox_pkey PRIMARY KEY (id);

--
-- Name: mail_queue mail_queue_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_queue
    ADD CONSTRAINT mail_queue_pkey PRIMARY KEY (code);

--
-- Name: maintenance_window maintenance_window_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.maintenance_window
    ADD CONSTRAINT maintenance_window_pkey PRIMARY KEY (id);

--
-- Name: oncall_check oncall_check_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oncall_check
    ADD CONSTRAINT oncall_check_pkey PRIMARY KEY (work_id, item);

--
-- Name: oncall_window oncall_window_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oncall_window
    ADD CONSTRAINT oncall_window_pkey PRIMARY KEY (id);

--
-- Name: oncall_work oncall_work_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oncall_work
    ADD CONSTRAINT oncall_work_pkey PRIMARY KEY (id);

--
-- Name: plan_catalogue plan_catalogue_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_catalogue
    ADD CONSTRAINT plan_catalogue_hash_key UNIQUE (hash);

--
-- Name: plan_catalogue plan_catalogue_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_catalogue
    ADD CONSTRAINT plan_catalogue_pkey PRIMARY KEY (id);

--
-- Name: plan plan_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan
    ADD CONSTRAINT plan_pkey PRIMARY KEY (code);

--
-- Name: request request_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.request
    ADD CONSTRAINT request_pkey PRIMARY KEY (key);

--
-- Name: schema_function schema_function_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_function
    ADD CONSTRAINT schema_function_pkey PRIMARY KEY (name);

--
-- Name: schema_version schema_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_version
    ADD CONSTRAINT schema_version_pkey PRIMARY KEY (version);

--
-- Name: standby_booking standby_booking_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.standby_booking
    ADD CONSTRAINT standby_booking_pkey PRIMARY KEY (id);

--
-- Name: team team_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.team
    ADD CONSTRAINT team_name_key UNIQUE (name);

--
-- Name: team team_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.team
    ADD CONSTRAINT team_pkey PRIMARY KEY (id);

--
-- Name: ticket_estimate ticket_estimate_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_estimate
    ADD CONSTRAINT ticket_estimate_pkey PRIMARY KEY (id);

--
-- Name: ticket_estimate ticket_estimate_ticket_id_seq_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_estimate
    ADD CONSTRAINT ticket_estimate_ticket_id_seq_key UNIQUE (ticket_id, seq);

--
-- Name: ticket_incident ticket_incident_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_incident
    ADD CONSTRAINT ticket_incident_pkey PRIMARY KEY (ticket_id, incident_id);

--
-- Name: ticket_message ticket_message_message_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_message
    ADD CONSTRAINT ticket_message_message_id_key UNIQUE (message_id);

--
-- Name: ticket_message ticket_message_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_message
    ADD CONSTRAINT ticket_message_pkey PRIMARY KEY (id);

--
-- Name: ticket_pause ticket_pause_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_pause
    ADD CONSTRAINT ticket_pause_pkey PRIMARY KEY (id);

--
-- Name: ticket ticket_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_pkey PRIMARY KEY (id);

--
-- Name: ticket ticket_ref_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_ref_key UNIQUE (ref);

--
-- Name: time_entry time_entry_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.time_entry
    ADD CONSTRAINT time_entry_pkey PRIMARY KEY (id);

--
-- Name: broadcast_incident; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX broadcast_incident ON public.broadcast USING btree (incident_id, sent_at);

--
-- Name: budget_ledger_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX budget_ledger_account ON public.budget_ledger USING btree (account_id, created_at);

--
-- Name: budget_ledger_activation; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX budget_ledger_activation ON public.budget_ledger USING btree (account_id) WHERE ((pool = 'activation'::text) AND (unit = 'minutes'::text));

--
-- Name: budget_ledger_contract; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX budget_ledger_contract ON public.budget_ledger USING btree (contract_id);

--
-- Name: budget_ledger_contract_money; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX budget_ledger_contract_money ON public.budget_ledger USING btree (contract_id) WHERE (kind = ANY (ARRAY['points_package'::text, 'correction'::text]));

--
-- Name: budget_ledger_one_activation; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX budget_ledger_one_activation ON public.budget_ledger USING btree (account_id) WHERE (kind = 'activation_credit'::text);

--
-- Name: budget_ledger_one_allowance; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX budget_ledger_one_allowance ON public.budget_ledger USING btree (contract_id, pool, period) WHERE (kind = 'monthly_allowance'::text);

--
-- Name: budget_ledger_source_call; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX budget_ledger_source_call ON public.budget_ledger USING btree (source_call_id) WHERE (source_call_id IS NOT NULL);

--
-- Name: budget_ledger_source_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX budget_ledger_source_time ON public.budget_ledger USING btree (source_time_entry_id) WHERE (source_time_entry_id IS NOT NULL);

--
-- Name: call_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_account ON public.call USING btree (account_id, started_at);

--
-- Name: call_ticket; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_ticket ON public.call USING btree (ticket_id);

--
-- Name: contact_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contact_account ON public.contact USING btree (account_id);

--
-- Name: contract_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contract_account ON public.contract USING btree (account_id, valid_from);

--
-- Name: history_entity; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX history_entity ON public.history USING btree (entity, entity_id);

--
-- Name: history_ticket; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX history_ticket ON public.history USING btree (ticket_id, at) WHERE (ticket_id IS NOT NULL);

--
-- Name: incident_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incident_open ON public.incident USING btree (started_at) WHERE (status <> 'resolved'::text);

--
-- Name: mail_attachment_message; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mail_attachment_message ON public.mail_attachment USING btree (message);

--
-- Name: mail_outbox_one_announcement; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX mail_outbox_one_announcement ON public.mail_outbox USING btree (window_id, contact_id) WHERE (kind = 'announcement'::text);

--
-- Name: mail_outbox_one_notice; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX mail_outbox_one_notice ON public.mail_outbox USING btree (broadcast_id, contact_id) WHERE (kind = 'notice'::text);

--
-- Name: mail_outbox_pending; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mail_outbox_pending ON public.mail_outbox USING btree (id) WHERE (state <> 'sent'::text);

--
-- Name: maintenance_upcoming; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX maintenance_upcoming ON public.maintenance_window USING btree (starts_at);

--
-- Name: oncall_window_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX oncall_window_account ON public.oncall_window USING btree (account_id);

--
-- Name: oncall_work_report_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX oncall_work_report_open ON public.oncall_work USING btree (report_due) WHERE ((ended_at IS NOT NULL) AND (reported_at IS NULL));

--
-- Name: oncall_work_ticket; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX oncall_work_ticket ON public.oncall_work USING btree (ticket_id, started_at);

--
-- Name: standby_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX standby_account ON public.standby_booking USING btree (account_id, starts_at);

--
-- Name: ticket_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_account ON public.ticket USING btree (account_id, received_at);

--
-- Name: ticket_assignee_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_assignee_open ON public.ticket USING btree (assignee) WHERE (status = ANY (ARRAY['new'::text, 'open'::text, 'waiting'::text]));

--
-- Name: ticket_board_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_board_due ON public.ticket USING btree (LEAST(
CASE
    WHEN (first_contact_at IS NULL) THEN reaction_due
    ELSE NULL::timestamp with time zone
END, COALESCE(estimate_due, resolution_due))) WHERE (status = ANY (ARRAY['new'::text, 'open'::text]));

--
-- Name: ticket_board_due_waiting; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_board_due_waiting ON public.ticket USING btree (LEAST(
CASE
    WHEN (first_contact_at IS NULL) THEN reaction_due
    ELSE NULL::timestamp with time zone
END, COALESCE(estimate_due, resolution_due))) WHERE (status = 'waiting'::text);

--
-- Name: ticket_done_recent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_done_recent ON public.ticket USING btree (resolved_at DESC, id DESC) WHERE (status = ANY (ARRAY['resolved'::text, 'closed'::text]));

--
-- Name: ticket_escalated_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_escalated_open ON public.ticket USING btree (escalation_level) WHERE ((status = ANY (ARRAY['new'::text, 'open'::text, 'waiting'::text])) AND ((escalation_level > 0) OR (tier = 3)));

--
-- Name: ticket_estimate_due_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_estimate_due_open ON public.ticket USING btree (estimate_due) WHERE ((status = ANY (ARRAY['open'::text, 'waiting'::text])) AND (estimate_due IS NOT NULL));

--
-- Name: ticket_incident_incident; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_incident_incident ON public.ticket_incident USING btree (incident_id);

--
-- Name: ticket_message_ticket; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_message_ticket ON public.ticket_message USING btree (ticket_id, at) WHERE (ticket_id IS NOT NULL);

--
-- Name: ticket_message_triage; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_message_triage ON public.ticket_message USING btree (at) WHERE (triage = 'open'::text);

--
-- Name: ticket_open_load; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_open_load ON public.ticket USING btree (assignee) INCLUDE (status) WHERE (status = ANY (ARRAY['new'::text, 'open'::text, 'waiting'::text]));

--
-- Name: ticket_pause_one_open; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ticket_pause_one_open ON public.ticket_pause USING btree (ticket_id) WHERE (to_at IS NULL);

--
-- Name: ticket_reaction_due_all; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_reaction_due_all ON public.ticket USING btree (reaction_due) INCLUDE (first_contact_at, status);

--
-- Name: ticket_reaction_due_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_reaction_due_open ON public.ticket USING btree (reaction_due) WHERE ((status = ANY (ARRAY['new'::text, 'open'::text])) AND (first_contact_at IS NULL));

--
-- Name: ticket_resolution_due_all; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_resolution_due_all ON public.ticket USING btree (resolution_due) INCLUDE (resolved_at, status);

--
-- Name: ticket_resolution_due_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_resolution_due_open ON public.ticket USING btree (resolution_due) WHERE (status = ANY (ARRAY['new'::text, 'open'::text, 'waiting'::text]));

--
-- Name: time_entry_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX time_entry_account ON public.time_entry USING btree (account_id, started_at);

--
-- Name: time_entry_ticket; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX time_entry_ticket ON public.time_entry USING btree (ticket_id);

--
-- Name: budget_ledger budget_ledger_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER budget_ledger_append_only BEFORE DELETE OR UPDATE ON public.budget_ledger FOR EACH ROW EXECUTE FUNCTION public.refuse_change();

--
-- Name: budget_ledger budget_ledger_month; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER budget_ledger_month AFTER INSERT ON public.budget_ledger FOR EACH ROW EXECUTE FUNCTION public.ledger_month_add();

--
-- Name: budget_ledger budget_ledger_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER budget_ledger_no_truncate BEFORE TRUNCATE ON public.budget_ledger FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: budget_ledger budget_ledger_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER budget_ledger_stamp BEFORE INSERT ON public.budget_ledger FOR EACH ROW EXECUTE FUNCTION public.stamp_ledger();

--
-- Name: calendar calendar_catalogue_current; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER calendar_catalogue_current AFTER INSERT OR UPDATE OF catalogue_id ON public.calendar FOR EACH ROW EXECUTE FUNCTION public.catalogue_follow();

--
-- Name: history history_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER history_append_only BEFORE DELETE OR UPDATE ON public.history FOR EACH ROW EXECUTE FUNCTION public.refuse_change();

--
-- Name: history history_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON public.history FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: history history_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER history_stamp BEFORE INSERT ON public.history FOR EACH ROW EXECUTE FUNCTION public.stamp_history();

--
-- Name: plan plan_catalogue_current; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER plan_catalogue_current AFTER INSERT OR UPDATE OF catalogue_id ON public.plan FOR EACH ROW EXECUTE FUNCTION public.catalogue_follow();

--
-- Name: agent agent_team_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agent
    ADD CONSTRAINT agent_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.team(id);

--
-- Name: broadcast broadcast_incident_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.broadcast
    ADD CONSTRAINT broadcast_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES public.incident(id);

--
-- Name: budget_ledger budget_ledger_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budget_ledger
    ADD CONSTRAINT budget_ledger_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

--
-- Name: budget_ledger budget_ledger_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budget_ledger
    ADD CONSTRAINT budget_ledger_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contract(id);

--
-- Name: budget_ledger budget_ledger_source_call_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budget_ledger
    ADD CONSTRAINT budget_ledger_source_call_id_fkey FOREIGN KEY (source_call_id) REFERENCES public.call(id);

--
-- Name: budget_ledger budget_ledger_source_time_entry_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budget_ledger
    ADD CONSTRAINT budget_ledger_source_time_entry_id_fkey FOREIGN KEY (source_time_entry_id) REFERENCES public.time_entry(id);

--
-- Name: calendar calendar_catalogue_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar
    ADD CONSTRAINT calendar_catalogue_id_fkey FOREIGN KEY (catalogue_id) REFERENCES public.plan_catalogue(id);

--
-- Name: call call_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call
    ADD CONSTRAINT call_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

--
-- Name: call call_agent_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call
    ADD CONSTRAINT call_agent_fkey FOREIGN KEY (agent) REFERENCES public.agent(login);

--
-- Name: call call_ticket_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call
    ADD CONSTRAINT call_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES public.ticket(id);

--
-- Name: catalogue_current catalogue_current_catalogue_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalogue_current
    ADD CONSTRAINT catalogue_current_catalogue_id_fkey FOREIGN KEY (catalogue_id) REFERENCES public.plan_catalogue(id);

--
-- Name: contact contact_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contact
    ADD CONSTRAINT contact_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

--
-- Name: contract contract_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract
    ADD CONSTRAINT contract_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

--
-- Name: contract contract_plan_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract
    ADD CONSTRAINT contract_plan_code_fkey FOREIGN KEY (plan_code) REFERENCES public.plan(code) ON UPDATE CASCADE;

--
-- Name: dev_link dev_link_ticket_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dev_link
    ADD CONSTRAINT dev_link_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES public.ticket(id);

--
-- Name: history history_ticket_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.history
    ADD CONSTRAINT history_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES public.ticket(id);

--
-- Name: ledger_month ledger_month_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_month
    ADD CONSTRAINT ledger_month_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contract(id);

--
-- Name: mail_attachment mail_attachment_message_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_attachment
    ADD CONSTRAINT mail_attachment_message_fkey FOREIGN KEY (message) REFERENCES public.ticket_message(id);

--
-- Name: mail_outbox mail_outbox_broadcast_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_outbox
    ADD CONSTRAINT mail_outbox_broadcast_id_fkey FOREIGN KEY (broadcast_id) REFERENCES public.broadcast(id);

--
-- Name: mail_outbox mail_outbox_contact_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_outbox
    ADD CONSTRAINT mail_outbox_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES public.contact(id);

--
-- Name: mail_outbox mail_outbox_message_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_outbox
    ADD CONSTRAINT mail_outbox_message_fkey FOREIGN KEY (message) REFERENCES public.ticket_message(id);

--
-- Name: mail_outbox mail_outbox_queue_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_outbox
    ADD CONSTRAINT mail_outbox_queue_fkey FOREIGN KEY (queue) REFERENCES public.mail_queue(code);

--
-- Name: mail_outbox mail_outbox_window_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_outbox
    ADD CONSTRAINT mail_outbox_window_id_fkey FOREIGN KEY (window_id) REFERENCES public.maintenance_window(id);

--
-- Name: oncall_check oncall_check_work_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oncall_check
    ADD CONSTRAINT oncall_check_work_id_fkey FOREIGN KEY (work_id) REFERENCES public.oncall_work(id);

--
-- Name: oncall_window oncall_window_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oncall_window
    ADD CONSTRAINT oncall_window_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

--
-- Name: oncall_work oncall_work_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oncall_work
    ADD CONSTRAINT oncall_work_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

--
-- Name: oncall_work oncall_work_agent_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oncall_work
    ADD CONSTRAINT oncall_work_agent_fkey FOREIGN KEY (agent) REFERENCES public.agent(login);

--
-- Name: oncall_work oncall_work_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oncall_work
    ADD CONSTRAINT oncall_work_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contract(id);

--
-- Name: oncall_work oncall_work_ticket_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oncall_work
    ADD CONSTRAINT oncall_work_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES public.ticket(id);

--
-- Name: plan plan_catalogue_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan
    ADD CONSTRAINT plan_catalogue_id_fkey FOREIGN KEY (catalogue_id) REFERENCES public.plan_catalogue(id);

--
-- Name: standby_booking standby_booking_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.standby_booking
    ADD CONSTRAINT standby_booking_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

--
-- Name: standby_booking standby_booking_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.standby_booking
    ADD CONSTRAINT standby_booking_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contract(id);

--
-- Name: ticket ticket_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

--
-- Name: ticket ticket_assignee_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_assignee_fkey FOREIGN KEY (assignee) REFERENCES public.agent(login);

--
-- Name: ticket ticket_contact_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES public.contact(id);

--
-- Name: ticket ticket_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contract(id);

--
-- Name: ticket_estimate ticket_estimate_ticket_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_estimate
    ADD CONSTRAINT ticket_estimate_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES public.ticket(id);

--
-- Name: ticket_incident ticket_incident_incident_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_incident
    ADD CONSTRAINT ticket_incident_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES public.incident(id);

--
-- Name: ticket_incident ticket_incident_ticket_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_incident
    ADD CONSTRAINT ticket_incident_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES public.ticket(id);

--
-- Name: ticket_message ticket_message_contact_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_message
    ADD CONSTRAINT ticket_message_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES public.contact(id);

--
-- Name: ticket_message ticket_message_queue_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_message
    ADD CONSTRAINT ticket_message_queue_fkey FOREIGN KEY (queue) REFERENCES public.mail_queue(code);

--
-- Name: ticket_message ticket_message_ticket_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_message
    ADD CONSTRAINT ticket_message_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES public.ticket(id);

--
-- Name: ticket_pause ticket_pause_ticket_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_pause
    ADD CONSTRAINT ticket_pause_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES public.ticket(id);

--
-- Name: time_entry time_entry_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.time_entry
    ADD CONSTRAINT time_entry_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id);

--
-- Name: time_entry time_entry_agent_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.time_entry
    ADD CONSTRAINT time_entry_agent_fkey FOREIGN KEY (agent) REFERENCES public.agent(login);

--
-- Name: time_entry time_entry_ticket_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.time_entry
    ADD CONSTRAINT time_entry_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES public.ticket(id);

--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: pg_database_owner
--

GRANT USAGE ON SCHEMA public TO sdesk_agent;
GRANT USAGE ON SCHEMA public TO sdesk_admin;
GRANT USAGE ON SCHEMA public TO sdesk_owner;

--
-- Name: FUNCTION account_open_windows(p_account bigint, p_lo timestamp with time zone, p_hi timestamp with time zone, p_oncall boolean, OUT s timestamp with time zone, OUT e timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.account_open_windows(p_account bigint, p_lo timestamp with time zone, p_hi timestamp with time zone, p_oncall boolean, OUT s timestamp with time zone, OUT e timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.account_open_windows(p_account bigint, p_lo timestamp with time zone, p_hi timestamp with time zone, p_oncall boolean, OUT s timestamp with time zone, OUT e timestamp with time zone) TO sdesk_agent;

--
-- Name: FUNCTION add_oncall_window(p_key uuid, p_account bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_weekdays integer, p_from_minute integer, p_to_minute integer, p_valid_from date, p_valid_to date, p_note text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.add_oncall_window(p_key uuid, p_account bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_weekdays integer, p_from_minute integer, p_to_minute integer, p_valid_from date, p_valid_to date, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.add_oncall_window(p_key uuid, p_account bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_weekdays integer, p_from_minute integer, p_to_minute integer, p_valid_from date, p_valid_to date, p_note text) TO sdesk_lead;

--
-- Name: FUNCTION announce_maintenance(p_window bigint, p_queue text, p_subject text, p_body text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.announce_maintenance(p_window bigint, p_queue text, p_subject text, p_body text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.announce_maintenance(p_window bigint, p_queue text, p_subject text, p_body text) TO sdesk_agent;

--
-- Name: FUNCTION assign_ticket(p_key uuid, p_ticket bigint, p_agent text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.assign_ticket(p_key uuid, p_ticket bigint, p_agent text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.assign_ticket(p_key uuid, p_ticket bigint, p_agent text) TO sdesk_agent;

--
-- Name: FUNCTION book_call(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_duration_s integer, p_hotline boolean); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.book_call(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_duration_s integer, p_hotline boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.book_call(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_duration_s integer, p_hotline boolean) TO sdesk_agent;

--
-- Name: FUNCTION book_standby(p_key uuid, p_contract bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_override_reason text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.book_standby(p_key uuid, p_contract bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_override_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.book_standby(p_key uuid, p_contract bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_override_reason text) TO sdesk_agent;

--
-- Name: FUNCTION book_time(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_minutes integer, p_kind text, p_rush_ordered boolean, p_rush_ordered_at timestamp with time zone, p_note text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.book_time(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_minutes integer, p_kind text, p_rush_ordered boolean, p_rush_ordered_at timestamp with time zone, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.book_time(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_minutes integer, p_kind text, p_rush_ordered boolean, p_rush_ordered_at timestamp with time zone, p_note text) TO sdesk_agent;

--
-- Name: SEQUENCE ticket_number; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.ticket_number TO sdesk_owner;

--
-- Name: TABLE ticket; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.ticket TO sdesk_agent;
GRANT SELECT,INSERT,UPDATE ON TABLE public.ticket TO sdesk_owner;

--
-- Name: FUNCTION booking_credits(t public.ticket, v jsonb); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.booking_credits(t public.ticket, v jsonb) FROM PUBLIC;

--
-- Name: FUNCTION booking_ticket(p_ticket bigint, p_at timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.booking_ticket(p_ticket bigint, p_at timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION broadcast_incident(p_key uuid, p_incident bigint, p_body text, p_expected_fix_at timestamp with time zone, p_sent_at timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.broadcast_incident(p_key uuid, p_incident bigint, p_body text, p_expected_fix_at timestamp with time zone, p_sent_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.broadcast_incident(p_key uuid, p_incident bigint, p_body text, p_expected_fix_at timestamp with time zone, p_sent_at timestamp with time zone) TO sdesk_ops;

--
-- Name: FUNCTION catalogue_follow(); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.catalogue_follow() FROM PUBLIC;

--
-- Name: FUNCTION check_oncall_item(p_key uuid, p_work bigint, p_item text, p_note text, p_done_at timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.check_oncall_item(p_key uuid, p_work bigint, p_item text, p_note text, p_done_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.check_oncall_item(p_key uuid, p_work bigint, p_item text, p_note text, p_done_at timestamp with time zone) TO sdesk_ops;

--
-- Name: FUNCTION close_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.close_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.close_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone) TO sdesk_agent;

--
-- Name: TABLE contract; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.contract TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.contract TO sdesk_owner;

--
-- Name: FUNCTION contract_overrides(c public.contract); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.contract_overrides(c public.contract) FROM PUBLIC;
GRANT ALL ON FUNCTION public.contract_overrides(c public.contract) TO sdesk_agent;

--
-- Name: FUNCTION create_account(p_key uuid, p_code text, p_name text, p_activated_on date); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.create_account(p_key uuid, p_code text, p_name text, p_activated_on date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.create_account(p_key uuid, p_code text, p_name text, p_activated_on date) TO sdesk_admin;

--
-- Name: FUNCTION create_agent(p_key uuid, p_login text, p_display_name text, p_tier smallint, p_team bigint, p_is_lead boolean); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.create_agent(p_key uuid, p_login text, p_display_name text, p_tier smallint, p_team bigint, p_is_lead boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.create_agent(p_key uuid, p_login text, p_display_name text, p_tier smallint, p_team bigint, p_is_lead boolean) TO sdesk_admin;

--
-- Name: FUNCTION create_contact(p_key uuid, p_account bigint, p_name text, p_role text, p_email text, p_phone text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.create_contact(p_key uuid, p_account bigint, p_name text, p_role text, p_email text, p_phone text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.create_contact(p_key uuid, p_account bigint, p_name text, p_role text, p_email text, p_phone text) TO sdesk_admin;

--
-- Name: FUNCTION create_contract(p_key uuid, p_account bigint, p_plan text, p_valid_from date, p_valid_to date, p_overrides jsonb); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.create_contract(p_key uuid, p_account bigint, p_plan text, p_valid_from date, p_valid_to date, p_overrides jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.create_contract(p_key uuid, p_account bigint, p_plan text, p_valid_from date, p_valid_to date, p_overrides jsonb) TO sdesk_admin;

--
-- Name: FUNCTION create_incident(p_key uuid, p_title text, p_description text, p_started_at timestamp with time zone, p_expected_fix_at timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.create_incident(p_key uuid, p_title text, p_description text, p_started_at timestamp with time zone, p_expected_fix_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.create_incident(p_key uuid, p_title text, p_description text, p_started_at timestamp with time zone, p_expected_fix_at timestamp with time zone) TO sdesk_ops;

--
-- Name: FUNCTION create_maintenance(p_key uuid, p_title text, p_scope text, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_announced_at timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.create_maintenance(p_key uuid, p_title text, p_scope text, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_announced_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.create_maintenance(p_key uuid, p_title text, p_scope text, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_announced_at timestamp with time zone) TO sdesk_ops;

--
-- Name: FUNCTION create_team(p_key uuid, p_name text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.create_team(p_key uuid, p_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.create_team(p_key uuid, p_name text) TO sdesk_admin;

--
-- Name: FUNCTION create_ticket(p_key uuid, p_account bigint, p_contract bigint, p_contact bigint, p_channel text, p_category text, p_subject text, p_description text, p_received_at timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.create_ticket(p_key uuid, p_account bigint, p_contract bigint, p_contact bigint, p_channel text, p_category text, p_subject text, p_description text, p_received_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.create_ticket(p_key uuid, p_account bigint, p_contract bigint, p_contact bigint, p_channel text, p_category text, p_subject text, p_description text, p_received_at timestamp with time zone) TO sdesk_agent;

--
-- Name: TABLE agent; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.agent TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.agent TO sdesk_owner;

--
-- Name: FUNCTION current_agent(); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.current_agent() FROM PUBLIC;
GRANT ALL ON FUNCTION public.current_agent() TO sdesk_agent;

--
-- Name: FUNCTION end_oncall(p_key uuid, p_work bigint, p_ended_at timestamp with time zone, p_report text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.end_oncall(p_key uuid, p_work bigint, p_ended_at timestamp with time zone, p_report text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.end_oncall(p_key uuid, p_work bigint, p_ended_at timestamp with time zone, p_report text) TO sdesk_ops;

--
-- Name: FUNCTION extend_estimate(p_key uuid, p_ticket bigint, p_new_due timestamp with time zone, p_reason text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.extend_estimate(p_key uuid, p_ticket bigint, p_new_due timestamp with time zone, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.extend_estimate(p_key uuid, p_ticket bigint, p_new_due timestamp with time zone, p_reason text) TO sdesk_agent;

--
-- Name: FUNCTION fact_instant(p_at timestamp with time zone, p_what text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.fact_instant(p_at timestamp with time zone, p_what text) FROM PUBLIC;

--
-- Name: FUNCTION first_contact(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_category text, p_estimate_due timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.first_contact(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_category text, p_estimate_due timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.first_contact(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_category text, p_estimate_due timestamp with time zone) TO sdesk_agent;

--
-- Name: FUNCTION jsonb_changed(a jsonb, b jsonb); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.jsonb_changed(a jsonb, b jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.jsonb_changed(a jsonb, b jsonb) TO sdesk_agent;

--
-- Name: FUNCTION ledger_adjust(p_key uuid, p_contract bigint, p_pool text, p_unit text, p_amount integer, p_money_cents bigint, p_effective_on date, p_reason text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.ledger_adjust(p_key uuid, p_contract bigint, p_pool text, p_unit text, p_amount integer, p_money_cents bigint, p_effective_on date, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ledger_adjust(p_key uuid, p_contract bigint, p_pool text, p_unit text, p_amount integer, p_money_cents bigint, p_effective_on date, p_reason text) TO sdesk_lead;

--
-- Name: FUNCTION ledger_correction(p_key uuid, p_contract bigint, p_pool text, p_unit text, p_amount integer, p_money_cents bigint, p_reason text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.ledger_correction(p_key uuid, p_contract bigint, p_pool text, p_unit text, p_amount integer, p_money_cents bigint, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ledger_correction(p_key uuid, p_contract bigint, p_pool text, p_unit text, p_amount integer, p_money_cents bigint, p_reason text) TO sdesk_lead;

--
-- Name: FUNCTION ledger_credit(p_key uuid, p_contract bigint, p_kind text, p_period date); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.ledger_credit(p_key uuid, p_contract bigint, p_kind text, p_period date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ledger_credit(p_key uuid, p_contract bigint, p_kind text, p_period date) TO sdesk_agent;

--
-- Name: FUNCTION ledger_month_add(); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.ledger_month_add() FROM PUBLIC;

--
-- Name: FUNCTION ledger_month_rebuild(); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.ledger_month_rebuild() FROM PUBLIC;

--
-- Name: FUNCTION ledger_package(p_key uuid, p_contract bigint, p_pool text, p_points integer, p_effective_on date, p_reason text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.ledger_package(p_key uuid, p_contract bigint, p_pool text, p_points integer, p_effective_on date, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ledger_package(p_key uuid, p_contract bigint, p_pool text, p_points integer, p_effective_on date, p_reason text) TO sdesk_lead;

--
-- Name: FUNCTION ledger_pool_check(c public.contract, p_pool text, p_unit text, p_amount integer, p_money_cents bigint); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.ledger_pool_check(c public.contract, p_pool text, p_unit text, p_amount integer, p_money_cents bigint) FROM PUBLIC;

--
-- Name: FUNCTION link_dev_ticket(p_key uuid, p_ticket bigint, p_tracker text, p_ref text, p_kind text, p_url text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.link_dev_ticket(p_key uuid, p_ticket bigint, p_tracker text, p_ref text, p_kind text, p_url text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.link_dev_ticket(p_key uuid, p_ticket bigint, p_tracker text, p_ref text, p_kind text, p_url text) TO sdesk_agent;

--
-- Name: FUNCTION link_incident(p_key uuid, p_ticket bigint, p_incident bigint); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.link_incident(p_key uuid, p_ticket bigint, p_incident bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.link_incident(p_key uuid, p_ticket bigint, p_incident bigint) TO sdesk_agent;

--
-- Name: FUNCTION lock_plan_tickets(p_plans text[]); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.lock_plan_tickets(p_plans text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.lock_plan_tickets(p_plans text[]) TO sdesk_admin;

--
-- Name: FUNCTION mail_attach(p_message bigint, p_filename text, p_content_type text, p_size bigint, p_data bytea); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.mail_attach(p_message bigint, p_filename text, p_content_type text, p_size bigint, p_data bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION public.mail_attach(p_message bigint, p_filename text, p_content_type text, p_size bigint, p_data bytea) TO sdesk_mailgate;

--
-- Name: FUNCTION mail_plan_category(p_plan text, p_wanted text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.mail_plan_category(p_plan text, p_wanted text) FROM PUBLIC;

--
-- Name: FUNCTION mail_receive(p_message_id text, p_queue text, p_sender text, p_sender_name text, p_subject text, p_body text, p_header_received timestamp with time zone, p_ticket bigint, p_refs text[], p_class text, p_category text, OUT message bigint, OUT ticket bigint, OUT outcome text, OUT reason text, OUT received_at timestamp with time zone, OUT plan text, OUT category text, OUT channel text, OUT duplicate boolean); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.mail_receive(p_message_id text, p_queue text, p_sender text, p_sender_name text, p_subject text, p_body text, p_header_received timestamp with time zone, p_ticket bigint, p_refs text[], p_class text, p_category text, OUT message bigint, OUT ticket bigint, OUT outcome text, OUT reason text, OUT received_at timestamp with time zone, OUT plan text, OUT category text, OUT channel text, OUT duplicate boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.mail_receive(p_message_id text, p_queue text, p_sender text, p_sender_name text, p_subject text, p_body text, p_header_received timestamp with time zone, p_ticket bigint, p_refs text[], p_class text, p_category text, OUT message bigint, OUT ticket bigint, OUT outcome text, OUT reason text, OUT received_at timestamp with time zone, OUT plan text, OUT category text, OUT channel text, OUT duplicate boolean) TO sdesk_mailgate;

--
-- Name: FUNCTION mail_reply_id(p_queue text, p_kind text, p_key text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.mail_reply_id(p_queue text, p_kind text, p_key text) FROM PUBLIC;

--
-- Name: FUNCTION mail_sanitize(p text, p_max integer); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.mail_sanitize(p text, p_max integer) FROM PUBLIC;

--
-- Name: FUNCTION mark_managed_service(p_key uuid, p_ticket bigint, p_told_at timestamp with time zone, p_told_via text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.mark_managed_service(p_key uuid, p_ticket bigint, p_told_at timestamp with time zone, p_told_via text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.mark_managed_service(p_key uuid, p_ticket bigint, p_told_at timestamp with time zone, p_told_via text) TO sdesk_agent;

--
-- Name: FUNCTION notice_incident(p_incident bigint, p_queue text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.notice_incident(p_incident bigint, p_queue text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.notice_incident(p_incident bigint, p_queue text) TO sdesk_agent;

--
-- Name: TABLE oncall_work; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.oncall_work TO sdesk_agent;
GRANT SELECT,INSERT,UPDATE ON TABLE public.oncall_work TO sdesk_owner;

--
-- Name: FUNCTION oncall_owner_or_lead(p_work public.oncall_work, p_what text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.oncall_owner_or_lead(p_work public.oncall_work, p_what text) FROM PUBLIC;

--
-- Name: FUNCTION oncall_report_due(p_plan text, p_ended timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.oncall_report_due(p_plan text, p_ended timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION outbox_claim(p_id bigint, p_unknown boolean); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.outbox_claim(p_id bigint, p_unknown boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.outbox_claim(p_id bigint, p_unknown boolean) TO sdesk_agent;

--
-- Name: FUNCTION outbox_done(p_id bigint, p_error text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.outbox_done(p_id bigint, p_error text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.outbox_done(p_id bigint, p_error text) TO sdesk_agent;

--
-- Name: FUNCTION pause_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_reason text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.pause_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.pause_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_reason text) TO sdesk_agent;

--
-- Name: FUNCTION post_note(p_key uuid, p_ticket bigint, p_body text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.post_note(p_key uuid, p_ticket bigint, p_body text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.post_note(p_key uuid, p_ticket bigint, p_body text) TO sdesk_agent;

--
-- Name: FUNCTION post_reply(p_key uuid, p_ticket bigint, p_body text, p_queue text, p_mail boolean, p_channel text, p_first_contact boolean); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.post_reply(p_key uuid, p_ticket bigint, p_body text, p_queue text, p_mail boolean, p_channel text, p_first_contact boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.post_reply(p_key uuid, p_ticket bigint, p_body text, p_queue text, p_mail boolean, p_channel text, p_first_contact boolean) TO sdesk_agent;

--
-- Name: FUNCTION recompute_dues(p_ticket bigint); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.recompute_dues(p_ticket bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.recompute_dues(p_ticket bigint) TO sdesk_admin;

--
-- Name: FUNCTION record_change(p_entity text, p_entity_id text, p_ticket bigint, p_action text, p_old jsonb, p_new jsonb); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.record_change(p_entity text, p_entity_id text, p_ticket bigint, p_action text, p_old jsonb, p_new jsonb) FROM PUBLIC;

--
-- Name: FUNCTION refuse_change(); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.refuse_change() FROM PUBLIC;

--
-- Name: FUNCTION register_catalogue(p_hash text, p_source text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.register_catalogue(p_hash text, p_source text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.register_catalogue(p_hash text, p_source text) TO sdesk_admin;

--
-- Name: FUNCTION reopen_ticket(p_key uuid, p_ticket bigint, p_reason text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.reopen_ticket(p_key uuid, p_ticket bigint, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.reopen_ticket(p_key uuid, p_ticket bigint, p_reason text) TO sdesk_agent;

--
-- Name: FUNCTION request_begin(p_key uuid, p_action text, p_content jsonb); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.request_begin(p_key uuid, p_action text, p_content jsonb) FROM PUBLIC;

--
-- Name: FUNCTION request_finish(p_key uuid, p_result jsonb); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.request_finish(p_key uuid, p_result jsonb) FROM PUBLIC;

--
-- Name: FUNCTION request_result(p_key uuid); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.request_result(p_key uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.request_result(p_key uuid) TO sdesk_agent;

--
-- Name: FUNCTION require_lead(p_what text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.require_lead(p_what text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.require_lead(p_what text) TO sdesk_agent;

--
-- Name: FUNCTION require_text(p_value text, p_what text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.require_text(p_value text, p_what text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.require_text(p_value text, p_what text) TO sdesk_agent;

--
-- Name: FUNCTION resolve_incident(p_key uuid, p_incident bigint, p_at timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.resolve_incident(p_key uuid, p_incident bigint, p_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.resolve_incident(p_key uuid, p_incident bigint, p_at timestamp with time zone) TO sdesk_ops;

--
-- Name: FUNCTION resolve_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_note text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.resolve_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.resolve_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_note text) TO sdesk_agent;

--
-- Name: FUNCTION resume_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.resume_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.resume_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone) TO sdesk_agent;

--
-- Name: FUNCTION retire_plans(p_catalogue bigint); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.retire_plans(p_catalogue bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.retire_plans(p_catalogue bigint) TO sdesk_admin;

--
-- Name: FUNCTION sdesk_local_date(p_at timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.sdesk_local_date(p_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.sdesk_local_date(p_at timestamp with time zone) TO sdesk_agent;

--
-- Name: FUNCTION sdesk_now(); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.sdesk_now() FROM PUBLIC;
GRANT ALL ON FUNCTION public.sdesk_now() TO sdesk_agent;

--
-- Name: FUNCTION send_oncall_report(p_key uuid, p_work bigint, p_sent_at timestamp with time zone, p_report text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.send_oncall_report(p_key uuid, p_work bigint, p_sent_at timestamp with time zone, p_report text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.send_oncall_report(p_key uuid, p_work bigint, p_sent_at timestamp with time zone, p_report text) TO sdesk_ops;

--
-- Name: FUNCTION set_escalation(p_key uuid, p_ticket bigint, p_level smallint, p_extended boolean, p_reason text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.set_escalation(p_key uuid, p_ticket bigint, p_level smallint, p_extended boolean, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_escalation(p_key uuid, p_ticket bigint, p_level smallint, p_extended boolean, p_reason text) TO sdesk_lead;

--
-- Name: FUNCTION set_mail_queue(p_code text, p_address text, p_name text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.set_mail_queue(p_code text, p_address text, p_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_mail_queue(p_code text, p_address text, p_name text) TO sdesk_admin;

--
-- Name: FUNCTION set_team_calendar(p_key uuid, p_team bigint, p_calendar text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.set_team_calendar(p_key uuid, p_team bigint, p_calendar text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_team_calendar(p_key uuid, p_team bigint, p_calendar text) TO sdesk_admin;

--
-- Name: FUNCTION set_tier(p_key uuid, p_ticket bigint, p_tier smallint, p_reason text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.set_tier(p_key uuid, p_ticket bigint, p_tier smallint, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_tier(p_key uuid, p_ticket bigint, p_tier smallint, p_reason text) TO sdesk_agent;

--
-- Name: FUNCTION stamp_history(); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.stamp_history() FROM PUBLIC;

--
-- Name: FUNCTION stamp_ledger(); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.stamp_ledger() FROM PUBLIC;

--
-- Name: FUNCTION start_oncall(p_key uuid, p_contract bigint, p_ticket bigint, p_started_at timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.start_oncall(p_key uuid, p_contract bigint, p_ticket bigint, p_started_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.start_oncall(p_key uuid, p_contract bigint, p_ticket bigint, p_started_at timestamp with time zone) TO sdesk_ops;

--
-- Name: FUNCTION take_ticket(p_key uuid, p_ticket bigint); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.take_ticket(p_key uuid, p_ticket bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.take_ticket(p_key uuid, p_ticket bigint) TO sdesk_agent;

--
-- Name: FUNCTION ticket_broadcast_contact(p_ticket bigint, p_at timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.ticket_broadcast_contact(p_ticket bigint, p_at timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION ticket_dues(t public.ticket, OUT reaction_due timestamp with time zone, OUT resolution_due timestamp with time zone); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.ticket_dues(t public.ticket, OUT reaction_due timestamp with time zone, OUT resolution_due timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION ticket_lock(p_ticket bigint); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.ticket_lock(p_ticket bigint) FROM PUBLIC;

--
-- Name: FUNCTION ticket_save(p_old public.ticket, t public.ticket, p_action text, p_key uuid); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.ticket_save(p_old public.ticket, t public.ticket, p_action text, p_key uuid) FROM PUBLIC;

--
-- Name: FUNCTION triage_assign(p_key uuid, p_message bigint, p_ticket bigint); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.triage_assign(p_key uuid, p_message bigint, p_ticket bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.triage_assign(p_key uuid, p_message bigint, p_ticket bigint) TO sdesk_agent;

--
-- Name: FUNCTION triage_dismiss(p_key uuid, p_message bigint, p_reason text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.triage_dismiss(p_key uuid, p_message bigint, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.triage_dismiss(p_key uuid, p_message bigint, p_reason text) TO sdesk_agent;

--
-- Name: FUNCTION triage_open_ticket(p_key uuid, p_message bigint, p_contact bigint, p_contract bigint, p_category text); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.triage_open_ticket(p_key uuid, p_message bigint, p_contact bigint, p_contract bigint, p_category text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.triage_open_ticket(p_key uuid, p_message bigint, p_contact bigint, p_contract bigint, p_category text) TO sdesk_agent;

--
-- Name: FUNCTION upsert_calendar(p_catalogue bigint, p_code text, p_title text, p_time_zone text, p_definition jsonb); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.upsert_calendar(p_catalogue bigint, p_code text, p_title text, p_time_zone text, p_definition jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.upsert_calendar(p_catalogue bigint, p_code text, p_title text, p_time_zone text, p_definition jsonb) TO sdesk_admin;

--
-- Name: FUNCTION upsert_plan(p_catalogue bigint, p_code text, p_title text, p_provider text, p_vat_bp integer, p_definition jsonb); Type: ACL; Schema: public; Owner: sdesk_owner
--

REVOKE ALL ON FUNCTION public.upsert_plan(p_catalogue bigint, p_code text, p_title text, p_provider text, p_vat_bp integer, p_definition jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.upsert_plan(p_catalogue bigint, p_code text, p_title text, p_provider text, p_vat_bp integer, p_definition jsonb) TO sdesk_admin;

--
-- Name: TABLE account; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.account TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.account TO sdesk_owner;

--
-- Name: SEQUENCE account_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.account_id_seq TO sdesk_owner;

--
-- Name: TABLE broadcast; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.broadcast TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.broadcast TO sdesk_owner;

--
-- Name: SEQUENCE broadcast_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.broadcast_id_seq TO sdesk_owner;

--
-- Name: TABLE budget_ledger; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.budget_ledger TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.budget_ledger TO sdesk_owner;

--
-- Name: SEQUENCE budget_ledger_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.budget_ledger_id_seq TO sdesk_owner;

--
-- Name: TABLE calendar; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.calendar TO sdesk_agent;
GRANT SELECT,INSERT,UPDATE ON TABLE public.calendar TO sdesk_owner;

--
-- Name: TABLE call; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.call TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.call TO sdesk_owner;

--
-- Name: SEQUENCE call_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.call_id_seq TO sdesk_owner;

--
-- Name: TABLE catalogue_current; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.catalogue_current TO sdesk_agent;
GRANT SELECT ON TABLE public.catalogue_current TO sdesk_lead;
GRANT SELECT ON TABLE public.catalogue_current TO sdesk_ops;
GRANT SELECT ON TABLE public.catalogue_current TO sdesk_admin;
GRANT SELECT,INSERT,UPDATE ON TABLE public.catalogue_current TO sdesk_owner;

--
-- Name: TABLE clock_pin; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.clock_pin TO sdesk_agent;
GRANT SELECT ON TABLE public.clock_pin TO sdesk_owner;

--
-- Name: TABLE contact; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.contact TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.contact TO sdesk_owner;

--
-- Name: SEQUENCE contact_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.contact_id_seq TO sdesk_owner;

--
-- Name: SEQUENCE contract_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.contract_id_seq TO sdesk_owner;

--
-- Name: TABLE dev_link; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.dev_link TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.dev_link TO sdesk_owner;

--
-- Name: SEQUENCE dev_link_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.dev_link_id_seq TO sdesk_owner;

--
-- Name: TABLE history; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.history TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.history TO sdesk_owner;

--
-- Name: SEQUENCE history_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.history_id_seq TO sdesk_owner;

--
-- Name: TABLE incident; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.incident TO sdesk_agent;
GRANT SELECT,INSERT,UPDATE ON TABLE public.incident TO sdesk_owner;

--
-- Name: SEQUENCE incident_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.incident_id_seq TO sdesk_owner;

--
-- Name: TABLE ledger_month; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.ledger_month TO sdesk_agent;
GRANT SELECT,INSERT,UPDATE ON TABLE public.ledger_month TO sdesk_owner;

--
-- Name: TABLE mail_attachment; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.mail_attachment TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.mail_attachment TO sdesk_owner;

--
-- Name: SEQUENCE mail_attachment_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.mail_attachment_id_seq TO sdesk_owner;

--
-- Name: TABLE mail_outbox; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.mail_outbox TO sdesk_agent;
GRANT SELECT,INSERT,UPDATE ON TABLE public.mail_outbox TO sdesk_owner;

--
-- Name: SEQUENCE mail_outbox_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.mail_outbox_id_seq TO sdesk_owner;

--
-- Name: TABLE mail_queue; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.mail_queue TO sdesk_agent;
GRANT SELECT,INSERT,UPDATE ON TABLE public.mail_queue TO sdesk_owner;

--
-- Name: TABLE ticket_message; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.ticket_message TO sdesk_agent;
GRANT SELECT,INSERT,UPDATE ON TABLE public.ticket_message TO sdesk_owner;

--
-- Name: TABLE mail_triage; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.mail_triage TO sdesk_agent;
GRANT SELECT ON TABLE public.mail_triage TO sdesk_owner;

--
-- Name: TABLE maintenance_window; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.maintenance_window TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.maintenance_window TO sdesk_owner;

--
-- Name: COLUMN maintenance_window.announced_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(announced_at) ON TABLE public.maintenance_window TO sdesk_owner;

--
-- Name: SEQUENCE maintenance_window_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.maintenance_window_id_seq TO sdesk_owner;

--
-- Name: TABLE oncall_check; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.oncall_check TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.oncall_check TO sdesk_owner;

--
-- Name: TABLE oncall_window; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.oncall_window TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.oncall_window TO sdesk_owner;

--
-- Name: SEQUENCE oncall_window_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.oncall_window_id_seq TO sdesk_owner;

--
-- Name: SEQUENCE oncall_work_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.oncall_work_id_seq TO sdesk_owner;

--
-- Name: TABLE plan; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.plan TO sdesk_agent;
GRANT SELECT,INSERT,UPDATE ON TABLE public.plan TO sdesk_owner;

--
-- Name: TABLE plan_catalogue; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.plan_catalogue TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.plan_catalogue TO sdesk_owner;

--
-- Name: SEQUENCE plan_catalogue_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.plan_catalogue_id_seq TO sdesk_owner;

--
-- Name: TABLE request; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.request TO sdesk_agent;
GRANT SELECT,INSERT,UPDATE ON TABLE public.request TO sdesk_owner;

--
-- Name: TABLE schema_function; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.schema_function TO sdesk_agent;

--
-- Name: TABLE schema_version; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.schema_version TO sdesk_agent;

--
-- Name: TABLE standby_booking; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.standby_booking TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.standby_booking TO sdesk_owner;

--
-- Name: SEQUENCE standby_booking_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.standby_booking_id_seq TO sdesk_owner;

--
-- Name: TABLE team; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.team TO sdesk_agent;
GRANT SELECT,INSERT,UPDATE ON TABLE public.team TO sdesk_owner;

--
-- Name: SEQUENCE team_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.team_id_seq TO sdesk_owner;

--
-- Name: TABLE ticket_clock; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.ticket_clock TO sdesk_agent;
GRANT SELECT ON TABLE public.ticket_clock TO sdesk_owner;
GRANT SELECT ON TABLE public.ticket_clock TO sdesk_lead;
GRANT SELECT ON TABLE public.ticket_clock TO sdesk_ops;
GRANT SELECT ON TABLE public.ticket_clock TO sdesk_admin;

--
-- Name: TABLE ticket_estimate; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.ticket_estimate TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.ticket_estimate TO sdesk_owner;

--
-- Name: SEQUENCE ticket_estimate_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.ticket_estimate_id_seq TO sdesk_owner;

--
-- Name: TABLE ticket_incident; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.ticket_incident TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.ticket_incident TO sdesk_owner;

--
-- Name: SEQUENCE ticket_message_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.ticket_message_id_seq TO sdesk_owner;

--
-- Name: TABLE ticket_pause; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.ticket_pause TO sdesk_agent;
GRANT SELECT,INSERT,UPDATE ON TABLE public.ticket_pause TO sdesk_owner;

--
-- Name: SEQUENCE ticket_pause_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.ticket_pause_id_seq TO sdesk_owner;

--
-- Name: TABLE time_entry; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.time_entry TO sdesk_agent;
GRANT SELECT,INSERT ON TABLE public.time_entry TO sdesk_owner;

--
-- Name: SEQUENCE time_entry_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.time_entry_id_seq TO sdesk_owner;

--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: -; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE :"migrator" GRANT USAGE ON SEQUENCES  TO sdesk_owner;

--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE :"migrator" REVOKE ALL ON FUNCTIONS  FROM PUBLIC;

--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: -; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE :"migrator" GRANT SELECT ON TABLES  TO sdesk_agent;
ALTER DEFAULT PRIVILEGES FOR ROLE :"migrator" GRANT SELECT ON TABLES  TO sdesk_owner;

--
-- PostgreSQL database dump complete
--

