-- linkage_strsim: jaro_winkler and damerau_levenshtein.
SET search_path = migrisk, public;

-- Winkler's published examples (Winkler 1990; pg_similarity gives the same
-- 0.9611 for MARTHA/MARHTA).
SELECT a, b, round(jaro_winkler(a, b)::numeric, 3) AS jw
FROM (VALUES ('MARTHA', 'MARHTA'), ('DWAYNE', 'DUANE'), ('DIXON', 'DICKSONX')) v(a, b);

-- An independent plain-SQL Jaro-Winkler (the textbook loops in PL/pgSQL)
-- agrees on Spanish names, with accents counted as one character.
CREATE FUNCTION pg_temp.jw_ref(a text, b text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
  la int := length(a); lb int := length(b);
  win int := greatest(greatest(la, lb) / 2 - 1, 0);
  fa bool[] := array_fill(false, ARRAY[la]); fb bool[] := array_fill(false, ARRAY[lb]);
  m int := 0; t int := 0; k int := 1; l int := 0; j numeric;
BEGIN
  FOR i IN 1..la LOOP
    FOR jj IN greatest(1, i - win)..least(lb, i + win) LOOP
      IF NOT fb[jj] AND substr(a, i, 1) = substr(b, jj, 1) THEN
        fa[i] := true; fb[jj] := true; m := m + 1; EXIT;
      END IF;
    END LOOP;
  END LOOP;
  IF m = 0 THEN RETURN 0; END IF;
  FOR i IN 1..la LOOP
    IF fa[i] THEN
      WHILE NOT fb[k] LOOP k := k + 1; END LOOP;
      IF substr(a, i, 1) <> substr(b, k, 1) THEN t := t + 1; END IF;
      k := k + 1;
    END IF;
  END LOOP;
  -- numeric, so that J = 0.7 exactly (LOPEZ/LOZANO) gets no boost
  j := (m::numeric * m * (la + lb) + (m - t / 2)::numeric * la * lb) / (3::numeric * la * lb * m);
  WHILE l < 4 AND l < la AND l < lb AND substr(a, l + 1, 1) = substr(b, l + 1, 1) LOOP l := l + 1; END LOOP;
  IF j > 0.7 THEN j := j + l * 0.1 * (1 - j); END IF;
  RETURN j::float8;
END $$;

CREATE TEMP TABLE names(n) AS VALUES
  ('HERNANDEZ'), ('HERNANDES'), ('FERNANDEZ'), ('ERNANDEZ'), ('GUTIERREZ'),
  ('GUTIERES'), ('MARTINEZ'), ('MARTINES'), ('MARTIN'), ('GARCIA'), ('GARZA'),
  ('LOPEZ'), ('LOZANO'), ('GONZALEZ'), ('GONZALO'), ('MARIA GUADALUPE'),
  ('GUADALUPE'), ('José'), ('JOSE'), ('Núñez'), ('NUNEZ'), ('Ximénez'),
  ('JIMENEZ'), ('A'), ('AB'), ('BA'), ('CRISTINA'), ('CRISTIAN');
-- Expected: no rows (28 x 28 = 784 pairs).
SELECT x.n, y.n, jaro_winkler(x.n, y.n), pg_temp.jw_ref(x.n, y.n)
FROM names x, names y
WHERE abs(jaro_winkler(x.n, y.n) - pg_temp.jw_ref(x.n, y.n)) > 1e-12
   OR jaro_winkler(x.n, y.n) <> jaro_winkler(y.n, x.n);

-- The boost needs Jaro > 0.7 strictly (strcmp95): LOPEZ/LOZANO has
-- m = 3 of 5 and 6, t = 0, so J = (3/5 + 3/6 + 1)/3 = 0.7 exactly and the
-- common prefix LO adds nothing.  LOPEZ/LOZANA: the same m = 3, J = 0.7.
SELECT jaro_winkler('LOPEZ', 'LOZANO') AS lopez_lozano, jaro_winkler('LOPEZ', 'LOZANA') AS lopez_lozana;

-- Empty is missing; NULL is NULL.
SELECT jaro_winkler('', 'ANA') IS NULL AS empty_is_null, jaro_winkler(NULL, 'ANA') IS NULL AS null_is_null;

-- Optimal string alignment distance.  ca/abc is where OSA (3) and true
-- Damerau-Levenshtein (2) differ; MARTHA/MARHTA costs 1 (fuzzystrmatch's
-- levenshtein says 2).
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
SELECT a, b, damerau_levenshtein(a, b) AS osa, levenshtein(a, b) AS lev
FROM (VALUES ('MARTHA', 'MARHTA'), ('ca', 'abc'), ('kitten', 'sitting'),
             ('PEÑA', 'PENA'), ('', 'ABC'), ('', ''), ('GUTIERREZ', 'GUTIERES')) v(a, b);

-- OSA is never larger than Levenshtein, is symmetric, and is smaller only
-- when some adjacent pair of one string appears reversed in the other.
-- Expected: no rows; then how many pairs a transposition made cheaper.
SELECT x.n, y.n FROM names x, names y
WHERE damerau_levenshtein(x.n, y.n) > levenshtein(x.n, y.n)
   OR damerau_levenshtein(x.n, y.n) <> damerau_levenshtein(y.n, x.n)
   OR (damerau_levenshtein(x.n, y.n) < levenshtein(x.n, y.n)
       AND NOT EXISTS (SELECT 1 FROM generate_series(1, length(x.n) - 1) i
                       WHERE strpos(y.n, substr(x.n, i + 1, 1) || substr(x.n, i, 1)) > 0));
SELECT count(*) AS pairs_cheaper_by_transposition FROM names x, names y
WHERE damerau_levenshtein(x.n, y.n) < levenshtein(x.n, y.n);

-- The bounded form is exact up to max and max + 1 beyond.  Expected: no rows.
SELECT x.n, y.n, m FROM names x, names y, generate_series(0, 4) m
WHERE damerau_levenshtein(x.n, y.n, m) <> least(damerau_levenshtein(x.n, y.n), m + 1);

-- Errors: a negative maximum (22023); more than 1000 characters (54000).
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; msg text; det text; hin text;
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
                          det = PG_EXCEPTION_DETAIL, hin = PG_EXCEPTION_HINT;
  RETURN st || ' | ' || msg || ' | ' || coalesce(det, '') || ' | ' || coalesce(hin, '');
END $$;
SELECT pg_temp.err($$SELECT migrisk.damerau_levenshtein('a', 'b', -1)$$);
SELECT pg_temp.err($$SELECT migrisk.jaro_winkler(repeat('a', 1001), 'a')$$);
SELECT pg_temp.err($$SELECT migrisk.damerau_levenshtein('a', repeat('ñ', 1001))$$);
-- 1000 characters are fine; a 1 MB string fails fast.
SELECT jaro_winkler(repeat('ñ', 1000), repeat('ñ', 1000)) AS jw_1000,
       damerau_levenshtein(repeat('a', 1000), '') AS osa_1000,
       damerau_levenshtein(repeat('a', 1000), repeat('b', 1000), 3) AS osa_bounded;
SELECT pg_temp.err($$SELECT migrisk.jaro_winkler(repeat('a', 1048576), 'a')$$);
