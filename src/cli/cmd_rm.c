#include "cli.h"

#include <string.h>

const char cmd_rm_usage[] =
	"usage: pubdb rm KEY...\n"
	"\n"
	"Deletes the entries with these keys, with their fields, names and tags.\n"
	"An unknown key is an error; the other keys are still deleted.\n";

int cmd_rm(int argc, char **argv, struct pdb_cli *cli)
{
	int status = EXIT_OK, rc;

	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argc--;
		argv++;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		return cli_usage_error(cli, "unknown option '%s'", argv[1]);
	}
	if (argc < 2)
		return cli_usage_error(cli, "no key given");
	rc = pdb_store_begin(cli->store);
	for (int i = 1; rc == 0 && i < argc; i++) {
		rc = pdb_store_remove(cli->store, argv[i]);
		if (rc == PDB_ENOTFOUND) {
			pdb_error(&cli->diag, "no entry with key '%s'", argv[i]);
			status = EXIT_DATA;
			rc = 0;
		}
	}
	if (rc == 0)
		rc = pdb_store_finish_import(cli->store);
	if (rc == 0)
		rc = pdb_store_commit(cli->store);
	if (rc < 0) {
		pdb_store_rollback(cli->store);
		return cli_status(rc);
	}
	return status;
}
