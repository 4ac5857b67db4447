-- Scale data (make bench-scale, doc/admin.md "Sizing"): :tickets tickets,
-- :open of them open, with their history, calls, time entries and ledger,
-- on a freshly migrated database with the shipped plans loaded. Written in SQL from generate_series (no
-- client round trips), with triggers and foreign-key checks off
-- (session_replication_role = replica: the rows keep their historic
-- timestamps) and the secondary indexes dropped during the load and built
-- again after it.
--   - 1 big account BIG (support-level-2, phone minutes): 5,000 tickets a
--     month for :months months up to last month, each with a call and its
--     ledger row (the statement of a 5,000-ticket month);
--   - 2,000 other accounts on convento / invitario-gold (categories of
--     their plans: a change recomputes the dues with the engine); their closed
--     tickets spread over :months months, every third with a call, every
--     fifth with a time entry;
--   - every closed ticket has two history rows (create, resolve);
--   - :open open tickets due from 2 hours ago to 14 days ahead, 300 agents.
\set ON_ERROR_STOP 1
SET session_replication_role = replica;
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';
SET work_mem = '64MB';

-- The plans come from `sdesk plans load` (the shipped catalogue), run before.
INSERT INTO team (name) VALUES ('Scale');
INSERT INTO agent (login, display_name, team_id)
SELECT 'scale' || g, 'Scale Agent ' || g, (SELECT id FROM team WHERE name = 'Scale')
FROM generate_series(1, 300) g;
-- The bench's own login: a lead (its changes escalate), its consoles' agent.
INSERT INTO agent (login, display_name, team_id, is_lead) VALUES (session_user, 'Bench Lead', NULL, true)
ON CONFLICT (login) DO UPDATE SET is_lead = true;
INSERT INTO account (code, name, activated_on)
SELECT CASE WHEN g = 0 THEN 'BIG' ELSE 'ACC' || g END, 'Kunde ' || g, date '2019-01-07'
FROM generate_series(0, 2000) g;
INSERT INTO contract (account_id, plan_code, valid_from)
SELECT a.id, CASE WHEN a.code = 'BIG' THEN 'support-level-2' WHEN a.id % 2 = 0 THEN 'convento'
	ELSE 'invitario-gold' END, date '2019-01-01'
FROM account a WHERE a.code = 'BIG' OR a.code LIKE 'ACC%';

-- Drop the secondary indexes of the big tables; rebuilt below.
CREATE TEMP TABLE scale_index AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relname IN ('ticket', 'history', 'call', 'time_entry', 'budget_ledger', 'request')
	AND NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
DO $$
DECLARE r record;
BEGIN
	FOR r IN SELECT name FROM scale_index LOOP
		EXECUTE 'DROP INDEX ' || r.name;
	END LOOP;
END $$;

SELECT id AS big_acc, (SELECT id FROM contract WHERE account_id = account.id) AS big_con
FROM account WHERE code = 'BIG' \gset
SELECT least(5000 * :months, (:tickets - :open) / 2) AS nbig, :tickets - :open AS nclosed \gset
SELECT :nclosed - :nbig AS nrest \gset

-- BIG: ticket g (1..nbig) in month g / 5000 before this one, every 8 minutes.
INSERT INTO ticket (account_id, contract_id, channel, category, subject, status, received_at,
	first_contact_at, first_contact_kind, reaction_due, resolution_due, resolved_at, closed_at, assignee,
	created_at, updated_at)
SELECT :big_acc, :big_con, 'phone', 'question', 'Anruf ' || g, 'closed', r, r + interval '20 minutes',
	'contact', r + interval '24 hours', r + interval '5 days', r + interval '2 hours',
	r + interval '3 days', 'scale' || (1 + g % 300), r, r + interval '3 days'
FROM generate_series(0, :nbig - 1) g,
	LATERAL (SELECT date_trunc('month', now() AT TIME ZONE 'Europe/Berlin') AT TIME ZONE 'Europe/Berlin'
		- (1 + g / 5000) * interval '1 month' + (g % 5000) * interval '8 minutes' + interval '1 hour' AS r) x;
-- The rest: spread over :months months before today, 95 % of the clocks met.
INSERT INTO ticket (account_id, contract_id, channel, category, subject, status, received_at,
	first_contact_at, first_contact_kind, reaction_due, resolution_due, resolved_at, closed_at, assignee,
	created_at, updated_at)
SELECT c.account_id, c.id, 'email', CASE WHEN c.plan_code = 'convento' THEN 'minor' ELSE 'light' END,
	'Anfrage ' || g, 'closed', r,
	r + interval '30 minutes' * (1 + (g % 40 = 0)::int * 100), 'contact', r + interval '4 hours',
	r + interval '3 days', r + interval '1 day' * (1 + (g % 20 = 0)::int * 5), r + interval '7 days',
	'scale' || (1 + g % 300), r, r + interval '7 days'
FROM generate_series(1, :nrest) g
	JOIN contract c ON c.account_id = 2 + g % 2000,
	LATERAL (SELECT now() - interval '8 days'
		- (g::bigint * 43200 * :months / greatest(:nrest, 1)) * interval '1 minute' AS r) x;
-- Open tickets: due from 2 hours ago to 14 days ahead.
INSERT INTO ticket (account_id, contract_id, channel, category, subject, status, received_at,
	reaction_due, resolution_due, assignee)
SELECT c.account_id, c.id, 'ticket', CASE WHEN c.plan_code = 'convento' THEN 'essential' ELSE 'severe' END,
	'Offen ' || g, 'open', now() - interval '3 hours',
	now() - interval '2 hours' + (g % 20160) * interval '1 minute' + interval '11 minutes',
	now() + interval '14 days', 'scale' || (1 + g % 300)
FROM generate_series(1, :open) g JOIN contract c ON c.account_id = 2 + g % 2000;
SELECT setval('ticket_number', (SELECT max(id) FROM ticket));

-- History: create and resolve of every closed ticket, create of open ones.
INSERT INTO history (at, who, entity, entity_id, ticket_id, action, old, new)
SELECT t.received_at, 'scale1', 'ticket', t.id::text, t.id, 'create', NULL, '{"status": "new"}'
FROM ticket t;
INSERT INTO history (at, who, entity, entity_id, ticket_id, action, old, new)
SELECT t.resolved_at, t.assignee, 'ticket', t.id::text, t.id, 'resolve', '{"status": "open"}',
	'{"status": "resolved"}'
FROM ticket t WHERE t.resolved_at IS NOT NULL;

-- Calls: every BIG ticket (5 to 24 minutes), every third other closed one.
INSERT INTO call (ticket_id, account_id, agent, started_at, duration_s, kind, price_cents, created_at)
SELECT t.id, t.account_id, t.assignee, t.received_at + interval '10 minutes', 300 + (t.id % 20) * 60, 'phone',
	0, t.received_at + interval '30 minutes'
FROM ticket t WHERE t.status = 'closed' AND (t.account_id = :big_acc OR t.id % 3 = 0);
-- The ledger of BIG's calls: every call consumes its minutes.
INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, money_cents, source_call_id,
	created_by, created_at)
SELECT c.account_id, :big_con, 'consumption', 'phone', 'minutes', -((c.duration_s + 59) / 60), 0, c.id,
	c.agent, c.created_at
FROM call c WHERE c.account_id = :big_acc;
INSERT INTO budget_ledger (account_id, contract_id, kind, pool, unit, amount, period, created_by, created_at)
SELECT :big_acc, :big_con, 'monthly_allowance', 'phone', 'minutes', 30, m::date, 'scale1', m
FROM generate_series(date_trunc('month', now()) - :months * interval '1 month', date_trunc('month', now()),
	interval '1 month') m;
-- Time entries: every fifth closed ticket of the other accounts.
INSERT INTO time_entry (ticket_id, account_id, agent, started_at, minutes, kind, note, created_at)
SELECT t.id, t.account_id, t.assignee, t.received_at + interval '1 hour', 15 * (1 + t.id % 4), 'support',
	'Analyse', t.received_at + interval '2 hours'
FROM ticket t WHERE t.status = 'closed' AND t.account_id <> :big_acc AND t.id % 5 = 0;

RESET session_replication_role;
-- The trigger that keeps ledger_month was off (replica): the months are
-- built from the ledger by the trigger's own rule.
SELECT ledger_month_rebuild();
DO $$
DECLARE r record;
BEGIN
	FOR r IN SELECT def FROM scale_index LOOP
		EXECUTE r.def;
	END LOOP;
END $$;
VACUUM ANALYZE;
