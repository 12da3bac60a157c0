#include "cli.h"
#include "progress.h"

#include "pubdb/import.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char cmd_import_usage[] =
	"usage: pubdb import [--strict] [--topic T]... [--tag T]... FILE...\n"
	"\n"
	"Reads BibTeX files ('-' is standard input) into the database, one\n"
	"transaction per file. New keys are added, changed entries updated,\n"
	"identical ones left alone. A malformed entry is reported as\n"
	"FILE:LINE: error: ... and skipped; the file's other entries are kept.\n"
	"\n"
	"  --strict    any error rolls the whole file back\n"
	"  --topic T   file every entry under topic T (the tag topic:T)\n"
	"  --tag T     give every entry the tag T\n";

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
	struct pdb_import_opts opts = *o;
	struct cli_progress progress;
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
	cli_progress_start(&progress, cli, "importing", fp, 0);
	opts.progress = cli_progress_update;
	opts.progress_ctx = &progress;
	rc = pdb_import(cli->store, fp, fp == stdin ? "<stdin>" : name, path, &opts, &st,
			&cli->diag);
	cli_progress_end(&progress);
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

struct import_args {
	struct pdb_import_opts o;
	struct cli_strings tags;
};

static int import_option(struct pdb_cli *cli, int opt, const char *arg, void *ctx)
{
	struct import_args *a = ctx;

	if (opt == OPT_STRICT)
		a->o.strict = 1;
	else if (opt == OPT_TOPIC)
		return cli_strings_addf(cli, &a->tags, "topic:%s", arg);
	else if (opt == OPT_TAG)
		return cli_strings_addf(cli, &a->tags, "%s", arg);
	else
		return cli_usage_error(cli, "unexpected option");
	return 0;
}

int cmd_import(int argc, char **argv, struct pdb_cli *cli)
{
	static const struct option options[] = {
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "topic", required_argument, NULL, OPT_TOPIC },
		{ "tag", required_argument, NULL, OPT_TAG },
		{ NULL, 0, NULL, 0 },
	};
	struct import_args a;
	struct totals t;
	int first;

	memset(&t, 0, sizeof(t));
	memset(&a, 0, sizeof(a));
	t.status = cli_parse_options(cli, argc, argv, options, NULL, import_option, &a, &first);
	if (t.status == 0 && first == argc)
		t.status = cli_usage_error(cli, "no file to import");
	if (t.status) {
		cli_strings_release(&a.tags);
		return t.status;
	}
	a.o.tags = (const char *const *)a.tags.v;
	a.o.ntags = a.tags.n;
	for (int i = first; i < argc && t.status < EXIT_DB; i++)
		import_one(cli, argv[i], &a.o, &t);
	cli_strings_release(&a.tags);
	if (!cli->quiet)
		fprintf(stderr, "imported %lu, updated %lu, merged 0, unchanged %lu, skipped %lu\n",
			t.sum.added, t.sum.updated, t.sum.unchanged, t.sum.skipped);
	return t.status;
}
