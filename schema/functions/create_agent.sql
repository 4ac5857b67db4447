-- schema/functions/create_agent.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The agent row for an existing login role (issue 7 adds creating the role).
CREATE OR REPLACE FUNCTION public.create_agent(p_key uuid, p_login text, p_display_name text, p_tier smallint, p_team bigint, p_is_lead boolean)
 RETURNS text
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_agent',
		jsonb_build_array(p_login, p_display_name, p_tier, p_team, p_is_lead));
	r agent;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN v_done ->> 'login';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND rolcanlogin) THEN
		RAISE EXCEPTION 'agent %: there is no login role of that name', p_login
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	INSERT INTO agent (login, display_name, tier, team_id, is_lead)
	VALUES (p_login, p_display_name, coalesce(p_tier, 1), p_team, coalesce(p_is_lead, false))
	RETURNING * INTO r;
	PERFORM record_change('agent', r.login, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('login', r.login));
	RETURN r.login;
END
$function$;

ALTER FUNCTION public.create_agent(uuid, text, text, smallint, bigint, boolean) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.create_agent(uuid, text, text, smallint, bigint, boolean) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.create_agent(uuid, text, text, smallint, bigint, boolean) TO sdesk_admin;
