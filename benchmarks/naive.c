/*
 * A plain importer, to measure what libbtparse and SQLite cost together
 * before pubdb derives or stores anything of its own: the floor's parse
 * loop, and each entry and its fields inserted with prepared statements in
 * one transaction, in one thread. No names, venues, LaTeX or hashes.
 *
 *   naive LEVEL FILE.bib DB
 *
 * LEVEL 0: entries(key, type, title, year, venue) and fields(entry, name,
 * value), a unique index of keys; 1: and indexes on year, venue and year,
 * and fields by entry, made after the last entry; 2: and an FTS5 index of
 * title, abstract, authors and venue, as pubdb's is made. The database gets
 * the page size, cache and journal of a pubdb first import.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floor.h"

static sqlite3 *db;

static void die(const char *what)
{
	fprintf(stderr, "naive: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static void run(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql);
}

static sqlite3_stmt *prepare(const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql);
	return st;
}

static void step(sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die(sqlite3_sql(st));
	sqlite3_reset(st);
}

static void bind_text(sqlite3_stmt *st, int col, const char *text)
{
	sqlite3_bind_text(st, col, text, -1, SQLITE_STATIC);
}

/* An entry's fields (the first 64: a generated entry has at most 15);
 * btparse has pasted each value into one string. */
struct entry {
	int n;
	char *name[64], *value[64];
};

static const char *field(const struct entry *e, const char *name)
{
	for (int i = 0; i < e->n; i++)
		if (!strcmp(e->name[i], name))
			return e->value[i];
	return NULL;
}

static const char *venue(const struct entry *e)
{
	const char *v = field(e, "booktitle");

	return v ? v : field(e, "journal");
}

/* The entry's fields, and its row of the full-text index when there is one. */
static void store_rows(const struct entry *e, sqlite3_stmt *ins_field, sqlite3_stmt *ins_fts)
{
	sqlite3_int64 id = sqlite3_last_insert_rowid(db);

	for (int i = 0; i < e->n; i++) {
		sqlite3_bind_int64(ins_field, 1, id);
		bind_text(ins_field, 2, e->name[i]);
		bind_text(ins_field, 3, e->value[i]);
		step(ins_field);
	}
	if (ins_fts) {
		sqlite3_bind_int64(ins_fts, 1, id);
		bind_text(ins_fts, 2, field(e, "title"));
		bind_text(ins_fts, 3, field(e, "abstract"));
		bind_text(ins_fts, 4, field(e, "author"));
		bind_text(ins_fts, 5, venue(e));
		step(ins_fts);
	}
}

int main(int argc, char **argv)
{
	sqlite3_stmt *ins_entry, *ins_field, *ins_fts = NULL;
	unsigned long entries = 0;
	int level;
	boolean ok;
	AST *ast;
	FILE *fp;

	if (argc != 4 || (level = atoi(argv[1])) < 0 || level > 2 || !(fp = fopen(argv[2], "r"))) {
		fprintf(stderr, "usage: naive 0|1|2 FILE.bib DB\n");
		return 2;
	}
	if (sqlite3_open(argv[3], &db) != SQLITE_OK)
		die("open");
	run("PRAGMA page_size = 16384; PRAGMA journal_mode = TRUNCATE; PRAGMA cache_size = -16384;"
	    "CREATE TABLE entries (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, type TEXT NOT NULL,"
	    " title TEXT, year INTEGER, venue TEXT);"
	    "CREATE TABLE fields (entry_id INTEGER NOT NULL, name TEXT NOT NULL, value TEXT);");
	if (level == 2)
		run("CREATE VIRTUAL TABLE entries_fts USING fts5(title, abstract, authors, venue,"
		    " tokenize = 'unicode61 remove_diacritics 2', columnsize = 0);"
		    "INSERT INTO entries_fts (entries_fts, rank) VALUES ('automerge', 8);"
		    "INSERT INTO entries_fts (entries_fts, rank) VALUES ('pgsz', 16000);");
	run("BEGIN");
	ins_entry = prepare("INSERT INTO entries (key, type, title, year, venue) VALUES (?, ?, ?, ?, ?)");
	ins_field = prepare("INSERT INTO fields (entry_id, name, value) VALUES (?, ?, ?)");
	if (level == 2)
		ins_fts = prepare("INSERT INTO entries_fts (rowid, title, abstract, authors, venue)"
				  " VALUES (?, ?, ?, ?, ?)");

	floor_setup();
	while ((ast = bt_parse_entry(fp, argv[2], 0, &ok))) {
		if (ok && bt_entry_metatype(ast) == BTE_REGULAR) {
			struct entry e = { 0 };
			const char *year;
			AST *f = NULL;

			while (e.n < 64 && (f = bt_next_field(ast, f, &e.name[e.n]))) {
				bt_nodetype type;

				bt_next_value(f, NULL, &type, &e.value[e.n++]);
			}
			year = field(&e, "year");
			bind_text(ins_entry, 1, bt_entry_key(ast));
			bind_text(ins_entry, 2, bt_entry_type(ast));
			bind_text(ins_entry, 3, field(&e, "title"));
			if (year)
				sqlite3_bind_int(ins_entry, 4, atoi(year));
			else
				sqlite3_bind_null(ins_entry, 4);
			bind_text(ins_entry, 5, venue(&e));
			switch (sqlite3_step(ins_entry)) {
			case SQLITE_DONE:
				store_rows(&e, ins_field, ins_fts);
				entries++;
				break;
			case SQLITE_CONSTRAINT:	/* a key seen before: skipped */
				break;
			default:
				die(sqlite3_sql(ins_entry));
			}
			sqlite3_reset(ins_entry);
		}
		bt_free_ast(ast);
	}
	fclose(fp);
	bt_cleanup();
	if (level >= 1)
		run("CREATE INDEX entries_year ON entries(year);"
		    "CREATE INDEX entries_venue_year ON entries(venue, year);"
		    "CREATE INDEX fields_entry ON fields(entry_id);");
	sqlite3_finalize(ins_entry);
	sqlite3_finalize(ins_field);
	sqlite3_finalize(ins_fts);
	run("COMMIT");
	sqlite3_close(db);
	printf("%lu entries\n", entries);
	return 0;
}
