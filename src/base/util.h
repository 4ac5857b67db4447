/* Small helpers shared by every layer. No I/O beyond stderr for fatal errors. */
#ifndef SDESK_BASE_UTIL_H
#define SDESK_BASE_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define SDESK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that never returns NULL: on failure calls the fatal hook and exits 1. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Returns a malloc'ed string formatted like printf; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called before a fatal exit so the UI can restore the terminal first. */
typedef void (*sdesk_fatal_hook)(void);
void sdesk_set_fatal_hook(sdesk_fatal_hook hook);
/* Prints "sdesk: MESSAGE" to stderr after running the hook, then exits with code. */
_Noreturn void sdesk_die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Growable byte buffer, always NUL-terminated. Zero-initialise before use. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};
void sb_append(struct strbuf *sb, const char *s);
void sb_appendn(struct strbuf *sb, const char *s, size_t n);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

#endif
