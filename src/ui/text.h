/* Display-width text helpers for the UI: UTF-8 in, terminal columns out.
 * No curses here, so the functions are testable on their own. What
 * sd_escape_char (base/escape.h) escapes everywhere else is drawn escaped
 * here too: invalid UTF-8 bytes as \xff, control characters (C0, DEL) as
 * \x1b, \n, \r, C1 controls and bidirectional controls as \u009b, \u202e,
 * each escape one column per character of it; a tab is shown as one space, a
 * backslash as itself, a character the locale does not know counts one
 * column. Data can never move the cursor or reorder the line. */
#ifndef SDESK_UI_TEXT_H
#define SDESK_UI_TEXT_H

#include <stddef.h>

/* Columns the UTF-8 string s takes on a terminal as text_fit draws it
 * (wcwidth per character; an escape counts its length). */
int text_width(const char *s);

/* Writes into out (size outlen, always NUL-terminated) the UTF-8 string s
 * fitted to exactly `cols` columns: padded with spaces when shorter, cut on a
 * character boundary with "…" (or "~" when ascii is set) when longer. A double
 * width character that would straddle the edge is replaced by a space.
 * Returns the number of columns written (== cols unless outlen is too small). */
int text_fit(char *out, size_t outlen, const char *s, int cols, int ascii);

/* Like text_fit but right-aligned: spaces first, then the text. */
int text_fit_right(char *out, size_t outlen, const char *s, int cols, int ascii);

/* Case-insensitive substring search on UTF-8 text (ASCII and Latin letters
 * fold; everything else compares exactly). Returns 1 when needle occurs in
 * haystack; an empty needle always matches. */
int text_contains(const char *haystack, const char *needle);

#endif
