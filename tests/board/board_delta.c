/* Test helper of tests/board/delta.sh: does a board that follows a change by
 * a partial reload show what a whole snapshot shows?
 *   board_delta CHANGE.sql
 * On the database of the environment (PG*): takes the snapshot as a live
 * board does (prepared, LISTENing on sdesk_changes), runs CHANGE.sql with
 * psql in another session, reads the payloads the change notified (each
 * must name a ticket), re-reads those tickets (board_q_send_delta) and
 * merges them (board_q_merge), then takes a whole snapshot at the same
 * horizon (the clock is pinned) and compares the two field by field.
 * Prints "same: N tickets named, M tickets held" and exits 0, or prints
 * every difference and exits 1; 2 on a usage or setup error. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/board_q.h"
#include "db/db.h"
#include "db/queue.h"

static int diffs;

static void differ(const char *what, const char *ref, const char *a, const char *b)
{
	printf("differ: %s %s: partial '%s', whole '%s'\n", ref, what, a, b);
	diffs++;
}

static void cmp_s(const char *what, const char *ref, const char *a, const char *b)
{
	if (strcmp(a, b) != 0)
		differ(what, ref, a, b);
}

static void cmp_i(const char *what, const char *ref, int64_t a, int64_t b)
{
	char x[32], y[32];

	if (a == b)
		return;
	snprintf(x, sizeof x, "%" PRId64, a);
	snprintf(y, sizeof y, "%" PRId64, b);
	differ(what, ref, x, y);
}

static int by_id(const void *a, const void *b)
{
	const struct board_ticket *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static int by_login(const void *a, const void *b)
{
	return strcmp(((const struct board_agent *)a)->login, ((const struct board_agent *)b)->login);
}

static void compare(struct board_data *p, struct board_data *w)
{
	qsort(p->tickets, p->ntickets, sizeof *p->tickets, by_id);
	qsort(w->tickets, w->ntickets, sizeof *w->tickets, by_id);
	qsort(p->agents, p->nagents, sizeof *p->agents, by_login);
	qsort(w->agents, w->nagents, sizeof *w->agents, by_login);
	cmp_i("tickets held", "board", (int64_t)p->ntickets, (int64_t)w->ntickets);
	for (size_t i = 0, j = 0; i < p->ntickets || j < w->ntickets;) {
		const struct board_ticket *a = i < p->ntickets ? &p->tickets[i] : NULL;
		const struct board_ticket *b = j < w->ntickets ? &w->tickets[j] : NULL;

		if (!b || (a && a->id < b->id)) {
			differ("held", a->ref, "yes", "no");
			i++;
			continue;
		}
		if (!a || b->id < a->id) {
			differ("held", b->ref, "no", "yes");
			j++;
			continue;
		}
		cmp_s("ref", a->ref, a->ref, b->ref);
		cmp_s("customer", a->ref, a->customer, b->customer);
		cmp_s("plan", a->ref, a->plan, b->plan);
		cmp_s("category", a->ref, a->category, b->category);
		cmp_s("status", a->ref, a->status, b->status);
		cmp_s("assignee", a->ref, a->assignee, b->assignee);
		cmp_s("subject", a->ref, a->subject, b->subject);
		cmp_s("team calendar", a->ref, a->team_calendar, b->team_calendar);
		cmp_i("tier", a->ref, a->tier, b->tier);
		cmp_i("escalation", a->ref, a->escalation, b->escalation);
		cmp_i("extended", a->ref, a->extended, b->extended);
		cmp_i("risk minutes", a->ref, a->risk_minutes, b->risk_minutes);
		cmp_i("next only", a->ref, a->next_only, b->next_only);
		cmp_i("received", a->ref, a->received, b->received);
		cmp_i("first contact", a->ref, a->first_contact, b->first_contact);
		cmp_i("reaction due", a->ref, a->reaction_due, b->reaction_due);
		cmp_i("resolution due", a->ref, a->resolution_due, b->resolution_due);
		cmp_i("estimate due", a->ref, a->estimate_due, b->estimate_due);
		cmp_i("paused since", a->ref, a->paused_since, b->paused_since);
		i++;
		j++;
	}
	cmp_i("agents", "board", (int64_t)p->nagents, (int64_t)w->nagents);
	for (size_t i = 0; i < p->nagents && i < w->nagents; i++) {
		cmp_s("login", "agent", p->agents[i].login, w->agents[i].login);
		cmp_s("name", p->agents[i].login, p->agents[i].name, w->agents[i].name);
		cmp_i("open", p->agents[i].login, p->agents[i].open, w->agents[i].open);
		cmp_i("paused", p->agents[i].login, p->agents[i].paused, w->agents[i].paused);
	}
	cmp_i("open", "board", p->open, w->open);
	cmp_i("paused", "board", p->paused, w->paused);
	cmp_i("horizon", "board", p->until, w->until);
	cmp_i("incidents", "board", (int64_t)p->nincidents, (int64_t)w->nincidents);
	for (size_t i = 0; i < p->nincidents && i < w->nincidents; i++) {
		cmp_s("title", "incident", p->incidents[i].title, w->incidents[i].title);
		cmp_i("tickets", p->incidents[i].title, p->incidents[i].tickets, w->incidents[i].tickets);
	}
	cmp_i("reports", "board", (int64_t)p->nreports, (int64_t)w->nreports);
	cmp_i("maintenance", "board", p->has_maint, w->has_maint);
}

int main(int argc, char **argv)
{
	struct board_filter f = {.warn_minutes = -1, .default_minutes = 60};
	struct board_data part = {0}, whole = {0};
	int64_t ids[QUEUE_MAX_IDS];
	size_t n = 0;
	struct db *db;
	struct db_result *res;
	char channel[64], payload[64], cmd[4200];

	if (argc != 2 || strlen(argv[1]) > 4000 || strchr(argv[1], '\'')) {
		fprintf(stderr, "usage: board_delta CHANGE.sql\n");
		return 2;
	}
	f.plan = getenv("BOARD_PLAN");
	f.team = getenv("BOARD_TEAM");
	db = db_connect("");
	if (!db_connected(db) || db_listen(db, DB_CHANGES_CHANNEL) != 0 || board_q_load_live(db, &f, &part) != 0) {
		fprintf(stderr, "board_delta: %s\n", db_last_error(db)->plain);
		return 2;
	}
	snprintf(cmd, sizeof cmd, "psql -X -q -v ON_ERROR_STOP=1 -f '%s' >/dev/null", argv[1]);
	if (system(cmd) != 0) {
		fprintf(stderr, "board_delta: %s failed\n", argv[1]);
		return 2;
	}
	/* The server sends the notifications before it reads the next statement. */
	if (!(res = db_exec(db, "SELECT 1", 0, NULL))) {
		fprintf(stderr, "board_delta: %s\n", db_last_error(db)->plain);
		return 2;
	}
	db_result_free(res);
	while (db_next_notify(db, channel, sizeof channel, payload, sizeof payload) == 1) {
		int64_t id = queue_payload_ticket(payload);
		size_t i;

		if (!id) {
			printf("payload '%s' names no ticket\n", payload);
			return 2;
		}
		for (i = 0; i < n && ids[i] != id; i++)
			;
		if (i == n && n < QUEUE_MAX_IDS)
			ids[n++] = id;
	}
	if (n == 0) {
		printf("the change named no ticket\n");
		return 2;
	}
	if (board_q_delta_load(db, &f, &part, ids, n) != 0 || board_q_load_live(db, &f, &whole) != 0) {
		fprintf(stderr, "board_delta: %s\n", db_last_error(db)->plain);
		return 2;
	}
	compare(&part, &whole);
	if (!diffs)
		printf("same: %zu tickets named, %zu tickets held\n", n, whole.ntickets);
	board_data_free(&part);
	board_data_free(&whole);
	db_close(db);
	return diffs ? 1 : 0;
}
