/* For harnesses whose loader only reads files: one anonymous in-memory file
 * (memfd) rewritten per input, opened by the loader as /proc/self/fd/N. */
#ifndef SDESK_FUZZ_MEMFILE_H
#define SDESK_FUZZ_MEMFILE_H

#include <stddef.h>
#include <stdint.h>

/* Replaces the file's content with data[0..size); returns its path (static)
 * or NULL when the memfd cannot be made. */
const char *fuzz_memfile(const uint8_t *data, size_t size);

#endif
