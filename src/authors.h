/*
 * Author marks: the names of an entry's author (or editor) list with the
 * marks people put on them: equal contribution, corresponding author, the
 * †, ‡ and * as written, and the highlighting of the list's owner.
 *
 * A mark is stripped from the name and kept as a flag. What a written mark
 * means comes from the entry itself (an annotation/note legend such as
 * "* Equal contribution, † Corresponding author"); without a legend:
 *  - `*` means equal contribution when two or more authors carry it, and
 *    corresponding author when only one does (one person alone cannot have
 *    contributed "equally": alfolio-20 uses a lone `Bach*` that way);
 *  - `†` means corresponding author, `‡` nothing beyond itself;
 *  - any mark carried by exactly the first k >= 2 authors means equal
 *    contribution (`A†, B†, C`: co-first authors, whatever the glyph).
 * A legend saying something else ("† Core team", "† Equal advising") leaves
 * the mark only as written. biblatex data annotations (author+an) and the
 * explicit fields equal_contribution / co_first / cofirst / equalcontrib
 * add flags on top; see pdb_authors_parse().
 */
#ifndef PUBDB_AUTHORS_H
#define PUBDB_AUTHORS_H

#include "pubdb/model.h"
#include "pubdb/names.h"

#include <stddef.h>

/* The PDB_MARK_* bits are in include/pubdb/model.h. */

struct pdb_author {
	struct pdb_name name;	/* parts with marks and highlighting removed */
	unsigned marks;
};

struct pdb_authorlist {
	struct pdb_author *v;
	size_t n;
	int others;		/* "and others" */
	size_t empty;		/* empty names and notes posing as names, dropped */
	unsigned equal_marks;	/* the written marks (STAR, DAGGER, DDAGGER) that mean EQUAL here */
};

#define PDB_AUTHORLIST_INIT { NULL, 0, 0, 0, 0 }

/*
 * Parses the entry's `role` field ("author" or "editor"; NULL means
 * "author"), applying every mark encoding, the legends in annotation /
 * annote / note / addendum / author_note(s), `role`+an, and (for authors)
 * the explicit fields equal_contribution, co_first, cofirst, equalcontrib:
 *  - a number N >= 2: the first N authors contributed equally;
 *  - several numbers "1, 3": those positions;
 *  - names ("Yang, Shuo; Li, Wei", "S. Yang and W. Li", "Yang, Li"):
 *    the authors with that folded family name (and initial, when given);
 *  - true/yes: the marks in the list mean equal contribution (the one kind
 *    of mark used, else `*`); with no marks, the first two authors.
 * Returns 0, or PDB_ENOMEM (al is then empty). A missing field gives n = 0.
 * Release with pdb_authorlist_release().
 */
int pdb_authors_parse(struct pdb_authorlist *al, const struct pdb_entry *e,
		      const char *role);
void pdb_authorlist_release(struct pdb_authorlist *al);

/* 1 if any author carries PDB_MARK_EQUAL. */
int pdb_authorlist_has_equal(const struct pdb_authorlist *al);

/*
 * 1 if author i is in the equal-contribution group that includes the
 * first author (SPEC §3 co-first authorship). Groups are told apart by
 * their written mark, so in "A*, B*, C†, D†" with "† Joint second author"
 * C is not co-first. EQUAL that comes without a written mark (numbers,
 * names, author+an) joins whatever group the first author is in.
 */
int pdb_authorlist_cofirst(const struct pdb_authorlist *al, size_t i);

#endif
