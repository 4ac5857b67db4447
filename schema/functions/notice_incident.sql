-- schema/functions/notice_incident.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Mails an incident's latest broadcast (its text and expected fix) to the
-- contacts of the tickets linked to it, once per broadcast and contact: the
-- affected customers hear what the board shows. Ops and leads. Returns the
-- number of mails queued now.
CREATE OR REPLACE FUNCTION public.notice_incident(p_incident bigint, p_queue text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
	i incident;
	b broadcast;
	n integer;
BEGIN
	PERFORM current_agent();
	IF NOT (pg_has_role(session_user, 'sdesk_ops', 'MEMBER') OR pg_has_role(session_user, 'sdesk_lead', 'MEMBER')) THEN
		RAISE EXCEPTION 'incident notices: only ops or a team lead may do this'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT * INTO i FROM incident x WHERE x.id = p_incident;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no incident %', p_incident USING ERRCODE = 'no_data_found';
	END IF;
	SELECT * INTO b FROM broadcast x WHERE x.incident_id = i.id ORDER BY x.sent_at DESC, x.id DESC LIMIT 1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'incident % has no broadcast yet: publish one first', p_incident
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO mail_outbox (kind, broadcast_id, contact_id, queue, to_address, subject, body, message_id)
	SELECT DISTINCT ON (k.id) 'notice', b.id, k.id, p_queue, lower(k.email),
		mail_sanitize('Störung / Incident: ' || i.title, 400),
		b.body || E'\n' || CASE WHEN b.expected_fix_at IS NULL THEN ''
			ELSE E'\nVoraussichtlich behoben / expected fix: '
				|| to_char(b.expected_fix_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI') || E' (Europe/Berlin)\n' END
		|| E'\nBetroffene Tickets / affected tickets: ' || (SELECT string_agg('SD-' || t2.id, ', ' ORDER BY t2.id)
			FROM ticket_incident l2 JOIN ticket t2 ON t2.id = l2.ticket_id
			WHERE l2.incident_id = i.id AND t2.account_id = k.account_id) || E'\n',
		mail_reply_id(p_queue, 'n' || b.id, k.id::text)
	FROM ticket_incident l JOIN ticket t ON t.id = l.ticket_id JOIN contact k ON k.id = t.contact_id
	WHERE l.incident_id = i.id AND k.active AND k.email IS NOT NULL
	ORDER BY k.id
	ON CONFLICT (broadcast_id, contact_id) WHERE kind = 'notice' DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	PERFORM record_change('incident', i.id::text, NULL, 'mail_notice', NULL,
		jsonb_build_object('broadcast', b.id, 'mails', n));
	RETURN n;
END
$$;

ALTER FUNCTION public.notice_incident(bigint, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.notice_incident(bigint, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.notice_incident(bigint, text) TO sdesk_agent;
