-- The migrisk report: one self-contained HTML file (inline SVG and CSS, no
-- script, nothing fetched from the network), written by psql from SQL.
--
--   psql -v report_file=/tmp/report.html [-v report_title='...'] -f demo/lib/report.sql
--
-- It draws whatever the following relations in schema migrisk_demo hold,
-- so it works on placeholder numbers (demo/lib/report_placeholder.sql) as
-- well as on the real risk profiles (demo/sql/80_report.sql):
--
--   report_state(cve text, value float8, n bigint, note text)
--       one row per state key of migrisk_demo.state_map; value is a share in
--       [0,1] for the choropleth, NULL when there is no estimate (suppressed
--       or no data: drawn hatched); note is shown in the tooltip.
--   report_flow(label text, geom geometry, flow float8)
--       lines (SRID 4326) drawn with a width proportional to flow.
--   report_point(label text, geom geometry, note text)
--       points (SRID 4326) marked on the map, e.g. documented risk points.
--   report_indicator(code text, label text, prevalence float8,
--                    ci_low float8, ci_high float8, n bigint)
--       the bar chart: one bar per indicator, whiskers from ci_low to ci_high.
--   report_row(grp text, n bigint, weighted_n float8, prevalence float8,
--              ci_low float8, ci_high float8, mean_score float8)
--       the table (e.g. one row per corridor); NULL estimates print as
--       "suppressed".
--   report_fact(ord int, label text, value text)
--       headline numbers shown above the map.
--   report_stall(place text, stops bigint, journeys bigint,
--                median_dwell interval, p90_dwell interval)
--       where journeys stall: one table row per place.
--   report_incident(what text, place text, starts date, ends date,
--                   journeys bigint, median_time_near interval)
--       journeys near each incident in the weeks around it: one row each.
--
-- and three panels on the real files (issue 22; inputs gathered by
-- demo/lib/report_realdata.sql from migrisk_demo.report_series,
-- report_route, report_death_state, report_death_group when they exist,
-- else from the loaders' tables in schema realdata, else "no real data
-- loaded"): ICE removals by citizenship and month with Mexico's
-- deportations and CBP's encounters (small multiples), the ICE Air removal
-- routes (a lon/lat map), the Missing Migrants dead and missing by state
-- (choropleth) and by corridor and route (bars).
--
-- Map: state boundaries from migrisk_demo.state_map (EPSG:6372, metres),
-- scaled to kilometres and drawn by ST_AsSVG, which writes y downwards
-- (it negates y), so the viewBox starts at -ymax.

\if :{?report_file}
\else
\echo 'report.sql: set report_file, e.g. psql -v report_file=/tmp/report.html'
\quit
\endif
\if :{?report_title}
\else
\set report_title 'migrisk: transit, return and trafficking risk'
\endif
\if :{?report_subtitle}
\else
\set report_subtitle ''
\endif
\if :{?report_map_title}
\else
\set report_map_title 'Risk by state, with the main corridors'
\endif
\if :{?report_map_note}
\else
\set report_map_note 'States shaded by the value of report_state (hover for the estimate and its size); blue lines: flows, width proportional to flow; white dots: documented risk points (list below).'
\endif
\if :{?report_bars_title}
\else
\set report_bars_title 'Indicator prevalence, 95% confidence intervals'
\endif
\if :{?report_table_title}
\else
\set report_table_title 'Risk by group'
\endif

-- HTML escaping for every text that comes from data.
CREATE FUNCTION pg_temp.h(t text) RETURNS text
LANGUAGE sql IMMUTABLE AS
$$ SELECT replace(replace(replace(replace(coalesce(t, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;') $$;

-- A share as a percentage with one decimal.
CREATE FUNCTION pg_temp.pct(x float8) RETURNS text
LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN x IS NULL THEN 'suppressed' ELSE to_char(x * 100, 'FM990.0') || '%' END $$;

-- EPSG:4326 or 6372 geometry to the map's kilometre coordinates.
CREATE FUNCTION pg_temp.km(g geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE AS
$$ SELECT ST_Scale(CASE WHEN ST_SRID(g) = 6372 THEN g ELSE ST_Transform(g, 6372) END, 0.001, 0.001) $$;

-- The colour classes: five equal steps from the smallest to the largest
-- value, widened to whole percentage points (ColorBrewer YlOrRd, 5 classes).
CREATE TEMP TABLE report_class AS
WITH r AS (
	SELECT floor(coalesce(min(value), 0) * 100) / 100.0 AS lo,
	       greatest(ceil(coalesce(max(value), 0) * 100) / 100.0,
	                floor(coalesce(min(value), 0) * 100) / 100.0 + 0.05) AS hi
	FROM migrisk_demo.report_state
)
SELECT k, lo + (hi - lo) * (k - 1) / 5 AS lo, lo + (hi - lo) * k / 5 AS hi,
       (ARRAY['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'])[k] AS colour
FROM r, generate_series(1, 5) AS k;

-- The real-data panels (issue 22): ICE removals by citizenship and month
-- with Mexico's deportations and CBP's encounters, the ICE Air removal
-- routes, the Missing Migrants deaths by state and by corridor or route.
-- Inputs: demo/lib/report_realdata.sql; each panel says "no real data
-- loaded" when its input is empty.
\ir report_realdata.sql
CREATE TEMP TABLE rd_html (ord int, html text);

-- (a) Small multiples: the four countries of most ICE removals (of most
-- counts when there are no ICE rows), one line per source, each country on
-- its own scale; x runs over every month any source has.
INSERT INTO rd_html
WITH top AS (
	SELECT iso3, country, r FROM (
		SELECT iso3, min(country) AS country,
		       row_number() OVER (ORDER BY sum(n) FILTER (WHERE source = 'ice') DESC NULLS LAST, sum(n) DESC, iso3) AS r
		FROM rd_series GROUP BY iso3) t
	WHERE r <= 4
),
s AS (SELECT d.* FROM rd_series d JOIN top USING (iso3) WHERE d.n IS NOT NULL AND d.month IS NOT NULL),
span AS (
	SELECT min(month) AS m0, max(month) AS m1,
	       greatest(1, ((extract(year FROM max(month)) - extract(year FROM min(month))) * 12
	                    + extract(month FROM max(month)) - extract(month FROM min(month)))::int) AS nm
	FROM s
),
pos AS (
	SELECT s.*, top.r, top.country AS cname,
	       ((extract(year FROM s.month) - extract(year FROM span.m0)) * 12
	        + extract(month FROM s.month) - extract(month FROM span.m0))::int AS i,
	       span.nm, max(s.n) OVER (PARTITION BY s.iso3) AS mx
	FROM s JOIN top USING (iso3), span
),
lines AS (
	SELECT r, source, format('<polyline class="ser s-%s" points="%s"><title>%s</title></polyline>',
	                         source,
	                         string_agg(round((52 + 238.0 * i / nm)::numeric, 1) || ','
	                                    || round((150 - 120.0 * n / greatest(mx, 1))::numeric, 1), ' ' ORDER BY month),
	                         pg_temp.h(min(cname) || ', ' || CASE source WHEN 'ice' THEN 'ICE removals'
	                                   WHEN 'upm' THEN 'Mexico: deportations and assisted returns'
	                                   WHEN 'cbp' THEN 'CBP encounters' ELSE source END
	                                   || ', ' || to_char(min(month), 'YYYY-MM') || ' to ' || to_char(max(month), 'YYYY-MM')
	                                   || ', largest month ' || max(n))) AS svg
	FROM pos GROUP BY r, source
),
years AS (
	SELECT string_agg(format('<line x1="%1$s" x2="%1$s" y1="30" y2="150" class="grid"/><text x="%1$s" y="164" text-anchor="middle" class="muted">%2$s</text>',
	                         round((52 + 238.0 * ((extract(year FROM y) - extract(year FROM m0)) * 12
	                                + 1 - extract(month FROM m0)) / nm)::numeric, 1), to_char(y, 'YY')), '' ORDER BY y) AS svg
	FROM span, generate_series(date_trunc('year', m0) + interval '1 year', m1, interval '1 year') AS y
),
cells AS (
	SELECT top.r, format('<g transform="translate(%s,%s)"><text x="52" y="20" class="ct">%s</text>'
	                     '<text x="48" y="34" text-anchor="end" class="muted">%s</text><text x="48" y="150" text-anchor="end" class="muted">0</text>'
	                     '<line x1="52" x2="290" y1="150" y2="150" class="axis"/>%s%s</g>',
	                     ((top.r - 1) % 2) * 310, ((top.r - 1) / 2) * 180,
	                     pg_temp.h(top.country), (SELECT to_char(max(mx), 'FM999,999,999') FROM pos WHERE pos.r = top.r),
	                     (SELECT svg FROM years),
	                     (SELECT string_agg(svg, '' ORDER BY source) FROM lines WHERE lines.r = top.r)) AS svg
	FROM top
)
SELECT 1, concat_ws(E'\n',
	'<section id="rd-series"><h2>Removals by citizenship and month, with Mexico''s deportations and CBP encounters</h2>',
	CASE WHEN NOT EXISTS (SELECT 1 FROM s) THEN '<p class="nodata">No real data loaded (schema realdata: docs/loaders.md).</p>'
	ELSE concat_ws(E'\n',
		'<p class="muted">Per month, for the countries of citizenship with the most ICE removals: '
		|| 'red, removals by ICE; blue, deportations and assisted returns by Mexico (UPM); green, encounters by CBP. '
		|| 'Each country on its own scale (its largest month at the top); the sources overlap only where their years do. '
		|| pg_temp.h((SELECT string_agg(CASE source WHEN 'ice' THEN 'ICE' WHEN 'upm' THEN 'UPM' WHEN 'cbp' THEN 'CBP' ELSE source END
		                                || ' ' || to_char(a, 'YYYY-MM') || ' to ' || to_char(b, 'YYYY-MM'), '; ' ORDER BY source)
		              FROM (SELECT source, min(month) a, max(month) b FROM s GROUP BY source) q)) || '.</p>',
		(SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="620" height="%s" role="img" aria-label="removals by month">',
		               ((max(r) + 1) / 2) * 180 + 10) FROM top),
		(SELECT string_agg(svg, E'\n' ORDER BY r) FROM cells),
		'</svg>') END,
	'</section>');

-- (b) Removal flights on a plain lon/lat projection (x = lon * cos 24°,
-- y = -lat), with Mexico's states behind; line width by passengers.
INSERT INTO rd_html
WITH c AS (SELECT cos(radians(24)) AS k),
r AS (SELECT *, max(passengers) OVER () AS top FROM rd_route WHERE passengers > 0),
ap AS (
	SELECT icao, min(name) AS name, min(lon) AS lon, min(lat) AS lat, sum(passengers) AS passengers,
	       bool_or(us) AS us
	FROM (SELECT pickup AS icao, pickup_name AS name, pickup_lon AS lon, pickup_lat AS lat, passengers, true AS us FROM r
	      UNION ALL
	      SELECT dropoff, dropoff_name, dropoff_lon, dropoff_lat, passengers, false FROM r) a
	GROUP BY icao
),
frame AS (
	SELECT (least(min(lon), -118) - 1) * k AS x0, -(greatest(max(lat), 33) + 1) AS y0,
	       (greatest(max(lon), -86) - least(min(lon), -118) + 2) * k AS w,
	       greatest(max(lat), 33) - least(min(lat), 13) + 2 AS h
	FROM ap, c GROUP BY k
),
bg AS (
	SELECT string_agg(format('<path class="bg" d="%s"/>',
	                         ST_AsSVG(ST_Scale(ST_Transform(geom, 4326), (SELECT k FROM c), 1), 0, 3)), '' ORDER BY cve) AS svg
	FROM migrisk_demo.state_map
),
lines AS (
	SELECT string_agg(format('<line class="route" x1="%s" y1="%s" x2="%s" y2="%s" stroke-width="%s"><title>%s</title></line>',
	                         round((pickup_lon * k)::numeric, 3), round((-pickup_lat)::numeric, 3),
	                         round((dropoff_lon * k)::numeric, 3), round((-dropoff_lat)::numeric, 3),
	                         round((0.6 + 9.4 * passengers / top)::numeric, 1),
	                         pg_temp.h(pickup || ' ' || coalesce(pickup_name, '') || ' → ' || dropoff || ' '
	                                   || coalesce(dropoff_name, '') || ': ' || legs || ' legs, '
	                                   || passengers || ' passengers')), E'\n' ORDER BY passengers, pickup, dropoff) AS svg
	FROM r, c
),
pts AS (
	SELECT string_agg(format('<circle class="ap %s" cx="%s" cy="%s" r="0.25"><title>%s</title></circle>',
	                         CASE WHEN us THEN 'us' ELSE 'to' END,
	                         round((lon * k)::numeric, 3), round((-lat)::numeric, 3),
	                         pg_temp.h(icao || ' ' || coalesce(name, '') || ': ' || passengers || ' passengers')), E'\n' ORDER BY icao) AS svg
	FROM ap, c
),
lbl AS (
	SELECT string_agg(format('<text class="aplbl" x="%s" y="%s">%s</text>',
	                         round((lon * k + 0.35)::numeric, 3), round((-lat + 0.25)::numeric, 3), pg_temp.h(icao)), '' ORDER BY icao) AS svg
	FROM (SELECT * FROM ap ORDER BY passengers DESC, icao LIMIT 14) a, c
)
SELECT 2, concat_ws(E'\n',
	'<section id="rd-routes"><h2>Removal flights: ICE Air routes from US airports to Mexico and Central America</h2>',
	CASE WHEN NOT EXISTS (SELECT 1 FROM r) THEN '<p class="nodata">No real data loaded (schema realdata: docs/loaders.md).</p>'
	ELSE concat_ws(E'\n',
		'<p class="muted">' || pg_temp.h((SELECT count(*) FROM r) || ' routes, ' || (SELECT sum(legs) FROM r) || ' legs, '
		|| (SELECT sum(passengers) FROM r) || ' passengers') || '. Straight lines between the airports on a plain longitude/latitude '
		|| 'projection; width proportional to passengers; black dots: US airports, orange: airports of arrival (labels: the busiest). '
		|| 'Mexico''s states for orientation.</p>',
		(SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="%s" viewBox="%s %s %s %s" role="img" aria-label="removal flights">',
		               round((1000 * h / w)::numeric), round(x0::numeric, 3), round(y0::numeric, 3),
		               round(w::numeric, 3), round(h::numeric, 3)) FROM frame),
		'<rect x="-1000" y="-1000" width="2000" height="2000" fill="#f4f8fb"/>',
		(SELECT svg FROM bg), (SELECT svg FROM lines), (SELECT svg FROM pts), (SELECT svg FROM lbl),
		'</svg>') END,
	'</section>');

-- (c) Missing Migrants: dead and missing by state (five classes on a log
-- scale from 1 to the largest state; white: no incident) and bars by
-- corridor and by IOM's route.
INSERT INTO rd_html
WITH d AS (SELECT cve, incidents, dead FROM rd_death_state WHERE dead > 0),
mx AS (SELECT greatest(max(dead), 2) AS mx FROM d),
cls AS (
	SELECT k, CASE WHEN k = 1 THEN 1 ELSE floor(exp(ln(mx) * (k - 1) / 5))::bigint + 1 END AS lo,
	       floor(exp(ln(mx) * k / 5))::bigint AS hi,
	       (ARRAY['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'])[k] AS colour
	FROM mx, generate_series(1, 5) AS k
),
frame AS (
	SELECT ST_XMin(e) - 60 AS x0, -ST_YMax(e) - 60 AS y0,
	       ST_XMax(e) - ST_XMin(e) + 120 AS w, ST_YMax(e) - ST_YMin(e) + 120 AS h
	FROM (SELECT ST_Extent(pg_temp.km(geom))::geometry AS e FROM migrisk_demo.state_map) s
),
states AS (
	SELECT string_agg(format('<path class="ds" d="%s" fill="%s"><title>%s</title></path>',
		ST_AsSVG(pg_temp.km(m.geom), 0, 1),
		CASE WHEN d.dead IS NULL THEN '#ffffff'
		     ELSE (SELECT c.colour FROM cls c WHERE d.dead <= c.hi OR c.k = 5 ORDER BY c.k LIMIT 1) END,
		pg_temp.h(m.name || ': ' || coalesce(d.dead || ' dead or missing in ' || d.incidents || ' incidents', 'no incident recorded'))),
		E'\n' ORDER BY m.cve) AS svg
	FROM migrisk_demo.state_map m LEFT JOIN d ON d.cve = m.cve
),
legend AS (
	SELECT string_agg(format('<rect x="%s" y="0" width="88" height="14" fill="%s" stroke="#777"/><text x="%s" y="30">%s</text>',
	                         (k - 1) * 90, colour, (k - 1) * 90, CASE WHEN lo >= hi THEN hi::text ELSE lo || '–' || hi END), '' ORDER BY k)
	       || '<rect x="460" y="0" width="70" height="14" fill="#ffffff" stroke="#777"/><text x="460" y="30">none</text>' AS svg
	FROM cls
),
g AS (
	SELECT kind, label, incidents, dead, row_number() OVER (ORDER BY kind, dead DESC, label) AS r,
	       max(dead) OVER () AS top,
	       dense_rank() OVER (ORDER BY kind) AS kr
	FROM rd_death_group WHERE dead IS NOT NULL
),
bars AS (
	SELECT coalesce(max(r) + max(kr), 0) AS rows,
	       string_agg(CASE WHEN r = min_r THEN format('<text x="0" y="%s" class="ct">%s</text>', (r + kr - 2) * 22 + 18,
	                      CASE kind WHEN 'corridor' THEN 'by corridor (incidents within 10 km of its line)'
	                                WHEN 'route' THEN 'by IOM''s migration route' ELSE pg_temp.h(kind) END) ELSE '' END
	                  || format('<g transform="translate(0,%s)"><text x="258" y="14" text-anchor="end">%s</text>'
	                            '<rect class="dbar" x="264" y="3" width="%s" height="14"><title>%s</title></rect>'
	                            '<text x="%s" y="14" class="val">%s</text></g>',
	                            (r - 1 + kr) * 22 + 4,
	                            pg_temp.h(CASE WHEN length(label) > 40 THEN left(label, 39) || '…' ELSE label END),
	                            round((360.0 * dead / greatest(top, 1))::numeric, 1),
	                            pg_temp.h(label || ': ' || dead || ' dead or missing in ' || incidents || ' incidents'),
	                            round((270 + 360.0 * dead / greatest(top, 1))::numeric, 1), dead),
	                  E'\n' ORDER BY r) AS svg
	FROM (SELECT g.*, min(r) OVER (PARTITION BY kind) AS min_r FROM g) g
)
SELECT 3, concat_ws(E'\n',
	'<section id="rd-deaths"><h2>Missing Migrants: dead and missing by Mexican state, corridor and route</h2>',
	CASE WHEN NOT EXISTS (SELECT 1 FROM d) AND NOT EXISTS (SELECT 1 FROM g)
	THEN '<p class="nodata">No real data loaded (schema realdata: docs/loaders.md).</p>'
	ELSE concat_ws(E'\n',
		'<p class="muted">' || pg_temp.h((SELECT coalesce(sum(dead), 0) || ' dead or missing in ' || coalesce(sum(incidents), 0)
		                                  || ' incidents' FROM d)) || ' inside Mexico''s states (IOM Missing Migrants Project); '
		|| 'states shaded in five classes on a log scale; hover for the numbers.</p>',
		'<div class="cols"><div>',
		(SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="%s" viewBox="%s %s %s %s" role="img" aria-label="deaths by state">',
		               round((640 * h / w)::numeric), round(x0::numeric, 1), round(y0::numeric, 1),
		               round(w::numeric, 1), round(h::numeric, 1)) FROM frame),
		(SELECT svg FROM states), '</svg>',
		'<div><svg xmlns="http://www.w3.org/2000/svg" width="560" height="40" role="img" aria-label="legend of deaths">'
			|| (SELECT svg FROM legend) || '</svg></div></div><div>',
		(SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="680" height="%s" role="img" aria-label="deaths by corridor and route">',
		               rows * 22 + 10) FROM bars),
		(SELECT svg FROM bars), '</svg></div></div>') END,
	'</section>');

\pset format unaligned
\pset tuples_only on
\pset footer off
-- where the real-data panels' numbers come from, when they have any
INSERT INTO rd_html
SELECT 4, '<p class="muted">Real-data panels: ICE removals FY2017–FY2019 (FOIA 2019-ICFO-53623), ICE Air flight legs '
       || 'FY2011–2019 with ICE''s airport table, CBP nationwide encounters, Mexico''s Unidad de Política Migratoria series '
       || 'as compiled by IOM (gdidata), IOM Missing Migrants Project; loaded by load/*.sql as published '
       || '(data/real/SOURCES.md, docs/loaders.md).</p>'
WHERE EXISTS (SELECT 1 FROM rd_series) OR EXISTS (SELECT 1 FROM rd_route)
   OR EXISTS (SELECT 1 FROM rd_death_state) OR EXISTS (SELECT 1 FROM rd_death_group);

\o :report_file
WITH
frame AS (
	SELECT ST_XMin(e) - 60 AS x0, -ST_YMax(e) - 60 AS y0,
	       ST_XMax(e) - ST_XMin(e) + 120 AS w, ST_YMax(e) - ST_YMin(e) + 120 AS h
	FROM (SELECT ST_Extent(pg_temp.km(geom))::geometry AS e FROM migrisk_demo.state_map) s
),
states AS (
	SELECT string_agg(format(
		'<path class="st" d="%s" fill="%s"><title>%s</title></path>',
		ST_AsSVG(pg_temp.km(m.geom), 0, 1),
		CASE WHEN r.value IS NULL THEN 'url(#nodata)'
		     ELSE (SELECT c.colour FROM report_class c
		           WHERE r.value < c.hi OR c.k = 5 ORDER BY c.k LIMIT 1) END,
		pg_temp.h(m.name || ': ' || pg_temp.pct(r.value)
		          || coalesce(' (n = ' || r.n || ')', '')
		          || coalesce(', ' || r.note, ''))), E'\n' ORDER BY m.cve) AS svg
	FROM migrisk_demo.state_map m
	LEFT JOIN migrisk_demo.report_state r ON r.cve = m.cve
),
flows AS (
	SELECT coalesce(string_agg(format(
		'<path class="flow" d="%s" stroke-width="%s"><title>%s</title></path>',
		ST_AsSVG(pg_temp.km(f.geom), 0, 1),
		round((1.0 + 11.0 * f.flow / f.top)::numeric, 1),
		pg_temp.h(f.label || ': ' || round(f.flow::numeric))), E'\n' ORDER BY f.flow), '') AS svg
	FROM (SELECT *, max(flow) OVER () AS top FROM migrisk_demo.report_flow WHERE flow > 0) f
	-- the thinnest lines only clutter the map: leave out flows below 2% of the largest
	WHERE f.flow >= 0.02 * f.top
),
points AS (
	SELECT coalesce(string_agg(format(
		'<circle class="pt" %s r="14"><title>%s</title></circle>',
		ST_AsSVG(pg_temp.km(p.geom), 0, 1),
		pg_temp.h(p.label || coalesce(': ' || p.note, ''))), E'\n'), '') AS svg
	FROM migrisk_demo.report_point p
),
labels AS (
	-- Border crossings and the main rail junctions, so the map reads alone.
	SELECT string_agg(format('<text class="lbl" x="%s" y="%s">%s</text>',
	                         round((ST_X(g) + 18)::numeric, 1), round((-ST_Y(g) + 12)::numeric, 1),
	                         pg_temp.h(name)), E'\n' ORDER BY code) AS svg
	FROM (SELECT code, name, pg_temp.km(geom) AS g FROM migrisk_demo.place
	      WHERE kind IN ('northern_border', 'southern_border')
	         OR code IN ('arriaga', 'medias_aguas', 'lecheria', 'guadalajara', 'monterrey')) p
),
legend AS (
	SELECT string_agg(format(
		'<rect x="%s" y="0" width="88" height="14" fill="%s" stroke="#777"/>'
		'<text x="%s" y="30">%s</text>',
		(k - 1) * 90, colour, (k - 1) * 90,
		to_char(lo * 100, 'FM990.0') || '–' || to_char(hi * 100, 'FM990.0') || '%'), '' ORDER BY k)
		|| '<rect x="470" y="0" width="70" height="14" fill="url(#nodata)" stroke="#777"/>'
		|| '<text x="470" y="30">suppressed / none</text>' AS svg
	FROM report_class
),
ind0 AS (
	SELECT i.*, row_number() OVER (ORDER BY i.prevalence DESC NULLS LAST, i.code) AS r,
	       coalesce(max(coalesce(i.ci_high, i.prevalence)) OVER (), 0) AS mx
	FROM migrisk_demo.report_indicator i
),
ind AS (
	-- axis: ticks every 5, 10 or 20 points, the top a whole number of ticks
	SELECT ind0.*, step, greatest(step, ceil(mx / step) * step) AS top
	FROM ind0, LATERAL (SELECT CASE WHEN mx <= 0.4 THEN 0.05 WHEN mx <= 0.8 THEN 0.1 ELSE 0.2 END AS step) st
),
bars AS (
	-- 264 px of labels, then 400 px for 0..top.
	SELECT coalesce(max(r), 0) AS rows,
	       coalesce(string_agg(format(
		'<g transform="translate(0,%s)"><text x="258" y="14" text-anchor="end">%s</text>%s</g>',
		(r - 1) * 24 + 10,
		pg_temp.h(CASE WHEN length(label) > 40 THEN left(label, 39) || '…' ELSE label END),
		CASE WHEN prevalence IS NULL THEN '<text x="268" y="14" class="muted">no estimate (suppressed or never recorded)</text>'
		ELSE format(
			'<rect x="264" y="3" width="%s" height="14" class="bar"><title>%s</title></rect>'
			'<line x1="%s" x2="%s" y1="10" y2="10" class="ci"/>'
			'<line x1="%s" x2="%s" y1="5" y2="15" class="ci"/><line x1="%s" x2="%s" y1="5" y2="15" class="ci"/>'
			'<text x="%s" y="14" class="val">%s</text>',
			round((400 * prevalence / top)::numeric, 1),
			pg_temp.h(label || ': ' || pg_temp.pct(prevalence) || ' [' || pg_temp.pct(ci_low) || ', '
			          || pg_temp.pct(ci_high) || ']' || coalesce(', n = ' || n, '')),
			round((264 + 400 * ci_low / top)::numeric, 1), round((264 + 400 * ci_high / top)::numeric, 1),
			round((264 + 400 * ci_low / top)::numeric, 1), round((264 + 400 * ci_low / top)::numeric, 1),
			round((264 + 400 * ci_high / top)::numeric, 1), round((264 + 400 * ci_high / top)::numeric, 1),
			round((270 + 400 * greatest(prevalence, coalesce(ci_high, prevalence)) / top)::numeric, 1),
			pg_temp.pct(prevalence)) END), E'\n' ORDER BY r), '') AS svg,
	       coalesce(max(top), 0.05) AS top, coalesce(max(step), 0.05) AS step
	FROM ind
),
axis AS (
	SELECT string_agg(format(
		'<line x1="%s" x2="%s" y1="4" y2="%s" class="grid"/><text x="%s" y="%s" text-anchor="middle" class="muted">%s</text>',
		round((264 + 400 * t * b.step / b.top)::numeric, 1), round((264 + 400 * t * b.step / b.top)::numeric, 1), b.rows * 24 + 10,
		round((264 + 400 * t * b.step / b.top)::numeric, 1), b.rows * 24 + 26,
		to_char(t * b.step * 100, 'FM990') || '%'), '' ORDER BY t) AS svg
	FROM bars b, generate_series(0, round(b.top / b.step)::int) AS t
),
tab AS (
	SELECT coalesce(string_agg(format(
		'<tr><td>%s</td><td class="num">%s</td><td class="num">%s</td><td class="num">%s</td>'
		'<td class="num">%s</td><td class="num">%s</td></tr>',
		pg_temp.h(grp), n, coalesce(round(weighted_n::numeric, 1)::text, ''),
		pg_temp.pct(prevalence),
		CASE WHEN prevalence IS NULL THEN '' ELSE pg_temp.pct(ci_low) || ' – ' || pg_temp.pct(ci_high) END,
		coalesce(to_char(mean_score, 'FM0.000'), '')), E'\n' ORDER BY prevalence DESC NULLS LAST, grp), '') AS html
	FROM migrisk_demo.report_row
),
facts AS (
	SELECT coalesce(string_agg(format('<div class="fact"><div class="fv">%s</div><div class="fl">%s</div></div>',
	                                  pg_temp.h(value), pg_temp.h(label)), E'\n' ORDER BY ord), '') AS html
	FROM migrisk_demo.report_fact
),
sources AS (
	SELECT coalesce(string_agg(format('<li><b>%s</b> (%s, %s): %s. <i>%s</i></li>',
	                                  pg_temp.h(p.name), pg_temp.h(r.kind), pg_temp.h(r.placement),
	                                  pg_temp.h(r.what), pg_temp.h(r.source)), E'\n' ORDER BY r.code), '') AS html
	FROM migrisk_demo.risk_point r JOIN migrisk_demo.place p ON p.code = r.place
),
stall AS (
	SELECT coalesce(string_agg(format('<tr class="stall"><td>%s</td><td class="num">%s</td><td class="num">%s</td>'
		'<td class="num">%s</td><td class="num">%s</td></tr>',
		pg_temp.h(place), stops, journeys, pg_temp.h(median_dwell::text), pg_temp.h(p90_dwell::text)),
		E'\n' ORDER BY stops DESC, place), '') AS html
	FROM migrisk_demo.report_stall
),
near AS (
	SELECT coalesce(string_agg(format('<tr class="near"><td>%s</td><td>%s</td><td>%s</td><td class="num">%s</td>'
		'<td class="num">%s</td></tr>',
		pg_temp.h(what), pg_temp.h(place),
		pg_temp.h(CASE WHEN starts = ends THEN starts::text ELSE starts || ' – ' || ends END),
		journeys, pg_temp.h(coalesce(median_time_near::text, ''))),
		E'\n' ORDER BY starts, what), '') AS html
	FROM migrisk_demo.report_incident
)
SELECT concat_ws(E'\n',
'<!DOCTYPE html>',
'<html lang="en"><head><meta charset="utf-8">',
'<title>' || pg_temp.h(:'report_title') || '</title>',
'<style>',
'body{font:14px/1.4 "DejaVu Sans",Arial,sans-serif;color:#222;margin:24px auto;max-width:1280px;padding:0 16px}',
'h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccc}',
'.sub,.muted{color:#666}.facts{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}',
'.fact{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:150px}',
'.fv{font-size:22px;font-weight:bold}.fl{color:#555;font-size:12px}',
'.st{stroke:#555;stroke-width:0.6;vector-effect:non-scaling-stroke}',
'.flow{fill:none;stroke:#1f5fa8;stroke-opacity:0.75;stroke-linecap:round;vector-effect:non-scaling-stroke}',
'.pt{fill:#fff;stroke:#000;stroke-width:2;vector-effect:non-scaling-stroke}',
'.bar{fill:#f03b20}.ci{stroke:#222;stroke-width:1.5}.grid{stroke:#ddd}.val{font-size:12px}',
'svg text{font-size:12px}.lbl{font-size:34px;fill:#333;paint-order:stroke;stroke:#fff;stroke-width:6px}',
'table{border-collapse:collapse;margin-top:8px}td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}',
'.num{text-align:right;font-variant-numeric:tabular-nums}',
'.cols{display:flex;flex-wrap:wrap;gap:32px}',
'li{margin-bottom:4px}',
'.ser{fill:none;stroke-width:1.6;stroke-linejoin:round}.s-ice{stroke:#d7301f}.s-upm{stroke:#2b8cbe}.s-cbp{stroke:#31a354}',
'.ct{font-weight:bold}.axis{stroke:#888}.nodata{color:#a00;font-style:italic}',
'.bg{fill:#e4e4e4;stroke:#aaa;stroke-width:0.5;vector-effect:non-scaling-stroke}',
'.route{stroke:#1f5fa8;stroke-opacity:0.55;stroke-linecap:round;vector-effect:non-scaling-stroke}',
'.ap{stroke:#fff;stroke-width:1;vector-effect:non-scaling-stroke}.ap.us{fill:#222}.ap.to{fill:#e6550d}',
'svg text.aplbl{font-size:0.55px;paint-order:stroke;stroke:#fff;stroke-width:0.1px}',
'.ds{stroke:#555;stroke-width:0.6;vector-effect:non-scaling-stroke}.dbar{fill:#756bb1}',
'</style></head><body>',
'<h1>' || pg_temp.h(:'report_title') || '</h1>',
'<div class="sub">' || pg_temp.h(:'report_subtitle') || '</div>',
'<div class="facts">', (SELECT html FROM facts), '</div>',
'<h2>' || pg_temp.h(:'report_map_title') || '</h2>',
'<p class="muted">' || pg_temp.h(:'report_map_note') || '</p>',
(SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="%s" viewBox="%s %s %s %s" role="img" aria-label="map">',
               round((1000 * h / w)::numeric), round(x0::numeric, 1), round(y0::numeric, 1),
               round(w::numeric, 1), round(h::numeric, 1)) FROM frame),
'<defs><pattern id="nodata" patternUnits="userSpaceOnUse" width="30" height="30" patternTransform="rotate(45)">'
	|| '<rect width="30" height="30" fill="#eee"/><line x1="0" y1="0" x2="0" y2="30" stroke="#bbb" stroke-width="12"/></pattern></defs>',
'<rect x="-100000" y="-100000" width="200000" height="200000" fill="#f4f8fb"/>',
(SELECT svg FROM states),
(SELECT svg FROM flows),
(SELECT svg FROM points),
(SELECT svg FROM labels),
'</svg>',
'<div><svg xmlns="http://www.w3.org/2000/svg" width="640" height="40" role="img" aria-label="legend">'
	|| (SELECT svg FROM legend) || '</svg></div>',
'<div class="cols"><div>',
'<h2>' || pg_temp.h(:'report_bars_title') || '</h2>',
(SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="730" height="%s" role="img" aria-label="indicator prevalence">',
               b.rows * 24 + 36) FROM bars b),
(SELECT svg FROM axis),
(SELECT svg FROM bars),
'</svg></div><div>',
'<h2>' || pg_temp.h(:'report_table_title') || '</h2>',
'<table><tr><th>group</th><th class="num">n</th><th class="num">weighted n</th><th class="num">any indicator</th>'
	|| '<th class="num">95% CI</th><th class="num">mean score</th></tr>',
(SELECT html FROM tab),
'</table></div></div>',
'<h2>Documented risk points</h2><ul>', (SELECT html FROM sources), '</ul>',
'<div class="cols"><div>',
'<h2>Where journeys stall</h2>',
'<p class="muted">Stops of 12 hours or more between legs (the next leg leaving within 1 km), by place; dwell: arrival to departure.</p>',
'<table><tr><th>place</th><th class="num">stops</th><th class="num">journeys</th><th class="num">median dwell</th>'
	|| '<th class="num">90th percentile</th></tr>',
(SELECT html FROM stall),
'</table></div><div>',
'<h2>Journeys near incidents</h2>',
'<p class="muted">Journeys within 10 km of the place in the two weeks either side of the incident, and the median time they spent there.</p>',
'<table><tr><th>incident</th><th>place</th><th>when</th><th class="num">journeys</th><th class="num">median time near</th></tr>',
(SELECT html FROM near),
'</table></div></div>',
(SELECT string_agg(html, E'\n' ORDER BY ord) FROM rd_html),
'<p class="muted">Generated by migrisk ' || coalesce((SELECT extversion FROM pg_extension WHERE extname = 'migrisk'), '')
	|| ' on ' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC. '
	|| 'State boundaries: Fuente: INEGI, Marco Geoestadístico 2025, simplified by geojson-mexico and transformed for migrisk '
	|| '(data/SOURCES.md). The records behind the estimates are synthetic.</p>',
'</body></html>');
\o
\pset format aligned
\pset tuples_only off
DROP TABLE report_class, rd_html, rd_series, rd_route, rd_death_state, rd_death_group;
SELECT to_regclass('pg_temp.rd_mmp') IS NOT NULL AS rd_drop_mmp \gset
\if :rd_drop_mmp
DROP TABLE rd_mmp;
\endif
