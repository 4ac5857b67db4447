/* sdesk.cfg loader: libconfig → struct sdesk_config, validated once. */
#include "config.h"

#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/fileperm.h"
#include "base/utf8.h"
#include "base/i18n.h"
#include "base/util.h"
#include "conf/config.h"
#include "conf/conferr.h"

void settings_defaults(struct sdesk_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->conninfo = xstrdup("");
	cfg->connect_timeout = 10;
	cfg->color = 1;
	cfg->ascii_only = 0;
	cfg->tick_seconds = 1;
	cfg->at_risk_minutes = 60;
	cfg->budget_low_minutes = 10;
	cfg->budget_low_points = 4;
	cfg->board_at_risk_minutes = 120;
	cfg->board_chart_days = 30;
	cfg->reconnect_min_ms = 500;
	cfg->reconnect_max_ms = 5000;
	cfg->mail_sendmail = xstrdup("/usr/sbin/sendmail");
	cfg->mail_max_message_kb = 30 * 1024;
	cfg->mail_max_attachment_kb = 10 * 1024;
}

void settings_free(struct sdesk_config *cfg)
{
	free(cfg->path);
	free(cfg->conninfo);
	free(cfg->journal_path);
	free(cfg->time_zone);
	free(cfg->mail_sendmail);
	free(cfg->mail_quarantine);
	free(cfg->language);
	memset(cfg, 0, sizeof(*cfg));
}

static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *settings_find(const char *explicit_path, char *err, size_t errlen)
{
	const char *env = getenv("SDESK_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *p;

	err[0] = '\0';
	if (explicit_path || (env && *env)) {
		const char *want = explicit_path ? explicit_path : env;

		if (file_exists(want))
			return xstrdup(want);
		snprintf(err, errlen, _("%s: cannot read settings file (given by %s): %s"), want,
			 explicit_path ? "--config" : "$SDESK_CONFIG", strerror(errno ? errno : ENOENT));
		return NULL;
	}
	if (xdg && *xdg)
		p = xasprintf("%s/sdesk/sdesk.cfg", xdg);
	else if (home && *home)
		p = xasprintf("%s/.config/sdesk/sdesk.cfg", home);
	else
		p = NULL;
	if (p && file_exists(p))
		return p;
	free(p);
	if (file_exists(SDESK_SYSCONFDIR "/sdesk.cfg"))
		return xstrdup(SDESK_SYSCONFDIR "/sdesk.cfg");
	return NULL;
}

/* ---- typed reading with file:line errors --------------------------------- */

struct loader {
	const char *file;
	char *err;
	size_t errlen;
	int failed;
};

__attribute__((format(printf, 3, 4)))
static void fail_at(struct loader *ld, const config_setting_t *s, const char *fmt, ...)
{
	va_list ap;

	if (ld->failed)
		return;
	va_start(ap, fmt);
	conf_verror(ld->err, ld->errlen, ld->file, s, fmt, ap);
	va_end(ap);
	ld->failed = 1;
}

static const char *type_name(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP: return _("a group { ... }");
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64: return _("an integer");
	case CONFIG_TYPE_FLOAT: return _("a number");
	case CONFIG_TYPE_STRING: return _("a string");
	case CONFIG_TYPE_BOOL: return _("true or false");
	case CONFIG_TYPE_ARRAY: return _("an array [ ... ]");
	case CONFIG_TYPE_LIST: return _("a list ( ... )");
	default: return _("a setting");
	}
}

static void read_int(struct loader *ld, const config_setting_t *s, int *out, int min, int max)
{
	long long v;

	if (config_setting_type(s) != CONFIG_TYPE_INT && config_setting_type(s) != CONFIG_TYPE_INT64) {
		fail_at(ld, s, _("'%s' must be an integer, not %s"), config_setting_name(s),
			type_name(config_setting_type(s)));
		return;
	}
	v = config_setting_get_int64(s);
	if (v < min || v > max) {
		fail_at(ld, s, _("'%s' must be between %d and %d, not %lld"), config_setting_name(s), min, max, v);
		return;
	}
	*out = (int)v;
}

static void read_bool(struct loader *ld, const config_setting_t *s, int *out)
{
	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		fail_at(ld, s, _("'%s' must be true or false, not %s"), config_setting_name(s),
			type_name(config_setting_type(s)));
		return;
	}
	*out = config_setting_get_bool(s);
}

static void read_string(struct loader *ld, const config_setting_t *s, char **out)
{
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		fail_at(ld, s, _("'%s' must be a string, not %s"), config_setting_name(s),
			type_name(config_setting_type(s)));
		return;
	}
	/* No control characters or invalid UTF-8: they end up in messages and paths. */
	char why[200];
	if (sd_text_check(config_setting_name(s), config_setting_get_string(s), 4096, 0, why, sizeof(why)) < 0) {
		fail_at(ld, s, "%s", why);
		return;
	}
	free(*out);
	*out = xstrdup(config_setting_get_string(s));
}

/* A section's allowed keys, each with its reader. */
enum kind { K_INT, K_BOOL, K_STRING };
struct key {
	const char *name;
	enum kind kind;
	size_t offset;
	int min, max;
};

#define KEY_INT(name, field, min, max) {name, K_INT, offsetof(struct sdesk_config, field), min, max}
#define KEY_BOOL(name, field) {name, K_BOOL, offsetof(struct sdesk_config, field), 0, 1}
#define KEY_STR(name, field) {name, K_STRING, offsetof(struct sdesk_config, field), 0, 0}

static const struct key database_keys[] = {
	KEY_STR("conninfo", conninfo),
	KEY_INT("connect_timeout", connect_timeout, 1, 300),
};
static const struct key ui_keys[] = {
	KEY_BOOL("color", color),
	KEY_BOOL("ascii_only", ascii_only),
	KEY_INT("tick_seconds", tick_seconds, 1, 60),
	KEY_INT("at_risk_minutes", at_risk_minutes, 0, 100000),
	KEY_INT("budget_low_minutes", budget_low_minutes, 0, 100000),
	KEY_INT("budget_low_points", budget_low_points, 0, 100000),
	KEY_STR("time_zone", time_zone),
	KEY_STR("language", language),
};
static const struct key board_keys[] = {
	KEY_INT("at_risk_minutes", board_at_risk_minutes, 0, 100000),
	KEY_INT("chart_days", board_chart_days, 7, 90),
};
static const struct key reconnect_keys[] = {
	KEY_INT("min_ms", reconnect_min_ms, 50, 5000),
	KEY_INT("max_ms", reconnect_max_ms, 100, 5000), /* the back-off cap: 5 s (ui/session.h) */
};
static const struct key journal_keys[] = {
	KEY_STR("path", journal_path),
};
static const struct key mail_keys[] = {
	KEY_STR("sendmail", mail_sendmail),
	KEY_STR("quarantine", mail_quarantine),
	KEY_INT("max_message_kb", mail_max_message_kb, 64, 1024 * 1024),
	KEY_INT("max_attachment_kb", mail_max_attachment_kb, 0, 1024 * 1024),
};

static void read_keys(struct loader *ld, struct sdesk_config *cfg, const config_setting_t *grp)
{
	for (int i = 0; i < config_setting_length(grp) && !ld->failed; i++) {
		const config_setting_t *s = config_setting_get_elem(grp, (unsigned)i);
		const char *name = config_setting_name(s);
		const char *val;

		if (config_setting_type(s) != CONFIG_TYPE_STRING) {
			fail_at(ld, s, _("key binding '%s' must be a string naming a key"), name);
			return;
		}
		val = config_setting_get_string(s);
		if (strlen(name) >= sizeof(cfg->keys[0].action) || strlen(val) >= sizeof(cfg->keys[0].key) || !*val) {
			fail_at(ld, s, _("key binding '%s' = \"%s\" is not a valid key name"), name, val);
			return;
		}
		if (cfg->nkeys >= SDESK_KEY_MAX) {
			fail_at(ld, s, _("too many key bindings (at most %d)"), SDESK_KEY_MAX);
			return;
		}
		snprintf(cfg->keys[cfg->nkeys].action, sizeof(cfg->keys[0].action), "%s", name);
		snprintf(cfg->keys[cfg->nkeys].key, sizeof(cfg->keys[0].key), "%s", val);
		cfg->nkeys++;
	}
}

static void read_section(struct loader *ld, struct sdesk_config *cfg, const config_setting_t *grp,
			 const struct key *keys, size_t nkeys)
{
	if (config_setting_type(grp) != CONFIG_TYPE_GROUP) {
		fail_at(ld, grp, _("'%s' must be a group { ... }"), config_setting_name(grp));
		return;
	}
	for (int i = 0; i < config_setting_length(grp) && !ld->failed; i++) {
		const config_setting_t *s = config_setting_get_elem(grp, (unsigned)i);
		const char *name = config_setting_name(s);
		size_t k;

		if (keys == ui_keys && strcmp(name, "keys") == 0) {
			if (config_setting_type(s) != CONFIG_TYPE_GROUP)
				fail_at(ld, s, _("'keys' must be a group { action = \"key\"; ... }"));
			else
				read_keys(ld, cfg, s);
			continue;
		}
		for (k = 0; k < nkeys; k++)
			if (strcmp(keys[k].name, name) == 0)
				break;
		if (k == nkeys) {
			struct strbuf known = {0};

			for (size_t j = 0; j < nkeys; j++)
				sb_printf(&known, "%s%s", j ? ", " : "", keys[j].name);
			if (keys == ui_keys)
				sb_append(&known, ", keys");
			fail_at(ld, s, _("unknown setting '%s' in '%s' (known: %s)"), name,
				config_setting_name(grp), known.buf);
			sb_free(&known);
			return;
		}
		void *field = (char *)cfg + keys[k].offset;
		switch (keys[k].kind) {
		case K_INT: read_int(ld, s, field, keys[k].min, keys[k].max); break;
		case K_BOOL: read_bool(ld, s, field); break;
		case K_STRING: read_string(ld, s, field); break;
		}
	}
}

static const struct {
	const char *name;
	const struct key *keys;
	size_t nkeys;
} sections[] = {
	{"database", database_keys, SDESK_ARRAY_LEN(database_keys)},
	{"ui", ui_keys, SDESK_ARRAY_LEN(ui_keys)},
	{"board", board_keys, SDESK_ARRAY_LEN(board_keys)},
	{"reconnect", reconnect_keys, SDESK_ARRAY_LEN(reconnect_keys)},
	{"journal", journal_keys, SDESK_ARRAY_LEN(journal_keys)},
	{"mail", mail_keys, SDESK_ARRAY_LEN(mail_keys)},
};

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* 1 when s[0..n), percent-decoded and with ASCII folded to lower case, is
 * "password" ("Pass%77ord", "%70assword"). */
static int is_password_key(const char *s, size_t n)
{
	char key[16];
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (o + 1 >= sizeof(key))
			return 0;
		if (c == '%' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
			c = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			i += 2;
		}
		key[o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	key[o] = '\0';
	return strcmp(key, "password") == 0;
}

/* postgresql://[userinfo@]hosts[/dbname][?key=value&...]: a ':' in the user
 * info is a password, and so is a password key in the query. */
static int uri_has_password(const char *uri)
{
	const char *p = strstr(uri, "://") + 3;
	size_t auth = strcspn(p, "/?");
	const char *at = memchr(p, '@', auth);
	const char *q = strchr(p, '?');

	if (at && memchr(p, ':', (size_t)(at - p)))
		return 1;
	while (q) {
		const char *key = q + 1;

		if (is_password_key(key, strcspn(key, "=&")))
			return 1;
		q = strchr(key, '&');
	}
	return 0;
}

/* key = value ... (values bare or in single quotes, backslash escapes, as
 * libpq reads them): 1 when a key is a password, -1 when it is no such list. */
static int keywords_have_password(const char *p)
{
	while (*p) {
		const char *key;
		size_t klen;

		while (*p && strchr(" \t\r\n", *p))
			p++;
		if (!*p)
			break;
		key = p;
		while (*p && !strchr("= \t\r\n", *p))
			p++;
		klen = (size_t)(p - key);
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=')
			return -1;
		if (is_password_key(key, klen))
			return 1;
		for (p++; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '\'') {
			for (p++; *p && *p != '\''; p++)
				if (*p == '\\' && p[1])
					p++;
			if (*p != '\'')
				return -1;
			p++;
		} else {
			for (; *p && !strchr(" \t\r\n", *p); p++)
				if (*p == '\\' && p[1])
					p++;
		}
	}
	return 0;
}

/* 1 when the connection string ci carries a password, 0 when not, -1 when it
 * cannot be read as one (libpq will refuse it too). */
static int has_password(const char *ci)
{
	if (strncmp(ci, "postgresql://", 13) == 0 || strncmp(ci, "postgres://", 11) == 0)
		return uri_has_password(ci);
	return keywords_have_password(ci);
}

/* Rejects a password written into the conninfo: libpq's .pgpass, PGPASSFILE
 * and service files keep secrets, sdesk's settings never do. */
static void check_conninfo(struct loader *ld, const config_t *c, const struct sdesk_config *cfg)
{
	const config_setting_t *s = config_lookup(c, "database.conninfo");
	const char *p = cfg->conninfo;
	int found = has_password(p);

	/* Unreadable: any "password" word after a separator counts. */
	for (; found < 0 && p && *p; p++)
		if (strncmp(p, "password", 8) == 0 &&
		    (p == cfg->conninfo || strchr(" ?&'\t", p[-1])))
			found = 1;
	if (found == 1)
		fail_at(ld, s, _("conninfo must not contain a password (as password=, in a URI's user info "
			       "user:secret@ or its query): put it in ~/.pgpass, PGPASSFILE or a pg_service.conf entry "
			       "instead"));
}

int settings_load(struct sdesk_config *cfg, const char *path, char *err, size_t errlen)
{
	struct loader ld = {path, err, errlen, 0};
	config_t c;
	const config_setting_t *root;

	settings_defaults(cfg);
	err[0] = '\0';
	if (!path)
		return 0;
	cfg->path = xstrdup(path);
	config_init(&c);
	if (!config_read_file(&c, path)) {
		if (config_error_type(&c) == CONFIG_ERR_FILE_IO)
			snprintf(err, errlen, _("%s: cannot read settings file: %s"), path, strerror(errno ? errno : EIO));
		else
			snprintf(err, errlen, "%s:%d: %s", config_error_file(&c) ? config_error_file(&c) : path,
				 config_error_line(&c), config_error_text(&c));
		config_destroy(&c);
		return -1;
	}
	root = config_root_setting(&c);
	for (int i = 0; i < config_setting_length(root) && !ld.failed; i++) {
		const config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
		const char *name = config_setting_name(s);
		size_t k;

		for (k = 0; k < SDESK_ARRAY_LEN(sections); k++)
			if (strcmp(sections[k].name, name) == 0)
				break;
		if (k == SDESK_ARRAY_LEN(sections)) {
			fail_at(&ld, s, _("unknown section '%s' (known: database, ui, board, reconnect, journal, mail)"), name);
			break;
		}
		read_section(&ld, cfg, s, sections[k].keys, sections[k].nkeys);
	}
	if (!ld.failed)
		check_conninfo(&ld, &c, cfg);
	if (!ld.failed && cfg->language && *cfg->language && strcmp(cfg->language, "de") != 0
	    && strcmp(cfg->language, "en") != 0)
		fail_at(&ld, config_lookup(&c, "ui.language"),
			_("'language' must be \"de\", \"en\" or \"\" (the locale's), not \"%s\""), cfg->language);
	if (!ld.failed && cfg->reconnect_max_ms < cfg->reconnect_min_ms)
		fail_at(&ld, config_lookup(&c, "reconnect.max_ms"), _("'max_ms' must not be below 'min_ms'"));
	config_destroy(&c);
	return ld.failed ? -1 : 0;
}

int settings_read(struct sdesk_config *cfg, const char *explicit_path, char *err, size_t errlen)
{
	char *path = settings_find(explicit_path, err, errlen);
	int rc;

	if (!path && err[0]) {
		settings_defaults(cfg);
		return -1;
	}
	/* Whoever may write the settings picks the database and the journal. */
	if (path && sd_path_private(path, N_("the settings file"), err, errlen) < 0) {
		settings_defaults(cfg);
		free(path);
		return -1;
	}
	rc = settings_load(cfg, path, err, errlen);
	free(path);
	return rc;
}
