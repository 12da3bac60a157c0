/*
 * pdb_pool: strings copied into blocks that never move, let go all at
 * once. An entry read from a file and a record loaded from the database
 * keep their strings in one: a few allocations each, not one a string,
 * and the blocks are kept for the next entry or record.
 */
#ifndef PUBDB_POOL_H
#define PUBDB_POOL_H

#include <stddef.h>

struct pdb_pool_block;	/* src/pool.c */

struct pdb_pool {
	struct pdb_pool_block *head;	/* the newest and largest; it links to those before */
	size_t first;			/* the size of the first block */
	int oom;			/* a copy failed for want of memory */
};

#define PDB_POOL_INIT(first_block) { NULL, (first_block), 0 }

/* A copy of the n bytes at data; NULL (and oom set) without memory. */
void *pdb_pool_copy(struct pdb_pool *p, const void *data, size_t n);
/* The n bytes at s and a NUL; NULL (and oom set) without memory. */
char *pdb_pool_strndup(struct pdb_pool *p, const char *s, size_t n);
/* Lets every string go, keeping the largest block for what comes next. */
void pdb_pool_clear(struct pdb_pool *p);
void pdb_pool_release(struct pdb_pool *p);

#endif
