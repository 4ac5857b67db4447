-- schema/functions/log_call.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.log_call(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_duration_s integer, p_kind text, p_tariff_window text, p_price_cents bigint, p_ledger jsonb)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'log_call',
		jsonb_build_array(p_ticket, extract(epoch FROM p_started_at), p_duration_s, p_kind));
	a agent;
	t ticket;
	r call;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	SELECT * INTO t FROM ticket WHERE id = p_ticket;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no ticket SD-%', p_ticket USING ERRCODE = 'no_data_found';
	END IF;
	INSERT INTO call (ticket_id, account_id, agent, started_at, duration_s, kind, tariff_window, price_cents)
	VALUES (t.id, t.account_id, a.login, p_started_at, p_duration_s, p_kind, p_tariff_window,
		coalesce(p_price_cents, 0))
	RETURNING * INTO r;
	PERFORM ledger_draw(t.contract_id, p_ledger, r.id, NULL);
	PERFORM record_change('call', r.id::text, t.id, 'log_call', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.log_call(uuid, bigint, timestamp with time zone, integer, text, text, bigint, jsonb) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.log_call(uuid, bigint, timestamp with time zone, integer, text, text, bigint, jsonb) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.log_call(uuid, bigint, timestamp with time zone, integer, text, text, bigint, jsonb) TO sdesk_agent;
