#include "cli.h"

#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

const char cmd_list_usage[] =
	"usage: pubdb list [FILTERS] [--format FORMAT]\n"
	"\n"
	"Prints the matching entries, newest first: key, year, venue, first\n"
	"author and title, cut to the terminal's width when printing to one.\n"
	"\n"
	"  --format FORMAT   table (default), bibtex, json, markdown\n"
	"\n"
	CLI_FILTER_USAGE;

static int terminal_width(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0)
		return 0;
	return ws.ws_col;
}

int cmd_list(int argc, char **argv, struct pdb_cli *cli)
{
	static const struct option options[] = {
		CLI_FILTER_OPTIONS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ NULL, 0, NULL, 0 },
	};
	struct pdb_export_opts eo = { terminal_width(), PDB_GROUP_NONE, cli_me(cli) };
	struct pdb_query q;
	const char *fmt = "table";
	int opt, status = EXIT_OK;

	pdb_query_init(&q);
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		int r = cli_filter_option(cli, opt, optarg, &q);

		if (r < 0) {
			status = EXIT_USAGE;
			goto out;
		}
		if (r)
			continue;
		if (opt == OPT_FORMAT) {
			fmt = optarg;
			continue;
		}
		status = cli_bad_option(cli, opt, argv);
		goto out;
	}
	if (optind < argc) {
		status = cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	status = cli_write_export(cli, &q, fmt, NULL, &eo);
out:
	pdb_query_release(&q);
	return status;
}
