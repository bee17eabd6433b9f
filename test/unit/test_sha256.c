/*
 * test_sha256.c
 *		SHA-256 against the FIPS 180-2 / NIST CAVP example messages and
 *		HMAC-SHA256 against RFC 4231's test cases 1-4, 6 and 7.
 */
#include <stdlib.h>

#include "unit.h"
#include "sha256.h"

static void
hex(const uint8_t *d, size_t n, char *out)
{
	size_t		i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
	out[2 * n] = '\0';
}

static void
check_sha(const void *msg, size_t len, const char *want, const char *what)
{
	uint8_t		d[SHA256_DIGEST_LEN];
	char		h[65];

	sha256(msg, len, d);
	hex(d, sizeof(d), h);
	CHECK_STR(h, want, what);
}

static void
check_hmac(const void *key, size_t klen, const void *msg, size_t mlen,
		   const char *want, const char *what)
{
	uint8_t		d[SHA256_DIGEST_LEN];
	char		h[65];

	sha256_hmac(key, klen, msg, mlen, d);
	hex(d, sizeof(d), h);
	CHECK_STR(h, want, what);
}

int
main(void)
{
	uint8_t		key[131], msg[64];
	char	   *million;
	sha256_ctx	ctx;
	uint8_t		d[SHA256_DIGEST_LEN];
	char		h[65];
	size_t		i;

	check_sha("abc", 3,
			  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
			  "NIST one-block message \"abc\"");
	check_sha("", 0,
			  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
			  "empty message");
	check_sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
			  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
			  "NIST 448-bit two-block message");
	check_sha("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 112,
			  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
			  "NIST 896-bit message");

	million = malloc(1000000);
	memset(million, 'a', 1000000);
	check_sha(million, 1000000,
			  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
			  "one million 'a'");
	/* the same message fed in uneven pieces exercises the partial-block path */
	sha256_init(&ctx);
	for (i = 0; i < 1000000;)
	{
		size_t		n = 1 + (i * 7) % 131;

		if (n > 1000000 - i)
			n = 1000000 - i;
		sha256_update(&ctx, million + i, n);
		i += n;
	}
	sha256_final(&ctx, d);
	hex(d, sizeof(d), h);
	CHECK_STR(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
			  "one million 'a' in uneven pieces");
	free(million);

	/* RFC 4231 section 4 */
	memset(key, 0x0b, 20);
	check_hmac(key, 20, "Hi There", 8,
			   "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
			   "RFC 4231 test case 1");
	check_hmac("Jefe", 4, "what do ya want for nothing?", 28,
			   "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
			   "RFC 4231 test case 2");
	memset(key, 0xaa, 20);
	memset(msg, 0xdd, 50);
	check_hmac(key, 20, msg, 50,
			   "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
			   "RFC 4231 test case 3");
	for (i = 0; i < 25; i++)
		key[i] = (uint8_t) (i + 1);
	memset(msg, 0xcd, 50);
	check_hmac(key, 25, msg, 50,
			   "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
			   "RFC 4231 test case 4");
	memset(key, 0xaa, 131);
	check_hmac(key, 131, "Test Using Larger Than Block-Size Key - Hash Key First", 54,
			   "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
			   "RFC 4231 test case 6 (key longer than a block)");
	check_hmac(key, 131,
			   "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.", 152,
			   "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
			   "RFC 4231 test case 7 (key and data longer than a block)");

	/* the precomputed context gives the same MAC, and can be reused */
	{
		sha256_hmac_ctx hc;
		uint8_t		d2[SHA256_DIGEST_LEN];

		sha256_hmac_init(&hc, "Jefe", 4);
		sha256_hmac_compute(&hc, "Hi", 2, d2);
		sha256_hmac_compute(&hc, "what do ya want for nothing?", 28, d);
		hex(d, sizeof(d), h);
		CHECK_STR(h, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
				  "precomputed HMAC context reused");
	}
	return unit_done();
}
