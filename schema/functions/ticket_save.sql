-- schema/functions/ticket_save.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Stores the new state of a ticket whose copy t was changed in PL/pgSQL,
-- with its history row. Returns the ticket id.
CREATE OR REPLACE FUNCTION public.ticket_save(p_old ticket, t ticket, p_action text, p_key uuid)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	d record;
BEGIN
	-- The dues are the engine's, from the facts of the saved row (category,
	-- channel, closed pauses): whatever the caller put there is replaced.
	-- Instants in order (received <= contacted <= resolved <= closed), each
	-- refused with words before a CHECK of the table would be.
	IF t.first_contact_at < t.received_at THEN
		RAISE EXCEPTION 'SD-% was received at %: the first contact cannot be at %', t.id, t.received_at,
			t.first_contact_at USING ERRCODE = 'check_violation';
	END IF;
	IF t.resolved_at < coalesce(t.first_contact_at, t.received_at) THEN
		RAISE EXCEPTION 'SD-% was % at %: it cannot be resolved at %', t.id,
			CASE WHEN t.first_contact_at IS NULL THEN 'received' ELSE 'first contacted' END,
			coalesce(t.first_contact_at, t.received_at), t.resolved_at USING ERRCODE = 'check_violation';
	END IF;
	IF t.closed_at < t.resolved_at THEN
		RAISE EXCEPTION 'SD-% was resolved at %: it cannot be closed at %', t.id, t.resolved_at, t.closed_at
			USING ERRCODE = 'check_violation';
	END IF;
	IF greatest(t.first_contact_at, t.resolved_at, t.closed_at, t.paused_since) > sdesk_now() + interval '5 minutes' THEN
		RAISE EXCEPTION 'SD-%: an instant in the future (%) is not a fact yet', t.id,
			greatest(t.first_contact_at, t.resolved_at, t.closed_at, t.paused_since) USING ERRCODE = 'check_violation';
	END IF;
	IF t.estimate_due > t.received_at + interval '5 years' OR t.estimate_due < t.received_at THEN
		RAISE EXCEPTION 'SD-%: an estimate of % is not between the receipt and five years after it', t.id,
			t.estimate_due USING ERRCODE = 'check_violation';
	END IF;
	d := ticket_dues(t);
	t.reaction_due := d.reaction_due;
	t.resolution_due := d.resolution_due;
	UPDATE ticket SET
		contact_id = t.contact_id, channel = t.channel, category = t.category,
		subject = t.subject, description = t.description, tier = t.tier, status = t.status,
		first_contact_at = t.first_contact_at, first_contact_kind = t.first_contact_kind,
		reaction_due = t.reaction_due, resolution_due = t.resolution_due,
		estimate_due = t.estimate_due, escalation_level = t.escalation_level,
		escalation_extended = t.escalation_extended, paused_since = t.paused_since,
		managed_service = t.managed_service, managed_told_at = t.managed_told_at,
		managed_told_via = t.managed_told_via, assignee = t.assignee,
		resolved_at = t.resolved_at, closed_at = t.closed_at, updated_at = now()
	WHERE id = t.id;
	PERFORM record_change('ticket', t.id::text, t.id, p_action,
		to_jsonb(p_old) - 'updated_at', to_jsonb(t) - 'updated_at');
	IF p_key IS NOT NULL THEN
		PERFORM request_finish(p_key, jsonb_build_object('id', t.id));
	END IF;
	RETURN t.id;
END
$function$;

ALTER FUNCTION public.ticket_save(ticket, ticket, text, uuid) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.ticket_save(ticket, ticket, text, uuid) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
