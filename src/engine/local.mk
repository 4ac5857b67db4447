# engine: the SLA and billing engine. Pure C: no I/O, no curses, no libpq.
noinst_LIBRARIES += libengine.a
libengine_a_SOURCES =
libengine_a_SOURCES += src/engine/calendar.h
