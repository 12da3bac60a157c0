#include "cli.h"

#include <string.h>

const char cmd_export_usage[] =
	"usage: pubdb export [FILTERS] [--format FORMAT] [--group-by G] [-o FILE]\n"
	"\n"
	"Writes the matching entries, newest first.\n"
	"\n"
	"  --format FORMAT   bibtex (default): fields and values as written, with\n"
	"                    the @string and @preamble of their files;\n"
	"                    csl-json: CSL-JSON for pandoc --citeproc, Zotero, citeproc-js;\n"
	"                    json: one object per entry (schema/pubdb-export.schema.json);\n"
	"                    markdown: a list to paste into a CV or web page;\n"
	"                    table: the layout of 'pubdb list'\n"
	"  --clean           bibtex for citing: no CV-only fields, no author marks\n"
	"  --group-by G      markdown headings by year, venue, type or topic\n"
	"  -o, --output FILE write FILE (replaced only once complete) instead of\n"
	"                    standard output\n"
	"\n"
	CLI_FILTER_USAGE;

static int parse_group_by(const char *s, enum pdb_group_by *g)
{
	static const struct {
		const char *name;
		enum pdb_group_by g;
	} groups[] = {
		{ "year", PDB_GROUP_YEAR }, { "venue", PDB_GROUP_VENUE },
		{ "type", PDB_GROUP_TYPE }, { "topic", PDB_GROUP_TOPIC },
	};

	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		if (strcmp(groups[i].name, s) == 0) {
			*g = groups[i].g;
			return 0;
		}
	}
	return -1;
}

struct export_args {
	struct pdb_export_opts eo;
	struct pdb_query *q;
	const char *fmt;
	const char *path;
};

static int export_option(struct pdb_cli *cli, int opt, const char *arg, void *ctx)
{
	struct export_args *a = ctx;

	if (opt == OPT_FORMAT) {
		a->fmt = arg;
	} else if (opt == 'o') {
		a->path = arg;
	} else if (opt == OPT_CLEAN) {
		a->eo.clean = 1;
	} else if (opt == OPT_GROUP_BY) {
		if (parse_group_by(arg, &a->eo.group_by) < 0)
			return cli_usage_error(cli, "unknown grouping '%s' (year, venue, type, topic)", arg);
		a->q->group = a->eo.group_by;
	} else {
		return cli_usage_error(cli, "unexpected option");
	}
	return 0;
}

int cmd_export(int argc, char **argv, struct pdb_cli *cli)
{
	static const struct option options[] = {
		CLI_FILTER_OPTIONS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "group-by", required_argument, NULL, OPT_GROUP_BY },
		{ "clean", no_argument, NULL, OPT_CLEAN },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct pdb_query q;
	struct export_args a = { { 0, PDB_GROUP_NONE, cli_me(cli), 0, NULL, NULL }, &q, "bibtex", NULL };
	int status;

	pdb_query_init(&q);
	status = cli_parse_options(cli, argc, argv, options, &q, export_option, &a, NULL);
	if (status == 0)
		status = cli_write_export(cli, &q, a.fmt, a.path, &a.eo);
	pdb_query_release(&q);
	return status;
}
