#!/bin/sh
# ICE removals loader (load/ice_removals.sql) on the real FY2017 and FY2018
# files (data/real/ice_removals/): every line loaded, the redactions kept
# as codes, the totals by country of citizenship equal to those ICE
# published (data/real/ice_air/FY2017andFY2018ICERemovalsbyCountryofCitizenship.csv),
# a reload that changes nothing, files of another layout stopped before
# anything is loaded, and a truncated file loaded with its cut line rejected.
set -u
. "$(dirname "$0")/lib/common.sh"
cd "$(dirname "$0")/../.."
. test/shell/lib/realdata.sh
rd_setup
D=data/real/ice_removals
PUB=data/real/ice_air/FY2017andFY2018ICERemovalsbyCountryofCitizenship.csv

rd_load ice_removals $D/ICERemovals_FY2017.csv.gz
rd_load ice_removals $D/ICERemovals_FY2018.csv.gz

# lines in the file after the six banner and header lines (a second count)
for fy in 2017 2018; do
	lines=$(gzip -dc $D/ICERemovals_FY$fy.csv.gz | tail -n +7 | wc -l)
	rd_check "FY$fy rows read = data lines of the file" \
		"$(rd_value "SELECT rows_read FROM realdata.load_run WHERE source = 'ICERemovals_FY$fy.csv.gz'")" "$lines"
	rd_check "FY$fy rows read = loaded + rejected, none rejected" \
		"$(rd_value "SELECT rows_read = rows_loaded + rows_rejected AND rows_rejected = 0 FROM realdata.load_run WHERE source = 'ICERemovals_FY$fy.csv.gz'")" t
	# the published total, summed by awk from ICE's table
	col=$((fy - 2015))
	pub=$(awk -F, -v c=$col 'NR > 1 { s += $c } END { print s }' $PUB)
	rd_check "FY$fy removals = ICE's published total" \
		"$(rd_value "SELECT count(*) FROM realdata.ice_removal WHERE source = 'ICERemovals_FY$fy.csv.gz'")" "$pub"
	# threat levels redacted (B)(7)(E): counted in the file by grep
	red=$(gzip -dc $D/ICERemovals_FY$fy.csv.gz | grep -c '|"(B)(7)(E) "|')
	rd_check "FY$fy threat levels redacted, code kept" \
		"$(rd_value "SELECT count(*) FROM realdata.ice_removal WHERE source = 'ICERemovals_FY$fy.csv.gz' AND threat_level_redaction = '(B)(7)(E)' AND threat_level IS NULL")" "$red"
done
rd_check "every birth date redacted (B)(6);(B)(7)(C), none guessed" \
	"$(rd_value "SELECT count(*) FILTER (WHERE birth_date IS NULL AND birth_date_redaction = '(B)(6);(B)(7)(C)') = count(*) FROM realdata.ice_removal")" t

# by country of citizenship: both sides through migrisk.country_iso3 (ICE
# writes CHINA in one table and CHINA, PEOPLES REPUBLIC OF in the other)
psql_q -d "$RD_DB" -c "CREATE TABLE pub (country text, fy2017 bigint, fy2018 bigint)" \
	-c "\\copy pub FROM '$PUB' WITH (FORMAT csv, HEADER true)"
# KOREA alone has no code: ICE does not say which Korea (both sides keep the name)
rd_check "countries in ICE's table without a code" \
	"$(rd_value "SELECT string_agg(country, ', ') FROM pub WHERE migrisk.country_iso3(country) IS NULL")" KOREA
rd_check "countries whose FY2017 or FY2018 count differs from ICE's table" \
	"$(rd_value "WITH l AS (SELECT coalesce(citizenship_iso3, citizenship) AS k,
	                             count(*) FILTER (WHERE source ~ '2017') AS n17,
	                             count(*) FILTER (WHERE source ~ '2018') AS n18
	                      FROM realdata.ice_removal GROUP BY 1),
	                  p AS (SELECT coalesce(migrisk.country_iso3(country), country) AS k, sum(fy2017) AS n17, sum(fy2018) AS n18
	                        FROM pub GROUP BY 1)
	             SELECT count(*) FROM p FULL JOIN l USING (k)
	             WHERE coalesce(p.n17, 0) <> coalesce(l.n17, 0) OR coalesce(p.n18, 0) <> coalesce(l.n18, 0)")" 0

# reload: the same rows, one load_run row per source
before=$(rd_value "SELECT md5(string_agg(t::text, '|' ORDER BY line_no)) FROM realdata.ice_removal t WHERE source = 'ICERemovals_FY2017.csv.gz'")
rd_load ice_removals $D/ICERemovals_FY2017.csv.gz
rd_check "reload of FY2017 gives the same rows" \
	"$(rd_value "SELECT md5(string_agg(t::text, '|' ORDER BY line_no)) FROM realdata.ice_removal t WHERE source = 'ICERemovals_FY2017.csv.gz'")" "$before"
rd_check "load_run rows after the reload" "$(rd_value "SELECT count(*) FROM realdata.load_run")" 2

# other layouts: stopped before anything is loaded
gzip -dc $D/ICERemovals_FY2017.csv.gz | head -1000 > "$RD_TMP/head.csv"
sed '6s/"Processing Disposition Code"/"Disposition"/' "$RD_TMP/head.csv" > "$RD_TMP/renamed.csv"
rd_load_fails ice_removals "$RD_TMP/renamed.csv" 'line 6, column 3: expected "Processing Disposition Code", found "Disposition"'
sed '6s/|"Gender"//' "$RD_TMP/head.csv" > "$RD_TMP/missing.csv"
rd_load_fails ice_removals "$RD_TMP/missing.csv" 'line 6, column 6: expected "Gender", found "RC Threat Level"'
sed '1s/ERO-LESA Statistical Tracking Unit/ERO Statistics/' "$RD_TMP/head.csv" > "$RD_TMP/banner.csv"
rd_load_fails ice_removals "$RD_TMP/banner.csv" 'line 1, column 1: expected "ERO-LESA Statistical Tracking Unit"'
tail -n +2 "$RD_TMP/head.csv" > "$RD_TMP/shifted.csv"
rd_load_fails ice_removals "$RD_TMP/shifted.csv" 'line 1, column 1: expected "ERO-LESA Statistical Tracking Unit", found "For Official Use Only'
# FY2019's banner names the period after the year: the same layout
sed '5s/"ICE Removals for FY2017"/"ICE Removals for FY2019 (10\/1\/2018 - 8\/31\/2019)"/' "$RD_TMP/head.csv" > "$RD_TMP/fy2019_banner.csv"
rd_load ice_removals "$RD_TMP/fy2019_banner.csv" -v source=fy2019_banner
rd_check "FY2019's banner accepted: 994 lines loaded" \
	"$(rd_value "SELECT rows_loaded FROM realdata.load_run WHERE source = 'fy2019_banner'")" 994
psql_q -d "$RD_DB" -c "DELETE FROM realdata.ice_removal WHERE source = 'fy2019_banner'" -c "DELETE FROM realdata.load_run WHERE source = 'fy2019_banner'"
rd_check "nothing loaded from the files of another layout" \
	"$(rd_value "SELECT (SELECT count(*) FROM realdata.ice_removal WHERE source !~ '^ICERemovals_FY201[78]') + (SELECT count(*) FROM realdata.load_reject)")" 0

# truncated: cut in the middle of line 1000 (a quoted field left open),
# and a date that is no date on line 10
head -c $(($(wc -c < "$RD_TMP/head.csv") - 25)) "$RD_TMP/head.csv" | sed '10s/|10\/1\/2016|10\/1\/2016$/|10\/1\/2016|2\/30\/2016/' > "$RD_TMP/truncated.csv"
rd_load ice_removals "$RD_TMP/truncated.csv"
rd_check "truncated file: read 994 = loaded 992 + rejected 2" \
	"$(rd_value "SELECT format('%s=%s+%s', rows_read, rows_loaded, rows_rejected) FROM realdata.load_run WHERE source = 'truncated.csv'")" "994=992+2"
rd_check "truncated file: the rejects, by line" \
	"$(rd_value "SELECT string_agg(line_no || ': ' || reason, '; ' ORDER BY line_no) FROM realdata.load_reject WHERE source = 'truncated.csv'")" \
	'10: Removal Date "2/30/2016" is not a M/D/YYYY date nor a redaction; 1000: a quoted field is not closed before the end of the line (field 8, byte 102)'
rd_done
