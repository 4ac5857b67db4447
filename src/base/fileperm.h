/* Local files that steer sdesk (sdesk.cfg, the journal, a plan catalogue
 * given with --plans or SDESK_PLANS) must be the user's own, as ssh insists
 * for ~/.ssh/config (doc/security.md, "Local files"). */
#ifndef SDESK_BASE_FILEPERM_H
#define SDESK_BASE_FILEPERM_H

#include <stddef.h>
#include <sys/stat.h>

/* Checks st (from stat or fstat of path): the file must be owned by the
 * process's effective user or by root, and group and others must not be able
 * to write it. Returns 0, or -1 with a message naming path, what it is and
 * the fix in err, e.g. "PATH: refusing the settings file: group or others
 * may write it (mode 0664); run: chmod go-w PATH". */
int sd_file_private(const char *path, const struct stat *st, const char *what, char *err, size_t errlen);

/* stat(path) + sd_file_private. A file that does not exist passes (0): the
 * caller reports that in its own words. */
int sd_path_private(const char *path, const char *what, char *err, size_t errlen);

#endif
