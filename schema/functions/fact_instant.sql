-- schema/functions/fact_instant.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- An instant a client sends as a fact (when on-call work started, an item was
-- done, the work ended, the report was sent): NULL means now (sdesk_now(),
-- so a pinned test clock counts). It may lie in the past (the local journal
-- sends entries typed offline later), but not more than 5 minutes in the
-- future: a report "sent" tomorrow cannot make a late report look on time.
CREATE OR REPLACE FUNCTION public.fact_instant(p_at timestamp with time zone, p_what text)
 RETURNS timestamp with time zone
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_now timestamptz := sdesk_now();
BEGIN
	IF p_at > v_now + interval '5 minutes' THEN
		RAISE EXCEPTION '% cannot lie in the future (% is after now, %)', p_what, p_at, v_now
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN coalesce(p_at, v_now);
END
$function$;

ALTER FUNCTION public.fact_instant(timestamp with time zone, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.fact_instant(timestamp with time zone, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
