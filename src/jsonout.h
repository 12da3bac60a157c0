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

/* The array around the objects; x->priv is the writer's. */
int pdb_json_array_begin(struct pdb_export *x);
/* Writes obj (NULL: out of memory) as the next element and deletes it. */
int pdb_json_array_write(struct pdb_export *x, cJSON *obj);
int pdb_json_array_end(struct pdb_export *x);

#endif
