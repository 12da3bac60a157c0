/*
 * The markdown format: a publication list to paste into a CV or a web page,
 * laid out like the seed CV (shared/seed-cv.md):
 *
 *   #### Title
 *
 *   Given Family, **Owner Name**, Given Family  
 *   Venue, 2025. [[arxiv]](url) [[code]](url)
 *
 * With --group-by, a "### KEY" heading opens each group. Exporters stream,
 * so a heading is printed whenever the group key differs from the previous
 * record's: the caller orders the records so that groups are contiguous.
 */
#include "pubdb/export.h"

#include "person.h"
#include "pubdb/buf.h"
#include "pubdb/record.h"
#include "pubdb/texnorm.h"

#include <stdlib.h>
#include <string.h>

struct md_state {
	struct pdb_owner owner;
	struct pdb_buf text;	/* the entry being built */
	struct pdb_buf line;	/* its venue and links line */
	struct pdb_buf group;	/* the previous record's group key */
	int have_group;
};

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

/* "Given von Family, Jr", empty parts skipped, in bold for the owner. */
static int add_person(struct md_state *st, const struct pdb_person *p)
{
	struct pdb_buf *b = &st->text;
	int owner = pdb_owner_matches(&st->owner, p);
	int first = 1;
	size_t start;

	if (owner < 0)
		return owner;
	if (owner)
		pdb_buf_adds(b, "**");
	start = b->len;
	add_part(b, " ", p->given, &first);
	add_part(b, " ", p->von, &first);
	add_part(b, " ", p->family, &first);
	add_part(b, ", ", p->jr, &first);
	if (b->len == start && p->raw)
		add_escaped(b, p->raw);
	if (owner)
		pdb_buf_adds(b, "**");
	return 0;
}

static int add_authors(struct md_state *st, const struct pdb_record *rec)
{
	for (size_t i = 0; i < rec->nauthors; i++) {
		int rc;

		if (i)
			pdb_buf_adds(&st->text, ", ");
		rc = add_person(st, &rec->authors[i]);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* "Venue, 2025." or "Venue." or "2025."; nothing without either. */
static void add_venue_year(struct pdb_buf *b, const struct pdb_record *rec)
{
	if (rec->venue && *rec->venue) {
		add_escaped(b, rec->venue);
		if (rec->year)
			pdb_buf_addf(b, ", %d", rec->year);
		pdb_buf_addc(b, '.');
	} else if (rec->year) {
		pdb_buf_addf(b, "%d.", rec->year);
	}
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

/* Title, authors, then venue, year and links; lines without content are left out. */
static int add_entry(struct md_state *st, const struct pdb_record *rec)
{
	struct pdb_buf *b = &st->text, *last = &st->line;
	size_t authors_start;
	int rc;

	pdb_buf_adds(b, "#### ");
	add_escaped(b, rec->title && *rec->title ? rec->title : rec->key ? rec->key : "");
	pdb_buf_adds(b, "\n\n");

	pdb_buf_reset(last);
	add_venue_year(last, rec);
	rc = add_links(last, rec);
	if (rc < 0)
		return rc;

	authors_start = b->len;
	rc = add_authors(st, rec);
	if (rc < 0)
		return rc;
	if (b->len > authors_start)
		pdb_buf_adds(b, last->len ? "  \n" : "\n");	/* two spaces: a line break */
	if (last->len) {
		pdb_buf_add(b, last->s, last->len);
		pdb_buf_addc(b, '\n');
	}
	if (b->len > authors_start)
		pdb_buf_addc(b, '\n');
	return pdb_buf_failed(last) ? PDB_ENOMEM : 0;
}

/* ---- grouping ---- */

/* The first non-empty item of the keywords field, as Unicode; NULL if none. */
static int first_keyword(const struct pdb_record *rec, char **topic)
{
	const char *s = pdb_record_get(rec, "keywords");

	*topic = NULL;
	while (s && *s) {
		size_t n = strcspn(s, ",;");
		char *item = malloc(n + 1);

		if (!item)
			return PDB_ENOMEM;
		memcpy(item, s, n);
		item[n] = '\0';
		*topic = pdb_tex_to_utf8(item);
		free(item);
		if (!*topic)
			return PDB_ENOMEM;
		if (**topic)
			return 0;
		free(*topic);
		*topic = NULL;
		s += n + (s[n] != '\0');
	}
	return 0;
}

/* The record's group key into key; empty when not grouping. */
static int group_key(enum pdb_group_by by, const struct pdb_record *rec, struct pdb_buf *key)
{
	char *topic = NULL;
	int rc = 0;

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
		pdb_buf_adds(key, rec->venue && *rec->venue ? rec->venue : "Other");
		break;
	case PDB_GROUP_TOPIC:
		rc = first_keyword(rec, &topic);
		pdb_buf_adds(key, topic ? topic : "Other");
		free(topic);
		break;
	}
	return rc;
}

/* Adds a "### KEY" heading when the record starts a new group. */
static int add_heading(struct md_state *st, enum pdb_group_by by, const struct pdb_record *rec)
{
	struct pdb_buf key = PDB_BUF_INIT;
	int rc = group_key(by, rec, &key);

	if (rc < 0 || by == PDB_GROUP_NONE)
		goto out;
	if (!st->have_group || strcmp(pdb_buf_str(&key), pdb_buf_str(&st->group)) != 0) {
		pdb_buf_adds(&st->text, "### ");
		add_escaped(&st->text, pdb_buf_str(&key));
		pdb_buf_adds(&st->text, "\n\n");
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
	pdb_owner_release(&st->owner);
	pdb_buf_release(&st->text);
	pdb_buf_release(&st->line);
	pdb_buf_release(&st->group);
	free(st);
}

static int md_begin(struct pdb_export *x)
{
	struct md_state *st = calloc(1, sizeof(*st));

	if (!st)
		return PDB_ENOMEM;
	pdb_buf_init(&st->text);
	pdb_buf_init(&st->line);
	pdb_buf_init(&st->group);
	x->priv = st;
	return pdb_owner_parse(&st->owner, x->opts ? x->opts->me : NULL);
}

static int md_entry(struct pdb_export *x, const struct pdb_record *rec)
{
	struct md_state *st = x->priv;
	enum pdb_group_by by = x->opts ? x->opts->group_by : PDB_GROUP_NONE;
	int rc;

	pdb_buf_reset(&st->text);
	rc = add_heading(st, by, rec);
	if (rc == 0)
		rc = add_entry(st, rec);
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
};
