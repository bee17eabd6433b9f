-- Included by every loader at its end: the loader has filled _parsed
-- (line_no, reason: NULL for a loaded row) for every data line and
-- inserted the good ones; rejects go to load_reject, the counts to
-- load_run (its CHECK holds read = loaded + rejected), and the report is
-- printed.  :loaded is the count the loader's INSERT reported.
INSERT INTO :"schema".load_reject (layout, source, line_no, line, reason)
SELECT :'layout', :'source', p.line_no, l.line, p.reason
FROM _parsed p JOIN _line l USING (line_no)
WHERE p.reason IS NOT NULL;
INSERT INTO :"schema".load_run (layout, source, file, rows_read, rows_loaded, rows_rejected)
SELECT :'layout', :'source', :'file', count(*), :loaded, count(*) FILTER (WHERE reason IS NOT NULL)
FROM _parsed;
COMMIT;
\set QUIET 0
SELECT layout, source, rows_read AS read, rows_loaded AS loaded, rows_rejected AS rejected
FROM :"schema".load_run WHERE layout = :'layout' AND source = :'source';
-- a psql session may run several loaders: what this one derived from its
-- file must not carry over to the next
\unset source
\unset series
\unset cbp_layout
\unset want
