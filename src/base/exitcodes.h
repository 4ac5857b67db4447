/* Exit codes of every sdesk command, written once.
 * 0 ok, 1 runtime error (database, file system, ...), 2 usage or input error.
 * The monitoring check (sdesk check) has its own plugin codes in its module. */
#ifndef SDESK_BASE_EXITCODES_H
#define SDESK_BASE_EXITCODES_H

#define SDESK_EXIT_CODES(X) \
	X(SDESK_EXIT_OK,      0, "ok") \
	X(SDESK_EXIT_RUNTIME, 1, "runtime error") \
	X(SDESK_EXIT_USAGE,   2, "usage or input error")

enum sdesk_exit {
#define SDESK_X(name, code, text) name = code,
	SDESK_EXIT_CODES(SDESK_X)
#undef SDESK_X
};

#endif
