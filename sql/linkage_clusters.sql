-- linkage_clusters: persons from links (connected components), on graphs
-- whose components are known.

-- A chain 1-2-3-4-5, a star 10 with 11..14 (edges given both ways and
-- twice), a cycle 20-21-22-20, a self loop on 30, record 40 without links,
-- and ids that are not in order.
CREATE TEMP TABLE edges (a int8, b int8);
INSERT INTO edges VALUES
	(4, 5), (1, 2), (3, 4), (2, 3),
	(10, 11), (12, 10), (10, 13), (14, 10), (11, 10), (10, 11),
	(21, 22), (20, 21), (22, 20),
	(30, 30),
	(40, NULL);
SELECT record_id, person_id FROM migrisk.link_clusters('SELECT a, b FROM edges') ORDER BY record_id;

-- Persons and events: 5 + 5 + 3 + 1 + 1 records, 5 persons.
SELECT count(*) AS records, count(DISTINCT person_id) AS persons
FROM migrisk.link_clusters('SELECT a, b FROM edges');

-- Negative ids, integer and smallint columns, and the extremes of bigint.
SELECT * FROM migrisk.link_clusters($$VALUES (-5, 7), (7, 9)$$) ORDER BY 1;
SELECT * FROM migrisk.link_clusters($$SELECT 3::smallint, 2::int$$) ORDER BY 1;
SELECT * FROM migrisk.link_clusters($$VALUES ('9223372036854775807'::int8, '-9223372036854775808'::int8)$$) ORDER BY 1;
-- no rows, no persons
SELECT count(*) FROM migrisk.link_clusters('SELECT a, b FROM edges WHERE false');

-- A long chain (20,000 records, edges in shuffled order) is one person;
-- the id map and the forest grow many times on the way.
SELECT setseed(0.7);
SELECT count(*) AS records, count(DISTINCT person_id) AS persons, min(person_id), max(person_id)
FROM migrisk.link_clusters($$SELECT i, i + 1 FROM generate_series(1, 19999) i ORDER BY random()$$);

-- Against an independent computation: a random graph of 400 records and 300
-- edges, components by a recursive query (reachability, then the smallest
-- reachable id).  Expected: no mismatches.
CREATE TEMP TABLE rnd AS
SELECT (random() * 399)::int8 + 1 AS a, (random() * 399)::int8 + 1 AS b FROM generate_series(1, 300);
WITH RECURSIVE und AS (SELECT a, b FROM rnd UNION SELECT b, a FROM rnd),
reach(src, dst) AS (
	SELECT a, a FROM und
	UNION
	SELECT r.src, u.b FROM reach r JOIN und u ON u.a = r.dst),
expected AS (SELECT src AS record_id, min(dst) AS person_id FROM reach GROUP BY src)
SELECT count(*) AS mismatches
FROM expected e FULL JOIN migrisk.link_clusters('SELECT a, b FROM rnd') c USING (record_id)
WHERE e.person_id IS DISTINCT FROM c.person_id;

-- From a links table with a probability threshold.
CREATE TEMP TABLE links (id_a int8, id_b int8, match_probability float8);
INSERT INTO links VALUES (1, 2, 0.99), (2, 3, 0.40), (3, 4, 0.97), (5, 6, 0.5);
SELECT * FROM migrisk.link_clusters('links', 0.9) ORDER BY 1;
-- a lone string is the query form: the table form needs its threshold
SELECT * FROM migrisk.link_clusters('links');
SELECT count(DISTINCT person_id) FROM migrisk.link_clusters('links', 0);

-- Errors, before any work.
SELECT * FROM migrisk.link_clusters('links', 1.5);
SELECT * FROM migrisk.link_clusters('links', -0.1);
SELECT * FROM migrisk.link_clusters('links', 'NaN');
CREATE TEMP TABLE not_links (id_a int8, id_b int8);
SELECT * FROM migrisk.link_clusters('not_links', 0.5);
SELECT * FROM migrisk.link_clusters('no_such_table', 0.5);
SELECT * FROM migrisk.link_clusters('SELECT a FROM edges');
SELECT * FROM migrisk.link_clusters('SELECT a, b, a FROM edges');
SELECT * FROM migrisk.link_clusters('SELECT a::text, b FROM edges');
SELECT * FROM migrisk.link_clusters('SELECT a, b FROM no_such_table');
SELECT * FROM migrisk.link_clusters('DELETE FROM edges');
SELECT * FROM migrisk.link_clusters('');
SELECT count(*) AS edges_untouched FROM edges;
