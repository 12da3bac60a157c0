/*
 * BibTeX name lists: "A and B and others" split into names, each name into
 * first / von / last / jr parts by BibTeX's own rules (Tame the BeaST §11).
 *
 * pubdb's own implementation: libbtparse's bt_split_name and bt_split_list
 * abort or corrupt memory on degenerate input (", First", "A and  and B"),
 * so no name ever reaches them. Every input, however odd, gives a result.
 *
 * Parts are returned as written (LaTeX kept, braces kept), with runs of
 * whitespace collapsed to one space; a missing part is "" (never NULL).
 */
#ifndef PUBDB_NAMES_H
#define PUBDB_NAMES_H

#include <stddef.h>

/* The parts are one allocation, owned through first: pdb_name_release(). */
struct pdb_name {
	char *first;
	char *von;
	char *last;
	char *jr;
	int literal;	/* the whole name is one {braced group}: a corporate author */
};

struct pdb_namelist {
	struct pdb_name *v;
	size_t n;
	int others;	/* the list ended in "and others" */
	size_t empty;	/* empty names dropped ("A and and B", a trailing "and") */
};

#define PDB_NAMELIST_INIT { NULL, 0, 0, 0 }

/*
 * Splits s at the word "and" (any case, surrounded by whitespace, outside
 * braces) and parses each name. Returns 0, or -1 when out of memory (the
 * list is then empty). Release with pdb_namelist_release().
 */
int pdb_namelist_parse(struct pdb_namelist *nl, const char *s);
void pdb_namelist_release(struct pdb_namelist *nl);

/* Where one name of a list lies in the list string. */
struct pdb_namespan {
	size_t off;	/* bytes from the start of the list string */
	size_t len;	/* whitespace around the name included */
};

/*
 * Splits s at "and" exactly as pdb_namelist_parse() does, without parsing
 * the names: *v gets *n spans (caller frees *v), one per name, empty names
 * and a final "others" included; NULL or "" gives none. Returns 0, or -1
 * when out of memory (*v is then NULL).
 */
int pdb_namelist_split(const char *s, struct pdb_namespan **v, size_t *n);

/* Parses one name (no "and" splitting). Returns 0, or -1 when out of memory. */
int pdb_name_parse(struct pdb_name *name, const char *s);
void pdb_name_release(struct pdb_name *name);

/*
 * Past the '}' closing the BibTeX brace group that opens at p ('{'), or
 * NULL when it does not close before end. Backslashes escape nothing:
 * BibTeX counts every brace.
 */
const char *pdb_brace_group_end(const char *p, const char *end);

/* 1 when the n bytes at p are word (lower-case ASCII), ignoring ASCII case. */
int pdb_equals_nocase(const char *p, size_t n, const char *word);

#endif
