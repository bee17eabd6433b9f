-- route_segment_journey_agg: journey(s) without ORDER BY gives the legs by
-- departure, the same whatever order the rows come in and whatever the
-- plan (it runs in parallel: its state is a journey, with a combine
-- function); with ORDER BY it keeps the order asked for.
SET search_path = migrisk, public;
SET TimeZone = 'UTC';

-- 300 people, 6 legs each, some times unknown (about one departure in
-- five, one arrival in four), some legs NULL, rows in random order.
SELECT setseed(0.31);
CREATE TABLE ja_legs AS
SELECT p AS person, k,
	   CASE WHEN random() < 0.03 THEN NULL ELSE
		 route_segment(-92 - random() * 5, 14 + random() * 5, -92 - random() * 5, 14 + random() * 5,
					   (ARRAY['foot', 'bus', 'freight_train', 'car'])[1 + (random() * 3)::int],
					   CASE WHEN random() < 0.2 THEN NULL
							ELSE timestamptz '2024-01-01' + (random() * 90) * interval '1 day' END,
					   CASE WHEN random() < 0.25 THEN NULL
							ELSE timestamptz '2024-04-01' + (random() * 30) * interval '1 day' END) END AS s
FROM generate_series(1, 300) p, generate_series(1, 6) k
ORDER BY random();
SELECT count(*) AS rows, count(s) AS legs, count(DISTINCT person) AS persons,
	   count(*) FILTER (WHERE depart(s) IS NULL AND s IS NOT NULL) > 0 AS some_unknown_departures
FROM ja_legs;

-- The rule, written out in SQL as a second method: by departure, else by
-- arrival, legs with neither last, ties in route_segment order.  Expected:
-- no rows.
SELECT person FROM ja_legs GROUP BY person
HAVING journey(s)::text IS DISTINCT FROM
	   journey(s ORDER BY coalesce(depart(s), arrive(s)) NULLS LAST, s)::text;
-- the same in another row order.  Expected: no rows.
SELECT person FROM (SELECT * FROM ja_legs ORDER BY md5(k::text || person::text)) x GROUP BY person
HAVING journey(s)::text IS DISTINCT FROM
	   (SELECT journey(s)::text FROM ja_legs y WHERE y.person = x.person);

-- ORDER BY still rules: reversed departures give the reversed journey
SELECT count(*) AS reversed_as_asked
FROM (SELECT person, journey(s ORDER BY coalesce(depart(s), arrive(s)) NULLS LAST, s) AS fwd,
			 journey(s ORDER BY coalesce(depart(s), arrive(s)) DESC NULLS FIRST, s DESC) AS bwd
	  FROM ja_legs GROUP BY person) q
WHERE (SELECT array_agg(x ORDER BY o DESC) FROM segments(fwd) WITH ORDINALITY t(x, o))
	= (SELECT array_agg(x ORDER BY o) FROM segments(bwd) WITH ORDINALITY t(x, o));

-- Parallel: Partial Aggregate in the plan, and the same journeys.
CREATE TABLE ja_serial AS SELECT person, journey(s) AS j FROM ja_legs GROUP BY person;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET enable_hashagg = off;
ANALYZE ja_legs;
EXPLAIN (COSTS OFF) SELECT journey(s) FROM ja_legs;
SELECT journey(s)::text = (SELECT journey(s ORDER BY coalesce(depart(s), arrive(s)) NULLS LAST, s)::text FROM ja_legs)
	   AS parallel_one_journey, legs(journey(s)) AS legs
FROM ja_legs;
EXPLAIN (COSTS OFF) SELECT person, journey(s) FROM ja_legs GROUP BY person;
SELECT count(*) AS persons,
	   count(*) FILTER (WHERE p.j::text IS DISTINCT FROM s.j::text) AS differ
FROM (SELECT person, journey(s) AS j FROM ja_legs GROUP BY person) p JOIN ja_serial s USING (person);
RESET enable_hashagg;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- NULL legs only, and no rows: NULL, as before
SELECT journey(NULL::route_segment) IS NULL AS only_null_legs,
	   (SELECT journey(s) FROM ja_legs WHERE false) IS NULL AS no_rows;

-- the transition and combine functions outside an aggregate
SELECT _journey_accum(NULL, 'car (0 0, 1 1)');
SELECT _journey_combine(NULL, NULL);

DROP TABLE ja_legs, ja_serial;
