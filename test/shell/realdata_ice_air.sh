#!/bin/sh
# ICE Air loaders (load/airports.sql, load/ice_air_legs.sql) on the real
# files (data/real/ice_air/): airports with coordinates, every leg a
# route_segment of mode plane between its airports with its passengers,
# the rejects (an airport listed twice, one without coordinates, and the
# legs that need them) counted against the file by awk, mission-day
# journeys, a reload that changes nothing, another layout stopped, a
# truncated file loaded with its cut line rejected.
set -u
. "$(dirname "$0")/lib/common.sh"
cd "$(dirname "$0")/../.."
. test/shell/lib/realdata.sh
rd_setup
D=data/real/ice_air
LEGS=$D/iceair_daily_flight_legs_FY2011-2019.csv.gz
gzip -dc $LEGS > "$RD_TMP/legs.csv"

rd_load airports $D/iceair_airports_coords.csv
rd_check "airports read = lines after the header" \
	"$(rd_value "SELECT rows_read FROM realdata.load_run WHERE layout = 'airports'")" "$(($(wc -l < $D/iceair_airports_coords.csv) - 1))"
rd_check "airports rejected: SPJC listed twice, KKBL without coordinates" \
	"$(rd_value "SELECT string_agg(line_no || ': ' || reason, '; ' ORDER BY line_no) FROM realdata.load_reject WHERE layout = 'airports'")" \
	"130: AirportCode SPJC appears more than once; 170: AirportCode SPJC appears more than once; 202: airport KKBL has no coordinates"
rd_check "airports listed twice in the file (awk)" \
	"$(awk -F, 'NR > 1 { n[$2]++ } END { for (k in n) if (n[k] > 1) print k }' $D/iceair_airports_coords.csv)" SPJC

rd_load ice_air_legs $LEGS
rd_check "legs read = lines after the header" \
	"$(rd_value "SELECT rows_read FROM realdata.load_run WHERE layout = 'ice_air_legs'")" "$(($(wc -l < "$RD_TMP/legs.csv") - 1))"
rd_check "legs rejected = legs to or from SPJC or KKBL (awk)" \
	"$(rd_value "SELECT rows_rejected FROM realdata.load_run WHERE layout = 'ice_air_legs'")" \
	"$(awk -F, 'NR > 1 && ($4 == "SPJC" || $5 == "SPJC" || $4 == "KKBL" || $5 == "KKBL")' "$RD_TMP/legs.csv" | wc -l)"
rd_check "passengers loaded + on rejected legs = the file's sum (awk)" \
	"$(rd_value "SELECT (SELECT sum(passengers) FROM realdata.ice_air_leg) + (SELECT sum(split_part(line, ',', 6)::int) FROM realdata.load_reject WHERE layout = 'ice_air_legs')")" \
	"$(awk -F, 'NR > 1 { s += $6 } END { print s }' "$RD_TMP/legs.csv")"
rd_check "every leg: mode plane, from the pick-up airport to the drop-off airport" \
	"$(rd_value "SELECT (SELECT count(*) FROM realdata.ice_air_leg l JOIN realdata.airport a ON a.icao = l.pickup JOIN realdata.airport b ON b.icao = l.dropoff
	             WHERE migrisk.transport_mode(l.seg) = 'plane' AND migrisk.from_lon(l.seg) = a.lon AND migrisk.from_lat(l.seg) = a.lat
	               AND migrisk.to_lon(l.seg) = b.lon AND migrisk.to_lat(l.seg) = b.lat AND migrisk.depart(l.seg) IS NULL) = (SELECT count(*) FROM realdata.ice_air_leg)")" t
rd_check "Guatemala City (MGGT) drop-offs, passengers, FY2019 (awk)" \
	"$(rd_value "SELECT sum(passengers) FROM realdata.ice_air_leg WHERE dropoff = 'MGGT' AND mission_date BETWEEN '2018-10-01' AND '2019-09-30'")" \
	"$(awk -F, '$5 == "MGGT" && $2 >= "2018-10-01" && $2 <= "2019-09-30" { s += $6 } END { print s }' "$RD_TMP/legs.csv")"
rd_check "mission days = distinct (date, R-T) of the loaded legs (awk)" \
	"$(rd_value "SELECT count(*) FROM realdata.ice_air_mission_day")" \
	"$(awk -F, 'NR > 1 && $4 != "SPJC" && $5 != "SPJC" && $4 != "KKBL" && $5 != "KKBL" { k[$2 "," $3] = 1 } END { print length(k) }' "$RD_TMP/legs.csv")"
rd_check "mission-day journeys hold every loaded leg" \
	"$(rd_value "SELECT sum(migrisk.legs(journey)) = (SELECT count(*) FROM realdata.ice_air_leg) FROM realdata.ice_air_mission_day")" t

before=$(rd_value "SELECT md5(string_agg(t::text, '|' ORDER BY line_no)) FROM realdata.ice_air_leg t")
rd_load ice_air_legs $LEGS
rd_check "reload gives the same legs" "$(rd_value "SELECT md5(string_agg(t::text, '|' ORDER BY line_no)) FROM realdata.ice_air_leg t")" "$before"
rd_check "reload keeps one reject per line" "$(rd_value "SELECT count(*) FROM realdata.load_reject WHERE layout = 'ice_air_legs'")" 6

# the loaded tables are the user's: pg_dump keeps them with their data
pg_dump -Fc -d "$RD_DB" -f "$RD_TMP/dump" || rd_failures=$((rd_failures + 1))
psql_q -d postgres -c "DROP DATABASE IF EXISTS ${RD_DB}_r" -c "CREATE DATABASE ${RD_DB}_r"
pg_restore -d "${RD_DB}_r" "$RD_TMP/dump" || rd_failures=$((rd_failures + 1))
rd_check "after pg_dump and pg_restore: the same legs, airports, rejects and mission days" \
	"$(psql_q -d "${RD_DB}_r" -c "SELECT md5(string_agg(t::text, '|' ORDER BY line_no)) FROM realdata.ice_air_leg t") $(psql_q -d "${RD_DB}_r" -c "SELECT (SELECT count(*) FROM realdata.airport) || '/' || (SELECT count(*) FROM realdata.load_reject) || '/' || (SELECT count(*) FROM realdata.ice_air_mission_day)")" \
	"$before $(rd_value "SELECT (SELECT count(*) FROM realdata.airport) || '/' || (SELECT count(*) FROM realdata.load_reject) || '/' || (SELECT count(*) FROM realdata.ice_air_mission_day)")"
rd_check "the tables are not members of the extension" \
	"$(rd_value "SELECT count(*) FROM pg_depend d JOIN pg_class c ON c.oid = d.objid WHERE d.deptype = 'e' AND c.relnamespace = 'realdata'::regnamespace")" 0
psql_q -d postgres -c "DROP DATABASE ${RD_DB}_r"

head -200 "$RD_TMP/legs.csv" | sed '1s/AlienMasterID/Passengers/' > "$RD_TMP/renamed.csv"
rd_load_fails ice_air_legs "$RD_TMP/renamed.csv" 'line 1, column 6: expected "AlienMasterID", found "Passengers"'
head -200 "$RD_TMP/legs.csv" | cut -d, -f1-5 > "$RD_TMP/missing.csv"
rd_load_fails ice_air_legs "$RD_TMP/missing.csv" 'line 1, column 6: expected "AlienMasterID", found nothing'
rd_check "nothing loaded from them" "$(rd_value "SELECT count(*) FROM realdata.ice_air_leg WHERE source <> 'iceair_daily_flight_legs_FY2011-2019.csv.gz'")" 0

# line 200 cut after its drop-off airport's first letter
head -200 "$RD_TMP/legs.csv" > "$RD_TMP/h.csv"
head -c $(($(wc -c < "$RD_TMP/h.csv") - $(tail -1 "$RD_TMP/h.csv" | cut -d, -f5- | wc -c) + 2)) "$RD_TMP/h.csv" > "$RD_TMP/truncated.csv"
rd_load ice_air_legs "$RD_TMP/truncated.csv"
rd_check "truncated: read 199 = loaded 198 + rejected 1" \
	"$(rd_value "SELECT format('%s=%s+%s', rows_read, rows_loaded, rows_rejected) FROM realdata.load_run WHERE source = 'truncated.csv'")" "199=198+1"
rd_check "truncated: the cut line rejected" \
	"$(rd_value "SELECT line_no || ': ' || reason FROM realdata.load_reject WHERE source = 'truncated.csv'")" "200: 5 fields, expected 6"
rd_done
