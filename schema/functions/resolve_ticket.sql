-- schema/functions/resolve_ticket.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.resolve_ticket(p_key uuid, p_ticket bigint, p_at timestamp with time zone, p_note text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'resolve_ticket',
		jsonb_build_array(p_ticket, extract(epoch FROM p_at), p_note));
	v_at timestamptz := coalesce(p_at, sdesk_now());
	o ticket;
	t ticket;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	o := ticket_lock(p_ticket);
	IF o.status NOT IN ('new', 'open', 'waiting') THEN
		RAISE EXCEPTION 'SD-% is already %', o.id, o.status USING ERRCODE = 'check_violation';
	END IF;
	UPDATE ticket_pause SET to_at = greatest(v_at, from_at) WHERE ticket_id = o.id AND to_at IS NULL;
	t := o;
	t.status := 'resolved';
	t.paused_since := NULL;
	t.resolved_at := v_at;
	PERFORM ticket_save(o, t, 'resolve', NULL);
	IF btrim(coalesce(p_note, '')) <> '' THEN
		PERFORM record_change('ticket', o.id::text, o.id, 'note', NULL, jsonb_build_object('note', p_note));
	END IF;
	PERFORM request_finish(p_key, jsonb_build_object('id', o.id));
	RETURN o.id;
END
$function$;

ALTER FUNCTION public.resolve_ticket(uuid, bigint, timestamp with time zone, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.resolve_ticket(uuid, bigint, timestamp with time zone, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.resolve_ticket(uuid, bigint, timestamp with time zone, text) TO sdesk_agent;
