#include "cvfacts.h"

#include "pubdb/buf.h"
#include "pubdb/diag.h"
#include "pubdb/texnorm.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * al-folio sites put HTML in award names ("Spotlight <strong>(2.2%)</strong>"):
 * the tags go, their text stays.
 */
static void append_without_html(struct pdb_buf *b, const char *p, size_t n)
{
	const char *end = p + n;

	while (p < end) {
		const char *close;

		if (*p == '<' && p + 1 < end && (isalpha((unsigned char)p[1]) || p[1] == '/') &&
		    (close = memchr(p, '>', (size_t)(end - p)))) {
			p = close + 1;
			continue;
		}
		pdb_buf_addc(b, *p++);
	}
}

/* Adds prefix + the Unicode form of text [p, p + n), trimmed; nothing if empty. */
static int add_tag(pdb_tag_fn *add, void *ctx, const char *prefix, const char *p, size_t n)
{
	struct pdb_buf raw = PDB_BUF_INIT, tag = PDB_BUF_INIT;
	char *text;
	int rc = 0;

	append_without_html(&raw, p, n);
	text = pdb_tex_to_utf8(pdb_buf_str(&raw));
	if (!text || pdb_buf_failed(&raw)) {
		rc = PDB_ENOMEM;
		goto out;
	}
	if (*text) {
		pdb_buf_adds(&tag, prefix);
		pdb_buf_adds(&tag, text);
		rc = pdb_buf_failed(&tag) ? PDB_ENOMEM : add(ctx, pdb_buf_str(&tag));
	}
out:
	free(text);
	pdb_buf_release(&raw);
	pdb_buf_release(&tag);
	return rc;
}

/* Awards named in running text, most specific first. */
static const struct {
	const char *phrase;	/* folded */
	const char *award;
} award_phrases[] = {
	{ "best student paper", "Best Student Paper Award" },
	{ "best paper", "Best Paper Award" },
	{ "outstanding paper", "Outstanding Paper Award" },
	{ "distinguished paper", "Distinguished Paper Award" },
	{ "honorable mention", "Honorable Mention" },
	{ "honourable mention", "Honorable Mention" },
	{ "spotlight", "Spotlight" },
	{ "oral", "Oral" },
};

/* phrase occurs in text as whole words */
static int has_phrase(const char *text, const char *phrase)
{
	size_t n = strlen(phrase);

	for (const char *p = strstr(text, phrase); p; p = strstr(p + 1, phrase)) {
		int starts = p == text || !isalnum((unsigned char)p[-1]);
		int ends = !isalnum((unsigned char)p[n]);

		if (starts && ends)
			return 1;
	}
	return 0;
}

static int awards_in_note(const char *note, pdb_tag_fn *add, void *ctx)
{
	char *folded = pdb_fold(note);
	int rc = 0;

	if (!folded)
		return PDB_ENOMEM;
	for (size_t i = 0; rc == 0 && i < sizeof(award_phrases) / sizeof(award_phrases[0]); i++) {
		const char *award = award_phrases[i].award;

		if (has_phrase(folded, award_phrases[i].phrase)) {
			rc = add_tag(add, ctx, "award:", award, strlen(award));
			break;	/* one award per note: "best paper (oral)" is the best paper */
		}
	}
	free(folded);
	return rc;
}

static int is_list_separator(char c)
{
	return c == ',' || c == ';';
}

static int topics(const char *keywords, pdb_tag_fn *add, void *ctx)
{
	const char *p = keywords;
	int rc = 0;

	while (rc == 0 && *p) {
		const char *end = p;

		while (*end && !is_list_separator(*end))
			end++;
		rc = add_tag(add, ctx, "topic:", p, (size_t)(end - p));
		p = *end ? end + 1 : end;
	}
	return rc;
}

int pdb_field_tags(const struct pdb_entry *e, pdb_tag_fn *add, void *ctx)
{
	const char *award = pdb_entry_get(e, "award_name");
	const char *note = pdb_entry_get(e, "note");
	const char *keywords = pdb_entry_get(e, "keywords");
	int rc = 0;

	if (!award || !*award)
		award = pdb_entry_get(e, "award");
	if (award && *award)
		rc = add_tag(add, ctx, "award:", award, strlen(award));
	else if (note && *note)
		rc = awards_in_note(note, add, ctx);
	if (rc == 0 && keywords)
		rc = topics(keywords, add, ctx);
	return rc;
}

int pdb_entry_selected(const struct pdb_entry *e)
{
	const char *v = pdb_entry_get(e, "selected");

	return v && (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0);
}
