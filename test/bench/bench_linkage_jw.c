/*
 * bench_linkage_jw.c
 *		C micro-benchmark of the Jaro-Winkler and OSA cores on realistic
 *		Spanish name pairs (normalised surnames and given names, half of
 *		them perturbed copies: phonetic spelling, adjacent transposition,
 *		deleted or substituted letter).  Prints comparisons per CPU second.
 *		Built and run by bench_linkage_core.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "strsim.h"

static const char *const names[] = {
	"HERNANDEZ", "GARCIA", "MARTINEZ", "LOPEZ", "GONZALEZ", "RODRIGUEZ", "PEREZ",
	"SANCHEZ", "RAMIREZ", "CRUZ", "FLORES", "GOMEZ", "MORALES", "VAZQUEZ",
	"JIMENEZ", "REYES", "DIAZ", "TORRES", "GUTIERREZ", "RUIZ", "MENDOZA",
	"AGUILAR", "ORTIZ", "MORENO", "CASTILLO", "ROMERO", "ALVAREZ", "MENDEZ",
	"CHAVEZ", "RIVERA", "JUAREZ", "RAMOS", "DOMINGUEZ", "HERRERA", "MEDINA",
	"CASTRO", "VARGAS", "GUZMAN", "VELAZQUEZ", "MUNOZ", "ROJAS", "CONTRERAS",
	"SALAZAR", "LUNA", "ORTEGA", "GUERRERO", "ESTRADA", "BAUTISTA", "CORTES",
	"SOTO", "ALVARADO", "ESPINOZA", "LARA", "AVILA", "RIOS", "CERVANTES",
	"SILVA", "DELGADO", "VEGA", "MARQUEZ", "SANTIAGO", "CAMPOS", "VALDEZ",
	"MARIA", "JOSE", "JUAN", "GUADALUPE", "FRANCISCO", "ANTONIO", "JESUS",
	"ALEJANDRO", "MIGUEL", "PEDRO", "MANUEL", "LUIS", "CARLOS", "ROSA",
	"FRANCISCA", "ELENA", "VERONICA", "ALEJANDRA", "GABRIELA", "PATRICIA",
	"XOCHITL", "YESENIA", "JAVIER", "SERGIO", "ROBERTO", "FERNANDO", "ARTURO",
	"ALICIA", "LETICIA", "MARGARITA", "CECILIA", "ISABEL", "SILVIA", "ESTEFANIA"
};
#define NNAMES ((int) (sizeof names / sizeof names[0]))
#define NPAIRS 100000

static unsigned long long rng = 88172645463325252ULL;

static unsigned
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned) (rng >> 11);
}

static void
perturb(const char *src, char *dst)
{
	size_t		n = strlen(src);
	size_t		k;

	strcpy(dst, src);
	switch (next_rand() % 5)
	{
		case 0:				/* adjacent transposition */
			k = next_rand() % (n - 1);
			dst[k] = src[k + 1];
			dst[k + 1] = src[k];
			break;
		case 1:				/* deleted letter */
			k = next_rand() % n;
			memmove(dst + k, dst + k + 1, n - k);
			break;
		case 2:				/* phonetic spelling: Z->S, V->B, LL->Y */
			for (k = 0; k < n; k++)
				if (dst[k] == 'Z')
					dst[k] = 'S';
				else if (dst[k] == 'V')
					dst[k] = 'B';
			break;
		case 3:				/* substituted letter */
			k = next_rand() % n;
			dst[k] = (char) ('A' + next_rand() % 26);
			break;
		default:
			break;
	}
}

static double
now(void)
{
	struct timespec ts;

	/* CPU time of this process: robust to being descheduled on a shared machine */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
	static char a[NPAIRS][16],
				b[NPAIRS][16];
	static size_t la[NPAIRS],
				lb[NPAIRS];
	long		rounds = argc > 1 ? atol(argv[1]) : 300;
	long		r;
	int			i;
	double		t0,
				t1,
				sum = 0,
				total_len = 0;
	long		dsum = 0;

	for (i = 0; i < NPAIRS; i++)
	{
		strcpy(a[i], names[next_rand() % NNAMES]);
		if (next_rand() % 2)
			perturb(a[i], b[i]);
		else
			strcpy(b[i], names[next_rand() % NNAMES]);
		la[i] = strlen(a[i]);
		lb[i] = strlen(b[i]);
		total_len += la[i] + lb[i];
	}

	t0 = now();
	for (r = 0; r < rounds; r++)
		for (i = 0; i < NPAIRS; i++)
			sum += strsim_jaro_winkler(a[i], la[i], b[i], lb[i]);
	t1 = now();
	printf("jaro_winkler core: %.1f M comparisons/s (%ld x %d pairs, mean length %.1f, %.1f ns each; checksum %.3f)\n",
		   rounds * (double) NPAIRS / (t1 - t0) / 1e6, rounds, NPAIRS,
		   total_len / (2.0 * NPAIRS), (t1 - t0) / (rounds * (double) NPAIRS) * 1e9, sum / rounds);

	t0 = now();
	for (r = 0; r < rounds / 4 + 1; r++)
		for (i = 0; i < NPAIRS; i++)
			dsum += strsim_damerau_levenshtein(a[i], la[i], b[i], lb[i], -1);
	t1 = now();
	printf("damerau_levenshtein (OSA) core: %.1f M comparisons/s (%.1f ns each; checksum %ld)\n",
		   (rounds / 4 + 1) * (double) NPAIRS / (t1 - t0) / 1e6,
		   (t1 - t0) / ((rounds / 4 + 1) * (double) NPAIRS) * 1e9, dsum / (rounds / 4 + 1));
	return 0;
}
