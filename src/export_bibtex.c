/*
 * BibTeX, faithful: every field in its original order with its value as
 * written (macros and # kept), preceded by the @string and @preamble
 * definitions of the files the entries came from, so that bibtex and a
 * re-import see exactly what the original file said.
 */
#include "pubdb/export.h"

#include <stdlib.h>

struct bibtex_state {
	int wrote;	/* something is out: the next entry is set off by a blank line */
};

static int bibtex_begin(struct pdb_export *x)
{
	x->priv = calloc(1, sizeof(struct bibtex_state));
	return x->priv ? 0 : PDB_ENOMEM;
}

static int bibtex_item(struct pdb_export *x, const struct pdb_file_item *item)
{
	if (item->name)
		fprintf(x->out, "@string{%s = %s}\n", item->name, item->raw);
	else
		fprintf(x->out, "@preamble{%s}\n", item->raw);
	((struct bibtex_state *)x->priv)->wrote = 1;
	return ferror(x->out) ? PDB_EIO : 0;
}

static int bibtex_entry(struct pdb_export *x, const struct pdb_record *rec)
{
	struct bibtex_state *st = x->priv;

	if (st->wrote)
		fputc('\n', x->out);
	st->wrote = 1;
	fprintf(x->out, "@%s{%s,\n", rec->type, rec->key);
	for (size_t i = 0; i < rec->nfields; i++)
		fprintf(x->out, "  %s = %s,\n", rec->fields[i].name, rec->fields[i].raw);
	fputs("}\n", x->out);
	return ferror(x->out) ? PDB_EIO : 0;
}

static int bibtex_end(struct pdb_export *x)
{
	free(x->priv);
	x->priv = NULL;
	return ferror(x->out) ? PDB_EIO : 0;
}

const struct pdb_exporter pdb_export_bibtex = {
	"bibtex", "BibTeX, fields and values as written", bibtex_begin,
	bibtex_item, bibtex_entry, bibtex_end,
};
