/* Reading and writing mail with GMime (mailparse.h, doc/mail.md). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <gmime/gmime.h>

#include "base/util.h"
#include "mail/mailparse.h"

const char *mail_class_name(enum mail_class c)
{
	return c == MAIL_AUTO ? "auto" : c == MAIL_BOUNCE ? "bounce" : "normal";
}

void mail_limits_default(struct mail_limits *l)
{
	l->max_attachment = 10u << 20;
	l->max_total = 20u << 20;
	l->max_body = 256u << 10;
	l->max_depth = 16;
}

static void init_once(void)
{
	static int done;

	if (!done) {
		g_mime_init();
		done = 1;
	}
}

/* Decodes one UTF-8 character at s (valid UTF-8); its code point and length. */
static size_t utf8_at(const unsigned char *s, unsigned long *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		*cp = ((unsigned long)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0) {
		*cp = ((unsigned long)(s[0] & 0x0f) << 12) | ((unsigned long)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
		return 3;
	}
	*cp = ((unsigned long)(s[0] & 0x07) << 18) | ((unsigned long)(s[1] & 0x3f) << 12) |
	      ((unsigned long)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
	return 4;
}

char *mail_sanitize(char *s, int keep_newlines)
{
	unsigned char *r = (unsigned char *)s, *w = (unsigned char *)s;

	while (*r) {
		unsigned long cp;
		size_t n = utf8_at(r, &cp);
		int bad = (cp < 0x20 && cp != '\t' && !(keep_newlines && cp == '\n')) || cp == 0x7f ||
			  (cp >= 0x80 && cp <= 0x9f) || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
			  (cp >= 0x2066 && cp <= 0x2069);

		if (!keep_newlines && cp == '\t')
			bad = 1;
		if (bad) {
			if (!(keep_newlines && cp == '\r'))
				*w++ = ' ';
			r += n;
		} else {
			memmove(w, r, n);
			w += n;
			r += n;
		}
	}
	*w = '\0';
	if (!keep_newlines) {
		char *b = s, *e = (char *)w;
		while (*b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		memmove(s, b, (size_t)(e - b));
		s[e - b] = '\0';
	}
	return s;
}

/* A malloc'ed, valid, sanitised UTF-8 copy of a header value (NULL -> ""). */
static char *clean_line(const char *v, size_t max)
{
	gchar *valid = g_utf8_make_valid(v ? v : "", -1);
	char *out;
	size_t n;

	mail_sanitize(valid, 0);
	n = strlen(valid);
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)valid[n] & 0xc0) == 0x80)
			n--;
	}
	out = xmalloc(n + 1);
	memcpy(out, valid, n);
	out[n] = '\0';
	g_free(valid);
	return out;
}

/* Bytes in charset to a valid UTF-8 g_malloc'ed string. Latin-1 and ASCII
 * labels are read as Windows-1252 (its superset, as mail programs write
 * it); an unknown charset is read as UTF-8, else Windows-1252. */
static gchar *to_utf8(const char *data, size_t len, const char *charset)
{
	gchar *out = NULL;
	const char *cs = charset;

	if (!data || len == 0)
		return g_strdup("");
	if (!cs || !*cs || strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "utf-8") == 0 ||
	    strcasecmp(cs, "utf8") == 0) {
		if (g_utf8_validate(data, (gssize)len, NULL))
			return g_strndup(data, len);
		cs = (cs && (strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0)) ? NULL : "WINDOWS-1252";
	} else if (strcasecmp(cs, "iso-8859-1") == 0 || strcasecmp(cs, "latin1") == 0 ||
		   strcasecmp(cs, "iso_8859-1") == 0) {
		cs = "WINDOWS-1252";
	}
	if (cs)
		out = g_convert_with_fallback(data, (gssize)len, "UTF-8", cs, "?", NULL, NULL, NULL);
	if (!out && g_utf8_validate(data, (gssize)len, NULL))
		return g_strndup(data, len);
	if (!out)
		out = g_convert_with_fallback(data, (gssize)len, "UTF-8", "WINDOWS-1252", "?", NULL, NULL, NULL);
	if (!out) {
		gchar *tmp = g_strndup(data, len);
		out = g_utf8_make_valid(tmp, -1);
		g_free(tmp);
	} else if (!g_utf8_validate(out, -1, NULL)) {
		gchar *v = g_utf8_make_valid(out, -1);
		g_free(out);
		out = v;
	}
	return out;
}

/* The decoded content of a leaf part (transfer encoding undone). */
static GByteArray *part_bytes(GMimePart *part)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *mem;
	GByteArray *copy;

	if (!w)
		return NULL;
	mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(w, mem);
	{
		GByteArray *ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
		copy = g_byte_array_sized_new(ba->len);
		g_byte_array_append(copy, ba->data, ba->len);
	}
	g_object_unref(mem);
	return copy;
}

struct walk {
	const struct mail_limits *lim;
	struct mail_msg *m;
	char *plain;   /* first text/plain body (UTF-8), g_malloc'ed */
	char *html;    /* first text/html body converted, malloc'ed */
	size_t kept;   /* attachment bytes kept so far */
	size_t parts;
	int report;    /* multipart/report seen */
};

static void add_ref(struct mail_msg *m, const char *id)
{
	if (!id || !*id || strlen(id) > 998 || m->nrefs >= 64)
		return;
	for (size_t i = 0; i < m->nrefs; i++)
		if (strcmp(m->refs[i], id) == 0)
			return;
	m->refs = xrealloc(m->refs, (m->nrefs + 1) * sizeof(*m->refs));
	m->refs[m->nrefs] = clean_line(id, 998);
	if (!*m->refs[m->nrefs]) {
		free(m->refs[m->nrefs]);
		return;
	}
	m->nrefs++;
}

static void add_attachment(struct walk *w, GMimePart *part, GMimeContentType *ct)
{
	struct mail_msg *m = w->m;
	struct mail_attachment *a;
	GByteArray *ba;
	gchar *mime = g_mime_content_type_get_mime_type(ct);

	if (m->natt >= 100) {
		g_free(mime);
		return;
	}
	m->att = xrealloc(m->att, (m->natt + 1) * sizeof(*m->att));
	a = &m->att[m->natt++];
	memset(a, 0, sizeof(*a));
	a->filename = clean_line(g_mime_part_get_filename(part), 255);
	if (!*a->filename) {
		free(a->filename);
		a->filename = xstrdup("attachment");
	}
	a->content_type = clean_line(mime, 255);
	g_free(mime);
	ba = part_bytes(part);
	a->size = ba ? ba->len : 0;
	if (!ba || a->size > w->lim->max_attachment || w->kept + a->size > w->lim->max_total) {
		a->dropped = 1;
	} else {
		a->data = xmalloc(a->size ? a->size : 1);
		if (a->size)
			memcpy(a->data, ba->data, a->size);
		w->kept += a->size;
	}
	if (ba)
		g_byte_array_unref(ba);
}

static void walk_object(struct walk *w, GMimeObject *obj, int depth);

static void walk_message(struct walk *w, GMimeMessage *msg, int depth, int as_bounce)
{
	if (!msg)
		return;
	/* The message a bounce returns names the mail it is about. */
	if (as_bounce) {
		add_ref(w->m, g_mime_message_get_message_id(msg));
		return;
	}
	walk_object(w, g_mime_message_get_mime_part(msg), depth + 1);
}

static void walk_object(struct walk *w, GMimeObject *obj, int depth)
{
	GMimeContentType *ct;

	if (!obj || ++w->parts > 1000)
		return;
	if (depth > w->lim->max_depth) {
		w->m->depth_cut = 1;
		return;
	}
	ct = g_mime_object_get_content_type(obj);
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp);

		if (ct && g_mime_content_type_is_type(ct, "multipart", "report"))
			w->report = 1;
		for (int i = 0; i < n; i++)
			walk_object(w, g_mime_multipart_get_part(mp, i), depth + 1);
		return;
	}
	if (GMIME_IS_MESSAGE_PART(obj)) {
		walk_message(w, g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj)), depth, w->report);
		return;
	}
	if (!GMIME_IS_PART(obj))
		return;
	GMimePart *part = GMIME_PART(obj);
	int attach = g_mime_part_is_attachment(part);

	if (!attach && ct && g_mime_content_type_is_type(ct, "text", "rfc822-headers")) {
		/* A bounce that returns only the headers: find the Message-ID. */
		GByteArray *ba = part_bytes(part);
		if (ba) {
			for (guint i = 0; i + 11 < ba->len; i++) {
				if ((i == 0 || ba->data[i - 1] == '\n') &&
				    g_ascii_strncasecmp((const char *)ba->data + i, "message-id:", 11) == 0) {
					guint e = i + 11;
					while (e < ba->len && ba->data[e] != '\n')
						e++;
					gchar *v = g_strndup((const char *)ba->data + i + 11, e - i - 11);
					GMimeReferences *r = g_mime_references_parse(NULL, v);
					if (r && g_mime_references_length(r) > 0)
						add_ref(w->m, g_mime_references_get_message_id(r, 0));
					if (r)
						g_mime_references_free(r);
					g_free(v);
					break;
				}
			}
			g_byte_array_unref(ba);
		}
		return;
	}
	if (!attach && ct && g_mime_content_type_is_type(ct, "text", "plain") && !w->plain) {
		GByteArray *ba = part_bytes(part);
		if (ba) {
			w->plain = to_utf8((const char *)ba->data, ba->len, g_mime_content_type_get_parameter(ct, "charset"));
			g_byte_array_unref(ba);
		}
		return;
	}
	if (!attach && ct && g_mime_content_type_is_type(ct, "text", "html") && !w->html) {
		GByteArray *ba = part_bytes(part);
		if (ba) {
			gchar *u = to_utf8((const char *)ba->data, ba->len, g_mime_content_type_get_parameter(ct, "charset"));
			w->html = mail_html_to_text(u, strlen(u));
			g_free(u);
			g_byte_array_unref(ba);
		}
		return;
	}
	if (!attach && ct && (g_mime_content_type_is_type(ct, "message", "delivery-status") ||
			      g_mime_content_type_is_type(ct, "multipart", "*")))
		return;
	add_attachment(w, part, ct);
}

/* The body: valid UTF-8, \n line ends, controls replaced, cut at max. */
static char *clean_body(const char *text, size_t max)
{
	size_t n = strlen(text);
	char *out;

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
			n--;
	}
	out = xmalloc(n + 1);
	memcpy(out, text, n);
	out[n] = '\0';
	mail_sanitize(out, 1);
	return out;
}

static const char *header(GMimeObject *o, const char *name)
{
	const char *v = g_mime_object_get_header(o, name);
	return v ? v : NULL;
}

/* Auto-replies (RFC 3834 and the usual vendor headers), bounces, loops. */
static void classify(GMimeObject *o, struct walk *w, const char *from)
{
	struct mail_msg *m = w->m;
	const char *v;
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);
	int received = 0;

	for (int i = 0; i < g_mime_header_list_get_count(hl); i++)
		if (g_ascii_strcasecmp(g_mime_header_get_name(g_mime_header_list_get_header_at(hl, i)), "Received") == 0)
			received++;
	if (w->report || (from && (g_ascii_strncasecmp(from, "mailer-daemon@", 14) == 0 ||
				   g_ascii_strncasecmp(from, "postmaster@", 11) == 0))) {
		m->cls = MAIL_BOUNCE;
		m->class_why = xstrdup(w->report ? "multipart/report (delivery status)" : "from the mailer daemon");
		return;
	}
	if ((v = header(o, "Return-Path")) && strstr(v, "<>")) {
		m->cls = MAIL_BOUNCE;
		m->class_why = xstrdup("empty Return-Path (null sender)");
		return;
	}
	if ((v = header(o, "Auto-Submitted"))) {
		char *val = clean_line(v, 100);

		if (g_ascii_strncasecmp(val, "no", 2) != 0 || (val[2] && val[2] != ' ' && val[2] != ';')) {
			m->cls = MAIL_AUTO;
			m->class_why = xasprintf("Auto-Submitted: %s", val);
			free(val);
			return;
		}
		free(val);
	}
	static const char *const auto_headers[] = {"X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress",
		"X-AutoReply-From", "X-Mail-Autoreply"};
	for (size_t i = 0; i < SDESK_ARRAY_LEN(auto_headers); i++) {
		if (header(o, auto_headers[i])) {
			m->cls = MAIL_AUTO;
			m->class_why = xasprintf("%s header", auto_headers[i]);
			return;
		}
	}
	if ((v = header(o, "Precedence")) &&
	    (strcasestr(v, "bulk") || strcasestr(v, "junk") || strcasestr(v, "list") || strcasestr(v, "auto_reply"))) {
		m->cls = MAIL_AUTO;
		m->class_why = xasprintf("Precedence: %s", strcasestr(v, "bulk") ? "bulk" : strcasestr(v, "junk") ? "junk"
						: strcasestr(v, "list") ? "list" : "auto_reply");
		return;
	}
	if ((v = header(o, "X-Loop")) && strcasestr(v, "sdesk")) {
		m->cls = MAIL_AUTO;
		m->class_why = xstrdup("mail loop (X-Loop: sdesk)");
		return;
	}
	if (received > 40) {
		m->cls = MAIL_AUTO;
		m->class_why = xasprintf("mail loop (%d Received: headers)", received);
	}
}

/* The topmost Received: header's date (after its last ';'). */
static int64_t received_date(GMimeObject *o)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);

	for (int i = 0; i < g_mime_header_list_get_count(hl); i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		const char *v, *semi;
		GDateTime *dt;
		int64_t t;

		if (g_ascii_strcasecmp(g_mime_header_get_name(h), "Received") != 0)
			continue;
		v = g_mime_header_get_value(h);
		semi = v ? strrchr(v, ';') : NULL;
		if (!semi)
			return MAIL_NO_TIME;
		dt = g_mime_utils_header_decode_date(semi + 1);
		if (!dt)
			return MAIL_NO_TIME;
		t = g_date_time_to_unix(dt);
		g_date_time_unref(dt);
		return t;
	}
	return MAIL_NO_TIME;
}

static int64_t subject_tag(const char *s)
{
	for (const char *p = s; (p = strchr(p, '[')); p++) {
		if (g_ascii_strncasecmp(p + 1, "SD-", 3) == 0 && isdigit((unsigned char)p[4])) {
			char *end;
			long long n = strtoll(p + 4, &end, 10);
			if (*end == ']' && n > 0 && n < 1000000000000LL)
				return n;
		}
	}
	return 0;
}

static void add_refs_header(struct mail_msg *m, GMimeObject *o, const char *name, int newest_first)
{
	const char *v = header(o, name);
	GMimeReferences *r;
	int n;

	if (!v)
		return;
	r = g_mime_references_parse(NULL, v);
	if (!r)
		return;
	n = g_mime_references_length(r);
	for (int i = 0; i < n && i < 64; i++)
		add_ref(m, g_mime_references_get_message_id(r, newest_first ? n - 1 - i : i));
	g_mime_references_free(r);
}

/* Refuses input whose MIME nesting alone could exhaust the parser: more
 * multipart or message/rfc822 headers than any real mail has. */
static int too_nested(const char *data, size_t len, int max_depth)
{
	size_t count = 0;
	size_t limit = (size_t)max_depth * 16 + 64;

	for (size_t i = 0; i + 10 < len; i++) {
		if ((data[i] == 'm' || data[i] == 'M') &&
		    (g_ascii_strncasecmp(data + i, "multipart/", 10) == 0 ||
		     (i + 14 < len && g_ascii_strncasecmp(data + i, "message/rfc822", 14) == 0)))
			if (++count > limit)
				return 1;
	}
	return 0;
}

int mail_parse(const char *data, size_t len, const struct mail_limits *lim, struct mail_msg *out, char *err,
	       size_t errlen)
{
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;
	GMimeObject *o;
	InternetAddressList *from;
	struct walk w;
	const char *mid;
	int has_header = 0;

	memset(out, 0, sizeof(*out));
	out->received = MAIL_NO_TIME;
	init_once();
	/* An mbox envelope line ("From sender date"), as Postfix's local(8) and
	 * procmail write before a message they pipe: not a header. */
	if (len > 5 && memcmp(data, "From ", 5) == 0) {
		const char *nl = memchr(data, '\n', len);
		if (!nl) {
			snprintf(err, errlen, "not a mail message: only an mbox From line");
			return -1;
		}
		len -= (size_t)(nl + 1 - data);
		data = nl + 1;
	}
	/* A message starts with a header field: "Name:" in printable ASCII. */
	for (size_t i = 0; i < len && i < 1000; i++) {
		unsigned char c = (unsigned char)data[i];
		if (c == ':' && i > 0) {
			has_header = 1;
			break;
		}
		if (c <= ' ' || c >= 0x7f)
			break;
	}
	if (!has_header) {
		snprintf(err, errlen, "not a mail message: no header at the start");
		return -1;
	}
	if (too_nested(data, len, lim->max_depth)) {
		snprintf(err, errlen, "MIME structure nested too deeply or too many parts");
		return -1;
	}
	stream = g_mime_stream_mem_new_with_buffer(data, len);
	parser = g_mime_parser_new_with_stream(stream);
	g_object_unref(stream);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	if (!msg) {
		snprintf(err, errlen, "not a mail message: GMime could not read it");
		return -1;
	}
	o = GMIME_OBJECT(msg);
	from = g_mime_message_get_from(msg);
	for (int i = 0; from && i < internet_address_list_length(from); i++) {
		InternetAddress *ia = internet_address_list_get_address(from, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
			const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
			if (addr && strchr(addr, '@') && !strpbrk(addr, " \t\r\n<>\"(),;:") && strlen(addr) < 255) {
				out->from_addr = clean_line(addr, 254);
				for (char *p = out->from_addr; *p; p++)
					*p = (char)tolower((unsigned char)*p);
				out->from_name = clean_line(internet_address_get_name(ia), 200);
				break;
			}
		}
	}
	if (!out->from_addr) {
		g_object_unref(msg);
		snprintf(err, errlen, "no usable From: address");
		mail_msg_free(out);
		return -1;
	}
	out->subject = clean_line(g_mime_message_get_subject(msg), 500);
	out->tag_ticket = subject_tag(out->subject);
	out->received = received_date(o);
	mid = g_mime_message_get_message_id(msg);
	if (mid && *mid && strlen(mid) <= 900) {
		out->message_id = clean_line(mid, 900);
		for (char *p = out->message_id; *p; p++)
			if (*p == ' ')
				*p = '_';
		if (!*out->message_id) {
			free(out->message_id);
			out->message_id = NULL;
		}
	}
	if (!out->message_id) {
		gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
		out->message_id = xasprintf("sha256.%s@sdesk.invalid", sum);
		out->message_id_made = 1;
		g_free(sum);
	}
	add_refs_header(out, o, "In-Reply-To", 0);
	add_refs_header(out, o, "References", 1);

	memset(&w, 0, sizeof(w));
	w.lim = lim;
	w.m = out;
	walk_object(&w, g_mime_message_get_mime_part(msg), 0);
	classify(o, &w, out->from_addr);
	if (w.plain && *g_strstrip(w.plain)) {
		out->body = clean_body(w.plain, lim->max_body);
	} else if (w.html) {
		out->body = clean_body(w.html, lim->max_body);
		out->body_from_html = 1;
	} else {
		out->body = xstrdup("");
	}
	g_free(w.plain);
	free(w.html);
	g_object_unref(msg);
	return 0;
}

void mail_msg_free(struct mail_msg *m)
{
	free(m->message_id);
	free(m->from_addr);
	free(m->from_name);
	free(m->subject);
	for (size_t i = 0; i < m->nrefs; i++)
		free(m->refs[i]);
	free(m->refs);
	free(m->class_why);
	free(m->body);
	for (size_t i = 0; i < m->natt; i++) {
		free(m->att[i].filename);
		free(m->att[i].content_type);
		free(m->att[i].data);
	}
	free(m->att);
	memset(m, 0, sizeof(*m));
}

char *mail_compose(const char *from, const char *from_name, const char *to, const char *subject,
		   const char *body, const char *message_id, const char *in_reply_to, const char *const *refs,
		   size_t nrefs, int is_auto, size_t *len)
{
	GMimeMessage *msg;
	GMimeTextPart *text;
	GMimeStream *mem;
	GByteArray *ba;
	GDateTime *now;
	char *out, *subj = clean_line(subject, 900), *name = clean_line(from_name, 200);

	init_once();
	msg = g_mime_message_new(TRUE);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, name, from);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, NULL, to);
	g_mime_message_set_subject(msg, subj, "utf-8");
	now = g_date_time_new_now_local();
	g_mime_message_set_date(msg, now);
	g_date_time_unref(now);
	g_mime_message_set_message_id(msg, message_id);
	if (in_reply_to && *in_reply_to) {
		char *v = xasprintf("<%s>", in_reply_to);
		g_mime_object_set_header(GMIME_OBJECT(msg), "In-Reply-To", v, NULL);
		free(v);
	}
	if (nrefs) {
		struct strbuf sb = {0};
		for (size_t i = 0; i < nrefs; i++)
			sb_printf(&sb, "%s<%s>", i ? " " : "", refs[i]);
		g_mime_object_set_header(GMIME_OBJECT(msg), "References", sb.buf, NULL);
		sb_free(&sb);
	}
	if (is_auto)
		g_mime_object_set_header(GMIME_OBJECT(msg), "Auto-Submitted", "auto-generated", NULL);
	g_mime_object_set_header(GMIME_OBJECT(msg), "X-Loop", "sdesk", NULL);
	text = g_mime_text_part_new_with_subtype("plain");
	g_mime_text_part_set_text(text, body);
	g_mime_part_set_content_encoding(GMIME_PART(text), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	g_mime_message_set_mime_part(msg, GMIME_OBJECT(text));
	g_object_unref(text);
	mem = g_mime_stream_mem_new();
	g_mime_object_write_to_stream(GMIME_OBJECT(msg), NULL, mem);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	out = xmalloc(ba->len + 1);
	memcpy(out, ba->data, ba->len);
	out[ba->len] = '\0';
	*len = ba->len;
	g_object_unref(mem);
	g_object_unref(msg);
	free(subj);
	free(name);
	return out;
}
