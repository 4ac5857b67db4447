-- schema/functions/sdesk_now.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The instant every query judges by: the session setting sdesk.now when a
-- client pinned it (SDESK_NOW, src/db/db.c), else now(). Stamps (created_at,
-- booked_at, ...) keep now(); facts in the future are judged against now().
CREATE OR REPLACE FUNCTION public.sdesk_now()
 RETURNS timestamptz
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
	SELECT coalesce(nullif(current_setting('sdesk.now', true), '')::timestamptz, now())
$function$;

ALTER FUNCTION public.sdesk_now() OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.sdesk_now() FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.sdesk_now() TO sdesk_agent;
