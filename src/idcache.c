#include "idcache.h"

#include "pubdb/diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct pdb_idcache_slot {
	char *key;		/* NULL: empty */
	size_t n;
	uint64_t hash;
	long long id;
};

static uint64_t key_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

static struct pdb_idcache_slot *find(const struct pdb_idcache *c, const char *key, size_t n,
				     uint64_t h)
{
	size_t j = h & (c->cap - 1);

	for (; c->slot[j].key; j = (j + 1) & (c->cap - 1))
		if (c->slot[j].hash == h && c->slot[j].n == n && memcmp(c->slot[j].key, key, n) == 0)
			break;
	return &c->slot[j];
}

int pdb_idcache_get(const struct pdb_idcache *c, const char *key, size_t n, long long *id)
{
	const struct pdb_idcache_slot *s;

	if (!c->cap)
		return 0;
	s = find(c, key, n, key_hash(key, n));
	if (!s->key)
		return 0;
	*id = s->id;
	return 1;
}

static int grow(struct pdb_idcache *c)
{
	struct pdb_idcache bigger = { NULL, c->cap ? c->cap * 2 : 1024, 0 };

	bigger.slot = calloc(bigger.cap, sizeof(*bigger.slot));
	if (!bigger.slot)
		return PDB_ENOMEM;
	for (size_t i = 0; i < c->cap; i++)
		if (c->slot[i].key)
			*find(&bigger, c->slot[i].key, c->slot[i].n, c->slot[i].hash) = c->slot[i];
	bigger.n = c->n;
	free(c->slot);
	*c = bigger;
	return 0;
}

int pdb_idcache_put(struct pdb_idcache *c, const char *key, size_t n, long long id)
{
	struct pdb_idcache_slot *s;
	uint64_t h = key_hash(key, n);

	if (c->n >= PDB_IDCACHE_MAX)
		pdb_idcache_clear(c);
	if ((c->n + 1) * 2 > c->cap && grow(c) < 0)
		return PDB_ENOMEM;
	s = find(c, key, n, h);
	s->key = malloc(n ? n : 1);
	if (!s->key)
		return PDB_ENOMEM;
	memcpy(s->key, key, n);
	s->n = n;
	s->hash = h;
	s->id = id;
	c->n++;
	return 0;
}

void pdb_idcache_clear(struct pdb_idcache *c)
{
	for (size_t i = 0; i < c->cap; i++)
		free(c->slot[i].key);
	free(c->slot);
	memset(c, 0, sizeof(*c));
}
