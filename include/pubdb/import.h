/*
 * Import: one BibTeX stream into the database, in one transaction.
 */
#ifndef PUBDB_IMPORT_H
#define PUBDB_IMPORT_H

#include "pubdb/diag.h"
#include "pubdb/store.h"

#include <stdio.h>

struct pdb_import_opts {
	int strict;		/* any error rolls the whole file back */
	const char *const *tags;	/* given to every entry of the file ("topic:X" ...) */
	size_t ntags;
	pdb_progress_fn *progress;	/* may be NULL */
	void *progress_ctx;
};

struct pdb_import_stats {
	unsigned long added;
	unsigned long updated;
	unsigned long unchanged;
	unsigned long skipped;	/* reported as errors and left out */
	int rolled_back;	/* strict mode threw the file away */
};

/*
 * Reads fp (named name in messages, recorded as path) into s. Entries
 * with errors are reported through diag and skipped; the rest is stored.
 * Returns 0 when every entry was stored, PDB_EDATA when some were
 * skipped (or, with strict, the file was rolled back), or PDB_EIO /
 * PDB_EDB / PDB_ENOMEM when the file as a whole failed (rolled back).
 */
int pdb_import(struct pdb_store *s, FILE *fp, const char *name, const char *path,
	       const struct pdb_import_opts *opts, struct pdb_import_stats *stats,
	       struct pdb_diag *diag);

#endif
