/*
 * delimited.h
 *		One line of a delimited text file (CSV, pipe-separated) split into
 *		its fields: double-quoted fields with "" for a quote, as RFC 4180
 *		writes them.  No PostgreSQL headers.
 */
#ifndef MIGRISK_DELIMITED_H
#define MIGRISK_DELIMITED_H

#include <stdbool.h>
#include <stddef.h>

typedef enum DelimitedStatus
{
	DELIMITED_OK = 0,
	DELIMITED_UNTERMINATED_QUOTE,	/* a quoted field runs to the end of the line */
	DELIMITED_TEXT_AFTER_QUOTE		/* "abc"x: a closing quote not followed by the delimiter */
} DelimitedStatus;

/*
 * delimited_field: one field; start/len point into the output buffer the
 * caller handed to delimited_split (quotes removed, "" turned into ").
 * quoted says the field was written between quotes, so an empty quoted
 * field ("") can be told from an empty unquoted one.
 */
typedef struct DelimitedField
{
	size_t		start;
	size_t		len;
	bool		quoted;
} DelimitedField;

/*
 * Splits line[0..len) at delim.  out must hold len bytes (the fields'
 * text, never longer than the line), fields max_fields entries.  Returns
 * the status; *nfields is the number of fields found (when it exceeds
 * max_fields, only the first max_fields are stored: call again with room
 * for *nfields).  *error_pos is the byte offset of the problem when the
 * status is not DELIMITED_OK.
 */
extern DelimitedStatus delimited_split(const char *line, size_t len, char delim,
									   char *out, DelimitedField *fields,
									   size_t max_fields, size_t *nfields,
									   size_t *error_pos);

extern const char *delimited_status_message(DelimitedStatus status);

#endif							/* MIGRISK_DELIMITED_H */
