-- Journeys in time and place: where journeys stall (stops by place, with the
-- median dwell) and which journeys were near a documented incident in the
-- weeks around it (time within 10 km of the place, on the journeys'
-- timelines: docs/journeys.md).
\pset footer off
\pset null '(unknown)'
\set ECHO none
SET client_min_messages = warning;

\echo
\echo '== Journeys in time and place: stops, gaps, and journeys near incidents'

-- Stops: the next leg leaves within 1 km of where the previous arrived, at
-- least 12 hours later; each stop is put at the demo place within about
-- 1 km of it (0.01 degree).
DROP TABLE IF EXISTS migrisk_demo.journey_stop;
CREATE TABLE migrisk_demo.journey_stop AS
SELECT j.journey_id, s.kind, s.leg, s.arrive, s.depart, s.dwell, s.note,
       (SELECT p.code FROM migrisk_demo.place p
        WHERE ST_DWithin(p.geom, s.place, 0.01) ORDER BY p.geom <-> s.place LIMIT 1) AS place
FROM migrisk_demo.journey j, migrisk.stops(j.j, 1000, interval '12 hours') AS s;

\echo
\echo 'Where journeys stall: stops of 12 hours or more, by place (median and 90th percentile of the dwell):'
SELECT coalesce(p.name, '(elsewhere)') AS place, count(*) AS stops,
       count(DISTINCT st.journey_id) AS journeys,
       date_trunc('minute', justify_hours(percentile_cont(0.5) WITHIN GROUP (ORDER BY st.dwell))) AS median_dwell,
       date_trunc('minute', justify_hours(percentile_cont(0.9) WITHIN GROUP (ORDER BY st.dwell))) AS p90_dwell
FROM migrisk_demo.journey_stop st LEFT JOIN migrisk_demo.place p ON p.code = st.place
WHERE st.kind = 'stop'
GROUP BY p.name ORDER BY stops DESC, place LIMIT 10;

\echo 'Gaps (the next leg leaves far away, or a time is unknown): reported, never counted as stops:'
SELECT note, count(*) AS gaps FROM migrisk_demo.journey_stop WHERE kind = 'gap' GROUP BY note ORDER BY gaps DESC;

-- Incidents: dated events at documented places, and the months of the
-- state-level kidnapping figures of migrisk_demo.risk_point.  Each is
-- looked at in a window of two weeks either side.
DROP TABLE IF EXISTS migrisk_demo.incident;
CREATE TABLE migrisk_demo.incident (
	code      text PRIMARY KEY,
	place     text NOT NULL REFERENCES migrisk_demo.place,
	starts    date NOT NULL,
	ends      date NOT NULL,
	what      text NOT NULL,
	source    text NOT NULL
);
COMMENT ON TABLE migrisk_demo.incident IS
'dated incidents on the transit routes (an event day, or the month of a count), each with its public source';
INSERT INTO migrisk_demo.incident VALUES
	('juarez_inm_fire_2023', 'ciudad_juarez', '2023-03-27', '2023-03-27',
	 'fire in the INM migrant detention centre in Ciudad Juárez: 40 migrants dead',
	 'IOM Missing Migrants Project, data/real/iom_gdidata/iom_mmp.csv.gz: 2023-03-27, Ciudad Juárez, 40 dead'),
	('chiapas_truck_2021', 'tuxtla', '2021-12-09', '2021-12-09',
	 'a truck carrying migrants overturned near Tuxtla Gutiérrez (Chiapa de Corzo): 56 dead, 95 survivors',
	 'IOM Missing Migrants Project, data/real/iom_gdidata/iom_mmp.csv.gz: 2021-12-09, Chiapa de Corzo near Tuxtla Gutiérrez, 56 dead, 95 survivors'),
	('chihuahua_kidnappings_2024_11', 'ciudad_juarez', '2024-11-01', '2024-11-30',
	 'Chihuahua: 6 mass kidnappings of migrants, 35 victims (risk point juarez_chihuahua_2024)',
	 'Alto al Secuestro figures reported by El Diario de Sonora, 26 December 2024'),
	('oaxaca_kidnappings_2024_11', 'ixtepec', '2024-11-01', '2024-11-30',
	 'Oaxaca: 4 kidnappings of migrants, 10 victims (risk point ixtepec_oaxaca_2024)',
	 'Alto al Secuestro figures reported by El Diario de Sonora, 26 December 2024'),
	('chiapas_kidnappings_2024_11', 'tapachula', '2024-11-01', '2024-11-30',
	 'Chiapas: 3 kidnappings of migrants, 15 victims (risk point tapachula_chiapas_2024)',
	 'Alto al Secuestro figures reported by El Diario de Sonora, 26 December 2024');

-- Journeys within 10 km of the place at some time in the window: a cheap
-- first cut (the journey's span overlaps the window, its lines pass within
-- 20 km), then the time within 10 km on the timeline (exact near a point).
DROP TABLE IF EXISTS migrisk_demo.incident_journey;
CREATE TABLE migrisk_demo.incident_journey AS
SELECT i.code, j.journey_id,
       min(w.enter) AS first_near, sum(w.leave - w.enter) AS time_near
FROM migrisk_demo.incident i
JOIN migrisk_demo.place p ON p.code = i.place
JOIN migrisk_demo.journey j
  ON j.start_date <= i.ends + 14 AND j.end_date >= i.starts - 14
 AND ST_DWithin(j.geom::geography, p.geom::geography, 20000)
CROSS JOIN LATERAL migrisk.within_periods(j.j, p.geom, 10000) AS w
WHERE w.enter < (i.ends + 15)::timestamptz AND w.leave > (i.starts - 14)::timestamptz
GROUP BY i.code, j.journey_id;

\echo
\echo 'Journeys within 10 km of an incident''s place in the two weeks either side of it:'
SELECT i.code, pl.name AS place, i.starts, i.ends,
       count(ij.journey_id) AS journeys,
       date_trunc('minute', justify_hours(percentile_cont(0.5) WITHIN GROUP (ORDER BY ij.time_near))) AS median_time_near
FROM migrisk_demo.incident i
JOIN migrisk_demo.place pl ON pl.code = i.place
LEFT JOIN migrisk_demo.incident_journey ij ON ij.code = i.code
GROUP BY i.code, pl.name, i.starts, i.ends ORDER BY i.starts, i.code;
