-- schema/functions/add_oncall_window.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- A lead records an on-call window agreed with the customer (003): one-off
-- (p_starts_at/p_ends_at) or standing (p_weekdays, p_from_minute,
-- p_to_minute, p_valid_from, p_valid_to).
CREATE OR REPLACE FUNCTION public.add_oncall_window(p_key uuid, p_account bigint, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_weekdays integer, p_from_minute integer, p_to_minute integer, p_valid_from date, p_valid_to date, p_note text)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_done jsonb := request_begin(p_key, 'add_oncall_window',
		jsonb_build_array(p_account, extract(epoch FROM p_starts_at), extract(epoch FROM p_ends_at), p_weekdays,
			p_from_minute, p_to_minute, p_valid_from, p_valid_to, p_note));
	r oncall_window;
BEGIN
	IF v_done IS NOT NULL THEN
		RETURN (v_done ->> 'id')::bigint;
	END IF;
	PERFORM require_lead('record an on-call window');
	INSERT INTO oncall_window (account_id, starts_at, ends_at, weekdays, from_minute, to_minute,
		valid_from, valid_to, note)
	VALUES (p_account, p_starts_at, p_ends_at, p_weekdays, p_from_minute, p_to_minute,
		p_valid_from, p_valid_to, p_note)
	RETURNING * INTO r;
	PERFORM record_change('oncall_window', r.id::text, NULL, 'add', NULL, to_jsonb(r));
	PERFORM request_finish(p_key, jsonb_build_object('id', r.id));
	RETURN r.id;
END
$function$;

ALTER FUNCTION public.add_oncall_window(uuid, bigint, timestamp with time zone, timestamp with time zone, integer, integer, integer, date, date, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.add_oncall_window(uuid, bigint, timestamp with time zone, timestamp with time zone, integer, integer, integer, date, date, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.add_oncall_window(uuid, bigint, timestamp with time zone, timestamp with time zone, integer, integer, integer, date, date, text) TO sdesk_lead;
