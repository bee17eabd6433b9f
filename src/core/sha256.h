/*
 * sha256.h
 *		SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) for the keyed
 *		Bloom-filter encodings of privacy-preserving linkage.  Pure C, no
 *		PostgreSQL headers.
 */
#ifndef MIGRISK_SHA256_H
#define MIGRISK_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LEN 32
#define SHA256_BLOCK_LEN 64

typedef struct sha256_ctx
{
	uint32_t	h[8];			/* chaining value */
	uint64_t	nbytes;			/* message length so far, in bytes */
	uint8_t		buf[SHA256_BLOCK_LEN];	/* partial block */
	size_t		buflen;
} sha256_ctx;

/*
 * HMAC with the key already absorbed: the inner and outer hash states after
 * the (key XOR ipad) and (key XOR opad) blocks.  Computing a MAC from it
 * costs two compressions for a short message instead of four.
 */
typedef struct sha256_hmac_ctx
{
	sha256_ctx	inner;
	sha256_ctx	outer;
} sha256_hmac_ctx;

extern void sha256_init(sha256_ctx *ctx);
extern void sha256_update(sha256_ctx *ctx, const void *data, size_t len);
extern void sha256_final(sha256_ctx *ctx, uint8_t out[SHA256_DIGEST_LEN]);
extern void sha256(const void *data, size_t len, uint8_t out[SHA256_DIGEST_LEN]);

extern void sha256_hmac_init(sha256_hmac_ctx *hctx, const void *key, size_t keylen);
extern void sha256_hmac_compute(const sha256_hmac_ctx *hctx, const void *msg, size_t len,
								uint8_t out[SHA256_DIGEST_LEN]);
extern void sha256_hmac(const void *key, size_t keylen, const void *msg, size_t len,
						uint8_t out[SHA256_DIGEST_LEN]);

/* overwrite sensitive memory in a way the compiler cannot drop */
extern void sha256_wipe(void *p, size_t len);

#endif							/* MIGRISK_SHA256_H */
