/* Line editing of the form's text fields and the search line (form.h):
 * no curses calls, no database, so the Check tests link it alone. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "ui/form.h"
#include "ui/keys.h"

void form_edit(char *s, size_t len, int key)
{
	size_t n = strlen(s);

	if (key == UI_KEY_FN(KEY_BACKSPACE)) {
		while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0)
			n--;
		s[n] = '\0';
		return;
	}
	if ((key & UI_KEY_FN_BIT) || key < ' ' || key == 127)
		return;
	unsigned u = (unsigned)key;
	char enc[4];
	size_t k;

	if (u < 0x80) {
		enc[0] = (char)u;
		k = 1;
	} else if (u < 0x800) {
		enc[0] = (char)(0xC0 | (u >> 6));
		enc[1] = (char)(0x80 | (u & 0x3F));
		k = 2;
	} else if (u < 0x10000) {
		enc[0] = (char)(0xE0 | (u >> 12));
		enc[1] = (char)(0x80 | ((u >> 6) & 0x3F));
		enc[2] = (char)(0x80 | (u & 0x3F));
		k = 3;
	} else {
		enc[0] = (char)(0xF0 | (u >> 18));
		enc[1] = (char)(0x80 | ((u >> 12) & 0x3F));
		enc[2] = (char)(0x80 | ((u >> 6) & 0x3F));
		enc[3] = (char)(0x80 | (u & 0x3F));
		k = 4;
	}
	if (n + k < len) {
		memcpy(s + n, enc, k);
		s[n + k] = '\0';
	}
}

static size_t char_before(const char *s, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80)
		pos--;
	return pos;
}

size_t form_char_after(const char *s, size_t pos)
{
	if (!s[pos])
		return pos;
	pos++;
	while (s[pos] && ((unsigned char)s[pos] & 0xC0) == 0x80)
		pos++;
	return pos;
}

/* Removes s[from..to). */
static void cut(char *s, size_t from, size_t to)
{
	memmove(s + from, s + to, strlen(s + to) + 1);
}

int form_edit_at(char *s, size_t len, size_t *pos, int key, int multi)
{
	size_t n = strlen(s), p = *pos > n ? n : *pos, b, e;

	b = p;
	while (b > 0 && s[b - 1] != '\n')
		b--;
	e = p;
	while (s[e] && s[e] != '\n')
		e++;
	switch (key) {
	case 1: /* C-a */
		*pos = b;
		return 1;
	case 5: /* C-e */
		*pos = e;
		return 1;
	case 21: /* C-u */
		cut(s, b, p);
		*pos = b;
		return 1;
	case 11: /* C-k */
		cut(s, p, e);
		*pos = p;
		return 1;
	case 23: { /* C-w: the spaces before the cursor, then the word */
		size_t w = p;

		while (w > b && (s[w - 1] == ' ' || s[w - 1] == '\t'))
			w--;
		while (w > b && s[w - 1] != ' ' && s[w - 1] != '\t')
			w--;
		cut(s, w, p);
		*pos = w;
		return 1;
	}
	default:
		break;
	}
	if (key == UI_KEY_FN(KEY_LEFT)) {
		*pos = char_before(s, p);
		return 1;
	}
	if (key == UI_KEY_FN(KEY_RIGHT)) {
		*pos = form_char_after(s, p);
		return 1;
	}
	if (key == UI_KEY_FN(KEY_HOME)) {
		*pos = b;
		return 1;
	}
	if (key == UI_KEY_FN(KEY_END)) {
		*pos = e;
		return 1;
	}
	if (key == UI_KEY_FN(KEY_BACKSPACE)) {
		size_t q = char_before(s, p);

		cut(s, q, p);
		*pos = q;
		return 1;
	}
	if (key == UI_KEY_FN(KEY_DC)) {
		cut(s, p, form_char_after(s, p));
		*pos = p;
		return 1;
	}
	if (key == '\n' && multi) {
		if (n + 1 < len) {
			memmove(s + p + 1, s + p, n - p + 1);
			s[p] = '\n';
			*pos = p + 1;
		}
		return 1;
	}
	if ((key & UI_KEY_FN_BIT) || key < ' ' || key == 127)
		return 0;
	{
		char enc[8] = "";
		size_t k;

		form_edit(enc, sizeof enc, key);
		k = strlen(enc);
		if (k && n + k < len) {
			memmove(s + p + k, s + p, n - p + 1);
			memcpy(s + p, enc, k);
			*pos = p + k;
		}
	}
	return 1;
}

