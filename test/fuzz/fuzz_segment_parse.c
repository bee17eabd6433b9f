/*
 * fuzz_segment_parse.c
 *		libFuzzer harness for the route_segment text parser: any bytes must
 *		either parse into a value that obeys every rule, or fail with a
 *		status and a NUL-terminated detail -- never crash or read past the
 *		input (the input is copied into an exactly sized buffer so ASan sees
 *		any overread).  A parsed value is also written back in a canonical
 *		form and must read back to the same fields.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_parse.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *buf = malloc(size ? size : 1);
	segment_fields f,
				g;
	segment_error e;
	segment_status st;

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	st = segment_parse(buf, size, &f, &e);
	if (st == SEGMENT_OK)
	{
		char		text[256],
					t1[32],
					t2[32];
		int			n;

		if (segment_check(&f, &e) != SEGMENT_OK)
			abort();
		if (f.depart == SEGMENT_TIME_UNKNOWN)
			strcpy(t1, "?");
		else
			segment_format_time(f.depart, t1);
		if (f.arrive == SEGMENT_TIME_UNKNOWN)
			strcpy(t2, "?");
		else
			segment_format_time(f.arrive, t2);
		n = snprintf(text, sizeof(text), "%s (%.17g %.17g, %.17g %.17g) %s/%s",
					 segment_mode_name(f.mode), f.from_lon, f.from_lat,
					 f.to_lon, f.to_lat, t1, t2);
		if (n <= 0 || (size_t) n >= sizeof(text))
			abort();
		if (segment_parse(text, (size_t) n, &g, &e) != SEGMENT_OK ||
			memcmp(&f.from_lon, &g.from_lon, 4 * sizeof(double)) != 0 ||
			f.depart != g.depart || f.arrive != g.arrive || f.mode != g.mode)
			abort();
	}
	else
	{
		if (st != SEGMENT_ERR_SYNTAX && st != SEGMENT_ERR_RANGE &&
			st != SEGMENT_ERR_TIME_RANGE && st != SEGMENT_ERR_PARAM)
			abort();
		if (strnlen(e.detail, sizeof(e.detail)) == sizeof(e.detail) || e.hint == NULL)
			abort();
	}
	free(buf);
	return 0;
}
