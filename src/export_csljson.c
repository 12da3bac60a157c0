/*
 * The csl-json format: CSL-JSON (the Citation Style Language's input
 * data, csl-data.json), which pandoc --citeproc, Zotero and citeproc-js
 * read. A top-level array with one object per entry, streamed like the
 * json format: each entry becomes one cJSON tree, printed unformatted on a
 * line of its own and deleted at once. cJSON trees never leave this file.
 *
 * Text is Unicode: field values go through pdb_tex_to_utf8 (LaTeX to
 * Unicode, protective braces removed); the record's title and people
 * already are. Only keys with a value are written, always in this order:
 *
 *   id type genre title author editor issued container-title
 *   collection-title collection-number volume issue page edition number
 *   publisher publisher-place DOI ISBN ISSN URL note abstract keyword
 *   language
 *
 * People are {family, given, non-dropping-particle, suffix} (BibTeX's
 * last, first, von and jr parts), or {literal} for a braced name.
 */
#include "pubdb/export.h"

#include "jsonout.h"

#include "pubdb/buf.h"
#include "pubdb/record.h"
#include "pubdb/texnorm.h"

#include <cjson/cJSON.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- cJSON building: a failure is sticky in *failed ---- */

static void append(cJSON *array, cJSON *item, int *failed)
{
	if (!item || !cJSON_AddItemToArray(array, item)) {
		cJSON_Delete(item);
		*failed = 1;
	}
}

/* Adds key: s when s has a value (CSL-JSON leaves out what is unknown). */
static void put_text(cJSON *obj, const char *key, const char *s, int *failed)
{
	if (s && *s)
		pdb_json_put(obj, key, pdb_json_text(s), failed);
}

/* LaTeX to Unicode; NULL when tex is NULL, or out of memory (*failed set). */
static char *unicode_of(const char *tex, int *failed)
{
	char *text;

	if (!tex)
		return NULL;
	text = pdb_tex_to_utf8(tex);
	if (!text)
		*failed = 1;
	return text;
}

/* Adds key: the field's value in Unicode, when the entry has the field. */
static void put_field(cJSON *obj, const char *key, const struct pdb_record *rec,
		      const char *field, int *failed)
{
	char *text = unicode_of(pdb_record_get(rec, field), failed);

	put_text(obj, key, text, failed);
	free(text);
}

/* ---- matching ---- */

static int starts_with_nocase(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int is_ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* 1 if s holds word, in any case, not as part of a longer word. */
static int has_word_nocase(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = s; *p; p++)
		if ((p == s || !is_ascii_alnum(p[-1])) && strncasecmp(p, word, n) == 0 &&
		    !is_ascii_alnum(p[n]))
			return 1;
	return 0;
}

static int has_text_nocase(const char *s, const char *part)
{
	size_t n = strlen(part);

	for (; *s; s++)
		if (strncasecmp(s, part, n) == 0)
			return 1;
	return 0;
}

/* arXiv, bioRxiv, CoRR, SSRN, "arXiv preprint arXiv:..." */
static int is_preprint_server(const char *container)
{
	return has_text_nocase(container, "rxiv") || has_text_nocase(container, "preprint") ||
	       has_word_nocase(container, "corr") || has_word_nocase(container, "ssrn") ||
	       has_text_nocase(container, "research square");
}

static int is_url(const char *s)
{
	return starts_with_nocase(s, "https://") || starts_with_nocase(s, "http://");
}

static int is_ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of the run of digits at s. */
static size_t digits_at(const char *s)
{
	size_t n = 0;

	while (is_ascii_digit(s[n]))
		n++;
	return n;
}

/* "scheme:" at the start of s: a link a reader can follow, not "/assets/paper.pdf". */
static int has_scheme(const char *s)
{
	const char *p = s;

	while (is_ascii_alnum(*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return p > s && !is_ascii_digit(*s) && *p == ':';
}

/*
 * An arXiv identifier, new (2403.12422v2) or old style (math/0307200v3,
 * hep-th/9603067), not whatever else an eprint field holds.
 */
static int is_arxiv_id(const char *id)
{
	const char *p = id;
	size_t n;

	if (digits_at(p) == 4 && p[4] == '.') {
		n = digits_at(p + 5);
		if (n < 4 || n > 5)
			return 0;
		p += 5 + n;
	} else {
		while ((*p >= 'a' && *p <= 'z') || *p == '-')
			p++;
		if (*p == '.' && p[1] >= 'A' && p[1] <= 'Z' && p[2] >= 'A' && p[2] <= 'Z')
			p += 3;
		if (p == id || *p != '/' || digits_at(p + 1) != 7)
			return 0;
		p += 8;
	}
	if (*p == 'v' && digits_at(p + 1))
		p += 1 + digits_at(p + 1);
	return *p == '\0';
}

/* ---- what several keys depend on ---- */

struct csl_facts {
	char *container;	/* journal or booktitle in Unicode, or NULL */
	const char *publisher;	/* the field the publisher comes from (LaTeX), or NULL */
	char *doi;		/* bare "10.x/y", or NULL */
	char *url;		/* the entry's own link (with a scheme), or NULL */
	const char *arxiv;	/* a well-formed arXiv identifier, or NULL */
	const char *type;	/* CSL type */
	char *genre;		/* thesis or report kind in Unicode, or NULL */
};

/*
 * A link as written in BibTeX, made plain: "\url{...}" unwrapped, "\_",
 * "\%", "\&", "\#", "\~" unescaped, grouping braces dropped, spaces trimmed.
 * Not pdb_tex_to_utf8: '~' in a URL is a tilde, not a no-break space.
 */
static char *plain_link(const char *v, int *failed)
{
	struct pdb_buf b = PDB_BUF_INIT;
	char *link;

	if (starts_with_nocase(v, "\\url{"))
		v += 5;
	for (; *v; v++) {
		if (*v == '\\' && v[1] && strchr("_%&#~$", v[1]))
			pdb_buf_addc(&b, *++v);
		else if (*v != '{' && *v != '}' && !(*v == ' ' && b.len == 0))
			pdb_buf_addc(&b, *v);
	}
	while (b.len && b.s[b.len - 1] == ' ')
		pdb_buf_truncate(&b, b.len - 1);
	link = pdb_buf_detach(&b);
	if (!link)
		*failed = 1;
	return link;
}

/* The doi field without a resolver prefix ("https://doi.org/", "doi:"). */
static const char *bare_doi(const char *doi)
{
	static const char *const prefixes[] = {
		"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
		"http://dx.doi.org/", "doi:",
	};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (starts_with_nocase(doi, prefixes[i]))
			return doi + strlen(prefixes[i]);
	return doi;
}

/*
 * The DOI, and a link: the url field, else a howpublished or doi field
 * that is a URL but no DOI ("https://etheses.whiterose.ac.uk/18466").
 */
static void find_links(const struct pdb_record *rec, struct csl_facts *f, int *failed)
{
	const char *doi = pdb_record_get(rec, "doi");
	const char *url = pdb_record_get(rec, "url");
	const char *how = pdb_record_get(rec, "howpublished");
	char *clean;

	if (doi) {
		clean = plain_link(doi, failed);
		if (clean && strncmp(bare_doi(clean), "10.", 3) == 0) {
			f->doi = strdup(bare_doi(clean));
			*failed |= !f->doi;
		} else if (clean && !url && is_url(clean)) {
			f->url = clean;
			clean = NULL;
		}
		free(clean);
	}
	if (url) {
		free(f->url);
		f->url = plain_link(url, failed);
		if (f->url && !has_scheme(f->url)) {
			free(f->url);
			f->url = NULL;
		}
	} else if (!f->url && how) {
		clean = plain_link(how, failed);
		if (clean && is_url(clean))
			f->url = clean;
		else
			free(clean);
	}
}

/*
 * journal or booktitle. Not the venue a crossref child inherits: that can
 * be its parent's publisher (a @book parent), which is no container; see
 * parent_container() for what is.
 */
static char *container_of(const struct pdb_record *rec, int *failed)
{
	static const char *const fields[] = { "journal", "journaltitle", "booktitle" };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *v = pdb_record_get(rec, fields[i]);

		if (v)
			return unicode_of(v, failed);
	}
	return NULL;
}

/* publisher, else who stands for it: school, institution, organization, howpublished. */
static const char *publisher_field(const struct pdb_record *rec)
{
	static const char *const fields[] = { "publisher", "school", "institution", "organization" };
	const char *how = pdb_record_get(rec, "howpublished");

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *v = pdb_record_get(rec, fields[i]);

		if (v)
			return v;
	}
	if (how && !is_url(how) && !starts_with_nocase(how, "\\url"))
		return how;
	return NULL;
}

/* How a BibTeX type's CSL type is chosen. */
enum csl_rule {
	CSL_FIXED,	/* always csl */
	CSL_JOURNAL,	/* csl, or article for a preprint */
	CSL_LOOSE,	/* article, or webpage for an entry that is only a link */
};

static const struct csl_type_map {
	const char *bibtex;
	enum csl_rule rule;
	const char *csl;
	const char *genre;	/* default genre */
} csl_types[] = {
	{ "article", CSL_JOURNAL, "article-journal", NULL },
	{ "inproceedings", CSL_FIXED, "paper-conference", NULL },
	{ "conference", CSL_FIXED, "paper-conference", NULL },
	{ "book", CSL_FIXED, "book", NULL },
	{ "mvbook", CSL_FIXED, "book", NULL },
	{ "collection", CSL_FIXED, "book", NULL },
	{ "mvcollection", CSL_FIXED, "book", NULL },
	{ "manual", CSL_FIXED, "book", NULL },
	{ "proceedings", CSL_FIXED, "book", NULL },
	{ "mvproceedings", CSL_FIXED, "book", NULL },
	{ "reference", CSL_FIXED, "book", NULL },
	{ "booklet", CSL_FIXED, "pamphlet", NULL },
	{ "incollection", CSL_FIXED, "chapter", NULL },
	{ "inbook", CSL_FIXED, "chapter", NULL },
	{ "bookinbook", CSL_FIXED, "chapter", NULL },
	{ "inreference", CSL_FIXED, "entry-encyclopedia", NULL },
	{ "phdthesis", CSL_FIXED, "thesis", "PhD thesis" },
	{ "mastersthesis", CSL_FIXED, "thesis", "Master's thesis" },
	{ "thesis", CSL_FIXED, "thesis", NULL },
	{ "techreport", CSL_FIXED, "report", "Technical report" },
	{ "report", CSL_FIXED, "report", NULL },
	{ "dataset", CSL_FIXED, "dataset", NULL },
	{ "software", CSL_FIXED, "software", NULL },
	{ "patent", CSL_FIXED, "patent", NULL },
	/* misc, online, unpublished, preprint and every unknown type */
	{ NULL, CSL_LOOSE, "article", NULL },
};

static const struct csl_type_map *type_map_of(const char *bibtex)
{
	size_t i = 0;

	while (csl_types[i].bibtex && (!bibtex || strcmp(csl_types[i].bibtex, bibtex) != 0))
		i++;
	return &csl_types[i];
}

/* biblatex writes a thesis's or report's type as a key it localises. */
static const char *genre_of_key(const char *type)
{
	static const char *const names[][2] = {
		{ "phdthesis", "PhD thesis" }, { "mathesis", "Master's thesis" },
		{ "candthesis", "Candidate thesis" }, { "techreport", "Technical report" },
		{ "resreport", "Research report" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(type, names[i][0]) == 0)
			return names[i][1];
	return NULL;
}

static void choose_type(const struct pdb_record *rec, struct csl_facts *f, int *failed)
{
	const struct csl_type_map *m = type_map_of(rec->type);
	/* the type field names the kind of a thesis or report: "Habilitation", "mathesis" */
	const char *genre = pdb_record_get(rec, "type");

	f->type = m->csl;
	if (m->rule == CSL_JOURNAL && (f->container ? is_preprint_server(f->container) : !!f->arxiv))
		f->type = "article";
	else if (m->rule == CSL_LOOSE && f->url && !f->container && !f->publisher && !f->doi &&
		 !f->arxiv)
		f->type = "webpage";
	if (!genre || (strcmp(f->type, "thesis") != 0 && strcmp(f->type, "report") != 0))
		genre = NULL;
	else if (genre_of_key(genre))
		genre = genre_of_key(genre);
	if (genre) {
		f->genre = unicode_of(genre, failed);
	} else if (m->genre) {
		f->genre = strdup(m->genre);
		*failed |= !f->genre;
	}
}

/*
 * A crossref child without a journal or booktitle of its own is part of
 * its parent when that is a book or proceedings (a CSL book): the
 * parent's title is the container, as biber makes it the child's booktitle.
 */
static char *parent_container(const struct pdb_record *rec, int *failed)
{
	char *title;

	if (!rec->parent_title || !rec->parent_type ||
	    strcmp(type_map_of(rec->parent_type)->csl, "book") != 0)
		return NULL;
	title = strdup(rec->parent_title);
	*failed |= !title;
	return title;
}

static int find_facts(const struct pdb_record *rec, struct csl_facts *f)
{
	int failed = 0;

	memset(f, 0, sizeof(*f));
	f->container = container_of(rec, &failed);
	if (!f->container && !failed)
		f->container = parent_container(rec, &failed);
	f->publisher = publisher_field(rec);
	f->arxiv = pdb_record_arxiv_id(rec);
	if (f->arxiv && !is_arxiv_id(f->arxiv))
		f->arxiv = NULL;
	find_links(rec, f, &failed);
	choose_type(rec, f, &failed);
	return failed;
}

static void facts_release(struct csl_facts *f)
{
	free(f->container);
	free(f->genre);
	free(f->doi);
	free(f->url);
}

/* ---- language ---- */

/*
 * biblatex langid / babel names as the BCP 47 tags CSL wants. Styles
 * title-case only English titles: without a language, a German title
 * would come out as "Die Nordischen Länder von Der Mitte".
 */
static const char *const babel_languages[][2] = {
	{ "american", "en-US" }, { "arabic", "ar" }, { "australian", "en-AU" },
	{ "austrian", "de-AT" }, { "basque", "eu" }, { "brazil", "pt-BR" },
	{ "brazilian", "pt-BR" }, { "british", "en-GB" }, { "bulgarian", "bg" },
	{ "canadian", "en-CA" }, { "canadien", "fr-CA" }, { "catalan", "ca" },
	{ "chinese", "zh" }, { "croatian", "hr" }, { "czech", "cs" }, { "danish", "da" },
	{ "dutch", "nl" }, { "english", "en" }, { "estonian", "et" }, { "finnish", "fi" },
	{ "francais", "fr" }, { "french", "fr" }, { "galician", "gl" }, { "german", "de" },
	{ "greek", "el" }, { "hebrew", "he" }, { "hungarian", "hu" }, { "icelandic", "is" },
	{ "irish", "ga" }, { "italian", "it" }, { "japanese", "ja" }, { "korean", "ko" },
	{ "latin", "la" }, { "latvian", "lv" }, { "lithuanian", "lt" },
	{ "naustrian", "de-AT" }, { "newzealand", "en-NZ" }, { "ngerman", "de-DE" },
	{ "norsk", "nb" }, { "nswissgerman", "de-CH" }, { "nynorsk", "nn" },
	{ "persian", "fa" }, { "polish", "pl" }, { "portuges", "pt" },
	{ "portuguese", "pt" }, { "romanian", "ro" }, { "russian", "ru" },
	{ "sanskrit", "sa" }, { "serbian", "sr" }, { "slovak", "sk" }, { "slovene", "sl" },
	{ "spanish", "es" }, { "swedish", "sv" }, { "swissgerman", "de-CH" },
	{ "turkish", "tr" }, { "ukenglish", "en-GB" }, { "ukrainian", "uk" },
	{ "usenglish", "en-US" }, { "welsh", "cy" },
};

/* 1 for what reads as a BCP 47 tag already: "en", "eng", "pt-BR". */
static int is_language_tag(const char *s)
{
	size_t n = 0;

	while (s[n] >= 'a' && s[n] <= 'z')
		n++;
	if (n < 2 || n > 3)
		return 0;
	for (s += n; *s; s++)
		if (!is_ascii_alnum(*s) && *s != '-')
			return 0;
	return 1;
}

/* langid, else language: as a BCP 47 tag, or NULL for what it cannot tell. */
static const char *language_of(const struct pdb_record *rec)
{
	const char *lang = pdb_record_get(rec, "langid");

	if (!lang)
		lang = pdb_record_get(rec, "language");
	if (!lang)
		return NULL;
	for (size_t i = 0; i < sizeof(babel_languages) / sizeof(babel_languages[0]); i++)
		if (strcasecmp(lang, babel_languages[i][0]) == 0)
			return babel_languages[i][1];
	return is_language_tag(lang) ? lang : NULL;
}

/* ---- the object ---- */

static cJSON *csl_person(const struct pdb_person *p, int *failed)
{
	cJSON *o = cJSON_CreateObject();

	if (!o) {
		*failed = 1;
		return NULL;
	}
	if (p->literal) {
		put_text(o, "literal", p->family && *p->family ? p->family : p->given, failed);
		return o;
	}
	put_text(o, "family", p->family, failed);
	put_text(o, "given", p->given, failed);
	put_text(o, "non-dropping-particle", p->von, failed);
	put_text(o, "suffix", p->jr, failed);
	return o;
}

/* Adds key: [people] when there are any; people with no name are left out. */
static void put_people(cJSON *obj, const char *key, const struct pdb_person *v, size_t n,
		       int *failed)
{
	cJSON *a;

	if (n == 0)
		return;
	a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++) {
		cJSON *person = csl_person(&v[i], failed);

		if (person && cJSON_GetArraySize(person) == 0)
			cJSON_Delete(person);
		else
			append(a, person, failed);
	}
	if (a && cJSON_GetArraySize(a) == 0)
		cJSON_Delete(a);
	else
		pdb_json_put(obj, key, a, failed);
}

/* {"date-parts": [[year, month]]}, the month only when known. */
static void put_issued(cJSON *obj, const struct pdb_record *rec, int *failed)
{
	cJSON *date, *parts, *ymd;

	if (rec->year == 0)
		return;
	date = cJSON_CreateObject();
	parts = cJSON_CreateArray();
	ymd = cJSON_CreateArray();
	append(ymd, cJSON_CreateNumber(rec->year), failed);
	if (rec->month >= 1 && rec->month <= 12)
		append(ymd, cJSON_CreateNumber(rec->month), failed);
	append(parts, ymd, failed);
	if (date)
		pdb_json_put(date, "date-parts", parts, failed);
	else
		cJSON_Delete(parts);
	pdb_json_put(obj, "issued", date, failed);
}

/* The title, and biblatex's subtitle after a colon as biblatex prints it. */
static void put_title(cJSON *obj, const struct pdb_record *rec, int *failed)
{
	char *subtitle = unicode_of(pdb_record_get(rec, "subtitle"), failed);
	struct pdb_buf b = PDB_BUF_INIT;

	if (rec->title && *rec->title && subtitle && *subtitle) {
		pdb_buf_addf(&b, "%s: %s", rec->title, subtitle);
		*failed |= pdb_buf_failed(&b);
		put_text(obj, "title", pdb_buf_str(&b), failed);
	} else {
		put_text(obj, "title", rec->title, failed);
	}
	pdb_buf_release(&b);
	free(subtitle);
}

/* pages with "--" (an en dash once in Unicode) as "-", the range CSL expects. */
static void put_pages(cJSON *obj, const struct pdb_record *rec, int *failed)
{
	char *text = unicode_of(pdb_record_get(rec, "pages"), failed);
	struct pdb_buf b = PDB_BUF_INIT;

	if (!text)
		return;
	for (const char *s = text; *s; s++) {
		if (strncmp(s, "\xe2\x80\x93", 3) == 0) {
			pdb_buf_addc(&b, '-');
			s += 2;
		} else {
			pdb_buf_addc(&b, *s);
		}
	}
	*failed |= pdb_buf_failed(&b);
	put_text(obj, "page", pdb_buf_str(&b), failed);
	pdb_buf_release(&b);
	free(text);
}

/*
 * BibTeX's number: a journal's issue, a book's (or its parts') number in
 * its series, else the document's own: a report's, a patent's, a
 * preprint's "arXiv:2603.16471".
 */
static const char *number_key(const struct csl_facts *f)
{
	static const char *const in_series[] = { "book", "chapter", "paper-conference" };

	if (strcmp(f->type, "article-journal") == 0)
		return "issue";
	for (size_t i = 0; i < sizeof(in_series) / sizeof(in_series[0]); i++)
		if (strcmp(f->type, in_series[i]) == 0)
			return "collection-number";
	return "number";
}

/* A preprint with no journal is published by arXiv, under its arXiv id. */
static int is_arxiv_preprint(const struct csl_facts *f)
{
	return f->arxiv && !f->container && strcmp(f->type, "article") == 0;
}

static void put_publisher(cJSON *obj, const struct pdb_record *rec, const struct csl_facts *f,
			  int *failed)
{
	char *text = unicode_of(f->publisher, failed);

	if (text && *text)
		put_text(obj, "publisher", text, failed);
	else if (is_arxiv_preprint(f))
		put_text(obj, "publisher", "arXiv", failed);
	free(text);
	if (pdb_record_get(rec, "address"))
		put_field(obj, "publisher-place", rec, "address", failed);
	else
		put_field(obj, "publisher-place", rec, "location", failed);
}

/* The entry's own link, else its arXiv abstract page. */
static void put_url(cJSON *obj, const struct csl_facts *f, int *failed)
{
	struct pdb_buf b = PDB_BUF_INIT;

	if (f->url) {
		put_text(obj, "URL", f->url, failed);
		return;
	}
	if (!f->arxiv)
		return;
	pdb_buf_addf(&b, "https://arxiv.org/abs/%s", f->arxiv);
	*failed |= pdb_buf_failed(&b);
	put_text(obj, "URL", pdb_buf_str(&b), failed);
	pdb_buf_release(&b);
}

/* The entry's object, keys in the order the file comment gives; NULL when out of memory. */
static cJSON *csl_entry(const struct pdb_record *rec)
{
	struct csl_facts f;
	cJSON *o = cJSON_CreateObject();
	int failed = find_facts(rec, &f) || !o;
	const char *number = number_key(&f);

	if (!o)
		goto out;
	pdb_json_put(o, "id", pdb_json_text(rec->key ? rec->key : ""), &failed);
	put_text(o, "type", f.type, &failed);
	put_text(o, "genre", f.genre, &failed);
	put_title(o, rec, &failed);
	put_people(o, "author", rec->authors, rec->nauthors, &failed);
	put_people(o, "editor", rec->editors, rec->neditors, &failed);
	put_issued(o, rec, &failed);
	put_text(o, "container-title", f.container, &failed);
	/* a journal's series ("3", biblatex's "newseries") is no collection */
	if (strcmp(f.type, "article-journal") != 0)
		put_field(o, "collection-title", rec, "series", &failed);
	if (strcmp(number, "collection-number") == 0)
		put_field(o, number, rec, "number", &failed);
	put_field(o, "volume", rec, "volume", &failed);
	if (strcmp(number, "issue") == 0)
		put_field(o, number, rec, "number", &failed);
	put_pages(o, rec, &failed);
	put_field(o, "edition", rec, "edition", &failed);
	if (strcmp(number, "number") == 0 && pdb_record_get(rec, "number"))
		put_field(o, number, rec, "number", &failed);
	else if (is_arxiv_preprint(&f))
		put_text(o, "number", f.arxiv, &failed);
	put_publisher(o, rec, &f, &failed);
	put_text(o, "DOI", f.doi, &failed);
	put_field(o, "ISBN", rec, "isbn", &failed);
	put_field(o, "ISSN", rec, "issn", &failed);
	put_url(o, &f, &failed);
	put_field(o, "note", rec, "note", &failed);
	put_field(o, "abstract", rec, "abstract", &failed);
	put_field(o, "keyword", rec, "keywords", &failed);
	put_text(o, "language", language_of(rec), &failed);
out:
	facts_release(&f);
	if (failed) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* ---- the exporter ---- */

static int csl_write_entry(struct pdb_export *x, const struct pdb_record *rec)
{
	return pdb_json_array_write(x, csl_entry(rec));
}

const struct pdb_exporter pdb_export_csljson = {
	"csl-json", "CSL-JSON for pandoc, Zotero and citeproc",
	pdb_json_array_begin, NULL, csl_write_entry, pdb_json_array_end,
	PDB_LOAD_FIELDS | PDB_LOAD_PERSONS | PDB_LOAD_TAGS,
};
