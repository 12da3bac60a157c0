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

/*
 * The bytes that are printable ASCII with nothing to escape, as a table:
 * abstracts are long, and one lookup a byte is half the work of the four
 * comparisons it stands for.
 */
#define PLAIN_ROW(lo) \
	[lo] = 1, [lo + 1] = 1, [lo + 2] = 1, [lo + 3] = 1, \
	[lo + 4] = 1, [lo + 5] = 1, [lo + 6] = 1, [lo + 7] = 1
static const unsigned char plain_byte[256] = {
	[' '] = 1, ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1,
	PLAIN_ROW(0x28), PLAIN_ROW(0x30), PLAIN_ROW(0x38), PLAIN_ROW(0x40),
	PLAIN_ROW(0x48), PLAIN_ROW(0x50),
	['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['['] = 1, [']'] = 1, ['^'] = 1, ['_'] = 1,
	PLAIN_ROW(0x60), PLAIN_ROW(0x68), PLAIN_ROW(0x70), PLAIN_ROW(0x78),
};

/* The length of s's first bytes that are printable ASCII with nothing to escape. */
static size_t plain_prefix(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (plain_byte[*p])
		p++;
	return (size_t)(p - (const unsigned char *)s);
}

/* s as a JSON string; its first plain bytes are known to need no escape. */
static void jw_text(struct pdb_buf *b, const char *s, size_t plain)
{
	const char *run = s;

	pdb_buf_addc(b, '"');
	for (s += plain; *s; s++) {
		unsigned char c = (unsigned char)*s;
		static const char hex[] = "0123456789abcdef";
		static const char short_escape[] = "\"\"\\\\\bb\ff\nn\rr\tt";
		const char *e;

		if (c >= 0x80 || plain_byte[c])	/* UTF-8 is checked before */
			continue;
		pdb_buf_add(b, run, (size_t)(s - run));
		run = s + 1;
		e = strchr(short_escape, c);
		if (e && (size_t)(e - short_escape) % 2 == 0) {
			char escape[2] = { '\\', e[1] };

			pdb_buf_add(b, escape, 2);
		} else {
			char escape[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };

			pdb_buf_add(b, escape, 6);
		}
	}
	pdb_buf_add(b, run, (size_t)(s - run));
	pdb_buf_addc(b, '"');
}

static void jw_string_text(struct pdb_buf *b, const char *s)
{
	size_t plain = plain_prefix(s);
	char *fixed;

	/* most keys and values: printable ASCII, nothing to escape */
	if (!s[plain]) {
		pdb_buf_addc(b, '"');
		pdb_buf_add(b, s, plain);
		pdb_buf_addc(b, '"');
		return;
	}
	if (pdb_utf8_valid(s + plain, strlen(s + plain))) {
		jw_text(b, s, plain);
		return;
	}
	fixed = pdb_repaired_utf8(s);
	if (!fixed) {
		b->oom = 1;
		return;
	}
	jw_text(b, fixed, plain);	/* repairing left the plain bytes as they were */
	free(fixed);
}

/*
 * A member's key and its colon. Keys are mostly short and plain (the
 * schema's names, field names; a person alone has eight): such a key is
 * copied in the pass that checks it, not measured, checked and copied.
 */
static void jw_key(struct pdb_buf *b, const char *key)
{
	enum { SHORT_KEY = 30 };
	size_t i = 0;

	if (!b->oom && b->cap - b->len > SHORT_KEY + 3) {	/* '"', the key, '"', ':' */
		char *out = b->s + b->len + 1;	/* after the opening quote */

		while (i < SHORT_KEY && plain_byte[(unsigned char)key[i]]) {
			out[i] = key[i];
			i++;
		}
		if (!key[i]) {	/* else nothing up to b->len has changed */
			out[-1] = '"';
			out[i] = '"';
			out[i + 1] = ':';
			b->len += i + 3;
			b->s[b->len] = '\0';
			return;
		}
	}
	jw_string_text(b, key);
	pdb_buf_addc(b, ':');
}

/* The comma before a value, and its key. */
static void jw_member(struct pdb_jw *w, const char *key)
{
	unsigned long bit = 1ul << (w->depth % (int)(8 * sizeof(w->more)));

	if (w->more & bit)
		pdb_buf_addc(&w->b, ',');
	w->more |= bit;
	if (key)
		jw_key(&w->b, key);
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
		pdb_buf_add(&w->b, "null", 4);
}

/* What printf's "%ld" writes, without parsing a format for every number. */
void pdb_jw_int(struct pdb_jw *w, const char *key, long n)
{
	char digits[24], *p = digits + sizeof(digits);
	unsigned long u = n < 0 ? 0ul - (unsigned long)n : (unsigned long)n;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	jw_member(w, key);
	pdb_buf_add(&w->b, p, (size_t)(digits + sizeof(digits) - p));
}

void pdb_jw_bool(struct pdb_jw *w, const char *key, int yes)
{
	jw_member(w, key);
	if (yes)
		pdb_buf_add(&w->b, "true", 4);
	else
		pdb_buf_add(&w->b, "false", 5);
}

void pdb_jw_null(struct pdb_jw *w, const char *key)
{
	jw_member(w, key);
	pdb_buf_add(&w->b, "null", 4);
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
