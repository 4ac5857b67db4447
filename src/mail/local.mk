# mail: reading and writing RFC 5322 messages with GMime (doc/mail.md). The
# only code that includes gmime.h; no database, no curses.
noinst_LIBRARIES += libmail.a
libmail_a_CFLAGS = $(AM_CFLAGS) $(GMIME_CFLAGS)
libmail_a_SOURCES = src/mail/mailparse.c src/mail/mailparse.h src/mail/html2text.c
