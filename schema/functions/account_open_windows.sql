-- schema/functions/account_open_windows.sql: applied by `sdesk db migrate` whenever it changes
-- (doc/hacking.md, "Schema changes"). Self-contained and idempotent.

-- The extra open time of an account between lo and hi: its booked standby
-- windows (001) and, for an on-call report, its on-call windows (003),
-- one-off or standing (expanded day by day in the window's zone). The
-- database's due instants (ticket_dues) and the console's preview read it.
CREATE OR REPLACE FUNCTION public.account_open_windows(p_account bigint, p_lo timestamptz, p_hi timestamptz, p_oncall boolean, OUT s timestamptz, OUT e timestamptz)
 RETURNS SETOF record
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
	SELECT x.s, x.e FROM (
		SELECT b.starts_at AS s, b.ends_at AS e FROM standby_booking b
		WHERE b.account_id = p_account AND b.ends_at > p_lo AND b.starts_at < p_hi
		UNION ALL
		SELECT w.starts_at, w.ends_at FROM oncall_window w
		WHERE p_oncall AND w.account_id = p_account AND w.starts_at IS NOT NULL
		  AND w.ends_at > p_lo AND w.starts_at < p_hi
		UNION ALL
		SELECT (d + w.from_minute * interval '1 minute') AT TIME ZONE w.zone,
			(d + (w.to_minute + CASE WHEN w.to_minute <= w.from_minute THEN 1440 ELSE 0 END)
			 * interval '1 minute') AT TIME ZONE w.zone
		FROM oncall_window w CROSS JOIN LATERAL generate_series(
			(p_lo AT TIME ZONE w.zone)::date - 1, (p_hi AT TIME ZONE w.zone)::date, interval '1 day') d
		WHERE p_oncall AND w.account_id = p_account AND w.weekdays IS NOT NULL
		  AND (w.weekdays >> (extract(isodow FROM d)::int - 1)) & 1 = 1
		  AND (w.valid_from IS NULL OR d::date >= w.valid_from)
		  AND (w.valid_to IS NULL OR d::date <= w.valid_to)
	) x WHERE x.e > p_lo AND x.s < p_hi ORDER BY 1, 2
$function$;

ALTER FUNCTION public.account_open_windows(bigint, timestamp with time zone, timestamp with time zone, boolean) OWNER TO sdesk_owner;
REVOKE ALL ON FUNCTION public.account_open_windows(bigint, timestamp with time zone, timestamp with time zone, boolean) FROM PUBLIC, sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
GRANT EXECUTE ON FUNCTION public.account_open_windows(bigint, timestamp with time zone, timestamp with time zone, boolean) TO sdesk_agent;
