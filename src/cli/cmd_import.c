#include "cli.h"

#include "pubdb/import.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char cmd_import_usage[] =
	"usage: pubdb import [--strict] FILE...\n"
	"\n"
	"Reads BibTeX files ('-' is standard input) into the database, one\n"
	"transaction per file. New keys are added, changed entries updated,\n"
	"identical ones left alone. A malformed entry is reported as\n"
	"FILE:LINE: error: ... and skipped; the file's other entries are kept.\n"
	"\n"
	"  --strict   any error rolls the whole file back\n";

struct totals {
	struct pdb_import_stats sum;
	int status;
};

static void worse(int *status, int s)
{
	if (s > *status)
		*status = s;
}

/* Opens one input; NULL (reported) when it cannot be read. */
static FILE *open_input(struct pdb_cli *cli, const char *name)
{
	struct stat st;
	FILE *fp;

	if (strcmp(name, "-") == 0)
		return stdin;
	fp = fopen(name, "r");
	if (!fp) {
		pdb_error(&cli->diag, "cannot open '%s': %s", name, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		pdb_error(&cli->diag, "cannot import '%s': it is a directory", name);
		fclose(fp);
		return NULL;
	}
	return fp;
}

static void import_one(struct pdb_cli *cli, const char *name, const struct pdb_import_opts *o,
		       struct totals *t)
{
	struct pdb_import_stats st;
	char resolved[PATH_MAX];
	const char *path = "-";
	FILE *fp = open_input(cli, name);
	int rc;

	if (!fp) {
		worse(&t->status, EXIT_DATA);
		return;
	}
	if (fp != stdin)
		path = realpath(name, resolved) ? resolved : name;
	rc = pdb_import(cli->store, fp, fp == stdin ? "<stdin>" : name, path, o, &st,
			&cli->diag);
	if (fp != stdin)
		fclose(fp);
	if (st.rolled_back) {
		pdb_diag_report(&cli->diag, PDB_ERROR, name, 0,
				"%lu %s; nothing imported from this file (--strict)",
				st.skipped, st.skipped == 1 ? "error" : "errors");
		t->sum.skipped += st.skipped;
	} else if (rc == 0 || rc == PDB_EDATA) {
		t->sum.added += st.added;
		t->sum.updated += st.updated;
		t->sum.unchanged += st.unchanged;
		t->sum.skipped += st.skipped;
	}
	worse(&t->status, cli_status(rc));
}

static int import_option(struct pdb_cli *cli, int opt, const char *arg, void *ctx)
{
	struct pdb_import_opts *o = ctx;

	(void)arg;
	if (opt != OPT_STRICT)
		return cli_usage_error(cli, "unexpected option");
	o->strict = 1;
	return 0;
}

int cmd_import(int argc, char **argv, struct pdb_cli *cli)
{
	static const struct option options[] = {
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ NULL, 0, NULL, 0 },
	};
	struct pdb_import_opts o = { 0 };
	struct totals t;
	int first;

	memset(&t, 0, sizeof(t));
	t.status = cli_parse_options(cli, argc, argv, options, NULL, import_option, &o, &first);
	if (t.status)
		return t.status;
	if (first == argc)
		return cli_usage_error(cli, "no file to import");
	for (int i = first; i < argc && t.status < EXIT_DB; i++)
		import_one(cli, argv[i], &o, &t);
	if (!cli->quiet)
		fprintf(stderr, "imported %lu, updated %lu, merged 0, unchanged %lu, skipped %lu\n",
			t.sum.added, t.sum.updated, t.sum.unchanged, t.sum.skipped);
	return t.status;
}
