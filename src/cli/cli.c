#include "cli.h"
#include "progress.h"

#include "pubdb/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int cli_usage_error(struct pdb_cli *cli, const char *fmt, ...)
{
	va_list ap;

	fputs("pubdb: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cli->cmd)
		fprintf(stderr, "\n%s", cli->cmd->usage);
	return EXIT_USAGE;
}

int cli_bad_option(struct pdb_cli *cli, int opt, char **argv)
{
	if (opt == ':')
		return cli_usage_error(cli, "option '%s' needs a value", argv[optind - 1]);
	return cli_usage_error(cli, "unknown option '%s'", argv[optind - 1]);
}

int cli_help(struct pdb_cli *cli)
{
	fputs(cli->cmd->usage, stdout);
	return EXIT_OK;
}

int cli_status(int rc)
{
	switch (rc) {
	case PDB_OK:
		return EXIT_OK;
	case PDB_EUSAGE:
		return EXIT_USAGE;
	case PDB_EDB:
		return EXIT_DB;
	default:
		return EXIT_DATA;
	}
}

int cli_use_color(const struct pdb_cli *cli)
{
	const char *no_color = getenv("NO_COLOR");

	/* no-color.org: a command-line flag overrides NO_COLOR */
	if (cli->color != CLI_COLOR_AUTO)
		return cli->color == CLI_COLOR_ALWAYS;
	return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

int cli_terminal_width(void)
{
	struct winsize ws;
	const char *columns = getenv("COLUMNS");
	long n;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	n = columns ? strtol(columns, NULL, 10) : 0;
	return n > 0 && n < 10000 ? (int)n : 80;
}

int cli_open_store(struct pdb_cli *cli)
{
	int rc = pdb_store_open(&cli->store, cli->db_path, &cli->diag);

	/* the owner, for queries and output that mark "me" */
	if (rc == 0)
		rc = pdb_store_set_owner(cli->store, cli_me(cli));
	return cli_status(rc);
}

static int wants_owner(const struct pdb_query *q)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->v[i].kind == PDB_FILTER_FIRST_AUTHOR)
			return 1;
	return 0;
}

int cli_require_owner(struct pdb_cli *cli, const struct pdb_query *q)
{
	if (wants_owner(q) && !cli_me(cli))
		return cli_usage_error(cli, "--first-author needs to know who you are: use --me NAME,"
				       " set PUBDB_ME, or run 'pubdb config set me \"Your Name\"'");
	return 0;
}

const char *cli_me(struct pdb_cli *cli)
{
	if (!cli->me && cli->store && !cli->me_stored)
		pdb_config_get(cli->store, "me", &cli->me_stored);
	return cli->me ? cli->me : cli->me_stored;
}

int cli_parse_count(const char *arg, long min, long *n)
{
	char *end;

	errno = 0;
	*n = strtol(arg, &end, 10);
	return errno || *end || end == arg || *n < min ? -1 : 0;
}

static int parse_limit(struct pdb_cli *cli, const char *arg, struct pdb_query *q)
{
	long n;

	if (cli_parse_count(arg, 0, &n) < 0) {
		cli_usage_error(cli, "invalid limit '%s' (expected a number)", arg);
		return -1;
	}
	q->limit = n;
	return 1;
}

int cli_filter_option(struct pdb_cli *cli, int opt, const char *arg, struct pdb_query *q)
{
	static const struct {
		int opt;
		enum pdb_filter_kind kind;
	} kinds[] = {
		{ OPT_YEAR, PDB_FILTER_YEAR }, { OPT_SINCE, PDB_FILTER_SINCE },
		{ OPT_UNTIL, PDB_FILTER_UNTIL }, { OPT_AUTHOR, PDB_FILTER_AUTHOR },
		{ OPT_TYPE, PDB_FILTER_TYPE }, { OPT_KEY, PDB_FILTER_KEY },
		{ OPT_VENUE, PDB_FILTER_VENUE }, { OPT_AWARD, PDB_FILTER_AWARD },
		{ OPT_TOPIC, PDB_FILTER_TOPIC }, { OPT_TAG, PDB_FILTER_TAG },
		{ OPT_SELECTED, PDB_FILTER_SELECTED }, { OPT_EQUAL, PDB_FILTER_EQUAL },
		{ OPT_FIRST_AUTHOR, PDB_FILTER_FIRST_AUTHOR }, { OPT_SEARCH, PDB_FILTER_SEARCH },
	};
	int rc;

	if (opt == OPT_LIMIT)
		return parse_limit(cli, arg, q);
	if (opt == OPT_SORT)
		rc = pdb_query_set_sort(q, arg, &cli->diag);
	else {
		size_t i;

		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (kinds[i].opt == opt)
				break;
		if (i == sizeof(kinds) / sizeof(kinds[0]))
			return 0;
		rc = pdb_query_add(q, kinds[i].kind, arg, &cli->diag);
	}
	if (rc == PDB_EUSAGE) {
		if (cli->cmd)
			fprintf(stderr, "\n%s", cli->cmd->usage);
		return -1;
	}
	return rc < 0 ? -1 : 1;
}

/* "-o" is short for "--output" where a command has it. */
static const char *short_options(const struct option *options)
{
	for (; options->name; options++)
		if (options->val == 'o')
			return ":o:";
	return ":";
}

int cli_parse_options(struct pdb_cli *cli, int argc, char **argv, const struct option *options,
		      struct pdb_query *q, cli_option_fn *other, void *ctx, int *positional)
{
	const char *shortopts = short_options(options);
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, options, NULL)) != -1) {
		int r;

		/* "--award NAME" as well as "--award=NAME" and a bare "--award" */
		if (opt == OPT_AWARD && !optarg && optind < argc && argv[optind][0] != '-')
			optarg = argv[optind++];
		r = q ? cli_filter_option(cli, opt, optarg, q) : 0;

		if (r < 0)
			return EXIT_USAGE;
		if (r > 0)
			continue;
		if (opt == '?' || opt == ':')
			return cli_bad_option(cli, opt, argv);
		r = other(cli, opt, optarg, ctx);
		if (r != 0)
			return r;
	}
	if (positional)
		*positional = optind;
	else if (optind < argc)
		return cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
	return 0;
}

int cli_strings_addf(struct pdb_cli *cli, struct cli_strings *l, const char *fmt, ...)
{
	struct pdb_buf b = PDB_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	pdb_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (pdb_buf_failed(&b) || pdb_reserve(&l->v, &l->alloc, l->n + 1, sizeof(*l->v)) < 0) {
		pdb_buf_release(&b);
		pdb_error(&cli->diag, "out of memory");
		return EXIT_DATA;
	}
	l->v[l->n++] = pdb_buf_detach(&b);
	return 0;
}

int cli_change_entries(struct pdb_cli *cli, char **keys, int n, cli_key_fn *fn, void *ctx,
		       int (*finish)(struct pdb_store *s))
{
	int status = EXIT_OK, rc = pdb_store_begin(cli->store);

	for (int i = 0; rc == 0 && i < n; i++) {
		rc = fn(cli, keys[i], ctx);
		if (rc == PDB_ENOTFOUND) {
			pdb_error(&cli->diag, "no entry with key '%s'", keys[i]);
			status = EXIT_DATA;
			rc = 0;
		}
	}
	if (rc == 0 && finish)
		rc = finish(cli->store);
	if (rc == 0)
		rc = pdb_store_commit(cli->store);
	if (rc < 0) {
		pdb_store_rollback(cli->store);
		return cli_status(rc);
	}
	return status;
}

void cli_strings_release(struct cli_strings *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* -o FILE: written beside FILE first, renamed over it only when complete. */
static FILE *open_temp_beside(const char *path, struct pdb_buf *tmp)
{
	int fd;
	FILE *fp;

	pdb_buf_reset(tmp);
	pdb_buf_addf(tmp, "%s.XXXXXX", path);
	if (pdb_buf_failed(tmp))
		return NULL;
	fd = mkstemp(tmp->s);
	if (fd < 0)
		return NULL;
	fp = fdopen(fd, "w");
	if (!fp) {
		close(fd);
		unlink(tmp->s);
	}
	return fp;
}

FILE *cli_open_output(struct pdb_cli *cli, const char *path, struct pdb_buf *tmp)
{
	FILE *out;

	if (!path)
		return stdout;
	out = open_temp_beside(path, tmp);
	if (!out)
		pdb_error(&cli->diag, "cannot write '%s': %s", path, strerror(errno));
	return out;
}

int cli_close_output(struct pdb_cli *cli, FILE *out, const char *path, struct pdb_buf *tmp, int rc)
{
	if (path) {
		if (fclose(out) != 0 && rc == 0)
			rc = PDB_EIO;
		if (rc == 0 && rename(tmp->s, path) != 0)
			rc = PDB_EIO;
		if (rc != 0)
			unlink(tmp->s);
	}
	/* a failed standard output is reported once, at exit (main.c) */
	if (rc == PDB_EIO && path)
		pdb_error(&cli->diag, "cannot write '%s': %s", path, strerror(errno ? errno : EIO));
	return rc;
}

/* The export, with a progress line when it takes a while (and stdout is not the terminal). */
static int export_with_progress(struct pdb_cli *cli, const struct pdb_query *q,
				const struct pdb_exporter *ex, FILE *out,
				const struct pdb_export_opts *opts)
{
	struct pdb_export_opts o = *opts;
	struct cli_progress progress;
	long long total = 0;
	int rc;

	cli_progress_start(&progress, cli, "exporting", NULL, 0);
	if (progress.enabled && isatty(fileno(out)))
		progress.enabled = 0;	/* the entries themselves show progress */
	if (progress.enabled && pdb_store_count(cli->store, q, &total) == 0)
		progress.total = (unsigned long)total;
	o.progress = cli_progress_update;
	o.progress_ctx = &progress;
	rc = pdb_export_run(cli->store, q, ex, out, &o, &cli->diag);
	cli_progress_end(&progress);
	return rc;
}

int cli_write_export(struct pdb_cli *cli, const struct pdb_query *q, const char *fmt,
		     const char *path, const struct pdb_export_opts *opts)
{
	const struct pdb_exporter *ex = pdb_exporter_find(fmt);
	struct pdb_export_opts colored = *opts;
	struct pdb_buf tmp = PDB_BUF_INIT;
	FILE *out;
	int rc;

	if (!ex) {
		struct pdb_buf names = PDB_BUF_INIT;
		const struct pdb_exporter *const *all = pdb_exporters();

		for (size_t i = 0; all[i]; i++)
			pdb_buf_addf(&names, "%s%s", i ? ", " : "", all[i]->name);
		rc = cli_usage_error(cli, "unknown format '%s' (%s)", fmt, pdb_buf_str(&names));
		pdb_buf_release(&names);
		return rc;
	}
	rc = cli_require_owner(cli, q);
	if (rc != 0)
		return rc;
	out = cli_open_output(cli, path, &tmp);
	if (!out) {
		pdb_buf_release(&tmp);
		return EXIT_DATA;
	}
	colored.color = !path && cli_use_color(cli);
	rc = export_with_progress(cli, q, ex, out, &colored);
	rc = cli_close_output(cli, out, path, &tmp, rc);
	pdb_buf_release(&tmp);
	return cli_status(rc);
}
