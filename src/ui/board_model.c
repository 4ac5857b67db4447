/* The breach board's model (see board_model.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "base/util.h"
#include "ui/board_model.h"
#include "ui/qclock.h"

static const struct sla_plan *plan_of(const struct board_ticket *t, const struct board_clock *bc,
				      const struct sla_category **k)
{
	const struct sla_plan *p = bc && bc->cat && t->plan ? sla_plan_find(bc->cat, t->plan) : NULL;

	*k = p && t->category ? sla_category_find(p, t->category) : NULL;
	return p;
}

/* The at-risk threshold of t: --warn-minutes, else the catalogue's for its
 * plan and category, else the snapshot's (plan definition or sdesk.cfg). */
static int risk_of(const struct board_ticket *t, const struct board_clock *bc)
{
	const struct sla_category *k;
	const struct sla_plan *p = plan_of(t, bc, &k);

	if (bc && bc->warn_minutes >= 0)
		return bc->warn_minutes;
	if (p)
		return sla_at_risk_minutes(bc->cat, p, k);
	return t->risk_minutes;
}

void board_ticket_state(const struct board_ticket *t, const struct board_clock *bc, int64_t now,
			struct sla_ticket_state *st)
{
	const struct sla_category *k;
	const struct sla_plan *p = plan_of(t, bc, &k);
	struct sla_state_in in;

	memset(&in, 0, sizeof in);
	in.received = t->received;
	in.due[SLA_K_REACTION] = t->reaction_due;
	in.due[SLA_K_RESOLUTION] = t->resolution_due;
	in.due[SLA_K_ESTIMATE] = t->estimate_due;
	in.first_contact = t->first_contact;
	in.resolved = SLA_NO_TIME; /* the board holds open tickets */
	in.paused_since = t->paused_since;
	if (in.paused_since == BOARD_NO_TIME && t->status && strcmp(t->status, "waiting") == 0)
		in.paused_since = t->received; /* waiting without a pause start: stopped all along */
	in.pause_stops = p ? p->pause_stops : SLA_STOPS_REACTION | SLA_STOPS_RESOLUTION;
	in.team_cal = bc ? sla_team_calendar(bc->cat, t->team_calendar) : NULL;
	in.at_risk_minutes = risk_of(t, bc);
	(void)sla_ticket_state(&in, now, st);
}

int64_t board_due_at(const struct board_ticket *t, const struct board_clock *bc, int64_t now, int *reaction)
{
	struct sla_ticket_state st;

	board_ticket_state(t, bc, now, &st);
	if (reaction)
		*reaction = st.relevant == SLA_K_REACTION;
	return st.relevant >= 0 ? st.due : BOARD_NO_TIME;
}

int64_t board_due(const struct board_ticket *t, int *reaction)
{
	return board_due_at(t, NULL, INT64_MAX - 1, reaction);
}

static enum board_state of_state(enum sla_state s)
{
	switch (s) {
	case SLA_ST_BREACHED:
		return BT_BREACHED;
	case SLA_ST_AT_RISK:
		return BT_AT_RISK;
	case SLA_ST_PAUSED:
		return BT_PAUSED;
	default:
		return BT_RUNNING;
	}
}

enum board_state board_state_at(const struct board_ticket *t, const struct board_clock *bc, int64_t now)
{
	struct sla_ticket_state st;

	board_ticket_state(t, bc, now, &st);
	return of_state(st.state);
}

enum board_state board_state(const struct board_ticket *t, int64_t now)
{
	return board_state_at(t, NULL, now);
}

void board_view_free(struct board_view *v)
{
	free(v->breached_i);
	free(v->risk_i);
	free(v->next_i);
	free(v->esc_i);
	free(v->loads);
	memset(v, 0, sizeof *v);
}

/* qsort has no context argument: the data being sorted, and each ticket's
 * state at the view's instant (index as in sort_d->tickets). */
static const struct board_data *sort_d;
static const struct sla_ticket_state *sort_st;
static const struct board_clock *sort_bc;

/* The category's severity (1 = most severe; 99 unknown): the queue's tie
 * breaker (qclock_sort), so the board orders ties as the console does. */
static int severity_of(const struct board_ticket *t)
{
	const struct sla_category *k;

	(void)plan_of(t, sort_bc, &k);
	return k ? k->severity : 99;
}

static int cmp_due(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	struct sla_order_key x = {&sort_st[i], severity_of(&sort_d->tickets[i]), sort_d->tickets[i].received,
				  sort_d->tickets[i].id};
	struct sla_order_key y = {&sort_st[j], severity_of(&sort_d->tickets[j]), sort_d->tickets[j].received,
				  sort_d->tickets[j].id};

	return sla_state_cmp(&x, &y);
}

static int cmp_esc(const void *a, const void *b)
{
	const struct board_ticket *x = &sort_d->tickets[*(const size_t *)a];
	const struct board_ticket *y = &sort_d->tickets[*(const size_t *)b];
	int lx = x->escalation + x->extended * 4, ly = y->escalation + y->extended * 4;

	if (lx != ly)
		return ly - lx;
	return cmp_due(a, b);
}

static int cmp_load(const void *a, const void *b)
{
	const struct board_load *x = a, *y = b;

	if (x->breached != y->breached)
		return y->breached - x->breached;
	if (x->at_risk != y->at_risk)
		return y->at_risk - x->at_risk;
	if (x->open != y->open)
		return y->open - x->open;
	return strcmp(x->login, y->login);
}

static struct board_load *load_of(struct board_view *v, const char *login)
{
	for (size_t i = 0; i < v->nloads; i++)
		if (strcmp(v->loads[i].login, login) == 0)
			return &v->loads[i];
	return NULL;
}

void board_view_compute(const struct board_data *d, const struct board_clock *bc, int64_t now,
			struct board_view *v)
{
	size_t cap = d->ntickets ? d->ntickets : 1;
	struct sla_ticket_state *sts = xcalloc(cap, sizeof *sts);

	board_view_free(v);
	v->now = now;
	v->bc = bc;
	v->next_change = BOARD_NO_TIME;
	v->open = d->open;
	v->paused = d->paused;
	v->breached_i = xcalloc(cap, sizeof(size_t));
	v->risk_i = xcalloc(cap, sizeof(size_t));
	v->next_i = xcalloc(cap, sizeof(size_t));
	v->esc_i = xcalloc(cap, sizeof(size_t));
	v->loads = xcalloc(d->nagents + d->ntickets + 1, sizeof *v->loads);
	for (size_t i = 0; i < d->nagents; i++) {
		struct board_load *l = &v->loads[v->nloads++];

		l->login = d->agents[i].login;
		l->name = d->agents[i].name;
		l->open = d->agents[i].open;
	}
	for (size_t i = 0; i < d->ntickets; i++) {
		const struct board_ticket *t = &d->tickets[i];
		enum board_state st;
		int64_t due, change = BOARD_NO_TIME;

		board_ticket_state(t, bc, now, &sts[i]);
		st = of_state(sts[i].state);
		due = sts[i].relevant >= 0 ? sts[i].due : BOARD_NO_TIME;
		struct board_load *l = load_of(v, t->assignee);

		if (!l) { /* not in the aggregate (filters, a race): count it here */
			l = &v->loads[v->nloads++];
			l->login = l->name = t->assignee;
		}
		if (st == BT_BREACHED) {
			v->breached_i[v->nbreached++] = i;
			v->breached++;
			l->breached++;
		} else if (st == BT_AT_RISK) {
			v->risk_i[v->nrisk++] = i;
			v->at_risk++;
			l->at_risk++;
			change = due + 1; /* breached once now is past the due instant */
		} else if (st == BT_RUNNING) {
			v->next_i[v->nnext++] = i;
			/* At risk once the wall minutes left (rounded down) reach the
			 * threshold; on a team calendar the minute ticks find it. */
			if (due != BOARD_NO_TIME && !sts[i].business)
				change = due - ((int64_t)risk_of(t, bc) + 1) * 60 + 1;
		}
		if (change != BOARD_NO_TIME && (v->next_change == BOARD_NO_TIME || change < v->next_change))
			v->next_change = change;
		if (t->escalation > 0 || t->extended || t->tier == 3)
			v->esc_i[v->nesc++] = i;
	}
	sort_d = d;
	sort_st = sts;
	sort_bc = bc;
	qsort(v->breached_i, v->nbreached, sizeof(size_t), cmp_due);
	qsort(v->risk_i, v->nrisk, sizeof(size_t), cmp_due);
	qsort(v->next_i, v->nnext, sizeof(size_t), cmp_due);
	qsort(v->esc_i, v->nesc, sizeof(size_t), cmp_esc);
	qsort(v->loads, v->nloads, sizeof *v->loads, cmp_load);
	sort_d = NULL;
	sort_st = NULL;
	sort_bc = NULL;
	/* Next up: only tickets with a clock, at most BOARD_NEXT_UP. */
	size_t n = 0;
	for (size_t i = 0; i < v->nnext && n < BOARD_NEXT_UP; i++)
		if (sts[v->next_i[i]].relevant >= 0)
			v->next_i[n++] = v->next_i[i];
	v->nnext = n;
	free(sts);
}

int64_t board_next_tick(const struct board_view *v, int seconds_shown)
{
	int64_t next = v->now - (v->now % 60 + 60) % 60 + 60;

	if (seconds_shown)
		return v->now + 1;
	if (v->next_change != BOARD_NO_TIME && v->next_change > v->now && v->next_change < next)
		next = v->next_change;
	return next;
}

void board_format_left(int64_t due, int64_t now, char *buf, size_t len)
{
	int64_t s, m;
	const char *d = sd_fmt_day_unit();
	char span[48];

	if (due == BOARD_NO_TIME) {
		snprintf(buf, len, "-");
		return;
	}
	s = due - now;
	if (s <= 0) {
		m = -s / 60;
		if (m < 60)
			snprintf(span, sizeof span, "%lldm", (long long)m);
		else if (m < 24 * 60)
			snprintf(span, sizeof span, "%lldh %02lldm", (long long)(m / 60), (long long)(m % 60));
		else
			snprintf(span, sizeof span, "%lld%s %lldh", (long long)(m / 1440), d, (long long)(m % 1440 / 60));
		sd_fmt_ago(span, buf, len);
		return;
	}
	m = s / 60;
	if (s <= BOARD_SECONDS_BELOW)
		snprintf(buf, len, "%lldm %02llds", (long long)m, (long long)(s % 60));
	else if (m < 60)
		snprintf(buf, len, "%lldm", (long long)m);
	else if (m < 24 * 60)
		snprintf(buf, len, "%lldh %02lldm", (long long)(m / 60), (long long)(m % 60));
	else
		snprintf(buf, len, "%lld%s %lldh", (long long)(m / 1440), d, (long long)(m % 1440 / 60));
}

/* Working minutes of the team's next working day (qclock's days), 0 when
 * the ticket has no team calendar. */
static int board_day_minutes(const struct board_ticket *t, const struct board_clock *bc, int64_t now)
{
	const struct calendar *cal = bc ? sla_team_calendar(bc->cat, t->team_calendar) : NULL;

	return cal ? qclock_day_minutes(cal, now) : 0;
}

void board_format_state(const struct board_ticket *t, const struct board_clock *bc, int64_t now, char *buf,
			size_t len, int *ticking)
{
	struct sla_ticket_state st;
	int64_t wall;

	*ticking = 0;
	board_ticket_state(t, bc, now, &st);
	if (st.relevant < 0) {
		snprintf(buf, len, "-");
		return;
	}
	if (st.state == SLA_ST_BREACHED || !st.business) {
		board_format_left(st.due, now, buf, len);
		*ticking = st.due > now && st.due - now <= BOARD_SECONDS_BELOW;
		return;
	}
	wall = st.due > now ? (st.due - now) / 60 : 0;
	if (st.left == wall) { /* the desk is open all the way: the wall countdown */
		board_format_left(st.due, now, buf, len);
		*ticking = st.due > now && st.due - now <= BOARD_SECONDS_BELOW;
		return;
	}
	/* The team's working minutes, standing still while the desk is closed,
	 * in days of the team's working day as the console's queue shows them
	 * (a day of working time is not 24 h). */
	sd_fmt_span(st.left, board_day_minutes(t, bc, now), buf, len);
}

int board_day_percent(const struct board_day *d)
{
	if (d->due <= 0)
		return -1;
	return (int)((int64_t)d->met * 100 / d->due);
}
