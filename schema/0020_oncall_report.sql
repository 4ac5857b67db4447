-- sdesk schema, migration 20: the on-call report is a clock of its own (003:
-- "Detaillierterer Bericht an den Auftraggeber am folgenden Werktag").
-- end_oncall stores report_due (oncall_report_due: the end of the next
-- working day of the plan's service calendar after the day the work ended);
-- send_oncall_report stores reported_at, when the report was sent. Until
-- then the board shows it; after report_due it is breached. doc/sla.md,
-- "On-call work and its report".
ALTER TABLE oncall_work ADD COLUMN report_due timestamptz;
CREATE INDEX oncall_work_report_open ON oncall_work (report_due)
	WHERE ended_at IS NOT NULL AND reported_at IS NULL;
CREATE INDEX oncall_work_ticket ON oncall_work (ticket_id, started_at);
