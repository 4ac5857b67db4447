#!/bin/bash
# The German catalogue is complete (doc/i18n.md): every message in the
# sources (xgettext with po/Makevars' keywords over po/POTFILES.in) has a
# German text in po/de.po that is neither missing, fuzzy nor untranslated, and
# every source file with a message is listed in po/POTFILES.in.
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir" || exit 99

for tool in xgettext msgcmp msgfmt; do
	command -v $tool >/dev/null || { echo "catalogue.sh: $tool missing (Debian package gettext)" >&2; exit 99; }
done

# 1. Every file that marks a message (or calls a function whose format is
#    one: po/Makevars' --keyword list) is in POTFILES.in.
listed=$(grep -v '^#' po/POTFILES.in | sort)
marked=$(grep -nE '(\b_|\bN_|\bngettext|\bcli_usage_error|\bsdesk_die)\(' src/*/*.[ch] \
	| grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|/\*)' | cut -d: -f1 \
	| grep -vE '^src/(base/(i18n|util)\.h|cli/cli\.h|pgext/)' | sort -u)
missing=$(comm -13 <(printf '%s\n' "$listed") <(printf '%s\n' "$marked"))
expect_eq "files with messages missing from po/POTFILES.in" "" "$missing"
for f in $listed; do
	[ -f "$f" ] && pass || fail "po/POTFILES.in lists $f, which does not exist"
done

# 2. The template from the sources, with the options of po/Makevars.
opts=$(sed -n '/^XGETTEXT_OPTIONS/,/[^\\]$/p' po/Makevars | sed 's/^XGETTEXT_OPTIONS *=//; s/\\$//; s/\$(VERSION)/0/')
# shellcheck disable=SC2086
if xgettext $opts -D . -f po/POTFILES.in -o "$TMP/sdesk.pot" 2>"$TMP/xgettext.err"; then
	pass
else
	fail "xgettext: $(cat "$TMP/xgettext.err")"
fi
n=$(grep -c '^msgid ' "$TMP/sdesk.pot")
[ "$n" -gt 20 ] && pass || fail "only $n messages extracted: po/Makevars' keywords not applied?"

# 3. Each of them translated in de.po (msgcmp counts fuzzy and untranslated
#    entries as missing).
if msgcmp po/de.po "$TMP/sdesk.pot" 2>"$TMP/msgcmp.err"; then
	pass
else
	fail "messages without a German text (run make update-po, then translate):"
	grep -v '^msgcmp: found' "$TMP/msgcmp.err" | head -n 40 >&2
fi

# 4. msgfmt: formats agree with their msgid (-c), nothing fuzzy or untranslated.
stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null po/de.po 2>&1)
expect_match "msgfmt -c --statistics po/de.po" '^[0-9]+ translated messages\.$' "$stats"
expect_nomatch "fuzzy or untranslated in po/de.po" 'fuzzy|untranslated' "$stats"
finish
