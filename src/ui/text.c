#include "config.h"

#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "base/escape.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "ui/text.h"

/* Decodes one UTF-8 character at s. Returns its byte length (>= 1) and sets
 * *wc, or returns 1 with *wc = -1 for an invalid byte. */
static size_t decode(const char *s, wchar_t *wc)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	wchar_t c;

	if (u[0] < 0x80) {
		*wc = u[0];
		return 1;
	} else if ((u[0] & 0xE0) == 0xC0) {
		len = 2;
		c = u[0] & 0x1F;
	} else if ((u[0] & 0xF0) == 0xE0) {
		len = 3;
		c = u[0] & 0x0F;
	} else if ((u[0] & 0xF8) == 0xF0) {
		len = 4;
		c = u[0] & 0x07;
	} else {
		*wc = -1;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*wc = -1;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000)
	    || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*wc = -1;
		return 1;
	}
	*wc = c;
	return len;
}

/* What is drawn for the character at s: the bytes to copy, their count and
 * columns. What sd_escape_char escapes (controls, bidi controls, invalid
 * bytes: base/escape.h) is drawn escaped, e.g. \x1b; a tab becomes a space; a
 * backslash stays itself (typed text shows as typed). Returns the bytes
 * consumed. esc is the caller's buffer for the escaped form. */
static size_t glyph(const char *s, const char **bytes, size_t *n, int *width, char esc[SD_ESC_MAX])
{
	size_t len = sd_escape_char(s, SD_ESC_TAB | SD_ESC_RAW_BACKSLASH, esc);
	wchar_t wc;
	int w;

	if (esc[0]) {
		*bytes = esc;
		*n = strlen(esc);
		*width = (int)*n;
		return len;
	}
	if (*s == '\t') {
		*bytes = " ";
		*n = 1;
		*width = 1;
		return len;
	}
	decode(s, &wc);
	if ((unsigned char)*s >= 0x80 && !sd_locale_utf8()) {
		/* No UTF-8 on this terminal: the ASCII spelling, so columns
		 * stay aligned and nothing is garbled (doc/i18n.md). */
		*bytes = sd_translit((unsigned long)wc);
		*n = strlen(*bytes);
		*width = (int)*n;
		return len;
	}
	w = wcwidth(wc);
	/* wcwidth < 0: a character this locale does not know (all of
	 * non-ASCII before setlocale): one column is the best guess. */
	*bytes = s;
	*n = len;
	*width = w < 0 ? 1 : w;
	return len;
}

int text_width(const char *s)
{
	int cols = 0;

	while (*s) {
		const char *b;
		size_t n;
		int w;
		char esc[SD_ESC_MAX];

		s += glyph(s, &b, &n, &w, esc);
		cols += w;
	}
	return cols;
}

/* Appends n bytes to out at *pos if they fit (keeping room for the NUL). */
static int put(char *out, size_t outlen, size_t *pos, const char *s, size_t n)
{
	if (*pos + n + 1 > outlen)
		return 0;
	memcpy(out + *pos, s, n);
	*pos += n;
	out[*pos] = '\0';
	return 1;
}

int text_fit(char *out, size_t outlen, const char *s, int cols, int ascii)
{
	const char *ell = ascii ? "~" : "\xE2\x80\xA6";
	int width = text_width(s);
	int limit = width > cols ? cols - 1 : cols; /* room for the ellipsis */
	int used = 0;
	size_t pos = 0;

	if (outlen == 0)
		return 0;
	out[0] = '\0';
	if (cols <= 0)
		return 0;
	while (*s) {
		const char *b;
		size_t n;
		int w;
		char esc[SD_ESC_MAX];
		size_t len = glyph(s, &b, &n, &w, esc);

		if (used + w > limit)
			break;
		if (!put(out, outlen, &pos, b, n))
			return used;
		used += w;
		s += len;
	}
	if (width > cols) {
		while (used < cols - 1 && put(out, outlen, &pos, " ", 1))
			used++;
		if (put(out, outlen, &pos, ell, strlen(ell)))
			used++;
	}
	while (used < cols && put(out, outlen, &pos, " ", 1))
		used++;
	return used;
}

int text_fit_right(char *out, size_t outlen, const char *s, int cols, int ascii)
{
	int width = text_width(s);
	size_t pos = 0;
	int used = 0;

	if (outlen == 0)
		return 0;
	out[0] = '\0';
	while (used < cols - width && put(out, outlen, &pos, " ", 1))
		used++;
	return used + text_fit(out + pos, outlen - pos, s, cols - used, ascii);
}

static wchar_t fold(wchar_t wc)
{
	return wc < 0 ? wc : (wchar_t)towlower((wint_t)wc);
}

int text_contains(const char *haystack, const char *needle)
{
	if (!*needle)
		return 1;
	for (const char *h = haystack; *h;) {
		const char *a = h, *b = needle;
		wchar_t wa, wb;
		size_t step = decode(h, &wa);

		while (*a && *b) {
			size_t na = decode(a, &wa), nb = decode(b, &wb);

			if (fold(wa) != fold(wb))
				break;
			a += na;
			b += nb;
		}
		if (!*b)
			return 1;
		h += step;
	}
	return 0;
}
