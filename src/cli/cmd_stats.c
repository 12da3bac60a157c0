#include "cli.h"

#include "pubdb/buf.h"
#include "pubdb/stats.h"
#include "pubdb/texnorm.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

const char cmd_stats_usage[] =
	"usage: pubdb stats [FILTERS] [--format FORMAT] [--chart [svg]] [-o FILE]\n"
	"\n"
	"Counts the matching entries: in all, with the owner as first author or\n"
	"co-first author (when pubdb knows who you are), with equal-contribution\n"
	"marks, with an award; then per year, venue, type and award.\n"
	"\n"
	"  --format FORMAT   text (default) or json\n"
	"  --chart           papers per year and per venue as bars that fit the\n"
	"                    terminal\n"
	"  --chart svg       papers per year as an SVG bar chart for a web page\n"
	"  -o, --output FILE write FILE (replaced only once complete) instead of\n"
	"                    standard output\n"
	"\n"
	CLI_FILTER_USAGE;

/* Options of stats alone, numbered apart from the shared ones. */
enum { OPT_STATS_CHART = 2000 };

enum stats_output { OUT_TEXT, OUT_JSON, OUT_CHART, OUT_SVG };

struct group {
	char *label;		/* NULL: no year, no venue */
	long long n;
};

struct groups {
	struct group *v;
	size_t n;
	size_t alloc;
	long long max;
};

struct stats {
	struct pdb_stat_totals t;
	int owner_known;
	struct groups by[PDB_STAT_BY_KINDS];
};

static int add_group(void *ctx, const char *label, long long n)
{
	struct groups *g = ctx;
	char *copy = label ? strdup(label) : NULL;

	if ((label && !copy) || pdb_reserve(&g->v, &g->alloc, g->n + 1, sizeof(*g->v)) < 0) {
		free(copy);
		return PDB_ENOMEM;
	}
	g->v[g->n].label = copy;
	g->v[g->n++].n = n;
	if (n > g->max)
		g->max = n;
	return 0;
}

static void release_stats(struct stats *st)
{
	for (int k = 0; k < PDB_STAT_BY_KINDS; k++) {
		for (size_t i = 0; i < st->by[k].n; i++)
			free(st->by[k].v[i].label);
		free(st->by[k].v);
	}
}

static int load_stats(struct pdb_cli *cli, const struct pdb_query *q, struct stats *st)
{
	int rc = pdb_store_totals(cli->store, q, &st->t);

	st->owner_known = cli_me(cli) != NULL;
	for (int k = 0; rc == 0 && k < PDB_STAT_BY_KINDS; k++)
		rc = pdb_store_count_by(cli->store, q, (enum pdb_stat_by)k, add_group, &st->by[k]);
	if (rc == PDB_ENOMEM)
		pdb_error(&cli->diag, "out of memory");
	return rc;
}

static const char *const group_titles[PDB_STAT_BY_KINDS] = {
	[PDB_STAT_YEAR] = "year", [PDB_STAT_VENUE] = "venue",
	[PDB_STAT_TYPE] = "type", [PDB_STAT_AWARD] = "award",
};

static const char *label_or_none(const struct group *g)
{
	return g->label ? g->label : "(none)";
}

/* ---- text ---- */

static void print_text(FILE *out, const struct stats *st)
{
	fprintf(out, "entries             %lld\n", st->t.entries);
	if (st->owner_known) {
		fprintf(out, "first author        %lld\n", st->t.first_author);
		fprintf(out, "co-first author     %lld\n", st->t.co_first);
	}
	fprintf(out, "equal contribution  %lld\n", st->t.equal);
	fprintf(out, "with an award       %lld\n", st->t.awarded);
	for (int k = 0; k < PDB_STAT_BY_KINDS; k++) {
		if (!st->by[k].n)
			continue;
		fprintf(out, "\nby %s:\n", group_titles[k]);
		for (size_t i = 0; i < st->by[k].n; i++)
			fprintf(out, "  %5lld  %s\n", st->by[k].v[i].n, label_or_none(&st->by[k].v[i]));
	}
}

/* ---- json ---- */

static cJSON *json_groups(const struct groups *g, const char *name, int numeric)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; arr && i < g->n; i++) {
		cJSON *o = cJSON_CreateObject();
		const char *label = g->v[i].label;

		if (!o || !cJSON_AddItemToArray(arr, o)) {
			cJSON_Delete(o);
			cJSON_Delete(arr);
			return NULL;
		}
		if (!label)
			cJSON_AddNullToObject(o, name);
		else if (numeric)
			cJSON_AddNumberToObject(o, name, atoi(label));
		else
			cJSON_AddStringToObject(o, name, label);
		cJSON_AddNumberToObject(o, "count", (double)g->v[i].n);
	}
	return arr;
}

static void add_owner_count(cJSON *o, const char *name, const struct stats *st, long long n)
{
	if (st->owner_known)
		cJSON_AddNumberToObject(o, name, (double)n);
	else
		cJSON_AddNullToObject(o, name);
}

static int print_json(FILE *out, const struct stats *st)
{
	cJSON *o = cJSON_CreateObject();
	char *text;

	if (!o)
		return PDB_ENOMEM;
	cJSON_AddNumberToObject(o, "entries", (double)st->t.entries);
	add_owner_count(o, "first_author", st, st->t.first_author);
	add_owner_count(o, "co_first", st, st->t.co_first);
	cJSON_AddNumberToObject(o, "equal_contribution", (double)st->t.equal);
	cJSON_AddNumberToObject(o, "awarded", (double)st->t.awarded);
	cJSON_AddItemToObject(o, "by_year", json_groups(&st->by[PDB_STAT_YEAR], "year", 1));
	cJSON_AddItemToObject(o, "by_venue", json_groups(&st->by[PDB_STAT_VENUE], "venue", 0));
	cJSON_AddItemToObject(o, "by_type", json_groups(&st->by[PDB_STAT_TYPE], "type", 0));
	cJSON_AddItemToObject(o, "by_award", json_groups(&st->by[PDB_STAT_AWARD], "award", 0));
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!text)
		return PDB_ENOMEM;
	fprintf(out, "%s\n", text);
	cJSON_free(text);
	return 0;
}

/* ---- terminal bars ---- */

/* Bars of g, the longest filling what the width leaves after labels and counts. */
static void print_bars(FILE *out, const char *title, const struct groups *g, int width)
{
	enum { MAX_LABEL = 16, MAX_BAR = 50 };
	int label_w = 0, count_w = snprintf(NULL, 0, "%lld", g->max), room;

	for (size_t i = 0; i < g->n; i++) {
		int w = pdb_display_width(label_or_none(&g->v[i]));

		if (w > label_w)
			label_w = w;
	}
	if (label_w > MAX_LABEL)
		label_w = MAX_LABEL;
	room = width - label_w - count_w - 3;
	if (room > MAX_BAR)
		room = MAX_BAR;
	if (room < 10)
		room = 10;
	fprintf(out, "papers per %s\n", title);
	for (size_t i = 0; i < g->n; i++) {
		const char *label = label_or_none(&g->v[i]);
		int w = pdb_display_width(label);
		long long len = g->v[i].n * room / g->max;

		if (w > label_w) {	/* cut long venue texts */
			size_t bytes;

			w = pdb_display_prefix(label, label_w - 1, &bytes);
			fprintf(out, "%.*s…%*s", (int)bytes, label, label_w - 1 - w, "");
		} else {
			fprintf(out, "%s%*s", label, label_w - w, "");
		}
		fputc(' ', out);
		for (long long j = 0; j < (len ? len : 1); j++)
			fputs("█", out);
		fprintf(out, " %lld\n", g->v[i].n);
	}
}

static void print_chart(FILE *out, const struct stats *st)
{
	int width = cli_terminal_width();

	if (width == 0)
		width = 80;
	if (!st->by[PDB_STAT_YEAR].n)
		return;
	print_bars(out, "year", &st->by[PDB_STAT_YEAR], width);
	fputc('\n', out);
	print_bars(out, "venue", &st->by[PDB_STAT_VENUE], width);
}

/* ---- svg ---- */

enum {
	SVG_LEFT = 56, SVG_TOP = 40, SVG_PLOT_H = 200, SVG_SLOT = 48, SVG_BAR = 32,
	SVG_BOTTOM = 48, SVG_RIGHT = 16,
};

static void svg_escape(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", out);
		else if (*s == '>')
			fputs("&gt;", out);
		else if (*s == '&')
			fputs("&amp;", out);
		else if (*s == '"')
			fputs("&quot;", out);
		else
			fputc(*s, out);
	}
}

/* Papers per year, oldest on the left; entries without a year are left out. */
static void print_svg(FILE *out, const struct stats *st)
{
	const struct groups *g = &st->by[PDB_STAT_YEAR];
	size_t n = g->n && !g->v[g->n - 1].label ? g->n - 1 : g->n;
	int width = SVG_LEFT + (int)(n > 4 ? n : 4) * SVG_SLOT + SVG_RIGHT;	/* room for the title */
	int height = SVG_TOP + SVG_PLOT_H + SVG_BOTTOM;
	int base = SVG_TOP + SVG_PLOT_H;

	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
		" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"title desc\""
		" font-family=\"sans-serif\" font-size=\"12\">\n", width, height, width, height);
	fprintf(out, "<title id=\"title\">Papers per year</title>\n"
		"<desc id=\"desc\">%lld papers", st->t.entries);
	if (n)
		fprintf(out, " from %s to %s", g->v[n - 1].label, g->v[0].label);
	fputs(".</desc>\n", out);
	fprintf(out, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Papers per year</text>\n",
		SVG_LEFT);
	fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
		SVG_LEFT, SVG_TOP, SVG_LEFT, base);
	fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
		SVG_LEFT, base, width - SVG_RIGHT, base);
	fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", SVG_LEFT - 6, base + 4);
	fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld</text>\n",
		SVG_LEFT - 6, SVG_TOP + 4, g->max);
	fprintf(out, "<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\">papers</text>\n",
		SVG_TOP + SVG_PLOT_H / 2);
	for (size_t i = 0; i < n; i++) {
		const struct group *y = &g->v[n - 1 - i];
		double h = (double)y->n * SVG_PLOT_H / (double)g->max;
		int x = SVG_LEFT + (int)i * SVG_SLOT + (SVG_SLOT - SVG_BAR) / 2;

		fputs("<g>", out);
		fprintf(out, "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\""
			" fill=\"#4c72b0\" data-year=\"", x, base - h, SVG_BAR, h);
		svg_escape(out, y->label);
		fprintf(out, "\" data-count=\"%lld\"><title>", y->n);
		svg_escape(out, y->label);
		fprintf(out, ": %lld</title></rect>", y->n);
		fprintf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\">%lld</text>",
			x + SVG_BAR / 2, base - h - 4, y->n);
		fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", x + SVG_BAR / 2, base + 16);
		svg_escape(out, y->label);
		fputs("</text></g>\n", out);
	}
	fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">year</text>\n",
		(SVG_LEFT + width - SVG_RIGHT) / 2, height - 8);
	fputs("</svg>\n", out);
}

/* ---- the command ---- */

struct stats_args {
	enum stats_output output;
	const char *path;
	int argc;
	char **argv;
};

/* "--chart svg" as well as "--chart=svg" (getopt only gives the latter); stats takes no arguments. */
static const char *chart_kind(struct stats_args *a, const char *arg)
{
	if (!arg && optind < a->argc && a->argv[optind][0] != '-')
		arg = a->argv[optind++];
	return arg;
}

static int stats_option(struct pdb_cli *cli, int opt, const char *arg, void *ctx)
{
	struct stats_args *a = ctx;

	if (opt == 'o') {
		a->path = arg;
	} else if (opt == OPT_FORMAT) {
		if (strcmp(arg, "json") == 0)
			a->output = OUT_JSON;
		else if (strcmp(arg, "text") == 0)
			a->output = OUT_TEXT;
		else
			return cli_usage_error(cli, "unknown format '%s' (text, json)", arg);
	} else if (opt == OPT_STATS_CHART) {
		arg = chart_kind(a, arg);
		if (!arg || strcmp(arg, "terminal") == 0)
			a->output = OUT_CHART;
		else if (strcmp(arg, "svg") == 0)
			a->output = OUT_SVG;
		else
			return cli_usage_error(cli, "unknown chart '%s' (terminal, svg)", arg);
	} else {
		return cli_usage_error(cli, "unexpected option");
	}
	return 0;
}

static int write_stats(FILE *out, enum stats_output output, const struct stats *st)
{
	switch (output) {
	case OUT_JSON:
		return print_json(out, st);
	case OUT_CHART:
		print_chart(out, st);
		break;
	case OUT_SVG:
		print_svg(out, st);
		break;
	case OUT_TEXT:
		print_text(out, st);
		break;
	}
	return ferror(out) ? PDB_EIO : 0;
}

int cmd_stats(int argc, char **argv, struct pdb_cli *cli)
{
	static const struct option options[] = {
		CLI_FILTER_OPTIONS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "chart", optional_argument, NULL, OPT_STATS_CHART },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct stats_args a = { OUT_TEXT, NULL, argc, argv };
	struct pdb_buf tmp = PDB_BUF_INIT;
	struct stats st;
	struct pdb_query q;
	FILE *out;
	int status, rc;

	memset(&st, 0, sizeof(st));
	pdb_query_init(&q);
	status = cli_parse_options(cli, argc, argv, options, &q, stats_option, &a, NULL);
	if (status == 0)
		status = cli_require_owner(cli, &q);
	if (status != 0)
		goto out;
	rc = load_stats(cli, &q, &st);
	if (rc == 0) {
		out = cli_open_output(cli, a.path, &tmp);
		if (!out) {
			status = EXIT_DATA;
			goto out;
		}
		rc = cli_close_output(cli, out, a.path, &tmp, write_stats(out, a.output, &st));
		if (rc == PDB_ENOMEM)
			pdb_error(&cli->diag, "out of memory");
	}
	status = cli_status(rc);
out:
	release_stats(&st);
	pdb_query_release(&q);
	pdb_buf_release(&tmp);
	return status;
}
