-- schema/functions/refuse_change.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.refuse_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
	RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
		USING ERRCODE = 'insufficient_privilege';
END
$function$;

ALTER FUNCTION public.refuse_change() OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.refuse_change() FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
