/*
 * test_geodesic.c
 *		Unit tests of the WGS84 inverse geodesic (src/core/geodesic.c).
 *
 * Reference values:
 *  - twenty geodesics of GeographicLib's published test set GeodTest.dat
 *    (C. F. F. Karney, "Test set for geodesics", 2010, doi:10.5281/zenodo.32156),
 *    as quoted in GeographicLib's own test suite; s12 is exact to the printed
 *    digits.  A double near 1e7 m has a spacing of 1.9e-9 m, so a tolerance of
 *    1e-8 m (GeographicLib's own for these cases) is a few units in the last
 *    place;
 *  - GeographicLib's regression cases "GeodSolve" (nearly antipodal points,
 *    equatorial and polar cases, a 7 cm line, Vincenty's failure case), with
 *    the tolerance of their printed digits;
 *  - values computed independently with PROJ's geod(1) (GeographicLib's C
 *    implementation), "geod +ellps=WGS84 -I -f %.10f -F %.10f".
 */
#include "geodesic.h"
#include "unit.h"

extern double geodesic_astroid(double x, double y);

static const double geodtest[20][5] = {
	/* lat1, lon1, lat2, lon2, s12 */
	{35.60777, -139.44815, -11.17491, -69.95921, 8935244.5604818305},
	{55.52454, 106.05087, 77.03196, 197.18234, 4105086.1713924406},
	{-21.97856, 142.59065, 41.84138, 98.56635, 8394328.894657671},
	{-66.99028, 112.2363, -12.70631, 285.90344, 11150344.2312080241},
	{-17.42761, 173.34268, -15.84784, 5.93557, 16076603.1631180673},
	{32.84994, 48.28919, -56.28556, 202.29132, 16727068.9438164461},
	{6.96833, 52.74123, -7.39675, 206.17291, 17102477.2496958388},
	{-50.56724, -16.30485, -33.56571, -94.97412, 6455670.5118668696},
	{-58.93002, -8.90775, -8.91104, 133.13503, 11756066.0219864627},
	{-68.82867, -74.28391, -50.63005, -8.36685, 3956936.926063544},
	{-10.62672, -32.0898, 5.883, -134.31681, 11470869.3864563009},
	{-21.76221, 166.90563, 48.72884, 213.97627, 9098627.3986554915},
	{-19.79938, -174.47484, -11.99349, -154.35109, 2319004.8601169389},
	{-11.95887, -116.94513, 4.57352, 7.16501, 13834722.5801401374},
	{-87.85331, 85.66836, 66.48646, 16.09921, 17286615.3147144645},
	{1.74708, 128.32011, -11.16617, 11.87109, 12942901.1241347408},
	{-25.72959, -144.90758, -57.70581, -269.17879, 9413446.7452453107},
	{-41.22777, 122.32875, -7.57291, 130.37946, 3812686.035106021},
	{11.01307, 138.25278, 6.62726, 247.05981, 11911190.819018408},
	{-29.47124, 95.14681, -27.46601, -69.15955, 13487015.8381145492},
};

/* lat1, lon1, lat2, lon2, s12, tolerance */
static const double solve[][6] = {
	/* GeodSolve0: JFK to CDG */
	{40.6, -73.8, 49.01666667, 2.55, 5853226, 0.5},
	/* GeodSolve4: a 7 cm line (short-line bug) */
	{36.493349428792, 0, 36.49334942879201, .0000008, 0.072, 0.5e-3},
	/* GeodSolve6, 9, 10, 11: nearly antipodal, bet2 = -bet1 */
	{88.202499451857, 0, -88.202499451857, 179.981022032992859592, 20003898.214, 0.5e-3},
	{89.262080389218, 0, -89.262080389218, 179.992207982775375662, 20003925.854, 0.5e-3},
	{89.333123580033, 0, -89.333123580032997687, 179.99295812360148422, 20003926.881, 0.5e-3},
	{56.320923501171, 0, -56.320923501171, 179.664747671772880215, 19993558.287, 0.5e-3},
	{52.784459512564, 0, -52.784459512563990912, 179.634407464943777557, 19991596.095, 0.5e-3},
	{48.522876735459, 0, -48.52287673545898293, 179.599720456223079643, 19989144.774, 0.5e-3},
	/* GeodSolve33: equatorial and just off it, up to antipodal */
	{0, 0, 0, 179, 19926189, 0.5},
	{0, 0, 0, 179.5, 19980862, 0.5},
	{0, 0, 0, 180, 20003931, 0.5},
	{0, 0, 1, 180, 19893357, 0.5},
	/* GeodSolve59: longitudes nearly 180 apart */
	{5, 0.00000000000001, 10, 180, 18345191.174332713, 5e-9},
	/* GeodSolve74: 40 m */
	{54.1589, 15.3872, 54.1591, 15.3877, 39.527686385, 5e-9},
	/* GeodSolve76: Wellington to Salamanca, where Vincenty fails */
	{-(41 + 19 / 60.0), 174 + 49 / 60.0, 40 + 58 / 60.0, -(5 + 30 / 60.0), 19960543.857179, 0.5e-6},
	/* GeodSolve78: where the NGS calculator fails to converge */
	{27.2, 0.0, -27.1, 179.5, 19974354.765767, 0.5e-6},
	/* GeodSolve80: coincident points, and the pole reached twice */
	{20.001, 0, 20.001, 0, 0, 1e-8},
	{90, 0, 90, 180, 0, 1e-8},
	/* GeodSolve92: 26 cm */
	{37.757540000000006, -122.47018, 37.75754, -122.470177, 0.264, 0.5e-3},
	/* PROJ geod(1): pole to pole, antipodal and nearly antipodal */
	{90, 0, -90, 0, 20003931.4586254470, 1e-8},
	{45, -100, -45, 80, 20003931.4586254470, 1e-8},
	{89.9999999, 0, -89.9999999, 180, 20003931.4586254470, 1e-8},
	{-30, 10, 30.0000001, -170.0000001, 20003931.4475401975, 1e-8},
	{10, 20, -10.001, -159.999, 20003820.7587087825, 1e-8},
	{0, 0, 0.5, 179.7, 19944127.4207504578, 1e-8},
	{-0.1, 0, 0.1, 179.3, 19959584.7154850103, 1e-8},
	{0, 0, 0, 179.4, 19970715.5165959969, 1e-8},
	/* PROJ geod(1): Tapachula to Arriaga (Chiapas) */
	{14.9, -92.26, 16.23, -93.9, 229351.1444797809, 1e-9},
	/* PROJ geod(1): short and regional lines (Newton's early stop and its
	 * first-order length correction are in play here) */
	{16.2361, -93.8994, 16.5633, -95.0989, 133147.0016646732, 1e-9},
	{14.9056, -92.2633, 14.9146, -92.2633, 995.8304383211, 1e-9},
	{18.15, -94.4333, 18.1501, -94.4332, 15.3125287353, 1e-9},
	{-33.9, 151.2, -33.95, 151.25, 7220.3560446056, 1e-9},
	{60, 10, 60.001, 10.002, 157.6923730608, 1e-9},
};

int
main(void)
{
	char		what[128];
	size_t		i;

	for (i = 0; i < 20; i++)
	{
		const double *t = geodtest[i];

		snprintf(what, sizeof(what), "GeodTest case %zu", i);
		CHECK_NEAR(geodesic_inverse_wgs84(t[0], t[1], t[2], t[3]), t[4], 1e-8, what);
		snprintf(what, sizeof(what), "GeodTest case %zu reversed", i);
		CHECK_NEAR(geodesic_inverse_wgs84(t[2], t[3], t[0], t[1]), t[4], 1e-8, what);
		snprintf(what, sizeof(what), "GeodTest case %zu mirrored", i);
		CHECK_NEAR(geodesic_inverse_wgs84(-t[0], -t[1], -t[2], -t[3]), t[4], 1e-8, what);
		snprintf(what, sizeof(what), "GeodTest case %zu shifted by 360", i);
		CHECK_NEAR(geodesic_inverse_wgs84(t[0], t[1] + 360, t[2], t[3] - 720), t[4], 1e-8, what);
	}

	for (i = 0; i < sizeof(solve) / sizeof(solve[0]); i++)
	{
		const double *t = solve[i];

		snprintf(what, sizeof(what), "reference case %zu (%g,%g)-(%g,%g)",
				 i, t[0], t[1], t[2], t[3]);
		CHECK_NEAR(geodesic_inverse_wgs84(t[0], t[1], t[2], t[3]), t[4], t[5], what);
	}

	/* identities */
	CHECK(geodesic_inverse_wgs84(14.9, -92.26, 14.9, -92.26) == 0.0,
		  "identical points are exactly 0 apart");
	CHECK(geodesic_inverse_wgs84(90, 17, 90, -123) == 0.0,
		  "the pole at any longitude is one point");
	CHECK(geodesic_inverse_wgs84(0, 180, 0, -180) == 0.0,
		  "longitude 180 and -180 are one meridian");
	/*
	 * A longitude of 1e-321 (subnormal) is 0 to any precision; two points
	 * just off the equator, 180 degrees apart, are joined over a pole, not
	 * along the equator (a * pi, longer than half a meridian).  Found by
	 * fuzz_geodesic (corpus: regress-subnormal-lon-equator).
	 */
	CHECK_NEAR(geodesic_inverse_wgs84(7e-10, 2.465e-321, 6.9e-10, 180),
			   geodesic_inverse_wgs84(7e-10, 0, 6.9e-10, 180), 1e-8,
			   "a subnormal longitude counts as 0");
	CHECK(geodesic_inverse_wgs84(6.986011751914545e-10, 2.465e-321,
								 6.984919309616089e-10, 73718818668540.0) <= 20003931.46,
		  "antipodal points just off the equator: not longer than half a meridian");
	/* a quarter meridian, equator to pole (PROJ geod) */
	CHECK_NEAR(geodesic_inverse_wgs84(0, 0, 90, 0), 10001965.7293127235, 1e-8,
			   "quarter meridian");
	/* the equator: a * lambda */
	CHECK_NEAR(geodesic_inverse_wgs84(0, 0, 0, 90), 6378137.0 * M_PI / 2, 1e-8,
			   "quarter of the equator is a*pi/2");

	/* bad input gives NaN, not a hang or a crash */
	CHECK(isnan(geodesic_inverse_wgs84(NAN, 0, 0, 0)), "NaN latitude gives NaN");
	CHECK(isnan(geodesic_inverse_wgs84(0, 0, 0, NAN)), "NaN longitude gives NaN");
	CHECK(isnan(geodesic_inverse_wgs84(0, INFINITY, 0, 0)), "infinite longitude gives NaN");
	CHECK(isnan(geodesic_inverse_wgs84(90.5, 0, 0, 0)), "latitude beyond 90 gives NaN");

	/* the astroid root satisfies its quartic (paper eq. 55) */
	{
		static const double xy[][2] = {{-0.5, -0.3}, {-1.2, 0}, {-2, -3}, {-0.01, -0.9}, {-7, -0.001}};

		for (i = 0; i < sizeof(xy) / sizeof(xy[0]); i++)
		{
			double		x = xy[i][0],
						y = xy[i][1],
						k = geodesic_astroid(x, y),
						res = k * k * k * k + 2 * k * k * k + (1 - x * x - y * y) * k * k
			- 2 * y * y * k - y * y;

			snprintf(what, sizeof(what), "astroid root for (%g,%g) is positive", x, y);
			CHECK(k > 0, what);
			snprintf(what, sizeof(what), "astroid root for (%g,%g) solves the quartic", x, y);
			CHECK_NEAR(res, 0, 1e-12 * (1 + k * k * k * k), what);
		}
		CHECK(geodesic_astroid(-0.5, 0) == 0, "astroid root is 0 inside the cut");
	}

	/* symmetry and monotonicity along a meridian, sampled */
	{
		double		prev = 0;
		int			ok = 1,
					j;

		for (j = 1; j <= 180; j++)
		{
			double		d = geodesic_inverse_wgs84(-90, 0, -90 + j, 0);

			if (!(d > prev))
				ok = 0;
			prev = d;
		}
		CHECK(ok, "distance from the pole grows along a meridian");
		CHECK_NEAR(prev, 20003931.4586254470, 1e-8, "pole to pole is two quarter meridians");
	}

	return unit_done();
}
