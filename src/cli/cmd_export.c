#include "cli.h"

#include "pubdb/buf.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

const char cmd_export_usage[] =
	"usage: pubdb export [FILTERS] [--format FORMAT] [--clean] [--group-by G]\n"
	"                    [--number] [--max-authors N] [--template FILE] [-o FILE]\n"
	"\n"
	"Writes the matching entries, newest first.\n"
	"\n"
	"  --format FORMAT   bibtex (default): fields and values as written, with\n"
	"                    the @string and @preamble of their files;\n"
	"                    csl-json: CSL-JSON for pandoc --citeproc, Zotero, citeproc-js;\n"
	"                    json: one object per entry (schema/pubdb-export.schema.json);\n"
	"                    keys: one citation key per line, for xargs;\n"
	"                    markdown: a list to paste into a CV or web page;\n"
	"                    table: the layout of 'pubdb list'\n"
	"  --clean           bibtex for citing: no CV-only fields, no author marks\n"
	"  --group-by G      markdown headings by year, venue, type or topic\n"
	"  --number          markdown: number the entries, the first N, the last 1\n"
	"                    (across groups)\n"
	"  --max-authors N   markdown: at most N authors; the owner, the first and\n"
	"                    the last stay, each run of the others becomes \"\u2026\"\n"
	"  --template FILE   markdown: lay each entry out as FILE says, with {title},\n"
	"                    {authors}, {venue}, {year}, {award}, {links}, {number}, ...\n"
	"                    and sections {?award}...{/} (see README)\n"
	"  -o, --output FILE write FILE (replaced only once complete) instead of\n"
	"                    standard output\n"
	"\n"
	CLI_FILTER_USAGE;

static int parse_group_by(const char *s, enum pdb_group_by *g)
{
	static const struct {
		const char *name;
		enum pdb_group_by g;
	} groups[] = {
		{ "year", PDB_GROUP_YEAR }, { "venue", PDB_GROUP_VENUE },
		{ "type", PDB_GROUP_TYPE }, { "topic", PDB_GROUP_TOPIC },
	};

	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		if (strcmp(groups[i].name, s) == 0) {
			*g = groups[i].g;
			return 0;
		}
	}
	return -1;
}

struct export_args {
	struct pdb_export_opts eo;
	struct pdb_query *q;
	const char *fmt;
	const char *path;
	const char *markdown_only;	/* the last markdown option given */
};

static int parse_max_authors(struct pdb_cli *cli, const char *arg, int *max)
{
	long n;

	if (cli_parse_count(arg, 1, &n) < 0 || n > INT_MAX)
		return cli_usage_error(cli, "invalid --max-authors '%s' (expected a number from 1)", arg);
	*max = (int)n;
	return 0;
}

/* The whole of the template file into text; 0 or an exit status. */
static int read_template(struct pdb_cli *cli, const char *path, struct pdb_buf *text)
{
	FILE *fp = fopen(path, "rb");
	char chunk[4096];
	size_t n;
	int failed;

	if (!fp) {
		pdb_error(&cli->diag, "cannot read template '%s': %s", path, strerror(errno));
		return EXIT_DATA;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		pdb_buf_add(text, chunk, n);
	failed = ferror(fp);
	fclose(fp);
	if (failed || pdb_buf_failed(text)) {
		pdb_error(&cli->diag, "cannot read template '%s': %s", path,
			  failed ? strerror(EIO) : "out of memory");
		return EXIT_DATA;
	}
	if (memchr(text->s ? text->s : "", '\0', text->len)) {
		pdb_error(&cli->diag, "cannot read template '%s': it contains a NUL byte", path);
		return EXIT_DATA;
	}
	return 0;
}

static int export_option(struct pdb_cli *cli, int opt, const char *arg, void *ctx)
{
	struct export_args *a = ctx;

	if (opt == OPT_FORMAT) {
		a->fmt = arg;
	} else if (opt == 'o') {
		a->path = arg;
	} else if (opt == OPT_CLEAN) {
		a->eo.clean = 1;
	} else if (opt == OPT_NUMBER) {
		a->eo.number = 1;
		a->markdown_only = "--number";
	} else if (opt == OPT_MAX_AUTHORS) {
		a->markdown_only = "--max-authors";
		return parse_max_authors(cli, arg, &a->eo.max_authors);
	} else if (opt == OPT_TEMPLATE) {
		a->eo.template_name = arg;
		a->markdown_only = "--template";
	} else if (opt == OPT_GROUP_BY) {
		if (parse_group_by(arg, &a->eo.group_by) < 0)
			return cli_usage_error(cli, "unknown grouping '%s' (year, venue, type, topic)", arg);
		a->q->group = a->eo.group_by;
	} else {
		return cli_usage_error(cli, "unexpected option");
	}
	return 0;
}

int cmd_export(int argc, char **argv, struct pdb_cli *cli)
{
	static const struct option options[] = {
		CLI_FILTER_OPTIONS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "group-by", required_argument, NULL, OPT_GROUP_BY },
		{ "clean", no_argument, NULL, OPT_CLEAN },
		{ "number", no_argument, NULL, OPT_NUMBER },
		{ "max-authors", required_argument, NULL, OPT_MAX_AUTHORS },
		{ "template", required_argument, NULL, OPT_TEMPLATE },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct pdb_query q;
	struct export_args a = { { .group_by = PDB_GROUP_NONE, .me = cli_me(cli) }, &q, "bibtex",
				 NULL, NULL };
	struct pdb_buf template_text = PDB_BUF_INIT;
	int status;

	pdb_query_init(&q);
	status = cli_parse_options(cli, argc, argv, options, &q, export_option, &a, NULL);
	if (status == 0 && a.markdown_only && strcmp(a.fmt, "markdown") != 0)
		status = cli_usage_error(cli, "%s needs --format markdown", a.markdown_only);
	if (status == 0 && a.eo.template_name) {
		status = read_template(cli, a.eo.template_name, &template_text);
		a.eo.template_text = pdb_buf_str(&template_text);
	}
	if (status == 0)
		status = cli_write_export(cli, &q, a.fmt, a.path, &a.eo);
	pdb_buf_release(&template_text);
	pdb_query_release(&q);
	return status;
}
