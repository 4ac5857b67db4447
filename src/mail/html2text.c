/* HTML to plain text for mail bodies (mailparse.h). A small state machine,
 * not a browser: enough for the HTML that mail programs write. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "mail/mailparse.h"

static void put_utf8(struct strbuf *sb, unsigned long cp)
{
	char b[4];

	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		b[0] = (char)cp;
		sb_appendn(sb, b, 1);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		sb_appendn(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		sb_appendn(sb, b, 3);
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		sb_appendn(sb, b, 4);
	}
}

static const struct {
	const char *name;
	unsigned long cp;
} entities[] = {
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '},
	{"auml", 0xe4}, {"ouml", 0xf6}, {"uuml", 0xfc}, {"Auml", 0xc4}, {"Ouml", 0xd6}, {"Uuml", 0xdc},
	{"szlig", 0xdf}, {"euro", 0x20ac}, {"copy", 0xa9}, {"reg", 0xae}, {"ndash", 0x2013}, {"mdash", 0x2014},
	{"hellip", 0x2026}, {"laquo", 0xab}, {"raquo", 0xbb}, {"bdquo", 0x201e}, {"ldquo", 0x201c},
	{"rdquo", 0x201d}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"eacute", 0xe9}, {"egrave", 0xe8},
	{"agrave", 0xe0}, {"aacute", 0xe1}, {"middot", 0xb7}, {"bull", 0x2022}, {"deg", 0xb0},
};

/* Decodes the reference at s (after '&'); returns the bytes used, 0 if none. */
static size_t entity(const char *s, size_t n, struct strbuf *sb)
{
	size_t i = 0;

	if (n > 1 && s[0] == '#') {
		unsigned long cp = 0;
		int hex = n > 2 && (s[1] == 'x' || s[1] == 'X');
		size_t digits = 0;

		for (i = hex ? 2 : 1; i < n && i < 12; i++) {
			int c = (unsigned char)s[i];
			if (hex && isxdigit(c))
				cp = cp * 16 + (unsigned long)(isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10));
			else if (!hex && isdigit(c))
				cp = cp * 10 + (unsigned long)(c - '0');
			else
				break;
			digits++;
		}
		if (!digits)
			return 0;
		if (i < n && s[i] == ';')
			i++;
		put_utf8(sb, cp);
		return i;
	}
	for (size_t e = 0; e < SDESK_ARRAY_LEN(entities); e++) {
		size_t l = strlen(entities[e].name);
		if (l < n && strncmp(s, entities[e].name, l) == 0 && s[l] == ';') {
			put_utf8(sb, entities[e].cp);
			return l + 1;
		}
	}
	return 0;
}

static int tag_is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && strncasecmp(name, want, len) == 0;
}

/* The value of attribute attr in the tag text t[0..n), malloc'ed, or NULL. */
static char *attr_value(const char *t, size_t n, const char *attr)
{
	size_t al = strlen(attr);

	for (size_t i = 0; i + al < n; i++) {
		if (strncasecmp(t + i, attr, al) != 0 || (i > 0 && !isspace((unsigned char)t[i - 1])))
			continue;
		size_t j = i + al;
		while (j < n && isspace((unsigned char)t[j]))
			j++;
		if (j >= n || t[j] != '=')
			continue;
		j++;
		while (j < n && isspace((unsigned char)t[j]))
			j++;
		char q = (j < n && (t[j] == '"' || t[j] == '\'')) ? t[j++] : 0;
		size_t k = j;
		while (k < n && (q ? t[k] != q : !isspace((unsigned char)t[k]) && t[k] != '>'))
			k++;
		char *v = xmalloc(k - j + 1);
		memcpy(v, t + j, k - j);
		v[k - j] = '\0';
		return v;
	}
	return NULL;
}

static void newline(struct strbuf *sb, int want)
{
	int have = 0;

	while (sb->len > 0 && sb->buf[sb->len - 1] == ' ')
		sb->buf[--sb->len] = '\0';
	for (size_t i = sb->len; i > 0 && sb->buf[i - 1] == '\n' && have < want; i--)
		have++;
	if (sb->len == 0)
		return;
	while (have++ < want)
		sb_append(sb, "\n");
}

char *mail_html_to_text(const char *html, size_t len)
{
	struct strbuf sb = {0};
	const char *skip_until = NULL; /* inside <script>/<style>: the closing tag */
	char *href = NULL;
	int pre = 0;

	sb_append(&sb, "");
	for (size_t i = 0; i < len;) {
		char c = html[i];

		if (c == '<') {
			size_t j = i + 1, ns, ne;
			int closing = 0;

			if (len - i >= 4 && strncmp(html + i, "<!--", 4) == 0) {
				const char *end = NULL;
				for (size_t k = i + 4; k + 2 < len; k++)
					if (html[k] == '-' && html[k + 1] == '-' && html[k + 2] == '>') {
						end = html + k + 3;
						break;
					}
				i = end ? (size_t)(end - html) : len;
				continue;
			}
			while (j < len && html[j] != '>')
				j++;
			ns = i + 1;
			if (ns < j && html[ns] == '/') {
				closing = 1;
				ns++;
			}
			ne = ns;
			while (ne < j && (isalnum((unsigned char)html[ne])))
				ne++;
			if (skip_until) {
				if (closing && tag_is(html + ns, ne - ns, skip_until))
					skip_until = NULL;
				i = j < len ? j + 1 : len;
				continue;
			}
			const char *nm = html + ns;
			size_t nl = ne - ns;
			if (!closing && (tag_is(nm, nl, "script") || tag_is(nm, nl, "style") || tag_is(nm, nl, "head") ||
					 tag_is(nm, nl, "title")))
				skip_until = tag_is(nm, nl, "script") ? "script" : tag_is(nm, nl, "style") ? "style"
								 : tag_is(nm, nl, "head") ? "head" : "title";
			else if (tag_is(nm, nl, "br"))
				sb_append(&sb, "\n");
			else if (tag_is(nm, nl, "p") || tag_is(nm, nl, "div") || tag_is(nm, nl, "table") ||
				 tag_is(nm, nl, "blockquote") || tag_is(nm, nl, "h1") || tag_is(nm, nl, "h2") ||
				 tag_is(nm, nl, "h3") || tag_is(nm, nl, "h4") || tag_is(nm, nl, "ul") || tag_is(nm, nl, "ol"))
				newline(&sb, tag_is(nm, nl, "div") ? 1 : 2);
			else if (tag_is(nm, nl, "tr") || tag_is(nm, nl, "hr"))
				newline(&sb, 1);
			else if (tag_is(nm, nl, "td") || tag_is(nm, nl, "th")) {
				if (!closing && sb.len && sb.buf[sb.len - 1] != '\n')
					sb_append(&sb, "\t");
			} else if (tag_is(nm, nl, "li") && !closing) {
				newline(&sb, 1);
				sb_append(&sb, "- ");
			} else if (tag_is(nm, nl, "pre")) {
				pre = !closing;
				newline(&sb, 1);
			} else if (tag_is(nm, nl, "a")) {
				if (!closing) {
					free(href);
					href = attr_value(html + ne, j - ne, "href");
				} else if (href) {
					if (strncasecmp(href, "http", 4) == 0 || strncasecmp(href, "mailto:", 7) == 0) {
						sb_append(&sb, " <");
						sb_append(&sb, href);
						sb_append(&sb, ">");
					}
					free(href);
					href = NULL;
				}
			}
			i = j < len ? j + 1 : len;
			continue;
		}
		if (skip_until) {
			i++;
			continue;
		}
		if (c == '&') {
			size_t used = entity(html + i + 1, len - i - 1, &sb);
			if (used) {
				i += used + 1;
				continue;
			}
		}
		if (!pre && (c == '\n' || c == '\r' || c == '\t' || c == ' ')) {
			if (sb.len && sb.buf[sb.len - 1] != ' ' && sb.buf[sb.len - 1] != '\n')
				sb_append(&sb, " ");
			i++;
			continue;
		}
		sb_appendn(&sb, &c, 1);
		i++;
	}
	free(href);
	while (sb.len > 0 && (sb.buf[sb.len - 1] == '\n' || sb.buf[sb.len - 1] == ' '))
		sb.buf[--sb.len] = '\0';
	return sb.buf;
}
