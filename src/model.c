#include "pubdb/model.h"

#include "pubdb/buf.h"
#include "pubdb/diag.h"

#include <stdlib.h>
#include <string.h>

const char *const pdb_month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

void pdb_entry_init(struct pdb_entry *e)
{
	memset(e, 0, sizeof(*e));
}

void pdb_entry_release(struct pdb_entry *e)
{
	for (size_t i = 0; i < e->nfields; i++) {
		free(e->fields[i].name);
		free(e->fields[i].raw);
		free(e->fields[i].value);
	}
	free(e->fields);
	free(e->type);
	free(e->key);
	free(e->source);
	pdb_entry_init(e);
}

int pdb_entry_add_field_take(struct pdb_entry *e, char *name, char *raw,
			     char *value, unsigned long line)
{
	struct pdb_field *f;

	if (!name || !raw || !value)
		goto fail;
	if (pdb_reserve(&e->fields, &e->alloc, e->nfields + 1, sizeof(*e->fields)) < 0)
		goto fail;
	f = &e->fields[e->nfields++];
	f->name = name;
	f->raw = raw;
	f->value = value;
	f->line = line;
	return 0;
fail:
	free(name);
	free(raw);
	free(value);
	return PDB_ENOMEM;
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
