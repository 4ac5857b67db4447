/* libFuzzer harness: the whole plan catalogue loader (holidays, calendars,
 * plans) on arbitrary file content. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "conf/plans.h"
#include "engine/sla.h"
#include "memfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sla_catalogue cat;
	char err[512];
	const char *path;

	if (size > 65536 || !(path = fuzz_memfile(data, size)))
		return 0;
	err[0] = '\0';
	if (conf_load_plans(path, &cat, err, sizeof(err)) == 0)
		sla_catalogue_free(&cat);
	else if (!err[0])
		abort(); /* a refusal must say why */
	return 0;
}
