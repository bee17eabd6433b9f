/*
 * delimited_fields.c
 *		delimited_fields(line, delimiter) and delimited_fields_error(line,
 *		delimiter): one line of a delimited file as a text[] of its fields,
 *		or why it cannot be split.  The real-data loaders (the scripts in load/) read
 *		a file as lines and split each here, so a bad line becomes a
 *		rejected row with its line number instead of an aborted COPY.
 *		Empty unquoted fields are NULL, empty quoted fields ''.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "compat.h"
#include "delimited.h"

static char
delimiter_of(text *d)
{
	const char *s = VARDATA_ANY(d);
	int			n = VARSIZE_ANY_EXHDR(d);

	if (n != 1 || s[0] == '"' || s[0] == '\n' || s[0] == '\r')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("delimiter must be one single-byte character other than a quote or a line end")));
	return s[0];
}

PG_FUNCTION_INFO_V1(delimited_fields);
Datum
delimited_fields(PG_FUNCTION_ARGS)
{
	text	   *line = PG_GETARG_TEXT_PP(0);
	char		delim = delimiter_of(PG_GETARG_TEXT_PP(1));
	const char *s = VARDATA_ANY(line);
	size_t		len = VARSIZE_ANY_EXHDR(line);
	char	   *out = palloc(len + 1);
	DelimitedField local[64];
	DelimitedField *fields = local;
	size_t		nfields;
	size_t		error_pos;
	DelimitedStatus st;
	Datum	   *elems;
	bool	   *nulls;
	int			dims[1];
	int			lbs[1] = {1};

	st = delimited_split(s, len, delim, out, fields, lengthof(local), &nfields, &error_pos);
	if (st == DELIMITED_OK && nfields > lengthof(local))
	{
		fields = palloc(nfields * sizeof(DelimitedField));
		st = delimited_split(s, len, delim, out, fields, nfields, &nfields, &error_pos);
	}
	if (st != DELIMITED_OK)
		PG_RETURN_NULL();
	if (nfields > (size_t) MaxArraySize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("line has too many fields")));

	elems = palloc(nfields * sizeof(Datum));
	nulls = palloc(nfields * sizeof(bool));
	for (size_t i = 0; i < nfields; i++)
	{
		nulls[i] = (fields[i].len == 0 && !fields[i].quoted);
		elems[i] = nulls[i] ? (Datum) 0 :
			PointerGetDatum(cstring_to_text_with_len(out + fields[i].start, (int) fields[i].len));
	}
	dims[0] = (int) nfields;
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, nulls, 1, dims, lbs,
											 TEXTOID, -1, false, TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(delimited_fields_error);
Datum
delimited_fields_error(PG_FUNCTION_ARGS)
{
	text	   *line = PG_GETARG_TEXT_PP(0);
	char		delim = delimiter_of(PG_GETARG_TEXT_PP(1));
	const char *s = VARDATA_ANY(line);
	size_t		len = VARSIZE_ANY_EXHDR(line);
	char	   *out = palloc(len + 1);
	DelimitedField fields[1];
	size_t		nfields;
	size_t		error_pos;
	DelimitedStatus st;

	st = delimited_split(s, len, delim, out, fields, 1, &nfields, &error_pos);
	if (st == DELIMITED_OK)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s (field %zu, byte %zu)",
											  delimited_status_message(st),
											  nfields + 1, error_pos + 1)));
}
