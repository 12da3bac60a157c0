/*
 * Why not bm25(): it weighs each hit by the length of its row, which costs
 * a lookup in the index's size table for every row matched, most of the
 * time a --search takes on a large database. A publication list asks less
 * of a ranking: a word in the title says more than one in an abstract.
 * Which columns a phrase occurs in is read from the position lists the
 * match has already loaded.
 */
#include "rank.h"

#include <stddef.h>

static void rank_function(const Fts5ExtensionApi *api, Fts5Context *fts,
			  sqlite3_context *ctx, int nweights, sqlite3_value **weights)
{
	double score = 0;
	int nphrases = api->xPhraseCount(fts);

	for (int phrase = 0; phrase < nphrases; phrase++) {
		Fts5PhraseIter it;
		int col;

		if (api->xPhraseFirstColumn(fts, phrase, &it, &col) != SQLITE_OK) {
			sqlite3_result_error(ctx, "pdb_rank: cannot read the match", -1);
			return;
		}
		for (; col >= 0; api->xPhraseNextColumn(fts, &it, &col))
			score += col < nweights ? sqlite3_value_double(weights[col]) : 1.0;
	}
	sqlite3_result_double(ctx, -score);
}

static fts5_api *fts5_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int pdb_rank_register(sqlite3 *db)
{
	fts5_api *api = fts5_of(db);

	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	return api->xCreateFunction(api, "pdb_rank", NULL, rank_function, NULL);
}
