-- BI-ready views over the migrisk analysis tables: only plain column types
-- (bigint, numeric, text, date, PostGIS geometry), so Metabase, Superset,
-- Power BI, Tableau and QGIS read them without knowing migrisk's types.
-- Documented in docs/bi.md.
--
--   psql -v bi_schema=bi [-v bi_role=bi_reader] -f bi/create_views.sql
--
-- Inputs (the analysis layer the demo builds; build your own with the
-- same columns to use the views on your data):
--   migrisk_demo.journey(journey_id, start_date, ...)
--   migrisk_demo.journey_state(journey_id, cve)       states a journey crosses
--   migrisk_demo.journey_corridor(journey_id, corridor) corridors it follows
--   migrisk_demo.journey_risk(journey_id, flags migrisk.risk_flags, weight float8)
--   migrisk_demo.corridor(code, name, geom), migrisk_demo.state(cve, name, geom)
--   migrisk_demo.return_event(record_id, person_id, point, event_date)
--       receptions at repatriation points, with the linked person
--   migrisk_demo.apprehension(record_id, person_id, event_date, ...)
--       apprehensions in Mexico, with the linked person
--
-- Estimates go through migrisk.risk_profile with the model bi_model
-- (default: the registry's model 'default'), so small-cell suppression
-- (migrisk.min_cell_size) holds for whoever reads the views: with
-- bi_role set, the script creates that role if needed, grants it read
-- access to the views only, and pins its minimum cell size
-- (min_cell_size, default 10), which the role cannot lower (the setting is
-- superuser-only).  Run as a superuser in that case.

\if :{?bi_schema}
\else
\set bi_schema bi
\endif
\if :{?min_cell_size}
\else
\set min_cell_size 10
\endif
\if :{?bi_model}
\else
\set bi_model default
\endif

SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS :"bi_schema";
COMMENT ON SCHEMA :"bi_schema" IS 'BI-ready views over migrisk results: plain column types only (bi/create_views.sql, docs/bi.md)';

-- Risk by state and month: a journey counts in every state it crosses, in
-- the month it started.
CREATE OR REPLACE VIEW :"bi_schema".risk_by_state_month AS
SELECT s.cve                                   AS state_code,
       s.name                                  AS state_name,
       p.month                                 AS month,
       (p.r).n::bigint                         AS journeys,
       (p.r).weighted_n::numeric               AS weighted_n,
       (p.r).effective_n::numeric              AS effective_n,
       (p.r).any_prevalence::numeric           AS any_prevalence,
       (p.r).any_ci_low::numeric               AS any_ci_low,
       (p.r).any_ci_high::numeric              AS any_ci_high,
       (p.r).mean_score::numeric               AS mean_score,
       (p.r).coverage::numeric                 AS coverage,
       CASE WHEN (p.r).suppressed THEN 'yes' ELSE 'no' END AS suppressed,
       s.geom                                  AS geom
FROM (SELECT js.cve, date_trunc('month', j.start_date)::date AS month,
             migrisk.risk_profile(r.flags, r.weight, :'bi_model') AS r
      FROM migrisk_demo.journey j
      JOIN migrisk_demo.journey_state js USING (journey_id)
      JOIN migrisk_demo.journey_risk r USING (journey_id)
      GROUP BY 1, 2) p
JOIN migrisk_demo.state s ON s.cve = p.cve;
COMMENT ON VIEW :"bi_schema".risk_by_state_month IS
'trafficking-risk profile of journeys by state crossed and month started: share with at least one indicator and its 95% Wilson interval; estimates NULL and suppressed = yes below migrisk.min_cell_size';

-- Risk by corridor: a journey counts in its southern and its northern
-- corridor.
CREATE OR REPLACE VIEW :"bi_schema".risk_by_corridor AS
SELECT c.code                                  AS corridor_code,
       c.name                                  AS corridor_name,
       (p.r).n::bigint                         AS journeys,
       (p.r).weighted_n::numeric               AS weighted_n,
       (p.r).effective_n::numeric              AS effective_n,
       (p.r).any_prevalence::numeric           AS any_prevalence,
       (p.r).any_ci_low::numeric               AS any_ci_low,
       (p.r).any_ci_high::numeric              AS any_ci_high,
       (p.r).mean_score::numeric               AS mean_score,
       (p.r).score_ci_low::numeric             AS score_ci_low,
       (p.r).score_ci_high::numeric            AS score_ci_high,
       (p.r).coverage::numeric                 AS coverage,
       CASE WHEN (p.r).suppressed THEN 'yes' ELSE 'no' END AS suppressed,
       c.geom                                  AS geom
FROM (SELECT jc.corridor, migrisk.risk_profile(r.flags, r.weight, :'bi_model') AS r
      FROM migrisk_demo.journey_corridor jc
      JOIN migrisk_demo.journey_risk r USING (journey_id)
      GROUP BY 1) p
JOIN migrisk_demo.corridor c ON c.code = p.corridor;
COMMENT ON VIEW :"bi_schema".risk_by_corridor IS
'trafficking-risk profile of journeys by corridor (line geometry for maps); suppressed below migrisk.min_cell_size';

-- Every indicator's prevalence by corridor, one row each (long format, the
-- shape BI tools pivot).
CREATE OR REPLACE VIEW :"bi_schema".indicator_by_corridor AS
SELECT p.corridor                              AS corridor_code,
       i.code::text                            AS indicator,
       i.label::text                           AS indicator_label,
       i.prevalence::numeric                   AS prevalence,
       i.ci_low::numeric                       AS ci_low,
       i.ci_high::numeric                      AS ci_high
FROM (SELECT jc.corridor, migrisk.risk_profile(r.flags, r.weight, :'bi_model') AS r
      FROM migrisk_demo.journey_corridor jc
      JOIN migrisk_demo.journey_risk r USING (journey_id)
      GROUP BY 1) p,
     LATERAL migrisk.indicator_prevalence(p.r) AS i
WHERE i.known_n > 0;
COMMENT ON VIEW :"bi_schema".indicator_by_corridor IS
'weighted prevalence of each indicator by corridor, with its 95% interval (records where the indicator is unknown left out)';

-- Linkage outcomes by repatriation point and month: events are rows,
-- persons are linked clusters; again_90d = the same person apprehended
-- again in Mexico within 90 days after the reception.  Cells with fewer
-- persons than migrisk.min_cell_size show NULL counts (suppressed = yes).
CREATE OR REPLACE VIEW :"bi_schema".linkage_outcomes AS
WITH rec AS (
	SELECT r.point, date_trunc('month', r.event_date)::date AS month, r.person_id,
	       EXISTS (SELECT 1 FROM migrisk_demo.apprehension a
	               WHERE a.person_id = r.person_id
	                 AND a.event_date > r.event_date
	                 AND a.event_date <= r.event_date + 90) AS again_90d
	FROM migrisk_demo.return_event r
),
cell AS (
	SELECT point, month, count(*) AS events, count(DISTINCT person_id) AS persons,
	       count(DISTINCT person_id) FILTER (WHERE again_90d) AS again,
	       count(DISTINCT person_id) < coalesce(nullif(current_setting('migrisk.min_cell_size', true), '')::int, 0) AS small
	FROM rec
	GROUP BY point, month
)
SELECT point                                                 AS reception_point,
       month                                                 AS month,
       CASE WHEN NOT small THEN events END::bigint           AS return_events,
       CASE WHEN NOT small THEN persons END::bigint          AS persons,
       CASE WHEN NOT small THEN round(events::numeric / persons, 3) END AS events_per_person,
       CASE WHEN NOT small THEN again END::bigint            AS persons_again_90d,
       CASE WHEN NOT small THEN round(again::numeric / persons, 4) END AS share_again_90d,
       CASE WHEN small THEN 'yes' ELSE 'no' END              AS suppressed
FROM cell;
COMMENT ON VIEW :"bi_schema".linkage_outcomes IS
'returns by reception point and month: events, distinct persons (from linkage), persons apprehended again in Mexico within 90 days; NULL below migrisk.min_cell_size persons';

\if :{?bi_role}
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'bi_role') AS bi_role_missing \gset
\if :bi_role_missing
CREATE ROLE :"bi_role" LOGIN;
\endif
GRANT USAGE ON SCHEMA :"bi_schema" TO :"bi_role";
GRANT SELECT ON ALL TABLES IN SCHEMA :"bi_schema" TO :"bi_role";
-- The views read the analysis tables with their owner's rights; the
-- functions inside them run with the reader's, and the risk aggregate reads
-- the extension's registries (indicators, models), which hold no records.
GRANT USAGE ON SCHEMA migrisk TO :"bi_role";
GRANT SELECT ON ALL TABLES IN SCHEMA migrisk TO :"bi_role";
ALTER ROLE :"bi_role" SET migrisk.min_cell_size = :min_cell_size;
\endif
RESET client_min_messages;
