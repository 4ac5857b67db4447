/* See base/utf8.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"

int sd_utf8_valid(const char *str, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned cp, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f, min = 0x80;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f, min = 0x800;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07, min = 0x10000;
		else
			goto fail;
		if (len - i <= n)
			goto fail;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				goto fail;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto fail;
		i += n + 1;
	}
	return 1;
fail:
	if (bad)
		*bad = i;
	return 0;
}

int sd_text_check(const char *field, const char *s, size_t max_bytes, int allow_newlines, char *err,
	size_t errlen)
{
	size_t len, bad;

	if (!s)
		return 0;
	len = strlen(s);
	if (max_bytes && len > max_bytes) {
		snprintf(err, errlen, _("%s: too long (%zu bytes, at most %zu)"), field, len, max_bytes);
		return -1;
	}
	if (!sd_utf8_valid(s, len, &bad)) {
		snprintf(err, errlen, _("%s: invalid UTF-8 at byte %zu"), field, bad + 1);
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int ctl = c < 0x20 || c == 0x7f;

		if (ctl && allow_newlines && (c == '\n' || c == '\t'))
			continue;
		/* C1 controls U+0080..U+009F are encoded as C2 80..C2 9F. */
		if (ctl || (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
			    (unsigned char)s[i + 1] <= 0x9f)) {
			snprintf(err, errlen, _("%s: control character at byte %zu"), field, i + 1);
			return -1;
		}
	}
	return 0;
}

const char *sd_translit(unsigned long cp)
{
	static const struct {
		unsigned long cp;
		const char *ascii;
	} map[] = {
		{0xa0, " "}, {0xa7, "S"}, {0xab, "<<"}, {0xb0, "o"}, {0xb5, "u"}, {0xb7, "."}, {0xbb, ">>"},
		{0xc4, "Ae"}, {0xd6, "Oe"}, {0xdc, "Ue"}, {0xdf, "ss"}, {0xe4, "ae"}, {0xf6, "oe"}, {0xfc, "ue"},
		{0xc6, "AE"}, {0xe6, "ae"}, {0xd7, "x"}, {0xd8, "O"}, {0xf8, "o"}, {0x152, "OE"}, {0x153, "oe"},
		{0x1e9e, "SS"}, {0x2010, "-"}, {0x2011, "-"}, {0x2013, "-"}, {0x2014, "-"}, {0x2018, "'"},
		{0x2019, "'"}, {0x201a, ","}, {0x201c, "\""}, {0x201d, "\""}, {0x201e, "\""}, {0x2022, "*"},
		{0x2026, "..."}, {0x20ac, "EUR"}, {0x2190, "<-"}, {0x2192, "->"}, {0x2191, "^"}, {0x2193, "v"},
		{0x2264, "<="}, {0x2265, ">="}, {0x2588, "#"}, {0x2500, "-"}, {0x2502, "|"}, {0x25b2, "^"},
		{0x25bc, "v"},
	};
	/* Latin-1 and Latin Extended-A letters with accents: the base letter. */
	static const char latin1[] = "AAAAAAACEEEEIIII" "DNOOOOO*OUUUUYTs" "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].cp == cp)
			return map[i].ascii;
	if (cp >= 0xc0 && cp <= 0xff) {
		static char one[64][2];
		size_t k = cp - 0xc0;

		one[k][0] = latin1[k];
		one[k][1] = '\0';
		return one[k];
	}
	if (cp >= 0x100 && cp <= 0x17f) {
		static const char ext[] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
		static char one[128][2];
		size_t k = cp - 0x100;

		one[k][0] = k < sizeof ext - 1 ? ext[k] : '?';
		one[k][1] = '\0';
		return one[k];
	}
	return "?";
}
