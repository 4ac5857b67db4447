/* libFuzzer harness: the UI's text fitting (src/ui/text.c) on arbitrary bytes.
 * Whatever the input, the output must be valid UTF-8 without anything a
 * terminal acts on (C0, DEL, C1, bidi overrides) and exactly `cols` columns. */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "ui/text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int cols, ascii;
	char *s, *out;
	size_t outlen;

	if (size < 1)
		return 0;
	cols = data[0] % 120;
	ascii = data[0] >= 128;
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	outlen = 4 * size + (size_t)cols + 8;
	out = malloc(outlen);
	if (!out) {
		free(s);
		return 0;
	}
	for (int right = 0; right < 2; right++) {
		int n = right ? text_fit_right(out, outlen, s, cols, ascii) : text_fit(out, outlen, s, cols, ascii);
		const unsigned char *u = (const unsigned char *)out;

		if (n != cols || text_width(out) != cols || !sd_utf8_valid(out, strlen(out), NULL))
			abort();
		for (size_t i = 0; u[i]; i++)
			if (u[i] < 0x20 || u[i] == 0x7f || (u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f) ||
			    (u[i] == 0xe2 && u[i + 1] == 0x80 && u[i + 2] >= 0xaa && u[i + 2] <= 0xae) ||
			    (u[i] == 0xe2 && u[i + 1] == 0x81 && u[i + 2] >= 0xa6 && u[i + 2] <= 0xa9))
				abort();
	}
	text_contains(s, s + (size - 1) / 2);
	free(out);
	free(s);
	return 0;
}
