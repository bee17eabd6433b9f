/*
 * fuzz_risk_flags.c
 *		libFuzzer harness for the risk_flags text parser and printer, and
 *		for the risk_state text parser: whatever parses must print, and the
 *		printed text must parse back to the same value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "risk_core.h"

static const risk_codetab fuzz_tab = {
	.name = {
		[0] = "debt",[1] = "unpaid",[2] = "forced_work",[3] = "held",
		[8] = "marriage",[16] = "freight_train",[17] = "smuggler",
		[63] = "hotspot",
	}
};

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	risk_flags	f,
				g;
	risk_parse_error e;
	static char buf[RISK_FLAGS_TEXT_MAX];
	static risk_acc a,
				b;
	static char abuf[RISK_ACC_TEXT_MAX];

	if (risk_flags_parse((const char *) data, size, &fuzz_tab, &f, &e) == RISK_PARSE_OK)
	{
		size_t		n = risk_flags_format(f, &fuzz_tab, buf, sizeof(buf));

		if (!risk_flags_valid(f) || n >= sizeof(buf))
			abort();
		if (risk_flags_parse(buf, n, &fuzz_tab, &g, &e) != RISK_PARSE_OK ||
			risk_flags_cmp(f, g) != 0)
			abort();
	}
	else if (e.pos > size || e.len > size - e.pos || e.detail == NULL)
		abort();

	if (risk_acc_parse((const char *) data, size, &a) == NULL)
	{
		size_t		n = risk_acc_format(&a, abuf, sizeof(abuf));

		if (n >= sizeof(abuf) || risk_acc_parse(abuf, n, &b) != NULL ||
			memcmp(&a, &b, sizeof(a)) != 0)
			abort();
	}
	return 0;
}
