/*
 * clk.h
 *		Cryptographic long-term keys (CLK): keyed Bloom-filter encodings of
 *		person identifiers for privacy-preserving record linkage (Schnell,
 *		Bachteler and Reiher 2009), Dice similarity by popcount, bit-sampling
 *		LSH blocking keys, and the text codecs of the encodings.  Pure C, no
 *		PostgreSQL headers.
 *
 * Bit layout: bit i of a filter is byte i / 8, mask 0x80 >> (i % 8) (the
 * most significant bit first, as Python's bitarray and clkhash serialise).
 */
#ifndef MIGRISK_CLK_H
#define MIGRISK_CLK_H

#include <stddef.h>
#include <stdint.h>

#include "sha256.h"

#define CLK_MIN_BITS		64
#define CLK_MAX_BITS		8192
#define CLK_DEFAULT_BITS	1024
#define CLK_MAX_BYTES		(CLK_MAX_BITS / 8)
#define CLK_MAX_K			256
#define CLK_MAX_FIELDS		64
#define CLK_MAX_BANDS		64
#define CLK_MAX_BAND_BITS	32
#define CLK_DEFAULT_BANDS	32
#define CLK_DEFAULT_BAND_BITS 12
/* assumed tokens per field when choosing the default k */
#define CLK_TOKENS_PER_FIELD 8

/* base64 text of the largest filter, with its terminating NUL */
#define CLK_TEXT_MAX		(((CLK_MAX_BYTES + 2) / 3) * 4 + 1)

typedef enum clk_field_kind
{
	CLK_FIELD_AUTO = 0,			/* a date if the value is one, else a name */
	CLK_FIELD_NAME,				/* name normalisation, then bigrams */
	CLK_FIELD_TEXT,				/* ASCII upper-case fold, then bigrams */
	CLK_FIELD_DATE,				/* positional digits of YYYYMMDD */
	CLK_FIELD_EXACT,			/* the whole folded value as one token */
	CLK_FIELD_DIGITS,			/* positional characters of the folded value */
	CLK_FIELD_GIVEN				/* NAME with each word's nickname read as the
								 * name it stands for, then bigrams */
} clk_field_kind;

/* characters of a DIGITS field that carry a position; the rest are dropped */
#define CLK_MAX_POSITIONS 64

/* hash positions one field may spread over its tokens ("kind/B") */
#define CLK_MAX_BUDGET 4096

typedef struct clk_field_spec
{
	clk_field_kind kind;
	int			k;				/* hashes per token; 0 = the default */
	int			budget;			/* or hashes for the whole field, 0 = none */
} clk_field_spec;

typedef struct clk_spec
{
	int			nbits;			/* filter length; 0 = not given */
	int			nfields;
	clk_field_spec field[CLK_MAX_FIELDS];
} clk_spec;

/* error codes of the parsers (the glue maps them to SQLSTATEs) */
#define CLK_OK			0
#define CLK_ERR_SYNTAX	1		/* malformed text */
#define CLK_ERR_RANGE	2		/* well formed, value out of range */

/* true when nbits is an accepted filter length */
extern int	clk_valid_nbits(long nbits);

/* the default k for a filter of nbits bits encoding nfields fields */
extern int	clk_default_k(int nbits, int nfields);

/* Dice coefficient 2|A and B| / (|A| + |B|); 0 when both are empty */
extern double clk_dice(const uint8_t *a, const uint8_t *b, size_t nbytes);
extern long clk_popcount(const uint8_t *a, size_t nbytes);
/*
 * Pick the popcount code (for tests): 0 portable, 1 POPCNT, 2 AVX2; the
 * best the CPU has at most that level.  Returns the level in use.  By
 * default the best available is chosen at the first call.
 */
extern int	clk_set_impl(int level);
/* |A and B| */
extern long clk_and_count(const uint8_t *a, const uint8_t *b, size_t nbytes);
/* Dice with the popcounts of a and b known (stored with each clk value) */
extern double clk_dice_counted(const uint8_t *a, const uint8_t *b, size_t nbytes,
							   long pa, long pb);

/* base64 text (RFC 4648, standard alphabet, padded) */
extern size_t clk_base64_encode(const uint8_t *in, size_t n, char *out);

/*
 * Parse the text form of a filter: base64, optionally surrounded by
 * whitespace, decoding to a valid length.  out must hold CLK_MAX_BYTES.
 * Returns CLK_OK, CLK_ERR_SYNTAX or CLK_ERR_RANGE, with a message in err.
 */
extern int	clk_parse(const char *s, size_t len, uint8_t *out, int *nbits,
					  char *err, size_t errlen);

/*
 * Parse a field specification, e.g. "bits=2048, name:20, name, date:12",
 * or with a field's budget spread over its tokens, "name/200, digits/100".
 * Returns CLK_OK or an error code with a message in err.
 */
extern int	clk_spec_parse(const char *s, size_t len, clk_spec *spec,
						   char *err, size_t errlen);

/*
 * Parse a date "YYYY-MM-DD", "YYYY/MM/DD" or "YYYYMMDD" (surrounding
 * whitespace allowed) into 8 digits YYYYMMDD.  Returns 1 if it is a valid
 * calendar date (years 0001-9999), else 0.
 */
extern int	clk_parse_date(const char *s, size_t len, char digits[8]);

/*
 * The placeholder fold used for TEXT and EXACT fields: ASCII letters
 * upper-cased, runs of whitespace collapsed to one space, ends trimmed.
 * out must hold len bytes; returns the folded length.
 */
extern size_t clk_fold(const char *s, size_t len, char *out);

/* the per-field key: HMAC-SHA256(secret, "migrisk clk v1 field <i>") */
extern void clk_field_key(const uint8_t *secret, size_t secretlen, int field_index,
						  sha256_hmac_ctx *out);

/*
 * Set the k bits of one token: HMAC-SHA256 of the token under the field key
 * gives h1, h2; bit j = (h1 + j * s) mod nbits with s derived from h2 and
 * coprime with nbits, so the k bits are distinct.
 */
extern void clk_add_token(uint8_t *bits, int nbits, const sha256_hmac_ctx *fkey, int k,
						  const uint8_t *token, size_t len);

/*
 * Tokenise an already normalised value and add its tokens: bigrams of the
 * value padded with a space at each end (code points, UTF-8 aware) for
 * NAME and TEXT, positional digits for DATE (value = 8 digits), the whole
 * value for EXACT.  Returns the number of tokens added.
 */
extern int	clk_add_value(uint8_t *bits, int nbits, const sha256_hmac_ctx *fkey,
						  clk_field_kind kind, int k, const char *value, size_t len);

/* the number of tokens clk_add_value makes of a value (no hashing) */
extern int	clk_token_count(clk_field_kind kind, const char *value, size_t len);

/*
 * Hashes per token when a field spreads a budget of hash positions over
 * ntok tokens: budget / ntok rounded, at least 1, at most CLK_MAX_K; 0 when
 * there is no token.  Every token of a value gets the same k, so a longer
 * value sets more bits per field only by rounding.
 */
extern int	clk_budget_k(int budget, int ntok);

/*
 * Bit-sampling LSH: band b samples bits_per_band fixed positions (a
 * function of nbits and b only) and gives the key (b << 40) | sampled bits.
 * Returns the number of keys written to out (nbands).
 */
extern int	clk_blocking_keys(const uint8_t *bits, int nbits, int nbands,
							  int bits_per_band, int64_t *out);

#endif							/* MIGRISK_CLK_H */
