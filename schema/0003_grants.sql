-- sdesk schema, migration 3: grants for the group roles.
-- Interim model: the action functions run with the caller's rights, so the
-- groups hold the table rights those functions need (never DELETE; ledger and
-- history stay append-only through their triggers). Once the functions become
-- SECURITY DEFINER, the table rights below INSERT/UPDATE can be revoked and
-- EXECUTE alone remains.

GRANT sdesk_agent TO sdesk_lead;
GRANT sdesk_agent TO sdesk_ops;
GRANT sdesk_lead TO sdesk_admin;
GRANT sdesk_ops TO sdesk_admin;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO sdesk_agent, sdesk_admin;

-- Everyone reads everything (queues, board, statements).
GRANT SELECT ON ALL TABLES IN SCHEMA public TO sdesk_agent;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO sdesk_agent;

GRANT INSERT ON ticket, ticket_estimate, ticket_pause, dev_link, ticket_incident, call,
	time_entry, budget_ledger, history, request, standby_booking, oncall_work, oncall_check,
	incident, broadcast, maintenance_window TO sdesk_agent;
GRANT UPDATE ON ticket, ticket_pause, request, incident, oncall_work TO sdesk_agent;
GRANT INSERT, UPDATE ON account, contract, contact, team, agent, plan, calendar, plan_catalogue
	TO sdesk_admin;

-- Helpers the action functions call.
GRANT EXECUTE ON FUNCTION sdesk_local_date(timestamptz), jsonb_changed(jsonb, jsonb),
	request_begin(uuid, text), request_finish(uuid, jsonb), current_agent(), require_lead(text),
	require_text(text, text), record_change(text, text, bigint, text, jsonb, jsonb),
	ticket_lock(bigint), ticket_save(ticket, ticket, text, uuid),
	ticket_broadcast_contact(bigint, timestamptz), ledger_draw(bigint, jsonb, bigint, bigint),
	stamp_history(), stamp_ledger(), refuse_change()
	TO sdesk_agent;

-- Agents work tickets and log calls and time.
GRANT EXECUTE ON FUNCTION
	create_ticket(uuid, bigint, bigint, bigint, text, text, text, text, timestamptz, timestamptz, timestamptz),
	take_ticket(uuid, bigint), assign_ticket(uuid, bigint, text),
	set_tier(uuid, bigint, smallint, text),
	first_contact(uuid, bigint, timestamptz, text, timestamptz, timestamptz),
	extend_estimate(uuid, bigint, timestamptz, text),
	pause_ticket(uuid, bigint, timestamptz, text),
	resume_ticket(uuid, bigint, timestamptz, timestamptz, timestamptz),
	mark_managed_service(uuid, bigint, timestamptz, text),
	link_dev_ticket(uuid, bigint, text, text, text, text),
	link_incident(uuid, bigint, bigint),
	resolve_ticket(uuid, bigint, timestamptz, text),
	reopen_ticket(uuid, bigint, text, timestamptz),
	close_ticket(uuid, bigint, timestamptz),
	log_call(uuid, bigint, timestamptz, integer, text, text, bigint, jsonb),
	log_time(uuid, bigint, timestamptz, integer, text, boolean, bigint, bigint, text, jsonb),
	ledger_credit(uuid, bigint, text, text, text, integer, bigint, date, text),
	book_standby(uuid, bigint, timestamptz, timestamptz, bigint, timestamptz, text)
	TO sdesk_agent;

-- Leads: escalation level 3 / extended, corrections (the functions also check is_lead).
GRANT EXECUTE ON FUNCTION
	set_escalation(uuid, bigint, smallint, boolean, text),
	ledger_correction(uuid, bigint, text, text, integer, bigint, text)
	TO sdesk_lead;

-- Ops: incidents, broadcasts, maintenance, on-call work (003).
GRANT EXECUTE ON FUNCTION
	create_incident(uuid, text, text, timestamptz, timestamptz),
	broadcast_incident(uuid, bigint, text, timestamptz, timestamptz),
	resolve_incident(uuid, bigint, timestamptz),
	create_maintenance(uuid, text, text, timestamptz, timestamptz, timestamptz),
	start_oncall(uuid, bigint, bigint, timestamptz),
	check_oncall_item(uuid, bigint, text, text),
	end_oncall(uuid, bigint, timestamptz, text)
	TO sdesk_ops;

-- Admins: accounts, contracts, people, the plan catalogue, recomputed dues.
GRANT EXECUTE ON FUNCTION
	create_account(uuid, text, text, date),
	create_contract(uuid, bigint, text, date, date, jsonb),
	create_contact(uuid, bigint, text, text, text, text),
	create_team(uuid, text),
	create_agent(uuid, text, text, smallint, bigint, boolean),
	register_catalogue(text, text),
	upsert_calendar(bigint, text, text, text, jsonb),
	upsert_plan(bigint, text, text, text, integer, jsonb),
	retire_plans(bigint),
	set_ticket_dues(uuid, bigint, timestamptz, timestamptz)
	TO sdesk_admin;
