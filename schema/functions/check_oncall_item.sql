-- schema/functions/check_oncall_item.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.check_oncall_item(p_key uuid, p_work bigint, p_item text, p_note text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'check_oncall_item',
		jsonb_build_array(p_work, p_item, p_note));
	w oncall_work;
	r oncall_check;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	SELECT * INTO w FROM oncall_work WHERE id = p_work FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no on-call work %', p_work USING ERRCODE = 'no_data_found';
	END IF;
	PERFORM oncall_owner_or_lead(w, 'the checklist');
	INSERT INTO oncall_check (work_id, item, note, done_by) VALUES (w.id, p_item, p_note, session_user)
	RETURNING * INTO r;
	PERFORM record_change('oncall', w.id::text, w.ticket_id, 'check', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', w.id));
	RETURN w.id;
END
$function$;

ALTER FUNCTION public.check_oncall_item(uuid, bigint, text, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.check_oncall_item(uuid, bigint, text, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.check_oncall_item(uuid, bigint, text, text) TO sdesk_ops;
