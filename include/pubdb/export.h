/*
 * Output formats. Each format is one pdb_exporter (one file each:
 * src/export_<name>.c); pdb_exporter_find() looks one up by name and
 * pdb_export_run() drives it over the entries a query selects, streaming:
 * one record at a time, nothing accumulated.
 */
#ifndef PUBDB_EXPORT_H
#define PUBDB_EXPORT_H

#include "pubdb/diag.h"
#include "pubdb/query.h"
#include "pubdb/store.h"

#include <stdio.h>

struct pdb_export_opts {
	int width;		/* table: columns available; 0 = no limit */
	enum pdb_group_by group_by;	/* markdown */
	const char *me;		/* the owner's names ("A; B"), or NULL */
	int clean;		/* bibtex: citation-ready, without CV-only fields and author marks */
	int number;		/* markdown: number the entries from the total down to 1 */
	int max_authors;	/* markdown: show at most this many authors; 0 = all */
	/* markdown: the entry layout (see export_markdown.c), NULL = the default */
	const char *template_text;
	const char *template_name;	/* where it came from, for messages */
	int color;		/* table: ANSI colours for key, year and venue */
	pdb_progress_fn *progress;	/* may be NULL */
	void *progress_ctx;
};

struct pdb_export {
	FILE *out;
	struct pdb_diag *diag;
	const struct pdb_export_opts *opts;
	void *priv;		/* the exporter's own state */
	unsigned long count;	/* entries written so far */
	unsigned long total;	/* entries to write; counted only when opts->number is set */
};

struct pdb_exporter {
	const char *name;
	const char *summary;
	int (*begin)(struct pdb_export *x);
	/* @string / @preamble of the exported entries' files; may be NULL */
	int (*item)(struct pdb_export *x, const struct pdb_file_item *item);
	int (*entry)(struct pdb_export *x, const struct pdb_record *rec);
	int (*end)(struct pdb_export *x);	/* also frees priv; called after errors too */
	unsigned load;	/* the parts of a record entry() reads: PDB_LOAD_* */
};

/* NULL when there is no such format. */
const struct pdb_exporter *pdb_exporter_find(const char *name);
/* All formats, NULL-terminated, for help texts. */
const struct pdb_exporter *const *pdb_exporters(void);

/* Writes the entries q selects; returns 0 or a PDB_E* code. */
int pdb_export_run(struct pdb_store *s, const struct pdb_query *q,
		   const struct pdb_exporter *ex, FILE *out,
		   const struct pdb_export_opts *opts, struct pdb_diag *diag);

/* The exporters. */
extern const struct pdb_exporter pdb_export_bibtex;
extern const struct pdb_exporter pdb_export_csljson;
extern const struct pdb_exporter pdb_export_json;
extern const struct pdb_exporter pdb_export_keys;
extern const struct pdb_exporter pdb_export_markdown;
extern const struct pdb_exporter pdb_export_table;

#endif
