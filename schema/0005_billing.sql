-- sdesk schema, migration 5: billing. Points packages and lead corrections
-- carry the local date they take effect (effective_on), so that a backdated
-- call or time entry sees a package bought for that day and a statement lists
-- it in the right month (doc/billing.md, "Dates of packages and corrections").

ALTER TABLE budget_ledger ADD COLUMN effective_on date;
ALTER TABLE budget_ledger ADD CONSTRAINT budget_ledger_effective_kind
	CHECK (effective_on IS NULL OR kind IN ('points_package', 'correction'));

-- A purchased points package of p_points in the points account p_pool, dated
-- p_effective_on (NULL: today). Leads only. The client's engine checks the
-- kind's minimum package size and computes the price.
CREATE FUNCTION ledger_package(p_key uuid, p_contract bigint, p_pool text, p_points integer,
	p_money_cents bigint, p_effective_on date, p_reason text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_package');
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
$$;

-- A lead's correction of a balance with a reason, dated p_effective_on (NULL:
-- today). amount in p_unit, signed; p_money_cents signed (< 0: a credit note).
CREATE FUNCTION ledger_adjust(p_key uuid, p_contract bigint, p_pool text, p_unit text,
	p_amount integer, p_money_cents bigint, p_effective_on date, p_reason text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_adjust');
	c contract;
	r budget_ledger;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM require_lead('book a ledger correction');
	PERFORM require_text(p_reason, 'a reason for the correction');
	SELECT * INTO c FROM contract WHERE id = p_contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, effective_on,
		reason, created_by)
	VALUES (c.account_id, c.id, 'correction', coalesce(p_pool, 'phone'), p_unit, p_amount,
		coalesce(p_money_cents, 0), coalesce(p_effective_on, sdesk_local_date(now())), p_reason, session_user)
	RETURNING * INTO r;
	PERFORM record_change('ledger', r.id::text, NULL, 'correction', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$$;

REVOKE EXECUTE ON FUNCTION ledger_package(uuid, bigint, text, integer, bigint, date, text),
	ledger_adjust(uuid, bigint, text, text, integer, bigint, date, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger_package(uuid, bigint, text, integer, bigint, date, text),
	ledger_adjust(uuid, bigint, text, text, integer, bigint, date, text) TO sdesk_lead;
