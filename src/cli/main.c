/*
 * pubdb: keeps a researcher's publications in one SQLite file.
 *
 * Global options, the command table, and dispatch.
 */
#include "cli.h"
#include "progress.h"

#include "pubdb/buf.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char main_usage[] =
	"usage: pubdb [--db FILE] [--me NAME] [--quiet] [--color WHEN] COMMAND [ARGS]\n"
	"       pubdb --version\n"
	"\n"
	"Global options:\n"
	"  --db FILE     the database (default: $PUBDB_DB, else\n"
	"                $XDG_DATA_HOME/pubdb/pubdb.db, else ~/.local/share/pubdb/pubdb.db)\n"
	"  --me NAME     the owner's name(s), separated by ';' (default: $PUBDB_ME,\n"
	"                else 'config me')\n"
	"  --quiet       no summary lines or warnings, only errors\n"
	"  --color WHEN  colours in tables: auto (default: on a terminal, unless\n"
	"                $NO_COLOR is set), always or never\n"
	"  --version     print pubdb's version\n"
	"  --help        this text; 'pubdb COMMAND --help' for a command's\n"
	"\n"
	"Commands:\n";

/* Sorted by name; 'pubdb help' lists them in this order. */
static const struct cli_command commands[] = {
	{ "check", cmd_check, cmd_check_usage, "integrity, unknown venues, missing years, duplicates", CLI_NEEDS_DB },
	{ "config", cmd_config, cmd_config_usage, "get, set or unset a setting stored in the database", CLI_NEEDS_DB },
	{ "export", cmd_export, cmd_export_usage, "write matching entries as bibtex, json or markdown", CLI_NEEDS_DB },
	{ "import", cmd_import, cmd_import_usage, "read BibTeX files into the database", CLI_NEEDS_DB },
	{ "list", cmd_list, cmd_list_usage, "print matching entries", CLI_NEEDS_DB },
	{ "rm", cmd_rm, cmd_rm_usage, "delete entries", CLI_NEEDS_DB },
	{ "show", cmd_show, cmd_show_usage, "everything known about one entry", CLI_NEEDS_DB },
	{ "stats", cmd_stats, cmd_stats_usage, "counts by year, venue and type; first-author and award counts", CLI_NEEDS_DB },
	{ "tag", cmd_tag, cmd_tag_usage, "add or remove tags, awards and topics", CLI_NEEDS_DB },
	{ "venues", cmd_venues, cmd_venues_usage, "the venues pubdb recognises; add your own", CLI_NEEDS_DB },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_main_usage(FILE *fp)
{
	fputs(main_usage, fp);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(fp, "  %-8s %s\n", commands[i].name, commands[i].summary);
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Levenshtein distance, for suggesting a command after a typo. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t nb = strlen(b), row[32];

	if (nb >= sizeof(row) / sizeof(row[0]))
		return (size_t)-1;
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; *a; a++, i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t best = diag + (*a != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

/* The command closest to name, if it is close enough to be a typo. */
static const char *closest_command(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;	/* at most two edits */

	if (strlen(name) > 24)
		return NULL;
	for (size_t i = 0; i < N_COMMANDS; i++) {
		size_t d = edit_distance(name, commands[i].name);

		if (d < best_d && d < strlen(commands[i].name)) {
			best = commands[i].name;
			best_d = d;
		}
	}
	return best;
}

static int unknown_command(struct pdb_cli *cli, const char *name)
{
	const char *guess = closest_command(name);

	if (guess)
		return cli_usage_error(cli, "unknown command '%s'; did you mean '%s'?", name, guess);
	return cli_usage_error(cli, "unknown command '%s'; see 'pubdb --help'", name);
}

static int parse_color(struct pdb_cli *cli, const char *when)
{
	static const char *const names[] = {
		[CLI_COLOR_AUTO] = "auto", [CLI_COLOR_ALWAYS] = "always", [CLI_COLOR_NEVER] = "never",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(names[i], when) == 0) {
			cli->color = (enum cli_color)i;
			return 0;
		}
	}
	return cli_usage_error(cli, "invalid --color '%s' (auto, always, never)", when);
}

static void stderr_sink(void *ctx, const struct pdb_msg *msg)
{
	struct pdb_cli *cli = ctx;
	struct pdb_buf line = PDB_BUF_INIT;

	if (cli->quiet && msg->severity == PDB_WARNING)
		return;
	pdb_msg_format(&line, "pubdb", msg);
	pdb_buf_addc(&line, '\n');
	cli_progress_erase();	/* the message gets a line of its own */
	fputs(pdb_buf_str(&line), stderr);
	pdb_buf_release(&line);
}

/* mkdir -p for the folder of the default database. */
static int make_parents(char *path)
{
	for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

/* --db, else $PUBDB_DB, else the XDG data folder (created if missing). */
static int resolve_db_path(struct pdb_cli *cli, const char *flag, struct pdb_buf *storage)
{
	const char *env = getenv("PUBDB_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (flag || (env && *env)) {
		cli->db_path = flag ? flag : env;
		return 0;
	}
	if (xdg && *xdg == '/')
		pdb_buf_addf(storage, "%s/pubdb/pubdb.db", xdg);
	else if (home && *home)
		pdb_buf_addf(storage, "%s/.local/share/pubdb/pubdb.db", home);
	else {
		pdb_error(&cli->diag, "cannot find a place for the database: set HOME, "
			  "XDG_DATA_HOME or PUBDB_DB, or use --db");
		return -1;
	}
	if (make_parents(storage->s) < 0) {
		pdb_error(&cli->diag, "cannot create the folder of '%s': %s", storage->s,
			  strerror(errno));
		return -1;
	}
	cli->db_path = storage->s;
	return 0;
}

static int wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	}
	return 0;
}

static int run_command(struct pdb_cli *cli, const char *db_flag, int argc, char **argv)
{
	struct pdb_buf db_path = PDB_BUF_INIT;
	int status;

	if (wants_help(argc, argv))
		return cli_help(cli);
	if (cli->cmd->flags & CLI_NEEDS_DB) {
		if (resolve_db_path(cli, db_flag, &db_path) < 0) {
			pdb_buf_release(&db_path);
			return EXIT_DB;
		}
		status = cli_open_store(cli);
		if (status != EXIT_OK) {
			pdb_buf_release(&db_path);
			return status;
		}
	}
	optind = 0;	/* a fresh getopt_long scan for the command */
	opterr = 0;	/* its messages are ours */
	status = cli->cmd->fn(argc, argv, cli);
	pdb_store_close(cli->store);
	cli->store = NULL;
	free(cli->me_stored);
	pdb_buf_release(&db_path);
	return status;
}

/* stdout is checked at exit, so that a full disk is an error, not a short file. */
static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			fprintf(stderr, "pubdb: error: cannot write standard output: %s\n",
				strerror(errno));
		return status ? status : EXIT_DATA;
	}
	return status;
}

static int help_command(struct pdb_cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		argc = 1;	/* 'pubdb help --help': the list of commands */
	cmd = argc > 1 ? find_command(argv[1]) : NULL;
	if (argc > 1 && !cmd)
		return unknown_command(cli, argv[1]);
	if (cmd)
		fputs(cmd->usage, stdout);
	else
		print_main_usage(stdout);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct pdb_cli cli;
	const char *db_flag = NULL;
	const char *env_me = getenv("PUBDB_ME");
	int i;

	/* past a file size limit, a write fails (EFBIG) and is reported */
	signal(SIGXFSZ, SIG_IGN);
	pdb_store_single_threaded();	/* pubdb has one thread */
	memset(&cli, 0, sizeof(cli));
	pdb_diag_init(&cli.diag, stderr_sink, &cli);
	cli.me = env_me && *env_me ? env_me : NULL;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db_flag = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0)
			db_flag = argv[i] + 5;
		else if (strcmp(argv[i], "--me") == 0 && i + 1 < argc)
			cli.me = argv[++i];
		else if (strncmp(argv[i], "--me=", 5) == 0)
			cli.me = argv[i] + 5;
		else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0)
			cli.quiet = 1;
		else if (strcmp(argv[i], "--color") == 0 && i + 1 < argc) {
			if (parse_color(&cli, argv[++i]) != 0)
				return EXIT_USAGE;
		} else if (strncmp(argv[i], "--color=", 8) == 0) {
			if (parse_color(&cli, argv[i] + 8) != 0)
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return finish(help_command(&cli, 0, NULL));
		else if (strcmp(argv[i], "--version") == 0) {
			puts("pubdb " PUBDB_VERSION);
			return finish(EXIT_OK);
		}
		else if (strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "--me") == 0 ||
			 strcmp(argv[i], "--color") == 0)
			return finish(cli_usage_error(&cli, "option '%s' needs a value", argv[i]));
		else
			return finish(cli_usage_error(&cli, "unknown option '%s'; see 'pubdb --help'", argv[i]));
	}
	if (i == argc) {
		print_main_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[i], "help") == 0)
		return finish(help_command(&cli, argc - i, argv + i));
	cli.cmd = find_command(argv[i]);
	if (!cli.cmd)
		return finish(unknown_command(&cli, argv[i]));
	return finish(run_command(&cli, db_flag, argc - i, argv + i));
}
