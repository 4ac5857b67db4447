-- schema/functions/set_team_calendar.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- An admin names a team's staffed-hours calendar (NULL: plans.cfg's
-- staffed_calendar).
CREATE OR REPLACE FUNCTION public.set_team_calendar(p_key uuid, p_team bigint, p_calendar text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'set_team_calendar', jsonb_build_array(p_team, p_calendar));
	o team;
	r team;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	SELECT * INTO o FROM team WHERE id = p_team FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no team %', p_team USING ERRCODE = 'foreign_key_violation';
	END IF;
	UPDATE team SET staffed_calendar = nullif(btrim(p_calendar), '') WHERE id = p_team RETURNING * INTO r;
	PERFORM record_change('team', r.id::text, NULL, 'set_calendar', to_jsonb(o), to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.set_team_calendar(uuid, bigint, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.set_team_calendar(uuid, bigint, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.set_team_calendar(uuid, bigint, text) TO sdesk_admin;
