/*
 * A progress line on stderr for imports and exports that take a while:
 * shown only when stderr is a terminal and not --quiet, only once a
 * second has passed, redrawn at most ten times a second, erased at the end.
 */
#ifndef PUBDB_CLI_PROGRESS_H
#define PUBDB_CLI_PROGRESS_H

#include <stdio.h>
#include <time.h>

struct pdb_cli;

struct cli_progress {
	int enabled;
	const char *verb;	/* "importing", "exporting" */
	FILE *input;		/* import: the file being read, for bytes done */
	long long bytes;	/* its size; < 0 unknown */
	unsigned long total;	/* export: entries to write; 0 unknown */
	struct timespec start, drawn;
};

/* input: the file an import reads (else NULL); total: entries an export writes. */
void cli_progress_start(struct cli_progress *p, struct pdb_cli *cli, const char *verb,
			FILE *input, unsigned long total);
/* A pdb_progress_fn: ctx is the struct cli_progress. */
void cli_progress_update(void *ctx, unsigned long done);
/* Erases the line, if one was drawn. */
void cli_progress_end(struct cli_progress *p);
/* Erases any progress line on the screen: a message is about to be printed. */
void cli_progress_erase(void);

#endif
