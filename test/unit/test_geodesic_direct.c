/*
 * test_geodesic_direct.c
 *		Unit tests of the direct geodesic problem and interpolation along a
 *		geodesic (src/core/geodesic.c).
 *
 * Reference values:
 *  - the GeodTest.dat geodesics of test_geodesic.c (C. F. F. Karney, "Test
 *    set for geodesics", 2010, doi:10.5281/zenodo.32156): the direct
 *    problem from point 1 with the azimuth found over the published s12
 *    must land on point 2, and the length found must be the published s12;
 *  - the azimuths of the first three, as GeographicLib's own test suite
 *    quotes them;
 *  - the quarter meridian and the quarter equator (PROJ geod(1)).
 * Distances are measured with the inverse, itself tested to 1e-8 m.
 */
#include "geodesic.h"
#include "unit.h"

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

/* azi1, azi2 of the first three (GeographicLib's test suite) */
static const double geodtest_azi[3][2] = {
	{111.098748429560326, 129.289270889708762},
	{22.020059880982801, 109.112041110671519},
	{-32.44456876433189, -41.84359951440466},
};

/* legs of the kind journeys have: southern Mexico, the antimeridian, a pole */
static const double legs[][4] = {
	{14.9, -92.26, 16.23, -93.9},	/* Tapachula - Arriaga */
	{16.5633, -95.0989, 18.15, -94.4333},	/* Ixtepec - Coatzacoalcos */
	{14.9056, -92.2633, 14.9146, -92.2633},	/* one kilometre north */
	{18.15, -94.4333, 18.1501, -94.4332},	/* fifteen metres */
	{-17.7, 178.5, -18.1, -179.2},	/* across the antimeridian (Fiji) */
	{85, 10, 86, -170},			/* over the north pole */
	{32.5, -117.03, 40.64, -73.78},	/* Tijuana - New York */
	{0, 0, 0, 90},				/* the equator */
	{0, 10, 50, 10},			/* a meridian */
};

int
main(void)
{
	char		what[160];
	size_t		i;
	double		lat,
				lon,
				azi,
				s12,
				azi1;

	for (i = 0; i < 20; i++)
	{
		const double *t = geodtest[i];

		CHECK(geodesic_inverse_azimuth_wgs84(t[0], t[1], t[2], t[3], &s12, &azi1) == 0,
			  "inverse with azimuth accepts a GeodTest case");
		snprintf(what, sizeof(what), "GeodTest case %zu: length by Newton on the direct problem", i);
		CHECK_NEAR(s12, t[4], 1e-6, what);
		CHECK(geodesic_direct_wgs84(t[0], t[1], azi1, t[4], &lat, &lon, &azi) == 0,
			  "direct accepts a GeodTest case");
		snprintf(what, sizeof(what), "GeodTest case %zu: the direct problem over s12 lands on point 2", i);
		CHECK_NEAR(geodesic_inverse_wgs84(lat, lon, t[2], t[3]), 0, 1e-6, what);
		if (i < 3)
		{
			snprintf(what, sizeof(what), "GeodTest case %zu: azimuth at point 1", i);
			CHECK_NEAR(azi1, geodtest_azi[i][0], 1e-9, what);
			snprintf(what, sizeof(what), "GeodTest case %zu: azimuth at point 2", i);
			CHECK_NEAR(azi, geodtest_azi[i][1], 1e-9, what);
		}
	}

	for (i = 0; i < sizeof(legs) / sizeof(legs[0]); i++)
	{
		const double *t = legs[i];
		double		len = geodesic_inverse_wgs84(t[0], t[1], t[2], t[3]),
					f;

		geodesic_inverse_azimuth_wgs84(t[0], t[1], t[2], t[3], &s12, &azi1);
		snprintf(what, sizeof(what), "leg %zu: Newton's length is the inverse's", i);
		CHECK_NEAR(s12, len, 1e-6, what);
		for (f = 0.125; f < 1; f += 0.125)
		{
			double		a,
						b;

			CHECK(geodesic_interpolate_wgs84(t[0], t[1], t[2], t[3], f, &lat, &lon) == 0,
				  "interpolation accepts a leg");
			a = geodesic_inverse_wgs84(t[0], t[1], lat, lon);
			b = geodesic_inverse_wgs84(lat, lon, t[2], t[3]);
			snprintf(what, sizeof(what), "leg %zu at %g: the point is f * s12 from the start", i, f);
			CHECK_NEAR(a, f * len, 1e-6, what);
			/* on the geodesic: the two parts add up to the whole */
			snprintf(what, sizeof(what), "leg %zu at %g: the point lies on the geodesic", i, f);
			CHECK_NEAR(a + b, len, 1e-6, what);
			CHECK(lon >= -180 && lon <= 180, "interpolated longitude in [-180, 180]");
		}
		geodesic_interpolate_wgs84(t[0], t[1], t[2], t[3], 0, &lat, &lon);
		CHECK(lat == t[0] && lon == t[1], "fraction 0 is the start exactly");
		geodesic_interpolate_wgs84(t[0], t[1], t[2], t[3], 1, &lat, &lon);
		CHECK(lat == t[2] && lon == t[3], "fraction 1 is the end exactly");
	}

	/* quarter of the equator and of a meridian (PROJ geod) */
	geodesic_direct_wgs84(0, 0, 90, 6378137.0 * M_PI / 2, &lat, &lon, &azi);
	CHECK_NEAR(lat, 0, 1e-12, "a * pi / 2 east along the equator: latitude 0");
	CHECK_NEAR(lon, 90, 1e-12, "a * pi / 2 east along the equator: longitude 90");
	CHECK_NEAR(azi, 90, 1e-12, "along the equator the azimuth stays 90");
	geodesic_direct_wgs84(0, 0, 0, 10001965.7293127235, &lat, &lon, &azi);
	CHECK_NEAR(lat, 90, 1e-9, "the quarter meridian north reaches the pole");
	geodesic_direct_wgs84(0, 170, 90, 6378137.0 * M_PI / 9, &lat, &lon, &azi);
	CHECK_NEAR(lon, -170, 1e-9, "east across the antimeridian: longitude wraps to -170");
	geodesic_direct_wgs84(10, 20, 45, 0, &lat, &lon, &azi);
	CHECK(lat == 10 && lon == 20 && fabs(azi - 45) < 1e-12, "zero distance stays put");
	/* round trip: inverse then direct, many lines */
	{
		int			k,
					worst_ok = 1;
		double		worst = 0;

		for (k = 0; k < 2000; k++)
		{
			/* a deterministic spread of pairs, a few thousand km at most */
			double		la1 = -80 + 160.0 * ((k * 37) % 1000) / 1000,
						lo1 = -180 + 360.0 * ((k * 91) % 1000) / 1000,
						la2 = la1 + 40.0 * (((k * 53) % 1000) / 1000.0 - 0.5),
						lo2 = lo1 + 60.0 * (((k * 29) % 1000) / 1000.0 - 0.5),
						miss;

			if (la2 > 90 || la2 < -90)
				continue;
			geodesic_inverse_azimuth_wgs84(la1, lo1, la2, lo2, &s12, &azi1);
			geodesic_direct_wgs84(la1, lo1, azi1, s12, &lat, &lon, NULL);
			miss = geodesic_inverse_wgs84(lat, lon, la2, lo2);
			if (!(miss <= 1e-6) ||
				!(fabs(s12 - geodesic_inverse_wgs84(la1, lo1, la2, lo2)) <= 1e-6))
				worst_ok = 0;
			if (miss > worst)
				worst = miss;
		}
		snprintf(what, sizeof(what), "2000 round trips inverse/direct within 1e-6 m (worst %.3g m)", worst);
		CHECK(worst_ok, what);
	}

	/*
	 * Within a radius of a point on the geodesic: the distance along it from
	 * that point is |s - s_c|, so the passage is s_c -/+ r (as fractions);
	 * of a point off the line, none when the line stays farther, and a
	 * passage through a 1 m circle is not missed on a 229 km leg.
	 */
	{
		const double *t = legs[0];
		double		len = geodesic_inverse_wgs84(t[0], t[1], t[2], t[3]),
					out[8],
					clat,
					clon;
		int			n;

		geodesic_interpolate_wgs84(t[0], t[1], t[2], t[3], 0.3, &clat, &clon);
		n = geodesic_within_radius_wgs84(t[0], t[1], t[2], t[3], clat, clon, 10000, 1e-9, out, 4);
		CHECK(n == 1, "one passage through a circle centred on the leg");
		CHECK_NEAR(out[0], 0.3 - 10000 / len, 1e-8, "it enters r before the centre");
		CHECK_NEAR(out[1], 0.3 + 10000 / len, 1e-8, "it leaves r after the centre");
		n = geodesic_within_radius_wgs84(t[0], t[1], t[2], t[3], clat, clon, 1, 1e-9, out, 4);
		CHECK(n == 1 && fabs(out[1] - out[0] - 2 / len) < 1e-8, "a 1 m circle on a 229 km leg is found");
		n = geodesic_within_radius_wgs84(t[0], t[1], t[2], t[3], t[0], t[1], 5000, 1e-9, out, 4);
		CHECK(n == 1 && out[0] == 0 && fabs(out[1] - 5000 / len) < 1e-8, "a circle at the start: from 0");
		n = geodesic_within_radius_wgs84(t[0], t[1], t[2], t[3], 19.43, -99.13, 10000, 1e-9, out, 4);
		CHECK(n == 0, "Mexico City is not within 10 km of Tapachula - Arriaga");
		n = geodesic_within_radius_wgs84(t[0], t[1], t[2], t[3], clat, clon, -1, 1e-9, out, 4);
		CHECK(n == -1, "a negative radius is refused");
	}

	/* bad arguments */
	CHECK(geodesic_direct_wgs84(91, 0, 0, 1, &lat, &lon, &azi) == -1, "direct: latitude 91 refused");
	CHECK(geodesic_direct_wgs84(0, 0, NAN, 1, &lat, &lon, &azi) == -1, "direct: NaN azimuth refused");
	CHECK(geodesic_direct_wgs84(0, 0, 0, INFINITY, &lat, &lon, &azi) == -1, "direct: infinite distance refused");
	CHECK(geodesic_interpolate_wgs84(0, 0, 95, 0, 0.5, &lat, &lon) == -1, "interpolate: latitude 95 refused");
	CHECK(geodesic_interpolate_wgs84(0, 0, 1, 1, NAN, &lat, &lon) == -1, "interpolate: NaN fraction refused");
	CHECK(geodesic_inverse_azimuth_wgs84(0, NAN, 1, 1, &s12, &azi1) == -1, "inverse with azimuth: NaN refused");

	return unit_done();
}
