-- linkage_plausibility: the repatriation-point table and the plausibility
-- of a removal followed by a reception.

-- The seeded pairs, with the distance across the border crossing computed
-- by PostGIS: every US port lies within 5 km of its reception point, which
-- catches a swapped or mistyped coordinate.
SELECT us_port, us_state, mx_point, mx_state, mx_inegi,
	   round((ST_Distance(ST_MakePoint(us_lon, us_lat)::geography,
						  ST_MakePoint(mx_lon, mx_lat)::geography) / 1000)::numeric, 1) AS km
FROM migrisk.repatriation_point ORDER BY us_lon;
SELECT count(*) AS pairs, bool_and(seeded) AS all_seeded,
	   max(ST_Distance(ST_MakePoint(us_lon, us_lat)::geography,
					   ST_MakePoint(mx_lon, mx_lat)::geography)) < 5000 AS all_within_5km
FROM migrisk.repatriation_point;

-- Place keys: case, accents, "Cd." and punctuation do not matter.
SELECT name, migrisk._place_key(name)
FROM (VALUES ('Cd. Juárez'), ('CIUDAD JUAREZ'), ('cd juarez'), ('  San Luis Río Colorado '),
			 ('Ciudad Acuña'), ('McAllen'), ('')) v(name);

-- The four levels (0 fits, 1 window_only, 2 point_only, 3 different).
SELECT label, migrisk.return_plausibility(rd, rp, cd, cp) AS level
FROM (VALUES
	('same day, facing point', '2024-03-01'::date, 'El Paso', '2024-03-01'::date, 'Ciudad Juárez'),
	('7 days, facing point', '2024-03-01', 'Laredo', '2024-03-08', 'Nuevo Laredo'),
	('8 days, facing point', '2024-03-01', 'Laredo', '2024-03-09', 'Nuevo Laredo'),
	('received before removal', '2024-03-02', 'Laredo', '2024-03-01', 'Nuevo Laredo'),
	('2 days, other point', '2024-03-01', 'San Ysidro', '2024-03-03', 'Matamoros'),
	('late and other point', '2024-03-01', 'San Ysidro', '2024-04-03', 'Matamoros'),
	('alias El Chaparral', '2024-03-01', 'San Ysidro', '2024-03-01', 'El Chaparral'),
	('alias Cd. Acuña', '2024-03-01', 'del rio', '2024-03-02', 'Cd. Acuña'),
	('US alias McAllen', '2024-03-01', 'McAllen', '2024-03-02', 'REYNOSA'),
	('port with its state', '2024-03-01', 'San Ysidro, CA', '2024-03-02', 'Tijuana'),
	('port with another state', '2024-03-01', 'Laredo, NM', '2024-03-02', 'Nuevo Laredo'),
	('unknown port', '2024-03-01', 'Atlanta', '2024-03-01', 'Tijuana'),
	('reversed roles', '2024-03-01', 'Tijuana', '2024-03-01', 'San Ysidro')
) v(label, rd, rp, cd, cp);

-- The window is settable: 1..3 days.
SELECT migrisk.return_plausibility('2024-03-01', 'Brownsville', '2024-03-01', 'Matamoros', 1, 3) AS same_day,
	   migrisk.return_plausibility('2024-03-01', 'Brownsville', '2024-03-04', 'Matamoros', 1, 3) AS three_days,
	   migrisk.return_plausibility('2024-03-01', 'Brownsville', '2024-03-01', 'Matamoros', min_days => 0, max_days => 0) AS zero_window;

-- Unknown inputs: NULL (a missing field in the comparison vector).
SELECT migrisk.return_plausibility(NULL, 'El Paso', '2024-03-01', 'Ciudad Juárez') IS NULL AS null_date,
	   migrisk.return_plausibility('2024-03-01', NULL, '2024-03-01', 'Ciudad Juárez') IS NULL AS null_port;

-- Into the comparison vector.
SELECT migrisk.with_plausibility('given=exact,dob=exact',
		   migrisk.return_plausibility('2024-03-01', 'Nogales', '2024-03-02', 'Nogales')) AS gamma;

-- Infinite dates are outside every window.
SELECT migrisk.return_plausibility('-infinity', 'El Paso', '2024-03-01', 'Ciudad Juárez') AS minus_infinity,
	   migrisk.return_plausibility('2024-03-01', 'El Paso', 'infinity', 'Ciudad Juárez') AS plus_infinity,
	   migrisk.return_plausibility('2024-03-01', 'El Paso', 'infinity', 'Mexicali') AS infinity_other_point;

-- Every port name against every point name, spelled three ways each, in
-- one query (the memo of (port, point) answers): the same as a plain SQL
-- lookup of the keys in the table.
CREATE TEMP TABLE place_spellings AS
SELECT DISTINCT n AS name
FROM migrisk.repatriation_point r,
	 LATERAL unnest(ARRAY[r.us_port, lower(r.us_port) || ', ' || r.us_state, r.mx_point,
						  upper(r.mx_point) || '.', 'Cd. ' || r.mx_point] || r.us_aliases || r.mx_aliases) AS n;
SELECT count(*) AS pairs,
	   count(*) FILTER (WHERE level = 0) AS fitting,
	   bool_and(level = CASE WHEN fits THEN 0 ELSE 1 END) AS same_as_sql
FROM (SELECT migrisk.return_plausibility('2024-03-01', p.name, '2024-03-02', c.name) AS level,
			 EXISTS (SELECT 1 FROM migrisk.repatriation_point r
					 WHERE migrisk._place_key(p.name) = ANY (r.us_keys)
					   AND migrisk._place_key(c.name) = ANY (r.mx_keys)) AS fits
	  FROM place_spellings p, place_spellings c) s;

-- An empty window is an error.
SELECT migrisk.return_plausibility('2024-03-01', 'Nogales', '2024-03-02', 'Nogales', 5, 2);

-- Rows added by the user count; the table is dumped without the seeds.
INSERT INTO migrisk.repatriation_point (us_port, us_state, us_lon, us_lat, mx_point, mx_state, mx_inegi, mx_lon, mx_lat)
VALUES ('Otay Mesa', 'CA', -116.94, 32.55, 'Tijuana', 'Baja California', '02004', -116.94, 32.54);
SELECT migrisk.return_plausibility('2024-03-01', 'Otay Mesa', '2024-03-01', 'Tijuana') AS user_row;
SELECT e.cond AS dump_condition
FROM pg_extension x, unnest(x.extconfig, x.extcondition) AS e(reloid, cond)
WHERE x.extname = 'migrisk' AND e.reloid = 'migrisk.repatriation_point'::regclass;
DELETE FROM migrisk.repatriation_point WHERE NOT seeded;
-- bad coordinates and keys are refused by the table
INSERT INTO migrisk.repatriation_point (us_port, us_state, us_lon, us_lat, mx_point, mx_state, mx_inegi, mx_lon, mx_lat)
VALUES ('X', 'TX', -99, 127, 'Y', 'Tamaulipas', '28027', -99, 27);
INSERT INTO migrisk.repatriation_point (us_port, us_state, us_lon, us_lat, mx_point, mx_state, mx_inegi, mx_lon, mx_lat)
VALUES ('X', 'TX', -99, 27, 'Y', 'Tamaulipas', '2827', -99, 27);
