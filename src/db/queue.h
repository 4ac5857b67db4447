/* The console's read queries: the open-ticket queue and one ticket's details.
 * Plain C structs out; every query goes through the gateway (db/db.h) with
 * bound parameters. Instants are Unix seconds, QUEUE_NO_TIME when NULL. */
#ifndef SDESK_DB_QUEUE_H
#define SDESK_DB_QUEUE_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct db_result;

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
	int64_t account_id;
	int64_t contract_id;
	int64_t team;       /* the assignee's team, 0 when none */
	char *team_calendar; /* its staffed-hours calendar, "" = the catalogue's default */
	int managed;        /* marked as managed service */
	char *overrides;    /* the contract's target overrides, sla_overrides_parse() text */
	int64_t resolved;   /* resolved_at; QUEUE_NO_TIME while open */
};

struct queue {
	struct queue_row *rows;
	size_t n;
};

/* One history entry of a ticket, with what it takes to say it in words
 * (ui/history.c): the fields it set, NULL when it did not set them. */
enum queue_ev_field {
	QEV_ASSIGNEE,       /* the assignee's display name ("-" unassigned) */
	QEV_STATUS, QEV_TIER, QEV_ESCALATION, QEV_EXTENDED,
	QEV_TEXT,           /* a reason, note or report */
	QEV_SECONDS,        /* a call's duration */
	QEV_MINUTES,        /* a time entry's minutes */
	QEV_FREE, QEV_CREDIT, QEV_POINTS, /* what a call or time entry drew from the budget */
	QEV_CENTS,          /* its price */
	QEV_CHANNEL, QEV_CATEGORY, QEV_KIND,
	QUEUE_EV_NFIELDS
};
struct queue_event {
	int64_t at;
	char *who;          /* the agent's display name, else the login */
	char *action;
	char *detail;       /* the changed values "k=v, ..." (instants "@unix"), "" when none */
	char *entity;       /* ticket, call, time_entry, ticket_message, ... */
	char *f[QUEUE_EV_NFIELDS];
};

/* Linked records of a ticket (strings owned, never NULL). */
struct queue_call {
	int64_t at;
	int duration_s;
	char *kind;         /* phone, hotline, callback */
	int64_t price_cents;
	char *agent;
};
struct queue_time {
	int64_t at;
	int minutes;
	char *kind;
	int64_t amount_cents;
	char *agent;
	char *note;
};
struct queue_incident {
	int64_t id;
	char *title;
	char *status;
};
struct queue_dev {
	char *tracker, *ref, *kind, *url;
};
struct queue_estimate {
	int seq;            /* 0: told with the first contact, 1..: extensions */
	int64_t due;
	char *reason;
	char *who;
};

/* One message of a ticket's thread: an internal note, a reply to the
 * customer, or a mail that came in (strings owned, never NULL). */
struct queue_message {
	int64_t at;
	char *kind;         /* note, reply, incoming */
	char *channel;      /* console, email, phone, chat, onsite */
	char *author;       /* the agent's display name (else login), or the sender */
	char *body;
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
	char *contract_valid; /* "2026-01-01 - open end" */
	int64_t managed_told_at;
	char *managed_told_via;
	int64_t time_billed_month_cents; /* time entries of the account this month */
	struct queue_event *events;
	size_t nevents;
	struct queue_call *calls;
	size_t ncalls;
	struct queue_time *times;
	size_t ntimes;
	struct queue_incident *incidents;
	size_t nincidents;
	struct queue_dev *devs;
	size_t ndevs;
	struct queue_estimate *estimates;
	size_t nestimates;
	struct queue_message *messages; /* oldest first */
	size_t nmessages;
};

/* The person logged in. */
struct queue_me {
	char *login;        /* session_user */
	char *dbname;
	int is_agent;       /* has an active agent row */
	int is_lead;
	int tier;
	int64_t team;       /* 0 when none */
};

/* An account for the new-ticket form, with the contract that runs today
 * (else its latest contract, running = 0; contract 0 when it has none). */
struct queue_account {
	int64_t id;
	char *code, *name;
	int64_t contract;
	char *plan;         /* "" without contract */
	int running;
	char *valid;        /* "2026-01-01 - open end" */
	char *overrides;    /* the contract's target overrides, sla_overrides_parse() text */
};
struct queue_contact {
	int64_t id;
	int64_t account;
	char *name;
	int key_user;       /* 1 key user, 0 end user */
};
struct queue_lists {
	struct queue_account *accounts;
	size_t naccounts;
	struct queue_contact *contacts;
	size_t ncontacts;
	char **agents;      /* logins of active agents */
	size_t nagents;
	struct queue_incident *incidents; /* open incidents */
	size_t nincidents;
};

/* How many of the most recently resolved or closed tickets the queue lists
 * (the console's resolved and closed views). */
#define QUEUE_DONE_ROWS 300
#define QUEUE_DONE_ROWS_SQL "300"

/* Loads every open ticket (status new, open, waiting) into q (previous
 * contents freed on success), in id order (the console sorts them with the
 * SLA engine, ui/qclock.h), followed by the QUEUE_DONE_ROWS most recently
 * resolved or closed tickets, newest first (resolved_at, then id,
 * descending). Returns 0, or -1 with db_last_error set. */
int queue_load(struct db *db, struct queue *q);
void queue_free(struct queue *q);

/* The same without blocking: queue_send sends the query (db_send; 0 or -1),
 * and when db_poll hands back its result, queue_take reads it into q (the
 * result stays the caller's). */
int queue_send(struct db *db);
void queue_take(const struct db_result *res, struct queue *q);

/* 1 when r is resolved or closed (the done part of a queue), else 0. */
int queue_row_done(const struct queue_row *r);

/* A change to a few tickets, without reloading the queue (the console's
 * rule: doc/console.md, "Keeping the queue current"). Every write notifies
 * SDESK_NOTIFY_CHANNEL with the ticket's id, or ENTITY:ID for a change that
 * is not one ticket's (db/db.h). queue_payload_ticket gives the ticket id of
 * a payload, 0 when it names no single ticket (then reload the queue).
 * queue_send_ids sends the query for the n (at most QUEUE_MAX_IDS) tickets'
 * rows, whatever their status (0 or -1). queue_merge replaces their rows in
 * q (laid out as queue_load's: open rows in any order, then the done part)
 * by the result's: a ticket no longer open moves to the done part, one
 * resolved long ago drops out of it (QUEUE_DONE_ROWS), a new one joins; the
 * open rows that did not change keep their order, the changed and new ones
 * follow them (the caller sorts the open part again). Returns 0, or 1 when a
 * full done part lost a row (a ticket reopened) that only a whole reload can
 * fill: then q is consistent but one short, and the caller reloads. */
#define QUEUE_MAX_IDS 32
int64_t queue_payload_ticket(const char *payload);
int queue_send_ids(struct db *db, const int64_t *ids, size_t n);
int queue_merge(const struct db_result *res, struct queue *q, const int64_t *ids, size_t n);

/* Who is logged in and their agent row. 0 or -1. Free with queue_me_free. */
int queue_me(struct db *db, struct queue_me *me);
void queue_me_free(struct queue_me *me);

/* Accounts with their running contracts, contacts, agents, open incidents
 * for the forms. 0 or -1. Free with queue_lists_free. */
int queue_load_lists(struct db *db, struct queue_lists *l);
void queue_lists_free(struct queue_lists *l);

/* Loads ticket id (any status) with its history, estimates, calls, time
 * entries and links into t. Returns 0, 1 when no such ticket, or -1 on error
 * (then t is left as it was). Free t with queue_ticket_free. */
int queue_load_ticket(struct db *db, int64_t id, struct queue_ticket *t);
void queue_ticket_free(struct queue_ticket *t);

/* Who is logged in (session_user) and the database name, malloc'ed into
 * *user and *dbname. Returns 0 or -1. */
int queue_whoami(struct db *db, char **user, char **dbname);

/* Extra open time of an account between from and to (Unix seconds), for
 * the due instants of a new ticket (doc/sla.md, "Extra open windows"): its
 * booked standby windows, and with oncall != 0 its on-call windows, one-off
 * and standing (expanded day by day in the window's zone). Pairs
 * from,to in *out (malloc'ed, the caller frees; NULL when none), *n pairs,
 * sorted by start. 0 ok, -1 with db_last_error. */
int queue_open_windows(struct db *db, int64_t account, int64_t from, int64_t to, int oncall, int64_t **out,
		       size_t *n);

#endif
