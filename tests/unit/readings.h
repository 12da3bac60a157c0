/*
 * One reading of a BibTeX text described as text, for comparing two
 * readings: pubdb's own, and btparse parsing every entry
 * (pdb_bibread_btparse_only). Shared by tests/unit/test_fastpath.c and
 * fuzz/fuzz_fastpath.c.
 */
#ifndef PUBDB_READINGS_H
#define PUBDB_READINGS_H

#include "pubdb/buf.h"

#include <stddef.h>

/* Every entry of text[0, n) with its fields, then the messages and how reading ended, into out. */
void describe_reading(const char *text, size_t n, int btparse_only, struct pdb_buf *out);

/* Both readings of text[0, n): 1 when alike, else 0 with where they part on stderr. */
int readings_agree(const char *label, const char *text, size_t n);

#endif
