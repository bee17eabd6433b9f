-- migrisk install script: route_segment, journey and the bridge to PostGIS.
-- docs/reference.md documents every object below.

-- ---------------------------------------------------------------------
-- route_segment: fixed length (56 bytes), by reference, double aligned
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.route_segment;

CREATE FUNCTION @extschema@.route_segment_in(cstring)
RETURNS @extschema@.route_segment
AS 'MODULE_PATHNAME', 'route_segment_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.route_segment_out(@extschema@.route_segment)
RETURNS cstring
AS 'MODULE_PATHNAME', 'route_segment_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.route_segment_recv(internal)
RETURNS @extschema@.route_segment
AS 'MODULE_PATHNAME', 'route_segment_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.route_segment_send(@extschema@.route_segment)
RETURNS bytea
AS 'MODULE_PATHNAME', 'route_segment_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.route_segment (
	INPUT = @extschema@.route_segment_in,
	OUTPUT = @extschema@.route_segment_out,
	RECEIVE = @extschema@.route_segment_recv,
	SEND = @extschema@.route_segment_send,
	INTERNALLENGTH = 56,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE @extschema@.route_segment IS
'one leg of a journey: from and to (WGS84 lon/lat), departure and arrival (each may be unknown), transport mode';
COMMENT ON FUNCTION @extschema@.route_segment_in(cstring) IS
'text input of route_segment: MODE (LON LAT, LON LAT) [DEPART/ARRIVE]';
COMMENT ON FUNCTION @extschema@.route_segment_out(@extschema@.route_segment) IS
'text output of route_segment (shortest exact floats, UTC times)';
COMMENT ON FUNCTION @extschema@.route_segment_recv(internal) IS
'binary input of route_segment, validated like text input';
COMMENT ON FUNCTION @extschema@.route_segment_send(@extschema@.route_segment) IS
'binary output of route_segment';

-- validation for ETL: route bad rows to a reject table instead of failing

CREATE FUNCTION @extschema@.is_valid_route_segment(text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'route_segment_is_valid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.is_valid_route_segment(text) IS
'true if the text is a valid route_segment, without raising an error';

CREATE FUNCTION @extschema@.route_segment_error(text)
RETURNS text
AS 'MODULE_PATHNAME', 'route_segment_error'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.route_segment_error(text) IS
'why the text is not a valid route_segment (the error detail), or NULL if it is valid';

-- comparison: equality, a total order, hashing

CREATE FUNCTION @extschema@.route_segment_eq(@extschema@.route_segment, @extschema@.route_segment)
RETURNS boolean AS 'MODULE_PATHNAME', 'route_segment_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.route_segment_ne(@extschema@.route_segment, @extschema@.route_segment)
RETURNS boolean AS 'MODULE_PATHNAME', 'route_segment_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.route_segment_lt(@extschema@.route_segment, @extschema@.route_segment)
RETURNS boolean AS 'MODULE_PATHNAME', 'route_segment_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.route_segment_le(@extschema@.route_segment, @extschema@.route_segment)
RETURNS boolean AS 'MODULE_PATHNAME', 'route_segment_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.route_segment_gt(@extschema@.route_segment, @extschema@.route_segment)
RETURNS boolean AS 'MODULE_PATHNAME', 'route_segment_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.route_segment_ge(@extschema@.route_segment, @extschema@.route_segment)
RETURNS boolean AS 'MODULE_PATHNAME', 'route_segment_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.route_segment_cmp(@extschema@.route_segment, @extschema@.route_segment)
RETURNS integer AS 'MODULE_PATHNAME', 'route_segment_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.route_segment_hash(@extschema@.route_segment)
RETURNS integer AS 'MODULE_PATHNAME', 'route_segment_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.route_segment_hash_extended(@extschema@.route_segment, bigint)
RETURNS bigint AS 'MODULE_PATHNAME', 'route_segment_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION @extschema@.route_segment_eq(@extschema@.route_segment, @extschema@.route_segment) IS
'support function of = (internal): every field equal';
COMMENT ON FUNCTION @extschema@.route_segment_ne(@extschema@.route_segment, @extschema@.route_segment) IS
'support function of <> (internal)';
COMMENT ON FUNCTION @extschema@.route_segment_lt(@extschema@.route_segment, @extschema@.route_segment) IS
'support function of < (internal)';
COMMENT ON FUNCTION @extschema@.route_segment_le(@extschema@.route_segment, @extschema@.route_segment) IS
'support function of <= (internal)';
COMMENT ON FUNCTION @extschema@.route_segment_gt(@extschema@.route_segment, @extschema@.route_segment) IS
'support function of > (internal)';
COMMENT ON FUNCTION @extschema@.route_segment_ge(@extschema@.route_segment, @extschema@.route_segment) IS
'support function of >= (internal)';
COMMENT ON FUNCTION @extschema@.route_segment_cmp(@extschema@.route_segment, @extschema@.route_segment) IS
'btree comparison (internal): from lon, from lat, to lon, to lat, departure, arrival, mode';
COMMENT ON FUNCTION @extschema@.route_segment_hash(@extschema@.route_segment) IS
'hash opclass support (internal)';
COMMENT ON FUNCTION @extschema@.route_segment_hash_extended(@extschema@.route_segment, bigint) IS
'hash opclass support with a seed (internal)';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.route_segment, RIGHTARG = @extschema@.route_segment,
	FUNCTION = @extschema@.route_segment_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.route_segment, RIGHTARG = @extschema@.route_segment,
	FUNCTION = @extschema@.route_segment_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.route_segment, RIGHTARG = @extschema@.route_segment,
	FUNCTION = @extschema@.route_segment_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.route_segment, RIGHTARG = @extschema@.route_segment,
	FUNCTION = @extschema@.route_segment_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.route_segment, RIGHTARG = @extschema@.route_segment,
	FUNCTION = @extschema@.route_segment_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.route_segment, RIGHTARG = @extschema@.route_segment,
	FUNCTION = @extschema@.route_segment_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS @extschema@.route_segment_btree_ops
DEFAULT FOR TYPE @extschema@.route_segment USING btree AS
	OPERATOR 1 @extschema@.<,
	OPERATOR 2 @extschema@.<=,
	OPERATOR 3 @extschema@.=,
	OPERATOR 4 @extschema@.>=,
	OPERATOR 5 @extschema@.>,
	FUNCTION 1 @extschema@.route_segment_cmp(@extschema@.route_segment, @extschema@.route_segment);

CREATE OPERATOR CLASS @extschema@.route_segment_hash_ops
DEFAULT FOR TYPE @extschema@.route_segment USING hash AS
	OPERATOR 1 @extschema@.=,
	FUNCTION 1 @extschema@.route_segment_hash(@extschema@.route_segment),
	FUNCTION 2 @extschema@.route_segment_hash_extended(@extschema@.route_segment, bigint);

-- constructors

CREATE FUNCTION @extschema@.route_segment(
	from_lon float8, from_lat float8, to_lon float8, to_lat float8,
	mode text DEFAULT 'unknown', depart timestamptz DEFAULT NULL, arrive timestamptz DEFAULT NULL)
RETURNS @extschema@.route_segment
AS 'MODULE_PATHNAME', 'route_segment_make'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.route_segment(float8, float8, float8, float8, text, timestamptz, timestamptz) IS
'a route_segment from WGS84 coordinates (lon, lat), a transport mode and times (NULL = unknown)';

CREATE FUNCTION @extschema@._route_segment_from_points(
	text, integer, float8, float8, text, integer, float8, float8, text, timestamptz, timestamptz)
RETURNS @extschema@.route_segment
AS 'MODULE_PATHNAME', 'route_segment_from_points'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@._route_segment_from_points(text, integer, float8, float8, text, integer, float8, float8, text, timestamptz, timestamptz) IS
'internal: checks the geometry type and SRID of two points read by route_segment(geometry, geometry, ...)';

-- accessors

CREATE FUNCTION @extschema@.from_lon(@extschema@.route_segment) RETURNS float8
AS 'MODULE_PATHNAME', 'route_segment_from_lon' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.from_lat(@extschema@.route_segment) RETURNS float8
AS 'MODULE_PATHNAME', 'route_segment_from_lat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.to_lon(@extschema@.route_segment) RETURNS float8
AS 'MODULE_PATHNAME', 'route_segment_to_lon' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.to_lat(@extschema@.route_segment) RETURNS float8
AS 'MODULE_PATHNAME', 'route_segment_to_lat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transport_mode(@extschema@.route_segment) RETURNS text
AS 'MODULE_PATHNAME', 'route_segment_transport_mode' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.depart(@extschema@.route_segment) RETURNS timestamptz
AS 'MODULE_PATHNAME', 'route_segment_depart' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.arrive(@extschema@.route_segment) RETURNS timestamptz
AS 'MODULE_PATHNAME', 'route_segment_arrive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.from_lon(@extschema@.route_segment) IS 'longitude of the start point, WGS84 degrees';
COMMENT ON FUNCTION @extschema@.from_lat(@extschema@.route_segment) IS 'latitude of the start point, WGS84 degrees';
COMMENT ON FUNCTION @extschema@.to_lon(@extschema@.route_segment) IS 'longitude of the end point, WGS84 degrees';
COMMENT ON FUNCTION @extschema@.to_lat(@extschema@.route_segment) IS 'latitude of the end point, WGS84 degrees';
COMMENT ON FUNCTION @extschema@.transport_mode(@extschema@.route_segment) IS 'transport mode of the leg, by name';
COMMENT ON FUNCTION @extschema@.depart(@extschema@.route_segment) IS 'departure time, NULL when unknown';
COMMENT ON FUNCTION @extschema@.arrive(@extschema@.route_segment) IS 'arrival time, NULL when unknown';

-- geodesy, time, speed

CREATE FUNCTION @extschema@.length_m(@extschema@.route_segment) RETURNS float8
AS 'MODULE_PATHNAME', 'route_segment_length_m' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.duration(@extschema@.route_segment) RETURNS interval
AS 'MODULE_PATHNAME', 'route_segment_duration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.speed_kmh(@extschema@.route_segment) RETURNS float8
AS 'MODULE_PATHNAME', 'route_segment_speed_kmh' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.max_speed_kmh(@extschema@.route_segment) RETURNS float8
AS 'MODULE_PATHNAME', 'route_segment_max_speed_kmh' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.is_plausible(@extschema@.route_segment) RETURNS boolean
AS 'MODULE_PATHNAME', 'route_segment_is_plausible' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.length_m(@extschema@.route_segment) IS
'geodesic length on the WGS84 ellipsoid in metres (Karney 2013)';
COMMENT ON FUNCTION @extschema@.duration(@extschema@.route_segment) IS
'arrival minus departure, NULL when either is unknown';
COMMENT ON FUNCTION @extschema@.speed_kmh(@extschema@.route_segment) IS
'average speed over the geodesic in km/h, NULL when a time is unknown or the duration is zero';
COMMENT ON FUNCTION @extschema@.max_speed_kmh(@extschema@.route_segment) IS
'highest plausible average speed of the leg''s transport mode, km/h';
COMMENT ON FUNCTION @extschema@.is_plausible(@extschema@.route_segment) IS
'whether the geodesic could be covered in the time given at the mode''s highest plausible speed; NULL when a time is unknown';

-- ---------------------------------------------------------------------
-- journey: an ordered list of legs
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.journey;

CREATE FUNCTION @extschema@.journey_in(cstring) RETURNS @extschema@.journey
AS 'MODULE_PATHNAME', 'journey_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_out(@extschema@.journey) RETURNS cstring
AS 'MODULE_PATHNAME', 'journey_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_recv(internal) RETURNS @extschema@.journey
AS 'MODULE_PATHNAME', 'journey_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_send(@extschema@.journey) RETURNS bytea
AS 'MODULE_PATHNAME', 'journey_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.journey (
	INPUT = @extschema@.journey_in,
	OUTPUT = @extschema@.journey_out,
	RECEIVE = @extschema@.journey_recv,
	SEND = @extschema@.journey_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE @extschema@.journey IS
'an ordered list of route segments: [leg; leg; ...]';
COMMENT ON FUNCTION @extschema@.journey_in(cstring) IS
'text input of journey: route_segment texts separated by ";" between square brackets';
COMMENT ON FUNCTION @extschema@.journey_out(@extschema@.journey) IS
'text output of journey';
COMMENT ON FUNCTION @extschema@.journey_recv(internal) IS
'binary input of journey, every leg validated';
COMMENT ON FUNCTION @extschema@.journey_send(@extschema@.journey) IS
'binary output of journey';

CREATE FUNCTION @extschema@._journey_accum(@extschema@.journey, @extschema@.route_segment) RETURNS @extschema@.journey
AS 'MODULE_PATHNAME', 'journey_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._journey_combine(@extschema@.journey, @extschema@.journey) RETURNS @extschema@.journey
AS 'MODULE_PATHNAME', 'journey_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._journey_final(@extschema@.journey) RETURNS @extschema@.journey
AS 'MODULE_PATHNAME', 'journey_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@._journey_accum(@extschema@.journey, @extschema@.route_segment) IS
'internal: transition function of the journey aggregate (appends the leg in place)';
COMMENT ON FUNCTION @extschema@._journey_combine(@extschema@.journey, @extschema@.journey) IS
'internal: combine function of the journey aggregate (appends the second partial journey''s legs)';
COMMENT ON FUNCTION @extschema@._journey_final(@extschema@.journey) IS
'internal: final function of the journey aggregate (legs by departure unless the call has ORDER BY)';

CREATE AGGREGATE @extschema@.journey(@extschema@.route_segment) (
	SFUNC = @extschema@._journey_accum,
	STYPE = @extschema@.journey,
	FINALFUNC = @extschema@._journey_final,
	COMBINEFUNC = @extschema@._journey_combine,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.journey(@extschema@.route_segment) IS
'the legs as a journey: by departure (a leg with an unknown departure by its arrival, a leg with neither last, ties in route_segment order), or in the order of journey(s ORDER BY ...); NULL legs are skipped; runs in parallel and splits on Citus';

CREATE FUNCTION @extschema@.legs(@extschema@.journey) RETURNS integer
AS 'MODULE_PATHNAME', 'journey_legs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.length_m(@extschema@.journey) RETURNS float8
AS 'MODULE_PATHNAME', 'journey_length_m' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gap_m(@extschema@.journey) RETURNS float8
AS 'MODULE_PATHNAME', 'journey_gap_m' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.duration(@extschema@.journey) RETURNS interval
AS 'MODULE_PATHNAME', 'journey_duration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.segments(@extschema@.journey) RETURNS SETOF @extschema@.route_segment
AS 'MODULE_PATHNAME', 'journey_segments' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 8;

COMMENT ON FUNCTION @extschema@.legs(@extschema@.journey) IS 'number of legs';
COMMENT ON FUNCTION @extschema@.length_m(@extschema@.journey) IS
'sum of the legs'' geodesic lengths on WGS84, metres';
COMMENT ON FUNCTION @extschema@.gap_m(@extschema@.journey) IS
'sum of the geodesic distances from each leg''s end to the next leg''s start, metres';
COMMENT ON FUNCTION @extschema@.duration(@extschema@.journey) IS
'from the first leg''s departure to the last leg''s arrival, NULL when either is unknown';
COMMENT ON FUNCTION @extschema@.segments(@extschema@.journey) IS
'the legs of the journey, in order';

-- ---------------------------------------------------------------------
-- The PostGIS bridge.  PostGIS may live in any schema: the functions are
-- written with its schema spelled out (found now, at install time), so they
-- do not depend on the caller's search_path.  They are plain SQL over
-- PostGIS's own constructors, so PostGIS builds every geometry.
-- ---------------------------------------------------------------------

DO $bridge$
DECLARE
	pg text := (SELECT pg_catalog.quote_ident(n.nspname)
	            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
	            WHERE e.extname = 'postgis');
	s text := '@extschema@';
BEGIN
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.start_point(%1$s.route_segment) RETURNS %2$s.geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN %2$s.st_setsrid(%2$s.st_makepoint(%1$s.from_lon($1), %1$s.from_lat($1)), 4326)
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.end_point(%1$s.route_segment) RETURNS %2$s.geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN %2$s.st_setsrid(%2$s.st_makepoint(%1$s.to_lon($1), %1$s.to_lat($1)), 4326)
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.geometry(%1$s.route_segment) RETURNS %2$s.geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN %2$s.st_setsrid(%2$s.st_makeline(
	%2$s.st_makepoint(%1$s.from_lon($1), %1$s.from_lat($1)),
	%2$s.st_makepoint(%1$s.to_lon($1), %1$s.to_lat($1))), 4326)
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.geography(%1$s.route_segment) RETURNS %2$s.geography
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN %2$s.geography(%1$s.geometry($1))
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.route_segment(
	from_point %2$s.geometry, to_point %2$s.geometry,
	mode text DEFAULT 'unknown', depart timestamptz DEFAULT NULL, arrive timestamptz DEFAULT NULL)
RETURNS %1$s.route_segment
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN %1$s._route_segment_from_points(
	%2$s.geometrytype(from_point), %2$s.st_srid(from_point),
	CASE WHEN %2$s.geometrytype(from_point) = 'POINT' THEN %2$s.st_x(from_point) END,
	CASE WHEN %2$s.geometrytype(from_point) = 'POINT' THEN %2$s.st_y(from_point) END,
	%2$s.geometrytype(to_point), %2$s.st_srid(to_point),
	CASE WHEN %2$s.geometrytype(to_point) = 'POINT' THEN %2$s.st_x(to_point) END,
	CASE WHEN %2$s.geometrytype(to_point) = 'POINT' THEN %2$s.st_y(to_point) END,
	mode, depart, arrive)
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.geometry(%1$s.journey) RETURNS %2$s.geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN coalesce(
	%2$s.st_multi(%2$s.st_collect(ARRAY(
		SELECT %1$s.geometry(s) FROM %1$s.segments($1) WITH ORDINALITY AS t(s, i) ORDER BY i))),
	%2$s.st_setsrid(%2$s.st_geomfromtext('MULTILINESTRING EMPTY'), 4326))
$f$, s, pg);
	EXECUTE pg_catalog.format($f$CREATE CAST (%1$s.route_segment AS %2$s.geometry) WITH FUNCTION %1$s.geometry(%1$s.route_segment)$f$, s, pg);
	EXECUTE pg_catalog.format($f$CREATE CAST (%1$s.route_segment AS %2$s.geography) WITH FUNCTION %1$s.geography(%1$s.route_segment)$f$, s, pg);
	EXECUTE pg_catalog.format($f$CREATE CAST (%1$s.journey AS %2$s.geometry) WITH FUNCTION %1$s.geometry(%1$s.journey)$f$, s, pg);
END
$bridge$;

COMMENT ON FUNCTION @extschema@.start_point(@extschema@.route_segment) IS
'the start point as a PostGIS POINT, SRID 4326';
COMMENT ON FUNCTION @extschema@.end_point(@extschema@.route_segment) IS
'the end point as a PostGIS POINT, SRID 4326';
COMMENT ON FUNCTION @extschema@.geometry(@extschema@.route_segment) IS
'the leg as a PostGIS LINESTRING, SRID 4326 (also the cast route_segment::geometry)';
COMMENT ON FUNCTION @extschema@.geography(@extschema@.route_segment) IS
'the leg as a PostGIS geography LINESTRING, SRID 4326 (also the cast route_segment::geography)';
COMMENT ON FUNCTION @extschema@.route_segment(geometry, geometry, text, timestamptz, timestamptz) IS
'a route_segment from two PostGIS points (SRID 4326 or unknown), a transport mode and times (NULL = unknown)';
COMMENT ON FUNCTION @extschema@.geometry(@extschema@.journey) IS
'the journey as a PostGIS MULTILINESTRING, SRID 4326, one line per leg (also the cast journey::geometry)';
