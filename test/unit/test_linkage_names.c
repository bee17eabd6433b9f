/*
 * test_linkage_names.c
 *		Unit tests of name_normalize, name_phonetic and strsim: every
 *		normalisation rule, idempotence, confusable pairs that must share a
 *		phonetic key and pairs that must not, the published Jaro-Winkler
 *		examples and OSA distances.
 */
#include <stdlib.h>

#include "name_normalize.h"
#include "name_phonetic.h"
#include "strsim.h"
#include "unit.h"

static char norm_buf[NAME_NORMALIZE_BUFSIZE];
static char ph_a[NAME_PHONETIC_BUFSIZE];
static char ph_b[NAME_PHONETIC_BUFSIZE];

static const char *
norm(const char *s)
{
	name_normalize(s, strlen(s), norm_buf);
	return norm_buf;
}

static int
idempotent(const char *s, size_t len)
{
	char		a[NAME_NORMALIZE_BUFSIZE],
				b[NAME_NORMALIZE_BUFSIZE];
	size_t		na = name_normalize(s, len, a);
	size_t		nb = name_normalize(a, na, b);

	return na == nb && memcmp(a, b, na) == 0;
}

static int
same_key(const char *a, const char *b, int want)
{
	name_phonetic(a, strlen(a), ph_a);
	name_phonetic(b, strlen(b), ph_b);
	if ((strcmp(ph_a, ph_b) == 0) != want)
		printf("# %s -> %s, %s -> %s\n", a, ph_a, b, ph_b);
	return strcmp(ph_a, ph_b) == 0;
}

static double
jw(const char *a, const char *b)
{
	return strsim_jaro_winkler(a, strlen(a), b, strlen(b));
}

static int
dl(const char *a, const char *b, int max)
{
	return strsim_damerau_levenshtein(a, strlen(a), b, strlen(b), max);
}

int
main(void)
{
	static const char *const confusable[][2] = {
		{"Báez", "Váez"}, {"Ruiz", "Ruis"}, {"Cecilia", "Sesilia"},
		{"Castillo", "Castiyo"}, {"Hernández", "Ernández"}, {"Hidalgo", "Idalgo"},
		{"Jiménez", "Giménez"}, {"Ximénez", "Jiménez"}, {"Xavier", "Javier"},
		{"Quintero", "Kintero"}, {"Guadalupe", "Wadalupe"}, {"Núñez", "Nunez"},
		{"Saavedra", "Savedra"}, {"Ybarra", "Ibarra"}, {"Gutiérrez", "Gutieres"},
		{"Zambrano", "Sanbrano"}, {"Velázquez", "Velasques"}, {"Enrique", "Henrique"},
		{"Mexía", "Mejía"}, {"Yolanda", "Llolanda"}, {"Stefany", "Estefani"},
		{"Hernández", "Hernandes"}, {"Vásquez", "Basques"}, {"Cervantes", "Servantes"},
		{"Zúñiga", "Suniga"}, {"Yáñez", "Llanes"}, {"Chávez", "Chabes"},
		{"Sánchez", "Sanches"}, {"Villalobos", "Biyalobos"}, {"Josefina", "Jozefina"},
		{NULL, NULL}
	};
	static const char *const apart[][2] = {
		{"García", "Garza"}, {"María", "Mario"}, {"Juan", "Juana"},
		{"Pérez", "Peralta"}, {"Hernández", "Fernández"}, {"González", "Gonzaga"},
		{"Luis", "Luisa"}, {"Martínez", "Martín"}, {"Ramos", "Ramírez"},
		{"Sánchez", "Santos"}, {"Cruz", "Cruces"}, {"López", "Lozano"},
		{"Mendoza", "Medina"}, {"Torres", "Flores"}, {"Díaz", "Díez"},
		{"Rosa", "Rosas"}, {"Ana", "Ena"}, {"Peña", "Pina"},
		{NULL, NULL}
	};
	int			i;
	int			ok;

	/* rule 1: case, accents, Ñ, ligatures, combining marks, other scripts */
	CHECK_STR(norm("María Guadalupe Hernández López"), "MARIA GUADALUPE HERNANDEZ LOPEZ", "accents and case");
	CHECK_STR(norm("NÚÑEZ"), "NU\xc3\x91" "EZ", "Ñ kept, Ú folded");
	CHECK_STR(norm("nun\xcc\x83" "ez"), "NU\xc3\x91" "EZ", "decomposed n + combining tilde is Ñ");
	CHECK_STR(norm("Jose\xcc\x81"), "JOSE", "combining acute dropped");
	CHECK_STR(norm("Straße Æsir Œuvre Þór"), "STRASSE AESIR OEUVRE THOR", "ligatures spelled out");
	CHECK_STR(norm("Łukasz Čapek Ğül Øyvind"), "LUKASZ CAPEK GUL OYVIND", "Latin Extended-A");
	CHECK_STR(norm("Ωmega Иван"), "\xce\xa9MEGA \xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd", "other scripts kept as they are");
	CHECK_STR(norm("Juan 2"), "JUAN 2", "digits stay");
	/* rule 2: apostrophes join */
	CHECK_STR(norm("O'Brien D\xe2\x80\x99" "Angelo"), "OBRIEN DANGELO", "apostrophes removed inside words");
	/* rule 3: separators */
	CHECK_STR(norm("  hernández-lópez,  juan\t"), "HERNANDEZ LOPEZ JUAN", "hyphen, comma, blanks separate");
	CHECK_STR(norm("a\xff" "b"), "A B", "an invalid byte separates");
	CHECK_STR(norm(""), "", "empty");
	CHECK_STR(norm(" .-, "), "", "punctuation only is empty");
	/* rule 4: abbreviations */
	CHECK_STR(norm("MA. GPE."), "MARIA GUADALUPE", "Ma. Gpe.");
	CHECK_STR(norm("Ma Gpe"), "MARIA GUADALUPE", "Ma Gpe without periods");
	CHECK_STR(norm("M\xc2\xaa" " de la Luz"), "MARIA LUZ", "Mª de la Luz");
	CHECK_STR(norm("Ma."), "MARIA", "Ma. alone is abbreviated");
	CHECK_STR(norm("Ma"), "MA", "Ma alone is a surname");
	CHECK_STR(norm("Fco. Javier"), "FRANCISCO JAVIER", "Fco.");
	CHECK_STR(norm("J. Luis"), "JOSE LUIS", "J. before another name");
	CHECK_STR(norm("J.Luis"), "JOSE LUIS", "J.Luis without space");
	CHECK_STR(norm("J Luis"), "J LUIS", "J without period is an initial");
	CHECK_STR(norm("J."), "J", "J. alone is an initial");
	/* rule 5: particles */
	CHECK_STR(norm("de la Cruz"), "CRUZ", "de la dropped");
	CHECK_STR(norm("Pérez y Pérez"), "PEREZ PEREZ", "y dropped");
	CHECK_STR(norm("Ponce de León"), "PONCE LEON", "de inside");
	CHECK_STR(norm("van der Berg"), "BERG", "van der");
	CHECK_STR(norm("De La"), "DE LA", "only particles: kept");
	CHECK_STR(norm("Del"), "DEL", "a single particle: kept");
	CHECK_STR(norm("María de los Ángeles"), "MARIA ANGELES", "de los");
	/* rule 6: bounds */
	{
		char	   *big = malloc(1 << 20);
		size_t		n;

		memset(big, 'A', 1 << 20);
		n = name_normalize(big, 1 << 20, norm_buf);
		CHECK(n == NAME_NORMALIZE_MAX_OUT && strlen(norm_buf) == n, "1 MB word cut to the output bound");
		for (i = 0; i < (1 << 20); i++)
			big[i] = (i % 3 == 2) ? ' ' : 'M';
		n = name_normalize(big, 1 << 20, norm_buf);
		CHECK(n <= NAME_NORMALIZE_MAX_OUT && n > 0 && norm_buf[n - 1] != ' ', "1 MB of words cut at a word");
		CHECK(idempotent(big, 1 << 20), "idempotent on 1 MB of words");
		for (i = 0; i < (1 << 20); i++)
			big[i] = (i % 3 == 2) ? ' ' : ((i % 3 == 0) ? 'M' : 'A');
		CHECK(idempotent(big, 1 << 20), "idempotent on 1 MB of 'MA MA ...'");
		n = name_phonetic(big, 1 << 20, ph_a);
		CHECK(n < NAME_PHONETIC_BUFSIZE, "phonetic key bounded on 1 MB");
		free(big);
	}
	/* idempotence on tricky inputs */
	{
		static const char *const tricky[] = {
			"MA. GPE.", "Ma", "ma de", "de ma", "J. Luis", "J. de", "Mª", "ª", "y ma",
			"DE LA", "nun\xcc\x83" "ez", "\xcc\x83", "MAª", "O'", "'", "Gpe", "de gpe",
			"ma ma ma", "J.J.J.", "MA.MA.", NULL
		};

		ok = 1;
		for (i = 0; tricky[i]; i++)
			if (!idempotent(tricky[i], strlen(tricky[i])))
			{
				ok = 0;
				printf("# not idempotent: %s\n", tricky[i]);
			}
		CHECK(ok, "idempotent on tricky inputs");
	}

	/* name_is_normal: only true normal forms pass, and they are fixed points */
	{
		static const char *const yes[] = {"HERNANDEZ", "MARIA GUADALUPE", "PE\xc3\x91" "A", "MA", "JUAN 2", "J LUIS", NULL};
		static const char *const no[] = {"", "Hernandez", "MA GUADALUPE", "GPE", "FCO X", "DE LA CRUZ", "CRUZ DE",
		" JUAN", "JUAN ", "JUAN  PEREZ", "JOS\xc3\x89", "O'BRIEN", "DE LA", NULL};

		ok = 1;
		for (i = 0; yes[i]; i++)
			if (!name_is_normal(yes[i], strlen(yes[i])) || strcmp(norm(yes[i]), yes[i]) != 0)
			{
				ok = 0;
				printf("# should be normal: %s\n", yes[i]);
			}
		for (i = 0; no[i]; i++)
			if (name_is_normal(no[i], strlen(no[i])))
			{
				ok = 0;
				printf("# should not be normal: %s\n", no[i]);
			}
		CHECK(ok, "name_is_normal accepts normal forms only");
		/* found by fuzz_names: a NUL byte maps to 0 in the ASCII table */
		CHECK(!name_is_normal("\0", 1) && !name_is_normal("A\0B", 3), "a NUL byte is not normal");
	}

	/* phonetic keys */
	name_phonetic("Hernández", strlen("Hernández"), ph_a);
	CHECK_STR(ph_a, "ERNANDES", "key of Hernández");
	name_phonetic("María Guadalupe", strlen("María Guadalupe"), ph_a);
	CHECK_STR(ph_a, "MARIA WADALUPE", "key of María Guadalupe, word by word");
	name_phonetic("Chávez", strlen("Chávez"), ph_a);
	CHECK_STR(ph_a, "XABES", "CH is X");
	name_phonetic("H", 1, ph_a);
	CHECK_STR(ph_a, "", "silent h alone gives an empty key");
	ok = 1;
	for (i = 0; confusable[i][0]; i++)
		if (!same_key(confusable[i][0], confusable[i][1], 1))
			ok = 0;
	CHECK(ok, "confusable pairs share a key");
	ok = 1;
	for (i = 0; apart[i][0]; i++)
		if (same_key(apart[i][0], apart[i][1], 0))
			ok = 0;
	CHECK(ok, "distinct names keep distinct keys");

	/* Jaro-Winkler: Winkler's published examples */
	CHECK_NEAR(jw("MARTHA", "MARHTA"), 0.961, 0.0005, "MARTHA/MARHTA 0.961");
	CHECK_NEAR(jw("DWAYNE", "DUANE"), 0.840, 0.0005, "DWAYNE/DUANE 0.840");
	CHECK_NEAR(jw("DIXON", "DICKSONX"), 0.813, 0.0005, "DIXON/DICKSONX 0.813");
	/* exact by hand: m=6, t=1 -> J=(1+1+5/6)/3=17/18, +3*0.1*(1/18) */
	CHECK_NEAR(jw("MARTHA", "MARHTA"), 17.0 / 18 + 0.3 * (1.0 / 18), 1e-12, "MARTHA/MARHTA exact value");
	CHECK_NEAR(jw("ABC", "ABC"), 1.0, 0, "identical strings");
	CHECK_NEAR(jw("ABC", "XYZ"), 0.0, 0, "nothing in common");
	CHECK_NEAR(jw("", "ABC"), 0.0, 0, "empty");
	CHECK_NEAR(jw("A", "A"), 1.0, 0, "one letter");
	/* J = (2/3 + 2/4 + 1)/3 = 0.7222 > 0.7, prefix 0 */
	CHECK_NEAR(jw("CRATE", "TRACE"), ((3.0 / 5 + 3.0 / 5 + 1) / 3), 1e-12, "CRATE/TRACE: no prefix");
	/* accents are one character: JOSÉ/JOSE = (3/4+3/4+1)/3 + 3*0.1*(1-J) */
	CHECK_NEAR(jw("JOSÉ", "JOSE"), (2.5 / 3) + 0.3 * (1 - 2.5 / 3), 1e-12, "UTF-8 counted in characters");
	/* below the 0.7 threshold no prefix boost: J(ABCDEFGH, ABXXXXXX) = (2/8+2/8+1)/3 = 0.5 */
	CHECK_NEAR(jw("ABCDEFGH", "ABXXXXXX"), 0.5, 1e-12, "no boost below 0.7");
	/* long strings (> 64 characters) take the array path */
	{
		char		a[200],
					b[200];

		for (i = 0; i < 199; i++)
			a[i] = b[i] = (char) ('A' + i % 26);
		a[199] = b[199] = 0;
		b[10] = a[11];
		b[11] = a[10];
		/* one transposition in 199 characters: J = (1 + 1 + 198/199)/3 */
		CHECK_NEAR(jw(a, b), (2 + 198.0 / 199) / 3 + 0.4 * (1 - (2 + 198.0 / 199) / 3), 1e-12, "199 characters, one swap");
	}
	{
		char	   *big = malloc(STRSIM_MAX_CHARS + 2);

		memset(big, 'A', STRSIM_MAX_CHARS + 1);
		big[STRSIM_MAX_CHARS + 1] = 0;
		CHECK(jw(big, "A") < 0, "too long: -1");
		CHECK(dl(big, "A", -1) < 0, "too long: -1 (OSA)");
		big[STRSIM_MAX_CHARS] = 0;
		CHECK(jw(big, big) == 1.0, "1000 characters accepted");
		CHECK(dl(big, "", -1) == STRSIM_MAX_CHARS, "OSA 1000 vs empty");
		free(big);
	}

	/* OSA distance */
	CHECK(dl("MARTHA", "MARHTA", -1) == 1, "one transposition costs 1");
	CHECK(dl("ca", "abc", -1) == 3, "OSA, not true Damerau (which gives 2)");
	CHECK(dl("kitten", "sitting", -1) == 3, "kitten/sitting 3");
	CHECK(dl("", "", -1) == 0, "both empty");
	CHECK(dl("", "abc", -1) == 3, "empty vs abc");
	CHECK(dl("DIXON", "DICKSONX", -1) == 4, "DIXON/DICKSONX 4");
	CHECK(dl("DIXON", "DICKSONX", 2) == 3, "bounded: max + 1 beyond max");
	CHECK(dl("DIXON", "DICKSONX", 4) == 4, "bounded: exact at max");
	CHECK(dl("abcdef", "badcfe", 2) == 3, "three transpositions, max 2");
	CHECK(dl("abcdef", "badcfe", -1) == 3, "three transpositions");
	CHECK(dl("abcdefgh", "ab", 3) == 4, "length difference exceeds max");
	CHECK(dl("PEÑA", "PENA", -1) == 1, "Ñ is one character");
	CHECK(dl("ab", "ba", 0) == 1, "max 0 on a transposition");
	CHECK(dl("ab", "ab", 0) == 0, "max 0 on equal strings");
	/* bounded = min(exact, max + 1) on every pair of short strings */
	{
		static const char *const w[] = {"", "a", "ab", "ba", "abc", "acb", "bca", "cab", "abcd", "badc", "dcba", "aabb", "abab", NULL};
		int			x,
					y,
					m;

		ok = 1;
		for (x = 0; w[x]; x++)
			for (y = 0; w[y]; y++)
			{
				int			exact = dl(w[x], w[y], -1);

				if (exact != dl(w[y], w[x], -1))
					ok = 0;
				for (m = 0; m <= 5; m++)
				{
					int			want = exact <= m ? exact : m + 1;

					if (dl(w[x], w[y], m) != want)
						ok = 0;
				}
			}
		CHECK(ok, "bounded OSA agrees with the exact one, and OSA is symmetric");
	}
	/*
	 * The short-string fast paths (bit-parallel Jaro and OSA on bytes)
	 * against the general code-point paths, on random strings over small
	 * alphabets (many repeats and transpositions), lengths 0..64.
	 */
	{
		unsigned long long r = 12345;
		int			bad_jw = 0,
					bad_osa = 0,
					k;

		for (k = 0; k < 200000; k++)
		{
			char		x[65],
						y[65];
			uint32_t	cx[65],
						cy[65];
			int			lx,
						ly,
						q,
						alpha;

			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			alpha = 2 + (int) ((r >> 33) % 5);
			lx = (int) ((r >> 40) % (k % 10 == 0 ? 65 : 9));
			ly = (int) ((r >> 50) % (k % 10 == 0 ? 65 : 9));
			for (q = 0; q < lx; q++)
			{
				r = r * 6364136223846793005ULL + 1442695040888963407ULL;
				x[q] = (char) ('A' + (r >> 33) % alpha);
				cx[q] = (uint32_t) (unsigned char) x[q];
			}
			for (q = 0; q < ly; q++)
			{
				r = r * 6364136223846793005ULL + 1442695040888963407ULL;
				y[q] = (char) ('A' + (r >> 33) % alpha);
				cy[q] = (uint32_t) (unsigned char) y[q];
			}
			if (lx > 0 && ly > 0 &&
				fabs(strsim_jaro_winkler(x, lx, y, ly) - strsim_jaro_winkler_cp(cx, lx, cy, ly)) > 1e-12)
				bad_jw++;
			if (strsim_damerau_levenshtein(x, lx, y, ly, -1) != strsim_osa_cp(cx, lx, cy, ly, -1))
				bad_osa++;
			if (strsim_damerau_levenshtein(x, lx, y, ly, 2) != strsim_osa_cp(cx, lx, cy, ly, 2))
				bad_osa++;
		}
		CHECK(bad_jw == 0, "bit-parallel Jaro-Winkler = scanning Jaro-Winkler on 200000 random pairs");
		CHECK(bad_osa == 0, "bit-parallel OSA = dynamic-programming OSA on 200000 random pairs");
	}
	return unit_done();
}
