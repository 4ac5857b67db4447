/* cli_text: text from the database (or any file) escaped for the terminal. */
#include "config.h"

#include "base/escape.h"
#include "base/util.h"
#include "cli/cli.h"

const char *cli_text(const char *s)
{
	static struct strbuf ring[16];
	static unsigned next;
	struct strbuf *sb = &ring[next++ % SDESK_ARRAY_LEN(ring)];

	sb_reset(sb);
	sd_escape_append(sb, s, 0);
	return sb->buf;
}
