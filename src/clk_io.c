/*
 * clk_io.c
 *		The clk type: text and binary I/O, equality and hashing, Dice
 *		similarity, the "Dice at least migrisk.pprl_threshold" operator %,
 *		and bit-sampling blocking keys.  The arithmetic is in core/clk.c.
 */
#include "postgres.h"

#include <float.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "compat.h"
#include "pprl.h"

double		migrisk_pprl_threshold = 0.8;

void
migrisk_pprl_init(void)
{
	DefineCustomRealVariable("migrisk.pprl_threshold",
							 "Dice similarity at or above which the clk % clk operator is true.",
							 "Like pg_trgm.similarity_threshold: set it per session or per query with SET LOCAL.",
							 &migrisk_pprl_threshold,
							 0.8, 0.0, 1.0,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
}

ClkData *
clk_make(int nbits)
{
	ClkData    *c = palloc0(CLK_HDRSZ + nbits / 8);

	SET_VARSIZE(c, CLK_HDRSZ + nbits / 8);
	c->version = CLK_VERSION;
	c->nwords = (uint8) (nbits / 64);
	c->popcount = 0;
	return c;
}

void
clk_set_popcount(ClkData *c)
{
	c->popcount = (uint16) clk_popcount(c->data, CLK_NBYTES(c));
}

PG_FUNCTION_INFO_V1(clk_in);
Datum
clk_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	uint8		buf[CLK_MAX_BYTES];
	char		err[256];
	int			nbits = 0;
	int			rc;
	ClkData    *c;

	rc = clk_parse(s, strlen(s), buf, &nbits, err, sizeof(err));
	if (rc == CLK_ERR_RANGE)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("clk length out of range: \"%s\"", s),
				 errdetail("%s", err),
				 errhint("A clk is the base64 text of %d to %d bits, a multiple of 64.",
						 CLK_MIN_BITS, CLK_MAX_BITS)));
	if (rc != CLK_OK)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type clk: \"%s\"", s),
				 errdetail("%s", err),
				 errhint("A clk is written as base64 text (RFC 4648, with padding), as clk_out prints it.")));
	c = clk_make(nbits);
	memcpy(c->data, buf, nbits / 8);
	clk_set_popcount(c);
	PG_RETURN_CLK_P(c);
}

PG_FUNCTION_INFO_V1(clk_out);
Datum
clk_out(PG_FUNCTION_ARGS)
{
	ClkData    *c = PG_GETARG_CLK_P(0);
	char	   *out = palloc(CLK_TEXT_MAX);

	clk_base64_encode(c->data, CLK_NBYTES(c), out);
	PG_RETURN_CSTRING(out);
}

/*
 * Binary form: version byte, length in bits (int16), the filter bytes.
 * Every field is checked: the bytes are untrusted.
 */
PG_FUNCTION_INFO_V1(clk_recv);
Datum
clk_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version, nbits;
	ClkData    *c;

	version = pq_getmsgbyte(buf);
	if (version != CLK_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external clk value"),
				 errdetail("Format version %d; this library reads version %d.", version, CLK_VERSION)));
	nbits = (int) (uint16) pq_getmsgint(buf, 2);
	if (!clk_valid_nbits(nbits))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external clk value"),
				 errdetail("Length %d bits; a clk has %d to %d bits, a multiple of 64.",
						   nbits, CLK_MIN_BITS, CLK_MAX_BITS)));
	if (buf->len - buf->cursor != nbits / 8)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external clk value"),
				 errdetail("%d bytes follow the header; a clk of %d bits has %d.",
						   buf->len - buf->cursor, nbits, nbits / 8)));
	c = clk_make(nbits);
	pq_copymsgbytes(buf, (char *) c->data, nbits / 8);
	pq_getmsgend(buf);
	clk_set_popcount(c);
	PG_RETURN_CLK_P(c);
}

PG_FUNCTION_INFO_V1(clk_send);
Datum
clk_send(PG_FUNCTION_ARGS)
{
	ClkData    *c = PG_GETARG_CLK_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, CLK_VERSION);
	pq_sendint16(&buf, (uint16) CLK_NBITS(c));
	pq_sendbytes(&buf, (char *) c->data, CLK_NBYTES(c));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static bool
clk_equal(const ClkData *a, const ClkData *b)
{
	return a->nwords == b->nwords && memcmp(a->data, b->data, CLK_NBYTES(a)) == 0;
}

PG_FUNCTION_INFO_V1(clk_eq);
Datum
clk_eq(PG_FUNCTION_ARGS)
{
	ClkData    *a = PG_GETARG_CLK_P(0);
	ClkData    *b = PG_GETARG_CLK_P(1);

	PG_RETURN_BOOL(clk_equal(a, b));
}

PG_FUNCTION_INFO_V1(clk_ne);
Datum
clk_ne(PG_FUNCTION_ARGS)
{
	ClkData    *a = PG_GETARG_CLK_P(0);
	ClkData    *b = PG_GETARG_CLK_P(1);

	PG_RETURN_BOOL(!clk_equal(a, b));
}

PG_FUNCTION_INFO_V1(clk_hash);
Datum
clk_hash(PG_FUNCTION_ARGS)
{
	ClkData    *c = PG_GETARG_CLK_P(0);

	/* the bytes determine the length, so equal values hash alike */
	PG_RETURN_DATUM(hash_any(c->data, CLK_NBYTES(c)));
}

static inline void
clk_check_lengths(const ClkData *a, const ClkData *b)
{
	if (a->nwords != b->nwords)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare clk values of different lengths: %d and %d bits",
						CLK_NBITS(a), CLK_NBITS(b)),
				 errhint("Encode both sides with the same number of bits (the bits= item of the field specification).")));
}

PG_FUNCTION_INFO_V1(clk_dice_sql);
Datum
clk_dice_sql(PG_FUNCTION_ARGS)
{
	ClkData    *a = PG_GETARG_CLK_P(0);
	ClkData    *b = PG_GETARG_CLK_P(1);

	clk_check_lengths(a, b);
	PG_RETURN_FLOAT8(clk_dice_counted(a->data, b->data, CLK_NBYTES(a), a->popcount, b->popcount));
}

PG_FUNCTION_INFO_V1(clk_dice_match);
Datum
clk_dice_match(PG_FUNCTION_ARGS)
{
	ClkData    *a = PG_GETARG_CLK_P(0);
	ClkData    *b = PG_GETARG_CLK_P(1);

	clk_check_lengths(a, b);
	PG_RETURN_BOOL(clk_dice_counted(a->data, b->data, CLK_NBYTES(a), a->popcount, b->popcount) >=
				   migrisk_pprl_threshold);
}

PG_FUNCTION_INFO_V1(clk_length);
Datum
clk_length(PG_FUNCTION_ARGS)
{
	ClkData    *c = PG_GETARG_CLK_P(0);

	PG_RETURN_INT32(CLK_NBITS(c));
}

PG_FUNCTION_INFO_V1(clk_popcount_sql);
Datum
clk_popcount_sql(PG_FUNCTION_ARGS)
{
	ClkData    *c = PG_GETARG_CLK_P(0);

	PG_RETURN_INT32((int32) c->popcount);
}

PG_FUNCTION_INFO_V1(clk_blocking_keys_sql);
Datum
clk_blocking_keys_sql(PG_FUNCTION_ARGS)
{
	ClkData    *c = PG_GETARG_CLK_P(0);
	int32		nbands = PG_GETARG_INT32(1);
	int32		per = PG_GETARG_INT32(2);
	int64		keys[CLK_MAX_BANDS];
	Datum		d[CLK_MAX_BANDS];
	int			i;

	if (nbands < 1 || nbands > CLK_MAX_BANDS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of bands %d is out of range", nbands),
				 errhint("Use 1 to %d bands.", CLK_MAX_BANDS)));
	if (per < 1 || per > CLK_MAX_BAND_BITS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bits per band %d is out of range", per),
				 errhint("Use 1 to %d bits per band, at most the clk length.", CLK_MAX_BAND_BITS)));
	clk_blocking_keys(c->data, CLK_NBITS(c), nbands, per, keys);
	for (i = 0; i < nbands; i++)
		d[i] = Int64GetDatum(keys[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(d, nbands, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
