/*
 * geodesic.c
 *		The inverse geodesic problem on the WGS84 ellipsoid, after C. F. F.
 *		Karney, "Algorithms for geodesics", J. Geodesy 87 (2013) 43-55.
 *
 * Notation follows the paper: beta is the reduced latitude, omega the
 * longitude and sigma the arc length on the auxiliary sphere, alpha the
 * azimuth, alpha0 the azimuth at the equator crossing; a "s"/"c" prefix
 * means sine/cosine, a "12" suffix a difference between the two points.
 * The distance integral I1 and the reduced-length integral I2 are the
 * series (15)-(18) and (41)-(43) of the paper in eps = k^2/(sqrt(1+k^2)+1)^2,
 * the longitude integral I3 the series (23)-(25), all to sixth order; the
 * azimuth alpha1 solves lambda12(alpha1) = lambda12 by Newton's method
 * (derivative from the reduced length, eq. 38), safeguarded by bisection,
 * from the start of section 4 (eqs. 48-50), or from the astroid (eqs.
 * 53-57) when the points are nearly antipodal.
 *
 * Only the oblate WGS84 ellipsoid is supported, so f > 0 throughout.  No
 * PostgreSQL headers: this file is unit-tested and fuzzed on its own.
 */
#include "geodesic.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#define GEO_ORDER 6				/* order of the series */

/*
 * Newton may stop once |lambda12 error| < CLOSE_V on lines with sigma12 <
 * CLOSE_SIG, the remaining error being corrected to first order (see the
 * end of geodesic_inverse_wgs84); elsewhere it runs to machine precision.
 */
#define CLOSE_V 1e-12
#define CLOSE_SIG 1.0

/* the most error (metres) the expansion that ends Newton early may leave */
#define FINISH_ERR 1e-10

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Ellipsoid and tolerances, filled once by geodesic_init() */
typedef struct
{
	double		a;				/* equatorial radius */
	double		f;				/* flattening */
	double		f1;				/* 1 - f */
	double		e2;				/* eccentricity squared */
	double		ep2;			/* second eccentricity squared */
	double		n;				/* third flattening */
	double		b;				/* polar semi-axis */
	double		A3x[GEO_ORDER];	/* A3 as a polynomial in eps */
	double		C3x[GEO_ORDER][GEO_ORDER];	/* C3[l] as polynomials in eps */
	double		tiny;
	double		tol0;
	double		tol1;
	double		tol2;
	double		tolb;
	double		xthresh;
	int			maxit1;
	int			maxit2;
	bool		ready;
} geodesic_ellipsoid;

static geodesic_ellipsoid G;

static void
geodesic_init(void)
{
	double		n,
				n2;
	int			l,
				j;

	G.a = GEODESIC_WGS84_A;
	G.f = GEODESIC_WGS84_F;
	G.f1 = 1.0 - G.f;
	G.e2 = G.f * (2.0 - G.f);
	G.ep2 = G.e2 / (G.f1 * G.f1);
	G.n = G.f / (2.0 - G.f);
	G.b = G.a * G.f1;
	n = G.n;
	n2 = n * n;

	/* A3 = 1 - sum A3x[j] eps^j, paper eq. (24) */
	G.A3x[0] = 1.0;
	G.A3x[1] = -(1.0 / 2 - n / 2);
	G.A3x[2] = -(1.0 / 4 + n / 8 - 3 * n2 / 8);
	G.A3x[3] = -(1.0 / 16 + 3 * n / 16 + n2 / 16);
	G.A3x[4] = -(3.0 / 64 + n / 32);
	G.A3x[5] = -3.0 / 128;

	/* C3[l] = sum_j C3x[l][j] eps^j, paper eq. (25); index l = 1..5 */
	for (l = 0; l < GEO_ORDER; l++)
		for (j = 0; j < GEO_ORDER; j++)
			G.C3x[l][j] = 0.0;
	G.C3x[1][1] = 1.0 / 4 - n / 4;
	G.C3x[1][2] = 1.0 / 8 - n2 / 8;
	G.C3x[1][3] = 3.0 / 64 + 3 * n / 64 - n2 / 64;
	G.C3x[1][4] = 5.0 / 128 + n / 64;
	G.C3x[1][5] = 3.0 / 128;
	G.C3x[2][2] = 1.0 / 16 - 3 * n / 32 + n2 / 32;
	G.C3x[2][3] = 3.0 / 64 - n / 32 - 3 * n2 / 64;
	G.C3x[2][4] = 3.0 / 128 + n / 128;
	G.C3x[2][5] = 5.0 / 256;
	G.C3x[3][3] = 5.0 / 192 - 3 * n / 64 + 5 * n2 / 192;
	G.C3x[3][4] = 3.0 / 128 - 5 * n / 192;
	G.C3x[3][5] = 7.0 / 512;
	G.C3x[4][4] = 7.0 / 512 - 7 * n / 256;
	G.C3x[4][5] = 7.0 / 512;
	G.C3x[5][5] = 21.0 / 2560;

	G.tiny = sqrt(DBL_MIN);
	G.tol0 = DBL_EPSILON;
	G.tol1 = 200 * G.tol0;
	G.tol2 = sqrt(G.tol0);
	G.tolb = G.tol0 * G.tol2;
	G.xthresh = 1000 * G.tol2;
	G.maxit1 = 20;
	G.maxit2 = G.maxit1 + DBL_MANT_DIG + 10;
	G.ready = true;
}

/* ---- small exact helpers on degrees -------------------------------- */

/*
 * The sine and cosine of x degrees from those (sr, cr) of its remainder
 * after q quarter turns; exact signs at multiples of 90 degrees.
 */
static inline void
sincosd_quadrant(double x, double q, double sr, double cr, double *s, double *c)
{
	switch ((unsigned) ((long) q) & 3U)
	{
		case 0:
			*s = sr;
			*c = cr;
			break;
		case 1:
			*s = cr;
			*c = -sr;
			break;
		case 2:
			*s = -sr;
			*c = -cr;
			break;
		default:
			*s = -cr;
			*c = sr;
			break;
	}
	*c += 0.0;					/* no negative zero */
	if (x == 0)
		*s = x;					/* keep the sign of zero */
}

/*
 * sine and cosine of x degrees, exact at multiples of 90.  Reduction to
 * [-45, 45] by r = x - 90 q, q = x / 90 rounded: the subtraction is exact
 * (Sterbenz) for the |x| <= 720 used here, and cheaper than remquo().
 */
static void
sincosd(double x, double *s, double *c)
{
	/*
	 * x / 90 rounded to the nearest integer, ties to even, as nearbyint()
	 * in the default rounding mode, but inline: adding and taking away
	 * 1.5 * 2^52 leaves no fraction bits (|x / 90| < 2^51).
	 */
	const double big = 6755399441055744.0;
	double		qb = x / 90.0 + big;
	double		q = fabs(x) < 1e15 ? qb - big : nearbyint(x / 90.0);
	double		r = (x - 90.0 * q) * (M_PI / 180.0);
	double		sr = sin(r),
				cr = cos(r);

	sincosd_quadrant(x, q, sr, cr, s, c);
}

/*
 * sincosd for the inverse problem's arguments (|x| <= 180): the same
 * reduction, then the Taylor series of sin and cos on [-pi/4, pi/4] to
 * r^17 and r^18 (the terms left out are below 2^-60 of the result)
 * instead of the library's general sin and cos, which cost three times
 * as much.  Exact at multiples of 90 degrees like sincosd.
 */
static inline void
sincosd_small(double x, double *s, double *c)
{
	const double big = 6755399441055744.0;
	double		q = (x / 90.0 + big) - big;
	double		r = (x - 90.0 * q) * (M_PI / 180.0);
	double		r2 = r * r;
	double		sr = r + r * r2 * (-1.0 / 6 + r2 * (1.0 / 120 + r2 * (-1.0 / 5040 + r2 * (1.0 / 362880 + r2 * (-1.0 / 39916800 + r2 * (1.0 / 6227020800.0 + r2 * (-1.0 / 1307674368000.0 + r2 * (1.0 / 355687428096000.0))))))));
	double		cr = 1 + r2 * (-1.0 / 2 + r2 * (1.0 / 24 + r2 * (-1.0 / 720 + r2 * (1.0 / 40320 + r2 * (-1.0 / 3628800 + r2 * (1.0 / 479001600 + r2 * (-1.0 / 87178291200.0 + r2 * (1.0 / 20922789888000.0 + r2 * (-1.0 / 6402373705728000.0)))))))));

	sincosd_quadrant(x, q, sr, cr, s, c);
}

/* s = u + v with the rounding error in *t (Knuth's two-sum) */
static double
two_sum(double u, double v, double *t)
{
	double		s = u + v;
	double		up = s - v;
	double		vpp = s - up;

	up -= u;
	vpp -= v;
	*t = -(up + vpp);
	return s;
}

/*
 * Round tiny angles so that 90 - x and the like are exact; angles below
 * 1/16 degree are snapped to a grid of 2^-57 degree (about 1e-12 m).
 */
static double
ang_round(double x)
{
	const double z = 1.0 / 16;
	double		y = fabs(x);

	y = y < z ? z - (z - y) : y;
	return copysign(y, x);
}

/*
 * lon2 - lon1 reduced to [-180, 180], with its rounding error in *e.  The
 * usual longitudes, in [-180, 180], skip the remainder() calls: there they
 * are the identity, and the reduction of a difference in [-360, 360] is
 * one exact (Sterbenz) subtraction of 360, so the result is the same.
 */
static double
ang_diff(double lon1, double lon2, double *e)
{
	double		t;
	double		d;

	if (fabs(lon1) <= 180 && fabs(lon2) <= 180)
	{
		d = two_sum(-lon1, lon2, &t);
		if (fabs(d) > 180)
			d -= copysign(360.0, d);
	}
	else
	{
		d = two_sum(remainder(-lon1, 360.0), remainder(lon2, 360.0), &t);
		d = remainder(d, 360.0);
	}
	if ((d == 180.0 || d == -180.0) && t != 0)
		d = copysign(180.0, -t);
	return two_sum(d, t, e);
}

/*
 * sqrt(x^2 + y^2) for the O(1) arguments used here; hypot() (several
 * times slower) only when the squares underflow.
 */
static inline double
hyp(double x, double y)
{
	double		h = sqrt(x * x + y * y);

	return h > 1e-150 ? h : hypot(x, y);
}

/*
 * fmax(x, y) for a constant x (fmax() is a library call): y only when it
 * is greater, so a NaN or a -0 y gives x, as fmax(0.0, -0.0) gives +0 (the
 * sign of a zero sine picks the side in atan2).
 */
static inline double
maxd(double x, double y)
{
	return y > x ? y : x;
}

/*
 * atan2(y, x) for x > 0 and |y| <= x / 64 by the odd series of atan(y/x)
 * to t^11 (the next term is below 2^-72 t), else atan2() itself.
 */
static inline double
atan2_small(double y, double x)
{
	if (x > 0 && fabs(y) * 64 <= x)
	{
		double		t = y / x,
					t2 = t * t;

		return t + t * t2 * (-1.0 / 3 + t2 * (1.0 / 5 + t2 * (-1.0 / 7 + t2 * (1.0 / 9 - t2 / 11))));
	}
	return atan2(y, x);
}

/*
 * sin and cos of x radians, by their Taylor series when |x| <= 2^-6 (the
 * first terms left out are below 2^-62 of the result): the small Newton
 * steps on alpha1.
 */
static inline void
small_sincos(double x, double *s, double *c)
{
	if (fabs(x) <= 1.0 / 64)
	{
		double		x2 = x * x;

		*s = x + x * x2 * (-1.0 / 6 + x2 * (1.0 / 120 + x2 * (-1.0 / 5040)));
		*c = 1 + x2 * (-1.0 / 2 + x2 * (1.0 / 24 + x2 * (-1.0 / 720 + x2 / 40320)));
		return;
	}
	*s = sin(x);
	*c = cos(x);
}

/* scale (s, c) to a unit vector; hypot() only when the squares underflow */
static void
norm2(double *s, double *c)
{
	double		h = sqrt(*s * *s + *c * *c);

	if (!(h > 1e-150))
		h = hypot(*s, *c);
	*s /= h;
	*c /= h;
}

/* ---- the series ---------------------------------------------------- */

/* sum_{l=1}^{N} c[l] sin(2 l sigma) by Clenshaw's recurrence */
static double
sin_series(double ssig, double csig, const double *c, int N)
{
	double		ar = 2 * (csig - ssig) * (csig + ssig);	/* 2 cos 2 sigma */
	double		y0 = 0,
				y1 = 0,
				y2;
	int			k;

	for (k = N; k >= 1; k--)
	{
		y2 = y1;
		y1 = y0;
		y0 = ar * y1 - y2 + c[k];
	}
	return 2 * ssig * csig * y0;	/* sin 2 sigma * b_1 */
}

/* A1, paper eq. (17) */
static double
series_A1(double eps)
{
	double		e2 = eps * eps;

	return (1 + e2 * (1.0 / 4 + e2 * (1.0 / 64 + e2 / 256))) / (1 - eps);
}

/* C1[1..6], paper eq. (18) */
static void
series_C1(double eps, double *c)
{
	double		e2 = eps * eps,
				d = eps;

	c[1] = d * (-1.0 / 2 + e2 * (3.0 / 16 - e2 / 32));
	d *= eps;
	c[2] = d * (-1.0 / 16 + e2 * (1.0 / 32 - 9 * e2 / 2048));
	d *= eps;
	c[3] = d * (-1.0 / 48 + 3 * e2 / 256);
	d *= eps;
	c[4] = d * (-5.0 / 512 + 3 * e2 / 512);
	d *= eps;
	c[5] = d * (-7.0 / 1280);
	d *= eps;
	c[6] = d * (-7.0 / 2048);
}

/* A2, paper eq. (42) */
static double
series_A2(double eps)
{
	double		e2 = eps * eps;

	return (1 - e2 * (3.0 / 4 + e2 * (7.0 / 64 + 11 * e2 / 256))) / (1 + eps);
}

/* C2[1..6], paper eq. (43) */
static void
series_C2(double eps, double *c)
{
	double		e2 = eps * eps,
				d = eps;

	c[1] = d * (1.0 / 2 + e2 * (1.0 / 16 + e2 / 32));
	d *= eps;
	c[2] = d * (3.0 / 16 + e2 * (1.0 / 32 + 35 * e2 / 1024));
	d *= eps;
	c[3] = d * (5.0 / 48 + 5 * e2 / 256);
	d *= eps;
	c[4] = d * (35.0 / 512 + 7 * e2 / 512);
	d *= eps;
	c[5] = d * (63.0 / 1280);
	d *= eps;
	c[6] = d * (77.0 / 2048);
}

static double
poly(const double *p, int n, double x)
{
	double		y = 0;
	int			j;

	for (j = n - 1; j >= 0; j--)
		y = y * x + p[j];
	return y;
}

static double
series_A3(double eps)
{
	return poly(G.A3x, GEO_ORDER, eps);
}

/* C3[l] = eps^l sum_{j >= l} C3x[l][j] eps^(j - l): the zero terms skipped */
static void
series_C3(double eps, double *c)
{
	double		m = 1;
	int			l;

	for (l = 1; l < GEO_ORDER; l++)
	{
		m *= eps;
		c[l] = m * poly(G.C3x[l] + l, GEO_ORDER - l, eps);
	}
}

/*
 * Distance s12/b and, if want_m, reduced length m12/b along a geodesic
 * with parameter eps between arc positions sigma1 and sigma2 (paper eqs.
 * 15 and 38-40).  dn = sqrt(1 + k^2 sin^2 sigma) = sqrt(1 + ep2 sin^2 beta).
 */
static void
lengths(double eps, double sig12,
		double ssig1, double csig1, double dn1,
		double ssig2, double csig2, double dn2,
		bool want_m, double *s12b, double *m12b)
{
	double		C1[GEO_ORDER + 1],
				C2[GEO_ORDER + 1];
	double		A1 = series_A1(eps),
				A2,
				B1,
				B2,
				J12;

	series_C1(eps, C1);
	B1 = sin_series(ssig2, csig2, C1, GEO_ORDER) -
		sin_series(ssig1, csig1, C1, GEO_ORDER);
	*s12b = A1 * (sig12 + B1);
	if (!want_m)
		return;
	A2 = series_A2(eps);
	series_C2(eps, C2);
	B2 = sin_series(ssig2, csig2, C2, GEO_ORDER) -
		sin_series(ssig1, csig1, C2, GEO_ORDER);
	J12 = (A1 - A2) * sig12 + (A1 * B1 - A2 * B2);
	*m12b = dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * J12;
}

/*
 * The positive root k of k^4 + 2k^3 + (1 - x^2 - y^2) k^2 - 2 y^2 k - y^2
 * = 0 (paper eq. 55), solved in closed form: the quartic reduces to a
 * resolvent cubic in u, solved by Cardano's formula (one real root) or
 * trigonometrically (three), arranged to avoid cancellation.
 */
double		geodesic_astroid(double x, double y);

double
geodesic_astroid(double x, double y)
{
	double		p = x * x,
				q = y * y,
				r = (p + q - 1) / 6;

	if (!(q == 0 && r <= 0))
	{
		double		S = p * q / 4,
					r2 = r * r,
					r3 = r * r2,
					disc = S * (S + 2 * r3),
					u = r,
					v,
					uv,
					w;

		if (disc >= 0)
		{
			double		T3 = S + r3,
						T;

			T3 += T3 < 0 ? -sqrt(disc) : sqrt(disc);
			T = cbrt(T3);
			u += T + (T != 0 ? r2 / T : 0);
		}
		else
		{
			double		ang = atan2(sqrt(-disc), -(S + r3));

			u += 2 * r * cos(ang / 3);
		}
		v = sqrt(u * u + q);
		uv = u < 0 ? q / (v - u) : u + v;
		w = (uv - q) / (2 * v);
		return uv / (sqrt(uv + w * w) + w);
	}
	return 0;
}

/*
 * Starting azimuth alpha1 (sine and cosine) for Newton's method: the
 * great-circle azimuth on the auxiliary sphere, with the longitude scaled
 * by the mean w-bar for short lines (eq. 48-50), or the astroid estimate
 * for nearly antipodal points (section 5).
 */
static void
inverse_start(double sbet1, double cbet1, double sbet2, double cbet2,
			  double lam12, double slam12, double clam12,
			  double *psalp1, double *pcalp1)
{
	double		sbet12 = sbet2 * cbet1 - cbet2 * sbet1,
				cbet12 = cbet2 * cbet1 + sbet2 * sbet1,
				sbet12a = sbet2 * cbet1 + cbet2 * sbet1;
	bool		shortline = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5;
	double		somg12,
				comg12,
				salp1,
				calp1,
				ssig12,
				csig12;

	if (shortline)
	{
		double		sbetm2 = (sbet1 + sbet2) * (sbet1 + sbet2),
					dnm,
					domg12,
					sd,
					cd;

		sbetm2 /= sbetm2 + (cbet1 + cbet2) * (cbet1 + cbet2);
		dnm = sqrt(1 + G.ep2 * sbetm2);
		/*
		 * omega12 = lambda12 / ((1 - f) dnm) = lambda12 + d, with |d| <=
		 * f lambda12 < 2^-6: its sine and cosine from lambda12's by the
		 * angle sum, without another call of sin and cos
		 */
		domg12 = lam12 * (1 - G.f1 * dnm) / (G.f1 * dnm);
		small_sincos(domg12, &sd, &cd);
		somg12 = slam12 * cd + clam12 * sd;
		comg12 = clam12 * cd - slam12 * sd;
	}
	else
	{
		somg12 = slam12;
		comg12 = clam12;
	}

	salp1 = cbet2 * somg12;
	calp1 = comg12 >= 0 ?
		sbet12 + cbet2 * sbet1 * somg12 * somg12 / (1 + comg12) :
		sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12);

	csig12 = sbet1 * sbet2 + cbet1 * cbet2 * comg12;
	ssig12 = csig12 >= 0 ? 1 : hyp(salp1, calp1);	/* needed only if csig12 < 0 */

	if (!(csig12 >= 0 || ssig12 >= 6 * fabs(G.n) * M_PI * cbet1 * cbet1))
	{
		/* nearly antipodal: scaled coordinates of section 5 */
		double		lam12x = atan2(-slam12, -clam12);	/* lam12 - pi */
		double		k2 = sbet1 * sbet1 * G.ep2,
					eps = k2 / (2 * (1 + sqrt(1 + k2)) + k2),
					lamscale = G.f * cbet1 * series_A3(eps) * M_PI,
					betscale = lamscale * cbet1,
					x = lam12x / lamscale,
					y = sbet12a / betscale;

		if (y > -G.tol1 && x > -1 - G.xthresh)
		{
			/* on the cut: the geodesics fan out from the pole */
			salp1 = fmin(1.0, -x);
			calp1 = -sqrt(1 - salp1 * salp1);
		}
		else
		{
			double		k = geodesic_astroid(x, y);
			double		omg12a = lamscale * (-x * k / (1 + k));

			somg12 = sin(omg12a);
			comg12 = -cos(omg12a);
			salp1 = cbet2 * somg12;
			calp1 = sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12);
		}
	}

	if (!(salp1 <= 0))
		norm2(&salp1, &calp1);
	else
	{
		salp1 = 1;
		calp1 = 0;
	}
	*psalp1 = salp1;
	*pcalp1 = calp1;
}

/* State of one evaluation of lambda12(alpha1) */
typedef struct
{
	double		sig12,
				ssig1,
				csig1,
				ssig2,
				csig2,
				eps,
				dlam12,
				salp0,
				s12b;			/* s12 / b, when the derivative was computed */
} lambda_eval;

/*
 * lambda12(alpha1) - lambda12 (the target, given by its sine and cosine),
 * paper eqs. (5)-(8) with (23); and, if want_d, its derivative (eq. 38,
 * or eq. 46 when alpha2 = 90 degrees).
 */
static double
lambda12(double sbet1, double cbet1, double dn1,
		 double sbet2, double cbet2, double dn2,
		 double salp1, double calp1, double slam120, double clam120,
		 bool want_d, lambda_eval *ev)
{
	double		salp0,
				calp0,
				calp2,
				somg1,
				comg1,
				somg2,
				comg2,
				somg12,
				comg12,
				eta,
				k2,
				B312,
				domg12;
	double		C3[GEO_ORDER];

	if (sbet1 == 0 && calp1 == 0)
		calp1 = -G.tiny;		/* break the tie of an equatorial start */

	salp0 = salp1 * cbet1;		/* Clairaut, eq. (5) */
	calp0 = hyp(calp1, salp1 * sbet1);
	ev->salp0 = salp0;

	/* eq. (11)-(12) at point 1 */
	ev->ssig1 = sbet1;
	somg1 = salp0 * sbet1;
	ev->csig1 = comg1 = calp1 * cbet1;
	norm2(&ev->ssig1, &ev->csig1);

	/* cos alpha2 from Clairaut, written to keep accuracy (eq. 45) */
	/*
	 * cbet2 - cbet1 can come out one unit below 0 for latitudes one unit
	 * apart: the sum under the root is then kept from going negative.
	 */
	calp2 = cbet2 != cbet1 || fabs(sbet2) != -sbet1 ?
		sqrt(maxd(0.0, (calp1 * cbet1) * (calp1 * cbet1) +
				  (cbet1 < -sbet1 ?
				   (cbet2 - cbet1) * (cbet1 + cbet2) :
				   (sbet1 - sbet2) * (sbet1 + sbet2)))) / cbet2 :
		fabs(calp1);

	ev->ssig2 = sbet2;
	somg2 = salp0 * sbet2;
	ev->csig2 = comg2 = calp2 * cbet2;
	norm2(&ev->ssig2, &ev->csig2);

	ev->sig12 = atan2(maxd(0.0, ev->csig1 * ev->ssig2 - ev->ssig1 * ev->csig2),
					  ev->csig1 * ev->csig2 + ev->ssig1 * ev->ssig2);

	somg12 = maxd(0.0, comg1 * somg2 - somg1 * comg2);
	comg12 = comg1 * comg2 + somg1 * somg2;
	/* omega12 - lambda12, computed as one angle difference */
	eta = atan2_small(somg12 * clam120 - comg12 * slam120,
				comg12 * clam120 + somg12 * slam120);

	k2 = calp0 * calp0 * G.ep2;
	ev->eps = k2 / (2 * (1 + sqrt(1 + k2)) + k2);
	series_C3(ev->eps, C3);
	B312 = sin_series(ev->ssig2, ev->csig2, C3, GEO_ORDER - 1) -
		sin_series(ev->ssig1, ev->csig1, C3, GEO_ORDER - 1);
	domg12 = -G.f * series_A3(ev->eps) * salp0 * (ev->sig12 + B312);

	if (want_d)
	{
		if (calp2 == 0)
			ev->dlam12 = -2 * G.f1 * dn1 / sbet1;
		else
		{
			double		m12b;

			lengths(ev->eps, ev->sig12, ev->ssig1, ev->csig1, dn1,
					ev->ssig2, ev->csig2, dn2, true, &ev->s12b, &m12b);
			ev->dlam12 = m12b * G.f1 / (calp2 * cbet2);
			return eta + domg12;
		}
	}
	else
		ev->dlam12 = 0;
	ev->s12b = NAN;

	return eta + domg12;
}

/*
 * The inverse problem.  With finish, Newton's last step and evaluation
 * may be replaced by an expansion (below), and *finished (if not NULL)
 * says whether it was; without, Newton runs to the end.
 */
static double
inverse_solve(double lat1, double lon1, double lat2, double lon2,
			  bool finish, bool *finished)
{
	double		lon12,
				lon12e,
				lon12s,
				lam12,
				slam12,
				clam12,
				sbet1,
				cbet1,
				sbet2,
				cbet2,
				dn1,
				dn2,
				t;

	if (!G.ready)
		geodesic_init();

	if (isnan(lat1) || isnan(lon1) || isnan(lat2) || isnan(lon2) ||
		isinf(lon1) || isinf(lon2) ||
		fabs(lat1) > 90 || fabs(lat2) > 90)
		return NAN;

	/* the distance is unchanged by the symmetries used to canonicalise */
	lon12 = ang_diff(lon1, lon2, &lon12e);
	if (signbit(lon12))
	{
		lon12 = -lon12;
		lon12e = -lon12e;
	}
	lon12s = (180 - lon12) - lon12e;	/* supplement, accurately */
	lam12 = lon12 * (M_PI / 180);
	/*
	 * rounded like the latitudes: a subnormal difference left in lon12s
	 * (lon2 - lon1 = 180 up to 1e-321) would make sin(lambda12) nonzero
	 * and send an antipodal pair along the equator instead of a meridian
	 */
	if (lon12 > 90)
	{
		sincosd_small(ang_round(lon12s), &slam12, &clam12);
		clam12 = -clam12;
	}
	else
		sincosd_small(ang_round(lon12), &slam12, &clam12);

	lat1 = ang_round(lat1);
	lat2 = ang_round(lat2);
	if (fabs(lat1) < fabs(lat2))
	{
		t = lat1;
		lat1 = lat2;
		lat2 = t;
	}
	if (lat1 > 0)
	{
		lat1 = -lat1;
		lat2 = -lat2;
	}
	lat1 += 0.0;
	lat2 += 0.0;

	sincosd_small(lat1, &sbet1, &cbet1);
	sbet1 *= G.f1;				/* tan beta = (1 - f) tan phi */
	norm2(&sbet1, &cbet1);
	cbet1 = maxd(G.tiny, cbet1);
	sincosd_small(lat2, &sbet2, &cbet2);
	sbet2 *= G.f1;
	norm2(&sbet2, &cbet2);
	cbet2 = maxd(G.tiny, cbet2);

	/* make the symmetric cases exactly symmetric */
	if (cbet1 < -sbet1)
	{
		if (cbet2 == cbet1)
			sbet2 = copysign(sbet1, sbet2);
	}
	else if (fabs(sbet2) == -sbet1)
		cbet2 = cbet1;

	dn1 = sqrt(1 + G.ep2 * sbet1 * sbet1);
	dn2 = sqrt(1 + G.ep2 * sbet2 * sbet2);

	/* meridian: the geodesic runs along it unless it passes a conjugate point */
	if (lat1 == -90 || slam12 == 0)
	{
		double		calp1 = clam12,
					ssig1 = sbet1,
					csig1 = calp1 * cbet1,
					ssig2 = sbet2,
					csig2 = cbet2,
					sig12,
					s12b,
					m12b;

		sig12 = atan2(maxd(0.0, csig1 * ssig2 - ssig1 * csig2),
					  csig1 * csig2 + ssig1 * ssig2);
		/* eps = n for a meridian (k^2 = ep2) */
		lengths(G.n, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, true,
				&s12b, &m12b);
		if (sig12 < 1 || m12b >= 0)
		{
			if (sig12 < 3 * G.tiny || (sig12 < G.tol0 && (s12b < 0 || m12b < 0)))
				return 0.0;
			return G.b * s12b;
		}
	}

	/* equator: both points on it and not so far apart that a polar route wins */
	if (sbet1 == 0 && lon12s >= G.f * 180)
		return G.a * lam12;

	/* general case: Newton's method on alpha1 */
	{
		double		salp1,
					calp1,
					salp1a = G.tiny,
					calp1a = 1,
					salp1b = G.tiny,
					calp1b = -1,
					v,
					s12b,
					m12b = 0;
		bool		tripn = false,
					tripb = false,
					expect_done = false;
		int			numit;
		lambda_eval ev;

		inverse_start(sbet1, cbet1, sbet2, cbet2, lam12, slam12, clam12,
					  &salp1, &calp1);

		for (numit = 0;; numit++)
		{
			bool		want_d = numit < G.maxit1 && !expect_done;

			v = lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2,
						 salp1, calp1, slam12, clam12, want_d, &ev);
			if (tripb || !(fabs(v) >= (tripn ? 8 : 1) * G.tol0) ||
				(fabs(v) < CLOSE_V && ev.sig12 < CLOSE_SIG) ||
				numit >= G.maxit2)
				break;
			if (finish && want_d && ev.sig12 < CLOSE_SIG && ev.dlam12 > 0 &&
				!isnan(ev.s12b))
			{
				/*
				 * Finish by expansion instead of one more Newton step and
				 * evaluation.  Along the parallel of point 2, ds12/dlambda =
				 * a sin(alpha0) (see the end of this function) and
				 * d sin(alpha0)/dlambda = cos(beta1) cos(alpha1) / dlam12, so
				 * moving the end back by v changes the length by -v a
				 * sin(alpha0) + v^2/2 a cos(beta1) cos(alpha1) / dlam12, up
				 * to a term in a v^3 / dlam12^2: taken only while that is
				 * below FINISH_ERR metres.
				 */
				double		v2 = v * v;

				if (G.a * v2 * fabs(v) < FINISH_ERR * ev.dlam12 * ev.dlam12)
				{
					if (finished)
						*finished = true;
					return maxd(0.0, G.b * ev.s12b - v * G.a * ev.salp0 +
								0.5 * v2 * G.a * cbet1 * calp1 / ev.dlam12);
				}
			}
			if (!want_d && numit < G.maxit1)
				v = lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2,
							 salp1, calp1, slam12, clam12, true, &ev);
			expect_done = false;
			/* keep the bracket [alpha1a, alpha1b] around the root */
			if (v > 0 && (numit > G.maxit1 || calp1 / salp1 > calp1b / salp1b))
			{
				salp1b = salp1;
				calp1b = calp1;
			}
			else if (v < 0 && (numit > G.maxit1 || calp1 / salp1 < calp1a / salp1a))
			{
				salp1a = salp1;
				calp1a = calp1;
			}
			if (numit < G.maxit1 && ev.dlam12 > 0)
			{
				double		dalp1 = -v / ev.dlam12;

				if (fabs(dalp1) < M_PI)
				{
					double		sdalp1,
								cdalp1,
								nsalp1;

					small_sincos(dalp1, &sdalp1, &cdalp1);
					nsalp1 = salp1 * cdalp1 + calp1 * sdalp1;

					if (nsalp1 > 0)
					{
						calp1 = calp1 * cdalp1 - salp1 * sdalp1;
						salp1 = nsalp1;
						norm2(&salp1, &calp1);
						tripn = fabs(v) <= 16 * G.tol0;
						/* quadratic convergence: the next |v| will be ~100 v^2 */
						expect_done = fabs(v) <= 1e-7 && ev.sig12 < CLOSE_SIG;
						continue;
					}
				}
			}
			/* Newton left the bracket or stalled: bisect */
			salp1 = (salp1a + salp1b) / 2;
			calp1 = (calp1a + calp1b) / 2;
			norm2(&salp1, &calp1);
			tripn = false;
			tripb = (fabs(salp1a - salp1) + (calp1a - calp1) < G.tolb ||
					 fabs(salp1 - salp1b) + (calp1 - calp1b) < G.tolb);
		}

		/* the last evaluation may already have the distance */
		if (isnan(ev.s12b))
			lengths(ev.eps, ev.sig12, ev.ssig1, ev.csig1, dn1,
					ev.ssig2, ev.csig2, dn2, false, &s12b, &m12b);
		else
			s12b = ev.s12b;
		(void) m12b;

		/*
		 * The geodesic found ends at longitude lambda12 + v on the parallel
		 * of point 2, whose radius is a cos(beta2); its direction there has
		 * the east component sin(alpha2) = sin(alpha0) / cos(beta2).  Moving
		 * the end back by v along the parallel changes the length by
		 * -v a sin(alpha0), up to terms in v^2 / m12 (below 1e-15 m for
		 * |v| < 1e-12 away from conjugate points, sigma12 < 1).
		 */
		if (fabs(v) < CLOSE_V)
			return maxd(0.0, G.b * s12b - v * G.a * ev.salp0);	/* not below 0 for points 1e-10 m apart */
		return G.b * s12b;
	}
}

double
geodesic_inverse_wgs84(double lat1, double lon1, double lat2, double lon2)
{
	return inverse_solve(lat1, lon1, lat2, lon2, true, NULL);
}

/*
 * For the unit tests: the inverse with (finish) or without the expansion
 * that may end Newton's method early, and whether it did.
 */
double		geodesic_inverse_path_wgs84(double lat1, double lon1,
										double lat2, double lon2,
										bool finish, bool *finished);

double
geodesic_inverse_path_wgs84(double lat1, double lon1, double lat2, double lon2,
							bool finish, bool *finished)
{
	*finished = false;
	return inverse_solve(lat1, lon1, lat2, lon2, finish, finished);
}

/* ---- the direct problem and interpolation -------------------------- */

/*
 * C1'[1..6], paper eq. (21): sigma = tau + sum C1'[l] sin(2 l tau), the
 * inverse of the distance series, so the direct problem needs no
 * iteration.
 */
static void
series_C1p(double eps, double *c)
{
	double		e2 = eps * eps,
				d = eps;

	c[1] = d * (1.0 / 2 + e2 * (-9.0 / 32 + 205 * e2 / 1536));
	d *= eps;
	c[2] = d * (5.0 / 16 + e2 * (-37.0 / 96 + 1335 * e2 / 4096));
	d *= eps;
	c[3] = d * (29.0 / 96 - 75 * e2 / 128);
	d *= eps;
	c[4] = d * (539.0 / 1536 - 2391 * e2 / 2560);
	d *= eps;
	c[5] = d * (3467.0 / 7680);
	d *= eps;
	c[6] = d * (38081.0 / 61440);
}

/*
 * The direct problem on sines and cosines (paper section 3): from latitude
 * lat1 (degrees) with azimuth (salp1, calp1), a unit vector, over s12
 * metres.  Gives the end's latitude, its longitude relative to the start
 * (degrees, in [-180, 180]), the azimuth there and, if m12 is wanted, the
 * reduced length m12 (metres), the derivative of the end's sideways
 * position by alpha1.
 */
static void
direct_core(double lat1, double salp1, double calp1, double s12,
			double *plat2, double *plon12,
			double *psalp2, double *pcalp2, double *pm12)
{
	double		sbet1,
				cbet1,
				salp0,
				calp0,
				ssig1,
				csig1,
				somg1,
				comg1,
				k2,
				eps,
				dn1,
				dn2,
				A1,
				B11,
				stau1,
				ctau1,
				tau12,
				B12,
				sig12,
				ssig12,
				csig12,
				ssig2,
				csig2,
				sbet2,
				cbet2,
				somg2,
				comg2,
				omg12,
				B31,
				B32,
				lam12;
	double		C1[GEO_ORDER + 1],
				C1p[GEO_ORDER + 1],
				C3[GEO_ORDER];

	sincosd(ang_round(lat1), &sbet1, &cbet1);
	sbet1 *= G.f1;
	norm2(&sbet1, &cbet1);
	cbet1 = fmax(G.tiny, cbet1);

	salp0 = salp1 * cbet1;		/* Clairaut */
	calp0 = hypot(calp1, salp1 * sbet1);
	ssig1 = sbet1;
	somg1 = salp0 * sbet1;
	csig1 = comg1 = sbet1 != 0 || calp1 != 0 ? cbet1 * calp1 : 1;
	norm2(&ssig1, &csig1);

	k2 = calp0 * calp0 * G.ep2;
	eps = k2 / (2 * (1 + sqrt(1 + k2)) + k2);
	dn1 = sqrt(1 + k2 * ssig1 * ssig1);

	A1 = series_A1(eps);
	series_C1(eps, C1);
	series_C1p(eps, C1p);
	B11 = sin_series(ssig1, csig1, C1, GEO_ORDER);
	/* tau1 = sigma1 + B11 */
	{
		double		s = sin(B11),
					c = cos(B11);

		stau1 = ssig1 * c + csig1 * s;
		ctau1 = csig1 * c - ssig1 * s;
	}
	tau12 = s12 / (G.b * A1);
	{
		double		s = sin(tau12),
					c = cos(tau12);

		B12 = -sin_series(stau1 * c + ctau1 * s, ctau1 * c - stau1 * s,
						  C1p, GEO_ORDER);
	}
	sig12 = tau12 - (B12 - B11);
	ssig12 = sin(sig12);
	csig12 = cos(sig12);

	ssig2 = ssig1 * csig12 + csig1 * ssig12;
	csig2 = csig1 * csig12 - ssig1 * ssig12;
	dn2 = sqrt(1 + k2 * ssig2 * ssig2);
	sbet2 = calp0 * ssig2;
	cbet2 = hypot(salp0, calp0 * csig2);
	if (cbet2 == 0)
		cbet2 = csig2 = G.tiny;	/* at a pole */
	somg2 = salp0 * ssig2;
	comg2 = csig2;
	omg12 = atan2(somg2 * comg1 - comg2 * somg1, comg2 * comg1 + somg2 * somg1);

	series_C3(eps, C3);
	B31 = sin_series(ssig1, csig1, C3, GEO_ORDER - 1);
	B32 = sin_series(ssig2, csig2, C3, GEO_ORDER - 1);
	lam12 = omg12 - G.f * series_A3(eps) * salp0 * (sig12 + (B32 - B31));

	*plat2 = atan2(sbet2, G.f1 * cbet2) * (180 / M_PI);
	*plon12 = remainder(lam12 * (180 / M_PI), 360.0);
	/* (salp0, calp0 csig2) is cos(beta2) times the azimuth's unit vector */
	*psalp2 = salp0;
	*pcalp2 = calp0 * csig2;
	norm2(psalp2, pcalp2);
	if (pm12)
	{
		double		s12b,
					m12b;

		lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, true,
				&s12b, &m12b);
		*pm12 = G.b * m12b;
	}
}

int
geodesic_direct_wgs84(double lat1, double lon1, double azi1, double s12,
					  double *lat2, double *lon2, double *azi2)
{
	double		salp1,
				calp1,
				salp2,
				calp2,
				lon12;

	if (!G.ready)
		geodesic_init();
	if (isnan(lat1) || isnan(lon1) || isnan(azi1) || isnan(s12) ||
		isinf(lon1) || isinf(azi1) || isinf(s12) || fabs(lat1) > 90)
		return -1;
	sincosd(ang_round(remainder(azi1, 360.0)), &salp1, &calp1);
	direct_core(lat1, salp1, calp1, s12, lat2, &lon12, &salp2, &calp2, (double *) 0);
	*lon2 = remainder(remainder(lon1, 360.0) + lon12, 360.0);
	if (azi2)
		*azi2 = atan2(salp2, calp2) * (180 / M_PI);
	return 0;
}

/* geocentric Cartesian position of a point on the ellipsoid, metres */
static void
ecef(double lat, double lon, double *x)
{
	double		sphi,
				cphi,
				slam,
				clam,
				nu;

	sincosd(lat, &sphi, &cphi);
	sincosd(lon, &slam, &clam);
	nu = G.a / sqrt(1 - G.e2 * sphi * sphi);
	x[0] = nu * cphi * clam;
	x[1] = nu * cphi * slam;
	x[2] = nu * (1 - G.e2) * sphi;
}

/*
 * The azimuth at point 1 and the length of the geodesic to point 2, by
 * Newton's method on the direct problem in two unknowns (alpha1, s12):
 * the end misses point 2 by a vector whose component along the geodesic
 * corrects s12 and whose sideways component, divided by the reduced length
 * m12, corrects alpha1.  Started from the great-circle solution, it
 * converges quadratically for every pair short of nearly antipodal (the
 * legs of a journey); there m12 vanishes, the step is clamped, and after
 * GEO_FIT_MAXIT steps the best geodesic found is kept.  Returns the miss
 * distance in metres.
 */
#define GEO_FIT_MAXIT 40
#define GEO_FIT_LAST 1e-3		/* metres */
#define GEO_FIT_TOL 2e-9		/* metres, about the spacing of doubles near 6.4e6 */

static double
geodesic_fit(double lat1, double lon1, double lat2, double lon2,
			 double *psalp1, double *pcalp1, double *ps12)
{
	double		target[3],
				lon12e,
				lon12 = ang_diff(lon1, lon2, &lon12e),
				sphi1,
				cphi1,
				sphi2,
				cphi2,
				slam,
				clam,
				salp1,
				calp1,
				s12,
				best = HUGE_VAL,
				last = HUGE_VAL,
				best_s = 0,
				best_salp = 0,
				best_calp = 1;
	int			it;
	bool		final;

	ecef(lat2, lon12, target);

	/* the great circle through the geodetic latitudes, radius 6371 km */
	sincosd(lat1, &sphi1, &cphi1);
	sincosd(lat2, &sphi2, &cphi2);
	sincosd(lon12, &slam, &clam);
	salp1 = cphi2 * slam;
	calp1 = cphi1 * sphi2 - sphi1 * cphi2 * clam;
	s12 = 6371008.8 * atan2(hypot(salp1, calp1), sphi1 * sphi2 + cphi1 * cphi2 * clam);
	if (salp1 == 0 && calp1 == 0)
		calp1 = 1;
	norm2(&salp1, &calp1);

	for (it = 0; it < GEO_FIT_MAXIT; it++)
	{
		double		plat,
					plon,
					salp2,
					calp2,
					m12,
					x[3],
					d[3],
					sp,
					cp,
					sl,
					cl,
					dn,
					de,
					along,
					side,
					miss,
					dalp;

		direct_core(lat1, salp1, calp1, s12, &plat, &plon, &salp2, &calp2, &m12);
		ecef(plat, plon, x);
		d[0] = target[0] - x[0];
		d[1] = target[1] - x[1];
		d[2] = target[2] - x[2];
		miss = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
		if (miss < best)
		{
			best = miss;
			best_s = s12;
			best_salp = salp1;
			best_calp = calp1;
		}
		/* done, or down to the rounding of the coordinates */
		if (miss <= GEO_FIT_TOL || (miss < 1e-6 && miss > 0.25 * last))
			break;
		last = miss;
		/*
		 * Below GEO_FIT_LAST the step is taken without checking it: Newton's
		 * error after it is about miss^2 / m12, far below a nanometre.
		 */
		final = miss < GEO_FIT_LAST && m12 > 1e3;
		/* local north and east at the end reached */
		sincosd(plat, &sp, &cp);
		sincosd(plon, &sl, &cl);
		dn = -sp * cl * d[0] - sp * sl * d[1] + cp * d[2];
		de = -sl * d[0] + cl * d[1];
		along = dn * calp2 + de * salp2;
		side = -dn * salp2 + de * calp2;
		s12 += along;
		if (s12 < 0)
		{
			/* overshot back through point 1: turn round */
			s12 = -s12;
			salp1 = -salp1;
			calp1 = -calp1;
		}
		dalp = m12 > 1e-3 * fabs(side) ? side / m12 : copysign(0.5, side);
		if (fabs(dalp) > 0.5)
			dalp = copysign(0.5, dalp);
		{
			double		sd = sin(dalp),
						cd = cos(dalp),
						ns = salp1 * cd + calp1 * sd;

			calp1 = calp1 * cd - salp1 * sd;
			salp1 = ns;
			norm2(&salp1, &calp1);
		}
		if (final)
		{
			best_s = s12;
			best_salp = salp1;
			best_calp = calp1;
			best = miss * miss / m12;
			break;
		}
	}
	*psalp1 = best_salp;
	*pcalp1 = best_calp;
	*ps12 = best_s;
	return best;
}

int
geodesic_interpolate_wgs84(double lat1, double lon1, double lat2, double lon2,
						   double frac, double *lat, double *lon)
{
	double		salp1,
				calp1,
				s12,
				salp2,
				calp2,
				lon12;

	if (!G.ready)
		geodesic_init();
	if (isnan(lat1) || isnan(lon1) || isnan(lat2) || isnan(lon2) || isnan(frac) ||
		isinf(lon1) || isinf(lon2) || isinf(frac) ||
		fabs(lat1) > 90 || fabs(lat2) > 90)
		return -1;
	/* the ends exactly as given */
	if (frac == 0 || (lat1 == lat2 && lon1 == lon2))
	{
		*lat = lat1;
		*lon = lon1;
		return 0;
	}
	if (frac == 1)
	{
		*lat = lat2;
		*lon = lon2;
		return 0;
	}
	geodesic_fit(lat1, lon1, lat2, lon2, &salp1, &calp1, &s12);
	direct_core(lat1, salp1, calp1, frac * s12, lat, &lon12, &salp2, &calp2, (double *) 0);
	*lon = remainder(remainder(lon1, 360.0) + lon12, 360.0);
	return 0;
}

int
geodesic_inverse_azimuth_wgs84(double lat1, double lon1, double lat2, double lon2,
							   double *s12, double *azi1)
{
	double		salp1,
				calp1;

	if (!G.ready)
		geodesic_init();
	if (isnan(lat1) || isnan(lon1) || isnan(lat2) || isnan(lon2) ||
		isinf(lon1) || isinf(lon2) || fabs(lat1) > 90 || fabs(lat2) > 90)
		return -1;
	geodesic_fit(lat1, lon1, lat2, lon2, &salp1, &calp1, s12);
	*azi1 = atan2(salp1, calp1) * (180 / M_PI);
	return 0;
}
