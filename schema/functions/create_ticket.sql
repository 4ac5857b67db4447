-- schema/functions/create_ticket.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Opens a ticket. The contact must be a key user of the account (end users go
-- through a key user, 000) and the contract must run on the day it arrives.
DROP FUNCTION IF EXISTS public.create_ticket(uuid, bigint, bigint, bigint, text, text, text, text, timestamp with time zone, timestamp with time zone, timestamp with time zone);
CREATE OR REPLACE FUNCTION public.create_ticket(p_key uuid, p_account bigint, p_contract bigint, p_contact bigint, p_channel text, p_category text, p_subject text, p_description text, p_received_at timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_ticket',
		jsonb_build_array(p_account, p_contract, p_contact, p_channel, p_category, p_subject,
			p_description, extract(epoch FROM p_received_at)));
	v_received timestamptz := coalesce(p_received_at, sdesk_now());
	c contract;
	k contact;
	t ticket;
	d record;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO c FROM contract WHERE id = p_contract AND account_id = p_account;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'contract % does not belong to account %', p_contract, p_account
			USING ERRCODE = 'foreign_key_violation';
	END IF;
	IF sdesk_local_date(v_received) < c.valid_from
	   OR (c.valid_to IS NOT NULL AND sdesk_local_date(v_received) > c.valid_to) THEN
		RAISE EXCEPTION 'contract % does not run on %: support is only owed from % to %', p_contract,
			sdesk_local_date(v_received), c.valid_from, coalesce(c.valid_to::text, 'open end')
			USING ERRCODE = 'check_violation';
	END IF;
	SELECT * INTO k FROM contact WHERE id = p_contact AND account_id = p_account AND active;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'contact % is not an active contact of account %', p_contact, p_account
			USING ERRCODE = 'foreign_key_violation';
	END IF;
	IF k.role <> 'key_user' THEN
		RAISE EXCEPTION 'end user "%" may not open tickets: a key user of the account must report it', k.name
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_received_at > sdesk_now() + interval '5 minutes' THEN
		RAISE EXCEPTION 'a ticket cannot be received in the future (%)', p_received_at
			USING ERRCODE = 'check_violation';
	END IF;
	-- The dues are the engine's (ticket_dues): the row is built first, then
	-- asked for its dues, then stored.
	t.account_id := p_account;
	t.contract_id := c.id;
	t.channel := p_channel;
	t.category := p_category;
	t.received_at := v_received;
	d := ticket_dues(t);
	INSERT INTO ticket (account_id, contract_id, contact_id, channel, category, subject, description,
		received_at, reaction_due, resolution_due, created_by)
	VALUES (p_account, p_contract, p_contact, p_channel, p_category, p_subject,
		coalesce(p_description, ''), v_received, d.reaction_due, d.resolution_due, session_user)
	RETURNING * INTO t;
	PERFORM record_change('ticket', t.id::text, t.id, 'create', NULL, to_jsonb(t) - 'updated_at');
	PERFORM request_finish(p_key, jsonb_build_object('id', t.id));
	RETURN t.id;
END
$function$;

ALTER FUNCTION public.create_ticket(uuid, bigint, bigint, bigint, text, text, text, text, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.create_ticket(uuid, bigint, bigint, bigint, text, text, text, text, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.create_ticket(uuid, bigint, bigint, bigint, text, text, text, text, timestamp with time zone) TO sdesk_agent;
