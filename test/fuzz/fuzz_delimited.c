/*
 * fuzz_delimited.c
 *		libFuzzer harness of delimited_split: any bytes (the first picks the
 *		delimiter) split without reading or writing out of bounds, the
 *		fields lie inside the output buffer, and a line that splits gives
 *		the same fields again once each is written back quoted (quotes
 *		doubled) and joined by the delimiter.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "delimited.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = {',', '|', '\t', ';'};
	char		delim;
	const char *line;
	size_t		len;
	char	   *out;
	DelimitedField *f;
	size_t		n;
	size_t		pos;
	char	   *again;
	size_t		a = 0;
	char	   *out2;
	DelimitedField *f2;
	size_t		n2;

	if (size < 1)
		return 0;
	delim = delims[data[0] % 4];
	line = (const char *) data + 1;
	len = size - 1;
	out = malloc(len + 1);
	f = malloc((len + 1) * sizeof(DelimitedField));
	if (out == NULL || f == NULL)
		abort();
	if (delimited_split(line, len, delim, out, f, len + 1, &n, &pos) != DELIMITED_OK)
	{
		if (pos > len)
			abort();
		free(out);
		free(f);
		return 0;
	}
	if (n < 1 || n > len + 1)
		abort();
	for (size_t i = 0; i < n; i++)
		if (f[i].start + f[i].len > len)
			abort();

	/* written back: every field quoted, quotes doubled */
	again = malloc(2 * len + 3 * n + 1);
	if (again == NULL)
		abort();
	for (size_t i = 0; i < n; i++)
	{
		if (i > 0)
			again[a++] = delim;
		again[a++] = '"';
		for (size_t j = 0; j < f[i].len; j++)
		{
			if (out[f[i].start + j] == '"')
				again[a++] = '"';
			again[a++] = out[f[i].start + j];
		}
		again[a++] = '"';
	}
	out2 = malloc(a + 1);
	f2 = malloc((n + 1) * sizeof(DelimitedField));
	if (out2 == NULL || f2 == NULL)
		abort();
	/* a field ending in \r was written as "...\r": no longer at the line's end */
	if (delimited_split(again, a, delim, out2, f2, n + 1, &n2, &pos) != DELIMITED_OK || n2 != n)
		abort();
	for (size_t i = 0; i < n; i++)
		if (f2[i].len != f[i].len || memcmp(out2 + f2[i].start, out + f[i].start, f[i].len) != 0 || !f2[i].quoted)
			abort();
	free(again);
	free(out2);
	free(f2);
	free(out);
	free(f);
	return 0;
}
