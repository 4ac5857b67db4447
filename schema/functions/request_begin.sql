-- schema/functions/request_begin.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The signature gained p_content (issue 10): the old one goes first, as every
-- function file does when its parameters change.
DROP FUNCTION IF EXISTS public.request_begin(uuid, text);

-- Claims an idempotency key for an action and its content (the facts the
-- caller states, as a JSON array: doc/data-model.md, "Idempotency"). NULL:
-- the key is new, do the work. Otherwise the stored result of the earlier call
-- with this key, when it was the same login with the same action and
-- content; another login's key is refused (SQLSTATE SDK02), and so is other
-- content under the same key (SDK01): a new entry needs a new key.
CREATE OR REPLACE FUNCTION public.request_begin(p_key uuid, p_action text, p_content jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v request;
	v_md5 text := md5(p_action || ' ' || coalesce(p_content, 'null'::jsonb)::text);
BEGIN
	IF p_key IS NULL THEN
		RAISE EXCEPTION '%: an idempotency key is required', p_action
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- Waits for a concurrent call with the same key to finish.
	INSERT INTO request (key, action, content_md5) VALUES (p_key, p_action, v_md5)
	ON CONFLICT (key) DO NOTHING;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	SELECT * INTO v FROM request WHERE key = p_key;
	IF v.created_by <> session_user THEN
		RAISE EXCEPTION 'idempotency key % belongs to an entry of %, not of %: a new entry needs a new key',
			p_key, v.created_by, session_user
			USING ERRCODE = 'SDK02';
	END IF;
	IF v.action <> p_action THEN
		RAISE EXCEPTION 'idempotency key % was already used for %, not %: a new entry needs a new key',
			p_key, v.action, p_action
			USING ERRCODE = 'SDK01';
	END IF;
	-- Rows written before migration 14 have no content to compare.
	IF v.content_md5 IS NOT NULL AND v.content_md5 <> v_md5 THEN
		RAISE EXCEPTION 'idempotency key % was already used for % with other content: a new entry needs a new key',
			p_key, v.action
			USING ERRCODE = 'SDK01', DETAIL = format('now: %s', p_content);
	END IF;
	RETURN coalesce(v.result, '{}'::jsonb);
END
$function$;

ALTER FUNCTION public.request_begin(uuid, text, jsonb) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.request_begin(uuid, text, jsonb) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
