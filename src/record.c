#include "pubdb/record.h"

#include "authors.h"
#include "pubdb/buf.h"
#include "pubdb/diag.h"

#include <string.h>

const char *const pdb_venue_fields[] = {
	"journal", "journaltitle", "booktitle", "howpublished", "school",
	"institution", "organization", "publisher", NULL,
};

const char *const pdb_link_names[] = {
	"url", "doi", "arxiv", "pdf", "code", "website", "poster", "slides", "video", "html",
	NULL,
};

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int equals_ignoring_case(const char *a, const char *b)
{
	while (*a && ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == *b;
}

static int starts_with_ignoring_case(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (ascii_lower((unsigned char)*s) != ascii_lower((unsigned char)*prefix))
			return 0;
	return 1;
}

static int is_url(const char *s)
{
	return starts_with_ignoring_case(s, "https://") || starts_with_ignoring_case(s, "http://");
}

const char *pdb_record_get(const struct pdb_record *r, const char *name)
{
	for (size_t i = 0; i < r->nfields; i++) {
		/* the first byte, before a call: exporters ask for a dozen names an entry */
		if (r->fields[i].name[0] == name[0] && strcmp(r->fields[i].name, name) == 0) {
			const char *v = r->fields[i].value;

			return v && *v ? v : NULL;
		}
	}
	return NULL;
}

const char *pdb_record_venue_raw(const struct pdb_record *r)
{
	for (size_t i = 0; pdb_venue_fields[i]; i++) {
		const char *v = pdb_record_get(r, pdb_venue_fields[i]);

		if (v)
			return v;
	}
	return NULL;
}

static int is_arxiv_eprint(const struct pdb_record *r)
{
	const char *prefix = pdb_record_get(r, "archiveprefix");

	if (!prefix)
		prefix = pdb_record_get(r, "eprinttype");
	return prefix && equals_ignoring_case(prefix, "arxiv");
}

const char *pdb_record_arxiv_id(const struct pdb_record *r)
{
	const char *id = NULL;

	if (is_arxiv_eprint(r))
		id = pdb_record_get(r, "eprint");
	if (!id)
		id = pdb_record_get(r, "arxiv");
	if (id && starts_with_ignoring_case(id, "arxiv:") && id[6])
		id += 6;
	return id;
}

/* An identifier as a link: prefix + id, or id alone when it is already a URL. */
static void add_id_link(struct pdb_buf *url, const char *prefix, const char *id)
{
	if (!is_url(id))
		pdb_buf_adds(url, prefix);
	pdb_buf_adds(url, id);
}

int pdb_record_link(const struct pdb_record *r, const char *name, struct pdb_buf *url)
{
	const char *v;

	pdb_buf_reset(url);
	if (strcmp(name, "doi") == 0) {
		v = pdb_record_get(r, "doi");
		if (v)
			add_id_link(url, "https://doi.org/", v);
	} else if (strcmp(name, "arxiv") == 0) {
		v = pdb_record_arxiv_id(r);
		if (v)
			add_id_link(url, "https://arxiv.org/abs/", v);
	} else {
		v = pdb_record_get(r, name);
		if (!v && strcmp(name, "website") == 0)
			v = pdb_record_get(r, "project");
		if (v)
			pdb_buf_adds(url, v);
	}
	if (pdb_buf_failed(url))
		return PDB_ENOMEM;
	return v != NULL;
}

const char *pdb_record_venue_short(const struct pdb_record *r)
{
	if (r->workshop || !r->venue_short || !*r->venue_short)
		return NULL;
	return r->venue_short;
}

const char *pdb_record_venue_full(const struct pdb_record *r)
{
	if (!r->workshop && r->venue_full && *r->venue_full)
		return r->venue_full;
	return r->venue;
}

const char *pdb_tag_value(const char *tag, const char *prefix)
{
	if (!tag || !starts_with_ignoring_case(tag, prefix))
		return NULL;
	tag += strlen(prefix);
	return *tag ? tag : NULL;
}

int pdb_tag_plain(const char *tag)
{
	return !pdb_tag_value(tag, PDB_TAG_AWARD) && !pdb_tag_value(tag, PDB_TAG_TOPIC);
}

const char *pdb_record_first_tag(const struct pdb_record *r, const char *prefix)
{
	for (size_t i = 0; i < r->ntags; i++) {
		const char *v = pdb_tag_value(r->tags[i], prefix);

		if (v)
			return v;
	}
	return NULL;
}

int pdb_person_corresponding(const struct pdb_person *p)
{
	return (p->marks & PDB_MARK_CORRESPONDING) != 0;
}

int pdb_record_is_workshop(const struct pdb_record *r)
{
	return r->workshop || (r->venue_kind && strcmp(r->venue_kind, "workshop") == 0);
}
