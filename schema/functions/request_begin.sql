-- schema/functions/request_begin.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- Claims an idempotency key. NULL: the key is new, do the work. Otherwise the
-- stored result of the earlier call with this key.
CREATE OR REPLACE FUNCTION public.request_begin(p_key uuid, p_action text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v request;
BEGIN
	IF p_key IS NULL THEN
		RAISE EXCEPTION '%: an idempotency key is required', p_action
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- Waits for a concurrent call with the same key to finish.
	INSERT INTO request (key, action) VALUES (p_key, p_action) ON CONFLICT (key) DO NOTHING;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	SELECT * INTO v FROM request WHERE key = p_key;
	IF v.action <> p_action THEN
		RAISE EXCEPTION 'idempotency key % was already used for %', p_key, v.action
			USING ERRCODE = 'unique_violation';
	END IF;
	RETURN coalesce(v.result, '{}'::jsonb);
END
$function$;

ALTER FUNCTION public.request_begin(uuid, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.request_begin(uuid, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
