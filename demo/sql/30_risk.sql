-- Chapter: trafficking-risk indicators and the risk_profile aggregate.
\echo
\echo '== risk: indicators, scores and weighted prevalences with confidence intervals'

-- A few hundred interviews at shelters along the freight-train route, made
-- up for the demo (setseed: the same every run).  Each answer is yes, no or
-- unknown (skipped); each interview has a survey weight.
SELECT setseed(0.2024);
CREATE TEMP TABLE demo_interview AS
SELECT i AS id,
       (ARRAY['Honduras', 'Guatemala', 'El Salvador', 'Venezuela'])[1 + i % 4] AS nationality,
       migrisk.risk_flags(
         ARRAY['unpaid', 'forced_work', 'marriage', 'held', 'freight_train', 'smuggler', 'kidnap_extortion'],
         ARRAY[CASE WHEN random() < 0.1 THEN NULL ELSE random() < 0.12 + 0.04 * (i % 4) END,
               CASE WHEN random() < 0.1 THEN NULL ELSE random() < 0.08 END,
               CASE WHEN random() < 0.2 THEN NULL ELSE random() < 0.03 END,
               CASE WHEN random() < 0.1 THEN NULL ELSE random() < 0.10 + 0.03 * (i % 4) END,
               random() < 0.55, random() < 0.35,
               CASE WHEN random() < 0.15 THEN NULL ELSE random() < 0.2 END]) AS flags,
       round((0.5 + random() * 2)::numeric, 2)::float8 AS weight
FROM generate_series(1, 400) i;

\echo 'Three interviews, their flags (?code = unknown) and scores:'
SELECT id, nationality, flags, migrisk.risk_score(flags, 'iom_fms_any') AS fms_any,
       round(migrisk.risk_score(flags)::numeric, 3) AS score, migrisk.risk_level(flags) AS level
FROM demo_interview ORDER BY id LIMIT 3;

\echo 'IOM FMS composite (yes to at least one of the four questions) by nationality, 95% Wilson CI:'
SELECT nationality, (p).n, round((p).effective_n::numeric, 1) AS eff_n,
       round((p).any_prevalence::numeric, 3) AS any_indicator,
       round((p).any_ci_low::numeric, 3) AS ci_low, round((p).any_ci_high::numeric, 3) AS ci_high,
       round((p).coverage::numeric, 3) AS all_four_answered
FROM (SELECT nationality, migrisk.risk_profile(flags, weight, 'iom_fms_any') AS p
      FROM demo_interview GROUP BY nationality) s
ORDER BY nationality;

\echo 'Each indicator among the interviews that answered it:'
SELECT code, known_n, round(prevalence::numeric, 3) AS prevalence,
       round(ci_low::numeric, 3) AS ci_low, round(ci_high::numeric, 3) AS ci_high
FROM migrisk.indicator_prevalence((SELECT migrisk.risk_profile(flags, weight) FROM demo_interview))
WHERE known_n > 0;

\echo 'With migrisk.min_cell_size = 90 (superuser-only), a group of 75 interviews publishes nothing:'
SET migrisk.min_cell_size = 90;
SELECT nationality, (p).n, round((p).any_prevalence::numeric, 3) AS any_indicator, (p).suppressed
FROM (SELECT nationality, migrisk.risk_profile(flags, weight, 'iom_fms_any') AS p
      FROM demo_interview WHERE NOT (nationality = 'Honduras' AND id > 300) GROUP BY nationality) s
ORDER BY nationality;
RESET migrisk.min_cell_size;
