#include "pubdb/import.h"

#include "pubdb/bibread.h"

#include <stdlib.h>
#include <string.h>

/*
 * A key defined twice in one file (keys ignore case): BibTeX keeps the
 * first. A copy with the same type and fields loses nothing and only earns
 * a warning; a different entry is an error, since one of the two cannot
 * be kept under that key.
 */
static void report_duplicate(const struct pdb_first_entry *first, const struct pdb_entry *e,
			     struct pdb_import_stats *st, const char *name,
			     struct pdb_diag *diag)
{
	if (first->same) {
		pdb_diag_report(diag, PDB_WARNING, name, e->line,
				"entry '%s' repeats the one at line %lu word for word; ignored",
				e->key, first->line);
		return;
	}
	pdb_diag_report(diag, PDB_ERROR, name, e->line,
			"duplicate key '%s' (first defined at line %lu%s%s); entry skipped",
			e->key, first->line, strcmp(first->key, e->key) ? " as " : "",
			strcmp(first->key, e->key) ? first->key : "");
	st->skipped++;
}

/* known: the store has e as it would parse (PDB_BIBREAD_KNOWN: no fields read) */
static int import_entry(struct pdb_store *s, long long file_id, const struct pdb_entry *e,
			int known, const struct pdb_import_opts *opts,
			struct pdb_import_stats *st, const char *name, struct pdb_diag *diag)
{
	enum pdb_put_result res = PDB_PUT_UNCHANGED;
	int rc;

	if (!known && (rc = pdb_store_put(s, file_id, e, &res)) < 0)
		return rc;
	if (res == PDB_PUT_DUPLICATE) {
		report_duplicate(pdb_store_first(s), e, st, name, diag);
		return 0;
	}
	for (size_t i = 0; i < opts->ntags; i++)
		if (pdb_store_tag(s, e->key, opts->tags[i], 1) < 0)
			return PDB_EDB;
	if (res == PDB_PUT_ADDED)
		st->added++;
	else if (res == PDB_PUT_UPDATED)
		st->updated++;
	else
		st->unchanged++;
	return 0;
}

struct file_ctx {
	struct pdb_store *s;
	long long file_id;
	long item_pos;		/* items of the file stored so far */
};

static int entry_known(void *ctx, const struct pdb_entry *e)
{
	const struct file_ctx *f = ctx;

	return pdb_store_known(f->s, f->file_id, f->item_pos, e);
}

static int read_all(struct pdb_store *s, struct pdb_bibread *r, long long file_id,
		    const struct pdb_import_opts *opts, struct pdb_import_stats *st,
		    const char *name, struct pdb_diag *diag)
{
	struct pdb_entry e;
	struct file_ctx f = { s, file_id, 0 };
	unsigned long done = 0;
	int rc;

	/* an unchanged entry of an unchanged context need not be parsed again */
	pdb_bibread_set_known(r, entry_known, &f);
	pdb_entry_init(&e);
	while ((rc = pdb_bibread_next(r, &e)) > 0) {
		if (e.kind == PDB_ENTRY_REGULAR)
			rc = import_entry(s, file_id, &e, rc == PDB_BIBREAD_KNOWN, opts,
					  st, name, diag);
		else
			rc = pdb_store_put_item(s, file_id, &f.item_pos, &e);
		if (rc < 0)
			break;
		if (opts->progress && e.kind == PDB_ENTRY_REGULAR)
			opts->progress(opts->progress_ctx, ++done);
	}
	pdb_entry_release(&e);
	st->skipped += pdb_bibread_skipped(r);
	return rc;
}

int pdb_import(struct pdb_store *s, FILE *fp, const char *name, const char *path,
	       const struct pdb_import_opts *opts, struct pdb_import_stats *stats,
	       struct pdb_diag *diag)
{
	struct pdb_bibread *r = NULL;
	long long file_id;
	int rc;

	memset(stats, 0, sizeof(*stats));
	rc = pdb_store_begin_import(s);
	if (rc < 0)
		return rc;
	rc = pdb_store_file(s, path, &file_id);
	if (rc == 0)
		rc = pdb_bibread_open(&r, fp, name, diag);
	if (rc == 0)
		rc = read_all(s, r, file_id, opts, stats, name, diag);
	pdb_bibread_close(r);
	if (rc == PDB_EIO)
		pdb_diag_report(diag, PDB_ERROR, name, 0, "read error");
	if (rc == 0 && opts->strict && stats->skipped) {
		stats->rolled_back = 1;
		rc = PDB_EDATA;
	}
	if (rc == 0 && (stats->added || stats->updated))	/* else nothing to redo */
		rc = pdb_store_finish_import(s);
	if (rc == 0)
		rc = pdb_store_commit(s);
	if (rc < 0) {
		pdb_store_rollback(s);
		return rc;
	}
	return stats->skipped ? PDB_EDATA : 0;
}
