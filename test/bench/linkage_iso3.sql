-- pg_temp.iso3: the country names of the synthetic removals and receptions
-- (citizenship, nationality) to ISO 3166-1 alpha-3, for the linkage
-- benchmarks (\i from the repository root).
CREATE FUNCTION pg_temp.iso3(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE upper(t)
		WHEN 'MEXICO' THEN 'MEX' WHEN 'MEXICANA' THEN 'MEX' WHEN 'CUBA' THEN 'CUB' WHEN 'CUBANA' THEN 'CUB'
		WHEN 'VENEZUELA' THEN 'VEN' WHEN 'VENEZOLANA' THEN 'VEN' WHEN 'HAITI' THEN 'HTI' WHEN 'HAITIANA' THEN 'HTI'
		WHEN 'NICARAGUA' THEN 'NIC' WHEN 'NICARAGÜENSE' THEN 'NIC' END $$;
