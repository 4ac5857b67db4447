/* The console's read queries, through the gateway (db/db.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "db/db.h"
#include "db/sqlfrag.h"
#include "db/queue.h"


/* The columns of struct queue_row, in order. The relevant clock is reaction
 * until the first qualified contact, then the estimate told to the customer,
 * else resolution (same rule as console_row_due). */
#define ROW_COLUMNS \
	"t.id, t.ref, a.name, c.plan_code, t.category, t.channel, t.status, " \
	"coalesce(t.assignee, ''), t.subject, t.tier, t.escalation_level, " \
	"t.escalation_extended::int, " EPOCH("t.received_at") ", " EPOCH("t.first_contact_at") ", " \
	EPOCH("t.reaction_due") ", " EPOCH("t.resolution_due") ", " EPOCH("t.estimate_due") ", " \
	EPOCH("t.paused_since") ", t.account_id, t.contract_id, coalesce(g.team_id, 0), t.managed_service::int, " \
	"contract_overrides(c), " \
	"coalesce((SELECT m.staffed_calendar FROM team m WHERE m.id = g.team_id), ''), " \
	EPOCH("t.resolved_at")
#define ROW_NCOLS 25
#define ROW_FROM \
	" FROM ticket t JOIN account a ON a.id = t.account_id JOIN contract c ON c.id = t.contract_id" \
	" LEFT JOIN agent g ON g.login = t.assignee"

/* The open tickets, then the QUEUE_DONE_ROWS most recently resolved or
 * closed ones (the console's resolved and closed views; index
 * ticket_done_recent of 0018). */
static const char queue_sql[] =
	"(SELECT " ROW_COLUMNS ROW_FROM
	" WHERE t.status IN ('new', 'open', 'waiting') ORDER BY t.id)"
	" UNION ALL (SELECT " ROW_COLUMNS ROW_FROM
	" WHERE t.status IN ('resolved', 'closed') ORDER BY t.resolved_at DESC, t.id DESC LIMIT " QUEUE_DONE_ROWS_SQL ")";

/* The same rows for a few tickets (a NOTIFY's), whatever their status: the
 * queue's cost per change is then a primary-key lookup, not every open
 * ticket (doc/admin.md, "What one change costs"). */
static const char queue_ids_sql[] =
	"SELECT " ROW_COLUMNS ROW_FROM " WHERE t.id = ANY ($1::bigint[]) ORDER BY t.id";

static const char ticket_sql[] =
	"SELECT " ROW_COLUMNS ", t.description, a.code, coalesce(k.name, ''), coalesce(k.role, ''),"
	" coalesce(k.email, ''), coalesce(k.phone, ''), c.valid_from::text || ' - ' || coalesce(c.valid_to::text, 'open end'), " EPOCH("t.managed_told_at")
	", coalesce(t.managed_told_via, ''),"
	/* This month's time of the account: a range on time_entry_account, not
	 * sdesk_local_date() per row of the account's history. */
	" (SELECT coalesce(sum(e.amount_cents), 0) FROM time_entry e, (SELECT date_trunc('month', sdesk_now()"
	"  AT TIME ZONE 'Europe/Berlin') AS m) b WHERE e.account_id = t.account_id"
	"  AND e.started_at >= b.m AT TIME ZONE 'Europe/Berlin'"
	"  AND e.started_at < (b.m + interval '1 month') AT TIME ZONE 'Europe/Berlin')" ROW_FROM
	" LEFT JOIN contact k ON k.id = t.contact_id WHERE t.id = $1";

/* detail: the fields the entry changed, "key=value, ..." (instants as Unix
 * seconds, for the client to show in its zone); then what the console says
 * in words (struct queue_event). */
static const char history_sql[] =
	"SELECT " EPOCH("h.at") ", coalesce(g.display_name, h.who), h.action,"
	" CASE WHEN h.action = 'create' OR h.new IS NULL THEN '' ELSE coalesce((SELECT string_agg(e.key || '='"
	"  || CASE WHEN jsonb_typeof(e.value) = 'string' AND e.value #>> '{}' ~ '^\\d{4}-\\d\\d-\\d\\dT'"
	"  THEN '@' || extract(epoch FROM (e.value #>> '{}')::timestamptz)::bigint"
	"  WHEN jsonb_typeof(e.value) = 'string' THEN e.value #>> '{}' ELSE e.value::text END, ', ' ORDER BY e.key)"
	"  FROM jsonb_each(jsonb_changed(h.new, h.old)) e), '') END,"
	" h.entity, CASE WHEN h.new ? 'assignee' THEN coalesce((SELECT a.display_name FROM agent a"
	"  WHERE a.login = h.new ->> 'assignee'), h.new ->> 'assignee', '-') END,"
	" h.new ->> 'status', h.new ->> 'tier', h.new ->> 'escalation_level', h.new ->> 'escalation_extended',"
	" coalesce(h.new ->> 'reason', h.new ->> 'note', h.new ->> 'report'),"
	" h.new ->> 'duration_s', h.new ->> 'minutes',"
	" l.free, l.credit, l.points, coalesce(h.new ->> 'price_cents', h.new ->> 'amount_cents'),"
	" h.new ->> 'channel', h.new ->> 'category', h.new ->> 'kind'"
	" FROM history h LEFT JOIN agent g ON g.login = h.who"
	" LEFT JOIN LATERAL (SELECT -sum(b.amount) FILTER (WHERE b.kind = 'consumption' AND b.pool = 'phone') AS free,"
	"  -sum(b.amount) FILTER (WHERE b.kind = 'consumption' AND b.pool = 'activation') AS credit,"
	"  -sum(b.amount) FILTER (WHERE b.kind = 'consumption' AND b.unit = 'points') AS points"
	"  FROM budget_ledger b WHERE (h.entity = 'call' AND b.source_call_id = (h.new ->> 'id')::bigint)"
	"  OR (h.entity = 'time_entry' AND b.source_time_entry_id = (h.new ->> 'id')::bigint)) l ON true"
	" WHERE h.ticket_id = $1 ORDER BY h.at, h.id";

static const char calls_sql[] =
	"SELECT " EPOCH("started_at") ", duration_s, kind, price_cents, agent FROM call"
	" WHERE ticket_id = $1 ORDER BY started_at, id";
static const char times_sql[] =
	"SELECT " EPOCH("started_at") ", minutes, kind, amount_cents, agent, note FROM time_entry"
	" WHERE ticket_id = $1 ORDER BY started_at, id";
static const char incidents_sql[] =
	"SELECT i.id, i.title, i.status FROM ticket_incident ti JOIN incident i ON i.id = ti.incident_id"
	" WHERE ti.ticket_id = $1 ORDER BY i.id";
static const char devs_sql[] =
	"SELECT tracker, ref, kind, coalesce(url, '') FROM dev_link WHERE ticket_id = $1 ORDER BY id";
static const char estimates_sql[] =
	"SELECT seq, " EPOCH("due") ", coalesce(reason, ''), set_by FROM ticket_estimate"
	" WHERE ticket_id = $1 ORDER BY seq";

static const char messages_sql[] =
	"SELECT " EPOCH("m.at") ", m.kind, m.channel,"
	" coalesce(g.display_name, m.author, nullif(m.sender_name, ''), m.sender, ''), m.body"
	" FROM ticket_message m LEFT JOIN agent g ON g.login = m.author"
	" WHERE m.ticket_id = $1 ORDER BY m.at, m.id";

static const char me_sql[] =
	"SELECT session_user::text, current_database()::text, (g.login IS NOT NULL)::int,"
	" coalesce(g.is_lead, false)::int, coalesce(g.tier, 1), coalesce(g.team_id, 0)"
	" FROM (SELECT 1) x LEFT JOIN agent g ON g.login = session_user AND g.active";

static const char accounts_sql[] =
	"SELECT a.id, a.code, a.name, coalesce(c.id, 0), coalesce(c.plan_code, ''),"
	" coalesce((c.valid_from <= (SELECT sdesk_local_date(sdesk_now())) AND (c.valid_to IS NULL"
	"  OR c.valid_to >= (SELECT sdesk_local_date(sdesk_now()))))::int, 0),"
	" coalesce(c.valid_from::text || ' - ' || coalesce(c.valid_to::text, 'open end'), 'no contract'),"
	" CASE WHEN c.id IS NULL THEN '' ELSE " "contract_overrides(c)" " END"
	" FROM account a LEFT JOIN LATERAL (SELECT * FROM contract c WHERE c.account_id = a.id"
	"  ORDER BY (c.valid_from <= (SELECT sdesk_local_date(sdesk_now())) AND (c.valid_to IS NULL"
	"  OR c.valid_to >= (SELECT sdesk_local_date(sdesk_now())))) DESC, c.valid_from DESC, c.id DESC LIMIT 1) c ON true"
	" ORDER BY a.name, a.id";
static const char contacts_sql[] =
	"SELECT id, account_id, name, (role = 'key_user')::int FROM contact WHERE active"
	" ORDER BY account_id, role DESC, name, id";
static const char agents_sql[] = "SELECT login FROM agent WHERE active ORDER BY login";
static const char open_incidents_sql[] =
	"SELECT id, title, status FROM incident WHERE status <> 'resolved' ORDER BY id";

static const char whoami_sql[] = "SELECT session_user::text, current_database()::text";

static void row_read(struct queue_row *r, const struct db_result *res, int i)
{
	r->id = db_result_int64(res, i, 0, 0);
	r->ref = db_result_strdup(res, i, 1);
	r->customer = db_result_strdup(res, i, 2);
	r->plan = db_result_strdup(res, i, 3);
	r->category = db_result_strdup(res, i, 4);
	r->channel = db_result_strdup(res, i, 5);
	r->status = db_result_strdup(res, i, 6);
	r->assignee = db_result_strdup(res, i, 7);
	r->subject = db_result_strdup(res, i, 8);
	r->tier = (int)db_result_int64(res, i, 9, 1);
	r->escalation = (int)db_result_int64(res, i, 10, 0);
	r->extended = (int)db_result_int64(res, i, 11, 0);
	r->received = db_result_int64(res, i, 12, QUEUE_NO_TIME);
	r->first_contact = db_result_int64(res, i, 13, QUEUE_NO_TIME);
	r->reaction_due = db_result_int64(res, i, 14, QUEUE_NO_TIME);
	r->resolution_due = db_result_int64(res, i, 15, QUEUE_NO_TIME);
	r->estimate_due = db_result_int64(res, i, 16, QUEUE_NO_TIME);
	r->paused_since = db_result_int64(res, i, 17, QUEUE_NO_TIME);
	r->account_id = db_result_int64(res, i, 18, 0);
	r->contract_id = db_result_int64(res, i, 19, 0);
	r->team = db_result_int64(res, i, 20, 0);
	r->managed = (int)db_result_int64(res, i, 21, 0);
	r->overrides = db_result_strdup(res, i, 22);
	r->team_calendar = db_result_strdup(res, i, 23);
	r->resolved = db_result_int64(res, i, 24, QUEUE_NO_TIME);
}

static void row_free(struct queue_row *r)
{
	free(r->team_calendar);
	free(r->ref);
	free(r->customer);
	free(r->plan);
	free(r->category);
	free(r->channel);
	free(r->status);
	free(r->assignee);
	free(r->subject);
	free(r->overrides);
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

void queue_take(const struct db_result *res, struct queue *q)
{
	int n = db_result_rows(res);

	queue_free(q);
	q->rows = xcalloc((size_t)(n ? n : 1), sizeof *q->rows);
	for (int i = 0; i < n; i++)
		row_read(&q->rows[i], res, i);
	q->n = (size_t)n;
}

int queue_load(struct db *db, struct queue *q)
{
	struct db_result *res = db_exec(db, queue_sql, 0, NULL);

	if (!res)
		return -1;
	queue_take(res, q);
	db_result_free(res);
	return 0;
}

int queue_send(struct db *db)
{
	return db_send(db, queue_sql, 0, NULL);
}

int64_t queue_payload_ticket(const char *payload)
{
	char *end;
	long long v;

	if (!payload || *payload < '1' || *payload > '9' || strlen(payload) > 18)
		return 0; /* not a number, or one that might not fit */
	v = strtoll(payload, &end, 10);
	return *end == '\0' && v > 0 ? (int64_t)v : 0;
}

int queue_send_ids(struct db *db, const int64_t *ids, size_t n)
{
	struct strbuf arr = {0};
	const char *params[1];
	int rc;

	sb_append(&arr, "{");
	for (size_t i = 0; i < n; i++)
		sb_printf(&arr, "%s%lld", i ? "," : "", (long long)ids[i]);
	sb_append(&arr, "}");
	params[0] = arr.buf;
	rc = db_send(db, queue_ids_sql, 1, params);
	sb_free(&arr);
	return rc;
}

int queue_row_done(const struct queue_row *r)
{
	return strcmp(r->status, "resolved") == 0 || strcmp(r->status, "closed") == 0;
}

/* The whole reload's order of the done part: resolved_at descending (NULL
 * first, as PostgreSQL sorts NULL in DESC), then id descending. */
static int cmp_done(const void *pa, const void *pb)
{
	const struct queue_row *a = pa, *b = pb;

	if (a->resolved != b->resolved) {
		if (a->resolved == QUEUE_NO_TIME)
			return -1;
		if (b->resolved == QUEUE_NO_TIME)
			return 1;
		return a->resolved > b->resolved ? -1 : 1;
	}
	return a->id > b->id ? -1 : a->id < b->id;
}

int queue_merge(const struct db_result *res, struct queue *q, const int64_t *ids, size_t n)
{
	int rows = db_result_rows(res);
	size_t nopen = 0, ndone = 0, done_before = 0, total = q->n + (size_t)rows;
	struct queue_row *open = xcalloc(total + 1, sizeof *open);
	struct queue_row *done = xcalloc(total + 1, sizeof *done);

	for (size_t i = 0; i < q->n; i++) {
		int changed = 0;

		done_before += queue_row_done(&q->rows[i]) != 0;
		for (size_t j = 0; j < n && !changed; j++)
			changed = q->rows[i].id == ids[j];
		if (changed)
			row_free(&q->rows[i]);
		else if (queue_row_done(&q->rows[i]))
			done[ndone++] = q->rows[i];
		else
			open[nopen++] = q->rows[i];
	}
	for (int r = 0; r < rows; r++) {
		struct queue_row row;

		row_read(&row, res, r);
		if (queue_row_done(&row))
			done[ndone++] = row;
		else
			open[nopen++] = row;
	}
	qsort(done, ndone, sizeof *done, cmp_done);
	while (ndone > QUEUE_DONE_ROWS)
		row_free(&done[--ndone]);
	free(q->rows);
	memcpy(open + nopen, done, ndone * sizeof *done);
	free(done);
	q->rows = open;
	q->n = nopen + ndone;
	/* A full done part lost a row (a ticket reopened): a whole reload would
	 * show the next older one, which this queue never had. */
	return done_before >= QUEUE_DONE_ROWS && ndone < QUEUE_DONE_ROWS;
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
	free(t->contract_valid);
	free(t->managed_told_via);
	for (size_t i = 0; i < t->nevents; i++) {
		free(t->events[i].who);
		free(t->events[i].action);
		free(t->events[i].detail);
		free(t->events[i].entity);
		for (int k = 0; k < QUEUE_EV_NFIELDS; k++)
			free(t->events[i].f[k]);
	}
	free(t->events);
	for (size_t i = 0; i < t->ncalls; i++) {
		free(t->calls[i].kind);
		free(t->calls[i].agent);
	}
	free(t->calls);
	for (size_t i = 0; i < t->ntimes; i++) {
		free(t->times[i].kind);
		free(t->times[i].agent);
		free(t->times[i].note);
	}
	free(t->times);
	for (size_t i = 0; i < t->nincidents; i++) {
		free(t->incidents[i].title);
		free(t->incidents[i].status);
	}
	free(t->incidents);
	for (size_t i = 0; i < t->ndevs; i++) {
		free(t->devs[i].tracker);
		free(t->devs[i].ref);
		free(t->devs[i].kind);
		free(t->devs[i].url);
	}
	free(t->devs);
	for (size_t i = 0; i < t->nestimates; i++) {
		free(t->estimates[i].reason);
		free(t->estimates[i].who);
	}
	free(t->estimates);
	for (size_t i = 0; i < t->nmessages; i++) {
		free(t->messages[i].kind);
		free(t->messages[i].channel);
		free(t->messages[i].author);
		free(t->messages[i].body);
	}
	free(t->messages);
	memset(t, 0, sizeof *t);
}

/* Runs the per-ticket list queries; NULL entries on error (all freed). */
#define TICKET_LISTS 7
static int exec_lists(struct db *db, const char *const *params, struct db_result *out[TICKET_LISTS])
{
	static const char *const sql[TICKET_LISTS] = {history_sql, calls_sql, times_sql,
						       incidents_sql, devs_sql, estimates_sql, messages_sql};

	for (int i = 0; i < TICKET_LISTS; i++) {
		out[i] = db_exec(db, sql[i], 1, params);
		if (!out[i]) {
			while (i-- > 0)
				db_result_free(out[i]);
			return -1;
		}
	}
	return 0;
}

int queue_load_ticket(struct db *db, int64_t id, struct queue_ticket *t)
{
	char idbuf[32];
	const char *params[1] = {idbuf};
	struct db_result *res, *hist, *l[TICKET_LISTS];
	int n;

	snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
	res = db_exec(db, ticket_sql, 1, params);
	if (!res)
		return -1;
	if (exec_lists(db, params, l) != 0) {
		db_result_free(res);
		return -1;
	}
	hist = l[0];
	queue_ticket_free(t);
	if (db_result_rows(res) == 0) {
		db_result_free(res);
		for (int i = 0; i < TICKET_LISTS; i++)
			db_result_free(l[i]);
		return 1;
	}
	row_read(&t->row, res, 0);
	t->description = db_result_strdup(res, 0, ROW_NCOLS);
	t->account_code = db_result_strdup(res, 0, ROW_NCOLS + 1);
	t->contact = db_result_strdup(res, 0, ROW_NCOLS + 2);
	t->contact_role = db_result_strdup(res, 0, ROW_NCOLS + 3);
	t->contact_email = db_result_strdup(res, 0, ROW_NCOLS + 4);
	t->contact_phone = db_result_strdup(res, 0, ROW_NCOLS + 5);
	t->contract_valid = db_result_strdup(res, 0, ROW_NCOLS + 6);
	t->managed_told_at = db_result_int64(res, 0, ROW_NCOLS + 7, QUEUE_NO_TIME);
	t->managed_told_via = db_result_strdup(res, 0, ROW_NCOLS + 8);
	t->time_billed_month_cents = db_result_int64(res, 0, ROW_NCOLS + 9, 0);
	n = db_result_rows(hist);
	t->events = xcalloc((size_t)(n ? n : 1), sizeof *t->events);
	for (int i = 0; i < n; i++) {
		t->events[i].at = db_result_int64(hist, i, 0, QUEUE_NO_TIME);
		t->events[i].who = db_result_strdup(hist, i, 1);
		t->events[i].action = db_result_strdup(hist, i, 2);
		t->events[i].detail = db_result_strdup(hist, i, 3);
		t->events[i].entity = db_result_strdup(hist, i, 4);
		for (int k = 0; k < QUEUE_EV_NFIELDS; k++) {
			const char *v = db_result_value(hist, i, 5 + k);

			t->events[i].f[k] = v ? xstrdup(v) : NULL;
		}
	}
	t->nevents = (size_t)n;

	n = db_result_rows(l[1]);
	t->calls = xcalloc((size_t)(n ? n : 1), sizeof *t->calls);
	for (int i = 0; i < n; i++) {
		t->calls[i].at = db_result_int64(l[1], i, 0, QUEUE_NO_TIME);
		t->calls[i].duration_s = (int)db_result_int64(l[1], i, 1, 0);
		t->calls[i].kind = db_result_strdup(l[1], i, 2);
		t->calls[i].price_cents = db_result_int64(l[1], i, 3, 0);
		t->calls[i].agent = db_result_strdup(l[1], i, 4);
	}
	t->ncalls = (size_t)n;
	n = db_result_rows(l[2]);
	t->times = xcalloc((size_t)(n ? n : 1), sizeof *t->times);
	for (int i = 0; i < n; i++) {
		t->times[i].at = db_result_int64(l[2], i, 0, QUEUE_NO_TIME);
		t->times[i].minutes = (int)db_result_int64(l[2], i, 1, 0);
		t->times[i].kind = db_result_strdup(l[2], i, 2);
		t->times[i].amount_cents = db_result_int64(l[2], i, 3, 0);
		t->times[i].agent = db_result_strdup(l[2], i, 4);
		t->times[i].note = db_result_strdup(l[2], i, 5);
	}
	t->ntimes = (size_t)n;
	n = db_result_rows(l[3]);
	t->incidents = xcalloc((size_t)(n ? n : 1), sizeof *t->incidents);
	for (int i = 0; i < n; i++) {
		t->incidents[i].id = db_result_int64(l[3], i, 0, 0);
		t->incidents[i].title = db_result_strdup(l[3], i, 1);
		t->incidents[i].status = db_result_strdup(l[3], i, 2);
	}
	t->nincidents = (size_t)n;
	n = db_result_rows(l[4]);
	t->devs = xcalloc((size_t)(n ? n : 1), sizeof *t->devs);
	for (int i = 0; i < n; i++) {
		t->devs[i].tracker = db_result_strdup(l[4], i, 0);
		t->devs[i].ref = db_result_strdup(l[4], i, 1);
		t->devs[i].kind = db_result_strdup(l[4], i, 2);
		t->devs[i].url = db_result_strdup(l[4], i, 3);
	}
	t->ndevs = (size_t)n;
	n = db_result_rows(l[5]);
	t->estimates = xcalloc((size_t)(n ? n : 1), sizeof *t->estimates);
	for (int i = 0; i < n; i++) {
		t->estimates[i].seq = (int)db_result_int64(l[5], i, 0, 0);
		t->estimates[i].due = db_result_int64(l[5], i, 1, QUEUE_NO_TIME);
		t->estimates[i].reason = db_result_strdup(l[5], i, 2);
		t->estimates[i].who = db_result_strdup(l[5], i, 3);
	}
	t->nestimates = (size_t)n;
	n = db_result_rows(l[6]);
	t->messages = xcalloc((size_t)(n ? n : 1), sizeof *t->messages);
	for (int i = 0; i < n; i++) {
		t->messages[i].at = db_result_int64(l[6], i, 0, QUEUE_NO_TIME);
		t->messages[i].kind = db_result_strdup(l[6], i, 1);
		t->messages[i].channel = db_result_strdup(l[6], i, 2);
		t->messages[i].author = db_result_strdup(l[6], i, 3);
		t->messages[i].body = db_result_strdup(l[6], i, 4);
	}
	t->nmessages = (size_t)n;
	db_result_free(res);
	for (int i = 0; i < TICKET_LISTS; i++)
		db_result_free(l[i]);
	return 0;
}

int queue_whoami(struct db *db, char **user, char **dbname)
{
	struct db_result *res = db_exec(db, whoami_sql, 0, NULL);

	if (!res)
		return -1;
	*user = db_result_strdup(res, 0, 0);
	*dbname = db_result_strdup(res, 0, 1);
	db_result_free(res);
	return 0;
}

int queue_me(struct db *db, struct queue_me *me)
{
	struct db_result *res = db_exec(db, me_sql, 0, NULL);

	if (!res)
		return -1;
	queue_me_free(me);
	me->login = db_result_strdup(res, 0, 0);
	me->dbname = db_result_strdup(res, 0, 1);
	me->is_agent = (int)db_result_int64(res, 0, 2, 0);
	me->is_lead = (int)db_result_int64(res, 0, 3, 0);
	me->tier = (int)db_result_int64(res, 0, 4, 1);
	me->team = db_result_int64(res, 0, 5, 0);
	db_result_free(res);
	return 0;
}

void queue_me_free(struct queue_me *me)
{
	free(me->login);
	free(me->dbname);
	memset(me, 0, sizeof *me);
}

void queue_lists_free(struct queue_lists *l)
{
	for (size_t i = 0; i < l->naccounts; i++) {
		free(l->accounts[i].code);
		free(l->accounts[i].name);
		free(l->accounts[i].plan);
		free(l->accounts[i].valid);
		free(l->accounts[i].overrides);
	}
	free(l->accounts);
	for (size_t i = 0; i < l->ncontacts; i++)
		free(l->contacts[i].name);
	free(l->contacts);
	for (size_t i = 0; i < l->nagents; i++)
		free(l->agents[i]);
	free(l->agents);
	for (size_t i = 0; i < l->nincidents; i++) {
		free(l->incidents[i].title);
		free(l->incidents[i].status);
	}
	free(l->incidents);
	memset(l, 0, sizeof *l);
}

int queue_load_lists(struct db *db, struct queue_lists *l)
{
	struct db_result *a, *k = NULL, *g = NULL, *inc = NULL;
	int n;

	a = db_exec(db, accounts_sql, 0, NULL);
	if (!a || !(k = db_exec(db, contacts_sql, 0, NULL)) || !(g = db_exec(db, agents_sql, 0, NULL))
	    || !(inc = db_exec(db, open_incidents_sql, 0, NULL))) {
		db_result_free(a);
		db_result_free(k);
		db_result_free(g);
		return -1;
	}
	queue_lists_free(l);
	n = db_result_rows(a);
	l->accounts = xcalloc((size_t)(n ? n : 1), sizeof *l->accounts);
	for (int i = 0; i < n; i++) {
		struct queue_account *x = &l->accounts[i];

		x->id = db_result_int64(a, i, 0, 0);
		x->code = db_result_strdup(a, i, 1);
		x->name = db_result_strdup(a, i, 2);
		x->contract = db_result_int64(a, i, 3, 0);
		x->plan = db_result_strdup(a, i, 4);
		x->running = (int)db_result_int64(a, i, 5, 0);
		x->valid = db_result_strdup(a, i, 6);
		x->overrides = db_result_strdup(a, i, 7);
	}
	l->naccounts = (size_t)n;
	n = db_result_rows(k);
	l->contacts = xcalloc((size_t)(n ? n : 1), sizeof *l->contacts);
	for (int i = 0; i < n; i++) {
		l->contacts[i].id = db_result_int64(k, i, 0, 0);
		l->contacts[i].account = db_result_int64(k, i, 1, 0);
		l->contacts[i].name = db_result_strdup(k, i, 2);
		l->contacts[i].key_user = (int)db_result_int64(k, i, 3, 0);
	}
	l->ncontacts = (size_t)n;
	n = db_result_rows(g);
	l->agents = xcalloc((size_t)(n ? n : 1), sizeof *l->agents);
	for (int i = 0; i < n; i++)
		l->agents[i] = db_result_strdup(g, i, 0);
	l->nagents = (size_t)n;
	n = db_result_rows(inc);
	l->incidents = xcalloc((size_t)(n ? n : 1), sizeof *l->incidents);
	for (int i = 0; i < n; i++) {
		l->incidents[i].id = db_result_int64(inc, i, 0, 0);
		l->incidents[i].title = db_result_strdup(inc, i, 1);
		l->incidents[i].status = db_result_strdup(inc, i, 2);
	}
	l->nincidents = (size_t)n;
	db_result_free(a);
	db_result_free(k);
	db_result_free(g);
	db_result_free(inc);
	return 0;
}

int queue_open_windows(struct db *db, int64_t account, int64_t from, int64_t to, int oncall, int64_t **out,
		       size_t *n)
{
	static const char sql[] =
		"SELECT extract(epoch FROM w.s)::bigint, extract(epoch FROM w.e)::bigint"
		" FROM account_open_windows($1::bigint, to_timestamp($2::bigint), to_timestamp($3::bigint), $4::boolean) w";
	char a[24], f[24], t[24];
	const char *params[4] = {a, f, t, oncall ? "true" : "false"};
	struct db_result *res;
	int rows;

	*out = NULL;
	*n = 0;
	snprintf(a, sizeof a, "%lld", (long long)account);
	snprintf(f, sizeof f, "%lld", (long long)from);
	snprintf(t, sizeof t, "%lld", (long long)to);
	res = db_exec(db, sql, 4, params);
	if (!res)
		return -1;
	rows = db_result_rows(res);
	if (rows > 0) {
		*out = xcalloc((size_t)rows * 2, sizeof **out);
		for (int i = 0; i < rows; i++) {
			(*out)[2 * i] = strtoll(db_result_value(res, i, 0), NULL, 10);
			(*out)[2 * i + 1] = strtoll(db_result_value(res, i, 1), NULL, 10);
		}
		*n = (size_t)rows;
	}
	db_result_free(res);
	return 0;
}
