-- schema/functions/lock_plan_tickets.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- `sdesk plans load` locked the open tickets of changed plans with SELECT ...
-- FOR UPDATE, which needs UPDATE on ticket, a right no group has. The lock is
-- taken here with the owner's rights, for admins only; the row locks hold
-- until the caller's transaction ends, so the dues it then reads and stores
-- through set_ticket_dues cannot be changed by anyone in between.
CREATE OR REPLACE FUNCTION public.lock_plan_tickets(p_plans text[])
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	n integer;
BEGIN
	PERFORM 1 FROM ticket t JOIN contract c ON c.id = t.contract_id
	WHERE t.status IN ('new', 'open', 'waiting') AND c.plan_code = ANY (p_plans)
	ORDER BY t.id FOR UPDATE OF t;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$function$;

ALTER FUNCTION public.lock_plan_tickets(text[]) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.lock_plan_tickets(text[]) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.lock_plan_tickets(text[]) TO sdesk_admin;
