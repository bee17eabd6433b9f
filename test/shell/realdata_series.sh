#!/bin/sh
# Monthly series loader (load/monthly_series.sql) on IOM's compilations of
# the UPM (Mexico), Panama, Honduras and Guatemala series
# (data/real/iom_gdidata/irreg_*.csv): every row loaded, each series' total
# equal to awk's sum of its file, every nationality code named in
# migrisk.country (English and Spanish), a reload that changes nothing,
# another layout stopped, a code not in the reference table and a
# truncated file rejected line by line.
set -u
. "$(dirname "$0")/lib/common.sh"
cd "$(dirname "$0")/../.."
. test/shell/lib/realdata.sh
rd_setup
D=data/real/iom_gdidata

for s in irreg_mexico_nat irreg_mexico_exp irreg_mexico_dmg irreg_darien_nat irreg_darien_dmg \
	irreg_honduras_nat irreg_honduras_dmg irreg_guatemala; do
	rd_load monthly_series $D/$s.csv
	rd_check "$s: read = lines after the header, none rejected" \
		"$(rd_value "SELECT rows_read || '/' || rows_rejected FROM realdata.load_run WHERE source = '$s.csv'")" "$(($(wc -l < $D/$s.csv) - 1))/0"
	rd_check "$s: total = the file's sum (awk)" \
		"$(rd_value "SELECT sum(n) FROM realdata.monthly_count WHERE series = '$s'")" \
		"$(awk -F, 'NR > 1 { s += $NF } END { printf "%d", s }' $D/$s.csv)"
done
rd_check "nationality codes without English and Spanish names" \
	"$(rd_value "SELECT count(*) FROM realdata.monthly_count m LEFT JOIN migrisk.country c ON c.iso3 = m.nat_iso3 WHERE m.nat_iso3 IS NOT NULL AND (c.name_en IS NULL OR c.name_es IS NULL)")" 0
rd_check "Guatemala's rows without an origin, kept with nationality NULL (awk)" \
	"$(rd_value "SELECT count(*) FROM realdata.monthly_count WHERE series = 'irreg_guatemala' AND nat_iso3 IS NULL")" \
	"$(awk -F, 'NR > 1 && $4 == ""' $D/irreg_guatemala.csv | wc -l)"
rd_check "deportations from Mexico of Hondurans, 2019 (awk)" \
	"$(rd_value "SELECT sum(n) FROM realdata.monthly_count m JOIN migrisk.country c ON c.iso3 = m.nat_iso3 WHERE series = 'irreg_mexico_exp' AND c.name_es = 'Honduras' AND category = 'deportation' AND month BETWEEN '2019-01-01' AND '2019-12-01'")" \
	"$(awk -F, '$2 == "HND" && $3 == "deportation" && $1 ~ /^2019-/ { s += $4 } END { print s }' $D/irreg_mexico_exp.csv)"

before=$(rd_value "SELECT md5(string_agg(t::text, '|' ORDER BY source, line_no)) FROM realdata.monthly_count t")
rd_load monthly_series $D/irreg_mexico_exp.csv
rd_check "reload gives the same rows" "$(rd_value "SELECT md5(string_agg(t::text, '|' ORDER BY source, line_no)) FROM realdata.monthly_count t")" "$before"

head -100 $D/irreg_mexico_exp.csv | sed '1s/,type,/,kind,/' > "$RD_TMP/renamed.csv"
rd_load_fails monthly_series "$RD_TMP/renamed.csv" 'line 1, column 3: expected "type", found "kind"' -v series=irreg_mexico_exp
rd_load_fails monthly_series "$RD_TMP/renamed.csv" 'line 1, column 1: expected "\(a known series' 
: > "$RD_TMP/empty.csv"
rd_load_fails monthly_series "$RD_TMP/empty.csv" 'line 1 is missing or cannot be split; expected t \| nat \| type \| n' -v series=irreg_mexico_exp
rd_check "nothing loaded from them" "$(rd_value "SELECT count(*) FROM realdata.monthly_count WHERE source IN ('renamed.csv', 'empty.csv')")" 0

# a code ISO does not know (line 5), a count that is not one (line 7), and
# line 100 (2015-03,FRA,assisted return,1) cut before ",1" (the files end
# their lines in CR LF: four bytes cut): 3 fields
head -100 $D/irreg_mexico_exp.csv | sed '5s/^\([0-9-]*\),[A-Z]*,/\1,ZZZ,/; 7s/,[0-9]*\(\r\{0,1\}\)$/,2.5\1/' > "$RD_TMP/h.csv"
head -c $(($(wc -c < "$RD_TMP/h.csv") - 4)) "$RD_TMP/h.csv" > "$RD_TMP/bad.csv"
rd_load monthly_series "$RD_TMP/bad.csv" -v series=irreg_mexico_exp
rd_check "bad rows: read 99 = loaded 96 + rejected 3" \
	"$(rd_value "SELECT format('%s=%s+%s', rows_read, rows_loaded, rows_rejected) FROM realdata.load_run WHERE source = 'bad.csv'")" "99=96+3"
rd_check "bad rows, by line" \
	"$(rd_value "SELECT string_agg(line_no || ': ' || reason, '; ' ORDER BY line_no) FROM realdata.load_reject WHERE source = 'bad.csv'")" \
	"5: nationality \"ZZZ\" is not in migrisk.country; 7: n \"2.5\" is not a count; 100: 3 fields, expected 4"
rd_done
