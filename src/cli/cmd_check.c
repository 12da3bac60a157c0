#include "cli.h"

const char cmd_check_usage[] =
	"usage: pubdb check\n"
	"\n"
	"Checks the database and the entries in it, one finding per line:\n"
	"  integrity: ...                  SQLite's integrity or foreign-key check failed,\n"
	"                                  or an entry lost some of its fields or names\n"
	"  unknown venue: KEY: N entries: TEXT\n"
	"                                  a venue pubdb does not know (KEY is one of\n"
	"                                  them); 'pubdb venues add' teaches it\n"
	"  no year: KEY                    the entry has no year\n"
	"  duplicate: KEY OTHER: REASON    the same DOI, or the same title and first\n"
	"                                  author, under two keys\n"
	"\n"
	"Exits with status 0 when there is nothing to report, 1 when there is, and\n"
	"3 when the database itself is damaged.\n";

struct check_state {
	int findings;
	int damaged;
};

static int print_finding(void *ctx, const struct pdb_finding *f)
{
	struct check_state *st = ctx;

	st->findings++;
	st->damaged |= f->key == NULL;
	printf("%s:", f->what);
	if (f->key)
		printf(" %s", f->key);
	if (f->other)
		printf(" %s", f->other);
	if (f->detail)
		printf("%s %s", f->key ? ":" : "", f->detail);
	putchar('\n');
	return 0;
}

int cmd_check(int argc, char **argv, struct pdb_cli *cli)
{
	struct check_state st = { 0, 0 };
	int rc;

	(void)argv;
	if (argc > 1)
		return cli_usage_error(cli, "unexpected argument '%s'", argv[1]);
	rc = pdb_store_check(cli->store, print_finding, &st);
	if (rc < 0)
		return cli_status(rc);
	if (st.damaged)
		return EXIT_DB;
	return st.findings ? EXIT_DATA : EXIT_OK;
}
