-- The open tickets' due instants of the scale data (tests/scale/scale-data.sql)
-- again relative to now: from 2 hours ago to 14 days ahead, one a minute.
-- For a database generated earlier (or whose dues `sdesk plans load`
-- recomputed): the board's figures depend on how many are due soon.
-- Written directly, as the generator does (bench data only).
SET session_replication_role = replica;
UPDATE ticket t SET reaction_due = now() - interval '2 hours' + (o.g % 20160) * interval '1 minute'
		+ interval '11 minutes',
	resolution_due = now() + interval '14 days', received_at = now() - interval '3 hours'
FROM (SELECT id, row_number() OVER (ORDER BY id) AS g FROM ticket WHERE status = 'open') o
WHERE t.id = o.id;
RESET session_replication_role;
VACUUM ANALYZE ticket;
