/*
 * Unit tests for filters and sort orders turned into SQL (src/query.c),
 * the given-name rule behind author matching (src/person.c), and the
 * generated SQL run against a real store.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "person.h"
#include "pubdb/buf.h"
#include "pubdb/diag.h"
#include "pubdb/model.h"
#include "pubdb/query.h"
#include "pubdb/store.h"
#include "testlib.h"

/* ---- helpers ---- */

/* Collects every message as one "pdb_msg_format" line. */
struct fixture {
	struct pdb_buf msgs;
	struct pdb_diag diag;
	struct pdb_query q;
	struct pdb_sql sql;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	test_diag_init(&f->diag, &f->msgs);
	pdb_query_init(&f->q);
	pdb_sql_init(&f->sql);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	pdb_sql_release(&f->sql);
	pdb_query_release(&f->q);
	pdb_buf_release(&f->msgs);
	free(f);
	return 0;
}

static void add(struct fixture *f, enum pdb_filter_kind kind, const char *value)
{
	int rc = pdb_query_add(&f->q, kind, value, &f->diag);

	if (rc != 0)
		fail_msg("pdb_query_add(%d, \"%s\") = %d: %s", (int)kind, value, rc,
			 pdb_buf_str(&f->msgs));
}

static void build(struct fixture *f)
{
	assert_int_equal(pdb_query_build(&f->q, &f->sql), 0);
}

static void check_int_param(const struct pdb_sql *sql, size_t i, long long want)
{
	if (i >= sql->nparams)
		fail_msg("no parameter %zu (have %zu)", i, sql->nparams);
	if (sql->params[i].is_text)
		fail_msg("parameter %zu is text \"%s\", want integer %lld", i,
			 sql->params[i].s, want);
	if (sql->params[i].i != want)
		fail_msg("parameter %zu is %lld, want %lld", i, sql->params[i].i, want);
}

static void check_text_param(const struct pdb_sql *sql, size_t i, const char *want)
{
	if (i >= sql->nparams)
		fail_msg("no parameter %zu (have %zu)", i, sql->nparams);
	if (!sql->params[i].is_text)
		fail_msg("parameter %zu is integer %lld, want text \"%s\"", i,
			 sql->params[i].i, want);
	assert_non_null(sql->params[i].s);
	assert_string_equal(sql->params[i].s, want);
}

static const char default_order[] =
	"e.year DESC NULLS LAST, e.month DESC NULLS LAST, e.title_key, e.key";

static const char author_sql[] =
	"e.id IN (SELECT ep.entry_id FROM entry_persons ep"
	" WHERE ep.person_id IN (SELECT p.id FROM persons p"
	" WHERE p.family_key = ? AND pdb_given_match(p.given_key, ?))"
	" AND ep.role = 'author')";

/* ---- pdb_query_build ---- */

static void test_no_filter(void **state)
{
	struct fixture *f = *state;

	build(f);
	assert_string_equal(pdb_buf_str(&f->sql.where), "1");
	assert_string_equal(pdb_buf_str(&f->sql.order), default_order);
	assert_int_equal(f->sql.nparams, 0);
	assert_int_equal(f->q.limit, -1);
	assert_int_equal(f->q.sort, PDB_SORT_YEAR_DESC);
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

static void test_year_range(void **state)
{
	struct fixture *f = *state;

	add(f, PDB_FILTER_YEAR, "2020..2023");
	build(f);
	assert_string_equal(pdb_buf_str(&f->sql.where), "(e.year BETWEEN ? AND ?)");
	assert_int_equal(f->sql.nparams, 2);
	check_int_param(&f->sql, 0, 2020);
	check_int_param(&f->sql, 1, 2023);
}

static void test_year_open_ends(void **state)
{
	struct fixture *f = *state;

	add(f, PDB_FILTER_YEAR, "2020..");
	add(f, PDB_FILTER_YEAR, "..1999");
	build(f);
	assert_string_equal(pdb_buf_str(&f->sql.where),
			    "(e.year BETWEEN ? AND ? OR e.year BETWEEN ? AND ?)");
	assert_int_equal(f->sql.nparams, 4);
	check_int_param(&f->sql, 0, 2020);
	check_int_param(&f->sql, 1, 9999);
	check_int_param(&f->sql, 2, 0);
	check_int_param(&f->sql, 3, 1999);
}

static void test_year_twice_is_or(void **state)
{
	struct fixture *f = *state;

	add(f, PDB_FILTER_YEAR, "2024");
	add(f, PDB_FILTER_YEAR, "2024");
	build(f);
	assert_string_equal(pdb_buf_str(&f->sql.where),
			    "(e.year BETWEEN ? AND ? OR e.year BETWEEN ? AND ?)");
	assert_int_equal(f->sql.nparams, 4);
	for (size_t i = 0; i < 4; i++)
		check_int_param(&f->sql, i, 2024);
}

static void test_year_and_author(void **state)
{
	struct fixture *f = *state;
	char want[1024];

	/* added author first: groups still come out in filter-kind order */
	add(f, PDB_FILTER_AUTHOR, "M{\\\"u}ller, J.");
	add(f, PDB_FILTER_YEAR, "2021");
	add(f, PDB_FILTER_AUTHOR, "Haocheng Xi");
	build(f);
	snprintf(want, sizeof(want), "(e.year BETWEEN ? AND ?) AND (%s OR %s)", author_sql,
		 author_sql);
	assert_string_equal(pdb_buf_str(&f->sql.where), want);
	assert_int_equal(f->sql.nparams, 6);
	check_int_param(&f->sql, 0, 2021);
	check_int_param(&f->sql, 1, 2021);
	check_text_param(&f->sql, 2, "muller");
	check_text_param(&f->sql, 3, "j.");
	check_text_param(&f->sql, 4, "xi");
	check_text_param(&f->sql, 5, "haocheng");
	assert_string_equal(pdb_buf_str(&f->sql.order), default_order);
}

static void test_since_until(void **state)
{
	struct fixture *f = *state;

	add(f, PDB_FILTER_UNTIL, "2022");
	add(f, PDB_FILTER_SINCE, "2019");
	build(f);
	assert_string_equal(pdb_buf_str(&f->sql.where),
			    "(e.year BETWEEN ? AND ?) AND (e.year BETWEEN ? AND ?)");
	assert_int_equal(f->sql.nparams, 4);
	check_int_param(&f->sql, 0, 2019);
	check_int_param(&f->sql, 1, 9999);
	check_int_param(&f->sql, 2, 0);
	check_int_param(&f->sql, 3, 2022);
}

static void test_type_lower_cased(void **state)
{
	struct fixture *f = *state;

	add(f, PDB_FILTER_TYPE, "InProceedings");
	build(f);
	assert_string_equal(pdb_buf_str(&f->sql.where), "(e.type = ?)");
	assert_int_equal(f->sql.nparams, 1);
	check_text_param(&f->sql, 0, "inproceedings");
}

static void test_key_kept_as_given(void **state)
{
	struct fixture *f = *state;

	add(f, PDB_FILTER_KEY, "O'Neil2020");
	add(f, PDB_FILTER_KEY, "Xi2024Jetfire");
	build(f);
	assert_string_equal(pdb_buf_str(&f->sql.where), "(e.key = ? OR e.key = ?)");
	assert_int_equal(f->sql.nparams, 2);
	check_text_param(&f->sql, 0, "O'Neil2020");
	check_text_param(&f->sql, 1, "Xi2024Jetfire");
}

#define VENUE_SQL "e.abbr = ? COLLATE NOCASE OR instr(e.venue_key, ?) > 0"

static void test_venue_folded(void **state)
{
	struct fixture *f = *state;

	add(f, PDB_FILTER_VENUE, "Proc. of {N}eur{IPS}");
	add(f, PDB_FILTER_TYPE, "article");
	build(f);
	assert_string_equal(pdb_buf_str(&f->sql.where),
			    "(e.type = ?) AND (" VENUE_SQL ")");
	assert_int_equal(f->sql.nparams, 3);
	check_text_param(&f->sql, 0, "article");
	/* as typed, for the abbreviation; folded, for the text match */
	check_text_param(&f->sql, 1, "Proc. of {N}eur{IPS}");
	check_text_param(&f->sql, 2, "proc. of neurips");
}

/* A venue table that knows ICML (id 7) by that name alone. */
static long long icml_only(void *ctx, const char *text)
{
	int *calls = ctx;

	++*calls;
	return strcmp(text, "ICML") == 0 ? 7 : -1;
}

static void test_venue_known(void **state)
{
	struct fixture *f = *state;
	int calls = 0;

	f->sql.venue_id = icml_only;
	f->sql.lookup_ctx = &calls;
	add(f, PDB_FILTER_VENUE, "ICML");
	add(f, PDB_FILTER_VENUE, "Workshop on X");
	build(f);
	/* the known venue by its id (the index), the other by its text */
	assert_string_equal(pdb_buf_str(&f->sql.where),
			    "(e.venue_id = ? AND NOT e.workshop OR " VENUE_SQL ")");
	assert_int_equal(calls, 2);
	assert_int_equal(f->sql.nparams, 3);
	check_int_param(&f->sql, 0, 7);
	check_text_param(&f->sql, 1, "Workshop on X");
	check_text_param(&f->sql, 2, "workshop on x");
}

/* Words for the family "xi" only, counting the calls. */
static char *xi_words(void *ctx, const char *family_key, const char *given_key)
{
	int *calls = ctx;

	++*calls;
	(void)given_key;
	return strcmp(family_key, "xi") == 0 ? strdup("authors : (\"Xi\")") : NULL;
}

static void test_author_words(void **state)
{
	struct fixture *f = *state;
	char want[2048];
	int calls = 0;

	f->sql.author_words = xi_words;
	f->sql.lookup_ctx = &calls;
	add(f, PDB_FILTER_AUTHOR, "Haocheng Xi");
	add(f, PDB_FILTER_AUTHOR, "Jane Doe");
	build(f);
	/* the words, when there are some, come first, and their parameter with them */
	snprintf(want, sizeof(want),
		 "(e.id IN (SELECT ep.entry_id FROM entry_persons ep"
		 " WHERE ep.entry_id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)"
		 " AND ep.person_id IN (SELECT p.id FROM persons p"
		 " WHERE p.family_key = ? AND pdb_given_match(p.given_key, ?))"
		 " AND ep.role = 'author') OR %s)", author_sql);
	assert_string_equal(pdb_buf_str(&f->sql.where), want);
	assert_int_equal(calls, 2);
	assert_int_equal(f->sql.nparams, 5);
	check_text_param(&f->sql, 0, "authors : (\"Xi\")");
	check_text_param(&f->sql, 1, "xi");
	check_text_param(&f->sql, 2, "haocheng");
	check_text_param(&f->sql, 3, "doe");
	check_text_param(&f->sql, 4, "jane");
}

static void test_all_kinds_and_order(void **state)
{
	struct fixture *f = *state;
	char want[2048];

	add(f, PDB_FILTER_VENUE, "ICML");
	add(f, PDB_FILTER_KEY, "k");
	add(f, PDB_FILTER_TYPE, "misc");
	add(f, PDB_FILTER_AUTHOR, "Xi, H.");
	add(f, PDB_FILTER_UNTIL, "2030");
	add(f, PDB_FILTER_SINCE, "2000");
	add(f, PDB_FILTER_YEAR, "2010..2020");
	build(f);
	snprintf(want, sizeof(want),
		 "(e.year BETWEEN ? AND ?) AND (e.year BETWEEN ? AND ?)"
		 " AND (e.year BETWEEN ? AND ?) AND (%s) AND (e.type = ?)"
		 " AND (e.key = ?) AND (" VENUE_SQL ")", author_sql);
	assert_string_equal(pdb_buf_str(&f->sql.where), want);
	assert_int_equal(f->sql.nparams, 12);
	check_int_param(&f->sql, 0, 2010);
	check_int_param(&f->sql, 1, 2020);
	check_int_param(&f->sql, 2, 2000);
	check_int_param(&f->sql, 3, 9999);
	check_int_param(&f->sql, 4, 0);
	check_int_param(&f->sql, 5, 2030);
	check_text_param(&f->sql, 6, "xi");
	check_text_param(&f->sql, 7, "h.");
	check_text_param(&f->sql, 8, "misc");
	check_text_param(&f->sql, 9, "k");
	check_text_param(&f->sql, 10, "ICML");
	check_text_param(&f->sql, 11, "icml");
}

static void test_cv_filters(void **state)
{
	struct fixture *f = *state;

	add(f, PDB_FILTER_FIRST_AUTHOR, NULL);
	add(f, PDB_FILTER_EQUAL, NULL);
	add(f, PDB_FILTER_SELECTED, NULL);
	add(f, PDB_FILTER_AWARD, "");
	add(f, PDB_FILTER_AWARD, "Best Paper");
	add(f, PDB_FILTER_TOPIC, "Efficient Video Generation");
	add(f, PDB_FILTER_TAG, "mine");
	build(f);
	assert_string_equal(pdb_buf_str(&f->sql.where),
			    "(e.id IN (SELECT t.entry_id FROM tags t"
			    " WHERE t.tag BETWEEN 'award:' AND 'award;')"
			    " OR e.id IN (SELECT t.entry_id FROM tags t"
			    " WHERE t.tag = 'award:' || ? COLLATE NOCASE))"
			    " AND (e.id IN (SELECT t.entry_id FROM tags t"
			    " WHERE t.tag = 'topic:' || ? COLLATE NOCASE))"
			    " AND (e.id IN (SELECT t.entry_id FROM tags t WHERE t.tag = ? COLLATE NOCASE))"
			    " AND (e.selected) AND (e.equal)"
			    " AND (e.id IN (SELECT ep.entry_id FROM entry_persons ep"
			    " WHERE ep.person_id IN (SELECT p.id FROM persons p"
			    " WHERE pdb_is_me(p.family_key, p.given_key))"
			    " AND ep.role = 'author' AND ep.marks & 64))");
	assert_int_equal(f->sql.nparams, 3);
	check_text_param(&f->sql, 0, "Best Paper");
	check_text_param(&f->sql, 1, "Efficient Video Generation");
	check_text_param(&f->sql, 2, "mine");
}

static void test_sort_names(void **state)
{
	static const struct {
		const char *name;
		enum pdb_sort sort;
		const char *order;
	} cases[] = {
		{ "-year", PDB_SORT_YEAR_DESC,
		  "e.year DESC NULLS LAST, e.month DESC NULLS LAST, e.title_key, e.key" },
		{ "year", PDB_SORT_YEAR,
		  "e.year NULLS LAST, e.month NULLS LAST, e.title_key, e.key" },
		{ "title", PDB_SORT_TITLE, "e.title_key NULLS LAST, e.key" },
		{ "venue", PDB_SORT_VENUE,
		  "e.venue_key NULLS LAST, e.year DESC NULLS LAST, e.title_key, e.key" },
		{ "added", PDB_SORT_ADDED, "e.id" },
	};
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pdb_sql sql;

		assert_int_equal(pdb_query_set_sort(&f->q, cases[i].name, &f->diag), 0);
		assert_int_equal(f->q.sort, cases[i].sort);
		pdb_sql_init(&sql);
		assert_int_equal(pdb_query_build(&f->q, &sql), 0);
		assert_string_equal(pdb_buf_str(&sql.where), "1");
		assert_string_equal(pdb_buf_str(&sql.order), cases[i].order);
		pdb_sql_release(&sql);
	}
	assert_string_equal(pdb_buf_str(&f->msgs), "");
}

static void test_bad_sort(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(pdb_query_set_sort(&f->q, "title", &f->diag), 0);
	assert_int_equal(pdb_query_set_sort(&f->q, "Year", &f->diag), PDB_EUSAGE);
	assert_int_equal(pdb_query_set_sort(&f->q, "", &f->diag), PDB_EUSAGE);
	/* a refused name leaves the previous order */
	assert_int_equal(f->q.sort, PDB_SORT_TITLE);
	assert_string_equal(pdb_buf_str(&f->msgs),
			    "pubdb: error: unknown sort order 'Year' (year, -year, title, venue, added)\n"
			    "pubdb: error: unknown sort order '' (year, -year, title, venue, added)\n");
	assert_int_equal(f->diag.errors, 2);
}

static void test_group_order_prefix(void **state)
{
	static const struct {
		enum pdb_group_by group;
		const char *prefix;
	} cases[] = {
		{ PDB_GROUP_NONE, "" },
		{ PDB_GROUP_YEAR, "e.year DESC NULLS LAST, " },
		{ PDB_GROUP_VENUE, "coalesce((SELECT v.short FROM venues v WHERE v.id = e.venue_id"
				   " AND NOT e.workshop), e.venue_key) NULLS LAST, " },
		{ PDB_GROUP_TYPE, "e.type, " },
		{ PDB_GROUP_TOPIC, "(SELECT min(t.tag) FROM tags t WHERE t.entry_id = e.id"
				   " AND t.tag BETWEEN 'topic:' AND 'topic;') NULLS LAST, " },
	};
	struct fixture *f = *state;

	assert_int_equal(pdb_query_set_sort(&f->q, "title", &f->diag), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pdb_sql sql;
		char want[512];

		f->q.group = cases[i].group;
		pdb_sql_init(&sql);
		assert_int_equal(pdb_query_build(&f->q, &sql), 0);
		snprintf(want, sizeof(want), "%se.title_key NULLS LAST, e.key", cases[i].prefix);
		assert_string_equal(pdb_buf_str(&sql.order), want);
		pdb_sql_release(&sql);
	}
}

/* Reading every entry: a unary + keeps SQLite from walking an index in order, but by id. */
static void test_sort_all_order(void **state)
{
	static const struct {
		const char *sort;
		enum pdb_group_by group;
		const char *order;
	} cases[] = {
		{ "-year", PDB_GROUP_NONE,
		  "+e.year DESC NULLS LAST, e.month DESC NULLS LAST, e.title_key, e.key" },
		{ "title", PDB_GROUP_TYPE, "+e.type, e.title_key NULLS LAST, e.key" },
		{ "added", PDB_GROUP_YEAR, "+e.year DESC NULLS LAST, e.id" },
		{ "added", PDB_GROUP_NONE, "e.id" },
	};
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pdb_sql sql;

		assert_int_equal(pdb_query_set_sort(&f->q, cases[i].sort, &f->diag), 0);
		f->q.group = cases[i].group;
		pdb_sql_init(&sql);
		sql.sort_all = 1;
		assert_int_equal(pdb_query_build(&f->q, &sql), 0);
		assert_string_equal(pdb_buf_str(&sql.order), cases[i].order);
		pdb_sql_release(&sql);
	}
}

static void check_bad_year(struct fixture *f, enum pdb_filter_kind kind, const char *value)
{
	char want[256];
	size_t n = f->q.n;
	int rc;

	pdb_buf_reset(&f->msgs);
	rc = pdb_query_add(&f->q, kind, value, &f->diag);
	if (rc != PDB_EUSAGE)
		fail_msg("year filter \"%s\" (kind %d): got %d, want PDB_EUSAGE", value,
			 (int)kind, rc);
	assert_int_equal(f->q.n, n);
	snprintf(want, sizeof(want),
		 "pubdb: error: invalid year '%s' (expected YEAR or FROM..TO)\n", value);
	assert_string_equal(pdb_buf_str(&f->msgs), want);
}

static void test_bad_years(void **state)
{
	struct fixture *f = *state;

	check_bad_year(f, PDB_FILTER_YEAR, "20x4");
	check_bad_year(f, PDB_FILTER_YEAR, "2025..2020");
	check_bad_year(f, PDB_FILTER_YEAR, "99999");
	check_bad_year(f, PDB_FILTER_YEAR, "");
	check_bad_year(f, PDB_FILTER_YEAR, "-5");
	check_bad_year(f, PDB_FILTER_YEAR, "2020..2021..2022");
	check_bad_year(f, PDB_FILTER_YEAR, "2020-2022");
	check_bad_year(f, PDB_FILTER_YEAR, "2020 ");
	check_bad_year(f, PDB_FILTER_SINCE, "20x4");
	check_bad_year(f, PDB_FILTER_SINCE, "2020..");
	check_bad_year(f, PDB_FILTER_UNTIL, "99999");
	/* a refused value leaves nothing behind */
	build(f);
	assert_string_equal(pdb_buf_str(&f->sql.where), "1");
	assert_int_equal(f->sql.nparams, 0);
}

/*
 * ".." names no year at all; it must be refused like the other bad
 * values, not read as 0..9999.
 */
static void test_bad_year_both_ends_empty(void **state)
{
	struct fixture *f = *state;

	check_bad_year(f, PDB_FILTER_YEAR, "..");
}

static void test_year_bounds_accepted(void **state)
{
	struct fixture *f = *state;

	add(f, PDB_FILTER_YEAR, "0..9999");
	add(f, PDB_FILTER_YEAR, "2020..2020");
	build(f);
	assert_int_equal(f->sql.nparams, 4);
	check_int_param(&f->sql, 0, 0);
	check_int_param(&f->sql, 1, 9999);
	check_int_param(&f->sql, 2, 2020);
	check_int_param(&f->sql, 3, 2020);
}

/* ---- pdb_given_compatible ---- */

static void given(const char *a, const char *b, int want)
{
	int got = pdb_given_compatible(a, b);

	if (got != want)
		fail_msg("pdb_given_compatible(\"%s\", \"%s\") = %d, want %d", a, b, got, want);
	/* the rule is symmetric */
	got = pdb_given_compatible(b, a);
	if (got != want)
		fail_msg("pdb_given_compatible(\"%s\", \"%s\") = %d, want %d", b, a, got, want);
}

static void test_given_compatible(void **state)
{
	(void)state;
	/* from the brief / header */
	given("haocheng", "h", 1);
	given("haocheng", "h.", 1);
	given("haocheng", "hao", 0);
	given("haocheng", "", 1);
	given("haocheng w.", "haocheng", 1);
	given("h.-c.", "hao-cheng", 1);
	given("john", "jane", 0);
	given("w. haocheng", "haocheng", 0);
	/* more */
	given("", "", 1);
	given("haocheng", "haocheng", 1);
	given("h", "h.", 1);
	given("h", "w", 0);
	given("j. r. r.", "john ronald reuel", 1);
	given("john r.", "john ronald reuel", 1);
	given("john reuel", "john ronald reuel", 1);
	given("john x.", "john ronald reuel", 0);
	given("ronald john", "john ronald", 0);
	given("j. ronald", "john r.", 1);
	given("hao-cheng", "haocheng", 0);
	given("h.c.", "hao cheng", 1);
	given("jo", "john", 0);
	given("john", "johnny", 0);
	/* a multi-byte letter is one initial */
	given("\xc3\xa9", "\xc3\xa9ric", 1);
	given("\xc3\xa9", "\xc3\xa8ric", 0);
}

/* ---- the generated SQL against a store ---- */

static void put(struct pdb_store *s, const char *key, const char *author, const char *year,
		const char *journal)
{
	struct pdb_entry e;
	enum pdb_put_result res;

	pdb_entry_init(&e);
	e.kind = PDB_ENTRY_REGULAR;
	e.type = pdb_entry_strdup(&e, "article");
	e.key = pdb_entry_strdup(&e, key);
	e.source = pdb_entry_strdup(&e, "@article{...}");
	e.line = 1;
	assert_int_equal(test_add_field(&e, "author", author, author, 1), 0);
	assert_int_equal(test_add_field(&e, "year", year, year, 1), 0);
	assert_int_equal(test_add_field(&e, "journal", journal, journal, 1), 0);
	assert_int_equal(pdb_store_put(s, 1, &e, &res), 0);
	assert_int_equal(res, PDB_PUT_ADDED);
	pdb_entry_release(&e);
}

static int collect_key(void *ctx, const struct pdb_record *r)
{
	struct pdb_buf *b = ctx;

	pdb_buf_addf(b, "%s ", r->key);
	return 0;
}

static void expect_keys(struct fixture *f, struct pdb_store *s, const char *want)
{
	struct pdb_buf keys = PDB_BUF_INIT;
	long long n = -1;
	size_t words = 0;

	assert_int_equal(pdb_store_each(s, &f->q, 0, collect_key, &keys), 0);
	assert_string_equal(pdb_buf_str(&keys), want);
	for (const char *p = want; *p; p++)
		words += *p == ' ';
	assert_int_equal(pdb_store_count(s, &f->q, &n), 0);
	assert_int_equal(n, (long long)words);
	pdb_buf_release(&keys);
	pdb_query_release(&f->q);
}

/* A new store in memory, with file 1 for put() to store entries of. */
static struct pdb_store *open_store(struct fixture *f)
{
	struct pdb_store *s = NULL;
	long long file_id = 0;

	assert_int_equal(pdb_store_open(&s, ":memory:", &f->diag), 0);
	assert_int_equal(pdb_store_file(s, "q.bib", &file_id), 0);
	assert_int_equal(file_id, 1);
	return s;
}

static void test_filters_on_store(void **state)
{
	struct fixture *f = *state;
	struct pdb_store *s = open_store(f);

	put(s, "a", "Haocheng Xi and Jane Doe", "2020", "Journal of {ML}");
	put(s, "b", "Xi, H.", "2021", "ICML Workshop");
	put(s, "c", "Wei Xi", "2022", "Journal of Stuff");
	put(s, "d", "H. C. Xi and M{\\\"u}ller, J{\\\"o}rg", "2023", "NeurIPS");

	add(f, PDB_FILTER_AUTHOR, "Haocheng Xi");
	expect_keys(f, s, "d b a ");
	add(f, PDB_FILTER_AUTHOR, "Jörg Müller");
	expect_keys(f, s, "d ");
	add(f, PDB_FILTER_AUTHOR, "xi");
	expect_keys(f, s, "d c b a ");
	add(f, PDB_FILTER_YEAR, "2021..2022");
	expect_keys(f, s, "c b ");
	add(f, PDB_FILTER_YEAR, "2020");
	add(f, PDB_FILTER_YEAR, "2023");
	expect_keys(f, s, "d a ");
	add(f, PDB_FILTER_VENUE, "journal of");
	expect_keys(f, s, "c a ");
	add(f, PDB_FILTER_VENUE, "journal of");
	add(f, PDB_FILTER_AUTHOR, "Wei Xi");
	expect_keys(f, s, "c ");
	/* hostile text is only ever a bound value */
	add(f, PDB_FILTER_KEY, "a' OR '1'='1");
	expect_keys(f, s, "");
	add(f, PDB_FILTER_SINCE, "2022");
	assert_int_equal(pdb_query_set_sort(&f->q, "year", &f->diag), 0);
	expect_keys(f, s, "c d ");
	f->q.limit = 2;
	assert_int_equal(pdb_query_set_sort(&f->q, "added", &f->diag), 0);
	expect_keys(f, s, "a b ");	/* the count honours the limit too */
	assert_string_equal(pdb_buf_str(&f->msgs), "");
	pdb_store_close(s);
}

/*
 * --author finds its candidates by the words of people's names in the
 * full-text index: every person must be found there by the words of their
 * name's parts as converted one by one, also where converting the parts
 * together would join them (a command takes the space after it).
 */
static void test_author_words_on_store(void **state)
{
	struct fixture *f = *state;
	struct pdb_store *s = open_store(f);

	/* "Johann Strau\ss Jr." together is "Johann StraußJr." */
	put(s, "a", "Strau\\ss, Jr., Johann and Ann Lee", "2020", "J");
	/* first "Jan Bia\l", last "ecki": together "Jan Białecki" */
	put(s, "b", "Jan Bia\\l ecki and Ann Lee", "2021", "J");
	put(s, "c", "Pat O\"Neil and Jane Doe", "2022", "J");
	/* no ASCII letter: every name is read */
	put(s, "d", "\xce\x91\xce\xbb\xce\xad\xce\xbe \xce\x9c\xce\xac\xce\xbd\xce\xbf\xcf\x82 and Ann Lee", "2023", "J");
	put(s, "e", "$\\alpha$ Beta and Johann Strauss", "2024", "J");
	/* converted apart to nothing */
	put(s, "f", "\\relax and Ann Lee", "2019", "J");

	add(f, PDB_FILTER_AUTHOR, "Johann Strau\\ss");
	expect_keys(f, s, "e a ");	/* the folded names agree: Strauß, Strauss */
	add(f, PDB_FILTER_AUTHOR, "Strau\\ss, Jr., J.");
	expect_keys(f, s, "e a ");	/* Jr. is no part of the match */
	add(f, PDB_FILTER_AUTHOR, "Jan Bia\\l ecki");
	expect_keys(f, s, "b ");
	add(f, PDB_FILTER_AUTHOR, "Pat O\"Neil");
	expect_keys(f, s, "c ");
	add(f, PDB_FILTER_AUTHOR, "\xce\x9c\xce\xac\xce\xbd\xce\xbf\xcf\x82");
	expect_keys(f, s, "d ");
	add(f, PDB_FILTER_AUTHOR, "$\\alpha$ Beta");
	expect_keys(f, s, "e ");
	add(f, PDB_FILTER_AUTHOR, "Lee");
	expect_keys(f, s, "d b a f ");
	add(f, PDB_FILTER_AUTHOR, "Nobody");
	expect_keys(f, s, "");
	assert_string_equal(pdb_buf_str(&f->msgs), "");
	pdb_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_no_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_open_ends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_twice_is_or, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_and_author, setup, teardown),
		cmocka_unit_test_setup_teardown(test_since_until, setup, teardown),
		cmocka_unit_test_setup_teardown(test_type_lower_cased, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_kept_as_given, setup, teardown),
		cmocka_unit_test_setup_teardown(test_venue_folded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_venue_known, setup, teardown),
		cmocka_unit_test_setup_teardown(test_author_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_kinds_and_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cv_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_sort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_order_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort_all_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_years, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_year_both_ends_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_bounds_accepted, setup, teardown),
		cmocka_unit_test(test_given_compatible),
		cmocka_unit_test_setup_teardown(test_filters_on_store, setup, teardown),
		cmocka_unit_test_setup_teardown(test_author_words_on_store, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
