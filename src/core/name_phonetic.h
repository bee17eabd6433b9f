/*
 * name_phonetic.h
 *		A phonetic key for Latin-American Spanish names (pure C).  The rules
 *		are listed in name_phonetic.c and docs/reference.md.
 */
#ifndef NAME_PHONETIC_H
#define NAME_PHONETIC_H

#include <stddef.h>

#include "name_normalize.h"

/*
 * A key can be one byte per word longer than the normal form (initial S +
 * consonant -> ES), so at most 4/3 of it; twice is a safe bound.
 */
#define NAME_PHONETIC_BUFSIZE	(2 * NAME_NORMALIZE_MAX_OUT + 2)

/*
 * Key of a name already in normal form (the output of name_normalize);
 * written NUL-terminated into out (NAME_PHONETIC_BUFSIZE bytes); returns
 * its length.
 */
extern size_t name_phonetic_normalized(const char *norm, size_t len, char *out);

/* normalises in[0..len) first, then keys it */
extern size_t name_phonetic(const char *in, size_t len, char *out);

#endif							/* NAME_PHONETIC_H */
