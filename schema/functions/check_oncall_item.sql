-- schema/functions/check_oncall_item.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- An item of the on-call checklist was done at p_done_at (NULL: now), by the
-- agent who started the work (or a lead); the report item is ticked by
-- send_oncall_report. (Before: no p_done_at, the tick's time was now().)
DROP FUNCTION IF EXISTS public.check_oncall_item(uuid, bigint, text, text);
CREATE OR REPLACE FUNCTION public.check_oncall_item(p_key uuid, p_work bigint, p_item text, p_note text, p_done_at timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'check_oncall_item',
		jsonb_build_array(p_work, p_item, p_note, extract(epoch FROM p_done_at)));
	w oncall_work;
	r oncall_check;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	p_done_at := fact_instant(p_done_at, 'a checklist tick');
	SELECT * INTO w FROM oncall_work WHERE id = p_work FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no on-call work %', p_work USING ERRCODE = 'no_data_found';
	END IF;
	PERFORM oncall_owner_or_lead(w, 'the checklist');
	IF p_item = 'report' THEN
		RAISE EXCEPTION 'the report is ticked when it is sent (send_oncall_report, sdesk oncall report --sent)'
			USING ERRCODE = 'check_violation';
	END IF;
	SELECT * INTO r FROM oncall_check WHERE work_id = w.id AND item = p_item;
	IF FOUND THEN
		RAISE EXCEPTION '% of on-call work % was ticked by % at %', p_item, w.id, r.done_by, r.done_at
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_done_at < w.started_at THEN
		RAISE EXCEPTION 'on-call work % started at %: % cannot be done before', w.id, w.started_at, p_item
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO oncall_check (work_id, item, note, done_by, done_at)
	VALUES (w.id, p_item, p_note, session_user, p_done_at)
	RETURNING * INTO r;
	PERFORM record_change('oncall', w.id::text, w.ticket_id, 'check', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', w.id));
	RETURN w.id;
END
$function$;

ALTER FUNCTION public.check_oncall_item(uuid, bigint, text, text, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.check_oncall_item(uuid, bigint, text, text, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.check_oncall_item(uuid, bigint, text, text, timestamp with time zone) TO sdesk_ops;
