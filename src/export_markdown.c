/*
 * The markdown format: a publication list to paste into a CV or a web page,
 * laid out like the seed CV (shared/seed-cv.md):
 *
 *   #### Title
 *
 *   Given Family\*, **Owner Name**\*, Given Family  
 *   International Conference on Machine Learning (ICML), 2025. [[arxiv]](url) [[code]](url)
 *
 *   Selected as **Spotlight Paper** in ICML 2025.
 *
 * The owner (pdb_person.me) is in bold, equal contributors carry \*, and
 * the award line comes only with "award:" tags. Each entry is a template
 * (opts->template_text, else default_template below) rendered with the
 * entry's values; --number counts down from the total to 1 and
 * --max-authors shortens long author lists without hiding the owner.
 * With --group-by, a "### KEY" heading opens each group ("### *Topic*"
 * for topics), outside the template. Exporters stream, so a heading is
 * printed whenever the group key differs from the previous record's: the
 * caller orders the records so that groups are contiguous.
 */
#include "pubdb/export.h"

#include "pubdb/buf.h"
#include "pubdb/record.h"
#include "pubdb/texnorm.h"

#include <stdlib.h>
#include <string.h>

/* The placeholders: what an entry template can show or test. */
enum md_field {
	F_AUTHORS, F_AWARD, F_KEY, F_LINKS, F_MONTH, F_NOTE, F_NUMBER, F_TITLE, F_TYPE,
	F_VENUE, F_VENUE_FULL, F_VENUE_SHORT, F_YEAR,
	/* one link each (pdb_record_link), named as the link */
	F_URL, F_DOI, F_ARXIV, F_PDF, F_CODE, F_WEBSITE, F_POSTER, F_SLIDES, F_VIDEO, F_HTML,
	MD_NFIELDS
};

/* a section's condition is a bit set of fields */
_Static_assert(MD_NFIELDS <= 32, "fields must fit in an unsigned long");

static const char *const field_names[MD_NFIELDS] = {
	"authors", "award", "key", "links", "month", "note", "number", "title", "type",
	"venue", "venue_full", "venue_short", "year",
	"url", "doi", "arxiv", "pdf", "code", "website", "poster", "slides", "video", "html",
};

enum md_part_kind {
	MD_TEXT,	/* literal Markdown */
	MD_FIELD,	/* {name} */
	MD_IF_ANY,	/* {?a|b}: the section is kept when a or b has a value */
	MD_IF_NONE,	/* {!a|b}: ... when neither has */
	MD_END,		/* {/} */
};

struct md_part {
	enum md_part_kind kind;
	size_t text, len;		/* MD_TEXT: a span of md_template.text */
	enum md_field field;		/* MD_FIELD */
	unsigned long fields;		/* MD_IF_*: bit (1 << field) for each field tested */
	size_t end;			/* MD_IF_*: index of its MD_END; 0 while open */
	/* MD_IF_*, while compiling: where it is, for messages and {/name} */
	unsigned long line, column;
	size_t cond, cond_len;
};

/* A compiled template: rendering is one loop over its parts. */
struct md_template {
	struct pdb_buf text;
	struct md_part *parts;
	size_t nparts, alloc;
	unsigned long used;		/* the fields it shows or tests */
};

struct md_state {
	struct md_template tpl;
	struct pdb_buf values[MD_NFIELDS];	/* the entry's values, Markdown-ready */
	struct pdb_buf text;	/* the entry being built */
	struct pdb_buf group;	/* the previous record's group key */
	int have_group;
	unsigned char *shown;	/* --max-authors: which authors are shown */
	size_t shown_alloc;
};

/*
 * The layout of the seed CV, as a template: "[N] " before the title with
 * --number; the authors line ends in a Markdown line break ("  ") only
 * when the venue line follows; "Venue, 2025." loses its comma or full
 * stop with what it lacks; the blank line and the award paragraph come
 * only with something to separate or show.
 */
static const char default_template[] =
	"#### {?number}[{number}] {/}{?title}{title}{/}{!title}{key}{/}\n"
	"\n"
	"{?authors}{authors}{?venue|year|links}  {/}\n{/}"
	"{?venue|year|links}"
		"{venue}{?venue}{?year}, {/}{/}{year}{?venue|year}.{?links} {/}{/}{links}\n"
	"{/}"
	"{?authors|venue|year|links}\n{/}"
	"{?award}{award}\n\n{/}";

/* ---- escaping ---- */

/* Length of the $...$ or $$...$$ span at s, 0 if s does not start one. */
static size_t math_span_len(const char *s)
{
	size_t open = s[1] == '$' ? 2 : 1;
	const char *close = strstr(s + open, open == 2 ? "$$" : "$");

	if (!close || close == s + open)
		return 0;
	return (size_t)(close - s) + open;
}

/* Appends s with Markdown's specials backslash-escaped; math spans stay as written. */
static void add_escaped(struct pdb_buf *b, const char *s)
{
	while (*s) {
		size_t math = *s == '$' ? math_span_len(s) : 0;

		if (math) {
			pdb_buf_add(b, s, math);
			s += math;
			continue;
		}
		if (strchr("\\*_[]<>#|`", *s))
			pdb_buf_addc(b, '\\');
		pdb_buf_addc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
		s++;
	}
}

/* Appends url as a link destination: spaces encoded, delimiters escaped. */
static void add_url(struct pdb_buf *b, const char *url)
{
	for (; *url; url++) {
		unsigned char c = (unsigned char)*url;

		if (c <= ' ' || c == 0x7f)
			pdb_buf_addf(b, "%%%02X", c);
		else if (strchr("\\()<>", c))
			pdb_buf_addf(b, "\\%c", c);
		else
			pdb_buf_addc(b, (char)c);
	}
}

/* ---- one entry ---- */

static void add_part(struct pdb_buf *b, const char *sep, const char *part, int *first)
{
	if (!part || !*part)
		return;
	if (!*first)
		pdb_buf_adds(b, sep);
	add_escaped(b, part);
	*first = 0;
}

/*
 * "Given von Family, Jr", empty parts skipped, in bold for the owner,
 * followed by \* for an equal contributor.
 */
static void add_person(struct pdb_buf *b, const struct pdb_person *p)
{
	int first = 1;
	size_t start;

	if (p->me)
		pdb_buf_adds(b, "**");
	start = b->len;
	add_part(b, " ", p->given, &first);
	add_part(b, " ", p->von, &first);
	add_part(b, " ", p->family, &first);
	add_part(b, ", ", p->jr, &first);
	if (b->len == start && p->raw)
		add_escaped(b, p->raw);
	if (p->me)
		pdb_buf_adds(b, "**");
	if (p->equal)
		pdb_buf_adds(b, "\\*");
}

static void show_author(unsigned char *shown, size_t i, size_t *left)
{
	if (*left && !shown[i]) {
		shown[i] = 1;
		(*left)--;
	}
}

/*
 * Which of more than max authors are shown: the places go to the owner
 * (every author marked so), then the first author, then the last, then
 * the second, third, ... until max are taken.
 */
static void choose_authors(const struct pdb_record *rec, size_t max, unsigned char *shown)
{
	size_t n = rec->nauthors, left = max;

	memset(shown, 0, n);
	for (size_t i = 0; i < n; i++)
		if (rec->authors[i].me)
			show_author(shown, i, &left);
	show_author(shown, 0, &left);
	show_author(shown, n - 1, &left);
	for (size_t i = 1; i + 1 < n; i++)
		show_author(shown, i, &left);
}

/*
 * The authors, separated by ", "; with more than max of them (max > 0),
 * only those choose_authors() picks, each run of hidden ones an "…".
 */
static int add_authors(struct md_state *st, struct pdb_buf *b, const struct pdb_record *rec,
		       size_t max)
{
	size_t n = rec->nauthors;
	int cut = max > 0 && n > max;

	if (cut) {
		if (pdb_reserve(&st->shown, &st->shown_alloc, n, 1) < 0)
			return PDB_ENOMEM;
		choose_authors(rec, max, st->shown);
	}
	for (size_t i = 0; i < n; i++) {
		int shown = !cut || st->shown[i];

		if (!shown && i > 0 && !st->shown[i - 1])
			continue;	/* one "…" for the whole run */
		if (i > 0)
			pdb_buf_adds(b, ", ");
		if (shown)
			add_person(b, &rec->authors[i]);
		else
			pdb_buf_adds(b, "\u2026");
	}
	return 0;
}

static int nonempty(const char *s)
{
	return s && *s;
}

/*
 * The venue as a CV names it: "Full Name (SHORT)" for a recognised venue,
 * "arXiv" when the full name is the short one, else (a workshop, an
 * unknown venue) the entry's own venue text; nothing when there is none.
 */
static void add_venue(struct pdb_buf *b, const struct pdb_record *rec)
{
	const char *short_name = pdb_record_venue_short(rec);
	const char *full = short_name ? rec->venue_full : NULL;

	if (nonempty(full) && strcmp(full, short_name) != 0) {
		add_escaped(b, full);
		pdb_buf_adds(b, " (");
		add_escaped(b, short_name);
		pdb_buf_addc(b, ')');
	} else if (short_name) {
		add_escaped(b, short_name);
	} else if (nonempty(rec->venue)) {
		add_escaped(b, rec->venue);
	}
}

/*
 * "Selected as **A** and **B** in ICML 2024.": the awards in tag order,
 * where the short venue name (else the entry's venue text) and the year;
 * nothing without an award.
 */
static void add_awards(struct pdb_buf *b, const struct pdb_record *rec)
{
	const char *where = pdb_record_venue_short(rec);
	size_t n = 0, total = 0;

	for (size_t i = 0; i < rec->ntags; i++)
		total += pdb_tag_value(rec->tags[i], PDB_TAG_AWARD) != NULL;
	if (!total)
		return;
	pdb_buf_adds(b, "Selected as ");
	for (size_t i = 0; i < rec->ntags; i++) {
		const char *award = pdb_tag_value(rec->tags[i], PDB_TAG_AWARD);

		if (!award)
			continue;
		if (n)
			pdb_buf_adds(b, n + 1 == total ? " and " : ", ");
		pdb_buf_adds(b, "**");
		add_escaped(b, award);
		pdb_buf_adds(b, "**");
		n++;
	}
	if (!where && nonempty(rec->venue))
		where = rec->venue;
	if (where || rec->year)
		pdb_buf_adds(b, " in ");
	if (where)
		add_escaped(b, where);
	if (rec->year)
		pdb_buf_addf(b, where ? " %d" : "%d", rec->year);
	pdb_buf_addc(b, '.');
}

static void add_link(struct pdb_buf *b, const char *name, const char *url)
{
	if (b->len)
		pdb_buf_addc(b, ' ');
	pdb_buf_addf(b, "[[%s]](", name);
	add_url(b, url);
	pdb_buf_addc(b, ')');
}

/* The links, in the seed's order; url only when there is no other. */
static int add_links(struct pdb_buf *b, const struct pdb_record *rec)
{
	static const char *const names[] = {
		"arxiv", "code", "website", "pdf", "poster", "slides", "video", "html",
	};
	struct pdb_buf url = PDB_BUF_INIT;
	int any = 0, rc = 0;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && rc >= 0; i++) {
		rc = pdb_record_link(rec, names[i], &url);
		if (rc > 0) {
			add_link(b, names[i], pdb_buf_str(&url));
			any = 1;
		}
	}
	if (rc >= 0 && !any) {
		rc = pdb_record_link(rec, "url", &url);
		if (rc > 0)
			add_link(b, "url", pdb_buf_str(&url));
	}
	pdb_buf_release(&url);
	return rc < 0 ? rc : 0;
}

/* ---- the entry's values ---- */

/* The link called name, as a link destination; nothing when there is none. */
static int add_link_url(struct pdb_buf *b, const struct pdb_record *rec, const char *name)
{
	struct pdb_buf url = PDB_BUF_INIT;
	int rc = pdb_record_link(rec, name, &url);

	if (rc > 0)
		add_url(b, pdb_buf_str(&url));
	pdb_buf_release(&url);
	return rc < 0 ? rc : 0;
}

/* A field's value in Unicode, escaped; nothing when there is none. */
static int add_field_text(struct pdb_buf *b, const struct pdb_record *rec, const char *name)
{
	const char *value = pdb_record_get(rec, name);
	char *text;

	if (!value)
		return 0;
	text = pdb_tex_to_utf8(value);
	if (!text)
		return PDB_ENOMEM;
	add_escaped(b, text);
	free(text);
	return 0;
}

/* The venue's short name; the entry's venue text when it has none. */
static void add_venue_short(struct pdb_buf *b, const struct pdb_record *rec)
{
	const char *name = pdb_record_venue_short(rec);

	if (!name)
		name = rec->venue;
	if (nonempty(name))
		add_escaped(b, name);
}

/* The value of placeholder f for rec into b (empty when there is none). */
static int add_value(struct pdb_export *x, struct pdb_buf *b, enum md_field f,
		     const struct pdb_record *rec)
{
	struct md_state *st = x->priv;

	switch (f) {
	case F_AUTHORS:
		return add_authors(st, b, rec, x->opts ? (size_t)x->opts->max_authors : 0);
	case F_AWARD:
		add_awards(b, rec);
		break;
	case F_KEY:
		if (rec->key)
			add_escaped(b, rec->key);
		break;
	case F_LINKS:
		return add_links(b, rec);
	case F_MONTH:
		if (rec->month >= 1 && rec->month <= 12)
			pdb_buf_adds(b, pdb_month_names[rec->month - 1]);
		break;
	case F_NOTE:
		return add_field_text(b, rec, "note");
	case F_NUMBER:
		/* counts down: the first entry gets the total, the last 1 */
		if (x->opts && x->opts->number && x->total > x->count)
			pdb_buf_addf(b, "%lu", x->total - x->count);
		break;
	case F_TITLE:
		if (rec->title)
			add_escaped(b, rec->title);
		break;
	case F_TYPE:
		if (rec->type)
			add_escaped(b, rec->type);
		break;
	case F_VENUE:
		add_venue(b, rec);
		break;
	case F_VENUE_FULL:
		if (pdb_record_venue_full(rec))
			add_escaped(b, pdb_record_venue_full(rec));
		break;
	case F_VENUE_SHORT:
		add_venue_short(b, rec);
		break;
	case F_YEAR:
		if (rec->year)
			pdb_buf_addf(b, "%d", rec->year);
		break;
	default:
		return add_link_url(b, rec, field_names[f]);
	}
	return 0;
}

/* ---- the entry template ---- */

/*
 * An entry's layout is a template: Markdown written as it should appear,
 * with {name} for the entry's values (escaped for Markdown), {{ and }}
 * for literal braces, and sections: {?a|b}...{/} keeps its content when
 * a or b has a value, {!a|b}...{/} when neither has ({/a|b} may repeat
 * the condition). Sections test for empty values and nothing else: that
 * is all it takes to leave no dangling ", " or "." behind (the default
 * layout needs nothing more), and it stays small enough for users to
 * learn from one paragraph. A line holding nothing but a section tag
 * leaves no blank line behind, so sections can sit on lines of their own.
 *
 * The template is compiled before anything is written, so that a mistake
 * in it is reported as "FILE:LINE:COLUMN: error: ..." with no output.
 */
struct md_compiler {
	struct md_template *t;
	const char *src, *name;	/* the template's text and where it came from */
	const char *line_start;
	unsigned long line;
	struct pdb_buf pending;	/* literal text not yet a part */
	struct pdb_diag *diag;
};

/* Characters, not bytes: UTF-8 continuation bytes do not count. */
static unsigned long column_of(const struct md_compiler *c, const char *at)
{
	unsigned long col = 1;

	for (const char *p = c->line_start; p < at; p++)
		col += ((unsigned char)*p & 0xc0) != 0x80;
	return col;
}

static int compile_error(struct md_compiler *c, const char *at, const char *fmt, const char *arg)
{
	pdb_diag_report_at(c->diag, PDB_ERROR, c->name, c->line, column_of(c, at), fmt, arg);
	return PDB_EDATA;
}

static struct md_part *new_part(struct md_compiler *c, enum md_part_kind kind)
{
	struct md_template *t = c->t;
	struct md_part *part;

	if (pdb_reserve(&t->parts, &t->alloc, t->nparts + 1, sizeof(*t->parts)) < 0)
		return NULL;
	part = &t->parts[t->nparts++];
	memset(part, 0, sizeof(*part));
	part->kind = kind;
	return part;
}

/* The pending literal text becomes a part. */
static int flush_text(struct md_compiler *c)
{
	struct md_part *part;

	if (!c->pending.len)
		return 0;
	part = new_part(c, MD_TEXT);
	if (!part)
		return PDB_ENOMEM;
	part->text = c->t->text.len;
	part->len = c->pending.len;
	pdb_buf_add(&c->t->text, c->pending.s, c->pending.len);
	pdb_buf_reset(&c->pending);
	return pdb_buf_failed(&c->t->text) ? PDB_ENOMEM : 0;
}

static int lookup_field(const char *name, size_t len)
{
	for (int f = 0; f < MD_NFIELDS; f++)
		if (strlen(field_names[f]) == len && memcmp(field_names[f], name, len) == 0)
			return f;
	return -1;
}

static int unknown_name(struct md_compiler *c, const char *at, const char *name, size_t len)
{
	struct pdb_buf msg = PDB_BUF_INIT;
	int rc;

	pdb_buf_adds(&msg, "unknown placeholder '");
	pdb_buf_add(&msg, name, len);
	pdb_buf_adds(&msg, "' (");
	for (int f = 0; f < MD_NFIELDS; f++)
		pdb_buf_addf(&msg, "%s%s", f ? ", " : "", field_names[f]);
	pdb_buf_addc(&msg, ')');
	rc = pdb_buf_failed(&msg) ? PDB_ENOMEM : compile_error(c, at, "%s", pdb_buf_str(&msg));
	pdb_buf_release(&msg);
	return rc;
}

/* "a|b" into a set of fields. */
static int parse_condition(struct md_compiler *c, const char *tag, const char *s, size_t len,
			   unsigned long *fields)
{
	const char *end = s + len;

	*fields = 0;
	while (s <= end) {
		const char *bar = memchr(s, '|', (size_t)(end - s));
		size_t n = (size_t)((bar ? bar : end) - s);
		int f = lookup_field(s, n);

		if (f < 0)
			return unknown_name(c, tag, s, n);
		*fields |= 1ul << f;
		s += n + 1;
	}
	return 0;
}

/* The innermost section still open, or NULL. */
static struct md_part *open_section(struct md_template *t)
{
	for (size_t i = t->nparts; i-- > 0;)
		if (t->parts[i].kind != MD_TEXT && t->parts[i].kind != MD_FIELD &&
		    t->parts[i].kind != MD_END && t->parts[i].end == 0)
			return &t->parts[i];
	return NULL;
}

/* {/} or {/a|b}: closes the innermost section. */
static int close_section(struct md_compiler *c, const char *tag, const char *name, size_t len)
{
	struct md_part *open = open_section(c->t);
	size_t index;

	if (!open)
		return compile_error(c, tag, "'%s' closes no section", "{/}");
	if (len && (len != open->cond_len || memcmp(name, c->src + open->cond, len) != 0)) {
		pdb_diag_report_at(c->diag, PDB_ERROR, c->name, c->line, column_of(c, tag),
				   "'{/%.*s}' does not close '{%c%.*s}' (line %lu)", (int)len, name,
				   open->kind == MD_IF_ANY ? '?' : '!', (int)open->cond_len,
				   c->src + open->cond, open->line);
		return PDB_EDATA;
	}
	index = (size_t)(open - c->t->parts);
	if (!new_part(c, MD_END))
		return PDB_ENOMEM;
	c->t->parts[index].end = c->t->nparts - 1;
	return 0;
}

static int open_section_tag(struct md_compiler *c, const char *tag, enum md_part_kind kind,
			    const char *cond, size_t len)
{
	unsigned long fields;
	struct md_part *part;
	int rc = parse_condition(c, tag, cond, len, &fields);

	if (rc < 0)
		return rc;
	part = new_part(c, kind);
	if (!part)
		return PDB_ENOMEM;
	part->fields = fields;
	part->line = c->line;
	part->column = column_of(c, tag);
	part->cond = (size_t)(cond - c->src);
	part->cond_len = len;
	c->t->used |= fields;
	return 0;
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/*
 * A section tag alone on its line (but for spaces and tabs) takes the
 * line with it: returns where the next line starts (or the end of the
 * text), NULL when the tag shares its line. end is just past the tag.
 */
static const char *standalone_end(const struct md_compiler *c, const char *tag, const char *end)
{
	const char *p = c->line_start;

	while (p < tag && is_blank(*p))
		p++;
	while (is_blank(*end))
		end++;
	if (end[0] == '\r' && end[1] == '\n')
		end++;
	if (p != tag || (*end != '\n' && *end != '\0'))
		return NULL;
	return *end == '\n' ? end + 1 : end;
}

/* {?a|b}, {!a|b} or {/...} at tag, name just past its first character. */
static int compile_section_tag(struct md_compiler *c, const char *tag, const char *name,
			       size_t len, const char **pos)
{
	const char *next_line = standalone_end(c, tag, *pos);
	int rc;

	if (next_line)	/* its leading blanks go too */
		pdb_buf_truncate(&c->pending, c->pending.len - (size_t)(tag - c->line_start));
	rc = flush_text(c);
	if (rc == 0 && *name == '/')
		rc = close_section(c, tag, name + 1, len - 1);
	else if (rc == 0)
		rc = open_section_tag(c, tag, *name == '?' ? MD_IF_ANY : MD_IF_NONE, name + 1,
				      len - 1);
	if (rc == 0 && next_line) {
		if (next_line[-1] == '\n') {
			c->line++;
			c->line_start = next_line;
		}
		*pos = next_line;
	}
	return rc;
}

/* The tag at *pos ("{...}"); *pos is moved past it. */
static int compile_tag(struct md_compiler *c, const char **pos)
{
	const char *tag = *pos, *name = tag + 1, *close = name;
	size_t len;
	int rc, f;

	while (*close && *close != '}' && *close != '{' && *close != '\n')
		close++;
	if (*close != '}')
		return compile_error(c, tag, "%s", "unclosed '{' (write '{{' for a literal brace)");
	len = (size_t)(close - name);
	*pos = close + 1;
	if (len == 0)
		return compile_error(c, tag, "%s", "empty placeholder '{}'");
	if (*name == '?' || *name == '!' || *name == '/')
		return compile_section_tag(c, tag, name, len, pos);
	f = lookup_field(name, len);
	if (f < 0)
		return unknown_name(c, tag, name, len);
	rc = flush_text(c);
	if (rc == 0 && !new_part(c, MD_FIELD))
		rc = PDB_ENOMEM;
	if (rc == 0) {
		c->t->parts[c->t->nparts - 1].field = (enum md_field)f;
		c->t->used |= 1ul << f;
	}
	return rc;
}

static int compile_text(struct md_compiler *c)
{
	const char *p = c->src;
	int rc = 0;

	while (*p && rc == 0) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			pdb_buf_addc(&c->pending, *p);
			p += 2;
		} else if (*p == '{') {
			rc = compile_tag(c, &p);
		} else if (*p == '}') {
			rc = compile_error(c, p, "%s", "unmatched '}' (write '}}' for a literal brace)");
		} else {
			pdb_buf_addc(&c->pending, *p);
			if (*p++ == '\n') {
				c->line++;
				c->line_start = p;
			}
		}
	}
	if (rc == 0)
		rc = flush_text(c);
	return rc;
}

/* Compiles src (name: where it came from) into t; errors go to diag. */
static int compile_template(struct md_template *t, const char *src, const char *name,
			    struct pdb_diag *diag)
{
	/* a UTF-8 byte-order mark is no text */
	const char *text = strncmp(src, "\xef\xbb\xbf", 3) == 0 ? src + 3 : src;
	struct md_compiler c = { t, text, name, text, 1, PDB_BUF_INIT, diag };
	int rc = compile_text(&c);
	const struct md_part *open = rc == 0 ? open_section(t) : NULL;

	if (open) {
		pdb_diag_report_at(diag, PDB_ERROR, name, open->line, open->column,
				   "section '{%c%.*s}' is not closed ('{/}' closes it)",
				   open->kind == MD_IF_ANY ? '?' : '!', (int)open->cond_len,
				   c.src + open->cond);
		rc = PDB_EDATA;
	}
	if (rc == 0 && (pdb_buf_failed(&c.pending) || pdb_buf_failed(&t->text)))
		rc = PDB_ENOMEM;
	pdb_buf_release(&c.pending);
	return rc;
}

static void template_release(struct md_template *t)
{
	pdb_buf_release(&t->text);
	free(t->parts);
	memset(t, 0, sizeof(*t));
}

/* ---- one entry ---- */

static int any_value(const struct md_state *st, unsigned long fields)
{
	for (int f = 0; f < MD_NFIELDS; f++)
		if ((fields & (1ul << f)) && st->values[f].len)
			return 1;
	return 0;
}

/* The entry's values of every field the template uses, then the template's parts. */
static int add_entry(struct pdb_export *x, const struct pdb_record *rec)
{
	struct md_state *st = x->priv;
	const struct md_template *t = &st->tpl;
	int rc = 0;

	for (int f = 0; f < MD_NFIELDS && rc == 0; f++) {
		pdb_buf_reset(&st->values[f]);
		if (t->used & (1ul << f))
			rc = add_value(x, &st->values[f], (enum md_field)f, rec);
		if (rc == 0 && pdb_buf_failed(&st->values[f]))
			rc = PDB_ENOMEM;
	}
	for (size_t i = 0; i < t->nparts && rc == 0; i++) {
		const struct md_part *part = &t->parts[i];
		const struct pdb_buf *value;

		switch (part->kind) {
		case MD_TEXT:
			pdb_buf_add(&st->text, t->text.s + part->text, part->len);
			break;
		case MD_FIELD:
			value = &st->values[part->field];
			if (value->len)
				pdb_buf_add(&st->text, value->s, value->len);
			break;
		case MD_IF_ANY:
		case MD_IF_NONE:
			if (any_value(st, part->fields) != (part->kind == MD_IF_ANY))
				i = part->end;	/* skip the section */
			break;
		case MD_END:
			break;
		}
	}
	return rc;
}

/* ---- grouping ---- */

/* The record's group key into key; empty when not grouping. */
static void group_key(enum pdb_group_by by, const struct pdb_record *rec, struct pdb_buf *key)
{
	const char *name;

	switch (by) {
	case PDB_GROUP_NONE:
		break;
	case PDB_GROUP_YEAR:
		if (rec->year)
			pdb_buf_addf(key, "%d", rec->year);
		else
			pdb_buf_adds(key, "Undated");
		break;
	case PDB_GROUP_TYPE:
		pdb_buf_adds(key, rec->type && *rec->type ? rec->type : "Other");
		break;
	case PDB_GROUP_VENUE:
		name = pdb_record_venue_short(rec);
		if (!name)
			name = nonempty(rec->venue) ? rec->venue : "Other";
		pdb_buf_adds(key, name);
		break;
	case PDB_GROUP_TOPIC:
		name = pdb_record_first_tag(rec, PDB_TAG_TOPIC);
		pdb_buf_adds(key, name ? name : "Other");
		break;
	}
}

/*
 * Adds a "### KEY" heading when the record starts a new group; topics are
 * in italics, as in the seed CV: "### *Efficient Video Generation*".
 */
static int add_heading(struct md_state *st, enum pdb_group_by by, const struct pdb_record *rec)
{
	const char *emphasis = by == PDB_GROUP_TOPIC ? "*" : "";
	struct pdb_buf key = PDB_BUF_INIT;
	int rc = 0;

	if (by == PDB_GROUP_NONE)
		goto out;
	group_key(by, rec, &key);
	if (!st->have_group || strcmp(pdb_buf_str(&key), pdb_buf_str(&st->group)) != 0) {
		pdb_buf_addf(&st->text, "### %s", emphasis);
		add_escaped(&st->text, pdb_buf_str(&key));
		pdb_buf_addf(&st->text, "%s\n\n", emphasis);
		pdb_buf_reset(&st->group);
		pdb_buf_adds(&st->group, pdb_buf_str(&key));
		st->have_group = 1;
	}
out:
	if (rc == 0 && (pdb_buf_failed(&key) || pdb_buf_failed(&st->group)))
		rc = PDB_ENOMEM;
	pdb_buf_release(&key);
	return rc;
}

/* ---- the exporter ---- */

static void md_state_free(struct md_state *st)
{
	if (!st)
		return;
	template_release(&st->tpl);
	for (int f = 0; f < MD_NFIELDS; f++)
		pdb_buf_release(&st->values[f]);
	pdb_buf_release(&st->text);
	pdb_buf_release(&st->group);
	free(st->shown);
	free(st);
}

static int md_begin(struct pdb_export *x)
{
	const struct pdb_export_opts *o = x->opts;
	const char *src = o && o->template_text ? o->template_text : default_template;
	struct md_state *st = calloc(1, sizeof(*st));

	if (!st)
		return PDB_ENOMEM;
	x->priv = st;
	return compile_template(&st->tpl, src, o && o->template_name ? o->template_name : "template",
				x->diag);
}

static int md_entry(struct pdb_export *x, const struct pdb_record *rec)
{
	struct md_state *st = x->priv;
	enum pdb_group_by by = x->opts ? x->opts->group_by : PDB_GROUP_NONE;
	int rc;

	pdb_buf_reset(&st->text);
	rc = add_heading(st, by, rec);
	if (rc == 0)
		rc = add_entry(x, rec);
	if (rc == 0 && pdb_buf_failed(&st->text))
		rc = PDB_ENOMEM;
	if (rc == 0 && fwrite(st->text.s, 1, st->text.len, x->out) != st->text.len)
		rc = PDB_EIO;
	return rc;
}

static int md_end(struct pdb_export *x)
{
	int rc = ferror(x->out) ? PDB_EIO : 0;

	md_state_free(x->priv);
	x->priv = NULL;
	return rc;
}

const struct pdb_exporter pdb_export_markdown = {
	"markdown", "Markdown list for a CV or web page",
	md_begin, NULL, md_entry, md_end,
	PDB_LOAD_FIELDS | PDB_LOAD_PERSONS | PDB_LOAD_TAGS,
};
