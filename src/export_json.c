/*
 * The json format: a top-level array with one object per entry, described
 * by schema/pubdb-export.schema.json.
 *
 * Streamed: each entry becomes one cJSON tree, printed unformatted on a
 * line of its own and deleted at once, so memory does not grow with the
 * number of entries. cJSON trees never leave this file.
 */
#include "pubdb/export.h"

#include "jsonout.h"

#include "pubdb/buf.h"
#include "pubdb/record.h"
#include "pubdb/texnorm.h"

#include <cjson/cJSON.h>

#include <stdlib.h>
#include <string.h>

/* ---- cJSON building: a failure is sticky in *failed ---- */

static void append(cJSON *array, cJSON *item, int *failed)
{
	if (!item || !cJSON_AddItemToArray(array, item)) {
		cJSON_Delete(item);
		*failed = 1;
	}
}

static cJSON *json_person(const struct pdb_person *p, int *failed)
{
	cJSON *o = cJSON_CreateObject();

	pdb_json_put(o, "given", pdb_json_text(p->given ? p->given : ""), failed);
	pdb_json_put(o, "family", pdb_json_text(p->family ? p->family : ""), failed);
	pdb_json_put(o, "von", pdb_json_text(p->von ? p->von : ""), failed);
	pdb_json_put(o, "jr", pdb_json_text(p->jr ? p->jr : ""), failed);
	pdb_json_put(o, "literal", cJSON_CreateBool(p->literal != 0), failed);
	pdb_json_put(o, "equal", cJSON_CreateBool(p->equal != 0), failed);
	pdb_json_put(o, "corresponding", cJSON_CreateBool(pdb_person_corresponding(p)), failed);
	pdb_json_put(o, "me", cJSON_CreateBool(p->me != 0), failed);
	return o;
}

static cJSON *json_people(const struct pdb_person *v, size_t n, int *failed)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++)
		append(a, json_person(&v[i], failed), failed);
	return a;
}

static cJSON *json_int_or_null(int n)
{
	return n ? cJSON_CreateNumber(n) : cJSON_CreateNull();
}

static cJSON *json_venue(const struct pdb_record *rec, int *failed)
{
	cJSON *o = cJSON_CreateObject();

	pdb_json_put(o, "short", pdb_json_text(pdb_record_venue_short(rec)), failed);
	pdb_json_put(o, "full", pdb_json_text(pdb_record_venue_full(rec)), failed);
	pdb_json_put(o, "raw", pdb_json_text(pdb_record_venue_raw(rec)), failed);
	pdb_json_put(o, "workshop", cJSON_CreateBool(pdb_record_is_workshop(rec)), failed);
	return o;
}

/* The values of the tags with prefix ("award:", "topic:"), in tag order. */
static cJSON *json_tag_values(const struct pdb_record *rec, const char *prefix, int *failed)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < rec->ntags; i++) {
		const char *v = pdb_tag_value(rec->tags[i], prefix);

		if (v)
			append(a, pdb_json_text(v), failed);
	}
	return a;
}

/* The tags that are neither awards nor topics. */
static cJSON *json_plain_tags(const struct pdb_record *rec, int *failed)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < rec->ntags; i++)
		if (rec->tags[i] && pdb_tag_plain(rec->tags[i]))
			append(a, pdb_json_text(rec->tags[i]), failed);
	return a;
}

static cJSON *json_ids(const struct pdb_record *rec, int *failed)
{
	cJSON *o = cJSON_CreateObject();

	pdb_json_put(o, "doi", pdb_json_text(pdb_record_get(rec, "doi")), failed);
	pdb_json_put(o, "arxiv", pdb_json_text(pdb_record_arxiv_id(rec)), failed);
	return o;
}

/* Every link the entry has, in the schema's order. */
static cJSON *json_links(const struct pdb_record *rec, int *failed)
{
	struct pdb_buf url = PDB_BUF_INIT;
	cJSON *o = cJSON_CreateObject();

	for (size_t i = 0; pdb_link_names[i] && !*failed; i++) {
		int rc = pdb_record_link(rec, pdb_link_names[i], &url);

		if (rc < 0)
			*failed = 1;
		else if (rc)
			pdb_json_put(o, pdb_link_names[i], pdb_json_text(pdb_buf_str(&url)), failed);
	}
	pdb_buf_release(&url);
	return o;
}

/* Adds name: raw unless obj already has name (the first of duplicates wins). */
static void put_field_once(cJSON *obj, const char *name, const char *raw, int *failed)
{
	char *fixed = NULL;

	if (!pdb_utf8_valid(name, strlen(name))) {
		fixed = pdb_repaired_utf8(name);
		if (!fixed) {
			*failed = 1;
			return;
		}
		name = fixed;
	}
	if (!cJSON_GetObjectItemCaseSensitive(obj, name))
		pdb_json_put(obj, name, pdb_json_text(raw ? raw : ""), failed);
	free(fixed);
}

static cJSON *json_fields(const struct pdb_record *rec, int *failed)
{
	cJSON *o = cJSON_CreateObject();

	for (size_t i = 0; i < rec->nfields && !*failed; i++)
		put_field_once(o, rec->fields[i].name, rec->fields[i].raw, failed);
	return o;
}

/* The entry's object, keys in the schema's order; NULL when out of memory. */
static cJSON *json_entry(const struct pdb_record *rec)
{
	cJSON *o = cJSON_CreateObject();
	int failed = !o;

	pdb_json_put(o, "key", pdb_json_text(rec->key ? rec->key : ""), &failed);
	pdb_json_put(o, "type", pdb_json_text(rec->type ? rec->type : ""), &failed);
	pdb_json_put(o, "title", pdb_json_text(rec->title), &failed);
	pdb_json_put(o, "authors", json_people(rec->authors, rec->nauthors, &failed), &failed);
	pdb_json_put(o, "editors", json_people(rec->editors, rec->neditors, &failed), &failed);
	pdb_json_put(o, "year", json_int_or_null(rec->year), &failed);
	pdb_json_put(o, "month", json_int_or_null(rec->month >= 1 && rec->month <= 12 ? rec->month : 0),
	    &failed);
	pdb_json_put(o, "venue", json_venue(rec, &failed), &failed);
	pdb_json_put(o, "equal_contribution", cJSON_CreateBool(rec->equal != 0), &failed);
	pdb_json_put(o, "awards", json_tag_values(rec, PDB_TAG_AWARD, &failed), &failed);
	pdb_json_put(o, "topics", json_tag_values(rec, PDB_TAG_TOPIC, &failed), &failed);
	pdb_json_put(o, "tags", json_plain_tags(rec, &failed), &failed);
	pdb_json_put(o, "selected", cJSON_CreateBool(rec->selected != 0), &failed);
	pdb_json_put(o, "ids", json_ids(rec, &failed), &failed);
	pdb_json_put(o, "links", json_links(rec, &failed), &failed);
	pdb_json_put(o, "fields", json_fields(rec, &failed), &failed);
	if (failed) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* ---- the exporter ---- */

static int json_write_entry(struct pdb_export *x, const struct pdb_record *rec)
{
	return pdb_json_array_write(x, json_entry(rec));
}

const struct pdb_exporter pdb_export_json = {
	"json", "JSON array, one object per entry",
	pdb_json_array_begin, NULL, json_write_entry, pdb_json_array_end,
	PDB_LOAD_FIELDS | PDB_LOAD_PERSONS | PDB_LOAD_TAGS,
};
