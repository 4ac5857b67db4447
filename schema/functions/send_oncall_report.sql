-- schema/functions/send_oncall_report.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The detailed report of ended on-call work was sent to the customer (003:
-- "Detaillierterer Bericht an den Auftraggeber am folgenden Werktag") at
-- p_sent_at (NULL: now), optionally with its text: its clock stops (met when
-- sent by report_due) and the checklist's last item, report, is ticked.
-- The agent who did the work or a lead.
CREATE OR REPLACE FUNCTION public.send_oncall_report(p_key uuid, p_work bigint, p_sent_at timestamp with time zone, p_report text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'send_oncall_report',
		jsonb_build_array(p_work, extract(epoch FROM p_sent_at), p_report));
	o oncall_work;
	r oncall_work;
	k oncall_check;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	p_sent_at := fact_instant(p_sent_at, 'the report''s sending');
	SELECT * INTO o FROM oncall_work WHERE id = p_work FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no on-call work %', p_work USING ERRCODE = 'no_data_found';
	END IF;
	PERFORM oncall_owner_or_lead(o, 'the report');
	IF o.ended_at IS NULL THEN
		RAISE EXCEPTION 'on-call work % still runs: end it first', o.id USING ERRCODE = 'check_violation';
	END IF;
	IF o.reported_at IS NOT NULL THEN
		RAISE EXCEPTION 'the report of on-call work % was sent at %', o.id, o.reported_at
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_sent_at < o.ended_at THEN
		RAISE EXCEPTION 'on-call work % ended at %: its report cannot be sent before', o.id, o.ended_at
			USING ERRCODE = 'check_violation';
	END IF;
	UPDATE oncall_work SET reported_at = p_sent_at, report = coalesce(p_report, report)
	WHERE id = o.id RETURNING * INTO r;
	INSERT INTO oncall_check (work_id, item, note, done_by, done_at)
	VALUES (o.id, 'report', NULL, session_user, r.reported_at) RETURNING * INTO k;
	PERFORM record_change('oncall', o.id::text, o.ticket_id, 'report', to_jsonb(o), to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$function$;

ALTER FUNCTION public.send_oncall_report(uuid, bigint, timestamp with time zone, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.send_oncall_report(uuid, bigint, timestamp with time zone, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.send_oncall_report(uuid, bigint, timestamp with time zone, text) TO sdesk_ops;
