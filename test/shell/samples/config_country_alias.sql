INSERT INTO migrisk.country_alias (alias, iso3) VALUES (migrisk.country_key('Estados Unidos Mexicanos (test)'), 'MEX');
