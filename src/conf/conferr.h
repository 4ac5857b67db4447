/* The one form of a configuration error: "FILE:LINE: message", the line being
 * that of setting s in its libconfig file (0 when s is NULL). Shared by the
 * settings, calendar and plan loaders. */
#ifndef SDESK_CONF_CONFERR_H
#define SDESK_CONF_CONFERR_H

#include <libconfig.h>
#include <stdarg.h>
#include <stddef.h>

/* Writes the error into err (errlen bytes, always NUL-terminated). */
void conf_verror(char *err, size_t errlen, const char *file, const config_setting_t *s, const char *fmt,
		 va_list ap) __attribute__((format(printf, 5, 0)));

#endif
