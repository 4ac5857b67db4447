/* The board's database side: open and close, the snapshot, the chart and
 * the standby poll sent without blocking, notifications, going offline and
 * live again. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "base/i18n.h"
#include "base/now.h"
#include "base/util.h"
#include "conf/config.h"
#include "db/db.h"
#include "db/queue.h"
#include "ui/board_int.h"
#include "ui/session.h"

int64_t board_mono_ms(void)
{
	return session_mono_ms();
}

int64_t board_wall_ms(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

void board_recompute(struct board *b)
{
	board_view_compute(&b->data, &b->opt->clock, sd_now(), &b->view);
	b->next_tick = board_next_tick(&b->view, 0); /* set again after the layout */
}

void board_go_offline(struct board *b)
{
	if (b->conn == B_OFFLINE)
		return;
	b->conn = B_OFFLINE;
	b->inflight = Q_NONE;
	session_lost(&b->sess);
}

/* Sends what is due: a snapshot when dirty (or old), else a partial
 * reload of the tickets that changes named, else the chart when old. */
void board_send_next(struct board *b)
{
	int64_t now = sd_now();

	if (b->conn != B_LIVE || b->inflight != Q_NONE)
		return;
	if (b->dirty || now - b->snap_at >= BOARD_RESYNC_S || (b->nids && b->data.until == BOARD_NO_TIME)) {
		if (board_q_send_live(b->db, &b->opt->filter) == 0) {
			b->inflight = Q_SNAP;
			b->dirty = 0;
			b->nids = 0;
		} else if (!db_connected(b->db)) {
			board_go_offline(b);
		}
	} else if (b->nids) {
		if (board_q_send_delta(b->db, &b->opt->filter, &b->data, b->ids, b->nids) == 0) {
			b->inflight = Q_DELTA;
			memcpy(b->sent, b->ids, b->nids * sizeof *b->ids);
			b->nsent = b->nids;
			b->nids = 0;
		} else if (!db_connected(b->db)) {
			board_go_offline(b);
		}
	} else if (b->standby && board_mono_ms() >= b->poll_at_ms) {
		if (board_q_replica_send(b->db) == 0)
			b->inflight = Q_POLL;
		else if (!db_connected(b->db))
			board_go_offline(b);
	} else if (!b->chart_at || now - b->chart_at >= 600) {
		if (board_q_chart_send(b->db, b->cfg->board_chart_days) == 0)
			b->inflight = Q_CHART;
		else if (!db_connected(b->db))
			board_go_offline(b);
	}
}

static void trace_note(struct board *b, const char *payload)
{
	size_t n = strlen(b->trace_notes);

	if (!b->opt->trace)
		return;
	b->trace_pending = 1;
	if (n + strlen(payload) + 2 < sizeof b->trace_notes)
		snprintf(b->trace_notes + n, sizeof b->trace_notes - n, "%s\n", payload);
}

/* A notification: the ticket it names is re-read at the next reload; one
 * that names no single ticket (ENTITY:ID: an incident, an account, a
 * plan...), or too many tickets at once, takes the whole snapshot. */
static void on_note(void *arg, const char *payload)
{
	struct board *b = arg;
	int64_t id = queue_payload_ticket(payload); /* 0 for NULL: a payload too long to read */
	size_t i;

	trace_note(b, payload ? payload : "?");
	for (i = 0; i < b->nids && b->ids[i] != id; i++)
		;
	if (!id || (i == b->nids && b->nids == QUEUE_MAX_IDS))
		b->dirty = 1;
	else if (i == b->nids)
		b->ids[b->nids++] = id;
}

void board_write_trace(struct board *b)
{
	FILE *fp;

	if (!b->opt->trace || !b->trace_pending)
		return;
	b->trace_pending = 0;
	fp = fopen(b->opt->trace, "a");
	if (fp) {
		long long ms = (long long)board_wall_ms();

		/* One line per payload the repaint covers. */
		for (char *p = b->trace_notes, *nl; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
			fprintf(fp, "%lld %.*s\n", ms, (int)(nl - p), p);
		fclose(fp);
	}
	b->trace_notes[0] = '\0';
}

/* The standby poll's answer: a snapshot when the replay moved on; LISTEN
 * when the standby was promoted meanwhile (it is the primary now). */
static void took_poll(struct board *b, const struct db_result *res)
{
	struct board_replica r;

	board_q_replica_read(res, &r);
	b->poll_at_ms = board_mono_ms() + BOARD_POLL_MS;
	if (!r.standby) {
		b->standby = 0;
		if (db_listen(b->db, DB_CHANGES_CHANNEL) < 0 && !db_connected(b->db))
			board_go_offline(b);
		b->dirty = 1;
		trace_note(b, "promoted");
		return;
	}
	if (strcmp(r.lsn, b->rep.lsn) != 0) {
		char note[48];

		b->dirty = 1;
		snprintf(note, sizeof note, "replay:%s", r.lsn);
		trace_note(b, note);
	}
	b->rep = r;
}

/* Reads what arrived: notifications and the answer to the statement in
 * flight. Returns 1 when the board's data changed. */
int board_take_input(struct board *b)
{
	struct db_result *res = NULL;
	int changed = 0, rc, notes = 0;

	if (b->conn != B_LIVE)
		return 0;
	rc = session_pump(&b->sess, b->inflight != Q_NONE, &res, &notes, NULL, 0);
	if (rc < 0) {
		board_go_offline(b);
		return 1;
	}
	if (rc == 1) {
		enum board_inflight was = b->inflight;

		b->inflight = Q_NONE;
		if (!res) {
			snprintf(b->message, sizeof b->message, _("board query failed: %s"),
				 db_last_error(b->db)->plain);
			if (!db_connected(b->db))
				board_go_offline(b);
			/* A standby cancels a query that conflicts with the
			 * replay (40001): take the snapshot again. */
			else if (was == Q_SNAP && db_last_error(b->db)->kind == DB_CONFLICT)
				b->dirty = 1;
			/* A partial reload that failed: the whole snapshot next. */
			else if (was == Q_DELTA)
				b->dirty = 1;
			if (was == Q_POLL)
				b->poll_at_ms = board_mono_ms() + BOARD_POLL_MS;
			return 1;
		}
		b->message[0] = '\0';
		if (was == Q_POLL) {
			took_poll(b, res);
		} else if (was == Q_SNAP) {
			board_q_read(res, &b->data);
			b->snap_at = sd_now();
			b->loaded = 1;
		} else if (was == Q_DELTA) {
			board_q_merge(res, &b->data, b->sent, b->nsent);
		} else {
			board_q_chart_read(res, &b->chart);
			b->chart_at = sd_now();
		}
		db_result_free(res);
		changed = 1;
	}
	board_send_next(b);
	return changed;
}

/* The session came back (ui/session.h): the gateway renewed the LISTEN
 * (not on a standby); re-sync everything. */
static int board_live(void *arg)
{
	struct board *b = arg;

	b->standby = db_is_standby(b->db) == 1;
	b->poll_at_ms = 0;
	b->rep.lsn[0] = '\0';
	b->conn = B_LIVE;
	b->inflight = Q_NONE;
	b->dirty = 1;
	b->nids = 0;
	b->chart_at = 0;
	b->message[0] = '\0';
	board_send_next(b);
	return b->conn == B_LIVE ? 0 : -1;
}

int board_open(struct board *b, const struct sdesk_config *cfg, const struct board_options *opt)
{
	char *user = NULL;

	memset(b, 0, sizeof *b);
	b->cfg = cfg;
	b->opt = opt;
	b->db = db_connect_timeout(cfg->conninfo, cfg->connect_timeout);
	if (!db_connected(b->db)) {
		fprintf(stderr, _("sdesk: board: cannot connect to the database: %s\n"), db_last_error(b->db)->message);
		return -1;
	}
	if (queue_whoami(b->db, &user, &b->dbname) != 0) {
		fprintf(stderr, "sdesk: board: %s\n", db_last_error(b->db)->plain);
		return -1;
	}
	free(user);
	b->standby = db_is_standby(b->db) == 1;
	if (b->standby && board_q_replica_load(b->db, &b->rep) != 0) {
		fprintf(stderr, "sdesk: board: %s\n", db_last_error(b->db)->plain);
		return -1;
	}
	b->poll_at_ms = board_mono_ms() + BOARD_POLL_MS;
	session_init(&b->sess, b->db, cfg, board_live, b);
	b->sess.on_note = on_note;
	return 0;
}

void board_close(struct board *b)
{
	db_close(b->db);
	board_data_free(&b->data);
	board_chart_free(&b->chart);
	board_view_free(&b->view);
	frame_free(&b->frame);
	frame_painter_free(&b->painter);
	free(b->dbname);
}
