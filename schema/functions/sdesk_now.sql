-- schema/functions/sdesk_now.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The instant every query judges by: the session setting sdesk.now when a
-- client pinned it (SDESK_NOW, src/db/db.c), else now(). Stamps (created_at,
-- booked_at, ...) keep now(); a fact sent without an instant defaults to it,
-- and one in the future (beyond 5 minutes) is refused against it.
-- A pin is honoured only on a database its owner marked as a test or demo
-- database (clock_pin, migration 0024); anywhere else it is refused, so no
-- login can move the desk's clock (doc/security.md, "The pinned now").
CREATE OR REPLACE FUNCTION public.sdesk_now()
 RETURNS timestamptz
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
$function$;

ALTER FUNCTION public.sdesk_now() OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.sdesk_now() FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.sdesk_now() TO sdesk_agent;
