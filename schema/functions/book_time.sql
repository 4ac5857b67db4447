-- schema/functions/book_time.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Time worked on a ticket, as it happened: when, how many minutes, which
-- kind of work, and whether the customer ordered it as a rush job
-- (Eilauftrag, 000) and when. The database decides the rest with the
-- engine (sdesk.book): the rounding to the plan's unit, the rate (the rush
-- rate only for an ordered rush job done the same calendar day or outside
-- support hours), the amount, and the points it draws (004).
DROP FUNCTION IF EXISTS public.log_time(uuid, bigint, timestamp with time zone, integer, text, boolean, bigint, bigint, text, jsonb);
CREATE OR REPLACE FUNCTION public.book_time(p_key uuid, p_ticket bigint, p_started_at timestamp with time zone, p_minutes integer, p_kind text, p_rush_ordered boolean, p_rush_ordered_at timestamp with time zone, p_note text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'book_time',
		jsonb_build_array(p_ticket, extract(epoch FROM p_started_at), p_minutes, p_kind, p_rush_ordered,
			extract(epoch FROM p_rush_ordered_at), p_note));
	a agent;
	t ticket;
	v jsonb;
	e jsonb;
	r time_entry;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	t := booking_ticket(p_ticket, p_started_at);
	IF coalesce(p_rush_ordered, false) AND p_kind IS DISTINCT FROM 'managed_service' THEN
		RAISE EXCEPTION 'only managed service is ordered as a rush job, not %', p_kind
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_rush_ordered_at IS NOT NULL AND (p_rush_ordered_at < t.received_at OR p_rush_ordered_at > p_started_at) THEN
		RAISE EXCEPTION 'the rush job was ordered at %, which is not between the ticket''s receipt and the work',
			p_rush_ordered_at USING ERRCODE = 'check_violation';
	END IF;
	IF length(coalesce(p_note, '')) > 10000 THEN
		RAISE EXCEPTION 'a note on a time entry holds at most 10000 characters' USING ERRCODE = 'check_violation';
	END IF;
	v := sdesk.book(t.id, 'time', p_started_at, p_minutes, p_kind, coalesce(p_rush_ordered, false),
		p_rush_ordered_at);
	INSERT INTO time_entry (ticket_id, account_id, agent, started_at, minutes, kind, rush, rush_ordered,
		rate_cents, amount_cents, note)
	VALUES (t.id, t.account_id, a.login, p_started_at, (v ->> 'stored')::integer, p_kind,
		(v ->> 'rush')::boolean, coalesce(p_rush_ordered, false), (v ->> 'rate_cents')::bigint,
		(v ->> 'price_cents')::bigint, coalesce(p_note, ''))
	RETURNING * INTO r;
	FOR e IN SELECT value FROM jsonb_array_elements(v -> 'moves') LOOP
		INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents,
			source_time_entry_id)
		VALUES (t.account_id, t.contract_id, e ->> 'kind', e ->> 'pool', e ->> 'unit',
			(e ->> 'amount')::integer, (e ->> 'money_cents')::bigint, r.id);
	END LOOP;
	PERFORM record_change('time_entry', r.id::text, t.id, 'book_time', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id, 'text', v ->> 'text', 'warning', v ->> 'warning'));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.book_time(uuid, bigint, timestamp with time zone, integer, text, boolean, timestamp with time zone, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.book_time(uuid, bigint, timestamp with time zone, integer, text, boolean, timestamp with time zone, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.book_time(uuid, bigint, timestamp with time zone, integer, text, boolean, timestamp with time zone, text) TO sdesk_agent;
