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
 * the award line comes only with "award:" tags. With --group-by, a
 * "### KEY" heading opens each group ("### *Topic*" for topics). Exporters
 * stream, so a heading is printed whenever the group key differs from the
 * previous record's: the caller orders the records so that groups are
 * contiguous.
 */
#include "pubdb/export.h"

#include "pubdb/buf.h"
#include "pubdb/record.h"

#include <stdlib.h>
#include <string.h>

struct md_state {
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

static void add_authors(struct pdb_buf *b, const struct pdb_record *rec)
{
	for (size_t i = 0; i < rec->nauthors; i++) {
		if (i)
			pdb_buf_adds(b, ", ");
		add_person(b, &rec->authors[i]);
	}
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

/* "Venue, 2025." or "Venue." or "2025."; nothing without either. */
static void add_venue_year(struct pdb_buf *b, const struct pdb_record *rec)
{
	size_t start = b->len;

	add_venue(b, rec);
	if (rec->year)
		pdb_buf_addf(b, b->len > start ? ", %d" : "%d", rec->year);
	if (b->len > start)
		pdb_buf_addc(b, '.');
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
	pdb_buf_adds(b, ".\n\n");
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

/*
 * Title, authors, then venue, year and links, then awards; lines without
 * content are left out.
 */
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
	add_authors(b, rec);
	if (b->len > authors_start)
		pdb_buf_adds(b, last->len ? "  \n" : "\n");	/* two spaces: a line break */
	if (last->len) {
		pdb_buf_add(b, last->s, last->len);
		pdb_buf_addc(b, '\n');
	}
	if (b->len > authors_start)
		pdb_buf_addc(b, '\n');
	add_awards(b, rec);
	return pdb_buf_failed(last) ? PDB_ENOMEM : 0;
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
	return 0;
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
