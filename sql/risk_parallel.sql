-- risk_profile under a forced parallel plan equals the serial result
-- exactly (fixed-point sums: the order of combination cannot matter).
SET search_path = public, migrisk;

CREATE TABLE risk_par AS
SELECT g AS id, g % 7 AS grp,
       risk_flags(ARRAY['held', 'debt', 'docs', 'smuggler', 'freight_train'],
                  ARRAY[CASE WHEN g % 13 = 0 THEN NULL ELSE (g * 7919) % 10 < 3 END,
                        (g * 104729) % 10 < 2, (g * 1299709) % 10 < 1,
                        CASE WHEN g % 17 = 0 THEN NULL ELSE (g * 15485863) % 10 < 4 END,
                        (g * 32452843) % 10 < 5]) AS f,
       ((g * 2654435761) % 1000) / 97.0 AS w
FROM generate_series(1::bigint, 60000) g;
ANALYZE risk_par;

SET max_parallel_workers_per_gather = 0;
SELECT risk_profile(f, w)::text AS serial_all, risk_profile_state(f, w)::text AS serial_all_state
FROM risk_par \gset
SELECT string_agg(s, ' | ' ORDER BY grp) AS serial_grp, string_agg(st, ' | ' ORDER BY grp) AS serial_grp_state
FROM (SELECT grp, risk_profile(f, w, 'iom_fms_any')::text AS s, risk_profile_state(f, w, 'iom_fms_any')::text AS st
      FROM risk_par GROUP BY grp) x \gset

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT risk_profile(f, w) FROM risk_par;
EXPLAIN (COSTS OFF) SELECT grp, risk_profile(f, w, 'iom_fms_any') FROM risk_par GROUP BY grp;
SELECT risk_profile(f, w)::text AS par_all, risk_profile_state(f, w)::text AS par_all_state
FROM risk_par \gset
SELECT string_agg(s, ' | ' ORDER BY grp) AS par_grp, string_agg(st, ' | ' ORDER BY grp) AS par_grp_state
FROM (SELECT grp, risk_profile(f, w, 'iom_fms_any')::text AS s, risk_profile_state(f, w, 'iom_fms_any')::text AS st
      FROM risk_par GROUP BY grp) x \gset
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- identical text of summaries and of states, group by group
SELECT :'serial_all' = :'par_all' AS same_summary,
       :'serial_all_state' = :'par_all_state' AS same_state,
       :'serial_grp' = :'par_grp' AS same_group_summaries,
       :'serial_grp_state' = :'par_grp_state' AS same_group_states;
SELECT left(:'serial_all', 60) AS serial_all, length(:'serial_grp') > 1000 AS groups_nonempty;
DROP TABLE risk_par;
