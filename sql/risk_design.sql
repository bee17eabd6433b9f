-- risk_profile_design: checks that need no R (test/shell/survey_r.sh
-- compares the estimates with R's survey package): closed forms, the
-- state's text and binary round trips, serial = parallel to the bit,
-- domains, and bad input.
SET search_path = public, migrisk;
SET extra_float_digits = 0;

-- 12 strata of 5 PSUs, 20 records each; weights in multiples of 1/8
CREATE TABLE rd_t AS
SELECT g AS id, (g / 100) AS stratum, (g / 20) AS psu, 1 + (g % 13) / 8.0 AS w, g % 3 AS grp,
       risk_flags(ARRAY['held', 'debt', 'docs'],
                  ARRAY[(g * 7919) % 10 < 3 + (g / 100) % 4, (g * 104729) % 10 < 2,
                        CASE WHEN g % 7 = 0 THEN NULL ELSE (g * 31) % 10 < 5 END]) AS f
FROM generate_series(0, 1199) g;
ANALYZE rd_t;

-- simple random sampling with replacement (one PSU per record, one
-- stratum, equal weights): se = sqrt(p(1 - p) / (n - 1)), df = n - 1
SELECT n, psus, strata, any_df,
       abs(any_se - sqrt(any_estimate * (1 - any_estimate) / (n - 1))) < 1e-15 AS srs_se,
       abs(any_estimate - avg(has_flag(f, 'held')::int)) < 1e-15 AS estimate
FROM (SELECT (risk_profile_design(f, 1.0, 0, id, 'iom_fms_any')).* FROM rd_t) s,
     rd_t GROUP BY 1, 2, 3, 4, any_se, any_estimate;

-- the stratified cluster design by hand: ratio estimator, linearised
-- variance with n_h / (n_h - 1), Wilson on p(1-p)/V
CREATE VIEW rd_ref AS
WITH r AS (SELECT stratum, psu, w, coalesce(has_flag(f, 'held'), false)::int AS y FROM rd_t),
tot AS (SELECT sum(w * y) / sum(w) AS p, sum(w) AS sw FROM r),
z AS (SELECT stratum, psu, sum(w * (y - tot.p) / tot.sw) AS z FROM r, tot GROUP BY stratum, psu),
h AS (SELECT stratum, count(*) AS nh, sum((z - zbar) ^ 2) AS ss
      FROM (SELECT *, avg(z) OVER (PARTITION BY stratum) AS zbar FROM z) q GROUP BY stratum)
SELECT tot.p, sqrt(sum(nh::float8 / (nh - 1) * ss)) AS se FROM h, tot GROUP BY tot.p;
SELECT abs(d.any_estimate - r.p) < 1e-15 AS estimate, abs(d.any_se / r.se - 1) < 1e-12 AS se,
       d.any_df = 60 - 12 AS df, d.psus, d.strata,
       abs(d.any_effective_n - d.any_estimate * (1 - d.any_estimate) / d.any_se ^ 2) < 1e-6 AS effective_n,
       d.any_wilson_low < d.any_estimate AND d.any_estimate < d.any_wilson_high AS wilson,
       d.any_ci_low < d.any_wilson_low AND d.any_wilson_high < d.any_ci_high AS kg_wider_than_wilson,
       d.kish_n = p.effective_n AS kish_n_as_risk_profile
FROM (SELECT (risk_profile_design(f, w, stratum, psu, 'iom_fms_any')).* FROM rd_t) d, rd_ref r,
     (SELECT (risk_profile(f, w, 'iom_fms_any')).* FROM rd_t) p;
-- Wilson on the design's effective n, by hand
SELECT abs(any_wilson_low - ((p + z * z / (2 * n)) / (1 + z * z / n)
             - z / (1 + z * z / n) * sqrt(p * (1 - p) / n + z * z / (4 * n * n)))) < 1e-14 AS wilson_low
FROM (SELECT any_wilson_low, any_estimate AS p, any_effective_n AS n, 1.959963984540054::float8 AS z
      FROM (SELECT (risk_profile_design(f, w, stratum, psu, 'iom_fms_any')).* FROM rd_t) d) x;

-- per indicator: over the records where it is known (docs: 1/7 unknown)
SELECT code, n, round(estimate::numeric, 6) AS estimate, round(se::numeric, 6) AS se, df
FROM design_estimates((SELECT risk_profile_design(f, w, stratum, psu, 'iom_fms_any') FROM rd_t))
WHERE n > 0 ORDER BY code;
SELECT count(*) AS never_known, bool_and(estimate IS NULL AND se IS NULL) AS all_null
FROM design_estimates((SELECT risk_profile_design(f, w, stratum, psu, 'iom_fms_any') FROM rd_t))
WHERE n = 0;

-- the state: exact text round trip; union of partials = the whole
SELECT risk_profile_design_state(f, w, stratum, psu)::text::risk_design_state::text
       = risk_profile_design_state(f, w, stratum, psu)::text AS text_roundtrip FROM rd_t;
SELECT (SELECT risk_design_union(s)::text FROM (SELECT risk_profile_design_state(f, w, stratum, psu) s
                                                FROM rd_t GROUP BY grp) x)
       = (SELECT risk_profile_design_state(f, w, stratum, psu)::text FROM rd_t) AS union_exact;
-- binary round trip (COPY BINARY through a file of this backend's)
CREATE TABLE rd_states AS SELECT grp, risk_profile_design_state(f, w, stratum, psu) s FROM rd_t GROUP BY grp;
CREATE TABLE rd_states2 (LIKE rd_states);
DO $$
DECLARE
	fn text := '/tmp/migrisk_risk_design_' || pg_backend_pid() || '.bin';
BEGIN
	EXECUTE format('COPY rd_states TO %L WITH (FORMAT binary)', fn);
	EXECUTE format('COPY rd_states2 FROM PROGRAM %L WITH (FORMAT binary)', 'cat ' || fn || ' && rm -f ' || fn);
END
$$;
SELECT count(*) AS rows, bool_and(a.s::text = b.s::text) AS binary_roundtrip
FROM rd_states a JOIN rd_states2 b USING (grp);
-- a large state (3,600 PSUs, beyond a page) stored in a table and read back
CREATE TABLE rd_big AS SELECT risk_profile_design_state(f, 1.0, g % 10, g) s
FROM rd_t, generate_series(0, 2) k, LATERAL (SELECT id * 3 + k AS g) q;
SELECT (risk_design_state_summary(s)).psus, length(s::text) > 100000 AS long_text FROM rd_big;

-- domains: CASE keeps the other rows' PSUs; risk_design_domain pads a
-- GROUP BY state with the design's PSUs; both agree to the bit.  The
-- naive GROUP BY differs for domain a, which has no member in one PSU of
-- each stratum, and agrees for b, which has members in every PSU
CREATE VIEW rd_dom AS SELECT *, CASE WHEN psu % 5 <> 4 AND grp = 1 THEN 'a' ELSE 'b' END AS dom FROM rd_t;
SELECT d.dom,
       (SELECT array_agg(e::text) FROM design_estimates(c.s) e)
         = (SELECT array_agg(e::text) FROM design_estimates(p.s) e) AS case_equals_domain_padding,
       (n.s).any_se <> (c.s).any_se AS naive_se_differs,
       (n.s).any_estimate = (c.s).any_estimate AS same_estimate,
       (c.s).psus AS design_psus, (n.s).psus AS naive_psus
FROM (SELECT DISTINCT dom FROM rd_dom) d
CROSS JOIN LATERAL (SELECT risk_profile_design(CASE WHEN r.dom = d.dom THEN r.f END, r.w, r.stratum, r.psu) s
                    FROM rd_dom r) c
JOIN (SELECT dom, risk_design_state_summary(risk_design_domain(risk_profile_design_state(f, w, stratum, psu),
              (SELECT risk_profile_design_state(NULL::risk_flags, w, stratum, psu) FROM rd_t))) s
      FROM rd_dom GROUP BY dom) p USING (dom)
JOIN (SELECT dom, risk_profile_design(f, w, stratum, psu) s FROM rd_dom GROUP BY dom) n USING (dom)
ORDER BY d.dom;

-- serial and parallel: the same summaries and states, to the bit
SET max_parallel_workers_per_gather = 0;
SELECT risk_profile_design(f, w, stratum, psu)::text AS serial_s,
       risk_profile_design_state(f, w, stratum, psu)::text AS serial_st FROM rd_t \gset
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT risk_profile_design(f, w, stratum, psu) FROM rd_t;
SELECT risk_profile_design(f, w, stratum, psu)::text AS par_s,
       risk_profile_design_state(f, w, stratum, psu)::text AS par_st FROM rd_t \gset
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT :'serial_s' = :'par_s' AS same_summary, :'serial_st' = :'par_st' AS same_state;
-- and in any row order
SELECT (SELECT risk_profile_design_state(f, w, stratum, psu ORDER BY id DESC)::text FROM rd_t) = :'serial_st' AS order_free;

-- lonely PSUs: an error by default, a policy on request
CREATE VIEW rd_lonely AS SELECT * FROM rd_t WHERE psu <> 1 OR stratum <> 0;
SELECT (risk_profile_design(f, w, stratum, psu)).any_se FROM rd_lonely WHERE psu NOT IN (2, 3, 4);
SELECT p, (s).lonely_psu, round((s).any_se::numeric, 8) AS se
FROM (SELECT p, risk_design_state_summary(risk_profile_design_state(f, w, stratum, psu), p) s
      FROM rd_lonely, unnest(ARRAY['remove', 'certainty', 'adjust', 'average']) p
      WHERE psu NOT IN (2, 3, 4) GROUP BY p) x ORDER BY p;
SELECT risk_design_state_summary(risk_profile_design_state(f, w, stratum, psu), 'nope') FROM rd_t;
-- a stratum sampled completely (fpc 1) adds no variance, even with one PSU
SELECT (risk_profile_design(f, w, stratum, psu, CASE WHEN stratum = 0 THEN 1.0 ELSE 0.5 END)).any_se
       < (risk_profile_design(f, w, stratum, psu)).any_se AS fpc_shrinks
FROM rd_t;

-- bad input: every error names the row's values
SELECT risk_profile_design(f, w, NULL, psu) FROM rd_t;
SELECT risk_profile_design(f, w, stratum, NULL) FROM rd_t;
SELECT risk_profile_design(f, NULL, stratum, psu) FROM rd_t;
SELECT risk_profile_design(f, w, stratum, psu, NULL::float8) FROM rd_t;
SELECT risk_profile_design(f, w, stratum, psu, NULL::text) FROM rd_t;
SELECT risk_profile_design(f, w, CASE WHEN id = 500 THEN 99 ELSE stratum END, psu) FROM rd_t;
SELECT risk_profile_design(f, CASE WHEN id = 77 THEN -1 ELSE w END, stratum, psu) FROM rd_t;
SELECT risk_profile_design(f, CASE WHEN id = 77 THEN 0 ELSE w END, stratum, psu) FROM rd_t;
SELECT risk_profile_design(NULL, 'NaN', stratum, psu) FROM rd_t;
SELECT risk_profile_design(f, 1e12, stratum, psu) FROM rd_t;
SELECT risk_profile_design(f, w, stratum, psu, 0.0) FROM rd_t;
SELECT risk_profile_design(f, w, stratum, psu, 1.5) FROM rd_t;
SELECT risk_profile_design(f, w, stratum, psu, 'NaN'::float8) FROM rd_t;
SELECT risk_profile_design(f, w, stratum, psu, CASE WHEN id = 3 THEN 0.2 ELSE 0.5 END) FROM rd_t;
SELECT risk_profile_design(f, w, stratum, psu, CASE WHEN psu = 3 THEN 0.2 ELSE 0.5 END) FROM rd_t;
SELECT risk_profile_design(f, w, stratum, psu, 'nope') FROM rd_t;
SELECT risk_profile_design(f, w, stratum, psu, CASE WHEN id % 2 = 0 THEN 'default' ELSE 'iom_fms_any' END) FROM rd_t;
-- nothing half-computed: a failed query leaves no partial result behind
SELECT count(*) FROM rd_t;
-- hostile text forms
-- (valid: a PSU whose only row is outside the domain)
SELECT '1:0000000000000000:0000000000000000:0000000000000000:1:0:0:0:0;0:5:0:0:0:0'::risk_design_state;
SELECT '1:0000000000000000:0000000000000000:0000000000000000:2:0:0:0:0;0:5:0:0:0:0;1:5:0:0:0:0'::risk_design_state;
SELECT '1:0000000000000000:0000000000000000:0000000000000000:1:0:0:0:0;0:5:1.5:0:0:0'::risk_design_state;
SELECT '1:0000000000000001:0000000000000001:0000000000000000:1:1:100:1:1;0:5:0:1:99:0'::risk_design_state;
SELECT '1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0;0:5'::risk_design_state;
-- the empty state: counts 0, estimates NULL
SELECT n, rows, weighted_n, kish_n, psus, strata, any_estimate, any_se, any_df, any_ci_low, known_n[1:3], estimate[1:3]
FROM risk_design_state_summary('1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0');
-- called outside an aggregate
SELECT _risk_design_combine('1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0',
                            '1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0');

DROP VIEW rd_lonely, rd_dom, rd_ref;
DROP TABLE rd_t, rd_states, rd_states2, rd_big;
