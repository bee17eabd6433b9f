/*
 * given_names.h
 *		Equivalences of Spanish given names: hypocorisms (Pancho = Francisco,
 *		Lupe = Guadalupe, Chuy = Jesús, ...), on normal forms (pure C).
 *		The table is listed by migrisk.given_name_equivalents() and in
 *		docs/reference.md with its sources.
 */
#ifndef GIVEN_NAMES_H
#define GIVEN_NAMES_H

#include <stddef.h>

typedef struct
{
	const char *variant;		/* normal form of the nickname */
	const char *name;			/* normal form of the name it stands for */
} given_name_equiv;

extern int	given_name_equiv_count(void);
extern const given_name_equiv *given_name_equiv_at(int i);

/*
 * The name a given-name word stands for: the full name of a nickname (the
 * first listed when it has several, Beto -> ALBERTO), else the word
 * itself.  *out_len gets its length.
 */
extern const char *given_name_canonical(const char *w, size_t len, size_t *out_len);

/* 1 if the words are the same name or one is a nickname of the other */
extern int	given_name_equivalent(const char *a, size_t la, const char *b, size_t lb);

#endif							/* GIVEN_NAMES_H */
