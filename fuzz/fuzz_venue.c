/*
 * libFuzzer harness: venue recognition. The input is NUL-separated
 * "name", "value" pairs making one entry, recognised against the real
 * venue table; every value is also normalised to a key, which must be a
 * fixed point (see pdb_venue_key), and looked up.
 */
#include "pubdb/model.h"
#include "pubdb/texnorm.h"
#include "venue.h"

#include "schema_sql.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct pdb_venues *table;

/* The migrations' pdb_tex(); the venue table needs none of what it converts. */
static void sql_identity(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_value(ctx, argv[0]);
}

/* The migrations' pdb_pack_fields(), an aggregate: there are no fields to pack. */
static void sql_no_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_error(ctx, "pdb_pack_fields: no fields in the venue harness", -1);
}

static void sql_null_final(sqlite3_context *ctx)
{
	sqlite3_result_null(ctx);
}

static struct pdb_venues *load_table(void)
{
	sqlite3 *db;
	struct pdb_venues *v;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_create_function(db, "pdb_tex", 1, SQLITE_UTF8, NULL, sql_identity, NULL, NULL)
		    != SQLITE_OK ||
	    sqlite3_create_function(db, "pdb_pack_fields", 4, SQLITE_UTF8, NULL, NULL, sql_no_step,
				    sql_null_final) != SQLITE_OK)
		abort();
	for (size_t i = 0; i < sizeof(pdb_migrations) / sizeof(pdb_migrations[0]); i++)
		if (sqlite3_exec(db, pdb_migrations[i], NULL, NULL, NULL) != SQLITE_OK)
			abort();
	if (pdb_venues_new(&v) < 0 || pdb_venues_load(v, db) < 0)
		abort();
	sqlite3_close(db);
	return v;
}

static void check_key(const char *text)
{
	char *key = pdb_venue_key(text);
	char *again = key ? pdb_venue_key(key) : NULL;

	if (!key || !again)
		abort();
	/* every key is its own key (pubdb's text is UTF-8: the reader makes it so) */
	if (pdb_utf8_valid(text, strlen(text)) && strcmp(key, again) != 0)
		abort();
	free(again);
	free(key);
	pdb_venues_lookup(table, text);
}

/* The n bytes at p as e's own string. */
static char *dup_span(struct pdb_entry *e, const uint8_t *p, size_t n)
{
	char *s = pdb_entry_strndup(e, (const char *)p, n);

	if (!s)
		abort();
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pdb_entry e;
	struct pdb_venue_match m;
	const uint8_t *p = data, *end = data + size;
	char *name = NULL;

	if (!table)
		table = load_table();
	pdb_entry_init(&e);
	e.kind = PDB_ENTRY_REGULAR;
	while (p < end) {
		const uint8_t *nul = memchr(p, '\0', (size_t)(end - p));
		size_t n = nul ? (size_t)(nul - p) : (size_t)(end - p);
		char *part = dup_span(&e, p, n);

		if (!name) {
			name = part;
		} else {
			check_key(part);
			if (pdb_entry_add_field(&e, name, dup_span(&e, p, n), part, 1) < 0)
				abort();
			name = NULL;
		}
		p += n + (nul != NULL);
	}
	if (pdb_venue_recognise(table, &e, &m) < 0)
		abort();
	if (m.venue)
		pdb_venue_names(table, m.venue, pdb_entry_get(&e, "booktitle") ?
				pdb_entry_get(&e, "booktitle") : m.venue->short_name);
	pdb_entry_release(&e);
	return 0;
}
