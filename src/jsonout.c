#include "jsonout.h"

#include "pubdb/buf.h"
#include "pubdb/texnorm.h"

#include <stdlib.h>
#include <string.h>

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

static void jw_text(struct pdb_buf *b, const char *s)
{
	const char *run = s;

	pdb_buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		static const char short_escape[] = "\"\"\\\\\bb\ff\nn\rr\tt";
		const char *e;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		pdb_buf_add(b, run, (size_t)(s - run));
		run = s + 1;
		e = strchr(short_escape, c);
		if (e && (size_t)(e - short_escape) % 2 == 0)
			pdb_buf_addf(b, "\\%c", e[1]);
		else
			pdb_buf_addf(b, "\\u%04x", c);
	}
	pdb_buf_add(b, run, (size_t)(s - run));
	pdb_buf_addc(b, '"');
}

static void jw_string_text(struct pdb_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *fixed;

	/* most keys and values: printable ASCII, nothing to escape */
	while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
		p++;
	if (!*p) {
		pdb_buf_addc(b, '"');
		pdb_buf_add(b, s, (size_t)(p - (const unsigned char *)s));
		pdb_buf_addc(b, '"');
		return;
	}
	if (pdb_utf8_valid(s, strlen(s))) {
		jw_text(b, s);
		return;
	}
	fixed = pdb_repaired_utf8(s);
	if (!fixed) {
		b->oom = 1;
		return;
	}
	jw_text(b, fixed);
	free(fixed);
}

/* The comma before a value, and its key. */
static void jw_member(struct pdb_jw *w, const char *key)
{
	unsigned long bit = 1ul << (w->depth % (int)(8 * sizeof(w->more)));

	if (w->more & bit)
		pdb_buf_addc(&w->b, ',');
	w->more |= bit;
	if (key) {
		jw_string_text(&w->b, key);
		pdb_buf_addc(&w->b, ':');
	}
}

void pdb_jw_reset(struct pdb_jw *w)
{
	pdb_buf_reset(&w->b);
	w->depth = 0;
	w->more = 0;
}

void pdb_jw_open(struct pdb_jw *w, const char *key, char bracket)
{
	jw_member(w, key);
	pdb_buf_addc(&w->b, bracket);
	w->depth++;
	w->more &= ~(1ul << (w->depth % (int)(8 * sizeof(w->more))));
}

void pdb_jw_close(struct pdb_jw *w, char bracket)
{
	pdb_buf_addc(&w->b, bracket);
	w->depth--;
}

void pdb_jw_string(struct pdb_jw *w, const char *key, const char *s)
{
	jw_member(w, key);
	if (s)
		jw_string_text(&w->b, s);
	else
		pdb_buf_adds(&w->b, "null");
}

void pdb_jw_int(struct pdb_jw *w, const char *key, long n)
{
	jw_member(w, key);
	pdb_buf_addf(&w->b, "%ld", n);
}

void pdb_jw_bool(struct pdb_jw *w, const char *key, int yes)
{
	jw_member(w, key);
	pdb_buf_adds(&w->b, yes ? "true" : "false");
}

void pdb_jw_null(struct pdb_jw *w, const char *key)
{
	jw_member(w, key);
	pdb_buf_adds(&w->b, "null");
}

int pdb_json_array_open(struct pdb_json_array *a, FILE *out)
{
	a->objects = 0;
	return fputs("[", out) < 0 ? PDB_EIO : 0;
}

int pdb_json_array_put(struct pdb_json_array *a, FILE *out, const char *text)
{
	if (!text)
		return PDB_ENOMEM;
	if (fputs(a->objects ? ",\n" : "\n", out) < 0 || fputs(text, out) < 0)
		return PDB_EIO;
	a->objects++;
	return 0;
}

int pdb_json_array_close(struct pdb_json_array *a, FILE *out)
{
	return fputs(a->objects ? "\n]\n" : "]\n", out) < 0 || ferror(out) ? PDB_EIO : 0;
}

int pdb_json_array_begin(struct pdb_export *x)
{
	struct pdb_json_array *a = calloc(1, sizeof(*a));

	if (!a)
		return PDB_ENOMEM;
	x->priv = a;
	return pdb_json_array_open(a, x->out);
}

int pdb_json_array_write(struct pdb_export *x, cJSON *obj)
{
	char *text = obj ? cJSON_PrintUnformatted(obj) : NULL;
	int rc = pdb_json_array_put(x->priv, x->out, text);

	cJSON_free(text);
	cJSON_Delete(obj);
	return rc;
}

int pdb_json_array_end(struct pdb_export *x)
{
	int rc;

	/* begin failed: nothing was opened, so nothing is closed */
	if (!x->priv)
		return 0;
	rc = pdb_json_array_close(x->priv, x->out);
	free(x->priv);
	x->priv = NULL;
	return rc;
}
