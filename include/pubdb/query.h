/*
 * Filters and sort order, turned into SQL with '?' placeholders and a
 * parameter list: values are always bound, never pasted into SQL text.
 * Filters of different kinds combine with AND; repeating a kind ORs its
 * values (--venue A --venue B: either venue).
 */
#ifndef PUBDB_QUERY_H
#define PUBDB_QUERY_H

#include "pubdb/buf.h"
#include "pubdb/diag.h"

#include <stddef.h>

enum pdb_filter_kind {
	PDB_FILTER_YEAR,	/* "2024" or "2020..2023" (either end may be empty) */
	PDB_FILTER_SINCE,
	PDB_FILTER_UNTIL,
	PDB_FILTER_AUTHOR,	/* a name: accents, case and initials don't matter */
	PDB_FILTER_TYPE,
	PDB_FILTER_KEY,
	PDB_FILTER_VENUE,	/* words of the venue text, case-insensitive */
	PDB_FILTER_AWARD,	/* an award of that name; "" for any award */
	PDB_FILTER_TOPIC,
	PDB_FILTER_TAG,
	PDB_FILTER_SELECTED,	/* no value */
	PDB_FILTER_EQUAL,	/* no value: the entry marks equal contributors */
	PDB_FILTER_FIRST_AUTHOR,	/* no value: the owner is first or co-first author */
	PDB_FILTER_SEARCH,	/* words of title, abstract, authors, venue (full-text) */
	PDB_FILTER_KINDS
};

enum pdb_sort {
	PDB_SORT_YEAR_DESC,	/* default: newest first, then month, then title */
	PDB_SORT_YEAR,
	PDB_SORT_TITLE,
	PDB_SORT_VENUE,
	PDB_SORT_ADDED,
};

/* Headings of grouped output: records of a group must come together. */
enum pdb_group_by {
	PDB_GROUP_NONE,
	PDB_GROUP_YEAR,
	PDB_GROUP_VENUE,
	PDB_GROUP_TYPE,
	PDB_GROUP_TOPIC,	/* the first of the keywords */
};

struct pdb_filter {
	enum pdb_filter_kind kind;
	char *text;		/* folded where the kind matches folded text */
	char *text2;		/* AUTHOR: folded given names; VENUE: as typed */
	long lo, hi;		/* YEAR, SINCE, UNTIL */
};

struct pdb_query {
	struct pdb_filter *v;
	size_t n;
	size_t alloc;
	enum pdb_sort sort;
	int sorted;		/* sort was asked for: else --search ranks */
	enum pdb_group_by group;	/* ordered by group first */
	long limit;		/* < 0: no limit */
};

void pdb_query_init(struct pdb_query *q);
void pdb_query_release(struct pdb_query *q);
/* Adds a filter; PDB_EUSAGE (with a message in diag) for a bad value. */
int pdb_query_add(struct pdb_query *q, enum pdb_filter_kind kind,
		  const char *value, struct pdb_diag *diag);
/* "year", "-year", "title", "venue", "added"; PDB_EUSAGE otherwise. */
int pdb_query_set_sort(struct pdb_query *q, const char *name, struct pdb_diag *diag);

/* A bound parameter of the generated SQL. */
struct pdb_param {
	int is_text;
	long long i;
	const char *s;		/* borrowed from the query */
};

struct pdb_sql {
	struct pdb_buf where;	/* condition on entries AS e; "1" when none */
	struct pdb_buf order;	/* ORDER BY terms */
	/*
	 * The FTS5 query of --search, or empty: the entries must then be
	 * joined with "(SELECT rowid AS id, rank ... MATCH ?) AS fts", whose
	 * parameter comes before the others; "fts.rank" orders by relevance.
	 */
	struct pdb_buf search;
	/*
	 * Set before pdb_query_build(): the id of the venue a --venue text
	 * names, or -1 when pubdb knows no such venue (NULL: knows none).
	 */
	long long (*venue_id)(void *ctx, const char *text);
	/*
	 * Set before pdb_query_build(): for --author, an FTS5 query on the
	 * authors column of entries_fts that finds every entry naming one of
	 * the people of that name (family and given name keys), and maybe a
	 * few more; NULL when it cannot (every name is then read). Called
	 * with lookup_ctx; pdb_sql_release() frees what it returns.
	 */
	char *(*author_words)(void *ctx, const char *family_key, const char *given_key);
	void *lookup_ctx;	/* the ctx of venue_id and author_words */
	char **owned;		/* what author_words returned */
	size_t nowned, alloc_owned;
	/*
	 * Set before pdb_query_build(): every matching entry is read, so
	 * sorting them beats reading them at random in the order of an index;
	 * the first ORDER BY term then carries a unary + that keeps SQLite
	 * from walking one (unless the order is the table's own, by id).
	 */
	int sort_all;
	struct pdb_param *params;
	size_t nparams;
	size_t alloc;
};

/*
 * The ids of the entries where the owner (pdb_is_me()) is first author or
 * in the first author's equal-contribution group, with "%u" for
 * PDB_MARK_COFIRST: from the owner's few rows in the index of first
 * authors, not from every entry to its names. Conditions on ep may follow.
 */
#define PDB_SQL_OWNER_COFIRST_IDS \
	"SELECT ep.entry_id FROM entry_persons ep" \
	" WHERE ep.person_id IN (SELECT p.id FROM persons p" \
	" WHERE pdb_is_me(p.family_key, p.given_key))" \
	" AND ep.role = 'author' AND ep.marks & %u"

/* The ids of the entries with an award ("award:" tags, stored with that prefix in lower case). */
#define PDB_SQL_AWARDED_IDS \
	"SELECT t.entry_id FROM tags t WHERE t.tag BETWEEN 'award:' AND 'award;'"

void pdb_sql_init(struct pdb_sql *sql);
void pdb_sql_release(struct pdb_sql *sql);
int pdb_query_build(const struct pdb_query *q, struct pdb_sql *sql);

#endif
