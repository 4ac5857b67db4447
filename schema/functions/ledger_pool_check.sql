-- schema/functions/ledger_pool_check.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- A correction's pool and unit must be one the contract's plan has: the
-- free minutes ("phone", minutes), the activation credit ("activation",
-- minutes) or one of its points kinds (points); amounts within bounds
-- (doc/security.md, "Bounds").
CREATE OR REPLACE FUNCTION public.ledger_pool_check(c contract, p_pool text, p_unit text, p_amount integer, p_money_cents bigint)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_budget jsonb := sdesk.plan_budget(c.plan_code);
BEGIN
	IF p_unit = 'minutes' AND p_pool IN ('phone', 'activation') THEN
		NULL;
	ELSIF p_unit = 'points' AND EXISTS (SELECT 1 FROM jsonb_array_elements(v_budget -> 'points') k
		WHERE k ->> 'kind' = p_pool) THEN
		NULL;
	ELSE
		RAISE EXCEPTION 'plan % has no pool % in %', c.plan_code, coalesce(p_pool, '(none)'), coalesce(p_unit, '(none)')
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_amount IS NULL OR abs(p_amount) > 100000 THEN
		RAISE EXCEPTION 'a correction moves at most 100000 minutes or points' USING ERRCODE = 'check_violation';
	END IF;
	IF abs(coalesce(p_money_cents, 0)) > 10000000 THEN
		RAISE EXCEPTION 'a correction moves at most EUR 100,000.00' USING ERRCODE = 'check_violation';
	END IF;
END
$function$;

ALTER FUNCTION public.ledger_pool_check(contract, text, text, integer, bigint) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ledger_pool_check(contract, text, text, integer, bigint) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
