/* One booking, decided: what a call or time entry costs and which ledger rows
 * it writes, from the facts (when, how long, which kind, whether the customer
 * ordered a rush job) and the ledger as it stands. Pure C, no I/O, no
 * allocation. The database runs this inside PostgreSQL (src/pgext: the
 * write functions book_call / book_time store exactly what it says) and the
 * client previews with the same function; see doc/billing.md and
 * doc/security.md, "What the database decides".
 *
 * Ledger rows as the database stores them (budget_ledger.kind / pool / unit)
 * become engine movements with bill_move_from_row: the one mapping, used by
 * the extension and by the client's budget views. */
#ifndef SDESK_ENGINE_BOOKING_H
#define SDESK_ENGINE_BOOKING_H

#include <stddef.h>
#include <stdint.h>

#include "engine/billing.h"
#include "engine/sla.h"

/* Ledger pools in budget_ledger.pool: "phone" (monthly free minutes; with
 * kind overage the billed minutes), "activation" (the one-off activation
 * credit), a points kind's name ("technical", "user"). */
#define BOOK_POOL_FREE "phone"
#define BOOK_POOL_CREDIT "activation"

/* A ledger row -> movement. month: bill_month of the row. Returns 0, or -1
 * when the plan cannot hold the row (unknown kind, unit, or a points pool
 * the plan does not have). */
int bill_move_from_row(const struct sla_budget *b, const char *kind, const char *pool, const char *unit,
		       int64_t amount, int64_t cents, int month, struct bill_move *out);
/* Index of the kind name ("consumption") in BILL_MOVE_KINDS, or -1. */
int bill_move_kind_by_name(const char *name);

/* The limits a booking must lie in (the database refuses anything else
 * before the engine sees it; doc/security.md, "Bounds"). */
#define BOOK_MAX_CALL_SECONDS BILL_MAX_SECONDS /* a call: 24 hours */
#define BOOK_MAX_TIME_MINUTES (24LL * 60)     /* one time entry */

enum book_what { BOOK_CALL, BOOK_HOTLINE, BOOK_TIME };

struct book_in {
	const struct sla_plan *plan;
	enum book_what what;
	sd_time at;               /* the call's start / the work's start */
	int64_t amount;           /* call: seconds (>= 0); time: minutes (> 0) */
	const char *kind;         /* time: support, managed_service, technical, user_support */
	int rush_ordered;         /* time, managed_service: the customer ordered a rush job */
	sd_time requested;        /* when the rush job was ordered (SLA_NO_TIME: received) */
	sd_time received;         /* the ticket's receipt */
	const struct calendar *support_cal; /* support hours for the rush rule (NULL: the
					       plan's rush_calendar, else its first target's) */
	int month;                /* bill_month of `at` in the ledger's zone */
	int credit_owed;          /* the account is activated and `at` is on or after
				     its activation day: the activation credit applies */
	const struct bill_move *moves; /* the contract's ledger, plus the account's
					  activation credit rows from any contract */
	size_t nmoves;
	int credit_written;       /* an activation credit row exists for the account */
};

struct book_out {
	int64_t stored;           /* call: seconds; time: minutes rounded to the unit */
	int64_t price_cents;      /* call price / time entry amount, net */
	int64_t rate_cents;       /* time: per hour */
	int rush;                 /* time: the rush rate applied */
	char window[16];          /* hotline: day, night, weekend, holiday */
	struct bill_move moves[3];/* consumption / overage rows to write */
	size_t nmoves;
	int64_t allowance;        /* > 0: write this month's allowance first (implied) */
	int64_t activation;       /* > 0: write the account's activation credit first */
	char text[320];           /* what the agent sees: split or price */
	char warning[240];        /* "" or why to look twice */
	char error[240];          /* on failure: why it cannot be booked */
};

/* Decides a booking. BILL_OK with *out filled, or an error status with
 * out->error set (the plan has no hotline tariff, no points of that kind,
 * a duration out of bounds, a ledger the plan cannot hold, ...). */
enum bill_status book_decide(const struct book_in *in, struct book_out *out);

#endif
