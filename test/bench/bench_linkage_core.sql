-- bench_linkage_core.sql: realistic Spanish name pairs and person pairs,
-- timings of migrisk's comparators against their peers in the same run.
-- Run by bench_linkage_core.sh in a throwaway database.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
CREATE EXTENSION migrisk CASCADE;
CREATE EXTENSION pg_similarity;
CREATE EXTENSION fuzzystrmatch;

-- Frequent Mexican and Central American surnames and given names, with
-- their accents, as a clerk would type them.
CREATE TABLE lists AS SELECT ARRAY[
 'Hernández','García','Martínez','López','González','Rodríguez','Pérez','Sánchez',
 'Ramírez','Cruz','Flores','Gómez','Morales','Vázquez','Jiménez','Reyes','Díaz',
 'Torres','Gutiérrez','Ruiz','Mendoza','Aguilar','Ortiz','Moreno','Castillo',
 'Romero','Álvarez','Méndez','Chávez','Rivera','Juárez','Ramos','Domínguez',
 'Herrera','Medina','Castro','Vargas','Guzmán','Velázquez','Muñoz','Rojas',
 'Contreras','Salazar','Luna','Ortega','Guerrero','Estrada','Bautista','Cortés',
 'Soto','Alvarado','Espinoza','Lara','Ávila','Ríos','Cervantes','Silva',
 'Delgado','Vega','Márquez','Santiago','Campos','Valdez','De la Cruz','Ximénez',
 'Xol','Tzoc','Ixcoy','Coc','Cux','Núñez','Zúñiga','Villalobos','Yáñez',
 'Quintero','Ibarra','Saavedra','Zambrano','Gallegos','Pineda'] AS sn,
 ARRAY[
 'María','José','Juan','Guadalupe','Francisco','Antonio','Jesús','Alejandro',
 'Miguel','Pedro','Manuel','Luis','Carlos','Rosa','Francisca','Elena','Verónica',
 'Alejandra','Gabriela','Patricia','Xóchitl','Yesenia','Javier','Sergio','Roberto',
 'Fernando','Arturo','Alicia','Leticia','Margarita','Cecilia','Isabel','Silvia',
 'Estefanía','María Guadalupe','José Luis','Juan Carlos','María de Jesús',
 'Ma. Guadalupe','Jorge','Ricardo','Eduardo','Raúl','Marco Antonio','Andrea',
 'Daniela','Mariana','Brenda','Wendy','Héctor'] AS gn;

-- perturb(name, op, k): 0 same, 1 accents dropped and upper case, 2 seseo/
-- betacism/yeísmo spelling, 3 adjacent transposition at k, 4 letter k deleted.
CREATE FUNCTION perturb(x text, op int, k int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 0 THEN x
    WHEN 1 THEN upper(translate(x, 'áéíóúñÁÉÍÓÚÑ', 'aeiounAEIOUN'))
    WHEN 2 THEN replace(replace(replace(replace(x, 'z', 's'), 'v', 'b'), 'll', 'y'), 'ce', 'se')
    WHEN 3 THEN CASE WHEN length(x) > k THEN overlay(x placing substr(x, k + 1, 1) || substr(x, k, 1) from k for 2) ELSE x END
    ELSE overlay(x placing '' from least(k, length(x)) for 1)
  END $$;

SELECT setseed(0.42);
-- 1M name pairs: half a perturbed copy, half another name.
CREATE TABLE pairs AS
SELECT a, CASE WHEN r < 0.5 THEN perturb(a, (r * 10)::int % 5, 1 + (r * 1000)::int % 5)
               ELSE other END AS b
FROM (SELECT CASE WHEN random() < 0.6
                  THEN sn[1 + floor(random() * cardinality(sn))::int]
                  ELSE gn[1 + floor(random() * cardinality(gn))::int] END AS a,
             sn[1 + floor(random() * cardinality(sn))::int] AS other,
             random() AS r
      FROM generate_series(1, 1000000) n, lists) x;
VACUUM ANALYZE pairs;
SELECT count(*) AS name_pairs, round(avg(length(a)), 1) AS mean_length,
       round(avg((a = b)::int), 3) AS identical_share FROM pairs;

-- 1M person pairs: half the same person re-recorded (abbreviations,
-- dropped accents, phonetic spelling, a transposed letter, the maternal
-- surname dropped or the surnames swapped, the birth date transposed or a
-- year off), half two different people.
CREATE TABLE persons AS
SELECT n AS id,
       gn[1 + floor(random() * cardinality(gn))::int] AS given_names,
       sn[1 + floor(random() * cardinality(sn))::int] AS surname1,
       sn[1 + floor(random() * cardinality(sn))::int] AS surname2,
       date '1965-01-01' + (random() * 14000)::int AS birth_date,
       CASE WHEN random() < 0.5 THEN 'F' ELSE 'M' END AS sex,
       (ARRAY['MEX','GTM','HND','SLV'])[1 + (random() * 3)::int] AS nationality
FROM generate_series(1, 200000) n, lists;
CREATE TABLE ppairs AS
SELECT ROW(p.given_names, p.surname1, p.surname2, p.birth_date, p.sex, p.nationality)::migrisk.person_ident AS a,
       CASE WHEN r < 0.5 THEN
         ROW(perturb(p.given_names, (r * 10)::int % 5, 2),
             CASE WHEN r < 0.05 THEN p.surname2 ELSE perturb(p.surname1, (r * 100)::int % 5, 3) END,
             CASE WHEN r < 0.05 THEN p.surname1 WHEN r < 0.15 THEN NULL ELSE perturb(p.surname2, (r * 1000)::int % 5, 1) END,
             CASE WHEN r < 0.1 AND extract(day FROM p.birth_date) <= 12
                  THEN make_date(extract(year FROM p.birth_date)::int, extract(day FROM p.birth_date)::int, extract(month FROM p.birth_date)::int)
                  WHEN r < 0.15 THEN p.birth_date + 365 ELSE p.birth_date END,
             lower(p.sex), p.nationality)::migrisk.person_ident
       ELSE ROW(q.given_names, q.surname1, q.surname2, q.birth_date, q.sex, q.nationality)::migrisk.person_ident END AS b
FROM (SELECT 1 + (random() * 199999)::int AS i, 1 + (random() * 199999)::int AS j, random() AS r
      FROM generate_series(1, 1000000)) x
JOIN persons p ON p.id = x.i JOIN persons q ON q.id = x.j;
VACUUM ANALYZE ppairs;
-- The same pairs with the names stored already normalised, as a user would
-- keep them (a generated column or a view over name_normalize).
CREATE TABLE ppairs_norm AS
SELECT ROW(migrisk.name_normalize((a).given_names), migrisk.name_normalize((a).surname1),
           migrisk.name_normalize((a).surname2), (a).birth_date, (a).sex, (a).nationality)::migrisk.person_ident AS a,
       ROW(migrisk.name_normalize((b).given_names), migrisk.name_normalize((b).surname1),
           migrisk.name_normalize((b).surname2), (b).birth_date, (b).sex, (b).nationality)::migrisk.person_ident AS b
FROM ppairs;
VACUUM ANALYZE ppairs_norm;

-- Median wall time of several runs of a query, in ms.
CREATE FUNCTION bench(q text, runs int DEFAULT 5) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; ms numeric[] := '{}';
BEGIN
  EXECUTE q;  -- warm-up
  FOR i IN 1..runs LOOP
    t0 := clock_timestamp();
    EXECUTE q;
    ms := ms || (extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric;
  END LOOP;
  RETURN (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY v) FROM unnest(ms) v);
END $$;

CREATE TABLE results AS
SELECT * FROM (VALUES
  ('floor: count(*) over the 1M name pairs', bench('SELECT count(*) FROM pairs')),
  ('migrisk.jaro_winkler', bench('SELECT sum(migrisk.jaro_winkler(a, b)) FROM pairs')),
  ('pg_similarity jarowinkler', bench('SELECT sum(jarowinkler(a, b)) FROM pairs')),
  ('migrisk.damerau_levenshtein', bench('SELECT sum(migrisk.damerau_levenshtein(a, b)) FROM pairs')),
  ('fuzzystrmatch levenshtein', bench('SELECT sum(levenshtein(a, b)) FROM pairs')),
  ('migrisk.damerau_levenshtein(a, b, 2)', bench('SELECT sum(migrisk.damerau_levenshtein(a, b, 2)) FROM pairs')),
  ('fuzzystrmatch levenshtein_less_equal(a, b, 2)', bench('SELECT sum(levenshtein_less_equal(a, b, 2)) FROM pairs')),
  ('floor: count(*) over the 1M person pairs', bench('SELECT count(*) FROM ppairs')),
  ('migrisk.compare_persons, raw names', bench('SELECT count(migrisk.compare_persons(a, b)) FROM ppairs')),
  ('migrisk.compare_persons, stored normalised', bench('SELECT count(migrisk.compare_persons(a, b)) FROM ppairs_norm'))
) v(query, median_ms);

\echo 'Median of 5 runs, one backend, no parallel workers, JIT off, 1M rows each:'
SELECT query, median_ms, round(1000000 / median_ms / 1000, 2) AS m_rows_per_s FROM results;

\echo 'Ratios (same run):'
SELECT round(p.median_ms / m.median_ms, 2) AS pg_similarity_over_migrisk_jw,
       round((m.median_ms - f.median_ms) / 1000000 * 1e6, 1) AS migrisk_jw_ns_above_floor,
       round((p.median_ms - f.median_ms) / (m.median_ms - f.median_ms), 2) AS ratio_above_floor
FROM results m, results p, results f
WHERE m.query = 'migrisk.jaro_winkler' AND p.query = 'pg_similarity jarowinkler'
  AND f.query LIKE 'floor: count(*) over the 1M name pairs';
SELECT round(l.median_ms / d.median_ms, 2) AS levenshtein_over_migrisk_osa,
       round(le.median_ms / db.median_ms, 2) AS levenshtein_le2_over_migrisk_osa_max2
FROM results d, results l, results db, results le
WHERE d.query = 'migrisk.damerau_levenshtein' AND l.query = 'fuzzystrmatch levenshtein'
  AND db.query = 'migrisk.damerau_levenshtein(a, b, 2)' AND le.query LIKE 'fuzzystrmatch levenshtein_less%';
SELECT round(1000000 / c.median_ms * 1000) AS compare_persons_per_s_raw,
       round(1000000 / cn.median_ms * 1000) AS compare_persons_per_s_normalised,
       round(c.median_ms / f.median_ms, 1) AS raw_over_count_star,
       round(cn.median_ms / f.median_ms, 1) AS normalised_over_count_star
FROM results c, results cn, results f
WHERE c.query = 'migrisk.compare_persons, raw names' AND cn.query = 'migrisk.compare_persons, stored normalised'
  AND f.query = 'floor: count(*) over the 1M person pairs';

-- Agreement pattern of the person pairs (a sanity check of the levels):
-- the true half should concentrate on the strong levels.
SELECT migrisk.level(g, 'surname1') AS surname1, count(*)
FROM (SELECT migrisk.compare_persons(a, b) AS g FROM ppairs) x GROUP BY 1 ORDER BY 2 DESC;

-- Blocking: 20,000 records A; B holds a re-recorded copy of 12,000 of
-- them (same perturbations) and 8,000 other people.  Pairs completeness =
-- share of the 12,000 true pairs that share a key; reduction ratio = 1 -
-- candidate pairs / (|A| x |B|).
CREATE TABLE ba AS SELECT id, given_names, surname1, surname2, birth_date, sex, nationality
FROM persons WHERE id <= 20000;
CREATE TABLE bb AS
SELECT 1000000 + p.id AS id, CASE WHEN p.id <= 12000 THEN p.id END AS true_id,
       perturb(p.given_names, (r * 10)::int % 5, 2) AS given_names,
       CASE WHEN r < 0.05 THEN p.surname2 ELSE perturb(p.surname1, (r * 100)::int % 5, 3) END AS surname1,
       CASE WHEN r < 0.05 THEN p.surname1 WHEN r < 0.15 THEN NULL ELSE perturb(p.surname2, (r * 1000)::int % 5, 1) END AS surname2,
       CASE WHEN r < 0.1 AND extract(day FROM p.birth_date) <= 12
            THEN make_date(extract(year FROM p.birth_date)::int, extract(day FROM p.birth_date)::int, extract(month FROM p.birth_date)::int)
            WHEN r < 0.15 THEN p.birth_date + 365 ELSE p.birth_date END AS birth_date,
       p.sex, p.nationality
FROM (SELECT id, random() AS r FROM generate_series(1, 12000) id
      UNION ALL SELECT id, random() FROM generate_series(100001, 108000) id) x
JOIN persons p ON p.id = x.id;
CREATE TABLE ka AS SELECT id, unnest(migrisk.blocking_keys(ROW(given_names, surname1, surname2, birth_date, sex, nationality))) AS k FROM ba;
CREATE TABLE kb AS SELECT id, true_id, unnest(migrisk.blocking_keys(ROW(given_names, surname1, surname2, birth_date, sex, nationality))) AS k FROM bb;
CREATE TABLE cand AS SELECT DISTINCT ka.id AS a, kb.id AS b FROM ka JOIN kb USING (k);
SELECT (SELECT count(*) FROM cand) AS candidate_pairs,
       round(1 - (SELECT count(*) FROM cand)::numeric / (20000::numeric * 20000), 5) AS reduction_ratio,
       round((SELECT count(*) FROM cand c JOIN bb ON bb.id = c.b AND bb.true_id = c.a)::numeric / 12000, 4) AS pairs_completeness;
-- Completeness of each key family alone.
SELECT split_part(ka.k, '|', 1) AS key_family,
       count(DISTINCT (ka.id, kb.id)) AS candidate_pairs,
       round(count(DISTINCT (ka.id, kb.id)) FILTER (WHERE kb.true_id = ka.id)::numeric / 12000, 4) AS pairs_completeness
FROM ka JOIN kb USING (k) GROUP BY 1 ORDER BY 1;
