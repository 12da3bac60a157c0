#include "pubdb/import.h"

#include "pubdb/bibread.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * The keys seen in the file being imported, to catch a key defined twice
 * in one file (BibTeX keeps the first and so does pubdb). Only keys are
 * kept, never entries.
 */
struct key_slot {
	char *key;
	uint64_t content;	/* hash of the entry's text */
	unsigned long line;
};

struct key_set {
	struct key_slot *slot;
	size_t cap;	/* a power of two */
	size_t n;
};

static uint64_t text_hash(const char *s, int fold_case)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)(fold_case ? tolower((unsigned char)*s) : *s)) * 0x100000001b3ULL;
	return h;
}

/* Keys are compared as BibTeX compares them: ignoring (ASCII) case. */
static uint64_t key_hash(const char *key)
{
	return text_hash(key, 1);
}

static void key_set_release(struct key_set *ks)
{
	for (size_t i = 0; i < ks->cap; i++)
		free(ks->slot[i].key);
	free(ks->slot);
	memset(ks, 0, sizeof(*ks));
}

static int key_set_grow(struct key_set *ks)
{
	struct key_set bigger = { NULL, ks->cap ? ks->cap * 2 : 256, 0 };

	bigger.slot = calloc(bigger.cap, sizeof(*bigger.slot));
	if (!bigger.slot)
		return PDB_ENOMEM;
	for (size_t i = 0; i < ks->cap; i++) {
		size_t j;

		if (!ks->slot[i].key)
			continue;
		for (j = key_hash(ks->slot[i].key) & (bigger.cap - 1); bigger.slot[j].key;
		     j = (j + 1) & (bigger.cap - 1))
			;
		bigger.slot[j] = ks->slot[i];
		bigger.n++;
	}
	free(ks->slot);
	*ks = bigger;
	return 0;
}

/* The slot of e's key; a new one is filled in. NULL when out of memory. */
static const struct key_slot *key_set_add(struct key_set *ks, const struct pdb_entry *e,
					  int *seen)
{
	size_t j;

	if ((ks->n + 1) * 2 > ks->cap && key_set_grow(ks) < 0)
		return NULL;
	for (j = key_hash(e->key) & (ks->cap - 1); ks->slot[j].key; j = (j + 1) & (ks->cap - 1)) {
		if (strcasecmp(ks->slot[j].key, e->key) == 0) {
			*seen = 1;
			return &ks->slot[j];
		}
	}
	*seen = 0;
	ks->slot[j].key = strdup(e->key);
	if (!ks->slot[j].key)
		return NULL;
	ks->slot[j].content = text_hash(e->source, 0);
	ks->slot[j].line = e->line;
	ks->n++;
	return &ks->slot[j];
}

/*
 * A key defined twice in one file: BibTeX keeps the first. A word-for-word
 * copy loses nothing and only earns a warning; a different entry is an
 * error, since one of the two cannot be kept under that key.
 */
static void report_duplicate(const struct key_slot *first, const struct pdb_entry *e,
			     struct pdb_import_stats *st, const char *name,
			     struct pdb_diag *diag)
{
	if (first->content == text_hash(e->source, 0)) {
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
			int known, const struct pdb_import_opts *opts, struct key_set *keys,
			struct pdb_import_stats *st, const char *name, struct pdb_diag *diag)
{
	enum pdb_put_result res = PDB_PUT_UNCHANGED;
	const struct key_slot *slot;
	int seen;

	slot = key_set_add(keys, e, &seen);
	if (!slot)
		return PDB_ENOMEM;
	if (seen) {
		report_duplicate(slot, e, st, name, diag);
		return 0;
	}
	if (!known && pdb_store_put(s, file_id, e, &res) < 0)
		return PDB_EDB;
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

static int entry_known(void *ctx, const char *key, const char *source)
{
	const struct file_ctx *f = ctx;

	return pdb_store_known(f->s, f->file_id, f->item_pos, key, source);
}

static int read_all(struct pdb_store *s, struct pdb_bibread *r, long long file_id,
		    const struct pdb_import_opts *opts, struct pdb_import_stats *st,
		    const char *name, struct pdb_diag *diag)
{
	struct pdb_entry e;
	struct key_set keys = { NULL, 0, 0 };
	struct file_ctx f = { s, file_id, 0 };
	unsigned long done = 0;
	int rc;

	/* an unchanged entry of an unchanged context need not be parsed again */
	pdb_bibread_set_known(r, entry_known, &f);
	pdb_entry_init(&e);
	while ((rc = pdb_bibread_next(r, &e)) > 0) {
		if (e.kind == PDB_ENTRY_REGULAR)
			rc = import_entry(s, file_id, &e, rc == PDB_BIBREAD_KNOWN, opts, &keys,
					  st, name, diag);
		else
			rc = pdb_store_put_item(s, file_id, &f.item_pos, &e);
		if (rc < 0)
			break;
		if (opts->progress && e.kind == PDB_ENTRY_REGULAR)
			opts->progress(opts->progress_ctx, ++done);
	}
	pdb_entry_release(&e);
	key_set_release(&keys);
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
	rc = pdb_store_begin(s);
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
