/* One connection policy for the console and the board (like psql's
 * CheckConnection: the only place that notices a lost server and comes
 * back): LIVE or OFFLINE, when to try again, and the pump that reads what
 * the socket brings without blocking.
 *
 * Retrying: while no server answers at all (connection refused, no socket:
 * cheap for everybody) the session tries every reconnect.min_ms, so it is
 * LIVE within about that time of the server being back; when a server
 * answers but the session cannot be made (refused, a standby for the
 * console, a failed set-up query) the wait doubles from reconnect.min_ms up
 * to reconnect.max_ms, never above SESSION_BACKOFF_CAP_MS. A key (F5, or any
 * key while OFFLINE) retries at once (session_kick).
 *
 * The application keeps its own LIVE/OFFLINE flag in step: it calls
 * session_lost when it goes offline, and its on_live hook is called after a
 * successful reconnect to subscribe again and re-sync. */
#ifndef SDESK_UI_SESSION_H
#define SDESK_UI_SESSION_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct db_result;
struct sdesk_config;

#define SESSION_BACKOFF_CAP_MS 5000
#define SESSION_PAYLOAD_MAX 256  /* a longer notification payload counts as unreadable */

struct session {
	struct db *db;           /* not owned */
	int live;
	int64_t offline_since;   /* Unix seconds (sd_now), 0 while LIVE */
	int64_t retry_at_ms;     /* monotonic ms of the next attempt */
	int backoff_ms;          /* the next wait after a server refused us */
	int min_ms, max_ms;
	int attempts;            /* attempts since going offline */
	/* After db_reconnect succeeded: subscribe, re-sync, check the server.
	 * 0: LIVE; -1: stay OFFLINE (counts as a refusal: back-off). */
	int (*on_live)(void *arg);
	void *arg;
	/* When set (after session_init): called by session_pump with each
	 * notification's payload, NULL when it was too long to read whole. */
	void (*on_note)(void *arg, const char *payload);
};

/* Monotonic milliseconds (for time-outs; never the wall clock). */
int64_t session_mono_ms(void);

/* A LIVE session over db with cfg's reconnect settings. */
void session_init(struct session *s, struct db *db, const struct sdesk_config *cfg,
		  int (*on_live)(void *arg), void *arg);

/* The socket to poll while LIVE, else -1. */
int session_fd(const struct session *s);

/* Marks the session OFFLINE (once; later calls change nothing) and
 * schedules the first attempt after reconnect.min_ms. */
void session_lost(struct session *s);

/* OFFLINE: the next session_tick tries at once. */
void session_kick(struct session *s);

/* Called from the loop's tick: while OFFLINE and due, tries once to come
 * back (db_reconnect, then on_live). Returns 1 when something to show
 * changed (LIVE again, or the countdown), else 0. */
int session_tick(struct session *s);

/* OFFLINE: whole seconds until the next attempt (0 when due). */
int session_retry_in_s(const struct session *s);

/* Reads what arrived without blocking: notifications (counted into *notes,
 * the last payload copied into payload when it is not NULL, each given to
 * on_note when it is set) and, when busy
 * (a statement was sent), the statement's answer. Returns 1 when that
 * statement finished (*res owned; NULL when it failed: db_last_error), 0
 * when nothing finished, -1 when the connection was lost (the caller goes
 * offline). */
int session_pump(struct session *s, int busy, struct db_result **res, int *notes, char *payload,
		 size_t payload_len);

#endif
