-- loaders: the helpers the real-data loaders (load/*.sql) share, on the
-- awkward values real files hold.  The loaders themselves are tested on
-- the real files by test/shell/realdata_*.sh.
SET search_path = migrisk, public;

-- splitting lines: quotes removed, "" a quote, empty unquoted NULL, empty
-- quoted '', a trailing CR dropped, the ICE banner row's empty fields
SELECT delimited_fields('"San Antonio Area of Responsibility"|9/30/2016|"(B)(6);(B)(7)(C) "', '|') AS ice,
       delimited_fields('"ERO-LESA Statistical Tracking Unit"|||', '|') AS banner;
SELECT delimited_fields(E'a,"x, ""y""","",\r') AS csv,
       cardinality(delimited_fields('')) AS empty_line_fields;
-- lines that cannot be split: NULL, and the reason
SELECT delimited_fields('a,"open') IS NULL AS open_quote_null,
       delimited_fields_error('a,"open') AS open_quote,
       delimited_fields_error('"ab"c,d') AS after_quote,
       delimited_fields_error('a,b') AS fine;
SELECT delimited_fields('a', '||');

-- M/D/YYYY dates: leading zeros optional, the calendar checked
SELECT v, us_date(v)
FROM unnest(ARRAY['9/30/2016', '09/03/2016', ' 2/29/2020 ', '2/29/2019', '13/1/2020', '4/31/2018',
                  '0/1/2020', '1/1/0999', '2016-09-30', '(B)(6);(B)(7)(C) ', '']) AS v;

-- FOIA redaction codes, normalised; anything else is not one
SELECT v, foia_redaction(v)
FROM unnest(ARRAY['(B)(6);(B)(7)(C) ', '(b)(7)(E)', '(B)(6), (B)(7)(C)', '(B)(7)(E) ', 'NA', '9/30/2016', '(B)', '']) AS v;

-- counts written as floats
SELECT v, whole_count(v)
FROM unnest(ARRAY['12', '12.0', '3.00', ' 7 ', '2.5', '-1', '1e3', '', '99999999999999999999']) AS v;

-- layouts: the line and column named, a NULL expected field matches
-- anything, trailing empty fields allowed
SELECT check_layout('f.csv', 1, ARRAY['a', 'b', NULL], ARRAY['a', 'b']) AS ok_trailing_empty,
       check_layout('f.csv', 1, ARRAY['x', 'b'], ARRAY[NULL, 'b']) AS ok_wildcard;
SELECT check_layout('f.csv', 6, ARRAY['a', 'B'], ARRAY['a', 'b']);
SELECT check_layout('f.csv', 6, ARRAY['a'], ARRAY['a', 'b']);
SELECT check_layout('f.csv', 6, ARRAY['a', 'b', 'c'], ARRAY['a', 'b']);
SELECT check_layout('f.csv', 6, NULL, ARRAY['a', 'b']);

-- countries: codes, ISO names in English and Spanish, the publishers'
-- spellings; KOREA and OTHER stay unmapped
SELECT v, country_iso3(v)
FROM unnest(ARRAY['MEX', 'gtm', 'MEXICO', 'México', 'CHINA, PEOPLES REPUBLIC OF', 'Costa de Marfíl', 'IVORY COAST',
                  'Türkiye', 'TURKEY', 'DEM REP OF THE CONGO', 'YUGOSLAVIA', 'KOSOVO', 'KOREA', 'OTHER']) AS v;
SELECT count(*) AS countries,
       count(*) FILTER (WHERE status = 'official') AS official,
       count(*) FILTER (WHERE status = 'former') AS former,
       count(*) FILTER (WHERE status = 'publisher') AS publisher
FROM country;
SELECT iso3, iso2, iso_numeric, name_en, name_es FROM country WHERE iso3 IN ('MEX', 'GTM', 'HND', 'SLV', 'USA') ORDER BY 1;
-- every alias is stored as its key
SELECT count(*) AS aliases_not_keys FROM country_alias WHERE alias <> country_key(alias);
INSERT INTO country_alias (alias, iso3) VALUES ('Mexique', 'MEX');
RESET search_path;
