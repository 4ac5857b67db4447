-- schema/functions/create_contact.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.create_contact(p_key uuid, p_account bigint, p_name text, p_role text, p_email text, p_phone text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_contact',
		jsonb_build_array(p_account, p_name, p_role, p_email, p_phone));
	r contact;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	INSERT INTO contact (account_id, name, role, email, phone)
	VALUES (p_account, p_name, p_role, p_email, p_phone) RETURNING * INTO r;
	PERFORM record_change('contact', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.create_contact(uuid, bigint, text, text, text, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.create_contact(uuid, bigint, text, text, text, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.create_contact(uuid, bigint, text, text, text, text) TO sdesk_admin;
