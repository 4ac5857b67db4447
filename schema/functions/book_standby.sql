-- schema/functions/book_standby.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Extended standby booked by a customer (001): the window only. The price per
-- started hour and the lead time ("spätestens 3 Werktage vor dem gewünschten
-- Termin": the window starts on or after the plan's third working day after
-- the day it is booked) are the plan's (sdesk.standby_price); inside the lead
-- time only a lead books it, with a reason.
DROP FUNCTION IF EXISTS public.book_standby(uuid, bigint, timestamp with time zone, timestamp with time zone, bigint, timestamp with time zone, text);
CREATE OR REPLACE FUNCTION public.book_standby(p_key uuid, p_contract bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_override_reason text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'book_standby',
		jsonb_build_array(p_contract, extract(epoch FROM p_starts_at), extract(epoch FROM p_ends_at),
			p_override_reason));
	v jsonb;
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
	IF sdesk_local_date(p_starts_at) < c.valid_from OR (c.valid_to IS NOT NULL AND sdesk_local_date(p_ends_at) > c.valid_to) THEN
		RAISE EXCEPTION 'contract % does not run from % to %', c.id, p_starts_at, p_ends_at
			USING ERRCODE = 'check_violation';
	END IF;
	v := sdesk.standby_price(c.plan_code, p_starts_at, p_ends_at, sdesk_now(),
		(c.overrides ->> 'standby_hour_cents')::bigint);
	IF (v ->> 'early')::boolean THEN
		PERFORM require_lead('book standby inside the lead time (earliest ' || (v ->> 'earliest') || ')');
		PERFORM require_text(p_override_reason, 'a reason for booking inside the lead time');
	END IF;
	INSERT INTO standby_booking (account_id, contract_id, starts_at, ends_at, rate_cents, override_reason, booked_by)
	VALUES (c.account_id, c.id, p_starts_at, p_ends_at, (v ->> 'rate_cents')::bigint,
		CASE WHEN (v ->> 'early')::boolean THEN p_override_reason END, session_user)
	RETURNING * INTO r;
	PERFORM record_change('standby', r.id::text, NULL, 'book', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.book_standby(uuid, bigint, timestamp with time zone, timestamp with time zone, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.book_standby(uuid, bigint, timestamp with time zone, timestamp with time zone, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.book_standby(uuid, bigint, timestamp with time zone, timestamp with time zone, text) TO sdesk_agent;
