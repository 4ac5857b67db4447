-- schema/functions/mail_plan_category.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The category of a mailed ticket: p_wanted when the plan has it, else the
-- plan's least severe one (an agent classifies at first contact; doc/mail.md).
CREATE OR REPLACE FUNCTION public.mail_plan_category(p_plan text, p_wanted text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
	SELECT coalesce(
		(SELECT c ->> 'name' FROM plan p, jsonb_array_elements(p.definition -> 'categories') c
		 WHERE p.code = p_plan AND c ->> 'name' = p_wanted),
		(SELECT c ->> 'name' FROM plan p, jsonb_array_elements(p.definition -> 'categories') c
		 WHERE p.code = p_plan ORDER BY (c ->> 'severity')::integer DESC NULLS LAST, c ->> 'name' LIMIT 1))
$$;

ALTER FUNCTION public.mail_plan_category(text, text) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.mail_plan_category(text, text) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin, sdesk_mailgate;
