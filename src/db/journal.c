/* The local journal of unsaved entries. See db/journal.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "base/fileperm.h"
#include "base/now.h"
#include "base/utf8.h"
#include "base/i18n.h"
#include "base/util.h"
#include "db/actions.h"
#include "db/db.h"
#include "db/journal.h"

#define JOURNAL_HEADER "sdesk-journal 1\n"
#define DEFAULT_PGSOCKET_DIR_TEXT "local"

/* The journal takes every action of db/actions.def that has an idempotency
 * key, sent as act_sql: bookings (book_call, book_time) too, as facts. */

struct journal {
	char *path;
	char *lock_path;
	struct journal_entry *e;
	size_t n, cap;
	size_t nbad;
	char bad_msg[256];
	struct journal_damage *bad; /* every damaged line, kept as found */
	size_t badcap;
	off_t bad_bytes;            /* their bytes, newlines included */
	off_t size;
	struct journal_timer *t;    /* call timers still running */
	size_t nt, tcap;
	/* The file as last read (or appended to) by this process: while it is
	 * the same file of the same size, nobody else wrote, and the entries in
	 * memory are the file's (journal_add and mark then skip the re-read). */
	dev_t dev;
	ino_t ino;
	int known;
	long lines;
};

/* The keyed action of db/actions.def called action, NULL when none. */
static const struct act_def *keyed_action(const char *action)
{
	const struct act_def *d = act_find(action);

	return d && d->keyed ? d : NULL;
}

int journal_action_params(const char *action)
{
	const struct act_def *d = keyed_action(action);

	return d ? d->nparams : -1;
}

/* The name of parameter i (after the key) of action, e.g. "note". */
static const char *field_name(const char *action, size_t i)
{
	const struct act_def *d = keyed_action(action);

	return d && (int)i + 1 < d->nparams ? d->params[i + 1].name : "a parameter";
}

/* The SQL of a keyed action, NULL for an action this sdesk does not send. */
static const char *action_sql(const char *action)
{
	const struct act_def *d = keyed_action(action);

	return d ? act_sql(d->id) : NULL;
}

static uint32_t fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static int key_ok(const char *k)
{
	if (strlen(k) != 36)
		return 0;
	for (int i = 0; i < 36; i++) {
		char c = k[i];
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return 0;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
			return 0;
		}
	}
	return 1;
}

/* ---- paths and locking ---------------------------------------------------- */

int journal_default_path(const char *configured, char *buf, size_t len, char *err, size_t errlen)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;

	if (configured && *configured)
		n = snprintf(buf, len, "%s", configured);
	else if (state && *state == '/')
		n = snprintf(buf, len, "%s/sdesk/journal", state);
	else if (home && *home)
		n = snprintf(buf, len, "%s/.local/state/sdesk/journal", home);
	else {
		snprintf(err, errlen, _("no journal path: set journal.path in sdesk.cfg, XDG_STATE_HOME or HOME"));
		return -1;
	}
	if (n < 0 || (size_t)n >= len) {
		snprintf(err, errlen, _("journal path too long"));
		return -1;
	}
	return 0;
}

/* The value of keyword kw: from the parsed conninfo, else libpq's default
 * (environment, then built-in), else "". */
static const char *conn_value(PQconninfoOption *parsed, PQconninfoOption *defs, const char *kw)
{
	for (PQconninfoOption *o = parsed; o && o->keyword; o++)
		if (strcmp(o->keyword, kw) == 0 && o->val && *o->val)
			return o->val;
	for (PQconninfoOption *o = defs; o && o->keyword; o++)
		if (strcmp(o->keyword, kw) == 0 && o->val && *o->val)
			return o->val;
	return "";
}

int journal_target(const char *conninfo, char *buf, size_t len)
{
	PQconninfoOption *parsed = PQconninfoParse(conninfo ? conninfo : "", NULL);
	PQconninfoOption *defs = PQconndefaults();
	const char *user, *host, *port, *dbname, *service;
	int n;

	user = conn_value(parsed, defs, "user");
	host = conn_value(parsed, defs, "host");
	if (!*host)
		host = conn_value(parsed, defs, "hostaddr");
	port = conn_value(parsed, defs, "port");
	dbname = conn_value(parsed, defs, "dbname");
	service = conn_value(parsed, defs, "service");
	/* A service (pg_service.conf) names its own hosts and database, which
	 * libpq reads only when connecting: the name stands for them here. */
	n = snprintf(buf, len, "%s%s%s%s@%s:%s/%s", *service ? "service=" : "", service, *service ? ":" : "", user,
		     *host ? host : DEFAULT_PGSOCKET_DIR_TEXT, port, *dbname ? dbname : user);
	if (parsed)
		PQconninfoFree(parsed);
	if (defs)
		PQconninfoFree(defs);
	return parsed && n >= 0 && (size_t)n < len ? 0 : -1;
}

int journal_path_for(const char *configured, const char *conninfo, char *buf, size_t len, char *err, size_t errlen)
{
	char target[1024], name[64];
	size_t n;

	if (configured && *configured)
		return journal_default_path(configured, buf, len, err, errlen);
	if (journal_target(conninfo, target, sizeof(target)) < 0) {
		snprintf(err, errlen, _("cannot read the connection string to name the journal"));
		return -1;
	}
	if (journal_default_path(NULL, buf, len, err, errlen) < 0)
		return -1;
	snprintf(name, sizeof(name), "-%08x", (unsigned)fnv1a(target, strlen(target)));
	n = strlen(buf);
	if (n + strlen(name) >= len) {
		snprintf(err, errlen, _("journal path too long"));
		return -1;
	}
	memcpy(buf + n, name, strlen(name) + 1);
	return 0;
}

/* mkdir -p of the directory part of path, mode 0700. */
static int make_parent(const char *path, char *err, size_t errlen)
{
	char *d = xstrdup(path);

	for (char *p = d + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(d, 0700) != 0 && errno != EEXIST) {
			snprintf(err, errlen, _("%s: cannot create directory: %s"), d, strerror(errno));
			free(d);
			return -1;
		}
		*p = '/';
	}
	free(d);
	return 0;
}

static int lock_open(const struct journal *j, char *err, size_t errlen)
{
	int fd = open(j->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", j->lock_path, strerror(errno));
		return -1;
	}
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			snprintf(err, errlen, _("%s: cannot lock: %s"), j->lock_path, strerror(errno));
			close(fd);
			return -1;
		}
	}
	return fd;
}

static void lock_close(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the flock */
}

/* ---- escaping -------------------------------------------------------------- */

static void put_field(struct strbuf *sb, const char *s)
{
	sb_appendn(sb, "\t", 1);
	if (!s) {
		sb_append(sb, "\\N");
		return;
	}
	for (; *s; s++) {
		switch (*s) {
		case '\\': sb_append(sb, "\\\\"); break;
		case '\t': sb_append(sb, "\\t"); break;
		case '\n': sb_append(sb, "\\n"); break;
		case '\r': sb_append(sb, "\\r"); break;
		default: sb_appendn(sb, s, 1);
		}
	}
}

/* Splits line (no newline) at tabs in place and unescapes each field.
 * Returns the number of fields (at most max); NULL fields for \N; -1 on a
 * bad escape. */
static int split_fields(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		char *start = p, *w = p;

		if (n == max)
			return -1;
		while (*p && *p != '\t') {
			if (*p == '\\') {
				p++;
				switch (*p) {
				case '\\': *w++ = '\\'; break;
				case 't': *w++ = '\t'; break;
				case 'n': *w++ = '\n'; break;
				case 'r': *w++ = '\r'; break;
				case 'N':
					if (w != start || (p[1] && p[1] != '\t'))
						return -1;
					start = NULL;
					break;
				default: return -1;
				}
				p++;
			} else {
				*w++ = *p++;
			}
		}
		int last = *p == '\0';
		if (start)
			*w = '\0';
		f[n++] = start;
		if (last)
			return n;
		p++;
	}
}

/* ---- reading ---------------------------------------------------------------- */

static void entry_free(struct journal_entry *e)
{
	free(e->action);
	for (size_t i = 0; i < e->nparams; i++)
		free(e->params[i]);
	free(e->params);
	free(e->message);
}

static void entries_clear(struct journal *j)
{
	for (size_t i = 0; i < j->n; i++)
		entry_free(&j->e[i]);
	j->n = 0;
	j->nt = 0;
}

static struct journal_timer *find_timer(struct journal *j, const char *key)
{
	for (size_t i = 0; i < j->nt; i++)
		if (strcmp(j->t[i].key, key) == 0)
			return &j->t[i];
	return NULL;
}

/* The timer of key ends (logged or discarded): removed from the list. */
static void end_timer(struct journal *j, const char *key)
{
	struct journal_timer *t = find_timer(j, key);

	if (t) {
		size_t i = (size_t)(t - j->t);

		memmove(&j->t[i], &j->t[i + 1], (j->nt - i - 1) * sizeof(*j->t));
		j->nt--;
	}
}

static struct journal_entry *find(struct journal *j, const char *key)
{
	for (size_t i = j->n; i-- > 0;)
		if (strcmp(j->e[i].key, key) == 0)
			return &j->e[i];
	return NULL;
}

/* Keeps a damaged line (raw[0..len), no newline) as it was found: it is
 * reported, and written back by every compaction, never dropped. */
static void bad_line(struct journal *j, long line, off_t offset, const char *why, const char *raw, size_t len)
{
	struct journal_damage *d;

	if (j->nbad == 0)
		snprintf(j->bad_msg, sizeof(j->bad_msg), "%s:%ld: %s", j->path, line, why);
	if (j->nbad == j->badcap) {
		j->badcap = j->badcap ? j->badcap * 2 : 8;
		j->bad = xrealloc(j->bad, j->badcap * sizeof(*j->bad));
	}
	d = &j->bad[j->nbad++];
	d->line = line;
	d->offset = (long long)offset;
	d->why = why;
	d->raw = xmalloc(len + 1);
	memcpy(d->raw, raw, len);
	d->raw[len] = '\0';
	d->len = len;
	j->bad_bytes += (off_t)len + 1;
}

static void damage_clear(struct journal *j)
{
	for (size_t i = 0; i < j->nbad; i++)
		free(j->bad[i].raw);
	j->nbad = 0;
	j->bad_bytes = 0;
	j->bad_msg[0] = '\0';
}

/* Parses one record; returns NULL when fine, else why it is corrupt. */
static const char *parse_line(struct journal *j, char *line, long lineno)
{
	char *f[300];
	char *tab = strchr(line, '\t'), *end;
	unsigned long sum;
	int n;

	if (!tab || tab - line != 8)
		return _("corrupt record (no checksum)");
	sum = strtoul(line, &end, 16);
	if (end != tab || (uint32_t)sum != fnv1a(tab + 1, strlen(tab + 1)))
		return _("corrupt record (checksum mismatch)");
	n = split_fields(tab + 1, f, (int)SDESK_ARRAY_LEN(f));
	if (n < 3 || !f[0] || !f[1] || !f[2] || strlen(f[0]) != 1 || !key_ok(f[2]))
		return _("corrupt record (bad fields)");
	int64_t at = strtoll(f[1], NULL, 10);
	if (f[0][0] == 'T') {
		struct journal_timer *t;

		if (n != 5 || !f[3] || !f[4])
			return _("corrupt record (bad call timer)");
		if (find_timer(j, f[2]) || find(j, f[2]))
			return _("call timer key repeated");
		if (j->nt == j->tcap) {
			j->tcap = j->tcap ? j->tcap * 2 : 4;
			j->t = xrealloc(j->t, j->tcap * sizeof(*j->t));
		}
		t = &j->t[j->nt++];
		memcpy(t->key, f[2], 37);
		t->at = at;
		t->ticket = strtoll(f[3], NULL, 10);
		t->started = strtoll(f[4], NULL, 10);
		return NULL;
	}
	if (f[0][0] == 'Z') {
		if (n != 3 || !find_timer(j, f[2]))
			return _("end of an unknown call timer");
		end_timer(j, f[2]);
		return NULL;
	}
	if (f[0][0] == 'P') {
		end_timer(j, f[2]); /* the call of a timer, logged under its key */
		if (n < 4 || !f[3] || journal_action_params(f[3]) != n - 3)
			return _("entry with an unknown action or a wrong number of parameters");
		if (find(j, f[2]))
			return _("entry key repeated");
		if (j->n == j->cap) {
			j->cap = j->cap ? j->cap * 2 : 32;
			j->e = xrealloc(j->e, j->cap * sizeof(*j->e));
		}
		struct journal_entry *e = &j->e[j->n++];
		memset(e, 0, sizeof(*e));
		memcpy(e->key, f[2], 37);
		e->action = xstrdup(f[3]);
		e->nparams = (size_t)(n - 4);
		e->params = xcalloc(e->nparams ? e->nparams : 1, sizeof(char *));
		for (size_t i = 0; i < e->nparams; i++)
			e->params[i] = f[4 + i] ? xstrdup(f[4 + i]) : NULL;
		e->at = at;
		e->line = lineno;
		e->state = JOURNAL_PENDING;
		return NULL;
	}
	struct journal_entry *e = find(j, f[2]);
	if (!e)
		return _("confirmation of an unknown entry");
	if (f[0][0] == 'D' && n == 3) {
		e->state = JOURNAL_DONE;
	} else if (f[0][0] == 'F' && n == 5 && f[3] && f[4]) {
		e->state = JOURNAL_FAILED;
		snprintf(e->sqlstate, sizeof(e->sqlstate), "%s", f[3]);
		free(e->message);
		e->message = xstrdup(f[4]);
	} else if (f[0][0] == 'X' && n == 3) {
		e->state = JOURNAL_DONE; /* forgotten by the user */
	} else {
		return _("corrupt record (unknown type)");
	}
	return NULL;
}

/* The journal decides what is sent in the user's name: it must be theirs
 * (base/fileperm.h), checked on the open file. */
static int check_owner(const struct journal *j, int fd, char *err, size_t errlen)
{
	struct stat st;

	if (fstat(fd, &st) != 0) {
		snprintf(err, errlen, "%s: %s", j->path, strerror(errno));
		return -1;
	}
	return sd_file_private(j->path, &st, N_("the journal"), err, errlen);
}

static int read_file(struct journal *j, char *err, size_t errlen)
{
	FILE *f = fopen(j->path, "r");
	char *line = NULL, *copy = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;

	entries_clear(j);
	damage_clear(j);
	j->size = 0;
	j->known = 0;
	j->lines = 0;
	if (!f) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", j->path, strerror(errno));
		return -1;
	}
	if (check_owner(j, fileno(f), err, errlen) < 0) {
		fclose(f);
		return -1;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		const char *why;
		off_t offset = j->size;

		lineno++;
		j->size += len;
		if (line[len - 1] != '\n') {
			bad_line(j, lineno, offset, _("incomplete last record (torn write), kept"), line, (size_t)len);
			break;
		}
		line[len - 1] = '\0';
		if (lineno == 1 && strcmp(line, "sdesk-journal 1") == 0)
			continue;
		if (memchr(line, '\0', (size_t)len - 1)) {
			bad_line(j, lineno, offset, _("corrupt record (NUL byte)"), line, (size_t)len - 1);
			continue;
		}
		/* parse_line splits the line in place: keep the bytes as found. */
		copy = xrealloc(copy, (size_t)len);
		memcpy(copy, line, (size_t)len);
		if ((why = parse_line(j, line, lineno)))
			bad_line(j, lineno, offset, why, copy, (size_t)len - 1);
	}
	j->lines = lineno;
	{
		struct stat st;

		/* Known only when it ends with a whole record: then an append
		 * needs no newline first and can be parsed in memory. */
		if (fstat(fileno(f), &st) == 0 && st.st_size == j->size && (j->nbad == 0 ||
		    strcmp(j->bad[j->nbad - 1].why, _("incomplete last record (torn write), kept")) != 0)) {
			j->dev = st.st_dev;
			j->ino = st.st_ino;
			j->known = 1;
		}
	}
	free(copy);
	free(line);
	fclose(f);
	return 0;
}

/* The file is what this process last read or wrote (see struct journal). */
static int unchanged(const struct journal *j, const struct stat *st)
{
	return j->known && st->st_dev == j->dev && st->st_ino == j->ino && st->st_size == j->size;
}

/* Re-reads the journal unless it is unchanged (under the lock). */
static int refresh(struct journal *j, char *err, size_t errlen)
{
	struct stat st;

	if (j->known && stat(j->path, &st) == 0 && unchanged(j, &st))
		return 0;
	return read_file(j, err, errlen);
}

struct journal *journal_open(const char *path, char *err, size_t errlen)
{
	struct journal *j;
	int fd, lk;

	if (make_parent(path, err, errlen) < 0)
		return NULL;
	j = xcalloc(1, sizeof(*j));
	j->path = xstrdup(path);
	j->lock_path = xasprintf("%s.lock", path);
	if ((lk = lock_open(j, err, errlen)) < 0) {
		journal_close(j);
		return NULL;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, _("%s: cannot open the journal: %s"), path, strerror(errno));
		lock_close(lk);
		journal_close(j);
		return NULL;
	}
	close(fd);
	if (read_file(j, err, errlen) < 0) {
		lock_close(lk);
		journal_close(j);
		return NULL;
	}
	lock_close(lk);
	return j;
}

void journal_close(struct journal *j)
{
	if (!j)
		return;
	entries_clear(j);
	damage_clear(j);
	free(j->bad);
	free(j->e);
	free(j->t);
	free(j->path);
	free(j->lock_path);
	free(j);
}

const char *journal_path(const struct journal *j)
{
	return j->path;
}

int journal_reload(struct journal *j, char *err, size_t errlen)
{
	int lk = lock_open(j, err, errlen), rc;

	if (lk < 0)
		return -1;
	rc = read_file(j, err, errlen);
	lock_close(lk);
	return rc;
}

size_t journal_count(const struct journal *j)
{
	return j->n;
}

const struct journal_entry *journal_entry_at(const struct journal *j, size_t i)
{
	return i < j->n ? &j->e[i] : NULL;
}

static size_t count_state(const struct journal *j, enum journal_state st)
{
	size_t c = 0;

	for (size_t i = 0; i < j->n; i++)
		c += j->e[i].state == st;
	return c;
}

size_t journal_pending_count(const struct journal *j)
{
	return count_state(j, JOURNAL_PENDING);
}

size_t journal_failed_count(const struct journal *j)
{
	return count_state(j, JOURNAL_FAILED);
}

size_t journal_damaged_count(const struct journal *j)
{
	return j->nbad;
}

const struct journal_damage *journal_damaged_at(const struct journal *j, size_t i)
{
	return i < j->nbad ? &j->bad[i] : NULL;
}

size_t journal_problems(const struct journal *j, char *msg, size_t len)
{
	if (msg && len) {
		if (j->nbad > 1)
			snprintf(msg, len, _("%s (and %zu more bad lines)"), j->bad_msg, j->nbad - 1);
		else
			snprintf(msg, len, "%s", j->bad_msg);
	}
	return j->nbad;
}

/* ---- writing ---------------------------------------------------------------- */

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* fsyncs the directory holding path: a new name in it (a created or renamed
 * journal) survives a crash only then. */
static void sync_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Appends one record (body = "TYPE\tfields") with its checksum. durable:
 * fsync'ed before returning (and the directory too when this record created
 * the file's contents); doc/security.md, "The local journal", says which
 * records need it. A torn last line is closed with a newline first so it
 * stays one bad line. When the file was as this process knew it, the record
 * is applied in memory (no re-read); otherwise the journal is re-read. */
static int append_record(struct journal *j, const char *body, int durable, char *err, size_t errlen)
{
	struct strbuf sb = {0};
	struct stat st;
	int fd, rc = -1, known = 0, created = 0;
	char last = '\n';
	size_t rec;

	fd = open(j->path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", j->path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		snprintf(err, errlen, "%s: %s", j->path, strerror(errno));
		close(fd);
		return -1;
	}
	if (sd_file_private(j->path, &st, N_("the journal"), err, errlen) < 0) {
		close(fd);
		return -1;
	}
	if (st.st_size == 0) {
		sb_append(&sb, JOURNAL_HEADER);
		created = 1;
	} else if (unchanged(j, &st)) {
		known = 1; /* read_file saw it end with a whole record */
	} else if (pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n') {
		sb_append(&sb, "\n");
	}
	rec = sb.len;
	sb_printf(&sb, "%08x\t%s\n", (unsigned)fnv1a(body, strlen(body)), body);
	if (write_all(fd, sb.buf, sb.len) < 0) {
		snprintf(err, errlen, _("%s: cannot write: %s"), j->path, strerror(errno));
		goto out;
	}
	if (durable && fsync(fd) != 0) {
		snprintf(err, errlen, _("%s: fsync: %s"), j->path, strerror(errno));
		goto out;
	}
	if (durable && created)
		sync_dir(j->path);
	rc = 0;
	if (known) {
		char *line = xmalloc(sb.len - rec);

		memcpy(line, sb.buf + rec, sb.len - rec - 1);
		line[sb.len - rec - 1] = '\0';

		if (!parse_line(j, line, ++j->lines))
			j->size += (off_t)sb.len;
		else
			known = 0;
		free(line);
	}
	if (!known)
		rc = read_file(j, err, errlen);
out:
	close(fd);
	sb_free(&sb);
	return rc;
}

int journal_add(struct journal *j, const char *key, const char *action, size_t nparams,
	const char *const *params, char *err, size_t errlen)
{
	struct strbuf sb = {0};
	int lk, rc;

	if (!key || !key_ok(key)) {
		snprintf(err, errlen, _("journal: bad idempotency key"));
		return -1;
	}
	if (journal_action_params(action) != (int)nparams + 1) {
		snprintf(err, errlen, _("journal: unknown action '%s' or wrong number of parameters"), action);
		return -1;
	}
	for (size_t i = 0; i < nparams; i++) {
		size_t bad;

		if (params[i] && !sd_utf8_valid(params[i], strlen(params[i]), &bad)) {
			snprintf(err, errlen, _("%s: %s is not valid UTF-8 (byte %zu); nothing was saved"), action,
				 field_name(action, i), bad + 1);
			return -1;
		}
	}
	sb_printf(&sb, "P\t%lld\t%s", (long long)sd_now(), key);
	put_field(&sb, action);
	for (size_t i = 0; i < nparams; i++)
		put_field(&sb, params[i]);
	if ((lk = lock_open(j, err, errlen)) < 0) {
		sb_free(&sb);
		return -1;
	}
	rc = refresh(j, err, errlen);
	if (rc == 0 && find(j, key)) {
		snprintf(err, errlen, _("journal: key %s is already in the journal"), key);
		rc = -1;
	}
	if (rc == 0)
		rc = append_record(j, sb.buf, 1, err, errlen);
	lock_close(lk);
	sb_free(&sb);
	return rc;
}

static int mark(struct journal *j, const char *key, int forget, enum journal_state state, const char *sqlstate,
	const char *message, char *err, size_t errlen)
{
	struct strbuf sb = {0};
	int lk, rc;

	if (state == JOURNAL_PENDING || !key_ok(key)) {
		snprintf(err, errlen, _("journal: bad mark"));
		return -1;
	}
	if (forget) {
		sb_printf(&sb, "X\t%lld\t%s", (long long)sd_now(), key);
	} else if (state == JOURNAL_DONE) {
		sb_printf(&sb, "D\t%lld\t%s", (long long)sd_now(), key);
	} else {
		sb_printf(&sb, "F\t%lld\t%s", (long long)sd_now(), key);
		put_field(&sb, sqlstate ? sqlstate : "");
		put_field(&sb, message ? message : "");
	}
	if ((lk = lock_open(j, err, errlen)) < 0) {
		sb_free(&sb);
		return -1;
	}
	rc = refresh(j, err, errlen);
	if (rc == 0 && !find(j, key)) {
		/* Compaction keeps what is pending or refused: an entry that is gone
		 * was confirmed (by another process, which then compacted). */
		if (state == JOURNAL_DONE) {
			lock_close(lk);
			sb_free(&sb);
			return 0;
		}
		snprintf(err, errlen, _("journal: no entry %s"), key);
		rc = -1;
	}
	/* A confirmation is not fsync'ed: lost in a crash, the entry is sent
	 * again with its key, and the database answers with the first id. */
	if (rc == 0)
		rc = append_record(j, sb.buf, state != JOURNAL_DONE || forget, err, errlen);
	lock_close(lk);
	sb_free(&sb);
	return rc;
}

int journal_mark(struct journal *j, const char *key, enum journal_state state, const char *sqlstate,
	const char *message, char *err, size_t errlen)
{
	return mark(j, key, 0, state, sqlstate, message, err, errlen);
}

int journal_forget(struct journal *j, const char *key, char *err, size_t errlen)
{
	return mark(j, key, 1, JOURNAL_DONE, NULL, NULL, err, errlen);
}

int journal_compact(struct journal *j, char *err, size_t errlen)
{
	struct strbuf out = {0}, body = {0};
	char *tmp;
	int lk, fd, rc = -1;

	if ((lk = lock_open(j, err, errlen)) < 0)
		return -1;
	if (read_file(j, err, errlen) < 0)
		goto out_lock;
	sb_append(&out, JOURNAL_HEADER);
	for (size_t i = 0; i < j->n; i++) {
		const struct journal_entry *e = &j->e[i];

		if (e->state == JOURNAL_DONE)
			continue;
		sb_reset(&body);
		sb_printf(&body, "P\t%lld\t%s", (long long)e->at, e->key);
		put_field(&body, e->action);
		for (size_t k = 0; k < e->nparams; k++)
			put_field(&body, e->params[k]);
		sb_printf(&out, "%08x\t%s\n", (unsigned)fnv1a(body.buf, body.len), body.buf);
		if (e->state == JOURNAL_FAILED) {
			sb_reset(&body);
			sb_printf(&body, "F\t%lld\t%s", (long long)e->at, e->key);
			put_field(&body, e->sqlstate);
			put_field(&body, e->message ? e->message : "");
			sb_printf(&out, "%08x\t%s\n", (unsigned)fnv1a(body.buf, body.len), body.buf);
		}
	}
	for (size_t i = 0; i < j->nt; i++) {
		sb_reset(&body);
		sb_printf(&body, "T\t%lld\t%s\t%lld\t%lld", (long long)j->t[i].at, j->t[i].key,
			  (long long)j->t[i].ticket, (long long)j->t[i].started);
		sb_printf(&out, "%08x\t%s\n", (unsigned)fnv1a(body.buf, body.len), body.buf);
	}
	/* Damaged lines are kept as they were, after the entries (so a repeated
	 * key stays the repeat): the user decides what they were. */
	for (size_t i = 0; i < j->nbad; i++) {
		sb_appendn(&out, j->bad[i].raw, j->bad[i].len);
		sb_append(&out, "\n");
	}
	tmp = xasprintf("%s.tmp.%ld", j->path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write_all(fd, out.buf, out.len) < 0 || fsync(fd) != 0) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		free(tmp);
		goto out_lock;
	}
	close(fd);
	if (rename(tmp, j->path) != 0) {
		snprintf(err, errlen, _("%s: cannot replace the journal: %s"), j->path, strerror(errno));
		unlink(tmp);
		free(tmp);
		goto out_lock;
	}
	free(tmp);
	sync_dir(j->path);
	rc = read_file(j, err, errlen);
out_lock:
	lock_close(lk);
	sb_free(&out);
	sb_free(&body);
	return rc;
}

/* ---- call timers ------------------------------------------------------------- */

/* Appends body under the lock after checking the key against the file. */
static int timer_record(struct journal *j, const char *key, const char *body, int starting, char *err,
	size_t errlen)
{
	int lk, rc;

	if (!key_ok(key)) {
		snprintf(err, errlen, _("journal: bad call timer key"));
		return -1;
	}
	if ((lk = lock_open(j, err, errlen)) < 0)
		return -1;
	rc = refresh(j, err, errlen);
	if (rc == 0 && starting && (find_timer(j, key) || find(j, key))) {
		snprintf(err, errlen, _("journal: key %s is already in the journal"), key);
		rc = -1;
	}
	if (rc == 0 && !starting && !find_timer(j, key)) {
		lock_close(lk);
		return 0; /* logged or discarded already (another process) */
	}
	if (rc == 0) /* durable: a start lost in a crash is a call lost without a word */
		rc = append_record(j, body, 1, err, errlen);
	lock_close(lk);
	return rc;
}

int journal_timer_start(struct journal *j, const char *key, int64_t ticket, int64_t started, char *err,
	size_t errlen)
{
	char body[160];

	snprintf(body, sizeof(body), "T\t%lld\t%s\t%lld\t%lld", (long long)sd_now(), key ? key : "",
		 (long long)ticket, (long long)started);
	return timer_record(j, key ? key : "", body, 1, err, errlen);
}

int journal_timer_drop(struct journal *j, const char *key, char *err, size_t errlen)
{
	char body[96];

	snprintf(body, sizeof(body), "Z\t%lld\t%s", (long long)sd_now(), key ? key : "");
	return timer_record(j, key ? key : "", body, 0, err, errlen);
}

size_t journal_timer_count(const struct journal *j)
{
	return j->nt;
}

const struct journal_timer *journal_timer_at(const struct journal *j, size_t i)
{
	return i < j->nt ? &j->t[i] : NULL;
}

/* ---- submitting --------------------------------------------------------------- */

/* Errors that will not go away by sending the same thing again. */
static int refused_for_good(const char *sqlstate)
{
	static const char *const classes[] = {"22", "23", "42", "P0", "02", "2F", "0L", "28", "SD"};

	if (!sqlstate[0])
		return 0;
	if (strncmp(sqlstate, "57", 2) == 0 || strncmp(sqlstate, "08", 2) == 0 || strncmp(sqlstate, "40", 2) == 0 ||
	    strncmp(sqlstate, "53", 2) == 0 || strcmp(sqlstate, "55P03") == 0)
		return 0;
	for (size_t i = 0; i < SDESK_ARRAY_LEN(classes); i++)
		if (strncmp(sqlstate, classes[i], 2) == 0)
			return 1;
	return 0;
}

int journal_submit(struct journal *j, struct db *db, const char *key, int64_t *id, char *err, size_t errlen)
{
	struct journal_entry *e = find(j, key);
	const char *sql, **params;
	struct db_result *res;
	const struct db_error *dberr;

	if (!e || e->state != JOURNAL_PENDING) {
		snprintf(err, errlen, _("journal: no pending entry %s"), key);
		return -1;
	}
	sql = action_sql(e->action);
	if (!sql) {
		/* An action this sdesk does not send (log_call, log_time of an older
		 * journal, whose prices the client computed): refused for good,
		 * kept and listed. */
		char k[37], why[160];

		snprintf(why, sizeof(why), _("%s is no action of this sdesk: book it again"), e->action);
		memcpy(k, key, sizeof(k));
		if (journal_mark(j, k, JOURNAL_FAILED, "", why, err, errlen) < 0)
			return -1;
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	{
		params = xcalloc(e->nparams + 1, sizeof(*params));
		params[0] = e->key;
		for (size_t i = 0; i < e->nparams; i++)
			params[i + 1] = e->params[i];
		res = db_connected(db) || db_reconnect(db) == 0 ? db_exec(db, sql, (int)e->nparams + 1, params) : NULL;
		free(params);
	}
	if (res) {
		if (id && db_result_rows(res) > 0 && db_result_value(res, 0, 0))
			*id = strtoll(db_result_value(res, 0, 0), NULL, 10);
		db_result_free(res);
		char k[37];
		memcpy(k, key, sizeof(k));
		return journal_mark(j, k, JOURNAL_DONE, NULL, NULL, err, errlen) == 0 ? 1 : -1;
	}
	dberr = db_last_error(db);
	if (!db_connected(db) || !refused_for_good(dberr->sqlstate)) {
		snprintf(err, errlen, "%s", dberr->plain);
		return 0;
	}
	char k[37], state[6];
	char *msg = xstrdup(dberr->message);
	memcpy(k, key, sizeof(k));
	memcpy(state, dberr->sqlstate, sizeof(state));
	snprintf(err, errlen, "%s", dberr->plain);
	if (journal_mark(j, k, JOURNAL_FAILED, state, msg, err, errlen) < 0) {
		free(msg);
		return -1;
	}
	free(msg);
	return -1;
}

/* Bytes a compaction could save from: the file without its damaged lines. */
static size_t live_size(const struct journal *j)
{
	return j->size > j->bad_bytes ? (size_t)(j->size - j->bad_bytes) : 0;
}

int journal_tidy(struct journal *j, size_t bytes, char *err, size_t errlen)
{
	if (journal_pending_count(j) > 0 || live_size(j) <= bytes)
		return 0;
	return journal_compact(j, err, errlen);
}

int journal_flush(struct journal *j, struct db *db, struct journal_flush_result *r, size_t compact_bytes,
	char *err, size_t errlen)
{
	char key[37];

	memset(r, 0, sizeof(*r));
	if (journal_reload(j, err, errlen) < 0)
		return -1;
	for (;;) {
		size_t i;
		int rc;

		for (i = 0; i < j->n && j->e[i].state != JOURNAL_PENDING; i++)
			;
		if (i == j->n)
			break;
		memcpy(key, j->e[i].key, sizeof(key));
		rc = journal_submit(j, db, key, NULL, err, errlen);
		if (rc == 1) {
			r->done++;
		} else if (rc == 0) {
			break;
		} else {
			const struct journal_entry *e = find(j, key);
			if (!e || e->state != JOURNAL_FAILED)
				return -1; /* the journal could not be written */
			r->failed++;
		}
	}
	r->left = journal_pending_count(j);
	if (r->left == 0 && compact_bytes && live_size(j) > compact_bytes)
		return journal_compact(j, err, errlen);
	return 0;
}

int journal_log(struct journal *j, struct db *db, const char *action, size_t nparams,
	const char *const *params, char key[37], int64_t *id, char *err, size_t errlen)
{
	char k[37];

	if (db_new_key(k) < 0) {
		snprintf(err, errlen, _("no randomness for an idempotency key"));
		return -1;
	}
	if (key)
		memcpy(key, k, sizeof(k));
	if (journal_add(j, k, action, nparams, params, err, errlen) < 0)
		return -1;
	return journal_submit(j, db, k, id, err, errlen);
}
