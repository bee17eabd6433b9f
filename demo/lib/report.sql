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

\pset format unaligned
\pset tuples_only on
\pset footer off
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
'<p class="muted">Generated by migrisk ' || coalesce((SELECT extversion FROM pg_extension WHERE extname = 'migrisk'), '')
	|| ' on ' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC. '
	|| 'State boundaries: Fuente: INEGI, Marco Geoestadístico 2025, simplified by geojson-mexico and transformed for migrisk '
	|| '(data/SOURCES.md). The records behind the estimates are synthetic.</p>',
'</body></html>');
\o
\pset format aligned
\pset tuples_only off
DROP TABLE report_class;
