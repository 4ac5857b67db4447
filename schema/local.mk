# schema: ordered migrations applied by `sdesk db migrate`. They are embedded
# into the binary at build time (src/db/embed-schema.sh); list them in order.
SCHEMA_MIGRATIONS = \
	schema/0001_core.sql \
	schema/0002_functions.sql \
	schema/0003_grants.sql \
	schema/0004_board.sql \
	schema/0005_billing.sql \
	schema/0006_security.sql \
	schema/0007_credit_guard.sql \
	schema/0008_login_roles.sql \
	schema/0009_lead_takeover.sql \
	schema/0010_reserved.sql \
	schema/0011_reserved.sql \
	schema/0012_mail.sql
dist_schema_DATA += $(SCHEMA_MIGRATIONS)

# Embedded into libdb.a so a binary always carries the schema it was built with.
BUILT_SOURCES = schema-embed.c
CLEANFILES += schema-embed.c
schema-embed.c: $(SCHEMA_MIGRATIONS) $(top_srcdir)/src/db/embed-schema.sh
	$(AM_V_GEN)$(SHELL) $(top_srcdir)/src/db/embed-schema.sh $(top_srcdir) \
		$(SCHEMA_MIGRATIONS) >$@.tmp && mv $@.tmp $@
