/* Typed C wrappers for the action functions of schema/0002_functions.sql: one
 * function per SQL action, every value a bound parameter. The console,
 * `sdesk log`, `sdesk plans load` and the demo all write through these.
 *
 * Common contract (every act_* function):
 * - returns 0 on success, -1 on failure with db_last_error(db) set (SQLSTATE,
 *   message); nothing is written on failure (each call is one statement).
 * - key: the idempotency key, a 36-character UUID (db_new_key). Keep it and
 *   pass it again to retry a write whose outcome is unknown (lost
 *   connection): the database applies a key once and returns the first
 *   call's result. NULL: the wrapper makes a fresh key (no safe retry).
 * - the person recorded is the database session_user: call as the agent.
 * - instants are Unix seconds (UTC); ACT_NO_TIME passes SQL NULL (for most
 *   actions: "now" or "keep the old value", as the SQL function says).
 * - dates are "YYYY-MM-DD" strings; strings may be NULL for SQL NULL where
 *   the SQL function allows it.
 * - *id (when the pointer is not NULL) receives the id the function returns
 *   (ticket id for ticket actions, else the new row's id). */
#ifndef SDESK_DB_ACTIONS_H
#define SDESK_DB_ACTIONS_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define ACT_NO_TIME INT64_MIN

/* ---- catalogue (sdesk plans load; admins; no idempotency key: upserts) --- */

/* The id of the catalogue whose source text hashes to hash (hex, 8..128
 * digits), registering source if new. */
int act_register_catalogue(struct db *db, const char *hash, const char *source, int64_t *id);
/* Inserts or updates a calendar; definition is a JSON object (text). */
int act_upsert_calendar(struct db *db, int64_t catalogue, const char *code, const char *title,
	const char *time_zone, const char *definition);
/* Inserts or updates (and re-activates) a plan; vat_bp in basis points. */
int act_upsert_plan(struct db *db, int64_t catalogue, const char *code, const char *title,
	const char *provider, int vat_bp, const char *definition);
/* Marks active plans not in catalogue inactive; *count = how many. */
int act_retire_plans(struct db *db, int64_t catalogue, int *count);

/* ---- admin ------------------------------------------------------------- */

int act_create_account(struct db *db, const char *key, const char *code, const char *name,
	const char *activated_on, int64_t *id);
/* overrides: JSON object text (doc/data-model.md, "Contract overrides"), NULL = {}. */
int act_create_contract(struct db *db, const char *key, int64_t account, const char *plan,
	const char *valid_from, const char *valid_to, const char *overrides, int64_t *id);
/* role: "key_user" or "end_user". */
int act_create_contact(struct db *db, const char *key, int64_t account, const char *name,
	const char *role, const char *email, const char *phone, int64_t *id);
int act_create_team(struct db *db, const char *key, const char *name, int64_t *id);
/* The agent row for an existing login role. team <= 0: none. */
int act_create_agent(struct db *db, const char *key, const char *login, const char *display_name,
	int tier, int64_t team, int is_lead);

/* ---- tickets (the caller must be an active agent) ----------------------- */

/* received ACT_NO_TIME = now; dues ACT_NO_TIME = no guarantee. */
int act_create_ticket(struct db *db, const char *key, int64_t account, int64_t contract,
	int64_t contact, const char *channel, const char *category, const char *subject,
	const char *description, int64_t received, int64_t reaction_due, int64_t resolution_due,
	int64_t *id);
int act_take_ticket(struct db *db, const char *key, int64_t ticket);
/* agent NULL: unassign. */
int act_assign_ticket(struct db *db, const char *key, int64_t ticket, const char *agent);
int act_set_tier(struct db *db, const char *key, int64_t ticket, int tier, const char *reason);
/* category NULL keeps it; estimate_due / resolution_due ACT_NO_TIME: none / keep. */
int act_first_contact(struct db *db, const char *key, int64_t ticket, int64_t at,
	const char *category, int64_t estimate_due, int64_t resolution_due);
int act_extend_estimate(struct db *db, const char *key, int64_t ticket, int64_t new_due,
	const char *reason);
/* Leads only. level 0..3. */
int act_set_escalation(struct db *db, const char *key, int64_t ticket, int level, int extended,
	const char *reason);
int act_pause_ticket(struct db *db, const char *key, int64_t ticket, int64_t at, const char *reason);
int act_resume_ticket(struct db *db, const char *key, int64_t ticket, int64_t at,
	int64_t reaction_due, int64_t resolution_due);
/* told_via: email, phone, ticket, chat, letter or meeting. */
int act_mark_managed_service(struct db *db, const char *key, int64_t ticket, int64_t told_at,
	const char *told_via);
/* kind: bug, feature or other; *id = the link's id. */
int act_link_dev_ticket(struct db *db, const char *key, int64_t ticket, const char *tracker,
	const char *ref, const char *kind, const char *url, int64_t *id);
int act_resolve_ticket(struct db *db, const char *key, int64_t ticket, int64_t at, const char *note);
int act_reopen_ticket(struct db *db, const char *key, int64_t ticket, const char *reason,
	int64_t resolution_due);
int act_close_ticket(struct db *db, const char *key, int64_t ticket, int64_t at);
/* Admins: dues recomputed by the engine; ACT_NO_TIME stores NULL. */
int act_set_ticket_dues(struct db *db, const char *key, int64_t ticket, int64_t reaction_due,
	int64_t resolution_due);

/* ---- incidents, maintenance (ops) --------------------------------------- */

int act_create_incident(struct db *db, const char *key, const char *title, const char *description,
	int64_t started_at, int64_t expected_fix_at, int64_t *id);
/* Counts as first contact of every linked ticket that has none. */
int act_broadcast_incident(struct db *db, const char *key, int64_t incident, const char *body,
	int64_t expected_fix_at, int64_t sent_at, int64_t *id);
int act_resolve_incident(struct db *db, const char *key, int64_t incident, int64_t at);
int act_link_incident(struct db *db, const char *key, int64_t ticket, int64_t incident);
/* scope NULL = "all". */
int act_create_maintenance(struct db *db, const char *key, const char *title, const char *scope,
	int64_t starts_at, int64_t ends_at, int64_t announced_at, int64_t *id);

/* ---- standby, on-call --------------------------------------------------- */

/* earliest_start: first instant allowed without a lead's override reason. */
int act_book_standby(struct db *db, const char *key, int64_t contract, int64_t starts_at,
	int64_t ends_at, int64_t rate_cents, int64_t earliest_start, const char *override_reason,
	int64_t *id);
/* ticket <= 0: none. */
int act_start_oncall(struct db *db, const char *key, int64_t contract, int64_t ticket,
	int64_t started_at, int64_t *id);
/* item: server_reachable, resources, logs_saved, hung_processes,
 * controlled_restart, customer_feedback or report. */
int act_check_oncall_item(struct db *db, const char *key, int64_t work, const char *item,
	const char *note);
int act_end_oncall(struct db *db, const char *key, int64_t work, int64_t ended_at, const char *report);

/* ---- calls, time, ledger ------------------------------------------------ */

/* One ledger row a call or time entry draws (from the billing engine):
 * kind "consumption" or "overage", pool (NULL = "phone"), unit "minutes" or
 * "points", amount <= 0, money_cents >= 0 for overage. */
struct act_ledger_row {
	const char *kind;
	const char *pool;
	const char *unit;
	int amount;
	int64_t money_cents;
};

/* kind: phone, hotline or callback; tariff_window required for hotline. */
int act_log_call(struct db *db, const char *key, int64_t ticket, int64_t started_at, int duration_s,
	const char *kind, const char *tariff_window, int64_t price_cents,
	const struct act_ledger_row *ledger, size_t nledger, int64_t *id);
/* minutes a positive multiple of 15; kind: support, managed_service,
 * technical, user_support, oncall or standby. */
int act_log_time(struct db *db, const char *key, int64_t ticket, int64_t started_at, int minutes,
	const char *kind, int rush, int64_t rate_cents, int64_t amount_cents, const char *note,
	const struct act_ledger_row *ledger, size_t nledger, int64_t *id);
/* kind: monthly_allowance (period = first of the month), activation_credit,
 * points_package (leads only). A second allowance/activation for the same
 * contract and pool returns the existing row's id. */
int act_ledger_credit(struct db *db, const char *key, int64_t contract, const char *kind,
	const char *pool, const char *unit, int amount, int64_t money_cents, const char *period,
	const char *reason, int64_t *id);
/* Leads only; reason required. */
int act_ledger_correction(struct db *db, const char *key, int64_t contract, const char *pool,
	const char *unit, int amount, int64_t money_cents, const char *reason, int64_t *id);

/* The ledger rows as the JSON array ledger_draw expects; caller frees. */
char *act_ledger_json(const struct act_ledger_row *rows, size_t n);

#endif
