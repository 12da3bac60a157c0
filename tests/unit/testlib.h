/*
 * What the unit tests share: a diagnostics sink that collects pubdb's
 * messages, formatted as the CLI prints them, into a buffer.
 */
#ifndef PUBDB_TESTLIB_H
#define PUBDB_TESTLIB_H

#include "pubdb/buf.h"
#include "pubdb/diag.h"
#include "pubdb/model.h"

/* Initialises msgs and points diag at it: every message, one per line. */
void test_diag_init(struct pdb_diag *diag, struct pdb_buf *msgs);

/* Adds a field to e, copying name, raw and value: 0, or PDB_ENOMEM. */
int test_add_field(struct pdb_entry *e, const char *name, const char *raw, const char *value,
		   unsigned long line);

#endif
