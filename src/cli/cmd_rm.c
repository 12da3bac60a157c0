#include "cli.h"

#include <string.h>

const char cmd_rm_usage[] =
	"usage: pubdb rm KEY...\n"
	"\n"
	"Deletes the entries with these keys, with their fields, names and tags.\n"
	"An unknown key is an error; the other keys are still deleted.\n";

static int remove_entry(struct pdb_cli *cli, const char *key, void *ctx)
{
	(void)ctx;
	return pdb_store_remove(cli->store, key);
}

int cmd_rm(int argc, char **argv, struct pdb_cli *cli)
{
	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argc--;
		argv++;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		return cli_usage_error(cli, "unknown option '%s'", argv[1]);
	}
	if (argc < 2)
		return cli_usage_error(cli, "no key given");
	/* a removed crossref parent no longer lends its year and venue */
	return cli_change_entries(cli, argv + 1, argc - 1, remove_entry, NULL,
				  pdb_store_finish_import);
}
