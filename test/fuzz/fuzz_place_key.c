/*
 * fuzz_place_key.c
 *		libFuzzer harness of the place-name key: any bytes give a key within
 *		PLACE_KEY_CAP, of A-Z, 0-9 and single inner spaces, whose key is
 *		itself (idempotent).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "place_key.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *k = malloc(PLACE_KEY_CAP(size));
	char	   *k2;
	size_t		n,
				n2;

	if (k == NULL)
		return 0;
	n = place_key((const char *) data, size, k);
	if (n >= PLACE_KEY_CAP(size) || k[n] != '\0' || strlen(k) != n)
		abort();
	if (n > 0 && (k[0] == ' ' || k[n - 1] == ' '))
		abort();
	for (size_t i = 0; i < n; i++)
	{
		char		c = k[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' '))
			abort();
		if (c == ' ' && k[i + 1] == ' ')
			abort();
	}
	k2 = malloc(PLACE_KEY_CAP(n));
	if (k2 != NULL)
	{
		n2 = place_key(k, n, k2);
		if (n2 != n || memcmp(k, k2, n) != 0)
			abort();
		free(k2);
	}
	free(k);
	return 0;
}
