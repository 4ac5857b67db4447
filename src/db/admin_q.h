/* People management for `sdesk admin`: login roles and their agent rows
 * (doc/security.md, "Adding people"). */
#ifndef SDESK_DB_ADMIN_Q_H
#define SDESK_DB_ADMIN_Q_H

#include <stddef.h>

struct db;

/* The roles a person can have: X(enum, name, group role, is_lead). A lead is
 * also an agent, an admin also a lead and ops (schema/0003_grants.sql). */
#define ADMIN_ROLES(X) \
	X(ADMIN_ROLE_AGENT, "agent", "sdesk_agent", 0) \
	X(ADMIN_ROLE_LEAD,  "lead",  "sdesk_lead",  1) \
	X(ADMIN_ROLE_OPS,   "ops",   "sdesk_ops",   0) \
	X(ADMIN_ROLE_ADMIN, "admin", "sdesk_admin", 1)

enum admin_role {
#define ADMIN_X(e, name, group, lead) e,
	ADMIN_ROLES(ADMIN_X)
#undef ADMIN_X
	ADMIN_ROLE_COUNT
};

/* "agent" -> ADMIN_ROLE_AGENT; -1 for an unknown name. */
int admin_role_from_name(const char *name);
const char *admin_role_name(enum admin_role role);
/* The group role, e.g. "sdesk_lead". */
const char *admin_role_group(enum admin_role role);

/* 1 when login is acceptable as a login role and agent name: 1..63 bytes of
 * a-z 0-9 _ . -, starting with a letter or '_', not pg_* or sdesk_* (those
 * are PostgreSQL's and sdesk's own roles). Else 0 and a reason in err. */
int admin_login_ok(const char *login, char *err, size_t errlen);

struct admin_agent {
	const char *login;
	const char *display_name;
	enum admin_role role;
	int tier;          /* 1..3 */
	const char *team;  /* team name, NULL: none */
};

/* In one transaction: creates the login role (CREATE ROLE with a quoted
 * identifier, no password: see doc/security.md), or adopts an existing role
 * that has no agent row yet, grants its group and creates the agent row with
 * create_agent(). *created is set to 1 when the role was new. The caller must
 * have CREATEROLE and be an sdesk admin. Returns 0, or -1 with a message in
 * err (also for an unknown team or an existing agent); nothing is left behind
 * on failure. */
int admin_add_agent(struct db *db, const struct admin_agent *a, int *created, char *err, size_t errlen);

#endif
