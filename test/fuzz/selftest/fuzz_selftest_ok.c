/*
 * fuzz_selftest_ok.c
 *		A correct harness for the fuzz runner's own test (test/shell/
 *		fuzz_smoke.sh): a bounds-checked reader of comma-separated small
 *		integers.  It must run its whole time without a finding.
 */
#include <stddef.h>
#include <stdint.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int			values[8];
	int			n = 0;
	long		cur = 0;
	size_t		i;

	for (i = 0; i < size && n < 8; i++)
	{
		if (data[i] >= '0' && data[i] <= '9')
		{
			if (cur < 100000)
				cur = cur * 10 + (data[i] - '0');
		}
		else if (data[i] == ',')
		{
			values[n++] = (int) cur;
			cur = 0;
		}
		else
			return 0;
	}
	return n > 0 && values[0] == 7 ? 0 : 0;
}
