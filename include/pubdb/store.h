/*
 * The database: one SQLite file holding entries, their fields, people,
 * tags, venues and settings. Schema migrations (schema/NNNN_name.sql) are
 * compiled in and applied on open; every query is a prepared statement.
 */
#ifndef PUBDB_STORE_H
#define PUBDB_STORE_H

#include "pubdb/diag.h"
#include "pubdb/model.h"

struct pdb_store;
struct pdb_query;

/* How long a second pubdb waits for a database another one is writing. */
#define PDB_BUSY_TIMEOUT_MS 10000

/*
 * Opens (creating if needed) the database at path (":memory:" works) and
 * brings its schema up to date in one transaction. A database written by
 * a newer pubdb is refused. Errors are PDB_EDB, with detail in diag.
 */
int pdb_store_open(struct pdb_store **s, const char *path, struct pdb_diag *diag);
/*
 * For a program that uses pubdb (and SQLite) from one thread only: turns
 * off SQLite's mutexes and memory statistics for the whole process, a few
 * percent of every statement. Call before the first pdb_store_open().
 */
void pdb_store_single_threaded(void);
void pdb_store_close(struct pdb_store *s);
/* The schema version of an open database. */
int pdb_store_version(struct pdb_store *s);
/* The schema version this pubdb writes. */
int pdb_schema_version(void);

int pdb_store_begin(struct pdb_store *s);
/* The same, for an import: a first one writes the database once, not twice. */
int pdb_store_begin_import(struct pdb_store *s);
/* 1 when the transaction's import began with no entries stored. */
int pdb_store_first_import(const struct pdb_store *s);
/*
 * Writes the pages the page cache holds unwritten and frees the memory it
 * does not need now. Freed memory goes back to the malloc arena of the
 * thread that allocated it: when that thread goes on to sort indexes
 * (pdb_store_finish_import), the sort reuses it.
 */
void pdb_store_release_memory(struct pdb_store *s);
/* Where the store reports from now on; returns where it reported before. */
struct pdb_diag *pdb_store_set_diag(struct pdb_store *s, struct pdb_diag *diag);
int pdb_store_commit(struct pdb_store *s);
void pdb_store_rollback(struct pdb_store *s);

/* ---- import ---- */

enum pdb_put_result {
	PDB_PUT_ADDED,
	PDB_PUT_UPDATED,
	PDB_PUT_UNCHANGED,
	PDB_PUT_DUPLICATE,	/* the key was taken from this file already */
};

/*
 * After PDB_PUT_DUPLICATE, the entry the file defined first under the key
 * (BibTeX keeps the first): the key as written there, its line, and
 * whether the second has the same type, key and fields. Valid until the
 * next call.
 */
struct pdb_first_entry {
	const char *key;
	unsigned long line;
	int same;
};
const struct pdb_first_entry *pdb_store_first(const struct pdb_store *s);

/* Registers an input file and forgets the @string/@preamble/@comment it had. */
int pdb_store_file(struct pdb_store *s, const char *path, long long *file_id);
/*
 * Stores an @string, @preamble or @comment of a file; *pos numbers the
 * file's items in order and is advanced (a @string may define several).
 */
int pdb_store_put_item(struct pdb_store *s, long long file_id, long *pos,
		       const struct pdb_entry *e);
/*
 * 1 when the entry with e's key came from this file, with e's text as
 * written, after the same @string definitions as now (items: how many
 * pdb_store_put_item has stored so far): it would parse to what is stored,
 * so an import need not parse it; it is taken as pdb_store_put takes an
 * unchanged entry. 0 when not, or a PDB_E* code. e needs key, source and
 * line only.
 */
int pdb_store_known(struct pdb_store *s, long long file_id, long items,
		    const struct pdb_entry *e);
/*
 * Adds or updates a regular entry (by key), and takes it from the file:
 * the same key again before the next pdb_store_file() is
 * PDB_PUT_DUPLICATE and changes nothing. An entry unchanged but moved
 * takes its new file and line.
 */
int pdb_store_put(struct pdb_store *s, long long file_id,
		  const struct pdb_entry *e, enum pdb_put_result *result);
/*
 * What pdb_store_put() works out from an entry's own fields (titles,
 * names, venue, the words to index), worked out apart: during a first
 * import it reads nothing of the database (pdb_store_begin_import() has
 * loaded the venue table), so another thread may do it while one stores.
 */
struct pdb_derived;
int pdb_store_derive(struct pdb_store *s, const struct pdb_entry *e, struct pdb_derived **d);
void pdb_derived_free(struct pdb_derived *d);
/* pdb_store_put() with d from pdb_store_derive(e) (NULL: derived when needed). */
int pdb_store_put_derived(struct pdb_store *s, long long file_id, const struct pdb_entry *e,
			  const struct pdb_derived *d, enum pdb_put_result *result);
/* Recomputes what depends on other entries (crossref) and drops orphans. */
int pdb_store_finish_import(struct pdb_store *s);

/* ---- reading ---- */

struct pdb_person {
	const char *given;
	const char *von;
	const char *family;
	const char *jr;
	const char *raw;	/* as written in the entry */
	int literal;
	unsigned marks;		/* PDB_MARK_* bits */
	int equal;		/* marked as an equal contributor */
	int me;			/* the owner (pdb_store_set_owner) */
};

struct pdb_buf;
/* Appends "Given von Family, Jr" (empty parts left out). */
void pdb_person_format(struct pdb_buf *b, const struct pdb_person *p);

/* One entry as loaded for output; borrowed by callbacks. */
struct pdb_record {
	long long id;
	const char *key;
	const char *type;
	const char *title;	/* Unicode, or NULL */
	const char *venue;	/* as the entry writes it, in Unicode, or NULL */
	const char *venue_short;	/* the recognised venue, or NULL */
	const char *venue_full;
	const char *venue_kind;	/* conference, journal, workshop, preprint, other */
	int workshop;		/* a workshop (held at venue_short, if known), not the venue */
	int equal;		/* some authors are marked as equal contributors */
	int selected;
	int year;		/* 0: unknown */
	int month;		/* 0: unknown */
	const char *source;
	const struct pdb_field *fields;
	size_t nfields;
	const struct pdb_person *authors;
	size_t nauthors;
	const struct pdb_person *editors;
	size_t neditors;
	const char *const *tags;	/* sorted: "award:...", plain tags, "topic:..." */
	size_t ntags;
	/* the entry its crossref names, when it is in the database: title (Unicode) and type */
	const char *parent_title;
	const char *parent_type;
	/* the first author's (else editor's) von and family names, always loaded */
	const char *lead;	/* NULL: no names */
	size_t lead_names;	/* names in that author (or editor) list */
};

/* A file's @string, @preamble or @comment, for exports. */
struct pdb_file_item {
	const char *kind;	/* "string", "preamble", "comment" */
	const char *name;	/* macro name, or NULL */
	const char *raw;
	const char *value;
};

typedef int pdb_record_cb(void *ctx, const struct pdb_record *rec);
typedef int pdb_item_cb(void *ctx, const struct pdb_file_item *item);

/*
 * What pdb_store_each() loads besides an entry's own columns (key, type,
 * title, venue, year, month, flags, crossref parent): each part costs a
 * lookup per entry, so a caller asks for what it reads. The record's
 * parts not asked for are empty (NULL, 0).
 */
enum pdb_load {
	PDB_LOAD_FIELDS = 1u << 0,	/* fields, nfields */
	PDB_LOAD_PERSONS = 1u << 1,	/* authors, editors */
	PDB_LOAD_TAGS = 1u << 2,	/* tags */
	PDB_LOAD_SOURCE = 1u << 3,	/* source: the entry as written (NULL if lost: pubdb check) */
	PDB_LOAD_ALL = (1u << 4) - 1,
};

/* Calls cb for every entry matching q, in q's order; a non-zero return stops. */
int pdb_store_each(struct pdb_store *s, const struct pdb_query *q, unsigned load,
		   pdb_record_cb *cb, void *ctx);
/* @string and @preamble items of the files the entries matching q came from. */
int pdb_store_each_item(struct pdb_store *s, const struct pdb_query *q,
			pdb_item_cb *cb, void *ctx);
/* Counts the entries q selects (its --limit included). */
int pdb_store_count(struct pdb_store *s, const struct pdb_query *q, long long *n);

/* Adds (add = 1) or removes a tag of the entry with this key: 0 or PDB_ENOTFOUND. */
int pdb_store_tag(struct pdb_store *s, const char *key, const char *tag, int add);

/*
 * The owner's names ("Haocheng Xi; H. Xi"), for queries that ask which
 * author is the owner (--first-author). NULL: nobody.
 */
int pdb_store_set_owner(struct pdb_store *s, const char *me);

/* Deletes the entry with this key: 0 or PDB_ENOTFOUND. */
int pdb_store_remove(struct pdb_store *s, const char *key);

/* ---- venues ---- */

struct pdb_venue_row {
	const char *short_name;
	const char *full;
	const char *kind;
	const char *aliases;	/* "; "-separated, as stored (folded) */
	long long entries;	/* entries at this venue (not its workshops) */
};

typedef int pdb_venue_cb(void *ctx, const struct pdb_venue_row *row);

/* Every venue, by short name. */
int pdb_store_each_venue(struct pdb_store *s, pdb_venue_cb *cb, void *ctx);
/*
 * Adds a venue (or, when short_name exists, its full name, kind and more
 * aliases) and recognises every entry's venue again.
 */
int pdb_store_add_venue(struct pdb_store *s, const char *short_name, const char *full,
			const char *kind, const char *const *aliases, size_t naliases);

/* ---- checks ---- */

struct pdb_finding {
	const char *what;	/* "integrity", "unknown venue", "no year", "duplicate" */
	const char *key;	/* NULL for database-wide findings */
	const char *other;	/* the other entry of a duplicate, else NULL */
	const char *detail;
};

typedef int pdb_finding_cb(void *ctx, const struct pdb_finding *f);

/*
 * SQLite's integrity and foreign-key checks, then entries with an unknown
 * venue or no year, and likely duplicates (same DOI, or same title and
 * first author's family name). Returns 0 or an error; findings go to cb.
 */
int pdb_store_check(struct pdb_store *s, pdb_finding_cb *cb, void *ctx);

/* ---- settings ---- */

/* *value is the caller's to free; PDB_ENOTFOUND when unset. */
int pdb_config_get(struct pdb_store *s, const char *name, char **value);
int pdb_config_set(struct pdb_store *s, const char *name, const char *value);
int pdb_config_unset(struct pdb_store *s, const char *name);

#endif
