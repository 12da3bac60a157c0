/*
 * What the JSON exporters share: cJSON items from pubdb text, and a JSON
 * array written one object at a time ("[", objects separated by ",\n",
 * "]"), so that memory does not grow with the number of entries.
 */
#ifndef PUBDB_JSONOUT_H
#define PUBDB_JSONOUT_H

#include "pubdb/export.h"

#include <cjson/cJSON.h>

/* A JSON string for s (NULL gives null), invalid UTF-8 bytes as U+FFFD; NULL on OOM. */
cJSON *pdb_json_text(const char *s);
/* s with every byte that is not part of valid UTF-8 replaced by U+FFFD; caller frees. */
char *pdb_repaired_utf8(const char *s);
/* Adds item (taken, even on failure) to obj under key; returns item, or NULL and sets *failed. */
cJSON *pdb_json_put(cJSON *obj, const char *key, cJSON *item, int *failed);

/*
 * A JSON text written straight into a buffer, as cJSON_PrintUnformatted
 * would print the same tree (no spaces; strings escaped alike, invalid
 * UTF-8 as U+FFFD), without building one. key is the member's name inside
 * an object, NULL inside an array; the commas come by themselves.
 */
struct pdb_jw {
	struct pdb_buf b;
	int depth;
	unsigned long more;	/* bit d: the container at depth d has a value */
};

void pdb_jw_reset(struct pdb_jw *w);
void pdb_jw_open(struct pdb_jw *w, const char *key, char bracket);	/* '{' or '[' */
void pdb_jw_close(struct pdb_jw *w, char bracket);			/* '}' or ']' */
void pdb_jw_string(struct pdb_jw *w, const char *key, const char *s);	/* NULL: null */
void pdb_jw_int(struct pdb_jw *w, const char *key, long n);
void pdb_jw_bool(struct pdb_jw *w, const char *key, int yes);
void pdb_jw_null(struct pdb_jw *w, const char *key);

/* The array around the objects: "[", then ",\n"-separated elements, "]". */
struct pdb_json_array {
	unsigned long objects;	/* written so far */
};

int pdb_json_array_open(struct pdb_json_array *a, FILE *out);
/* Writes the JSON text of an object (NULL: out of memory) as the next element. */
int pdb_json_array_put(struct pdb_json_array *a, FILE *out, const char *text);
int pdb_json_array_close(struct pdb_json_array *a, FILE *out);

/* The same as exporter callbacks, the array in x->priv, for cJSON objects. */
int pdb_json_array_begin(struct pdb_export *x);
/* Writes obj (NULL: out of memory) as the next element and deletes it. */
int pdb_json_array_write(struct pdb_export *x, cJSON *obj);
int pdb_json_array_end(struct pdb_export *x);

#endif
