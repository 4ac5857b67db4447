#include "config.h"

#include <stdio.h>

#include "conf/conferr.h"

void conf_verror(char *err, size_t errlen, const char *file, const config_setting_t *s, const char *fmt, va_list ap)
{
	int n = snprintf(err, errlen, "%s:%d: ", file, s ? (int)config_setting_source_line(s) : 0);

	if (n >= 0 && (size_t)n < errlen)
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
}
