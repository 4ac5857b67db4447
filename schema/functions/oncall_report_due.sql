-- schema/functions/oncall_report_due.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- When the detailed report of on-call work that ended at p_ended is due (003:
-- "am folgenden Werktag"): the end of business of the first working day
-- after the local day the work ended, on the provider's service calendar of
-- plan p_plan: the calendar of its first target (plan-wide, else the first
-- category's), as the rush rule chooses its support hours (engine/booking.c).
-- seitenbau-oncall: Mon-Fri 09:00-17:00 without Baden-Wuerttemberg's
-- holidays, so work ended on Saturday is reported by Monday 17:00. Only the
-- engine's business-time functions are used: the next opening after that
-- local midnight, then the open time left in that day added to it (a sum
-- that ends at a close is that close). NULL: the plan names no calendar.
CREATE OR REPLACE FUNCTION public.oncall_report_due(p_plan text, p_ended timestamp with time zone)
 RETURNS timestamp with time zone
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
DECLARE
	v_def jsonb;
	v_cal text;
	v_tz text;
	v_open timestamptz;
	v_day date;
	v_left bigint;
BEGIN
	IF p_ended IS NULL THEN
		RETURN NULL;
	END IF;
	SELECT definition INTO v_def FROM plan WHERE code = p_plan;
	v_cal := coalesce(v_def -> 'targets' -> 0 ->> 'calendar',
		(SELECT c -> 'targets' -> 0 ->> 'calendar'
		 FROM jsonb_array_elements(coalesce(v_def -> 'categories', '[]')) WITH ORDINALITY AS x(c, n)
		 WHERE c -> 'targets' -> 0 ->> 'calendar' IS NOT NULL ORDER BY n LIMIT 1));
	SELECT k.time_zone INTO v_tz FROM sdesk.calendars() k WHERE k.calendar = v_cal;
	IF v_tz IS NULL THEN
		RETURN NULL;
	END IF;
	v_day := (p_ended AT TIME ZONE v_tz)::date;
	v_open := sdesk.business_add(v_cal, (v_day + 1)::timestamp AT TIME ZONE v_tz, interval '0');
	v_day := (v_open AT TIME ZONE v_tz)::date;
	v_left := sdesk.business_between(v_cal, v_open, (v_day + 1)::timestamp AT TIME ZONE v_tz);
	RETURN sdesk.business_add(v_cal, v_open, make_interval(mins => v_left::int));
END
$function$;

ALTER FUNCTION public.oncall_report_due(text, timestamp with time zone) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.oncall_report_due(text, timestamp with time zone) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
