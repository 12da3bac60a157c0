/*
 * The reader's own reading of plain fields (src/bibread.c,
 * read_plain_fields) against btparse's: every input is read twice, as
 * pubdb reads it and with btparse parsing every entry
 * (pdb_bibread_btparse_only), and the two readings must be the same,
 * entry for entry, field for field, message for message.
 *
 * Without arguments: inputs written for the rules where the two could
 * part. With a folder: every .bib file under it (the corpus); exit 77
 * when the folder is absent.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pubdb/buf.h"
#include "readings.h"

/* ---- written inputs ---- */

static const char *const cases[] = {
	/* plain: braces, quotes, numbers, case of names, spaces to squeeze */
	"@Article{a,\n  Title = {Plain   Title},\n  author = \"Doe, Jane and Roe, R.\",\n"
	"  year = 2020, volume = 0042,\n  note = {  padded  }, empty = {}, none = \"\",\n"
	"  blank = {   }\n}\n",
	"@inproceedings(b, title = {Parentheses}, pages = {1--2})\n",
	/* line breaks, carriage returns, CRLF files */
	"@misc{c,\n  abstract = {First line\n    second line\n\n  third},\n"
	"  title = {A\r\nB}, note = {end\n}\n}\n",
	"@misc{c2,\r\n  title = {Windows\r\n  lines},\r\n  year = {2021}\r\n}\r\n",
	/* tabs: a space in some places of btparse's lexer, kept in others */
	"@misc{d, title = {A\tB}, note = {A\t}, x = {\tA}, y = {A\t\tB}, z = {A\n\tB}}\n",
	/* other control characters */
	"@misc{e, title = {A\fB}, note = {A\vB}, x = {A\001B}, y = {A\n\fB}}\n",
	/* '"' at a braced string's top level warns; deeper it does not */
	"@misc{f, title = {The \"Best\" Paper}}\n",
	"@misc{g, author = {M{\\\"u}ller, Hans}, title = \"A {\"} B\"}\n",
	/* a line inside a string that starts like a field warns */
	"@misc{h, abstract = {We show\n  that x = 5 holds}}\n",
	"@misc{i, abstract = {We show\n  x = 5 holds}}\n",
	"@misc{j, abstract = {Two\n  2x = 3 and\n  o'neil.b-c = d}}\n",
	"@misc{k, abstract = {Mail\n  @misc{x, y}\n  and more}}\n",
	"@misc{l, abstract = {Before\n  \\foo = b}, note = {a\n  Note: = b}}\n",
	"@misc{m, abstract = {a\n  X\t= b}, note = {a\n\r  y = b}}\n",
	/* percent signs are text inside strings */
	"@misc{n, title = {100% sure}, note = {50%\n  x = 1}}\n",
	/* unbalanced braces in a quoted string */
	"@misc{o, title = \"A}B\", note = {fine}}\n",
	"@misc{p, title = \"A{B\", note = {fine}}\n",
	/* macros and concatenation: btparse's */
	"@string{foo = {Foo   Press}}\n@misc{q, publisher = foo, month = jan,"
	" title = \"A\" # { B }, year = 2020a}\n",
	"@string{foo = {Foo   Press}}\n@string{j-toplas = \"ACM TOPLAS \"}\n@string{e = {}}\n"
	"@misc{q1, publisher = FOO, journal = j-toplas, note = e, month = JAN # {~1},"
	" title = { A } # foo # \" B \" # 2020, series = {A} # % comment\n {B},"
	" type = undefined # {x}, x = 2020 # {a}}\n",
	"@string{a = \"  spaced  \" # {out}}\n@misc{q2, title = a # a, note = {x} #\n  a}\n",
	"@string{rate = {%d per %s}}\n@misc{q4, title = rate # { (%x)}, note = rate}\n",
	"@misc{q3, title = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}\n",
	/* names btparse may not read as names */
	"@misc{r, a-b = {x}, c_d:e.f+g/h = {y}, ti~tle = {z}}\n",
	"@misc{s, 2title = {x}}\n",
	"@misc{t, t\xc3\xaftle = {x}}\n",
	"@my-type{u, title = {x}}\n",
	"@ty~pe{v, title = {x}}\n",
	/* missing commas, a trailing comma, no fields */
	"@misc{w\n  title = {x}\n  year = 2020,\n}\n",
	"@misc{x,}\n@misc{y}\n",
	/* at signs and backslashes inside values */
	"@misc{z, note = {mail@example.org \\and \\\\ more}, url = {http://x.org/~a_b%20c}}\n",
	/* UTF-8 and Latin-1 */
	"@misc{u8, title = {Caf\xc3\xa9 \xe2\x80\x94 na\xc3\xafve}}\n",
	"@misc{l1, title = {Caf\xe9}}\n",
	/* a broken entry beside good ones */
	"@misc{ok1, title = {Good}}\n@misc{bad, title = {Open\n@misc{ok2, title = {Good too}}\n",
};

static void test_written_inputs(void **state)
{
	int failed = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char label[32];

		snprintf(label, sizeof(label), "case %zu", i);
		failed += !readings_agree(label, cases[i], strlen(cases[i]));
	}
	assert_int_equal(failed, 0);
}

/* More fields than btparse takes in one parse: it reads them in groups. */
static void test_many_fields(void **state)
{
	struct pdb_buf text = PDB_BUF_INIT;

	(void)state;
	pdb_buf_adds(&text, "@misc{many,\n");
	for (int i = 0; i < 200; i++)
		pdb_buf_addf(&text, "  f%d = {value   %d},\n", i, i);
	pdb_buf_adds(&text, "}\n");
	assert_true(readings_agree("200 fields", pdb_buf_str(&text), text.len));
	pdb_buf_release(&text);
}

/* ---- the corpus ---- */

static int corpus_failed, corpus_files;

static int compare_file(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	size_t n = strlen(path);
	char *text;
	FILE *fp;

	(void)ftw;
	if (flag != FTW_F || n < 4 || strcmp(path + n - 4, ".bib") != 0)
		return 0;
	fp = fopen(path, "rb");
	text = malloc((size_t)st->st_size + 1);
	if (!fp || !text || fread(text, 1, (size_t)st->st_size, fp) != (size_t)st->st_size) {
		fprintf(stderr, "%s: cannot read\n", path);
		corpus_failed++;
	} else {
		corpus_files++;
		corpus_failed += !readings_agree(path, text, (size_t)st->st_size);
	}
	if (fp)
		fclose(fp);
	free(text);
	return 0;
}

static int compare_corpus(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		printf("SKIP: no corpus at %s\n", dir);
		return 77;
	}
	if (nftw(dir, compare_file, 16, FTW_PHYS) != 0) {
		perror(dir);
		return 1;
	}
	printf("%d files, %d read differently\n", corpus_files, corpus_failed);
	return corpus_failed || corpus_files == 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_written_inputs),
		cmocka_unit_test(test_many_fields),
	};

	if (argc > 1)
		return compare_corpus(argv[1]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
