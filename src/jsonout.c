#include "jsonout.h"

#include "pubdb/buf.h"
#include "pubdb/texnorm.h"

#include <stdlib.h>
#include <string.h>

struct array_state {
	unsigned long objects;	/* written so far */
};

char *pdb_repaired_utf8(const char *s)
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

cJSON *pdb_json_text(const char *s)
{
	char *fixed;
	cJSON *item;

	if (!s)
		return cJSON_CreateNull();
	if (pdb_utf8_valid(s, strlen(s)))
		return cJSON_CreateString(s);
	fixed = pdb_repaired_utf8(s);
	if (!fixed)
		return NULL;
	item = cJSON_CreateString(fixed);
	free(fixed);
	return item;
}

cJSON *pdb_json_put(cJSON *obj, const char *key, cJSON *item, int *failed)
{
	if (!item || !cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		*failed = 1;
		return NULL;
	}
	return item;
}

int pdb_json_array_begin(struct pdb_export *x)
{
	struct array_state *st = calloc(1, sizeof(*st));

	if (!st)
		return PDB_ENOMEM;
	x->priv = st;
	return fputs("[", x->out) < 0 ? PDB_EIO : 0;
}

int pdb_json_array_write(struct pdb_export *x, cJSON *obj)
{
	struct array_state *st = x->priv;
	char *text = NULL;
	int rc = 0;

	if (!obj)
		return PDB_ENOMEM;
	text = cJSON_PrintUnformatted(obj);
	if (!text)
		rc = PDB_ENOMEM;
	else if (fputs(st->objects ? ",\n" : "\n", x->out) < 0 || fputs(text, x->out) < 0)
		rc = PDB_EIO;
	else
		st->objects++;
	cJSON_free(text);
	cJSON_Delete(obj);
	return rc;
}

int pdb_json_array_end(struct pdb_export *x)
{
	struct array_state *st = x->priv;
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
