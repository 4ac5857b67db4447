-- Bench data for the board: :total tickets, :open of them open, on top of
-- tests/screen/fixture.sql (two accounts and contracts). Written directly in
-- batches of 100,000 (not through the action functions: speed); closed
-- tickets spread over two years, 95 % of their clocks met; open tickets due
-- from 2 hours ago to 14 days ahead, 20 agents.
\set ON_ERROR_STOP 1
INSERT INTO team (name) VALUES ('Bench');
DO $$
BEGIN
	FOR i IN 1..20 LOOP
		EXECUTE format('CREATE ROLE %I LOGIN', 'bench' || i);
		INSERT INTO agent (login, display_name, team_id) VALUES ('bench' || i, 'Bench Agent ' || i,
			(SELECT id FROM team WHERE name = 'Bench'));
	END LOOP;
END $$;
SELECT id AS acc, (SELECT id FROM contract WHERE account_id = account.id LIMIT 1) AS con
	FROM account WHERE code = 'BSK' \gset
-- psql does not substitute inside DO bodies: pass the numbers as settings.
SELECT set_config('bench.closed', (:total - :open)::text, false),
	set_config('bench.acc', :'acc', false), set_config('bench.con', :'con', false);
DO $$
DECLARE
	total int := current_setting('bench.closed')::int;
	acc bigint := current_setting('bench.acc')::bigint;
	con bigint := current_setting('bench.con')::bigint;
	b int;
BEGIN
	FOR b IN 0..(total - 1) / 100000 LOOP
		INSERT INTO ticket (account_id, contract_id, channel, category, subject, status, received_at,
			first_contact_at, first_contact_kind, reaction_due, resolution_due, resolved_at, closed_at,
			assignee)
		SELECT acc, con, 'email', 'minor', 'Bench ' || g, 'closed', r,
			r + interval '30 minutes' * (1 + (g % 40 = 0)::int * 100), 'contact',
			r + interval '4 hours', r + interval '3 days',
			r + interval '1 day' * (1 + (g % 20 = 0)::int * 5), r + interval '7 days',
			'bench' || (1 + g % 20)
		FROM generate_series(b * 100000 + 1, least((b + 1) * 100000, total)) g,
			LATERAL (SELECT now() - interval '8 days' - (g % 730) * interval '1 day'
				- (g % 1440) * interval '1 minute' AS r) x;
	END LOOP;
END $$;
INSERT INTO ticket (account_id, contract_id, channel, category, subject, status, received_at,
	reaction_due, resolution_due, assignee)
SELECT :acc, :con, 'ticket', 'essential', 'Open bench ' || g, 'open', now() - interval '3 hours',
	now() - interval '2 hours' + (g % 20160) * interval '1 minute' * 1.0
		+ interval '11 minutes', now() + interval '14 days', 'bench' || (1 + g % 20)
FROM generate_series(1, :open) g;
VACUUM ANALYZE ticket;
