/*
 * Unit tests for BibTeX name splitting (src/names.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pubdb/names.h"

static void check_part(const char *in, const char *what, const char *got,
		       const char *want)
{
	if (!got)
		fail_msg("\"%s\": %s is NULL", in, what);
	if (strcmp(got, want) != 0)
		fail_msg("\"%s\": %s is \"%s\", want \"%s\"", in, what, got,
			 want);
}

static void check_parsed(const char *in, const struct pdb_name *nm,
			 const char *first, const char *von, const char *last,
			 const char *jr, int literal)
{
	check_part(in, "first", nm->first, first);
	check_part(in, "von", nm->von, von);
	check_part(in, "last", nm->last, last);
	check_part(in, "jr", nm->jr, jr);
	if (nm->literal != literal)
		fail_msg("\"%s\": literal is %d, want %d", in, nm->literal,
			 literal);
}

static void check_name_literal(const char *in, const char *first,
			       const char *von, const char *last,
			       const char *jr, int literal)
{
	struct pdb_name nm;

	assert_int_equal(pdb_name_parse(&nm, in), 0);
	check_parsed(in, &nm, first, von, last, jr, literal);
	pdb_name_release(&nm);
}

static void check_name(const char *in, const char *first, const char *von,
		       const char *last, const char *jr)
{
	check_name_literal(in, first, von, last, jr, 0);
}

/* ---- single names ---- */

static void test_first_von_last(void **state)
{
	(void)state;
	check_name("Jean de la Fontaine", "Jean", "de la", "Fontaine", "");
	check_name("Ludwig van Beethoven", "Ludwig", "van", "Beethoven", "");
	check_name("Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin",
		   "Charles Louis Xavier Joseph", "de la",
		   "Vall{\\'e}e Poussin", "");
	check_name("jean de la fontaine", "", "jean de la", "fontaine", "");
	/* von ends at the last lower-case token before Last */
	check_name("Jean le Rond d'Alembert", "Jean", "le", "Rond d'Alembert",
		   "");
}

static void test_first_last(void **state)
{
	(void)state;
	check_name("Haocheng Xi", "Haocheng", "", "Xi", "");
	check_name("Per Brinch Hansen", "Per Brinch", "", "Hansen", "");
	check_name("Jean-Paul Sartre", "Jean-Paul", "", "Sartre", "");
	check_name("John {Peyton Jones}", "John", "", "{Peyton Jones}", "");
	check_name("G.~C. Smith", "G. C.", "", "Smith", "");
	check_name("Simon Peyton~Jones", "Simon Peyton", "", "Jones", "");
	check_name("  Donald \t\n  Ervin   Knuth  ", "Donald Ervin", "",
		   "Knuth", "");
}

static void test_von_last_first(void **state)
{
	(void)state;
	check_name("de la Fontaine, Jean", "Jean", "de la", "Fontaine", "");
	check_name("van Beethoven, Ludwig", "Ludwig", "van", "Beethoven", "");
	check_name("Brinch Hansen, Per", "Per", "", "Brinch Hansen", "");
	check_name("Xi, H.", "H.", "", "Xi", "");
	check_name("Xi*, Haocheng", "Haocheng", "", "Xi*", "");
	check_name("smith, john", "john", "", "smith", "");
	check_name("d'Alembert, Jean le Rond", "Jean le Rond", "",
		   "d'Alembert", "");
	check_name("{van} Beethoven, Ludwig", "Ludwig", "", "{van} Beethoven",
		   "");
	/* BibTeX: von runs to the last lower-case token before Last */
	check_name("Smith jones Brown, X", "X", "Smith jones", "Brown", "");
	check_name("Donald E. Knuth, Jr.", "Jr.", "", "Donald E. Knuth", "");
}

static void test_jr(void **state)
{
	(void)state;
	check_name("von Last, Jr, First", "First", "von", "Last", "Jr");
	check_name("Smith, John, Jr.", "Jr.", "", "Smith", "John");
	check_name("Smith, Jr., John", "John", "", "Smith", "Jr.");
	check_name("Wall,, Larry", "Larry", "", "Wall", "");
	/* commas after the second stay in First, as written */
	check_name("A, B, C, D", "C, D", "", "A", "B");
	check_name("A,B,C,D", "C,D", "", "A", "B");
}

static void test_latex_letters(void **state)
{
	(void)state;
	check_name("{\\\"O}zt{\\\"u}rk, Ay{\\c{s}}e", "Ay{\\c{s}}e", "",
		   "{\\\"O}zt{\\\"u}rk", "");
	check_name("M{\\\"u}ller, J{\\\"o}rg", "J{\\\"o}rg", "",
		   "M{\\\"u}ller", "");
	check_name("{\\relax Ch}arles Dickens", "{\\relax Ch}arles", "",
		   "Dickens", "");
	check_name("{\\\"u}ber Mann", "", "{\\\"u}ber", "Mann", "");
	check_name("{\\v{S}}tefan Banach", "{\\v{S}}tefan", "", "Banach", "");
	check_name("Jan {\\O}stergaard", "Jan", "", "{\\O}stergaard", "");
	check_name("Hans {\\ss}x Meier", "Hans", "{\\ss}x", "Meier", "");
	check_name("Hans {\\o}x Meier", "Hans", "{\\o}x", "Meier", "");
	check_name("Hans {\\OE}x Meier", "Hans {\\OE}x", "", "Meier", "");
	check_name("{\\'E}mile Zola", "{\\'E}mile", "", "Zola", "");
	check_name("{Coleman}, Erin", "Erin", "", "{Coleman}", "");
	check_name("{Jean~Paul} Sartre", "{Jean~Paul}", "", "Sartre", "");
}

static void test_utf8(void **state)
{
	(void)state;
	check_name("Jörg Müller", "Jörg", "", "Müller", "");
	check_name("ángel garcía", "", "ángel", "garcía", "");
	check_name("Ünal Öztürk", "Ünal", "", "Öztürk", "");
	check_name("Łukasz ďurovič Nowak", "Łukasz", "ďurovič", "Nowak", "");
	check_name("Nguyễn văn Minh", "Nguyễn", "văn", "Minh", "");
	check_name("Иван петров Сидоров", "Иван", "петров", "Сидоров", "");
	check_name("Νίκος του Παπά", "Νίκος", "του", "Παπά", "");
	check_name("Ōe, Kenzaburō", "Kenzaburō", "", "Ōe", "");
	check_name("Ivan “de” Smith", "Ivan", "“de”", "Smith", "");
	check_name("山田 太郎", "山田", "", "太郎", "");
	/* bytes that are not UTF-8 count as upper-case letters */
	check_name("\xff\xfe abc \x80", "\xff\xfe", "abc", "\x80", "");
}

static void test_literal(void **state)
{
	(void)state;
	check_name_literal("{Barnes and Noble, Inc.}", "", "",
			   "{Barnes and Noble, Inc.}", "", 1);
	check_name_literal("{{Coleman}, Erin}", "", "", "{{Coleman}, Erin}",
			   "", 1);
	check_name_literal("  {Barnes   and\nNoble}  ", "", "",
			   "{Barnes and Noble}", "", 1);
	check_name_literal("{}", "", "", "{}", "", 1);
	check_name_literal("{a}{b}", "", "", "{a}{b}", "", 0);
	check_name_literal("{ab{c}", "", "", "{ab{c}", "", 0);
}

static void test_degenerate(void **state)
{
	(void)state;
	check_name("", "", "", "", "");
	check_name(" \t ", "", "", "", "");
	check_name(", First", "First", "", "", "");
	check_name(",", "", "", "", "");
	check_name(",,", "", "", "", "");
	check_name("a,", "", "", "a", "");
	check_name("van", "", "", "van", "");
	check_name("others", "", "", "others", "");
	check_name("anonymous", "", "", "anonymous", "");
	check_name("{abc", "", "", "{abc", "");
	check_name("abc}", "", "", "abc}", "");
	check_name("}{", "", "", "}{", "");
	check_name("~", "", "", "", "");
	check_name("{\\", "", "", "{\\", "");
	check_name("a {\\", "", "a", "{\\", "");
}

static void test_null_input(void **state)
{
	struct pdb_name nm;
	struct pdb_namelist nl;

	(void)state;
	assert_int_equal(pdb_name_parse(&nm, NULL), 0);
	check_parsed("(null)", &nm, "", "", "", "", 0);
	pdb_name_release(&nm);
	assert_int_equal(pdb_namelist_parse(&nl, NULL), 0);
	assert_int_equal(nl.n, 0);
	pdb_namelist_release(&nl);
}

static void test_long_names(void **state)
{
	size_t n = 50000, i;
	char *s = malloc(2 * n + 2);
	struct pdb_name nm;

	(void)state;
	assert_non_null(s);
	/* "a a a ... a B": 100 KB, all von but the last */
	for (i = 0; i < n; i++)
		memcpy(s + 2 * i, "a ", 2);
	strcpy(s + 2 * n, "B");
	assert_int_equal(pdb_name_parse(&nm, s), 0);
	assert_int_equal(strlen(nm.von), 2 * n - 1);
	assert_string_equal(nm.last, "B");
	assert_string_equal(nm.first, "");
	pdb_name_release(&nm);

	/* one 100 KB token */
	memset(s, 'x', 2 * n);
	s[2 * n] = '\0';
	assert_int_equal(pdb_name_parse(&nm, s), 0);
	assert_int_equal(strlen(nm.last), 2 * n);
	pdb_name_release(&nm);

	/* 100 KB of unclosed braces */
	memset(s, '{', 2 * n);
	assert_int_equal(pdb_name_parse(&nm, s), 0);
	assert_int_equal(strlen(nm.last), 2 * n);
	assert_int_equal(nm.literal, 0);
	pdb_name_release(&nm);
	free(s);
}

/* ---- name lists ---- */

static void check_list(const char *in, size_t n, int others, size_t empty)
{
	struct pdb_namelist nl;

	assert_int_equal(pdb_namelist_parse(&nl, in), 0);
	if (nl.n != n || nl.others != others || nl.empty != empty)
		fail_msg("\"%s\": n=%zu others=%d empty=%zu, want %zu %d %zu",
			 in, nl.n, nl.others, nl.empty, n, others, empty);
	pdb_namelist_release(&nl);
}

static void test_list_split(void **state)
{
	struct pdb_namelist nl;

	(void)state;
	assert_int_equal(pdb_namelist_parse(&nl, "A and B and others"), 0);
	assert_int_equal(nl.n, 2);
	assert_int_equal(nl.others, 1);
	assert_int_equal(nl.empty, 0);
	assert_string_equal(nl.v[0].last, "A");
	assert_string_equal(nl.v[1].last, "B");
	pdb_namelist_release(&nl);

	assert_int_equal(pdb_namelist_parse(&nl,
		"de la Fontaine, Jean and Ludwig van Beethoven"), 0);
	assert_int_equal(nl.n, 2);
	check_parsed("list[0]", &nl.v[0], "Jean", "de la", "Fontaine", "", 0);
	check_parsed("list[1]", &nl.v[1], "Ludwig", "van", "Beethoven", "", 0);
	pdb_namelist_release(&nl);

	check_list("A AND B", 2, 0, 0);
	check_list("A aNd B", 2, 0, 0);
	check_list("A\tand\nB", 2, 0, 0);
	check_list("A and\r\nB", 2, 0, 0);
	check_list("Aand B", 1, 0, 0);
	check_list("A andB", 1, 0, 0);
	check_list("A and Others", 1, 1, 0);
	check_list("others and A", 2, 0, 0);
	check_list("A and others and", 1, 1, 1);
	check_list("others", 0, 1, 0);
	check_list("A and {others}", 2, 0, 0);
	check_list("A and othersx", 2, 0, 0);
}

static void test_list_braces(void **state)
{
	struct pdb_namelist nl;

	(void)state;
	assert_int_equal(pdb_namelist_parse(&nl, "{Barnes and Noble} and X"),
			 0);
	assert_int_equal(nl.n, 2);
	check_parsed("list[0]", &nl.v[0], "", "", "{Barnes and Noble}", "", 1);
	check_parsed("list[1]", &nl.v[1], "", "", "X", "", 0);
	pdb_namelist_release(&nl);

	/* "and" tied with ~ is a word of the name, not a separator */
	assert_int_equal(pdb_namelist_parse(&nl, "A~and~B"), 0);
	assert_int_equal(nl.n, 1);
	check_parsed("A~and~B", &nl.v[0], "A", "and", "B", "", 0);
	pdb_namelist_release(&nl);

	check_list("{A and B", 1, 0, 0);
	check_list("A} and B", 2, 0, 0);
}

static void test_list_empty(void **state)
{
	struct pdb_namelist nl;

	(void)state;
	assert_int_equal(pdb_namelist_parse(&nl, "A and and B"), 0);
	assert_int_equal(nl.n, 2);
	assert_int_equal(nl.empty, 1);
	assert_string_equal(nl.v[0].last, "A");
	assert_string_equal(nl.v[1].last, "B");
	pdb_namelist_release(&nl);

	check_list("", 0, 0, 0);
	check_list(" \t\n ", 0, 0, 1);
	check_list("A and  and B", 2, 0, 1);
	check_list("and A", 1, 0, 1);
	check_list("B and", 1, 0, 1);
	check_list("A and B and", 2, 0, 1);
	check_list("and", 0, 0, 2);
	check_list("A and , and B", 2, 0, 1);
	check_list("and and and", 0, 0, 4);
}

static void test_list_10000(void **state)
{
	size_t n = 10000, i, len = 0;
	char *s = malloc(n * 32);
	struct pdb_namelist nl;
	char want[32];

	(void)state;
	assert_non_null(s);
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(s + len, "%sFirst%zu Last",
				       i ? " and " : "", i);
	assert_int_equal(pdb_namelist_parse(&nl, s), 0);
	assert_int_equal(nl.n, n);
	assert_int_equal(nl.empty, 0);
	assert_int_equal(nl.others, 0);
	snprintf(want, sizeof(want), "First%zu", n - 1);
	assert_string_equal(nl.v[n - 1].first, want);
	assert_string_equal(nl.v[n - 1].last, "Last");
	pdb_namelist_release(&nl);

	/* 10,000 bare "and"s */
	for (i = 0, len = 0; i < n; i++)
		len += (size_t)sprintf(s + len, "and ");
	assert_int_equal(pdb_namelist_parse(&nl, s), 0);
	assert_int_equal(nl.n, 0);
	assert_int_equal(nl.empty, n + 1);
	pdb_namelist_release(&nl);
	free(s);
}

/* ---- no crash on anything ---- */

/* Bytes of s that a name keeps: all but separators and whitespace. */
static size_t kept_bytes(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (!strchr(" \t\n\r~,", *s))
			n++;
	return n;
}

static void parse_and_check(const char *s)
{
	struct pdb_name nm;
	struct pdb_namelist nl;
	size_t i, parts;

	assert_int_equal(pdb_name_parse(&nm, s), 0);
	assert_non_null(nm.first);
	assert_non_null(nm.von);
	assert_non_null(nm.last);
	assert_non_null(nm.jr);
	/* every byte of the name lands in exactly one part */
	parts = kept_bytes(nm.first) + kept_bytes(nm.von) +
		kept_bytes(nm.last) + kept_bytes(nm.jr);
	if (parts != kept_bytes(s))
		fail_msg("\"%s\": %zu bytes in parts, %zu in name", s, parts,
			 kept_bytes(s));
	pdb_name_release(&nm);

	assert_int_equal(pdb_namelist_parse(&nl, s), 0);
	for (i = 0; i < nl.n; i++) {
		assert_non_null(nl.v[i].first);
		assert_non_null(nl.v[i].von);
		assert_non_null(nl.v[i].last);
		assert_non_null(nl.v[i].jr);
	}
	pdb_namelist_release(&nl);
}

static const char *const fuzz_pieces[] = {
	"{", "}", " ", ",", "a", "A", "and", "\\", "\"", "~", "others",
	"\xc3", "\xa9", "\t",
};

#define N_PIECES (sizeof(fuzz_pieces) / sizeof(fuzz_pieces[0]))

static void test_fuzz_exhaustive(void **state)
{
	size_t len, i, total;
	char s[64];

	(void)state;
	/* every string of up to 4 pieces */
	for (len = 0; len <= 4; len++) {
		for (total = 1, i = 0; i < len; i++)
			total *= N_PIECES;
		while (total--) {
			size_t k = total;

			s[0] = '\0';
			for (i = 0; i < len; i++) {
				strcat(s, fuzz_pieces[k % N_PIECES]);
				k /= N_PIECES;
			}
			parse_and_check(s);
		}
	}
}

static uint32_t next_random(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

static void test_fuzz_random(void **state)
{
	uint32_t seed = 20240601;
	char s[512];
	size_t round, i, len;

	(void)state;
	for (round = 0; round < 100000; round++) {
		len = next_random(&seed) % 40;
		s[0] = '\0';
		for (i = 0; i < len; i++) {
			uint32_t r = next_random(&seed);

			/* mostly pieces, sometimes any byte */
			if (r % 8) {
				strcat(s, fuzz_pieces[r % N_PIECES]);
			} else {
				size_t end = strlen(s);
				char byte = (char)(r >> 8 & 0xff);

				s[end] = byte ? byte : 'x';
				s[end + 1] = '\0';
			}
		}
		parse_and_check(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_von_last),
		cmocka_unit_test(test_first_last),
		cmocka_unit_test(test_von_last_first),
		cmocka_unit_test(test_jr),
		cmocka_unit_test(test_latex_letters),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_literal),
		cmocka_unit_test(test_degenerate),
		cmocka_unit_test(test_null_input),
		cmocka_unit_test(test_long_names),
		cmocka_unit_test(test_list_split),
		cmocka_unit_test(test_list_braces),
		cmocka_unit_test(test_list_empty),
		cmocka_unit_test(test_list_10000),
		cmocka_unit_test(test_fuzz_exhaustive),
		cmocka_unit_test(test_fuzz_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
