-- schema/functions/log_time.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.log_time(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_minutes integer, p_kind text, p_rush boolean, p_rate_cents bigint, p_amount_cents bigint, p_note text, p_ledger jsonb)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'log_time',
		jsonb_build_array(p_ticket, extract(epoch FROM p_started_at), p_minutes, p_kind, p_note));
	a agent;
	t ticket;
	r time_entry;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	SELECT * INTO t FROM ticket WHERE id = p_ticket;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no ticket SD-%', p_ticket USING ERRCODE = 'no_data_found';
	END IF;
	INSERT INTO time_entry (ticket_id, account_id, agent, started_at, minutes, kind, rush,
		rate_cents, amount_cents, note)
	VALUES (t.id, t.account_id, a.login, p_started_at, p_minutes, p_kind, coalesce(p_rush, false),
		coalesce(p_rate_cents, 0), coalesce(p_amount_cents, 0), coalesce(p_note, ''))
	RETURNING * INTO r;
	PERFORM ledger_draw(t.contract_id, p_ledger, NULL, r.id);
	PERFORM record_change('time_entry', r.id::text, t.id, 'log_time', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.log_time(uuid, bigint, timestamp with time zone, integer, text, boolean, bigint, bigint, text, jsonb) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.log_time(uuid, bigint, timestamp with time zone, integer, text, boolean, bigint, bigint, text, jsonb) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.log_time(uuid, bigint, timestamp with time zone, integer, text, boolean, bigint, bigint, text, jsonb) TO sdesk_agent;
