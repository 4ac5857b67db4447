# db: the only code that includes libpq-fe.h; returns plain C structs.
noinst_LIBRARIES += libdb.a
libdb_a_CFLAGS = $(AM_CFLAGS) $(LIBPQ_CFLAGS)
libdb_a_SOURCES =
