-- Privacy-preserving linkage: two agencies link removals to receptions
-- without exchanging names, through keyed Bloom-filter encodings.

\echo
\echo '== privacy-preserving linkage: keyed Bloom-filter encodings (CLK)'
-- The administrator stores a secret shared by both agencies.  Generated on
-- the server, it never appears in a statement (docs/privacy.md).
SELECT migrisk.pprl_set_key('demo_2025', md5(random()::text) || md5(random()::text));

-- Each side encodes its own records; only the encodings leave the agency.
CREATE TEMP TABLE demo_removal_enc AS
SELECT id, migrisk.clk_encode('demo_2025', given, surname1, surname2, dob) AS clk
FROM (VALUES
	(1, 'José Luis', 'García', 'López', '1990-07-15'),
	(2, 'María Guadalupe', 'Hernández', 'Cruz', '1985-02-03'),
	(3, 'Juan', 'Martínez', 'Ramos', '2001-11-30'),
	(4, 'Ana', 'Pérez', NULL, '1999-01-01')) v(id, given, surname1, surname2, dob);
CREATE TEMP TABLE demo_reception_enc AS
SELECT id, migrisk.clk_encode('demo_2025', given, surname1, surname2, dob) AS clk
FROM (VALUES
	(101, 'JOSE LUIS', 'GARSIA', 'LOPEZ', '1990-07-15'),
	(102, 'MARIA GPE.', 'HERNANDEZ', 'CRUZ', '1985-02-03'),
	(103, 'JUAN', 'MARTINES', 'RAMOS', '2001-11-03'),
	(105, 'PEDRO', 'SANCHEZ', 'RUIZ', '1980-04-12')) v(id, given, surname1, surname2, dob);

-- What crosses the line: 1024 bits in base64, around half of them set.
SELECT id, left(clk::text, 40) || '...' AS encoding, migrisk.clk_popcount(clk) AS bits_set
FROM demo_reception_enc ORDER BY id;

-- The linkage unit sees encodings only: one-to-one links by Dice similarity.
SELECT left_id AS removal, right_id AS reception, round(score::numeric, 3) AS dice
FROM migrisk.pprl_link('demo_removal_enc', 'demo_reception_enc', 0.8);

SELECT migrisk.pprl_drop_key('demo_2025');
