-- risk_profile: every field of the summary against an independent plain-SQL
-- computation on random data; edge cases; errors; suppression.
SET search_path = public, migrisk;
SET extra_float_digits = 0;

-- a five-indicator additive model: held 2, debt 1, docs 1, freight_train
-- 0.5, smuggler 0.5 (total 5); high at 0.4
INSERT INTO risk_model (name, kind, intercept, medium_threshold, high_threshold)
VALUES ('t_five', 'additive', 0, 0.2, 0.4);
INSERT INTO risk_model_weight (model, indicator, weight) VALUES
 ('t_five', 'held', 2), ('t_five', 'debt', 1), ('t_five', 'docs', 1),
 ('t_five', 'freight_train', 0.5), ('t_five', 'smuggler', 0.5);

-- random records: five three-valued answers (about 15% unknown each), a
-- weight in multiples of 1/1024 (some zero, some NULL), some NULL flags
SELECT setseed(0.42);
CREATE TABLE risk_t AS
SELECT g AS id, 1 + g % 3 AS grp,
       CASE WHEN r1 < 0.15 THEN NULL ELSE r1 < 0.45 END AS held,
       CASE WHEN r2 < 0.15 THEN NULL ELSE r2 < 0.35 END AS debt,
       CASE WHEN r3 < 0.15 THEN NULL ELSE r3 < 0.25 END AS docs,
       CASE WHEN r4 < 0.15 THEN NULL ELSE r4 < 0.65 END AS freight_train,
       CASE WHEN r5 < 0.15 THEN NULL ELSE r5 < 0.55 END AS smuggler,
       CASE WHEN g % 97 = 0 THEN NULL ELSE floor(rw * 4096) / 1024 END AS w,
       g % 89 = 0 AS null_flags
FROM (SELECT g, random() r1, random() r2, random() r3, random() r4, random() r5, random() rw
      FROM generate_series(1, 3000) g) s;
ALTER TABLE risk_t ADD COLUMN f risk_flags;
UPDATE risk_t SET f = CASE WHEN NOT null_flags THEN
  risk_flags(ARRAY['held', 'debt', 'docs', 'freight_train', 'smuggler'],
             ARRAY[held, debt, docs, freight_train, smuggler]) END;

-- the plain-SQL reference: scores and summaries from the raw answers
CREATE VIEW risk_ref AS
WITH r AS (
  SELECT grp, w, held, debt, docs, freight_train, smuggler,
         (2 * coalesce(held, false)::int + coalesce(debt, false)::int + coalesce(docs, false)::int
          + 0.5 * coalesce(freight_train, false)::int + 0.5 * coalesce(smuggler, false)::int)::float8 / 5 AS s,
         coalesce(held OR debt OR docs OR freight_train OR smuggler, false) AS anyi,
         held IS NOT NULL AND debt IS NOT NULL AND docs IS NOT NULL
           AND freight_train IS NOT NULL AND smuggler IS NOT NULL AS cover
  FROM risk_t WHERE w IS NOT NULL AND NOT null_flags),
a AS (
  SELECT grp, count(*) AS n, sum(w) AS sw, sum(w * w) AS sw2,
         sum(w) FILTER (WHERE anyi) AS s_any, sum(w * s) AS s_s, sum(w * s * s) AS s_s2,
         sum(w) FILTER (WHERE s >= 0.4) AS s_high, sum(w) FILTER (WHERE cover) AS s_cover,
         count(*) FILTER (WHERE held IS NOT NULL) AS held_n,
         sum(w) FILTER (WHERE held IS NOT NULL) AS held_kw,
         sum(w * w) FILTER (WHERE held IS NOT NULL) AS held_kw2,
         sum(w) FILTER (WHERE held) AS held_yw
  FROM r GROUP BY grp),
b AS (
  SELECT *, sw * sw / sw2 AS neff, s_any / sw AS p_any, s_s / sw AS mean,
         held_kw * held_kw / held_kw2 AS held_neff, held_yw / held_kw AS p_held,
         1.959963984540054::float8 AS z
  FROM a)
SELECT grp, n, sw, neff, p_any,
       (p_any + z * z / (2 * neff)) / (1 + z * z / neff)
         - z / (1 + z * z / neff) * sqrt(p_any * (1 - p_any) / neff + z * z / (4 * neff * neff)) AS any_lo,
       (p_any + z * z / (2 * neff)) / (1 + z * z / neff)
         + z / (1 + z * z / neff) * sqrt(p_any * (1 - p_any) / neff + z * z / (4 * neff * neff)) AS any_hi,
       mean,
       greatest(0, mean - z * sqrt(greatest(s_s2 / sw - mean * mean, 0) / neff)) AS s_lo,
       least(1, mean + z * sqrt(greatest(s_s2 / sw - mean * mean, 0) / neff)) AS s_hi,
       s_high / sw AS high_share, s_cover / sw AS coverage,
       held_n, p_held,
       (p_held + z * z / (2 * held_neff)) / (1 + z * z / held_neff)
         - z / (1 + z * z / held_neff) * sqrt(p_held * (1 - p_held) / held_neff + z * z / (4 * held_neff * held_neff)) AS held_lo,
       (p_held + z * z / (2 * held_neff)) / (1 + z * z / held_neff)
         + z / (1 + z * z / held_neff) * sqrt(p_held * (1 - p_held) / held_neff + z * z / (4 * held_neff * held_neff)) AS held_hi
FROM b;

CREATE VIEW risk_got AS
SELECT grp, (risk_profile(f, w, 't_five')).* FROM risk_t GROUP BY grp;

-- the values, rounded for reading
SELECT grp, n, round(weighted_n::numeric, 4) AS wn, round(effective_n::numeric, 3) AS neff,
       round(any_prevalence::numeric, 4) AS p_any, round(any_ci_low::numeric, 4) AS lo,
       round(any_ci_high::numeric, 4) AS hi, round(mean_score::numeric, 4) AS mean,
       round(high_share::numeric, 4) AS high, round(coverage::numeric, 4) AS cover, suppressed
FROM risk_got ORDER BY grp;

-- every field against the reference; the sums of weights are exact (weights
-- are multiples of 2^-10), shares within 1e-12, the mean score within 1e-9
-- (w * score is rounded to 2^-24 per record)
SELECT g.grp,
       g.n = r.n AS n,
       g.weighted_n = r.sw AS weighted_n,
       abs(g.effective_n - r.neff) < 1e-9 AS effective_n,
       abs(g.any_prevalence - r.p_any) < 1e-12 AS any_prevalence,
       abs(g.any_ci_low - r.any_lo) < 1e-12 AS any_ci_low,
       abs(g.any_ci_high - r.any_hi) < 1e-12 AS any_ci_high,
       abs(g.mean_score - r.mean) < 1e-9 AS mean_score,
       abs(g.score_ci_low - r.s_lo) < 1e-9 AS score_ci_low,
       abs(g.score_ci_high - r.s_hi) < 1e-9 AS score_ci_high,
       abs(g.high_share - r.high_share) < 1e-12 AS high_share,
       abs(g.coverage - r.coverage) < 1e-12 AS coverage,
       g.known_n[array_position(g.codes, 'held')] = r.held_n AS held_n,
       abs(g.prevalence[array_position(g.codes, 'held')] - r.p_held) < 1e-12 AS held_p,
       abs(g.prevalence_ci_low[array_position(g.codes, 'held')] - r.held_lo) < 1e-12 AS held_lo,
       abs(g.prevalence_ci_high[array_position(g.codes, 'held')] - r.held_hi) < 1e-12 AS held_hi
FROM risk_got g JOIN risk_ref r USING (grp) ORDER BY grp;

-- every per-indicator prevalence against plain SQL (group 1)
SELECT p.code, p.known_n, round(p.prevalence::numeric, 6) AS prevalence,
       p.known_n = x.kn AND abs(p.prevalence - x.p) < 1e-12 AS matches
FROM (SELECT (risk_profile(f, w, 't_five')) s FROM risk_t WHERE grp = 1) a,
     indicator_prevalence(a.s) p
JOIN LATERAL (
  SELECT count(*) FILTER (WHERE v IS NOT NULL) AS kn,
         sum(w) FILTER (WHERE v) / sum(w) FILTER (WHERE v IS NOT NULL) AS p
  FROM (SELECT w, CASE p.code WHEN 'held' THEN held WHEN 'debt' THEN debt WHEN 'docs' THEN docs
                              WHEN 'freight_train' THEN freight_train WHEN 'smuggler' THEN smuggler END AS v
        FROM risk_t WHERE grp = 1 AND w IS NOT NULL AND NOT null_flags) q) x ON true
WHERE p.known_n > 0
ORDER BY p.code;
-- indicators never recorded: known_n 0, prevalence NULL
SELECT count(*) AS unrecorded, bool_and(p.prevalence IS NULL) AS all_null
FROM (SELECT (risk_profile(f, w, 't_five')) s FROM risk_t) a, indicator_prevalence(a.s) p
WHERE p.known_n = 0;

-- weights that are not multiples of 2^-24: still within 1e-9 of float SQL
SELECT abs((risk_profile(f, w / 3.7 + 0.001, 't_five')).any_prevalence
           - sum(w / 3.7 + 0.001) FILTER (WHERE held OR debt OR docs OR freight_train OR smuggler)
             / sum(w / 3.7 + 0.001)) < 1e-9 AS any_close
FROM risk_t WHERE f IS NOT NULL;

-- accessors for BI tools
SELECT summary_n(s) = (s).n AS n, summary_any_prevalence(s) = (s).any_prevalence AS p,
       summary_mean_score(s) = (s).mean_score AS m,
       summary_prevalence(s, 'held') = (s).prevalence[array_position((s).codes, 'held')] AS held
FROM (SELECT risk_profile(f, w, 't_five') s FROM risk_t) x;

-- edge cases
SELECT (risk_profile(f, w)).* FROM risk_t WHERE false;                       -- empty group
SELECT n, weighted_n, effective_n, any_prevalence, mean_score, coverage, suppressed
FROM (SELECT (risk_profile(f, 0.0, 't_five')).* FROM risk_t) x;              -- all zero weights
SELECT n, weighted_n, effective_n, any_prevalence, any_ci_low, any_ci_high, mean_score, score_ci_low, score_ci_high
FROM (SELECT (risk_profile('{held}'::risk_flags, 2.5, 't_five')).*) x;       -- one record: Wilson on n=1
SELECT (risk_profile(f)).n AS unweighted_n, count(f) AS non_null_flags FROM risk_t;
SELECT (risk_profile(f, NULL::float8)).n AS null_weights_skip_all FROM risk_t;

-- errors
SELECT risk_profile(f, -1.0) FROM risk_t;
SELECT risk_profile(f, 'NaN') FROM risk_t;
SELECT risk_profile(f, 'Infinity') FROM risk_t;
SELECT risk_profile(f, 1e12) FROM risk_t;
SELECT risk_profile(f, w, 'nope') FROM risk_t;
SELECT risk_profile(f, w, CASE WHEN id % 2 = 0 THEN 't_five' ELSE 'default' END) FROM risk_t;

-- small-cell suppression: groups below migrisk.min_cell_size are all NULL
-- (group 1 has exactly 979 records: at the threshold it is published)
SET migrisk.min_cell_size = 979;
SELECT grp, (s).n, round((s).any_prevalence::numeric, 4) AS p_any, (s).codes[1:2] AS codes, (s).suppressed
FROM (SELECT grp, risk_profile(f, w, 't_five') s FROM risk_t WHERE grp = 1 OR id % 2 = 0 GROUP BY grp) x
ORDER BY grp;
SET migrisk.min_cell_size = 980;
SELECT (s).n, (s).suppressed FROM (SELECT risk_profile(f, w, 't_five') s FROM risk_t WHERE grp = 1) x;
-- per indicator, estimates from fewer known records than the minimum are NULL
SELECT code, known_n, prevalence IS NULL AS suppressed
FROM (SELECT risk_profile(f, w, 't_five') s FROM risk_t) x, indicator_prevalence(x.s)
WHERE code IN ('held', 'debt') ORDER BY code;
SET migrisk.min_cell_size = 2500;
SELECT code, known_n, prevalence IS NULL AS suppressed
FROM (SELECT risk_profile(f, w, 't_five') s FROM risk_t) x, indicator_prevalence(x.s)
WHERE code IN ('held', 'debt') ORDER BY code;
-- a non-superuser cannot lower the threshold, even for its own session
CREATE ROLE regress_risk_bi;
GRANT USAGE ON SCHEMA migrisk TO regress_risk_bi;
GRANT SELECT ON risk_t TO regress_risk_bi;
SET migrisk.min_cell_size = 979;
SET ROLE regress_risk_bi;
SET migrisk.min_cell_size = 0;
SELECT grp, (s).n, (s).suppressed
FROM (SELECT grp, risk_profile(f, w, 't_five') s FROM risk_t WHERE grp = 1 OR id % 2 = 0 GROUP BY grp) x ORDER BY grp;
SELECT current_setting('migrisk.min_cell_size') AS still;
RESET ROLE;
RESET migrisk.min_cell_size;
REVOKE ALL ON risk_t FROM regress_risk_bi;
REVOKE ALL ON SCHEMA migrisk FROM regress_risk_bi;
DROP ROLE regress_risk_bi;
