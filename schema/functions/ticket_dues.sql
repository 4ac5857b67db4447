-- schema/functions/ticket_dues.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The due instants of ticket t as the engine decides them (sdesk.dues): its
-- contract's plan and own targets, t's category, channel and received
-- instant, its closed pauses and the account's extra open windows. ticket_save and create_ticket store what
-- this says; no caller sends a due instant.
CREATE OR REPLACE FUNCTION public.ticket_dues(t ticket, OUT reaction_due timestamptz, OUT resolution_due timestamptz)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	c contract;
	v_from timestamptz[];
	v_to timestamptz[];
	v_ws timestamptz[];
	v_we timestamptz[];
BEGIN
	SELECT * INTO c FROM contract WHERE id = t.contract_id;
	SELECT array_agg(p.from_at ORDER BY p.from_at), array_agg(p.to_at ORDER BY p.from_at)
	INTO v_from, v_to
	FROM ticket_pause p WHERE p.ticket_id = t.id AND p.to_at IS NOT NULL;
	-- Booked standby (001) and, for an on-call report, on-call windows (003)
	-- open the calendar: the 31 days after receipt.
	SELECT array_agg(w.s ORDER BY w.s, w.e), array_agg(w.e ORDER BY w.s, w.e) INTO v_ws, v_we
	FROM account_open_windows(t.account_id, t.received_at, t.received_at + interval '31 days',
		t.channel = 'oncall') w;
	SELECT d.reaction_due, d.resolution_due INTO reaction_due, resolution_due
	FROM sdesk.dues(c.plan_code, t.category, t.channel, t.received_at, v_from, v_to, contract_overrides(c),
		v_ws, v_we) d;
END
$function$;

ALTER FUNCTION public.ticket_dues(ticket) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ticket_dues(ticket) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
