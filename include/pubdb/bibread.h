/*
 * Reading BibTeX: one entry at a time, from a stream.
 *
 * Built on libbtparse, guarded so that no input ends the process or
 * silently loses an entry: the stream is split into entries first
 * (src/chunk.c), each entry is checked for what btparse cannot survive,
 * and btparse's own messages come back as pubdb diagnostics
 * ("FILE:LINE: error: ..."). A bad entry is reported once and skipped;
 * reading goes on with the next one.
 *
 * libbtparse keeps global state, so only one reader may be open at a time
 * in a process; macros (@string) are scoped to the reader.
 */
#ifndef PUBDB_BIBREAD_H
#define PUBDB_BIBREAD_H

#include "pubdb/diag.h"
#include "pubdb/model.h"

#include <stdio.h>

struct pdb_bibread;

/* fp stays the caller's; name is used in messages and must outlive r. */
int pdb_bibread_open(struct pdb_bibread **r, FILE *fp, const char *name,
		     struct pdb_diag *diag);
/*
 * Fills e (which must be initialised or released) with the next entry:
 * regular entries, @string, @preamble and @comment, in file order.
 * Returns 1, 0 at end of input, or PDB_EIO / PDB_ENOMEM / PDB_EDATA
 * (the file as a whole cannot be read, e.g. UTF-16).
 */
int pdb_bibread_next(struct pdb_bibread *r, struct pdb_entry *e);
/*
 * Asked before a regular entry is parsed, with e's kind, type, key, text
 * as written (source, in UTF-8) and line filled in: 1 when the caller has
 * this entry already as it would parse, 0 when not, or a PDB_E* code to
 * stop. For a known entry pdb_bibread_next() returns PDB_BIBREAD_KNOWN,
 * with only those filled in: parsing is most of what reading costs.
 */
typedef int pdb_known_fn(void *ctx, const struct pdb_entry *e);
void pdb_bibread_set_known(struct pdb_bibread *r, pdb_known_fn *known, void *ctx);
#define PDB_BIBREAD_KNOWN 2

/*
 * Has btparse parse every entry, also those whose fields are all plain
 * strings and numbers, which pubdb otherwise reads itself: for checking
 * that the two read alike.
 */
void pdb_bibread_btparse_only(struct pdb_bibread *r);

/* Entries reported as errors and skipped so far. */
unsigned long pdb_bibread_skipped(const struct pdb_bibread *r);
void pdb_bibread_close(struct pdb_bibread *r);

#endif
