#include "pubdb/export.h"

#include <string.h>

static const struct pdb_exporter *const exporters[] = {
	&pdb_export_bibtex,
	&pdb_export_csljson,
	&pdb_export_json,
	&pdb_export_keys,
	&pdb_export_markdown,
	&pdb_export_table,
	NULL,
};

const struct pdb_exporter *const *pdb_exporters(void)
{
	return exporters;
}

const struct pdb_exporter *pdb_exporter_find(const char *name)
{
	for (size_t i = 0; exporters[i]; i++)
		if (strcmp(exporters[i]->name, name) == 0)
			return exporters[i];
	return NULL;
}

struct run {
	struct pdb_export x;
	const struct pdb_exporter *ex;
};

static int run_item(void *ctx, const struct pdb_file_item *item)
{
	struct run *r = ctx;

	return r->ex->item(&r->x, item);
}

static int run_entry(void *ctx, const struct pdb_record *rec)
{
	struct run *r = ctx;
	int rc = r->ex->entry(&r->x, rec);

	r->x.count++;
	if (r->x.opts->progress)
		r->x.opts->progress(r->x.opts->progress_ctx, r->x.count);
	return rc;
}

int pdb_export_run(struct pdb_store *s, const struct pdb_query *q,
		   const struct pdb_exporter *ex, FILE *out,
		   const struct pdb_export_opts *opts, struct pdb_diag *diag)
{
	struct run r = { { out, diag, opts, NULL, 0, 0 }, ex };
	int rc, end_rc;

	if (opts && opts->number) {
		long long total = 0;	/* what numbering counts down from */

		rc = pdb_store_count(s, q, &total);
		if (rc < 0)
			return rc;
		r.x.total = (unsigned long)total;
	}
	rc = ex->begin(&r.x);
	if (rc == 0 && ex->item)
		rc = pdb_store_each_item(s, q, run_item, &r);
	if (rc == 0)
		rc = pdb_store_each(s, q, ex->load, run_entry, &r);
	end_rc = ex->end(&r.x);
	if (rc == 0)
		rc = end_rc;
	if (rc == 0 && (fflush(out) != 0 || ferror(out)))
		rc = PDB_EIO;
	return rc;
}
