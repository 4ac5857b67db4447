-- schema/functions/create_team.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.create_team(p_key uuid, p_name text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_team',
		jsonb_build_array(p_name));
	r team;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	INSERT INTO team (name) VALUES (p_name) RETURNING * INTO r;
	PERFORM record_change('team', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.create_team(uuid, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.create_team(uuid, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.create_team(uuid, text) TO sdesk_admin;
