/* The console's read queries, through the gateway (db/db.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "db/db.h"
#include "db/queue.h"

#define EPOCH(col) "floor(extract(epoch FROM " col "))::bigint"

/* The columns of struct queue_row, in order. The relevant clock is reaction
 * until the first qualified contact, then the estimate told to the customer,
 * else resolution (same rule as console_row_due). */
#define ROW_COLUMNS \
	"t.id, t.ref, a.name, c.plan_code, t.category, t.channel, t.status, " \
	"coalesce(t.assignee, ''), t.subject, t.tier, t.escalation_level, " \
	"t.escalation_extended::int, " EPOCH("t.received_at") ", " EPOCH("t.first_contact_at") ", " \
	EPOCH("t.reaction_due") ", " EPOCH("t.resolution_due") ", " EPOCH("t.estimate_due") ", " \
	EPOCH("t.paused_since")
#define ROW_NCOLS 18
#define ROW_FROM \
	" FROM ticket t JOIN account a ON a.id = t.account_id JOIN contract c ON c.id = t.contract_id"

static const char queue_sql[] =
	"SELECT " ROW_COLUMNS ROW_FROM
	" WHERE t.status IN ('new', 'open', 'waiting')"
	" ORDER BY CASE WHEN t.first_contact_at IS NULL THEN t.reaction_due"
	" ELSE coalesce(t.estimate_due, t.resolution_due) END NULLS LAST, t.received_at, t.id";

static const char ticket_sql[] =
	"SELECT " ROW_COLUMNS ", t.description, a.code, coalesce(k.name, ''), coalesce(k.role, ''),"
	" coalesce(k.email, ''), coalesce(k.phone, '')" ROW_FROM
	" LEFT JOIN contact k ON k.id = t.contact_id WHERE t.id = $1";

static const char history_sql[] =
	"SELECT " EPOCH("at") ", who, action,"
	" CASE WHEN action = 'create' OR new IS NULL THEN '' ELSE new::text END"
	" FROM history WHERE ticket_id = $1 ORDER BY at, id";

static const char whoami_sql[] = "SELECT session_user::text, current_database()::text";

static char *str(const struct db_result *res, int row, int col)
{
	const char *v = db_result_value(res, row, col);

	return xstrdup(v ? v : "");
}

static int64_t num(const struct db_result *res, int row, int col, int64_t null)
{
	const char *v = db_result_value(res, row, col);

	return v ? strtoll(v, NULL, 10) : null;
}

static void row_read(struct queue_row *r, const struct db_result *res, int i)
{
	r->id = num(res, i, 0, 0);
	r->ref = str(res, i, 1);
	r->customer = str(res, i, 2);
	r->plan = str(res, i, 3);
	r->category = str(res, i, 4);
	r->channel = str(res, i, 5);
	r->status = str(res, i, 6);
	r->assignee = str(res, i, 7);
	r->subject = str(res, i, 8);
	r->tier = (int)num(res, i, 9, 1);
	r->escalation = (int)num(res, i, 10, 0);
	r->extended = (int)num(res, i, 11, 0);
	r->received = num(res, i, 12, QUEUE_NO_TIME);
	r->first_contact = num(res, i, 13, QUEUE_NO_TIME);
	r->reaction_due = num(res, i, 14, QUEUE_NO_TIME);
	r->resolution_due = num(res, i, 15, QUEUE_NO_TIME);
	r->estimate_due = num(res, i, 16, QUEUE_NO_TIME);
	r->paused_since = num(res, i, 17, QUEUE_NO_TIME);
}

static void row_free(struct queue_row *r)
{
	free(r->ref);
	free(r->customer);
	free(r->plan);
	free(r->category);
	free(r->channel);
	free(r->status);
	free(r->assignee);
	free(r->subject);
	memset(r, 0, sizeof *r);
}

void queue_free(struct queue *q)
{
	for (size_t i = 0; i < q->n; i++)
		row_free(&q->rows[i]);
	free(q->rows);
	q->rows = NULL;
	q->n = 0;
}

int queue_load(struct db *db, struct queue *q)
{
	struct db_result *res = db_exec(db, queue_sql, 0, NULL);
	int n;

	if (!res)
		return -1;
	queue_free(q);
	n = db_result_rows(res);
	q->rows = xcalloc((size_t)(n ? n : 1), sizeof *q->rows);
	for (int i = 0; i < n; i++)
		row_read(&q->rows[i], res, i);
	q->n = (size_t)n;
	db_result_free(res);
	return 0;
}

void queue_ticket_free(struct queue_ticket *t)
{
	row_free(&t->row);
	free(t->description);
	free(t->account_code);
	free(t->contact);
	free(t->contact_role);
	free(t->contact_email);
	free(t->contact_phone);
	for (size_t i = 0; i < t->nevents; i++) {
		free(t->events[i].who);
		free(t->events[i].action);
		free(t->events[i].detail);
	}
	free(t->events);
	memset(t, 0, sizeof *t);
}

int queue_load_ticket(struct db *db, int64_t id, struct queue_ticket *t)
{
	char idbuf[32];
	const char *params[1] = {idbuf};
	struct db_result *res, *hist;
	int n;

	snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
	res = db_exec(db, ticket_sql, 1, params);
	if (!res)
		return -1;
	hist = db_exec(db, history_sql, 1, params);
	if (!hist) {
		db_result_free(res);
		return -1;
	}
	queue_ticket_free(t);
	if (db_result_rows(res) == 0) {
		db_result_free(res);
		db_result_free(hist);
		return 1;
	}
	row_read(&t->row, res, 0);
	t->description = str(res, 0, ROW_NCOLS);
	t->account_code = str(res, 0, ROW_NCOLS + 1);
	t->contact = str(res, 0, ROW_NCOLS + 2);
	t->contact_role = str(res, 0, ROW_NCOLS + 3);
	t->contact_email = str(res, 0, ROW_NCOLS + 4);
	t->contact_phone = str(res, 0, ROW_NCOLS + 5);
	n = db_result_rows(hist);
	t->events = xcalloc((size_t)(n ? n : 1), sizeof *t->events);
	for (int i = 0; i < n; i++) {
		t->events[i].at = num(hist, i, 0, QUEUE_NO_TIME);
		t->events[i].who = str(hist, i, 1);
		t->events[i].action = str(hist, i, 2);
		t->events[i].detail = str(hist, i, 3);
	}
	t->nevents = (size_t)n;
	db_result_free(res);
	db_result_free(hist);
	return 0;
}

int queue_whoami(struct db *db, char **user, char **dbname)
{
	struct db_result *res = db_exec(db, whoami_sql, 0, NULL);

	if (!res)
		return -1;
	*user = str(res, 0, 0);
	*dbname = str(res, 0, 1);
	db_result_free(res);
	return 0;
}
