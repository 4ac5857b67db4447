-- schema/functions/record_change.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Writes one history row (old/new reduced to what changed) and notifies.
CREATE OR REPLACE FUNCTION public.record_change(p_entity text, p_entity_id text, p_ticket bigint, p_action text, p_old jsonb, p_new jsonb)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
BEGIN
	INSERT INTO history (who, entity, entity_id, ticket_id, action, old, new)
	VALUES (session_user, p_entity, p_entity_id, p_ticket, p_action,
		CASE WHEN p_old IS NULL THEN NULL ELSE jsonb_changed(p_old, p_new) END,
		CASE WHEN p_old IS NULL THEN p_new ELSE jsonb_changed(p_new, p_old) END);
	PERFORM pg_notify('sdesk_changes',
		CASE WHEN p_ticket IS NOT NULL THEN p_ticket::text ELSE p_entity || ':' || p_entity_id END);
END
$function$;

ALTER FUNCTION public.record_change(text, text, bigint, text, jsonb, jsonb) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.record_change(text, text, bigint, text, jsonb, jsonb) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
