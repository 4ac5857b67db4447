-- schema/functions/ledger_credit.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Credits: the month's allowance and the activation credit exist once per
-- contract and pool (a second call returns the existing row's id); points
-- packages are sold, so only a lead books them.
CREATE OR REPLACE FUNCTION public.ledger_credit(p_key uuid, p_contract bigint, p_kind text, p_pool text, p_unit text, p_amount integer, p_money_cents bigint, p_period date, p_reason text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_credit',
		jsonb_build_array(p_contract, p_kind, p_pool, p_unit, p_amount, p_money_cents, p_period,
			p_reason));
	v_id bigint;
	c contract;
	r budget_ledger;
	v_limit integer;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	IF p_kind NOT IN ('monthly_allowance', 'activation_credit', 'points_package') THEN
		RAISE EXCEPTION 'ledger_credit books allowances, activation credits and points packages, not %', p_kind
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_kind = 'points_package' THEN
		PERFORM require_lead('book a points package');
	END IF;
	SELECT * INTO c FROM contract WHERE id = p_contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	-- The allowance and the activation credit are the plan's, not the caller's:
	-- more than the plan grants would be a correction, which takes a lead.
	SELECT (p.definition -> 'budget' ->> CASE p_kind WHEN 'monthly_allowance' THEN 'free_minutes'
		ELSE 'activation_credit_minutes' END)::integer
	INTO v_limit FROM plan p WHERE p.code = c.plan_code;
	IF p_kind IN ('monthly_allowance', 'activation_credit') AND v_limit IS NOT NULL AND p_amount > v_limit THEN
		RAISE EXCEPTION '% of % minutes: plan % grants %; more is a correction (sdesk budget correct)',
			p_kind, p_amount, c.plan_code, v_limit USING ERRCODE = 'insufficient_privilege';
	END IF;
	INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, period,
		reason, created_by)
	VALUES (c.account_id, c.id, p_kind, coalesce(p_pool, 'phone'), p_unit, p_amount,
		coalesce(p_money_cents, 0), p_period, p_reason, session_user)
	ON CONFLICT DO NOTHING RETURNING * INTO r;
	IF r.id IS NULL THEN
		SELECT id INTO v_id FROM budget_ledger
		WHERE contract_id = c.id AND kind = p_kind AND pool = coalesce(p_pool, 'phone')
		  AND period IS NOT DISTINCT FROM p_period;
	ELSE
		v_id := r.id;
		PERFORM record_change('ledger', r.id::text, NULL, p_kind, NULL, to_jsonb(r));
	END IF;
	PERFORM request_finish(p_key, jsonb_build_object('id', v_id));
	RETURN v_id;
END
$function$;

ALTER FUNCTION public.ledger_credit(uuid, bigint, text, text, text, integer, bigint, date, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ledger_credit(uuid, bigint, text, text, text, integer, bigint, date, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.ledger_credit(uuid, bigint, text, text, text, integer, bigint, date, text) TO sdesk_agent;
