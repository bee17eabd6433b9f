/*
 * clk_encode.c
 *		clk_encode: keyed Bloom-filter encodings of a record's fields, with
 *		the key read from migrisk.pprl_key under the caller's own privileges
 *		(no SECURITY DEFINER: a role encodes only if an administrator granted
 *		it SELECT on the key table).  The secret is read once and kept,
 *		with the per-field keys derived from it, in the backend's key
 *		cache for the same user and key name until the transaction ends
 *		(then it is wiped) or pprl_key changes (config_cache.c: the next
 *		statement reads the new secret).  Neither the secret nor any field
 *		value appears in an error message.
 *
 * Also the greedy one-to-one assignment used by pprl_link.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "access/xact.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "compat.h"
#include "given_names.h"
#include "migrisk.h"
#include "name_normalize.h"
#include "pprl.h"

/* the key last read: a backend-wide cache, wiped at transaction end */
typedef struct PprlKeyCache
{
	uint64		gen;			/* migrisk_config_generation at load; 0 = none */
	Oid			userid;
	char	   *key_name;		/* key the secret below belongs to */
	uint8	   *secret;
	size_t		secretlen;
	int			nkeys;			/* field keys derived so far */
	sha256_hmac_ctx fkey[CLK_MAX_FIELDS];
} PprlKeyCache;

static PprlKeyCache pprl_key_cache;
static bool pprl_xact_callback_set = false;

/* the specification last parsed, per call site (no secret in it) */
typedef struct PprlEncodeCache
{
	char	   *spec_text;		/* specification last parsed, or NULL */
	clk_spec	spec;
} PprlEncodeCache;

/* forget the secret and the derived keys, wiping them */
static void
pprl_key_forget(void)
{
	PprlKeyCache *k = &pprl_key_cache;

	k->gen = 0;
	if (k->secret)
	{
		sha256_wipe(k->secret, k->secretlen);
		pfree(k->secret);
		k->secret = NULL;
	}
	if (k->key_name)
		pfree(k->key_name);
	k->key_name = NULL;
	k->nkeys = 0;
	sha256_wipe(k->fkey, sizeof(k->fkey));
}

static void
pprl_xact_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			if (pprl_key_cache.secret || pprl_key_cache.key_name)
				pprl_key_forget();
			break;
		default:
			break;
	}
}

static PprlEncodeCache *
pprl_get_cache(FunctionCallInfo fcinfo)
{
	PprlEncodeCache *c = (PprlEncodeCache *) fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(PprlEncodeCache));
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

/* the named key's secret, read into the key cache (caller's privileges) */
static PprlKeyCache *
pprl_load_key(FunctionCallInfo fcinfo, text *key_name)
{
	PprlKeyCache *c = &pprl_key_cache;
	char	   *name = text_to_cstring(key_name);
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];
	int			ret;
	bool		isnull;
	Datum		d;
	bytea	   *secret;
	uint64		gen;

	if (likely(c->gen == migrisk_config_generation && c->userid == GetUserId() &&
			   c->key_name && strcmp(c->key_name, name) == 0))
		return c;
	pprl_key_forget();
	if (!pprl_xact_callback_set)
	{
		RegisterXactCallback(pprl_xact_callback, NULL);
		pprl_xact_callback_set = true;
	}
	(void) migrisk_config_watch(get_func_namespace(fcinfo->flinfo->fn_oid), "pprl_key");
	gen = migrisk_config_generation;

	values[0] = PointerGetDatum(key_name);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute_with_args("SELECT secret FROM migrisk.pprl_key WHERE name = $1",
								1, argtypes, values, NULL, true, 1);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading migrisk.pprl_key failed: %s", SPI_result_code_string(ret));
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("PPRL key \"%s\" does not exist", name),
				 errhint("An administrator creates keys with migrisk.pprl_set_key(name, secret).")));
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("PPRL key \"%s\" has no secret", name)));
	secret = DatumGetByteaPP(d);
	c->secretlen = VARSIZE_ANY_EXHDR(secret);
	c->secret = MemoryContextAlloc(TopMemoryContext, c->secretlen > 0 ? c->secretlen : 1);
	memcpy(c->secret, VARDATA_ANY(secret), c->secretlen);
	/* the tuple is SPI's own copy: wipe it before SPI frees it */
	sha256_wipe(VARDATA_ANY(secret), VARSIZE_ANY_EXHDR(secret));
	SPI_finish();
	c->key_name = MemoryContextStrdup(TopMemoryContext, name);
	c->userid = GetUserId();
	c->gen = gen;
	return c;
}

/*
 * Name normalisation for NAME fields: the linkage core's name_normalize
 * (accents and punctuation removed, particles dropped, abbreviations
 * expanded, upper case), so encodings agree wherever the plain linkage's
 * normalised names agree.  out holds NAME_NORMALIZE_BUFSIZE bytes.
 */
static size_t
pprl_normalize_name(const char *s, size_t len, char *out)
{
	return name_normalize(s, len, out);
}

/*
 * GIVEN fields: the normalised name with each word read through the
 * nickname table (Pancho -> FRANCISCO, Lupe -> GUADALUPE), as the plain
 * comparison and the blocking keys read given names, so a nickname on one
 * side and the name on the other give the same bigrams.  The words of a
 * normalised name are separated by one space.
 */
static void
pprl_canonical_given(const char *norm, size_t nl, StringInfo out)
{
	size_t		i = 0;

	while (i < nl)
	{
		size_t		b = i,
					cl;
		const char *w;

		while (i < nl && norm[i] != ' ')
			i++;
		w = given_name_canonical(norm + b, i - b, &cl);
		if (out->len > 0)
			appendStringInfoChar(out, ' ');
		appendBinaryStringInfo(out, w, (int) cl);
		i++;					/* the space */
	}
}

/* encode fields (already deconstructed) under the cached key and spec */
static ClkData *
pprl_encode(PprlKeyCache *c, const clk_spec *spec, Datum *fields, bool *nulls, int n)
{
	ClkData    *out = clk_make(spec->nbits);
	int			i;

	for (i = 0; i < n; i++)
	{
		text	   *t;
		const char *s;
		size_t		len, nl;
		char	   *norm;
		char		digits[8];
		clk_field_kind kind = spec->field[i].kind;
		int			k = spec->field[i].k;

		if (nulls[i])
			continue;			/* a missing value adds no token */
		t = DatumGetTextPP(fields[i]);
		s = VARDATA_ANY(t);
		len = VARSIZE_ANY_EXHDR(t);
		if (kind == CLK_FIELD_AUTO)
			kind = clk_parse_date(s, len, digits) ? CLK_FIELD_DATE : CLK_FIELD_NAME;
		switch (kind)
		{
			case CLK_FIELD_DATE:
				if (!clk_parse_date(s, len, digits))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_DATETIME_FORMAT),
							 errmsg("field %d of the clk encoding is not a date", i + 1),
							 errdetail("The value is not shown: it is personal data."),
							 errhint("Date fields take YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD, e.g. to_char(birth_date, 'YYYY-MM-DD').")));
				if (spec->field[i].budget > 0)
					k = clk_budget_k(spec->field[i].budget, clk_token_count(kind, digits, 8));
				clk_add_value(out->data, spec->nbits, &c->fkey[i], kind, k, digits, 8);
				break;
			case CLK_FIELD_NAME:
			case CLK_FIELD_GIVEN:
				{
					StringInfoData given;
					const char *v;

					norm = palloc(NAME_NORMALIZE_BUFSIZE);
					nl = pprl_normalize_name(s, len, norm);
					v = norm;
					if (kind == CLK_FIELD_GIVEN)
					{
						initStringInfo(&given);
						pprl_canonical_given(norm, nl, &given);
						v = given.data;
						nl = given.len;
					}
					if (spec->field[i].budget > 0)
						k = clk_budget_k(spec->field[i].budget, clk_token_count(kind, v, nl));
					clk_add_value(out->data, spec->nbits, &c->fkey[i], kind, k, v, nl);
					if (kind == CLK_FIELD_GIVEN)
						pfree(given.data);
					pfree(norm);
				}
				break;
			default:
				norm = palloc(len + 1);
				nl = clk_fold(s, len, norm);
				if (spec->field[i].budget > 0)
					k = clk_budget_k(spec->field[i].budget, clk_token_count(kind, norm, nl));
				clk_add_value(out->data, spec->nbits, &c->fkey[i], kind, k, norm, nl);
				pfree(norm);
				break;
		}
	}
	clk_set_popcount(out);
	return out;
}

static void
pprl_fields(ArrayType *arr, Datum **fields, bool **nulls, int *n)
{
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, fields, nulls, n);
	if (*n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("clk encoding needs at least one field"),
				 errhint("Pass the identifiers to encode, e.g. clk_encode('key', given_name, surname, birth_date::text).")));
	if (*n > CLK_MAX_FIELDS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("clk encoding of %d fields exceeds the limit of %d", *n, CLK_MAX_FIELDS)));
}

static void
pprl_derive_keys(PprlKeyCache *c, int n)
{
	for (; c->nkeys < n; c->nkeys++)
		clk_field_key(c->secret, c->secretlen, c->nkeys + 1, &c->fkey[c->nkeys]);
}

PG_FUNCTION_INFO_V1(clk_encode);
Datum
clk_encode(PG_FUNCTION_ARGS)
{
	text	   *key_name = PG_GETARG_TEXT_PP(0);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	PprlKeyCache *k;
	Datum	   *fields;
	bool	   *nulls;
	int			n, i;
	clk_spec	spec;

	pprl_fields(arr, &fields, &nulls, &n);
	k = pprl_load_key(fcinfo, key_name);
	pprl_derive_keys(k, n);
	memset(&spec, 0, sizeof(spec));
	spec.nbits = CLK_DEFAULT_BITS;
	spec.nfields = n;
	for (i = 0; i < n; i++)
	{
		spec.field[i].kind = CLK_FIELD_AUTO;
		spec.field[i].k = clk_default_k(CLK_DEFAULT_BITS, n);
	}
	PG_RETURN_CLK_P(pprl_encode(k, &spec, fields, nulls, n));
}

PG_FUNCTION_INFO_V1(clk_encode_spec);
Datum
clk_encode_spec(PG_FUNCTION_ARGS)
{
	text	   *key_name = PG_GETARG_TEXT_PP(0);
	char	   *spec_text = text_to_cstring(PG_GETARG_TEXT_PP(1));
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(2);
	PprlEncodeCache *c = pprl_get_cache(fcinfo);
	PprlKeyCache *k;
	Datum	   *fields;
	bool	   *nulls;
	int			n, i;
	clk_spec	spec;

	if (c->spec_text == NULL || strcmp(c->spec_text, spec_text) != 0)
	{
		char		err[256];
		int			rc;

		rc = clk_spec_parse(spec_text, strlen(spec_text), &c->spec, err, sizeof(err));
		if (rc != CLK_OK)
		{
			if (c->spec_text)
				pfree(c->spec_text);
			c->spec_text = NULL;
			ereport(ERROR,
					(errcode(rc == CLK_ERR_RANGE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
							 : ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid clk field specification: \"%s\"", spec_text),
					 errdetail("%s", err),
					 errhint("Write one item per field, kind, kind:k (hashes per token) or kind/B (B hashes spread over the field's tokens), with kind auto, name, given, text, date, exact or digits, optionally led by bits=N, e.g. 'bits=1024, name:20, name:20, date:10'.")));
		}
		if (c->spec_text)
			pfree(c->spec_text);
		c->spec_text = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, spec_text);
	}
	pprl_fields(arr, &fields, &nulls, &n);
	if (n != c->spec.nfields)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("clk field specification \"%s\" does not match the %d fields given",
						spec_text, n),
				 errdetail("The specification describes %d.", c->spec.nfields),
				 errhint("Give one item per field.")));
	spec = c->spec;
	if (spec.nbits == 0)
		spec.nbits = CLK_DEFAULT_BITS;
	for (i = 0; i < n; i++)
		if (spec.field[i].k == 0)
			spec.field[i].k = clk_default_k(spec.nbits, n);
	k = pprl_load_key(fcinfo, key_name);
	pprl_derive_keys(k, n);
	PG_RETURN_CLK_P(pprl_encode(k, &spec, fields, nulls, n));
}

/* ---- greedy one-to-one assignment ---- */

typedef struct PprlCand
{
	int64		l, r;
	double		score;
} PprlCand;

static int
pprl_cand_cmp(const void *a, const void *b)
{
	const PprlCand *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->l != y->l)
		return x->l < y->l ? -1 : 1;
	if (x->r != y->r)
		return x->r < y->r ? -1 : 1;
	return 0;
}

/*
 * _pprl_greedy(left int8[], right int8[], score float8[]): candidate pairs
 * in, one-to-one links out: highest score first (ties by left, then right
 * id), a pair is kept when neither of its records is linked already.
 */
PG_FUNCTION_INFO_V1(pprl_greedy);
Datum
pprl_greedy(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ArrayType  *la = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *ra = PG_GETARG_ARRAYTYPE_P(1);
	ArrayType  *sa = PG_GETARG_ARRAYTYPE_P(2);
	Datum	   *ld, *rd, *sd;
	bool	   *ln, *rn, *sn;
	int			nl, nr, ns, i;
	PprlCand   *cand;
	HASHCTL		ctl;
	HTAB	   *lt, *rt;

	InitMaterializedSRF(fcinfo, 0);
	deconstruct_array(la, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &ld, &ln, &nl);
	deconstruct_array(ra, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &rd, &rn, &nr);
	deconstruct_array(sa, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &sd, &sn, &ns);
	if (nl != nr || nl != ns)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("candidate arrays differ in length: %d, %d and %d", nl, nr, ns)));
	if (nl == 0)
		PG_RETURN_NULL();
	cand = palloc_extended(sizeof(PprlCand) * (Size) nl, MCXT_ALLOC_HUGE);
	for (i = 0; i < nl; i++)
	{
		if (ln[i] || rn[i] || sn[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("candidate %d has a null id or score", i + 1)));
		cand[i].l = DatumGetInt64(ld[i]);
		cand[i].r = DatumGetInt64(rd[i]);
		cand[i].score = DatumGetFloat8(sd[i]);
	}
	qsort(cand, nl, sizeof(PprlCand), pprl_cand_cmp);

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(int64);
	ctl.entrysize = sizeof(int64);
	ctl.hcxt = CurrentMemoryContext;
	lt = hash_create("pprl linked left", Min(nl, 1 << 20), &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	rt = hash_create("pprl linked right", Min(nl, 1 << 20), &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	for (i = 0; i < nl; i++)
	{
		Datum		values[3];
		bool		isnull[3] = {false, false, false};

		CHECK_FOR_INTERRUPTS();
		if (hash_search(lt, &cand[i].l, HASH_FIND, NULL) ||
			hash_search(rt, &cand[i].r, HASH_FIND, NULL))
			continue;
		hash_search(lt, &cand[i].l, HASH_ENTER, NULL);
		hash_search(rt, &cand[i].r, HASH_ENTER, NULL);
		values[0] = Int64GetDatum(cand[i].l);
		values[1] = Int64GetDatum(cand[i].r);
		values[2] = Float8GetDatum(cand[i].score);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, isnull);
	}
	return (Datum) 0;
}
