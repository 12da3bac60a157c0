#include "cli.h"

#include <string.h>

const char cmd_tag_usage[] =
	"usage: pubdb tag KEY... [--add T]... [--remove T]...\n"
	"\n"
	"Adds or removes tags of entries. Two prefixes have meaning:\n"
	"  award:NAME   the entry won NAME (\"award:Spotlight Paper\"); --award finds it\n"
	"  topic:NAME   the entry is about NAME; --topic finds it, and\n"
	"               export --group-by topic groups by it\n"
	"Any other tag is yours to use with --tag. Tags that an entry's own fields\n"
	"give (award, keywords) come back when the entry is imported again.\n"
	"With neither --add nor --remove, prints the entries' tags.\n";

struct tag_args {
	struct cli_strings add;
	struct cli_strings remove;
};

static int tag_option(struct pdb_cli *cli, int opt, const char *arg, void *ctx)
{
	struct tag_args *a = ctx;

	if (opt == OPT_ADD)
		return cli_strings_addf(cli, &a->add, "%s", arg);
	if (opt == OPT_REMOVE)
		return cli_strings_addf(cli, &a->remove, "%s", arg);
	return cli_usage_error(cli, "unexpected option");
}

static int print_tags(void *ctx, const struct pdb_record *r)
{
	(void)ctx;
	for (size_t i = 0; i < r->ntags; i++)
		printf("%s\t%s\n", r->key, r->tags[i]);
	return 0;
}

static int list_tags(struct pdb_cli *cli, char **keys, int n)
{
	struct pdb_query q;
	int rc = 0;

	pdb_query_init(&q);
	pdb_query_set_sort(&q, "added", &cli->diag);
	for (int i = 0; rc == 0 && i < n; i++)
		rc = pdb_query_add(&q, PDB_FILTER_KEY, keys[i], &cli->diag);
	if (rc == 0)
		rc = pdb_store_each(cli->store, &q, PDB_LOAD_TAGS, print_tags, NULL);
	pdb_query_release(&q);
	return cli_status(rc);
}

/* Applies every change to one entry. */
static int change_tags(struct pdb_cli *cli, const char *key, void *ctx)
{
	const struct tag_args *a = ctx;
	int rc = 0;

	for (size_t j = 0; rc == 0 && j < a->add.n + a->remove.n; j++) {
		int add = j < a->add.n;
		const char *tag = add ? a->add.v[j] : a->remove.v[j - a->add.n];

		rc = pdb_store_tag(cli->store, key, tag, add);
	}
	return rc;
}

int cmd_tag(int argc, char **argv, struct pdb_cli *cli)
{
	static const struct option options[] = {
		{ "add", required_argument, NULL, OPT_ADD },
		{ "remove", required_argument, NULL, OPT_REMOVE },
		{ NULL, 0, NULL, 0 },
	};
	struct tag_args a;
	int first, status;

	memset(&a, 0, sizeof(a));
	status = cli_parse_options(cli, argc, argv, options, NULL, tag_option, &a, &first);
	if (status == 0 && first == argc)
		status = cli_usage_error(cli, "no key given");
	if (status == 0 && a.add.n + a.remove.n == 0)
		status = list_tags(cli, argv + first, argc - first);
	else if (status == 0)
		status = cli_change_entries(cli, argv + first, argc - first, change_tags, &a, NULL);
	cli_strings_release(&a.add);
	cli_strings_release(&a.remove);
	return status;
}
