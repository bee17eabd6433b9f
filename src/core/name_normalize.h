/*
 * name_normalize.h
 *		Canonical form of a personal name for comparison (pure C): upper-case
 *		ASCII letters plus Ñ, digits, single spaces; accents removed,
 *		punctuation removed, abbreviations expanded, particles dropped.
 *		docs/reference.md lists every rule.
 */
#ifndef NAME_NORMALIZE_H
#define NAME_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

/* at most this many input bytes are read (bounds the work on huge input) */
#define NAME_NORMALIZE_MAX_IN	2048
/* at most this many bytes are written, cut at a token boundary */
#define NAME_NORMALIZE_MAX_OUT	512
/* the output buffer must hold NAME_NORMALIZE_MAX_OUT + 1 bytes */
#define NAME_NORMALIZE_BUFSIZE	(NAME_NORMALIZE_MAX_OUT + 1)

/*
 * Normalises in[0..len) (UTF-8; invalid bytes are treated as separators)
 * into out, NUL-terminated; returns the output length (0 = the name is
 * empty after normalisation, i.e. missing).  Idempotent: normalising the
 * output again gives the same output.
 */
extern size_t name_normalize(const char *in, size_t len, char *out);

/*
 * 1 if in[0..len) is already a (non-empty) normal form, so that
 * name_normalize would return it unchanged; a cheap check that lets
 * callers use stored normalised names without copying them.  0 means
 * "normalise it" (not necessarily that it changes).
 */
extern int	name_is_normal(const char *in, size_t len);

/*
 * Decodes one UTF-8 code point at s[0..len); returns its length in bytes
 * (1..4) and stores the code point, or returns 0 for an invalid sequence
 * (overlong, surrogate, beyond U+10FFFF, truncated).
 */
extern int	name_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

#endif							/* NAME_NORMALIZE_H */
