-- schema/functions/book_call.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- A call on a ticket, as it happened: when it started, how long it lasted,
-- whether it was the emergency hotline. The database decides the rest with
-- the engine (sdesk.book): started minutes, the split free minutes ->
-- activation credit -> overage (002) or the hotline tariff of the moment,
-- the price, and the month's allowance and the account's activation credit
-- written on first use. The agent's answer (text, warning) is kept with the
-- request (request_result).
DROP FUNCTION IF EXISTS public.log_call(uuid, bigint, timestamp with time zone, integer, text, text, bigint, jsonb);
CREATE OR REPLACE FUNCTION public.book_call(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_duration_s integer, p_hotline boolean)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'book_call',
		jsonb_build_array(p_ticket, extract(epoch FROM p_started_at), p_duration_s, p_hotline));
	a agent;
	t ticket;
	v jsonb;
	e jsonb;
	r call;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	t := booking_ticket(p_ticket, p_started_at);
	v := sdesk.book(t.id, CASE WHEN coalesce(p_hotline, false) THEN 'hotline' ELSE 'call' END,
		p_started_at, p_duration_s);
	PERFORM booking_credits(t, v);
	INSERT INTO call (ticket_id, account_id, agent, started_at, duration_s, kind, tariff_window, price_cents)
	VALUES (t.id, t.account_id, a.login, p_started_at, (v ->> 'stored')::integer,
		CASE WHEN coalesce(p_hotline, false) THEN 'hotline' ELSE 'phone' END,
		v ->> 'window', (v ->> 'price_cents')::bigint)
	RETURNING * INTO r;
	FOR e IN SELECT value FROM jsonb_array_elements(v -> 'moves') LOOP
		INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, source_call_id)
		VALUES (t.account_id, t.contract_id, e ->> 'kind', e ->> 'pool', e ->> 'unit',
			(e ->> 'amount')::integer, (e ->> 'money_cents')::bigint, r.id);
	END LOOP;
	PERFORM record_change('call', r.id::text, t.id, 'book_call', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id, 'text', v ->> 'text', 'warning', v ->> 'warning'));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.book_call(uuid, bigint, timestamp with time zone, integer, boolean) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.book_call(uuid, bigint, timestamp with time zone, integer, boolean) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.book_call(uuid, bigint, timestamp with time zone, integer, boolean) TO sdesk_agent;
