-- sdesk schema, migration 16: the database judges a ticket as every client
-- does (issue "One clock, one state"): the view ticket_clock applies THE
-- state function (sdesk.ticket_state, engine/clock.h) to every open ticket
-- at sdesk_now() - the pinned instant of the session, else now().
CREATE VIEW ticket_clock AS
SELECT t.id AS ticket_id, t.ref, t.status, s.state, s.relevant, s.due, s.left_minutes, s.overdue_seconds,
	s.reaction_state, s.resolution_state, s.estimate_state
FROM ticket t
JOIN contract c ON c.id = t.contract_id
LEFT JOIN agent g ON g.login = t.assignee
LEFT JOIN team m ON m.id = g.team_id
CROSS JOIN LATERAL sdesk.ticket_state(t.received_at, t.reaction_due, t.resolution_due, t.estimate_due,
	t.first_contact_at, t.resolved_at,
	CASE WHEN t.status = 'waiting' THEN coalesce(t.paused_since, t.received_at) END,
	c.plan_code, t.category, m.staffed_calendar, sdesk_now()) s
WHERE t.status IN ('new', 'open', 'waiting');
GRANT SELECT ON ticket_clock TO sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;
