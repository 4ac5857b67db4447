/* Locale and message catalogue set-up (base/i18n.h, doc/i18n.md). */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"

static char lang[8] = "en";
static char ctype_name[64] = "C";
static int utf8 = -1; /* -1: not set up yet */

/* The installed catalogues, else the build tree's (a build that was not
 * installed: the demo, make check, distcheck). */
static const char *catalogue_dir(void)
{
#ifdef SDESK_BUILDDIR
	if (access(LOCALEDIR "/de/LC_MESSAGES/" PACKAGE ".mo", R_OK) != 0
	    && access(SDESK_BUILDDIR "/locale/de/LC_MESSAGES/" PACKAGE ".mo", R_OK) == 0)
		return SDESK_BUILDDIR "/locale";
#endif
	return LOCALEDIR;
}

/* "Language: de" in the header of the catalogue in use (gettext("")). */
static void find_language(void)
{
	const char *h = gettext("");
	const char *l = h ? strstr(h, "Language: ") : NULL;

	snprintf(lang, sizeof lang, "en");
	if (l && strncmp(l + 10, "de", 2) == 0)
		snprintf(lang, sizeof lang, "de");
}

void sd_i18n_init(const char *language)
{
	static int bound;
	const char *c;

	if (!bound) {
		/* Characters and messages follow the locale; numbers and dates
		 * stay "C" for printf/strtod (machine formats, SQL parameters):
		 * sdesk formats them for people itself (sd_fmt_*). */
		setlocale(LC_CTYPE, "");
		setlocale(LC_MESSAGES, "");
		setlocale(LC_COLLATE, "");
#if ENABLE_NLS
		bindtextdomain(PACKAGE, catalogue_dir());
		bind_textdomain_codeset(PACKAGE, "UTF-8");
		textdomain(PACKAGE);
#endif
		c = setlocale(LC_CTYPE, NULL);
		snprintf(ctype_name, sizeof ctype_name, "%s", c ? c : "C");
		c = nl_langinfo(CODESET);
		utf8 = c && (strcmp(c, "UTF-8") == 0 || strcmp(c, "utf8") == 0);
		bound = 1;
	}
#if ENABLE_NLS
	if (language && *language) {
		const char *m = setlocale(LC_MESSAGES, NULL);

		/* gettext ignores LANGUAGE under the "C" locale. */
		setenv("LANGUAGE", language, 1);
		if (strcmp(language, "en") != 0 && m && (strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0))
			setlocale(LC_MESSAGES, "C.UTF-8");
		textdomain(PACKAGE); /* forget the catalogue looked up before */
	}
#else
	(void)language;
#endif
	find_language();
}

const char *sd_lang(void)
{
	return lang;
}

int sd_lang_de(void)
{
	return strcmp(lang, "de") == 0;
}

int sd_locale_utf8(void)
{
	/* Not set up by sd_i18n_init (a unit test of the text functions):
	 * UTF-8, as before there was a choice. */
	return utf8 != 0;
}

const char *sd_locale_name(void)
{
	return ctype_name;
}
