/* See base/utf8.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

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
		snprintf(err, errlen, "%s: too long (%zu bytes, at most %zu)", field, len, max_bytes);
		return -1;
	}
	if (!sd_utf8_valid(s, len, &bad)) {
		snprintf(err, errlen, "%s: invalid UTF-8 at byte %zu", field, bad + 1);
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
			snprintf(err, errlen, "%s: control character at byte %zu", field, i + 1);
			return -1;
		}
	}
	return 0;
}
