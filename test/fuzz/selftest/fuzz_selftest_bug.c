/*
 * fuzz_selftest_bug.c
 *		A deliberately wrong harness for the fuzz runner's own test
 *		(test/shell/fuzz_smoke.sh): it trusts a length byte, as a careless
 *		binary reader would, and reads past its buffer when the length lies.
 *		Its seed corpus holds such an input, so the runner must report a
 *		crash on the first replay.  Never copy this pattern.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy;
	size_t		claimed;
	unsigned	sum = 0;
	size_t		i;

	if (size < 1 || data[0] != 'L')
		return 0;
	copy = malloc(size);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	claimed = size > 1 ? copy[1] : 0;
	for (i = 0; i < claimed; i++)
		sum += copy[2 + i];		/* overflows when claimed > size - 2 */
	free(copy);
	return sum == 0xFFFFFFFF;
}
