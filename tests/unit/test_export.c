/*
 * Unit tests for the json and markdown exporters (src/export_json.c,
 * src/export_markdown.c): records built by hand, output compared byte for
 * byte. Also the record helpers they share (src/record.c) and owner
 * matching (src/person.c).
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

#include "person.h"
#include "pubdb/buf.h"
#include "pubdb/export.h"
#include "pubdb/record.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define FIELD(name, raw, value) { (char *)(name), (char *)(raw), (char *)(value), 0 }
#define PERSON(given, von, family, jr) { given, von, family, jr, NULL, 0 }

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
	PERSON("Haocheng", "", "Xi", ""),
	PERSON("Ludwig", "van", "Beethoven", "Jr"),
	{ "", "", "OpenAI Team", "", "{OpenAI Team}", 1 },
};

static const struct pdb_person jetfire_editors[] = {
	PERSON("Anna", "", "Müller", ""),
};

static const char *const jetfire_tags[] = { "cv", "topic:quantization" };

static const struct pdb_record jetfire = {
	.id = 1,
	.key = "xi2024jetfire",
	.type = "inproceedings",
	.title = "Jetfire: Efficient and Accurate Transformer Pretraining",
	.venue = "Proceedings of the 41st International Conference on Machine Learning",
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
		"\"literal\":false,\"equal\":false,\"me\":false},"
		"{\"given\":\"Ludwig\",\"family\":\"Beethoven\",\"von\":\"van\",\"jr\":\"Jr\","
		"\"literal\":false,\"equal\":false,\"me\":false},"
		"{\"given\":\"\",\"family\":\"OpenAI Team\",\"von\":\"\",\"jr\":\"\","
		"\"literal\":true,\"equal\":false,\"me\":false}],"
		"\"editors\":["
		"{\"given\":\"Anna\",\"family\":\"Müller\",\"von\":\"\",\"jr\":\"\","
		"\"literal\":false,\"equal\":false,\"me\":false}],"
		"\"year\":2024,\"month\":7,"
		"\"venue\":{\"short\":null,"
		"\"full\":\"Proceedings of the 41st International Conference on Machine Learning\","
		"\"raw\":\"Proceedings of the 41st International Conference on Machine Learning\"},"
		"\"equal_contribution\":false,\"awards\":[],\"topics\":[],"
		"\"tags\":[\"cv\",\"topic:quantization\"],\"selected\":false,"
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
};

static void test_json_two_minimal_entries(void **state)
{
	(void)state;
	expect_export(&pdb_export_json, NULL, minimal, COUNT(minimal),
		"[\n"
		"{\"key\":\"a\",\"type\":\"misc\",\"title\":null,\"authors\":[],\"editors\":[],"
		"\"year\":null,\"month\":null,"
		"\"venue\":{\"short\":null,\"full\":null,\"raw\":null},"
		"\"equal_contribution\":false,\"awards\":[],\"topics\":[],\"tags\":[],"
		"\"selected\":false,"
		"\"ids\":{\"doi\":\"https://doi.org/10.1/x\",\"arxiv\":\"2501.00001\"},"
		"\"links\":{\"doi\":\"https://doi.org/10.1/x\","
		"\"arxiv\":\"https://arxiv.org/abs/2501.00001\"},"
		"\"fields\":{\"title\":\"{A}\",\"doi\":\"{https://doi.org/10.1/x}\","
		"\"arxiv\":\"{arXiv:2501.00001}\",\"url\":\"{}\"}},\n"
		"{\"key\":\"b\",\"type\":\"article\",\"title\":\"B\",\"authors\":[],\"editors\":[],"
		"\"year\":1999,\"month\":null,"
		"\"venue\":{\"short\":null,\"full\":\"Nature\",\"raw\":null},"
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
	PERSON("Haocheng", "", "Xi", ""),
	PERSON("Shuo", "", "Yang", ""),
	PERSON("Yilong", "", "Zhao", ""),
	PERSON("Ludwig", "van", "Beethoven", "Jr"),
};

static const struct pdb_record svg = {
	.key = "xi2025svg",
	.type = "inproceedings",
	.title = "Sparse VideoGen: Accelerating Video Diffusion Transformers with "
		 "Spatial-Temporal Sparsity",
	.venue = "International Conference on Machine Learning (ICML)",
	.year = 2025,
	.fields = svg_fields,
	.nfields = COUNT(svg_fields),
	.authors = svg_authors,
	.nauthors = COUNT(svg_authors),
};

static void test_markdown_seed_entry(void **state)
{
	(void)state;
	expect_export(&pdb_export_markdown, NULL, &svg, 1,
		"#### Sparse VideoGen: Accelerating Video Diffusion Transformers with "
		"Spatial-Temporal Sparsity\n"
		"\n"
		"Haocheng Xi, Shuo Yang, Yilong Zhao, Ludwig van Beethoven, Jr  \n"
		"International Conference on Machine Learning (ICML), 2025. "
		"[[arxiv]](https://arxiv.org/abs/2502.01776) "
		"[[code]](https://github.com/svg-project/Sparse-VideoGen) "
		"[[website]](https://svg-project.github.io/) "
		"[[poster]](https://example.org/svg%20\\(poster\\).pdf)\n"
		"\n");
}

static const struct pdb_person owner_authors[] = {
	PERSON("Shuo", "", "Yang", ""),
	PERSON("H.", "", "Xi", ""),
	PERSON("Hao", "", "Xi", ""),
	PERSON("Haocheng", "", "XI", ""),
	PERSON("Song", "", "Han", ""),
};

static void test_markdown_owner_bold(void **state)
{
	struct pdb_export_opts opts = { .me = " Xi, Haocheng ; ; A. Muller" };
	const struct pdb_person people[] = {
		PERSON("Anna B.", "", "Müller", ""),
		PERSON("Bernd", "", "Müller", ""),
	};
	struct pdb_record recs[] = {
		{ .key = "k", .type = "misc", .title = "T", .year = 2024,
		  .authors = owner_authors, .nauthors = COUNT(owner_authors) },
		{ .key = "m", .type = "misc", .title = "U",
		  .authors = people, .nauthors = COUNT(people) },
	};

	(void)state;
	expect_export(&pdb_export_markdown, &opts, recs, COUNT(recs),
		"#### T\n"
		"\n"
		"Shuo Yang, **H. Xi**, Hao Xi, **Haocheng XI**, Song Han  \n"
		"2024.\n"
		"\n"
		"#### U\n"
		"\n"
		"**Anna B. Müller**, Bernd Müller\n"
		"\n");
}

static void test_markdown_escaping(void **state)
{
	const struct pdb_person people[] = {
		PERSON("J_R", "", "O*Neil", ""),
		{ "", "", "", "", "{[Team]}", 0 },
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
	struct pdb_record rec = {
		.key = "radial", .type = "misc",
		.title = "Radial Attention: $O(n \\log n)$ Sparse_Attention, $$a_1*b$$ and $5_x",
		.year = 2025,
	};

	(void)state;
	expect_export(&pdb_export_markdown, NULL, &rec, 1,
		"#### Radial Attention: $O(n \\log n)$ Sparse\\_Attention, $$a_1*b$$ and $5\\_x\n"
		"\n"
		"2025.\n"
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
	const struct pdb_field video[] = {
		FIELD("keywords", "{ , Video_Gen; sparsity}", " , Video_Gen; sparsity"),
	};
	const struct pdb_field video2[] = { FIELD("keywords", "{Video_Gen}", "Video_Gen") };
	const struct pdb_field accented[] = {
		FIELD("keywords", "{Caf{\\'e}s}", "Caf{\\'e}s"),
	};
	struct pdb_record recs[] = {
		{ .key = "a", .type = "misc", .title = "A", .fields = video, .nfields = 1 },
		{ .key = "b", .type = "misc", .title = "B", .fields = video2, .nfields = 1 },
		{ .key = "c", .type = "misc", .title = "C", .fields = accented, .nfields = 1 },
		{ .key = "d", .type = "misc", .title = "D" },
	};

	(void)state;
	expect_export(&pdb_export_markdown, &opts, recs, COUNT(recs),
		"### Video\\_Gen\n\n#### A\n\n"
		"#### B\n\n"
		"### Cafés\n\n#### C\n\n"
		"### Other\n\n#### D\n\n");
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

	(void)state;
	expect_export(&pdb_export_markdown, &by_type, recs, COUNT(recs),
		"### article\n\n#### A\n\nV.\n\n"
		"### inproceedings\n\n#### B\n\nV.\n\n"
		"#### C\n\n");
	expect_export(&pdb_export_markdown, &by_venue, recs, COUNT(recs),
		"### V\n\n#### A\n\nV.\n\n"
		"#### B\n\nV.\n\n"
		"### Other\n\n#### C\n\n");
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
	const struct pdb_person literal = { "", "", "Xi", "", "{Xi}", 1 };

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
		cmocka_unit_test(test_markdown_owner_bold),
		cmocka_unit_test(test_markdown_escaping),
		cmocka_unit_test(test_markdown_math_kept),
		cmocka_unit_test(test_markdown_url_only_and_no_title),
		cmocka_unit_test(test_markdown_group_by_year),
		cmocka_unit_test(test_markdown_group_by_topic),
		cmocka_unit_test(test_markdown_group_by_type_and_venue),
		cmocka_unit_test(test_markdown_empty),
		cmocka_unit_test(test_markdown_write_error),
		cmocka_unit_test(test_record_get_and_venue),
		cmocka_unit_test(test_record_arxiv_id),
		cmocka_unit_test(test_record_links),
		cmocka_unit_test(test_owner_matches),
		cmocka_unit_test(test_owner_parse_and_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
