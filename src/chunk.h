/*
 * The chunker: splits a BibTeX stream into one piece of text per entry,
 * before libbtparse sees any of it, and scans each piece's layout.
 *
 * Why not let btparse read the file: after a syntax error it resyncs at
 * the next '@' and can swallow the following good entry without a word,
 * and some inputs end the process. Here, an entry ends at its matching
 * closer, or -- if it never closes -- at the next line that starts a new
 * entry, so one broken entry never takes another with it. Only one entry's
 * text is in memory at a time.
 */
#ifndef PUBDB_CHUNK_H
#define PUBDB_CHUNK_H

#include "pubdb/buf.h"
#include "pubdb/diag.h"

#include <stdio.h>

struct pdb_chunker {
	FILE *fp;
	const char *name;	/* for messages */
	struct pdb_diag *diag;
	char *line;		/* the current line, without its newline */
	size_t len;
	size_t cap;
	size_t pos;		/* scan position in line */
	unsigned long lineno;	/* number of the current line, 1-based */
	int eof;
	int io_error;
};

struct pdb_chunk {
	struct pdb_buf text;	/* from '@' to the closer, newlines as '\n' */
	unsigned long line;	/* line of the '@' */
	int closed;		/* 0: ran into the next entry or end of file */
};

void pdb_chunker_init(struct pdb_chunker *c, FILE *fp, const char *name,
		      struct pdb_diag *diag);
void pdb_chunker_release(struct pdb_chunker *c);
/* 1 and a chunk, 0 at end of input, PDB_EIO or PDB_EDATA (UTF-16). */
int pdb_chunker_next(struct pdb_chunker *c, struct pdb_chunk *out);

struct pdb_span {
	size_t off;
	size_t len;
};

struct pdb_field_span {
	struct pdb_span name;
	struct pdb_span value;
	unsigned long line;
};

/* Where the parts of one chunk are. */
struct pdb_layout {
	struct pdb_span type;
	struct pdb_span key;		/* len 0 when absent */
	struct pdb_span body;		/* between the delimiters */
	size_t key_end;			/* offset after the key (and its comma, if any) */
	int key_comma;			/* a comma follows the key */
	char closer;			/* '}' or ')' */
	int no_key;			/* "@article{title = ...": the key is missing */
	/* lines where a ',' was missing (after the key or between fields) */
	unsigned long *missing_commas;
	size_t nmissing;
	size_t missing_alloc;
	struct pdb_field_span *fields;
	size_t nfields;
	size_t alloc;
	int ok;				/* 1: fields[] describes every field */
};

/* The newlines in text[0, n). */
unsigned long pdb_count_lines(const char *text, size_t n);

void pdb_layout_init(struct pdb_layout *l);
void pdb_layout_release(struct pdb_layout *l);
/*
 * Scans chunk text. Never fails on bad syntax (ok is then 0 and fields[]
 * is partial); returns PDB_ENOMEM only.
 */
int pdb_layout_scan(struct pdb_layout *l, const char *text, size_t len,
		    unsigned long first_line);

/*
 * For a chunk whose layout scan failed: counts the "name =" at entry level
 * and calls fn (when not NULL) with each name written before an '='.
 */
typedef void pdb_assignment_fn(void *ctx, const char *name, size_t n);
size_t pdb_each_assignment(const char *text, size_t len, pdb_assignment_fn *fn, void *ctx);

#endif
