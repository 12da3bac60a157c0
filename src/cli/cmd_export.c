#include "cli.h"

#include <string.h>

const char cmd_export_usage[] =
	"usage: pubdb export [FILTERS] [--format FORMAT] [--group-by G] [-o FILE]\n"
	"\n"
	"Writes the matching entries, newest first.\n"
	"\n"
	"  --format FORMAT   bibtex (default): fields and values as written, with\n"
	"                    the @string and @preamble of their files;\n"
	"                    json: one object per entry (schema/pubdb-export.schema.json);\n"
	"                    markdown: a list to paste into a CV or web page;\n"
	"                    table: the layout of 'pubdb list'\n"
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

int cmd_export(int argc, char **argv, struct pdb_cli *cli)
{
	static const struct option options[] = {
		CLI_FILTER_OPTIONS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "group-by", required_argument, NULL, OPT_GROUP_BY },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct pdb_export_opts eo = { 0, PDB_GROUP_NONE, cli_me(cli) };
	struct pdb_query q;
	const char *fmt = "bibtex", *path = NULL;
	int opt, status = EXIT_OK;

	pdb_query_init(&q);
	while ((opt = getopt_long(argc, argv, ":o:", options, NULL)) != -1) {
		int r = cli_filter_option(cli, opt, optarg, &q);

		if (r < 0) {
			status = EXIT_USAGE;
			goto out;
		}
		if (r)
			continue;
		if (opt == OPT_FORMAT) {
			fmt = optarg;
		} else if (opt == 'o') {
			path = optarg;
		} else if (opt == OPT_GROUP_BY) {
			if (parse_group_by(optarg, &eo.group_by) < 0) {
				status = cli_usage_error(cli, "unknown grouping '%s' (year, venue, type, topic)", optarg);
				goto out;
			}
			q.group = eo.group_by;
		} else {
			status = cli_bad_option(cli, opt, argv);
			goto out;
		}
	}
	if (optind < argc) {
		status = cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	status = cli_write_export(cli, &q, fmt, path, &eo);
out:
	pdb_query_release(&q);
	return status;
}
