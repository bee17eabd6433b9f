-- Placeholder inputs for demo/lib/report.sql: made-up numbers on the real
-- geography, so the report can be drawn and checked before any data is
-- loaded.  The real inputs come from the demo's risk chapter.

CREATE OR REPLACE VIEW migrisk_demo.report_state AS
SELECT cve,
       CASE WHEN cve IN ('03', '23') THEN NULL     -- two states drawn as suppressed
            ELSE (('x' || substr(md5(cve), 1, 4))::bit(16)::int % 400) / 1000.0 END::float8 AS value,
       (('x' || substr(md5(cve), 5, 4))::bit(16)::int % 900 + 20)::bigint AS n,
       'placeholder'::text AS note
FROM migrisk_demo.state;

CREATE OR REPLACE VIEW migrisk_demo.report_flow AS
SELECT name AS label, geom,
       (ARRAY[900, 400, 350, 300, 250, 200, 150])[row_number() OVER (ORDER BY code)]::float8 AS flow
FROM migrisk_demo.corridor;

CREATE OR REPLACE VIEW migrisk_demo.report_point AS
SELECT r.code AS label, r.geom, r.what AS note
FROM migrisk_demo.risk_point r;

CREATE OR REPLACE VIEW migrisk_demo.report_indicator AS
SELECT code, label, p::float8 AS prevalence, greatest(p - 0.03, 0)::float8 AS ci_low,
       (p + 0.04)::float8 AS ci_high, 500::bigint AS n
FROM (VALUES ('freight_train', 'freight train', 0.42), ('hotspot', 'hotspot exposure', 0.31),
             ('repeat_deport', 'repeated deportation', 0.12), ('held', 'kept against will', 0.07),
             ('debt', 'debt bondage', 0.05), ('smuggler', 'travelled with smuggler', 0.55),
             ('marriage', 'arranged marriage offer', NULL)) AS v(code, label, p);

CREATE OR REPLACE VIEW migrisk_demo.report_row AS
SELECT name AS grp, 100::bigint * length(code) AS n, 80.5 * length(code) AS weighted_n,
       (length(code) / 40.0)::float8 AS prevalence, (length(code) / 40.0 - 0.05)::float8 AS ci_low,
       (length(code) / 40.0 + 0.05)::float8 AS ci_high, 0.123::float8 AS mean_score
FROM migrisk_demo.corridor;

CREATE OR REPLACE VIEW migrisk_demo.report_fact AS
SELECT * FROM (VALUES (1, 'events (placeholder)', '12,345'), (2, 'persons (placeholder)', '9,876'),
                      (3, 're-migration within 90 days', '14.2%')) AS v(ord, label, value);

-- Where journeys stall and journeys near incidents: three places, two incidents.
CREATE OR REPLACE VIEW migrisk_demo.report_stall AS
SELECT * FROM (VALUES ('Tapachula (placeholder)', 120::bigint, 118::bigint, interval '20 days', interval '40 days'),
                      ('Arriaga (placeholder)', 80::bigint, 80::bigint, interval '2 days 19:00', interval '9 days'),
                      ('Orizaba (placeholder)', 40::bigint, 39::bigint, interval '2 days', interval '8 days'))
       AS v(place, stops, journeys, median_dwell, p90_dwell);
CREATE OR REPLACE VIEW migrisk_demo.report_incident AS
SELECT * FROM (VALUES ('an event (placeholder)', 'Ciudad Juárez', date '2023-03-27', date '2023-03-27', 8::bigint,
                       interval '14:54'),
                      ('a month of counts (placeholder)', 'Tapachula', date '2024-11-01', date '2024-11-30', 0::bigint,
                       NULL::interval))
       AS v(what, place, starts, ends, journeys, median_time_near);

-- The real-data panels (demo/lib/report_realdata.sql): monthly counts for
-- five countries (the four of most ICE removals are drawn), removal routes
-- between real airports (one with no passengers, not drawn), deaths in six
-- states (one more with none) and by corridor and route.
CREATE OR REPLACE VIEW migrisk_demo.report_series AS
SELECT v.iso3, v.country, v.source, m::date AS month,
       (v.base + (('x' || substr(md5(v.iso3 || v.source || m::text), 1, 4))::bit(16)::int % 200))::bigint AS n
FROM (VALUES ('MEX', 'Mexico (placeholder)', 'ice', 9000, date '2016-10-01', date '2018-09-01'),
             ('MEX', 'Mexico (placeholder)', 'cbp', 30000, date '2019-10-01', date '2021-09-01'),
             ('GTM', 'Guatemala (placeholder)', 'ice', 4000, date '2016-10-01', date '2018-09-01'),
             ('GTM', 'Guatemala (placeholder)', 'upm', 3000, date '2016-01-01', date '2021-12-01'),
             ('GTM', 'Guatemala (placeholder)', 'cbp', 12000, date '2019-10-01', date '2021-09-01'),
             ('HND', 'Honduras (placeholder)', 'ice', 2500, date '2016-10-01', date '2018-09-01'),
             ('HND', 'Honduras (placeholder)', 'upm', 2600, date '2016-01-01', date '2021-12-01'),
             ('SLV', 'El Salvador (placeholder)', 'ice', 1500, date '2016-10-01', date '2018-09-01'),
             ('NIC', 'Nicaragua (placeholder)', 'ice', 100, date '2016-10-01', date '2018-09-01'),
             ('NIC', 'Nicaragua (placeholder)', 'upm', 90000, date '2016-01-01', date '2021-12-01'))
     AS v(iso3, country, source, base, m0, m1),
     generate_series(v.m0, v.m1, interval '1 month') AS m;

CREATE OR REPLACE VIEW migrisk_demo.report_route AS
SELECT v.pickup, a.name AS pickup_name, a.lon AS pickup_lon, a.lat AS pickup_lat,
       v.dropoff, b.name AS dropoff_name, b.lon AS dropoff_lon, b.lat AS dropoff_lat,
       v.legs::bigint, v.passengers::bigint
FROM (VALUES ('KIAH', 'MGGT', 50, 5000), ('KAEX', 'MGGT', 30, 3000), ('KAEX', 'MHLM', 40, 4000),
             ('KSAT', 'MSLP', 15, 1500), ('KBRO', 'MMMX', 20, 2000), ('KIAH', 'MMGL', 8, 800),
             ('KIAH', 'MHLM', 1, 0)) AS v(pickup, dropoff, legs, passengers)
JOIN (VALUES ('KIAH', 'Houston (placeholder)', -95.34, 29.98), ('KAEX', 'Alexandria (placeholder)', -92.55, 31.33),
             ('KSAT', 'San Antonio (placeholder)', -98.47, 29.53), ('KBRO', 'Brownsville (placeholder)', -97.42, 25.91),
             ('MGGT', 'Guatemala City (placeholder)', -90.53, 14.58), ('MHLM', 'San Pedro Sula (placeholder)', -87.92, 15.45),
             ('MSLP', 'San Salvador (placeholder)', -89.06, 13.44), ('MMMX', 'Mexico City (placeholder)', -99.07, 19.44),
             ('MMGL', 'Guadalajara (placeholder)', -103.31, 20.52)) AS a(icao, name, lon, lat) ON a.icao = v.pickup
JOIN (VALUES ('KIAH', 'Houston (placeholder)', -95.34, 29.98), ('KAEX', 'Alexandria (placeholder)', -92.55, 31.33),
             ('KSAT', 'San Antonio (placeholder)', -98.47, 29.53), ('KBRO', 'Brownsville (placeholder)', -97.42, 25.91),
             ('MGGT', 'Guatemala City (placeholder)', -90.53, 14.58), ('MHLM', 'San Pedro Sula (placeholder)', -87.92, 15.45),
             ('MSLP', 'San Salvador (placeholder)', -89.06, 13.44), ('MMMX', 'Mexico City (placeholder)', -99.07, 19.44),
             ('MMGL', 'Guadalajara (placeholder)', -103.31, 20.52)) AS b(icao, name, lon, lat) ON b.icao = v.dropoff;

CREATE OR REPLACE VIEW migrisk_demo.report_death_state AS
SELECT * FROM (VALUES ('02', 40::bigint, 120::bigint), ('26', 90, 300), ('05', 12, 40), ('28', 50, 200),
                      ('07', 20, 60), ('30', 5, 15), ('09', 1, 0)) AS v(cve, incidents, dead);

CREATE OR REPLACE VIEW migrisk_demo.report_death_group AS
SELECT 'corridor'::text AS kind, name AS label, (10 * length(code))::bigint AS incidents, (30 * length(code))::bigint AS dead
FROM (SELECT * FROM migrisk_demo.corridor ORDER BY code LIMIT 3) c
UNION ALL
SELECT * FROM (VALUES ('route', 'US-Mexico border crossing (placeholder)', 150::bigint, 500::bigint),
                      ('route', 'Central America to US (placeholder)', 60, 200)) AS v;
