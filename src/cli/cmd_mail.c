/* Mail (doc/mail.md):
 *   sdesk mail-in   the gateway an MTA pipes one message into (or a Maildir)
 *   sdesk mail ...  triage, the outbox sender, maintenance announcements
 *   sdesk reply     a reply mailed to the customer; sdesk note: an internal note
 * Replies and notes go through the local journal (db/journal.h) like every
 * entry: written once by the database (post_reply with the entry's key),
 * mailed once through the outbox (outbox_claim / outbox_done). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/exitcodes.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "cli/cli.h"
#include "conf/config.h"
#include "db/db.h"
#include "db/journal.h"
#include "db/mail_q.h"
#include "engine/sla.h"
#include "mail/mailparse.h"

/* sysexits.h values MTAs understand (Postfix, Exim, procmail). */
#define EX_DATAERR_ 65
#define EX_TEMPFAIL_ 75

/* ------------------------------------------------------------ shared */

static int read_all(int fd, size_t max, char **out, size_t *len, int *too_big)
{
	size_t cap = 65536, n = 0;
	char *buf = xmalloc(cap + 1);

	*too_big = 0;
	for (;;) {
		ssize_t r;
		if (n == cap) {
			if (cap > max) {
				/* Drain the rest so the MTA sees its write succeed. */
				char sink[65536];
				*too_big = 1;
				while ((r = read(fd, sink, sizeof(sink))) > 0 || (r < 0 && errno == EINTR))
					n += r > 0 ? (size_t)r : 0;
				break;
			}
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max)
		*too_big = 1;
	buf[n < cap ? n : cap] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static int mkdirs(const char *path)
{
	char tmp[4096];
	size_t n = strlen(path);

	if (n >= sizeof(tmp))
		return -1;
	memcpy(tmp, path, n + 1);
	for (char *p = tmp + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	}
	return mkdir(tmp, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

static void quarantine_dir(const struct sdesk_config *cfg, const char *opt, char *buf, size_t len)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (opt)
		snprintf(buf, len, "%s", opt);
	else if (cfg->mail_quarantine && *cfg->mail_quarantine)
		snprintf(buf, len, "%s", cfg->mail_quarantine);
	else if (x && *x)
		snprintf(buf, len, "%s/sdesk/quarantine", x);
	else
		snprintf(buf, len, "%s/.local/state/sdesk/quarantine", home && *home ? home : "/tmp");
}

/* Keeps the raw message (at most keep bytes) and why, mode 0600. Prints the
 * file it wrote. 0, or -1 (printed). */
static int quarantine(const char *dir, const char *data, size_t len, size_t keep, const char *why)
{
	static unsigned seq;
	char path[4200], wpath[4300], stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	int fd;
	FILE *f;

	if (mkdirs(dir) < 0) {
		fprintf(stderr, _("sdesk: mail-in: quarantine %s: %s\n"), dir, strerror(errno));
		return -1;
	}
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(path, sizeof(path), "%s/%s-%ld-%u.eml", dir, stamp, (long)getpid(), seq++);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		fprintf(stderr, "sdesk: mail-in: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (len > keep)
		len = keep;
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			fprintf(stderr, "sdesk: mail-in: %s: %s\n", path, strerror(errno));
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	fsync(fd);
	close(fd);
	snprintf(wpath, sizeof(wpath), "%s.why", path);
	fd = open(wpath, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd >= 0 && (f = fdopen(fd, "w"))) {
		fprintf(f, "%s\n", why);
		fclose(f);
	} else if (fd >= 0) {
		close(fd);
	}
	fprintf(stderr, _("sdesk: mail-in: kept in %s\n"), path);
	return 0;
}

/* Runs the sendmail program with msg on its standard input: -i (a line
 * with a dot is no end), -f FROM (the envelope sender), -- TO. No shell.
 * 0 accepted, else -1 with why. */
static int run_sendmail(const char *prog, const char *from, const char *to, const char *msg, size_t len, char *why,
			size_t whylen)
{
	int fds[2], status;
	pid_t pid;
	void (*old)(int);

	if (to[0] == '-' || from[0] == '-') {
		snprintf(why, whylen, _("refused address starting with '-'"));
		return -1;
	}
	if (pipe(fds) < 0) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(fds[0], 0);
		close(fds[0]);
		close(fds[1]);
		execl(prog, prog, "-i", "-f", from, "--", to, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	old = signal(SIGPIPE, SIG_IGN);
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fds[1], msg + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(fds[1]);
	signal(SIGPIPE, old);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			snprintf(why, whylen, "waitpid: %s", strerror(errno));
			return -1;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		snprintf(why, whylen, _("%s could not be run"), prog);
	else if (WIFEXITED(status))
		snprintf(why, whylen, _("%s exited with %d"), prog, WEXITSTATUS(status));
	else
		snprintf(why, whylen, _("%s was killed by signal %d"), prog, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return -1;
}

/* Sends every pending mail of the outbox (with unknown: also those whose
 * outcome is unknown). Prints one line per mail. Returns the number that
 * failed, or -1 on a database error. */
static int send_outbox(struct db *db, const char *sendmail, int unknown, int quiet)
{
	int64_t *ids;
	size_t n;
	int failed = 0;

	if (mq_outbox_ids(db, unknown, &ids, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct mq_mail m;
		char why[600] = "";
		size_t len;
		char *msg;
		int r = mq_outbox_claim(db, ids[i], unknown, &m);

		if (r < 0) {
			free(ids);
			return -1;
		}
		if (r == 0)
			continue;
		msg = mail_compose(m.from, m.from_name, m.to, m.subject, m.body, m.message_id, m.in_reply_to,
				   (const char *const *)m.refs, m.nrefs, strcmp(m.kind, "reply") != 0, &len);
		r = run_sendmail(sendmail, m.from, m.to, msg, len, why, sizeof(why));
		free(msg);
		if (mq_outbox_done(db, m.id, r == 0 ? NULL : why) < 0) {
			/* Sent but not recorded: stays 'sending' (outcome unknown). */
			fprintf(stderr, "sdesk: mail: %s to %s: %s\n", m.message_id, m.to, db_last_error(db)->plain);
			mq_mail_free(&m);
			free(ids);
			return -1;
		}
		if (r == 0) {
			if (!quiet)
				printf(_("sent %s %s to %s\n"), m.kind, m.message_id, m.to);
		} else {
			fprintf(stderr, _("sdesk: mail: %s to %s not sent: %s (pending, tried again by sdesk mail send)\n"),
				m.message_id, m.to, why);
			failed++;
		}
		mq_mail_free(&m);
	}
	free(ids);
	return failed;
}

static int parse_ticket(const char *s, int64_t *id)
{
	char *end;
	long long v;

	if (strncmp(s, "SD-", 3) == 0 || strncmp(s, "sd-", 3) == 0)
		s += 3;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || v <= 0 || errno)
		return -1;
	*id = v;
	return 0;
}

static int parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || v <= 0 || errno)
		return -1;
	*id = v;
	return 0;
}

/* ------------------------------------------------------------ mail-in */

static void mail_in_help(FILE *out)
{
	fprintf(out,
		_("Usage: sdesk mail-in [--queue Q] [--category C] [--maildir DIR] [--quarantine DIR] [--dry-run]\n"
		"                     [--db CONNINFO]\n"
		"\n"
		"Reads one RFC 5322 message on standard input (from an MTA's pipe delivery)\n"
		"and, through its own database login (a member of sdesk_mailgate), opens a\n"
		"ticket, adds it to the thread of the ticket its [SD-n] tag or In-Reply-To/\n"
		"References names, or leaves it in triage (sdesk mail triage).\n"
		"--queue Q       the mail queue the message was sent to (default support)\n"
		"--category C    category of new tickets (default: the plan's least severe)\n"
		"--maildir DIR   read every message in DIR/new instead; delivered ones move\n"
		"                to DIR/cur\n"
		"--quarantine D  where unreadable mail is kept (default mail.quarantine, else\n"
		"                $XDG_STATE_HOME/sdesk/quarantine)\n"
		"--dry-run       print what was read (sender, subject, tag, references, class,\n"
		"                attachments, body) and touch no database\n"
		"Exit codes (sysexits, as MTAs read them): 0 delivered (also to triage, or a\n"
		"duplicate), 65 unreadable or too large (kept in the quarantine), 75 the\n"
		"database cannot be reached (the MTA delivers again later), 2 usage.\n"));
}

struct mail_in {
	const char *queue, *category, *maildir, *quarantine, *conninfo;
	int dry_run;
	struct sdesk_config cfg;
	struct db *db;
	char qdir[4096];
	struct mail_limits lim;
	size_t max_message;
};

/* EX_TEMPFAIL when the database is unreachable or the outcome is unknown;
 * EX_DATAERR when it refused the message for good. */
static int db_outcome(struct mail_in *mi, const char *data, size_t len)
{
	const struct db_error *e = db_last_error(mi->db);

	fprintf(stderr, "sdesk: mail-in: %s\n", e->plain);
	db_rollback(mi->db);
	if (!db_connected(mi->db) || e->kind == DB_CONNECTION || e->kind == DB_CONFLICT || e->kind == DB_OTHER ||
	    e->kind == DB_PERMISSION)
		return EX_TEMPFAIL_;
	quarantine(mi->qdir, data, len, len, e->plain);
	return EX_DATAERR_;
}

static int deliver(struct mail_in *mi, const char *data, size_t len, int too_big)
{
	struct mail_msg m;
	struct mq_in in;
	struct mq_received r;
	char err[300];

	if (too_big) {
		char why[200];
		snprintf(why, sizeof(why), _("message too large: %zu bytes, limit %zu (mail.max_message_kb)"), len,
			 mi->max_message);
		fprintf(stderr, "sdesk: mail-in: %s\n", why);
		quarantine(mi->qdir, data, len, 65536, why);
		return EX_DATAERR_;
	}
	if (mail_parse(data, len, &mi->lim, &m, err, sizeof(err)) < 0) {
		fprintf(stderr, _("sdesk: mail-in: unreadable message: %s\n"), err);
		quarantine(mi->qdir, data, len, len, err);
		return EX_DATAERR_;
	}
	if (mi->dry_run) {
		printf("message-id\t%s%s\nfrom\t%s\nname\t%s\nsubject\t%s\ntag\t%" PRId64 "\nclass\t%s%s%s\n",
		       m.message_id, m.message_id_made ? " (made from the content)" : "", m.from_addr, m.from_name,
		       m.subject, m.tag_ticket, mail_class_name(m.cls), m.class_why ? ": " : "",
		       m.class_why ? m.class_why : "");
		if (m.received != MAIL_NO_TIME)
			printf("received\t%" PRId64 "\n", m.received);
		for (size_t i = 0; i < m.nrefs; i++)
			printf("ref\t%s\n", m.refs[i]);
		for (size_t i = 0; i < m.natt; i++)
			printf("attachment\t%s\t%s\t%zu%s\n", m.att[i].filename, m.att[i].content_type, m.att[i].size,
			       m.att[i].dropped ? "\tdropped" : "");
		printf("body%s%s\n%s\n", m.body_from_html ? " (from HTML)" : "", m.depth_cut ? " (deep parts skipped)" : "",
		       m.body);
		mail_msg_free(&m);
		return 0;
	}
	if (!mi->db) {
		mi->db = db_connect_timeout(mi->conninfo, mi->cfg.connect_timeout);
	} else if (!db_connected(mi->db)) {
		db_reconnect(mi->db);
	}
	if (!db_connected(mi->db)) {
		fprintf(stderr, _("sdesk: mail-in: %s: the MTA will deliver it again\n"), db_last_error(mi->db)->plain);
		mail_msg_free(&m);
		return EX_TEMPFAIL_;
	}
	memset(&in, 0, sizeof(in));
	in.message_id = m.message_id;
	in.queue = mi->queue;
	in.sender = m.from_addr;
	in.sender_name = m.from_name;
	in.subject = m.subject;
	in.body = m.body;
	in.header_received = m.received == MAIL_NO_TIME ? MQ_NO_TIME : m.received;
	in.tag_ticket = m.tag_ticket;
	in.refs = (const char *const *)m.refs;
	in.nrefs = m.nrefs;
	in.cls = mail_class_name(m.cls);
	in.category = mi->category;
	if (mq_begin(mi->db) < 0 || mq_receive(mi->db, &in, &r) < 0) {
		mail_msg_free(&m);
		return db_outcome(mi, data, len);
	}
	if (!r.duplicate) {
		for (size_t i = 0; i < m.natt; i++) {
			const struct mail_attachment *a = &m.att[i];
			if (mq_attach(mi->db, r.message, a->filename, a->content_type, a->size, a->dropped ? NULL : a->data) < 0) {
				mail_msg_free(&m);
				return db_outcome(mi, data, len);
			}
		}
	}
	if (mq_commit(mi->db) < 0) {
		mail_msg_free(&m);
		return db_outcome(mi, data, len);
	}
	if (r.duplicate)
		printf(_("duplicate <%s>: already received (message %" PRId64 ")\n"), m.message_id, r.message);
	else if (strcmp(r.outcome, "ticket") == 0)
		printf(_("SD-%" PRId64 " opened from %s\n"), r.ticket, m.from_addr);
	else if (strcmp(r.outcome, "thread") == 0)
		printf(_("SD-%" PRId64 ": %s added to the thread\n"), r.ticket, mail_class_name(m.cls));
	else
		printf(_("%s: message %" PRId64 " from %s (%s)\n"), r.outcome, r.message, m.from_addr, r.reason);
	mail_msg_free(&m);
	return 0;
}

static int deliver_maildir(struct mail_in *mi)
{
	char dir[4200];
	DIR *d;
	struct dirent *e;
	int rc = 0;

	snprintf(dir, sizeof(dir), "%s/new", mi->maildir);
	d = opendir(dir);
	if (!d) {
		fprintf(stderr, _("sdesk: mail-in: --maildir %s: %s\n"), dir, strerror(errno));
		return SDESK_EXIT_USAGE;
	}
	while ((e = readdir(d))) {
		char path[4600], dest[4700];
		int fd, too_big, r;
		char *data;
		size_t len;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		r = read_all(fd, mi->max_message, &data, &len, &too_big);
		close(fd);
		if (r < 0)
			continue;
		r = deliver(mi, data, len, too_big);
		free(data);
		if (r == EX_TEMPFAIL_) {
			rc = r;
			break;
		}
		if (r == EX_DATAERR_)
			rc = r;
		snprintf(dest, sizeof(dest), "%s/cur/%s:2,%s", mi->maildir, e->d_name, r == 0 ? "S" : "T");
		if (rename(path, dest) < 0)
			fprintf(stderr, "sdesk: mail-in: %s: %s\n", dest, strerror(errno));
	}
	closedir(d);
	return rc;
}

int cmd_mail_in(struct sdesk_ctx *ctx, int argc, char **argv)
{
	struct mail_in mi;
	char err[600];
	int rc;

	memset(&mi, 0, sizeof(mi));
	mi.queue = "support";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **val = NULL;

		if (cli_is_help(a)) {
			mail_in_help(stdout);
			return 0;
		} else if (strcmp(a, "--dry-run") == 0) {
			mi.dry_run = 1;
			continue;
		} else if (strcmp(a, "--queue") == 0) {
			val = &mi.queue;
		} else if (strcmp(a, "--category") == 0) {
			val = &mi.category;
		} else if (strcmp(a, "--maildir") == 0) {
			val = &mi.maildir;
		} else if (strcmp(a, "--quarantine") == 0) {
			val = &mi.quarantine;
		} else if (strcmp(a, "--db") == 0) {
			val = &mi.conninfo;
		} else {
			return cli_usage_error("mail-in", "unexpected argument '%s'", a);
		}
		if (++i >= argc)
			return cli_usage_error("mail-in", "%s needs a value", a);
		*val = argv[i];
	}
	if (settings_read(&mi.cfg, ctx->config_path, err, sizeof(err)) < 0) {
		/* A broken settings file must not lose mail: the MTA retries. */
		fprintf(stderr, "sdesk: mail-in: %s\n", err);
		settings_free(&mi.cfg);
		return EX_TEMPFAIL_;
	}
	if (!mi.conninfo)
		mi.conninfo = mi.cfg.conninfo;
	quarantine_dir(&mi.cfg, mi.quarantine, mi.qdir, sizeof(mi.qdir));
	mail_limits_default(&mi.lim);
	mi.lim.max_attachment = (size_t)mi.cfg.mail_max_attachment_kb * 1024;
	mi.lim.max_total = 2 * mi.lim.max_attachment;
	mi.max_message = (size_t)mi.cfg.mail_max_message_kb * 1024;
	if (mi.maildir) {
		rc = deliver_maildir(&mi);
	} else {
		char *data;
		size_t len;
		int too_big;

		if (read_all(0, mi.max_message, &data, &len, &too_big) < 0) {
			fprintf(stderr, _("sdesk: mail-in: standard input: %s\n"), strerror(errno));
			rc = EX_TEMPFAIL_;
		} else {
			rc = deliver(&mi, data, len, too_big);
			free(data);
		}
	}
	if (mi.db)
		db_close(mi.db);
	settings_free(&mi.cfg);
	return rc;
}

/* ------------------------------------------------------------ journaled entries */

struct session {
	struct sdesk_config cfg;
	struct journal *j;
	struct db *db;
	const char *conninfo;
};

static int session_open(struct session *s, struct sdesk_ctx *ctx, const char *cmd, const char *conninfo, int journal)
{
	char err[600], path[4096];

	memset(s, 0, sizeof(*s));
	if (settings_read(&s->cfg, ctx->config_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&s->cfg);
		return SDESK_EXIT_USAGE;
	}
	s->conninfo = conninfo ? conninfo : s->cfg.conninfo;
	if (journal) {
		if (journal_path_for(s->cfg.journal_path, s->conninfo, path, sizeof(path), err, sizeof(err)) < 0 ||
		    !(s->j = journal_open(path, err, sizeof(err)))) {
			fprintf(stderr, _("sdesk: %s: journal: %s; nothing was written\n"), cmd, err);
			settings_free(&s->cfg);
			return SDESK_EXIT_RUNTIME;
		}
	}
	s->db = db_connect_timeout(s->conninfo, s->cfg.connect_timeout);
	return 0;
}

static void session_close(struct session *s)
{
	if (s->db)
		db_close(s->db);
	if (s->j)
		journal_close(s->j);
	settings_free(&s->cfg);
}

/* Journals one entry and sends it (pending ones first). Exit code. */
static int journaled(struct session *s, const char *cmd, const char *action, size_t n, const char *const *params,
		     int64_t *id)
{
	char err[700];
	struct journal_flush_result fr;
	int r;

	if (db_connected(s->db))
		journal_flush(s->j, s->db, &fr, 65536, err, sizeof(err));
	r = journal_log(s->j, s->db, action, n, params, NULL, id, err, sizeof(err));
	if (r == 1)
		return 0;
	if (r == 0) {
		fprintf(stderr, _("sdesk: %s: %s: kept in the journal, sent once by sdesk journal flush or the next entry\n"),
			cmd, err);
		return SDESK_EXIT_RUNTIME;
	}
	fprintf(stderr, _("sdesk: %s: refused: %s\n"), cmd, err);
	return SDESK_EXIT_RUNTIME;
}

static char *read_text_file(const char *cmd, const char *file)
{
	int fd = strcmp(file, "-") == 0 ? 0 : open(file, O_RDONLY);
	char *data, why[300];
	size_t len;
	int too_big;

	if (fd < 0) {
		fprintf(stderr, _("sdesk: %s: --file %s: %s\n"), cmd, file, strerror(errno));
		return NULL;
	}
	if (read_all(fd, 100000, &data, &len, &too_big) < 0 || too_big) {
		fprintf(stderr, _("sdesk: %s: --file %s: %s\n"), cmd, file, too_big ? _("longer than 100000 bytes") : strerror(errno));
		if (fd)
			close(fd);
		if (!too_big)
			return NULL;
		free(data);
		return NULL;
	}
	if (fd)
		close(fd);
	if (sd_text_check(file, data, 100000, 1, why, sizeof(why)) < 0) {
		fprintf(stderr, "sdesk: %s: %s\n", cmd, why);
		free(data);
		return NULL;
	}
	return data;
}

static void reply_help(FILE *out)
{
	fprintf(out,
		_("Usage: sdesk reply TICKET --file FILE [--queue Q] [--no-mail] [--db CONNINFO]\n"
		"       sdesk note TICKET --file FILE [--db CONNINFO]\n"
		"\n"
		"reply  adds FILE (UTF-8 text, '-' = standard input) to the ticket's thread as\n"
		"       a reply and mails it to the ticket's contact from the queue's address\n"
		"       (the queue of the last mail received, else support), with [SD-n] in\n"
		"       the subject and In-Reply-To/References of that mail. --no-mail: the\n"
		"       reply was given another way (phone); it is only recorded.\n"
		"note   adds an internal note (never mailed).\n"
		"Each is written to the local journal first and saved once; the mail is sent\n"
		"once through the outbox (sdesk mail send sends what is left).\n"
		"Exit codes: 0 ok, 1 database error, pending entry or mail not sent, 2 usage.\n"));
}

static int reply_or_note(struct sdesk_ctx *ctx, int argc, char **argv, int is_note)
{
	const char *cmd = is_note ? "note" : "reply";
	const char *ticket = NULL, *file = NULL, *queue = NULL, *conninfo = NULL;
	int no_mail = 0, rc;
	int64_t tid, id = 0;
	char tbuf[32], *body;
	struct session s;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **val = NULL;

		if (cli_is_help(a)) {
			reply_help(stdout);
			return 0;
		} else if (strcmp(a, "--file") == 0) {
			val = &file;
		} else if (strcmp(a, "--queue") == 0 && !is_note) {
			val = &queue;
		} else if (strcmp(a, "--db") == 0) {
			val = &conninfo;
		} else if (strcmp(a, "--no-mail") == 0 && !is_note) {
			no_mail = 1;
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error(cmd, "unknown option '%s'", a);
		} else if (!ticket) {
			ticket = a;
		} else {
			return cli_usage_error(cmd, "unexpected argument '%s'", a);
		}
		if (val) {
			if (++i >= argc)
				return cli_usage_error(cmd, "%s needs a value", a);
			*val = argv[i];
		}
	}
	if (!ticket || !file)
		return cli_usage_error(cmd, "needs TICKET and --file FILE");
	if (parse_ticket(ticket, &tid) < 0)
		return cli_usage_error(cmd, "bad ticket '%s' (SD-10001 or 10001)", ticket);
	if (!(body = read_text_file(cmd, file)))
		return SDESK_EXIT_USAGE;
	if ((rc = session_open(&s, ctx, cmd, conninfo, 1)) != 0) {
		free(body);
		return rc;
	}
	snprintf(tbuf, sizeof(tbuf), "%" PRId64, tid);
	if (is_note) {
		const char *p[2] = {tbuf, body};
		rc = journaled(&s, cmd, "post_note", 2, p, &id);
		if (rc == 0)
			printf("note %" PRId64 " on SD-%" PRId64 "\n", id, tid);
	} else {
		const char *p[6] = {tbuf, body, queue, no_mail ? "false" : "true", NULL, "false"};
		rc = journaled(&s, cmd, "post_reply", 6, p, &id);
		if (rc == 0) {
			printf("reply %" PRId64 " on SD-%" PRId64 "\n", id, tid);
			if (!no_mail) {
				int f = send_outbox(s.db, s.cfg.mail_sendmail, 0, 0);
				if (f != 0) {
					if (f < 0)
						fprintf(stderr, "sdesk: reply: %s\n", db_last_error(s.db)->plain);
					rc = SDESK_EXIT_RUNTIME;
				}
			}
		}
	}
	free(body);
	session_close(&s);
	return rc;
}

int cmd_reply(struct sdesk_ctx *ctx, int argc, char **argv)
{
	return reply_or_note(ctx, argc, argv, 0);
}

int cmd_note(struct sdesk_ctx *ctx, int argc, char **argv)
{
	return reply_or_note(ctx, argc, argv, 1);
}

/* ------------------------------------------------------------ sdesk mail */

static void mail_help(FILE *out)
{
	fprintf(out,
		_("Usage: sdesk mail triage                          mail waiting for an agent\n"
		"       sdesk mail assign MESSAGE TICKET           put it into a ticket's thread\n"
		"       sdesk mail open MESSAGE --contact ID [--category C]\n"
		"                                                  open a ticket for it (received\n"
		"                                                  when the mail arrived)\n"
		"       sdesk mail dismiss MESSAGE --reason TEXT   set it aside (kept)\n"
		"       sdesk mail thread TICKET                   a ticket's thread\n"
		"       sdesk mail send [--resend-unknown] [--sendmail PATH]\n"
		"                                                  send the outbox (cron)\n"
		"       sdesk mail announce [--ahead HOURS] [--queue Q] [--sendmail PATH]\n"
		"                                                  announce maintenance windows\n"
		"                                                  starting within HOURS (72) (cron)\n"
		"       sdesk mail notice INCIDENT [--queue Q]     mail the incident's latest broadcast\n"
		"                                                  to the contacts of its tickets\n"
		"       sdesk mail queue CODE ADDRESS [--name NAME] a queue's address (admins)\n"
		"Every command takes --db CONNINFO. Exit codes: 0 ok, 1 runtime error (for\n"
		"announce also: a window announced less than 48 hours ahead), 2 usage.\n"));
}

struct mail_opts {
	const char *pos[3];
	int npos;
	const char *contact, *category, *reason, *sendmail, *queue, *name, *conninfo, *ahead;
	int unknown;
};

static int mail_opts(int argc, char **argv, struct mail_opts *o)
{
	memset(o, 0, sizeof(*o));
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **val = NULL;

		if (cli_is_help(a)) {
			mail_help(stdout);
			return -1;
		} else if (strcmp(a, "--contact") == 0) {
			val = &o->contact;
		} else if (strcmp(a, "--category") == 0) {
			val = &o->category;
		} else if (strcmp(a, "--reason") == 0) {
			val = &o->reason;
		} else if (strcmp(a, "--sendmail") == 0) {
			val = &o->sendmail;
		} else if (strcmp(a, "--queue") == 0) {
			val = &o->queue;
		} else if (strcmp(a, "--name") == 0) {
			val = &o->name;
		} else if (strcmp(a, "--ahead") == 0) {
			val = &o->ahead;
		} else if (strcmp(a, "--db") == 0) {
			val = &o->conninfo;
		} else if (strcmp(a, "--resend-unknown") == 0) {
			o->unknown = 1;
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error("mail", "unknown option '%s'", a);
		} else if (o->npos < 3) {
			o->pos[o->npos++] = a;
		} else {
			return cli_usage_error("mail", "unexpected argument '%s'", a);
		}
		if (val) {
			if (++i >= argc)
				return cli_usage_error("mail", "%s needs a value", a);
			*val = argv[i];
		}
	}
	if (!o->pos[0])
		return cli_usage_error("mail", "missing subcommand (triage, assign, open, dismiss, thread, send, announce, notice, queue)");
	return 0;
}

static int need_db(struct session *s, const char *what)
{
	if (db_connected(s->db))
		return 0;
	fprintf(stderr, "sdesk: mail %s: %s\n", what, db_last_error(s->db)->plain);
	return SDESK_EXIT_RUNTIME;
}

static void fmt_local(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char *old = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;

	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	localtime_r(&tt, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M %Z", &tm);
	if (old) {
		setenv("TZ", old, 1);
		free(old);
	} else {
		unsetenv("TZ");
	}
	tzset();
}

static int mail_announce(struct session *s, const struct mail_opts *o, const char *sendmail)
{
	struct mq_window *w;
	size_t n;
	int ahead = 72, late = 0, f;
	const char *queue = o->queue ? o->queue : "support";

	if (o->ahead) {
		char *end;
		long v = strtol(o->ahead, &end, 10);
		if (end == o->ahead || *end || v < 48 || v > 24 * 60)
			return cli_usage_error("mail", "--ahead must be hours from 48 to 1440, not '%s'", o->ahead);
		ahead = (int)v;
	}
	if (mq_windows_due(s->db, ahead, &w, &n) < 0) {
		fprintf(stderr, "sdesk: mail announce: %s\n", db_last_error(s->db)->plain);
		return SDESK_EXIT_RUNTIME;
	}
	for (size_t i = 0; i < n; i++) {
		char from[64], to[64], subject[400];
		struct strbuf body = {0};
		long sent;
		int64_t hours = (w[i].starts - (int64_t)time(NULL)) / 3600;

		fmt_local(w[i].starts, from, sizeof(from));
		fmt_local(w[i].ends, to, sizeof(to));
		snprintf(subject, sizeof(subject), "Wartungsankündigung / Planned maintenance: %s", w[i].title);
		sb_printf(&body,
			  "Guten Tag,\n\nwir kündigen geplante Wartungsarbeiten an:\n\n  %s\n  von %s\n  bis %s\n\n"
			  "In dieser Zeit kann der Dienst eingeschränkt sein.\n\n"
			  "Hello,\n\nwe announce planned maintenance:\n\n  %s\n  from %s\n  to   %s\n\n"
			  "The service may be limited during this time.\n",
			  w[i].title, from, to, w[i].title, from, to);
		sent = mq_announce(s->db, w[i].id, queue, subject, body.buf);
		sb_free(&body);
		if (sent < 0) {
			fprintf(stderr, "sdesk: mail announce: window %" PRId64 ": %s\n", w[i].id, db_last_error(s->db)->plain);
			free(w);
			return SDESK_EXIT_RUNTIME;
		}
		printf(ngettext("window %" PRId64 " \"%s\" starting %s: %ld announcement queued\n", "window %" PRId64 " \"%s\" starting %s: %ld announcements queued\n", (unsigned long)sent), w[i].id, w[i].title, from,
		       sent);
		if (hours < 48) {
			fprintf(stderr, _("sdesk: mail announce: window %" PRId64 " announced only %" PRId64
					" hours ahead (48 required)\n"), w[i].id, hours);
			late = 1;
		}
	}
	free(w);
	f = send_outbox(s->db, sendmail, 0, 0);
	if (f < 0)
		fprintf(stderr, "sdesk: mail announce: %s\n", db_last_error(s->db)->plain);
	return (late || f != 0) ? SDESK_EXIT_RUNTIME : 0;
}

/* The database chooses the category the agent did not name (the plan's least
 * severe) and sets the dues (ticket_dues, from the instant the mail arrived). */
static int mail_open(struct session *s, const struct mail_opts *o)
{
	int64_t msg, contact, contract, id = 0;
	char category[64];
	int r, rc;

	if (parse_id(o->pos[1], &msg) < 0 || !o->contact || parse_id(o->contact, &contact) < 0)
		return cli_usage_error("mail", "open needs MESSAGE and --contact ID (numbers)");
	if ((rc = need_db(s, "open")) != 0)
		return rc;
	r = mq_triage_target(s->db, msg, contact, o->category, &contract, category, sizeof(category));
	if (r < 0) {
		fprintf(stderr, "sdesk: mail open: %s\n", db_last_error(s->db)->plain);
		return SDESK_EXIT_RUNTIME;
	}
	if (r == 0) {
		fprintf(stderr, _("sdesk: mail open: message %" PRId64 " is not in triage, or contact %" PRId64
				" has no contract running when it arrived\n"), msg, contact);
		return SDESK_EXIT_RUNTIME;
	}
	if (!category[0]) {
		fprintf(stderr, _("sdesk: mail open: the plan has no categories\n"));
		return SDESK_EXIT_RUNTIME;
	}
	{
		char m[32], k[32], c[32];
		const char *p[4] = {m, k, c, category};

		snprintf(m, sizeof(m), "%" PRId64, msg);
		snprintf(k, sizeof(k), "%" PRId64, contact);
		snprintf(c, sizeof(c), "%" PRId64, contract);
		rc = journaled(s, "mail open", "triage_open_ticket", 4, p, &id);
	}
	if (rc == 0)
		printf(_("SD-%" PRId64 " opened from message %" PRId64 "\n"), id, msg);
	return rc;
}

int cmd_mail(struct sdesk_ctx *ctx, int argc, char **argv)
{
	struct mail_opts o;
	struct session s;
	const char *sub;
	int rc, journal;

	if ((rc = mail_opts(argc, argv, &o)) != 0)
		return rc < 0 ? 0 : rc;
	sub = o.pos[0];
	journal = strcmp(sub, "assign") == 0 || strcmp(sub, "open") == 0 || strcmp(sub, "dismiss") == 0;
	if (strcmp(sub, "triage") && strcmp(sub, "assign") && strcmp(sub, "open") && strcmp(sub, "dismiss") &&
	    strcmp(sub, "thread") && strcmp(sub, "send") && strcmp(sub, "announce") && strcmp(sub, "queue") &&
	    strcmp(sub, "notice"))
		return cli_usage_error("mail", "unknown subcommand '%s'", sub);
	if ((rc = session_open(&s, ctx, "mail", o.conninfo, journal)) != 0)
		return rc;
	if (strcmp(sub, "open") != 0 && strcmp(sub, "assign") != 0 && strcmp(sub, "dismiss") != 0 &&
	    (rc = need_db(&s, sub)) != 0) {
		session_close(&s);
		return rc;
	}
	if (strcmp(sub, "triage") == 0 || strcmp(sub, "thread") == 0) {
		char *text;
		int64_t t = 0;

		if (strcmp(sub, "thread") == 0 && (!o.pos[1] || parse_ticket(o.pos[1], &t) < 0)) {
			session_close(&s);
			return cli_usage_error("mail", "thread needs TICKET (SD-10001 or 10001)");
		}
		if ((t ? mq_thread_text(s.db, t, &text) : mq_triage_text(s.db, &text)) < 0) {
			fprintf(stderr, "sdesk: mail %s: %s\n", sub, db_last_error(s.db)->plain);
			rc = SDESK_EXIT_RUNTIME;
		} else {
			fputs(text, stdout);
			free(text);
		}
	} else if (strcmp(sub, "assign") == 0) {
		int64_t m, t;
		if (!o.pos[1] || !o.pos[2] || parse_id(o.pos[1], &m) < 0 || parse_ticket(o.pos[2], &t) < 0) {
			rc = cli_usage_error("mail", "assign needs MESSAGE and TICKET");
		} else {
			char mb[32], tb[32];
			const char *p[2] = {mb, tb};
			snprintf(mb, sizeof(mb), "%" PRId64, m);
			snprintf(tb, sizeof(tb), "%" PRId64, t);
			rc = journaled(&s, "mail assign", "triage_assign", 2, p, NULL);
			if (rc == 0)
				printf(_("message %" PRId64 " added to SD-%" PRId64 "\n"), m, t);
		}
	} else if (strcmp(sub, "dismiss") == 0) {
		int64_t m;
		char why[300];
		if (!o.pos[1] || parse_id(o.pos[1], &m) < 0 || !o.reason) {
			rc = cli_usage_error("mail", "dismiss needs MESSAGE and --reason TEXT");
		} else if (sd_text_check("--reason", o.reason, 500, 0, why, sizeof(why)) < 0) {
			rc = cli_usage_error("mail", "%s", why);
		} else {
			char mb[32];
			const char *p[2] = {mb, o.reason};
			snprintf(mb, sizeof(mb), "%" PRId64, m);
			rc = journaled(&s, "mail dismiss", "triage_dismiss", 2, p, NULL);
			if (rc == 0)
				printf(_("message %" PRId64 " dismissed\n"), m);
		}
	} else if (strcmp(sub, "open") == 0) {
		if (!o.pos[1])
			rc = cli_usage_error("mail", "open needs MESSAGE and --contact ID");
		else
			rc = mail_open(&s, &o);
	} else if (strcmp(sub, "send") == 0) {
		int f = send_outbox(s.db, o.sendmail ? o.sendmail : s.cfg.mail_sendmail, o.unknown, 0);
		if (f < 0)
			fprintf(stderr, "sdesk: mail send: %s\n", db_last_error(s.db)->plain);
		rc = f != 0 ? SDESK_EXIT_RUNTIME : 0;
	} else if (strcmp(sub, "announce") == 0) {
		rc = mail_announce(&s, &o, o.sendmail ? o.sendmail : s.cfg.mail_sendmail);
	} else if (strcmp(sub, "notice") == 0) {
		int64_t inc;
		long n;
		if (!o.pos[1] || parse_id(o.pos[1], &inc) < 0) {
			rc = cli_usage_error("mail", "notice needs INCIDENT (a number)");
		} else if ((n = mq_notice(s.db, inc, o.queue ? o.queue : "support")) < 0) {
			fprintf(stderr, "sdesk: mail notice: %s\n", db_last_error(s.db)->plain);
			rc = SDESK_EXIT_RUNTIME;
		} else {
			int f;
			printf(ngettext("incident %" PRId64 ": %ld notice queued\n", "incident %" PRId64 ": %ld notices queued\n", (unsigned long)n), inc, n);
			f = send_outbox(s.db, o.sendmail ? o.sendmail : s.cfg.mail_sendmail, 0, 0);
			if (f < 0)
				fprintf(stderr, "sdesk: mail notice: %s\n", db_last_error(s.db)->plain);
			rc = f != 0 ? SDESK_EXIT_RUNTIME : 0;
		}
	} else if (strcmp(sub, "queue") == 0) {
		if (!o.pos[1] || !o.pos[2]) {
			rc = cli_usage_error("mail", "queue needs CODE and ADDRESS");
		} else if (mq_set_queue(s.db, o.pos[1], o.pos[2], o.name) < 0) {
			fprintf(stderr, "sdesk: mail queue: %s\n", db_last_error(s.db)->plain);
			rc = SDESK_EXIT_RUNTIME;
		} else {
			printf(_("queue %s: %s\n"), o.pos[1], o.pos[2]);
		}
	}
	session_close(&s);
	return rc;
}
