-- Chapter 25: from removal and reception events to persons.
\echo
\echo '== 25 linkage: removals to receptions, persons, re-migration'

CREATE TEMP TABLE demo_removal (removal_id int8, given text, paterno text, materno text,
	dob date, sex text, port text, removal_date date);
INSERT INTO demo_removal VALUES
	(1, 'JOSE LUIS', 'HERNANDEZ', 'GARCIA', '1990-04-12', 'M', 'El Paso, TX', '2024-03-01'),
	(2, 'MARIA GUADALUPE', 'LOPEZ', 'CRUZ', '1985-11-02', 'F', 'San Ysidro, CA', '2024-03-02'),
	(3, 'PEDRO', 'RAMIREZ', 'FLORES', '1979-01-30', 'M', 'Laredo, TX', '2024-03-03'),
	(4, 'JOSE LUIS', 'HERNANDEZ', 'GARCIA', '1990-04-12', 'M', 'Laredo, TX', '2024-06-10'),
	(5, 'ANA', 'MARTINEZ', 'REYES', '2001-07-07', 'F', 'Nogales, AZ', '2024-03-05'),
	(6, 'CARLOS', 'GOMEZ', 'SANCHEZ', '1995-09-19', 'M', 'Brownsville, TX', '2024-03-06');
CREATE TEMP TABLE demo_reception (reception_id int8, nombre text, paterno text, materno text,
	nacimiento date, sexo text, punto text, fecha date);
INSERT INTO demo_reception VALUES
	(101, 'José Luis', 'Hernández', 'García', '1990-04-12', 'M', 'Ciudad Juárez', '2024-03-01'),
	(102, 'Ma. Guadalupe', 'López', 'Cruz', '1985-02-11', 'F', 'Tijuana', '2024-03-03'),
	(103, 'Pedro', 'Ramírez', NULL, '1979-01-30', 'M', 'Nuevo Laredo', '2024-03-04'),
	(104, 'José Luis', 'Hernández', 'García', '1990-04-12', 'M', 'Nuevo Laredo', '2024-06-10'),
	(106, 'Carlos', 'Gómez', 'Sánchez', '1995-09-19', 'M', 'Matamoros', '2024-03-06'),
	(107, 'Rosa', 'Vázquez', 'Morales', '1992-05-05', 'F', 'Reynosa', '2024-03-07');

-- Six records are too few for EM (link_em needs thousands of pairs): this
-- chapter passes a model written by hand -- the jsonb a person can read and
-- edit -- with m and u of the kind EM finds on the synthetic data set.
CREATE TEMP TABLE demo_model AS SELECT '{
  "lambda": 0.2,
  "fields": {
    "given":    {"m": [0.90, 0.04, 0.03, 0.02, 0.01], "u": [0.01, 0.01, 0.02, 0.06, 0.90]},
    "surname1": {"m": [0.90, 0.04, 0.02, 0.01, 0.02, 0.01], "u": [0.02, 0.01, 0.01, 0.02, 0.01, 0.93]},
    "surname2": {"m": [0.80, 0.03, 0.02, 0.01, 0.02, 0.10, 0.02], "u": [0.01, 0.01, 0.01, 0.02, 0.01, 0.10, 0.84]},
    "dob":      {"m": [0.85, 0.05, 0.03, 0.03, 0.02, 0.02], "u": [0.005, 0.001, 0.003, 0.05, 0.10, 0.841]},
    "sex":      {"m": [0.98, 0.02], "u": [0.5, 0.5]},
    "plausibility": {"m": [0.60, 0.05, 0.30, 0.05], "u": [0.001, 0.01, 0.07, 0.919]}
  }}'::jsonb AS model;
SELECT field, level, m, u, round(weight::numeric, 2) AS weight
FROM demo_model, migrisk.link_model_levels(model) WHERE field IN ('dob', 'plausibility');

-- One call: blocking, comparison with the removal/reception plausibility,
-- scoring with the model.
SET client_min_messages = warning;
SELECT (migrisk.link_records(
	'demo_removal', 'removal_id', 'ROW(given, paterno, materno, dob, sex, ''MEX'')::migrisk.person_ident',
	'demo_reception', 'reception_id', 'ROW(nombre, paterno, materno, nacimiento, sexo, ''MEX'')::migrisk.person_ident',
	result_table => 'demo_links', model => (SELECT model FROM demo_model),
	plausibility => 'migrisk.return_plausibility(l.removal_date, l.port, r.fecha, r.punto)') -> 'run') - 'blocking_s' - 'comparison_s' - 'scoring_s' - 'total_s' AS run;
RESET client_min_messages;
SELECT id_a AS removal, id_b AS reception, migrisk.level(gamma, 'dob') AS dob,
	   migrisk.level(gamma, 'plausibility') AS plausibility, round(match_probability::numeric, 3) AS p
FROM demo_links ORDER BY id_a, id_b;

-- Persons from links, and re-migration.
CREATE TEMP TABLE demo_persons AS SELECT * FROM migrisk.link_clusters($$
	SELECT id_a, id_b FROM demo_links WHERE match_probability >= 0.9
	UNION ALL SELECT removal_id, NULL FROM demo_removal
	UNION ALL SELECT reception_id, NULL FROM demo_reception $$);
SELECT count(*) AS removal_events, count(DISTINCT p.person_id) AS persons_removed
FROM demo_removal r JOIN demo_persons p ON p.record_id = r.removal_id;
SELECT p.person_id, count(*) AS removals, min(r.removal_date) AS first, max(r.removal_date) AS last
FROM demo_removal r JOIN demo_persons p ON p.record_id = r.removal_id
GROUP BY 1 HAVING count(*) > 1;
