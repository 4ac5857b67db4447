-- schema/functions/create_maintenance.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

CREATE OR REPLACE FUNCTION public.create_maintenance(p_key uuid, p_title text, p_scope text, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_announced_at timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'create_maintenance',
		jsonb_build_array(p_title, p_scope, extract(epoch FROM p_starts_at),
			extract(epoch FROM p_ends_at), extract(epoch FROM p_announced_at)));
	r maintenance_window;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM current_agent();
	INSERT INTO maintenance_window (title, scope, starts_at, ends_at, announced_at, created_by)
	VALUES (p_title, coalesce(p_scope, 'all'), p_starts_at, p_ends_at, p_announced_at, session_user)
	RETURNING * INTO r;
	PERFORM record_change('maintenance', r.id::text, NULL, 'create', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.create_maintenance(uuid, text, text, timestamp with time zone, timestamp with time zone, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.create_maintenance(uuid, text, text, timestamp with time zone, timestamp with time zone, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.create_maintenance(uuid, text, text, timestamp with time zone, timestamp with time zone, timestamp with time zone) TO sdesk_ops;
