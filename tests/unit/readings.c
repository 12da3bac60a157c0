#include "readings.h"

#include "pubdb/bibread.h"
#include "pubdb/diag.h"
#include "pubdb/model.h"

#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = { "regular", "string", "preamble", "comment" };

static void collect(void *ctx, const struct pdb_msg *msg)
{
	struct pdb_buf *b = ctx;

	pdb_msg_format(b, "pubdb", msg);
	pdb_buf_addc(b, '\n');
}

static void describe_entry(struct pdb_buf *out, const struct pdb_entry *e)
{
	pdb_buf_addf(out, "@%s %s {%s} line %lu\n", kind_names[e->kind], e->type,
		     e->key ? e->key : "", e->line);
	for (size_t i = 0; i < e->nfields; i++) {
		const struct pdb_field *f = &e->fields[i];

		pdb_buf_addf(out, "  %s (line %lu)\n    raw   [%s]\n    value [%s]\n", f->name,
			     f->line, f->raw, f->value);
	}
}

void describe_reading(const char *text, size_t n, int btparse_only, struct pdb_buf *out)
{
	struct pdb_buf msgs = PDB_BUF_INIT;
	struct pdb_diag diag;
	struct pdb_bibread *r = NULL;
	struct pdb_entry e;
	FILE *fp = fmemopen((void *)text, n, "r");
	int rc = -1;

	pdb_buf_reset(out);
	pdb_diag_init(&diag, collect, &msgs);
	pdb_entry_init(&e);
	if (fp && (rc = pdb_bibread_open(&r, fp, "t.bib", &diag)) == 0) {
		if (btparse_only)
			pdb_bibread_btparse_only(r);
		while ((rc = pdb_bibread_next(r, &e)) > 0)
			describe_entry(out, &e);
		pdb_buf_addf(out, "skipped %lu\n", pdb_bibread_skipped(r));
		pdb_bibread_close(r);
	}
	pdb_buf_addf(out, "end %d\n%s", rc, pdb_buf_str(&msgs));
	if (fp)
		fclose(fp);
	pdb_entry_release(&e);
	pdb_buf_release(&msgs);
}

/* Where a and b first differ, and on which line of a. */
static size_t first_difference(const char *a, const char *b, size_t *line)
{
	size_t i = 0;

	*line = 1;
	for (; a[i] && a[i] == b[i]; i++)
		if (a[i] == '\n')
			++*line;
	return i;
}

int readings_agree(const char *label, const char *text, size_t n)
{
	struct pdb_buf ours = PDB_BUF_INIT, theirs = PDB_BUF_INIT;
	int same;

	describe_reading(text, n, 0, &ours);
	describe_reading(text, n, 1, &theirs);
	same = strcmp(pdb_buf_str(&ours), pdb_buf_str(&theirs)) == 0;
	if (!same) {
		size_t line, at = first_difference(pdb_buf_str(&ours), pdb_buf_str(&theirs), &line);

		fprintf(stderr, "%s: the readings part at line %zu of their descriptions:\n"
			"--- pubdb's\n%.300s\n--- btparse's\n%.300s\n", label, line,
			pdb_buf_str(&ours) + at, pdb_buf_str(&theirs) + at);
	}
	pdb_buf_release(&ours);
	pdb_buf_release(&theirs);
	return same;
}
