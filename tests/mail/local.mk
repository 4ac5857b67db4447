# tests/mail: the mail gateway, replies and announcements (doc/mail.md).
# mail-in.sh: the corpus through `sdesk mail-in` into a throwaway database
# (private cluster: it stops the server), replies through a stand-in sendmail.
TESTS += tests/mail/mail-in.sh
EXTRA_DIST += tests/mail/mail-in.sh tests/mail/corpus
# postfix-roundtrip.sh: a private Postfix (tests/mail/postfix/main.cf.in, local
# delivery only, started by the test, as root) pipes into sdesk mail-in; replies
# and an announcement leave through its sendmail into a local mailbox.
TESTS += tests/mail/postfix-roundtrip.sh
EXTRA_DIST += tests/mail/postfix-roundtrip.sh tests/mail/postfix/main.cf.in
# console-reply.sh: the console's reply key (tmux), then sdesk mail send
TESTS += tests/mail/console-reply.sh
EXTRA_DIST += tests/mail/console-reply.sh
