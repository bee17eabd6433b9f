#!/bin/sh
# The HTML report (demo/lib/report.sql) on placeholder numbers
# (demo/lib/report_placeholder.sql): one self-contained file, every SVG
# well-formed, the 32 states drawn with the right colour classes, the
# suppressed states hatched, one bar and whisker per estimated indicator,
# one marker per documented risk point, nothing fetched from the network.
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

/usr/bin/python3 - "$tmp/report.html" "$tmp/expect" <<'PY'
import re
import sys
import xml.etree.ElementTree as ET

html = open(sys.argv[1], encoding="utf-8").read()
hatched, coloured, bars, points = open(sys.argv[2]).read().strip().split("|")[:4]
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
check(len(svgs) == 3, "three SVG figures (map, legend, bars): %d" % len(svgs))
trees = []
for s in svgs:
    try:
        trees.append(ET.fromstring(s))
    except ET.ParseError as e:
        fails.append("SVG is not well-formed XML: %s" % e)
if len(trees) == 3:
    ns = "{http://www.w3.org/2000/svg}"
    m, legend, chart = trees
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

# Darkest and lightest classes on the states with the largest and smallest value.
top=$(cut -d'|' -f5 "$tmp/expect")
bottom=$(cut -d'|' -f6 "$tmp/expect")
name_top=$(psql -X -At -d "$db" -c "SELECT name FROM migrisk_demo.state WHERE cve = '$top'")
name_bottom=$(psql -X -At -d "$db" -c "SELECT name FROM migrisk_demo.state WHERE cve = '$bottom'")
grep -q "fill=\"#bd0026\"><title>$name_top:" "$tmp/report.html" || { echo "FAILED: $name_top not in the darkest class"; exit 1; }
grep -q "fill=\"#ffffb2\"><title>$name_bottom:" "$tmp/report.html" || { echo "FAILED: $name_bottom not in the lightest class"; exit 1; }
echo "report: $name_top darkest, $name_bottom lightest"
