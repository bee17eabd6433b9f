-- test/data/load_types.sql -- after load.sql, in a database with the
-- migrisk extension: turn every leg into a migrisk.route_segment.
--
--   psql -X -v dir=DIR -f test/data/load.sql
--   psql -X -f test/data/load_types.sql
--
-- Every leg the generator writes must convert, including the legs flagged
-- implausible (their times are odd, not invalid): the last query prints the
-- number of legs that did not, which must be 0.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

DROP TABLE IF EXISTS synth.leg_segments;
CREATE TABLE synth.leg_segments AS
SELECT l.leg_id, l.person_id, l.journey_no, l.leg_no, l.implausible,
	migrisk.route_segment(l.from_lon, l.from_lat, l.to_lon, l.to_lat,
		l.mode, l.depart, l.arrive) AS seg
FROM synth.legs AS l;
COMMENT ON TABLE synth.leg_segments IS 'the legs of synth.legs as migrisk.route_segment values (test/data/load_types.sql)';
ALTER TABLE synth.leg_segments ADD PRIMARY KEY (leg_id);
ANALYZE synth.leg_segments;

SELECT count(*) AS legs,
	count(*) FILTER (WHERE s.seg IS NULL) AS not_converted,
	(SELECT count(*) FROM synth.legs) - count(*) AS missing
FROM synth.leg_segments AS s;
