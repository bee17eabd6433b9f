/*
 * test_linkage_compare.c
 *		Unit tests of compare_persons (every level of every field), the
 *		calendar conversion and the blocking keys.
 */
#include <stdlib.h>

#include "civil_date.h"
#include "compare.h"
#include "unit.h"

/* days since 2000-01-01 of y-m-d (proleptic Gregorian), independent of compare.c */
static int32_t
days(int y, int m, int d)
{
	static const int cum[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
	int32_t		n = 0;
	int			yy;

	for (yy = 2000; yy < y; yy++)
		n += (yy % 4 == 0 && (yy % 100 != 0 || yy % 400 == 0)) ? 366 : 365;
	for (yy = y; yy < 2000; yy++)
		n -= (yy % 4 == 0 && (yy % 100 != 0 || yy % 400 == 0)) ? 366 : 365;
	n += cum[m - 1] + d - 1;
	if (m > 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		n++;
	return n;
}

static compare_person
person(const char *g, const char *s1, const char *s2, int y, int m, int d,
	   const char *sex, const char *nat)
{
	compare_person p;

	p.given = g;
	p.given_len = g ? strlen(g) : 0;
	p.surname1 = s1;
	p.surname1_len = s1 ? strlen(s1) : 0;
	p.surname2 = s2;
	p.surname2_len = s2 ? strlen(s2) : 0;
	p.has_dob = y != 0;
	p.dob = y ? days(y, m, d) : 0;
	p.sex = sex;
	p.sex_len = sex ? strlen(sex) : 0;
	p.nationality = nat;
	p.nationality_len = nat ? strlen(nat) : 0;
	return p;
}

static const char *
cmp_text(compare_person a, compare_person b)
{
	static char buf[LINK_GAMMA_TEXT_MAX];

	link_gamma_format(compare_persons(&a, &b), buf, sizeof buf);
	return buf;
}

int
main(void)
{
	int			y,
				m,
				d;
	compare_person a,
				b;
	char		keys[COMPARE_MAX_KEYS][COMPARE_KEY_SIZE];
	char		keys2[COMPARE_MAX_KEYS][COMPARE_KEY_SIZE];
	int			n,
				n2,
				i,
				j,
				shared;

	/* calendar */
	civil_ymd_from_days(0, &y, &m, &d);
	CHECK(y == 2000 && m == 1 && d == 1, "day 0 is 2000-01-01");
	civil_ymd_from_days(days(1985, 3, 4), &y, &m, &d);
	CHECK(y == 1985 && m == 3 && d == 4, "1985-03-04 round trip");
	civil_ymd_from_days(days(2024, 2, 29), &y, &m, &d);
	CHECK(y == 2024 && m == 2 && d == 29, "leap day round trip");
	civil_ymd_from_days(days(1900, 3, 1), &y, &m, &d);
	CHECK(y == 1900 && m == 3 && d == 1, "1900 (not leap) round trip");
	{
		int			ok = 1;
		int32_t		k;

		for (k = days(1890, 1, 1); k < days(2030, 1, 1); k++)
		{
			civil_ymd_from_days(k, &y, &m, &d);
			if (days(y, m, d) != k)
				ok = 0;
		}
		CHECK(ok, "every day 1890..2029 round trips");
	}

	/* birth date levels */
	CHECK(compare_dob_level(days(1985, 3, 4), days(1985, 3, 4)) == LINK_DOB_EXACT, "dob exact");
	CHECK(compare_dob_level(days(1985, 3, 4), days(1985, 4, 3)) == LINK_DOB_TRANSPOSED, "dob transposed");
	CHECK(compare_dob_level(days(1985, 3, 4), days(1958, 3, 4)) == LINK_DOB_ONE_COMPONENT, "year digits swapped: one component");
	CHECK(compare_dob_level(days(1985, 3, 4), days(1985, 3, 14)) == LINK_DOB_ONE_COMPONENT, "day differs: one component");
	CHECK(compare_dob_level(days(1985, 3, 4), days(1985, 9, 4)) == LINK_DOB_ONE_COMPONENT, "month differs: one component");
	CHECK(compare_dob_level(days(1985, 12, 30), days(1986, 1, 2)) == LINK_DOB_WITHIN_YEAR, "3 days across new year: within year");
	CHECK(compare_dob_level(days(1985, 3, 4), days(1986, 3, 4)) == LINK_DOB_YEAR_OFF, "one year later: year off by one");
	CHECK(compare_dob_level(days(1985, 3, 4), days(1984, 3, 4)) == LINK_DOB_YEAR_OFF, "one year earlier: year off by one");
	CHECK(compare_dob_level(days(1984, 2, 29), days(1985, 2, 28)) == LINK_DOB_YEAR_OFF, "29 February read as the 28th a year off");
	CHECK(compare_dob_level(days(1985, 3, 4), days(1987, 3, 4)) == LINK_DOB_ONE_COMPONENT, "two years off: one component");
	CHECK(compare_dob_level(days(1985, 3, 4), days(1986, 2, 5)) == LINK_DOB_WITHIN_YEAR, "338 days: within year");
	CHECK(compare_dob_level(days(1985, 3, 4), days(1986, 3, 5)) == LINK_DOB_DIFFERENT, "366 days, two components: different");
	CHECK(compare_dob_level(days(1985, 3, 4), days(1990, 7, 9)) == LINK_DOB_DIFFERENT, "different");
	CHECK(compare_dob_level(days(1985, 5, 5), days(1985, 5, 5)) == LINK_DOB_EXACT, "day = month exact");

	/* name levels */
	CHECK(compare_name_level("LOPEZ", 5, "LOPEZ", 5) == LINK_NAME_EXACT, "exact");
	CHECK(compare_name_level("GIMENEZ", 7, "JIMENEZ", 7) == LINK_NAME_PHONETIC, "phonetic");
	/* MARTINEZ/MARTINAZ: m=8-1=7, t=0, J=(7/8+7/8+1)/3=0.9167, l=4 -> 0.95 */
	CHECK(compare_name_level("MARTINEZ", 8, "MARTINAZ", 8) == LINK_NAME_JW92, "jw92");
	/* MARTHA/MARHTA: jw 0.961, but h is silent: MARTA = MARTA, phonetic first */
	CHECK(compare_name_level("MARTHA", 6, "MARHTA", 6) == LINK_NAME_PHONETIC, "MARTHA/MARHTA phonetic");
	/* ROSARIO/ROSA: m=4, t=0, J=(4/7+1+1)/3=0.857, l=4 -> 0.914 */
	CHECK(compare_name_level("ROSARIO", 7, "ROSA", 4) == LINK_NAME_JW85, "jw85");
	/* DWAYNE/DUANE 0.840 is below 0.85 (keys DWAINE/DUANE differ) */
	CHECK(compare_name_level("DWAYNE", 6, "DUANE", 5) == LINK_GIVEN_DIFFERENT, "DWAYNE/DUANE 0.840 < 0.85");
	/* GONZALO/GONZALEZ: m=6, J=(6/7+6/8+1)/3=0.8690, l=4 -> 0.9214 */
	CHECK(compare_name_level("GONZALO", 7, "GONZALEZ", 8) == LINK_NAME_JW92, "GONZALO/GONZALEZ 0.9214");
	CHECK(compare_name_level("PEREZ", 5, "GARCIA", 6) == LINK_GIVEN_DIFFERENT, "different");

	/* whole records */
	a = person("María Guadalupe", "Hernández", "López", 1985, 3, 4, "F", "MEX");
	b = person("MA. GPE.", "HERNANDEZ", NULL, 1985, 3, 4, "f", "mex");
	CHECK_STR(cmp_text(a, b), "given=exact,surname1=exact,surname2=one_missing,dob=exact,sex=equal,nationality=equal,plausibility=missing",
			  "María Guadalupe Hernández López vs MA. GPE. HERNANDEZ");
	b = person("Guadalupe", "López", "Hernández", 1985, 4, 3, "F", "GTM");
	CHECK_STR(cmp_text(a, b), "given=jw92,surname1=swapped,surname2=exact,dob=transposed,sex=equal,nationality=different,plausibility=missing",
			  "swapped surnames, María dropped, transposed date");
	b = person("Maria Guadalupe", "Lopes", NULL, 0, 0, 0, NULL, "");
	CHECK_STR(cmp_text(a, b), "given=exact,surname1=swapped,surname2=one_missing,dob=missing,sex=missing,nationality=missing,plausibility=missing",
			  "only the maternal surname on one side");
	b = person("Maria Guadalupe", "Ernandes", "", 1985, 3, 4, " F ", "MEX");
	CHECK_STR(cmp_text(a, b), "given=exact,surname1=phonetic,surname2=one_missing,dob=exact,sex=equal,nationality=equal,plausibility=missing",
			  "phonetic surname, empty second surname is missing, sex trimmed");
	b = person("Rosa", "García", "Pérez", 1990, 7, 9, "M", "HND");
	CHECK_STR(cmp_text(a, b), "given=different,surname1=different,surname2=different,dob=different,sex=different,nationality=different,plausibility=missing",
			  "a different person");
	b = person(NULL, "", NULL, 0, 0, 0, NULL, NULL);
	CHECK_STR(cmp_text(a, b), "given=missing,surname1=missing,surname2=one_missing,dob=missing,sex=missing,nationality=missing,plausibility=missing",
			  "everything missing on one side but a's second surname");
	a = person("Juan", "López", "García", 1985, 3, 4, "M", "MEX");
	b = person("Juan", "López", "Garsia", 1985, 3, 4, "M", "MEX");
	CHECK_STR(cmp_text(a, b), "given=exact,surname1=exact,surname2=phonetic,dob=exact,sex=equal,nationality=equal,plausibility=missing",
			  "phonetic second surname");
	/* one cross match only (mother's surname = other's father's): not swapped */
	b = person("Juan", "García", "Martínez", 1985, 3, 4, "M", "MEX");
	CHECK_STR(cmp_text(a, b), "given=exact,surname1=different,surname2=different,dob=exact,sex=equal,nationality=equal,plausibility=missing",
			  "a single cross match is not a swap");

	/* both surnames in surname1 (US records) */
	a = person("Juan", "García", "López", 1985, 3, 4, "M", "MEX");
	b = person("JUAN", "GARCIA-LOPEZ", NULL, 1985, 3, 4, "M", "MEX");
	CHECK_STR(cmp_text(a, b), "given=exact,surname1=exact,surname2=exact,dob=exact,sex=equal,nationality=equal,plausibility=missing",
			  "joined surnames split: GARCIA-LOPEZ = García + López");
	CHECK_STR(cmp_text(b, a), "given=exact,surname1=exact,surname2=exact,dob=exact,sex=equal,nationality=equal,plausibility=missing",
			  "joined surnames split, other side");
	b = person("JUAN", "LOPEZ GARSIA", NULL, 1985, 3, 4, "M", "MEX");
	CHECK_STR(cmp_text(a, b), "given=exact,surname1=swapped,surname2=phonetic,dob=exact,sex=equal,nationality=equal,plausibility=missing",
			  "joined surnames in the other order: swapped, the second crosswise (GARSIA/GARCIA)");
	b = person("JUAN", "PONCE LEON", NULL, 1985, 3, 4, "M", "MEX");
	CHECK_STR(cmp_text(a, b), "given=exact,surname1=different,surname2=one_missing,dob=exact,sex=equal,nationality=equal,plausibility=missing",
			  "a two-word surname that matches neither stays different");

	/* blocking keys: six families (compare.c) */
	a = person("María Guadalupe", "Hernández", "López", 1985, 3, 4, "F", "MEX");
	n = compare_blocking_keys(&a, keys);
	CHECK(n == 12, "twelve keys");
	CHECK_STR(keys[0], "S|ERNANDES|1985|03", "surname1 key with year and month");
	CHECK_STR(keys[1], "S|LOPES|1985|03", "surname2 key");
	CHECK_STR(keys[2], "D|ERNANDES|03|04", "surname1, day and month in order, no year");
	/* a year off by one across a decade keeps a decade in common */
	b = person("Guadalupe", "Hernández", NULL, 1990, 3, 4, "F", "MEX");
	n2 = compare_blocking_keys(&b, keys2);
	CHECK(n2 == 7 && strcmp(keys2[5], "N|ERNANDES|WADALUPE|198") == 0 &&
		  strcmp(keys2[6], "N|ERNANDES|WADALUPE|199") == 0, "1990: the 1980s and the 1990s");
	CHECK_STR(keys[3], "D|LOPES|03|04", "surname2, day and month");
	CHECK_STR(keys[4], "G|G|1985-03-04", "initial of the given name without María + date");
	CHECK_STR(keys[5], "G|H|1985-03-04", "initial of surname1 + date");
	CHECK_STR(keys[6], "G|L|1985-03-04", "initial of surname2 + date");
	CHECK_STR(keys[7], "P|ERNANDES|WADALUPE|03|04", "surname1 and given, sorted, day and month in order");
	CHECK_STR(keys[8], "P|LOPES|WADALUPE|03|04", "surname2 and given, day and month");
	CHECK_STR(keys[9], "N|ERNANDES|WADALUPE|198", "given x surname1, sorted, decade");
	CHECK_STR(keys[10], "N|LOPES|WADALUPE|198", "given x surname2");
	CHECK_STR(keys[11], "F|ERNANDES|LOPES|198", "both surnames, sorted, decade");
	a = person("María", "Hernández", NULL, 1985, 3, 4, "F", "MEX");
	CHECK(compare_blocking_keys(&a, keys2) == 6 && strcmp(keys2[2], "G|M|1985-03-04") == 0 &&
		  strcmp(keys2[3], "G|H|1985-03-04") == 0 && strcmp(keys2[4], "P|ERNANDES|MARIA|03|04") == 0 &&
		  strcmp(keys2[5], "N|ERNANDES|MARIA|198") == 0, "María alone keys as María");
	a = person("María Guadalupe", "Hernández", "López", 1985, 3, 4, "F", "MEX");
	/* swapped surnames, abbreviated given name, transposed date still share keys */
	b = person("Ma. Gpe.", "Lopez", "Hernandes", 1985, 4, 3, "F", "MEX");
	n2 = compare_blocking_keys(&b, keys2);
	shared = 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < n2; j++)
			if (strcmp(keys[i], keys2[j]) == 0)
				shared++;
	CHECK(shared == 7, "swapped surnames, transposed date: D, P, N and F keys shared");
	/* a nickname, a year off by one and a dropped second surname */
	b = person("Lupe", "Hernandez", NULL, 1984, 3, 4, "F", "USA");
	n2 = compare_blocking_keys(&b, keys2);
	CHECK(n2 == 6 && strcmp(keys2[1], "D|ERNANDES|03|04") == 0 && strcmp(keys2[4], "P|ERNANDES|WADALUPE|03|04") == 0 &&
		  strcmp(keys2[5], "N|ERNANDES|WADALUPE|198") == 0, "nickname read as its name");
	/* given name and surname swapped between the fields: the N, P and G keys are order-free */
	a = person("Ryan", "Clarke", NULL, 1949, 7, 16, "M", NULL);
	n = compare_blocking_keys(&a, keys);
	b = person("Clarke", "Ryan", NULL, 1949, 7, 16, "M", NULL);
	n2 = compare_blocking_keys(&b, keys2);
	shared = 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < n2; j++)
			if (strcmp(keys[i], keys2[j]) == 0)
				shared++;
	CHECK(n == 7 && n2 == 7 && shared == 5, "swapped given and surname: two G, the P and two N keys shared");
	/* a typo in the surname and in the year's decade digit: the P key */
	b = person("Ryan", "Clarek", NULL, 1959, 7, 16, "M", NULL);
	n2 = compare_blocking_keys(&b, keys2);
	shared = 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < n2; j++)
			if (strcmp(keys[i], keys2[j]) == 0)
				shared++;
	CHECK(shared == 0, "surname typo and decade typo together: no key (a known miss)");
	a = person("Ryan", "Clarke", NULL, 1945, 7, 16, "M", NULL);
	n = compare_blocking_keys(&a, keys);
	b = person("Ryan", "Clarke", NULL, 1955, 7, 16, "M", NULL);
	n2 = compare_blocking_keys(&b, keys2);
	shared = 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < n2; j++)
			if (strcmp(keys[i], keys2[j]) == 0)
				shared++;
	CHECK(n == 6 && n2 == 6 && shared == 2 && strcmp(keys2[1], "D|KLARKE|07|16") == 0 &&
		  strcmp(keys2[4], "P|KLARKE|RYAN|07|16") == 0 && strcmp(keys[4], keys2[4]) == 0,
		  "a typo in the decade digit (1945/1955): only the D and P keys (no year) still shared");
	/* both surnames in one field give both words */
	b = person("Maria Guadalupe", "HERNANDEZ-LOPEZ", NULL, 1985, 3, 4, "F", "USA");
	n2 = compare_blocking_keys(&b, keys2);
	CHECK(n2 == 12 && strcmp(keys2[1], "S|LOPES|1985|03") == 0 && strcmp(keys2[11], "F|ERNANDES|LOPES|198") == 0,
		  "joined surnames split into words");
	/* the year in full with its sign (issue 21): 12024 and 2024, -2024 and 2024 differ */
	a = person("Juan", "Pérez", NULL, 2024, 1, 1, "M", NULL);
	n = compare_blocking_keys(&a, keys);
	CHECK(n == 6 && strcmp(keys[0], "S|PERES|2024|01") == 0 && strcmp(keys[2], "G|J|2024-01-01") == 0 &&
		  strcmp(keys[3], "G|P|2024-01-01") == 0 && strcmp(keys[5], "N|JUAN|PERES|202") == 0,
		  "year 2024");
	b = person("Juan", "Pérez", NULL, 12024, 1, 1, "M", NULL);
	n2 = compare_blocking_keys(&b, keys2);
	CHECK(n2 == 6 && strcmp(keys2[0], "S|PERES|12024|01") == 0 && strcmp(keys2[2], "G|J|12024-01-01") == 0 &&
		  strcmp(keys2[5], "N|JUAN|PERES|1202") == 0,
		  "year 12024 keeps its five digits");
	b = person("Juan", "Pérez", NULL, -2024, 1, 1, "M", NULL);
	n2 = compare_blocking_keys(&b, keys2);
	CHECK(n2 == 6 && strcmp(keys2[0], "S|PERES|-2024|01") == 0 && strcmp(keys2[2], "G|J|-2024-01-01") == 0 &&
		  strcmp(keys2[5], "N|JUAN|PERES|-203") == 0,
		  "a negative year keeps its sign");
	b = person(NULL, NULL, NULL, 0, 0, 0, NULL, NULL);
	CHECK(compare_blocking_keys(&b, keys2) == 0, "no fields, no keys");
	b = person("Juan", "Pérez", NULL, 0, 0, 0, NULL, NULL);
	n2 = compare_blocking_keys(&b, keys2);
	CHECK(n2 == 14 && strcmp(keys2[0], "N|JUAN|PERES|190") == 0 && strcmp(keys2[13], "N|JUAN|PERES|203") == 0,
		  "no date: the name key in every decade 1900s..2030s");
	{
		char		longname[3000];

		memset(longname, 'B', sizeof longname - 1);
		longname[sizeof longname - 1] = 0;
		b = person(longname, longname, longname, 1985, 1, 1, "M", "MEX");
		n2 = compare_blocking_keys(&b, keys2);
		CHECK(n2 == 5 && strlen(keys2[0]) < COMPARE_KEY_SIZE && strlen(keys2[2]) < COMPARE_KEY_SIZE &&
			  strlen(keys2[3]) < COMPARE_KEY_SIZE && strlen(keys2[4]) < COMPARE_KEY_SIZE,
			  "long names: keys cut to size, equal surname keys and initials merged");
		a = person(longname, longname, longname, 1985, 1, 1, "M", "MEX");
		CHECK(link_gamma_get(compare_persons(&a, &b), LINK_GAMMA_GIVEN) == LINK_NAME_EXACT, "long names compare");
	}
	/* the phonetic-key memo changes nothing: same vectors with and without */
	{
		static const char *const nm[] = {
			"Hernández", "HERNANDES", "Ernandez", "García", "Garsia", "Garza", "López",
			"Lopes", "Jiménez", "Giménez", "Ximénez", "Guadalupe", "Wadalupe", "María Guadalupe",
			"MA. GPE.", "Castillo", "Castiyo", "Núñez", "Nunez", "Xóchitl", "Sochitl", "H", "",
			"Villalobos", "Biyalobos", "Pérez y Pérez", "de la Cruz", "Cruz", "Zúñiga", "Suniga"
		};
		int			nn = (int) (sizeof nm / sizeof nm[0]);
		compare_cache *cache = malloc(compare_cache_size());
		int			bad = 0,
					round,
					x;

		compare_cache_init(cache);
		for (round = 0; round < 2; round++)
			for (x = 0; x < nn * nn; x++)
			{
				compare_person p = person(nm[x % nn], nm[x / nn], nm[(x * 7) % nn], 1985, 3, 4, "F", "MEX");
				compare_person q = person(nm[x / nn], nm[(x * 3) % nn], nm[x % nn], 1985, 4, 3, "F", "GTM");

				if (compare_persons(&p, &q) != compare_persons_cached(&p, &q, cache))
					bad++;
			}
		CHECK(bad == 0, "compare_persons_cached = compare_persons (1800 pairs, cold and warm memo)");
		free(cache);
	}
	/*
	 * The same with far more spellings than the memo has slots (slots
	 * taken over by other spellings, also between the two records of one
	 * comparison), names around the memo's length limit, raw and already
	 * normalised spellings of the same name, and one memo reused for a
	 * record compared with itself.
	 */
	{
		static const char *const base[] = {
			"Hernández", "García", "María Guadalupe", "MA. GPE.", "Núñez", "de la Cruz",
			"José Luis", "Xóchitl", "Villalobos", "Pérez y Pérez", "Castillo", "Zúñiga",
			"María de los Ángeles", "Juan Carlos", "GARCIA LOPEZ", "LOPEZ", "Ortiz", "Ma",
			"Francisco Javier Hernández", "Peña", "JOSE", "MARIA", "Gpe", "Fco. Javier"
		};
		int			nb = (int) (sizeof base / sizeof base[0]);
		static char names[6000][48];
		compare_cache *cache = malloc(compare_cache_size());
		unsigned long long r = 7;
		int			bad = 0,
					k;

		compare_cache_init(cache);
		for (k = 0; k < 6000; k++)
		{
			const char *src = base[k % nb];
			size_t		n = strlen(src),
						q;

			memcpy(names[k], src, n + 1);
			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			/* an edit in the first 3/4 of the variants; a suffix making them long */
			if (k % 4 != 3 && n > 1)
			{
				q = (size_t) (r >> 33) % (n - 1);
				if ((unsigned char) names[k][q] < 0x80 && (unsigned char) names[k][q + 1] < 0x80)
					names[k][q] = (char) ('A' + (r >> 40) % 26);
			}
			if ((k / nb) % 3 == 1 && n + 12 < sizeof names[k])
			{
				memcpy(names[k] + n, " Rodríguez", 11);
				names[k][n + 1 + (size_t) ((r >> 50) % 9)] = '\0';
			}
		}
		for (k = 0; k < 40000; k++)
		{
			int			x,
						y,
						z;
			compare_person p,
						q;

			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			x = (int) ((r >> 20) % 6000);
			y = (int) ((r >> 35) % 6000);
			z = (int) ((r >> 50) % 6000);
			p = person(names[x], names[y], (r & 1) ? names[z] : NULL, 1980, 5, 6, "F", "MEX");
			q = person(names[(x + 1) % 6000], names[y], names[(z + nb) % 6000], 1980, 6, 5, "F", "MEX");
			if (compare_persons(&p, &q) != compare_persons_cached(&p, &q, cache) ||
				compare_persons(&q, &p) != compare_persons_cached(&q, &p, cache) ||
				compare_persons(&p, &p) != compare_persons_cached(&p, &p, cache))
				bad++;
		}
		CHECK(bad == 0, "compare_persons_cached = compare_persons (120000 comparisons, 6000 spellings)");
		free(cache);
	}
	return unit_done();
}
