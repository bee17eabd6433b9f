-- migrisk install script: the space-time box of a route_segment, the
-- operator && and its GiST index, and time buckets of a leg.
-- docs/reference.md documents every object below.

-- ---------------------------------------------------------------------
-- route_segment_box: a lon/lat box (longitudes unwrapped across 180), a
-- closed time span, or both; fixed length (56 bytes)
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.route_segment_box;

CREATE FUNCTION @extschema@.route_segment_box_in(cstring)
RETURNS @extschema@.route_segment_box
AS 'MODULE_PATHNAME', 'route_segment_box_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.route_segment_box_out(@extschema@.route_segment_box)
RETURNS cstring
AS 'MODULE_PATHNAME', 'route_segment_box_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.route_segment_box (
	INPUT = @extschema@.route_segment_box_in,
	OUTPUT = @extschema@.route_segment_box_out,
	INTERNALLENGTH = 56,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE @extschema@.route_segment_box IS
'a space-time box: longitudes and latitudes (WGS84), a closed time span, or both; the key of the route_segment GiST index and the query of &&';
COMMENT ON FUNCTION @extschema@.route_segment_box_in(cstring) IS
'internal: route_segment_box has no text input (raises 0A000); build one with route_segment_box(...)';
COMMENT ON FUNCTION @extschema@.route_segment_box_out(@extschema@.route_segment_box) IS
'text output of route_segment_box: BOX(xmin ymin, xmax ymax) [first, last]';

CREATE FUNCTION @extschema@.route_segment_box(@extschema@.route_segment)
RETURNS @extschema@.route_segment_box
AS 'MODULE_PATHNAME', 'route_segment_box_segment'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.route_segment_box(tstzrange)
RETURNS @extschema@.route_segment_box
AS 'MODULE_PATHNAME', 'route_segment_box_range'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@._route_segment_box(integer, boolean, float8, float8, float8, float8, tstzrange)
RETURNS @extschema@.route_segment_box
AS 'MODULE_PATHNAME', 'route_segment_box_bounds'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.route_segment_box(@extschema@.route_segment) IS
'the box of a leg: its whole WGS84 geodesic (across the antimeridian, up to its vertex near a pole) and its known time span';
COMMENT ON FUNCTION @extschema@.route_segment_box(tstzrange) IS
'a query box of time only: every place, the instants of the range';
COMMENT ON FUNCTION @extschema@._route_segment_box(integer, boolean, float8, float8, float8, float8, tstzrange) IS
'internal: checks the SRID and bounds of a geometry read by route_segment_box(geometry, ...)';

CREATE FUNCTION @extschema@.route_segment_overlaps_box(@extschema@.route_segment, @extschema@.route_segment_box)
RETURNS boolean
AS 'MODULE_PATHNAME', 'route_segment_overlaps_box'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.route_segment_overlaps_box(@extschema@.route_segment, @extschema@.route_segment_box) IS
'support function of && (internal): the leg''s box meets the query box in space and, if the query has a time, in time';

CREATE OPERATOR @extschema@.&& (
	LEFTARG = @extschema@.route_segment, RIGHTARG = @extschema@.route_segment_box,
	FUNCTION = @extschema@.route_segment_overlaps_box,
	RESTRICT = areasel, JOIN = areajoinsel
);

COMMENT ON OPERATOR @extschema@.&& (@extschema@.route_segment, @extschema@.route_segment_box) IS
'the leg''s space-time box meets the query box (a leg without a known time meets no query with a time)';

-- ---------------------------------------------------------------------
-- The GiST operator class
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.route_segment_gist_consistent(internal, @extschema@.route_segment_box, smallint, oid, internal)
RETURNS boolean AS 'MODULE_PATHNAME', 'route_segment_gist_consistent'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.route_segment_gist_union(internal, internal)
RETURNS @extschema@.route_segment_box AS 'MODULE_PATHNAME', 'route_segment_gist_union'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.route_segment_gist_compress(internal)
RETURNS internal AS 'MODULE_PATHNAME', 'route_segment_gist_compress'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.route_segment_gist_penalty(internal, internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'route_segment_gist_penalty'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.route_segment_gist_picksplit(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'route_segment_gist_picksplit'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.route_segment_gist_same(@extschema@.route_segment_box, @extschema@.route_segment_box, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'route_segment_gist_same'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.route_segment_gist_consistent(internal, @extschema@.route_segment_box, smallint, oid, internal) IS
'GiST support (internal): whether a key can meet the query box';
COMMENT ON FUNCTION @extschema@.route_segment_gist_union(internal, internal) IS
'GiST support (internal): the box covering a set of keys';
COMMENT ON FUNCTION @extschema@.route_segment_gist_compress(internal) IS
'GiST support (internal): a leg''s key is its route_segment_box';
COMMENT ON FUNCTION @extschema@.route_segment_gist_penalty(internal, internal, internal) IS
'GiST support (internal): growth of a key''s space-time volume';
COMMENT ON FUNCTION @extschema@.route_segment_gist_picksplit(internal, internal) IS
'GiST support (internal): split a page in halves along the dimension of widest spread';
COMMENT ON FUNCTION @extschema@.route_segment_gist_same(@extschema@.route_segment_box, @extschema@.route_segment_box, internal) IS
'GiST support (internal): identical keys';

CREATE OPERATOR CLASS @extschema@.route_segment_gist_ops
DEFAULT FOR TYPE @extschema@.route_segment USING gist AS
	STORAGE @extschema@.route_segment_box,
	OPERATOR 3 @extschema@.&& (@extschema@.route_segment, @extschema@.route_segment_box),
	FUNCTION 1 @extschema@.route_segment_gist_consistent(internal, @extschema@.route_segment_box, smallint, oid, internal),
	FUNCTION 2 @extschema@.route_segment_gist_union(internal, internal),
	FUNCTION 3 @extschema@.route_segment_gist_compress(internal),
	FUNCTION 5 @extschema@.route_segment_gist_penalty(internal, internal, internal),
	FUNCTION 6 @extschema@.route_segment_gist_picksplit(internal, internal),
	FUNCTION 7 @extschema@.route_segment_gist_same(@extschema@.route_segment_box, @extschema@.route_segment_box, internal);

-- seg && tstzrange: written as seg && route_segment_box(range), so that the
-- planner inlines it and the index answers it
CREATE FUNCTION @extschema@.route_segment_overlaps_range(@extschema@.route_segment, tstzrange)
RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN $1 OPERATOR(@extschema@.&&) @extschema@.route_segment_box($2);

CREATE OPERATOR @extschema@.&& (
	LEFTARG = @extschema@.route_segment, RIGHTARG = tstzrange,
	FUNCTION = @extschema@.route_segment_overlaps_range,
	RESTRICT = areasel, JOIN = areajoinsel
);

COMMENT ON FUNCTION @extschema@.route_segment_overlaps_range(@extschema@.route_segment, tstzrange) IS
'support function of && with a tstzrange (internal, inlined): seg && route_segment_box(range)';
COMMENT ON OPERATOR @extschema@.&& (@extschema@.route_segment, tstzrange) IS
'the leg''s known time span meets the range (a leg without a known time meets none)';

-- ---------------------------------------------------------------------
-- The PostGIS side, with PostGIS's schema spelled out (as in 10_)
-- ---------------------------------------------------------------------

DO $bridge$
DECLARE
	pg text := (SELECT pg_catalog.quote_ident(n.nspname)
	            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
	            WHERE e.extname = 'postgis');
	s text := '@extschema@';
BEGIN
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.route_segment_box(%2$s.geometry, tstzrange)
RETURNS %1$s.route_segment_box
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN %1$s._route_segment_box(%2$s.st_srid($1), %2$s.st_isempty($1),
	%2$s.st_xmin(%2$s.box3d($1)), %2$s.st_ymin(%2$s.box3d($1)),
	%2$s.st_xmax(%2$s.box3d($1)), %2$s.st_ymax(%2$s.box3d($1)), $2)
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.route_segment_box(%2$s.geometry)
RETURNS %1$s.route_segment_box
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN %1$s._route_segment_box(%2$s.st_srid($1), %2$s.st_isempty($1),
	%2$s.st_xmin(%2$s.box3d($1)), %2$s.st_ymin(%2$s.box3d($1)),
	%2$s.st_xmax(%2$s.box3d($1)), %2$s.st_ymax(%2$s.box3d($1)), NULL)
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.route_segment_overlaps_geometry(%1$s.route_segment, %2$s.geometry)
RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN $1 OPERATOR(%1$s.&&) %1$s.route_segment_box($2)
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE OPERATOR %1$s.&& (
	LEFTARG = %1$s.route_segment, RIGHTARG = %2$s.geometry,
	FUNCTION = %1$s.route_segment_overlaps_geometry,
	RESTRICT = areasel, JOIN = areajoinsel
)
$f$, s, pg);
END
$bridge$;

COMMENT ON FUNCTION @extschema@.route_segment_box(geometry, tstzrange) IS
'a query box: the bounds of a geometry (SRID 4326 or unknown, not empty, latitudes in [-90, 90]) and the instants of a range';
COMMENT ON FUNCTION @extschema@.route_segment_box(geometry) IS
'a query box of space only: the bounds of a geometry (SRID 4326 or unknown, not empty), every time';
COMMENT ON FUNCTION @extschema@.route_segment_overlaps_geometry(@extschema@.route_segment, geometry) IS
'support function of && with a geometry (internal, inlined): seg && route_segment_box(geom)';
COMMENT ON OPERATOR @extschema@.&& (@extschema@.route_segment, geometry) IS
'the box of the leg''s geodesic meets the geometry''s bounding box (SRID 4326)';

-- ---------------------------------------------------------------------
-- Time buckets: the days (weeks, ...) a leg's known time span touches
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.time_buckets(
	seg @extschema@.route_segment, bucket text DEFAULT 'day', zone text DEFAULT 'UTC')
RETURNS SETOF timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE ROWS 2
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	step interval := CASE bucket WHEN 'hour' THEN interval '1 hour' WHEN 'day' THEN interval '1 day'
		WHEN 'week' THEN interval '7 days' WHEN 'month' THEN interval '1 month' END;
	first timestamptz := coalesce(@extschema@.depart(seg), @extschema@.arrive(seg));
	last timestamptz := coalesce(@extschema@.arrive(seg), @extschema@.depart(seg));
BEGIN
	IF step IS NULL THEN
		RAISE EXCEPTION 'time bucket must be hour, day, week or month, not "%"', bucket
			USING ERRCODE = '22023';
	END IF;
	IF first IS NULL THEN
		RETURN;
	END IF;
	-- local buckets of the zone, stepped in local time (days stay days across DST)
	RETURN QUERY
		SELECT b AT TIME ZONE zone
		FROM generate_series(date_trunc(bucket, first AT TIME ZONE zone), last AT TIME ZONE zone, step) AS b;
END
$$;

COMMENT ON FUNCTION @extschema@.time_buckets(@extschema@.route_segment, text, text) IS
'the starts of the hours, days, ISO weeks (from Monday) or months of a time zone that the leg''s known time span touches; none for a leg without a known time';
