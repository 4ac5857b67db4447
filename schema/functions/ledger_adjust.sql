-- schema/functions/ledger_adjust.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- A lead's correction of a balance with a reason, dated p_effective_on (NULL:
-- today). amount in p_unit, signed; p_money_cents signed (< 0: a credit note).
CREATE OR REPLACE FUNCTION public.ledger_adjust(p_key uuid, p_contract bigint, p_pool text, p_unit text, p_amount integer, p_money_cents bigint, p_effective_on date, p_reason text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'ledger_adjust',
		jsonb_build_array(p_contract, p_pool, p_unit, p_amount, p_money_cents, p_effective_on,
			p_reason));
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
	PERFORM ledger_pool_check(c, coalesce(p_pool, 'phone'), p_unit, p_amount, p_money_cents);
	INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, effective_on,
		reason, created_by)
	VALUES (c.account_id, c.id, 'correction', coalesce(p_pool, 'phone'), p_unit, p_amount,
		coalesce(p_money_cents, 0), coalesce(p_effective_on, sdesk_local_date(sdesk_now())), p_reason, session_user)
	RETURNING * INTO r;
	PERFORM record_change('ledger', r.id::text, NULL, 'correction', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.ledger_adjust(uuid, bigint, text, text, integer, bigint, date, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ledger_adjust(uuid, bigint, text, text, integer, bigint, date, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.ledger_adjust(uuid, bigint, text, text, integer, bigint, date, text) TO sdesk_lead;
