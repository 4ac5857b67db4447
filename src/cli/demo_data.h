/* The demo data set of `sdesk demo setup`, as C tables: agents, accounts on
 * every plan of conf/plans.cfg, contacts, and open tickets in every state
 * relative to now. cmd_demo.c writes them through the action wrappers. */
#ifndef SDESK_CLI_DEMO_DATA_H
#define SDESK_CLI_DEMO_DATA_H

#include <stddef.h>

struct demo_agent {
	const char *login;
	const char *name;
	int tier;       /* 1st, 2nd, 3rd level */
	int team;       /* index into demo_teams */
	int lead;
	int ops;        /* incidents, broadcasts, maintenance */
};

struct demo_account {
	const char *code;
	const char *name;
	const char *plan;
	const char *plan2;      /* a second contract (level 3 requires level 2), or NULL */
	const char *overrides;  /* contract overrides (doc/data-model.md), or NULL */
	const char *key_user, *key_email, *key_phone;
	const char *end_user, *end_email;
};

/* How a ticket's receipt is chosen: with a reaction target, so that the
 * reaction clock has `remaining` business minutes left at now (negative:
 * breached that long ago); without one, `age` minutes ago. */
struct demo_ticket {
	const char *account;     /* code */
	int contract2;           /* on the account's second contract */
	const char *channel;
	const char *category;
	const char *subject;
	const char *description;
	int remaining;           /* business minutes; DEMO_AGE: use age */
	int age;                 /* wall minutes since receipt (DEMO_AGE) */
	const char *assignee;    /* login, NULL unassigned; "@me" the --agent */
	int tier;                /* 1..3 */
	int ack_after;           /* first contact this many minutes after receipt, 0 = none */
	int estimate_hours;      /* with ack: estimate told (hours after now), 0 = none */
	int extensions;          /* estimate extended this often (escalation 1, 2) */
	int escalation;          /* a lead's escalation to 3, 0 = none */
	int extended;            /* extended escalation (both companies' leadership) */
	int pause_minutes;       /* waiting for the customer since this many minutes, 0 = no */
	int was_paused;          /* a pause of this many minutes after receipt, resumed */
	int managed;             /* managed service (told by e-mail) */
	int incident;            /* linked to the demo incident (broadcast = first contact) */
	const char *dev_ref;     /* development tracker ticket, or NULL */
	int call_seconds;        /* a phone call, 0 = none */
	int time_minutes;        /* a time entry (multiple of 15), 0 = none */
};

#define DEMO_AGE (-999999)

/* The demo's fixed past month (doc/billing.md, "Statements"): tickets of
 * demo_history_account with fixed instants, local "YYYY-MM-DD HH:MM" in the
 * ledger's zone (Europe/Berlin), so `sdesk statement` of that month is the
 * same whatever day the demo is set up (tests/db/demo-statement.sh). */
struct demo_work {
	const char *at;          /* NULL ends the list */
	int call_seconds;        /* a call; 0: a time entry */
	int hotline;
	int time_minutes;        /* typed, rounded up to quarter hours when booked */
	const char *kind;        /* time entry kind */
};

struct demo_past_ticket {
	const char *channel;
	const char *category;
	const char *subject;
	const char *description;
	const char *assignee;    /* login */
	const char *received, *first_contact, *resolved;
	struct demo_work work[4];  /* in booking order */
};

extern const char demo_history_account[];  /* code */
extern const char demo_history_since[];    /* its account and contract run from (YYYY-MM-DD) */
extern const struct demo_past_ticket demo_past_tickets[];
extern const size_t demo_npast;

extern const char *const demo_teams[];
extern const size_t demo_nteams;
extern const struct demo_agent demo_agents[];
extern const size_t demo_nagents;
extern const struct demo_account demo_accounts[];
extern const size_t demo_naccounts;
extern const struct demo_ticket demo_tickets[];
extern const size_t demo_ntickets;

#endif
