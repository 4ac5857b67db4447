/* The gateway to PostgreSQL: the only code that includes libpq-fe.h.
 * Every value travels as a bound parameter (text format); SQL text is fixed in
 * src/db/. Results come back as an owned struct db_result, errors in one
 * struct db_error kept on the connection. */
#ifndef SDESK_DB_DB_H
#define SDESK_DB_DB_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct db_result;

/* What went wrong, in the words the UI status line uses. */
#include "base/i18n.h"

/* Kinds of errors; the texts are English msgids (N_), db_error_kind_text
 * translates them. */
#define DB_ERROR_KINDS(X) \
	X(DB_OK,          N_("ok")) \
	X(DB_CONNECTION,  N_("connection lost")) \
	X(DB_CONSTRAINT,  N_("constraint violation")) \
	X(DB_PERMISSION,  N_("permission denied")) \
	X(DB_NOT_FOUND,   N_("not found")) \
	X(DB_INPUT,       N_("invalid value")) \
	X(DB_CONFLICT,    N_("conflict with another change, try again")) \
	X(DB_KEY_REUSED,  N_("entry refused")) \
	X(DB_OTHER,       N_("database error"))

enum db_error_kind {
#define DB_X(name, text) name,
	DB_ERROR_KINDS(DB_X)
#undef DB_X
};

struct db_error {
	enum db_error_kind kind;
	char sqlstate[6];   /* "" when the error did not come from the server */
	char message[512];  /* the server's primary message or libpq's */
	char detail[512];   /* the server's DETAIL, or "" */
	char plain[600];    /* "<kind text>: <message>", one line for a status bar;
	                     * "cannot connect to the database: <message>" when
	                     * a connection could not be made at all */
};

/* SQLSTATEs of sdesk's own (request_begin, doc/data-model.md "Idempotency"):
 * an idempotency key replayed with other content, or by another login. */
#define DB_SQLSTATE_KEY_CONTENT "SDK01"
#define DB_SQLSTATE_KEY_LOGIN   "SDK02"

/* The words for a kind, e.g. "permission denied". Static string. */
const char *db_error_kind_text(enum db_error_kind kind);

/* Connects with a libpq conninfo string ("" uses libpq's PG* defaults). Never
 * returns NULL: check db_connected() and db_last_error(). Free with db_close. */
struct db *db_connect(const char *conninfo);
/* db_connect with a connection timeout in seconds (0 = libpq's default);
 * a connect_timeout inside conninfo wins. */
struct db *db_connect_timeout(const char *conninfo, int timeout_s);
void db_close(struct db *db);

/* 1 when the connection is up, 0 when it is lost or never came up (or was
 * given up because a write reached a read-only standby, see db_exec). */
int db_connected(const struct db *db);

/* 1 when the connected server is a hot standby (read-only, replaying the
 * primary's WAL), 0 a primary, -1 not connected. From the server's
 * in_hot_standby report (PostgreSQL 14+, kept current after a promotion);
 * older servers are asked pg_is_in_recovery(). doc/admin.md. */
int db_is_standby(struct db *db);

/* Tries once to re-establish a lost connection with the same conninfo: with
 * several hosts (host=a,b port=p,q) libpq tries each and keeps the first that
 * target_session_attrs accepts, which is how clients follow a failover. The
 * LISTENs are renewed unless the server is a standby. 0 on success, -1 with
 * db_last_error() set. */
int db_reconnect(struct db *db);

/* 1 when a server of the conninfo answers at all (it may still refuse
 * us: starting up, a standby, a wrong password), 0 when none does
 * (connection refused, no socket, time-out): PQping. Cheap for the server;
 * the session policy (ui/session.h) retries fast while it is 0. */
int db_server_answers(const struct db *db);

/* The error of the last failed call on db; kind DB_OK after a success. */
const struct db_error *db_last_error(const struct db *db);

/* Records an error found before anything was sent (no SQLSTATE), as the
 * failure of the next call would: db_last_error() then describes it. */
void db_set_error(struct db *db, enum db_error_kind kind, const char *message);

/* Server notices (RAISE NOTICE, warnings) go to fn; the default drops them. */
typedef void (*db_notice_fn)(void *arg, const char *message);
void db_set_notice_handler(struct db *db, db_notice_fn fn, void *arg);

/* Runs one statement with $1..$n bound to params (NULL entries are SQL NULL).
 * Returns an owned result (free with db_result_free) or NULL on error; a lost
 * connection is retried once with db_reconnect before sending. A write
 * refused because the server is a hot standby (SQLSTATE 25006 there) is a
 * DB_CONNECTION error and gives the connection up, so the next call
 * reconnects to whichever server takes writes now. */
struct db_result *db_exec(struct db *db, const char *sql, int nparams, const char *const *params);

/* db_exec for statements whose rows do not matter. 0 ok, -1 error. */
int db_command(struct db *db, const char *sql, int nparams, const char *const *params);

/* Rolls back the open transaction. The error that made the caller give up
 * stays db_last_error() (a successful ROLLBACK does not clear it). 0 ok, -1
 * when the ROLLBACK itself failed. */
int db_rollback(struct db *db);

/* Runs a script of several statements without parameters (migrations only:
 * the text must hold no values from outside). 0 ok, -1 error. */
int db_exec_script(struct db *db, const char *sql);

/* A quoted SQL identifier (for CREATE DATABASE/ROLE, LISTEN). Caller frees.
 * NULL on error. */
char *db_quote_ident(struct db *db, const char *name);

/* Result access. Rows and columns count from 0. value returns NULL for SQL
 * NULL; strings live as long as the result. */
int db_result_rows(const struct db_result *res);
int db_result_cols(const struct db_result *res);
const char *db_result_name(const struct db_result *res, int col);
const char *db_result_value(const struct db_result *res, int row, int col);
/* The value as a new string ("" for NULL; free it), and as an integer
 * (null_value for NULL). */
char *db_result_strdup(const struct db_result *res, int row, int col);
int64_t db_result_int64(const struct db_result *res, int row, int col, int64_t null_value);
/* Rows touched by INSERT/UPDATE/DELETE, 0 otherwise. */
long db_result_affected(const struct db_result *res);
void db_result_free(struct db_result *res);

/* Asynchronous use from a poll loop (the UI never blocks on the network).
 * db_socket: the descriptor to poll for reading, -1 when not connected.
 * db_send: queue a statement like db_exec; 0 sent, -1 error. One at a time.
 * db_poll: after the socket was readable (or any time). Returns 1 and sets
 * *res (owned; NULL when the statement failed, see db_last_error) when the
 * statement finished (also 1 with *res NULL when nothing was sent), 0 while it
 * is still running, -1 when the connection was lost. Notifications that
 * arrive are queued for db_next_notify. */
int db_socket(const struct db *db);
int db_send(struct db *db, const char *sql, int nparams, const char *const *params);
int db_poll(struct db *db, struct db_result **res);

/* db_send for a statement a long-lived session repeats (the board's
 * snapshot): prepared on the connection at its first use (one blocking
 * round trip per connection; again after a reconnect), so the server plans
 * it once instead of at every call. sql identifies the statement by its
 * address: pass a string that lives as long as db. At most DB_MAX_PREPARED
 * per connection (more are sent unprepared). The first one sets the
 * session's plan_cache_mode to force_generic_plan: from then on the server
 * plans every parameterised statement of this connection for any values, so
 * write them for that (no "$1 IS NULL OR ..." that only folds away in a plan
 * for given values). Not for commands that may run through a
 * transaction-mode pool (doc/admin.md, "Connection pooling"): a prepared
 * statement lives in one server session. */
#define DB_MAX_PREPARED 8
int db_send_prepared(struct db *db, const char *sql, int nparams, const char *const *params);

/* LISTEN on a channel (kept across db_reconnect). A hot standby cannot
 * LISTEN (NOTIFY does not reach it): there the channel is only kept, for a
 * later reconnect to a primary, and the caller polls instead (doc/admin.md).
 * 0 listening, 1 kept but not listening (standby), -1 error. */
int db_listen(struct db *db, const char *channel);
/* 1 when the kept channels are LISTENed on the current connection. */
int db_listening(const struct db *db);
/* Reads what arrived on the socket without blocking. 0 ok, -1 connection lost. */
int db_consume(struct db *db);
/* The next queued notification: 1 and channel/payload copied (truncated to
 * the sizes), 0 when none is queued. */
int db_next_notify(struct db *db, char *channel, size_t channel_size, char *payload,
	size_t payload_size);

/* The channel every write function notifies; payload: ticket id or ENTITY:ID. */
#define DB_CHANGES_CHANNEL "sdesk_changes"

/* Writes a new random (version 4) UUID as 36 characters plus NUL into out:
 * the idempotency key of one write. 0 ok, -1 when no randomness is available. */
int db_new_key(char out[37]);

#endif
