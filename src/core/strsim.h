/*
 * strsim.h
 *		String similarity on Unicode code points (pure C): Jaro, Jaro-Winkler
 *		and the optimal-string-alignment Damerau-Levenshtein distance.
 */
#ifndef STRSIM_H
#define STRSIM_H

#include <stddef.h>
#include <stdint.h>

/* longest input, in code points, that the functions accept */
#define STRSIM_MAX_CHARS	1000

/*
 * Decodes UTF-8 s[0..len) into at most max code points; returns the count,
 * or -1 if the text has more than max code points.  Invalid bytes decode
 * as themselves (U+0080..U+00FF range is not special), so any bytes work.
 */
extern int	strsim_decode(const char *s, size_t len, uint32_t *out, int max);

/* Jaro similarity of two code point arrays; 0 when either is empty */
extern double strsim_jaro_cp(const uint32_t *a, int la, const uint32_t *b, int lb);

/*
 * Jaro-Winkler: Jaro + l * 0.1 * (1 - Jaro), l = common prefix (at most 4),
 * applied only when Jaro > 0.7 (Winkler's strcmp95 convention).
 */
extern double strsim_jaro_winkler_cp(const uint32_t *a, int la, const uint32_t *b, int lb);

/*
 * Jaro-Winkler of two UTF-8 strings: an ASCII fast path, else decoded.
 * Returns -1 when either is longer than STRSIM_MAX_CHARS code points.
 */
extern double strsim_jaro_winkler(const char *a, size_t la, const char *b, size_t lb);

/*
 * The instruction set strsim_jaro_winkler uses on short ASCII strings:
 * 0 portable C, 1 SSE2 (x86-64 builds), 2 AVX-512 VBMI2 (when the CPU has
 * it, found at run time).  Returns the level in use; level >= 0 first
 * caps it (below what the build has, the build's lowest applies): for
 * tests and benchmarks comparing the paths, which give identical results.
 */
extern int	strsim_simd(int level);

/*
 * Optimal string alignment distance (Damerau-Levenshtein restricted so that
 * no substring is edited twice): insertions, deletions, substitutions and
 * transpositions of adjacent characters each cost 1.  With max >= 0 the
 * result is exact when <= max and max + 1 otherwise (early exit).
 */
extern int	strsim_osa_cp(const uint32_t *a, int la, const uint32_t *b, int lb, int max);

/* the same on UTF-8 strings; -1 when either is too long */
extern int	strsim_damerau_levenshtein(const char *a, size_t la, const char *b, size_t lb, int max);

#endif							/* STRSIM_H */
