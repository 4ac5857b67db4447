-- schema/functions/oncall_owner_or_lead.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- On-call work belongs to the agent who started it: only that agent or a lead
-- ticks its checklist and ends it.
CREATE OR REPLACE FUNCTION public.oncall_owner_or_lead(p_work oncall_work, p_what text)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	a agent := current_agent();
BEGIN
	IF p_work.agent <> a.login THEN
		PERFORM require_lead(format('%s of on-call work %s started by %s', p_what, p_work.id, p_work.agent));
	END IF;
END
$function$;

ALTER FUNCTION public.oncall_owner_or_lead(oncall_work, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.oncall_owner_or_lead(oncall_work, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
