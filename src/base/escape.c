/* See base/escape.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/util.h"

int sd_cp_is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Decodes the well-formed UTF-8 character at s into *cp and returns its
 * length, or 0 when the byte at s does not start one (overlong forms,
 * surrogates, above U+10FFFF, a cut sequence: the NUL stops it). */
static size_t decode(const unsigned char *s, uint32_t *cp)
{
	size_t n;
	uint32_t c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f, min = 0x80;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f, min = 0x800;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

size_t sd_escape_char(const char *str, unsigned flags, char esc[SD_ESC_MAX])
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp;
	size_t n = decode(s, &cp);

	esc[0] = '\0';
	if (n == 0) {
		snprintf(esc, SD_ESC_MAX, "\\x%02x", s[0]);
		return 1;
	}
	if (cp == '\\') {
		if (!(flags & SD_ESC_RAW_BACKSLASH))
			snprintf(esc, SD_ESC_MAX, "\\\\");
	} else if (cp == '\n') {
		if (!(flags & SD_ESC_NEWLINE))
			snprintf(esc, SD_ESC_MAX, "\\n");
	} else if (cp == '\t') {
		if (!(flags & SD_ESC_TAB))
			snprintf(esc, SD_ESC_MAX, "\\t");
	} else if (cp == '\r') {
		snprintf(esc, SD_ESC_MAX, "\\r");
	} else if (cp < 0x80 && sd_cp_is_control(cp)) {
		snprintf(esc, SD_ESC_MAX, "\\x%02x", (unsigned)cp);
	} else if (sd_cp_is_control(cp)) {
		snprintf(esc, SD_ESC_MAX, "\\u%04x", (unsigned)(cp & 0xffff)); /* all below U+2070 */
	}
	return n;
}

void sd_escape_append(struct strbuf *sb, const char *s, unsigned flags)
{
	char esc[SD_ESC_MAX];

	if (!sb->buf)
		sb_append(sb, "");
	while (s && *s) {
		const char *run = s;

		/* Copy runs of plain bytes at once. */
		while (*s) {
			size_t n = sd_escape_char(s, flags, esc);
			if (esc[0])
				break;
			s += n;
		}
		if (s > run)
			sb_appendn(sb, run, (size_t)(s - run));
		if (*s) {
			s += sd_escape_char(s, flags, esc);
			sb_append(sb, esc);
		}
	}
}

char *sd_escape(const char *s, unsigned flags)
{
	struct strbuf sb = {0};

	sd_escape_append(&sb, s, flags);
	return sb.buf;
}

char *sd_escape_buf(char *buf, size_t len, const char *s, unsigned flags)
{
	size_t pos = 0;
	char esc[SD_ESC_MAX];

	buf[0] = '\0';
	while (s && *s) {
		size_t n = sd_escape_char(s, flags, esc);
		const char *part = esc[0] ? esc : s;
		size_t plen = esc[0] ? strlen(esc) : n;

		if (pos + plen + 1 > len)
			break;
		memcpy(buf + pos, part, plen);
		pos += plen;
		s += n;
	}
	buf[pos] = '\0';
	return buf;
}

int sd_escape_clean(const char *s, unsigned flags)
{
	char esc[SD_ESC_MAX];

	while (s && *s) {
		s += sd_escape_char(s, flags, esc);
		if (esc[0])
			return 0;
	}
	return 1;
}

/* "-12.50", "42": an optional minus, digits, an optional fraction. */
static int plain_number(const char *s)
{
	if (*s == '-')
		s++;
	if (!(*s >= '0' && *s <= '9'))
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.' || *s == ',') { /* a decimal comma too (German CSV, ';'-separated) */
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

void sd_csv_cell(struct strbuf *sb, const char *s, int numeric)
{
	char *e;
	int formula, quote;
	size_t n;

	if (!s)
		s = "";
	if (numeric && plain_number(s)) {
		sb_append(sb, s);
		return;
	}
	formula = s[0] && strchr("=+-@\t\r", s[0]) != NULL;
	e = sd_escape(s, 0);
	n = strlen(e);
	quote = formula || strpbrk(e, ",;\"") || (n && (e[0] == ' ' || e[n - 1] == ' '));
	if (quote)
		sb_append(sb, "\"");
	if (formula)
		sb_append(sb, "'");
	for (const char *p = e; *p; p++) {
		if (*p == '"')
			sb_append(sb, "\"");
		sb_appendn(sb, p, 1);
	}
	if (quote)
		sb_append(sb, "\"");
	free(e);
}
