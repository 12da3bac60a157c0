/*
 * pdb_pool: copies stay where they were put until the pool is cleared,
 * a large string gets a block of its own size, and clearing keeps the
 * largest block for what comes next.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pubdb/diag.h"
#include "pubdb/model.h"
#include "pubdb/pool.h"

/* Copies that filled the first block and spilled into the next keep their text. */
static void test_copies_stay_put(void **state)
{
	struct pdb_pool p = PDB_POOL_INIT(64);
	char *s[40];
	char want[16];

	(void)state;
	for (int i = 0; i < 40; i++) {
		snprintf(want, sizeof(want), "string %d", i);
		s[i] = pdb_pool_strndup(&p, want, strlen(want));
		assert_non_null(s[i]);
	}
	for (int i = 0; i < 40; i++) {
		snprintf(want, sizeof(want), "string %d", i);
		assert_string_equal(s[i], want);
	}
	assert_int_equal(p.oom, 0);
	pdb_pool_release(&p);
	assert_null(p.head);
}

/* strndup copies n bytes and ends them: it reads nothing past them. */
static void test_strndup_takes_n_bytes(void **state)
{
	struct pdb_pool p = PDB_POOL_INIT(16);
	const char text[4] = { 'a', 'b', 'c', 'd' };	/* no NUL */
	char *s;

	(void)state;
	s = pdb_pool_strndup(&p, text, 4);	/* under ASan, reading text[4] fails */
	assert_string_equal(s, "abcd");
	s = pdb_pool_strndup(&p, text, 3);
	assert_string_equal(s, "abc");
	s = pdb_pool_strndup(&p, text, 0);
	assert_string_equal(s, "");
	pdb_pool_release(&p);
}

/* A string larger than a block gets one of its size; clearing keeps it and reuses it. */
static void test_clear_keeps_largest_block(void **state)
{
	struct pdb_pool p = PDB_POOL_INIT(64);
	char *big = malloc(10000), *a, *b;

	(void)state;
	assert_non_null(big);
	memset(big, 'x', 9999);
	big[9999] = '\0';
	assert_non_null(pdb_pool_strndup(&p, "small", 5));
	a = pdb_pool_strndup(&p, big, 9999);
	assert_non_null(a);
	assert_int_equal(strlen(a), 9999);
	pdb_pool_clear(&p);
	b = pdb_pool_strndup(&p, big, 9999);
	assert_ptr_equal(a, b);		/* the kept block, from its start */
	assert_string_equal(b, big);
	pdb_pool_release(&p);
	free(big);
}

/* An entry's strings live in its pool: clearing keeps the memory for the next entry. */
static void test_entry_clear_reuses_text(void **state)
{
	struct pdb_entry e;
	char *first, *again;

	(void)state;
	pdb_entry_init(&e);
	first = pdb_entry_strdup(&e, "article");
	assert_int_equal(pdb_entry_add_field(&e, pdb_entry_strdup(&e, "title"),
					     pdb_entry_strdup(&e, "{T}"),
					     pdb_entry_strdup(&e, "T"), 1), 0);
	assert_int_equal(e.nfields, 1);
	pdb_entry_clear(&e);
	assert_int_equal(e.nfields, 0);
	assert_null(e.type);
	again = pdb_entry_strdup(&e, "book");
	assert_ptr_equal(first, again);
	assert_string_equal(again, "book");
	assert_int_equal(pdb_entry_add_field(&e, NULL, again, again, 1), PDB_ENOMEM);
	pdb_entry_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copies_stay_put),
		cmocka_unit_test(test_strndup_takes_n_bytes),
		cmocka_unit_test(test_clear_keeps_largest_block),
		cmocka_unit_test(test_entry_clear_reuses_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
