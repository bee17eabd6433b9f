#!/bin/sh
# Missing Migrants loader (load/missing_migrants.sql) on IOM's incidents
# (data/real/iom_gdidata/iom_mmp.csv.gz): records counted as Python's csv
# module counts them (one location holds a line break), dead and missing
# summed against it, the rejects (negative survivor counts) by line,
# points usable as documented risk points, a reload that changes nothing,
# another layout stopped, a truncated file with its cut line rejected.
set -u
. "$(dirname "$0")/lib/common.sh"
cd "$(dirname "$0")/../.."
. test/shell/lib/realdata.sh
rd_setup
F=data/real/iom_gdidata/iom_mmp.csv.gz
gzip -dc $F > "$RD_TMP/mmp.csv"

rd_load missing_migrants $F
# a second reading of the file: Python's csv module
py=$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))[1:]
ok = [r for r in rows if not (r[7] and r[7].startswith("-"))]
print(len(rows), len(ok), sum(int(r[5]) for r in ok), sum(1 for r in ok if r[4] == "MEX"))
' "$RD_TMP/mmp.csv")
rd_check "records read, loaded; dead and missing; incidents in Mexico (as Python's csv reads them)" \
	"$(rd_value "SELECT r.rows_read || ' ' || r.rows_loaded || ' ' || (SELECT sum(dead_and_missing) FROM realdata.missing_migrant_incident) || ' ' || (SELECT count(*) FROM realdata.missing_migrant_incident WHERE country_iso3 = 'MEX') FROM realdata.load_run r WHERE layout = 'missing_migrants'")" "$py"
rd_check "a location with a line break, kept whole" \
	"$(rd_value "SELECT line_no FROM realdata.missing_migrant_incident WHERE location LIKE E'%\\n%'")" 533
rd_check "rejected: negative survivor counts" \
	"$(rd_value "SELECT string_agg(line_no || ': ' || reason, '; ' ORDER BY line_no) FROM realdata.load_reject WHERE layout = 'missing_migrants'")" \
	'1697: surv "-1" is not a count; 8650: surv "-1" is not a count; 8652: surv "-1" is not a count; 8656: surv "-1" is not a count; 8745: surv "-2" is not a count'
rd_check "risk points within 10 km of Tapachula (-92.2633 14.9056), dead and missing" \
	"$(rd_value "SELECT count(*) || ' ' || coalesce(sum(dead_and_missing), 0) FROM realdata.missing_migrant_risk_point WHERE ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(-92.2633, 14.9056), 4326)::geography, 10000)")" \
	"$(python3 -c '
import csv, math, sys
n = d = 0
for r in list(csv.reader(open(sys.argv[1], newline="")))[1:]:
    if r[7].startswith("-"): continue
    lon, lat = float(r[10]), float(r[11])
    # haversine on a sphere of radius 6371.0088 km; no incident sits near 10 km
    p1, p2 = math.radians(14.9056), math.radians(lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon + 92.2633) / 2) ** 2
    if 2 * 6371.0088 * math.asin(math.sqrt(h)) <= 10:
        n += 1; d += int(r[5])
print(n, d)' "$RD_TMP/mmp.csv")"

before=$(rd_value "SELECT md5(string_agg(t::text, '|' ORDER BY line_no)) FROM realdata.missing_migrant_incident t")
rd_load missing_migrants $F
rd_check "reload gives the same rows" "$(rd_value "SELECT md5(string_agg(t::text, '|' ORDER BY line_no)) FROM realdata.missing_migrant_incident t")" "$before"

head -50 "$RD_TMP/mmp.csv" | sed '1s/,dead,/,deaths,/' > "$RD_TMP/renamed.csv"
rd_load_fails missing_migrants "$RD_TMP/renamed.csv" 'line 1, column 6: expected "dead", found "deaths"'
rd_check "nothing loaded from it" "$(rd_value "SELECT count(*) FROM realdata.missing_migrant_incident WHERE source = 'renamed.csv'")" 0
# line 50 cut inside its quoted location
head -50 "$RD_TMP/mmp.csv" > "$RD_TMP/h.csv"
head -c $(($(wc -c < "$RD_TMP/h.csv") - $(tail -1 "$RD_TMP/h.csv" | sed 's/^[^"]*"//' | wc -c) + 5)) "$RD_TMP/h.csv" > "$RD_TMP/truncated.csv"
rd_load missing_migrants "$RD_TMP/truncated.csv"
rd_check "truncated: read 49 = loaded 48 + rejected 1" \
	"$(rd_value "SELECT format('%s=%s+%s', rows_read, rows_loaded, rows_rejected) FROM realdata.load_run WHERE source = 'truncated.csv'")" "49=48+1"
rd_check "truncated: the cut line, an open quote in field 10" \
	"$(rd_value "SELECT line_no || ': ' || (reason LIKE 'a quoted field is not closed before the end of the line (field 10, %') FROM realdata.load_reject WHERE source = 'truncated.csv'")" "50: true"
rd_done
