/*
 * fuzz_clk.c
 *		libFuzzer harness for the text parsers of the CLK core: the base64
 *		form of a filter (with a round-trip check), field specifications,
 *		dates, and the tokeniser over arbitrary bytes.  The first byte picks
 *		the target; the rest is the input.
 */
#include <stdlib.h>
#include <string.h>

#include "clk.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[CLK_MAX_BYTES];
	static char text[CLK_TEXT_MAX];
	char		err[256];
	int			nbits = 0;
	const char *s;
	size_t		n;

	if (size < 1)
		return 0;
	s = (const char *) data + 1;
	n = size - 1;
	switch (data[0] % 4)
	{
		case 0:
			if (clk_parse(s, n, out, &nbits, err, sizeof(err)) == CLK_OK)
			{
				uint8_t		again[CLK_MAX_BYTES];
				int			nbits2 = 0;
				size_t		tl;
				int64_t		keys[CLK_MAX_BANDS];

				if (!clk_valid_nbits(nbits))
					abort();
				tl = clk_base64_encode(out, (size_t) nbits / 8, text);
				if (clk_parse(text, tl, again, &nbits2, err, sizeof(err)) != CLK_OK ||
					nbits2 != nbits || memcmp(again, out, (size_t) nbits / 8) != 0)
					abort();
				if (clk_dice(out, again, (size_t) nbits / 8) != (clk_popcount(out, (size_t) nbits / 8) ? 1.0 : 0.0))
					abort();
				clk_blocking_keys(out, nbits, CLK_MAX_BANDS, CLK_MAX_BAND_BITS, keys);
			}
			break;
		case 1:
			{
				clk_spec	spec;

				if (clk_spec_parse(s, n, &spec, err, sizeof(err)) == CLK_OK)
				{
					int			i;

					if (spec.nfields < 1 || spec.nfields > CLK_MAX_FIELDS)
						abort();
					if (spec.nbits != 0 && !clk_valid_nbits(spec.nbits))
						abort();
					for (i = 0; i < spec.nfields; i++)
						if (spec.field[i].k < 0 || spec.field[i].k > CLK_MAX_K)
							abort();
				}
				break;
			}
		case 2:
			{
				char		digits[8];

				if (clk_parse_date(s, n, digits))
				{
					int			i;

					for (i = 0; i < 8; i++)
						if (digits[i] < '0' || digits[i] > '9')
							abort();
				}
				break;
			}
		case 3:
			{
				sha256_hmac_ctx fk;
				uint8_t		bits[128];
				char	   *folded = malloc(n + 1);
				size_t		fl;

				clk_field_key((const uint8_t *) "fuzz", 4, 1, &fk);
				memset(bits, 0, sizeof(bits));
				fl = clk_fold(s, n, folded);
				if (fl > n)
					abort();
				clk_add_value(bits, 1024, &fk, CLK_FIELD_NAME, 3, folded, fl);
				clk_add_value(bits, 1024, &fk, CLK_FIELD_EXACT, 3, folded, fl);
				free(folded);
				break;
			}
	}
	return 0;
}
