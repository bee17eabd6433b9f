-- linkage_names: name_normalize and name_phonetic.
SET search_path = migrisk, public;

-- Each normalisation rule (docs/reference.md), one row per rule.
SELECT rule, input, name_normalize(input) AS normal_form
FROM (VALUES
  ('accents, case', 'María Guadalupe Hernández López'),
  ('ñ kept', 'Peña Núñez'),
  ('decomposed ñ (n + U+0303)', 'Nun' || U&'\0303' || 'ez'),
  ('combining acute dropped', 'Jose' || U&'\0301'),
  ('ligatures', 'Straße Æsir Œuvre'),
  ('Latin Extended-A', 'Łukasz Čapek'),
  ('other scripts kept', 'Иван'),
  ('apostrophes join', 'O''Brien D’Angelo'),
  ('separators', '  hernández-lópez,  juan	'),
  ('Ma. Gpe.', 'MA. GPE.'),
  ('Ma Gpe', 'ma gpe'),
  ('Mª de la Luz', 'Mª de la Luz'),
  ('Ma. alone', 'Ma.'),
  ('Ma alone (a surname)', 'Ma'),
  ('Fco.', 'Fco. Javier'),
  ('J. + name', 'J. Luis'),
  ('J + name (initial)', 'J Luis'),
  ('de la', 'de la Cruz'),
  ('y', 'Pérez y Pérez'),
  ('de los', 'María de los Ángeles'),
  ('only particles', 'De La'),
  ('digits', 'Juan 2')
) v(rule, input);

-- Missing: empty, blank and punctuation-only names normalise to NULL.
SELECT name_normalize('') IS NULL AS empty, name_normalize('  ') IS NULL AS blank,
       name_normalize('.-,') IS NULL AS punctuation, name_normalize(NULL) IS NULL AS null_in;

-- Idempotent on every row above and on a generated mix.  Expected: 0.
WITH inputs AS (
  SELECT x FROM (VALUES ('MA. GPE.'), ('Mª'), ('ma de'), ('de ma'), ('J. de'),
                        ('y ma'), ('ª'), ('MA.MA.'), ('J.J.J.'), ('de gpe')) v(x)
  UNION ALL
  SELECT string_agg(w, sep) FROM
    (SELECT g, (ARRAY['Ma.','de','la','J.','Gpe','María','Núñez','y','O''','-',''])[1 + (g * 7 + k * 3) % 11] AS w,
            (ARRAY[' ', '.', '', '-'])[1 + (g + k) % 4] AS sep
     FROM generate_series(1, 500) g, generate_series(1, 6) k) s
  GROUP BY g
)
SELECT count(*) AS not_idempotent FROM inputs
WHERE name_normalize(name_normalize(x)) IS DISTINCT FROM name_normalize(x);

-- 1 MB of input: bounded work (read at most 2048 bytes), bounded output
-- (512 bytes, cut at a word).
SELECT length(name_normalize(repeat('Ana ', 262144))) AS len_1mb,
       name_normalize(repeat('Ana ', 262144)) LIKE 'ANA ANA %ANA' AS whole_words,
       length(name_normalize(repeat('a', 1048576))) AS one_long_word;

-- Phonetic keys: pairs that must share a key (Latin-American confusions,
-- domain.md 4.2) ...
SELECT a, b, name_phonetic(a) AS key_a, name_phonetic(b) AS key_b,
       name_phonetic(a) = name_phonetic(b) AS same
FROM (VALUES
  ('Báez', 'Váez'), ('Ruiz', 'Ruis'), ('Cecilia', 'Sesilia'), ('Castillo', 'Castiyo'),
  ('Hernández', 'Ernández'), ('Hidalgo', 'Idalgo'), ('Jiménez', 'Giménez'),
  ('Ximénez', 'Jiménez'), ('Xavier', 'Javier'), ('Quintero', 'Kintero'),
  ('Guadalupe', 'Wadalupe'), ('Núñez', 'NUNEZ'), ('Saavedra', 'Savedra'),
  ('Ybarra', 'Ibarra'), ('Gutiérrez', 'GUTIERES'), ('Zambrano', 'Sanbrano'),
  ('Velázquez', 'Velasques'), ('Enrique', 'Henrique'), ('Mexía', 'Mejía'),
  ('Yolanda', 'Llolanda'), ('Stefany', 'Estefani'), ('Hernández', 'HERNANDES')
) v(a, b);

-- ... and pairs that must not.
SELECT a, b, name_phonetic(a) AS key_a, name_phonetic(b) AS key_b,
       name_phonetic(a) = name_phonetic(b) AS same
FROM (VALUES
  ('García', 'Garza'), ('María', 'Mario'), ('Juan', 'Juana'), ('Pérez', 'Peralta'),
  ('Hernández', 'Fernández'), ('González', 'Gonzaga'), ('Luis', 'Luisa'),
  ('Martínez', 'Martín'), ('Sánchez', 'Santos'), ('López', 'Lozano'),
  ('Díaz', 'Díez'), ('Peña', 'Pina')
) v(a, b);

-- Word by word, after normalisation; empty keys are NULL.
SELECT name_phonetic('MA. GPE. de la Cruz') AS abbreviated,
       name_phonetic('Chávez') AS ch,
       name_phonetic('h') IS NULL AS silent_only,
       name_phonetic('') IS NULL AS empty;
