-- migrisk install script: core objects.
-- Built from src/sql/*.sql in name order; do not edit the generated file.

\echo Use "CREATE EXTENSION migrisk CASCADE" to load this file. \quit

CREATE FUNCTION @extschema@.version()
RETURNS text
AS 'MODULE_PATHNAME', 'migrisk_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.version() IS
'version of the loaded migrisk library';
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

CREATE FUNCTION @extschema@._journey_accum(internal, @extschema@.route_segment) RETURNS internal
AS 'MODULE_PATHNAME', 'journey_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._journey_final(internal) RETURNS @extschema@.journey
AS 'MODULE_PATHNAME', 'journey_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@._journey_accum(internal, @extschema@.route_segment) IS
'internal: transition function of the journey aggregate';
COMMENT ON FUNCTION @extschema@._journey_final(internal) IS
'internal: final function of the journey aggregate';

CREATE AGGREGATE @extschema@.journey(@extschema@.route_segment) (
	SFUNC = @extschema@._journey_accum,
	STYPE = internal,
	FINALFUNC = @extschema@._journey_final,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.journey(@extschema@.route_segment) IS
'the legs as a journey, in aggregation order: journey(s ORDER BY depart(s)); NULL legs are skipped';

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
-- migrisk install script: record linkage (comparison vectors, names,
-- string similarity, person comparison, blocking keys).

---------------------------------------------------------------------------
-- link_gamma: one agreement level per compared field, four bytes by value.
---------------------------------------------------------------------------

CREATE TYPE @extschema@.link_gamma;

CREATE FUNCTION @extschema@.link_gamma_in(cstring)
RETURNS @extschema@.link_gamma
AS 'MODULE_PATHNAME', 'link_gamma_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.link_gamma_out(@extschema@.link_gamma)
RETURNS cstring
AS 'MODULE_PATHNAME', 'link_gamma_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.link_gamma_recv(internal)
RETURNS @extschema@.link_gamma
AS 'MODULE_PATHNAME', 'link_gamma_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.link_gamma_send(@extschema@.link_gamma)
RETURNS bytea
AS 'MODULE_PATHNAME', 'link_gamma_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.link_gamma (
	INTERNALLENGTH = 4,
	INPUT = @extschema@.link_gamma_in,
	OUTPUT = @extschema@.link_gamma_out,
	RECEIVE = @extschema@.link_gamma_recv,
	SEND = @extschema@.link_gamma_send,
	PASSEDBYVALUE,
	ALIGNMENT = int4,
	STORAGE = plain
);

COMMENT ON TYPE @extschema@.link_gamma IS
'comparison vector of two person records: one agreement level per field (given, surname1, surname2, dob, sex, nationality, plausibility), text form field=level,...; 4 bytes';
COMMENT ON FUNCTION @extschema@.link_gamma_in(cstring) IS
'internal: text input of link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_out(@extschema@.link_gamma) IS
'internal: text output of link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_recv(internal) IS
'internal: binary input of link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_send(@extschema@.link_gamma) IS
'internal: binary output of link_gamma';

CREATE FUNCTION @extschema@.link_gamma_eq(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS boolean AS 'MODULE_PATHNAME', 'link_gamma_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_ne(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS boolean AS 'MODULE_PATHNAME', 'link_gamma_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_lt(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS boolean AS 'MODULE_PATHNAME', 'link_gamma_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_le(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS boolean AS 'MODULE_PATHNAME', 'link_gamma_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_gt(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS boolean AS 'MODULE_PATHNAME', 'link_gamma_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_ge(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS boolean AS 'MODULE_PATHNAME', 'link_gamma_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_cmp(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS integer AS 'MODULE_PATHNAME', 'link_gamma_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_hash(@extschema@.link_gamma)
RETURNS integer AS 'MODULE_PATHNAME', 'link_gamma_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_hash_extended(@extschema@.link_gamma, bigint)
RETURNS bigint AS 'MODULE_PATHNAME', 'link_gamma_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION @extschema@.link_gamma_eq(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: = on link_gamma (same level in every field)';
COMMENT ON FUNCTION @extschema@.link_gamma_ne(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: <> on link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_lt(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: < on link_gamma (order of the packed value; only for sorting and grouping)';
COMMENT ON FUNCTION @extschema@.link_gamma_le(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: <= on link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_gt(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: > on link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_ge(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: >= on link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_cmp(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: btree support function of link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_hash(@extschema@.link_gamma) IS
'internal: hash support function of link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_hash_extended(@extschema@.link_gamma, bigint) IS
'internal: extended hash support function of link_gamma';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.link_gamma, RIGHTARG = @extschema@.link_gamma,
	PROCEDURE = @extschema@.link_gamma_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.link_gamma, RIGHTARG = @extschema@.link_gamma,
	PROCEDURE = @extschema@.link_gamma_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.link_gamma, RIGHTARG = @extschema@.link_gamma,
	PROCEDURE = @extschema@.link_gamma_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.link_gamma, RIGHTARG = @extschema@.link_gamma,
	PROCEDURE = @extschema@.link_gamma_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.link_gamma, RIGHTARG = @extschema@.link_gamma,
	PROCEDURE = @extschema@.link_gamma_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.link_gamma, RIGHTARG = @extschema@.link_gamma,
	PROCEDURE = @extschema@.link_gamma_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS @extschema@.link_gamma_btree_ops
DEFAULT FOR TYPE @extschema@.link_gamma USING btree AS
	OPERATOR 1 @extschema@.<,
	OPERATOR 2 @extschema@.<=,
	OPERATOR 3 @extschema@.=,
	OPERATOR 4 @extschema@.>=,
	OPERATOR 5 @extschema@.>,
	FUNCTION 1 @extschema@.link_gamma_cmp(@extschema@.link_gamma, @extschema@.link_gamma);

CREATE OPERATOR CLASS @extschema@.link_gamma_hash_ops
DEFAULT FOR TYPE @extschema@.link_gamma USING hash AS
	OPERATOR 1 @extschema@.=,
	FUNCTION 1 @extschema@.link_gamma_hash(@extschema@.link_gamma),
	FUNCTION 2 @extschema@.link_gamma_hash_extended(@extschema@.link_gamma, bigint);

CREATE FUNCTION @extschema@.level(gamma @extschema@.link_gamma, field text)
RETURNS text
AS 'MODULE_PATHNAME', 'link_gamma_level'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.level(@extschema@.link_gamma, text) IS
'level name of one field of a comparison vector (e.g. ''swapped''); NULL when the field is missing; unknown field: 22023';

CREATE FUNCTION @extschema@.level_index(gamma @extschema@.link_gamma, field text)
RETURNS integer
AS 'MODULE_PATHNAME', 'link_gamma_level_idx'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.level_index(@extschema@.link_gamma, text) IS
'level number of one field of a comparison vector, 0 = strongest agreement; NULL when the field is missing; unknown field: 22023';

CREATE FUNCTION @extschema@.link_gamma(
	given text DEFAULT NULL, surname1 text DEFAULT NULL, surname2 text DEFAULT NULL,
	dob text DEFAULT NULL, sex text DEFAULT NULL, nationality text DEFAULT NULL,
	plausibility text DEFAULT NULL)
RETURNS @extschema@.link_gamma
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN format('given=%s,surname1=%s,surname2=%s,dob=%s,sex=%s,nationality=%s,plausibility=%s',
	coalesce(given, 'missing'), coalesce(surname1, 'missing'), coalesce(surname2, 'missing'),
	coalesce(dob, 'missing'), coalesce(sex, 'missing'), coalesce(nationality, 'missing'),
	coalesce(plausibility, 'missing'))::@extschema@.link_gamma;

COMMENT ON FUNCTION @extschema@.link_gamma(text, text, text, text, text, text, text) IS
'comparison vector from level names, one argument per field (NULL or omitted = missing); unknown level: 22P02';

CREATE FUNCTION @extschema@.link_gamma_levels(
	OUT field_index integer, OUT field text,
	OUT level_index integer, OUT level text, OUT level_count integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'link_gamma_levels'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 31;

COMMENT ON FUNCTION @extschema@.link_gamma_levels() IS
'every field and level of link_gamma in packed order (field_index, field, level_index, level, level_count); missing is not a level';

---------------------------------------------------------------------------
-- Names and string similarity.
---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.name_normalize(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'migrisk_name_normalize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.name_normalize(text) IS
'canonical form of a personal name: upper case, accents removed (Ñ kept), punctuation removed, abbreviations (Ma., Gpe., Fco., J.) expanded, particles (de, del, de la, y, ...) dropped; NULL when nothing is left; idempotent';

CREATE FUNCTION @extschema@.name_phonetic(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'migrisk_name_phonetic'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.name_phonetic(text) IS
'phonetic key of a name for Latin-American Spanish (b/v, seseo, yeísmo, silent h, g/j, x/j, qu/k, gu/w), computed on name_normalize; NULL when empty';

CREATE FUNCTION @extschema@.jaro_winkler(a text, b text)
RETURNS double precision
AS 'MODULE_PATHNAME', 'migrisk_jaro_winkler'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.jaro_winkler(text, text) IS
'Jaro-Winkler similarity on characters (prefix scale 0.1, prefix up to 4, boost when Jaro > 0.7); NULL when either is empty; at most 1000 characters (54000)';

CREATE FUNCTION @extschema@.damerau_levenshtein(a text, b text)
RETURNS integer
AS 'MODULE_PATHNAME', 'migrisk_damerau_levenshtein'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.damerau_levenshtein(text, text) IS
'optimal string alignment distance (insert, delete, substitute, transpose adjacent characters; no substring edited twice); at most 1000 characters (54000)';

CREATE FUNCTION @extschema@.damerau_levenshtein(a text, b text, max integer)
RETURNS integer
AS 'MODULE_PATHNAME', 'migrisk_damerau_levenshtein_max'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.damerau_levenshtein(text, text, integer) IS
'optimal string alignment distance with early exit: exact when <= max, max + 1 otherwise; negative max: 22023';

---------------------------------------------------------------------------
-- Person records: comparison and blocking.
---------------------------------------------------------------------------

CREATE TYPE @extschema@.person_ident AS (
	given_names text,
	surname1 text,
	surname2 text,
	birth_date date,
	sex text,
	nationality text
);

COMMENT ON TYPE @extschema@.person_ident IS
'identifying fields of a person record: given names, first (paternal) and second (maternal) surname, birth date, sex (F, M, X), nationality (ISO 3166-1 alpha-3); NULL or empty = missing';

CREATE FUNCTION @extschema@.compare_persons(a @extschema@.person_ident, b @extschema@.person_ident)
RETURNS @extschema@.link_gamma
AS 'MODULE_PATHNAME', 'migrisk_compare_persons'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.compare_persons(@extschema@.person_ident, @extschema@.person_ident) IS
'comparison vector of two person records: one level per field (names exact/phonetic/jw92/jw85/swapped/one_missing/different, birth date exact/transposed/one_component/within_year/different, sex and nationality equal/different); plausibility left missing';

CREATE FUNCTION @extschema@.blocking_keys(p @extschema@.person_ident)
RETURNS text[]
AS 'MODULE_PATHNAME', 'migrisk_blocking_keys'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.blocking_keys(@extschema@.person_ident) IS
'blocking keys of a person record (S|phonetic surname|birth year for each surname, G|given initial|birth date, N|phonetic given|phonetic surname1): candidate pairs share a key (a.keys && b.keys with a GIN index)';
-- migrisk install script: probabilistic linkage (Fellegi-Sunter with EM),
-- deportation-return plausibility, persons from links.
-- Reference: docs/reference.md; the model in plain words:
-- docs/linkage.md.

------------------------------------------------------------------------
-- Persons from links: connected components
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.link_clusters(edges text)
RETURNS TABLE (record_id int8, person_id int8)
AS 'MODULE_PATHNAME', 'migrisk_link_clusters'
LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED
COST 1000 ROWS 10000;

COMMENT ON FUNCTION @extschema@.link_clusters(text) IS
'persons from links: runs the query, which returns (id_a, id_b) integer record ids (a row with one id NULL adds a record without a link), and returns every record id with the smallest record id of its connected component; about 40 bytes of memory per distinct record, not bounded by work_mem';

CREATE FUNCTION @extschema@.link_clusters(links regclass, threshold float8)
RETURNS TABLE (record_id int8, person_id int8)
LANGUAGE plpgsql VOLATILE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	col text;
BEGIN
	IF threshold IS NULL OR NOT (threshold >= 0 AND threshold <= 1) THEN
		RAISE EXCEPTION 'link_clusters: threshold % is outside [0, 1]', threshold
			USING ERRCODE = '22023',
				  HINT = 'The threshold is a match probability.';
	END IF;
	FOREACH col IN ARRAY ARRAY['id_a', 'id_b', 'match_probability'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_attribute
					   WHERE attrelid = links AND attname = col
						 AND attnum > 0 AND NOT attisdropped) THEN
			RAISE EXCEPTION 'link_clusters: table % has no column "%"', links, col
				USING ERRCODE = '42703',
					  HINT = 'Pass a links table as written by migrisk.link_records, or use link_clusters(text) with your own query.';
		END IF;
	END LOOP;
	RETURN QUERY SELECT c.record_id, c.person_id
	FROM @extschema@.link_clusters(format(
		'SELECT id_a::int8, id_b::int8 FROM %s WHERE match_probability >= %s',
		links, threshold)) AS c;
END
$$;

COMMENT ON FUNCTION @extschema@.link_clusters(regclass, float8) IS
'persons from a links table (columns id_a, id_b, match_probability, as link_records writes it): record id to person id (the smallest record id in its cluster) over the links with match_probability >= threshold; only records that appear in some link are returned';

------------------------------------------------------------------------
-- Repatriation points: US port of removal and Mexican reception point
------------------------------------------------------------------------

-- Key used to compare place names (src/core/place_key.h): upper case,
-- accents folded, "Cd." read as "Ciudad", punctuation to single spaces.
CREATE FUNCTION @extschema@._place_key(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'migrisk_place_key'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@._place_key(text) IS
'internal: the comparison key of a place name (letters upper case, accents, tilde and cedilla dropped, the word CD read as CIUDAD, other characters separate words joined by one space)';

CREATE FUNCTION @extschema@._place_keys(names text[])
RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN ARRAY(SELECT @extschema@._place_key(n) FROM unnest(names) AS n);

COMMENT ON FUNCTION @extschema@._place_keys(text[]) IS
'internal: _place_key of every name of an array';

CREATE TABLE @extschema@.repatriation_point (
	us_port		text NOT NULL,
	us_state	text NOT NULL,
	us_lon		float8 NOT NULL CHECK (us_lon BETWEEN float8 '-180' AND float8 '180'),
	us_lat		float8 NOT NULL CHECK (us_lat BETWEEN float8 '-90' AND float8 '90'),
	mx_point	text NOT NULL,
	mx_state	text NOT NULL,
	mx_inegi	text CHECK (mx_inegi ~ '^[0-9]{5}$'),
	mx_lon		float8 NOT NULL CHECK (mx_lon BETWEEN float8 '-180' AND float8 '180'),
	mx_lat		float8 NOT NULL CHECK (mx_lat BETWEEN float8 '-90' AND float8 '90'),
	us_aliases	text[] NOT NULL DEFAULT '{}',
	mx_aliases	text[] NOT NULL DEFAULT '{}',
	seeded		boolean NOT NULL DEFAULT false,
	-- comparison keys of every name of each side, computed once
	us_keys		text[] GENERATED ALWAYS AS (@extschema@._place_keys(
					ARRAY[us_port, us_port || ' ' || us_state] || us_aliases)) STORED,
	mx_keys		text[] GENERATED ALWAYS AS (@extschema@._place_keys(
					ARRAY[mx_point] || mx_aliases)) STORED,
	PRIMARY KEY (us_port, mx_point)
);

COMMENT ON TABLE @extschema@.repatriation_point IS
'pairs of a US port of removal and the Mexican reception point (punto de recepcion) facing it, with approximate coordinates (WGS84, about 1 km) and the INEGI municipio key; used by return_plausibility; add rows for other ports, aliases and interior repatriation points (rows you add are kept by pg_dump)';

-- Sources: the reception points are those of the UPM (SEGOB) tables
-- "eventos de devolucion de mexicanos desde Estados Unidos, segun entidad
-- federativa y punto de recepcion" as reported for 2024 (Tijuana, Mexicali,
-- San Luis Rio Colorado, Nogales, Naco, Agua Prieta, Ciudad Juarez,
-- Ojinaga, Ciudad Acuna, Piedras Negras, Nuevo Laredo, Reynosa, Matamoros);
-- each faces the US port across the border crossing.  INEGI keys from the
-- INEGI Marco Geoestadistico municipio catalogue.  Coordinates are the
-- crossings' approximate positions, rounded to 0.01 degree.
INSERT INTO @extschema@.repatriation_point
	(us_port, us_state, us_lon, us_lat, mx_point, mx_state, mx_inegi, mx_lon, mx_lat, us_aliases, mx_aliases, seeded)
VALUES
	('San Ysidro', 'CA', -117.03, 32.54, 'Tijuana', 'Baja California', '02004', -117.03, 32.54, '{SAN DIEGO}', '{EL CHAPARRAL}', true),
	('Calexico', 'CA', -115.50, 32.67, 'Mexicali', 'Baja California', '02002', -115.49, 32.66, '{}', '{}', true),
	('San Luis', 'AZ', -114.78, 32.49, 'San Luis Río Colorado', 'Sonora', '26055', -114.78, 32.48, '{}', '{SAN LUIS R C}', true),
	('Nogales', 'AZ', -110.94, 31.33, 'Nogales', 'Sonora', '26043', -110.94, 31.32, '{}', '{}', true),
	('Naco', 'AZ', -109.95, 31.33, 'Naco', 'Sonora', '26039', -109.95, 31.32, '{}', '{}', true),
	('Douglas', 'AZ', -109.55, 31.33, 'Agua Prieta', 'Sonora', '26002', -109.55, 31.32, '{}', '{}', true),
	('El Paso', 'TX', -106.49, 31.76, 'Ciudad Juárez', 'Chihuahua', '08037', -106.49, 31.74, '{}', '{JUAREZ}', true),
	('Presidio', 'TX', -104.37, 29.56, 'Ojinaga', 'Chihuahua', '08052', -104.41, 29.55, '{}', '{}', true),
	('Del Rio', 'TX', -100.93, 29.33, 'Ciudad Acuña', 'Coahuila', '05002', -100.93, 29.32, '{}', '{ACUNA}', true),
	('Eagle Pass', 'TX', -100.50, 28.71, 'Piedras Negras', 'Coahuila', '05025', -100.52, 28.70, '{}', '{}', true),
	('Laredo', 'TX', -99.51, 27.50, 'Nuevo Laredo', 'Tamaulipas', '28027', -99.52, 27.48, '{}', '{}', true),
	('Hidalgo', 'TX', -98.27, 26.10, 'Reynosa', 'Tamaulipas', '28032', -98.28, 26.09, '{MCALLEN}', '{}', true),
	('Brownsville', 'TX', -97.50, 25.90, 'Matamoros', 'Tamaulipas', '28022', -97.50, 25.88, '{}', '{}', true);

SELECT pg_catalog.pg_extension_config_dump('@extschema@.repatriation_point', 'WHERE NOT seeded');

------------------------------------------------------------------------
-- Deportation-return plausibility
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.return_plausibility(
	removal_date date, removal_port text,
	reception_date date, reception_point text,
	min_days int DEFAULT 0, max_days int DEFAULT 7)
RETURNS int
AS 'MODULE_PATHNAME', 'migrisk_return_plausibility'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.return_plausibility(date, text, date, text, int, int) IS
'plausibility that a reception follows a removal, as a comparison level: 0 fits (received min_days..max_days after removal, default 0..7, at the reception point facing the port of removal in repatriation_point; port names match with or without the state, "El Paso, TX"), 1 window_only (right time, other point), 2 point_only (right point, outside the window), 3 different';

------------------------------------------------------------------------
-- Fellegi-Sunter model estimated by EM
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.with_plausibility(gamma @extschema@.link_gamma, level int)
RETURNS @extschema@.link_gamma
AS 'MODULE_PATHNAME', 'migrisk_with_plausibility'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.with_plausibility(@extschema@.link_gamma, int) IS
'the comparison vector with its plausibility field set to level (0 fits .. 3 different, as return_plausibility returns it), or missing when level is NULL; level out of range: 22003';

CREATE FUNCTION @extschema@._link_em_trans(internal, @extschema@.link_gamma)
RETURNS internal AS 'MODULE_PATHNAME', 'migrisk_link_em_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_trans(internal, @extschema@.link_gamma, int)
RETURNS internal AS 'MODULE_PATHNAME', 'migrisk_link_em_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_trans(internal, @extschema@.link_gamma, int, float8)
RETURNS internal AS 'MODULE_PATHNAME', 'migrisk_link_em_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_combine(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'migrisk_link_em_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_serial(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'migrisk_link_em_serial'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_deserial(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'migrisk_link_em_deserial'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_final(internal)
RETURNS jsonb AS 'MODULE_PATHNAME', 'migrisk_link_em_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@._link_em_trans(internal, @extschema@.link_gamma) IS
'internal: link_em transition (counts each distinct comparison pattern)';
COMMENT ON FUNCTION @extschema@._link_em_trans(internal, @extschema@.link_gamma, int) IS
'internal: link_em transition with max_iter';
COMMENT ON FUNCTION @extschema@._link_em_trans(internal, @extschema@.link_gamma, int, float8) IS
'internal: link_em transition with max_iter and tolerance';
COMMENT ON FUNCTION @extschema@._link_em_combine(internal, internal) IS
'internal: link_em combine (adds pattern counts of two partial states)';
COMMENT ON FUNCTION @extschema@._link_em_serial(internal) IS
'internal: link_em state to bytes (format byte, options, pattern/count pairs)';
COMMENT ON FUNCTION @extschema@._link_em_deserial(bytea, internal) IS
'internal: link_em state from bytes, every length and pattern checked';
COMMENT ON FUNCTION @extschema@._link_em_final(internal) IS
'internal: link_em final function (runs EM over the pattern counts, returns the model)';

CREATE AGGREGATE @extschema@.link_em(gamma @extschema@.link_gamma) (
	SFUNC = @extschema@._link_em_trans,
	STYPE = internal,
	FINALFUNC = @extschema@._link_em_final,
	COMBINEFUNC = @extschema@._link_em_combine,
	SERIALFUNC = @extschema@._link_em_serial,
	DESERIALFUNC = @extschema@._link_em_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.link_em(gamma @extschema@.link_gamma, max_iter int) (
	SFUNC = @extschema@._link_em_trans,
	STYPE = internal,
	FINALFUNC = @extschema@._link_em_final,
	COMBINEFUNC = @extschema@._link_em_combine,
	SERIALFUNC = @extschema@._link_em_serial,
	DESERIALFUNC = @extschema@._link_em_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.link_em(gamma @extschema@.link_gamma, max_iter int, tolerance float8) (
	SFUNC = @extschema@._link_em_trans,
	STYPE = internal,
	FINALFUNC = @extschema@._link_em_final,
	COMBINEFUNC = @extschema@._link_em_combine,
	SERIALFUNC = @extschema@._link_em_serial,
	DESERIALFUNC = @extschema@._link_em_deserial,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.link_em(@extschema@.link_gamma) IS
'Fellegi-Sunter model (jsonb: lambda, m and u per level per field) estimated by EM, without labels, from the comparison vectors of candidate pairs; EM runs over the counts of distinct patterns (max_iter 1000, tolerance 1e-6); the result is what match_weight and match_probability take';
COMMENT ON AGGREGATE @extschema@.link_em(@extschema@.link_gamma, int) IS
'link_em with a maximum number of EM iterations (1..100000)';
COMMENT ON AGGREGATE @extschema@.link_em(@extschema@.link_gamma, int, float8) IS
'link_em with a maximum number of EM iterations and a convergence tolerance (largest change of any probability, in (0, 1))';

CREATE FUNCTION @extschema@._link_u_final(internal)
RETURNS jsonb AS 'MODULE_PATHNAME', 'migrisk_link_u_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@._link_u_final(internal) IS
'internal: link_u final function (level frequencies of the pairs as u)';

CREATE AGGREGATE @extschema@.link_u(gamma @extschema@.link_gamma) (
	SFUNC = @extschema@._link_em_trans,
	STYPE = internal,
	FINALFUNC = @extschema@._link_u_final,
	COMBINEFUNC = @extschema@._link_em_combine,
	SERIALFUNC = @extschema@._link_em_serial,
	DESERIALFUNC = @extschema@._link_em_deserial,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.link_u(@extschema@.link_gamma) IS
'u probabilities as the level frequencies of the comparison vectors of random pairs (nearly all non-matches), for link_em_fit; its m and lambda are only starting values';

CREATE FUNCTION @extschema@.link_em_fit(patterns @extschema@.link_gamma[], counts float8[],
	u_model jsonb DEFAULT NULL, max_iter int DEFAULT 1000, tolerance float8 DEFAULT 1e-6,
	fix_u boolean DEFAULT true, lambda float8 DEFAULT NULL)
RETURNS jsonb AS 'MODULE_PATHNAME', 'migrisk_link_em_fit'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.link_em_fit(@extschema@.link_gamma[], float8[], jsonb, int, float8, boolean, float8) IS
'EM over a table of distinct comparison patterns and their counts (as from GROUP BY gamma); with u_model (e.g. link_u over random pairs) u is fixed at its values and only m and lambda are estimated, which keeps EM from splitting blocked candidate pairs along another line';

CREATE FUNCTION @extschema@.match_weight(gamma @extschema@.link_gamma, model jsonb)
RETURNS float8 AS 'MODULE_PATHNAME', 'migrisk_match_weight'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.match_weight(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8 DEFAULT NULL)
RETURNS float8 AS 'MODULE_PATHNAME', 'migrisk_match_weight'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.match_probability(gamma @extschema@.link_gamma, model jsonb)
RETURNS float8 AS 'MODULE_PATHNAME', 'migrisk_match_probability'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.match_probability(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8 DEFAULT NULL)
RETURNS float8 AS 'MODULE_PATHNAME', 'migrisk_match_probability'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.match_weight(@extschema@.link_gamma, jsonb) IS
'match weight of a comparison vector: log2(lambda/(1-lambda)) + sum over compared fields of log2(m/u) of its level; missing fields and fields absent from the model add nothing; a model that does not fit: 22023';
COMMENT ON FUNCTION @extschema@.match_weight(@extschema@.link_gamma, jsonb, float8, float8) IS
'match weight with term-frequency adjustment: on an exact surname agreement adds log2(u_exact) - log2(max(tf, tf_minimum)), tf = share of records carrying that surname (NULL: no adjustment)';
COMMENT ON FUNCTION @extschema@.match_probability(@extschema@.link_gamma, jsonb) IS
'posterior probability that the pair is a match: 2^w / (1 + 2^w) of the match weight w';
COMMENT ON FUNCTION @extschema@.match_probability(@extschema@.link_gamma, jsonb, float8, float8) IS
'match probability with term-frequency adjustment of exact surname agreements (see match_weight)';

CREATE FUNCTION @extschema@.link_model_levels(model jsonb)
RETURNS TABLE (field text, level_index int, level text, m float8, u float8, weight float8)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT l.field, l.level_index, l.level,
		   (model -> 'fields' -> l.field -> 'm' ->> l.level_index)::float8,
		   (model -> 'fields' -> l.field -> 'u' ->> l.level_index)::float8,
		   ln((model -> 'fields' -> l.field -> 'm' ->> l.level_index)::float8) / ln(2::float8)
		   - ln((model -> 'fields' -> l.field -> 'u' ->> l.level_index)::float8) / ln(2::float8)
	FROM @extschema@.link_gamma_levels() AS l
	WHERE model -> 'fields' ? l.field
	ORDER BY l.field_index, l.level_index;
END;

COMMENT ON FUNCTION @extschema@.link_model_levels(jsonb) IS
'a link model as rows: field, level, m, u and the level''s weight log2(m/u), in link_gamma order';

------------------------------------------------------------------------
-- The one-call workflow
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.link_records(
	left_table regclass, left_id text, left_identity text,
	right_table regclass DEFAULT NULL, right_id text DEFAULT NULL, right_identity text DEFAULT NULL,
	result_table text DEFAULT 'links',
	model jsonb DEFAULT NULL,
	threshold float8 DEFAULT 0.5,
	plausibility text DEFAULT NULL,
	max_block int DEFAULT 1000,
	lambda float8 DEFAULT NULL,
	compare_function text DEFAULT '@extschema@.compare_persons',
	blocking_function text DEFAULT '@extschema@.blocking_keys',
	left_date text DEFAULT NULL, right_date text DEFAULT NULL,
	min_days int DEFAULT 0, max_days int DEFAULT 7)
RETURNS jsonb
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
-- No SET search_path: the identity, plausibility and function names are the
-- caller's SQL and resolve in the caller's search path; every object of
-- this extension is schema-qualified below.
DECLARE
	dedup boolean := right_table IS NULL;
	rtab regclass := coalesce(right_table, left_table);
	rid text := coalesce(right_id, left_id);
	rident text := coalesce(right_identity, left_identity);
	res text;
	res_parts text[];
	t0 timestamptz := clock_timestamp();
	t timestamptz;
	n_left int8;
	n_right int8;
	n_cand int8;
	n_skipped int8;
	n_links int8;
	m jsonb := model;
	times jsonb := '{}';
	lam float8;
	col text;
	tab regclass;
	windowed boolean := left_date IS NOT NULL;
	bucket int;
	ldate text := '';
	rdate text := '';
	-- the comparison vector of a pair (l, r), with plausibility if given
	compare_expr text := CASE WHEN plausibility IS NULL
		THEN format('%s(l._lr_ident, r._lr_ident)', compare_function)
		ELSE format('@extschema@.with_plausibility(%s(l._lr_ident, r._lr_ident), (%s)::int)', compare_function, plausibility) END;
	sample_a int8;
	sample_b int8;
	u jsonb;
BEGIN
	-- Every check before any work.
	IF left_table IS NULL OR left_id IS NULL OR left_identity IS NULL OR result_table IS NULL
	   OR compare_function IS NULL OR blocking_function IS NULL OR max_block IS NULL THEN
		RAISE EXCEPTION 'link_records: left_table, left_id, left_identity, result_table, compare_function, blocking_function and max_block must not be NULL'
			USING ERRCODE = '22004';
	END IF;
	IF (right_table IS NULL) <> (right_id IS NULL) OR (right_table IS NULL AND right_identity IS NOT NULL) THEN
		RAISE EXCEPTION 'link_records: give right_table and right_id together (or neither, to deduplicate left_table)'
			USING ERRCODE = '22023';
	END IF;
	IF threshold IS NULL OR NOT (threshold >= float8 '0' AND threshold <= float8 '1') THEN
		RAISE EXCEPTION 'link_records: threshold % is outside [0, 1]', threshold
			USING ERRCODE = '22023', HINT = 'The threshold is a match probability.';
	END IF;
	IF lambda IS NOT NULL AND NOT (lambda > float8 '0' AND lambda < float8 '1' OR lambda = float8 '-1') THEN
		RAISE EXCEPTION 'link_records: lambda % is outside (0, 1)', lambda
			USING ERRCODE = '22023',
				  HINT = 'lambda is the share of candidate pairs that match; NULL: the one-to-one prior; -1: estimated by EM.';
	END IF;
	IF (left_date IS NULL) <> (right_date IS NULL) THEN
		RAISE EXCEPTION 'link_records: give left_date and right_date together (or neither)'
			USING ERRCODE = '22023';
	END IF;
	IF windowed AND dedup THEN
		RAISE EXCEPTION 'link_records: date-window blocking needs two tables'
			USING ERRCODE = '22023',
				  HINT = 'left_date and right_date pair a record of each table by when its event happened; to deduplicate one table, block without them.';
	END IF;
	IF windowed AND (min_days IS NULL OR max_days IS NULL OR min_days > max_days) THEN
		RAISE EXCEPTION 'link_records: window [%, %] days is empty', min_days, max_days
			USING ERRCODE = '22023', HINT = 'min_days must not exceed max_days.';
	END IF;
	IF max_block < 2 THEN
		RAISE EXCEPTION 'link_records: max_block % is too small', max_block
			USING ERRCODE = '22023', HINT = 'Blocks with more records than max_block on a side are skipped; use at least 2.';
	END IF;
	FOR tab, col IN SELECT * FROM (VALUES (left_table, left_id), (rtab, rid)) v LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_attribute
					   WHERE attrelid = tab AND attname = col AND attnum > 0 AND NOT attisdropped) THEN
			RAISE EXCEPTION 'link_records: table % has no column "%"', tab, col
				USING ERRCODE = '42703', HINT = 'Name the id column of each table.';
		END IF;
	END LOOP;
	BEGIN
		res_parts := parse_ident(result_table);
	EXCEPTION WHEN OTHERS THEN
		RAISE EXCEPTION 'link_records: invalid result table name "%"', result_table
			USING ERRCODE = '42602';
	END;
	SELECT string_agg(quote_ident(p), '.') INTO res FROM unnest(res_parts) AS p;
	IF to_regclass(res) IS NOT NULL THEN
		RAISE EXCEPTION 'link_records: result table % already exists', res
			USING ERRCODE = '42P07', HINT = 'Drop it or name another result_table.';
	END IF;
	IF m IS NOT NULL THEN
		-- parses and checks the model (22023 if it does not fit)
		PERFORM @extschema@.match_weight('', m);
	END IF;
	IF windowed THEN
		ldate := format(', (%s)::date AS _lr_date', left_date);
		rdate := format(', (%s)::date AS _lr_date', right_date);
		bucket := max_days - min_days + 1;
	END IF;
	-- The expressions, the functions and the id types, checked by the parser
	-- on an empty query: a typo fails here, not after blocking.
	BEGIN
		EXECUTE format(
			'SELECT %3$s(l._lr_ident, r._lr_ident), %4$s(l._lr_ident), %4$s(r._lr_ident), l._lr_id::int8, r._lr_id::int8 %5$s
			 FROM (SELECT %6$I AS _lr_id, (%7$s) AS _lr_ident %10$s, * FROM %1$s) l,
				  (SELECT %8$I AS _lr_id, (%9$s) AS _lr_ident %11$s, * FROM %2$s) r LIMIT 0',
			left_table, rtab, compare_function, blocking_function,
			CASE WHEN plausibility IS NULL THEN '' ELSE format(', (%s)::int', plausibility) END,
			left_id, left_identity, rid, rident, ldate, rdate);
	EXCEPTION WHEN OTHERS THEN
		RAISE EXCEPTION 'link_records: %', SQLERRM
			USING ERRCODE = SQLSTATE,
				  HINT = 'Check left_identity/right_identity and left_date/right_date (SQL expressions over each table''s columns), plausibility (an expression over l.* and r.*), compare_function and blocking_function.';
	END;

	-- 1. identities and blocking keys (temporary tables are ANALYZEd: the
	-- planner has no statistics for them otherwise and picks nested loops)
	t := clock_timestamp();
	EXECUTE format('CREATE TEMP TABLE _lr_left ON COMMIT DROP AS SELECT %2$I::int8 AS _lr_id, (%3$s) AS _lr_ident %4$s, * FROM %1$s',
				   left_table, left_id, left_identity, ldate);
	GET DIAGNOSTICS n_left = ROW_COUNT;
	ANALYZE _lr_left;
	IF dedup THEN
		n_right := n_left;
	ELSE
		EXECUTE format('CREATE TEMP TABLE _lr_right ON COMMIT DROP AS SELECT %2$I::int8 AS _lr_id, (%3$s) AS _lr_ident %4$s, * FROM %1$s',
					   rtab, rid, rident, rdate);
		GET DIAGNOSTICS n_right = ROW_COUNT;
		ANALYZE _lr_right;
	END IF;
	IF windowed THEN
		-- Date-window blocking: each key is suffixed with a bucket of
		-- (max_days - min_days + 1) days.  A right record's bucket holds
		-- its date; a left record takes the buckets of date + min_days and
		-- date + max_days, so every pair whose right date lies min_days to
		-- max_days after its left date shares a key (and a few pairs a
		-- little outside the window do too).  No date, or an infinite
		-- one: no keys.
		EXECUTE format(
			'CREATE TEMP TABLE _lr_lkey ON COMMIT DROP AS
			 SELECT DISTINCT l._lr_id AS id, k.k || ''@'' || b.b AS k
			 FROM _lr_left l, unnest(%1$s(l._lr_ident)) AS k(k),
				  LATERAL (VALUES (floor((l._lr_date - date ''2000-01-01'' + %2$s)::float8 / %4$s)::int8),
								  (floor((l._lr_date - date ''2000-01-01'' + %3$s)::float8 / %4$s)::int8)) AS b(b)
			 WHERE isfinite(l._lr_date)',
			blocking_function, min_days, max_days, bucket);
		EXECUTE format(
			'CREATE TEMP TABLE _lr_rkey ON COMMIT DROP AS
			 SELECT DISTINCT r._lr_id AS id, k.k || ''@'' || floor((r._lr_date - date ''2000-01-01'')::float8 / %2$s)::int8 AS k
			 FROM _lr_right r, unnest(%1$s(r._lr_ident)) AS k(k)
			 WHERE isfinite(r._lr_date)',
			blocking_function, bucket);
		ANALYZE _lr_lkey;
		ANALYZE _lr_rkey;
	ELSE
		EXECUTE format('CREATE TEMP TABLE _lr_lkey ON COMMIT DROP AS SELECT DISTINCT _lr_id AS id, unnest(%s(_lr_ident)) AS k FROM _lr_left',
					   blocking_function);
		ANALYZE _lr_lkey;
		IF NOT dedup THEN
			EXECUTE format('CREATE TEMP TABLE _lr_rkey ON COMMIT DROP AS SELECT DISTINCT _lr_id AS id, unnest(%s(_lr_ident)) AS k FROM _lr_right',
						   blocking_function);
			ANALYZE _lr_rkey;
		END IF;
	END IF;
	-- keys too common to block on (more than max_block records on a side)
	EXECUTE format(
		'CREATE TEMP TABLE _lr_big ON COMMIT DROP AS
		 SELECT k FROM _lr_lkey GROUP BY k HAVING count(*) > %1$s::int8
		 UNION SELECT k FROM %2$s GROUP BY k HAVING count(*) > %1$s::int8',
		max_block, CASE WHEN dedup THEN '_lr_lkey' ELSE '_lr_rkey' END);
	GET DIAGNOSTICS n_skipped = ROW_COUNT;
	ANALYZE _lr_big;
	EXECUTE format(
		'CREATE TEMP TABLE _lr_cand ON COMMIT DROP AS
		 SELECT DISTINCT a.id AS id_a, b.id AS id_b
		 FROM _lr_lkey a JOIN %s b USING (k)
		 WHERE NOT EXISTS (SELECT 1 FROM _lr_big g WHERE g.k = a.k) %s',
		CASE WHEN dedup THEN '_lr_lkey' ELSE '_lr_rkey' END,
		CASE WHEN dedup THEN 'AND a.id < b.id' ELSE '' END);
	GET DIAGNOSTICS n_cand = ROW_COUNT;
	ANALYZE _lr_cand;
	times := times || jsonb_build_object('blocking_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
	RAISE NOTICE 'link_records: blocking%: % x % records, % candidate pairs, % keys skipped as larger than max_block (% s)',
		CASE WHEN windowed THEN format(' (date window %s..%s days)', min_days, max_days) ELSE '' END,
		n_left, n_right, n_cand, n_skipped, times ->> 'blocking_s';

	-- 2. comparison
	t := clock_timestamp();
	EXECUTE format(
		'CREATE TEMP TABLE _lr_pairs ON COMMIT DROP AS
		 SELECT c.id_a, c.id_b, %s AS gamma
		 FROM _lr_cand c JOIN _lr_left l ON l._lr_id = c.id_a JOIN %s r ON r._lr_id = c.id_b',
		compare_expr, CASE WHEN dedup THEN '_lr_left' ELSE '_lr_right' END);
	times := times || jsonb_build_object('comparison_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
	RAISE NOTICE 'link_records: comparison: % pairs compared (% s, % pairs/s)',
		n_cand, times ->> 'comparison_s',
		CASE WHEN (times ->> 'comparison_s')::numeric > 0::numeric
			 THEN round(n_cand::numeric / (times ->> 'comparison_s')::numeric) END;

	-- 3. model: EM over the distinct patterns of the candidates.  Blocking
	-- selects pairs that agree on its keys, and left to itself EM then
	-- splits the candidates along those agreements (namesakes against the
	-- rest) instead of matches against non-matches; fixing lambda at the
	-- one-to-one prior (each record of the smaller table matches at most
	-- one record of the other: min(left, right) / candidates) keeps the
	-- match class the size it can have; deduplicating, each record has at
	-- most one duplicate: (records / 2) / candidates.  lambda = -1: lambda
	-- estimated by EM.
	t := clock_timestamp();
	-- With the date window the candidates are mostly matches, and their
	-- disagreements say little about non-matches: u then starts from
	-- random pairs (the cross product of a random sample of each table,
	-- about a million pairs: Splink's way of estimating u), and EM
	-- estimates m, u and lambda from there (lambda fixed if given).  The
	-- one-to-one prior does not apply: the candidates are about as many
	-- as the records.
	IF m IS NULL AND windowed AND n_cand > 0 THEN
		t := clock_timestamp();
		sample_a := least(n_left, 1000::int8);
		sample_b := least(n_right, ceil(1000000.0 / greatest(sample_a, 1))::int8);
		EXECUTE format(
			'SELECT @extschema@.link_u(%s)
			 FROM (SELECT * FROM _lr_left ORDER BY random() LIMIT %s) l,
				  (SELECT * FROM _lr_right ORDER BY random() LIMIT %s) r',
			compare_expr, sample_a, sample_b) INTO u;
		times := times || jsonb_build_object('u_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
		RAISE NOTICE 'link_records: u from % random pairs (% s)', sample_a * sample_b, times ->> 'u_s';
		t := clock_timestamp();
	END IF;
	IF m IS NULL THEN
		lam := CASE WHEN lambda = float8 '-1' THEN NULL
					WHEN lambda IS NOT NULL THEN lambda
					WHEN n_cand = 0::int8 THEN NULL
					WHEN u IS NOT NULL THEN NULL
					WHEN dedup THEN least(float8 '0.5', n_left::float8 / float8 '2' / n_cand::float8)
					ELSE least(float8 '0.5', least(n_left, n_right)::float8 / n_cand::float8) END;
		SELECT @extschema@.link_em_fit(array_agg(p.gamma), array_agg(p.n), u_model => u, fix_u => false, lambda => lam) INTO m
		FROM (SELECT gamma, count(*)::float8 AS n FROM _lr_pairs GROUP BY gamma) p;
		IF m IS NULL THEN
			RAISE EXCEPTION 'link_records: no candidate pairs to estimate a model from'
				USING ERRCODE = '22023',
					  HINT = 'Check the blocking keys (max_block may skip every key) or pass a model.';
		END IF;
		times := times || jsonb_build_object('em_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
		RAISE NOTICE 'link_records: EM: % patterns, % iterations, lambda % (%) (% s)',
			m -> 'em' ->> 'patterns', m -> 'em' ->> 'iterations', m ->> 'lambda',
			CASE WHEN lam IS NULL THEN 'estimated' WHEN lambda IS NULL THEN 'one-to-one prior' ELSE 'given' END
			|| CASE WHEN u IS NOT NULL THEN ', u started from random pairs' ELSE '' END,
			times ->> 'em_s';
	END IF;

	-- 4. scoring, into the result table
	t := clock_timestamp();
	EXECUTE format(
		'CREATE TABLE %s AS
		 SELECT id_a, id_b, gamma, match_weight, match_probability
		 FROM (SELECT id_a, id_b, gamma,
					  @extschema@.match_weight(gamma, $1) AS match_weight,
					  @extschema@.match_probability(gamma, $1) AS match_probability
			   FROM _lr_pairs) s
		 WHERE match_probability >= $2', res)
		USING m, threshold;
	GET DIAGNOSTICS n_links = ROW_COUNT;
	times := times || jsonb_build_object('scoring_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
	RAISE NOTICE 'link_records: scoring: % links with match_probability >= % written to % (% s)',
		n_links, threshold, res, times ->> 'scoring_s';

	DROP TABLE _lr_left, _lr_lkey, _lr_big, _lr_cand, _lr_pairs;
	IF NOT dedup THEN
		DROP TABLE _lr_right, _lr_rkey;
	END IF;
	times := times || jsonb_build_object('total_s', round(extract(epoch FROM clock_timestamp() - t0)::numeric, 3));
	RETURN m || jsonb_build_object('run', jsonb_build_object(
		'left_records', n_left, 'right_records', n_right, 'candidate_pairs', n_cand,
		'skipped_keys', n_skipped, 'links', n_links, 'threshold', threshold,
		'date_window', CASE WHEN windowed THEN jsonb_build_array(min_days, max_days) END,
		'u_pairs', sample_a * sample_b,
		'result_table', res, 'model_given', model IS NOT NULL) || times);
END
$fn$;

COMMENT ON FUNCTION @extschema@.link_records(regclass, text, text, regclass, text, text, text, jsonb, float8, text, int, float8, text, text, text, text, int, int) IS
'one-call linkage: identities from left_identity/right_identity (SQL expressions over each table''s columns), candidates by shared blocking keys (keys with more than max_block records on a side skipped), comparison (plus plausibility, an expression over l.* and r.*), a model unless given (EM over the candidates'' patterns, link_em_fit, with lambda fixed at the one-to-one prior min(left, right) / candidates, or (records / 2) / candidates when deduplicating, unless lambda is given; lambda = -1: estimated), and the links with match_probability >= threshold written to a new result_table (id_a, id_b, gamma, match_weight, match_probability); without right_table, deduplicates left_table; with left_date and right_date (date expressions over each table), only pairs whose right date may lie min_days..max_days (default 0..7) after the left date are candidates; NOTICE per stage; returns the model with run statistics';
-- migrisk install script: trafficking-risk indicators, scores and the
-- risk_profile aggregate (docs/reference.md).

-------------------------------------------------------------------------
-- Registry of indicators and scoring models (extension configuration
-- tables: rows users add survive pg_dump; seeded rows are re-created by
-- CREATE EXTENSION and excluded from the dump by the "seeded" filter).
-------------------------------------------------------------------------

CREATE TABLE @extschema@.indicator (
	code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
	bit integer NOT NULL UNIQUE CHECK (bit BETWEEN 0 AND 63),
	label text NOT NULL,
	vocabulary text NOT NULL,
	default_weight float8 NOT NULL DEFAULT 1
		CHECK (default_weight >= float8 '0' AND default_weight < float8 'infinity'),
	ctdc_columns text[] NOT NULL DEFAULT '{}',
	ctdc_synthetic_columns text[] NOT NULL DEFAULT '{}',
	htcds_values text[] NOT NULL DEFAULT '{}',
	fms_question text,
	seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.indicator IS
'registry of risk indicators: code, bit in risk_flags, label, vocabulary, default weight, mappings to CTDC columns (2018/k-anon and synthetic), IOM HTCDS picklist values and IOM FMS questions';

CREATE TABLE @extschema@.risk_model (
	name text PRIMARY KEY,
	kind text NOT NULL CHECK (kind IN ('any', 'additive', 'logistic')),
	intercept float8 NOT NULL DEFAULT 0 CHECK (intercept > '-infinity' AND intercept < 'infinity'),
	medium_threshold float8 NOT NULL,
	high_threshold float8 NOT NULL,
	description text,
	seeded boolean NOT NULL DEFAULT false,
	CHECK (medium_threshold <= high_threshold)
);
COMMENT ON TABLE @extschema@.risk_model IS
'risk scoring models: kind any (at least one indicator), additive (share of weight present) or logistic; thresholds for risk_level';

CREATE TABLE @extschema@.risk_model_weight (
	model text NOT NULL REFERENCES @extschema@.risk_model (name) ON UPDATE CASCADE ON DELETE CASCADE,
	indicator text NOT NULL REFERENCES @extschema@.indicator (code) ON UPDATE CASCADE,
	weight float8 NOT NULL CHECK (weight > '-infinity' AND weight < 'infinity'),
	seeded boolean NOT NULL DEFAULT false,
	PRIMARY KEY (model, indicator)
);
COMMENT ON TABLE @extschema@.risk_model_weight IS
'per-model indicator weights; a model without rows here uses every indicator''s default_weight';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.indicator', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_model', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_model_weight', 'WHERE NOT seeded');
GRANT SELECT ON @extschema@.indicator, @extschema@.risk_model, @extschema@.risk_model_weight TO PUBLIC;

-- The canonical set (reference: docs/reference.md, "Vocabularies").
INSERT INTO @extschema@.indicator
	(code, bit, label, vocabulary, default_weight, ctdc_columns, ctdc_synthetic_columns, htcds_values, fms_question, seeded)
VALUES
('debt', 0, 'debt bondage or earnings taken', 'exploitation', 1,
 '{meansOfControlDebtBondage,meansOfControlTakesEarnings}', '{meansDebtBondageEarnings}', '{DebtBondage,TakesEarnings}', NULL, true),
('unpaid', 1, 'worked without the expected payment', 'exploitation', 1,
 '{}', '{}', '{TakesEarnings}', 'worked or performed activities without getting the expected payment', true),
('forced_work', 2, 'forced to work or perform activities against one''s will', 'exploitation', 1,
 '{isForcedLabour}', '{isForcedLabour}', '{}', 'forced to perform work or activities against your will', true),
('held', 3, 'kept at a location against one''s will, movement restricted', 'exploitation', 1,
 '{meansOfControlRestrictsMovement,isAbduction}', '{}', '{RestrictsMovement}', 'kept at a certain location against your will (not by the authorities)', true),
('docs', 4, 'identity or travel documents withheld', 'exploitation', 1,
 '{meansOfControlWithholdsDocuments}', '{meansWithholdDocs}', '{WithholdsDocuments}', NULL, true),
('threats', 5, 'threats, including threat of law enforcement', 'exploitation', 1,
 '{meansOfControlThreats,meansOfControlThreatOfLawEnforcement}', '{meansThreats}', '{Threats,ThreatOfLawEnforcement}', NULL, true),
('violence', 6, 'physical, sexual or psychological abuse', 'exploitation', 1,
 '{meansOfControlPhysicalAbuse,meansOfControlSexualAbuse,meansOfControlPsychologicalAbuse}', '{meansAbusePsyPhySex}',
 '{PhysicalAbuse,SexualAbuse,PsychologicalAbuse}', 'physical violence (asked separately; not in the FMS composite)', true),
('deception', 7, 'false promises', 'exploitation', 1,
 '{meansOfControlFalsePromises}', '{meansFalsePromises}', '{FalsePromises}', NULL, true),
('marriage', 8, 'offered an arranged or forced marriage', 'exploitation', 1,
 '{isForcedMarriage}', '{}', '{}', 'approached with an offer of an arranged marriage (self or family)', true),
('organs', 9, 'organ, blood or body part removal or offers of cash for them', 'exploitation', 1,
 '{isOrganRemoval}', '{}', '{}', 'aware of offers of cash for blood, organs or other body parts (indirect; not in the FMS composite)', true),
('substances', 10, 'psychoactive substances used as control', 'exploitation', 1,
 '{meansOfControlPsychoactiveSubstances}', '{meansDrugsAlcohol}', '{PsychoactiveSubstances}', NULL, true),
('deny_needs', 11, 'financial access, medical care or necessities withheld', 'exploitation', 1,
 '{meansOfControlRestrictsFinancialAccess,meansOfControlRestrictsMedicalCare,meansOfControlWithholdsNecessities}',
 '{meansDenyBasicNeeds}', '{RestrictsFinancialAccess,RestrictsMedicalCare,WithholdsNecessities}', NULL, true),
('excessive_hours', 12, 'excessive working hours', 'exploitation', 1,
 '{meansOfControlExcessiveWorkingHours}', '{meansExcessiveWorkHours}', '{ExcessiveWorkingHours}', NULL, true),
('sexual_exploit', 13, 'sexual exploitation', 'exploitation', 1,
 '{isSexualExploit}', '{isSexualExploit}', '{}', NULL, true),
('freight_train', 16, 'travelled on freight trains', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('smuggler', 17, 'travelled with a smuggler', 'transit', 0.5, '{}', '{}', '{"Smuggling, ransom",Smuggler}', NULL, true),
('smuggler_debt', 18, 'owes a debt for the journey', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('minor_unaccompanied', 19, 'unaccompanied minor', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('travels_alone', 20, 'travels alone', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('no_documents', 21, 'no identity documents', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('repeat_deportation', 22, 'deported or returned more than once', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('kidnap_extortion', 23, 'kidnapped or extorted on the route', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('hotspot', 24, 'passed through a known violence hotspot', 'transit', 0.5, '{}', '{}', '{}', NULL, true);

INSERT INTO @extschema@.risk_model (name, kind, intercept, medium_threshold, high_threshold, description, seeded)
VALUES
('default', 'additive', 0, 0.15, 0.3,
 'share of the registry''s default weights present (every indicator with a non-zero default weight)', true),
('iom_fms_any', 'any', 0, 1, 1,
 'IOM Flow Monitoring Survey composite: yes to at least one of the four human trafficking and other exploitative practices indicators', true);

INSERT INTO @extschema@.risk_model_weight (model, indicator, weight, seeded)
VALUES ('iom_fms_any', 'unpaid', 1, true), ('iom_fms_any', 'forced_work', 1, true),
       ('iom_fms_any', 'held', 1, true), ('iom_fms_any', 'marriage', 1, true);

-------------------------------------------------------------------------
-- risk_flags
-------------------------------------------------------------------------

CREATE TYPE @extschema@.risk_flags;

CREATE FUNCTION @extschema@.risk_flags_in(cstring) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_out(@extschema@.risk_flags) RETURNS cstring
AS 'MODULE_PATHNAME', 'risk_flags_out' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_recv(internal) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_send(@extschema@.risk_flags) RETURNS bytea
AS 'MODULE_PATHNAME', 'risk_flags_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.risk_flags (
	INPUT = @extschema@.risk_flags_in,
	OUTPUT = @extschema@.risk_flags_out,
	RECEIVE = @extschema@.risk_flags_recv,
	SEND = @extschema@.risk_flags_send,
	INTERNALLENGTH = 16,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.risk_flags IS
'per-record risk indicators, each yes, no or unknown: text {code,...} (others no), -code no, ?code unknown, lone ? = unlisted unknown';
COMMENT ON FUNCTION @extschema@.risk_flags_in(cstring) IS 'internal: text input of risk_flags (codes from migrisk.indicator)';
COMMENT ON FUNCTION @extschema@.risk_flags_out(@extschema@.risk_flags) IS 'internal: text output of risk_flags';
COMMENT ON FUNCTION @extschema@.risk_flags_recv(internal) IS 'internal: binary input of risk_flags';
COMMENT ON FUNCTION @extschema@.risk_flags_send(@extschema@.risk_flags) IS 'internal: binary output of risk_flags';

CREATE FUNCTION @extschema@.risk_flags_eq(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_ne(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_lt(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_le(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_gt(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_ge(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_cmp(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS integer
AS 'MODULE_PATHNAME', 'risk_flags_cmp_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_hash(@extschema@.risk_flags) RETURNS integer
AS 'MODULE_PATHNAME', 'risk_flags_hash_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_hash_extended(@extschema@.risk_flags, bigint) RETURNS bigint
AS 'MODULE_PATHNAME', 'risk_flags_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_or(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_or_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_and(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_and_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_minus(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_minus_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_contains(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_contains_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_contained(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_contained_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_overlaps(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_overlaps_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.risk_flags_eq(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: = for risk_flags (same yes and known sets)';
COMMENT ON FUNCTION @extschema@.risk_flags_ne(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: <> for risk_flags';
COMMENT ON FUNCTION @extschema@.risk_flags_lt(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: < for risk_flags (btree order)';
COMMENT ON FUNCTION @extschema@.risk_flags_le(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: <= for risk_flags (btree order)';
COMMENT ON FUNCTION @extschema@.risk_flags_gt(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: > for risk_flags (btree order)';
COMMENT ON FUNCTION @extschema@.risk_flags_ge(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: >= for risk_flags (btree order)';
COMMENT ON FUNCTION @extschema@.risk_flags_cmp(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: btree comparison of risk_flags';
COMMENT ON FUNCTION @extschema@.risk_flags_hash(@extschema@.risk_flags) IS 'internal: hash of risk_flags';
COMMENT ON FUNCTION @extschema@.risk_flags_hash_extended(@extschema@.risk_flags, bigint) IS 'internal: seeded 64-bit hash of risk_flags';
COMMENT ON FUNCTION @extschema@.risk_flags_or(@extschema@.risk_flags, @extschema@.risk_flags) IS 'per indicator OR (Kleene: yes if either yes, no if both no, else unknown); operator |';
COMMENT ON FUNCTION @extschema@.risk_flags_and(@extschema@.risk_flags, @extschema@.risk_flags) IS 'per indicator AND (Kleene: no if either no, yes if both yes, else unknown); operator &';
COMMENT ON FUNCTION @extschema@.risk_flags_minus(@extschema@.risk_flags, @extschema@.risk_flags) IS 'per indicator a AND NOT b (Kleene); operator -';
COMMENT ON FUNCTION @extschema@.risk_flags_contains(@extschema@.risk_flags, @extschema@.risk_flags) IS 'every indicator present in the second is present in the first; operator @>';
COMMENT ON FUNCTION @extschema@.risk_flags_contained(@extschema@.risk_flags, @extschema@.risk_flags) IS 'every indicator present in the first is present in the second; operator <@';
COMMENT ON FUNCTION @extschema@.risk_flags_overlaps(@extschema@.risk_flags, @extschema@.risk_flags) IS 'some indicator is present in both; operator &&';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR @extschema@.| (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_or, COMMUTATOR = OPERATOR(@extschema@.|));
CREATE OPERATOR @extschema@.& (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_and, COMMUTATOR = OPERATOR(@extschema@.&));
CREATE OPERATOR @extschema@.- (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_minus);
CREATE OPERATOR @extschema@.@> (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_contains, COMMUTATOR = OPERATOR(@extschema@.<@),
	RESTRICT = contsel, JOIN = contjoinsel);
CREATE OPERATOR @extschema@.<@ (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_contained, COMMUTATOR = OPERATOR(@extschema@.@>),
	RESTRICT = contsel, JOIN = contjoinsel);
CREATE OPERATOR @extschema@.&& (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_overlaps, COMMUTATOR = OPERATOR(@extschema@.&&),
	RESTRICT = areasel, JOIN = areajoinsel);

CREATE OPERATOR CLASS @extschema@.risk_flags_ops
DEFAULT FOR TYPE @extschema@.risk_flags USING btree AS
	OPERATOR 1 @extschema@.<,
	OPERATOR 2 @extschema@.<=,
	OPERATOR 3 @extschema@.=,
	OPERATOR 4 @extschema@.>=,
	OPERATOR 5 @extschema@.>,
	FUNCTION 1 @extschema@.risk_flags_cmp(@extschema@.risk_flags, @extschema@.risk_flags);

CREATE OPERATOR CLASS @extschema@.risk_flags_hash_ops
DEFAULT FOR TYPE @extschema@.risk_flags USING hash AS
	OPERATOR 1 @extschema@.=,
	FUNCTION 1 @extschema@.risk_flags_hash(@extschema@.risk_flags),
	FUNCTION 2 @extschema@.risk_flags_hash_extended(@extschema@.risk_flags, bigint);

-- constructors and accessors
CREATE FUNCTION @extschema@.risk_flags(codes text[]) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_from_codes' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_flags(text[]) IS
'risk_flags with the listed indicators yes and every other indicator no';

CREATE FUNCTION @extschema@.risk_flags(codes text[], states boolean[]) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_from_states' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_flags(text[], boolean[]) IS
'risk_flags from one state per code: true yes, false no, NULL unknown; indicators not listed are unknown';

CREATE FUNCTION @extschema@.risk_flags(yes bigint, known bigint) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_from_bits' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_flags(bigint, bigint) IS
'risk_flags from bit masks: bit i of yes / known for the indicator with bit i (known -1 = all known)';

CREATE FUNCTION @extschema@.yes_bits(flags @extschema@.risk_flags) RETURNS bigint
AS 'MODULE_PATHNAME', 'risk_yes_bits' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.yes_bits(@extschema@.risk_flags) IS
'the indicators present as a bit mask (bit i = indicator with bit i)';

CREATE FUNCTION @extschema@.known_bits(flags @extschema@.risk_flags) RETURNS bigint
AS 'MODULE_PATHNAME', 'risk_known_bits' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.known_bits(@extschema@.risk_flags) IS
'the indicators recorded (yes or no) as a bit mask';

CREATE FUNCTION @extschema@.has_flag(flags @extschema@.risk_flags, code text) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_has_flag' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.has_flag(@extschema@.risk_flags, text) IS
'true if the indicator is present, false if recorded absent, NULL if unknown';

CREATE FUNCTION @extschema@.flag_count(flags @extschema@.risk_flags) RETURNS integer
AS 'MODULE_PATHNAME', 'risk_flag_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.flag_count(@extschema@.risk_flags) IS
'number of indicators present (yes)';

CREATE FUNCTION @extschema@.unknown_count(flags @extschema@.risk_flags) RETURNS integer
AS 'MODULE_PATHNAME', 'risk_unknown_count' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unknown_count(@extschema@.risk_flags) IS
'number of registered indicators whose state is unknown';

CREATE FUNCTION @extschema@.to_codes(flags @extschema@.risk_flags) RETURNS text[]
AS 'MODULE_PATHNAME', 'risk_to_codes' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.to_codes(@extschema@.risk_flags) IS
'codes of the indicators present, in bit order (#N for a bit without an indicator)';

CREATE FUNCTION @extschema@.unknown_codes(flags @extschema@.risk_flags) RETURNS text[]
AS 'MODULE_PATHNAME', 'risk_unknown_codes' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unknown_codes(@extschema@.risk_flags) IS
'codes of the registered indicators whose state is unknown, in bit order';

-- Loader helpers.  A CTDC row (either generation; column names matched
-- case-insensitively, so an unquoted staging table works) as jsonb: an
-- indicator is yes if any mapped column is 1, no if every mapped column
-- present is 0, unknown if its columns are absent, blank or -99.
CREATE FUNCTION @extschema@.risk_flags_from_ctdc(rec jsonb) RETURNS @extschema@.risk_flags
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT @extschema@.risk_flags(coalesce(array_agg(s.code), '{}'), coalesce(array_agg(s.state), '{}'))
	FROM (
		SELECT i.code,
			CASE WHEN bool_or(v.val IN ('1', 'true', 'True', 'TRUE')) THEN true
			     WHEN bool_and(v.val IN ('0', 'false', 'False', 'FALSE')) THEN false
			END AS state
		FROM @extschema@.indicator i
		CROSS JOIN LATERAL unnest(i.ctdc_columns || i.ctdc_synthetic_columns) AS c(col)
		JOIN LATERAL (SELECT e.value AS val FROM jsonb_each_text(rec) e
		              WHERE lower(e.key) = lower(c.col)
		                AND e.value IS NOT NULL AND btrim(e.value) NOT IN ('', '-99')) v ON true
		GROUP BY i.code
	) s
$$;
COMMENT ON FUNCTION @extschema@.risk_flags_from_ctdc(jsonb) IS
'risk_flags from one CTDC record (to_jsonb of a staging row; 2018/k-anon or synthetic columns): 1 yes, 0 no, blank/-99/absent unknown';

-- IOM Human Trafficking Case Data Standard: the picklist values recorded
-- for a case (vic_MethodsOfControl, vic_MethodOfRecruitment, ...).  Listed
-- values make their indicators yes; other indicators that HTCDS covers are
-- no; indicators HTCDS does not cover are unknown.
CREATE FUNCTION @extschema@.risk_flags_from_htcds(vals text[]) RETURNS @extschema@.risk_flags
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT @extschema@.risk_flags(coalesce(array_agg(i.code), '{}'),
	                              coalesce(array_agg(i.htcds_values && vals), '{}'))
	FROM @extschema@.indicator i
	WHERE i.htcds_values <> '{}'
$$;
COMMENT ON FUNCTION @extschema@.risk_flags_from_htcds(text[]) IS
'risk_flags from IOM HTCDS picklist values of a case: listed yes, other HTCDS-covered indicators no, the rest unknown';

-- IOM DTM Flow Monitoring Survey answers (NULL = skipped = unknown).
CREATE FUNCTION @extschema@.risk_flags_from_fms(unpaid boolean, forced_work boolean,
	marriage boolean, held boolean, violence boolean DEFAULT NULL, organs boolean DEFAULT NULL)
RETURNS @extschema@.risk_flags
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT @extschema@.risk_flags(
		ARRAY['unpaid', 'forced_work', 'marriage', 'held', 'violence', 'organs'],
		ARRAY[unpaid, forced_work, marriage, held, violence, organs])
$$;
COMMENT ON FUNCTION @extschema@.risk_flags_from_fms(boolean, boolean, boolean, boolean, boolean, boolean) IS
'risk_flags from the IOM FMS exploitation questions (q1 unpaid, q2 forced work, q3 marriage offer, q4 held; violence, organs); NULL = unknown';

-------------------------------------------------------------------------
-- per-record scores
-------------------------------------------------------------------------

CREATE FUNCTION @extschema@.risk_score(flags @extschema@.risk_flags, model text DEFAULT 'default')
RETURNS float8
AS 'MODULE_PATHNAME', 'risk_score' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_score(@extschema@.risk_flags, text) IS
'score of one record under a model in migrisk.risk_model (unknown indicators count as absent)';

CREATE FUNCTION @extschema@.risk_level(flags @extschema@.risk_flags, model text DEFAULT 'default')
RETURNS text
AS 'MODULE_PATHNAME', 'risk_level' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(@extschema@.risk_flags, text) IS
'low, medium or high: the score against the model''s medium_threshold and high_threshold';

-------------------------------------------------------------------------
-- risk_state, risk_summary and the aggregates
-------------------------------------------------------------------------

CREATE TYPE @extschema@.risk_state;
CREATE FUNCTION @extschema@.risk_state_in(cstring) RETURNS @extschema@.risk_state
AS 'MODULE_PATHNAME', 'risk_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_state_out(@extschema@.risk_state) RETURNS cstring
AS 'MODULE_PATHNAME', 'risk_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_state_recv(internal) RETURNS @extschema@.risk_state
AS 'MODULE_PATHNAME', 'risk_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_state_send(@extschema@.risk_state) RETURNS bytea
AS 'MODULE_PATHNAME', 'risk_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.risk_state (
	INPUT = @extschema@.risk_state_in,
	OUTPUT = @extschema@.risk_state_out,
	RECEIVE = @extschema@.risk_state_recv,
	SEND = @extschema@.risk_state_send,
	INTERNALLENGTH = 3720,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.risk_state IS
'partial state of risk_profile: exact fixed-point sums (units of 2^-24); store per day and roll up with risk_profile_union';
COMMENT ON FUNCTION @extschema@.risk_state_in(cstring) IS 'internal: text input of risk_state (checked for consistency)';
COMMENT ON FUNCTION @extschema@.risk_state_out(@extschema@.risk_state) IS 'internal: exact text output of risk_state';
COMMENT ON FUNCTION @extschema@.risk_state_recv(internal) IS 'internal: binary input of risk_state (checked for consistency)';
COMMENT ON FUNCTION @extschema@.risk_state_send(@extschema@.risk_state) IS 'internal: binary output of risk_state';

CREATE TYPE @extschema@.risk_summary AS (
	n bigint,
	weighted_n float8,
	effective_n float8,
	any_prevalence float8,
	any_ci_low float8,
	any_ci_high float8,
	mean_score float8,
	score_ci_low float8,
	score_ci_high float8,
	high_share float8,
	coverage float8,
	suppressed boolean,
	codes text[],
	known_n bigint[],
	prevalence float8[],
	prevalence_ci_low float8[],
	prevalence_ci_high float8[]
);
COMMENT ON TYPE @extschema@.risk_summary IS
'result of risk_profile: counts, Kish effective n, any-indicator prevalence with Wilson 95% CI, mean score with 95% CI, high-risk share, coverage, suppression flag, per-indicator prevalences';

CREATE FUNCTION @extschema@._risk_profile_sfunc(@extschema@.risk_state, @extschema@.risk_flags)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_profile_sfunc' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._risk_profile_sfunc(@extschema@.risk_state, @extschema@.risk_flags, float8)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_profile_sfunc' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._risk_profile_sfunc(@extschema@.risk_state, @extschema@.risk_flags, float8, text)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_profile_sfunc' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._risk_profile_minvfunc(@extschema@.risk_state, @extschema@.risk_flags)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_profile_minvfunc' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._risk_profile_minvfunc(@extschema@.risk_state, @extschema@.risk_flags, float8)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_profile_minvfunc' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._risk_profile_minvfunc(@extschema@.risk_state, @extschema@.risk_flags, float8, text)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_profile_minvfunc' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._risk_state_combine(@extschema@.risk_state, @extschema@.risk_state)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_state_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_state_summary(@extschema@.risk_state)
RETURNS @extschema@.risk_summary AS 'MODULE_PATHNAME', 'risk_state_summary' LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@._risk_profile_sfunc(@extschema@.risk_state, @extschema@.risk_flags) IS 'internal: transition function of risk_profile';
COMMENT ON FUNCTION @extschema@._risk_profile_sfunc(@extschema@.risk_state, @extschema@.risk_flags, float8) IS 'internal: transition function of risk_profile';
COMMENT ON FUNCTION @extschema@._risk_profile_sfunc(@extschema@.risk_state, @extschema@.risk_flags, float8, text) IS 'internal: transition function of risk_profile';
COMMENT ON FUNCTION @extschema@._risk_profile_minvfunc(@extschema@.risk_state, @extschema@.risk_flags) IS 'internal: exact inverse transition of risk_profile (moving windows)';
COMMENT ON FUNCTION @extschema@._risk_profile_minvfunc(@extschema@.risk_state, @extschema@.risk_flags, float8) IS 'internal: exact inverse transition of risk_profile (moving windows)';
COMMENT ON FUNCTION @extschema@._risk_profile_minvfunc(@extschema@.risk_state, @extschema@.risk_flags, float8, text) IS 'internal: exact inverse transition of risk_profile (moving windows)';
COMMENT ON FUNCTION @extschema@._risk_state_combine(@extschema@.risk_state, @extschema@.risk_state) IS 'internal: combine function of risk_profile (parallel query, Citus) and transition of risk_profile_union';
COMMENT ON FUNCTION @extschema@.risk_state_summary(@extschema@.risk_state) IS
'the risk_summary of a stored partial state (suppressed below migrisk.min_cell_size)';

CREATE AGGREGATE @extschema@.risk_profile(@extschema@.risk_flags) (
	SFUNC = @extschema@._risk_profile_sfunc, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	FINALFUNC = @extschema@.risk_state_summary, COMBINEFUNC = @extschema@._risk_state_combine,
	MSFUNC = @extschema@._risk_profile_sfunc, MINVFUNC = @extschema@._risk_profile_minvfunc,
	MSTYPE = @extschema@.risk_state, MFINALFUNC = @extschema@.risk_state_summary,
	MINITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.risk_profile(@extschema@.risk_flags, float8) (
	SFUNC = @extschema@._risk_profile_sfunc, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	FINALFUNC = @extschema@.risk_state_summary, COMBINEFUNC = @extschema@._risk_state_combine,
	MSFUNC = @extschema@._risk_profile_sfunc, MINVFUNC = @extschema@._risk_profile_minvfunc,
	MSTYPE = @extschema@.risk_state, MFINALFUNC = @extschema@.risk_state_summary,
	MINITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.risk_profile(@extschema@.risk_flags, float8, text) (
	SFUNC = @extschema@._risk_profile_sfunc, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	FINALFUNC = @extschema@.risk_state_summary, COMBINEFUNC = @extschema@._risk_state_combine,
	MSFUNC = @extschema@._risk_profile_sfunc, MINVFUNC = @extschema@._risk_profile_minvfunc,
	MSTYPE = @extschema@.risk_state, MFINALFUNC = @extschema@.risk_state_summary,
	MINITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile(@extschema@.risk_flags) IS
'risk_summary of the records (weight 1, model default)';
COMMENT ON AGGREGATE @extschema@.risk_profile(@extschema@.risk_flags, float8) IS
'survey-weighted risk_summary of the records under model default (NULL weight skips the row)';
COMMENT ON AGGREGATE @extschema@.risk_profile(@extschema@.risk_flags, float8, text) IS
'survey-weighted risk_summary of the records under the named model';

CREATE AGGREGATE @extschema@.risk_profile_state(@extschema@.risk_flags) (
	SFUNC = @extschema@._risk_profile_sfunc, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_state_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.risk_profile_state(@extschema@.risk_flags, float8) (
	SFUNC = @extschema@._risk_profile_sfunc, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_state_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.risk_profile_state(@extschema@.risk_flags, float8, text) (
	SFUNC = @extschema@._risk_profile_sfunc, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_state_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile_state(@extschema@.risk_flags) IS
'the partial state of risk_profile, to store and roll up (not suppressed: keep it from BI roles)';
COMMENT ON AGGREGATE @extschema@.risk_profile_state(@extschema@.risk_flags, float8) IS
'the partial state of risk_profile, to store and roll up (not suppressed: keep it from BI roles)';
COMMENT ON AGGREGATE @extschema@.risk_profile_state(@extschema@.risk_flags, float8, text) IS
'the partial state of risk_profile, to store and roll up (not suppressed: keep it from BI roles)';

CREATE AGGREGATE @extschema@.risk_profile_union(@extschema@.risk_state) (
	SFUNC = @extschema@._risk_state_combine, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_state_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile_union(@extschema@.risk_state) IS
'roll stored risk_state partials up into one state (exact: equals the state of all their records)';

CREATE FUNCTION @extschema@.indicator_prevalence(s @extschema@.risk_summary)
RETURNS TABLE (code text, label text, known_n bigint, prevalence float8, ci_low float8, ci_high float8)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT u.code, i.label, u.known_n, u.prevalence, u.ci_low, u.ci_high
	FROM unnest(s.codes, s.known_n, s.prevalence, s.prevalence_ci_low, s.prevalence_ci_high)
	     WITH ORDINALITY AS u(code, known_n, prevalence, ci_low, ci_high, ord)
	LEFT JOIN @extschema@.indicator i ON i.code = u.code
	ORDER BY u.ord
$$;
COMMENT ON FUNCTION @extschema@.indicator_prevalence(@extschema@.risk_summary) IS
'one row per registered indicator: weighted prevalence among records where it is known, with Wilson 95% CI';

-- plain accessors for BI tools that cannot expand composites
CREATE FUNCTION @extschema@.summary_n(s @extschema@.risk_summary) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT s.n $$;
CREATE FUNCTION @extschema@.summary_any_prevalence(s @extschema@.risk_summary) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT s.any_prevalence $$;
CREATE FUNCTION @extschema@.summary_mean_score(s @extschema@.risk_summary) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT s.mean_score $$;
CREATE FUNCTION @extschema@.summary_prevalence(s @extschema@.risk_summary, code text) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT s.prevalence[array_position(s.codes, code)] $$;
COMMENT ON FUNCTION @extschema@.summary_n(@extschema@.risk_summary) IS 'records in the summary (NULL when suppressed)';
COMMENT ON FUNCTION @extschema@.summary_any_prevalence(@extschema@.risk_summary) IS 'weighted share with any model indicator';
COMMENT ON FUNCTION @extschema@.summary_mean_score(@extschema@.risk_summary) IS 'weighted mean score';
COMMENT ON FUNCTION @extschema@.summary_prevalence(@extschema@.risk_summary, text) IS 'weighted prevalence of one indicator among records where it is known';
-- Privacy-preserving record linkage: keyed Bloom-filter encodings (CLK),
-- Dice similarity, blocking keys, keys and a one-call linkage workflow.
-- docs/reference.md documents every object; docs/privacy.md says what
-- the encodings protect and what they do not.

-- ---- the clk type ----

CREATE TYPE @extschema@.clk;

CREATE FUNCTION @extschema@.clk_in(cstring) RETURNS @extschema@.clk
AS 'MODULE_PATHNAME', 'clk_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.clk_out(@extschema@.clk) RETURNS cstring
AS 'MODULE_PATHNAME', 'clk_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.clk_recv(internal) RETURNS @extschema@.clk
AS 'MODULE_PATHNAME', 'clk_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.clk_send(@extschema@.clk) RETURNS bytea
AS 'MODULE_PATHNAME', 'clk_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.clk (
	INPUT = @extschema@.clk_in,
	OUTPUT = @extschema@.clk_out,
	RECEIVE = @extschema@.clk_recv,
	SEND = @extschema@.clk_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE @extschema@.clk IS
'keyed Bloom-filter encoding (CLK) of a record for privacy-preserving linkage: 64 to 8192 bits, a multiple of 64 (1024 by default); text form base64';
COMMENT ON FUNCTION @extschema@.clk_in(cstring) IS 'clk text input (base64); internal';
COMMENT ON FUNCTION @extschema@.clk_out(@extschema@.clk) IS 'clk text output (base64); internal';
COMMENT ON FUNCTION @extschema@.clk_recv(internal) IS 'clk binary input (version byte, length in bits, filter bytes); internal';
COMMENT ON FUNCTION @extschema@.clk_send(@extschema@.clk) IS 'clk binary output (version byte, length in bits, filter bytes); internal';

CREATE FUNCTION @extschema@.clk_eq(@extschema@.clk, @extschema@.clk) RETURNS boolean
AS 'MODULE_PATHNAME', 'clk_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.clk_ne(@extschema@.clk, @extschema@.clk) RETURNS boolean
AS 'MODULE_PATHNAME', 'clk_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.clk_hash(@extschema@.clk) RETURNS integer
AS 'MODULE_PATHNAME', 'clk_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clk_eq(@extschema@.clk, @extschema@.clk) IS 'same length and the same bits; internal, the = operator';
COMMENT ON FUNCTION @extschema@.clk_ne(@extschema@.clk, @extschema@.clk) IS 'not clk_eq; internal, the <> operator';
COMMENT ON FUNCTION @extschema@.clk_hash(@extschema@.clk) IS 'hash of the filter bytes; internal, the hash operator class';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.clk, RIGHTARG = @extschema@.clk,
	PROCEDURE = @extschema@.clk_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.clk, RIGHTARG = @extschema@.clk,
	PROCEDURE = @extschema@.clk_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR CLASS @extschema@.clk_hash_ops
DEFAULT FOR TYPE @extschema@.clk USING hash AS
	OPERATOR 1 @extschema@.= ,
	FUNCTION 1 @extschema@.clk_hash(@extschema@.clk);

-- ---- similarity ----

CREATE FUNCTION @extschema@.dice(@extschema@.clk, @extschema@.clk) RETURNS float8
AS 'MODULE_PATHNAME', 'clk_dice_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dice(@extschema@.clk, @extschema@.clk) IS
'Dice coefficient 2|A and B| / (|A| + |B|) of two encodings of the same length (0 when both are empty)';

CREATE FUNCTION @extschema@.clk_dice_match(@extschema@.clk, @extschema@.clk) RETURNS boolean
AS 'MODULE_PATHNAME', 'clk_dice_match' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clk_dice_match(@extschema@.clk, @extschema@.clk) IS
'dice(a, b) >= migrisk.pprl_threshold; the % operator';

CREATE OPERATOR @extschema@.% (
	LEFTARG = @extschema@.clk, RIGHTARG = @extschema@.clk,
	PROCEDURE = @extschema@.clk_dice_match,
	COMMUTATOR = OPERATOR(@extschema@.%),
	RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR @extschema@.% (@extschema@.clk, @extschema@.clk) IS
'Dice similarity at least migrisk.pprl_threshold (default 0.8)';

CREATE FUNCTION @extschema@.clk_length(@extschema@.clk) RETURNS integer
AS 'MODULE_PATHNAME', 'clk_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clk_length(@extschema@.clk) IS 'length of the encoding in bits';

CREATE FUNCTION @extschema@.clk_popcount(@extschema@.clk) RETURNS integer
AS 'MODULE_PATHNAME', 'clk_popcount_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clk_popcount(@extschema@.clk) IS 'number of bits set in the encoding';

CREATE FUNCTION @extschema@.clk_blocking_keys(@extschema@.clk, bands integer DEFAULT 32,
	bits_per_band integer DEFAULT 12) RETURNS int8[]
AS 'MODULE_PATHNAME', 'clk_blocking_keys_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clk_blocking_keys(@extschema@.clk, integer, integer) IS
'bit-sampling LSH blocking keys: one int8 per band, (band << 40) | the sampled bits; equal keys make a candidate pair';

-- ---- keys ----

CREATE TABLE @extschema@.pprl_key (
	name text PRIMARY KEY,
	secret bytea NOT NULL,
	created timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON @extschema@.pprl_key FROM PUBLIC;
COMMENT ON TABLE @extschema@.pprl_key IS
'secrets of the PPRL encodings, by name; readable by no role but its owner unless an administrator grants SELECT (to roles that encode)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.pprl_key', '');

CREATE FUNCTION @extschema@.pprl_set_key(name text, secret text, replace boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	s bytea;
BEGIN
	-- never quote the secret: not in a message, not in a detail
	IF name IS NULL OR name = '' THEN
		RAISE EXCEPTION 'PPRL key name must not be empty'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF secret IS NULL THEN
		RAISE EXCEPTION 'secret for PPRL key "%" must not be null', name
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	s := convert_to(secret, 'UTF8');
	IF octet_length(s) < 16 THEN
		RAISE EXCEPTION 'secret for PPRL key "%" is too short', name
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'The secret must have at least 16 bytes.',
			      HINT = 'Use 32 random bytes, e.g. encode(gen_random_bytes(32), ''hex'') from pgcrypto.';
	END IF;
	IF replace IS TRUE THEN
		UPDATE @extschema@.pprl_key k SET secret = s, created = now() WHERE k.name = pprl_set_key.name;
		IF FOUND THEN
			RETURN;
		END IF;
	END IF;
	INSERT INTO @extschema@.pprl_key AS k (name, secret) VALUES (pprl_set_key.name, s)
	ON CONFLICT ON CONSTRAINT pprl_key_pkey DO NOTHING;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'PPRL key "%" already exists', name
			USING ERRCODE = 'duplicate_object',
			      HINT = 'Pass replace => true to replace it; encodings made with the old secret no longer match new ones.';
	END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@.pprl_set_key(text, text, boolean) IS
'store the secret of a PPRL key (needs INSERT, and UPDATE for replace, on migrisk.pprl_key); an existing key is an error unless replace is true';

CREATE FUNCTION @extschema@.pprl_drop_key(name text) RETURNS boolean
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	WITH d AS (DELETE FROM @extschema@.pprl_key k WHERE k.name = pprl_drop_key.name RETURNING 1)
	SELECT count(*) > 0 FROM d;
END;
COMMENT ON FUNCTION @extschema@.pprl_drop_key(text) IS
'delete a PPRL key (needs DELETE on migrisk.pprl_key); true if it existed';

-- ---- encoding ----

CREATE FUNCTION @extschema@.clk_encode(key_name text, VARIADIC fields text[])
RETURNS @extschema@.clk
AS 'MODULE_PATHNAME', 'clk_encode' LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION @extschema@.clk_encode(text, text[]) IS
'1024-bit keyed Bloom-filter encoding of the fields (each auto: a date if it is one, else a name), k = round(1024 ln 2 / (8 n)) hashes per token; the key is read from migrisk.pprl_key with the caller''s rights';

CREATE FUNCTION @extschema@.clk_encode_spec(key_name text, spec text, VARIADIC fields text[])
RETURNS @extschema@.clk
AS 'MODULE_PATHNAME', 'clk_encode_spec' LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION @extschema@.clk_encode_spec(text, text, text[]) IS
'keyed Bloom-filter encoding with per-field parameters, e.g. spec ''bits=1024, name:20, name:20, date:12'' (kinds auto, name, text, date, exact; k hashes per token)';

-- ---- linkage ----

CREATE FUNCTION @extschema@._pprl_greedy(left_ids int8[], right_ids int8[], scores float8[],
	OUT left_id int8, OUT right_id int8, OUT score float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'pprl_greedy' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@._pprl_greedy(int8[], int8[], float8[]) IS
'greedy one-to-one assignment of scored candidate pairs, best score first; internal, used by pprl_link';

CREATE FUNCTION @extschema@.pprl_link(left_table regclass, right_table regclass,
	threshold float8 DEFAULT 0.8, id_column text DEFAULT 'id', clk_column text DEFAULT 'clk',
	bands integer DEFAULT 32, bits_per_band integer DEFAULT 12)
RETURNS TABLE (left_id int8, right_id int8, score float8)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	t regclass;
	c text;
BEGIN
	IF threshold IS NULL OR threshold < 0 OR threshold > 1 THEN
		RAISE EXCEPTION 'Dice threshold % is out of range', threshold
			USING ERRCODE = 'numeric_value_out_of_range', HINT = 'Use a threshold between 0 and 1.';
	END IF;
	IF bands IS NULL OR bands < 1 OR bands > 64 OR bits_per_band IS NULL OR bits_per_band < 1 OR bits_per_band > 32 THEN
		RAISE EXCEPTION 'blocking with % bands of % bits is out of range', bands, bits_per_band
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Use 1 to 64 bands of 1 to 32 bits.';
	END IF;
	FOR t IN SELECT unnest(ARRAY[left_table, right_table]) LOOP
		FOR c IN SELECT unnest(ARRAY[id_column, clk_column]) LOOP
			IF NOT EXISTS (SELECT 1 FROM pg_attribute a
			               WHERE a.attrelid = t AND a.attname = c AND a.attnum > 0 AND NOT a.attisdropped) THEN
				RAISE EXCEPTION 'column "%" does not exist in table %', c, t
					USING ERRCODE = 'undefined_column',
					      HINT = 'Name the columns with id_column and clk_column; both tables use the same names.';
			END IF;
		END LOOP;
	END LOOP;
	RETURN QUERY EXECUTE pg_catalog.format($q$
		WITH l AS (SELECT %1$I::int8 AS id, %2$I::@extschema@.clk AS clk FROM %3$s WHERE %2$I IS NOT NULL),
		     r AS (SELECT %1$I::int8 AS id, %2$I::@extschema@.clk AS clk FROM %4$s WHERE %2$I IS NOT NULL),
		     lb AS (SELECT id, clk, unnest(@extschema@.clk_blocking_keys(clk, $2, $3)) AS bk FROM l),
		     rb AS (SELECT id, clk, unnest(@extschema@.clk_blocking_keys(clk, $2, $3)) AS bk FROM r),
		     cand AS (SELECT DISTINCT lb.id AS lid, rb.id AS rid, @extschema@.dice(lb.clk, rb.clk) AS s
		              FROM lb JOIN rb ON lb.bk = rb.bk),
		     kept AS (SELECT array_agg(lid) AS a, array_agg(rid) AS b, array_agg(s) AS c
		              FROM cand WHERE s >= $1)
		SELECT g.left_id, g.right_id, g.score
		FROM kept, @extschema@._pprl_greedy(kept.a, kept.b, kept.c) g
		ORDER BY g.score DESC, g.left_id, g.right_id
		$q$, id_column, clk_column, left_table, right_table)
	USING threshold, bands, bits_per_band;
END
$fn$;
COMMENT ON FUNCTION @extschema@.pprl_link(regclass, regclass, float8, text, text, integer, integer) IS
'one-to-one links between two tables of encodings (columns id and clk by default): candidate pairs share a blocking key, score = dice >= threshold, greedy by score';
