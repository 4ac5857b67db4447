-- schema/functions/ledger_package.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- A points package sold to a points account (004), booked by a lead: the
-- kind and the number of points; the price is the plan's (sdesk.package_price:
-- points x 15 minutes at the kind's hourly rate, refused below the minimum
-- package). A negotiated price is a correction with a reason.
DROP FUNCTION IF EXISTS public.ledger_package(uuid, bigint, text, integer, bigint, date, text);
CREATE OR REPLACE FUNCTION public.ledger_package(p_key uuid, p_contract bigint, p_pool text, p_points integer, p_effective_on date, p_reason text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_package',
		jsonb_build_array(p_contract, p_pool, p_points, p_effective_on, p_reason));
	v_cents bigint;
	v_on date := coalesce(p_effective_on, sdesk_local_date(sdesk_now()));
	c contract;
	r budget_ledger;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM require_lead('book a points package');
	SELECT * INTO c FROM contract WHERE id = p_contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	IF v_on < c.valid_from OR (c.valid_to IS NOT NULL AND v_on > c.valid_to) THEN
		RAISE EXCEPTION 'contract % does not run on %', c.id, v_on USING ERRCODE = 'check_violation';
	END IF;
	v_cents := sdesk.package_price(c.plan_code, p_pool, p_points);
	INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, effective_on,
		reason, created_by)
	VALUES (c.account_id, c.id, 'points_package', p_pool, 'points', p_points, v_cents, v_on, p_reason, session_user)
	RETURNING * INTO r;
	PERFORM record_change('ledger', r.id::text, NULL, 'points_package', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.ledger_package(uuid, bigint, text, integer, date, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ledger_package(uuid, bigint, text, integer, date, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.ledger_package(uuid, bigint, text, integer, date, text) TO sdesk_lead;
