/*
 * fuzz_link_gamma.c
 *		libFuzzer harness of the link_gamma text parser: any bytes must parse
 *		or fail cleanly; whatever parses must be a valid vector whose text
 *		form parses back to the same value; format never overruns its buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "link_gamma.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	link_gamma_t g,
				back;
	link_gamma_error err;
	char		buf[LINK_GAMMA_TEXT_MAX];
	size_t		n;

	if (link_gamma_parse((const char *) data, size, &g, &err) != LINK_GAMMA_OK)
	{
		if (err.pos > size || err.pos + err.len > size)
			abort();
		/* the binary path: any 4 bytes are checked by link_gamma_valid */
		if (size >= 4)
		{
			uint32_t	w;

			memcpy(&w, data, 4);
			if (link_gamma_valid(w))
			{
				n = link_gamma_format(w, buf, sizeof buf);
				if (n >= sizeof buf || link_gamma_parse(buf, n, &back, NULL) != LINK_GAMMA_OK || back != w)
					abort();
			}
		}
		return 0;
	}
	if (!link_gamma_valid(g))
		abort();
	n = link_gamma_format(g, buf, sizeof buf);
	if (n >= sizeof buf || strlen(buf) != n)
		abort();
	if (link_gamma_parse(buf, n, &back, &err) != LINK_GAMMA_OK || back != g)
		abort();
	return 0;
}
