/* The breach board's model (see board_model.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "ui/board_model.h"

int64_t board_due(const struct board_ticket *t, int *reaction)
{
	int64_t res = t->estimate_due != BOARD_NO_TIME ? t->estimate_due : t->resolution_due;
	int64_t due = res;

	if (reaction)
		*reaction = 0;
	if (t->first_contact == BOARD_NO_TIME && t->reaction_due != BOARD_NO_TIME
	    && (res == BOARD_NO_TIME || t->reaction_due <= res)) {
		due = t->reaction_due;
		if (reaction)
			*reaction = 1;
	}
	return due;
}

enum board_state board_state(const struct board_ticket *t, int64_t now)
{
	int64_t due = board_due(t, NULL);

	if (strcmp(t->status, "waiting") == 0 || t->paused_since != BOARD_NO_TIME)
		return BT_PAUSED;
	if (due == BOARD_NO_TIME)
		return BT_RUNNING;
	if (due <= now)
		return BT_BREACHED;
	if (due - now < (int64_t)t->risk_minutes * 60)
		return BT_AT_RISK;
	return BT_RUNNING;
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

/* qsort has no context argument: the data being sorted. */
static const struct board_data *sort_d;

static int cmp_due(const void *a, const void *b)
{
	const struct board_ticket *x = &sort_d->tickets[*(const size_t *)a];
	const struct board_ticket *y = &sort_d->tickets[*(const size_t *)b];
	int64_t dx = board_due(x, NULL), dy = board_due(y, NULL);

	if (dx != dy) {
		if (dx == BOARD_NO_TIME)
			return 1;
		if (dy == BOARD_NO_TIME)
			return -1;
		return dx < dy ? -1 : 1;
	}
	return x->id < y->id ? -1 : x->id > y->id;
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

void board_view_compute(const struct board_data *d, int64_t now, struct board_view *v)
{
	size_t cap = d->ntickets ? d->ntickets : 1;

	board_view_free(v);
	v->now = now;
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
		enum board_state st = board_state(t, now);
		int64_t due = board_due(t, NULL), change = BOARD_NO_TIME;
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
			change = due;
		} else if (st == BT_RUNNING) {
			v->next_i[v->nnext++] = i;
			if (due != BOARD_NO_TIME)
				change = due - (int64_t)t->risk_minutes * 60;
		}
		if (change != BOARD_NO_TIME && (v->next_change == BOARD_NO_TIME || change < v->next_change))
			v->next_change = change;
		if (t->escalation > 0 || t->extended || t->tier == 3)
			v->esc_i[v->nesc++] = i;
	}
	sort_d = d;
	qsort(v->breached_i, v->nbreached, sizeof(size_t), cmp_due);
	qsort(v->risk_i, v->nrisk, sizeof(size_t), cmp_due);
	qsort(v->next_i, v->nnext, sizeof(size_t), cmp_due);
	qsort(v->esc_i, v->nesc, sizeof(size_t), cmp_esc);
	qsort(v->loads, v->nloads, sizeof *v->loads, cmp_load);
	sort_d = NULL;
	/* Next up: only tickets with a clock, at most BOARD_NEXT_UP. */
	size_t n = 0;
	for (size_t i = 0; i < v->nnext && n < BOARD_NEXT_UP; i++)
		if (board_due(&d->tickets[v->next_i[i]], NULL) != BOARD_NO_TIME)
			v->next_i[n++] = v->next_i[i];
	v->nnext = n;
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

	if (due == BOARD_NO_TIME) {
		snprintf(buf, len, "-");
		return;
	}
	s = due - now;
	if (s <= 0) {
		m = -s / 60;
		if (m < 60)
			snprintf(buf, len, "%lldm ago", (long long)m);
		else if (m < 24 * 60)
			snprintf(buf, len, "%lldh %02lldm ago", (long long)(m / 60), (long long)(m % 60));
		else
			snprintf(buf, len, "%lldd %lldh ago", (long long)(m / 1440), (long long)(m % 1440 / 60));
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
		snprintf(buf, len, "%lldd %lldh", (long long)(m / 1440), (long long)(m % 1440 / 60));
}

int board_day_percent(const struct board_day *d)
{
	if (d->due <= 0)
		return -1;
	return (int)((int64_t)d->met * 100 / d->due);
}
