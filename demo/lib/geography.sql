-- Geography for the demo, the tutorial and the report: Mexico's 32 states,
-- the places on the transit routes, documented risk points and the main
-- corridors, in schema migrisk_demo.  Needs PostGIS; run with psql from the
-- project's top directory (it reads data/mx_estados.geojson on the client
-- side, so the server needs no file access).  Sources: data/SOURCES.md.
--
--   psql -v ON_ERROR_STOP=1 -f demo/lib/geography.sql

SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS migrisk_demo;
COMMENT ON SCHEMA migrisk_demo IS
'migrisk demo and tutorial data: geography (demo/lib/geography.sql) and the synthetic records';

-- States --------------------------------------------------------------------
-- The whole FeatureCollection travels as one psql variable, read by the
-- client; ST_GeomFromGeoJSON turns each feature's geometry into PostGIS.
\set states_geojson `cat data/mx_estados.geojson`

DROP TABLE IF EXISTS migrisk_demo.state CASCADE;
CREATE TABLE migrisk_demo.state (
	cve   text PRIMARY KEY CHECK (cve ~ '^[0-9]{2}$'),
	name  text NOT NULL,
	geom  geometry(MultiPolygon, 4326) NOT NULL
);
COMMENT ON TABLE migrisk_demo.state IS
'Mexico''s 32 states (INEGI key cve, name, WGS84 boundary); source: INEGI Marco Geoestadistico 2025 via geojson-mexico, see data/SOURCES.md';

INSERT INTO migrisk_demo.state (cve, name, geom)
SELECT f -> 'properties' ->> 'cve_ent',
       f -> 'properties' ->> 'nom_ent',
       ST_Multi(ST_CollectionExtract(ST_MakeValid(
           ST_SetSRID(ST_GeomFromGeoJSON(f -> 'geometry'), 4326)), 3))
FROM jsonb_array_elements((:'states_geojson')::jsonb -> 'features') AS f;
\unset states_geojson

CREATE INDEX ON migrisk_demo.state USING gist (geom);

-- The same boundaries cut into pieces of at most 128 vertices: joins of many
-- lines with the states test small pieces, found by the GiST index,
-- instead of whole coastlines (the standard ST_Subdivide speed-up).
DROP TABLE IF EXISTS migrisk_demo.state_piece;
CREATE TABLE migrisk_demo.state_piece AS
SELECT cve, ST_Subdivide(geom, 128)::geometry(Polygon, 4326) AS geom
FROM migrisk_demo.state;
CREATE INDEX ON migrisk_demo.state_piece USING gist (geom);
COMMENT ON TABLE migrisk_demo.state_piece IS
'state boundaries cut by ST_Subdivide into pieces of at most 128 vertices, for fast spatial joins';

-- The report draws the map from a lighter copy in a metric projection
-- (EPSG:6372, Mexico ITRF2008 / LCC), simplified to 2 km: at the report's
-- scale one pixel is about 3 km.
DROP TABLE IF EXISTS migrisk_demo.state_map;
CREATE TABLE migrisk_demo.state_map AS
SELECT cve, name,
       ST_Multi(ST_SimplifyPreserveTopology(ST_Transform(geom, 6372), 2000))::geometry(MultiPolygon, 6372) AS geom
FROM migrisk_demo.state;
ALTER TABLE migrisk_demo.state_map ADD PRIMARY KEY (cve);
COMMENT ON TABLE migrisk_demo.state_map IS
'state boundaries simplified to 2 km in EPSG:6372, for drawing the report map';

-- Places on the routes ------------------------------------------------------
-- City centres (WGS84, 4 decimals), as the synthetic data generator uses
-- them (test/data/tables.h: gazetteer positions, each inside its INEGI
-- municipio), so that journeys pass exactly through these points.  The
-- check at the end of this file asserts that each lies in (or within 5 km
-- of the simplified coast of) the state its INEGI key names.  La Tembladera
-- is the one exception: the centroid of its municipio, Huimanguillo (jairgs/
-- Mexico-GeoJSON municip_centroids.csv), as no source here places the
-- locality itself.
DROP TABLE IF EXISTS migrisk_demo.corridor_stop;
DROP TABLE IF EXISTS migrisk_demo.place CASCADE;
CREATE TABLE migrisk_demo.place (
	code      text PRIMARY KEY,          -- short stable name used below
	name      text NOT NULL,
	inegi     text NOT NULL CHECK (inegi ~ '^[0-9]{5}$'),
	municipio text NOT NULL,
	kind      text NOT NULL CHECK (kind IN ('southern_border', 'rail_node', 'city', 'northern_border')),
	geom      geometry(Point, 4326) NOT NULL
);
COMMENT ON TABLE migrisk_demo.place IS
'places on the transit routes (city centres; INEGI municipio key), see data/SOURCES.md';

INSERT INTO migrisk_demo.place (code, name, inegi, municipio, kind, geom)
SELECT code, name, inegi, municipio, kind, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
FROM (VALUES
	('ciudad_hidalgo',  'Ciudad Hidalgo',   '07087', 'Suchiate',                 'southern_border', -92.1497, 14.6797),
	('tapachula',       'Tapachula',        '07089', 'Tapachula',                'city',            -92.2631, 14.9056),
	('huixtla',         'Huixtla',          '07040', 'Huixtla',                  'city',            -92.4656, 15.1386),
	('arriaga',         'Arriaga',          '07009', 'Arriaga',                  'rail_node',       -93.8986, 16.2353),
	('chahuites',       'Chahuites',        '20025', 'Chahuites',                'rail_node',       -94.1961, 16.2906),
	('ixtepec',         'Ixtepec',          '20014', 'Ciudad Ixtepec',           'rail_node',       -95.1008, 16.5622),
	('matias_romero',   'Matías Romero',    '20057', 'Matías Romero Avendaño',   'rail_node',       -95.0397, 16.8808),
	('medias_aguas',    'Medias Aguas',     '30144', 'Sayula de Alemán',         'rail_node',       -95.0300, 17.6700),
	('acayucan',        'Acayucan',         '30003', 'Acayucan',                 'city',            -94.9147, 17.9492),
	('tenosique',       'Tenosique',        '27017', 'Tenosique',                'southern_border', -91.4225, 17.4731),
	('palenque',        'Palenque',         '07065', 'Palenque',                 'rail_node',       -91.9822, 17.5097),
	('la_tembladera',   'La Tembladera',    '27008', 'Huimanguillo',             'rail_node',       -93.6998, 17.8264),
	('coatzacoalcos',   'Coatzacoalcos',    '30039', 'Coatzacoalcos',            'rail_node',       -94.4340, 18.1420),
	('tierra_blanca',   'Tierra Blanca',    '30174', 'Tierra Blanca',            'rail_node',       -96.3589, 18.4475),
	('orizaba',         'Orizaba',          '30118', 'Orizaba',                  'rail_node',       -97.1003, 18.8511),
	('apizaco',         'Apizaco',          '29005', 'Apizaco',                  'rail_node',       -98.1403, 19.4128),
	('puebla',          'Puebla',           '21114', 'Puebla',                   'city',            -98.2063, 19.0414),
	('tuxtla',          'Tuxtla Gutiérrez', '07101', 'Tuxtla Gutiérrez',         'city',            -93.1150, 16.7528),
	('cdmx',            'Ciudad de México', '09015', 'Cuauhtémoc',               'city',            -99.1332, 19.4326),
	('lecheria',        'Lechería',         '15109', 'Tultitlán',                'rail_node',       -99.1870, 19.6110),
	('huehuetoca',      'Huehuetoca',       '15035', 'Huehuetoca',               'rail_node',       -99.2036, 19.8336),
	('veracruz',        'Veracruz',         '30193', 'Veracruz',                 'city',            -96.1342, 19.1738),
	('tampico',         'Tampico',          '28038', 'Tampico',                  'city',            -97.8611, 22.2331),
	('queretaro',       'Querétaro',        '22014', 'Querétaro',                'rail_node',       -100.3899, 20.5888),
	('celaya',          'Celaya',           '11007', 'Celaya',                   'rail_node',       -100.8157, 20.5236),
	('irapuato',        'Irapuato',         '11017', 'Irapuato',                 'rail_node',       -101.3563, 20.6767),
	('guadalajara',     'Guadalajara',      '14039', 'Guadalajara',              'rail_node',       -103.3496, 20.6597),
	('mazatlan',        'Mazatlán',         '25012', 'Mazatlán',                 'rail_node',       -106.4111, 23.2494),
	('culiacan',        'Culiacán',         '25006', 'Culiacán',                 'rail_node',       -107.3940, 24.8091),
	('hermosillo',      'Hermosillo',       '26030', 'Hermosillo',               'rail_node',       -110.9559, 29.0729),
	('san_luis_potosi', 'San Luis Potosí',  '24028', 'San Luis Potosí',          'rail_node',       -100.9855, 22.1565),
	('saltillo',        'Saltillo',         '05030', 'Saltillo',                 'rail_node',       -101.0053, 25.4232),
	('monterrey',       'Monterrey',        '19039', 'Monterrey',                'rail_node',       -100.3161, 25.6866),
	('torreon',         'Torreón',          '05035', 'Torreón',                  'rail_node',       -103.4068, 25.5428),
	('chihuahua',       'Chihuahua',        '08019', 'Chihuahua',                'rail_node',       -106.0691, 28.6320),
	('san_fernando',    'San Fernando',     '28035', 'San Fernando',             'city',            -98.1560, 24.8480),
	('tijuana',         'Tijuana',          '02004', 'Tijuana',                  'northern_border', -117.0382, 32.5149),
	('mexicali',        'Mexicali',         '02002', 'Mexicali',                 'northern_border', -115.4523, 32.6245),
	('nogales',         'Nogales',          '26043', 'Nogales',                  'northern_border', -110.9422, 31.3086),
	('ciudad_juarez',   'Ciudad Juárez',    '08037', 'Juárez',                   'northern_border', -106.4245, 31.6904),
	('ojinaga',         'Ojinaga',          '08052', 'Ojinaga',                  'northern_border', -104.4164, 29.5646),
	('ciudad_acuna',    'Ciudad Acuña',     '05002', 'Acuña',                    'northern_border', -100.9522, 29.3232),
	('piedras_negras',  'Piedras Negras',   '05025', 'Piedras Negras',           'northern_border', -100.5231, 28.7000),
	('nuevo_laredo',    'Nuevo Laredo',     '28027', 'Nuevo Laredo',             'northern_border', -99.5496, 27.4779),
	('reynosa',         'Reynosa',          '28032', 'Reynosa',                  'northern_border', -98.2979, 26.0508),
	('matamoros',       'Matamoros',        '28022', 'Matamoros',                'northern_border', -97.5027, 25.8690)
) AS v(code, name, inegi, municipio, kind, lon, lat);

-- Every place lies in the state its INEGI key names (5 km of slack for
-- coastal cities against the simplified coastline).
DO $$
DECLARE bad text;
BEGIN
	SELECT string_agg(p.code, ', ') INTO bad
	FROM migrisk_demo.place p JOIN migrisk_demo.state s ON s.cve = left(p.inegi, 2)
	WHERE NOT ST_DWithin(p.geom::geography, s.geom::geography, 5000);
	IF bad IS NOT NULL THEN
		RAISE EXCEPTION 'places outside their state: %', bad;
	END IF;
END $$;

-- Corridors -----------------------------------------------------------------
-- The routes north as the synthetic data generator walks them (codes as in
-- its persons.csv): three southern segments from the Guatemalan border to
-- central Mexico, four northern segments from central Mexico to the border
-- cities they end in.  A journey is assigned to the southern and the
-- northern corridor it follows longest (the journey chapter).
DROP TABLE IF EXISTS migrisk_demo.corridor CASCADE;
CREATE TABLE migrisk_demo.corridor (
	code        text PRIMARY KEY,
	part        text NOT NULL CHECK (part IN ('south', 'north')),
	name        text NOT NULL,
	description text NOT NULL,
	geom        geometry(MultiLineString, 4326)
);
COMMENT ON TABLE migrisk_demo.corridor IS
'main transit corridors through Mexico: a line through their places (migrisk_demo.corridor_stop) plus branches to the border cities they end in';

CREATE TABLE migrisk_demo.corridor_stop (
	corridor text NOT NULL REFERENCES migrisk_demo.corridor,
	seq      int  NOT NULL,
	place    text NOT NULL REFERENCES migrisk_demo.place,
	branch   boolean NOT NULL DEFAULT false,   -- a border city the last stop leads to
	PRIMARY KEY (corridor, seq)
);
COMMENT ON TABLE migrisk_demo.corridor_stop IS
'the places of each corridor in travel order; branch = one of the border cities reached from the last stop';

INSERT INTO migrisk_demo.corridor (code, part, name, description) VALUES
	('pacific_train', 'south', 'Pacific, freight train',
	 'Ciudad Hidalgo and Tapachula to Arriaga, then the freight train (La Bestia) by Ixtepec, Medias Aguas, Tierra Blanca and Orizaba to Lechería'),
	('pacific_bus', 'south', 'Pacific, by bus',
	 'Ciudad Hidalgo and Tapachula by Tuxtla Gutiérrez and Puebla to Mexico City'),
	('gulf_train', 'south', 'Gulf, freight train',
	 'Tenosique by Palenque, Coatzacoalcos, Medias Aguas, Tierra Blanca, Orizaba and Apizaco to Lechería'),
	('north_pacific', 'north', 'North, Pacific line',
	 'Huehuetoca by Querétaro, Guadalajara, Mazatlán, Culiacán and Hermosillo to Nogales, Mexicali or Tijuana'),
	('north_east', 'north', 'North-east',
	 'Huehuetoca by Querétaro, San Luis Potosí and Monterrey to Nuevo Laredo, Reynosa, Piedras Negras or Ciudad Acuña'),
	('north_central', 'north', 'North, central line',
	 'Querétaro by San Luis Potosí, Torreón and Chihuahua to Ciudad Juárez or Ojinaga'),
	('north_gulf', 'north', 'North, Gulf coast',
	 'Veracruz by Tampico to Reynosa, Matamoros or Nuevo Laredo');

INSERT INTO migrisk_demo.corridor_stop (corridor, seq, place, branch)
SELECT c, ord, p, ord > cardinality(stops)
FROM (VALUES
	('pacific_train', ARRAY['ciudad_hidalgo','tapachula','huixtla','arriaga','ixtepec','matias_romero','medias_aguas','tierra_blanca','orizaba','lecheria'], '{}'::text[]),
	('pacific_bus',   ARRAY['ciudad_hidalgo','tapachula','tuxtla','puebla','cdmx'], '{}'),
	('gulf_train',    ARRAY['tenosique','palenque','coatzacoalcos','medias_aguas','tierra_blanca','orizaba','apizaco','lecheria'], '{}'),
	('north_pacific', ARRAY['huehuetoca','queretaro','celaya','irapuato','guadalajara','mazatlan','culiacan','hermosillo'], ARRAY['nogales','mexicali','tijuana']),
	('north_east',    ARRAY['huehuetoca','queretaro','san_luis_potosi','monterrey'], ARRAY['nuevo_laredo','reynosa','piedras_negras','ciudad_acuna']),
	('north_central', ARRAY['queretaro','san_luis_potosi','torreon','chihuahua'], ARRAY['ciudad_juarez','ojinaga']),
	('north_gulf',    ARRAY['veracruz','tampico'], ARRAY['reynosa','matamoros','nuevo_laredo'])
) AS v(c, stops, branches), unnest(stops || branches) WITH ORDINALITY AS u(p, ord);

UPDATE migrisk_demo.corridor c
SET geom = (
	SELECT ST_Multi(ST_Collect(line))
	FROM (SELECT ST_MakeLine(p.geom ORDER BY s.seq) AS line
	      FROM migrisk_demo.corridor_stop s JOIN migrisk_demo.place p ON p.code = s.place
	      WHERE s.corridor = c.code AND NOT s.branch
	      UNION ALL
	      SELECT ST_MakeLine(last.geom, p.geom)
	      FROM migrisk_demo.corridor_stop s JOIN migrisk_demo.place p ON p.code = s.place,
	           LATERAL (SELECT p2.geom FROM migrisk_demo.corridor_stop s2
	                    JOIN migrisk_demo.place p2 ON p2.code = s2.place
	                    WHERE s2.corridor = c.code AND NOT s2.branch
	                    ORDER BY s2.seq DESC LIMIT 1) last
	      WHERE s.corridor = c.code AND s.branch) lines);

-- Documented risk points ----------------------------------------------------
-- Where migrants in transit were kidnapped, killed or extorted, from public
-- reports.  placement: 'event' = the municipio where the reported events
-- happened; 'state' = the point only stands for evidence reported for the
-- whole state, placed at a rail node of that state; 'route' = a practice
-- reported along the train route without a place, placed at the main
-- boarding point.  Exposure in the demo counts only what the analyst
-- chooses (see the risk chapter).
DROP TABLE IF EXISTS migrisk_demo.risk_point;
CREATE TABLE migrisk_demo.risk_point (
	code      text PRIMARY KEY,
	place     text NOT NULL REFERENCES migrisk_demo.place,
	kind      text NOT NULL CHECK (kind IN ('kidnapping', 'massacre', 'extortion', 'derailment')),
	placement text NOT NULL CHECK (placement IN ('event', 'state', 'route')),
	what      text NOT NULL,
	source    text NOT NULL,
	geom      geometry(Point, 4326) NOT NULL
);
COMMENT ON TABLE migrisk_demo.risk_point IS
'documented risk points on the transit routes, each with its public source; placement says how exactly the point is known';

INSERT INTO migrisk_demo.risk_point (code, place, kind, placement, what, source, geom)
SELECT v.code, v.place, v.kind, v.placement, v.what, v.source, p.geom
FROM (VALUES
	('san_fernando_2010', 'san_fernando', 'massacre', 'event',
	 '72 migrants killed in August 2010; clandestine graves with 193 bodies found in 2011; bus passengers kidnapped on the state''s highways in 2019',
	 'El Mañana (elmanana.com), "Ombudsman México denuncia secuestro de 95 migrantes en 2019"; CNDH Recomendación 44VG/2021 (kidnappings of migrants in Tamaulipas)'),
	('reynosa_safe_houses', 'reynosa', 'kidnapping', 'event',
	 'safe houses holding kidnapped migrants (four in Reynosa, one in Río Bravo) raided by the army in 2009',
	 'El Siglo de Torreón, 2009, "Aumentan plagios en ruta migrante", citing the CNDH Informe Especial sobre los Casos de Secuestro en contra de Migrantes (15 June 2009)'),
	('medias_aguas_kidnapping', 'medias_aguas', 'kidnapping', 'event',
	 'mass kidnapping of migrants by armed men at Medias Aguas, Veracruz',
	 'CNDH statement reported by Oaxaca Entre Líneas, "CNDH investiga secuestro masivo de migrantes en Veracruz" (the CNDH special report on kidnapping of migrants it cites documented 214 mass kidnappings with 11,333 victims)'),
	('la_tembladera_2013', 'la_tembladera', 'derailment', 'event',
	 'derailment of the freight train carrying migrants near La Tembladera, Huimanguillo, Tabasco, 2013 (Gulf branch)',
	 'migrisk domain notes (shared reference domain.md, section 3.1)'),
	('coatzacoalcos_veracruz', 'coatzacoalcos', 'kidnapping', 'state',
	 '55% of about 10,000 kidnappings of migrants in six months (Sept 2008 to Feb 2009) happened in Veracruz and Tabasco; victims were picked up near shelters, bus stations and railway stations',
	 'CNDH Informe Especial sobre los Casos de Secuestro en contra de Migrantes, 15 June 2009, as reported by El Siglo de Torreón (2009) and La Voz Hispanic News'),
	('tierra_blanca_veracruz', 'tierra_blanca', 'kidnapping', 'state',
	 'Veracruz: as coatzacoalcos_veracruz (state-level evidence, placed at the Tierra Blanca rail node)',
	 'CNDH Informe Especial, 15 June 2009 (see coatzacoalcos_veracruz)'),
	('tenosique_tabasco', 'tenosique', 'kidnapping', 'state',
	 'Tabasco: as coatzacoalcos_veracruz (state-level evidence, placed at the Tenosique rail node)',
	 'CNDH Informe Especial, 15 June 2009 (see coatzacoalcos_veracruz)'),
	('arriaga_cuota', 'arriaga', 'extortion', 'route',
	 'criminal groups charge a "cuota" (about USD 100) to ride the freight train; placed at Arriaga, where the southern line begins',
	 'El Colef/CONAPO EMIF chapter (conapo.gob.mx OMI EMIF publication, p. 146), via migrisk domain notes section 1.4'),
	('juarez_chihuahua_2024', 'ciudad_juarez', 'kidnapping', 'state',
	 'Chihuahua: 6 mass kidnappings of migrants with 35 victims in November 2024, the most of any state',
	 'Alto al Secuestro figures reported by El Diario de Sonora, 26 December 2024'),
	('ixtepec_oaxaca_2024', 'ixtepec', 'kidnapping', 'state',
	 'Oaxaca: 4 kidnappings of migrants with 10 victims in November 2024',
	 'Alto al Secuestro figures reported by El Diario de Sonora, 26 December 2024'),
	('tapachula_chiapas_2024', 'tapachula', 'kidnapping', 'state',
	 'Chiapas: 3 kidnappings of migrants with 15 victims in November 2024',
	 'Alto al Secuestro figures reported by El Diario de Sonora, 26 December 2024')
) AS v(code, place, kind, placement, what, source)
JOIN migrisk_demo.place p ON p.code = v.place;

CREATE INDEX ON migrisk_demo.risk_point USING gist (geom);
RESET client_min_messages;
