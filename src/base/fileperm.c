/* See base/fileperm.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/fileperm.h"
#include "base/i18n.h"

int sd_file_private(const char *path, const struct stat *st, const char *what, char *err, size_t errlen)
{
	uid_t me = geteuid();

	if (st->st_uid != me && st->st_uid != 0) {
		snprintf(err, errlen, _("%s: refusing %s: it belongs to another user (uid %lu, you are uid %lu); "
			 "use a file of your own"), path, _(what), (unsigned long)st->st_uid, (unsigned long)me);
		return -1;
	}
	if (st->st_mode & (S_IWGRP | S_IWOTH)) {
		snprintf(err, errlen, _("%s: refusing %s: %s may write it (mode %04o); run: chmod go-w %s"), path, _(what),
			 (st->st_mode & S_IWGRP) && (st->st_mode & S_IWOTH) ? _("group and others")
			 : st->st_mode & S_IWGRP                            ? _("its group")
									    : _("others"),
			 (unsigned)(st->st_mode & 07777), path);
		return -1;
	}
	return 0;
}

int sd_path_private(const char *path, const char *what, char *err, size_t errlen)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return sd_file_private(path, &st, what, err, errlen);
}
