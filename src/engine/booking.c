/* One booking, decided; see booking.h. */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/booking.h"
#include "engine/duration.h"

int bill_move_kind_by_name(const char *name)
{
	static const char *const names[] = {
#define BILL_X(e, n) n,
		BILL_MOVE_KINDS(BILL_X)
#undef BILL_X
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

int bill_move_from_row(const struct sla_budget *b, const char *kind, const char *pool, const char *unit,
		       int64_t amount, int64_t cents, int month, struct bill_move *out)
{
	int k = bill_move_kind_by_name(kind);

	if (k < 0)
		return -1;
	memset(out, 0, sizeof(*out));
	out->kind = (enum bill_move_kind)k;
	out->amount = amount;
	out->cents = cents;
	out->month = month;
	out->points_kind = -1;
	if (strcmp(unit, "points") == 0) {
		out->pool = BILL_POOL_POINTS;
		out->points_kind = bill_points_kind(b, pool);
		return out->points_kind < 0 ? -1 : 0;
	}
	if (strcmp(unit, "minutes") != 0)
		return -1;
	if (out->kind == BILL_MV_OVERAGE)
		out->pool = BILL_POOL_BILLED;
	else if (strcmp(pool, BOOK_POOL_CREDIT) == 0)
		out->pool = BILL_POOL_CREDIT;
	else if (strcmp(pool, BOOK_POOL_FREE) == 0)
		out->pool = BILL_POOL_FREE;
	else
		return -1;
	return 0;
}

__attribute__((format(printf, 3, 4)))
static enum bill_status fail(struct book_out *out, enum bill_status st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->error, sizeof(out->error), fmt, ap);
	va_end(ap);
	return st;
}

static enum bill_status book_call(const struct book_in *in, const struct bill_balance *bal, struct book_out *out)
{
	const struct sla_plan *plan = in->plan;
	const struct sla_budget *b = &plan->budget;

	out->stored = in->amount;
	if (in->what == BOOK_HOTLINE) {
		struct bill_hotline h;
		int64_t day_cents = INT64_MAX;
		char t[240];

		if (!b->nhotline || !b->hotline_cal)
			return fail(out, BILL_ENOTARIFF, "plan %s has no hotline tariff", plan->name);
		if (bill_hotline_price(b, cal_zone(b->hotline_cal), b->hotline_holidays, in->at, in->amount, &h) != BILL_OK)
			return fail(out, BILL_ENOTARIFF, "the hotline tariff of plan %s cannot price this call", plan->name);
		for (size_t i = 0; i < b->nhotline; i++)
			if (b->hotline[i].first_cents < day_cents)
				day_cents = b->hotline[i].first_cents;
		snprintf(out->window, sizeof(out->window), "%s",
			 !h.nseg                                ? "day"
			 : h.seg[0].holiday                     ? "holiday"
			 : h.seg[0].w->weekdays == 0x60u        ? "weekend"
			 : h.seg[0].w->first_cents == day_cents ? "day"
								: "night");
		out->price_cents = h.cents;
		snprintf(out->text, sizeof(out->text), "hotline %" PRId64 " min, %" PRId64 " x 5 min: %s", h.minutes,
			 h.blocks, bill_hotline_text(&h, t, sizeof(t)));
		return BILL_OK;
	}
	struct bill_phone_split s;

	if (!b->monthly_free_minutes && !b->activation_credit_minutes && !b->overage_minute_cents)
		snprintf(out->warning, sizeof(out->warning), "plan %s has no phone minutes", plan->name);
	bill_phone_split(b, bal, in->amount, &s);
	bill_phone_text(&s, out->text, sizeof(out->text));
	out->nmoves = bill_phone_moves(&s, in->month, out->moves);
	out->price_cents = s.cents;
	if (s.billed > 0 && !out->warning[0])
		snprintf(out->warning, sizeof(out->warning), "free minutes and credit used up: %" PRId64 " min billed",
			 s.billed);
	return BILL_OK;
}

/* The support hours of the rush rule (000): the plan's rush_calendar, else
 * the calendar of its first target. */
static const struct calendar *support_calendar(const struct sla_plan *p)
{
	if (p->budget.rush_cal)
		return p->budget.rush_cal;
	if (p->ntargets)
		return p->targets[0].cal;
	for (size_t i = 0; i < p->ncats; i++)
		if (p->cats[i].ntargets)
			return p->cats[i].targets[0].cal;
	return NULL;
}

static enum bill_status book_time(const struct book_in *in, const struct bill_balance *bal, struct book_out *out)
{
	const struct sla_plan *plan = in->plan;
	const struct sla_budget *b = &plan->budget;
	struct bill_time t;
	char e1[40], e2[40];
	const char *kind = in->kind ? in->kind : "";

	if (strcmp(kind, "managed_service") == 0) {
		struct bill_rush ru;
		sd_time req = in->requested == SLA_NO_TIME ? in->received : in->requested;

		if (!b->managed_hour_cents)
			return fail(out, BILL_ENOTARIFF, "plan %s has no managed-service rate", plan->name);
		if (!in->rush_ordered) {
			bill_time_entry(b, in->amount, b->managed_hour_cents, &t);
			snprintf(out->text, sizeof(out->text),
				 "%" PRId64 " min -> %" PRId64 " x %d min managed service at %s/h = %s", in->amount,
				 t.units, t.unit, bill_format_eur(t.hour_cents, e1, sizeof(e1)),
				 bill_format_eur(t.cents, e2, sizeof(e2)));
		} else {
			const struct calendar *support = in->support_cal ? in->support_cal : support_calendar(plan);

			if (!support)
				return fail(out, BILL_ECAL, "plan %s has no support calendar for the rush rule", plan->name);
			if (bill_rush_decide(support, req, in->at, &ru) != BILL_OK)
				return fail(out, BILL_EINVAL, "the work cannot start before the rush job was ordered");
			out->rush = ru.rush && b->rush_hour_cents > 0;
			bill_time_entry(b, in->amount, out->rush ? b->rush_hour_cents : b->managed_hour_cents, &t);
			snprintf(out->text, sizeof(out->text),
				 "%" PRId64 " min -> %" PRId64 " x %d min managed service at %s/h = %s; rush job ordered: %s",
				 in->amount, t.units, t.unit, bill_format_eur(t.hour_cents, e1, sizeof(e1)),
				 bill_format_eur(t.cents, e2, sizeof(e2)),
				 out->rush ? ru.reason : "done later, in support hours: normal rate");
		}
		out->stored = t.rounded;
		out->rate_cents = t.hour_cents;
		out->price_cents = t.cents;
		return BILL_OK;
	}
	if (strcmp(kind, "technical") == 0 || strcmp(kind, "user_support") == 0) {
		int k = bill_points_kind(b, strcmp(kind, "technical") == 0 ? "technical" : "user");
		struct bill_points_use u;

		if (k < 0)
			return fail(out, BILL_ENOKIND, "plan %s has no points account for %s", plan->name, kind);
		bill_points_use(b, k, in->amount, bal->points_left[k], &u);
		bill_time_entry(b, in->amount, b->points[k].hour_cents, &t);
		snprintf(out->text, sizeof(out->text), "%" PRId64 " min -> %" PRId64 " points of %s, %" PRId64 " left",
			 in->amount, u.points, b->points[k].name, u.after);
		if (u.warning)
			snprintf(out->warning, sizeof(out->warning),
				 "%s points exhausted: balance %" PRId64 ", %" PRId64 " points over = %s", b->points[k].name,
				 u.after, u.overage_points, bill_format_eur(u.overage_cents, e1, sizeof(e1)));
		out->moves[0] = (struct bill_move){BILL_MV_CONSUMPTION, BILL_POOL_POINTS, k, -u.points, 0, in->month};
		out->nmoves = 1;
		out->stored = t.rounded;
		out->rate_cents = b->points[k].hour_cents;
		out->price_cents = u.overage_cents;
		return BILL_OK;
	}
	if (strcmp(kind, "support") == 0) {
		bill_time_entry(b, in->amount, 0, &t);
		snprintf(out->text, sizeof(out->text), "%" PRId64 " min -> %" PRId64 " x %d min included support",
			 in->amount, t.units, t.unit);
		out->stored = t.rounded;
		return BILL_OK;
	}
	return fail(out, BILL_EINVAL, "unknown kind '%s' (known: support, managed_service, technical, user_support)",
		    kind);
}

enum bill_status book_decide(const struct book_in *in, struct book_out *out)
{
	const struct sla_budget *b;
	struct bill_balance bal;
	enum bill_status st;

	memset(out, 0, sizeof(*out));
	if (!in->plan)
		return fail(out, BILL_EINVAL, "no plan");
	b = &in->plan->budget;
	if (in->what == BOOK_TIME) {
		if (in->amount <= 0 || in->amount > BOOK_MAX_TIME_MINUTES)
			return fail(out, BILL_ERANGE, "a time entry lasts 1 to %lld minutes, not %" PRId64,
				    BOOK_MAX_TIME_MINUTES, in->amount);
	} else if (in->amount < 0 || in->amount > BOOK_MAX_CALL_SECONDS) {
		return fail(out, BILL_ERANGE, "a call lasts 0 to %lld seconds, not %" PRId64, BOOK_MAX_CALL_SECONDS,
			    in->amount);
	}
	st = bill_balance(b, in->moves, in->nmoves, in->month, &bal);
	if (st != BILL_OK)
		return fail(out, st, "the ledger holds rows plan %s cannot hold", in->plan->name);
	if (in->what == BOOK_CALL) {
		/* The one-off activation credit (002), owed once per account from
		 * the activation day on, is written by the first call that needs it. */
		if (in->credit_owed && !in->credit_written && b->activation_credit_minutes > 0) {
			out->activation = b->activation_credit_minutes;
			bal.credit_left += b->activation_credit_minutes;
		}
		if (!in->credit_owed)
			bal.credit_left = 0;
		if (bal.allowance_implied && b->monthly_free_minutes > 0)
			out->allowance = b->monthly_free_minutes;
	}
	if (in->what == BOOK_TIME)
		st = book_time(in, &bal, out);
	else
		st = book_call(in, &bal, out);
	if (st != BILL_OK) {
		out->allowance = out->activation = 0;
		out->nmoves = 0;
	}
	return st;
}
