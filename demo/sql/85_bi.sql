-- BI-ready views (bi/create_views.sql, docs/bi.md): plain column types only,
-- so a dashboard needs to know nothing of migrisk's types, and a read-only
-- role bi_reader whose small cells are suppressed.
\pset footer off
\pset null '(suppressed)'
\set ECHO none
\set bi_schema bi
\set bi_role bi_reader
\set min_cell_size 10
\set bi_model transit
\i bi/create_views.sql

\echo
\echo '== BI views: what a dashboard reads (schema bi, plain columns only)'
SELECT c.table_name AS view,
       string_agg(c.column_name || ' ' || CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name ELSE c.data_type END,
                  ', ' ORDER BY c.ordinal_position) AS columns
FROM information_schema.columns c
WHERE c.table_schema = 'bi'
GROUP BY c.table_name ORDER BY 1;

\echo
\echo 'As bi_reader (migrisk.min_cell_size = 10, pinned by ALTER ROLE; the role cannot lower it):'
\echo 'risk by state and month: cells below 10 journeys are suppressed (every estimate NULL)'
-- A login as bi_reader applies the role's setting; SET ROLE does not, so
-- set the same value first (as superuser: the setting is superuser-only).
SET migrisk.min_cell_size = 10;
SET ROLE bi_reader;
SELECT count(*) FILTER (WHERE suppressed = 'yes') AS cells_suppressed,
       count(*) FILTER (WHERE suppressed = 'no') AS cells_shown
FROM bi.risk_by_state_month;
(SELECT state_name, month, journeys, suppressed,
        round(any_prevalence * 100, 1) AS any_pct,
        round(any_ci_low * 100, 1) AS ci_low, round(any_ci_high * 100, 1) AS ci_high
 FROM bi.risk_by_state_month WHERE state_code = '07' AND suppressed = 'no'
 ORDER BY month DESC LIMIT 3)
UNION ALL
(SELECT state_name, month, journeys, suppressed, NULL, NULL, NULL
 FROM bi.risk_by_state_month WHERE state_code = '07' AND suppressed = 'yes'
 ORDER BY month DESC LIMIT 2);
RESET ROLE;
RESET migrisk.min_cell_size;
