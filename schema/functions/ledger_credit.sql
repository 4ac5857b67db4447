-- schema/functions/ledger_credit.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Books a credit the plan grants, in the plan's own pool, unit and amount:
-- the month's free minutes (once per contract and month, for a month the
-- contract runs in) or the one-off activation credit (once per account, when
-- it is activated). The caller names only which and for which month; more
-- than the plan grants is a lead's correction. Bookings write these on first
-- use themselves (book_call); this is for statements of a month without calls.
DROP FUNCTION IF EXISTS public.ledger_credit(uuid, bigint, text, text, text, integer, bigint, date, text);
CREATE OR REPLACE FUNCTION public.ledger_credit(p_key uuid, p_contract bigint, p_kind text, p_period date)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_credit',
		jsonb_build_array(p_contract, p_kind, p_period));
	v_id bigint;
	v_budget jsonb;
	v_amount integer;
	v_period date := date_trunc('month', p_period)::date;
	c contract;
	acc account;
	r budget_ledger;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO c FROM contract WHERE id = p_contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	SELECT * INTO acc FROM account WHERE id = c.account_id;
	v_budget := sdesk.plan_budget(c.plan_code);
	PERFORM pg_advisory_xact_lock(21316, (c.id % 2147483647)::integer);
	IF p_kind = 'monthly_allowance' THEN
		v_amount := (v_budget ->> 'monthly_free_minutes')::integer;
		IF v_period IS NULL OR v_period < c.valid_from - 31 OR v_period > coalesce(c.valid_to, v_period)
		   OR v_period + interval '1 month' <= c.valid_from THEN
			RAISE EXCEPTION 'contract % does not run in the month %', c.id, coalesce(to_char(v_period, 'YYYY-MM'), '(none)')
				USING ERRCODE = 'check_violation';
		END IF;
		IF v_period > sdesk_local_date(sdesk_now()) THEN
			RAISE EXCEPTION 'the free minutes of % are booked when that month comes', to_char(v_period, 'YYYY-MM')
				USING ERRCODE = 'check_violation';
		END IF;
		SELECT id INTO v_id FROM budget_ledger
		WHERE contract_id = c.id AND kind = 'monthly_allowance' AND period = v_period;
	ELSIF p_kind = 'activation_credit' THEN
		v_amount := (v_budget ->> 'activation_credit_minutes')::integer;
		v_period := NULL;
		IF acc.activated_on IS NULL THEN
			RAISE EXCEPTION 'account % is not activated: no activation credit yet', acc.code
				USING ERRCODE = 'check_violation';
		END IF;
		SELECT id INTO v_id FROM budget_ledger WHERE account_id = c.account_id AND kind = 'activation_credit';
	ELSE
		RAISE EXCEPTION 'ledger_credit books the monthly allowance and the activation credit, not % (points packages: sdesk budget add-points)', p_kind
			USING ERRCODE = 'check_violation';
	END IF;
	IF v_id IS NULL THEN
		IF coalesce(v_amount, 0) <= 0 THEN
			RAISE EXCEPTION 'plan % grants no % minutes', c.plan_code, replace(p_kind, '_', ' ')
				USING ERRCODE = 'check_violation';
		END IF;
		INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, period, reason)
		VALUES (c.account_id, c.id, p_kind, CASE p_kind WHEN 'activation_credit' THEN 'activation' ELSE 'phone' END,
			'minutes', v_amount, v_period, CASE p_kind WHEN 'activation_credit' THEN 'one-off credit on activation'
			ELSE 'free minutes of the month' END)
		RETURNING * INTO r;
		v_id := r.id;
		PERFORM record_change('ledger', r.id::text, NULL, p_kind, NULL, to_jsonb(r));
	END IF;
	PERFORM request_finish(p_key, jsonb_build_object('id', v_id));
	RETURN v_id;
END
$function$;

ALTER FUNCTION public.ledger_credit(uuid, bigint, text, date) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ledger_credit(uuid, bigint, text, date) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.ledger_credit(uuid, bigint, text, date) TO sdesk_agent;
