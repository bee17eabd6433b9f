-- pg_temp.iso3: the country names of the synthetic removals and receptions
-- (citizenship, nationality) to ISO 3166-1 alpha-3, for the linkage
-- benchmarks (\i from the repository root).  Every name the generator
-- writes, as migrisk.country_iso3 maps it, plus the demonym MEXICANA of
-- the receptions; a CASE, not the table lookup, so that the million-row
-- benches do not time the lookup.  A name left out would make the field
-- missing and hide a disagreement.
CREATE FUNCTION pg_temp.iso3(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE upper(t)
		WHEN 'MEXICO' THEN 'MEX' WHEN 'MÉXICO' THEN 'MEX' WHEN 'MEXICANA' THEN 'MEX' WHEN 'CUBA' THEN 'CUB' WHEN 'CUBANA' THEN 'CUB'
		WHEN 'VENEZUELA' THEN 'VEN' WHEN 'VENEZOLANA' THEN 'VEN' WHEN 'HAITI' THEN 'HTI' WHEN 'HAITÍ' THEN 'HTI'
		WHEN 'HAITIANA' THEN 'HTI' WHEN 'NICARAGUA' THEN 'NIC' WHEN 'NICARAGÜENSE' THEN 'NIC'
		WHEN 'GUATEMALA' THEN 'GTM' WHEN 'HONDURAS' THEN 'HND' WHEN 'EL SALVADOR' THEN 'SLV'
		WHEN 'ECUADOR' THEN 'ECU' WHEN 'COLOMBIA' THEN 'COL' END $$;
