-- The sdesk extension's SQL API (doc/admin.md, "The SQL API"). Created by
-- `sdesk db migrate` with CREATE EXTENSION sdesk; every function reads the
-- plan catalogue that `sdesk plans load` stored in this database.
\echo Use "CREATE EXTENSION sdesk" to load this file. \quit

-- The instant that lies `duration` of business time after `start` on the
-- calendar: days are working days, then hours and minutes of open time
-- (as `sdesk sla add CAL START 1d4h`).
CREATE FUNCTION business_add(calendar text, start timestamptz, duration interval)
RETURNS timestamptz AS 'MODULE_PATHNAME', 'sdesk_business_add'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

-- Business minutes between two instants (negative when "to" is earlier), as
-- `sdesk sla between CAL FROM TO`.
CREATE FUNCTION business_between(calendar text, "from" timestamptz, "to" timestamptz)
RETURNS bigint AS 'MODULE_PATHNAME', 'sdesk_business_between'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

-- Holidays and closed days of a calendar, or the days of a holiday set, in a
-- year, as `sdesk calendar holidays CAL YEAR`.
CREATE FUNCTION holidays(calendar text, year integer, OUT day date, OUT name text)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'sdesk_holidays'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

-- Every calendar of the catalogue in force (contract calendars and the
-- region calendars de, de-bw, ..., at), with its time zone.
CREATE FUNCTION calendars(OUT calendar text, OUT time_zone text)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'sdesk_calendars'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

-- A ticket's due instants (NULL: no target) from the facts: plan, category
-- (NULL: plan-wide targets only), channel, received instant, its closed
-- pauses (ordered) and the contract's own targets ("CATEGORY:CLOCK:UNIT:
-- AMOUNT,...", as contract_overrides() renders contract.overrides).
-- window_from/window_to: extra open time (booked standby, on-call windows),
-- ordered; every wall minute inside counts (then pauses are not counted).
CREATE FUNCTION dues(plan text, category text, channel text, received timestamptz,
	pause_from timestamptz[] DEFAULT NULL, pause_to timestamptz[] DEFAULT NULL, overrides text DEFAULT '',
	window_from timestamptz[] DEFAULT NULL, window_to timestamptz[] DEFAULT NULL,
	OUT reaction_due timestamptz, OUT resolution_due timestamptz)
AS 'MODULE_PATHNAME', 'sdesk_dues'
LANGUAGE C STABLE PARALLEL RESTRICTED;

-- One booking decided from the facts and the ledger as it stands: what the
-- write functions book_call / book_time store, and what a preview shows.
-- what: call | hotline | time; amount: seconds (calls) or minutes (time);
-- kind (time): support | managed_service | technical | user_support;
-- rush_ordered: the customer ordered a rush job (Eilauftrag, seed 000),
-- requested: when (default: the ticket's receipt). Read-only. Returns jsonb
-- (doc/admin.md, "sdesk.book").
CREATE FUNCTION book(ticket bigint, what text, "at" timestamptz, amount bigint, kind text DEFAULT NULL,
	rush_ordered boolean DEFAULT false, requested timestamptz DEFAULT NULL)
RETURNS jsonb AS 'MODULE_PATHNAME', 'sdesk_book'
LANGUAGE C STABLE PARALLEL RESTRICTED;

-- What a plan grants (jsonb: fees, free minutes, activation credit, rates,
-- points kinds with their minimum and price, VAT).
CREATE FUNCTION plan_budget(plan text) RETURNS jsonb AS 'MODULE_PATHNAME', 'sdesk_plan_budget'
LANGUAGE C STABLE PARALLEL RESTRICTED;
-- The net price of a points package (004), refused below the kind's minimum.
CREATE FUNCTION package_price(plan text, kind text, points bigint) RETURNS bigint
AS 'MODULE_PATHNAME', 'sdesk_package_price' LANGUAGE C STABLE PARALLEL RESTRICTED;
-- A standby window's price per started hour (at rate_cents, the contract's
-- agreed rate; NULL: the plan's) and the earliest start that needs no lead's
-- override (the plan's lead time in working days, 001).
CREATE FUNCTION standby_price(plan text, starts timestamptz, ends timestamptz, booked timestamptz,
	rate_cents bigint DEFAULT NULL)
RETURNS jsonb AS 'MODULE_PATHNAME', 'sdesk_standby_price' LANGUAGE C STABLE PARALLEL RESTRICTED;

-- VAT on an invoice of the plan: the net lines summed, the plan's rate
-- applied once to the total: {"net", "vat_bp", "vat", "gross"}.
CREATE FUNCTION vat_total(plan text, net_lines bigint[]) RETURNS jsonb
AS 'MODULE_PATHNAME', 'sdesk_vat_total' LANGUAGE C STABLE PARALLEL RESTRICTED;

-- THE state of a ticket's clocks at an instant (engine/clock.h): the one
-- function the console, the board, `sdesk check` and this database judge
-- with. state/relevant: the clock that matters now; left_minutes: the team's
-- working minutes until its due instant (negative: overdue), on
-- team_calendar (NULL or '': the catalogue's staffed_calendar).
CREATE FUNCTION ticket_state(received timestamptz, reaction_due timestamptz, resolution_due timestamptz,
	estimate_due timestamptz, first_contact timestamptz, resolved timestamptz, paused_since timestamptz,
	plan text, category text, team_calendar text, "at" timestamptz,
	OUT state text, OUT relevant text, OUT due timestamptz, OUT left_minutes bigint, OUT overdue_seconds bigint,
	OUT reaction_state text, OUT resolution_state text, OUT estimate_state text)
AS 'MODULE_PATHNAME', 'sdesk_ticket_state'
LANGUAGE C STABLE PARALLEL RESTRICTED;

-- The build of the engine inside this database (the client's `sdesk db
-- status` compares it with its own) and the catalogue it uses.
CREATE FUNCTION build() RETURNS text AS 'MODULE_PATHNAME', 'sdesk_build'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION catalogue() RETURNS bigint AS 'MODULE_PATHNAME', 'sdesk_catalogue'
LANGUAGE C STABLE PARALLEL RESTRICTED;

GRANT USAGE ON SCHEMA sdesk TO PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA sdesk TO PUBLIC;
