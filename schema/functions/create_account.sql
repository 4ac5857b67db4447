-- schema/functions/create_account.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.create_account(p_key uuid, p_code text, p_name text, p_activated_on date)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_account',
		jsonb_build_array(p_code, p_name, p_activated_on));
	r account;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	INSERT INTO account (code, name, activated_on, created_by)
	VALUES (p_code, p_name, p_activated_on, session_user) RETURNING * INTO r;
	PERFORM record_change('account', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.create_account(uuid, text, text, date) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.create_account(uuid, text, text, date) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.create_account(uuid, text, text, date) TO sdesk_admin;
