-- Test fixtures only: due instants that a screen or check test needs at a
-- given distance from now ("breached 30 minutes ago", "due in 6 seconds"),
-- set by the schema owner after create_ticket gave the engine's dues. No
-- person can do this in a real database: ticket dues are the engine's
-- (doc/security.md, "What the database decides"); this function exists only
-- in the tests' throwaway databases.
CREATE OR REPLACE FUNCTION public.test_forge_dues(p_ticket bigint, p_reaction timestamptz, p_resolution timestamptz)
RETURNS bigint LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
	UPDATE ticket SET reaction_due = p_reaction, resolution_due = p_resolution WHERE id = p_ticket;
	SELECT p_ticket;
$$;
GRANT EXECUTE ON FUNCTION public.test_forge_dues(bigint, timestamptz, timestamptz) TO PUBLIC;

-- A test database: the pinned clock (sdesk.now, PGOPTIONS / SDESK_NOW) is
-- honoured (migration 0024; a real desk refuses it).
UPDATE clock_pin SET allowed = true;
