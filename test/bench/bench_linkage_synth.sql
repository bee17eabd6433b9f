-- bench_linkage_synth.sql: blocking_keys and compare_persons on the
-- project's synthetic data set (docs/data.md), US removals against Mexican
-- receptions, scored with the truth.  Needs schema synth (test/data/load.sql).
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET client_min_messages = warning;

-- Agency codes to the person_ident conventions (sex F/M, ISO alpha-3).
CREATE TEMP TABLE nat(name text PRIMARY KEY, iso text);
INSERT INTO nat VALUES ('MEXICO','MEX'),('MEXICANA','MEX'),('GUATEMALA','GTM'),
  ('HONDURAS','HND'),('EL SALVADOR','SLV'),('NICARAGUA','NIC'),('VENEZUELA','VEN'),
  ('HAITI','HTI'),('HAITÍ','HTI'),('CUBA','CUB'),('ECUADOR','ECU'),('COLOMBIA','COL');
CREATE TEMP TABLE rm AS
SELECT r.record_id, t.person_id,
       ROW(given_names, surname1, surname2, birth_date,
           CASE gender WHEN 'Male' THEN 'M' WHEN 'Female' THEN 'F' END,
           (SELECT iso FROM nat WHERE name = citizenship))::migrisk.person_ident AS p
FROM synth.removals r JOIN synth.truth_records t USING (record_id);
CREATE TEMP TABLE rc AS
SELECT r.record_id, t.person_id,
       ROW(given_names, surname1, surname2, birth_date,
           CASE sexo WHEN 'H' THEN 'M' WHEN 'M' THEN 'F' END,
           (SELECT iso FROM nat WHERE name = nationality))::migrisk.person_ident AS p
FROM synth.receptions r JOIN synth.truth_records t USING (record_id);
CREATE TEMP TABLE true_pairs AS
SELECT rm.record_id AS a, rc.record_id AS b FROM rm JOIN rc USING (person_id);

CREATE TEMP TABLE kb AS SELECT record_id, unnest(migrisk.blocking_keys(p)) AS k FROM rc;
CREATE TEMP TABLE ka AS SELECT record_id, unnest(migrisk.blocking_keys(p)) AS k FROM rm;
CREATE TEMP TABLE cand AS SELECT DISTINCT ka.record_id AS a, kb.record_id AS b FROM ka JOIN kb USING (k);

\echo 'Blocking, US removals x Mexican receptions (synthetic data set, truth from truth_records):'
SELECT (SELECT count(*) FROM rm) AS removals, (SELECT count(*) FROM rc) AS receptions,
       (SELECT count(*) FROM true_pairs) AS true_pairs,
       (SELECT count(*) FROM cand) AS candidate_pairs,
       round(1 - (SELECT count(*) FROM cand)::numeric / ((SELECT count(*) FROM rm) * (SELECT count(*) FROM rc)), 5) AS reduction_ratio,
       round((SELECT count(*) FROM true_pairs t JOIN cand c USING (a, b))::numeric / (SELECT count(*) FROM true_pairs), 4) AS pairs_completeness;

\echo 'True pairs the keys miss, by the errors on the two copies:'
SELECT coalesce(nullif(concat_ws(' + ', nullif(ta.errors, ''), nullif(tb.errors, '')), ''), '(none)') AS errors, count(*)
FROM true_pairs t LEFT JOIN cand c USING (a, b)
JOIN synth.truth_records ta ON ta.record_id = t.a JOIN synth.truth_records tb ON tb.record_id = t.b
WHERE c.a IS NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 8;

\echo 'compare_persons on the candidate pairs: name levels of true and false pairs:'
SELECT (t.a IS NOT NULL) AS true_pair, migrisk.level(g, 'surname1') AS surname1,
       count(*) AS pairs
FROM (SELECT c.a, c.b, migrisk.compare_persons(rm.p, rc.p) AS g
      FROM cand c JOIN rm ON rm.record_id = c.a JOIN rc ON rc.record_id = c.b) x
LEFT JOIN true_pairs t USING (a, b)
GROUP BY 1, 2 ORDER BY 1 DESC, 3 DESC;
