/*
 * geodesic.h
 *		Inverse geodesic problem on the WGS84 ellipsoid (pure C, no
 *		PostgreSQL headers).
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

#endif							/* MIGRISK_GEODESIC_H */
