/* The billing engine: quarter-hour rounding, phone minutes (free -> activation
 * credit -> overage), hotline tariffs, managed-service rush, points accounts
 * and VAT. Pure C, no I/O. Money is int64_t cents, net unless said otherwise;
 * nothing here uses floating point. Every rule and choice: doc/billing.md.
 *
 * Inputs are the plan's struct sla_budget (engine/sla.h) and, for balances, a
 * list of ledger movements: balances are sums over that list, never a counter.
 * No function allocates; results go into caller-owned structs and buffers. */
#ifndef SDESK_ENGINE_BILLING_H
#define SDESK_ENGINE_BILLING_H

#include <stddef.h>
#include <stdint.h>

#include "engine/calendar.h"
#include "engine/sla.h"

enum bill_status {
	BILL_OK = 0,
	BILL_EINVAL,    /* negative or zero duration where one is needed, bad argument */
	BILL_ERANGE,    /* amount too large to compute safely */
	BILL_EMINIMUM,  /* points package below the kind's minimum */
	BILL_ENOKIND,   /* plan has no such points kind */
	BILL_ENOTARIFF, /* plan has no hotline windows / no rate for this */
	BILL_ECAL,      /* the calendar could not answer (range, no open time) */
};
/* Static English text for a status. */
const char *bill_status_text(enum bill_status st);

/* The longest call or time entry the engine prices: 24 hours. */
#define BILL_MAX_SECONDS (24LL * 3600)

/* ---- money ------------------------------------------------------------- */

/* value * num / den rounded half away from zero (den > 0). The building block
 * of every rounding to the cent. Callers keep |value * num| below 2^62. */
int64_t bill_div_round(int64_t value, int64_t num, int64_t den);

/* "1.50", "-0.05", "1234.00" (decimal point, no grouping). Writes at most len
 * bytes (NUL included); returns buf. */
char *bill_format_cents(int64_t cents, char *buf, size_t len);
/* "EUR 1.50". */
char *bill_format_eur(int64_t cents, char *buf, size_t len);
/* Parses an amount in euros as typed: "39", "2.50", "-2,5", "1660.00" (a
 * decimal point or comma, at most 2 decimals, optional sign, up to
 * 10,000,000). Returns 0 and sets *cents, or -1. */
int bill_parse_cents(const char *s, int64_t *cents);

/* ---- months ------------------------------------------------------------ */

/* A month as one integer: year * 12 + (month - 1). Allowances and overage
 * belong to the calendar month in which a call starts, local time. */
int bill_month(int year, int month);
void bill_month_split(int key, int *year, int *month);
/* Parses "YYYY-MM" (1970..2199); returns 0 and sets *key, or -1. */
int bill_month_parse(const char *s, int *key);
/* The month of local day `days` (days since epoch). */
int bill_month_of_day(int64_t days);
/* The ledger's time zone: the zone the database dates contracts and ledger
 * rows in (Europe/Berlin, see doc/billing.md), taken from the first calendar
 * of the catalogue in that zone, else its first calendar; NULL when it has
 * none. Owned by the catalogue. */
const struct cal_zone *bill_ledger_zone(const struct sla_catalogue *cat);
/* The ledger month of instant t in zone z. */
int bill_month_at(const struct cal_zone *z, sd_time t);

/* ---- time entries in billing units ------------------------------------- */

/* minutes rounded up to whole units: with unit 15, 0 -> 0, 1 -> 15, 15 -> 15,
 * 16 -> 30, 59 -> 60, 60 -> 60. unit <= 0 is taken as 1 (no rounding).
 * minutes < 0 -> 0. */
int64_t bill_round_up(int64_t minutes, int unit);

/* Price of `minutes` (already rounded) at hour_cents per hour: minutes *
 * hour_cents / 60, half-up to the cent (exact for quarter hours of whole
 * euros: 15 min at EUR 166/h = EUR 41.50). */
int64_t bill_time_cents(int64_t minutes, int64_t hour_cents);

/* A time entry as shown before saving. */
struct bill_time {
	int64_t minutes;      /* typed */
	int64_t rounded;      /* rounded up to the plan's unit */
	int64_t units;        /* rounded / unit */
	int unit;             /* unit in minutes (plan's billing_unit_minutes, else 15) */
	int64_t hour_cents;   /* rate applied */
	int64_t cents;        /* net price */
};
/* Rounds and prices a time entry of `minutes` (> 0, else BILL_EINVAL: an
 * entry of nothing is refused) at hour_cents; the unit comes from the plan
 * (b may be NULL: 15 minutes). */
enum bill_status bill_time_entry(const struct sla_budget *b, int64_t minutes, int64_t hour_cents,
				 struct bill_time *out);

/* ---- the ledger -------------------------------------------------------- */

/* The kinds match budget_ledger.kind in the schema. */
#define BILL_MOVE_KINDS(X) \
	X(ALLOWANCE, "monthly_allowance") \
	X(ACTIVATION, "activation_credit") \
	X(PACKAGE, "points_package") \
	X(CONSUMPTION, "consumption") \
	X(OVERAGE, "overage") \
	X(CORRECTION, "correction")
enum bill_move_kind {
#define BILL_X(e, n) BILL_MV_##e,
	BILL_MOVE_KINDS(BILL_X)
#undef BILL_X
};
const char *bill_move_kind_name(enum bill_move_kind k);

/* The pool a movement changes. FREE = the month's free phone minutes,
 * CREDIT = the one-off activation credit (minutes), POINTS = a points
 * account (points_kind), BILLED = minutes billed as overage (amount <= 0,
 * cents >= 0). */
enum bill_pool { BILL_POOL_FREE, BILL_POOL_CREDIT, BILL_POOL_POINTS, BILL_POOL_BILLED };

struct bill_move {
	enum bill_move_kind kind;
	enum bill_pool pool;
	int points_kind;  /* BILL_POOL_POINTS: index into budget.points */
	int64_t amount;   /* minutes or points: > 0 adds, < 0 draws */
	int64_t cents;    /* net money of the movement (overage), else 0 */
	int month;        /* bill_month() the movement belongs to */
};

#define BILL_MAX_POINTS_KINDS 8

/* What an account has left in a month. */
struct bill_balance {
	int month;
	int64_t free_allowance;   /* this month's allowance (incl. rolled-over minutes) */
	int64_t free_left;        /* free minutes left this month */
	int allowance_implied;    /* no ALLOWANCE movement for `month` yet: the plan's
				     monthly_free_minutes were assumed (write it on first use) */
	int64_t credit_left;      /* activation credit left */
	int64_t points_left[BILL_MAX_POINTS_KINDS]; /* per budget.points index; may be < 0 */
	int64_t billed_minutes;   /* overage minutes this month */
	int64_t billed_cents;     /* overage money this month */
};

/* Balances as of month `month` from movements (any order) with month <= the
 * given one; later movements are ignored. Free minutes count only `month`
 * unless b->rollover (then every earlier month's unused minutes carry over).
 * b may be NULL (no implied allowance). Returns BILL_EINVAL for a movement
 * with a points_kind outside the plan's kinds. */
enum bill_status bill_balance(const struct sla_budget *b, const struct bill_move *moves, size_t n,
			      int month, struct bill_balance *out);

/* ---- phone minutes (002) ----------------------------------------------- */

struct bill_phone_split {
	int64_t minutes;  /* started minutes of the call */
	int64_t free;     /* drawn from this month's free minutes */
	int64_t credit;   /* drawn from the activation credit */
	int64_t billed;   /* overage minutes */
	int64_t cents;    /* billed * overage_minute_cents */
};
/* Splits a phone call of `seconds` (>= 0; started minutes count whole) over
 * the balance: free minutes first, then the activation credit, then overage
 * at b->overage_minute_cents. */
enum bill_status bill_phone_split(const struct sla_budget *b, const struct bill_balance *bal, int64_t seconds,
				  struct bill_phone_split *out);
/* "12 free, 3 billed = EUR 1.50"; parts that are 0 are left out, except that
 * a call of nothing reads "0 min = EUR 0.00". Returns buf. */
char *bill_phone_text(const struct bill_phone_split *s, char *buf, size_t len);
/* The ledger movements a split writes (CONSUMPTION of FREE and CREDIT,
 * OVERAGE of BILLED), only those with an amount; fills out[0..2], returns
 * the count. An allowance that was implied must be written by the caller. */
size_t bill_phone_moves(const struct bill_phone_split *s, int month, struct bill_move out[3]);

/* ---- points accounts (004) --------------------------------------------- */

/* Index of the points kind `name` in b->points, or -1. */
int bill_points_kind(const struct sla_budget *b, const char *name);
/* A purchased package of `points` of kind k: BILL_EMINIMUM below the kind's
 * min_points (40 technical, 20 user support), BILL_ENOKIND for a bad k. On
 * success fills *out (PACKAGE, amount = points) and its price (points *
 * minutes_per_point at hour_cents) in out->cents. */
enum bill_status bill_points_package(const struct sla_budget *b, int k, int64_t points, int month,
				     struct bill_move *out);

struct bill_points_use {
	int64_t minutes;        /* typed */
	int64_t points;         /* started points drawn: ceil(minutes / minutes_per_point) */
	int64_t before, after;  /* balance of the kind before and after */
	int64_t overage_points; /* points beyond what the account held */
	int64_t overage_cents;  /* their price at the kind's hour rate */
	int warning;            /* account exhausted: after < 0 */
};
/* Draws a time entry of `minutes` (> 0) from kind k's balance. An exhausted
 * account does not refuse: the entry is recorded, the balance goes negative
 * and `warning` is set. */
enum bill_status bill_points_use(const struct sla_budget *b, int k, int64_t minutes, int64_t balance,
				 struct bill_points_use *out);

/* ---- hotline (002) ----------------------------------------------------- */

/* A run of consecutive blocks priced at the same tariff. */
struct bill_hotline_seg {
	const struct sla_tariff_window *w;
	int64_t blocks;
	int64_t first_minutes;  /* minutes of this run inside the first-block charge */
	int64_t minutes;        /* minutes of this run charged per minute */
	int64_t cents;
	int gap;                /* priced at the day tariff: no window at that time */
	int holiday;            /* weekday public holiday priced as Saturday */
};
#define BILL_HOTLINE_MAXSEG 16
struct bill_hotline {
	int64_t minutes;        /* started minutes of the call */
	int64_t blocks;         /* started blocks of unit_minutes */
	int64_t billed_minutes; /* blocks * unit_minutes */
	int64_t cents;
	size_t nseg;
	struct bill_hotline_seg seg[BILL_HOTLINE_MAXSEG];
};
/* Prices a hotline call starting at `start` lasting `seconds` (0 ..
 * BILL_MAX_SECONDS) in zone z, with public holidays from hol (NULL: none).
 * The first first_minutes cost first_cents of the window in force at the
 * start; every further billed minute costs minute_cents of the window in force
 * when its block starts (default) or at the call's start (b->hotline_whole_call). A
 * block that starts outside every window (the phone-support hours) is priced
 * at the day tariff: the window with the lowest first_cents. */
enum bill_status bill_hotline_price(const struct sla_budget *b, const struct cal_zone *z,
				    const struct cal_holiday_set *hol, sd_time start, int64_t seconds,
				    struct bill_hotline *out);
/* The window in force at local weekday (0 = Monday) and minute of day, or
 * NULL when none. A window with from > to wraps midnight: it covers
 * [from, 24:00) and [00:00, to) of each of its weekdays. */
const struct sla_tariff_window *bill_hotline_window(const struct sla_budget *b, int weekday, int minute);
/* "first 5 min EUR 30.00, 5 min x EUR 6.00 = EUR 60.00". Returns buf. */
char *bill_hotline_text(const struct bill_hotline *h, char *buf, size_t len);

/* ---- managed service rush (000) ---------------------------------------- */

struct bill_rush {
	int rush;
	int same_day;       /* work done on the local calendar day it was requested */
	int outside_hours;  /* work instant is not open time of the support calendar */
	char reason[160];   /* "rush: same calendar day as requested (2025-03-04)" */
};
/* Decides whether managed-service work done at `work` on a request made at
 * `requested` is a rush job: same local calendar day (in the calendar's zone)
 * or outside the support calendar's open time. BILL_EINVAL when work <
 * requested. */
enum bill_status bill_rush_decide(const struct calendar *support, sd_time requested, sd_time work,
				  struct bill_rush *out);

/* ---- extended standby (001) ------------------------------------------- */

struct bill_standby {
	int64_t hours;        /* started hours of the window */
	int64_t hour_cents;   /* rate applied */
	int64_t cents;        /* hours * hour_cents */
	int64_t earliest_day; /* first local day bookable without an override */
	sd_time earliest;     /* its start (00:00 local of the standby calendar) */
	int early;            /* start < earliest: needs a lead's override */
};
/* Standby is billed per started hour: the hours of a window of `seconds`
 * (> 0). The one rule the booking and the statement both use. */
int64_t bill_standby_hours(int64_t seconds);
/* Prices a standby window [start, end) booked at `now`: billed per started
 * hour at hour_cents; it must start on or after the b->standby_lead_days-th
 * working day of b->standby_cal after the local day of `now`. BILL_EINVAL
 * when end <= start or the window is longer than BILL_MAX_SECONDS, BILL_ECAL
 * when the plan has no standby calendar or it cannot answer. */
enum bill_status bill_standby_price(const struct sla_budget *b, sd_time now, sd_time start, sd_time end,
				    int64_t hour_cents, struct bill_standby *out);

/* ---- VAT --------------------------------------------------------------- */

struct bill_vat {
	int64_t net;    /* sum of the lines */
	int vat_bp;     /* rate in basis points: 1900 = 19 % */
	int64_t vat;    /* net * vat_bp / 10000, half-up to the cent, on the total */
	int64_t gross;  /* net + vat */
};
/* VAT on an invoice total (not per line): sums the n net lines, then rounds
 * once. */
enum bill_status bill_vat_total(const int64_t *net_lines, size_t n, int vat_bp, struct bill_vat *out);

#endif
