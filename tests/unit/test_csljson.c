/*
 * Unit tests for the csl-json exporter (src/export_csljson.c): records
 * built by hand, output compared byte for byte.
 *
 * Records and people use designated initialisers: fields left out are
 * NULL or 0, as for a record the store loaded without them. A field's
 * value is the expanded BibTeX (LaTeX and all); the record's title and
 * people are Unicode already, as the store keeps them.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pubdb/export.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define FIELD(name, value) { (char *)(name), (char *)(value), (char *)(value), 0 }
#define PERSON(g, v, f, j) { .given = (g), .von = (v), .family = (f), .jr = (j) }
#define LITERAL(name) { .given = "", .von = "", .family = (name), .jr = "", .literal = 1 }
/* A record of type t with the fields v and nothing else. */
#define RECORD(k, t, v) { .key = (k), .type = (t), .fields = (v), .nfields = COUNT(v) }

/* Runs the exporter over recs into memory; returns the output (caller frees). */
static char *export_to_string(const struct pdb_record *recs, size_t n)
{
	struct pdb_export_opts opts = { 0 };
	struct pdb_export x = { 0 };
	char *text = NULL;
	size_t len = 0;

	x.out = open_memstream(&text, &len);
	assert_non_null(x.out);
	x.opts = &opts;
	assert_int_equal(pdb_export_csljson.begin(&x), 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(pdb_export_csljson.entry(&x, &recs[i]), 0);
		x.count++;
	}
	assert_int_equal(pdb_export_csljson.end(&x), 0);
	assert_null(x.priv);
	assert_int_equal(fclose(x.out), 0);
	assert_int_equal(strlen(text), len);
	return text;
}

static void expect_output(const struct pdb_record *recs, size_t n, const char *want)
{
	char *got = export_to_string(recs, n);
	int same = strcmp(got, want) == 0;

	if (!same)
		print_error("output differs\n--- got:\n%s\n--- want:\n%s\n", got, want);
	free(got);
	if (!same)
		fail();
}

/* The export of rec alone is the array holding just want. */
static void expect_object(const struct pdb_record *rec, const char *want)
{
	size_t len = strlen(want) + 8;
	char *doc = malloc(len);

	assert_non_null(doc);
	snprintf(doc, len, "[\n%s\n]\n", want);
	expect_output(rec, 1, doc);
	free(doc);
}

/* ---- a full entry: every key, in order ---- */

static const struct pdb_field jetfire_fields[] = {
	FIELD("title", "{Jetfire}: Efficient and Accurate Transformer Pretraining"),
	FIELD("subtitle", "{INT8} Data Flow and Per-Block Quantization"),
	FIELD("booktitle", "Proceedings of the 41st International Conference on Machine Learning"),
	FIELD("series", "Proceedings of Machine Learning Research"),
	FIELD("number", "235"),
	FIELD("volume", "{235}"),
	FIELD("pages", "54049--54063"),
	FIELD("edition", "First"),
	FIELD("publisher", "{PMLR}"),
	FIELD("address", "Vienna, {\\\"O}sterreich"),
	FIELD("doi", "https://doi.org/10.5555/3692070.3694266"),
	FIELD("isbn", "978-1-2345"),
	FIELD("issn", "2640-3498"),
	FIELD("url", "https://proceedings.mlr.press/v235/xi24b.html"),
	FIELD("note", "Spotlight, \\emph{top 3.5\\%}"),
	FIELD("abstract", "We use {INT8}~data flow \\& per-block quantization."),
	FIELD("keywords", "quantization, training"),
	FIELD("langid", "english"),
	FIELD("eprint", "2403.12422"),
	FIELD("archiveprefix", "arXiv"),
};

static const struct pdb_person jetfire_authors[] = {
	PERSON("Haocheng", "", "Xi", ""),
	PERSON("Ludwig", "van", "Beethoven", "Jr"),
	LITERAL("OpenAI Team"),
};

static const struct pdb_person jetfire_editors[] = {
	PERSON("Anna", "", "Müller", ""),
};

static const struct pdb_record jetfire = {
	.key = "xi2024jetfire",
	.type = "inproceedings",
	.title = "Jetfire: Efficient and Accurate Transformer Pretraining",
	.year = 2024,
	.month = 7,
	.fields = jetfire_fields,
	.nfields = COUNT(jetfire_fields),
	.authors = jetfire_authors,
	.nauthors = COUNT(jetfire_authors),
	.editors = jetfire_editors,
	.neditors = COUNT(jetfire_editors),
};

static void test_full_entry(void **state)
{
	(void)state;
	expect_object(&jetfire,
		"{\"id\":\"xi2024jetfire\",\"type\":\"paper-conference\","
		"\"title\":\"Jetfire: Efficient and Accurate Transformer Pretraining: "
		"INT8 Data Flow and Per-Block Quantization\","
		"\"author\":[{\"family\":\"Xi\",\"given\":\"Haocheng\"},"
		"{\"family\":\"Beethoven\",\"given\":\"Ludwig\",\"non-dropping-particle\":\"van\","
		"\"suffix\":\"Jr\"},"
		"{\"literal\":\"OpenAI Team\"}],"
		"\"editor\":[{\"family\":\"Müller\",\"given\":\"Anna\"}],"
		"\"issued\":{\"date-parts\":[[2024,7]]},"
		"\"container-title\":\"Proceedings of the 41st International Conference on Machine Learning\","
		"\"collection-title\":\"Proceedings of Machine Learning Research\","
		"\"collection-number\":\"235\","
		"\"volume\":\"235\",\"page\":\"54049-54063\",\"edition\":\"First\","
		"\"publisher\":\"PMLR\",\"publisher-place\":\"Vienna, Österreich\","
		"\"DOI\":\"10.5555/3692070.3694266\",\"ISBN\":\"978-1-2345\",\"ISSN\":\"2640-3498\","
		"\"URL\":\"https://proceedings.mlr.press/v235/xi24b.html\","
		"\"note\":\"Spotlight, top 3.5%\","
		"\"abstract\":\"We use INT8\u00a0data flow & per-block quantization.\","
		"\"keyword\":\"quantization, training\",\"language\":\"en\"}");
}

static void test_empty(void **state)
{
	(void)state;
	expect_output(NULL, 0, "[]\n");
}

static void test_two_entries(void **state)
{
	static const struct pdb_record recs[] = {
		{ .key = "a", .type = "book", .title = "A" },
		{ .key = "b", .type = "book", .title = "B", .year = 1999 },
	};

	(void)state;
	expect_output(recs, COUNT(recs),
		"[\n"
		"{\"id\":\"a\",\"type\":\"book\",\"title\":\"A\"},\n"
		"{\"id\":\"b\",\"type\":\"book\",\"title\":\"B\",\"issued\":{\"date-parts\":[[1999]]}}\n"
		"]\n");
}

/* ---- types ---- */

struct type_case {
	const char *bibtex;
	const char *want;	/* the object of a record with that type and no fields */
};

static void test_type_map(void **state)
{
	static const struct type_case cases[] = {
		{ "article", "{\"id\":\"k\",\"type\":\"article-journal\"}" },
		{ "inproceedings", "{\"id\":\"k\",\"type\":\"paper-conference\"}" },
		{ "conference", "{\"id\":\"k\",\"type\":\"paper-conference\"}" },
		{ "book", "{\"id\":\"k\",\"type\":\"book\"}" },
		{ "mvbook", "{\"id\":\"k\",\"type\":\"book\"}" },
		{ "collection", "{\"id\":\"k\",\"type\":\"book\"}" },
		{ "manual", "{\"id\":\"k\",\"type\":\"book\"}" },
		{ "proceedings", "{\"id\":\"k\",\"type\":\"book\"}" },
		{ "booklet", "{\"id\":\"k\",\"type\":\"pamphlet\"}" },
		{ "incollection", "{\"id\":\"k\",\"type\":\"chapter\"}" },
		{ "inbook", "{\"id\":\"k\",\"type\":\"chapter\"}" },
		{ "inreference", "{\"id\":\"k\",\"type\":\"entry-encyclopedia\"}" },
		{ "phdthesis", "{\"id\":\"k\",\"type\":\"thesis\",\"genre\":\"PhD thesis\"}" },
		{ "mastersthesis", "{\"id\":\"k\",\"type\":\"thesis\",\"genre\":\"Master's thesis\"}" },
		{ "thesis", "{\"id\":\"k\",\"type\":\"thesis\"}" },
		{ "techreport", "{\"id\":\"k\",\"type\":\"report\",\"genre\":\"Technical report\"}" },
		{ "report", "{\"id\":\"k\",\"type\":\"report\"}" },
		{ "dataset", "{\"id\":\"k\",\"type\":\"dataset\"}" },
		{ "software", "{\"id\":\"k\",\"type\":\"software\"}" },
		{ "patent", "{\"id\":\"k\",\"type\":\"patent\"}" },
		{ "misc", "{\"id\":\"k\",\"type\":\"article\"}" },
		{ "online", "{\"id\":\"k\",\"type\":\"article\"}" },
		{ "unpublished", "{\"id\":\"k\",\"type\":\"article\"}" },
		{ "preprint", "{\"id\":\"k\",\"type\":\"article\"}" },
		{ "nosuchtype", "{\"id\":\"k\",\"type\":\"article\"}" },
	};

	(void)state;
	for (size_t i = 0; i < COUNT(cases); i++) {
		struct pdb_record rec = { .key = "k", .type = cases[i].bibtex };

		expect_object(&rec, cases[i].want);
	}
}

static const struct pdb_field journal_fields[] = { FIELD("journal", "Phys. Rev. Lett.") };
static const struct pdb_field arxiv_journal_fields[] = {
	FIELD("journal", "arXiv preprint arXiv:2401.00001"),
};
static const struct pdb_field corr_fields[] = { FIELD("journal", "CoRR") };
static const struct pdb_field corrosion_fields[] = { FIELD("journal", "Corrosion Science") };
static const struct pdb_field biorxiv_fields[] = { FIELD("journal", "bioRxiv") };

static void test_article_or_preprint(void **state)
{
	static const struct pdb_record recs[] = {
		RECORD("j", "article", journal_fields),
		RECORD("a", "article", arxiv_journal_fields),
		RECORD("c", "article", corr_fields),
		RECORD("s", "article", corrosion_fields),
		RECORD("b", "article", biorxiv_fields),
	};

	(void)state;
	expect_output(recs, COUNT(recs),
		"[\n"
		"{\"id\":\"j\",\"type\":\"article-journal\",\"container-title\":\"Phys. Rev. Lett.\"},\n"
		"{\"id\":\"a\",\"type\":\"article\","
		"\"container-title\":\"arXiv preprint arXiv:2401.00001\"},\n"
		"{\"id\":\"c\",\"type\":\"article\",\"container-title\":\"CoRR\"},\n"
		"{\"id\":\"s\",\"type\":\"article-journal\",\"container-title\":\"Corrosion Science\"},\n"
		"{\"id\":\"b\",\"type\":\"article\",\"container-title\":\"bioRxiv\"}\n"
		"]\n");
}

static const struct pdb_field eprint_fields[] = {
	FIELD("eprint", "2403.12422v2"),
	FIELD("archiveprefix", "arXiv"),
};
static const struct pdb_field old_arxiv_fields[] = { FIELD("arxiv", "arXiv:hep-th/9603067") };
static const struct pdb_field zotero_preprint_fields[] = {
	FIELD("number", "arXiv:2603.16471"),
	FIELD("eprint", "2603.16471"),
	FIELD("archiveprefix", "arXiv"),
	FIELD("publisher", "arXiv"),
	FIELD("doi", "10.48550/arXiv.2603.16471"),
};
static const struct pdb_field bad_eprint_fields[] = {
	FIELD("eprint", "//www.pubmedcentral.nih.gov/articlerender.fcgi"),
	FIELD("archiveprefix", "arXiv"),
};
static const struct pdb_field published_eprint_fields[] = {
	FIELD("journal", "Nature"),
	FIELD("eprint", "2403.12422"),
	FIELD("archiveprefix", "arXiv"),
};

static void test_arxiv(void **state)
{
	static const struct pdb_record recs[] = {
		RECORD("a", "article", eprint_fields),
		RECORD("o", "misc", old_arxiv_fields),
		RECORD("z", "misc", zotero_preprint_fields),
		RECORD("bad", "misc", bad_eprint_fields),
		RECORD("n", "article", published_eprint_fields),
	};

	(void)state;
	expect_output(recs, COUNT(recs),
		"[\n"
		"{\"id\":\"a\",\"type\":\"article\",\"number\":\"2403.12422v2\","
		"\"publisher\":\"arXiv\",\"URL\":\"https://arxiv.org/abs/2403.12422v2\"},\n"
		"{\"id\":\"o\",\"type\":\"article\",\"number\":\"hep-th/9603067\","
		"\"publisher\":\"arXiv\",\"URL\":\"https://arxiv.org/abs/hep-th/9603067\"},\n"
		"{\"id\":\"z\",\"type\":\"article\",\"number\":\"arXiv:2603.16471\","
		"\"publisher\":\"arXiv\",\"DOI\":\"10.48550/arXiv.2603.16471\","
		"\"URL\":\"https://arxiv.org/abs/2603.16471\"},\n"
		"{\"id\":\"bad\",\"type\":\"article\"},\n"
		"{\"id\":\"n\",\"type\":\"article-journal\",\"container-title\":\"Nature\","
		"\"URL\":\"https://arxiv.org/abs/2403.12422\"}\n"
		"]\n");
}

static const struct pdb_field url_only_fields[] = {
	FIELD("url", "http://www.ctan.org/~user/a\\_b\\%20c"),
	FIELD("note", "Accessed 2024"),
};
static const struct pdb_field howpublished_url_fields[] = {
	FIELD("howpublished", "\\url{https://example.org/x}"),
};
static const struct pdb_field howpublished_text_fields[] = {
	FIELD("howpublished", "Handed out at O'Hare"),
	FIELD("url", "https://example.org/x"),
};
static const struct pdb_field relative_url_fields[] = {
	FIELD("url", "/assets/pdf/thesis.pdf"),
};

static void test_misc_webpage_or_article(void **state)
{
	static const struct pdb_record recs[] = {
		RECORD("u", "misc", url_only_fields),
		RECORD("h", "online", howpublished_url_fields),
		RECORD("t", "misc", howpublished_text_fields),
		RECORD("r", "misc", relative_url_fields),
	};

	(void)state;
	expect_output(recs, COUNT(recs),
		"[\n"
		"{\"id\":\"u\",\"type\":\"webpage\",\"URL\":\"http://www.ctan.org/~user/a_b%20c\","
		"\"note\":\"Accessed 2024\"},\n"
		"{\"id\":\"h\",\"type\":\"webpage\",\"URL\":\"https://example.org/x\"},\n"
		"{\"id\":\"t\",\"type\":\"article\",\"publisher\":\"Handed out at O'Hare\","
		"\"URL\":\"https://example.org/x\"},\n"
		"{\"id\":\"r\",\"type\":\"article\"}\n"
		"]\n");
}

static const struct pdb_field child_fields[] = {
	FIELD("crossref", "proc2020"), FIELD("pages", "10--20"),
};
static const struct pdb_field own_booktitle_fields[] = {
	FIELD("crossref", "proc2020"), FIELD("booktitle", "Own {Book}title"),
};

static void test_crossref_container(void **state)
{
	struct pdb_record recs[] = {
		/* a book or proceedings parent's title is the container */
		RECORD("p", "inproceedings", child_fields),
		RECORD("c", "incollection", child_fields),
		/* the child's own booktitle wins */
		RECORD("o", "inproceedings", own_booktitle_fields),
		/* a parent that is no book, or not in the database, gives none */
		RECORD("a", "inproceedings", child_fields),
		RECORD("n", "inproceedings", child_fields),
	};

	(void)state;
	recs[0].parent_title = "Proceedings of the Analytical Society";
	recs[0].parent_type = "proceedings";
	recs[1].parent_title = "Collected Notes";
	recs[1].parent_type = "collection";
	recs[2].parent_title = "Parent Title";
	recs[2].parent_type = "book";
	recs[3].parent_title = "An Article";
	recs[3].parent_type = "article";
	expect_output(recs, COUNT(recs),
		"[\n"
		"{\"id\":\"p\",\"type\":\"paper-conference\","
		"\"container-title\":\"Proceedings of the Analytical Society\",\"page\":\"10-20\"},\n"
		"{\"id\":\"c\",\"type\":\"chapter\",\"container-title\":\"Collected Notes\","
		"\"page\":\"10-20\"},\n"
		"{\"id\":\"o\",\"type\":\"paper-conference\",\"container-title\":\"Own Booktitle\"},\n"
		"{\"id\":\"a\",\"type\":\"paper-conference\",\"page\":\"10-20\"},\n"
		"{\"id\":\"n\",\"type\":\"paper-conference\",\"page\":\"10-20\"}\n"
		"]\n");
}

static const struct pdb_field phd_fields[] = {
	FIELD("school", "Universit{\\'e} de Paris"),
	FIELD("address", "Paris"),
};
static const struct pdb_field habil_fields[] = {
	FIELD("type", "Th{\\`e}se d'habilitation"),
	FIELD("school", "TU M{\\\"u}nchen"),
};
static const struct pdb_field biblatex_thesis_fields[] = {
	FIELD("type", "mathesis"),
	FIELD("institution", "MIT"),
};
static const struct pdb_field report_fields[] = {
	FIELD("institution", "IBM"),
	FIELD("type", "resreport"),
	FIELD("number", "RC-6947"),
};
static const struct pdb_field typed_misc_fields[] = { FIELD("type", "Poster") };

static void test_thesis_and_report_genres(void **state)
{
	static const struct pdb_record recs[] = {
		RECORD("p", "phdthesis", phd_fields),
		RECORD("h", "phdthesis", habil_fields),
		RECORD("m", "thesis", biblatex_thesis_fields),
		RECORD("r", "report", report_fields),
		RECORD("x", "misc", typed_misc_fields),
	};

	(void)state;
	expect_output(recs, COUNT(recs),
		"[\n"
		"{\"id\":\"p\",\"type\":\"thesis\",\"genre\":\"PhD thesis\","
		"\"publisher\":\"Université de Paris\",\"publisher-place\":\"Paris\"},\n"
		"{\"id\":\"h\",\"type\":\"thesis\",\"genre\":\"Thèse d'habilitation\","
		"\"publisher\":\"TU München\"},\n"
		"{\"id\":\"m\",\"type\":\"thesis\",\"genre\":\"Master's thesis\",\"publisher\":\"MIT\"},\n"
		"{\"id\":\"r\",\"type\":\"report\",\"genre\":\"Research report\",\"number\":\"RC-6947\","
		"\"publisher\":\"IBM\"},\n"
		"{\"id\":\"x\",\"type\":\"article\"}\n"
		"]\n");
}

/* ---- BibTeX's number: issue, collection-number or number ---- */

static const struct pdb_field issue_fields[] = {
	FIELD("journal", "Nature"),
	FIELD("volume", "7"),
	FIELD("number", "3"),
	FIELD("series", "3"),
};
static const struct pdb_field series_number_fields[] = {
	FIELD("series", "Lecture Notes in Computer Science"),
	FIELD("number", "1234"),
	FIELD("volume", "1234"),
};
static const struct pdb_field report_number_fields[] = { FIELD("number", "TR-7") };
static const struct pdb_field plain_number_fields[] = { FIELD("number", "2") };

static void test_number(void **state)
{
	static const struct pdb_record recs[] = {
		RECORD("i", "article", issue_fields),
		RECORD("c", "book", series_number_fields),
		RECORD("r", "techreport", report_number_fields),
		RECORD("p", "patent", report_number_fields),
		RECORD("m", "misc", plain_number_fields),
		RECORD("b", "book", plain_number_fields),
	};

	(void)state;
	expect_output(recs, COUNT(recs),
		"[\n"
		"{\"id\":\"i\",\"type\":\"article-journal\",\"container-title\":\"Nature\","
		"\"volume\":\"7\",\"issue\":\"3\"},\n"
		"{\"id\":\"c\",\"type\":\"book\",\"collection-title\":\"Lecture Notes in Computer Science\","
		"\"collection-number\":\"1234\",\"volume\":\"1234\"},\n"
		"{\"id\":\"r\",\"type\":\"report\",\"genre\":\"Technical report\",\"number\":\"TR-7\"},\n"
		"{\"id\":\"p\",\"type\":\"patent\",\"number\":\"TR-7\"},\n"
		"{\"id\":\"m\",\"type\":\"article\",\"number\":\"2\"},\n"
		"{\"id\":\"b\",\"type\":\"book\",\"collection-number\":\"2\"}\n"
		"]\n");
}

/* ---- people ---- */

static const struct pdb_person people[] = {
	PERSON("Ahasver", "von", "Brandt", ""),
	PERSON("Ingrid", "de", "Geer", ""),
	PERSON("Luis", "", "Vázques de Parga", ""),
	PERSON("Martin Luther", "", "King", "Jr."),
	PERSON("", "", "Aristotle", ""),
	{ .given = "", .von = "", .family = "Rafael Palma de Brito", .jr = "", .literal = 1 },
	{ .given = NULL, .von = NULL, .family = "Homer", .jr = NULL },
	PERSON("", "", "", ""),
};

static void test_people(void **state)
{
	struct pdb_record rec = {
		.key = "p", .type = "book", .authors = people, .nauthors = COUNT(people),
	};

	(void)state;
	expect_object(&rec,
		"{\"id\":\"p\",\"type\":\"book\",\"author\":["
		"{\"family\":\"Brandt\",\"given\":\"Ahasver\",\"non-dropping-particle\":\"von\"},"
		"{\"family\":\"Geer\",\"given\":\"Ingrid\",\"non-dropping-particle\":\"de\"},"
		"{\"family\":\"Vázques de Parga\",\"given\":\"Luis\"},"
		"{\"family\":\"King\",\"given\":\"Martin Luther\",\"suffix\":\"Jr.\"},"
		"{\"family\":\"Aristotle\"},"
		"{\"literal\":\"Rafael Palma de Brito\"},"
		"{\"family\":\"Homer\"}]}");
}

static void test_editors_only_and_nameless(void **state)
{
	static const struct pdb_person nobody[] = { PERSON("", "", "", "") };
	static const struct pdb_person editors[] = { PERSON("Warren E.", "", "Preece", "") };
	struct pdb_record rec = {
		.key = "e", .type = "book", .authors = nobody, .nauthors = COUNT(nobody),
		.editors = editors, .neditors = COUNT(editors),
	};

	(void)state;
	expect_object(&rec,
		"{\"id\":\"e\",\"type\":\"book\","
		"\"editor\":[{\"family\":\"Preece\",\"given\":\"Warren E.\"}]}");
}

/* ---- dates, pages, text ---- */

static void test_dates(void **state)
{
	static const struct pdb_record recs[] = {
		{ .key = "y", .type = "book", .year = 1984 },
		{ .key = "ym", .type = "book", .year = 1984, .month = 12 },
		{ .key = "m", .type = "book", .month = 3 },
		{ .key = "bad", .type = "book", .year = 2001, .month = 13 },
	};

	(void)state;
	expect_output(recs, COUNT(recs),
		"[\n"
		"{\"id\":\"y\",\"type\":\"book\",\"issued\":{\"date-parts\":[[1984]]}},\n"
		"{\"id\":\"ym\",\"type\":\"book\",\"issued\":{\"date-parts\":[[1984,12]]}},\n"
		"{\"id\":\"m\",\"type\":\"book\"},\n"
		"{\"id\":\"bad\",\"type\":\"book\",\"issued\":{\"date-parts\":[[2001]]}}\n"
		"]\n");
}

static void test_pages(void **state)
{
	static const struct pdb_field range[] = { FIELD("pages", "133--139") };
	static const struct pdb_field single_dash[] = { FIELD("pages", "3027-3036") };
	static const struct pdb_field unicode_dash[] = { FIELD("pages", "5:1\xe2\x80\x93" "5:6") };
	static const struct pdb_field list[] = { FIELD("pages", "431--456, 791--823") };
	static const struct pdb_field braced[] = { FIELD("pages", "{e1000}") };
	static const struct pdb_record recs[] = {
		RECORD("a", "article", range),
		RECORD("b", "article", single_dash),
		RECORD("c", "article", unicode_dash),
		RECORD("d", "article", list),
		RECORD("e", "article", braced),
	};

	(void)state;
	expect_output(recs, COUNT(recs),
		"[\n"
		"{\"id\":\"a\",\"type\":\"article-journal\",\"page\":\"133-139\"},\n"
		"{\"id\":\"b\",\"type\":\"article-journal\",\"page\":\"3027-3036\"},\n"
		"{\"id\":\"c\",\"type\":\"article-journal\",\"page\":\"5:1-5:6\"},\n"
		"{\"id\":\"d\",\"type\":\"article-journal\",\"page\":\"431-456, 791-823\"},\n"
		"{\"id\":\"e\",\"type\":\"article-journal\",\"page\":\"e1000\"}\n"
		"]\n");
}

static const struct pdb_field latex_fields[] = {
	FIELD("journal", "Revue d'Histoire Eccl{\\'e}siastique"),
	FIELD("booktitle", "not used: journal comes first"),
	FIELD("publisher", "Artemis \\& Winkler"),
	FIELD("address", "D{\\\"u}sseldorf and Z{\\\"{u}}rich"),
	FIELD("note", "Ed. facs. de la realizada en 1948--49"),
	FIELD("volume", "{97}"),
};

static void test_latex_in_fields(void **state)
{
	struct pdb_record rec = {
		.key = "angenendt", .type = "article",
		/* the store keeps the title in Unicode: it is not converted again */
		.title = "In Honore Salvatoris – Vom Sinn und Unsinn der Patrozinienkunde",
		.fields = latex_fields, .nfields = COUNT(latex_fields),
	};

	(void)state;
	expect_object(&rec,
		"{\"id\":\"angenendt\",\"type\":\"article-journal\","
		"\"title\":\"In Honore Salvatoris – Vom Sinn und Unsinn der Patrozinienkunde\","
		"\"container-title\":\"Revue d'Histoire Ecclésiastique\",\"volume\":\"97\","
		"\"publisher\":\"Artemis & Winkler\",\"publisher-place\":\"Düsseldorf and Zürich\","
		"\"note\":\"Ed. facs. de la realizada en 1948–49\"}");
}

static void test_math_title_kept(void **state)
{
	static const struct pdb_field subtitle[] = { FIELD("subtitle", "The {$O(n)$} Case") };
	struct pdb_record rec = {
		.key = "m", .type = "techreport", .title = "Sorting in $O(n \\log n)$",
		.fields = subtitle, .nfields = COUNT(subtitle),
	};

	(void)state;
	expect_object(&rec,
		"{\"id\":\"m\",\"type\":\"report\",\"genre\":\"Technical report\","
		"\"title\":\"Sorting in $O(n \\\\log n)$: The $O(n)$ Case\"}");
}

static void test_doi_forms(void **state)
{
	static const struct pdb_field resolver[] = { FIELD("doi", "http://dx.doi.org/10.1109/CSB.2005.52") };
	static const struct pdb_field prefixed[] = { FIELD("doi", "doi:10.1000/x\\_y") };
	static const struct pdb_field not_doi[] = { FIELD("doi", "https://etheses.whiterose.ac.uk/18466") };
	static const struct pdb_field not_doi_url[] = {
		FIELD("doi", "https://etheses.whiterose.ac.uk/18466"),
		FIELD("url", "https://example.org/thesis"),
	};
	static const struct pdb_record recs[] = {
		RECORD("a", "book", resolver),
		RECORD("b", "book", prefixed),
		RECORD("c", "book", not_doi),
		RECORD("d", "book", not_doi_url),
	};

	(void)state;
	expect_output(recs, COUNT(recs),
		"[\n"
		"{\"id\":\"a\",\"type\":\"book\",\"DOI\":\"10.1109/CSB.2005.52\"},\n"
		"{\"id\":\"b\",\"type\":\"book\",\"DOI\":\"10.1000/x_y\"},\n"
		"{\"id\":\"c\",\"type\":\"book\",\"URL\":\"https://etheses.whiterose.ac.uk/18466\"},\n"
		"{\"id\":\"d\",\"type\":\"book\",\"URL\":\"https://example.org/thesis\"}\n"
		"]\n");
}

static void test_language(void **state)
{
	static const struct pdb_field german[] = { FIELD("langid", "ngerman") };
	static const struct pdb_field english_word[] = { FIELD("language", "English") };
	static const struct pdb_field tag[] = { FIELD("language", "pt-BR") };
	static const struct pdb_field langid_wins[] = {
		FIELD("language", "German"),
		FIELD("langid", "french"),
	};
	static const struct pdb_field unknown[] = { FIELD("language", "langlatinandlanggerman") };
	static const struct pdb_record recs[] = {
		RECORD("de", "book", german),
		RECORD("en", "book", english_word),
		RECORD("pt", "book", tag),
		RECORD("fr", "book", langid_wins),
		RECORD("none", "book", unknown),
	};

	(void)state;
	expect_output(recs, COUNT(recs),
		"[\n"
		"{\"id\":\"de\",\"type\":\"book\",\"language\":\"de-DE\"},\n"
		"{\"id\":\"en\",\"type\":\"book\",\"language\":\"en\"},\n"
		"{\"id\":\"pt\",\"type\":\"book\",\"language\":\"pt-BR\"},\n"
		"{\"id\":\"fr\",\"type\":\"book\",\"language\":\"fr\"},\n"
		"{\"id\":\"none\",\"type\":\"book\"}\n"
		"]\n");
}

static void test_empty_values_left_out(void **state)
{
	static const struct pdb_field empty[] = {
		FIELD("journal", "{}"),
		FIELD("note", ""),
		FIELD("pages", "{ }"),
	};
	struct pdb_record rec = RECORD("e", "article", empty);

	(void)state;
	rec.title = "";
	expect_object(&rec, "{\"id\":\"e\",\"type\":\"article-journal\"}");
}

static void test_invalid_utf8(void **state)
{
	static const struct pdb_person bad_person[] = { PERSON("Jos\xe9", "", "Garc\xed" "a", "") };
	static const struct pdb_field bad_field[] = { FIELD("note", "ok \xc3\xa9 \xe2\x82") };
	struct pdb_record rec = {
		.key = "caf\xe9", .type = "misc", .title = "Caf\xe9",
		.authors = bad_person, .nauthors = COUNT(bad_person),
		.fields = bad_field, .nfields = COUNT(bad_field),
	};

	(void)state;
	expect_object(&rec,
		"{\"id\":\"caf\xef\xbf\xbd\",\"type\":\"article\",\"title\":\"Caf\xef\xbf\xbd\","
		"\"author\":[{\"family\":\"Garc\xef\xbf\xbd" "a\",\"given\":\"Jos\xef\xbf\xbd\"}],"
		"\"note\":\"ok é \xef\xbf\xbd\xef\xbf\xbd\"}");
}

static void test_json_escapes(void **state)
{
	static const struct pdb_field quoted[] = { FIELD("note", "say \"hi\"\\\\ now") };
	struct pdb_record rec = {
		.key = "q\"k", .type = "misc", .title = "Tab\there \\ slash",
		.fields = quoted, .nfields = COUNT(quoted),
	};
	char *got;

	(void)state;
	got = export_to_string(&rec, 1);
	assert_non_null(strstr(got, "{\"id\":\"q\\\"k\",\"type\":\"article\","
				    "\"title\":\"Tab\\there \\\\ slash\","));
	free(got);
}

static void test_write_error(void **state)
{
	struct pdb_export_opts opts = { 0 };
	struct pdb_export x = { 0 };
	int rc;

	(void)state;
	x.out = fopen("/dev/null", "r");
	assert_non_null(x.out);
	x.opts = &opts;
	rc = pdb_export_csljson.begin(&x);
	if (rc == 0)
		rc = pdb_export_csljson.entry(&x, &jetfire);
	assert_int_equal(rc, PDB_EIO);
	assert_int_equal(pdb_export_csljson.end(&x), PDB_EIO);
	fclose(x.out);
}

static void test_registered(void **state)
{
	(void)state;
	assert_ptr_equal(pdb_exporter_find("csl-json"), &pdb_export_csljson);
	assert_string_equal(pdb_export_csljson.name, "csl-json");
	assert_null(pdb_export_csljson.item);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_entry),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_two_entries),
		cmocka_unit_test(test_type_map),
		cmocka_unit_test(test_article_or_preprint),
		cmocka_unit_test(test_arxiv),
		cmocka_unit_test(test_misc_webpage_or_article),
		cmocka_unit_test(test_crossref_container),
		cmocka_unit_test(test_thesis_and_report_genres),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_people),
		cmocka_unit_test(test_editors_only_and_nameless),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_latex_in_fields),
		cmocka_unit_test(test_math_title_kept),
		cmocka_unit_test(test_doi_forms),
		cmocka_unit_test(test_language),
		cmocka_unit_test(test_empty_values_left_out),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_registered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
