/* See db/mail_q.h. Every value is a bound parameter. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "db/actions.h"
#include "db/db.h"
#include "db/mail_q.h"

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int mq_begin(struct db *db)
{
	return db_command(db, "BEGIN", 0, NULL);
}

int mq_commit(struct db *db)
{
	return db_command(db, "COMMIT", 0, NULL);
}

/* A text[] literal of ids: {"a","b"} with " and \ escaped. */
static char *text_array(const char *const *v, size_t n)
{
	struct strbuf sb = {0};

	sb_append(&sb, "{");
	for (size_t i = 0; i < n; i++) {
		sb_append(&sb, i ? ",\"" : "\"");
		for (const char *p = v[i]; *p; p++) {
			if (*p == '"' || *p == '\\')
				sb_append(&sb, "\\");
			sb_appendn(&sb, p, 1);
		}
		sb_append(&sb, "\"");
	}
	sb_append(&sb, "}");
	return sb.buf;
}

/* Parses a text[] result {"a",b} into a malloc'ed vector. */
static char **parse_array(const char *s, size_t *n)
{
	char **v = NULL;

	*n = 0;
	if (!s || *s != '{')
		return NULL;
	s++;
	while (*s && *s != '}') {
		struct strbuf sb = {0};
		sb_append(&sb, "");
		if (*s == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1])
					s++;
				sb_appendn(&sb, s, 1);
			}
			if (*s == '"')
				s++;
		} else {
			for (; *s && *s != ',' && *s != '}'; s++)
				sb_appendn(&sb, s, 1);
		}
		v = xrealloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = sb.buf;
		if (*s == ',')
			s++;
	}
	return v;
}

int mq_receive(struct db *db, const struct mq_in *in, struct mq_received *out)
{
	char recv[32], tag[32];
	char *refs = text_array(in->refs, in->nrefs);
	const char *p[11];
	struct db_result *res;

	memset(out, 0, sizeof(*out));
	snprintf(recv, sizeof(recv), "%" PRId64, in->header_received);
	snprintf(tag, sizeof(tag), "%" PRId64, in->tag_ticket);
	p[0] = in->message_id;
	p[1] = in->queue;
	p[2] = in->sender;
	p[3] = in->sender_name;
	p[4] = in->subject;
	p[5] = in->body;
	p[6] = in->header_received == MQ_NO_TIME ? NULL : recv;
	p[7] = in->tag_ticket > 0 ? tag : NULL;
	p[8] = refs;
	p[9] = in->cls;
	p[10] = in->category;
	res = db_exec(db,
		"SELECT message, coalesce(ticket, 0), outcome, coalesce(reason, ''),"
		" extract(epoch FROM received_at)::bigint, plan, category, channel, duplicate"
		" FROM mail_receive($1, $2, $3, $4, $5, $6, to_timestamp($7::bigint), $8::bigint, $9::text[], $10, $11)",
		11, p);
	free(refs);
	if (!res)
		return -1;
	out->message = strtoll(db_result_value(res, 0, 0), NULL, 10);
	out->ticket = strtoll(db_result_value(res, 0, 1), NULL, 10);
	copy(out->outcome, sizeof(out->outcome), db_result_value(res, 0, 2));
	copy(out->reason, sizeof(out->reason), db_result_value(res, 0, 3));
	out->received = strtoll(db_result_value(res, 0, 4), NULL, 10);
	copy(out->plan, sizeof(out->plan), db_result_value(res, 0, 5));
	copy(out->category, sizeof(out->category), db_result_value(res, 0, 6));
	copy(out->channel, sizeof(out->channel), db_result_value(res, 0, 7));
	out->duplicate = strcmp(db_result_value(res, 0, 8), "t") == 0;
	db_result_free(res);
	return 0;
}

int mq_attach(struct db *db, int64_t message, const char *filename, const char *content_type, size_t size,
	      const unsigned char *data)
{
	static const char hex[] = "0123456789abcdef";
	char m[32], sz[32];
	char *bytes = NULL;
	const char *p[5];
	int rc;

	snprintf(m, sizeof(m), "%" PRId64, message);
	snprintf(sz, sizeof(sz), "%zu", size);
	if (data) {
		bytes = xmalloc(2 * size + 3);
		bytes[0] = '\\';
		bytes[1] = 'x';
		for (size_t i = 0; i < size; i++) {
			bytes[2 + 2 * i] = hex[data[i] >> 4];
			bytes[3 + 2 * i] = hex[data[i] & 15];
		}
		bytes[2 + 2 * size] = '\0';
	}
	p[0] = m;
	p[1] = filename;
	p[2] = content_type;
	p[3] = sz;
	p[4] = bytes;
	rc = db_command(db, "SELECT mail_attach($1::bigint, $2, $3, $4::bigint, $5::bytea)", 5, p);
	free(bytes);
	return rc;
}

void mq_mail_free(struct mq_mail *m)
{
	free(m->from);
	free(m->from_name);
	free(m->to);
	free(m->subject);
	free(m->body);
	free(m->message_id);
	free(m->in_reply_to);
	for (size_t i = 0; i < m->nrefs; i++)
		free(m->refs[i]);
	free(m->refs);
	memset(m, 0, sizeof(*m));
}

int mq_outbox_ids(struct db *db, int unknown, int64_t **ids, size_t *n)
{
	const char *p[1] = {unknown ? "t" : "f"};
	struct db_result *res = db_exec(db,
		"SELECT id FROM mail_outbox WHERE state = 'pending' OR ($1::boolean AND state = 'sending') ORDER BY id", 1, p);

	*ids = NULL;
	*n = 0;
	if (!res)
		return -1;
	*n = (size_t)db_result_rows(res);
	*ids = xcalloc(*n + 1, sizeof(**ids));
	for (size_t i = 0; i < *n; i++)
		(*ids)[i] = strtoll(db_result_value(res, (int)i, 0), NULL, 10);
	db_result_free(res);
	return 0;
}

int mq_outbox_claim(struct db *db, int64_t id, int unknown, struct mq_mail *m)
{
	char s[32];
	const char *p[1] = {s};
	struct db_result *res;
	int64_t claimed = 0;

	memset(m, 0, sizeof(*m));
	snprintf(s, sizeof(s), "%" PRId64, id);
	if (act_call(db, ACT_outbox_claim, NULL, &claimed, av_int(id), av_bool(unknown)) < 0)
		return -1;
	if (claimed <= 0)
		return 0;
	res = db_exec(db,
		"SELECT q.address, q.name, o.to_address, o.subject, o.body, o.message_id, o.in_reply_to, o.refs, o.kind"
		" FROM mail_outbox o JOIN mail_queue q ON q.code = o.queue WHERE o.id = $1::bigint", 1, p);
	if (!res)
		return -1;
	if (db_result_rows(res) != 1) {
		db_result_free(res);
		return 0;
	}
	m->id = id;
	m->from = xstrdup(db_result_value(res, 0, 0));
	m->from_name = xstrdup(db_result_value(res, 0, 1));
	m->to = xstrdup(db_result_value(res, 0, 2));
	m->subject = xstrdup(db_result_value(res, 0, 3));
	m->body = xstrdup(db_result_value(res, 0, 4));
	m->message_id = xstrdup(db_result_value(res, 0, 5));
	m->in_reply_to = dup_or_null(db_result_value(res, 0, 6));
	m->refs = parse_array(db_result_value(res, 0, 7), &m->nrefs);
	copy(m->kind, sizeof(m->kind), db_result_value(res, 0, 8));
	db_result_free(res);
	return 1;
}

int mq_outbox_done(struct db *db, int64_t id, const char *error)
{
	return act_call(db, ACT_outbox_done, NULL, NULL, av_int(id), av_str(error));
}

int mq_windows_due(struct db *db, int ahead_hours, struct mq_window **w, size_t *n)
{
	char h[16];
	const char *p[1] = {h};
	struct db_result *res;

	snprintf(h, sizeof(h), "%d", ahead_hours);
	res = db_exec(db,
		"SELECT id, title, scope, extract(epoch FROM starts_at)::bigint, extract(epoch FROM ends_at)::bigint"
		" FROM maintenance_window WHERE announced_at IS NULL AND starts_at > now()"
		" AND starts_at <= now() + make_interval(hours => $1::integer) ORDER BY starts_at, id",
		1, p);
	*w = NULL;
	*n = 0;
	if (!res)
		return -1;
	*n = (size_t)db_result_rows(res);
	*w = xcalloc(*n + 1, sizeof(**w));
	for (size_t i = 0; i < *n; i++) {
		(*w)[i].id = strtoll(db_result_value(res, (int)i, 0), NULL, 10);
		copy((*w)[i].title, sizeof((*w)[i].title), db_result_value(res, (int)i, 1));
		copy((*w)[i].scope, sizeof((*w)[i].scope), db_result_value(res, (int)i, 2));
		(*w)[i].starts = strtoll(db_result_value(res, (int)i, 3), NULL, 10);
		(*w)[i].ends = strtoll(db_result_value(res, (int)i, 4), NULL, 10);
	}
	db_result_free(res);
	return 0;
}

long mq_announce(struct db *db, int64_t window, const char *queue, const char *subject, const char *body)
{
	int64_t n = 0;

	if (act_call(db, ACT_announce_maintenance, NULL, &n, av_int(window), av_str(queue), av_str(subject),
		     av_str(body)) < 0)
		return -1;
	return (long)n;
}

long mq_notice(struct db *db, int64_t incident, const char *queue)
{
	int64_t n = 0;

	if (act_call(db, ACT_notice_incident, NULL, &n, av_int(incident), av_str(queue)) < 0)
		return -1;
	return (long)n;
}

int mq_set_queue(struct db *db, const char *code, const char *address, const char *name)
{
	return act_call(db, ACT_set_mail_queue, NULL, NULL, av_str(code), av_str(address), av_str(name));
}

static int rows_text(struct db *db, const char *sql, int np, const char *const *p, char **out)
{
	struct db_result *res = db_exec(db, sql, np, p);
	struct strbuf sb = {0};

	*out = NULL;
	if (!res)
		return -1;
	sb_append(&sb, "");
	for (int r = 0; r < db_result_rows(res); r++) {
		for (int c = 0; c < db_result_cols(res); c++) {
			const char *v = db_result_value(res, r, c);
			if (c)
				sb_append(&sb, "\t");
			sb_append(&sb, v ? v : "");
		}
		sb_append(&sb, "\n");
	}
	db_result_free(res);
	*out = sb.buf;
	return 0;
}

int mq_triage_text(struct db *db, char **out)
{
	return rows_text(db,
		"SELECT id, to_char(at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI'), sender, subject, reason"
		" FROM mail_triage ORDER BY at, id", 0, NULL, out);
}

int mq_thread_text(struct db *db, int64_t ticket, char **out)
{
	char s[32];
	const char *p[1] = {s};

	snprintf(s, sizeof(s), "%" PRId64, ticket);
	return rows_text(db,
		"SELECT m.id, to_char(m.at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI'), m.kind,"
		" CASE WHEN m.kind = 'incoming' THEN m.sender ELSE m.author END,"
		" m.class, coalesce(o.state, ''), m.subject"
		" FROM ticket_message m LEFT JOIN mail_outbox o ON o.message = m.id"
		" WHERE m.ticket_id = $1::bigint ORDER BY m.at, m.id", 1, p, out);
}

int mq_triage_target(struct db *db, int64_t message, int64_t contact, const char *wanted, int64_t *contract,
		     char *category, size_t catlen)
{
	char m[32], k[32];
	const char *p[3] = {m, k, wanted};
	struct db_result *res;
	int found;

	snprintf(m, sizeof(m), "%" PRId64, message);
	snprintf(k, sizeof(k), "%" PRId64, contact);
	res = db_exec(db,
		"SELECT c.id, coalesce("
		"  (SELECT x ->> 'name' FROM jsonb_array_elements(p.definition -> 'categories') x"
		"   WHERE x ->> 'name' = $3),"
		"  (SELECT x ->> 'name' FROM jsonb_array_elements(p.definition -> 'categories') x"
		"   ORDER BY (x ->> 'severity')::integer DESC NULLS LAST, x ->> 'name' LIMIT 1), '')"
		" FROM ticket_message tm, contact k JOIN contract c ON c.account_id = k.account_id"
		" JOIN plan p ON p.code = c.plan_code"
		" WHERE tm.id = $1::bigint AND tm.triage = 'open' AND k.id = $2::bigint"
		" AND c.valid_from <= sdesk_local_date(tm.at)"
		" AND (c.valid_to IS NULL OR c.valid_to >= sdesk_local_date(tm.at))"
		" ORDER BY (p.definition -> 'channels') ? 'email' DESC, c.id LIMIT 1",
		3, p);
	if (!res)
		return -1;
	found = db_result_rows(res) == 1;
	if (found) {
		*contract = strtoll(db_result_value(res, 0, 0), NULL, 10);
		copy(category, catlen, db_result_value(res, 0, 1));
	}
	db_result_free(res);
	return found;
}
