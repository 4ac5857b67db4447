# tests/mail: the mail gateway, replies and announcements (doc/mail.md).
# mail-in.sh: the corpus through `sdesk mail-in` into a throwaway database
# (private cluster: it stops the server), replies through a stand-in sendmail.
TESTS += tests/mail/mail-in.sh
EXTRA_DIST += tests/mail/mail-in.sh tests/mail/corpus
