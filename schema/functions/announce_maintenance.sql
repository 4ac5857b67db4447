-- schema/functions/announce_maintenance.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Queues the announcement of a maintenance window to every contact with an
-- e-mail address of the accounts whose contract runs on its first day and
-- whose plan it concerns (scope 'all', a provider or a plan code), once per
-- contact, and sets announced_at. Returns the number of mails queued now.
CREATE OR REPLACE FUNCTION public.announce_maintenance(p_window bigint, p_queue text, p_subject text, p_body text)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	w maintenance_window;
	n integer;
BEGIN
	PERFORM current_agent();
	IF NOT (pg_has_role(session_user, 'sdesk_ops', 'MEMBER') OR pg_has_role(session_user, 'sdesk_lead', 'MEMBER')) THEN
		RAISE EXCEPTION 'announcing maintenance: only ops or a team lead may do this'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT * INTO w FROM maintenance_window x WHERE x.id = p_window FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no maintenance window %', p_window USING ERRCODE = 'no_data_found';
	END IF;
	IF w.starts_at <= sdesk_now() THEN
		RAISE EXCEPTION 'maintenance window % has started: too late to announce', p_window
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO mail_outbox (kind, window_id, contact_id, queue, to_address, subject, body, message_id)
	SELECT DISTINCT ON (k.id) 'announcement', w.id, k.id, p_queue, lower(k.email), mail_sanitize(p_subject, 400),
		p_body, mail_reply_id(p_queue, 'm' || w.id, k.id::text)
	FROM contact k JOIN contract c ON c.account_id = k.account_id JOIN plan p ON p.code = c.plan_code
	WHERE k.active AND k.email IS NOT NULL
	  AND c.valid_from <= sdesk_local_date(w.starts_at)
	  AND (c.valid_to IS NULL OR c.valid_to >= sdesk_local_date(w.starts_at))
	  AND (w.scope = 'all' OR w.scope = p.code OR w.scope = p.provider)
	ORDER BY k.id
	ON CONFLICT (window_id, contact_id) WHERE kind = 'announcement' DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF w.announced_at IS NULL THEN
		UPDATE maintenance_window SET announced_at = now() WHERE id = w.id;
		PERFORM record_change('maintenance_window', w.id::text, NULL, 'announce', jsonb_build_object('announced_at', NULL),
			jsonb_build_object('announced_at', now(), 'mails', n));
	END IF;
	RETURN n;
END
$$;

ALTER FUNCTION public.announce_maintenance(bigint, text, text, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.announce_maintenance(bigint, text, text, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.announce_maintenance(bigint, text, text, text) TO sdesk_agent;
