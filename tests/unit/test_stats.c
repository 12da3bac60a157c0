/*
 * Unit tests for the counts of 'pubdb stats' (pdb_store_count_by and
 * pdb_store_totals in src/store.c): groups, their order, the owner as
 * first or co-first author, and the query's filters and limit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pubdb/buf.h"
#include "pubdb/diag.h"
#include "pubdb/import.h"
#include "pubdb/query.h"
#include "pubdb/stats.h"
#include "pubdb/store.h"

static const char bib[] =
	"@inproceedings{a, title={A}, author={Xi, Haocheng and Chen, Yu}, year={2024},"
	" booktitle={Proceedings of the 41st International Conference on Machine Learning}}\n"
	"@inproceedings{b, title={B}, author={Chen, Yu* and Xi, Haocheng*}, year={2024},"
	" booktitle={ICML}, award={Spotlight Paper}}\n"
	"@article{c, title={C}, author={Lee, Ann and Xi, Haocheng}, year={2023},"
	" journal={arXiv preprint arXiv:2301.00001}}\n"
	"@misc{d, title={D}, author={Lee, Ann}}\n";

struct fixture {
	struct pdb_diag diag;
	struct pdb_store *s;
	struct pdb_query q;
};

static void fail_on_message(void *ctx, const struct pdb_msg *msg)
{
	struct pdb_buf b = PDB_BUF_INIT;

	(void)ctx;
	pdb_msg_format(&b, "pubdb", msg);
	fail_msg("unexpected message: %s", pdb_buf_str(&b));
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct pdb_import_opts opts = { .strict = 0 };
	struct pdb_import_stats st;
	FILE *fp = fmemopen((void *)bib, strlen(bib), "r");

	assert_non_null(f);
	assert_non_null(fp);
	pdb_diag_init(&f->diag, fail_on_message, NULL);
	assert_int_equal(pdb_store_open(&f->s, ":memory:", &f->diag), 0);
	assert_int_equal(pdb_import(f->s, fp, "t.bib", "/data/t.bib", &opts, &st, &f->diag), 0);
	fclose(fp);
	assert_int_equal(pdb_store_set_owner(f->s, "Haocheng Xi"), 0);
	pdb_query_init(&f->q);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	pdb_query_release(&f->q);
	pdb_store_close(f->s);
	free(f);
	return 0;
}

/* "label=n;..." of the groups, NULL labels as "-" */
static int add_group(void *ctx, const char *label, long long n)
{
	pdb_buf_addf(ctx, "%s=%lld;", label ? label : "-", n);
	return 0;
}

static void expect_groups(struct fixture *f, enum pdb_stat_by by, const char *want)
{
	struct pdb_buf b = PDB_BUF_INIT;

	assert_int_equal(pdb_store_count_by(f->s, &f->q, by, add_group, &b), 0);
	assert_string_equal(pdb_buf_str(&b), want);
	pdb_buf_release(&b);
}

static void test_groups(void **state)
{
	struct fixture *f = *state;

	expect_groups(f, PDB_STAT_YEAR, "2024=2;2023=1;-=1;");
	expect_groups(f, PDB_STAT_VENUE, "ICML=2;arXiv=1;-=1;");
	expect_groups(f, PDB_STAT_TYPE, "inproceedings=2;article=1;misc=1;");
	expect_groups(f, PDB_STAT_AWARD, "Spotlight Paper=1;");
}

static void test_totals(void **state)
{
	struct fixture *f = *state;
	struct pdb_stat_totals t;

	assert_int_equal(pdb_store_totals(f->s, &f->q, &t), 0);
	assert_int_equal(t.entries, 4);
	assert_int_equal(t.first_author, 1);	/* a */
	assert_int_equal(t.co_first, 1);	/* b: second, marked equal with the first */
	assert_int_equal(t.equal, 1);
	assert_int_equal(t.awarded, 1);
}

static void test_no_owner(void **state)
{
	struct fixture *f = *state;
	struct pdb_stat_totals t;

	assert_int_equal(pdb_store_set_owner(f->s, NULL), 0);
	assert_int_equal(pdb_store_totals(f->s, &f->q, &t), 0);
	assert_int_equal(t.entries, 4);
	assert_int_equal(t.first_author, 0);
	assert_int_equal(t.co_first, 0);
}

static void test_filters_and_limit(void **state)
{
	struct fixture *f = *state;
	struct pdb_stat_totals t;

	assert_int_equal(pdb_query_add(&f->q, PDB_FILTER_YEAR, "2023..2024", &f->diag), 0);
	expect_groups(f, PDB_STAT_YEAR, "2024=2;2023=1;");
	assert_int_equal(pdb_store_totals(f->s, &f->q, &t), 0);
	assert_int_equal(t.entries, 3);
	/* the limit applies to the entries, in the query's order, before counting */
	f->q.limit = 1;
	assert_int_equal(pdb_query_set_sort(&f->q, "year", &f->diag), 0);
	expect_groups(f, PDB_STAT_YEAR, "2023=1;");
	expect_groups(f, PDB_STAT_AWARD, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_totals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_owner, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters_and_limit, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
