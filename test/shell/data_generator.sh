#!/bin/sh
# The synthetic data generator (test/data/, docs/data.md): determinism,
# distributions within stated tolerances, coordinates and times, truth
# consistent with the events, agency errors present exactly where the truth
# says, and the plain loader (test/data/load.sql) loading every file.
# Runs in the test cluster (PGHOST/PGPORT/PGUSER set, superuser).
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
db=migrisk_data_$$
trap 'rm -rf "$tmp"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}

N=20000
FINGERPRINT=a6d1bfadfa1cab34
gen() {
	sh test/data/run.sh "$@" --quiet
}

# --- determinism --------------------------------------------------------
gen $N 1 "$tmp/a"
gen $N 1 "$tmp/b"
gen $N 2 "$tmp/c"
for f in "$tmp"/a/*.csv; do
	n=$(basename "$f")
	cmp -s "$f" "$tmp/b/$n" || bad "seed 1 twice: $n differs"
done
[ "$(ls "$tmp/a" | wc -l)" -eq 10 ] || bad "expected 10 files, got $(ls "$tmp/a" | tr '\n' ' ')"
for n in persons.csv legs.csv apprehensions.csv removals.csv receptions.csv survey.csv; do
	cmp -s "$tmp/a/$n" "$tmp/c/$n" && bad "seed 1 and seed 2 give the same $n"
done
# a known fingerprint of seed 1: the same bytes on every machine, and no
# change of the output that was not meant (when one is, update it here and
# GEN_VERSION in gen.c)
fp=$(cat "$tmp"/a/*.csv | sha256sum | cut -c1-16)
[ "$fp" = "$FINGERPRINT" ] || bad "seed 1, $N persons: fingerprint $fp, expected $FINGERPRINT"

# every option is honoured: with all error rates 0 no copy has an error
gen 2000 7 "$tmp/z" --typo 0 --phonetic 0 --accent 0 --abbrev 0 --swap 0 \
	--drop-s2 0 --us-drop-s2 0 --join 0 --dmy 0 --missing 0 --nickname 0 \
	--drop-given 0 --particle 0 --year 0 --implausible 0
[ "$(cut -d, -f4 "$tmp/z/truth_records.csv" | grep -c .)" -eq 1 ] ||
	bad "error rates 0 still logged errors"
grep -q ',1,too_fast\|,1,time_reversed' "$tmp/z/legs.csv" && bad "--implausible 0 still flagged legs"
# --errors 0 scales every identity error away; --errors 2 doubles the rates
gen 2000 7 "$tmp/e0" --errors 0 --implausible 0
[ "$(cut -d, -f4 "$tmp/e0/truth_records.csv" | grep -c .)" -eq 1 ] ||
	bad "--errors 0 still logged errors"
gen 10 7 "$tmp/e2" --errors 2 --typo 0.4
grep -q '^rate_typo,0.800000$' "$tmp/e2/params.csv" && grep -q '^rate_abbrev,0.500000$' "$tmp/e2/params.csv" &&
	grep -q '^error_scale,2.000000$' "$tmp/e2/params.csv" || bad "--errors 2 does not double the rates"
# bad arguments are refused
if sh test/data/run.sh 10 1 "$tmp/x" --typo 1.5 2>/dev/null; then bad "--typo 1.5 accepted"; fi
if sh test/data/run.sh 10 1 "$tmp/x" --bogus 1 2>/dev/null; then bad "--bogus accepted"; fi
if sh test/data/run.sh x 1 "$tmp/x" 2>/dev/null; then bad "persons=x accepted"; fi

# --- load -----------------------------------------------------------------
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
psql -X -q -d "$db" -v dir="$tmp/a" -f test/data/load.sql
for f in "$tmp"/a/*.csv; do
	t=$(basename "$f" .csv)
	lines=$(($(wc -l < "$f") - 1))
	rows=$(psql -X -At -d "$db" -c "SELECT count(*) FROM synth.$t")
	[ "$lines" = "$rows" ] || bad "synth.$t has $rows rows, $t.csv $lines lines"
	[ "$rows" -gt 0 ] || bad "synth.$t is empty"
done
psql -X -q -d "$db" -v dir="$tmp/z" -f test/data/load.sql -c 'SELECT 1' >/dev/null ||
	bad "load.sql cannot be run twice"
psql -X -q -d "$db" -v dir="$tmp/a" -f test/data/load.sql
if psql -X -q -d "$db" -f test/data/load.sql 2>/dev/null; then bad "load.sql without -v dir succeeded"; fi

# --- checks in SQL: each query returns rows (name, ok, detail) -----------------
psql -X -q -At -F '|' -d "$db" -v ON_ERROR_STOP=1 > "$tmp/checks" <<'SQL'
CREATE TEMP TABLE p AS SELECT key, value FROM synth.params;
CREATE FUNCTION pg_temp.param(text) RETURNS float8 LANGUAGE sql
	AS $$ SELECT value::float8 FROM synth.params WHERE key = $1 $$;
-- the agency rendering of a true name: upper case; ASCII for US records
CREATE FUNCTION pg_temp.up(text) RETURNS text LANGUAGE sql
	AS $$ SELECT upper(translate($1, 'áéíóúüñèçàâêîôû', 'ÁÉÍÓÚÜÑÈÇÀÂÊÎÔÛ')) $$;
CREATE FUNCTION pg_temp.ascii_up(text) RETURNS text LANGUAGE sql
	AS $$ SELECT upper(translate($1, 'áéíóúüñèçàâêîôûÁÉÍÓÚÜÑÈÇ', 'aeiouunecaaeiouAEIOUUNEC')) $$;

-- records with the identity copy, the truth, and the style
CREATE TEMP TABLE copies AS
SELECT a.record_id, (a.agency = 'USBP') AS us, a.given_names, a.surname1, a.surname2,
	a.sex IS NULL AS sex_missing, a.birth_date, t.errors, t.person_id
FROM synth.apprehensions a JOIN synth.truth_records t USING (record_id)
UNION ALL
SELECT r.record_id, true, r.given_names, r.surname1, r.surname2, r.gender IS NULL,
	r.birth_date, t.errors, t.person_id
FROM synth.removals r JOIN synth.truth_records t USING (record_id)
UNION ALL
SELECT c.record_id, false, c.given_names, c.surname1, c.surname2, c.sexo IS NULL,
	c.birth_date, t.errors, t.person_id
FROM synth.receptions c JOIN synth.truth_records t USING (record_id);
CREATE TEMP TABLE cp AS
SELECT c.*, p.given_names AS t_given, p.surname1 AS t_s1, p.surname2 AS t_s2,
	p.birth_date AS t_birth,
	coalesce(string_to_array(c.errors, ';'), '{}') AS e
FROM copies c JOIN synth.persons p USING (person_id);

-- an error rate among eligible copies, against the configured rate
CREATE FUNCTION pg_temp.rate(name text, n bigint, k bigint, want float8, tol float8)
	RETURNS TABLE (name text, ok bool, detail text) LANGUAGE sql AS $$
	SELECT $1, n > 500 AND abs(k::float8 / n - want) <= tol,
		format('%s of %s = %s, want %s +- %s', k, n, round(k::numeric / nullif(n, 0), 4), want, tol)
$$;

-- 1. surnames: the ten most common Hispanic surnames carry their expected
-- share (params expected_top10_surname_share; Haitians and Guatemalans, who
-- draw from other lists too, excluded); Hernandez is the most common; a long tail
SELECT * FROM pg_temp.rate('surname top-10 share',
	(SELECT count(*) FROM synth.persons WHERE nationality NOT IN ('HTI', 'GTM')),
	(SELECT count(*) FROM synth.persons WHERE nationality NOT IN ('HTI', 'GTM') AND surname1 IN
		('Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz')),
	pg_temp.param('expected_top10_surname_share'), 0.015);
SELECT 'most common surname is Hernández',
	(SELECT surname1 FROM synth.persons GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) = 'Hernández', '';
SELECT 'surname long tail', count(*) >= 400 AND count(*) FILTER (WHERE n < 10) >= 150,
	format('%s distinct surnames, %s seen fewer than 10 times', count(*), count(*) FILTER (WHERE n < 10))
FROM (SELECT surname1, count(*) AS n FROM synth.persons GROUP BY 1) s;
SELECT 'top-10 share realistic (0.20..0.30)', pg_temp.param('expected_top10_surname_share') BETWEEN 0.20 AND 0.30, '';

-- 2. nationality shares (configured per mille in tables.h), +- 0.015
SELECT 'nationality ' || w.nat, abs(coalesce(s.share, 0) - w.want) <= 0.015,
	format('%s, want %s', round(s.share::numeric, 4), w.want)
FROM (VALUES ('MEX', 0.38), ('GTM', 0.15), ('HND', 0.14), ('SLV', 0.06), ('NIC', 0.04),
	('VEN', 0.10), ('CUB', 0.04), ('HTI', 0.04), ('ECU', 0.03), ('COL', 0.02)) w(nat, want)
LEFT JOIN (SELECT nationality, count(*)::float8 / sum(count(*)) OVER () AS share
	FROM synth.persons GROUP BY 1) s ON s.nationality = w.nat;

-- 3. error rates among the copies that allow the error
SELECT * FROM pg_temp.rate('typo rate', (SELECT count(*) FROM cp),
	(SELECT count(*) FROM cp WHERE 'typo' = ANY (e)), pg_temp.param('rate_typo'), 0.006);
SELECT * FROM pg_temp.rate('swap rate', (SELECT count(*) FROM cp WHERE t_s2 IS NOT NULL AND t_s2 <> t_s1),
	(SELECT count(*) FROM cp WHERE 'swap' = ANY (e)), pg_temp.param('rate_swap'), 0.005);
SELECT * FROM pg_temp.rate('drop_s2 rate, Mexican records', (SELECT count(*) FROM cp WHERE NOT us AND t_s2 IS NOT NULL AND t_s2 <> t_s1),
	(SELECT count(*) FROM cp WHERE NOT us AND 'drop_s2' = ANY (e)), pg_temp.param('rate_drop_s2'), 0.01);
SELECT * FROM pg_temp.rate('drop_s2 rate, US records', (SELECT count(*) FROM cp WHERE us AND t_s2 IS NOT NULL AND t_s2 <> t_s1),
	(SELECT count(*) FROM cp WHERE us AND 'drop_s2' = ANY (e)), pg_temp.param('rate_us_drop_s2'), 0.012);
SELECT * FROM pg_temp.rate('join rate, US records', (SELECT count(*) FROM cp WHERE us AND t_s2 IS NOT NULL AND t_s2 <> t_s1),
	(SELECT count(*) FROM cp WHERE us AND 'join' = ANY (e)), pg_temp.param('rate_join'), 0.01);
SELECT * FROM pg_temp.rate('dmy rate', (SELECT count(*) FROM cp
		WHERE extract(day FROM t_birth) <= 12 AND extract(day FROM t_birth) <> extract(month FROM t_birth)),
	(SELECT count(*) FROM cp WHERE 'dmy' = ANY (e)), pg_temp.param('rate_dmy'), 0.01);
SELECT * FROM pg_temp.rate('missing birth date rate', (SELECT count(*) FROM cp),
	(SELECT count(*) FROM cp WHERE 'miss_birth' = ANY (e)), pg_temp.param('rate_missing'), 0.005);
SELECT * FROM pg_temp.rate('missing sex rate', (SELECT count(*) FROM cp),
	(SELECT count(*) FROM cp WHERE 'miss_sex' = ANY (e)), pg_temp.param('rate_missing'), 0.005);
SELECT * FROM pg_temp.rate('year rate', (SELECT count(*) FROM cp),
	(SELECT count(*) FROM cp WHERE 'year' = ANY (e)), pg_temp.param('rate_year'), 0.005);
-- (every given name starts with a word that is not a particle, so a space
-- means two groups)
SELECT * FROM pg_temp.rate('drop_given rate', (SELECT count(*) FROM cp WHERE t_given ~ ' '),
	(SELECT count(*) FROM cp WHERE 'drop_given' = ANY (e)),
	pg_temp.param('rate_drop_given'), 0.02);
SELECT * FROM pg_temp.rate('particle rate', (SELECT count(*) FROM cp WHERE t_given || ' ' || t_s1 || ' ' || coalesce(t_s2, '') ~ '(^| )(de|del|la|las|los|y)( |$)'),
	(SELECT count(*) FROM cp WHERE 'particle' = ANY (e)), pg_temp.param('rate_particle'), 0.03);
SELECT 'particle: only names with a particle', bool_and(t_given || ' ' || t_s1 || ' ' || coalesce(t_s2, '') ~ '(^| )(de|del|la|las|los|y)( |$)'), ''
FROM cp WHERE 'particle' = ANY (e);
SELECT 'particle: no particle left', bool_and(given_names || ' ' || surname1 || ' ' || coalesce(surname2, '') !~ '(^| )(DE|DEL|LA|LAS|LOS|Y)( |$)'), ''
FROM cp WHERE 'particle' = ANY (e) AND NOT e && '{typo,phonetic}';
SELECT 'nickname: a hypocorism in the given names', count(*) > 0 AND bool_and(given_names ~
	'(^| )(PANCHO|PACO|PEPE|LUPE|LUPITA|CHUY|NACHO|MEMO|BETO|TOÑO|TONO|QUIQUE|LALO|CONCHA|ALEX|MANOLO|CHAVA|RAFA|TERE|PATY|LETY|MAGOS|CHABELA|CHELA)( |$)'),
	count(*) || ' copies'
FROM cp WHERE 'nickname' = ANY (e) AND NOT e && '{typo,phonetic,drop_given}';
SELECT 'year: birth year off by one', count(*) > 0 AND bool_and(abs(extract(year FROM birth_date) - extract(year FROM t_birth)) = 1), count(*) || ' copies'
FROM cp WHERE 'year' = ANY (e) AND NOT 'miss_birth' = ANY (e);
SELECT * FROM pg_temp.rate('accent rate, Mexican records', (SELECT count(*) FROM cp WHERE NOT us
		AND translate(t_given || t_s1 || coalesce(t_s2, ''), 'ñÑ', 'nN') ~ '[^ -~]'),
	(SELECT count(*) FROM cp WHERE 'accent' = ANY (e)), pg_temp.param('rate_accent'), 0.02);

-- 4. the errors are in the data exactly where the truth says
SELECT 'copies without errors equal the truth', count(*) = 0, count(*) || ' differ'
FROM cp WHERE e = '{}' AND NOT (
	given_names = CASE WHEN us THEN pg_temp.ascii_up(t_given) ELSE pg_temp.up(t_given) END
	AND surname1 = CASE WHEN us THEN pg_temp.ascii_up(t_s1) ELSE pg_temp.up(t_s1) END
	AND surname2 IS NOT DISTINCT FROM CASE WHEN us THEN pg_temp.ascii_up(t_s2) ELSE pg_temp.up(t_s2) END
	AND birth_date = t_birth AND NOT sex_missing);
SELECT 'copies with errors differ from the truth', count(*) = 0, count(*) || ' equal'
FROM cp WHERE e <> '{}' AND (
	given_names = CASE WHEN us THEN pg_temp.ascii_up(t_given) ELSE pg_temp.up(t_given) END
	AND surname1 = CASE WHEN us THEN pg_temp.ascii_up(t_s1) ELSE pg_temp.up(t_s1) END
	AND surname2 IS NOT DISTINCT FROM CASE WHEN us THEN pg_temp.ascii_up(t_s2) ELSE pg_temp.up(t_s2) END
	AND birth_date IS NOT DISTINCT FROM t_birth AND NOT sex_missing);
SELECT 'dmy: day and month transposed', count(*) > 0 AND bool_and(birth_date =
		make_date(extract(year FROM t_birth)::int, extract(day FROM t_birth)::int, extract(month FROM t_birth)::int)),
	count(*) || ' copies'
FROM cp WHERE 'dmy' = ANY (e) AND NOT e && '{miss_birth,year}';
SELECT 'birth date kept unless dmy, year or missing', bool_and(birth_date = t_birth), ''
FROM cp WHERE NOT e && '{dmy,year,miss_birth}';
SELECT 'missing birth/sex blank exactly when logged',
	bool_and(('miss_birth' = ANY (e)) = (birth_date IS NULL)) AND bool_and(('miss_sex' = ANY (e)) = sex_missing), ''
FROM cp;
SELECT 'swap: surnames exchanged', count(*) > 0 AND bool_and(
		surname1 = CASE WHEN us THEN pg_temp.ascii_up(t_s2) ELSE pg_temp.up(t_s2) END AND
		surname2 = CASE WHEN us THEN pg_temp.ascii_up(t_s1) ELSE pg_temp.up(t_s1) END), count(*) || ' copies'
FROM cp WHERE e && '{swap}' AND NOT e && '{typo,phonetic,accent,particle}';
SELECT 'drop_s2 and join leave surname2 blank', bool_and(surname2 IS NULL), count(*) || ' copies'
FROM cp WHERE e && '{drop_s2,join}';
SELECT 'join: both surnames in surname1', count(*) > 0 AND bool_and(
		surname1 IN (pg_temp.ascii_up(t_s1 || ' ' || t_s2), pg_temp.ascii_up(t_s1 || '-' || t_s2))), count(*) || ' copies'
FROM cp WHERE 'join' = ANY (e) AND NOT e && '{typo,phonetic,particle}';
SELECT 'abbrev: Ma./Mª/Gpe./Fco./J. only where logged',
	bool_and(('abbrev' = ANY (e)) = (given_names ~ '(^| )((MA|GPE|FCO|J)\.|Mª)')), count(*) FILTER (WHERE 'abbrev' = ANY (e)) || ' copies'
FROM cp WHERE NOT e && '{typo,phonetic}';
SELECT 'US copies are ASCII', bool_and(given_names || surname1 || coalesce(surname2, '') ~ '^[ -~]*$'), ''
FROM cp WHERE us;
SELECT 'accent: Mexican copies keep accents unless logged', count(*) = 0, count(*) || ' copies'
FROM cp WHERE NOT us AND e = '{}' AND translate(t_given || t_s1 || coalesce(t_s2, ''), 'ñÑ', 'nN') ~ '[^ -~]'
	AND translate(given_names || surname1 || coalesce(surname2, ''), 'Ññ', 'Nn') ~ '^[ -~]*$';

-- 5. coordinates and times
SELECT 'coordinates in the corridor box', bool_and(lon BETWEEN -118 AND -66 AND lat BETWEEN -1 AND 33), ''
FROM (SELECT from_lon lon, from_lat lat FROM synth.legs UNION ALL SELECT to_lon, to_lat FROM synth.legs
	UNION ALL SELECT lon, lat FROM synth.apprehensions UNION ALL SELECT lon, lat FROM synth.receptions) c;
SELECT 'Tapachula at its real place', bool_and(abs(to_lon - -92.26) < 0.05 AND abs(to_lat - 14.90) < 0.05), ''
FROM synth.legs WHERE to_place = 'Tapachula';
SELECT 'depart <= arrive (no --reversed)', count(*) = 0, count(*) || ' legs end before they start'
FROM synth.legs WHERE arrive < depart;
SELECT 'flagged legs are implausible', bool_and(CASE implausible_reason
		WHEN 'time_reversed' THEN arrive < depart
		WHEN 'too_fast' THEN arrive >= depart AND arrive - depart < interval '1 day'
		ELSE false END), count(*) || ' flagged'
FROM synth.legs WHERE implausible;
SELECT * FROM pg_temp.rate('implausible leg rate', (SELECT count(*) FROM synth.legs),
	(SELECT count(*) FROM synth.legs WHERE implausible), pg_temp.param('rate_implausible'), 0.001);
-- speeds by mode (km/h, plain haversine): plausible for unflagged legs
CREATE TEMP TABLE sp AS
SELECT mode, implausible, implausible_reason,
	2 * 6371 * asin(sqrt(sin(radians(to_lat - from_lat) / 2) ^ 2 +
		cos(radians(from_lat)) * cos(radians(to_lat)) * sin(radians(to_lon - from_lon) / 2) ^ 2))
	/ nullif(extract(epoch FROM arrive - depart) / 3600, 0) AS kmh
FROM synth.legs;
SELECT 'speed by mode plausible: ' || mode, max(kmh) <= m.maxkmh, format('max %s km/h, limit %s', round(max(kmh)::numeric, 1), m.maxkmh)
FROM sp JOIN (VALUES ('foot', 6), ('bus', 100), ('car', 120), ('truck', 100), ('freight_train', 60),
	('boat', 40), ('plane', 900), ('other', 100), ('unknown', 120)) m(mode, maxkmh) USING (mode)
WHERE NOT implausible GROUP BY mode, m.maxkmh;
-- too fast for the mode's bound in migrisk.is_plausible (docs/reference.md)
SELECT 'too_fast legs exceed the mode''s plausible speed', bool_and(coalesce(sp.kmh > 2.5 * b.kmh, true)), count(*) || ' legs'
FROM sp JOIN (VALUES ('foot', 7), ('bus', 130), ('car', 180), ('truck', 130), ('freight_train', 90), ('boat', 90),
	('plane', 1100), ('other', 1100), ('unknown', 1100)) b(mode, kmh) USING (mode)
WHERE implausible_reason = 'too_fast';
-- legs connect: each leg starts where the previous one of the journey ended, after it
SELECT 'legs chain within a journey', count(*) = 0, count(*) || ' breaks'
FROM (SELECT person_id, journey_no, leg_no, from_key, from_place, depart,
		lag(to_place) OVER w AS prev_to, lag(arrive) OVER w AS prev_arrive, lag(implausible) OVER w AS prev_bad,
		lag(leg_no) OVER w AS prev_no
	FROM synth.legs WINDOW w AS (PARTITION BY person_id, journey_no ORDER BY leg_no)) l
WHERE prev_no IS NOT NULL AND (prev_no <> leg_no - 1 OR prev_to <> from_place OR (NOT prev_bad AND depart < prev_arrive));
SELECT 'freight train only between rail nodes', count(*) = 0, count(*) || ' legs'
FROM synth.legs, (SELECT ARRAY['Arriaga', 'Ciudad Ixtepec', 'Matías Romero', 'Medias Aguas', 'Tierra Blanca', 'Orizaba',
		'Lechería', 'Tenosique', 'Palenque', 'Coatzacoalcos', 'Apizaco', 'Huehuetoca', 'Querétaro', 'Celaya',
		'Irapuato', 'Guadalajara', 'Mazatlán', 'Culiacán', 'Hermosillo', 'San Luis Potosí', 'Monterrey',
		'Torreón', 'Chihuahua', 'Ciudad de México', 'Nogales', 'Ciudad Juárez', 'Ojinaga', 'Mexicali', 'Tijuana',
		'Nuevo Laredo', 'Reynosa', 'Piedras Negras', 'Ciudad Acuña', 'Matamoros'] AS nodes) r
WHERE mode = 'freight_train' AND NOT (from_place = ANY (r.nodes) AND to_place = ANY (r.nodes));
SELECT 'freight train share of southern legs 0.25..0.6', s BETWEEN 0.25 AND 0.6, round(s::numeric, 3)::text
FROM (SELECT avg((mode = 'freight_train')::int) s FROM synth.legs
	WHERE from_key ~ '^(07|20|27|30)' AND to_key ~ '^(07|20|27|30)' AND from_place <> 'Ciudad Hidalgo'
		AND to_place <> 'Tapachula') x;

-- 6. truth consistent with the events
SELECT 'every record has one truth row', (SELECT count(*) FROM synth.truth_records) =
	(SELECT count(*) FROM synth.apprehensions) + (SELECT count(*) FROM synth.removals) +
	(SELECT count(*) FROM synth.receptions) + (SELECT count(*) FROM synth.survey) + (SELECT count(*) FROM synth.ctdc_cases)
	AND NOT EXISTS (SELECT 1 FROM synth.truth_records t WHERE NOT EXISTS (
		SELECT 1 FROM (SELECT record_id FROM synth.apprehensions UNION ALL SELECT record_id FROM synth.removals
			UNION ALL SELECT record_id FROM synth.receptions UNION ALL SELECT survey_id FROM synth.survey
			UNION ALL SELECT case_id FROM synth.ctdc_cases) r WHERE r.record_id = t.record_id)), '';
SELECT 'every truth person exists', count(*) = 0, count(*) || ' orphans'
FROM synth.truth_records t LEFT JOIN synth.persons p USING (person_id) WHERE p.person_id IS NULL;
SELECT 'one truth_indicators row per person', (SELECT count(*) FROM synth.truth_indicators) = (SELECT count(*) FROM synth.persons)
	AND NOT EXISTS (SELECT 1 FROM synth.persons LEFT JOIN synth.truth_indicators USING (person_id) WHERE exploited IS NULL), '';
SELECT 'every person travels', (SELECT count(DISTINCT person_id) FROM synth.legs) = (SELECT count(*) FROM synth.persons), '';
SELECT 'removals carry the person''s A-number', bool_and(r.a_number = p.a_number), count(*) || ' removals'
FROM synth.removals r JOIN synth.truth_records t USING (record_id) JOIN synth.persons p USING (person_id);
SELECT 'removal after apprehension', bool_and(removal_date >= apprehension_date), '' FROM synth.removals;
SELECT 'each US removal has its USBP apprehension', count(*) = 0, count(*) || ' missing'
FROM synth.removals r JOIN synth.truth_records t USING (record_id)
WHERE NOT EXISTS (SELECT 1 FROM synth.apprehensions a JOIN synth.truth_records ta USING (record_id)
	WHERE ta.person_id = t.person_id AND a.agency = 'USBP' AND a.event_date = r.apprehension_date AND a.outcome = 'removal');
-- removal to Mexico -> reception at the paired point 0..3 days later, exactly one
CREATE TEMP TABLE pairs (port text, point text);
INSERT INTO pairs VALUES ('San Ysidro, CA', 'Tijuana'), ('Calexico, CA', 'Mexicali'), ('Nogales, AZ', 'Nogales'),
	('El Paso, TX', 'Ciudad Juárez'), ('Presidio, TX', 'Ojinaga'), ('Del Rio, TX', 'Ciudad Acuña'),
	('Eagle Pass, TX', 'Piedras Negras'), ('Laredo, TX', 'Nuevo Laredo'), ('Hidalgo, TX', 'Reynosa'),
	('Brownsville, TX', 'Matamoros');
CREATE TEMP TABLE lagt AS
SELECT r.record_id, count(c.record_id) AS n, min(c.reception_date - r.removal_date) AS lag
FROM synth.removals r JOIN synth.truth_records t USING (record_id) JOIN pairs ON pairs.port = r.port_of_departure
LEFT JOIN (synth.receptions c JOIN synth.truth_records tc USING (record_id))
	ON tc.person_id = t.person_id AND c.us_port = r.port_of_departure AND c.reception_point = pairs.point
	AND c.reception_date BETWEEN r.removal_date AND r.removal_date + 3
WHERE r.departure_country = 'MEXICO'
GROUP BY r.record_id;
SELECT 'removals to Mexico are at land ports', (SELECT count(*) FROM lagt) =
	(SELECT count(*) FROM synth.removals WHERE departure_country = 'MEXICO'), '';
SELECT 'each removal to Mexico has one reception 0..3 days later at the paired point',
	count(*) > 500 AND bool_and(n = 1), count(*) FILTER (WHERE n <> 1) || ' of ' || count(*) || ' without'
FROM lagt;
SELECT 'each reception follows a removal', (SELECT count(*) FROM synth.receptions) = (SELECT count(*) FROM lagt), '';
SELECT 'reception lag ' || w.lag || ' days', abs(coalesce(s.share, 0) - w.want) <= 0.03,
	format('%s, want %s', round(s.share::numeric, 3), w.want)
FROM (VALUES (0, 0.55), (1, 0.25), (2, 0.12), (3, 0.08)) w(lag, want)
LEFT JOIN (SELECT lag, count(*)::float8 / sum(count(*)) OVER () AS share FROM lagt GROUP BY lag) s USING (lag);
SELECT 'no reception after air removals', count(*) = 0, ''
FROM synth.removals r JOIN synth.truth_records t USING (record_id)
JOIN synth.receptions c ON c.us_port = r.port_of_departure WHERE r.departure_country <> 'MEXICO';
SELECT 'USBP apprehensions at the US ports', bool_and(place_key = 'US' AND a_number IS NOT NULL), ''
FROM synth.apprehensions WHERE agency = 'USBP';
CREATE TEMP TABLE visits AS SELECT DISTINCT person_id, to_key, arrive::date AS day FROM synth.legs;
CREATE INDEX ON visits (person_id);
SELECT 'INM apprehensions only of non-Mexicans, where they travelled', count(*) = 0, count(*) || ' not'
FROM synth.apprehensions a JOIN synth.truth_records t USING (record_id) JOIN synth.persons p USING (person_id)
WHERE a.agency = 'INM' AND (p.nationality = 'MEX' OR NOT EXISTS (SELECT 1 FROM visits v
	WHERE v.person_id = t.person_id AND v.to_key = a.place_key AND v.day <= a.event_date + 1));
SELECT 're-apprehensions exist (share of persons apprehended twice or more)', s BETWEEN 0.05 AND 0.4, round(s::numeric, 3)::text
FROM (SELECT avg((n >= 2)::int) s FROM (SELECT t.person_id, count(*) n FROM synth.apprehensions
	JOIN synth.truth_records t USING (record_id) GROUP BY 1) x) y;
SELECT 'CTDC cases are exploited persons', bool_and(i.exploited), count(*) || ' cases'
FROM synth.ctdc_cases c JOIN synth.truth_records t ON t.record_id = c.case_id JOIN synth.truth_indicators i USING (person_id);
SELECT 'CTDC NotSpecified exactly when no means recorded', bool_and(("meansOfControlNotSpecified" = 1) =
	(coalesce("meansOfControlDebtBondage", "meansOfControlTakesEarnings", "meansOfControlThreats",
		"meansOfControlPhysicalAbuse", "meansOfControlFalsePromises", "meansOfControlRestrictsMovement",
		"meansOfControlWithholdsDocuments", "meansOfControlPsychoactiveSubstances",
		"meansOfControlExcessiveWorkingHours", "meansOfControlWithholdsNecessities") IS NULL)), ''
FROM synth.ctdc_cases;
SELECT 'CTDC flags follow the truth', bool_and("isForcedLabour" = i.forced_work::int AND "isSexualExploit" = i.sexual_exploit::int
	AND "isForcedMarriage" = i.marriage::int AND ("meansOfControlDebtBondage" IS NULL OR i.debt)
	AND ("meansOfControlRestrictsMovement" IS NULL OR i.held)), ''
FROM synth.ctdc_cases c JOIN synth.truth_records t ON t.record_id = c.case_id JOIN synth.truth_indicators i USING (person_id);
SELECT 'truth freight_train = rode a freight train', bool_and(i.freight_train = coalesce(l.rode, false)), ''
FROM synth.truth_indicators i LEFT JOIN (SELECT person_id, bool_or(mode = 'freight_train') rode
	FROM synth.legs GROUP BY 1) l USING (person_id);
SELECT 'minor_unaccompanied only for minors', bool_and(NOT i.minor_unaccompanied OR p.birth_date > (p.first_departure - interval '18 years')::date), ''
FROM synth.truth_indicators i JOIN synth.persons p USING (person_id);

-- 7. indicator model: exploited status has signal in route, mode, smuggler use and age
SELECT 'exploited prevalence 0.08..0.25', s BETWEEN 0.08 AND 0.25, round(s::numeric, 3)::text
FROM (SELECT avg(exploited::int) s FROM synth.truth_indicators) x;
SELECT 'exploited more likely with ' || f, r1 > r0 + 0.03, format('%s vs %s', round(r1::numeric, 3), round(r0::numeric, 3))
FROM (SELECT 'freight_train' f, avg(exploited::int) FILTER (WHERE freight_train) r1, avg(exploited::int) FILTER (WHERE NOT freight_train) r0 FROM synth.truth_indicators
	UNION ALL SELECT 'smuggler', avg(exploited::int) FILTER (WHERE smuggler), avg(exploited::int) FILTER (WHERE NOT smuggler) FROM synth.truth_indicators
	UNION ALL SELECT 'unaccompanied minor', avg(exploited::int) FILTER (WHERE minor_unaccompanied), avg(exploited::int) FILTER (WHERE NOT minor_unaccompanied) FROM synth.truth_indicators
	UNION ALL SELECT 'hotspot route', avg(exploited::int) FILTER (WHERE hotspot), avg(exploited::int) FILTER (WHERE NOT hotspot) FROM synth.truth_indicators) x;
SELECT 'empirical exploited rate matches p_exploited', abs(avg(exploited::int) - avg(p_exploited)) < 0.01,
	format('%s vs %s', round(avg(exploited::int), 4), round(avg(p_exploited)::numeric, 4))
FROM synth.truth_indicators;
SELECT 'survey unpaid: yes more often when exploited', r1 > 3 * r0, format('%s vs %s', round(r1, 3), round(r0, 3))
FROM (SELECT avg(s.unpaid::int) FILTER (WHERE i.exploited) r1, avg(s.unpaid::int) FILTER (WHERE NOT i.exploited) r0
	FROM synth.survey s JOIN synth.truth_records t ON t.record_id = s.survey_id JOIN synth.truth_indicators i USING (person_id)) x;
SELECT 'survey: exploitation module blank under 14', bool_and(unpaid IS NULL AND forced_work IS NULL AND held IS NULL AND marriage IS NULL), count(*) || ' interviews'
FROM synth.survey WHERE age < 14;
SELECT 'survey: module B blank when not asked', bool_and(debt IS NULL AND docs IS NULL AND threats IS NULL AND deception IS NULL), ''
FROM synth.survey WHERE NOT module_b;
SELECT 'survey: some items unknown (refused) among the asked', count(*) FILTER (WHERE unpaid IS NULL) BETWEEN 1 AND count(*) * 0.1, ''
FROM synth.survey WHERE age >= 14;
SELECT 'survey weights: one per stratum, positive', count(DISTINCT (stratum, weight)) = count(DISTINCT stratum) AND min(weight) > 0, ''
FROM synth.survey;
SELECT 'survey weights estimate the arrivals at survey points (+-10%)', abs(w / n - 1) < 0.10, format('%s vs %s', round(w), n)
FROM (SELECT (SELECT sum(weight) FROM synth.survey) w, (SELECT count(*) FROM synth.legs
	WHERE to_place IN (SELECT DISTINCT location FROM synth.survey)) n) x;
SQL
cat "$tmp/checks"
grep -q '|f|' "$tmp/checks" && bad "$(grep -c '|f|' "$tmp/checks") SQL checks failed"
[ "$(grep -c '|t|' "$tmp/checks")" -ge 60 ] || bad "only $(grep -c '|t|' "$tmp/checks") SQL checks passed"

# --- places: every Mexican place lies near the centroid of its INEGI municipio
psql -X -q -d "$db" -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE mun (cve_ent text, cve_mun text, nom_mun text, concat text, lon float8, lat float8);
\copy mun FROM 'test/data/ref/mx_municipio_centroids.csv' WITH (FORMAT csv, HEADER true)
SQL
out=$(psql -X -At -d "$db" -c "
	SELECT string_agg(DISTINCT place || ' ' || round(km) || ' km', ', ')
	FROM (SELECT to_place place, to_key, to_lon, to_lat FROM synth.legs
		UNION SELECT from_place, from_key, from_lon, from_lat FROM synth.legs) l
	LEFT JOIN mun ON mun.concat = l.to_key,
	LATERAL (SELECT 2 * 6371 * asin(sqrt(sin(radians(mun.lat - to_lat) / 2) ^ 2 +
		cos(radians(to_lat)) * cos(radians(mun.lat)) * sin(radians(mun.lon - to_lon) / 2) ^ 2)) km) d
	WHERE to_key ~ '^[0-9]{5}$' AND (mun.concat IS NULL OR km > 110)")
[ -z "$out" ] || bad "places far from their municipio: $out"
n=$(psql -X -At -d "$db" -c "SELECT count(DISTINCT to_key) FROM synth.legs WHERE to_key ~ '^[0-9]{5}\$'")
[ "$n" -ge 40 ] || bad "only $n Mexican places checked"

# --- legs arriving before they depart, only with --reversed, flagged ---------
gen 3000 5 "$tmp/r" --reversed 0.01 --implausible 0
psql -X -q -d "$db" -v dir="$tmp/r" -f test/data/load.sql
out=$(psql -X -At -d "$db" -c "
	SELECT count(*) FILTER (WHERE implausible_reason = 'time_reversed') > 100
		AND bool_and((arrive < depart) = (implausible_reason = 'time_reversed'))
		AND bool_and(implausible = (implausible_reason = 'time_reversed'))
	FROM synth.legs")
[ "$out" = t ] || bad "--reversed: time-reversed legs not as flagged"

# --- legs as migrisk.route_segment, once the type exists ------------------
psql -X -q -d "$db" -v dir="$tmp/a" -f test/data/load.sql
psql -X -q -d "$db" -c 'CREATE EXTENSION IF NOT EXISTS migrisk CASCADE' >/dev/null
has=$(psql -X -At -d "$db" -c "SELECT to_regprocedure('migrisk.route_segment(float8,float8,float8,float8,text,timestamptz,timestamptz)') IS NOT NULL")
if [ "$has" = t ]; then
	out=$(psql -X -q -At -F ' ' -d "$db" -v ON_ERROR_STOP=1 -f test/data/load_types.sql)
	set -- $out
	[ "$2" = 0 ] && [ "$3" = 0 ] && [ "$1" -gt 0 ] || bad "load_types.sql: $out (legs, not converted, missing)"
	out=$(psql -X -At -d "$db" -c "
		SELECT bool_and(migrisk.is_plausible(seg) = NOT implausible)
		FROM synth.leg_segments")
	[ "$out" = t ] || bad "migrisk.is_plausible disagrees with the implausible flags"
	echo "load_types.sql: $1 legs converted to route_segment; is_plausible agrees with the flags"
else
	echo "skipped: migrisk.route_segment does not exist yet (load_types.sql not run)"
fi

[ "$fail" -eq 0 ] && echo "data generator: all checks passed"
exit "$fail"
