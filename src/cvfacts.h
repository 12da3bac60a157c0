/*
 * CV facts an entry's own fields state: awards, topics, selection.
 * (Authors' marks are in authors.h, venues in venue.h.)
 */
#ifndef PUBDB_CVFACTS_H
#define PUBDB_CVFACTS_H

#include "pubdb/model.h"

typedef int pdb_tag_fn(void *ctx, const char *tag);

/*
 * Calls add() with "award:NAME" for each award (the award_name or award
 * field, else Best Paper, Outstanding Paper, Honorable Mention, Spotlight
 * or Oral named in a note) and "topic:NAME" for each keyword. Stops at
 * the first non-zero return and returns it; PDB_ENOMEM on failure.
 */
int pdb_field_tags(const struct pdb_entry *e, pdb_tag_fn *add, void *ctx);

/* 1 when selected = {true} (or yes, 1): a paper the owner features. */
int pdb_entry_selected(const struct pdb_entry *e);

#endif
