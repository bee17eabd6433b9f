-- pprl_link: the one-call workflow (blocking keys, Dice, greedy one-to-one
-- assignment) and the greedy solver on its own.

-- the solver: best score first, a record is linked at most once
-- (1,10) 0.9 is kept; (2,10) 0.85 loses 10; (1,11) 0.8 loses 1; (2,11) 0.7 is kept
SELECT * FROM migrisk._pprl_greedy(ARRAY[1, 1, 2, 2]::int8[], ARRAY[10, 11, 10, 11]::int8[],
                                   ARRAY[0.9, 0.8, 0.85, 0.7]::float8[]);
-- ties: the smaller left id, then the smaller right id, wins
SELECT * FROM migrisk._pprl_greedy(ARRAY[2, 1, 1]::int8[], ARRAY[10, 11, 10]::int8[],
                                   ARRAY[0.9, 0.9, 0.9]::float8[]);
SELECT count(*) FROM migrisk._pprl_greedy('{}', '{}', '{}');
SELECT * FROM migrisk._pprl_greedy(ARRAY[1, 2]::int8[], ARRAY[10]::int8[], ARRAY[0.9]::float8[]);
SELECT * FROM migrisk._pprl_greedy(ARRAY[1, NULL]::int8[], ARRAY[10, 11]::int8[], ARRAY[0.9, 0.8]::float8[]);

-- two agencies encode with the same key
SELECT migrisk.pprl_set_key('regress_link', 'shared secret of both agencies');
CREATE TABLE pprl_removal (id int8, clk migrisk.clk);
CREATE TABLE pprl_reception (id int8, clk migrisk.clk);
INSERT INTO pprl_removal
SELECT id, migrisk.clk_encode('regress_link', g, s1, s2, dob) FROM (VALUES
	(1, 'Jose', 'Garcia', 'Lopez', '1990-07-15'),
	(2, 'Maria', 'Hernandez', 'Cruz', '1985-02-03'),
	(3, 'Juan', 'Martinez', 'Ramos', '2001-11-30'),
	(4, 'Ana', 'Perez', NULL, '1999-01-01'),
	(5, 'Luis', 'Gomez', 'Diaz', '1978-06-21'),
	(6, 'Rosa', 'Flores', 'Vega', '1993-09-09')) v(id, g, s1, s2, dob);
INSERT INTO pprl_reception
SELECT id, migrisk.clk_encode('regress_link', g, s1, s2, dob) FROM (VALUES
	(101, 'JOSE', 'GARSIA', 'LOPEZ', '1990-07-15'),    -- typo of 1
	(102, 'Maria', 'Hernandez', 'Cruz', '1985-02-03'), -- exact 2
	(103, 'Juan', 'Martines', 'Ramos', '2001-11-03'),  -- typo and date swap of 3
	(104, 'Ana', 'Perez', NULL, '1999-01-01'),         -- exact 4
	(105, 'Pedro', 'Sanchez', 'Ruiz', '1980-04-12'),   -- nobody
	(106, 'Ana', 'Perez', NULL, '1999-01-02')) v(id, g, s1, s2, dob);  -- near 4

SELECT l.*, round(l.score::numeric, 4) AS score,
       l.score = migrisk.dice(a.clk, b.clk) AS score_is_dice
FROM migrisk.pprl_link('pprl_removal', 'pprl_reception', 0.8) l
JOIN pprl_removal a ON a.id = l.left_id JOIN pprl_reception b ON b.id = l.right_id
ORDER BY l.left_id;
-- at 0.5, 106 (one digit from 4's birth date) is a candidate for 4 but
-- 104 (exact) takes it first: still one link per record
SELECT count(*) AS links, count(DISTINCT left_id) AS lefts, count(DISTINCT right_id) AS rights
FROM migrisk.pprl_link('pprl_removal', 'pprl_reception', 0.5);
-- all pairs without blocking: the best candidate of every linked record
-- agrees with the blocked workflow at 0.8
SELECT a.id, (SELECT b.id FROM pprl_reception b ORDER BY migrisk.dice(a.clk, b.clk) DESC LIMIT 1) AS best
FROM pprl_removal a
WHERE EXISTS (SELECT 1 FROM pprl_reception b WHERE migrisk.dice(a.clk, b.clk) >= 0.8)
ORDER BY 1;

-- other column names, and errors
ALTER TABLE pprl_reception RENAME COLUMN id TO rid;
SELECT count(*) FROM migrisk.pprl_link('pprl_removal', 'pprl_reception', 0.8);
ALTER TABLE pprl_removal RENAME COLUMN id TO rid;
ALTER TABLE pprl_removal RENAME COLUMN clk TO enc;
ALTER TABLE pprl_reception RENAME COLUMN clk TO enc;
SELECT count(*) FROM migrisk.pprl_link('pprl_removal', 'pprl_reception', 0.8, id_column => 'rid', clk_column => 'enc');
SELECT count(*) FROM migrisk.pprl_link('pprl_removal', 'pprl_removal', 1.5);
SELECT count(*) FROM migrisk.pprl_link('pprl_removal', 'pprl_removal', 0.8, bands => 0);
SELECT count(*) FROM migrisk.pprl_link('no_such_table', 'pprl_removal');

DROP TABLE pprl_removal, pprl_reception;
SELECT migrisk.pprl_drop_key('regress_link');
