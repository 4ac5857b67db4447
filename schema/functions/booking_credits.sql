-- schema/functions/booking_credits.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Writes the credits a booking found owed (sdesk.book's "allowance" and
-- "activation"): the month's free minutes once per contract and month, the
-- activation credit once per account (002: "Nach der Aktivierung ... ein
-- Guthaben von 60 Minuten").
CREATE OR REPLACE FUNCTION public.booking_credits(t ticket, v jsonb)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
BEGIN
	IF (v ->> 'activation')::integer > 0 THEN
		INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, reason)
		VALUES (t.account_id, t.contract_id, 'activation_credit', 'activation', 'minutes',
			(v ->> 'activation')::integer, 'one-off credit on activation')
		ON CONFLICT DO NOTHING;
	END IF;
	IF (v ->> 'allowance')::integer > 0 THEN
		INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, period, reason)
		VALUES (t.account_id, t.contract_id, 'monthly_allowance', 'phone', 'minutes',
			(v ->> 'allowance')::integer, (v ->> 'period')::date, 'free minutes of the month')
		ON CONFLICT DO NOTHING;
	END IF;
END
$function$;

ALTER FUNCTION public.booking_credits(ticket, jsonb) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.booking_credits(ticket, jsonb) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
