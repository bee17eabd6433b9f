/*
 * test_segment_box.c
 *		Unit tests of the space-time box of a route segment
 *		(src/core/segment_box.c).
 *
 * The reference is the geodesic itself, found from the inverse alone
 * (src/core/geodesic.c, checked against GeographicLib in test_geodesic.c):
 * at a longitude between the end points, the point of the geodesic is the
 * latitude where s(P1, Q) + s(Q, P2) is least (it equals s12 there and
 * only there, by the triangle inequality).  The minimum is bracketed by a
 * golden-section search and refined by parabolic steps (the sum is smooth
 * and nearly quadratic there), to about 1e-9 degree; the check asks for the
 * point to lie in the box within 1e-7 degree (1 cm) and the sum to be s12
 * within 1 mm.
 */
#include <stdlib.h>

#include "geodesic.h"
#include "segment_box.h"
#include "unit.h"

static double P1lat,
			P1lon,
			P2lat,
			P2lon;

static double
detour(double lat, double lon)
{
	return geodesic_inverse_wgs84(P1lat, P1lon, lat, lon) +
		geodesic_inverse_wgs84(lat, lon, P2lat, P2lon);
}

/* the latitude of the geodesic P1-P2 at longitude lon, searched in [lo, hi] */
static double
geodesic_lat_at(double lon, double lo, double hi)
{
	const double g = (sqrt(5.0) - 1) / 2;
	double		a = lo,
				b = hi,
				c = b - g * (b - a),
				d = a + g * (b - a),
				fc = detour(c, lon),
				fd = detour(d, lon),
				x;
	int			i;

	while (b - a > 1e-5)
	{
		if (fc < fd)
		{
			b = d;
			d = c;
			fd = fc;
			c = b - g * (b - a);
			fc = detour(c, lon);
		}
		else
		{
			a = c;
			c = d;
			fc = fd;
			d = a + g * (b - a);
			fd = detour(d, lon);
		}
	}
	x = (a + b) / 2;
	for (i = 0; i < 3; i++)
	{
		double		h = i == 0 ? 1e-4 : 1e-5,
					fm = detour(x - h, lon),
					f0 = detour(x, lon),
					fp = detour(x + h, lon),
					den = fp - 2 * f0 + fm;

		if (!(den > 0))
			break;
		x -= h * (fp - fm) / (2 * den);
		if (x > 90)
			x = 90;
		if (x < -90)
			x = -90;
	}
	return x;
}

/* a bracket: the latitude of the great circle of a sphere at lon1 + dl */
static double
gc_lat(double lon1, double lat1, double d, double lat2, double dl)
{
	const double r = M_PI / 180;

	(void) lon1;
	return atan((tan(lat1 * r) * sin((d - dl) * r) + tan(lat2 * r) * sin(dl * r)) /
				sin(d * r)) / r;
}

static bool
lon_in_box(const segment_box *b, double lon)
{
	int			k;

	for (k = -1; k <= 1; k++)
	{
		double		x = lon + 360.0 * k;

		if (x >= b->xmin - 1e-12 && x <= b->xmax + 1e-12)
			return true;
	}
	return b->xmax - b->xmin >= 360;
}

/*
 * Samples the geodesic at n longitudes; returns how many points lay
 * outside the box (or -1 when the geodesic could not be followed), and
 * the highest and lowest latitudes sampled.
 */
static int
outside(double lon1, double lat1, double lon2, double lat2, int n,
		const segment_box *b, double *maxlat, double *minlat)
{
	double		s12 = geodesic_inverse_wgs84(lat1, lon1, lat2, lon2),
				d = remainder(lon2 - lon1, 360.0);
	int			i,
				bad = 0;

	P1lat = lat1;
	P1lon = lon1;
	P2lat = lat2;
	P2lon = lon2;
	*maxlat = fmax(lat1, lat2);
	*minlat = fmin(lat1, lat2);
	for (i = 1; i < n; i++)
	{
		double		lon = lon1 + d * i / n,
					guess = gc_lat(lon1, lat1, d, lat2, d * i / n),
					lat = geodesic_lat_at(lon, fmax(-90, guess - 3), fmin(90, guess + 3));

		if (fabs(detour(lat, lon) - s12) > 1e-3)
			return -1;
		*maxlat = fmax(*maxlat, lat);
		*minlat = fmin(*minlat, lat);
		if (lat > b->ymax + 1e-7 || lat < b->ymin - 1e-7 || !lon_in_box(b, lon))
		{
			if (bad == 0)
				printf("# outside: %.12g %.12g (box %.12g %.12g %.12g %.12g)\n",
					   lon, lat, b->xmin, b->xmax, b->ymin, b->ymax);
			bad++;
		}
	}
	return bad;
}

static segment_box
box_of(double lon1, double lat1, double lon2, double lat2)
{
	segment_box b;

	memset(&b, 0, sizeof(b));
	segment_box_geodesic(lon1, lat1, lon2, lat2, &b);
	return b;
}

static void
check_leg(double lon1, double lat1, double lon2, double lat2, const char *what)
{
	segment_box b = box_of(lon1, lat1, lon2, lat2);
	double		hi,
				lo;
	char		msg[200];
	int			bad = outside(lon1, lat1, lon2, lat2, 200, &b, &hi, &lo);

	snprintf(msg, sizeof(msg), "%s: geodesic followed", what);
	CHECK(bad >= 0, msg);
	snprintf(msg, sizeof(msg), "%s: 200 points of the geodesic in the box", what);
	CHECK(bad == 0, msg);
	/* and the box is not much wider than the geodesic (0.01 degree) */
	snprintf(msg, sizeof(msg), "%s: box tight in latitude (%.3g, %.3g)", what,
			 b.ymax - hi, lo - b.ymin);
	CHECK(b.ymax - hi < 0.01 && lo - b.ymin < 0.01, msg);
}

static uint64_t rng = 88172645463325252ULL;

static double
uniform(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (rng >> 11) * (1.0 / 9007199254740992.0);
}

int
main(void)
{
	segment_box b,
				q,
				u;
	bool		right[6];
	segment_box keys[6];
	char		work[1024];
	int			i,
				bad_random = 0,
				followed = 0,
				wide = 0;
	double		hi,
				lo;

	/* short legs of the region: the box is the end points' */
	b = box_of(-92.2677, 14.9039, -93.8947, 16.2333);	/* Tapachula - Arriaga */
	CHECK(b.xmin == -93.8947 && b.xmax == -92.2677, "Tapachula-Arriaga: longitudes are the end points'");
	CHECK(b.ymin == 14.9039 && b.ymax == 16.2333, "Tapachula-Arriaga: latitudes are the end points'");
	CHECK(b.flags == SEGMENT_BOX_SPACE, "the geodesic sets the space flag only");
	check_leg(-92.2677, 14.9039, -93.8947, 16.2333, "Tapachula-Arriaga");
	check_leg(-95.0333, 16.4333, -94.4333, 18.15, "Ixtepec-Coatzacoalcos");

	/* the antimeridian: 179E to 179W is 2 degrees wide, across 180 */
	b = box_of(179, 10, -179, 12);
	CHECK(b.xmin == 179 && b.xmax == 181, "179E-179W: box [179, 181]");
	check_leg(179, 10, -179, 12, "179E-179W");
	b = box_of(-179, -40, 179.5, -41);
	CHECK(b.xmin == 179.5 && b.xmax == 181, "179W-179.5E westward: box [179.5, 181]");
	check_leg(-179, -40, 179.5, -41, "179W-179.5E");
	b = box_of(540, 0, 181, 1);	/* 180 and -179 */
	CHECK(b.xmin == -180 && b.xmax == -179, "longitudes reduced: 540 is -180");

	/* near the poles: the highest latitude lies between the end points */
	b = box_of(0, 80, 170, 80);
	CHECK(b.ymax > 89 && b.ymin == 80, "80N 0E - 80N 170E: box reaches the vertex near the pole");
	check_leg(0, 80, 170, 80, "80N 0E - 80N 170E");
	{
		segment_box ends = b;

		ends.ymax = 80;			/* the end points' box misses the geodesic */
		CHECK(outside(0, 80, 170, 80, 200, &ends, &hi, &lo) > 0,
			  "the end points' box does not contain that geodesic");
	}
	check_leg(-60, -70, 100, -75, "70S 60W - 75S 100E");
	check_leg(-100, 30, 20, 40, "30N 100W - 40N 20E");
	check_leg(10, 60, 179, -5, "60N 10E - 5S 179E");
	check_leg(150, 0, -160, 0.001, "equator across 180");
	check_leg(-80, 5, 80, 5, "5N 80W - 5N 80E (160 degrees)");

	/* a pole as an end point: the leg runs along the other's meridian */
	b = box_of(10, 90, 20, 45);
	CHECK(b.xmin == 20 && b.xmax == 20 && b.ymin == 45 && b.ymax == 90, "from the north pole: meridian of the other end");
	b = box_of(10, -90, 20, 90);
	CHECK(b.xmin == -180 && b.xmax == 180, "pole to pole: every longitude");
	/* meridians */
	b = box_of(-99, 19, -99, 25);
	CHECK(b.xmin == -99 && b.xmax == -99 && b.ymin == 19 && b.ymax == 25, "along a meridian");
	b = box_of(-99, 19, -99, 19);
	CHECK(b.xmin == -99 && b.xmax == -99 && b.ymin == 19 && b.ymax == 19, "a point");
	/* 180 degrees apart: over a pole or nearly antipodal, the whole world */
	b = box_of(0, 10, 180, 20);
	CHECK(b.xmin == -180 && b.xmax == 180 && b.ymin == -90 && b.ymax == 90, "180 degrees apart: the whole world");
	b = box_of(0, 10, 179.8, -10.1);
	CHECK(b.xmin == 0 && b.xmax == 179.8 && b.ymin == -90 && b.ymax == 90,
		  "nearly antipodal: longitudes exact, latitudes to the poles");

	/* extreme but valid inputs: finite, ordered boxes */
	{
		static const double ext[][4] = {
			{1e300, 0, -1e300, 1}, {-180, -90, 180, 90}, {0, 90, 0, -90}, {180, 0, -180, 0},
			{0, 89.999999999, 179.999999999, 89.999999999}, {5e-324, -5e-324, -5e-324, 5e-324},
			{-179.99999999999997, 0, 179.99999999999997, 0}, {90, 0, -90, 0},
		};
		int			ok = 1;

		for (i = 0; i < (int) (sizeof(ext) / sizeof(ext[0])); i++)
		{
			b = box_of(ext[i][0], ext[i][1], ext[i][2], ext[i][3]);
			if (!(isfinite(b.xmin) && isfinite(b.xmax) && isfinite(b.ymin) && isfinite(b.ymax) &&
				  b.xmin <= b.xmax && b.ymin <= b.ymax && b.xmin >= -180 && b.xmin < 180 &&
				  b.xmax <= b.xmin + 360 && b.ymin >= -90 && b.ymax <= 90 &&
				  b.ymin <= fmin(ext[i][1], ext[i][3]) && b.ymax >= fmax(ext[i][1], ext[i][3])))
			{
				printf("# extreme %d: %g %g %g %g\n", i, b.xmin, b.xmax, b.ymin, b.ymax);
				ok = 0;
			}
		}
		CHECK(ok, "extreme inputs: finite boxes holding the end points");
	}

	/* random legs anywhere, short and long */
	for (i = 0; i < 300; i++)
	{
		double		lon1 = 360 * uniform() - 180,
					lat1 = asin(2 * uniform() - 1) * 180 / M_PI,
					span = i % 3 == 0 ? 170 : i % 3 == 1 ? 40 : 2,
					lon2 = lon1 + span * (2 * uniform() - 1),
					lat2 = fmax(-89.9, fmin(89.9, lat1 + span / 2 * (2 * uniform() - 1)));
		int			r;

		b = box_of(lon1, lat1, lon2, lat2);
		r = outside(lon1, lat1, lon2, lat2, 30, &b, &hi, &lo);
		if (r < 0)
			continue;
		followed++;
		bad_random += r;
		if (b.ymax - hi > 0.01 || lo - b.ymin > 0.01)
			wide++;
	}
	CHECK(followed > 250, "random legs: the geodesic was followed for most");
	CHECK(bad_random == 0, "random legs: every sampled point in the box");
	printf("# random legs: %d followed, %d with a box over 0.01 degree wider\n", followed, wide);

	/* query boxes */
	memset(&q, 0, sizeof(q));
	CHECK(!segment_box_set_space(&q, 0, 0, 1, 91), "query: latitude above 90 refused");
	CHECK(!segment_box_set_space(&q, 1, 0, 0, 1), "query: xmin > xmax refused");
	CHECK(!segment_box_set_space(&q, NAN, 0, 0, 1), "query: NaN refused");
	CHECK(q.flags == 0, "query: refused boxes leave it untouched");
	CHECK(segment_box_set_space(&q, 170, -10, 190, 10) && q.xmin == 170 && q.xmax == 190,
		  "query [170, 190] kept across 180");
	b = box_of(-175, 0, -174, 1);
	CHECK(segment_box_overlaps(&b, &q), "query [170, 190] meets a leg at 175W");
	b = box_of(179, 10, -179, 12);
	memset(&q, 0, sizeof(q));
	segment_box_set_space(&q, -179.5, 9, -179.2, 13);
	CHECK(segment_box_overlaps(&b, &q), "a leg across 180 meets a query west of it");
	memset(&q, 0, sizeof(q));
	segment_box_set_space(&q, 0, 9, 10, 13);
	CHECK(!segment_box_overlaps(&b, &q), "a leg across 180 misses a query at 0-10E");
	memset(&q, 0, sizeof(q));
	segment_box_set_space(&q, -200, 0, 200, 1);
	CHECK(q.xmin == -180 && q.xmax == 180, "query 400 degrees wide: the world");

	/* time */
	b = box_of(0, 0, 1, 1);
	memset(&q, 0, sizeof(q));
	q.flags = SEGMENT_BOX_TIME;
	q.tmin = 100;
	q.tmax = 200;
	CHECK(!segment_box_overlaps(&b, &q), "a leg without a time meets no time query");
	b.flags |= SEGMENT_BOX_TIME;
	b.tmin = 200;
	b.tmax = 300;
	CHECK(segment_box_overlaps(&b, &q), "closed spans touching at an instant overlap");
	b.tmin = 201;
	CHECK(!segment_box_overlaps(&b, &q), "disjoint spans do not");
	q.flags |= SEGMENT_BOX_EMPTY;
	b.tmin = 150;
	CHECK(!segment_box_overlaps(&b, &q), "an empty query meets nothing");

	/* union across 180 stays narrow; keys with and without time */
	u = box_of(170, 0, 179, 1);
	b = box_of(-175, 0, -170, 1);
	segment_box_union(&u, &b);
	CHECK(u.xmin == 170 && u.xmax == 190, "union across 180: [170, 190]");
	memset(&q, 0, sizeof(q));
	segment_box_set_space(&q, -172, 0, -171, 1);
	CHECK(segment_box_overlaps(&u, &q), "that union meets a query at 171W");
	u = box_of(0, 0, 1, 1);
	u.flags |= SEGMENT_BOX_UNTIMED;
	b.flags |= SEGMENT_BOX_TIME;
	b.tmin = 5;
	b.tmax = 9;
	segment_box_union(&u, &b);
	CHECK((u.flags & SEGMENT_BOX_TIME) && u.tmin == 5 && u.tmax == 9 && (u.flags & SEGMENT_BOX_UNTIMED),
		  "union of an untimed and a timed key has both flags, the timed span");
	u = box_of(0, 0, 1, 1);
	CHECK(segment_box_penalty(&u, &u) == 0, "no penalty to add a key to itself");
	b = box_of(0, 0, 2, 2);
	CHECK(segment_box_penalty(&u, &b) > 0, "a penalty to grow");

	/* split */
	for (i = 0; i < 6; i++)
	{
		keys[i] = box_of(i * 10, 0, i * 10 + 1, 1);
		keys[i].flags |= SEGMENT_BOX_TIME;
	}
	keys[2].flags &= ~SEGMENT_BOX_TIME;
	keys[2].flags |= SEGMENT_BOX_UNTIMED;
	CHECK(segment_box_split_work(6) <= sizeof(work), "split work fits");
	segment_box_split(keys, 6, right, work);
	CHECK(right[2] && !right[0] && !right[5], "split puts the untimed key apart");
	keys[2].flags = SEGMENT_BOX_SPACE | SEGMENT_BOX_TIME;
	segment_box_split(keys, 6, right, work);
	CHECK(!right[0] && !right[1] && !right[2] && right[3] && right[4] && right[5],
		  "split halves by longitude, where the centres spread");

	return unit_done();
}
