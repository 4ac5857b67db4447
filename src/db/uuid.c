/* Idempotency keys: random (version 4) UUIDs from the kernel's generator. */
#include "config.h"

#include <stdio.h>

#include "db/db.h"

int db_new_key(char out[37])
{
	unsigned char b[16];
	FILE *f = fopen("/dev/urandom", "rb");
	size_t got;

	if (!f)
		return -1;
	got = fread(b, 1, sizeof(b), f);
	fclose(f);
	if (got != sizeof(b))
		return -1;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	snprintf(out, 37,
		"%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
		b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
	return 0;
}
