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

/* The balance `sdesk budget show` prints, also in the console's queue and
 * ticket screen: bill_balance of the moves as of month, plus the activation
 * credit an activated account is owed while the ledger does not hold it yet
 * (it is written by the first booking that needs it). */
enum bill_status bq_balance(const struct sla_budget *b, const struct bill_move *mv, size_t n, int month, int activated,
			    int activation_month, struct bill_balance *out);

/* The ledgers of many contracts in ONE query (the console's queue: not one
 * query per row). bq_ledgers_send sends it (db_send: 0 or -1); when db_poll
 * hands back its result, bq_ledgers_take reads it: one bq_ledger per
 * contract in id order, its moves read as bq_moves reads them under the
 * budget budget_of gives (NULL: bad). Free with bq_ledgers_free. */
struct bq_ledger {
	int64_t contract;
	int activated, activation_month;
	struct bill_move *moves;
	size_t n;
	int bad;               /* no plan, or a row the plan cannot hold */
};
struct db_result;
int bq_ledgers_send(struct db *db, const int64_t *contracts, size_t n);
void bq_ledgers_take(const struct db_result *res, const struct sla_budget *(*budget_of)(void *ctx, int64_t contract),
		     void *ctx, struct bq_ledger **out, size_t *n);
void bq_ledgers_free(struct bq_ledger *l, size_t n);

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
 * points account `pool` (the database prices it), effective on local date `on`
 * ("YYYY-MM-DD", NULL = today), note may be NULL. *id = the ledger row.
 * 0 ok, -1 with db_last_error. */
int bq_package(struct db *db, int64_t contract_id, const char *pool, int64_t points, const char *on,
	       const char *note, int64_t *id);
/* A standby window on contract_id booked at `now`, as the database prices it
 * (sdesk.standby_price at the contract's agreed rate, else the plan's):
 * hours, rate, price, earliest start without override. 0, or -1 with
 * db_last_error (no rate agreed, window too long, ...). */
int bq_standby_preview(struct db *db, int64_t contract_id, sd_time start, sd_time end, sd_time now,
		       struct bill_standby *out, int64_t *rate);
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
	char text[320];      /* the split or price, as the database decided it */
	char warning[240];   /* "" or why the agent should look twice */
};
/* Books a call on ticket tk as it happened: started at `at`, `seconds` long,
 * on the emergency hotline or not. The database decides the split, the
 * tariff and the price (book_call with the engine inside PostgreSQL) and
 * answers with out->text; key: a 36-character UUID kept across retries
 * (NULL = fresh). dry_run: out->text from sdesk.book, nothing written.
 * Returns 0, or -1 with db_last_error (a refusal: its message says why). */
int bq_book_call(struct db *db, const struct bq_ticket *tk, sd_time at, int64_t seconds, int hotline, int dry_run,
		 const char *key, struct bq_booked *out);
/* Books time worked: `minutes` (> 0) of kind support, managed_service,
 * technical or user_support; rush_ordered: the customer ordered the job as a
 * rush job (Eilauftrag) at ordered_at (BQ_TIME_NONE: when the ticket came);
 * note may be NULL. The database rounds, rates and prices it. Same contract
 * as bq_book_call. */
int bq_book_time(struct db *db, const struct bq_ticket *tk, sd_time at, int64_t minutes, const char *kind,
		 int rush_ordered, sd_time ordered_at, const char *note, int dry_run, const char *key,
		 struct bq_booked *out);

/* ---- bookings through the local journal (db/journal.h) ----------------- */

struct journal;
struct journal_entry;

/* Appends a booking (the actions book_call / book_time, db/actions.def) with
 * key to the journal, fsync'ed, without sending it: facts only, decided by
 * the database when the journal sends it. rush_ordered / ordered_at as
 * bq_book_time. 0, or -1 with err set (nothing was added). */
int bq_journal_call(struct journal *j, const char *key, int64_t ticket, sd_time at, int64_t seconds, int hotline,
		    char *err, size_t errlen);
int bq_journal_time(struct journal *j, const char *key, int64_t ticket, sd_time at, int64_t minutes, const char *kind,
		    int rush_ordered, sd_time ordered_at, const char *note, char *err, size_t errlen);

/* What the database answered to the booking sent with key (its text and
 * warning; the caller's own requests only). 0, or -1 with db_last_error. */
int bq_answer(struct db *db, const char *key, struct bq_booked *out);

#endif
