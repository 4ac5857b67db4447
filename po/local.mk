# The German catalogue compiled into the build tree (locale/de/LC_MESSAGES),
# so a build that is not installed speaks German too (the demo, make check):
# base/i18n.c falls back to it when the installed one is missing. Installing
# is po/'s own makefile (SUBDIRS).
SDESK_LINGUAS = de
noinst_DATA = locale/de/LC_MESSAGES/sdesk.mo
CLEANFILES += locale/de/LC_MESSAGES/sdesk.mo
locale/de/LC_MESSAGES/sdesk.mo: $(top_srcdir)/po/de.po
	$(AM_V_GEN)$(MKDIR_P) locale/de/LC_MESSAGES && $(MSGFMT) -c -o $@ $(top_srcdir)/po/de.po

# make update-po: the template from the sources (po/POTFILES.in), merged into
# every po/*.po; then translate what msgfmt --statistics counts as missing.
update-po:
	$(MAKE) -C po update-po
.PHONY: update-po
