#include "pubdb/query.h"

#include "person.h"
#include "pubdb/model.h"
#include "pubdb/texnorm.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void pdb_query_init(struct pdb_query *q)
{
	memset(q, 0, sizeof(*q));
	q->sort = PDB_SORT_YEAR_DESC;
	q->limit = -1;
}

void pdb_query_release(struct pdb_query *q)
{
	for (size_t i = 0; i < q->n; i++) {
		free(q->v[i].text);
		free(q->v[i].text2);
	}
	free(q->v);
	pdb_query_init(q);
}

static int parse_year(const char *s, size_t n, long *out)
{
	char buf[16];
	char *end;
	long y;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	y = strtol(buf, &end, 10);
	if (errno || *end || end == buf || y < 0 || y > 9999)
		return -1;
	*out = y;
	return 0;
}

/* "Y", "A..B", "A..", "..B" */
static int parse_year_range(const char *s, long *lo, long *hi)
{
	const char *dots = strstr(s, "..");

	if (!dots)
		return parse_year(s, strlen(s), lo) < 0 ? -1 : (*hi = *lo, 0);
	if (dots == s && dots[2] == '\0')
		return -1;	/* ".." alone names no year at all */
	*lo = 0;
	*hi = 9999;
	if (dots > s && parse_year(s, (size_t)(dots - s), lo) < 0)
		return -1;
	if (dots[2] && parse_year(dots + 2, strlen(dots + 2), hi) < 0)
		return -1;
	return *lo <= *hi ? 0 : -1;
}

/* Appends one word or phrase as an FTS5 string: "..." with '"' doubled. */
static void add_fts_string(struct pdb_buf *b, const char *s, size_t n)
{
	pdb_buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			pdb_buf_addc(b, '"');
		pdb_buf_addc(b, s[i]);
	}
	pdb_buf_addc(b, '"');
}

/*
 * What the user typed as a safe FTS5 query: every word and "quoted
 * phrase" becomes an FTS5 string (so that no input is FTS5 syntax), all
 * of them required; a word ending in '*' matches as a prefix. A lone or
 * unbalanced '"' opens a phrase that runs to the end.
 */
static char *search_query(const char *text)
{
	struct pdb_buf b = PDB_BUF_INIT;
	const char *p = text;

	for (;;) {
		size_t n;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (b.len)
			pdb_buf_addc(&b, ' ');
		if (*p == '"') {
			n = strcspn(++p, "\"");
			add_fts_string(&b, p, n);
			p += n + (p[n] == '"');
			continue;
		}
		n = strcspn(p, " \t\n\"");
		if (n > 1 && p[n - 1] == '*') {
			add_fts_string(&b, p, n - 1);
			pdb_buf_addc(&b, '*');
		} else {
			add_fts_string(&b, p, n);
		}
		p += n;
	}
	if (!b.len)
		pdb_buf_adds(&b, "\"\"");	/* no words: matches nothing */
	if (pdb_buf_failed(&b)) {
		pdb_buf_release(&b);
		return NULL;
	}
	return pdb_buf_detach(&b);
}

static int fill_filter(struct pdb_filter *f, const char *value, struct pdb_diag *diag)
{
	switch (f->kind) {
	case PDB_FILTER_YEAR:
		if (parse_year_range(value, &f->lo, &f->hi) < 0)
			goto bad_year;
		return 0;
	case PDB_FILTER_SINCE:
	case PDB_FILTER_UNTIL:
		if (parse_year(value, strlen(value), f->kind == PDB_FILTER_SINCE ? &f->lo : &f->hi) < 0)
			goto bad_year;
		if (f->kind == PDB_FILTER_SINCE)
			f->hi = 9999;
		else
			f->lo = 0;
		return 0;
	case PDB_FILTER_AUTHOR:
		return pdb_person_query_keys(value, &f->text, &f->text2);
	case PDB_FILTER_VENUE:
		f->text = pdb_fold(value);
		f->text2 = strdup(value);
		return f->text && f->text2 ? 0 : PDB_ENOMEM;
	case PDB_FILTER_AWARD:
	case PDB_FILTER_TOPIC:
		f->text = strdup(value ? value : "");
		return f->text ? 0 : PDB_ENOMEM;
	case PDB_FILTER_SELECTED:
	case PDB_FILTER_EQUAL:
	case PDB_FILTER_FIRST_AUTHOR:
		return 0;
	case PDB_FILTER_SEARCH:
		f->text = search_query(value);
		return f->text ? 0 : PDB_ENOMEM;
	case PDB_FILTER_TYPE:
	case PDB_FILTER_KEY:
	case PDB_FILTER_TAG:
	case PDB_FILTER_KINDS:
		break;
	}
	f->text = strdup(value);
	if (f->text && f->kind == PDB_FILTER_TYPE)
		for (char *p = f->text; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	return f->text ? 0 : PDB_ENOMEM;
bad_year:
	pdb_error(diag, "invalid year '%s' (expected YEAR or FROM..TO)", value);
	return PDB_EUSAGE;
}

int pdb_query_add(struct pdb_query *q, enum pdb_filter_kind kind,
		  const char *value, struct pdb_diag *diag)
{
	struct pdb_filter f = { kind, NULL, NULL, 0, 0 };
	int rc;

	if (pdb_reserve(&q->v, &q->alloc, q->n + 1, sizeof(*q->v)) < 0)
		return PDB_ENOMEM;
	rc = fill_filter(&f, value, diag);
	if (rc < 0) {
		free(f.text);
		free(f.text2);
		return rc;
	}
	q->v[q->n++] = f;
	return 0;
}

static const struct {
	const char *name;
	enum pdb_sort sort;
	const char *order;
} sorts[] = {
	{ "-year", PDB_SORT_YEAR_DESC,
	  "e.year DESC NULLS LAST, e.month DESC NULLS LAST, e.title_key, e.key" },
	{ "year", PDB_SORT_YEAR,
	  "e.year NULLS LAST, e.month NULLS LAST, e.title_key, e.key" },
	{ "title", PDB_SORT_TITLE, "e.title_key NULLS LAST, e.key" },
	{ "venue", PDB_SORT_VENUE,
	  "e.venue_key NULLS LAST, e.year DESC NULLS LAST, e.title_key, e.key" },
	{ "added", PDB_SORT_ADDED, "e.id" },
};

int pdb_query_set_sort(struct pdb_query *q, const char *name, struct pdb_diag *diag)
{
	for (size_t i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++) {
		if (strcmp(sorts[i].name, name) == 0) {
			q->sort = sorts[i].sort;
			q->sorted = 1;
			return 0;
		}
	}
	pdb_error(diag, "unknown sort order '%s' (year, -year, title, venue, added)", name);
	return PDB_EUSAGE;
}

void pdb_sql_init(struct pdb_sql *sql)
{
	memset(sql, 0, sizeof(*sql));
}

void pdb_sql_release(struct pdb_sql *sql)
{
	pdb_buf_release(&sql->where);
	pdb_buf_release(&sql->order);
	pdb_buf_release(&sql->search);
	for (size_t i = 0; i < sql->nowned; i++)
		free(sql->owned[i]);
	free(sql->owned);
	free(sql->params);
	pdb_sql_init(sql);
}

static int add_param(struct pdb_sql *sql, const char *s, long long i)
{
	if (pdb_reserve(&sql->params, &sql->alloc, sql->nparams + 1, sizeof(*sql->params)) < 0)
		return PDB_ENOMEM;
	sql->params[sql->nparams].is_text = s != NULL;
	sql->params[sql->nparams].s = s;
	sql->params[sql->nparams].i = i;
	sql->nparams++;
	return 0;
}

/*
 * --author: the few people of that name, then the entries naming them.
 * No index leads from a person to every name (schema/0009): with words
 * from the store (author_words), the full-text index gives the entries
 * whose authors have those people's words, each then checked through the
 * index of its own names (150,000 entries: 8 ms rather than 140 ms);
 * without, one pass over all the names.
 */
static int add_author(struct pdb_sql *sql, const struct pdb_filter *f)
{
	char *words = sql->author_words ? sql->author_words(sql->lookup_ctx, f->text, f->text2) : NULL;
	struct pdb_buf *w = &sql->where;

	pdb_buf_adds(w, "e.id IN (SELECT ep.entry_id FROM entry_persons ep WHERE ");
	if (words) {
		if (pdb_reserve(&sql->owned, &sql->alloc_owned, sql->nowned + 1,
				sizeof(*sql->owned)) < 0) {
			free(words);
			return PDB_ENOMEM;
		}
		sql->owned[sql->nowned++] = words;
		pdb_buf_adds(w, "ep.entry_id IN (SELECT rowid FROM entries_fts"
			     " WHERE entries_fts MATCH ?) AND ");
		if (add_param(sql, words, 0) < 0)
			return PDB_ENOMEM;
	}
	pdb_buf_adds(w, "ep.person_id IN (SELECT p.id FROM persons p"
		     " WHERE p.family_key = ? AND pdb_given_match(p.given_key, ?))"
		     " AND ep.role = 'author')");
	return add_param(sql, f->text, 0) || add_param(sql, f->text2, 0) ? PDB_ENOMEM : 0;
}

/* One filter as an SQL condition on e, with its parameters. */
static int add_condition(struct pdb_sql *sql, const struct pdb_filter *f)
{
	struct pdb_buf *w = &sql->where;

	switch (f->kind) {
	case PDB_FILTER_YEAR:
	case PDB_FILTER_SINCE:
	case PDB_FILTER_UNTIL:
		pdb_buf_adds(w, "e.year BETWEEN ? AND ?");
		return add_param(sql, NULL, f->lo) || add_param(sql, NULL, f->hi) ? PDB_ENOMEM : 0;
	case PDB_FILTER_AUTHOR:
		return add_author(sql, f);
	case PDB_FILTER_TYPE:
		pdb_buf_adds(w, "e.type = ?");
		break;
	case PDB_FILTER_KEY:
		pdb_buf_adds(w, "e.key = ?");
		break;
	case PDB_FILTER_VENUE: {
		long long id = sql->venue_id ? sql->venue_id(sql->lookup_ctx, f->text2) : -1;

		/* a venue pubdb knows (not its workshops): one index lookup */
		if (id >= 0) {
			pdb_buf_adds(w, "e.venue_id = ? AND NOT e.workshop");
			return add_param(sql, NULL, id);
		}
		/* else its abbreviation as written, or words of the text */
		pdb_buf_adds(w, "e.abbr = ? COLLATE NOCASE OR instr(e.venue_key, ?) > 0");
		return add_param(sql, f->text2, 0) || add_param(sql, f->text, 0) ? PDB_ENOMEM : 0;
	}
	/*
	 * From the tags to their entries in one pass over them (schema/0011),
	 * not from each entry to its tags. The prefixes with meaning are
	 * stored in lower case (pdb_store_tag()).
	 */
	case PDB_FILTER_AWARD:
		if (!*f->text) {
			pdb_buf_adds(w, "e.id IN (" PDB_SQL_AWARDED_IDS ")");
			return 0;
		}
		pdb_buf_adds(w, "e.id IN (SELECT t.entry_id FROM tags t"
			     " WHERE t.tag = 'award:' || ? COLLATE NOCASE)");
		break;
	case PDB_FILTER_TOPIC:
		pdb_buf_adds(w, "e.id IN (SELECT t.entry_id FROM tags t"
			     " WHERE t.tag = 'topic:' || ? COLLATE NOCASE)");
		break;
	case PDB_FILTER_TAG:
		pdb_buf_adds(w, "e.id IN (SELECT t.entry_id FROM tags t WHERE t.tag = ? COLLATE NOCASE)");
		break;
	case PDB_FILTER_SELECTED:
		pdb_buf_adds(w, "e.selected");
		return 0;
	case PDB_FILTER_EQUAL:
		pdb_buf_adds(w, "e.equal");
		return 0;
	case PDB_FILTER_FIRST_AUTHOR:
		pdb_buf_addf(w, "e.id IN (" PDB_SQL_OWNER_COFIRST_IDS ")", PDB_MARK_COFIRST);
		return 0;
	case PDB_FILTER_SEARCH:
		/* repeated, the queries OR: all in the one MATCH of the join */
		if (sql->search.len)
			pdb_buf_adds(&sql->search, " OR ");
		pdb_buf_addf(&sql->search, "(%s)", f->text);
		pdb_buf_adds(w, "1");
		return 0;
	case PDB_FILTER_KINDS:
		return PDB_EUSAGE;
	}
	return add_param(sql, f->text, 0);
}

static const char *const group_order[] = {
	[PDB_GROUP_NONE] = "",
	[PDB_GROUP_YEAR] = "e.year DESC NULLS LAST, ",
	/* the keys the Markdown headings use: the venue's short name, else its text */
	[PDB_GROUP_VENUE] = "coalesce((SELECT v.short FROM venues v WHERE v.id = e.venue_id"
			    " AND NOT e.workshop), e.venue_key) NULLS LAST, ",
	[PDB_GROUP_TYPE] = "e.type, ",
	/* the first topic tag (tags are listed in order) */
	[PDB_GROUP_TOPIC] = "(SELECT min(t.tag) FROM tags t WHERE t.entry_id = e.id"
			    " AND t.tag BETWEEN 'topic:' AND 'topic;') NULLS LAST, ",
};

int pdb_query_build(const struct pdb_query *q, struct pdb_sql *sql)
{
	int any = 0;

	for (int kind = 0; kind < PDB_FILTER_KINDS; kind++) {
		int in_group = 0;

		for (size_t i = 0; i < q->n; i++) {
			if ((int)q->v[i].kind != kind)
				continue;
			pdb_buf_adds(&sql->where, in_group ? " OR " : any ? " AND (" : "(");
			if (add_condition(sql, &q->v[i]) < 0)
				return PDB_ENOMEM;
			in_group = any = 1;
		}
		if (in_group)
			pdb_buf_addc(&sql->where, ')');
	}
	if (!any)
		pdb_buf_adds(&sql->where, "1");
	if (sql->sort_all && !(q->group == PDB_GROUP_NONE && q->sort == PDB_SORT_ADDED))
		pdb_buf_addc(&sql->order, '+');
	pdb_buf_adds(&sql->order, group_order[q->group]);
	if (sql->search.len && !q->sorted)
		pdb_buf_adds(&sql->order, "fts.rank, e.key");	/* best match first */
	else
		for (size_t i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
			if (sorts[i].sort == q->sort)
				pdb_buf_adds(&sql->order, sorts[i].order);
	if (pdb_buf_failed(&sql->where) || pdb_buf_failed(&sql->order) ||
	    pdb_buf_failed(&sql->search))
		return PDB_ENOMEM;
	return 0;
}
