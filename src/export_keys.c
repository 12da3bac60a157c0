/*
 * One citation key per line, for pipes:
 *   pubdb list --venue ICML --format keys | xargs pubdb tag --add topic:X
 */
#include "pubdb/export.h"

static int keys_begin(struct pdb_export *x)
{
	x->priv = NULL;
	return 0;
}

static int keys_entry(struct pdb_export *x, const struct pdb_record *rec)
{
	fputs(rec->key, x->out);
	fputc('\n', x->out);
	return ferror(x->out) ? PDB_EIO : 0;
}

static int keys_end(struct pdb_export *x)
{
	return ferror(x->out) ? PDB_EIO : 0;
}

const struct pdb_exporter pdb_export_keys = {
	"keys", "one citation key per line, for xargs", keys_begin, NULL, keys_entry, keys_end,
	0,
};
