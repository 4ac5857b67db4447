-- A generated set of :n open tickets for tests/clock/agree.sh, on top of
-- tests/screen/fixture.sql (accounts MLG on invitario-gold, BSK on convento).
-- Fixed instants only: facts (received 1 Nov 2026, first contacts, pause
-- starts) before the first pinned instant, as a real database holds them; due
-- instants spread over a year
-- from 20 Nov 2026, so every pinned instant of agree.sh finds tickets breached,
-- at risk and running); every kind of clock: reaction running, contacted
-- with or without an estimate, waiting (paused), escalated; assignees in teams
-- with no calendar (the catalogue's desk), desk, seitenbau (09:00-17:00,
-- de-bw), a name the catalogue lacks (falls back to desk), and unassigned.
-- Written directly (not through the action functions: speed), like
-- tests/board/bench-data.sql.
\set ON_ERROR_STOP 1
INSERT INTO team (name, staffed_calendar) VALUES ('Agree none', NULL), ('Agree desk', 'desk'),
	('Agree sb', 'seitenbau'), ('Agree lost', 'nosuch');
INSERT INTO agent (login, display_name, team_id)
SELECT 'agree_' || m.id, 'Agree ' || m.name, m.id FROM team m WHERE m.name LIKE 'Agree %';
INSERT INTO ticket (account_id, contract_id, channel, category, subject, status, received_at,
	first_contact_at, first_contact_kind, reaction_due, resolution_due, estimate_due, paused_since,
	escalation_level, assignee)
SELECT a.id, c.id, 'ticket',
	CASE WHEN c.plan_code = 'convento' THEN (ARRAY['critical', 'essential', 'minor'])[1 + g % 3]
	     ELSE (ARRAY['critical', 'severe', 'light', 'question'])[1 + g % 4] END,
	'Agree ' || g,
	CASE WHEN g % 7 = 3 THEN 'waiting' WHEN g % 2 = 0 THEN 'open' ELSE 'new' END,
	x.recv,
	CASE WHEN g % 5 = 1 THEN x.recv + (g % 50) * interval '1 hour' END,
	CASE WHEN g % 5 = 1 THEN 'contact' END,
	x.due,
	x.due + (g % 9) * interval '1 day' + (g % 13) * interval '17 minutes',
	CASE WHEN g % 5 = 1 AND g % 10 = 1 THEN x.due + (g % 4) * interval '1 day' END,
	CASE WHEN g % 7 = 3 THEN x.recv + (g % 20) * interval '1 day' + (g % 5) * interval '1 hour' END,
	(g % 11 = 0)::int,
	CASE WHEN g % 5 = 4 THEN NULL
	     ELSE (SELECT 'agree_' || m.id FROM team m WHERE m.name = (ARRAY['Agree none', 'Agree desk',
		'Agree sb', 'Agree lost'])[1 + g % 4]) END
FROM generate_series(1, :n) g
CROSS JOIN LATERAL (SELECT timestamptz '2026-11-01 09:00+01' AS recv,
	-- 20 Nov 2026 + g * 53 minutes (a year over 10,000), so due instants
	-- fall at every hour of the day, nights and weekends included
	greatest(timestamptz '2026-11-20 00:00+01' + g * interval '53 minutes',
		timestamptz '2026-11-01 09:00+01') AS due) x
JOIN account a ON a.code = CASE WHEN g % 2 = 0 THEN 'MLG' ELSE 'BSK' END
JOIN contract c ON c.account_id = a.id AND c.valid_to IS NULL;
ANALYZE ticket;
