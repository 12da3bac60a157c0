/*
 * People: BibTeX names turned into display strings and matching keys, the
 * rule that says when two given names can be the same person, and the
 * owner (the person a publication list belongs to) matched by that rule.
 */
#ifndef PUBDB_PERSON_H
#define PUBDB_PERSON_H

#include "pubdb/names.h"

struct pdb_person;

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

/*
 * The owner of the list (--me, config "me"): the spellings of one person's
 * name, "Haocheng Xi; H. Xi; Xi, Haocheng", each kept as folded keys.
 */
struct pdb_owner_name {
	char *family_key;
	char *given_key;
};

struct pdb_owner {
	struct pdb_owner_name *names;
	size_t n;
};

#define PDB_OWNER_INIT { NULL, 0 }

/*
 * Parses "A; B; ..." (NULL or "" gives an owner nobody matches); each
 * spelling is a BibTeX name, and spellings without a family name are
 * dropped. PDB_ENOMEM on failure (o is then released).
 */
int pdb_owner_parse(struct pdb_owner *o, const char *me);
void pdb_owner_release(struct pdb_owner *o);

/*
 * 1 when folded keys (as in pdb_person_keys) name the owner: the family
 * keys are equal and the given keys pdb_given_compatible for a spelling.
 */
int pdb_owner_matches_keys(const struct pdb_owner *o, const char *family_key,
			   const char *given_key);

/* The same for a loaded person (literal names never match): 1, 0 or PDB_ENOMEM. */
int pdb_owner_matches(const struct pdb_owner *o, const struct pdb_person *p);

#endif
