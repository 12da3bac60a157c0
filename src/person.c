#include "person.h"

#include "pubdb/buf.h"
#include "pubdb/diag.h"
#include "pubdb/store.h"
#include "pubdb/texnorm.h"

#include <stdlib.h>
#include <string.h>

void pdb_person_keys_release(struct pdb_person_keys *k)
{
	free(k->given);
	free(k->von);
	free(k->family);
	free(k->jr);
	free(k->family_key);
	free(k->given_key);
	memset(k, 0, sizeof(*k));
}

int pdb_person_keys_from_name(struct pdb_person_keys *k, const struct pdb_name *n)
{
	memset(k, 0, sizeof(*k));
	k->given = pdb_tex_to_utf8(n->first);
	k->von = pdb_tex_to_utf8(n->von);
	k->family = pdb_tex_to_utf8(n->last);
	k->jr = pdb_tex_to_utf8(n->jr);
	k->literal = n->literal;
	if (k->family && k->given) {
		k->family_key = pdb_fold_converted(k->family);
		k->given_key = pdb_fold_converted(k->given);
	}
	if (!k->given || !k->von || !k->family || !k->jr || !k->family_key || !k->given_key) {
		pdb_person_keys_release(k);
		return PDB_ENOMEM;
	}
	return 0;
}

int pdb_person_query_keys(const char *name, char **family_key, char **given_key)
{
	struct pdb_name n;

	*family_key = *given_key = NULL;
	if (pdb_name_parse(&n, name) < 0)
		return PDB_ENOMEM;
	*family_key = pdb_fold(n.last);
	*given_key = pdb_fold(n.first);
	pdb_name_release(&n);
	if (!*family_key || !*given_key) {
		free(*family_key);
		free(*given_key);
		*family_key = *given_key = NULL;
		return PDB_ENOMEM;
	}
	return 0;
}

static int is_separator(char c)
{
	return c == ' ' || c == '-' || c == '.' || c == '\0';
}

/* The next word of a given name; returns its length, 0 at the end. */
static size_t next_word(const char **p)
{
	const char *s = *p;
	size_t n = 0;

	while (*s && is_separator(*s))
		s++;
	while (s[n] && !is_separator(s[n]))
		n++;
	*p = s;
	return n;
}

/* One letter (possibly a multi-byte UTF-8 one) is an initial. */
static int is_initial(const char *w, size_t n)
{
	size_t len = 1;
	unsigned char c = (unsigned char)w[0];

	if (c >= 0xf0)
		len = 4;
	else if (c >= 0xe0)
		len = 3;
	else if (c >= 0xc0)
		len = 2;
	return n == len;
}

static int words_agree(const char *a, size_t an, const char *b, size_t bn)
{
	if (is_initial(a, an) && an <= bn)
		return memcmp(a, b, an) == 0;
	if (is_initial(b, bn) && bn <= an)
		return memcmp(a, b, bn) == 0;
	return an == bn && memcmp(a, b, an) == 0;
}

static size_t count_words(const char *s)
{
	size_t n = 0;
	size_t len;

	while ((len = next_word(&s)) > 0) {
		n++;
		s += len;
	}
	return n;
}

int pdb_given_compatible(const char *a, const char *b)
{
	const char *shorter = a, *longer = b;
	size_t sn, ln;
	int first = 1;

	if (count_words(a) > count_words(b)) {
		shorter = b;
		longer = a;
	}
	while ((sn = next_word(&shorter)) > 0) {
		for (;;) {
			ln = next_word(&longer);
			if (ln == 0)
				return 0;
			if (words_agree(shorter, sn, longer, ln))
				break;
			if (first)
				return 0;
			longer += ln;
		}
		shorter += sn;
		longer += ln;
		first = 0;
	}
	return 1;
}

void pdb_person_format(struct pdb_buf *b, const struct pdb_person *p)
{
	const char *parts[] = { p->given, p->von, p->family };
	int any = 0;

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (parts[i] && *parts[i]) {
			pdb_buf_addf(b, "%s%s", any ? " " : "", parts[i]);
			any = 1;
		}
	}
	if (p->jr && *p->jr)
		pdb_buf_addf(b, ", %s", p->jr);
}

/* ---- the owner ---- */

void pdb_owner_release(struct pdb_owner *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->names[i].family_key);
		free(o->names[i].given_key);
	}
	free(o->names);
	o->names = NULL;
	o->n = 0;
}

/* Adds the spelling in the n bytes at s, unless it has no family name. */
static int owner_add(struct pdb_owner *o, const char *s, size_t n)
{
	struct pdb_owner_name *name = &o->names[o->n];
	char *copy = malloc(n + 1);
	int rc;

	if (!copy)
		return PDB_ENOMEM;
	memcpy(copy, s, n);
	copy[n] = '\0';
	rc = pdb_person_query_keys(copy, &name->family_key, &name->given_key);
	free(copy);
	if (rc < 0)
		return rc;
	if (*name->family_key) {
		o->n++;
	} else {
		free(name->family_key);
		free(name->given_key);
	}
	return 0;
}

int pdb_owner_parse(struct pdb_owner *o, const char *me)
{
	size_t max = 1;

	o->names = NULL;
	o->n = 0;
	if (!me)
		return 0;
	for (const char *p = me; *p; p++)
		max += *p == ';';
	o->names = calloc(max, sizeof(*o->names));
	if (!o->names)
		return PDB_ENOMEM;
	while (*me) {
		size_t n = strcspn(me, ";");

		if (owner_add(o, me, n) < 0) {
			pdb_owner_release(o);
			return PDB_ENOMEM;
		}
		me += n + (me[n] != '\0');
	}
	return 0;
}

int pdb_owner_matches_keys(const struct pdb_owner *o, const char *family_key,
			   const char *given_key)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->names[i].family_key, family_key) == 0 &&
		    pdb_given_compatible(o->names[i].given_key, given_key))
			return 1;
	return 0;
}

int pdb_owner_matches(const struct pdb_owner *o, const struct pdb_person *p)
{
	char *family_key, *given_key;
	int found;

	if (!o->n || p->literal)
		return 0;
	family_key = pdb_fold(p->family ? p->family : "");
	given_key = pdb_fold(p->given ? p->given : "");
	if (!family_key || !given_key)
		found = PDB_ENOMEM;
	else
		found = pdb_owner_matches_keys(o, family_key, given_key);
	free(family_key);
	free(given_key);
	return found;
}
