/* Escaping text that came from elsewhere (the database, a journal file) before
 * it reaches a terminal, a spreadsheet or a log (doc/security.md, "Nothing raw
 * reaches a terminal"). One function decides, for the CLI, the CSV writer, the
 * journal listing, error messages and the console's text_fit alike.
 *
 * Escaped, into a visible and unambiguous ASCII form, never dropped:
 *   C0 controls U+0000..U+001F  \n \r \t, else \xHH  (\x1b for ESC)
 *   DEL U+007F                  \x7f
 *   C1 controls U+0080..U+009F  \u0080 .. \u009f      (\u009b: the 8-bit CSI)
 *   bidi controls               \u061c \u200e \u200f \u202a..\u202e \u2066..\u2069
 *   invalid UTF-8, byte by byte \xHH (HH >= 80: a control is always below 80)
 *   the backslash itself        \\                    (unless SD_ESC_RAW_BACKSLASH)
 * Everything else (all printable Unicode) is copied as it is. The escaped form
 * is plain ASCII, so it is valid UTF-8 and inert on every terminal. */
#ifndef SDESK_BASE_ESCAPE_H
#define SDESK_BASE_ESCAPE_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

enum {
	SD_ESC_NEWLINE = 1,       /* keep '\n' as it is (multi-line text: notes, reports) */
	SD_ESC_TAB = 2,           /* keep '\t' as it is */
	SD_ESC_RAW_BACKSLASH = 4, /* keep '\' as it is (the console: typed text shows as typed) */
};

/* Longest escaped form of one character, with its NUL ("\u202e"). */
#define SD_ESC_MAX 8

/* 1 when code point cp must never reach a terminal raw: C0, DEL, C1, and the
 * bidirectional controls listed above. */
int sd_cp_is_control(uint32_t cp);

/* Looks at the character at s (a NUL-terminated string, *s != '\0'). Returns
 * the number of bytes it takes (>= 1; an invalid byte counts as one) and
 * writes into esc its escaped form, or "" when it may be copied as it is. */
size_t sd_escape_char(const char *s, unsigned flags, char esc[SD_ESC_MAX]);

/* Appends s (NULL: nothing) escaped to sb. */
void sd_escape_append(struct strbuf *sb, const char *s, unsigned flags);

/* s escaped, malloc'ed; the caller frees. s NULL gives "". */
char *sd_escape(const char *s, unsigned flags);

/* s escaped into buf (size len >= 1, always NUL-terminated), cut at a
 * character or escape boundary when it does not fit. Returns buf. */
char *sd_escape_buf(char *buf, size_t len, const char *s, unsigned flags);

/* 1 when s has nothing sd_escape would change. */
int sd_escape_clean(const char *s, unsigned flags);

/* Appends one CSV cell (RFC 4180, comma-separated) for s to sb: escaped as
 * above (a newline too: one record per line), then
 * - a text cell that starts with '=', '+', '-', '@', a tab or a carriage
 *   return gets a leading "'" (OWASP "CSV injection": a spreadsheet would
 *   run it as a formula);
 * - a numeric cell (numeric != 0) stays as it is when it is a plain decimal
 *   number ("-12.50", "42", or with a decimal comma "-12,50": only for a
 *   ';'-separated file), so negative amounts stay numbers; anything else
 *   in it is treated as text;
 * - the cell is quoted ("...", quotes doubled) when it holds ',', ';', '"',
 *   a leading or trailing blank, or was neutralised.
 * s NULL is an empty cell. */
void sd_csv_cell(struct strbuf *sb, const char *s, int numeric);

#endif
