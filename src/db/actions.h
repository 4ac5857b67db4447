/* The write path: every SQL action function, declared once in db/actions.def
 * (name, group, typed parameters, help), and one generic call that binds the
 * values as parameters. The console (through the journal), `sdesk log`,
 * `sdesk plans load`, `sdesk admin` and the demo all write through it.
 *
 * Derived from db/actions.def:
 * - enum act_id (ACT_create_ticket, ...) and act_defs[] (name, group, help,
 *   parameters parsed once);
 * - act_sql(): "SELECT create_ticket($1::uuid, $2::bigint, ...)", the SQL
 *   the client and the journal send;
 * - the journal's actions (db/journal.c: every action with a key);
 * - who may call an action, for a refused EXECUTE (db/db.c).
 *
 * Calling (act_call / act_callv):
 * - returns 0 on success, -1 on failure with db_last_error(db) set (SQLSTATE,
 *   message); nothing is written on failure (each call is one statement).
 *   A call whose values do not fit the declaration (count, or a kind that
 *   cannot be the declared type) is refused before sending, as DB_INPUT.
 * - key: for actions with a key, a 36-character UUID (db_new_key). Keep it
 *   and pass it again to retry a write whose outcome is unknown (lost
 *   connection): the database applies a key once and answers the first
 *   call's id (the same login, the same content; doc/data-model.md). NULL:
 *   a fresh key (no safe retry). Must be NULL for actions without a key.
 * - the person recorded is the database session_user: call as the agent.
 * - *id (when not NULL) receives the function's result as a number (ticket id
 *   for ticket actions, else the new row's id; 0 for a text or NULL result). */
#ifndef SDESK_DB_ACTIONS_H
#define SDESK_DB_ACTIONS_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* Who holds EXECUTE on an action (doc/security.md). */
enum act_group { ACT_AGENT, ACT_LEAD, ACT_OPS, ACT_ADMIN };

enum act_id {
#define ACTION(name, group, params, help) ACT_##name,
#include "db/actions.def"
#undef ACTION
	ACT_COUNT
};

#define ACT_MAXP 12 /* the most parameters an action has, key included */

/* The kind of a value: what SQL types it may be bound to. */
enum act_kind {
	ACT_K_NULL, /* SQL NULL: any type */
	ACT_K_INT,  /* bigint, integer, smallint */
	ACT_K_TIME, /* timestamptz (Unix seconds) */
	ACT_K_BOOL, /* boolean */
	ACT_K_TEXT  /* text, jsonb, date ("YYYY-MM-DD"), text[] ("{a,b}"), uuid */
};

struct act_param {
	char name[32]; /* without the SQL function's p_ prefix */
	char type[32]; /* as declared: "bigint", "timestamptz", "text[]" */
};

struct act_def {
	enum act_id id;
	const char *name;
	enum act_group group;
	const char *help;
	const char *params_text;  /* as in db/actions.def */
	int keyed;                /* the first parameter is "key uuid" */
	int nparams;              /* key included */
	struct act_param params[ACT_MAXP];
};

/* The declaration of an action; act_find: by name, NULL when unknown. */
const struct act_def *act_def(enum act_id a);
const struct act_def *act_find(const char *name);
/* "SELECT name($1::type, ...)": the statement for a, a static string. */
const char *act_sql(enum act_id a);
/* The group's role ("sdesk_lead") and its people ("team leads (sdesk_lead)"). */
const char *act_group_role(enum act_group g);
const char *act_group_people(enum act_group g);

/* One value for a parameter after the key. */
struct act_val {
	enum act_kind kind;
	int64_t i;     /* ACT_K_INT, ACT_K_TIME (Unix seconds), ACT_K_BOOL */
	const char *s; /* ACT_K_TEXT */
};

#define ACT_NO_TIME INT64_MIN

struct act_val av_int(int64_t x);
struct act_val av_id(int64_t x);     /* x <= 0: NULL (ids start at 1) */
struct act_val av_time(int64_t t);   /* ACT_NO_TIME: NULL */
struct act_val av_bool(int b);
struct act_val av_str(const char *s); /* NULL: NULL */
struct act_val av_null(void);

/* Runs action a with the n values after the key (see above). */
int act_callv(struct db *db, enum act_id a, const char *key, int64_t *id, size_t n, const struct act_val *v);
#define act_call(db, a, key, id, ...) \
	act_callv((db), (a), (key), (id), sizeof((struct act_val[]){__VA_ARGS__}) / sizeof(struct act_val), \
		  (struct act_val[]){__VA_ARGS__})

/* The values after the key as the text the server and the journal take:
 * v[i] NULL for SQL NULL, numbers and instants formatted into buf. */
struct act_text {
	const char *v[ACT_MAXP];
	char buf[ACT_MAXP][48];
	size_t n;
};
/* 0, or -1 with err set ("create_ticket: parameter 9 received_at is
 * timestamptz, not a number") when the values do not fit a's declaration. */
int act_texts(enum act_id a, size_t n, const struct act_val *v, struct act_text *out, char *err,
	size_t errlen);

/* Values built one by one (the console's forms). */
struct act_args {
	struct act_val v[ACT_MAXP];
	size_t n;
};
void act_add(struct act_args *args, struct act_val v);

#endif
