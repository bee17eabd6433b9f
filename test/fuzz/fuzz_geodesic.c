/*
 * fuzz_geodesic.c
 *		libFuzzer harness for the WGS84 inverse geodesic: any four doubles
 *		(from 32 input bytes) give NaN for invalid input, or else a finite
 *		distance no longer than half a meridian, the same both ways.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geodesic.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	double		v[4],
				s,
				r;

	if (size < sizeof(v))
		return 0;
	memcpy(v, data, sizeof(v));
	s = geodesic_inverse_wgs84(v[0], v[1], v[2], v[3]);
	r = geodesic_inverse_wgs84(v[2], v[3], v[0], v[1]);
	if (isnan(v[0]) || isnan(v[1]) || isnan(v[2]) || isnan(v[3]) ||
		isinf(v[1]) || isinf(v[3]) || fabs(v[0]) > 90 || fabs(v[2]) > 90)
	{
		if (!isnan(s) || !isnan(r))
			abort();
		return 0;
	}
	/* half the meridian, 20003931.4586 m, is the longest geodesic */
	if (!(s >= 0 && s <= 20003931.46) || fabs(s - r) > 1e-8)
		abort();
	return 0;
}
