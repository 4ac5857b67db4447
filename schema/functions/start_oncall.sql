-- schema/functions/start_oncall.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- On-call work (003) starts for a customer's contract, or on a ticket (the
-- contract is then the ticket's; NULL contract: take it from the ticket). A
-- ticket has at most one running on-call work.
CREATE OR REPLACE FUNCTION public.start_oncall(p_key uuid, p_contract bigint, p_ticket bigint, p_started_at timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'start_oncall',
		jsonb_build_array(p_contract, p_ticket, extract(epoch FROM p_started_at)));
	a agent;
	c contract;
	t ticket;
	r oncall_work;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	a := current_agent();
	p_started_at := fact_instant(p_started_at, 'the start of on-call work');
	IF p_ticket IS NOT NULL THEN
		SELECT * INTO t FROM ticket WHERE id = p_ticket FOR UPDATE;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'no ticket %', p_ticket USING ERRCODE = 'foreign_key_violation';
		END IF;
		IF p_contract IS NOT NULL AND p_contract <> t.contract_id THEN
			RAISE EXCEPTION 'ticket % belongs to contract %, not %', t.ref, t.contract_id, p_contract
				USING ERRCODE = 'check_violation';
		END IF;
		SELECT * INTO r FROM oncall_work WHERE ticket_id = t.id AND ended_at IS NULL LIMIT 1;
		IF FOUND THEN
			RAISE EXCEPTION 'on-call work % on % runs since %, started by %', r.id, t.ref, r.started_at, r.agent
				USING ERRCODE = 'check_violation';
		END IF;
	END IF;
	SELECT * INTO c FROM contract WHERE id = coalesce(p_contract, t.contract_id);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no contract %', p_contract USING ERRCODE = 'foreign_key_violation';
	END IF;
	INSERT INTO oncall_work (account_id, contract_id, ticket_id, agent, started_at)
	VALUES (c.account_id, c.id, p_ticket, a.login, p_started_at) RETURNING * INTO r;
	PERFORM record_change('oncall', r.id::text, p_ticket, 'start', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.start_oncall(uuid, bigint, bigint, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.start_oncall(uuid, bigint, bigint, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.start_oncall(uuid, bigint, bigint, timestamp with time zone) TO sdesk_ops;
