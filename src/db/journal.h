/* The local journal of unsaved entries (doc/security.md, "Exactly once").
 *
 * Every write the user makes (a call, time, a ticket change) is first
 * appended here with its action name, its parameters as text and its
 * idempotency key, and fsync'ed; then it is sent. When the database confirms
 * it, a "done" record follows. After a crash or a lost connection the pending
 * entries are sent again with the SAME key, so the database applies each one
 * exactly once (schema/functions/request_begin.sql: the same login with the
 * same content gets the first result; doc/data-model.md, "Idempotency").
 *
 * File: one record per line, "FNV<TAB>TYPE<TAB>fields...", fields escaped
 * (\\ \t \n \r, \N for SQL NULL), FNV the FNV-1a hash of the rest of the line:
 *   P  at key action param...   an entry (param... follow the key)
 *   D  at key                   the database confirmed it
 *   F  at key sqlstate message  the database refused it for good
 *   X  at key                   the user gave it up (sdesk journal forget)
 *   T  at key ticket started    a call timer started (never sent; see below)
 *   Z  at key                   that call timer ended without a call (discarded)
 * The file is only appended to (one write per record, then fsync) and
 * rewritten atomically by journal_compact (temp file, fsync, rename). A
 * corrupt or torn line is never dropped: it is kept in the file as it was
 * (compaction writes it back), reported (journal_damaged_at,
 * journal_problems) and never sent. Processes sharing a journal serialise on
 * PATH.lock (flock). The file must be the user's own (owned by them or root,
 * not writable by group or others, base/fileperm.h): opening, reading and
 * appending refuse it otherwise.
 *
 * No curses, no libpq here except through db/db.h in the submit functions. */
#ifndef SDESK_DB_JOURNAL_H
#define SDESK_DB_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct journal;

enum journal_state { JOURNAL_PENDING, JOURNAL_DONE, JOURNAL_FAILED };

struct journal_entry {
	char key[37];
	char *action;
	size_t nparams;     /* parameters after the key */
	char **params;      /* NULL entries are SQL NULL */
	int64_t at;         /* Unix time the entry was made */
	enum journal_state state;
	char sqlstate[6];   /* FAILED: the database's code */
	char *message;      /* FAILED: the database's message, else NULL */
	long line;          /* line of its P record */
};

/* The journal file: configured (journal.path of sdesk.cfg) when not NULL or
 * empty, else $XDG_STATE_HOME/sdesk/journal, else ~/.local/state/sdesk/journal.
 * Writes it into buf. 0, or -1 with err set (no HOME, path too long). */
int journal_default_path(const char *configured, char *buf, size_t len, char *err, size_t errlen);

/* The journal of one database: configured when not NULL or empty (the user
 * keeps one database per journal.path), else journal_default_path's file with
 * "-XXXXXXXX" appended, the FNV-1a hash of journal_target(conninfo), so that
 * entries typed for one database are never sent to another. 0 or -1 (err). */
int journal_path_for(const char *configured, const char *conninfo, char *buf, size_t len, char *err,
	size_t errlen);
/* "user@host:port/dbname" that conninfo (NULL = "") connects to, with libpq's
 * defaults and PG* variables filled in; known without connecting. Several
 * hosts stay one target ("h1,h2:p1,p2": the servers of one database, so a
 * failover keeps the journal); a service comes first ("service=NAME:..."),
 * since its hosts are read only when connecting. 0 or -1. */
int journal_target(const char *conninfo, char *buf, size_t len);

/* Opens (creating the file and its directory, mode 0700/0600) and reads the
 * journal. Returns NULL with err set on I/O errors; corrupt lines are no
 * error (see journal_problems). Close with journal_close. */
struct journal *journal_open(const char *path, char *err, size_t errlen);
void journal_close(struct journal *j);
const char *journal_path(const struct journal *j);

/* Re-reads the file (another process may have written). 0 or -1. */
int journal_reload(struct journal *j, char *err, size_t errlen);

/* Entries in file order, done ones included until compaction. The pointers
 * stay valid until the next call that changes or reloads j. */
size_t journal_count(const struct journal *j);
const struct journal_entry *journal_entry_at(const struct journal *j, size_t i);
size_t journal_pending_count(const struct journal *j);
size_t journal_failed_count(const struct journal *j);

/* Corrupt lines seen by the last read: their number, and (when msg is not
 * NULL) "PATH:LINE: reason" of the first one, plus how many more. */
size_t journal_problems(const struct journal *j, char *msg, size_t len);

/* One damaged line as the last read found it. Valid until the next call
 * that changes or reloads j. */
struct journal_damage {
	long line;          /* 1-based line number */
	long long offset;   /* byte offset of its first byte */
	const char *why;    /* "corrupt record (checksum mismatch)", ... (static) */
	char *raw;          /* its bytes without the newline (may hold NUL), NUL-terminated */
	size_t len;
};
size_t journal_damaged_count(const struct journal *j);
const struct journal_damage *journal_damaged_at(const struct journal *j, size_t i);

/* Appends entry (key = a 36-character UUID, action = a name of the action
 * table, nparams values after the key) and fsyncs before returning. The
 * action must be known (journal_action_params) and take nparams + 1
 * parameters. 0, or -1 with err set (nothing was added then). */
int journal_add(struct journal *j, const char *key, const char *action, size_t nparams,
	const char *const *params, char *err, size_t errlen);

/* Appends a D (state DONE) or F (FAILED, with sqlstate and message) record
 * for key, fsync'ed. 0, or -1 with err set. DONE for a key the file no
 * longer holds is 0 and writes nothing (another process confirmed it and
 * compacted the journal). */
int journal_mark(struct journal *j, const char *key, enum journal_state state, const char *sqlstate,
	const char *message, char *err, size_t errlen);

/* The user gives up an entry (pending or failed): an X record; it counts as
 * done and goes at the next compaction. 0, or -1 with err set. */
int journal_forget(struct journal *j, const char *key, char *err, size_t errlen);

/* Rewrites the file with only the pending and failed entries, then every
 * damaged line as it was: temp file, fsync, rename over, fsync of the
 * directory. */
int journal_compact(struct journal *j, char *err, size_t errlen);

/* Keeps a journal that is used all day small: compacts when nothing is
 * pending and the file (as last read, damaged lines not counted, since they
 * stay) is larger than bytes. Cheap otherwise.
 * 0, or -1 with err set. */
int journal_tidy(struct journal *j, size_t bytes, char *err, size_t errlen);

/* Bookings (book_call, book_time) are journaled like every other action:
 * their facts only; the database prices them when they are sent. An entry
 * of an action this sdesk does not send is refused when sent. */
struct journal_entry;

/* Number of parameters of a known action including the key (book_call: 5), or
 * -1 when the journal does not know it. */
int journal_action_params(const char *action);

/* Sends one pending entry with its key. Returns 1 when the database confirmed
 * it (marked DONE; *id receives the function's result when id is not NULL),
 * 0 when it could not be sent or the outcome is unknown (connection lost,
 * server shutting down, conflict: still pending, try again), -1 when the
 * database refused it for good (marked FAILED: a constraint, a permission,
 * bad input) or the journal could not be written (err set). */
int journal_submit(struct journal *j, struct db *db, const char *key, int64_t *id, char *err, size_t errlen);

/* Call timers: a call that is running is noted when its timer starts, so
 * that quitting, a crash or kill -9 cannot lose it; the next start of the
 * console offers to log or discard it. A timer ends when an entry (the
 * book_call) is added under its key, or with journal_timer_drop. Timers are
 * never sent and survive compaction. */
struct journal_timer {
	char key[37];       /* the key the call is booked with */
	int64_t ticket;
	int64_t started;    /* Unix seconds */
	int64_t at;         /* when it was noted */
};
/* Notes a running call (fsync'ed). 0, or -1 with err set. */
int journal_timer_start(struct journal *j, const char *key, int64_t ticket, int64_t started, char *err,
	size_t errlen);
/* Ends the timer without a call (a Z record). 0 also when it ended already. */
int journal_timer_drop(struct journal *j, const char *key, char *err, size_t errlen);
/* The running timers as last read (valid until the next call that changes
 * or reloads j). */
size_t journal_timer_count(const struct journal *j);
const struct journal_timer *journal_timer_at(const struct journal *j, size_t i);

struct journal_flush_result {
	size_t done, failed, left;
};
/* Sends every pending entry in order until one cannot be sent (then the rest
 * stays pending). Compacts when nothing is pending and the file is larger
 * than compact_bytes (0: never). Returns 0 (see r), -1 on a journal I/O error. */
int journal_flush(struct journal *j, struct db *db, struct journal_flush_result *r, size_t compact_bytes,
	char *err, size_t errlen);

/* The usual path for a new entry: a fresh key, journal_add, journal_submit.
 * Returns journal_submit's value (1 saved, 0 pending, -1 refused or error);
 * key (37 bytes) receives the key when not NULL. */
int journal_log(struct journal *j, struct db *db, const char *action, size_t nparams,
	const char *const *params, char key[37], int64_t *id, char *err, size_t errlen);

#endif
