-- schema/functions/ledger_draw.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Inserts the ledger rows a call or time entry draws, given by the client's
-- billing engine as [{"kind", "pool", "unit", "amount", "money_cents"}, ...].
CREATE OR REPLACE FUNCTION public.ledger_draw(p_contract bigint, p_rows jsonb, p_call bigint, p_time_entry bigint)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	c contract;
	e jsonb;
BEGIN
	IF p_rows IS NULL OR jsonb_typeof(p_rows) = 'null' THEN
		RETURN;
	END IF;
	IF jsonb_typeof(p_rows) <> 'array' THEN
		RAISE EXCEPTION 'ledger rows must be a JSON array' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT * INTO c FROM contract WHERE id = p_contract;
	FOR e IN SELECT value FROM jsonb_array_elements(p_rows) LOOP
		IF e ->> 'kind' NOT IN ('consumption', 'overage') THEN
			RAISE EXCEPTION 'a call or time entry can only draw consumption or overage, not %', e ->> 'kind'
				USING ERRCODE = 'check_violation';
		END IF;
		INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents,
			source_call_id, source_time_entry_id, created_by)
		VALUES (c.account_id, c.id, e ->> 'kind', coalesce(e ->> 'pool', 'phone'), e ->> 'unit',
			(e ->> 'amount')::integer, coalesce((e ->> 'money_cents')::bigint, 0),
			p_call, p_time_entry, session_user);
	END LOOP;
END
$function$;

ALTER FUNCTION public.ledger_draw(bigint, jsonb, bigint, bigint) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ledger_draw(bigint, jsonb, bigint, bigint) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
