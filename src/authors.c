/*
 * Author marks (authors.h). Each name of the list goes through the same
 * steps, each a forward pass over its text:
 *
 *   notes taken out  ->  a braced group of marked names split
 *   ->  highlighting unwrapped  ->  marks stripped  ->  pdb_name_parse
 *
 * and then the entry as a whole (legends, author+an, explicit fields)
 * decides what the written marks mean. Scratch buffers are shared by all
 * names, so a 10,000-name list costs linear time and a handful of
 * allocations besides the names themselves.
 */
#include "authors.h"

#include "pubdb/buf.h"
#include "pubdb/diag.h"
#include "pubdb/names.h"
#include "pubdb/texnorm.h"

#include <stdlib.h>
#include <string.h>

enum {
	GLYPHS = PDB_MARK_STAR | PDB_MARK_DAGGER | PDB_MARK_DDAGGER,
	NGLYPHS = 3,
	/* what may appear between the marks of a superscript */
	ALLOW_DIGITS = 1 << 0,	/* affiliation numbers: "^{1,*}" */
	ALLOW_BRACES = 1 << 1,
	ALLOW_CARET = 1 << 2,
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const unsigned glyph_order[NGLYPHS] = {
	PDB_MARK_STAR, PDB_MARK_DAGGER, PDB_MARK_DDAGGER,
};

struct word_flag {
	const char *word;
	unsigned flag;
};

/* ---- characters and words ---- */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* 1 if lower-case word occurs in [p, end), in any case. */
static int contains_nocase(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	for (; (size_t)(end - p) >= n; p++)
		if (pdb_equals_nocase(p, n, word))
			return 1;
	return 0;
}

static int contains_any(const char *p, const char *end,
			const char *const *words, size_t nwords)
{
	size_t i;

	for (i = 0; i < nwords; i++)
		if (contains_nocase(p, end, words[i]))
			return 1;
	return 0;
}

static unsigned lookup_flag(const struct word_flag *table, size_t n,
			    const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pdb_equals_nocase(p, len, table[i].word))
			return table[i].flag;
	return 0;
}

/* c is one of the bytes of set (never the terminating NUL). */
static int is_one_of(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

static const char *skip_spaces(const char *p, const char *end)
{
	while (p < end && is_space(*p))
		p++;
	return p;
}

static void trim(const char **p, const char **end)
{
	*p = skip_spaces(*p, *end);
	while (*end > *p && is_space((*end)[-1]))
		(*end)--;
}

/* Letters of the control word after the backslash at p. */
static size_t control_word_len(const char *p, const char *end)
{
	const char *q = p + 1;

	while (q < end && pdb_is_ascii_letter(*q))
		q++;
	return (size_t)(q - p - 1);
}

/* Bytes to copy as one unit: a control sequence is never cut. */
static size_t verbatim_len(const char *p, const char *end)
{
	size_t w;

	if (*p != '\\' || p + 1 >= end)
		return 1;
	w = control_word_len(p, end);
	return w ? 1 + w : 2;
}

/* Past the ']' closing the '[' at p (outside braces), or NULL. */
static const char *bracket_close(const char *p, const char *end)
{
	size_t depth = 0;

	for (p++; p < end; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}' && depth > 0)
			depth--;
		else if (*p == ']' && depth == 0)
			return p + 1;
	}
	return NULL;
}

/* ---- written marks ---- */

static const struct word_flag mark_words[] = {
	{ "ast", PDB_MARK_STAR },
	{ "star", PDB_MARK_STAR },
	{ "textasteriskcentered", PDB_MARK_STAR },
	{ "footnotemark", PDB_MARK_STAR },
	{ "dag", PDB_MARK_DAGGER },
	{ "dagger", PDB_MARK_DAGGER },
	{ "textdagger", PDB_MARK_DAGGER },
	{ "ddag", PDB_MARK_DDAGGER },
	{ "ddagger", PDB_MARK_DDAGGER },
	{ "textdaggerdbl", PDB_MARK_DDAGGER },
};

static const struct {
	const char *utf8;
	unsigned glyph;
} mark_chars[] = {
	{ "\xE2\x88\x97", PDB_MARK_STAR },	/* ∗ U+2217 */
	{ "\xE2\x8B\x86", PDB_MARK_STAR },	/* ⋆ U+22C6 */
	{ "\xE2\x80\xA0", PDB_MARK_DAGGER },	/* † U+2020 */
	{ "\xE2\x80\xA1", PDB_MARK_DDAGGER },	/* ‡ U+2021 */
};

/* \dag, \footnotemark[1], \ast{} ...: the length, 0 when not a mark. */
static size_t mark_command(const char *p, const char *end, unsigned *glyph)
{
	size_t w = control_word_len(p, end);
	const char *q = p + 1 + w, *close;

	*glyph = w ? lookup_flag(mark_words, COUNT(mark_words), p + 1, w) : 0;
	if (!*glyph)
		return 0;
	if (q < end && *q == '[' && pdb_equals_nocase(p + 1, w, "footnotemark")) {
		close = q + 1;	/* a short [number] only: no scan to a far ']' */
		while (close < end && (pdb_is_ascii_digit(*close) || pdb_is_ascii_letter(*close) ||
				       is_space(*close)))
			close++;
		if (close < end && *close == ']')
			q = close + 1;
	}
	if (end - q >= 2 && q[0] == '{' && q[1] == '}')
		q += 2;
	return (size_t)(q - p);
}

/* One mark symbol at p: *, \*, ∗, †, ‡, \dag ...; its length or 0. */
static size_t mark_symbol(const char *p, const char *end, unsigned *glyph)
{
	size_t i, n;

	*glyph = 0;
	if (*p == '*') {
		*glyph = PDB_MARK_STAR;
		return 1;
	}
	if (*p == '\\' && p + 1 < end) {
		if (p[1] == '*') {
			*glyph = PDB_MARK_STAR;
			return 2;
		}
		return mark_command(p, end, glyph);
	}
	for (i = 0; i < COUNT(mark_chars); i++) {
		n = strlen(mark_chars[i].utf8);
		if ((size_t)(end - p) >= n && !memcmp(p, mark_chars[i].utf8, n)) {
			*glyph = mark_chars[i].glyph;
			return n;
		}
	}
	return 0;
}

/*
 * Scans marks and separators from p and stops at the first other byte
 * (so a failed look costs only what it read). *glyph gets the marks,
 * *caret whether a '^' was seen.
 */
static const char *scan_marks(const char *p, const char *end, int allow,
			      unsigned *glyph, int *caret)
{
	unsigned g;
	size_t n;

	*glyph = 0;
	*caret = 0;
	while (p < end) {
		if (is_space(*p) || *p == ',' || *p == '~') {
			p++;
		} else if ((allow & ALLOW_DIGITS) && pdb_is_ascii_digit(*p)) {
			p++;
		} else if ((allow & ALLOW_BRACES) && (*p == '{' || *p == '}')) {
			p++;
		} else if ((allow & ALLOW_CARET) && *p == '^') {
			*caret = 1;
			p++;
		} else {
			n = mark_symbol(p, end, &g);
			if (!n)
				break;
			*glyph |= g;
			p += n;
		}
	}
	return p;
}

/* \textsuperscript{*}, \textsuperscript{1,\dag}: superscripts hold only marks. */
static size_t mark_textsuperscript(const char *p, const char *end, unsigned *glyph)
{
	static const char cmd[] = "\\textsuperscript";
	const char *q = p + strlen(cmd), *stop;
	size_t n;
	int caret;

	if ((size_t)(end - p) < strlen(cmd) || memcmp(p, cmd, strlen(cmd)) != 0 ||
	    (q < end && pdb_is_ascii_letter(*q)))
		return 0;
	q = skip_spaces(q, end);
	if (q >= end)
		return 0;
	if (*q != '{') {
		n = mark_symbol(q, end, glyph);	/* \textsuperscript\dag */
		return n ? (size_t)(q - p) + n : 0;
	}
	stop = scan_marks(q + 1, end, ALLOW_DIGITS, glyph, &caret);
	if (stop >= end || *stop != '}' || stop == q + 1)
		return 0;
	return (size_t)(stop + 1 - p);
}

/* $^*$, $^{\ast}$, $^{1,\dagger}$, $\dagger$: math holding only marks. */
static size_t mark_math(const char *p, const char *end, unsigned *glyph)
{
	const char *stop;
	int caret;

	stop = scan_marks(p + 1, end, ALLOW_DIGITS | ALLOW_BRACES | ALLOW_CARET,
			  glyph, &caret);
	if (stop >= end || *stop != '$' || (!*glyph && !caret))
		return 0;
	if (!caret && stop > p + 1 && pdb_is_ascii_digit(stop[-1]))
		return 0;	/* $1$ is a number, not a mark */
	return (size_t)(stop + 1 - p);
}

/* ^*, ^{*}, ^\ast outside math. */
static size_t mark_caret(const char *p, const char *end, unsigned *glyph)
{
	const char *stop;
	size_t n;
	int caret;

	if (p + 1 >= end)
		return 0;
	if (p[1] == '{') {
		stop = scan_marks(p + 2, end, ALLOW_DIGITS, glyph, &caret);
		if (stop >= end || *stop != '}' || stop == p + 2)
			return 0;
		return (size_t)(stop + 1 - p);
	}
	n = mark_symbol(p + 1, end, glyph);
	return n ? n + 1 : 0;
}

/* {*}, {\dag}: a group holding nothing but marks. */
static size_t mark_group(const char *p, const char *end, unsigned *glyph)
{
	const char *stop;
	int caret;

	stop = scan_marks(p + 1, end, 0, glyph, &caret);
	if (stop >= end || *stop != '}' || !*glyph)
		return 0;
	return (size_t)(stop + 1 - p);
}

/* The mark written at p in any encoding: its length (0: none), *glyph. */
static size_t mark_at(const char *p, const char *end, unsigned *glyph)
{
	size_t n;

	*glyph = 0;
	switch (*p) {
	case '\\':
		n = mark_textsuperscript(p, end, glyph);
		return n ? n : mark_symbol(p, end, glyph);
	case '$':
		return mark_math(p, end, glyph);
	case '^':
		return mark_caret(p, end, glyph);
	case '{':
		return mark_group(p, end, glyph);
	default:
		return mark_symbol(p, end, glyph);
	}
}

/*
 * Whether a mark may begin with c: mark_at()'s cases, '*' and the first
 * byte of a mark_chars[]. Names are mostly ASCII letters, which this
 * passes over without trying each kind of mark.
 */
static int may_start_mark(char c)
{
	if (c == '\\' || c == '$' || c == '^' || c == '{' || c == '*')
		return 1;
	if ((unsigned char)c < 0x80)
		return 0;
	for (size_t i = 0; i < COUNT(mark_chars); i++)
		if (mark_chars[i].utf8[0] == c)
			return 1;
	return 0;
}

/* The bytes from p on that cannot begin a mark. */
static size_t unmarked_len(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && !may_start_mark(*q))
		q++;
	return (size_t)(q - p);
}

/* Copies [p, end) to out without its marks; their glyphs go to *marks. */
static void strip_marks(struct pdb_buf *out, const char *p, const char *end,
			unsigned *marks)
{
	unsigned g;
	size_t n;

	while (p < end) {
		n = unmarked_len(p, end);
		if (n) {
			pdb_buf_add(out, p, n);
			p += n;
			continue;
		}
		n = mark_at(p, end, &g);
		if (n) {
			*marks |= g;
			p += n;
			continue;
		}
		n = verbatim_len(p, end);
		pdb_buf_add(out, p, n);
		p += n;
	}
}

static int has_marks(const char *p, const char *end)
{
	unsigned g;
	size_t n;

	while (p < end) {
		p += unmarked_len(p, end);
		if (p == end)
			break;
		n = mark_at(p, end, &g);
		if (n && g)
			return 1;
		p += n ? n : verbatim_len(p, end);
	}
	return 0;
}

/* ---- highlighting ---- */

static const char *const highlight_commands[] = {
	"textbf", "underline", "uline", "emph", "textit", "mathbf",
};

static const char *const highlight_switches[] = {
	"bf", "bfseries", "em", "it", "itshape",
};

static int in_list(const char *p, size_t n, const char *const *list, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (strlen(list[i]) == n && !memcmp(list[i], p, n))
			return 1;
	return 0;
}

/*
 * Copies [p, end) to out with \textbf{X}, \underline{X}, \emph{X} and
 * {\bf X} replaced by X. stack holds, for each open brace, whether its
 * closing brace is to be dropped ('1') or kept ('0').
 */
static void unwrap_highlight(struct pdb_buf *out, struct pdb_buf *stack,
			     const char *p, const char *end, unsigned *marks)
{
	const char *q;
	size_t w, n;

	pdb_buf_reset(stack);
	while (p < end) {
		if (*p == '\\') {
			w = control_word_len(p, end);
			q = skip_spaces(p + 1 + w, end);
			if (w && q < end && *q == '{' &&
			    in_list(p + 1, w, highlight_commands, COUNT(highlight_commands))) {
				pdb_buf_addc(stack, '1');
				*marks |= PDB_MARK_HIGHLIGHT;
				p = q + 1;
				continue;
			}
		} else if (*p == '{') {
			w = p + 1 < end && p[1] == '\\' ? control_word_len(p + 1, end) : 0;
			if (w && in_list(p + 2, w, highlight_switches, COUNT(highlight_switches))) {
				pdb_buf_addc(stack, '1');
				*marks |= PDB_MARK_HIGHLIGHT;
				p = skip_spaces(p + 2 + w, end);
				continue;
			}
			pdb_buf_addc(stack, '0');
		} else if (*p == '}' && stack->len > 0) {
			char top = stack->s[stack->len - 1];

			pdb_buf_truncate(stack, stack->len - 1);
			if (top == '1') {
				p++;
				continue;
			}
		}
		n = verbatim_len(p, end);
		pdb_buf_add(out, p, n);
		p += n;
	}
}

/* ---- notes posing as names ---- */

static const char *const note_words[] = {
	"equal", "contribut", "correspond", "co-first", "cofirst", "joint",
};

/*
 * The text of a group or bracket is a note, "[* equal contribution]" or
 * "* equal contribution", not a name: it opens with a bracket or a mark
 * and speaks of contribution. "{Equal Rights Foundation}" is a name.
 */
static int is_note(const char *p, const char *end, int bracketed)
{
	unsigned g;

	p = skip_spaces(p, end);
	while (p < end && (*p == '[' || *p == '(')) {
		bracketed = 1;
		p = skip_spaces(p + 1, end);
	}
	if (!bracketed && !(p < end && mark_at(p, end, &g) && g))
		return 0;
	return contains_any(p, end, note_words, COUNT(note_words));
}

/*
 * Copies [p, end) to out without its notes (whole {groups} or [brackets]
 * that are notes); the notes go to legend, one a line. Only top-level
 * groups are looked at, and each is read once.
 */
static void remove_notes(struct pdb_buf *out, struct pdb_buf *legend,
			 const char *p, const char *end)
{
	const char *start = p, *q;
	int brackets_close = 1;

	while (p < end) {
		int token_start = p == start || is_space(p[-1]);

		if (*p == '{') {
			q = pdb_brace_group_end(p, end);
			if (!q)
				q = end;
		} else if (*p == '[' && token_start && brackets_close) {
			q = bracket_close(p, end);
			if (!q) {
				brackets_close = 0;	/* no later '[' closes either */
				q = p + 1;
			}
		} else {
			pdb_buf_addc(out, *p++);
			continue;
		}
		if (token_start && (q == end || is_space(*q)) && q - p >= 2 &&
		    is_note(p + 1, q - 1, *p == '[')) {
			pdb_buf_add(legend, p, (size_t)(q - p));
			pdb_buf_addc(legend, '\n');
		} else {
			pdb_buf_add(out, p, (size_t)(q - p));
		}
		p = q;
	}
}

/* ---- the names ---- */

struct parse_ctx {
	struct pdb_authorlist *al;
	size_t cap;
	struct pdb_buf text;	/* a name without its notes */
	struct pdb_buf plain;	/* ... and without highlighting */
	struct pdb_buf clean;	/* ... and without marks */
	struct pdb_buf stack;
	struct pdb_buf notes;	/* notes found among the names: legends */
};

/* Nothing but spaces, braces, ties and commas: no name at all. */
static int is_blank(const char *s)
{
	for (; *s; s++)
		if (!is_space(*s) && *s != '{' && *s != '}' && *s != '~' && *s != ',')
			return 0;
	return 1;
}

/* One name without notes: highlighting and marks out, then parsed. */
static int add_author(struct parse_ctx *c, const char *p, const char *end)
{
	struct pdb_authorlist *al = c->al;
	unsigned marks = 0;

	pdb_buf_reset(&c->plain);
	pdb_buf_reset(&c->clean);
	unwrap_highlight(&c->plain, &c->stack, p, end, &marks);
	strip_marks(&c->clean, pdb_buf_str(&c->plain),
		    pdb_buf_str(&c->plain) + c->plain.len, &marks);
	if (pdb_buf_failed(&c->plain) || pdb_buf_failed(&c->clean) ||
	    pdb_buf_failed(&c->stack))
		return PDB_ENOMEM;
	if (is_blank(pdb_buf_str(&c->clean))) {
		al->empty++;
		return 0;
	}
	if (pdb_reserve(&al->v, &c->cap, al->n + 1, sizeof(*al->v)) < 0)
		return PDB_ENOMEM;
	if (pdb_name_parse(&al->v[al->n].name, pdb_buf_str(&c->clean)) < 0)
		return PDB_ENOMEM;
	al->v[al->n].marks = marks;
	al->n++;
	return 0;
}

/* Where the piece starting at p ends: its first comma outside braces, or end. */
static const char *piece_end(const char *p, const char *end)
{
	size_t depth = 0;

	for (; p < end; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}' && depth > 0)
			depth--;
		else if (*p == ',' && depth == 0)
			break;
	}
	return p;
}

/*
 * "{Jian Zhu*, Cong Zhang*}" (alfolio-19): one braced group holding
 * comma-separated names that all carry marks is a list, not a corporate
 * name. "{Barnes and Noble, Inc.}" has no marks and stays one name.
 * Adds the names and returns 1, or returns 0 to leave the group alone.
 */
static int add_marked_group(struct parse_ctx *c, const char *p, const char *end,
			    int *err)
{
	const char *in, *piece, *q;
	size_t pieces = 0;

	if (end - p < 2 || *p != '{' || pdb_brace_group_end(p, end) != end)
		return 0;
	in = p + 1;
	end--;
	for (piece = in;; piece = q + 1) {
		q = piece_end(piece, end);
		if (!has_marks(piece, q))
			return 0;
		pieces++;
		if (q == end)
			break;
	}
	if (pieces < 2)
		return 0;
	for (piece = in; !*err; piece = q + 1) {
		q = piece_end(piece, end);
		*err = add_author(c, piece, q);
		if (q == end)
			break;
	}
	return 1;
}

static int parse_names(struct parse_ctx *c, const char *s);

/* "Chris Timperley", "Shin Hwei Tan", "J. Smith": two to four capitalised words. */
static int looks_like_person(const char *p, const char *end)
{
	int words = 0;

	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		if (!((*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0xc0))
			return 0;
		words++;
		while (p < end && *p != ' ') {
			if (*p == ',' || *p == '{' || *p == '}' || (*p >= '0' && *p <= '9'))
				return 0;
			p++;
		}
	}
	return words >= 2 && words <= 4;
}

/*
 * "{{Benoit Baudry and Nicholas Harrand and ... and Chris Timperley}}"
 * (alfolio-13): a whole list braced into one name. BibTeX reads one
 * corporate author; a reader sees people. Three or more "First Last"
 * pieces are read as the list they are; "{Barnes and Noble}" stays.
 */
static int add_braced_list(struct parse_ctx *c, const char *p, const char *end, int *err)
{
	struct pdb_buf inner = PDB_BUF_INIT;
	const char *q, *piece;
	size_t pieces = 0;

	while (end - p >= 2 && *p == '{' && pdb_brace_group_end(p, end) == end) {
		p++;
		end--;
	}
	if (p == end || *p == '{' || memchr(p, '{', (size_t)(end - p)))
		return 0;
	for (piece = q = p; q <= end; q++) {
		if (q < end && !(q + 5 <= end && memcmp(q, " and ", 5) == 0))
			continue;
		if (!looks_like_person(piece, q))
			return 0;
		pieces++;
		piece = q + 5;
		q += 4;
	}
	if (pieces < 3)
		return 0;
	pdb_buf_add(&inner, p, (size_t)(end - p));
	*err = pdb_buf_failed(&inner) ? PDB_ENOMEM : parse_names(c, pdb_buf_str(&inner));
	pdb_buf_release(&inner);
	return 1;
}

static int add_name_text(struct parse_ctx *c, const char *p, const char *end)
{
	const char *t, *tend;
	int err = 0;

	pdb_buf_reset(&c->text);
	remove_notes(&c->text, &c->notes, p, end);
	if (pdb_buf_failed(&c->text) || pdb_buf_failed(&c->notes))
		return PDB_ENOMEM;
	t = pdb_buf_str(&c->text);
	tend = t + c->text.len;
	trim(&t, &tend);
	if (t == tend) {
		c->al->empty++;
		return 0;
	}
	if (add_marked_group(c, t, tend, &err) || add_braced_list(c, t, tend, &err))
		return err;
	return add_author(c, t, tend);
}

static int is_others(const struct pdb_author *a)
{
	const struct pdb_name *n = &a->name;

	return !n->literal && !n->first[0] && !n->von[0] && !n->jr[0] &&
	       pdb_equals_nocase(n->last, strlen(n->last), "others");
}

static void take_trailing_others(struct pdb_authorlist *al)
{
	if (al->n == 0 || !is_others(&al->v[al->n - 1]))
		return;
	pdb_name_release(&al->v[--al->n].name);
	al->others = 1;
}

static int parse_names(struct parse_ctx *c, const char *s)
{
	struct pdb_namespan *spans = NULL;
	size_t nspans = 0, i;
	int err = 0;

	if (pdb_namelist_split(s, &spans, &nspans) < 0)
		return PDB_ENOMEM;
	for (i = 0; i < nspans && !err; i++)
		err = add_name_text(c, s + spans[i].off,
				    s + spans[i].off + spans[i].len);
	free(spans);
	if (!err)
		take_trailing_others(c->al);
	return err;
}

/* ---- legends: what the entry says its marks mean ---- */

struct legend {
	unsigned found;			/* marks the entry explains */
	unsigned meaning[NGLYPHS];	/* EQUAL and/or CORRESPONDING, or 0 */
	int plain_equal;		/* "equal contribution" naming no mark */
};

static const char *const legend_fields[] = {
	"annotation", "annote", "note", "addendum",
	"author_note", "author_notes", "authornote", "authornotes",
};

static const char *const equal_words[] = {
	"equal", "co-first", "cofirst", "co first", "joint", "shared first",
};

/* "Equal advising", "joint supervision": equal, but not as authors. */
static const char *const advising_words[] = {
	"advis", "supervis", "senior", "mentor", "last author", "co-last",
};

static const char *const plain_equal_phrases[] = {
	"equal contribution", "contributed equally", "equally contributed",
	"contribute equally", "co-first", "cofirst", "joint first",
	"equal first", "shared first",
};

static unsigned classify(const char *p, const char *end)
{
	unsigned bits = 0;

	if (contains_nocase(p, end, "correspond"))
		bits |= PDB_MARK_CORRESPONDING;
	if (contains_any(p, end, equal_words, COUNT(equal_words)) &&
	    !contains_any(p, end, advising_words, COUNT(advising_words)))
		bits |= PDB_MARK_EQUAL;
	return bits;
}

/* Text follows: "* Equal contribution", "†: corresponding", "*These ...". */
static int text_follows(const char *p, const char *end)
{
	while (p < end && (is_space(*p) || is_one_of(*p, ":=-)]}.")))
		p++;
	return p < end && (pdb_is_ascii_letter(*p) || *p == '\\' || (unsigned char)*p >= 0x80);
}

/* A mark where a legend puts it: at the start, or after a space or punctuation. */
static size_t legend_mark_at(const char *s, const char *p, const char *end,
			     unsigned *glyph)
{
	const char *q = p;
	unsigned g;
	size_t n;

	*glyph = 0;
	if (p > s && !is_space(p[-1]) && !is_one_of(p[-1], "([{,;.:}"))
		return 0;
	while (q < end) {
		n = mark_at(q, end, &g);
		if (!n || !g)
			break;
		*glyph |= g;
		q += n;
	}
	return (size_t)(q - p);
}

/*
 * The mark [mark, mark_end) explains itself by the text after it, up to
 * the next mark ("* Equal contribution, † Core team"), or else by the
 * text before it ("Equal contribution (†)").
 */
static void explain_mark(struct legend *lg, unsigned glyph, const char *before,
			 const char *mark, const char *mark_end, const char *next)
{
	unsigned bits;
	int i;

	if (text_follows(mark_end, next)) {
		bits = classify(mark_end, next);
	} else {
		bits = classify(before, mark);
		if (!bits)
			return;
	}
	for (i = 0; i < NGLYPHS; i++) {
		if (glyph & glyph_order[i]) {
			lg->found |= glyph_order[i];
			lg->meaning[i] |= bits;
		}
	}
}

static void read_legend(struct legend *lg, const char *s)
{
	const char *end = s + strlen(s), *p = s;
	const char *mark = NULL, *mark_end = s, *before = s;
	unsigned glyph = 0, g;
	size_t n;

	while (p < end) {
		n = legend_mark_at(s, p, end, &g);
		if (!n) {
			p += verbatim_len(p, end);
			continue;
		}
		if (mark)
			explain_mark(lg, glyph, before, mark, mark_end, p);
		before = mark ? mark_end : s;
		mark = p;
		mark_end = p + n;
		glyph = g;
		p = mark_end;
	}
	if (mark)
		explain_mark(lg, glyph, before, mark, mark_end, end);
	else if (contains_any(s, end, plain_equal_phrases, COUNT(plain_equal_phrases)))
		lg->plain_equal = 1;
}

static void read_legends(struct legend *lg, const struct pdb_entry *e,
			 const char *notes)
{
	const char *v;
	size_t i;

	memset(lg, 0, sizeof(*lg));
	for (i = 0; i < COUNT(legend_fields); i++) {
		v = pdb_entry_get(e, legend_fields[i]);
		if (v)
			read_legend(lg, v);
	}
	read_legend(lg, notes);
}

/* ---- what the marks mean ---- */

/*
 * Without a legend: the first k >= 2 authors and nobody else carrying a
 * mark are co-first authors; otherwise * is equal contribution when two
 * or more carry it and corresponding author when one does; † is
 * corresponding author; ‡ nothing more.
 */
static unsigned default_meaning(const struct pdb_authorlist *al, unsigned glyph)
{
	size_t i, holders = 0, leading = 0;

	for (i = 0; i < al->n; i++) {
		if (!(al->v[i].marks & glyph))
			continue;
		if (leading == i)
			leading++;
		holders++;
	}
	if (holders >= 2 && leading == holders)
		return PDB_MARK_EQUAL;
	if (glyph == PDB_MARK_STAR)
		return holders >= 2 ? PDB_MARK_EQUAL : PDB_MARK_CORRESPONDING;
	if (glyph == PDB_MARK_DAGGER)
		return PDB_MARK_CORRESPONDING;
	return 0;
}

static unsigned used_glyphs(const struct pdb_authorlist *al)
{
	unsigned used = 0;
	size_t i;

	for (i = 0; i < al->n; i++)
		used |= al->v[i].marks & GLYPHS;
	return used;
}

static void apply_meanings(struct pdb_authorlist *al, const struct legend *lg)
{
	unsigned used = used_glyphs(al), unexplained = used & ~lg->found;
	unsigned meaning[NGLYPHS] = { 0 }, g;
	size_t i;
	int k;

	for (k = 0; k < NGLYPHS; k++) {
		g = glyph_order[k];
		if (!(used & g))
			continue;
		if (lg->found & g)
			meaning[k] = lg->meaning[k];
		else if (lg->plain_equal && (unexplained == g || g == PDB_MARK_STAR))
			meaning[k] = PDB_MARK_EQUAL;
		else
			meaning[k] = default_meaning(al, g);
		if (meaning[k] & PDB_MARK_EQUAL)
			al->equal_marks |= g;
	}
	for (i = 0; i < al->n; i++)
		for (k = 0; k < NGLYPHS; k++)
			if (al->v[i].marks & glyph_order[k])
				al->v[i].marks |= meaning[k];
}

/* ---- biblatex data annotations: author+an = {1=highlight; 2=equal} ---- */

static const struct word_flag annotations[] = {
	{ "highlight", PDB_MARK_HIGHLIGHT },
	{ "me", PDB_MARK_HIGHLIGHT },
	{ "self", PDB_MARK_HIGHLIGHT },
	{ "owner", PDB_MARK_HIGHLIGHT },
	{ "equal", PDB_MARK_EQUAL },
	{ "equalcontrib", PDB_MARK_EQUAL },
	{ "equal-contrib", PDB_MARK_EQUAL },
	{ "equalcontribution", PDB_MARK_EQUAL },
	{ "equal-contribution", PDB_MARK_EQUAL },
	{ "equal_contribution", PDB_MARK_EQUAL },
	{ "cofirst", PDB_MARK_EQUAL },
	{ "co-first", PDB_MARK_EQUAL },
	{ "jointfirst", PDB_MARK_EQUAL },
	{ "corresponding", PDB_MARK_CORRESPONDING },
	{ "correspondingauthor", PDB_MARK_CORRESPONDING },
	{ "corresponding-author", PDB_MARK_CORRESPONDING },
	{ "corr", PDB_MARK_CORRESPONDING },
	{ "star", PDB_MARK_STAR },
	{ "asterisk", PDB_MARK_STAR },
	{ "dagger", PDB_MARK_DAGGER },
	{ "ddagger", PDB_MARK_DDAGGER },
	{ "doubledagger", PDB_MARK_DDAGGER },
};

/* A 1-based position written in [p, end) before any ':' part; 0 if none. */
static size_t read_position(const char *p, const char *end)
{
	size_t pos = 0;

	p = skip_spaces(p, end);
	if (p >= end || !pdb_is_ascii_digit(*p))
		return 0;
	for (; p < end && pdb_is_ascii_digit(*p); p++)
		pos = pos > (size_t)-1 / 10 - 1 ? (size_t)-1 : pos * 10 + (size_t)(*p - '0');
	return pos;
}

/* "highlight,dagger": the flags of a comma-separated annotation list. */
static unsigned read_annotations(const char *p, const char *end)
{
	const char *word, *word_end;
	unsigned flags = 0;

	while (p < end) {
		word = p;
		while (p < end && *p != ',')
			p++;
		word_end = p;
		trim(&word, &word_end);
		flags |= lookup_flag(annotations, COUNT(annotations), word,
				     (size_t)(word_end - word));
		if (p < end)
			p++;
	}
	return flags;
}

/* Item annotations "N=a,b; M=c"; field annotations ("=a") say nothing per name. */
static void apply_annotations(struct pdb_authorlist *al, const char *s)
{
	const char *p = s, *end = s + strlen(s), *item_end, *eq;
	size_t pos;

	while (p < end) {
		item_end = memchr(p, ';', (size_t)(end - p));
		if (!item_end)
			item_end = end;
		eq = memchr(p, '=', (size_t)(item_end - p));
		pos = eq ? read_position(p, eq) : 0;
		if (pos >= 1 && pos <= al->n)
			al->v[pos - 1].marks |= read_annotations(eq + 1, item_end);
		p = item_end < end ? item_end + 1 : end;
	}
}

/* ---- explicit fields: equal_contribution = {2}, co_first = {Yang, Shuo; Li, Wei} ---- */

static const char *const explicit_fields[] = {
	"equal_contribution", "equal-contribution", "equalcontribution",
	"equal_contrib", "equalcontrib", "co_first", "co-first", "cofirst",
};

static const char *const yes_words[] = { "true", "yes", "y", "on" };
static const char *const no_words[] = { "false", "no", "n", "off", "0", "none" };

static int is_word_in(const char *p, const char *end, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pdb_equals_nocase(p, (size_t)(end - p), list[i]))
			return 1;
	return 0;
}

static int all_digits(const char *p, const char *end)
{
	if (p == end)
		return 0;
	for (; p < end; p++)
		if (!pdb_is_ascii_digit(*p))
			return 0;
	return 1;
}

/* Folded family and given names of the authors, made on first use. */
struct author_keys {
	char **family;
	char **given;
	size_t n;
};

static void author_keys_release(struct author_keys *k)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		free(k->family[i]);
		free(k->given[i]);
	}
	free(k->family);
	free(k->given);
	memset(k, 0, sizeof(*k));
}

static int author_keys_make(struct author_keys *k, const struct pdb_authorlist *al)
{
	size_t i;

	if (k->family || al->n == 0)
		return 0;
	k->family = calloc(al->n, sizeof(*k->family));
	k->given = calloc(al->n, sizeof(*k->given));
	if (!k->family || !k->given) {
		author_keys_release(k);
		return PDB_ENOMEM;
	}
	k->n = al->n;
	for (i = 0; i < al->n; i++) {
		k->family[i] = pdb_fold(al->v[i].name.last);
		k->given[i] = pdb_fold(al->v[i].name.first);
		if (!k->family[i] || !k->given[i]) {
			author_keys_release(k);
			return PDB_ENOMEM;
		}
	}
	return 0;
}

/* Length of the UTF-8 character starting s (1 for a stray byte). */
static size_t utf8_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	size_t i;

	for (i = 1; i < n; i++)
		if (!s[i])
			return i;
	return n;
}

/* Given names agree by their first letter; a missing one agrees with any. */
static int same_initial(const char *a, const char *b)
{
	size_t n = utf8_len(a);

	if (!*a || !*b)
		return 1;
	return n == utf8_len(b) && !memcmp(a, b, n);
}

/* Marks EQUAL the authors named by the name in [p, end). */
static int mark_named(struct pdb_authorlist *al, struct author_keys *k,
		      struct pdb_buf *scratch, const char *p, const char *end)
{
	struct pdb_name name;
	char *family = NULL, *given = NULL;
	unsigned ignored = 0;
	size_t i;
	int err = PDB_ENOMEM;

	pdb_buf_reset(scratch);
	strip_marks(scratch, p, end, &ignored);
	if (pdb_buf_failed(scratch) || author_keys_make(k, al) < 0)
		return PDB_ENOMEM;
	if (pdb_name_parse(&name, pdb_buf_str(scratch)) < 0)
		return PDB_ENOMEM;
	family = pdb_fold(name.last);
	given = pdb_fold(name.first);
	if (!family || !given)
		goto out;
	for (i = 0; i < k->n && *family; i++)
		if (!strcmp(family, k->family[i]) && same_initial(given, k->given[i]))
			al->v[i].marks |= PDB_MARK_EQUAL;
	err = 0;
out:
	free(family);
	free(given);
	pdb_name_release(&name);
	return err;
}

/* One item of an explicit list: a 1-based position or a name. */
static int mark_item(struct pdb_authorlist *al, struct author_keys *k,
		     struct pdb_buf *scratch, const char *p, const char *end)
{
	size_t pos;

	trim(&p, &end);
	if (p == end)
		return 0;
	if (all_digits(p, end)) {
		pos = read_position(p, end);
		if (pos >= 1 && pos <= al->n)
			al->v[pos - 1].marks |= PDB_MARK_EQUAL;
		return 0;
	}
	return mark_named(al, k, scratch, p, end);
}

/* Items separated by sep ';' or ','. */
static int mark_items_split(struct pdb_authorlist *al, struct author_keys *k,
			    struct pdb_buf *scratch, const char *p, const char *end,
			    char sep)
{
	const char *item_end;
	int err = 0;

	while (p < end && !err) {
		item_end = memchr(p, sep, (size_t)(end - p));
		if (!item_end)
			item_end = end;
		err = mark_item(al, k, scratch, p, item_end);
		p = item_end < end ? item_end + 1 : end;
	}
	return err;
}

/* "Yang, Shuo; Li, Wei", "Shuo Yang and Wei Li", "Yang, Li", "1, 2". */
static int mark_items(struct pdb_authorlist *al, struct author_keys *k,
		      struct pdb_buf *scratch, const char *p, const char *end)
{
	struct pdb_namespan *spans = NULL;
	size_t n = 0, i;
	int err = 0;

	if (memchr(p, ';', (size_t)(end - p)))
		return mark_items_split(al, k, scratch, p, end, ';');
	if (pdb_namelist_split(p, &spans, &n) < 0)
		return PDB_ENOMEM;
	if (n < 2)
		err = mark_items_split(al, k, scratch, p, end, ',');
	for (i = 0; n >= 2 && i < n && !err; i++)
		err = mark_item(al, k, scratch, p + spans[i].off,
				p + spans[i].off + spans[i].len);
	free(spans);
	return err;
}

/*
 * One explicit field's value. A count N >= 2 marks the first N authors
 * (a group of one is no equal contribution); true/yes sets *said_true.
 */
static int apply_explicit(struct pdb_authorlist *al, struct author_keys *k,
			  struct pdb_buf *scratch, const char *v, int *said_true)
{
	const char *p = v, *end = v + strlen(v);
	size_t count, i;

	trim(&p, &end);
	if (p == end || is_word_in(p, end, no_words, COUNT(no_words)))
		return 0;
	if (is_word_in(p, end, yes_words, COUNT(yes_words))) {
		*said_true = 1;
		return 0;
	}
	if (all_digits(p, end)) {
		count = read_position(p, end);
		for (i = 0; count >= 2 && i < count && i < al->n; i++)
			al->v[i].marks |= PDB_MARK_EQUAL;
		return 0;
	}
	return mark_items(al, k, scratch, p, end);
}

static int apply_explicit_fields(struct pdb_authorlist *al,
				 const struct pdb_entry *e,
				 struct pdb_buf *scratch, int *said_true)
{
	struct author_keys k = { NULL, NULL, 0 };
	const char *v;
	size_t i;
	int err = 0;

	for (i = 0; i < COUNT(explicit_fields) && !err; i++) {
		v = pdb_entry_get(e, explicit_fields[i]);
		if (v)
			err = apply_explicit(al, &k, scratch, v, said_true);
	}
	author_keys_release(&k);
	return err;
}

/* ---- the whole entry ---- */

static void parse_ctx_release(struct parse_ctx *c)
{
	pdb_buf_release(&c->text);
	pdb_buf_release(&c->plain);
	pdb_buf_release(&c->clean);
	pdb_buf_release(&c->stack);
	pdb_buf_release(&c->notes);
}

/* Entry-level rules, once every name is in. */
static int apply_entry_rules(struct parse_ctx *c, const struct pdb_entry *e,
			     const char *role)
{
	struct pdb_authorlist *al = c->al;
	struct legend lg;
	const char *an;
	int said_true = 0, err = 0;

	pdb_buf_reset(&c->text);
	pdb_buf_adds(&c->text, role);
	pdb_buf_adds(&c->text, "+an");
	if (pdb_buf_failed(&c->text))
		return PDB_ENOMEM;
	an = pdb_entry_get(e, pdb_buf_str(&c->text));
	if (an)
		apply_annotations(al, an);
	if (!strcmp(role, "author"))
		err = apply_explicit_fields(al, e, &c->clean, &said_true);
	if (err)
		return err;
	read_legends(&lg, e, pdb_buf_str(&c->notes));
	lg.plain_equal |= said_true;
	apply_meanings(al, &lg);
	if (said_true && !pdb_authorlist_has_equal(al) && al->n >= 2) {
		al->v[0].marks |= PDB_MARK_EQUAL;
		al->v[1].marks |= PDB_MARK_EQUAL;
	}
	return 0;
}

int pdb_authors_parse(struct pdb_authorlist *al, const struct pdb_entry *e,
		      const char *role)
{
	struct pdb_authorlist empty = PDB_AUTHORLIST_INIT;
	struct parse_ctx c;
	const char *value;
	int err;

	*al = empty;
	if (!role)
		role = "author";
	value = pdb_entry_get(e, role);
	if (!value)
		return 0;
	memset(&c, 0, sizeof(c));
	c.al = al;
	err = parse_names(&c, value);
	if (!err)
		err = apply_entry_rules(&c, e, role);
	parse_ctx_release(&c);
	if (err)
		pdb_authorlist_release(al);
	return err;
}

void pdb_authorlist_release(struct pdb_authorlist *al)
{
	struct pdb_authorlist empty = PDB_AUTHORLIST_INIT;
	size_t i;

	for (i = 0; i < al->n; i++)
		pdb_name_release(&al->v[i].name);
	free(al->v);
	*al = empty;
}

int pdb_authorlist_has_equal(const struct pdb_authorlist *al)
{
	size_t i;

	for (i = 0; i < al->n; i++)
		if (al->v[i].marks & PDB_MARK_EQUAL)
			return 1;
	return 0;
}

int pdb_authorlist_cofirst(const struct pdb_authorlist *al, size_t i)
{
	unsigned first, other;

	if (i >= al->n || !(al->v[0].marks & PDB_MARK_EQUAL) ||
	    !(al->v[i].marks & PDB_MARK_EQUAL))
		return 0;
	first = al->v[0].marks & al->equal_marks;
	other = al->v[i].marks & al->equal_marks;
	return !first || !other || (first & other);
}
