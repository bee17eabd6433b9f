-- Risk: the transit risk factors found in the journeys (freight train,
-- hotspot exposure) and in the linkage (repeated deportation) become
-- risk_flags on every journey, and risk_profile turns them into
-- prevalences with 95% confidence intervals by route, state and month.
-- The flow-monitoring survey carries the exploitation indicators
-- themselves, with survey weights.
\pset footer off
\pset null '(unknown)'
\set ECHO none
SET client_min_messages = warning;

\echo
\echo '== Risk profiles: transit risk factors on every journey, exploitation indicators from the survey'

-- A model over the three transit factors only; "any" = at least one of
-- them.  Models are rows: an analyst adds one with two INSERTs.
DELETE FROM migrisk.risk_model WHERE name = 'transit';
INSERT INTO migrisk.risk_model (name, kind, intercept, medium_threshold, high_threshold, description)
VALUES ('transit', 'any', 0, 1, 1,
        'transit risk factors found in route and linkage data: freight train, hotspot exposure, repeated deportation');
INSERT INTO migrisk.risk_model_weight (model, indicator, weight)
VALUES ('transit', 'freight_train', 1), ('transit', 'hotspot', 1), ('transit', 'repeat_deportation', 1);

-- Every journey's flags: the three transit factors known (yes or no),
-- every other indicator unknown, not "no".  Repeated deportation: the
-- traveller had been removed or returned before this journey began
-- (removals and receptions found by the linkage).
DROP TABLE IF EXISTS migrisk_demo.journey_risk CASCADE;
CREATE TABLE migrisk_demo.journey_risk AS
SELECT j.journey_id,
       migrisk.risk_flags(ARRAY['freight_train', 'hotspot', 'repeat_deportation'],
                          ARRAY[j.freight_train, j.hotspot,
                                coalesce(EXISTS (SELECT 1 FROM unnest(h.return_dates) d WHERE d < j.start_date), false)]) AS flags,
       1.0::float8 AS weight
FROM migrisk_demo.journey j
LEFT JOIN migrisk_demo.traveller_history h ON h.traveller_id = j.person_id;
ALTER TABLE migrisk_demo.journey_risk ADD PRIMARY KEY (journey_id);
COMMENT ON TABLE migrisk_demo.journey_risk IS 'demo: each journey''s transit risk factors as risk_flags (other indicators unknown), weight 1';

\echo
\echo 'Transit risk by route: share of journeys with at least one transit risk factor (model transit), 95% CI'
SELECT route, (r).n AS journeys,
       round(((r).any_prevalence * 100)::numeric, 1) AS any_pct,
       round(((r).any_ci_low * 100)::numeric, 1) AS ci_low,
       round(((r).any_ci_high * 100)::numeric, 1) AS ci_high,
       round((migrisk.summary_prevalence(r, 'repeat_deportation') * 100)::numeric, 1) AS repeat_deport_pct
FROM (SELECT j.route, migrisk.risk_profile(k.flags, k.weight, 'transit') AS r
      FROM migrisk_demo.journey j JOIN migrisk_demo.journey_risk k USING (journey_id)
      GROUP BY j.route) p
ORDER BY (r).any_prevalence DESC NULLS LAST, route;

-- The survey: one row per response, the indicator columns straight into
-- risk_flags (NULL = not asked, so unknown).
DROP TABLE IF EXISTS migrisk_demo.survey_risk CASCADE;
CREATE TABLE migrisk_demo.survey_risk AS
SELECT s.survey_id, s.interview_date, s.location, s.location_key, left(s.location_key, 2) AS cve,
       s.nationality, s.sex, s.age, s.stratum, s.weight::float8 AS weight,
       migrisk.risk_flags(
           ARRAY['debt', 'unpaid', 'forced_work', 'held', 'docs', 'threats', 'violence', 'deception',
                 'marriage', 'organs', 'minor_unaccompanied', 'smuggler', 'freight_train', 'smuggler_debt',
                 'travels_alone', 'no_documents', 'repeat_deportation', 'kidnap_extortion', 'hotspot'],
           ARRAY[s.debt, s.unpaid, s.forced_work, s.held, s.docs, s.threats, s.violence, s.deception,
                 s.marriage, s.organs, s.minor_unaccompanied, s.smuggler, s.freight_train, s.smuggler_debt,
                 s.travels_alone, s.no_documents, s.repeat_deportation, s.kidnap_extortion, s.hotspot]) AS flags
FROM synth.survey s;
ALTER TABLE migrisk_demo.survey_risk ADD PRIMARY KEY (survey_id);
COMMENT ON TABLE migrisk_demo.survey_risk IS 'demo: flow-monitoring survey responses as risk_flags with their design weights';

\echo
\echo 'Survey, IOM composite (yes to at least one of the four FMS exploitation questions), weighted, by survey point:'
SELECT location, (r).n AS responses, round((r).effective_n::numeric) AS effective_n,
       round(((r).any_prevalence * 100)::numeric, 1) AS any_pct,
       round(((r).any_ci_low * 100)::numeric, 1) AS ci_low,
       round(((r).any_ci_high * 100)::numeric, 1) AS ci_high,
       round(((r).coverage * 100)::numeric) AS coverage_pct
FROM (SELECT location, migrisk.risk_profile(flags, weight, 'iom_fms_any') AS r
      FROM migrisk_demo.survey_risk GROUP BY location) p
ORDER BY (r).any_prevalence DESC NULLS LAST;

SELECT round(((r).any_prevalence * 100)::numeric, 1) AS p, round(((r).any_ci_low * 100)::numeric, 1) AS lo,
       round(((r).any_ci_high * 100)::numeric, 1) AS hi
FROM (SELECT migrisk.risk_profile(flags, weight, 'iom_fms_any') AS r FROM migrisk_demo.survey_risk) x \gset fms_
SELECT round(((r).any_prevalence * 100)::numeric, 1) AS p, round(((r).any_ci_low * 100)::numeric, 1) AS lo,
       round(((r).any_ci_high * 100)::numeric, 1) AS hi
FROM (SELECT migrisk.risk_profile(flags, weight, 'transit') AS r FROM migrisk_demo.journey_risk) x \gset tr_
INSERT INTO migrisk_demo.headline VALUES
	(5, 'journeys with a transit risk factor (freight train, hotspot, repeated deportation), 95% CI ' || :'tr_lo' || '–' || :'tr_hi' || '%',
	    :'tr_p' || '%'),
	(6, 'survey: at least one IOM FMS exploitation indicator (weighted), 95% CI ' || :'fms_lo' || '–' || :'fms_hi' || '%',
	    :'fms_p' || '%');

\echo
\echo 'The survey as it was drawn: survey points and days (PSUs) within strata. Design-based 95% intervals'
\echo '(Korn-Graubard, as R survey''s svyciprop(method = "beta")) next to the Kish ones, which ignore the'
\echo 'clustering; deff: the design''s variance against simple random sampling of the same size'
\echo '(docs/survey.md). Strata with a single point-day: the "adjust" policy.'
WITH d AS (
  SELECT flags, weight, stratum,
         dense_rank() OVER (ORDER BY stratum, location_key, interview_date) AS psu
  FROM migrisk_demo.survey_risk)
SELECT 'Kish (risk_profile)' AS method, round(((k).any_prevalence * 100)::numeric, 1) AS pct,
       round(((k).any_ci_low * 100)::numeric, 1) AS ci_low, round(((k).any_ci_high * 100)::numeric, 1) AS ci_high,
       NULL::numeric AS deff, NULL::int AS psus, NULL::int AS strata
FROM (SELECT migrisk.risk_profile(flags, weight, 'iom_fms_any') AS k FROM d) x
UNION ALL
SELECT 'design (risk_profile_design)', round(((s).any_estimate * 100)::numeric, 1),
       round(((s).any_ci_low * 100)::numeric, 1), round(((s).any_ci_high * 100)::numeric, 1),
       round((s).any_deff::numeric, 2), (s).psus, (s).strata
FROM (SELECT migrisk.risk_design_state_summary(
               migrisk.risk_profile_design_state(flags, weight, stratum, psu, 'iom_fms_any'), 'adjust') AS s
      FROM d) y;

\echo
\echo 'Survey, the most prevalent indicators (weighted, among responses where the item is known):'
SELECT i.code, i.label, i.known_n,
       round((i.prevalence * 100)::numeric, 1) AS pct,
       round((i.ci_low * 100)::numeric, 1) AS ci_low,
       round((i.ci_high * 100)::numeric, 1) AS ci_high
FROM (SELECT migrisk.risk_profile(flags, weight) AS r FROM migrisk_demo.survey_risk) p,
     LATERAL migrisk.indicator_prevalence(p.r) i
WHERE i.known_n > 0
ORDER BY i.prevalence DESC NULLS LAST
LIMIT 8;

\echo
\echo 'The same survey estimate against the truth the generator kept (its latent exploited status):'
SELECT round(((migrisk.risk_profile(s.flags, s.weight, 'iom_fms_any')).any_prevalence * 100)::numeric, 1) AS survey_fms_any_pct,
       round((100.0 * sum(s.weight) FILTER (WHERE ti.exploited) / sum(s.weight))::numeric, 1) AS true_exploited_pct
FROM migrisk_demo.survey_risk s
JOIN synth.truth_records t ON t.record_id = s.survey_id
JOIN synth.truth_indicators ti ON ti.person_id = t.person_id;
