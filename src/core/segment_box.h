/*
 * segment_box.h
 *		The space-time box of a route segment, and the box arithmetic of its
 *		GiST index (pure C, no PostgreSQL headers).
 *
 * Longitudes are unwrapped: xmin lies in [-180, 180) and xmax = xmin +
 * width, so a leg across the antimeridian (179E to 179W) has the box
 * [179, 181], not [-179, 179].  The whole world is [-180, 180].  Times are
 * closed intervals of PostgreSQL timestamps (microseconds, int64).
 */
#ifndef MIGRISK_SEGMENT_BOX_H
#define MIGRISK_SEGMENT_BOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* flags */
#define SEGMENT_BOX_SPACE	1		/* xmin..ymax hold a box */
#define SEGMENT_BOX_TIME	2		/* tmin..tmax hold a time span */
#define SEGMENT_BOX_EMPTY	4		/* a query that matches nothing */
#define SEGMENT_BOX_UNTIMED	8		/* index key: some leg below has no time */

/*
 * Outward margin (degrees) on a latitude reached between the end points:
 * covers the rounding of the vertex computation (about 1e-13 degree), so
 * the box contains the geodesic; 1e-9 degree is about 0.1 mm.
 */
#define SEGMENT_BOX_LAT_MARGIN 1e-9

/* the SQL type route_segment_box has this layout (56 bytes) */
typedef struct segment_box
{
	double		xmin;
	double		xmax;
	double		ymin;
	double		ymax;
	int64_t		tmin;
	int64_t		tmax;
	int32_t		flags;
	int32_t		reserved;		/* always 0 */
} segment_box;

/*
 * The box of the WGS84 geodesic from (lon1, lat1) to (lon2, lat2), degrees;
 * latitudes in [-90, 90], longitudes finite.  Sets the space part only
 * (flags |= SEGMENT_BOX_SPACE).
 */
extern void segment_box_geodesic(double lon1, double lat1, double lon2, double lat2,
								 segment_box *box);

/*
 * The space part of a query from a lon/lat box (a geometry's bounds):
 * longitudes unwrapped as above, the whole world when 360 degrees wide or
 * more.  Returns false (box untouched) unless every bound is finite,
 * xmin <= xmax, ymin <= ymax and the latitudes lie in [-90, 90].
 */
extern bool segment_box_set_space(segment_box *box, double xmin, double ymin,
								  double xmax, double ymax);

/* whether key (a leg's box or a union of them) can overlap query */
extern bool segment_box_overlaps(const segment_box *key, const segment_box *query);

/* a := the smallest key covering a and b (index keys only) */
extern void segment_box_union(segment_box *a, const segment_box *b);

/* the cost of adding b to a, for the index's insertion choice */
extern double segment_box_penalty(const segment_box *a, const segment_box *b);

/*
 * Split n index keys in two (right[i] says where key i goes): legs without
 * a time apart from timed ones when both are there, else halves by the
 * centre along the dimension (longitude, latitude, days) where the centres
 * spread most.  work holds segment_box_split_work(n) bytes.
 */
extern void segment_box_split(const segment_box *boxes, int n, bool *right, void *work);
extern size_t segment_box_split_work(int n);

#endif							/* MIGRISK_SEGMENT_BOX_H */
