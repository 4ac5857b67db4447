/* The PostgreSQL gateway: connection, parameterised statements, one place
 * that checks results, reconnection, notices, asynchronous use, LISTEN. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "base/escape.h"
#include "base/now.h"
#include "base/i18n.h"
#include "base/util.h"
#include "db/actions.h"
#include "db/db.h"

struct db {
	PGconn *conn;
	char *conninfo;
	struct db_error err;
	db_notice_fn notice_fn;
	void *notice_arg;
	char **channels; /* LISTENed, renewed after a reconnect */
	size_t nchannels;
	int busy;        /* a db_send is in flight */
	int dropped;     /* given up on purpose (a write reached a standby):
	                  * counts as lost until db_reconnect */
	int listening;   /* the channels are LISTENed (not on a standby) */
	/* Statements prepared on this connection (db_send_prepared): the
	 * caller's static SQL texts, forgotten at every (re)connect. */
	const char *prepared[DB_MAX_PREPARED];
	size_t nprepared;
};

struct db_result {
	PGresult *res;
};

static const char *const kind_texts[] = {
#define DB_X(name, text) text,
	DB_ERROR_KINDS(DB_X)
#undef DB_X
};

const char *db_error_kind_text(enum db_error_kind kind)
{
	if ((size_t)kind >= SDESK_ARRAY_LEN(kind_texts))
		return _("database error");
	return _(kind_texts[kind]);
}

/* Copies s into dst as one line: newlines and tabs become spaces, runs of
 * blanks one, leading and trailing blanks go. */
static void copy_line(char *dst, size_t size, const char *s)
{
	char *line = xmalloc(size);
	size_t n = 0;

	for (; s && *s && n + 1 < size; s++) {
		char c = (*s == '\n' || *s == '\t' || *s == '\r') ? ' ' : *s;

		if (c == ' ' && (n == 0 || line[n - 1] == ' '))
			continue;
		line[n++] = c;
	}
	while (n > 0 && line[n - 1] == ' ')
		n--;
	line[n] = '\0';
	/* Server messages quote data (names, values): escaped like any text from
	 * the database before anyone prints them (base/escape.h). */
	sd_escape_buf(dst, size, line, 0);
	free(line);
}

/* "permission denied: only team leads (sdesk_lead) may do set_escalation"
 * for a missing EXECUTE right; 0 when message is something else. */
static int explain_denied(char *dst, size_t size, const char *message)
{
	static const char prefix[] = "permission denied for function ";
	const struct act_def *act;
	const char *fn;

	if (strncmp(message, prefix, sizeof(prefix) - 1) != 0)
		return 0;
	fn = message + sizeof(prefix) - 1;
	/* Who may: the action's group in db/actions.def (doc/security.md). */
	act = act_find(fn);
	if (act && act->group != ACT_AGENT) {
		snprintf(dst, size, _("%s: only %s may do %s"), db_error_kind_text(DB_PERMISSION),
			act_group_people(act->group), fn);
		return 1;
	}
	snprintf(dst, size, _("%s: your login's sdesk group may not do %s"), db_error_kind_text(DB_PERMISSION), fn);
	return 1;
}

static void set_error(struct db *db, enum db_error_kind kind, const char *sqlstate,
	const char *message, const char *detail)
{
	struct db_error *e = &db->err;

	e->kind = kind;
	snprintf(e->sqlstate, sizeof(e->sqlstate), "%s", sqlstate ? sqlstate : "");
	copy_line(e->message, sizeof(e->message), message ? message : "unknown error");
	copy_line(e->detail, sizeof(e->detail), detail ? detail : "");
	if (kind == DB_OK)
		e->plain[0] = '\0';
	else if (!(strcmp(e->sqlstate, "42501") == 0 && explain_denied(e->plain, sizeof(e->plain), e->message)))
		snprintf(e->plain, sizeof(e->plain), "%s: %s", db_error_kind_text(kind), e->message);
}

void db_set_error(struct db *db, enum db_error_kind kind, const char *message)
{
	set_error(db, kind, "", message, NULL);
}

static void clear_error(struct db *db)
{
	set_error(db, DB_OK, "", "", "");
	db->err.message[0] = '\0';
}

static enum db_error_kind classify(const char *state)
{
	if (!state || strlen(state) != 5)
		return DB_OTHER;
	if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
		return DB_CONNECTION;
	if (strncmp(state, "23", 2) == 0)
		return DB_CONSTRAINT;
	if (strcmp(state, "42501") == 0 || strncmp(state, "28", 2) == 0)
		return DB_PERMISSION;
	if (strcmp(state, "P0002") == 0 || strcmp(state, "02000") == 0)
		return DB_NOT_FOUND;
	if (strncmp(state, "22", 2) == 0)
		return DB_INPUT;
	if (strncmp(state, "40", 2) == 0 || strcmp(state, "55P03") == 0)
		return DB_CONFLICT;
	if (strncmp(state, "SDK", 3) == 0)
		return DB_KEY_REUSED;
	return DB_OTHER;
}

/* The one place that checks a result: returns it wrapped, or records the
 * error (SQLSTATE, message, plain words) and returns NULL. Takes r. */
static struct db_result *check_result(struct db *db, PGresult *r)
{
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
		struct db_result *res = xmalloc(sizeof(*res));

		res->res = r;
		clear_error(db);
		return res;
	}
	if (r && PQresultErrorField(r, PG_DIAG_SQLSTATE)) {
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);

		set_error(db, classify(state), state, PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY),
			PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL));
	} else if (PQstatus(db->conn) == CONNECTION_BAD) {
		set_error(db, DB_CONNECTION, "", PQerrorMessage(db->conn), NULL);
	} else if (r && (st == PGRES_COPY_IN || st == PGRES_COPY_OUT || st == PGRES_COPY_BOTH)) {
		set_error(db, DB_OTHER, "", _("COPY is not supported by the gateway"), NULL);
	} else {
		set_error(db, DB_OTHER, "", PQerrorMessage(db->conn), NULL);
	}
	/* A write that reached a hot standby (a conninfo without
	 * target_session_attrs=read-write, or a primary demoted under us): the
	 * connection is given up, so the next call reconnects and libpq picks
	 * the server that takes writes now. Entries stay pending meanwhile. */
	if (strcmp(db->err.sqlstate, "25006") == 0 && db_is_standby(db) == 1) {
		db->err.kind = DB_CONNECTION;
		snprintf(db->err.plain, sizeof(db->err.plain), _("%s: the server is a read-only standby (%.300s);"
			" writers need the primary: target_session_attrs=read-write (doc/admin.md)"),
			db_error_kind_text(DB_CONNECTION), db->err.message);
		db->dropped = 1;
	}
	/* A connection that died mid-statement reports a generic error first. */
	if (PQstatus(db->conn) == CONNECTION_BAD && db->err.kind != DB_CONNECTION) {
		db->err.kind = DB_CONNECTION;
		snprintf(db->err.plain, sizeof(db->err.plain), "%s: %s",
			db_error_kind_text(DB_CONNECTION), db->err.message);
	}
	PQclear(r);
	return NULL;
}

static void notice_processor(void *arg, const char *message)
{
	struct db *db = arg;
	char line[1024];

	if (!db->notice_fn)
		return;
	copy_line(line, sizeof(line), message);
	db->notice_fn(db->notice_arg, line);
}

static void set_connect_error(struct db *db)
{
	const char *msg = PQerrorMessage(db->conn);

	set_error(db, DB_CONNECTION, "", *msg ? msg : "unknown reason", NULL);
	snprintf(db->err.plain, sizeof(db->err.plain), _("cannot connect to the database: %s"),
		db->err.message);
}

/* A pinned now (SDESK_NOW, base/now.h) becomes the session's sdesk.now, so
 * that sdesk_now() in SQL judges at the same instant as the client; set on
 * every connect and reconnect. Returns 0, or -1 with the error set. */
static int pin_now(struct db *db)
{
	const char *pinned = sd_now_pinned();
	const char *params[1] = {pinned};
	PGresult *r;

	if (!pinned)
		return 0;
	r = PQexecParams(db->conn, "SELECT set_config('sdesk.now', $1, false)", 1, NULL, params, NULL, NULL, 0);
	if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
		set_error(db, DB_OTHER, "", PQerrorMessage(db->conn), NULL);
		PQclear(r);
		return -1;
	}
	PQclear(r);
	return 0;
}

static void after_connect(struct db *db)
{
	PQsetNoticeProcessor(db->conn, notice_processor, db);
	PQsetClientEncoding(db->conn, "UTF8");
}

struct db *db_connect(const char *conninfo)
{
	return db_connect_timeout(conninfo, 0);
}

struct db *db_connect_timeout(const char *conninfo, int timeout_s)
{
	struct db *db = xcalloc(1, sizeof(*db));
	char timeout[16] = "";
	/* connect_timeout stands before dbname, so a value inside conninfo
	 * (key=value or URI) wins over the settings' default. */
	const char *const keys[] = {"connect_timeout", "dbname", "fallback_application_name", NULL};
	const char *const values[] = {timeout, conninfo ? conninfo : "", "sdesk", NULL};

	if (timeout_s > 0)
		snprintf(timeout, sizeof(timeout), "%d", timeout_s);

	db->conninfo = xstrdup(conninfo ? conninfo : "");
	db->conn = PQconnectdbParams(keys, values, 1);
	if (!db->conn)
		sdesk_die(1, _("out of memory connecting to the database"));
	if (PQstatus(db->conn) != CONNECTION_OK) {
		set_connect_error(db);
		return db;
	}
	after_connect(db);
	clear_error(db);
	/* Fails only with a connection that broke at once; the next statement
	 * then reconnects, and db_reconnect() pins again. */
	(void)pin_now(db);
	return db;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	PQfinish(db->conn);
	for (size_t i = 0; i < db->nchannels; i++)
		free(db->channels[i]);
	free(db->channels);
	free(db->conninfo);
	free(db);
}

int db_connected(const struct db *db)
{
	return db && db->conn && !db->dropped && PQstatus(db->conn) == CONNECTION_OK;
}

int db_is_standby(struct db *db)
{
	const char *hs;
	PGresult *r;
	int standby;

	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK)
		return -1;
	/* Reported by the server since PostgreSQL 14, also when it is promoted. */
	hs = PQparameterStatus(db->conn, "in_hot_standby");
	if (hs)
		return strcmp(hs, "on") == 0;
	if (db->busy)
		return -1;
	r = PQexec(db->conn, "SELECT pg_catalog.pg_is_in_recovery()");
	standby = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1
		&& strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		standby = -1;
	PQclear(r);
	return standby;
}

int db_listening(const struct db *db)
{
	return db_connected(db) && db->listening;
}

const struct db_error *db_last_error(const struct db *db)
{
	return &db->err;
}

void db_set_notice_handler(struct db *db, db_notice_fn fn, void *arg)
{
	db->notice_fn = fn;
	db->notice_arg = arg;
}

static int listen_channel(struct db *db, const char *channel)
{
	char *quoted = db_quote_ident(db, channel);
	char *sql;
	int rc;

	if (!quoted)
		return -1;
	sql = xasprintf("LISTEN %s", quoted);
	rc = db_command(db, sql, 0, NULL);
	free(sql);
	free(quoted);
	return rc;
}

/* LISTENs the kept channels, unless the server is a hot standby (which
 * cannot: the caller polls, doc/admin.md). 0 ok, -1 error. */
static int renew_listens(struct db *db)
{
	db->listening = 0;
	if (db->nchannels == 0 || db_is_standby(db) == 1)
		return 0;
	for (size_t i = 0; i < db->nchannels; i++)
		if (listen_channel(db, db->channels[i]) < 0)
			return -1;
	db->listening = 1;
	return 0;
}

int db_reconnect(struct db *db)
{
	/* PQreset connects with the same conninfo: with several hosts it tries
	 * each in turn and keeps the first that target_session_attrs accepts,
	 * so after a failover this finds the new primary. */
	PQreset(db->conn);
	db->busy = 0;
	db->dropped = 0;
	db->listening = 0;
	db->nprepared = 0;
	if (PQstatus(db->conn) != CONNECTION_OK) {
		set_connect_error(db);
		return -1;
	}
	after_connect(db);
	clear_error(db);
	if (pin_now(db) != 0)
		return -1;
	return renew_listens(db);
}

int db_server_answers(const struct db *db)
{
	const char *const keys[] = {"connect_timeout", "dbname", NULL};
	const char *const values[] = {"2", db->conninfo, NULL};

	return PQpingParams(keys, values, 1) != PQPING_NO_RESPONSE;
}

static int ensure_connected(struct db *db)
{
	if (!db->dropped && PQstatus(db->conn) == CONNECTION_OK)
		return 0;
	return db_reconnect(db);
}

struct db_result *db_exec(struct db *db, const char *sql, int nparams, const char *const *params)
{
	if (db->busy) {
		set_error(db, DB_OTHER, "", _("a statement is still running on this connection"), NULL);
		return NULL;
	}
	if (ensure_connected(db) < 0)
		return NULL;
	return check_result(db, PQexecParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0));
}

int db_command(struct db *db, const char *sql, int nparams, const char *const *params)
{
	struct db_result *res = db_exec(db, sql, nparams, params);

	if (!res)
		return -1;
	db_result_free(res);
	return 0;
}

int db_rollback(struct db *db)
{
	struct db_error kept = db->err;
	int r = db_command(db, "ROLLBACK", 0, NULL);

	if (r == 0 && kept.kind != DB_OK)
		db->err = kept;
	return r;
}

int db_exec_script(struct db *db, const char *sql)
{
	PGresult *r;
	struct db_result *res;

	if (ensure_connected(db) < 0)
		return -1;
	r = PQexec(db->conn, sql);
	res = check_result(db, r);
	if (!res)
		return -1;
	db_result_free(res);
	return 0;
}

char *db_quote_ident(struct db *db, const char *name)
{
	char *q, *copy;

	if (ensure_connected(db) < 0)
		return NULL;
	q = PQescapeIdentifier(db->conn, name, strlen(name));
	if (!q) {
		set_error(db, DB_INPUT, "", PQerrorMessage(db->conn), NULL);
		return NULL;
	}
	copy = xstrdup(q);
	PQfreemem(q);
	return copy;
}

int db_result_rows(const struct db_result *res)
{
	return PQntuples(res->res);
}

int db_result_cols(const struct db_result *res)
{
	return PQnfields(res->res);
}

const char *db_result_name(const struct db_result *res, int col)
{
	return PQfname(res->res, col);
}

const char *db_result_value(const struct db_result *res, int row, int col)
{
	if (row < 0 || row >= PQntuples(res->res) || col < 0 || col >= PQnfields(res->res))
		return NULL;
	if (PQgetisnull(res->res, row, col))
		return NULL;
	return PQgetvalue(res->res, row, col);
}

char *db_result_strdup(const struct db_result *res, int row, int col)
{
	const char *v = db_result_value(res, row, col);

	return xstrdup(v ? v : "");
}

int64_t db_result_int64(const struct db_result *res, int row, int col, int64_t null_value)
{
	const char *v = db_result_value(res, row, col);

	return v ? strtoll(v, NULL, 10) : null_value;
}

long db_result_affected(const struct db_result *res)
{
	const char *n = PQcmdTuples(res->res);

	return *n ? strtol(n, NULL, 10) : 0;
}

void db_result_free(struct db_result *res)
{
	if (!res)
		return;
	PQclear(res->res);
	free(res);
}

int db_socket(const struct db *db)
{
	if (!db_connected(db))
		return -1;
	return PQsocket(db->conn);
}

int db_send(struct db *db, const char *sql, int nparams, const char *const *params)
{
	if (db->busy) {
		set_error(db, DB_OTHER, "", _("a statement is still running on this connection"), NULL);
		return -1;
	}
	if (ensure_connected(db) < 0)
		return -1;
	if (!PQsendQueryParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0)) {
		check_result(db, NULL);
		return -1;
	}
	db->busy = 1;
	return 0;
}

int db_send_prepared(struct db *db, const char *sql, int nparams, const char *const *params)
{
	char name[24];
	size_t i;

	if (db->busy) {
		set_error(db, DB_OTHER, "", "a statement is still running on this connection", NULL);
		return -1;
	}
	if (ensure_connected(db) < 0)
		return -1;
	for (i = 0; i < db->nprepared && db->prepared[i] != sql; i++)
		;
	if (i == db->nprepared && i == DB_MAX_PREPARED)
		return db_send(db, sql, nparams, params); /* no room: planned each time */
	snprintf(name, sizeof name, "sdesk_p%zu", i);
	if (i == db->nprepared) {
		/* Once per connection, blocking: a parse, no planning. The first
		 * also makes the session plan generically, so the statement is
		 * planned once, not at its first five executions (PostgreSQL's
		 * default: custom plans until it has compared their costs). */
		struct db_result *res;

		if (db->nprepared == 0) {
			res = check_result(db, PQexec(db->conn, "SET plan_cache_mode = force_generic_plan"));
			if (!res)
				return -1;
			db_result_free(res);
		}
		res = check_result(db, PQprepare(db->conn, name, sql, nparams, NULL));
		if (!res)
			return -1;
		db_result_free(res);
		db->prepared[db->nprepared++] = sql;
	}
	if (!PQsendQueryPrepared(db->conn, name, nparams, params, NULL, NULL, 0)) {
		check_result(db, NULL);
		return -1;
	}
	db->busy = 1;
	return 0;
}

int db_consume(struct db *db)
{
	if (!PQconsumeInput(db->conn) || PQstatus(db->conn) != CONNECTION_OK) {
		set_error(db, DB_CONNECTION, "", PQerrorMessage(db->conn), NULL);
		db->busy = 0;
		return -1;
	}
	return 0;
}

int db_poll(struct db *db, struct db_result **res)
{
	PGresult *r, *extra;

	*res = NULL;
	if (db_consume(db) < 0)
		return -1;
	if (!db->busy)
		return 1;
	if (PQisBusy(db->conn))
		return 0;
	r = PQgetResult(db->conn);
	while ((extra = PQgetResult(db->conn)) != NULL)
		PQclear(extra); /* one statement per send: only its first result counts */
	db->busy = 0;
	*res = check_result(db, r);
	return 1;
}

int db_listen(struct db *db, const char *channel)
{
	size_t i;
	int standby;

	if (ensure_connected(db) < 0)
		return -1;
	standby = db_is_standby(db) == 1;
	if (!standby && listen_channel(db, channel) < 0)
		return -1;
	for (i = 0; i < db->nchannels; i++)
		if (strcmp(db->channels[i], channel) == 0)
			break;
	if (i == db->nchannels) {
		db->channels = xrealloc(db->channels, (db->nchannels + 1) * sizeof(*db->channels));
		db->channels[db->nchannels++] = xstrdup(channel);
	}
	db->listening = !standby;
	return standby;
}

int db_next_notify(struct db *db, char *channel, size_t channel_size, char *payload,
	size_t payload_size)
{
	PGnotify *n = PQnotifies(db->conn);

	if (!n)
		return 0;
	if (channel_size)
		snprintf(channel, channel_size, "%s", n->relname);
	if (payload_size)
		snprintf(payload, payload_size, "%s", n->extra);
	PQfreemem(n);
	return 1;
}
