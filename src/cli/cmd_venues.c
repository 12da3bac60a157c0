#include "cli.h"

#include <string.h>

const char cmd_venues_usage[] =
	"usage: pubdb venues [--aliases]\n"
	"       pubdb venues add SHORT \"Full name\" [--kind KIND] [--alias SPELLING]...\n"
	"\n"
	"Without arguments, lists the venues pubdb knows: short name, kind, how\n"
	"many entries appeared there, full name (and with --aliases the spellings\n"
	"it recognises, normalised).\n"
	"\n"
	"'add' teaches pubdb a venue, or more spellings of a known one, and\n"
	"recognises every entry's venue again. KIND is conference (default),\n"
	"journal, workshop, preprint or other. 'pubdb check' lists the venue\n"
	"texts pubdb does not recognise.\n";

static int print_venue(void *ctx, const struct pdb_venue_row *v)
{
	const int *with_aliases = ctx;

	printf("%-12s %-10s %5lld  %s\n", v->short_name, v->kind, v->entries, v->full);
	if (*with_aliases && v->aliases)
		printf("%-12s %-10s %5s  aliases: %s\n", "", "", "", v->aliases);
	return 0;
}

struct add_args {
	const char *kind;
	struct cli_strings aliases;
	int with_aliases;
};

static int venues_option(struct pdb_cli *cli, int opt, const char *arg, void *ctx)
{
	struct add_args *a = ctx;

	if (opt == OPT_KIND)
		a->kind = arg;
	else if (opt == OPT_ALIAS)
		return cli_strings_addf(cli, &a->aliases, "%s", arg);
	else if (opt == OPT_ALIASES)
		a->with_aliases = 1;
	else
		return cli_usage_error(cli, "unexpected option");
	return 0;
}

static int valid_kind(const char *kind)
{
	static const char *const kinds[] = {
		"conference", "journal", "workshop", "preprint", "other",
	};

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i], kind) == 0)
			return 1;
	return 0;
}

static int add_venue(struct pdb_cli *cli, char **args, int n, struct add_args *a)
{
	int rc;

	if (n != 2)
		return cli_usage_error(cli, "'venues add' takes SHORT and \"Full name\"");
	if (!*args[0] || !*args[1])
		return cli_usage_error(cli, "the short and full names cannot be empty");
	if (!valid_kind(a->kind))
		return cli_usage_error(cli, "unknown kind '%s' (conference, journal, workshop,"
				       " preprint, other)", a->kind);
	rc = pdb_store_begin(cli->store);
	if (rc == 0)
		rc = pdb_store_add_venue(cli->store, args[0], args[1], a->kind,
					 (const char *const *)a->aliases.v, a->aliases.n);
	if (rc == 0)
		rc = pdb_store_commit(cli->store);
	if (rc < 0)
		pdb_store_rollback(cli->store);
	return cli_status(rc);
}

int cmd_venues(int argc, char **argv, struct pdb_cli *cli)
{
	static const struct option options[] = {
		{ "kind", required_argument, NULL, OPT_KIND },
		{ "alias", required_argument, NULL, OPT_ALIAS },
		{ "aliases", no_argument, NULL, OPT_ALIASES },
		{ NULL, 0, NULL, 0 },
	};
	struct add_args a = { "conference", { NULL, 0, 0 }, 0 };
	int first, status;

	status = cli_parse_options(cli, argc, argv, options, NULL, venues_option, &a, &first);
	if (status == 0 && first == argc)
		status = cli_status(pdb_store_each_venue(cli->store, print_venue, &a.with_aliases));
	else if (status == 0 && strcmp(argv[first], "add") == 0)
		status = add_venue(cli, argv + first + 1, argc - first - 1, &a);
	else if (status == 0)
		status = cli_usage_error(cli, "unknown action '%s' (add)", argv[first]);
	cli_strings_release(&a.aliases);
	return status;
}
