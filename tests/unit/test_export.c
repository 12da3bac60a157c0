/*
 * Unit tests for the json and markdown exporters (src/export_json.c,
 * src/export_markdown.c): records built by hand, output compared byte for
 * byte. Also the record helpers they share (src/record.c) and owner
 * matching (src/person.c).
 *
 * Records and people use designated initialisers: fields left out are
 * NULL or 0, as for a record the store loaded without them.
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

#include "authors.h"
#include "jsonout.h"
#include "person.h"
#include "pubdb/buf.h"
#include "pubdb/export.h"
#include "pubdb/record.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define FIELD(name, raw, value) { (char *)(name), (char *)(raw), (char *)(value), 0 }
#define PERSON(g, v, f, j) { .given = (g), .von = (v), .family = (f), .jr = (j) }
/* A plain "Given Family" with the owner and equal-contribution flags. */
#define NAMED(g, f, is_me, is_equal) \
	{ .given = (g), .von = "", .family = (f), .jr = "", .me = (is_me), .equal = (is_equal), \
	  .marks = (is_equal) ? PDB_MARK_EQUAL : 0u }

/* Runs ex over recs into memory; returns the output (caller frees). */
static char *export_to_string(const struct pdb_exporter *ex, const struct pdb_export_opts *opts,
			      const struct pdb_record *recs, size_t n)
{
	struct pdb_export x = { 0 };
	char *text = NULL;
	size_t len = 0;

	x.out = open_memstream(&text, &len);
	assert_non_null(x.out);
	x.opts = opts;
	x.total = n;	/* what pdb_export_run counts for --number */
	assert_int_equal(ex->begin(&x), 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(ex->entry(&x, &recs[i]), 0);
		x.count++;
	}
	assert_int_equal(ex->end(&x), 0);
	assert_null(x.priv);
	assert_int_equal(fclose(x.out), 0);
	assert_int_equal(strlen(text), len);
	return text;
}

static void expect_export(const struct pdb_exporter *ex, const struct pdb_export_opts *opts,
			  const struct pdb_record *recs, size_t n, const char *want)
{
	char *got = export_to_string(ex, opts, recs, n);
	int same = strcmp(got, want) == 0;

	if (!same)
		print_error("output differs\n--- got:\n%s\n--- want:\n%s\n", got, want);
	free(got);
	if (!same)
		fail();
}

/* A stream that refuses every write. */
static void expect_write_error(const struct pdb_exporter *ex, const struct pdb_record *rec)
{
	struct pdb_export_opts opts = { 0 };
	struct pdb_export x = { 0 };
	int rc;

	x.out = fopen("/dev/null", "r");
	assert_non_null(x.out);
	x.opts = &opts;
	rc = ex->begin(&x);
	if (rc == 0)
		rc = ex->entry(&x, rec);
	assert_int_equal(rc, PDB_EIO);
	assert_int_equal(ex->end(&x), PDB_EIO);
	fclose(x.out);
}

/* ---- json ---- */

static const struct pdb_field jetfire_fields[] = {
	FIELD("title", "{Jetfire: Efficient and Accurate Transformer Pretraining}",
	      "Jetfire: Efficient and Accurate Transformer Pretraining"),
	FIELD("author", "{Xi, Haocheng and van Beethoven, Jr, Ludwig and {OpenAI Team}}",
	      "Xi, Haocheng and van Beethoven, Jr, Ludwig and {OpenAI Team}"),
	FIELD("editor", "{M{\\\"u}ller, Anna}", "M{\\\"u}ller, Anna"),
	FIELD("booktitle", "{Proceedings of the 41st International Conference on Machine Learning}",
	      "Proceedings of the 41st International Conference on Machine Learning"),
	FIELD("year", "2024", "2024"),
	FIELD("month", "jul", "July"),
	FIELD("doi", "{10.5555/3692070}", "10.5555/3692070"),
	FIELD("eprint", "{2403.12422}", "2403.12422"),
	FIELD("archiveprefix", "{arXiv}", "arXiv"),
	FIELD("url", "{https://proceedings.mlr.press/v235/xi24b.html}",
	      "https://proceedings.mlr.press/v235/xi24b.html"),
	FIELD("code", "{https://github.com/thu-ml/Jetfire}", "https://github.com/thu-ml/Jetfire"),
	FIELD("project", "{https://example.org/jetfire}", "https://example.org/jetfire"),
	FIELD("poster", "\"poster.pdf\"", "poster.pdf"),
	FIELD("note", "{Spotlight \"quoted\" \\& tab\there}", "Spotlight \"quoted\" \\& tab\there"),
};

static const struct pdb_person jetfire_authors[] = {
	{ .given = "Haocheng", .von = "", .family = "Xi", .jr = "",
	  .marks = PDB_MARK_EQUAL | PDB_MARK_STAR, .equal = 1, .me = 1 },
	{ .given = "Ludwig", .von = "van", .family = "Beethoven", .jr = "Jr",
	  .marks = PDB_MARK_EQUAL | PDB_MARK_CORRESPONDING, .equal = 1 },
	{ .given = "", .von = "", .family = "OpenAI Team", .jr = "", .raw = "{OpenAI Team}",
	  .literal = 1, .marks = PDB_MARK_CORRESPONDING | PDB_MARK_DAGGER },
};

static const struct pdb_person jetfire_editors[] = {
	PERSON("Anna", "", "Müller", ""),
};

/* sorted as the store loads them; "award:" names no award, so it is a plain tag */
static const char *const jetfire_tags[] = {
	"Award:Oral", "award:", "award:Best \"Poster\"", "award:Spotlight Paper", "cv",
	"topic:Quantization", "topic:Training",
};

static const struct pdb_record jetfire = {
	.id = 1,
	.key = "xi2024jetfire",
	.type = "inproceedings",
	.title = "Jetfire: Efficient and Accurate Transformer Pretraining",
	.venue = "ICML 2024 Workshop on Efficient Systems",
	.venue_short = "ICML",
	.venue_full = "International Conference on Machine Learning",
	.workshop = 1,
	.equal = 1,
	.selected = 1,
	.year = 2024,
	.month = 7,
	.fields = jetfire_fields,
	.nfields = COUNT(jetfire_fields),
	.authors = jetfire_authors,
	.nauthors = COUNT(jetfire_authors),
	.editors = jetfire_editors,
	.neditors = COUNT(jetfire_editors),
	.tags = jetfire_tags,
	.ntags = COUNT(jetfire_tags),
};

static void test_json_golden_object(void **state)
{
	(void)state;
	expect_export(&pdb_export_json, NULL, &jetfire, 1,
		"[\n"
		"{\"key\":\"xi2024jetfire\",\"type\":\"inproceedings\","
		"\"title\":\"Jetfire: Efficient and Accurate Transformer Pretraining\","
		"\"authors\":["
		"{\"given\":\"Haocheng\",\"family\":\"Xi\",\"von\":\"\",\"jr\":\"\","
		"\"literal\":false,\"equal\":true,\"corresponding\":false,\"me\":true},"
		"{\"given\":\"Ludwig\",\"family\":\"Beethoven\",\"von\":\"van\",\"jr\":\"Jr\","
		"\"literal\":false,\"equal\":true,\"corresponding\":true,\"me\":false},"
		"{\"given\":\"\",\"family\":\"OpenAI Team\",\"von\":\"\",\"jr\":\"\","
		"\"literal\":true,\"equal\":false,\"corresponding\":true,\"me\":false}],"
		"\"editors\":["
		"{\"given\":\"Anna\",\"family\":\"Müller\",\"von\":\"\",\"jr\":\"\","
		"\"literal\":false,\"equal\":false,\"corresponding\":false,\"me\":false}],"
		"\"year\":2024,\"month\":7,"
		"\"venue\":{\"short\":null,"
		"\"full\":\"ICML 2024 Workshop on Efficient Systems\","
		"\"raw\":\"Proceedings of the 41st International Conference on Machine Learning\","
		"\"workshop\":true},"
		"\"equal_contribution\":true,"
		"\"awards\":[\"Oral\",\"Best \\\"Poster\\\"\",\"Spotlight Paper\"],"
		"\"topics\":[\"Quantization\",\"Training\"],"
		"\"tags\":[\"award:\",\"cv\"],\"selected\":true,"
		"\"ids\":{\"doi\":\"10.5555/3692070\",\"arxiv\":\"2403.12422\"},"
		"\"links\":{"
		"\"url\":\"https://proceedings.mlr.press/v235/xi24b.html\","
		"\"doi\":\"https://doi.org/10.5555/3692070\","
		"\"arxiv\":\"https://arxiv.org/abs/2403.12422\","
		"\"code\":\"https://github.com/thu-ml/Jetfire\","
		"\"website\":\"https://example.org/jetfire\","
		"\"poster\":\"poster.pdf\"},"
		"\"fields\":{"
		"\"title\":\"{Jetfire: Efficient and Accurate Transformer Pretraining}\","
		"\"author\":\"{Xi, Haocheng and van Beethoven, Jr, Ludwig and {OpenAI Team}}\","
		"\"editor\":\"{M{\\\\\\\"u}ller, Anna}\","
		"\"booktitle\":\"{Proceedings of the 41st International Conference on Machine Learning}\","
		"\"year\":\"2024\",\"month\":\"jul\","
		"\"doi\":\"{10.5555/3692070}\",\"eprint\":\"{2403.12422}\","
		"\"archiveprefix\":\"{arXiv}\","
		"\"url\":\"{https://proceedings.mlr.press/v235/xi24b.html}\","
		"\"code\":\"{https://github.com/thu-ml/Jetfire}\","
		"\"project\":\"{https://example.org/jetfire}\","
		"\"poster\":\"\\\"poster.pdf\\\"\","
		"\"note\":\"{Spotlight \\\"quoted\\\" \\\\& tab\\there}\"}}\n"
		"]\n");
}

static const struct pdb_field minimal_fields[] = {
	FIELD("title", "{A}", "A"),
	FIELD("doi", "{https://doi.org/10.1/x}", "https://doi.org/10.1/x"),
	FIELD("arxiv", "{arXiv:2501.00001}", "arXiv:2501.00001"),
	FIELD("url", "{}", ""),
};

static const struct pdb_record minimal[] = {
	{ .key = "a", .type = "misc", .fields = minimal_fields, .nfields = COUNT(minimal_fields) },
	{ .key = "b", .type = "article", .title = "B", .venue = "Nature", .year = 1999 },
	{ .key = "c", .type = "inproceedings", .title = "C", .venue = "Proc. ICML",
	  .venue_short = "ICML", .venue_full = "International Conference on Machine Learning" },
};

static void test_json_two_minimal_entries(void **state)
{
	(void)state;
	expect_export(&pdb_export_json, NULL, minimal, COUNT(minimal),
		"[\n"
		"{\"key\":\"a\",\"type\":\"misc\",\"title\":null,\"authors\":[],\"editors\":[],"
		"\"year\":null,\"month\":null,"
		"\"venue\":{\"short\":null,\"full\":null,\"raw\":null,\"workshop\":false},"
		"\"equal_contribution\":false,\"awards\":[],\"topics\":[],\"tags\":[],"
		"\"selected\":false,"
		"\"ids\":{\"doi\":\"https://doi.org/10.1/x\",\"arxiv\":\"2501.00001\"},"
		"\"links\":{\"doi\":\"https://doi.org/10.1/x\","
		"\"arxiv\":\"https://arxiv.org/abs/2501.00001\"},"
		"\"fields\":{\"title\":\"{A}\",\"doi\":\"{https://doi.org/10.1/x}\","
		"\"arxiv\":\"{arXiv:2501.00001}\",\"url\":\"{}\"}},\n"
		"{\"key\":\"b\",\"type\":\"article\",\"title\":\"B\",\"authors\":[],\"editors\":[],"
		"\"year\":1999,\"month\":null,"
		"\"venue\":{\"short\":null,\"full\":\"Nature\",\"raw\":null,\"workshop\":false},"
		"\"equal_contribution\":false,\"awards\":[],\"topics\":[],\"tags\":[],"
		"\"selected\":false,\"ids\":{\"doi\":null,\"arxiv\":null},"
		"\"links\":{},\"fields\":{}},\n"
		"{\"key\":\"c\",\"type\":\"inproceedings\",\"title\":\"C\",\"authors\":[],"
		"\"editors\":[],\"year\":null,\"month\":null,"
		"\"venue\":{\"short\":\"ICML\","
		"\"full\":\"International Conference on Machine Learning\",\"raw\":null,"
		"\"workshop\":false},"
		"\"equal_contribution\":false,\"awards\":[],\"topics\":[],\"tags\":[],"
		"\"selected\":false,\"ids\":{\"doi\":null,\"arxiv\":null},"
		"\"links\":{},\"fields\":{}}\n"
		"]\n");
}

static const struct pdb_field duplicate_fields[] = {
	FIELD("note", "{first}", "first"),
	FIELD("year", "2020", "2020"),
	FIELD("note", "{second}", "second"),
	FIELD("year", "2021", "2021"),
	FIELD("note", "{third}", "third"),
};

static void test_json_duplicate_fields(void **state)
{
	struct pdb_record rec = {
		.key = "dup", .type = "misc",
		.fields = duplicate_fields, .nfields = COUNT(duplicate_fields),
	};
	char *got;

	(void)state;
	got = export_to_string(&pdb_export_json, NULL, &rec, 1);
	assert_non_null(strstr(got, "\"fields\":{\"note\":\"{first}\",\"year\":\"2020\"}}\n]\n"));
	assert_null(strstr(got, "second"));
	assert_null(strstr(got, "2021"));
	free(got);
}

static const struct pdb_field latin1_fields[] = {
	FIELD("title", "{Caf\xe9 \xff}", "Caf\xe9 \xff"),
	FIELD("n\xe9", "{x}", "x"),
	FIELD("note", "{ok \xc3\xa9 \xe2\x82}", "ok \xc3\xa9 \xe2\x82"),
};

static void test_json_invalid_utf8(void **state)
{
	struct pdb_record rec = {
		.key = "bad", .type = "misc", .title = "Caf\xe9 \xff",
		.fields = latin1_fields, .nfields = COUNT(latin1_fields),
	};
	char *got;

	(void)state;
	got = export_to_string(&pdb_export_json, NULL, &rec, 1);
	assert_non_null(strstr(got, "\"title\":\"Caf\xef\xbf\xbd \xef\xbf\xbd\","));
	assert_non_null(strstr(got,
		"\"fields\":{\"title\":\"{Caf\xef\xbf\xbd \xef\xbf\xbd}\","
		"\"n\xef\xbf\xbd\":\"{x}\","
		"\"note\":\"{ok \xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd}\"}}\n"));
	free(got);
}

static void test_json_empty(void **state)
{
	(void)state;
	expect_export(&pdb_export_json, NULL, NULL, 0, "[]\n");
}

static void test_json_write_error(void **state)
{
	(void)state;
	expect_write_error(&pdb_export_json, &jetfire);
}

/* ---- markdown ---- */

static const struct pdb_field svg_fields[] = {
	FIELD("eprint", "{2502.01776}", "2502.01776"),
	FIELD("archiveprefix", "{arXiv}", "arXiv"),
	FIELD("url", "{https://example.org/not-shown}", "https://example.org/not-shown"),
	FIELD("poster", "{https://example.org/svg (poster).pdf}",
	      "https://example.org/svg (poster).pdf"),
	FIELD("website", "{https://svg-project.github.io/}", "https://svg-project.github.io/"),
	FIELD("code", "{https://github.com/svg-project/Sparse-VideoGen}",
	      "https://github.com/svg-project/Sparse-VideoGen"),
};

static const struct pdb_person svg_authors[] = {
	NAMED("Haocheng", "Xi", 1, 1),
	NAMED("Shuo", "Yang", 0, 1),
	NAMED("Yilong", "Zhao", 0, 0),
	PERSON("Ludwig", "van", "Beethoven", "Jr"),
};

static const char *const svg_tags[] = { "cv", "topic:Efficient Video Generation" };

static const struct pdb_record svg = {
	.key = "xi2025svg",
	.type = "inproceedings",
	.title = "Sparse VideoGen: Accelerating Video Diffusion Transformers with "
		 "Spatial-Temporal Sparsity",
	.venue = "Proceedings of the 42nd International Conference on Machine Learning",
	.venue_short = "ICML",
	.venue_full = "International Conference on Machine Learning",
	.equal = 1,
	.year = 2025,
	.fields = svg_fields,
	.nfields = COUNT(svg_fields),
	.authors = svg_authors,
	.nauthors = COUNT(svg_authors),
	.tags = svg_tags,
	.ntags = COUNT(svg_tags),
};

static void test_markdown_seed_entry(void **state)
{
	/* the owner comes from the record, not from opts->me */
	struct pdb_export_opts opts = { .me = "Shuo Yang" };

	(void)state;
	expect_export(&pdb_export_markdown, &opts, &svg, 1,
		"#### Sparse VideoGen: Accelerating Video Diffusion Transformers with "
		"Spatial-Temporal Sparsity\n"
		"\n"
		"**Haocheng Xi**\\*, Shuo Yang\\*, Yilong Zhao, Ludwig van Beethoven, Jr  \n"
		"International Conference on Machine Learning (ICML), 2025. "
		"[[arxiv]](https://arxiv.org/abs/2502.01776) "
		"[[code]](https://github.com/svg-project/Sparse-VideoGen) "
		"[[website]](https://svg-project.github.io/) "
		"[[poster]](https://example.org/svg%20\\(poster\\).pdf)\n"
		"\n");
}

static void test_markdown_owner_and_equal(void **state)
{
	const struct pdb_person owner_equal[] = {
		NAMED("Shuo", "Yang", 0, 1),
		NAMED("Haocheng", "Xi", 1, 1),
		NAMED("Song", "Han", 0, 0),
	};
	const struct pdb_person owner_alone[] = {
		NAMED("Rishabh", "Tiwari", 0, 0),
		NAMED("H.", "Xi", 1, 0),
		{ .given = "", .von = "", .family = "", .jr = "", .raw = "{Team_X}", .me = 1, .equal = 1 },
	};
	const struct pdb_person equal_only[] = {
		NAMED("Xingyang", "Li", 0, 1),
		NAMED("Muyang", "Li", 0, 1),
		NAMED("Tianle", "Cai", 0, 0),
		NAMED("Haocheng", "Xi", 0, 0),
	};
	const struct pdb_person plain[] = {
		{ .given = "J_R", .von = "", .family = "O*Neil", .jr = "", .marks = PDB_MARK_STAR },
	};
	struct pdb_record recs[] = {
		{ .key = "a", .type = "misc", .title = "A", .year = 2025, .equal = 1,
		  .authors = owner_equal, .nauthors = COUNT(owner_equal) },
		{ .key = "b", .type = "misc", .title = "B",
		  .authors = owner_alone, .nauthors = COUNT(owner_alone) },
		{ .key = "c", .type = "misc", .title = "C", .equal = 1,
		  .authors = equal_only, .nauthors = COUNT(equal_only) },
		{ .key = "d", .type = "misc", .title = "D",
		  .authors = plain, .nauthors = COUNT(plain) },
	};

	(void)state;
	expect_export(&pdb_export_markdown, NULL, recs, COUNT(recs),
		"#### A\n"
		"\n"
		"Shuo Yang\\*, **Haocheng Xi**\\*, Song Han  \n"
		"2025.\n"
		"\n"
		"#### B\n"
		"\n"
		"Rishabh Tiwari, **H. Xi**, **{Team\\_X}**\\*\n"
		"\n"
		"#### C\n"
		"\n"
		"Xingyang Li\\*, Muyang Li\\*, Tianle Cai, Haocheng Xi\n"
		"\n"
		"#### D\n"
		"\n"
		"J\\_R O\\*Neil\n"
		"\n");
}

static void test_markdown_venue_line(void **state)
{
	struct pdb_record recs[] = {
		{ .key = "known", .type = "inproceedings", .title = "Known", .year = 2024,
		  .venue = "Proc. of the 41st ICML", .venue_short = "ICML",
		  .venue_full = "International Conference on Machine Learning" },
		{ .key = "known_undated", .type = "inproceedings", .title = "Known, undated",
		  .venue = "NeurIPS", .venue_short = "NeurIPS",
		  .venue_full = "Conference on Neural Information Processing Systems" },
		{ .key = "arxiv", .type = "misc", .title = "Preprint", .year = 2025,
		  .venue = "arXiv preprint arXiv:2502.01776", .venue_short = "arXiv",
		  .venue_full = "arXiv" },
		{ .key = "workshop", .type = "inproceedings", .title = "Workshop", .year = 2023,
		  .venue = "NeurIPS 2023 Workshop on Efficient_ML", .venue_short = "NeurIPS",
		  .venue_full = "Conference on Neural Information Processing Systems",
		  .workshop = 1 },
		{ .key = "unknown", .type = "article", .title = "Unknown", .year = 2022,
		  .venue = "Journal of [Things]" },
		{ .key = "none", .type = "misc", .title = "None", .year = 2021 },
	};

	(void)state;
	expect_export(&pdb_export_markdown, NULL, recs, COUNT(recs),
		"#### Known\n\n"
		"International Conference on Machine Learning (ICML), 2024.\n\n"
		"#### Known, undated\n\n"
		"Conference on Neural Information Processing Systems (NeurIPS).\n\n"
		"#### Preprint\n\n"
		"arXiv, 2025.\n\n"
		"#### Workshop\n\n"
		"NeurIPS 2023 Workshop on Efficient\\_ML, 2023.\n\n"
		"#### Unknown\n\n"
		"Journal of \\[Things\\], 2022.\n\n"
		"#### None\n\n"
		"2021.\n\n");
}

static void test_markdown_award_line(void **state)
{
	const char *const spotlight[] = { "award:Spotlight Paper", "cv", "topic:Quantization" };
	const char *const two[] = { "award:Best Paper", "award:Oral", "selected" };
	const char *const three[] = { "award:A_1", "award:B", "award:C" };
	const char *const oral[] = { "award:Oral" };
	const char *const not_awards[] = { "award:", "awarded", "topic:Award" };
	const struct pdb_person people[] = { NAMED("Haocheng", "Xi", 1, 0) };
	const struct pdb_field links[] = { FIELD("code", "{https://c.example}", "https://c.example") };
	struct pdb_record recs[] = {
		{ .key = "a", .type = "inproceedings", .title = "Jetfire", .year = 2024,
		  .venue = "Proc. ICML", .venue_short = "ICML",
		  .venue_full = "International Conference on Machine Learning",
		  .authors = people, .nauthors = 1, .fields = links, .nfields = 1,
		  .tags = spotlight, .ntags = COUNT(spotlight) },
		{ .key = "b", .type = "inproceedings", .title = "Two", .year = 2023,
		  .venue = "NeurIPS", .venue_short = "NeurIPS",
		  .venue_full = "Conference on Neural Information Processing Systems",
		  .tags = two, .ntags = COUNT(two) },
		{ .key = "c", .type = "inproceedings", .title = "Three", .year = 2023,
		  .venue = "NeurIPS 2023 Workshop on Efficient ML", .venue_short = "NeurIPS",
		  .venue_full = "Conference on Neural Information Processing Systems", .workshop = 1,
		  .tags = three, .ntags = COUNT(three) },
		{ .key = "d", .type = "article", .title = "Unknown venue, no year",
		  .venue = "Some Journal", .tags = oral, .ntags = 1 },
		{ .key = "e", .type = "misc", .title = "Year only", .year = 2024,
		  .tags = oral, .ntags = 1 },
		{ .key = "f", .type = "misc", .title = "Nothing else", .tags = oral, .ntags = 1 },
		{ .key = "g", .type = "misc", .title = "No award", .year = 2020,
		  .tags = not_awards, .ntags = COUNT(not_awards) },
	};

	(void)state;
	expect_export(&pdb_export_markdown, NULL, recs, COUNT(recs),
		"#### Jetfire\n\n"
		"**Haocheng Xi**  \n"
		"International Conference on Machine Learning (ICML), 2024. "
		"[[code]](https://c.example)\n\n"
		"Selected as **Spotlight Paper** in ICML 2024.\n\n"
		"#### Two\n\n"
		"Conference on Neural Information Processing Systems (NeurIPS), 2023.\n\n"
		"Selected as **Best Paper** and **Oral** in NeurIPS 2023.\n\n"
		"#### Three\n\n"
		"NeurIPS 2023 Workshop on Efficient ML, 2023.\n\n"
		"Selected as **A\\_1**, **B** and **C** in NeurIPS 2023 Workshop on Efficient ML 2023.\n\n"
		"#### Unknown venue, no year\n\n"
		"Some Journal.\n\n"
		"Selected as **Oral** in Some Journal.\n\n"
		"#### Year only\n\n"
		"2024.\n\n"
		"Selected as **Oral** in 2024.\n\n"
		"#### Nothing else\n\n"
		"Selected as **Oral**.\n\n"
		"#### No award\n\n"
		"2020.\n\n");
}

static void test_markdown_escaping(void **state)
{
	const struct pdb_person people[] = {
		PERSON("J_R", "", "O*Neil", ""),
		{ .given = "", .von = "", .family = "", .jr = "", .raw = "{[Team]}" },
	};
	struct pdb_record rec = {
		.key = "esc", .type = "misc",
		.title = "Learning *fast* with_under [brackets] #1 a|b <tag> `code` back\\slash",
		.venue = "Workshop_on [ML]",
		.authors = people, .nauthors = COUNT(people),
	};

	(void)state;
	expect_export(&pdb_export_markdown, NULL, &rec, 1,
		"#### Learning \\*fast\\* with\\_under \\[brackets\\] \\#1 a\\|b \\<tag\\> "
		"\\`code\\` back\\\\slash\n"
		"\n"
		"J\\_R O\\*Neil, {\\[Team\\]}  \n"
		"Workshop\\_on \\[ML\\].\n"
		"\n");
}

static void test_markdown_math_kept(void **state)
{
	const char *const tags[] = { "award:Best $\\alpha_1$ Paper" };
	struct pdb_record rec = {
		.key = "radial", .type = "misc",
		.title = "Radial Attention: $O(n \\log n)$ Sparse_Attention, $$a_1*b$$ and $5_x",
		.year = 2025, .tags = tags, .ntags = 1,
	};

	(void)state;
	expect_export(&pdb_export_markdown, NULL, &rec, 1,
		"#### Radial Attention: $O(n \\log n)$ Sparse\\_Attention, $$a_1*b$$ and $5\\_x\n"
		"\n"
		"2025.\n"
		"\n"
		"Selected as **Best $\\alpha_1$ Paper** in 2025.\n"
		"\n");
}

static const struct pdb_field url_only_fields[] = {
	FIELD("url", "{https://example.org/paper}", "https://example.org/paper"),
	FIELD("doi", "{10.1/x}", "10.1/x"),
};

static void test_markdown_url_only_and_no_title(void **state)
{
	struct pdb_record recs[] = {
		{ .key = "u", .type = "misc", .title = "Only a URL",
		  .fields = url_only_fields, .nfields = COUNT(url_only_fields) },
		{ .key = "bare_key", .type = "misc" },
	};

	(void)state;
	expect_export(&pdb_export_markdown, NULL, recs, COUNT(recs),
		"#### Only a URL\n"
		"\n"
		"[[url]](https://example.org/paper)\n"
		"\n"
		"#### bare\\_key\n"
		"\n");
}

static void test_markdown_group_by_year(void **state)
{
	struct pdb_export_opts opts = { .group_by = PDB_GROUP_YEAR };
	struct pdb_record recs[] = {
		{ .key = "a", .type = "article", .title = "A", .venue = "V", .year = 2025 },
		{ .key = "b", .type = "article", .title = "B", .year = 2025 },
		{ .key = "c", .type = "article", .title = "C", .venue = "W", .year = 2024 },
		{ .key = "d", .type = "article", .title = "D" },
	};

	(void)state;
	expect_export(&pdb_export_markdown, &opts, recs, COUNT(recs),
		"### 2025\n"
		"\n"
		"#### A\n"
		"\n"
		"V, 2025.\n"
		"\n"
		"#### B\n"
		"\n"
		"2025.\n"
		"\n"
		"### 2024\n"
		"\n"
		"#### C\n"
		"\n"
		"W, 2024.\n"
		"\n"
		"### Undated\n"
		"\n"
		"#### D\n"
		"\n");
}

static void test_markdown_group_by_topic(void **state)
{
	struct pdb_export_opts opts = { .group_by = PDB_GROUP_TOPIC };
	/* the keywords field no longer groups: only topic: tags do */
	const struct pdb_field keywords[] = { FIELD("keywords", "{Ignored}", "Ignored") };
	const char *const video[] = {
		"award:Oral", "cv", "topic:Efficient Video_Generation", "topic:Sparsity",
	};
	const char *const video2[] = { "topic:Efficient Video_Generation" };
	const char *const cafes[] = { "Topic:Cafés" };
	const char *const none[] = { "topic:", "video" };
	struct pdb_record recs[] = {
		{ .key = "a", .type = "misc", .title = "A", .tags = video, .ntags = COUNT(video) },
		{ .key = "b", .type = "misc", .title = "B", .tags = video2, .ntags = 1,
		  .fields = keywords, .nfields = 1 },
		{ .key = "c", .type = "misc", .title = "C", .tags = cafes, .ntags = 1 },
		{ .key = "d", .type = "misc", .title = "D", .tags = none, .ntags = COUNT(none),
		  .fields = keywords, .nfields = 1 },
		{ .key = "e", .type = "misc", .title = "E" },
	};

	(void)state;
	expect_export(&pdb_export_markdown, &opts, recs, COUNT(recs),
		"### *Efficient Video\\_Generation*\n\n#### A\n\nSelected as **Oral**.\n\n"
		"#### B\n\n"
		"### *Cafés*\n\n#### C\n\n"
		"### *Other*\n\n#### D\n\n"
		"#### E\n\n");
}

static void test_markdown_group_by_type_and_venue(void **state)
{
	struct pdb_export_opts by_type = { .group_by = PDB_GROUP_TYPE };
	struct pdb_export_opts by_venue = { .group_by = PDB_GROUP_VENUE };
	struct pdb_record recs[] = {
		{ .key = "a", .type = "article", .title = "A", .venue = "V" },
		{ .key = "b", .type = "inproceedings", .title = "B", .venue = "V" },
		{ .key = "c", .type = "inproceedings", .title = "C" },
	};
	struct pdb_record venues[] = {
		{ .key = "a", .type = "inproceedings", .title = "A", .venue = "Proc. ICML",
		  .venue_short = "ICML", .venue_full = "International Conference on Machine Learning" },
		{ .key = "b", .type = "inproceedings", .title = "B", .venue = "ICML",
		  .venue_short = "ICML", .venue_full = "International Conference on Machine Learning" },
		{ .key = "c", .type = "inproceedings", .title = "C", .venue = "ICML Workshop_X",
		  .venue_short = "ICML", .venue_full = "International Conference on Machine Learning",
		  .workshop = 1 },
		{ .key = "d", .type = "inproceedings", .title = "D" },
	};

	(void)state;
	expect_export(&pdb_export_markdown, &by_type, recs, COUNT(recs),
		"### article\n\n#### A\n\nV.\n\n"
		"### inproceedings\n\n#### B\n\nV.\n\n"
		"#### C\n\n");
	expect_export(&pdb_export_markdown, &by_venue, recs, COUNT(recs),
		"### V\n\n#### A\n\nV.\n\n"
		"#### B\n\nV.\n\n"
		"### Other\n\n#### C\n\n");
	expect_export(&pdb_export_markdown, &by_venue, venues, COUNT(venues),
		"### ICML\n\n"
		"#### A\n\nInternational Conference on Machine Learning (ICML).\n\n"
		"#### B\n\nInternational Conference on Machine Learning (ICML).\n\n"
		"### ICML Workshop\\_X\n\n#### C\n\nICML Workshop\\_X.\n\n"
		"### Other\n\n#### D\n\n");
}

static void test_markdown_empty(void **state)
{
	(void)state;
	expect_export(&pdb_export_markdown, NULL, NULL, 0, "");
}

static void test_markdown_write_error(void **state)
{
	(void)state;
	expect_write_error(&pdb_export_markdown, &svg);
}

/* ---- markdown: numbering, --max-authors, templates ---- */

static void test_markdown_number(void **state)
{
	struct pdb_export_opts numbered = { .number = 1 };
	struct pdb_export_opts by_year = { .number = 1, .group_by = PDB_GROUP_YEAR };
	struct pdb_record recs[] = {
		{ .key = "a", .type = "article", .title = "A", .year = 2025 },
		{ .key = "b", .type = "article", .title = "B", .year = 2024 },
		{ .key = "c_1", .type = "article", .year = 2024 },
	};

	(void)state;
	/* counts down from the number of entries written (x.total) to 1 */
	expect_export(&pdb_export_markdown, &numbered, recs, COUNT(recs),
		"#### [3] A\n\n2025.\n\n"
		"#### [2] B\n\n2024.\n\n"
		"#### [1] c\\_1\n\n2024.\n\n");
	/* one count across the groups */
	expect_export(&pdb_export_markdown, &by_year, recs, COUNT(recs),
		"### 2025\n\n#### [3] A\n\n2025.\n\n"
		"### 2024\n\n#### [2] B\n\n2024.\n\n"
		"#### [1] c\\_1\n\n2024.\n\n");
}

/* Seven authors A..G; owner is the index of the one marked as the owner, -1 for none. */
static void expect_authors(size_t max, int owner, const char *want)
{
	struct pdb_person people[7];
	static const char *const given[] = { "A", "B", "C", "D", "E", "F", "G" };
	struct pdb_export_opts opts = { .max_authors = (int)max, .template_text = "{authors}" };
	struct pdb_record rec = { .key = "k", .type = "misc", .authors = people, .nauthors = 7 };

	for (int i = 0; i < 7; i++) {
		struct pdb_person p = NAMED(given[i], "X", i == owner, 0);

		people[i] = p;
	}
	expect_export(&pdb_export_markdown, &opts, &rec, 1, want);
}

static void test_markdown_max_authors(void **state)
{
	(void)state;
	/* as many or more places than authors: all of them */
	expect_authors(0, 3, "A X, B X, C X, **D X**, E X, F X, G X");
	expect_authors(7, -1, "A X, B X, C X, D X, E X, F X, G X");
	expect_authors(9, 6, "A X, B X, C X, D X, E X, F X, **G X**");
	/* no owner: the first N-1 and the last */
	expect_authors(4, -1, "A X, B X, C X, \u2026, G X");
	/* the owner among the first N-1 changes nothing */
	expect_authors(4, 0, "**A X**, B X, C X, \u2026, G X");
	expect_authors(4, 2, "A X, B X, **C X**, \u2026, G X");
	/* further on, the owner takes the place of the (N-1)th */
	expect_authors(4, 3, "A X, B X, \u2026, **D X**, \u2026, G X");
	expect_authors(4, 5, "A X, B X, \u2026, **F X**, G X");
	expect_authors(4, 6, "A X, B X, C X, \u2026, **G X**");
	expect_authors(6, 5, "A X, B X, C X, D X, \u2026, **F X**, G X");
	/* two places: the first and the last, or the first and the owner */
	expect_authors(2, -1, "A X, \u2026, G X");
	expect_authors(2, 0, "**A X**, \u2026, G X");
	expect_authors(2, 3, "A X, \u2026, **D X**, \u2026");
	expect_authors(2, 6, "A X, \u2026, **G X**");
	expect_authors(3, 3, "A X, \u2026, **D X**, \u2026, G X");
	/* one place: the owner, else the first author */
	expect_authors(1, -1, "A X, \u2026");
	expect_authors(1, 0, "**A X**, \u2026");
	expect_authors(1, 3, "\u2026, **D X**, \u2026");
	expect_authors(1, 6, "\u2026, **G X**");
}

static void test_markdown_max_authors_marks(void **state)
{
	/* equal-contribution marks stay on the names shown; two owners both stay */
	const struct pdb_person people[] = {
		NAMED("A", "X", 0, 1), NAMED("B", "X", 0, 1), NAMED("C", "X", 1, 0),
		NAMED("D", "X", 0, 0), NAMED("E", "X", 1, 0), NAMED("F", "X", 0, 0),
	};
	struct pdb_export_opts three = { .max_authors = 3, .template_text = "{authors}\n" };
	struct pdb_export_opts four = { .max_authors = 4, .template_text = "{authors}\n" };
	struct pdb_record rec = { .key = "k", .type = "misc", .equal = 1,
				  .authors = people, .nauthors = COUNT(people) };

	(void)state;
	expect_export(&pdb_export_markdown, &three, &rec, 1,
		"A X\\*, \u2026, **C X**, \u2026, **E X**, \u2026\n");
	expect_export(&pdb_export_markdown, &four, &rec, 1,
		"A X\\*, \u2026, **C X**, \u2026, **E X**, F X\n");
	/* the default layout truncates the same way */
	four.template_text = NULL;
	expect_export(&pdb_export_markdown, &four, &rec, 1,
		"#### k\n\nA X\\*, \u2026, **C X**, \u2026, **E X**, F X\n\n");
}

static void test_markdown_template_values(void **state)
{
	struct pdb_export_opts opts = {
		.number = 1,
		.template_text =
			"{number}|{key}|{type}|{title}|{year}|{month}\n"
			"{venue}|{venue_short}|{venue_full}\n"
			"{award}\n"
			"{links}\n"
			"{url}|{doi}|{arxiv}|{pdf}|{code}|{website}|{poster}|{slides}|{video}|{html}\n"
			"{note}\n"
			"{authors}\n",
	};

	(void)state;
	expect_export(&pdb_export_markdown, &opts, &jetfire, 1,
		"1|xi2024jetfire|inproceedings|Jetfire: Efficient and Accurate Transformer "
		"Pretraining|2024|July\n"
		"ICML 2024 Workshop on Efficient Systems|ICML 2024 Workshop on Efficient Systems|"
		"ICML 2024 Workshop on Efficient Systems\n"
		"Selected as **Oral**, **Best \"Poster\"** and **Spotlight Paper** in "
		"ICML 2024 Workshop on Efficient Systems 2024.\n"
		"[[arxiv]](https://arxiv.org/abs/2403.12422) [[code]](https://github.com/thu-ml/Jetfire) "
		"[[website]](https://example.org/jetfire) [[poster]](poster.pdf)\n"
		"https://proceedings.mlr.press/v235/xi24b.html|https://doi.org/10.5555/3692070|"
		"https://arxiv.org/abs/2403.12422||https://github.com/thu-ml/Jetfire|"
		"https://example.org/jetfire|poster.pdf|||\n"
		"Spotlight \"quoted\" & tab here\n"
		"**Haocheng Xi**\\*, Ludwig van Beethoven, Jr\\*, OpenAI Team\n");
	/* a recognised venue: its short and full names */
	opts.template_text = "{venue}|{venue_short}|{venue_full}|{month}|{note}|{pdf}\n";
	expect_export(&pdb_export_markdown, &opts, &svg, 1,
		"International Conference on Machine Learning (ICML)|ICML|"
		"International Conference on Machine Learning|||\n");
}

static void test_markdown_template_sections(void **state)
{
	struct pdb_export_opts opts = {
		.template_text =
			"- {title}{?venue|year} ({venue}{?venue}{?year}, {/}{/}{year}){/}\n"
			"  {!venue|year}\n"
			"  no venue, no year\n"
			"  {/}\n"
			"{?award}\n"
			"  {award}\n"
			"{/award}\n"
			"{{{key}}} }}{{\n",
	};
	struct pdb_record recs[] = {
		{ .key = "a", .type = "misc", .title = "Both", .year = 2025, .venue = "V" },
		{ .key = "b", .type = "misc", .title = "Venue", .venue = "V" },
		{ .key = "c", .type = "misc", .title = "Year", .year = 2024 },
		{ .key = "d", .type = "misc", .title = "None" },
	};
	const char *const oral[] = { "award:Oral" };

	(void)state;
	recs[0].tags = oral;
	recs[0].ntags = 1;
	/* a line holding only a section tag leaves no line behind */
	expect_export(&pdb_export_markdown, &opts, recs, COUNT(recs),
		"- Both (V, 2025)\n"
		"  Selected as **Oral** in V 2025.\n"
		"{a} }{\n"
		"- Venue (V)\n"
		"{b} }{\n"
		"- Year (2024)\n"
		"{c} }{\n"
		"- None\n"
		"  no venue, no year\n"
		"{d} }{\n");
	/* a byte-order mark is dropped; CRLF lines holding a section tag go too */
	opts.template_text = "\xef\xbb\xbf{title}\r\n{?year}\r\n{year}\r\n{/}\r\n";
	expect_export(&pdb_export_markdown, &opts, recs + 2, 2, "Year\r\n2024\r\nNone\r\n");
}

/* Collects every message as one "pdb_msg_format" line. */
static void collect(void *ctx, const struct pdb_msg *msg)
{
	struct pdb_buf *b = ctx;

	pdb_msg_format(b, "pubdb", msg);
	pdb_buf_addc(b, '\n');
}

/* The template does not compile: begin fails with the message want, nothing is written. */
static void expect_template_error(const char *template_text, const char *want)
{
	struct pdb_export_opts opts = { .template_text = template_text, .template_name = "t.md" };
	struct pdb_buf msgs = PDB_BUF_INIT;
	struct pdb_diag diag;
	struct pdb_export x = { 0 };
	char *text = NULL;
	size_t len = 0;

	pdb_diag_init(&diag, collect, &msgs);
	x.out = open_memstream(&text, &len);
	assert_non_null(x.out);
	x.opts = &opts;
	x.diag = &diag;
	assert_int_equal(pdb_export_markdown.begin(&x), PDB_EDATA);
	assert_int_equal(pdb_export_markdown.end(&x), 0);
	assert_int_equal(fclose(x.out), 0);
	assert_int_equal(len, 0);
	assert_string_equal(pdb_buf_str(&msgs), want);
	assert_int_equal(diag.errors, 1);
	free(text);
	pdb_buf_release(&msgs);
}

static void test_markdown_template_errors(void **state)
{
	(void)state;
	expect_template_error("#### {title}\n{authors} {venu}\n",
		"t.md:2:11: error: unknown placeholder 'venu' (authors, award, key, links, month, "
		"note, number, title, type, venue, venue_full, venue_short, year, url, doi, arxiv, "
		"pdf, code, website, poster, slides, video, html)\n");
	/* columns count characters, not bytes */
	expect_template_error("\u00e9\u00e9 {title\n", "t.md:1:4: error: unclosed '{' "
		"(write '{{' for a literal brace)\n");
	expect_template_error("{title {year}", "t.md:1:1: error: unclosed '{' "
		"(write '{{' for a literal brace)\n");
	expect_template_error("a\n\nb }\n", "t.md:3:3: error: unmatched '}' "
		"(write '}}' for a literal brace)\n");
	expect_template_error("x {}", "t.md:1:3: error: empty placeholder '{}'\n");
	expect_template_error("{?year}\n{/}\n{/}\n", "t.md:3:1: error: '{/}' closes no section\n");
	expect_template_error("a\n {?award|year} b\n",
		"t.md:2:2: error: section '{?award|year}' is not closed ('{/}' closes it)\n");
	expect_template_error("{?year}{!venue}x{/year}{/}\n",
		"t.md:1:17: error: '{/year}' does not close '{!venue}' (line 1)\n");
	expect_template_error("{?year|nope}{/}",
		"t.md:1:1: error: unknown placeholder 'nope' (authors, award, key, links, month, "
		"note, number, title, type, venue, venue_full, venue_short, year, url, doi, arxiv, "
		"pdf, code, website, poster, slides, video, html)\n");
}

/* ---- record helpers ---- */

static const struct pdb_field lookup_fields[] = {
	FIELD("note", "{first}", "first"),
	FIELD("note", "{second}", "second"),
	FIELD("empty", "{}", ""),
	FIELD("publisher", "{ACM}", "ACM"),
	FIELD("journal", "{}", ""),
	FIELD("booktitle", "{NeurIPS}", "NeurIPS"),
};

static void test_record_get_and_venue(void **state)
{
	struct pdb_record rec = { .fields = lookup_fields, .nfields = COUNT(lookup_fields) };
	struct pdb_record none = { .key = "none" };
	size_t n = 0;

	(void)state;
	assert_string_equal(pdb_record_get(&rec, "note"), "first");
	assert_null(pdb_record_get(&rec, "NOTE"));
	assert_null(pdb_record_get(&rec, "empty"));
	assert_null(pdb_record_get(&rec, "missing"));
	/* journal is empty, so booktitle wins over the later-listed publisher */
	assert_string_equal(pdb_record_venue_raw(&rec), "NeurIPS");
	assert_null(pdb_record_venue_raw(&none));
	while (pdb_venue_fields[n])
		n++;
	assert_int_equal(n, 8);
	assert_string_equal(pdb_venue_fields[0], "journal");
	assert_string_equal(pdb_venue_fields[7], "publisher");
}

static void test_record_arxiv_id(void **state)
{
	const struct pdb_field eprinttype[] = {
		FIELD("eprint", "{arXiv:2403.12422}", "arXiv:2403.12422"),
		FIELD("eprinttype", "{ARXIV}", "ARXIV"),
		FIELD("arxiv", "{2501.00001}", "2501.00001"),
	};
	const struct pdb_field other_archive[] = {
		FIELD("eprint", "{hep-th/9901001}", "hep-th/9901001"),
		FIELD("archiveprefix", "{HAL}", "HAL"),
		FIELD("arxiv", "{ARXIV:2501.00001}", "ARXIV:2501.00001"),
	};
	const struct pdb_field bare_prefix[] = { FIELD("arxiv", "{arXiv:}", "arXiv:") };
	struct pdb_record a = { .fields = eprinttype, .nfields = COUNT(eprinttype) };
	struct pdb_record b = { .fields = other_archive, .nfields = COUNT(other_archive) };
	struct pdb_record c = { .fields = bare_prefix, .nfields = COUNT(bare_prefix) };
	struct pdb_record d = { .fields = lookup_fields, .nfields = COUNT(lookup_fields) };

	(void)state;
	assert_string_equal(pdb_record_arxiv_id(&a), "2403.12422");
	assert_string_equal(pdb_record_arxiv_id(&b), "2501.00001");
	assert_string_equal(pdb_record_arxiv_id(&c), "arXiv:");
	assert_null(pdb_record_arxiv_id(&d));
}

static void expect_link(const struct pdb_record *rec, const char *name, const char *want)
{
	struct pdb_buf url = PDB_BUF_INIT;
	int rc = pdb_record_link(rec, name, &url);

	assert_int_equal(rc, want != NULL);
	assert_string_equal(pdb_buf_str(&url), want ? want : "");
	pdb_buf_release(&url);
}

static void test_record_links(void **state)
{
	const struct pdb_field fields[] = {
		FIELD("doi", "{10.1/x}", "10.1/x"),
		FIELD("arxiv", "{HTTP://arxiv.org/abs/1}", "HTTP://arxiv.org/abs/1"),
		FIELD("project", "{https://p.example}", "https://p.example"),
		FIELD("pdf", "{paper.pdf}", "paper.pdf"),
		FIELD("url", "{}", ""),
	};
	const struct pdb_field website[] = {
		FIELD("doi", "{https://doi.org/10.2/y}", "https://doi.org/10.2/y"),
		FIELD("website", "{https://w.example}", "https://w.example"),
		FIELD("project", "{https://p.example}", "https://p.example"),
	};
	struct pdb_record a = { .fields = fields, .nfields = COUNT(fields) };
	struct pdb_record b = { .fields = website, .nfields = COUNT(website) };
	static const char *const order[] = {
		"url", "doi", "arxiv", "pdf", "code", "website", "poster", "slides", "video",
		"html", NULL,
	};

	(void)state;
	for (size_t i = 0; i < COUNT(order); i++) {
		if (!order[i])
			assert_null(pdb_link_names[i]);
		else
			assert_string_equal(pdb_link_names[i], order[i]);
	}
	expect_link(&a, "doi", "https://doi.org/10.1/x");
	expect_link(&a, "arxiv", "HTTP://arxiv.org/abs/1");
	expect_link(&a, "website", "https://p.example");
	expect_link(&a, "pdf", "paper.pdf");
	expect_link(&a, "url", NULL);
	expect_link(&a, "code", NULL);
	expect_link(&b, "doi", "https://doi.org/10.2/y");
	expect_link(&b, "website", "https://w.example");
	expect_link(&b, "arxiv", NULL);
}

static void test_record_tags(void **state)
{
	const char *const tags[] = {
		"award:Oral", "awards", "cv", "topic:", "topic:Video", "TOPIC:Sparsity",
	};
	struct pdb_record rec = { .tags = tags, .ntags = COUNT(tags) };
	struct pdb_record none = { .key = "none" };

	(void)state;
	assert_string_equal(pdb_tag_value("award:Spotlight Paper", PDB_TAG_AWARD), "Spotlight Paper");
	assert_string_equal(pdb_tag_value("Award:Oral", PDB_TAG_AWARD), "Oral");
	assert_string_equal(pdb_tag_value("topic:a:b", PDB_TAG_TOPIC), "a:b");
	assert_null(pdb_tag_value("award:", PDB_TAG_AWARD));
	assert_null(pdb_tag_value("award", PDB_TAG_AWARD));
	assert_null(pdb_tag_value("awards:x", PDB_TAG_AWARD));
	assert_null(pdb_tag_value("topic:x", PDB_TAG_AWARD));
	assert_null(pdb_tag_value("", PDB_TAG_TOPIC));
	assert_null(pdb_tag_value(NULL, PDB_TAG_TOPIC));
	assert_false(pdb_tag_plain("award:Oral"));
	assert_false(pdb_tag_plain("Topic:Video"));
	assert_true(pdb_tag_plain("award:"));
	assert_true(pdb_tag_plain("cv"));
	assert_string_equal(pdb_record_first_tag(&rec, PDB_TAG_TOPIC), "Video");
	assert_string_equal(pdb_record_first_tag(&rec, PDB_TAG_AWARD), "Oral");
	assert_null(pdb_record_first_tag(&rec, "selected:"));
	assert_null(pdb_record_first_tag(&none, PDB_TAG_TOPIC));
}

static void test_record_venue_and_marks(void **state)
{
	struct pdb_record known = {
		.venue = "Proc. ICML", .venue_short = "ICML",
		.venue_full = "International Conference on Machine Learning",
	};
	struct pdb_record workshop = {
		.venue = "ICML Workshop", .venue_short = "ICML",
		.venue_full = "International Conference on Machine Learning", .workshop = 1,
	};
	struct pdb_record unknown = { .venue = "Some Journal" };
	struct pdb_record none = { .key = "none" };
	const struct pdb_person corresponding = {
		.family = "Han", .marks = PDB_MARK_CORRESPONDING | PDB_MARK_DAGGER,
	};
	const struct pdb_person equal = { .family = "Yang", .marks = PDB_MARK_EQUAL, .equal = 1 };

	(void)state;
	assert_string_equal(pdb_record_venue_short(&known), "ICML");
	assert_string_equal(pdb_record_venue_full(&known),
			    "International Conference on Machine Learning");
	assert_null(pdb_record_venue_short(&workshop));
	assert_string_equal(pdb_record_venue_full(&workshop), "ICML Workshop");
	assert_null(pdb_record_venue_short(&unknown));
	assert_string_equal(pdb_record_venue_full(&unknown), "Some Journal");
	assert_null(pdb_record_venue_short(&none));
	assert_null(pdb_record_venue_full(&none));
	assert_true(pdb_person_corresponding(&corresponding));
	assert_false(pdb_person_corresponding(&equal));
}

/* ---- owner matching ---- */

static int owner_is(const char *me, const struct pdb_person *p)
{
	struct pdb_owner o = PDB_OWNER_INIT;
	int rc;

	assert_int_equal(pdb_owner_parse(&o, me), 0);
	rc = pdb_owner_matches(&o, p);
	pdb_owner_release(&o);
	assert_true(rc == 0 || rc == 1);
	return rc;
}

static void test_owner_matches(void **state)
{
	const struct pdb_person haocheng = PERSON("Haocheng", "", "Xi", "");
	const struct pdb_person initial = PERSON("H.", "", "Xi", "");
	const struct pdb_person middle = PERSON("Haocheng W.", "", "Xi", "");
	const struct pdb_person hao = PERSON("Hao", "", "Xi", "");
	const struct pdb_person other_family = PERSON("Haocheng", "", "Xu", "");
	const struct pdb_person no_given = PERSON("", "", "Xi", "");
	const struct pdb_person mueller = PERSON("Anna", "", "Müller", "");
	const struct pdb_person beethoven = PERSON("Ludwig", "van", "Beethoven", "Jr");
	const struct pdb_person literal = {
		.given = "", .von = "", .family = "Xi", .jr = "", .raw = "{Xi}", .literal = 1,
	};

	(void)state;
	assert_true(owner_is("Haocheng Xi", &haocheng));
	assert_true(owner_is("H. Xi", &haocheng));
	assert_true(owner_is("Xi, Haocheng", &haocheng));
	assert_true(owner_is("Haocheng Xi", &initial));
	assert_true(owner_is("H. Xi", &middle));
	assert_true(owner_is("Haocheng Xi", &no_given));
	assert_false(owner_is("Haocheng Xi", &hao));
	assert_false(owner_is("Hao Xi", &haocheng));
	assert_false(owner_is("Haocheng Xi", &other_family));
	assert_true(owner_is("Hao Xi; Xi, Haocheng", &haocheng));
	assert_true(owner_is("Anna MULLER", &mueller));
	assert_true(owner_is("M{\\\"u}ller, A.", &mueller));
	assert_false(owner_is("Anna Mueller", &mueller));
	assert_true(owner_is("Ludwig van Beethoven", &beethoven));
	assert_false(owner_is("Xi", &literal));
	assert_false(owner_is(NULL, &haocheng));
	assert_false(owner_is(" ; ;", &haocheng));
}

static void test_owner_parse_and_keys(void **state)
{
	struct pdb_owner o = PDB_OWNER_INIT;

	(void)state;
	assert_int_equal(pdb_owner_parse(&o, " Xi, Haocheng ; ; H. Xi;Haocheng XI; , Anna"), 0);
	assert_int_equal(o.n, 3);
	assert_string_equal(o.names[0].family_key, "xi");
	assert_string_equal(o.names[0].given_key, "haocheng");
	assert_string_equal(o.names[1].given_key, "h.");
	assert_string_equal(o.names[2].family_key, "xi");
	assert_true(pdb_owner_matches_keys(&o, "xi", "h.-c."));
	assert_true(pdb_owner_matches_keys(&o, "xi", ""));
	assert_false(pdb_owner_matches_keys(&o, "xi", "yang"));
	assert_false(pdb_owner_matches_keys(&o, "x", "haocheng"));
	pdb_owner_release(&o);
	assert_null(o.names);
	assert_int_equal(o.n, 0);
	pdb_owner_release(&o);
}

/* The JSON writer prints what cJSON prints for the same tree. */
static void test_json_writer_matches_cjson(void **state)
{
	static const char *const texts[] = {
		"", "plain", "q\"uote", "back\\slash", "tab\tnl\ncr\rbs\bff\f",
		"\x01\x1f\x7f", "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80",
		"bad \xff\xc3(", "/solidus/", "%s%n",
		/* plain bytes, then what needs work after them */
		"ab\x1f" "cd", "Andr{\\'e} \"caf\xc3\xa9\"", "ok \xc3\xa9 then \xe2\x82", "~\x7f\x80",
	};
	static const char *const keys[] = {
		"abcdefghijklmnopqrstuvwxyz0123", "abcdefghijklmnopqrstuvwxyz01234",
		"abcdefghijklmnopqrstuvwxyz0123456789", "caf\xc3\xa9", "t\tab", "x/y\\z",
	};
	struct pdb_jw w = { PDB_BUF_INIT, 0, 0 };
	cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray();
	char *want;

	(void)state;
	pdb_jw_open(&w, NULL, '{');
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char key[16];

		snprintf(key, sizeof(key), "k%zu", i);
		pdb_jw_string(&w, key, texts[i]);
		cJSON_AddItemToObject(o, key, pdb_json_text(texts[i]));
	}
	/* keys: plain up to and past the length copied as it is checked, UTF-8, escapes */
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		pdb_jw_int(&w, keys[i], (long)i);
		cJSON_AddItemToObject(o, keys[i], cJSON_CreateNumber((double)i));
	}
	pdb_jw_open(&w, "a\"b", '[');
	pdb_jw_int(&w, NULL, -42);
	pdb_jw_int(&w, NULL, 0);
	pdb_jw_int(&w, NULL, 2026);
	pdb_jw_null(&w, NULL);
	pdb_jw_bool(&w, NULL, 1);
	pdb_jw_open(&w, NULL, '{');
	pdb_jw_close(&w, '}');
	pdb_jw_open(&w, NULL, '[');
	pdb_jw_bool(&w, NULL, 0);
	pdb_jw_close(&w, ']');
	pdb_jw_close(&w, ']');
	pdb_jw_string(&w, "last", NULL);
	pdb_jw_close(&w, '}');
	cJSON_AddItemToArray(a, cJSON_CreateNumber(-42));
	cJSON_AddItemToArray(a, cJSON_CreateNumber(0));
	cJSON_AddItemToArray(a, cJSON_CreateNumber(2026));
	cJSON_AddItemToArray(a, cJSON_CreateNull());
	cJSON_AddItemToArray(a, cJSON_CreateTrue());
	cJSON_AddItemToArray(a, cJSON_CreateObject());
	cJSON_AddItemToArray(a, cJSON_CreateArray());
	cJSON_AddItemToArray(cJSON_GetArrayItem(a, 6), cJSON_CreateFalse());
	cJSON_AddItemToObject(o, "a\"b", a);
	cJSON_AddItemToObject(o, "last", cJSON_CreateNull());
	want = cJSON_PrintUnformatted(o);
	assert_string_equal(pdb_buf_str(&w.b), want);
	assert_int_equal(w.depth, 0);
	cJSON_free(want);
	cJSON_Delete(o);
	pdb_buf_release(&w.b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_golden_object),
		cmocka_unit_test(test_json_two_minimal_entries),
		cmocka_unit_test(test_json_duplicate_fields),
		cmocka_unit_test(test_json_invalid_utf8),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_json_write_error),
		cmocka_unit_test(test_markdown_seed_entry),
		cmocka_unit_test(test_markdown_owner_and_equal),
		cmocka_unit_test(test_markdown_venue_line),
		cmocka_unit_test(test_markdown_award_line),
		cmocka_unit_test(test_markdown_escaping),
		cmocka_unit_test(test_markdown_math_kept),
		cmocka_unit_test(test_markdown_url_only_and_no_title),
		cmocka_unit_test(test_markdown_group_by_year),
		cmocka_unit_test(test_markdown_group_by_topic),
		cmocka_unit_test(test_markdown_group_by_type_and_venue),
		cmocka_unit_test(test_markdown_empty),
		cmocka_unit_test(test_markdown_write_error),
		cmocka_unit_test(test_markdown_number),
		cmocka_unit_test(test_markdown_max_authors),
		cmocka_unit_test(test_markdown_max_authors_marks),
		cmocka_unit_test(test_markdown_template_values),
		cmocka_unit_test(test_markdown_template_sections),
		cmocka_unit_test(test_markdown_template_errors),
		cmocka_unit_test(test_record_get_and_venue),
		cmocka_unit_test(test_record_arxiv_id),
		cmocka_unit_test(test_record_links),
		cmocka_unit_test(test_record_tags),
		cmocka_unit_test(test_record_venue_and_marks),
		cmocka_unit_test(test_owner_matches),
		cmocka_unit_test(test_owner_parse_and_keys),
		cmocka_unit_test(test_json_writer_matches_cjson),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
