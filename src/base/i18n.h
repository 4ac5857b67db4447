/* Messages in the user's language (doc/i18n.md): GNU gettext, domain "sdesk".
 *
 *   _("text")          a message, translated where it is used
 *   N_("text")         marks a message in a table; translate it with _() when shown
 *   ngettext(s, p, n)  plural forms ("%d ticket" / "%d tickets")
 *
 * The catalogues are po/LANG.po; `make update-po` refreshes them from the
 * sources (po/POTFILES.in lists the files), and tests/i18n/catalogue.sh fails
 * when a message in the sources has no German text. */
#ifndef SDESK_BASE_I18N_H
#define SDESK_BASE_I18N_H

#include "config.h"

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#define gettext(s) (s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

/* Sets the locale from the environment (LC_ALL, LC_*, LANG), binds the
 * catalogue and applies a language chosen in sdesk.cfg (ui.language: "de",
 * "en"; NULL or "" = the environment's LANGUAGE/LC_MESSAGES/LANG). Called
 * once at the start of main and again when the settings are known. */
void sd_i18n_init(const char *language);

/* The language messages are shown in: "de" or "en" (the default). Numbers,
 * money and dates follow it (sd_fmt_*). */
const char *sd_lang(void);
int sd_lang_de(void);

/* 1 when the terminal's character set (LC_CTYPE) is UTF-8; 0: sdesk writes
 * ASCII only, transliterated (sd_translit). */
int sd_locale_utf8(void);

/* The name of the LC_CTYPE locale sdesk found ("C", "de_DE.ISO-8859-1"). */
const char *sd_locale_name(void);

#endif
