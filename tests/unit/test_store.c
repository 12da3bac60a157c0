/*
 * Unit tests for the database (src/store.c) and for importing a stream
 * into it (src/import.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pubdb/buf.h"
#include "pubdb/diag.h"
#include "pubdb/import.h"
#include "pubdb/model.h"
#include "pubdb/query.h"
#include "pubdb/store.h"
#include "testlib.h"

/* ---- helpers ---- */

/* What a test wants to know of a record, copied out of the callback. */
struct rec {
	char *key;
	char *type;
	char *title;
	char *venue;
	int year;
	int month;
	char *source;
	char *fields;	/* "name=raw=value\n"... */
	char *authors;	/* "given|von|family|jr|raw|literal\n"... */
	char *editors;
	char *marks;	/* "marks,equal,me;" of each author, then "|", each editor */
	char *tags;	/* "tag\n"... */
	size_t ntags;
};

struct recs {
	struct rec v[16];
	size_t n;
};

struct fixture {
	struct pdb_buf msgs;
	struct pdb_diag diag;
	struct pdb_store *s;
	long long file_id;
	char path[64];		/* a temporary file, "" when unused */
	struct recs rs;		/* what a test loaded; released by teardown */
};

static void recs_release(struct recs *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		struct rec *o = &rs->v[i];

		free(o->key);
		free(o->type);
		free(o->title);
		free(o->venue);
		free(o->source);
		free(o->fields);
		free(o->authors);
		free(o->editors);
		free(o->marks);
		free(o->tags);
	}
	rs->n = 0;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	test_diag_init(&f->diag, &f->msgs);
	*state = f;
	return 0;
}

/* With an open ":memory:" store and a registered file "a.bib". */
static int setup_store(void **state)
{
	struct fixture *f;

	if (setup(state) < 0)
		return -1;
	f = *state;
	if (pdb_store_open(&f->s, ":memory:", &f->diag) != 0)
		return -1;
	if (pdb_store_file(f->s, "a.bib", &f->file_id) != 0)
		return -1;
	return 0;
}

static void remove_db_files(const char *path)
{
	char other[96];

	unlink(path);
	snprintf(other, sizeof(other), "%s-wal", path);
	unlink(other);
	snprintf(other, sizeof(other), "%s-shm", path);
	unlink(other);
	snprintf(other, sizeof(other), "%s-journal", path);
	unlink(other);
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	recs_release(&f->rs);
	pdb_store_close(f->s);
	if (f->path[0])
		remove_db_files(f->path);
	pdb_buf_release(&f->msgs);
	free(f);
	return 0;
}

/* Makes an empty temporary file for f->path. */
static void temp_path(struct fixture *f)
{
	int fd;

	strcpy(f->path, "/tmp/pubdb-test-store-XXXXXX");
	fd = mkstemp(f->path);
	assert_true(fd >= 0);
	close(fd);
}

/*
 * An entry from a NULL-terminated list of name, raw, value triples;
 * source is the text as it would stand in the file.
 */
static void make_entry(struct pdb_entry *e, const char *type, const char *key,
		       const char *const *fields)
{
	struct pdb_buf src = PDB_BUF_INIT;

	pdb_entry_init(e);
	e->kind = PDB_ENTRY_REGULAR;
	e->type = pdb_entry_strdup(e, type);
	e->key = pdb_entry_strdup(e, key);
	e->line = 1;
	pdb_buf_addf(&src, "@%s{%s", type, key);
	for (size_t i = 0; fields && fields[i]; i += 3) {
		pdb_buf_addf(&src, ",\n  %s = %s", fields[i], fields[i + 1]);
		assert_int_equal(test_add_field(e, fields[i], fields[i + 1], fields[i + 2],
						(unsigned long)(i / 3 + 2)), 0);
	}
	pdb_buf_adds(&src, "\n}");
	assert_false(pdb_buf_failed(&src));
	e->source = pdb_entry_strdup(e, pdb_buf_str(&src));
	pdb_buf_release(&src);
	assert_non_null(e->type);
	assert_non_null(e->key);
	assert_non_null(e->source);
}

static enum pdb_put_result put(struct fixture *f, const char *type, const char *key,
			       const char *const *fields)
{
	struct pdb_entry e;
	enum pdb_put_result res = (enum pdb_put_result)-1;

	make_entry(&e, type, key, fields);
	assert_int_equal(pdb_store_put(f->s, f->file_id, &e, &res), 0);
	pdb_entry_release(&e);
	return res;
}

/* The same file imported again: its keys may come back. */
static void reimport(struct fixture *f)
{
	assert_int_equal(pdb_store_file(f->s, "a.bib", &f->file_id), 0);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static char *persons_text(const struct pdb_person *p, size_t n)
{
	struct pdb_buf b = PDB_BUF_INIT;

	for (size_t i = 0; i < n; i++)
		pdb_buf_addf(&b, "%s|%s|%s|%s|%s|%d\n", p[i].given, p[i].von, p[i].family,
			     p[i].jr, p[i].raw, p[i].literal);
	return pdb_buf_detach(&b);
}

static void add_marks(struct pdb_buf *b, const struct pdb_person *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pdb_buf_addf(b, "%u,%d,%d;", p[i].marks, p[i].equal, p[i].me);
}

static int collect_record(void *ctx, const struct pdb_record *r)
{
	struct recs *rs = ctx;
	struct rec *o;
	struct pdb_buf b = PDB_BUF_INIT;

	if (rs->n == sizeof(rs->v) / sizeof(rs->v[0]))
		return 1;
	o = &rs->v[rs->n++];
	o->key = strdup(r->key);
	o->type = strdup(r->type);
	o->title = dup_or_null(r->title);
	o->venue = dup_or_null(r->venue);
	o->year = r->year;
	o->month = r->month;
	o->source = strdup(r->source);
	for (size_t i = 0; i < r->nfields; i++)
		pdb_buf_addf(&b, "%s=%s=%s\n", r->fields[i].name, r->fields[i].raw,
			     r->fields[i].value);
	o->fields = pdb_buf_detach(&b);
	o->authors = persons_text(r->authors, r->nauthors);
	o->editors = persons_text(r->editors, r->neditors);
	add_marks(&b, r->authors, r->nauthors);
	pdb_buf_addc(&b, '|');
	add_marks(&b, r->editors, r->neditors);
	o->marks = pdb_buf_detach(&b);
	for (size_t i = 0; i < r->ntags; i++)
		pdb_buf_addf(&b, "%s\n", r->tags[i]);
	o->tags = pdb_buf_detach(&b);
	o->ntags = r->ntags;
	return 0;
}

/* Loads the records matching one filter (kind < 0: all), in "added" order, at most limit. */
static void load_limited(struct fixture *f, int kind, const char *value, long limit,
			 struct recs *rs)
{
	struct pdb_query q;

	pdb_query_init(&q);
	q.limit = limit;
	assert_int_equal(pdb_query_set_sort(&q, "added", &f->diag), 0);
	if (kind >= 0)
		assert_int_equal(pdb_query_add(&q, (enum pdb_filter_kind)kind, value, &f->diag), 0);
	recs_release(rs);
	assert_int_equal(pdb_store_each(f->s, &q, PDB_LOAD_ALL, collect_record, rs), 0);
	pdb_query_release(&q);
}

static void load(struct fixture *f, int kind, const char *value, struct recs *rs)
{
	load_limited(f, kind, value, -1, rs);
}

static long long count_all(struct fixture *f)
{
	struct pdb_query q;
	long long n = -1;

	pdb_query_init(&q);
	assert_int_equal(pdb_store_count(f->s, &q, &n), 0);
	pdb_query_release(&q);
	return n;
}

/* ---- open ---- */

static void test_open_memory_creates_schema(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(pdb_store_open(&f->s, ":memory:", &f->diag), 0);
	assert_non_null(f->s);
	assert_true(pdb_schema_version() >= 1);
	assert_int_equal(pdb_store_version(f->s), pdb_schema_version());
	assert_int_equal(count_all(f), 0);
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

static void test_open_file_twice(void **state)
{
	struct fixture *f = *state;

	temp_path(f);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	assert_int_equal(pdb_store_file(f->s, "a.bib", &f->file_id), 0);
	assert_int_equal(put(f, "misc", "k1", NULL), PDB_PUT_ADDED);
	assert_int_equal(pdb_config_set(f->s, "me", "Haocheng Xi"), 0);
	pdb_store_close(f->s);
	f->s = NULL;
	/* reopening an up-to-date database keeps what it holds */
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	assert_int_equal(pdb_store_version(f->s), pdb_schema_version());
	assert_int_equal(count_all(f), 1);
	{
		char *v = NULL;

		assert_int_equal(pdb_config_get(f->s, "me", &v), 0);
		assert_string_equal(v, "Haocheng Xi");
		free(v);
	}
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

static void test_open_newer_schema_refused(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = NULL;
	char want[256];

	temp_path(f);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), PDB_EDB);
	assert_null(f->s);
	snprintf(want, sizeof(want),
		 "pubdb: error: database '%s' has schema version 99, newer than this pubdb"
		 " understands (%d); upgrade pubdb\n", f->path, pdb_schema_version());
	assert_string_equal(pdb_buf_str(&f->msgs), want);
	/* and left alone */
	db = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	{
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1,
						    &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
}

static void test_open_not_a_database(void **state)
{
	struct fixture *f = *state;
	FILE *fp;
	char want[256];

	temp_path(f);
	fp = fopen(f->path, "w");
	assert_non_null(fp);
	for (int i = 0; i < 20; i++)
		fputs("@misc{key, title = {This is BibTeX, not SQLite}}\n", fp);
	fclose(fp);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), PDB_EDB);
	assert_null(f->s);
	snprintf(want, sizeof(want),
		 "pubdb: error: cannot open database '%s': file is not a database\n", f->path);
	assert_string_equal(pdb_buf_str(&f->msgs), want);
	assert_int_equal(f->diag.errors, 1);
}

/* ---- put ---- */

static const char *const entry_v1[] = {
	"author", "{M{\\\"u}ller, J{\\\"o}rg and Haocheng Xi}", "M{\\\"u}ller, J{\\\"o}rg and Haocheng Xi",
	"editor", "{de la Fontaine, Jean}", "de la Fontaine, Jean",
	"title", "{{\\\"U}ber {RNA} \\& Co}", "{\\\"U}ber {RNA} \\& Co",
	"journal", "jml", "Journal of {M}achine {L}earning",
	"year", "{2021}", "2021",
	"month", "may", "May",
	NULL,
};

static void test_put_added_then_unchanged(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(put(f, "article", "Mueller2021", entry_v1), PDB_PUT_ADDED);
	reimport(f);
	assert_int_equal(put(f, "article", "Mueller2021", entry_v1), PDB_PUT_UNCHANGED);
	assert_int_equal(count_all(f), 1);
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

static void test_put_updated(void **state)
{
	static const char *const v2[] = {
		"title", "{New title}", "New title",
		"year", "2022", "2022",
		NULL,
	};
	static const char *const v3_raw[] = {
		"title", "\"New title\"", "New title",
		"year", "2022", "2022",
		NULL,
	};
	struct fixture *f = *state;
	struct recs *rs = &f->rs;

	assert_int_equal(put(f, "article", "k", entry_v1), PDB_PUT_ADDED);
	reimport(f);
	assert_int_equal(put(f, "article", "k", v2), PDB_PUT_UPDATED);
	reimport(f);
	assert_int_equal(put(f, "article", "k", v2), PDB_PUT_UNCHANGED);
	/* the same value written differently is a change too */
	reimport(f);
	assert_int_equal(put(f, "article", "k", v3_raw), PDB_PUT_UPDATED);
	/* and so is the type */
	reimport(f);
	assert_int_equal(put(f, "inproceedings", "k", v3_raw), PDB_PUT_UPDATED);
	assert_int_equal(count_all(f), 1);
	load(f, -1, NULL, rs);
	assert_int_equal(rs->n, 1);
	assert_string_equal(rs->v[0].type, "inproceedings");
	assert_string_equal(rs->v[0].title, "New title");
	assert_int_equal(rs->v[0].year, 2022);
	assert_int_equal(rs->v[0].month, 0);
	assert_null(rs->v[0].venue);
	assert_string_equal(rs->v[0].fields, "title=\"New title\"=New title\nyear=2022=2022\n");
	/* the old authors went with the old version */
	assert_string_equal(rs->v[0].authors, "");
	assert_string_equal(rs->v[0].editors, "");
	recs_release(rs);
}

static void test_put_derived_columns(void **state)
{
	struct fixture *f = *state;
	struct recs *rs = &f->rs;

	assert_int_equal(put(f, "article", "Mueller2021", entry_v1), PDB_PUT_ADDED);
	load(f, -1, NULL, rs);
	assert_int_equal(rs->n, 1);
	assert_string_equal(rs->v[0].key, "Mueller2021");
	assert_string_equal(rs->v[0].type, "article");
	assert_string_equal(rs->v[0].title, "\xc3\x9c" "ber RNA & Co");
	assert_string_equal(rs->v[0].venue, "Journal of Machine Learning");
	assert_int_equal(rs->v[0].year, 2021);
	assert_int_equal(rs->v[0].month, 5);
	assert_string_equal(rs->v[0].fields,
			    "author={M{\\\"u}ller, J{\\\"o}rg and Haocheng Xi}="
			    "M{\\\"u}ller, J{\\\"o}rg and Haocheng Xi\n"
			    "editor={de la Fontaine, Jean}=de la Fontaine, Jean\n"
			    "title={{\\\"U}ber {RNA} \\& Co}={\\\"U}ber {RNA} \\& Co\n"
			    "journal=jml=Journal of {M}achine {L}earning\n"
			    "year={2021}=2021\n"
			    "month=may=May\n");
	assert_string_equal(rs->v[0].authors,
			    "J\xc3\xb6rg||M\xc3\xbcller||M{\\\"u}ller, J{\\\"o}rg|0\n"
			    "Haocheng||Xi||Xi, Haocheng|0\n");
	assert_string_equal(rs->v[0].editors, "Jean|de la|Fontaine||de la Fontaine, Jean|0\n");
	assert_string_equal(rs->v[0].source,
			    "@article{Mueller2021,\n"
			    "  author = {M{\\\"u}ller, J{\\\"o}rg and Haocheng Xi},\n"
			    "  editor = {de la Fontaine, Jean},\n"
			    "  title = {{\\\"U}ber {RNA} \\& Co},\n"
			    "  journal = jml,\n"
			    "  year = {2021},\n"
			    "  month = may\n"
			    "}");
	assert_int_equal(rs->v[0].ntags, 0);
	recs_release(rs);
}

/*
 * Without a limit, an entry's fields, names and tags come packed in its
 * row; with one, by one more statement per entry: the records are the same.
 */
static void test_each_packed_and_limited_agree(void **state)
{
	static const char *const marked[] = {
		"author", "{Yang*, Shuo and Xi*, Haocheng and Zhao, Yilong}",
		"Yang*, Shuo and Xi*, Haocheng and Zhao, Yilong",
		"editor", "{{Barnes and Noble} and Roe, Jane}", "{Barnes and Noble} and Roe, Jane",
		"title", "{Marked}", "Marked",
		"award", "{Best Paper}", "Best Paper",
		"keywords", "{robustness, diffusion}", "robustness, diffusion",
		"year", "2024", "2024",
		NULL,
	};
	struct fixture *f = *state;
	struct recs *rs = &f->rs, limited = { .n = 0 };

	assert_int_equal(pdb_store_set_owner(f->s, "Haocheng Xi"), 0);
	assert_int_equal(put(f, "article", "Mueller2021", entry_v1), PDB_PUT_ADDED);
	assert_int_equal(put(f, "inproceedings", "Yang2024", marked), PDB_PUT_ADDED);
	load(f, -1, NULL, rs);
	load_limited(f, -1, NULL, 5, &limited);
	assert_int_equal(rs->n, 2);
	assert_int_equal(limited.n, 2);
	for (size_t i = 0; i < rs->n; i++) {
		assert_string_equal(limited.v[i].key, rs->v[i].key);
		assert_string_equal(limited.v[i].fields, rs->v[i].fields);
		assert_string_equal(limited.v[i].authors, rs->v[i].authors);
		assert_string_equal(limited.v[i].editors, rs->v[i].editors);
		assert_string_equal(limited.v[i].marks, rs->v[i].marks);
		assert_string_equal(limited.v[i].tags, rs->v[i].tags);
	}
	assert_string_equal(rs->v[0].marks, "64,0,0;0,0,1;|64,0,0;");
	assert_string_equal(rs->v[1].fields,
			    "author={Yang*, Shuo and Xi*, Haocheng and Zhao, Yilong}="
			    "Yang*, Shuo and Xi*, Haocheng and Zhao, Yilong\n"
			    "editor={{Barnes and Noble} and Roe, Jane}={Barnes and Noble} and Roe, Jane\n"
			    "title={Marked}=Marked\n"
			    "award={Best Paper}=Best Paper\n"
			    "keywords={robustness, diffusion}=robustness, diffusion\n"
			    "year=2024=2024\n");
	assert_string_equal(rs->v[1].marks, "97,1,0;97,1,1;0,0,0;|64,0,0;0,0,0;");
	assert_string_equal(rs->v[1].editors,
			    "||Barnes and Noble||{Barnes and Noble}|1\n"
			    "Jane||Roe||Roe, Jane|0\n");
	assert_string_equal(rs->v[1].tags, "award:Best Paper\ntopic:diffusion\ntopic:robustness\n");
	recs_release(&limited);
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

/*
 * Values read back as stored, whichever way they are packed: raw without
 * its delimiters, raw itself, or their own text, also when that begins
 * with one of the bytes that mark the other two.
 */
static void test_packed_field_values(void **state)
{
	static const char *const fields[] = {
		"title", "{Inner}", "Inner",
		"note", "\"Quoted\"", "Quoted",
		"year", "2024", "2024",
		"month", "jan", "January",
		"empty", "{}", "",
		"short", "{ab}", "ab ",
		"one", "x", "\x01",
		"two", "{\x02}", "\x02b",
		"three", "y", "\x03",
		"inner1", "{\x01a}", "\x01a",
		NULL,
	};
	static const char want[] =
		"title={Inner}=Inner\n"
		"note=\"Quoted\"=Quoted\n"
		"year=2024=2024\n"
		"month=jan=January\n"
		"empty={}=\n"
		"short={ab}=ab \n"
		"one=x=\x01\n"
		"two={\x02}=\x02b\n"
		"three=y=\x03\n"
		"inner1={\x01a}=\x01a\n";
	struct fixture *f = *state;
	struct recs limited = { .n = 0 };

	assert_int_equal(put(f, "misc", "Packed", fields), PDB_PUT_ADDED);
	load(f, -1, NULL, &f->rs);
	load_limited(f, -1, NULL, 5, &limited);
	assert_int_equal(f->rs.n, 1);
	assert_int_equal(limited.n, 1);
	assert_string_equal(f->rs.v[0].fields, want);
	assert_string_equal(limited.v[0].fields, want);
	recs_release(&limited);
}

static void check_year_month(struct fixture *f, const char *key, const char *const *fields,
			     int year, int month)
{
	struct recs *rs = &f->rs;

	assert_int_equal(put(f, "misc", key, fields), PDB_PUT_ADDED);
	load(f, PDB_FILTER_KEY, key, rs);
	assert_int_equal(rs->n, 1);
	if (rs->v[0].year != year || rs->v[0].month != month)
		fail_msg("%s: year %d month %d, want %d %d", key, rs->v[0].year, rs->v[0].month,
			 year, month);
	recs_release(rs);
}

static void test_put_year_and_month_forms(void **state)
{
	struct fixture *f = *state;

	check_year_month(f, "y1", (const char *const[]){ "year", "{2021+}", "2021+", NULL }, 2021, 0);
	check_year_month(f, "y2", (const char *const[]){ "date", "{2020-05-01}", "2020-05-01", NULL },
			 2020, 5);
	check_year_month(f, "y3", (const char *const[]){ "year", "2019", "2019",
							  "month", "{12}", "12", NULL }, 2019, 12);
	check_year_month(f, "y4", (const char *const[]){ "year", "2019", "2019",
							  "month", "{Sept.}", "Sept.", NULL }, 2019, 9);
	check_year_month(f, "y5", (const char *const[]){ "year", "{in press}", "in press", NULL },
			 0, 0);
	check_year_month(f, "y6", (const char *const[]){ "year", "{}", "",
							  "date", "{1999-11}", "1999-11", NULL },
			 1999, 11);
	check_year_month(f, "y7", (const char *const[]){ "month", "{13}", "13", NULL }, 0, 0);
	check_year_month(f, "y8", (const char *const[]){ "year", "2019", "2019",
							  "month", "oct", "October", NULL }, 2019, 10);
}

static void test_put_venue_first_nonempty(void **state)
{
	static const char *const fields[] = {
		"journal", "{}", "",
		"booktitle", "{Proc. of {ICML}}", "Proc. of {ICML}",
		"publisher", "{PMLR}", "PMLR",
		NULL,
	};
	struct fixture *f = *state;
	struct recs *rs = &f->rs;

	assert_int_equal(put(f, "inproceedings", "v", fields), PDB_PUT_ADDED);
	load(f, -1, NULL, rs);
	assert_int_equal(rs->n, 1);
	assert_string_equal(rs->v[0].venue, "Proc. of ICML");
	assert_null(rs->v[0].title);
	recs_release(rs);
}

static void test_crossref_inherits(void **state)
{
	static const char *const parent[] = {
		"title", "{Proceedings of {NeurIPS} 2020}", "Proceedings of {NeurIPS} 2020",
		"booktitle", "{Advances in {NeurIPS}}", "Advances in {NeurIPS}",
		"year", "2020", "2020",
		"month", "dec", "December",
		NULL,
	};
	static const char *const child[] = {
		"title", "{Child}", "Child",
		"crossref", "{neurips20}", "neurips20",
		NULL,
	};
	static const char *const own_year[] = {
		"title", "{Own year}", "Own year",
		"year", "2019", "2019",
		"crossref", "{neurips20}", "neurips20",
		NULL,
	};
	static const char *const bare_parent[] = {
		"title", "{Workshop on {X}}", "Workshop on {X}",
		"year", "2018", "2018",
		NULL,
	};
	static const char *const child2[] = {
		"crossref", "{ws18}", "ws18",
		NULL,
	};
	static const char *const orphan[] = {
		"crossref", "{nowhere}", "nowhere",
		NULL,
	};
	struct fixture *f = *state;
	struct recs *rs = &f->rs;

	/* children first: crossref is resolved at the end of an import */
	assert_int_equal(put(f, "inproceedings", "c1", child), PDB_PUT_ADDED);
	assert_int_equal(put(f, "inproceedings", "c2", own_year), PDB_PUT_ADDED);
	assert_int_equal(put(f, "inproceedings", "c3", child2), PDB_PUT_ADDED);
	assert_int_equal(put(f, "inproceedings", "c4", orphan), PDB_PUT_ADDED);
	assert_int_equal(put(f, "proceedings", "neurips20", parent), PDB_PUT_ADDED);
	assert_int_equal(put(f, "proceedings", "ws18", bare_parent), PDB_PUT_ADDED);
	load(f, PDB_FILTER_KEY, "c1", rs);
	assert_int_equal(rs->n, 1);
	assert_int_equal(rs->v[0].year, 0);
	assert_null(rs->v[0].venue);
	recs_release(rs);

	assert_int_equal(pdb_store_finish_import(f->s), 0);
	load(f, -1, NULL, rs);
	assert_int_equal(rs->n, 6);
	assert_string_equal(rs->v[0].key, "c1");
	assert_int_equal(rs->v[0].year, 2020);
	assert_int_equal(rs->v[0].month, 12);
	assert_string_equal(rs->v[0].venue, "Advances in NeurIPS");
	assert_string_equal(rs->v[0].title, "Child");
	assert_string_equal(rs->v[1].key, "c2");
	/* its own year, and the month it lacks from the parent, as BibTeX does */
	assert_int_equal(rs->v[1].year, 2019);
	assert_int_equal(rs->v[1].month, 12);
	assert_string_equal(rs->v[1].venue, "Advances in NeurIPS");
	/* a parent without venue fields lends its title */
	assert_string_equal(rs->v[2].key, "c3");
	assert_int_equal(rs->v[2].year, 2018);
	assert_string_equal(rs->v[2].venue, "Workshop on X");
	assert_string_equal(rs->v[3].key, "c4");
	assert_int_equal(rs->v[3].year, 0);
	assert_null(rs->v[3].venue);
	recs_release(rs);

	/* the venue filter sees the inherited venue */
	load(f, PDB_FILTER_VENUE, "advances in neurips", rs);
	assert_int_equal(rs->n, 3);
	assert_string_equal(rs->v[0].key, "c1");
	assert_string_equal(rs->v[1].key, "c2");
	assert_string_equal(rs->v[2].key, "neurips20");
	recs_release(rs);
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

/*
 * What a child inherited must follow its parent: after the parent's year
 * and booktitle change and the import is finished again, the child shows
 * the new ones.
 */
static void test_crossref_follows_parent_update(void **state)
{
	static const char *const parent_v1[] = {
		"booktitle", "{Conf A}", "Conf A",
		"year", "2020", "2020",
		NULL,
	};
	static const char *const parent_v2[] = {
		"booktitle", "{Conf B}", "Conf B",
		"year", "2021", "2021",
		NULL,
	};
	static const char *const child[] = {
		"title", "{Child}", "Child",
		"crossref", "{p}", "p",
		NULL,
	};
	struct fixture *f = *state;
	struct recs *rs = &f->rs;

	assert_int_equal(put(f, "proceedings", "p", parent_v1), PDB_PUT_ADDED);
	assert_int_equal(put(f, "inproceedings", "c", child), PDB_PUT_ADDED);
	assert_int_equal(pdb_store_finish_import(f->s), 0);
	load(f, PDB_FILTER_KEY, "c", rs);
	assert_int_equal(rs->n, 1);
	assert_int_equal(rs->v[0].year, 2020);
	assert_string_equal(rs->v[0].venue, "Conf A");
	recs_release(rs);

	/* a re-import: the parent changed, the child did not */
	reimport(f);
	assert_int_equal(put(f, "proceedings", "p", parent_v2), PDB_PUT_UPDATED);
	assert_int_equal(put(f, "inproceedings", "c", child), PDB_PUT_UNCHANGED);
	assert_int_equal(pdb_store_finish_import(f->s), 0);
	load(f, PDB_FILTER_KEY, "c", rs);
	assert_int_equal(rs->n, 1);
	if (rs->v[0].year != 2021 || !rs->v[0].venue || strcmp(rs->v[0].venue, "Conf B") != 0)
		fail_msg("child of an updated parent: year %d venue \"%s\", want 2021 \"Conf B\"",
			 rs->v[0].year, rs->v[0].venue ? rs->v[0].venue : "(null)");
	recs_release(rs);
}

static void test_remove(void **state)
{
	struct fixture *f = *state;
	struct recs *rs = &f->rs;

	assert_int_equal(put(f, "article", "a", entry_v1), PDB_PUT_ADDED);
	assert_int_equal(put(f, "misc", "b", NULL), PDB_PUT_ADDED);
	assert_int_equal(pdb_store_remove(f->s, "a"), 0);
	assert_int_equal(pdb_store_remove(f->s, "a"), PDB_ENOTFOUND);
	assert_int_equal(pdb_store_remove(f->s, "never"), PDB_ENOTFOUND);
	assert_int_equal(count_all(f), 1);
	load(f, -1, NULL, rs);
	assert_int_equal(rs->n, 1);
	assert_string_equal(rs->v[0].key, "b");
	assert_string_equal(rs->v[0].fields, "");
	recs_release(rs);
	/* a removed key comes back as a new entry */
	assert_int_equal(put(f, "article", "a", entry_v1), PDB_PUT_ADDED);
	assert_int_equal(count_all(f), 2);
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

static void test_config(void **state)
{
	struct fixture *f = *state;
	char *v = (char *)"sentinel";

	assert_int_equal(pdb_config_get(f->s, "me", &v), PDB_ENOTFOUND);
	assert_null(v);
	assert_int_equal(pdb_config_unset(f->s, "me"), PDB_ENOTFOUND);
	assert_int_equal(pdb_config_set(f->s, "me", "Haocheng Xi; H. Xi"), 0);
	assert_int_equal(pdb_config_get(f->s, "me", &v), 0);
	assert_string_equal(v, "Haocheng Xi; H. Xi");
	free(v);
	assert_int_equal(pdb_config_set(f->s, "me", "Xi, Haocheng"), 0);
	assert_int_equal(pdb_config_set(f->s, "other", ""), 0);
	assert_int_equal(pdb_config_get(f->s, "me", &v), 0);
	assert_string_equal(v, "Xi, Haocheng");
	free(v);
	assert_int_equal(pdb_config_get(f->s, "other", &v), 0);
	assert_string_equal(v, "");
	free(v);
	assert_int_equal(pdb_config_unset(f->s, "me"), 0);
	assert_int_equal(pdb_config_get(f->s, "me", &v), PDB_ENOTFOUND);
	assert_null(v);
	assert_int_equal(pdb_config_unset(f->s, "me"), PDB_ENOTFOUND);
	assert_int_equal(pdb_config_get(f->s, "other", &v), 0);
	free(v);
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

/* ---- file items ---- */

static void make_item(struct pdb_entry *e, enum pdb_entry_kind kind, const char *type,
		      const char *const *fields)
{
	pdb_entry_init(e);
	e->kind = kind;
	e->type = pdb_entry_strdup(e, type);
	e->source = pdb_entry_strdup(e, "@...");
	e->line = 1;
	for (size_t i = 0; fields[i]; i += 3)
		assert_int_equal(test_add_field(e, fields[i], fields[i + 1], fields[i + 2], 1), 0);
}

static void put_item(struct fixture *f, long long file_id, long *pos, enum pdb_entry_kind kind,
		     const char *type, const char *const *fields)
{
	struct pdb_entry e;

	make_item(&e, kind, type, fields);
	assert_int_equal(pdb_store_put_item(f->s, file_id, pos, &e), 0);
	pdb_entry_release(&e);
}

static int collect_item(void *ctx, const struct pdb_file_item *it)
{
	pdb_buf_addf(ctx, "%s|%s|%s|%s\n", it->kind, it->name ? it->name : "(null)", it->raw,
		     it->value);
	return 0;
}

static void items_for(struct fixture *f, int kind, const char *value, const char *want)
{
	struct pdb_query q;
	struct pdb_buf got = PDB_BUF_INIT;

	pdb_query_init(&q);
	if (kind >= 0)
		assert_int_equal(pdb_query_add(&q, (enum pdb_filter_kind)kind, value, &f->diag), 0);
	assert_int_equal(pdb_store_each_item(f->s, &q, collect_item, &got), 0);
	assert_string_equal(pdb_buf_str(&got), want);
	pdb_buf_release(&got);
	pdb_query_release(&q);
}

static void test_items(void **state)
{
	struct fixture *f = *state;
	struct pdb_entry e;
	long pos = 0, pos2 = 0;
	long long file2 = 0, again = 0;
	enum pdb_put_result res;

	/* a.bib (f->file_id) */
	put_item(f, f->file_id, &pos, PDB_ENTRY_STRING, "string",
		 (const char *const[]){ "acm", "{ACM}", "ACM",
					"jml", "\"J. \" # acm", "J. ACM", NULL });
	put_item(f, f->file_id, &pos, PDB_ENTRY_COMMENT, "comment",
		 (const char *const[]){ "comment", " jabref-meta: x ", " jabref-meta: x ", NULL });
	put_item(f, f->file_id, &pos, PDB_ENTRY_PREAMBLE, "preamble",
		 (const char *const[]){ "preamble", "{\\newcommand{\\x}{y}}", "\\newcommand{\\x}{y}",
					NULL });
	assert_int_equal(pos, 4);
	assert_int_equal(put(f, "article", "in_a", entry_v1), PDB_PUT_ADDED);

	/* b.bib */
	assert_int_equal(pdb_store_file(f->s, "b.bib", &file2), 0);
	assert_true(file2 != f->file_id);
	put_item(f, file2, &pos2, PDB_ENTRY_STRING, "string",
		 (const char *const[]){ "acm", "{Assoc. Comp. Mach.}", "Assoc. Comp. Mach.", NULL });
	make_entry(&e, "misc", "in_b", NULL);
	assert_int_equal(pdb_store_put(f->s, file2, &e, &res), 0);
	assert_int_equal(res, PDB_PUT_ADDED);
	pdb_entry_release(&e);

	/* a regular entry is not an item */
	make_entry(&e, "misc", "x", NULL);
	assert_int_equal(pdb_store_put_item(f->s, file2, &pos2, &e), PDB_EUSAGE);
	pdb_entry_release(&e);

	items_for(f, PDB_FILTER_KEY, "in_a",
		  "string|acm|{ACM}|ACM\n"
		  "string|jml|\"J. \" # acm|J. ACM\n"
		  "preamble|(null)|{\\newcommand{\\x}{y}}|\\newcommand{\\x}{y}\n");
	items_for(f, PDB_FILTER_KEY, "in_b", "string|acm|{Assoc. Comp. Mach.}|Assoc. Comp. Mach.\n");
	items_for(f, PDB_FILTER_KEY, "nothing", "");
	items_for(f, -1, NULL,
		  "string|acm|{ACM}|ACM\n"
		  "string|jml|\"J. \" # acm|J. ACM\n"
		  "preamble|(null)|{\\newcommand{\\x}{y}}|\\newcommand{\\x}{y}\n"
		  "string|acm|{Assoc. Comp. Mach.}|Assoc. Comp. Mach.\n");

	/* registering a file again forgets its items, keeps its id */
	assert_int_equal(pdb_store_file(f->s, "a.bib", &again), 0);
	assert_int_equal(again, f->file_id);
	items_for(f, PDB_FILTER_KEY, "in_a", "");
	items_for(f, PDB_FILTER_KEY, "in_b", "string|acm|{Assoc. Comp. Mach.}|Assoc. Comp. Mach.\n");
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

/* ---- pdb_import ---- */

static FILE *open_text(const char *text)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");

	assert_non_null(fp);
	return fp;
}

static int import_text(struct fixture *f, const char *text, int strict,
		       struct pdb_import_stats *st)
{
	struct pdb_import_opts opts = { strict, NULL, 0, NULL, NULL };
	FILE *fp = open_text(text);
	int rc;

	memset(st, 0xff, sizeof(*st));
	rc = pdb_import(f->s, fp, "t.bib", "/data/t.bib", &opts, st, &f->diag);
	fclose(fp);
	return rc;
}

/* A packed value (schema/0008_entry_texts.sql) after its field's raw text. */
static void bind_packed_value(sqlite3_stmt *st, int i, const char *raw, const char *v)
{
	if (v[0] == 1)
		sqlite3_bind_text(st, i, raw + 1, (int)strlen(raw) - 2, SQLITE_STATIC);
	else
		sqlite3_bind_text(st, i, v[0] == 2 ? raw : v + (v[0] == 3), -1, SQLITE_STATIC);
}

/* Takes a database back to schema 7: a row a field, and the source in entries. */
static void undo_entry_texts(sqlite3 *db)
{
	sqlite3_stmt *texts, *add;

	assert_int_equal(sqlite3_exec(db, "CREATE TABLE fields ("
				      " entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,"
				      " pos INTEGER NOT NULL, name TEXT NOT NULL, raw TEXT NOT NULL,"
				      " value TEXT NOT NULL, PRIMARY KEY (entry_id, pos)) WITHOUT ROWID;"
				      " ALTER TABLE entries ADD COLUMN source TEXT NOT NULL DEFAULT '';"
				      " UPDATE entries SET source ="
				      " (SELECT source FROM entry_texts WHERE entry_id = entries.id)",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT entry_id, fields FROM entry_texts", -1,
					    &texts, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO fields VALUES (?, ?, ?, ?, ?)", -1,
					    &add, NULL), SQLITE_OK);
	while (sqlite3_step(texts) == SQLITE_ROW) {
		const char *p = sqlite3_column_blob(texts, 1);
		const char *end = p + sqlite3_column_bytes(texts, 1);

		for (int pos = 0; p < end; pos++) {
			const char *name = p, *raw = name + strlen(name) + 1;
			const char *value = raw + strlen(raw) + 1;

			p = value + strlen(value) + 1;
			sqlite3_bind_int64(add, 1, sqlite3_column_int64(texts, 0));
			sqlite3_bind_int(add, 2, pos);
			sqlite3_bind_text(add, 3, name, -1, SQLITE_STATIC);
			sqlite3_bind_text(add, 4, raw, -1, SQLITE_STATIC);
			bind_packed_value(add, 5, raw, value);
			assert_int_equal(sqlite3_step(add), SQLITE_DONE);
			sqlite3_reset(add);
		}
	}
	sqlite3_finalize(texts);
	sqlite3_finalize(add);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE entry_texts", NULL, NULL, NULL), SQLITE_OK);
}

/* The text of the first column of the first row of sql on the database at path. */
static void sql_text(const char *path, const char *sql, char *out, size_t size)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/*
 * The full-text index pubdb makes or upgrades to: it merges its segments
 * 8 at a time, not FTS5's 4; writes pages of 16,000 bytes, not 4,050; and
 * keeps no sizes of rows (schema/0010_fts_lean.sql).
 */
static void check_search_index_config(const char *path)
{
	char got[64];

	sql_text(path, "SELECT group_concat(k || '=' || v, ' ') FROM"
		 " (SELECT k, v FROM entries_fts_config WHERE k != 'version' ORDER BY k)",
		 got, sizeof(got));
	assert_string_equal(got, "automerge=8 pgsz=16000");
	sql_text(path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'entries_fts%'", got,
		 sizeof(got));
	assert_string_equal(got, "6");	/* the table, its 4 shadow tables (no docsize), the trigger */
	sql_text(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'entries_fts_docsize'", got,
		 sizeof(got));
	assert_string_equal(got, "0");
}

/* Imports bib into a new database file, closes it and opens it with SQLite alone. */
static sqlite3 *stored_then_opened_raw(struct fixture *f, const char *bib)
{
	struct pdb_import_stats st;
	sqlite3 *db = NULL;

	temp_path(f);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	assert_int_equal(import_text(f, bib, 0, &st), 0);
	pdb_store_close(f->s);
	f->s = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	return db;
}

/* Runs sql on db, what an older pubdb or damage left, closes it and opens the file with pubdb. */
static void reopened_after(struct fixture *f, sqlite3 *db, const char *sql)
{
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
}

/*
 * A database of schema version 3 (before full-text search) gets the index
 * of the entries it holds when opened: the same words as a new import's.
 */
static void test_upgrade_indexes_existing_entries(void **state)
{
	static const char bib[] =
		"@article{a, title = {Robust Diffusion}, author = {M{\\\"u}ller, J{\\\"o}rg},\n"
		"  journal = {Nature}, year = 2020,\n"
		"  abstract = {An {\\'E}cole study of {\\\"u}ber noise.}}\n"
		"@misc{b, title = {Other}, year = 2021}\n";
	struct fixture *f = *state;
	sqlite3 *db = stored_then_opened_raw(f, bib);
	char got[16];

	/* what a pubdb of schema version 3 would have left */
	undo_entry_texts(db);
	reopened_after(f, db, "DROP TRIGGER entry_persons_check; DROP TABLE person_checks;"
		       " DROP INDEX entry_persons_cofirst;"
		       " CREATE INDEX entry_persons_person ON entry_persons(person_id);"
		       " DROP TRIGGER entries_fts_delete; DROP TABLE entries_fts;"
		       " DROP INDEX entries_venue_year;"
		       " CREATE INDEX entries_venue ON entries(venue_id);"
		       " ALTER TABLE entries DROP COLUMN lead;"
		       " ALTER TABLE entries DROP COLUMN lead_names;"
		       " CREATE INDEX tags_tag ON tags(tag);"
		       " PRAGMA user_version = 3");
	assert_int_equal(pdb_store_version(f->s), pdb_schema_version());
	sql_text(f->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'tags_tag'", got, sizeof(got));
	assert_string_equal(got, "0");	/* schema 11 */
	check_search_index_config(f->path);
	load(f, PDB_FILTER_SEARCH, "muller uber ecole", &f->rs);
	assert_int_equal(f->rs.n, 1);
	assert_string_equal(f->rs.v[0].key, "a");
	load(f, PDB_FILTER_SEARCH, "nature diffus*", &f->rs);
	assert_int_equal(f->rs.n, 1);
	load(f, PDB_FILTER_SEARCH, "other", &f->rs);
	assert_int_equal(f->rs.n, 1);
	assert_string_equal(f->rs.v[0].key, "b");
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

/*
 * A database of schema version 11 held an author's words as the name's
 * parts converted together, where --author now looks for those of each
 * part: opened, it holds the new words.
 */
static void test_upgrade_rewrites_author_words(void **state)
{
	static const char bib[] = "@article{a, author = {Strau\\ss, Jr., Johann}, year = 2020}\n";
	struct fixture *f = *state;
	char got[64];

	reopened_after(f, stored_then_opened_raw(f, bib),
		       "UPDATE entries_fts SET authors = 'Johann Strau\xc3\x9fJr.'; PRAGMA user_version = 11");
	sql_text(f->path, "SELECT authors FROM entries_fts", got, sizeof(got));
	assert_string_equal(got, "Johann Strau\xc3\x9f Jr.");
	load(f, PDB_FILTER_AUTHOR, "Johann Strauss", &f->rs);
	assert_int_equal(f->rs.n, 1);
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

/*
 * --author finds its candidates in the full-text index: with an entry's
 * words gone from it (damage pubdb check reports), a name of ASCII letters
 * no longer finds the entry, while a name without any still reads every
 * name and finds it.
 */
static void test_author_looks_in_search_index(void **state)
{
	static const char bib[] =
		"@article{a, author = {Ann Lee and \xce\x9c\xce\xac\xce\xbd\xce\xbf\xcf\x82}, year = 2020}\n";
	struct fixture *f = *state;

	reopened_after(f, stored_then_opened_raw(f, bib), "DELETE FROM entries_fts");
	load(f, PDB_FILTER_AUTHOR, "Ann Lee", &f->rs);
	assert_int_equal(f->rs.n, 0);
	load(f, PDB_FILTER_AUTHOR, "\xce\x9c\xce\xac\xce\xbd\xce\xbf\xcf\x82", &f->rs);
	assert_int_equal(f->rs.n, 1);
	assert_string_equal(f->rs.v[0].key, "a");
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

static void check_stats(const struct pdb_import_stats *st, unsigned long added,
			unsigned long updated, unsigned long unchanged, unsigned long skipped,
			int rolled_back)
{
	if (st->added != added || st->updated != updated || st->unchanged != unchanged ||
	    st->skipped != skipped || st->rolled_back != rolled_back)
		fail_msg("stats added %lu updated %lu unchanged %lu skipped %lu rolled_back %d;"
			 " want %lu %lu %lu %lu %d", st->added, st->updated, st->unchanged,
			 st->skipped, st->rolled_back, added, updated, unchanged, skipped,
			 rolled_back);
}

/*
 * An entry of the same file, with the same text, after the same @string
 * definitions, is not parsed again on import (it would parse to what is
 * stored): its parse warnings do not come back. Any change before it, or
 * moving it, parses it again.
 */
static void test_reimport_skips_known_entries(void **state)
{
	static const char v1[] = "@string{v = {X}}\n@misc{k, title = v # u}\n";
	static const char v2[] = "@string{v = {Y}}\n@misc{k, title = v # u}\n";
	static const char moved[] = "@misc{k, title = v # u}\n@string{v = {Y}}\n";
	static const char comment[] = "@comment{new}\n@misc{k, title = v # u}\n@string{v = {Y}}\n";
	static const char warns[] = "t.bib:2: warning: undefined macro \"u\"\n";
	struct fixture *f = *state;
	struct pdb_import_stats st;

	assert_int_equal(import_text(f, v1, 0, &st), 0);
	check_stats(&st, 1, 0, 0, 0, 0);
	assert_string_equal(pdb_buf_str(&f->msgs), warns);
	pdb_buf_reset(&f->msgs);
	assert_int_equal(import_text(f, v1, 0, &st), 0);
	check_stats(&st, 0, 0, 1, 0, 0);
	assert_string_equal(pdb_buf_str(&f->msgs), "");	/* not parsed */
	/* the macro it uses changed */
	assert_int_equal(import_text(f, v2, 0, &st), 0);
	check_stats(&st, 0, 1, 0, 0, 0);
	assert_string_equal(pdb_buf_str(&f->msgs), warns);
	pdb_buf_reset(&f->msgs);
	load(f, -1, NULL, &f->rs);
	assert_string_equal(f->rs.v[0].title, "Y");
	/* the same text, now before the definition */
	assert_int_equal(import_text(f, moved, 0, &st), 0);
	check_stats(&st, 0, 1, 0, 0, 0);
	assert_string_equal(pdb_buf_str(&f->msgs), "t.bib:1: warning: undefined macro \"v\"\n"
			    "t.bib:1: warning: undefined macro \"u\"\n");
	pdb_buf_reset(&f->msgs);
	load(f, -1, NULL, &f->rs);
	assert_null(f->rs.v[0].title);
	assert_int_equal(import_text(f, moved, 0, &st), 0);
	check_stats(&st, 0, 0, 1, 0, 0);
	assert_string_equal(pdb_buf_str(&f->msgs), "");
	/* an item before it that was not there: parsed again, and the same */
	assert_int_equal(import_text(f, comment, 0, &st), 0);
	check_stats(&st, 0, 0, 1, 0, 0);
	assert_string_equal(pdb_buf_str(&f->msgs), "t.bib:2: warning: undefined macro \"v\"\n"
			    "t.bib:2: warning: undefined macro \"u\"\n");
}

static void test_import_stats(void **state)
{
	static const char v1[] =
		"@string{acm = {ACM}}\n"
		"@article{a, title = {A}, journal = acm, year = 2020}\n"
		"@misc{b, title = {B}}\n";
	static const char v2[] =
		"@string{acm = {ACM}}\n"
		"@article{a, title = {A}, journal = acm, year = 2020}\n"
		"@misc{b, title = {B, revised}}\n"
		"@misc{c, title = {C}}\n";
	struct fixture *f = *state;
	struct pdb_import_stats st;
	struct recs *rs = &f->rs;

	assert_int_equal(import_text(f, v1, 0, &st), 0);
	check_stats(&st, 2, 0, 0, 0, 0);
	assert_int_equal(import_text(f, v1, 0, &st), 0);
	check_stats(&st, 0, 0, 2, 0, 0);
	assert_int_equal(import_text(f, v2, 0, &st), 0);
	check_stats(&st, 1, 1, 1, 0, 0);
	assert_string_equal(pdb_buf_str(&f->msgs), "");
	load(f, -1, NULL, rs);
	assert_int_equal(rs->n, 3);
	assert_string_equal(rs->v[0].key, "a");
	assert_string_equal(rs->v[0].venue, "ACM");
	assert_string_equal(rs->v[0].fields, "title={A}=A\njournal=acm=ACM\nyear=2020=2020\n");
	assert_string_equal(rs->v[1].title, "B, revised");
	assert_string_equal(rs->v[2].key, "c");
	recs_release(rs);
	/* three imports of the file, its @string stored once */
	items_for(f, -1, NULL, "string|acm|{ACM}|ACM\n");
}

static void test_import_duplicate_identical(void **state)
{
	static const char text[] =
		"@misc{a, title = {A}}\n"
		"@misc{b, title = {B}}\n"
		"@misc{a, title = {A}}\n";
	struct fixture *f = *state;
	struct pdb_import_stats st;

	assert_int_equal(import_text(f, text, 0, &st), 0);
	check_stats(&st, 2, 0, 0, 0, 0);
	assert_string_equal(pdb_buf_str(&f->msgs),
			    "t.bib:3: warning: entry 'a' repeats the one at line 1 word for word; ignored\n");
	assert_int_equal(f->diag.errors, 0);
	assert_int_equal(count_all(f), 2);
}

static void test_import_duplicate_different(void **state)
{
	static const char text[] =
		"@misc{a, title = {First}}\n"
		"\n"
		"@misc{a, title = {Second}}\n"
		"@misc{b, title = {B}}\n";
	struct fixture *f = *state;
	struct pdb_import_stats st;
	struct recs *rs = &f->rs;

	assert_int_equal(import_text(f, text, 0, &st), PDB_EDATA);
	check_stats(&st, 2, 0, 0, 1, 0);
	assert_string_equal(pdb_buf_str(&f->msgs),
			    "t.bib:3: error: duplicate key 'a' (first defined at line 1); entry skipped\n");
	load(f, -1, NULL, rs);
	assert_int_equal(rs->n, 2);
	assert_string_equal(rs->v[0].key, "a");
	assert_string_equal(rs->v[0].title, "First");
	assert_string_equal(rs->v[1].key, "b");
	recs_release(rs);
}

/*
 * A key defined twice in one file is found in the database: the second
 * changes nothing, and the first is described (keys ignore case).
 */
static void test_put_duplicate_in_one_file(void **state)
{
	static const char *const other[] = { "title", "{Other}", "Other", NULL };
	struct fixture *f = *state;
	const struct pdb_first_entry *first;

	assert_int_equal(put(f, "article", "Mueller2021", entry_v1), PDB_PUT_ADDED);
	assert_int_equal(put(f, "misc", "b", NULL), PDB_PUT_ADDED);
	assert_int_equal(put(f, "article", "Mueller2021", entry_v1), PDB_PUT_DUPLICATE);
	first = pdb_store_first(f->s);
	assert_string_equal(first->key, "Mueller2021");
	assert_int_equal(first->line, 1);
	assert_true(first->same);
	assert_int_equal(put(f, "article", "MUELLER2021", other), PDB_PUT_DUPLICATE);
	first = pdb_store_first(f->s);
	assert_string_equal(first->key, "Mueller2021");
	assert_false(first->same);
	load(f, PDB_FILTER_KEY, "Mueller2021", &f->rs);
	assert_int_equal(f->rs.n, 1);
	assert_string_equal(f->rs.v[0].title, "Über RNA & Co");
	/* the next import of the file may define it again */
	reimport(f);
	assert_int_equal(put(f, "article", "MUELLER2021", other), PDB_PUT_UPDATED);
	assert_int_equal(count_all(f), 2);
}

/*
 * Lines added above unchanged entries move them: a re-import records
 * their new lines, so that the next one still knows them without parsing
 * them, and a duplicate below them names the line where they are now.
 */
static void test_reimport_moved_entries(void **state)
{
	static const char v1[] = "@string{v = {X}}\n@misc{k, title = v # u}\n@misc{b, title = {B}}\n";
	static const char moved[] = "\n\n@string{v = {X}}\n@misc{k, title = v # u}\n"
				    "@misc{b, title = {B}}\n@misc{b, title = {B}}\n";
	static const char repeat[] = "t.bib:6: warning: entry 'b' repeats the one at line 5 word for word;"
				     " ignored\n";
	struct fixture *f = *state;
	struct pdb_import_stats st;

	assert_int_equal(import_text(f, v1, 0, &st), 0);
	check_stats(&st, 2, 0, 0, 0, 0);
	pdb_buf_reset(&f->msgs);
	assert_int_equal(import_text(f, moved, 0, &st), 0);
	check_stats(&st, 0, 0, 2, 0, 0);
	assert_string_equal(pdb_buf_str(&f->msgs), repeat);	/* k not parsed */
	pdb_buf_reset(&f->msgs);
	assert_int_equal(import_text(f, moved, 0, &st), 0);
	check_stats(&st, 0, 0, 2, 0, 0);
	assert_string_equal(pdb_buf_str(&f->msgs), repeat);
}

/* The indexes of a database, as sqlite_schema lists them. */
static void index_list(const char *path, struct pdb_buf *out)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	pdb_buf_reset(out);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema"
					    " WHERE type = 'index' ORDER BY name", -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		pdb_buf_addf(out, "%s %s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/*
 * A first import builds its indexes at the end; one rolled back, or one
 * that imports nothing, leaves them as they were.
 */
static void test_first_import_indexes(void **state)
{
	static const char broken[] = "@misc{a, title = {A}}\n@misc{b, title = }\n";
	static const char good[] =
		"@misc{a, title = {A}, author = {Doe, Jane}, keywords = {x}, year = 2020,"
		" crossref = {p}}\n@proceedings{p, title = {P}}\n";
	struct fixture *f = *state;
	struct pdb_import_stats st;
	struct pdb_buf before = PDB_BUF_INIT, after = PDB_BUF_INIT;

	temp_path(f);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	index_list(f->path, &before);
	assert_non_null(strstr(pdb_buf_str(&before), "entry_persons_cofirst"));
	assert_int_equal(import_text(f, broken, 1, &st), PDB_EDATA);
	index_list(f->path, &after);
	assert_string_equal(pdb_buf_str(&after), pdb_buf_str(&before));
	assert_int_equal(import_text(f, "", 0, &st), 0);
	index_list(f->path, &after);
	assert_string_equal(pdb_buf_str(&after), pdb_buf_str(&before));
	assert_int_equal(import_text(f, good, 0, &st), 0);
	check_stats(&st, 2, 0, 0, 0, 0);
	index_list(f->path, &after);
	assert_string_equal(pdb_buf_str(&after), pdb_buf_str(&before));
	load(f, PDB_FILTER_KEY, "a", &f->rs);
	assert_int_equal(f->rs.n, 1);
	assert_string_equal(f->rs.v[0].venue, "P");	/* crossref resolved with them */
	pdb_buf_release(&before);
	pdb_buf_release(&after);
}

static void test_search_index_config(void **state)
{
	struct fixture *f = *state;

	temp_path(f);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	check_search_index_config(f->path);
}

/* Names stored with a person they are not: "Family, Given" as written against the row. */
static const char wrong_people_sql[] =
	"SELECT count(*) FROM entry_persons ep JOIN persons p ON p.id = ep.person_id"
	" WHERE ep.raw != p.family || ', ' || p.given";

/*
 * People are numbered where entries are derived: a person met first in
 * an entry that is not stored (a duplicate key) is still found, under
 * the right name, when a later entry names them; in a first import (two
 * threads) and in the next one.
 */
static void test_people_of_skipped_entries(void **state)
{
	static const char text[] =
		"@misc{a, author = {Smith, Alice}, title = {A}}\n"
		"@misc{a, author = {Jones, Bob and Smith, Alice}, title = {Other}}\n"
		"@misc{b, author = {Jones, Bob and Smith, Alice}, title = {B}}\n"
		"@misc{c, author = {Lee, Carol and Jones, Bob}, title = {C}}\n";
	static const char again[] =
		"@misc{d, author = {Moe, Dan and Lee, Carol}, title = {D}}\n"
		"@misc{d, author = {Poe, Eve}, title = {D}}\n"
		"@misc{e, author = {Poe, Eve and Moe, Dan and Smith, Alice}, title = {E}}\n";
	struct fixture *f = *state;
	struct pdb_import_stats st;
	char got[256];

	temp_path(f);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	assert_int_equal(import_text(f, text, 0, &st), PDB_EDATA);
	check_stats(&st, 3, 0, 0, 1, 0);
	sql_text(f->path, "SELECT group_concat(family, ' ') FROM"
		 " (SELECT family FROM persons ORDER BY id)", got, sizeof(got));
	assert_string_equal(got, "Smith Jones Lee");
	sql_text(f->path, wrong_people_sql, got, sizeof(got));
	assert_string_equal(got, "0");
	assert_int_equal(import_text(f, again, 0, &st), PDB_EDATA);
	sql_text(f->path, "SELECT group_concat(family, ' ') FROM"
		 " (SELECT family FROM persons ORDER BY id)", got, sizeof(got));
	assert_string_equal(got, "Smith Jones Lee Moe Poe");
	sql_text(f->path, "SELECT group_concat(raw, '; ') FROM (SELECT ep.raw FROM entry_persons ep"
		 " JOIN entries e ON e.id = ep.entry_id WHERE e.key = 'e' ORDER BY ep.pos)",
		 got, sizeof(got));
	assert_string_equal(got, "Poe, Eve; Moe, Dan; Smith, Alice");
	sql_text(f->path, wrong_people_sql, got, sizeof(got));
	assert_string_equal(got, "0");
}

/*
 * More people than the import remembers at once (PDB_IDCACHE_MAX): it
 * forgets them all and numbers them afresh, and one named before and
 * after that, and in skipped entries around it, is still one person.
 */
static void test_people_past_the_cache(void **state)
{
	enum { ENTRIES = 17000 };	/* two new people each: 34,000 */
	struct fixture *f = *state;
	struct pdb_buf text = PDB_BUF_INIT;
	struct pdb_import_stats st;
	char got[64];

	for (int i = 0; i < ENTRIES; i++) {
		pdb_buf_addf(&text, "@misc{k%d, author = {F%da, G and Often, Named and F%db, G},"
			     " title = {T}}\n", i, i, i);
		if (i % 1000 == 999)	/* a duplicate bringing a new person */
			pdb_buf_addf(&text, "@misc{k%d, author = {Dup%d, G and Often, Named},"
				     " title = {U}}\n@misc{x%d, author = {Dup%d, G}}\n", i, i, i, i);
	}
	temp_path(f);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	assert_int_equal(import_text(f, pdb_buf_str(&text), 0, &st), PDB_EDATA);
	check_stats(&st, ENTRIES + ENTRIES / 1000, 0, 0, ENTRIES / 1000, 0);
	sql_text(f->path, "SELECT count(*) FROM persons", got, sizeof(got));
	assert_string_equal(got, "34018");	/* 2 a entry, Often, 17 Dup */
	sql_text(f->path, "SELECT count(*) FROM entry_persons", got, sizeof(got));
	assert_string_equal(got, "51017");
	sql_text(f->path, wrong_people_sql, got, sizeof(got));
	assert_string_equal(got, "0");
	pdb_buf_release(&text);
}

/*
 * A person whose last name goes, with a changed entry or a removed one,
 * goes too; one still named by another entry stays. No index leads from
 * a person to every entry that names them: the people to ask about are
 * noted as their names go (person_checks), and none is left noted.
 */
static void test_people_named_nowhere_go(void **state)
{
	static const char v1[] =
		"@misc{a, author = {Smith, Alice and Jones, Bob}, title = {A}}\n"
		"@misc{b, author = {Jones, Bob and Lee, Carol}, editor = {Poe, Eve}, title = {B}}\n";
	static const char v2[] =
		"@misc{a, author = {Moe, Dan}, title = {A}}\n"
		"@misc{b, author = {Jones, Bob and Lee, Carol}, editor = {Poe, Eve}, title = {B}}\n";
	static const char people[] =
		"SELECT group_concat(family, ' ') FROM (SELECT family FROM persons ORDER BY family)";
	struct fixture *f = *state;
	struct pdb_import_stats st;
	char got[128];

	temp_path(f);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	assert_int_equal(import_text(f, v1, 0, &st), 0);
	sql_text(f->path, people, got, sizeof(got));
	assert_string_equal(got, "Jones Lee Poe Smith");
	assert_int_equal(import_text(f, v2, 0, &st), 0);
	check_stats(&st, 0, 1, 1, 0, 0);
	sql_text(f->path, people, got, sizeof(got));
	assert_string_equal(got, "Jones Lee Moe Poe");
	sql_text(f->path, "SELECT count(*) FROM person_checks", got, sizeof(got));
	assert_string_equal(got, "0");
	assert_int_equal(pdb_store_remove(f->s, "b"), 0);
	assert_int_equal(pdb_store_finish_import(f->s), 0);
	sql_text(f->path, people, got, sizeof(got));
	assert_string_equal(got, "Moe");
	sql_text(f->path, "SELECT count(*) FROM person_checks", got, sizeof(got));
	assert_string_equal(got, "0");
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

/* Which of the database's companion files exist, seen during an import. */
struct companions {
	const char *path;
	int wal, journal;	/* entries imported while each existed */
};

static int companion_exists(const char *path, const char *suffix)
{
	char name[96];

	snprintf(name, sizeof(name), "%s%s", path, suffix);
	return access(name, F_OK) == 0;
}

static void note_companions(void *ctx, unsigned long done)
{
	struct companions *c = ctx;

	(void)done;
	c->wal += companion_exists(c->path, "-wal");
	c->journal += companion_exists(c->path, "-journal");
}

static void import_watching(struct fixture *f, const char *text, struct companions *c)
{
	struct pdb_import_opts opts = { 0, NULL, 0, note_companions, c };
	struct pdb_import_stats st;
	FILE *fp = open_text(text);

	memset(c, 0, sizeof(*c));
	c->path = f->path;
	assert_int_equal(pdb_import(f->s, fp, "t.bib", "/data/t.bib", &opts, &st, &f->diag), 0);
	fclose(fp);
}

static void pragma_is(const char *path, const char *pragma, const char *want)
{
	char sql[64];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	snprintf(sql, sizeof(sql), "PRAGMA %s", pragma);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* A new database has 16 KB pages; one made before keeps its 4 KB pages. */
static void test_page_size(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = NULL;

	temp_path(f);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	pdb_store_close(f->s);
	f->s = NULL;
	pragma_is(f->path, "page_size", "16384");
	unlink(f->path);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA page_size = 4096; CREATE TABLE t (x)",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	pragma_is(f->path, "page_size", "4096");
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

static long long count_rows(const char *path, const char *table)
{
	char sql[64];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long n;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static const char two_entries[] = "@misc{a, title = {A}}\n@misc{b, title = {B}}\n";

/*
 * A first import writes through a rollback journal, not the WAL, and
 * leaves the database in WAL mode; a later one writes through the WAL.
 */
static void test_first_import_journal(void **state)
{
	struct fixture *f = *state;
	struct companions c;

	temp_path(f);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	import_watching(f, two_entries, &c);
	assert_int_equal(c.wal, 0);
	assert_int_equal(c.journal, 2);
	pragma_is(f->path, "journal_mode", "wal");
	import_watching(f, "@misc{c, title = {C}}\n", &c);
	assert_int_equal(c.wal, 1);
	assert_int_equal(c.journal, 0);
	assert_int_equal(count_all(f), 3);
	/* foreign keys are enforced again: a removed entry takes its text */
	assert_int_equal(pdb_store_begin(f->s), 0);
	assert_int_equal(pdb_store_remove(f->s, "a"), 0);
	assert_int_equal(pdb_store_commit(f->s), 0);
	assert_int_equal(count_rows(f->path, "entry_texts"), 2);
}

/* Whether the file at path holds the bytes of needle. */
static int file_holds(const char *path, const char *needle)
{
	FILE *fp = fopen(path, "rb");
	size_t n = strlen(needle), len = 0, got;
	char *data = NULL;
	int found;

	assert_non_null(fp);
	do {
		data = realloc(data, len + 65536);
		assert_non_null(data);
		got = fread(data + len, 1, 65536, fp);
		len += got;
	} while (got > 0);
	fclose(fp);
	found = memmem(data, len, needle, n) != NULL;
	free(data);
	return found;
}

/*
 * A first import writes with secure_delete off; SQLite's own setting comes
 * back after it: what a later import deletes is cleared from the file.
 */
static void test_first_import_gives_secure_delete_back(void **state)
{
	struct fixture *f = *state;
	struct companions c;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int built_on;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA secure_delete", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	built_on = sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (!built_on)
		skip();	/* SQLite's default: nothing to give back */
	temp_path(f);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	import_watching(f, two_entries, &c);
	import_watching(f, "@misc{c, title = {C}, note = {Qx7 a note to remove}}\n", &c);
	assert_int_equal(pdb_store_begin(f->s), 0);
	assert_int_equal(pdb_store_remove(f->s, "c"), 0);
	assert_int_equal(pdb_store_commit(f->s), 0);
	pdb_store_close(f->s);
	f->s = NULL;
	assert_false(file_holds(f->path, "Qx7 a note to remove"));
}

/* With another connection open, a first import stays in WAL mode. */
static void test_first_import_beside_reader(void **state)
{
	struct fixture *f = *state;
	struct companions c;
	sqlite3 *other = NULL;

	temp_path(f);
	assert_int_equal(pdb_store_open(&f->s, f->path, &f->diag), 0);
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "SELECT count(*) FROM entries", NULL, NULL, NULL),
			 SQLITE_OK);
	import_watching(f, two_entries, &c);
	assert_int_equal(c.wal, 2);
	assert_int_equal(c.journal, 0);
	assert_int_equal(count_all(f), 2);
	sqlite3_close(other);
	pragma_is(f->path, "journal_mode", "wal");
}

/*
 * A long file with broken entries (messages from reading), duplicates and
 * copies (from storing) and a @string: every message, in file order, and
 * the progress of every entry stored.
 */
struct mixed_file {
	struct pdb_buf text, msgs;
	unsigned long added, skipped, stored;
};

struct progress_seen {
	unsigned long done;
	struct pdb_store *s;
	int first;		/* entries stored while pdb_store_first_import() said 1 */
};

static void progress_count(void *ctx, unsigned long done)
{
	struct progress_seen *p = ctx;

	assert_int_equal(done, p->done + 1);
	p->done = done;
	p->first += pdb_store_first_import(p->s);
}

static void mixed_file_make(struct mixed_file *m, int n)
{
	unsigned long line = 1;

	memset(m, 0, sizeof(*m));
	for (int i = 0; i < n; i++) {
		if (i == 50) {
			pdb_buf_adds(&m->text, "@string{s = {S}}\n");
		} else if (i % 7 == 3) {
			pdb_buf_addf(&m->text, "@misc{bad%d,\n  author {x},\n}\n", i);
			pdb_buf_addf(&m->msgs, "t.bib:%lu: error: entry 'bad%d' skipped: found"
				     " \"{x}\", expected \"=\"\n", line + 1, i);
			m->skipped++;
			line += 2;
		} else if (i % 11 == 5) {
			pdb_buf_adds(&m->text, "@misc{E0, title = {Other}}\n");
			pdb_buf_addf(&m->msgs, "t.bib:%lu: error: duplicate key 'E0' (first defined"
				     " at line 1 as e0); entry skipped\n", line);
			m->skipped++;
			m->stored++;
		} else if (i % 13 == 9) {
			pdb_buf_adds(&m->text, "@misc{e0, title = {T0}}\n");
			pdb_buf_addf(&m->msgs, "t.bib:%lu: warning: entry 'e0' repeats the one at"
				     " line 1 word for word; ignored\n", line);
			m->stored++;
		} else {
			pdb_buf_addf(&m->text, "@misc{e%d, title = {T%d}}\n", i, i);
			m->added++;
			m->stored++;
		}
		line++;
	}
}

/* Imports m; how many entries were stored by a first import. */
static unsigned long import_mixed(struct fixture *f, const struct mixed_file *m)
{
	struct progress_seen seen = { 0, f->s, 0 };
	struct pdb_import_opts opts = { 0, NULL, 0, progress_count, &seen };
	struct pdb_import_stats st;
	FILE *fp = open_text(pdb_buf_str(&m->text));

	pdb_buf_reset(&f->msgs);
	assert_int_equal(pdb_import(f->s, fp, "t.bib", "/data/t.bib", &opts, &st, &f->diag),
			 PDB_EDATA);
	fclose(fp);
	check_stats(&st, m->added, 0, 0, m->skipped, 0);
	assert_string_equal(pdb_buf_str(&f->msgs), pdb_buf_str(&m->msgs));
	assert_int_equal(seen.done, m->stored);
	return (unsigned long)seen.first;
}

/*
 * The same, whether the import is a first one (reading and storing in two
 * threads) or not.
 */
static void test_import_messages_in_file_order(void **state)
{
	struct fixture *f = *state;
	struct pdb_import_stats st;
	struct mixed_file m;

	mixed_file_make(&m, 400);
	assert_int_equal(pdb_store_open(&f->s, ":memory:", &f->diag), 0);
	assert_int_equal(import_mixed(f, &m), m.stored);
	assert_int_equal(count_all(f), (long long)m.added);
	pdb_store_close(f->s);
	assert_int_equal(pdb_store_open(&f->s, ":memory:", &f->diag), 0);
	assert_int_equal(import_text(f, "@misc{other, title = {O}}\n", 0, &st), 0);
	assert_int_equal(import_mixed(f, &m), 0);
	assert_int_equal(count_all(f), (long long)m.added + 1);
	pdb_buf_release(&m.text);
	pdb_buf_release(&m.msgs);
}

static void test_import_skipped_entries_counted(void **state)
{
	static const char text[] =
		"@misc{a, title = {A}}\n"
		"@misc{bad,\n"
		"  author {x},\n"
		"}\n"
		"@article{title = {no key}}\n"
		"@misc{c, title = {C}}\n";
	struct fixture *f = *state;
	struct pdb_import_stats st;

	assert_int_equal(import_text(f, text, 0, &st), PDB_EDATA);
	check_stats(&st, 2, 0, 0, 2, 0);
	assert_string_equal(pdb_buf_str(&f->msgs),
			    "t.bib:3: error: entry 'bad' skipped: found \"{x}\", expected \"=\"\n"
			    "t.bib:5: error: '@article' entry has no key; entry skipped\n");
	assert_int_equal(count_all(f), 2);
}

static void test_import_strict_rolls_back(void **state)
{
	static const char good[] = "@misc{old, title = {Old}}\n";
	static const char text[] =
		"@string{acm = {ACM}}\n"
		"@misc{a, title = {A}}\n"
		"@misc{a, title = {A, again}}\n"
		"@misc{c, title = {C}}\n";
	struct fixture *f = *state;
	struct pdb_import_stats st;

	assert_int_equal(import_text(f, good, 0, &st), 0);
	check_stats(&st, 1, 0, 0, 0, 0);
	assert_int_equal(import_text(f, text, 1, &st), PDB_EDATA);
	assert_int_equal(st.rolled_back, 1);
	assert_int_equal(st.skipped, 1);
	assert_string_equal(pdb_buf_str(&f->msgs),
			    "t.bib:3: error: duplicate key 'a' (first defined at line 2); entry skipped\n");
	/* nothing of the second file was kept, the first import still is */
	assert_int_equal(count_all(f), 1);
	items_for(f, -1, NULL, "");
	{
		struct recs *rs = &f->rs;

		load(f, -1, NULL, rs);
		assert_int_equal(rs->n, 1);
		assert_string_equal(rs->v[0].key, "old");
		recs_release(rs);
	}
	/* the store is usable afterwards (no transaction left open) */
	assert_int_equal(import_text(f, "@misc{c, title = {C}}\n", 1, &st), 0);
	check_stats(&st, 1, 0, 0, 0, 0);
	assert_int_equal(count_all(f), 2);
}

static void test_import_strict_clean_file(void **state)
{
	struct fixture *f = *state;
	struct pdb_import_stats st;

	assert_int_equal(import_text(f, "@misc{a, title = {A}}\n@misc{b, title = {B}}\n", 1, &st), 0);
	check_stats(&st, 2, 0, 0, 0, 0);
	assert_int_equal(count_all(f), 2);
}

static void test_import_utf16_fails_whole_file(void **state)
{
	static const char text[] = "\xff\xfe@\0m\0i\0s\0c\0";
	struct fixture *f = *state;
	struct pdb_import_opts opts = { 0 };
	struct pdb_import_stats st;
	FILE *fp = fmemopen((void *)text, sizeof(text) - 1, "r");

	assert_non_null(fp);
	assert_int_equal(pdb_import(f->s, fp, "t.bib", "/data/t.bib", &opts, &st, &f->diag),
			 PDB_EDATA);
	fclose(fp);
	assert_string_equal(pdb_buf_str(&f->msgs),
			    "t.bib:1: error: file is UTF-16 or UTF-32; convert it to UTF-8\n");
	assert_int_equal(count_all(f), 0);
	/* no transaction left open */
	assert_int_equal(import_text(f, "@misc{a, title = {A}}\n", 0, &st), 0);
	assert_int_equal(count_all(f), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_memory_creates_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_import_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_messages_in_file_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_import_beside_reader, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_import_gives_secure_delete_back, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_each_packed_and_limited_agree, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_packed_field_values, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_open_file_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_size, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_newer_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_not_a_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_indexes_existing_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_rewrites_author_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_author_looks_in_search_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_added_then_unchanged, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_put_updated, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_put_derived_columns, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_put_year_and_month_forms, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_put_venue_first_nonempty, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_crossref_inherits, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_crossref_follows_parent_update, setup_store,
						teardown),
		cmocka_unit_test_setup_teardown(test_remove, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_config, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_items, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_import_stats, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_reimport_skips_known_entries, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_import_duplicate_identical, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_put_duplicate_in_one_file, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_reimport_moved_entries, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_first_import_indexes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_index_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_people_of_skipped_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_people_named_nowhere_go, setup, teardown),
		cmocka_unit_test_setup_teardown(test_people_past_the_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_duplicate_different, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_import_skipped_entries_counted, setup_store,
						teardown),
		cmocka_unit_test_setup_teardown(test_import_strict_rolls_back, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_import_strict_clean_file, setup_store, teardown),
		cmocka_unit_test_setup_teardown(test_import_utf16_fails_whole_file, setup_store,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
