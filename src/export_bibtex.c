/*
 * BibTeX, faithful: every field in its original order with its value as
 * written (macros and # kept), preceded by the @string and @preamble
 * definitions of the files the entries came from, so that bibtex and a
 * re-import see what the original file said.
 *
 * Macros. The entries of one export may come from several files, and a
 * file may define a macro twice or use it before defining it, while the
 * export is read as one file with one macro table. So:
 *  - each macro name is written once, with its first definition among the
 *    exported entries' files (names ignore case, as in BibTeX);
 *  - a value that uses macros is written as it stands only when expanding
 *    it with the macros the export defines gives the value the entry (or
 *    definition) had when it was imported; otherwise its expanded value is
 *    written instead, in braces. expand() below re-expands a value the way
 *    libbtparse does (see src/bibread.c): "..." and {...} strings, numbers,
 *    macro names (jan..dec predefined, an undefined one is empty), pasted
 *    with #, whitespace collapsed for fields and @preamble but not for
 *    @string. A value without macros means the same in every file and is
 *    always written as it stands.
 * The export streams (the definitions come before the first entry, and
 * entries are never held), so which macros the entries use is not known
 * while the definitions are written: every macro of the involved files is
 * written, once. Only the definitions and @preambles are kept in memory,
 * never the entries. Identical @preambles of several files are written
 * once.
 *
 * With --clean (opts->clean) the output is for citing: the CV-only fields
 * (cv_only_fields[]) are left out, and author/editor lose the marks and
 * highlighting pubdb reads from names (src/authors.h); see clean_names().
 */
#include "pubdb/export.h"

#include "authors.h"
#include "pubdb/buf.h"
#include "pubdb/names.h"
#include "pubdb/texnorm.h"

#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct macro {
	char *name;	/* lower-case */
	char *value;	/* what a re-import of the export gives it */
};

struct bibtex_state {
	int wrote;	/* something is out: the next entry is set off by a blank line */
	int clean;
	struct macro *macros;
	size_t nmacros, macros_alloc;
	char **preambles;	/* raw text of those written */
	size_t npreambles, preambles_alloc;
	struct pdb_buf expanded;	/* scratch: a value re-expanded */
	struct pdb_buf text;		/* the text to write for a value */
	struct pdb_buf names;		/* --clean: the names as found */
	struct pdb_buf cleaned;		/* --clean: the names without marks */
	struct pdb_buf piece;		/* --clean: one name without marks */
	struct pdb_buf scratch;		/* --clean: one name, as a C string */
	struct pdb_buf stack;		/* --clean: highlighting braces */
};

/* ---- re-expanding values ---- */

static const char *const month_macros[12][2] = {
	{ "jan", "January" }, { "feb", "February" }, { "mar", "March" },
	{ "apr", "April" }, { "may", "May" }, { "jun", "June" },
	{ "jul", "July" }, { "aug", "August" }, { "sep", "September" },
	{ "oct", "October" }, { "nov", "November" }, { "dec", "December" },
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* What BibTeX takes for part of a macro name. */
static int is_name_char(char c)
{
	return (unsigned char)c > ' ' && c != 0x7f && !strchr("\"#%'(),={}", c);
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* 1 if the n bytes at p are name, ignoring ASCII case. */
static int same_name_n(const char *p, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_lower(p[i]) != ascii_lower(name[i]) || !name[i])
			return 0;
	return name[n] == '\0';
}

static const struct macro *find_macro(const struct bibtex_state *st, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < st->nmacros; i++)
		if (same_name_n(p, n, st->macros[i].name))
			return &st->macros[i];
	return NULL;
}

/* The text a re-import gives the macro p[0..n): "" when undefined. */
static const char *macro_text(const struct bibtex_state *st, const char *p, size_t n)
{
	const struct macro *m = find_macro(st, p, n);
	size_t i;

	if (m)
		return m->value;
	for (i = 0; i < COUNT(month_macros); i++)
		if (same_name_n(p, n, month_macros[i][0]))
			return month_macros[i][1];
	return "";
}

/* Past the string ({...} or "...") opening at p, or NULL when it never closes. */
static const char *string_end(const char *p)
{
	size_t depth = 0;
	char open = *p;

	for (p++; *p; p++) {
		if (*p == '{') {
			depth++;
		} else if (*p == '}') {
			if (depth == 0)
				return open == '{' ? p + 1 : NULL;
			depth--;
		} else if (*p == '"' && open == '"' && depth == 0) {
			return p + 1;
		}
	}
	return NULL;
}

/* A string's text: the lexer makes tabs and line ends spaces. */
static void add_string_text(struct pdb_buf *b, const char *p, const char *end)
{
	for (; p < end; p++)
		pdb_buf_addc(b, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

static const char *skip_spaces(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

/*
 * Expands raw into out as reading the export would: the number of macro
 * names it uses, or -1 when raw is not a value this reader understands.
 */
static int expand(const struct bibtex_state *st, const char *raw, struct pdb_buf *out)
{
	const char *p = skip_spaces(raw), *q;
	int macros = 0;

	pdb_buf_reset(out);
	for (;;) {
		if (*p == '{' || *p == '"') {
			q = string_end(p);
			if (!q)
				return -1;
			add_string_text(out, p + 1, q - 1);
		} else if (is_name_char(*p)) {
			int number = 1;

			for (q = p; is_name_char(*q); q++)
				number &= pdb_is_ascii_digit(*q);
			if (number) {
				pdb_buf_add(out, p, (size_t)(q - p));
			} else {
				pdb_buf_adds(out, macro_text(st, p, (size_t)(q - p)));
				macros++;
			}
		} else {
			return -1;
		}
		p = skip_spaces(q);
		if (!*p)
			return macros;
		if (*p != '#')
			return -1;
		p = skip_spaces(p + 1);
	}
}

/* libbtparse's collapsing: no leading or trailing spaces, no runs of them. */
static void collapse_spaces(struct pdb_buf *b)
{
	size_t i, j = 0;

	for (i = 0; i < b->len; i++) {
		if (b->s[i] == ' ' && (j == 0 || b->s[j - 1] == ' '))
			continue;
		b->s[j++] = b->s[i];
	}
	if (j > 0 && b->s[j - 1] == ' ')
		j--;
	pdb_buf_truncate(b, j);
}

/* Braces balance, so "{" value "}" is one string. */
static int balanced(const char *s)
{
	size_t depth = 0;

	for (; *s; s++) {
		if (*s == '{')
			depth++;
		else if (*s == '}' && depth-- == 0)
			return 0;
	}
	return depth == 0;
}

/* 1 if s has a '"' outside braces: it cannot go between quotes. */
static int quote_outside_braces(const char *s)
{
	size_t depth = 0;

	for (; *s; s++) {
		if (*s == '{')
			depth++;
		else if (*s == '}' && depth > 0)
			depth--;
		else if (*s == '"' && depth == 0)
			return 1;
	}
	return 0;
}

/*
 * The text to write for raw: raw itself when reading the export gives it
 * value (collapsed or not, as the reader treats it), else "{value}".
 * Points at raw or into st->text.
 */
static const char *value_text(struct bibtex_state *st, const char *raw, const char *value,
			      int collapse)
{
	int macros = expand(st, raw, &st->expanded);

	if (macros == 0 || !value)
		return raw;
	if (macros > 0) {
		if (collapse)
			collapse_spaces(&st->expanded);
		if (strcmp(pdb_buf_str(&st->expanded), value) == 0)
			return raw;
	}
	if (!balanced(value))
		return raw;
	pdb_buf_reset(&st->text);
	pdb_buf_addc(&st->text, '{');
	pdb_buf_adds(&st->text, value);
	pdb_buf_addc(&st->text, '}');
	return pdb_buf_failed(&st->text) ? NULL : pdb_buf_str(&st->text);
}

/* ---- --clean: fields ---- */

/*
 * Fields only a CV or a personal web page reads (al-folio's buttons,
 * badges and layout switches, pubdb's own equal-contribution fields):
 * --clean leaves them out. So does every biblatex data annotation
 * (author+an, editor+an, title+an:name ...): see is_cv_only(). Whatever
 * is not here, abstract, note, keywords, arxiv, eprint, url and doi
 * included, is written as it stands.
 */
static const char *const cv_only_fields[] = {
	"abbr",			/* al-folio: venue badge */
	"additional_info",	/* al-folio: text after the entry */
	"altmetric",		/* al-folio: badges */
	"annotation",		/* al-folio: note under the entry; mark legends */
	"award",		/* al-folio: award button */
	"award_name",
	"bibtex_show",		/* al-folio: layout switches */
	"blog",			/* al-folio: link buttons */
	"co_first",		/* equal contribution (SPEC §3) */
	"code",
	"cofirst",
	"dimensions",
	"equal_contribution",
	"equalcontrib",
	"google_scholar_id",
	"html",
	"inspirehep_id",
	"pdf",			/* al-folio: a file of the site, or its link */
	"poster",
	"preview",		/* al-folio: thumbnail image */
	"selected",
	"slides",
	"supp",
	"video",
	"website",
};

static int is_cv_only(const char *name)
{
	const char *an = strstr(name, "+an");
	size_t i;

	if (an && (an[3] == '\0' || an[3] == ':'))
		return 1;
	for (i = 0; i < COUNT(cv_only_fields); i++)
		if (strcmp(name, cv_only_fields[i]) == 0)
			return 1;
	return 0;
}

/* ---- --clean: names ---- */

static const char *const mark_commands[] = {
	"ast", "star", "textasteriskcentered", "footnotemark",
	"dag", "dagger", "textdagger", "ddag", "ddagger", "textdaggerdbl",
};

static const char *const mark_chars[] = {
	"\xE2\x88\x97",	/* ∗ U+2217 */
	"\xE2\x8B\x86",	/* ⋆ U+22C6 */
	"\xE2\x80\xA0",	/* † U+2020 */
	"\xE2\x80\xA1",	/* ‡ U+2021 */
};

static const char *const highlight_commands[] = {
	"textbf", "underline", "uline", "emph", "textit", "mathbf",
};

static const char *const highlight_switches[] = {
	"bf", "bfseries", "em", "it", "itshape",
};

static size_t control_word_len(const char *p)
{
	size_t n = 0;

	while (pdb_is_ascii_letter(p[1 + n]))
		n++;
	return n;
}

static int in_list(const char *p, size_t n, const char *const *list, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (strlen(list[i]) == n && memcmp(list[i], p, n) == 0)
			return 1;
	return 0;
}

/* One mark symbol at p: *, \*, ∗, †, \dag, \footnotemark[1] ...; its length or 0. */
static size_t mark_symbol(const char *p)
{
	size_t i, n;

	if (*p == '*')
		return 1;
	if (p[0] == '\\' && p[1] == '*')
		return 2;
	if (*p == '\\') {
		n = control_word_len(p);
		if (!n || !in_list(p + 1, n, mark_commands, COUNT(mark_commands)))
			return 0;
		n++;
		if (p[n] == '[' && strncmp(p + 1, "footnotemark", 12) == 0) {
			i = n + 1;
			while (pdb_is_ascii_letter(p[i]) || pdb_is_ascii_digit(p[i]) || p[i] == ' ')
				i++;
			if (p[i] == ']')
				n = i + 1;
		}
		if (p[n] == '{' && p[n + 1] == '}')
			n += 2;
		return n;
	}
	for (i = 0; i < COUNT(mark_chars); i++) {
		n = strlen(mark_chars[i]);
		if (strncmp(p, mark_chars[i], n) == 0)
			return n;
	}
	return 0;
}

/*
 * The length of a run of marks and what may sit between them (spaces,
 * commas, ties; digits, braces and carets where allowed) from p to the
 * byte stop, or 0 when something else comes first or no mark at all.
 */
static size_t marks_until(const char *p, char stop, const char *allowed)
{
	const char *q = p;
	int marks = 0;
	size_t n;

	while (*q && *q != stop) {
		if (is_space(*q) || *q == ',' || *q == '~' || (strchr(allowed, *q) && *q)) {
			marks += *q == '^';
			q++;
		} else if ((n = mark_symbol(q))) {
			marks++;
			q += n;
		} else {
			return 0;
		}
	}
	return *q == stop && marks ? (size_t)(q - p) : 0;
}

/* A mark in any of its spellings at p: its length, or 0. */
static size_t mark_at(const char *p)
{
	static const char sup[] = "\\textsuperscript";
	const char *q;
	size_t n;

	if (strncmp(p, sup, sizeof(sup) - 1) == 0 && !pdb_is_ascii_letter(p[sizeof(sup) - 1])) {
		q = skip_spaces(p + sizeof(sup) - 1);
		if (*q == '{')	/* \textsuperscript{*}, {1,\dag} */
			return (n = marks_until(q + 1, '}', "0123456789")) ? (size_t)(q - p) + n + 2 : 0;
		return (n = mark_symbol(q)) ? (size_t)(q - p) + n : 0;
	}
	if (*p == '$')	/* $^*$, $^{\ast}$, $\dagger$ */
		return (n = marks_until(p + 1, '$', "0123456789{}^")) ? n + 2 : 0;
	if (*p == '^' && p[1] == '{')
		return (n = marks_until(p + 2, '}', "0123456789")) ? n + 3 : 0;
	if (*p == '^')
		return (n = mark_symbol(p + 1)) ? n + 1 : 0;
	if (*p == '{')	/* {*}, {\dag} */
		return (n = marks_until(p + 1, '}', "")) ? n + 2 : 0;
	return mark_symbol(p);
}

/* Bytes to copy as one: a control sequence is never cut. */
static size_t unit_len(const char *p)
{
	size_t n;

	if (*p != '\\' || !p[1])
		return 1;
	n = control_word_len(p);
	return n ? n + 1 : 2;
}

/*
 * s without highlighting (\textbf{X}, \underline{X}, {\bf X} ... become X)
 * and without marks, its whitespace tidied: the textual candidate for one
 * name, checked by the caller.
 */
static void strip_name(struct bibtex_state *st, const char *s, struct pdb_buf *out)
{
	struct pdb_buf *stack = &st->stack;
	const char *p = s, *q;
	size_t n, w;

	pdb_buf_reset(out);
	pdb_buf_reset(stack);
	while (*p) {
		if (*p == '\\' && (w = control_word_len(p)) &&
		    in_list(p + 1, w, highlight_commands, COUNT(highlight_commands)) &&
		    *(q = skip_spaces(p + 1 + w)) == '{') {
			pdb_buf_addc(stack, '1');
			p = q + 1;
			continue;
		}
		if (*p == '{' && p[1] == '\\' && (w = control_word_len(p + 1)) &&
		    in_list(p + 2, w, highlight_switches, COUNT(highlight_switches))) {
			pdb_buf_addc(stack, '1');
			p = skip_spaces(p + 2 + w);
			continue;
		}
		if ((n = mark_at(p))) {
			/* a tie or space before a mark goes with it */
			while (out->len && (out->s[out->len - 1] == '~' || is_space(out->s[out->len - 1])))
				pdb_buf_truncate(out, out->len - 1);
			if (out->len && *skip_spaces(p + n) && *skip_spaces(p + n) != ',')
				pdb_buf_addc(out, ' ');
			p = skip_spaces(p + n);
			continue;
		}
		if (*p == '{') {
			pdb_buf_addc(stack, '0');
		} else if (*p == '}' && stack->len) {
			char top = stack->s[stack->len - 1];

			pdb_buf_truncate(stack, stack->len - 1);
			if (top == '1') {
				p++;
				continue;
			}
		}
		if (is_space(*p)) {
			if (out->len && !is_space(out->s[out->len - 1]))
				pdb_buf_addc(out, ' ');
			p++;
			continue;
		}
		n = unit_len(p);
		pdb_buf_add(out, p, n);
		p += n;
	}
	while (out->len && is_space(out->s[out->len - 1]))
		pdb_buf_truncate(out, out->len - 1);
}

static int same_parts(const struct pdb_name *a, const struct pdb_name *b)
{
	return a->literal == b->literal && !strcmp(a->first, b->first) &&
	       !strcmp(a->von, b->von) && !strcmp(a->last, b->last) &&
	       !strcmp(a->jr, b->jr);
}

/* The names of s as pubdb reads an author list (marks stripped and kept as flags). */
static int parse_authors(struct pdb_authorlist *al, const char *s)
{
	struct pdb_field f = { (char *)"author", (char *)s, (char *)s, 0 };
	struct pdb_entry e = {
		.kind = PDB_ENTRY_REGULAR, .type = (char *)"misc", .key = (char *)"k",
		.fields = &f, .nfields = 1, .alloc = 1,
	};

	return pdb_authors_parse(al, &e, "author");
}

/* 1 if s, read as one name, is exactly name: no marks, same parts. */
static int reads_as(const char *s, const struct pdb_name *name)
{
	struct pdb_authorlist al = PDB_AUTHORLIST_INIT;
	struct pdb_name plain;
	int ok = 0;

	if (pdb_name_parse(&plain, s) < 0)
		return PDB_ENOMEM;
	if (parse_authors(&al, s) < 0) {
		pdb_name_release(&plain);
		return PDB_ENOMEM;
	}
	ok = al.n == 1 && !al.others && al.empty == 0 && al.v[0].marks == 0 &&
	     same_parts(&al.v[0].name, name) && same_parts(&plain, name);
	pdb_authorlist_release(&al);
	pdb_name_release(&plain);
	return ok;
}

/* "von Last, Jr, First": BibTeX's unambiguous form of a name's parts. */
static void add_name_parts(struct pdb_buf *b, const struct pdb_name *n)
{
	if (n->von[0]) {
		pdb_buf_adds(b, n->von);
		pdb_buf_addc(b, ' ');
	}
	pdb_buf_adds(b, n->last);
	if (n->jr[0]) {
		pdb_buf_adds(b, ", ");
		pdb_buf_adds(b, n->jr);
	}
	if (n->first[0] || n->jr[0]) {
		pdb_buf_adds(b, ", ");
		pdb_buf_adds(b, n->first);
	}
}

/*
 * Text that cannot hold a mark, a highlight or a note: a plain name, or
 * no name at all ("A and , and B"), which is not --clean's to remove.
 */
static int nothing_to_clean(const char *p, size_t n)
{
	int blank = 1, plain = 1;
	size_t i;

	for (i = 0; i < n; i++) {
		if (strchr("*\\$^{[", p[i]) || (unsigned char)p[i] == 0xE2)
			plain = 0;
		if (!is_space(p[i]) && !strchr("{}~,", p[i]))
			blank = 0;
	}
	return plain || blank;
}

/*
 * One name of a list, [p, p + n), trimmed: 0 when it has nothing to take
 * out; 1 with st->piece holding what replaces it (zero, one or, for a
 * braced group of marked names, several names joined by " and "); or
 * PDB_ENOMEM.
 */
static int clean_name(struct bibtex_state *st, const char *p, size_t n)
{
	struct pdb_authorlist al = PDB_AUTHORLIST_INIT;
	struct pdb_buf *one = &st->scratch;
	struct pdb_name plain;
	int rc = 1;
	size_t i;

	if (nothing_to_clean(p, n))
		return 0;
	pdb_buf_reset(one);
	pdb_buf_add(one, p, n);
	if (pdb_buf_failed(one) || pdb_name_parse(&plain, pdb_buf_str(one)) < 0)
		return PDB_ENOMEM;
	if (parse_authors(&al, pdb_buf_str(one)) < 0) {
		pdb_name_release(&plain);
		return PDB_ENOMEM;
	}
	if ((al.n == 0 && al.others) ||
	    (al.n == 1 && al.v[0].marks == 0 && same_parts(&al.v[0].name, &plain)))
		rc = 0;
	pdb_name_release(&plain);
	pdb_buf_reset(&st->piece);
	if (rc == 1 && al.n == 1) {
		strip_name(st, pdb_buf_str(one), &st->piece);
		rc = !balanced(pdb_buf_str(&st->piece)) ? 0 :
		     reads_as(pdb_buf_str(&st->piece), &al.v[0].name);
		if (rc == 0)
			pdb_buf_reset(&st->piece);
		rc = rc < 0 ? rc : 1;
	}
	if (rc == 1 && st->piece.len == 0) {
		for (i = 0; i < al.n; i++) {
			if (i)
				pdb_buf_adds(&st->piece, " and ");
			add_name_parts(&st->piece, &al.v[i].name);
		}
	}
	pdb_authorlist_release(&al);
	if (pdb_buf_failed(&st->piece) || pdb_buf_failed(&st->stack))
		return PDB_ENOMEM;
	return rc;
}

/*
 * --clean: the name list s without the marks and highlighting pubdb reads
 * (src/authors.c), into st->cleaned: 1 if anything was taken out, 0 if s
 * stays as it is, PDB_ENOMEM.
 *
 * Names are taken apart textually, not rebuilt from the record's persons:
 * those hold Unicode for display, while a citation needs the LaTeX as
 * written ({\"u}, {DeepMind}, case-protecting braces), the name order as
 * written and "and others". A name without marks is copied as it stands.
 * A marked name has its marks and highlighting cut out of the text, and
 * the result is kept only when pubdb reads it back as the same name parts
 * with no mark at all; otherwise (an odd spelling, a note posing as a
 * name, a braced group of marked names) the name is written from the
 * parts pubdb read, still as LaTeX, in the form "von Last, Jr, First",
 * which BibTeX splits back into the same parts.
 */
static int clean_names(struct bibtex_state *st, const char *s)
{
	struct pdb_namespan *spans = NULL;
	size_t nspans = 0, i, kept = 0;
	const char *from = s;	/* not yet copied: spaces and "and" before the next name */
	int changed = 0, rc = 0;

	pdb_buf_reset(&st->cleaned);
	if (pdb_namelist_split(s, &spans, &nspans) < 0)
		return PDB_ENOMEM;
	for (i = 0; i < nspans; i++) {
		const char *p = s + spans[i].off, *end = p + spans[i].len;

		while (p < end && is_space(*p))
			p++;
		while (end > p && is_space(end[-1]))
			end--;
		rc = p == end ? 0 : clean_name(st, p, (size_t)(end - p));
		if (rc < 0)
			break;
		if (rc == 1 && st->piece.len == 0) {
			/* a note posing as a name, and the "and" before it */
			changed = 1;
			from = s + spans[i].off + spans[i].len;
			continue;
		}
		if (kept++ == 0 && from > s)
			from = p;	/* the first names were notes: no "and" first */
		pdb_buf_add(&st->cleaned, from, (size_t)(p - from));
		if (rc == 1) {
			changed = 1;
			pdb_buf_add(&st->cleaned, st->piece.s, st->piece.len);
		} else {
			pdb_buf_add(&st->cleaned, p, (size_t)(end - p));
		}
		from = end;
	}
	if (rc >= 0)
		pdb_buf_adds(&st->cleaned, from);
	free(spans);
	if (rc < 0 || pdb_buf_failed(&st->cleaned))
		return PDB_ENOMEM;
	return changed;
}

/*
 * --clean: the text to write for an author or editor field, or NULL to
 * write it as usual (nothing to take out). The names are read from the
 * raw text when it is one string (kept with its delimiters), else from the
 * expanded value, written in braces. *rc gets PDB_ENOMEM on failure.
 */
static const char *clean_names_field(struct bibtex_state *st, const struct pdb_field *f, int *rc)
{
	const char *p = skip_spaces(f->raw), *end = NULL;
	char open = '{', close = '}';

	if (*p == '{' || *p == '"')
		end = string_end(p);
	pdb_buf_reset(&st->names);
	if (end && !*skip_spaces(end)) {
		open = *p;
		close = end[-1];
		pdb_buf_add(&st->names, p + 1, (size_t)(end - 1 - (p + 1)));
	} else if (f->value) {
		pdb_buf_adds(&st->names, f->value);
	} else {
		return NULL;
	}
	if (pdb_buf_failed(&st->names)) {
		*rc = PDB_ENOMEM;
		return NULL;
	}
	*rc = clean_names(st, pdb_buf_str(&st->names));
	if (*rc <= 0 || !balanced(pdb_buf_str(&st->cleaned))) {
		*rc = *rc < 0 ? *rc : 0;
		return NULL;	/* unchanged, or nothing safe to write */
	}
	*rc = 0;
	if (open == '"' && quote_outside_braces(pdb_buf_str(&st->cleaned))) {
		open = '{';	/* a " out of a {group} now would end the string */
		close = '}';
	}
	pdb_buf_reset(&st->text);
	pdb_buf_addc(&st->text, open);
	pdb_buf_add(&st->text, st->cleaned.s, st->cleaned.len);
	pdb_buf_addc(&st->text, close);
	if (pdb_buf_failed(&st->text)) {
		*rc = PDB_ENOMEM;
		return NULL;
	}
	return pdb_buf_str(&st->text);
}

/* ---- the exporter ---- */

static int bibtex_begin(struct pdb_export *x)
{
	struct bibtex_state *st = calloc(1, sizeof(*st));

	if (!st)
		return PDB_ENOMEM;
	st->clean = x->opts && x->opts->clean;
	x->priv = st;
	return 0;
}

static int add_macro(struct bibtex_state *st, const char *name, const char *value)
{
	struct macro *m;

	if (pdb_reserve(&st->macros, &st->macros_alloc, st->nmacros + 1, sizeof(*st->macros)) < 0)
		return PDB_ENOMEM;
	m = &st->macros[st->nmacros];
	m->name = strdup(name);
	m->value = strdup(value ? value : "");
	if (!m->name || !m->value) {
		free(m->name);
		free(m->value);
		return PDB_ENOMEM;
	}
	for (char *c = m->name; *c; c++)
		*c = ascii_lower(*c);
	st->nmacros++;
	return 0;
}

/* 1 if this @preamble was written already; else remembers it. */
static int seen_preamble(struct bibtex_state *st, const char *raw)
{
	size_t i;

	for (i = 0; i < st->npreambles; i++)
		if (strcmp(st->preambles[i], raw) == 0)
			return 1;
	if (pdb_reserve(&st->preambles, &st->preambles_alloc, st->npreambles + 1,
			sizeof(*st->preambles)) < 0)
		return PDB_ENOMEM;
	if (!(st->preambles[st->npreambles] = strdup(raw)))
		return PDB_ENOMEM;
	st->npreambles++;
	return 0;
}

static int bibtex_item(struct pdb_export *x, const struct pdb_file_item *item)
{
	struct bibtex_state *st = x->priv;
	const char *text;
	int rc;

	if (item->name) {
		if (find_macro(st, item->name, strlen(item->name)))
			return 0;	/* the first definition wins */
		text = value_text(st, item->raw, item->value, 0);
		if (!text)
			return PDB_ENOMEM;
		fprintf(x->out, "@string{%s = %s}\n", item->name, text);
		rc = add_macro(st, item->name, item->value);
	} else {
		rc = seen_preamble(st, item->raw);
		if (rc != 0)
			return rc < 0 ? rc : 0;
		text = value_text(st, item->raw, item->value, 1);
		if (!text)
			return PDB_ENOMEM;
		fprintf(x->out, "@preamble{%s}\n", text);
	}
	if (rc < 0)
		return rc;
	st->wrote = 1;
	return ferror(x->out) ? PDB_EIO : 0;
}

static int bibtex_entry(struct pdb_export *x, const struct pdb_record *rec)
{
	struct bibtex_state *st = x->priv;

	if (st->wrote)
		fputc('\n', x->out);
	st->wrote = 1;
	fprintf(x->out, "@%s{%s,\n", rec->type, rec->key);
	for (size_t i = 0; i < rec->nfields; i++) {
		const struct pdb_field *f = &rec->fields[i];
		const char *text = NULL;
		int rc = 0;

		if (st->clean && is_cv_only(f->name))
			continue;
		if (st->clean && (!strcmp(f->name, "author") || !strcmp(f->name, "editor")))
			text = clean_names_field(st, f, &rc);
		if (rc < 0)
			return rc;
		if (!text)
			text = value_text(st, f->raw, f->value, 1);
		if (!text)
			return PDB_ENOMEM;
		fprintf(x->out, "  %s = %s,\n", f->name, text);
	}
	fputs("}\n", x->out);
	return ferror(x->out) ? PDB_EIO : 0;
}

static int bibtex_end(struct pdb_export *x)
{
	struct bibtex_state *st = x->priv;
	size_t i;

	if (st) {
		for (i = 0; i < st->nmacros; i++) {
			free(st->macros[i].name);
			free(st->macros[i].value);
		}
		free(st->macros);
		for (i = 0; i < st->npreambles; i++)
			free(st->preambles[i]);
		free(st->preambles);
		pdb_buf_release(&st->expanded);
		pdb_buf_release(&st->text);
		pdb_buf_release(&st->names);
		pdb_buf_release(&st->cleaned);
		pdb_buf_release(&st->piece);
		pdb_buf_release(&st->scratch);
		pdb_buf_release(&st->stack);
		free(st);
	}
	x->priv = NULL;
	return ferror(x->out) ? PDB_EIO : 0;
}

const struct pdb_exporter pdb_export_bibtex = {
	"bibtex", "BibTeX, fields and values as written", bibtex_begin,
	bibtex_item, bibtex_entry, bibtex_end, PDB_LOAD_FIELDS | PDB_LOAD_PERSONS | PDB_LOAD_TAGS,
};
