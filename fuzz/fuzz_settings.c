/* libFuzzer harness: the sdesk.cfg settings loader on arbitrary file content.
 * Accepted settings must lie in their documented ranges. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "conf/config.h"
#include "memfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sdesk_config cfg;
	char err[512];
	const char *path;

	if (size > 65536 || !(path = fuzz_memfile(data, size)))
		return 0;
	if (settings_load(&cfg, path, err, sizeof(err)) == 0) {
		if (cfg.connect_timeout < 1 || cfg.connect_timeout > 300 || cfg.tick_seconds < 1 ||
		    cfg.tick_seconds > 60 || cfg.reconnect_max_ms < cfg.reconnect_min_ms ||
		    cfg.nkeys > SDESK_KEY_MAX || !cfg.conninfo)
			abort();
	} else if (!err[0]) {
		abort();
	}
	settings_free(&cfg);
	return 0;
}
