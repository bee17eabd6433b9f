/*
 * gen.c -- deterministic synthetic migration records with known truth.
 *
 * Generates a population of migrants (identity, nationality, latent risk
 * factors, a latent exploited status), their journeys through Mexico as
 * route legs, and the records agencies would keep of them: INM and US
 * Border Patrol apprehensions, US removals, Mexican receptions at the
 * repatriation points, flow-monitoring survey responses with indicator
 * columns, and CTDC-style victim case rows.  Identity fields in the
 * records are copies with agency-style errors at configurable rates; the
 * truth files map every record to its person and list the errors applied.
 *
 * Determinism: a self-contained PRNG (xoshiro256** seeded per person by
 * splitmix64), no libm (the few transcendental functions are computed with
 * + - * / and sqrt only, all IEEE-exact operations; build with
 * -ffp-contract=off), integer coordinates and times, own number
 * formatting.  The same arguments give byte-identical files on any
 * machine.  Output is streamed through fixed buffers: memory does not grow
 * with the number of persons.  Layouts: docs/data.md.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "civil_date.h"
#include "tables.h"

#define GEN_VERSION "2"

/* ------------------------------------------------------------------ PRNG */

typedef struct Rng
{
	uint64_t	s[4];
} Rng;

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t	z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
rng_seed(Rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t	x = seed * 0xd1342543de82ef95ULL + stream;

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rng_next(Rng *r)
{
	uint64_t   *s = r->s;
	uint64_t	result = rotl(s[1] * 5, 7) * 9;
	uint64_t	t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* uniform double in [0, 1) from the top 53 bits */
static double
unif(Rng *r)
{
	return (double) (rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static int
chance(Rng *r, double p)
{
	return unif(r) < p;
}

/* uniform integer in [lo, hi] */
static long
irange(Rng *r, long lo, long hi)
{
	return lo + (long) (unif(r) * (double) (hi - lo + 1));
}

/* index drawn from integer weights */
static int
pick_w(Rng *r, const int *w, int n)
{
	long		total = 0,
				x;

	for (int i = 0; i < n; i++)
		total += w[i];
	x = (long) (unif(r) * (double) total);
	for (int i = 0; i < n; i++)
	{
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/* ------------------------------------------------- libm-free arithmetic */

/* exp(x) by range reduction to [-0.5 ln2, 0.5 ln2] and a Taylor series */
static double
det_exp(double x)
{
	const double ln2 = 0.69314718055994530942;
	int			k;
	double		r,
				term,
				sum,
				scale = 1.0;

	if (x > 700)
		x = 700;
	if (x < -700)
		x = -700;
	k = (int) (x / ln2 + (x >= 0 ? 0.5 : -0.5));
	r = x - k * ln2;
	sum = 1.0;
	term = 1.0;
	for (int i = 1; i < 20; i++)
	{
		term = term * r / i;
		sum += term;
	}
	if (k >= 0)
		for (int i = 0; i < k; i++)
			scale *= 2.0;
	else
		for (int i = 0; i < -k; i++)
			scale *= 0.5;
	return sum * scale;
}

static double
det_logistic(double x)
{
	return 1.0 / (1.0 + det_exp(-x));
}

/* cos(x) for |x| <= pi/2 by its Taylor series */
static double
det_cos(double x)
{
	double		x2 = x * x,
				term = 1.0,
				sum = 1.0;

	for (int i = 1; i < 12; i++)
	{
		term = -term * x2 / ((2 * i - 1) * (2 * i));
		sum += term;
	}
	return sum;
}

static double
det_sqrt(double x)
{
	/* Newton on a positive argument; IEEE sqrt would be fine too, but this
	 * keeps the program free of libm */
	double		g = x > 1 ? x : 1;

	if (x <= 0)
		return 0;
	for (int i = 0; i < 60; i++)
	{
		double		n = 0.5 * (g + x / g);

		if (n == g)
			break;
		g = n;
	}
	return g;
}

/* approximate distance in km (equirectangular; enough for travel times) */
static double
dist_km(int a, int b)
{
	const double deg = 3.14159265358979323846 / 180.0;
	double		lat1 = places[a].lat * 1e-4,
				lat2 = places[b].lat * 1e-4;
	double		dlon = (places[b].lon - places[a].lon) * 1e-4 * deg;
	double		dlat = (lat2 - lat1) * deg;
	double		x = dlon * det_cos(0.5 * (lat1 + lat2) * deg);

	return 6371.0 * det_sqrt(x * x + dlat * dlat);
}

/* ---------------------------------------------------------------- dates */

/* the generator counts days from 1970-01-01; the shared core from 2000-01-01 */
static void
civil(long z, int *y, int *m, int *d)
{
	civil_ymd_from_days(z - CIVIL_UNIX_EPOCH_DAYS, y, m, d);
}

static long
days_from_civil(int y, int m, int d)
{
	return (long) civil_days_from_ymd(y, m, d) + CIVIL_UNIX_EPOCH_DAYS;
}

/* --------------------------------------------------------------- output */

typedef struct Out
{
	FILE	   *f;
	char	   *buf;
	size_t		len;
	long		rows;
	const char *name;
} Out;

#define OUTBUF (1 << 20)

static void
out_flush(Out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
	{
		fprintf(stderr, "gen: write error on %s: %s\n", o->name, strerror(errno));
		exit(1);
	}
	o->len = 0;
}

static inline void
out_room(Out *o, size_t n)
{
	if (o->len + n > OUTBUF)
		out_flush(o);
}

static void
put_raw(Out *o, const char *s, size_t n)
{
	out_room(o, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void
put_s(Out *o, const char *s)
{
	put_raw(o, s, strlen(s));
}

static inline void
put_c(Out *o, char c)
{
	out_room(o, 1);
	o->buf[o->len++] = c;
}

/* a CSV text field, quoted when it holds a comma or a quote */
static void
put_csv(Out *o, const char *s)
{
	if (strpbrk(s, ",\"\n") == NULL)
	{
		put_s(o, s);
		return;
	}
	put_c(o, '"');
	for (; *s; s++)
	{
		if (*s == '"')
			put_c(o, '"');
		put_c(o, *s);
	}
	put_c(o, '"');
}

static void
put_i(Out *o, long v)
{
	char		tmp[24];
	int			n = 0;
	unsigned long u;

	if (v < 0)
	{
		put_c(o, '-');
		u = (unsigned long) (-(v + 1)) + 1;
	}
	else
		u = (unsigned long) v;
	do
	{
		tmp[n++] = (char) ('0' + u % 10);
		u /= 10;
	} while (u);
	out_room(o, n);
	while (n)
		o->buf[o->len++] = tmp[--n];
}

/* fixed-point value v / 10^dec, e.g. coordinates in 1e-4 degree */
static void
put_fix(Out *o, long v, int dec)
{
	long		p = 1;

	for (int i = 0; i < dec; i++)
		p *= 10;
	if (v < 0)
	{
		put_c(o, '-');
		v = -v;
	}
	put_i(o, v / p);
	put_c(o, '.');
	{
		long		f = v % p;
		char		tmp[20];

		for (int i = dec - 1; i >= 0; i--)
		{
			tmp[i] = (char) ('0' + f % 10);
			f /= 10;
		}
		put_raw(o, tmp, dec);
	}
}

static void
put_2(Out *o, int v)
{
	put_c(o, (char) ('0' + v / 10));
	put_c(o, (char) ('0' + v % 10));
}

static void
put_date(Out *o, long day)
{
	int			y,
				m,
				d;

	civil(day, &y, &m, &d);
	put_i(o, y);
	put_c(o, '-');
	put_2(o, m);
	put_c(o, '-');
	put_2(o, d);
}

/* date written from its parts, so a transposed day/month can be written */
static void
put_ymd(Out *o, int y, int m, int d)
{
	put_i(o, y);
	put_c(o, '-');
	put_2(o, m);
	put_c(o, '-');
	put_2(o, d);
}

/* timestamptz text in UTC */
static void
put_ts(Out *o, long t)
{
	long		day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	long		sec = t - day * 86400;

	put_date(o, day);
	put_c(o, ' ');
	put_2(o, (int) (sec / 3600));
	put_c(o, ':');
	put_2(o, (int) (sec / 60 % 60));
	put_c(o, ':');
	put_2(o, (int) (sec % 60));
	put_s(o, "+00");
}

static inline void
sep(Out *o)
{
	put_c(o, ',');
}

static inline void
eol(Out *o)
{
	put_c(o, '\n');
	o->rows++;
}

/* ------------------------------------------------------------ parameters */

typedef struct Params
{
	long		persons;
	uint64_t	seed;
	const char *outdir;
	int			quiet;
	/* error model: probability per record copy */
	double		typo;
	double		phonetic;
	double		accent;			/* Mexican copies (US copies are ASCII) */
	double		abbrev;			/* of copies whose given names allow one */
	double		swap;
	double		drop_s2;		/* Mexican copies */
	double		us_drop_s2;		/* US copies */
	double		join;			/* US copies: both surnames in surname1 */
	double		dmy;			/* of copies whose birth day is 1..12, != month */
	double		missing;		/* birth date; sex, independently */
	double		implausible;	/* per leg: too fast for the mode */
	double		reversed;		/* per leg: arrival before departure */
	double		nickname;		/* of copies whose given names have one */
	double		drop_given;		/* of copies with two or more given names */
	double		particle;		/* of copies with de/del/la/los/y in a name */
	double		year;			/* birth year off by one */
	double		errors;			/* scale of every identity error rate */
} Params;

static Params P = {
	10000, 1, "out/data", 0,
	0.03, 0.04, 0.15, 0.25, 0.02, 0.04, 0.12, 0.05, 0.03, 0.02, 0.002, 0.0,
	0.06, 0.10, 0.25, 0.02, 1.0
};

/* ---------------------------------------------------------- name tables */

typedef struct WTable
{
	const WName *v;
	int			n;
	long	   *cum;			/* cumulative weights */
	long		total;
} WTable;

static WTable t_sur_hisp, t_sur_maya, t_sur_haiti, t_gm, t_gf, t_g2m, t_g2f,
			t_hm, t_hf;
static long *sur_hisp_w;		/* resolved weights (Zipf tail filled) */

static void
wt_init(WTable *t, const WName *v, int n, const long *w)
{
	long		c = 0;

	t->v = v;
	t->n = n;
	t->cum = malloc(sizeof(long) * n);
	for (int i = 0; i < n; i++)
	{
		c += w ? w[i] : v[i].w;
		t->cum[i] = c;
	}
	t->total = c;
}

static const char *
wt_pick(WTable *t, Rng *r)
{
	long		x = (long) (unif(r) * (double) t->total);
	int			lo = 0,
				hi = t->n - 1;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (t->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return t->v[lo].s;
}

static double top10_share;

static void
tables_init(void)
{
	int			last = 0;

	/*
	 * The tail of the surname list continues the head's ranking with
	 * Zipf weights w(r) = w(k) * k / r, in units of 1/1000 so that the
	 * tail stays positive and small.
	 */
	sur_hisp_w = malloc(sizeof(long) * N_SURNAMES_HISP);
	for (int i = 0; i < N_SURNAMES_HISP; i++)
	{
		if (surnames_hisp[i].w > 0)
		{
			sur_hisp_w[i] = surnames_hisp[i].w * 1000L;
			last = i;
		}
		else
			sur_hisp_w[i] = (long) surnames_hisp[last].w * 1000L * (last + 1) / (i + 1);
	}
	wt_init(&t_sur_hisp, surnames_hisp, N_SURNAMES_HISP, sur_hisp_w);
	wt_init(&t_sur_maya, surnames_maya, N_SURNAMES_MAYA, NULL);
	wt_init(&t_sur_haiti, surnames_haiti, N_SURNAMES_HAITI, NULL);
	wt_init(&t_gm, given_m, N_GIVEN_M, NULL);
	wt_init(&t_gf, given_f, N_GIVEN_F, NULL);
	wt_init(&t_g2m, given2_m, N_GIVEN2_M, NULL);
	wt_init(&t_g2f, given2_f, N_GIVEN2_F, NULL);
	wt_init(&t_hm, haiti_m, N_HAITI_M, NULL);
	wt_init(&t_hf, haiti_f, N_HAITI_F, NULL);
	top10_share = (double) t_sur_hisp.cum[9] / (double) t_sur_hisp.total;
}

/* ---------------------------------------------------------------- model */

/* canonical indicator codes (docs/data.md; reference/domain.md 1.5) */
enum
{
	I_DEBT, I_UNPAID, I_FORCED_WORK, I_HELD, I_DOCS, I_THREATS, I_VIOLENCE,
	I_DECEPTION, I_MARRIAGE, I_ORGANS, I_SUBSTANCES, I_DENY_NEEDS,
	I_EXCESSIVE_HOURS, I_SEXUAL_EXPLOIT, I_MINOR_UNACC, I_SMUGGLER,
	I_FREIGHT_TRAIN, I_SMUGGLER_DEBT, I_TRAVELS_ALONE, I_NO_DOCUMENTS,
	I_REPEAT_DEPORTATION, I_KIDNAP_EXTORTION, I_HOTSPOT, N_IND
};
static const char *const ind_code[N_IND] = {
	"debt", "unpaid", "forced_work", "held", "docs", "threats", "violence",
	"deception", "marriage", "organs", "substances", "deny_needs",
	"excessive_hours", "sexual_exploit", "minor_unaccompanied", "smuggler",
	"freight_train", "smuggler_debt", "travels_alone", "no_documents",
	"repeat_deportation", "kidnap_extortion", "hotspot"
};

/* indicators the survey does not ask (known from case files only) */
static int
ind_in_survey(int i)
{
	return i != I_SUBSTANCES && i != I_DENY_NEEDS && i != I_EXCESSIVE_HOURS &&
		i != I_SEXUAL_EXPLOIT;
}

enum
{
	M_FOOT, M_BUS, M_CAR, M_TRUCK, M_TRAIN, M_BOAT, M_PLANE, M_OTHER, M_UNKNOWN
};
static const char *const mode_name[] = {
	"foot", "bus", "car", "truck", "freight_train", "boat", "plane", "other",
	"unknown"
};
/* highest plausible average speed by mode, km/h (docs/reference.md) */
static const double mode_max_kmh[] = {7, 130, 180, 130, 90, 90, 1100, 1100, 1100};

typedef struct Person
{
	long		id;
	int			nat;
	int			female;
	int			mx_state;		/* index into mx_states, -1 if not Mexican */
	long		birth;			/* days since 1970 */
	long		start;			/* first journey start, seconds since 1970 */
	int			age;			/* at first journey */
	char		given[80];
	char		s1[48];
	char		s2[48];
	int			minor_unacc;
	int			alone;
	int			smuggler;
	int			smuggler_debt;
	int			no_docs;
	int			rides_train;
	long		a_number;		/* 0 until the first US encounter */
	int			south,
				north;			/* corridor of the first journey */
	/* filled while the journeys are simulated */
	int			freight_train;
	int			hotspot;
	int			deported;		/* returned at least once so far */
	int			njourneys;
	/* latent exploitation */
	double		p_exploited;
	int			exploited;
	int			ind[N_IND];		/* true values */
} Person;

/* ------------------------------------------------------- output files */

enum
{
	F_PERSONS, F_LEGS, F_APPREHENSIONS, F_REMOVALS, F_RECEPTIONS, F_SURVEY,
	F_CTDC, F_TRUTH_RECORDS, F_TRUTH_INDICATORS, N_FILES
};
static const char *const file_name[N_FILES] = {
	"persons.csv", "legs.csv", "apprehensions.csv", "removals.csv",
	"receptions.csv", "survey.csv", "ctdc_cases.csv", "truth_records.csv",
	"truth_indicators.csv"
};
static Out out[N_FILES];
static long next_id[N_FILES];

static void
open_outputs(void)
{
	char		path[4096];

	if (mkdir(P.outdir, 0777) != 0 && errno != EEXIST)
	{
		fprintf(stderr, "gen: cannot create %s: %s\n", P.outdir, strerror(errno));
		exit(1);
	}
	for (int i = 0; i < N_FILES; i++)
	{
		snprintf(path, sizeof(path), "%s/%s", P.outdir, file_name[i]);
		out[i].f = fopen(path, "wb");
		if (!out[i].f)
		{
			fprintf(stderr, "gen: cannot write %s: %s\n", path, strerror(errno));
			exit(1);
		}
		out[i].buf = malloc(OUTBUF);
		out[i].len = 0;
		out[i].rows = 0;
		out[i].name = file_name[i];
		next_id[i] = 1;
	}
	put_s(&out[F_PERSONS], "person_id,given_names,surname1,surname2,sex,birth_date,nationality,state_of_origin,a_number,first_departure,n_journeys,corridor\n");
	put_s(&out[F_LEGS], "leg_id,person_id,journey_no,leg_no,from_place,from_key,from_lon,from_lat,to_place,to_key,to_lon,to_lat,mode,depart,arrive,implausible,implausible_reason\n");
	put_s(&out[F_APPREHENSIONS], "record_id,agency,event_date,place_name,place_key,lon,lat,state_or_sector,given_names,surname1,surname2,sex,birth_date,nationality,a_number,unaccompanied_minor,outcome\n");
	put_s(&out[F_REMOVALS], "record_id,a_number,apprehension_date,removal_date,port_of_departure,departure_country,area_of_responsibility,citizenship,gender,birth_date,given_names,surname1,surname2\n");
	put_s(&out[F_RECEPTIONS], "record_id,reception_date,reception_point,point_key,lon,lat,given_names,surname1,surname2,sexo,birth_date,age_group,acompanamiento,state_of_origin,nationality,us_port\n");
	put_s(&out[F_SURVEY], "survey_id,interview_date,location,location_key,stratum,weight,sex,age,nationality,journey_no,module_b");
	for (int i = 0; i < N_IND; i++)
	{
		if (!ind_in_survey(i))
			continue;
		put_c(&out[F_SURVEY], ',');
		put_s(&out[F_SURVEY], ind_code[i]);
	}
	put_c(&out[F_SURVEY], '\n');
	put_s(&out[F_CTDC], "case_id,yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,citizenship,CountryOfExploitation,meansOfControlDebtBondage,meansOfControlTakesEarnings,meansOfControlThreats,meansOfControlPhysicalAbuse,meansOfControlFalsePromises,meansOfControlRestrictsMovement,meansOfControlWithholdsDocuments,meansOfControlPsychoactiveSubstances,meansOfControlExcessiveWorkingHours,meansOfControlWithholdsNecessities,meansOfControlNotSpecified,isForcedLabour,isSexualExploit,isOtherExploit,isForcedMarriage,isOrganRemoval,isAbduction,typeOfExploitConcatenated\n");
	put_s(&out[F_TRUTH_RECORDS], "record_id,source,person_id,errors\n");
	put_s(&out[F_TRUTH_INDICATORS], "person_id,exploited,p_exploited");
	for (int i = 0; i < N_IND; i++)
	{
		put_c(&out[F_TRUTH_INDICATORS], ',');
		put_s(&out[F_TRUTH_INDICATORS], ind_code[i]);
	}
	put_c(&out[F_TRUTH_INDICATORS], '\n');
}

static void
close_outputs(void)
{
	for (int i = 0; i < N_FILES; i++)
	{
		out_flush(&out[i]);
		if (fclose(out[i].f) != 0)
		{
			fprintf(stderr, "gen: error closing %s\n", file_name[i]);
			exit(1);
		}
		free(out[i].buf);
	}
}

/* ------------------------------------------------------ identity copies */

/*
 * Upper-case a UTF-8 string: ASCII letters and the Latin-1 letters
 * (U+00E0..U+00FE, 2 bytes 0xC3 0xA0..0xBE) that our names use.
 */
static void
upper_utf8(char *s)
{
	for (unsigned char *p = (unsigned char *) s; *p; p++)
	{
		if (*p >= 'a' && *p <= 'z')
			*p -= 32;
		else if (*p == 0xC3 && p[1] >= 0xA0 && p[1] <= 0xBE && p[1] != 0xB7)
		{
			p[1] -= 0x20;
			p++;
		}
	}
}

/* ASCII for U+00C0..U+00FF */
static const char latin1_ascii[] =
	"AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTs"
	"aaaaaaaceeeeiiiidnooooo/ouuuuyty";

/* drop accents in place; keep_enye keeps Ñ/ñ (a letter, not an accent) */
static void
fold_accents(char *s, int keep_enye)
{
	unsigned char *r = (unsigned char *) s,
			   *w = (unsigned char *) s;

	while (*r)
	{
		if (*r == 0xC3 && r[1] >= 0x80 && r[1] <= 0xBF)
		{
			if (keep_enye && (r[1] == 0x91 || r[1] == 0xB1))
			{
				*w++ = *r++;
				*w++ = *r++;
				continue;
			}
			*w++ = (unsigned char) latin1_ascii[r[1] - 0x80];
			r += 2;
		}
		else
			*w++ = *r++;
	}
	*w = 0;
}

static int
has_accent(const char *s, int keep_enye)
{
	for (const unsigned char *p = (const unsigned char *) s; *p; p++)
		if (*p == 0xC3 && !(keep_enye && (p[1] == 0x91 || p[1] == 0xB1)))
			return 1;
	return 0;
}

/* replace the n bytes at s[pos] by rep */
static void
splice(char *s, size_t cap, size_t pos, size_t n, const char *rep)
{
	size_t		len = strlen(s),
				rl = strlen(rep);

	if (len - n + rl + 1 > cap)
		return;
	memmove(s + pos + rl, s + pos + n, len - pos - n + 1);
	memcpy(s + pos, rep, rl);
}

enum
{
	STYLE_MX, STYLE_US
};

/* abbreviations of given names in Mexican and US records (domain.md 4.1) */
static const char *const abbrev_from[] = {"María", "Guadalupe", "Francisco", "José"};
static const char *const abbrev_to[] = {"Ma.", "Gpe.", "Fco.", "J."};

static int
apply_abbrev(char *g, size_t cap, Rng *r, int style)
{
	int			cand[8],
				nc = 0;
	size_t		pos[8];

	for (int i = 0; i < 4; i++)
	{
		const char *p = strstr(g, abbrev_from[i]);
		size_t		l = strlen(abbrev_from[i]);

		/* whole word only */
		if (p && (p == g || p[-1] == ' ') && (p[l] == 0 || p[l] == ' '))
		{
			/* "J." only for a compound name, as clerks write "J. Luis" */
			if (i == 3 && strchr(g, ' ') == NULL)
				continue;
			cand[nc] = i;
			pos[nc++] = (size_t) (p - g);
		}
	}
	if (nc == 0)
		return 0;
	{
		int			k = (int) irange(r, 0, nc - 1);

		const char *to = abbrev_to[cand[k]];

		/* Mexican clerks also write Mª (a US system has no ª) */
		if (cand[k] == 0 && style == STYLE_MX && unif(r) < 0.5)
			to = "Mª";
		splice(g, cap, pos[k], strlen(abbrev_from[cand[k]]), to);
	}
	return 1;
}

/*
 * Hypocorisms of given names (domain.md 4.1): a clerk writes the name the
 * person gives.  A name with two nicknames takes either.
 */
static const char *const nick_from[] = {
	"Francisco", "Francisco", "José", "Guadalupe", "Guadalupe", "Jesús",
	"Ignacio", "Guillermo", "Alberto", "Roberto", "Gilberto", "Antonio",
	"Enrique", "Eduardo", "Concepción", "Alejandro", "Manuel", "Salvador",
	"Rafael", "Teresa", "Patricia", "Leticia", "Margarita", "Isabel", "Cecilia"
};
static const char *const nick_to[] = {
	"Pancho", "Paco", "Pepe", "Lupe", "Lupita", "Chuy",
	"Nacho", "Memo", "Beto", "Beto", "Beto", "Toño",
	"Quique", "Lalo", "Concha", "Alex", "Manolo", "Chava",
	"Rafa", "Tere", "Paty", "Lety", "Magos", "Chabela", "Chela"
};
#define N_NICK ((int) (sizeof(nick_from) / sizeof(nick_from[0])))

/* index of the whole word w in g, or -1 */
static long
find_word(const char *g, const char *w)
{
	size_t		l = strlen(w);

	for (const char *p = g; (p = strstr(p, w)) != NULL; p++)
		if ((p == g || p[-1] == ' ') && (p[l] == 0 || p[l] == ' '))
			return (long) (p - g);
	return -1;
}

static int
has_nickname(const char *g)
{
	for (int i = 0; i < N_NICK; i++)
		if (find_word(g, nick_from[i]) >= 0)
			return 1;
	return 0;
}

static int
apply_nickname(char *g, size_t cap, Rng *r)
{
	int			cand[N_NICK],
				nc = 0;
	long		pos[N_NICK];

	for (int i = 0; i < N_NICK; i++)
		if ((pos[nc] = find_word(g, nick_from[i])) >= 0)
			cand[nc++] = i;
	if (nc == 0)
		return 0;
	{
		int			k = (int) irange(r, 0, nc - 1);

		splice(g, cap, (size_t) pos[k], strlen(nick_from[cand[k]]), nick_to[cand[k]]);
	}
	return 1;
}

/* the particles of Spanish names, lower case as the tables write them */
static int
is_particle(const char *w, size_t l)
{
	static const char *const part[] = {"de", "del", "la", "las", "los", "y"};

	for (int i = 0; i < 6; i++)
		if (strlen(part[i]) == l && memcmp(part[i], w, l) == 0)
			return 1;
	return 0;
}

/*
 * Word groups of a name: a particle joins the word after it ("María | de
 * los Ángeles").  Writes the start of each group; returns how many.
 */
static int
word_groups(const char *g, size_t *start, int max)
{
	int			n = 0;
	int			open = 0;		/* a group started by particles only */
	size_t		i = 0,
				len = strlen(g);

	while (i < len && n < max)
	{
		size_t		j = i;

		while (j < len && g[j] != ' ')
			j++;
		if (!open)
			start[n++] = i;
		open = is_particle(g + i, j - i);
		i = j + 1;
	}
	return n;
}

/* one of two or more given names dropped (a group with its particles) */
static int
apply_drop_given(char *g, Rng *r)
{
	size_t		start[16],
				len = strlen(g);
	int			n = word_groups(g, start, 16),
				k;
	size_t		end;

	if (n < 2)
		return 0;
	k = (int) irange(r, 0, n - 1);
	end = k + 1 < n ? start[k + 1] : len + 1;
	if (k + 1 == n)
		start[k]--;				/* the last group: drop the space before it */
	memmove(g + start[k], g + (end > len ? len : end), len - (end > len ? len : end) + 1);
	return 1;
}

static int
has_particle(const char *s)
{
	size_t		i = 0,
				len = strlen(s);

	while (i < len)
	{
		size_t		j = i;

		while (j < len && s[j] != ' ')
			j++;
		if (is_particle(s + i, j - i))
			return 1;
		i = j + 1;
	}
	return 0;
}

/* every particle dropped: "de la Cruz" -> "Cruz", "Ponce de León" -> "Ponce León" */
static void
drop_particles(char *s)
{
	char		out[128];
	size_t		o = 0,
				i = 0,
				len = strlen(s);

	while (i < len)
	{
		size_t		j = i;

		while (j < len && s[j] != ' ')
			j++;
		if (!is_particle(s + i, j - i) && o + (j - i) + 2 < sizeof(out))
		{
			if (o)
				out[o++] = ' ';
			memcpy(out + o, s + i, j - i);
			o += j - i;
		}
		i = j + 1;
	}
	out[o] = 0;
	if (o)
		strcpy(s, out);
}

/*
 * Phonetic respellings of Latin-American Spanish (domain.md 4.2): b/v,
 * s/z, c(e,i)/s, ll/y, silent initial h, g(e,i)/j, x/j, rr/r, qu(e,i)/k.  Applied to an
 * upper-case copy; one rule at one place.
 */
static const char *const ph_from[] = {"B", "V", "Z", "S", "CE", "CI", "LL", "Y", "GE", "GI", "X", "H", "RR", "QUE", "QUI"};
static const char *const ph_to[] = {"V", "B", "S", "Z", "SE", "SI", "Y", "LL", "JE", "JI", "J", "", "R", "KE", "KI"};
#define N_PH 15

static int
apply_phonetic(char *s, size_t cap, Rng *r)
{
	int			cr[64];
	size_t		cp[64];
	int			nc = 0;

	for (int i = 0; i < N_PH; i++)
	{
		size_t		l = strlen(ph_from[i]);

		for (const char *p = s; (p = strstr(p, ph_from[i])) != NULL && nc < 64; p++)
		{
			size_t		at = (size_t) (p - s);

			/* silent h only at the start of a word; x->j only word-initial */
			if ((i == 11 || i == 10) && !(at == 0 || s[at - 1] == ' '))
				continue;
			/* y->ll only between vowels */
			if (i == 7 && (at == 0 || !strchr("AEIOU", s[at - 1]) || !p[l] || !strchr("AEIOU", p[l])))
				continue;
			/* h dropped only before a vowel */
			if (i == 11 && (!p[1] || !strchr("AEIOU", p[1])))
				continue;
			cr[nc] = i;
			cp[nc++] = at;
		}
	}
	if (nc == 0)
		return 0;
	{
		int			k = (int) irange(r, 0, nc - 1);

		splice(s, cap, cp[k], strlen(ph_from[cr[k]]), ph_to[cr[k]]);
	}
	return 1;
}

/* QWERTY neighbours of each upper-case letter */
static const char *const kbd[26] = {
	"QSZ", "VGHN", "XDFV", "SERFCX", "WSDR", "DRTGVC", "FTYHBV", "GYUJNB",
	"UJKO", "HUIKMN", "JIOLM", "KOP", "NJK", "BHJM", "IKLP", "OL", "WA",
	"EDFT", "AWEDXZ", "RFGY", "YHJI", "CFGB", "QASE", "ZSDC", "TGHU", "ASX"
};

/* one keyboard typo: substitution, deletion, doubling or transposition */
static int
apply_typo(char *s, size_t cap, Rng *r)
{
	size_t		len = strlen(s),
				pos[64];
	int			n = 0;

	for (size_t i = 0; i < len && n < 64; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			pos[n++] = i;
	if (n < 2)
		return 0;
	{
		size_t		at = pos[irange(r, 0, n - 1)];
		int			op = (int) irange(r, 0, 3);
		char		c = s[at];

		switch (op)
		{
			case 0:
				{
					const char *nb = kbd[c - 'A'];

					s[at] = nb[irange(r, 0, (long) strlen(nb) - 1)];
					break;
				}
			case 1:
				memmove(s + at, s + at + 1, len - at);
				break;
			case 2:
				if (len + 2 <= cap)
				{
					memmove(s + at + 1, s + at, len - at + 1);
				}
				break;
			default:
				if (s[at + 1] >= 'A' && s[at + 1] <= 'Z' && s[at + 1] != c)
				{
					s[at] = s[at + 1];
					s[at + 1] = c;
				}
				else
				{
					const char *nb = kbd[c - 'A'];

					s[at] = nb[0];
				}
				break;
		}
	}
	return 1;
}

typedef struct Copy
{
	char		given[96];
	char		s1[112];
	char		s2[64];
	int			sex;			/* 0 male, 1 female, -1 missing */
	int			by,
				bm,
				bd;				/* birth date as recorded; by = 0: missing */
	char		errors[192];
} Copy;

static void
logerr(Copy *c, const char *code)
{
	if (c->errors[0])
		strcat(c->errors, ";");
	strcat(c->errors, code);
}

/*
 * The identity of person p as agency 'style' records it, with errors
 * drawn at the configured rates.  Every error applied is logged in
 * c->errors (truth_records.csv).
 */
static void
make_copy(const Person *p, int style, Rng *r, Copy *c)
{
	int			y,
				m,
				d;

	memset(c, 0, sizeof(*c));
	strcpy(c->given, p->given);
	strcpy(c->s1, p->s1);
	strcpy(c->s2, p->s2);

	if (has_nickname(c->given) && chance(r, P.nickname) &&
		apply_nickname(c->given, sizeof(c->given), r))
		logerr(c, "nickname");
	if (word_groups(c->given, (size_t[16]) {0}, 16) >= 2 && chance(r, P.drop_given) &&
		apply_drop_given(c->given, r))
		logerr(c, "drop_given");
	if (chance(r, P.abbrev) && apply_abbrev(c->given, sizeof(c->given), r, style))
		logerr(c, "abbrev");
	if ((has_particle(c->given) || has_particle(c->s1) || has_particle(c->s2)) &&
		chance(r, P.particle))
	{
		drop_particles(c->given);
		drop_particles(c->s1);
		drop_particles(c->s2);
		logerr(c, "particle");
	}
	upper_utf8(c->given);
	upper_utf8(c->s1);
	upper_utf8(c->s2);
	if (style == STYLE_US)
	{
		/* US systems store ASCII: the fold is the system, not an error */
		fold_accents(c->given, 0);
		fold_accents(c->s1, 0);
		fold_accents(c->s2, 0);
	}
	else if (chance(r, P.accent))
	{
		int			any = has_accent(c->given, 1) || has_accent(c->s1, 1) || has_accent(c->s2, 1);

		fold_accents(c->given, 1);
		fold_accents(c->s1, 1);
		fold_accents(c->s2, 1);
		if (any)
			logerr(c, "accent");
	}
	if (chance(r, P.phonetic))
	{
		int			f = (int) irange(r, 0, 2);
		char	   *fld = f == 0 ? c->given : f == 1 ? c->s1 : c->s2;
		size_t		cap = f == 0 ? sizeof(c->given) : f == 1 ? sizeof(c->s1) : sizeof(c->s2);

		if (apply_phonetic(fld, cap, r))
			logerr(c, "phonetic");
	}
	if (chance(r, P.typo))
	{
		int			f = (int) irange(r, 0, c->s2[0] ? 2 : 1);
		char	   *fld = f == 0 ? c->given : f == 1 ? c->s1 : c->s2;
		size_t		cap = f == 0 ? sizeof(c->given) : f == 1 ? sizeof(c->s1) : sizeof(c->s2);

		if (apply_typo(fld, cap, r))
			logerr(c, "typo");
	}
	/* surname structure: swapped, second dropped, or both in one field */
	if (p->s2[0] && c->s2[0] && strcmp(p->s1, p->s2) != 0)
	{
		double		u = unif(r);
		double		drop = style == STYLE_US ? P.us_drop_s2 : P.drop_s2;
		double		join = style == STYLE_US ? P.join : 0.0;

		if (u < P.swap)
		{
			char		t[64];

			strcpy(t, c->s2);
			strcpy(c->s2, c->s1);
			strcpy(c->s1, t);
			logerr(c, "swap");
		}
		else if (u < P.swap + drop)
		{
			c->s2[0] = 0;
			logerr(c, "drop_s2");
		}
		else if (u < P.swap + drop + join)
		{
			strcat(c->s1, unif(r) < 0.5 ? " " : "-");
			strcat(c->s1, c->s2);
			c->s2[0] = 0;
			logerr(c, "join");
		}
	}
	c->sex = p->female;
	if (chance(r, P.missing))
	{
		c->sex = -1;
		logerr(c, "miss_sex");
	}
	civil(p->birth, &y, &m, &d);
	c->by = y;
	c->bm = m;
	c->bd = d;
	if (d <= 12 && d != m && chance(r, P.dmy))
	{
		c->bm = d;
		c->bd = m;
		logerr(c, "dmy");
	}
	if (chance(r, P.year))
	{
		c->by += unif(r) < 0.5 ? -1 : 1;
		/* 29 February of a year that has none: the 28th */
		if (c->bm == 2 && c->bd == 29 && !(c->by % 4 == 0 && (c->by % 100 != 0 || c->by % 400 == 0)))
			c->bd = 28;
		logerr(c, "year");
	}
	if (chance(r, P.missing))
	{
		c->by = 0;
		logerr(c, "miss_birth");
	}
}

static void
put_names(Out *o, const Copy *c)
{
	put_csv(o, c->given);
	sep(o);
	put_csv(o, c->s1);
	sep(o);
	put_csv(o, c->s2);
}

static void
put_birth(Out *o, const Copy *c)
{
	if (c->by)
		put_ymd(o, c->by, c->bm, c->bd);
}

static void
truth_record(const char *prefix, long id, const char *source, long person, const char *errors)
{
	Out		   *o = &out[F_TRUTH_RECORDS];

	put_s(o, prefix);
	put_i(o, id);
	sep(o);
	put_s(o, source);
	sep(o);
	put_i(o, person);
	sep(o);
	put_s(o, errors);
	eol(o);
}

/* --------------------------------------------------------------- events */

static long
a_number_of(long person_id)
{
	/* a bijection of 1..99999988 onto 9-digit A-numbers */
	return 100000000L + (long) ((uint64_t) person_id * 48271ULL % 99999989ULL);
}

static void
place_cols(Out *o, int pl)
{
	put_csv(o, places[pl].name);
	sep(o);
	put_s(o, places[pl].key);
	sep(o);
	put_fix(o, places[pl].lon, 4);
	sep(o);
	put_fix(o, places[pl].lat, 4);
}

static int
age_at(const Person *p, long day)
{
	int			by,
				bm,
				bd,
				y,
				m,
				d;
	int			a;

	civil(p->birth, &by, &bm, &bd);
	civil(day, &y, &m, &d);
	a = y - by;
	if (m < bm || (m == bm && d < bd))
		a--;
	return a;
}

static void
emit_apprehension(Person *p, Rng *r, int agency_us, long day, int pl, const char *state_or_sector, const char *outcome)
{
	Out		   *o = &out[F_APPREHENSIONS];
	long		id = next_id[F_APPREHENSIONS]++;
	Copy		c;
	int			age = age_at(p, day);

	make_copy(p, agency_us ? STYLE_US : STYLE_MX, r, &c);
	put_s(o, "AP");
	put_i(o, id);
	sep(o);
	put_s(o, agency_us ? "USBP" : "INM");
	sep(o);
	put_date(o, day);
	sep(o);
	place_cols(o, pl);
	sep(o);
	put_csv(o, state_or_sector);
	sep(o);
	put_names(o, &c);
	sep(o);
	if (c.sex >= 0)
		put_s(o, agency_us ? (c.sex ? "F" : "M") : (c.sex ? "MUJER" : "HOMBRE"));
	sep(o);
	put_birth(o, &c);
	sep(o);
	put_s(o, agency_us ? nats[p->nat].en : nats[p->nat].es);
	sep(o);
	if (agency_us)
		put_i(o, p->a_number);
	sep(o);
	if (age < 18)
		put_c(o, p->minor_unacc ? '1' : '0');
	sep(o);
	put_s(o, outcome);
	eol(o);
	truth_record("AP", id, "apprehension", p->id, c.errors);
}

/* field office (ICE ERO area of responsibility) of a removal port */
static const char *
aor_of(int port)
{
	switch (port)
	{
		case P_SAN_YSIDRO:
		case P_CALEXICO:
			return "San Diego";
		case P_NOGALES_US:
		case P_MESA:
			return "Phoenix";
		case P_EL_PASO:
		case P_PRESIDIO:
			return "El Paso";
		case P_DEL_RIO:
		case P_EAGLE_PASS:
		case P_LAREDO:
			return "San Antonio";
		case P_ALEXANDRIA:
			return "New Orleans";
		default:
			return "Harlingen";
	}
}

static void
emit_removal(Person *p, Rng *r, long appr_day, long rem_day, int port, const char *country)
{
	Out		   *o = &out[F_REMOVALS];
	long		id = next_id[F_REMOVALS]++;
	Copy		c;

	make_copy(p, STYLE_US, r, &c);
	put_s(o, "RM");
	put_i(o, id);
	sep(o);
	put_i(o, p->a_number);
	sep(o);
	put_date(o, appr_day);
	sep(o);
	put_date(o, rem_day);
	sep(o);
	put_csv(o, places[port].name);
	sep(o);
	put_s(o, country);
	sep(o);
	put_s(o, aor_of(port));
	sep(o);
	put_s(o, nats[p->nat].en);
	sep(o);
	if (c.sex >= 0)
		put_s(o, c.sex ? "Female" : "Male");
	sep(o);
	put_birth(o, &c);
	sep(o);
	put_names(o, &c);
	eol(o);
	truth_record("RM", id, "removal", p->id, c.errors);
}

static void
emit_reception(Person *p, Rng *r, long day, int point, int us_port)
{
	Out		   *o = &out[F_RECEPTIONS];
	long		id = next_id[F_RECEPTIONS]++;
	Copy		c;
	int			age = age_at(p, day);

	make_copy(p, STYLE_MX, r, &c);
	put_s(o, "RC");
	put_i(o, id);
	sep(o);
	put_date(o, day);
	sep(o);
	place_cols(o, point);
	sep(o);
	put_names(o, &c);
	sep(o);
	if (c.sex >= 0)
		put_c(o, c.sex ? 'M' : 'H');
	sep(o);
	put_birth(o, &c);
	sep(o);
	put_s(o, age < 12 ? "0-11" : age < 18 ? "12-17" : "18+");
	sep(o);
	if (age < 18)
		put_s(o, p->minor_unacc ? "no acompañado" : "acompañado");
	sep(o);
	if (p->mx_state >= 0)
		put_s(o, mx_states[p->mx_state].cve);
	sep(o);
	put_s(o, p->nat == N_MX ? "MEXICANA" : nats[p->nat].es);
	sep(o);
	put_csv(o, places[us_port].name);
	eol(o);
	truth_record("RC", id, "reception", p->id, c.errors);
}

/* survey points: place, sampling rate (per mille), response rate (percent) */
typedef struct Stratum
{
	int			place;
	int			sample_pm;
	int			response_pct;
} Stratum;

static const Stratum strata[] = {
	{P_TAPACHULA, 30, 85}, {P_TENOSIQUE, 60, 80}, {P_COATZACOALCOS, 50, 80},
	{P_LECHERIA, 40, 75}, {P_CDMX, 30, 75}, {P_MONTERREY, 40, 80},
	{P_CIUDAD_JUAREZ, 50, 85}, {P_TIJUANA, 50, 85}, {P_REYNOSA, 40, 70},
};
#define N_STRATA ((int) (sizeof(strata) / sizeof(strata[0])))

/* reported value of a survey item: 1, 0, or -1 (blank) */
static int
report(Rng *r, int truth, double refuse, double fn, double fp)
{
	if (chance(r, refuse))
		return -1;
	if (truth)
		return chance(r, fn) ? 0 : 1;
	return chance(r, fp) ? 1 : 0;
}

typedef struct SurveyPick
{
	int			stratum;
	long		t;
	int			journey;
} SurveyPick;

/*
 * A flow survey: every arrival at a survey point is sampled independently
 * (so a person passing twice may be interviewed twice, as in a real flow
 * survey).  The picks wait until the person's exploited status is known,
 * because non-response depends on it.
 */
#define MAX_PICKS 16
static SurveyPick picks[MAX_PICKS];
static int	npicks;

static void
maybe_survey(Rng *r, int pl, long t, int journey)
{
	int			s;

	for (s = 0; s < N_STRATA; s++)
		if (strata[s].place == pl)
			break;
	if (s == N_STRATA || !chance(r, strata[s].sample_pm / 1000.0) || npicks == MAX_PICKS)
		return;
	picks[npicks].stratum = s;
	picks[npicks].t = t;
	picks[npicks].journey = journey;
	npicks++;
}

/* the survey response of a sampled person who responded (stratum s) */
static void
emit_survey(Person *p, Rng *r, int s, long t, int journey)
{
	int			pl = strata[s].place;
	Out		   *o = &out[F_SURVEY];
	long		id = next_id[F_SURVEY]++;
	long		day = t / 86400 + irange(r, 0, 1);
	int			age = age_at(p, day);
	int			module_b = chance(r, 0.6);
	int			v[N_IND];
	long		w_e4;

	/* design weight 1/(sampling rate * expected response rate) */
	w_e4 = (1000000000L + (long) strata[s].sample_pm * strata[s].response_pct / 2) /
		((long) strata[s].sample_pm * strata[s].response_pct);

	for (int i = 0; i < N_IND; i++)
		v[i] = -1;
	/* FMS exploitation module: migrants aged 14+ */
	if (age >= 14)
	{
		v[I_UNPAID] = report(r, p->ind[I_UNPAID], 0.03, 0.15, 0.01);
		v[I_FORCED_WORK] = report(r, p->ind[I_FORCED_WORK], 0.03, 0.15, 0.01);
		v[I_MARRIAGE] = report(r, p->ind[I_MARRIAGE], 0.03, 0.15, 0.005);
		v[I_HELD] = report(r, p->ind[I_HELD], 0.03, 0.15, 0.01);
		v[I_VIOLENCE] = report(r, p->ind[I_VIOLENCE], 0.05, 0.15, 0.01);
		v[I_ORGANS] = report(r, p->ind[I_ORGANS], 0.05, 0.15, 0.005);
		if (module_b)
		{
			v[I_DEBT] = report(r, p->ind[I_DEBT], 0.03, 0.15, 0.01);
			v[I_DOCS] = report(r, p->ind[I_DOCS], 0.03, 0.15, 0.01);
			v[I_THREATS] = report(r, p->ind[I_THREATS], 0.03, 0.15, 0.01);
			v[I_DECEPTION] = report(r, p->ind[I_DECEPTION], 0.03, 0.15, 0.01);
		}
	}
	/* journey items, asked of everyone */
	v[I_MINOR_UNACC] = p->ind[I_MINOR_UNACC];
	v[I_SMUGGLER] = report(r, p->ind[I_SMUGGLER], 0.05, 0.15, 0.0);
	v[I_SMUGGLER_DEBT] = v[I_SMUGGLER] == 1 ? report(r, p->ind[I_SMUGGLER_DEBT], 0.05, 0.1, 0.0) :
		v[I_SMUGGLER] == 0 ? 0 : -1;
	v[I_FREIGHT_TRAIN] = report(r, p->ind[I_FREIGHT_TRAIN], 0.02, 0.02, 0.0);
	v[I_TRAVELS_ALONE] = report(r, p->ind[I_TRAVELS_ALONE], 0.02, 0.02, 0.02);
	v[I_NO_DOCUMENTS] = report(r, p->ind[I_NO_DOCUMENTS], 0.05, 0.05, 0.02);
	v[I_REPEAT_DEPORTATION] = report(r, p->ind[I_REPEAT_DEPORTATION], 0.03, 0.05, 0.0);
	v[I_KIDNAP_EXTORTION] = report(r, p->ind[I_KIDNAP_EXTORTION], 0.08, 0.2, 0.01);
	v[I_HOTSPOT] = p->ind[I_HOTSPOT];

	put_s(o, "SV");
	put_i(o, id);
	sep(o);
	put_date(o, day);
	sep(o);
	put_csv(o, places[pl].name);
	sep(o);
	put_s(o, places[pl].key);
	sep(o);
	put_i(o, s + 1);
	sep(o);
	put_fix(o, w_e4, 4);
	sep(o);
	put_c(o, p->female ? 'F' : 'M');
	sep(o);
	put_i(o, age);
	sep(o);
	put_s(o, nats[p->nat].iso3);
	sep(o);
	put_i(o, journey);
	sep(o);
	put_c(o, module_b ? '1' : '0');
	for (int i = 0; i < N_IND; i++)
	{
		if (!ind_in_survey(i))
			continue;
		sep(o);
		if (v[i] >= 0)
			put_c(o, (char) ('0' + v[i]));
	}
	eol(o);
	truth_record("SV", id, "survey", p->id, "");
}

/* ------------------------------------------------------------- journeys */

static int
pick_mode(Person *p, Rng *r, char cls, double km)
{
	double		u = unif(r);

	switch (cls)
	{
		case 'T':
			if (p->rides_train)
				return u < 0.92 ? M_TRAIN : u < 0.96 ? M_FOOT : M_BUS;
			/* FALLTHROUGH */
		case 'R':
			if (km < 120 && u < 0.25)
				return M_FOOT;
			u = unif(r);
			if (p->smuggler)
				return u < 0.45 ? M_TRUCK : u < 0.85 ? M_BUS : M_CAR;
			return u < 0.80 ? M_BUS : u < 0.92 ? M_TRUCK : u < 0.97 ? M_CAR : M_UNKNOWN;
		case 'F':
			return u < 0.70 ? M_FOOT : u < 0.95 ? M_BOAT : M_OTHER;
		case 'A':
			return M_PLANE;
		case 'S':
			return M_BOAT;
		default:
			return M_OTHER;
	}
}

/* travel time in seconds of a leg by mode */
static long
leg_seconds(Rng *r, int mode, double km)
{
	double		h;

	switch (mode)
	{
		case M_FOOT:
			h = km / 25.0 * 24.0 * (0.8 + 0.6 * unif(r)) + 1.0;	/* ~25 km a day */
			break;
		case M_BUS:
			h = km / 55.0 * (0.9 + 0.4 * unif(r)) + 0.5;
			break;
		case M_CAR:
			h = km / 70.0 * (0.9 + 0.3 * unif(r)) + 0.3;
			break;
		case M_TRUCK:
			h = km / 45.0 * (0.9 + 0.5 * unif(r)) + 0.5;
			break;
		case M_TRAIN:
			h = km / 20.0 * (0.8 + 0.8 * unif(r)) + 1.0;
			break;
		case M_BOAT:
			h = km / 12.0 * (0.8 + 0.5 * unif(r)) + 0.2;
			break;
		case M_PLANE:
			h = km / 600.0 + 2.0 + unif(r);
			break;
		default:
			h = km / 40.0 * (0.7 + 1.0 * unif(r)) + 1.0;
			break;
	}
	return (long) (h * 3600.0);
}

typedef struct Trip
{
	Person	   *p;
	Rng		   *r;
	int			journey;
	int			leg_no;
	long		t;				/* clock, seconds since 1970 */
	int			at;				/* current place */
	int			apprehended_mx; /* INM apprehensions in this journey */
} Trip;

/* state name of a Mexican place, from its INEGI key */
static const char *
mx_states_name_of(int pl)
{
	const char *k = places[pl].key;
	int			e = (k[0] - '0') * 10 + (k[1] - '0');

	return e >= 1 && e <= 32 ? mx_ent_name[e] : "";
}

/* one leg from t->at to 'to'; returns the mode */
static int
do_leg(Trip *t, int to, char cls, int mode_forced)
{
	Person	   *p = t->p;
	Rng		   *r = t->r;
	Out		   *o = &out[F_LEGS];
	double		km = dist_km(t->at, to);
	int			mode = mode_forced >= 0 ? mode_forced : pick_mode(p, r, cls, km);
	long		wait,
				dep,
				dur,
				arr_rec;
	const char *reason = "";

	/* waiting before the leg: trains are waited for, shelters are stayed in */
	wait = irange(r, 1800, 6 * 3600);
	if (mode == M_TRAIN)
		wait += irange(r, 6 * 3600, 4 * 86400);
	if (t->at == P_TAPACHULA && chance(r, 0.5))
		wait += irange(r, 5, 45) * 86400;	/* papers at COMAR/INM */
	else if (chance(r, 0.15))
		wait += irange(r, 1, 10) * 86400;	/* shelter stay */
	dep = t->t + wait;
	dur = leg_seconds(r, mode, km);
	arr_rec = dep + dur;
	if (P.implausible > 0 && chance(r, P.implausible))
	{
		/*
		 * Recorded as covered at three times the mode's highest plausible
		 * average speed (the bounds of migrisk.is_plausible): a valid
		 * route_segment that no traveller could have made.
		 */
		arr_rec = dep + (long) (km * 3600.0 / (3.0 * mode_max_kmh[mode]));
		reason = "too_fast";
	}
	else if (P.reversed > 0 && chance(r, P.reversed))
	{
		/* not a valid route_segment: rows for an ETL's reject path */
		arr_rec = dep - dur;
		reason = "time_reversed";
	}
	if (mode == M_TRAIN)
		p->freight_train = 1;
	if (places[to].hot)
		p->hotspot = 1;

	put_s(o, "L");
	put_i(o, next_id[F_LEGS]++);
	sep(o);
	put_i(o, p->id);
	sep(o);
	put_i(o, t->journey);
	sep(o);
	put_i(o, ++t->leg_no);
	sep(o);
	place_cols(o, t->at);
	sep(o);
	place_cols(o, to);
	sep(o);
	put_s(o, mode_name[mode]);
	sep(o);
	put_ts(o, dep);
	sep(o);
	put_ts(o, arr_rec);
	sep(o);
	put_c(o, reason[0] ? '1' : '0');
	sep(o);
	put_s(o, reason);
	eol(o);

	t->t = dep + dur;
	t->at = to;
	t->p->ind[I_FREIGHT_TRAIN] = p->freight_train;
	maybe_survey(r, to, t->t, t->journey);
	return mode;
}

/*
 * After arrival at a Mexican place: does INM apprehend a non-Mexican?
 * Returns 1 when the journey ends (returned to the home country).
 */
static int
inm_check(Trip *t, int mode)
{
	Person	   *p = t->p;
	Rng		   *r = t->r;
	double		f;
	int			ca;
	long		day;

	if (p->nat == N_MX || places[t->at].inm == 0)
		return 0;
	f = mode == M_BUS ? 1.5 : mode == M_TRAIN ? 0.8 : mode == M_FOOT ? 0.7 :
		mode == M_TRUCK ? 0.6 : 1.0;
	if (!chance(r, places[t->at].inm / 1000.0 * f))
		return 0;
	day = t->t / 86400;
	ca = p->nat == N_GT || p->nat == N_HN || p->nat == N_SV;
	t->apprehended_mx++;
	if (ca || t->apprehended_mx >= 2)
	{
		emit_apprehension(p, r, 0, day, t->at, mx_states_name_of(t->at), ca && chance(r, 0.6) ? "deportacion" : "retorno_asistido");
		p->deported = 1;
		return 1;
	}
	/* others receive an exit order and travel on */
	emit_apprehension(p, r, 0, day, t->at, mx_states_name_of(t->at), "oficio_salida");
	t->t += irange(r, 1, 10) * 86400;
	return 0;
}

/* the crossing into the US from border pair b, and what the US does */
enum
{
	END_DONE, END_IN_MEXICO, END_HOME
};

static int
us_encounter(Trip *t, int b)
{
	Person	   *p = t->p;
	Rng		   *r = t->r;
	int			port = P_SAN_YSIDRO + b;
	int			mode;
	long		day,
				rem_day;
	int			rb;
	double		u = unif(r);

	mode = u < 0.80 ? M_FOOT : u < 0.88 ? M_CAR : u < 0.95 ? (b >= 3 ? M_BOAT : M_FOOT) : M_UNKNOWN;
	do_leg(t, port, 'F', mode);
	if (!chance(r, p->nat == N_MX ? 0.55 : 0.75))
		return END_DONE;		/* entered undetected */
	if (!p->a_number)
		p->a_number = a_number_of(p->id);
	day = t->t / 86400;
	if (p->nat != N_MX && chance(r, 0.5))
	{
		emit_apprehension(p, r, 1, day, port, us_sector[b], "released");
		return END_DONE;		/* released to pursue a claim */
	}
	emit_apprehension(p, r, 1, day, port, us_sector[b], "removal");
	p->deported = 1;
	if (p->nat == N_MX ||
		((p->nat == N_CU || p->nat == N_VE || p->nat == N_HT || p->nat == N_NI) && chance(r, 0.3)))
	{
		/* land removal to Mexico; sometimes through another port (lateral) */
		static const int lag_w[4] = {55, 25, 12, 8};
		int			lag;

		rem_day = day + (p->nat == N_MX ? irange(r, 0, 5) : irange(r, 10, 60));
		rb = chance(r, 0.88) ? b : (int) irange(r, 0, N_BORDER - 1);
		emit_removal(p, r, day, rem_day, P_SAN_YSIDRO + rb, "MEXICO");
		lag = pick_w(r, lag_w, 4);
		emit_reception(p, r, rem_day + lag, P_TIJUANA + rb, P_SAN_YSIDRO + rb);
		t->t = (rem_day + lag) * 86400 + irange(r, 8, 18) * 3600;
		t->at = P_TIJUANA + rb;
		return END_IN_MEXICO;
	}
	/* removal flight to the country of citizenship */
	rem_day = day + irange(r, 15, 120);
	emit_removal(p, r, day, rem_day, P_ALEXANDRIA + (int) irange(r, 0, 2), nats[p->nat].en);
	t->t = rem_day * 86400 + irange(r, 8, 18) * 3600;
	return END_HOME;
}

static int
pick_border(Rng *r, int north)
{
	int			n = 0;

	while (n < 4 && north_border[north][n] >= 0)
		n++;
	return north_border[north][irange(r, 0, n - 1)] - P_TIJUANA;
}

/* walk corridor c from its entry hop; stop_at >= 0 ends it early */
static int
walk(Trip *t, const Corridor *c, int from_hop, int stop_a, int stop_b, int border)
{
	Rng		   *r = t->r;

	for (int i = from_hop; i < c->nhops; i++)
	{
		int			to = c->hops[i].place;
		int			mode;

		if (to < 0)
			to = P_TIJUANA + border;
		/* Acayucan is on the way north from Medias Aguas, not from Puebla */
		if (to == t->at || (to == P_ACAYUCAN && t->at == P_PUEBLA))
			continue;
		/* ride through an intermediate stop of the same kind */
		if (i + 1 < c->nhops && c->hops[i + 1].place >= 0 &&
			c->hops[i].cls == c->hops[i + 1].cls &&
			to != stop_a && to != stop_b && chance(r, 0.3))
		{
			if (places[to].hot)
				t->p->hotspot = 1;
			continue;
		}
		mode = do_leg(t, to, c->hops[i].cls, -1);
		if (inm_check(t, mode))
			return 1;
		if (to == stop_a || to == stop_b)
			break;
	}
	return 0;
}

static int
journey_from_home(Trip *t)
{
	Person	   *p = t->p;
	Rng		   *r = t->r;
	int			b;

	if (p->nat == N_MX)
	{
		int			home = mx_states[p->mx_state].city;
		int			west = p->mx_state <= 2 || p->mx_state == 9 || p->mx_state >= 13;
		static const int west_w[4] = {30, 15, 25, 30};	/* TIJ MXL NOG CJS */
		static const int east_w[6] = {25, 30, 15, 15, 10, 5};	/* NLD REY MAT PN ACU CJS */
		static const int east_b[6] = {7, 8, 9, 6, 5, 3};
		int			hub;

		t->at = home;
		if (west)
			b = pick_w(r, west_w, 4);
		else
			b = east_b[pick_w(r, east_w, 6)];
		hub = b <= 2 ? P_HERMOSILLO : b <= 4 ? P_CHIHUAHUA : P_MONTERREY;
		if (dist_km(home, P_TIJUANA + b) > 800 && chance(r, 0.12))
			do_leg(t, P_TIJUANA + b, 'A', M_PLANE);
		else
		{
			if (hub != home)
				do_leg(t, hub, 'R', -1);
			do_leg(t, P_TIJUANA + b, 'R', -1);
		}
		return us_encounter(t, b);
	}
	else
	{
		const Corridor *s = &south[p->south];
		int			entry = s->hops[0].place;
		int			origin = nats[p->nat].origin[irange(r, 0, 2)];

		t->at = origin;
		if (p->nat == N_VE || p->nat == N_CO || p->nat == N_EC)
		{
			do_leg(t, P_NECOCLI, 'R', M_BUS);
			do_leg(t, P_ACANDI, 'S', M_BOAT);
			do_leg(t, P_METETI, 'F', M_FOOT);	/* the Darien gap */
			do_leg(t, entry, 'R', M_BUS);
		}
		else if (p->nat == N_CU || p->nat == N_HT)
		{
			do_leg(t, P_MANAGUA, 'A', M_PLANE);
			do_leg(t, entry, 'R', M_BUS);
		}
		else
			do_leg(t, entry, 'R', M_BUS);

		b = pick_border(r, p->north);
		if (p->north == C_NORTH_GULF)
		{
			if (walk(t, s, 1, P_MEDIAS_AGUAS, P_PUEBLA, b))
				return END_HOME;
		}
		else if (walk(t, s, 1, -1, -1, b))
			return END_HOME;
		if (walk(t, &north[p->north], 0, -1, -1, b))
			return END_HOME;
		return us_encounter(t, b);
	}
}

/* a new attempt from a Mexican repatriation point */
static int
journey_from_border(Trip *t)
{
	Rng		   *r = t->r;
	int			b = t->at - P_TIJUANA;

	if (chance(r, 0.3))
	{
		b = (int) irange(r, 0, N_BORDER - 1);
		if (P_TIJUANA + b != t->at)
			do_leg(t, P_TIJUANA + b, 'R', M_BUS);
	}
	return us_encounter(t, b);
}

/* ---------------------------------------------------------------- person */

static const char *
pick_distinct(WTable *t, Rng *r, const char *not1)
{
	const char *s;

	for (int i = 0; i < 8; i++)
	{
		s = wt_pick(t, r);
		if (!not1 || strcmp(s, not1) != 0)
			return s;
	}
	return s;
}

static void
make_person(Person *p, long id, Rng *r)
{
	static const int nat_w[N_NAT] = {380, 150, 140, 60, 40, 100, 40, 40, 30, 20};
	static const int age_w[5] = {50, 70, 420, 330, 130};
	static const int age_lo[5] = {0, 12, 18, 30, 45};
	static const int age_hi[5] = {11, 17, 29, 44, 64};
	static const int south_w[4][N_SOUTH] = {{45, 35, 20}, {35, 30, 35}, {45, 40, 15}, {40, 45, 15}};
	static const int north_w[N_NORTH] = {25, 40, 20, 15};
	long		day0 = days_from_civil(2019, 1, 1),
				day1 = days_from_civil(2024, 6, 30),
				sday;
	int			g;

	memset(p, 0, sizeof(*p));
	p->id = id;
	p->nat = pick_w(r, nat_w, N_NAT);
	p->female = chance(r, p->nat == N_MX ? 0.20 : p->nat <= N_NI ? 0.30 : 0.42);
	p->mx_state = -1;
	if (p->nat == N_MX)
	{
		int			w[N_MX_STATES];

		for (int i = 0; i < N_MX_STATES; i++)
			w[i] = mx_states[i].weight;
		p->mx_state = pick_w(r, w, N_MX_STATES);
	}
	g = pick_w(r, age_w, 5);
	p->age = (int) irange(r, age_lo[g], age_hi[g]);
	sday = irange(r, day0, day1);
	p->start = sday * 86400 + irange(r, 5 * 3600, 20 * 3600);
	p->birth = sday - (long) (p->age * 365.2425) - irange(r, 1, 363);
	p->age = age_at(p, sday);

	/* names */
	if (p->nat == N_HT)
	{
		strcpy(p->given, wt_pick(p->female ? &t_hf : &t_hm, r));
		strcpy(p->s1, wt_pick(&t_sur_haiti, r));
		p->s2[0] = 0;			/* one surname */
	}
	else
	{
		const char *g1 = wt_pick(p->female ? &t_gf : &t_gm, r);
		double		pc = strcmp(g1, "María") == 0 ? 0.6 : strcmp(g1, "José") == 0 || strcmp(g1, "Juan") == 0 ? 0.5 : 0.25;

		strcpy(p->given, g1);
		if (chance(r, pc))
		{
			strcat(p->given, " ");
			strcat(p->given, pick_distinct(p->female ? &t_g2f : &t_g2m, r, g1));
		}
		strcpy(p->s1, p->nat == N_GT && chance(r, 0.15) ? wt_pick(&t_sur_maya, r) : wt_pick(&t_sur_hisp, r));
		if (chance(r, 0.02))
			p->s2[0] = 0;
		else
			strcpy(p->s2, p->nat == N_GT && chance(r, 0.15) ? wt_pick(&t_sur_maya, r) : wt_pick(&t_sur_hisp, r));
	}

	/* latent journey facts */
	if (p->age >= 12 && p->age < 18)
		p->minor_unacc = chance(r, 0.55);
	else if (p->age < 12)
		p->minor_unacc = chance(r, 0.05);
	p->alone = p->minor_unacc ? 1 : p->age >= 18 ? chance(r, 0.45) : 0;
	p->smuggler = chance(r, nats[p->nat].smuggler / 1000.0 + (p->minor_unacc ? 0.15 : 0.0));
	p->smuggler_debt = p->smuggler && chance(r, p->nat == N_GT ? 0.5 : 0.3);
	p->no_docs = chance(r, p->nat == N_MX ? 0.10 : p->nat == N_VE ? 0.40 : 0.55);
	p->rides_train = chance(r, p->smuggler ? 0.25 : 0.70);
	if (p->nat != N_MX)
	{
		int			k = p->nat == N_GT ? 0 : p->nat == N_HN ? 1 : p->nat == N_SV ? 2 : 3;

		p->south = pick_w(r, south_w[k], N_SOUTH);
		p->north = pick_w(r, north_w, N_NORTH);
	}
}

/*
 * The latent exploited status and the true indicator values.  The
 * coefficients make route, mode, smuggler use and age carry real signal
 * (docs/data.md, "indicator model").
 */
static void
exploitation(Person *p, Rng *r)
{
	int		   *v = p->ind;
	int			e;
	double		x;

	v[I_MINOR_UNACC] = p->minor_unacc;
	v[I_SMUGGLER] = p->smuggler;
	v[I_FREIGHT_TRAIN] = p->freight_train;
	v[I_SMUGGLER_DEBT] = p->smuggler_debt;
	v[I_TRAVELS_ALONE] = p->alone;
	v[I_NO_DOCUMENTS] = p->no_docs;
	v[I_HOTSPOT] = p->hotspot;
	/* v[I_REPEAT_DEPORTATION] set by the journey loop */

	x = -3.6 + 0.9 * p->smuggler + 0.8 * p->smuggler_debt + 0.7 * p->freight_train +
		1.1 * p->minor_unacc + 0.5 * p->alone + 0.6 * p->hotspot + 0.4 * p->female +
		0.3 * p->no_docs + 0.5 * v[I_REPEAT_DEPORTATION] + (p->age < 25 ? 0.3 : 0.0);
	p->p_exploited = det_logistic(x);
	e = p->exploited = chance(r, p->p_exploited);

	v[I_DEBT] = chance(r, e ? 0.35 + 0.25 * p->smuggler_debt : 0.02 + 0.03 * p->smuggler_debt);
	v[I_UNPAID] = chance(r, e ? 0.55 : 0.05);
	v[I_FORCED_WORK] = chance(r, e ? 0.45 : 0.02);
	v[I_HELD] = chance(r, e ? 0.40 + 0.15 * p->hotspot : 0.03 + 0.03 * p->hotspot);
	v[I_DOCS] = chance(r, e ? 0.25 : 0.02);
	v[I_THREATS] = chance(r, e ? 0.50 : 0.06);
	v[I_VIOLENCE] = chance(r, e ? 0.45 : 0.08);
	v[I_DECEPTION] = chance(r, e ? 0.40 : 0.04);
	v[I_MARRIAGE] = chance(r, e ? (p->female ? 0.12 : 0.02) : 0.005);
	v[I_ORGANS] = chance(r, e ? 0.03 : 0.003);
	v[I_SUBSTANCES] = chance(r, e ? 0.10 : 0.005);
	v[I_DENY_NEEDS] = chance(r, e ? 0.30 : 0.02);
	v[I_EXCESSIVE_HOURS] = chance(r, e ? 0.35 : 0.03);
	v[I_SEXUAL_EXPLOIT] = e && chance(r, p->female ? 0.45 : 0.05);
	v[I_KIDNAP_EXTORTION] = chance(r, 0.04 + 0.10 * p->hotspot + 0.06 * p->freight_train + (e ? 0.25 : 0.0));
}

static const char *
age_broad(int age)
{
	return age <= 8 ? "0--8" : age <= 17 ? "9--17" : age <= 20 ? "18--20" :
		age <= 23 ? "21--23" : age <= 26 ? "24--26" : age <= 29 ? "27--29" :
		age <= 38 ? "30--38" : age <= 47 ? "39--47" : "48+";
}

static void
emit_ctdc(Person *p, Rng *r, long day)
{
	Out		   *o = &out[F_CTDC];
	long		id = next_id[F_CTDC]++;
	int			y,
				m,
				d,
				age = age_at(p, day),
				any = 0;
	static const int means[10] = {I_DEBT, I_UNPAID, I_THREATS, I_VIOLENCE, I_DECEPTION, I_HELD,
	I_DOCS, I_SUBSTANCES, I_EXCESSIVE_HOURS, I_DENY_NEEDS};
	int			sex_ex = p->ind[I_SEXUAL_EXPLOIT];
	int			forced = p->ind[I_FORCED_WORK];
	char		types[96] = "";

	civil(day, &y, &m, &d);
	put_s(o, "CT");
	put_i(o, id);
	sep(o);
	put_i(o, y);
	sep(o);
	put_s(o, chance(r, 0.8) ? "Case Management" : "Hotline");
	sep(o);
	put_s(o, p->female ? "Female" : "Male");
	sep(o);
	put_s(o, age_broad(age));
	sep(o);
	put_s(o, age < 18 ? "Minor" : "Adult");
	sep(o);
	put_s(o, nats[p->nat].iso2);
	sep(o);
	put_s(o, chance(r, 0.7) ? "MX" : "US");
	/* k-anon convention: a means flag is 1 when recorded, blank otherwise */
	for (int i = 0; i < 10; i++)
	{
		sep(o);
		if (p->ind[means[i]] && chance(r, 0.8))
		{
			put_c(o, '1');
			any = 1;
		}
	}
	sep(o);
	if (!any)
		put_c(o, '1');
	sep(o);
	put_c(o, forced ? '1' : '0');
	sep(o);
	put_c(o, sex_ex ? '1' : '0');
	sep(o);
	put_c(o, !forced && !sex_ex ? '1' : '0');
	sep(o);
	put_c(o, p->ind[I_MARRIAGE] ? '1' : '0');
	sep(o);
	put_c(o, p->ind[I_ORGANS] ? '1' : '0');
	sep(o);
	put_c(o, p->ind[I_KIDNAP_EXTORTION] ? '1' : '0');
	sep(o);
	if (forced)
		strcat(types, "Forced labour");
	if (sex_ex)
		strcat(types, types[0] ? ";Sexual exploitation" : "Sexual exploitation");
	if (!forced && !sex_ex)
		strcat(types, "Other");
	put_s(o, types);
	eol(o);
	truth_record("CT", id, "ctdc", p->id, "");
}

static void
gen_person(long id)
{
	Rng			r;
	Person		p;
	Trip		t;
	int			res = END_HOME;
	int			where = 0;		/* 0 home, 1 at a Mexican border point */

	rng_seed(&r, P.seed, (uint64_t) id);
	make_person(&p, id, &r);
	npicks = 0;
	memset(&t, 0, sizeof(t));
	t.p = &p;
	t.r = &r;
	t.t = p.start;
	for (int j = 1; j <= 3; j++)
	{
		t.journey = j;
		t.leg_no = 0;
		t.apprehended_mx = 0;
		p.njourneys = j;
		if (p.deported)
			p.ind[I_REPEAT_DEPORTATION] = 1;
		res = where ? journey_from_border(&t) : journey_from_home(&t);
		if (res == END_DONE)
			break;
		if (!chance(&r, res == END_IN_MEXICO ? (p.nat == N_MX ? 0.35 : 0.3) : 0.3))
			break;
		t.t += irange(&r, 3, 90) * 86400;
		where = res == END_IN_MEXICO;
	}
	exploitation(&p, &r);

	for (int k = 0; k < npicks; k++)
	{
		/* non-response, somewhat higher among exploited people */
		int			s = picks[k].stratum;

		if (chance(&r, strata[s].response_pct / 100.0 * (p.exploited ? 0.85 : 1.0)))
			emit_survey(&p, &r, s, picks[k].t, picks[k].journey);
	}
	if (p.exploited && chance(&r, 0.06 + 0.10 * p.minor_unacc))
		emit_ctdc(&p, &r, t.t / 86400 + irange(&r, 0, 400));

	{
		Out		   *o = &out[F_PERSONS];

		put_i(o, p.id);
		sep(o);
		put_csv(o, p.given);
		sep(o);
		put_csv(o, p.s1);
		sep(o);
		put_csv(o, p.s2);
		sep(o);
		put_c(o, p.female ? 'F' : 'M');
		sep(o);
		put_date(o, p.birth);
		sep(o);
		put_s(o, nats[p.nat].iso3);
		sep(o);
		if (p.mx_state >= 0)
			put_s(o, mx_states[p.mx_state].cve);
		sep(o);
		if (p.a_number)
			put_i(o, p.a_number);
		sep(o);
		put_ts(o, p.start);
		sep(o);
		put_i(o, p.njourneys);
		sep(o);
		if (p.nat == N_MX)
			put_s(o, "mexican_domestic");
		else
		{
			put_s(o, south[p.south].name);
			put_c(o, '+');
			put_s(o, north[p.north].name);
		}
		eol(o);
	}
	{
		Out		   *o = &out[F_TRUTH_INDICATORS];

		put_i(o, p.id);
		sep(o);
		put_c(o, p.exploited ? '1' : '0');
		sep(o);
		put_fix(o, (long) (p.p_exploited * 10000.0 + 0.5), 4);
		for (int i = 0; i < N_IND; i++)
		{
			sep(o);
			put_c(o, p.ind[i] ? '1' : '0');
		}
		eol(o);
	}
}

/* ------------------------------------------------------------------ main */

static void
usage(void)
{
	fprintf(stderr,
			"usage: gen --persons N --seed S --out DIR [options]\n"
			"error rates (probability per record copy, 0..1):\n"
			"  --typo R        keyboard typo in one name field        (%.3f)\n"
			"  --phonetic R    phonetic respelling b/v s/z ll/y h ...  (%.3f)\n"
			"  --accent R      accents dropped, Mexican records       (%.3f)\n"
			"  --abbrev R      Ma./Gpe./Fco./J. when the name allows   (%.3f)\n"
			"  --swap R        surnames swapped                       (%.3f)\n"
			"  --drop-s2 R     second surname missing, Mexican records (%.3f)\n"
			"  --us-drop-s2 R  second surname missing, US records     (%.3f)\n"
			"  --join R        both surnames in surname1, US records  (%.3f)\n"
			"  --dmy R         birth day/month transposed (day <= 12) (%.3f)\n"
			"  --missing R     birth date missing; sex missing        (%.3f)\n"
			"  --nickname R    a hypocorism (Pancho, Lupe, Chuy ...)  (%.3f)\n"
			"  --drop-given R  one of two or more given names dropped (%.3f)\n"
			"  --particle R    de/del/la/los/y dropped from the names (%.3f)\n"
			"  --year R        birth year off by one                  (%.3f)\n"
			"  --errors K      every identity error rate above times K (capped at 1;\n"
			"                  the leg rates below are not scaled)     (%.2f)\n"
			"  --implausible R legs recorded too fast for their mode  (%.4f)\n"
			"  --reversed R    legs arriving before they depart       (%.4f)\n"
			"  --quiet         no progress output\n",
			P.typo, P.phonetic, P.accent, P.abbrev, P.swap, P.drop_s2,
			P.us_drop_s2, P.join, P.dmy, P.missing, P.nickname, P.drop_given,
			P.particle, P.year, P.errors, P.implausible, P.reversed);
	exit(2);
}

static double
rate_arg(const char *opt, const char *v)
{
	char	   *end;
	double		d;

	errno = 0;
	d = strtod(v, &end);
	if (errno || *end || end == v || !(d >= 0.0 && d <= 1.0))
	{
		fprintf(stderr, "gen: %s wants a rate between 0 and 1, not \"%s\"\n", opt, v);
		exit(2);
	}
	return d;
}

static long
count_arg(const char *opt, const char *v, long max)
{
	char	   *end;
	long long	n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end || end == v || n < 0 || n > max)
	{
		fprintf(stderr, "gen: %s wants an integer between 0 and %ld, not \"%s\"\n", opt, max, v);
		exit(2);
	}
	return (long) n;
}

static void
write_params(void)
{
	char		path[4096];
	FILE	   *f;

	snprintf(path, sizeof(path), "%s/params.csv", P.outdir);
	f = fopen(path, "w");
	if (!f)
	{
		fprintf(stderr, "gen: cannot write %s\n", path);
		exit(1);
	}
	fprintf(f, "key,value\n");
	fprintf(f, "generator_version,%s\n", GEN_VERSION);
	fprintf(f, "persons,%ld\n", P.persons);
	fprintf(f, "seed,%llu\n", (unsigned long long) P.seed);
	fprintf(f, "rate_typo,%.6f\nrate_phonetic,%.6f\nrate_accent,%.6f\n", P.typo, P.phonetic, P.accent);
	fprintf(f, "rate_abbrev,%.6f\nrate_swap,%.6f\nrate_drop_s2,%.6f\n", P.abbrev, P.swap, P.drop_s2);
	fprintf(f, "rate_us_drop_s2,%.6f\nrate_join,%.6f\nrate_dmy,%.6f\n", P.us_drop_s2, P.join, P.dmy);
	fprintf(f, "rate_missing,%.6f\nrate_implausible,%.6f\nrate_reversed,%.6f\n", P.missing, P.implausible, P.reversed);
	fprintf(f, "rate_nickname,%.6f\nrate_drop_given,%.6f\nrate_particle,%.6f\n", P.nickname, P.drop_given, P.particle);
	fprintf(f, "rate_year,%.6f\nerror_scale,%.6f\n", P.year, P.errors);
	fprintf(f, "expected_top10_surname_share,%.6f\n", top10_share);
	for (int i = 0; i < N_FILES; i++)
		fprintf(f, "rows_%.*s,%ld\n", (int) (strlen(file_name[i]) - 4), file_name[i], out[i].rows);
	if (fclose(f) != 0)
	{
		fprintf(stderr, "gen: error closing %s\n", path);
		exit(1);
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
	double		t0 = now();
	long		step;

	for (int i = 1; i < argc; i++)
	{
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--quiet") == 0)
		{
			P.quiet = 1;
			continue;
		}
		if (!v)
			usage();
		i++;
		if (strcmp(a, "--persons") == 0)
			P.persons = count_arg(a, v, 99999988L);
		else if (strcmp(a, "--seed") == 0)
			P.seed = (uint64_t) count_arg(a, v, 9223372036854775807L);
		else if (strcmp(a, "--out") == 0)
			P.outdir = v;
		else if (strcmp(a, "--typo") == 0)
			P.typo = rate_arg(a, v);
		else if (strcmp(a, "--phonetic") == 0)
			P.phonetic = rate_arg(a, v);
		else if (strcmp(a, "--accent") == 0)
			P.accent = rate_arg(a, v);
		else if (strcmp(a, "--abbrev") == 0)
			P.abbrev = rate_arg(a, v);
		else if (strcmp(a, "--swap") == 0)
			P.swap = rate_arg(a, v);
		else if (strcmp(a, "--drop-s2") == 0)
			P.drop_s2 = rate_arg(a, v);
		else if (strcmp(a, "--us-drop-s2") == 0)
			P.us_drop_s2 = rate_arg(a, v);
		else if (strcmp(a, "--join") == 0)
			P.join = rate_arg(a, v);
		else if (strcmp(a, "--dmy") == 0)
			P.dmy = rate_arg(a, v);
		else if (strcmp(a, "--missing") == 0)
			P.missing = rate_arg(a, v);
		else if (strcmp(a, "--implausible") == 0)
			P.implausible = rate_arg(a, v);
		else if (strcmp(a, "--reversed") == 0)
			P.reversed = rate_arg(a, v);
		else if (strcmp(a, "--nickname") == 0)
			P.nickname = rate_arg(a, v);
		else if (strcmp(a, "--drop-given") == 0)
			P.drop_given = rate_arg(a, v);
		else if (strcmp(a, "--particle") == 0)
			P.particle = rate_arg(a, v);
		else if (strcmp(a, "--year") == 0)
			P.year = rate_arg(a, v);
		else if (strcmp(a, "--errors") == 0)
		{
			char	   *end;

			errno = 0;
			P.errors = strtod(v, &end);
			if (errno || *end || end == v || !(P.errors >= 0.0 && P.errors <= 20.0))
			{
				fprintf(stderr, "gen: --errors wants a scale between 0 and 20, not \"%s\"\n", v);
				exit(2);
			}
		}
		else
			usage();
	}
	/* the scale multiplies every identity error rate (params.csv has the results) */
	{
		double	   *rate[] = {&P.typo, &P.phonetic, &P.accent, &P.abbrev, &P.swap,
			&P.drop_s2, &P.us_drop_s2, &P.join, &P.dmy, &P.missing, &P.nickname,
		&P.drop_given, &P.particle, &P.year};

		for (size_t k = 0; k < sizeof(rate) / sizeof(rate[0]); k++)
			*rate[k] = *rate[k] * P.errors > 1.0 ? 1.0 : *rate[k] * P.errors;
	}
	if (P.swap + P.drop_s2 > 1.0 || P.swap + P.us_drop_s2 + P.join > 1.0)
	{
		fprintf(stderr, "gen: --swap + --drop-s2 and --swap + --us-drop-s2 + --join must not exceed 1\n");
		exit(2);
	}
	tables_init();
	open_outputs();
	step = P.persons >= 200000 ? 100000 : 0;
	for (long id = 1; id <= P.persons; id++)
	{
		gen_person(id);
		if (step && id % step == 0 && !P.quiet)
			fprintf(stderr, "gen: %ld/%ld persons, %.1f s\n", id, P.persons, now() - t0);
	}
	close_outputs();
	write_params();
	if (!P.quiet)
	{
		fprintf(stderr, "gen: %ld persons -> %s in %.1f s:", P.persons, P.outdir, now() - t0);
		for (int i = 0; i < N_FILES; i++)
			fprintf(stderr, " %s %ld", file_name[i], out[i].rows);
		fprintf(stderr, "\n");
	}
	return 0;
}
