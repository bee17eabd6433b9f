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
