#include "chunk.h"

#include "pubdb/names.h"
#include "pubdb/texnorm.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

void pdb_chunker_init(struct pdb_chunker *c, FILE *fp, const char *name,
		      struct pdb_diag *diag)
{
	memset(c, 0, sizeof(*c));
	c->fp = fp;
	c->name = name;
	c->diag = diag;
}

void pdb_chunker_release(struct pdb_chunker *c)
{
	free(c->line);
	c->line = NULL;
	c->cap = 0;
}

static int is_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	       ch == '\f' || ch == '\v';
}

static int is_type_char(int ch)
{
	return pdb_is_ascii_letter(ch) || pdb_is_ascii_digit(ch) || ch == '_' || ch == '-';
}

/* The first line may carry a byte-order mark: UTF-8 is skipped, UTF-16/32 refused. */
static int check_first_line(struct pdb_chunker *c)
{
	const unsigned char *s = (const unsigned char *)c->line;

	if ((c->len >= 2 && ((s[0] == 0xff && s[1] == 0xfe) || (s[0] == 0xfe && s[1] == 0xff))) ||
	    (c->len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xfe && s[3] == 0xff)) {
		pdb_diag_report(c->diag, PDB_ERROR, c->name, 1,
				"file is UTF-16 or UTF-32; convert it to UTF-8");
		return PDB_EDATA;
	}
	if (c->len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		c->pos = 3;
	return 0;
}

/* Reads the next line; 1, 0 at end of input, or an error. */
static int next_line(struct pdb_chunker *c)
{
	ssize_t n;

	if (c->eof)
		return 0;
	n = getline(&c->line, &c->cap, c->fp);
	if (n < 0) {
		c->eof = 1;
		c->len = 0;
		c->pos = 0;
		if (ferror(c->fp)) {
			c->io_error = 1;
			return PDB_EIO;
		}
		return 0;
	}
	c->len = (size_t)n;
	if (c->len && c->line[c->len - 1] == '\n')
		c->len--;
	if (c->len && c->line[c->len - 1] == '\r')
		c->len--;
	c->pos = 0;
	c->lineno++;
	if (c->lineno == 1)
		return check_first_line(c) < 0 ? PDB_EDATA : 1;
	return 1;
}

static size_t skip_blanks(const char *s, size_t i, size_t len)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* "@type{" or "@type(" at the start of a line: where a new entry begins. */
static int line_starts_entry(const char *s, size_t len)
{
	size_t i = skip_blanks(s, 0, len);

	if (i >= len || s[i] != '@')
		return 0;
	i = skip_blanks(s, i + 1, len);
	if (i >= len || !pdb_is_ascii_letter((unsigned char)s[i]))
		return 0;
	while (i < len && is_type_char((unsigned char)s[i]))
		i++;
	i = skip_blanks(s, i, len);
	return i < len && (s[i] == '{' || s[i] == '(');
}

/*
 * Top level: only an '@' that is the first non-blank character of a line
 * (or follows the previous entry with nothing but blanks between) starts
 * an entry. Everything else -- comments, front matter, prose with e-mail
 * addresses -- is skipped.
 */
static int find_entry_start(struct pdb_chunker *c)
{
	for (;;) {
		size_t i;

		if (c->pos >= c->len || c->line == NULL) {
			int r = next_line(c);

			if (r <= 0)
				return r;
		}
		i = skip_blanks(c->line, c->pos, c->len);
		if (i < c->len && c->line[i] == '@') {
			c->pos = i;
			return 1;
		}
		c->pos = c->len;
	}
}

/* Appends the current line from pos to upto, and moves pos there. */
static void take(struct pdb_chunker *c, struct pdb_chunk *out, size_t upto)
{
	pdb_buf_add(&out->text, c->line + c->pos, upto - c->pos);
	c->pos = upto;
}

/* Moves to the next line inside an entry; 1, 0 at end of input, or error. */
static int continue_entry(struct pdb_chunker *c, struct pdb_chunk *out)
{
	int r;

	take(c, out, c->len);
	r = next_line(c);
	if (r <= 0)
		return r;
	pdb_buf_addc(&out->text, '\n');
	return 1;
}

/* Reads "@type" and the opening delimiter. Returns the opener, 0 if none. */
static int read_head(struct pdb_chunker *c, struct pdb_chunk *out, int *is_comment)
{
	size_t i = skip_blanks(c->line, c->pos + 1, c->len);
	size_t t0 = i;

	while (i < c->len && is_type_char((unsigned char)c->line[i]))
		i++;
	*is_comment = i - t0 == 7 && strncasecmp(c->line + t0, "comment", 7) == 0;
	if (i == t0)
		return 0;
	take(c, out, i);
	for (;;) {
		i = skip_blanks(c->line, c->pos, c->len);
		if (i < c->len) {
			if (c->line[i] != '{' && c->line[i] != '(')
				return 0;
			take(c, out, i + 1);
			return c->line[i];
		}
		if (continue_entry(c, out) <= 0)
			return 0;
		if (line_starts_entry(c->line, c->len))
			return 0;
	}
}

struct body_state {
	int depth;
	int quote;
	char closer;
	int is_comment;
};

/*
 * Scans the current line from pos for the entry's closer. Returns 1 and
 * leaves pos after it when found. A '%' at entry level starts a comment
 * to the end of the line, as btparse sees it; inside values it is data.
 */
static int scan_body_line(struct pdb_chunker *c, struct body_state *st)
{
	/* the bytes looked at below; most of a body is none of them */
	static const unsigned char special[256] = {
		['{'] = 1, ['}'] = 1, [')'] = 1, ['"'] = 1, ['%'] = 1,
	};

	for (size_t i = c->pos; i < c->len; i++) {
		char ch = c->line[i];

		if (!special[(unsigned char)ch])
			continue;
		if (ch == '{') {
			st->depth++;
		} else if (ch == '}') {
			if (st->depth == 0 && st->closer == '}' && !st->quote) {
				c->pos = i + 1;
				return 1;
			}
			if (st->depth > 0)
				st->depth--;
		} else if (st->is_comment) {
			if (ch == ')' && st->closer == ')' && st->depth == 0) {
				c->pos = i + 1;
				return 1;
			}
		} else if (st->depth == 0) {
			if (ch == '"')
				st->quote = !st->quote;
			else if (ch == ')' && st->closer == ')' && !st->quote) {
				c->pos = i + 1;
				return 1;
			} else if (ch == '%' && !st->quote)
				break;
		}
	}
	return 0;
}

static void report_no_opener(struct pdb_chunker *c, const struct pdb_chunk *out)
{
	/* the head is empty when no type follows the '@' */
	const char *s = out->text.len ? pdb_buf_str(&out->text) : "@";
	size_t n = 1;

	while (s[n] && !is_space((unsigned char)s[n]))
		n++;
	pdb_diag_report(c->diag, PDB_ERROR, c->name, out->line,
			"expected '{' or '(' after '%.*s'; text skipped", (int)n, s);
}

int pdb_chunker_next(struct pdb_chunker *c, struct pdb_chunk *out)
{
	struct body_state st = { 0, 0, '}', 0 };
	int r, opener;

	pdb_buf_reset(&out->text);
	out->closed = 0;
	for (;;) {
		size_t at;

		r = find_entry_start(c);
		if (r <= 0)
			return r;
		out->line = c->lineno;
		at = c->pos;
		opener = read_head(c, out, &st.is_comment);
		if (c->io_error)
			return PDB_EIO;
		if (opener)
			break;
		if (!st.is_comment)
			report_no_opener(c, out);
		/* old-style "@comment text": BibTeX skips the word; so do we */
		pdb_buf_reset(&out->text);
		if (c->lineno == out->line && c->pos == at)
			c->pos++;	/* past this '@', not a later line's */
	}
	st.closer = opener == '{' ? '}' : ')';
	for (;;) {
		size_t from = c->pos;

		if (scan_body_line(c, &st)) {
			size_t end = c->pos;

			c->pos = from;
			take(c, out, end);
			out->closed = 1;
			return 1;
		}
		r = continue_entry(c, out);
		if (r < 0)
			return r;
		if (r == 0 || line_starts_entry(c->line, c->len))
			return 1;
		st.quote = st.quote && !st.is_comment;
	}
}

/* ---- layout of one chunk ---- */

void pdb_layout_init(struct pdb_layout *l)
{
	memset(l, 0, sizeof(*l));
}

void pdb_layout_release(struct pdb_layout *l)
{
	free(l->fields);
	free(l->missing_commas);
	pdb_layout_init(l);
}

/* Forgets the previous chunk, keeping the arrays. */
static void layout_reset(struct pdb_layout *l)
{
	struct pdb_layout fresh;

	pdb_layout_init(&fresh);
	fresh.fields = l->fields;
	fresh.alloc = l->alloc;
	fresh.missing_commas = l->missing_commas;
	fresh.missing_alloc = l->missing_alloc;
	*l = fresh;
}

struct scan {
	const char *s;
	size_t i;
	size_t end;	/* end of the body */
	unsigned long line;
	size_t line_at;	/* offset up to which line is counted */
};

/* memchr, which looks at many bytes a step, over a byte loop: a field's text has a newline or two */
unsigned long pdb_count_lines(const char *text, size_t n)
{
	const char *p = text, *end = text + n;
	unsigned long lines = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		lines++;
		p++;
	}
	return lines;
}

static unsigned long line_of(struct scan *sc, size_t off)
{
	if (off >= sc->line_at)
		sc->line += pdb_count_lines(sc->s + sc->line_at, off - sc->line_at);
	else
		sc->line -= pdb_count_lines(sc->s + off, sc->line_at - off);
	sc->line_at = off;
	return sc->line;
}

/* Skips whitespace and '%' comments at entry level. */
static void skip_gap(struct scan *sc)
{
	while (sc->i < sc->end) {
		char ch = sc->s[sc->i];

		if (is_space((unsigned char)ch)) {
			sc->i++;
		} else if (ch == '%') {
			while (sc->i < sc->end && sc->s[sc->i] != '\n')
				sc->i++;
		} else {
			break;
		}
	}
}

static int is_word_char(int ch)
{
	return !is_space(ch) && ch != '{' && ch != '}' && ch != '(' && ch != ')' &&
	       ch != ',' && ch != '=' && ch != '#' && ch != '"' && ch != '%';
}

/* A field name followed by '=' starts at i: where a ',' was forgotten. */
static int field_starts_at(const struct scan *sc, size_t i)
{
	size_t e = i;

	while (e < sc->end && is_word_char((unsigned char)sc->s[e]))
		e++;
	if (e == i)
		return 0;
	while (e < sc->end && is_space((unsigned char)sc->s[e]))
		e++;
	return e < sc->end && sc->s[e] == '=';
}

/* Records that a ',' belonged right after offset 'after'. */
static int note_missing_comma(struct pdb_layout *l, struct scan *sc, size_t after)
{
	if (pdb_reserve(&l->missing_commas, &l->missing_alloc, l->nmissing + 1,
			sizeof(*l->missing_commas)) < 0)
		return PDB_ENOMEM;
	l->missing_commas[l->nmissing++] = line_of(sc, after);
	return 0;
}

static size_t word_end(const struct scan *sc, size_t i)
{
	while (i < sc->end && is_word_char((unsigned char)sc->s[i]))
		i++;
	return i;
}

/* Skips one value part: {...}, "..." or a macro name / number. */
static int skip_part(struct scan *sc)
{
	const char *s = sc->s;
	size_t i = sc->i;
	int depth = 0;

	if (s[i] == '{') {
		const char *close = pdb_brace_group_end(s + i, s + sc->end);

		if (!close)
			return -1;
		sc->i = (size_t)(close - s);
		return 0;
	} else if (s[i] == '"') {
		for (i++; i < sc->end; i++) {
			if (s[i] == '{')
				depth++;
			else if (s[i] == '}' && depth > 0)
				depth--;
			else if (s[i] == '"' && depth == 0)
				break;
		}
	} else {
		size_t e = word_end(sc, i);

		if (e == i)
			return -1;
		sc->i = e;
		return 0;
	}
	if (i >= sc->end)
		return -1;
	sc->i = i + 1;
	return 0;
}

/* value := part ('#' part)*; records where it ends. */
static int skip_value(struct scan *sc, struct pdb_span *v)
{
	v->off = sc->i;
	for (;;) {
		if (sc->i >= sc->end || skip_part(sc) < 0)
			return -1;
		v->len = sc->i - v->off;
		skip_gap(sc);
		if (sc->i >= sc->end || sc->s[sc->i] != '#')
			return 0;
		sc->i++;
		skip_gap(sc);
	}
}

static int add_field(struct pdb_layout *l, struct pdb_field_span f)
{
	if (pdb_reserve(&l->fields, &l->alloc, l->nfields + 1, sizeof(*l->fields)) < 0)
		return PDB_ENOMEM;
	l->fields[l->nfields++] = f;
	return 0;
}

/* name = value, name = value, ... up to the end of the body. */
static int scan_fields(struct pdb_layout *l, struct scan *sc)
{
	for (;;) {
		struct pdb_field_span f;
		size_t e;

		skip_gap(sc);
		if (sc->i >= sc->end) {
			l->ok = 1;
			return 0;
		}
		e = word_end(sc, sc->i);
		if (e == sc->i)
			return 0;
		f.name.off = sc->i;
		f.name.len = e - sc->i;
		f.line = line_of(sc, sc->i);
		sc->i = e;
		skip_gap(sc);
		if (sc->i >= sc->end || sc->s[sc->i] != '=')
			return 0;
		sc->i++;
		skip_gap(sc);
		if (skip_value(sc, &f.value) < 0)
			return 0;
		if (add_field(l, f) < 0)
			return PDB_ENOMEM;
		if (sc->i < sc->end) {
			if (sc->s[sc->i] == ',')
				sc->i++;
			else if (!field_starts_at(sc, sc->i))
				return 0;
			else if (note_missing_comma(l, sc, f.value.off + f.value.len) < 0)
				return PDB_ENOMEM;
		}
	}
}

/* Returns 1 when fields may follow, 0 on a syntax error, <0 on failure. */
static int scan_key(struct pdb_layout *l, struct scan *sc)
{
	size_t i;

	skip_gap(sc);
	i = sc->i;
	while (i < sc->end && !is_space((unsigned char)sc->s[i]) && sc->s[i] != ',' &&
	       sc->s[i] != '}' && sc->s[i] != '{' && sc->s[i] != '=')
		i++;
	l->key.off = sc->i;
	l->key.len = i - sc->i;
	sc->i = i;
	skip_gap(sc);
	if (l->key.len == 0 || (sc->i < sc->end && sc->s[sc->i] == '=')) {
		l->no_key = 1;
		l->key.len = 0;
		return 0;
	}
	if (sc->i < sc->end && sc->s[sc->i] == ',') {
		l->key_comma = 1;
		sc->i++;
	} else if (sc->i < sc->end) {
		if (!field_starts_at(sc, sc->i))
			return 0;
		if (note_missing_comma(l, sc, l->key.off + l->key.len) < 0)
			return PDB_ENOMEM;
	}
	l->key_end = sc->i;
	return 1;
}

int pdb_layout_scan(struct pdb_layout *l, const char *text, size_t len,
		    unsigned long first_line)
{
	struct scan sc = { text, 0, len, first_line, 0 };
	size_t i;
	int rc;

	layout_reset(l);
	i = skip_blanks(text, 1, len);
	l->type.off = i;
	while (i < len && is_type_char((unsigned char)text[i]))
		i++;
	l->type.len = i - l->type.off;
	while (i < len && is_space((unsigned char)text[i]))
		i++;
	if (i >= len)
		return 0;
	l->closer = text[i] == '(' ? ')' : '}';
	l->body.off = i + 1;
	l->body.len = len - l->body.off;
	if (len > l->body.off && text[len - 1] == l->closer)
		l->body.len--;
	sc.i = l->body.off;
	sc.end = l->body.off + l->body.len;
	if (l->type.len == 7 && strncasecmp(text + l->type.off, "comment", 7) == 0) {
		l->ok = 1;
		return 0;
	}
	if (l->type.len == 8 && strncasecmp(text + l->type.off, "preamble", 8) == 0) {
		struct pdb_span v;

		skip_gap(&sc);
		l->ok = skip_value(&sc, &v) == 0 && sc.i >= sc.end;
		return 0;
	}
	if (!(l->type.len == 6 && strncasecmp(text + l->type.off, "string", 6) == 0)) {
		rc = scan_key(l, &sc);
		if (rc <= 0)
			return rc;
	}
	return scan_fields(l, &sc);
}

/* The name written before text[eq] = '=': its start, with *n its length. */
static size_t name_before(const char *text, size_t eq, size_t *n)
{
	size_t end = eq, start;

	while (end > 0 && is_space(text[end - 1]))
		end--;
	for (start = end; start > 0 && is_word_char(text[start - 1]); start--)
		;
	*n = end - start;
	return start;
}

size_t pdb_each_assignment(const char *text, size_t len, pdb_assignment_fn *fn, void *ctx)
{
	size_t n = 0, i = 0;
	int depth = 0, quote = 0;

	/* depth counts braces inside the entry's delimiters, '{' or '(' */
	while (i < len && text[i] != '{' && text[i] != '(')
		i++;
	for (i++; i < len; i++) {
		char ch = text[i];

		if (ch == '{')
			depth++;
		else if (ch == '}' && depth > 0)
			depth--;
		else if (ch == '"' && depth == 0)
			quote = !quote;
		else if (ch == '=' && depth == 0 && !quote) {
			size_t name_len, at = name_before(text, i, &name_len);

			n++;
			if (fn && name_len)
				fn(ctx, text + at, name_len);
		}
	}
	return n;
}
