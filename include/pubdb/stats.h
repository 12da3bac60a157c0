/*
 * Counts over the entries a query selects, for 'pubdb stats': entries
 * per year, venue, type and award, and how many the owner wrote as first
 * or co-first author. The SQL is in store.c.
 */
#ifndef PUBDB_STATS_H
#define PUBDB_STATS_H

#include "pubdb/query.h"
#include "pubdb/store.h"

enum pdb_stat_by {
	PDB_STAT_YEAR,		/* newest first */
	PDB_STAT_VENUE,		/* short name of a known venue, else the venue text */
	PDB_STAT_TYPE,
	PDB_STAT_AWARD,		/* the NAME of award:NAME tags */
	PDB_STAT_BY_KINDS
};

/* One group; label is NULL for entries without one (no year, no venue). */
typedef int pdb_stat_cb(void *ctx, const char *label, long long n);

/*
 * Calls cb for each group of the entries q selects (its filters, sort and
 * limit): years newest first, the others most entries first, then by label.
 */
int pdb_store_count_by(struct pdb_store *s, const struct pdb_query *q, enum pdb_stat_by by,
		       pdb_stat_cb *cb, void *ctx);

struct pdb_stat_totals {
	long long entries;
	long long first_author;	/* the owner is the first author */
	long long co_first;	/* the owner shares first authorship, not listed first */
	long long equal;	/* the entry marks equal contributors */
	long long awarded;	/* the entry has at least one award */
};

int pdb_store_totals(struct pdb_store *s, const struct pdb_query *q, struct pdb_stat_totals *t);

#endif
