/*
 * What exporters read from a pdb_record beyond its columns: field values,
 * the field the venue came from, the venue to show, the arXiv identifier,
 * the links, awards and topics among the tags, and author marks.
 * One set of rules, so every format agrees on them.
 *
 * Returned const char * point into the record (or into the caller's
 * buffer) and live as long as it does.
 */
#ifndef PUBDB_RECORD_H
#define PUBDB_RECORD_H

#include "pubdb/store.h"

struct pdb_buf;

/*
 * The expanded value of the first field called name (compared exactly:
 * field names are stored lower-case); NULL when there is no such field or
 * its value is empty.
 */
const char *pdb_record_get(const struct pdb_record *r, const char *name);

/* The fields a venue is taken from, first non-empty one wins; NULL-terminated. */
extern const char *const pdb_venue_fields[];

/* The value rec->venue was derived from (see pdb_venue_fields), or NULL. */
const char *pdb_record_venue_raw(const struct pdb_record *r);

/*
 * The arXiv identifier: eprint when archiveprefix (or eprinttype) is
 * "arXiv", else the arxiv field; a leading "arXiv:" is left out. NULL if none.
 */
const char *pdb_record_arxiv_id(const struct pdb_record *r);

/*
 * Every link name an entry can have, in the json schema's order,
 * NULL-terminated: url doi arxiv pdf code website poster slides video html.
 */
extern const char *const pdb_link_names[];

/*
 * The URL of the link called name into url (emptied first): doi and arxiv
 * become https://doi.org/ID and https://arxiv.org/abs/ID unless already a
 * URL, website falls back to the project field, every other name is the
 * field's value as written. Returns 1 when the entry has that link, 0 when
 * not, PDB_ENOMEM when url ran out of memory.
 */
int pdb_record_link(const struct pdb_record *r, const char *name, struct pdb_buf *url);

/*
 * The recognised venue's short name (ICML, NeurIPS, arXiv): NULL when the
 * venue is unknown, and for a workshop (held at venue_short, which is not
 * the paper's venue).
 */
const char *pdb_record_venue_short(const struct pdb_record *r);

/*
 * The recognised venue's full name, else (unknown venue, or a workshop)
 * the venue as the entry writes it; NULL when there is none.
 */
const char *pdb_record_venue_full(const struct pdb_record *r);

/* Tag prefixes with a meaning: "award:Spotlight Paper", "topic:Video Generation". */
#define PDB_TAG_AWARD "award:"
#define PDB_TAG_TOPIC "topic:"

/*
 * The part of tag after prefix (the prefix's ASCII letters in any case),
 * or NULL when tag does not start with prefix or nothing follows it.
 * pdb_tag_value("award:Oral", PDB_TAG_AWARD) is "Oral".
 */
const char *pdb_tag_value(const char *tag, const char *prefix);

/* 1 for a tag that is neither an award nor a topic. */
int pdb_tag_plain(const char *tag);

/* The value of the record's first tag (in tag order) with prefix, or NULL. */
const char *pdb_record_first_tag(const struct pdb_record *r, const char *prefix);

/* 1 when the person is marked as a corresponding author. */
int pdb_person_corresponding(const struct pdb_person *p);

/* A workshop paper: held at a venue, or at a venue that is a workshop (HotNets). */
int pdb_record_is_workshop(const struct pdb_record *r);

#endif
