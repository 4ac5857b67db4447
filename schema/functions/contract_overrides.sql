-- schema/functions/contract_overrides.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- A contract's own targets (contract.overrides->'targets', doc/data-model.md)
-- as the text the engine reads: "CATEGORY:CLOCK:UNIT:AMOUNT,...", '' when none.
CREATE OR REPLACE FUNCTION public.contract_overrides(c contract)
 RETURNS text
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
	SELECT coalesce((SELECT string_agg(coalesce(o->>'category', '*') || ':' || coalesce(o->>'clock', '') || ':' ||
		CASE WHEN o ? 'minutes' THEN 'm:' || (o->>'minutes') WHEN o ? 'hours' THEN 'h:' || (o->>'hours')
		ELSE 'd:' || coalesce(o->>'workdays', '') END, ',')
		FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.overrides->'targets') = 'array'
			THEN c.overrides->'targets' ELSE '[]'::jsonb END) o), '')
$function$;

ALTER FUNCTION public.contract_overrides(contract) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.contract_overrides(contract) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.contract_overrides(contract) TO sdesk_agent;
