-- sdesk schema, migration 11: one clock (issue 11).
--  * sdesk_now(): the instant every query judges by. A client run with
--    SDESK_NOW pins it for its session (set_config('sdesk.now', ...), src/db/db.c);
--    otherwise it is now(). Stamps (created_at, booked_at, ...) keep now().
--  * the on-call channel (003) and per-account on-call windows, one-off or
--    standing; a team's staffed-hours calendar.
--  * book_standby without the hidden now() + 72 h floor (001: "spätestens 3
--    Werktage vor dem gewünschten Termin").

-- ---------------------------------------------------------------- now
-- Created here because views of later migrations use it; its current
-- version is schema/functions/sdesk_now.sql.
CREATE FUNCTION sdesk_now() RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
	SELECT coalesce(nullif(current_setting('sdesk.now', true), '')::timestamptz, now())
$$;

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

-- add_oncall_window: schema/functions/add_oncall_window.sql

-- ---------------------------------------------------------------- teams
-- The calendar of a team's staffed hours (a calendar of the plan catalogue);
-- NULL = the catalogue's default (plans.cfg `staffed_calendar`). "Left" on
-- the queue and the board is the team's working time until the due instant
-- (doc/sla.md, "Time left").
ALTER TABLE team ADD COLUMN staffed_calendar text
	CHECK (staffed_calendar IS NULL OR staffed_calendar ~ '^[a-z0-9][a-z0-9_-]{0,63}$');

-- set_team_calendar: schema/functions/set_team_calendar.sql

-- book_standby (001, no hidden floor: the plan's lead time at sdesk_now()):
-- schema/functions/book_standby.sql.
