-- sdesk schema, migration 8: what the groups' own login roles need
-- (doc/security.md, "Who may do what"). Found by running every command as a
-- login of each group instead of the superuser.

-- `sdesk plans load` locked the open tickets of changed plans with SELECT ...
-- FOR UPDATE, which needs UPDATE on ticket, a right no group has. The lock is
-- taken here with the owner's rights, for admins only; the row locks hold
-- until the caller's transaction ends, so the dues it then reads and stores
-- through set_ticket_dues cannot be changed by anyone in between.
CREATE FUNCTION lock_plan_tickets(p_plans text[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	n integer;
BEGIN
	PERFORM 1 FROM ticket t JOIN contract c ON c.id = t.contract_id
	WHERE t.status IN ('new', 'open', 'waiting') AND c.plan_code = ANY (p_plans)
	ORDER BY t.id FOR UPDATE OF t;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;
REVOKE EXECUTE ON FUNCTION lock_plan_tickets(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lock_plan_tickets(text[]) TO sdesk_admin;

-- Tables that later migrations create are readable by the team like the
-- others (0006 granted SELECT on the tables that existed then); write rights
-- are never granted by default.
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO sdesk_agent;
