/* Calendar engine: Easter, holidays of every state, zones, business-time
 * arithmetic on the shipped calendars, working days, inverse property.
 * Expected values are computed by hand (see the comments) or taken from
 * published tables, never from the code under test. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libconfig.h>

#include "base/util.h"
#include "conf/calendars.h"
#include "engine/calendar.h"
#include "engine/timefmt.h"

static struct cal_set *shipped;

static void load_shipped(void)
{
	char err[1024];
	const char *path = getenv("SDESK_PLANS");

	if (!path)
		path = SDESK_SRCDIR "/conf/plans.cfg";
	shipped = conf_read_calendar_file(path, err, sizeof(err));
	if (!shipped) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
}

static sd_time T(const char *s)
{
	sd_time t;
	const char *why;

	if (sd_parse_instant(s, strlen(s), &t, &why)) {
		fprintf(stderr, "bad test instant %s: %s\n", s, why);
		abort();
	}
	return t;
}

static const struct calendar *C(const char *name)
{
	const struct calendar *c = cal_set_calendar(shipped, name);
	if (!c) {
		fprintf(stderr, "no calendar %s\n", name);
		abort();
	}
	return c;
}

static const char *fmt(const struct calendar *c, sd_time t, char *buf)
{
	sd_format_instant(t, cal_zone_offset(cal_zone(c), t), buf);
	return buf;
}

/* ---- Easter 1900..2100 ---------------------------------------------------- */

/* Easter Sunday (Gregorian), YYYYMMDD, 1900..2100: the published table as
 * tabulated by python-dateutil's easter.easter (EASTER_WESTERN), cross-checked
 * by hand against known dates: 1913-03-23, 1943-04-25, 2000-04-23,
 * 2008-03-23, 2011-04-24, 2019-04-21, 2038-04-25. */
static const int easter_table[] = {
	19000415, 19010407, 19020330, 19030412, 19040403, 19050423, 19060415, 19070331,
	19080419, 19090411, 19100327, 19110416, 19120407, 19130323, 19140412, 19150404,
	19160423, 19170408, 19180331, 19190420, 19200404, 19210327, 19220416, 19230401,
	19240420, 19250412, 19260404, 19270417, 19280408, 19290331, 19300420, 19310405,
	19320327, 19330416, 19340401, 19350421, 19360412, 19370328, 19380417, 19390409,
	19400324, 19410413, 19420405, 19430425, 19440409, 19450401, 19460421, 19470406,
	19480328, 19490417, 19500409, 19510325, 19520413, 19530405, 19540418, 19550410,
	19560401, 19570421, 19580406, 19590329, 19600417, 19610402, 19620422, 19630414,
	19640329, 19650418, 19660410, 19670326, 19680414, 19690406, 19700329, 19710411,
	19720402, 19730422, 19740414, 19750330, 19760418, 19770410, 19780326, 19790415,
	19800406, 19810419, 19820411, 19830403, 19840422, 19850407, 19860330, 19870419,
	19880403, 19890326, 19900415, 19910331, 19920419, 19930411, 19940403, 19950416,
	19960407, 19970330, 19980412, 19990404, 20000423, 20010415, 20020331, 20030420,
	20040411, 20050327, 20060416, 20070408, 20080323, 20090412, 20100404, 20110424,
	20120408, 20130331, 20140420, 20150405, 20160327, 20170416, 20180401, 20190421,
	20200412, 20210404, 20220417, 20230409, 20240331, 20250420, 20260405, 20270328,
	20280416, 20290401, 20300421, 20310413, 20320328, 20330417, 20340409, 20350325,
	20360413, 20370405, 20380425, 20390410, 20400401, 20410421, 20420406, 20430329,
	20440417, 20450409, 20460325, 20470414, 20480405, 20490418, 20500410, 20510402,
	20520421, 20530406, 20540329, 20550418, 20560402, 20570422, 20580414, 20590330,
	20600418, 20610410, 20620326, 20630415, 20640406, 20650329, 20660411, 20670403,
	20680422, 20690414, 20700330, 20710419, 20720410, 20730326, 20740415, 20750407,
	20760419, 20770411, 20780403, 20790423, 20800407, 20810330, 20820419, 20830404,
	20840326, 20850415, 20860331, 20870420, 20880411, 20890403, 20900416, 20910408,
	20920330, 20930412, 20940404, 20950424, 20960415, 20970331, 20980420, 20990412,
	21000328,
};

START_TEST(test_easter_table)
{
	for (size_t i = 0; i < SDESK_ARRAY_LEN(easter_table); i++) {
		int y = 1900 + (int)i, v = easter_table[i];
		struct civil_date e = civil_easter(y);
		ck_assert_int_eq(y, v / 10000);
		ck_assert_msg(e.year == y && e.month == v / 100 % 100 && e.day == v % 100,
			      "Easter %d: got %d-%02d-%02d, want %d", y, e.year, e.month, e.day, v);
	}
	ck_assert_int_eq(SDESK_ARRAY_LEN(easter_table), 201);
}
END_TEST

START_TEST(test_civil)
{
	/* 1970-01-01 Thursday; 2000-02-29 Tuesday; 2026-03-02 Monday; 2199-12-31 Tuesday */
	ck_assert_int_eq(civil_to_days(1970, 1, 1), 0);
	ck_assert_int_eq(civil_weekday(0), 3);
	ck_assert_int_eq(civil_to_days(2000, 3, 1) - civil_to_days(2000, 2, 28), 2);
	ck_assert_int_eq(civil_weekday(civil_to_days(2000, 2, 29)), 1);
	ck_assert_int_eq(civil_weekday(civil_to_days(2026, 3, 2)), 0);
	ck_assert_int_eq(civil_weekday(civil_to_days(2199, 12, 31)), 1);
	ck_assert_int_eq(civil_to_days(2026, 3, 2), 20514); /* 1772409600 / 86400 */
	for (int64_t d = -800; d < 100000; d += 37) {
		struct civil_date c = days_to_civil(d);
		ck_assert_int_eq(civil_to_days(c.year, c.month, c.day), d);
	}
}
END_TEST

/* ---- holidays ------------------------------------------------------------ */

/* Number of holidays per set and year, counted by hand from the state laws
 * (de: 9 from 1995, 10 in 2017 with Reformationstag; see doc/sla.md). */
static const struct {
	const char *set;
	int year, count;
} holiday_counts[] = {
	{"de", 1990, 11}, {"de", 1994, 10}, {"de", 1995, 9}, {"de", 2016, 9}, {"de", 2017, 10},
	{"de", 2018, 9}, {"de", 2026, 9}, {"de", 2100, 9},
	{"de-bw", 2016, 12}, {"de-bw", 2017, 13}, {"de-bw", 2018, 12}, {"de-bw", 2026, 12},
	{"de-by", 2017, 13}, {"de-by", 2026, 12}, {"de-by-kath", 2026, 13}, {"de-by-augsburg", 2026, 14},
	{"de-by-kath", 2017, 14},
	{"de-be", 2017, 10}, {"de-be", 2018, 9}, {"de-be", 2019, 10}, {"de-be", 2020, 11},
	{"de-be", 2021, 10}, {"de-be", 2023, 10}, {"de-be", 2025, 11}, {"de-be", 2026, 10},
	{"de-bb", 2016, 12}, {"de-bb", 2017, 12}, {"de-bb", 2018, 12}, {"de-bb", 2026, 12},
	{"de-hb", 2016, 9}, {"de-hb", 2017, 10}, {"de-hb", 2018, 10}, {"de-hb", 2026, 10},
	{"de-hh", 2016, 9}, {"de-hh", 2017, 10}, {"de-hh", 2018, 10}, {"de-hh", 2026, 10},
	{"de-he", 2016, 12}, {"de-he", 2017, 13}, {"de-he", 2026, 12},
	{"de-mv", 2016, 10}, {"de-mv", 2017, 10}, {"de-mv", 2022, 10}, {"de-mv", 2023, 11}, {"de-mv", 2026, 11},
	{"de-ni", 2016, 9}, {"de-ni", 2017, 10}, {"de-ni", 2018, 10}, {"de-ni", 2026, 10},
	{"de-nw", 2016, 11}, {"de-nw", 2017, 12}, {"de-nw", 2026, 11},
	{"de-rp", 2016, 11}, {"de-rp", 2017, 12}, {"de-rp", 2026, 11},
	{"de-sl", 2016, 12}, {"de-sl", 2017, 13}, {"de-sl", 2026, 12},
	{"de-sn", 1995, 11}, {"de-sn", 2016, 11}, {"de-sn", 2017, 11}, {"de-sn", 2026, 11},
	{"de-sn-fronleichnam", 2026, 12},
	{"de-st", 2016, 11}, {"de-st", 2017, 11}, {"de-st", 2026, 11},
	{"de-sh", 2016, 9}, {"de-sh", 2017, 10}, {"de-sh", 2018, 10}, {"de-sh", 2026, 10},
	{"de-th", 2017, 10}, {"de-th", 2018, 10}, {"de-th", 2019, 11}, {"de-th", 2026, 11},
	{"de-th-fronleichnam", 2026, 12},
	{"at", 1995, 13}, {"at", 2017, 13}, {"at", 2026, 13}, {"at", 2100, 13},
};

START_TEST(test_holiday_counts)
{
	for (size_t i = 0; i < SDESK_ARRAY_LEN(holiday_counts); i++) {
		const struct cal_holiday_set *hs = cal_set_holidays(shipped, holiday_counts[i].set);
		struct cal_holiday out[64];
		ck_assert_msg(hs != NULL, "holiday set %s missing", holiday_counts[i].set);
		size_t n = cal_holidays_in_year(hs, holiday_counts[i].year, out, 64);
		ck_assert_msg((int)n == holiday_counts[i].count, "%s %d: %zu holidays, want %d", holiday_counts[i].set,
			      holiday_counts[i].year, n, holiday_counts[i].count);
		for (size_t j = 1; j < n; j++)
			ck_assert(out[j - 1].day <= out[j].day);
	}
}
END_TEST

/* Single days: the name, or NULL for "no holiday". Dates by hand:
 * Easter 2026 = 5 April; Buß- und Bettag = Wednesday before 23 November. */
static const struct {
	const char *set, *date, *name;
} holiday_days[] = {
	{"de", "2026-01-01", "Neujahr"},
	{"de", "2026-04-03", "Karfreitag"},
	{"de", "2026-04-05", NULL},
	{"de", "2026-04-06", "Ostermontag"},
	{"de", "2026-05-01", "Tag der Arbeit"},
	{"de", "2026-05-14", "Christi Himmelfahrt"},
	{"de", "2026-05-25", "Pfingstmontag"},
	{"de", "2026-06-04", NULL},
	{"de", "2026-10-03", "Tag der Deutschen Einheit"},
	{"de", "2026-12-24", NULL},
	{"de", "2026-12-25", "1. Weihnachtstag"},
	{"de", "2026-12-26", "2. Weihnachtstag"},
	{"de", "2017-10-31", "Reformationstag"},
	{"de", "2016-10-31", NULL},
	{"de", "2018-10-31", NULL},
	{"de", "1994-11-16", "Buß- und Bettag"},
	{"de", "1995-11-22", NULL},
	{"de", "1989-06-17", "Tag der deutschen Einheit"},
	{"de", "1991-06-17", NULL},
	{"de", "2100-03-26", "Karfreitag"},
	{"de", "2100-03-29", "Ostermontag"},
	{"de-bw", "2026-01-06", "Heilige Drei Könige"},
	{"de-bw", "2026-06-04", "Fronleichnam"},
	{"de-bw", "2026-11-01", "Allerheiligen"},
	{"de-bw", "2017-10-31", "Reformationstag"},
	{"de-bw", "2018-10-31", NULL},
	{"de-by", "2026-08-15", NULL},
	{"de-by-kath", "2026-08-15", "Mariä Himmelfahrt"},
	{"de-by-augsburg", "2026-08-08", "Augsburger Hohes Friedensfest"},
	{"de-by-augsburg", "2026-08-15", "Mariä Himmelfahrt"},
	{"de-be", "2018-03-08", NULL},
	{"de-be", "2019-03-08", "Internationaler Frauentag"},
	{"de-be", "2020-05-08", "Tag der Befreiung"},
	{"de-be", "2021-05-08", NULL},
	{"de-be", "2025-05-08", "Tag der Befreiung"},
	{"de-be", "2026-05-08", NULL},
	{"de-bb", "2026-04-05", "Ostersonntag"},
	{"de-bb", "2026-05-24", "Pfingstsonntag"},
	{"de-bb", "2016-10-31", "Reformationstag"},
	{"de-hb", "2016-10-31", NULL},
	{"de-hb", "2018-10-31", "Reformationstag"},
	{"de-hh", "2019-10-31", "Reformationstag"},
	{"de-ni", "2018-10-31", "Reformationstag"},
	{"de-sh", "2018-10-31", "Reformationstag"},
	{"de-sh", "2016-10-31", NULL},
	{"de-he", "2026-06-04", "Fronleichnam"},
	{"de-mv", "2022-03-08", NULL},
	{"de-mv", "2023-03-08", "Internationaler Frauentag"},
	{"de-mv", "2010-10-31", "Reformationstag"},
	{"de-nw", "2026-06-04", "Fronleichnam"},
	{"de-nw", "2026-11-01", "Allerheiligen"},
	{"de-nw", "2026-01-06", NULL},
	{"de-rp", "2026-11-01", "Allerheiligen"},
	{"de-sl", "2026-08-15", "Mariä Himmelfahrt"},
	{"de-sn", "2026-11-18", "Buß- und Bettag"},
	{"de-sn", "2025-11-19", "Buß- und Bettag"},
	{"de-sn", "2022-11-16", "Buß- und Bettag"},
	{"de-sn", "2023-11-22", "Buß- und Bettag"},
	{"de-sn", "2026-06-04", NULL},
	{"de-sn-fronleichnam", "2026-06-04", "Fronleichnam"},
	{"de-st", "2026-01-06", "Heilige Drei Könige"},
	{"de-st", "2026-10-31", "Reformationstag"},
	{"de-th", "2018-09-20", NULL},
	{"de-th", "2019-09-20", "Weltkindertag"},
	{"de-th", "2026-06-04", NULL},
	{"de-th-fronleichnam", "2026-06-04", "Fronleichnam"},
	{"at", "2026-01-06", "Heilige Drei Könige"},
	{"at", "2026-04-03", NULL},
	{"at", "2026-04-06", "Ostermontag"},
	{"at", "2026-05-01", "Staatsfeiertag"},
	{"at", "2026-06-04", "Fronleichnam"},
	{"at", "2026-08-15", "Mariä Himmelfahrt"},
	{"at", "2026-10-26", "Nationalfeiertag"},
	{"at", "2026-12-08", "Mariä Empfängnis"},
	{"at", "2026-12-25", "Christtag"},
	{"at", "2026-12-26", "Stefanitag"},
	{"at", "2026-10-03", NULL},
};

START_TEST(test_holiday_days)
{
	for (size_t i = 0; i < SDESK_ARRAY_LEN(holiday_days); i++) {
		const struct cal_holiday_set *hs = cal_set_holidays(shipped, holiday_days[i].set);
		int y, m, d;
		ck_assert(hs != NULL);
		ck_assert(sscanf(holiday_days[i].date, "%d-%d-%d", &y, &m, &d) == 3);
		const char *got = cal_holidays_on(hs, civil_to_days(y, m, d));
		const char *want = holiday_days[i].name;
		ck_assert_msg((got == NULL) == (want == NULL) && (!got || strcmp(got, want) == 0), "%s %s: got %s, want %s",
			      holiday_days[i].set, holiday_days[i].date, got ? got : "(none)", want ? want : "(none)");
	}
}
END_TEST

/* 2008: Christi Himmelfahrt falls on 1 May: both are listed. */
START_TEST(test_holiday_same_day)
{
	struct cal_holiday out[32];
	size_t n = cal_holidays_in_year(cal_set_holidays(shipped, "de"), 2008, out, 32);
	int64_t may1 = civil_to_days(2008, 5, 1);
	int on = 0;

	ck_assert_int_eq(n, 9);
	for (size_t i = 0; i < n; i++)
		on += out[i].day == may1;
	ck_assert_int_eq(on, 2);
}
END_TEST

START_TEST(test_closed_days_listed)
{
	struct cal_holiday out[32];
	size_t n = cal_closed_in_year(C("ilias"), 2026, out, 32);

	ck_assert_int_eq(n, 11);
	/* 9 nationwide holidays; 24 Dec sorts after 3 Oct (index 6) */
	ck_assert_int_eq(out[7].day, civil_to_days(2026, 12, 24));
	ck_assert_str_eq(out[7].name, "Heiligabend");
	ck_assert_int_eq(out[10].day, civil_to_days(2026, 12, 31));
	ck_assert_str_eq(out[10].name, "Silvester");
	/* Both languages: name_en of the rules, "name|English name" of closed days. */
	ck_assert_str_eq(out[7].name_en, "Christmas Eve");
	ck_assert_str_eq(out[10].name_en, "New Year's Eve");
	ck_assert_str_eq(out[0].name, "Neujahr");
	ck_assert_str_eq(out[0].name_en, "New Year's Day");
}
END_TEST

/* ---- zones ---------------------------------------------------------------- */

/* The zone tables against the C library's own reading of the tz database. */
START_TEST(test_zone_vs_libc)
{
	static const char *const zones[] = {"Europe/Berlin", "Europe/Vienna", "America/New_York",
					    "Australia/Sydney", "Asia/Kolkata", "UTC"};
	char err[512];
	uint64_t seed = 12345;

	for (size_t zi = 0; zi < SDESK_ARRAY_LEN(zones); zi++) {
		struct cal_zone *z = conf_load_zone(zones[zi], err, sizeof(err));
		ck_assert_msg(z != NULL, "%s", err);
		setenv("TZ", zones[zi], 1);
		tzset();
		for (int i = 0; i < 20000; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			sd_time t = (sd_time)((seed >> 11) % (uint64_t)(civil_to_days(2200, 1, 1) * 86400));
			time_t tt = (time_t)t;
			struct tm tm;
			localtime_r(&tt, &tm);
			ck_assert_msg(cal_zone_offset(z, t) == tm.tm_gmtoff, "%s at %lld: %d vs libc %ld", zones[zi],
				      (long long)t, cal_zone_offset(z, t), (long)tm.tm_gmtoff);
		}
		cal_zone_free(z);
	}
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
}
END_TEST

START_TEST(test_zone_dst)
{
	const struct cal_zone *z = cal_zone(C("convento"));
	const struct cal_zone *v = cal_zone(C("invitario"));
	int64_t d;
	int m;

	/* EU rules: last Sunday of March / October at 01:00 UTC. */
	ck_assert_int_eq(cal_zone_offset(z, T("2026-03-29T00:59:59Z")), 3600);
	ck_assert_int_eq(cal_zone_offset(z, T("2026-03-29T01:00:00Z")), 7200);
	ck_assert_int_eq(cal_zone_offset(z, T("2026-10-25T00:59:59Z")), 7200);
	ck_assert_int_eq(cal_zone_offset(z, T("2026-10-25T01:00:00Z")), 3600);
	ck_assert_int_eq(cal_zone_offset(v, T("2025-03-30T01:00:00Z")), 7200);
	ck_assert_int_eq(cal_zone_offset(v, T("2025-10-26T01:00:00Z")), 3600);
	/* Past the table in the file: 2150, last Sundays 29 March and 25 October. */
	ck_assert_int_eq(cal_zone_offset(z, T("2150-03-29T00:59:00Z")), 3600);
	ck_assert_int_eq(cal_zone_offset(z, T("2150-03-29T01:00:00Z")), 7200);
	ck_assert_int_eq(cal_zone_offset(z, T("2150-10-25T01:00:00Z")), 3600);
	/* Wall time to UTC: gap 02:30 -> 03:30 CEST; overlap 02:30 -> first (CEST). */
	ck_assert_int_eq(cal_zone_local_to_utc(z, civil_to_days(2026, 3, 29), 150), T("2026-03-29T03:30:00+02:00"));
	ck_assert_int_eq(cal_zone_local_to_utc(z, civil_to_days(2026, 10, 25), 150), T("2026-10-25T02:30:00+02:00"));
	ck_assert_int_eq(cal_zone_local_to_utc(z, civil_to_days(2026, 10, 25), 180), T("2026-10-25T03:00:00+01:00"));
	ck_assert_int_eq(cal_zone_local_to_utc(z, civil_to_days(2026, 7, 1), 540), T("2026-07-01T07:00:00Z"));
	cal_zone_utc_to_local(z, T("2026-12-31T23:30:00Z"), &d, &m);
	ck_assert_int_eq(d, civil_to_days(2027, 1, 1));
	ck_assert_int_eq(m, 30);
}
END_TEST

/* ---- arithmetic on the shipped calendars ----------------------------------- */

/* cal, start, duration, expected: worked by hand from the weekly hours.
 * 2026-03-02 is a Monday; DST starts 29 March and ends 25 October 2026. */
static const struct {
	const char *cal, *start, *dur, *want;
} add_cases[] = {
	/* invitario: Mon-Thu 09-17, Fri 09-15, Austria */
	{"invitario", "2026-03-05T16:00:00+01:00", "4h", "2026-03-06T12:00:00+01:00"},  /* Thu 1h + Fri 3h */
	{"invitario", "2026-03-06T14:00:00+01:00", "2h", "2026-03-09T10:00:00+01:00"},  /* Fri closes 15:00 */
	{"invitario", "2026-03-06T15:00:00+01:00", "0m", "2026-03-09T09:00:00+01:00"},  /* after hours, 0 */
	{"invitario", "2026-04-02T16:00:00+02:00", "4h", "2026-04-03T12:00:00+02:00"},  /* Good Friday works in AT */
	{"invitario", "2026-04-03T14:00:00+02:00", "2h", "2026-04-07T10:00:00+02:00"},  /* Ostermontag */
	{"invitario", "2026-12-08T10:00:00+01:00", "1h", "2026-12-09T10:00:00+01:00"},  /* on a holiday */
	{"invitario", "2026-03-27T14:00:00+01:00", "2h", "2026-03-30T10:00:00+02:00"},  /* DST weekend */
	{"invitario", "2026-03-05T16:00:00+01:00", "1d", "2026-03-06T15:00:00+01:00"},  /* clamped to Fri close */
	/* invitario-days: whole working days */
	{"invitario-days", "2026-03-06T10:00:00+01:00", "48h", "2026-03-10T10:00:00+01:00"},
	{"invitario-days", "2026-12-24T12:00:00+01:00", "24h", "2026-12-28T12:00:00+01:00"},
	{"invitario-days", "2026-03-07T10:00:00+01:00", "24h", "2026-03-10T00:00:00+01:00"},  /* Sat start */
	/* convento: 08-18, NRW */
	{"convento", "2026-03-27T17:00:00+01:00", "2h", "2026-03-30T09:00:00+02:00"},
	{"convento", "2026-10-23T17:00:00+02:00", "2h", "2026-10-26T09:00:00+01:00"},
	{"convento", "2026-06-03T17:00:00+02:00", "1h", "2026-06-03T18:00:00+02:00"},  /* ends at close */
	{"convento", "2026-06-03T17:00:00+02:00", "2h", "2026-06-05T09:00:00+02:00"},  /* Fronleichnam */
	{"convento", "2026-10-30T17:30:00+01:00", "1h", "2026-11-02T08:30:00+01:00"},
	{"convento", "2026-01-01T00:00:00+01:00", "151800m", "2026-12-31T18:00:00+01:00"}, /* 253 days x 10h */
	/* phone: split day */
	{"phone", "2026-03-02T12:00:00+01:00", "1h", "2026-03-02T14:00:00+01:00"},
	{"phone", "2026-03-02T12:45:00+01:00", "30m", "2026-03-02T14:00:00+01:00"},
	{"phone", "2026-03-02T12:30:00+01:00", "0m", "2026-03-02T13:30:00+01:00"},
	{"phone", "2026-03-02T11:00:00+01:00", "0m", "2026-03-02T11:00:00+01:00"},
	{"phone", "2026-03-02T08:00:00+01:00", "390m", "2026-03-02T17:00:00+01:00"},  /* one full day */
	{"phone", "2026-03-02T08:00:00+01:00", "391m", "2026-03-03T09:31:00+01:00"},
	/* response: 09-18, de */
	{"response", "2026-03-02T10:00:00+01:00", "24h", "2026-03-04T16:00:00+01:00"},
	{"response", "2026-03-02T07:00:00+01:00", "4h", "2026-03-02T13:00:00+01:00"},  /* before hours */
	{"response", "2026-03-02T19:00:00+01:00", "4h", "2026-03-03T13:00:00+01:00"},  /* after hours */
	{"response", "2026-03-07T10:00:00+01:00", "1h", "2026-03-09T10:00:00+01:00"},  /* Saturday */
	{"response", "2026-03-06T10:00:00+01:00", "2d", "2026-03-10T10:00:00+01:00"},
	{"response", "2026-03-07T10:00:00+01:00", "1d", "2026-03-10T09:00:00+01:00"},
	{"response", "2026-03-27T10:00:00+01:00", "1d", "2026-03-30T10:00:00+02:00"},  /* wall time kept */
	{"response", "2026-03-06T17:00:00+01:00", "1d2h", "2026-03-10T10:00:00+01:00"},
	{"response", "2026-04-02T10:00:00Z", "1d", "2026-04-07T12:00:00+02:00"},        /* Easter */
	{"response", "2026-03-02T09:00:00+01:00", "0m", "2026-03-02T09:00:00+01:00"},
	{"response", "2026-03-02T09:00:00+01:00", "0d", "2026-03-02T09:00:00+01:00"},
	/* seitenbau: de-bw */
	{"seitenbau", "2026-01-05T16:00:00+01:00", "2h", "2026-01-07T10:00:00+01:00"},  /* 6 Jan */
	{"seitenbau", "2026-06-03T16:00:00+02:00", "2h", "2026-06-05T10:00:00+02:00"},
	/* ilias: de + 24 and 31 December */
	{"ilias", "2026-12-23T16:00:00+01:00", "2h", "2026-12-28T10:00:00+01:00"},
	{"ilias", "2026-12-30T16:00:00+01:00", "2h", "2027-01-04T10:00:00+01:00"},
	{"ilias", "2026-12-24T10:00:00+01:00", "0m", "2026-12-28T09:00:00+01:00"},
	{"ilias", "2026-01-01T00:00:00+01:00", "120960m", "2026-12-30T17:00:00+01:00"}, /* 252 x 8h; 31st closed */
};

START_TEST(test_add_cases)
{
	for (size_t i = 0; i < SDESK_ARRAY_LEN(add_cases); i++) {
		const struct calendar *c = C(add_cases[i].cal);
		struct sd_duration d;
		sd_time out;
		char buf[40];
		const char *why;
		ck_assert(sd_parse_duration(add_cases[i].dur, strlen(add_cases[i].dur), &d, &why) == 0);
		enum cal_status st = sd_add_duration(c, T(add_cases[i].start), &d, &out);
		ck_assert_msg(st == CAL_OK, "%s %s %s: %s", add_cases[i].cal, add_cases[i].start, add_cases[i].dur,
			      cal_status_text(st));
		ck_assert_msg(strcmp(fmt(c, out, buf), add_cases[i].want) == 0, "%s %s + %s: got %s, want %s",
			      add_cases[i].cal, add_cases[i].start, add_cases[i].dur, buf, add_cases[i].want);
	}
}
END_TEST

static const struct {
	const char *cal, *from, *to;
	int64_t want;
} between_cases[] = {
	{"phone", "2026-03-02T09:00:00+01:00", "2026-03-02T18:00:00+01:00", 390},
	{"phone", "2026-03-02T18:00:00+01:00", "2026-03-02T09:00:00+01:00", -390},
	{"convento", "2026-03-27T17:00:00+01:00", "2026-03-30T09:00:00+02:00", 120},
	{"convento", "2026-01-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00", 151800},
	{"ilias", "2026-01-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00", 120960},
	{"ilias", "2026-12-24T00:00:00+01:00", "2026-12-25T00:00:00+01:00", 0},
	{"invitario", "2026-03-02T00:00:00+01:00", "2026-03-09T00:00:00+01:00", 4 * 480 + 360},
	{"response", "2026-03-02T09:00:30+01:00", "2026-03-02T09:05:00+01:00", 4},
	{"response", "2026-03-02T10:00:00+01:00", "2026-03-02T10:00:00+01:00", 0},
};

START_TEST(test_between_cases)
{
	for (size_t i = 0; i < SDESK_ARRAY_LEN(between_cases); i++) {
		int64_t m;
		ck_assert(cal_between(C(between_cases[i].cal), T(between_cases[i].from), T(between_cases[i].to), &m) == CAL_OK);
		ck_assert_msg(m == between_cases[i].want, "%s %s..%s: %lld, want %lld", between_cases[i].cal,
			      between_cases[i].from, between_cases[i].to, (long long)m, (long long)between_cases[i].want);
	}
}
END_TEST

START_TEST(test_working_days)
{
	const struct calendar *c = C("ilias");
	int64_t d;
	sd_time t;
	char buf[40];

	ck_assert(!cal_is_working_day(c, civil_to_days(2026, 12, 24)));
	ck_assert(cal_is_working_day(c, civil_to_days(2026, 12, 23)));
	ck_assert(cal_next_working_day(c, civil_to_days(2026, 12, 23), 1, &d) == CAL_OK);
	ck_assert_int_eq(d, civil_to_days(2026, 12, 28));
	ck_assert(cal_next_working_day(c, civil_to_days(2026, 12, 23), 3, &d) == CAL_OK);
	ck_assert_int_eq(d, civil_to_days(2026, 12, 30));
	ck_assert(cal_next_working_day(c, civil_to_days(2026, 12, 26), 0, &d) == CAL_OK);
	ck_assert_int_eq(d, civil_to_days(2026, 12, 28));
	ck_assert(cal_next_working_day(c, civil_to_days(2026, 12, 28), 0, &d) == CAL_OK);
	ck_assert_int_eq(d, civil_to_days(2026, 12, 28));
	ck_assert(cal_day_close(c, civil_to_days(2026, 12, 28), &t) == CAL_OK);
	ck_assert_str_eq(fmt(c, t, buf), "2026-12-28T17:00:00+01:00");
	ck_assert(cal_day_open(c, civil_to_days(2026, 7, 1), &t) == CAL_OK);
	ck_assert_str_eq(fmt(c, t, buf), "2026-07-01T09:00:00+02:00");
	ck_assert(cal_day_close(c, civil_to_days(2026, 12, 24), &t) == CAL_EINVAL);
	ck_assert(cal_is_open(c, T("2026-12-23T16:59:59+01:00")));
	ck_assert(!cal_is_open(c, T("2026-12-23T17:00:00+01:00")));
	ck_assert(!cal_is_open(c, T("2026-12-24T10:00:00+01:00")));
}
END_TEST

/* ---- calendars defined in the test ------------------------------------------- */

static const char test_cfg[] =
	"holidays = { x = { include = [\"y\"]; rules = ( { name = \"X\"; date = \"01-02\"; } ); };\n"
	"  y = { rules = ( { name = \"Y\"; once = \"2026-01-05\"; } ); }; };\n"
	"calendars = {\n"
	"  allweek = { zone = \"Europe/Berlin\"; mon = [\"00:00-24:00\"]; tue = [\"00:00-24:00\"];\n"
	"    wed = [\"00:00-24:00\"]; thu = [\"00:00-24:00\"]; fri = [\"00:00-24:00\"];\n"
	"    sat = [\"00:00-24:00\"]; sun = [\"00:00-24:00\"]; };\n"
	"  night = { zone = \"Europe/Berlin\"; sun = [\"01:00-04:00\"]; };\n"
	"  sunday = { zone = \"Europe/Vienna\"; sun = [\"09:00-17:00\"]; };\n"
	"  never = { zone = \"Europe/Berlin\"; };\n"
	"  hol = { zone = \"UTC\"; holidays = [\"x\"]; mon = [\"09:00-10:00\"]; tue = [\"09:00-10:00\"];\n"
	"    wed = [\"09:00-10:00\"]; thu = [\"09:00-10:00\"]; fri = [\"09:00-10:00\"]; closed = [\"2026-01-06\"]; };\n"
	"  win = { zone = \"Europe/Berlin\"; mon = [\"09:00-17:00\"];\n"
	"    open = [\"2026-03-07T10:00:00+01:00/2026-03-07T12:00:00+01:00\"]; };\n"
	"};\n";

static struct cal_set *test_set(void)
{
	config_t cfg;
	char err[512];
	struct cal_set *s = cal_set_new();

	config_init(&cfg);
	ck_assert_msg(config_read_string(&cfg, test_cfg), "line %d: %s", config_error_line(&cfg), config_error_text(&cfg));
	ck_assert_msg(conf_load_calendars(&cfg, "test.cfg", s, err, sizeof(err)) == 0, "%s", err);
	config_destroy(&cfg);
	ck_assert(cal_set_finish(s) == CAL_OK);
	return s;
}

START_TEST(test_dst_day_lengths)
{
	struct cal_set *s = test_set();
	int64_t m;

	/* 00:00-24:00 is 23 h on the spring day and 25 h on the autumn day. */
	cal_between(cal_set_calendar(s, "allweek"), T("2026-03-29T00:00:00+01:00"), T("2026-03-30T00:00:00+02:00"), &m);
	ck_assert_int_eq(m, 23 * 60);
	cal_between(cal_set_calendar(s, "allweek"), T("2026-10-25T00:00:00+02:00"), T("2026-10-26T00:00:00+01:00"), &m);
	ck_assert_int_eq(m, 25 * 60);
	/* 01:00-04:00 wall time: 2 h in spring, 4 h in autumn. */
	cal_between(cal_set_calendar(s, "night"), T("2026-03-28T00:00:00Z"), T("2026-03-30T00:00:00Z"), &m);
	ck_assert_int_eq(m, 120);
	cal_between(cal_set_calendar(s, "night"), T("2026-10-24T00:00:00Z"), T("2026-10-26T00:00:00Z"), &m);
	ck_assert_int_eq(m, 240);
	/* 09:00-17:00 stays 8 h on both days. */
	cal_between(cal_set_calendar(s, "sunday"), T("2026-03-29T00:00:00Z"), T("2026-03-30T00:00:00Z"), &m);
	ck_assert_int_eq(m, 480);
	cal_between(cal_set_calendar(s, "sunday"), T("2026-10-25T00:00:00Z"), T("2026-10-26T00:00:00Z"), &m);
	ck_assert_int_eq(m, 480);
	/* one year of a 24x7 calendar: DST in and out cancel */
	sd_time t;
	char buf[40];
	ck_assert(cal_add(cal_set_calendar(s, "allweek"), T("2026-01-01T00:00:00+01:00"), 365 * 1440, &t) == CAL_OK);
	ck_assert_str_eq(fmt(cal_set_calendar(s, "allweek"), t, buf), "2027-01-01T00:00:00+01:00");
	cal_set_free(s);
}
END_TEST

START_TEST(test_no_open_time)
{
	struct cal_set *s = test_set();
	const struct calendar *c = cal_set_calendar(s, "never");
	sd_time t;
	int64_t m, d;

	ck_assert(cal_add(c, T("2026-01-01T00:00:00Z"), 0, &t) == CAL_ENOOPEN);
	ck_assert(cal_add(c, T("2026-01-01T00:00:00Z"), 60, &t) == CAL_ENOOPEN);
	ck_assert(cal_add_days(c, T("2026-01-01T00:00:00Z"), 2, &t) == CAL_ENOOPEN);
	ck_assert(cal_next_working_day(c, civil_to_days(2026, 1, 1), 1, &d) == CAL_ENOOPEN);
	ck_assert(cal_between(c, T("2026-01-01T00:00:00Z"), T("2027-01-01T00:00:00Z"), &m) == CAL_OK);
	ck_assert_int_eq(m, 0);
	/* out of range and bad arguments */
	c = C("response");
	ck_assert(cal_add(c, T("2199-12-31T16:00:00+01:00"), 600, &t) == CAL_ERANGE);
	ck_assert(cal_add(c, T("1969-12-31T00:00:00Z"), 1, &t) == CAL_ERANGE);
	ck_assert(cal_add(c, T("2026-01-05T10:00:00Z"), -1, &t) == CAL_EINVAL);
	cal_set_free(s);
}
END_TEST

START_TEST(test_includes_closed_windows)
{
	struct cal_set *s = test_set();
	const struct calendar *c = cal_set_calendar(s, "hol");
	sd_time t;
	char buf[40];

	/* Fri 2 Jan holiday X, Mon 5 Jan Y (included set), Tue 6 Jan closed once. */
	ck_assert(cal_add(c, T("2026-01-01T09:00:00Z"), 60, &t) == CAL_OK);
	ck_assert_str_eq(fmt(c, t, buf), "2026-01-01T10:00:00+00:00");
	ck_assert(cal_add(c, T("2026-01-01T10:00:00Z"), 1, &t) == CAL_OK);
	ck_assert_str_eq(fmt(c, t, buf), "2026-01-07T09:01:00+00:00");
	/* The open window on Saturday 7 March counts. */
	c = cal_set_calendar(s, "win");
	ck_assert(cal_add(c, T("2026-03-02T16:00:00+01:00"), 120, &t) == CAL_OK);
	ck_assert_str_eq(fmt(c, t, buf), "2026-03-07T11:00:00+01:00");
	/* A derived calendar keeps everything and can take own windows. */
	struct calendar *dv = cal_set_derive(s, cal_set_calendar(s, "hol"), "hol2");
	cal_add_open_window(dv, T("2026-01-02T09:00:00Z"), T("2026-01-02T09:30:00Z"));
	ck_assert(cal_set_finish(s) == CAL_OK);
	ck_assert(cal_add(dv, T("2026-01-01T10:00:00Z"), 31, &t) == CAL_OK);
	ck_assert_str_eq(fmt(dv, t, buf), "2026-01-07T09:01:00+00:00");
	cal_set_free(s);
}
END_TEST

static int nsteps, nholiday, nweekend;
static int64_t open_minutes;
static void count_step(const struct cal_step *s, void *arg)
{
	(void)arg;
	nsteps++;
	if (s->kind == CAL_STEP_OPEN)
		open_minutes += s->minutes;
	nholiday += s->kind == CAL_STEP_HOLIDAY;
	nweekend += s->kind == CAL_STEP_WEEKEND;
}

START_TEST(test_explain)
{
	sd_time t;

	/* invitario Fri 3 Apr 14:00 + 2h: 60 min Fri, Sat, Sun, Ostermontag, 60 min Tue */
	ck_assert(cal_add_explain(C("invitario"), T("2026-04-03T14:00:00+02:00"), 120, &t, count_step, NULL) == CAL_OK);
	ck_assert_int_eq(t, T("2026-04-07T10:00:00+02:00"));
	ck_assert_int_eq(open_minutes, 120);
	ck_assert_int_eq(nholiday, 1);
	ck_assert_int_eq(nweekend, 2);
	ck_assert_int_eq(nsteps, 5);
}
END_TEST

/* ---- add and between are inverse ------------------------------------------------ */

START_TEST(test_inverse_random)
{
	static const char *const cals[] = {"invitario", "invitario-days", "convento", "phone", "response", "seitenbau", "ilias"};
	uint64_t seed = 42;
	sd_time lo = T("1995-01-01T00:00:00Z"), span = T("2100-01-01T00:00:00Z") - lo;

	for (int i = 0; i < 200000; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		const struct calendar *c = C(cals[(seed >> 33) % SDESK_ARRAY_LEN(cals)]);
		sd_time s = lo + (sd_time)((seed >> 7) % (uint64_t)span);
		if (i % 3 == 0)
			s -= s % 60;
		int64_t m = (int64_t)((seed >> 40) % 100000), back;
		sd_time e, s0;
		ck_assert(cal_add(c, s, m, &e) == CAL_OK);
		ck_assert(cal_between(c, s, e, &back) == CAL_OK);
		ck_assert_msg(back == m, "%s start %lld + %lld -> between %lld", cal_name(c), (long long)s, (long long)m,
			      (long long)back);
		ck_assert(e >= s);
		/* the result is open time or the close of an interval */
		if (m > 0)
			ck_assert(cal_is_open(c, e - 1));
		ck_assert(cal_add(c, s, 0, &s0) == CAL_OK);
		ck_assert(cal_is_open(c, s0));
		ck_assert(cal_between(c, s, s0, &back) == CAL_OK && back == 0);
		/* splitting a duration gives the same answer */
		int64_t a = m / 3;
		sd_time mid, e2;
		ck_assert(cal_add(c, s, a, &mid) == CAL_OK);
		ck_assert(cal_add(c, mid, m - a, &e2) == CAL_OK);
		if (m - a > 0 || a == 0)
			ck_assert_int_eq(e2, e);
	}
}
END_TEST

/* ---- text forms ------------------------------------------------------------------ */

START_TEST(test_timefmt)
{
	sd_time t;
	struct sd_duration d;
	const char *why;
	char buf[40];

	ck_assert(sd_parse_instant("2026-03-02T09:00:00+01:00", 25, &t, &why) == 0);
	ck_assert_int_eq(t, 1772438400);
	ck_assert(sd_parse_instant("2026-03-02T08:00Z", 17, &t, &why) == 0);
	ck_assert_int_eq(t, 1772438400);
	ck_assert(sd_parse_instant("2026-03-02T10:00+0200", 21, &t, &why) == 0);
	ck_assert_int_eq(t, 1772438400);
	ck_assert(sd_parse_instant("2026-03-02T08:00:00.75Z", 23, &t, &why) == 0);
	ck_assert_int_eq(t, 1772438400);
	static const char *const bad[] = {"2026-03-02", "2026-03-02T09:00", "2026-02-29T09:00Z", "2026-13-01T09:00Z",
					  "2026-03-02 09:00Z", "2026-03-02T25:00Z", "2026-03-02T09:00+1", "x"};
	for (size_t i = 0; i < SDESK_ARRAY_LEN(bad); i++)
		ck_assert_msg(sd_parse_instant(bad[i], strlen(bad[i]), &t, &why) == -1, "%s accepted", bad[i]);
	sd_format_instant(1772438400, 3600, buf);
	ck_assert_str_eq(buf, "2026-03-02T09:00:00+01:00");
	sd_format_instant(1772438400, -16200, buf);
	ck_assert_str_eq(buf, "2026-03-02T03:30:00-04:30");
	sd_format_instant(-3600, 3600, buf);
	ck_assert_str_eq(buf, "1970-01-01T00:00:00+01:00");

	static const struct { const char *s; int64_t days, minutes; } good[] = {
		{"90m", 0, 90}, {"4h", 0, 240}, {"2d", 2, 0}, {"1h30m", 0, 90}, {"1d4h", 1, 240}, {"0m", 0, 0},
		{"1d2h3m", 1, 123},
	};
	for (size_t i = 0; i < SDESK_ARRAY_LEN(good); i++) {
		ck_assert(sd_parse_duration(good[i].s, strlen(good[i].s), &d, &why) == 0);
		ck_assert_int_eq(d.days, good[i].days);
		ck_assert_int_eq(d.minutes, good[i].minutes);
	}
	static const char *const badd[] = {"", "5", "m", "30m1h", "1h1h", "4x", "-1h", "1.5h", "99999999999m"};
	for (size_t i = 0; i < SDESK_ARRAY_LEN(badd); i++)
		ck_assert_msg(sd_parse_duration(badd[i], strlen(badd[i]), &d, &why) == -1, "%s accepted", badd[i]);
}
END_TEST

/* ---- loader errors --------------------------------------------------------------- */

static const struct {
	const char *text, *want;
} bad_configs[] = {
	{"calendars = { a = { zone = \"Europe/Berlin\"; mon = [\"09:00-17:00\"]; tues = [\"x\"]; }; };",
	 "test.cfg:1: calendars.a: unknown key 'tues'"},
	{"calendars = {\n a = { zone = \"Mars/Base\"; }; };", "test.cfg:2: calendars.a: unknown time zone 'Mars/Base'"},
	{"calendars = { a = { zone = \"UTC\";\n mon = [\"17:00-09:00\"]; }; };", "test.cfg:2: calendars.a.mon: '17:00-09:00'"},
	{"calendars = { a = { zone = \"UTC\"; holidays = [\"nope\"]; }; };", "unknown holiday set 'nope'"},
	{"holidays = { h = { rules = (\n { name = \"A\"; date = \"02-30\"; } ); }; };", "test.cfg:2: holidays.h.rules[1] (A): date"},
	{"holidays = { h = { rules = ( { name = \"A\"; easter = 1; date = \"01-01\"; } ); }; };", "needs exactly one of"},
	{"holidays = { h = { rules = ( { name = \"A\"; date = \"01-01\"; from = 2020; to = 2010; } ); }; };", "from 2020 is after to 2010"},
	{"holidays = { h = { include = [\"h\"]; }; };", "includes itself"},
	{"calendars = { a = { mon = [\"09:00-17:00\"]; }; };", "needs zone"},
	{"calendars = { a = { zone = \"UTC\"; closed = [\"24.12.\"]; }; };", "is not \"MM-DD [name[|English name]]\""},
	{"calendars = { a = { zone = \"../etc/passwd\"; }; };", "is not a time zone name"},
	{"holidays = { h = { rules = (\n { name = \"A\"; name_en = 5; date = \"01-01\"; } ); }; };",
	 "test.cfg:2: holidays.h.rules[1] (A): name_en must be a string"},
};

START_TEST(test_loader_errors)
{
	for (size_t i = 0; i < SDESK_ARRAY_LEN(bad_configs); i++) {
		config_t cfg;
		char err[512];
		struct cal_set *s = cal_set_new();
		config_init(&cfg);
		ck_assert(config_read_string(&cfg, bad_configs[i].text));
		ck_assert_msg(conf_load_calendars(&cfg, "test.cfg", s, err, sizeof(err)) == -1, "accepted: %s",
			      bad_configs[i].text);
		ck_assert_msg(strstr(err, bad_configs[i].want) != NULL, "error [%s] lacks [%s]", err, bad_configs[i].want);
		config_destroy(&cfg);
		cal_set_free(s);
	}
}
END_TEST

int main(void)
{
	load_shipped();
	Suite *s = suite_create("calendar");
	TCase *tc = tcase_create("calendar");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_easter_table);
	tcase_add_test(tc, test_civil);
	tcase_add_test(tc, test_holiday_counts);
	tcase_add_test(tc, test_holiday_days);
	tcase_add_test(tc, test_holiday_same_day);
	tcase_add_test(tc, test_closed_days_listed);
	tcase_add_test(tc, test_zone_vs_libc);
	tcase_add_test(tc, test_zone_dst);
	tcase_add_test(tc, test_add_cases);
	tcase_add_test(tc, test_between_cases);
	tcase_add_test(tc, test_working_days);
	tcase_add_test(tc, test_dst_day_lengths);
	tcase_add_test(tc, test_no_open_time);
	tcase_add_test(tc, test_includes_closed_windows);
	tcase_add_test(tc, test_explain);
	tcase_add_test(tc, test_inverse_random);
	tcase_add_test(tc, test_timefmt);
	tcase_add_test(tc, test_loader_errors);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	cal_set_free(shipped);
	return failed ? 1 : 0;
}
