# schema: ordered migrations (tables, indexes, roles, triggers; frozen once
# applied anywhere) and one file per function (re-applied by `sdesk db
# migrate` whenever it changes). Both are embedded into the binary at build
# time (src/db/embed-schema.sh). List migrations in order; numbers may leave
# gaps for migrations reserved on other branches. See doc/hacking.md.
SCHEMA_MIGRATIONS = \
	schema/0001_core.sql \
	schema/0002_functions.sql \
	schema/0003_grants.sql \
	schema/0004_board.sql \
	schema/0005_billing.sql \
	schema/0006_security.sql \
	schema/0007_credit_guard.sql \
	schema/0008_login_roles.sql \
	schema/0009_lead_takeover.sql \
	schema/0010_engine.sql \
	schema/0011_clock.sql \
	schema/0012_mail.sql \
	schema/0013_scale.sql \
	schema/0014_owner_request_content.sql \
	schema/0015_facts.sql \
	schema/0016_ticket_clock.sql \
	schema/0017_mail_owner.sql \
	schema/0018_conversation.sql \
	schema/0020_oncall_report.sql \
	schema/0024_clock_pin.sql \
	schema/0025_ledger_month.sql \
	schema/0026_board_waiting.sql
SCHEMA_FUNCTIONS = \
	schema/functions/account_open_windows.sql \
	schema/functions/add_oncall_window.sql \
	schema/functions/announce_maintenance.sql \
	schema/functions/assign_ticket.sql \
	schema/functions/book_call.sql \
	schema/functions/book_standby.sql \
	schema/functions/book_time.sql \
	schema/functions/booking_credits.sql \
	schema/functions/booking_ticket.sql \
	schema/functions/broadcast_incident.sql \
	schema/functions/check_oncall_item.sql \
	schema/functions/close_ticket.sql \
	schema/functions/contract_overrides.sql \
	schema/functions/create_account.sql \
	schema/functions/create_agent.sql \
	schema/functions/create_contact.sql \
	schema/functions/create_contract.sql \
	schema/functions/create_incident.sql \
	schema/functions/create_maintenance.sql \
	schema/functions/create_team.sql \
	schema/functions/create_ticket.sql \
	schema/functions/current_agent.sql \
	schema/functions/end_oncall.sql \
	schema/functions/extend_estimate.sql \
	schema/functions/first_contact.sql \
	schema/functions/jsonb_changed.sql \
	schema/functions/ledger_adjust.sql \
	schema/functions/ledger_correction.sql \
	schema/functions/ledger_credit.sql \
	schema/functions/ledger_month_add.sql \
	schema/functions/ledger_month_rebuild.sql \
	schema/functions/ledger_package.sql \
	schema/functions/ledger_pool_check.sql \
	schema/functions/link_dev_ticket.sql \
	schema/functions/link_incident.sql \
	schema/functions/lock_plan_tickets.sql \
	schema/functions/mail_attach.sql \
	schema/functions/mail_plan_category.sql \
	schema/functions/mail_receive.sql \
	schema/functions/mail_reply_id.sql \
	schema/functions/mail_sanitize.sql \
	schema/functions/mark_managed_service.sql \
	schema/functions/notice_incident.sql \
	schema/functions/fact_instant.sql \
	schema/functions/oncall_owner_or_lead.sql \
	schema/functions/oncall_report_due.sql \
	schema/functions/outbox_claim.sql \
	schema/functions/outbox_done.sql \
	schema/functions/pause_ticket.sql \
	schema/functions/post_note.sql \
	schema/functions/post_reply.sql \
	schema/functions/recompute_dues.sql \
	schema/functions/record_change.sql \
	schema/functions/refuse_change.sql \
	schema/functions/register_catalogue.sql \
	schema/functions/reopen_ticket.sql \
	schema/functions/request_begin.sql \
	schema/functions/request_finish.sql \
	schema/functions/request_result.sql \
	schema/functions/require_lead.sql \
	schema/functions/require_text.sql \
	schema/functions/resolve_incident.sql \
	schema/functions/resolve_ticket.sql \
	schema/functions/resume_ticket.sql \
	schema/functions/retire_plans.sql \
	schema/functions/send_oncall_report.sql \
	schema/functions/sdesk_local_date.sql \
	schema/functions/sdesk_now.sql \
	schema/functions/set_escalation.sql \
	schema/functions/set_mail_queue.sql \
	schema/functions/set_team_calendar.sql \
	schema/functions/set_tier.sql \
	schema/functions/stamp_history.sql \
	schema/functions/stamp_ledger.sql \
	schema/functions/start_oncall.sql \
	schema/functions/take_ticket.sql \
	schema/functions/ticket_broadcast_contact.sql \
	schema/functions/ticket_dues.sql \
	schema/functions/ticket_lock.sql \
	schema/functions/ticket_save.sql \
	schema/functions/triage_assign.sql \
	schema/functions/triage_dismiss.sql \
	schema/functions/triage_open_ticket.sql \
	schema/functions/upsert_calendar.sql \
	schema/functions/upsert_plan.sql
dist_schema_DATA += $(SCHEMA_MIGRATIONS) schema/current.sql
schemafunctionsdir = $(schemadir)/functions
dist_schemafunctions_DATA = $(SCHEMA_FUNCTIONS)

# Embedded into libdb.a so a binary always carries the schema it was built with.
BUILT_SOURCES = schema-embed.c
CLEANFILES += schema-embed.c
schema-embed.c: $(SCHEMA_MIGRATIONS) $(SCHEMA_FUNCTIONS) $(top_srcdir)/src/db/embed-schema.sh
	$(AM_V_GEN)$(SHELL) $(top_srcdir)/src/db/embed-schema.sh $(top_srcdir) \
		$(SCHEMA_MIGRATIONS) -- $(SCHEMA_FUNCTIONS) >$@.tmp && mv $@.tmp $@

# make schema-current: regenerates schema/current.sql (the schema of a freshly
# migrated database, committed; tests/db/schema-current.sh fails when it is
# stale). Uses a throwaway cluster (tests/with-pg) unless run under one.
EXTRA_DIST += schema/current.sh
schema-current: sdesk$(EXEEXT)
	@if [ -n "$$SDESK_PGCTL" ]; then run=; else run=$(top_srcdir)/tests/with-pg; fi; \
	$$run $(SHELL) $(top_srcdir)/schema/current.sh ./sdesk$(EXEEXT) >$(top_srcdir)/schema/current.sql.tmp \
	&& mv $(top_srcdir)/schema/current.sql.tmp $(top_srcdir)/schema/current.sql \
	&& echo "wrote $(top_srcdir)/schema/current.sql"
.PHONY: schema-current
