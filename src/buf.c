#include "pubdb/buf.h"

#include "pubdb/diag.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pdb_buf_init(struct pdb_buf *b)
{
	struct pdb_buf empty = PDB_BUF_INIT;
	*b = empty;
}

void pdb_buf_release(struct pdb_buf *b)
{
	free(b->s);
	pdb_buf_init(b);
}

void pdb_buf_reset(struct pdb_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

/* Makes room for extra more bytes and the NUL; the rare reallocating part. */
static int grow_slow(struct pdb_buf *b, size_t extra)
{
	size_t want, cap;
	char *p;

	if (b->oom)
		return -1;
	if (extra > (size_t)-1 - b->len - 1)
		goto fail;
	want = b->len + extra + 1;
	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < want)
		cap = cap > (size_t)-1 / 2 ? want : cap * 2;
	p = realloc(b->s, cap);
	if (!p)
		goto fail;
	if (!b->s)
		p[0] = '\0';
	b->s = p;
	b->cap = cap;
	return 0;
fail:
	b->oom = 1;
	return -1;
}

/* Appending to a buffer with room to spare (the usual case) is one comparison. */
static inline int grow(struct pdb_buf *b, size_t extra)
{
	if (!b->oom && extra < b->cap - b->len)
		return 0;
	return grow_slow(b, extra);
}

char *pdb_buf_detach(struct pdb_buf *b)
{
	char *s;

	if (b->oom) {
		pdb_buf_release(b);
		return NULL;
	}
	if (grow(b, 0) < 0)
		return NULL;
	s = b->s;
	pdb_buf_init(b);
	return s;
}

void pdb_buf_grow(struct pdb_buf *b, size_t extra)
{
	grow(b, extra);
}

void pdb_buf_add_growing(struct pdb_buf *b, const void *p, size_t n)
{
	if (grow(b, n) == 0)
		pdb_buf_add(b, p, n);	/* now with room: the inline path */
}

void pdb_buf_adds(struct pdb_buf *b, const char *s)
{
	pdb_buf_add(b, s, strlen(s));
}

void pdb_buf_vaddf(struct pdb_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || grow(b, (size_t)n) < 0) {
		b->oom = 1;
		return;
	}
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void pdb_buf_addf(struct pdb_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pdb_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void pdb_buf_truncate(struct pdb_buf *b, size_t n)
{
	if (n < b->len) {
		b->len = n;
		b->s[n] = '\0';
	}
}

const char *pdb_buf_str(const struct pdb_buf *b)
{
	return b->s ? b->s : "";
}

int pdb_buf_failed(const struct pdb_buf *b)
{
	return b->oom;
}

int pdb_reserve(void *v, size_t *alloc, size_t need, size_t size)
{
	void **array = v;
	size_t n = *alloc ? *alloc : 8;
	void *p;

	if (need <= *alloc)
		return 0;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return PDB_ENOMEM;
		n *= 2;
	}
	if (n > SIZE_MAX / size)
		return PDB_ENOMEM;
	p = realloc(*array, n * size);
	if (!p)
		return PDB_ENOMEM;
	*array = p;
	*alloc = n;
	return 0;
}
