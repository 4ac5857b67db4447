-- schema/functions/booking_ticket.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The ticket a booking is for, with the contract's budget locked for the
-- transaction (concurrent bookings on one contract decide one after the
-- other), and the booked instant checked: not before the ticket was
-- received, not in the future.
CREATE OR REPLACE FUNCTION public.booking_ticket(p_ticket bigint, p_at timestamp with time zone)
 RETURNS ticket
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	t ticket;
BEGIN
	SELECT * INTO t FROM ticket WHERE id = p_ticket;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no ticket SD-%', p_ticket USING ERRCODE = 'no_data_found';
	END IF;
	IF p_at IS NULL THEN
		RAISE EXCEPTION 'a booking needs the instant it started' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF p_at < t.received_at - interval '1 day' THEN
		RAISE EXCEPTION 'SD-% was received at %: work at % is before it', t.id, t.received_at, p_at
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_at > sdesk_now() + interval '5 minutes' THEN
		RAISE EXCEPTION 'a booking cannot start in the future (%)', p_at USING ERRCODE = 'check_violation';
	END IF;
	PERFORM pg_advisory_xact_lock(21316, (t.contract_id % 2147483647)::integer);
	RETURN t;
END
$function$;

ALTER FUNCTION public.booking_ticket(bigint, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.booking_ticket(bigint, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
