/*
 * The only file that includes <btparse.h>.
 */
#include "pubdb/bibread.h"

#include "chunk.h"
#include "pubdb/buf.h"
#include "pubdb/texnorm.h"

#include <btparse.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/*
 * btparse's parser keeps attributes on fixed stacks and exit()s at 98
 * fields in one entry; bigger entries are fed to it in groups this size.
 */
#define BT_MAX_FIELDS 90

/*
 * btparse copies every macro name it defines into one string table of
 * 400,960 bytes, never reclaimed, and exit()s when it is full. The table
 * is made afresh for each file (pdb_bibread_open); within a file, @string
 * entries past this many bytes of names are skipped.
 */
#define BT_MACRO_NAME_BYTES 400000

struct pdb_bibread {
	struct pdb_chunker chunker;
	struct pdb_chunk chunk;
	struct pdb_layout layout;
	struct pdb_buf bt_text;
	struct pdb_buf value;	/* a field's value while it is built */
	int lexing;		/* btparse holds its lexer's buffer, kept from entry to entry */
	FILE *errs;		/* btparse's stderr while it parses */
	char *errs_buf;
	size_t errs_len;
	struct pdb_diag *diag;
	const char *name;
	unsigned long skipped;
	int warned_latin1;
	size_t macro_name_bytes;	/* of this file's @string entries so far */
	pdb_known_fn *known;
	void *known_ctx;
	int btparse_only;	/* pdb_bibread_btparse_only() */
};

/*
 * btparse prints its messages to stderr and offers no way to route them
 * (its handler table is static). While it parses, stderr points at a
 * memory stream; the lines it wrote there are read back and become
 * pubdb's own messages. Defining a print_error() of our own to interpose
 * on the library's would work too, but would also capture every other
 * library's function of that name (cmocka has one).
 */
struct bt_capture {
	struct pdb_diag *diag;
	const char *file;
	struct pdb_buf first_error;
	unsigned long first_error_line;
	int errors;
	int quiet;	/* warnings are not reported (a second parse of one text) */
};

/* Set only while btparse runs: its lexer callback has no context. */
static struct bt_capture *capture;

/* The name btparse is given for the input: how its message lines start. */
#define BT_NAME "pubdb-input"

/*
 * btparse builds a syntax error's message from the offending token and
 * then uses that message as a printf format: a string token holding "%n"
 * ends the process. Inside string tokens, the only ones that can hold a
 * '%' (elsewhere it starts a comment), each '%' is given to btparse as
 * PERCENT_STAND_IN, a byte valid UTF-8 never holds (the text is UTF-8 by
 * then), and turned back wherever text comes out of btparse.
 */
#define PERCENT_STAND_IN '\xff'

static size_t hide_in_string(char *s, size_t i, size_t len, char close)
{
	int depth = close == '}' ? 1 : 0;

	for (; i < len; i++) {
		if (s[i] == '%')
			s[i] = PERCENT_STAND_IN;
		else if (s[i] == '{')
			depth++;
		else if (s[i] == '}' && --depth == 0 && close == '}')
			return i;
		else if (s[i] == '"' && depth == 0 && close == '"')
			return i;
	}
	return len;
}

static void hide_percent_in_strings(struct pdb_buf *b)
{
	char *s = b->s;
	int in_body = 0;

	if (!memchr(s, '%', b->len))
		return;
	for (size_t i = 0; i < b->len; i++) {
		if (s[i] == '%') {
			const char *nl = memchr(s + i, '\n', b->len - i);

			i = nl ? (size_t)(nl - s) : b->len;
		} else if (s[i] == '"') {
			i = hide_in_string(s, i + 1, b->len, '"');
		} else if (in_body && s[i] == '{') {
			i = hide_in_string(s, i + 1, b->len, '}');
		} else if (s[i] == '{' || s[i] == '(') {
			in_body = 1;	/* the entry's own delimiter */
		}
	}
}

static void show_percent(char *s)
{
	for (; s && *s; s++)
		if (*s == PERCENT_STAND_IN)
			*s = '%';
}

/* Files that define the month macros themselves redefine pubdb's: no news. */
static int redefines_month(const char *text)
{
	static const char prefix[] = "overriding existing definition of macro \"";

	if (strncmp(text, prefix, sizeof(prefix) - 1) != 0 || strlen(text) != sizeof(prefix) + 3)
		return 0;
	for (int m = 0; m < 12; m++)
		if (strncasecmp(text + sizeof(prefix) - 1, pdb_month_names[m], 3) == 0)
			return 1;
	return 0;
}

static void capture_error(int is_error, unsigned long line, const char *text)
{
	struct bt_capture *c = capture;

	if (!c)
		return;
	if (!is_error) {
		if (!c->quiet && !redefines_month(text))
			pdb_diag_report(c->diag, PDB_WARNING, c->file, line, "%s", text);
		return;
	}
	if (c->errors++ == 0) {
		pdb_buf_adds(&c->first_error, text);
		show_percent(c->first_error.s);
		c->first_error_line = line;
	}
}

/* 'pubdb-input, line 12, syntax error: found "x", expected "=" (skipping to next "@")' */
static void capture_line(char *line)
{
	static const char prefix[] = BT_NAME ", line ";
	static const char skipping[] = " (skipping to next \"@\")";
	unsigned long lineno = 0;
	char *kind, *text;
	size_t n;

	show_percent(line);
	if (strncmp(line, prefix, sizeof(prefix) - 1) != 0) {
		capture_error(1, 0, line);
		return;
	}
	lineno = strtoul(line + sizeof(prefix) - 1, &kind, 10);
	if (strncmp(kind, ", ", 2) != 0 || !(text = strstr(kind, ": "))) {
		capture_error(1, lineno, line);
		return;
	}
	*text = '\0';
	text += 2;
	n = strlen(text);
	if (n > sizeof(skipping) - 1 && strcmp(text + n - (sizeof(skipping) - 1), skipping) == 0)
		text[n - (sizeof(skipping) - 1)] = '\0';
	capture_error(strstr(kind, "error") != NULL, lineno, text);
}

static void capture_lines(char *text, size_t len)
{
	char *end = text + len;

	while (text < end) {
		char *nl = memchr(text, '\n', (size_t)(end - text));

		if (nl)
			*nl = '\0';
		else
			*end = '\0';	/* open_memstream keeps a NUL after the data */
		if (*text)
			capture_line(text);
		text = nl ? nl + 1 : end;
	}
}

/* The lexer's "invalid token" messages do not go to stderr but to zzerr. */
extern void (*zzerr)(const char *);
extern int zzline;

static void lexer_error(const char *msg)
{
	capture_error(1, zzline > 0 ? (unsigned long)zzline : 0, msg);
}

/* Each file starts with only the standard month macros defined. */
static void reset_macros(void)
{
	bt_delete_all_macros();
	for (int m = 0; m < 12; m++) {
		char abbr[4];

		for (int i = 0; i < 3; i++)
			abbr[i] = (char)tolower((unsigned char)pdb_month_names[m][i]);
		abbr[3] = '\0';
		bt_add_macro_text(abbr, (char *)pdb_month_names[m], NULL, 0);
	}
}

static int bt_ready;
static int reader_open;

int pdb_bibread_open(struct pdb_bibread **out, FILE *fp, const char *name,
		     struct pdb_diag *diag)
{
	struct pdb_bibread *r;

	*out = NULL;
	if (reader_open)
		return PDB_EUSAGE;
	r = calloc(1, sizeof(*r));
	if (!r)
		return PDB_ENOMEM;
	r->errs = open_memstream(&r->errs_buf, &r->errs_len);
	if (!r->errs) {
		free(r);
		return PDB_ENOMEM;
	}
	if (bt_ready)
		bt_cleanup();	/* frees the macro-name table: see BT_MACRO_NAME_BYTES */
	bt_initialize();
	bt_set_stringopts(BTE_REGULAR, BTO_FULL);
	/* not BTO_COLLAPSE: " World" keeps its space when pasted */
	bt_set_stringopts(BTE_MACRODEF, BTO_MACRO);
	/* the default (0) aborts on a macro inside @preamble */
	bt_set_stringopts(BTE_PREAMBLE, BTO_FULL);
	zzerr = lexer_error;
	bt_ready = 1;
	reset_macros();
	pdb_chunker_init(&r->chunker, fp, name, diag);
	pdb_layout_init(&r->layout);
	r->diag = diag;
	r->name = name;
	reader_open = 1;
	*out = r;
	return 0;
}

void pdb_bibread_close(struct pdb_bibread *r)
{
	if (!r)
		return;
	pdb_chunker_release(&r->chunker);
	pdb_buf_release(&r->chunk.text);
	pdb_layout_release(&r->layout);
	pdb_buf_release(&r->bt_text);
	pdb_buf_release(&r->value);
	fclose(r->errs);
	free(r->errs_buf);
	if (r->lexing)
		bt_parse_entry_s(NULL, NULL, 1, 0, NULL);	/* frees the lexer's buffer */
	bt_delete_all_macros();
	reader_open = 0;
	free(r);
}

void pdb_bibread_set_known(struct pdb_bibread *r, pdb_known_fn *known, void *ctx)
{
	r->known = known;
	r->known_ctx = ctx;
}

void pdb_bibread_btparse_only(struct pdb_bibread *r)
{
	r->btparse_only = 1;
}

unsigned long pdb_bibread_skipped(const struct pdb_bibread *r)
{
	return r->skipped;
}

/* The span of s as e's own string. */
static char *span_dup(struct pdb_entry *e, const char *s, struct pdb_span sp)
{
	return pdb_entry_strndup(e, s + sp.off, sp.len);
}

static int span_is(const char *s, struct pdb_span sp, const char *word)
{
	return sp.len == strlen(word) && strncasecmp(s + sp.off, word, sp.len) == 0;
}

static const char *entry_label(struct pdb_bibread *r, struct pdb_buf *label)
{
	const char *s = r->chunk.text.s;
	struct pdb_layout *l = &r->layout;

	pdb_buf_reset(label);
	if (l->key.len && l->key.len < 200)
		pdb_buf_addf(label, "entry '%.*s'", (int)l->key.len, s + l->key.off);
	else
		pdb_buf_addf(label, "'@%.*s' entry", (int)l->type.len, s + l->type.off);
	return pdb_buf_str(label);
}

static void skip_entry(struct pdb_bibread *r, unsigned long line, const char *fmt,
		       const char *detail)
{
	struct pdb_buf label = PDB_BUF_INIT;

	pdb_diag_report(r->diag, PDB_ERROR, r->name, line, fmt,
			entry_label(r, &label), detail);
	pdb_buf_release(&label);
	r->skipped++;
}

/*
 * The text btparse parses for fields [from, to): the entry's head with a
 * neutral key (btparse rejects keys such as O'Neil2020 that BibTeX takes;
 * pubdb keeps the key from its own scan), then each field as written,
 * on its own line of the file so that btparse's line numbers are right,
 * with the commas a hand-edited file may have forgotten.
 */
static void build_bt_text(struct pdb_bibread *r, size_t from, size_t to)
{
	const char *s = r->chunk.text.s;
	const struct pdb_layout *l = &r->layout;
	struct pdb_buf *b = &r->bt_text;
	unsigned long line = r->chunk.line;

	pdb_buf_reset(b);
	pdb_buf_addc(b, '@');
	pdb_buf_add(b, s + l->type.off, l->type.len);
	pdb_buf_addc(b, '{');
	if (l->key.len) {
		for (size_t i = 0; i < l->key.len; i++)
			pdb_buf_addc(b, 'k');
		pdb_buf_addc(b, ',');
	}
	for (size_t i = from; i < to; i++) {
		const struct pdb_field_span *f = &l->fields[i];

		for (; line < f->line; line++)
			pdb_buf_addc(b, '\n');
		pdb_buf_add(b, s + f->name.off, f->name.len);
		pdb_buf_adds(b, " = ");
		pdb_buf_add(b, s + f->value.off, f->value.len);
		pdb_buf_addc(b, ',');
		line += pdb_count_lines(s + f->value.off, f->value.len);
	}
	pdb_buf_addc(b, '}');
}

/*
 * The expanded text of a btparse value (one node after BTO_FULL), braced
 * when it stands for raw text pubdb's scan could not place, as e's own
 * string (NULL: out of memory). It is built in r->value, which keeps its
 * memory from value to value.
 */
static char *value_text(struct pdb_bibread *r, struct pdb_entry *e, AST *node, int braced)
{
	struct pdb_buf *b = &r->value;
	bt_nodetype type;
	char *text;
	AST *v = NULL;

	pdb_buf_reset(b);
	if (braced)
		pdb_buf_addc(b, '{');
	while ((v = bt_next_value(node, v, &type, &text)))
		if (text)
			pdb_buf_adds(b, text);
	if (braced)
		pdb_buf_addc(b, '}');
	if (pdb_buf_failed(b))
		return NULL;
	text = pdb_entry_strndup(e, pdb_buf_str(b), b->len);
	show_percent(text);
	return text;
}

/*
 * A carriage return is white space to BibTeX; btparse drops it from
 * strings ("A\r\rB" is "AB") and, after a syntax error, reads past the end
 * of a string that ends in one. It gets a space instead.
 */
static void carriage_returns_to_spaces(struct pdb_buf *b)
{
	for (char *p = b->s; (p = memchr(p, '\r', b->len - (size_t)(p - b->s))); p++)
		*p = ' ';
}

static AST *parse_capturing_stderr(struct pdb_bibread *r, struct pdb_buf *text, boolean *ok)
{
	FILE *saved = stderr;
	AST *ast;

	carriage_returns_to_spaces(text);
	hide_percent_in_strings(text);
	rewind(r->errs);
	stderr = r->errs;
	ast = bt_parse_entry_s(text->s, (char *)BT_NAME, (int)r->chunk.line, 0, ok);
	r->lexing = 1;
	fflush(r->errs);
	stderr = saved;
	capture_lines(r->errs_buf, r->errs_len);
	return ast;
}

/* Defines a macro btparse left without text (see below) as empty. */
static void empty_if_textless(void *ctx, const char *name, size_t n)
{
	char *s = strndup(name, n);

	(void)ctx;
	if (s && bt_macro_text(s, NULL, 0) == NULL) {
		bt_delete_macro(s);
		bt_add_macro_text(s, (char *)"", NULL, 0);
	}
	free(s);
}

/*
 * A @string skipped for an error may still have defined its macros, those
 * before the error without text; btparse crashes on their next use. They
 * are defined again as empty: the names the scan found in fields [from,
 * to) (to = 0: all), or when the scan failed, every name written before
 * an '='. (bt_macro_text warns on stderr about names never defined: the
 * warning goes to the discarded capture stream.)
 */
static void empty_textless_macros(struct pdb_bibread *r, size_t from, size_t to)
{
	const char *s = r->chunk.text.s;
	FILE *saved = stderr;

	if (to == 0)
		to = r->layout.nfields;
	stderr = r->errs;
	if (!r->layout.ok)
		pdb_each_assignment(s, r->chunk.text.len, empty_if_textless, NULL);
	for (size_t i = from; i < to && i < r->layout.nfields; i++)
		empty_if_textless(NULL, s + r->layout.fields[i].name.off,
				  r->layout.fields[i].name.len);
	fflush(r->errs);
	stderr = saved;
}

/*
 * btparse defines a @string's macros as it parses it, and when it meets an
 * error there it can leave one defined without text (empty_textless_macros
 * finds the names it can). So the fields of a @string are first parsed as
 * a regular entry's, which defines nothing: 1 when they parse cleanly, and
 * only then does btparse see the @string itself. The errors are the same
 * (the text keeps its lines); the warnings come from the real parse.
 */
static int string_fields_parse(struct pdb_bibread *r, struct bt_capture *cap)
{
	const char *s = r->bt_text.s;
	size_t open = strcspn(s, "{(");
	struct pdb_buf text = PDB_BUF_INIT;
	boolean ok = 1;
	AST *ast;

	pdb_buf_addf(&text, "@string_fields%c k, ", s[open]);
	pdb_buf_adds(&text, s + open + (s[open] != '\0'));
	if (pdb_buf_failed(&text)) {
		pdb_buf_release(&text);
		return 0;
	}
	cap->quiet = 1;
	ast = parse_capturing_stderr(r, &text, &ok);
	cap->quiet = 0;
	if (!ok && cap->errors == 0)
		capture_error(1, r->chunk.line, "syntax error");
	if (ast)
		bt_free_ast(ast);
	pdb_buf_release(&text);
	return cap->errors == 0;
}

/* Parses r->bt_text, fields [from, to) of the entry (to = 0: as written), into e. */
static int parse_fields(struct pdb_bibread *r, struct bt_capture *cap,
			struct pdb_entry *e, size_t from, size_t to)
{
	boolean ok = 1;
	AST *ast = NULL;
	int rc = 0;
	size_t fi = from;
	char *name;
	AST *f = NULL;

	cap->errors = 0;
	capture = cap;
	ast = parse_capturing_stderr(r, &r->bt_text, &ok);
	if (!ok && cap->errors == 0)
		capture_error(1, r->chunk.line, "syntax error");
	if (!ast || cap->errors) {
		if (e->kind == PDB_ENTRY_STRING)
			empty_textless_macros(r, from, to);
		goto out;
	}
	if (e->kind == PDB_ENTRY_PREAMBLE) {
		struct pdb_span body = r->layout.body;

		rc = pdb_entry_add_field(e, pdb_entry_strdup(e, "preamble"),
					 span_dup(e, r->chunk.text.s, body), value_text(r, e, ast, 0),
					 r->chunk.line);
		goto out;
	}
	while (rc == 0 && (f = bt_next_field(ast, f, &name))) {
		const struct pdb_field_span *sp = fi < to ? &r->layout.fields[fi] : NULL;
		char *raw = sp ? span_dup(e, r->chunk.text.s, sp->value) : value_text(r, e, f, 1);
		char *value = value_text(r, e, f, 0);

		/* a macro defined as an undefined one is stored without text,
		   and btparse crashes on its next use: define it as empty */
		if (e->kind == PDB_ENTRY_STRING && value && !*value) {
			bt_delete_macro(name);
			bt_add_macro_text(name, (char *)"", NULL, 0);
		}
		rc = pdb_entry_add_field(e, pdb_entry_strdup(e, name), raw, value,
					 sp ? sp->line : r->chunk.line);
		fi++;
	}
out:
	if (ast)
		bt_free_ast(ast);
	capture = NULL;
	return rc;
}

/*
 * Parses r->bt_text, fields [from, to) of the entry (to = 0: the text as
 * written), into e. A @string is checked first (string_fields_parse), and
 * then defines its macros one at a time when its fields are known: a macro
 * btparse defines as an undefined one has no text until parse_fields
 * repairs it, and the next macro of the same @string may use it.
 */
static int parse_with_btparse(struct pdb_bibread *r, struct bt_capture *cap,
			      struct pdb_entry *e, size_t from, size_t to)
{
	int rc = 0;

	if (e->kind != PDB_ENTRY_STRING)
		return parse_fields(r, cap, e, from, to);
	cap->errors = 0;
	capture = cap;
	if (!string_fields_parse(r, cap)) {
		capture = NULL;
		return 0;
	}
	if (to == 0)
		return parse_fields(r, cap, e, 0, 0);
	for (size_t i = from; rc == 0 && !cap->errors && i < to; i++) {
		build_bt_text(r, i, i + 1);
		rc = parse_fields(r, cap, e, i, i + 1);
	}
	return rc;
}

static void warn_missing_commas(struct pdb_bibread *r)
{
	struct pdb_buf label = PDB_BUF_INIT;

	for (size_t i = 0; i < r->layout.nmissing; i++)
		pdb_diag_report(r->diag, PDB_WARNING, r->name, r->layout.missing_commas[i],
				"missing ',' in %s; read as if it were there",
				entry_label(r, &label));
	pdb_buf_release(&label);
}

/*
 * Counts the names a @string entry defines against BT_MACRO_NAME_BYTES:
 * 1 if they fit. Without a layout, the whole text is the bound.
 */
static int macro_names_fit(struct pdb_bibread *r)
{
	size_t bytes = 0;

	if (r->layout.ok)
		for (size_t i = 0; i < r->layout.nfields; i++)
			bytes += r->layout.fields[i].name.len + 1;
	else
		bytes = r->chunk.text.len;
	if (bytes > BT_MACRO_NAME_BYTES - r->macro_name_bytes)
		return 0;
	r->macro_name_bytes += bytes;
	return 1;
}

/* Text checks before btparse sees the entry: what would end the process. */
static int precheck(struct pdb_bibread *r)
{
	struct pdb_chunk *ch = &r->chunk;
	const char *nul = memchr(ch->text.s, '\0', ch->text.len);

	if (nul) {
		skip_entry(r, ch->line + pdb_count_lines(ch->text.s, (size_t)(nul - ch->text.s)),
			   "%s contains a NUL byte%s; entry skipped", "");
		return -1;
	}
	if (r->layout.no_key) {
		skip_entry(r, ch->line, "%s has no key%s; entry skipped", "");
		return -1;
	}
	if (!ch->closed) {
		skip_entry(r, ch->line, "%s is not closed%s; entry skipped",
			   r->layout.closer == ')' ? " (missing ')')" : " (missing '}')");
		return -1;
	}
	if (span_is(ch->text.s, r->layout.type, "string") && !macro_names_fit(r)) {
		skip_entry(r, ch->line, "%s defines more macro names than one file may"
			   " hold%s; entry skipped", "");
		return -1;
	}
	if (!r->layout.ok &&
	    pdb_each_assignment(ch->text.s, ch->text.len, NULL, NULL) > BT_MAX_FIELDS) {
		skip_entry(r, ch->line, "%s is malformed and too large to parse%s; entry skipped", "");
		return -1;
	}
	return 0;
}

static void read_as_latin1_if_needed(struct pdb_bibread *r)
{
	struct pdb_chunk *ch = &r->chunk;
	char *utf8;

	if (pdb_utf8_valid(ch->text.s, ch->text.len))
		return;
	utf8 = pdb_latin1_to_utf8(ch->text.s, ch->text.len);
	if (!utf8)
		return;
	if (!r->warned_latin1++)
		pdb_diag_report(r->diag, PDB_WARNING, r->name, ch->line,
				"not valid UTF-8; reading the file as Latin-1");
	pdb_buf_reset(&ch->text);
	pdb_buf_adds(&ch->text, utf8);
	free(utf8);
}

static enum pdb_entry_kind kind_of(const struct pdb_bibread *r)
{
	const char *s = r->chunk.text.s;

	if (span_is(s, r->layout.type, "string"))
		return PDB_ENTRY_STRING;
	if (span_is(s, r->layout.type, "preamble"))
		return PDB_ENTRY_PREAMBLE;
	if (span_is(s, r->layout.type, "comment"))
		return PDB_ENTRY_COMMENT;
	return PDB_ENTRY_REGULAR;
}

static char *lower_dup(struct pdb_entry *e, const char *s, struct pdb_span sp)
{
	char *p = span_dup(e, s, sp);

	for (char *q = p; q && *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return p;
}

/*
 * Plain fields, read without btparse. Most values are braced or quoted
 * strings, numbers and defined macros, joined by '#'; of those, btparse's
 * value (BTO_FULL) is the strings' text between the delimiters with each
 * line break a space and the macros' text, pasted, with runs of spaces
 * squeezed to one and the ends trimmed. pubdb makes that itself, which
 * spares most of what parsing an entry costs. When anything in the entry
 * would make btparse warn (an undefined macro, a line inside a string that
 * starts like "name =") or fail (unbalanced braces), or holds what pubdb
 * leaves to btparse to be safe (a tab, which its lexer makes a space in
 * some places and not in others; a '"' at a braced string's top level,
 * which some versions warn of; a '%' between parts; a name not of letters,
 * digits and _-:.+/), btparse reads the entry as before.
 * tests/unit/test_fastpath.c holds the two to the same output, on every
 * entry of the corpus.
 */

static int ascii_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int ascii_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int name_char(char c)
{
	return ascii_alpha((unsigned char)c) || ascii_digit((unsigned char)c) ||
	       (c != '\0' && strchr("_-:.+/", c));
}

/* A type, field or macro name both scans read as one: a letter, then letters, digits or _-:.+/ */
static int plain_name(const char *s, struct pdb_span sp)
{
	if (sp.len == 0 || !ascii_alpha((unsigned char)s[sp.off]))
		return 0;
	for (size_t i = 1; i < sp.len; i++)
		if (!name_char(s[sp.off + i]))
			return 0;
	return 1;
}

/*
 * btparse warns of a possible runaway string when a line inside a string
 * starts, after spaces, with a name and '='. i is where the line starts,
 * end where the string does.
 */
static int line_looks_like_field(const char *v, size_t i, size_t end)
{
	static const char name_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789:+/'.-";

	while (i < end && (v[i] == ' ' || v[i] == '\r'))
		i++;
	if (i >= end || !ascii_alpha((unsigned char)v[i]))
		return 0;
	while (i < end && v[i] && strchr(name_chars, tolower((unsigned char)v[i])))
		i++;
	while (i < end && (v[i] == ' ' || v[i] == '\r'))
		i++;
	return i < end && v[i] == '=';
}

/*
 * A value as btparse builds it: its parts pasted, then runs of spaces
 * squeezed to one and the ends trimmed (BTO_COLLAPSE), here as the text
 * arrives.
 */
struct collapsed {
	struct pdb_buf *out;
	int after_space;	/* 1 at the start: leading spaces are dropped */
};

static void collapsed_add(struct collapsed *c, char ch)
{
	if (ch == ' ') {
		if (!c->after_space)
			pdb_buf_addc(c->out, ' ');
		c->after_space = 1;
	} else {
		pdb_buf_addc(c->out, ch);
		c->after_space = 0;
	}
}

static int collapsed_end(struct collapsed *c)
{
	if (c->after_space && c->out->len)
		pdb_buf_truncate(c->out, c->out->len - 1);
	return !pdb_buf_failed(c->out);
}

/* Adds n bytes that hold no space (none when n is 0). */
static void collapsed_add_word(struct collapsed *c, const char *s, size_t n)
{
	if (n) {
		pdb_buf_add(c->out, s, n);
		c->after_space = 0;
	}
}

/*
 * The braced or quoted string at v[*i] (before end), its line breaks
 * spaces, into c; *i then just past it. 0 when btparse must read it.
 * The bytes between spaces are added a run at a time, not one by one:
 * the values of an entry are most of what the reader copies.
 */
static int plain_string(const char *v, size_t *i, size_t end, struct collapsed *c)
{
	char opener = v[*i];
	size_t depth = opener == '{';
	size_t run = *i + 1;	/* the first byte not yet added */

	for (size_t k = *i + 1; k < end; k++) {
		unsigned char ch = (unsigned char)v[k];

		if (ch > ' ' && ch != '{' && ch != '}' && ch != '"')
			continue;
		switch (ch) {
		case '{':
			depth++;
			continue;
		case '}':
			if (depth == 0)
				return 0;
			if (--depth == 0 && opener == '{') {
				collapsed_add_word(c, v + run, k - run);
				*i = k + 1;
				return 1;
			}
			continue;
		case '"':
			if (depth != (opener == '{'))
				continue;
			if (opener != '"')
				return 0;
			collapsed_add_word(c, v + run, k - run);
			*i = k + 1;
			return 1;
		case '\n':
			if (line_looks_like_field(v, k + 1, end))
				return 0;
			break;
		case '\r':
		case ' ':
			break;
		default:
			return 0;	/* a control character */
		}
		collapsed_add_word(c, v + run, k - run);
		collapsed_add(c, ' ');
		run = k + 1;
	}
	return 0;
}

/* The text of the macro named v[*i, ...) (before end) into c; 0 when btparse must expand it. */
static int plain_macro(const char *v, size_t *i, size_t end, struct collapsed *c)
{
	char name[64];
	size_t n = 0;
	const char *text;

	while (*i + n < end && n < sizeof(name) - 1 && name_char(v[*i + n]))
		n++;
	if (n == sizeof(name) - 1)
		return 0;
	memcpy(name, v + *i, n);
	name[n] = '\0';
	/* bt_macro_text() warns of an undefined name: that is btparse's to say */
	if (bt_macro_length(name) <= 0 || !(text = bt_macro_text(name, NULL, 0)))
		return 0;
	for (; *text; text++)
		collapsed_add(c, *text == PERCENT_STAND_IN ? '%' : *text);
	*i += n;
	return 1;
}

/* One part of a value at v[*i]: a string, a number or a macro. */
static int plain_part(const char *v, size_t *i, size_t end, struct collapsed *c)
{
	size_t k = *i;

	if (v[k] == '{' || v[k] == '"')
		return plain_string(v, i, end, c);
	if (ascii_alpha((unsigned char)v[k]))
		return plain_macro(v, i, end, c);
	/* a number; the caller sees to it that no letter follows ("2020a" names a macro) */
	while (k < end && ascii_digit((unsigned char)v[k]))
		collapsed_add(c, v[k++]);
	if (k == *i)
		return 0;
	*i = k;
	return 1;
}

static size_t skip_blanks(const char *v, size_t i, size_t end)
{
	while (i < end && v[i] && strchr(" \t\r\n", v[i]))
		i++;
	return i;
}

/* The value btparse gives the value at sp, into out: 1, or 0 when btparse must read it. */
static int plain_value(const char *s, struct pdb_span sp, struct pdb_buf *out)
{
	struct collapsed c = { out, 1 };
	size_t i = sp.off, end = sp.off + sp.len;

	pdb_buf_reset(out);
	for (;;) {
		if (i >= end || !plain_part(s, &i, end, &c))
			return 0;
		i = skip_blanks(s, i, end);
		if (i == end)
			return collapsed_end(&c);
		if (s[i] != '#')
			return 0;
		i = skip_blanks(s, i + 1, end);
	}
}

/*
 * A regular entry's fields into e when every one is plain: 1, 0 when
 * btparse must read the entry (e then has no fields), or PDB_ENOMEM.
 */
static int read_plain_fields(struct pdb_bibread *r, struct pdb_entry *e)
{
	const char *s = r->chunk.text.s;
	const struct pdb_layout *l = &r->layout;

	if (r->btparse_only || e->kind != PDB_ENTRY_REGULAR || !l->ok || l->nfields == 0 ||
	    !plain_name(s, l->type))
		return 0;
	for (size_t i = 0; i < l->nfields; i++) {
		const struct pdb_field_span *f = &l->fields[i];

		if (!plain_name(s, f->name) || !plain_value(s, f->value, &r->value)) {
			e->nfields = 0;
			return 0;
		}
		if (pdb_entry_add_field(e, lower_dup(e, s, f->name), span_dup(e, s, f->value),
					pdb_entry_strndup(e, pdb_buf_str(&r->value), r->value.len),
					f->line) < 0)
			return PDB_ENOMEM;
	}
	return 1;
}

/* Fills e from the current chunk; 1 done, 0 skipped, PDB_BIBREAD_KNOWN, <0 error. */
static int convert_chunk(struct pdb_bibread *r, struct pdb_entry *e)
{
	struct bt_capture cap = { r->diag, r->name, PDB_BUF_INIT, 0, 0, 0 };
	const char *s;
	int rc = 0;

	read_as_latin1_if_needed(r);
	s = r->chunk.text.s;
	if (pdb_layout_scan(&r->layout, s, r->chunk.text.len, r->chunk.line) < 0)
		return PDB_ENOMEM;
	if (precheck(r) < 0)
		return 0;
	warn_missing_commas(r);
	e->kind = kind_of(r);
	e->type = lower_dup(e, s, r->layout.type);
	e->line = r->chunk.line;
	e->source = pdb_entry_strndup(e, s, r->chunk.text.len);
	if (e->kind == PDB_ENTRY_REGULAR)
		e->key = span_dup(e, s, r->layout.key);
	if (!e->type || !e->source || (e->kind == PDB_ENTRY_REGULAR && !e->key))
		return PDB_ENOMEM;
	if (e->kind == PDB_ENTRY_COMMENT)
		return pdb_entry_add_field(e, pdb_entry_strdup(e, "comment"),
					   span_dup(e, s, r->layout.body),
					   span_dup(e, s, r->layout.body), e->line) < 0 ? PDB_ENOMEM : 1;
	if (e->kind == PDB_ENTRY_REGULAR && r->known) {
		rc = r->known(r->known_ctx, e);
		if (rc != 0)
			return rc < 0 ? rc : PDB_BIBREAD_KNOWN;
	}
	rc = read_plain_fields(r, e);
	if (rc != 0)
		return rc;
	if (!r->layout.ok || e->kind == PDB_ENTRY_PREAMBLE) {
		/* btparse sees the text as written and says what is wrong */
		pdb_buf_reset(&r->bt_text);
		pdb_buf_add(&r->bt_text, s, r->chunk.text.len);
		rc = parse_with_btparse(r, &cap, e, 0, 0);
	} else {
		for (size_t from = 0; rc == 0 && !cap.errors; from += BT_MAX_FIELDS) {
			size_t to = from + BT_MAX_FIELDS;

			if (to > r->layout.nfields)
				to = r->layout.nfields;
			build_bt_text(r, from, to);
			rc = parse_with_btparse(r, &cap, e, from, to);
			if (to == r->layout.nfields)
				break;
		}
	}
	if (rc == 0 && cap.errors) {
		skip_entry(r, cap.first_error_line ? cap.first_error_line : r->chunk.line,
			   "%s skipped: %s", pdb_buf_str(&cap.first_error));
		rc = 0;
	} else if (rc == 0) {
		rc = 1;
	}
	pdb_buf_release(&cap.first_error);
	return rc;
}

int pdb_bibread_next(struct pdb_bibread *r, struct pdb_entry *e)
{
	for (;;) {
		int rc;

		pdb_entry_clear(e);
		rc = pdb_chunker_next(&r->chunker, &r->chunk);
		if (rc <= 0)
			return rc;
		if (pdb_buf_failed(&r->chunk.text))
			return PDB_ENOMEM;
		rc = convert_chunk(r, e);
		if (rc != 0)
			return rc;
	}
}
