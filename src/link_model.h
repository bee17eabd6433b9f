/*
 * link_model.h
 *		The Fellegi-Sunter model as jsonb (link_model.c): its shape, writing
 *		and reading it.
 */
#ifndef MIGRISK_LINK_MODEL_H
#define MIGRISK_LINK_MODEL_H

#include "postgres.h"

#include "fmgr.h"

#include "fs_em.h"

/* a parsed model, cached in fn_extra and keyed by the jsonb bytes */
typedef struct LinkModel
{
	FsModel		model;
	uint32		absent;			/* nibble mask: fields not in the model */
	double		tf_minimum;
	Size		len;			/* the jsonb the model was parsed from */
	char		bytes[FLEXIBLE_ARRAY_MEMBER];
} LinkModel;

extern void link_model_shape(FsModel *m);
extern Datum link_model_to_jsonb(const FsModel *model, const bool *seen, const FsEmResult *res,
								 int32 max_iter, double tolerance);
extern LinkModel *link_model_get(FunctionCallInfo fcinfo, int argno);

#endif							/* MIGRISK_LINK_MODEL_H */
