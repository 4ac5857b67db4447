/* Reading one RFC 5322 message (doc/mail.md): the only code that includes
 * GMime. No database, no curses, no I/O beyond the bytes it is given.
 *
 * mail_parse turns the raw bytes into plain C data: addresses, a subject and
 * names that are one line of UTF-8 without control characters or bidi
 * overrides, the text body (text/plain preferred, else HTML converted to
 * text) decoded to UTF-8, the attachments within the size limits, the
 * instant of the topmost Received: header, the ticket the subject tag names,
 * the ids of In-Reply-To/References, and whether it is an auto-reply or a
 * bounce. */
#ifndef SDESK_MAIL_MAILPARSE_H
#define SDESK_MAIL_MAILPARSE_H

#include <stddef.h>
#include <stdint.h>

#define MAIL_NO_TIME INT64_MIN

enum mail_class { MAIL_NORMAL, MAIL_AUTO, MAIL_BOUNCE };
const char *mail_class_name(enum mail_class c); /* "normal", "auto", "bounce" */

struct mail_limits {
	size_t max_attachment; /* bytes; larger attachments keep name and size only */
	size_t max_total;      /* bytes of all kept attachments together */
	size_t max_body;       /* bytes of body text kept (cut at a character) */
	int max_depth;         /* MIME nesting read; deeper parts are skipped */
};
void mail_limits_default(struct mail_limits *l); /* 10 MiB, 20 MiB, 256 KiB, 16 */

struct mail_attachment {
	char *filename;     /* sanitised like a subject; "attachment" when none */
	char *content_type; /* "application/pdf" */
	unsigned char *data;
	size_t size;        /* decoded size, also when dropped */
	int dropped;        /* 1: over a limit, data NULL */
};

/* Owns every pointer. */
struct mail_msg {
	char *message_id;      /* without <>; "sha256.HEX@sdesk.invalid" when the message has none */
	int message_id_made;   /* 1 when made from the content */
	char *from_addr;       /* lower-case addr-spec, NULL when there is no usable From */
	char *from_name;       /* sanitised display name, "" when none */
	char *subject;         /* sanitised, "" when none */
	int64_t received;      /* Unix seconds of the topmost Received: date, or MAIL_NO_TIME */
	int64_t tag_ticket;    /* n of the first [SD-n] in the subject, 0 when none */
	char **refs;           /* In-Reply-To, then References newest first, then the
	                        * Message-IDs of messages a bounce returns; no duplicates */
	size_t nrefs;
	enum mail_class cls;
	char *class_why;       /* "Auto-Submitted: auto-replied", ...; NULL for normal */
	char *body;            /* UTF-8, \n line ends, no control characters but \t \n */
	int body_from_html;
	int depth_cut;         /* 1 when parts nested deeper than max_depth were skipped */
	struct mail_attachment *att;
	size_t natt;
};

/* Parses len bytes. Returns 0 with *out filled (free with mail_msg_free),
 * or -1 with err set when the bytes are no readable message (no header, or
 * no From address): the caller quarantines those. Never aborts on hostile
 * input. */
int mail_parse(const char *data, size_t len, const struct mail_limits *lim, struct mail_msg *out, char *err,
	       size_t errlen);
void mail_msg_free(struct mail_msg *m);

/* HTML to plain text (html2text.c): tags dropped, block elements and <br> as
 * line breaks, list items as "- ", links as "text <url>", script and style
 * dropped, character references decoded; input and output UTF-8. Returns a
 * malloc'ed string. */
char *mail_html_to_text(const char *html, size_t len);

/* Replaces control characters (C0 but \t and, when keep_newlines, \n; DEL,
 * C1) and bidi overrides/isolates with a space in a UTF-8 string, in place;
 * invalid UTF-8 must have been repaired before. Without keep_newlines the
 * result is also trimmed. Returns s. */
char *mail_sanitize(char *s, int keep_newlines);

/* Writes one message to send, RFC 5322, to a malloc'ed buffer: From "name
 * <from>", To, Subject (encoded as needed: no header injection whatever the
 * text), Date (now), Message-ID, In-Reply-To and References when given,
 * Auto-Submitted: auto-generated when auto, X-Loop: from, a UTF-8
 * text/plain body (quoted-printable). *len receives the size. */
char *mail_compose(const char *from, const char *from_name, const char *to, const char *subject,
		   const char *body, const char *message_id, const char *in_reply_to, const char *const *refs,
		   size_t nrefs, int is_auto, size_t *len);

#endif
