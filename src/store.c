#include "pubdb/store.h"

#include "authors.h"
#include "cvfacts.h"
#include "idcache.h"
#include "person.h"
#include "pubdb/buf.h"
#include "pubdb/names.h"
#include "pubdb/pool.h"
#include "pubdb/query.h"
#include "pubdb/record.h"
#include "pubdb/stats.h"
#include "pubdb/texnorm.h"
#include "rank.h"
#include "schema_sql.h"
#include "venue.h"

#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum stmt_id {
	ST_FIND_KEY,
	ST_VENUE_BY_SHORT,
	ST_AUTHOR_PHRASES,
	ST_KNOWN_ENTRY,
	ST_FILE_HAS_ENTRIES,
	ST_OLD_FILE_ITEMS,
	ST_INSERT_ENTRY,
	ST_UPDATE_ENTRY,
	ST_DELETE_PERSONS,
	ST_FIND_PERSON,
	ST_INSERT_PERSON,
	ST_LOAD_FIELDS,
	ST_LOAD_PACKED,
	ST_PUT_TEXTS,
	ST_CLEAR_FIELD_TAGS,
	ST_ADD_TAG_BY_KEY,
	ST_REMOVE_TAG_BY_KEY,
	ST_UPSERT_FILE,
	ST_CLEAR_FILE_ITEMS,
	ST_INSERT_FILE_ITEM,
	ST_CONFIG_GET,
	ST_CONFIG_SET,
	ST_CONFIG_UNSET,
	ST_REMOVE,
	ST_FTS_DELETE,
	ST_FTS_INSERT,
	ST_SET_PLACE,
	ST_FIRST_KEY,
	ST_COUNT
};

/*
 * An entry's fields, names and tags as pdb_pack() blobs (sql_pack_step):
 * columns of a query on "entries AS e". Fields are stored packed; names
 * come in the order of the primary key they are looked up by, which
 * pdb_pack() checks (an ORDER BY subquery would cost a third of the
 * time); tags are few.
 */
#define PACKED_FIELDS "(SELECT fields FROM entry_texts WHERE entry_id = e.id)"
#define ENTRY_SOURCE "(SELECT source FROM entry_texts WHERE entry_id = e.id)"
/*
 * The authors, then the editors; then PACKED_PERSON_* bits (SQL's << and |
 * bind alike); is_me, whether the name is the owner's: asking
 * pdb_is_me() of every name is 4% of a json export, so a query made when
 * there is no owner says 0.
 */
#define PACKED_PERSONS_WITH(is_me) \
	"(SELECT pdb_pack(((ep.role = 'editor') << 32) | ep.pos," \
	" p.given, p.von, p.family, p.jr, ep.raw," \
	" (ep.marks << 3) | ((ep.role = 'editor') << 2) | (p.literal << 1) | " is_me ")" \
	" FROM entry_persons ep JOIN persons p ON p.id = ep.person_id WHERE ep.entry_id = e.id)"
#define PACKED_PERSONS \
	PACKED_PERSONS_WITH("(NOT p.literal AND pdb_is_me(p.family_key, p.given_key))")
#define PACKED_TAGS \
	"(SELECT pdb_pack(NULL, tag) FROM (SELECT tag FROM tags WHERE entry_id = e.id ORDER BY tag))"
enum {
	PACKED_FIELD_TEXTS = 3,
	PACKED_PERSON_TEXTS = 6,
	PACKED_PERSON_ME = 1 << 0,
	PACKED_PERSON_LITERAL = 1 << 1,
	PACKED_PERSON_EDITOR = 1 << 2,
	PACKED_PERSON_MARKS_SHIFT = 3,
};

static const char *const stmt_sql[ST_COUNT] = {
	[ST_FIND_KEY] = "SELECT id, hash, file_id, line FROM entries WHERE key = ?",
	[ST_VENUE_BY_SHORT] = "SELECT id FROM venues WHERE short = ?",	/* COLLATE NOCASE */
	/* with no given name, the family names alone: fewer phrases when many share one */
	[ST_AUTHOR_PHRASES] =
		"SELECT DISTINCT CASE WHEN ?2 = '' THEN family"
		" ELSE given || ' ' || von || ' ' || family || ' ' || jr END"
		" FROM persons WHERE family_key = ?1 AND pdb_given_match(given_key, ?2)",
	[ST_KNOWN_ENTRY] = "SELECT id, file_id, line, " ENTRY_SOURCE " FROM entries AS e WHERE key = ?",
	[ST_FILE_HAS_ENTRIES] = "SELECT EXISTS (SELECT 1 FROM entries WHERE file_id = ?)",
	[ST_OLD_FILE_ITEMS] =
		"SELECT kind, coalesce(name, ''), raw, line FROM file_items WHERE file_id = ? ORDER BY pos",
	[ST_INSERT_ENTRY] =
		"INSERT INTO entries (key, type, file_id, line, hash, title,"
		" title_key, year, month, venue, venue_key, crossref, selected, equal,"
		" venue_id, workshop, abbr, lead, lead_names)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?14, ?15,"
		" ?16, ?17, ?18, ?19, ?20)",
	[ST_UPDATE_ENTRY] =
		"UPDATE entries SET key = ?1, type = ?2, file_id = ?3, line = ?4, hash = ?5,"
		" title = ?6, title_key = ?7, year = ?8, month = ?9,"
		" venue = ?10, venue_key = ?11, crossref = ?12, inherited = 0, selected = ?14,"
		" equal = ?15, venue_id = ?16, workshop = ?17, abbr = ?18, lead = ?19,"
		" lead_names = ?20 WHERE id = ?13",
	[ST_DELETE_PERSONS] = "DELETE FROM entry_persons WHERE entry_id = ?",
	/* a lookup, then an insert when missing: cheaper than an UPSERT ... RETURNING */
	[ST_FIND_PERSON] =
		"SELECT id FROM persons WHERE family = ?3 AND given = ?1 AND von = ?2 AND jr = ?4"
		" AND literal = ?5",
	[ST_INSERT_PERSON] =
		"INSERT INTO persons (given, von, family, jr, literal, family_key, given_key)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)",
	[ST_LOAD_FIELDS] = "SELECT fields FROM entry_texts WHERE entry_id = ?",
	[ST_LOAD_PACKED] =
		"SELECT " PACKED_FIELDS ", " PACKED_PERSONS ", " PACKED_TAGS
		" FROM entries AS e WHERE e.id = ?",
	/* REPLACE: an entry imported again replaces its text */
	[ST_PUT_TEXTS] = "INSERT OR REPLACE INTO entry_texts (entry_id, source, fields) VALUES (?, ?, ?)",
	[ST_CLEAR_FIELD_TAGS] = "DELETE FROM tags WHERE entry_id = ? AND origin = 'field'",
	[ST_ADD_TAG_BY_KEY] =
		"INSERT OR IGNORE INTO tags (entry_id, tag, origin)"
		" SELECT id, ?2, 'user' FROM entries WHERE key = ?1",
	[ST_REMOVE_TAG_BY_KEY] =
		"DELETE FROM tags WHERE tag = ?2 AND entry_id = (SELECT id FROM entries WHERE key = ?1)",
	[ST_UPSERT_FILE] =
		"INSERT INTO files (path) VALUES (?) ON CONFLICT (path)"
		" DO UPDATE SET path = excluded.path RETURNING id",
	[ST_CLEAR_FILE_ITEMS] = "DELETE FROM file_items WHERE file_id = ?",
	[ST_INSERT_FILE_ITEM] =
		"INSERT INTO file_items (file_id, pos, kind, name, raw, value, line)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)",
	[ST_CONFIG_GET] = "SELECT value FROM config WHERE name = ?",
	[ST_CONFIG_SET] =
		"INSERT INTO config (name, value) VALUES (?, ?)"
		" ON CONFLICT (name) DO UPDATE SET value = excluded.value",
	[ST_CONFIG_UNSET] = "DELETE FROM config WHERE name = ?",
	[ST_REMOVE] = "DELETE FROM entries WHERE key = ?",
	[ST_FTS_DELETE] = "DELETE FROM entries_fts WHERE rowid = ?",
	[ST_FTS_INSERT] =
		"INSERT INTO entries_fts (rowid, title, abstract, authors, venue) VALUES (?, ?, ?, ?, ?)",
	[ST_SET_PLACE] = "UPDATE entries SET file_id = ?, line = ? WHERE id = ?",
	[ST_FIRST_KEY] = "SELECT key FROM entries WHERE id = ?",
};

/*
 * Statements that insert up to ROWS_MAX rows at once: an entry's fields
 * and names go in a statement or two, not one a row, so the statement's
 * set-up (cursors opened, then closed) is paid once for them all. OR FAIL:
 * a statement of several rows that may abort halfway needs a statement
 * journal to undo its first rows, and an error here ends the whole import
 * in a rollback anyway.
 */
#define ROWS_MAX 16

enum rows_id {
	ROWS_ENTRY_PERSONS,
	ROWS_TAGS,
	ROWS_COUNT
};

static const struct {
	const char *head;	/* the statement up to VALUES */
	int columns;
} rows_sql[ROWS_COUNT] = {
	[ROWS_ENTRY_PERSONS] = {
		"INSERT OR FAIL INTO entry_persons (entry_id, role, pos, person_id, raw, marks) VALUES ", 6 },
	[ROWS_TAGS] = { "INSERT OR IGNORE INTO tags (entry_id, tag, origin) VALUES ", 3 },
};

/*
 * What a file held besides entries when it was last imported, kept while
 * it is imported again: while its @string (and other) items come back the
 * same, in the same places, an entry whose text is the same would parse
 * to what is stored (pdb_store_known).
 */
struct old_item {
	char *text;		/* kind, name and raw, NUL-separated */
	size_t len;
	unsigned long line;
};

struct old_items {
	struct old_item *v;
	size_t n, alloc;
	/* the items of this import so far, while they equal v[0..same); after
	   the first that differs, same stays behind the count of items */
	size_t same;
	int had_entries;	/* the file had entries: pdb_store_known can say yes */
	struct pdb_buf cmp;	/* scratch: the item being compared */
};

/*
 * The entries taken from the file being imported so far, by id: a key
 * defined twice in one file is found in the database, with no copy of the
 * file's keys in memory. One bit per id.
 */
struct id_bits {
	unsigned char *bits;
	size_t nbytes;
};

struct pdb_store {
	sqlite3 *db;
	struct pdb_diag *diag;
	sqlite3_stmt *stmt[ST_COUNT];
	sqlite3_stmt *rows[ROWS_COUNT][ROWS_MAX + 1];	/* rows_stmt(): [kind][rows] */
	struct pdb_owner owner;	/* for pdb_is_me() in queries */
	struct pdb_venues *venues;	/* loaded when first needed */
	/* people by number: see struct person_ref */
	struct pdb_idcache people_seen;	/* derive(): numbers by name */
	long long people_numbered;	/* derive(): the last number given */
	struct pdb_buf person_key;	/* derive(): scratch for people_seen's key */
	struct person_slot *person_ids;	/* storing: PDB_IDCACHE_MAX slots, or NULL */
	struct old_items old;	/* of the file being imported */
	struct id_bits taken;	/* from the file being imported */
	struct pdb_first_entry first;	/* after PDB_PUT_DUPLICATE */
	struct pdb_buf first_key;
	struct pdb_buf bulk_indexes;	/* to make again: see drop_bulk_indexes() */
	int first_import;	/* see pdb_store_begin_import() */
	int write_back_fd;	/* the database file, read-only, during a first import; or -1 */
	unsigned long unwritten;	/* entries stored since write_back() */
	int left_wal;
	char secure_delete[8];	/* SQLite's setting, set back after a first import */
	struct pdb_buf packed;	/* hash_entry()'s fields, kept from entry to entry */
};

/* The row id of the person numbered no, in slot no % PDB_IDCACHE_MAX. */
struct person_slot {
	long long no;		/* 0: none */
	sqlite3_int64 id;
};

/*
 * The person ids of the import are forgotten: rows may have gone
 * (rollback, orphans) or come from another process. Numbers already
 * given stay given, so no number can name two people.
 */
static void forget_people(struct pdb_store *s)
{
	pdb_idcache_clear(&s->people_seen);
	free(s->person_ids);
	s->person_ids = NULL;
}

static int id_taken(const struct id_bits *t, sqlite3_int64 id)
{
	size_t byte = (size_t)id / 8;

	return id >= 0 && byte < t->nbytes && (t->bits[byte] >> (id % 8) & 1);
}

static int take_id(struct id_bits *t, sqlite3_int64 id)
{
	size_t byte = (size_t)id / 8, had = t->nbytes;

	if (pdb_reserve(&t->bits, &t->nbytes, byte + 1, 1) < 0)
		return PDB_ENOMEM;
	memset(t->bits + had, 0, t->nbytes - had);
	t->bits[byte] |= (unsigned char)(1u << (id % 8));
	return 0;
}

static void old_items_release(struct old_items *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->v[i].text);
	free(o->v);
	pdb_buf_release(&o->cmp);
	memset(o, 0, sizeof(*o));
}

static const char *column_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

#define N_MIGRATIONS ((int)(sizeof(pdb_migrations) / sizeof(pdb_migrations[0])))

int pdb_schema_version(void)
{
	return N_MIGRATIONS;
}

/* Reports the connection's last error; returns PDB_EDB. */
static int db_error(struct pdb_store *s, const char *what)
{
	int code = sqlite3_errcode(s->db);

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		pdb_error(s->diag, "database is busy: another pubdb is using it (%s)", what);
	else if (code == SQLITE_READONLY)
		pdb_error(s->diag, "database is read-only: cannot write it (%s)", what);
	else
		pdb_error(s->diag, "database error while %s: %s", what, sqlite3_errmsg(s->db));
	return PDB_EDB;
}

static sqlite3_stmt *stmt(struct pdb_store *s, enum stmt_id id)
{
	if (!s->stmt[id] &&
	    sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
			       &s->stmt[id], NULL) != SQLITE_OK) {
		db_error(s, "preparing a statement");
		return NULL;
	}
	sqlite3_reset(s->stmt[id]);
	sqlite3_clear_bindings(s->stmt[id]);
	return s->stmt[id];
}

/* How many of the left rows the next statement inserts. */
static size_t rows_next(size_t left)
{
	return left < ROWS_MAX ? left : ROWS_MAX;
}

/* The statement of kind that inserts n rows (1 to ROWS_MAX), reset. */
static sqlite3_stmt *rows_stmt(struct pdb_store *s, enum rows_id kind, size_t n)
{
	sqlite3_stmt **st = &s->rows[kind][n];

	if (!*st) {
		struct pdb_buf sql = PDB_BUF_INIT;
		int rc;

		pdb_buf_adds(&sql, rows_sql[kind].head);
		for (size_t r = 0; r < n; r++) {
			pdb_buf_adds(&sql, r ? ", (?" : "(?");
			for (int c = 1; c < rows_sql[kind].columns; c++)
				pdb_buf_adds(&sql, ", ?");
			pdb_buf_addc(&sql, ')');
		}
		rc = pdb_buf_failed(&sql) ? SQLITE_NOMEM
			: sqlite3_prepare_v3(s->db, pdb_buf_str(&sql), -1,
					     SQLITE_PREPARE_PERSISTENT, st, NULL);
		pdb_buf_release(&sql);
		if (rc != SQLITE_OK) {
			db_error(s, "preparing a statement");
			return NULL;
		}
	}
	sqlite3_reset(*st);
	return *st;
}

/* Steps a statement that returns no rows; resets it. */
static int run(struct pdb_store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_error(s, what);
}

static int exec(struct pdb_store *s, const char *sql, const char *what)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : db_error(s, what);
}

/*
 * The page cache, in KB, by what is being done. A query reads most pages
 * once, at random: a small cache spares the page faults of filling a large
 * one. Listing entries reads each one's page once: every fresh page of
 * cache is a page fault (about 20 us on a virtual machine), more than
 * reading the page again costs, so it keeps 64 (list --venue ICML --year
 * 2020 of 150,000 entries: 19.9 ms with 2 MB, 11.9 ms with 256 KB; stats
 * and check, which read pages again, stay at 2 MB: 256 KB made check 27%
 * slower). Loading each entry's fields, names and tags descends three more
 * b-trees per entry, whose upper pages are worth keeping; and SQLite sizes
 * a sort's memory as its cache: at 12 MB an export of 150,000 entries,
 * whose sorted rows carry them packed, merges in one round, not two
 * (2.77 s against 2.95 s, and 8 MB more at its peak). An import (or an
 * upgrade) writes much more than it reads back: a larger cache keeps the
 * pages it inserts into from being read back from the WAL. Sorting an index
 * takes as much memory again as the cache may. All within a peak of 32 MB.
 */
enum cache_kb {
	CACHE_QUERY = 2000,
	CACHE_LIST = 256,
	CACHE_LOOKUPS = 12000,
	CACHE_WRITE = 16000,
	CACHE_SORT = 4000,
};

static int set_cache(struct pdb_store *s, enum cache_kb kb)
{
	char sql[48];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", (int)kb);
	return exec(s, sql, "sizing the page cache");
}

static void bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(st, i, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* text, of len bytes (not NULL) */
static void bind_text_n(sqlite3_stmt *st, int i, const char *text, size_t len)
{
	sqlite3_bind_text(st, i, text, len > INT_MAX ? -1 : (int)len, SQLITE_STATIC);
}

static void bind_positive(sqlite3_stmt *st, int i, sqlite3_int64 v)
{
	if (v > 0)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/* SQL function pdb_is_me(family_key, given_key): the owner set by pdb_store_set_owner(). */
static void sql_is_me(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct pdb_store *s = sqlite3_user_data(ctx);
	const unsigned char *family = sqlite3_value_text(argv[0]);
	const unsigned char *given = sqlite3_value_text(argv[1]);

	(void)argc;
	sqlite3_result_int(ctx, family && given &&
			   pdb_owner_matches_keys(&s->owner, (const char *)family, (const char *)given));
}

/* The venue table, read from the database on first use; NULL on failure. */
static struct pdb_venues *venue_table(struct pdb_store *s)
{
	if (s->venues)
		return s->venues;
	if (pdb_venues_new(&s->venues) < 0)
		return NULL;
	if (pdb_venues_load(s->venues, s->db) < 0) {
		db_error(s, "reading the venue table");
		pdb_venues_free(s->venues);
		s->venues = NULL;
	}
	return s->venues;
}

/* Whether FTS5's tokenizer surely finds a word in text: an ASCII letter or digit. */
static int has_ascii_word(const unsigned char *text)
{
	for (; *text; text++)
		if (pdb_is_ascii_digit(*text) || pdb_is_ascii_letter(*text))
			return 1;
	return 0;
}

/*
 * struct pdb_sql's author_words: each person of that name as a phrase of
 * the words of their name, "Wei Chen" (with no given name, their family
 * name), ORed, in the authors column of entries_fts. That column holds
 * each name's parts converted as the person's row holds them
 * (authors_text()), so the phrase is there wherever the person is an
 * author. NULL when a phrase might hold no word (whether the tokenizer
 * sees one in other text depends on its Unicode tables), the database
 * cannot say, or memory runs out: --author then reads every name.
 */
static char *author_words(void *ctx, const char *family_key, const char *given_key)
{
	struct pdb_store *s = ctx;
	sqlite3_stmt *st = stmt(s, ST_AUTHOR_PHRASES);
	struct pdb_buf q = PDB_BUF_INIT;
	int step, phrases = 0;

	if (!st)
		return NULL;
	bind_text(st, 1, family_key);
	bind_text(st, 2, given_key);
	pdb_buf_adds(&q, "authors : (");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *phrase = sqlite3_column_text(st, 0);

		if (!phrase || !has_ascii_word(phrase))
			break;	/* step is SQLITE_ROW: no words */
		pdb_buf_adds(&q, phrases++ ? " OR \"" : "\"");
		for (; *phrase; phrase++) {
			if (*phrase == '"')
				pdb_buf_addc(&q, '"');	/* a quote inside a phrase is doubled */
			pdb_buf_addc(&q, (char)*phrase);
		}
		pdb_buf_addc(&q, '"');
	}
	sqlite3_reset(st);
	/* no such person: an empty phrase, which finds nothing */
	pdb_buf_adds(&q, phrases ? ")" : "\"\")");
	if (step != SQLITE_DONE) {
		pdb_buf_release(&q);
		return NULL;
	}
	return pdb_buf_detach(&q);
}

/*
 * The venue a --venue text names, or -1 (struct pdb_sql's venue_id). A
 * short name as it is (ICML, icml) is one index lookup; anything else
 * needs the venue table's spellings, which take longer to load than the
 * rest of a typical list.
 */
static long long known_venue_id(void *ctx, const char *text)
{
	struct pdb_store *s = ctx;
	sqlite3_stmt *st = stmt(s, ST_VENUE_BY_SHORT);
	struct pdb_venues *v;
	const struct pdb_venue *venue;
	long long id = -1;

	if (st) {
		bind_text(st, 1, text);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (id >= 0)
			return id;
	}
	v = venue_table(s);
	venue = v ? pdb_venues_lookup(v, text) : NULL;
	return venue ? venue->id : -1;
}

int pdb_store_set_owner(struct pdb_store *s, const char *me)
{
	pdb_owner_release(&s->owner);
	return me ? pdb_owner_parse(&s->owner, me) : 0;
}

/*
 * pdb_pack(place, a, b, ...), an aggregate: the text of a, b, ... of every
 * row, each ending in a NUL (NULL as ""), in one blob; NULL for no rows.
 * The rows must come in ascending place (an integer; NULL: not checked):
 * the order of an aggregate's rows is SQLite's choice, and pubdb relies
 * on the one its primary key scan gives.
 *
 * Fields are packed so too, as entry_texts.fields holds them (pack_field),
 * but a value is mostly its raw text without the braces or quotes around
 * it (three fields in four): such a value is packed as one byte that says
 * so, and an export's sort, which carries the packed rows, carries a fifth
 * fewer bytes. field_value() reads a value back. pdb_pack_fields(pos,
 * name, raw, value) packs rows of fields: schema 8 made entry_texts of the
 * table of fields with it.
 */
enum { PACK_START = 1024 };	/* bytes: room at once for most entries' fields or names */
enum packed_value {
	PACKED_VALUE_INNER = 1,		/* raw without its first and last byte */
	PACKED_VALUE_RAW = 2,		/* raw itself */
	PACKED_VALUE_ESCAPE = 3,	/* before a value that begins with one of these bytes */
};

struct pack {
	struct pdb_buf b;
	sqlite3_int64 place;
	int rows;
	int unordered;
};

/* How pdb_pack_fields() packs value, the text after raw. */
static void pack_value(struct pdb_buf *b, const char *raw, size_t nraw, const char *value,
		       size_t n)
{
	if (n && n + 2 == nraw && memcmp(raw + 1, value, n) == 0)
		pdb_buf_addc(b, PACKED_VALUE_INNER);
	else if (n && n == nraw && memcmp(raw, value, n) == 0)
		pdb_buf_addc(b, PACKED_VALUE_RAW);
	else {
		if (n && (unsigned char)value[0] <= PACKED_VALUE_ESCAPE)
			pdb_buf_addc(b, PACKED_VALUE_ESCAPE);
		pdb_buf_add(b, value, n);
	}
	pdb_buf_addc(b, '\0');
}

/* A field as entry_texts.fields holds it (schema/0008_entry_texts.sql). */
static void pack_field(struct pdb_buf *b, const char *name, size_t nname, const char *raw,
		       size_t nraw, const char *value, size_t n)
{
	pdb_buf_add(b, name, nname + 1);
	pdb_buf_add(b, raw, nraw + 1);
	pack_value(b, raw, nraw, value, n);
}

static const char *value_text(sqlite3_value *v, size_t *n)
{
	const char *text = (const char *)sqlite3_value_text(v);

	*n = (size_t)sqlite3_value_bytes(v);
	return text ? text : "";
}

static void sql_pack_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct pack *p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
	int fields = sqlite3_user_data(ctx) != NULL;	/* pdb_pack_fields() */

	if (!p) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (argc > 0 && sqlite3_value_type(argv[0]) != SQLITE_NULL) {
		sqlite3_int64 place = sqlite3_value_int64(argv[0]);

		if (p->rows && place <= p->place)
			p->unordered = 1;
		p->place = place;
	}
	if (!p->rows)
		pdb_buf_grow(&p->b, PACK_START);	/* not a realloc for every few rows */
	p->rows = 1;
	if (fields) {
		size_t nname, nraw, n;
		const char *name = value_text(argv[1], &nname);
		const char *raw = value_text(argv[2], &nraw);
		const char *value = value_text(argv[3], &n);

		pack_field(&p->b, name, nname, raw, nraw, value, n);
		return;
	}
	for (int i = 1; i < argc; i++) {
		size_t n;
		const char *text = value_text(argv[i], &n);

		pdb_buf_add(&p->b, text, n + 1);
	}
}

static void sql_pack_final(sqlite3_context *ctx)
{
	struct pack *p = sqlite3_aggregate_context(ctx, 0);
	size_t n = p ? p->b.len : 0;

	if (!p || !p->rows)
		sqlite3_result_null(ctx);
	else if (p->unordered)
		sqlite3_result_error(ctx, "pdb_pack: rows out of order", -1);
	else if (pdb_buf_failed(&p->b))
		sqlite3_result_error_nomem(ctx);
	else if (!n)
		sqlite3_result_zeroblob(ctx, 0);
	else
		sqlite3_result_blob64(ctx, pdb_buf_detach(&p->b), n, free);
	if (p)
		pdb_buf_release(&p->b);
}

/* SQL function pdb_given_match(a, b): see pdb_given_compatible(). */
static void sql_given_match(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *a = sqlite3_value_text(argv[0]);
	const unsigned char *b = sqlite3_value_text(argv[1]);

	(void)argc;
	sqlite3_result_int(ctx, a && b && pdb_given_compatible((const char *)a, (const char *)b));
}

static void sql_field(sqlite3_context *ctx, int argc, sqlite3_value **argv);
static void sql_fields_whole(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* pdb_tex(TEXT): LaTeX to Unicode, for migrations that index text. */
static void sql_tex(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *text = sqlite3_value_text(argv[0]);
	char *out;

	(void)argc;
	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	out = pdb_tex_to_utf8((const char *)text);
	if (!out) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, out, -1, free);
}

static int read_version(struct pdb_store *s, int *version)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return db_error(s, "reading the schema version");
	rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_error(s, "reading the schema version");
}

static int rederive_entries(struct pdb_store *s);

/* Applies the migrations above the database's version in one transaction. */
static int migrate(struct pdb_store *s, const char *path)
{
	struct pdb_buf sql = PDB_BUF_INIT;
	int version, rc;

	if (read_version(s, &version) < 0)
		return PDB_EDB;
	if (version > N_MIGRATIONS) {
		pdb_error(s->diag, "database '%s' has schema version %d, newer than this "
			  "pubdb understands (%d); upgrade pubdb", path, version, N_MIGRATIONS);
		return PDB_EDB;
	}
	if (version == N_MIGRATIONS)
		return 0;
	if (exec(s, "BEGIN IMMEDIATE", "starting the schema upgrade") < 0)
		return PDB_EDB;
	if (read_version(s, &version) < 0)
		goto fail;
	for (int v = version; v < N_MIGRATIONS; v++)
		pdb_buf_adds(&sql, pdb_migrations[v]);
	pdb_buf_addf(&sql, ";PRAGMA user_version = %d;", N_MIGRATIONS);
	rc = exec(s, pdb_buf_str(&sql), "upgrading the schema");
	pdb_buf_release(&sql);
	/* entries stored by an older schema lack what the newer one derives */
	if (rc == 0 && version > 0)
		rc = rederive_entries(s);
	if (rc < 0 || exec(s, "COMMIT", "upgrading the schema") < 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return PDB_EDB;
}

/*
 * A WAL database in a folder pubdb cannot write: SQLite cannot create the
 * shared-memory file it reads through, so the database is opened again as
 * immutable (read-only, no locks), which needs none. Only when there is no
 * -wal file: its committed pages would be ignored. 0, or -1 (the first
 * error stays in s->db).
 */
static int reopen_in_read_only_folder(struct pdb_store *s, const char *path)
{
	struct pdb_buf uri = PDB_BUF_INIT;
	struct pdb_buf wal = PDB_BUF_INIT;
	sqlite3 *db = NULL;
	int code = sqlite3_errcode(s->db), rc = -1;

	pdb_buf_addf(&wal, "%s-wal", path);
	if ((code != SQLITE_READONLY && code != SQLITE_CANTOPEN) ||
	    access(pdb_buf_str(&wal), F_OK) == 0 || access(path, R_OK) != 0)
		goto out;
	pdb_buf_adds(&uri, "file:");
	for (const char *p = path; *p; p++)	/* '?', '#' and '%' would end or escape the path */
		if (*p == '?' || *p == '#' || *p == '%')
			pdb_buf_addf(&uri, "%%%02X", (unsigned char)*p);
		else
			pdb_buf_addc(&uri, *p);
	pdb_buf_adds(&uri, "?immutable=1");
	if (pdb_buf_failed(&uri) ||
	    sqlite3_open_v2(pdb_buf_str(&uri), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
			    NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		goto out;
	}
	sqlite3_extended_result_codes(db, 0);
	sqlite3_close(s->db);
	s->db = db;
	rc = 0;
out:
	pdb_buf_release(&uri);
	pdb_buf_release(&wal);
	return rc;
}

/*
 * WAL lets commands read while an import writes. A first import writes
 * through a rollback journal instead (pdb_store_begin_import()), and the
 * database stays in that mode until it ends: other commands read it as it
 * was until the import's changes outgrow its page cache, then wait for
 * the import as for any writer. 1, or 0 (the error in s->db).
 */
static int use_wal(struct pdb_store *s)
{
	int rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);

	return rc == SQLITE_OK || rc == SQLITE_BUSY;
}

void pdb_store_single_threaded(void)
{
	/* refused once SQLite has initialised: then nothing changes */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int pdb_store_open(struct pdb_store **out, const char *path, struct pdb_diag *diag)
{
	struct pdb_store *s;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return PDB_ENOMEM;
	s->diag = diag;
	s->write_back_fd = -1;
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		pdb_error(diag, "cannot open database '%s': %s", path,
			  s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, PDB_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(s->db, 0);
	/*
	 * A new database gets 16 KB pages (an existing one keeps its own):
	 * SQLite reads and writes the database, and its sort's temporary
	 * files, a page at a time. 8 KB pages made the 150,000-entry json
	 * export about a fifth faster than 4 KB and the import 7%; 16 KB
	 * halve the import's system calls again (57,000 -> 28,500 writes,
	 * 46,000 -> 23,000 reads), for the same instructions and the same
	 * times of lists, --search and exports.
	 */
	if ((sqlite3_exec(s->db, "PRAGMA page_size = 16384;"
			  " PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL",
			  NULL, NULL, NULL) != SQLITE_OK || !use_wal(s)) &&
	    reopen_in_read_only_folder(s, path) < 0) {
		if (sqlite3_errcode(s->db) == SQLITE_BUSY)
			db_error(s, "opening the database");
		else
			pdb_error(diag, "cannot open database '%s': %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	if (set_cache(s, CACHE_QUERY) < 0)
		goto fail;
	sqlite3_create_function(s->db, "pdb_given_match", 2,
				SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				NULL, sql_given_match, NULL, NULL);
	sqlite3_create_function(s->db, "pdb_is_me", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS,
				s, sql_is_me, NULL, NULL);
	sqlite3_create_function(s->db, "pdb_pack", -1, SQLITE_UTF8 | SQLITE_INNOCUOUS,
				NULL, NULL, sql_pack_step, sql_pack_final);
	sqlite3_create_function(s->db, "pdb_pack_fields", 4, SQLITE_UTF8 | SQLITE_INNOCUOUS,
				(void *)"fields", NULL, sql_pack_step, sql_pack_final);
	sqlite3_create_function(s->db, "pdb_field", 2,
				SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				NULL, sql_field, NULL, NULL);
	sqlite3_create_function(s->db, "pdb_fields_whole", 1,
				SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				NULL, sql_fields_whole, NULL, NULL);
	sqlite3_create_function(s->db, "pdb_tex", 1,
				SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				NULL, sql_tex, NULL, NULL);
	if (pdb_rank_register(s->db) != SQLITE_OK) {
		pdb_error(diag, "cannot open database '%s': SQLite has no full-text search (FTS5)",
			  path);
		goto fail;
	}
	if (migrate(s, path) < 0)
		goto fail;
	*out = s;
	return 0;
fail:
	pdb_store_close(s);
	return PDB_EDB;
}

/*
 * A first import writes a database of hundreds of megabytes, which the
 * commit's fsync would otherwise write to the disk all at once, with
 * nothing else to do meanwhile. Asking the kernel to start writing the
 * pages SQLite has written so far lets the disk work while the import
 * goes on. It changes nothing of what reaches the disk, only when:
 * SQLite writes to the file only what may be there after a crash.
 */
static void stop_write_back(struct pdb_store *s)
{
	if (s->write_back_fd >= 0)
		close(s->write_back_fd);
	s->write_back_fd = -1;
}

static void start_write_back(struct pdb_store *s)
{
	const char *path = sqlite3_db_filename(s->db, "main");

	stop_write_back(s);	/* never two descriptors */
	s->unwritten = 0;
#ifdef SYNC_FILE_RANGE_WRITE
	if (path && *path)
		s->write_back_fd = open(path, O_RDONLY | O_CLOEXEC);
#else
	(void)path;
#endif
}

static void write_back(struct pdb_store *s)
{
#ifdef SYNC_FILE_RANGE_WRITE
	if (s->write_back_fd >= 0)
		sync_file_range(s->write_back_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
	s->unwritten = 0;
}

void pdb_store_close(struct pdb_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	for (int kind = 0; kind < ROWS_COUNT; kind++)
		for (int n = 1; n <= ROWS_MAX; n++)
			sqlite3_finalize(s->rows[kind][n]);
	stop_write_back(s);
	sqlite3_close(s->db);
	forget_people(s);
	pdb_buf_release(&s->person_key);
	old_items_release(&s->old);
	free(s->taken.bits);
	pdb_buf_release(&s->first_key);
	pdb_buf_release(&s->bulk_indexes);
	pdb_buf_release(&s->packed);
	pdb_owner_release(&s->owner);
	pdb_venues_free(s->venues);
	free(s);
}

int pdb_store_version(struct pdb_store *s)
{
	int v = 0;

	read_version(s, &v);
	return v;
}

int pdb_store_begin(struct pdb_store *s)
{
	forget_people(s);	/* another pubdb may have changed them */
	return exec(s, "BEGIN IMMEDIATE", "starting a transaction");
}

/* The one text a statement's first row holds; 0 (and *text unset) if none. */
static int first_text(struct pdb_store *s, const char *sql, char *text, size_t size)
{
	sqlite3_stmt *st;
	int found;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		snprintf(text, size, "%s", column_text(st, 0));
	sqlite3_finalize(st);
	return found;
}

void pdb_store_release_memory(struct pdb_store *s)
{
	/* pages not yet written hold their memory: write them first */
	sqlite3_db_cacheflush(s->db);
	sqlite3_db_release_memory(s->db);
}

int pdb_store_first_import(const struct pdb_store *s)
{
	return s->first_import;
}

struct pdb_diag *pdb_store_set_diag(struct pdb_store *s, struct pdb_diag *diag)
{
	struct pdb_diag *was = s->diag;

	s->diag = diag;
	return was;
}

/* When the transaction of pdb_store_begin_import() ends. */
static void end_first_import(struct pdb_store *s)
{
	char mode[16];

	if (s->left_wal)
		first_text(s, "PRAGMA journal_mode = WAL", mode, sizeof(mode));
	if (s->first_import) {
		char sql[48];

		sqlite3_exec(s->db, "PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF",
			     NULL, NULL, NULL);
		/* it reads 2 for FAST, which it takes as a boolean, on */
		snprintf(sql, sizeof(sql), "PRAGMA secure_delete = %s",
			 strcmp(s->secure_delete, "2") ? s->secure_delete : "FAST");
		sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	}
	stop_write_back(s);
	s->left_wal = s->first_import = 0;
}

/*
 * A first import (a database with no entries) only inserts, each row
 * referring to rows it has just made: checking its foreign keys would cost
 * a lookup in the parent tables for every field, name and tag, and is left
 * off until it ends.
 *
 * It also writes every page of the database. In WAL mode it writes each
 * page twice, into the WAL and then, by the checkpoint, into the database.
 * A rollback journal keeps copies only of the pages the file had when the
 * transaction began, a handful here: each page is written once. Leaving WAL
 * needs the database to itself; when another connection has it open the
 * import keeps WAL rather than wait. WAL comes back when the transaction
 * ends.
 *
 * SQLite as Debian builds it clears the bytes of every cell a b-tree page
 * gives up (secure_delete), and so each page a split makes, twice: 2.5% of
 * the storing thread's instructions. A first import deletes nothing the
 * database held but the @string and @comment items of a file imported
 * again, and moves only rows it keeps: it writes with secure_delete off.
 *
 * The CHECK constraints (a name's role, a tag's origin) guard the database
 * against other writers: the values a first import gives them are
 * pubdb's own constants, checked by SQLite again in every import after
 * it. Evaluated for each of its rows they cost 2.8% of the storing
 * thread's instructions; integrity_check (pubdb check) still reports a
 * row that breaks one.
 */
int pdb_store_begin_import(struct pdb_store *s)
{
	char mode[16] = "";

	s->first_import = first_text(s, "SELECT NOT EXISTS (SELECT 1 FROM entries)", mode,
				     sizeof(mode)) && !strcmp(mode, "1");
	if (s->first_import) {
		if (!first_text(s, "PRAGMA secure_delete", s->secure_delete,
				sizeof(s->secure_delete)))
			strcpy(s->secure_delete, "0");
		sqlite3_exec(s->db, "PRAGMA foreign_keys = OFF; PRAGMA secure_delete = OFF;"
			     " PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL);
		sqlite3_busy_timeout(s->db, 0);
		s->left_wal = first_text(s, "PRAGMA journal_mode = TRUNCATE", mode, sizeof(mode)) &&
			      !strcmp(mode, "truncate");
		sqlite3_busy_timeout(s->db, PDB_BUSY_TIMEOUT_MS);
		start_write_back(s);
	}
	/* loaded now, so that pdb_store_derive() need not read the database */
	if (pdb_store_begin(s) < 0 || (s->first_import && !venue_table(s))) {
		pdb_store_rollback(s);
		return PDB_EDB;
	}
	return 0;
}


/*
 * A first import (no entries yet) fills the tables in bulk: the indexes it
 * looks nothing up by are dropped when it starts and made again before it
 * ends, one sort each rather than a b-tree insert per row. All in its
 * transaction: no other reader sees the database without them. The index
 * of crossrefs stays: it takes the few rows it holds as they come, where
 * making it again would read every entry. (The partial index of first
 * authors holds a quarter of the names: sorted at the end, like the rest.)
 */
static int drop_bulk_indexes(struct pdb_store *s)
{
	static const char sql[] =
		"SELECT name, sql FROM sqlite_schema AS i WHERE type = 'index' AND sql IS NOT NULL"
		" AND tbl_name IN ('entries', 'persons', 'entry_persons', 'tags')"
		" AND name != 'entries_crossref'"
		" AND NOT EXISTS (SELECT 1 FROM entries)";
	struct pdb_buf drop = PDB_BUF_INIT;
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(s, "reading the schema");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pdb_buf_addf(&drop, "DROP INDEX \"%s\";", column_text(st, 0));
		pdb_buf_addf(&s->bulk_indexes, "%s;", column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		rc = db_error(s, "reading the schema");
	else if (pdb_buf_failed(&drop) || pdb_buf_failed(&s->bulk_indexes))
		rc = PDB_ENOMEM;
	else
		rc = drop.len ? exec(s, pdb_buf_str(&drop), "preparing a first import") : 0;
	pdb_buf_release(&drop);
	return rc;
}

/* One index after the other, the pages of each written back while the next sorts. */
static int make_bulk_indexes(struct pdb_store *s)
{
	const char *sql = pdb_buf_str(&s->bulk_indexes);
	int rc = 0;

	if (s->bulk_indexes.len)
		rc = set_cache(s, CACHE_SORT);
	while (rc == 0 && *sql) {
		sqlite3_stmt *st = NULL;

		if (sqlite3_prepare_v2(s->db, sql, -1, &st, &sql) != SQLITE_OK ||
		    (st && sqlite3_step(st) != SQLITE_DONE))
			rc = db_error(s, "indexing the entries");
		sqlite3_finalize(st);
		write_back(s);
	}
	pdb_buf_reset(&s->bulk_indexes);
	return rc;
}

int pdb_store_commit(struct pdb_store *s)
{
	int rc;

	if (make_bulk_indexes(s) < 0)
		return PDB_EDB;
	rc = exec(s, "COMMIT", "committing");
	if (rc == 0)
		end_first_import(s);
	return rc;
}

void pdb_store_rollback(struct pdb_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	forget_people(s);
	pdb_buf_reset(&s->bulk_indexes);
	end_first_import(s);
}

/* ---- import ---- */

/* kind, name and raw of an item as one NUL-separated text, for comparing */
static void item_text(struct pdb_buf *b, const char *kind, const char *name, const char *raw)
{
	pdb_buf_reset(b);
	pdb_buf_add(b, kind, strlen(kind) + 1);
	pdb_buf_add(b, name, strlen(name) + 1);
	pdb_buf_adds(b, raw);
}

static int load_old_items(struct pdb_store *s, long long file_id)
{
	sqlite3_stmt *st = stmt(s, ST_OLD_FILE_ITEMS);
	struct pdb_buf b = PDB_BUF_INIT;
	int rc;

	old_items_release(&s->old);
	if (!st)
		return PDB_EDB;
	sqlite3_bind_int64(st, 1, file_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct old_item *it;

		if (pdb_reserve(&s->old.v, &s->old.alloc, s->old.n + 1, sizeof(*it)) < 0)
			break;
		item_text(&b, column_text(st, 0), column_text(st, 1), column_text(st, 2));
		it = &s->old.v[s->old.n];
		it->len = b.len;
		it->text = pdb_buf_detach(&b);
		it->line = (unsigned long)sqlite3_column_int64(st, 3);
		if (!it->text)
			break;
		s->old.n++;
	}
	sqlite3_reset(st);
	pdb_buf_release(&b);
	if (rc == SQLITE_ROW)
		return PDB_ENOMEM;
	if (rc != SQLITE_DONE)
		return db_error(s, "reading the file's @string definitions");
	st = stmt(s, ST_FILE_HAS_ENTRIES);
	if (!st)
		return PDB_EDB;
	sqlite3_bind_int64(st, 1, file_id);
	rc = sqlite3_step(st);
	s->old.had_entries = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_error(s, "reading the file's entries");
}

int pdb_store_file(struct pdb_store *s, const char *path, long long *file_id)
{
	sqlite3_stmt *st = stmt(s, ST_UPSERT_FILE);
	int rc;

	if (!st)
		return PDB_EDB;
	bind_text(st, 1, path);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_error(s, "registering the input file");
	}
	*file_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s->taken.nbytes)
		memset(s->taken.bits, 0, s->taken.nbytes);
	rc = set_cache(s, CACHE_WRITE);
	if (rc == 0 && !s->bulk_indexes.len && !sqlite3_get_autocommit(s->db))
		rc = drop_bulk_indexes(s);
	if (rc == 0)
		rc = load_old_items(s, *file_id);
	if (rc < 0)
		return rc;
	st = stmt(s, ST_CLEAR_FILE_ITEMS);
	if (!st)
		return PDB_EDB;
	sqlite3_bind_int64(st, 1, *file_id);
	return run(s, st, "registering the input file");
}

/* Notes whether the item at pos is the one the file had there before. */
static void compare_old_item(struct pdb_store *s, long pos, const char *kind,
			     const struct pdb_field *f)
{
	struct old_items *o = &s->old;

	if ((size_t)pos != o->same || o->same >= o->n)
		return;		/* an item before differed, or there are more now */
	item_text(&o->cmp, kind, f->name ? f->name : "", f->raw);
	if (o->cmp.len == o->v[pos].len && memcmp(o->cmp.s, o->v[pos].text, o->cmp.len) == 0)
		o->same++;
}

static int put_item_row(struct pdb_store *s, long long file_id, long pos, const char *kind,
			const struct pdb_field *f)
{
	sqlite3_stmt *st = stmt(s, ST_INSERT_FILE_ITEM);

	if (!st)
		return PDB_EDB;
	compare_old_item(s, pos, kind, f);
	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int64(st, 2, pos);
	bind_text(st, 3, kind);
	bind_text(st, 4, strcmp(kind, "string") == 0 ? f->name : NULL);
	bind_text(st, 5, f->raw);
	bind_text(st, 6, f->value);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)f->line);
	return run(s, st, "storing a @string, @preamble or @comment");
}

int pdb_store_put_item(struct pdb_store *s, long long file_id, long *pos,
		       const struct pdb_entry *e)
{
	static const char *const kinds[] = {
		[PDB_ENTRY_STRING] = "string",
		[PDB_ENTRY_PREAMBLE] = "preamble",
		[PDB_ENTRY_COMMENT] = "comment",
	};

	if (e->kind == PDB_ENTRY_REGULAR)
		return PDB_EUSAGE;
	/* each macro of a @string is an item of its own */
	for (size_t i = 0; i < e->nfields; i++)
		if (put_item_row(s, file_id, (*pos)++, kinds[e->kind], &e->fields[i]) < 0)
			return PDB_EDB;
	return 0;
}

/* How many of the file's old items stand before line. */
static size_t old_items_before(const struct old_items *o, unsigned long line)
{
	size_t lo = 0, hi = o->n;	/* the items are in file order */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (o->v[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * An entry taken from this file stands at line: a file edited above it
 * moves it, and an entry is where it was last imported from.
 */
static int set_place(struct pdb_store *s, sqlite3_int64 id, long long file_id, unsigned long line)
{
	sqlite3_stmt *st = stmt(s, ST_SET_PLACE);

	if (!st)
		return PDB_EDB;
	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)line);
	sqlite3_bind_int64(st, 3, id);
	return run(s, st, "storing an entry");
}

/* The stored entry id is taken from the file, at line. */
static int take_entry(struct pdb_store *s, sqlite3_int64 id, long long file_id,
		      unsigned long line, long long old_file_id, unsigned long old_line)
{
	if (take_id(&s->taken, id) < 0)
		return PDB_ENOMEM;
	if (old_file_id == file_id && old_line == line)
		return 0;
	return set_place(s, id, file_id, line);
}

int pdb_store_known(struct pdb_store *s, long long file_id, long items,
		    const struct pdb_entry *e)
{
	sqlite3_stmt *st;
	sqlite3_int64 id = 0;
	unsigned long line = 0;
	int known = 0, rc;

	/* a new file's entries (the first import) need no lookup */
	if (!s->old.had_entries || (size_t)items != s->old.same)
		return 0;
	st = stmt(s, ST_KNOWN_ENTRY);
	if (!st)
		return PDB_EDB;
	bind_text(st, 1, e->key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *source = column_text(st, 3);	/* NULL: no text, damaged */

		id = sqlite3_column_int64(st, 0);
		line = (unsigned long)sqlite3_column_int64(st, 2);
		/* same file, same text, after the same @string definitions; a
		   key taken already is a duplicate, for pdb_store_put to say */
		known = !id_taken(&s->taken, id) && sqlite3_column_int64(st, 1) == file_id &&
			old_items_before(&s->old, line) == (size_t)items &&
			source && strcmp(source, e->source) == 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, "looking up a key");
	if (known)
		rc = take_entry(s, id, file_id, e->line, file_id, line);
	return known && rc < 0 ? rc : known;
}

/*
 * A 64-bit hash of everything that makes an entry what it is, eight bytes
 * a step (FNV-1a, a byte a step, was a twentieth of the reading thread).
 * Each text's length goes in after it: "ab","c" differs from "a","bc".
 * Stored: a database whose hashes another function made must be derived
 * again (the upgrade to schema 8 does so). Words are read in the machine's
 * byte order: a database moved to a machine of the other order finds every
 * entry changed on its first import there, and stores them again.
 */
static uint64_t hash_mix(uint64_t h, uint64_t w)
{
	h ^= w * 0x9e3779b97f4a7c15ULL;
	h = (h << 31 | h >> 33) * 0xbf58476d1ce4e5b9ULL;
	return h;
}

static uint64_t hash_bytes(uint64_t h, const char *s, size_t n)
{
	size_t i = 0;
	uint64_t w = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = hash_mix(h, w);
	}
	w = 0;
	memcpy(&w, s + i, n - i);
	h = hash_mix(h, w);
	return hash_mix(h, n);
}

/* Every field of e, as entry_texts.fields holds them, after what b holds. */
static void pack_fields(struct pdb_buf *b, const struct pdb_entry *e)
{
	pdb_buf_grow(b, PACK_START);
	for (size_t i = 0; i < e->nfields; i++) {
		const struct pdb_field *f = &e->fields[i];

		pack_field(b, f->name, strlen(f->name), f->raw, strlen(f->raw), f->value,
			   strlen(f->value));
	}
}

/* The hash of e's type, key and fields, packed by pack_fields() (which
   can be read back: no two entries pack alike). */
static sqlite3_int64 entry_hash(const struct pdb_entry *e, const struct pdb_buf *fields)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = hash_bytes(h, e->type, strlen(e->type));
	h = hash_bytes(h, e->key, strlen(e->key));
	h = hash_bytes(h, pdb_buf_str(fields), fields->len);
	/* the final mix spreads the last words' bits over the whole */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (sqlite3_int64)(h >> 1);
}

/* entry_hash() of an entry not derived (whose fields are not packed yet). */
static int hash_entry(struct pdb_store *s, const struct pdb_entry *e, sqlite3_int64 *hash)
{
	pdb_buf_reset(&s->packed);
	pack_fields(&s->packed, e);
	if (pdb_buf_failed(&s->packed)) {
		pdb_buf_release(&s->packed);
		return PDB_ENOMEM;
	}
	*hash = entry_hash(e, &s->packed);
	return 0;
}

static int digits_at(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The first four-digit number: "2021", "{2021+}", "2020-05-01". */
static int year_of(const char *s)
{
	for (; s && *s; s++)
		if (digits_at(s, 4) && !(s[4] >= '0' && s[4] <= '9'))
			return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	return 0;
}

/* "5", "May", "may", "May." or a date's "2020-05-01". */
static int month_of(const char *month, const char *date)
{
	static const char names[12][4] = {
		"jan", "feb", "mar", "apr", "may", "jun",
		"jul", "aug", "sep", "oct", "nov", "dec",
	};

	if (month) {
		char *end;
		long n;

		/* a month's name anywhere wins: "10~" # jan is the 10th of January */
		for (const char *w = month; *w; w++) {
			if ((w == month || !isalpha((unsigned char)w[-1])) && isalpha((unsigned char)*w))
				for (int m = 0; m < 12; m++)
					if (strncasecmp(w, names[m], 3) == 0)
						return m + 1;
		}
		n = strtol(month, &end, 10);
		if (end != month && *end == '\0' && n >= 1 && n <= 12)
			return (int)n;
	}
	if (date && digits_at(date, 4) && date[4] == '-' && digits_at(date + 5, 2)) {
		int n = (date[5] - '0') * 10 + (date[6] - '0');

		return n >= 1 && n <= 12 ? n : 0;
	}
	return 0;
}

static const char *venue_field(const struct pdb_entry *e)
{
	for (size_t i = 0; pdb_venue_fields[i]; i++) {
		const char *v = pdb_entry_get(e, pdb_venue_fields[i]);

		if (v && *v)
			return v;
	}
	return NULL;
}

/*
 * People are numbered where entries are derived (in a first import, the
 * reading thread) and looked up by number where they are stored: making
 * a name's key and probing a table of up to 32,768 names, the costliest
 * part of storing a name, runs beside SQLite's work instead of before it.
 * derive() gives a name it has not met since people_seen was last cleared
 * the next number, with the keys the persons table needs; the store keeps
 * the row id of each number it stores in slot no % PDB_IDCACHE_MAX. The
 * numbers people_seen holds are at most PDB_IDCACHE_MAX consecutive ones,
 * so a slot holds the number asked for unless the entry that brought it
 * was not stored (a duplicate key) or, across a clearing, a newer number
 * took the slot. Numbers never repeat, so the slot's number tells, and
 * the person is then looked up by name.
 */
struct person_ref {
	long long no;
	struct pdb_person_keys *keys;	/* when no is new: for the persons row */
};

/* Appends "von Last, Jr, First": a name in BibTeX's unambiguous form. */
static void add_name_as_written(struct pdb_buf *b, const struct pdb_name *n)
{
	if (*n->von) {
		pdb_buf_adds(b, n->von);
		pdb_buf_addc(b, ' ');
	}
	pdb_buf_adds(b, n->last);
	if (*n->jr) {
		pdb_buf_adds(b, ", ");
		pdb_buf_adds(b, n->jr);
	}
	if (*n->first) {
		pdb_buf_adds(b, ", ");
		pdb_buf_adds(b, n->first);
	}
}

/* people_seen's key of a name: its parts, each ending in a NUL, then whether it is literal. */
static void add_name_key(struct pdb_buf *key, const struct pdb_name *n)
{
	pdb_buf_add(key, n->first, strlen(n->first) + 1);
	pdb_buf_add(key, n->von, strlen(n->von) + 1);
	pdb_buf_add(key, n->last, strlen(n->last) + 1);
	pdb_buf_add(key, n->jr, strlen(n->jr) + 1);
	pdb_buf_addc(key, n->literal ? 'L' : 'N');
}

static int number_person(struct pdb_store *s, const struct pdb_name *n, struct person_ref *ref)
{
	struct pdb_buf *key = &s->person_key;

	pdb_buf_reset(key);
	add_name_key(key, n);
	if (pdb_buf_failed(key))
		return PDB_ENOMEM;
	if (pdb_idcache_get(&s->people_seen, pdb_buf_str(key), key->len, &ref->no))
		return 0;
	ref->no = ++s->people_numbered;
	ref->keys = malloc(sizeof(*ref->keys));
	if (!ref->keys || pdb_person_keys_from_name(ref->keys, n) < 0) {
		free(ref->keys);
		ref->keys = NULL;
		return PDB_ENOMEM;
	}
	return pdb_idcache_put(&s->people_seen, pdb_buf_str(key), key->len, ref->no);
}

/* Display and sort columns computed from an entry's fields. */
struct pdb_derived {
	char *title;
	char *title_key;
	char *venue;
	char *venue_key;
	int year;
	int month;
	int selected;
	int equal;		/* an author is marked as an equal contributor */
	long long venue_id;	/* 0: unknown */
	int workshop;
	char *abbr;		/* the abbr field, when it names no known venue */
	struct pdb_authorlist authors;	/* names with their marks */
	struct pdb_authorlist editors;
	struct person_ref *people;	/* of authors, then editors */
	char *written;		/* their names as written, each ending in a NUL */
	char *lead;		/* "von family" of the first author, else editor */
	size_t lead_names;	/* names in that list */
	/* in the full-text index: the authors, "First von Last Jr, ...", and
	   the abstract, in Unicode */
	char *search_authors;
	char *search_abstract;
	/* entry_texts' columns, measured and packed where the entry was just
	   read, not in the storing thread */
	size_t source_len;
	struct pdb_buf fields;
	/* the awards and topics the fields state (pdb_field_tags), each
	   ending in a NUL */
	struct pdb_buf tags;
	size_t ntags;
	sqlite3_int64 hash;	/* entry_hash(): by pdb_store_derive() only */
};

static void derived_release(struct pdb_derived *d)
{
	for (size_t i = 0; d->people && i < d->authors.n + d->editors.n; i++) {
		if (d->people[i].keys)
			pdb_person_keys_release(d->people[i].keys);
		free(d->people[i].keys);
	}
	free(d->people);
	free(d->written);
	pdb_authorlist_release(&d->authors);
	pdb_authorlist_release(&d->editors);
	free(d->abbr);
	free(d->lead);
	free(d->title);
	free(d->title_key);
	free(d->venue);
	free(d->venue_key);
	free(d->search_authors);
	free(d->search_abstract);
	pdb_buf_release(&d->fields);
	pdb_buf_release(&d->tags);
}

static const struct pdb_name *nth_person(const struct pdb_derived *d, size_t i)
{
	if (i < d->authors.n)
		return &d->authors.v[i].name;
	return &d->editors.v[i - d->authors.n].name;
}

/* The numbers of the authors and editors, and their names as written. */
static int number_people(struct pdb_store *s, struct pdb_derived *d)
{
	size_t n = d->authors.n + d->editors.n;
	struct pdb_buf written = PDB_BUF_INIT;

	if (!n)
		return 0;
	d->people = calloc(n, sizeof(*d->people));
	if (!d->people)
		return PDB_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		if (number_person(s, nth_person(d, i), &d->people[i]) < 0) {
			pdb_buf_release(&written);
			return PDB_ENOMEM;
		}
		add_name_as_written(&written, nth_person(d, i));
		pdb_buf_add(&written, "", 1);
	}
	d->written = pdb_buf_detach(&written);
	return d->written ? 0 : PDB_ENOMEM;
}

/* "TIST 2022" -> "TIST", "ICML'24" -> "ICML": an abbr with its year cut off. */
static int own_abbr(const struct pdb_entry *e, struct pdb_derived *d)
{
	const char *abbr = pdb_entry_get(e, "abbr");
	char *text;
	size_t n;

	if (!abbr || !*abbr)
		return 0;
	text = pdb_tex_to_utf8(abbr);
	if (!text)
		return PDB_ENOMEM;
	n = strlen(text);
	while (n > 0 && isdigit((unsigned char)text[n - 1]))
		n--;
	if (n < strlen(text) && n > 0 && strchr(" '-", text[n - 1]))
		while (n > 0 && strchr(" '-", text[n - 1]))
			n--;
	else
		n = strlen(text);	/* "3DV", "X2": the digits are the name */
	text[n] = '\0';
	if (!*text) {
		free(text);
		return 0;
	}
	d->abbr = text;
	return 0;
}

static int recognise_venue(struct pdb_store *s, const struct pdb_entry *e, struct pdb_derived *d)
{
	struct pdb_venues *v = venue_table(s);
	struct pdb_venue_match m;

	if (!v)
		return PDB_EDB;
	if (pdb_venue_recognise(v, e, &m) < 0)
		return PDB_ENOMEM;
	d->venue_id = m.venue ? m.venue->id : 0;
	d->workshop = m.workshop;
	if (!m.venue || strcmp(m.source, "abbr") != 0)
		return own_abbr(e, d);
	return 0;
}

/* The table's first author: von and family names as persons holds them. */
static int derive_lead(struct pdb_derived *d)
{
	const struct pdb_authorlist *al = d->authors.n ? &d->authors : &d->editors;
	struct pdb_buf b = PDB_BUF_INIT;
	char *von, *family;

	d->lead_names = al->n;
	if (!al->n)
		return 0;
	von = pdb_tex_to_utf8(al->v[0].name.von);
	family = pdb_tex_to_utf8(al->v[0].name.last);
	if (von && family) {
		if (*von) {
			pdb_buf_adds(&b, von);
			pdb_buf_addc(&b, ' ');
		}
		pdb_buf_adds(&b, family);
		d->lead = pdb_buf_detach(&b);
	}
	free(von);
	free(family);
	pdb_buf_release(&b);
	return d->lead ? 0 : PDB_ENOMEM;
}

/*
 * Whether a part of a name can reach past the space after it when the
 * parts are converted together: it ends in a command, which takes the
 * space after it ("Strau\ss Jr" is "StraußJr") or the next part as its
 * argument, or it has math.
 */
static int part_reaches_on(const char *part)
{
	const char *command = strrchr(part, '\\');

	if (strchr(part, '$'))
		return 1;
	if (!command)
		return 0;
	command++;
	if (!*command || !command[1])	/* a backslash or a control symbol */
		return 1;
	while (pdb_is_ascii_letter(*command))	/* a control word */
		command++;
	return !*command;
}

/* Appends text converted from LaTeX, after a space if b has text; false when memory ran out. */
static int add_converted(struct pdb_buf *b, const char *tex)
{
	char *text = pdb_tex_to_utf8(tex);

	if (!text)
		return 0;
	if (b->len && *text)
		pdb_buf_addc(b, ' ');
	pdb_buf_adds(b, text);
	free(text);
	return 1;
}

/*
 * "First von Last Jr, ..." of the authors, in Unicode: the words --search
 * finds, and where --author looks first (author_words()). Each name's
 * words must be those of its parts converted one by one, as its persons
 * row holds them: the names whose parts could run into each other are
 * converted a part at a time, the others a run of names at once.
 */
static char *authors_text(const struct pdb_authorlist *al)
{
	struct pdb_buf text = PDB_BUF_INIT, run = PDB_BUF_INIT;
	char *all;
	int ok = 1;

	for (size_t i = 0; ok && i < al->n; i++) {
		const struct pdb_name *n = &al->v[i].name;
		const char *part[] = { n->first, n->von, n->last, n->jr };
		size_t name_at;
		int apart = 0;

		pdb_buf_adds(&run, i ? ", " : "");
		name_at = run.len;
		for (int k = 0; k < 4; k++) {	/* "%s %s %s %s" without the cost of formatting */
			if (k)
				pdb_buf_addc(&run, ' ');
			pdb_buf_adds(&run, part[k]);
		}
		/* most names have neither a command nor math: one look at their bytes */
		if (pdb_buf_failed(&run) || !strpbrk(run.s + name_at, "\\$"))
			continue;
		for (int k = 0; k < 4; k++)
			apart |= part_reaches_on(part[k]);
		if (!apart)
			continue;
		pdb_buf_truncate(&run, name_at);
		ok = add_converted(&text, pdb_buf_str(&run));
		pdb_buf_reset(&run);
		for (int k = 0; ok && k < 4; k++)
			ok = add_converted(&text, part[k]);
	}
	ok = ok && !pdb_buf_failed(&run);
	if (ok && !text.len)	/* no name converted apart to text: the run is all, uncopied */
		all = pdb_tex_to_utf8(pdb_buf_str(&run));
	else if (ok && add_converted(&text, pdb_buf_str(&run)))
		all = pdb_buf_detach(&text);
	else
		all = NULL;
	pdb_buf_release(&run);
	pdb_buf_release(&text);
	return all;
}

static int keep_tag(void *ctx, const char *tag)
{
	struct pdb_derived *d = ctx;

	pdb_buf_add(&d->tags, tag, strlen(tag) + 1);
	d->ntags++;
	return 0;
}

static int pack_texts(const struct pdb_entry *e, struct pdb_derived *d)
{
	d->source_len = strlen(e->source);
	pack_fields(&d->fields, e);
	return pdb_buf_failed(&d->fields) ? PDB_ENOMEM : 0;
}

static int derive(struct pdb_store *s, const struct pdb_entry *e, struct pdb_derived *d)
{
	const char *title = pdb_entry_get(e, "title");
	const char *venue = venue_field(e);
	const char *date = pdb_entry_get(e, "date");
	const char *year = pdb_entry_get(e, "year");
	const char *abstract = pdb_entry_get(e, "abstract");
	int rc = PDB_ENOMEM;

	memset(d, 0, sizeof(*d));
	d->selected = pdb_entry_selected(e);
	if (pdb_authors_parse(&d->authors, e, "author") < 0 ||
	    pdb_authors_parse(&d->editors, e, "editor") < 0)
		goto fail;
	d->equal = pdb_authorlist_has_equal(&d->authors);
	if (derive_lead(d) < 0 || number_people(s, d) < 0)
		goto fail;
	rc = recognise_venue(s, e, d);
	if (rc < 0)
		goto fail;
	rc = PDB_ENOMEM;
	if (!year || !*year)
		year = date;
	if (year && strchr(year, '\\')) {
		/* "{\noopsort{1973c}}1981" is 1981: read the year as printed */
		char *printed = pdb_tex_to_utf8(year);

		if (!printed)
			goto fail;
		d->year = year_of(printed);
		free(printed);
	} else {
		d->year = year_of(year);
	}
	d->month = month_of(pdb_entry_get(e, "month"), date);
	if (title && *title && (!(d->title = pdb_tex_to_utf8(title)) ||
				!(d->title_key = pdb_fold(d->title))))
		goto fail;
	if (venue && (!(d->venue = pdb_tex_to_utf8(venue)) || !(d->venue_key = pdb_fold(d->venue))))
		goto fail;
	if (!(d->search_authors = authors_text(&d->authors)) ||
	    (abstract && !(d->search_abstract = pdb_tex_to_utf8(abstract))) ||
	    pack_texts(e, d) < 0 || pdb_field_tags(e, keep_tag, d) < 0 ||
	    pdb_buf_failed(&d->tags))
		goto fail;
	return 0;
fail:
	derived_release(d);
	return rc;
}

static int bind_entry(struct pdb_store *s, sqlite3_stmt *st, long long file_id,
		      const struct pdb_entry *e, sqlite3_int64 hash, const struct pdb_derived *d)
{
	(void)s;
	bind_text(st, 1, e->key);
	bind_text(st, 2, e->type);
	bind_positive(st, 3, file_id);	/* 0: its file was forgotten */
	sqlite3_bind_int64(st, 4, (sqlite3_int64)e->line);
	sqlite3_bind_int64(st, 5, hash);
	bind_text(st, 6, d->title);
	bind_text(st, 7, d->title_key);
	bind_positive(st, 8, d->year);
	bind_positive(st, 9, d->month);
	bind_text(st, 10, d->venue);
	bind_text(st, 11, d->venue_key);
	bind_text(st, 12, pdb_entry_get(e, "crossref"));
	sqlite3_bind_int(st, 14, d->selected);
	sqlite3_bind_int(st, 15, d->equal);
	bind_positive(st, 16, d->venue_id);
	sqlite3_bind_int(st, 17, d->workshop);
	bind_text(st, 18, d->abbr);
	bind_text(st, 19, d->lead);
	sqlite3_bind_int64(st, 20, (sqlite3_int64)d->lead_names);
	return 0;
}

/* Binds row `row` of a list to the parameters from c + 1 on of a multi-row statement. */
typedef void bind_row_fn(sqlite3_stmt *st, int c, size_t row, void *ctx);

/* Inserts rows [0, n) of a list with statements of kind, up to ROWS_MAX rows each. */
static int insert_rows(struct pdb_store *s, enum rows_id kind, size_t n, bind_row_fn *bind,
		       void *ctx, const char *what)
{
	for (size_t i = 0, k; i < n; i += k) {
		sqlite3_stmt *st;

		k = rows_next(n - i);
		if (!(st = rows_stmt(s, kind, k)))
			return PDB_EDB;
		for (size_t r = 0; r < k; r++)
			bind(st, rows_sql[kind].columns * (int)r, i + r, ctx);
		if (run(s, st, what) < 0)
			return PDB_EDB;
	}
	return 0;
}

static int put_texts(struct pdb_store *s, sqlite3_int64 id, const struct pdb_entry *e,
		     const struct pdb_derived *d)
{
	sqlite3_stmt *st = stmt(s, ST_PUT_TEXTS);

	if (!st)
		return PDB_EDB;
	sqlite3_bind_int64(st, 1, id);
	bind_text_n(st, 2, e->source, d->source_len);
	sqlite3_bind_blob64(st, 3, pdb_buf_str(&d->fields), d->fields.len, SQLITE_STATIC);
	return run(s, st, "storing an entry's text");
}

static void bind_person(sqlite3_stmt *st, const struct pdb_person_keys *k)
{
	bind_text(st, 1, k->given);
	bind_text(st, 2, k->von);
	bind_text(st, 3, k->family);
	bind_text(st, 4, k->jr);
	sqlite3_bind_int(st, 5, k->literal);
}

/* The person's id by its display forms (UNIQUE): 1 found, 0 none, < 0 failed. */
static int find_person(struct pdb_store *s, const struct pdb_person_keys *k, sqlite3_int64 *id)
{
	sqlite3_stmt *st = stmt(s, ST_FIND_PERSON);
	int step;

	if (!st)
		return PDB_EDB;
	bind_person(st, k);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (step == SQLITE_ROW)
		return 1;
	return step == SQLITE_DONE ? 0 : db_error(s, "storing a person");
}

enum { PERSON_TAKEN = 1 };

/*
 * Adds the person as its id. With taken_ok, a person of the same display
 * forms is no error: PERSON_TAKEN, and nothing is reported.
 */
static int add_person(struct pdb_store *s, const struct pdb_person_keys *k, sqlite3_int64 *id,
		      int taken_ok)
{
	sqlite3_stmt *st = stmt(s, ST_INSERT_PERSON);
	int step;

	if (!st)
		return PDB_EDB;
	bind_person(st, k);
	bind_text(st, 6, k->family_key);
	bind_text(st, 7, k->given_key);
	step = sqlite3_step(st);
	if (step == SQLITE_DONE) {
		sqlite3_reset(st);
		*id = sqlite3_last_insert_rowid(s->db);
		return 0;
	}
	if (taken_ok && sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE) {
		sqlite3_reset(st);
		return PERSON_TAKEN;
	}
	db_error(s, "storing a person");
	sqlite3_reset(st);
	return PDB_EDB;
}

/*
 * The person's id, found by its display forms or added; keys are n's, or
 * NULL. The reading thread computes keys for a name the first time it
 * meets it: in a first import such a person is nearly always new, so the
 * insert comes first and the lookup only when it finds the person there.
 */
static int find_or_add_person(struct pdb_store *s, const struct pdb_name *n,
			      const struct pdb_person_keys *keys, sqlite3_int64 *id)
{
	struct pdb_person_keys own = { 0 };
	const struct pdb_person_keys *k = keys;
	int rc;

	if (!k) {
		if (pdb_person_keys_from_name(&own, n) < 0)
			return PDB_ENOMEM;
		k = &own;
	}
	rc = keys && s->first_import ? add_person(s, k, id, 1) : PERSON_TAKEN;
	if (rc == PERSON_TAKEN) {
		rc = find_person(s, k, id);
		if (rc == 0)
			rc = add_person(s, k, id, 0);
		else if (rc == 1)
			rc = 0;
	}
	pdb_person_keys_release(&own);
	return rc;
}

static int person_id(struct pdb_store *s, const struct pdb_name *n, const struct person_ref *ref,
		     sqlite3_int64 *id)
{
	struct person_slot *slot;
	int rc;

	if (!s->person_ids && !(s->person_ids = calloc(PDB_IDCACHE_MAX, sizeof(*s->person_ids))))
		return PDB_ENOMEM;
	slot = &s->person_ids[ref->no % PDB_IDCACHE_MAX];
	if (slot->no == ref->no) {
		*id = slot->id;
		return 0;
	}
	rc = find_or_add_person(s, n, ref->keys, id);
	if (rc == 0) {
		slot->no = ref->no;
		slot->id = *id;
	}
	return rc;
}

/* The marks stored for name i of al: its own, and whether it is first or co-first. */
static unsigned stored_marks(const struct pdb_authorlist *al, size_t i)
{
	unsigned marks = al->v[i].marks;

	if (i == 0 || pdb_authorlist_cofirst(al, i))
		marks |= PDB_MARK_COFIRST;
	return marks;
}

/*
 * Names from, n of them (n <= ROWS_MAX), of the list al in one statement;
 * people are their numbers, *written their names as written, in turn.
 */
static int put_person_rows(struct pdb_store *s, sqlite3_int64 id, const char *role,
			   const struct pdb_authorlist *al, const struct person_ref *people,
			   size_t from, size_t n, const char **written)
{
	sqlite3_int64 person[ROWS_MAX];
	sqlite3_stmt *st;
	int rc;

	for (size_t r = 0; r < n; r++)
		if ((rc = person_id(s, &al->v[from + r].name, &people[from + r], &person[r])) < 0)
			return rc;
	if (!(st = rows_stmt(s, ROWS_ENTRY_PERSONS, n)))
		return PDB_EDB;
	for (size_t r = 0; r < n; r++) {
		int c = rows_sql[ROWS_ENTRY_PERSONS].columns * (int)r;
		size_t len = strlen(*written);

		sqlite3_bind_int64(st, c + 1, id);
		bind_text(st, c + 2, role);
		sqlite3_bind_int64(st, c + 3, (sqlite3_int64)(from + r));
		sqlite3_bind_int64(st, c + 4, person[r]);
		sqlite3_bind_text(st, c + 5, *written, (int)len, SQLITE_STATIC);
		sqlite3_bind_int(st, c + 6, (int)stored_marks(al, from + r));
		*written += len + 1;
	}
	return run(s, st, "storing a person");
}

static int put_persons(struct pdb_store *s, sqlite3_int64 id, const char *role,
		       const struct pdb_authorlist *al, const struct person_ref *people,
		       const char **written)
{
	int rc = 0;

	for (size_t i = 0, n; rc == 0 && i < al->n; i += n) {
		n = rows_next(al->n - i);
		rc = put_person_rows(s, id, role, al, people, i, n, written);
	}
	return rc;
}

struct tag_rows {
	sqlite3_int64 id;
	const char *next;	/* the next tag of pdb_derived's list */
};

static void bind_tag(sqlite3_stmt *st, int c, size_t row, void *ctx)
{
	struct tag_rows *tr = ctx;
	size_t len = strlen(tr->next);

	(void)row;
	sqlite3_bind_int64(st, c + 1, tr->id);
	bind_text_n(st, c + 2, tr->next, len);
	bind_text(st, c + 3, "field");
	tr->next += len + 1;
}

/* Awards and topics the fields state (after clear_contents() for an entry that was stored). */
static int put_field_tags(struct pdb_store *s, sqlite3_int64 id, const struct pdb_derived *d)
{
	struct tag_rows tr = { id, d->tags.s };

	return insert_rows(s, ROWS_TAGS, d->ntags, bind_tag, &tr, "storing a tag");
}

static int put_contents(struct pdb_store *s, sqlite3_int64 id, const struct pdb_entry *e,
			const struct pdb_derived *d)
{
	const char *written = d->written;

	if (put_texts(s, id, e, d) < 0)
		return PDB_EDB;
	if (put_persons(s, id, "author", &d->authors, d->people, &written) < 0 ||
	    (d->editors.n &&
	     put_persons(s, id, "editor", &d->editors, d->people + d->authors.n, &written) < 0))
		return PDB_EDB;
	return put_field_tags(s, id, d);
}

/* The entry's words in the full-text index (replacing any it had). */
static int put_search_text(struct pdb_store *s, sqlite3_int64 id, int found,
			   const struct pdb_derived *d)
{
	sqlite3_stmt *st;

	if (found) {
		st = stmt(s, ST_FTS_DELETE);
		if (!st)
			return PDB_EDB;
		sqlite3_bind_int64(st, 1, id);
		if (run(s, st, "indexing an entry") < 0)
			return PDB_EDB;
	}
	st = stmt(s, ST_FTS_INSERT);
	if (!st)
		return PDB_EDB;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, d->title);
	bind_text(st, 3, d->search_abstract);
	bind_text(st, 4, d->search_authors);
	bind_text(st, 5, d->venue);
	return run(s, st, "indexing an entry");
}

static int delete_of_entry(struct pdb_store *s, enum stmt_id id_stmt, sqlite3_int64 id)
{
	sqlite3_stmt *st = stmt(s, id_stmt);

	if (!st)
		return PDB_EDB;
	sqlite3_bind_int64(st, 1, id);
	return run(s, st, "updating an entry");
}

/*
 * What put_contents() writes, removed from a stored entry; the user's own
 * tags are left alone. A new entry has none of it: its import skips these
 * statements (the tag delete alone costs a temporary b-tree).
 */
static int clear_contents(struct pdb_store *s, sqlite3_int64 id)
{
	if (delete_of_entry(s, ST_DELETE_PERSONS, id) < 0)
		return PDB_EDB;
	return delete_of_entry(s, ST_CLEAR_FIELD_TAGS, id);
}

struct stored_entry {
	sqlite3_int64 id, hash;
	long long file_id;
	unsigned long line;
};

/* Looks the key up: 1 found (*found set), 0 not found, <0 error. */
static int find_key(struct pdb_store *s, const char *key, struct stored_entry *found)
{
	sqlite3_stmt *st = stmt(s, ST_FIND_KEY);
	int rc;

	if (!st)
		return PDB_EDB;
	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		found->id = sqlite3_column_int64(st, 0);
		found->hash = sqlite3_column_int64(st, 1);
		found->file_id = sqlite3_column_int64(st, 2);
		found->line = (unsigned long)sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, "looking up a key");
	return rc == SQLITE_ROW;
}

/* Replaces what is derived from an entry's fields (authors, venue, tags...). */
static int store_derived(struct pdb_store *s, sqlite3_int64 id, long long file_id,
			 const struct pdb_entry *e, sqlite3_int64 hash)
{
	sqlite3_stmt *st = stmt(s, ST_UPDATE_ENTRY);
	struct pdb_derived d;
	int rc = derive(s, e, &d);

	if (rc < 0)
		return rc;
	rc = PDB_EDB;
	if (!st)
		goto out;
	bind_entry(s, st, file_id, e, hash, &d);
	sqlite3_bind_int64(st, 13, id);
	if (run(s, st, "storing an entry") < 0 || clear_contents(s, id) < 0)
		goto out;
	rc = put_contents(s, id, e, &d);
	if (rc == 0)
		rc = put_search_text(s, id, 1, &d);
out:
	derived_release(&d);
	return rc;
}

/* The entry taken first under this key, for PDB_PUT_DUPLICATE. */
static int note_first(struct pdb_store *s, const struct stored_entry *first, sqlite3_int64 hash)
{
	sqlite3_stmt *st = stmt(s, ST_FIRST_KEY);
	int rc;

	if (!st)
		return PDB_EDB;
	sqlite3_bind_int64(st, 1, first->id);
	rc = sqlite3_step(st);
	pdb_buf_reset(&s->first_key);
	if (rc == SQLITE_ROW)
		pdb_buf_adds(&s->first_key, column_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_error(s, "looking up a key");
	if (pdb_buf_failed(&s->first_key))
		return PDB_ENOMEM;
	s->first.key = pdb_buf_str(&s->first_key);
	s->first.line = first->line;
	s->first.same = first->hash == hash;
	return 0;
}

const struct pdb_first_entry *pdb_store_first(const struct pdb_store *s)
{
	return &s->first;
}

int pdb_store_derive(struct pdb_store *s, const struct pdb_entry *e, struct pdb_derived **out)
{
	struct pdb_derived *d = malloc(sizeof(*d));
	int rc;

	*out = NULL;
	if (!d)
		return PDB_ENOMEM;
	rc = derive(s, e, d);
	if (rc < 0) {
		free(d);
		return rc;
	}
	d->hash = entry_hash(e, &d->fields);
	*out = d;
	return 0;
}

void pdb_derived_free(struct pdb_derived *d)
{
	if (!d)
		return;
	derived_release(d);
	free(d);
}

enum { KEY_TAKEN = 1 };

/*
 * A new entry; what pre holds is derived from e, or derived here when pre
 * is NULL. With try_key, a key that is taken is no error: KEY_TAKEN, and
 * nothing is stored.
 */
static int add_entry(struct pdb_store *s, long long file_id, const struct pdb_entry *e,
		     sqlite3_int64 hash, const struct pdb_derived *pre, int try_key)
{
	struct pdb_derived own;
	const struct pdb_derived *d = pre;
	sqlite3_stmt *st;
	sqlite3_int64 id;
	int rc = 0;

	if (!pre) {
		rc = derive(s, e, &own);
		if (rc < 0)
			return rc;
		d = &own;
	}
	rc = PDB_EDB;
	st = stmt(s, ST_INSERT_ENTRY);
	if (!st)
		goto out;
	bind_entry(s, st, file_id, e, hash, d);
	if (sqlite3_step(st) != SQLITE_DONE) {
		if (try_key && sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE)
			rc = KEY_TAKEN;
		else
			db_error(s, "storing an entry");
		sqlite3_reset(st);
		goto out;
	}
	sqlite3_reset(st);
	id = sqlite3_last_insert_rowid(s->db);
	rc = put_contents(s, id, e, d);
	if (rc == 0)
		rc = put_search_text(s, id, 0, d);
	if (rc == 0)
		rc = take_id(&s->taken, id);
out:
	if (!pre)
		derived_release(&own);
	return rc;
}

int pdb_store_put_derived(struct pdb_store *s, long long file_id, const struct pdb_entry *e,
			  const struct pdb_derived *pre, enum pdb_put_result *result)
{
	sqlite3_int64 hash = pre ? pre->hash : 0;
	struct stored_entry old;
	int found, rc;

	if (!pre && (rc = hash_entry(s, e, &hash)) < 0)
		return rc;
	if (s->first_import) {
		/*
		 * Only this import's entries are stored: the key is looked
		 * up only when the insert finds it taken (a lookup per entry
		 * was a tenth of the storing thread's time).
		 */
		if (++s->unwritten == 2048)
			write_back(s);	/* some 6 MB of pages */
		*result = PDB_PUT_ADDED;
		rc = add_entry(s, file_id, e, hash, pre, 1);
		if (rc != KEY_TAKEN)
			return rc;
	}
	found = find_key(s, e->key, &old);
	if (found < 0)
		return PDB_EDB;
	if (found && id_taken(&s->taken, old.id)) {
		*result = PDB_PUT_DUPLICATE;
		return note_first(s, &old, hash);
	}
	if (found && old.hash == hash) {
		*result = PDB_PUT_UNCHANGED;
		return take_entry(s, old.id, file_id, e->line, old.file_id, old.line);
	}
	if (found) {
		*result = PDB_PUT_UPDATED;
		rc = store_derived(s, old.id, file_id, e, hash);
		return rc < 0 ? rc : take_id(&s->taken, old.id);
	}
	*result = PDB_PUT_ADDED;
	return add_entry(s, file_id, e, hash, pre, 0);
}

int pdb_store_put(struct pdb_store *s, long long file_id, const struct pdb_entry *e,
		  enum pdb_put_result *result)
{
	return pdb_store_put_derived(s, file_id, e, NULL, result);
}

int pdb_store_finish_import(struct pdb_store *s)
{
	/*
	 * An entry without a year, month or venue of its own takes its
	 * crossref parent's; 'inherited' remembers which, so that they are
	 * taken afresh when the parent changes or goes.
	 */
	static const char forget_inherited[] =
		"UPDATE entries SET"
		" year = CASE WHEN inherited & 1 THEN NULL ELSE year END,"
		" month = CASE WHEN inherited & 2 THEN NULL ELSE month END,"
		" venue = CASE WHEN inherited & 4 THEN NULL ELSE venue END,"
		" venue_key = CASE WHEN inherited & 4 THEN NULL ELSE venue_key END,"
		" venue_id = CASE WHEN inherited & 4 THEN NULL ELSE venue_id END,"
		" workshop = CASE WHEN inherited & 4 THEN 0 ELSE workshop END,"
		" inherited = 0"
		" WHERE inherited != 0";
	static const char inherit[] =
		"UPDATE entries AS e SET"
		" inherited = (e.year IS NULL AND p.year IS NOT NULL)"
		"  | ((e.month IS NULL AND p.month IS NOT NULL) << 1)"
		"  | ((e.venue IS NULL AND coalesce(p.venue, p.title) IS NOT NULL) << 2),"
		" year = coalesce(e.year, p.year), month = coalesce(e.month, p.month),"
		" venue_id = CASE WHEN e.venue IS NULL THEN p.venue_id ELSE e.venue_id END,"
		" workshop = CASE WHEN e.venue IS NULL THEN p.workshop ELSE e.workshop END,"
		" venue = coalesce(e.venue, p.venue, p.title),"
		" venue_key = coalesce(e.venue_key, p.venue_key, p.title_key)"
		" FROM entries AS p"
		" WHERE e.crossref IS NOT NULL AND p.key = e.crossref;"
		/* people whose names this command removed, if named nowhere now */
		"DELETE FROM persons WHERE id IN (SELECT person_id FROM person_checks)"
		" AND id NOT IN (SELECT ep.person_id FROM entry_persons ep"
		"  WHERE ep.person_id IN (SELECT person_id FROM person_checks));"
		"DELETE FROM person_checks;";

	forget_people(s);	/* ids of deleted orphans */
	if (make_bulk_indexes(s) < 0)
		return PDB_EDB;
	/* a first import's entries have inherited nothing yet: no need to read them all */
	if (!s->first_import && exec(s, forget_inherited, "resolving crossrefs") < 0)
		return PDB_EDB;
	return exec(s, inherit, "resolving crossrefs");
}

/* ---- reading ---- */

/* The strings of the record being loaded, let go all at once between records. */
enum { POOL_BLOCK = 64 * 1024 };

/* The n bytes at s and a NUL; "" (and the pool's oom set) without memory. */
static const char *pool_strndup(struct pdb_pool *p, const char *s, size_t n)
{
	const char *copy = pdb_pool_strndup(p, s, n);

	return copy ? copy : "";
}

static const char *pool_dup(struct pdb_pool *p, const unsigned char *s)
{
	return s ? pool_strndup(p, (const char *)s, strlen((const char *)s)) : NULL;
}

/* Growable arrays of the record being loaded, reused from row to row. */
struct loader {
	struct pdb_pool pool;
	struct pdb_field *fields;
	size_t fields_alloc;
	struct pdb_person *persons;
	size_t persons_alloc;
	const char **tags;
	size_t tags_alloc;
};

/* A pdb_pack() blob: the texts in [at, end). */
struct packed {
	const char *at, *end;
};

/* The n bytes at p (NULL: none) as a packed list. */
static struct packed packed_bytes(const char *p, size_t n)
{
	struct packed list = { "", "" };

	if (p) {	/* no arithmetic on NULL */
		list.at = p;
		list.end = p + n;
	}
	return list;
}

/* Column col of st, a pdb_pack() blob or NULL, as a packed list in the pool. */
static struct packed packed_column(struct pdb_pool *pool, sqlite3_stmt *st, int col)
{
	const void *blob = sqlite3_column_blob(st, col);
	size_t n = (size_t)sqlite3_column_bytes(st, col);

	return packed_bytes(blob ? pdb_pool_copy(pool, blob, n) : NULL, n);
}

/* A field's value packed by pdb_pack_fields() after raw: its n bytes, not NUL-ended. */
static const char *field_value(const char *raw, const char *packed, size_t *n)
{
	switch (packed[0]) {
	case PACKED_VALUE_INNER:
		*n = strlen(raw);
		if (*n < 2) {	/* never so packed; a damaged database */
			*n = 0;
			return raw;
		}
		*n -= 2;
		return raw + 1;
	case PACKED_VALUE_RAW:
		*n = strlen(raw);
		return raw;
	case PACKED_VALUE_ESCAPE:
		packed++;
		break;
	}
	*n = strlen(packed);
	return packed;
}

/* The next row of n texts of a packed list into v: 1, or 0 at its end. */
static int unpack_row(struct packed *list, const char **v, int n)
{
	for (int i = 0; i < n; i++) {
		const char *nul = list->at < list->end ?
			memchr(list->at, '\0', (size_t)(list->end - list->at)) : NULL;

		if (!nul)
			return 0;
		v[i] = list->at;
		list->at = nul + 1;
	}
	return 1;
}

/* Whether an entry_texts.fields blob is whole: fields as pack_field() writes them. */
static int fields_whole(struct packed list)
{
	const char *v[PACKED_FIELD_TEXTS];

	while (unpack_row(&list, v, PACKED_FIELD_TEXTS)) {
		size_t n = strlen(v[2]);
		int code = (unsigned char)v[2][0];

		if ((code == PACKED_VALUE_INNER && strlen(v[1]) < 2) ||
		    ((code == PACKED_VALUE_INNER || code == PACKED_VALUE_RAW) && n != 1) ||
		    (code == PACKED_VALUE_ESCAPE && (n < 2 || (unsigned char)v[2][1] > PACKED_VALUE_ESCAPE)))
			return 0;
	}
	return list.at == list.end;
}

static struct packed packed_value(sqlite3_value *v)
{
	return packed_bytes(sqlite3_value_blob(v), (size_t)sqlite3_value_bytes(v));
}

/* SQL function pdb_fields_whole(fields): 1 if fields_whole(). */
static void sql_fields_whole(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(ctx, fields_whole(packed_value(argv[0])));
}

/* SQL function pdb_field(fields, name): the value of the first field called name, or NULL. */
static void sql_field(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct packed list = packed_value(argv[0]);
	const char *name = (const char *)sqlite3_value_text(argv[1]);
	const char *v[PACKED_FIELD_TEXTS];

	(void)argc;
	while (name && unpack_row(&list, v, PACKED_FIELD_TEXTS)) {
		if (strcmp(v[0], name) == 0) {
			size_t n;
			const char *value = field_value(v[1], v[2], &n);

			sqlite3_result_text64(ctx, value, n, SQLITE_TRANSIENT, SQLITE_UTF8);
			return;
		}
	}
	sqlite3_result_null(ctx);
}

static int unpack_fields(struct loader *L, struct packed list, struct pdb_record *r)
{
	const char *v[PACKED_FIELD_TEXTS];
	size_t n = 0;

	while (unpack_row(&list, v, PACKED_FIELD_TEXTS)) {
		struct pdb_field *f;
		size_t len;
		const char *value = field_value(v[1], v[2], &len);

		if (pdb_reserve(&L->fields, &L->fields_alloc, n + 1, sizeof(*f)) < 0)
			return PDB_ENOMEM;
		f = &L->fields[n++];
		f->name = (char *)v[0];
		f->raw = (char *)v[1];
		/* raw's inner bytes need their own NUL */
		f->value = (char *)(value[len] ? pool_strndup(&L->pool, value, len) : value);
		f->line = 0;
	}
	r->fields = L->fields;
	r->nfields = n;
	return 0;
}

static int unpack_persons(struct loader *L, struct packed list, struct pdb_record *r)
{
	const char *v[PACKED_PERSON_TEXTS];
	size_t n = 0, nauthors = 0;
	unsigned long bits;

	while (unpack_row(&list, v, PACKED_PERSON_TEXTS)) {
		struct pdb_person *p;

		if (pdb_reserve(&L->persons, &L->persons_alloc, n + 1, sizeof(*p)) < 0)
			return PDB_ENOMEM;
		p = &L->persons[n++];
		bits = strtoul(v[5], NULL, 10);
		if (!(bits & PACKED_PERSON_EDITOR))
			nauthors++;
		p->given = v[0];
		p->von = v[1];
		p->family = v[2];
		p->jr = v[3];
		p->raw = v[4];
		p->literal = (bits & PACKED_PERSON_LITERAL) != 0;
		p->marks = (unsigned)(bits >> PACKED_PERSON_MARKS_SHIFT);
		p->equal = (p->marks & PDB_MARK_EQUAL) != 0;
		p->me = (bits & PACKED_PERSON_ME) != 0;
	}
	r->authors = L->persons;
	r->nauthors = nauthors;
	r->editors = n ? L->persons + nauthors : NULL;	/* no arithmetic on NULL */
	r->neditors = n - nauthors;
	return 0;
}

static int unpack_tags(struct loader *L, struct packed list, struct pdb_record *r)
{
	const char *tag;
	size_t n = 0;

	while (unpack_row(&list, &tag, 1)) {
		if (pdb_reserve(&L->tags, &L->tags_alloc, n + 1, sizeof(*L->tags)) < 0)
			return PDB_ENOMEM;
		L->tags[n++] = tag;
	}
	r->tags = L->tags;
	r->ntags = n;
	return 0;
}

/* The parts of r that load asks for, from the packed columns first.. of st. */
static int unpack_record(struct loader *L, sqlite3_stmt *st, int first, unsigned load,
			 struct pdb_record *r)
{
	int rc = 0;

	if (load & PDB_LOAD_FIELDS)
		rc = unpack_fields(L, packed_column(&L->pool, st, first), r);
	if (rc == 0 && (load & PDB_LOAD_PERSONS))
		rc = unpack_persons(L, packed_column(&L->pool, st, first + 1), r);
	if (rc == 0 && (load & PDB_LOAD_TAGS))
		rc = unpack_tags(L, packed_column(&L->pool, st, first + 2), r);
	return rc;
}

static int prepare_query(struct pdb_store *s, const char *head, const struct pdb_query *q,
			 int ordered, const char *tail, sqlite3_stmt **out)
{
	struct pdb_sql sql;
	struct pdb_buf text = PDB_BUF_INIT;
	int rc, first = 0;	/* parameters bound so far */

	pdb_sql_init(&sql);
	sql.venue_id = known_venue_id;
	sql.author_words = author_words;
	sql.lookup_ctx = s;
	sql.sort_all = q->limit < 0;
	*out = NULL;
	rc = pdb_query_build(q, &sql);
	if (rc < 0)
		goto out;
	pdb_buf_adds(&text, head);
	if (sql.search.len)
		/* title counts most, then authors, venue, abstract */
		pdb_buf_adds(&text, " JOIN (SELECT rowid AS id,"
			     " pdb_rank(entries_fts, 10.0, 1.0, 4.0, 2.0) AS rank FROM entries_fts"
			     " WHERE entries_fts MATCH ?) AS fts ON fts.id = e.id");
	pdb_buf_addf(&text, " WHERE %s", pdb_buf_str(&sql.where));
	if (ordered)
		pdb_buf_addf(&text, " ORDER BY %s", pdb_buf_str(&sql.order));
	/* only a real limit: with one, SQLite sorts in a b-tree, not its faster sorter */
	if (ordered && q->limit >= 0)
		pdb_buf_addf(&text, " LIMIT %ld", q->limit);
	pdb_buf_adds(&text, tail);
	if (pdb_buf_failed(&text)) {
		rc = PDB_ENOMEM;
		goto out;
	}
	if (sqlite3_prepare_v2(s->db, pdb_buf_str(&text), -1, out, NULL) != SQLITE_OK) {
		rc = db_error(s, "preparing a query");
		goto out;
	}
	if (sql.search.len)
		sqlite3_bind_text(*out, ++first, pdb_buf_str(&sql.search), -1, SQLITE_TRANSIENT);
	for (size_t i = 0; i < sql.nparams; i++) {
		if (sql.params[i].is_text)
			sqlite3_bind_text(*out, first + (int)i + 1, sql.params[i].s, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(*out, first + (int)i + 1, sql.params[i].i);
	}
out:
	pdb_buf_release(&text);
	pdb_sql_release(&sql);
	return rc;
}

/*
 * Steps st to the end, calling row() for each row until it returns
 * non-zero; finalizes st. Returns row()'s value, 0, or PDB_EDB.
 */
static int each_row(struct pdb_store *s, sqlite3_stmt *st,
		    int (*row)(sqlite3_stmt *st, void *ctx), void *ctx, const char *what)
{
	int rc = 0, step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		rc = row(st, ctx);
		if (rc != 0)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_error(s, what);
	sqlite3_finalize(st);
	return rc;
}

static int column_int(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? 0 : sqlite3_column_int(st, col);
}

struct each_ctx {
	struct pdb_store *s;
	struct loader L;
	unsigned load;
	int packed_in_row;	/* the query's row has the packed columns */
	pdb_record_cb *cb;
	void *ctx;
};

/* The record's fields, names and tags: in its row, or by one more statement. */
static int load_parts(struct each_ctx *c, sqlite3_stmt *row, struct pdb_record *r)
{
	enum { PACKED_COLUMN = 18 };	/* after the columns record_row() reads */
	sqlite3_stmt *st;
	int rc;

	if (!(c->load & (PDB_LOAD_FIELDS | PDB_LOAD_PERSONS | PDB_LOAD_TAGS)))
		return 0;
	if (c->packed_in_row)
		return unpack_record(&c->L, row, PACKED_COLUMN, c->load, r);
	st = stmt(c->s, ST_LOAD_PACKED);
	if (!st)
		return PDB_EDB;
	sqlite3_bind_int64(st, 1, r->id);
	rc = sqlite3_step(st) == SQLITE_ROW ? unpack_record(&c->L, st, 0, c->load, r) :
					       db_error(c->s, "loading an entry");
	sqlite3_reset(st);
	return rc;
}

static int record_row(sqlite3_stmt *st, void *ctx)
{
	struct each_ctx *c = ctx;
	struct loader *L = &c->L;
	struct pdb_record r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.id = sqlite3_column_int64(st, 0);
	r.key = pool_dup(&L->pool, sqlite3_column_text(st, 1));
	r.type = pool_dup(&L->pool, sqlite3_column_text(st, 2));
	r.title = pool_dup(&L->pool, sqlite3_column_text(st, 3));
	r.venue = pool_dup(&L->pool, sqlite3_column_text(st, 4));
	r.year = column_int(st, 5);
	r.month = column_int(st, 6);
	r.source = pool_dup(&L->pool, sqlite3_column_text(st, 7));
	r.venue_short = pool_dup(&L->pool, sqlite3_column_text(st, 8));
	r.venue_full = pool_dup(&L->pool, sqlite3_column_text(st, 9));
	r.workshop = sqlite3_column_int(st, 10);
	r.equal = sqlite3_column_int(st, 11);
	r.selected = sqlite3_column_int(st, 12);
	r.venue_kind = pool_dup(&L->pool, sqlite3_column_text(st, 13));
	r.parent_title = pool_dup(&L->pool, sqlite3_column_text(st, 14));
	r.parent_type = pool_dup(&L->pool, sqlite3_column_text(st, 15));
	r.lead = pool_dup(&L->pool, sqlite3_column_text(st, 16));
	r.lead_names = (size_t)sqlite3_column_int64(st, 17);
	rc = load_parts(c, st, &r);
	if (rc == 0 && L->pool.oom)
		rc = PDB_ENOMEM;
	if (rc == 0)
		rc = c->cb(c->ctx, &r);
	pdb_pool_clear(&L->pool);
	return rc;
}

int pdb_store_each(struct pdb_store *s, const struct pdb_query *q, unsigned load,
		   pdb_record_cb *cb, void *ctx)
{
	struct each_ctx c;
	sqlite3_stmt *st;
	struct pdb_buf head = PDB_BUF_INIT;
	int rc;

	memset(&c, 0, sizeof(c));
	c.L.pool = (struct pdb_pool)PDB_POOL_INIT(POOL_BLOCK);
	c.s = s;
	c.load = load;
	c.cb = cb;
	c.ctx = ctx;
	/*
	 * Fields, names and tags come packed in the entry's row: computed as
	 * the query reads the entries in the order they are stored, they are
	 * read page after page, where looking them up after the sort costs
	 * three random descents per entry. The sort then carries them, in a
	 * temporary file when they outgrow its memory. With a limit, every
	 * candidate would be packed for the few kept: those few are loaded
	 * one by one instead.
	 */
	c.packed_in_row = q->limit < 0;
	rc = set_cache(s, load & (PDB_LOAD_FIELDS | PDB_LOAD_PERSONS | PDB_LOAD_TAGS) ?
			    CACHE_LOOKUPS : CACHE_LIST);
	if (rc < 0)
		return rc;
	/* the source, the longest column, only when asked for: sorting copies every column */
	pdb_buf_addf(&head, "SELECT e.id, e.key, e.type, e.title, e.venue, e.year, e.month,"
		     " %s, coalesce(e.abbr, v.short),"
		     " coalesce(v.full, CASE WHEN e.abbr IS NOT NULL THEN e.venue END),"
		     " e.workshop, e.equal, e.selected, v.kind,"
		     " parent.title, parent.type,"
		     " e.lead, e.lead_names, %s, %s, %s"
		     " FROM entries AS e LEFT JOIN venues v ON v.id = e.venue_id"
		     " LEFT JOIN entries AS parent ON parent.key = e.crossref",	/* keys are unique */
		     load & PDB_LOAD_SOURCE ? ENTRY_SOURCE : "NULL",
		     c.packed_in_row && (load & PDB_LOAD_FIELDS) ? PACKED_FIELDS : "NULL",
		     !c.packed_in_row || !(load & PDB_LOAD_PERSONS) ? "NULL" :
		     s->owner.n ? PACKED_PERSONS : PACKED_PERSONS_WITH("0"),
		     c.packed_in_row && (load & PDB_LOAD_TAGS) ? PACKED_TAGS : "NULL");
	rc = pdb_buf_failed(&head) ? PDB_ENOMEM : prepare_query(s, pdb_buf_str(&head), q, 1, "", &st);
	pdb_buf_release(&head);
	if (rc < 0)
		return rc;
	rc = each_row(s, st, record_row, &c, "reading entries");
	pdb_pool_release(&c.L.pool);
	free(c.L.fields);
	free(c.L.persons);
	free(c.L.tags);
	return rc;
}

struct item_ctx {
	pdb_item_cb *cb;
	void *ctx;
};

static int item_row(sqlite3_stmt *st, void *ctx)
{
	const struct item_ctx *c = ctx;
	struct pdb_file_item it = {
		column_text(st, 0), column_text(st, 1), column_text(st, 2), column_text(st, 3),
	};

	return c->cb(c->ctx, &it);
}

int pdb_store_each_item(struct pdb_store *s, const struct pdb_query *q,
			pdb_item_cb *cb, void *ctx)
{
	struct item_ctx c = { cb, ctx };
	sqlite3_stmt *st;
	int rc = prepare_query(s, "SELECT kind, name, raw, value FROM file_items"
			       " WHERE kind IN ('string', 'preamble') AND file_id IN"
			       " (SELECT e.file_id FROM entries AS e", q, 0,
			       ") ORDER BY file_id, pos", &st);

	if (rc < 0)
		return rc;
	return each_row(s, st, item_row, &c, "reading @string definitions");
}

int pdb_store_count(struct pdb_store *s, const struct pdb_query *q, long long *n)
{
	sqlite3_stmt *st;
	int rc = prepare_query(s, "SELECT count(*) FROM entries AS e", q, 0, "", &st);

	if (rc < 0)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		rc = db_error(s, "counting entries");
	sqlite3_finalize(st);
	if (q->limit >= 0 && *n > q->limit)
		*n = q->limit;
	return rc;
}

int pdb_store_remove(struct pdb_store *s, const char *key)
{
	sqlite3_stmt *st = stmt(s, ST_REMOVE);

	if (!st)
		return PDB_EDB;
	bind_text(st, 1, key);
	if (run(s, st, "removing an entry") < 0)
		return PDB_EDB;
	return sqlite3_changes(s->db) ? 0 : PDB_ENOTFOUND;
}

/* "Award:X" is stored as "award:X", so that prefixes sort and match as one. */
static void lower_meaningful_prefix(char *tag)
{
	static const char *const prefixes[] = { "award:", "topic:" };

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncasecmp(tag, prefixes[i], strlen(prefixes[i])) == 0)
			memcpy(tag, prefixes[i], strlen(prefixes[i]));
}

int pdb_store_tag(struct pdb_store *s, const char *key, const char *tag, int add)
{
	struct stored_entry old;
	sqlite3_stmt *st;
	int found = find_key(s, key, &old);
	char *stored;
	int rc;

	if (found <= 0)
		return found < 0 ? PDB_EDB : PDB_ENOTFOUND;
	st = stmt(s, add ? ST_ADD_TAG_BY_KEY : ST_REMOVE_TAG_BY_KEY);
	stored = strdup(tag);
	if (!st || !stored) {
		free(stored);
		return st ? PDB_ENOMEM : PDB_EDB;
	}
	lower_meaningful_prefix(stored);
	bind_text(st, 1, key);
	bind_text(st, 2, stored);
	rc = run(s, st, add ? "adding a tag" : "removing a tag");
	free(stored);
	return rc;
}

/* ---- settings ---- */

int pdb_config_get(struct pdb_store *s, const char *name, char **value)
{
	sqlite3_stmt *st = stmt(s, ST_CONFIG_GET);
	int rc;

	*value = NULL;
	if (!st)
		return PDB_EDB;
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*value = strdup((const char *)sqlite3_column_text(st, 0));
		rc = *value ? 0 : PDB_ENOMEM;
	} else {
		rc = rc == SQLITE_DONE ? PDB_ENOTFOUND : db_error(s, "reading a setting");
	}
	sqlite3_reset(st);
	return rc;
}

int pdb_config_set(struct pdb_store *s, const char *name, const char *value)
{
	sqlite3_stmt *st = stmt(s, ST_CONFIG_SET);

	if (!st)
		return PDB_EDB;
	bind_text(st, 1, name);
	bind_text(st, 2, value);
	return run(s, st, "writing a setting");
}

int pdb_config_unset(struct pdb_store *s, const char *name)
{
	sqlite3_stmt *st = stmt(s, ST_CONFIG_UNSET);

	if (!st)
		return PDB_EDB;
	bind_text(st, 1, name);
	if (run(s, st, "removing a setting") < 0)
		return PDB_EDB;
	return sqlite3_changes(s->db) ? 0 : PDB_ENOTFOUND;
}

/* ---- venues ---- */

struct venue_ctx {
	pdb_venue_cb *cb;
	void *ctx;
};

static int venue_row(sqlite3_stmt *st, void *ctx)
{
	const struct venue_ctx *c = ctx;
	struct pdb_venue_row row = {
		column_text(st, 0), column_text(st, 1), column_text(st, 2), column_text(st, 3),
		sqlite3_column_int64(st, 4),
	};

	return c->cb(c->ctx, &row);
}

int pdb_store_each_venue(struct pdb_store *s, pdb_venue_cb *cb, void *ctx)
{
	/*
	 * The entries counted in one pass over the table (+: not in the order
	 * of the venue index, which would read each entry's row at random for
	 * its workshop flag: 0.54 against 0.14 s on 150,000 entries).
	 */
	static const char sql[] =
		"SELECT v.short, v.full, v.kind,"
		" (SELECT group_concat(alias, '; ') FROM (SELECT alias FROM venue_aliases a"
		"  WHERE a.venue_id = v.id ORDER BY alias)),"
		" coalesce(c.n, 0)"
		" FROM venues v LEFT JOIN (SELECT e.venue_id, count(*) AS n FROM entries e"
		"  WHERE NOT e.workshop GROUP BY +e.venue_id) c ON c.venue_id = v.id"
		" ORDER BY v.short COLLATE NOCASE";
	struct venue_ctx c = { cb, ctx };
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(s, "reading the venue table");
	return each_row(s, st, venue_row, &c, "reading the venue table");
}

static int exec_bound(struct pdb_store *s, const char *sql, const char *a, const char *b,
		      const char *c, const char *what)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(s, what);
	bind_text(st, 1, a);
	bind_text(st, 2, b);
	bind_text(st, 3, c);
	rc = run(s, st, what);
	sqlite3_finalize(st);
	return rc;
}

static int add_alias_row(struct pdb_store *s, const char *short_name, const char *spelling)
{
	char *key = pdb_venue_key(spelling);
	int rc;

	if (!key)
		return PDB_ENOMEM;
	rc = *key ? exec_bound(s, "INSERT OR REPLACE INTO venue_aliases (alias, venue_id)"
			       " SELECT ?1, id FROM venues WHERE short = ?2", key, short_name, NULL,
			       "adding a venue") : 0;
	free(key);
	return rc;
}

/* Reads an entry's fields back from the database, for recognition. */
static int load_entry(struct pdb_store *s, sqlite3_int64 id, struct pdb_entry *e)
{
	sqlite3_stmt *st = stmt(s, ST_LOAD_FIELDS);
	struct packed list;
	const char *v[PACKED_FIELD_TEXTS];
	int rc = 0;

	if (!st)
		return PDB_EDB;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_error(s, "loading an entry");
	}
	list = packed_bytes(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	while (rc == 0 && unpack_row(&list, v, PACKED_FIELD_TEXTS)) {
		size_t len;
		const char *value = field_value(v[1], v[2], &len);

		rc = pdb_entry_add_field(e, pdb_entry_strdup(e, v[0]), pdb_entry_strdup(e, v[1]),
					 pdb_entry_strndup(e, value, len), 0);
	}
	sqlite3_reset(st);
	return rc;
}

/* After the venue table changed: every entry's venue, recognised again. */
static int recognise_all(struct pdb_store *s)
{
	sqlite3_stmt *ids, *update = NULL;
	int rc = 0;

	pdb_venues_free(s->venues);
	s->venues = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM entries WHERE inherited & 4 = 0",
			       -1, &ids, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "UPDATE entries SET venue_id = ?, workshop = ? WHERE id = ?",
			       -1, &update, NULL) != SQLITE_OK) {
		sqlite3_finalize(ids);
		return db_error(s, "recognising venues");
	}
	while (rc == 0 && sqlite3_step(ids) == SQLITE_ROW) {
		struct pdb_entry e;
		struct pdb_derived d;

		pdb_entry_init(&e);
		memset(&d, 0, sizeof(d));
		rc = load_entry(s, sqlite3_column_int64(ids, 0), &e);
		if (rc == 0)
			rc = recognise_venue(s, &e, &d);
		if (rc == 0) {
			bind_positive(update, 1, d.venue_id);
			sqlite3_bind_int(update, 2, d.workshop);
			sqlite3_bind_int64(update, 3, sqlite3_column_int64(ids, 0));
			rc = run(s, update, "recognising venues");
		}
		pdb_entry_release(&e);
	}
	sqlite3_finalize(ids);
	sqlite3_finalize(update);
	return rc ? rc : pdb_store_finish_import(s);
}

static char *column_dup(struct pdb_entry *e, sqlite3_stmt *st, int col)
{
	const unsigned char *text = sqlite3_column_text(st, col);

	return pdb_entry_strdup(e, text ? (const char *)text : "");
}

/* Reads the stored entry with this id back into e: head from row, then its fields. */
static int load_stored_entry(struct pdb_store *s, sqlite3_stmt *row, sqlite3_int64 id,
			     struct pdb_entry *e, long long *file_id)
{
	sqlite3_bind_int64(row, 1, id);
	if (sqlite3_step(row) != SQLITE_ROW) {
		sqlite3_reset(row);
		return db_error(s, "upgrading an entry");
	}
	e->kind = PDB_ENTRY_REGULAR;
	e->key = column_dup(e, row, 0);
	e->type = column_dup(e, row, 1);
	*file_id = sqlite3_column_int64(row, 2);
	e->line = (unsigned long)sqlite3_column_int64(row, 3);
	e->source = column_dup(e, row, 4);
	sqlite3_reset(row);
	if (!e->key || !e->type || !e->source)
		return PDB_ENOMEM;
	return load_entry(s, id, e);
}

/*
 * Derives every entry again from its stored fields, as an import of today
 * would: run inside the schema upgrade, so that an old database gains
 * author marks, venues and tags without its files being imported again.
 */
static int rederive_entries(struct pdb_store *s)
{
	sqlite3_stmt *ids = NULL, *row = NULL;
	struct pdb_buf list = PDB_BUF_INIT;	/* the ids, sqlite3_int64 each */
	int rc = PDB_EDB, step;

	if (set_cache(s, CACHE_WRITE) < 0)
		return PDB_EDB;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM entries ORDER BY id", -1, &ids, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT key, type, file_id, line, " ENTRY_SOURCE
			       " FROM entries AS e WHERE id = ?", -1, &row, NULL) != SQLITE_OK) {
		db_error(s, "upgrading the entries");
		goto out;
	}
	/* the ids are read first: updating rows while stepping over them is not defined */
	while ((step = sqlite3_step(ids)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(ids, 0);

		pdb_buf_add(&list, &id, sizeof(id));
	}
	if (step != SQLITE_DONE || pdb_buf_failed(&list)) {
		rc = step != SQLITE_DONE ? db_error(s, "upgrading the entries") : PDB_ENOMEM;
		goto out;
	}
	rc = 0;
	for (size_t at = 0; rc == 0 && at < list.len; at += sizeof(sqlite3_int64)) {
		struct pdb_entry e;
		sqlite3_int64 id, hash;
		long long file_id = 0;

		memcpy(&id, list.s + at, sizeof(id));
		pdb_entry_init(&e);
		rc = load_stored_entry(s, row, id, &e, &file_id);
		if (rc == 0)
			rc = hash_entry(s, &e, &hash);
		if (rc == 0)
			rc = store_derived(s, id, file_id, &e, hash);
		pdb_entry_release(&e);
	}
	if (rc == 0)
		rc = pdb_store_finish_import(s);
out:
	pdb_buf_release(&list);
	sqlite3_finalize(ids);
	sqlite3_finalize(row);
	return rc;
}

int pdb_store_add_venue(struct pdb_store *s, const char *short_name, const char *full,
			const char *kind, const char *const *aliases, size_t naliases)
{
	int rc = exec_bound(s, "INSERT INTO venues (short, full, kind) VALUES (?1, ?2, ?3)"
			    " ON CONFLICT (short) DO UPDATE SET full = excluded.full,"
			    " kind = excluded.kind", short_name, full, kind, "adding a venue");

	if (rc == 0)
		rc = add_alias_row(s, short_name, short_name);
	if (rc == 0)
		rc = add_alias_row(s, short_name, full);
	for (size_t i = 0; rc == 0 && i < naliases; i++)
		rc = add_alias_row(s, short_name, aliases[i]);
	return rc ? rc : recognise_all(s);
}

/* ---- checks ---- */

struct check_query {
	const char *what;
	const char *sql;	/* rows: key, other, detail (any may be NULL) */
};

static const struct check_query checks[] = {
	{ "integrity", "SELECT NULL, NULL, integrity_check FROM pragma_integrity_check"
		       " WHERE integrity_check != 'ok'" },
	{ "integrity", "SELECT NULL, NULL, 'foreign key from ' || \"table\""
		       " || coalesce(' row ' || rowid, '') || ' to missing ' || parent"
		       " FROM pragma_foreign_key_check" },	/* no rowid: a WITHOUT ROWID table */
	/* pubdb's own invariants: an entry has its text, whole, its names
	   are numbered 0..n-1, and its words are in the full-text index
	   (--search and --author look there) */
	{ "integrity", "SELECT NULL, NULL, 'entry ' || e.key || ': no text' FROM entries e"
		       " WHERE NOT EXISTS (SELECT 1 FROM entry_texts t WHERE t.entry_id = e.id)"
		       " ORDER BY e.key" },
	{ "integrity", "SELECT NULL, NULL, 'entry ' || e.key || ': fields damaged'"
		       " FROM entries e JOIN entry_texts t ON t.entry_id = e.id"
		       " WHERE NOT pdb_fields_whole(t.fields) ORDER BY e.key" },
	{ "integrity", "SELECT NULL, NULL, 'entry ' || e.key || ': ' || ep.role || 's not numbered 0..'"
		       " || (count(*) - 1) FROM entry_persons ep JOIN entries e ON e.id = ep.entry_id"
		       " GROUP BY ep.entry_id, ep.role"
		       " HAVING min(ep.pos) != 0 OR max(ep.pos) != count(*) - 1 ORDER BY e.key, ep.role" },
	{ "integrity", "SELECT NULL, NULL, 'entry ' || e.key || ': not in the full-text index'"
		       " FROM entries e WHERE e.id NOT IN (SELECT rowid FROM entries_fts) ORDER BY e.key" },
	{ "unknown venue", "SELECT min(key), NULL, count(*) || ' ' ||"
			   " CASE count(*) WHEN 1 THEN 'entry' ELSE 'entries' END || ': ' || venue"
			   " FROM entries WHERE venue_id IS NULL AND venue IS NOT NULL"
			   " GROUP BY venue_key ORDER BY count(*) DESC, venue_key" },
	{ "no year", "SELECT key, NULL, NULL FROM entries WHERE year IS NULL ORDER BY key" },
	{ "duplicate", "SELECT min(key), max(key), 'same DOI ' || doi"
		       " FROM (SELECT e.key, pdb_field(t.fields, 'doi') AS doi"
		       " FROM entries e JOIN entry_texts t ON t.entry_id = e.id)"
		       " WHERE doi IS NOT NULL GROUP BY lower(doi) HAVING count(*) > 1 ORDER BY min(key)" },
	{ "duplicate", "SELECT min(e.key), max(e.key), 'same title and first author'"
		       " FROM entries e JOIN entry_persons ep ON ep.entry_id = e.id"
		       " AND ep.role = 'author' AND ep.pos = 0 JOIN persons p ON p.id = ep.person_id"
		       " WHERE e.title_key IS NOT NULL GROUP BY e.title_key, p.family_key"
		       " HAVING count(*) > 1 ORDER BY min(e.key)" },
};

struct check_ctx {
	const char *what;
	pdb_finding_cb *cb;
	void *ctx;
};

static int finding_row(sqlite3_stmt *st, void *ctx)
{
	const struct check_ctx *c = ctx;
	struct pdb_finding f = { c->what, column_text(st, 0), column_text(st, 1), column_text(st, 2) };

	return c->cb(c->ctx, &f);
}

static int run_check(struct pdb_store *s, const struct check_query *q, pdb_finding_cb *cb,
		     void *ctx)
{
	struct check_ctx c = { q->what, cb, ctx };
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, q->sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(s, "checking the database");
	return each_row(s, st, finding_row, &c, "checking the database");
}

int pdb_store_check(struct pdb_store *s, pdb_finding_cb *cb, void *ctx)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < sizeof(checks) / sizeof(checks[0]); i++)
		rc = run_check(s, &checks[i], cb, ctx);
	return rc;
}

/* ---- stats ---- */

/*
 * Counts over the entries a query selects, as "entries AS e" joined with
 * what the count needs. With a limit, the entries are those of the sorted,
 * limited query (e.id IN ...); without, its conditions apply to e itself:
 * sorting 150,000 entries by date and title for a set that the order does
 * not change took 0.5 s a count, and matching every entry against that set
 * twice what counting took.
 */
struct count_sql {
	const char *from;	/* up to the WHERE */
	const char *tail;	/* after it */
};

static const struct count_sql count_by_sql[PDB_STAT_BY_KINDS] = {
	[PDB_STAT_YEAR] = { "SELECT CAST(e.year AS TEXT), count(*) FROM entries AS e",
			    " GROUP BY 1 ORDER BY e.year DESC NULLS LAST" },
	/* the venue column of the table: a workshop is not its host venue */
	[PDB_STAT_VENUE] = { "SELECT CASE WHEN e.workshop THEN e.venue"
			     " ELSE coalesce(e.abbr, v.short, e.venue) END AS label, count(*)"
			     " FROM entries AS e LEFT JOIN venues v ON v.id = e.venue_id",
			     " GROUP BY 1 ORDER BY 2 DESC, label IS NULL, 1" },
	[PDB_STAT_TYPE] = { "SELECT e.type, count(*) FROM entries AS e",
			    " GROUP BY 1 ORDER BY 2 DESC, 1" },
	[PDB_STAT_AWARD] = { "SELECT substr(t.tag, 7), count(*) FROM entries AS e"
			     " JOIN tags t ON t.entry_id = e.id AND t.tag BETWEEN 'award:' AND 'award;'",
			     " GROUP BY 1 ORDER BY 2 DESC, 1" },
};

static int prepare_count(struct pdb_store *s, const struct count_sql *count,
			 const struct pdb_query *q, sqlite3_stmt **st)
{
	struct pdb_buf head = PDB_BUF_INIT, tail = PDB_BUF_INIT;
	int rc;

	if (q->limit < 0)
		return prepare_query(s, count->from, q, 0, count->tail, st);
	pdb_buf_adds(&head, count->from);
	pdb_buf_adds(&head, " WHERE e.id IN (SELECT e.id FROM entries AS e");
	pdb_buf_addc(&tail, ')');
	pdb_buf_adds(&tail, count->tail);
	rc = pdb_buf_failed(&head) || pdb_buf_failed(&tail) ? PDB_ENOMEM :
	     prepare_query(s, pdb_buf_str(&head), q, 1, pdb_buf_str(&tail), st);
	pdb_buf_release(&head);
	pdb_buf_release(&tail);
	return rc;
}

struct stat_ctx {
	pdb_stat_cb *cb;
	void *ctx;
};

static int stat_row(sqlite3_stmt *st, void *ctx)
{
	const struct stat_ctx *c = ctx;

	return c->cb(c->ctx, column_text(st, 0), sqlite3_column_int64(st, 1));
}

int pdb_store_count_by(struct pdb_store *s, const struct pdb_query *q, enum pdb_stat_by by,
		       pdb_stat_cb *cb, void *ctx)
{
	struct stat_ctx c = { cb, ctx };
	sqlite3_stmt *st;
	int rc;

	if ((int)by < 0 || by >= PDB_STAT_BY_KINDS)
		return PDB_EUSAGE;
	rc = prepare_count(s, &count_by_sql[by], q, &st);
	if (rc < 0)
		return rc;
	return each_row(s, st, stat_row, &c, "counting entries");
}

int pdb_store_totals(struct pdb_store *s, const struct pdb_query *q, struct pdb_stat_totals *t)
{
	struct pdb_buf head = PDB_BUF_INIT;
	struct count_sql count = { NULL, "" };
	sqlite3_stmt *st;
	int rc;

	/* the owner first, or in the first author's equal-contribution group (a first author is too) */
	pdb_buf_addf(&head,
		 "SELECT count(*), coalesce(sum(e.equal), 0),"
		 " coalesce(sum(e.id IN (" PDB_SQL_AWARDED_IDS ")), 0),"
		 " coalesce(sum(e.id IN (" PDB_SQL_OWNER_COFIRST_IDS " AND ep.pos = 0)), 0),"
		 " coalesce(sum(e.id IN (" PDB_SQL_OWNER_COFIRST_IDS " AND ep.pos > 0)), 0)"
		 " FROM entries AS e", PDB_MARK_COFIRST, PDB_MARK_COFIRST);
	count.from = pdb_buf_str(&head);
	rc = pdb_buf_failed(&head) ? PDB_ENOMEM : prepare_count(s, &count, q, &st);
	pdb_buf_release(&head);
	if (rc < 0)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		t->entries = sqlite3_column_int64(st, 0);
		t->equal = sqlite3_column_int64(st, 1);
		t->awarded = sqlite3_column_int64(st, 2);
		t->first_author = sqlite3_column_int64(st, 3);
		t->co_first = sqlite3_column_int64(st, 4);
	} else {
		rc = db_error(s, "counting entries");
	}
	sqlite3_finalize(st);
	return rc;
}
