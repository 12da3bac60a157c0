/*
 * Unit tests for author marks (src/authors.c): every encoding of equal
 * contribution, corresponding author and highlighting, in every position,
 * the entry-level rules (legends, author+an, explicit fields), degenerate
 * input, and author lines copied from the corpus files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "authors.h"
#include "pubdb/model.h"
#include "testlib.h"

enum {
	EQ = PDB_MARK_EQUAL,
	CO = PDB_MARK_CORRESPONDING,
	DG = PDB_MARK_DAGGER,
	DD = PDB_MARK_DDAGGER,
	HL = PDB_MARK_HIGHLIGHT,
	ST = PDB_MARK_STAR,
};

struct want {
	const char *first;
	const char *von;
	const char *last;
	const char *jr;
	unsigned marks;
};

/* name, value pairs, then NULL */
#define FIELDS(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define WANT(...) ((const struct want[]){ __VA_ARGS__ }), \
	(sizeof((const struct want[]){ __VA_ARGS__ }) / sizeof(struct want))

/* The reader's expanded value: whitespace runs made one space, trimmed. */
static char *collapse(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	assert_non_null(out);
	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t') {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
		} else {
			*o++ = *s;
		}
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

static void make_entry(struct pdb_entry *e, const char *const *fields)
{
	size_t i;

	pdb_entry_init(e);
	for (i = 0; fields[i]; i += 2) {
		char *value = collapse(fields[i + 1]);

		assert_int_equal(test_add_field(e, fields[i], fields[i + 1], value,
						(unsigned long)i + 1), 0);
		free(value);
	}
}

static const char *mark_names(unsigned m, char *buf, size_t size)
{
	static const char *const names[] = { "EQ", "CO", "DG", "DD", "HL", "ST" };
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < 6; i++) {
		if (m & (1u << i)) {
			strncat(buf, names[i], size - strlen(buf) - 1);
			strncat(buf, " ", size - strlen(buf) - 1);
		}
	}
	return buf[0] ? buf : "0";
}

static void check_part(size_t i, const char *what, const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fail_msg("author %zu: %s is \"%s\", want \"%s\"", i + 1, what, got, want);
}

static void check_authors(const struct pdb_authorlist *al, const struct want *w,
			  size_t n)
{
	char got[64], exp[64];
	size_t i;

	if (al->n != n) {
		for (i = 0; i < al->n; i++)
			print_message("  got %zu: [%s|%s|%s|%s] %s\n", i + 1,
				      al->v[i].name.first, al->v[i].name.von,
				      al->v[i].name.last, al->v[i].name.jr,
				      mark_names(al->v[i].marks, got, sizeof(got)));
		fail_msg("%zu authors, want %zu", al->n, n);
	}
	for (i = 0; i < n; i++) {
		check_part(i, "first", al->v[i].name.first, w[i].first);
		check_part(i, "von", al->v[i].name.von, w[i].von);
		check_part(i, "last", al->v[i].name.last, w[i].last);
		check_part(i, "jr", al->v[i].name.jr, w[i].jr);
		if (al->v[i].marks != w[i].marks)
			fail_msg("author %zu (%s): marks %s, want %s", i + 1,
				 w[i].last, mark_names(al->v[i].marks, got, sizeof(got)),
				 mark_names(w[i].marks, exp, sizeof(exp)));
	}
}

/* Parses role of the entry made of fields; checks names, marks, counters. */
static void check_role(const char *const *fields, const char *role,
		       const struct want *w, size_t n, int others, size_t empty)
{
	struct pdb_authorlist al = PDB_AUTHORLIST_INIT;
	struct pdb_entry e;

	make_entry(&e, fields);
	assert_int_equal(pdb_authors_parse(&al, &e, role), 0);
	check_authors(&al, w, n);
	assert_int_equal(al.others, others);
	assert_int_equal(al.empty, empty);
	pdb_authorlist_release(&al);
	pdb_entry_release(&e);
}

static void check(const char *const *fields, const struct want *w, size_t n)
{
	check_role(fields, "author", w, n, 0, 0);
}

/* Just the marks of an author field, for the many-encodings tables. */
static void check_marks(const char *author, const unsigned *marks, size_t n)
{
	struct pdb_authorlist al = PDB_AUTHORLIST_INIT;
	struct pdb_entry e;
	char got[64], exp[64];
	size_t i;

	make_entry(&e, FIELDS("author", author));
	assert_int_equal(pdb_authors_parse(&al, &e, "author"), 0);
	if (al.n != n)
		fail_msg("\"%s\": %zu authors, want %zu", author, al.n, n);
	for (i = 0; i < n; i++)
		if (al.v[i].marks != marks[i])
			fail_msg("\"%s\": author %zu marks %s, want %s", author, i + 1,
				 mark_names(al.v[i].marks, got, sizeof(got)),
				 mark_names(marks[i], exp, sizeof(exp)));
	pdb_authorlist_release(&al);
	pdb_entry_release(&e);
}

/* ---- no marks, mark positions ---- */

static void test_no_marks(void **state)
{
	(void)state;
	check(FIELDS("author", "Yang, Shuo and Wei Li and van der Berg, Jr., Jan"),
	      WANT({ "Shuo", "", "Yang", "", 0 },
		   { "Wei", "", "Li", "", 0 },
		   { "Jan", "van der", "Berg", "Jr.", 0 }));
}

static void test_star_positions(void **state)
{
	(void)state;
	/* after the family name, the given name, "First Last", before, spaced */
	check(FIELDS("author", "Yang*, Shuo and Li*, Wei and Zhao, Min"),
	      WANT({ "Shuo", "", "Yang", "", ST | EQ },
		   { "Wei", "", "Li", "", ST | EQ },
		   { "Min", "", "Zhao", "", 0 }));
	check(FIELDS("author", "Yang, Shuo* and Li, Wei*"),
	      WANT({ "Shuo", "", "Yang", "", ST | EQ },
		   { "Wei", "", "Li", "", ST | EQ }));
	check(FIELDS("author", "Shuo Yang* and Wei Li*"),
	      WANT({ "Shuo", "", "Yang", "", ST | EQ },
		   { "Wei", "", "Li", "", ST | EQ }));
	check(FIELDS("author", "*Pang, Ce and *Li, Wei"),
	      WANT({ "Ce", "", "Pang", "", ST | EQ },
		   { "Wei", "", "Li", "", ST | EQ }));
	check(FIELDS("author", "Shuo Yang * and Wei Li *"),
	      WANT({ "Shuo", "", "Yang", "", ST | EQ },
		   { "Wei", "", "Li", "", ST | EQ }));
	check(FIELDS("author", "{Yang*}, Shuo and {Li*}, Wei"),
	      WANT({ "Shuo", "", "{Yang}", "", ST | EQ },
		   { "Wei", "", "{Li}", "", ST | EQ }));
	check(FIELDS("author", "Yang{*}, Shuo and Li, Wei{*}"),
	      WANT({ "Shuo", "", "Yang", "", ST | EQ },
		   { "Wei", "", "Li", "", ST | EQ }));
}

/* ---- every encoding ---- */

static void test_star_encodings(void **state)
{
	static const char *const encodings[] = {
		"*", "\xE2\x88\x97" /* ∗ */, "\\textsuperscript{*}",
		"\\textsuperscript{\\ast}", "$^*$", "$^{*}$", "$^\\ast$",
		"$^{\\ast}$", "^*", "^{*}", "\\footnotemark", "\\footnotemark[1]",
		"\\ast", "\\ast{}", "$*$", "$\\ast$", "\\textsuperscript*",
		"\\*", "\xE2\x8B\x86" /* ⋆ */, "\\textasteriskcentered",
	};
	static const unsigned marks[] = { ST | EQ, ST | EQ, 0 };
	char author[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++) {
		snprintf(author, sizeof(author), "Yang%s, Shuo and Wei Li%s and Zhao, Min",
			 encodings[i], encodings[i]);
		check_marks(author, marks, 3);
		check(FIELDS("author", author),
		      WANT({ "Shuo", "", "Yang", "", ST | EQ },
			   { "Wei", "", "Li", "", ST | EQ },
			   { "Min", "", "Zhao", "", 0 }));
	}
}

static void test_dagger_encodings(void **state)
{
	static const char *const daggers[] = {
		"\xE2\x80\xA0" /* † */, "\\dag", "\\dagger", "$^\\dagger$",
		"$^{\\dagger}$", "$\\dagger$", "\\textsuperscript{\\dag}",
		"\\textsuperscript{\\dagger}", "\\textdagger", "\\dag{}", "^\\dagger",
	};
	static const char *const ddaggers[] = {
		"\xE2\x80\xA1" /* ‡ */, "\\ddag", "\\ddagger", "$^\\ddagger$",
		"\\textsuperscript{\\ddag}", "\\textdaggerdbl",
	};
	static const unsigned dagger_marks[] = { 0, 0, DG | CO };
	static const unsigned ddagger_marks[] = { 0, 0, DD };
	char author[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(daggers) / sizeof(daggers[0]); i++) {
		snprintf(author, sizeof(author), "Yang, Shuo and Li, Wei and Zhu%s, Jun",
			 daggers[i]);
		check_marks(author, dagger_marks, 3);
		check(FIELDS("author", author),
		      WANT({ "Shuo", "", "Yang", "", 0 }, { "Wei", "", "Li", "", 0 },
			   { "Jun", "", "Zhu", "", DG | CO }));
	}
	for (i = 0; i < sizeof(ddaggers) / sizeof(ddaggers[0]); i++) {
		snprintf(author, sizeof(author), "Yang, Shuo and Li, Wei and Jun Zhu%s",
			 ddaggers[i]);
		check_marks(author, ddagger_marks, 3);
	}
}

static void test_combined_marks(void **state)
{
	(void)state;
	/* the al-folio template's Einstein*† */
	check(FIELDS("author", "Einstein*\xE2\x80\xA0, Albert and Bohr*, Niels and Born, Max"),
	      WANT({ "Albert", "", "Einstein", "", ST | EQ | DG | CO },
		   { "Niels", "", "Bohr", "", ST | EQ },
		   { "Max", "", "Born", "", 0 }));
	check(FIELDS("author", "Yang$^{*\\dagger}$, Shuo and Li\\textsuperscript{*,\\ddag}, Wei"),
	      WANT({ "Shuo", "", "Yang", "", ST | EQ | DG | CO },
		   { "Wei", "", "Li", "", ST | EQ | DD }));
	/* affiliation numbers go with the marks */
	check(FIELDS("author", "Shuo Yang\\textsuperscript{1,*} and Wei Li$^{2*}$ and Min Zhao\\textsuperscript{2}"),
	      WANT({ "Shuo", "", "Yang", "", ST | EQ },
		   { "Wei", "", "Li", "", ST | EQ },
		   { "Min", "", "Zhao", "", 0 }));
	/* \dag then a space, glued before the name */
	check(FIELDS("author", "\\dag Pang, Ce and \\dag Li, Wei and Zhao, Min"),
	      WANT({ "Ce", "", "Pang", "", DG | EQ },
		   { "Wei", "", "Li", "", DG | EQ },
		   { "Min", "", "Zhao", "", 0 }));
}

/* ---- what a mark means without a legend ---- */

static void test_default_meanings(void **state)
{
	(void)state;
	/* one * alone cannot be equal contribution: corresponding author */
	check(FIELDS("author", "Bach*, Eviatar and Mote, Safa"),
	      WANT({ "Eviatar", "", "Bach", "", ST | CO },
		   { "Safa", "", "Mote", "", 0 }));
	/* the first two with † and nobody else: co-first authors */
	check(FIELDS("author", "Zhang\xE2\x80\xA0, Ce and Xu\xE2\x80\xA0, Cheng and Wang, Haixin"),
	      WANT({ "Ce", "", "Zhang", "", DG | EQ },
		   { "Cheng", "", "Xu", "", DG | EQ },
		   { "Haixin", "", "Wang", "", 0 }));
	/* ‡ on the first two as well */
	check(FIELDS("author", "A\xE2\x80\xA1, B and C\xE2\x80\xA1, D and E, F"),
	      WANT({ "B", "", "A", "", DD | EQ }, { "D", "", "C", "", DD | EQ },
		   { "F", "", "E", "", 0 }));
	/* * not on the first authors still means equal contribution */
	check(FIELDS("author", "A, B and C*, D and E*, F"),
	      WANT({ "B", "", "A", "", 0 }, { "D", "", "C", "", ST | EQ },
		   { "F", "", "E", "", ST | EQ }));
	/* † on the last two: co-corresponding */
	check(FIELDS("author", "A, B and C\xE2\x80\xA0, D and E\xE2\x80\xA0, F"),
	      WANT({ "B", "", "A", "", 0 }, { "D", "", "C", "", DG | CO },
		   { "F", "", "E", "", DG | CO }));
}

/* ---- highlighting ---- */

static void test_highlight(void **state)
{
	(void)state;
	check(FIELDS("author", "\\textbf{Yang, Shuo} and Li, Wei"),
	      WANT({ "Shuo", "", "Yang", "", HL }, { "Wei", "", "Li", "", 0 }));
	check(FIELDS("author", "\\underline{\\textbf{Yang}}, Shuo and \\emph{Wei Li}"),
	      WANT({ "Shuo", "", "Yang", "", HL }, { "Wei", "", "Li", "", HL }));
	check(FIELDS("author", "{\\bf Shuo Yang} and \\textbf {Li}, \\textbf{Wei}"),
	      WANT({ "Shuo", "", "Yang", "", HL }, { "Wei", "", "Li", "", HL }));
	/* highlighting and a mark together */
	check(FIELDS("author", "\\textbf{Yang*}, Shuo and Li*, Wei"),
	      WANT({ "Shuo", "", "Yang", "", HL | ST | EQ },
		   { "Wei", "", "Li", "", ST | EQ }));
	/* other commands are not highlighting: kept as written */
	check(FIELDS("author", "M{\\\"u}ller, Hans and \\textsc{Li}, Wei"),
	      WANT({ "Hans", "", "M{\\\"u}ller", "", 0 },
		   { "Wei", "", "\\textsc{Li}", "", 0 }));
}

/* ---- notes posing as names ---- */

static void test_notes_as_names(void **state)
{
	(void)state;
	check_role(FIELDS("author", "Yang*, Shuo and Li*, Wei and {[* equal contribution]}"),
		   "author",
		   WANT({ "Shuo", "", "Yang", "", ST | EQ },
			{ "Wei", "", "Li", "", ST | EQ }), 0, 1);
	/* the note is also a legend: here * is the corresponding author */
	check_role(FIELDS("author", "Yang*, Shuo and Li*, Wei and {* corresponding authors}"),
		   "author",
		   WANT({ "Shuo", "", "Yang", "", ST | CO },
			{ "Wei", "", "Li", "", ST | CO }), 0, 1);
	check_role(FIELDS("author", "Shuo Yang\xE2\x80\xA0 and Wei Li\xE2\x80\xA0 and Min Zhao [\xE2\x80\xA0 equal contribution]"),
		   "author",
		   WANT({ "Shuo", "", "Yang", "", DG | EQ },
			{ "Wei", "", "Li", "", DG | EQ },
			{ "Min", "", "Zhao", "", 0 }), 0, 0);
	/* corporate names are names */
	check(FIELDS("author", "{Barnes and Noble, Inc.} and {Equal Rights Foundation}"),
	      WANT({ "", "", "{Barnes and Noble, Inc.}", "", 0 },
		   { "", "", "{Equal Rights Foundation}", "", 0 }));
}

/* alfolio-19.bib:334 */
static void test_alfolio19_group_and_note(void **state)
{
	(void)state;
	check(FIELDS("author", "{Jian Zhu*, Cong Zhang*} and David Jurgens {[* equal contribution]}"),
	      WANT({ "Jian", "", "Zhu", "", ST | EQ },
		   { "Cong", "", "Zhang", "", ST | EQ },
		   { "David", "", "Jurgens", "", 0 }));
	/* a braced group whose pieces are not all marked stays one name */
	check(FIELDS("author", "{Jian Zhu*, Cong Zhang} and David Jurgens"),
	      WANT({ "", "", "{Jian Zhu, Cong Zhang}", "", ST | CO },
		   { "David", "", "Jurgens", "", 0 }));
}

/* ---- biblatex data annotations ---- */

static void test_author_an(void **state)
{
	(void)state;
	check(FIELDS("author", "Yang, Shuo and Li, Wei and Zhao, Min",
		     "author+an", "1=equal; 2=equal"),
	      WANT({ "Shuo", "", "Yang", "", EQ }, { "Wei", "", "Li", "", EQ },
		   { "Min", "", "Zhao", "", 0 }));
	check(FIELDS("author", "Yang, Shuo and Li, Wei and Zhao, Min",
		     "author+an", "1=highlight"),
	      WANT({ "Shuo", "", "Yang", "", HL }, { "Wei", "", "Li", "", 0 },
		   { "Min", "", "Zhao", "", 0 }));
	check(FIELDS("author", "Yang, Shuo and Li, Wei and Zhao, Min",
		     "author+an", "1=equalcontrib;2=equalcontrib,highlight;3=corresponding"),
	      WANT({ "Shuo", "", "Yang", "", EQ }, { "Wei", "", "Li", "", EQ | HL },
		   { "Min", "", "Zhao", "", CO }));
	/* field-level, out of range, part-level, unknown annotations */
	check(FIELDS("author", "Yang, Shuo and Li, Wei",
		     "author+an", "=highlight; 9=equal; 0=equal; 2:family=highlight; 1=shiny"),
	      WANT({ "Shuo", "", "Yang", "", 0 }, { "Wei", "", "Li", "", HL }));
	/* editor+an goes with the editors, author+an not */
	check_role(FIELDS("editor", "Yang, Shuo and Li, Wei", "author+an", "1=highlight",
			  "editor+an", "2=highlight"), "editor",
		   WANT({ "Shuo", "", "Yang", "", 0 }, { "Wei", "", "Li", "", HL }), 0, 0);
}

/* cv-07.bib:2-11 and the commented-out entries at cv-07.bib:60-65 */
static void test_cv07(void **state)
{
	(void)state;
	check(FIELDS("author", "Ma, Jeffrey Jian\n and Nakarmi, Ukash\n and Yue Sik Kin, Cedric\n"
			       " and Sandino, Christopher\n and Cheng, Joseph Y.\n and Syed, Ali B.\n"
			       " and Wei, Peter\n and Pauly, John M.\n and Vasanawala, Shreyas",
		     "author+an", "1=highlight"),
	      WANT({ "Jeffrey Jian", "", "Ma", "", HL },
		   { "Ukash", "", "Nakarmi", "", 0 },
		   { "Cedric", "", "Yue Sik Kin", "", 0 },
		   { "Christopher", "", "Sandino", "", 0 },
		   { "Joseph Y.", "", "Cheng", "", 0 },
		   { "Ali B.", "", "Syed", "", 0 },
		   { "Peter", "", "Wei", "", 0 },
		   { "John M.", "", "Pauly", "", 0 },
		   { "Shreyas", "", "Vasanawala", "", 0 }));
	/* daggers on the first two: co-first authors; the second is the owner */
	check(FIELDS("author", "Zhang, Ce\n and Xu, Cheng\n and Wang, Haixin\n and Xu, Jianliang\n and Choi, Byron",
		     "author+an", "2=highlight,dagger;1=dagger"),
	      WANT({ "Ce", "", "Zhang", "", DG | EQ },
		   { "Cheng", "", "Xu", "", DG | EQ | HL },
		   { "Haixin", "", "Wang", "", 0 },
		   { "Jianliang", "", "Xu", "", 0 },
		   { "Byron", "", "Choi", "", 0 }));
}

/* ---- explicit fields ---- */

static void test_explicit_count(void **state)
{
	(void)state;
	check(FIELDS("author", "Yang, Shuo and Li, Wei and Zhao, Min", "equal_contribution", "2"),
	      WANT({ "Shuo", "", "Yang", "", EQ }, { "Wei", "", "Li", "", EQ },
		   { "Min", "", "Zhao", "", 0 }));
	check(FIELDS("author", "Yang, Shuo and Li, Wei and Zhao, Min", "co_first", " 3 "),
	      WANT({ "Shuo", "", "Yang", "", EQ }, { "Wei", "", "Li", "", EQ },
		   { "Min", "", "Zhao", "", EQ }));
	/* more than there are, and a group of one */
	check(FIELDS("author", "Yang, Shuo and Li, Wei", "cofirst", "99999999999999999999999"),
	      WANT({ "Shuo", "", "Yang", "", EQ }, { "Wei", "", "Li", "", EQ }));
	check(FIELDS("author", "Yang, Shuo and Li, Wei", "cofirst", "1"),
	      WANT({ "Shuo", "", "Yang", "", 0 }, { "Wei", "", "Li", "", 0 }));
	/* explicit fields are about authors, not editors */
	check_role(FIELDS("editor", "Yang, Shuo and Li, Wei", "cofirst", "2"), "editor",
		   WANT({ "Shuo", "", "Yang", "", 0 }, { "Wei", "", "Li", "", 0 }), 0, 0);
}

static void test_explicit_names(void **state)
{
	(void)state;
	check(FIELDS("author", "Yang, Shuo and Li, Wei and Zhao, Min",
		     "equal_contribution", "Yang, Shuo; Zhao, Min"),
	      WANT({ "Shuo", "", "Yang", "", EQ }, { "Wei", "", "Li", "", 0 },
		   { "Min", "", "Zhao", "", EQ }));
	check(FIELDS("author", "Yang, Shuo and Li, Wei and Zhao, Min",
		     "co_first", "S. Yang and W. Li"),
	      WANT({ "Shuo", "", "Yang", "", EQ }, { "Wei", "", "Li", "", EQ },
		   { "Min", "", "Zhao", "", 0 }));
	check(FIELDS("author", "Yang, Shuo and Li, Wei and Zhao, Min", "cofirst", "Li, Zhao"),
	      WANT({ "Shuo", "", "Yang", "", 0 }, { "Wei", "", "Li", "", EQ },
		   { "Min", "", "Zhao", "", EQ }));
	/* accents in any spelling; the initial tells two Müllers apart */
	check(FIELDS("author", "M{\\\"u}ller, Hans and M\xC3\xBCller, Anna and Dvo{\\v{r}}{\\'a}k, Jan",
		     "equalcontrib", "H. M\xC3\xBCller; Dvorak"),
	      WANT({ "Hans", "", "M{\\\"u}ller", "", EQ },
		   { "Anna", "", "M\xC3\xBCller", "", 0 },
		   { "Jan", "", "Dvo{\\v{r}}{\\'a}k", "", EQ }));
	/* positions */
	check(FIELDS("author", "Yang, Shuo and Li, Wei and Zhao, Min", "co_first", "1, 3"),
	      WANT({ "Shuo", "", "Yang", "", EQ }, { "Wei", "", "Li", "", 0 },
		   { "Min", "", "Zhao", "", EQ }));
	/* nobody by that name */
	check(FIELDS("author", "Yang, Shuo and Li, Wei", "co_first", "Smith, John; ; *"),
	      WANT({ "Shuo", "", "Yang", "", 0 }, { "Wei", "", "Li", "", 0 }));
}

static void test_explicit_true(void **state)
{
	(void)state;
	/* true and marks: the marks mean equal contribution (even a lone *) */
	check(FIELDS("author", "Yang*, Shuo and Li, Wei", "equal_contribution", "true"),
	      WANT({ "Shuo", "", "Yang", "", ST | EQ }, { "Wei", "", "Li", "", 0 }));
	check(FIELDS("author", "A, B and C\xE2\x80\xA0, D and E\xE2\x80\xA0, F", "cofirst", "yes"),
	      WANT({ "B", "", "A", "", 0 }, { "D", "", "C", "", DG | EQ },
		   { "F", "", "E", "", DG | EQ }));
	/* true and no marks: the first two */
	check(FIELDS("author", "Yang, Shuo and Li, Wei and Zhao, Min", "co_first", "True"),
	      WANT({ "Shuo", "", "Yang", "", EQ }, { "Wei", "", "Li", "", EQ },
		   { "Min", "", "Zhao", "", 0 }));
	check(FIELDS("author", "Yang, Shuo", "co_first", "true"),
	      WANT({ "Shuo", "", "Yang", "", 0 }));
	/* false changes nothing */
	check(FIELDS("author", "Yang*, Shuo and Li*, Wei", "equal_contribution", "false"),
	      WANT({ "Shuo", "", "Yang", "", ST | EQ }, { "Wei", "", "Li", "", ST | EQ }));
}

/* ---- legends ---- */

static void test_legends(void **state)
{
	(void)state;
	check(FIELDS("author", "Yang*, Shuo and Li*, Wei", "annotation", "* corresponding author"),
	      WANT({ "Shuo", "", "Yang", "", ST | CO }, { "Wei", "", "Li", "", ST | CO }));
	check(FIELDS("author", "Yang\\dag, Shuo and Li\\dag, Wei and Zhao, Min",
		     "note", "\\dag Corresponding author"),
	      WANT({ "Shuo", "", "Yang", "", DG | CO }, { "Wei", "", "Li", "", DG | CO },
		   { "Min", "", "Zhao", "", 0 }));
	check(FIELDS("author", "A, B and C\xE2\x80\xA0, D and E\xE2\x80\xA0, F",
		     "annote", "\xE2\x80\xA0: equal contribution"),
	      WANT({ "B", "", "A", "", 0 }, { "D", "", "C", "", DG | EQ },
		   { "F", "", "E", "", DG | EQ }));
	check(FIELDS("author", "Bach*, Eviatar and Mote, Safa",
		     "author_note", "*These authors contributed equally"),
	      WANT({ "Eviatar", "", "Bach", "", ST | EQ }, { "Safa", "", "Mote", "", 0 }));
	/* "equal contribution" naming no mark: the one kind of mark used */
	check(FIELDS("author", "A, B and C\xE2\x80\xA0, D and E\xE2\x80\xA0, F",
		     "note", "Equal contribution."),
	      WANT({ "B", "", "A", "", 0 }, { "D", "", "C", "", DG | EQ },
		   { "F", "", "E", "", DG | EQ }));
	/* the legend after its text */
	check(FIELDS("author", "A, B and C\xE2\x80\xA0, D and E\xE2\x80\xA0, F",
		     "note", "Equal contribution (\xE2\x80\xA0)"),
	      WANT({ "B", "", "A", "", 0 }, { "D", "", "C", "", DG | EQ },
		   { "F", "", "E", "", DG | EQ }));
	/* a legend saying something else: the mark only as written */
	check(FIELDS("author", "Yang*, Shuo and Li*, Wei", "note", "* Work done at Google"),
	      WANT({ "Shuo", "", "Yang", "", ST }, { "Wei", "", "Li", "", ST }));
	check(FIELDS("author", "Yang*, Shuo and Li*, Wei and Zhu$^\\dagger$, Jun",
		     "annotation", "$^*$ Equal contribution; $^\\dagger$ equal supervision"),
	      WANT({ "Shuo", "", "Yang", "", ST | EQ }, { "Wei", "", "Li", "", ST | EQ },
		   { "Jun", "", "Zhu", "", DG }));
	/* stars that are no legend: "Spotlight*" and a product name */
	check(FIELDS("author", "Yang*, Shuo and Li*, Wei", "note", "Spotlight* at SaR*-tree 2024"),
	      WANT({ "Shuo", "", "Yang", "", ST | EQ }, { "Wei", "", "Li", "", ST | EQ }));
	/* both meanings at once */
	check(FIELDS("author", "Yang*, Shuo and Li, Wei",
		     "note", "* Equal contribution and corresponding author"),
	      WANT({ "Shuo", "", "Yang", "", ST | EQ | CO }, { "Wei", "", "Li", "", 0 }));
}

/* ---- lists: others, editors, empty names ---- */

static void test_others_and_editor(void **state)
{
	(void)state;
	check_role(FIELDS("author", "Yang*, Shuo and Li*, Wei and others"), "author",
		   WANT({ "Shuo", "", "Yang", "", ST | EQ }, { "Wei", "", "Li", "", ST | EQ }),
		   1, 0);
	check_role(FIELDS("author", "Yang, Shuo and Others and"), "author",
		   WANT({ "Shuo", "", "Yang", "", 0 }), 1, 1);
	check_role(FIELDS("author", "Yang, Shuo", "editor", "\\textbf{Li}, Wei and Zhao\xE2\x80\xA0, Min"),
		   "editor",
		   WANT({ "Wei", "", "Li", "", HL }, { "Min", "", "Zhao", "", DG | CO }), 0, 0);
	check_role(FIELDS("author", "Yang, Shuo"), "editor", NULL, 0, 0, 0);
	check_role(FIELDS("title", "T"), NULL, NULL, 0, 0, 0);
}

static void test_degenerate(void **state)
{
	(void)state;
	check_role(FIELDS("author", ""), "author", NULL, 0, 0, 0);
	check_role(FIELDS("author", "   "), "author", NULL, 0, 0, 0);	/* collapsed to "" */
	check_role(FIELDS("author", " and "), "author", NULL, 0, 0, 2);
	check_role(FIELDS("author", "*"), "author", NULL, 0, 0, 1);
	check_role(FIELDS("author", "**"), "author", NULL, 0, 0, 1);
	check_role(FIELDS("author", "$^*$"), "author", NULL, 0, 0, 1);
	check_role(FIELDS("author", "\\textbf{}"), "author", NULL, 0, 0, 1);
	check_role(FIELDS("author", "{*} and {}"), "author", NULL, 0, 0, 2);
	check_role(FIELDS("author", "and"), "author", NULL, 0, 0, 2);
	check_role(FIELDS("author", "Yang*, Shuo and and * and Li*, Wei and"), "author",
		   WANT({ "Shuo", "", "Yang", "", ST | EQ }, { "Wei", "", "Li", "", ST | EQ }),
		   0, 3);
	/*
	 * Unbalanced braces: one name to the end. Marks still go, an
	 * unclosed \\textbf{ is highlighting, unfinished marks stay text.
	 */
	check_role(FIELDS("author", "{Yang*, Shuo and \\textbf{Li, Wei and $^*, x and ^ and \\textsuperscript{"),
		   "author",
		   WANT({ "", "", "{Yang, Shuo and Li, Wei and $, x and ^ and \\textsuperscript{", "", ST | CO | HL }),
		   0, 0);
	check_role(FIELDS("author", "Yang, Shuo \\ and \\"), "author",
		   WANT({ "Shuo \\", "", "Yang", "", 0 }, { "", "", "\\", "", 0 }), 0, 0);
	check_role(FIELDS("author", "[ [ [x and ]]] and }}}*"), "author",
		   WANT({ "[ [", "", "[x", "", 0 }, { "", "", "]]]", "", 0 }), 0, 1);
}

/* Big and hostile inputs: linear time, no crash. */
static char *repeat(const char *unit, size_t times)
{
	size_t n = strlen(unit);
	char *s = malloc(n * times + 1);
	size_t i;

	assert_non_null(s);
	for (i = 0; i < times; i++)
		memcpy(s + i * n, unit, n);
	s[n * times] = '\0';
	return s;
}

static void add_plain_field(struct pdb_entry *e, const char *name, const char *value)
{
	assert_int_equal(test_add_field(e, name, value, value, 1), 0);
}

/* Seconds to parse an entry with these author and note fields. */
static double parse_seconds(const char *author, const char *note, size_t *n)
{
	struct pdb_authorlist al = PDB_AUTHORLIST_INIT;
	struct pdb_entry e;
	clock_t t0;
	double secs;

	pdb_entry_init(&e);
	add_plain_field(&e, "author", author);
	add_plain_field(&e, "note", note);
	add_plain_field(&e, "co_first", note);
	add_plain_field(&e, "author+an", note);
	t0 = clock();
	assert_int_equal(pdb_authors_parse(&al, &e, "author"), 0);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	*n = al.n;
	pdb_authorlist_release(&al);
	pdb_entry_release(&e);
	return secs;
}

static void test_large_lists(void **state)
{
	static const char *const hostile[] = {
		"{", "[ ", "$", "^", "\\textsuperscript{", "{ ", "\\textbf{", "*",
		"{*", "$^{", "\xE2\x80\xA0", "\\", "}", "[* equal ",
		"\\footnotemark[", "\\footnotemark[1", "$^{1", "{[* equal contribution]", " and ",
	};
	char *s;
	size_t n, i;
	double secs;

	(void)state;
	s = repeat("Yang*, Shuo and \\textbf{Li}\xE2\x80\xA0, Wei and Min Zhao and ", 5000);
	secs = parse_seconds(s, "", &n);
	free(s);
	assert_int_equal(n, 15000);
	if (secs > 10.0)
		fail_msg("15,000 marked names took %.2f s", secs);

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		s = repeat(hostile[i], 200000 / strlen(hostile[i]));
		secs = parse_seconds(s, "Yang*, Shuo and Li, Wei", &n);
		if (secs > 10.0)
			fail_msg("200 KB of \"%s\" as names took %.2f s", hostile[i], secs);
		secs = parse_seconds("Yang*, Shuo and Li, Wei", s, &n);
		if (secs > 10.0)
			fail_msg("200 KB of \"%s\" as a legend took %.2f s", hostile[i], secs);
		free(s);
	}
}

static void test_large_legend_and_explicit(void **state)
{
	struct pdb_authorlist al = PDB_AUTHORLIST_INIT;
	struct pdb_entry e;
	char *authors = repeat("Yang*, Shuo and ", 10000);
	char *note = repeat("* equal \xE2\x80\xA0 ", 20000);
	clock_t t0 = clock();

	(void)state;
	pdb_entry_init(&e);
	assert_int_equal(test_add_field(&e, "author", authors, authors, 1), 0);
	assert_int_equal(test_add_field(&e, "note", note, note, 2), 0);
	assert_int_equal(test_add_field(&e, "co_first", "Yang; Li", "Yang; Li", 3), 0);
	assert_int_equal(pdb_authors_parse(&al, &e, "author"), 0);
	assert_int_equal(al.n, 10000);
	assert_int_equal(al.empty, 1);
	assert_int_equal(al.v[9999].marks, ST | EQ);
	assert_true(pdb_authorlist_has_equal(&al));
	if ((double)(clock() - t0) / CLOCKS_PER_SEC > 10.0)
		fail_msg("10,000 names with a long legend took too long");
	pdb_authorlist_release(&al);
	pdb_entry_release(&e);
	free(authors);
	free(note);
}

/* ---- has_equal and cofirst ---- */

static void test_has_equal_and_cofirst(void **state)
{
	struct pdb_authorlist al = PDB_AUTHORLIST_INIT;
	struct pdb_entry e;

	(void)state;
	make_entry(&e, FIELDS("author", "A*, B and C*, D and E\xE2\x80\xA0, F and G\xE2\x80\xA0, H and I, J",
			      "note", "* Equal contribution, \xE2\x80\xA0 Joint second author"));
	assert_int_equal(pdb_authors_parse(&al, &e, "author"), 0);
	assert_true(pdb_authorlist_has_equal(&al));
	assert_int_equal(al.equal_marks, ST | DG);
	assert_true(pdb_authorlist_cofirst(&al, 0));
	assert_true(pdb_authorlist_cofirst(&al, 1));
	assert_false(pdb_authorlist_cofirst(&al, 2));
	assert_false(pdb_authorlist_cofirst(&al, 3));
	assert_false(pdb_authorlist_cofirst(&al, 4));
	assert_false(pdb_authorlist_cofirst(&al, 99));
	pdb_authorlist_release(&al);
	pdb_entry_release(&e);

	make_entry(&e, FIELDS("author", "A, B and C, D", "co_first", "2"));
	assert_int_equal(pdb_authors_parse(&al, &e, "author"), 0);
	assert_true(pdb_authorlist_cofirst(&al, 1));
	pdb_authorlist_release(&al);
	pdb_entry_release(&e);

	make_entry(&e, FIELDS("author", "A, B and C\xE2\x80\xA0, D"));
	assert_int_equal(pdb_authors_parse(&al, &e, "author"), 0);
	assert_false(pdb_authorlist_has_equal(&al));
	assert_false(pdb_authorlist_cofirst(&al, 0));
	pdb_authorlist_release(&al);
	pdb_entry_release(&e);
	assert_false(pdb_authorlist_has_equal(&al));
}

/* ---- lines from the corpus, flagged as a reader would ---- */

/* alfolio-01.bib:7,19 */
static void test_alfolio01_equal(void **state)
{
	(void)state;
	check(FIELDS("author", "Xu*, Kai and Brown*, Ellis and Madhu, Shrikar and Fergus, Rob and He, He and Xie, Saining",
		     "annotation", "* Equal contribution"),
	      WANT({ "Kai", "", "Xu", "", ST | EQ }, { "Ellis", "", "Brown", "", ST | EQ },
		   { "Shrikar", "", "Madhu", "", 0 }, { "Rob", "", "Fergus", "", 0 },
		   { "He", "", "He", "", 0 }, { "Saining", "", "Xie", "", 0 }));
}

/* alfolio-01.bib:42,53: † is equal advising, not equal contribution */
static void test_alfolio01_advising(void **state)
{
	struct pdb_authorlist al = PDB_AUTHORLIST_INIT;
	struct pdb_entry e;
	size_t i;

	(void)state;
	make_entry(&e, FIELDS("author", "Tong*, Shengbang and Fan*, David and Nguyen*, John and Brown, Ellis and Zhou, Gaoyue and Qian, Shengyi and Zheng, Boyang and Vallaeys, Th{\\'e}ophane and Han, Junlin and Fergus, Rob and Murray, Naila and Ghazvininejad, Marjan and Lewis, Mike and Ballas, Nicolas and Bar, Amir and Rabbat, Michael and Verbeek, Jakob and Zettlemoyer\xE2\x80\xA0, Luke and Sinha\xE2\x80\xA0, Koustuv and LeCun\xE2\x80\xA0, Yann and Xie\xE2\x80\xA0, Saining",
			      "annotation", "* Equal contribution, \xE2\x80\xA0 Equal advising"));
	assert_int_equal(pdb_authors_parse(&al, &e, "author"), 0);
	assert_int_equal(al.n, 21);
	for (i = 0; i < 3; i++)
		assert_int_equal(al.v[i].marks, ST | EQ);
	for (i = 3; i < 17; i++)
		assert_int_equal(al.v[i].marks, 0);
	for (i = 17; i < 21; i++)
		assert_int_equal(al.v[i].marks, DG);
	assert_string_equal(al.v[7].name.last, "Vallaeys");
	assert_string_equal(al.v[7].name.first, "Th{\\'e}ophane");
	assert_string_equal(al.v[19].name.last, "LeCun");
	assert_string_equal(al.v[19].name.first, "Yann");
	assert_int_equal(pdb_authorlist_cofirst(&al, 2), 1);
	pdb_authorlist_release(&al);
	pdb_entry_release(&e);
}

/* alfolio-01.bib:76,88 ("† Core team") and 129,140 ("† Joint second author") */
static void test_alfolio01_dagger_legends(void **state)
{
	(void)state;
	check(FIELDS("author", "Yang*, Shusheng and Yang*, Jihan and Huang\xE2\x80\xA0, Pinzhi and Brown\xE2\x80\xA0, Ellis and Yang, Zihao",
		     "annotation", "* Equal contribution, \xE2\x80\xA0 Core team"),
	      WANT({ "Shusheng", "", "Yang", "", ST | EQ }, { "Jihan", "", "Yang", "", ST | EQ },
		   { "Pinzhi", "", "Huang", "", DG }, { "Ellis", "", "Brown", "", DG },
		   { "Zihao", "", "Yang", "", 0 }));
	check(FIELDS("author", "Arijit Ray and Jiafei Duan\xE2\x80\xA0 and Ellis Brown\xE2\x80\xA0 and Reuben Tan and Dina Bashkirova",
		     "annotation", "\xE2\x80\xA0 Joint second author"),
	      WANT({ "Arijit", "", "Ray", "", 0 }, { "Jiafei", "", "Duan", "", DG | EQ },
		   { "Ellis", "", "Brown", "", DG | EQ }, { "Reuben", "", "Tan", "", 0 },
		   { "Dina", "", "Bashkirova", "", 0 }));
	/* alfolio-01.bib:147: a stray comma before "and" */
	check(FIELDS("author", "Tong*, Shengbang and Brown*, Ellis and Wu*, Penghao and Yang, Shusheng, and Iyer, Adithya",
		     "annotation", "* Equal contribution"),
	      WANT({ "Shengbang", "", "Tong", "", ST | EQ }, { "Ellis", "", "Brown", "", ST | EQ },
		   { "Penghao", "", "Wu", "", ST | EQ }, { "Shusheng", "", "Yang", "", 0 },
		   { "Adithya", "", "Iyer", "", 0 }));
}

/* alfolio-03.bib:184 */
static void test_alfolio03(void **state)
{
	(void)state;
	check(FIELDS("author", "Yuan*, Zhihang and Shang*, Yuzhang and Zhang, Hanling and Fang, Tongcheng"),
	      WANT({ "Zhihang", "", "Yuan", "", ST | EQ }, { "Yuzhang", "", "Shang", "", ST | EQ },
		   { "Hanling", "", "Zhang", "", 0 }, { "Tongcheng", "", "Fang", "", 0 }));
}

/* alfolio-06.bib:9-24: marks after the given name, one author a line */
static void test_alfolio06(void **state)
{
	static const char *const fields[] = {
		"author", "Agarwal, Navneet*  and\n                 Milintsevich, Kirill*  and\n"
			  "                 Metivier, Lucie  and\n                 Rotharmel, Maud  and\n"
			  "                 Dias, Ga{\\\"e}l  and\n                 Dollfus, Sonia",
		"editor", "Calzolari, Nicoletta  and\n                 Kan, Min-Yen  and\n"
			  "                 Hoste, Veronique",
		"annotation", "* Authors contributed equally.",
		NULL,
	};

	(void)state;
	check(fields,
	      WANT({ "Navneet", "", "Agarwal", "", ST | EQ },
		   { "Kirill", "", "Milintsevich", "", ST | EQ },
		   { "Lucie", "", "Metivier", "", 0 }, { "Maud", "", "Rotharmel", "", 0 },
		   { "Ga{\\\"e}l", "", "Dias", "", 0 }, { "Sonia", "", "Dollfus", "", 0 }));
	check_role(fields, "editor",
		   WANT({ "Nicoletta", "", "Calzolari", "", 0 }, { "Min-Yen", "", "Kan", "", 0 },
			{ "Veronique", "", "Hoste", "", 0 }), 0, 0);
}

/* alfolio-13.bib:192-206 */
static void test_alfolio13(void **state)
{
	(void)state;
	check(FIELDS("author", "\n    Leach\\textsuperscript{*}, Kevin and\n    Timperley\\textsuperscript{*}, {Christopher S} and\n"
			       "    Angstadt, Kevin and\n    {Le Goues}, Claire and\n    Weimer, Westley\n  "),
	      WANT({ "Kevin", "", "Leach", "", ST | EQ },
		   { "{Christopher S}", "", "Timperley", "", ST | EQ },
		   { "Kevin", "", "Angstadt", "", 0 },
		   { "Claire", "", "{Le Goues}", "", 0 },
		   { "Westley", "", "Weimer", "", 0 }));
}

/* alfolio-14.bib:5 (†: corresponding author) and 239 (*: equal contribution) */
static void test_alfolio14(void **state)
{
	(void)state;
	check(FIELDS("author", "Guo, Jizhou and Wu\xE2\x80\xA0, Zhaomin and Yang, Hanchen and Yu, Philip S."),
	      WANT({ "Jizhou", "", "Guo", "", 0 }, { "Zhaomin", "", "Wu", "", DG | CO },
		   { "Hanchen", "", "Yang", "", 0 }, { "Philip S.", "", "Yu", "", 0 }));
	check(FIELDS("author", "Wu*, Zhaomin and Guo*, Jizhou and Hou, Junyi and He, Bingsheng and Fan, Lixin and Yang, Qiang"),
	      WANT({ "Zhaomin", "", "Wu", "", ST | EQ }, { "Jizhou", "", "Guo", "", ST | EQ },
		   { "Junyi", "", "Hou", "", 0 }, { "Bingsheng", "", "He", "", 0 },
		   { "Lixin", "", "Fan", "", 0 }, { "Qiang", "", "Yang", "", 0 }));
	/* alfolio-14.bib:106: two corresponding authors */
	check(FIELDS("author", "Qin, Zhen and Wu\xE2\x80\xA0, Zhaomin and He, Bingsheng and Deng\xE2\x80\xA0, Shuiguang"),
	      WANT({ "Zhen", "", "Qin", "", 0 }, { "Zhaomin", "", "Wu", "", DG | CO },
		   { "Bingsheng", "", "He", "", 0 }, { "Shuiguang", "", "Deng", "", DG | CO }));
}

/* alfolio-20.bib:5,102: no legend; a lone * is the corresponding author */
static void test_alfolio20(void **state)
{
	(void)state;
	check(FIELDS("author", "Bach*, Eviatar and Mote, Safa and Krishnamurthy, V. and Sharma, A. Surjalal and Ghil, Michael and Kalnay, Eugenia"),
	      WANT({ "Eviatar", "", "Bach", "", ST | CO }, { "Safa", "", "Mote", "", 0 },
		   { "V.", "", "Krishnamurthy", "", 0 }, { "A. Surjalal", "", "Sharma", "", 0 },
		   { "Michael", "", "Ghil", "", 0 }, { "Eugenia", "", "Kalnay", "", 0 }));
	check(FIELDS("author", "Bach*, Eviatar"), WANT({ "Eviatar", "", "Bach", "", ST | CO }));
}

/* alfolio-23.bib:223 and 21 */
static void test_alfolio23(void **state)
{
	(void)state;
	check(FIELDS("author", "\\textbf{A. {Collas}} and A. {Breloy} and G. {Ginolhac} and C. {Ren} and J.-P. {Ovarlez}"),
	      WANT({ "A.", "", "{Collas}", "", HL }, { "A.", "", "{Breloy}", "", 0 },
		   { "G.", "", "{Ginolhac}", "", 0 }, { "C.", "", "{Ren}", "", 0 },
		   { "J.-P.", "", "{Ovarlez}", "", 0 }));
	check(FIELDS("author", "Gnassounou*, Th{\\'e}o and Collas*, Antoine, and Flamary, R{\\'e}mi and Lounici, Karim and Gramfort, Alexandre"),
	      WANT({ "Th{\\'e}o", "", "Gnassounou", "", ST | EQ },
		   { "Antoine", "", "Collas", "", ST | EQ },
		   { "R{\\'e}mi", "", "Flamary", "", 0 }, { "Karim", "", "Lounici", "", 0 },
		   { "Alexandre", "", "Gramfort", "", 0 }));
}

/* alfolio-30.bib:136, 147, 160, 196 */
static void test_alfolio30(void **state)
{
	(void)state;
	check(FIELDS("author", "\\textbf{R.} \\underline{\\textbf{Kucharski}} and Oded Cats and Julian Sienkiewicz"),
	      WANT({ "R.", "", "Kucharski", "", HL }, { "Oded", "", "Cats", "", 0 },
		   { "Julian", "", "Sienkiewicz", "", 0 }));
	check(FIELDS("author", "\\textbf{Rafa\xC5\x82} \\underline{\\textbf{Kucharski}} and Oded Cats"),
	      WANT({ "Rafa\xC5\x82", "", "Kucharski", "", HL }, { "Oded", "", "Cats", "", 0 }));
	check(FIELDS("author", "de Ruijter, Arjan and Cats, Oded and \\textbf{Kucharski}, \\textbf{Rafa\xC5\x82} and van Lint, Hans"),
	      WANT({ "Arjan", "de", "Ruijter", "", 0 }, { "Oded", "", "Cats", "", 0 },
		   { "Rafa\xC5\x82", "", "Kucharski", "", HL }, { "Hans", "van", "Lint", "", 0 }));
	check(FIELDS("author", "Banet, Krystian and \\textbf{Kucharski}, R. and Naumov, V."),
	      WANT({ "Krystian", "", "Banet", "", 0 }, { "R.", "", "Kucharski", "", HL },
		   { "V.", "", "Naumov", "", 0 }));
}

/* alfolio-32.bib:35 and 88 */
static void test_alfolio32(void **state)
{
	(void)state;
	check(FIELDS("author", "Zheng*, Kaiwen and He*, Guande and Chen, Jianfei and Bao, Fan and Zhu\xE2\x80\xA0, Jun"),
	      WANT({ "Kaiwen", "", "Zheng", "", ST | EQ }, { "Guande", "", "He", "", ST | EQ },
		   { "Jianfei", "", "Chen", "", 0 }, { "Fan", "", "Bao", "", 0 },
		   { "Jun", "", "Zhu", "", DG | CO }));
	check(FIELDS("author", "Guande He and Jianfei Chen\xE2\x80\xA0 and Jun Zhu\xE2\x80\xA0"),
	      WANT({ "Guande", "", "He", "", 0 }, { "Jianfei", "", "Chen", "", DG | CO },
		   { "Jun", "", "Zhu", "", DG | CO }));
}

/* alfolio-41.bib:6 */
static void test_alfolio41(void **state)
{
	(void)state;
	check(FIELDS("author", "Jilong Wang* and Javokhirbek Rajabov* and Chaoyi Xu and Yiming Zheng and He Wang"),
	      WANT({ "Jilong", "", "Wang", "", ST | EQ }, { "Javokhirbek", "", "Rajabov", "", ST | EQ },
		   { "Chaoyi", "", "Xu", "", 0 }, { "Yiming", "", "Zheng", "", 0 },
		   { "He", "", "Wang", "", 0 }));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_marks),
		cmocka_unit_test(test_star_positions),
		cmocka_unit_test(test_star_encodings),
		cmocka_unit_test(test_dagger_encodings),
		cmocka_unit_test(test_combined_marks),
		cmocka_unit_test(test_default_meanings),
		cmocka_unit_test(test_highlight),
		cmocka_unit_test(test_notes_as_names),
		cmocka_unit_test(test_alfolio19_group_and_note),
		cmocka_unit_test(test_author_an),
		cmocka_unit_test(test_cv07),
		cmocka_unit_test(test_explicit_count),
		cmocka_unit_test(test_explicit_names),
		cmocka_unit_test(test_explicit_true),
		cmocka_unit_test(test_legends),
		cmocka_unit_test(test_others_and_editor),
		cmocka_unit_test(test_degenerate),
		cmocka_unit_test(test_large_lists),
		cmocka_unit_test(test_large_legend_and_explicit),
		cmocka_unit_test(test_has_equal_and_cofirst),
		cmocka_unit_test(test_alfolio01_equal),
		cmocka_unit_test(test_alfolio01_advising),
		cmocka_unit_test(test_alfolio01_dagger_legends),
		cmocka_unit_test(test_alfolio03),
		cmocka_unit_test(test_alfolio06),
		cmocka_unit_test(test_alfolio13),
		cmocka_unit_test(test_alfolio14),
		cmocka_unit_test(test_alfolio20),
		cmocka_unit_test(test_alfolio23),
		cmocka_unit_test(test_alfolio30),
		cmocka_unit_test(test_alfolio32),
		cmocka_unit_test(test_alfolio41),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
