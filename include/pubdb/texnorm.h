/*
 * Text normalisation: LaTeX to Unicode for display, folded keys for
 * matching, and the UTF-8 checks the reader needs.
 *
 * All functions are pure. Returned strings are malloc'd: caller frees.
 * NULL is returned only when out of memory.
 */
#ifndef PUBDB_TEXNORM_H
#define PUBDB_TEXNORM_H

#include <stddef.h>

/*
 * LaTeX to display text (UTF-8, NFC): accents in every spelling ({\"u},
 * \"{u}, \"u, \H{o}, \c{c}, \v{s}, \k{a}, \u{g}, \r{a}, \i ...), special
 * letters (\ss \o \aa \ae \oe \l ...), dashes and quotes, escaped specials
 * (\& \% \$ \_ \# \{ \}), ~ as a no-break space, formatting commands
 * (\textbf, \emph, ...) replaced by their content, case-protecting braces
 * removed. Math ($...$) is kept as written. Whitespace runs become one
 * space; leading and trailing whitespace is removed. Each byte that is not
 * part of a valid UTF-8 sequence becomes U+FFFD, so the result is always
 * valid UTF-8.
 */
char *pdb_tex_to_utf8(const char *tex);

/*
 * Matching key: pdb_tex_to_utf8(), then accents stripped, case folded,
 * letters without a decomposition mapped (ø→o, ł→l, ß→ss, æ→ae ...),
 * no-break and other spaces made plain, whitespace collapsed.
 * "M{\"u}ller" and "MULLER" and "Müller" all fold to "muller".
 */
char *pdb_fold(const char *s);
/* pdb_fold() of text that pdb_tex_to_utf8() made: the same key, converted once. */
char *pdb_fold_converted(const char *text);

/* ASCII letters and digits, whatever the locale (LaTeX commands are made of ASCII letters). */
static inline int pdb_is_ascii_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int pdb_is_ascii_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* 1 if the n bytes at s are valid UTF-8 (no overlongs, no surrogates). */
int pdb_utf8_valid(const char *s, size_t n);

/* Terminal columns of UTF-8 text: wide characters count two, combining marks none. */
int pdb_display_width(const char *s);
/*
 * The longest prefix of s that fits in max columns: its length in bytes
 * goes to *len, its width is returned.
 */
int pdb_display_prefix(const char *s, int max, size_t *len);

/* Latin-1 (ISO-8859-1) bytes to UTF-8; caller frees. */
char *pdb_latin1_to_utf8(const char *s, size_t n);

#endif
