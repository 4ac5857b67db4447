/* UTF-8 validation of texts before they leave the client (doc/security.md,
 * "Hostile input"). The database is UTF-8 and refuses invalid bytes too; the
 * client checks first so the message can name the field. */
#ifndef SDESK_BASE_UTF8_H
#define SDESK_BASE_UTF8_H

#include <stddef.h>

/* Returns 1 when s[0..len) is well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF), else 0 and, when bad is not NULL, the
 * offset of the first bad byte in *bad. */
int sd_utf8_valid(const char *s, size_t len, size_t *bad);

/* Checks one named field of user text: valid UTF-8, at most max_bytes long
 * (0: no limit), and no control characters other than tab and newline when
 * allow_newlines, none at all otherwise. Returns 0, or -1 with a message
 * naming the field and the byte offset in err ("--name: invalid UTF-8 at
 * byte 4"). s may be NULL (accepted). */
int sd_text_check(const char *field, const char *s, size_t max_bytes, int allow_newlines, char *err,
	size_t errlen);

/* The ASCII spelling of code point cp for a terminal without UTF-8
 * (doc/i18n.md): German umlauts as "ae", "oe", "ue", "ss", the euro sign as
 * "EUR", accented Latin letters without their accent, typographic quotes,
 * dashes, ellipsis and arrows as their ASCII look-alikes; "?" for anything
 * else. cp >= 0x80. */
const char *sd_translit(unsigned long cp);

#endif
