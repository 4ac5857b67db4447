-- schema/functions/ledger_month_add.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Trigger (AFTER INSERT on budget_ledger, migration 0025): adds the new row
-- to its contract's month in ledger_month. The month is the rebuild's of
-- migration 0025 (period, effective date, the local date of its call or
-- time entry, of its creation); the account-wide activation credit is not
-- summed (sdesk.book reads those rows themselves).
CREATE OR REPLACE FUNCTION public.ledger_month_add()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_at timestamptz;
BEGIN
	IF NEW.kind = 'activation_credit' OR (NEW.pool = 'activation' AND NEW.unit = 'minutes') THEN
		RETURN NULL;
	END IF;
	IF NEW.period IS NULL AND NEW.effective_on IS NULL THEN
		IF NEW.source_call_id IS NOT NULL THEN
			SELECT started_at INTO v_at FROM call WHERE id = NEW.source_call_id;
		ELSIF NEW.source_time_entry_id IS NOT NULL THEN
			SELECT started_at INTO v_at FROM time_entry WHERE id = NEW.source_time_entry_id;
		END IF;
	END IF;
	INSERT INTO ledger_month AS m (contract_id, month, kind, pool, unit, amount, money_cents, rows)
	VALUES (NEW.contract_id,
		date_trunc('month', coalesce(NEW.period, NEW.effective_on,
			(coalesce(v_at, NEW.created_at) AT TIME ZONE 'Europe/Berlin')::date))::date,
		NEW.kind, NEW.pool, NEW.unit, NEW.amount, NEW.money_cents, 1)
	ON CONFLICT (contract_id, month, kind, pool, unit) DO UPDATE
	SET amount = m.amount + EXCLUDED.amount, money_cents = m.money_cents + EXCLUDED.money_cents,
		rows = m.rows + 1;
	RETURN NULL;
END
$function$;

ALTER FUNCTION public.ledger_month_add() OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ledger_month_add() FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
