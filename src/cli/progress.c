#include "progress.h"

#include "cli.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One stderr, so one progress line on the screen at most. */
static int line_shown;

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

void cli_progress_start(struct cli_progress *p, struct pdb_cli *cli, const char *verb,
			FILE *input, unsigned long total)
{
	struct stat st;

	memset(p, 0, sizeof(*p));
	p->enabled = !cli->quiet && isatty(STDERR_FILENO);
	p->verb = verb;
	p->input = input;
	p->bytes = input && fstat(fileno(input), &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : -1;
	p->total = total;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->drawn = p->start;
}

void cli_progress_update(void *ctx, unsigned long done)
{
	struct cli_progress *p = ctx;
	double elapsed;

	/* the clock is read every 256 entries only: it costs little, but not nothing */
	if (!p->enabled || done % 256 != 0 || seconds_since(&p->start) < 1.0 ||
	    seconds_since(&p->drawn) < 0.1)
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->drawn);
	elapsed = seconds_since(&p->start);
	fprintf(stderr, "\r\033[K%s: %lu", p->verb, done);
	if (p->total)
		fprintf(stderr, "/%lu", p->total);
	fprintf(stderr, " entries, %.0f/s", (double)done / elapsed);
	if (p->input && p->bytes > 0)
		fprintf(stderr, ", %.1f of %.1f MB read", (double)ftell(p->input) / 1e6,
			(double)p->bytes / 1e6);
	fflush(stderr);
	line_shown = 1;
}

void cli_progress_erase(void)
{
	if (line_shown)
		fputs("\r\033[K", stderr);
	line_shown = 0;
}

void cli_progress_end(struct cli_progress *p)
{
	(void)p;
	cli_progress_erase();
}
