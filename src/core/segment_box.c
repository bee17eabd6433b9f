/*
 * segment_box.c
 *		The space-time box of a route segment: the longitude and latitude
 *		bounds of its WGS84 geodesic and its known time span, and the box
 *		arithmetic (overlap, union, penalty, split) of the GiST index on
 *		route_segment (route_segment_gist.c).  Pure C.
 *
 * Longitude.  Along a geodesic the longitude is monotone (dlambda/ds has
 * the sign of sin alpha0, Clairaut's constant), and the shortest geodesic
 * changes it by lon2 - lon1 reduced to [-180, 180]: the longitude bounds
 * are the end points', taken the short way round, so exact.  When the
 * difference is 180 degrees the geodesic may run over either pole, and the
 * box is the whole world.
 *
 * Latitude.  The geodesic maps onto a great circle of the auxiliary sphere
 * (reduced latitude beta, spherical longitude omega; Karney 2013, sec. 2),
 * and its latitude is extreme at an end point or at the vertex, where
 * cos(beta) = |sin(alpha0)| (Clairaut).  On that sphere the end points are
 * (beta1, 0) and (beta2, omega12), where omega12 is not lambda12 but
 * lambda12 + f sin(alpha0) I3(sigma12) (eq. 8), and 0 <= I3(sigma) <= sigma
 * (its integrand lies in (0, 1]): omega12 lies in [lambda12, lambda12 +
 * f sin(alpha0) sigma12].  sigma12 is bounded by sigma0 / (1 - f), sigma0
 * the arc to (beta2, lambda12) (triangle inequality along the parallel of
 * beta2), and sin(alpha0) by the cos(vertex) of that arc's circle.  The
 * vertex is taken from the great circles at both ends of that interval
 * (the arc's highest point rises with omega), and widened by
 * SEGMENT_BOX_LAT_MARGIN.  When the interval reaches omega = 180 degrees
 * (nearly antipodal end points) the latitude bounds are the poles.  The
 * unit tests check every box against points of the geodesic found from
 * the inverse alone.
 */
#include "segment_box.h"

#include <math.h>
#include <stdlib.h>

#include "geodesic.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define DEG (M_PI / 180)

/* a longitude in [-180, 180); remainder() is exact */
static double
lon_norm(double x)
{
	double		r = remainder(x, 360.0);

	if (r >= 180.0)
		r -= 360.0;
	return r + 0.0;
}

static void
cross(const double *a, const double *b, double *c)
{
	c[0] = a[1] * b[2] - a[2] * b[1];
	c[1] = a[2] * b[0] - a[0] * b[2];
	c[2] = a[0] * b[1] - a[1] * b[0];
}

static double
dot(const double *a, const double *b)
{
	return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/*
 * On the great circle through p1 and p2 (unit vectors, minor arc): the
 * latitude (auxiliary sphere, as sin/cos) of its highest point, and whether
 * that point (north) or its antipode (south) lies on the arc.  A vertex
 * within rounding of an end point counts as on the arc: that only widens
 * the box.
 */
static void
arc_vertex(const double *p1, const double *p2, double *sv, double *cv,
		   bool *north, bool *south)
{
	double		n[3],
				t[3],
				c[3],
				nn,
				a,
				b;
	const double tol = 1e-12;

	*north = *south = false;
	*sv = 0;
	*cv = 1;
	cross(p1, p2, n);
	nn = dot(n, n);
	if (!(nn > 1e-300))
		return;					/* coincident end points: no vertex */
	/* the highest point of the circle, unnormalised: z |n|^2 - nz n */
	t[0] = -n[2] * n[0];
	t[1] = -n[2] * n[1];
	t[2] = nn - n[2] * n[2];
	*sv = sqrt(n[0] * n[0] + n[1] * n[1]);
	*cv = fabs(n[2]);
	if (!(t[2] > 0))
		return;					/* the equator: every point is a vertex */
	cross(p1, t, c);
	a = dot(c, n);
	cross(t, p2, c);
	b = dot(c, n);
	/* scale of a and b: |p1| |t| |n| */
	{
		double		s = tol * sqrt(dot(t, t)) * sqrt(nn);

		*north = a >= -s && b >= -s;
		*south = a <= s && b <= s;
	}
}

/* geodetic latitude (degrees) of a reduced latitude given as sin, cos */
static double
lat_of_reduced(double sb, double cb)
{
	return atan2(sb, (1.0 - GEODESIC_WGS84_F) * cb) / DEG;
}

static void
unit_vector(double lat, double omega, double *p)
{
	double		sb = (1.0 - GEODESIC_WGS84_F) * sin(lat * DEG),
				cb = cos(lat * DEG),
				h = hypot(sb, cb);

	sb /= h;
	cb /= h;
	if (fabs(lat) == 90)
	{
		sb = lat > 0 ? 1 : -1;
		cb = 0;
	}
	p[0] = cb * cos(omega);
	p[1] = cb * sin(omega);
	p[2] = sb;
}

void
segment_box_geodesic(double lon1, double lat1, double lon2, double lat2,
					 segment_box *box)
{
	double		x1,
				x2,
				d,
				lam,
				p1[3],
				p2[3],
				c[3],
				sigma0,
				salp0,
				omegab;
	bool		north = false,
				south = false;
	double		vmax = -INFINITY;
	int			k;

	box->flags |= SEGMENT_BOX_SPACE;
	box->ymin = fmin(lat1, lat2);
	box->ymax = fmax(lat1, lat2);

	/* a pole has every longitude: the leg runs along the other's meridian */
	if (fabs(lat1) == 90 && fabs(lat2) == 90)
	{
		box->xmin = -180;
		box->xmax = 180;
		return;
	}
	if (fabs(lat1) == 90)
		lon1 = lon2;
	else if (fabs(lat2) == 90)
		lon2 = lon1;

	x1 = lon_norm(lon1);
	x2 = lon_norm(lon2);
	d = x2 - x1;
	if (d > 180)
		d -= 360;
	else if (d < -180)
		d += 360;
	if (fabs(d) >= 180)
	{
		box->xmin = -180;
		box->xmax = 180;
		box->ymin = -90;
		box->ymax = 90;
		return;
	}
	if (d == 0)
	{
		/* a meridian, or a point: the geodesic runs between the end points */
		box->xmin = box->xmax = x1;
		return;
	}
	if (d >= 0)
	{
		box->xmin = x1;
		box->xmax = x2 < x1 ? x2 + 360 : x2;
	}
	else
	{
		box->xmin = x2;
		box->xmax = x1 < x2 ? x1 + 360 : x1;
	}

	/* latitude: the vertex, on the auxiliary sphere (file header) */
	lam = fabs(d) * DEG;
	unit_vector(lat1, 0, p1);
	unit_vector(lat2, lam, p2);
	cross(p1, p2, c);
	sigma0 = atan2(sqrt(dot(c, c)), dot(p1, p2));
	/*
	 * sin(alpha0) is at most the cos(vertex) of the circle at omega =
	 * lambda12, the lowest of the circles in [lambda12, omega12]
	 */
	salp0 = fabs(c[2]) / sqrt(dot(c, c));
	omegab = lam + GEODESIC_WGS84_F * salp0 * sigma0 / (1.0 - GEODESIC_WGS84_F) * (1 + 1e-9) + 1e-15;
	if (omegab >= M_PI)
	{
		box->ymin = -90;
		box->ymax = 90;
		return;
	}
	for (k = 0; k < 2; k++)
	{
		double		sv,
					cv;
		bool		n,
					s;

		if (k == 1)
			unit_vector(lat2, omegab, p2);
		arc_vertex(p1, p2, &sv, &cv, &n, &s);
		north |= n;
		south |= s;
		vmax = fmax(vmax, lat_of_reduced(sv, cv));
	}
	if (north)
		box->ymax = fmin(90.0, fmax(box->ymax, vmax + SEGMENT_BOX_LAT_MARGIN));
	if (south)
		box->ymin = fmax(-90.0, fmin(box->ymin, -vmax - SEGMENT_BOX_LAT_MARGIN));
}

bool
segment_box_set_space(segment_box *box, double xmin, double ymin,
					  double xmax, double ymax)
{
	double		w;

	if (!isfinite(xmin) || !isfinite(xmax) || !isfinite(ymin) || !isfinite(ymax) ||
		xmin > xmax || ymin > ymax || ymin < -90 || ymax > 90)
		return false;
	w = xmax - xmin;
	if (w >= 360)
	{
		box->xmin = -180;
		box->xmax = 180;
	}
	else
	{
		box->xmin = lon_norm(xmin);
		box->xmax = box->xmin + w;
	}
	box->ymin = ymin;
	box->ymax = ymax;
	box->flags |= SEGMENT_BOX_SPACE;
	return true;
}

/*
 * Index keys stay within [-180, 540] and queries within [-180, 540), so a
 * longitude shared modulo 360 is found with a shift of -360, 0 or 360.
 */
static bool
lon_overlaps(double kmin, double kmax, double qmin, double qmax)
{
	int			k;

	if (kmax - kmin >= 360 || qmax - qmin >= 360)
		return true;
	for (k = -1; k <= 1; k++)
	{
		double		s = 360.0 * k;

		if (qmin + s <= kmax && qmax + s >= kmin)
			return true;
	}
	return false;
}

bool
segment_box_overlaps(const segment_box *key, const segment_box *query)
{
	if (query->flags & SEGMENT_BOX_EMPTY)
		return false;
	if (query->flags & SEGMENT_BOX_TIME)
	{
		if (!(key->flags & SEGMENT_BOX_TIME) ||
			query->tmin > key->tmax || query->tmax < key->tmin)
			return false;
	}
	if (query->flags & SEGMENT_BOX_SPACE)
	{
		if (query->ymin > key->ymax || query->ymax < key->ymin)
			return false;
		if (!lon_overlaps(key->xmin, key->xmax, query->xmin, query->xmax))
			return false;
	}
	return true;
}

void
segment_box_union(segment_box *a, const segment_box *b)
{
	/* longitude: b shifted by a turn when that gives a narrower key */
	{
		double		best = fmax(a->xmax, b->xmax) - fmin(a->xmin, b->xmin);
		double		shift = 0;
		int			k;

		for (k = -1; k <= 1; k += 2)
		{
			double		s = 360.0 * k,
						lo = fmin(a->xmin, b->xmin + s),
						hi = fmax(a->xmax, b->xmax + s);

			if (lo >= -180 && hi <= 540 && hi - lo < best)
			{
				best = hi - lo;
				shift = s;
			}
		}
		a->xmin = fmin(a->xmin, b->xmin + shift);
		a->xmax = fmax(a->xmax, b->xmax + shift);
	}
	a->ymin = fmin(a->ymin, b->ymin);
	a->ymax = fmax(a->ymax, b->ymax);
	if (b->flags & SEGMENT_BOX_TIME)
	{
		if (a->flags & SEGMENT_BOX_TIME)
		{
			a->tmin = a->tmin < b->tmin ? a->tmin : b->tmin;
			a->tmax = a->tmax > b->tmax ? a->tmax : b->tmax;
		}
		else
		{
			a->tmin = b->tmin;
			a->tmax = b->tmax;
		}
	}
	a->flags |= b->flags & (SEGMENT_BOX_SPACE | SEGMENT_BOX_TIME | SEGMENT_BOX_UNTIMED);
}

/* a day, in timestamp units: time is weighed a day to the degree */
#define USECS_PER_DAY_F 86400e6

static double
box_volume(const segment_box *a)
{
	double		dt = (a->flags & SEGMENT_BOX_TIME) ?
		((double) a->tmax - (double) a->tmin) / USECS_PER_DAY_F : 0;

	/* padded, so that points and instants still have a size */
	return (a->xmax - a->xmin + 0.01) * (a->ymax - a->ymin + 0.01) * (dt + 0.01);
}

double
segment_box_penalty(const segment_box *a, const segment_box *b)
{
	segment_box u = *a;
	double		p;

	segment_box_union(&u, b);
	p = box_volume(&u) - box_volume(a);
	/* keep legs without a time apart from timed ones */
	if ((u.flags & SEGMENT_BOX_UNTIMED) != (a->flags & SEGMENT_BOX_UNTIMED) ||
		(u.flags & SEGMENT_BOX_TIME) != (a->flags & SEGMENT_BOX_TIME))
		p += 1e12;
	return p;
}

/* ---- picksplit ------------------------------------------------------- */

typedef struct
{
	double		c;
	int			i;
} split_item;

static int
split_item_cmp(const void *a, const void *b)
{
	double		x = ((const split_item *) a)->c,
				y = ((const split_item *) b)->c;

	return (x > y) - (x < y);
}

void
segment_box_split(const segment_box *boxes, int n, bool *right, void *work)
{
	split_item *it = (split_item *) work;
	int			timed = 0,
				i,
				dim;
	double		lo[3],
				hi[3],
				spread = -1;

	/* legs without a time apart from timed ones, when both are there */
	for (i = 0; i < n; i++)
		timed += (boxes[i].flags & SEGMENT_BOX_TIME) != 0;
	if (timed > 0 && timed < n)
	{
		for (i = 0; i < n; i++)
			right[i] = (boxes[i].flags & SEGMENT_BOX_TIME) == 0;
		return;
	}

	/* else halves by centre along the dimension where the centres spread most */
	for (dim = 0; dim < 3; dim++)
	{
		lo[dim] = INFINITY;
		hi[dim] = -INFINITY;
	}
	for (i = 0; i < n; i++)
	{
		double		c[3];

		c[0] = (boxes[i].xmin + boxes[i].xmax) / 2;
		c[1] = (boxes[i].ymin + boxes[i].ymax) / 2;
		c[2] = timed ? ((double) boxes[i].tmin + (double) boxes[i].tmax) / 2 / USECS_PER_DAY_F : 0;
		for (dim = 0; dim < 3; dim++)
		{
			lo[dim] = fmin(lo[dim], c[dim]);
			hi[dim] = fmax(hi[dim], c[dim]);
		}
	}
	dim = 0;
	for (i = 0; i < 3; i++)
		if (hi[i] - lo[i] > spread)
		{
			spread = hi[i] - lo[i];
			dim = i;
		}
	for (i = 0; i < n; i++)
	{
		const segment_box *b = &boxes[i];

		it[i].i = i;
		it[i].c = dim == 0 ? (b->xmin + b->xmax) / 2 :
			dim == 1 ? (b->ymin + b->ymax) / 2 :
			((double) b->tmin + (double) b->tmax) / 2;
	}
	qsort(it, n, sizeof(split_item), split_item_cmp);
	for (i = 0; i < n; i++)
		right[it[i].i] = i >= n / 2;
}

size_t
segment_box_split_work(int n)
{
	return (size_t) n * sizeof(split_item);
}
