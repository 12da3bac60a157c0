/*
 * Venue recognition.
 *
 * Every spelling of a venue is reduced to a key (pdb_venue_key): folded
 * words with numbers, years, ordinals and filler ("Proceedings of the",
 * "Annual", "International", a leading "IEEE") removed, so that
 * "Proceedings of the 41st International Conference on Machine Learning"
 * and "Forty-first International Conference on Machine Learning" meet in
 * one key. Keys map to venues in a hash table.
 *
 * A field is recognised by trying, in order, pieces of its text: the whole
 * text, each parenthesised group ("(ICML)"), the text without its groups,
 * each comma/colon/semicolon segment, the words before "Workshop"/"Track"
 * and after a last "at"/"with", then an arXiv mention, then acronym-like
 * words ("ICML 2024 Workshop ..."). Each piece costs one hash lookup, and
 * a field is folded once, so recognition is linear in the entry's size.
 */
#include "venue.h"

#include "pubdb/buf.h"
#include "pubdb/diag.h"
#include "pubdb/model.h"
#include "pubdb/texnorm.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct venue_rec {
	struct pdb_venue pub;	/* first: a struct pdb_venue * is a venue_rec * */
	char *short_fold;	/* for case-insensitive comparison */
	char *full_fold;
	char *short_key;
	char *full_key;
};

struct key_slot {
	char *key;		/* NULL: empty slot */
	struct venue_rec *venue;
	int explicit_alias;	/* from add_alias: beats a key derived from a name */
};

/* Open addressing with linear probing; keys are owned. */
struct key_map {
	struct key_slot *slots;
	size_t cap;		/* a power of two, or 0 */
	size_t n;
};

struct id_slot {
	long long id;
	struct venue_rec *venue;	/* NULL: empty slot */
};

struct id_map {
	struct id_slot *slots;
	size_t cap;
	size_t n;
};

/*
 * What recognise_text() made of a text, by the text: a large file names
 * the same few hundred venues again and again. Direct-mapped, so a slot
 * holds the last text that hashed to it.
 */
#define MEMO_SLOTS 1024

struct memo_slot {
	char *text;		/* NULL: empty */
	uint64_t hash;		/* of text and journal_field */
	int journal_field;
	struct venue_rec *venue;	/* the struct found */
	int workshop;
};

struct pdb_venues {
	struct venue_rec **list;
	size_t n;
	size_t alloc;
	struct id_map ids;	/* venue id -> venue */
	struct id_map pmlr;	/* PMLR volume -> venue */
	struct key_map keys;	/* spelling key -> venue */
	struct key_map shorts;	/* folded short name -> venue */
	struct memo_slot *memo;	/* MEMO_SLOTS, when first recognising */
};

/* ---- hash tables ---- */

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;	/* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}

static uint64_t hash_id(long long id)
{
	uint64_t x = (uint64_t)id;	/* splitmix64 finaliser */

	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9u;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebu;
	return x ^ (x >> 31);
}

static int key_equals(const char *key, const char *s, size_t n)
{
	return strncmp(key, s, n) == 0 && key[n] == '\0';
}

static struct key_slot *key_map_slot(const struct key_map *m, const char *s, size_t n)
{
	size_t i;

	if (!m->cap)
		return NULL;
	i = (size_t)hash_bytes(s, n) & (m->cap - 1);
	while (m->slots[i].key && !key_equals(m->slots[i].key, s, n))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static struct venue_rec *key_map_find(const struct key_map *m, const char *s, size_t n)
{
	const struct key_slot *slot = key_map_slot(m, s, n);

	return slot && slot->key ? slot->venue : NULL;
}

static int key_map_grow(struct key_map *m)
{
	struct key_map bigger = { NULL, m->cap ? m->cap * 2 : 64, 0 };
	size_t i;

	bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
	if (!bigger.slots)
		return PDB_ENOMEM;
	for (i = 0; i < m->cap; i++) {
		if (m->slots[i].key)
			*key_map_slot(&bigger, m->slots[i].key, strlen(m->slots[i].key)) = m->slots[i];
	}
	bigger.n = m->n;
	free(m->slots);
	*m = bigger;
	return 0;
}

/*
 * Maps key to venue. An existing mapping is replaced only by an explicit
 * alias, so a venue's own names never take a spelling from another venue.
 */
static int key_map_put(struct key_map *m, const char *key, struct venue_rec *venue,
		       int explicit_alias)
{
	struct key_slot *slot;
	size_t n = strlen(key);

	if ((m->n + 1) * 2 > m->cap && key_map_grow(m))
		return PDB_ENOMEM;
	slot = key_map_slot(m, key, n);
	if (slot->key) {
		if (explicit_alias) {
			slot->venue = venue;
			slot->explicit_alias = 1;
		}
		return 0;
	}
	slot->key = malloc(n + 1);
	if (!slot->key)
		return PDB_ENOMEM;
	memcpy(slot->key, key, n + 1);
	slot->venue = venue;
	slot->explicit_alias = explicit_alias;
	m->n++;
	return 0;
}

static void key_map_release(struct key_map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
}

static struct id_slot *id_map_slot(const struct id_map *m, long long id)
{
	size_t i;

	if (!m->cap)
		return NULL;
	i = (size_t)hash_id(id) & (m->cap - 1);
	while (m->slots[i].venue && m->slots[i].id != id)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static struct venue_rec *id_map_find(const struct id_map *m, long long id)
{
	const struct id_slot *slot = id_map_slot(m, id);

	return slot ? slot->venue : NULL;
}

static int id_map_grow(struct id_map *m)
{
	struct id_map bigger = { NULL, m->cap ? m->cap * 2 : 64, 0 };
	size_t i;

	bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
	if (!bigger.slots)
		return PDB_ENOMEM;
	for (i = 0; i < m->cap; i++) {
		if (m->slots[i].venue)
			*id_map_slot(&bigger, m->slots[i].id) = m->slots[i];
	}
	bigger.n = m->n;
	free(m->slots);
	*m = bigger;
	return 0;
}

/* Maps id to venue, replacing an earlier mapping. */
static int id_map_put(struct id_map *m, long long id, struct venue_rec *venue)
{
	struct id_slot *slot;

	if ((m->n + 1) * 2 > m->cap && id_map_grow(m))
		return PDB_ENOMEM;
	slot = id_map_slot(m, id);
	if (!slot->venue)
		m->n++;
	slot->id = id;
	slot->venue = venue;
	return 0;
}

/* ---- folding ---- */

/* Empties b and makes b->s a string even if nothing is added. */
static void buf_clear(struct pdb_buf *b)
{
	pdb_buf_reset(b);
	pdb_buf_add(b, "", 0);
}

static int is_ascii_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_ascii_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_ascii_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int ascii_lower(int c)
{
	return is_ascii_upper(c) ? c - 'A' + 'a' : c;
}

/* Plain ASCII without commands or math folds by lower-casing alone. */
static int folds_as_ascii(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80 || c == '\\' || c == '$')
			return 0;
	}
	return 1;
}

/*
 * out = the folded text, or text good enough for keys: the ASCII shortcut
 * drops braces as pdb_tex_to_utf8 does and leaves '~' and quotes, which
 * the word splitter treats as the spaces and punctuation they fold to.
 */
static int fold_into(struct pdb_buf *out, const char *text)
{
	char *folded;

	buf_clear(out);
	if (folds_as_ascii(text)) {
		for (; *text; text++) {
			if (*text != '{' && *text != '}')
				pdb_buf_addc(out, (char)ascii_lower((unsigned char)*text));
		}
		return pdb_buf_failed(out) ? PDB_ENOMEM : 0;
	}
	folded = pdb_fold(text);
	if (!folded)
		return PDB_ENOMEM;
	pdb_buf_adds(out, folded);
	free(folded);
	return pdb_buf_failed(out) ? PDB_ENOMEM : 0;
}

/* ---- words ---- */

/* The words of a text, each NUL-terminated in text, in order. */
struct words {
	struct pdb_buf text;
	size_t *at;
	size_t n;
	size_t alloc;
	int oom;
};

static void words_release(struct words *w)
{
	pdb_buf_release(&w->text);
	free(w->at);
}

static const char *word(const struct words *w, size_t i)
{
	return w->text.s + w->at[i];
}

static void words_start(struct words *w)
{
	if (w->oom || pdb_reserve(&w->at, &w->alloc, w->n + 1, sizeof(*w->at))) {
		w->oom = 1;
		return;
	}
	w->at[w->n++] = w->text.len;
}

static void words_end(struct words *w)
{
	pdb_buf_addc(&w->text, '\0');
}

static void words_add(struct words *w, const char *s)
{
	words_start(w);
	pdb_buf_adds(&w->text, s);
	words_end(w);
}

static int is_apostrophe(utf8proc_int32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

/* Letters, marks and digits of any script make words. */
static int is_word_char(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

static size_t ascii_word_end(const char *s, size_t n, size_t i)
{
	while (i < n && (is_ascii_alpha((unsigned char)s[i]) || is_ascii_digit((unsigned char)s[i])))
		i++;
	return i;
}

/* Appends s[0, n), lower-cased. */
static void add_lower(struct pdb_buf *b, const char *s, size_t n)
{
	size_t at = b->len, i;

	pdb_buf_add(b, s, n);
	if (pdb_buf_failed(b))
		return;
	for (i = at; i < b->len; i++)
		b->s[i] = (char)ascii_lower((unsigned char)b->s[i]);
}

/*
 * Splits folded text into words at everything but letters and digits.
 * "&" is the word "and"; an apostrophe between letters joins them
 * ("women's"), elsewhere it separates ("ICML'24").
 */
static void words_split(struct words *w, const char *s, size_t n)
{
	size_t i = 0;
	int in_word = 0, after_letter = 0;

	buf_clear(&w->text);
	w->n = 0;
	w->oom = 0;
	while (i < n) {
		utf8proc_int32_t cp = (unsigned char)s[i];
		utf8proc_ssize_t k = 1;

		if (is_ascii_alpha(cp) || is_ascii_digit(cp)) {
			size_t j = ascii_word_end(s, n, i);

			if (!in_word)
				words_start(w);
			add_lower(&w->text, s + i, j - i);
			in_word = 1;
			after_letter = is_ascii_alpha((unsigned char)s[j - 1]);
			i = j;
			continue;
		}
		if (cp >= 0x80) {
			k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					     (utf8proc_ssize_t)(n - i), &cp);
			if (k <= 0) {
				k = 1;
				cp = 0xfffd;
			}
		}
		if (is_apostrophe(cp) && after_letter && i + (size_t)k < n
		    && is_ascii_alpha((unsigned char)s[i + (size_t)k])) {
			i += (size_t)k;
			continue;
		}
		if (cp >= 0x80 && is_word_char(cp)) {
			if (!in_word)
				words_start(w);
			pdb_buf_add(&w->text, s + i, (size_t)k);
			in_word = 1;
			after_letter = 0;
		} else {
			if (in_word)
				words_end(w);
			in_word = after_letter = 0;
			if (cp == '&') {
				words_add(w, "and");
				if (n - i >= 5 && memcmp(s + i, "&amp;", 5) == 0)
					k = 5;	/* HTML-escaped, as in PMLR's own BibTeX */
			}
		}
		i += (size_t)k;
	}
	if (in_word)
		words_end(w);
	if (pdb_buf_failed(&w->text))
		w->oom = 1;
}

/* ---- keys ---- */

static int in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

enum word_role {
	WORD_PLAIN,
	WORD_FILLER,		/* the, annual, international: dropped */
	WORD_ORDINAL,		/* first ... hundredth: dropped */
	WORD_TENS,		/* "forty" in "forty-first": dropped before an ordinal */
	WORD_PROCEEDINGS,	/* proceedings, proc: dropped with a following "of" */
	WORD_LEADING,		/* in, IEEE, ACM, ...: dropped at the start while a word follows */
};

struct word_rule {
	const char *word;
	enum word_role role;
};

/* Sorted by word (bsearch). */
static const struct word_rule word_rules[] = {
	{ "acm", WORD_LEADING },
	{ "annual", WORD_FILLER },
	{ "cvf", WORD_LEADING },
	{ "eighteenth", WORD_ORDINAL },
	{ "eighth", WORD_ORDINAL },
	{ "eightieth", WORD_ORDINAL },
	{ "eighty", WORD_TENS },
	{ "eleventh", WORD_ORDINAL },
	{ "fifteenth", WORD_ORDINAL },
	{ "fifth", WORD_ORDINAL },
	{ "fiftieth", WORD_ORDINAL },
	{ "fifty", WORD_TENS },
	{ "first", WORD_ORDINAL },
	{ "fortieth", WORD_ORDINAL },
	{ "forty", WORD_TENS },
	{ "fourteenth", WORD_ORDINAL },
	{ "fourth", WORD_ORDINAL },
	{ "hundredth", WORD_ORDINAL },
	{ "ieee", WORD_LEADING },
	{ "ifip", WORD_LEADING },
	{ "in", WORD_LEADING },
	{ "international", WORD_FILLER },
	{ "nineteenth", WORD_ORDINAL },
	{ "ninetieth", WORD_ORDINAL },
	{ "ninety", WORD_TENS },
	{ "ninth", WORD_ORDINAL },
	{ "proc", WORD_PROCEEDINGS },
	{ "proceedings", WORD_PROCEEDINGS },
	{ "ras", WORD_LEADING },
	{ "rsj", WORD_LEADING },
	{ "second", WORD_ORDINAL },
	{ "seventeenth", WORD_ORDINAL },
	{ "seventh", WORD_ORDINAL },
	{ "seventieth", WORD_ORDINAL },
	{ "seventy", WORD_TENS },
	{ "sixteenth", WORD_ORDINAL },
	{ "sixth", WORD_ORDINAL },
	{ "sixtieth", WORD_ORDINAL },
	{ "sixty", WORD_TENS },
	{ "tenth", WORD_ORDINAL },
	{ "the", WORD_FILLER },
	{ "third", WORD_ORDINAL },
	{ "thirteenth", WORD_ORDINAL },
	{ "thirtieth", WORD_ORDINAL },
	{ "thirty", WORD_TENS },
	{ "twelfth", WORD_ORDINAL },
	{ "twentieth", WORD_ORDINAL },
	{ "twenty", WORD_TENS },
};

static int compare_rule(const void *key, const void *elem)
{
	return strcmp(key, ((const struct word_rule *)elem)->word);
}

static enum word_role role_of(const char *w)
{
	const struct word_rule *r;

	if (!strchr("acefhinprstu", w[0]))
		return WORD_PLAIN;	/* no rule starts with another letter */
	r = bsearch(w, word_rules, COUNT(word_rules), sizeof(word_rules[0]), compare_rule);

	return r ? r->role : WORD_PLAIN;
}

static int is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!is_ascii_digit((unsigned char)*s))
			return 0;
	return 1;
}

/* 41st, 2nd, 13th */
static int is_ordinal_number(const char *s)
{
	size_t digits = 0;

	while (is_ascii_digit((unsigned char)s[digits]))
		digits++;
	if (!digits)
		return 0;
	s += digits;
	return strcmp(s, "st") == 0 || strcmp(s, "nd") == 0 || strcmp(s, "rd") == 0
		|| strcmp(s, "th") == 0;
}

/* Roman numerals 1-89 but 50: "Robotics: Science and Systems XIX", "Part IV". */
static int is_roman_number(const char *s)
{
	static const char *const tens[] = {
		"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx",
	};
	static const char *const units[] = {
		"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix",
	};
	size_t t, u, len;

	if (!*s || strspn(s, "ivxl") != strlen(s) || strcmp(s, "l") == 0)
		return 0;	/* a lone "l" is a letter: "RA-L" */
	for (t = 0; t < COUNT(tens); t++) {
		len = strlen(tens[t]);
		if (strncmp(s, tens[t], len) != 0)
			continue;
		for (u = 0; u < COUNT(units); u++)
			if ((t || u) && strcmp(s + len, units[u]) == 0)
				return 1;
	}
	return 0;
}

/* Length of w[0, len) without a glued year: "neurips2023" -> 7, else len. */
static size_t length_without_year_n(const char *w, size_t len)
{
	size_t letters = 0, i;

	while (letters < len && is_ascii_alpha((unsigned char)w[letters]))
		letters++;
	if (letters < 2 || len != letters + 4)
		return len;
	for (i = letters; i < len; i++)
		if (!is_ascii_digit((unsigned char)w[i]))
			return len;
	if (strncmp(w + letters, "19", 2) == 0 || strncmp(w + letters, "20", 2) == 0)
		return letters;
	return len;
}

static size_t length_without_year(const char *w)
{
	return length_without_year_n(w, strlen(w));
}

static int is_numeral(const char *w)
{
	return is_number(w) || is_ordinal_number(w) || is_roman_number(w);
}

/* Removes leading words (WORD_LEADING) while more than one is left. */
static void drop_leading_words(struct pdb_buf *out)
{
	size_t start = 0;

	for (;;) {
		const char *w = out->s + start;
		const char *space = strchr(w, ' ');
		char first[16];
		size_t n;

		if (!space)
			break;
		n = (size_t)(space - w);
		if (n >= sizeof(first))
			break;
		memcpy(first, w, n);
		first[n] = '\0';
		if (role_of(first) != WORD_LEADING)
			break;
		start += n + 1;
	}
	if (start) {
		memmove(out->s, out->s + start, out->len - start + 1);
		out->len -= start;
	}
}

/* out = the key of words (see pdb_venue_key). */
static void key_of_words(struct pdb_buf *out, struct words *w)
{
	char buf[64];
	size_t i;
	int after_proceedings = 0;

	buf_clear(out);
	for (i = 0; i < w->n; i++) {
		const char *t = word(w, i);
		size_t n = length_without_year(t);
		int of_after_proceedings = after_proceedings;
		enum word_role role;

		after_proceedings = 0;
		if (n < strlen(t) && n < sizeof(buf)) {
			memcpy(buf, t, n);
			buf[n] = '\0';
			t = buf;
		}
		if (of_after_proceedings && strcmp(t, "of") == 0)
			continue;
		role = role_of(t);
		if (role == WORD_PROCEEDINGS) {
			after_proceedings = 1;
			continue;
		}
		if (role == WORD_FILLER || role == WORD_ORDINAL || is_numeral(t))
			continue;
		if (role == WORD_TENS && i + 1 < w->n && role_of(word(w, i + 1)) == WORD_ORDINAL)
			continue;
		if (out->len)
			pdb_buf_addc(out, ' ');
		pdb_buf_adds(out, t);
	}
	if (out->len)
		drop_leading_words(out);
}

/* out = the key of folded text s[0, n). */
static int key_of_folded(struct pdb_buf *out, struct words *w, const char *s, size_t n)
{
	words_split(w, s, n);
	if (w->oom)
		return PDB_ENOMEM;
	key_of_words(out, w);
	return pdb_buf_failed(out) ? PDB_ENOMEM : 0;
}

static int key_into(struct pdb_buf *out, const char *text)
{
	struct pdb_buf folded = PDB_BUF_INIT;
	struct words w = { PDB_BUF_INIT, NULL, 0, 0, 0 };
	int rc;

	rc = fold_into(&folded, text ? text : "");
	if (!rc)
		rc = key_of_folded(out, &w, folded.s, folded.len);
	words_release(&w);
	pdb_buf_release(&folded);
	return rc;
}

char *pdb_venue_key(const char *text)
{
	struct pdb_buf out = PDB_BUF_INIT;

	if (key_into(&out, text)) {
		pdb_buf_release(&out);
		return NULL;
	}
	return pdb_buf_detach(&out);
}

static char *fold_string(const char *text)
{
	struct pdb_buf out = PDB_BUF_INIT;

	if (fold_into(&out, text)) {
		pdb_buf_release(&out);
		return NULL;
	}
	return pdb_buf_detach(&out);
}

/* ---- the table ---- */

int pdb_venues_new(struct pdb_venues **v)
{
	*v = calloc(1, sizeof(**v));
	return *v ? 0 : PDB_ENOMEM;
}

static void venue_rec_free(struct venue_rec *r)
{
	if (!r)
		return;
	free(r->pub.short_name);
	free(r->pub.full);
	free(r->pub.kind);
	free(r->short_fold);
	free(r->full_fold);
	free(r->short_key);
	free(r->full_key);
	free(r);
}

/* Forgets what was recognised: the table changed, or goes. */
static void memo_clear(struct pdb_venues *v)
{
	if (!v->memo)
		return;
	for (size_t i = 0; i < MEMO_SLOTS; i++)
		free(v->memo[i].text);
	free(v->memo);
	v->memo = NULL;
}

void pdb_venues_free(struct pdb_venues *v)
{
	size_t i;

	if (!v)
		return;
	memo_clear(v);
	for (i = 0; i < v->n; i++)
		venue_rec_free(v->list[i]);
	free(v->list);
	free(v->ids.slots);
	free(v->pmlr.slots);
	key_map_release(&v->keys);
	key_map_release(&v->shorts);
	free(v);
}

static char *copy_string(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

static struct venue_rec *venue_rec_new(long long id, const char *short_name,
				       const char *full, const char *kind)
{
	struct venue_rec *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->pub.id = id;
	r->pub.short_name = copy_string(short_name);
	r->pub.full = copy_string(full);
	r->pub.kind = copy_string(kind);
	r->short_fold = fold_string(short_name);
	r->full_fold = fold_string(full);
	r->short_key = pdb_venue_key(short_name);
	r->full_key = pdb_venue_key(full);
	if (!r->pub.short_name || !r->pub.full || !r->pub.kind || !r->short_fold
	    || !r->full_fold || !r->short_key || !r->full_key) {
		venue_rec_free(r);
		return NULL;
	}
	return r;
}

int pdb_venues_add(struct pdb_venues *v, long long id, const char *short_name,
		   const char *full, const char *kind)
{
	struct venue_rec *r;

	memo_clear(v);

	if (!short_name || !*short_name || !full || !kind)
		return PDB_EUSAGE;
	if (id_map_find(&v->ids, id))
		return PDB_EUSAGE;
	r = venue_rec_new(id, short_name, full, kind);
	if (!r)
		return PDB_ENOMEM;
	if (key_map_find(&v->shorts, r->short_fold, strlen(r->short_fold))) {
		venue_rec_free(r);
		return PDB_EUSAGE;
	}
	if (pdb_reserve(&v->list, &v->alloc, v->n + 1, sizeof(*v->list))) {
		venue_rec_free(r);
		return PDB_ENOMEM;
	}
	v->list[v->n++] = r;	/* owned by v from here on */
	if (id_map_put(&v->ids, id, r) || key_map_put(&v->shorts, r->short_fold, r, 1))
		return PDB_ENOMEM;
	if (*r->short_key && key_map_put(&v->keys, r->short_key, r, 0))
		return PDB_ENOMEM;
	if (*r->full_key && key_map_put(&v->keys, r->full_key, r, 0))
		return PDB_ENOMEM;
	return 0;
}

int pdb_venues_add_alias(struct pdb_venues *v, const char *alias, long long venue_id)
{
	struct venue_rec *r = id_map_find(&v->ids, venue_id);
	char *key;
	int rc;

	memo_clear(v);

	if (!r)
		return PDB_ENOTFOUND;
	key = pdb_venue_key(alias);
	if (!key)
		return PDB_ENOMEM;
	rc = *key ? key_map_put(&v->keys, key, r, 1) : PDB_EUSAGE;
	free(key);
	return rc;
}

int pdb_venues_add_pmlr(struct pdb_venues *v, long volume, long long venue_id)
{
	struct venue_rec *r = id_map_find(&v->ids, venue_id);

	memo_clear(v);

	if (!r)
		return PDB_ENOTFOUND;
	return id_map_put(&v->pmlr, volume, r);
}

/* ---- loading from a database ---- */

static const char *column_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? (const char *)s : "";
}

static int load_venue_rows(struct pdb_venues *v, sqlite3_stmt *st)
{
	return pdb_venues_add(v, sqlite3_column_int64(st, 0), column_text(st, 1),
			      column_text(st, 2), column_text(st, 3));
}

static int load_alias_rows(struct pdb_venues *v, sqlite3_stmt *st)
{
	int rc = pdb_venues_add_alias(v, column_text(st, 0), sqlite3_column_int64(st, 1));

	return rc == PDB_EUSAGE ? 0 : rc;	/* an alias with an empty key is unusable, not fatal */
}

static int load_pmlr_rows(struct pdb_venues *v, sqlite3_stmt *st)
{
	return pdb_venues_add_pmlr(v, (long)sqlite3_column_int64(st, 0),
				   sqlite3_column_int64(st, 1));
}

/* Runs sql and hands each row to add; PDB_EDB on a database error. */
static int load_rows(struct pdb_venues *v, sqlite3 *db, const char *sql,
		     int (*add)(struct pdb_venues *, sqlite3_stmt *))
{
	sqlite3_stmt *st = NULL;
	int rc = 0, step;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return PDB_EDB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		rc = add(v, st);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = PDB_EDB;
	sqlite3_finalize(st);
	return rc;
}

static int has_table(sqlite3 *db, const char *name, int *found)
{
	sqlite3_stmt *st = NULL;
	int step;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return PDB_EDB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return PDB_EDB;
	*found = step == SQLITE_ROW;
	return 0;
}

int pdb_venues_load(struct pdb_venues *v, struct sqlite3 *db)
{
	int rc, pmlr = 0;

	rc = load_rows(v, db, "SELECT id, short, full, kind FROM venues ORDER BY id", load_venue_rows);
	if (!rc)
		rc = load_rows(v, db, "SELECT alias, venue_id FROM venue_aliases ORDER BY alias",
			       load_alias_rows);
	if (!rc)
		rc = has_table(db, "pmlr_volumes", &pmlr);
	if (!rc && pmlr)
		rc = load_rows(v, db, "SELECT volume, venue_id FROM pmlr_volumes ORDER BY volume",
			       load_pmlr_rows);
	return rc;
}

/* ---- lookups ---- */

/* Scratch space for one recognition; reused across fields. */
struct scan {
	const struct pdb_venues *v;
	struct pdb_buf folded;	/* the field, folded */
	struct pdb_buf piece;	/* a part of it */
	struct pdb_buf key;
	struct pdb_buf plain;	/* the key of the text without groups */
	struct words words;
	const char *raw;	/* the field's text as given */
	int journal_field;	/* the text is a journal or journaltitle field */
	struct memo_slot *memo;	/* of the table, when recognising entries */
};

static void scan_init(struct scan *sc, const struct pdb_venues *v)
{
	memset(sc, 0, sizeof(*sc));
	sc->v = v;
}

static void scan_release(struct scan *sc)
{
	pdb_buf_release(&sc->folded);
	pdb_buf_release(&sc->piece);
	pdb_buf_release(&sc->key);
	pdb_buf_release(&sc->plain);
	words_release(&sc->words);
}

struct found {
	struct venue_rec *venue;
	int workshop;	/* "CVPRW": a workshop of the venue, whatever the rest says */
};

static int key_has_word(const char *key, const char *w)
{
	size_t n = strlen(w);
	const char *p = key;

	while ((p = strstr(p, w)) != NULL) {
		if ((p == key || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/*
 * Looks a key up; a one-word key ending in 'w' that is unknown may be a
 * venue's workshops ("cvprw", "iccvw").
 */
static int find_key(const struct pdb_venues *v, const char *key, size_t n, struct found *f)
{
	f->venue = key_map_find(&v->keys, key, n);
	if (f->venue)
		return 1;
	if (n >= 4 && key[n - 1] == 'w' && !memchr(key, ' ', n)) {
		f->venue = key_map_find(&v->keys, key, n - 1);
		f->workshop = f->venue != NULL;
	}
	return f->venue != NULL;
}

/* Looks up the key of folded text s[0, n); sc->key holds the key after. */
static int find_folded(struct scan *sc, const char *s, size_t n, struct found *f, int *oom)
{
	if (key_of_folded(&sc->key, &sc->words, s, n)) {
		*oom = 1;
		return 0;
	}
	return sc->key.len && find_key(sc->v, sc->key.s, sc->key.len, f);
}

/* End of the group opened at s[i] ('(' or '['), or n if it never closes. */
static size_t group_end(const char *s, size_t n, size_t i)
{
	int depth = 0;

	for (; i < n; i++) {
		if (s[i] == '(' || s[i] == '[')
			depth++;
		else if ((s[i] == ')' || s[i] == ']') && --depth == 0)
			return i;
	}
	return n;
}

/* "International Conference on Machine Learning (ICML)": each group alone. */
static int find_in_groups(struct scan *sc, const char *s, size_t n, struct found *f, int *oom)
{
	size_t i, end;

	for (i = 0; i < n; i++) {
		if (s[i] != '(' && s[i] != '[')
			continue;
		end = group_end(s, n, i);
		if (find_folded(sc, s + i + 1, end - i - 1, f, oom) || *oom)
			return !*oom;
		i = end;
	}
	return 0;
}

/* sc->piece = s[0, n) without its groups. */
static void strip_groups(struct scan *sc, const char *s, size_t n)
{
	size_t i;

	buf_clear(&sc->piece);
	for (i = 0; i < n; i++) {
		if (s[i] == '(' || s[i] == '[') {
			i = group_end(s, n, i);
			pdb_buf_addc(&sc->piece, ' ');
		} else {
			pdb_buf_addc(&sc->piece, s[i]);
		}
	}
}

static int has_groups(const char *s, size_t n)
{
	return memchr(s, '(', n) || memchr(s, '[', n);
}

/* Looks up s[0, n) without its groups, if it has any. */
static int find_without_groups(struct scan *sc, const char *s, size_t n, struct found *f,
			       int *oom)
{
	if (!has_groups(s, n))
		return 0;
	strip_groups(sc, s, n);
	if (pdb_buf_failed(&sc->piece)) {
		*oom = 1;
		return 0;
	}
	return find_folded(sc, sc->piece.s, sc->piece.len, f, oom);
}

/* ',', ';', ':', and a dash between spaces ("ICSE -- SEIP: Poster Track") */
static int is_segment_break(const char *s, size_t n, size_t i)
{
	char c = s[i];

	if (c == ',' || c == ';' || c == ':')
		return 1;
	return c == '-' && i > 0 && s[i - 1] == ' ' &&
	       i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '-');
}

static int is_kind(const struct venue_rec *r, const char *kind)
{
	return strcmp(r->pub.kind, kind) == 0;
}

/* Two capitals make an acronym: ICML, NeurIPS, CoRL; not Nature. */
static int is_acronym(const char *s, size_t n)
{
	size_t i, upper = 0;

	for (i = 0; i < n; i++)
		upper += is_ascii_upper((unsigned char)s[i]) != 0;
	return upper >= 2 && n <= 24;
}

static size_t alnum_run(const char *p)
{
	size_t n = 0;

	while (is_ascii_alpha((unsigned char)p[n]) || is_ascii_digit((unsigned char)p[n]))
		n++;
	return n;
}

/* 1 if raw has an acronym (see is_acronym) that is the one-word key[0, n). */
static int raw_has_acronym(const char *raw, const char *key, size_t n)
{
	size_t len, i;

	for (; *raw; raw += len ? len : 1) {
		len = alnum_run(raw);
		if (!len || !is_acronym(raw, len) || length_without_year_n(raw, len) != n)
			continue;
		for (i = 0; i < n && ascii_lower((unsigned char)raw[i]) == key[i]; i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

/*
 * Whether the venue found for a segment (its key in sc->key) fits: outside
 * journal fields, a segment may not name a journal (the booktitle "Machine
 * Learning: ECML 2007" is not the journal Machine Learning), and a one-word
 * segment must be an acronym ("CVPR 2023, Vancouver", not "..., Security,").
 */
static int segment_fits(const struct scan *sc, const struct found *f)
{
	if (sc->journal_field)
		return 1;
	return !is_kind(f->venue, "journal")
		&& (memchr(sc->key.s, ' ', sc->key.len)
		    || raw_has_acronym(sc->raw, sc->key.s, sc->key.len));
}

/* "Findings of the ACL: EMNLP 2023", "CVPR 2023, Vancouver": each segment. */
static int find_in_segments(struct scan *sc, const char *s, size_t n, struct found *f, int *oom)
{
	size_t i, start = 0;
	int breaks = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '(' || s[i] == '[')
			i = group_end(s, n, i);
		else if (is_segment_break(s, n, i))
			breaks++;
	}
	if (!breaks)
		return 0;
	for (i = 0; i <= n; i++) {
		if (i < n && (s[i] == '(' || s[i] == '[')) {
			i = group_end(s, n, i);
			continue;
		}
		if (i < n && !is_segment_break(s, n, i))
			continue;
		if ((find_folded(sc, s + start, i - start, f, oom) && segment_fits(sc, f)) || *oom)
			return !*oom;
		if ((find_without_groups(sc, s + start, i - start, f, oom) && segment_fits(sc, f))
		    || *oom)
			return !*oom;
		start = i + 1;
	}
	return 0;
}

static const char *const split_words[] = {
	"workshop", "workshops", "track", "datasets", "companion",
};

/*
 * "Findings of the Association for Computational Linguistics ACL 2024":
 * a venue's name followed by a known one-word name is the first venue.
 */
static int find_before_last_word(const struct pdb_venues *v, const char *key, struct found *f)
{
	const char *last = strrchr(key, ' ');
	struct found tail = { NULL, 0 };

	if (!last || !find_key(v, last + 1, strlen(last + 1), &tail))
		return 0;
	return find_key(v, key, (size_t)(last - key), f);
}

/*
 * In the key of the text without groups (sc->plain): the words before the first
 * "workshop"/"track"/... ("ICML 2024 Workshop on X", "NeurIPS Datasets
 * and Benchmarks Track"), all but a last one-word venue name, then those
 * after the last "at"/"with" ("Workshop on X at NeurIPS 2023", "...
 * co-located with ICML").
 */
static int find_around_words(struct scan *sc, struct found *f, int *oom)
{
	const char *key = sc->plain.s, *p, *after = NULL;
	char w[16];
	size_t len;
	int split = 0;

	for (p = key; *p; p += len + (p[len] == ' ')) {
		len = strcspn(p, " ");
		if (len >= sizeof(w))
			continue;
		memcpy(w, p, len);
		w[len] = '\0';
		if (!split && p > key && in_list(w, split_words, COUNT(split_words))) {
			split = 1;	/* only the first: one lookup per text */
			if (find_key(sc->v, key, (size_t)(p - key - 1), f))
				return 1;
		}
		if ((strcmp(w, "at") == 0 || strcmp(w, "with") == 0) && p[len])
			after = p + len + 1;
	}
	if (find_before_last_word(sc->v, key, f))
		return 1;
	if (!after)
		return 0;
	buf_clear(&sc->piece);
	pdb_buf_adds(&sc->piece, after);
	if (pdb_buf_failed(&sc->piece)) {
		*oom = 1;
		return 0;
	}
	return find_folded(sc, sc->piece.s, sc->piece.len, f, oom);
}

static int contains_nocase(const char *s, const char *lower_word)
{
	size_t n = strlen(lower_word), i;
	char first = lower_word[0];
	char upper = first >= 'a' && first <= 'z' ? (char)(first - 'a' + 'A') : first;

	for (; *s; s++) {
		if (*s != first && *s != upper)
			continue;
		for (i = 1; i < n && ascii_lower((unsigned char)s[i]) == lower_word[i]; i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

/* "arXiv preprint arXiv:2403.12422", "arXiv e-prints", "CoRR abs/2106.09685" */
static int mentions_arxiv(struct scan *sc, const char *raw, const char *s, size_t n, int *oom)
{
	size_t i;

	if (!contains_nocase(raw, "arxiv"))
		return strncmp(sc->plain.s, "corr", 4) == 0
			&& (sc->plain.s[4] == ' ' || sc->plain.s[4] == '\0');
	words_split(&sc->words, s, n);
	if (sc->words.oom) {
		*oom = 1;
		return 0;
	}
	for (i = 0; i < sc->words.n; i++) {
		const char *w = word(&sc->words, i);

		if (strcmp(w, "arxiv") == 0 || (i == 0 && strcmp(w, "corr") == 0))
			return 1;
	}
	return 0;
}

/* 2024, '24, -24 (digits only, two or four of them) */
static int is_year_word(const char *p, size_t n)
{
	size_t i;

	if (n != 2 && n != 4)
		return 0;
	for (i = 0; i < n; i++)
		if (!is_ascii_digit((unsigned char)p[i]))
			return 0;
	return n == 2 || strncmp(p, "19", 2) == 0 || strncmp(p, "20", 2) == 0;
}

/*
 * Whether the acronym at p[0, n) reads as a venue: a year follows it
 * ("ICML 2024 Workshop", "IJCAI-22", "ICML'24") or it ends the text
 * ("Workshop on X @ NeurIPS"). "ESA Bulletin" does not.
 */
static int acronym_in_place(const char *p, size_t n)
{
	const char *q = p + n;

	if (length_without_year_n(p, n) < n)
		return 1;	/* NeurIPS2023 */
	while (*q && !is_ascii_alpha((unsigned char)*q) && !is_ascii_digit((unsigned char)*q))
		q++;
	return !*q || is_year_word(q, alnum_run(q));
}

/*
 * "ICML 2024 Workshop on ...", "Computer Vision - ECCV 2022": acronyms in
 * the raw text, outside groups (those were tried whole).
 */
static int find_acronyms(struct scan *sc, const char *raw, struct found *f, int *oom)
{
	const char *p = raw;
	int depth = 0;

	while (*p) {
		size_t n = alnum_run(p);

		if (n && !depth && is_acronym(p, n) && acronym_in_place(p, n)) {
			if (find_folded(sc, p, n, f, oom) || *oom)
				return !*oom;
		}
		if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth > 0)
			depth--;
		p += n ? n : 1;
	}
	return 0;
}

static const struct venue_rec *arxiv_venue(const struct pdb_venues *v)
{
	return key_map_find(&v->keys, "arxiv", 5);
}

/* sc->plain = sc->key */
static int keep_plain_key(struct scan *sc)
{
	buf_clear(&sc->plain);
	pdb_buf_add(&sc->plain, sc->key.s, sc->key.len);
	return pdb_buf_failed(&sc->plain);
}

/* Recognises one field's text; f->venue NULL if it names no known venue. */
static int recognise_text(struct scan *sc, const char *raw, struct found *f)
{
	const char *s;
	size_t n;
	int oom = 0;

	memset(f, 0, sizeof(*f));
	sc->raw = raw;
	if (fold_into(&sc->folded, raw))
		return PDB_ENOMEM;
	s = sc->folded.s;
	n = sc->folded.len;
	/* each find_ leaves the key it looked up last in sc->key */
	if (find_folded(sc, s, n, f, &oom))
		return 0;
	if (!oom && has_groups(s, n)
	    && (find_in_groups(sc, s, n, f, &oom) || find_without_groups(sc, s, n, f, &oom)))
		return 0;
	if (!oom)
		oom = keep_plain_key(sc);
	if (!oom && (find_in_segments(sc, s, n, f, &oom) || find_around_words(sc, f, &oom)))
		return 0;
	if (!oom && mentions_arxiv(sc, raw, s, n, &oom)) {
		f->venue = (struct venue_rec *)arxiv_venue(sc->v);
		if (f->venue)
			return 0;
	}
	if (!oom && find_acronyms(sc, raw, f, &oom))
		return 0;
	memset(f, 0, sizeof(*f));
	return oom ? PDB_ENOMEM : 0;
}

/* recognise_text(), through the table's memo when the scan has one. */
static int recognise_text_memo(struct scan *sc, const char *raw, struct found *f)
{
	uint64_t h = hash_bytes(raw, strlen(raw)) ^ (uint64_t)sc->journal_field;
	struct memo_slot *slot;
	char *copy;
	int rc;

	if (!sc->memo)
		return recognise_text(sc, raw, f);
	slot = &sc->memo[h % MEMO_SLOTS];
	if (slot->text && slot->hash == h && slot->journal_field == sc->journal_field &&
	    strcmp(slot->text, raw) == 0) {
		f->venue = slot->venue;
		f->workshop = slot->workshop;
		return 0;
	}
	rc = recognise_text(sc, raw, f);
	if (rc || !(copy = strdup(raw)))
		return rc;	/* not kept when out of memory: it is only a memo */
	free(slot->text);
	*slot = (struct memo_slot){ copy, h, sc->journal_field, f->venue, f->workshop };
	return 0;
}

const struct pdb_venue *pdb_venues_lookup(const struct pdb_venues *v, const char *text)
{
	struct scan sc;
	const struct venue_rec *r = NULL;

	scan_init(&sc, v);
	if (!text || fold_into(&sc.folded, text))
		goto out;
	r = key_map_find(&v->shorts, sc.folded.s, sc.folded.len);
	if (!r && !key_of_folded(&sc.key, &sc.words, sc.folded.s, sc.folded.len) && sc.key.len)
		r = key_map_find(&v->keys, sc.key.s, sc.key.len);
out:
	scan_release(&sc);
	return r ? &r->pub : NULL;
}

int pdb_venue_names(const struct pdb_venues *v, const struct pdb_venue *venue, const char *text)
{
	const struct venue_rec *r = (const struct venue_rec *)venue;
	struct scan sc;
	int yes = 0;

	scan_init(&sc, v);
	if (!venue || !text || fold_into(&sc.folded, text))
		goto out;
	if (strcmp(sc.folded.s, r->short_fold) == 0 || strcmp(sc.folded.s, r->full_fold) == 0) {
		yes = 1;
		goto out;
	}
	if (key_of_folded(&sc.key, &sc.words, sc.folded.s, sc.folded.len) || !sc.key.len)
		goto out;
	yes = strcmp(sc.key.s, r->short_key) == 0 || strcmp(sc.key.s, r->full_key) == 0
		|| key_map_find(&v->keys, sc.key.s, sc.key.len) == r;
out:
	scan_release(&sc);
	return yes;
}

/* ---- entries ---- */

/* The fields recognition reads, collected in one pass over the entry. */
enum field_id {
	F_ABBR, F_ARCHIVEPREFIX, F_ARXIV, F_BOOKTITLE, F_DOI, F_EPRINT, F_EPRINTTYPE,
	F_EVENTTITLE, F_HOWPUBLISHED, F_JOURNAL, F_JOURNALTITLE, F_NOTE, F_PUBLISHER, F_SERIES,
	F_URL, F_VOLUME, F_COUNT,
};

/* Sorted, in the order of enum field_id (bsearch). */
static const char *const field_names[F_COUNT] = {
	"abbr", "archiveprefix", "arxiv", "booktitle", "doi", "eprint", "eprinttype",
	"eventtitle", "howpublished", "journal", "journaltitle", "note", "publisher", "series",
	"url", "volume",
};

struct fields {
	const char *v[F_COUNT];	/* first non-empty value of each, or NULL */
};

static int compare_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static void collect_fields(const struct pdb_entry *e, struct fields *fs)
{
	size_t i;

	memset(fs, 0, sizeof(*fs));
	for (i = 0; i < e->nfields; i++) {
		const struct pdb_field *f = &e->fields[i];
		const char *const *name;

		if (!f->value || !*f->value || !strchr("abdehjnpsuv", f->name[0]))
			continue;	/* no name in field_names starts with another letter */
		name = bsearch(f->name, field_names, F_COUNT, sizeof(field_names[0]), compare_name);
		if (name && !fs->v[name - field_names])
			fs->v[name - field_names] = f->value;
	}
}

static int equals_nocase(const char *s, const char *lower_word)
{
	size_t i;

	if (!s)
		return 0;
	for (i = 0; s[i] && lower_word[i]; i++)
		if (ascii_lower((unsigned char)s[i]) != lower_word[i])
			return 0;
	return s[i] == '\0' && lower_word[i] == '\0';
}

/* The key of a field (sc->key), "" when absent. */
static int field_key(struct scan *sc, const char *text)
{
	buf_clear(&sc->key);
	if (!text)
		return pdb_buf_failed(&sc->key) ? PDB_ENOMEM : 0;
	if (fold_into(&sc->folded, text))
		return PDB_ENOMEM;
	return key_of_folded(&sc->key, &sc->words, sc->folded.s, sc->folded.len);
}

/* "PMLR", "Proceedings of Machine Learning Research", "JMLR W&CP" */
static int is_pmlr_key(const char *key)
{
	static const char *const keys[] = {
		"pmlr", "machine learning research", "jmlr workshop and conference",
		"jmlr w and cp", "jmlr wcp",
	};

	return in_list(key, keys, COUNT(keys));
}

static int names_pmlr(struct scan *sc, const char *text, int *yes)
{
	int rc;

	*yes = 0;
	if (!text || (!contains_nocase(text, "mlr") && !contains_nocase(text, "learning research")))
		return 0;	/* the cheap test first: most fields are not PMLR */
	rc = field_key(sc, text);
	*yes = !rc && is_pmlr_key(sc->key.s);
	return rc;
}

/* The venue of a PMLR volume number, if a venue field or the publisher says PMLR. */
static int find_pmlr(struct scan *sc, const struct fields *fs, struct found *f)
{
	static const enum field_id says_pmlr[] = { F_SERIES, F_PUBLISHER, F_BOOKTITLE, F_JOURNAL };
	const char *volume = fs->v[F_VOLUME];
	int pmlr = 0, rc = 0;
	size_t i;
	long n = 0;

	f->venue = NULL;
	f->workshop = 0;
	if (!volume)
		return 0;
	for (i = 0; i < COUNT(says_pmlr) && !pmlr && !rc; i++)
		rc = names_pmlr(sc, fs->v[says_pmlr[i]], &pmlr);
	if (rc || !pmlr)
		return rc;
	while (*volume && !is_ascii_digit((unsigned char)*volume))
		volume++;
	for (; is_ascii_digit((unsigned char)*volume) && n < 100000; volume++)
		n = n * 10 + (*volume - '0');
	f->venue = id_map_find(&sc->v->pmlr, n);
	return 0;
}

static int has_alnum(const char *s)
{
	for (; *s; s++)
		if (is_ascii_alpha((unsigned char)*s) || is_ascii_digit((unsigned char)*s))
			return 1;
	return 0;
}

/* Journal values that stand for "no venue yet". */
static int is_placeholder_key(const char *key)
{
	static const char *const keys[] = {
		"", "preprint", "under review", "submitted", "in submission", "in preparation",
		"manuscript", "working paper", "to appear", "in press", "unpublished",
	};

	return in_list(key, keys, COUNT(keys));
}

/* 1 if a journal or booktitle names a venue (known or not) other than arXiv. */
static int has_other_venue(struct scan *sc, const struct fields *fs, int *rc)
{
	static const enum field_id ids[] = { F_BOOKTITLE, F_JOURNAL, F_JOURNALTITLE };
	size_t i;

	for (i = 0; i < COUNT(ids); i++) {
		const char *text = fs->v[ids[i]];

		if (!text)
			continue;
		*rc = field_key(sc, text);
		if (*rc)
			return 0;
		if (!is_placeholder_key(sc->key.s) || (!sc->key.len && has_alnum(text)))
			return 1;	/* "\\apj" folds to nothing but names a journal */
	}
	return 0;
}

/* eprint + archiveprefix/eprinttype arXiv, an arxiv field, publisher arXiv, DOI 10.48550 */
static const char *arxiv_evidence(const struct fields *fs)
{
	const char *eprint = fs->v[F_EPRINT];

	if (eprint && (equals_nocase(fs->v[F_ARCHIVEPREFIX], "arxiv")
		       || equals_nocase(fs->v[F_EPRINTTYPE], "arxiv") || contains_nocase(eprint, "arxiv")))
		return "eprint";
	if (fs->v[F_ARXIV])
		return "arxiv";
	if (equals_nocase(fs->v[F_PUBLISHER], "arxiv"))
		return "publisher";
	if (fs->v[F_DOI] && contains_nocase(fs->v[F_DOI], "10.48550/arxiv"))
		return "doi";
	if (fs->v[F_URL] && contains_nocase(fs->v[F_URL], "arxiv.org/"))
		return "url";
	return NULL;
}

/* Fields that may say "Workshop on ..." about the paper's venue. */
static const enum field_id workshop_fields[] = {
	F_ABBR, F_SERIES, F_BOOKTITLE, F_EVENTTITLE, F_JOURNAL, F_JOURNALTITLE, F_HOWPUBLISHED,
};

/*
 * A workshop held at the venue: a venue field mentions a workshop and is
 * not itself the name of a known venue (ASRU, HotOS are workshops by name).
 */
static int mentions_workshop(struct scan *sc, const struct fields *fs, int *rc)
{
	size_t i;

	*rc = 0;
	for (i = 0; i < COUNT(workshop_fields); i++) {
		const char *text = fs->v[workshop_fields[i]];

		if (!text || !contains_nocase(text, "workshop"))
			continue;
		*rc = field_key(sc, text);
		if (*rc)
			return 0;
		if (is_pmlr_key(sc->key.s))
			continue;	/* "JMLR Workshop and Conference Proceedings" */
		if ((key_has_word(sc->key.s, "workshop") || key_has_word(sc->key.s, "workshops"))
		    && !key_map_find(&sc->v->keys, sc->key.s, sc->key.len))
			return 1;
	}
	return 0;
}

static int held_at(struct scan *sc, const struct fields *fs, const struct found *f, int *rc)
{
	*rc = 0;
	if (f->workshop)
		return 1;
	if (is_kind(f->venue, "workshop") || is_kind(f->venue, "preprint"))
		return 0;
	return mentions_workshop(sc, fs, rc);
}

/* The fields read for a venue, in order of trust; F_VOLUME is the PMLR volume. */
static const enum field_id venue_fields[] = {
	F_ABBR, F_SERIES, F_BOOKTITLE, F_EVENTTITLE, F_JOURNAL, F_JOURNALTITLE, F_VOLUME,
	F_HOWPUBLISHED,
};

/* Recognises one venue field's text; a PMLR series or publisher is not a venue. */
static int recognise_field(struct scan *sc, const struct fields *fs, enum field_id id,
			   struct found *f)
{
	int rc, pmlr;

	memset(f, 0, sizeof(*f));
	if (id == F_VOLUME)
		return find_pmlr(sc, fs, f);
	if (!fs->v[id])
		return 0;
	rc = names_pmlr(sc, fs->v[id], &pmlr);
	if (rc || pmlr)
		return rc;
	sc->journal_field = id == F_JOURNAL || id == F_JOURNALTITLE;
	return recognise_text_memo(sc, fs->v[id], f);
}

/* "Submitted to JMLR", "Under review at ICLR": a venue it has not appeared in. */
static int is_pending(const char *note)
{
	static const char *const words[] = {
		"submitted", "submission", "under review", "in review", "to be submitted",
		"extended version", "invited to", "revision",
	};

	for (size_t i = 0; note && i < COUNT(words); i++)
		if (contains_nocase(note, words[i]))
			return 1;
	return 0;
}

static int recognise(struct scan *sc, const struct fields *fs, struct pdb_venue_match *m,
		     struct found *best)
{
	struct found f, preprint = { NULL, 0 };
	const char *preprint_source = NULL;
	size_t i;
	int rc;

	for (i = 0; i < COUNT(venue_fields); i++) {
		rc = recognise_field(sc, fs, venue_fields[i], &f);
		if (rc)
			return rc;
		if (!f.venue)
			continue;
		if (is_kind(f.venue, "preprint") && venue_fields[i] != F_ABBR) {
			if (!preprint.venue) {
				preprint = f;
				preprint_source = field_names[venue_fields[i]];
			}
			continue;
		}
		*best = f;
		m->source = field_names[venue_fields[i]];
		return 0;
	}
	/* "arXiv preprint ..." with note = {NeurIPS 2025}: the paper went there */
	rc = is_pending(fs->v[F_NOTE]) ? 0 : recognise_field(sc, fs, F_NOTE, &f);
	if (rc)
		return rc;
	if (f.venue && !is_kind(f.venue, "preprint") && !is_pending(fs->v[F_NOTE])) {
		*best = f;
		m->source = field_names[F_NOTE];
		return 0;
	}
	if (preprint.venue) {
		*best = preprint;
		m->source = preprint_source;
		return 0;
	}
	m->source = arxiv_evidence(fs);
	if (m->source && !has_other_venue(sc, fs, &rc) && !rc)
		best->venue = (struct venue_rec *)arxiv_venue(sc->v);
	if (!best->venue)
		m->source = NULL;
	return rc;
}

int pdb_venue_recognise(struct pdb_venues *v, const struct pdb_entry *e,
			struct pdb_venue_match *m)
{
	struct scan sc;
	struct fields fs;
	struct found best = { NULL, 0 };
	int rc;

	memset(m, 0, sizeof(*m));
	collect_fields(e, &fs);
	scan_init(&sc, v);
	if (!v->memo)
		v->memo = calloc(MEMO_SLOTS, sizeof(*v->memo));	/* none: no memo */
	sc.memo = v->memo;
	rc = recognise(&sc, &fs, m, &best);
	if (!rc && best.venue) {
		m->venue = &best.venue->pub;
		m->workshop = held_at(&sc, &fs, &best, &rc);
	} else if (!rc) {
		/* a workshop pubdb does not know, held at a venue it does not know */
		m->workshop = mentions_workshop(&sc, &fs, &rc);
	}
	if (rc)
		memset(m, 0, sizeof(*m));
	scan_release(&sc);
	return rc;
}
