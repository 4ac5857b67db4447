-- schema/functions/ledger_package.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- A purchased points package of p_points in the points account p_pool, dated
-- p_effective_on (NULL: today). Leads only. The client's engine checks the
-- kind's minimum package size and computes the price.
CREATE OR REPLACE FUNCTION public.ledger_package(p_key uuid, p_contract bigint, p_pool text, p_points integer, p_money_cents bigint, p_effective_on date, p_reason text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_package',
		jsonb_build_array(p_contract, p_pool, p_points, p_money_cents, p_effective_on, p_reason));
	c contract;
	r budget_ledger;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM require_lead('book a points package');
	IF p_points IS NULL OR p_points <= 0 THEN
		RAISE EXCEPTION 'a points package needs a positive number of points' USING ERRCODE = 'check_violation';
	END IF;
	SELECT * INTO c FROM contract WHERE id = p_contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, effective_on,
		reason, created_by)
	VALUES (c.account_id, c.id, 'points_package', p_pool, 'points', p_points, coalesce(p_money_cents, 0),
		coalesce(p_effective_on, sdesk_local_date(now())), p_reason, session_user)
	RETURNING * INTO r;
	PERFORM record_change('ledger', r.id::text, NULL, 'points_package', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.ledger_package(uuid, bigint, text, integer, bigint, date, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ledger_package(uuid, bigint, text, integer, bigint, date, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.ledger_package(uuid, bigint, text, integer, bigint, date, text) TO sdesk_lead;
