/*
 * given_names.c
 *		The hypocorisms of Spanish given names most common in Mexican and
 *		Central American records.  Sources: the hypocorism list of the
 *		project's domain research (reference domain.md section 4: Pancho/Paco,
 *		Pepe/Chepe, Chema, Lupe/Lupita, Chuy, Nacho, Memo, Beto, Toño,
 *		Quique, Lalo, Concha, Charo) and the usual short forms of the other
 *		names of the synthetic data's name lists (Alex, Manolo, Chava, Rafa,
 *		Tere, Paty, Lety, Magos, Chabela, Chela, Chucho, Lola, Chelo).
 *		Written in normal form (name_normalize: upper case, no accents, Ñ
 *		kept); Toño also as TONO, the way US systems store it.
 */
#include "given_names.h"

#include <string.h>

static const given_name_equiv equivs[] = {
	{"ALEX", "ALEJANDRO"},
	{"BETO", "ALBERTO"},
	{"BETO", "ROBERTO"},
	{"BETO", "GILBERTO"},
	{"BETO", "HUMBERTO"},
	{"CHABELA", "ISABEL"},
	{"CHARO", "ROSARIO"},
	{"CHAVA", "SALVADOR"},
	{"CHELA", "CECILIA"},
	{"CHELA", "GRACIELA"},
	{"CHELO", "CONSUELO"},
	{"CHEMA", "JOSE"},
	{"CHEPE", "JOSE"},
	{"CHUCHO", "JESUS"},
	{"CHUY", "JESUS"},
	{"CONCHA", "CONCEPCION"},
	{"CONCHITA", "CONCEPCION"},
	{"LALO", "EDUARDO"},
	{"LETY", "LETICIA"},
	{"LOLA", "DOLORES"},
	{"LUPE", "GUADALUPE"},
	{"LUPITA", "GUADALUPE"},
	{"MAGOS", "MARGARITA"},
	{"MANOLO", "MANUEL"},
	{"MEMO", "GUILLERMO"},
	{"NACHO", "IGNACIO"},
	{"PACO", "FRANCISCO"},
	{"PANCHO", "FRANCISCO"},
	{"PATY", "PATRICIA"},
	{"PEPE", "JOSE"},
	{"QUIQUE", "ENRIQUE"},
	{"RAFA", "RAFAEL"},
	{"TERE", "TERESA"},
	{"TONO", "ANTONIO"},
	{"TOÑO", "ANTONIO"},
};

#define N_EQUIVS ((int) (sizeof(equivs) / sizeof(equivs[0])))

int
given_name_equiv_count(void)
{
	return N_EQUIVS;
}

const given_name_equiv *
given_name_equiv_at(int i)
{
	if (i < 0 || i >= N_EQUIVS)
		return NULL;
	return &equivs[i];
}

static int
word_is(const char *w, size_t len, const char *name)
{
	return strlen(name) == len && memcmp(w, name, len) == 0;
}

const char *
given_name_canonical(const char *w, size_t len, size_t *out_len)
{
	int			i;

	/* nicknames are 4 to 8 bytes: most words need no search */
	if (len >= 4 && len <= 8)
		for (i = 0; i < N_EQUIVS; i++)
			if (equivs[i].variant[0] == w[0] && word_is(w, len, equivs[i].variant))
			{
				*out_len = strlen(equivs[i].name);
				return equivs[i].name;
			}
	*out_len = len;
	return w;
}

int
given_name_equivalent(const char *a, size_t la, const char *b, size_t lb)
{
	int			i;

	if (la == lb && memcmp(a, b, la) == 0)
		return 1;
	for (i = 0; i < N_EQUIVS; i++)
	{
		const char *v = equivs[i].variant,
				   *n = equivs[i].name;

		if ((word_is(a, la, v) && word_is(b, lb, n)) || (word_is(b, lb, v) && word_is(a, la, n)))
			return 1;
	}
	/* two nicknames of one name (Pancho, Paco) */
	{
		size_t		ca,
					cb;
		const char *na = given_name_canonical(a, la, &ca);
		const char *nb = given_name_canonical(b, lb, &cb);

		if ((na != a || nb != b) && ca == cb && memcmp(na, nb, ca) == 0)
			return 1;
	}
	return 0;
}
