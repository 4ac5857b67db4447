# engine: the SLA and billing engine. Pure C: no I/O, no curses, no libpq.
noinst_LIBRARIES += libengine.a
libengine_a_SOURCES =
libengine_a_SOURCES += src/engine/calendar.h
libengine_a_SOURCES += src/engine/calendar.c src/engine/timefmt.h src/engine/timefmt.c
libengine_a_SOURCES += src/engine/sla.h src/engine/sla.c
libengine_a_SOURCES += src/engine/clock.h src/engine/clock.c
libengine_a_SOURCES += src/engine/duration.h src/engine/duration.c
libengine_a_SOURCES += src/engine/billing.h src/engine/billing.c src/engine/bill_tariff.c
libengine_a_SOURCES += src/engine/booking.h src/engine/booking.c
