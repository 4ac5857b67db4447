-- schema/functions/end_oncall.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.end_oncall(p_key uuid, p_work bigint, p_ended_at timestamp with time zone, p_report text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'end_oncall',
		jsonb_build_array(p_work, extract(epoch FROM p_ended_at), p_report));
	o oncall_work;
	r oncall_work;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	p_ended_at := fact_instant(p_ended_at, 'the end of on-call work');
	SELECT * INTO o FROM oncall_work WHERE id = p_work FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no on-call work %', p_work USING ERRCODE = 'no_data_found';
	END IF;
	PERFORM oncall_owner_or_lead(o, 'the end');
	IF o.ended_at IS NOT NULL THEN
		RAISE EXCEPTION 'on-call work % ended at %', o.id, o.ended_at USING ERRCODE = 'check_violation';
	END IF;
	IF p_ended_at < o.started_at THEN
		RAISE EXCEPTION 'on-call work % started at %, it cannot end at %', o.id, o.started_at, p_ended_at
			USING ERRCODE = 'check_violation';
	END IF;
	-- p_report: notes for the report; it counts as sent only by send_oncall_report.
	UPDATE oncall_work SET ended_at = p_ended_at, report = coalesce(p_report, report),
		report_due = oncall_report_due((SELECT plan_code FROM contract WHERE id = o.contract_id),
			p_ended_at)
	WHERE id = o.id RETURNING * INTO r;
	PERFORM record_change('oncall', o.id::text, o.ticket_id, 'end', to_jsonb(o), to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$function$;

ALTER FUNCTION public.end_oncall(uuid, bigint, timestamp with time zone, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.end_oncall(uuid, bigint, timestamp with time zone, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.end_oncall(uuid, bigint, timestamp with time zone, text) TO sdesk_ops;
