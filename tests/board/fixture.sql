-- Extra board state on top of tests/screen/fixture.sql, through the action
-- functions: an escalated ticket, an incident and a maintenance window.
\set ON_ERROR_STOP 1
SELECT set_escalation(gen_random_uuid(), 10001, 2::smallint, false, 'Schätzung zweimal verfehlt');
SELECT create_incident(gen_random_uuid(), 'Telefonanlage ausgefallen', 'Hotline nicht erreichbar',
	sdesk_now() - interval '25 minutes', sdesk_now() + interval '2 hours');
SELECT create_maintenance(gen_random_uuid(), 'Wartung Mailserver', 'all',
	sdesk_now() + interval '3 days', sdesk_now() + interval '3 days 4 hours', sdesk_now());
