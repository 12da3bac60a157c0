#include "pubdb/pool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct pdb_pool_block {
	struct pdb_pool_block *prev;
	size_t used, size;
	char data[];
};

static void free_blocks(struct pdb_pool_block *b)
{
	while (b) {
		struct pdb_pool_block *prev = b->prev;

		free(b);
		b = prev;
	}
}

/* A block for n more bytes: twice the last one, so a large entry takes a few. */
static struct pdb_pool_block *new_block(struct pdb_pool *p, size_t n)
{
	size_t size = p->head ? 2 * p->head->size : p->first;
	struct pdb_pool_block *b;

	if (size < n)
		size = n;
	if (size > SIZE_MAX - sizeof(*b) || !(b = malloc(sizeof(*b) + size))) {
		p->oom = 1;
		return NULL;
	}
	b->prev = p->head;
	b->used = 0;
	b->size = size;
	p->head = b;
	return b;
}

/* Room for n bytes, or NULL (and oom set). */
static char *take(struct pdb_pool *p, size_t n)
{
	struct pdb_pool_block *b = p->head;
	char *at;

	if (!b || b->size - b->used < n) {
		b = new_block(p, n);
		if (!b)
			return NULL;
	}
	at = b->data + b->used;
	b->used += n;
	return at;
}

void *pdb_pool_copy(struct pdb_pool *p, const void *data, size_t n)
{
	char *copy = take(p, n);

	if (copy && n)
		memcpy(copy, data, n);
	return copy;
}

char *pdb_pool_strndup(struct pdb_pool *p, const char *s, size_t n)
{
	char *copy = n < SIZE_MAX ? take(p, n + 1) : NULL;

	if (!copy) {
		p->oom = 1;
		return NULL;
	}
	if (n)
		memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

void pdb_pool_clear(struct pdb_pool *p)
{
	if (p->head) {
		free_blocks(p->head->prev);
		p->head->prev = NULL;
		p->head->used = 0;
	}
	p->oom = 0;
}

void pdb_pool_release(struct pdb_pool *p)
{
	free_blocks(p->head);
	p->head = NULL;
	p->oom = 0;
}
