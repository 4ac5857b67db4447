/* Formats for people on the screens (base/fmt.h, doc/i18n.md "Durations on
 * the screens"): compact spans in English and German, how long ago, dates,
 * money, and the local instants a form accepts in both forms. German needs
 * the build's catalogue (the language is the catalogue's, sd_i18n_init). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "base/i18n.h"

static const struct {
	long long minutes;
	int day;
	const char *en, *de;
} spans[] = {
	{0, 0, "0m", "0m"},
	{-30, 600, "-30m", "-30m"},
	{125, 0, "2h 5m", "2h 5m"},
	{120, 600, "2h", "2h"},
	{8405, 600, "14d", "14T"},    /* the board used to say 140h 5m */
	{8405, 0, "140h 5m", "140h 5m"},
	{1440 + 240, 600, "2d 8h", "2T 8h"},
	{-(1200 + 60), 600, "-2d 1h", "-2T 1h"},
};

START_TEST(test_span)
{
	char buf[48], de[48];

	sd_fmt_span(spans[_i].minutes, spans[_i].day, buf, sizeof buf);
	ck_assert_str_eq(buf, spans[_i].en);
	sd_i18n_init("de");
	ck_assert_str_eq(sd_lang(), "de");
	sd_fmt_span(spans[_i].minutes, spans[_i].day, de, sizeof de);
	sd_i18n_init("en");
	ck_assert_str_eq(de, spans[_i].de);
}
END_TEST

START_TEST(test_ago_dates_money)
{
	char buf[64];

	ck_assert_str_eq(sd_fmt_ago("30m", buf, sizeof buf), "30m ago");
	ck_assert_str_eq(sd_fmt_datetime(2026, 11, 30, 17 * 60 + 55, buf, sizeof buf), "2026-11-30 17:55");
	ck_assert_str_eq(sd_fmt_money(123456, buf, sizeof buf), "EUR 1234.56");
	sd_i18n_init("de");
	ck_assert_str_eq(sd_fmt_ago("30m", buf, sizeof buf), "vor 30m");
	ck_assert_str_eq(sd_fmt_datetime(2026, 11, 30, 17 * 60 + 55, buf, sizeof buf), "30.11.2026 17:55");
	ck_assert_str_eq(sd_fmt_cents(123456, buf, sizeof buf), "1.234,56");
	sd_i18n_init("en");
}
END_TEST

START_TEST(test_parse_datetime)
{
	int y = 0, m = 0, d = 0, h = 0, mi = 0;

	ck_assert_int_eq(sd_parse_datetime("2026-11-30 17:55", &y, &m, &d, &h, &mi), 0);
	ck_assert(y == 2026 && m == 11 && d == 30 && h == 17 && mi == 55);
	y = m = d = h = mi = 0;
	ck_assert_int_eq(sd_parse_datetime(" 30.11.2026 17:55 ", &y, &m, &d, &h, &mi), 0);
	ck_assert(y == 2026 && m == 11 && d == 30 && h == 17 && mi == 55);
	ck_assert_int_eq(sd_parse_datetime("30.11.2026", &y, &m, &d, &h, &mi), -1);
	ck_assert_int_eq(sd_parse_datetime("2026-11-30 17:55 x", &y, &m, &d, &h, &mi), -1);
	ck_assert_int_eq(sd_parse_datetime("4h", &y, &m, &d, &h, &mi), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fmt");
	TCase *tc = tcase_create("screens");
	SRunner *sr;
	int failed;

	sd_i18n_init(NULL);
	tcase_add_loop_test(tc, test_span, 0, (int)(sizeof spans / sizeof spans[0]));
	tcase_add_test(tc, test_ago_dates_money);
	tcase_add_test(tc, test_parse_datetime);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
