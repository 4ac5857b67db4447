/* The breach board's read queries, through the gateway (db/db.h). */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/now.h"
#include "base/i18n.h"
#include "base/util.h"
#include "db/board_q.h"
#include "db/db.h"
#include "db/sqlfrag.h"
#include "engine/sla.h"


/* The board's clock; schema/0004_board.sql indexes the same expression. */
#define DUE "least(CASE WHEN t.first_contact_at IS NULL THEN t.reaction_due END," \
	" coalesce(t.estimate_due, t.resolution_due))"

/* The filters of the ticket rows. A statement holds only the filters the
 * board was given ({F} in the texts below, see statement()): a prepared
 * statement is planned once for any parameters (a generic plan), where
 * "$1 IS NULL OR ..." would no longer fold away and would cost the index-only
 * scans. */
#define FLT "{F}"
static const char *const filter_sql[3] = {
	" AND EXISTS (SELECT 1 FROM contract fc WHERE fc.id = t.contract_id AND fc.plan_code = $1::text)",
	" AND EXISTS (SELECT 1 FROM agent fg JOIN team fm ON fm.id = fg.team_id"
	"  WHERE fg.login = t.assignee AND fm.name = $2::text)",
	" AND EXISTS (SELECT 1 FROM account fa WHERE fa.id = t.account_id AND (fa.code = $3::text OR fa.name = $3::text))",
};

#define OPEN "t.status IN ('new', 'open')"
#define ALL_OPEN "t.status IN ('new', 'open', 'waiting')"
#define PLAN_RISK \
	"CASE WHEN p.definition->>'at_risk_minutes' ~ '^[0-9]{1,6}$'" \
	" THEN (p.definition->>'at_risk_minutes')::int END"

#define NT "NULL::text"
#define NI "NULL::int"
#define NB "NULL::bigint"

/* The horizon: how far the snapshot reaches (doc/board.md, "States"). */
#define HORIZON_FULL \
	"WITH h AS (SELECT greatest(sdesk_now() + make_interval(mins => greatest(coalesce($4::int, $5::int)," \
	"  coalesce((SELECT max(" PLAN_RISK ") FROM plan p), 0)) + 60), to_timestamp($6::bigint)) AS until),"
/* A partial reload keeps the horizon of the snapshot it amends. */
#define HORIZON_KEPT "WITH h AS (SELECT to_timestamp($6::bigint) AS until),"

/* Why an open ticket is held beyond the next ten: its clock runs out
 * before the horizon, or a resolution target before it falls before the
 * estimate told (the engine's clock after the first contact is the EARLIER
 * of the two; DUE, the index's expression, takes the estimate), or it is
 * escalated or on the 3rd level. */
#define CORE(u) "(coalesce(" DUE " < " u ", false) OR coalesce(t.resolution_due < " u ", false)" \
	" OR t.escalation_level > 0 OR t.tier = 3)"

/* The next ten running tickets beyond the horizon. */
#define NEXT_UP \
	"  (SELECT t.id FROM ticket t WHERE " OPEN " AND " DUE " >= (SELECT until FROM h)" FLT \
	"   ORDER BY " DUE " LIMIT 10)"

/* The rows of the tickets in sel, then the rest of the snapshot. Rows: kind,
 * id, s1..s7 text, n1..n5 int, e1..e6 bigint, s8 text (see board_q_read). */
#define ROWS_T \
	" SELECT 'T', t.id, t.ref, a.name, c.plan_code, t.category, t.status, coalesce(t.assignee, '')," \
	"  t.subject, t.tier::int, t.escalation_level::int, t.escalation_extended::int," \
	"  coalesce($4::int, " PLAN_RISK ", $5::int)," \
	"  (NOT " CORE("(SELECT until FROM h)") ")::int," \
	"  " EPOCH("t.received_at") ", " EPOCH("t.first_contact_at") ", " EPOCH("t.reaction_due") "," \
	"  " EPOCH("t.resolution_due") ", " EPOCH("t.estimate_due") ", " EPOCH("t.paused_since") "," \
	"  coalesce(m.staffed_calendar, '')" \
	/* = ANY(ARRAY(...)): primary-key lookups; a join would make the planner \
	 * guess thousands of rows and scan the whole table. The team of a ticket \
	 * is its assignee's (as in the queue and ticket_clock). */ \
	" FROM ticket t JOIN account a ON a.id = t.account_id" \
	" JOIN contract c ON c.id = t.contract_id LEFT JOIN plan p ON p.code = c.plan_code" \
	" LEFT JOIN agent g ON g.login = t.assignee LEFT JOIN team m ON m.id = g.team_id" \
	" WHERE t.id = ANY (ARRAY(SELECT id FROM sel))" \
	" UNION ALL"

/* Load per agent: counted on the open tickets alone (an index-only scan of
 * ticket_open_load), then the few agents joined; joining every open ticket
 * to its agent first was most of the snapshot. cond: more conditions. */
#define LOAD(cond) \
	" SELECT 'A', " NB ", coalesce(x.assignee, ''), coalesce(g.display_name, x.assignee, '')," \
	"  " NT ", " NT ", " NT ", " NT ", " NT ", x.n, x.w, " NI ", " NI ", " NI "," \
	"  " NB ", " NB ", " NB ", " NB ", " NB ", " NB ", " NT \
	" FROM (SELECT t.assignee, count(*)::int AS n, (count(*) FILTER (WHERE t.status = 'waiting'))::int AS w" \
	"  FROM ticket t WHERE " ALL_OPEN FLT cond " GROUP BY t.assignee) x" \
	" LEFT JOIN agent g ON g.login = x.assignee" \
	" UNION ALL"

/* Incidents, maintenance, on-call reports, the horizon (n1 = h_load). */
#define REST(h_load) \
	" (SELECT 'I', i.id, i.title, " NT ", " NT ", " NT ", i.status, " NT ", " NT "," \
	"  (SELECT count(*) FROM ticket_incident ti JOIN ticket t ON t.id = ti.ticket_id" \
	"   WHERE ti.incident_id = i.id AND " ALL_OPEN ")::int, " NI ", " NI ", " NI ", " NI "," \
	"  " EPOCH("i.started_at") ", " EPOCH("i.expected_fix_at") ", " NB ", " NB ", " NB ", " NB ", " NT \
	" FROM incident i WHERE i.status <> 'resolved' ORDER BY i.started_at LIMIT 20)" \
	" UNION ALL" \
	" (SELECT 'M', w.id, w.title, w.scope, " NT ", " NT ", " NT ", " NT ", " NT "," \
	"  " NI ", " NI ", " NI ", " NI ", " NI ", " EPOCH("w.starts_at") ", " EPOCH("w.ends_at") "," \
	"  " NB ", " NB ", " NB ", " NB ", " NT \
	" FROM maintenance_window w WHERE w.ends_at > (SELECT sdesk_now()) AND w.starts_at > (SELECT sdesk_now()) - interval '30 days'" \
	" ORDER BY w.starts_at LIMIT 1)" \
	" UNION ALL" \
	" (SELECT 'R', o.id, coalesce(t.ref, ''), a.name, oc.plan_code, " NT ", " NT ", o.agent, " NT "," \
	"  " NI ", " NI ", " NI ", " NI ", " NI ", " EPOCH("o.report_due") ", " EPOCH("o.ended_at") "," \
	"  " NB ", " NB ", " NB ", " NB ", " NT \
	" FROM oncall_work o JOIN account a ON a.id = o.account_id JOIN contract oc ON oc.id = o.contract_id" \
	" LEFT JOIN ticket t ON t.id = o.ticket_id" \
	" WHERE o.ended_at IS NOT NULL AND o.reported_at IS NULL AND o.report_due IS NOT NULL" \
	"  AND ($1::text IS NULL OR oc.plan_code = $1)" \
	"  AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM agent fg JOIN team fm ON fm.id = fg.team_id" \
	"   WHERE fg.login = o.agent AND fm.name = $2))" \
	"  AND ($3::text IS NULL OR a.code = $3 OR a.name = $3)" \
	" ORDER BY o.report_due, o.id LIMIT 20)" \
	" UNION ALL" \
	" SELECT 'H', " NB ", " NT ", " NT ", " NT ", " NT ", " NT ", " NT ", " NT "," \
	"  " h_load ", " NI ", " NI ", " NI ", " NI ", " EPOCH("(SELECT until FROM h)") "," \
	"  " NB ", " NB ", " NB ", " NB ", " NB ", " NT

/* The whole snapshot. Every branch finds its rows through an index on the
 * open tickets (schema/0004_board.sql, 0026_board_waiting.sql). */
static const char snapshot_sql[] =
	HORIZON_FULL
	" sel AS ("
	"  SELECT t.id FROM ticket t WHERE " OPEN " AND " DUE " < (SELECT until FROM h)" FLT
	"  UNION"
	"  SELECT t.id FROM ticket t WHERE t.status = 'waiting' AND " DUE " < (SELECT until FROM h)" FLT
	"  UNION"
	"  SELECT t.id FROM ticket t WHERE " ALL_OPEN " AND t.resolution_due < (SELECT until FROM h)" FLT
	"  UNION"
	"  SELECT t.id FROM ticket t WHERE " ALL_OPEN " AND (t.escalation_level > 0 OR t.tier = 3)" FLT
	"  UNION"
	NEXT_UP ")"
	ROWS_T LOAD("") REST("1");

/* A partial reload ($7: the tickets a change named): those of them the
 * snapshot holds at the kept horizon $6, and the next ten again; the rest
 * as in the snapshot (board_q_merge). The load per agent (most of the
 * cost) only when $8: the board held every named ticket before, so it
 * counts the change itself from their previous state and the 'X' rows
 * (each named ticket's assignee now, and whether it counts: open and
 * within the filters). */
static const char delta_sql[] =
	HORIZON_KEPT
	" sel AS ("
	"  SELECT t.id FROM ticket t WHERE t.id = ANY ($7::bigint[]) AND " ALL_OPEN
	"   AND " CORE("(SELECT until FROM h)") FLT
	"  UNION"
	NEXT_UP ")"
	ROWS_T LOAD(" AND $8::boolean")
	" SELECT 'X', t.id, coalesce(t.assignee, ''), coalesce(g.display_name, t.assignee, ''),"
	"  " NT ", " NT ", t.status, " NT ", " NT ", (" ALL_OPEN FLT ")::int, " NI ", " NI ", " NI ", " NI ","
	"  " NB ", " NB ", " NB ", " NB ", " NB ", " NB ", " NT
	" FROM ticket t LEFT JOIN agent g ON g.login = t.assignee WHERE t.id = ANY ($7::bigint[])"
	" UNION ALL"
	REST("$8::boolean::int");

/* The text of a statement (snapshot_sql or delta_sql) with the filters of
 * f in place of {F}; built once per kind and filter set, kept for the
 * program's life (db_send_prepared knows a statement by its address). */
static const char *statement(const char *tmpl, const struct board_filter *f)
{
	static char *texts[2][8];
	unsigned mask = (f->plan ? 1u : 0) | (f->team ? 2u : 0) | (f->customer ? 4u : 0);
	char **slot = &texts[tmpl == delta_sql][mask];

	if (!*slot) {
		struct strbuf sb = {0};
		const char *p = tmpl, *m;

		while ((m = strstr(p, FLT)) != NULL) {
			sb_appendn(&sb, p, (size_t)(m - p));
			for (int i = 0; i < 3; i++)
				if (mask & (1u << i))
					sb_append(&sb, filter_sql[i]);
			p = m + strlen(FLT);
		}
		sb_append(&sb, p);
		*slot = sb.buf;
	}
	return *slot;
}

/* The local day written out, not sdesk_local_date(): that function's SET
 * search_path keeps it from being inlined, and a call per clock made the
 * chart four times slower (doc/board.md, Benchmark). */
static const char chart_sql[] =
	"WITH n AS (SELECT sdesk_now() AS t),"
	" b AS (SELECT ((SELECT t FROM n) AT TIME ZONE 'Europe/Berlin')::date - ($1::int - 1) AS d0),"
	" lo AS (SELECT d0::timestamp AT TIME ZONE 'Europe/Berlin' AS t0 FROM b),"
	" r AS (SELECT (reaction_due AT TIME ZONE 'Europe/Berlin')::date AS day, count(*) AS due,"
	"  count(*) FILTER (WHERE first_contact_at <= reaction_due) AS met FROM ticket"
	"  WHERE reaction_due >= (SELECT t0 FROM lo) AND reaction_due < (SELECT t FROM n) AND status <> 'waiting'"
	"  GROUP BY 1),"
	" s AS (SELECT (resolution_due AT TIME ZONE 'Europe/Berlin')::date AS day, count(*) AS due,"
	"  count(*) FILTER (WHERE resolved_at <= resolution_due) AS met FROM ticket"
	"  WHERE resolution_due >= (SELECT t0 FROM lo) AND resolution_due < (SELECT t FROM n) AND status <> 'waiting'"
	"  GROUP BY 1),"
	" d AS (SELECT (b.d0 + g)::date AS day FROM b, generate_series(0, $1::int - 1) g)"
	" SELECT extract(year FROM d.day)::int, extract(month FROM d.day)::int, extract(day FROM d.day)::int,"
	"  (coalesce(r.due, 0) + coalesce(s.due, 0))::int, (coalesce(r.met, 0) + coalesce(s.met, 0))::int"
	" FROM d LEFT JOIN r ON r.day = d.day LEFT JOIN s ON s.day = d.day ORDER BY d.day";

static void ticket_free(struct board_ticket *t)
{
	free(t->ref);
	free(t->customer);
	free(t->plan);
	free(t->category);
	free(t->status);
	free(t->assignee);
	free(t->subject);
	free(t->team_calendar);
}

void board_data_free(struct board_data *d)
{
	for (size_t i = 0; i < d->ntickets; i++)
		ticket_free(&d->tickets[i]);
	for (size_t i = 0; i < d->nagents; i++) {
		free(d->agents[i].login);
		free(d->agents[i].name);
	}
	for (size_t i = 0; i < d->nincidents; i++) {
		free(d->incidents[i].title);
		free(d->incidents[i].status);
	}
	for (size_t i = 0; i < d->nreports; i++) {
		free(d->reports[i].ref);
		free(d->reports[i].customer);
		free(d->reports[i].agent);
	}
	for (size_t i = 0; i < d->nnamed; i++) {
		free(d->named[i].login);
		free(d->named[i].name);
	}
	free(d->named);
	free(d->reports);
	free(d->tickets);
	free(d->agents);
	free(d->incidents);
	free(d->maint_title);
	free(d->maint_scope);
	memset(d, 0, sizeof *d);
}

/* Column numbers of the generic row. */
enum { C_KIND, C_ID, C_S1, C_N1 = C_S1 + 7, C_E1 = C_N1 + 5, C_S8 = C_E1 + 6 };

static void read_ticket(struct board_ticket *t, const struct db_result *res, int i)
{
	t->id = db_result_int64(res, i, C_ID, 0);
	t->ref = db_result_strdup(res, i, C_S1);
	t->customer = db_result_strdup(res, i, C_S1 + 1);
	t->plan = db_result_strdup(res, i, C_S1 + 2);
	t->category = db_result_strdup(res, i, C_S1 + 3);
	t->status = db_result_strdup(res, i, C_S1 + 4);
	t->assignee = db_result_strdup(res, i, C_S1 + 5);
	t->subject = db_result_strdup(res, i, C_S1 + 6);
	t->tier = (int)db_result_int64(res, i, C_N1, 1);
	t->escalation = (int)db_result_int64(res, i, C_N1 + 1, 0);
	t->extended = (int)db_result_int64(res, i, C_N1 + 2, 0);
	t->risk_minutes = (int)db_result_int64(res, i, C_N1 + 3, 0);
	t->next_only = (int)db_result_int64(res, i, C_N1 + 4, 0);
	t->received = db_result_int64(res, i, C_E1, BOARD_NO_TIME);
	t->first_contact = db_result_int64(res, i, C_E1 + 1, BOARD_NO_TIME);
	t->reaction_due = db_result_int64(res, i, C_E1 + 2, BOARD_NO_TIME);
	t->resolution_due = db_result_int64(res, i, C_E1 + 3, BOARD_NO_TIME);
	t->estimate_due = db_result_int64(res, i, C_E1 + 4, BOARD_NO_TIME);
	t->paused_since = db_result_int64(res, i, C_E1 + 5, BOARD_NO_TIME);
	t->team_calendar = db_result_strdup(res, i, C_S8);
}

void board_q_read(const struct db_result *res, struct board_data *d)
{
	int n = db_result_rows(res);
	size_t cap = (size_t)(n ? n : 1);

	board_data_free(d);
	d->tickets = xcalloc(cap, sizeof *d->tickets);
	d->agents = xcalloc(cap, sizeof *d->agents);
	d->incidents = xcalloc(cap, sizeof *d->incidents);
	d->reports = xcalloc(cap, sizeof *d->reports);
	d->named = xcalloc(cap, sizeof *d->named);
	for (int i = 0; i < n; i++) {
		const char *kind = db_result_value(res, i, C_KIND);

		switch (kind ? kind[0] : '?') {
		case 'T':
			read_ticket(&d->tickets[d->ntickets++], res, i);
			break;
		case 'A': {
			struct board_agent *a = &d->agents[d->nagents++];

			a->login = db_result_strdup(res, i, C_S1);
			a->name = db_result_strdup(res, i, C_S1 + 1);
			a->open = (int)db_result_int64(res, i, C_N1, 0);
			a->paused = (int)db_result_int64(res, i, C_N1 + 1, 0);
			d->open += a->open;
			d->paused += a->paused;
			break;
		}
		case 'I': {
			struct board_incident *in = &d->incidents[d->nincidents++];

			in->id = db_result_int64(res, i, C_ID, 0);
			in->title = db_result_strdup(res, i, C_S1);
			in->status = db_result_strdup(res, i, C_S1 + 4);
			in->tickets = (int)db_result_int64(res, i, C_N1, 0);
			in->started = db_result_int64(res, i, C_E1, BOARD_NO_TIME);
			in->expected_fix = db_result_int64(res, i, C_E1 + 1, BOARD_NO_TIME);
			break;
		}
		case 'R': {
			struct board_report *r = &d->reports[d->nreports++];

			r->work = db_result_int64(res, i, C_ID, 0);
			r->ref = db_result_strdup(res, i, C_S1);
			r->customer = db_result_strdup(res, i, C_S1 + 1);
			r->agent = db_result_strdup(res, i, C_S1 + 5);
			r->due = db_result_int64(res, i, C_E1, BOARD_NO_TIME);
			r->ended = db_result_int64(res, i, C_E1 + 1, BOARD_NO_TIME);
			break;
		}
		case 'H':
			d->until = db_result_int64(res, i, C_E1, BOARD_NO_TIME);
			d->with_load = (int)db_result_int64(res, i, C_N1, 1);
			break;
		case 'X': {
			struct board_named *x = &d->named[d->nnamed++];
			const char *st = db_result_value(res, i, C_S1 + 4);

			x->id = db_result_int64(res, i, C_ID, 0);
			x->login = db_result_strdup(res, i, C_S1);
			x->name = db_result_strdup(res, i, C_S1 + 1);
			x->counts = (int)db_result_int64(res, i, C_N1, 0);
			x->waiting = st && strcmp(st, "waiting") == 0;
			break;
		}
		case 'M':
			d->has_maint = 1;
			d->maint_title = db_result_strdup(res, i, C_S1);
			d->maint_scope = db_result_strdup(res, i, C_S1 + 1);
			d->maint_starts = db_result_int64(res, i, C_E1, BOARD_NO_TIME);
			d->maint_ends = db_result_int64(res, i, C_E1 + 1, BOARD_NO_TIME);
			break;
		default:
			break;
		}
	}
}

/* The filter's parameters $1..$5 into params (warn and def are the
 * caller's buffers). */
static void filter_params(const struct board_filter *f, const char **params, char *warn, size_t wlen, char *def,
			  size_t dlen)
{
	snprintf(warn, wlen, "%d", f->warn_minutes);
	snprintf(def, dlen, "%d", f->default_minutes);
	params[0] = f->plan;
	params[1] = f->team;
	params[2] = f->customer;
	params[3] = f->warn_minutes >= 0 ? warn : NULL;
	params[4] = def;
}

static int send_snapshot(struct db *db, const struct board_filter *f, int prepared)
{
	char warn[16], def[16], until[24];
	const char *params[6];

	filter_params(f, params, warn, sizeof warn, def, sizeof def);
	params[5] = NULL;
	if (f->cat) {
		snprintf(until, sizeof until, "%lld",
			 (long long)sla_risk_horizon(f->cat, sd_now(), f->warn_minutes, BOARD_HORIZON_SLACK_MIN));
		params[5] = until;
	}
	const char *sql = statement(snapshot_sql, f);

	return prepared ? db_send_prepared(db, sql, 6, params) : db_send(db, sql, 6, params);
}

int board_q_send(struct db *db, const struct board_filter *f)
{
	return send_snapshot(db, f, 0);
}

int board_q_send_live(struct db *db, const struct board_filter *f)
{
	return send_snapshot(db, f, 1);
}

static const struct board_ticket *held(const struct board_data *d, int64_t id)
{
	for (size_t i = 0; i < d->ntickets; i++)
		if (d->tickets[i].id == id)
			return &d->tickets[i];
	return NULL;
}

int board_q_send_delta(struct db *db, const struct board_filter *f, const struct board_data *d,
		       const int64_t *ids, size_t n)
{
	char warn[16], def[16], u[24];
	struct strbuf arr = {0};
	const char *params[8];
	int rc, load = 0;

	filter_params(f, params, warn, sizeof warn, def, sizeof def);
	snprintf(u, sizeof u, "%lld", (long long)d->until);
	params[5] = u;
	sb_append(&arr, "{");
	for (size_t i = 0; i < n; i++) {
		sb_printf(&arr, "%s%lld", i ? "," : "", (long long)ids[i]);
		if (!held(d, ids[i]))
			load = 1;
	}
	sb_append(&arr, "}");
	params[6] = arr.buf;
	params[7] = load ? "true" : "false";
	rc = db_send_prepared(db, statement(delta_sql, f), 8, params);
	sb_free(&arr);
	return rc;
}

static int named(int64_t id, const int64_t *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/* The agent row of login in x (created with name when add), or NULL. */
static struct board_agent *agent_row(struct board_data *x, const char *login, const char *name, int add)
{
	for (size_t i = 0; i < x->nagents; i++)
		if (strcmp(x->agents[i].login, login) == 0)
			return &x->agents[i];
	if (!add)
		return NULL;
	x->agents = xrealloc(x->agents, (x->nagents + 1) * sizeof *x->agents);
	x->agents[x->nagents] = (struct board_agent){xstrdup(login), xstrdup(name), 0, 0};
	return &x->agents[x->nagents++];
}

/* A partial reload without the load per agent (d held every named ticket):
 * d's counts, less each named ticket as d holds it (open and within the
 * filters, or it would not be held), plus it as it is now (x's 'X' rows),
 * into x; an agent left with no open ticket goes, as in the aggregate. */
static void count_change(const struct board_data *d, struct board_data *x, const int64_t *ids, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < x->nagents; i++) {
		free(x->agents[i].login);
		free(x->agents[i].name);
	}
	free(x->agents);
	x->nagents = 0;
	x->agents = xcalloc(d->nagents + 1, sizeof *x->agents);
	for (size_t i = 0; i < d->nagents; i++)
		x->agents[x->nagents++] = (struct board_agent){xstrdup(d->agents[i].login), xstrdup(d->agents[i].name),
							       d->agents[i].open, d->agents[i].paused};
	for (size_t i = 0; i < n; i++) {
		const struct board_ticket *t = held(d, ids[i]);
		struct board_agent *a = t ? agent_row(x, t->assignee, t->assignee, 1) : NULL;

		if (a) {
			a->open--;
			a->paused -= strcmp(t->status, "waiting") == 0;
		}
	}
	for (size_t i = 0; i < x->nnamed; i++) {
		const struct board_named *nm = &x->named[i];

		if (nm->counts) {
			struct board_agent *a = agent_row(x, nm->login, nm->name, 1);

			a->open++;
			a->paused += nm->waiting;
		}
	}
	x->open = x->paused = 0;
	for (size_t i = 0; i < x->nagents; i++) {
		if (x->agents[i].open <= 0) {
			free(x->agents[i].login);
			free(x->agents[i].name);
			continue;
		}
		x->open += x->agents[i].open;
		x->paused += x->agents[i].paused;
		x->agents[k++] = x->agents[i];
	}
	x->nagents = k;
}

void board_q_merge(const struct db_result *res, struct board_data *d, const int64_t *ids, size_t n)
{
	struct board_data x = {0};
	struct board_ticket *keep;
	size_t nkeep = 0, nkept;

	board_q_read(res, &x);
	if (!x.with_load)
		count_change(d, &x, ids, n);
	keep = xcalloc(d->ntickets + x.ntickets + 1, sizeof *keep);
	/* The tickets no change named stay, but not the next ten (they come
	 * again, the rows after the horizon may have moved). */
	for (size_t i = 0; i < d->ntickets; i++) {
		struct board_ticket *t = &d->tickets[i];

		if (t->next_only || named(t->id, ids, n))
			ticket_free(t);
		else
			keep[nkeep++] = *t;
	}
	nkept = nkeep;
	for (size_t i = 0; i < x.ntickets; i++) {
		struct board_ticket *t = &x.tickets[i];
		size_t j;

		for (j = 0; j < nkept && keep[j].id != t->id; j++)
			;
		if (j < nkept) /* kept already: a next-ten row of an unchanged ticket */
			ticket_free(t);
		else
			keep[nkeep++] = *t;
	}
	free(x.tickets);
	x.tickets = keep;
	x.ntickets = nkeep;
	x.until = d->until;
	free(d->tickets);
	d->tickets = NULL;
	d->ntickets = 0;
	board_data_free(d);
	*d = x;
}

/* Waits for the statement sent last; returns its result or NULL. */
static struct db_result *wait_result(struct db *db)
{
	struct db_result *res = NULL;
	int rc;

	while ((rc = db_poll(db, &res)) == 0) {
		struct pollfd pfd = {.fd = db_socket(db), .events = POLLIN};

		if (pfd.fd < 0)
			break;
		poll(&pfd, 1, 1000);
	}
	return rc == 1 ? res : NULL;
}

static int load(struct db *db, const struct board_filter *f, struct board_data *d, int prepared)
{
	struct db_result *res;

	if (send_snapshot(db, f, prepared) != 0 || !(res = wait_result(db)))
		return -1;
	board_q_read(res, d);
	db_result_free(res);
	return 0;
}

int board_q_load(struct db *db, const struct board_filter *f, struct board_data *d)
{
	return load(db, f, d, 0);
}

int board_q_load_live(struct db *db, const struct board_filter *f, struct board_data *d)
{
	return load(db, f, d, 1);
}

int board_q_delta_load(struct db *db, const struct board_filter *f, struct board_data *d, const int64_t *ids,
		       size_t n)
{
	struct db_result *res;

	if (board_q_send_delta(db, f, d, ids, n) != 0 || !(res = wait_result(db)))
		return -1;
	board_q_merge(res, d, ids, n);
	db_result_free(res);
	return 0;
}

/* One row, cheap (no table is read). The delay counts only while received
 * WAL waits to be replayed: an idle primary sends no commits, and the age of
 * the last one would grow without anything being late. */
static const char replica_sql[] =
	"SELECT pg_is_in_recovery(), EXISTS (SELECT 1 FROM pg_stat_wal_receiver),"
	" coalesce(pg_last_wal_replay_lsn()::text, ''),"
	" CASE WHEN pg_is_in_recovery() AND pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()"
	"  THEN greatest(0, round(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000))"
	"  ELSE 0 END::bigint,"
	" " EPOCH("pg_last_xact_replay_timestamp()");

int board_q_replica_send(struct db *db)
{
	return db_send(db, replica_sql, 0, NULL);
}

void board_q_replica_read(const struct db_result *res, struct board_replica *r)
{
	const char *v;

	memset(r, 0, sizeof *r);
	v = db_result_value(res, 0, 0);
	r->standby = v && v[0] == 't';
	v = db_result_value(res, 0, 1);
	r->receiving = v && v[0] == 't';
	v = db_result_value(res, 0, 2);
	snprintf(r->lsn, sizeof r->lsn, "%s", v ? v : "");
	r->delay_ms = db_result_int64(res, 0, 3, 0);
	r->replayed_at = db_result_int64(res, 0, 4, BOARD_NO_TIME);
}

int board_q_replica_load(struct db *db, struct board_replica *r)
{
	struct db_result *res;

	if (board_q_replica_send(db) != 0 || !(res = wait_result(db)))
		return -1;
	board_q_replica_read(res, r);
	db_result_free(res);
	return 0;
}

int board_q_filter_known(struct db *db, const struct board_filter *f, char *msg, size_t len)
{
	static const char sql[] =
		"SELECT ($1::text IS NULL OR EXISTS (SELECT 1 FROM plan WHERE code = $1))::int,"
		" ($2::text IS NULL OR EXISTS (SELECT 1 FROM team WHERE name = $2))::int,"
		" ($3::text IS NULL OR EXISTS (SELECT 1 FROM account WHERE code = $3 OR name = $3))::int";
	const char *params[3] = {f->plan, f->team, f->customer};
	struct db_result *res = db_exec(db, sql, 3, params);
	int rc = 0;

	if (!res)
		return -1;
	for (int i = 0; i < 3 && !rc; i++) {
		const char *v = db_result_value(res, 0, i);

		if (v && strcmp(v, "0") == 0) {
			if (i == 0)
				snprintf(msg, len, _("plan '%s' is not known (no plan of that code)"), params[i]);
			else if (i == 1)
				snprintf(msg, len, _("team '%s' is not known (no team of that name)"), params[i]);
			else
				snprintf(msg, len, _("customer '%s' is not known (no account of that code or name)"), params[i]);
			rc = 1;
		}
	}
	db_result_free(res);
	return rc;
}

void board_chart_free(struct board_chart *c)
{
	free(c->days);
	c->days = NULL;
	c->n = 0;
}

int board_q_chart_send(struct db *db, int ndays)
{
	char n[16];
	const char *params[1] = {n};

	snprintf(n, sizeof n, "%d", ndays);
	return db_send(db, chart_sql, 1, params);
}

void board_q_chart_read(const struct db_result *res, struct board_chart *c)
{
	int n = db_result_rows(res);

	board_chart_free(c);
	c->days = xcalloc((size_t)(n ? n : 1), sizeof *c->days);
	for (int i = 0; i < n; i++) {
		struct board_day *d = &c->days[c->n++];

		d->year = (int)db_result_int64(res, i, 0, 0);
		d->month = (int)db_result_int64(res, i, 1, 0);
		d->day = (int)db_result_int64(res, i, 2, 0);
		d->due = (int)db_result_int64(res, i, 3, 0);
		d->met = (int)db_result_int64(res, i, 4, 0);
	}
}

int board_q_chart_load(struct db *db, int ndays, struct board_chart *c)
{
	struct db_result *res;

	if (board_q_chart_send(db, ndays) != 0 || !(res = wait_result(db)))
		return -1;
	board_q_chart_read(res, c);
	db_result_free(res);
	return 0;
}
