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
-- Municipio centroids (INEGI key = cve_ent || cve_mun), not stations.
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
'places on the transit routes: centroid of the INEGI municipio containing each (jairgs/Mexico-GeoJSON municip_centroids.csv), see data/SOURCES.md';

INSERT INTO migrisk_demo.place (code, name, inegi, municipio, kind, geom)
SELECT code, name, inegi, municipio, kind, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
FROM (VALUES
	('ciudad_hidalgo', 'Ciudad Hidalgo',      '07087', 'Suchiate',               'southern_border', -92.22712116894652, 14.639383552186004),
	('tapachula',      'Tapachula',           '07089', 'Tapachula',              'city',            -92.30479678838587, 14.933968069326765),
	('arriaga',        'Arriaga',             '07009', 'Arriaga',                'rail_node',       -93.93736048525017, 16.24888388718529),
	('chahuites',      'Chahuites',           '20025', 'Chahuites',              'rail_node',       -94.20464529200368, 16.273895349599034),
	('ixtepec',        'Ixtepec',             '20014', 'Ciudad Ixtepec',         'rail_node',       -95.08933484541342, 16.623388161910565),
	('matias_romero',  'Matías Romero',       '20057', 'Matías Romero Avendaño', 'rail_node',       -94.99096920184351, 17.155603738923602),
	('medias_aguas',   'Medias Aguas',        '30144', 'Sayula de Alemán',       'rail_node',       -94.94589872490012, 17.724704577036995),
	('tenosique',      'Tenosique',           '27017', 'Tenosique',              'southern_border', -91.29355891132427, 17.42637633048474),
	('palenque',       'Palenque',            '07065', 'Palenque',               'rail_node',       -91.8126555521495,  17.444075607463656),
	('la_tembladera',  'La Tembladera',       '27008', 'Huimanguillo',           'rail_node',       -93.69981912270997, 17.826390510785657),
	('coatzacoalcos',  'Coatzacoalcos',       '30039', 'Coatzacoalcos',          'rail_node',       -94.39736765250717, 18.13255850015902),
	('acayucan',       'Acayucan',            '30003', 'Acayucan',               'city',            -95.03261132108045, 18.036679292516354),
	('tierra_blanca',  'Tierra Blanca',       '30174', 'Tierra Blanca',          'rail_node',       -96.28645198326942, 18.54983430219995),
	('orizaba',        'Orizaba',             '30118', 'Orizaba',                'rail_node',       -97.10480790368173, 18.855861894374456),
	('puebla',         'Puebla',              '21114', 'Puebla',                 'city',            -98.17495318473041, 19.008433097957678),
	('apizaco',        'Apizaco',             '29005', 'Apizaco',                'rail_node',       -98.12708924359372, 19.423520541603896),
	('lecheria',       'Lechería',            '15109', 'Tultitlán',              'rail_node',       -99.14528846880499, 19.626209542796314),
	('huehuetoca',     'Huehuetoca',          '15035', 'Huehuetoca',             'rail_node',       -99.25502811691413, 19.822632671830426),
	('queretaro',      'Querétaro',           '22014', 'Querétaro',              'rail_node',       -100.45271027899172, 20.72880538931793),
	('celaya',         'Celaya',              '11007', 'Celaya',                 'rail_node',       -100.78786495977735, 20.53756559032998),
	('irapuato',       'Irapuato',            '11017', 'Irapuato',               'rail_node',       -101.3683207499681, 20.69981348213531),
	('guadalajara',    'Guadalajara',         '14039', 'Guadalajara',            'rail_node',       -103.33580719706269, 20.67597104932322),
	('san_luis_potosi','San Luis Potosí',     '24028', 'San Luis Potosí',        'rail_node',       -100.96088842175153, 22.270478916783134),
	('saltillo',       'Saltillo',            '05030', 'Saltillo',               'rail_node',       -101.12510867456804, 25.02914759068649),
	('monterrey',      'Monterrey',           '19039', 'Monterrey',              'rail_node',       -100.31101513268925, 25.644831985918874),
	('torreon',        'Torreón',             '05035', 'Torreón',                'rail_node',       -103.24891927546726, 25.170075139875095),
	('chihuahua',      'Chihuahua',           '08019', 'Chihuahua',              'rail_node',       -106.23252586658751, 29.00055223747196),
	('hermosillo',     'Hermosillo',          '26030', 'Hermosillo',             'rail_node',       -111.47351121137835, 29.02367387479147),
	('nogales',        'Nogales',             '26043', 'Nogales',                'northern_border', -111.00244332122931, 31.198834033921987),
	('mexicali',       'Mexicali',            '02002', 'Mexicali',               'northern_border', -115.16409624266446, 31.739019681038428),
	('tijuana',        'Tijuana',             '02004', 'Tijuana',                'northern_border', -116.81997000656176, 32.40407194734659),
	('ciudad_juarez',  'Ciudad Juárez',       '08037', 'Juárez',                 'northern_border', -106.5641134399234,  31.449665245615602),
	('ojinaga',        'Ojinaga',             '08052', 'Ojinaga',                'northern_border', -104.52529592430965, 29.364219866772217),
	('piedras_negras', 'Piedras Negras',      '05025', 'Piedras Negras',         'northern_border', -100.61446971288179, 28.77982029555586),
	('ciudad_acuna',   'Ciudad Acuña',        '05002', 'Acuña',                  'northern_border', -102.0100266650622,  29.43260231807237),
	('nuevo_laredo',   'Nuevo Laredo',        '28027', 'Nuevo Laredo',           'northern_border', -99.67379901096344,  27.475809851071066),
	('reynosa',        'Reynosa',             '28032', 'Reynosa',                'northern_border', -98.3733606817002,   25.81023622460248),
	('matamoros',      'Matamoros',           '28022', 'Matamoros',              'northern_border', -97.53291023672136,  25.612362913642656),
	('san_fernando',   'San Fernando',        '28035', 'San Fernando',           'city',            -97.95827065849662,  24.891197007624662)
) AS v(code, name, inegi, municipio, kind, lon, lat);

-- Corridors -----------------------------------------------------------------
-- The main routes north, as ordered lists of places (route strings of the
-- domain notes, section 3.1).  A journey is assigned to the corridor whose
-- line it follows most closely (see the demo's journey chapter).
DROP TABLE IF EXISTS migrisk_demo.corridor_stop;
DROP TABLE IF EXISTS migrisk_demo.corridor CASCADE;
CREATE TABLE migrisk_demo.corridor (
	code        text PRIMARY KEY,
	name        text NOT NULL,
	description text NOT NULL,
	geom        geometry(LineString, 4326)
);
COMMENT ON TABLE migrisk_demo.corridor IS
'main transit corridors through Mexico, as lines through their places (migrisk_demo.corridor_stop)';

CREATE TABLE migrisk_demo.corridor_stop (
	corridor text NOT NULL REFERENCES migrisk_demo.corridor,
	seq      int  NOT NULL,
	place    text NOT NULL REFERENCES migrisk_demo.place,
	PRIMARY KEY (corridor, seq)
);
COMMENT ON TABLE migrisk_demo.corridor_stop IS
'the places of each corridor, in travel order';

INSERT INTO migrisk_demo.corridor (code, name, description) VALUES
	('pacific_south', 'Southern line (La Bestia)',
	 'Ciudad Hidalgo and Tapachula to Arriaga (foot, bus), then the freight line by Ixtepec, Medias Aguas, Tierra Blanca and Orizaba to Lechería'),
	('gulf', 'Gulf line',
	 'Tenosique by Palenque, La Tembladera and Coatzacoalcos to Medias Aguas, joining the southern line'),
	('west', 'Western line',
	 'Huehuetoca by Querétaro, Irapuato and Guadalajara to Hermosillo, Nogales, Mexicali and Tijuana'),
	('central_north', 'Central line',
	 'Celaya by San Luis Potosí and Torreón to Chihuahua and Ciudad Juárez'),
	('northeast', 'North-eastern line',
	 'Celaya by San Luis Potosí, Saltillo and Monterrey to Nuevo Laredo and Reynosa');

INSERT INTO migrisk_demo.corridor_stop (corridor, seq, place)
SELECT c, ord, p
FROM (VALUES
	('pacific_south', ARRAY['ciudad_hidalgo','tapachula','arriaga','chahuites','ixtepec','matias_romero','medias_aguas','tierra_blanca','orizaba','apizaco','lecheria']),
	('gulf',          ARRAY['tenosique','palenque','la_tembladera','coatzacoalcos','medias_aguas']),
	('west',          ARRAY['huehuetoca','queretaro','celaya','irapuato','guadalajara','hermosillo','nogales','mexicali','tijuana']),
	('central_north', ARRAY['celaya','san_luis_potosi','torreon','chihuahua','ciudad_juarez']),
	('northeast',     ARRAY['celaya','san_luis_potosi','saltillo','monterrey','nuevo_laredo','reynosa'])
) AS v(c, stops), unnest(stops) WITH ORDINALITY AS u(p, ord);

UPDATE migrisk_demo.corridor c
SET geom = (SELECT ST_MakeLine(p.geom ORDER BY s.seq)
            FROM migrisk_demo.corridor_stop s JOIN migrisk_demo.place p ON p.code = s.place
            WHERE s.corridor = c.code);

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
