/*
 * place_key.h
 *		The comparison key of a place name, so that "Cd. Juárez",
 *		"CIUDAD JUAREZ" and "cd juarez" compare equal.  No PostgreSQL
 *		headers.
 */
#ifndef MIGRISK_PLACE_KEY_H
#define MIGRISK_PLACE_KEY_H

#include <stddef.h>

/* an output buffer of PLACE_KEY_CAP(len) bytes always suffices */
#define PLACE_KEY_CAP(len) (3 * (len) + 1)

/*
 * Write the key of s[0..len) into out (NUL-terminated) and return its
 * length.  Letters a-z in either case become A-Z; the accented vowels
 * (acute, grave, circumflex, diaeresis), Ñ and Ç lose their marks in either
 * case; digits stay; every other character separates words.  Words are
 * joined by one space, and the word CD (as in "Cd. Juárez") reads CIUDAD.
 * s need not be valid UTF-8: a malformed byte is a separator.
 */
extern size_t place_key(const char *s, size_t len, char *out);

#endif							/* MIGRISK_PLACE_KEY_H */
