/* libFuzzer harness: the mail parser (src/mail/mailparse.c, GMime) on
 * arbitrary bytes. Whatever the input, a parsed message has a lower-case
 * From address with an '@', a Message-ID, and a subject, name and body that
 * are valid UTF-8 without anything a terminal acts on (C0 but \t and, in the
 * body, \n; DEL; C1; bidi overrides and isolates); attachments within the
 * limits. A reply composed from it parses again with the same From. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "mail/mailparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s, int newlines)
{
	const unsigned char *u = (const unsigned char *)s;

	if (!s || !sd_utf8_valid(s, strlen(s), NULL))
		abort();
	for (size_t i = 0; u[i]; i++)
		if ((u[i] < 0x20 && u[i] != '\t' && !(newlines && u[i] == '\n')) || u[i] == 0x7f ||
		    (u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f) ||
		    (u[i] == 0xe2 && u[i + 1] == 0x80 && ((u[i + 2] >= 0xaa && u[i + 2] <= 0xae) || u[i + 2] == 0x8e ||
							 u[i + 2] == 0x8f)) ||
		    (u[i] == 0xe2 && u[i + 1] == 0x81 && u[i + 2] >= 0xa6 && u[i + 2] <= 0xa9))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mail_limits lim;
	struct mail_msg m, back;
	char err[300];
	size_t total = 0, len;
	char *out;

	if (size > 200000)
		return 0;
	mail_limits_default(&lim);
	lim.max_attachment = 4096;
	lim.max_total = 8192;
	lim.max_body = 16384;
	if (mail_parse((const char *)data, size, &lim, &m, err, sizeof(err)) < 0)
		return 0;
	if (!m.from_addr || !strchr(m.from_addr, '@') || !m.message_id || !*m.message_id)
		abort();
	for (const char *p = m.from_addr; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			abort();
	check_text(m.subject, 0);
	check_text(m.from_name, 0);
	check_text(m.body, 1);
	if (strlen(m.body) > lim.max_body || m.nrefs > 64)
		abort();
	for (size_t i = 0; i < m.nrefs; i++)
		check_text(m.refs[i], 0);
	for (size_t i = 0; i < m.natt; i++) {
		check_text(m.att[i].filename, 0);
		if (m.att[i].dropped ? m.att[i].data != NULL : m.att[i].size > lim.max_attachment)
			abort();
		if (!m.att[i].dropped)
			total += m.att[i].size;
	}
	if (total > lim.max_total)
		abort();
	out = mail_compose("support@sdesk.test", m.from_name, "kim@acme.example", m.subject, m.body, "r1@sdesk.test",
			   m.nrefs ? m.refs[0] : NULL, (const char *const *)m.refs, m.nrefs, 0, &len);
	if (mail_parse(out, len, &lim, &back, err, sizeof(err)) < 0 || strcmp(back.from_addr, "support@sdesk.test") != 0)
		abort();
	mail_msg_free(&back);
	free(out);
	mail_msg_free(&m);
	return 0;
}
