/*
 * pdb_rank(entries_fts, w0, w1, ...): the full-text ranking of list
 * --search. Each phrase of the query scores the weight of every column it
 * occurs in; the result is minus the sum, so that ORDER BY puts the best
 * match first, as with FTS5's bm25().
 */
#ifndef PUBDB_RANK_H
#define PUBDB_RANK_H

#include <sqlite3.h>

/* Registers pdb_rank() with db's FTS5 module: 0, or an SQLite error code. */
int pdb_rank_register(sqlite3 *db);

#endif
