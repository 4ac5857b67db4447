/* On-call work (seed 003) as the console's checklist screen and `sdesk
 * oncall` read it: a work with its ticket, customer, on-call window, times,
 * the report's clock and the ticked checklist items. Writes are actions
 * (db/actions.def: start_oncall, check_oncall_item, end_oncall,
 * send_oncall_report). doc/sla.md, "On-call work and its report". */
#ifndef SDESK_DB_ONCALL_Q_H
#define SDESK_DB_ONCALL_Q_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define ONCALL_NO_TIME INT64_MIN

/* The checklist of 003, in its order: X(code as stored, what it means). The
 * last item, report, is ticked by send_oncall_report. */
#include "base/i18n.h"

/* The texts are English msgids (N_): show them with _(). */
#define ONCALL_ITEMS(X) \
	X(server_reachable,   N_("server reachable checked, the hoster told if needed")) \
	X(resources,          N_("resources checked (disk, memory), old log files removed if needed")) \
	X(logs_saved,         N_("logs of application, web server, application server, database saved and read")) \
	X(hung_processes,     N_("hung processes checked, ended by hand if needed")) \
	X(controlled_restart, N_("controlled restart of web, application and database server")) \
	X(customer_feedback,  N_("direct feedback to the customer on the measures taken")) \
	X(report,             N_("detailed report to the customer on the next working day"))

enum oncall_item {
#define ONCALL_X(code, text) ONCALL_##code,
	ONCALL_ITEMS(ONCALL_X)
#undef ONCALL_X
	ONCALL_NITEMS
};

const char *oncall_item_code(enum oncall_item i);
const char *oncall_item_text(enum oncall_item i);
/* The item with that code, or -1. */
int oncall_item_by_code(const char *code);

/* One item: ticked when done_at != ONCALL_NO_TIME. Strings owned, never NULL. */
struct oncall_tick {
	char *note, *done_by;
	int64_t done_at;
};

/* One on-call work. Strings owned, never NULL ("" when absent). Instants are
 * Unix seconds, ONCALL_NO_TIME when NULL. */
struct oncall_work {
	int64_t id, ticket_id, contract_id;
	char *ref, *subject, *category, *channel; /* the ticket's ("" without one) */
	char *account_code, *customer, *plan;
	char *agent, *agent_name;
	char *report;                  /* notes / the report's text */
	int64_t received;              /* the ticket's receipt */
	int64_t window_from, window_to; /* the on-call window covering the receipt (or the start) */
	int64_t started, ended, report_due, reported;
	struct oncall_tick ticks[ONCALL_NITEMS];
};

/* Loads work `id` (by_ticket 0) or the on-call work of ticket `id` (by_ticket
 * 1: the running one, else the latest). Returns 0, 1 when there is none, -1
 * on a database error (db_last_error). w is overwritten (free it with
 * oncall_work_free, also after 1). */
int oncall_q_load(struct db *db, int64_t id, int by_ticket, struct oncall_work *w);
void oncall_work_free(struct oncall_work *w);

/* The report's state at `now`: "running" (work not ended), "sent" (met),
 * "sent late" (missed), "due" (ended, not sent, before report_due),
 * "BREACHED" (not sent after report_due) or "no target". */
const char *oncall_report_state(const struct oncall_work *w, int64_t now);

#endif
