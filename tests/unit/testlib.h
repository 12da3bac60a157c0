/*
 * What the unit tests share: a diagnostics sink that collects pubdb's
 * messages, formatted as the CLI prints them, into a buffer.
 */
#ifndef PUBDB_TESTLIB_H
#define PUBDB_TESTLIB_H

#include "pubdb/buf.h"
#include "pubdb/diag.h"

/* Initialises msgs and points diag at it: every message, one per line. */
void test_diag_init(struct pdb_diag *diag, struct pdb_buf *msgs);

#endif
