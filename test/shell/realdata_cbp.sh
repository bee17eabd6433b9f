#!/bin/sh
# CBP encounters loader (load/cbp_encounters.sql) on the real files
# (data/real/cbp_encounters/): both state CSVs and the AOR workbook read by
# load/xlsx2csv.py.  Totals against awk's sums of the CSVs; the workbook
# against the state file of the same months (CBP publishes the same
# encounters both ways: equal by fiscal year, month and citizenship);
# xlsx2csv.py on a small workbook with a blank cell, an inline string and
# rich text; another layout stopped; a truncated file with its cut line
# rejected.
set -u
. "$(dirname "$0")/lib/common.sh"
cd "$(dirname "$0")/../.."
. test/shell/lib/realdata.sh
rd_setup
D=data/real/cbp_encounters
S20=cbp-nationwide-encounters-fy20-fy23-state.csv.gz
S23=nationwide-encounters-fy23-fy26-jan-state.csv.gz
AOR=nationwide-encounters-fy23-fy26-jan-aor.xlsx

for f in $S20 $S23 $AOR; do
	rd_load cbp_encounters $D/$f
done
for f in $S20 $S23; do
	gzip -dc $D/$f > "$RD_TMP/s.csv"
	rd_check "$f: read = lines after the header, none rejected" \
		"$(rd_value "SELECT rows_read || '/' || rows_rejected FROM realdata.load_run WHERE source = '$f'")" "$(($(wc -l < "$RD_TMP/s.csv") - 1))/0"
	# the last field is the count, and no quoted field holds a comma before it
	rd_check "$f: encounters = the file's sum (awk)" \
		"$(rd_value "SELECT sum(encounters) FROM realdata.cbp_encounter WHERE source = '$f'")" \
		"$(awk -F, 'NR > 1 { s += $NF } END { printf "%d", s }' "$RD_TMP/s.csv")"
done
rd_check "$AOR: read = the sheet's rows after the header, none rejected" \
	"$(rd_value "SELECT rows_read || '/' || rows_rejected FROM realdata.load_run WHERE source = '$AOR'")" \
	"$(($(python3 load/xlsx2csv.py $D/$AOR | wc -l) - 1))/0"
rd_check "workbook and state file: (fiscal year, month, citizenship) cells that differ" \
	"$(rd_value "WITH a AS (SELECT fiscal_year, month, citizenship, sum(encounters) n FROM realdata.cbp_encounter WHERE source = '$AOR' GROUP BY 1, 2, 3),
	                  s AS (SELECT fiscal_year, month, citizenship, sum(encounters) n FROM realdata.cbp_encounter WHERE source = '$S23' GROUP BY 1, 2, 3)
	             SELECT count(*) FROM a FULL JOIN s USING (fiscal_year, month, citizenship) WHERE a.n IS DISTINCT FROM s.n")" 0
rd_check "workbook total" "$(rd_value "SELECT sum(encounters) FROM realdata.cbp_encounter WHERE source = '$AOR'")" \
	"$(rd_value "SELECT sum(encounters) FROM realdata.cbp_encounter WHERE source = '$S23'")"
rd_check "fiscal years: October to December fall in the year before" \
	"$(rd_value "SELECT count(*) FROM realdata.cbp_encounter WHERE extract(year FROM month) <> fiscal_year - (extract(month FROM month) >= 10)::int")" 0
rd_check "2026 (FYTD) read as fiscal year 2026, last month January 2026" \
	"$(rd_value "SELECT max(month) FROM realdata.cbp_encounter WHERE fiscal_year = 2026")" 2026-01-01
rd_check "citizenships without a code: only OTHER" \
	"$(rd_value "SELECT string_agg(DISTINCT citizenship, ',') FROM realdata.cbp_encounter WHERE citizenship_iso3 IS NULL")" OTHER

# xlsx2csv.py on a workbook written here: shared, inline and rich-text
# strings, a blank cell (B2) that must not shift C2, a number, a quote
python3 - "$RD_TMP/small.xlsx" <<'PY'
import sys, zipfile
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
z = zipfile.ZipFile(sys.argv[1], 'w')
z.writestr('xl/workbook.xml', '<workbook %s><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>' % ns)
z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
z.writestr('xl/sharedStrings.xml', '<sst %s><si><t>Fiscal Year</t></si><si><r><t>Month </t></r><r><t>(abbv)</t></r></si><si><t>say "hi", twice</t></si></sst>' % ns)
z.writestr('xl/worksheets/sheet1.xml', '<worksheet %s><sheetData>'
           '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Count</t></is></c></row>'
           '<row r="2"><c r="A2"><v>2023.0</v></c><c r="C2"><v>3.0</v></c></row>'
           '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="b"><v>1</v></c></row>'
           '</sheetData></worksheet>' % ns)
z.close()
PY
rd_check "xlsx2csv.py on a small workbook" "$(python3 load/xlsx2csv.py "$RD_TMP/small.xlsx" | tr '\n' '/')" \
	'Fiscal Year,Month (abbv),Count/2023.0,,3.0/"say ""hi"", twice",1/'

gzip -dc $D/$S23 | head -300 > "$RD_TMP/h.csv"
sed '1s/Title of Authority/Authority/' "$RD_TMP/h.csv" > "$RD_TMP/renamed.csv"
rd_load_fails cbp_encounters "$RD_TMP/renamed.csv" 'line 1, column 8: expected "Title of Authority", found "Authority"'
sed '1s/,Land Border Region//' "$RD_TMP/h.csv" > "$RD_TMP/missing.csv"
rd_load_fails cbp_encounters "$RD_TMP/missing.csv" 'line 1, column 4: expected "Land Border Region", found "State"'
rd_check "nothing loaded from them" "$(rd_value "SELECT count(*) FROM realdata.cbp_encounter WHERE source IN ('renamed.csv', 'missing.csv')")" 0
# line 300 is 2023,FYTD,DEC,Other,CA,FMUA,"CHINA, PEOPLES REPUBLIC OF",Title 8,2:
# cut before its last four bytes ("8,2" and the newline), 8 fields remain
head -c $(($(wc -c < "$RD_TMP/h.csv") - 4)) "$RD_TMP/h.csv" > "$RD_TMP/truncated.csv"
rd_load cbp_encounters "$RD_TMP/truncated.csv"
rd_check "truncated: read 299 = loaded 298 + rejected 1, the cut line" \
	"$(rd_value "SELECT format('%s=%s+%s', r.rows_read, r.rows_loaded, r.rows_rejected) || ' ' || j.line_no || ': ' || j.reason FROM realdata.load_run r JOIN realdata.load_reject j USING (layout, source) WHERE source = 'truncated.csv'")" \
	"299=298+1 300: 8 fields, expected 9"
rd_done
