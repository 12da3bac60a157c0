/*
 * Unit tests for reading BibTeX: the chunker and layout scan (src/chunk.c)
 * and the reader built on libbtparse (src/bibread.c). Inputs are string
 * literals read through fmemopen().
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chunk.h"
#include "pubdb/bibread.h"
#include "pubdb/buf.h"
#include "pubdb/diag.h"
#include "pubdb/model.h"
#include "testlib.h"

/* ---- helpers ---- */

#define MAX_CHUNKS 16

struct chunks {
	size_t n;
	char *text[MAX_CHUNKS];
	unsigned long line[MAX_CHUNKS];
	int closed[MAX_CHUNKS];
	int rc;		/* the final pdb_chunker_next() */
};

#define MAX_ENTRIES 8

struct read_result {
	struct pdb_entry e[MAX_ENTRIES];
	size_t n;
	int rc;
	unsigned long skipped;
};

/* What a test reads lives here, so that a failed test leaks nothing. */
struct fixture {
	struct pdb_buf msgs;
	struct pdb_diag diag;
	struct chunks cs;
	struct read_result rr;
	char *text;
};

static void chunks_release(struct chunks *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		free(cs->text[i]);
	cs->n = 0;
}

static void results_release(struct read_result *rr)
{
	for (size_t i = 0; i < rr->n; i++)
		pdb_entry_release(&rr->e[i]);
	rr->n = 0;
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

static int teardown(void **state)
{
	struct fixture *f = *state;

	chunks_release(&f->cs);
	results_release(&f->rr);
	free(f->text);
	pdb_buf_release(&f->msgs);
	free(f);
	return 0;
}

/* A stream over n bytes (NULs included) of s. */
static FILE *open_bytes(const char *s, size_t n)
{
	FILE *fp = fmemopen((void *)s, n, "r");

	assert_non_null(fp);
	return fp;
}

/* Splits n bytes of src into chunks. */
static void chunk_bytes(struct fixture *f, const char *src, size_t n, struct chunks *out)
{
	struct pdb_chunker c;
	struct pdb_chunk ch = { PDB_BUF_INIT, 0, 0 };
	FILE *fp = open_bytes(src, n);
	int rc;

	chunks_release(out);
	memset(out, 0, sizeof(*out));
	pdb_chunker_init(&c, fp, "t.bib", &f->diag);
	while ((rc = pdb_chunker_next(&c, &ch)) > 0) {
		assert_true(out->n < MAX_CHUNKS);
		assert_false(pdb_buf_failed(&ch.text));
		out->text[out->n] = strdup(pdb_buf_str(&ch.text));
		out->line[out->n] = ch.line;
		out->closed[out->n] = ch.closed;
		out->n++;
	}
	out->rc = rc;
	/* the end stays the end */
	if (rc == 0)
		assert_int_equal(pdb_chunker_next(&c, &ch), 0);
	pdb_chunker_release(&c);
	pdb_buf_release(&ch.text);
	fclose(fp);
}

static void chunk_text(struct fixture *f, const char *src, struct chunks *out)
{
	chunk_bytes(f, src, strlen(src), out);
}

static void check_chunk(const struct chunks *cs, size_t i, unsigned long line, int closed,
			const char *text)
{
	if (i >= cs->n)
		fail_msg("no chunk %zu (have %zu)", i, cs->n);
	if (cs->line[i] != line)
		fail_msg("chunk %zu (\"%s\"): line %lu, want %lu", i, cs->text[i], cs->line[i], line);
	if (cs->closed[i] != closed)
		fail_msg("chunk %zu (\"%s\"): closed %d, want %d", i, cs->text[i], cs->closed[i],
			 closed);
	assert_string_equal(cs->text[i], text);
}

static void check_msgs(struct fixture *f, const char *want)
{
	assert_string_equal(pdb_buf_str(&f->msgs), want);
}

/* ---- chunker ---- */

static void test_chunk_two_entries_on_one_line(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "@misc{a, t = {1}} @misc{b, t = {2}}\t@misc(c, t = {3})\n"
		      "@misc{d, t = {4}}\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 4);
	check_chunk(cs, 0, 1, 1, "@misc{a, t = {1}}");
	check_chunk(cs, 1, 1, 1, "@misc{b, t = {2}}");
	check_chunk(cs, 2, 1, 1, "@misc(c, t = {3})");
	check_chunk(cs, 3, 2, 1, "@misc{d, t = {4}}");
	check_msgs(f, "");
	chunks_release(cs);
}

static void test_chunk_comment_with_braces(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "@comment{a {b} c\n  {d {e}} \"f}\n"
		      "@Comment{jabref-meta: databaseType:bibtex;}\n"
		      "@misc{x, t = {1}}\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 3);
	/* a quote does not hide the closer of a @comment */
	check_chunk(cs, 0, 1, 1, "@comment{a {b} c\n  {d {e}} \"f}");
	check_chunk(cs, 1, 3, 1, "@Comment{jabref-meta: databaseType:bibtex;}");
	check_chunk(cs, 2, 4, 1, "@misc{x, t = {1}}");
	check_msgs(f, "");
	chunks_release(cs);
}

static void test_chunk_parentheses(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "@string(acm = {ACM (the (assoc.)})\n"
		      "@misc(k,\n  t = {)},\n  u = \"(\" # \")\",\n  v = x)\n"
		      "@misc{y, t = {1}}\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 3);
	check_chunk(cs, 0, 1, 1, "@string(acm = {ACM (the (assoc.)})");
	check_chunk(cs, 1, 2, 1, "@misc(k,\n  t = {)},\n  u = \"(\" # \")\",\n  v = x)");
	check_chunk(cs, 2, 6, 1, "@misc{y, t = {1}}");
	check_msgs(f, "");
	chunks_release(cs);
}

static void test_chunk_percent_comments(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "% My publications\n"
		      "% @inproceedings{x,\n"
		      "  % @misc{y, t = {1}}\n"
		      "@misc{a, % a comment with a brace {\n"
		      "  t = {50%}}\n"
		      "%@misc{z}\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 1);
	check_chunk(cs, 0, 4, 1, "@misc{a, % a comment with a brace {\n  t = {50%}}");
	check_msgs(f, "");
	chunks_release(cs);
}

static void test_chunk_at_in_prose(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "Questions: mail me@example.org, or see @misc{x, t={1}} below.\n"
		      "  (C) 2024 foo@bar.com\n"
		      "@misc{real, author = {me@example.org}}\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 1);
	check_chunk(cs, 0, 3, 1, "@misc{real, author = {me@example.org}}");
	check_msgs(f, "");
	chunks_release(cs);
}

static void test_chunk_front_matter(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "---\n"
		      "layout: page\n"
		      "title: Publications\n"
		      "contact: me@example.org\n"
		      "---\n"
		      "\n"
		      "@article{a,\n  title = {A}\n}\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 1);
	check_chunk(cs, 0, 7, 1, "@article{a,\n  title = {A}\n}");
	check_msgs(f, "");
	chunks_release(cs);
}

static void test_chunk_unclosed_then_entry(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "@misc{open,\n  title = {never closed\n  more text\n"
		      "@article{good, title = {G}}\n"
		      "@misc{open2, title = \"x\n"
		      "  @article{good2, title = {G2}}\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 4);
	check_chunk(cs, 0, 1, 0, "@misc{open,\n  title = {never closed\n  more text\n");
	check_chunk(cs, 1, 4, 1, "@article{good, title = {G}}");
	check_chunk(cs, 2, 5, 0, "@misc{open2, title = \"x\n");
	check_chunk(cs, 3, 6, 1, "@article{good2, title = {G2}}");
	check_msgs(f, "");
	chunks_release(cs);
}

static void test_chunk_unclosed_at_eof(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "@misc{a, t = {1}}\n@misc{b,\n  t = {x\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 2);
	check_chunk(cs, 0, 1, 1, "@misc{a, t = {1}}");
	check_chunk(cs, 1, 2, 0, "@misc{b,\n  t = {x");
	chunks_release(cs);
	/* no newline at the end */
	chunk_text(f, "@misc{c, t = {1}", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 1);
	check_chunk(cs, 0, 1, 0, "@misc{c, t = {1}");
	check_msgs(f, "");
	chunks_release(cs);
}

static void test_chunk_utf8_bom(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "\xef\xbb\xbf@misc{a, t = {1}}\n@misc{b, t = {\xef\xbb\xbf}}\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 2);
	check_chunk(cs, 0, 1, 1, "@misc{a, t = {1}}");
	/* only the first line's mark is one */
	check_chunk(cs, 1, 2, 1, "@misc{b, t = {\xef\xbb\xbf}}");
	check_msgs(f, "");
	chunks_release(cs);
}

static void test_chunk_crlf(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "% comment\r\n@misc{a,\r\n  t = {x\r\n  y}}\r\n\r\n@misc{b, t = {2}}\r\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 2);
	check_chunk(cs, 0, 2, 1, "@misc{a,\n  t = {x\n  y}}");
	check_chunk(cs, 1, 6, 1, "@misc{b, t = {2}}");
	check_msgs(f, "");
	chunks_release(cs);
}

static void test_chunk_utf16_refused(void **state)
{
	static const char le[] = "\xff\xfe@\0m\0i\0s\0c\0{\0a\0,\0}\0\n\0";
	static const char be[] = "\xfe\xff\0@\0m\0i\0s\0c\0{\0a\0,\0}\0\n";
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_bytes(f, le, sizeof(le) - 1, cs);
	assert_int_equal(cs->rc, PDB_EDATA);
	assert_int_equal(cs->n, 0);
	check_msgs(f, "t.bib:1: error: file is UTF-16 or UTF-32; convert it to UTF-8\n");
	pdb_buf_reset(&f->msgs);
	chunk_bytes(f, be, sizeof(be) - 1, cs);
	assert_int_equal(cs->rc, PDB_EDATA);
	assert_int_equal(cs->n, 0);
	check_msgs(f, "t.bib:1: error: file is UTF-16 or UTF-32; convert it to UTF-8\n");
	assert_int_equal(f->diag.errors, 2);
}

/* UTF-32 big-endian starts 00 00 FE FF: refused like the other BOMs. */
static void test_chunk_utf32be_refused(void **state)
{
	static const char be32[] = "\0\0\xfe\xff\0\0\0@\0\0\0m\0\0\0i\0\0\0s\0\0\0c\0\0\0{";
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_bytes(f, be32, sizeof(be32) - 1, cs);
	assert_int_equal(cs->n, 0);
	check_msgs(f, "t.bib:1: error: file is UTF-16 or UTF-32; convert it to UTF-8\n");
	assert_int_equal(cs->rc, PDB_EDATA);
}

static void test_chunk_opener_on_next_line(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "@article\n  {late,\n  year = 2020}\n@misc\n\n(k2, t = {1})\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 2);
	check_chunk(cs, 0, 1, 1, "@article\n  {late,\n  year = 2020}");
	check_chunk(cs, 1, 4, 1, "@misc\n\n(k2, t = {1})");
	check_msgs(f, "");
	chunks_release(cs);
}

static void test_chunk_old_style_comment(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "@Comment old-style, BibTeX skips the word\n"
		      "@COMMENT\n"
		      "@misc{a, t = {1}}\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 1);
	check_chunk(cs, 0, 3, 1, "@misc{a, t = {1}}");
	check_msgs(f, "");
	chunks_release(cs);
}

static void test_chunk_no_opener(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "@article junk here\n@misc{a, t = {1}}\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 1);
	check_chunk(cs, 0, 2, 1, "@misc{a, t = {1}}");
	check_msgs(f, "t.bib:1: error: expected '{' or '(' after '@article'; text skipped\n");
	chunks_release(cs);
}

/*
 * A type with no opener before the next entry's line: the error is about
 * the first, and the next entry is still read.
 */
static void test_chunk_no_opener_keeps_next_entry(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "@article\n@misc{x, t = {y}}\n@misc{z, t = {w}}\n", cs);
	assert_int_equal(cs->rc, 0);
	check_msgs(f, "t.bib:1: error: expected '{' or '(' after '@article'; text skipped\n");
	assert_int_equal(cs->n, 2);
	check_chunk(cs, 0, 2, 1, "@misc{x, t = {y}}");
	check_chunk(cs, 1, 3, 1, "@misc{z, t = {w}}");
	chunks_release(cs);
}

static void test_chunk_empty_input(void **state)
{
	struct fixture *f = *state;
	struct chunks *cs = &f->cs;

	chunk_text(f, "\n\n   \n% nothing here\n", cs);
	assert_int_equal(cs->rc, 0);
	assert_int_equal(cs->n, 0);
	check_msgs(f, "");
}

/* ---- layout ---- */

static void check_span(const char *text, struct pdb_span sp, const char *want)
{
	if (sp.off + sp.len > strlen(text))
		fail_msg("span %zu+%zu is outside the text", sp.off, sp.len);
	if (sp.len != strlen(want) || strncmp(text + sp.off, want, sp.len) != 0)
		fail_msg("span is \"%.*s\", want \"%s\"", (int)sp.len, text + sp.off, want);
}

static void scan(struct pdb_layout *l, const char *text, unsigned long line)
{
	assert_int_equal(pdb_layout_scan(l, text, strlen(text), line), 0);
}

static void check_field(const char *text, const struct pdb_layout *l, size_t i,
			const char *name, const char *value, unsigned long line)
{
	if (i >= l->nfields)
		fail_msg("no field %zu (have %zu)", i, l->nfields);
	check_span(text, l->fields[i].name, name);
	check_span(text, l->fields[i].value, value);
	if (l->fields[i].line != line)
		fail_msg("field %s: line %lu, want %lu", name, l->fields[i].line, line);
}

static void test_layout_normal(void **state)
{
	static const char text[] =
		"@Article{Xi2024,\n"
		"  title = {A {B} c},\n"
		"\n"
		"  year = 2020,\n"
		"  % a comment = {not a field}\n"
		"  note = \"n\",\n"
		"}";
	struct pdb_layout l;

	(void)state;
	pdb_layout_init(&l);
	scan(&l, text, 10);
	check_span(text, l.type, "Article");
	check_span(text, l.key, "Xi2024");
	check_span(text, l.body,
		   "Xi2024,\n  title = {A {B} c},\n\n  year = 2020,\n"
		   "  % a comment = {not a field}\n  note = \"n\",\n");
	assert_int_equal(l.key_comma, 1);
	assert_int_equal(l.key_end, strlen("@Article{Xi2024,"));
	assert_int_equal(l.closer, '}');
	assert_int_equal(l.no_key, 0);
	assert_int_equal(l.ok, 1);
	assert_int_equal(l.nmissing, 0);
	assert_int_equal(l.nfields, 3);
	check_field(text, &l, 0, "title", "{A {B} c}", 11);
	check_field(text, &l, 1, "year", "2020", 13);
	check_field(text, &l, 2, "note", "\"n\"", 15);
	/* the layout is reusable */
	scan(&l, "@misc(k, a = 1)", 1);
	assert_int_equal(l.closer, ')');
	assert_int_equal(l.nfields, 1);
	check_field("@misc(k, a = 1)", &l, 0, "a", "1", 1);
	pdb_layout_release(&l);
}

static void test_layout_concatenation(void **state)
{
	static const char text[] =
		"@misc{k, title = foo # \" bar\" #\n   {baz} # 2020, year = 2020}";
	struct pdb_layout l;

	(void)state;
	pdb_layout_init(&l);
	scan(&l, text, 1);
	assert_int_equal(l.ok, 1);
	assert_int_equal(l.nfields, 2);
	check_field(text, &l, 0, "title", "foo # \" bar\" #\n   {baz} # 2020", 1);
	check_field(text, &l, 1, "year", "2020", 2);
	pdb_layout_release(&l);
}

static void test_layout_quoted_with_braces(void **state)
{
	static const char text[] =
		"@misc{k, title = \"The {\"}quote{\"} and {RNA}, {a}\", note = {n}}";
	struct pdb_layout l;

	(void)state;
	pdb_layout_init(&l);
	scan(&l, text, 1);
	assert_int_equal(l.ok, 1);
	assert_int_equal(l.nfields, 2);
	check_field(text, &l, 0, "title", "\"The {\"}quote{\"} and {RNA}, {a}\"", 1);
	check_field(text, &l, 1, "note", "{n}", 1);
	pdb_layout_release(&l);
}

static void test_layout_missing_commas(void **state)
{
	static const char text[] =
		"@misc{k\n"
		"  title = {x}\n"
		"  year = 2020,\n"
		"  note = {n}\n"
		"  month = jan\n"
		"}";
	struct pdb_layout l;

	(void)state;
	pdb_layout_init(&l);
	scan(&l, text, 5);
	assert_int_equal(l.ok, 1);
	check_span(text, l.key, "k");
	assert_int_equal(l.key_comma, 0);
	assert_int_equal(l.nfields, 4);
	check_field(text, &l, 0, "title", "{x}", 6);
	check_field(text, &l, 3, "month", "jan", 9);
	assert_int_equal(l.nmissing, 3);
	assert_int_equal(l.missing_commas[0], 5);
	assert_int_equal(l.missing_commas[1], 6);
	assert_int_equal(l.missing_commas[2], 8);
	pdb_layout_release(&l);
}

static void test_layout_no_key(void **state)
{
	static const char text[] = "@article{title = {x}}";
	struct pdb_layout l;

	(void)state;
	pdb_layout_init(&l);
	scan(&l, text, 1);
	assert_int_equal(l.no_key, 1);
	assert_int_equal(l.key.len, 0);
	check_span(text, l.type, "article");
	pdb_layout_release(&l);
}

static void test_layout_no_fields(void **state)
{
	struct pdb_layout l;

	(void)state;
	pdb_layout_init(&l);
	scan(&l, "@misc{key}", 1);
	assert_int_equal(l.ok, 1);
	assert_int_equal(l.no_key, 0);
	check_span("@misc{key}", l.key, "key");
	assert_int_equal(l.key_comma, 0);
	assert_int_equal(l.nfields, 0);
	assert_int_equal(l.nmissing, 0);
	scan(&l, "@misc{key,\n}", 1);
	assert_int_equal(l.ok, 1);
	assert_int_equal(l.key_comma, 1);
	assert_int_equal(l.nfields, 0);
	pdb_layout_release(&l);
}

static void test_layout_string_and_bad_syntax(void **state)
{
	static const char str[] = "@string(acm = {ACM}, ieee = \"IEEE\")";
	static const char bad[] = "@misc{k, title = {x}, author {x}, year = 2020}";
	struct pdb_layout l;

	(void)state;
	pdb_layout_init(&l);
	scan(&l, str, 3);
	assert_int_equal(l.ok, 1);
	assert_int_equal(l.closer, ')');
	assert_int_equal(l.key.len, 0);
	assert_int_equal(l.nfields, 2);
	check_field(str, &l, 0, "acm", "{ACM}", 3);
	check_field(str, &l, 1, "ieee", "\"IEEE\"", 3);
	scan(&l, bad, 1);
	assert_int_equal(l.ok, 0);
	check_span(bad, l.key, "k");
	assert_int_equal(l.nfields, 1);
	check_field(bad, &l, 0, "title", "{x}", 1);
	pdb_layout_release(&l);
}

static void add_name(void *ctx, const char *name, size_t n)
{
	struct pdb_buf *names = ctx;

	pdb_buf_add(names, name, n);
	pdb_buf_addc(names, '|');
}

static void test_each_assignment(void **state)
{
	static const char braces[] = "@misc{k, a = {x = y}, b = \"c = {d}\", c = 1, d {e}}";
	static const char parens[] = "@misc(k, a = {x = y}, b = \"c = {d}\", c = 1, d {e})";
	static const char broken[] = "@string{pub = al##h, x\t=1 , = 2, {y} = 3}";
	struct pdb_buf names = PDB_BUF_INIT;

	(void)state;
	assert_int_equal(pdb_each_assignment(braces, strlen(braces), add_name, &names), 3);
	assert_string_equal(pdb_buf_str(&names), "a|b|c|");
	/* the same entry between parentheses has the same three */
	assert_int_equal(pdb_each_assignment(parens, strlen(parens), NULL, NULL), 3);
	/* a name is what stands before '=': none after a comma or a brace */
	pdb_buf_reset(&names);
	assert_int_equal(pdb_each_assignment(broken, strlen(broken), add_name, &names), 4);
	assert_string_equal(pdb_buf_str(&names), "pub|x|");
	pdb_buf_release(&names);
}

/* ---- bibread ---- */

static void read_bytes(struct fixture *f, const char *name, const char *src, size_t len,
		       struct read_result *out)
{
	struct pdb_bibread *r = NULL;
	struct pdb_entry e;
	FILE *fp = open_bytes(src, len);
	int rc;

	results_release(out);
	memset(out, 0, sizeof(*out));
	assert_int_equal(pdb_bibread_open(&r, fp, name, &f->diag), 0);
	assert_non_null(r);
	pdb_entry_init(&e);
	while ((rc = pdb_bibread_next(r, &e)) > 0) {
		assert_true(out->n < MAX_ENTRIES);
		out->e[out->n++] = e;	/* takes it over */
		pdb_entry_init(&e);
	}
	out->rc = rc;
	out->skipped = pdb_bibread_skipped(r);
	pdb_entry_release(&e);
	pdb_bibread_close(r);
	fclose(fp);
}

static void read_text(struct fixture *f, const char *src, struct read_result *out)
{
	read_bytes(f, "t.bib", src, strlen(src), out);
}

static void check_entry(const struct read_result *rr, size_t i, enum pdb_entry_kind kind,
			const char *type, const char *key, unsigned long line, size_t nfields)
{
	const struct pdb_entry *e;

	if (i >= rr->n)
		fail_msg("no entry %zu (have %zu)", i, rr->n);
	e = &rr->e[i];
	if (e->kind != kind)
		fail_msg("entry %zu: kind %d, want %d", i, (int)e->kind, (int)kind);
	assert_string_equal(e->type, type);
	if (!key) {
		if (e->key)
			fail_msg("entry %zu: key \"%s\", want none", i, e->key);
	} else {
		assert_non_null(e->key);
		assert_string_equal(e->key, key);
	}
	if (e->line != line)
		fail_msg("entry %zu (%s): line %lu, want %lu", i, e->key ? e->key : e->type,
			 e->line, line);
	if (e->nfields != nfields)
		fail_msg("entry %zu (%s): %zu fields, want %zu", i, e->key ? e->key : e->type,
			 e->nfields, nfields);
}

static void check_efield(const struct read_result *rr, size_t i, size_t j, const char *name,
			 const char *raw, const char *value, unsigned long line)
{
	const struct pdb_field *fl;

	assert_true(i < rr->n);
	if (j >= rr->e[i].nfields)
		fail_msg("entry %zu: no field %zu", i, j);
	fl = &rr->e[i].fields[j];
	assert_string_equal(fl->name, name);
	assert_string_equal(fl->raw, raw);
	assert_string_equal(fl->value, value);
	if (fl->line != line)
		fail_msg("field %s: line %lu, want %lu", name, fl->line, line);
}

/*
 * Reads the whole input in a child process and checks that the child got
 * to the end of it. libbtparse exit()s or abort()s on some inputs; a test
 * for such an input must fail, not take the test program down with it.
 * The child says it got there through a pipe rather than its exit status,
 * which valgrind replaces when it finds the parent's known libbtparse
 * leak in the child's copy of the heap.
 */
static void assert_survives(const char *what, const char *src, size_t len)
{
	int fds[2];
	pid_t pid;
	int status = 0;
	char got = 0;
	ssize_t n;

	assert_int_equal(pipe(fds), 0);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct pdb_diag d;
		struct pdb_bibread *r = NULL;
		struct pdb_entry e;
		FILE *fp = fmemopen((void *)src, len, "r");
		int rc;

		close(fds[0]);
		if (!fp)
			_exit(3);
		pdb_diag_init(&d, NULL, NULL);
		if (pdb_bibread_open(&r, fp, "child.bib", &d) != 0)
			_exit(3);
		pdb_entry_init(&e);
		while ((rc = pdb_bibread_next(r, &e)) > 0)
			;
		pdb_entry_release(&e);
		pdb_bibread_close(r);
		fclose(fp);
		if (rc == 0 && write(fds[1], "y", 1) != 1)
			_exit(5);
		_exit(rc == 0 ? 0 : 4);
	}
	close(fds[1]);
	do
		n = read(fds[0], &got, 1);
	while (n < 0 && errno == EINTR);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (n == 1 && got == 'y')
		return;
	if (WIFSIGNALED(status))
		fail_msg("%s: reading it killed the process (signal %d)", what, WTERMSIG(status));
	fail_msg("%s: reading it ended the process (exit status %d)", what,
		 WEXITSTATUS(status));
}

static void test_read_end_to_end(void **state)
{
	static const char text[] =
		"% header\n"
		"@String{acm = \"Association for   Computing Machinery\"}\n"
		"@preamble{ \"\\newcommand{\\x}{y}\" }\n"
		"@comment{ jabref {meta} }\n"
		"@InProceedings{Xi2024,\n"
		"  Author    = {Haocheng Xi and M{\\\"u}ller, J.},\n"
		"  title     = \"The {RNA}\n"
		"               world\",\n"
		"  publisher = acm # \", \" # {New York},\n"
		"  year      = 2024,\n"
		"  month     = jan,\n"
		"}\n";
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	read_text(f, text, rr);
	assert_int_equal(rr->rc, 0);
	assert_int_equal(rr->n, 4);
	check_entry(rr, 0, PDB_ENTRY_STRING, "string", NULL, 2, 1);
	/* a macro keeps its spaces; a field using it is collapsed (below) */
	check_efield(rr, 0, 0, "acm", "\"Association for   Computing Machinery\"",
		     "Association for   Computing Machinery", 2);
	check_entry(rr, 1, PDB_ENTRY_PREAMBLE, "preamble", NULL, 3, 1);
	check_efield(rr, 1, 0, "preamble", " \"\\newcommand{\\x}{y}\" ", "\\newcommand{\\x}{y}", 3);
	check_entry(rr, 2, PDB_ENTRY_COMMENT, "comment", NULL, 4, 1);
	check_efield(rr, 2, 0, "comment", " jabref {meta} ", " jabref {meta} ", 4);
	check_entry(rr, 3, PDB_ENTRY_REGULAR, "inproceedings", "Xi2024", 5, 5);
	check_efield(rr, 3, 0, "author", "{Haocheng Xi and M{\\\"u}ller, J.}",
		     "Haocheng Xi and M{\\\"u}ller, J.", 6);
	check_efield(rr, 3, 1, "title", "\"The {RNA}\n               world\"", "The {RNA} world", 7);
	check_efield(rr, 3, 2, "publisher", "acm # \", \" # {New York}",
		     "Association for Computing Machinery, New York", 9);
	check_efield(rr, 3, 3, "year", "2024", "2024", 10);
	check_efield(rr, 3, 4, "month", "jan", "January", 11);
	assert_string_equal(rr->e[3].source,
			    "@InProceedings{Xi2024,\n"
			    "  Author    = {Haocheng Xi and M{\\\"u}ller, J.},\n"
			    "  title     = \"The {RNA}\n"
			    "               world\",\n"
			    "  publisher = acm # \", \" # {New York},\n"
			    "  year      = 2024,\n"
			    "  month     = jan,\n"
			    "}");
	assert_string_equal(pdb_entry_get(&rr->e[3], "month"), "January");
	assert_null(pdb_entry_get(&rr->e[3], "journal"));
	assert_int_equal(rr->skipped, 0);
	check_msgs(f, "");
	results_release(rr);
}

static void test_read_month_macros(void **state)
{
	static const char text[] =
		"@misc{m,\n"
		"  a = jan, b = feb, c = mar, d = apr, e = may, f = jun,\n"
		"  g = jul, h = aug, i = sep, j = oct, k = nov, l = DEC,\n"
		"  m = {jan}, n = jan # \"~1\"\n"
		"}\n";
	static const char *const names[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December",
	};
	static const char *const raws[12] = {
		"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "DEC",
	};
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	read_text(f, text, rr);
	assert_int_equal(rr->rc, 0);
	check_entry(rr, 0, PDB_ENTRY_REGULAR, "misc", "m", 1, 14);
	for (size_t i = 0; i < 12; i++)
		check_efield(rr, 0, i, (char[]){ (char)('a' + i), '\0' }, raws[i], names[i],
			     i < 6 ? 2 : 3);
	check_efield(rr, 0, 12, "m", "{jan}", "jan", 4);
	check_efield(rr, 0, 13, "n", "jan # \"~1\"", "January~1", 4);
	check_msgs(f, "");
	results_release(rr);
}

static void test_read_macro_scope(void **state)
{
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	read_bytes(f, "first.bib", "@string{acm = {ACM}}\n@misc{a, publisher = acm}\n",
		   strlen("@string{acm = {ACM}}\n@misc{a, publisher = acm}\n"), rr);
	assert_int_equal(rr->n, 2);
	check_efield(rr, 1, 0, "publisher", "acm", "ACM", 2);
	check_msgs(f, "");
	results_release(rr);

	read_bytes(f, "second.bib", "\n@misc{b, publisher = acm, month = feb}\n",
		   strlen("\n@misc{b, publisher = acm, month = feb}\n"), rr);
	assert_int_equal(rr->rc, 0);
	assert_int_equal(rr->n, 1);
	check_entry(rr, 0, PDB_ENTRY_REGULAR, "misc", "b", 2, 2);
	check_efield(rr, 0, 0, "publisher", "acm", "", 2);
	/* the month macros are there in every reader */
	check_efield(rr, 0, 1, "month", "feb", "February", 2);
	check_msgs(f, "second.bib:2: warning: undefined macro \"acm\"\n");
	assert_int_equal(f->diag.warnings, 1);
	assert_int_equal(f->diag.errors, 0);
	assert_int_equal(rr->skipped, 0);
	results_release(rr);
}

static void test_read_redefined_month(void **state)
{
	static const char text[] =
		"@string{jan = {Jan.}}\n"
		"@misc{a, month = jan}\n";
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	read_text(f, text, rr);
	assert_int_equal(rr->n, 2);
	check_efield(rr, 1, 0, "month", "jan", "Jan.", 2);
	results_release(rr);
	/* a file's redefinition does not outlive its reader */
	pdb_buf_reset(&f->msgs);
	read_text(f, "@misc{b, month = jan}\n", rr);
	assert_int_equal(rr->n, 1);
	check_efield(rr, 0, 0, "month", "jan", "January", 1);
	check_msgs(f, "");
	results_release(rr);
}

static void test_read_preamble_undefined_macro(void **state)
{
	static const char text[] =
		"@preamble{ \"a\" # undefinedmacro }\n"
		"@misc{after, title = {T}}\n";
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	assert_survives("@preamble with an undefined macro", text, strlen(text));
	read_text(f, text, rr);
	assert_int_equal(rr->rc, 0);
	assert_int_equal(rr->n, 2);
	check_entry(rr, 0, PDB_ENTRY_PREAMBLE, "preamble", NULL, 1, 1);
	check_efield(rr, 0, 0, "preamble", " \"a\" # undefinedmacro ", "a", 1);
	check_entry(rr, 1, PDB_ENTRY_REGULAR, "misc", "after", 2, 1);
	check_msgs(f, "t.bib:1: warning: undefined macro \"undefinedmacro\"\n");
	results_release(rr);
}

static char *many_fields_text(size_t n)
{
	struct pdb_buf b = PDB_BUF_INIT;

	pdb_buf_adds(&b, "@misc{big,\n");
	for (size_t i = 0; i < n; i++)
		pdb_buf_addf(&b, "  f%zu = {v%zu},\n", i, i);
	pdb_buf_adds(&b, "}\n@misc{after, title = {T}}\n");
	return pdb_buf_detach(&b);
}

static void test_read_150_fields(void **state)
{
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;
	char *text = f->text = many_fields_text(150);

	assert_non_null(text);
	assert_survives("an entry with 150 fields", text, strlen(text));
	read_text(f, text, rr);
	assert_int_equal(rr->rc, 0);
	assert_int_equal(rr->n, 2);
	check_entry(rr, 0, PDB_ENTRY_REGULAR, "misc", "big", 1, 150);
	for (size_t i = 0; i < 150; i++) {
		char name[16], raw[16], value[16];

		snprintf(name, sizeof(name), "f%zu", i);
		snprintf(raw, sizeof(raw), "{v%zu}", i);
		snprintf(value, sizeof(value), "v%zu", i);
		check_efield(rr, 0, i, name, raw, value, (unsigned long)i + 2);
	}
	check_entry(rr, 1, PDB_ENTRY_REGULAR, "misc", "after", 153, 1);
	check_msgs(f, "");
	results_release(rr);
}

static void test_read_150_macros(void **state)
{
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;
	struct pdb_buf b = PDB_BUF_INIT;
	char *text;

	pdb_buf_adds(&b, "@string{");
	for (int i = 0; i < 150; i++)
		pdb_buf_addf(&b, "%sm%d = \"M%d\"", i ? ",\n  " : "", i, i);
	pdb_buf_adds(&b, "}\n@misc{use, title = m149 # { and } # m0}\n");
	text = f->text = pdb_buf_detach(&b);
	assert_non_null(text);
	assert_survives("@string with 150 macros", text, strlen(text));
	read_text(f, text, rr);
	assert_int_equal(rr->rc, 0);
	assert_int_equal(rr->n, 2);
	check_entry(rr, 0, PDB_ENTRY_STRING, "string", NULL, 1, 150);
	check_efield(rr, 0, 0, "m0", "\"M0\"", "M0", 1);
	check_efield(rr, 0, 89, "m89", "\"M89\"", "M89", 90);
	check_efield(rr, 0, 90, "m90", "\"M90\"", "M90", 91);
	check_efield(rr, 0, 149, "m149", "\"M149\"", "M149", 150);
	check_entry(rr, 1, PDB_ENTRY_REGULAR, "misc", "use", 151, 1);
	check_efield(rr, 1, 0, "title", "m149 # { and } # m0", "M149 and M0", 151);
	check_msgs(f, "");
	results_release(rr);
}

/*
 * A malformed entry with more fields than btparse survives is refused
 * before btparse sees it, whichever delimiters it uses.
 */
static void test_read_malformed_big_entry(void **state)
{
	struct fixture *f = *state;
	static const char *const open_close[2][2] = { { "{", "}" }, { "(", ")" } };

	for (int d = 0; d < 2; d++) {
		struct pdb_buf b = PDB_BUF_INIT;
		struct read_result *rr = &f->rr;
		char *text;

		pdb_buf_addf(&b, "@misc%sbig,\n", open_close[d][0]);
		for (int i = 0; i < 120; i++)
			pdb_buf_addf(&b, "  f%d = {v%d},\n", i, i);
		pdb_buf_addf(&b, "  author {x}\n%s\n@misc{after, title = {T}}\n", open_close[d][1]);
		free(f->text);
		text = f->text = pdb_buf_detach(&b);
		assert_non_null(text);
		assert_survives(d ? "a malformed @misc(...) with 121 fields"
				  : "a malformed @misc{...} with 121 fields", text, strlen(text));
		pdb_buf_reset(&f->msgs);
		read_text(f, text, rr);
		assert_int_equal(rr->rc, 0);
		assert_int_equal(rr->n, 1);
		check_entry(rr, 0, PDB_ENTRY_REGULAR, "misc", "after", 124, 1);
		check_msgs(f, "t.bib:1: error: entry 'big' is malformed and too large to parse;"
			      " entry skipped\n");
		assert_int_equal(rr->skipped, 1);
		results_release(rr);
	}
}

static void test_read_nul_byte(void **state)
{
	static const char text[] =
		"@misc{a, title = {x\0y}}\n"
		"@misc{b,\n  title = {B},\n  note = {\0}}\n"
		"@misc{c, title = {C}}\n";
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	assert_survives("NUL bytes in entries", text, sizeof(text) - 1);
	read_bytes(f, "t.bib", text, sizeof(text) - 1, rr);
	assert_int_equal(rr->rc, 0);
	assert_int_equal(rr->n, 1);
	check_entry(rr, 0, PDB_ENTRY_REGULAR, "misc", "c", 5, 1);
	check_msgs(f, "t.bib:1: error: entry 'a' contains a NUL byte; entry skipped\n"
		      "t.bib:4: error: entry 'b' contains a NUL byte; entry skipped\n");
	assert_int_equal(rr->skipped, 2);
	results_release(rr);
}

static void test_read_latin1(void **state)
{
	static const char text[] =
		"@misc{a, title = {plain}}\n"
		"@misc{b, title = {caf\xe9}}\n"
		"@misc{c, author = {Fran\xe7ois M\xfcller}, title = {na\xefve}}\n";
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	read_text(f, text, rr);
	assert_int_equal(rr->rc, 0);
	assert_int_equal(rr->n, 3);
	check_efield(rr, 0, 0, "title", "{plain}", "plain", 1);
	check_efield(rr, 1, 0, "title", "{caf\xc3\xa9}", "caf\xc3\xa9", 2);
	check_efield(rr, 2, 0, "author", "{Fran\xc3\xa7ois M\xc3\xbcller}",
		     "Fran\xc3\xa7ois M\xc3\xbcller", 3);
	check_efield(rr, 2, 1, "title", "{na\xc3\xafve}", "na\xc3\xafve", 3);
	assert_string_equal(rr->e[1].source, "@misc{b, title = {caf\xc3\xa9}}");
	check_msgs(f, "t.bib:2: warning: not valid UTF-8; reading the file as Latin-1\n");
	assert_int_equal(f->diag.warnings, 1);
	results_release(rr);
}

static void test_read_key_with_quote(void **state)
{
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	read_text(f, "@article{O'Neil2020,\n  title = {T},\n}\n@misc{M\xc3\xbcller:2020/x, t = 1}\n",
		  rr);
	assert_int_equal(rr->rc, 0);
	assert_int_equal(rr->n, 2);
	check_entry(rr, 0, PDB_ENTRY_REGULAR, "article", "O'Neil2020", 1, 1);
	check_efield(rr, 0, 0, "title", "{T}", "T", 2);
	check_entry(rr, 1, PDB_ENTRY_REGULAR, "misc", "M\xc3\xbcller:2020/x", 4, 1);
	check_msgs(f, "");
	results_release(rr);
}

static void test_read_duplicate_fields(void **state)
{
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	read_text(f, "@misc{k, title = {First}, note = {n}, TITLE = \"Second\"}\n", rr);
	assert_int_equal(rr->n, 1);
	check_entry(rr, 0, PDB_ENTRY_REGULAR, "misc", "k", 1, 3);
	check_efield(rr, 0, 0, "title", "{First}", "First", 1);
	check_efield(rr, 0, 1, "note", "{n}", "n", 1);
	check_efield(rr, 0, 2, "title", "\"Second\"", "Second", 1);
	assert_string_equal(pdb_entry_get(&rr->e[0], "title"), "First");
	check_msgs(f, "");
	results_release(rr);
}

static void test_read_syntax_error_keeps_next(void **state)
{
	static const char text[] =
		"@misc{ok1, title = {1}}\n"
		"@misc{k,\n"
		"  title = {x},\n"
		"  author {x},\n"
		"}\n"
		"@misc{n, title = {N}}\n";
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	read_text(f, text, rr);
	assert_int_equal(rr->rc, 0);
	assert_int_equal(rr->n, 2);
	check_entry(rr, 0, PDB_ENTRY_REGULAR, "misc", "ok1", 1, 1);
	check_entry(rr, 1, PDB_ENTRY_REGULAR, "misc", "n", 6, 1);
	check_msgs(f, "t.bib:4: error: entry 'k' skipped: found \"{x}\", expected \"=\"\n");
	assert_int_equal(rr->skipped, 1);
	assert_int_equal(f->diag.errors, 1);
	results_release(rr);
}

static void test_read_skipped_count(void **state)
{
	static const char text[] =
		"@article{title = {no key}}\n"
		"@misc{open, title = {never closed\n"
		"@misc{good1, title = {1}}\n"
		"@misc(paren, title = {x}\n"
		"@misc{bad, title = {x} # }\n"
		"@misc{good2\n  title = {2}\n  year = 2020\n}\n";
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	read_text(f, text, rr);
	assert_int_equal(rr->rc, 0);
	assert_int_equal(rr->n, 2);
	check_entry(rr, 0, PDB_ENTRY_REGULAR, "misc", "good1", 3, 1);
	check_entry(rr, 1, PDB_ENTRY_REGULAR, "misc", "good2", 6, 2);
	check_efield(rr, 1, 1, "year", "2020", "2020", 8);
	assert_int_equal(rr->skipped, 4);
	check_msgs(f, "t.bib:1: error: '@article' entry has no key; entry skipped\n"
		      "t.bib:2: error: entry 'open' is not closed (missing '}'); entry skipped\n"
		      "t.bib:4: error: entry 'paren' is not closed (missing ')'); entry skipped\n"
		      "t.bib:5: error: entry 'bad' skipped: found \"}\", expected one of: number,"
		      " name (entry type, key, field, or macro name) or quoted string"
		      " ({...} or \"...\")\n"
		      "t.bib:6: warning: missing ',' in entry 'good2'; read as if it were there\n"
		      "t.bib:7: warning: missing ',' in entry 'good2'; read as if it were there\n");
	results_release(rr);
}

/* "@misc{, title = ...}" lacks its key just like "@misc{title = ...}". */
static void test_read_empty_key(void **state)
{
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	read_text(f, "@misc{, title = {no key}}\n@misc{k, title = {K}}\n", rr);
	assert_int_equal(rr->n, 1);
	check_entry(rr, 0, PDB_ENTRY_REGULAR, "misc", "k", 2, 1);
	assert_int_equal(rr->skipped, 1);
	check_msgs(f, "t.bib:1: error: '@misc' entry has no key; entry skipped\n");
	results_release(rr);
}

static void test_read_no_fields(void **state)
{
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	read_text(f, "@misc{lonely}\n@misc{trailing, title = {x},}\n", rr);
	assert_int_equal(rr->rc, 0);
	assert_int_equal(rr->n, 2);
	check_entry(rr, 0, PDB_ENTRY_REGULAR, "misc", "lonely", 1, 0);
	check_entry(rr, 1, PDB_ENTRY_REGULAR, "misc", "trailing", 2, 1);
	check_msgs(f, "");
	results_release(rr);
}

static void test_read_utf16(void **state)
{
	static const char text[] = "\xff\xfe@\0m\0i\0s\0c\0{\0a\0,\0}\0\n\0";
	struct fixture *f = *state;
	struct read_result *rr = &f->rr;

	read_bytes(f, "u.bib", text, sizeof(text) - 1, rr);
	assert_int_equal(rr->rc, PDB_EDATA);
	assert_int_equal(rr->n, 0);
	check_msgs(f, "u.bib:1: error: file is UTF-16 or UTF-32; convert it to UTF-8\n");
}

static void test_read_one_reader_at_a_time(void **state)
{
	struct fixture *f = *state;
	struct pdb_bibread *r1 = NULL, *r2 = (struct pdb_bibread *)f;
	struct pdb_entry e;
	FILE *a = open_bytes("@misc{a, t = {1}}\n", 18);
	FILE *b = open_bytes("@misc{b, t = {2}}\n", 18);

	assert_int_equal(pdb_bibread_open(&r1, a, "a.bib", &f->diag), 0);
	assert_int_equal(pdb_bibread_open(&r2, b, "b.bib", &f->diag), PDB_EUSAGE);
	assert_null(r2);
	/* the first reader is not disturbed */
	pdb_entry_init(&e);
	assert_int_equal(pdb_bibread_next(r1, &e), 1);
	assert_string_equal(e.key, "a");
	assert_int_equal(pdb_bibread_next(r1, &e), 0);
	pdb_bibread_close(r1);
	pdb_bibread_close(NULL);
	/* and once it is closed, another may open */
	assert_int_equal(pdb_bibread_open(&r2, b, "b.bib", &f->diag), 0);
	assert_int_equal(pdb_bibread_next(r2, &e), 1);
	assert_string_equal(e.key, "b");
	pdb_entry_release(&e);
	pdb_bibread_close(r2);
	fclose(a);
	fclose(b);
	check_msgs(f, "");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_chunk_two_entries_on_one_line),
		T(test_chunk_comment_with_braces),
		T(test_chunk_parentheses),
		T(test_chunk_percent_comments),
		T(test_chunk_at_in_prose),
		T(test_chunk_front_matter),
		T(test_chunk_unclosed_then_entry),
		T(test_chunk_unclosed_at_eof),
		T(test_chunk_utf8_bom),
		T(test_chunk_crlf),
		T(test_chunk_utf16_refused),
		T(test_chunk_utf32be_refused),
		T(test_chunk_opener_on_next_line),
		T(test_chunk_old_style_comment),
		T(test_chunk_no_opener),
		T(test_chunk_no_opener_keeps_next_entry),
		T(test_chunk_empty_input),
		T(test_layout_normal),
		T(test_layout_concatenation),
		T(test_layout_quoted_with_braces),
		T(test_layout_missing_commas),
		T(test_layout_no_key),
		T(test_layout_no_fields),
		T(test_layout_string_and_bad_syntax),
		T(test_each_assignment),
		T(test_read_end_to_end),
		T(test_read_month_macros),
		T(test_read_macro_scope),
		T(test_read_redefined_month),
		T(test_read_preamble_undefined_macro),
		T(test_read_150_fields),
		T(test_read_150_macros),
		T(test_read_malformed_big_entry),
		T(test_read_nul_byte),
		T(test_read_latin1),
		T(test_read_key_with_quote),
		T(test_read_duplicate_fields),
		T(test_read_syntax_error_keeps_next),
		T(test_read_skipped_count),
		T(test_read_empty_key),
		T(test_read_no_fields),
		T(test_read_utf16),
		T(test_read_one_reader_at_a_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
