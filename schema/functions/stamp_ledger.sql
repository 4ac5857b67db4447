-- schema/functions/stamp_ledger.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.stamp_ledger()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
	NEW.created_by := session_user;
	NEW.created_at := now();
	RETURN NEW;
END
$function$;

ALTER FUNCTION public.stamp_ledger() OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.stamp_ledger() FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
