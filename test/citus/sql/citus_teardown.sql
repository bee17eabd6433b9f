-- citus_teardown: the tables of citus_setup dropped on every node
DROP TABLE interviews, interviews_local, pairs, pairs_local, legs, legs_local;
DROP FUNCTION plan_has(text, text);
SELECT count(*) AS distributed_tables_left FROM citus_tables;
