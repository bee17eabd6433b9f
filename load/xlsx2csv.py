#!/usr/bin/env python3
"""The first worksheet of an .xlsx workbook as CSV on stdout, with Python's
standard library alone (zipfile, xml.etree): the loaders read CBP's
workbooks through it (load/_begin.sql runs it for a file ending in .xlsx).

    python3 load/xlsx2csv.py workbook.xlsx [sheet-name] > sheet.csv

Cells are written as the workbook stores them: shared and inline strings
as text, numbers as their stored text (2023.0 stays 2023.0; whole_count
reads it), booleans as 0/1, empty cells as empty fields in their column (by
the cell reference, so a blank cell never shifts the row).  Formulas give
their cached value.  Dates stay serial numbers: the CBP workbooks hold none.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
      'rel': 'http://schemas.openxmlformats.org/package/2006/relationships'}


def col_index(ref):
    letters = re.match(r'[A-Z]+', ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def text_of(si):
    # a shared or inline string: plain <t> or rich-text runs <r><t>
    return ''.join(t.text or '' for t in si.iter('{%s}t' % NS['m']))


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit('usage: xlsx2csv.py workbook.xlsx [sheet-name]')
    z = zipfile.ZipFile(sys.argv[1])
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    sheets = wb.findall('m:sheets/m:sheet', NS)
    if len(sys.argv) == 3:
        sheets = [s for s in sheets if s.get('name') == sys.argv[2]]
        if not sheets:
            sys.exit('xlsx2csv.py: no sheet named %r' % sys.argv[2])
    rid = sheets[0].get('{%s}id' % NS['r'])
    rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
    target = next(r.get('Target') for r in rels.findall('rel:Relationship', NS) if r.get('Id') == rid)
    path = target.lstrip('/') if target.startswith('/') else 'xl/' + target
    shared = []
    if 'xl/sharedStrings.xml' in z.namelist():
        shared = [text_of(si) for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS)]
    out = csv.writer(sys.stdout, lineterminator='\n')
    row_tag = '{%s}row' % NS['m']
    with z.open(path) as f:
        for _, el in ET.iterparse(f):
            if el.tag != row_tag:
                continue
            cells = {}
            for c in el.findall('m:c', NS):
                t = c.get('t')
                v = c.find('m:v', NS)
                if t == 's':
                    val = shared[int(v.text)] if v is not None else ''
                elif t == 'inlineStr':
                    is_ = c.find('m:is', NS)
                    val = text_of(is_) if is_ is not None else ''
                else:
                    val = v.text if v is not None and v.text is not None else ''
                cells[col_index(c.get('r'))] = val
            if cells:
                out.writerow([cells.get(i, '') for i in range(max(cells) + 1)])
            else:
                out.writerow([])
            el.clear()


if __name__ == '__main__':
    main()
