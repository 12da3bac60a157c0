/*
 * libFuzzer harness: filter values and sort names as a user types them,
 * turned into SQL and run on a small in-memory database. Each input line
 * is one option: its first byte picks the filter kind (or the sort), the
 * rest is the value. Whatever the values, the generated SQL must run: a
 * database error means a value changed the statement.
 */
#include "pubdb/diag.h"
#include "pubdb/import.h"
#include "pubdb/query.h"
#include "pubdb/store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char entries[] =
	"@string{icml = {International Conference on Machine Learning}}\n"
	"@inproceedings{a2024, author = {Smith, John and M{\\\"u}ller, Ana},\n"
	"  title = {One}, booktitle = icml, year = 2024, keywords = {vision}}\n"
	"@article{b2020, author = {Ana M\\\"uller* and O'Neil, P.*}, title = {Two 100%},\n"
	"  journal = {JMLR}, year = {2020}, note = {Best Paper Award}}\n"
	"@misc{c, author = {others}, title = {x' OR 1=1 --}, eprint = {2401.00001},\n"
	"  archiveprefix = {arXiv}}\n";

static struct pdb_store *store;
static struct pdb_diag diag;

static struct pdb_store *open_store(void)
{
	struct pdb_store *s;
	struct pdb_import_opts opts = { 0 };
	struct pdb_import_stats stats;
	FILE *fp = fmemopen((void *)entries, sizeof(entries) - 1, "r");

	pdb_diag_init(&diag, NULL, NULL);
	if (!fp || pdb_store_open(&s, ":memory:", &diag) < 0 ||
	    pdb_import(s, fp, "seed.bib", "seed.bib", &opts, &stats, &diag) != 0)
		abort();
	fclose(fp);
	pdb_store_set_owner(s, "Smith, John");
	return s;
}

static int count_record(void *ctx, const struct pdb_record *rec)
{
	(void)rec;
	++*(long *)ctx;
	return 0;
}

/* One line: kind byte, value. Returns -1 for a refused value (fine). */
static int add_option(struct pdb_query *q, const char *line)
{
	unsigned char pick = (unsigned char)line[0];

	if (pick % (PDB_FILTER_KINDS + 2) == PDB_FILTER_KINDS)
		return pdb_query_set_sort(q, line + 1, &diag);
	if (pick % (PDB_FILTER_KINDS + 2) == PDB_FILTER_KINDS + 1) {
		q->limit = atol(line + 1);
		return 0;
	}
	return pdb_query_add(q, (enum pdb_filter_kind)(pick % (PDB_FILTER_KINDS + 2)),
			     line + 1, &diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pdb_query q;
	char *text = malloc(size + 1), *line, *save = NULL;
	long long n = 0;
	long seen = 0;

	if (!text)
		abort();
	if (!store)
		store = open_store();
	memcpy(text, data, size);
	text[size] = '\0';
	pdb_query_init(&q);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (add_option(&q, line) < 0)
			goto done;	/* a usage error, as the CLI would report */
	if (pdb_store_count(store, &q, &n) < 0 ||
	    pdb_store_each(store, &q, PDB_LOAD_ALL, count_record, &seen) < 0)
		abort();	/* the SQL did not run */
	if (n < 0 || n > 3 || seen > n)
		abort();	/* a filter let more through than the database has */
done:
	pdb_query_release(&q);
	free(text);
	return 0;
}
