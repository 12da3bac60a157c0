/*
 * libFuzzer harness: bytes as a .bib file through the reader alone
 * (chunker, btparse guards, macros) and what import derives from each
 * entry before it reaches the store: author and editor lists with their
 * marks and legends, person keys, owner matching, CV tags, LaTeX to
 * Unicode and case folding of every field. No database, so it runs far
 * faster than fuzz_reader and reaches the parsers with many more inputs.
 */
#include "authors.h"
#include "cvfacts.h"
#include "person.h"
#include "pubdb/bibread.h"
#include "pubdb/diag.h"
#include "pubdb/texnorm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count_tag(void *ctx, const char *tag)
{
	size_t *n = ctx;

	*n += tag[0] != '\0';
	return 0;
}

static void derive_people(const struct pdb_entry *e, const char *role,
			  const struct pdb_owner *owner)
{
	struct pdb_authorlist al = PDB_AUTHORLIST_INIT;

	if (pdb_authors_parse(&al, e, role) < 0)
		return;
	for (size_t i = 0; i < al.n; i++) {
		struct pdb_person_keys k;

		(void)pdb_authorlist_cofirst(&al, i);
		if (pdb_person_keys_from_name(&k, &al.v[i].name) < 0)
			continue;
		(void)pdb_owner_matches_keys(owner, k.family_key, k.given_key);
		pdb_person_keys_release(&k);
	}
	(void)pdb_authorlist_has_equal(&al);
	pdb_authorlist_release(&al);
}

static void derive_text(const struct pdb_entry *e)
{
	for (size_t i = 0; i < e->nfields; i++) {
		char *text = pdb_tex_to_utf8(e->fields[i].value);
		char *folded = text ? pdb_fold(text) : NULL;

		if (text)
			(void)pdb_display_width(text);
		free(folded);
		free(text);
	}
}

static void derive(const struct pdb_entry *e, const struct pdb_owner *owner)
{
	size_t tags = 0;

	if (e->kind != PDB_ENTRY_REGULAR)
		return;
	derive_people(e, "author", owner);
	derive_people(e, "editor", owner);
	(void)pdb_field_tags(e, count_tag, &tags);
	(void)pdb_entry_selected(e);
	derive_text(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pdb_owner owner = PDB_OWNER_INIT;
	static int ready;
	struct pdb_diag diag;
	struct pdb_bibread *r;
	struct pdb_entry e;
	FILE *fp;

	if (size == 0)
		return 0;	/* fmemopen refuses an empty buffer */
	if (!ready) {
		if (pdb_owner_parse(&owner, "Smith, J.; Müller, Anna") < 0)
			abort();
		ready = 1;
	}
	pdb_diag_init(&diag, NULL, NULL);
	fp = fmemopen((void *)data, size, "r");
	if (!fp)
		abort();
	if (pdb_bibread_open(&r, fp, "fuzz.bib", &diag) == 0) {
		pdb_entry_init(&e);
		while (pdb_bibread_next(r, &e) > 0)
			derive(&e, &owner);
		pdb_entry_release(&e);
		pdb_bibread_close(r);
	}
	fclose(fp);
	return 0;
}
