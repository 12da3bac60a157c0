/*
 * The json format: a top-level array with one object per entry, described
 * by schema/pubdb-export.schema.json.
 *
 * Streamed: each entry is written as JSON text into one reused buffer
 * (struct pdb_jw, no tree is built) and printed on a line of its own, so
 * memory does not grow with the number of entries.
 */
#include "pubdb/export.h"

#include "jsonout.h"

#include "pubdb/buf.h"
#include "pubdb/record.h"
#include "pubdb/texnorm.h"

#include <stdlib.h>
#include <string.h>

static void json_person(struct pdb_jw *w, const struct pdb_person *p)
{
	pdb_jw_open(w, NULL, '{');
	pdb_jw_string(w, "given", p->given ? p->given : "");
	pdb_jw_string(w, "family", p->family ? p->family : "");
	pdb_jw_string(w, "von", p->von ? p->von : "");
	pdb_jw_string(w, "jr", p->jr ? p->jr : "");
	pdb_jw_bool(w, "literal", p->literal != 0);
	pdb_jw_bool(w, "equal", p->equal != 0);
	pdb_jw_bool(w, "corresponding", pdb_person_corresponding(p));
	pdb_jw_bool(w, "me", p->me != 0);
	pdb_jw_close(w, '}');
}

static void json_people(struct pdb_jw *w, const char *key, const struct pdb_person *v, size_t n)
{
	pdb_jw_open(w, key, '[');
	for (size_t i = 0; i < n; i++)
		json_person(w, &v[i]);
	pdb_jw_close(w, ']');
}

static void json_int_or_null(struct pdb_jw *w, const char *key, int n)
{
	if (n)
		pdb_jw_int(w, key, n);
	else
		pdb_jw_null(w, key);
}

static void json_venue(struct pdb_jw *w, const struct pdb_record *rec)
{
	pdb_jw_open(w, "venue", '{');
	pdb_jw_string(w, "short", pdb_record_venue_short(rec));
	pdb_jw_string(w, "full", pdb_record_venue_full(rec));
	pdb_jw_string(w, "raw", pdb_record_venue_raw(rec));
	pdb_jw_bool(w, "workshop", pdb_record_is_workshop(rec));
	pdb_jw_close(w, '}');
}

/* The values of the tags with prefix ("award:", "topic:"), in tag order. */
static void json_tag_values(struct pdb_jw *w, const char *key, const struct pdb_record *rec,
			    const char *prefix)
{
	pdb_jw_open(w, key, '[');
	for (size_t i = 0; i < rec->ntags; i++) {
		const char *v = pdb_tag_value(rec->tags[i], prefix);

		if (v)
			pdb_jw_string(w, NULL, v);
	}
	pdb_jw_close(w, ']');
}

/* The tags that are neither awards nor topics. */
static void json_plain_tags(struct pdb_jw *w, const struct pdb_record *rec)
{
	pdb_jw_open(w, "tags", '[');
	for (size_t i = 0; i < rec->ntags; i++)
		if (rec->tags[i] && pdb_tag_plain(rec->tags[i]))
			pdb_jw_string(w, NULL, rec->tags[i]);
	pdb_jw_close(w, ']');
}

static void json_ids(struct pdb_jw *w, const struct pdb_record *rec)
{
	pdb_jw_open(w, "ids", '{');
	pdb_jw_string(w, "doi", pdb_record_get(rec, "doi"));
	pdb_jw_string(w, "arxiv", pdb_record_arxiv_id(rec));
	pdb_jw_close(w, '}');
}

/* Every link the entry has, in the schema's order. */
static int json_links(struct pdb_jw *w, const struct pdb_record *rec)
{
	struct pdb_buf url = PDB_BUF_INIT;
	int rc = 0;

	pdb_jw_open(w, "links", '{');
	for (size_t i = 0; pdb_link_names[i] && rc >= 0; i++) {
		rc = pdb_record_link(rec, pdb_link_names[i], &url);
		if (rc > 0)
			pdb_jw_string(w, pdb_link_names[i], pdb_buf_str(&url));
	}
	pdb_jw_close(w, '}');
	pdb_buf_release(&url);
	return rc < 0 ? PDB_ENOMEM : 0;
}

/* 1 if a field before i has the same name (the first of duplicates is kept). */
static int field_seen(const struct pdb_record *rec, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(rec->fields[j].name, rec->fields[i].name) == 0)
			return 1;
	return 0;
}

static void json_fields(struct pdb_jw *w, const struct pdb_record *rec)
{
	pdb_jw_open(w, "fields", '{');
	for (size_t i = 0; i < rec->nfields; i++)
		if (!field_seen(rec, i))
			pdb_jw_string(w, rec->fields[i].name,
				      rec->fields[i].raw ? rec->fields[i].raw : "");
	pdb_jw_close(w, '}');
}

/* The entry's object, keys in the schema's order. */
static int json_entry(struct pdb_jw *w, const struct pdb_record *rec)
{
	int rc;

	pdb_jw_reset(w);
	pdb_jw_open(w, NULL, '{');
	pdb_jw_string(w, "key", rec->key ? rec->key : "");
	pdb_jw_string(w, "type", rec->type ? rec->type : "");
	pdb_jw_string(w, "title", rec->title);
	json_people(w, "authors", rec->authors, rec->nauthors);
	json_people(w, "editors", rec->editors, rec->neditors);
	json_int_or_null(w, "year", rec->year);
	json_int_or_null(w, "month", rec->month >= 1 && rec->month <= 12 ? rec->month : 0);
	json_venue(w, rec);
	pdb_jw_bool(w, "equal_contribution", rec->equal != 0);
	json_tag_values(w, "awards", rec, PDB_TAG_AWARD);
	json_tag_values(w, "topics", rec, PDB_TAG_TOPIC);
	json_plain_tags(w, rec);
	pdb_jw_bool(w, "selected", rec->selected != 0);
	json_ids(w, rec);
	rc = json_links(w, rec);
	json_fields(w, rec);
	pdb_jw_close(w, '}');
	return rc < 0 || pdb_buf_failed(&w->b) ? PDB_ENOMEM : 0;
}

/* ---- the exporter: the array, and one buffer for every entry ---- */

struct json_state {
	struct pdb_json_array array;
	struct pdb_jw w;
};

static int json_begin(struct pdb_export *x)
{
	struct json_state *st = calloc(1, sizeof(*st));

	if (!st)
		return PDB_ENOMEM;
	x->priv = st;
	return pdb_json_array_open(&st->array, x->out);
}

static int json_write_entry(struct pdb_export *x, const struct pdb_record *rec)
{
	struct json_state *st = x->priv;
	int rc = json_entry(&st->w, rec);

	return rc < 0 ? rc : pdb_json_array_put(&st->array, x->out, pdb_buf_str(&st->w.b));
}

static int json_end(struct pdb_export *x)
{
	struct json_state *st = x->priv;
	int rc;

	/* begin failed: nothing was opened, so nothing is closed */
	if (!st)
		return 0;
	rc = pdb_json_array_close(&st->array, x->out);
	pdb_buf_release(&st->w.b);
	free(st);
	x->priv = NULL;
	return rc;
}

const struct pdb_exporter pdb_export_json = {
	"json", "JSON array, one object per entry",
	json_begin, NULL, json_write_entry, json_end,
	PDB_LOAD_FIELDS | PDB_LOAD_PERSONS | PDB_LOAD_TAGS,
};
