-- schema/functions/ledger_month_rebuild.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Builds ledger_month anew from the whole ledger, by the month rule of the
-- trigger ledger_month_add (and of migration 0025's first build): the row's
-- period, else its effective date, else the local date of its call or time
-- entry, else of its creation; the account-wide activation credit is not
-- summed. For loads that bypass the trigger (the scale generator runs with
-- session_replication_role = replica) and for repair; the result equals
-- what the trigger keeps (tests/db/billing-budget.sh). Returns the rows.
CREATE OR REPLACE FUNCTION public.ledger_month_rebuild()
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_rows bigint;
BEGIN
	LOCK TABLE budget_ledger IN SHARE MODE;
	DELETE FROM ledger_month;
	INSERT INTO ledger_month (contract_id, month, kind, pool, unit, amount, money_cents, rows)
	SELECT l.contract_id,
		date_trunc('month', coalesce(l.period, l.effective_on,
			(coalesce(c.started_at, e.started_at, l.created_at) AT TIME ZONE 'Europe/Berlin')::date))::date,
		l.kind, l.pool, l.unit, sum(l.amount), sum(l.money_cents), count(*)
	FROM budget_ledger l
		LEFT JOIN call c ON c.id = l.source_call_id
		LEFT JOIN time_entry e ON e.id = l.source_time_entry_id
	WHERE NOT (l.kind = 'activation_credit' OR (l.pool = 'activation' AND l.unit = 'minutes'))
	GROUP BY 1, 2, 3, 4, 5;
	GET DIAGNOSTICS v_rows = ROW_COUNT;
	RETURN v_rows;
END
$function$;

ALTER FUNCTION public.ledger_month_rebuild() OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ledger_month_rebuild() FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
