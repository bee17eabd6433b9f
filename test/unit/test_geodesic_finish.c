/*
 * test_geodesic_finish.c
 *		The inverse geodesic's early finish (src/core/geodesic.c): where
 *		Newton's method on alpha1 is close enough, its last step and
 *		evaluation are replaced by a second-order expansion of the length
 *		along the parallel of the second point.  Compared here with Newton
 *		run to the end, over random pairs of twelve kinds, easy and
 *		adversarial; the largest difference of each kind is printed and
 *		must stay below 1e-7 m (the expansion is taken only where its
 *		error bound is below 1e-10 m; the rest is rounding, a few units in
 *		the last place of lengths up to 2e7 m, whose spacing is 3.7e-9 m).
 *		The share of pairs finished early is printed too, and must be
 *		large on regional legs, or the comparison would test nothing (short
 *		lines mostly converge at the first evaluation instead, lines over
 *		1 radian never finish early).  Lengths must not be negative (points
 *		1e-10 m apart once gave -1.4e-10 m).
 */
#include <stdbool.h>
#include <stdint.h>

#include "geodesic.h"
#include "unit.h"

extern double geodesic_inverse_path_wgs84(double lat1, double lon1,
										  double lat2, double lon2,
										  bool finish, bool *finished);

#define PAIRS_PER_KIND 100000

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

/* uniform in [0, 1) from xorshift64* */
static double
uniform(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (double) ((rng * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

static double
between(double lo, double hi)
{
	return lo + (hi - lo) * uniform();
}

/* a signed offset of random size between 10^-lo and 10^-hi (lo > hi) */
static double
tiny(int lo, int hi)
{
	double		m = pow(10.0, -between(hi, lo));

	return uniform() < 0.5 ? -m : m;
}

static double
clamp_lat(double lat)
{
	return lat > 90 ? 90 : lat < -90 ? -90 : lat;
}

enum
{
	K_REGION,					/* legs within a 4-degree square (the benchmark) */
	K_GLOBAL,					/* anywhere to anywhere */
	K_SHORT,					/* 1e-9 to 1 degree apart */
	K_COINCIDENT,				/* the same point, or one ulp off */
	K_EQUATOR,					/* on the equator or within 1e-6 degree of it */
	K_MERIDIAN,					/* same or opposite meridian */
	K_POLE,						/* within a degree of a pole */
	K_ANTIPODAL,				/* within 1e-6 degree of antipodal */
	K_NEAR_ANTIPODAL,			/* within 1 degree of antipodal */
	K_ANTIMERIDIAN,				/* across longitude 180 */
	K_EAST_WEST,				/* along a parallel (alpha2 near 90 degrees) */
	K_WIDE_LON,					/* longitudes beyond [-180, 180] */
	NKINDS
};

static const char *const kind_name[NKINDS] = {
	"regional (4-degree square)", "global", "short (1e-9 to 1 degree)",
	"coincident or one ulp apart", "equatorial", "meridional",
	"near a pole", "antipodal (1e-6 degree)", "nearly antipodal (1 degree)",
	"across the antimeridian", "along a parallel", "longitudes beyond 180"
};

static void
make_pair(int kind, double *p)
{
	double		lat1 = between(-90, 90),
				lon1 = between(-180, 180),
				lat2 = between(-90, 90),
				lon2 = between(-180, 180);

	switch (kind)
	{
		case K_REGION:
			lat1 = between(14.5, 18.5);
			lon1 = between(-95, -91);
			lat2 = between(14.5, 18.5);
			lon2 = between(-95, -91);
			break;
		case K_GLOBAL:
			break;
		case K_SHORT:
			lat2 = clamp_lat(lat1 + tiny(9, 0));
			lon2 = lon1 + tiny(9, 0);
			break;
		case K_COINCIDENT:
			lat2 = uniform() < 0.5 ? lat1 : nextafter(lat1, 0);
			lon2 = uniform() < 0.5 ? lon1 : nextafter(lon1, 1000);
			break;
		case K_EQUATOR:
			lat1 = uniform() < 0.5 ? 0 : tiny(12, 6);
			lat2 = uniform() < 0.5 ? 0 : tiny(12, 6);
			break;
		case K_MERIDIAN:
			lon2 = uniform() < 0.5 ? lon1 : lon1 + 180;
			if (uniform() < 0.3)
				lon2 += tiny(12, 6);
			break;
		case K_POLE:
			lat1 = copysign(90 - pow(10.0, -between(0, 12)), tiny(1, 0));
			if (uniform() < 0.5)
				lat2 = copysign(90 - pow(10.0, -between(0, 12)), tiny(1, 0));
			break;
		case K_ANTIPODAL:
			lat2 = clamp_lat(-lat1 + tiny(12, 6));
			lon2 = lon1 + 180 + tiny(12, 6);
			break;
		case K_NEAR_ANTIPODAL:
			lat2 = clamp_lat(-lat1 + tiny(6, 0));
			lon2 = lon1 + 180 + tiny(6, 0);
			break;
		case K_ANTIMERIDIAN:
			lon1 = 180 - pow(10.0, -between(-1, 9));
			lon2 = -180 + pow(10.0, -between(-1, 9));
			if (uniform() < 0.5)
			{
				lat2 = clamp_lat(lat1 + tiny(6, 0));
			}
			break;
		case K_EAST_WEST:
			lat2 = clamp_lat(lat1 + tiny(12, 3));
			lon2 = lon1 + between(-120, 120);
			break;
		case K_WIDE_LON:
			lon1 = between(-1080, 1080);
			lon2 = lon1 + between(-400, 400);
			break;
	}
	p[0] = lat1;
	p[1] = lon1;
	p[2] = lat2;
	p[3] = lon2;
}

int
main(void)
{
	int			kind,
				i;
	char		what[200];
	double		worst_all = 0;

	for (kind = 0; kind < NKINDS; kind++)
	{
		double		worst = 0,
					wp[4] = {0, 0, 0, 0};
		long		early = 0,
					bad = 0;

		for (i = 0; i < PAIRS_PER_KIND; i++)
		{
			double		p[4],
						fast,
						ref,
						d;
			bool		finished,
						dummy;

			make_pair(kind, p);
			fast = geodesic_inverse_path_wgs84(p[0], p[1], p[2], p[3], true, &finished);
			ref = geodesic_inverse_path_wgs84(p[0], p[1], p[2], p[3], false, &dummy);
			/* the public function is the one with the early finish */
			if (!(fast == geodesic_inverse_wgs84(p[0], p[1], p[2], p[3])) ||
				!isfinite(fast) || !(fast >= 0) || dummy)
				bad++;
			early += finished;
			d = fabs(fast - ref);
			if (!(d <= worst))
			{
				worst = d;
				memcpy(wp, p, sizeof wp);
			}
		}
		if (worst > worst_all)
			worst_all = worst;
		printf("# %-30s finished early %5.1f%%, max |difference| %.3g m at (%.17g %.17g) (%.17g %.17g)\n",
			   kind_name[kind], 100.0 * early / PAIRS_PER_KIND, worst, wp[0], wp[1], wp[2], wp[3]);
		snprintf(what, sizeof what, "%s: early finish within 1e-7 m of Newton (max %.3g m)",
				 kind_name[kind], worst);
		CHECK(worst < 1e-7, what);
		snprintf(what, sizeof what, "%s: finite, non-negative, the public function's", kind_name[kind]);
		CHECK(bad == 0, what);
		if (kind == K_REGION)
		{
			snprintf(what, sizeof what, "%s: nearly all pairs finished early (%.1f%%)",
					 kind_name[kind], 100.0 * early / PAIRS_PER_KIND);
			CHECK(early > PAIRS_PER_KIND * 0.9, what);
		}
	}
	printf("# largest difference over all kinds: %.3g m\n", worst_all);
	return unit_done();
}
