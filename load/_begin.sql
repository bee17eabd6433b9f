-- Included by every loader (load/*.sql) after it has set :layout: checks
-- the arguments, opens the transaction, creates the tables if missing, and
-- reads the file (gzip'd when its name ends in .gz; an .xlsx workbook's
-- first sheet through load/xlsx2csv.py, found in :loaddir, load by default,
-- so run from the project's top or set -v loaddir) as numbered lines into
-- the temporary table _line (line_no from 1, line as published).
\set ON_ERROR_STOP 1
\set QUIET 1
\if :{?file}
\else
\echo 'usage: psql -v file=PATH [-v source=NAME] [-v schema=realdata] -f load/' :layout '.sql'
\quit
\endif
\if :{?schema}
\else
\set schema realdata
\endif
\if :{?source}
\else
SELECT regexp_replace(:'file', '^.*/', '') AS source \gset
\endif
BEGIN;
SET LOCAL client_min_messages = warning;
\ir tables.sql
CREATE TEMP TABLE _raw (line_no bigint GENERATED ALWAYS AS IDENTITY, line text) ON COMMIT DROP;
-- one field per line: COPY's text format with a delimiter that never
-- occurs in text; sed escapes the backslashes and carriage returns (some
-- publishers leave a bare CR inside a field) and COPY undoes the escapes,
-- so each line arrives exactly as published
\if :{?loaddir}
\else
\set loaddir load
\endif
SELECT '''' || replace(:'file', '''', '''\''''') || '''' AS _shell_file,
       '''' || replace(:'loaddir', '''', '''\''''') || '/xlsx2csv.py''' AS _shell_xlsx \gset
SELECT format('\copy _raw(line) FROM PROGRAM %s WITH (FORMAT text, DELIMITER E''\x01'', NULL E''\x02'')',
	'''' || replace(
		CASE WHEN :'file' ~ '\.gz$' THEN 'gzip -dc ' || :'_shell_file' || ' | sed'
		     WHEN :'file' ~ '\.xlsx$' THEN 'python3 ' || :'_shell_xlsx' || ' ' || :'_shell_file' || ' | sed'
		     ELSE 'sed' END
		|| ' -e ''s/\\/\\\\/g'' -e ''s/\r/\\r/g'' '
		|| CASE WHEN :'file' ~ '\.(gz|xlsx)$' THEN '' ELSE :'_shell_file' END,
		'''', '''''') || '''') AS _copy \gset
:_copy
-- a quoted field may hold a line break: a line that leaves a quote open
-- continues on the next, and the record keeps the number of its first line
CREATE TEMP TABLE _line ON COMMIT DROP AS
SELECT min(line_no) AS line_no, string_agg(line, E'\n' ORDER BY line_no) AS line
FROM (SELECT line_no, line, count(*) FILTER (WHERE open_before = 0) OVER (ORDER BY line_no) AS rec
      FROM (SELECT line_no, line,
                   coalesce(sum(odd) OVER (ORDER BY line_no ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) % 2 AS open_before
            FROM (SELECT line_no, line, (length(line) - length(replace(line, '"', ''))) % 2 AS odd FROM _raw) q) r) s
GROUP BY rec;
-- reloading the same source replaces it
DELETE FROM :"schema".load_reject WHERE layout = :'layout' AND source = :'source';
DELETE FROM :"schema".load_run WHERE layout = :'layout' AND source = :'source';
