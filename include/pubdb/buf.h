/*
 * pdb_buf: a growable, always NUL-terminated byte string.
 *
 * The only string builder in pubdb. An out-of-memory failure is sticky:
 * the buffer keeps what it had, every later append is a no-op, and
 * pdb_buf_failed() reports it, so callers check once after building.
 */
#ifndef PUBDB_BUF_H
#define PUBDB_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct pdb_buf {
	char *s;	/* never NULL after any append; "" while empty */
	size_t len;
	size_t cap;
	int oom;
};

#define PDB_BUF_INIT { NULL, 0, 0, 0 }

void pdb_buf_init(struct pdb_buf *b);
void pdb_buf_release(struct pdb_buf *b);
/* Empties the buffer, keeping its memory. */
void pdb_buf_reset(struct pdb_buf *b);
/* Returns the string and leaves the buffer empty; caller frees. NULL after OOM. */
char *pdb_buf_detach(struct pdb_buf *b);

/* Makes room for extra more bytes, so that appending them allocates nothing. */
void pdb_buf_grow(struct pdb_buf *b, size_t extra);
/* pdb_buf_add() when there is no room: grows, then appends. */
void pdb_buf_add_growing(struct pdb_buf *b, const void *p, size_t n);

/*
 * Appending to a buffer with room to spare, the usual case, is inline: one
 * comparison and a copy, no call (exporters append a few bytes at a time).
 */
static inline void pdb_buf_add(struct pdb_buf *b, const void *p, size_t n)
{
	if (b->oom || n >= b->cap - b->len) {
		pdb_buf_add_growing(b, p, n);
		return;
	}
	if (n)	/* p may be NULL when n is 0 */
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static inline void pdb_buf_addc(struct pdb_buf *b, char c)
{
	pdb_buf_add(b, &c, 1);
}

void pdb_buf_adds(struct pdb_buf *b, const char *s);
void pdb_buf_addf(struct pdb_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pdb_buf_vaddf(struct pdb_buf *b, const char *fmt, va_list ap);
/* Shortens to n bytes (n <= len). */
void pdb_buf_truncate(struct pdb_buf *b, size_t n);
/* The contents, "" for an untouched buffer. */
const char *pdb_buf_str(const struct pdb_buf *b);
int pdb_buf_failed(const struct pdb_buf *b);

/*
 * Growable arrays: makes room for at least need elements of size bytes
 * in *v (capacity in *alloc, doubled as needed). 0, or PDB_ENOMEM with
 * *v untouched.
 */
int pdb_reserve(void *v, size_t *alloc, size_t need, size_t size);

#endif
