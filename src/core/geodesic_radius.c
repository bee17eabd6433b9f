/*
 * geodesic_radius.c
 *		Which parts of a geodesic lie within a distance of a point: the
 *		passages of a leg through a circle on the WGS84 ellipsoid (a
 *		geodesic circle: every point within radius metres along the
 *		ellipsoid), for the time a journey spends near a place.
 *
 * The distance d(f) from the centre to the point at fraction f of the leg
 * changes by at most the arc length between two fractions (triangle
 * inequality), so on [fa, fb], of arc length ds, d lies between
 * (d(fa) + d(fb) - ds) / 2 and (d(fa) + d(fb) + ds) / 2.  A part whose bounds
 * are both outside or both inside the radius is settled; the others are
 * halved until they are shorter than the tolerance.  No PostgreSQL headers.
 */
#include "geodesic.h"

#include <math.h>
#include <stdbool.h>

/* depth-first halving; beyond this many distance evaluations the remaining
 * parts are settled by their ends (a line grazing the circle for its whole
 * length would otherwise be halved down to the tolerance everywhere) */
#define RADIUS_MAX_EVAL 20000
#define RADIUS_STACK 128

typedef struct
{
	double		lat1,
				lon1,
				azi1,
				s12,
				clat,
				clon,
				radius;
	int			evals;
} radius_line;

static double
radius_dist(radius_line *L, double f)
{
	double		lat,
				lon;

	L->evals++;
	geodesic_direct_wgs84(L->lat1, L->lon1, L->azi1, f * L->s12, &lat, &lon, (double *) 0);
	return geodesic_inverse_wgs84(L->clat, L->clon, lat, lon);
}

int
geodesic_within_radius_wgs84(double lat1, double lon1, double lat2, double lon2,
							 double clat, double clon, double radius,
							 double tol_frac, double *out, int max)
{
	radius_line L;
	double		sf[RADIUS_STACK][4];	/* fa, da, fb, db */
	int			sp = 0,
				n = 0;
	double		d0,
				d1;
	bool		inside;

	if (isnan(radius) || radius < 0 || !(tol_frac > 0) || max < 1 ||
		isnan(clat) || isnan(clon) || isinf(clon) || fabs(clat) > 90 ||
		geodesic_inverse_azimuth_wgs84(lat1, lon1, lat2, lon2, &L.s12, &L.azi1) != 0)
		return -1;
	L.lat1 = lat1;
	L.lon1 = lon1;
	L.clat = clat;
	L.clon = clon;
	L.radius = radius;
	L.evals = 0;

	d0 = geodesic_inverse_wgs84(clat, clon, lat1, lon1);
	d1 = geodesic_inverse_wgs84(clat, clon, lat2, lon2);
	inside = d0 <= radius;
	if (inside)
		out[0] = 0;

	sf[0][0] = 0;
	sf[0][1] = d0;
	sf[0][2] = 1;
	sf[0][3] = d1;
	sp = 1;
	while (sp > 0)
	{
		double		fa,
					da,
					fb,
					db,
					ds,
					fm,
					dm;
		bool		ina,
					inb;

		sp--;
		fa = sf[sp][0];
		da = sf[sp][1];
		fb = sf[sp][2];
		db = sf[sp][3];
		ds = (fb - fa) * L.s12;
		ina = da <= radius;
		inb = db <= radius;
		if (ina == inb)
		{
			if (!ina && (da + db - ds) / 2 > radius)
				continue;		/* wholly outside */
			if (ina && (da + db + ds) / 2 <= radius)
				continue;		/* wholly inside */
		}
		if (fb - fa <= tol_frac || sp + 2 > RADIUS_STACK || L.evals >= RADIUS_MAX_EVAL)
		{
			if (ina != inb)
			{
				/* a crossing, placed in the middle of its part */
				double		f = (fa + fb) / 2;

				if (inb)
				{
					if (n < max)
						out[2 * n] = f;
					inside = true;
				}
				else
				{
					if (n < max)
						out[2 * n + 1] = f;
					n++;
					inside = false;
				}
			}
			continue;
		}
		fm = (fa + fb) / 2;
		dm = radius_dist(&L, fm);
		/* the left half first, so crossings come out in order */
		sf[sp][0] = fm;
		sf[sp][1] = dm;
		sf[sp][2] = fb;
		sf[sp][3] = db;
		sp++;
		sf[sp][0] = fa;
		sf[sp][1] = da;
		sf[sp][2] = fm;
		sf[sp][3] = dm;
		sp++;
	}
	if (inside)
	{
		if (n < max)
			out[2 * n + 1] = 1;
		n++;
	}
	return n < max ? n : max;
}
