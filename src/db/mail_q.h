/* The database side of mail (schema/0012_mail.sql, doc/mail.md): the
 * gateway's calls (mail_receive, mail_attach, one
 * transaction per message), the outbox the sender works through, triage and
 * maintenance announcements. Plain C in, plain C out; every value bound.
 * Functions returning int: 0 ok, -1 database error (db_last_error(db)). */
#ifndef SDESK_DB_MAIL_Q_H
#define SDESK_DB_MAIL_Q_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define MQ_NO_TIME INT64_MIN

/* One received message as the gateway hands it over. */
struct mq_in {
	const char *message_id, *queue, *sender, *sender_name, *subject, *body;
	int64_t header_received;   /* Unix seconds or MQ_NO_TIME */
	int64_t tag_ticket;        /* 0: none */
	const char *const *refs;
	size_t nrefs;
	const char *cls;           /* "normal", "auto", "bounce" */
	const char *category;      /* wanted category or NULL */
};

struct mq_received {
	int64_t message, ticket;   /* ticket 0: none */
	char outcome[16];          /* ticket, thread, triage, ignored */
	char reason[512];
	int64_t received;          /* Unix seconds the database recorded */
	char plan[64], category[64], channel[16];
	int duplicate;
};

int mq_begin(struct db *db);
int mq_commit(struct db *db);

int mq_receive(struct db *db, const struct mq_in *in, struct mq_received *out);
/* data NULL: dropped (over a limit), only name and size kept. */
int mq_attach(struct db *db, int64_t message, const char *filename, const char *content_type, size_t size,
	      const unsigned char *data);

/* One mail of the outbox, as sent. Owns its strings. */
struct mq_mail {
	int64_t id;
	char *from, *from_name, *to, *subject, *body, *message_id, *in_reply_to;
	char **refs;
	size_t nrefs;
	char kind[16];
};
void mq_mail_free(struct mq_mail *m);

/* Ids of the mails to send: pending ones, with unknown also those left in
 * 'sending' (outcome unknown). *ids malloc'ed. */
int mq_outbox_ids(struct db *db, int unknown, int64_t **ids, size_t *n);
/* 1 claimed (m filled), 0 someone else has it or it was sent, -1 error. */
int mq_outbox_claim(struct db *db, int64_t id, int unknown, struct mq_mail *m);
/* error NULL: sent. */
int mq_outbox_done(struct db *db, int64_t id, const char *error);

/* Maintenance windows not yet announced that start within `ahead_hours`. */
struct mq_window {
	int64_t id;
	char title[256], scope[64];
	int64_t starts, ends;
};
int mq_windows_due(struct db *db, int ahead_hours, struct mq_window **w, size_t *n);
/* Queues the announcement: returns the number of mails queued, -1 error. */
long mq_announce(struct db *db, int64_t window, const char *queue, const char *subject, const char *body);
/* Queues the notice of an incident's latest broadcast: mails queued, -1 error. */
long mq_notice(struct db *db, int64_t incident, const char *queue);
int mq_set_queue(struct db *db, const char *code, const char *address, const char *name);

/* The triage list, printed as tab-separated lines: id, received (ISO), sender,
 * subject, reason. Rows written to *out (malloc'ed text). */
int mq_triage_text(struct db *db, char **out);
/* A ticket's thread as text for `sdesk mail thread`. */
int mq_thread_text(struct db *db, int64_t ticket, char **out);

/* What triage_open_ticket needs from a message and a contact: the contract
 * of the contact's account running when the mail arrived, and the category
 * (wanted when its plan has it, else the plan's least severe; '' when the
 * plan has none). The database sets the dues. 1 found, 0 no message in
 * triage / no contract, -1 error. */
int mq_triage_target(struct db *db, int64_t message, int64_t contact, const char *wanted, int64_t *contract,
		     char *category, size_t catlen);

#endif
