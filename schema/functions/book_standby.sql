-- schema/functions/book_standby.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Extended standby (001): the client passes the first start allowed without an
-- override (3 working days ahead, from its calendar engine). 3 working days
-- are never fewer than 3 calendar days, so a bound earlier than now() + 3 days
-- is not believed; inside the bound only a lead books, with a reason.
CREATE OR REPLACE FUNCTION public.book_standby(p_key uuid, p_contract bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_rate_cents bigint, p_earliest_start timestamp with time zone, p_override_reason text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'book_standby',
		jsonb_build_array(p_contract, extract(epoch FROM p_starts_at),
			extract(epoch FROM p_ends_at), p_rate_cents, extract(epoch FROM p_earliest_start),
			p_override_reason));
	v_earliest timestamptz := greatest(p_earliest_start, now() + interval '3 days');
	v_inside boolean;
	c contract;
	r standby_booking;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO c FROM contract WHERE id = p_contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	v_inside := p_earliest_start IS NULL OR p_starts_at < v_earliest;
	IF v_inside THEN
		PERFORM require_lead('book standby inside the minimum lead time');
		PERFORM require_text(p_override_reason, 'a reason for booking inside the lead time');
	END IF;
	INSERT INTO standby_booking (account_id, contract_id, starts_at, ends_at, rate_cents, override_reason, booked_by)
	VALUES (c.account_id, c.id, p_starts_at, p_ends_at, p_rate_cents,
		CASE WHEN v_inside THEN p_override_reason END, session_user)
	RETURNING * INTO r;
	PERFORM record_change('standby', r.id::text, NULL, 'book', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.book_standby(uuid, bigint, timestamp with time zone, timestamp with time zone, bigint, timestamp with time zone, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.book_standby(uuid, bigint, timestamp with time zone, timestamp with time zone, bigint, timestamp with time zone, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.book_standby(uuid, bigint, timestamp with time zone, timestamp with time zone, bigint, timestamp with time zone, text) TO sdesk_agent;
