-- sdesk schema, migration 11: one clock (issue 11).
--  * sdesk_now(): the instant every query judges by. A client run with
--    SDESK_NOW pins it for its session (set_config('sdesk.now', ...), src/db/db.c);
--    otherwise it is now(). Stamps (created_at, booked_at, ...) keep now().
--  * the on-call channel (003) and per-account on-call windows, one-off or
--    standing; a team's staffed-hours calendar.
--  * book_standby without the hidden now() + 72 h floor (001: "spätestens 3
--    Werktage vor dem gewünschten Termin").

-- ---------------------------------------------------------------- now
CREATE FUNCTION sdesk_now() RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
	SELECT coalesce(nullif(current_setting('sdesk.now', true), '')::timestamptz, now())
$$;
GRANT EXECUTE ON FUNCTION sdesk_now() TO sdesk_agent;

-- ---------------------------------------------------------------- on-call
ALTER TABLE ticket DROP CONSTRAINT ticket_channel_check;
ALTER TABLE ticket ADD CONSTRAINT ticket_channel_check
	CHECK (channel IN ('ticket', 'email', 'chat', 'phone', 'callback', 'hotline', 'oncall'));

-- Windows in which an account's on-call extension (003, "Erreichbarkeit
-- außerhalb der üblichen Bürozeiten", once or permanently) makes the desk
-- reachable: open time of the account's calendar for category-1 reports on
-- the on-call channel (doc/sla.md, "On-call windows"). One-off: starts_at..ends_at.
-- Standing: every weekday in the mask (bit 0 = Monday) from from_minute to
-- to_minute local time in zone (to_minute <= from_minute: into the next day),
-- between valid_from and valid_to (dates, inclusive; NULL = open).
CREATE TABLE oncall_window (
	id          bigserial PRIMARY KEY,
	account_id  bigint NOT NULL REFERENCES account,
	starts_at   timestamptz,
	ends_at     timestamptz,
	weekdays    smallint CHECK (weekdays BETWEEN 1 AND 127),
	from_minute smallint CHECK (from_minute BETWEEN 0 AND 1439),
	to_minute   smallint CHECK (to_minute BETWEEN 1 AND 1440),
	zone        text NOT NULL DEFAULT 'Europe/Berlin',
	valid_from  date,
	valid_to    date,
	note        text,
	created_by  text NOT NULL DEFAULT session_user,
	created_at  timestamptz NOT NULL DEFAULT now(),
	CHECK ((starts_at IS NOT NULL AND ends_at IS NOT NULL AND ends_at > starts_at
	        AND weekdays IS NULL AND from_minute IS NULL AND to_minute IS NULL)
	    OR (starts_at IS NULL AND ends_at IS NULL
	        AND weekdays IS NOT NULL AND from_minute IS NOT NULL AND to_minute IS NOT NULL)),
	CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX oncall_window_account ON oncall_window (account_id);
GRANT SELECT ON oncall_window TO sdesk_agent;

-- A lead records an agreed window (one-off: p_starts_at/p_ends_at; standing:
-- p_weekdays, p_from_minute, p_to_minute, p_valid_from, p_valid_to).
CREATE FUNCTION add_oncall_window(p_key uuid, p_account bigint, p_starts_at timestamptz,
	p_ends_at timestamptz, p_weekdays integer, p_from_minute integer, p_to_minute integer,
	p_valid_from date, p_valid_to date, p_note text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'add_oncall_window');
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
GRANT EXECUTE ON FUNCTION add_oncall_window(uuid, bigint, timestamptz, timestamptz, integer, integer,
	integer, date, date, text) TO sdesk_lead;

-- ---------------------------------------------------------------- teams
-- The calendar of a team's staffed hours (a calendar of the plan catalogue);
-- NULL = the catalogue's default (plans.cfg `staffed_calendar`). "Left" on
-- the queue and the board is the team's working time until the due instant
-- (doc/sla.md, "Time left").
ALTER TABLE team ADD COLUMN staffed_calendar text
	CHECK (staffed_calendar IS NULL OR staffed_calendar ~ '^[a-z0-9][a-z0-9_-]{0,63}$');

-- An admin names a team's staffed-hours calendar (NULL: the default).
CREATE FUNCTION set_team_calendar(p_key uuid, p_team bigint, p_calendar text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'set_team_calendar');
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
GRANT EXECUTE ON FUNCTION set_team_calendar(uuid, bigint, text) TO sdesk_admin;

-- ---------------------------------------------------------------- standby
-- Extended standby (001): the client passes the first start allowed without
-- an override (standby_lead_days working days after today, from its engine,
-- local midnight). The database holds it to a floor that never contradicts
-- that rule: 3 working days after today are never before local midnight 3
-- calendar days after today. (The former floor, now() + 72 h, refused a
-- booking made on Monday 16:55 for Thursday 06:00 that --dry-run accepted.)
CREATE OR REPLACE FUNCTION book_standby(p_key uuid, p_contract bigint, p_starts_at timestamptz,
	p_ends_at timestamptz, p_rate_cents bigint, p_earliest_start timestamptz,
	p_override_reason text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'book_standby');
	v_earliest timestamptz := greatest(p_earliest_start,
		((sdesk_local_date(sdesk_now()) + 3)::timestamp AT TIME ZONE 'Europe/Berlin'));
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
