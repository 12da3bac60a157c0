/*
 * The json format: a top-level array with one object per entry, described
 * by schema/pubdb-export.schema.json.
 *
 * Streamed: each entry becomes one cJSON tree, printed unformatted on a
 * line of its own and deleted at once, so memory does not grow with the
 * number of entries. cJSON trees never leave this file.
 */
#include "pubdb/export.h"

#include "pubdb/buf.h"
#include "pubdb/record.h"
#include "pubdb/texnorm.h"

#include <cjson/cJSON.h>

#include <stdlib.h>
#include <string.h>

struct json_state {
	unsigned long objects;	/* objects written so far */
};

/* ---- cJSON building: a failure is sticky in *failed ---- */

/* s with every byte that is not part of valid UTF-8 replaced by U+FFFD. */
static char *repaired_utf8(const char *s)
{
	struct pdb_buf b = PDB_BUF_INIT;
	size_t n = strlen(s), i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;

		if (len <= n - i && pdb_utf8_valid(s + i, len)) {
			pdb_buf_add(&b, s + i, len);
			i += len;
		} else {
			pdb_buf_adds(&b, "\xef\xbf\xbd");
			i++;
		}
	}
	return pdb_buf_detach(&b);
}

/* A JSON string for s (NULL gives null); NULL when out of memory. */
static cJSON *json_text(const char *s)
{
	char *fixed;
	cJSON *item;

	if (!s)
		return cJSON_CreateNull();
	if (pdb_utf8_valid(s, strlen(s)))
		return cJSON_CreateString(s);
	fixed = repaired_utf8(s);
	if (!fixed)
		return NULL;
	item = cJSON_CreateString(fixed);
	free(fixed);
	return item;
}

/* Adds item (taking it, even on failure) to obj under key; returns item or NULL. */
static cJSON *put(cJSON *obj, const char *key, cJSON *item, int *failed)
{
	if (!item || !cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		*failed = 1;
		return NULL;
	}
	return item;
}

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

	put(o, "given", json_text(p->given ? p->given : ""), failed);
	put(o, "family", json_text(p->family ? p->family : ""), failed);
	put(o, "von", json_text(p->von ? p->von : ""), failed);
	put(o, "jr", json_text(p->jr ? p->jr : ""), failed);
	put(o, "literal", cJSON_CreateBool(p->literal != 0), failed);
	put(o, "equal", cJSON_CreateBool(p->equal != 0), failed);
	put(o, "corresponding", cJSON_CreateBool(pdb_person_corresponding(p)), failed);
	put(o, "me", cJSON_CreateBool(p->me != 0), failed);
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

	put(o, "short", json_text(pdb_record_venue_short(rec)), failed);
	put(o, "full", json_text(pdb_record_venue_full(rec)), failed);
	put(o, "raw", json_text(pdb_record_venue_raw(rec)), failed);
	put(o, "workshop", cJSON_CreateBool(pdb_record_is_workshop(rec)), failed);
	return o;
}

/* The values of the tags with prefix ("award:", "topic:"), in tag order. */
static cJSON *json_tag_values(const struct pdb_record *rec, const char *prefix, int *failed)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < rec->ntags; i++) {
		const char *v = pdb_tag_value(rec->tags[i], prefix);

		if (v)
			append(a, json_text(v), failed);
	}
	return a;
}

/* The tags that are neither awards nor topics. */
static cJSON *json_plain_tags(const struct pdb_record *rec, int *failed)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < rec->ntags; i++)
		if (rec->tags[i] && pdb_tag_plain(rec->tags[i]))
			append(a, json_text(rec->tags[i]), failed);
	return a;
}

static cJSON *json_ids(const struct pdb_record *rec, int *failed)
{
	cJSON *o = cJSON_CreateObject();

	put(o, "doi", json_text(pdb_record_get(rec, "doi")), failed);
	put(o, "arxiv", json_text(pdb_record_arxiv_id(rec)), failed);
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
			put(o, pdb_link_names[i], json_text(pdb_buf_str(&url)), failed);
	}
	pdb_buf_release(&url);
	return o;
}

/* Adds name: raw unless obj already has name (the first of duplicates wins). */
static void put_field_once(cJSON *obj, const char *name, const char *raw, int *failed)
{
	char *fixed = NULL;

	if (!pdb_utf8_valid(name, strlen(name))) {
		fixed = repaired_utf8(name);
		if (!fixed) {
			*failed = 1;
			return;
		}
		name = fixed;
	}
	if (!cJSON_GetObjectItemCaseSensitive(obj, name))
		put(obj, name, json_text(raw ? raw : ""), failed);
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

	put(o, "key", json_text(rec->key ? rec->key : ""), &failed);
	put(o, "type", json_text(rec->type ? rec->type : ""), &failed);
	put(o, "title", json_text(rec->title), &failed);
	put(o, "authors", json_people(rec->authors, rec->nauthors, &failed), &failed);
	put(o, "editors", json_people(rec->editors, rec->neditors, &failed), &failed);
	put(o, "year", json_int_or_null(rec->year), &failed);
	put(o, "month", json_int_or_null(rec->month >= 1 && rec->month <= 12 ? rec->month : 0),
	    &failed);
	put(o, "venue", json_venue(rec, &failed), &failed);
	put(o, "equal_contribution", cJSON_CreateBool(rec->equal != 0), &failed);
	put(o, "awards", json_tag_values(rec, PDB_TAG_AWARD, &failed), &failed);
	put(o, "topics", json_tag_values(rec, PDB_TAG_TOPIC, &failed), &failed);
	put(o, "tags", json_plain_tags(rec, &failed), &failed);
	put(o, "selected", cJSON_CreateBool(rec->selected != 0), &failed);
	put(o, "ids", json_ids(rec, &failed), &failed);
	put(o, "links", json_links(rec, &failed), &failed);
	put(o, "fields", json_fields(rec, &failed), &failed);
	if (failed) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* ---- the exporter ---- */

static int json_begin(struct pdb_export *x)
{
	struct json_state *st = calloc(1, sizeof(*st));

	if (!st)
		return PDB_ENOMEM;
	x->priv = st;
	return fputs("[", x->out) < 0 ? PDB_EIO : 0;
}

static int json_write_entry(struct pdb_export *x, const struct pdb_record *rec)
{
	struct json_state *st = x->priv;
	cJSON *obj = json_entry(rec);
	char *text = NULL;
	int rc = 0;

	if (!obj)
		return PDB_ENOMEM;
	text = cJSON_PrintUnformatted(obj);
	if (!text) {
		rc = PDB_ENOMEM;
		goto out;
	}
	if (fputs(st->objects ? ",\n" : "\n", x->out) < 0 || fputs(text, x->out) < 0) {
		rc = PDB_EIO;
		goto out;
	}
	st->objects++;
out:
	cJSON_free(text);
	cJSON_Delete(obj);
	return rc;
}

static int json_end(struct pdb_export *x)
{
	struct json_state *st = x->priv;
	int rc = 0;

	/* begin failed: nothing was opened, so nothing is closed */
	if (!st)
		return 0;
	if (fputs(st->objects ? "\n]\n" : "]\n", x->out) < 0 || ferror(x->out))
		rc = PDB_EIO;
	free(st);
	x->priv = NULL;
	return rc;
}

const struct pdb_exporter pdb_export_json = {
	"json", "JSON array, one object per entry",
	json_begin, NULL, json_write_entry, json_end,
};
