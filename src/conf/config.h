/* sdesk.cfg: the settings of one sdesk user, validated once into a typed struct.
 *
 * Lookup order (first that exists wins): --config FILE, $SDESK_CONFIG,
 * $XDG_CONFIG_HOME/sdesk/sdesk.cfg (or ~/.config/sdesk/sdesk.cfg), then
 * SYSCONFDIR/sdesk/sdesk.cfg; built-in defaults when none exists. A file given
 * with --config or $SDESK_CONFIG must exist. Every error names file:line.
 * database.conninfo must not hold a password: not as a key (password=,
 * percent-encoded pass%77ord= too), not in a URI's user info
 * (postgresql://u:secret@h/db) or query (?password=), not in a dbname that is
 * itself a connection string. */
#ifndef SDESK_CONF_CONFIG_H
#define SDESK_CONF_CONFIG_H

#include <stddef.h>

#define SDESK_KEY_MAX 64   /* key bindings that may be overridden */

struct sdesk_keybinding {
	char action[32];   /* a request name of the UI's key table, e.g. "search" */
	char key[16];      /* a key name: "/", "j", "F5", "C-l", "Enter", ... */
};

struct sdesk_config {
	char *path;            /* file that was read, or NULL for built-in defaults */
	/* [database] */
	char *conninfo;        /* libpq conninfo or "service=NAME"; "" = libpq defaults (PG* env) */
	int connect_timeout;   /* seconds, 1..300 */
	/* [ui] */
	int color;             /* 1 = colour unless NO_COLOR is set; 0 = never */
	int ascii_only;        /* 1 = draw with ASCII only (no box/block characters) */
	int tick_seconds;      /* countdown refresh, 1..60 */
	int at_risk_minutes;   /* remaining business minutes below which a ticket is "at risk" */
	int budget_low_minutes; /* queue budget column: marked low below this many minutes */
	int budget_low_points;  /* ... or points */
	char *time_zone;       /* the zone every instant is shown in; NULL or "" = TZ (doc/console.md) */
	char *language;        /* "de", "en"; NULL or "" = the locale's (doc/i18n.md) */
	size_t nkeys;
	struct sdesk_keybinding keys[SDESK_KEY_MAX];
	/* [board] */
	int board_at_risk_minutes;
	int board_chart_days;  /* days in the compliance chart, 7..90 */
	/* [reconnect] */
	int reconnect_min_ms;  /* first back-off */
	int reconnect_max_ms;  /* back-off cap */
	/* [journal] */
	char *journal_path;    /* local journal of unsaved entries; NULL = default under XDG_STATE_HOME */
	/* [mail] (doc/mail.md) */
	char *mail_sendmail;   /* the sendmail program replies go through */
	char *mail_quarantine; /* unreadable mail kept here; NULL = default under XDG_STATE_HOME */
	int mail_max_message_kb;    /* larger messages are refused (EX_DATAERR) */
	int mail_max_attachment_kb; /* larger attachments keep name and size only */
};

/* Fills cfg with the built-in defaults. */
void settings_defaults(struct sdesk_config *cfg);

/* Finds the settings file by the lookup order above. explicit_path is --config
 * (may be NULL). Returns a malloc'ed path, or NULL when none exists (defaults);
 * on error (an explicit file that does not exist) returns NULL and sets err. */
char *settings_find(const char *explicit_path, char *err, size_t errlen);

/* Loads path (NULL = defaults only) into cfg. Returns 0, or -1 with
 * "FILE:LINE: message" in err. cfg must be freed with settings_free either way. */
int settings_load(struct sdesk_config *cfg, const char *path, char *err, size_t errlen);

/* settings_find, then the file must be the user's own (owned by the user or
 * root, not writable by group or others: base/fileperm.h), then
 * settings_load. Returns 0, or -1 with err set. */
int settings_read(struct sdesk_config *cfg, const char *explicit_path, char *err, size_t errlen);

void settings_free(struct sdesk_config *cfg);

#endif
