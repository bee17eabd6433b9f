/*
 * link_gamma.h
 *		The comparison vector of two person records: one agreement level per
 *		compared field, packed into 32 bits (pure C, no PostgreSQL headers).
 *
 * Field i occupies bits 4i..4i+3; bits 28..31 are always zero.  A field's
 * level is 0 for the strongest agreement and grows toward disagreement; the
 * last level of each field is "different".  LINK_GAMMA_MISSING (15) means
 * the field was not compared (one side null or empty) and carries no weight.
 */
#ifndef LINK_GAMMA_H
#define LINK_GAMMA_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t link_gamma_t;

#define LINK_GAMMA_NFIELDS		7
#define LINK_GAMMA_MISSING		15
#define LINK_GAMMA_MAX_LEVELS	15
/* every field missing */
#define LINK_GAMMA_ALL_MISSING	((link_gamma_t) 0x0FFFFFFFu)
/* longest text form: an upper bound, checked by the unit tests */
#define LINK_GAMMA_TEXT_MAX		256

/* field numbers (bit position / 4) */
enum
{
	LINK_GAMMA_GIVEN = 0,
	LINK_GAMMA_SURNAME1 = 1,
	LINK_GAMMA_SURNAME2 = 2,
	LINK_GAMMA_DOB = 3,
	LINK_GAMMA_SEX = 4,
	LINK_GAMMA_NATIONALITY = 5,
	LINK_GAMMA_PLAUSIBILITY = 6
};

/* levels of the name fields (given uses EXACT..JW85 and DIFFERENT = 4) */
enum
{
	LINK_NAME_EXACT = 0,
	LINK_NAME_PHONETIC = 1,
	LINK_NAME_JW92 = 2,
	LINK_NAME_JW85 = 3
};
#define LINK_GIVEN_DIFFERENT		4
#define LINK_SURNAME1_SWAPPED		4
#define LINK_SURNAME1_DIFFERENT		5
#define LINK_SURNAME2_SWAPPED		4
#define LINK_SURNAME2_ONE_MISSING	5
#define LINK_SURNAME2_DIFFERENT		6

/* levels of the birth date */
enum
{
	LINK_DOB_EXACT = 0,
	LINK_DOB_TRANSPOSED = 1,
	LINK_DOB_YEAR_OFF = 2,		/* same day and month, year +-1 */
	LINK_DOB_ONE_COMPONENT = 3,
	LINK_DOB_WITHIN_YEAR = 4,
	LINK_DOB_DIFFERENT = 5
};

/* sex and nationality */
#define LINK_EQUAL			0
#define LINK_DIFFERENT		1

/* what link_gamma_parse found wrong */
typedef enum
{
	LINK_GAMMA_OK = 0,
	LINK_GAMMA_ERR_SYNTAX,			/* not field=level[,field=level...] */
	LINK_GAMMA_ERR_FIELD,			/* unknown field name */
	LINK_GAMMA_ERR_LEVEL,			/* unknown level name for the field */
	LINK_GAMMA_ERR_DUPLICATE		/* a field given twice */
} link_gamma_status;

typedef struct
{
	link_gamma_status status;
	size_t		pos;			/* byte offset of the offending token */
	size_t		len;			/* its length (0 for a syntax error at end) */
	int			field;			/* field involved, or -1 */
} link_gamma_error;

extern int	link_gamma_nfields(void);
extern const char *link_gamma_field_name(int field);
/* field number of a name (ASCII case-insensitive), or -1 */
extern int	link_gamma_field_index(const char *name, size_t len);
extern int	link_gamma_level_count(int field);
/* name of a level; "missing" for LINK_GAMMA_MISSING; NULL if out of range */
extern const char *link_gamma_level_name(int field, int level);
/* level of a name for the field ("missing" gives 15), or -1 */
extern int	link_gamma_level_index(int field, const char *name, size_t len);

extern link_gamma_t link_gamma_pack(const int levels[LINK_GAMMA_NFIELDS]);

static inline int
link_gamma_get(link_gamma_t g, int field)
{
	return (int) ((g >> (4 * field)) & 0xFu);
}

static inline link_gamma_t
link_gamma_set(link_gamma_t g, int field, int level)
{
	return (g & ~((link_gamma_t) 0xFu << (4 * field))) |
		((link_gamma_t) (level & 0xF) << (4 * field));
}

/* 1 if every nibble is missing or a defined level and bits 28..31 are 0 */
extern int	link_gamma_valid(uint32_t g);

/*
 * Parses text of length len (need not be NUL-terminated).  Fields may come
 * in any order, each at most once; omitted fields are missing; blanks around
 * names, '=' and ',' are ignored; an empty or blank text is all missing.
 */
extern link_gamma_status link_gamma_parse(const char *s, size_t len,
										  link_gamma_t *out,
										  link_gamma_error *err);

/*
 * Writes the canonical text form (all seven fields, in order) into buf,
 * NUL-terminated; returns its length, or the length needed if bufsize is
 * too small (like snprintf).
 */
extern size_t link_gamma_format(link_gamma_t g, char *buf, size_t bufsize);

#endif							/* LINK_GAMMA_H */
