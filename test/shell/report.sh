#!/bin/sh
# The HTML report (demo/lib/report.sql) on placeholder numbers
# (demo/lib/report_placeholder.sql): one self-contained file, every SVG
# well-formed, the 32 states drawn with the right colour classes, the
# suppressed states hatched, one bar and whisker per estimated indicator,
# one marker per documented risk point, nothing fetched from the network;
# one table row per place where journeys stall and per incident;
# the real-data panels: one line per country and source, one line per
# removal route and dot per airport, the states with deaths shaded, one
# bar per corridor and route; without real data the panels say so.
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
db=migrisk_report_$$
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
createdb "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'CREATE EXTENSION postgis' \
	-f demo/lib/geography.sql -f demo/lib/report_placeholder.sql \
	-v report_file="$tmp/report.html" -f demo/lib/report.sql

# What the placeholders say, from the database, to compare with the file.
psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "
	SELECT count(*) FILTER (WHERE value IS NULL), count(*) FILTER (WHERE value IS NOT NULL),
	       (SELECT count(*) FROM migrisk_demo.report_indicator WHERE prevalence IS NOT NULL),
	       (SELECT count(*) FROM migrisk_demo.report_point),
	       (SELECT cve FROM migrisk_demo.report_state WHERE value IS NOT NULL ORDER BY value DESC, cve LIMIT 1),
	       (SELECT cve FROM migrisk_demo.report_state WHERE value IS NOT NULL ORDER BY value, cve LIMIT 1)
	FROM migrisk_demo.report_state" > "$tmp/expect"
# and for the real-data panels
psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "
	WITH top AS (SELECT iso3 FROM migrisk_demo.report_series GROUP BY iso3
	             ORDER BY sum(n) FILTER (WHERE source = 'ice') DESC NULLS LAST, sum(n) DESC, iso3 LIMIT 4),
	     r AS (SELECT * FROM migrisk_demo.report_route WHERE passengers > 0)
	SELECT (SELECT count(DISTINCT (iso3, source)) FROM migrisk_demo.report_series WHERE iso3 IN (SELECT iso3 FROM top)),
	       (SELECT count(*) FROM top),
	       (SELECT count(*) FROM r),
	       (SELECT count(DISTINCT a) FROM r, LATERAL (VALUES (pickup), (dropoff)) v(a)),
	       (SELECT count(*) FROM migrisk_demo.report_death_state d JOIN migrisk_demo.state_map m USING (cve) WHERE d.dead > 0),
	       (SELECT count(*) FROM migrisk_demo.report_death_group)" > "$tmp/expect_rd"

/usr/bin/python3 - "$tmp/report.html" "$tmp/expect" "$tmp/expect_rd" <<'PY'
import re
import sys
import xml.etree.ElementTree as ET

html = open(sys.argv[1], encoding="utf-8").read()
hatched, coloured, bars, points = open(sys.argv[2]).read().strip().split("|")[:4]
series, countries, routes, airports, dead_states, groups = map(int, open(sys.argv[3]).read().strip().split("|"))
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)


check(html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>"), "a whole HTML document")
for bad in ("<script", "src=", "href=", "@import", "<link"):
    check(bad not in html, "no %s (self-contained, offline)" % bad)
check(re.findall(r"https?://[^\"' <]+", html) == ["http://www.w3.org/2000/svg"] * html.count("http://www.w3.org/2000/svg"),
      "the only URL is the SVG namespace")

svgs = re.findall(r"<svg .*?</svg>", html, re.S)
check(len(svgs) == 8, "eight SVG figures (map, legend, bars; series, routes, deaths map, legend, bars): %d" % len(svgs))
trees = []
for s in svgs:
    try:
        trees.append(ET.fromstring(s))
    except ET.ParseError as e:
        fails.append("SVG is not well-formed XML: %s" % e)
ns = "{http://www.w3.org/2000/svg}"
if len(trees) == 8:
    sm, routemap, dmap, dlegend, dbars = trees[3:]
    check(sm.get("aria-label") == "removals by month", "small multiples after the risk points")
    lines = list(sm.iter(ns + "polyline"))
    check(len(lines) == series, "one line per country and source of the top countries: %d, expected %d" % (len(lines), series))
    check(len(sm.findall(ns + "g")) == countries, "one small multiple per top country")
    check(all(len(l.get("points").split()) >= 12 for l in lines), "a point per month")
    check(all(l.get("class", "").startswith("ser s-") for l in lines), "lines classed by source")
    rl = [l for l in routemap.iter(ns + "line") if l.get("class") == "route"]
    check(len(rl) == routes, "one line per removal route with passengers: %d, expected %d" % (len(rl), routes))
    w = [float(l.get("stroke-width")) for l in rl]
    check(w == sorted(w) and w[-1] == 10.0 and w[0] < 3, "line width by passengers, thickest on top: %s" % w)
    ap = [c for c in routemap.iter(ns + "circle") if "ap" in c.get("class", "").split()]
    check(len(ap) == airports, "one dot per airport: %d, expected %d" % (len(ap), airports))
    check(len([p for p in routemap.iter(ns + "path") if p.get("class") == "bg"]) == 32, "Mexico's states behind the routes")
    ds = [p for p in dmap.iter(ns + "path") if p.get("class") == "ds"]
    check(len(ds) == 32, "32 states in the deaths map")
    check(sum(p.get("fill") != "#ffffff" for p in ds) == dead_states, "shaded states = states with deaths")
    check(len(dlegend.findall(ns + "rect")) == 6, "deaths legend: five classes and none")
    check(len([r for r in dbars.iter(ns + "rect") if r.get("class") == "dbar"]) == groups, "one bar per corridor and route")
    check(html.count('class="nodata"') == 0, "no 'no real data' notes with placeholder rows")
if len(trees) == 8:
    m, legend, chart = trees[:3]
    states = [p for p in m.iter(ns + "path") if p.get("class") == "st"]
    check(len(states) == 32, "32 state outlines: %d" % len(states))
    check(sum(p.get("fill") == "url(#nodata)" for p in states) == int(hatched), "hatched states = suppressed ones")
    check(sum(p.get("fill", "").startswith("#") for p in states) == int(coloured), "coloured states = estimated ones")
    check(all(p.get("d", "").startswith("M ") for p in states), "paths drawn by ST_AsSVG")
    check(len([c for c in m.iter(ns + "circle")]) == int(points), "one marker per risk point")
    check(len([p for p in m.iter(ns + "path") if p.get("class") == "flow"]) > 0, "flow lines")
    vb = [float(x) for x in m.get("viewBox").split()]
    check(vb[1] < 0 and vb[2] > 2500 and vb[3] > 1500, "viewBox in km with y flipped: %s" % vb)
    check(len(legend.findall(ns + "rect")) == 6, "legend: five classes and the hatch")
    rects = [r for r in chart.iter(ns + "rect") if r.get("class") == "bar"]
    check(len(rects) == int(bars), "one bar per estimated indicator: %d" % len(rects))
    check(len([l for l in chart.iter(ns + "line") if l.get("class") == "ci"]) == 3 * int(bars), "a whisker and two caps per bar")
    widths = [float(r.get("width")) for r in rects]
    check(widths == sorted(widths, reverse=True), "bars sorted by prevalence")
check("placeholder" in html, "the notes of the placeholder rows")
if fails:
    print("\n".join("FAILED: " + f for f in fails))
    sys.exit(1)
print("report: %d bytes, checks passed" % len(html))
PY

# Where journeys stall and journeys near incidents: one table row per row of
# report_stall and report_incident.
want_stall=$(psql -X -At -d "$db" -c "SELECT count(*) FROM migrisk_demo.report_stall")
want_near=$(psql -X -At -d "$db" -c "SELECT count(*) FROM migrisk_demo.report_incident")
got_stall=$(grep -c '<tr class="stall">' "$tmp/report.html" || true)
got_near=$(grep -c '<tr class="near">' "$tmp/report.html" || true)
[ "$got_stall" = "$want_stall" ] && [ "$got_near" = "$want_near" ] && [ "$want_stall" -gt 0 ] || {
	echo "FAILED: journeys tables: $got_stall stall rows (expected $want_stall), $got_near incident rows (expected $want_near)"
	exit 1
}
echo "report: $got_stall places where journeys stall, $got_near incidents"

# Darkest and lightest classes on the states with the largest and smallest value.
top=$(cut -d'|' -f5 "$tmp/expect")
bottom=$(cut -d'|' -f6 "$tmp/expect")
name_top=$(psql -X -At -d "$db" -c "SELECT name FROM migrisk_demo.state WHERE cve = '$top'")
name_bottom=$(psql -X -At -d "$db" -c "SELECT name FROM migrisk_demo.state WHERE cve = '$bottom'")
grep -q "fill=\"#bd0026\"><title>$name_top:" "$tmp/report.html" || { echo "FAILED: $name_top not in the darkest class"; exit 1; }
grep -q "fill=\"#ffffb2\"><title>$name_bottom:" "$tmp/report.html" || { echo "FAILED: $name_bottom not in the lightest class"; exit 1; }
echo "report: $name_top darkest, $name_bottom lightest"

# Without the real-data inputs (no placeholder rows, no schema realdata):
# the three panels say so and the rest is drawn as before.
psql -X -q -v ON_ERROR_STOP=1 -d "$db" \
	-c 'DROP VIEW migrisk_demo.report_series, migrisk_demo.report_route, migrisk_demo.report_death_state, migrisk_demo.report_death_group' \
	-v report_file="$tmp/bare.html" -f demo/lib/report.sql
n_nodata=$(grep -c 'class="nodata">No real data loaded' "$tmp/bare.html" || true)
n_svg=$(grep -o '<svg ' "$tmp/bare.html" | wc -l)
n_h2=$(grep -c '<section id="rd-' "$tmp/bare.html" || true)
[ "$n_nodata" = 3 ] && [ "$n_svg" = 3 ] && [ "$n_h2" = 3 ] || {
	echo "FAILED: without real data: $n_nodata 'no real data' notes, $n_svg SVGs, $n_h2 panels (expected 3, 3, 3)"; exit 1; }
echo "report: without real data the three panels say so"
