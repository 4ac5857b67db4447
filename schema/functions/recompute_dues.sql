-- schema/functions/recompute_dues.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Stores the due instants the engine gives an open ticket now (after a new
-- plan catalogue: sdesk plans load). Returns 1 when they moved, 0 when not,
-- -1 when the engine cannot give them (its category, channel or contract
-- targets do not fit the plan any more: the dues are left as they are).
DROP FUNCTION IF EXISTS public.set_ticket_dues(uuid, bigint, timestamp with time zone, timestamp with time zone);
CREATE OR REPLACE FUNCTION public.recompute_dues(p_ticket bigint)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	o ticket;
	d record;
BEGIN
	o := ticket_lock(p_ticket);
	BEGIN
		d := ticket_dues(o);
	EXCEPTION WHEN invalid_parameter_value OR check_violation THEN
		RETURN -1;
	END;
	IF d.reaction_due IS NOT DISTINCT FROM o.reaction_due AND d.resolution_due IS NOT DISTINCT FROM o.resolution_due THEN
		RETURN 0;
	END IF;
	PERFORM ticket_save(o, o, 'recompute_dues', NULL);
	RETURN 1;
END
$function$;

ALTER FUNCTION public.recompute_dues(bigint) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.recompute_dues(bigint) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.recompute_dues(bigint) TO sdesk_admin;
