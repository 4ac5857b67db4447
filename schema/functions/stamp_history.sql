-- schema/functions/stamp_history.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The person on an append-only row is always the session's login role.
CREATE OR REPLACE FUNCTION public.stamp_history()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
	NEW.who := session_user;
	NEW.at := now();
	RETURN NEW;
END
$function$;

ALTER FUNCTION public.stamp_history() OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.stamp_history() FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
