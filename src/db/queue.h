/* The console's read queries: the open-ticket queue and one ticket's details.
 * Plain C structs out; every query goes through the gateway (db/db.h) with
 * bound parameters. Instants are Unix seconds, QUEUE_NO_TIME when NULL. */
#ifndef SDESK_DB_QUEUE_H
#define SDESK_DB_QUEUE_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define QUEUE_NO_TIME INT64_MIN

/* One open ticket (status new, open or waiting). Strings are owned by the
 * row and never NULL ("" when the column is NULL). */
struct queue_row {
	int64_t id;
	char *ref;          /* "SD-10001" */
	char *customer;     /* account name */
	char *plan;         /* plan code */
	char *category;
	char *channel;
	char *status;       /* new, open, waiting */
	char *assignee;     /* agent login, "" when unassigned */
	char *subject;
	int tier;           /* 1..3 */
	int escalation;     /* 0..3 */
	int extended;       /* extended escalation (both companies' leadership) */
	int64_t received;
	int64_t first_contact;
	int64_t reaction_due;
	int64_t resolution_due;
	int64_t estimate_due;
	int64_t paused_since;
};

struct queue {
	struct queue_row *rows;
	size_t n;
};

/* One history entry of a ticket. */
struct queue_event {
	int64_t at;
	char *who;
	char *action;
	char *detail;       /* the new values as text, "" when none */
};

/* A ticket with what the ticket screen shows. */
struct queue_ticket {
	struct queue_row row;
	char *description;
	char *account_code;
	char *contact;      /* contact name, "" when none */
	char *contact_role; /* key_user, end_user or "" */
	char *contact_email;
	char *contact_phone;
	struct queue_event *events;
	size_t nevents;
};

/* Loads every open ticket into q (previous contents freed on success),
 * ordered by the instant the relevant clock runs out (reaction until the
 * first qualified contact, then the estimate, else resolution; none last),
 * then received, then id. Returns 0, or -1 with db_last_error set. */
int queue_load(struct db *db, struct queue *q);
void queue_free(struct queue *q);

/* Loads ticket id into t. Returns 0, 1 when no such ticket, or -1 on error
 * (then t is left as it was). Free t with queue_ticket_free. */
int queue_load_ticket(struct db *db, int64_t id, struct queue_ticket *t);
void queue_ticket_free(struct queue_ticket *t);

/* Who is logged in (session_user) and the database name, malloc'ed into
 * *user and *dbname. Returns 0 or -1. */
int queue_whoami(struct db *db, char **user, char **dbname);

#endif
