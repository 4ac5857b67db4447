/* On-call work as the checklist screen and `sdesk oncall` read it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "db/db.h"
#include "db/oncall_q.h"
#include "db/sqlfrag.h"
#include "engine/clock.h"

static const char *const codes[ONCALL_NITEMS] = {
#define ONCALL_X(code, text) #code,
	ONCALL_ITEMS(ONCALL_X)
#undef ONCALL_X
};

static const char *const texts[ONCALL_NITEMS] = {
#define ONCALL_X(code, text) text,
	ONCALL_ITEMS(ONCALL_X)
#undef ONCALL_X
};

const char *oncall_item_code(enum oncall_item i)
{
	return i < ONCALL_NITEMS ? codes[i] : "?";
}

const char *oncall_item_text(enum oncall_item i)
{
	return i < ONCALL_NITEMS ? texts[i] : "?";
}

int oncall_item_by_code(const char *code)
{
	for (int i = 0; i < ONCALL_NITEMS; i++)
		if (code && strcmp(codes[i], code) == 0)
			return i;
	return -1;
}

/* $1 a work id ($2 = 'w') or a ticket id ($2 = 't'). The window: the account's
 * on-call window (or booked standby) that covers the ticket's receipt, else
 * the start of the work. */
static const char work_sql[] =
	"WITH w AS (SELECT * FROM oncall_work o WHERE ($2 = 'w' AND o.id = $1::bigint)"
	"  OR ($2 = 't' AND o.ticket_id = $1::bigint)"
	"  ORDER BY (o.ended_at IS NULL) DESC, o.started_at DESC, o.id DESC LIMIT 1)"
	" SELECT w.id, coalesce(w.ticket_id, 0), w.contract_id, coalesce(t.ref, ''), coalesce(t.subject, ''),"
	"  coalesce(t.category, ''), coalesce(t.channel, ''), a.code, a.name, c.plan_code, w.agent,"
	"  coalesce(g.display_name, w.agent), coalesce(w.report, ''),"
	"  " EPOCH("t.received_at") ", " EPOCH("ow.s") ", " EPOCH("ow.e") ","
	"  " EPOCH("w.started_at") ", " EPOCH("w.ended_at") ", " EPOCH("w.report_due") ", " EPOCH("w.reported_at")
	" FROM w JOIN account a ON a.id = w.account_id JOIN contract c ON c.id = w.contract_id"
	" LEFT JOIN ticket t ON t.id = w.ticket_id LEFT JOIN agent g ON g.login = w.agent"
	" LEFT JOIN LATERAL (SELECT x.s, x.e FROM account_open_windows(w.account_id,"
	"   coalesce(t.received_at, w.started_at) - interval '2 days',"
	"   coalesce(t.received_at, w.started_at) + interval '1 day', true) x"
	"  WHERE x.s <= coalesce(t.received_at, w.started_at) AND x.e > coalesce(t.received_at, w.started_at)"
	"  ORDER BY x.s LIMIT 1) ow ON true";

static const char ticks_sql[] =
	"SELECT item, coalesce(note, ''), done_by, " EPOCH("done_at") " FROM oncall_check WHERE work_id = $1::bigint";

void oncall_work_free(struct oncall_work *w)
{
	free(w->ref);
	free(w->subject);
	free(w->category);
	free(w->channel);
	free(w->account_code);
	free(w->customer);
	free(w->plan);
	free(w->agent);
	free(w->agent_name);
	free(w->report);
	for (int i = 0; i < ONCALL_NITEMS; i++) {
		free(w->ticks[i].note);
		free(w->ticks[i].done_by);
	}
	memset(w, 0, sizeof *w);
}

static void blank(struct oncall_work *w)
{
	memset(w, 0, sizeof *w);
	w->ref = xstrdup("");
	w->subject = xstrdup("");
	w->category = xstrdup("");
	w->channel = xstrdup("");
	w->account_code = xstrdup("");
	w->customer = xstrdup("");
	w->plan = xstrdup("");
	w->agent = xstrdup("");
	w->agent_name = xstrdup("");
	w->report = xstrdup("");
	w->received = w->window_from = w->window_to = ONCALL_NO_TIME;
	w->started = w->ended = w->report_due = w->reported = ONCALL_NO_TIME;
	for (int i = 0; i < ONCALL_NITEMS; i++) {
		w->ticks[i].note = xstrdup("");
		w->ticks[i].done_by = xstrdup("");
		w->ticks[i].done_at = ONCALL_NO_TIME;
	}
}

int oncall_q_load(struct db *db, int64_t id, int by_ticket, struct oncall_work *w)
{
	char idbuf[32], wid[32];
	const char *p[2] = {idbuf, by_ticket ? "t" : "w"};
	struct db_result *res;
	int col = 0;

	blank(w);
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
	if (!(res = db_exec(db, work_sql, 2, p)))
		return -1;
	if (db_result_rows(res) == 0) {
		db_result_free(res);
		return 1;
	}
	oncall_work_free(w);
	w->id = db_result_int64(res, 0, col++, 0);
	w->ticket_id = db_result_int64(res, 0, col++, 0);
	w->contract_id = db_result_int64(res, 0, col++, 0);
	w->ref = db_result_strdup(res, 0, col++);
	w->subject = db_result_strdup(res, 0, col++);
	w->category = db_result_strdup(res, 0, col++);
	w->channel = db_result_strdup(res, 0, col++);
	w->account_code = db_result_strdup(res, 0, col++);
	w->customer = db_result_strdup(res, 0, col++);
	w->plan = db_result_strdup(res, 0, col++);
	w->agent = db_result_strdup(res, 0, col++);
	w->agent_name = db_result_strdup(res, 0, col++);
	w->report = db_result_strdup(res, 0, col++);
	w->received = db_result_int64(res, 0, col++, ONCALL_NO_TIME);
	w->window_from = db_result_int64(res, 0, col++, ONCALL_NO_TIME);
	w->window_to = db_result_int64(res, 0, col++, ONCALL_NO_TIME);
	w->started = db_result_int64(res, 0, col++, ONCALL_NO_TIME);
	w->ended = db_result_int64(res, 0, col++, ONCALL_NO_TIME);
	w->report_due = db_result_int64(res, 0, col++, ONCALL_NO_TIME);
	w->reported = db_result_int64(res, 0, col++, ONCALL_NO_TIME);
	db_result_free(res);
	for (int i = 0; i < ONCALL_NITEMS; i++) {
		w->ticks[i].note = xstrdup("");
		w->ticks[i].done_by = xstrdup("");
		w->ticks[i].done_at = ONCALL_NO_TIME;
	}
	snprintf(wid, sizeof wid, "%lld", (long long)w->id);
	p[0] = wid;
	if (!(res = db_exec(db, ticks_sql, 1, p)))
		return -1;
	for (int r = 0; r < db_result_rows(res); r++) {
		int i = oncall_item_by_code(db_result_value(res, r, 0));

		if (i < 0)
			continue;
		free(w->ticks[i].note);
		free(w->ticks[i].done_by);
		w->ticks[i].note = db_result_strdup(res, r, 1);
		w->ticks[i].done_by = db_result_strdup(res, r, 2);
		w->ticks[i].done_at = db_result_int64(res, r, 3, ONCALL_NO_TIME);
	}
	db_result_free(res);
	return 0;
}

const char *oncall_report_state(const struct oncall_work *w, int64_t now)
{
	if (w->ended == ONCALL_NO_TIME)
		return "running"; /* a msgid of the screens' (src/ui), translated where shown */
	if (w->report_due == ONCALL_NO_TIME)
		return w->reported != ONCALL_NO_TIME ? N_("sent") : N_("no target");
	if (w->reported != ONCALL_NO_TIME)
		return w->reported <= w->report_due ? N_("sent") : N_("sent late");
	return sla_report_late(w->report_due, w->reported, now) ? N_("BREACHED") : N_("due");
}
