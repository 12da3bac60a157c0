/*
 * Venue recognition: which conference or journal an entry was published
 * in, from the many ways BibTeX files spell it.
 *
 * The table itself is data (schema/0003_venues.sql): venues with a short
 * and a full name, spellings ("aliases") stored as normalised keys, and
 * PMLR volume numbers. pdb_venues_load() reads it from a database into
 * memory; pdb_venue_recognise() then looks entries up without touching
 * the database.
 *
 * Ownership follows include/pubdb/model.h. A const struct pdb_venue *
 * belongs to the table and lives until pdb_venues_free().
 */
#ifndef PUBDB_VENUE_H
#define PUBDB_VENUE_H

struct pdb_entry;
struct sqlite3;

struct pdb_venue {
	long long id;
	char *short_name;	/* "ICML" */
	char *full;		/* "International Conference on Machine Learning" */
	char *kind;		/* conference, journal, workshop, preprint, other */
};

/* The table in memory: venues, spelling keys (hashed), PMLR volumes. */
struct pdb_venues;

int pdb_venues_new(struct pdb_venues **v);
void pdb_venues_free(struct pdb_venues *v);

/*
 * Adds a venue; the keys of its short and full name become spellings of it
 * unless another venue already has them. PDB_EUSAGE if the id or the short
 * name (case-insensitively) is taken.
 */
int pdb_venues_add(struct pdb_venues *v, long long id, const char *short_name,
		   const char *full, const char *kind);
/*
 * Adds a spelling (normalised again, so any spelling will do) of the venue
 * with that id; it replaces a key added for another venue's name.
 * PDB_ENOTFOUND if there is no such venue, PDB_EUSAGE if the key is empty.
 */
int pdb_venues_add_alias(struct pdb_venues *v, const char *alias, long long venue_id);
/* PMLR volume number -> venue (235 -> ICML). PDB_ENOTFOUND: no such venue. */
int pdb_venues_add_pmlr(struct pdb_venues *v, long volume, long long venue_id);

/*
 * Fills v from the tables venues, venue_aliases and pmlr_volumes (the
 * last is optional) of an open database. PDB_EDB on a database error.
 */
int pdb_venues_load(struct pdb_venues *v, struct sqlite3 *db);

/*
 * Normalised lookup key of a venue spelling (caller frees; NULL only when
 * out of memory): folded (pdb_fold), then split into words at punctuation
 * ("&" is "and"), dropping numbers and years (2024, '24, 41st, XIX),
 * ordinal words (forty-first, thirteenth), "proceedings (of)", "proc",
 * "the", "annual" and "international", and leading "in" and publisher
 * names (IEEE, ACM, CVF, RSJ, RAS, IFIP), words joined by one space.
 * "Proceedings of the 41st International Conference on Machine Learning"
 * and "ICML '24" give "conference on machine learning" and "icml".
 * Every key is a fixed point: pdb_venue_key(key) equals key.
 */
char *pdb_venue_key(const char *text);

struct pdb_venue_match {
	const struct pdb_venue *venue;	/* NULL: unknown */
	int workshop;	/* a workshop held at venue (venue is the host), not venue
			   itself; also set, with venue NULL, for a workshop whose host
			   is unknown */
	const char *source;	/* the field that decided ("abbr", "booktitle", "volume",
				   "eprint", ...); NULL when venue is NULL. Static. */
};

/*
 * Recognises the venue of an entry. An abbr field naming a known venue
 * wins; then series, booktitle, eventtitle, journal, journaltitle, a PMLR
 * volume (publisher or series "PMLR" / "Proceedings of Machine Learning
 * Research" / "JMLR W&CP" with volume), howpublished. A real venue in any
 * of them beats arXiv ("arXiv preprint arXiv:...", "CoRR"); eprint with
 * archiveprefix or eprinttype arXiv, an arxiv field, publisher arXiv or an
 * arXiv DOI give arXiv only when no journal or booktitle names something
 * else. 0, or PDB_ENOMEM. The table remembers what it made of each field's
 * text, so one table serves one thread at a time.
 */
int pdb_venue_recognise(struct pdb_venues *v, const struct pdb_entry *e,
			struct pdb_venue_match *m);

/*
 * For --venue: 1 if text names this venue: its short or full name
 * (case-insensitively) or any spelling whose key maps to it. 0 otherwise,
 * also when out of memory.
 */
int pdb_venue_names(const struct pdb_venues *v, const struct pdb_venue *venue,
		    const char *text);

/*
 * Looks a spelling up: a short name (case-insensitively), else the key of
 * text among spellings. NULL if unknown (or out of memory).
 */
const struct pdb_venue *pdb_venues_lookup(const struct pdb_venues *v, const char *text);

#endif
