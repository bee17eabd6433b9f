-- linkage_compare: person_ident, compare_persons and blocking_keys.
SET search_path = migrisk, public;

-- person_ident is built straight from a row.
CREATE TEMP TABLE people (id int, given_names text, surname1 text, surname2 text,
                          birth_date date, sex text, nationality text);
INSERT INTO people VALUES
  (1, 'María Guadalupe', 'Hernández', 'López', '1985-03-04', 'F', 'MEX'),
  (2, 'MA. GPE.', 'HERNANDEZ', NULL, '1985-03-04', 'f', 'mex'),      -- abbreviated, no maternal surname
  (3, 'Guadalupe', 'López', 'Hernández', '1985-04-03', 'F', 'GTM'),  -- swapped, transposed, María dropped
  (4, 'Maria Guadalupe', 'Lopes', NULL, NULL, NULL, ''),             -- only the maternal surname
  (5, 'Ma Guadalupe', 'Ernandes', '', '1958-03-04', ' F ', 'MEX'),    -- phonetic, year digits swapped
  (6, 'Rosa', 'García', 'Pérez', '1990-07-09', 'M', 'HND'),          -- someone else
  (7, NULL, '', NULL, NULL, NULL, NULL),                              -- nothing known
  (8, 'Maria Guadalupe', 'Hernandez', 'Lopes', '1985-12-30', 'F', 'MEX'); -- within a year
SELECT ROW(given_names, surname1, surname2, birth_date, sex, nationality)::person_ident AS p
FROM people WHERE id = 1;

-- Record 1 against every record.  Each level, as read from the rules:
--  2: names normalise to the same (exact), surname2 one_missing, sex and
--     nationality equal ignoring case.
--  3: María dropped from the given names -> jw92 (core match); surnames
--     swapped: surname1 swapped, surname2 the weaker crosswise level
--     (López/López, Hernández/Hernández: exact); 04-03 vs 03-04
--     transposed; GTM <> MEX.
--  4: its single surname Lopes is phonetically record 1's maternal López
--     -> surname1 swapped, surname2 one_missing; dob, sex and nationality
--     missing (NULL or empty).
--  5: Ernandes ~ Hernández phonetically; '' second surname is missing;
--     1958 vs 1985 is one component; ' F ' trims to F.
--  6: different everywhere.
--  7: nothing to compare; surname2 one_missing (record 1 has one).
--  8: Lopes phonetic; 1985-12-30 is 301 days after 1985-03-04 with two
--     components different -> within_year.
SELECT b.id, compare_persons(
         ROW(a.given_names, a.surname1, a.surname2, a.birth_date, a.sex, a.nationality),
         ROW(b.given_names, b.surname1, b.surname2, b.birth_date, b.sex, b.nationality))
FROM people a, people b WHERE a.id = 1 ORDER BY b.id;

-- The vector is symmetric for these rules.  Expected: no rows.
SELECT a.id, b.id FROM people a, people b
WHERE compare_persons(ROW(a.given_names, a.surname1, a.surname2, a.birth_date, a.sex, a.nationality),
                      ROW(b.given_names, b.surname1, b.surname2, b.birth_date, b.sex, b.nationality))
   <> compare_persons(ROW(b.given_names, b.surname1, b.surname2, b.birth_date, b.sex, b.nationality),
                      ROW(a.given_names, a.surname1, a.surname2, a.birth_date, a.sex, a.nationality));

-- Levels read back by field (the EM layer groups on the vector).
SELECT level(g, 'given') AS given, level(g, 'surname1') AS s1, level(g, 'surname2') AS s2,
       level(g, 'dob') AS dob, level_index(g, 'dob') AS dob_idx, level(g, 'plausibility') AS plaus
FROM (SELECT compare_persons(ROW('Juan', 'López', 'García', '1985-03-04', 'M', 'MEX'),
                             ROW('Juan', 'Lopez', 'Garsia', '1986-03-05', 'M', 'MEX')) AS g) x;

-- Jaro-Winkler levels: ROSARIO/ROSA 0.914 (jw85), MARTINEZ/MARTINAZ 0.95
-- (jw92), DWAYNE/DUANE 0.840 (different).
SELECT level(compare_persons(ROW('Rosario', NULL, NULL, NULL, NULL, NULL), ROW('Rosa', NULL, NULL, NULL, NULL, NULL)), 'given') AS rosario_rosa,
       level(compare_persons(ROW(NULL, 'Martínez', NULL, NULL, NULL, NULL), ROW(NULL, 'Martinaz', NULL, NULL, NULL, NULL)), 'surname1') AS martinez_martinaz,
       level(compare_persons(ROW('Dwayne', NULL, NULL, NULL, NULL, NULL), ROW('Duane', NULL, NULL, NULL, NULL, NULL)), 'given') AS dwayne_duane,
       round(jaro_winkler('ROSARIO', 'ROSA')::numeric, 4) AS jw_rosario,
       round(jaro_winkler('MARTINEZ', 'MARTINAZ')::numeric, 4) AS jw_martinez;

-- Both surnames typed in surname1 (US style) are split and compared word by
-- word: García-López = GARCIA-LOPEZ straight, LOPEZ GARCIA crosswise.
SELECT compare_persons(ROW('Juan', 'García', 'López', '1985-03-04', 'M', 'MEX'),
                       ROW('JUAN', 'GARCIA-LOPEZ', NULL, '1985-03-04', 'M', 'MEX')) AS joined,
       compare_persons(ROW('Juan', 'García', 'López', '1985-03-04', 'M', 'MEX'),
                       ROW('JUAN', 'LOPEZ GARCIA', NULL, '1985-03-04', 'M', 'MEX')) AS joined_swapped;

-- Infinite birth dates are missing; a NULL record gives NULL.
SELECT level(compare_persons(ROW('A', NULL, NULL, 'infinity', NULL, NULL), ROW('A', NULL, NULL, '1985-01-01', NULL, NULL)), 'dob') IS NULL AS infinite_is_missing,
       compare_persons(NULL, ROW('A', NULL, NULL, NULL, NULL, NULL)) IS NULL AS null_record;

-- Very long names are bounded (normalised to at most 512 bytes first).
SELECT compare_persons(ROW(repeat('Ana ', 262144), repeat('b', 1048576), NULL, NULL, NULL, NULL),
                       ROW(repeat('Ana ', 262144), repeat('b', 1048576), NULL, NULL, NULL, NULL));

-- Blocking keys, five families over each surname word and each given
-- word: S|phonetic surname|year, D|phonetic surname|day|month (sorted),
-- G|given initial|date, N|phonetic given|phonetic surname, F|both surnames.
SELECT id, blocking_keys(ROW(given_names, surname1, surname2, birth_date, sex, nationality))
FROM people ORDER BY id;

-- The true pairs 1-2, 1-3, 1-5, 1-8 share a key; 1-6 does not.
SELECT b.id, a.k && b.k AS share_a_key
FROM (SELECT blocking_keys(ROW(given_names, surname1, surname2, birth_date, sex, nationality)) AS k
      FROM people WHERE id = 1) a,
     (SELECT id, blocking_keys(ROW(given_names, surname1, surname2, birth_date, sex, nationality)) AS k
      FROM people) b
WHERE b.id IN (2, 3, 5, 6, 8) ORDER BY b.id;

-- A GIN index on the keys serves the && join.
CREATE TEMP TABLE pk AS SELECT id, blocking_keys(ROW(given_names, surname1, surname2, birth_date, sex, nationality)) AS k FROM people;
CREATE INDEX ON pk USING gin (k);
-- The plan without the "Disabled: true" lines PostgreSQL 18 adds under nodes
-- of a kind that is switched off; the plans are otherwise the same.
CREATE FUNCTION pg_temp.plan(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	l text;
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
		CONTINUE WHEN l ~ '^\s*Disabled: ';
		RETURN NEXT l;
	END LOOP;
END $$;
SET enable_seqscan = off;
SELECT * FROM pg_temp.plan('SELECT a.id, b.id FROM pk a JOIN pk b ON a.k && b.k AND a.id < b.id');
SELECT a.id, b.id FROM pk a JOIN pk b ON a.k && b.k AND a.id < b.id ORDER BY 1, 2;
RESET enable_seqscan;
