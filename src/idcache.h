/*
 * A bounded map from a string to a row id, for the import's hot lookups
 * (a person's id by name): a hit saves a statement per author. It forgets
 * everything when full, and must be cleared whenever the rows it names may
 * have changed (rollback, orphan removal).
 */
#ifndef PUBDB_IDCACHE_H
#define PUBDB_IDCACHE_H

#include <stddef.h>

struct pdb_idcache {
	struct pdb_idcache_slot *slot;
	size_t cap;		/* a power of two, or 0 */
	size_t n;
};

#define PDB_IDCACHE_INIT { NULL, 0, 0 }

/* The id stored under key (n bytes, may hold NULs): 1 found, 0 not. */
int pdb_idcache_get(const struct pdb_idcache *c, const char *key, size_t n, long long *id);
/* Stores id under key (not already present); PDB_ENOMEM on failure. */
int pdb_idcache_put(struct pdb_idcache *c, const char *key, size_t n, long long id);
void pdb_idcache_clear(struct pdb_idcache *c);

#endif
