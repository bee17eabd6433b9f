/*
 * geodesic.h
 *		Inverse and direct geodesic problems on the WGS84 ellipsoid, and
 *		interpolation along a geodesic (pure C, no PostgreSQL headers).
 *
 * The method is C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87
 * (2013) 43-55: the geodesic is mapped onto a great circle of an auxiliary
 * sphere, the distance and longitude integrals are expanded to sixth order
 * in the flattening, and the azimuth at the first point is found by
 * Newton's method started from a spherical (or, for nearly antipodal
 * points, an astroid) estimate.  Accurate to a few nanometres for any pair
 * of points, antipodal ones included.
 */
#ifndef MIGRISK_GEODESIC_H
#define MIGRISK_GEODESIC_H

/* WGS84 ellipsoid */
#define GEODESIC_WGS84_A	6378137.0
#define GEODESIC_WGS84_F	(1.0 / 298.257223563)

/*
 * Geodesic distance in metres between (lat1, lon1) and (lat2, lon2), in
 * degrees, on WGS84.  Latitudes must lie in [-90, 90]; longitudes may be
 * any finite value.  Returns NaN if any argument is NaN or a latitude is
 * out of range.
 */
extern double geodesic_inverse_wgs84(double lat1, double lon1,
									 double lat2, double lon2);

/*
 * The direct problem: the point (lat2, lon2) reached from (lat1, lon1)
 * after s12 metres along the geodesic leaving with azimuth azi1 (degrees
 * clockwise from north), and the azimuth azi2 there (azi2 may be NULL).
 * lon2 is in [-180, 180].  Returns 0, or -1 (outputs untouched) if an
 * argument is NaN or infinite or lat1 is outside [-90, 90].
 */
extern int	geodesic_direct_wgs84(double lat1, double lon1, double azi1, double s12,
								  double *lat2, double *lon2, double *azi2);

/*
 * The geodesic from (lat1, lon1) to (lat2, lon2): its length s12 (metres)
 * and its azimuth azi1 at the start (degrees), found by Newton's method on
 * the direct problem.  Returns 0, or -1 on a bad argument as above.
 */
extern int	geodesic_inverse_azimuth_wgs84(double lat1, double lon1,
										   double lat2, double lon2,
										   double *s12, double *azi1);

/*
 * The point at fraction frac of the way along the geodesic from (lat1,
 * lon1) to (lat2, lon2), by distance (frac 0 and 1 give the ends exactly
 * as given; other values extrapolate along the same geodesic).  Returns 0,
 * or -1 on a bad argument as above.
 */
extern int	geodesic_interpolate_wgs84(double lat1, double lon1,
									   double lat2, double lon2,
									   double frac, double *lat, double *lon);

/*
 * The parts of the geodesic from (lat1, lon1) to (lat2, lon2) within
 * radius metres of (clat, clon): up to max intervals of the fraction along
 * the geodesic (by distance), written as enter, leave pairs into out.
 * Exact up to tol_frac: the search splits the line in halves and drops a
 * part as soon as the triangle inequality shows it wholly inside or
 * outside, so no passage is missed however short.  Returns the number of
 * intervals (at most max; adjacent ones merged), or -1 on a bad argument.
 */
extern int	geodesic_within_radius_wgs84(double lat1, double lon1,
										 double lat2, double lon2,
										 double clat, double clon, double radius,
										 double tol_frac, double *out, int max);

#endif							/* MIGRISK_GEODESIC_H */
