#include "pubdb/model.h"

#include "pubdb/buf.h"
#include "pubdb/diag.h"

#include <stdlib.h>
#include <string.h>

const char *const pdb_month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* Most entries' strings fit in the first block; a larger entry takes more. */
enum { TEXT_BLOCK_FIRST = 4096 };

void pdb_entry_init(struct pdb_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->text = (struct pdb_pool)PDB_POOL_INIT(TEXT_BLOCK_FIRST);
}

void pdb_entry_release(struct pdb_entry *e)
{
	pdb_pool_release(&e->text);
	free(e->fields);
	pdb_entry_init(e);
}

void pdb_entry_clear(struct pdb_entry *e)
{
	struct pdb_pool text = e->text;
	struct pdb_field *fields = e->fields;
	size_t alloc = e->alloc;

	pdb_pool_clear(&text);
	memset(e, 0, sizeof(*e));
	e->text = text;
	e->fields = fields;
	e->alloc = alloc;
}

char *pdb_entry_strndup(struct pdb_entry *e, const char *s, size_t n)
{
	return pdb_pool_strndup(&e->text, s, n);
}

char *pdb_entry_strdup(struct pdb_entry *e, const char *s)
{
	return pdb_pool_strndup(&e->text, s, strlen(s));
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
