/*
 * A bounded map from a string to a number, for the import's hot lookups
 * (the number the import gave a person, by name): a hit saves converting
 * the name and a statement per author. It forgets everything when full.
 */
#ifndef PUBDB_IDCACHE_H
#define PUBDB_IDCACHE_H

#include <stddef.h>

/*
 * At most this many keys: under 4 MB, whatever the size of the input.
 * Half as many could not hold the 17,500 people of the benchmark's
 * 150,000 entries: forgetting them all every 16,384 names and looking
 * them up again made its import 6% slower.
 */
#define PDB_IDCACHE_MAX (1u << 15)

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
