-- migrisk install script: journeys in time and place -- the position at a
-- time, the stops, the time within a zone or near a point, the legs that
-- cross a zone.  docs/reference.md documents every object below and
-- docs/journeys.md the semantics.

-- ---------------------------------------------------------------------
-- The C parts that need no PostGIS type (src/route_segment_timeline.c)
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@._geodesic_points(@extschema@.route_segment, step_m float8) RETURNS float8[]
AS 'MODULE_PATHNAME', 'route_segment_geodesic_points' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._stops(@extschema@.journey, max_distance_m float8, min_dwell interval,
	OUT kind text, OUT leg integer, OUT lon float8, OUT lat float8,
	OUT arrive timestamptz, OUT depart timestamptz, OUT dwell interval,
	OUT distance_m float8, OUT note text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'journey_stops' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;
CREATE FUNCTION @extschema@._within_radius(@extschema@.journey, lon float8, lat float8,
	radius_m float8, max_distance_m float8, OUT enter timestamptz, OUT leave timestamptz)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'journey_within_radius' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 2;

COMMENT ON FUNCTION @extschema@._geodesic_points(@extschema@.route_segment, float8) IS
'internal: the leg''s geodesic at points evenly spaced by at most step_m metres, as {lon0, lat0, lon1, lat1, ...}';
COMMENT ON FUNCTION @extschema@._stops(@extschema@.journey, float8, interval) IS
'internal: stops(journey, max_distance_m, min_dwell) with the place as lon and lat';
COMMENT ON FUNCTION @extschema@._within_radius(@extschema@.journey, float8, float8, float8, float8) IS
'internal: the periods a journey spent within radius_m metres of (lon, lat), exact to a millisecond';

-- ---------------------------------------------------------------------
-- The PostGIS side, with PostGIS's schema spelled out (found now, at
-- install time) as in the bridge of 10_route_segment.sql.  The points are
-- made by PostGIS's st_point (the C functions look it up in the schema of
-- their geometry result type).
-- ---------------------------------------------------------------------

DO $analytics$
DECLARE
	pg text := (SELECT pg_catalog.quote_ident(n.nspname)
	            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
	            WHERE e.extname = 'postgis');
	s text := '@extschema@';
BEGIN
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.position_at(%1$s.route_segment, timestamptz) RETURNS %2$s.geometry
AS 'MODULE_PATHNAME', 'route_segment_position_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.position_at(%1$s.journey, timestamptz, max_distance_m float8 DEFAULT 1000)
RETURNS %2$s.geometry
AS 'MODULE_PATHNAME', 'journey_position_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.point_at(%1$s.route_segment, fraction float8) RETURNS %2$s.geometry
AS 'MODULE_PATHNAME', 'route_segment_point_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.geodesic_line(%1$s.route_segment, step_m float8 DEFAULT 1000) RETURNS %2$s.geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (SELECT %2$s.st_makeline(pg_catalog.array_agg(
		%2$s.st_point(p[2 * k - 1], p[2 * k], 4326) ORDER BY k))
        FROM (SELECT %1$s._geodesic_points($1, $2)) AS t(p),
             pg_catalog.generate_series(1, pg_catalog.array_length(p, 1) / 2) AS k)
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.stops(%1$s.journey, max_distance_m float8, min_dwell interval,
	OUT kind text, OUT leg integer, OUT place %2$s.geometry,
	OUT arrive timestamptz, OUT depart timestamptz, OUT dwell interval,
	OUT distance_m float8, OUT note text)
RETURNS SETOF record
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 4
BEGIN ATOMIC
	SELECT s.kind, s.leg, %2$s.st_point(s.lon, s.lat, 4326), s.arrive, s.depart, s.dwell,
	       s.distance_m, s.note
	FROM %1$s._stops($1, $2, $3) AS s;
END
$f$, s, pg);
	-- what a zone is: 'polygon', 'point' or 'empty'; an error for the rest
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s._zone_kind(zone %2$s.geometry, radius_m float8) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	t text;
BEGIN
	IF zone IS NULL THEN
		RETURN NULL;
	END IF;
	IF %2$s.st_srid(zone) <> 4326 THEN
		RAISE EXCEPTION 'zone has SRID %%, not 4326', %2$s.st_srid(zone)
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Transform it with ST_Transform(zone, 4326), or use ST_SetSRID(zone, 4326) if it is in longitude and latitude already.';
	END IF;
	IF radius_m IS NULL OR radius_m < 0 OR radius_m = 'Infinity' OR radius_m = 'NaN' THEN
		RAISE EXCEPTION 'radius_m must be a finite distance of 0 metres or more, not %%', radius_m
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF %2$s.st_isempty(zone) THEN
		RETURN 'empty';
	END IF;
	t := %2$s.geometrytype(zone);
	IF t = 'POINT' THEN
		RETURN 'point';
	END IF;
	IF t NOT IN ('POLYGON', 'MULTIPOLYGON') THEN
		RAISE EXCEPTION 'a zone is a POLYGON, a MULTIPOLYGON or a POINT with a radius, not a %%', t
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF radius_m > 0 THEN
		RAISE EXCEPTION 'radius_m applies to a POINT zone, not to a %%', t
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Pass the polygon with radius 0, or buffer it first (ST_Buffer on geography).';
	END IF;
	-- st_isvaliddetail says why without st_isvalid's NOTICE
	IF NOT (%2$s.st_isvaliddetail(zone)).valid THEN
		RAISE EXCEPTION 'zone is not a valid polygon: %%', (%2$s.st_isvaliddetail(zone)).reason
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Repair it with ST_MakeValid(zone).';
	END IF;
	RETURN 'polygon';
END
$fn$
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.within_periods(%1$s.journey, zone %2$s.geometry,
	radius_m float8 DEFAULT 0, max_distance_m float8 DEFAULT 1000,
	OUT enter timestamptz, OUT leave timestamptz, OUT duration interval)
RETURNS SETOF record
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE ROWS 2
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	kind text := %1$s._zone_kind(zone, radius_m);
	seg %1$s.route_segment;
	p float8[];
	ins boolean[];
	n integer;
	fa float8;
	fb float8;
	fm float8;
	secs float8;
	cross_at timestamptz;
	cur timestamptz;
	es timestamptz[] := '{}';
	ls timestamptz[] := '{}';
BEGIN
	IF kind = 'empty' THEN
		RETURN;
	END IF;
	IF kind = 'point' THEN
		RETURN QUERY
			SELECT w.enter, w.leave, w.leave - w.enter
			FROM %1$s._within_radius($1, %2$s.st_x(zone), %2$s.st_y(zone), radius_m, max_distance_m) AS w;
		RETURN;
	END IF;
	-- the legs with known times: the geodesic sampled every 500 m, each
	-- change of side bisected to a millisecond
	FOR seg IN SELECT t.s FROM %1$s.segments($1) AS t(s)
	           WHERE %1$s.depart(t.s) IS NOT NULL AND %1$s.arrive(t.s) >= %1$s.depart(t.s) LOOP
		IF %1$s.arrive(seg) = %1$s.depart(seg) THEN
			IF %2$s.st_covers(zone, %1$s.end_point(seg)) THEN
				es := es || %1$s.arrive(seg);
				ls := ls || %1$s.arrive(seg);
			END IF;
			CONTINUE;
		END IF;
		p := %1$s._geodesic_points(seg, 500);
		n := array_length(p, 1) / 2 - 1;
		ins := ARRAY(SELECT %2$s.st_covers(zone, %2$s.st_point(p[2 * k + 1], p[2 * k + 2], 4326))
		             FROM generate_series(0, n) AS k ORDER BY k);
		secs := extract(epoch FROM %1$s.arrive(seg) - %1$s.depart(seg));
		cur := CASE WHEN ins[1] THEN %1$s.depart(seg) END;
		FOR k IN 1 .. n LOOP
			CONTINUE WHEN ins[k + 1] = ins[k];
			fa := (k - 1)::float8 / n;
			fb := k::float8 / n;
			WHILE (fb - fa) * secs > 0.001 LOOP
				fm := (fa + fb) / 2;
				IF %2$s.st_covers(zone, %1$s.point_at(seg, fm)) = ins[k] THEN
					fa := fm;
				ELSE
					fb := fm;
				END IF;
			END LOOP;
			cross_at := %1$s.depart(seg) + make_interval(secs => (fa + fb) / 2 * secs);
			IF ins[k + 1] THEN
				cur := cross_at;
			ELSE
				es := es || cur;
				ls := ls || cross_at;
			END IF;
		END LOOP;
		IF ins[n + 1] THEN
			es := es || cur;
			ls := ls || %1$s.arrive(seg);
		END IF;
	END LOOP;
	-- the stays between legs, at the arrival place
	SELECT es || coalesce(array_agg(st.arrive), '{}'), ls || coalesce(array_agg(st.depart), '{}')
	INTO es, ls
	FROM %1$s._stops($1, max_distance_m, '0') AS st
	WHERE st.kind = 'stop' AND %2$s.st_covers(zone, %2$s.st_point(st.lon, st.lat, 4326));
	-- periods that touch or overlap are one
	RETURN QUERY
		WITH pr AS (SELECT e, l FROM unnest(es, ls) AS u(e, l)),
		     mk AS (SELECT e, l, CASE WHEN e <= max(l) OVER (ORDER BY e, l ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
		                         THEN 0 ELSE 1 END AS start FROM pr),
		     grp AS (SELECT e, l, sum(start) OVER (ORDER BY e, l) AS g FROM mk)
		SELECT min(e), max(l), max(l) - min(e) FROM grp GROUP BY g ORDER BY 1;
END
$fn$
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.time_within(%1$s.journey, zone %2$s.geometry,
	radius_m float8 DEFAULT 0, max_distance_m float8 DEFAULT 1000)
RETURNS interval
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT coalesce(sum(w.duration), '0'::interval)
	FROM %1$s.within_periods($1, $2, $3, $4) AS w;
END
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.crossing_legs(%1$s.journey, zone %2$s.geometry,
	OUT leg integer, OUT segment %1$s.route_segment)
RETURNS SETOF record
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE ROWS 2
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	IF %1$s._zone_kind(zone, 0) <> 'polygon' THEN
		IF %2$s.st_isempty(zone) THEN
			RETURN;
		END IF;
		RAISE EXCEPTION 'crossing_legs takes a POLYGON or MULTIPOLYGON zone, not a POINT'
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'For the legs near a point, buffer it (ST_Buffer on geography) first.';
	END IF;
	-- the geodesic as chords of at most 500 m; a chord that would jump
	-- across the antimeridian is tested at its two ends
	RETURN QUERY
		SELECT t.i::integer, t.s
		FROM %1$s.segments($1) WITH ORDINALITY AS t(s, i),
		     LATERAL (SELECT %1$s._geodesic_points(t.s, 500)) AS g(p)
		WHERE EXISTS (
			SELECT 1 FROM generate_series(1, array_length(g.p, 1) / 2 - 1) AS k
			WHERE %2$s.st_intersects(zone,
				CASE WHEN abs(g.p[2 * k + 1] - g.p[2 * k - 1]) <= 180
				     THEN %2$s.st_makeline(%2$s.st_point(g.p[2 * k - 1], g.p[2 * k], 4326),
				                           %2$s.st_point(g.p[2 * k + 1], g.p[2 * k + 2], 4326))
				     ELSE %2$s.st_collect(%2$s.st_point(g.p[2 * k - 1], g.p[2 * k], 4326),
				                          %2$s.st_point(g.p[2 * k + 1], g.p[2 * k + 2], 4326)) END))
		ORDER BY t.i;
END
$fn$
$f$, s, pg);
END
$analytics$;

COMMENT ON FUNCTION @extschema@.position_at(@extschema@.route_segment, timestamptz) IS
'where the leg was at a time: a PostGIS POINT (SRID 4326) on its geodesic, moving at constant speed from departure to arrival; NULL outside them or when a time is unknown';
COMMENT ON FUNCTION @extschema@.position_at(@extschema@.journey, timestamptz, float8) IS
'where the journey was at a time: on the leg in progress (as position_at of the leg), at the arrival place during a stay (next leg leaving within max_distance_m metres), NULL before the first departure, after the last arrival, in a gap or where times are unknown';
COMMENT ON FUNCTION @extschema@.point_at(@extschema@.route_segment, float8) IS
'the point a fraction of the way along the leg''s geodesic, by distance (0 the start, 1 the end), a PostGIS POINT, SRID 4326';
COMMENT ON FUNCTION @extschema@.geodesic_line(@extschema@.route_segment, float8) IS
'the leg''s geodesic as a PostGIS LINESTRING (SRID 4326) with vertices evenly spaced at most step_m metres apart';
COMMENT ON FUNCTION @extschema@.stops(@extschema@.journey, float8, interval) IS
'the stops between consecutive legs (the next leg leaves within max_distance_m metres of where the previous arrived, at least min_dwell later) and the gaps (a time unknown, the next departure farther or earlier), in journey order';
COMMENT ON FUNCTION @extschema@._zone_kind(geometry, float8) IS
'internal: checks a zone (SRID 4326, a valid POLYGON or MULTIPOLYGON, or a POINT with a radius) and says which it is';
COMMENT ON FUNCTION @extschema@.within_periods(@extschema@.journey, geometry, float8, float8) IS
'the periods (enter, leave, duration) the journey spent inside a polygon, or within radius_m metres of a point, on its timeline (legs along their geodesics, stays at the arrival place)';
COMMENT ON FUNCTION @extschema@.time_within(@extschema@.journey, geometry, float8, float8) IS
'the total time the journey spent inside a polygon, or within radius_m metres of a point (the sum of within_periods); 0 when never';
COMMENT ON FUNCTION @extschema@.crossing_legs(@extschema@.journey, geometry) IS
'the legs (1-based position and the leg) whose geodesic meets a polygon, whatever their times';
