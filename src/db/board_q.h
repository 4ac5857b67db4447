/* The breach board's and `sdesk check`'s read queries (doc/board.md).
 *
 * One snapshot statement (one round trip, so it can run asynchronously from
 * the board's poll loop) returns what the board needs to know; the board then
 * recomputes every ticket's state itself at each tick from the due instants:
 *   - every open ticket (waiting ones too: a plan's pause may not stop the
 *     reaction clock) whose clock runs out before now + the largest at-risk
 *     threshold + BOARD_HORIZON_SLACK_MIN, in wall time and in the working
 *     time of every calendar of the catalogue (sla_risk_horizon), so breached
 *     and at-risk counts stay right until the next snapshot, taken at least
 *     every BOARD_RESYNC_S;
 *   - every open escalated (level >= 1 or extended) or 3rd-level ticket;
 *   - the next BOARD_NEXT_UP running tickets beyond that horizon;
 *   - per assignee: open and paused counts (all open tickets);
 *   - incidents in progress and the current or next maintenance window;
 *   - on-call reports not yet sent (003: due the next working day after the
 *     work ended, oncall_work.report_due; the first BOARD_REPORTS by due).
 * Instants are Unix seconds, BOARD_NO_TIME when NULL. */
#ifndef SDESK_DB_BOARD_Q_H
#define SDESK_DB_BOARD_Q_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct db_result;
struct sla_catalogue;

#define BOARD_NO_TIME INT64_MIN
#define BOARD_HORIZON_SLACK_MIN 60
#define BOARD_RESYNC_S (15 * 60)
#define BOARD_NEXT_UP 10
#define BOARD_REPORTS 20

/* One open ticket. Strings are owned and never NULL. */
struct board_ticket {
	int64_t id;
	char *ref, *customer, *plan, *category, *status, *assignee, *subject;
	int tier, escalation, extended;
	int risk_minutes;  /* at-risk threshold of this ticket (check, plan or sdesk.cfg) */
	int64_t received, first_contact, reaction_due, resolution_due, estimate_due, paused_since;
	char *team_calendar; /* staffed_calendar of the assignee's team, "" = the catalogue's */
	int next_only;     /* held only as one of the next BOARD_NEXT_UP (beyond the horizon) */
};

struct board_agent {
	char *login;       /* "" for unassigned tickets */
	char *name;        /* display name, or the login */
	int open, paused;
};

struct board_incident {
	int64_t id;
	char *title, *status;
	int tickets;       /* open tickets linked to it */
	int64_t started, expected_fix;
};

/* The detailed report of ended on-call work, not yet sent (doc/sla.md,
 * "On-call work and its report"): due until report_due, breached after. */
struct board_report {
	int64_t work;
	char *ref;         /* the ticket's, "" without one */
	char *customer, *agent;
	int64_t due, ended;
};

struct board_data {
	struct board_ticket *tickets;
	size_t ntickets;
	struct board_agent *agents;
	size_t nagents;
	struct board_incident *incidents;
	size_t nincidents;
	struct board_report *reports;
	size_t nreports;
	int has_maint;     /* a maintenance window runs or is planned */
	char *maint_title, *maint_scope;
	int64_t maint_starts, maint_ends;
	int open, paused;  /* totals over the agents' rows */
	int64_t until;     /* the snapshot's horizon (Unix seconds) */
	/* A partial reload's result only (board_q_merge): whether it counted
	 * the load per agent, and each named ticket as it is now. */
	int with_load;
	struct board_named {
		int64_t id;
		char *login, *name; /* its assignee ("" none) and display name */
		int counts;         /* open and within the filters */
		int waiting;
	} *named;
	size_t nnamed;
};

/* Which tickets count. NULL strings match everything. */
struct board_filter {
	const char *plan;      /* plan code */
	const char *team;      /* team name of the assignee */
	const char *customer;  /* account code or name */
	int warn_minutes;      /* >= 0: at-risk threshold for every ticket; -1: per plan */
	int default_minutes;   /* threshold of plans that set none (sdesk.cfg board) */
	/* The catalogue the board judges with (may be NULL): the snapshot then
	 * reaches as far as a ticket can be at risk in its team's working time
	 * (sla_risk_horizon), not only in wall time. */
	const struct sla_catalogue *cat;
};

/* Sends the snapshot statement (db_send). 0 sent, -1 with db_last_error. */
int board_q_send(struct db *db, const struct board_filter *f);

/* board_q_send for a live board's own session: the statement is prepared
 * on the connection (db_send_prepared), so the server does not plan it
 * again at every change; not through a transaction-mode pool. */
int board_q_send_live(struct db *db, const struct board_filter *f);

/* A partial reload after a change that named tickets (the NOTIFY payloads,
 * queue_payload_ticket; at most QUEUE_MAX_IDS): sends, prepared, the rows
 * of those n tickets that the snapshot d holds at its horizon d->until,
 * the next BOARD_NEXT_UP again, and everything else the snapshot has
 * (incidents, maintenance, on-call reports; the load per agent only when d
 * does not hold every named ticket: else board_q_merge counts the change
 * from their previous state). board_q_merge then replaces in d the named
 * tickets and the next ten by the result's; d then holds what a snapshot
 * with the same horizon would (tests/board/delta.sh). A change that names
 * no ticket needs the snapshot. */
int board_q_send_delta(struct db *db, const struct board_filter *f, const struct board_data *d,
		       const int64_t *ids, size_t n);
void board_q_merge(const struct db_result *res, struct board_data *d, const int64_t *ids, size_t n);

/* Fills d from the snapshot result res (d's previous contents are freed).
 * res stays owned by the caller. */
void board_q_read(const struct db_result *res, struct board_data *d);

/* board_q_send, then waits for it (scripts: --once, check, bench). 0, or -1
 * with db_last_error. */
int board_q_load(struct db *db, const struct board_filter *f, struct board_data *d);
/* The same, waiting, prepared (board_q_send_live) and partial
 * (board_q_send_delta at d->until, then board_q_merge into d): the bench
 * and the tests. 0, or -1 with db_last_error. */
int board_q_load_live(struct db *db, const struct board_filter *f, struct board_data *d);
int board_q_delta_load(struct db *db, const struct board_filter *f, struct board_data *d, const int64_t *ids,
		       size_t n);

/* Whether the filter's plan (a plan code), team (a team name) and customer
 * (an account code or name) exist. Returns 0 when all given ones do, 1 with
 * "plan 'x' is not known" (the first unknown) in msg, -1 on a database
 * error. */
int board_q_filter_known(struct db *db, const struct board_filter *f, char *msg, size_t len);

void board_data_free(struct board_data *d);

/* Compliance per local day (Europe/Berlin) for the last ndays days, oldest
 * first: clocks (reaction and resolution) that fell due that day, before now,
 * and how many of them were met. */
struct board_day {
	int year, month, day;
	int due, met;
};

struct board_chart {
	struct board_day *days;
	size_t n;
};

/* The standby poll (doc/admin.md, "Boards on a standby"): NOTIFY does not
 * reach a hot standby, so a board there asks once a second how far the
 * standby has replayed the primary's WAL and takes a snapshot when that
 * moved. Also the replication delay: how old the last replayed commit is
 * while received WAL still waits to be replayed (0 when all is replayed),
 * and whether the standby receives from a primary at all. */
struct board_replica {
	int standby;          /* 1 in recovery; 0 the server is (now) a primary */
	int receiving;        /* a WAL receiver runs (the primary is reachable) */
	char lsn[32];         /* pg_last_wal_replay_lsn(), "" on a primary */
	int64_t delay_ms;     /* replication delay, 0 when caught up */
	int64_t replayed_at;  /* Unix seconds of the last replayed commit, BOARD_NO_TIME */
};

int board_q_replica_send(struct db *db);
void board_q_replica_read(const struct db_result *res, struct board_replica *r);
int board_q_replica_load(struct db *db, struct board_replica *r);

int board_q_chart_send(struct db *db, int ndays);
void board_q_chart_read(const struct db_result *res, struct board_chart *c);
int board_q_chart_load(struct db *db, int ndays, struct board_chart *c);
void board_chart_free(struct board_chart *c);

#endif
