-- schema/functions/create_contract.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.create_contract(p_key uuid, p_account bigint, p_plan text, p_valid_from date, p_valid_to date, p_overrides jsonb)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_contract',
		jsonb_build_array(p_account, p_plan, p_valid_from, p_valid_to, p_overrides));
	r contract;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	INSERT INTO contract (account_id, plan_code, valid_from, valid_to, overrides, created_by)
	VALUES (p_account, p_plan, p_valid_from, p_valid_to, coalesce(p_overrides, '{}'), session_user)
	RETURNING * INTO r;
	PERFORM record_change('contract', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.create_contract(uuid, bigint, text, date, date, jsonb) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.create_contract(uuid, bigint, text, date, date, jsonb) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.create_contract(uuid, bigint, text, date, date, jsonb) TO sdesk_admin;
