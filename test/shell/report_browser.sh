#!/bin/sh
# The HTML report (demo/lib/report.sql, on the placeholders of
# demo/lib/report_placeholder.sql) opened in a real browser: headless
# Chromium (Debian chromium) loads the file:// URL with the network off (a
# network namespace of its own when unshare -n works, and a proxy that
# does not exist in any case), and the test checks the rendered page:
#   - every panel's heading, in order;
#   - every figure laid out with a size, the maps drawn: each state
#     outline, flow, route line and airport dot with a rendered box, as
#     many as the placeholder rows say;
#   - no script error and nothing fetched: the report has no script of
#     its own, so the test adds a probe to a copy (window.onerror and
#     unhandled rejections recorded on <body>, the measurements written
#     into the DOM, which --dump-dom returns), and reads the console
#     (--enable-logging=stderr) for "Uncaught" and console errors;
#   - a screenshot of the whole page, not blank (more than 20 kB);
# and that these checks fail on a page with a panel removed and on a page
# with a script error.  Without chromium: skipped, unless
# MIGRISK_REQUIRE_CHROMIUM=1 (make test sets it).  REPORT_SCREENSHOT=FILE
# keeps the screenshot.
set -eu
cd "$(dirname "$0")/../.."

browser=$(command -v chromium || true)
if [ -z "$browser" ]; then
	echo "report_browser: chromium not installed (Debian package chromium): report NOT checked in a browser"
	[ "${MIGRISK_REQUIRE_CHROMIUM:-0}" = 1 ] && exit 1
	exit 0
fi

tmp=$(mktemp -d)
db=migrisk_report_browser_$$
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
createdb "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'CREATE EXTENSION postgis' \
	-f demo/lib/geography.sql -f demo/lib/report_placeholder.sql \
	-v report_file="$tmp/report.html" -f demo/lib/report.sql

# What the page must show, from the database.
psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "
	WITH top AS (SELECT iso3 FROM migrisk_demo.report_series GROUP BY iso3
	             ORDER BY sum(n) FILTER (WHERE source = 'ice') DESC NULLS LAST, sum(n) DESC, iso3 LIMIT 4),
	     r AS (SELECT * FROM migrisk_demo.report_route WHERE passengers > 0),
	     f AS (SELECT flow FROM migrisk_demo.report_flow WHERE flow > 0)
	SELECT json_build_object(
		'states', (SELECT count(*) FROM migrisk_demo.state_map),
		'flows', (SELECT count(*) FROM f WHERE flow >= 0.02 * (SELECT max(flow) FROM f)),
		'points', (SELECT count(*) FROM migrisk_demo.report_point),
		'bars', (SELECT count(*) FROM migrisk_demo.report_indicator WHERE prevalence IS NOT NULL),
		'series', (SELECT count(DISTINCT (iso3, source)) FROM migrisk_demo.report_series WHERE iso3 IN (SELECT iso3 FROM top)),
		'routes', (SELECT count(*) FROM r),
		'airports', (SELECT count(DISTINCT a) FROM r, LATERAL (VALUES (pickup), (dropoff)) v(a)),
		'dead_states', (SELECT count(*) FROM migrisk_demo.report_death_state d
		                JOIN migrisk_demo.state_map m USING (cve) WHERE d.dead > 0),
		'dbars', (SELECT count(*) FROM migrisk_demo.report_death_group))" > "$tmp/expect.json"

# The probe: first thing in <head>, the error recorder; last thing in
# <body>, the measurements (getBBox forces the layout).
cat > "$tmp/head.js" <<'JS'
<script>
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push('error: ' + (e.message || e.type)); });
window.addEventListener('unhandledrejection', function (e) { window.__errors.push('rejection: ' + e.reason); });
</script>
JS
cat > "$tmp/tail.js" <<'JS'
<script>
(function () {
	function drawn(sel) {
		var n = 0;
		document.querySelectorAll(sel).forEach(function (el) {
			var b = el.getBBox(), r = el.getBoundingClientRect();
			if ((b.width > 0 || b.height > 0) && (r.width > 0 || r.height > 0)) n++;
		});
		return n;
	}
	var out = {};
	out.h2 = Array.prototype.map.call(document.querySelectorAll('h2'), function (h) { return h.textContent; });
	out.panels = Array.prototype.map.call(document.querySelectorAll('section[id]'), function (s) { return s.id; });
	out.figures = Array.prototype.map.call(document.querySelectorAll('svg'), function (s) {
		var r = s.getBoundingClientRect();
		return [s.getAttribute('aria-label'), Math.round(r.width), Math.round(r.height)];
	});
	out.states = drawn('path.st');
	out.flows = drawn('path.flow');
	out.points = drawn('circle.pt');
	out.bars = drawn('rect.bar');
	out.series = drawn('#rd-series polyline.ser');
	out.routes = drawn('#rd-routes line.route');
	out.airports = drawn('#rd-routes circle.ap');
	out.route_bg = drawn('#rd-routes path.bg');
	out.dstates = drawn('#rd-deaths path.ds');
	out.dead_states = Array.prototype.filter.call(document.querySelectorAll('#rd-deaths path.ds'),
		function (p) { return p.getAttribute('fill') !== '#ffffff'; }).length;
	out.dbars = drawn('#rd-deaths rect.dbar');
	out.nodata = document.querySelectorAll('.nodata').length;
	out.resources = performance.getEntriesByType('resource').map(function (e) { return e.name; });
	var pre = document.createElement('pre');
	pre.id = 'probe';
	pre.textContent = JSON.stringify(out);
	document.body.appendChild(pre);
	document.body.setAttribute('data-probe', 'ran');
	document.body.setAttribute('data-errors', JSON.stringify(window.__errors));
})();
</script>
JS

# A copy of the report with the probe: $1 the report, $2 the copy.
probe() {
	/usr/bin/python3 - "$1" "$2" "$tmp/head.js" "$tmp/tail.js" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
head, tail = open(sys.argv[3]).read(), open(sys.argv[4]).read()
assert html.count("<head>") == 1 and html.count("</body>") == 1
html = html.replace("<head>", "<head>" + head, 1).replace("</body>", tail + "</body>", 1)
open(sys.argv[2], "w", encoding="utf-8").write(html)
PY
}

# Chromium on $1 (a file), network off: its DOM to $2.dom, its log to
# $2.log, a screenshot to $2.png.
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
	netoff="unshare -n"
	how="own network namespace (no interface but a down loopback)"
else
	netoff=""
	how="proxy 127.0.0.1:9 (nothing listens)"
fi
open_page() {
	for what in dom png; do
		profile=$(mktemp -d "$tmp/profile.XXXXXX")
		if [ $what = dom ]; then out="--dump-dom"; else out="--screenshot=$2.png --window-size=1300,5200 --hide-scrollbars"; fi
		# shellcheck disable=SC2086
		timeout 60 $netoff "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
			--no-first-run --disable-background-networking --disable-component-update \
			--disable-sync --disable-extensions --user-data-dir="$profile" \
			--proxy-server=127.0.0.1:9 --proxy-bypass-list='<-loopback>' \
			--enable-logging=stderr --v=0 $out "file://$1" \
			> "$2.$what.out" 2> "$2.$what.log" || { echo "report_browser: chromium failed ($what):"; tail -5 "$2.$what.log"; return 1; }
	done
	mv "$2.dom.out" "$2.dom"
	cat "$2.dom.log" "$2.png.log" > "$2.log"
}

# Checks the rendered page $1 (the prefix of open_page); exit 1 on failure.
check_page() {
	/usr/bin/python3 - "$1" "${2:-$tmp/expect.json}" <<'PY'
import json
import os
import re
import sys

prefix = sys.argv[1]
exp = json.load(open(sys.argv[2]))
dom = open(prefix + ".dom", encoding="utf-8").read()
log = open(prefix + ".log", encoding="utf-8", errors="replace").read()
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)


m = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
check(re.search(r'<body[^>]* data-probe="ran"', dom) is not None and m, "the probe ran (scripts run, the DOM is the rendered one)")
p = json.loads(m.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")) if m else {}
e = re.search(r'<body[^>]* data-errors="([^"]*)"', dom)
errors = json.loads(e.group(1).replace("&quot;", '"').replace("&amp;", "&")) if e else ["no data-errors on <body>"]
check(errors == [], "no script errors: %s" % errors)
console = [l for l in log.splitlines() if "CONSOLE" in l or "Uncaught" in l]
check(not [l for l in console if "Uncaught" in l or ":ERROR:CONSOLE" in l or "ERROR:CONSOLE" in l],
      "no errors in the console: %s" % console[:5])
check(p.get("resources", None) == [], "nothing fetched: %s" % p.get("resources"))

h2 = p.get("h2", [])
want = [
    "Risk by state, with the main corridors",
    "Indicator prevalence, 95% confidence intervals",
    "Risk by group",
    "Documented risk points",
    "Where journeys stall",
    "Journeys near incidents",
    "Removals by citizenship and month, with Mexico's deportations and CBP encounters",
    "Removal flights: ICE Air routes from US airports to Mexico and Central America",
    "Missing Migrants: dead and missing by Mexican state, corridor and route",
]
check(h2 == want, "every panel's heading, in order: %s" % h2)
check(p.get("panels") == ["rd-series", "rd-routes", "rd-deaths"], "the three real-data panels: %s" % p.get("panels"))
figs = {f[0]: f[1:] for f in p.get("figures", [])}
for label in ("map", "legend", "indicator prevalence", "removals by month", "removal flights",
              "deaths by state", "legend of deaths", "deaths by corridor and route"):
    w, h = figs.get(label, (0, 0))
    check(w >= 300 and h >= 30, "figure %r laid out with a size: %sx%s" % (label, w, h))
check(figs.get("map", [0])[0] == 1000 and figs.get("removal flights", [0])[0] == 1000, "the maps 1000 px wide")
for key, got in (("states", "states"), ("flows", "flows"), ("points", "points"), ("bars", "bars"),
                 ("series", "series"), ("routes", "routes"), ("airports", "airports"),
                 ("states", "route_bg"), ("states", "dstates"), ("dead_states", "dead_states"), ("dbars", "dbars")):
    if key in exp:
        check(p.get(got) == exp[key] and exp[key] > 0, "%s drawn: %s, expected %s" % (got, p.get(got), exp[key]))
check(p.get("nodata") == 0, "no 'no real data' notes with the placeholder rows")
png = prefix + ".png"
size = os.path.getsize(png) if os.path.exists(png) else 0
check(size > 20000 and open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n", "a screenshot of more than 20 kB: %d bytes" % size)
if fails:
    print("\n".join("FAILED: " + f for f in fails))
    sys.exit(1)
print("report_browser: %d headings, %d figures, %d states, %d routes, %d airports, %d series lines drawn; "
      "no script errors, nothing fetched; screenshot %d bytes" % (
          len(h2), len(figs), p["states"], p["routes"], p["airports"], p["series"], size))
PY
}

probe "$tmp/report.html" "$tmp/page.html"
open_page "$tmp/page.html" "$tmp/page"
echo "report_browser: $("$browser" --version 2>/dev/null | cut -d" " -f1-2), network off: $how"
check_page "$tmp/page" || { tail -20 "$tmp/page.log"; exit 1; }
if [ -n "${REPORT_SCREENSHOT:-}" ]; then
	cp "$tmp/page.png" "$REPORT_SCREENSHOT"
	echo "report_browser: screenshot kept in $REPORT_SCREENSHOT"
fi

# The same on the real files (the demo's chapter 88 loads these; about
# 10 s), when migrisk is installed: the real-data panels from schema
# realdata instead of the placeholder rows.
if psql -X -q -d "$db" -c 'CREATE EXTENSION migrisk' >/dev/null 2>&1 && [ -f data/real/ice_air/iceair_airports_coords.csv ]; then
	real=data/real
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" \
		-c 'DROP VIEW migrisk_demo.report_series, migrisk_demo.report_route, migrisk_demo.report_death_state, migrisk_demo.report_death_group'
	for f in ice_removals:ice_removals/ICERemovals_FY2018.csv.gz airports:ice_air/iceair_airports_coords.csv \
		ice_air_legs:ice_air/iceair_daily_flight_legs_FY2011-2019.csv.gz \
		cbp_encounters:cbp_encounters/cbp-nationwide-encounters-fy20-fy23-state.csv.gz \
		monthly_series:iom_gdidata/irreg_mexico_exp.csv missing_migrants:iom_gdidata/iom_mmp.csv.gz; do
		psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v file="$real/${f#*:}" -f "load/${f%%:*}.sql" > /dev/null
	done
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v report_file="$tmp/real.html" -f demo/lib/report.sql
	# what the panels must draw, restated from the loaded tables
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "
		WITH s AS (SELECT citizenship_iso3 AS iso3, 'ice' AS source, count(*) AS n FROM realdata.ice_removal
		           WHERE removal_date IS NOT NULL AND citizenship_iso3 IS NOT NULL GROUP BY 1
		           UNION ALL
		           SELECT nat_iso3, 'upm', sum(n) FROM realdata.monthly_count
		           WHERE series = 'irreg_mexico_exp' AND nat_iso3 IS NOT NULL
		             AND (category = 'deportation' OR category LIKE 'assisted return%') GROUP BY 1
		           UNION ALL
		           SELECT citizenship_iso3, 'cbp', sum(encounters) FROM realdata.cbp_encounter
		           WHERE citizenship_iso3 IS NOT NULL GROUP BY 1),
		     top AS (SELECT iso3 FROM s GROUP BY iso3
		             ORDER BY sum(n) FILTER (WHERE source = 'ice') DESC NULLS LAST, sum(n) DESC, iso3 LIMIT 4),
		     r AS (SELECT l.pickup, l.dropoff FROM realdata.ice_air_leg l
		           JOIN realdata.airport a ON a.icao = l.pickup JOIN realdata.airport b ON b.icao = l.dropoff
		           WHERE l.kind = 'R' AND l.pickup LIKE 'K%' AND l.dropoff ~ '^M[MGHSNRPZ]'
		           GROUP BY 1, 2 HAVING sum(l.passengers) > 0),
		     mx AS (SELECT st.cve, i.route, i.geom FROM realdata.missing_migrant_incident i
		            JOIN migrisk_demo.state st ON ST_Intersects(st.geom, i.geom) WHERE i.dead_and_missing > 0)
		SELECT json_build_object(
			'states', 32,
			'series', (SELECT count(*) FROM s WHERE iso3 IN (SELECT iso3 FROM top)),
			'routes', (SELECT count(*) FROM r),
			'airports', (SELECT count(DISTINCT a) FROM r, LATERAL (VALUES (pickup), (dropoff)) v(a)),
			'dead_states', (SELECT count(DISTINCT cve) FROM mx),
			'dbars', (SELECT count(DISTINCT coalesce(route, '(no route given)')) FROM mx)
			         + (SELECT count(*) FROM migrisk_demo.corridor c
			            WHERE EXISTS (SELECT 1 FROM mx WHERE ST_DWithin(c.geom::geography, mx.geom::geography, 10000))))" \
		> "$tmp/expect_real.json"
	probe "$tmp/real.html" "$tmp/real.page.html"
	open_page "$tmp/real.page.html" "$tmp/real"
	echo "report_browser: on the real files:"
	check_page "$tmp/real" "$tmp/expect_real.json" || { tail -20 "$tmp/real.log"; exit 1; }
	if [ -n "${REPORT_SCREENSHOT:-}" ]; then
		cp "$tmp/real.png" "${REPORT_SCREENSHOT%.png}_real.png"
		echo "report_browser: screenshot kept in ${REPORT_SCREENSHOT%.png}_real.png"
	fi
else
	echo "report_browser: migrisk not installed or data/real missing: the real files NOT drawn"
fi

# The checks can fail: the same page without the routes panel, and with a
# script error, must not pass.
/usr/bin/python3 - "$tmp/report.html" "$tmp/cut.html" "$tmp/bad.html" <<'PY'
import re
import sys
html = open(sys.argv[1], encoding="utf-8").read()
cut = re.sub(r'<section id="rd-routes">.*?</section>', "", html, count=1, flags=re.S)
assert cut != html
open(sys.argv[2], "w", encoding="utf-8").write(cut)
open(sys.argv[3], "w", encoding="utf-8").write(html.replace("</body>", "<script>undefined_function_of_the_test();</script></body>", 1))
PY
for variant in cut bad; do
	probe "$tmp/$variant.html" "$tmp/$variant.page.html"
	open_page "$tmp/$variant.page.html" "$tmp/$variant"
	if check_page "$tmp/$variant" > "$tmp/$variant.check" 2>&1; then
		echo "FAILED: the checks passed on the page with $variant"
		exit 1
	fi
	echo "report_browser: the page with $variant fails as it must: $(grep -c FAILED "$tmp/$variant.check") checks, e.g. $(grep FAILED "$tmp/$variant.check" | head -1)"
done
