/*
 * People: BibTeX names turned into display strings and matching keys, and
 * the rule that says when two given names can be the same person.
 */
#ifndef PUBDB_PERSON_H
#define PUBDB_PERSON_H

#include "pubdb/names.h"

struct pdb_person_keys {
	char *given;		/* Unicode display forms */
	char *von;
	char *family;
	char *jr;
	char *family_key;	/* folded: accents, case and LaTeX gone */
	char *given_key;
	int literal;
};

/* Fills k from a parsed name; PDB_ENOMEM on failure (k is then released). */
int pdb_person_keys_from_name(struct pdb_person_keys *k, const struct pdb_name *n);
void pdb_person_keys_release(struct pdb_person_keys *k);

/* The folded family and given keys of a name typed by a user. */
int pdb_person_query_keys(const char *name, char **family_key, char **given_key);

/*
 * 1 when folded given names a and b can belong to one person: the first
 * names agree and the rest of the shorter one appear in order in the
 * other; a single letter (an initial) agrees with any name it starts.
 * "haocheng" ~ "h." ~ "h" ~ "haocheng w."; "h.-c." ~ "hao-cheng";
 * an empty given name agrees with everything.
 */
int pdb_given_compatible(const char *a, const char *b);

#endif
