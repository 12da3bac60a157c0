#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char cmd_config_usage[] =
	"usage: pubdb config get NAME\n"
	"       pubdb config set NAME VALUE\n"
	"       pubdb config unset NAME\n"
	"\n"
	"Settings stored in the database. NAME is one of:\n"
	"  me    the owner's name, or several spellings separated by ';'\n"
	"        (\"Haocheng Xi; H. Xi\"); --me and $PUBDB_ME override it\n"
	"\n"
	"'get' prints the value, or exits with status 1 when it is not set.\n";

static const char *const known_names[] = { "me" };

static int is_known(const char *name)
{
	for (size_t i = 0; i < sizeof(known_names) / sizeof(known_names[0]); i++)
		if (strcmp(known_names[i], name) == 0)
			return 1;
	return 0;
}

static int config_get(struct pdb_cli *cli, const char *name)
{
	char *value;
	int rc = pdb_config_get(cli->store, name, &value);

	if (rc == PDB_ENOTFOUND)
		return EXIT_DATA;
	if (rc < 0)
		return cli_status(rc);
	printf("%s\n", value);
	free(value);
	return EXIT_OK;
}

int cmd_config(int argc, char **argv, struct pdb_cli *cli)
{
	const char *verb = argc > 1 ? argv[1] : NULL;
	int nargs = strcmp(verb ? verb : "", "set") == 0 ? 4 : 3;

	if (!verb)
		return cli_usage_error(cli, "no action given (get, set, unset)");
	if (strcmp(verb, "get") && strcmp(verb, "set") && strcmp(verb, "unset"))
		return cli_usage_error(cli, "unknown action '%s' (get, set, unset)", verb);
	if (argc != nargs)
		return cli_usage_error(cli, "'config %s' takes %s", verb,
				       nargs == 4 ? "NAME VALUE" : "NAME");
	if (!is_known(argv[2]))
		return cli_usage_error(cli, "unknown setting '%s'", argv[2]);
	if (strcmp(verb, "get") == 0)
		return config_get(cli, argv[2]);
	if (strcmp(verb, "set") == 0)
		return cli_status(pdb_config_set(cli->store, argv[2], argv[3]));
	if (pdb_config_unset(cli->store, argv[2]) == PDB_ENOTFOUND)
		return EXIT_DATA;
	return EXIT_OK;
}
