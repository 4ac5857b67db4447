/* SLA clocks over the plan catalogue. Pure: no I/O, no allocation on the
 * clock path. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "engine/sla.h"

#define SLA_MAX_TARGETS 16 /* per clock and ticket; the loader enforces it */

static const char *const channel_names[] = {
#define SLA_X(e, n) n,
	SLA_CHANNELS(SLA_X)
#undef SLA_X
};

const char *sla_channel_name(enum sla_channel ch)
{
	return (unsigned)ch < SLA_NCHANNELS ? channel_names[ch] : "?";
}

int sla_channel_by_name(const char *name)
{
	for (int i = 0; i < SLA_NCHANNELS; i++)
		if (strcmp(channel_names[i], name) == 0)
			return i;
	return -1;
}

const char *sla_clock_name(enum sla_clock c)
{
	return c == SLA_REACTION ? "reaction" : c == SLA_RESOLUTION ? "resolution" : "?";
}

int sla_clock_by_name(const char *name)
{
	if (strcmp(name, "reaction") == 0)
		return SLA_REACTION;
	if (strcmp(name, "resolution") == 0)
		return SLA_RESOLUTION;
	return -1;
}

/* ---- catalogue ---------------------------------------------------------- */

static void free_targets(struct sla_target *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].label);
	free(t);
}

int sla_at_risk_minutes(const struct sla_catalogue *cat, const struct sla_plan *plan,
			const struct sla_category *category)
{
	if (category && category->at_risk_minutes >= 0)
		return category->at_risk_minutes;
	if (plan && plan->at_risk_minutes >= 0)
		return plan->at_risk_minutes;
	return cat ? cat->at_risk_minutes : SLA_AT_RISK_DEFAULT;
}

const struct calendar *sla_team_calendar(const struct sla_catalogue *cat, const char *team)
{
	const struct calendar *c = NULL;

	if (!cat)
		return NULL;
	if (team && *team && cat->cals)
		c = cal_set_calendar(cat->cals, team);
	return c ? c : cat->staffed_cal;
}

sd_time sla_risk_horizon(const struct sla_catalogue *cat, sd_time now, int warn_minutes, int slack)
{
	int64_t r = warn_minutes >= 0 ? warn_minutes : cat ? cat->at_risk_minutes : SLA_AT_RISK_DEFAULT;
	sd_time until;

	if (cat && warn_minutes < 0) {
		for (size_t i = 0; i < cat->nplans; i++) {
			const struct sla_plan *p = &cat->plans[i];

			if (p->at_risk_minutes > r)
				r = p->at_risk_minutes;
			for (size_t j = 0; j < p->ncats; j++)
				if (p->cats[j].at_risk_minutes > r)
					r = p->cats[j].at_risk_minutes;
		}
	}
	r += slack;
	until = now + r * 60;
	if (cat && cat->cals) {
		for (size_t i = 0; i < cal_set_ncalendars(cat->cals); i++) {
			sd_time t;

			if (cal_add(cal_set_calendar_at(cat->cals, i), now, r, &t) == CAL_OK && t > until)
				until = t;
		}
	}
	return until;
}

void sla_catalogue_free(struct sla_catalogue *cat)
{
	if (!cat)
		return;
	for (size_t i = 0; i < cat->nplans; i++) {
		struct sla_plan *p = &cat->plans[i];

		free(p->name);
		free(p->title);
		free(p->title_de);
		free(p->provider);
		free(p->model);
		free(p->requires);
		free_targets(p->targets, p->ntargets);
		for (size_t j = 0; j < p->ncats; j++) {
			free(p->cats[j].name);
			free(p->cats[j].title);
			free(p->cats[j].title_de);
			free_targets(p->cats[j].targets, p->cats[j].ntargets);
		}
		free(p->cats);
		free(p->budget.hotline);
		for (size_t j = 0; j < p->budget.npoints; j++)
			free(p->budget.points[j].name);
		free(p->budget.points);
	}
	free(cat->plans);
	if (cat->cals)
		cal_set_free(cat->cals);
	memset(cat, 0, sizeof(*cat));
}

const struct sla_plan *sla_plan_find(const struct sla_catalogue *cat, const char *name)
{
	for (size_t i = 0; i < cat->nplans; i++)
		if (strcmp(cat->plans[i].name, name) == 0)
			return &cat->plans[i];
	return NULL;
}

const struct sla_category *sla_category_find(const struct sla_plan *plan, const char *name)
{
	for (size_t i = 0; i < plan->ncats; i++)
		if (strcmp(plan->cats[i].name, name) == 0)
			return &plan->cats[i];
	return NULL;
}

int sla_plan_has_channel(const struct sla_plan *plan, enum sla_channel ch)
{
	return (plan->channels & SLA_CH_BIT(ch)) != 0;
}

/* ---- one target, no pauses --------------------------------------------- */

static int64_t duration_minutes(const struct sla_duration *d)
{
	return d->unit == SLA_HOURS ? d->amount * 60 : d->amount;
}

static enum cal_status cutoff_due(const struct sla_target *t, sd_time received, sd_time *out, int *before)
{
	const struct cal_zone *z = cal_zone(t->cal);
	int64_t day, next;
	int minute;
	enum cal_status st;

	cal_zone_utc_to_local(z, received, &day, &minute);
	*before = cal_is_working_day(t->cal, day) && minute <= t->cutoff_minute;
	if (*before) {
		/* Exactly the cut-off minute counts when no seconds are past it. */
		sd_time cut = cal_zone_local_to_utc(z, day, t->cutoff_minute);

		if (received <= cut)
			return cal_day_close(t->cal, day, out);
		*before = 0;
	}
	st = cal_next_working_day(t->cal, day, 1, &next);
	if (st != CAL_OK)
		return st;
	*out = cal_zone_local_to_utc(z, next, t->next_minute);
	return CAL_OK;
}

/* The instant a clock of target t effectively starts (last-hour rule). */
static enum cal_status late_start(const struct sla_target *t, sd_time received, sd_time *start, int *applied)
{
	int64_t day;
	int minute;
	sd_time close;

	*start = received;
	*applied = 0;
	if (t->late_window <= 0 || !cal_is_open(t->cal, received))
		return CAL_OK;
	cal_zone_utc_to_local(cal_zone(t->cal), received, &day, &minute);
	if (cal_day_close(t->cal, day, &close) != CAL_OK)
		return CAL_OK;
	if (close - received < (sd_time)t->late_window * 60) {
		*applied = 1;
		return cal_add(t->cal, close, 0, start);
	}
	return CAL_OK;
}

static enum cal_status raw_due(const struct sla_target *t, const struct sla_duration *dur, sd_time received,
			       sd_time *out)
{
	sd_time start;
	int applied, before;
	enum cal_status st;

	if (t->rule == SLA_RULE_CUTOFF)
		return cutoff_due(t, received, out, &before);
	st = late_start(t, received, &start, &applied);
	if (st != CAL_OK)
		return st;
	if (dur->unit == SLA_WORKDAYS)
		return cal_add_days(t->cal, start, dur->amount, out);
	return cal_add(t->cal, start, duration_minutes(dur), out);
}

enum cal_status sla_raw_due(const struct sla_target *t, sd_time received, sd_time *out)
{
	return raw_due(t, &t->dur, received, out);
}

/* Business minutes target t allows from received. */
static enum cal_status target_budget(const struct sla_target *t, const struct sla_duration *dur, sd_time received,
				     int64_t *budget, sd_time *due)
{
	enum cal_status st;

	st = raw_due(t, dur, received, due);
	if (st != CAL_OK)
		return st;
	if (t->rule == SLA_RULE_DURATION && dur->unit != SLA_WORKDAYS && t->late_window <= 0) {
		*budget = duration_minutes(dur);
		return CAL_OK;
	}
	return cal_between(t->cal, received, *due, budget);
}

/* ---- applicable targets -------------------------------------------------- */

struct applied {
	const struct sla_target *t;
	struct sla_duration dur;
};

static size_t collect(const struct sla_plan *plan, const struct sla_category *cat, enum sla_channel ch,
		      enum sla_clock clock, const struct sla_override *ov, size_t nov, struct applied *out)
{
	size_t n = 0;
	const struct sla_target *lists[2] = {plan->targets, cat ? cat->targets : NULL};
	size_t counts[2] = {plan->ntargets, cat ? cat->ntargets : 0};

	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < counts[l] && n < SLA_MAX_TARGETS; i++) {
			const struct sla_target *t = &lists[l][i];

			if (t->clock != clock || (t->channels && !(t->channels & SLA_CH_BIT(ch))))
				continue;
			out[n].t = t;
			out[n].dur = t->dur;
			if (t->rule == SLA_RULE_DURATION)
				for (size_t k = 0; k < nov; k++)
					if (ov[k].clock == clock &&
					    (!ov[k].category || (cat && strcmp(ov[k].category, cat->name) == 0)))
						out[n].dur = ov[k].dur;
			n++;
		}
	return n;
}

static int stops(const struct sla_plan *plan, enum sla_clock c)
{
	return (plan->pause_stops >> c) & 1u;
}

/* Business minutes of cal in [from, to) outside pauses (when use_pauses). */
static enum cal_status active_minutes(const struct calendar *cal, sd_time from, sd_time to,
				      const struct sla_ticket *tk, int use_pauses, int64_t *out)
{
	int64_t total = 0, m;
	enum cal_status st;

	*out = 0;
	if (to <= from)
		return CAL_OK;
	st = cal_between(cal, from, to, &total);
	if (st != CAL_OK)
		return st;
	if (use_pauses)
		for (size_t i = 0; i < tk->npauses; i++) {
			sd_time pf = tk->pauses[i].from > from ? tk->pauses[i].from : from;
			sd_time pt = tk->pauses[i].to < to ? tk->pauses[i].to : to;

			if (pt <= pf)
				continue;
			st = cal_between(cal, pf, pt, &m);
			if (st != CAL_OK)
				return st;
			total -= m;
		}
	*out = total;
	return CAL_OK;
}

/* Minutes used on clock c before the last phase; each earlier phase counts on
 * the calendar of its own first target for c (fallback: cal). */
static enum cal_status used_before(const struct sla_ticket *tk, enum sla_clock c, const struct calendar *cal,
				   int64_t *used)
{
	struct applied a[SLA_MAX_TARGETS];
	int64_t m;
	enum cal_status st;

	*used = 0;
	for (size_t i = 0; i + 1 < tk->nphases; i++) {
		const struct sla_phase *ph = &tk->phases[i];
		size_t n = collect(ph->plan, ph->cat, tk->channel, c, NULL, 0, a);

		st = active_minutes(n ? a[0].t->cal : cal, ph->from, tk->phases[i + 1].from, tk,
				    stops(ph->plan, c), &m);
		if (st != CAL_OK)
			return st;
		*used += m;
	}
	return CAL_OK;
}

/* Walks the last phase: where do `left` minutes run out, given pauses? */
static enum cal_status walk(const struct calendar *cal, sd_time t0, int64_t left, const struct sla_ticket *tk,
			    int use_pauses, sd_time *due, int *paused)
{
	int64_t seg;
	enum cal_status st;

	*paused = 0;
	if (left < 0) {
		*due = t0; /* ran out in an earlier phase */
		return CAL_OK;
	}
	if (use_pauses)
		for (size_t i = 0; i < tk->npauses; i++) {
			const struct sla_pause *p = &tk->pauses[i];

			if (p->to <= t0)
				continue;
			if (p->from > t0) {
				st = cal_between(cal, t0, p->from, &seg);
				if (st != CAL_OK)
					return st;
				if (seg >= left)
					return cal_add(cal, t0, left, due);
				left -= seg;
			}
			if (p->to == SLA_OPEN) {
				*paused = 1;
				*due = SLA_NO_TIME;
				return CAL_OK;
			}
			t0 = p->to > t0 ? p->to : t0;
		}
	return cal_add(cal, t0, left, due);
}

struct one {
	sd_time due;
	int paused;
	int64_t budget, used_now;
};

static enum cal_status one_target(const struct sla_ticket *tk, enum sla_clock c, const struct applied *a, sd_time now,
				  struct one *o)
{
	const struct sla_phase *last = &tk->phases[tk->nphases - 1];
	sd_time received = tk->phases[0].from, raw;
	int use = stops(last->plan, c);
	int64_t used, m;
	enum cal_status st;

	st = target_budget(a->t, &a->dur, received, &o->budget, &raw);
	if (st != CAL_OK)
		return st;
	st = used_before(tk, c, a->t->cal, &used);
	if (st != CAL_OK)
		return st;
	if (tk->nphases == 1 && (!use || tk->npauses == 0)) {
		o->due = raw;
		o->paused = 0;
	} else {
		/* The budget counts from received (late-hour start and cut-off
		 * rules included), so walking from there gives raw when there
		 * is no pause. */
		sd_time t0 = last->from;

		st = walk(a->t->cal, t0, o->budget - used, tk, use, &o->due, &o->paused);
		if (st != CAL_OK)
			return st;
	}
	if (now == SLA_NO_TIME) {
		o->used_now = 0;
		return CAL_OK;
	}
	st = active_minutes(a->t->cal, last->from, now, tk, use, &m);
	if (st != CAL_OK)
		return st;
	o->used_now = used + m;
	return CAL_OK;
}

enum cal_status sla_clocks(const struct sla_ticket *tk, sd_time now, int64_t at_risk_minutes,
			   struct sla_clock_state out[SLA_NCLOCKS])
{
	const struct sla_phase *last = &tk->phases[tk->nphases - 1];
	struct applied a[SLA_MAX_TARGETS];

	for (int c = 0; c < SLA_NCLOCKS; c++) {
		struct sla_clock_state *s = &out[c];
		size_t n = collect(last->plan, last->cat, tk->channel, (enum sla_clock)c, tk->overrides,
				   tk->noverrides, a);
		int have = 0;

		memset(s, 0, sizeof(*s));
		s->due = SLA_NO_TIME;
		s->has_target = n > 0;
		for (size_t i = 0; i < n; i++) {
			struct one o;
			enum cal_status st = one_target(tk, (enum sla_clock)c, &a[i], now, &o);
			int64_t rem = o.budget - o.used_now;

			if (st != CAL_OK)
				return st;
			if (have && (o.paused ? (!s->paused || rem >= s->remaining)
					      : (s->paused ? 0 : o.due >= s->due)))
				continue;
			have = 1;
			s->due = o.due;
			s->paused = o.paused;
			s->target = a[i].t;
			s->cal = a[i].t->cal;
			s->budget = o.budget;
			s->remaining = rem;
		}
		if (!have)
			continue;
		if (now != SLA_NO_TIME) {
			/* Paused business time is not counted; past the due the
			 * remaining time goes negative by business minutes. */
			s->breached = !s->paused && now > s->due;
			s->at_risk = !s->breached && s->remaining <= at_risk_minutes;
		}
	}
	return CAL_OK;
}

/* ---- explanation --------------------------------------------------------- */

struct step_ctx {
	sla_explain_fn fn;
	void *arg;
	enum sla_clock clock;
	const struct sla_target *t;
};

static void step_cb(const struct cal_step *s, void *arg)
{
	struct step_ctx *x = arg;
	struct sla_explain_ev ev = {.kind = SLA_EX_STEP, .clock = x->clock, .target = x->t, .step = s};

	x->fn(&ev, x->arg);
}

static void rule_ev(sla_explain_fn fn, void *arg, enum sla_clock c, const struct sla_target *t, const char *text)
{
	struct sla_explain_ev ev = {.kind = SLA_EX_RULE, .clock = c, .target = t, .text = text};

	fn(&ev, arg);
}

enum cal_status sla_explain(const struct sla_ticket *tk, sla_explain_fn fn, void *arg)
{
	const struct sla_phase *last = &tk->phases[tk->nphases - 1];
	sd_time received = tk->phases[0].from;
	struct applied a[SLA_MAX_TARGETS];
	enum cal_status st;

	for (int c = 0; c < SLA_NCLOCKS; c++) {
		size_t n = collect(last->plan, last->cat, tk->channel, (enum sla_clock)c, tk->overrides,
				   tk->noverrides, a);
		size_t best = 0;
		sd_time best_due = 0;

		if (n == 0) {
			struct sla_explain_ev ev = {.kind = SLA_EX_NONE, .clock = (enum sla_clock)c};

			fn(&ev, arg);
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			sd_time due;
			int64_t budget;
			struct sla_explain_ev ev = {.kind = SLA_EX_TARGET, .clock = (enum sla_clock)c,
						    .target = a[i].t};

			st = target_budget(a[i].t, &a[i].dur, received, &budget, &due);
			if (st != CAL_OK)
				return st;
			ev.due = due;
			ev.minutes = budget;
			fn(&ev, arg);
			if (i == 0 || due < best_due) {
				best = i;
				best_due = due;
			}
		}
		const struct sla_target *t = a[best].t;
		struct sla_explain_ev ev = {.kind = SLA_EX_CHOSEN, .clock = (enum sla_clock)c, .target = t,
					    .due = best_due};
		struct step_ctx x = {fn, arg, (enum sla_clock)c, t};
		sd_time start, out;
		int applied, before;

		fn(&ev, arg);
		if (t->rule == SLA_RULE_CUTOFF) {
			st = cutoff_due(t, received, &out, &before);
			if (st != CAL_OK)
				return st;
			rule_ev(fn, arg, (enum sla_clock)c, t,
				before ? "call-back rule: requested on a working day by the cut-off: due at that "
					 "day's close"
				       : "call-back rule: requested after the cut-off or on a non-working day: due "
					 "on the next working day");
			continue;
		}
		st = late_start(t, received, &start, &applied);
		if (st != CAL_OK)
			return st;
		if (applied)
			rule_ev(fn, arg, (enum sla_clock)c, t,
				"last-hour rule: received in the last hour of open time, the clock starts at the "
				"next opening");
		if (a[best].dur.unit == SLA_WORKDAYS) {
			rule_ev(fn, arg, (enum sla_clock)c, t,
				"working days: the same time of day on the N-th working day after, clamped into "
				"that day's hours");
			int64_t budget;

			st = cal_between(t->cal, start, best_due, &budget);
			if (st != CAL_OK)
				return st;
			st = cal_add_explain(t->cal, start, budget, &out, step_cb, &x);
		} else {
			st = cal_add_explain(t->cal, start, duration_minutes(&a[best].dur), &out, step_cb, &x);
		}
		if (st != CAL_OK)
			return st;
	}
	return CAL_OK;
}

/* ---- queue order and display --------------------------------------------- */

static int cmp_time(sd_time a, sd_time b)
{
	/* SLA_NO_TIME sorts last */
	if (a == b)
		return 0;
	if (a == SLA_NO_TIME)
		return 1;
	if (b == SLA_NO_TIME)
		return -1;
	return a < b ? -1 : 1;
}

int sla_queue_cmp(const void *pa, const void *pb)
{
	const struct sla_queue_item *a = pa, *b = pb;
	int r = cmp_time(a->acknowledged ? a->resolution_due : a->reaction_due,
			 b->acknowledged ? b->resolution_due : b->reaction_due);

	if (r)
		return r;
	if (a->severity != b->severity)
		return a->severity < b->severity ? -1 : 1;
	if (a->received != b->received)
		return a->received < b->received ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

char *sla_format_remaining(int64_t minutes, int day_minutes, char *buf, size_t len)
{
	const char *sign = minutes < 0 ? "-" : "";
	uint64_t m = minutes < 0 ? (uint64_t)0 - (uint64_t)minutes : (uint64_t)minutes;
	uint64_t d = 0, h, mm;

	if (!len)
		return buf;
	if (day_minutes > 0 && m >= (uint64_t)day_minutes) {
		d = m / (uint64_t)day_minutes;
		h = (m % (uint64_t)day_minutes) / 60;
		if (h)
			snprintf(buf, len, "%s%llud %lluh", sign, (unsigned long long)d, (unsigned long long)h);
		else
			snprintf(buf, len, "%s%llud", sign, (unsigned long long)d);
		return buf;
	}
	h = m / 60;
	mm = m % 60;
	if (h && mm)
		snprintf(buf, len, "%s%lluh %llum", sign, (unsigned long long)h, (unsigned long long)mm);
	else if (h)
		snprintf(buf, len, "%s%lluh", sign, (unsigned long long)h);
	else
		snprintf(buf, len, "%s%llum", sign, (unsigned long long)mm);
	return buf;
}

int sla_overrides_parse(char *buf, struct sla_override *ov, size_t max)
{
	size_t n = 0;
	char *save = NULL;

	for (char *item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *f[4];
		char *rest = item;
		int clock;
		char *end;
		long long amount;

		for (int i = 0; i < 4; i++) {
			f[i] = rest;
			rest = rest ? strchr(rest, ':') : NULL;
			if (rest)
				*rest++ = '\0';
			if (!f[i])
				return -1;
		}
		clock = sla_clock_by_name(f[1]);
		amount = strtoll(f[3], &end, 10);
		if (clock < 0 || *end || end == f[3] || amount < 0 || strlen(f[2]) != 1
		    || !strchr("mhd", f[2][0]))
			return -1;
		if (n >= max)
			continue;
		ov[n].category = strcmp(f[0], "*") == 0 ? NULL : f[0];
		ov[n].clock = (enum sla_clock)clock;
		ov[n].dur.unit = f[2][0] == 'm' ? SLA_MINUTES : f[2][0] == 'h' ? SLA_HOURS : SLA_WORKDAYS;
		ov[n].dur.amount = amount;
		n++;
	}
	return (int)n;
}

enum cal_status sla_ticket_dues(const struct sla_plan *plan, const struct sla_category *cat, enum sla_channel ch,
				sd_time received, const struct sla_pause *pauses, size_t npauses,
				const struct sla_override *ov, size_t nov, sd_time *reaction, sd_time *resolution)
{
	struct sla_phase phase = {received, plan, cat};
	struct sla_ticket tk;
	struct sla_clock_state st[SLA_NCLOCKS];
	enum cal_status cs;

	memset(&tk, 0, sizeof(tk));
	tk.channel = ch;
	tk.phases = &phase;
	tk.nphases = 1;
	tk.pauses = pauses;
	tk.npauses = npauses;
	tk.overrides = ov;
	tk.noverrides = nov;
	cs = sla_clocks(&tk, SLA_NO_TIME, 0, st);
	if (cs != CAL_OK)
		return cs;
	*reaction = st[SLA_REACTION].due;
	*resolution = st[SLA_RESOLUTION].due;
	return CAL_OK;
}

/* ---- extra open windows ---------------------------------------------------- */

enum cal_status sla_add_open(const struct calendar *cal, const struct sla_window *w, size_t nw, sd_time start,
			     int64_t minutes, sd_time *out)
{
	sd_time t = start;
	int64_t left = minutes;
	size_t i = 0;

	if (minutes < 0)
		return CAL_EINVAL;
	for (;;) {
		sd_time d, end;
		enum cal_status st;

		while (i < nw && w[i].to <= t)
			i++;
		if (i < nw && w[i].from <= t) {
			/* Inside a window (overlapping ones merged): all wall time counts. */
			end = w[i].to;
			while (i + 1 < nw && w[i + 1].from <= end) {
				i++;
				if (w[i].to > end)
					end = w[i].to;
			}
			if (left * 60 <= end - t) {
				*out = t + left * 60;
				return CAL_OK;
			}
			left -= (end - t) / 60;
			t = end;
			i++;
			continue;
		}
		/* Outside: the calendar's open time up to the next window. */
		st = cal_add(cal, t, left, &d);
		if (i >= nw) {
			*out = d;
			return st;
		}
		if (st == CAL_OK && d <= w[i].from) {
			*out = d;
			return CAL_OK;
		}
		if (st != CAL_OK && st != CAL_ENOOPEN)
			return st;
		{
			int64_t m = 0;

			st = cal_between(cal, t, w[i].from, &m);
			if (st != CAL_OK)
				return st;
			left -= m < left ? m : left;
		}
		t = w[i].from;
	}
}

enum cal_status sla_ticket_dues_open(const struct sla_plan *plan, const struct sla_category *cat,
				     enum sla_channel ch, sd_time received, const struct sla_override *ov,
				     size_t nov, const struct sla_window *w, size_t nw, sd_time *reaction,
				     sd_time *resolution)
{
	struct sla_phase phase = {received, plan, cat};
	struct sla_ticket tk;
	struct applied a[SLA_MAX_TARGETS];
	sd_time *outs[SLA_NCLOCKS] = {reaction, resolution};

	if (nw == 0)
		return sla_ticket_dues(plan, cat, ch, received, NULL, 0, ov, nov, reaction, resolution);
	memset(&tk, 0, sizeof(tk));
	tk.channel = ch;
	tk.phases = &phase;
	tk.nphases = 1;
	tk.overrides = ov;
	tk.noverrides = nov;
	for (int c = 0; c < SLA_NCLOCKS; c++) {
		size_t n = collect(plan, cat, ch, (enum sla_clock)c, ov, nov, a);

		*outs[c] = SLA_NO_TIME;
		for (size_t i = 0; i < n; i++) {
			struct one o;
			int64_t budget;
			sd_time due;
			enum cal_status st = one_target(&tk, (enum sla_clock)c, &a[i], SLA_NO_TIME, &o);

			if (st == CAL_OK)
				st = cal_between(a[i].t->cal, received, o.due, &budget);
			if (st == CAL_OK)
				st = sla_add_open(a[i].t->cal, w, nw, received, budget, &due);
			if (st != CAL_OK)
				return st;
			if (*outs[c] == SLA_NO_TIME || due < *outs[c])
				*outs[c] = due;
		}
	}
	return CAL_OK;
}
