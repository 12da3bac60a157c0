/*
 * BibTeX name splitting, after bibtex.web (x_format_name, von_token_found)
 * and "Tame the BeaST" §11.
 *
 * A name is cut into tokens at whitespace and '~' outside braces; the
 * first two commas outside braces split it into "von Last", "Jr" and
 * "First". A token is "von" when its first letter outside braces is
 * lower-case. Every scan is a single forward pass: a 10,000-name list or
 * a 100 KB name costs linear time.
 */
#include "pubdb/names.h"

#include "pubdb/buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum letter_case { CASE_NONE, CASE_LOWER, CASE_UPPER };

struct token {
	const char *p;
	size_t n;
};

struct tokens {
	struct token *v;
	size_t n;
	size_t cap;
	size_t comma[2];	/* tokens before each splitting comma */
	int commas;		/* 0-2: later commas stay in the text */
};

/* Token ranges [from, to) of each part. */
struct span {
	size_t from;
	size_t to;
};

struct parts {
	struct span first;
	struct span von;
	struct span last;
	struct span jr;
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

int pdb_equals_nocase(const char *p, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!word[i] || ascii_lower(p[i]) != word[i])
			return 0;
	return word[n] == '\0';
}

/* ---- letter case of UTF-8 code points, without the process locale ---- */

static enum letter_case odd_is_lower(uint32_t c)
{
	return c & 1 ? CASE_LOWER : CASE_UPPER;
}

static enum letter_case odd_is_upper(uint32_t c)
{
	return c & 1 ? CASE_UPPER : CASE_LOWER;
}

static enum letter_case latin1_case(uint32_t c)
{
	if (c < 0xC0 || c == 0xD7 || c == 0xF7)
		return CASE_NONE;	/* controls, symbols, punctuation */
	return c >= 0xDF ? CASE_LOWER : CASE_UPPER;
}

static enum letter_case latin_ext_a_case(uint32_t c)
{
	if (c == 0x138 || c == 0x149 || c == 0x17F)
		return CASE_LOWER;	/* ĸ ŉ ſ: no upper-case pair */
	if (c == 0x178)
		return CASE_UPPER;	/* Ÿ */
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return odd_is_upper(c);
	return odd_is_lower(c);
}

static enum letter_case greek_case(uint32_t c)
{
	if (c == 0x390 || (c >= 0x3AC && c <= 0x3CE))
		return CASE_LOWER;
	if (c >= 0x3D8 && c <= 0x3EF)
		return odd_is_lower(c);
	return CASE_UPPER;
}

static enum letter_case cyrillic_case(uint32_t c)
{
	if (c < 0x430)
		return CASE_UPPER;
	if (c < 0x460)
		return CASE_LOWER;
	if (c == 0x4C0)
		return CASE_UPPER;
	if (c == 0x4CF)
		return CASE_LOWER;
	if (c >= 0x4C1 && c <= 0x4CE)
		return odd_is_upper(c);
	return odd_is_lower(c);
}

static enum letter_case latin_ext_additional_case(uint32_t c)
{
	if (c >= 0x1E96 && c <= 0x1E9F)
		return c == 0x1E9E ? CASE_UPPER : CASE_LOWER;
	return odd_is_lower(c);
}

static enum letter_case codepoint_case(uint32_t c)
{
	if (c <= 0xFF)
		return latin1_case(c);
	if (c <= 0x17F)
		return latin_ext_a_case(c);
	if (c >= 0x370 && c <= 0x3FF)
		return greek_case(c);
	if (c >= 0x400 && c <= 0x4FF)
		return cyrillic_case(c);
	if (c >= 0x1E00 && c <= 0x1EFF)
		return latin_ext_additional_case(c);
	if (c >= 0x2000 && c <= 0x206F)
		return CASE_NONE;	/* dashes, quotes */
	return CASE_UPPER;
}

/* Length of the UTF-8 sequence at p, 0 when malformed; sets *cp. */
static size_t utf8_decode(const char *p, const char *end, uint32_t *cp)
{
	unsigned char lead = (unsigned char)*p;
	size_t len, i;
	uint32_t c;

	if (lead >= 0xC2 && lead <= 0xDF) {
		len = 2;
		c = lead & 0x1F;
	} else if (lead >= 0xE0 && lead <= 0xEF) {
		len = 3;
		c = lead & 0x0F;
	} else if (lead >= 0xF0 && lead <= 0xF4) {
		len = 4;
		c = lead & 0x07;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < len)
		return 0;
	for (i = 1; i < len; i++) {
		unsigned char b = (unsigned char)p[i];

		if ((b & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (b & 0x3F);
	}
	*cp = c;
	return len;
}

/* Case of the character at p; *len gets its size in bytes. */
static enum letter_case char_case(const char *p, const char *end, size_t *len)
{
	uint32_t cp;

	*len = 1;
	if ((unsigned char)*p < 0x80) {
		if (!is_ascii_alpha(*p))
			return CASE_NONE;
		return *p >= 'a' ? CASE_LOWER : CASE_UPPER;
	}
	*len = utf8_decode(p, end, &cp);
	if (!*len) {
		*len = 1;
		return CASE_UPPER;	/* not UTF-8: a caseful letter */
	}
	return codepoint_case(cp);
}

/* ---- BibTeX's von test ---- */

const char *pdb_brace_group_end(const char *p, const char *end)
{
	size_t depth = 0;

	for (; p < end; p++) {
		if (*p == '{') {
			depth++;
		} else if (*p == '}') {
			if (--depth == 0)
				return p + 1;
		}
	}
	return NULL;
}

static enum letter_case control_word_case(const char *p, size_t n)
{
	static const char *const lower[] = {
		"i", "j", "oe", "ae", "aa", "o", "l", "ss",
	};
	static const char *const upper[] = { "OE", "AE", "AA", "O", "L" };
	size_t i;

	for (i = 0; i < sizeof(lower) / sizeof(lower[0]); i++)
		if (strlen(lower[i]) == n && !memcmp(lower[i], p, n))
			return CASE_LOWER;
	for (i = 0; i < sizeof(upper) / sizeof(upper[0]); i++)
		if (strlen(upper[i]) == n && !memcmp(upper[i], p, n))
			return CASE_UPPER;
	return CASE_NONE;
}

/*
 * A "special character" {\...}: the foreign letters \ss \o \O ... have
 * their own case; otherwise the first letter inside the group decides
 * ({\"u} lower, {\v{S}} upper). A group without letters is caseless, and
 * as in BibTeX the rest of the token is then not looked at.
 */
static enum letter_case special_char_case(const char *p, const char *end)
{
	const char *name = ++p;		/* p was at the backslash */
	enum letter_case lc;
	size_t depth = 1, len;

	while (p < end && is_ascii_alpha(*p))
		p++;
	lc = control_word_case(name, (size_t)(p - name));
	if (lc != CASE_NONE)
		return lc;
	while (p < end && depth > 0) {
		len = 1;
		if (*p == '{') {
			depth++;
		} else if (*p == '}') {
			depth--;
		} else {
			lc = char_case(p, end, &len);
			if (lc != CASE_NONE)
				return lc;
		}
		p += len;
	}
	return CASE_NONE;
}

/* Case of the first letter outside braces; plain groups are skipped. */
static enum letter_case token_case(const struct token *t)
{
	const char *p = t->p, *end = t->p + t->n, *q;
	enum letter_case lc;
	size_t len;

	while (p < end) {
		if (*p == '{') {
			if (p + 1 < end && p[1] == '\\')
				return special_char_case(p + 1, end);
			q = pdb_brace_group_end(p, end);
			if (!q)
				return CASE_NONE;
			p = q;
			continue;
		}
		lc = char_case(p, end, &len);
		if (lc != CASE_NONE)
			return lc;
		p += len;
	}
	return CASE_NONE;
}

static int is_von(const struct tokens *t, size_t i)
{
	return token_case(&t->v[i]) == CASE_LOWER;
}

/* ---- tokens and parts ---- */

static int push_token(struct tokens *t, const char *p, const char *end)
{
	if (pdb_reserve(&t->v, &t->cap, t->n + 1, sizeof(*t->v)) < 0)
		return -1;
	t->v[t->n].p = p;
	t->v[t->n].n = (size_t)(end - p);
	t->n++;
	return 0;
}

static int ends_token(char c, int commas)
{
	return is_space(c) || c == '~' || (c == ',' && commas < 2);
}

static int tokenize(struct tokens *t, const char *s, size_t len)
{
	const char *p, *end = s + len, *start = NULL;
	size_t depth = 0;

	t->n = 0;
	t->commas = 0;
	for (p = s; p < end; p++) {
		if (depth == 0 && ends_token(*p, t->commas)) {
			if (start && push_token(t, start, p) < 0)
				return -1;
			start = NULL;
			if (*p == ',')
				t->comma[t->commas++] = t->n;
			continue;
		}
		if (!start)
			start = p;
		if (*p == '{')
			depth++;
		else if (*p == '}' && depth > 0)
			depth--;
	}
	if (start && push_token(t, start, end) < 0)
		return -1;
	/* "Last, First,": BibTeX warns and ignores a comma that ends the name */
	while (t->commas > 0 && t->comma[t->commas - 1] == t->n)
		t->commas--;
	return 0;
}

static struct span make_span(size_t from, size_t to)
{
	struct span sp = { from, to };

	return sp;
}

/*
 * "von Last" before a comma: von runs up to the last lower-case token,
 * but the final token is always Last ("smith, john": Last "smith").
 */
static void split_von_last(const struct tokens *t, size_t end,
			   struct parts *pt)
{
	size_t von_end = end ? end - 1 : 0;

	while (von_end > 0 && !is_von(t, von_end - 1))
		von_end--;
	pt->von = make_span(0, von_end);
	pt->last = make_span(von_end, end);
}

/* "First von Last": von from the first to the last lower-case token. */
static void split_first_von_last(const struct tokens *t, struct parts *pt)
{
	size_t n = t->n, von_start = 0, von_end;

	if (n == 0)
		return;
	while (von_start < n - 1 && !is_von(t, von_start))
		von_start++;
	von_end = von_start;
	if (von_start < n - 1) {
		von_end = n - 1;
		while (von_end > von_start + 1 && !is_von(t, von_end - 1))
			von_end--;
	}
	pt->first = make_span(0, von_start);
	pt->von = make_span(von_start, von_end);
	pt->last = make_span(von_end, n);
}

static void split_parts(const struct tokens *t, struct parts *pt)
{
	memset(pt, 0, sizeof(*pt));
	if (t->commas == 0) {
		split_first_von_last(t, pt);
		return;
	}
	split_von_last(t, t->comma[0], pt);
	if (t->commas == 2)
		pt->jr = make_span(t->comma[0], t->comma[1]);
	pt->first = make_span(t->comma[t->commas - 1], t->n);
}

/* Appends a token, whitespace runs (inside braces) made one space. */
static void add_token(struct pdb_buf *b, const struct token *tok)
{
	size_t i;

	for (i = 0; i < tok->n; i++) {
		if (!is_space(tok->p[i])) {
			pdb_buf_addc(b, tok->p[i]);
		} else if (i == 0 || !is_space(tok->p[i - 1])) {
			pdb_buf_addc(b, ' ');
		}
	}
}

/* Appends the tokens of sp joined by single spaces, and a NUL. */
static void add_joined_tokens(struct pdb_buf *b, const struct tokens *t, struct span sp)
{
	for (size_t i = sp.from; i < sp.to; i++) {
		if (i > sp.from)
			pdb_buf_addc(b, ' ');
		add_token(b, &t->v[i]);
	}
	pdb_buf_add(b, "", 1);
}

/* One token that is a single closed {group}: a corporate name. */
static int is_literal(const struct tokens *t)
{
	const struct token *tok;

	if (t->n != 1 || t->commas != 0)
		return 0;
	tok = &t->v[0];
	return tok->p[0] == '{' &&
	       pdb_brace_group_end(tok->p, tok->p + tok->n) == tok->p + tok->n;
}

static void clear_name(struct pdb_name *name)
{
	memset(name, 0, sizeof(*name));
}

/*
 * Parses the tokens already in t into name. The four parts share one
 * allocation, "first\0von\0last\0jr\0", owned through name->first: one
 * malloc a name, not four.
 */
static int build_name(struct pdb_name *name, const struct tokens *t)
{
	struct pdb_buf b = PDB_BUF_INIT;
	struct parts pt;
	size_t von, last, jr;
	char *all;

	clear_name(name);
	split_parts(t, &pt);
	add_joined_tokens(&b, t, pt.first);
	von = b.len;
	add_joined_tokens(&b, t, pt.von);
	last = b.len;
	add_joined_tokens(&b, t, pt.last);
	jr = b.len;
	add_joined_tokens(&b, t, pt.jr);
	if (pdb_buf_failed(&b) || !(all = pdb_buf_detach(&b))) {
		pdb_buf_release(&b);
		return -1;
	}
	name->first = all;
	name->von = all + von;
	name->last = all + last;
	name->jr = all + jr;
	name->literal = is_literal(t);
	return 0;
}

int pdb_name_parse(struct pdb_name *name, const char *s)
{
	struct tokens t = { 0 };
	int ret = -1;

	clear_name(name);
	if (!s)
		s = "";
	if (tokenize(&t, s, strlen(s)) == 0)
		ret = build_name(name, &t);
	free(t.v);
	return ret;
}

void pdb_name_release(struct pdb_name *name)
{
	free(name->first);	/* and the other parts with it */
	clear_name(name);
}

/* ---- name lists ---- */

static int is_and(const char *p, const char *end)
{
	return pdb_equals_nocase(p, (size_t)(end - p), "and");
}

static int grow_list(struct pdb_namelist *nl, size_t *cap)
{
	return pdb_reserve(&nl->v, cap, nl->n + 1, sizeof(*nl->v)) < 0 ? -1 : 0;
}

/* Adds the name in [p, end); one without any token counts as empty. */
static int add_name(struct pdb_namelist *nl, size_t *cap,
		    struct tokens *t, const char *p, const char *end)
{
	if (tokenize(t, p, (size_t)(end - p)) < 0)
		return -1;
	if (t->n == 0) {
		nl->empty++;
		return 0;
	}
	if (grow_list(nl, cap) < 0)
		return -1;
	if (build_name(&nl->v[nl->n], t) < 0)
		return -1;
	nl->n++;
	return 0;
}

static int is_others(const struct pdb_name *name)
{
	return !name->literal && !name->first[0] && !name->von[0] &&
	       !name->jr[0] && pdb_equals_nocase(name->last, strlen(name->last),
					     "others");
}

/* A final "others" means "et al.": a flag, not a name. */
static void take_trailing_others(struct pdb_namelist *nl)
{
	if (nl->n == 0 || !is_others(&nl->v[nl->n - 1]))
		return;
	pdb_name_release(&nl->v[--nl->n]);
	nl->others = 1;
}

/* Past the word at p: a word ends at whitespace outside braces. */
static const char *word_end(const char *p)
{
	size_t depth = 0;

	for (; *p && (depth > 0 || !is_space(*p)); p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}' && depth > 0)
			depth--;
	}
	return p;
}

/* Walks a list's names; the one splitting loop behind both list functions. */
struct name_iter {
	const char *p;		/* scan position */
	const char *name;	/* start of the current name */
	int done;
};

static void name_iter_init(struct name_iter *it, const char *s)
{
	it->p = s;
	it->name = s;
	it->done = !*s;		/* "" has no names, rather than one empty name */
}

/* The next name as [*from, *to), untrimmed; 0 once the list is used up. */
static int next_name(struct name_iter *it, const char **from, const char **to)
{
	const char *word;

	if (it->done)
		return 0;
	while (*it->p) {
		if (is_space(*it->p)) {
			it->p++;
			continue;
		}
		word = it->p;
		it->p = word_end(word);
		if (is_and(word, it->p)) {
			*from = it->name;
			*to = word;
			it->name = it->p;
			return 1;
		}
	}
	*from = it->name;
	*to = it->p;
	it->done = 1;
	return 1;
}

int pdb_namelist_split(const char *s, struct pdb_namespan **v, size_t *n)
{
	struct name_iter it;
	const char *from, *to;
	size_t cap = 0;

	*v = NULL;
	*n = 0;
	if (!s)
		return 0;
	name_iter_init(&it, s);
	while (next_name(&it, &from, &to)) {
		if (pdb_reserve(v, &cap, *n + 1, sizeof(**v)) < 0) {
			free(*v);
			*v = NULL;
			*n = 0;
			return -1;
		}
		(*v)[*n].off = (size_t)(from - s);
		(*v)[*n].len = (size_t)(to - from);
		(*n)++;
	}
	return 0;
}

int pdb_namelist_parse(struct pdb_namelist *nl, const char *s)
{
	struct pdb_namelist empty = PDB_NAMELIST_INIT;
	struct tokens t = { 0 };
	struct name_iter it;
	const char *from, *to;
	size_t cap = 0;

	*nl = empty;
	name_iter_init(&it, s ? s : "");
	while (next_name(&it, &from, &to))
		if (add_name(nl, &cap, &t, from, to) < 0)
			goto oom;
	take_trailing_others(nl);
	free(t.v);
	return 0;
oom:
	free(t.v);
	pdb_namelist_release(nl);
	return -1;
}

void pdb_namelist_release(struct pdb_namelist *nl)
{
	struct pdb_namelist empty = PDB_NAMELIST_INIT;
	size_t i;

	for (i = 0; i < nl->n; i++)
		pdb_name_release(&nl->v[i]);
	free(nl->v);
	*nl = empty;
}
