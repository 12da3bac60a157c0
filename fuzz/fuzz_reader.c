/*
 * libFuzzer harness: bytes as a .bib file through the real import path
 * (chunker, btparse guards, names, equal-contribution marks, LaTeX to
 * Unicode, venue recognition, the store), then every exporter over what
 * was stored, then every entry removed again. Messages are counted, not
 * printed. One in-memory database serves every input: creating one
 * (the venue table) costs more than a whole run.
 */
#include "pubdb/buf.h"
#include "pubdb/diag.h"
#include "pubdb/export.h"
#include "pubdb/import.h"
#include "pubdb/query.h"
#include "pubdb/store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void export_all(struct pdb_store *s, struct pdb_diag *diag)
{
	const struct pdb_exporter *const *ex;
	const struct pdb_export_opts opts = { .width = 80, .me = "Smith, J." };
	struct pdb_query q;
	FILE *out = fopen("/dev/null", "w");

	if (!out)
		abort();
	pdb_query_init(&q);
	for (ex = pdb_exporters(); *ex; ex++)
		pdb_export_run(s, &q, *ex, out, &opts, diag);
	pdb_query_release(&q);
	fclose(out);
}

/* Collects the keys of the stored entries, NUL-separated. */
static int add_key(void *ctx, const struct pdb_record *rec)
{
	struct pdb_buf *keys = ctx;

	pdb_buf_add(keys, rec->key, strlen(rec->key) + 1);
	return 0;
}

static void remove_all(struct pdb_store *s)
{
	struct pdb_buf keys = PDB_BUF_INIT;
	struct pdb_query q;
	long long left = -1;

	pdb_query_init(&q);
	if (pdb_store_each(s, &q, 0, add_key, &keys) < 0)
		abort();
	for (size_t at = 0; at < keys.len; at += strlen(keys.s + at) + 1)
		if (pdb_store_remove(s, keys.s + at) < 0)
			abort();
	if (pdb_store_count(s, &q, &left) < 0 || left != 0)
		abort();
	pdb_query_release(&q);
	pdb_buf_release(&keys);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pdb_diag diag;
	static struct pdb_store *s;
	struct pdb_import_opts opts = { 0 };
	struct pdb_import_stats stats;
	FILE *fp;

	if (size == 0)
		return 0;	/* fmemopen refuses an empty buffer */
	if (!s) {
		pdb_diag_init(&diag, NULL, NULL);
		if (pdb_store_open(&s, ":memory:", &diag) < 0)
			abort();
		pdb_store_set_owner(s, "Smith, J.");
	}
	fp = fmemopen((void *)data, size, "r");
	if (!fp)
		abort();
	pdb_import(s, fp, "fuzz.bib", "fuzz.bib", &opts, &stats, &diag);
	fclose(fp);
	export_all(s, &diag);
	remove_all(s);
	return 0;
}
