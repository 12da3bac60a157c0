/*
 * pubdb's data model: entries as read from BibTeX and records as loaded
 * from the database.
 *
 * Ownership, once for the whole library:
 *  1. X_init()/X_release() for structs on the stack or embedded;
 *     X_new()/X_free() for heap objects; X_free(NULL) does nothing.
 *  2. const pointers are borrowed for the call. A returned const char *
 *     belongs to the object it came from and lives until that object is
 *     released or called again. A returned char * is the caller's to free.
 *  3. libbtparse memory never leaves src/bibread.c, cJSON trees never leave
 *     the JSON exporters (src/export_json.c, src/export_csljson.c, src/jsonout.c),
 *     sqlite3 statements never leave src/store.c (and src/venue.c's loader).
 *  4. Records handed to a callback are borrowed for that call only.
 */
#ifndef PUBDB_MODEL_H
#define PUBDB_MODEL_H

#include <stddef.h>

#include "pubdb/pool.h"

/* What the marks on an author's name say (src/authors.c reads them). */
enum {
	PDB_MARK_EQUAL = 1u << 0,		/* contributed equally */
	PDB_MARK_CORRESPONDING = 1u << 1,	/* corresponding author */
	PDB_MARK_DAGGER = 1u << 2,		/* † as written */
	PDB_MARK_DDAGGER = 1u << 3,		/* ‡ as written */
	PDB_MARK_HIGHLIGHT = 1u << 4,		/* \textbf{}/\underline{} or biblatex "highlight": the file's owner, usually */
	PDB_MARK_STAR = 1u << 5,		/* *, ∗, \ast, \footnotemark as written */
	PDB_MARK_COFIRST = 1u << 6,		/* first author, or in the first author's equal group */
};

struct pdb_field {
	char *name;	/* lower-case */
	char *raw;	/* the value exactly as written: delimiters, macros, # */
	char *value;	/* macros expanded, # pasted, whitespace collapsed */
	unsigned long line;
};

enum pdb_entry_kind {
	PDB_ENTRY_REGULAR,	/* @article{...} and every other type */
	PDB_ENTRY_STRING,	/* @string: one field per macro */
	PDB_ENTRY_PREAMBLE,	/* @preamble: one field "preamble" */
	PDB_ENTRY_COMMENT,	/* @comment: one field "comment" */
};

/*
 * An entry owns its strings (type, key, source, and each field's name, raw
 * and value) in a pool it keeps from one entry to the next: reading a file
 * costs a few allocations, not several a field.
 */
struct pdb_entry {
	enum pdb_entry_kind kind;
	char *type;	/* lower-case */
	char *key;	/* NULL unless regular */
	char *source;	/* the entry's text as it stood in the file */
	unsigned long line;	/* line of its '@' */
	struct pdb_field *fields;
	size_t nfields;
	size_t alloc;
	struct pdb_pool text;
};

/* "January" ... "December". */
extern const char *const pdb_month_names[12];

void pdb_entry_init(struct pdb_entry *e);
void pdb_entry_release(struct pdb_entry *e);
/* Empties e for the next entry, keeping its memory. */
void pdb_entry_clear(struct pdb_entry *e);
/* A copy of the n bytes at s, NUL-terminated, that e owns; NULL if out of memory. */
char *pdb_entry_strndup(struct pdb_entry *e, const char *s, size_t n);
char *pdb_entry_strdup(struct pdb_entry *e, const char *s);
/* name, raw and value are e's (pdb_entry_strdup); PDB_ENOMEM if one is NULL. */
int pdb_entry_add_field(struct pdb_entry *e, char *name, char *raw, char *value,
			unsigned long line);
/* The expanded value of the first field called name, or NULL. */
const char *pdb_entry_get(const struct pdb_entry *e, const char *name);

#endif
