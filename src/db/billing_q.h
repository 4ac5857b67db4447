/* Queries of the billing commands (sdesk log, sdesk statement): a ticket's
 * contract and plan, its ledger as engine movements, and the writes through
 * the schema's log_call / log_time / ledger_credit functions. All through the
 * gateway (db/db.h); every value is a bound parameter.
 *
 * Ledger pools in the database (budget_ledger.pool) and the engine's pools:
 *   "phone"      monthly free minutes (allowance, consumption) and, with kind
 *                overage, the billed minutes       -> BILL_POOL_FREE / BILLED
 *   "activation" the one-off activation credit     -> BILL_POOL_CREDIT
 *   KIND name    points of that kind ("technical") -> BILL_POOL_POINTS
 * A movement's month is its period (allowances), the account's activation
 * date (activation credit), its effective_on date (packages and corrections
 * booked through ledger_package / ledger_adjust), else the local date
 * (sdesk_local_date) of the call or time entry that drew it, else of the row. */
#ifndef SDESK_DB_BILLING_Q_H
#define SDESK_DB_BILLING_Q_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "engine/billing.h"

#define BQ_POOL_FREE "phone"
#define BQ_POOL_CREDIT "activation"

struct bq_ticket {
	int64_t id;
	int64_t contract_id;
	int64_t account_id;
	char plan[72];        /* plan code */
	char account[40];     /* account code */
	sd_time received_at;
	int activated;        /* account.activated_on is set */
	int activation_month; /* bill_month of activated_on, when activated */
};

/* Looks up ticket id. 0 ok, -1 with db_last_error (DB_NOT_FOUND when there is
 * no such ticket). */
int bq_ticket(struct db *db, int64_t id, struct bq_ticket *out);

/* Starts a transaction and takes the contract's advisory lock, so that concurrent bookings
 * on one contract compute their splits one after another. 0 ok, -1 error (the
 * transaction is rolled back). End with bq_end(db, 1 = commit / 0 = rollback). */
int bq_begin_locked(struct db *db, int64_t contract_id);
int bq_end(struct db *db, int commit);

/* The contract's ledger as engine movements; *moves is malloc'ed (free it).
 * 0 ok, -1 database error (db_last_error), -2 a row the plan cannot hold (a
 * points pool it does not have, an unknown kind). */
int bq_moves(struct db *db, int64_t contract_id, const struct sla_budget *b, struct bill_move **moves, size_t *n);

/* Books a credit through ledger_credit (idempotent per contract, pool and
 * month for allowances). month < 0: no period. 0 ok, -1 error. */
int bq_credit(struct db *db, int64_t contract_id, const char *kind, const char *pool, const char *unit,
	      int64_t amount, int64_t cents, int month);

/* log_call / log_time with the movements the engine computed (consumption
 * and overage only). Return the new row's id, or -1 with db_last_error. */
int64_t bq_log_call(struct db *db, int64_t ticket, sd_time started, int64_t seconds, const char *kind,
		    const char *window, int64_t price_cents, const struct sla_budget *b, const struct bill_move *mv,
		    size_t n);
int64_t bq_log_time(struct db *db, int64_t ticket, sd_time started, int64_t minutes, const char *kind, int rush,
		    int64_t rate_cents, int64_t amount_cents, const char *note, const struct sla_budget *b,
		    const struct bill_move *mv, size_t n);

/* ---- statements (sdesk statement) -------------------------------------- */

struct bq_account {
	int64_t id;
	char code[40];
	char name[208];
	int activated;
	char activated_on[12]; /* "YYYY-MM-DD" when activated */
	int activation_month;  /* bill_month of activated_on, when activated */
};
/* Looks up an account by code. 0 ok, -1 with db_last_error (kind DB_OK when
 * there is no such account). */
int bq_account(struct db *db, const char *code, struct bq_account *out);

struct bq_contract {
	int64_t id;
	char plan[72];
	char valid_from[12];  /* "YYYY-MM-DD" */
	char valid_to[12];    /* "" when open-ended */
};
/* The account's contracts that run on at least one day of `month`
 * (bill_month), ordered by id; *out is malloc'ed (free it). 0 ok, -1 error. */
int bq_contracts(struct db *db, int64_t account_id, int month, struct bq_contract **out, size_t *n);
/* The contract of account `account_id` on plan `plan` that runs on local
 * date `day` ("YYYY-MM-DD", NULL = today), the newest if several. 0 ok,
 * -1 with db_last_error (kind DB_OK when there is none). */
int bq_contract_on(struct db *db, int64_t account_id, const char *plan, const char *day, struct bq_contract *out);

/* One request (ticket) of a statement: received in the month or worked on
 * in it (a call or time entry that started in the month, local time). The
 * sums count only the month's calls and time entries. */
struct bq_request {
	int64_t ticket;
	char category[36];
	char subject[504];
	sd_time received;
	sd_time first_contact;  /* BQ_TIME_NONE (INT64_MIN) when none yet */
	sd_time resolved;       /* BQ_TIME_NONE when not resolved */
	int64_t calls, call_minutes, call_cents;     /* started minutes, price */
	int64_t entries, time_minutes, time_cents;   /* booked minutes, amount */
	int64_t free_used, credit_used, billed_minutes, points_used;
};
#define BQ_TIME_NONE INT64_MIN
/* The requests of contract_id for `month`, by receipt; *out malloc'ed. */
int bq_requests(struct db *db, int64_t contract_id, int month, struct bq_request **out, size_t *n);

/* A billable line of a statement. */
enum bq_line_src { BQ_LINE_CALL, BQ_LINE_TIME, BQ_LINE_PACKAGE, BQ_LINE_CORRECTION, BQ_LINE_STANDBY };
struct bq_line {
	enum bq_line_src src;
	char date[12];        /* local "YYYY-MM-DD" */
	int64_t ticket;       /* 0: none */
	char kind[40];        /* call kind, time kind, points pool, correction pool, standby "" */
	char detail[200];     /* tariff window, "rush", correction reason, standby "HH:MM-HH:MM" */
	int64_t quantity;     /* minutes (call, time), points (package, correction), hours (standby) */
	int64_t quantity2;    /* call: overage minutes; time: points drawn; else 0 */
	int64_t rate_cents;   /* per hour (time, standby), else 0 */
	int64_t net_cents;
};
/* The billable lines of contract_id in `month` (calls and time entries with
 * a price, points packages and corrections with money, standby bookings),
 * by date; *out malloc'ed. Monthly fees come from the plan, not from here. */
int bq_lines(struct db *db, int64_t contract_id, int month, struct bq_line **out, size_t *n);

/* ---- packages, corrections, standby (sdesk budget, sdesk standby) ------ */

/* A points package through ledger_package (leads only): points > 0 of the
 * points account `pool`, price cents, effective on local date `on`
 * ("YYYY-MM-DD", NULL = today), note may be NULL. *id = the ledger row.
 * 0 ok, -1 with db_last_error. */
int bq_package(struct db *db, int64_t contract_id, const char *pool, int64_t points, int64_t cents, const char *on,
	       const char *note, int64_t *id);
/* A lead's correction through ledger_adjust: signed amount in unit
 * ("minutes" or "points") of pool, signed money, a reason (required). */
int bq_adjust(struct db *db, int64_t contract_id, const char *pool, const char *unit, int64_t amount, int64_t cents,
	      const char *on, const char *reason, int64_t *id);

struct bq_standby {
	int64_t id;
	char plan[72];
	sd_time starts, ends;
	int64_t rate_cents;
	char reason[200];   /* the override reason, "" when booked in time */
	char booked_by[64];
};
/* The account's standby bookings ending after `from`, by start; *out
 * malloc'ed. These windows are open time of the account's calendar. */
int bq_standby_list(struct db *db, int64_t account_id, sd_time from, struct bq_standby **out, size_t *n);

/* ---- one booking, as the console does it -------------------------------- */

struct bq_booked {
	int64_t id;          /* the call or time entry; 0 on a dry run */
	char text[320];      /* the split or price, as `sdesk log` prints it */
	char warning[240];   /* "" or why the agent should look twice */
};
/* Books a call of `seconds` on ticket tk at `at` (month = its bill_month):
 * locks the contract, reads the ledger, writes the month's allowance and the
 * activation credit on first use, splits (phone) or prices (hotline: the
 * plan's hotline_cal / hotline_holidays) and writes log_call with `key`
 * (a 36-character UUID kept across retries, NULL = fresh), all in one
 * transaction. dry_run: computes out->text and rolls back. Returns 0, -1
 * database error (db_last_error), -2 the plan cannot price it (text in
 * out->warning). */
int bq_book_call(struct db *db, const struct sla_plan *plan, const struct bq_ticket *tk, int month, sd_time at,
		 int64_t seconds, int hotline, int dry_run, const char *key, struct bq_booked *out);
/* Books a time entry of `minutes` (> 0) of kind support, managed_service
 * (rush decided on rush_cal against `requested`, BQ_TIME_NONE = the ticket's
 * receipt), technical or user_support (points); note may be NULL. Same
 * contract as bq_book_call. */
int bq_book_time(struct db *db, const struct sla_plan *plan, const struct calendar *rush_cal,
		 const struct bq_ticket *tk, int month, sd_time at, sd_time requested, int64_t minutes,
		 const char *kind, const char *note, int dry_run, const char *key, struct bq_booked *out);

/* ---- bookings through the local journal (db/journal.h) ----------------- */

struct journal;
struct journal_entry;

/* Appends a booking request (book_call / book_time) with key to the journal,
 * fsync'ed, without sending it. hotline: 1 = hotline, 0 = phone. requested
 * BQ_TIME_NONE = the ticket's receipt; note, calendar may be NULL (calendar:
 * the rush calendar of managed_service, NULL = "invitario"). 0, or -1 with
 * err set (nothing was added). */
int bq_journal_call(struct journal *j, const char *key, int64_t ticket, sd_time at, int64_t seconds, int hotline,
		    char *err, size_t errlen);
int bq_journal_time(struct journal *j, const char *key, int64_t ticket, sd_time at, sd_time requested,
		    int64_t minutes, const char *kind, const char *note, const char *calendar, char *err,
		    size_t errlen);

/* The journal's booker (journal_set_booker(j, bq_journal_book, &bj)): reads
 * the ticket, finds its plan in bj->cat and books the entry through
 * bq_book_call / bq_book_time with the entry's key and instant, the split
 * computed from the ledger as it is when sent. bj->last receives the
 * booking (text, warning, id) of the last call. Returns as journal_book_fn. */
struct bq_journal {
	const struct sla_catalogue *cat;
	struct bq_booked last;
};
int bq_journal_book(void *bj, struct db *db, const struct journal_entry *e, int64_t *id, char *msg, size_t msglen);

#endif
