-- risk_flags: text and binary I/O, every input error, operators, opclasses,
-- constructors and accessors.
SET search_path = public, migrisk;

-- text form: listed yes, others no; -code no; ?code unknown; lone ? = others unknown
SELECT t AS input, t::risk_flags AS canonical, flag_count(t::risk_flags), unknown_count(t::risk_flags)
FROM (VALUES ('{}'), ('{held,freight_train}'), (' { freight_train , held } '),
             ('{held,-debt,?smuggler}'), ('{?}'), ('{?,held,-debt}'),
             ('{#3,#40,-#5}'), ('{held,held}')) v(t);

-- the canonical text round-trips exactly
SELECT count(*) AS values_tested,
       count(*) FILTER (WHERE f::text::risk_flags = f AND f::text = f::text::risk_flags::text) AS round_trips
FROM (SELECT risk_flags(array_agg(code ORDER BY bit), array_agg(CASE (bit + k) % 3 WHEN 0 THEN true WHEN 1 THEN false END ORDER BY bit)) AS f
      FROM generate_series(1, 50) k, indicator WHERE (bit * k) % 7 < 4 GROUP BY k) s;

-- every input error
SELECT '{nope}'::risk_flags;
SELECT '{held,-Nope}'::risk_flags;
SELECT 'held'::risk_flags;
SELECT '{held'::risk_flags;
SELECT '{held,}'::risk_flags;
SELECT '{held;debt}'::risk_flags;
SELECT '{held} x'::risk_flags;
SELECT '{#64}'::risk_flags;
SELECT '{#}'::risk_flags;
SELECT '{held,-held}'::risk_flags;
SELECT '{?,?}'::risk_flags;
SELECT ''::risk_flags;

-- binary I/O round trip through COPY
CREATE TEMP TABLE rf (id int, f risk_flags);
INSERT INTO rf VALUES (1, '{held,freight_train}'), (2, '{?,held,-debt}'), (3, '{}'), (4, '{?}');
\copy rf TO 'results/migrisk_risk_flags.bin' WITH (FORMAT binary)
CREATE TEMP TABLE rf2 (LIKE rf);
\copy rf2 FROM 'results/migrisk_risk_flags.bin' WITH (FORMAT binary)
SELECT count(*) AS mismatches FROM rf JOIN rf2 USING (id) WHERE rf.f <> rf2.f;
-- hostile binary values: yes outside known, a short value, an unknown format
CREATE TEMP TABLE rfb (f risk_flags);
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\021\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\000\377\377' > results/migrisk_rf_bad1.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\011\001\000\000\000\000\000\000\000\001\377\377' > results/migrisk_rf_bad2.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\021\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\377\377' > results/migrisk_rf_bad3.bin
\copy rfb FROM 'results/migrisk_rf_bad1.bin' WITH (FORMAT binary)
\copy rfb FROM 'results/migrisk_rf_bad2.bin' WITH (FORMAT binary)
\copy rfb FROM 'results/migrisk_rf_bad3.bin' WITH (FORMAT binary)
SELECT count(*) AS loaded FROM rfb;

-- Kleene operators, indicator by indicator: yes/no/unknown truth tables
WITH s(name, f) AS (VALUES ('yes', '{held}'::risk_flags), ('no', '{}'), ('unk', '{?}')),
st AS (SELECT a.name AS a, b.name AS b,
              has_flag(a.f | b.f, 'held') AS "or", has_flag(a.f & b.f, 'held') AS "and",
              has_flag(a.f - b.f, 'held') AS "minus"
       FROM s a, s b)
SELECT * FROM st ORDER BY a, b;

SELECT '{held,debt}'::risk_flags @> '{held}' AS c1, '{held}'::risk_flags @> '{held,debt}' AS c2,
       '{held}'::risk_flags <@ '{held,debt}' AS c3, '{held,debt}'::risk_flags && '{debt,docs}' AS o1,
       '{held}'::risk_flags && '{debt}' AS o2, '{held}'::risk_flags = '{held}' AS e1,
       '{held}'::risk_flags = '{?,held}' AS e2, '{held}'::risk_flags <> '{?,held}' AS n1;

-- btree and hash opclasses: index scans agree with sequential scans
CREATE TEMP TABLE rfi AS
SELECT g AS id, risk_flags(ARRAY['held', 'debt', 'docs', 'smuggler'],
       ARRAY[g % 3 = 0, g % 5 = 0, CASE WHEN g % 7 = 0 THEN NULL ELSE g % 2 = 0 END, g % 11 = 0]) AS f
FROM generate_series(1, 2000) g;
CREATE INDEX rfi_b ON rfi USING btree (f);
CREATE INDEX rfi_h ON rfi USING hash (f);
ANALYZE rfi;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
CREATE TEMP TABLE idx AS
SELECT 'eq' AS op, v.f AS probe, (SELECT count(*) FROM rfi WHERE f = v.f) AS n FROM (SELECT DISTINCT f FROM rfi) v
UNION ALL
SELECT 'lt', v.f, (SELECT count(*) FROM rfi WHERE f < v.f) FROM (SELECT DISTINCT f FROM rfi) v;
RESET enable_seqscan;
RESET enable_bitmapscan;
SET enable_indexscan = off;
SET enable_indexonlyscan = off;
SET enable_bitmapscan = off;
SELECT count(*) AS probes,
       count(*) FILTER (WHERE n <> CASE op WHEN 'eq' THEN (SELECT count(*) FROM rfi WHERE f = probe)
                                           ELSE (SELECT count(*) FROM rfi WHERE f < probe) END) AS mismatches
FROM idx;
RESET enable_indexscan;
RESET enable_indexonlyscan;
RESET enable_bitmapscan;
SELECT count(DISTINCT f) AS distinct_values, (SELECT count(*) FROM (SELECT f FROM rfi GROUP BY f) g) AS hash_groups FROM rfi;

-- constructors and accessors
SELECT risk_flags(ARRAY['held', 'smuggler']) AS from_codes,
       risk_flags(ARRAY['held', 'debt', 'docs'], ARRAY[true, false, NULL]) AS from_states,
       has_flag('{held,?debt}', 'held') AS h_yes, has_flag('{held,?debt}', 'docs') AS h_no,
       has_flag('{held,?debt}', 'debt') AS h_unknown,
       to_codes('{smuggler,held,#40}') AS codes,
       unknown_codes('{?,held,-debt,-unpaid,-forced_work,-docs,-threats,-violence,-deception,-marriage,-organs,-substances,-deny_needs,-excessive_hours,-sexual_exploit,-freight_train}') AS unknowns;
SELECT risk_flags(ARRAY['held', 'nope']);
SELECT risk_flags(ARRAY['held', NULL]);
SELECT risk_flags(ARRAY['held'], ARRAY[true, false]);
SELECT risk_flags(ARRAY['held', 'held'], ARRAY[true, false]);
SELECT has_flag('{held}', 'nope');
-- bit masks: held is bit 3 (8), debt bit 0 (1)
SELECT risk_flags(8, -1) AS held_others_no, risk_flags(8, 9) AS held_debt_no_rest_unknown,
       yes_bits('{?,held,-debt}') AS yes, known_bits('{?,held,-debt}') AS known,
       risk_flags(yes_bits(f), known_bits(f)) = f AS round_trip
FROM (SELECT '{held,?smuggler,#63}'::risk_flags f) x;
SELECT risk_flags(8, 1);

-- loaders: CTDC (both generations, blank and -99 unknown), HTCDS, FMS
SELECT risk_flags_from_ctdc('{"meansOfControlDebtBondage": "1", "meansOfControlTakesEarnings": "0",
  "meansOfControlThreats": "0", "meansOfControlThreatOfLawEnforcement": "0",
  "meansOfControlFalsePromises": "-99", "isForcedLabour": "", "isSexualExploit": "0"}') AS ctdc_2018;
SELECT risk_flags_from_ctdc(to_jsonb(r)) AS ctdc_synthetic
FROM (SELECT '1' AS meansthreats, '0' AS meanswithholddocs, '0' AS isforcedlabour, NULL AS meansfalsepromises) r;
SELECT risk_flags_from_htcds(ARRAY['Threats', 'Smuggling, ransom']) AS htcds;
SELECT risk_flags_from_fms(true, false, NULL, false) AS fms, has_flag(risk_flags_from_fms(true, false, NULL, false), 'marriage') AS marriage;
