# base: helpers every layer may use (allocation, strings, exit codes). No deps.
noinst_LIBRARIES += libbase.a
libbase_a_SOURCES = src/base/util.c src/base/util.h src/base/exitcodes.h
libbase_a_SOURCES += src/base/utf8.c src/base/utf8.h
libbase_a_SOURCES += src/base/escape.c src/base/escape.h
libbase_a_SOURCES += src/base/fileperm.c src/base/fileperm.h
libbase_a_SOURCES += src/base/now.c src/base/now.h
libbase_a_SOURCES += src/base/i18n.c src/base/i18n.h
libbase_a_SOURCES += src/base/fmt.c src/base/fmt.h
