#include "cli.h"

#include "pubdb/buf.h"

#include <string.h>

const char cmd_show_usage[] =
	"usage: pubdb show [--format FORMAT] KEY\n"
	"\n"
	"Prints everything known about one entry: what pubdb understood of it\n"
	"(title; people, with * after equal contributors and the owner marked\n"
	"(me); year; venue; awards, topics and tags) and the entry as written.\n"
	"\n"
	"  --format FORMAT   bibtex, json, markdown or table instead\n";

static void show_persons(const char *label, const struct pdb_person *p, size_t n)
{
	struct pdb_buf b = PDB_BUF_INIT;

	if (!n)
		return;
	for (size_t i = 0; i < n; i++) {
		if (i)
			pdb_buf_adds(&b, "; ");
		pdb_person_format(&b, &p[i]);
		if (p[i].equal)
			pdb_buf_addc(&b, '*');
		if (p[i].marks & PDB_MARK_CORRESPONDING)
			pdb_buf_adds(&b, " (corresponding)");
		if (p[i].me)
			pdb_buf_adds(&b, " (me)");
	}
	printf("%-8s %s\n", label, pdb_buf_str(&b));
	pdb_buf_release(&b);
}

static int show_record(void *ctx, const struct pdb_record *r)
{
	int *found = ctx;

	*found = 1;
	printf("%-8s %s\n", "key", r->key);
	printf("%-8s %s\n", "type", r->type);
	if (r->title)
		printf("%-8s %s\n", "title", r->title);
	show_persons("authors", r->authors, r->nauthors);
	show_persons("editors", r->editors, r->neditors);
	if (r->year)
		printf("%-8s %d\n", "year", r->year);
	if (r->month)
		printf("%-8s %d\n", "month", r->month);
	if (r->venue_short && !r->workshop)
		printf("%-8s %s (%s)\n", "venue", r->venue_full, r->venue_short);
	else if (r->venue)
		printf("%-8s %s%s\n", "venue", r->venue, r->workshop ? " (workshop)" : "");
	if (r->equal)
		printf("%-8s %s\n", "equal", "* marks equal contributors");
	if (r->selected)
		printf("%-8s %s\n", "selected", "yes");
	for (size_t i = 0; i < r->ntags; i++)
		printf("%-8s %s\n", i ? "" : "tags", r->tags[i]);
	if (r->source)
		printf("\n%s\n", r->source);
	return 0;
}

static int show_option(struct pdb_cli *cli, int opt, const char *arg, void *ctx)
{
	const char **fmt = ctx;

	if (opt != OPT_FORMAT)
		return cli_usage_error(cli, "unexpected option");
	*fmt = arg;
	return 0;
}

int cmd_show(int argc, char **argv, struct pdb_cli *cli)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ NULL, 0, NULL, 0 },
	};
	struct pdb_export_opts eo = { .group_by = PDB_GROUP_NONE, .me = cli_me(cli) };
	struct pdb_query q;
	const char *fmt = NULL;
	int first, found = 0, status, rc;

	status = cli_parse_options(cli, argc, argv, options, NULL, show_option, &fmt, &first);
	if (status)
		return status;
	if (first + 1 != argc)
		return cli_usage_error(cli, first == argc ? "no key given" : "one key at a time");
	pdb_query_init(&q);
	rc = pdb_query_add(&q, PDB_FILTER_KEY, argv[first], &cli->diag);
	if (rc == 0 && fmt) {
		long long n = 0;

		rc = pdb_store_count(cli->store, &q, &n);
		found = n > 0;
		status = found && rc == 0 ? cli_write_export(cli, &q, fmt, NULL, &eo) : cli_status(rc);
	} else {
		if (rc == 0)
			rc = pdb_store_each(cli->store, &q, PDB_LOAD_ALL, show_record, &found);
		status = cli_status(rc);
	}
	if (rc == 0 && !found) {
		pdb_error(&cli->diag, "no entry with key '%s'", argv[first]);
		status = EXIT_DATA;
	}
	pdb_query_release(&q);
	return status;
}
