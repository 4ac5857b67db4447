/* The connection policy shared by the console and the board (ui/session.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/now.h"
#include "conf/config.h"
#include "db/db.h"
#include "ui/session.h"

int64_t session_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void session_init(struct session *s, struct db *db, const struct sdesk_config *cfg,
		  int (*on_live)(void *arg), void *arg)
{
	*s = (struct session){.db = db, .live = 1, .on_live = on_live, .arg = arg};
	s->min_ms = cfg->reconnect_min_ms > 0 ? cfg->reconnect_min_ms : 500;
	s->max_ms = cfg->reconnect_max_ms;
	if (s->max_ms > SESSION_BACKOFF_CAP_MS)
		s->max_ms = SESSION_BACKOFF_CAP_MS;
	if (s->min_ms > s->max_ms)
		s->min_ms = s->max_ms;
	s->backoff_ms = s->min_ms;
}

int session_fd(const struct session *s)
{
	return s->live ? db_socket(s->db) : -1;
}

void session_lost(struct session *s)
{
	if (!s->live)
		return;
	s->live = 0;
	s->attempts = 0;
	s->offline_since = sd_now();
	s->backoff_ms = s->min_ms;
	s->retry_at_ms = session_mono_ms() + s->min_ms;
}

void session_kick(struct session *s)
{
	if (!s->live)
		s->retry_at_ms = 0;
}

int session_retry_in_s(const struct session *s)
{
	int64_t wait = (s->retry_at_ms - session_mono_ms() + 999) / 1000;

	return s->live || wait < 0 ? 0 : (int)wait;
}

int session_tick(struct session *s)
{
	int64_t ms = session_mono_ms();
	int wait;

	if (s->live)
		return 0;
	if (ms < s->retry_at_ms)
		return 1; /* the countdown */
	s->attempts++;
	if (db_reconnect(s->db) == 0) {
		s->live = 1; /* on_live may send, and lose it again */
		if (!s->on_live || s->on_live(s->arg) == 0) {
			s->offline_since = 0;
			s->backoff_ms = s->min_ms;
			return 1;
		}
		s->live = 0;
	}
	if (!db_server_answers(s->db)) {
		wait = s->min_ms; /* nobody there yet: cheap to ask again soon */
	} else {
		wait = s->backoff_ms;
		s->backoff_ms = s->backoff_ms * 2 > s->max_ms ? s->max_ms : s->backoff_ms * 2;
	}
	s->retry_at_ms = session_mono_ms() + wait;
	return 1;
}

/* One notification: counted, kept as the last payload, given to on_note
 * (NULL when it filled the buffer: it may have been cut). */
static void note(struct session *s, const char *pl, int *notes, char *payload, size_t payload_len)
{
	(*notes)++;
	if (payload)
		snprintf(payload, payload_len, "%s", pl);
	if (s->on_note)
		s->on_note(s->arg, strlen(pl) + 1 >= SESSION_PAYLOAD_MAX ? NULL : pl);
}

int session_pump(struct session *s, int busy, struct db_result **res, int *notes, char *payload,
		 size_t payload_len)
{
	char channel[64], pl[SESSION_PAYLOAD_MAX];
	int done = 0;

	*res = NULL;
	if (!s->live)
		return 0;
	if (db_consume(s->db) != 0)
		return -1;
	while (db_next_notify(s->db, channel, sizeof channel, pl, sizeof pl) == 1)
		note(s, pl, notes, payload, payload_len);
	if (busy) {
		int rc = db_poll(s->db, res);

		if (rc < 0)
			return -1;
		done = rc == 1;
		/* Notifications that came with the answer. */
		while (db_next_notify(s->db, channel, sizeof channel, pl, sizeof pl) == 1)
			note(s, pl, notes, payload, payload_len);
	}
	return done;
}
