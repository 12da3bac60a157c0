#include "pubdb/model.h"

#include "pubdb/buf.h"
#include "pubdb/diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *const pdb_month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* Most entries' strings fit in the first block; a larger entry doubles it. */
enum { TEXT_BLOCK_MIN = 4096 };

struct pdb_text_block {
	struct pdb_text_block *prev;
	size_t used, size;
	char text[];
};

void pdb_entry_init(struct pdb_entry *e)
{
	memset(e, 0, sizeof(*e));
}

static void free_blocks(struct pdb_text_block *b)
{
	while (b) {
		struct pdb_text_block *prev = b->prev;

		free(b);
		b = prev;
	}
}

void pdb_entry_release(struct pdb_entry *e)
{
	free_blocks(e->text);
	free(e->fields);
	pdb_entry_init(e);
}

void pdb_entry_clear(struct pdb_entry *e)
{
	struct pdb_text_block *keep = e->text;
	struct pdb_field *fields = e->fields;
	size_t alloc = e->alloc;

	if (keep) {	/* the newest block is the largest */
		free_blocks(keep->prev);
		keep->prev = NULL;
		keep->used = 0;
	}
	pdb_entry_init(e);
	e->text = keep;
	e->fields = fields;
	e->alloc = alloc;
}

char *pdb_entry_strndup(struct pdb_entry *e, const char *s, size_t n)
{
	struct pdb_text_block *b = e->text;
	char *p;

	if (!b || b->size - b->used <= n) {
		size_t size = b ? 2 * b->size : TEXT_BLOCK_MIN;

		if (size <= n)
			size = n + 1;
		if (size > SIZE_MAX - sizeof(*b) || !(b = malloc(sizeof(*b) + size)))
			return NULL;
		b->prev = e->text;
		b->used = 0;
		b->size = size;
		e->text = b;
	}
	p = b->text + b->used;
	memcpy(p, s, n);
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

char *pdb_entry_strdup(struct pdb_entry *e, const char *s)
{
	return pdb_entry_strndup(e, s, strlen(s));
}

int pdb_entry_add_field(struct pdb_entry *e, char *name, char *raw, char *value,
			unsigned long line)
{
	struct pdb_field *f;

	if (!name || !raw || !value)
		return PDB_ENOMEM;
	if (pdb_reserve(&e->fields, &e->alloc, e->nfields + 1, sizeof(*e->fields)) < 0)
		return PDB_ENOMEM;
	f = &e->fields[e->nfields++];
	f->name = name;
	f->raw = raw;
	f->value = value;
	f->line = line;
	return 0;
}

const char *pdb_entry_get(const struct pdb_entry *e, const char *name)
{
	/* most lookups (a dozen per entry for authors' marks) find nothing:
	   the first byte settles nearly every comparison without a call */
	for (size_t i = 0; i < e->nfields; i++)
		if (e->fields[i].name[0] == name[0] && strcmp(e->fields[i].name, name) == 0)
			return e->fields[i].value;
	return NULL;
}
