/* Display width, fitting, search folding and the key table, without a terminal.
 * Expected widths are counted by hand: ü and ö are one column, 日本 two each. */
#include "config.h"

#include <check.h>
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ui/form.h"
#include "ui/keys.h"
#include "ui/text.h"
#include "ui/ui.h"

static const struct {
	const char *s;
	int width;
} widths[] = {
	{"", 0},
	{"abc", 3},
	{"Müller-Lüdenscheidt GmbH", 24},
	{"Größe", 5},
	{"日本", 4},
	{"a\xff" "b", 6},              /* an invalid byte is drawn as \xff: four columns */
	{"a\x1b" "b", 6},              /* so is ESC: \x1b */
	{"e\xCC\x81", 1},              /* e + combining acute accent */
};

START_TEST(test_width)
{
	for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
		ck_assert_msg(text_width(widths[i].s) == widths[i].width, "width of case %zu: %d, want %d", i,
			      text_width(widths[i].s), widths[i].width);
}
END_TEST

static const struct {
	const char *s;
	int cols;
	int ascii;
	const char *want;
} fits[] = {
	{"abc", 5, 0, "abc  "},
	{"abc", 3, 0, "abc"},
	{"abcd", 3, 0, "ab\xE2\x80\xA6"},
	{"abcd", 3, 1, "ab~"},
	{"Müller-Lüdenscheidt GmbH", 13, 0, "Müller-Lüden…"},
	{"Müller-Lüdenscheidt GmbH", 26, 0, "Müller-Lüdenscheidt GmbH  "},
	{"Müller-Lüdenscheidt GmbH", 8, 0, "Müller-…"},
	{"Müller", 2, 0, "M…"},
	{"ü", 1, 0, "ü"},
	{"日本語", 4, 0, "日 …"},  /* 本 would straddle the ellipsis: a space instead */
	{"日本語", 6, 0, "日本語"},
	{"x", 0, 0, ""},
};

START_TEST(test_fit)
{
	char buf[128];

	for (size_t i = 0; i < sizeof fits / sizeof fits[0]; i++) {
		int n = text_fit(buf, sizeof buf, fits[i].s, fits[i].cols, fits[i].ascii);

		ck_assert_msg(strcmp(buf, fits[i].want) == 0, "fit case %zu: [%s], want [%s]", i, buf,
			      fits[i].want);
		ck_assert_int_eq(n, fits[i].cols);
		ck_assert_int_eq(text_width(buf), fits[i].cols);
	}
	text_fit_right(buf, sizeof buf, "5m", 6, 0);
	ck_assert_str_eq(buf, "    5m");
	text_fit_right(buf, sizeof buf, "Lüdenscheid", 5, 0);
	ck_assert_str_eq(buf, "Lüde…");
	/* A buffer too small never overflows and stays terminated. */
	ck_assert_int_lt(text_fit(buf, 4, "Müller", 6, 0), 6);
	ck_assert_int_le((int)strlen(buf), 3);
}
END_TEST

START_TEST(test_contains)
{
	ck_assert(text_contains("Müller-Lüdenscheidt GmbH", "lüden"));
	ck_assert(text_contains("Müller-Lüdenscheidt GmbH", "MÜLLER"));
	ck_assert(text_contains("SD-10002", "sd-1000"));
	ck_assert(text_contains("anything", ""));
	ck_assert(!text_contains("Müller", "mueller"));
	ck_assert(!text_contains("", "a"));
}
END_TEST

static const struct {
	const char *name;
	int key;
} keynames[] = {
	{"j", 'j'}, {"/", '/'}, {"?", '?'}, {"Enter", '\n'}, {"Esc", 27}, {"Space", ' '},
	{"C-l", 12}, {"C-B", 2}, {"Tab", '\t'},
};

START_TEST(test_key_names)
{
	char buf[32];

	for (size_t i = 0; i < sizeof keynames / sizeof keynames[0]; i++) {
		ck_assert_int_eq(keys_parse(keynames[i].name), keynames[i].key);
	}
	ck_assert_int_eq(keys_parse("nonsense"), -1);
	ck_assert_int_eq(keys_parse("F13"), -1);
	ck_assert_int_eq(keys_parse(""), -1);
	ck_assert(keys_parse("F5") & UI_KEY_FN_BIT);
	ck_assert_str_eq(keys_name(keys_parse("F5"), buf, sizeof buf), "F5");
	ck_assert_str_eq(keys_name(keys_parse("PgDn"), buf, sizeof buf), "PgDn");
	ck_assert_str_eq(keys_name(12, buf, sizeof buf), "C-l");
	ck_assert_str_eq(keys_name('k', buf, sizeof buf), "k");
}
END_TEST

START_TEST(test_key_table)
{
	char err[256];

	keys_reset();
	/* Defaults, per screen: q quits on the queue but goes back on a ticket. */
	ck_assert_int_eq(keys_lookup(UI_SCR_QUEUE, 'j'), REQ_DOWN);
	ck_assert_int_eq(keys_lookup(UI_SCR_QUEUE, keys_parse("Down")), REQ_DOWN);
	ck_assert_int_eq(keys_lookup(UI_SCR_QUEUE, 'q'), REQ_QUIT);
	ck_assert_int_eq(keys_lookup(UI_SCR_TICKET, 'q'), REQ_BACK);
	ck_assert_int_eq(keys_lookup(UI_SCR_QUEUE, 27), REQ_CLEAR);
	ck_assert_int_eq(keys_lookup(UI_SCR_TICKET, 27), REQ_BACK);
	ck_assert_int_eq(keys_lookup(UI_SCR_QUEUE, '/'), REQ_SEARCH);
	ck_assert_int_eq(keys_lookup(UI_SCR_TICKET, '/'), REQ_NONE);
	ck_assert_int_eq(keys_lookup(UI_SCR_QUEUE, '?'), REQ_HELP);
	ck_assert_str_eq(keys_of(REQ_UP), "Up, k");
	/* Issue 12: g asks for a ticket number where there are tickets, n/N are
	 * the search's, + a new ticket; g is home elsewhere. */
	ck_assert_int_eq(keys_lookup(UI_SCR_QUEUE, 'g'), REQ_GOTO);
	ck_assert_int_eq(keys_lookup(UI_SCR_TICKET, ':'), REQ_GOTO);
	ck_assert_int_eq(keys_lookup(UI_SCR_HELP, 'g'), REQ_HOME);
	ck_assert_int_eq(keys_lookup(UI_SCR_QUEUE, 'n'), REQ_NEXT_MATCH);
	ck_assert_int_eq(keys_lookup(UI_SCR_TICKET, 'N'), REQ_PREV_MATCH);
	ck_assert_int_eq(keys_lookup(UI_SCR_QUEUE, '+'), REQ_NEW);
	ck_assert_int_eq(keys_lookup(UI_SCR_TICKET, 'c'), REQ_NOTE);
	ck_assert_int_eq(keys_lookup(UI_SCR_TICKET, 'C'), REQ_CLOSE);

	/* An override replaces the defaults; a second one adds a key. */
	ck_assert_int_eq(keys_bind("search", "s", err, sizeof err), 0);
	ck_assert_int_eq(keys_bind("search", "F3", err, sizeof err), 0);
	ck_assert_int_eq(keys_lookup(UI_SCR_QUEUE, 's'), REQ_SEARCH);
	ck_assert_int_eq(keys_lookup(UI_SCR_QUEUE, '/'), REQ_NONE);
	ck_assert_str_eq(keys_of(REQ_SEARCH), "s, F3");

	ck_assert_int_eq(keys_bind("fly", "x", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "unknown key action 'fly'") != NULL, "%s", err);
	ck_assert_int_eq(keys_bind("down", "Ctrl-x", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "unknown key name 'Ctrl-x'") != NULL, "%s", err);

	ck_assert_int_eq(keys_request_by_name("page-down"), REQ_PAGE_DOWN);
	ck_assert_int_eq(keys_request_by_name("nope"), REQ_NONE);
	keys_reset();
	ck_assert_int_eq(keys_lookup(UI_SCR_QUEUE, '/'), REQ_SEARCH);
}
END_TEST

/* The shell's line-editing keys in a form's text (issue 12). */
START_TEST(test_line_editing)
{
	char s[64] = "Kunde ruft an";
	size_t pos = strlen(s);

	ck_assert(form_edit_at(s, sizeof s, &pos, 23, 0)); /* C-w: the word before */
	ck_assert_str_eq(s, "Kunde ruft ");
	ck_assert(form_edit_at(s, sizeof s, &pos, 1, 0)); /* C-a */
	ck_assert_uint_eq(pos, 0);
	form_edit_at(s, sizeof s, &pos, 0xDC, 0);           /* Ü at the start */
	ck_assert_str_eq(s, "\xc3\x9cKunde ruft ");
	ck_assert_uint_eq(pos, 2);
	form_edit_at(s, sizeof s, &pos, 11, 0);             /* C-k: to the end */
	ck_assert_str_eq(s, "\xc3\x9c");
	form_edit_at(s, sizeof s, &pos, UI_KEY_FN(KEY_LEFT), 0);
	ck_assert_uint_eq(pos, 0);                          /* one character, two bytes */
	form_edit_at(s, sizeof s, &pos, 5, 0);              /* C-e */
	ck_assert_uint_eq(pos, 2);
	form_edit_at(s, sizeof s, &pos, 21, 0);             /* C-u: to the start */
	ck_assert_str_eq(s, "");
	/* Several lines: Enter breaks the line, C-a/C-u/C-k act on the line only. */
	strcpy(s, "eins");
	pos = 4;
	ck_assert(form_edit_at(s, sizeof s, &pos, '\n', 1));
	form_edit_at(s, sizeof s, &pos, 'z', 1);
	form_edit_at(s, sizeof s, &pos, 'w', 1);
	ck_assert_str_eq(s, "eins\nzw");
	form_edit_at(s, sizeof s, &pos, 1, 1);
	ck_assert_uint_eq(pos, 5);
	form_edit_at(s, sizeof s, &pos, 11, 1);
	ck_assert_str_eq(s, "eins\n");
	ck_assert(!form_edit_at(s, sizeof s, &pos, '\n', 0)); /* one line: Enter is no edit */
	ck_assert_str_eq(s, "eins\n");
}
END_TEST

/* The navigation every list shares (ui_list_nav). */
START_TEST(test_list_nav)
{
	size_t pos = 0;

	/* A list with a cursor: 10 entries, 4 rows (a page moves 3). */
	ck_assert_int_eq(ui_list_nav(REQ_DOWN, &pos, 10, 4, 1), 1);
	ck_assert_uint_eq(pos, 1);
	ui_list_nav(REQ_PAGE_DOWN, &pos, 10, 4, 1);
	ck_assert_uint_eq(pos, 4);
	ui_list_nav(REQ_END, &pos, 10, 4, 1);
	ck_assert_uint_eq(pos, 9);
	ui_list_nav(REQ_DOWN, &pos, 10, 4, 1);
	ck_assert_uint_eq(pos, 9);
	ui_list_nav(REQ_PAGE_UP, &pos, 10, 4, 1);
	ck_assert_uint_eq(pos, 6);
	ui_list_nav(REQ_HOME, &pos, 10, 4, 1);
	ck_assert_uint_eq(pos, 0);
	ui_list_nav(REQ_UP, &pos, 10, 4, 1);
	ck_assert_uint_eq(pos, 0);
	/* A pager: the first line shown, at most n - rows. */
	ui_list_nav(REQ_END, &pos, 10, 4, 0);
	ck_assert_uint_eq(pos, 6);
	ui_list_nav(REQ_PAGE_DOWN, &pos, 10, 4, 0);
	ck_assert_uint_eq(pos, 6);
	pos = 0;
	ui_list_nav(REQ_DOWN, &pos, 3, 4, 0); /* all shown: nothing to scroll */
	ck_assert_uint_eq(pos, 0);
	ui_list_nav(REQ_DOWN, &pos, 0, 4, 1); /* empty */
	ck_assert_uint_eq(pos, 0);
	/* Not a navigation request: the screen's own. */
	ck_assert_int_eq(ui_list_nav(REQ_OPEN, &pos, 10, 4, 1), 0);
}
END_TEST

/* Long messages wrap at spaces; a word longer than the row is cut. */
START_TEST(test_wrap)
{
	char bar[256];

	ck_assert_int_eq(ui_wrap_rows("", 20), 1);
	ck_assert_int_eq(ui_wrap_rows("short", 20), 1);
	ck_assert_int_eq(ui_wrap_rows("twenty chars exactly", 20), 1);
	ck_assert_int_eq(ui_wrap_rows("twenty chars exactly!", 20), 2);
	ck_assert_int_eq(ui_wrap_rows("Müller-Lüdenscheidt Müller-Lüdenscheidt", 20), 2);
	ck_assert_int_eq(ui_wrap_rows("abcdefghijklmnopqrstuvwxyz", 10), 3);
	/* The key bar comes from the key table: rebinding shows. */
	keys_reset();
	ui_keybar(UI_SCR_BOARD, bar, sizeof bar, 80);
	ck_assert_str_eq(bar, "? help  Tab list  Down scroll  C-l reload  q quit");
	ui_keybar(UI_SCR_BOARD, bar, sizeof bar, 20);
	ck_assert_str_eq(bar, "? help  Tab list");
	ck_assert_int_eq(keys_bind("help", "F1", bar, sizeof bar), 0);
	ui_keybar(UI_SCR_BOARD, bar, sizeof bar, 80);
	ck_assert_str_eq(bar, "F1 help  Tab list  Down scroll  C-l reload  q quit");
	keys_reset();
	ui_unhandled_text('Z', bar, sizeof bar);
	ck_assert_str_eq(bar, "key Z does nothing here (press ? for help)");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ui-text");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 99;
	tcase_add_test(tc, test_width);
	tcase_add_test(tc, test_fit);
	tcase_add_test(tc, test_contains);
	tcase_add_test(tc, test_key_names);
	tcase_add_test(tc, test_key_table);
	tcase_add_test(tc, test_line_editing);
	tcase_add_test(tc, test_list_nav);
	tcase_add_test(tc, test_wrap);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
