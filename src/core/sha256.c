/*
 * sha256.c
 *		SHA-256 as specified in FIPS 180-4 (sections 4.1.2, 4.2.2, 5.1.1,
 *		5.3.3 and 6.2) and HMAC as specified in RFC 2104, used to hash the
 *		tokens of keyed Bloom-filter encodings (clk.c).  Written for clarity
 *		and portability (big-endian word loads done byte by byte); the
 *		encodings hash a few dozen short tokens per record, so this is not a
 *		bottleneck next to the rest of a query.
 */
#include "sha256.h"

#include <string.h>

/* FIPS 180-4 4.2.2: first 32 bits of the fractional parts of the cube roots
 * of the first 64 primes */
static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROTR(x, n)	(((x) >> (n)) | ((x) << (32 - (n))))
#define CH(x, y, z)	(((x) & (y)) ^ (~(x) & (z)))
#define MAJ(x, y, z) (((x) & (y)) ^ ((x) & (z)) ^ ((y) & (z)))
#define BSIG0(x)	(ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22))
#define BSIG1(x)	(ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25))
#define SSIG0(x)	(ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))
#define SSIG1(x)	(ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))

static void
sha256_compress(uint32_t h[8], const uint8_t block[SHA256_BLOCK_LEN])
{
	uint32_t	w[64];
	uint32_t	a, b, c, d, e, f, g, hh;
	int			t;

	for (t = 0; t < 16; t++)
		w[t] = ((uint32_t) block[4 * t] << 24) | ((uint32_t) block[4 * t + 1] << 16) |
			((uint32_t) block[4 * t + 2] << 8) | (uint32_t) block[4 * t + 3];
	for (t = 16; t < 64; t++)
		w[t] = SSIG1(w[t - 2]) + w[t - 7] + SSIG0(w[t - 15]) + w[t - 16];

	a = h[0];
	b = h[1];
	c = h[2];
	d = h[3];
	e = h[4];
	f = h[5];
	g = h[6];
	hh = h[7];
	for (t = 0; t < 64; t++)
	{
		uint32_t	t1 = hh + BSIG1(e) + CH(e, f, g) + sha256_k[t] + w[t];
		uint32_t	t2 = BSIG0(a) + MAJ(a, b, c);

		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

void
sha256_init(sha256_ctx *ctx)
{
	/* FIPS 180-4 5.3.3 */
	ctx->h[0] = 0x6a09e667;
	ctx->h[1] = 0xbb67ae85;
	ctx->h[2] = 0x3c6ef372;
	ctx->h[3] = 0xa54ff53a;
	ctx->h[4] = 0x510e527f;
	ctx->h[5] = 0x9b05688c;
	ctx->h[6] = 0x1f83d9ab;
	ctx->h[7] = 0x5be0cd19;
	ctx->nbytes = 0;
	ctx->buflen = 0;
}

void
sha256_update(sha256_ctx *ctx, const void *data, size_t len)
{
	const uint8_t *p = data;

	ctx->nbytes += len;
	if (ctx->buflen > 0)
	{
		size_t		take = SHA256_BLOCK_LEN - ctx->buflen;

		if (take > len)
			take = len;
		memcpy(ctx->buf + ctx->buflen, p, take);
		ctx->buflen += take;
		p += take;
		len -= take;
		if (ctx->buflen < SHA256_BLOCK_LEN)
			return;
		sha256_compress(ctx->h, ctx->buf);
		ctx->buflen = 0;
	}
	while (len >= SHA256_BLOCK_LEN)
	{
		sha256_compress(ctx->h, p);
		p += SHA256_BLOCK_LEN;
		len -= SHA256_BLOCK_LEN;
	}
	if (len > 0)
	{
		memcpy(ctx->buf, p, len);
		ctx->buflen = len;
	}
}

void
sha256_final(sha256_ctx *ctx, uint8_t out[SHA256_DIGEST_LEN])
{
	uint64_t	bits = ctx->nbytes * 8;
	int			i;

	/* FIPS 180-4 5.1.1: a 1 bit, zeros, then the 64-bit length */
	ctx->buf[ctx->buflen++] = 0x80;
	if (ctx->buflen > SHA256_BLOCK_LEN - 8)
	{
		memset(ctx->buf + ctx->buflen, 0, SHA256_BLOCK_LEN - ctx->buflen);
		sha256_compress(ctx->h, ctx->buf);
		ctx->buflen = 0;
	}
	memset(ctx->buf + ctx->buflen, 0, SHA256_BLOCK_LEN - 8 - ctx->buflen);
	for (i = 0; i < 8; i++)
		ctx->buf[SHA256_BLOCK_LEN - 1 - i] = (uint8_t) (bits >> (8 * i));
	sha256_compress(ctx->h, ctx->buf);
	for (i = 0; i < 8; i++)
	{
		out[4 * i] = (uint8_t) (ctx->h[i] >> 24);
		out[4 * i + 1] = (uint8_t) (ctx->h[i] >> 16);
		out[4 * i + 2] = (uint8_t) (ctx->h[i] >> 8);
		out[4 * i + 3] = (uint8_t) ctx->h[i];
	}
	sha256_wipe(ctx, sizeof(*ctx));
}

void
sha256(const void *data, size_t len, uint8_t out[SHA256_DIGEST_LEN])
{
	sha256_ctx	ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, data, len);
	sha256_final(&ctx, out);
}

void
sha256_hmac_init(sha256_hmac_ctx *hctx, const void *key, size_t keylen)
{
	uint8_t		k0[SHA256_BLOCK_LEN];
	uint8_t		pad[SHA256_BLOCK_LEN];
	int			i;

	/* RFC 2104 section 2: keys longer than a block are hashed first */
	memset(k0, 0, sizeof(k0));
	if (keylen > SHA256_BLOCK_LEN)
		sha256(key, keylen, k0);
	else if (keylen > 0)
		memcpy(k0, key, keylen);

	for (i = 0; i < SHA256_BLOCK_LEN; i++)
		pad[i] = k0[i] ^ 0x36;
	sha256_init(&hctx->inner);
	sha256_update(&hctx->inner, pad, SHA256_BLOCK_LEN);
	for (i = 0; i < SHA256_BLOCK_LEN; i++)
		pad[i] = k0[i] ^ 0x5c;
	sha256_init(&hctx->outer);
	sha256_update(&hctx->outer, pad, SHA256_BLOCK_LEN);

	sha256_wipe(k0, sizeof(k0));
	sha256_wipe(pad, sizeof(pad));
}

void
sha256_hmac_compute(const sha256_hmac_ctx *hctx, const void *msg, size_t len,
					uint8_t out[SHA256_DIGEST_LEN])
{
	sha256_ctx	ctx;
	uint8_t		inner[SHA256_DIGEST_LEN];

	ctx = hctx->inner;
	sha256_update(&ctx, msg, len);
	sha256_final(&ctx, inner);
	ctx = hctx->outer;
	sha256_update(&ctx, inner, SHA256_DIGEST_LEN);
	sha256_final(&ctx, out);
	sha256_wipe(inner, sizeof(inner));
}

void
sha256_hmac(const void *key, size_t keylen, const void *msg, size_t len,
			uint8_t out[SHA256_DIGEST_LEN])
{
	sha256_hmac_ctx hctx;

	sha256_hmac_init(&hctx, key, keylen);
	sha256_hmac_compute(&hctx, msg, len, out);
	sha256_wipe(&hctx, sizeof(hctx));
}

void
sha256_wipe(void *p, size_t len)
{
	volatile uint8_t *v = p;

	while (len-- > 0)
		*v++ = 0;
}
