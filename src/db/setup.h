/* Provisioning for `sdesk demo setup`: databases, login roles and the
 * session's person. Needs a superuser connection. */
#ifndef SDESK_DB_SETUP_H
#define SDESK_DB_SETUP_H

#include <stdint.h>

struct db;

/* Creates database name unless it exists. *created = 1 when it was made.
 * 0 ok, -1 error (db_last_error). */
int dbsetup_ensure_database(struct db *db, const char *name, int *created);

/* Creates login role `login` unless it exists, and grants it sdesk_agent,
 * plus sdesk_lead when lead, plus sdesk_ops when ops. *created = 1 when the
 * role was made. 0 ok, -1 error. */
int dbsetup_ensure_login_role(struct db *db, const char *login, int lead, int ops, int *created);

/* SET SESSION AUTHORIZATION login (session_user becomes login, so the
 * action functions record that person); login NULL resets to the
 * superuser. 0 ok, -1 error. */
int dbsetup_act_as(struct db *db, const char *login);

/* Does an agent row for login exist? 1 yes, 0 no, -1 error. */
int dbsetup_agent_exists(struct db *db, const char *login);

/* Number of accounts with this code (0 or 1) and tickets in the database.
 * 0 ok, -1 error. */
int dbsetup_counts(struct db *db, const char *account_code, int64_t *accounts, int64_t *tickets);

/* Marks the database as a demo database (clock_pin, migration 0024): the
 * pinned clock SDESK_NOW is honoured there. Needs the owner or a superuser.
 * 0 ok, -1 error. */
int dbsetup_mark_demo(struct db *db);

#endif
