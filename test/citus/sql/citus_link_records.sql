-- citus_link_records: link_records with a distributed input blocks,
-- compares and writes its links on the workers (work tables distributed by
-- blocking key, pairs and the result by id_a), and gives what one node
-- gives: with identity fields, and deduplicating, the same links and the
-- same model to the last bit; with the date window and plausibility, whose
-- u starts from random pairs, the same candidates and comparison vectors.
-- The synthetic records are in schema synth (loaded by test/citus/run.sh).
SET search_path = public, migrisk;
SET citus.shard_count = 32;
SET client_min_messages = warning;

CREATE TABLE lr_rm_local AS SELECT substr(r.record_id, 3)::int8 AS id, r.* FROM synth.removals r;
CREATE TABLE lr_rc_local AS SELECT 1000000000 + substr(r.record_id, 3)::int8 AS id, r.* FROM synth.receptions r;
CREATE TABLE lr_rm (LIKE lr_rm_local);
SELECT create_distributed_table('lr_rm', 'id');
INSERT INTO lr_rm SELECT * FROM lr_rm_local;
-- the receptions by another column than the id link_records is given
CREATE TABLE lr_rc (LIKE lr_rc_local);
SELECT create_distributed_table('lr_rc', 'record_id');
INSERT INTO lr_rc SELECT * FROM lr_rc_local;
SELECT (SELECT count(*) FROM lr_rm) AS removals, (SELECT count(*) FROM lr_rc) AS receptions;

-- identities (every function they call must exist on the workers)
\set lid '$$ROW(given_names, surname1, surname2, birth_date, CASE gender WHEN ''Male'' THEN ''M'' WHEN ''Female'' THEN ''F'' END, migrisk.country_iso3(citizenship))::migrisk.person_ident$$'
\set rid '$$ROW(given_names, surname1, surname2, birth_date, CASE sexo WHEN ''H'' THEN ''M'' WHEN ''M'' THEN ''F'' END, migrisk.country_iso3(nationality))::migrisk.person_ident$$'

-- the links of two runs differ in: Expected: 0
CREATE FUNCTION lr_diff(a regclass, b regclass, cols text) RETURNS int8 LANGUAGE plpgsql AS $$
DECLARE
	n int8;
BEGIN
	EXECUTE format('SELECT count(*) FROM ((SELECT %3$s FROM %1$s EXCEPT ALL SELECT %3$s FROM %2$s)
				   UNION ALL (SELECT %3$s FROM %2$s EXCEPT ALL SELECT %3$s FROM %1$s)) x', a, b, cols) INTO n;
	RETURN n;
END $$;

-- 1. removals to receptions, identity fields
SELECT link_records('lr_rm', 'id', :lid, 'lr_rc', 'id', :rid, result_table => 'lr_links_d', threshold => 0) AS md \gset
SELECT link_records('lr_rm_local', 'id', :lid, 'lr_rc_local', 'id', :rid, result_table => 'lr_links_l', threshold => 0) AS ml \gset
SELECT (:'md'::jsonb -> 'run' ->> 'distributed')::boolean AS distributed,
	   NOT (:'ml'::jsonb -> 'run' ->> 'distributed')::boolean AS local_not,
	   (:'md'::jsonb -> 'run' ->> 'candidate_pairs')::int8 = (:'ml'::jsonb -> 'run' ->> 'candidate_pairs')::int8 AS same_candidates,
	   (:'md'::jsonb -> 'run' ->> 'candidate_pairs')::int8 > 1000 AS many_candidates,
	   (:'md'::jsonb - 'run') = (:'ml'::jsonb - 'run') AS same_model,
	   (:'md'::jsonb -> 'run' -> 'expected_false_links') = (:'ml'::jsonb -> 'run' -> 'expected_false_links') AS same_estimate,
	   lr_diff('lr_links_d', 'lr_links_l', 'id_a, id_b, gamma, match_weight, match_probability') AS differing_links;
-- the result is a distributed table, colocated with nothing of the user's
SELECT partmethod, (SELECT column_to_column_name(logicalrelid, partkey)) AS distributed_by
FROM pg_dist_partition WHERE logicalrelid = 'lr_links_d'::regclass;
-- no work table is left, on the coordinator or on a worker
SELECT count(*) AS work_tables FROM pg_class WHERE relname LIKE '\_lr\_%';
SELECT DISTINCT result AS worker_work_tables
FROM run_command_on_workers($$SELECT count(*) FROM pg_class WHERE relname LIKE '\_lr\_%'$$);

-- 2. a distributed left table and a local right table
SELECT link_records('lr_rm', 'id', :lid, 'lr_rc_local', 'id', :rid, result_table => 'lr_links_m', threshold => 0) AS mm \gset
SELECT (:'mm'::jsonb -> 'run' ->> 'distributed')::boolean AS distributed,
	   (:'mm'::jsonb - 'run') = (:'ml'::jsonb - 'run') AS mixed_same_model,
	   lr_diff('lr_links_m', 'lr_links_l', 'id_a, id_b, gamma, match_probability') AS mixed_differing_links;

-- 3. deduplicating the removals, with keys skipped as larger than max_block
SELECT link_records('lr_rm', 'id', :lid, result_table => 'lr_dup_d', threshold => 0, max_block => 3) AS dd \gset
SELECT link_records('lr_rm_local', 'id', :lid, result_table => 'lr_dup_l', threshold => 0, max_block => 3) AS dl \gset
SELECT (:'dd'::jsonb -> 'run' ->> 'skipped_keys')::int8 = (:'dl'::jsonb -> 'run' ->> 'skipped_keys')::int8 AS same_skipped,
	   (:'dd'::jsonb -> 'run' ->> 'skipped_keys')::int8 > 0 AS some_skipped,
	   (:'dd'::jsonb -> 'run' ->> 'candidate_pairs')::int8 = (:'dl'::jsonb -> 'run' ->> 'candidate_pairs')::int8 AS same_candidates,
	   (:'dd'::jsonb - 'run') = (:'dl'::jsonb - 'run') AS same_model,
	   lr_diff('lr_dup_d', 'lr_dup_l', 'id_a, id_b, gamma, match_weight, match_probability') AS differing_links,
	   (SELECT bool_and(id_a < id_b) FROM lr_dup_d) AS ordered_pairs;

-- 4. the date window and return plausibility (an expression over l.* and r.*)
SELECT link_records('lr_rm', 'id', :lid, 'lr_rc', 'id', :rid, result_table => 'lr_win_d', threshold => 0,
	plausibility => 'migrisk.return_plausibility(l.removal_date, l.port_of_departure, r.reception_date, r.reception_point)',
	left_date => 'removal_date', right_date => 'reception_date') AS wd \gset
SELECT link_records('lr_rm_local', 'id', :lid, 'lr_rc_local', 'id', :rid, result_table => 'lr_win_l', threshold => 0,
	plausibility => 'migrisk.return_plausibility(l.removal_date, l.port_of_departure, r.reception_date, r.reception_point)',
	left_date => 'removal_date', right_date => 'reception_date') AS wl \gset
SELECT (:'wd'::jsonb -> 'run' ->> 'candidate_pairs')::int8 = (:'wl'::jsonb -> 'run' ->> 'candidate_pairs')::int8 AS same_candidates,
	   (:'wd'::jsonb -> 'run' ->> 'u_pairs')::int8 = (:'wl'::jsonb -> 'run' ->> 'u_pairs')::int8 AS same_u_pairs,
	   lr_diff('lr_win_d', 'lr_win_l', 'id_a, id_b, gamma') AS differing_vectors,
	   (SELECT count(*) FROM lr_win_d WHERE level(gamma, 'plausibility') <> 'missing') > 0 AS plausibility_compared;

-- 5. a given model: no EM, the same links
SELECT link_records('lr_rm', 'id', :lid, 'lr_rc', 'id', :rid, result_table => 'lr_given_d',
	model => (SELECT :'ml'::jsonb - 'run')) -> 'run' ->> 'links' AS links_given
\gset
SELECT :links_given = (SELECT count(*) FROM lr_links_l WHERE match_probability >= 0.5) AS given_model_links;

DROP TABLE lr_links_d, lr_links_l, lr_links_m, lr_dup_d, lr_dup_l, lr_win_d, lr_win_l, lr_given_d,
	lr_rm, lr_rc, lr_rm_local, lr_rc_local;
DROP FUNCTION lr_diff(regclass, regclass, text);
