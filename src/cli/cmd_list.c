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

static int list_option(struct pdb_cli *cli, int opt, const char *arg, void *ctx)
{
	const char **fmt = ctx;

	if (opt != OPT_FORMAT)
		return cli_usage_error(cli, "unexpected option");
	*fmt = arg;
	return 0;
}

int cmd_list(int argc, char **argv, struct pdb_cli *cli)
{
	static const struct option options[] = {
		CLI_FILTER_OPTIONS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ NULL, 0, NULL, 0 },
	};
	struct pdb_export_opts eo = { terminal_width(), PDB_GROUP_NONE, cli_me(cli), 0, NULL, NULL };
	struct pdb_query q;
	const char *fmt = "table";
	int status;

	pdb_query_init(&q);
	status = cli_parse_options(cli, argc, argv, options, &q, list_option, &fmt, NULL);
	if (status == 0)
		status = cli_write_export(cli, &q, fmt, NULL, &eo);
	pdb_query_release(&q);
	return status;
}
