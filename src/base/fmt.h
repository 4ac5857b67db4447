/* Numbers, money and dates for people, in the language of the messages
 * (base/i18n.h, doc/i18n.md): German "1.234,56 €", "30.11.2026 17:55";
 * English as sdesk always wrote them, "1234.56", "EUR 1234.56",
 * "2026-11-30 17:55". Without a UTF-8 locale "€" is written "EUR". Machine
 * formats (CSV --csv=c, SQL parameters, ISO instants) never come from here. */
#ifndef SDESK_BASE_FMT_H
#define SDESK_BASE_FMT_H

#include <stddef.h>
#include <stdint.h>

/* An amount of cents with two decimals: "1.234,56" / "1234.56". */
char *sd_fmt_cents(int64_t cents, char *buf, size_t len);
/* The same with the currency: "1.234,56 €" / "EUR 1234.56". */
char *sd_fmt_money(int64_t cents, char *buf, size_t len);
/* A number of hundredths (a VAT rate in basis points): "19", "7,5" / "7.5". */
char *sd_fmt_hundredths(int64_t v, char *buf, size_t len);
/* A day: "30.11.2026" / "2026-11-30". */
char *sd_fmt_date(int y, int m, int d, char *buf, size_t len);
/* A local time of day on a day: "30.11.2026 17:55" / "2026-11-30 17:55". */
char *sd_fmt_datetime(int y, int m, int d, int minute_of_day, char *buf, size_t len);
/* "2026-11-30 17:55" (or "2026-11-30") rewritten for people; anything else
 * is copied as it is. */
char *sd_fmt_iso_local(const char *iso, char *buf, size_t len);
/* Minutes as hours and minutes: "1 Std. 30 Min." / "1h 30m". */
char *sd_fmt_minutes(int64_t minutes, char *buf, size_t len);
/* A span of minutes for a narrow column (the console's "Left", the ticket's
 * clocks, the board): "3h 20m", "-45m", and whole days of day_minutes
 * minutes each (a working day; 0 = never days) as "2d 4h", "14d". German
 * writes a day "T" (Tag: "2T 4h", "14T", as German Jira does) and keeps the
 * unit symbols h and m, so a column is as wide in both languages
 * (doc/i18n.md, "Durations"). Returns buf. */
char *sd_fmt_span(int64_t minutes, int day_minutes, char *buf, size_t len);
/* The letter of a day in a span: "d" / "T". */
const char *sd_fmt_day_unit(void);
/* How long ago, for a span text: "30m ago" / "vor 30m". Returns buf. */
char *sd_fmt_ago(const char *span, char *buf, size_t len);
/* Parses a local instant as typed: "YYYY-MM-DD HH:MM" or "DD.MM.YYYY HH:MM"
 * (the German form sd_fmt_datetime writes), surrounding blanks allowed.
 * Returns 0 and the fields (not range-checked), or -1. */
int sd_parse_datetime(const char *s, int *y, int *m, int *d, int *h, int *mi);
/* The decimal mark of the language: ',' or '.'. */
char sd_fmt_decimal_mark(void);
/* Columns s takes on a terminal, counting each UTF-8 character as one. */
int sd_fmt_columns(const char *s);

#endif
