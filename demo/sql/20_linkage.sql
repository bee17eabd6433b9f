-- Chapter 20: linking the same person across agencies.
\echo
\echo '== 20 linkage: the same woman in three records'

\set QUIET on
-- A removal by the United States, a reception in Mexico, an apprehension
-- in Chiapas: names typed by different clerks.
CREATE TEMP TABLE demo_people (id int, source text, given_names text, surname1 text,
                               surname2 text, birth_date date, sex text, nationality text);
INSERT INTO demo_people VALUES
  (1, 'reception MX',   'María Guadalupe', 'Hernández', 'López',     '1985-03-04', 'F', 'MEX'),
  (2, 'removal US',     'MA. GPE.',        'HERNANDEZ', NULL,        '1985-03-04', 'F', 'MEX'),
  (3, 'apprehension',   'Guadalupe',       'López',     'Hernández', '1985-04-03', 'F', 'MEX'),
  (4, 'other person',   'Rosa',            'García',    'Pérez',     '1990-07-09', 'F', 'HND');
\set QUIET off

\echo 'Normal forms and Spanish phonetic keys:'
SELECT id, source, migrisk.name_normalize(given_names) AS given,
       migrisk.name_normalize(surname1) AS surname1,
       migrisk.name_phonetic(surname1) AS surname1_key
FROM demo_people ORDER BY id;

\echo 'Jaro-Winkler and the optimal-string-alignment distance:'
SELECT migrisk.jaro_winkler('HERNANDEZ', 'HERNANDES') AS jw,
       migrisk.damerau_levenshtein('MARTHA', 'MARHTA') AS osa_transposition;

\echo 'Record 1 compared with each other record (one level per field):'
SELECT b.id, b.source,
       migrisk.level(g, 'given') AS given, migrisk.level(g, 'surname1') AS surname1,
       migrisk.level(g, 'surname2') AS surname2, migrisk.level(g, 'dob') AS dob
FROM demo_people a, demo_people b,
     LATERAL (SELECT migrisk.compare_persons(
                ROW(a.given_names, a.surname1, a.surname2, a.birth_date, a.sex, a.nationality),
                ROW(b.given_names, b.surname1, b.surname2, b.birth_date, b.sex, b.nationality)) AS g) x
WHERE a.id = 1 AND b.id > 1 ORDER BY b.id;

\echo 'The whole vector, as the Fellegi-Sunter estimation groups it:'
SELECT migrisk.compare_persons(
  ROW('María Guadalupe', 'Hernández', 'López', '1985-03-04', 'F', 'MEX'),
  ROW('Guadalupe', 'López', 'Hernández', '1985-04-03', 'F', 'MEX')) AS swapped_surnames;

\echo 'Blocking keys: records 1-3 share keys, record 4 shares none with them:'
SELECT id, migrisk.blocking_keys(ROW(given_names, surname1, surname2, birth_date, sex, nationality)) AS keys
FROM demo_people ORDER BY id;
