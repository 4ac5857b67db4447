/* sd_escape (src/base/escape.h): every class of character that must not reach
 * a terminal raw, table-driven; what must stay as it is; the buffer and
 * append forms; and a property over random bytes (the output is ASCII-inert
 * valid UTF-8 and nothing is dropped: every input byte is accounted for). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/utf8.h"
#include "base/util.h"

static const struct {
	const char *class;
	const char *in;
	unsigned flags;
	const char *want;
} cases[] = {
	/* C0 controls */
	{"NUL-free C0 SOH", "a\x01z", 0, "a\\x01z"},
	{"BEL", "\x07", 0, "\\x07"},
	{"BS", "back\x08space", 0, "back\\x08space"},
	{"ESC (CSI clear screen)", "\x1b[2J", 0, "\\x1b[2J"},
	{"ESC (OSC 52 clipboard)", "\x1b]52;c;ZXZpbA==\x07", 0, "\\x1b]52;c;ZXZpbA==\\x07"},
	{"US", "\x1f", 0, "\\x1f"},
	{"CR", "paid\rUNPAID", 0, "paid\\rUNPAID"},
	{"LF", "two\nlines", 0, "two\\nlines"},
	{"LF kept in multi-line text", "two\nlines", SD_ESC_NEWLINE, "two\nlines"},
	{"CR escaped in multi-line text", "two\r\nlines", SD_ESC_NEWLINE, "two\\r\nlines"},
	{"TAB", "a\tb", 0, "a\\tb"},
	{"TAB kept", "a\tb", SD_ESC_TAB, "a\tb"},
	/* DEL */
	{"DEL", "del\x7f", 0, "del\\x7f"},
	/* C1 controls U+0080..U+009F */
	{"C1 U+0080", "\xc2\x80", 0, "\\u0080"},
	{"C1 NEL U+0085", "a\xc2\x85" "b", 0, "a\\u0085b"},
	{"C1 CSI U+009B", "csi\xc2\x9b" "2J", 0, "csi\\u009b2J"},
	{"C1 APC U+009F", "\xc2\x9f", 0, "\\u009f"},
	{"U+00A0 is no control", "\xc2\xa0", 0, "\xc2\xa0"},
	/* bidi controls */
	{"ALM U+061C", "\xd8\x9c", 0, "\\u061c"},
	{"LRM U+200E", "\xe2\x80\x8e", 0, "\\u200e"},
	{"RLM U+200F", "\xe2\x80\x8f", 0, "\\u200f"},
	{"LRE U+202A", "\xe2\x80\xaa", 0, "\\u202a"},
	{"RLO U+202E", "invoice\xe2\x80\xae" "fdp.exe", 0, "invoice\\u202efdp.exe"},
	{"PDF U+202C", "\xe2\x80\xac", 0, "\\u202c"},
	{"LRI U+2066", "\xe2\x81\xa6", 0, "\\u2066"},
	{"PDI U+2069", "\xe2\x81\xa9", 0, "\\u2069"},
	{"U+2065 is no control", "\xe2\x81\xa5", 0, "\xe2\x81\xa5"},
	{"U+202F is no control", "\xe2\x80\xaf", 0, "\xe2\x80\xaf"},
	/* invalid UTF-8, byte by byte */
	{"invalid byte", "M\xfcller", 0, "M\\xfcller"},
	{"lone continuation", "\x80", 0, "\\x80"},
	{"overlong NUL", "\xc0\x80", 0, "\\xc0\\x80"},
	{"overlong slash", "\xe0\x80\xaf", 0, "\\xe0\\x80\\xaf"},
	{"surrogate", "\xed\xa0\x80", 0, "\\xed\\xa0\\x80"},
	{"above U+10FFFF", "\xf4\x90\x80\x80", 0, "\\xf4\\x90\\x80\\x80"},
	{"cut sequence", "cut\xe2\x82", 0, "cut\\xe2\\x82"},
	{"bad lead FF FE", "\xff\xfe", 0, "\\xff\\xfe"},
	/* the backslash, so that an escape cannot be faked */
	{"backslash", "C:\\x1b", 0, "C:\\\\x1b"},
	{"backslash raw (console)", "C:\\x1b", SD_ESC_RAW_BACKSLASH, "C:\\x1b"},
	/* what stays */
	{"plain ASCII", "Invoice 2025-03 = 12.50 EUR (ok)", 0, "Invoice 2025-03 = 12.50 EUR (ok)"},
	{"umlauts", "M\xc3\xbcller-L\xc3\xbc" "denscheidt", 0, "M\xc3\xbcller-L\xc3\xbc" "denscheidt"},
	{"CJK and emoji", "\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x93\x9e", 0, "\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x93\x9e"},
	{"Arabic letters stay", "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", 0, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85"},
	{"empty", "", 0, ""},
};

START_TEST(test_escape_table)
{
	for (size_t i = 0; i < SDESK_ARRAY_LEN(cases); i++) {
		char *got = sd_escape(cases[i].in, cases[i].flags);
		char buf[256];

		ck_assert_msg(strcmp(got, cases[i].want) == 0, "%s: [%s], want [%s]", cases[i].class, got,
			      cases[i].want);
		ck_assert_str_eq(sd_escape_buf(buf, sizeof buf, cases[i].in, cases[i].flags), cases[i].want);
		ck_assert_int_eq(sd_escape_clean(cases[i].in, cases[i].flags), strcmp(cases[i].in, cases[i].want) == 0);
		free(got);
	}
}
END_TEST

START_TEST(test_escape_classifier)
{
	static const uint32_t ctl[] = {0, 0x1b, 0x1f, 0x7f, 0x80, 0x9b, 0x9f, 0x61c, 0x200e, 0x200f, 0x202a, 0x202e,
				       0x2066, 0x2069};
	static const uint32_t ok[] = {0x20, 0x7e, 0xa0, 0xfc, 0x61b, 0x200d, 0x2010, 0x2029, 0x202f, 0x2065, 0x206a,
				      0x1f4de};

	for (size_t i = 0; i < SDESK_ARRAY_LEN(ctl); i++)
		ck_assert_msg(sd_cp_is_control(ctl[i]), "U+%04X must be escaped", ctl[i]);
	for (size_t i = 0; i < SDESK_ARRAY_LEN(ok); i++)
		ck_assert_msg(!sd_cp_is_control(ok[i]), "U+%04X must stay", ok[i]);
}
END_TEST

/* The buffer form cuts at an escape boundary, never inside "\x1b". */
START_TEST(test_escape_buf_cut)
{
	char buf[8];

	ck_assert_str_eq(sd_escape_buf(buf, sizeof buf, "ab\x1b[2J", 0), "ab\\x1b[");
	ck_assert_str_eq(sd_escape_buf(buf, 6, "ab\x1b[2J", 0), "ab");
	ck_assert_str_eq(sd_escape_buf(buf, 4, "\xc3\xbc\xc3\xbc", 0), "\xc3\xbc");
	ck_assert_str_eq(sd_escape_buf(buf, 1, "x", 0), "");
	ck_assert_str_eq(sd_escape_buf(buf, sizeof buf, NULL, 0), "");
	char *e = sd_escape(NULL, 0);
	ck_assert_str_eq(e, "");
	free(e);

	struct strbuf sb = {0};
	sb_append(&sb, "subject: ");
	sd_escape_append(&sb, "x\x1b" "y", 0);
	ck_assert_str_eq(sb.buf, "subject: x\\x1by");
	sb_free(&sb);
}
END_TEST

/* CSV cells: formulas neutralised with a leading ', numbers stay numbers,
 * quoting per RFC 4180 (and for ';', which German spreadsheets split on). */
static const struct {
	const char *in;
	int numeric;
	const char *want;
} csv[] = {
	{"plain text", 0, "plain text"},
	{"=cmd|' /C calc'!A0", 0, "\"'=cmd|' /C calc'!A0\""},
	{"+1+1", 0, "\"'+1+1\""},
	{"-1+1", 0, "\"'-1+1\""},
	{"@SUM(A1:A9)", 0, "\"'@SUM(A1:A9)\""},
	{"\t=1", 0, "\"'\\t=1\""},
	{"\r=1", 0, "\"'\\r=1\""},
	{"a=1", 0, "a=1"},                        /* only the first character counts */
	{"-2.50", 1, "-2.50"},                    /* a credit note stays a number */
	{"42", 1, "42"},
	{"0.00", 1, "0.00"},
	{"-2.50", 0, "\"'-2.50\""},               /* in a text column it is text */
	{"=1", 1, "\"'=1\""},                     /* a number column holding no number: text */
	{"-", 1, "\"'-\""},
	{"2.", 1, "2."},
	{"a,b", 0, "\"a,b\""},
	{"a;b", 0, "\"a;b\""},
	{"say \"hi\"", 0, "\"say \"\"hi\"\"\""},
	{" lead", 0, "\" lead\""},
	{"trail ", 0, "\"trail \""},
	{"two\nlines", 0, "two\\nlines"},          /* one record per line */
	{"esc\x1b[2J\xe2\x80\xae", 0, "esc\\x1b[2J\\u202e"},
	{"", 0, ""},
	{NULL, 0, ""},
};

START_TEST(test_csv_cell)
{
	for (size_t i = 0; i < SDESK_ARRAY_LEN(csv); i++) {
		struct strbuf sb = {0};

		sb_append(&sb, "");
		sd_csv_cell(&sb, csv[i].in, csv[i].numeric);
		ck_assert_msg(strcmp(sb.buf, csv[i].want) == 0, "csv case %zu: [%s], want [%s]", i, sb.buf, csv[i].want);
		sb_free(&sb);
	}
}
END_TEST

/* Random bytes: the output is valid UTF-8 with no control or bidi control,
 * and decoding the escapes gives the input back (nothing dropped). */
static size_t unescape(const char *s, char *out)
{
	size_t n = 0;

	while (*s) {
		if (s[0] == '\\' && s[1] == '\\') {
			out[n++] = '\\';
			s += 2;
		} else if (s[0] == '\\' && (s[1] == 'n' || s[1] == 't' || s[1] == 'r')) {
			out[n++] = s[1] == 'n' ? '\n' : s[1] == 't' ? '\t' : '\r';
			s += 2;
		} else if (s[0] == '\\' && s[1] == 'x') {
			out[n++] = (char)strtoul((char[]){s[2], s[3], 0}, NULL, 16);
			s += 4;
		} else if (s[0] == '\\' && s[1] == 'u') {
			unsigned cp = (unsigned)strtoul((char[]){s[2], s[3], s[4], s[5], 0}, NULL, 16);
			if (cp < 0x800) {
				out[n++] = (char)(0xc0 | cp >> 6);
				out[n++] = (char)(0x80 | (cp & 0x3f));
			} else {
				out[n++] = (char)(0xe0 | cp >> 12);
				out[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
				out[n++] = (char)(0x80 | (cp & 0x3f));
			}
			s += 6;
		} else {
			out[n++] = *s++;
		}
	}
	out[n] = '\0';
	return n;
}

START_TEST(test_escape_random)
{
	unsigned x = 4242;
	char in[200], back[sizeof in + 1];

	for (int round = 0; round < 20000; round++) {
		size_t len = 1 + round % (sizeof in - 1);

		for (size_t i = 0; i < len; i++) {
			x = x * 1103515245u + 12345u;
			in[i] = (char)((x >> 16) % 255 + 1); /* no NUL */
		}
		in[len] = '\0';
		if (round % 3 == 0) /* mix in the 3-byte bidi controls and C1 */
			memcpy(in + len / 2, round % 2 ? "\xe2\x80\xae" : "\xc2\x9b", len / 2 >= 3 && len - len / 2 >= 3 ? 3 : 0);
		char *e = sd_escape(in, 0);
		const unsigned char *u = (const unsigned char *)e;

		int bad = !sd_utf8_valid(e, strlen(e), NULL);

		/* Plain conditions in the loop: each ck_assert costs a write to Check's pipe. */
		for (size_t i = 0; u[i] && !bad; i++)
			bad = u[i] < 0x20 || u[i] == 0x7f || (u[i] == 0xc2 && u[i + 1] <= 0x9f) ||
			      (u[i] == 0xe2 && u[i + 1] == 0x80 &&
			       (u[i + 2] == 0x8e || u[i + 2] == 0x8f || (u[i + 2] >= 0xaa && u[i + 2] <= 0xae))) ||
			      (u[i] == 0xe2 && u[i + 1] == 0x81 && u[i + 2] >= 0xa6 && u[i + 2] <= 0xa9) ||
			      (u[i] == 0xd8 && u[i + 1] == 0x9c);
		if (bad)
			ck_abort_msg("round %d: a control, bidi control or invalid byte is left in [%s]", round, e);
		if (unescape(e, back) != strlen(in) || memcmp(back, in, strlen(in)) != 0)
			ck_abort_msg("round %d: the escapes do not decode to the input", round);
		free(e);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("escape");
	TCase *tc = tcase_create("escape");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_escape_table);
	tcase_add_test(tc, test_escape_classifier);
	tcase_add_test(tc, test_escape_buf_cut);
	tcase_add_test(tc, test_escape_random);
	tcase_add_test(tc, test_csv_cell);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
