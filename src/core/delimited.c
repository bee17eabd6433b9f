/*
 * delimited.c
 *		Splitting one line of a delimited file into fields (delimited.h).
 *		A quote starts a quoted field only at the field's first byte; a
 *		quote inside an unquoted field is kept as text (publishers write
 *		12" and the like).  A line ending in \r has the \r dropped.
 */
#include "delimited.h"

DelimitedStatus
delimited_split(const char *line, size_t len, char delim,
				char *out, DelimitedField *fields, size_t max_fields,
				size_t *nfields, size_t *error_pos)
{
	size_t		i = 0;
	size_t		o = 0;
	size_t		n = 0;

	*error_pos = 0;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	for (;;)
	{
		size_t		start = o;
		bool		quoted = false;

		if (i < len && line[i] == '"')
		{
			size_t		quote_at = i;

			quoted = true;
			i++;
			for (;;)
			{
				if (i >= len)
				{
					*nfields = n;
					*error_pos = quote_at;
					return DELIMITED_UNTERMINATED_QUOTE;
				}
				if (line[i] == '"')
				{
					if (i + 1 < len && line[i + 1] == '"')
					{
						out[o++] = '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				out[o++] = line[i++];
			}
			if (i < len && line[i] != delim)
			{
				*nfields = n;
				*error_pos = i;
				return DELIMITED_TEXT_AFTER_QUOTE;
			}
		}
		else
		{
			while (i < len && line[i] != delim)
				out[o++] = line[i++];
		}
		if (n < max_fields)
		{
			fields[n].start = start;
			fields[n].len = o - start;
			fields[n].quoted = quoted;
		}
		n++;
		if (i >= len)
			break;
		i++;					/* the delimiter */
	}
	*nfields = n;
	return DELIMITED_OK;
}

const char *
delimited_status_message(DelimitedStatus status)
{
	switch (status)
	{
		case DELIMITED_OK:
			return "ok";
		case DELIMITED_UNTERMINATED_QUOTE:
			return "a quoted field is not closed before the end of the line";
		case DELIMITED_TEXT_AFTER_QUOTE:
			return "a closing quote is followed by text instead of the delimiter";
	}
	return "unknown status";
}
