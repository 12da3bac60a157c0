/*
 * The command line: state shared by the commands, and the helpers they
 * have in common. CLI-private; the library knows nothing of it.
 *
 * To add a command: write cmd_<name>.c with cmd_<name>() and
 * cmd_<name>_usage[], declare both below, add a row to the table in
 * main.c, add the file to meson.build, and give it a test case, a
 * section in the man page (doc/pubdb.1) and its words in both shell
 * completions (completions/): tests check the last two.
 */
#ifndef PUBDB_CLI_H
#define PUBDB_CLI_H

#include "pubdb/diag.h"
#include "pubdb/export.h"
#include "pubdb/query.h"
#include "pubdb/store.h"

#include <getopt.h>
#include <stdio.h>

/* Exit statuses (SPEC §1). */
enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,
	EXIT_USAGE = 2,
	EXIT_DB = 3,
};

struct cli_command;

/* --color: auto is colour when stdout is a terminal and $NO_COLOR is unset or empty. */
enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

struct pdb_cli {
	const char *db_path;
	const char *me;		/* --me, else PUBDB_ME, else NULL: see cli_me() */
	char *me_stored;	/* 'config me', once read */
	int quiet;
	enum cli_color color;
	struct pdb_diag diag;	/* writes to stderr */
	struct pdb_store *store;	/* open while a command that needs it runs */
	const struct cli_command *cmd;
};

typedef int cli_fn(int argc, char **argv, struct pdb_cli *cli);

struct cli_command {
	const char *name;
	cli_fn *fn;
	const char *usage;	/* full usage text, options included */
	const char *summary;
	unsigned flags;
};

#define CLI_NEEDS_DB 1u

/* "pubdb: error: ..." and the command's usage on stderr; returns EXIT_USAGE. */
int cli_usage_error(struct pdb_cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The usage error for getopt_long's '?' and ':' returns. */
int cli_bad_option(struct pdb_cli *cli, int opt, char **argv);
/* Prints the command's usage on stdout for --help; returns EXIT_OK. */
int cli_help(struct pdb_cli *cli);
/* The exit status for a library return code. */
int cli_status(int rc);
/* The owner: --me, else $PUBDB_ME, else 'config me', else NULL. */
const char *cli_me(struct pdb_cli *cli);
/* 1 if output to stdout should be coloured (--color, NO_COLOR, a terminal). */
int cli_use_color(const struct pdb_cli *cli);
/* Columns of the terminal stdout is, else 0 (no limit): ioctl, $COLUMNS, 80. */
int cli_terminal_width(void);
/* EXIT_USAGE (reported) when q has --first-author and the owner is unknown, else 0. */
int cli_require_owner(struct pdb_cli *cli, const struct pdb_query *q);
/* Opens cli->store; returns 0 or an exit status. */
int cli_open_store(struct pdb_cli *cli);

/*
 * Filters shared by list and export: options with these codes in a
 * command's getopt_long table are handed to cli_filter_option().
 */
enum {
	OPT_YEAR = 1000, OPT_SINCE, OPT_UNTIL, OPT_AUTHOR, OPT_TYPE, OPT_KEY,
	OPT_VENUE, OPT_SORT, OPT_LIMIT, OPT_FORMAT, OPT_OUTPUT, OPT_HELP,
	OPT_STRICT, OPT_GROUP_BY, OPT_AWARD, OPT_TOPIC, OPT_TAG, OPT_SELECTED,
	OPT_EQUAL, OPT_FIRST_AUTHOR, OPT_ADD, OPT_REMOVE, OPT_ALIAS, OPT_ALIASES, OPT_KIND, OPT_CLEAN,
	OPT_TEMPLATE, OPT_NUMBER, OPT_MAX_AUTHORS,
	OPT_SEARCH,
};

#define CLI_FILTER_OPTIONS \
	{ "year", required_argument, NULL, OPT_YEAR }, \
	{ "since", required_argument, NULL, OPT_SINCE }, \
	{ "until", required_argument, NULL, OPT_UNTIL }, \
	{ "author", required_argument, NULL, OPT_AUTHOR }, \
	{ "type", required_argument, NULL, OPT_TYPE }, \
	{ "key", required_argument, NULL, OPT_KEY }, \
	{ "venue", required_argument, NULL, OPT_VENUE }, \
	{ "sort", required_argument, NULL, OPT_SORT }, \
	{ "limit", required_argument, NULL, OPT_LIMIT }, \
	{ "award", optional_argument, NULL, OPT_AWARD }, \
	{ "topic", required_argument, NULL, OPT_TOPIC }, \
	{ "tag", required_argument, NULL, OPT_TAG }, \
	{ "selected", no_argument, NULL, OPT_SELECTED }, \
	{ "equal", no_argument, NULL, OPT_EQUAL }, \
	{ "first-author", no_argument, NULL, OPT_FIRST_AUTHOR }, \
	{ "search", required_argument, NULL, OPT_SEARCH }

#define CLI_FILTER_USAGE \
	"Filters (different filters combine with AND; a repeated one ORs its values):\n" \
	"  --year Y | A..B       published in Y, or from A to B (either end may be empty)\n" \
	"  --since Y, --until Y  published in or after / in or before Y\n" \
	"  --author NAME         an author (accents, case and initials don't matter)\n" \
	"  --type T              BibTeX entry type (article, inproceedings, ...)\n" \
	"  --key K               citation key\n" \
	"  --venue V             a venue: short name, full name or alias (ICML, NeurIPS,\n" \
	"                        \"International Conference on Machine Learning\"); else\n" \
	"                        words of the journal or booktitle, case-insensitive\n" \
	"  --first-author        the owner (--me) is first author, or co-first: marked as\n" \
	"                        an equal contributor together with the first author\n" \
	"  --equal               the entry marks equal contributors\n" \
	"  --award [NAME]        the entry won an award (that award)\n" \
	"  --topic T             a topic (keywords, import --topic, tag --add topic:T)\n" \
	"  --tag T               a tag\n" \
	"  --selected            marked selected = {true}\n" \
	"  --search TEXT         words of the title, abstract, authors or venue (case and\n" \
	"                        accents ignored; word* a prefix, \"a b\" a phrase), best\n" \
	"                        match first unless --sort is given\n" \
	"  --sort ORDER          -year (default), year, title, venue, added\n" \
	"  --limit N             at most N entries\n"

/* A whole decimal number of at least min into *n; 0, or -1 when arg is not one. */
int cli_parse_count(const char *arg, long min, long *n);

/* 1 if opt was a filter option (applied to q), 0 if not, <0 on a bad value. */
int cli_filter_option(struct pdb_cli *cli, int opt, const char *arg, struct pdb_query *q);

/*
 * Reads a command's options with getopt_long: filter options go into q,
 * any other one to other(), which returns 0 or an exit status. Arguments
 * that are not options are an error unless positional is not NULL, in
 * which case *positional is set to the index of the first one.
 * Returns 0 or an exit status (usage errors are printed).
 */
typedef int cli_option_fn(struct pdb_cli *cli, int opt, const char *arg, void *ctx);
int cli_parse_options(struct pdb_cli *cli, int argc, char **argv, const struct option *options,
		      struct pdb_query *q, cli_option_fn *other, void *ctx, int *positional);

/* A growable list of strings the CLI collects from repeated options. */
struct cli_strings {
	char **v;
	size_t n;
	size_t alloc;
};

/* Appends a formatted string; 0, or EXIT_DATA when out of memory. */
int cli_strings_addf(struct pdb_cli *cli, struct cli_strings *l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void cli_strings_release(struct cli_strings *l);

/*
 * Changes the entries with these keys in one transaction: fn(cli, key, ctx)
 * for each key, then finish (may be NULL), then commit. A key fn reports
 * as PDB_ENOTFOUND is an error message and exit status 1, and the other
 * keys are still changed; any other failure undoes all of them.
 */
typedef int cli_key_fn(struct pdb_cli *cli, const char *key, void *ctx);
int cli_change_entries(struct pdb_cli *cli, char **keys, int n, cli_key_fn *fn, void *ctx,
		       int (*finish)(struct pdb_store *s));

struct pdb_buf;
/* -o FILE: a temporary file beside path (stdout when path is NULL), or NULL after an error. */
FILE *cli_open_output(struct pdb_cli *cli, const char *path, struct pdb_buf *tmp);
/* Closes it and, when rc is 0, renames it over path; returns rc or PDB_EIO (reported). */
int cli_close_output(struct pdb_cli *cli, FILE *out, const char *path, struct pdb_buf *tmp, int rc);

/* Runs an export of q in format fmt to -o path (atomically) or stdout. */
int cli_write_export(struct pdb_cli *cli, const struct pdb_query *q, const char *fmt,
		     const char *path, const struct pdb_export_opts *opts);

int cmd_check(int argc, char **argv, struct pdb_cli *cli);
int cmd_config(int argc, char **argv, struct pdb_cli *cli);
int cmd_export(int argc, char **argv, struct pdb_cli *cli);
int cmd_import(int argc, char **argv, struct pdb_cli *cli);
int cmd_list(int argc, char **argv, struct pdb_cli *cli);
int cmd_rm(int argc, char **argv, struct pdb_cli *cli);
int cmd_show(int argc, char **argv, struct pdb_cli *cli);
int cmd_stats(int argc, char **argv, struct pdb_cli *cli);
int cmd_tag(int argc, char **argv, struct pdb_cli *cli);
int cmd_venues(int argc, char **argv, struct pdb_cli *cli);

extern const char cmd_check_usage[];
extern const char cmd_config_usage[];
extern const char cmd_export_usage[];
extern const char cmd_import_usage[];
extern const char cmd_list_usage[];
extern const char cmd_rm_usage[];
extern const char cmd_show_usage[];
extern const char cmd_stats_usage[];
extern const char cmd_tag_usage[];
extern const char cmd_venues_usage[];

#endif
