/* A ticket's history in words; see history.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "base/i18n.h"
#include "base/util.h"
#include "engine/billing.h"
#include "ui/history.h"

static const char *fld(const struct queue_event *e, enum queue_ev_field k)
{
	return e->f[k];
}

static long long num(const struct queue_event *e, enum queue_ev_field k)
{
	return e->f[k] ? strtoll(e->f[k], NULL, 10) : 0;
}

static const char *tier_name(long long t)
{
	return t == 1 ? _("1st level") : t == 2 ? _("2nd level") : t == 3 ? _("3rd level") : "?";
}

/* ", 12 from the free minutes, 3 from the credit, EUR 1.50" */
static void budget_part(struct strbuf *sb, const struct queue_event *e)
{
	char eur[32];

	if (num(e, QEV_FREE) > 0)
		sb_printf(sb, _(", %lld from the free minutes"), num(e, QEV_FREE));
	if (num(e, QEV_CREDIT) > 0)
		sb_printf(sb, _(", %lld from the activation credit"), num(e, QEV_CREDIT));
	if (num(e, QEV_POINTS) > 0)
		sb_printf(sb, _(", %lld points"), num(e, QEV_POINTS));
	if (num(e, QEV_CENTS) > 0)
		sb_printf(sb, _(", billed %s"), sd_fmt_money(num(e, QEV_CENTS), eur, sizeof eur));
}

void history_words(const struct queue_event *e, char *buf, size_t len)
{
	struct strbuf sb = {0};
	const char *a = e->action, *who = e->who, *text = fld(e, QEV_TEXT);

	if (strcmp(a, "create") == 0)
		sb_printf(&sb, _("%s opened the ticket"), who);
	else if (strcmp(a, "take") == 0)
		sb_printf(&sb, _("%s took the ticket"), who);
	else if (strcmp(a, "assign") == 0)
		if (!fld(e, QEV_ASSIGNEE) || strcmp(fld(e, QEV_ASSIGNEE), "-") == 0)
			sb_printf(&sb, _("%s took the ticket from its agent (unassigned)"), who);
		else
			sb_printf(&sb, _("%s gave the ticket to %s"), who, fld(e, QEV_ASSIGNEE));
	else if (strcmp(a, "first_contact") == 0)
		sb_printf(&sb, _("%s made the first qualified contact (the reaction clock stopped)"), who);
	else if (strcmp(a, "broadcast_contact") == 0)
		sb_printf(&sb, _("the incident's broadcast was the first qualified contact"));
	else if (strcmp(a, "set_tier") == 0)
		sb_printf(&sb, _("%s handed the ticket to the %s"), who, tier_name(num(e, QEV_TIER)));
	else if (strcmp(a, "set_escalation") == 0)
		sb_printf(&sb, _("%s set the escalation to %s"), who,
			  fld(e, QEV_EXTENDED) && strcmp(fld(e, QEV_EXTENDED), "true") == 0 ? _("extended")
			  : fld(e, QEV_ESCALATION) ? fld(e, QEV_ESCALATION) : "?");
	else if (strcmp(a, "extend_estimate") == 0)
		sb_printf(&sb, _("%s extended the estimate told to the customer"), who);
	else if (strcmp(a, "pause") == 0)
		sb_printf(&sb, _("%s set the ticket to wait for the customer (clocks paused)"), who);
	else if (strcmp(a, "resume") == 0)
		sb_printf(&sb, _("%s resumed the ticket (clocks running)"), who);
	else if (strcmp(a, "resolve") == 0)
		sb_printf(&sb, _("%s resolved the ticket"), who);
	else if (strcmp(a, "close") == 0)
		sb_printf(&sb, _("%s closed the ticket"), who);
	else if (strcmp(a, "reopen") == 0)
		sb_printf(&sb, _("%s reopened the ticket"), who);
	else if (strcmp(a, "mark_managed_service") == 0)
		sb_printf(&sb, _("%s marked the work as managed service"), who);
	else if (strcmp(a, "link_incident") == 0)
		sb_printf(&sb, _("%s linked the ticket to an incident"), who);
	else if (strcmp(a, "link_dev_ticket") == 0)
		sb_printf(&sb, _("%s linked a development ticket"), who);
	else if (strcmp(a, "book_call") == 0) {
		long long s = num(e, QEV_SECONDS);

		sb_printf(&sb, _("%s: %s call %lld min"), who,
			  fld(e, QEV_KIND) && strcmp(fld(e, QEV_KIND), "hotline") == 0 ? _("hotline") : _("phone"),
			  (s + 59) / 60);
		budget_part(&sb, e);
	} else if (strcmp(a, "book_time") == 0) {
		sb_printf(&sb, _("%s: time %lld min (%s)"), who, num(e, QEV_MINUTES),
			  fld(e, QEV_KIND) ? fld(e, QEV_KIND) : "?");
		budget_part(&sb, e);
	} else if (strcmp(a, "note") == 0 && strcmp(e->entity, "ticket_message") == 0)
		sb_printf(&sb, _("%s wrote an internal note"), who);
	else if (strcmp(a, "reply") == 0)
		sb_printf(&sb, _("%s replied to the customer (%s)"), who,
			  fld(e, QEV_CHANNEL) ? fld(e, QEV_CHANNEL) : _("e-mail"));
	else if (strcmp(a, "note") == 0 && text)
		sb_printf(&sb, _("%s noted: %s"), who, text);
	else if (strcmp(a, "reason") == 0 && text)
		sb_printf(&sb, _("%s gave the reason: %s"), who, text);
	else if (strncmp(a, "mail_", 5) == 0)
		sb_printf(&sb, _("a mail came in"));
	else
		sb_printf(&sb, "%s: %s %s", who, a, e->detail);
	snprintf(buf, len, "%s", sb.buf ? sb.buf : "");
	sb_free(&sb);
}
